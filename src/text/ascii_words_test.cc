// AsciiWords against its slow oracle, ICU's word break iterator, and the
// Analyzer's ASCII fast path against its ICU path (STYLE.md §5).
#include "text/ascii_words.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "base/build.h"
#include "text/analyzer.h"
#include "text/normalize.h"

namespace newsloom {
namespace {

// Word segments as "text/status" pieces, space-separated: NextAsciiWord's,
// or NextSimpleWord's when `simple`.
std::string FastWords(std::string_view text, bool simple = false) {
  std::string s;
  AsciiWord w;
  for (size_t pos = 0; simple ? NextSimpleWord(text, &pos, &w)
                              : NextAsciiWord(text, &pos, &w);) {
    if (!s.empty()) s += ' ';
    s += std::string(text.substr(w.begin, w.end - w.begin)) + "/" +
         std::to_string(w.status);
  }
  return s;
}

// The oracle: ICU's root word iterator, segments with status >= 100.
class IcuWords {
 public:
  IcuWords() {
    UErrorCode status = U_ZERO_ERROR;
    it_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(),
                                                     status));
    EXPECT_TRUE(U_SUCCESS(status));
  }
  ~IcuWords() { utext_close(utext_); }

  std::string operator()(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    utext_ = utext_openUTF8(utext_, text.data(),
                            static_cast<int64_t>(text.size()), &status);
    it_->setText(utext_, status);
    std::string s;
    int32_t prev = it_->first();
    for (int32_t pos = it_->next(); pos != icu::BreakIterator::DONE;
         prev = pos, pos = it_->next()) {
      if (it_->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      if (!s.empty()) s += ' ';
      s += std::string(text.substr(prev, pos - prev)) + "/" +
           std::to_string(it_->getRuleStatus());
    }
    return s;
  }

 private:
  std::unique_ptr<icu::BreakIterator> it_;
  UText* utext_ = nullptr;
};

std::string Escaped(std::string_view s) {
  std::string e;
  for (char c : s) {
    if (c >= 0x20 && c < 0x7F) {
      e += c;
    } else {
      char buf[8];
      snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(c));
      e += buf;
    }
  }
  return e;
}

// ICU 72 behaviour, checked against the oracle below as well.
TEST(AsciiWordsTest, Golden) {
  const struct {
    const char* text;
    const char* words;
  } kCases[] = {
      {"", ""},
      {"U.S.", "U.S/200"},
      {"3.14", "3.14/100"},
      {"1,000", "1,000/100"},
      {"1,000.50;7", "1,000.50;7/100"},
      {"e-mail", "e/200 mail/200"},
      {"don't", "don't/200"},
      {"'tis rock'n'roll'", "tis/200 rock'n'roll/200"},
      {"a:b", "a/200 b/200"},  // ICU drops ':' from MidLetter
      {"1:2", "1/100 2/100"},
      {"a;b 1;2", "a/200 b/200 1;2/100"},
      {"1'2", "1'2/100"},
      {"foo_bar", "foo_bar/200"},
      {"x.y.z", "x.y.z/200"},
      {"a..b", "a/200 b/200"},
      {"a.1 1.a", "a/200 1/100 1/100 a/200"},
      {"a1 1a a1.2 1.2a", "a1/100 1a/200 a1.2/100 1.2a/200"},
      {"_ __ _a a_ 1_ _1", "__/200 _a/200 a_/200 1_/100 _1/100"},
      {"_._", ""},
      {"a_.b", "a_/200 b/200"},
      {"covid19 COVID-19", "covid19/100 COVID/200 19/100"},
      {"a\tb\r\nc\vd\fe\x01" "f\x7Fg", "a/200 b/200 c/200 d/200 e/200 f/200 g/200"},
      {"  x  ", "x/200"},
      {"$5.00 50% #tag @user j@x.com @ a@1", 
       "5.00/100 50/100 tag/200 @user/200 j@x.com/200 @/200 a@1/100"},
      {"http://x.com/a?b=1", "http/200 x.com/200 a/200 b/200 1/100"},
  };
  IcuWords icu;
  for (const auto& c : kCases) {
    EXPECT_EQ(FastWords(c.text), c.words) << Escaped(c.text);
    EXPECT_EQ(icu(c.text), c.words) << Escaped(c.text);
  }
}

