#include "serve/writer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <utility>
#include <variant>

#include "cli/commands.h"
#include "cli/render.h"
#include "engine/annotations.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "store/store.h"

namespace newsloom {

struct IngestWriter::Job {
  struct Articles {
    std::vector<Article> articles;
    std::promise<IngestOutcome> done;
    bool explain = false;
  };
  struct Task {
    std::function<Status(Engine&)> fn;
    std::promise<Status> done;
  };
  std::variant<Articles, Task> work;
};

namespace {

// A write that waited past the store's busy timeout for another process's
// lock (store.h: IoError "... database is locked ...", from SQLite and
// PostgreSQL alike): the transaction was rolled back, and retrying later
// may succeed. So may a reopen that found another process claiming the
// store as its writer in the moment the old engine had let it go
// (Store::ClaimWriter: a cron `ingest` the running server had kept out):
// once that one is done, the server claims it again.
bool IsLockTimeout(const Status& s) {
  return s.code() == Status::Code::kIoError &&
         (s.message().find("database is locked") != std::string::npos ||
          s.message().find(Store::kWriterTaken) != std::string::npos);
}

Status ShuttingDown() {
  return Status::NotSupported("the server is shutting down; nothing was stored");
}

// What the store says about an article that was already there.
IngestedArticle PresentArticle(Store& store, const std::string& id) {
  IngestedArticle out{.id = id, .already_present = true};
  Result<StoredArticle> a = store.GetArticle(id);
  if (!a.ok()) return out;
  out.event = a->event_id;
  if (Result<EventRow> e = store.GetEvent(a->event_id); e.ok()) {
    out.story = e->story_id;
  }
  if (Result<std::optional<DuplicateRow>> d = store.GetDuplicate(id); d.ok() && *d) {
    out.duplicate_of = (*d)->canonical_id;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<IngestWriter>> IngestWriter::Start(
    const std::string& db, const WriterOptions& options, Metrics* metrics) {
  ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine,
                   OpenEngine(db, options.commit_every));
  for (const std::string& line : {engine->ReplaySummary(), engine->RestoreSummary()}) {
    if (!line.empty() && !options.quiet) std::cerr << "newsloom: serve: " << line << "\n";
  }
  std::unique_ptr<IngestWriter> w(
      new IngestWriter(db, std::move(engine), options, metrics));
  // Made here, before the server listens, not at the first pass: building
  // the annotator's tables takes a while, and POSTs would wait for it.
  if (options.annotate) w->annotator_ = std::make_unique<Annotator>();
  w->thread_ = std::thread([p = w.get()] { p->Loop(); });
  return w;
}

IngestWriter::IngestWriter(std::string db, std::unique_ptr<Engine> engine,
                           const WriterOptions& options, Metrics* metrics)
    : db_(std::move(db)), engine_(std::move(engine)), options_(options),
      metrics_(metrics) {}

IngestWriter::~IngestWriter() { Stop(); }  // before engine_ and annotator_ go

std::future<IngestOutcome> IngestWriter::Submit(std::vector<Article> articles,
                                                bool explain) {
  Job::Articles work{std::move(articles), {}, explain};
  std::future<IngestOutcome> f = work.done.get_future();
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) {
    work.done.set_value({ShuttingDown(), {}});
    return f;
  }
  queue_.push_back(Job{std::move(work)});
  cv_.notify_one();
  return f;
}

std::future<Status> IngestWriter::Run(std::function<Status(Engine&)> job) {
  Job::Task work{std::move(job), {}};
  std::future<Status> f = work.done.get_future();
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) {
    work.done.set_value(ShuttingDown());
    return f;
  }
  queue_.push_back(Job{std::move(work)});
  cv_.notify_one();
  return f;
}

Status IngestWriter::failure() const {
  std::lock_guard<std::mutex> lock(failure_mu_);
  return failure_;
}

void IngestWriter::Publish(const Status& failure) {
  std::lock_guard<std::mutex> lock(failure_mu_);
  failure_ = failure;
}

void IngestWriter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void IngestWriter::Loop() {
  if (options_.nice != 0) {
    // Best effort: a failure leaves the thread at the process's priority.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), options_.nice);
  }
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (queue_.empty() && !stopping_) {
      if (!failed_.ok() && recoverable_) {
        // Locked out by another process: try again now and then, so that
        // the writer (and /api/health) recovers without waiting for work.
        if (!cv_.wait_until(lock, last_recover_ + options_.recover_interval,
                            [this] { return !queue_.empty() || stopping_; })) {
          lock.unlock();
          Recover();
          lock.lock();
          continue;
        }
      } else if (dirty_stories_.empty()) {
        cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      } else {
        // Idle with stories to annotate: annotate unless work arrives
        // right away (a client sending one article per request).
        cv_.wait_for(lock, std::chrono::milliseconds(20),
                     [this] { return !queue_.empty() || stopping_; });
      }
    }
    if (queue_.empty()) {
      lock.unlock();
      AnnotateDirty(std::chrono::steady_clock::now() + options_.annotate_slice);
      lock.lock();
      if (stopping_ && queue_.empty() && dirty_stories_.empty()) {
        lock.unlock();
        // Save the clustering state, so that the next start has nothing to
        // replay (Engine::Flush).
        if (failed_.ok()) {
          if (Status s = engine_->Flush(); !s.ok()) Fail(s);
        }
        return;
      }
      continue;
    }
    // Group commit: work that arrives within commit_interval of the last
    // commit waits for the rest of it and is committed with the others,
    // since a commit costs a sync and now and then saves the whole
    // clustering state (EngineOptions::state_every). A commit that took
    // longer than the interval stretches it, so that committing never
    // takes more than about half the writer's time.
    const auto due = last_commit_ + std::max<std::chrono::steady_clock::duration>(
                                        options_.commit_interval, last_flush_);
    cv_.wait_until(lock, due, [this] { return stopping_; });
    std::vector<Job> jobs = std::move(queue_);
    queue_.clear();
    lock.unlock();
    RunJobs(jobs);
    last_commit_ = std::chrono::steady_clock::now();
    if (!dirty_stories_.empty() &&
        std::chrono::steady_clock::now() - dirty_since_ >= options_.annotate_delay) {
      AnnotateDirty(std::chrono::steady_clock::now() + options_.annotate_slice);
    }
    lock.lock();
  }
}

