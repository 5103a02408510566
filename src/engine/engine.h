// The pipeline from articles to stored, clustered articles: language
// identification, text analysis, online clustering and the store, in one
// object that every command (ingest, cluster, eval, and later serve) drives.
//
//   ASSIGN_OR_RETURN(auto store, Store::Open("newsloom.db"));
//   ASSIGN_OR_RETURN(auto engine, Engine::Open(std::move(store)));
//   for (Article& a : articles) RETURN_IF_ERROR(engine->Add(std::move(a)).status());
//   RETURN_IF_ERROR(engine->Flush());
//
// Articles are stored and clustered in the order Add() sees them; use
// SortForClustering() on a batch to get publication order. Re-adding an
// article already in the store changes nothing (the id is stable, see
// base/article.h: the URL's hash, when there is one); an article with the
// URL of a stored one but another title or text is not stored either
// (AddResult::stored_differs tells the caller, who reports it). Writes go
// into a transaction that Commit() or Flush() commits (and that Add()
// commits by itself every EngineOptions::commit_every articles).
//
// Crash safety without saving everything at every commit: the clustering
// and duplicate-detection state (tens of MB on a long stream) is saved
// with a commit only every EngineOptions::state_every articles, and by
// Flush(). The store's articles are the log in between: Open() replays the
// articles stored after the saved state through duplicate detection and
// clustering (not storing them again), so the next run continues exactly
// where the last commit left off, as if the process had never stopped.
// Replay follows the code of the binary that runs it: an article the
// replay puts in another event than the one stored (possible only after
// an upgrade of newsloom or of its model) is moved to it, a copy follows
// its canonical, and the events it left are written again from the
// clusterer, or, made by the binary before and not made again, recounted
// or (left empty) deleted, their stories likewise; the store's counts
// then agree with its articles (engine_test.cc, EngineReplayUpgradeTest).
//
// Duplicates (src/dedup): an article that copies one seen before (exact, near
// or with additions, within DedupOptions::window_days) is stored in its
// canonical's event with a `duplicates` row, and is not shown to the
// clusterer: a duplicate group is one voice, so fifty copies of a wire
// story do not move centroids or document frequencies fifty times. Event
// and story article counts are the clusterer's: they count voices, not
// copies; the copies are listed with their event (ArticlesOfEvent).
//
// Thread safety: none; one Engine per store connection.
#ifndef NEWSLOOM_ENGINE_ENGINE_H_
#define NEWSLOOM_ENGINE_ENGINE_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "cluster/online_clusterer.h"
#include "cluster/options.h"
#include "dedup/detector.h"
#include "engine/features.h"
#include "store/store.h"
#include "text/language.h"