TEST(AsciiWordsTest, MatchesIcuOnEveryShortString) {
  constexpr std::string_view kAlphabet = "aZ1.,;:'_ -\n\r\t";
  IcuWords icu;
  std::vector<std::string> level = {""};
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::string> next;
    for (const std::string& s : level) {
      for (char c : kAlphabet) next.push_back(s + c);
    }
    for (const std::string& s : next) {
      ASSERT_EQ(FastWords(s), icu(s)) << Escaped(s);
    }
    level = std::move(next);
  }
}

TEST(AsciiWordsTest, MatchesIcuOnRandomStrings) {
  IcuWords icu;
  std::mt19937 rng(29);
  // Word-ish characters are frequent so that long joins occur.
  constexpr std::string_view kFrequent = "abcXY0129._,;':- ";
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) {
      c = rng() % 4 == 0 ? static_cast<char>(rng() % 128)
                         : kFrequent[rng() % kFrequent.size()];
    }
    ASSERT_EQ(FastWords(s), icu(s)) << Escaped(s);
  }
}

// The punctuation NextSimpleWord takes, as UTF-8, and the Word_Break value
// its classes assume for each.
constexpr struct {
  UChar32 c;
  const char* utf8;
  int32_t word_break;
} kTypographic[] = {
    {0x2018, "\xE2\x80\x98", U_WB_MIDNUMLET}, {0x2019, "\xE2\x80\x99", U_WB_MIDNUMLET},
    {0x201C, "\xE2\x80\x9C", U_WB_OTHER},     {0x201D, "\xE2\x80\x9D", U_WB_OTHER},
    {0x2013, "\xE2\x80\x93", U_WB_OTHER},     {0x2014, "\xE2\x80\x94", U_WB_OTHER},
    {0x2026, "\xE2\x80\xA6", U_WB_OTHER}};

