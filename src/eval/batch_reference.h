// A batch reference clustering for small inputs: the baseline that the
// evaluation data's README measures ("A reference point", shared/data/
// README.md). TF-IDF vectors, cosine similarity, average-linkage
// agglomerative clustering cut at a similarity threshold, and the threshold
// chosen on the gold labels (the "oracle threshold", an advantage no online
// system has).
//
//   BatchReferenceOptions options;           // content-word stems
//   Dendrogram tree = BuildBatchReference(articles, options);
//   ThresholdSweep best = SweepThresholds(tree, gold);
//   std::vector<int64_t> labels = CutDendrogram(tree, best.min_similarity);
//
// It exists to judge the online clusterer (src/cluster), which sees each
// article once and never the future, against a clusterer that sees
// everything at once: src/engine/online_vs_batch_test.cc compares the two on
// small inputs, and bench/batch_baseline.cc reproduces the README's figures.
// It is deliberately plain and is not part of the pipeline: a dense n x n
// similarity matrix, O(n^2) memory and time (n = documents). On gva-dev's
// 3,161 documents the matrix takes 80 MB, building the tree 1.6 s and the
// threshold sweep 1.4 s (one core of the project's machine).
//
// The README's figures come from scikit-learn's own tokeniser (no stemming,
// numbers kept); with newsloom's analysis the oracle-threshold figures come
// out close but not equal (bench/batch_baseline.cc prints them).
//
// The pieces, each usable on its own:
//
//  * TfIdfVectors: scikit-learn's TfidfVectorizer with its defaults (raw
//    term counts, smooth idf = ln((1 + n) / (1 + df)) + 1, L2 norm) over
//    terms of the title and text from newsloom's Analyzer (text/analyzer.h):
//    content-word stems, or character n-grams of the words for text in many
//    languages and scripts.
//  * CosineSimilarities: the dense matrix of dot products of those vectors.
//  * AverageLinkage: UPGMA (the similarity of two clusters is the mean
//    similarity of their document pairs) by the nearest-neighbour chain
//    algorithm with the Lance-Williams update (Murtagh 1983; Müllner 2011,
//    "Modern hierarchical, agglomerative clustering algorithms", fig. 4),
//    O(n^2) time. AverageLinkageNaive reads the definition literally,
//    O(n^3), and is its oracle in the test.
//  * CutDendrogram and SweepThresholds: flat clusterings from the tree.
//
// Thread safety: the functions keep no state; TfIdfVectors builds its own
// Analyzer, so concurrent calls are safe.
#ifndef NEWSLOOM_EVAL_BATCH_REFERENCE_H_
#define NEWSLOOM_EVAL_BATCH_REFERENCE_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/article.h"
#include "eval/metrics.h"

namespace newsloom {

struct BatchReferenceOptions {
  enum class Terms {
    // Stems of content words, as the online clusterer's word channel sees
    // them (engine/features.h): no stop words, no numbers, at least two
    // bytes. Compares documents within one language only.
    kWordStems,
    // Character n-grams of every word token's normal form (NFKC + case
    // folding), each word padded with a space on both sides, as
    // scikit-learn's analyzer="char_wb" builds them; a word shorter than n
    // gives itself, once. Lets related words and transliterations meet
    // across languages.
    kCharNgrams,
  };
  Terms terms = Terms::kWordStems;

  // n-gram lengths in code points (padding included), for kCharNgrams.
  // 2..4 comes closest to the README's figure on itn-dev (0.452 against
  // 0.448 at the oracle threshold; 3..5 gives 0.470).
  // REQUIRES: 1 <= char_ngram_min <= char_ngram_max.
  size_t char_ngram_min = 2;
  size_t char_ngram_max = 4;
};

// Appends the character n-grams of one word to `*out`, as kCharNgrams
// takes them: the word padded with a space on both sides, for each n from
// options.char_ngram_min to char_ngram_max every run of n code points, in
// order; a padded word of at most n code points is appended once, whole,
// and ends the loop ("ab", 2..4: " a", "ab", "b ", " ab", "ab ", " ab ").
// REQUIRES: `word` is valid UTF-8.
void AppendCharNgrams(std::string_view word,
                      const BatchReferenceOptions& options,
                      std::vector<std::string>* out);

// A document's TF-IDF vector: (term id, weight), sorted by term id, unique;
// unit L2 norm, or empty when the document has no term. Term ids are
// meaningful only among the vectors of one TfIdfVectors call.
struct SparseVector {
  std::vector<std::pair<uint32_t, double>> entries;
};

// One TF-IDF vector per article, in order, over the terms `options` selects
// from title and text (analysed separately, so no term spans the two).
// Articles whose lang is empty or "und" are analysed in the language CLD2
// detects (text/language.h), as the engine does; `articles` is not changed.
std::vector<SparseVector> TfIdfVectors(std::span<const Article> articles,
                                       const BatchReferenceOptions& options);

// A dense symmetric n x n matrix of similarities, row-major.
class SimilarityMatrix {
 public:
  explicit SimilarityMatrix(size_t n) : n_(n), values_(n * n, 0.0) {}
  size_t size() const { return n_; }
  double at(size_t i, size_t j) const { return values_[i * n_ + j]; }
  // Sets both (i, j) and (j, i).
  void Set(size_t i, size_t j, double v) {
    values_[i * n_ + j] = v;
    values_[j * n_ + i] = v;
  }

