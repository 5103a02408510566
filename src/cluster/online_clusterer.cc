#include "cluster/online_clusterer.h"

#include "base/article.h"
#include "base/time.h"
#include "cluster/clusterer_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>

namespace newsloom {
namespace {

// An input's time as its outlet's clock read it (LocalTime: an offset
// beyond a day is none).
std::optional<UnixSeconds> Local(const ClusterInput& in) {
  return LocalTime(in.time, in.time_offset);
}

// Distance in days from `t` to the interval [first, last]; nullopt when
// either side is undated.
std::optional<double> GapDays(const std::optional<UnixSeconds>& t,
                              const std::optional<UnixSeconds>& first,
                              const std::optional<UnixSeconds>& last) {
  if (!t || !first || !last) return std::nullopt;
  if (*t < *first) return static_cast<double>(*first - *t) / kSecondsPerDay;
  if (*t > *last) return static_cast<double>(*t - *last) / kSecondsPerDay;
  return 0.0;
}

// Whether a span that ended at `last` ended more than `window_days` before
// the stream's time `now`: what retires an event or story. A span after
// `now` has not ended before it: the clock is the stream's
// StreamClock::kRank-th newest time, so the newest events are after it.
bool EndedBefore(const std::optional<UnixSeconds>& now,
                 const std::optional<UnixSeconds>& last, double window_days) {
  return now && last && *now > *last &&
         static_cast<double>(*now - *last) / kSecondsPerDay > window_days;
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

// Month and day of a date term ("md:MM-DD"); false for anything else.
bool ParseDateTerm(std::string_view term, unsigned* month, unsigned* day) {
  if (!term.starts_with(kDatePrefix)) return false;
  const std::string_view md = term.substr(kDatePrefix.size());
  if (md.size() != 5 || md[2] != '-') return false;
  for (size_t i : {0, 1, 3, 4}) {
    if (md[i] < '0' || md[i] > '9') return false;
  }
  *month = (md[0] - '0') * 10u + (md[1] - '0');
  *day = (md[3] - '0') * 10u + (md[4] - '0');
  return IsValidCivilDate(2000, static_cast<int>(*month), static_cast<int>(*day));
}

}  // namespace

// Scatters an article's vectors into OnlineClusterer::scattered_ and clears
// them again when the article is placed (before `doc` goes away).
class OnlineClusterer::Scatter {
 public:
  Scatter(Scattered* s, const Vectors& doc) : s_(s) {
    s_->words.Assign(&doc.words);
    s_->lede.Assign(&doc.lede);
    s_->names.Assign(&doc.names);
    s_->times.Assign(&doc.times);
    s_->numbers.Assign(&doc.numbers);
    s_->concepts.Assign(&doc.concepts);
  }
  ~Scatter() {
    for (ScatteredVector* v : {&s_->words, &s_->lede, &s_->names, &s_->times,
                               &s_->numbers, &s_->concepts}) {
      v->Clear();
    }
  }
  Scatter(const Scatter&) = delete;
  Scatter& operator=(const Scatter&) = delete;

