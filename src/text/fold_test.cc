#include "text/fold.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

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

TEST(FoldTest, HostileInputs) {
  EXPECT_EQ(LatinKey("a\xFF" "b"), "ab");
  const std::string big(1'000'000, 'A');
  EXPECT_EQ(LatinKey(big).size(), big.size());
  EXPECT_EQ(LatinKey(std::string(100'000, '\xC3')), "");
}

}  // namespace
}  // namespace newsloom
