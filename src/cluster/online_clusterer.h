// Online event and story clustering: one pass over articles in the order
// they arrive (publication order when the caller sorts), with no look at the
// future.
//
// Each article either joins the best-scoring active event or starts a new
// one: the join model (cluster/join_model.h) scores the article against each
// candidate event from the TF-IDF cosines of content words, lede, names,
// time mentions and numbers with the event's centroids, what the event lacks
// of the article's names and lede, and the time gap; the article joins the
// best candidate when the score reaches the model's threshold (trained, see
// `newsloom train`). One rule comes before the model: an article whose main
// date (a day-and-month date it names at least kMainDateMentions times) is
// more than kNewsDayDays from every date a candidate event names is not
// scored against it: it reports another day's happening, a follow-up (a
// day apart is still one happening: overnight, time zones, the next
// morning's reports). The main date counts only
// when it is the day the article reports: its headline names it ("video
// call on March 7"), or the article is dated and the date is its news day,
// within kNewsDayDays of publication. Any other is a deadline, an
// anniversary, a document it cites ("until January 1", "the August 16
// cable") or, in an undated page, often the page's own stamp ("Posted July
// 20, 2009"). A new event joins the most
// similar active story (ClusterOptions, story_*; an undated pair only
// through a date both name), or starts one; an event stays in its story for
// good. Document frequencies are streaming: an article is weighted with the
// statistics of everything seen up to and including itself.
//
// A second look (ClusterOptions::second_look_after): an event that still
// holds only its first article that many articles later is scored again,
// that article against the events that have gained an article or begun
// since, under the same model, threshold and rules, and merged into the
// best that now reaches the threshold, when that is in its story or its
// story has no other event (which then goes). Add() reports the merges it
// made (Assignment::merged); the article it placed is never among them.
//
// Candidate retrieval: an inverted index from terms to active events, to
// which each article that joins an event posts its heaviest terms
// (ClusterOptions::post_terms per channel) that the event had not posted; an
// article looks up its heaviest names, words, concepts and numbers and
// scores exactly only the events with the most weight on the terms they
// share (ClusterOptions::max_candidates). Numbers look up only events with
// no article in the article's language: they are what other languages'
// coverage shares with it, where words are not. Events and stories leave
// the index when they fall out of the active window (their postings are
// swept within a few retirements (TakeChanges)), and the vocabulary forgets the terms only
// they held (TermStats::Forget; also every few retirements), so cost per
// article and memory follow the window, not the history.
//
// Determinism: the same inputs in the same order give the same ids and
// assignments (ties go to the lower id; no iteration order of a hash map
// decides anything).
//
// Thread safety: none; use one instance per stream.
#ifndef NEWSLOOM_CLUSTER_ONLINE_CLUSTERER_H_
#define NEWSLOOM_CLUSTER_ONLINE_CLUSTERER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/stream_clock.h"
#include "base/time.h"
#include "cluster/id_table.h"
#include "cluster/join_model.h"
#include "cluster/options.h"
#include "cluster/outlet_lines.h"
#include "cluster/sparse.h"
#include "cluster/term_stats.h"

