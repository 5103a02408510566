#include "cluster/online_clusterer.h"

#include "cluster/clusterer_internal.h"

#include <algorithm>
#include <cmath>

namespace newsloom {
namespace {

constexpr double kSecondsPerDay = 86400.0;

void Extend(std::optional<UnixSeconds>* first, std::optional<UnixSeconds>* last,
            const std::optional<UnixSeconds>& t) {
  if (!t) return;
  if (!*first || *t < **first) *first = t;
  if (!*last || *t > **last) *last = t;
}

// Distance in days from `t` to the interval [first, last]; nullopt when
// either side is undated.
std::optional<double> GapDays(const std::optional<UnixSeconds>& t,
                              const std::optional<UnixSeconds>& first,
                              const std::optional<UnixSeconds>& last) {
  if (!t || !first || !last) return std::nullopt;
  if (*t < *first) return (*first - *t) / kSecondsPerDay;
  if (*t > *last) return (*t - *last) / kSecondsPerDay;
  return 0.0;
}

// The `k` heaviest entries of `v` (all of them when it has fewer).
std::vector<std::pair<TermId, float>> Heaviest(const TermVector& v, size_t k) {
  std::vector<std::pair<TermId, float>> top = v.entries;
  if (top.size() > k) {
    std::nth_element(top.begin(), top.begin() + k, top.end(),
                     [](const auto& a, const auto& b) {
                       return a.second != b.second ? a.second > b.second
                                                   : a.first < b.first;
                     });
    top.resize(k);
  }
  return top;
}

}  // namespace

OnlineClusterer::OnlineClusterer(const ClusterOptions& options)
    : options_(options) {}

OnlineClusterer::~OnlineClusterer() = default;

double OnlineClusterer::TimeFactor(const std::optional<UnixSeconds>& t,
                                   const std::optional<UnixSeconds>& first,
                                   const std::optional<UnixSeconds>& last,
                                   double decay_days) const {
  const std::optional<double> gap = GapDays(t, first, last);
  return gap ? std::exp(-*gap / decay_days) : 1.0;
}

bool OnlineClusterer::OutOfWindow(const std::optional<UnixSeconds>& t,
                                  const std::optional<UnixSeconds>& first,
                                  const std::optional<UnixSeconds>& last,
                                  double window_days) const {
  const std::optional<double> gap = GapDays(t, first, last);
  return gap && *gap > window_days;
}

double OnlineClusterer::Similarity(const Vectors& doc,
                                   const Profile& cluster) const {
  // A weighted mean over the channels both sides have: an article without
  // names, or in a language the cluster has not seen, is judged on what it
  // has rather than penalised.
  double sum = 0, weight = 0;
  auto channel = [&](double w, const TermVector& v, const Centroid& c) {
    if (w <= 0 || v.empty() || c.empty()) return;
    sum += w * c.Cosine(v);
    weight += w;
  };
  if (const Profile::Language* l = cluster.Find(doc.lang)) {
    channel(options_.word_weight, doc.words, l->words);
    channel(options_.lede_weight, doc.lede, l->lede);
  }
  channel(options_.name_weight, doc.names, cluster.names);
  channel(options_.time_weight, doc.times, cluster.times);
  return weight > 0 ? sum / weight : 0;
}

std::vector<int64_t> OnlineClusterer::Candidates(const Vectors& doc) {
  hits_.clear();
  auto probe = [&](const TermVector& v) {
    for (const auto& [term, weight] : Heaviest(v, options_.query_terms)) {
      auto it = postings_.find(term);
      if (it == postings_.end()) continue;
      std::vector<int64_t>& list = it->second;
      size_t live = 0;
      for (int64_t id : list) {
        if (!events_.count(id)) continue;  // retired: compacted below
        list[live++] = id;
        ++hits_[id];
      }
      list.resize(live);
    }
  };
  probe(doc.names);
  probe(doc.words);
  std::vector<std::pair<int, int64_t>> ranked;
  ranked.reserve(hits_.size());
  for (const auto& [id, n] : hits_) ranked.emplace_back(-n, id);
  const size_t k = std::min(ranked.size(), options_.max_candidates);
  std::partial_sort(ranked.begin(), ranked.begin() + k, ranked.end());
  std::vector<int64_t> out;
  out.reserve(k);
  for (size_t i = 0; i < k; ++i) out.push_back(ranked[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

void OnlineClusterer::Index(int64_t event_id, const Vectors& v,
                            const Profile& before) {
  const Profile::Language* l = before.Find(v.lang);
  for (const auto& [term, w] : v.words.entries) {
    if (!l || l->words.Weight(term) == 0) postings_[term].push_back(event_id);
  }
  for (const auto& [term, w] : v.names.entries) {
    if (before.names.Weight(term) == 0) postings_[term].push_back(event_id);
  }
}

int64_t OnlineClusterer::ChooseStory(const std::vector<int64_t>& candidates,
                                     const ClusterInput& in, const Vectors& doc,
                                     double* best_sim) const {
  std::vector<int64_t> story_ids;
  for (int64_t e : candidates) story_ids.push_back(events_.at(e)->story_id);
  std::sort(story_ids.begin(), story_ids.end());
  story_ids.erase(std::unique(story_ids.begin(), story_ids.end()),
                  story_ids.end());
  int64_t best = 0;
  *best_sim = 0;
  for (int64_t id : story_ids) {
    auto it = stories_.find(id);
    if (it == stories_.end()) continue;
    const Story& s = *it->second;
    if (OutOfWindow(in.time, s.first, s.last, options_.story_window_days)) {
      continue;
    }
    const double sim =
        Similarity(doc, s.profile) *
        TimeFactor(in.time, s.first, s.last, options_.story_time_decay_days);
    if (sim > *best_sim) {
      *best_sim = sim;
      best = id;
    }
  }
  return *best_sim >= options_.story_threshold ? best : 0;
}

void OnlineClusterer::AddToEvent(Event* e, const ClusterInput& in,
                                 const Vectors& doc) {
  Index(e->id, doc, e->profile);
  e->profile.Add(doc, options_.max_centroid_terms);
  Extend(&e->first, &e->last, in.time);
  ++e->articles;
  e->last_seq = sequence_;
  if (e->fallback_title.empty()) e->fallback_title = in.fallback_title;
  if (e->members.size() < options_.title_candidates) {
    e->members.push_back({in.title, doc});
  }
  changed_events_.insert(e->id);
}

void OnlineClusterer::AddToStory(Story* s, const ClusterInput& in,
                                 const Vectors& doc) {
  s->profile.Add(doc, options_.max_centroid_terms);
  Extend(&s->first, &s->last, in.time);
  ++s->articles;
  s->last_seq = sequence_;
  changed_stories_.insert(s->id);
}

Assignment OnlineClusterer::Add(const ClusterInput& in) {
  ++sequence_;
  TermStats::Occurrences occ;
  for (int r = 0; r < options_.title_repeat; ++r) {
    occ.words.insert(occ.words.end(), in.title_words.begin(),
                     in.title_words.end());
  }
  occ.words.insert(occ.words.end(), in.words.begin(), in.words.end());
  occ.names = in.names;
  occ.times = in.times;
  terms_.AddDocument(occ, &word_counts_, &name_counts_, &time_counts_);
  Vectors doc;
  doc.lang = in.lang;
  doc.words = terms_.Weigh(word_counts_);
  doc.names = terms_.Weigh(name_counts_);
  doc.times = terms_.Weigh(time_counts_);
  // The lede's words are a subset of the article's, already counted in the
  // document frequencies: weigh them without counting again.
  terms_.CountKnown(in.lede_words, &lede_counts_);
  doc.lede = terms_.Weigh(lede_counts_);
  if (in.time && (!now_ || *in.time > *now_)) now_ = in.time;

  const std::vector<int64_t> candidates = Candidates(doc);
  Event* best = nullptr;
  double best_sim = 0;
  for (int64_t id : candidates) {
    Event* e = events_.at(id).get();
    if (OutOfWindow(in.time, e->first, e->last, options_.event_window_days)) {
      continue;
    }
    const double sim =
        Similarity(doc, e->profile) *
        TimeFactor(in.time, e->first, e->last, options_.event_time_decay_days);
    if (sim > best_sim) {  // candidates ascend by id: ties keep the lower
      best_sim = sim;
      best = e;
    }
  }

  Assignment a;
  if (best != nullptr && best_sim >= options_.event_threshold) {
    a.similarity = best_sim;
  } else {
    double story_sim;
    int64_t story_id = ChooseStory(candidates, in, doc, &story_sim);
    if (story_id == 0) {
      auto s = std::make_unique<Story>();
      s->id = story_id = next_story_id_++;
      stories_.emplace(story_id, std::move(s));
      a.new_story = true;
    }
    auto e = std::make_unique<Event>();
    e->id = next_event_id_++;
    e->story_id = story_id;
    best = e.get();
    events_.emplace(e->id, std::move(e));
    ++stories_.at(story_id)->events;
    a.new_event = true;
  }
  AddToEvent(best, in, doc);
  AddToStory(stories_.at(best->story_id).get(), in, doc);
  a.event_id = best->id;
  a.story_id = best->story_id;
  return a;
}

std::string OnlineClusterer::EventTitle(const Event& e) const {
  // The representative headline: the remembered member closest to the
  // event's centroid that has a title.
  const Member* best = nullptr;
  double best_sim = -1;
  for (const Member& m : e.members) {
    if (m.title.empty()) continue;
    const double sim = Similarity(m.vectors, e.profile);
    if (sim > best_sim) {
      best_sim = sim;
      best = &m;
    }
  }
  return best ? best->title : e.fallback_title;
}

ClusterSummary OnlineClusterer::Summarize(const Event& e) const {
  ClusterSummary s;
  s.id = e.id;
  s.story_id = e.story_id;
  s.title = EventTitle(e);
  s.first = e.first;
  s.last = e.last;
  s.articles = e.articles;
  return s;
}

ClusterSummary OnlineClusterer::Summarize(const Story& st) const {
  ClusterSummary s;
  s.id = st.id;
  s.title = st.title;
  s.first = st.first;
  s.last = st.last;
  s.articles = st.articles;
  s.events = st.events;
  return s;
}

OnlineClusterer::Changes OnlineClusterer::TakeChanges() {
  Changes c;
  for (int64_t id : changed_events_) {
    c.events.push_back(Summarize(*events_.at(id)));
    // A story is titled after its largest event.
    Story* s = stories_.at(c.events.back().story_id).get();
    if (c.events.back().articles >= s->lead_articles) {
      s->lead_articles = c.events.back().articles;
      s->title = c.events.back().title;
    }
  }
  for (int64_t id : changed_stories_) {
    c.stories.push_back(Summarize(*stories_.at(id)));
  }
  changed_events_.clear();
  changed_stories_.clear();
  Retire();
  return c;
}

void OnlineClusterer::Retire() {
  // Events: out of the time window, or beyond the active cap (oldest first).
  std::vector<std::pair<uint64_t, int64_t>> by_recency;
  for (const auto& [id, e] : events_) by_recency.emplace_back(e->last_seq, id);
  std::sort(by_recency.begin(), by_recency.end());
  size_t over = by_recency.size() > options_.max_active_events
                    ? by_recency.size() - options_.max_active_events
                    : 0;
  for (const auto& [seq, id] : by_recency) {
    const Event& e = *events_.at(id);
    const bool stale =
        OutOfWindow(now_, e.first, e.last, options_.event_window_days);
    if (stale || over > 0) {
      if (over > 0) --over;
      events_.erase(id);  // postings are compacted lazily
    }
  }
  // Stories: when none of their events is active and they are out of window.
  std::set<int64_t> live;
  for (const auto& [id, e] : events_) live.insert(e->story_id);
  std::vector<int64_t> gone;
  for (const auto& [id, s] : stories_) {
    if (live.count(id)) continue;
    if (OutOfWindow(now_, s->first, s->last, options_.story_window_days) ||
        stories_.size() > options_.max_active_events) {
      gone.push_back(id);
    }
  }
  for (int64_t id : gone) stories_.erase(id);
}

}  // namespace newsloom