namespace newsloom {

struct EngineOptions {
  ClusterOptions cluster;
  // Articles per transaction. Larger writes less; a crash loses at most
  // the uncommitted batch (and never leaves half an article), and another
  // process that writes the same store waits for the transaction (up to
  // StoreOptions::busy_timeout_ms). Each commit rewrites every page its
  // articles touched, and the index of article ids has random keys: once
  // it outgrows a batch, nearly every article dirties a page of its own.
  // The next 20,000 articles of a million-article store wrote 1.37 GB at
  // 2,000, 1.12 GB at 4,000, 1.00 GB at 6,000 and 0.76 GB at 10,000
  // (docs/performance.md, "The AMD EPYC host again"). The clusters do not
  // depend on it.
  size_t commit_every = 6000;
  // Articles between two retirements in the clusterer
  // (OnlineClusterer::TakeChanges with `retire`): events and stories that
  // left the active window are dropped, and every few retirements the
  // terms only they held are forgotten. The clustering depends on this
  // cadence (a forgotten term that comes back starts from df 0), so it is
  // counted in articles, across commits, Flush() and restarts (the count
  // is saved with the state), and `newsloom train` uses it too: the same
  // articles in the same order give the same clusters however they arrive
  // (one ingest or several, `serve`, `watch`) and whatever the transaction
  // size. A retirement between commits writes the changed events' and
  // stories' rows into the open transaction.
  size_t changes_every = 2000;
  // Save the clustering state with a commit once this many articles have
  // been stored since it was last saved (and always at the store's first
  // commit, and in Flush()). Larger is faster; a restart after a crash
  // replays at most this many articles (about 1,500 a second).
  size_t state_every = 20000;
  // Persist the clustering state. Off for one-shot runs on an in-memory
  // store, where nothing outlives the process.
  bool persist_state = true;
  // Duplicate detection, and its parameters. Off: every article is
  // clustered as it comes.
  bool detect_duplicates = true;
  DedupOptions dedup;
  // Fill AddResult::explanation for each article clustered (`--explain`):
  // every candidate's features in full, so slower; the clusters are the
  // same.
  bool explain = false;
  // Tests only: Open fails (IoError) just before it commits the replay
  // and the local spans it restored (RestoreLocalSpans), as a crash there.
  bool fail_before_restore_commit_for_testing = false;
};

struct AddResult {
  std::string id;                // the article's id (base/article.h)
  bool already_present = false;  // the store had it; nothing changed
  // With already_present: the article stored under its id (its URL) has
  // another title or text. The stored one is kept; this one is not stored.
  bool stored_differs = false;
  Assignment assignment;         // when !already_present
  // When the article copies an earlier one: what was stored for it (its
  // assignment is then the canonical's event and story).
  std::optional<DuplicateRow> duplicate;
  // When the article is dated in the future (over a day after the wall
  // clock) and more than StreamClock::kFarAheadDays after the stream's
  // newest article the clustering has seen (StreamClock::Newest(), which
  // earlier far-ahead dates do not move): that newest date. Its date is
  // probably wrong (a typo's year, a placeholder); it is stored and
  // clustered as dated (it moves no window), and the caller warns. An
  // archive of past years, however far apart, is never flagged.
  std::optional<UnixSeconds> far_ahead_of;
  // With EngineOptions::explain, for an article the clusterer placed (not
  // one already present, nor a copy routed to its original's event): why
  // it went where it did.
  std::optional<JoinExplanation> explanation;
};

// Bytes of title + text the language detector reads: CLD2 gives the same
// answers on news at 1 KB as at 4 KB, at about twice the speed.
inline constexpr size_t kLanguageProbeBytes = 1024;

class Engine {
 public:
  // Takes the store and claims it as its one writer (Store::ClaimWriter:
  // IoError while another process writes it); restores the clustering
  // state saved in it, if any, and replays the articles stored after it
  // (then commits, saving the state). Errors: the store's, or Corruption
  // for a damaged state.
  static Result<std::unique_ptr<Engine>> Open(std::unique_ptr<Store> store,
                                              const EngineOptions& options = {});
  // Whether the clustering and duplicate state saved in `store` decodes, as
  // Open() needs it to (OK when none is saved); reads only. Corruption
  // naming what does not decode, or the store's error.
  static Status CheckSavedState(Store& store, const EngineOptions& options = {});
  // Forgets the saved clustering and duplicate state, in one transaction,
  // so that the next Open() replays every stored article into new ones
  // (about 1,500 articles a second), as for a store saved before states
  // were: the way out when CheckSavedState or Open() finds it damaged.
  // `newsloom check --forget-saved-state`. Claim the store as writer first.
  static Status ForgetSavedState(Store& store);
  ~Engine();

  // Detects the language when the input did not give one, analyses,
  // clusters and stores `article`. Fills `article.lang`.
  Result<AddResult> Add(Article article);

  // Writes pending event/story summaries and commits; saves the clustering
  // state with them when it is due (EngineOptions::state_every). What was
  // added is then stored for good: a crash after it loses nothing.
  Status Commit();

  // Commit() that always saves the clustering state (when anything was
  // stored since it was last saved). Call before reading results back or
  // closing, so that the next Open() has nothing to replay.
  Status Flush();

  Store* store() { return store_.get(); }
  // EngineOptions::explain, for the articles added from now on.
  void set_explain(bool on) { options_.explain = on; }
  const OnlineClusterer& clusterer() const { return *clusterer_; }

  // Articles Open() replayed, and how many of them it moved to another
  // event than the stored one.
  size_t replayed() const { return replayed_; }
  // What Open() replayed, as a line for the user ("" when nothing): the
  // articles stored after the last saved state (a run that stopped before
  // saving it), or all of them when no state was saved (forgotten, or a
  // store from before states were kept).
  std::string ReplaySummary() const;
  // What else Open() did, as a line for the user ("" when nothing): the
  // events and stories of a clustering state saved before local spans
  // were kept (and of the replay after it) that it dated on their
  // outlets' days (RestoreLocalSpans).
  std::string RestoreSummary() const;
  size_t replay_moved() const { return replay_moved_; }

