#include "engine/engine.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>

#include "base/coding.h"
#include "dedup/groups.h"

namespace newsloom {

Engine::Engine(std::unique_ptr<Store> store, const EngineOptions& options,
               std::unique_ptr<OnlineClusterer> clusterer,
               std::unique_ptr<DuplicateDetector> dedup)
    : store_(std::move(store)),
      options_(options),
      clusterer_(std::move(clusterer)),
      dedup_(std::move(dedup)) {}

Engine::~Engine() {
  if (in_transaction_) store_->Rollback();  // Flush() was not called
}

namespace {

// The object whose state is saved under `key` in the store, or a new one
// when none is.
template <typename T, typename Options>
Result<std::unique_ptr<T>> Restore(Store& store, const char* key,
                                   const Options& options,
                                   bool* found = nullptr) {
  ASSIGN_OR_RETURN(std::optional<std::string> blob, store.GetState(key));
  if (found != nullptr) *found = blob.has_value();
  if (!blob) return std::make_unique<T>(options);
  auto decoded = T::Decode(*blob, options);
  if (!decoded.ok()) {
    const Status s = decoded.status().WithContext("store " + store.path());
    if (s.code() != Status::Code::kCorruption) return s;
    return Status::Corruption(s.message() + " (`newsloom check --db " + store.path() +
                              " --forget-saved-state` makes the next run replay the stored "
                              "articles into a new state)");
  }
  return std::move(decoded).value();
}

// The whole of `t` as a decimal integer; nullopt for anything else
// (signs other than '-', spaces, trailing bytes, overflow).
std::optional<int64_t> WholeDecimal(std::string_view t) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

// The saved count of articles since the last retirement (kUnretiredKey);
// nullopt when none is saved (states from before it was kept).
Result<std::optional<size_t>> SavedUnretired(Store& store) {
  ASSIGN_OR_RETURN(std::optional<std::string> saved, store.GetState(kUnretiredKey));
  if (!saved) return std::optional<size_t>();
  const std::optional<int64_t> n = WholeDecimal(*saved);
  if (!n || *n < 0 || *n > kMaxSavedCount) {
    return Status::Corruption("store " + store.path() +
                              ": the clustering state's count of articles "
                              "since its last retirement is \"" + *saved + "\"");
  }
  return std::optional<size_t>(static_cast<size_t>(*n));
}

// The last article seq the saved state covers (kStateThroughKey), of
// `stored`; nullopt when no mark is saved. Corruption for a mark that is
// no seq of the store, or a mark without a saved state.
Result<std::optional<int64_t>> SavedThrough(Store& store, int64_t stored, bool state_saved) {
  ASSIGN_OR_RETURN(std::optional<std::string> through, store.GetState(kStateThroughKey));
  if (!through) return std::optional<int64_t>();
  const std::optional<int64_t> seq = WholeDecimal(*through);
  if (!seq || *seq < 0 || *seq > stored || !state_saved) {
    return Status::Corruption("store " + store.path() +
                              ": the clustering state covers articles up "
                              "to \"" + *through + "\" of " + std::to_string(stored));
  }
  return seq;
}

// What an event's stored articles give it: those that are not copies (as
// the clusterer counts them) give its count and its spans.
struct Voices {
  int64_t count = 0;
  std::optional<UnixSeconds> first, last, first_local, last_local;
};
Result<Voices> VoicesOf(Store& store, const std::vector<StoredArticle>& members) {
  Voices v;
  for (const StoredArticle& m : members) {
    ASSIGN_OR_RETURN(std::optional<DuplicateRow> copy, store.GetDuplicate(m.article.id));
    if (copy) continue;
    ++v.count;
    ExtendLocalSpan(v.first, &v.first_local, &v.last_local, PublishedLocal(m.article));
    ExtendSpan(&v.first, &v.last, m.article.published);
  }
  return v;
}

}  // namespace

Result<std::unique_ptr<Engine>> Engine::Open(std::unique_ptr<Store> store,
                                             const EngineOptions& options) {
  // One clustering process per store: its state numbers the events and
  // stories it writes (Store::ClaimWriter).
  RETURN_IF_ERROR(store->ClaimWriter());
  bool found = false;
  ASSIGN_OR_RETURN(std::unique_ptr<OnlineClusterer> clusterer,
                   Restore<OnlineClusterer>(*store, kClustererStateKey,
                                            options.cluster, &found));
  ASSIGN_OR_RETURN(std::unique_ptr<DuplicateDetector> dedup,
                   Restore<DuplicateDetector>(*store, kDedupStateKey,
                                              options.dedup));
  std::unique_ptr<Engine> engine(new Engine(
      std::move(store), options, std::move(clusterer), std::move(dedup)));
  engine->state_saved_ = found;
  engine->opened_with_state_ = found;
  // A state saved before local spans were kept (RestoreLocalSpans).
  engine->restore_pending_ =
      options.persist_state && (!engine->clusterer_->EventsWithoutLocalSpans().empty() ||
                                !engine->clusterer_->StoriesWithoutLocalSpans().empty());
  RETURN_IF_ERROR(engine->ReadUnretired());
  RETURN_IF_ERROR(engine->Replay());
  RETURN_IF_ERROR(engine->RestoreLocalSpans());
  return engine;
}

Status Engine::CheckSavedState(Store& store, const EngineOptions& options) {
  bool found = false;
  RETURN_IF_ERROR(
      Restore<OnlineClusterer>(store, kClustererStateKey, options.cluster, &found).status());
  RETURN_IF_ERROR(Restore<DuplicateDetector>(store, kDedupStateKey, options.dedup).status());
  // What Open() reads with the state (ReadUnretired, Replay).
  if (found) RETURN_IF_ERROR(SavedUnretired(store).status());
  ASSIGN_OR_RETURN(int64_t stored, store.CountArticles());
  return SavedThrough(store, stored, found).status();
}

std::string Engine::ReplaySummary() const {
  if (replayed_ == 0) return "";
  if (!opened_with_state_) {
    return "replayed all " + std::to_string(replayed_) +
           " stored articles into a new clustering state (none was saved)";
  }
  return "replayed the " + std::to_string(replayed_) +
         " articles stored after the last saved clustering state (the last run stopped "
         "before saving it)";
}

std::string Engine::RestoreSummary() const {
  if (restored_events_ == 0 && restored_stories_ == 0) return "";
  return "dated " + std::to_string(restored_events_) + " events and " +
         std::to_string(restored_stories_) +
         " stories of a clustering state saved before store schema 11 on their "
         "outlets' days, from their stored articles";
}

Status Engine::ForgetSavedState(Store& store) {
  ASSIGN_OR_RETURN(StoreTransaction tx, StoreTransaction::Begin(store));
  for (const char* key : {kClustererStateKey, kDedupStateKey, kStateThroughKey, kUnretiredKey}) {
    RETURN_IF_ERROR(store.DeleteState(key));
  }
  return tx.Commit();
}

Status Engine::ReadUnretired() {
  if (!options_.persist_state || !state_saved_) return Status::OK();
  ASSIGN_OR_RETURN(std::optional<size_t> n, SavedUnretired(*store_));
  if (n) unretired_ = *n;  // else saved before the count was kept
  return Status::OK();
}

Status Engine::Replay() {
  if (!options_.persist_state) return Status::OK();
  ASSIGN_OR_RETURN(int64_t stored, store_->CountArticles());  // seqs 1..stored
  ASSIGN_OR_RETURN(std::optional<int64_t> through,
                   SavedThrough(*store_, stored, state_saved_));
  if (!through) {
    // States saved at every commit (before the key) cover every article; a
    // store without states has everything to replay. Either way the next
    // commit saves the state with its mark.
    last_seq_ = state_saved_ ? stored : 0;
    state_saved_ = false;
  } else {
    last_seq_ = *through;
  }
  replaying_ = true;
  std::set<int64_t> left;  // events a moved article was stored in
  // Stories a replayed article's event was stored in, when the article is
  // now in another (its event moved, or was made again in another story).
  std::set<int64_t> left_stories;
  for (int64_t seq = last_seq_ + 1; seq <= stored; ++seq) {
    ASSIGN_OR_RETURN(StoredArticle s, store_->GetArticleBySeq(seq));
    RETURN_IF_ERROR(NoteStoredStory(s.event_id));
    AddResult result;
    DuplicateMatch match;
    RETURN_IF_ERROR(Classify(s.article, &result, &match));
    // An event or story made again under an id the run before merged
    // away (a replay by an upgraded binary, or with other options) is
    // live: its record of where it went is stale.
    if (result.assignment.new_event || result.assignment.new_story) {
      RETURN_IF_ERROR(BeginIfNeeded());
      if (result.assignment.new_event) {
        RETURN_IF_ERROR(
            store_->ForgetMerged(Store::Merged::kEvent, result.assignment.event_id));
      }
      if (result.assignment.new_story) {
        RETURN_IF_ERROR(
            store_->ForgetMerged(Store::Merged::kStory, result.assignment.story_id));
      }
    }
    if (auto it = replay_stories_.find(s.event_id);
        it != replay_stories_.end() && it->second != result.assignment.story_id) {
      left_stories.insert(it->second);
    }
    // A copy follows its canonical, which may have moved before it.
    if (result.assignment.event_id != s.event_id) {
      RETURN_IF_ERROR(BeginIfNeeded());
      RETURN_IF_ERROR(store_->SetArticleEvent(s.article.id,
                                              result.assignment.event_id));
      left.insert(s.event_id);
      ++replay_moved_;
    }
    RETURN_IF_ERROR(ApplyMerges(result.assignment.merged));
    if (options_.detect_duplicates) {
      dedup_->Add(signature_, static_cast<uint64_t>(seq), match,
                  s.article.published);
    }
    last_seq_ = seq;
    ++unsaved_;
    ++replayed_;
    // Retires where the uninterrupted stream did (the count was saved).
    RETURN_IF_ERROR(CountForRetirement());
  }
  replaying_ = false;  // every stored event met is noted
  if (!left.empty() || !left_stories.empty()) {
    RETURN_IF_ERROR(RecountLeftEvents(left, std::move(left_stories)));
  }
  replay_stories_.clear();
  // RestoreLocalSpans commits the replay with what it restores: the rows
  // the replay wrote without local spans are noted only in memory.
  if (restore_pending_) return replayed_ > 0 ? WriteChanges(/*retire=*/false) : Status::OK();
  return replayed_ > 0 ? Flush() : Status::OK();
}

Status Engine::ApplyMerges(const std::vector<EventMerge>& merged) {
  if (merged.empty()) return Status::OK();
  RETURN_IF_ERROR(BeginIfNeeded());
  auto gone = [](const Status& s) {
    return s.ok() || s.code() == Status::Code::kNotFound ? Status::OK() : s;
  };
  for (const EventMerge& m : merged) {
    // Its first article and the copies routed to it.
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members,
                     store_->ArticlesOfEvent(m.event));
    for (const StoredArticle& a : members) {
      RETURN_IF_ERROR(store_->SetArticleEvent(a.article.id, m.into));
    }
    // Rows not written yet (made since the last commit) are not there.
    RETURN_IF_ERROR(gone(store_->DeleteEvent(m.event)));
    if (m.story_gone) RETURN_IF_ERROR(gone(store_->DeleteStory(m.story)));
    // An id handed out before (an ingest's answer, a link) still leads to
    // the articles: Store::MergedInto.
    RETURN_IF_ERROR(store_->PutMerged(Store::Merged::kEvent, m.event, m.into));
    if (m.story_gone) {
      RETURN_IF_ERROR(
          store_->PutMerged(Store::Merged::kStory, m.story, m.into_story));
    }
    unflushed_event_story_.erase(m.event);
    unflushed_event_story_[m.into] = m.into_story;
  }
  return Status::OK();
}

