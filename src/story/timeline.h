// A story's timeline: the days its articles say things happened on, each
// with a sentence that says what, cited to the bytes it came from.
//
//   std::vector<ArticleAnnotations> notes = annotator.Annotate(articles);
//   std::vector<TimelineEntry> t = BuildTimeline(articles, notes, {});
//
// Days are chosen by date references, not publication dates: a day scores
// one point for every article that mentions it (a TIMEX3 value naming
// exactly that day, engine/annotations.h, relative ones resolved against the
// article's publication day) and `publication_weight` for every article
// published on it (a report is itself a reference to its day). An article
// votes once for a day: mentioning its own publication day ("today", a
// dateline, a "published on" line) adds nothing to the publication vote
// (it scores the larger of the two).
//
// A line that n articles of the story hold word for word (after trimming
// white space) is one statement, not n: a mention in it weighs 1/n, and an
// article's vote for a day is its best-weighted mention. Such lines are the
// site chrome of scraped pages (the same "most read" teasers, "Daté du
// jeudi 12 novembre" banners and related-link lists on every page of an
// outlet) and the shared paragraphs of copies; a story's own articles
// rarely repeat a whole line otherwise. A mention
// counts only within [published - window_back_days, published +
// window_forward_days]: articles report what happened in the months before
// and announce what is days ahead; a date far outside is a history aside or
// a misread number. Undated mentions (values with X's) never count, so no
// day is invented.
//
// Each chosen day's text is the sentence, among those mentioning the day,
// that shares most words with the others (the one most articles agree
// with), leaving out those of under five content words when the day has
// longer ones (a date header, "Viernes, 28 de enero", or a "Publié le"
// line says nothing happened); its citation is that article and the
// sentence's bytes, followed by the other articles that mention the day.
//
// Thread safety: a pure function.
#ifndef NEWSLOOM_STORY_TIMELINE_H_
#define NEWSLOOM_STORY_TIMELINE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/article.h"
#include "engine/annotations.h"

namespace newsloom {

class Analyses;

struct Citation {
  std::string article;  // Article::id
  std::string outlet;   // CoverageOutlet: source, site, else the input file name
  uint32_t start = 0, end = 0;  // bytes of the article's text
};

struct TimelineEntry {
  std::string date;     // YYYY-MM-DD
  std::string text;     // a sentence from the first citation
  double score = 0;     // articles voting for it (see the file comment)
  // Articles that mention the day or were published on it (a line many
  // articles hold counts for each); citations lists at most max_citations.
  size_t articles = 0;
  std::vector<Citation> citations;  // the sentence's, then other mentions
};

struct TimelineOptions {
  // Days on the timeline; 0 = every day at least `min_score` supports.
  size_t max_dates = 0;
  double min_score = 2;
  // Window of a mention around its article's publication day.
  int window_back_days = 365;
  int window_forward_days = 3;
  double publication_weight = 1;
  // A mention in a line n articles hold weighs 1/n (false: 1).
  bool count_repeated_lines_once = true;
  // Citations listed per day.
  size_t max_citations = 5;
  // Analyses shared with the report's other parts (story/analyses.h);
  // null: the articles are analysed here.
  Analyses* analyses = nullptr;
};

// The timeline of `articles` (`notes[i]` are the annotations of
// `articles[i]`), in date order.
std::vector<TimelineEntry> BuildTimeline(std::span<const Article* const> articles,
                                         std::span<const ArticleAnnotations> notes,
                                         const TimelineOptions& options);

}  // namespace newsloom

#endif  // NEWSLOOM_STORY_TIMELINE_H_
