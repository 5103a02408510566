#include "eval/batch_reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>

namespace newsloom {
namespace {

// ---- Random inputs -------------------------------------------------------

// A symmetric matrix of independent uniform similarities in [lo, hi).
SimilarityMatrix RandomMatrix(size_t n, double lo, double hi,
                              std::mt19937* rng) {
  std::uniform_real_distribution<double> value(lo, hi);
  SimilarityMatrix s(n);
  for (size_t i = 0; i < n; ++i) {
    s.Set(i, i, 1.0);
    for (size_t j = i + 1; j < n; ++j) s.Set(i, j, value(*rng));
  }
  return s;
}

// Unit vectors over a small vocabulary, most of it zero: documents that
// share no term meet at similarity exactly 0 (ties), some documents are
// empty, and a few groups of near-duplicates appear.
std::vector<SparseVector> RandomVectors(size_t n, std::mt19937* rng) {
  std::uniform_int_distribution<uint32_t> term(0, 11);
  std::uniform_int_distribution<int> terms(0, 4);
  std::uniform_real_distribution<double> weight(0.1, 1.0);
  std::vector<SparseVector> out(n);
  for (SparseVector& v : out) {
    std::map<uint32_t, double> w;
    for (int k = terms(*rng); k > 0; --k) w[term(*rng)] += weight(*rng);
    double norm2 = 0;
    for (const auto& [t, x] : w) norm2 += x * x;
    for (const auto& [t, x] : w)
      v.entries.emplace_back(t, x / std::sqrt(norm2));
  }
  return out;
}

double SlowDot(const SparseVector& a, const SparseVector& b) {
  double sum = 0;
  for (const auto& [ta, wa] : a.entries) {
    for (const auto& [tb, wb] : b.entries) sum += ta == tb ? wa * wb : 0;
  }
  return sum;
}

// Fast and naive trees have the same merge similarities and the same cut
// at every threshold between two clearly distinct merge similarities.
void ExpectSameTree(const Dendrogram& fast, const Dendrogram& naive) {
  ASSERT_EQ(fast.docs, naive.docs);
  ASSERT_EQ(fast.merges.size(), naive.merges.size());
  for (size_t m = 0; m < naive.merges.size(); ++m) {
    EXPECT_NEAR(fast.merges[m].similarity, naive.merges[m].similarity, 1e-9)
        << m;
  }
  std::vector<double> thresholds = {2.0, -2.0};
  for (size_t m = 0; m + 1 < naive.merges.size(); ++m) {
    const double hi = naive.merges[m].similarity,
                 lo = naive.merges[m + 1].similarity;
    if (hi - lo > 1e-9) thresholds.push_back((hi + lo) / 2);
  }
  for (double t : thresholds) {
    EXPECT_EQ(CutDendrogram(fast, t), CutDendrogram(naive, t))
        << "threshold " << t;
  }
}

// Every part before its whole, similarities non-increasing.
void ExpectWellFormed(const Dendrogram& tree) {
  ASSERT_EQ(tree.merges.size(), tree.docs > 0 ? tree.docs - 1 : 0);
  for (size_t m = 1; m < tree.merges.size(); ++m) {
    EXPECT_GE(tree.merges[m - 1].similarity, tree.merges[m].similarity);
  }
  const std::vector<int64_t> all = CutDendrogram(tree, -1e300);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(),
            tree.docs > 0 ? 1u : 0u);
}

// ---- Average linkage -----------------------------------------------------

// Four documents: {0,1} at 0.9, {2,3} at 0.8, cross pairs 0.1-0.4.
SimilarityMatrix TwoPairs() {
  SimilarityMatrix s(4);
  s.Set(0, 1, 0.9);
  s.Set(2, 3, 0.8);
  s.Set(0, 2, 0.3);
  s.Set(0, 3, 0.1);
  s.Set(1, 2, 0.2);
  s.Set(1, 3, 0.4);
  return s;
}

TEST(AverageLinkageTest, HandComputedExample) {
  // {0,1} at 0.9, {2,3} at 0.8, then the mean of the four cross pairs.
  const SimilarityMatrix s = TwoPairs();
  for (const Dendrogram& tree : {AverageLinkage(s), AverageLinkageNaive(s)}) {
    ASSERT_EQ(tree.merges.size(), 3u);
    EXPECT_DOUBLE_EQ(tree.merges[0].similarity, 0.9);
    EXPECT_DOUBLE_EQ(tree.merges[1].similarity, 0.8);
    EXPECT_DOUBLE_EQ(tree.merges[2].similarity, 0.25);
    EXPECT_EQ(CutDendrogram(tree, 0.85), (std::vector<int64_t>{0, 0, 1, 2}));
    EXPECT_EQ(CutDendrogram(tree, 0.5), (std::vector<int64_t>{0, 0, 1, 1}));
    EXPECT_EQ(CutDendrogram(tree, 0.25), (std::vector<int64_t>{0, 0, 0, 0}));
  }
}

TEST(AverageLinkageTest, AverageNotSingleOrCompleteLinkage) {
  // 2 is close to 0 only: single linkage would join it to {0,1} at 0.7,
  // complete linkage at 0.1; average linkage at (0.7 + 0.1) / 2 = 0.4, after
  // {3,4} at 0.5.
  SimilarityMatrix s(5);
  s.Set(0, 1, 0.9);
  s.Set(0, 2, 0.7);
  s.Set(1, 2, 0.1);
  s.Set(3, 4, 0.5);
  const Dendrogram tree = AverageLinkage(s);
  ASSERT_EQ(tree.merges.size(), 4u);
  EXPECT_DOUBLE_EQ(tree.merges[1].similarity, 0.5);
  EXPECT_DOUBLE_EQ(tree.merges[2].similarity, 0.4);
  EXPECT_EQ(CutDendrogram(tree, 0.35), (std::vector<int64_t>{0, 0, 0, 1, 1}));
  ExpectSameTree(tree, AverageLinkageNaive(s));
}

TEST(AverageLinkageTest, EmptyAndSingleton) {
  EXPECT_TRUE(AverageLinkage(SimilarityMatrix(0)).merges.empty());
  EXPECT_TRUE(AverageLinkage(SimilarityMatrix(1)).merges.empty());
  EXPECT_EQ(CutDendrogram(AverageLinkage(SimilarityMatrix(1)), 0.5),
            (std::vector<int64_t>{0}));
  EXPECT_TRUE(CutDendrogram(Dendrogram{}, 0.5).empty());
}

// The fast path against its oracle on random dense matrices (no ties).
TEST(AverageLinkageTest, NearestNeighbourChainMatchesNaiveOnRandomMatrices) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<size_t> size(2, 40);
  for (int round = 0; round < 300; ++round) {
    const bool signed_values = round % 3 == 0;
    SimilarityMatrix s =
        RandomMatrix(size(rng), signed_values ? -1 : 0, 1, &rng);
    const Dendrogram naive = AverageLinkageNaive(s);
    const Dendrogram fast = AverageLinkage(s);
    ExpectWellFormed(fast);
    ExpectWellFormed(naive);
    ExpectSameTree(fast, naive);
    if (HasFailure()) FAIL() << "round " << round;
  }
}

