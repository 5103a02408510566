#include "eval/batch_reference.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>

#include "text/analyzer.h"
#include "text/language.h"

namespace newsloom {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

void AppendTerms(const AnalyzedText& analyzed, const BatchReferenceOptions& o,
                 std::vector<std::string>* out) {
  for (const Token& t : analyzed.tokens) {
    if (o.terms == BatchReferenceOptions::Terms::kCharNgrams) {
      AppendCharNgrams(t.norm, o, out);
    } else if (IsContentWord(t)) {
      out->push_back(t.term);
    }
  }
}

// Union-find over documents with path halving; each root remembers the
// last merge that built its cluster.
class Forest {
 public:
  explicit Forest(size_t n) : parent_(n), last_merge_(n, kNone) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Joins the clusters of a and b (different); returns the new root.
  size_t Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    assert(a != b);
    parent_[b] = a;
    return a;
  }
  size_t& last_merge(size_t root) { return last_merge_[root]; }

 private:
  std::vector<size_t> parent_;
  std::vector<size_t> last_merge_;
};

// From merges in the order they were made (each after the merges that built
// its clusters) to a Dendrogram: a merge's similarity is clamped to at most
// those of its two parts, so that rounding in the update formula (a
// weighted mean can come out one ulp above the larger of its inputs) never
// breaks monotony; then a stable sort by similarity keeps every part before
// its whole.
Dendrogram Finish(size_t docs, std::vector<Merge> made) {
  Forest forest(docs);
  for (size_t m = 0; m < made.size(); ++m) {
    for (size_t doc : {made[m].a, made[m].b}) {
      const size_t part = forest.last_merge(forest.Find(doc));
      if (part != kNone) {
        made[m].similarity =
            std::min(made[m].similarity, made[part].similarity);
      }
    }
    forest.last_merge(forest.Join(made[m].a, made[m].b)) = m;
  }
  std::stable_sort(made.begin(), made.end(),
                   [](const Merge& x, const Merge& y) {
                     return x.similarity > y.similarity;
                   });
  return Dendrogram{docs, std::move(made)};
}

// Dense labels from 0, in order of each cluster's first document.
std::vector<int64_t> Labels(Forest* forest, size_t docs) {
  std::vector<int64_t> labels(docs);
  std::unordered_map<size_t, int64_t> ids;
  for (size_t i = 0; i < docs; ++i) {
    labels[i] = ids.emplace(forest->Find(i), static_cast<int64_t>(ids.size()))
                    .first->second;
  }
  return labels;
}

}  // namespace

// scikit-learn's _char_wb_ngrams, one word at a time.
void AppendCharNgrams(std::string_view word, const BatchReferenceOptions& o,
                      std::vector<std::string>* out) {
  const std::string padded = " " + std::string(word) + " ";
  std::vector<size_t> starts;  // byte offset of each code point, then the end
  for (size_t i = 0; i < padded.size(); ++i) {
    if (!IsUtf8Continuation(padded[i])) starts.push_back(i);
  }
  const size_t length = starts.size();
  starts.push_back(padded.size());
  for (size_t n = o.char_ngram_min; n <= o.char_ngram_max; ++n) {
    if (length <= n) {
      out->push_back(padded);
      break;
    }
    for (size_t first = 0; first + n <= length; ++first) {
      out->push_back(
          padded.substr(starts[first], starts[first + n] - starts[first]));
    }
  }
}

