#include "engine/features.h"

#include "cluster/online_clusterer.h"
#include "base/utf8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace newsloom {
namespace {

std::vector<std::string> Strings(const std::vector<std::string_view>& v) {
  return {v.begin(), v.end()};
}

// Extracts the features of an article made of these fields. The views in
// the result point into `fx`'s buffers: valid until its next call.
const ClusterInput& ExtractFrom(FeatureExtractor& fx, const char* lang,
                                const char* title, const char* text,
                                std::optional<UnixSeconds> published = {}) {
  static ClusterInput in;
  Article a;
  a.lang = lang;
  a.title = title;
  a.text = text;
  a.published = published;
  fx.Extract(a, &in);
  return in;
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
    const ClusterInput& in = ExtractFrom(fx, c.lang, c.title, c.text);
    const std::vector<std::string> want =
        *c.year ? std::vector<std::string>{std::string(kYearPrefix) + c.year}
                : std::vector<std::string>{};
    EXPECT_EQ(YearKeys(in), want) << c.title << " | " << c.text;
  }
}

TEST(FeaturesTest, PublishedArticleGetsNoDatelineYear) {
  FeatureExtractor fx;
  const UnixSeconds published = 1236124800;  // 2009-03-04
  const ClusterInput& in = ExtractFrom(
      fx, "en", "", "March 4, 2009. The minister resigned.", published);
  EXPECT_TRUE(YearKeys(in).empty());
  EXPECT_EQ(in.time, published);
}

TEST(FeaturesTest, OrdinalDaysMakeDateMentions) {
  FeatureExtractor fx;
  const ClusterInput& in = ExtractFrom(
      fx, "en", "", "The talks of 26th February follow those of February 1st.");
  std::vector<std::string> times = Strings(in.times);
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times, (std::vector<std::string>{"md:02-01", "md:02-26"}));
}

// The headline's day-and-month dates, which tell the clusterer the day an
// article reports (cluster/online_clusterer.h); a headline-only article's
// are those of its time mentions.
TEST(FeaturesTest, HeadlineDatesGoldenTable) {
  struct Case {
    const char* title;
    const char* text;
    std::vector<std::string> title_dates;  // sorted
  } kCases[] = {
      {"France invites allies for video call on March 7",
       "The call on March 7 follows the Feb. 26 conference.", {"md:03-07"}},
      {"Allies meet again", "The call on March 7 follows the Feb. 26 one.", {}},
      {"Talks of 26th February and February 1st", "", {"md:02-01", "md:02-26"}},
      {"Minister resigns on Monday", "He resigned on March 4.", {}},
      {"", "On March 4 the minister resigned.", {}},
  };
  FeatureExtractor fx;
  for (const Case& c : kCases) {
    const ClusterInput& in = ExtractFrom(fx, "en", c.title, c.text);
    std::vector<std::string> got = Strings(in.title_dates);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, c.title_dates) << c.title << " | " << c.text;
  }
}