namespace newsloom {

// What the clusterer needs of an article. Terms are given once per
// occurrence; the clusterer counts them.
struct ClusterInput {
  std::optional<UnixSeconds> time;
  // The UTC offset `time` was written in, minutes east (Article::
  // published_offset): the local spans (ClusterSummary::first_local) read
  // it, nothing else does.
  std::optional<int> time_offset;
  // Content words are compared only between articles of one language (a
  // cluster keeps word centroids per language); names compare across.
  std::string lang;
  std::string title;                      // headline, may be empty
  std::string fallback_title;             // e.g. the first sentence
  std::vector<std::string_view> title_words;  // content terms of the title
  std::vector<std::string_view> words;        // content terms of the body
  // Content terms of the lede: headline and first sentences, which say
  // what happened (the inverted pyramid); the body says what it is about.
  std::vector<std::string_view> lede_words;
  std::vector<std::string_view> names;        // language-independent name keys
  std::vector<std::string_view> times;        // time-mention keys (wd:2, md:02-26)
                                              // (kDatePrefix: day-and-month dates)
  std::vector<std::string_view> numbers;      // numbers as written ("6.1", "1,200")
  // English concept stems of a non-English article's content words
  // (text/concepts.h); empty for English, whose words are its concepts.
  std::vector<std::string_view> concepts;
  // The day-and-month dates among the headline's time mentions ("md:03-07").
  std::vector<std::string_view> title_dates;
  // OutletLineKey of each line of the body that can be keyed, and of the
  // headline's heads and tails (in a key space of their own;
  // cluster/outlet_lines.h), distinct: recorded with the story the article
  // is placed in, so that later articles know their outlet's lines.
  std::vector<uint64_t> line_keys;

  // Empties every field, as `*this = ClusterInput{}` would, but keeps the
  // vectors' and strings' capacity for the next article. Keep in step with
  // the fields (OnlineClustererTest.ClearEqualsAFreshInput).
  void Clear() {
    time.reset();
    time_offset.reset();
    lang.clear();
    title.clear();
    fallback_title.clear();
    title_words.clear();
    words.clear();
    lede_words.clear();
    names.clear();
    times.clear();
    numbers.clear();
    concepts.clear();
    title_dates.clear();
    line_keys.clear();
  }
};

// Time-mention keys that name a day of a month start with this.
inline constexpr std::string_view kDatePrefix = "md:";
// The language ClusterInput::concepts are stems of.
inline constexpr std::string_view kConceptLanguage = "en";
// An article's main date is one it mentions at least this often.
inline constexpr int kMainDateMentions = 2;
// A dated article's main date is its news day when at most this many days
// from its publication (either way: "yesterday", time zones); and two
// dates this close are one happening's.
inline constexpr int kNewsDayDays = 1;

// An event merged into another by a second look
// (ClusterOptions::second_look_after): its one article (and the copies
// that follow it) now belongs to event `into`, of story `into_story`.
// `story` lost the event; it is gone when `story_gone` (it had no other).
struct EventMerge {
  int64_t event = 0;
  int64_t story = 0;
  int64_t into = 0;
  int64_t into_story = 0;
  double similarity = 0;  // the join score that merged it
  bool story_gone = false;
};

struct Assignment {
  int64_t event_id = 0;
  int64_t story_id = 0;
  bool new_event = false;
  bool new_story = false;
  double similarity = 0;  // to the event joined; 0 for a new event
  // Second looks taken once this article was placed: events of earlier
  // articles merged into others. Never this article's own event.
  std::vector<EventMerge> merged;
};

// Why Add() placed an article where it did (`--explain`): the events the
// inverted index found, what became of each candidate, and, for an article
// that starts an event, the stories its event was compared with. The state
// is the one the article met (before it was placed). Filling it computes
// every scored candidate's features in full; the decision is the same
// (ScoreIfReaches prunes exactly).
struct JoinExplanation {
  enum class Fate {
    kScored,         // scored (events: the join model; stories: similarity)
    kOutOfWindow,    // its time span is too far from the article's date
    kDatesConflict,  // the follow-up rule: the article reports another day
    kNoSharedDate,   // stories: a side is undated and they name no date in common
  };
  struct Candidate {
    int64_t id = 0;        // event id (events) or story id (stories)
    int64_t story_id = 0;  // events only: the story it belongs to
    std::string title;
    int64_t articles = 0;
    std::optional<UnixSeconds> first, last;
    std::optional<UnixSeconds> first_local, last_local;
    Fate fate = Fate::kScored;
    PairFeatures features;  // events, kScored: every feature, in full
    // kScored: the join model's log-odds (events) or the time-weighted
    // similarity (stories).
    double score = 0;
  };
  // Active events that share a query term with the article; the
  // ClusterOptions::max_candidates of them with the most weight on shared
  // terms are `events`, in that order.
  size_t events_found = 0;
  std::vector<Candidate> events;
  double threshold = 0;  // the join model's
  // The day the follow-up rule took the article to report ("03-07", month
  // and day), when it applied.
  std::optional<std::string> main_date;
  // For an article that started an event: the stories of the candidate
  // events, in id order.
  std::vector<Candidate> stories;
  double story_threshold = 0;
};

// The fate's name as `--explain` prints it: "scored", "out of window",
// "dates conflict", "no shared date".
std::string_view FateName(JoinExplanation::Fate fate);

// A read-only view of an event or a story, for persisting and printing.
struct ClusterSummary {
  int64_t id = 0;
  int64_t story_id = 0;  // events only
  // An event's: the headline of the remembered member closest to its
  // centroid. A story's: the title of its largest event, the first of its
  // events to reach that size (decided per article, so the same stream
  // gives the same titles whenever the changes are taken).
  std::string title;
  // Over its articles that are not copies: their times (ClusterInput::
  // time), and the earliest and latest as their outlets' clocks read them
  // (ExtendLocalSpan, base/time.h; from ClusterInput::time_offset), whose
  // days are its first and last days. No local span when it was dated
  // before they were kept (a state of format 10), or a second look merged
  // such an event into it, until RestoreLocalSpan gives it one.
  std::optional<UnixSeconds> first, last;
  std::optional<UnixSeconds> first_local, last_local;
  int64_t articles = 0;
  int64_t events = 0;    // stories only
};

class OnlineClusterer {
 public:
  explicit OnlineClusterer(const ClusterOptions& options = {});
  ~OnlineClusterer();