Status Engine::NoteStoredStory(int64_t id) {
  if (!replaying_ || replay_stories_.count(id)) return Status::OK();
  Result<EventRow> row = store_->GetEvent(id);
  if (row.status().code() == Status::Code::kNotFound) return Status::OK();
  RETURN_IF_ERROR(row.status());
  replay_stories_[id] = row->story_id;
  return Status::OK();
}

Status Engine::RestoreLocalSpans() {
  if (!restore_pending_) return Status::OK();
  restore_pending_ = false;
  // The rows of the clusterer's events are written (the last commit, or
  // the replay's), and their articles are where it put them.
  const std::vector<int64_t> events = clusterer_->EventsWithoutLocalSpans();
  const std::vector<int64_t> stories = clusterer_->StoriesWithoutLocalSpans();
  std::map<int64_t, std::pair<UnixSeconds, UnixSeconds>> restored;
  for (int64_t id : events) {
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members, store_->ArticlesOfEvent(id));
    ASSIGN_OR_RETURN(Voices voices, VoicesOf(*store_, members));
    if (voices.first_local &&
        clusterer_->RestoreLocalSpan(id, *voices.first_local, *voices.last_local)) {
      restored[id] = {*voices.first_local, *voices.last_local};
    }
  }
  // Those it could not give one (their stored articles disagree with the
  // state) keep none, and so do their stories.
  const std::vector<int64_t> unknown_events = clusterer_->EventsWithoutLocalSpans();
  auto active = [](const std::vector<int64_t>& ids, int64_t id) {
    return std::binary_search(ids.begin(), ids.end(), id);
  };
  size_t fixed_rows = 0;
  // The replay wrote its events without local spans, over those of the
  // store's upgrade (schema 12); the rows of those it retired are given
  // theirs here, from their articles, as the upgrade did.
  for (int64_t id : unspanned_events_) {
    if (active(events, id)) continue;
    Result<EventRow> row = store_->GetEvent(id);
    if (row.status().code() == Status::Code::kNotFound) continue;
    RETURN_IF_ERROR(row.status());
    if (!row->first_published || row->first_local) continue;
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members, store_->ArticlesOfEvent(id));
    ASSIGN_OR_RETURN(Voices voices, VoicesOf(*store_, members));
    if (!voices.first_local) continue;
    row->first_local = voices.first_local;
    row->last_local = voices.last_local;
    RETURN_IF_ERROR(BeginIfNeeded());
    RETURN_IF_ERROR(store_->PutEvent(*row));
    ++fixed_rows;
  }
  // A story's is its events'; none while one of them has none.
  std::set<int64_t> story_ids(stories.begin(), stories.end());
  story_ids.insert(unspanned_stories_.begin(), unspanned_stories_.end());
  size_t restored_stories = 0;
  for (int64_t id : story_ids) {
    ASSIGN_OR_RETURN(std::vector<EventRow> rows, store_->EventsOfStory(id));
    std::optional<UnixSeconds> first_local, last_local;
    bool unknown = false;
    for (EventRow& e : rows) {
      if (auto it = restored.find(e.id); it != restored.end()) {
        e.first_local = it->second.first;
        e.last_local = it->second.second;
      }
      unknown = unknown || active(unknown_events, e.id) ||
                (e.first_published && !e.first_local);
      ExtendSpan(&first_local, &last_local, e.first_local);
      ExtendSpan(&first_local, &last_local, e.last_local);
    }
    if (unknown || !first_local) continue;
    if (active(stories, id)) {
      if (clusterer_->RestoreStoryLocalSpan(id, *first_local, *last_local)) ++restored_stories;
      continue;
    }
    Result<StoryRow> row = store_->GetStory(id);
    if (row.status().code() == Status::Code::kNotFound) continue;
    RETURN_IF_ERROR(row.status());
    if (!row->first_published || row->first_local) continue;
    row->first_local = first_local;
    row->last_local = last_local;
    RETURN_IF_ERROR(BeginIfNeeded());
    RETURN_IF_ERROR(store_->PutStory(*row));
    ++restored_stories;
  }
  unspanned_events_.clear();
  unspanned_stories_.clear();
  restored_events_ = restored.size() + fixed_rows;
  restored_stories_ = restored_stories;
  if (restored_events_ == 0 && restored_stories_ == 0 && replayed_ == 0) return Status::OK();
  if (options_.fail_before_restore_commit_for_testing) {
    return Status::IoError("store " + store_->path() +
                           ": restoring local spans failed for a test (a crash)");
  }
  // Written with the replay and the state, so that the next run has
  // nothing to restore.
  return CommitAndMaybeSave(/*save_state=*/true);
}

