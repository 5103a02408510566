// `newsloom ingest` and `newsloom cluster`: read inputs, cluster, store.
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>

#include "base/utf8.h"
#include "cli/commands.h"
#include "engine/explain.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

struct IngestTotals {
  ReadStats read;
  size_t added = 0;
  size_t already_present = 0;
  AddWarnings warnings;  // articles added or skipped with a warning
  Status fatal;  // a store failure stops the run
  std::function<void(size_t)> progress;  // IngestOptions::progress_every
  std::ostream* explain = nullptr;        // IngestOptions::explain
};

// Sorts and adds one batch; records the first store failure.
void AddBatch(Engine& engine, std::vector<Article>* batch, IngestTotals* t) {
  if (!t->fatal.ok()) {
    batch->clear();
    return;
  }
  t->fatal = AddArticles(engine, batch, &t->added, &t->already_present, t->progress,
                         &t->warnings, t->explain);
}

double CpuSeconds(const rusage& u) {
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
         u.ru_stime.tv_usec / 1e6;
}

// Resident memory now, in MiB (Linux: /proc/self/statm), or -1.
double ResidentMib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = -1;
  if (!(statm >> pages >> resident)) return -1;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// The progress lines of IngestOptions::progress_every.
std::function<void(size_t)> ProgressPrinter(size_t every) {
  if (every == 0) return nullptr;
  const auto start = std::chrono::steady_clock::now();
  return [every, start, next = every](size_t done) mutable {
    if (done < next) return;
    next = (done / every + 1) * every;
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    nlohmann::json j = {{"articles", done},
                        {"cpu_seconds", CpuSeconds(u)},
                        {"wall_seconds", wall},
                        {"rss_mib", ResidentMib()},
                        {"peak_rss_mib", u.ru_maxrss / 1024.0}};
    std::cerr << nlohmann::json{{"progress", j}}.dump() << std::endl;
  };
}

// The --explain file (IngestOptions::explain), opened before anything is
// stored so that a path that cannot be written stops the run at once.
class ExplainFile {
 public:
  // OK with nothing open when `path` is empty; "-" is standard output
  // (whose write errors main() reports, as for every command's output).
  Status Open(const std::string& path) {
    path_ = path;
    if (path.empty()) return Status::OK();
    stdout_ = path == "-";
    if (stdout_) return Status::OK();
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) {
      return Status::IoError("cannot write --explain " + path + ": " + std::strerror(errno));
    }
    return Status::OK();
  }
  std::ostream* stream() { return stdout_ ? &std::cout : out_.is_open() ? &out_ : nullptr; }
  // Closes the file. A failed write (a full disk) loses only explanations:
  // it is a warning, kExitPartial, and the run's other work stands (the
  // articles are stored; running the ingest again cannot write them, as
  // they are then already present).
  int Close(int code) {
    if (stdout_) std::cout.flush();
    if (!out_.is_open()) return code;
    out_.close();
    if (out_) return code;
    std::cerr << "newsloom: warning: writing --explain " << path_
              << " failed (a full disk?): the explanations are incomplete; nothing "
                 "else is affected\n";
    return code == kExitFatal ? code : kExitPartial;
  }

 private:
  std::string path_;
  bool stdout_ = false;
  std::ofstream out_;
};

IngestTotals IngestInto(Engine& engine, const IngestOptions& o, std::ostream* explain) {
  IngestTotals t;
  t.progress = ProgressPrinter(o.progress_every);
  if (explain != nullptr) {
    engine.set_explain(true);
    t.explain = explain;
  }
  std::vector<Article> batch;
  ProblemPrinter problems;
  t.read = ReadInputs(
      o.inputs, o.read,
      [&](Article&& a) {
        batch.push_back(std::move(a));
        if (batch.size() >= o.batch) AddBatch(engine, &batch, &t);
      },
      [&](const IngestError& e) { problems(e); },
      [&](const IngestNote& n) {
        if (!o.quiet) std::cerr << "newsloom: " << n.ToString() << "\n";
      });
  problems.Finish();
  AddBatch(engine, &batch, &t);
  if (t.fatal.ok()) t.fatal = engine.Flush();
  return t;
}