  // Assigns one article; see the file comment. With `why`, also says why
  // (JoinExplanation); the assignment is the same either way.
  Assignment Add(const ClusterInput& input, JoinExplanation* why = nullptr);

  // Training: like Add, but the article joins the event labelled
  // `gold_event` (starting one when the label is new or its event has left
  // the window) within the story labelled `gold_story`. Before that, every
  // candidate event the article would have been scored against is appended
  // to `examples` with its features, positive when it is the gold event. A
  // clusterer used for training is not used for anything else.
  Assignment AddLabelled(const ClusterInput& input, const std::string& gold_event,
                         const std::string& gold_story,
                         std::vector<Example>* examples);

  // What changed since the last call: the summaries of every event and
  // story that gained an article. Then, when `retire`, events and stories
  // that have fallen out of the active window are dropped from memory
  // (they are final); every few such calls, once enough has gone, the
  // index's postings of retired events and the terms only they held go
  // too. Retiring changes later decisions (a forgotten term that comes
  // back starts from df 0), so a caller retires at a fixed count of
  // articles (the Engine: EngineOptions::changes_every) and takes only
  // the summaries at other times (a commit). Cheap enough to call at every
  // commit, even ten times a second.
  struct Changes {
    std::vector<ClusterSummary> events;
    std::vector<ClusterSummary> stories;
  };
  Changes TakeChanges(bool retire = true);
  // Reports an active event (and its story), or an active story, in the
  // next TakeChanges() as if it had changed: after a replay moved articles
  // out of it, its stored row must be written again. False when it is not
  // active (unknown or retired).
  bool MarkChanged(int64_t event_id);
  bool MarkStoryChanged(int64_t story_id);

  // The active events and stories dated without a local span
  // (ClusterSummary::first_local), in id order: those of a state saved
  // before local spans were kept (format 10, or 11 written by a binary
  // that read one), and those they were merged into.
  std::vector<int64_t> EventsWithoutLocalSpans() const;
  std::vector<int64_t> StoriesWithoutLocalSpans() const;
  // Gives such an event or story its local span, read from its articles
  // (the Engine reads them in the store: Engine::Open), and reports it in
  // the next TakeChanges(). Its later articles widen it as they do any
  // other's. False, changing nothing, when it is not active, already has
  // one, or [first_local, last_local] cannot be a local span of its
  // instants (IsLocalSpanOf, base/article.h).
  bool RestoreLocalSpan(int64_t event_id, UnixSeconds first_local, UnixSeconds last_local);
  bool RestoreStoryLocalSpan(int64_t story_id, UnixSeconds first_local,
                             UnixSeconds last_local);
  // Tests only: forgets every local span, as a state of format 10 decodes.
  void ForgetLocalSpansForTesting();