Status Engine::RecountLeftEvents(const std::set<int64_t>& left,
                                 std::set<int64_t> stories) {
  // An event the clusterer has is written again from it. One it does not
  // have (made after the saved state by the binary before the upgrade and
  // not made again, or made again under its id and retired during the
  // replay) is recounted from its articles, or, with none left, deleted.
  // The stories these events were stored in and are now in, and
  // `stories` (left by events made again in another story, whose articles
  // did not move), are written again from the clusterer when it has them,
  // else recounted and retitled from their events once every row the
  // clusterer has is written.
  for (int64_t id : left) {
    if (auto it = replay_stories_.find(id); it != replay_stories_.end()) {
      stories.insert(it->second);
    }
    if (clusterer_->MarkChanged(id)) continue;
    Result<EventRow> row = store_->GetEvent(id);
    if (row.status().code() == Status::Code::kNotFound) continue;
    RETURN_IF_ERROR(row.status());
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members,
                     store_->ArticlesOfEvent(id));
    ASSIGN_OR_RETURN(Voices voices, VoicesOf(*store_, members));
    RETURN_IF_ERROR(BeginIfNeeded());
    if (members.empty()) {
      RETURN_IF_ERROR(store_->DeleteEvent(id));
    } else {
      row->article_count = voices.count;
      row->first_published = voices.first;
      row->last_published = voices.last;
      row->first_local = voices.first_local;
      row->last_local = voices.last_local;
      RETURN_IF_ERROR(store_->PutEvent(*row));
    }
    stories.insert(row->story_id);
  }
  std::erase_if(stories, [&](int64_t id) { return clusterer_->MarkStoryChanged(id); });
  RETURN_IF_ERROR(WriteChanges(/*retire=*/false));
  for (int64_t id : stories) {
    Result<StoryRow> story = store_->GetStory(id);
    if (story.status().code() == Status::Code::kNotFound) continue;
    RETURN_IF_ERROR(story.status());
    ASSIGN_OR_RETURN(std::vector<EventRow> events, store_->EventsOfStory(id));
    if (events.empty()) {
      RETURN_IF_ERROR(store_->DeleteStory(id));
      continue;
    }
    story->event_count = static_cast<int64_t>(events.size());
    story->article_count = 0;
    story->first_published.reset();
    story->last_published.reset();
    story->first_local.reset();
    story->last_local.reset();
    // Its local span is its events'; none when one of them has none.
    bool local_unknown = false;
    // Titled after its largest event, as the clusterer titles a story (the
    // event it was titled after may have left it). Of equals the clusterer
    // keeps the first to reach that size, which rows do not record; the
    // lowest id stands in for it.
    const EventRow* lead = nullptr;
    for (const EventRow& e : events) {
      story->article_count += e.article_count;
      ExtendSpan(&story->first_published, &story->last_published, e.first_published);
      ExtendSpan(&story->first_published, &story->last_published, e.last_published);
      local_unknown = local_unknown || (e.first_published && !e.first_local);
      ExtendSpan(&story->first_local, &story->last_local, e.first_local);
      ExtendSpan(&story->first_local, &story->last_local, e.last_local);
      if (lead == nullptr || e.article_count > lead->article_count ||
          (e.article_count == lead->article_count && e.id < lead->id)) {
        lead = &e;
      }
    }
    if (local_unknown) story->first_local = story->last_local = std::nullopt;
    story->title = lead->title;
    RETURN_IF_ERROR(store_->PutStory(*story));
  }
  return Status::OK();
}

