#include "text/normalize.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace newsloom {
namespace {

constexpr char kShy[] = "\u00AD";  // soft hyphen

struct Row {
  std::string in;
  std::string out;
};

TEST(TextNormalizeTest, Golden) {
  const Row rows[] = {
      {"Macron", "macron"},
      {"ÆBLE", "æble"},
      {"Straße", "strasse"},
      {"ΣΟΦΌΣ", "σοφόσ"},
      {"σοφός", "σοφόσ"},
      {"Ｍａｃｒｏｎ", "macron"},   // full-width
      {"ﬁnal", "final"},             // ligature
      {"café", "café"},              // composed
      {"cafe\u0301", "café"},        // decomposed
      {"²", "2"},
      {"İstanbul", "i\u0307stanbul"},  // no Turkish special case
      {"Путин", "путин"},
      {std::string("Minister") + kShy + "ium", "ministerium"},
      {"it’s", "it's"},
      {"itʼs", "it's"},
      {"", ""},
      {kShy, ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(NormalizeWord(row.in), row.out) << row.in;
    std::string slow;
    NormalizeWordSlow(row.in, &slow);
    EXPECT_EQ(slow, row.out) << row.in;
  }
}

// The ASCII fast path against ICU: every ASCII byte, then random strings.
TEST(TextNormalizeTest, AsciiFastPathMatchesIcu) {
  std::string fast, slow;
  for (int c = 0; c < 128; ++c) {
    const std::string s(1, static_cast<char>(c));
    NormalizeWord(s, &fast);
    NormalizeWordSlow(s, &slow);
    EXPECT_EQ(fast, slow) << "byte " << c;
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 5000; ++round) {
    std::string s(rng() % 24, ' ');
    for (char& c : s) c = static_cast<char>(rng() % 128);
    NormalizeWord(s, &fast);
    NormalizeWordSlow(s, &slow);
    ASSERT_EQ(fast, slow) << s;
  }
}

TEST(TextNormalizeTest, IllFormedInputDoesNotCrash) {
  std::string out;
  NormalizeWord("a\xFF" "b\xC3", &out);
  EXPECT_EQ(out.substr(0, 1), "a");
}

TEST(TextNormalizeTest, IsAscii) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("plain ASCII text, longer than eight bytes"));
  EXPECT_FALSE(IsAscii("plain ASCII text, then æ"));
  EXPECT_FALSE(IsAscii("\x80"));
}

TEST(TextNormalizeTest, Utf8PrefixLength) {
  const std::string s = "aæb";  // a C3 A6 b
  EXPECT_EQ(Utf8PrefixLength(s, 0), 0u);
  EXPECT_EQ(Utf8PrefixLength(s, 1), 1u);
  EXPECT_EQ(Utf8PrefixLength(s, 2), 1u);  // would split æ
  EXPECT_EQ(Utf8PrefixLength(s, 3), 3u);
  EXPECT_EQ(Utf8PrefixLength(s, 99), 4u);
}

}  // namespace
}  // namespace newsloom