  size_t active_events() const { return events_.size(); }
  size_t active_stories() const { return stories_.size(); }
  uint64_t articles() const { return terms_.docs(); }
  // Terms in the clusterer's vocabulary now (it forgets those of retired
  // events, see TermStats::Forget).
  size_t vocabulary_size() const { return terms_.vocabulary_size(); }
  // Whether name key `key` (ClusterInput::names) is in the vocabulary: an
  // article of the active window had it (or of an event retired since the
  // vocabulary was last swept, see TakeChanges). The feature extractor asks this
  // of words in scripts without case (engine/features.h).
  bool KnowsName(std::string_view key) const {
    return terms_.Knows(TermKind::kName, key);
  }
  // Whether the inverted index lists active event `event_id` under the
  // content word `word` (ClusterInput::words), so that an article whose
  // heaviest words include it finds the event. For tests.
  bool IndexesWord(int64_t event_id, std::string_view word) const;
  // Whether the line of `key` (OutletLineKey) is one its outlet prints
  // around articles of several stories (cluster/outlet_lines.h): the
  // feature extractor leaves it out of the article's features.
  // Asked before the article is added.
  bool IsOutletLine(uint64_t key) const {
    return outlet_lines_.IsOutletLine(key, {.seq = sequence_, .now = clock_.Now()});
  }

  // The stream's time (base/stream_clock.h): the clock of the windows,
  // fed by every article added with a time.
  const StreamClock& clock() const { return clock_; }

  // Persisted state (versioned; Decode refuses newer versions and corrupt
  // blobs with a Status). Pending changes are not part of the state: call
  // TakeChanges() first.
  std::string Encode() const;
  static Result<std::unique_ptr<OnlineClusterer>> Decode(
      std::string_view blob, const ClusterOptions& options = {});

 private:
  struct Member;
  struct Event;
  struct Story;