Status Engine::BeginIfNeeded() {
  if (in_transaction_) return Status::OK();
  RETURN_IF_ERROR(store_->Begin());
  in_transaction_ = true;
  return Status::OK();
}

Result<AddResult> Engine::Add(Article article) {
  AddResult result;
  if (article.id.empty()) article.id = ArticleId(article);
  ASSIGN_OR_RETURN(bool present, store_->HasArticle(article.id));
  if (!present) {
    // A store made before has the article under the id it had then: a
    // URL with tracking tags under the id of the URL as given (before
    // IdentityUrl(), 2026-12-06), or the reader's former_id.
    std::string former = article.former_id;
    if (former.empty() && article.url.find('?') != std::string::npos &&
        IdentityUrl(article.url) != article.url) {
      former = UrlAsGivenId(article.url);
    }
    if (!former.empty() && former != article.id) {
      ASSIGN_OR_RETURN(present, store_->HasArticle(former));
      if (present) article.id = std::move(former);
    }
  }
  result.id = article.id;
  if (present && !article.url.empty()) {
    // Its URL is stored: the same article again changes nothing, but one
    // with another title or text at that URL (two articles given one URL,
    // a page edited since, a feed's summary of a page stored whole) is not
    // stored either, and the caller says so.
    ASSIGN_OR_RETURN(StoredArticle stored, store_->GetArticle(article.id));
    result.stored_differs =
        stored.article.title != article.title || stored.article.text != article.text;
  }
  if (present) {
    result.already_present = true;
    return result;
  }
  if (article.published && clusterer_->clock().FarAhead(*article.published) &&
      *article.published > static_cast<UnixSeconds>(std::time(nullptr)) + kSecondsPerDay) {
    result.far_ahead_of = clusterer_->clock().Newest();
  }
  DetectLanguageIfMissing(detector_, &article);
  DuplicateMatch match;
  RETURN_IF_ERROR(Classify(article, &result, &match));
  RETURN_IF_ERROR(BeginIfNeeded());
  Result<int64_t> seq = store_->InsertArticle(article, result.assignment.event_id);
  if (!seq.ok()) return seq.status();
  if (result.duplicate) RETURN_IF_ERROR(store_->PutDuplicate(*result.duplicate));
  RETURN_IF_ERROR(ApplyMerges(result.assignment.merged));
  if (options_.detect_duplicates) {
    dedup_->Add(signature_, static_cast<uint64_t>(*seq), match,
                article.published);
  }
  last_seq_ = *seq;
  ++unsaved_;
  RETURN_IF_ERROR(CountForRetirement());
  if (++uncommitted_ >= options_.commit_every) RETURN_IF_ERROR(Commit());
  return result;
}

