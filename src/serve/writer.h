// IngestWriter: the one thread of `newsloom serve` that writes. It owns the
// Engine (engine/engine.h) and its read-write Store connection; HTTP
// handlers, the watched folder and the feed poller hand it work through a
// queue and wait on a future. Readers use their own read-only connections
// (WAL mode: they never block the writer nor each other).
//
//   ASSIGN_OR_RETURN(auto writer, IngestWriter::Start("news.db", {}, &metrics));
//   std::future<IngestOutcome> done = writer->Submit(std::move(articles));
//   IngestOutcome outcome = done.get();   // committed when it returns
//   writer->Stop();                       // drains the queue, commits, joins
//
// Articles go through the same engine path as `newsloom ingest`: each
// submitted batch is added in clustering order (ClusteringOrder),
// and everything the thread took from the queue at once is committed with
// one Engine::Commit() before any future is made ready: an article reported
// stored is committed (the clustering state is saved when due, and when
// the writer stops; Engine::Open replays what a crash left unsaved). An
// article already in the store is reported as such and changes nothing
// (ids are stable, base/article.h).
//
// Commits are grouped: work arriving within WriterOptions::commit_interval
// of the last commit waits for it, and is committed with the rest (a
// commit costs a sync, and now and then saves the clustering state).
//
// Annotations (like `ingest --annotate`, which annotates whole stories):
// the new articles are annotated (entities, dates, quotes; with their
// entity rows for the entity search) together with the most recent
// WriterOptions::annotate_context articles of their story, once the queue
// is idle, or at least every annotate_delay under continuous load. The
// older articles keep their annotations. The cost of a pass is bounded by
// the new articles, not by the size of their stories, and a pass runs in
// slices of WriterOptions::annotate_slice between commits, so annotating
// delays an ingest answer by one slice at most.
//
// Store failures. The batch in hand gets the failure's Status (the server
// answers 503) and nothing of it is known to be stored; what was committed
// before is kept. The Engine may have clustered part of the batch in
// memory before the store refused it, so it is not used again:
//  - another process holding the store's write lock past the store's busy
//    timeout (a Status whose message says "database is locked", store.h)
//    is passing: the writer drops its Engine (closing its connection rolls
//    back the open transaction and releases the writer claim) and opens a
//    new one from the store (Engine::Open: the saved clustering state,
//    then a replay of the articles committed after it), before it takes
//    the next work, or after WriterOptions::recover_interval when idle.
//    Until that succeeds every batch fails the same way. The reopen costs
//    the state's decoding plus the replay (up to EngineOptions::state_every
//    articles, about 1,500 a second); in memory the clusters are then
//    exactly the store's.
//  - any other failure (full disk, a damaged file, a lost connection)
//    stops the writer for good: the batch in hand and every later one get
//    that Status, and the message says to restart the server once the
//    cause is fixed (Engine::Open then replays what is unsaved).
// failure() tells which state the writer is in (GET /api/health reports
// it).
//
// Thread safety: every public method may be called from any thread.
#ifndef NEWSLOOM_SERVE_WRITER_H_
#define NEWSLOOM_SERVE_WRITER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/article.h"
#include "base/status.h"
#include "serve/metrics.h"