std::vector<SparseVector> TfIdfVectors(std::span<const Article> articles,
                                       const BatchReferenceOptions& options) {
  assert(options.char_ngram_min >= 1 &&
         options.char_ngram_min <= options.char_ngram_max);
  Analyzer analyzer;
  const LanguageDetector detector;
  AnalyzedText analyzed;
  std::vector<std::string> terms;
  std::unordered_map<std::string, uint32_t> vocabulary;
  std::vector<double> df;
  std::vector<SparseVector> vectors(articles.size());
  for (size_t d = 0; d < articles.size(); ++d) {
    const Article& a = articles[d];
    std::string lang = a.lang;
    if (lang.empty() || lang == "und") {
      lang = detector.Detect(a.title, a.text).code;  // as the engine does
    }
    terms.clear();
    for (std::string_view part :
         {std::string_view(a.title), std::string_view(a.text)}) {
      analyzer.Analyze(part, lang, &analyzed);
      AppendTerms(analyzed, options, &terms);
    }
    std::unordered_map<uint32_t, double> counts;
    for (const std::string& t : terms) {
      const auto [it, added] =
          vocabulary.emplace(t, static_cast<uint32_t>(vocabulary.size()));
      if (added) df.push_back(0);
      counts[it->second] += 1;
    }
    for (const auto& [id, count] : counts) {
      df[id] += 1;
      vectors[d].entries.emplace_back(id, count);
    }
    std::sort(vectors[d].entries.begin(), vectors[d].entries.end());
  }
  const double n = static_cast<double>(articles.size());
  for (SparseVector& v : vectors) {
    double norm2 = 0;
    for (auto& [id, w] : v.entries) {
      w *= std::log((1 + n) / (1 + df[id])) + 1;  // smooth idf
      norm2 += w * w;
    }
    const double norm = std::sqrt(norm2);
    for (auto& [id, w] : v.entries) w /= norm;
  }
  return vectors;
}

SimilarityMatrix CosineSimilarities(std::span<const SparseVector> vectors) {
  const size_t n = vectors.size();
  SimilarityMatrix s(n);
  // Postings per term, in document order: row i accumulates (in place,
  // sequentially) its dot products with the later documents that share a
  // term with it; the lower triangle is mirrored at the end.
  std::vector<std::vector<std::pair<size_t, double>>> postings;
  for (size_t i = 0; i < n; ++i) {
    for (const auto& [id, w] : vectors[i].entries) {
      if (id >= postings.size()) postings.resize(id + 1);
      postings[id].emplace_back(i, w);
    }
  }
  std::vector<size_t> next(postings.size(), 0);  // first posting after row i
  for (size_t i = 0; i < n; ++i) {
    double* row = &s.values_[i * n];
    for (const auto& [id, w] : vectors[i].entries) {
      const auto& list = postings[id];
      size_t k = next[id];
      while (k < list.size() && list[k].first <= i) ++k;
      next[id] = k;
      for (; k < list.size(); ++k) row[list[k].first] += w * list[k].second;
    }
    row[i] = 1.0;
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) s.values_[i * n + j] = s.values_[j * n + i];
  }
  return s;
}

// Nearest-neighbour chain (Müllner 2011, fig. 4): follow nearest neighbours
// from any cluster until two clusters are each other's nearest; average
// linkage is reducible (a merge never brings a cluster closer to a third
// than the nearer of its parts was), so such a pair can be merged at once
// and the rest of the chain stays valid. The merged cluster takes the
// lower slot, its similarities the size-weighted mean of its parts'
// (Lance-Williams); slot i always holds document i.
Dendrogram AverageLinkage(SimilarityMatrix s) {
  const size_t n = s.size();
  std::vector<size_t> size(n, 1);
  std::vector<bool> active(n, true);
  std::vector<size_t> chain;
  std::vector<Merge> made;
  made.reserve(n > 0 ? n - 1 : 0);
  size_t first_active = 0;
  for (size_t remaining = n; remaining > 1; --remaining) {
    if (chain.empty()) {
      while (!active[first_active]) ++first_active;
      chain.push_back(first_active);
    }
    size_t a, b;
    while (true) {
      a = chain.back();
      const size_t prev = chain.size() >= 2 ? chain[chain.size() - 2] : kNone;
      // Ties keep `prev`, so the chain cannot cycle; then the lowest index.
      b = prev;
      double best = prev != kNone ? s.at(a, prev)
                                  : -std::numeric_limits<double>::infinity();
      for (size_t k = 0; k < n; ++k) {
        if (k != a && active[k] && (b == kNone || s.at(a, k) > best)) {
          best = s.at(a, k);
          b = k;
        }
      }
      if (b == prev) break;
      chain.push_back(b);
    }
    chain.resize(chain.size() - 2);
    made.push_back({a, b, s.at(a, b)});
    const size_t keep = std::min(a, b), drop = std::max(a, b);
    const double wa = static_cast<double>(size[a]),
                 wb = static_cast<double>(size[b]);
    for (size_t k = 0; k < n; ++k) {
      if (!active[k] || k == a || k == b) continue;
      s.Set(keep, k, (wa * s.at(a, k) + wb * s.at(b, k)) / (wa + wb));
    }
    size[keep] += size[drop];
    active[drop] = false;
  }
  return Finish(n, std::move(made));
}