Status Engine::Classify(const Article& article, AddResult* result,
                        DuplicateMatch* match) {
  *match = DuplicateMatch();
  if (options_.detect_duplicates) {
    dedup_->Sign(article.title, article.text, SiteOrSourceOf(article), &signature_);
    *match = dedup_->Match(signature_);
  }
  if (match->is_duplicate()) {
    ASSIGN_OR_RETURN(result->duplicate,
                     RouteDuplicate(article, *match, &result->assignment));
    if (!result->duplicate) *match = DuplicateMatch();  // canonical not stored
  }
  if (!result->duplicate) {
    features_.Extract(article, &input_, clusterer_.get());
    result->assignment = clusterer_->Add(
        input_, options_.explain ? &result->explanation.emplace() : nullptr);
    unflushed_event_story_[result->assignment.event_id] =
        result->assignment.story_id;
  }
  return Status::OK();
}

// Index keys are store seqs (positive), so the canonical and the matched
// article are found by seq.
Result<std::optional<DuplicateRow>> Engine::RouteDuplicate(
    const Article& article, const DuplicateMatch& match,
    Assignment* assignment) {
  Result<StoredArticle> canonical =
      store_->GetArticleBySeq(static_cast<int64_t>(match.canonical));
  Result<StoredArticle> matched =
      store_->GetArticleBySeq(static_cast<int64_t>(match.matched));
  for (const Status& s : {canonical.status(), matched.status()}) {
    if (s.code() == Status::Code::kNotFound) return std::optional<DuplicateRow>();
    RETURN_IF_ERROR(s);
  }
  *assignment = Assignment();
  assignment->event_id = canonical->event_id;
  if (auto it = unflushed_event_story_.find(canonical->event_id);
      it != unflushed_event_story_.end()) {
    assignment->story_id = it->second;
  } else {
    Result<EventRow> event = store_->GetEvent(canonical->event_id);
    if (event.ok()) {
      assignment->story_id = event->story_id;
    } else if (event.status().code() != Status::Code::kNotFound) {
      return event.status();
    }
  }
  DuplicateRow row;
  row.article_id = article.id;
  row.canonical_id = canonical->article.id;
  row.matched_id = matched->article.id;
  row.kind = DuplicateKindName(match.kind);
  row.similarity = match.similarity;
  return std::optional<DuplicateRow>(std::move(row));
}