// quiet: no totals (`-q`, and the in-memory commands, which print what
// they found instead); say_when_empty: say when no article was read at all
// (the in-memory commands would otherwise print nothing).
int Finish(const IngestTotals& t, bool quiet, bool say_when_empty = false) {
  if (!t.fatal.ok()) {
    std::cerr << "newsloom: " << t.fatal.ToString() << "\n";
    return kExitFatal;
  }
  if (!quiet) {
    std::cerr << "newsloom: " << Counted(t.added, "article", "articles")
              << " added, " << t.already_present << " already present, from "
              << Counted(t.read.files, "file", "files") << "; "
              << Counted(t.read.errors, "error", "errors") << ", "
              << Counted(t.read.warnings + t.warnings.total(), "warning", "warnings");
    if (t.read.skipped_files) {
      std::cerr << ", "
                << Counted(t.read.skipped_files, "file", "files")
                << " of other types skipped";
    }
    std::cerr << "\n";
  } else if (say_when_empty && t.added + t.already_present == 0 && t.read.errors == 0) {
    std::cerr << "newsloom: no articles in the inputs\n";
  }
  return t.read.errors > 0 ? kExitPartial : kExitOk;
}

// Annotates the stories of the articles stored after the first `before`
// and keeps the annotations in the store.
Status AnnotateNewStories(Engine& engine, int64_t before, bool quiet) {
  Store& store = *engine.store();
  ASSIGN_OR_RETURN(int64_t after, store.CountArticles());
  std::set<int64_t> events, stories;
  for (int64_t seq = before + 1; seq <= after; ++seq) {
    ASSIGN_OR_RETURN(StoredArticle a, store.GetArticleBySeq(seq));
    events.insert(a.event_id);
  }
  for (int64_t e : events) {
    ASSIGN_OR_RETURN(EventRow row, store.GetEvent(e));
    stories.insert(row.story_id);
  }
  Annotator annotator;
  size_t articles = 0;
  RETURN_IF_ERROR(StoreStoryAnnotations(store, stories, annotator, &articles));
  PrintWarnings(annotator);
  if (!quiet) {
    std::cerr << "newsloom: annotated "
              << Counted(articles, "article", "articles") << " in "
              << Counted(stories.size(), "story", "stories") << "\n";
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Engine>> OpenEngine(const std::string& db,
                                           size_t commit_every,
                                           size_t state_every) {
  StoreOptions so;
  so.claim_writer = true;  // before any migration (store.h)
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(db, so));
  EngineOptions options;
  options.persist_state = db != ":memory:";
  options.commit_every = commit_every;
  options.state_every = state_every;
  return Engine::Open(std::move(store), options);
}

std::string DifferingWarning(std::string_view input, std::string_view url, std::string_view id) {
  return "warning: " + PrintableText(input) + ": not stored: the article stored for its URL " +
         PrintableText(Abbreviate(url, 200)) +
         (IdentityUrl(url) != url ? " (click tags such as utm_ aside)" : "") + " (id " +
         std::string(id) +
         ") has another title or text, and a URL is one article (the stored one is kept; "
         "give this one its own url to keep both)";
}

std::string FarAheadWarning(std::string_view input, UnixSeconds published,
                            UnixSeconds stream_time) {
  return "warning: " + PrintableText(input) + ": dated " + FormatIsoDate(published) +
         ", in the future and more than a year after every other article of the "
         "stream (the newest " +
         FormatIsoDate(stream_time) + "): stored as dated, but check its date";
}

Status AddArticles(Engine& engine, std::vector<Article>* batch, size_t* added,
                   size_t* already_present,
                   const std::function<void(size_t)>& after_each, AddWarnings* warnings,
                   std::ostream* explain) {
  SortForClustering(batch);
  Status s;
  AddWarnings warnings_here;
  if (warnings == nullptr) warnings = &warnings_here;
  for (Article& a : *batch) {
    const std::string input = a.input, url = a.url;
    const std::optional<UnixSeconds> published = PublishedLocal(a);  // the outlet's day
    const std::string title = explain != nullptr ? a.title : std::string();
    Result<AddResult> r = engine.Add(std::move(a));
    if (!r.ok()) {
      s = r.status();
      break;
    }
    if (explain != nullptr) {
      *explain << ExplanationJson({input, title, published}, *r)
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
               << "\n";
    }
    ++*(r->already_present ? already_present : added);
    if (r->stored_differs && ++warnings->differing <= kWarningsShown) {
      std::cerr << "newsloom: " << DifferingWarning(input, url, r->id) << "\n";
    }
    if (r->far_ahead_of && published && ++warnings->far_ahead <= kWarningsShown) {
      std::cerr << "newsloom: " << FarAheadWarning(input, *published, *r->far_ahead_of)
                << "\n";
    }
    if (after_each) after_each(*added + *already_present);
  }
  batch->clear();
  return s;
}

namespace {

// Before a store is made or opened: a store given as an input (the --db
// forgotten), or inputs none of which exist (a typo), would otherwise
// leave a new, empty store behind.
Status CheckIngestInputs(const std::vector<std::string>& inputs) {
  size_t missing = 0;
  for (const std::string& input : inputs) {
    if (input == "-") continue;
    std::error_code ec;
    if (!std::filesystem::exists(input, ec)) {
      ++missing;
      continue;
    }
    if (!std::filesystem::is_regular_file(input, ec)) continue;
    char head[16] = {};
    std::ifstream in(input, std::ios::binary);
    in.read(head, sizeof head);
    if (in.gcount() == sizeof head && std::memcmp(head, "SQLite format 3", 16) == 0) {
      return Status::InvalidArgument(input + " is a store, not articles (to add to it: --db " +
                                     input + ")");
    }
  }
  if (!inputs.empty() && missing == inputs.size()) {
    return Status::NotFound(std::string(inputs.size() == 1 ? "the input does" : "no input")
                            + (inputs.size() == 1 ? " not exist: " : " exists: ") +
                            inputs.front() + (inputs.size() > 1 ? ", ..." : "") +
                            " (nothing read, no store made)");
  }
  return Status::OK();
}

}  // namespace

int RunIngest(const IngestOptions& o) {
  if (Status s = CheckIngestInputs(o.inputs); !s.ok()) {
    std::cerr << "newsloom: " << PrintableText(s.message()) << "\n";
    return kExitFatal;
  }
  ExplainFile explain;
  if (Status s = explain.Open(o.explain); !s.ok()) {
    std::cerr << "newsloom: " << s.ToString() << "\n";
    return kExitFatal;
  }
  Result<std::unique_ptr<Engine>> engine =
      OpenEngine(o.db, o.commit_every, o.state_every);
  if (!engine.ok()) {
    std::cerr << "newsloom: " << engine.status().ToString() << "\n";
    return kExitFatal;
  }
  for (const std::string& line : {(*engine)->ReplaySummary(), (*engine)->RestoreSummary()}) {
    if (!line.empty() && !o.quiet) std::cerr << "newsloom: " << line << "\n";
  }
  Result<int64_t> before = (*engine)->store()->CountArticles();
  IngestTotals t = IngestInto(**engine, o, explain.stream());
  int code = explain.Close(Finish(t, o.quiet));
  if (code != kExitFatal && o.annotate && before.ok()) {
    Status s = AnnotateNewStories(**engine, *before, o.quiet);
    if (!s.ok()) {
      std::cerr << "newsloom: annotating: " << s.ToString() << "\n";
      code = kExitFatal;
    }
  }
  if (code == kExitFatal) {
    // Each transaction is all or nothing, and stored articles are skipped
    // on the next run, so the way out of any store failure is the same.
    std::cerr << "newsloom: the articles committed to " << o.db
              << " before the failure are kept; once that is fixed, run the "
                 "same ingest again: it skips what is stored and adds the "
                 "rest\n";
  } else if (!o.quiet) {
    Result<std::vector<StoryRow>> stories = (*engine)->store()->ListStories();
    Result<int64_t> n = (*engine)->store()->CountArticles();
    if (stories.ok() && n.ok()) {
      std::cerr << "newsloom: " << o.db << " now holds "
                << Counted(*n, "article", "articles") << " in "
                << Counted(stories->size(), "story", "stories") << "\n";
    }
  }
  return code;
}

std::unique_ptr<Engine> ClusterInMemory(const IngestOptions& o, int* code) {
  ExplainFile explain;
  if (Status s = explain.Open(o.explain); !s.ok()) {
    std::cerr << "newsloom: " << s.ToString() << "\n";
    *code = kExitFatal;
    return nullptr;
  }
  Result<std::unique_ptr<Engine>> engine = OpenEngine(":memory:", o.commit_every);
  if (!engine.ok()) {
    std::cerr << "newsloom: " << engine.status().ToString() << "\n";
    *code = kExitFatal;
    return nullptr;
  }
  IngestTotals t = IngestInto(**engine, o, explain.stream());
  *code = explain.Close(Finish(t, /*quiet=*/true, /*say_when_empty=*/true));
  if (*code == kExitFatal) return nullptr;
  return std::move(*engine);
}

int RunCluster(const ClusterCommandOptions& o) {
  int code = kExitOk;
  std::unique_ptr<Engine> engine = ClusterInMemory(o.ingest, &code);
  if (engine == nullptr) return code;
  Store& store = *engine->store();
  Status s;
  if (o.json) {
    // Every article with its entities, dates and quotes, annotated with
    // the rest of its story.
    Annotator annotator;
    Result<nlohmann::json> j = StoriesJson(store, 0, &annotator);
    if (j.ok()) std::cout << DumpJson(*j) << "\n";
    s = j.status();
  } else {
    Result<std::vector<StoryRow>> rows = store.ListStories();
    s = rows.status();
    for (size_t i = 0; s.ok() && i < rows->size(); ++i) {
      s = PrintStoryTree(store, (*rows)[i], std::cout, /*annotator=*/nullptr);
    }
  }
  if (!s.ok()) {
    std::cerr << "newsloom: " << s.ToString() << "\n";
    return kExitFatal;
  }
  return code;
}

namespace {

// `annotate --db`: the stories of a store annotated again, kept in it.
int AnnotateStore(const AnnotateOptions& o) {
  Result<std::unique_ptr<Store>> opened = OpenExisting(o.store, /*writes=*/true);
  if (!opened.ok()) {
    std::cerr << "newsloom: " << PrintableText(opened.status().ToString()) << "\n";
    return kExitFatal;
  }
  Store& store = **opened;
  std::vector<int64_t> ids;
  if (o.stories.empty()) {
    Result<std::vector<StoryRow>> rows = store.ListStories();
    if (!rows.ok()) {
      std::cerr << "newsloom: " << rows.status().ToString() << "\n";
      return kExitFatal;
    }
    for (const StoryRow& r : *rows) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
  } else {
    for (int64_t id : std::set<int64_t>(o.stories.begin(), o.stories.end())) {
      Result<StoryRow> r = GetStoryFollowingMerges(store, &id);
      if (!r.ok()) {
        std::cerr << "newsloom: " << LookupFailure(r.status(), "story", id, store)
                  << "\n";
        return kExitFatal;
      }
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  Annotator annotator;
  size_t articles = 0, done = 0;
  auto last = std::chrono::steady_clock::now();
  for (const int64_t id : ids) {
    if (Status s = StoreStoryAnnotations(store, {id}, annotator, &articles); !s.ok()) {
      std::cerr << "newsloom: annotating story " << id << ": " << s.ToString() << "\n"
                << "newsloom: the " << Counted(done, "story", "stories")
                << " annotated before it are kept\n";
      return kExitFatal;
    }
    ++done;
    if (!o.quiet && std::chrono::steady_clock::now() - last > std::chrono::seconds(10)) {
      last = std::chrono::steady_clock::now();
      std::cerr << "newsloom: " << done << " of " << Counted(ids.size(), "story", "stories")
                << " annotated\n";
    }
  }
  PrintWarnings(annotator);
  if (!o.quiet) {
    std::cerr << "newsloom: annotated " << Counted(articles, "article", "articles") << " in "
              << Counted(done, "story", "stories") << " of " << PrintableText(o.store) << "\n";
  }
  return kExitOk;
}

}  // namespace

int RunAnnotate(const AnnotateOptions& o) {
  if (!o.store.empty() && !o.ingest.inputs.empty()) {
    std::cerr << "newsloom: annotate takes inputs (annotated in memory) or --db (a store's "
                 "stories annotated again), not both\n";
    return kExitFatal;
  }
  if (!o.stories.empty() && o.store.empty()) {
    std::cerr << "newsloom: --story needs --db: the store whose story it is\n";
    return kExitFatal;
  }
  if (!o.store.empty() && (o.json || !o.ingest.read.source.empty())) {
    std::cerr << "newsloom: " << (o.json ? "--json" : "--source")
              << " applies to inputs annotated in memory; with --db the annotations are "
                 "kept in the store (`newsloom show` and `report` read them)\n";
    return kExitFatal;
  }
  if (!o.store.empty()) return AnnotateStore(o);
  if (o.ingest.inputs.empty()) {
    std::cerr << "newsloom: annotate needs inputs, or --db to annotate a store's stories "
                 "again; see `newsloom annotate --help`\n";
    return kExitFatal;
  }
  int code = kExitOk;
  std::unique_ptr<Engine> engine = ClusterInMemory(o.ingest, &code);
  if (engine == nullptr) return code;
  Store& store = *engine->store();
  // Each story's articles are annotated together; the output lists the
  // articles in ingest order.
  Result<std::vector<StoryRow>> stories = store.ListStories();
  if (!stories.ok()) {
    std::cerr << "newsloom: " << stories.status().ToString() << "\n";
    return kExitFatal;
  }
  struct Done {
    StoredArticle article;
    int64_t story = 0;
    ArticleAnnotations notes;
  };
  std::vector<Done> done;
  Annotator annotator;
  for (const StoryRow& story : *stories) {
    Result<std::vector<StoredArticle>> stored = StoryArticles(store, story.id);
    if (!stored.ok()) {
      std::cerr << "newsloom: " << stored.status().ToString() << "\n";
      return kExitFatal;
    }
    std::vector<StoredArticle>& members = *stored;
    std::vector<const Article*> all;
    for (const StoredArticle& a : members) all.push_back(&a.article);
    std::vector<ArticleAnnotations> notes = annotator.Annotate(all);
    for (size_t i = 0; i < members.size(); ++i) {
      done.push_back({std::move(members[i]), story.id, std::move(notes[i])});
    }
  }
  std::sort(done.begin(), done.end(), [](const Done& a, const Done& b) {
    return a.article.seq < b.article.seq;
  });
  PrintWarnings(annotator);
  if (o.json) {
    nlohmann::json articles = nlohmann::json::array();
    for (const Done& d : done) {
      nlohmann::json j = ArticleJson(d.article, /*with_text=*/false, std::nullopt);
      j.erase("duplicate_of");
      j.erase("duplicate_kind");
      j.erase("similarity");
      j["story"] = d.story;
      j["event"] = d.article.event_id;
      j.update(AnnotationsToJson(d.notes));
      articles.push_back(std::move(j));
    }
    std::cout << DumpJson({{"articles", std::move(articles)}}) << "\n";
    return code;
  }
  for (const Done& d : done) {
    const Article& a = d.article.article;
    std::cout << a.input << "  (" << a.lang << ", " << DateText(PublishedLocal(a))
              << ", story " << d.story << ")\n";
    PrintAnnotations(a, d.notes, std::cout);
    std::cout << "\n";
  }
  return code;
}

}  // namespace newsloom
