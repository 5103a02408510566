// Private representation of OnlineClusterer's events and stories, shared by
// online_clusterer.cc and clusterer_state.cc. Not part of the API.
#ifndef NEWSLOOM_CLUSTER_CLUSTERER_INTERNAL_H_
#define NEWSLOOM_CLUSTER_CLUSTERER_INTERNAL_H_

#include "cluster/online_clusterer.h"

namespace newsloom {

// One article's weighted, normalised vectors.
struct OnlineClusterer::Vectors {
  std::string lang;
  TermVector words, lede, names, times, numbers;
  TermVector concepts;  // non-English articles only (ClusterInput::concepts)
};

// What a cluster is compared by: word and lede centroids per language, and
// one name centroid for all languages. `concepts` holds the English concepts
// of its non-English members; its English members' are their words.
struct OnlineClusterer::Profile {
  struct Language {
    std::string lang;
    Centroid words, lede;
  };
  std::vector<Language> langs;  // in order of first appearance
  Centroid names, times, numbers;
  Centroid concepts;

  const Language* Find(std::string_view lang) const {
    for (const Language& l : langs) {
      if (l.lang == lang) return &l;
    }
    return nullptr;
  }
  Language* Get(std::string_view lang) {
    for (Language& l : langs) {
      if (l.lang == lang) return &l;
    }
    langs.push_back({std::string(lang), {}, {}});
    return &langs.back();
  }
  void Add(const Vectors& v, size_t max_terms) {
    Language* l = Get(v.lang);
    l->words.Add(v.words);
    l->lede.Add(v.lede);
    names.Add(v.names);
    times.Add(v.times);
    numbers.Add(v.numbers);
    times.Prune(max_terms);
    numbers.Prune(max_terms);
    l->words.Prune(max_terms);
    l->lede.Prune(max_terms);
    names.Prune(max_terms);
    if (!v.concepts.empty()) {
      concepts.Add(v.concepts);
      concepts.Prune(max_terms);
    }
  }
};

struct OnlineClusterer::Member {
  std::string title;
  Vectors vectors;
};

struct OnlineClusterer::Event {
  int64_t id = 0;
  int64_t story_id = 0;
  Profile profile;
  std::optional<UnixSeconds> first, last;
  std::optional<UnixSeconds> first_local, last_local;  // ExtendLocalSpan
  int64_t articles = 0;
  uint64_t last_seq = 0;
  std::string fallback_title;
  std::vector<Member> members;  // the first ClusterOptions::title_candidates
  // The terms whose postings list this event (Index), sorted. Not saved:
  // Decode inverts the postings.
  std::vector<TermId> posted;
};

struct OnlineClusterer::Story {
  int64_t id = 0;
  Profile profile;
  std::optional<UnixSeconds> first, last;
  std::optional<UnixSeconds> first_local, last_local;  // ExtendLocalSpan
  int64_t articles = 0;
  int64_t events = 0;
  uint64_t last_seq = 0;
  // The title of its largest event (the first of its events to reach
  // lead_articles articles), as last taken (TakeChanges); kept when that
  // event retires.
  std::string title;
  int64_t lead_articles = 0;
  // That event's id; 0 when no event has outgrown lead_articles since the
  // state was restored. Not saved: the engine takes the changes before it
  // saves the state, so the saved title is the lead's current one, and
  // the lead's next article (or another event's outgrowing it) sets this
  // again, as in the uninterrupted stream.
  int64_t lead_event = 0;
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_CLUSTERER_INTERNAL_H_
