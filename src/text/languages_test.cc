#include "text/languages.h"

#include <gtest/gtest.h>
#include <libstemmer.h>

#include <algorithm>
#include <string>

namespace newsloom {
namespace {

TEST(LanguagesTest, EveryStemmerLoads) {
  const auto codes = StemmerLanguages();
  EXPECT_GE(codes.size(), 27u);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  for (std::string_view code : codes) {
    const LanguageProfile* p = FindLanguageProfile(code);
    ASSERT_NE(p, nullptr) << code;
    const std::string name(p->snowball);
    sb_stemmer* stemmer = sb_stemmer_new(name.c_str(), "UTF_8");
    EXPECT_NE(stemmer, nullptr) << code << " " << name;
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
}

TEST(LanguagesTest, RequiredStemmers) {
  for (const char* code : {"en", "da", "de", "fr", "es", "it", "nl", "pt",
                           "sv", "no", "fi", "ru", "ar", "el", "tr"}) {
    const LanguageProfile* p = FindLanguageProfile(code);
    ASSERT_NE(p, nullptr) << code;
    EXPECT_FALSE(p->snowball.empty()) << code;
  }
  EXPECT_EQ(FindLanguageProfile("da")->snowball, "danish");
}

TEST(LanguagesTest, UnknownAndAliases) {
  for (const char* code : {"und", "zh", "ja", "", "EN", "xx"}) {
    EXPECT_EQ(FindLanguageProfile(code), nullptr) << code;
  }
  EXPECT_EQ(FindLanguageProfile("nb"), FindLanguageProfile("no"));
  EXPECT_EQ(FindLanguageProfile("nn"), FindLanguageProfile("no"));
}

TEST(LanguagesTest, Elisions) {
  const LanguageProfile& fr = *FindLanguageProfile("fr");
  EXPECT_TRUE(IsElision(fr, "l"));
  EXPECT_TRUE(IsElision(fr, "qu"));
  EXPECT_TRUE(IsElision(fr, "puisqu"));
  EXPECT_FALSE(IsElision(fr, "aujourd"));
  EXPECT_FALSE(IsElision(fr, ""));
  EXPECT_FALSE(IsElision(*FindLanguageProfile("en"), "l"));
}

}  // namespace
}  // namespace newsloom