Dendrogram AverageLinkageNaive(const SimilarityMatrix& s) {
  const size_t n = s.size();
  std::vector<std::vector<size_t>> clusters(n);
  for (size_t i = 0; i < n; ++i) clusters[i] = {i};
  std::vector<Merge> made;
  while (clusters.size() > 1) {
    size_t best_x = 0, best_y = 1;
    double best = -std::numeric_limits<double>::infinity();
    for (size_t x = 0; x < clusters.size(); ++x) {
      for (size_t y = x + 1; y < clusters.size(); ++y) {
        double sum = 0;
        for (size_t i : clusters[x]) {
          for (size_t j : clusters[y]) sum += s.at(i, j);
        }
        const double mean = sum / (clusters[x].size() * clusters[y].size());
        if (mean > best) {
          best = mean;
          best_x = x;
          best_y = y;
        }
      }
    }
    made.push_back({clusters[best_x].front(), clusters[best_y].front(), best});
    clusters[best_x].insert(clusters[best_x].end(), clusters[best_y].begin(),
                            clusters[best_y].end());
    clusters.erase(clusters.begin() + best_y);
  }
  return Finish(n, std::move(made));
}

Dendrogram BuildBatchReference(std::span<const Article> articles,
                               const BatchReferenceOptions& options) {
  return AverageLinkage(CosineSimilarities(TfIdfVectors(articles, options)));
}

std::vector<int64_t> CutDendrogram(const Dendrogram& tree,
                                   double min_similarity) {
  Forest forest(tree.docs);
  for (const Merge& m : tree.merges) {
    if (m.similarity < min_similarity) break;
    forest.Join(m.a, m.b);
  }
  return Labels(&forest, tree.docs);
}

double ThresholdSweep::MidThreshold() const {
  const bool has_min = std::isfinite(min_similarity);
  const bool has_next = std::isfinite(next_similarity);
  if (has_min && has_next) {
    const double mid = (min_similarity + next_similarity) / 2;
    return mid > next_similarity ? mid : min_similarity;
  }
  if (has_min) return min_similarity;
  if (has_next) return std::nextafter(next_similarity, min_similarity);
  return 0;
}

ThresholdSweep SweepThresholds(const Dendrogram& tree,
                               std::span<const int64_t> gold) {
  assert(gold.size() == tree.docs);
  const std::vector<Merge>& merges = tree.merges;
  Forest forest(tree.docs);
  std::vector<int64_t> roots(tree.docs);  // labels of the cut: root documents
  ThresholdSweep best;
  size_t applied = 0;
  while (true) {
    ThresholdSweep here;
    here.merges_applied = applied;
    if (applied > 0) here.min_similarity = merges[applied - 1].similarity;
    if (applied < merges.size()) {
      here.next_similarity = merges[applied].similarity;
    }
    for (size_t i = 0; i < tree.docs; ++i) {
      roots[i] = static_cast<int64_t>(forest.Find(i));
    }
    here.scores = ScoreClustering(roots, gold);
    if (applied == 0 || here.scores.bcubed.f1 > best.scores.bcubed.f1) {
      best = here;
    }
    if (applied == merges.size()) break;
    // The next cut: every merge at the next similarity.
    const double level = merges[applied].similarity;
    while (applied < merges.size() && merges[applied].similarity == level) {
      forest.Join(merges[applied].a, merges[applied].b);
      ++applied;
    }
  }
  return best;
}

}  // namespace newsloom