 private:
  friend SimilarityMatrix CosineSimilarities(std::span<const SparseVector>);
  size_t n_;
  std::vector<double> values_;
};

// Cosine similarities of unit-length (or empty) vectors: their dot
// products, 0 with an empty vector, and 1 on the diagonal. Accumulated term
// by term over the documents that share it, O(sum of df^2) after the O(n^2)
// allocation.
SimilarityMatrix CosineSimilarities(std::span<const SparseVector> vectors);

// One step of agglomerative clustering: the cluster holding document `a`
// and the one holding document `b` (any member of each) join, at
// `similarity`, the average similarity of their document pairs.
struct Merge {
  size_t a = 0;
  size_t b = 0;
  double similarity = 0.0;
};

// A complete average-linkage tree over `docs` documents: docs - 1 merges
// (none for 0 or 1 document) in order of non-increasing similarity, every
// merge after the merges that built its two clusters. Average linkage is
// monotone (a merge is never more similar than the merges below it); the
// builders clamp floating-point noise so that it holds exactly, which makes
// "apply every merge with similarity >= t" a cut of the tree.
struct Dendrogram {
  size_t docs = 0;
  std::vector<Merge> merges;
};

// Average linkage by the nearest-neighbour chain, O(n^2) time on top of the
// matrix, O(n) more memory. Ties between equally similar candidates go to
// the previous element of the chain, then to the lowest document index;
// with ties the tree may differ from AverageLinkageNaive's, but not its cuts
// at thresholds between distinct merge similarities.
Dendrogram AverageLinkage(SimilarityMatrix similarities);

// The slow oracle: repeatedly joins the two clusters with the highest mean
// similarity over their document pairs, computed from the original matrix
// (no update formula). O(n^3); for tests on small inputs.
Dendrogram AverageLinkageNaive(const SimilarityMatrix& similarities);

// TfIdfVectors -> CosineSimilarities -> AverageLinkage.
Dendrogram BuildBatchReference(std::span<const Article> articles,
                               const BatchReferenceOptions& options);

// The flat clustering that applies every merge with similarity >=
// `min_similarity`: element i is document i's cluster label, labels dense
// from 0 in order of each cluster's first document. (scikit-learn's
// AgglomerativeClustering(metric="cosine", distance_threshold=d) applies the
// merges with cosine distance < d, i.e. similarity > 1 - d.)
std::vector<int64_t> CutDendrogram(const Dendrogram& tree,
                                   double min_similarity);

// The best cut of a tree against gold labels: the one with the highest
// BCubed F1 among all distinct cuts (every prefix of the merges that ends
// between two different similarities, from all singletons to one cluster).
struct ThresholdSweep {
  // The cut is CutDendrogram(tree, min_similarity); any threshold in
  // (next_similarity, min_similarity] gives it. min_similarity is +inf for
  // all singletons, next_similarity -inf when every merge is applied.
  double min_similarity = std::numeric_limits<double>::infinity();
  double next_similarity = -std::numeric_limits<double>::infinity();
  size_t merges_applied = 0;
  ClusteringScores scores;  // of that cut against the gold labels
  // One threshold to quote for this cut, the safest in (next_similarity,
  // min_similarity]: its middle; min_similarity when every merge is
  // applied; the next double above next_similarity for all singletons; 0
  // when the tree has no merge.
  double MidThreshold() const;
};

// Scores every distinct cut of `tree` against `gold` (element i is
// document i's gold label) and returns the best by BCubed F1; the first
// (fewest merges) among equals. Cost: O(n) per cut, O(n^2) in all.
// REQUIRES: gold.size() == tree.docs.
ThresholdSweep SweepThresholds(const Dendrogram& tree,
                               std::span<const int64_t> gold);

}  // namespace newsloom

#endif  // NEWSLOOM_EVAL_BATCH_REFERENCE_H_
