#include "cluster/sparse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace newsloom {
namespace {

// Slow oracle: dense cosine over std::map.
double DenseCosine(const std::map<TermId, double>& a,
                   const std::map<TermId, double>& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [t, w] : a) {
    na += w * w;
    auto it = b.find(t);
    if (it != b.end()) dot += w * it->second;
  }
  for (const auto& [t, w] : b) nb += w * w;
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

TEST(SparseTest, CentroidCosineMatchesDenseOracle) {
  std::mt19937 rng(7);
  for (int round = 0; round < 100; ++round) {
    Centroid c;
    std::map<TermId, double> sum;
    for (int doc = 0; doc < 5; ++doc) {
      std::map<TermId, float> m;
      for (int k = 0; k < 10; ++k) m[rng() % 30] = 0.1f + (rng() % 100) / 100.0f;
      TermVector v;
      v.entries.assign(m.begin(), m.end());
      v.Normalize();
      c.Add(v);
      for (const auto& [t, w] : v.entries) sum[t] += w;
    }
    std::map<TermId, float> q;
    for (int k = 0; k < 8; ++k) q[rng() % 30] = 1.0f + rng() % 3;
    TermVector query;
    query.entries.assign(q.begin(), q.end());
    std::map<TermId, double> qd(q.begin(), q.end());
    EXPECT_NEAR(c.Cosine(query), DenseCosine(sum, qd), 1e-5);
  }
}

TEST(SparseTest, PruneKeepsHeaviestDeterministically) {
  Centroid c;
  for (TermId t = 0; t < 10; ++t) c.Set(t, t < 5 ? 1.0f : 2.0f);
  c.Prune(7);
  EXPECT_EQ(c.size(), 7u);
  for (TermId t = 5; t < 10; ++t) EXPECT_EQ(c.Weight(t), 2.0f);
  // Ties among the 1.0 weights go to the lower ids.
  EXPECT_EQ(c.Weight(0), 1.0f);
  EXPECT_EQ(c.Weight(1), 1.0f);
  EXPECT_EQ(c.Weight(4), 0.0f);
}

// The fast paths against the plain algorithms: ScatteredVector against
// Centroid's merge, the filtering Prune against sort-and-cut; the same
// results to the bit, on centroids with many tied weights and on unbalanced
// sizes, with one ScatteredVector reused for every round.
TEST(SparseTest, FastPathsMatchPlainAlgorithmsExactly) {
  std::mt19937 rng(11);
  ScatteredVector scattered;
  for (int round = 0; round < 300; ++round) {
    const TermId universe = 20 + rng() % 2000;
    Centroid c;
    for (int k = 0, n = rng() % 600; k < n; ++k) {
      c.Set(rng() % universe, 0.25f * (1 + rng() % (round % 2 ? 4 : 1000)));
    }
    std::map<TermId, float> q;
    for (int k = 0, n = rng() % 200; k < n; ++k) q[rng() % universe] = 0.01f * (1 + rng() % 100);
    TermVector v;
    v.entries.assign(q.begin(), q.end());

    scattered.Assign(&v);
    EXPECT_EQ(scattered.source(), &v);
    EXPECT_EQ(scattered.Dot(c), c.Dot(v)) << "round " << round;
    EXPECT_EQ(scattered.Cosine(c), c.Cosine(v)) << "round " << round;
    scattered.Clear();
    EXPECT_EQ(scattered.source(), nullptr);

    const size_t keep = rng() % (c.size() + 2);
    auto expected = c.entries();
    if (expected.size() > keep) {
      std::sort(expected.begin(), expected.end(), [](const auto& x, const auto& y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
      });
      expected.resize(keep);
      std::sort(expected.begin(), expected.end());
    }
    c.Prune(keep);
    EXPECT_EQ(c.entries(), expected) << "round " << round << " keep " << keep;
  }
}

TEST(SparseTest, EmptyVectors) {
  Centroid c;
  TermVector v;
  EXPECT_EQ(c.Cosine(v), 0);
  v.entries = {{1, 3.0f}, {2, 4.0f}};
  v.Normalize();
  EXPECT_NEAR(v.entries[0].second, 0.6f, 1e-6);
  EXPECT_EQ(c.Cosine(v), 0);
  TermVector zero;
  zero.Normalize();
  EXPECT_TRUE(zero.empty());
}

TEST(SparseTest, MissingMassIsTheShareOfAbsentWeight) {
  Centroid c;
  TermVector in_c;
  in_c.entries = {{2, 1.0f}, {5, 1.0f}};
  c.Add(in_c);
  TermVector v;
  v.entries = {{1, 3.0f}, {2, 4.0f}};  // 9 of 25 on term 1, which c lacks
  EXPECT_NEAR(c.MissingMass(v), 9.0 / 25.0, 1e-9);
  v.entries = {{2, 1.0f}, {5, 2.0f}};
  EXPECT_EQ(c.MissingMass(v), 0);
  v.entries = {{7, 1.0f}};
  EXPECT_EQ(c.MissingMass(v), 1);
  EXPECT_EQ(c.MissingMass(TermVector{}), 1);
}

}  // namespace
}  // namespace newsloom
