#include "story/timeline.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/time.h"
#include "story/coverage.h"
#include "story/lines.h"
#include "story/analyses.h"
#include "text/analyzer.h"
#include "timex/calendar.h"

namespace newsloom {
namespace {

// Day numbers (timex/calendar.h) of engine/annotations.h's days.
std::optional<int64_t> DayNumberOf(std::string_view value) {
  const std::optional<CivilDay> d = DayOfValue(value);
  return d ? std::optional<int64_t>(DayNumber(*d)) : std::nullopt;
}

std::optional<int64_t> PublishedDay(const Article& a) {
  const std::optional<CivilDay> d = PublicationDay(a);
  return d ? std::optional<int64_t>(DayNumber(*d)) : std::nullopt;
}

// The weight of each line of `text` (1, or 1/n for a line n articles hold:
// ArticlesPerLine's counts), by the byte its line starts at, in order: each
// line is hashed once, however many dates it holds (a line of 30,000
// dates was found and hashed again for each: quadratic).
std::vector<std::pair<size_t, double>> LineWeights(
    std::string_view text,
    const std::unordered_map<std::string_view, int>& line_count) {
  std::vector<std::pair<size_t, double>> out;
  for (size_t at = 0; at < text.size();) {
    const auto n = line_count.find(LineAt(text, at));
    out.emplace_back(at, n != line_count.end() && n->second > 1
                             ? 1.0 / n->second
                             : 1.0);
    const size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return out;
}

// The weight LineWeights gave the line holding byte `at`.
double WeightAt(const std::vector<std::pair<size_t, double>>& weights,
                size_t at) {
  auto it = std::upper_bound(
      weights.begin(), weights.end(), at,
      [](size_t x, const std::pair<size_t, double>& w) { return x < w.first; });
  return it == weights.begin() ? 1.0 : std::prev(it)->second;
}

// One sentence that mentions a day.
struct Mention {
  size_t article;
  uint32_t start, end;          // the sentence's bytes
  std::set<std::string> words;  // its content words (stems)
};

}  // namespace

std::vector<TimelineEntry> BuildTimeline(std::span<const Article* const> articles,
                                         std::span<const ArticleAnnotations> notes,
                                         const TimelineOptions& o) {
  std::map<int64_t, double> score;
  std::map<int64_t, size_t> support;  // TimelineEntry::articles
  std::map<int64_t, std::vector<Mention>> mentions;
  Analyses own(/*keep=*/false);
  Analyses& analyses = o.analyses != nullptr ? *o.analyses : own;
  std::unordered_map<std::string_view, int> line_count;
  if (o.count_repeated_lines_once) line_count = ArticlesPerLine(articles);
  for (size_t i = 0; i < articles.size() && i < notes.size(); ++i) {
    const Article& a = *articles[i];
    const std::optional<int64_t> published = PublishedDay(a);
    // Each day once per article: the weight of its best mention (1, or
    // 1/n for a line n articles hold) and that mention's first byte.
    std::map<int64_t, std::pair<double, uint32_t>> days;
    std::vector<std::pair<size_t, double>> line_weights;
    if (o.count_repeated_lines_once && !notes[i].dates.empty()) {
      line_weights = LineWeights(a.text, line_count);
    }
    for (const DateAnnotation& d : notes[i].dates) {
      if (d.type != "DATE" && d.type != "TIME") continue;
      const std::optional<int64_t> day = DayNumberOf(d.value);
      if (!day) continue;
      if (published && (*day < *published - o.window_back_days ||
                        *day > *published + o.window_forward_days)) {
        continue;
      }
      const double weight =
          o.count_repeated_lines_once ? WeightAt(line_weights, d.start) : 1.0;
      auto [it, fresh] = days.try_emplace(*day, weight, d.start);
      if (!fresh && weight > it->second.first) it->second = {weight, d.start};
    }
    // The article's own day: one vote, whether it is only published then
    // or also says so ("today", a dateline, "published on").
    if (published) {
      const auto it = days.find(*published);
      score[*published] += std::max(o.publication_weight,
                                    it == days.end() ? 0.0 : it->second.first);
      if (it == days.end()) ++support[*published];
    }
    for (const auto& day : days) ++support[day.first];
    if (days.empty()) continue;
    const AnalyzedText& analyzed = analyses.Of(a);
    for (const auto& [day, best] : days) {
      const uint32_t at = best.second;
      if (!published || day != *published) score[day] += best.first;
      // The sentence holding the mention.
      auto s = std::upper_bound(
          analyzed.sentences.begin(), analyzed.sentences.end(), at,
          [](uint32_t x, const Sentence& s) { return x < s.begin; });
      if (s == analyzed.sentences.begin()) continue;
      --s;
      if (at >= s->end) continue;
      Mention m{i, s->begin, s->end, {}};
      for (const Token& t : analyzed.tokens) {
        if (t.begin >= s->begin && t.end <= s->end && IsContentWord(t)) {
          m.words.insert(t.term);
        }
      }
      mentions[day].push_back(std::move(m));
    }
  }
  // The best-supported days.
  std::vector<std::pair<double, int64_t>> ranked;
  for (const auto& [day, s] : score) {
    if (mentions.count(day) == 0) continue;  // a day no sentence names
    if (o.max_dates == 0 && s < o.min_score) continue;
    ranked.emplace_back(s, day);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (o.max_dates > 0 && ranked.size() > o.max_dates) ranked.resize(o.max_dates);
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });

  std::vector<TimelineEntry> out;
  for (const auto& [s, day] : ranked) {
    std::vector<Mention>& ms = mentions[day];
    // The sentence sharing most words with the others: the sum of the
    // cosines of its word set with every other one's,
    //   c(i) = sum over j != i of |i & j| / sqrt(|i| |j|)
    //        = (sum over words w of i of W(w)) / sqrt(|i|) - 1,
    // where W(w) sums 1 / sqrt(|j|) over the sentences j holding w (the -1
    // takes out i's own term). One pass over the words instead of every
    // pair of sentences: a day 4,000 articles name took 26 s this way.
    std::unordered_map<std::string_view, double> weight_of_word;
    for (const Mention& m : ms) {
      if (m.words.empty()) continue;
      const double w = 1 / std::sqrt(double(m.words.size()));
      for (const std::string& word : m.words) weight_of_word[word] += w;
    }
    // A sentence that is little but the date ("Viernes, 28 de enero", a
    // dateline, "Publié le 17/04/11 à 00h00") says nothing happened: one
    // with kMinTimelineWords content words or more is chosen when the day
    // has one.
    constexpr size_t kMinTimelineWords = 5;
    const bool any_full = std::any_of(ms.begin(), ms.end(), [](const Mention& m) {
      return m.words.size() >= kMinTimelineWords;
    });
    size_t best = 0;
    double best_centrality = -1;
    for (size_t i = 0; i < ms.size(); ++i) {
      if (any_full && ms[i].words.size() < kMinTimelineWords) continue;
      double c = 0;
      if (!ms[i].words.empty()) {
        double sum = 0;
        for (const std::string& word : ms[i].words) sum += weight_of_word[word];
        c = sum / std::sqrt(double(ms[i].words.size())) - 1;
      }
      // Equal sums (two sentences always tie) may differ in the last bits
      // here: the first of them wins, as when each pair was summed apart.
      if (c > best_centrality + 1e-9 * std::max(1.0, std::fabs(best_centrality))) {
        best_centrality = c;
        best = i;
      }
    }
    TimelineEntry e;
    e.date = FormatDay(DayFromNumber(day));
    e.score = s;
    e.articles = support[day];
    const Mention& m = ms[best];
    const Article& a = *articles[m.article];
    e.text = a.text.substr(m.start, m.end - m.start);
    e.citations.push_back({a.id, CoverageOutlet(a), m.start, m.end});
    for (size_t i = 0; i < ms.size() && e.citations.size() < o.max_citations; ++i) {
      if (i == best) continue;
      const Article& b = *articles[ms[i].article];
      e.citations.push_back({b.id, CoverageOutlet(b), ms[i].start, ms[i].end});
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace newsloom