Status IngestWriter::Fail(const Status& s) {
  if (failed_.ok()) {
    recoverable_ = IsLockTimeout(s);
    last_recover_ = std::chrono::steady_clock::now();
    failed_ = s.WithContext(
        recoverable_
            ? "this batch is not known to be stored (what was committed "
              "before is kept); the server stores articles again once the "
              "other process releases the store"
            : "the server stopped storing articles after a store failure "
              "(what was committed before is kept; restart it once that is "
              "fixed)");
    Publish(failed_);
    std::cerr << "newsloom: serve: " << failed_.ToString() << "\n";
  }
  return failed_;
}

bool IngestWriter::Recover() {
  last_recover_ = std::chrono::steady_clock::now();
  // Stories of articles the dropped engine stored are annotated when the
  // article page is asked for (api.h, ArticlePageJson) or with the
  // story's next articles; the pass in hand is not worth keeping.
  dirty_stories_.clear();
  // First the old engine goes: its store rolls back what it had not
  // committed and releases the writer claim the new one takes.
  engine_.reset();
  Result<std::unique_ptr<Engine>> engine = OpenEngine(db_, options_.commit_every);
  if (!engine.ok()) {
    const Status s = engine.status();
    recoverable_ = IsLockTimeout(s);
    failed_ = s.WithContext(
        recoverable_
            ? "the store is still locked by another process; nothing was "
              "stored, and the server tries again"
            : "the server stopped storing articles: after a store failure "
              "it could not open the store again (restart it once that is "
              "fixed)");
    Publish(failed_);
    if (!recoverable_) std::cerr << "newsloom: serve: " << failed_.ToString() << "\n";
    return false;
  }
  engine_ = std::move(engine).value();
  failed_ = Status::OK();
  recoverable_ = false;
  Publish(failed_);
  // The replay may have written events and stories again.
  generation_.fetch_add(1, std::memory_order_acq_rel);
  if (!options_.quiet) {
    std::cerr << "newsloom: serve: the store is writable again; storing "
                 "articles again (replayed "
              << engine_->replayed() << " articles)\n";
  }
  return true;
}