std::string Utf8Of(UChar32 c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

TEST(SimpleWordsTest, ClassesAreIcusWordBreakValues) {
  for (const auto& t : kTypographic) {
    EXPECT_EQ(u_getIntPropertyValue(t.c, UCHAR_WORD_BREAK), t.word_break)
        << std::hex << t.c;
    EXPECT_EQ(SimpleCharAt(t.utf8, 0), 3u) << std::hex << t.c;
    EXPECT_EQ(SimpleCharAt(std::string("a") + t.utf8, 1), 3u);
  }
  // Every two-byte character is taken exactly when its Word_Break value is
  // one the ASCII rules know and it is no pictograph; the letters of
  // Latin-1, Greek, Cyrillic and Arabic are.
  int taken = 0;
  for (UChar32 c = 0x80; c < 0x800; ++c) {
    const int32_t wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
    const bool known = wb == U_WB_ALETTER || wb == U_WB_NUMERIC ||
                       wb == U_WB_MIDNUMLET || wb == U_WB_MIDNUM ||
                       wb == U_WB_MIDLETTER || wb == U_WB_OTHER;
    const bool pictograph = u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
    EXPECT_EQ(SimpleCharAt(Utf8Of(c), 0), known && !pictograph ? 2u : 0u)
        << std::hex << c;
    taken += SimpleCharAt(Utf8Of(c), 0) != 0;
  }
  EXPECT_GT(taken, 1500);
  for (UChar32 c : {0xE9, 0x3BB, 0x436, 0x628, 0x661}) {  // é λ ж ب ١
    EXPECT_EQ(SimpleCharAt(Utf8Of(c), 0), 2u) << std::hex << c;
  }
  // Marks, format characters, Hebrew letters, pictographs, three-byte
  // neighbours and cut sequences are not taken.
  for (const char* other :
       {"\xCC\x81", "\xC2\xAD", "\xD7\x90", "\xC2\xA9", "\xC2\x85",
        "\xE2\x80\x9A", "\xE2\x80\x95", "\xE2\x80\xA2", "\xE2\x81\x99",
        "\xC3", "\xC3" "a", "\xE2\x80", "a"}) {
    EXPECT_EQ(SimpleCharAt(other, 0), 0u) << Escaped(other);
  }
}

TEST(SimpleWordsTest, GoldenAndMatchesIcuOnRandomStrings) {
  IcuWords icu;
  EXPECT_EQ(FastWords("don\xE2\x80\x99t \xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x94 "
                      "3\xE2\x80\x99" "000 a\xE2\x80\x99\xE2\x80\x99" "b",
                      true),
            "don\xE2\x80\x99t/200 Yes/200 3\xE2\x80\x99" "000/100 a/200 b/200");
  // (A hex escape takes every hex digit after it: "\xB3" "d", not "\xB3d".)
  EXPECT_EQ(FastWords("Caf\xC3\xA9 \xC3\x85rhus 2\xC3\x97" "3 \xC5\x81\xC3\xB3" "d\xC5\xBA", true),
            "Caf\xC3\xA9/200 \xC3\x85rhus/200 2/100 3/100 \xC5\x81\xC3\xB3" "d\xC5\xBA/200");
  // Every taken two-byte character, with ASCII letters, digits and mids
  // around it so that the joining rules are exercised.
  std::vector<std::string> taken;
  for (UChar32 c = 0x80; c < 0x800; ++c) {
    if (SimpleCharAt(Utf8Of(c), 0) != 0) taken.push_back(Utf8Of(c));
  }
  std::vector<std::string> alphabet = {"a", "Z", "1", ".", ",", "'", "_",
                                       " ", "-", ":", "@"};
  for (const auto& t : kTypographic) alphabet.push_back(t.utf8);
  // Characters whose classes matter most: MidLetter (U+00B7, U+0387),
  // Arabic digits and their separators (U+066B, U+066C), a Greek letter,
  // a Cyrillic one, an Arabic one, NBSP (Other).
  for (UChar32 c : {0xB7, 0x387, 0x661, 0x66B, 0x66C, 0x3BB, 0x436, 0x628, 0xA0}) {
    alphabet.push_back(Utf8Of(c));
  }
  std::mt19937 rng(31);
  for (int i = 0; i < 60000; ++i) {
    std::string s;
    const int length = static_cast<int>(rng() % 16);
    for (int k = 0; k < length; ++k) {
      s += rng() % 4 == 0 ? taken[rng() % taken.size()]
                          : alphabet[rng() % alphabet.size()];
    }
    ASSERT_EQ(FastWords(s, true), icu(s)) << Escaped(s);
  }
}

// --- The Analyzer's fast path against its ICU path. -----------------------

std::string Describe(std::string_view text, const AnalyzedText& a) {
  std::string s;
  for (const Token& t : a.tokens) {
    s += std::to_string(t.begin) + "-" + std::to_string(t.end) + ":" +
         std::string(text.substr(t.begin, t.end - t.begin)) + "|" + t.norm +
         "|" + t.term + "|" + std::to_string(t.sentence) +
         (t.is_stop ? "s" : "") + (t.is_number ? "n" : "") +
         (t.is_capitalized ? "c" : "") + (t.sentence_initial ? "i" : "") +
         "\n";
  }
  s += "sentences:";
  for (const Sentence& sen : a.sentences) {
    s += " " + std::to_string(sen.begin) + "-" + std::to_string(sen.end);
  }
  return s;
}

class FastAndSlow {
 public:
  FastAndSlow() : slow_(AnalyzerOptions{.ascii_fast_path = false}) {}

  // Analyses `text` both ways; fails the test when they differ.
  void Check(std::string_view text, std::string_view lang) {
    fast_.Analyze(text, lang, &fast_out_);
    slow_.Analyze(text, lang, &slow_out_);
    const std::string fast = Describe(text, fast_out_);
    const std::string slow = Describe(text, slow_out_);
    if (fast == slow) return;
    size_t i = 0;  // report the first differing token only
    while (i < fast.size() && i < slow.size() && fast[i] == slow[i]) ++i;
    const size_t from = fast.rfind('\n', i) == std::string::npos
                            ? 0 : fast.rfind('\n', i) + 1;
    FAIL() << lang << " " << Escaped(text.substr(0, 200)) << "\n fast: "
           << fast.substr(from, fast.find('\n', i) - from)
           << "\n  icu: " << slow.substr(from, slow.find('\n', i) - from);
  }

 private:
  Analyzer fast_, slow_;
  AnalyzedText fast_out_, slow_out_;
};

TEST(AsciiFastPathTest, MatchesIcuPathOnTables) {
  const char* kTexts[] = {
      "The U.S. economy grew 3.5% in Q1, don't panic. Mr. Smith's e-mail: "
      "j_doe@x.com.\n\nNew line a:b 1,000,000 x.y.z __init__ _ 'quoted'",
      "L'homme qu'il aime d'abord l' l'_x 1'2",  // elision (fr)
      "A\tB\r\nC\x01" "D\x7F" "E  .  ;;  Running runs RUNS",
      "", "   ", "_", "...", "a"};
  FastAndSlow both;
  for (const char* text : kTexts) {
    for (const char* lang : {"en", "fr", "und"}) both.Check(text, lang);
  }
}

TEST(AsciiFastPathTest, MatchesIcuPathOnShortAndRandomStrings) {
  FastAndSlow both;
  constexpr std::string_view kAlphabet = "a1.,:'_ -\n";
  std::vector<std::string> level = {""};
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::string> next;
    for (const std::string& s : level) {
      for (char c : kAlphabet) next.push_back(s + c);
    }
    for (const std::string& s : next) both.Check(s, "en");
    level = std::move(next);
  }
  std::mt19937 rng(72);
  constexpr std::string_view kFrequent = "abcLXY0129._,;':-?! \n";
  for (int i = 0; i < 3000; ++i) {
    std::string s(rng() % 80, ' ');
    for (char& c : s) {
      c = rng() % 8 == 0 ? static_cast<char>(rng() % 128)
                         : kFrequent[rng() % kFrequent.size()];
    }
    both.Check(s, i % 2 == 0 ? "en" : "fr");
  }
}

