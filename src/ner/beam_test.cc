#include "ner/beam.h"

#include <gtest/gtest.h>


namespace newsloom {
namespace {

// Scores from a fixed pseudo-random function of the feature hash, so the
// decoders can be compared on any sentence without a trained model.
void RandomScore(uint32_t hash, int32_t* scores) {
  uint64_t x = hash;
  for (int l = 0; l < kLabels; ++l) {
    x += 0x9E3779B97F4A7C15ULL;  // SplitMix64
    uint64_t z = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    scores[l] += int32_t((z ^ (z >> 31)) % 2001) - 1000;
  }
}

void NoPrefetch(uint32_t) {}

SentenceFeatures Features(const std::vector<std::string_view>& words) {
  SentenceFeatures f;
  ExtractFeatures(words, nullptr, nullptr, nullptr, &f);
  return f;
}

// The score of one whole label sequence: the sum of its tokens' static and
// dynamic feature scores (what the beam adds up).
int64_t PathScore(const SentenceFeatures& s, const std::vector<int>& path) {
  NameHistory history;
  int64_t total = 0;
  std::vector<uint32_t> dynamic;
  for (size_t i = 0; i < path.size(); ++i) {
    int32_t scores[kLabels] = {};
    for (uint32_t h : s.Of(i)) RandomScore(h, scores);
    dynamic.clear();
    AddDynamicFeatures(s, i, i > 0 ? path[i - 1] : kOutside,
                       i > 1 ? path[i - 2] : kOutside, kNoHistory,
                       OpenQuote(s, path, i), &dynamic);
    for (uint32_t h : dynamic) RandomScore(h, scores);
    total += scores[path[i]];
  }
  return total;
}

std::vector<int> Beam(const SentenceFeatures& s, int width) {
  NameHistory history;
  BeamBuffers buffers;
  std::vector<uint32_t> dynamic;
  std::vector<int> labels;
  DecodeBeam<int32_t>(s, &history, width, &dynamic, &labels, RandomScore, NoPrefetch,
                      static_cast<const std::vector<int32_t>*>(nullptr), &buffers,
                      nullptr, [](size_t, size_t, const auto&, const auto&) {});
  return labels;
}

const std::vector<std::vector<std::string_view>> kSentences = {
    {"Erfarne", "Ivan", "Nielsen", "kom", "."},
    {"\"", "Latin", "Look", "\"", "sang"},
    {"H.", "C.", "Andersen"},
    {"a"},
};

// Width 1 is greedy decoding (model.h), token for token.
TEST(BeamTest, WidthOneIsGreedy) {
  for (const auto& words : kSentences) {
    SentenceFeatures s = Features(words);
    NameHistory history;
    std::vector<uint32_t> dynamic;
    std::vector<int> greedy;
    DecodeGreedy<int32_t>(s, &history, &dynamic, &greedy, RandomScore,
                          [](size_t, int, const std::vector<uint32_t>&) {});
    EXPECT_EQ(Beam(s, 1), greedy);
  }
}

// The slow oracle: every valid IOB2 sequence of the sentence, scored whole.
// A beam wider than the number of states (recombination keeps one
// hypothesis per state) finds the best of them.
TEST(BeamTest, WideBeamFindsTheBestSequence) {
  for (const auto& words : kSentences) {
    SentenceFeatures s = Features(words);
    const size_t n = words.size();
    std::vector<int> path(n, 0), best;
    int64_t best_score = INT64_MIN;
    for (;;) {
      bool valid = true;
      for (size_t i = 0; i < n; ++i)
        valid &= AllowedAfter(i ? path[i - 1] : kOutside, path[i]);
      if (valid) {
        int64_t score = PathScore(s, path);
        if (score > best_score) best_score = score, best = path;
      }
      size_t i = 0;
      while (i < n && ++path[i] == kLabels) path[i++] = 0;
      if (i == n) break;
    }
    std::vector<int> found = Beam(s, kMaxBeam);
    EXPECT_EQ(PathScore(s, found), best_score);
    EXPECT_EQ(found, best);
  }
}

// Training: the violation callback sees the gold and the best paths over
// the tokens where they part, and nothing when the gold sequence wins.
TEST(BeamTest, ViolationsCoverTheTokensWhereGoldLost) {
  SentenceFeatures s = Features(kSentences[0]);
  std::vector<int> best = Beam(s, 4);
  NameHistory history;
  BeamBuffers buffers;
  std::vector<uint32_t> dynamic;
  std::vector<int> labels;
  int calls = 0;
  DecodeBeam<int32_t>(s, &history, 4, &dynamic, &labels, RandomScore, NoPrefetch,
                      static_cast<const std::vector<int32_t>*>(nullptr), &buffers, &best,
                      [&](size_t, size_t, const auto&, const auto&) { ++calls; });
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(labels, best);

  std::vector<int> gold(best.size(), kOutside);
  if (gold == best) gold[0] = BeginLabel(EntityType::kPer);
  size_t covered_to = 0;
  DecodeBeam<int32_t>(s, &history, 4, &dynamic, &labels, RandomScore, NoPrefetch,
                      static_cast<const std::vector<int32_t>*>(nullptr), &buffers, &gold,
                      [&](size_t from, size_t to, const std::vector<int>& want,
                          const std::vector<int>& got) {
                        EXPECT_GE(from, covered_to);
                        EXPECT_LT(from, to);
                        ASSERT_EQ(want.size(), to);
                        ASSERT_EQ(got.size(), to);
                        for (size_t i = 0; i < to; ++i) EXPECT_EQ(want[i], gold[i]);
                        EXPECT_NE(std::vector<int>(want.begin() + from, want.end()),
                                  std::vector<int>(got.begin() + from, got.end()));
                        covered_to = to;
                        ++calls;
                      });
  EXPECT_GT(calls, 0);
}

}  // namespace
}  // namespace newsloom
