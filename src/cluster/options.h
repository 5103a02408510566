// Parameters of online event and story clustering, with their defaults.
//
// One default configuration serves every corpus: nothing here is fitted to
// one evaluation file. The channel weights, thresholds and time constants
// were chosen by a small grid sweep (time_weight 0.5..1, event_threshold
// 0.27..0.35, story_threshold 0.22..0.27) judged on all four development
// files of shared/data/clustering together, with the seeds' expected
// grouping as a constraint; README.md ("Results") has the figures. Change
// them only with `newsloom eval` figures on all of them.
#ifndef NEWSLOOM_CLUSTER_OPTIONS_H_
#define NEWSLOOM_CLUSTER_OPTIONS_H_

#include <cstddef>

namespace newsloom {

struct ClusterOptions {
  // ---- Similarity ----
  // An article's similarity to an event (or story) is a weighted mean of
  // three cosines: content words (stems, TF-IDF), lede words, and names
  // (language-independent keys of capitalised words, TF-IDF). Words and lede
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
  // With both times known, similarity is multiplied by
  // exp(-gap_days / time_decay_days), where gap_days is the distance from the
  // article's time to the event's [first, last] interval. Undated articles
  // (and events) are compared without a time factor.
  double event_time_decay_days = 4.0;
  double story_time_decay_days = 30.0;

  // Events (stories) whose last article is older than this, relative to the
  // newest time seen, leave the candidate index: the active window. Memory
  // grows with the window, not with the history.
  double event_window_days = 14.0;
  double story_window_days = 60.0;

  // ---- Decisions ----
  // Join the most similar event when the similarity reaches this; otherwise
  // start a new event.
  double event_threshold = 0.32;
  // A new event joins the most similar story when the similarity of its
  // first article to the story reaches this; otherwise it starts a story.
  double story_threshold = 0.27;

  // ---- Representation (bounds memory, limits drift) ----
  // Terms kept per event and story centroid (the heaviest ones).
  size_t max_centroid_terms = 400;
  // The article's heaviest terms used to look up candidate events.
  size_t query_terms = 24;
  // At most this many candidate events (most shared query terms first) get
  // an exact similarity.
  size_t max_candidates = 64;
  // Most events (stories) kept active however recent; beyond it the least
  // recently updated leave first. Bounds memory on undated streams.
  size_t max_active_events = 100000;

  // Members remembered per event to choose its representative title.
  size_t title_candidates = 12;
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_OPTIONS_H_