// ... and on cosine matrices of sparse vectors, with exact ties at 0 and 1.
TEST(AverageLinkageTest, NearestNeighbourChainMatchesNaiveOnSparseCosines) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> size(2, 40);
  for (int round = 0; round < 300; ++round) {
    const SimilarityMatrix s =
        CosineSimilarities(RandomVectors(size(rng), &rng));
    const Dendrogram fast = AverageLinkage(s);
    ExpectWellFormed(fast);
    ExpectSameTree(fast, AverageLinkageNaive(s));
    if (HasFailure()) FAIL() << "round " << round;
  }
}

// ---- Cosine similarities -------------------------------------------------

TEST(CosineSimilaritiesTest, MatchesPairwiseDotProducts) {
  std::mt19937 rng(3);
  for (int round = 0; round < 50; ++round) {
    const std::vector<SparseVector> v = RandomVectors(1 + round % 30, &rng);
    const SimilarityMatrix s = CosineSimilarities(v);
    ASSERT_EQ(s.size(), v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      EXPECT_EQ(s.at(i, i), 1.0);
      for (size_t j = 0; j < v.size(); ++j) {
        if (i != j) {
          EXPECT_NEAR(s.at(i, j), SlowDot(v[i], v[j]), 1e-12);
        }
        EXPECT_EQ(s.at(i, j), s.at(j, i));
      }
    }
  }
}

// ---- Threshold sweep -----------------------------------------------------

