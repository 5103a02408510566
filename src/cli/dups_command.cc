// `newsloom dups`: the duplicate groups of a corpus, in memory (nothing is
// stored): every article is compared, in publication order, with the ones
// before it (src/dedup/detector.h).
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "dedup/groups.h"
#include "engine/engine.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

// The id people know an article by: the input's own (JSONL `id`), else
// where it came from (the file path, or "path:LINE").
const std::string& InputId(const Article& a) {
  return a.external_id.empty() ? a.input : a.external_id;
}

double Rounded(double x) { return std::round(x * 1000) / 1000; }

nlohmann::json GroupsJson(const std::vector<Article>& articles,
                          const std::vector<DuplicateGroup>& groups) {
  nlohmann::json out = nlohmann::json::array();
  for (const DuplicateGroup& g : groups) {
    nlohmann::json members = nlohmann::json::array();
    for (const GroupMember& m : g.members) {
      nlohmann::json j = {{"id", InputId(articles[m.article])},
                          {"kind", DuplicateKindName(m.kind)},
                          {"similarity", Rounded(m.similarity)}};
      if (m.matched != g.canonical) j["matched"] = InputId(articles[m.matched]);
      members.push_back(std::move(j));
    }
    out.push_back({{"canonical", InputId(articles[g.canonical])},
                   {"outlets", g.outlets},
                   {"members", std::move(members)}});
  }
  return {{"groups", std::move(out)}};
}

void PrintGroups(const std::vector<Article>& articles,
                 const std::vector<DuplicateGroup>& groups) {
  auto title = [](const Article& a) {
    return a.title.empty() ? std::string("(no title)") : PrintableText(a.title);
  };
  for (size_t i = 0; i < groups.size(); ++i) {
    const DuplicateGroup& g = groups[i];
    const Article& c = articles[g.canonical];
    std::cout << "Group " << i + 1 << ": " << title(c) << "\n  canonical "
              << PrintableText(InputId(c));
    for (size_t k = 0; k < g.outlets.size(); ++k) {
      std::cout << (k == 0 ? "  outlets " : ", ") << PrintableText(g.outlets[k]);
    }
    std::cout << "\n";
    for (const GroupMember& m : g.members) {
      const Article& a = articles[m.article];
      std::printf("  - %-9s %.2f  ",
                  std::string(DuplicateKindName(m.kind)).c_str(), m.similarity);
      std::cout << PrintableText(InputId(a)) << "  " << title(a);
      if (m.matched != g.canonical) {
        std::cout << "  (compared with "
                  << PrintableText(InputId(articles[m.matched])) << ")";
      }
      std::cout << "\n";
    }
  }
}

}  // namespace

int RunDups(const DupsOptions& o) {
  std::vector<Article> articles;
  ProblemPrinter problems;
  const ReadStats stats = ReadInputs(
      o.inputs, o.read, [&](Article&& a) { articles.push_back(std::move(a)); },
      [&](const IngestError& e) { problems(e); });
  problems.Finish();
  if (articles.empty()) {
    // As every command that reads inputs: 2 when some were reported; and
    // --json still prints its (empty) object.
    if (o.json) std::cout << DumpJson(GroupsJson(articles, {})) << "\n";
    std::cerr << "newsloom: no articles to compare\n";
    return stats.errors > 0 ? kExitPartial : kExitOk;
  }
  SortForClustering(&articles);
  const std::vector<DuplicateGroup> groups =
      FindDuplicateGroups(articles, DedupOptions());
  std::map<std::string_view, size_t> kinds;
  size_t members = 0;
  for (const DuplicateGroup& g : groups) {
    members += g.members.size();
    for (const GroupMember& m : g.members) ++kinds[DuplicateKindName(m.kind)];
  }
  if (o.json) {
    std::cout << DumpJson(GroupsJson(articles, groups)) << "\n";
  } else {
    PrintGroups(articles, groups);
  }
  std::cerr << "newsloom: " << articles.size() << " articles, " << groups.size()
            << " duplicate groups, " << members << " duplicates";
  for (const auto& [kind, n] : kinds) std::cerr << ", " << n << " " << kind;
  std::cerr << "\n";
  return stats.errors > 0 ? kExitPartial : kExitOk;
}

}  // namespace newsloom