namespace newsloom {

class Annotator;
class Engine;

// What the writer did with one submitted article.
struct IngestedArticle {
  std::string id;
  int64_t event = 0;  // its event and story (0: not clustered)
  int64_t story = 0;
  std::optional<std::string> duplicate_of = {};  // the canonical it copies
  bool already_present = false;             // stored before; nothing changed
  // With already_present: the article stored at its URL has another title
  // or text (AddResult::stored_differs); that one is kept.
  bool stored_differs = false;
  // When stored dated in the future and more than a year after the rest of
  // the stream: the newest date of the stream then (AddResult::far_ahead_of).
  std::optional<UnixSeconds> far_ahead_of = {};
  // When the submission asked for it: why it went where it did
  // (engine/explain.h, ExplanationJson).
  std::optional<nlohmann::ordered_json> explanation = {};
};

struct IngestOutcome {
  // OK, or the store failure that stopped the writer (then nothing of this
  // batch is known to be stored), or kNotSupported after Stop().
  Status status;
  std::vector<IngestedArticle> articles;  // in the order submitted
};

struct WriterOptions {
  // Articles per transaction while adding (EngineOptions::commit_every);
  // a drained queue is committed as a whole in any case.
  size_t commit_every = 2000;
  // Least time between two commits. Requests that arrive meanwhile wait
  // and are committed together: a commit costs a sync, and the one that
  // saves the clustering state (every EngineOptions::state_every articles,
  // engine.h) writes megabytes (12.7 MB at 5,000 synthetic articles, 0.3-0.6
  // s to encode and write). When a commit takes longer than this, the next
  // waits as long as it took.
  std::chrono::milliseconds commit_interval{100};
  // Annotate the stories that got articles and index their entities.
  bool annotate = true;
  // Other articles of a story (its most recent) annotated together with
  // its new ones, as context: names and dates resolve across them.
  size_t annotate_context = 2;
  // Longest wait between an article's commit and its story's annotation
  // while requests keep arriving (when the queue is idle it is at once).
  std::chrono::milliseconds annotate_delay{2000};
  // Longest the writer annotates before it looks at the queue again: a
  // pass over many stories goes in slices, so a POST never waits for a
  // whole pass (up to seconds) before its commit.
  std::chrono::milliseconds annotate_slice{100};
  // The writer thread's nice value (0 = the process's; Linux, per
  // thread). Ingest and annotation are throughput work and the request
  // workers latency work: at 10 the workers preempt the writer, which
  // still gets every cycle they leave.
  int nice = 10;
  // After a lock timeout (see "Store failures" above), the least time
  // between two attempts to reopen the engine while no work arrives;
  // work that arrives tries at once.
  std::chrono::milliseconds recover_interval{2000};
  // Prints one line per annotation problem on stderr unless quiet.
  bool quiet = false;
};

class IngestWriter {
 public:
  // Opens (creating or migrating) the store at `db` and the engine on it on
  // the calling thread, so that when Start returns, read-only connections
  // can open the file, then starts the thread. `metrics` (may be null)
  // counts ingested articles; it must outlive the writer.
  static Result<std::unique_ptr<IngestWriter>> Start(const std::string& db,
                                                     const WriterOptions& options,
                                                     Metrics* metrics);
  ~IngestWriter();  // Stop()
  IngestWriter(const IngestWriter&) = delete;
  IngestWriter& operator=(const IngestWriter&) = delete;

  // Queues `articles`; the future is ready once they are committed (or
  // failed). After Stop() the future is ready at once with kNotSupported
  // ("the server is shutting down"). With `explain`, each outcome says why
  // (IngestedArticle::explanation; the clusters are the same).
  std::future<IngestOutcome> Submit(std::vector<Article> articles, bool explain = false);

  // Runs `job` on the writer thread, in queue order, after the articles
  // queued before it are committed, with the engine (for work that must
  // write through the one connection, such as a feed's state). The job
  // must not keep the engine. After Stop(): kNotSupported.
  std::future<Status> Run(std::function<Status(Engine&)> job);

  // Stops taking work, finishes everything queued (committed and
  // annotated), and joins the thread. Idempotent.
  void Stop();

  // Bumped after every commit and annotation pass: what readers have
  // cached from before is stale. Bumped before the futures of the
  // committed work are made ready, so a request that arrives after an
  // answer reads a generation that includes it.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // OK while the writer stores articles; else the store failure that made
  // it stop (for good, or until its engine is reopened: see "Store
  // failures" above). The message may name the store's path.
  Status failure() const;

 private:
  struct Job;
  IngestWriter(std::string db, std::unique_ptr<Engine> engine,
               const WriterOptions& options, Metrics* metrics);
  void Loop();
  void RunJobs(std::vector<Job>& jobs);
  // Annotates dirty stories until `deadline` (at least one story); the
  // rest stay dirty for the next slice.
  void AnnotateDirty(std::chrono::steady_clock::time_point deadline);
  Status Fail(const Status& s);
  // After a passing failure (recoverable_): drops the engine and opens a
  // new one from the store; true when the writer works again.
  bool Recover();
  void Publish(const Status& failure);

  const std::string db_;
  std::unique_ptr<Engine> engine_;  // null after a failed Recover()
  WriterOptions options_;
  Metrics* metrics_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Job> queue_;  // guarded by mu_
  bool stopping_ = false;   // guarded by mu_

  // Writer thread only.
  std::unique_ptr<Annotator> annotator_;  // made at the first pass
  Status failed_;  // the store failure, once one happened (OK after Recover)
  bool recoverable_ = false;  // failed_ is a lock timeout (see Recover)
  std::chrono::steady_clock::time_point last_recover_;  // last attempt
  // (story, article id) of the articles stored since the last pass.
  std::vector<std::pair<int64_t, std::string>> dirty_stories_;
  std::chrono::steady_clock::time_point dirty_since_;
  std::chrono::steady_clock::time_point last_commit_;
  std::chrono::steady_clock::duration last_flush_{};  // the last Commit() took
  std::atomic<uint64_t> generation_{0};
  mutable std::mutex failure_mu_;
  Status failure_;  // failed_ as other threads see it; guarded by failure_mu_
  std::thread thread_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_WRITER_H_
