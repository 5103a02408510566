// `newsloom timeline`: what a story's articles say happened, and when.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "ingest/reader.h"
#include "story/report.h"
#include "story/timeline.h"

namespace newsloom {
namespace {

// Every article the engine kept from `o`'s inputs, in ingest order
// (duplicates included: a copy is one more report of its days).
Result<std::vector<StoredArticle>> ReadAll(const IngestOptions& o, int* code) {
  std::unique_ptr<Engine> engine = ClusterInMemory(o, code);
  if (engine == nullptr) return Status::InvalidArgument("no articles read");
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
  if (code == kExitFatal) return code;  // reported
  if (!stored.ok()) {
    std::cerr << "newsloom: " << stored.status().ToString() << "\n";
    return kExitFatal;
  }
  std::vector<const Article*> whole;
  for (const StoredArticle& a : *stored) whole.push_back(&a.article);
  // What `report` reads of a long article (base/article.h).
  std::deque<Article> cut;
  const std::vector<const Article*> articles = CutLongTexts(whole, kMaxAnalyzedTextBytes, &cut);
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(articles);
  PrintWarnings(annotator);
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
                         {"articles", e.articles}, {"citations", std::move(citations)}});
    }
    std::cout << DumpJson({{"timeline", std::move(entries)}}) << "\n";
    return code;
  }
  for (const TimelineEntry& e : timeline) {
    std::cout << e.date << "  " << PrintableText(Abbreviate(e.text, 200)) << "\n";
    // Each outlet once, with its number of articles when more than one.
    std::vector<std::pair<std::string, size_t>> outlets;
    for (const Citation& c : e.citations) {
      const std::string& name = c.outlet.empty() ? c.article : c.outlet;
      auto it = std::find_if(outlets.begin(), outlets.end(),
                             [&](const auto& o) { return o.first == name; });
      if (it == outlets.end()) {
        outlets.emplace_back(name, 1);
      } else {
        ++it->second;
      }
    }
    // Every article that names or reports the day; the outlets of those
    // cited (at most TimelineOptions::max_citations).
    std::cout << "            [" << Counted(e.articles, "article", "articles");
    if (e.articles > e.citations.size()) std::cout << ", " << e.citations.size() << " cited";
    std::cout << ": ";
    for (size_t i = 0; i < outlets.size(); ++i) {
      std::cout << (i ? ", " : "") << PrintableText(outlets[i].first)
                << (outlets[i].second > 1 ? " (" + std::to_string(outlets[i].second) + ")"
                                          : std::string());
    }
    std::cout << "]\n";
  }
  if (timeline.empty()) {
    const bool dated = std::any_of(articles.begin(), articles.end(),
                                   [](const Article* a) { return a->published.has_value(); });
    // Whether any day is supported at all, for the hint.
    TimelineOptions any = options;
    any.max_dates = 1;
    const bool weak = o.dates == 0 && !BuildTimeline(articles, notes, any).empty();
    std::cerr << "newsloom: no day on the timeline: "
              << (weak ? "none is supported twice (named by two articles, or by one "
                         "and published on); --dates N lists the N best supported, "
                         "however weakly"
                  : dated ? "no article names a day near its publication"
                          : "no article has a publication day, and none names a day "
                            "with its year")
              << "\n";
  }
  return code;
}

}  // namespace newsloom

namespace newsloom {
namespace {

std::string Render(const StoryReport& r, const std::string& format) {
  if (format == "json") return DumpJson(ReportJson(r)) + "\n";
  if (format == "html") return ReportHtml(r);
  return ReportMarkdown(r);
}

}  // namespace

Status WriteFile(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  auto error = [&](int err) {
    return Status::IoError("cannot write " + path + ": " + std::strerror(err));
  };
  auto in_place = [&]() {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return error(errno);
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const int write_errno = errno;
    if (std::fclose(f) != 0 || !ok) return error(ok ? errno : write_errno);
    return Status::OK();
  };
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::exists(st) && !fs::is_regular_file(st)) return in_place();
  ec.clear();  // status() of a new file set it
  const fs::path target = fs::exists(st) ? fs::canonical(path, ec) : fs::path(path);
  if (ec) return error(ec.value());
  const std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
  auto fail = [&](int err) {
    std::remove(tmp.c_str());
    return error(err);
  };
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  // A writable report in a folder that is not: written in place, as
  // before reports were renamed.
  if (f == nullptr && fs::exists(st) && (errno == EACCES || errno == EROFS)) {
    return in_place();
  }
  if (f == nullptr) return error(errno);
  if (fs::exists(st)) {
    fs::permissions(tmp, st.permissions(), ec);  // the report keeps its mode
  }
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() &&
                  std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  const int write_errno = errno;
  if (std::fclose(f) != 0 || !ok) return fail(ok ? errno : write_errno);
  if (std::rename(tmp.c_str(), target.c_str()) != 0) return fail(errno);
  return Status::OK();
}