TEST(SweepThresholdsTest, FindsTheBestCut) {
  const SimilarityMatrix s = TwoPairs();
  const Dendrogram tree = AverageLinkage(s);

  const std::vector<int64_t> two = {5, 5, 6, 6};
  ThresholdSweep best = SweepThresholds(tree, two);
  EXPECT_EQ(best.merges_applied, 2u);
  EXPECT_DOUBLE_EQ(best.min_similarity, 0.8);
  EXPECT_DOUBLE_EQ(best.next_similarity, 0.25);
  EXPECT_DOUBLE_EQ(best.MidThreshold(), 0.525);
  EXPECT_DOUBLE_EQ(best.scores.bcubed.f1, 1.0);
  EXPECT_EQ(CutDendrogram(tree, best.MidThreshold()),
            (std::vector<int64_t>{0, 0, 1, 1}));

  const std::vector<int64_t> singletons = {0, 1, 2, 3};
  best = SweepThresholds(tree, singletons);
  EXPECT_EQ(best.merges_applied, 0u);
  EXPECT_TRUE(std::isinf(best.min_similarity));
  EXPECT_GT(best.MidThreshold(), 0.9);
  EXPECT_EQ(CutDendrogram(tree, best.MidThreshold()),
            (std::vector<int64_t>{0, 1, 2, 3}));

  const std::vector<int64_t> one = {1, 1, 1, 1};
  best = SweepThresholds(tree, one);
  EXPECT_EQ(best.merges_applied, 3u);
  EXPECT_TRUE(std::isinf(best.next_similarity));
  EXPECT_DOUBLE_EQ(best.MidThreshold(), 0.25);
}

// Slow oracle: cut the tree at every candidate threshold and score it.
TEST(SweepThresholdsTest, MatchesCuttingAtEveryThreshold) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> size(1, 30);
  for (int round = 0; round < 100; ++round) {
    const size_t n = size(rng);
    const Dendrogram tree =
        AverageLinkage(CosineSimilarities(RandomVectors(n, &rng)));
    std::uniform_int_distribution<int64_t> label(0, 1 + n / 4);
    std::vector<int64_t> gold(n);
    for (int64_t& g : gold) g = label(rng);
    const ThresholdSweep sweep = SweepThresholds(tree, gold);

    std::vector<double> thresholds = {std::numeric_limits<double>::infinity()};
    for (const Merge& m : tree.merges) thresholds.push_back(m.similarity);
    double best = -1;
    for (double t : thresholds) {
      best = std::max(best,
                      ScoreClustering(CutDendrogram(tree, t), gold).bcubed.f1);
    }
    EXPECT_DOUBLE_EQ(sweep.scores.bcubed.f1, best) << "round " << round;
    const ClusteringScores at_mid =
        ScoreClustering(CutDendrogram(tree, sweep.MidThreshold()), gold);
    EXPECT_DOUBLE_EQ(at_mid.bcubed.f1, sweep.scores.bcubed.f1)
        << "round " << round;
    EXPECT_EQ(at_mid.clusters, sweep.scores.clusters) << "round " << round;
  }
}

// ---- TF-IDF --------------------------------------------------------------

Article English(std::string title, std::string text) {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  a.lang = "en";
  return a;
}

TEST(TfIdfVectorsTest, ScikitLearnWeights) {
  // Stems "cat" (twice) and "dog" in document 0, "dog" in document 1; "the"
  // is a stop word and "42" a number. Smooth idf over n = 2 documents:
  // cat ln(3/2) + 1, dog ln(3/3) + 1 = 1.
  const std::vector<Article> docs = {
      English("Cats", "The cat and the dog, 42."), English("", "Dogs")};
  const std::vector<SparseVector> v = TfIdfVectors(docs, {});
  ASSERT_EQ(v.size(), 2u);
  ASSERT_EQ(v[0].entries.size(), 2u);
  ASSERT_EQ(v[1].entries.size(), 1u);
  const double cat = 2 * (std::log(1.5) + 1), dog = 1;
  const double norm = std::hypot(cat, dog);
  const uint32_t dog_id = v[1].entries[0].first;
  for (const auto& [id, w] : v[0].entries) {
    EXPECT_NEAR(w, (id == dog_id ? dog : cat) / norm, 1e-12);
  }
  EXPECT_DOUBLE_EQ(v[1].entries[0].second, 1.0);
  EXPECT_NEAR(CosineSimilarities(v).at(0, 1), dog / norm, 1e-12);
}

