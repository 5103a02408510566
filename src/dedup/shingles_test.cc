#include "dedup/shingles.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <random>
#include <string>
#include <vector>

#include "text/normalize.h"

namespace newsloom {
namespace {

// Invisible and look-alike characters, named.
#define SHY "\xC2\xAD"           // U+00AD soft hyphen
#define ZWSP "\xE2\x80\x8B"      // U+200B zero width space
#define RSQUO "\xE2\x80\x99"     // U+2019 right single quotation mark
#define LDQUO "\xE2\x80\x9C"     // U+201C left double quotation mark
#define RDQUO "\xE2\x80\x9D"     // U+201D
#define EMDASH "\xE2\x80\x94"    // U+2014
#define ACUTE "\xCC\x81"         // U+0301 combining acute accent
#define FIRE "\xF0\x9F\x94\xA5"  // U+1F525 emoji

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : "|") + w;
  return out;
}

struct WordsCase {
  const char* text;
  const char* words;  // normalised words joined by '|'
};

TEST(WordHasherTest, GoldenWords) {
  // clang-format off
  const WordsCase kCases[] = {
      {"", ""},
      {"  ... -- !! ", ""},
      {"Police said", "police|said"},
      {"New Year" RSQUO "s Eve", "new|year|s|eve"},
      {"new year's eve", "new|year|s|eve"},
      {LDQUO "Quoted" RDQUO EMDASH "text", "quoted|text"},
      {"3.5 million, 1,200 people", "3|5|million|1|200|people"},
      {"covid19 U.S. e-mail snake_case", "covid19|u|s|e|mail|snake|case"},
      {"Stra\xC3\x9F" "e", "strasse"},                       // ß folds
      {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"},        // full width
      {"caf\xC3\xA9 cafe" ACUTE, "caf\xC3\xA9|caf\xC3\xA9"},  // NFC = NFD
      {"co" SHY "operate", "cooperate"},                      // soft hyphen
      {"one" ZWSP "two", "one|two"},                          // ZWSP splits
      {"fire" FIRE "alarm", "fire|alarm"},
      {"@user #tag", "user|tag"},
      {"ab\xFF" "cd", "ab|cd"},                               // bad byte
      // Cyrillic folds like Latin: "Навальный".
      {"\xD0\x9D\xD0\xB0\xD0\xB2\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD1\x8B\xD0\xB9",
       "\xD0\xBD\xD0\xB0\xD0\xB2\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD1\x8B\xD0\xB9"},
      // Han: one word per character ("東京Tower").
      {"\xE6\x9D\xB1\xE4\xBA\xAC" "Tower", "\xE6\x9D\xB1|\xE4\xBA\xAC|tower"},
      // Thai: a character with its combining vowel sign is one word.
      {"\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA",
       "\xE0\xB8\xAA|\xE0\xB8\xA7\xE0\xB8\xB1|\xE0\xB8\xAA"},
  };
  // clang-format on
  WordHasher hasher;
  for (const WordsCase& c : kCases) {
    EXPECT_EQ(Joined(hasher.Words(c.text)), c.words) << c.text;
  }
}

TEST(WordHasherTest, AppendHashesTheWordsAndStopsAtTheCap) {
  WordHasher hasher;
  std::vector<uint64_t> hashes;
  hasher.Append("One two, THREE", 100, &hashes);
  ASSERT_EQ(hashes.size(), 3u);
  EXPECT_EQ(hashes[0], HashWord("one"));
  EXPECT_EQ(hashes[2], HashWord("three"));
  hasher.Append("four five six", 5, &hashes);  // two more fit
  EXPECT_EQ(hashes.size(), 5u);
  EXPECT_EQ(hashes[4], HashWord("five"));
  hasher.Append("seven", 5, &hashes);
  EXPECT_EQ(hashes.size(), 5u);
}

// A scan that stops at the cap right after an unspaced character ("中", a
// word alone) leaves nothing behind for the next text: the "a" after it is
// not glued to the next text's first word.
TEST(WordHasherTest, StoppingAtTheCapLeavesNoWordBehind) {
  WordHasher hasher;
  std::vector<uint64_t> hashes;
  hasher.Append("\xE4\xB8\xAD" "a b", 1, &hashes);
  ASSERT_EQ(hashes.size(), 1u);
  EXPECT_EQ(hashes[0], HashWord("\xE4\xB8\xAD"));
  hashes.clear();
  hasher.Append("xyz", 10, &hashes);
  ASSERT_EQ(hashes.size(), 1u);
  EXPECT_EQ(hashes[0], HashWord("xyz"));
}

// The slow definition of WordHasher::Words: every code point (ASCII too)
// classified through ICU, every word normalised by ICU.
std::vector<std::string> SlowWords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  bool alone = false;
  auto flush = [&] {
    std::string norm;
    NormalizeWordSlow(word, &norm);
    if (!norm.empty()) out.push_back(norm);
    word.clear();
    alone = false;
  };
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const uint32_t mask = c < 0 ? 0 : U_MASK(u_charType(c));
    const bool mark = c != 0x200B && (mask & (U_GC_M_MASK | U_GC_CF_MASK));
    const bool letter = (mask & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
    const int lb = c < 0 ? 0 : u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
    const bool fullwidth =
        c >= 0 &&
        u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_FULLWIDTH;
    const bool unspaced =
        letter && !fullwidth &&
        (lb == U_LB_IDEOGRAPHIC || lb == U_LB_COMPLEX_CONTEXT ||
         lb == U_LB_CONDITIONAL_JAPANESE_STARTER);
    if (!mark && !letter) {
      flush();
      continue;
    }
    if (unspaced || (letter && alone)) flush();
    word.append(text.substr(begin, i - begin));
    alone |= unspaced;
  }
  flush();
  return out;
}

