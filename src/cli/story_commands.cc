// `newsloom timeline`: what a story's articles say happened, and when.
#include <iostream>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "ingest/reader.h"
#include "story/timeline.h"

namespace newsloom {
namespace {

// Every article the engine kept from `o`'s inputs, in ingest order
// (duplicates included: a copy is one more report of its days).
Result<std::vector<StoredArticle>> ReadAll(const IngestOptions& o, int* code) {
  ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, OpenEngine(":memory:", o.commit_every));
  std::vector<Article> batch;
  size_t errors = 0, added = 0, present = 0;
  ReadInputs(o.inputs, o.read, [&](Article&& a) { batch.push_back(std::move(a)); },
             [&](const IngestError& e) {
               ++errors;
               std::cerr << "newsloom: " << e.ToString() << "\n";
             });
  RETURN_IF_ERROR(AddArticles(*engine, &batch, &added, &present));
  *code = errors > 0 ? kExitPartial : kExitOk;
  Store& store = *engine->store();
  ASSIGN_OR_RETURN(int64_t n, store.CountArticles());
  std::vector<StoredArticle> out;
  for (int64_t seq = 1; seq <= n; ++seq) {
    ASSIGN_OR_RETURN(StoredArticle a, store.GetArticleBySeq(seq));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

int RunTimeline(const TimelineCommandOptions& o) {
  int code = kExitOk;
  Result<std::vector<StoredArticle>> stored = ReadAll(o.ingest, &code);
  if (!stored.ok()) {
    std::cerr << "newsloom: " << stored.status().ToString() << "\n";
    return kExitFatal;
  }
  std::vector<const Article*> articles;
  for (const StoredArticle& a : *stored) articles.push_back(&a.article);
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(articles);
  TimelineOptions options;
  options.max_dates = o.dates;
  const std::vector<TimelineEntry> timeline = BuildTimeline(articles, notes, options);
  if (o.json) {
    nlohmann::json entries = nlohmann::json::array();
    for (const TimelineEntry& e : timeline) {
      nlohmann::json citations = nlohmann::json::array();
      for (const Citation& c : e.citations) {
        citations.push_back({{"article", c.article}, {"outlet", c.outlet},
                             {"start", c.start}, {"end", c.end}});
      }
      entries.push_back({{"date", e.date}, {"text", e.text}, {"score", e.score},
                         {"citations", std::move(citations)}});
    }
    std::cout << DumpJson({{"timeline", std::move(entries)}}) << "\n";
    return code;
  }
  for (const TimelineEntry& e : timeline) {
    std::cout << e.date << "  " << Abbreviate(e.text, 200) << "\n";
    std::cout << "            [" << e.citations.size() << " source"
              << (e.citations.size() == 1 ? "" : "s") << ": ";
    for (size_t i = 0; i < e.citations.size(); ++i) {
      std::cout << (i ? ", " : "")
                << (e.citations[i].outlet.empty() ? e.citations[i].article
                                                  : e.citations[i].outlet);
    }
    std::cout << "]\n";
  }
  return code;
}

}  // namespace newsloom