  double TimeFactor(const std::optional<UnixSeconds>& t,
                    const std::optional<UnixSeconds>& first,
                    const std::optional<UnixSeconds>& last,
                    double decay_days) const;
  bool OutOfWindow(const std::optional<UnixSeconds>& t,
                   const std::optional<UnixSeconds>& first,
                   const std::optional<UnixSeconds>& last,
                   double window_days) const;
  struct Vectors;
  struct Profile;
  double Similarity(const Vectors& doc, const Profile& cluster) const;
  // Cosine of the article's and the cluster's English concepts (0 when a
  // side has none): the word signal across languages.
  double ConceptCosine(const Vectors& doc, const Profile& p) const;
  // Day-and-month date mentions among the time terms (see ClusterInput).
  bool IsDate(TermId t) const;
  std::optional<TermId> MainDate(
      const std::vector<std::pair<TermId, float>>& time_counts) const;
  // Whether the date term `date` ("md:03-07") falls within kNewsDayDays of
  // the UTC day of `time`, in its year or the one before or after.
  bool IsNewsDay(TermId date, UnixSeconds time) const;
  // Whether `p` names dates and all are more than kNewsDayDays from
  // `main_date` (none: no conflict).
  bool DatesConflict(const std::optional<TermId>& main_date,
                     const Profile& p) const;
  bool SharesDate(const Vectors& doc, const Profile& p) const;
  PairFeatures Features(const Vectors& doc, const ClusterInput& in,
                        const Event& e) const;
  // The model's score of the pair when it can reach `bar`, else nullopt:
  // the same value as Score(Features(...)), bit for bit, computed in three
  // steps (names, times, numbers and the gap; then the word cosine; then
  // the lede) with a stop after each when even the best values of the
  // features still to come could not lift the score to `bar`. Exact: a
  // candidate it drops could not have been chosen.
  // Sets every feature but kWordCos, kLedeCos and kLedeNew; true when
  // those three apply (the article and the event both have words in the
  // article's language), else the concept cosine is set instead.
  bool FeaturesBesideWords(const Vectors& doc, const ClusterInput& in,
                           const Event& e, PairFeatures* f) const;
  // kWordCos; then kLedeCos and kLedeNew. REQUIRE: FeaturesBesideWords
  // returned true for the pair.
  void WordFeature(const Vectors& doc, const Event& e, PairFeatures* f) const;
  void LedeFeatures(const Vectors& doc, const Event& e, PairFeatures* f) const;
  // Similarity(doc, p) * time_factor, the same double, or nullopt when it
  // cannot reach `bar` (pruned as ScoreIfReaches is, by
  // ClusterOptions::prune_scoring).
  std::optional<double> StorySimilarityIfReaches(const Vectors& doc,
                                                 const Profile& p,
                                                 double time_factor,
                                                 double bar) const;
  std::optional<double> ScoreIfReaches(const Vectors& doc,
                                       const ClusterInput& in, const Event& e,
                                       double bar) const;
  void MakeVectors(const ClusterInput& in, Vectors* doc);
  // The candidates an article is scored against: in the window, and whose
  // dates its main date does not contradict. Add and AddLabelled share it,
  // so training sees exactly the pairs clustering scores.
  // With `why`, every candidate is recorded in why->events with its fate
  // (the scored ones without their score yet), and the main date.
  std::vector<Event*> Scoreable(const std::vector<int64_t>& candidates,
                                const ClusterInput& in,
                                JoinExplanation* why = nullptr) const;
  // Adds the article to `event` (and its story) and completes `a`.
  Assignment Place(const ClusterInput& in, const Vectors& doc, Event* event,
                   Assignment a);
  Event* NewEvent(int64_t story_id);
  // The main date of the article of the last MakeVectors (see Add), or
  // nullopt when the follow-up rule is off for it.
  std::optional<TermId> ArticleMainDate(const ClusterInput& in) const;
  // Candidates that the window and date rules let be scored.
  std::vector<Event*> ScoreableAt(const std::vector<int64_t>& candidates,
                                  const std::optional<UnixSeconds>& time,
                                  const std::optional<TermId>& main_date,
                                  JoinExplanation* why) const;
  Assignment AddOne(const ClusterInput& in, JoinExplanation* why);
  // The best of `scoreable` for `doc` (nullptr when none reaches the
  // threshold with pruning on), its score in *best_score.
  Event* Best(const std::vector<Event*>& scoreable, const Vectors& doc,
              const ClusterInput& in, double* best_score) const;
  // The second looks due (ClusterOptions::second_look_after), in order.
  void SecondLooks(std::vector<EventMerge>* merged);
  void MergeEvent(Event* from, Event* into, double score,
                  std::vector<EventMerge>* merged);
  Story* NewStory();
  // The ids of at most max_candidates active events, most shared query
  // weight first (ties: the lower id).
  std::vector<int64_t> Candidates(const Vectors& doc);
  void Index(Event* e, const Vectors& v);
  // With `why`, every story considered is recorded in why->stories with
  // its fate and full similarity.
  int64_t ChooseStory(const std::vector<int64_t>& candidates,
                      const ClusterInput& in, const Vectors& doc,
                      double* best_sim, JoinExplanation* why = nullptr) const;
  void AddToEvent(Event* e, const ClusterInput& in, const Vectors& doc);
  void AddToStory(Story* s, const ClusterInput& in, const Vectors& doc);
  std::string EventTitle(const Event& e) const;
  ClusterSummary Summarize(const Event& e) const;
  ClusterSummary Summarize(const Story& s) const;
  void Retire();
  // Recounts events_with_lang_ from the active events.
  void CountLanguages();
  void ForgetTerms();
  static void EncodeProfile(Encoder* e, const Profile& p);
  // What Decode knows of the blob: its format version and the number of
  // term ids, which no id in it may reach.
  struct StateFormat {
    uint64_t version = 0;
    uint64_t term_limit = 0;
  };
  static bool DecodeProfile(Decoder* d, const StateFormat& f, Profile* p);
  static void EncodeVectors(Encoder* e, const Vectors& v);
  static bool DecodeVectors(Decoder* d, const StateFormat& f, Vectors* v);