// The ASCII table and the per-word ICU calls against the all-ICU oracle,
// on random strings over an alphabet of every kind of character.
TEST(WordHasherTest, MatchesSlowWordsOnRandomText) {
  const std::vector<std::string> kAlphabet = {"a",
                                              "Z",
                                              "q",
                                              "7",
                                              " ",
                                              ".",
                                              "'",
                                              "_",
                                              "-",
                                              "\n",
                                              "@",
                                              "\xC3\xA9",
                                              "\xC3\x89",
                                              "\xC3\x9F",
                                              ACUTE,
                                              SHY,
                                              ZWSP,
                                              RSQUO,
                                              LDQUO,
                                              EMDASH,
                                              FIRE,
                                              "\xE6\x9D\xB1",
                                              "\xE3\x82\xBF",
                                              "\xE0\xB8\xAA",
                                              "\xE0\xB8\xB1",
                                              "\xEF\xBC\xA1",
                                              "\xEF\xBC\x91",
                                              "\xD0\x96",
                                              "\xFF",
                                              "\xCE\xA3"};
  std::mt19937 rng(7);
  WordHasher hasher;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int len = 1 + rng() % 12;
    for (int i = 0; i < len; ++i) text += kAlphabet[rng() % kAlphabet.size()];
    ASSERT_EQ(Joined(hasher.Words(text)), Joined(SlowWords(text))) << text;
  }
}

TEST(ShingleHashesTest, SetsOfConsecutiveWords) {
  const std::vector<uint64_t> words = {1, 2, 3, 1, 2, 3};
  std::vector<uint64_t> shingles;
  ShingleHashes(words, 3, &shingles);
  // 1 2 3 | 2 3 1 | 3 1 2 | 1 2 3 (again): three distinct.
  EXPECT_EQ(shingles.size(), 3u);
  EXPECT_TRUE(std::is_sorted(shingles.begin(), shingles.end()));
  ShingleHashes(std::span<const uint64_t>(words).first(2), 3, &shingles);
  EXPECT_EQ(shingles.size(), 1u);  // fewer words than a shingle: one
  ShingleHashes({}, 3, &shingles);
  EXPECT_TRUE(shingles.empty());
}

// The hash-table count against the sorted set's size.
TEST(CountDistinctTest, MatchesTheSortedSet) {
  std::mt19937_64 rng(5);
  std::vector<uint64_t> table;
  for (int round = 0; round < 500; ++round) {
    std::vector<uint64_t> hashes;
    const size_t n = rng() % 700;
    for (size_t i = 0; i < n; ++i) {
      // Repeats, small values (colliding low bits) and 0 now and then.
      const uint64_t pick = rng() % 4;
      hashes.push_back(pick == 0 ? rng() % 8
                       : pick == 1 && !hashes.empty()
                           ? hashes[rng() % hashes.size()]
                           : rng());
    }
    std::vector<uint64_t> set = hashes;
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    ASSERT_EQ(CountDistinct(hashes, &table), set.size()) << round;
  }
}

TEST(SequenceHashTest, OrderMatters) {
  const std::vector<uint64_t> a = {1, 2, 3}, b = {3, 2, 1};
  EXPECT_EQ(SequenceHash(a), SequenceHash(std::vector<uint64_t>{1, 2, 3}));
  EXPECT_NE(SequenceHash(a), SequenceHash(b));
}

}  // namespace
}  // namespace newsloom
