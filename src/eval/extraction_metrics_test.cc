#include "eval/extraction_metrics.h"

#include <gtest/gtest.h>

#include <string>

namespace newsloom {
namespace {

std::string Join(const std::vector<std::string_view>& tokens) {
  std::string out;
  for (std::string_view t : tokens) {
    if (!out.empty()) out += '|';
    out += t;
  }
  return out;
}

// Tokens as Python's re.findall(r'\w+', text) gives them.
TEST(WordTokensTest, GoldenTable) {
  struct Case {
    const char* text;
    const char* tokens;
  };
  const Case kCases[] = {
      {"", ""},
      {"Hello, world!", "Hello|world"},
      {"don't stop_now 3.5%", "don|t|stop_now|3|5"},
      {"Straße über Ærø", "Straße|über|Ærø"},
      {"Навальный — 2024", "Навальный|2024"},
      {"東京都 に", "東京都|に"},
      // Superscript two and vulgar fractions have numeric values.
      {"x² ½", "x²|½"},
      // Hindi vowel signs (Mc/Mn) are not word characters in Python.
      {"हिंदी", "ह|द"},
      {"a\xC2\xA0" "b", "a|b"},  // NBSP separates
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Join(WordTokens(c.text)), c.tokens) << c.text;
  }
}

TEST(MatchShinglesTest, IdenticalTextsArePerfect) {
  const ShingleMatch m = MatchShingles("one two three four five",
                                       "one two three four five");
  EXPECT_DOUBLE_EQ(m.tp, 1.0);
  EXPECT_DOUBLE_EQ(m.fp, 0.0);
  EXPECT_DOUBLE_EQ(m.fn, 0.0);
}

TEST(MatchShinglesTest, HandComputed) {
  // Truth shingles: [a b c d] [b c d e]; extracted: [a b c d] [b c d x]
  // [c d x y]. TP 1, FP 2, FN 1 -> normalised by 4.
  const ShingleMatch m = MatchShingles("a b c d e", "a b c d x y");
  EXPECT_DOUBLE_EQ(m.tp, 0.25);
  EXPECT_DOUBLE_EQ(m.fp, 0.5);
  EXPECT_DOUBLE_EQ(m.fn, 0.25);
}

TEST(MatchShinglesTest, CountsAreMultisets) {
  // "a b c d a b c d": shingles abcd x2, bcda, cdab, dabc.
  const ShingleMatch m = MatchShingles("a b c d", "a b c d a b c d");
  // TP 1 (abcd once), FP 4.
  EXPECT_DOUBLE_EQ(m.tp, 1.0 / 5);
  EXPECT_DOUBLE_EQ(m.fp, 4.0 / 5);
}

TEST(MatchShinglesTest, ShortTextsAreOneShingle) {
  EXPECT_DOUBLE_EQ(MatchShingles("a b", "a b").tp, 1.0);
  EXPECT_DOUBLE_EQ(MatchShingles("a b", "a b c").fp, 0.5);
  const ShingleMatch empty = MatchShingles("", "");
  EXPECT_EQ(empty.tp + empty.fp + empty.fn, 0.0);
}

TEST(ScoreExtractionTest, AveragesAsTheBenchmark) {
  // Page 1: P 1, R 0.5. Page 2: nothing extracted (recall only, 0).
  // Page 3: both empty (counts for neither).
  const ShingleMatch p1{0.5, 0.0, 0.5};
  const ShingleMatch p2{0.0, 0.0, 1.0};
  const ShingleMatch p3{0.0, 0.0, 0.0};
  const ExtractionScore s = ScoreExtraction({p1, p2, p3});
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.25);
  EXPECT_DOUBLE_EQ(s.f1, 2 * 1.0 * 0.25 / 1.25);
  EXPECT_EQ(s.pages, 3u);
}

}  // namespace
}  // namespace newsloom