TEST(TfIdfVectorsTest, DocumentWithoutTermsIsEmpty) {
  const std::vector<Article> docs = {English("The", "and 2024 of"),
                                     English("Quake", "")};
  const std::vector<SparseVector> v = TfIdfVectors(docs, {});
  EXPECT_TRUE(v[0].entries.empty());
  EXPECT_EQ(CosineSimilarities(v).at(0, 1), 0.0);
}

TEST(CharNgramsTest, GoldenTable) {
  struct Case {
    const char* word;
    size_t min_n, max_n;
    std::vector<std::string> grams;
  };
  const Case kCases[] = {
      {"ab", 2, 4, {" a", "ab", "b ", " ab", "ab ", " ab "}},
      {"a", 3, 5, {" a "}},
      {"abcd", 5, 6, {" abcd", "abcd ", " abcd "}},
      {"øl", 2, 2, {" ø", "øl", "l "}},  // code points, not bytes
      {"東京", 3, 3, {" 東京", "東京 "}},
  };
  for (const Case& c : kCases) {
    BatchReferenceOptions o;
    o.char_ngram_min = c.min_n;
    o.char_ngram_max = c.max_n;
    std::vector<std::string> out;
    AppendCharNgrams(c.word, o, &out);
    EXPECT_EQ(out, c.grams) << c.word;
  }
}

// ---- Small documents end to end -------------------------------------------

TEST(BatchReferenceTest, TinyDocumentsClusterByEvent) {
  const std::vector<Article> docs = {
      English("Earthquake shakes Lima",
              "A strong earthquake shook Lima, Peru, on Monday."),
      English("Ajax beat Feyenoord",
              "Ajax beat Feyenoord 3-1 in the Amsterdam derby."),
      English(
          "Peru earthquake: rescuers search rubble",
          "Rescuers in Lima search the rubble after the earthquake in Peru."),
      English("Derby win for Ajax",
              "Feyenoord lost the derby; Ajax scored three goals."),
      English("Lima quake toll rises",
              "The earthquake toll in Lima, Peru, rose to 12."),
  };
  const std::vector<int64_t> gold = {0, 1, 0, 1, 0};
  const Dendrogram tree = BuildBatchReference(docs, {});
  ExpectWellFormed(tree);
  const ThresholdSweep best = SweepThresholds(tree, gold);
  EXPECT_DOUBLE_EQ(best.scores.bcubed.f1, 1.0);
  EXPECT_EQ(CutDendrogram(tree, best.MidThreshold()),
            (std::vector<int64_t>{0, 1, 0, 1, 0}));
  // The two topics share no content word: they meet only at 0.
  EXPECT_EQ(tree.merges.back().similarity, 0.0);
  EXPECT_GT(tree.merges[tree.merges.size() - 2].similarity, 0.1);
}

TEST(BatchReferenceTest, CharNgramsJoinNamesAcrossLanguages) {
  // Character n-grams of names spelled alike (Zelenskyy / Selenskyj, Macron,
  // Paris, Ukraine / Ukraine) join an English and a German report of one
  // meeting, and keep a French report of another happening apart.
  auto doc = [](std::string lang, std::string text) {
    Article a;
    a.text = std::move(text);
    a.lang = std::move(lang);
    return a;
  };
  const std::vector<Article> docs = {
      doc("en", "Zelenskyy met Macron in Paris about Ukraine."),
      doc("de", "Selenskyj traf Macron in Paris wegen der Ukraine."),
      doc("fr", "Le volcan Etna est entré en éruption en Sicile."),
  };
  BatchReferenceOptions o;
  o.terms = BatchReferenceOptions::Terms::kCharNgrams;
  const SimilarityMatrix chars = CosineSimilarities(TfIdfVectors(docs, o));
  EXPECT_GT(chars.at(0, 1), chars.at(0, 2));
  EXPECT_GT(chars.at(0, 1), chars.at(1, 2));
  const double between =
      (chars.at(0, 1) + std::max(chars.at(0, 2), chars.at(1, 2))) / 2;
  EXPECT_EQ(CutDendrogram(AverageLinkage(chars), between),
            (std::vector<int64_t>{0, 0, 1}));
}

}  // namespace
}  // namespace newsloom
