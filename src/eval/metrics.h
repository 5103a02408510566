// Clustering quality metrics against gold labels, as the evaluation data's
// README defines them (shared/data/README.md):
//
//  * BCubed (Bagga & Baldwin 1998): per document, precision is the share of
//    its predicted cluster that is in its gold cluster, recall the share of
//    its gold cluster that is in its predicted cluster; both are averaged
//    over documents, F1 is their harmonic mean.
//  * Pairwise: over all unordered document pairs, a pair is predicted
//    positive when both are in one predicted cluster and gold positive when
//    both are in one gold cluster. With no predicted (gold) pairs at all,
//    precision (recall) is 1 by convention.
//  * Adjusted Rand index (Hubert & Arabie 1985), 1.0 when both partitions
//    are trivially identical (e.g. all singletons on both sides).
//
// All three come from one contingency table, O(n) after hashing; the tests
// check them against a quadratic all-pairs oracle and hand-computed values.
#ifndef NEWSLOOM_EVAL_METRICS_H_
#define NEWSLOOM_EVAL_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsloom {

struct PrfScores {
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
};

struct ClusteringScores {
  size_t docs = 0;
  size_t clusters = 0;       // distinct predicted labels
  size_t gold_clusters = 0;  // distinct gold labels
  PrfScores bcubed;
  PrfScores pairwise;
  double ari = 0.0;
};

// Scores `predicted` against `gold`; element i of each is document i's label.
// REQUIRES: predicted.size() == gold.size().
ClusteringScores ScoreClustering(std::span<const int64_t> predicted,
                                 std::span<const int64_t> gold);

// Maps string labels to dense integers in order of first appearance, so
// string gold labels can be scored. Empty strings are ordinary labels.
class LabelIndex {
 public:
  int64_t Get(const std::string& label);
  size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, int64_t> ids_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_EVAL_METRICS_H_
