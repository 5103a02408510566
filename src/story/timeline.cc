#include "story/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "base/time.h"
#include "story/coverage.h"
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
  std::map<int64_t, std::vector<Mention>> mentions;
  Analyses own(/*keep=*/false);
  Analyses& analyses = o.analyses != nullptr ? *o.analyses : own;
  for (size_t i = 0; i < articles.size() && i < notes.size(); ++i) {
    const Article& a = *articles[i];
    const std::optional<int64_t> published = PublishedDay(a);
    if (published) score[*published] += o.publication_weight;
    // Each day once per article, with the first sentence mentioning it.
    std::map<int64_t, uint32_t> days;  // day -> byte of its first mention
    for (const DateAnnotation& d : notes[i].dates) {
      if (d.type != "DATE" && d.type != "TIME") continue;
      const std::optional<int64_t> day = DayNumberOf(d.value);
      if (!day) continue;
      if (published && (*day < *published - o.window_back_days ||
                        *day > *published + o.window_forward_days)) {
        continue;
      }
      days.emplace(*day, d.start);
    }
    if (days.empty()) continue;
    const AnalyzedText& analyzed = analyses.Of(a);
    for (const auto& [day, at] : days) {
      score[day] += 1;
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
    // The sentence sharing most words with the others (cosine of word sets).
    size_t best = 0;
    double best_centrality = -1;
    for (size_t i = 0; i < ms.size(); ++i) {
      double c = 0;
      for (size_t j = 0; j < ms.size(); ++j) {
        if (i == j || ms[i].words.empty() || ms[j].words.empty()) continue;
        size_t shared = 0;
        for (const std::string& w : ms[i].words) shared += ms[j].words.count(w);
        c += shared / std::sqrt(double(ms[i].words.size()) * ms[j].words.size());
      }
      if (c > best_centrality) {
        best_centrality = c;
        best = i;
      }
    }
    TimelineEntry e;
    e.date = FormatDay(DayFromNumber(day));
    e.score = s;
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