// Titles that are only a dateline (pages print it where the headline
// goes) against headlines that name a date or a time.
TEST(FeaturesTest, DatelineTitlesGoldenTable) {
  struct Case {
    const char* lang;
    const char* title;
    bool dateline;
  } kCases[] = {
      {"en", "Thursday , December 11 , 2008", true},
      {"en", "DECEMBER 16 , 2008", true},
      {"en", "APR 28", true},
      {"en", "8 : 24am :", true},
      {"en", "Jan 05 , 2011", true},
      {"en", "Last Updated : Monday , 28 November 2005 , 02 : 24 GMT", true},
      {"en", "Updated : November 11 , 2011 20 : 09 IST", true},
      {"en", "22 July 2013 Last updated at 17 : 50 GMT", true},
      {"en", "Sunday , March 17 , 2013 | 5 : 00 PM", true},
      {"en", "Posted on Thu, Feb. 26, 2024", true},
      {"en", "October 7", true},
      {"en", "2 am", true},
      {"da", "Opdateret 7. marts 2024 kl. 14.30", true},
      {"de", "Aktualisiert am 26. Februar 2024, 18:05 Uhr", true},
      {"fr", "Mis à jour le 26 février 2024 à 19h05", true},
      {"es", "26 de febrero de 2024", true},
      // Headlines, some naming a date.
      {"en", "Seacom operations fully restored : 4 November 2011", false},
      {"en", "France invites allies for video call on March 7", false},
      {"en", "Paris conference on Ukraine", false},
      {"en", "9/11", false},
      {"en", "24", false},
      {"en", "The Sun", false},
      {"en", "", false},
      // A weekday, a month or a year alone, or a time zone without a time.
      {"en", "Sunday", false},
      {"en", "May", false},
      {"en", "Last Sunday", false},
      {"en", "Friday the 13th", false},
      {"en", "1984", false},
      {"en", "The 1975", false},
      {"en", "March 2024", false},
      {"en", "EST", false},
      {"en", "March 2024 jobs report", false},
      {"en", "May Day", false},
      {"en", "Brexit: 31 January", false},
      {"es", "El mar", false},
      {"fr", "2024 et 2025", false},
      {"de", "Am Montag", false},
      {"da", "Macron: Vestlige tropper i Ukraine kan ikke udelukkes", false},
  };
  FeatureExtractor fx;
  Analyzer analyzer;
  for (const Case& c : kCases) {
    AnalyzedText title;
    analyzer.Analyze(c.title, c.lang, &title);
    EXPECT_EQ(fx.IsDatelineOnly(title.tokens, c.lang), c.dateline) << c.lang << ": " << c.title;
  }
}

// A dateline title gives no title, title words or headline dates (its date
// is the page's), but still the dateline year of an undated article; the
// event is then named by its first sentence, which on such pages is the
// real headline.
// Which sentences may name an untitled article: the chrome scraped pages
// open with (egypt.jsonl and libya.jsonl named 27 stories so) may not.
TEST(FeaturesTest, FitForTitle) {
  for (const char* s : {"Libia se suma a las revueltas y protesta contra Gadafi",
                        "La policía investiga a los jueces y sus crímenes en Madrid",
                        "Le ministre a bonne mine après le vote",
                        "Voter registration deadline extended in Ohio",
                        "Egypte: manifestations pro et anti-armée au Caire",
                        "Chi è Mahmoud Jibril, l'altro uomo forte della Libia",
                        "Macron says Russian defeat in Ukraine vital"}) {
    EXPECT_TRUE(FitForTitle(s)) << s;
  }
  for (const char* s : {"Stay in Tune", "Sostieni Analisi Difesa", "Miércoles 16/02/2011.",
                        "miércoles 11 de noviembre, 2020", "España | elmundo.es",
                        "Noticias | Mundo | elmundo.es y más",
                        ".alogo{display: block;text-indent: -1000px;}",
                        "\u00A9 2005-2020 ALJ AGENCY all rights",
                        "Please enable javascript to view this site.",
                        "Su navegador tiene las notificaciones bloqueadas.",
                        "Suscríbete a El Norte de Castilla por solo 6,95 € al mes",
                        "Nous utilisons les témoins de navigation (cookies) afin d'opérer",
                        "Para poder iniciar sesión tienes que aceptar nuestra política"}) {
    EXPECT_FALSE(FitForTitle(s)) << s;
  }
  // The first fit sentence of the first few names an untitled article.
  FeatureExtractor fx;
  const ClusterInput& in = ExtractFrom(
      fx, "es", "",
      "Mundo | elmundo.es\nMiércoles 16/02/2011. Actualizado 11:40h.\n"
      "Libia se suma a las revueltas en el mundo árabe y protesta contra Gadafi\n"
      "Cientos de personas se manifestaron en Bengasi.");
  EXPECT_EQ(in.fallback_title,
            "Libia se suma a las revueltas en el mundo árabe y protesta contra Gadafi");
  // None fit: the first sentence, as before.
  const ClusterInput& none = ExtractFrom(fx, "en", "", "Stay in Tune\nMore soon.");
  EXPECT_EQ(none.fallback_title, "Stay in Tune");
}

