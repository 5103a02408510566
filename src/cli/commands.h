// The newsloom commands. Each Run* function does one command's work and
// returns the process exit code (see ExitCode); main.cc parses the command
// line with CLI11 and fills the options structs.
#ifndef NEWSLOOM_CLI_COMMANDS_H_
#define NEWSLOOM_CLI_COMMANDS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "base/time.h"
#include "cluster/options.h"
#include "feed/fetcher.h"
#include "ingest/read_options.h"
#include "store/store.h"

namespace newsloom {

class Engine;

// Exit codes, stable for scripts.
enum ExitCode : int {
  kExitOk = 0,       // everything was read and stored
  kExitFatal = 1,    // nothing was done: bad usage, store unusable, ...
  kExitPartial = 2,  // done, but some inputs were reported and skipped
};

struct IngestOptions {
  std::vector<std::string> inputs;
  std::string db = "newsloom.db";
  ReadOptions read;
  size_t batch = 50000;  // articles sorted by date together
  // Articles per store transaction (EngineOptions::commit_every): a crash
  // or kill loses at most the uncommitted ones, and the next run of the
  // same ingest stores them (stored articles are skipped).
  size_t commit_every = 6000;
  // Articles between two saves of the clustering state
  // (EngineOptions::state_every; 0: at every commit). A restart replays at
  // most this many committed articles.
  size_t state_every = 20000;  // as EngineOptions (cli_test checks)
  bool quiet = false;
  // Afterwards, annotate every story the run added articles to and keep
  // the annotations in the store (engine/annotations.h, schema 4), where
  // `show` and reports read them instead of computing them again.
  bool annotate = false;
  // Every this many articles (0: never), one JSON line on stderr with the
  // articles done, the CPU and wall seconds so far, the resident and peak
  // memory: {"progress":{"articles","cpu_seconds","wall_seconds",
  // "rss_mib","peak_rss_mib"}}. For long runs, and for plotting the cost
  // per article as a stream grows (scripts/stream_plot.py).
  size_t progress_every = 0;
  // When not empty, a file to write one JSON line per article to, saying
  // why it went to its event and story (engine/explain.h).
  std::string explain;
};
int RunIngest(const IngestOptions& options);

struct ClusterCommandOptions {
  IngestOptions ingest;  // db is ignored: a fresh in-memory store
  bool json = false;
};
int RunCluster(const ClusterCommandOptions& options);

// `newsloom annotate`: entities, dates and quotes of every input article
// (engine/annotations.h), the inputs clustered in memory first so that each
// story's articles are annotated together.
//
// With `store` and no inputs: the stories of that store annotated again
// and the annotations kept, replacing what an older newsloom stored (all
// stories, or those of `stories`); one transaction per story.
struct AnnotateOptions {
  IngestOptions ingest;  // db is ignored: a fresh in-memory store
  bool json = false;
  std::string store;             // --db: annotate this store's stories again
  std::vector<int64_t> stories;  // --story: only these (with --db)
  bool quiet = false;
};
int RunAnnotate(const AnnotateOptions& options);

// `newsloom timeline`: all inputs as one story, its dated timeline
// (story/timeline.h).
struct TimelineCommandOptions {
  IngestOptions ingest;  // db is ignored: a fresh in-memory store
  bool json = false;
  size_t dates = 0;      // days on the timeline (0: every well-supported day)
};
int RunTimeline(const TimelineCommandOptions& options);

// `newsloom report`: a story's report (story/report.h) from the store.
struct ReportOptions {
  std::string db = "newsloom.db";
  std::string id;             // story number ("" with all)
  bool all = false;           // every story, one file each in `out`
  std::string format = "md";  // json, md or html
  std::string out;            // file (or folder with all); "" = stdout
};
int RunReport(const ReportOptions& options);

struct StoriesOptions {
  std::string db = "newsloom.db";
  size_t limit = 0;
  bool json = false;
  // Filters (StoryFilter, store/store.h); empty: none. Days are
  // YYYY-MM-DD, `until` inclusive.
  std::string search, entity, lang, outlet, since, until;
};
int RunStories(const StoriesOptions& options);

struct CheckOptions {
  std::string db = "newsloom.db";
  bool quick = false;
  bool json = false;
  bool rebuild_search_index = false;
  bool forget_saved_state = false;
};
// `newsloom check`: engine/check.h's checks of a store. Exit 0 when it is
// sound, 2 when problems were found (each printed), 1 when it cannot be
// checked (no store, not a SQLite file).
int RunCheck(const CheckOptions& options);

struct ShowOptions {
  std::string db = "newsloom.db";
  std::string id;
  bool json = false;
};
int RunShow(const ShowOptions& options);

struct EvalOptions {
  std::vector<std::string> inputs;
  std::string level = "event";  // or "story"
  bool json = false;
  std::string model;  // a join model file instead of the shipped one
  // When set, one JSON line per article (in the order eval adds them:
  // date order) is written there: where it was read ("file:line"), its id,
  // its gold event and story, and the event and story it was put in.
  std::string predictions;
  // With predictions: each line also has the fields of ExplanationJson
  // (engine/explain.h) that it lacks ("why", "candidates", ...).
  bool explain = false;
  ReadOptions read;
};
int RunEval(const EvalOptions& options);

struct TrainOptions {
  std::vector<std::string> inputs;  // labelled JSONL files, one stream each
  std::string out;                  // model file to write ("" = stdout)
  double l2 = 1e-3;
  ReadOptions read;
};
int RunTrain(const TrainOptions& options);

struct ExtractCommandOptions {
  std::vector<std::string> inputs;
  bool jsonl = false;  // one JSON object per input instead of text for people
  ReadOptions read;
};
int RunExtract(const ExtractCommandOptions& options);

struct EvalExtractionOptions {
  std::string dir;    // ground-truth.json + html/<id>.html.gz
  bool json = false;
  bool per_page = false;
  std::string dump;   // folder to write each page's extracted text to
  int runs = 1;       // timed passes; pages/s is their median
};
int RunEvalExtraction(const EvalExtractionOptions& options);

// `newsloom eval-annotations`: scores the annotators on labelled corpora.
// Each Run* prints its scores (JSON with `json`) and returns an ExitCode.
struct EvalAnnotationsOptions {
  std::string entities;  // CoNLL file (ner/): conlleval exact-match P/R/F1
  std::string timex;     // TimeML folder(s) or BIO TSV (timex/): TempEval-3
  std::string quotes;    // PolNeAR folder (quotes/): attribution scores
  std::string lang;      // language of the corpus ("" = from the file name)
  bool json = false;
};
int RunEvalEntities(const EvalAnnotationsOptions& options);
int RunEvalTimex(const EvalAnnotationsOptions& options);
int RunEvalQuotes(const EvalAnnotationsOptions& options);

struct DupsOptions {
  std::vector<std::string> inputs;
  bool json = false;
  ReadOptions read;
};
int RunDups(const DupsOptions& options);

struct WatchOptions {
  std::string feeds_file;     // one feed URL or path per line (feed_list.h)
  std::string db = "newsloom.db";
  std::string interval = "10m";  // between polls (ParseInterval)
  bool once = false;          // poll once and exit
  bool quiet = false;         // print only errors and warnings
  ReadOptions read;           // caps of the item pages and texts
  FetchOptions fetch;         // timeouts, size cap, redirects, pacing
};
int RunWatch(const WatchOptions& options);

// The feed poller of `newsloom watch`, shared with `newsloom serve
// --feeds`: what one poll reads and writes goes through a FeedSink, the
// engine's store in `watch`, the server's writer thread in `serve`.
class FeedSink {
 public:
  virtual ~FeedSink() = default;
  // What the store keeps about a feed (its validators), nullopt if new.
  virtual Result<std::optional<FeedStateRow>> FeedState(const std::string& url) = 0;
  // Whether the item with this key of this feed was taken before.
  virtual Result<bool> ItemSeen(const std::string& url, const std::string& key) = 0;
  // Clusters and stores `articles` as `ingest` does, and once they are
  // committed, marks `keys` seen and saves `state` (so a crash between the
  // two re-reads the items, never loses one); counts into *added and
  // *already_present. `articles` and `keys` may be empty (a feed not
  // modified: only its state is saved).
  virtual Status Store(std::vector<Article> articles,
                       const std::vector<std::string>& keys,
                       const FeedStateRow& state, size_t* added,
                       size_t* already_present) = 0;
};

// What one poll of the feeds did.
struct PollTotals {
  size_t feeds = 0;
  size_t not_modified = 0;
  size_t failed_feeds = 0;
  size_t new_items = 0;
  size_t item_errors = 0;  // new items that gave no article
  // Items skipped as another item's repeat (same key, other text): the
  // same guid and link, or no guid and the same link.
  size_t skipped_items = 0;
  size_t added = 0;
  size_t already_present = 0;
  Status fatal;  // a store failure stops the run
};

// Polls `feeds` once (see watch_command.cc): conditional GETs, new items'
// pages fetched and read, everything stored through `sink`; one line on
// stderr per problem (and, unless options.quiet, per feed). Stops between
// feeds and items when `stopping()` turns true.
PollTotals PollFeeds(const std::vector<std::string>& feeds,
                     const WatchOptions& options, Fetcher& fetcher,
                     FeedSink& sink, const std::function<bool()>& stopping);

// Marks `keys` of feed state.url seen (at state.checked_at) and saves
// `state`, in one transaction: the end of FeedSink::Store.
Status RememberFeed(Store& store, const std::vector<std::string>& keys,
                    const FeedStateRow& state);

// The feed URLs or paths of a feeds file (feed/feed_list.h); NotFound or
// InvalidArgument naming the file.
Result<std::vector<std::string>> ReadFeedsFile(const std::string& path);

// `newsloom serve`: the HTTP API of docs/api.md and the web UI over the
// store (src/serve/server.h), until SIGINT/SIGTERM. Compiled into the
// newsloom executable with src/serve, not into newsloom_cli.
struct ServeCommandOptions {
  std::string db = "newsloom.db";
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 = any free
  std::string token_file;     // its one line is the bearer token for POST
  bool allow_anonymous_writes = false;
  std::vector<std::string> allow_hosts;  // Host names answered besides loopback ones
  std::string web_dir;        // serve the UI from here, not the binary
  size_t threads = 32;        // request workers (= clients at once)
  size_t max_request_bytes = ReadOptions().max_request_bytes;
  std::string watch_dir;      // ingest files that appear in this folder
  std::string feeds_file;     // poll these feeds (as `newsloom watch`)
  std::string interval = "10m";  // between feed polls and folder scans
  bool quiet = false;
  ReadOptions read;
  FetchOptions fetch;
};
int RunServe(const ServeCommandOptions& options);

// Shared by ingest and watch: the store at `db` (created when missing;
// ":memory:" for none) and the engine on it, committing every
// `commit_every` articles (EngineOptions::commit_every) and saving the
// clustering state every `state_every` (EngineOptions::state_every).
Result<std::unique_ptr<Engine>> OpenEngine(const std::string& db,
                                           size_t commit_every = 6000,
                                           size_t state_every = 20000);
// Shared by ingest and watch: sorts `batch` for clustering and adds it to
// `engine`, counting into *added and *already_present; stops at the first
// store failure and returns it. Leaves `batch` empty.
// `after_each`, when given, is called after each article with the count
// so far (*added + *already_present). Two kinds of article get a warning
// on stderr naming its input, each for the first kWarningsShown of its kind
// counted in `warnings` (when given): one not stored because another title
// or text is stored at its URL (AddResult::stored_differs; counted as
// present), and one dated in the future and more than a year after the
// rest of the stream (AddResult::far_ahead_of; stored).
inline constexpr size_t kWarningsShown = 100;
struct AddWarnings {
  size_t differing = 0;  // of the already present: another text at the URL
  size_t far_ahead = 0;  // of the added: dated far ahead of the stream
  size_t total() const { return differing + far_ahead; }
};
// The differing warning's line (without "newsloom: "), for the article read
// from `input` at `url` whose URL holds stored article `id`.
std::string DifferingWarning(std::string_view input, std::string_view url, std::string_view id);
// The far-ahead warning's line, for the article read from `input` dated
// `published` when the newest article of the stream was of `stream_time`.
std::string FarAheadWarning(std::string_view input, UnixSeconds published,
                            UnixSeconds stream_time);
// With `explain`, one line per article of ExplanationJson (engine/explain.h);
// the engine must explain (Engine::set_explain).
Status AddArticles(Engine& engine, std::vector<Article>* batch, size_t* added,
                   size_t* already_present,
                   const std::function<void(size_t)>& after_each = nullptr,
                   AddWarnings* warnings = nullptr, std::ostream* explain = nullptr);

// Shared by cluster, annotate and timeline: `o`'s inputs read into a
// fresh in-memory engine (o.db is ignored). Sets *code to the exit code of
// the reading (kExitPartial when inputs were reported and skipped); null
// after a fatal error (reported on stderr, *code kExitFatal).
std::unique_ptr<Engine> ClusterInMemory(const IngestOptions& o, int* code);

// Shared by eval and train: the articles of `inputs` that have a gold
// event, sorted for clustering; reports the rest on stderr.
std::vector<Article> ReadLabelledArticles(const std::vector<std::string>& inputs,
                                          const ReadOptions& options,
                                          size_t* errors);
// The store at `db`, which must exist ("no store at DB (create one with
// `newsloom ingest PATH --db DB`)" when it does not): read-only, or with
// `writes` claimed for writing.
Result<std::unique_ptr<Store>> OpenExisting(const std::string& db, bool writes = false);

// The bytes of a small file a command is given (`what` names it in
// messages: "feeds file", "token file"): NotFound when there is none,
// InvalidArgument for a folder, or for one over `max_bytes` (the message
// then ends with `over_cap_hint`, when given).
Result<std::string> ReadGivenFile(const std::string& path, std::string_view what,
                                  size_t max_bytes, std::string_view over_cap_hint = {});

// Default cluster options, with the event join model read from
// `model_path` unless it is empty.
Result<ClusterOptions> ClusterOptionsWithModel(const std::string& model_path);

}  // namespace newsloom

#endif  // NEWSLOOM_CLI_COMMANDS_H_