  ClusterOptions options_;
  TermStats terms_;
  IdTable<Event> events_;   // active
  IdTable<Story> stories_;  // active
  // Term -> active events that posted it (Index: the heaviest terms of
  // their articles), indexed by TermId (ids are dense); Event::posted is
  // the other direction.
  std::vector<std::vector<int64_t>> postings_;
  OutletLines outlet_lines_;  // lines of the window's articles, by story
  // Retire() sweeps the postings of retired events, and ForgetTerms() the
  // vocabulary, only every few retirements (see there).
  // Events retired since the last postings sweep. Not saved: which
  // postings name retired events never shows (Encode writes live ones).
  size_t retired_since_sweep_ = 0;
  static constexpr size_t kForgetShare = 8;
  size_t unseen_kept_ = 0;  // held terms the last ForgetTerms() walk kept
  // Active events with an article in each language (Candidates: whether
  // the window holds events of other languages than the article's).
  std::unordered_map<std::string, size_t> events_with_lang_;
  std::vector<int64_t>& Postings(TermId t) {
    if (t >= postings_.size()) postings_.resize(t + 1);
    return postings_[t];
  }
  std::set<int64_t> changed_events_, changed_stories_;
  int64_t next_event_id_ = 1;
  int64_t next_story_id_ = 1;
  StreamClock clock_;      // the stream's time, for the windows
  uint64_t sequence_ = 0;  // articles added, for recency of undated
  // Events waiting for their second look, oldest first: the sequence_ at
  // which it is due, and the main date key of their first article ("" for
  // none). Saved with the state.
  struct Young {
    uint64_t due = 0;
    int64_t event = 0;
    std::string main_date;
  };
  std::deque<Young> young_;

  // Training only (AddLabelled): gold label -> current event / story id.
  std::unordered_map<std::string, int64_t> gold_events_, gold_stories_;

  // Buffers reused across Add() calls.
  TermStats::Counts counts_;
  std::vector<std::pair<TermId, float>> lede_counts_;
  // Candidates()' scratch: the shared weight of each active event, by id -
  // events_.base() (0 between calls), and the ids it touched.
  std::vector<float> hits_;
  std::vector<int64_t> hit_ids_;
  // Its query terms: names, words, concepts, numbers.
  std::vector<std::pair<TermId, float>> query_[4];
  std::vector<std::pair<float, int64_t>> ranked_;
  // Index()'s terms to post, sorted, and those the event had not posted.
  std::vector<TermId> post_terms_, post_new_;
  // The same for the events below events_.base() (IdTable's pinned ones),
  // by their place among them.
  std::vector<float> pinned_hits_;
  // REQUIRES: `id` is a live event.
  float& HitsOf(int64_t id, int64_t base) {
    if (id >= base) return hits_[static_cast<size_t>(id - base)];
    return pinned_hits_[events_.pinned_index(id)];
  }

  // The article being added, scattered once (sparse.h) and compared with
  // each candidate through Cos(). Set by a Scatter guard for the span of
  // Add()/AddLabelled(); empty otherwise.
  struct Scattered {
    ScatteredVector words, lede, names, times, numbers, concepts;
  };
  Scattered scattered_;
  class Scatter;
  // c.Cosine(v), through scattered_ when `v` is the article being added.
  double Cos(const Centroid& c, const TermVector& v) const;
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_ONLINE_CLUSTERER_H_
