#include "story/summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "story/coverage.h"
#include "story/analyses.h"
#include "engine/features.h"
#include "story/lines.h"
#include "text/analyzer.h"

namespace newsloom {
namespace {

using Vector = std::unordered_map<std::string, double>;

double Dot(const Vector& a, const Vector& b) {
  const Vector& small = a.size() < b.size() ? a : b;
  const Vector& large = a.size() < b.size() ? b : a;
  double s = 0;
  for (const auto& [k, v] : small) {
    auto it = large.find(k);
    if (it != large.end()) s += v * it->second;
  }
  return s;
}

double Norm(const Vector& a) {
  double s = 0;
  for (const auto& [k, v] : a) s += v * v;
  return std::sqrt(s);
}

double Cosine(const Vector& a, double na, const Vector& b, double nb) {
  return na > 0 && nb > 0 ? Dot(a, b) / (na * nb) : 0;
}

struct Candidate {
  size_t article;  // index into the input
  size_t position; // sentence number in its article
  uint32_t start, end;
  Vector tf;       // term counts, then TF-IDF
  double norm = 0;
  double score = 0;
};

}  // namespace

std::vector<Summary> Summarize(std::span<const Article* const> articles,
                               const SummaryOptions& o) {
  // Articles by language, copies left out.
  std::map<std::string, std::vector<size_t>> by_lang;
  for (size_t i = 0; i < articles.size(); ++i) {
    if (o.skip.count(articles[i]->id)) continue;
    by_lang[articles[i]->lang].push_back(i);
  }
  Analyses own(/*keep=*/false);
  Analyses& analyses = o.analyses != nullptr ? *o.analyses : own;
  std::vector<Summary> out;
  for (const auto& [lang, members] : by_lang) {
    std::vector<Candidate> candidates;
    std::unordered_map<std::string, int> df;
    std::vector<Vector> article_tf(members.size());
    // Lines two or more articles of one outlet hold word for word (copies
    // are out already): the site's chrome, which would otherwise be what
    // they have most in common (lines.h). A line of several outlets' (a
    // wire paragraph, a statement all quote) is the story's own.
    std::vector<std::string> outlet_of;  // by member
    std::map<std::string, std::vector<const Article*>> by_outlet;
    for (size_t m : members) {
      outlet_of.push_back(CoverageOutlet(*articles[m]));
      by_outlet[outlet_of.back()].push_back(articles[m]);
    }
    std::map<std::string, std::unordered_map<std::string_view, int>> line_count;
    for (const auto& [outlet, of_outlet] : by_outlet) {
      if (of_outlet.size() > 1) line_count[outlet] = ArticlesPerLine(of_outlet);
    }
    for (size_t m = 0; m < members.size(); ++m) {
      const Article& a = *articles[members[m]];
      const AnalyzedText& analyzed = analyses.Of(a);
      std::vector<bool> repeated(analyzed.sentences.size(), false);
      if (const auto counts = line_count.find(outlet_of[m]); counts != line_count.end()) {
        for (size_t s = 0; s < analyzed.sentences.size(); ++s) {
          const auto it = counts->second.find(LineAt(a.text, analyzed.sentences[s].begin));
          repeated[s] = it != counts->second.end() && it->second > 1;
        }
      }
      std::vector<Vector> sentence_tf(analyzed.sentences.size());
      for (const Token& t : analyzed.tokens) {
        if (!IsContentWord(t) || t.sentence >= sentence_tf.size()) continue;
        if (repeated[t.sentence]) continue;
        sentence_tf[t.sentence][t.term] += 1;
        article_tf[m][t.term] += 1;
      }
      for (const auto& [term, n] : article_tf[m]) ++df[term];
      for (size_t s = 0; s < analyzed.sentences.size(); ++s) {
        if (repeated[s]) continue;
        // A site's request ("To find out more about the cookies we use",
        // "suscríbete para disfrutar"), or a list of tags ("Politica |
        // Ahmed Ben Bella | Gamal Nasser").
        const std::string_view sentence(a.text.data() + analyzed.sentences[s].begin,
                                        analyzed.sentences[s].end - analyzed.sentences[s].begin);
        size_t bars = 0;
        for (size_t at = sentence.find(" | "); at != std::string_view::npos;
             at = sentence.find(" | ", at + 1)) {
          ++bars;
        }
        if (bars >= 2 || AsksOfTheReader(sentence)) continue;
        double words = 0;
        for (const auto& [term, n] : sentence_tf[s]) words += n;
        if (words < o.min_words || words > o.max_words) continue;
        candidates.push_back({members[m], s, analyzed.sentences[s].begin,
                              analyzed.sentences[s].end, std::move(sentence_tf[s])});
      }
    }
    if (candidates.empty()) continue;
    const double n = static_cast<double>(members.size());
    auto idf = [&](const std::string& term) {
      return std::log((1 + n) / (1 + df[term])) + 1;
    };
    // The centroid: the mean of the articles' TF-IDF vectors, each article
    // normalised so long ones do not dominate.
    Vector centroid;
    for (Vector& tf : article_tf) {
      for (auto& [term, v] : tf) v *= idf(term);
      const double norm = Norm(tf);
      if (norm == 0) continue;
      for (const auto& [term, v] : tf) centroid[term] += v / norm / n;
    }
    const double centroid_norm = Norm(centroid);
    for (Candidate& c : candidates) {
      for (auto& [term, v] : c.tf) v *= idf(term);
      c.norm = Norm(c.tf);
      const double position_bonus = 1.0 + 0.2 / (1.0 + c.position);
      c.score = Cosine(c.tf, c.norm, centroid, centroid_norm) * position_bonus;
    }
    // MMR.
    std::vector<size_t> picked;
    std::vector<bool> used(candidates.size(), false);
    while (picked.size() < o.max_sentences) {
      double best = -1e9;
      size_t best_i = candidates.size();
      for (size_t i = 0; i < candidates.size(); ++i) {
        if (used[i]) continue;
        double overlap = 0;
        for (size_t p : picked) {
          overlap = std::max(overlap, Cosine(candidates[i].tf, candidates[i].norm,
                                             candidates[p].tf, candidates[p].norm));
        }
        if (overlap >= o.max_overlap) continue;
        const double value = candidates[i].score - o.redundancy * overlap;
        if (value > best) {
          best = value;
          best_i = i;
        }
      }
      if (best_i == candidates.size()) break;
      used[best_i] = true;
      picked.push_back(best_i);
      // Enough when the next best would add little (but keep min_sentences).
      if (picked.size() >= o.min_sentences && best < 0.05) break;
    }
    std::sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
      const Candidate& x = candidates[a];
      const Candidate& y = candidates[b];
      const Article& ax = *articles[x.article];
      const Article& ay = *articles[y.article];
      if (ax.published != ay.published) {
        if (!ax.published) return false;
        if (!ay.published) return true;
        return *ax.published < *ay.published;
      }
      if (x.article != y.article) return x.article < y.article;
      return x.position < y.position;
    });
    Summary summary;
    summary.lang = lang;
    summary.articles = members.size();
    for (size_t p : picked) {
      const Candidate& c = candidates[p];
      const Article& a = *articles[c.article];
      summary.sentences.push_back(
          {a.text.substr(c.start, c.end - c.start),
           Citation{a.id, CoverageOutlet(a), c.start, c.end}, c.score});
    }
    out.push_back(std::move(summary));
  }
  std::stable_sort(out.begin(), out.end(), [](const Summary& a, const Summary& b) {
    return a.articles > b.articles;
  });
  return out;
}

}  // namespace newsloom
