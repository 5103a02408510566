#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "text/normalize.h"

namespace newsloom {
namespace {

// Invisible characters, named so the tables stay readable.
constexpr char kShy[] = "\u00AD";   // soft hyphen
constexpr char kZwsp[] = "\u200B";  // zero-width space
constexpr char kNbsp[] = "\u00A0";  // no-break space

AnalyzedText AnalyzeText(std::string_view lang, std::string_view text) {
  Analyzer analyzer;
  AnalyzedText out;
  analyzer.Analyze(text, lang, &out);
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string s;
  for (const std::string& p : parts) s += (s.empty() ? "" : " ") + p;
  return s;
}

// Terms of the tokens that are not stop words, space-separated.
std::string Terms(const AnalyzedText& a) {
  std::vector<std::string> terms;
  for (const Token& t : a.tokens) {
    if (!t.is_stop) terms.push_back(t.term);
  }
  return Join(terms);
}

// Norms of all tokens, space-separated.
std::string Norms(const AnalyzedText& a) {
  std::vector<std::string> norms;
  for (const Token& t : a.tokens) norms.push_back(t.norm);
  return Join(norms);
}

// Sentences as "[text]" pieces.
std::string Sentences(std::string_view text, const AnalyzedText& a) {
  std::string s;
  for (const Sentence& sen : a.sentences) {
    s += "[" + std::string(text.substr(sen.begin, sen.end - sen.begin)) + "]";
  }
  return s;
}

// The invariants every analysis must satisfy (see analyzer.h).
void ExpectWellFormed(std::string_view text, const AnalyzedText& a) {
  uint32_t prev_end = 0;
  for (const Sentence& s : a.sentences) {
    ASSERT_LE(prev_end, s.begin);
    ASSERT_LT(s.begin, s.end);
    ASSERT_LE(s.end, text.size());
    prev_end = s.end;
  }
  prev_end = 0;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const Token& t = a.tokens[i];
    ASSERT_LE(prev_end, t.begin) << "token " << i;
    ASSERT_LT(t.begin, t.end) << "token " << i;
    ASSERT_LT(t.sentence, a.sentences.size()) << "token " << i;
    const Sentence& s = a.sentences[t.sentence];
    EXPECT_TRUE(s.begin <= t.begin && t.end <= s.end) << "token " << i;
    EXPECT_EQ(t.sentence_initial, i == 0 || a.tokens[i - 1].sentence != t.sentence);
    EXPECT_EQ(t.norm, NormalizeWord(text.substr(t.begin, t.end - t.begin)));
    prev_end = t.end;
  }
}

struct TermsRow {
  const char* lang;
  std::string text;
  const char* terms;  // non-stop terms
};

TEST(AnalyzerTest, GoldenTerms) {
  const TermsRow rows[] = {
      {"en", "The Ministers' meetings ended.", "minist meet end"},
      {"en", "Macron's allies don’t agree.", "macron alli agre"},
      {"en", "U.S. sales rose 3.5% to $1,200 in 2024.",
       "u.s sale rose 3.5 1,200 2024"},
      {"da", "Ministrene mødtes i går på Christiansborg, og de blev enige om æblerne.",
       "ministr mødt går christiansborg enig æbl"},
      {"de", "Die Bundesminister trafen sich in der Straße vor dem Gebäude.",
       "bundesminist traf strass gebaud"},
      {"de", "STRASSE Straße straße", "strass strass strass"},
      {"fr", "L'homme qu’il a rencontré hier à l'Élysée.",
       "homm a rencontr hi élys"},
      {"it", "L'Unione europea e dell'Italia hanno deciso.",
       "union europe ital decis"},
      {"es", "Los ministros españoles se reunieron ayer en Madrid.",
       "ministr español reun ayer madr"},
      {"ru", "Президент России Владимир Путин заявил, что переговоры продолжатся.",
       "президент росс владимир путин заяв переговор продолжат"},
      {"el", "Ο πρωθυπουργός της Ελλάδας συναντήθηκε με τους υπουργούς.",
       "ο πρωθυπουργ τ ελλαδ συναντ με τ υπουργ"},
      {"ar", "قال الرئيس الفرنسي إن روسيا يجب ألا تنتصر",
       "قال رييس فرنس ان روسي يجب الا تنتصر"},
      {"zh", "法国总统马克龙表示，俄罗斯不能获胜。",
       "法国 总统 马克 龙 表示 俄罗斯 不能 获胜"},
      {"ja", "東京で会議が開かれた。", "東京 で 会議 が 開 か れ た"},
      {"th", "ประธานาธิบดีฝรั่งเศสกล่าวว่ารัสเซียต้องไม่ชนะ",
       "ประธานาธิบดี ฝรั่งเศส กล่าว ว่า รัสเซีย ต้อง ไม่ ชนะ"},
      {"und", "The Ministers met.", "the ministers met"},
      {"xx", "Ministrene mødtes.", "ministrene mødtes"},
      {"nb", "Regjeringen møttes i går.", "regjering møtt går"},
  };
  for (const TermsRow& row : rows) {
    const AnalyzedText a = AnalyzeText(row.lang, row.text);
    EXPECT_EQ(Terms(a), row.terms) << row.lang << ": " << row.text;
    ExpectWellFormed(row.text, a);
  }
}

struct NormsRow {
  std::string text;
  std::string norms;
};

TEST(AnalyzerTest, GoldenNorms) {
  const NormsRow rows[] = {
      // NFKC: full-width letters, ligature, composed vs decomposed é.
      {"Ｍａｃｒｏｎ ﬁnal café cafe\u0301", "macron final café café"},
      // Full case folding: ß -> ss, final sigma.
      {"Straße ΣΟΦΌΣ σοφός", "strasse σοφόσ σοφόσ"},
      // SHY stays inside the word and vanishes from the norm; ZWSP and NBSP
      // separate words.
      {std::string("Minister") + kShy + "ium", "ministerium"},
      {std::string("foo") + kZwsp + "bar", "foo bar"},
      {std::string("10") + kNbsp + "000 kr", "10 000 kr"},
      // Apostrophes unify; elision is only split for fr/it/ca.
      {"it’s l’homme", "it's l'homme"},
      // Mixed scripts in one text.
      {"Путин met 习近平 in Москва", "путин met 习 近平 in москва"},
      {"", ""},
      {"... !!! --- “” ", ""},
  };
  for (const NormsRow& row : rows) {
    const AnalyzedText a = AnalyzeText("en", row.text);
    EXPECT_EQ(Norms(a), row.norms) << row.text;
    ExpectWellFormed(row.text, a);
  }
}

struct SentencesRow {
  const char* lang;
  std::string text;
  std::string sentences;
};

TEST(AnalyzerTest, GoldenSentences) {
  const SentencesRow rows[] = {
      {"en", "Mr. Macron said. Russia must lose.",
       "[Mr. Macron said.][Russia must lose.]"},
      // A headline line without a period ends at the line break.
      {"en", "Macron says Russia must lose\nPARIS (Reuters) - He spoke.",
       "[Macron says Russia must lose][PARIS (Reuters) - He spoke.]"},
      {"da", "Overskrift uden punktum\n\nDet siger Macron. Han tilføjer noget.\n",
       "[Overskrift uden punktum][Det siger Macron.][Han tilføjer noget.]"},
      {"en", "  \n Leading and trailing space.  \n\n ",
       "[Leading and trailing space.]"},
      {"en", "He said: “We will win.” Then he left.",
       "[He said: “We will win.”][Then he left.]"},
      {"en", "Prices rose 3.5 percent. Analysts were surprised!",
       "[Prices rose 3.5 percent.][Analysts were surprised!]"},
      {"zh", "法国总统表示。俄罗斯不能获胜！", "[法国总统表示。][俄罗斯不能获胜！]"},
      {"en", "***", "[***]"},
      {"en", " \n\t ", ""},
      // ICU calls "Ａ.ก" one word but two sentences: the sentences merge.
      {"en", "Go Ａ.ก now. Next", "[Go Ａ.ก now.][Next]"},
  };
  for (const SentencesRow& row : rows) {
    const AnalyzedText a = AnalyzeText(row.lang, row.text);
    EXPECT_EQ(Sentences(row.text, a), row.sentences) << row.text;
    ExpectWellFormed(row.text, a);
  }
}

TEST(AnalyzerTest, TokenFlagsAndOffsets) {
  const std::string text = "Mr. Macron's 2 visits.\nÉlysée said no.";
  const AnalyzedText a = AnalyzeText("en", text);
  ASSERT_EQ(a.tokens.size(), 7u);
  const Token& macron = a.tokens[1];
  EXPECT_EQ(text.substr(macron.begin, macron.end - macron.begin), "Macron's");
  EXPECT_EQ(macron.norm, "macron's");
  EXPECT_EQ(macron.term, "macron");
  EXPECT_TRUE(macron.is_capitalized);
  EXPECT_FALSE(macron.sentence_initial);
  EXPECT_TRUE(a.tokens[2].is_number);
  EXPECT_EQ(a.tokens[2].term, "2");
  EXPECT_FALSE(a.tokens[3].is_capitalized);
  const Token& elysee = a.tokens[4];
  EXPECT_EQ(text.substr(elysee.begin, elysee.end - elysee.begin), "Élysée");
  EXPECT_TRUE(elysee.is_capitalized);
  EXPECT_TRUE(elysee.sentence_initial);
  EXPECT_EQ(elysee.sentence, 1u);
  EXPECT_TRUE(a.tokens[6].is_stop);  // "no"
}

TEST(AnalyzerTest, ElisionSplitKeepsOffsets) {
  const std::string text = "L’Europe";
  const AnalyzedText a = AnalyzeText("fr", text);
  ASSERT_EQ(a.tokens.size(), 2u);
  EXPECT_EQ(text.substr(a.tokens[0].begin, a.tokens[0].end - a.tokens[0].begin),
            "L");
  EXPECT_TRUE(a.tokens[0].is_stop);
  EXPECT_EQ(text.substr(a.tokens[1].begin), "Europe");
  EXPECT_TRUE(a.tokens[1].is_capitalized);
  EXPECT_FALSE(a.tokens[1].sentence_initial);
}

TEST(AnalyzerTest, ReusesOutputAndIsRepeatable) {
  Analyzer analyzer;
  AnalyzedText out;
  analyzer.Analyze("Eins zwei drei. Vier.", "de", &out);
  const std::string first = Terms(out);
  analyzer.Analyze("Something else entirely", "en", &out);
  EXPECT_EQ(out.sentences.size(), 1u);
  analyzer.Analyze("Eins zwei drei. Vier.", "de", &out);
  EXPECT_EQ(Terms(out), first);
  out.Clear();
  EXPECT_TRUE(out.tokens.empty() && out.sentences.empty());
}

// The word cache is a fast path: results must equal the uncached analysis.
TEST(AnalyzerTest, CacheMatchesUncached) {
  Analyzer cached(AnalyzerOptions{.stem_cache_entries = 3});
  Analyzer uncached(AnalyzerOptions{.stem_cache_entries = 0});
  const std::string text =
      "The ministers met the minister; ministers meeting ministers. "
      "De ministre mødtes. Los ministros se reunieron.";
  for (const char* lang : {"en", "da", "es", "en"}) {
    AnalyzedText a, b;
    cached.Analyze(text, lang, &a);
    uncached.Analyze(text, lang, &b);
    ASSERT_EQ(a.tokens.size(), b.tokens.size());
    for (size_t i = 0; i < a.tokens.size(); ++i) {
      EXPECT_EQ(a.tokens[i].term, b.tokens[i].term) << lang << " " << i;
      EXPECT_EQ(a.tokens[i].is_stop, b.tokens[i].is_stop) << lang << " " << i;
    }
  }
}

TEST(AnalyzerTest, LongWordsAreNotStemmed) {
  const std::string word(300, 'a');
  const AnalyzedText a = AnalyzeText("en", word + "s");
  ASSERT_EQ(a.tokens.size(), 1u);
  EXPECT_EQ(a.tokens[0].term, a.tokens[0].norm);
}

TEST(AnalyzerTest, HugeAndHostileInputs) {
  std::string huge;
  while (huge.size() < 10'000'000) huge += "Ukraine wins. Россия 俄罗斯 ! ";
  const AnalyzedText a = AnalyzeText("en", huge);
  EXPECT_GT(a.tokens.size(), 1'000'000u);
  ExpectWellFormed(huge, a);

  const AnalyzedText one_word = AnalyzeText("en", std::string(10'000'000, 'x'));
  ASSERT_EQ(one_word.tokens.size(), 1u);
  EXPECT_EQ(one_word.tokens[0].end, 10'000'000u);

  // Ill-formed UTF-8 breaks the REQUIRES but must not crash.
  const std::string bad = "abc \xFF\xFE def \xC3 ghi \xE2\x82";
  const AnalyzedText b = AnalyzeText("en", bad);
  EXPECT_EQ(b.tokens.front().norm, "abc");
}

TEST(AnalyzerTest, RandomTextIsWellFormed) {
  const std::vector<std::string> pieces = {
      "a", "Z", "é", "e\u0301", "ß", "Σ", "ς", "я", "中", "ト", "ก", "٣",
      "7", ".", ",", "'", "’", "-", " ", "\n", "\t", kShy, kZwsp, kNbsp,
      "ﬁ", "Ａ", "😀", "!", "?", "。", "\r\n", "_"};
  std::mt19937 rng(42);
  Analyzer analyzer;
  AnalyzedText out;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    const char* lang = (round % 3 == 0) ? "fr" : (round % 3 == 1) ? "en" : "und";
    analyzer.Analyze(text, lang, &out);
    ExpectWellFormed(text, out);
    if (HasFailure()) FAIL() << "text: " << testing::PrintToString(text);
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AnalyzerTest, SeedArticles) {
  const std::filesystem::path dir =
      std::filesystem::path(NEWSLOOM_SHARED_DIR) / "seeds";
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "no seed articles at " << dir;
  }
  Analyzer analyzer;
  AnalyzedText out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string text = ReadFile(entry.path());
    analyzer.Analyze(text, "en", &out);
    EXPECT_GT(out.sentences.size(), 5u) << entry.path();
    EXPECT_GT(out.tokens.size(), 100u) << entry.path();
    ExpectWellFormed(text, out);
  }
}

}  // namespace
}  // namespace newsloom
