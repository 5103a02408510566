// Story reports: every citation points at the exact bytes it quotes (seeds
// and a dev corpus), the seeds' timeline and coverage facts, escaping.
#include "story/report.h"
#include "story/coverage.h"
#include "story/summary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "base/time.h"
#include "base/utf8.h"
#include "engine/features.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;

const Article* ById(const StoryReport& r, const std::string& id) {
  for (const Article& a : r.articles) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

// The cited bytes, or "" (and a failure) when the citation is broken.
std::string Cited(const StoryReport& r, const Citation& c) {
  const Article* a = ById(r, c.article);
  EXPECT_NE(a, nullptr) << c.article;
  if (a == nullptr) return "";
  EXPECT_LT(c.start, c.end);
  EXPECT_LE(c.end, a->text.size());
  if (c.start >= c.end || c.end > a->text.size()) return "";
  return a->text.substr(c.start, c.end - c.start);
}

void ExpectCitationsExact(const StoryReport& r) {
  size_t checked = 0;
  for (const Summary& s : r.summaries) {
    for (const SummarySentence& x : s.sentences) {
      EXPECT_EQ(Cited(r, x.citation), x.text);
      ++checked;
    }
  }
  for (const StoryReport::Event& e : r.events) {
    for (const Summary& s : e.summaries) {
      for (const SummarySentence& x : s.sentences) {
        EXPECT_EQ(Cited(r, x.citation), x.text);
        ++checked;
      }
    }
  }
  for (const TimelineEntry& t : r.timeline) {
    ASSERT_FALSE(t.citations.empty());
    EXPECT_EQ(Cited(r, t.citations.front()), t.text);
    for (const Citation& c : t.citations) Cited(r, c);
    ++checked;
  }
  for (const auto* list : {&r.coverage.shared, &r.coverage.unique}) {
    for (const CoverageFact& f : *list) {
      EXPECT_EQ(Cited(r, f.citation), f.sentence);
      ++checked;
    }
  }
  for (const OutletCoverage& o : r.coverage.outlets) {
    for (const CarriedQuote& q : o.quotes) {
      EXPECT_EQ(Cited(r, q.citation), q.text);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

ReportInput SeedsInput() {
  ReportInput in;
  const fs::path seeds = fs::path(NEWSLOOM_SHARED_DIR) / "seeds";
  if (!fs::exists(seeds)) return in;
  ReadInputs({seeds.string()}, ReadOptions{},
             [&](Article&& a) { in.articles.push_back(std::move(a)); },
             [](const IngestError& e) { ADD_FAILURE() << e.ToString(); });
  std::sort(in.articles.begin(), in.articles.end(),
            [](const Article& a, const Article& b) { return a.input < b.input; });
  for (Article& a : in.articles) {
    a.lang = a.input.find("/002_") != std::string::npos ? "da" : "en";
  }
  in.story_id = 1;
  in.headline = "Seeds";
  in.events = {{1, "Paris conference", {0, 1, 2}}, {2, "Video call", {3, 4}}};
  return in;
}

// Annotations the caller made of the whole story (the story page's) are
// used as they are; the same ones give the same report, and a list of
// another length is recomputed.
// Of a long text the report reads what the annotator reads: nothing past
// it is summarised or cited.
TEST(ReportTest, ALongTextIsReadUpToTheAnnotatorsCap) {
  ReportInput in;
  in.story_id = 1;
  in.headline = "Ferries";
  Article a;
  a.id = "long";
  a.lang = "en";
  a.source = "Herald";
  a.published = 1708905600;
  while (a.text.size() < 20000) {
    a.text += "The ferry to Bornholm stopped on Monday, Captain Lise Holm said.\n";
  }
  const size_t cap = a.text.size();
  // Past the cap: the one sentence that would lead any summary.
  for (int i = 0; i < 50; ++i) {
    a.text += "Zealand declared a state of emergency as the storm reached Copenhagen.\n";
  }
  in.articles.push_back(a);
  in.events = {{1, "Ferry stops", {0}}};
  AnnotatorOptions options;
  options.max_text_bytes = cap;
  Annotator annotator(options);
  const StoryReport r = BuildReport(in, annotator);
  ASSERT_FALSE(r.summaries.empty());
  const std::string json = ReportJson(r).dump();
  EXPECT_EQ(json.find("Zealand"), std::string::npos) << json.substr(0, 2000);
  for (const Summary& s : r.summaries) {
    for (const SummarySentence& sentence : s.sentences) {
      EXPECT_LE(sentence.citation.end, cap);
    }
  }
}

TEST(ReportTest, UsesTheAnnotationsItIsGiven) {
  ReportInput in;
  in.story_id = 1;
  in.headline = "Ferries";
  for (int i = 0; i < 2; ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.lang = "en";
    a.source = i == 0 ? "Herald" : "Courier";
    a.published = 1708905600 + 3600 * i;
    a.text = "The ferry to Bornholm stopped on Monday, Captain Lise Holm said. "
             "Storms closed the harbour in Ronne for two days.";
    in.articles.push_back(a);
  }
  in.events = {{1, "Ferry stops", {0, 1}}};
  Annotator annotator;
  std::vector<const Article*> all;
  for (const Article& a : in.articles) all.push_back(&a);
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(all);
  const nlohmann::json fresh = ReportJson(BuildReport(in, annotator));

  ReportInput given = in;
  given.annotations = notes;
  EXPECT_EQ(ReportJson(BuildReport(given, annotator)), fresh);

  given.annotations = notes;
  for (ArticleAnnotations& n : given.annotations) {
    n.entities.push_back({0, 3, "The", "ORG", "test-key", "Test Name"});
  }
  const StoryReport marked = BuildReport(given, annotator);
  EXPECT_TRUE(std::any_of(marked.entities.begin(), marked.entities.end(),
                          [](const ReportEntity& e) { return e.key == "test-key"; }));

  given.annotations.pop_back();  // not one per article: recomputed
  EXPECT_EQ(ReportJson(BuildReport(given, annotator)), fresh);
}

TEST(ReportTest, SeedsTimelineCoverageAndCitations) {
  ReportInput in = SeedsInput();
  if (in.articles.size() != 5) GTEST_SKIP() << "no seeds under " << NEWSLOOM_SHARED_DIR;
  Annotator annotator;
  const StoryReport r = BuildReport(std::move(in), annotator);
  ExpectCitationsExact(r);
  // The dated facts the seeds state: the 16 Feb agreement and Navalny's
  // death, the 26 Feb conference, the 5 Mar invitation, the 7 Mar call.
  std::set<std::string> days;
  for (const TimelineEntry& t : r.timeline) days.insert(t.date);
  for (const char* d : {"2024-02-16", "2024-02-26", "2024-03-05", "2024-03-07"}) {
    EXPECT_TRUE(days.count(d)) << d;
  }
  // Only the BBC (001) gives the $95bn aid package.
  bool aid = false;
  for (const CoverageFact& f : r.coverage.unique) {
    if (f.kind == "number" && f.label.find("$95bn") != std::string::npos) {
      aid = true;
      EXPECT_EQ(f.outlets, std::vector<std::string>{"001_c732af879bfc5e59.txt"});
    }
  }
  EXPECT_TRUE(aid);
  // A figure's label is as written up to the word it counts, its currency
  // sign kept, without the punctuation between them.
  std::set<std::string> labels;
  for (const CoverageFact& f : r.coverage.unique) {
    if (f.kind == "number") labels.insert(f.label);
  }
  for (const char* l : {"$61bn for Ukraine", "£75bn US", "$95bn US", "$3.2 billion military"}) {
    EXPECT_TRUE(labels.count(l)) << l;
  }
  // Summaries: English (four articles) first, then Danish.
  ASSERT_EQ(r.summaries.size(), 2u);
  EXPECT_EQ(r.summaries[0].lang, "en");
  EXPECT_GE(r.summaries[0].sentences.size(), 3u);
  EXPECT_LE(r.summaries[0].sentences.size(), 6u);
  // Every format renders.
  EXPECT_NE(ReportMarkdown(r).find("## Timeline"), std::string::npos);
  EXPECT_EQ(ReportJson(r)["timeline"].size(), r.timeline.size());
  const std::string html = ReportHtml(r);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
}

TEST(ReportTest, CitationsExactOnADevCorpus) {
  const fs::path path = fs::path(NEWSLOOM_SHARED_DIR) / "data" / "clustering" / "basil-dev.jsonl";
  if (!fs::exists(path)) GTEST_SKIP() << "no dev corpus at " << path;
  ReportInput in;
  ReadInputs({path.string()}, ReadOptions{},
             [&](Article&& a) {
               if (in.articles.size() < 60) in.articles.push_back(std::move(a));
             },
             [](const IngestError&) {});
  ReportInput::Event all{1, "all", {}};
  for (size_t i = 0; i < in.articles.size(); ++i) all.articles.push_back(i);
  in.events.push_back(all);
  Annotator annotator;
  ExpectCitationsExact(BuildReport(std::move(in), annotator));
}

TEST(ReportTest, HtmlEscapesArticleText) {
  ReportInput in;
  Article a;
  a.id = "x\"><script>";
  a.lang = "en";
  a.source = "<b>Outlet</b>";
  a.title = "<img src=x onerror=alert(1)>";
  a.text = "He said \"<script>alert(1)</script> is bad\" on Monday. It was 26 "
           "February 2024 & more. Another sentence with enough words to count here.";
  a.published = *ParseIsoTime("2024-02-27");
  in.articles.push_back(a);
  in.headline = "<script>x</script>";
  in.events.push_back({1, "<i>e</i>", {0}});
  Annotator annotator;
  const std::string html = ReportHtml(BuildReport(std::move(in), annotator));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>Outlet"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

// Markdown: terminal controls from titles, outlets and texts become
// spaces, a '|' in a table cell is escaped, and the lines of one JSONL file
// without a source are one outlet.
TEST(ReportTest, MarkdownIsSafeToPrintAndItsTablesHold) {
  ReportInput in;
  for (int i = 0; i < 2; ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.input = "week.jsonl:" + std::to_string(i + 1);
    a.lang = "en";
    a.title = "Evil\x1b[2J title\x07 \r" + std::to_string(i);
    a.text = "The council met on Monday\x1b]0;pwned\x07 and voted for the budget. "
             "Another sentence with enough words to count here.";
    a.published = *ParseIsoTime("2024-02-27");
    in.articles.push_back(a);
  }
  Article piped = in.articles[0];
  piped.id = "a2";
  piped.input = "other.jsonl:9";
  piped.source = "Evil | Outlet | x";
  in.articles.push_back(piped);
  in.headline = "Head\x1bline";
  in.events.push_back({1, "Event", {0, 1, 2}});
  Annotator annotator;
  const StoryReport r = BuildReport(std::move(in), annotator);
  const std::string md = ReportMarkdown(r);
  for (char c : md) {
    EXPECT_TRUE(c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20) << int(c);
    EXPECT_NE(c, '\x7f');
  }
  EXPECT_NE(md.find("| Evil \\| Outlet \\| x |"), std::string::npos) << md;
  EXPECT_NE(md.find("| week.jsonl (file; no outlet given) | 2 |"), std::string::npos) << md;
  EXPECT_NE(md.find("3 articles · 1 outlet + 1 file without an outlet"), std::string::npos) << md;
}

// The lines under the headline count in words ("1 article") and say when
// only some articles are dated: the seeds' story, with one dated article
// of five, printed "2024-03-05 to 2024-03-05".
// Article "a<i>" of outlet `source` in `lang`, published on `day` ("":
// undated), with a two-sentence text.
Article CountedArticle(int i, const char* lang, const std::string& source, const char* day) {
  Article a;
  a.id = "a" + std::to_string(i);
  a.input = "f" + std::to_string(i) + ".txt";
  a.lang = lang;
  a.source = source;
  a.title = "Title " + std::to_string(i);
  a.text = "The council met on Monday and voted for the budget. "
           "Another sentence with enough words to count here.";
  if (*day != '\0') a.published = *ParseIsoTime(day);
  return a;
}

TEST(ReportTest, CountsAndDatesSayWhatIsKnown) {
  ReportInput in;
  in.articles = {CountedArticle(0, "en", "Outlet", "2024-03-05"),
                 CountedArticle(1, "en", "Outlet", ""), CountedArticle(2, "da", "Outlet", "")};
  in.headline = "Head";
  in.events.push_back({1, "Dated", {0, 1}});
  in.events.push_back({2, "Undated", {2}});
  Annotator annotator;
  const StoryReport r = BuildReport(std::move(in), annotator);
  const std::string md = ReportMarkdown(r);
  EXPECT_NE(md.find("3 articles · 1 outlet · 2024-03-05 (2 of 3 articles undated)\n"),
            std::string::npos) << md;
  EXPECT_NE(md.find("**da** (1 article)"), std::string::npos) << md;
  EXPECT_NE(md.find("2 articles, 2024-03-05 (1 of 2 articles undated)\n"), std::string::npos)
      << md;
  EXPECT_NE(md.find("1 article, undated\n"), std::string::npos) << md;
  const std::string html = ReportHtml(r);
  EXPECT_NE(html.find("1 outlet · 2024-03-05 (2 of 3 articles undated)"), std::string::npos);
  EXPECT_NE(html.find("1 article · undated"), std::string::npos);
}

// Copies are counted apart, as the story list and `show` count articles.
TEST(ReportTest, CopiesAreCountedApart) {
  ReportInput in;
  in.articles = {CountedArticle(0, "en", "Outlet 0", "2025-01-03"),
                 CountedArticle(1, "en", "Outlet 1", "2025-01-04"),
                 CountedArticle(2, "en", "Outlet 2", "2025-01-04")};
  in.duplicates = {"a1", "a2"};
  in.headline = "Head";
  in.events.push_back({1, "Bridge", {0, 1, 2}});
  Annotator annotator;
  const StoryReport r = BuildReport(std::move(in), annotator);
  const std::string md = ReportMarkdown(r);
  EXPECT_NE(md.find("Story 0 · 1 article + 2 copies · "), std::string::npos) << md;
  EXPECT_NE(md.find("1 article + 2 copies, 2025-01-03 to 2025-01-04\n"), std::string::npos) << md;
  EXPECT_NE(ReportHtml(r).find("1 article + 2 copies · 2025-01-03 to 2025-01-04"),
            std::string::npos);
}

// Articles that name no outlet are listed under their file name and
// counted apart: the seeds, five .txt files, were "5 outlets".
TEST(ReportTest, FilesWithoutAnOutletAreCountedApart) {
  ReportInput in;
  in.articles = {CountedArticle(0, "en", "Herald", "2025-01-03"),
                 CountedArticle(1, "en", "", "2025-01-04"),
                 CountedArticle(2, "en", "", "2025-01-04")};
  in.articles[2].input = "week.jsonl:7";
  in.articles[1].title.clear();  // named by its opening in the list
  // Another folder's f1.txt is another file: a row of its own.
  in.articles.push_back(CountedArticle(3, "en", "", "2025-01-04"));
  in.articles[3].input = "other/f1.txt";
  in.articles[3].text = "Elsewhere the ferry stopped on Monday, the harbour master said.";
  in.headline = "Head";
  in.events.push_back({1, "Bridge", {0, 1, 2, 3}});
  Annotator annotator;
  const StoryReport r = BuildReport(in, annotator);
  ASSERT_EQ(r.coverage.outlets.size(), 4u);
  for (const OutletCoverage& o : r.coverage.outlets) {
    EXPECT_EQ(o.named, o.outlet == "Herald") << o.outlet;
  }
  EXPECT_EQ(CountOutlets(r.coverage), "1 outlet + 3 files without an outlet");
  const std::string md = ReportMarkdown(r);
  EXPECT_NE(md.find("4 articles · 1 outlet + 3 files without an outlet · "), std::string::npos)
      << md;
  EXPECT_NE(md.find("| f1.txt (file; no outlet given) | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| week.jsonl (file; no outlet given) | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| Herald | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("- `a1` f1.txt, en, 2025-01-04: The council met on Monday and voted for "
                    "the budget. Another"),
            std::string::npos) << md;
  const nlohmann::json j = ReportJson(r);
  for (const nlohmann::json& a : j["articles"]) {
    const std::string opening = a["opening"];
    if (a["id"] == "a3") continue;  // its own text
    EXPECT_EQ(opening.rfind("The council met on Monday", 0), 0u) << a.dump();
    EXPECT_LE(opening.size(), 90u);
  }
  for (const nlohmann::json& o : j["coverage"]["outlets"]) {
    EXPECT_EQ(o["named"], o["outlet"] == "Herald") << o.dump();
  }
  EXPECT_NE(ReportHtml(r).find("1 outlet + 3 files without an outlet"), std::string::npos);

  in.articles.pop_back();
  in.events.back().articles.pop_back();
  for (Article& a : in.articles) a.source.clear();
  const StoryReport none = BuildReport(in, annotator);
  EXPECT_EQ(CountOutlets(none.coverage), "no outlet given (3 files)");
  in.articles[1].url = "https://www.example.org/news/1";
  in.articles[2].url = "https://example.org/news/2";
  EXPECT_EQ(CountOutlets(BuildReport(in, annotator).coverage),
            "1 outlet + 1 file without an outlet");
}

// An untitled article is named by its opening: white space collapsed,
// cut on a character boundary with an ellipsis (a cut inside "é" gave an
// invalid byte).
TEST(ReportTest, AnUntitledArticleIsNamedByItsOpening) {
  ReportInput in;
  in.headline = "Head";
  in.articles = {CountedArticle(0, "en", "Herald", "2025-01-03"),
                 CountedArticle(1, "fr", "Courrier", "2025-01-03")};
  in.articles[0].title.clear();
  in.articles[0].text = "Hi" + std::string(357, ' ') + "\xC3\xA9t\xC3\xA9 " +
                        "ensuite la suite du texte.";
  in.articles[1].title.clear();
  in.articles[1].text.clear();
  for (int i = 0; i < 100; ++i) in.articles[1].text += "\xC3\xA9";
  in.events.push_back({1, "Bridge", {0, 1}});
  Annotator annotator;
  const nlohmann::json j = ReportJson(BuildReport(in, annotator));
  ASSERT_EQ(j["articles"].size(), 2u);
  const std::string first = j["articles"][0]["opening"];
  EXPECT_EQ(first, "Hi \xC3\xA9t\xC3\xA9 ensuite la suite du texte.");
  const std::string second = j["articles"][1]["opening"];
  EXPECT_TRUE(IsValidUtf8(second)) << second;
  EXPECT_LE(second.size(), 90u);
  EXPECT_TRUE(second.ends_with("\xE2\x80\xA6")) << second;
}

// Figures as each language writes them (the reports compared "8.700 ton"
// as 8.7 with "310 t", and "6,5 milliards" was 65).
// What outlets report in common is names, not adjectives of nationality:
// a one-word MISC ("French") is no fact; a longer one ("Lyon Declaration")
// is.
TEST(CoverageTest, AnAdjectiveOfNationalityIsNoFact) {
  std::vector<Article> articles(2);
  std::vector<ArticleAnnotations> notes(2);
  std::vector<const Article*> all;
  for (size_t i = 0; i < 2; ++i) {
    articles[i].id = "a" + std::to_string(i);
    articles[i].lang = "en";
    articles[i].source = i == 0 ? "Herald" : "Courier";
    articles[i].text = "French ministers signed the Lyon Declaration.";
    notes[i].entities = {{0, 6, "French", "MISC", "@french", "French"},
                         {29, 45, "Lyon Declaration", "MISC", "@lyon-declaration",
                          "Lyon Declaration"}};
    all.push_back(&articles[i]);
  }
  const Coverage c = CompareCoverage(all, notes, {});
  std::vector<std::string> shared;
  for (const CoverageFact& f : c.shared) {
    if (f.kind == "entity") shared.push_back(f.label);
  }
  EXPECT_EQ(shared, std::vector<std::string>{"Lyon Declaration"});
}

// Figures that differ are one thing counted differently: 12 dead against
// 15. Not an outlet's two figures of one unit (fuel and cargo in tonnes),
// nor figures far apart (a plan's 11,500 km and a first step's 3,100 km).
// Figures as the text writes them: thousands grouped by spaces are one
// figure ("1 800 milliards" was "800 milliards"), and the number of a name
// is none ("Covid-19 aux Etats-Unis" gave "19 aux Etats", "C-130" 130).
TEST(CoverageTest, FiguresGroupedBySpacesAndNamesWithNumbers) {
  std::vector<Article> articles(2);
  articles[0].text =
      "Le plan prévoit 1 800 milliards d'euros pour la relance. Le Covid-19 aux Etats-Unis a "
      "frappé 42\u00A0000 personnes. Un C-130 transportait 90 soldats.";
  articles[1].text = "Le plan prévoit 1 800 milliards d'euros selon Bruxelles.";
  std::vector<const Article*> all;
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = "a" + std::to_string(i);
    articles[i].lang = "fr";
    articles[i].source = i == 0 ? "Le Monde" : "Libération";
    all.push_back(&articles[i]);
  }
  const std::vector<ArticleAnnotations> notes(articles.size());
  const Coverage c = CompareCoverage(all, notes, {});
  std::set<std::string> labels;
  for (const auto* facts : {&c.shared, &c.unique}) {
    for (const CoverageFact& f : *facts) {
      if (f.kind == "number") labels.insert(f.label);
    }
  }
  EXPECT_TRUE(labels.count("1 800 milliards d'euros")) << ::testing::PrintToString(labels);
  EXPECT_TRUE(labels.count("42\u00A0000 personnes")) << ::testing::PrintToString(labels);
  EXPECT_TRUE(labels.count("90 soldats")) << ::testing::PrintToString(labels);
  // Figures that make an adjective or a rank count nothing (review: "43-year"
  // against "76-year", two people's ages; "No. 2" against "No. 3", two jobs).
  Article en;
  en.id = "e";
  en.lang = "en";
  en.source = "Times";
  en.text = "The 43-year-old congressman challenged the leader. Hoyer kept the No. 2 job "
            "and 12 members left.";
  Article other = en;
  other.id = "o";
  other.source = "Post";
  other.text = "Another outlet wrote about the vote.";
  const std::vector<const Article*> two = {&en, &other};
  const Coverage ec = CompareCoverage(two, std::vector<ArticleAnnotations>(2), {});
  std::set<std::string> en_labels;
  for (const auto* facts : {&ec.shared, &ec.unique}) {
    for (const CoverageFact& f : *facts) {
      if (f.kind == "number") en_labels.insert(f.label);
    }
  }
  EXPECT_EQ(en_labels, (std::set<std::string>{"12 members"}));
  for (const std::string& l : labels) {
    EXPECT_EQ(l.find("19"), std::string::npos) << l;
    EXPECT_EQ(l.find("130"), std::string::npos) << l;
    EXPECT_FALSE(l.starts_with("800")) << l;
  }
}

// The number facts of `text` (an outlet's, beside another's that has
// none) as "label=value", sorted, joined by " | ".
std::string FiguresOf(const std::string& lang, const std::string& text) {
  std::vector<Article> articles(2);
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = "a" + std::to_string(i);
    articles[i].lang = lang;
    articles[i].source = i == 0 ? "Herald" : "Courier";
  }
  articles[0].text = text;
  articles[1].text = "Another outlet wrote about it.";
  const std::vector<const Article*> all = {&articles[0], &articles[1]};
  const Coverage c = CompareCoverage(all, std::vector<ArticleAnnotations>(2), {});
  std::set<std::string> figures;
  for (const CoverageFact& f : c.unique) {
    if (f.kind == "number") figures.insert(f.label + "=" + f.key.substr(f.key.find('=') + 1));
  }
  std::string out;
  for (const std::string& f : figures) out += (out.empty() ? "" : " | ") + f;
  return out;
}

// A range is one figure, shown as written and valued by its ends (review:
// "10-15 soldiers" gave 10 and 15 as two figures, or none); its ends rise,
// so a score or a vote is still no figure, and years none either.
TEST(CoverageTest, RangesAreOneFigure) {
  struct Row {
    const char* lang;
    const char* text;
    const char* expected;
  } rows[] = {
      {"en", "Rebels killed 10-15 soldiers.", "10-15 soldiers=10-15"},
      {"en", "Rebels killed 10\u201315 soldiers.", "10\u201315 soldiers=10-15"},
      {"en", "Rebels killed 10 to 15 soldiers.", "10 to 15 soldiers=10-15"},
      {"en", "Rebels killed between 10 and 15 soldiers.",
       "between 10 and 15 soldiers=10-15"},
      {"en", "Rebels killed 10 and 15 soldiers.", "10 soldiers=10 | 15 soldiers=15"},
      {"en", "Neighbours heard between 13 to 15 shots.", "between 13 to 15 shots=13-15"},
      {"en", "Five children, ages 11 to 15 – were shot.", ""},
      {"en", "A $10-15bn package passed.", "$10-15bn package=1e+10-1.5e+10"},
      {"en", "Some 10-15 million people voted.", "10-15 million people=1e+07-1.5e+07"},
      {"es", "Murieron entre 10 y 15 soldados.", "entre 10 y 15 soldados=10-15"},
      {"es", "Votaron 1,5-2 millones de personas.",
       "1,5-2 millones de personas=1.5e+06-2e+06"},
      {"fr", "Les rebelles ont tué de 10 à 15 soldats.", "10 à 15 soldats=10-15"},
      {"fr", "Entre 1 800 et 2 000 soldats sont morts.",
       "Entre 1 800 et 2 000 soldats=1800-2000"},
      {"de", "Zwischen 10 und 15 Soldaten starben.", "Zwischen 10 und 15 Soldaten=10-15"},
      {"it", "Sono morti tra 10 e 15 soldati.", "tra 10 e 15 soldati=10-15"},
      // Scores and votes fall, years are years.
      {"en", "City won 3-2 at home and lost 1-2 away.", ""},
      {"en", "The court ruled 5-4 against the 43-year-old.", ""},
      {"en", "From 2010-2015 the town lost 12 schools.", "12 schools=12"},
      {"en", "Between 2005 and 2015 the town lost 12 schools.", "12 schools=12"},
      // Phone numbers, datelines and ordinals are no ranges (gva-dev).
      {"en", "Call 614-645-4141, 305-471-TIPS or (225) 389-4869 with tips.", ""},
      {"en", "(11-26) PST Seven men were shot.", ""},
      {"en", "A neighbour called Missoula County 9-11 dispatch.", ""},
      {"en", "Shots were heard at 3 a.m. and at 4 PM, and 12 people fled.", "12 people=12"},
      {"en", "Police fired 1,500-2,000 rounds on 12th to 15th avenues.",
       "1,500-2,000 rounds=1500-2000 | 12th avenues=12 | 15th avenues=15"},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(FiguresOf(r.lang, r.text), r.expected) << r.lang << ": " << r.text;
  }
}

TEST(CoverageTest, ConflictingFiguresCountOneThing) {
  const std::vector<std::pair<std::string, std::string>> said = {
      {"Herald", "The storm killed 12 people in Ronne. The ship carried 310 tonnes of fuel "
                 "and 8,700 tonnes of methanol. The plan covers 11,500 kilometres."},
      {"Courier", "The storm killed 15 people in Ronne. The ship carried 300 tonnes of fuel. "
                  "The first lines cover 3,100 kilometres."}};
  std::vector<Article> articles(said.size());
  std::vector<const Article*> all;
  for (size_t i = 0; i < said.size(); ++i) {
    articles[i].id = "a" + std::to_string(i);
    articles[i].lang = "en";
    articles[i].source = said[i].first;
    articles[i].text = said[i].second;
    all.push_back(&articles[i]);
  }
  const std::vector<ArticleAnnotations> notes(said.size());
  const Coverage c = CompareCoverage(all, notes, {});
  ASSERT_EQ(c.conflicts.size(), 1u);
  EXPECT_EQ(c.conflicts[0].unit, "people");
  std::set<std::string> labels;
  for (const CoverageFact& f : c.conflicts[0].figures) labels.insert(f.label);
  EXPECT_EQ(labels, (std::set<std::string>{"12 people", "15 people"}));

  // Two files without an outlet, both named 1.txt, are two voices.
  for (size_t i = 0; i < 2; ++i) {
    articles[i].source.clear();
    articles[i].input = (i == 0 ? "a/" : "b/") + std::string("1.txt");
  }
  const Coverage files = CompareCoverage(all, notes, {});
  ASSERT_EQ(files.conflicts.size(), 1u);
  EXPECT_EQ(files.conflicts[0].unit, "people");

  // A range agrees with a figure within it, and conflicts with one outside
  // (a demanding reader wants 10-15 against 20 flagged, not against 12).
  articles[0].text = "The storm killed 10-15 people in Ronne.";
  for (const auto& [courier, conflicts] : {std::pair<std::string, size_t>{"12", 0},
                                           {"15", 0}, {"20", 1}, {"between 13 and 18", 0},
                                           {"16 to 18", 1}, {"40", 0}}) {
    articles[1].text = "The storm killed " + courier + " people in Ronne.";
    const Coverage r = CompareCoverage(all, notes, {});
    EXPECT_EQ(r.conflicts.size(), conflicts) << courier;
  }
}

TEST(CoverageTest, FiguresReadAsTheirLanguageWritesThem) {
  struct Row {
    const char* norm;
    const char* next;
    const char* lang;
    double value;  // -1: not a figure
    bool used_next;
  } rows[] = {
      {"11,500", "kilometres", "en", 11500, false},
      {"3.5", "percent", "en", 3.5, false},
      {"1,234,567", "", "en", 1234567, false},
      {"95bn", "", "en", 95e9, false},
      {"42", "billion", "en", 42e9, true},
      {"11.500", "kilómetros", "es", 11500, false},
      {"42.000", "millones", "es", 42e9, true},
      {"8.700", "ton", "da", 8700, false},
      {"3.100", "", "de", 3100, false},
      {"6,5", "milliards", "fr", 6.5e9, true},
      {"2,3", "millionen", "de", 2.3e6, true},
      {"1.5", "", "de", 1.5, false},      // a point before one digit is decimal anywhere
      {"6,5", "", "en", 6.5, false},
      {"1.000.000", "", "it", 1e6, false},
      {"10'000", "", "de", 10000, false},
      // The shape decides where it can: both marks, or one used twice.
      {"2.000.000,50", "", "de", 2000000.5, false},
      {"1,000.5", "", "en", 1000.5, false},
      {"12,345,678", "", "es", 12345678, false},
      {"3.14159", "", "de", 3.14159, false},
      {".5", "", "en", 0.5, false},
      {"10.000", "", "vi", 10000, false},
      {"covid19", "", "en", -1, false},
      {"21st", "", "en", 21, false},
  };
  for (const Row& r : rows) {
    bool used = false;
    const std::optional<double> v = FigureValue(r.norm, r.next, r.lang, &used);
    if (r.value < 0) {
      EXPECT_FALSE(v.has_value()) << r.norm;
      continue;
    }
    ASSERT_TRUE(v.has_value()) << r.norm << " " << r.lang;
    EXPECT_DOUBLE_EQ(*v, r.value) << r.norm << " " << r.lang;
    EXPECT_EQ(used, r.used_next) << r.norm << " " << r.lang;
  }
}

// A line two articles of a story hold word for word (not copies: a site's
// chrome) is no summary sentence, and its words do not make the centroid
// (the Spanish summary of an egypt.jsonl story opened with it).
TEST(SummaryTest, LinesArticlesShareAreLeftOut) {
  const std::string chrome =
      "Para comentar noticias publicadas debes unirte primero a nuestra comunidad registrada "
      "de lectores habituales.";
  std::vector<Article> articles(4);
  const char* bodies[] = {
      "Miles de manifestantes llenaron la plaza Tahrir de El Cairo durante dieciocho días.",
      "El ejército desplegó tanques blindados alrededor del palacio presidencial esta semana.",
      "Los bancos egipcios cerraron sus oficinas mientras la bolsa suspendía operaciones.",
      "Varios periodistas extranjeros fueron detenidos por la policía cerca del hotel."};
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = "a" + std::to_string(i);
    articles[i].lang = "es";
    articles[i].source = "Público";
    articles[i].text = std::string(bodies[i]) + "\n" + chrome;
  }
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  const std::vector<Summary> s = Summarize(ptrs, {});
  ASSERT_EQ(s.size(), 1u);
  ASSERT_FALSE(s[0].sentences.empty());
  for (const SummarySentence& x : s[0].sentences) {
    EXPECT_EQ(x.text.find("unirte"), std::string::npos) << x.text;
  }
  // A site's request in one article, or a list of tags, is no summary
  // sentence either (review: cookie notices and "suscríbete" in summaries).
  articles[0].text = std::string(bodies[0]) +
                     "\nLe informamos que utilizamos cookies propias y de terceros para "
                     "mejorar nuestros servicios en la web.\nPolitica | Ahmed Ben Bella | Gamal "
                     "Nasser | Egipto | Argelia | historia | revolución";
  const std::vector<Summary> asked = Summarize(ptrs, {});
  ASSERT_EQ(asked.size(), 1u);
  for (const SummarySentence& x : asked[0].sentences) {
    EXPECT_EQ(x.text.find("cookies"), std::string::npos) << x.text;
    EXPECT_EQ(x.text.find(" | "), std::string::npos) << x.text;
  }
  // News about subscribers is news.
  EXPECT_FALSE(AsksOfTheReader("Netflix added 8 million subscribers in the quarter."));
  EXPECT_FALSE(AsksOfTheReader("Los lectores suscritos crecieron un 20 %."));
  EXPECT_TRUE(AsksOfTheReader("Suscríbete para disfrutar SIN PUBLICIDAD."));
  // The same line from four outlets is what they all report (a statement
  // every outlet quotes): it stays.
  const std::string statement =
      "El portavoz de la oposición dijo que no abandonarán la plaza hasta la salida del "
      "presidente egipcio.";
  const char* outlets[] = {"El País", "El Mundo", "ABC", "Público"};
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].source = outlets[i];
    articles[i].text = std::string(bodies[i]) + "\n" + statement;
  }
  const std::vector<Summary> shared = Summarize(ptrs, {});
  ASSERT_EQ(shared.size(), 1u);
  bool quoted = false;
  for (const SummarySentence& x : shared[0].sentences) {
    quoted |= x.text.find("abandonarán") != std::string::npos;
  }
  EXPECT_TRUE(quoted);
}

TEST(ReportTest, EmptyStoryRenders) {
  Annotator annotator;
  const StoryReport r = BuildReport(ReportInput{}, annotator);
  EXPECT_FALSE(ReportHtml(r).empty());
  EXPECT_FALSE(ReportMarkdown(r).empty());
  EXPECT_TRUE(ReportJson(r).is_object());
}

}  // namespace
}  // namespace newsloom
