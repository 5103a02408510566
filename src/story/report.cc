#include "story/report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "base/utf8.h"
#include "story/analyses.h"

namespace newsloom {
namespace {

using nlohmann::json;

std::string Day(const std::optional<UnixSeconds>& t) {
  if (!t) return "";
  return FormatIsoTime(*t).substr(0, 10);
}

// When the articles were published, as the report's lines print it: "2024-02-26
// to 2024-03-07", one day once, "" when none is dated; with a note when
// only some are ("2024-03-05 (4 of 5 articles undated)"), since a span
// of the dated ones alone would claim more than is known.
std::string PublishedSpan(const std::optional<UnixSeconds>& first,
                          const std::optional<UnixSeconds>& last, size_t undated,
                          size_t total) {
  if (!first) return "";
  std::string out = Day(first);
  if (Day(last) != out) out += " to " + Day(last);
  if (undated > 0) {
    out += " (" + std::to_string(undated) + " of " + Counted(total, "article", "articles") +
           " undated)";
  }
  return out;
}

// "3 articles", "1 article + 2 copies": the articles that copy another
// (ReportInput::duplicates) are counted apart, as the story list and
// `show` count only the others.
std::string ArticlesAndCopies(size_t articles, size_t copies) {
  std::string out = Counted(articles - copies, "article", "articles");
  if (copies > 0) out += " + " + Counted(copies, "copy", "copies");
  return out;
}

// The first words of an article's text, white space collapsed, at most
// kOpeningBytes: what names an untitled article in lists (as the web UI's
// article page names it).
constexpr size_t kOpeningBytes = 90;
std::string Opening(const Article& a) {
  constexpr size_t kCut = kOpeningBytes - 3;  // "…" is 3 bytes
  return Abbreviate(CollapseSpaces(a.text, kCut), kCut);
}

// The article list's name for an article: its title, else its opening,
// else its input.
std::string ArticleLabel(const Article& a) {
  if (!a.title.empty()) return a.title;
  std::string opening = Opening(a);
  return opening.empty() ? a.input : opening;
}

json DayJson(const std::optional<UnixSeconds>& t) {
  return t ? json(Day(t)) : json(nullptr);
}

json CitationJson(const Citation& c) {
  return {{"article", c.article}, {"outlet", c.outlet}, {"start", c.start}, {"end", c.end}};
}

json SummariesJson(const std::vector<Summary>& summaries) {
  json out = json::array();
  for (const Summary& s : summaries) {
    json sentences = json::array();
    for (const SummarySentence& x : s.sentences) {
      sentences.push_back({{"text", x.text}, {"citation", CitationJson(x.citation)}});
    }
    out.push_back({{"lang", s.lang}, {"articles", s.articles}, {"sentences", sentences}});
  }
  return out;
}

json FactJson(const CoverageFact& f) {
  return {{"kind", f.kind},         {"key", f.key},
          {"label", f.label},       {"outlets", f.outlets},
          {"mentions", f.mentions}, {"sentence", f.sentence},
          {"citation", CitationJson(f.citation)}};
}


}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

StoryReport BuildReport(ReportInput in, Annotator& annotator) {
  StoryReport r;
  r.story_id = in.story_id;
  r.headline = in.headline;
  r.articles = std::move(in.articles);
  r.duplicates = std::move(in.duplicates);
  std::vector<const Article*> whole;
  for (const Article& a : r.articles) {
    whole.push_back(&a);
    // Days as the outlets dated them (PublishedLocal), as every day here.
    if (const std::optional<UnixSeconds> t = PublishedLocal(a)) {
      if (!r.first || *t < *r.first) r.first = t;
      if (!r.last || *t > *r.last) r.last = t;
    } else {
      ++r.undated;
    }
    r.copies += r.duplicates.count(a.id);
  }
  // Every part reads what the annotator reads of an article (by default
  // kMaxAnalyzedTextBytes), so annotations given by the caller fit too.
  std::deque<Article> cut;
  const std::vector<const Article*> all =
      CutLongTexts(whole, annotator.options().max_text_bytes, &cut);
  const std::vector<ArticleAnnotations> notes =
      in.annotations.size() == all.size() ? std::move(in.annotations)
                                          : annotator.Annotate(all);
  Analyses analyses;  // each article analysed once for all parts
  SummaryOptions so;
  so.skip = r.duplicates;
  so.analyses = &analyses;
  r.summaries = Summarize(all, so);
  for (const ReportInput::Event& e : in.events) {
    StoryReport::Event out;
    out.id = e.id;
    out.headline = e.headline;
    out.articles = e.articles.size();
    std::vector<const Article*> members;
    for (size_t i : e.articles) {
      if (i >= r.articles.size()) continue;
      const Article& a = r.articles[i];
      members.push_back(all[i]);
      if (const std::optional<UnixSeconds> t = PublishedLocal(a)) {
        if (!out.first || *t < *out.first) out.first = t;
        if (!out.last || *t > *out.last) out.last = t;
      } else {
        ++out.undated;
      }
      out.copies += r.duplicates.count(a.id);
    }
    SummaryOptions eo = so;
    eo.max_sentences = 3;
    eo.min_sentences = 1;
    out.summaries = Summarize(members, eo);
    r.events.push_back(std::move(out));
  }
  TimelineOptions to;
  to.analyses = &analyses;
  r.timeline = BuildTimeline(all, notes, to);
  if (r.timeline.empty() && !all.empty()) {  // small stories: the best days
    TimelineOptions one = to;
    one.max_dates = 5;
    r.timeline = BuildTimeline(all, notes, one);
  }
  CoverageOptions co;
  co.skip = r.duplicates;
  co.analyses = &analyses;
  r.coverage = CompareCoverage(all, notes, co);
  r.entities = AnnotatedEntities(all, notes);
  return r;
}

json ReportJson(const StoryReport& r) {
  json events = json::array();
  for (const StoryReport::Event& e : r.events) {
    events.push_back({{"id", e.id}, {"headline", e.headline}, {"first", DayJson(e.first)},
                      {"last", DayJson(e.last)}, {"articles", e.articles},
                      {"summaries", SummariesJson(e.summaries)}});
  }
  json timeline = json::array();
  for (const TimelineEntry& t : r.timeline) {
    json citations = json::array();
    for (const Citation& c : t.citations) citations.push_back(CitationJson(c));
    timeline.push_back({{"date", t.date}, {"text", t.text}, {"score", t.score},
                        {"articles", t.articles}, {"citations", citations}});
  }
  json outlets = json::array();
  for (const OutletCoverage& o : r.coverage.outlets) {
    json quotes = json::array();
    for (const CarriedQuote& q : o.quotes) {
      quotes.push_back({{"speaker", q.speaker}, {"text", q.text}, {"kind", q.kind},
                        {"citation", CitationJson(q.citation)}});
    }
    outlets.push_back({{"outlet", o.outlet}, {"named", o.named}, {"articles", o.articles},
                       {"languages", o.languages}, {"first", DayJson(o.first)},
                       {"last", DayJson(o.last)}, {"quotes", quotes}});
  }
  json shared = json::array(), unique = json::array(), conflicts = json::array();
  for (const CoverageFact& f : r.coverage.shared) shared.push_back(FactJson(f));
  for (const CoverageFact& f : r.coverage.unique) unique.push_back(FactJson(f));
  for (const NumberConflict& c : r.coverage.conflicts) {
    json figures = json::array();
    for (const CoverageFact& f : c.figures) figures.push_back(FactJson(f));
    conflicts.push_back({{"unit", c.unit}, {"stem", c.stem}, {"figures", figures}});
  }
  json entities = json::array();
  for (const ReportEntity& e : r.entities) {
    json forms = json::object();
    for (const EntityForms& f : e.forms) forms[f.lang] = f.surfaces;
    entities.push_back({{"key", e.key}, {"name", e.name}, {"type", e.type},
                        {"articles", e.articles}, {"mentions", e.mentions},
                        {"forms", forms}});
  }
  json articles = json::array();
  for (const Article& a : r.articles) {
    articles.push_back({{"id", a.id}, {"title", a.title}, {"opening", Opening(a)},
                        {"outlet", CoverageOutlet(a)},
                        {"lang", a.lang}, {"date", DayJson(PublishedLocal(a))},
                        {"url", a.url}, {"input", a.input},
                        {"duplicate", r.duplicates.count(a.id) > 0}});
  }
  return {{"story", r.story_id},
          {"headline", r.headline},
          {"first", DayJson(r.first)},
          {"last", DayJson(r.last)},
          {"summaries", SummariesJson(r.summaries)},
          {"events", events},
          {"timeline", timeline},
          {"coverage",
           {{"outlets", outlets}, {"shared", shared}, {"unique", unique},
            {"conflicts", conflicts}}},
          {"entities", entities},
          {"articles", articles}};
}

namespace {

// "[outlet, article]" for Markdown.
std::string MdCite(const Citation& c) {
  return "[" + (c.outlet.empty() ? "" : c.outlet + " ") + c.article + " @" +
         std::to_string(c.start) + "-" + std::to_string(c.end) + "]";
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// `s` as one cell of a Markdown table: on one line, its '|' escaped.
std::string Cell(std::string_view s) {
  std::string out;
  for (char c : OneLine(s)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string ReportMarkdown(const StoryReport& r) {
  std::ostringstream md;
  md << "# " << (r.headline.empty() ? "Story " + std::to_string(r.story_id) : OneLine(r.headline))
     << "\n\n";
  md << "Story " << r.story_id << " · " << ArticlesAndCopies(r.articles.size(), r.copies)
     << " · " << CountOutlets(r.coverage);
  if (r.first) {
    md << " · " << PublishedSpan(r.first, r.last, r.undated, r.articles.size());
  }
  md << "\n\n## Summary\n\n";
  for (const Summary& s : r.summaries) {
    md << "**" << s.lang << "** (" << Counted(s.articles, "article", "articles") << ")\n\n";
    for (const SummarySentence& x : s.sentences) {
      md << "- " << OneLine(x.text) << " " << MdCite(x.citation) << "\n";
    }
    md << "\n";
  }
  md << "## Timeline\n\n";
  for (const TimelineEntry& t : r.timeline) {
    md << "- **" << t.date << "** " << OneLine(t.text) << " " << MdCite(t.citations.front());
    if (t.articles > 1) {
      md << " (+" << t.articles - 1 << " more " << (t.articles > 2 ? "articles" : "article") << ")";
    }
    md << "\n";
  }
  md << "\n## Events\n\n";
  for (const StoryReport::Event& e : r.events) {
    md << "### " << OneLine(e.headline) << "\n\n" << ArticlesAndCopies(e.articles, e.copies);
    md << ", " << (e.first ? PublishedSpan(e.first, e.last, e.undated, e.articles) : "undated");
    md << "\n\n";
    if (!e.summaries.empty()) {
      for (const SummarySentence& x : e.summaries.front().sentences) {
        md << "- " << OneLine(x.text) << " " << MdCite(x.citation) << "\n";
      }
      md << "\n";
    }
  }
  md << "## Coverage\n\n| outlet | articles | languages | first | last |\n|---|---|---|---|---|\n";
  for (const OutletCoverage& o : r.coverage.outlets) {
    md << "| " << Cell(o.outlet) << (o.named ? "" : " (file; no outlet given)") << " | "
       << o.articles.size() << " | ";
    for (size_t i = 0; i < o.languages.size(); ++i) md << (i ? ", " : "") << Cell(o.languages[i]);
    md << " | " << Day(o.first) << " | " << Day(o.last) << " |\n";
  }
  auto facts = [&](const char* title, const std::vector<CoverageFact>& list) {
    if (list.empty()) return;
    md << "\n**" << title << "**\n\n";
    for (const CoverageFact& f : list) {
      md << "- " << f.label << " (" << f.kind << "; ";
      for (size_t i = 0; i < f.outlets.size(); ++i) md << (i ? ", " : "") << f.outlets[i];
      md << "): " << OneLine(Abbreviate(f.sentence, 200)) << " " << MdCite(f.citation) << "\n";
    }
  };
  facts("Reported by most outlets", r.coverage.shared);
  facts("Reported by one outlet only", r.coverage.unique);
  if (!r.coverage.conflicts.empty()) {
    md << "\n**Figures that differ between outlets**\n\n";
    for (const NumberConflict& c : r.coverage.conflicts) {
      md << "- " << c.unit << ":";
      for (const CoverageFact& f : c.figures) {
        md << " " << f.label << " (" << f.outlets.front() << ")";
      }
      md << "\n";
    }
  }
  md << "\n**Quotes carried**\n\n";
  for (const OutletCoverage& o : r.coverage.outlets) {
    for (const CarriedQuote& q : o.quotes) {
      md << "- " << o.outlet << ": " << (q.speaker.empty() ? "unattributed" : q.speaker)
         << " — \"" << OneLine(Abbreviate(q.text, 200)) << "\" " << MdCite(q.citation) << "\n";
    }
  }
  md << "\n## Entities\n\n| name | type | articles | forms |\n|---|---|---|---|\n";
  for (size_t i = 0; i < r.entities.size() && i < 30; ++i) {
    const ReportEntity& e = r.entities[i];
    md << "| " << Cell(e.name) << " | " << Cell(e.type) << " | " << e.articles << " | ";
    for (size_t k = 0; k < e.forms.size(); ++k) {
      md << (k ? "; " : "") << Cell(e.forms[k].lang) << ": ";
      for (size_t j = 0; j < e.forms[k].surfaces.size(); ++j)
        md << (j ? ", " : "") << Cell(e.forms[k].surfaces[j]);
    }
    md << " |\n";
  }
  md << "\n## Articles\n\n";
  for (const Article& a : r.articles) {
    md << "- `" << a.id << "` " << CoverageOutlet(a) << ", " << a.lang << ", "
       << (a.published ? Day(PublishedLocal(a)) : "undated") << ": "
       << ArticleLabel(a) << (r.duplicates.count(a.id) ? " (copy)" : "") << "\n";
  }
  // Titles, outlets and texts come from outside: no terminal controls
  // (ESC, BEL, CR) reach a reader's screen.
  return PrintableText(md.str(), /*keep_line_feeds=*/true);
}

namespace {

std::string Anchor(const Citation& c) {
  return "a-" + c.article + "-" + std::to_string(c.start);
}

std::string HtmlCite(const Citation& c) {
  return "<a class=\"cite\" href=\"#" + HtmlEscape(Anchor(c)) + "\">" +
         HtmlEscape(c.outlet.empty() ? c.article : c.outlet) + "</a>";
}

// Days since the epoch of "YYYY-MM-DD" (0 when unparsable).
int64_t DayIndex(const std::string& day) {
  Result<UnixSeconds> t = ParseIsoTime(day);
  return t.ok() ? *t / 86400 : 0;
}

std::string TimelineSvg(const StoryReport& r) {
  if (r.timeline.empty()) return "";
  const int64_t lo = DayIndex(r.timeline.front().date);
  const int64_t hi = std::max(lo + 1, DayIndex(r.timeline.back().date));
  double max_score = 1;
  for (const TimelineEntry& t : r.timeline) max_score = std::max(max_score, t.score);
  const int width = 640, row = 26, top = 10;
  const int height = top + row * static_cast<int>(r.timeline.size()) + 24;
  std::ostringstream svg;
  svg << "<svg class=\"chart\" viewBox=\"0 0 " << width << " " << height
      << "\" role=\"img\" aria-label=\"Timeline\" xmlns=\"http://www.w3.org/2000/svg\">";
  const int x0 = 90, x1 = width - 20;
  svg << "<line x1=\"" << x0 << "\" y1=\"" << height - 20 << "\" x2=\"" << x1 << "\" y2=\""
      << height - 20 << "\" stroke=\"#888\"/>";
  svg << "<text x=\"" << x0 << "\" y=\"" << height - 6 << "\" font-size=\"11\">"
      << HtmlEscape(r.timeline.front().date) << "</text>";
  svg << "<text x=\"" << x1 << "\" y=\"" << height - 6
      << "\" font-size=\"11\" text-anchor=\"end\">" << HtmlEscape(r.timeline.back().date)
      << "</text>";
  for (size_t i = 0; i < r.timeline.size(); ++i) {
    const TimelineEntry& t = r.timeline[i];
    const double x = x0 + (x1 - x0) * double(DayIndex(t.date) - lo) / double(hi - lo);
    const int y = top + row * static_cast<int>(i) + row / 2;
    const double radius = 3 + 6 * t.score / max_score;
    svg << "<line x1=\"" << x << "\" y1=\"" << y << "\" x2=\"" << x << "\" y2=\""
        << height - 20 << "\" stroke=\"#ccd\" stroke-dasharray=\"2,3\"/>";
    svg << "<a href=\"#t-" << HtmlEscape(t.date) << "\"><circle cx=\"" << x << "\" cy=\"" << y
        << "\" r=\"" << radius << "\" fill=\"#3a6ea5\"><title>" << HtmlEscape(t.date) << ": "
        << HtmlEscape(Abbreviate(t.text, 120)) << "</title></circle></a>";
    svg << "<text x=\"4\" y=\"" << y + 5 << "\" font-size=\"14\">" << HtmlEscape(t.date)
        << "</text>";
  }
  svg << "</svg>";
  return svg.str();
}

std::string CoverageSvg(const StoryReport& r) {
  const auto& outlets = r.coverage.outlets;
  if (outlets.empty()) return "";
  size_t most = 1;
  for (const OutletCoverage& o : outlets) most = std::max(most, o.articles.size());
  const int width = 640, row = 22;
  const int height = row * static_cast<int>(outlets.size()) + 8;
  std::ostringstream svg;
  svg << "<svg class=\"chart\" viewBox=\"0 0 " << width << " " << height
      << "\" role=\"img\" aria-label=\"Articles per outlet\" "
         "xmlns=\"http://www.w3.org/2000/svg\">";
  const int x0 = 200, x1 = width - 40;
  for (size_t i = 0; i < outlets.size(); ++i) {
    const OutletCoverage& o = outlets[i];
    const int y = 4 + row * static_cast<int>(i);
    const double w = (x1 - x0) * double(o.articles.size()) / double(most);
    svg << "<text x=\"4\" y=\"" << y + 14 << "\" font-size=\"11\">"
        << HtmlEscape(Abbreviate(o.outlet, 32)) << "</text>";
    svg << "<rect x=\"" << x0 << "\" y=\"" << y + 3 << "\" width=\"" << w
        << "\" height=\"14\" fill=\"#e08a3c\"><title>" << o.articles.size()
        << " articles</title></rect>";
    svg << "<text x=\"" << x0 + w + 4 << "\" y=\"" << y + 14 << "\" font-size=\"11\">"
        << o.articles.size() << "</text>";
  }
  svg << "</svg>";
  return svg.str();
}

// The article's text with its cited spans marked (overlapping ones merged
// into one mark) and an anchor where each cited span starts, the target of
// its citations.
std::string MarkedText(const Article& a, std::vector<std::pair<uint32_t, uint32_t>> spans) {
  const std::string_view text = a.text;
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  std::set<uint32_t> starts;
  for (const auto& [start, end] : spans) {
    if (start >= end || end > text.size()) continue;
    starts.insert(start);
    if (!merged.empty() && start <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, end);
    } else {
      merged.push_back({start, end});
    }
  }
  std::string out;
  uint32_t at = 0;
  auto emit_until = [&](uint32_t to) {
    // Text up to `to`, with the anchors that start inside it.
    for (auto it = starts.lower_bound(at); it != starts.end() && *it < to; ++it) {
      out += HtmlEscape(text.substr(at, *it - at));
      out += "<span id=\"" + HtmlEscape(Anchor({a.id, "", *it, *it})) + "\"></span>";
      at = *it;
    }
    out += HtmlEscape(text.substr(at, to - at));
    at = to;
  };
  for (const auto& [start, end] : merged) {
    emit_until(start);
    out += "<mark>";
    emit_until(end);
    out += "</mark>";
  }
  out += HtmlEscape(text.substr(at));
  return out;
}

}  // namespace

std::string ReportHtml(const StoryReport& r) {
  std::map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> cited;
  auto cite = [&](const Citation& c) {
    cited[c.article].push_back({c.start, c.end});
    return HtmlCite(c);
  };
  std::ostringstream h;
  const std::string title =
      r.headline.empty() ? "Story " + std::to_string(r.story_id) : r.headline;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<title>"
    << HtmlEscape(title)
    << "</title><style>"
       "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:0 auto;padding:1em;"
       "color:#222}h1{font-size:1.5em;line-height:1.25}h2{margin-top:1.6em;border-bottom:"
       "1px solid #ddd}.meta{color:#666}.cite{font-size:.8em;color:#3a6ea5;white-space:"
       "nowrap;margin-left:.3em}.cite:before{content:'['}.cite:after{content:']'}"
       "table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}"
       "td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}"
       ".chart{width:100%;height:auto;margin:.5em 0}mark{background:#fff1a8}"
       "mark:target{background:#ffc94d;outline:2px solid #e08a3c}"
       ".article{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:.8em;"
       "font-size:.95em}li{margin:.3em 0}.lang{font-weight:bold}"
       "</style></head><body>\n";
  h << "<h1>" << HtmlEscape(title) << "</h1>\n<p class=\"meta\">Story " << r.story_id
    << " · " << ArticlesAndCopies(r.articles.size(), r.copies) << " · "
    << HtmlEscape(CountOutlets(r.coverage));
  if (r.first) {
    h << " · "
      << HtmlEscape(PublishedSpan(r.first, r.last, r.undated, r.articles.size()));
  }
  h << "</p>\n<h2>Summary</h2>\n";
  for (const Summary& s : r.summaries) {
    h << "<p class=\"lang\">" << HtmlEscape(s.lang) << " ("
      << Counted(s.articles, "article", "articles") << ")</p><ul>";
    for (const SummarySentence& x : s.sentences) {
      h << "<li>" << HtmlEscape(x.text) << cite(x.citation) << "</li>";
    }
    h << "</ul>\n";
  }
  h << "<h2>Timeline</h2>\n" << TimelineSvg(r) << "<ul>";
  for (const TimelineEntry& t : r.timeline) {
    h << "<li id=\"t-" << HtmlEscape(t.date) << "\"><b>" << HtmlEscape(t.date) << "</b> "
      << HtmlEscape(t.text);
    for (const Citation& c : t.citations) h << cite(c);
    h << "</li>";
  }
  h << "</ul>\n<h2>Events</h2>\n";
  for (const StoryReport::Event& e : r.events) {
    h << "<h3>" << HtmlEscape(e.headline) << "</h3><p class=\"meta\">"
      << ArticlesAndCopies(e.articles, e.copies) << " · "
      << (e.first ? PublishedSpan(e.first, e.last, e.undated, e.articles) : "undated");
    h << "</p>";
    if (!e.summaries.empty()) {
      h << "<ul>";
      for (const SummarySentence& x : e.summaries.front().sentences) {
        h << "<li>" << HtmlEscape(x.text) << cite(x.citation) << "</li>";
      }
      h << "</ul>";
    }
  }
  h << "\n<h2>Coverage</h2>\n" << CoverageSvg(r)
    << "<table><tr><th>outlet</th><th>articles</th><th>languages</th><th>first</th>"
       "<th>last</th></tr>";
  for (const OutletCoverage& o : r.coverage.outlets) {
    h << "<tr><td>" << HtmlEscape(o.outlet) << (o.named ? "" : " (file; no outlet given)")
      << "</td><td>" << o.articles.size() << "</td><td>";
    for (size_t i = 0; i < o.languages.size(); ++i)
      h << (i ? ", " : "") << HtmlEscape(o.languages[i]);
    h << "</td><td>" << Day(o.first) << "</td><td>" << Day(o.last) << "</td></tr>";
  }
  h << "</table>\n";
  auto facts = [&](const char* heading, const std::vector<CoverageFact>& list) {
    if (list.empty()) return;
    h << "<h3>" << heading << "</h3><ul>";
    for (const CoverageFact& f : list) {
      h << "<li><b>" << HtmlEscape(f.label) << "</b> (";
      for (size_t i = 0; i < f.outlets.size(); ++i) h << (i ? ", " : "") << HtmlEscape(f.outlets[i]);
      h << "): " << HtmlEscape(Abbreviate(f.sentence, 240)) << cite(f.citation) << "</li>";
    }
    h << "</ul>";
  };
  facts("Reported by most outlets", r.coverage.shared);
  facts("Reported by one outlet only", r.coverage.unique);
  if (!r.coverage.conflicts.empty()) {
    h << "<h3>Figures that differ between outlets</h3><ul>";
    for (const NumberConflict& c : r.coverage.conflicts) {
      h << "<li>" << HtmlEscape(c.unit) << ":";
      for (const CoverageFact& f : c.figures) {
        h << " " << HtmlEscape(f.label) << " (" << HtmlEscape(f.outlets.front()) << ")"
          << cite(f.citation);
      }
      h << "</li>";
    }
    h << "</ul>";
  }
  h << "<h3>Quotes carried</h3><table><tr><th>outlet</th><th>speaker</th><th>quote</th></tr>";
  for (const OutletCoverage& o : r.coverage.outlets) {
    for (const CarriedQuote& q : o.quotes) {
      h << "<tr><td>" << HtmlEscape(o.outlet) << "</td><td>"
        << HtmlEscape(q.speaker.empty() ? "unattributed" : q.speaker) << "</td><td>“"
        << HtmlEscape(Abbreviate(q.text, 240)) << "”" << cite(q.citation) << "</td></tr>";
    }
  }
  h << "</table>\n<h2>Entities</h2><table><tr><th>name</th><th>type</th><th>articles</th>"
       "<th>forms by language</th></tr>";
  for (size_t i = 0; i < r.entities.size() && i < 40; ++i) {
    const ReportEntity& e = r.entities[i];
    h << "<tr><td>" << HtmlEscape(e.name) << "</td><td>" << HtmlEscape(e.type) << "</td><td>"
      << e.articles << "</td><td>";
    for (size_t k = 0; k < e.forms.size(); ++k) {
      h << (k ? "; " : "") << HtmlEscape(e.forms[k].lang) << ": ";
      for (size_t j = 0; j < e.forms[k].surfaces.size(); ++j)
        h << (j ? ", " : "") << HtmlEscape(e.forms[k].surfaces[j]);
    }
    h << "</td></tr>";
  }
  h << "</table>\n<h2>Articles</h2>\n";
  for (const Article& a : r.articles) {
    h << "<h3 id=\"art-" << HtmlEscape(a.id) << "\">"
      << HtmlEscape(ArticleLabel(a)) << "</h3><p class=\"meta\">"
      << HtmlEscape(CoverageOutlet(a)) << " · " << HtmlEscape(a.lang) << " · "
      << (a.published ? Day(PublishedLocal(a)) : "undated") << " · <code>" << HtmlEscape(a.id)
      << "</code>" << (r.duplicates.count(a.id) ? " · copy of another article" : "");
    if (!a.url.empty()) {
      h << " · " << HtmlEscape(a.url);  // shown, not linked: the page works offline
    }
    h << "</p><div class=\"article\">" << MarkedText(a, cited[a.id]) << "</div>\n";
  }
  h << "<p class=\"meta\">Made by newsloom. Every bracketed source links to the marked "
       "sentence in its article above.</p></body></html>\n";
  return h.str();
}

}  // namespace newsloom
