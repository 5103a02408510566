#include "dedup/signature.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>
#include <string>

#include "dedup/pair_oracle.h"

namespace newsloom {
namespace {

// Text of `n` words drawn from a vocabulary of made-up words.
std::string RandomText(std::mt19937& rng, size_t n, size_t vocabulary = 5000) {
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    text += "w" + std::to_string(rng() % vocabulary);
    text += i % 17 == 16 ? ".\n\n" : " ";
  }
  return text;
}

TEST(SignatureTest, TypographyDoesNotMatter) {
  SignatureMaker maker{DedupOptions()};
  Signature a, b;
  maker.Make("Mayor’s plan: “No new taxes”",
             "The mayor said on Tuesday that the city's budget would hold.",
             &a);
  maker.Make("MAYOR'S PLAN - \"no new taxes\"",
             "The  mayor said, on Tuesday, that the city’s budget would hold!",
             &b);
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.bins, b.bins);
  EXPECT_EQ(a.headline_bits, b.headline_bits);
  EXPECT_EQ(a.words, 18u);  // 6 in the headline, 12 in the text
  EXPECT_EQ(a.shingles, 15u);
  EXPECT_DOUBLE_EQ(EstimateJaccard(a.sketch, b.sketch), 1.0);
}

TEST(SignatureTest, BadInputHasADefinedSignature) {
  SignatureMaker maker{DedupOptions()};
  Signature sig;
  maker.Make("", "", &sig);
  EXPECT_TRUE(sig.empty());
  EXPECT_EQ(sig.words, 0u);
  EXPECT_EQ(sig.shingles, 0u);
  maker.Make("", " \n\t--- ", &sig);
  EXPECT_TRUE(sig.empty());
  maker.Make("", "Word", &sig);
  EXPECT_FALSE(sig.empty());
  EXPECT_EQ(sig.words, 1u);
  EXPECT_EQ(sig.shingles, 1u);
  EXPECT_EQ(sig.bins.size(), 128u);  // every bin borrowed the one value
  for (uint32_t v : sig.bins) EXPECT_EQ(v, sig.bins[0]);

  // 10 MB of one repeated word: capped at max_words, one shingle.
  std::string huge;
  while (huge.size() < (10u << 20)) huge += "buffalo ";
  const auto start = std::chrono::steady_clock::now();
  maker.Make("", huge, &sig);
  const double ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  EXPECT_EQ(sig.words, DedupOptions().max_words);
  EXPECT_EQ(sig.shingles, 1u);
  std::printf("10 MB of one word: %.1f ms\n", ms);
  // Same capped words, different tail: not the same content.
  Signature other;
  maker.Make("", huge + " and a different ending", &other);
  EXPECT_NE(other.content_hash, sig.content_hash);
}

// The estimate against the exact Jaccard of the shingle sets (the oracle),
// over pairs from disjoint to identical, long and short.
TEST(SignatureTest, EstimateTracksExactJaccard) {
  const DedupOptions options;
  SignatureMaker maker(options);
  std::mt19937 rng(11);
  double sum_error = 0, max_error = 0;
  int outliers = 0;
  const int kPairs = 3000;
  for (int i = 0; i < kPairs; ++i) {
    const size_t words = 15 + rng() % 600;
    const std::string base = RandomText(rng, words);
    // Replace a random share of the words: similarity anywhere in [0, 1].
    std::string copy;
    const double keep = (rng() % 1001) / 1000.0;
    size_t start = 0;
    while (start < base.size()) {
      size_t end = base.find(' ', start);
      if (end == std::string::npos) end = base.size();
      copy += (rng() % 1000) / 1000.0 < keep ? base.substr(start, end - start)
                                             : "x" + std::to_string(rng());
      copy += ' ';
      start = end + 1;
    }
    Signature a, b;
    maker.Make("", base, &a);
    const ShingleSet sa = maker.shingles();
    maker.Make("", copy, &b);
    const ShingleSet sb = maker.shingles();
    ASSERT_EQ(a.shingles, sa.size());  // counted without the sorted set
    ASSERT_EQ(b.shingles, sb.size());
    const OraclePair truth =
        MakePair(0, 1, sa.size(), sb.size(), IntersectionSize(sa, sb));
    const double error =
        std::abs(EstimateJaccard(a.sketch, b.sketch) - truth.jaccard);
    sum_error += error;
    max_error = std::max(max_error, error);
    // 3.5 standard deviations of a 128-bin estimate at J = 0.5, with the
    // 8-bit sketch's extra noise.
    outliers += error > 0.16;
  }
  const double mean_error = sum_error / kPairs;
  std::printf(
      "Jaccard estimate: mean |error| %.4f, max %.3f, > 0.16: %d of %d\n",
      mean_error, max_error, outliers, kPairs);
  EXPECT_LT(mean_error, 0.035);
  EXPECT_LE(outliers, kPairs / 200);
}