Status CheckWritable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return Status::InvalidArgument("cannot write " + path + ": it is a folder");
  }
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec)) {
    return Status::InvalidArgument("cannot write " + path + ": no folder " + folder.string());
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    const int folder_errno = errno;  // before exists() may set it
    if (!fs::exists(path, ec) || ::access(path.c_str(), W_OK) != 0) {
      return Status::IoError("cannot write " + path + ": " + std::strerror(folder_errno));
    }
  }
  return Status::OK();
}


int RunReport(const ReportOptions& o) {
  Result<std::unique_ptr<Store>> store = OpenExisting(o.db);
  if (!store.ok()) {
    std::cerr << "newsloom: " << store.status().ToString() << "\n";
    return kExitFatal;
  }
  std::vector<StoryRow> stories;
  if (o.all) {
    Result<std::vector<StoryRow>> rows = (*store)->ListStories();
    if (!rows.ok()) {
      std::cerr << "newsloom: " << rows.status().ToString() << "\n";
      return kExitFatal;
    }
    stories = std::move(*rows);
    std::error_code ec;
    std::filesystem::create_directories(o.out, ec);
    if (ec) {
      std::cerr << "newsloom: cannot create " << o.out << ": " << ec.message() << "\n";
      return kExitFatal;
    }
  } else {
    // A story's number, or e<number>: the story of that event, as `show`
    // takes it.
    const bool event = o.id.size() > 1 && (o.id[0] == 'e' || o.id[0] == 'E');
    const std::string number = event ? o.id.substr(1) : o.id;
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos ||
        number.size() > 15) {
      std::cerr << "newsloom: report: \"" << PrintableText(Abbreviate(o.id, 80))
                << "\" is not a story number or an event (e<number>); see `newsloom stories`\n";
      return kExitFatal;
    }
    int64_t id = std::stoll(number);
    if (event) {
      Result<EventRow> e = GetEventFollowingMerges(**store, &id);
      if (!e.ok()) {
        std::cerr << "newsloom: " << LookupFailure(e.status(), "event", id, **store) << "\n";
        return kExitFatal;
      }
      id = e->story_id;
    }
    Result<StoryRow> row = GetStoryFollowingMerges(**store, &id);
    if (!row.ok()) {
      std::cerr << "newsloom: " << LookupFailure(row.status(), "story", id, **store)
                << "\n";
      return kExitFatal;
    }
    stories.push_back(std::move(*row));
  }
  Annotator annotator;
  const std::string ext = o.format == "md" ? ".md" : "." + o.format;
  for (const StoryRow& story : stories) {
    Result<ReportInput> in = ReportInputOf(**store, story);
    if (!in.ok()) {
      std::cerr << "newsloom: " << in.status().ToString() << "\n";
      return kExitFatal;
    }
    const std::string bytes = Render(BuildReport(std::move(*in), annotator), o.format);
    if (o.out.empty()) {
      std::cout << bytes;
      continue;
    }
    const std::string path =
        o.all ? (std::filesystem::path(o.out) / ("story-" + std::to_string(story.id) + ext)).string()
              : o.out;
    Status s = WriteFile(path, bytes);
    if (!s.ok()) {
      std::cerr << "newsloom: " << s.ToString() << "\n";
      return kExitFatal;
    }
  }
  PrintWarnings(annotator);
  if (o.all) {
    std::cerr << "newsloom: wrote " << stories.size() << " reports to " << o.out << "\n";
  }
  return kExitOk;
}

}  // namespace newsloom
