#include "engine/features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace newsloom {
namespace {

std::vector<std::string> Strings(const std::vector<std::string_view>& v) {
  return {v.begin(), v.end()};
}

std::vector<std::string> YearKeys(const ClusterInput& in) {
  std::vector<std::string> out;
  for (std::string_view k : in.times) {
    if (k.starts_with(kYearPrefix)) out.emplace_back(k);
  }
  return out;
}

struct DatelineCase {
  const char* lang;
  const char* title;
  const char* text;
  const char* year;  // "" = no dateline year
};

TEST(FeaturesTest, DatelineYearGoldenTable) {
  const DatelineCase kCases[] = {
      {"en", "", "March 4, 2009. The minister resigned on Tuesday.", "2009"},
      {"en", "Minister resigns", "December 15th, 2008, 7:35 am\nThe minister.", "2008"},
      {"en", "", "Published: 09 Sep 2013 11:25 GMT. Four men rammed a car.", "2013"},
      {"en", "9 September 2013, 14:08", "Four men rammed a car.", "2013"},
      {"da", "", "4. marts 2009. Ministeren gik af.", "2009"},
      {"de", "", "Berlin, 12. Juni 2013. Der Minister trat zurück.", "2013"},
      // Not datelines: no year, impossible day, a year out of range, a
      // number that is no day, or a date after the opening sentences.
      {"en", "", "On March 4 the minister resigned.", ""},
      {"en", "", "February 30, 2009. The minister resigned.", ""},
      {"en", "", "March 4, 1850. The minister resigned.", ""},
      {"en", "", "March 400, 2009. The minister resigned.", ""},
      // A long digit run beside a month (found by fuzz_jsonl; overflowed).
      {"en", "", "February 2055555555555555555555 and 3 more.", ""},
      {"en", "", "One. Two. Three. Then on March 4, 2009 he resigned.", ""},
  };
  FeatureExtractor fx;
  for (const DatelineCase& c : kCases) {
    Article a;
    a.lang = c.lang;
    a.title = c.title;
    a.text = c.text;
    ClusterInput in;
    fx.Extract(a, &in);
    const std::vector<std::string> want =
        *c.year ? std::vector<std::string>{std::string(kYearPrefix) + c.year}
                : std::vector<std::string>{};
    EXPECT_EQ(YearKeys(in), want) << c.title << " | " << c.text;
  }
}

TEST(FeaturesTest, PublishedArticleGetsNoDatelineYear) {
  FeatureExtractor fx;
  Article a;
  a.lang = "en";
  a.text = "March 4, 2009. The minister resigned.";
  a.published = 1236124800;  // 2009-03-04
  ClusterInput in;
  fx.Extract(a, &in);
  EXPECT_TRUE(YearKeys(in).empty());
  EXPECT_EQ(in.time, a.published);
}

TEST(FeaturesTest, OrdinalDaysMakeDateMentions) {
  FeatureExtractor fx;
  Article a;
  a.lang = "en";
  a.text = "The talks of 26th February follow those of February 1st.";
  ClusterInput in;
  fx.Extract(a, &in);
  std::vector<std::string> times = Strings(in.times);
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times, (std::vector<std::string>{"md:02-01", "md:02-26"}));
}

TEST(FeaturesTest, HeadlineOnlyArticleGivesNamesAndNumbers) {
  FeatureExtractor fx;
  Article a;
  a.lang = "en";
  a.title = "Robbers steal 85 million euros from Harry Winston store in Paris";
  ClusterInput in;
  fx.Extract(a, &in);
  std::vector<std::string> numbers = Strings(in.numbers);
  EXPECT_EQ(numbers, std::vector<std::string>{"85"});
  EXPECT_FALSE(in.names.empty());
  // With a body, the headline gives words but no names: headlines are often
  // in title case.
  a.text = "The store was robbed.";
  fx.Extract(a, &in);
  EXPECT_TRUE(in.names.empty());
  EXPECT_TRUE(in.numbers.empty());
}

std::vector<std::string> PrefixKeys(const char* lang, const char* text) {
  FeatureExtractor fx;
  Article a;
  a.lang = lang;
  a.text = text;
  ClusterInput in;
  fx.Extract(a, &in);
  std::vector<std::string> out;
  for (std::string_view k : in.names) {
    if (k.starts_with(kNamePrefixMark)) out.emplace_back(k);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FeaturesTest, NameVariantsShareAPrefixKey) {
  const std::vector<std::string> want = {"~bened"};
  EXPECT_EQ(PrefixKeys("en", "The former pope Benedict died."), want);
  EXPECT_EQ(PrefixKeys("pl", "Zmarł papież Benedykt."), want);
  EXPECT_EQ(PrefixKeys("ru", "Умер папа Бенедикт."), want);
  EXPECT_EQ(PrefixKeys("pl", "Pogrzeb papieża Benedykta."), want);
  // Short names and countries (territory keys) give none.
  EXPECT_TRUE(PrefixKeys("en", "The talks with Ukraine and Peru began.").empty());
}

}  // namespace
}  // namespace newsloom
