#include "text/fold.h"

#include <gtest/gtest.h>

#include <unicode/utf8.h>

#include <random>
#include <string>
#include <vector>

namespace newsloom {
namespace {

struct Row {
  const char* in;
  const char* key;
};

TEST(FoldTest, GoldenLatinKeys) {
  const Row rows[] = {
      {"Навальный", "navalnyj"},   {"Зеленський", "zelenskij"},
      {"Zelenskyy", "zelenskyy"},  {"Kyiv", "kyiv"},
      {"Київ", "kiiv"},            {"Ελλάδα", "ellada"},
      {"Μητσοτάκης", "metsotakes"}, {"Macron", "macron"},
      {"København", "kobenhavn"},  {"Æble", "aeble"},
      {"Ærø", "aero"},             {"Straße", "strasse"},
      {"Mitsotákis", "mitsotakis"}, {"O'Brien", "obrien"},
      {"Jean-Luc", "jeanluc"},     {"Ｍａｃｒｏｎ", "macron"},
      {"ﬁnal", "final"},           {"俄罗斯", "eluosi"},
      {"東京", "dongjing"},         {"とうきょう", "toukyou"},
      {"موسكو", "mwskw"},          {"G7", "g7"},
      {"", ""},                    {"!?–", ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(LatinKey(row.in), row.key) << row.in;
  }
}

// The ASCII fast path against the ICU path.
TEST(FoldTest, AsciiFastPathMatchesIcu) {
  std::mt19937 rng(11);
  for (int c = 0; c < 128; ++c) {
    const std::string s(1, static_cast<char>(c));
    EXPECT_EQ(LatinKey(s), LatinKeySlow(s)) << "byte " << c;
  }
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 20, ' ');
    for (char& c : s) c = static_cast<char>(32 + rng() % 95);
    ASSERT_EQ(LatinKey(s), LatinKeySlow(s)) << s;
  }
}

// The Latin fast path against the ICU path: every code point it accepts,
// alone and between letters, and random words of them.
TEST(FoldTest, LatinFastPathMatchesIcu) {
  std::vector<std::string> accepted;
  for (UChar32 c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    const std::string s(buf, len);
    std::string fast;
    if (!LatinKeyFast(s, &fast)) continue;
    accepted.push_back(s);
    ASSERT_EQ(fast, LatinKeySlow(s)) << "U+" << std::hex << c;
    const std::string word = "Ab" + s + "cD";
    fast.clear();
    ASSERT_TRUE(LatinKeyFast(word, &fast));
    ASSERT_EQ(fast, LatinKeySlow(word)) << "U+" << std::hex << c;
  }
  // Latin letters with diacritics and typographic punctuation, not more.
  EXPECT_GT(accepted.size(), 500u);
  EXPECT_LT(accepted.size(), 5000u);
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (size_t n = rng() % 8; n > 0; --n) {
      s += rng() % 2 ? accepted[rng() % accepted.size()]
                     : std::string(1, static_cast<char>('a' + rng() % 26));
    }
    std::string fast;
    ASSERT_TRUE(LatinKeyFast(s, &fast)) << s;
    ASSERT_EQ(fast, LatinKeySlow(s)) << s;
  }
  for (const char* word : {"Åland", "Côte d’Ivoire", "Sheriff’s", "Zürich",
                           "São Tomé & Príncipe", "«Ça»"}) {
    std::string fast;
    EXPECT_TRUE(LatinKeyFast(word, &fast)) << word;
  }
  // Not taken: other scripts, letters without a decomposition, symbols.
  for (const char* word : {"Навальный", "København", "Straße", "½", "№", "Ｍ",
                           "東京", "a\xFF"}) {
    std::string fast;
    EXPECT_FALSE(LatinKeyFast(word, &fast)) << word;
  }
}

TEST(FoldTest, HostileInputs) {
  EXPECT_EQ(LatinKey("a\xFF" "b"), "ab");
  const std::string big(1'000'000, 'A');
  EXPECT_EQ(LatinKey(big).size(), big.size());
  EXPECT_EQ(LatinKey(std::string(100'000, '\xC3')), "");
}

}  // namespace
}  // namespace newsloom