Status Engine::Commit() {
  // The store's first commit saves the state, so that a store with
  // articles always has one (what the crash oracle checks).
  const bool due = !state_saved_ || unsaved_ >= options_.state_every;
  return CommitAndMaybeSave(due);
}

Status Engine::Flush() {
  return CommitAndMaybeSave(unsaved_ > 0 || !state_saved_);
}

Status Engine::CountForRetirement() {
  if (++unretired_ < options_.changes_every) return Status::OK();
  return WriteChanges(/*retire=*/true);
}

Status Engine::WriteChanges(bool retire) {
  RETURN_IF_ERROR(BeginIfNeeded());
  OnlineClusterer::Changes changes = clusterer_->TakeChanges(retire);
  if (retire) unretired_ = 0;
  for (const ClusterSummary& e : changes.events) {
    RETURN_IF_ERROR(NoteStoredStory(e.id));  // before its row is replaced
    EventRow row;
    row.id = e.id;
    row.story_id = e.story_id;
    row.title = e.title;
    row.first_published = e.first;
    row.last_published = e.last;
    row.first_local = e.first_local;
    row.last_local = e.last_local;
    row.article_count = e.articles;
    if (restore_pending_ && e.first && !e.first_local) unspanned_events_.insert(e.id);
    RETURN_IF_ERROR(store_->PutEvent(row));
  }
  for (const ClusterSummary& s : changes.stories) {
    StoryRow row;
    row.id = s.id;
    row.title = s.title;
    row.first_published = s.first;
    row.last_published = s.last;
    row.first_local = s.first_local;
    row.last_local = s.last_local;
    row.event_count = s.events;
    row.article_count = s.articles;
    if (restore_pending_ && s.first && !s.first_local) unspanned_stories_.insert(s.id);
    RETURN_IF_ERROR(store_->PutStory(row));
  }
  return Status::OK();
}