 private:
  Scattered* s_;
};

double OnlineClusterer::Cos(const Centroid& c, const TermVector& v) const {
  for (const ScatteredVector* s :
       {&scattered_.words, &scattered_.lede, &scattered_.names,
        &scattered_.times, &scattered_.numbers, &scattered_.concepts}) {
    if (s->source() == &v) return s->Cosine(c);
  }
  return c.Cosine(v);
}

OnlineClusterer::OnlineClusterer(const ClusterOptions& options)
    : options_(options), outlet_lines_(options.outlet_line_days) {}

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
    sum += w * Cos(c, v);
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

std::string_view FateName(JoinExplanation::Fate fate) {
  switch (fate) {
    case JoinExplanation::Fate::kScored: return "scored";
    case JoinExplanation::Fate::kOutOfWindow: return "out of window";
    case JoinExplanation::Fate::kDatesConflict: return "dates conflict";
    case JoinExplanation::Fate::kNoSharedDate: return "no shared date";
  }
  return "?";
}

std::vector<int64_t> OnlineClusterer::Candidates(const Vectors& doc) {
  // Sums, per active event, the article's weights of the heaviest terms it
  // shares (a cheap stand-in for the dot product), in an array parallel to
  // the event table: a posting costs the load of its table slot (is the
  // event live?) and an addition, and no event is read but the chosen ones
  // (Event objects are scattered in memory, and a busy stream's lists
  // name hundreds of them).
  const int64_t base = events_.base();
  if (hits_.size() < events_.span()) hits_.resize(events_.span(), 0.0f);
  if (pinned_hits_.size() < events_.pinned()) {
    pinned_hits_.resize(events_.pinned(), 0.0f);
  }
  hit_ids_.clear();
  // Numbers are the same in every language: they find the events of other
  // languages, whose words the article does not share (within its own
  // language, words find events better, and numbers shared by chance,
  // ages and counts, only add look-alike candidates). A window of one
  // language has no such event: skipped.
  auto same_lang = events_with_lang_.find(doc.lang);
  const size_t with_lang =
      same_lang == events_with_lang_.end() ? 0 : same_lang->second;
  const bool numbers = events_.size() > with_lang;
  // The query terms of every channel are chosen first, and their posting
  // lists asked for before any is read: a list is two cache misses in a
  // row (its place in postings_, then its ids), which the walks below
  // would otherwise wait for one list at a time.
  query_[0] = Heaviest(doc.names, options_.query_terms);
  query_[1] = Heaviest(doc.words, options_.query_terms);
  query_[2] = Heaviest(doc.concepts, options_.query_terms);
  query_[3].clear();
  if (numbers) query_[3] = Heaviest(doc.numbers, options_.query_terms);
  for (const auto& terms : query_) {
    for (const auto& [term, weight] : terms) {
      if (term < postings_.size()) __builtin_prefetch(&postings_[term]);
    }
  }
  for (const auto& terms : query_) {
    for (const auto& [term, weight] : terms) {
      if (term < postings_.size()) __builtin_prefetch(postings_[term].data());
    }
  }
  auto probe = [&]<bool kOtherLangsOnly = false>(
      const std::vector<std::pair<TermId, float>>& terms) {
    for (const auto& [term, weight] : terms) {
      if (term >= postings_.size()) continue;
      std::vector<int64_t>& list = postings_[term];
      size_t live = 0;
      for (int64_t id : list) {
        const Event* e = events_.find(id);
        if (e == nullptr) continue;  // retired: compacted here
        list[live++] = id;
        if (kOtherLangsOnly && e->profile.Find(doc.lang) != nullptr) continue;
        float& hits = HitsOf(id, base);
        if (hits == 0) hit_ids_.push_back(id);
        hits += weight;
      }
      list.resize(live);
    }
  };
  probe(query_[0]);
  probe(query_[1]);
  probe(query_[2]);
  if (numbers) probe.template operator()</*kOtherLangsOnly=*/true>(query_[3]);
  ranked_.clear();
  for (int64_t id : hit_ids_) {
    float& hits = HitsOf(id, base);
    ranked_.emplace_back(hits, id);
    hits = 0;
  }
  // The most weight shared first; ties by id (determinism). Add() scores
  // them in this order, and a good candidate early raises the bar the
  // others must reach.
  auto more_hits = [](const std::pair<float, int64_t>& a,
                      const std::pair<float, int64_t>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  const size_t k = std::min(ranked_.size(), options_.max_candidates);
  if (k < ranked_.size()) {
    std::nth_element(ranked_.begin(), ranked_.begin() + k, ranked_.end(),
                     more_hits);
  }
  std::sort(ranked_.begin(), ranked_.begin() + k, more_hits);
  std::vector<int64_t> out;
  out.reserve(k);
  for (size_t i = 0; i < k; ++i) out.push_back(ranked_[i].second);
  return out;
}

void OnlineClusterer::Index(Event* e, const Vectors& v) {
  // The heaviest options_.post_terms terms of each channel of `v` (words,
  // names, concepts, numbers; a term in two channels once) that the event
  // has not posted yet gain a posting. Checking the event's own list, not
  // its centroid: the centroid also holds the lighter terms of its
  // articles, which were never posted.
  post_terms_.clear();
  auto gather = [&](const TermVector& tv) {
    if (options_.post_terms > 0 && tv.entries.size() > options_.post_terms) {
      for (const auto& [t, w] : Heaviest(tv, options_.post_terms)) {
        post_terms_.push_back(t);
      }
    } else {
      for (const auto& [t, w] : tv.entries) post_terms_.push_back(t);
    }
  };
  gather(v.words);
  gather(v.names);
  gather(v.concepts);
  gather(v.numbers);
  std::sort(post_terms_.begin(), post_terms_.end());
  post_terms_.erase(std::unique(post_terms_.begin(), post_terms_.end()),
                    post_terms_.end());
  std::vector<TermId>& posted = e->posted;
  post_new_.clear();
  std::set_difference(post_terms_.begin(), post_terms_.end(), posted.begin(),
                      posted.end(), std::back_inserter(post_new_));
  for (TermId t : post_new_) Postings(t).push_back(e->id);
  // Merged into `posted` from the back, in place.
  size_t i = posted.size(), j = post_new_.size();
  posted.resize(i + j);
  for (size_t k = posted.size(); j > 0;) {
    posted[--k] = i > 0 && posted[i - 1] > post_new_[j - 1] ? posted[--i]
                                                             : post_new_[--j];
  }
}

bool OnlineClusterer::IndexesWord(int64_t event_id, std::string_view word) const {
  const std::optional<TermId> t = terms_.Find(TermKind::kWord, word);
  if (!t || *t >= postings_.size() || !events_.contains(event_id)) return false;
  const std::vector<int64_t>& list = postings_[*t];
  return std::find(list.begin(), list.end(), event_id) != list.end();
}

bool OnlineClusterer::IsDate(TermId t) const {
  return terms_.Term(t).starts_with(kDatePrefix);
}

std::optional<TermId> OnlineClusterer::MainDate(
    const std::vector<std::pair<TermId, float>>& time_counts) const {
  // The date mentioned most often, at least kMainDateMentions times (one
  // mention is as often background as news); ties go to the lower id.
  std::optional<TermId> main;
  float most = kMainDateMentions - 1;
  for (const auto& [t, n] : time_counts) {
    if (n > most && IsDate(t)) {
      main = t;
      most = n;
    }
  }
  return main;
}

bool OnlineClusterer::IsNewsDay(TermId date, UnixSeconds time) const {
  unsigned month, day;
  if (!ParseDateTerm(terms_.Term(date), &month, &day)) return false;
  const int64_t today = UtcDay(time);
  if (today < DaysFromCivil(1, 1, 1) || today > DaysFromCivil(9999, 12, 31)) {
    return false;  // beyond any date an input can give
  }
  int year;
  unsigned unused_month, unused_day;
  CivilFromDays(today, &year, &unused_month, &unused_day);
  for (int y = year - 1; y <= year + 1; ++y) {  // Dec 31 from Jan 1
    if (!IsValidCivilDate(y, static_cast<int>(month), static_cast<int>(day))) {
      continue;
    }
    if (std::llabs(DaysFromCivil(y, month, day) - today) <= kNewsDayDays) {
      return true;
    }
  }
  return false;
}

bool OnlineClusterer::DatesConflict(const std::optional<TermId>& main_date,
                                    const Profile& p) const {
  if (!main_date || p.times.Weight(*main_date) != 0) return false;
  // Days apart within a year, counted in a leap one (Feb 28 and Mar 1 are
  // two apart), across its turn (Dec 31 and Jan 1 are one).
  unsigned month, day;
  const bool known = ParseDateTerm(terms_.Term(*main_date), &month, &day);
  const int64_t main_day = known ? DaysFromCivil(2000, month, day) : 0;
  bool names_dates = false;
  for (const auto& [t, w] : p.times.entries()) {
    if (!IsDate(t)) continue;
    names_dates = true;
    if (!known || !ParseDateTerm(terms_.Term(t), &month, &day)) continue;
    const int64_t apart = std::llabs(DaysFromCivil(2000, month, day) - main_day);
    if (std::min<int64_t>(apart, 366 - apart) <= kNewsDayDays) return false;
  }
  return names_dates;
}

bool OnlineClusterer::SharesDate(const Vectors& doc, const Profile& p) const {
  for (const auto& [t, w] : doc.times.entries) {
    if (IsDate(t) && p.times.Weight(t) != 0) return true;
  }
  return false;
}

int64_t OnlineClusterer::ChooseStory(const std::vector<int64_t>& candidates,
                                     const ClusterInput& in, const Vectors& doc,
                                     double* best_sim,
                                     JoinExplanation* why) const {
  std::vector<int64_t> story_ids;
  for (int64_t e : candidates) story_ids.push_back(events_.at(e).story_id);
  std::sort(story_ids.begin(), story_ids.end());
  story_ids.erase(std::unique(story_ids.begin(), story_ids.end()),
                  story_ids.end());
  int64_t best = 0;
  *best_sim = 0;
  for (int64_t id : story_ids) {
    const Story* found = stories_.find(id);
    if (found == nullptr) continue;
    const Story& s = *found;
    JoinExplanation::Candidate* c = nullptr;
    if (why != nullptr) {
      c = &why->stories.emplace_back();
      c->id = s.id;
      const Event* lead = events_.find(s.lead_event);
      c->title = lead != nullptr ? EventTitle(*lead) : s.title;
      c->articles = s.articles;
      c->first = s.first;
      c->last = s.last;
      c->first_local = s.first_local;
      c->last_local = s.last_local;
    }
    // A story continues over days and weeks. Without dates on both sides
    // only a date both mention ("Feb. 26") ties a new event to a story;
    // otherwise a look-alike happening years later (two earthquakes, two
    // rehab admissions) would join it.
    if ((!in.time || !s.first) && !SharesDate(doc, s.profile)) {
      if (c != nullptr) c->fate = JoinExplanation::Fate::kNoSharedDate;
      continue;
    }
    if (OutOfWindow(in.time, s.first, s.last, options_.story_window_days)) {
      if (c != nullptr) c->fate = JoinExplanation::Fate::kOutOfWindow;
      continue;
    }
    const double time_factor =
        TimeFactor(in.time, s.first, s.last, options_.story_time_decay_days);
    if (c != nullptr) {
      // In full: no bar prunes (the decision below is made as without
      // `why`).
      c->score = StorySimilarityIfReaches(doc, s.profile, time_factor, -HUGE_VAL)
                     .value_or(0.0);
    }
    // Only a similarity above the best so far and at the threshold can
    // change the answer (a story below the threshold is never returned,
    // and any story that is would beat it).
    const std::optional<double> sim =
        StorySimilarityIfReaches(doc, s.profile, time_factor,
                                 std::max(*best_sim, options_.story_threshold));
    if (sim && *sim > *best_sim) {
      *best_sim = *sim;
      best = id;
    }
  }
  return *best_sim >= options_.story_threshold ? best : 0;
}

std::optional<double> OnlineClusterer::StorySimilarityIfReaches(
    const Vectors& doc, const Profile& p, double time_factor,
    double bar) const {
  // Similarity()'s channels, in its order of summation.
  enum { kWords, kLede, kNames, kTimes, kChannels };
  const Profile::Language* l = p.Find(doc.lang);
  const TermVector* v[kChannels] = {&doc.words, &doc.lede, &doc.names,
                                    &doc.times};
  const Centroid* c[kChannels] = {l ? &l->words : nullptr,
                                  l ? &l->lede : nullptr, &p.names, &p.times};
  const double w[kChannels] = {options_.word_weight, options_.lede_weight,
                               options_.name_weight, options_.time_weight};
  bool on[kChannels];
  double cos[kChannels] = {0, 0, 0, 0};
  double weight = 0;
  for (int i = 0; i < kChannels; ++i) {
    on[i] = w[i] > 0 && c[i] != nullptr && !v[i]->empty() && !c[i]->empty();
    if (on[i]) weight += w[i];
  }
  if (weight <= 0) return 0.0;
  if (options_.prune_scoring) {
    // The cheap channels first; after each, the best the rest could give
    // (a cosine is at most 1, plus a rounding) against the bar.
    double known = 0, unknown = 0;
    for (int i = 0; i < kChannels; ++i) {
      if (on[i]) unknown += w[i] * (1 + 1e-6);
    }
    for (int i : {kNames, kTimes, kWords, kLede}) {
      if (!on[i]) continue;
      if ((known + unknown) / weight * time_factor * (1 + 1e-9) < bar) {
        return std::nullopt;
      }
      cos[i] = Cos(*c[i], *v[i]);
      known += w[i] * cos[i];
      unknown -= w[i] * (1 + 1e-6);
    }
  } else {
    for (int i = 0; i < kChannels; ++i) {
      if (on[i]) cos[i] = Cos(*c[i], *v[i]);
    }
  }
  // Summed as Similarity() sums them: the same double.
  double sum = 0;
  for (int i = 0; i < kChannels; ++i) {
    if (on[i]) sum += w[i] * cos[i];
  }
  return sum / weight * time_factor;
}

void OnlineClusterer::AddToEvent(Event* e, const ClusterInput& in,
                                 const Vectors& doc) {
  Index(e, doc);
  if (e->profile.Find(doc.lang) == nullptr) ++events_with_lang_[doc.lang];
  e->profile.Add(doc, options_.max_centroid_terms);
  ExtendLocalSpan(e->first, &e->first_local, &e->last_local, Local(in));
  ExtendSpan(&e->first, &e->last, in.time);
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
  ExtendLocalSpan(s->first, &s->first_local, &s->last_local, Local(in));
  ExtendSpan(&s->first, &s->last, in.time);
  ++s->articles;
  s->last_seq = sequence_;
  changed_stories_.insert(s->id);
}

void OnlineClusterer::MakeVectors(const ClusterInput& in, Vectors* doc) {
  ++sequence_;
  TermStats::Occurrences occ;
  for (int r = 0; r < options_.title_repeat; ++r) {
    occ.words.insert(occ.words.end(), in.title_words.begin(),
                     in.title_words.end());
  }
  occ.words.insert(occ.words.end(), in.words.begin(), in.words.end());
  occ.names = in.names;
  occ.times = in.times;
  occ.numbers = in.numbers;
  occ.concepts = in.concepts;
  terms_.AddDocument(occ, &counts_);
  doc->lang = in.lang;
  doc->words = terms_.Weigh(counts_.words);
  doc->names = terms_.Weigh(counts_.names);
  doc->times = terms_.Weigh(counts_.times);
  doc->numbers = terms_.Weigh(counts_.numbers);
  doc->concepts = terms_.Weigh(counts_.concepts);
  // The lede's words are a subset of the article's, already counted in the
  // document frequencies: weigh them without counting again.
  terms_.CountKnown(in.lede_words, &lede_counts_);
  doc->lede = terms_.Weigh(lede_counts_);
  if (in.time) clock_.See(*in.time);
}

PairFeatures OnlineClusterer::Features(const Vectors& doc,
                                       const ClusterInput& in,
                                       const Event& e) const {
  PairFeatures f;
  if (FeaturesBesideWords(doc, in, e, &f)) {
    WordFeature(doc, e, &f);
    LedeFeatures(doc, e, &f);
  }
  return f;
}

void OnlineClusterer::WordFeature(const Vectors& doc, const Event& e,
                                  PairFeatures* f) const {
  f->x[kWordCos] = Cos(e.profile.Find(doc.lang)->words, doc.words);
}

void OnlineClusterer::LedeFeatures(const Vectors& doc, const Event& e,
                                   PairFeatures* f) const {
  const Profile::Language& l = *e.profile.Find(doc.lang);
  f->x[kLedeCos] = Cos(l.lede, doc.lede);
  if (!doc.lede.empty()) f->x[kLedeNew] = l.words.MissingMass(doc.lede);
}

std::optional<double> OnlineClusterer::ScoreIfReaches(const Vectors& doc,
                                                      const ClusterInput& in,
                                                      const Event& e,
                                                      double bar) const {
  const JoinModel& m = options_.event_model;
  // The most a feature in [0, 1] can add (a cosine of float sums may
  // exceed 1 by a rounding; the margin covers that and the order of the
  // additions).
  auto most = [&](PairFeature i) {
    return std::max(0.0, m.weights[i]) * (1 + 1e-6);
  };
  const double lede_most = most(kLedeCos) + most(kLedeNew) + 1e-9;
  PairFeatures f;
  if (!FeaturesBesideWords(doc, in, e, &f)) return m.Score(f);
  if (m.Score(f) + most(kWordCos) + lede_most < bar) return std::nullopt;
  WordFeature(doc, e, &f);
  if (m.Score(f) + lede_most < bar) return std::nullopt;
  LedeFeatures(doc, e, &f);
  return m.Score(f);
}

bool OnlineClusterer::FeaturesBesideWords(const Vectors& doc,
                                          const ClusterInput& in,
                                          const Event& e,
                                          PairFeatures* out) const {
  PairFeatures& f = *out;
  const Profile& p = e.profile;
  const Profile::Language* l = p.Find(doc.lang);
  const bool words = l != nullptr && !doc.words.empty() && !l->words.empty();
  if (!words) {
    f.x[kNoWords] = 1;
    f.x[kConceptCos] = ConceptCosine(doc, p);
  }
  auto channel = [&](const TermVector& v, const Centroid& c, PairFeature cos,
                     PairFeature none) {
    if (v.empty() || c.empty()) {
      f.x[none] = 1;
    } else {
      f.x[cos] = Cos(c, v);
    }
  };
  channel(doc.names, p.names, kNameCos, kNoNames);
  if (!doc.names.empty() && !p.names.empty()) {
    f.x[kNameNew] = p.names.MissingMass(doc.names);
  }
  channel(doc.times, p.times, kTimeCos, kNoTimes);
  channel(doc.numbers, p.numbers, kNumberCos, kNoNumbers);
  if (const std::optional<double> gap = GapDays(in.time, e.first, e.last)) {
    f.x[kLogGap] = std::log1p(*gap);
  } else {
    f.x[kUndated] = 1;
  }
  return words;
}

double OnlineClusterer::ConceptCosine(const Vectors& doc,
                                      const Profile& p) const {
  // Concepts are English stems: an English article's are its words, an
  // English member's are in the event's English word centroid.
  if (doc.concepts.empty()) {
    if (doc.lang != kConceptLanguage || doc.words.empty()) return 0;
    return p.concepts.empty() ? 0 : Cos(p.concepts, doc.words);
  }
  double best = p.concepts.empty() ? 0 : Cos(p.concepts, doc.concepts);
  if (const Profile::Language* en = p.Find(kConceptLanguage)) {
    if (!en->words.empty()) best = std::max(best, Cos(en->words, doc.concepts));
  }
  return best;
}

OnlineClusterer::Story* OnlineClusterer::NewStory() {
  auto s = std::make_unique<Story>();
  s->id = next_story_id_++;
  Story* story = s.get();
  stories_.emplace(story->id, std::move(s));
  return story;
}

OnlineClusterer::Event* OnlineClusterer::NewEvent(int64_t story_id) {
  auto e = std::make_unique<Event>();
  e->id = next_event_id_++;
  e->story_id = story_id;
  Event* event = e.get();
  events_.emplace(event->id, std::move(e));
  ++stories_.at(story_id).events;
  return event;
}

std::vector<OnlineClusterer::Event*> OnlineClusterer::Scoreable(
    const std::vector<int64_t>& candidates, const ClusterInput& in,
    JoinExplanation* why) const {
  return ScoreableAt(candidates, in.time, ArticleMainDate(in), why);
}

std::optional<TermId> OnlineClusterer::ArticleMainDate(const ClusterInput& in) const {
  // The main date is the day the article reports when its headline names
  // it or, for a dated article, when it is its news day (see the file
  // comment of online_clusterer.h); otherwise the rule is off.
  std::optional<TermId> main_date = MainDate(counts_.times);
  if (main_date &&
      std::find(in.title_dates.begin(), in.title_dates.end(),
                terms_.Term(*main_date)) == in.title_dates.end() &&
      !(in.time && IsNewsDay(*main_date, *in.time))) {
    main_date.reset();
  }
  return main_date;
}

std::vector<OnlineClusterer::Event*> OnlineClusterer::ScoreableAt(
    const std::vector<int64_t>& candidates, const std::optional<UnixSeconds>& time,
    const std::optional<TermId>& main_date, JoinExplanation* why) const {
  if (why != nullptr && main_date) {
    why->main_date = terms_.Term(*main_date).substr(kDatePrefix.size());
  }
  std::vector<Event*> out;
  out.reserve(candidates.size());
  for (int64_t id : candidates) {
    Event* e = &events_.at(id);
    JoinExplanation::Fate fate = JoinExplanation::Fate::kScored;
    if (OutOfWindow(time, e->first, e->last, options_.event_window_days)) {
      fate = JoinExplanation::Fate::kOutOfWindow;
    } else if (DatesConflict(main_date, e->profile)) {
      // One happening, one day: an article about another date than every
      // date its event names reports something else (a follow-up).
      fate = JoinExplanation::Fate::kDatesConflict;
    }
    if (why != nullptr) {
      JoinExplanation::Candidate& c = why->events.emplace_back();
      c.id = e->id;
      c.story_id = e->story_id;
      c.title = EventTitle(*e);
      c.articles = e->articles;
      c.first = e->first;
      c.last = e->last;
      c.first_local = e->first_local;
      c.last_local = e->last_local;
      c.fate = fate;
    }
    if (fate == JoinExplanation::Fate::kScored) out.push_back(e);
  }
  return out;
}

Assignment OnlineClusterer::Place(const ClusterInput& in, const Vectors& doc,
                                  Event* event, Assignment a) {
  AddToEvent(event, in, doc);
  Story& story = stories_.at(event->story_id);
  AddToStory(&story, in, doc);
  // Decided per article, so that the title does not depend on when the
  // changes are taken (TakeChanges).
  if (event->articles > story.lead_articles) {
    story.lead_articles = event->articles;
    story.lead_event = event->id;
  }
  outlet_lines_.Record(in.line_keys, event->story_id, in.time,
                       {.seq = sequence_, .now = clock_.Now()});
  a.event_id = event->id;
  a.story_id = event->story_id;
  return a;
}

Assignment OnlineClusterer::Add(const ClusterInput& in, JoinExplanation* why) {
  Assignment a = AddOne(in, why);
  if (options_.second_look_after > 0) {
    if (a.new_event) {
      const std::optional<TermId> main_date = ArticleMainDate(in);
      // Dues rise with the events' ids (Decode checks it). A look saved by
      // a run that looked later (a longer second_look_after) may be due
      // after this one's: this one then waits until just after it.
      uint64_t due = sequence_ + std::min<uint64_t>(options_.second_look_after,
                                                    kMaxSecondLookAfter);
      if (!young_.empty() && young_.back().due >= due) due = young_.back().due + 1;
      young_.push_back({due, a.event_id,
                        main_date ? std::string(terms_.Term(*main_date)) : std::string()});
    }
    SecondLooks(&a.merged);
  }
  return a;
}

OnlineClusterer::Event* OnlineClusterer::Best(const std::vector<Event*>& scoreable,
                                              const Vectors& doc,
                                              const ClusterInput& in,
                                              double* best_score) const {
  const double threshold = options_.event_model.threshold;
  Event* best = nullptr;
  *best_score = 0;
  for (Event* e : scoreable) {
    // Only a score at or above the threshold, and above the best so far,
    // can change the outcome: a candidate that cannot reach that bar is
    // dropped before its costliest cosines (ScoreIfReaches: the same
    // decisions as scoring every candidate in full).
    const double bar = !options_.prune_scoring ? -HUGE_VAL
                       : best != nullptr       ? std::max(*best_score, threshold)
                                               : threshold;
    const std::optional<double> score = ScoreIfReaches(doc, in, *e, bar);
    if (!score) continue;
    if (best == nullptr || *score > *best_score ||
        (*score == *best_score && e->id < best->id)) {  // ties: the lower id
      *best_score = *score;
      best = e;
    }
  }
  return best;
}

void OnlineClusterer::SecondLooks(std::vector<EventMerge>* merged) {
  const double threshold = options_.event_model.threshold;
  while (!young_.empty() && young_.front().due <= sequence_) {
    const Young y = std::move(young_.front());
    young_.pop_front();
    Event* s = events_.find(y.event);
    // Gone (retired or merged), or joined since: nothing to look at.
    if (s == nullptr || s->articles != 1 || s->members.empty()) continue;
    Event* best = nullptr;
    double best_score = 0;
    {
      // Scored in place: no event is added or erased until the merge
      // below, which comes after the scatter is cleared.
      const Vectors& doc = s->members.front().vectors;
      Scatter scatter(&scattered_, doc);
      const std::vector<int64_t> candidates = Candidates(doc);
      std::optional<TermId> main_date;
      if (!y.main_date.empty()) main_date = terms_.Find(TermKind::kTime, y.main_date);
      ClusterInput in;
      in.time = s->first;
      // An event no article has joined since this one arrived (its one
      // article's, s->last_seq) is as it was when the article was placed:
      // only the others can score otherwise.
      std::vector<Event*> scoreable = ScoreableAt(candidates, in.time, main_date, nullptr);
      std::erase_if(scoreable,
                    [&](const Event* e) { return e == s || e->last_seq < s->last_seq; });
      best = Best(scoreable, doc, in, &best_score);
    }
    // Into an event of its own story, or of another when its story has no
    // other event (which then goes): a story that kept other events would
    // keep the article's time in its span and, titled after it, a title
    // none of its events has.
    if (best != nullptr && best_score >= threshold &&
        (best->story_id == s->story_id || stories_.at(s->story_id).events == 1)) {
      MergeEvent(s, best, best_score, merged);
    }
  }
}

void OnlineClusterer::MergeEvent(Event* from, Event* into, double score,
                                 std::vector<EventMerge>* merged) {
  EventMerge m{.event = from->id, .story = from->story_id, .into = into->id,
               .into_story = into->story_id, .similarity = score};
  // `from` stays in events_ (its member where it is) until the end.
  const Member& member = from->members.front();
  ClusterInput in;
  in.time = from->first;
  // Its one article's offset, which its local time keeps; none kept (a
  // state of format 10) leaves where it goes without local times too.
  const bool local_unknown = from->first && !from->first_local;
  if (from->first_local) {
    in.time_offset = static_cast<int>((*from->first_local - *from->first) / 60);
  }
  in.title = member.title;
  in.fallback_title = from->fallback_title;
  AddToEvent(into, in, member.vectors);
  if (local_unknown) into->first_local = into->last_local = std::nullopt;
  Story& to = stories_.at(into->story_id);
  --stories_.at(from->story_id).events;
  if (into->story_id != from->story_id) {
    AddToStory(&to, in, member.vectors);
    if (local_unknown) to.first_local = to.last_local = std::nullopt;
  } else {
    changed_stories_.insert(to.id);  // one event fewer; the article stays
  }
  if (into->articles > to.lead_articles) {
    to.lead_articles = into->articles;
    to.lead_event = into->id;
  }
  // REQUIRES (SecondLooks): `from` is its story's one event, or `into` is
  // in its story. Its own story goes.
  if (into->story_id != from->story_id) {
    stories_.erase(m.story);
    changed_stories_.erase(m.story);
    outlet_lines_.MoveStory(m.story, m.into_story);
    m.story_gone = true;
  }
  for (const Profile::Language& l : from->profile.langs) {
    if (auto it = events_with_lang_.find(l.lang);
        it != events_with_lang_.end() && it->second > 0) {
      --it->second;
    }
  }
  changed_events_.erase(from->id);
  events_.erase(from->id);  // postings are compacted lazily
  ++retired_since_sweep_;
  merged->push_back(m);
}

Assignment OnlineClusterer::AddOne(const ClusterInput& in, JoinExplanation* why) {
  Vectors doc;
  MakeVectors(in, &doc);
  Scatter scatter(&scattered_, doc);
  const std::vector<int64_t> candidates = Candidates(doc);
  double best_score = 0;
  const double threshold = options_.event_model.threshold;
  if (why != nullptr) {
    *why = JoinExplanation();
    why->events_found = ranked_.size();
    why->threshold = threshold;
    why->story_threshold = options_.story_threshold;
  }
  const std::vector<Event*> scoreable = Scoreable(candidates, in, why);
  if (why != nullptr) {
    for (JoinExplanation::Candidate& c : why->events) {
      if (c.fate != JoinExplanation::Fate::kScored) continue;
      c.features = Features(doc, in, events_.at(c.id));
      c.score = options_.event_model.Score(c.features);
    }
  }
  Event* best = Best(scoreable, doc, in, &best_score);
  Assignment a;
  if (best != nullptr && best_score >= threshold) {
    a.similarity = best_score;
  } else {
    double story_sim;
    int64_t story_id = ChooseStory(candidates, in, doc, &story_sim, why);
    if (story_id == 0) {
      story_id = NewStory()->id;
      a.new_story = true;
    }
    best = NewEvent(story_id);
    a.new_event = true;
  }
  return Place(in, doc, best, a);
}

Assignment OnlineClusterer::AddLabelled(const ClusterInput& in,
                                        const std::string& gold_event,
                                        const std::string& gold_story,
                                        std::vector<Example>* examples) {
  Vectors doc;
  MakeVectors(in, &doc);
  Scatter scatter(&scattered_, doc);
  auto known = gold_events_.find(gold_event);
  Event* target = known == gold_events_.end() ? nullptr
                                              : events_.find(known->second);
  std::vector<int64_t> candidates = Candidates(doc);
  std::sort(candidates.begin(), candidates.end());  // examples in id order
  for (Event* e : Scoreable(candidates, in)) {
    examples->push_back({Features(doc, in, *e), e == target, 1.0});
  }
  Assignment a;
  if (target == nullptr) {
    auto s = gold_stories_.find(gold_story);
    Story* story = s == gold_stories_.end() ? nullptr : stories_.find(s->second);
    if (story == nullptr) {
      story = NewStory();
      gold_stories_[gold_story] = story->id;
      a.new_story = true;
    }
    target = NewEvent(story->id);
    gold_events_[gold_event] = target->id;
    a.new_event = true;
  }
  return Place(in, doc, target, a);
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
  s.first_local = e.first_local;
  s.last_local = e.last_local;
  s.articles = e.articles;
  return s;
}

ClusterSummary OnlineClusterer::Summarize(const Story& st) const {
  ClusterSummary s;
  s.id = st.id;
  s.title = st.title;
  s.first = st.first;
  s.last = st.last;
  s.first_local = st.first_local;
  s.last_local = st.last_local;
  s.articles = st.articles;
  s.events = st.events;
  return s;
}

bool OnlineClusterer::MarkChanged(int64_t event_id) {
  const Event* e = events_.find(event_id);
  if (e == nullptr) return false;
  changed_events_.insert(event_id);
  changed_stories_.insert(e->story_id);
  return true;
}

bool OnlineClusterer::MarkStoryChanged(int64_t story_id) {
  if (stories_.find(story_id) == nullptr) return false;
  changed_stories_.insert(story_id);
  return true;
}

namespace {

template <typename Table>
std::vector<int64_t> WithoutLocalSpans(const Table& table) {
  std::vector<int64_t> ids;
  table.ForEach([&](int64_t id, const auto& c) {
    if (c.first && !c.first_local) ids.push_back(id);
  });
  std::sort(ids.begin(), ids.end());
  return ids;
}

template <typename Cluster>
bool RestoreSpan(Cluster* c, UnixSeconds first_local, UnixSeconds last_local) {
  if (c == nullptr || c->first_local ||
      !IsLocalSpanOf(c->first, c->last, first_local, last_local)) {
    return false;
  }
  c->first_local = first_local;
  c->last_local = last_local;
  return true;
}

}  // namespace

std::vector<int64_t> OnlineClusterer::EventsWithoutLocalSpans() const {
  return WithoutLocalSpans(events_);
}

std::vector<int64_t> OnlineClusterer::StoriesWithoutLocalSpans() const {
  return WithoutLocalSpans(stories_);
}

bool OnlineClusterer::RestoreLocalSpan(int64_t event_id, UnixSeconds first_local,
                                       UnixSeconds last_local) {
  if (!RestoreSpan(events_.find(event_id), first_local, last_local)) return false;
  return MarkChanged(event_id);
}

bool OnlineClusterer::RestoreStoryLocalSpan(int64_t story_id, UnixSeconds first_local,
                                            UnixSeconds last_local) {
  if (!RestoreSpan(stories_.find(story_id), first_local, last_local)) return false;
  return MarkStoryChanged(story_id);
}

void OnlineClusterer::ForgetLocalSpansForTesting() {
  events_.ForEach([](int64_t, Event& e) { e.first_local = e.last_local = std::nullopt; });
  stories_.ForEach([](int64_t, Story& s) { s.first_local = s.last_local = std::nullopt; });
}

OnlineClusterer::Changes OnlineClusterer::TakeChanges(bool retire) {
  Changes c;
  for (int64_t id : changed_events_) {
    c.events.push_back(Summarize(events_.at(id)));
    // A story is titled after its largest event (Place), whose title
    // changes only when it does.
    Story& s = stories_.at(c.events.back().story_id);
    if (s.lead_event == id) s.title = c.events.back().title;
  }
  for (int64_t id : changed_stories_) {
    c.stories.push_back(Summarize(stories_.at(id)));
  }
  changed_events_.clear();
  changed_stories_.clear();
  if (retire) Retire();
  return c;
}

void OnlineClusterer::CountLanguages() {
  events_with_lang_.clear();
  events_.ForEach([&](int64_t, const Event& e) {
    for (const Profile::Language& l : e.profile.langs) ++events_with_lang_[l.lang];
  });
}

void OnlineClusterer::Retire() {
  const std::optional<UnixSeconds> now = clock_.Now();
  // Events: out of the time window, or beyond the active cap (oldest first).
  std::vector<std::pair<uint64_t, int64_t>> by_recency;
  events_.ForEach([&](int64_t id, const Event& e) {
    by_recency.emplace_back(e.last_seq, id);
  });
  std::sort(by_recency.begin(), by_recency.end());
  size_t over = by_recency.size() > options_.max_active_events
                    ? by_recency.size() - options_.max_active_events
                    : 0;
  for (const auto& [seq, id] : by_recency) {
    const Event& e = events_.at(id);
    const bool stale = EndedBefore(now, e.last, options_.event_window_days);
    if (stale || over > 0) {
      if (over > 0) --over;
      events_.erase(id);  // postings are compacted lazily
      ++retired_since_sweep_;
    }
  }
  // Stories: when none of their events is active and they are out of window.
  std::set<int64_t> live;
  events_.ForEach([&](int64_t, const Event& e) { live.insert(e.story_id); });
  std::vector<int64_t> gone;
  stories_.ForEach([&](int64_t id, const Story& s) {
    if (live.count(id)) return;
    if (EndedBefore(now, s.last, options_.story_window_days) ||
        stories_.size() > options_.max_active_events) {
      gone.push_back(id);
    }
  });
  for (int64_t id : gone) stories_.erase(id);
  CountLanguages();
  // Postings of retired events are dropped lazily when a term is looked
  // up; a term never looked up again would keep them, and its list, for
  // ever. Sweep them all once as many events have retired since the last
  // sweep as are active, so that at most about half the postings name
  // retired events (a sweep at every retirement cost a busy stream 1-2 % of
  // its time). Which postings are left never changes a decision:
  // Candidates() skips retired events.
  if (retired_since_sweep_ >= events_.size()) {
    for (std::vector<int64_t>& list : postings_) {
      std::erase_if(list, [&](int64_t id) { return !events_.contains(id); });
      if (list.empty()) list.shrink_to_fit();
    }
    retired_since_sweep_ = 0;
  }
  outlet_lines_.Sweep({.seq = sequence_, .now = now});
  ForgetTerms();
}

void OnlineClusterer::ForgetTerms() {
  // Terms that an active event or story still holds stay, and so do terms
  // seen since the oldest active event's last article; the rest belonged
  // to events that are gone. Finding which are held walks every vector of
  // the window (tens of ms for a busy one), so it runs only when the
  // unseen terms have grown by a kForgetShare-th of the vocabulary since
  // the last walk kept the held ones. Between walks the vocabulary also
  // keeps what events retired since then held (at most the unseen terms
  // the last walk kept), and each walk drops all of it: bounded, about 12 %
  // above what the window needs on a busy synthetic stream, for a walk
  // every few retirements.
  uint64_t oldest = sequence_ + 1;
  events_.ForEach([&](int64_t, const Event& e) {
    oldest = std::min(oldest, e.last_seq);
  });
  const size_t unseen = terms_.CountUnseenSince(oldest);
  if ((unseen - std::min(unseen, unseen_kept_)) * kForgetShare <
      terms_.vocabulary_size()) {
    return;
  }
  std::vector<bool> referenced(terms_.id_limit());
  auto mark = [&](const std::vector<std::pair<TermId, float>>& entries) {
    for (const auto& [t, w] : entries) referenced[t] = true;
  };
  auto mark_profile = [&](const Profile& p) {
    for (const Profile::Language& l : p.langs) {
      mark(l.words.entries());
      mark(l.lede.entries());
    }
    mark(p.names.entries());
    mark(p.times.entries());
    mark(p.numbers.entries());
    mark(p.concepts.entries());
  };
  events_.ForEach([&](int64_t, const Event& e) {
    mark_profile(e.profile);
    for (const Member& m : e.members) {
      for (const TermVector* v : {&m.vectors.words, &m.vectors.lede,
                                  &m.vectors.names, &m.vectors.times,
                                  &m.vectors.numbers, &m.vectors.concepts}) {
        mark(v->entries);
      }
    }
  });
  stories_.ForEach([&](int64_t, const Story& s) { mark_profile(s.profile); });
  const std::vector<TermId> gone = terms_.Forget(referenced, oldest);
  // A live event may have posted a term it no longer holds, and the id may
  // name another term next: each such event drops the forgotten terms from
  // what it posted, in one pass.
  std::vector<bool> forgotten(terms_.id_limit());
  std::vector<int64_t> touched;
  for (TermId t : gone) {
    if (t >= postings_.size()) continue;
    forgotten[t] = true;
    for (int64_t id : postings_[t]) touched.push_back(id);
    std::vector<int64_t>().swap(postings_[t]);
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (int64_t id : touched) {
    if (Event* e = events_.find(id)) {
      std::erase_if(e->posted, [&](TermId t) { return forgotten[t]; });
    }
  }
  unseen_kept_ = unseen - gone.size();
}

}  // namespace newsloom
