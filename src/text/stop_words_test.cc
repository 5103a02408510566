#include "text/stop_words.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsloom {
namespace {

TEST(StopWordsTest, Languages) {
  const std::vector<std::string_view> expected = {
      "da", "de", "en", "es", "fi", "fr", "hu", "id",
      "it", "nl", "no", "pt", "ro", "ru", "sv"};
  EXPECT_EQ(StopWordLanguages(), expected);
  for (std::string_view lang : expected) {
    ASSERT_NE(FindStopWords(lang), nullptr) << lang;
    EXPECT_GT(FindStopWords(lang)->size(), 50u) << lang;
  }
}

struct Row {
  const char* lang;
  const char* norm;
  bool stop;
};

TEST(StopWordsTest, Golden) {
  const Row rows[] = {
      {"en", "the", true},       {"en", "The", false},  // norms only
      {"en", "it's", true},      {"en", "macron", false},
      {"da", "og", true},        {"da", "på", true},
      {"de", "dass", true},      // listed as "daß", stored normalised
      {"de", "daß", false},      {"de", "und", true},
      {"fr", "l", true},         {"fr", "été", true},
      {"ru", "и", true},         {"ru", "путин", false},
      {"nb", "og", true},        {"nn", "og", true},
      {"no", "og", true},        {"zh", "的", false},
      {"und", "the", false},     {"", "the", false},
      {"en", "", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(IsStopWord(row.lang, row.norm), row.stop)
        << row.lang << " " << row.norm;
  }
  EXPECT_EQ(FindStopWords("zh"), nullptr);
}

TEST(StopWordsTest, NounMarkers) {
  EXPECT_TRUE(CapitalisesNouns("de"));
  EXPECT_FALSE(CapitalisesNouns("da"));
  for (const char* w : {"der", "die", "das", "einem", "zur", "keine", "dieses"}) {
    EXPECT_TRUE(MarksNoun("de", w)) << w;
  }
  EXPECT_FALSE(MarksNoun("de", "und"));
  EXPECT_FALSE(MarksNoun("de", "regierung"));
  EXPECT_FALSE(MarksNoun("de", "Die"));  // norms only
  EXPECT_FALSE(MarksNoun("en", "the"));
  EXPECT_FALSE(MarksNoun("nl", "de"));
}

TEST(StopWordsTest, ArticleNouns) {
  // "Die neue Regierung und Scholz. Die" / "Berlin": the capital after an
  // article (lower-case words between) only, within a sentence.
  ArticleNouns de("de");
  EXPECT_FALSE(de.AfterArticle("die", true, 0));
  EXPECT_FALSE(de.AfterArticle("neue", false, 0));
  EXPECT_TRUE(de.AfterArticle("regierung", true, 0));
  EXPECT_FALSE(de.AfterArticle("und", false, 0));
  EXPECT_FALSE(de.AfterArticle("scholz", true, 0));
  EXPECT_FALSE(de.AfterArticle("die", true, 1));
  EXPECT_FALSE(de.AfterArticle("berlin", true, 2));  // another sentence
  EXPECT_FALSE(de.AfterArticle("der", false, 2));
  de.Break();                                         // punctuation
  EXPECT_FALSE(de.AfterArticle("kreml", true, 2));
  ArticleNouns en("en");
  EXPECT_FALSE(en.AfterArticle("the", false, 0));
  EXPECT_FALSE(en.AfterArticle("government", true, 0));
}

}  // namespace
}  // namespace newsloom