Status Engine::CommitAndMaybeSave(bool save_state) {
  RETURN_IF_ERROR(WriteChanges(/*retire=*/false));
  save_state = save_state && options_.persist_state;
  if (save_state) {
    RETURN_IF_ERROR(store_->PutState(kClustererStateKey, clusterer_->Encode()));
    RETURN_IF_ERROR(store_->PutState(kDedupStateKey, dedup_->Encode()));
    RETURN_IF_ERROR(
        store_->PutState(kStateThroughKey, std::to_string(last_seq_)));
    RETURN_IF_ERROR(
        store_->PutState(kUnretiredKey, std::to_string(unretired_)));
  }
  RETURN_IF_ERROR(store_->Commit());
  unflushed_event_story_.clear();
  in_transaction_ = false;
  uncommitted_ = 0;
  if (save_state) {
    unsaved_ = 0;
    state_saved_ = true;
  }
  return Status::OK();
}

void DetectLanguageIfMissing(const LanguageDetector& detector, Article* a) {
  if (!a->lang.empty() && a->lang != "und") return;
  const LanguageGuess g = detector.Detect(a->title, a->text);
  a->lang = g.code;
  a->lang_confidence = g.confidence;
}

std::vector<size_t> ClusteringOrder(std::span<const Article> articles) {
  std::vector<UnixSeconds> key(articles.size());
  UnixSeconds last = std::numeric_limits<UnixSeconds>::min();
  for (size_t i = 0; i < articles.size(); ++i) {
    if (articles[i].published) last = *articles[i].published;
    key[i] = last;
  }
  std::vector<size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key[a] < key[b]; });
  return order;
}

void SortForClustering(std::vector<Article>* articles) {
  const std::vector<size_t> order = ClusteringOrder(*articles);
  std::vector<Article> sorted;
  sorted.reserve(articles->size());
  for (size_t i : order) sorted.push_back(std::move((*articles)[i]));
  articles->swap(sorted);
}

}  // namespace newsloom