 private:
  Engine(std::unique_ptr<Store> store, const EngineOptions& options,
         std::unique_ptr<OnlineClusterer> clusterer,
         std::unique_ptr<DuplicateDetector> dedup);
  Status BeginIfNeeded();
  // Takes the clusterer's changes (retiring when `retire`: every
  // EngineOptions::changes_every articles) and writes their event and
  // story rows into the open transaction.
  Status WriteChanges(bool retire);
  // Counts an article added or replayed; retires when due.
  Status CountForRetirement();
  Status CommitAndMaybeSave(bool save_state);
  // Open: the count of articles since the last retirement, saved with the
  // state (kUnretiredKey).
  Status ReadUnretired();
  // Open's replay of the articles after the saved state.
  Status Replay();
  // Open, after the replay, when the state was saved before local spans
  // were kept (a state of format 10; its store's rows were given theirs by
  // the upgrade to schema 12): gives the clusterer's events and stories
  // dated without them the local spans of their stored articles
  // (OnlineClusterer::RestoreLocalSpan), and the rows the replay wrote
  // without them for events and stories it retired theirs, and commits
  // them with the replay and the state, in one transaction: a crash before
  // leaves the old state, and the next Open does it all again. Nothing to
  // do for a state saved since.
  Status RestoreLocalSpans();
  // During a replay: notes in replay_stories_ the story event `id` is
  // stored in, unless noted already or the store has no such event. The
  // replay calls it for each article's stored event, and WriteChanges for
  // each event row before it writes it: the new clusterer may write an
  // event again under the same id (in another story) before the articles
  // that leave the old one are seen.
  Status NoteStoredStory(int64_t id);
  // Writes the clusterer's second looks (Assignment::merged) to the store:
  // a merged event's articles move to the event it joined, and its row
  // goes, with its story's when the story had no other event; the store
  // records where each went (Store::PutMerged).
  Status ApplyMerges(const std::vector<EventMerge>& merged);
  // After a replay that moved articles out of `left` events (whose stored
  // stories are in replay_stories_) or put their events in other stories
  // than `stories`: the rows of these events and stories, and of the
  // events' current stories, are written again, recounted (counts and
  // dates; stories also titles) or deleted, and the clusterer's changes
  // are written.
  Status RecountLeftEvents(const std::set<int64_t>& left,
                           std::set<int64_t> stories);
  // Duplicate detection and clustering of `article` (whose language is
  // known), as Add and Replay share them: fills result->assignment and
  // result->duplicate, and `match` for the duplicate index.
  Status Classify(const Article& article, AddResult* result,
                  DuplicateMatch* match);
  // What the store records for a copy, and the event and story it joins
  // (its canonical's); nullopt when the canonical is not in the store.
  Result<std::optional<DuplicateRow>> RouteDuplicate(
      const Article& article, const DuplicateMatch& match,
      Assignment* assignment);

  std::unique_ptr<Store> store_;
  EngineOptions options_;
  std::unique_ptr<OnlineClusterer> clusterer_;
  LanguageDetector detector_{LanguageDetectorOptions{kLanguageProbeBytes}};
  FeatureExtractor features_;
  ClusterInput input_;  // reused
  std::unique_ptr<DuplicateDetector> dedup_;
  Signature signature_;  // reused
  // Stories of the events assigned since the last commit, whose rows may
  // not be in the store yet (an event never changes story).
  std::unordered_map<int64_t, int64_t> unflushed_event_story_;
  bool in_transaction_ = false;
  size_t uncommitted_ = 0;
  // Articles added or replayed since the clusterer last retired (saved
  // with the state: kUnretiredKey).
  size_t unretired_ = 0;
  // Articles stored (or replayed) since the state was last saved, and the
  // seq of the last one: the state covers every article up to it.
  size_t unsaved_ = 0;
  int64_t last_seq_ = 0;
  bool state_saved_ = false;  // the store holds a saved state
  bool opened_with_state_ = false;  // it did when Open() began (ReplaySummary)
  size_t replayed_ = 0;
  size_t replay_moved_ = 0;
  // RestoreLocalSpans: whether it has yet to run (the state was saved
  // before local spans were kept), the event and story rows written
  // without them until it does, and what it gave spans to.
  bool restore_pending_ = false;
  std::set<int64_t> unspanned_events_, unspanned_stories_;
  size_t restored_events_ = 0, restored_stories_ = 0;
  // While Replay() runs: the story each event it has met was stored in
  // before the replay wrote any row of it (NoteStoredStory).
  bool replaying_ = false;
  std::map<int64_t, int64_t> replay_stories_;
};

// The key of the clustering state in the store's state table.
inline constexpr char kClustererStateKey[] = "clusterer";
// The key of the duplicate detector's state.
inline constexpr char kDedupStateKey[] = "dedup";
// The seq (decimal) of the last article the saved states cover. A store
// whose states have no such key (saved at every commit, before it was
// introduced) is covered whole.
inline constexpr char kStateThroughKey[] = "state_through";
// Articles (decimal) the saved state has seen since the clusterer last
// retired (EngineOptions::changes_every); missing in stores from before it
// was kept (read as 0).
inline constexpr char kUnretiredKey[] = "unretired";

// Sets `a->lang` (and its confidence) from `detector` when the input gave
// no language ("" or "und").
void DetectLanguageIfMissing(const LanguageDetector& detector, Article* a);

// Reorders `articles` for clustering: by publication time; an undated
// article keeps its place right after the article that preceded it in the
// input (so a folder of undated files is clustered in input order, and an
// undated article in a dated stream stays among its neighbours). Stable.
void SortForClustering(std::vector<Article>* articles);
// The order SortForClustering puts `articles` in, as indices into them.
std::vector<size_t> ClusteringOrder(std::span<const Article> articles);

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_ENGINE_H_