TEST(FeaturesTest, DatelineTitleIsNoHeadline) {
  FeatureExtractor fx;
  const ClusterInput& in = ExtractFrom(
      fx, "en", "Thursday , December 11 , 2008",
      "Prediction : Red Sox Will Nab Teixeira\nESPN reports that the "
      "Nationals have offered Mark Teixeira an eight-year deal on December 11.");
  EXPECT_EQ(in.title, "");
  EXPECT_TRUE(in.title_words.empty());
  EXPECT_TRUE(in.title_dates.empty());
  EXPECT_EQ(YearKeys(in), std::vector<std::string>{"yr:2008"});
  EXPECT_EQ(in.fallback_title, "Prediction : Red Sox Will Nab Teixeira");
  // A dateline with the outlet's name after it is a dateline too.
  Article a;
  a.lang = "en";
  a.url = "https://www.ksla.com/story/1";
  a.title = "Thursday, December 11, 2008 - KSLA News 12";
  a.text = "Police arrested a man on Thursday after the shooting on December 11.";
  static ClusterInput with_site;
  fx.Extract(a, &with_site);
  EXPECT_EQ(with_site.title, "");
  EXPECT_TRUE(with_site.title_dates.empty());
  // Without a body, the dateline is still the fallback title.
  const ClusterInput& alone = ExtractFrom(fx, "en", "APR 28", "");
  EXPECT_EQ(alone.title, "");
  EXPECT_EQ(alone.fallback_title, "APR 28");
  const ClusterInput& headline = ExtractFrom(
      fx, "en", "Red Sox offer Teixeira eight years on December 11",
      "ESPN reports that the Nationals made an offer on December 11.");
  EXPECT_EQ(headline.title, "Red Sox offer Teixeira eight years on December 11");
  EXPECT_FALSE(headline.title_words.empty());
  EXPECT_EQ(Strings(headline.title_dates), std::vector<std::string>{"md:12-11"});
}

