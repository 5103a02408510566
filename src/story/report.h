// The story report: headline, per-language cited summaries, the events,
// the dated timeline, the coverage comparison and the entity table, as
// JSON, Markdown or one self-contained HTML page.
//
//   StoryReport r = BuildReport(input, annotator);
//   std::string html = ReportHtml(r);   // no network, no scripts
//
// Every summary, timeline and coverage sentence carries a Citation (article
// id, outlet, byte span of Article::text). The HTML lists each article's
// text at the end with the cited bytes marked, and every citation links to
// its mark, so a reader can check each statement where it came from. It
// inlines its CSS and draws the timeline and the per-outlet coverage as
// SVG; all article text is HTML-escaped. It reads on a phone (one column,
// viewport meta, wrapping tables).
//
// Thread safety: pure functions (BuildReport uses the caller's Annotator).
#ifndef NEWSLOOM_STORY_REPORT_H_
#define NEWSLOOM_STORY_REPORT_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/article.h"
#include "engine/annotations.h"
#include "engine/entities.h"
#include "story/coverage.h"
#include "story/summary.h"
#include "story/timeline.h"

namespace newsloom {

// What the store knows of a story, for BuildReport.
struct ReportInput {
  int64_t story_id = 0;
  std::string headline;
  struct Event {
    int64_t id = 0;
    std::string headline;
    std::vector<size_t> articles;  // indexes into `articles`
  };
  std::vector<Event> events;
  std::vector<Article> articles;
  std::set<std::string> duplicates;  // ids of articles that copy another
  // The annotations of `articles`, in order, when the caller has them:
  // only Annotator::Annotate of all of `articles` together (not what a
  // store keeps, which may have been made a few articles at a time);
  // otherwise, or when the sizes differ, BuildReport computes them.
  std::vector<ArticleAnnotations> annotations;
};

// A row of the entity table: engine/entities.h AnnotatedEntities, the
// table `show` prints for an annotated story.
using ReportEntity = StoryEntity;

struct StoryReport {
  int64_t story_id = 0;
  std::string headline;
  std::optional<UnixSeconds> first, last;  // of its dated articles
  size_t copies = 0;   // of `articles`, those that copy another (duplicates)
  size_t undated = 0;  // of `articles`, those without a publication time
  struct Event {
    int64_t id = 0;
    std::string headline;
    std::optional<UnixSeconds> first, last;  // of its dated articles
    size_t articles = 0;
    size_t copies = 0;   // of `articles`, those that copy another (duplicates)
    size_t undated = 0;  // of `articles`, those without a publication time
    std::vector<Summary> summaries;
  };
  std::vector<Event> events;
  std::vector<Summary> summaries;       // dominant language first
  std::vector<TimelineEntry> timeline;
  Coverage coverage;
  std::vector<ReportEntity> entities;   // most articles first
  std::vector<Article> articles;        // what the citations point into
  std::set<std::string> duplicates;
};

// Of each article's text, reads what `annotator` reads
// (AnnotatorOptions::max_text_bytes): the summaries, timeline and coverage
// cite nothing past it.
StoryReport BuildReport(ReportInput input, Annotator& annotator);

nlohmann::json ReportJson(const StoryReport& r);
std::string ReportMarkdown(const StoryReport& r);
std::string ReportHtml(const StoryReport& r);

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace newsloom

#endif  // NEWSLOOM_STORY_REPORT_H_