TEST(SignatureTest, ContainmentAndHeadlineFormulas) {
  // |A| = 100 inside |B| = 200: J = 0.5, |A n B| = 100, containment 1.
  EXPECT_DOUBLE_EQ(IntersectionFromJaccard(0.5, 100, 200), 100);
  EXPECT_DOUBLE_EQ(ContainmentFromJaccard(0.5, 100, 200), 1.0);
  EXPECT_DOUBLE_EQ(ContainmentFromJaccard(0.5, 200, 100), 1.0);
  EXPECT_DOUBLE_EQ(ContainmentFromJaccard(0, 100, 200), 0);
  EXPECT_DOUBLE_EQ(ContainmentFromJaccard(0.9, 0, 10), 0);
  EXPECT_DOUBLE_EQ(ContainmentFromJaccard(1.0, 10, 30), 1.0);  // clamped
  EXPECT_DOUBLE_EQ(HeadlineSimilarity(0, 0), 1);
  EXPECT_DOUBLE_EQ(HeadlineSimilarity(0b1111, 0b0011), 0.5);
  EXPECT_DOUBLE_EQ(HeadlineSimilarity(0b1100, 0b0011), 0);
}

TEST(SignatureTest, HeadlineProperDropsTheSiteName) {
  struct Case {
    const char* title;
    const char* headline;
  };
  const Case kCases[] = {
      {"Man arrested after shooting - WMC Action News 5 - Memphis, Tennessee",
       "Man arrested after shooting"},
      {"Four shot outside bar | KFVS", "Four shot outside bar"},
      {"Bridge closes again \xE2\x80\x93 Valley Herald", "Bridge closes again"},
      {"Quake \xE2\x80\x94 live updates", "Quake \xE2\x80\x94 live updates"},
      {"Colts beat Chiefs 20 - 13", "Colts beat Chiefs 20"},
      {"Jean-Luc wins", "Jean-Luc wins"},
      {"A - B - C", "A - B - C"},  // fewer than three words before
      {"", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(HeadlineProper(c.title), c.headline) << c.title;
  }
  SignatureMaker maker{DedupOptions()};
  Signature a, b;
  maker.Make("Man arrested after shooting - WMC Action News 5", "text", &a);
  maker.Make("Man arrested after shooting - WALB.com, South Georgia", "text",
             &b);
  EXPECT_EQ(a.headline_bits, b.headline_bits);
  EXPECT_NE(a.content_hash, b.content_hash);  // the words still differ
}

TEST(SignatureTest, EstimateCorrectsSketchCollisions) {
  std::vector<uint8_t> a(128), b(128);
  for (size_t i = 0; i < 128; ++i) {
    a[i] = static_cast<uint8_t>(i);
    b[i] = static_cast<uint8_t>(i + 1);
  }
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 0);  // clamped, not negative
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, a), 1);
  b = a;
  for (size_t i = 0; i < 64; ++i) b[i] ^= 1;
  EXPECT_NEAR(EstimateJaccard(a, b), (0.5 - 1.0 / 256) / (1 - 1.0 / 256),
              1e-12);
}

}  // namespace
}  // namespace newsloom