// Outlet tails cut from headlines, and headlines left whole.
TEST(FeaturesTest, HeadlineWithoutSiteGoldenTable) {
  struct Case {
    const char* title;
    std::vector<std::string_view> outlets;
    const char* headline;
  } kCases[] = {
      {"2 killed in shooting - WMC Action News 5 - Memphis, Tennessee",
       {"", "wmcactionnews5.com"}, "2 killed in shooting"},
      {"Officer involved in Marksville shooting - KSLA News 12 Shreveport, Louisiana",
       {"", "ksla.com"}, "Officer involved in Marksville shooting"},
      {"UPDATE: Teenager dead in Dodds Ave. shooting - WRCBtv.com | Chattanooga News",
       {"", "wrcbtv.com"}, "UPDATE: Teenager dead in Dodds Ave. shooting"},
      {"Family seeks answers - KCTV5", {"", "kctv5.com"}, "Family seeks answers"},
      {"Macron hosts Ukraine talks | Europe | The Guardian",
       {"The Guardian", "theguardian.com"}, "Macron hosts Ukraine talks | Europe"},
      {"Allies meet in Paris \xE2\x80\x93 BBC News", {"", "bbc.co.uk"}, "Allies meet in Paris"},
      // Tails that do not name the outlet, outlets too short to tell.
      {"Oakland birthday shooting - 2 gunmen, 7 victims", {"", "sfgate.com"},
       "Oakland birthday shooting - 2 gunmen, 7 victims"},
      {"WJTV News Channel 12 - Five Injured in Nightclub Shooting", {"", "wjtv.com"},
       "WJTV News Channel 12 - Five Injured in Nightclub Shooting"},
      {"Talks end - AP", {"AP", ""}, "Talks end - AP"},
      {"- KSLA", {"", "ksla.com"}, "- KSLA"},
      {"Paris conference on Ukraine", {"", ""}, "Paris conference on Ukraine"},
      // Whole words at the start of the tail only.
      {"Senate passes bill - first time in decades", {"", "time.com"},
       "Senate passes bill - first time in decades"},
      {"Lakers win - Kobe scores 40", {"", "kob.com"}, "Lakers win - Kobe scores 40"},
      {"Bus crash - 20 people injured", {"", "people.com"}, "Bus crash - 20 people injured"},
      {"Snowstorm | Chicago", {"", "chicagotribune.com"}, "Snowstorm | Chicago"},
      {"Storm hits coast - TIME", {"", "time.com"}, "Storm hits coast"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(HeadlineWithoutSite(c.title, c.outlets), c.headline) << c.title;
  }
}

// The outlet's tail gives no title words and no headline dates; the site
// comes from the URL, a Wayback Machine address's too.
TEST(FeaturesTest, OutletTailIsNoPartOfTheHeadline) {
  FeatureExtractor fx;
  ClusterInput in;
  Article a;
  a.lang = "en";
  a.title = "Four shot outside bar - WNEM TV 5 News, Weather, December 3";
  a.text = "Four people were shot outside a bar late on Saturday.";
  a.url = "http://web.archive.org/web/20130306041302/http://www.wnem.com/story/1";
  fx.Extract(a, &in);
  EXPECT_EQ(in.title, "Four shot outside bar");
  std::vector<std::string> words = Strings(in.title_words);
  std::sort(words.begin(), words.end());
  EXPECT_EQ(words, (std::vector<std::string>{"bar", "four", "outsid", "shot"}));
  EXPECT_TRUE(in.title_dates.empty());
  // A headline-only article's names and numbers are its headline's, not
  // the tail's.
  a.text = "";
  fx.Extract(a, &in);
  EXPECT_TRUE(in.numbers.empty());
  for (std::string_view n : in.names) EXPECT_EQ(n.find("nem"), std::string_view::npos) << n;
}

// A line the outlet printed under articles of two stories gives no
// feature in the next article (words, names, numbers), but is still keyed
// for the clusterer; another outlet's same line counts.
TEST(FeaturesTest, OutletLinesGiveNoFeatures) {
  const char* kChrome = "Your notification has been saved for 24 hours";
  auto article = [&](const char* url, const char* title, const char* body) {
    Article a;
    a.lang = "en";
    a.url = url;
    a.title = title;
    a.text = std::string(body) + "\n" + kChrome + "\n";
    a.published = 1700000000;
    return a;
  };
  FeatureExtractor fx;
  OnlineClusterer clusterer;
  ClusterInput in;
  const Article quake = article(
      "https://kdka.com/1", "Earthquake shakes Lima",
      "A strong earthquake shook Lima on Monday, collapsing buildings. Rescue "
      "teams searched the rubble of Huaral. Peru declared an emergency.");
  const Article budget = article(
      "https://kdka.com/2", "Council passes the city budget",
      "The city council passed the budget for schools and roads. Taxes rise "
      "next spring. The mayor praised the aldermen.");
  fx.Extract(quake, &in, &clusterer);
  EXPECT_EQ(in.line_keys.size(), 2u);  // the body's line and the chrome
  const Assignment a = clusterer.Add(in);
  fx.Extract(budget, &in, &clusterer);
  const Assignment b = clusterer.Add(in);
  ASSERT_NE(a.story_id, b.story_id);

  const Article fire = article("https://www.kdka.com/3", "Fire destroys warehouse",
                               "A fire destroyed a warehouse near the river overnight.");
  fx.Extract(fire, &in, &clusterer);
  std::vector<std::string> words = Strings(in.words);
  EXPECT_EQ(std::count(words.begin(), words.end(), "notif"), 0);
  EXPECT_EQ(std::count(words.begin(), words.end(), "fire"), 1);
  EXPECT_TRUE(in.numbers.empty());  // "24" was the chrome's
  EXPECT_EQ(in.line_keys.size(), 2u);
  // The same line from another outlet is that article's own.
  const Article other = article("https://example.org/4", "Fire destroys warehouse",
                                "A fire destroyed a warehouse near the river overnight.");
  fx.Extract(other, &in, &clusterer);
  words = Strings(in.words);
  EXPECT_EQ(std::count(words.begin(), words.end(), "notif"), 1);
  EXPECT_EQ(Strings(in.numbers), std::vector<std::string>{"24"});
}

// A head or tail the outlet put on headlines of two stories is cut from
// the next one's, whatever it says ("Fox 2 News Headlines" on
// myfoxdetroit.com names no site HeadlineWithoutSite could tell).
TEST(FeaturesTest, OutletTitleEdgesAreLearned) {
  auto article = [](const char* title, const char* body) {
    Article a;
    a.lang = "en";
    a.url = "https://www.myfoxdetroit.com/story";
    a.title = title;
    a.text = body;
    a.published = 1700000000;
    return a;
  };
  FeatureExtractor fx;
  OnlineClusterer clusterer;
  ClusterInput in;
  fx.Extract(article("FOX 2 Detroit - Earthquake shakes Lima - Fox 2 News Headlines",
                     "A strong earthquake shook Lima on Monday, collapsing buildings. "
                     "Rescue teams searched the rubble of Huaral. Peru declared an emergency."),
             &in, &clusterer);
  EXPECT_EQ(in.title, "FOX 2 Detroit - Earthquake shakes Lima - Fox 2 News Headlines");
  const Assignment a = clusterer.Add(in);
  fx.Extract(article("FOX 2 Detroit - Council passes the city budget - Fox 2 News Headlines",
                     "The city council passed the budget for schools and roads. Taxes "
                     "rise next spring. The mayor praised the aldermen."),
             &in, &clusterer);
  const Assignment b = clusterer.Add(in);
  ASSERT_NE(a.story_id, b.story_id);
  fx.Extract(article("FOX 2 Detroit - Fire destroys warehouse - Fox 2 News Headlines",
                     "A fire destroyed a warehouse near the river overnight."),
             &in, &clusterer);
  EXPECT_EQ(in.title, "Fire destroys warehouse");
  std::vector<std::string> words = Strings(in.title_words);
  EXPECT_EQ(std::count(words.begin(), words.end(), "headlin"), 0);
  EXPECT_EQ(std::count(words.begin(), words.end(), "detroit"), 0);
}

// The lede is the title and the body's first kLedeSentences sentences
// that have a word: a line of punctuation above the text is not one.
TEST(FeaturesTest, LedeCountsSentencesWithWords) {
  FeatureExtractor fx;
  const ClusterInput& in = ExtractFrom(
      fx, "en", "", "* * *\nRescuers reached Huaral. Survivors waited. Donors pledged aid.");
  std::vector<std::string> lede = Strings(in.lede_words);
  std::sort(lede.begin(), lede.end());
  EXPECT_EQ(lede, (std::vector<std::string>{"huaral", "reach", "rescuer", "survivor", "wait"}));
}

TEST(FeaturesTest, HeadlineOnlyArticleGivesNamesAndNumbers) {
  FeatureExtractor fx;
  const char* headline =
      "Robbers steal 85 million euros from Harry Winston store in Paris";
  const ClusterInput& alone = ExtractFrom(fx, "en", headline, "");
  EXPECT_EQ(Strings(alone.numbers), std::vector<std::string>{"85"});
  EXPECT_FALSE(alone.names.empty());
  // With a body, the headline gives words but no names: headlines are often
  // in title case.
  const ClusterInput& with_body =
      ExtractFrom(fx, "en", headline, "The store was robbed.");
  EXPECT_TRUE(with_body.names.empty());
  EXPECT_TRUE(with_body.numbers.empty());
}

std::vector<std::string> PrefixKeys(const char* lang, const char* text) {
  FeatureExtractor fx;
  std::vector<std::string> out;
  for (std::string_view k : ExtractFrom(fx, lang, "", text).names) {
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

std::vector<std::string> Sorted(const std::vector<std::string_view>& v,
                                std::string_view prefix = "") {
  std::vector<std::string> out;
  for (std::string_view k : v) {
    if (k.starts_with(prefix)) out.emplace_back(k);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct CaselessCase {
  const char* lang;
  const char* text;
  std::vector<std::string> territories;  // sorted "@" name keys
  std::vector<std::string> dates;        // sorted "md:" time keys
};

// Scripts without case: no word is capitalised, so country names are
// looked up as spelt (both Chinese scripts; a name broken into two words),
// and CJK dates read through their month and day markers.
TEST(FeaturesTest, CaselessScriptsGiveCountriesAndDates) {
  const CaselessCase kCases[] = {
      {"zh", "2022年12月7日，俄罗斯与美国。", {"@ru", "@us"}, {"md:12-07"}},
      {"zh", "搭載俄羅斯與美國太空人", {"@ru", "@us"}, {}},
      {"zh", "自哈萨克斯坦拜科努尔发射", {"@kz"}, {}},
      {"ko", "12월 7일 러시아 대통령", {"@ru"}, {"md:12-07"}},
      {"th", "ในประเทศอิหร่าน", {"@ir"}, {}},
      {"ar", "رئيس روسيا", {"@ru"}, {}},
      // Not dates: a month marker alone, or a day out of range.
      {"zh", "12月的会议，13月40日", {}, {}},
  };
  FeatureExtractor fx;
  for (const CaselessCase& c : kCases) {
    const ClusterInput& in = ExtractFrom(fx, c.lang, "", c.text);
    EXPECT_EQ(Sorted(in.names, "@"), c.territories) << c.lang << " " << c.text;
    EXPECT_EQ(Sorted(in.times, "md:"), c.dates) << c.lang << " " << c.text;
  }
}

// In a script without case, a word is a name when the clusterer's window
// already knows its key as a name (from a cased language's article); other
// words are not names, and without the clusterer no word is. These keys
// are the clusterer's: the entity spans do not change.
TEST(FeaturesTest, CaselessWordsAreNamesTheWindowKnows) {
  FeatureExtractor fx;
  OnlineClusterer clusterer;
  Article en;
  en.lang = "en";
  en.text = "Prime Minister Liz Truss met Mahsa Amini's family in Tehran "
            "and Officer Chen, with De Bruyne and Da Silva.";
  ClusterInput in;
  fx.Extract(en, &in, &clusterer);
  clusterer.Add(in);
  const struct {
    const char* lang;
    const char* text;
    std::vector<std::string> names;  // sorted, prefix keys left out
  } kCases[] = {
      // Georgian has capitals in Unicode but writes without them.
      {"ka", "ლიზ ტრასი პრემიერ-მინისტრი გახდა", {"lis"}},
      // The same in Mtavruli, the capitals of Georgian headlines: still a
      // caseless script, so the capitals make no word a name.
      {"ka", "\u1C9A\u1C98\u1C96 \u1CA2\u1CA0\u1C90\u1CA1\u1C98 "
             "\u1C9E\u1CA0\u1C94\u1C9B\u1C98\u1C94\u1CA0 \u1C92\u1C90\u1CAE\u1C93\u1C90",
       {"lis"}},
      {"th", "ลิซ ทรัสส์ นายกรัฐมนตรี", {"lis"}},
      {"fa", "مهسا امینی در تهران", {"@tehran", "amini"}},
      // Transliterations that do not meet the English spelling: nothing.
      {"ko", "리즈 트러스 총리", {}},
      // Short common words whose two-letter keys are names elsewhere
      // ("De Bruyne", "Da Silva"): not names (kMinCaselessNameBytes).
      {"zh", "的 的 的", {}},
      {"ka", "და და", {}},
  };
  for (const auto& c : kCases) {
    Article a;
    a.lang = c.lang;
    a.text = c.text;
    fx.Extract(a, &in, &clusterer);
    std::vector<std::string> names;
    for (std::string_view k : in.names) {
      if (!k.starts_with(kNamePrefixMark)) names.emplace_back(k);
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, c.names) << c.lang << " " << c.text;
    for (const FeatureExtractor::NameSpan& span : fx.name_spans()) {
      EXPECT_TRUE(span.key.starts_with("@")) << c.lang << ": " << span.key;
    }
    // Without the clusterer: places only.
    fx.Extract(a, &in);
    for (std::string_view k : in.names) {
      EXPECT_TRUE(k.starts_with("@")) << c.lang << ": " << k;
    }
  }
  // Only in an article written in a caseless script: a Chinese name quoted
  // in an English article is not transliterated.
  Article zh;
  zh.lang = "zh";
  zh.text = "警方说陳 被捕";
  fx.Extract(zh, &in, &clusterer);
  EXPECT_NE(std::find(in.names.begin(), in.names.end(), "chen"), in.names.end());
  Article quoted;
  quoted.lang = "en";
  quoted.text = "The police said that 陳 was arrested on Monday.";
  fx.Extract(quoted, &in, &clusterer);
  EXPECT_EQ(std::find(in.names.begin(), in.names.end(), "chen"), in.names.end());
}

// City names give the clusterer one key in every language and script: one
// word or two (which then count once, as the city); the entities keep the
// words' keys (name_spans).
TEST(FeaturesTest, CitiesGiveOneKeyAcrossLanguages) {
  const struct {
    const char* lang;
    const char* text;
    std::vector<std::string> places;  // sorted "@" name keys
  } kCases[] = {
      {"en", "The mayor of Kyiv met officials in New York.", {"@kiev", "@new_york"}},
      {"ru", "Мэр Киева встретился с чиновниками в Нью-Йорке.",
       {"@kiev", "@new_york"}},
      {"zh", "基辅市长在纽约会见官员。", {"@kiev", "@new_york"}},
      {"en", "Kim Davis spoke in Singapore.", {"@davis", "@sg"}},
  };
  FeatureExtractor fx;
  for (const auto& c : kCases) {
    const ClusterInput& in = ExtractFrom(fx, c.lang, "", c.text);
    EXPECT_EQ(Sorted(in.names, "@"), c.places) << c.lang << " " << c.text;
    for (std::string_view k : in.names) {
      EXPECT_NE(k, "nev") << "New York counts once, as the city";
    }
  }
  // The entity spans keep the word: "Davis" is a person here.
  ExtractFrom(fx, "en", "", "Kim Davis spoke in Singapore.");
  for (const FeatureExtractor::NameSpan& span : fx.name_spans()) {
    EXPECT_NE(span.key, "@davis");
  }
}

TEST(FeaturesTest, DigitsOfEveryScriptAreAsciiNumbers) {
  FeatureExtractor fx;
  EXPECT_EQ(Sorted(ExtractFrom(fx, "fa", "", "عمر ۹۶ سال").numbers),
            std::vector<std::string>{"96"});
  EXPECT_EQ(Sorted(ExtractFrom(fx, "ar", "", "عن عمر ناهز ٩٦ عامًا").numbers),
            std::vector<std::string>{"96"});
  EXPECT_EQ(Sorted(ExtractFrom(fx, "hi", "", "कुल १२ लोग").numbers),
            std::vector<std::string>{"12"});
}

// Words of other languages meet English ones through the installed FreeDict
// dictionaries (text/concepts.h); English articles need none.
TEST(FeaturesTest, NonEnglishWordsGiveEnglishConcepts) {
  if (ConceptDictionary().Size("da") == 0) {
    GTEST_SKIP() << "dict-freedict-dan-eng is not installed in "
                 << ConceptDictionary::DefaultDir()
                 << " (scripts/setup.sh installs it)";
  }
  FeatureExtractor fx;
  const std::vector<std::string> da =
      Sorted(ExtractFrom(fx, "da", "", "Ingen våben blev fundet.").concepts);
  EXPECT_NE(std::find(da.begin(), da.end(), "weapon"), da.end());
  EXPECT_TRUE(ExtractFrom(fx, "en", "", "No weapons were found.").concepts.empty());
}

// Of a text over kMaxAnalyzedTextBytes only that much is read: a long
// text's features are those of its cut text (what lies past the cut,
// here a name and a number found nowhere before it, gives nothing).
TEST(FeaturesTest, ALongTextIsReadUpToTheCap) {
  std::string text;
  while (text.size() < kMaxAnalyzedTextBytes) {
    text += "Flood waters rose in Valencia on Monday as 300 homes were cleared.\n";
  }
  const std::string cut = text.substr(0, TextPrefixLength(text, kMaxAnalyzedTextBytes));
  text += "Zbigniew Kowalczyk counted 98765 sandbags.\n";
  FeatureExtractor a, b;
  // A copy: ExtractFrom's result is overwritten by its next call (the
  // views stay valid: they point into `a`).
  const ClusterInput whole = ExtractFrom(a, "en", "Floods in Valencia", text.c_str());
  const ClusterInput& kept = ExtractFrom(b, "en", "Floods in Valencia", cut.c_str());
  EXPECT_EQ(Strings(whole.words), Strings(kept.words));
  EXPECT_EQ(Strings(whole.names), Strings(kept.names));
  EXPECT_EQ(Strings(whole.numbers), Strings(kept.numbers));
  EXPECT_EQ(Strings(whole.times), Strings(kept.times));
  EXPECT_EQ(whole.fallback_title, kept.fallback_title);
  EXPECT_EQ(std::count(whole.numbers.begin(), whole.numbers.end(), "98765"), 0);
}

}  // namespace
}  // namespace newsloom
