#include "ner/lexicon.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace newsloom {
namespace {

namespace fs = std::filesystem;

class LexiconTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lexicon_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  static Lexicon::Match Describe(const Lexicon& lexicon, std::string_view word) {
    WordInfo info;
    DescribeWord(word, &info);
    return lexicon.Describe(info);
  }
  fs::path dir_;
};

// A small hunspell dictionary: the count line, stems with and without
// flags, morphology after a tab.
constexpr char kDic[] =
    "6\n"
    "bil/3,24\n"
    "mange\n"
    "København/54,9\n"
    "Morten/9\n"
    "Mange/9\n"
    "NATO\tpo:noun\n";

TEST_F(LexiconTest, CommonWordsNamesAndStems) {
  Lexicon lexicon(Write("da_DK.dic", kDic));
  ASSERT_TRUE(lexicon.loaded());
  EXPECT_EQ(lexicon.size(), 5u);  // "mange" and "Mange" share a row
  struct Row {
    const char* word;
    int classes;
    bool stem;
    bool flags;
  };
  for (const Row& row : std::vector<Row>{
           {"bil", Lexicon::kCommon, false, false},
           {"Bil", Lexicon::kCommon, false, false},      // case is the text's
           {"bilerne", Lexicon::kCommon, true, false},   // bil + "erne"
           {"Københavns", Lexicon::kName, true, true},   // genitive
           {"Morten", Lexicon::kName, false, true},
           {"Mange", Lexicon::kCommon | Lexicon::kName, false, true},
           {"nato", Lexicon::kName, false, false},
           {"Xyzzy", 0, false, false},
           {"bi", 0, false, false},       // stems keep 3 code points
           {"bilistisk", 0, false, false},  // 4 code points stripped at most
           {"2024", 0, false, false},
       }) {
    Lexicon::Match m = Describe(lexicon, row.word);
    EXPECT_EQ(m.entry.classes, row.classes) << row.word;
    EXPECT_EQ(m.stem, row.stem) << row.word;
    EXPECT_EQ(m.entry.flags != 0, row.flags) << row.word;
  }
  // Two names with the same affix classes share the flag feature.
  EXPECT_EQ(Describe(lexicon, "Morten").entry.flags, Describe(lexicon, "Mange").entry.flags);
  EXPECT_NE(Describe(lexicon, "Morten").entry.flags,
            Describe(lexicon, "København").entry.flags);
}

// The loader's own reading of a word (ASCII inline, ICU beyond) against
// DescribeWord's, which the tagger looks words up with.
TEST_F(LexiconTest, LoaderReadsWordsAsTheTaggerDoes) {
  const std::vector<std::string> words = {
      "Ærø", "ÅRHUS", "æble", "\u01C5emal", "Straße", "\u0130stanbul", "MP3",
      "Škoda", "\u0394\u03B7\u03BC\u03AE\u03C4\u03C1\u03B7\u03C2", "x\xFFy", "café-bar"};
  std::string dic = std::to_string(words.size()) + "\n";
  for (const std::string& w : words) dic += w + "/1\n";
  Lexicon lexicon(Write("xx.dic", dic));
  for (const std::string& w : words) {
    WordInfo info;
    DescribeWord(w, &info);
    Lexicon::Entry e = lexicon.Lookup(info.lower_hash);
    EXPECT_EQ(e.classes, info.capitalized || info.all_upper ? Lexicon::kName : Lexicon::kCommon)
        << w;
  }
}

TEST_F(LexiconTest, MissingFileIsEmpty) {
  Lexicon lexicon((dir_ / "none.dic").string());
  EXPECT_FALSE(lexicon.loaded());
  WordInfo info;
  DescribeWord("bil", &info);
  EXPECT_EQ(lexicon.Describe(info).entry.classes, 0);
}

TEST_F(LexiconTest, FileForPrefersTheLanguageThenItsUsualRegion) {
  const std::string dir = dir_.string();
  EXPECT_EQ(Lexicon::FileFor("da", dir), "");
  Write("da_AA.dic", "0\n");
  EXPECT_EQ(Lexicon::FileFor("da", dir), dir + "/da_AA.dic");
  Write("da_DK.dic", "0\n");
  EXPECT_EQ(Lexicon::FileFor("da", dir), dir + "/da_DK.dic");
  Write("da.dic", "0\n");
  EXPECT_EQ(Lexicon::FileFor("da", dir), dir + "/da.dic");
  EXPECT_EQ(Lexicon::FileFor("d", dir), "");
  EXPECT_EQ(Lexicon::FileFor("../x", dir), "");
  EXPECT_EQ(Lexicon::PathOf("a/b.dic"), "");
}

}  // namespace
}  // namespace newsloom