void IngestWriter::RunJobs(std::vector<Job>& jobs) {
  if (!failed_.ok() && recoverable_) Recover();
  // Outcomes of the article batches since the last commit, with their
  // promises: made ready only after Commit() succeeds.
  std::vector<std::pair<IngestOutcome, std::promise<IngestOutcome>*>> pending;
  // (story, id) of the articles added since the last commit: to annotate
  // once committed.
  std::vector<std::pair<int64_t, std::string>> added_stories;
  size_t added = 0;
  auto commit = [&] {
    // Articles already stored change nothing: no commit for them. The
    // clustering state is saved when due; a crash before the next save
    // loses nothing committed (Engine::Open replays it).
    const auto start = std::chrono::steady_clock::now();
    Status s = !failed_.ok() ? failed_ : added > 0 ? engine_->Commit() : Status::OK();
    if (added > 0) last_flush_ = std::chrono::steady_clock::now() - start;
    if (!s.ok()) s = Fail(s);
    if (s.ok()) generation_.fetch_add(1, std::memory_order_acq_rel);
    if (s.ok() && metrics_ != nullptr) metrics_->CountIngested(added);
    if (s.ok() && !added_stories.empty()) {
      if (dirty_stories_.empty()) dirty_since_ = std::chrono::steady_clock::now();
      dirty_stories_.insert(dirty_stories_.end(), added_stories.begin(),
                            added_stories.end());
    }
    added_stories.clear();
    for (auto& [outcome, promise] : pending) {
      if (!s.ok()) outcome = {s, {}};
      promise->set_value(std::move(outcome));
    }
    pending.clear();
    added = 0;
  };
  for (Job& job : jobs) {
    if (auto* task = std::get_if<Job::Task>(&job.work)) {
      if (!pending.empty()) commit();
      Status s = failed_.ok() ? task->fn(*engine_) : failed_;
      if (s.ok()) generation_.fetch_add(1, std::memory_order_acq_rel);
      task->done.set_value(s);
      continue;
    }
    auto& batch = std::get<Job::Articles>(job.work);
    IngestOutcome outcome;
    // What became of each submitted article, by its place in the request.
    // An article sent twice in one batch (the same id: the same URL, or
    // without one the same content) is stored once, at its first in date
    // order (the request's order among equal dates); the others report it
    // already present.
    outcome.articles.resize(batch.articles.size());
    std::map<std::string, size_t> stored_here;  // id -> its place, stored in this batch
    for (size_t i : ClusteringOrder(batch.articles)) {
      // After a failed recovery there is no engine: failed_ says so first.
      if (!failed_.ok()) break;
      engine_->set_explain(batch.explain);
      ExplainedArticle explained;
      if (batch.explain) {
        const Article& a = batch.articles[i];
        explained = {a.input, a.title, PublishedLocal(a)};
      }
      Result<AddResult> r = engine_->Add(std::move(batch.articles[i]));
      if (!r.ok()) {
        Fail(r.status());
        break;
      }
      IngestedArticle& out = outcome.articles[i];
      // Set last: an article already stored in this batch copies that
      // one's outcome first.
      auto explain = [&] {
        if (batch.explain) out.explanation = ExplanationJson(explained, *r);
      };
      if (r->already_present) {
        // One stored in this batch has no event row yet: its answer is
        // what Add said of it.
        const auto here = stored_here.find(r->id);
        out = here != stored_here.end() ? outcome.articles[here->second]
                                        : PresentArticle(*engine_->store(), r->id);
        out.already_present = true;
        out.stored_differs = r->stored_differs;
        explain();
        continue;
      }
      stored_here.emplace(r->id, i);
      ++added;
      out = IngestedArticle{.id = r->id,
                            .event = r->assignment.event_id,
                            .story = r->assignment.story_id,
                            .far_ahead_of = r->far_ahead_of};
      if (r->duplicate) out.duplicate_of = r->duplicate->canonical_id;
      explain();
      if (options_.annotate && out.story != 0) added_stories.emplace_back(out.story, out.id);
    }
    // The feeds' and folders' jobs do not explain.
    if (failed_.ok()) engine_->set_explain(false);
    pending.emplace_back(std::move(outcome), &batch.done);
  }
  if (!pending.empty()) commit();
}

void IngestWriter::AnnotateDirty(std::chrono::steady_clock::time_point deadline) {
  if (!failed_.ok()) dirty_stories_.clear();
  if (dirty_stories_.empty()) return;
  // Story -> the ids of its new articles.
  std::map<int64_t, std::set<std::string>> fresh;
  for (const auto& [story, id] : dirty_stories_) fresh[story].insert(id);
  dirty_stories_.clear();
  if (annotator_ == nullptr) annotator_ = std::make_unique<Annotator>();
  Store& store = *engine_->store();
  for (auto it = fresh.begin(); it != fresh.end(); ++it) {
    if (it != fresh.begin() && std::chrono::steady_clock::now() >= deadline) {
      // The slice is spent: the other stories wait for the next one (and
      // dirty_since_ keeps its time, so under load that comes at once).
      for (; it != fresh.end(); ++it) {
        for (const std::string& id : it->second) dirty_stories_.emplace_back(it->first, id);
      }
      break;
    }
    const int64_t story = it->first;
    const std::set<std::string>& ids = it->second;
    // Stories merged away since have no events left: their articles are
    // in the story they joined, which is in `fresh` too.
    Result<std::vector<StoredArticle>> members = StoryArticles(store, story);
    Status s = members.status();
    if (s.ok()) {
      // The new articles first, then the story's most recent others as
      // context, so names and dates resolve across the story at a cost
      // bounded per pass.
      std::vector<const StoredArticle*> order;
      for (const StoredArticle& a : *members) {
        if (ids.count(a.article.id)) order.push_back(&a);
      }
      const size_t fresh_count = order.size();
      std::vector<const StoredArticle*> others;
      for (const StoredArticle& a : *members) {
        if (!ids.count(a.article.id)) others.push_back(&a);
      }
      std::sort(others.begin(), others.end(),
                [](const StoredArticle* a, const StoredArticle* b) { return a->seq > b->seq; });
      if (others.size() > options_.annotate_context) others.resize(options_.annotate_context);
      order.insert(order.end(), others.begin(), others.end());
      std::vector<const Article*> articles;
      for (const StoredArticle* a : order) articles.push_back(&a->article);
      const std::vector<ArticleAnnotations> notes = annotator_->Annotate(articles);
      s = KeepAnnotations(store, std::span(articles).first(fresh_count),
                          std::span(notes).first(fresh_count));
    }
    if (!s.ok() && !options_.quiet) {
      std::cerr << "newsloom: serve: annotating story " << story << ": "
                << s.ToString() << "\n";
    }
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace newsloom
