#include "dedup/pair_oracle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace newsloom {
namespace {

TEST(PairOracleTest, HandComputedPair) {
  const ShingleSet a = {1, 2, 3, 4}, b = {3, 4, 5, 6, 7, 8};
  EXPECT_EQ(IntersectionSize(a, b), 2u);
  const OraclePair p = MakePair(0, 1, a.size(), b.size(), 2);
  EXPECT_DOUBLE_EQ(p.jaccard, 2.0 / 8);
  EXPECT_DOUBLE_EQ(p.containment, 2.0 / 4);
  const OraclePair empty = MakePair(0, 1, 0, 0, 0);
  EXPECT_EQ(empty.jaccard, 0);
  EXPECT_EQ(empty.containment, 0);
}

// The inverted-index oracle against the all-pairs definition.
TEST(PairOracleTest, InvertedIndexMatchesBruteForce) {
  std::mt19937 rng(3);
  std::vector<ShingleSet> sets;
  for (int i = 0; i < 150; ++i) {
    ShingleSet s;
    if (i % 3 != 0) {
      s = sets[rng() % sets.size()];  // a variant of an earlier set
      for (uint64_t& x : s) {
        if (rng() % 10 == 0) x = 1000 + rng() % 100000;
      }
    } else {
      const int size = rng() % 60;
      const uint64_t base = rng() % 40;  // overlapping ranges
      for (int k = 0; k < size; ++k) s.push_back(base * 5 + rng() % 120);
    }
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    sets.push_back(s);
  }
  for (OracleFilter f : {OracleFilter{0.8, 2, 0}, OracleFilter{0.2, 0.7, 10},
                         OracleFilter{0.0, 2, 0}}) {
    const std::vector<OraclePair> slow = AllPairsBruteForce(sets, f);
    EXPECT_EQ(AllPairs(sets, f), slow) << f.min_jaccard;
    EXPECT_FALSE(slow.empty());
  }
}

}  // namespace
}  // namespace newsloom
