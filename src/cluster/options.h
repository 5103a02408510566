// Parameters of online event and story clustering, with their defaults.
//
// One default configuration serves every corpus: nothing here is fitted to
// one evaluation file. The event decision is the join model
// (cluster/join_model.h), fitted by `newsloom train` on all four
// development files of shared/data/clustering, each weighing the same. The
// story similarity's channel weights and threshold and the time constants
// were chosen by small grid sweeps judged on all four files together, with
// the seeds' expected grouping as a constraint; README.md ("Results") has
// the figures. Change them only with `newsloom eval` figures on all of them.
#ifndef NEWSLOOM_CLUSTER_OPTIONS_H_
#define NEWSLOOM_CLUSTER_OPTIONS_H_

#include <cstddef>

#include "cluster/join_model.h"

namespace newsloom {

struct ClusterOptions {
  // ---- Story similarity ----
  // A new event's first article is compared with candidate stories (and an
  // event's members with the event, to choose its title) by a weighted mean of
  // four cosines: content words (stems, TF-IDF), lede words, names
  // (language-independent keys of capitalised words, TF-IDF) and time
  // mentions. Words and lede
  // count only against articles of the same language; names carry across
  // languages and tell look-alike events apart (two shootings, two
  // earthquakes). A channel the article or the cluster lacks is left out of
  // the mean rather than counted as zero.
  double word_weight = 1.0;
  double name_weight = 1.0;
  // The lede (headline and first sentences) tells one happening from
  // another on the same topic.
  double lede_weight = 1.0;
  // Time mentions (weekdays, day-and-month dates) in the text: what day the
  // article is about, which publication dates may not say.
  double time_weight = 1.0;

  // Title words count this many times (headlines state the event).
  int title_repeat = 2;

  // ---- Time ----
  // With both times known, story similarity is multiplied by
  // exp(-gap_days / story_time_decay_days), where gap_days is the distance
  // from the article's time to the story's [first, last] interval; an
  // undated pair joins only through a day-and-month date both mention. (The
  // join model has the gap to an event as a feature of its own.)
  double story_time_decay_days = 30.0;

  // Events (stories) whose last article is older than this, relative to the
  // stream's clock (base/stream_clock.h: its 16th newest date), leave the
  // candidate index: the active window. Memory
  // grows with the window, not with the history.
  double event_window_days = 30.0;
  double story_window_days = 60.0;
  // A line an outlet printed is remembered this long after it was last
  // seen (cluster/outlet_lines.h): a site's chrome lasts until its next
  // redesign, and many outlets publish far less than once a month (on
  // gva-dev, 30 days instead of 365 learned too little: F1 0.8900 against
  // 0.8921). Memory grows with the articles of this span: a few dozen
  // bytes per line of 15-400 bytes.
  double outlet_line_days = 365.0;

  // ---- Decisions ----
  // The event join model (cluster/join_model.h): an article joins the
  // best-scoring candidate event when its score reaches the model's
  // threshold; otherwise it starts an event.
  JoinModel event_model = DefaultEventModel();
  // A new event joins the most similar story when the similarity of its
  // first article to the story reaches this; otherwise it starts a story.
  double story_threshold = 0.27;

  // ---- Representation (bounds memory, limits drift) ----
  // Terms kept per event and story centroid (the heaviest ones).
  size_t max_centroid_terms = 400;
  // The article's heaviest terms used to look up candidate events.
  size_t query_terms = 12;
  // The heaviest terms of an article, per channel, that its event is found
  // by: those the event has not posted yet go to the inverted index when
  // the article joins (0: all of them). A later article looks up its own
  // query_terms heaviest, so lower-weighted terms seldom found anything,
  // and a word channel has 100-200 terms. 24 instead of all left every dev
  // file's BCubed F1 as it was or higher (gva 0.8926 -> 0.8941) and took
  // about 7 % off ingest of the busy synthetic stream (docs/performance.md,
  // "The statement journal, and posting fewer terms"); 12 was faster
  // still but lost 0.0016 on ECB+.
  size_t post_terms = 24;
  // At most this many candidate events (most weight on shared query terms
  // first) are scored. Earlier, 16 candidates from 12 query terms (instead
  // of 64 from 24) left every dev file's BCubed F1 within 0.001 and halved
  // the clustering time. Then, with post_terms 24, 12 candidates instead of
  // 16 left ECB+ and basil as they were, gva 0.8941 -> 0.8938, itn 0.7342
  // -> 0.7383, and took about 4 % off ingest of the busy synthetic stream
  // (8: gva 0.8948, itn 0.7319, 1 % faster still).
  size_t max_candidates = 12;
  // Drop a candidate as soon as the features computed so far, with the best
  // values of the rest, cannot reach the threshold or the best score so
  // far (its word and lede cosines are then never computed). The decisions
  // are those of scoring every candidate in full, which `false` does: the
  // oracle the tests compare with.
  bool prune_scoring = true;
  // Most events (stories) kept active however recent; beyond it the least
  // recently updated leave first. Bounds memory on undated streams.
  size_t max_active_events = 100000;

  // Members remembered per event to choose its representative title.
  size_t title_candidates = 12;

  // A second look: an event that still holds only the article that
  // started it this many articles later is scored once more, its article
  // against the window's events as when it arrived (the same model,
  // threshold and date rules; only events that have gained an article or
  // begun since it arrived, the others being as they were then), and
  // merged into the best when that now reaches the threshold and is in
  // its story, or its story has no other event (Assignment::merged). An article that arrives
  // before the rest of its event's reports, or differs from the first of
  // them, starts an event of its own; the event it missed has grown since.
  // Event BCubed F1 from none to 50: ECB+ 0.8941 -> 0.9045 (story 0.8957
  // -> 0.9062), basil 0.9900 -> 1.0000, gva 0.8940 -> 0.8941, itn 0.7380
  // -> 0.7421; 30 to 100 within 0.005 of that (docs/quality.md, "A second
  // look at one-article events"). 0: never. At most kMaxSecondLookAfter
  // (a longer one is taken as that).
  size_t second_look_after = 50;
};

// How far ahead of the article counter a second look may be due: the bound
// of second_look_after, and of a due a saved state may hold.
inline constexpr uint64_t kMaxSecondLookAfter = uint64_t{1} << 20;

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_OPTIONS_H_
