#include "story/timeline.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "base/time.h"

namespace newsloom {
namespace {

Article Make(std::string id, std::string text, std::optional<std::string> day) {
  Article a;
  a.id = std::move(id);
  a.lang = "en";
  a.source = "Outlet " + a.id;
  a.text = std::move(text);
  if (day) a.published = *ParseIsoTime(*day);
  return a;
}

TEST(TimelineTest, DaysMostArticlesMentionWithCitedSentences) {
  const std::vector<Article> articles = {
      Make("a", "Leaders met in Paris on 26 February 2024. It rained.", "2024-02-27"),
      Make("b", "The summit was held on Monday. Leaders talked.", "2024-02-27"),
      Make("c", "On March 7 they will talk again. The Paris meeting of "
                "Feb. 26 was long.", "2024-03-05"),
      Make("d", "Something happened on 3 March 1990 long ago.", "2024-03-05"),
      Make("e", "No date at all here, only yesterday.", std::nullopt)};
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(ptrs);
  const std::vector<TimelineEntry> t = BuildTimeline(ptrs, notes, {});
  ASSERT_FALSE(t.empty());
  // 26 February: three mentions (a, b's Monday, c) and nothing outside
  // the window (1990) or undated.
  const TimelineEntry* feb26 = nullptr;
  for (const TimelineEntry& e : t) {
    EXPECT_NE(e.date, "1990-03-03");
    if (e.date == "2024-02-26") feb26 = &e;
  }
  ASSERT_NE(feb26, nullptr);
  EXPECT_EQ(feb26->score, 3);
  ASSERT_EQ(feb26->citations.size(), 3u);
  EXPECT_EQ(feb26->articles, 3u);
  // Citations are capped; the count of articles is not (it was shown as
  // the number of citations, never above the cap).
  TimelineOptions two;
  two.max_citations = 2;
  bool found = false;
  for (const TimelineEntry& e : BuildTimeline(ptrs, notes, two)) {
    if (e.date != "2024-02-26") continue;
    found = true;
    EXPECT_EQ(e.citations.size(), 2u);
    EXPECT_EQ(e.articles, 3u);
  }
  EXPECT_TRUE(found);
  for (const TimelineEntry& e : t) {
    ASSERT_FALSE(e.citations.empty());
    for (const Citation& c : e.citations) {
      const Article* a = nullptr;
      for (const Article& x : articles) {
        if (x.id == c.article) a = &x;
      }
      ASSERT_NE(a, nullptr);
      ASSERT_LE(c.end, a->text.size());
      EXPECT_LT(c.start, c.end);
    }
    // The text is the first citation's bytes.
    const Citation& first = e.citations.front();
    for (const Article& x : articles) {
      if (x.id == first.article) {
        EXPECT_EQ(x.text.substr(first.start, first.end - first.start), e.text);
      }
    }
  }
  // Dates in order.
  for (size_t i = 1; i < t.size(); ++i) EXPECT_LT(t[i - 1].date, t[i].date);
}

// A date header says nothing happened: the day's sentence is one that does
// (egypt.jsonl's 2011-01-28 read "Viernes, 28 de enero").
TEST(TimelineTest, ADateHeaderIsNotTheDaysSentence) {
  // The header's two words are in each sentence: a short one shares most
  // with the others, and was chosen.
  std::vector<Article> articles = {
      Make("a", "Viernes, 28 de enero\nLa policía detuvo a cien personas.", "2011-01-29"),
      Make("b", "Las protestas del viernes 28 de enero dejaron decenas de heridos en Suez.",
           "2011-01-29"),
      Make("c", "El viernes 28 de enero los manifestantes quemaron la sede del partido.",
           "2011-01-29")};
  for (Article& a : articles) a.lang = "es";
  std::vector<const Article*> ptrs = {&articles[0], &articles[1], &articles[2]};
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(ptrs);
  bool found = false;
  for (const TimelineEntry& e : BuildTimeline(ptrs, notes, {})) {
    if (e.date != "2011-01-28") continue;
    found = true;
    EXPECT_NE(e.text, "Viernes, 28 de enero");
    EXPECT_GT(e.text.size(), 40u) << e.text;
  }
  EXPECT_TRUE(found);
}

TEST(TimelineTest, MaxDatesKeepsTheBestSupported) {
  const std::vector<Article> articles = {
      Make("a", "It began on 1 March 2024. Then on 2 March 2024 more.", "2024-03-03"),
      Make("b", "It began on 1 March 2024.", "2024-03-03")};
  std::vector<const Article*> ptrs = {&articles[0], &articles[1]};
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(ptrs);
  TimelineOptions o;
  o.max_dates = 1;
  const std::vector<TimelineEntry> t = BuildTimeline(ptrs, notes, o);
  ASSERT_EQ(t.size(), 1u);
  // 1 March: two articles. 3 March, the publication day, has no sentence
  // naming it, so it is not on the timeline.
  EXPECT_EQ(t[0].date, "2024-03-01");
}

// Site chrome: the same teaser line on every page of an outlet is one
// statement, however many of the story's articles carry it.
TEST(TimelineTest, ALineManyArticlesRepeatCountsOnce) {
  const std::string chrome = "Most read: Airport reopens on 15 November 2024\n";
  const std::vector<Article> articles = {
      Make("a", "Talks failed on 12 November 2024.\n" + chrome, "2024-11-20"),
      Make("b", "The talks of 12 November 2024 failed.\n" + chrome,
           "2024-11-20"),
      Make("c", "Protests grew all week.\n" + chrome, "2024-11-20"),
      Make("d", "Crowds marched again.\n" + chrome, "2024-11-20")};
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(ptrs);
  TimelineOptions o;
  o.min_score = 0;
  std::map<std::string, double> score;
  for (const TimelineEntry& e : BuildTimeline(ptrs, notes, o)) {
    score[e.date] = e.score;
  }
  EXPECT_DOUBLE_EQ(score["2024-11-12"], 2);  // two articles, own lines
  EXPECT_DOUBLE_EQ(score["2024-11-15"], 1);  // four copies of one line

  o.count_repeated_lines_once = false;  // the line counted per article
  score.clear();
  for (const TimelineEntry& e : BuildTimeline(ptrs, notes, o)) {
    score[e.date] = e.score;
  }
  EXPECT_DOUBLE_EQ(score["2024-11-15"], 4);
}

// White space around a line does not make it another line; a line held
// twice by one article is still one article's.
TEST(TimelineTest, RepeatedLinesAreTrimmedAndCountedPerArticle) {
  const std::vector<Article> articles = {
      Make("a", "Talks failed on 12 November 2024.\n"
                "Talks failed on 12 November 2024.", "2024-11-20"),
      Make("b", "  Talks failed on 12 November 2024.\t\r\nMore.", "2024-11-20"),
      Make("c", "It was over on 12 November 2024, they said.", "2024-11-20")};
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(ptrs);
  TimelineOptions o;
  o.min_score = 0;
  const std::vector<TimelineEntry> t = BuildTimeline(ptrs, notes, o);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].date, "2024-11-12");
  EXPECT_DOUBLE_EQ(t[0].score, 2);  // a and b: one line; c: its own
}

// An article that names its own publication day ("today", a dateline)
// votes for it once, as any article published that day does.
TEST(TimelineTest, AnArticleVotesOnceForItsOwnDay) {
  const std::vector<Article> articles = {
      Make("a", "Parliament was dissolved today. The vote of 1 March 2024 "
                "had failed.", "2024-03-05"),
      Make("b", "Paris, 5 March 2024. Parliament is gone.", "2024-03-05"),
      Make("c", "On 1 March 2024 the vote failed.", "2024-03-06")};
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(ptrs);
  TimelineOptions o;
  o.min_score = 0;
  std::map<std::string, double> score;
  for (const TimelineEntry& e : BuildTimeline(ptrs, notes, o)) {
    score[e.date] = e.score;
  }
  EXPECT_DOUBLE_EQ(score["2024-03-05"], 2);  // a and b, once each
  EXPECT_DOUBLE_EQ(score["2024-03-01"], 2);  // a and c
  EXPECT_EQ(score.count("2024-03-06"), 0u);  // no sentence names it
}

}  // namespace
}  // namespace newsloom