// Mixed ASCII and non-ASCII pieces: the split into pieces at white space
// must not change a token (curly quotes, accents, combining marks after a
// space, CJK and Thai runs, invalid bytes).
TEST(AsciiFastPathTest, MatchesIcuPathOnMixedRandomStrings) {
  const std::vector<std::string> pieces = {
      "a", "Bc", " ", " ", "\n", "\r\n", "\t", ".", ",", "'", "3", "_",
      "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
      "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6", "\xC3\xA9", "\xCC\x81",
      "\xC3\x97", "\xC3\x85", "\xC5\x82", "\xC4\xB1", "\xC2\xB7",
      "\xD0\xB6", "\xCE\xBB", "\xD8\xA8", "\xD9\xA1", "\xD9\xAB",
      "\xD7\x90", "\xC2\xAD", "\xC2\xA9",
      "\xC2\xA0", "\xE4\xB8\xAD\xE6\x96\x87", "\xE0\xB8\x81\xE0\xB8\xB2",
      "\xD0\x94\xD0\xB0", "\xF0\x9F\x98\x80", "\xE2\x80\x8D", "\xFF",
      "l'", "don\xE2\x80\x99t"};
  FastAndSlow both;
  std::mt19937 rng(7);
  for (int i = 0; i < 4000; ++i) {
    std::string s;
    const int length = 1 + static_cast<int>(rng() % 30);
    for (int k = 0; k < length; ++k) s += pieces[rng() % pieces.size()];
    both.Check(s, i % 3 == 0 ? "en" : i % 3 == 1 ? "fr" : "th");
    if (testing::Test::HasFatalFailure()) return;
  }
}

// Titles and texts of the dev corpora, ASCII or not: mixed texts go
// through both fast paths (ASCII pieces, hand-written sentence rules).
TEST(AsciiFastPathTest, MatchesIcuPathOnDevCorpora) {
  const std::filesystem::path dir =
      std::filesystem::path(NEWSLOOM_SHARED_DIR) / "data" / "clustering";
  FastAndSlow both;
  int checked = 0, ascii = 0;
  for (const char* name : {"gva-dev.jsonl", "itn-dev.jsonl"}) {
    std::ifstream in(dir / name);
    if (!in) continue;
    std::string line;
    for (int n = 0; std::getline(in, line); ++n) {
      if (n % SweepStride() != 0) continue;
      const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      const std::string lang =
          j.contains("lang") && j["lang"].is_string() ? j["lang"].get<std::string>()
                                                      : "und";
      for (const char* key : {"title", "text"}) {
        if (!j.contains(key) || !j[key].is_string()) continue;
        const std::string field = j[key].get<std::string>();
        both.Check(field, lang);
        if (testing::Test::HasFatalFailure()) return;
        ++checked;
        ascii += IsAscii(field);
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << "no dev corpora under " << dir;
  EXPECT_GT(checked - ascii, 100);
  std::cout << "compared " << checked << " titles and texts (" << ascii
            << " ASCII)\n";
}

}  // namespace
}  // namespace newsloom
