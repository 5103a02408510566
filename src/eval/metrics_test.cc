#include "eval/metrics.h"

#include <gtest/gtest.h>

#include <random>

namespace newsloom {
namespace {

// Quadratic oracle: the definitions read literally, document by document and
// pair by pair.
ClusteringScores SlowScore(const std::vector<int64_t>& p,
                           const std::vector<int64_t>& g) {
  const size_t n = p.size();
  double bp = 0, br = 0, tp = 0, pred_pairs = 0, gold_pairs = 0;
  for (size_t i = 0; i < n; ++i) {
    double same_p = 0, same_g = 0, both = 0;
    for (size_t j = 0; j < n; ++j) {
      same_p += p[i] == p[j];
      same_g += g[i] == g[j];
      both += p[i] == p[j] && g[i] == g[j];
    }
    bp += both / same_p;
    br += both / same_g;
    for (size_t j = i + 1; j < n; ++j) {
      pred_pairs += p[i] == p[j];
      gold_pairs += g[i] == g[j];
      tp += p[i] == p[j] && g[i] == g[j];
    }
  }
  ClusteringScores s;
  s.docs = n;
  s.bcubed.precision = bp / n;
  s.bcubed.recall = br / n;
  s.pairwise.precision = pred_pairs ? tp / pred_pairs : 1;
  s.pairwise.recall = gold_pairs ? tp / gold_pairs : 1;
  const double all = n * (n - 1) / 2.0;
  const double expected = pred_pairs * gold_pairs / all;
  const double max_index = (pred_pairs + gold_pairs) / 2;
  s.ari = max_index == expected ? 1 : (tp - expected) / (max_index - expected);
  return s;
}

TEST(MetricsTest, HandComputedExample) {
  // Gold: {0,1,2} {3,4}. Predicted: {0,1} {2,3,4}.
  const std::vector<int64_t> pred = {7, 7, 9, 9, 9};
  const std::vector<int64_t> gold = {1, 1, 1, 2, 2};
  ClusteringScores s = ScoreClustering(pred, gold);
  // BCubed precision: docs 0,1 -> 1; doc 2 -> 1/3; docs 3,4 -> 2/3.
  EXPECT_NEAR(s.bcubed.precision, (1 + 1 + 1.0 / 3 + 2.0 / 3 + 2.0 / 3) / 5, 1e-12);
  // BCubed recall: docs 0,1 -> 2/3; doc 2 -> 1/3; docs 3,4 -> 1.
  EXPECT_NEAR(s.bcubed.recall, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1 + 1) / 5, 1e-12);
  // Pairs: predicted {01, 23, 24, 34} = 4, gold {01, 02, 12, 34} = 4, TP 2.
  EXPECT_NEAR(s.pairwise.precision, 0.5, 1e-12);
  EXPECT_NEAR(s.pairwise.recall, 0.5, 1e-12);
  EXPECT_NEAR(s.pairwise.f1, 0.5, 1e-12);
  // ARI: expected = 4*4/10 = 1.6; (2-1.6)/(4-1.6) = 1/6.
  EXPECT_NEAR(s.ari, 1.0 / 6, 1e-12);
  EXPECT_EQ(s.clusters, 2u);
  EXPECT_EQ(s.gold_clusters, 2u);
}

TEST(MetricsTest, PerfectAndDegenerate) {
  const std::vector<int64_t> a = {1, 1, 2, 3, 3, 3};
  ClusteringScores s = ScoreClustering(a, a);
  EXPECT_DOUBLE_EQ(s.bcubed.f1, 1.0);
  EXPECT_DOUBLE_EQ(s.pairwise.f1, 1.0);
  EXPECT_DOUBLE_EQ(s.ari, 1.0);

  // Everything in one cluster against all singletons.
  const std::vector<int64_t> one = {0, 0, 0, 0};
  const std::vector<int64_t> singles = {0, 1, 2, 3};
  s = ScoreClustering(one, singles);
  EXPECT_DOUBLE_EQ(s.bcubed.precision, 0.25);
  EXPECT_DOUBLE_EQ(s.bcubed.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.pairwise.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.pairwise.recall, 1.0);  // no gold pairs
  EXPECT_DOUBLE_EQ(s.ari, 0.0);

  s = ScoreClustering({}, {});
  EXPECT_EQ(s.docs, 0u);
}

TEST(MetricsTest, MatchesQuadraticOracleOnRandomPartitions) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    const int n = 2 + static_cast<int>(rng() % 40);
    const int kp = 1 + static_cast<int>(rng() % 8);
    const int kg = 1 + static_cast<int>(rng() % 8);
    std::vector<int64_t> p(n), g(n);
    for (int i = 0; i < n; ++i) {
      p[i] = rng() % kp;
      g[i] = rng() % kg;
    }
    ClusteringScores fast = ScoreClustering(p, g);
    ClusteringScores slow = SlowScore(p, g);
    EXPECT_NEAR(fast.bcubed.precision, slow.bcubed.precision, 1e-9);
    EXPECT_NEAR(fast.bcubed.recall, slow.bcubed.recall, 1e-9);
    EXPECT_NEAR(fast.pairwise.precision, slow.pairwise.precision, 1e-9);
    EXPECT_NEAR(fast.pairwise.recall, slow.pairwise.recall, 1e-9);
    EXPECT_NEAR(fast.ari, slow.ari, 1e-9);
  }
}

TEST(MetricsTest, LabelIndexIsDenseInFirstSeenOrder) {
  LabelIndex idx;
  EXPECT_EQ(idx.Get("b"), 0);
  EXPECT_EQ(idx.Get("a"), 1);
  EXPECT_EQ(idx.Get("b"), 0);
  EXPECT_EQ(idx.Get(""), 2);
  EXPECT_EQ(idx.size(), 3u);
}

}  // namespace
}  // namespace newsloom
