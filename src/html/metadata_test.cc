#include "html/metadata.h"

#include "base/build.h"

#include <gtest/gtest.h>

#include <string>

namespace newsloom {
namespace {

PageMetadata Read(std::string_view html, std::string_view url = {}) {
  Result<HtmlDocument> doc = ParseHtml(html);
  EXPECT_TRUE(doc.ok());
  return ExtractMetadata(*doc, url);
}

std::string Date(const std::optional<ZonedTime>& t) {
  return t ? FormatZonedTime(*t) : "-";
}

constexpr char kJsonLdPage[] = R"(<html lang="en-GB"><head>
<title>Town bakery wins prize | The Mill Gazette</title>
<meta property="og:title" content="OG title">
<meta property="og:site_name" content="The Mill Gazette">
<meta property="article:published_time" content="2019-11-17T09:00:00Z">
<link rel="canonical" href="/news/bakery-prize">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Gazette"},
  {"@type": ["NewsArticle"], "headline": "Town bakery wins the bread prize",
   "datePublished": "2019-11-18T14:05:00-05:00",
   "dateModified": "2019-11-19T08:00:00-05:00",
   "author": [{"@type": "Person", "name": "Ann Smith"},
              {"@type": "Person", "name": "Jo Bloggs"}],
   "publisher": {"@type": "Organization", "name": "Mill Gazette Ltd"},
   "articleBody": "The bakery won."}]}
</script></head><body><h1>Headline in h1</h1></body></html>)";

TEST(MetadataTest, JsonLdFirst) {
  const PageMetadata md = Read(kJsonLdPage, "https://gazette.example/x?y=1");
  EXPECT_EQ(md.title, "Town bakery wins the bread prize");
  EXPECT_EQ(md.authors, (std::vector<std::string>{"Ann Smith", "Jo Bloggs"}));
  EXPECT_EQ(Date(md.published), "2019-11-18T14:05:00-05:00");
  EXPECT_EQ(md.published_source, "json-ld");
  EXPECT_EQ(Date(md.modified), "2019-11-19T08:00:00-05:00");
  EXPECT_EQ(md.url, "https://gazette.example/news/bakery-prize");
  EXPECT_EQ(md.site, "The Mill Gazette");
  EXPECT_EQ(md.lang, "en");
  EXPECT_EQ(md.article_body, "The bakery won.");
}

// JSON-LD strings hold the page's HTML escapes (mspoweruser.com's
// "doesn&#8217;t"); they are read as text. An unknown one stays.
TEST(MetadataTest, JsonLdCharacterReferencesAreRead) {
  const PageMetadata md = Read(
      R"(<html><head><script type="application/ld+json">
{"@type": "NewsArticle", "headline": "Stadia doesn&#8217;t run at 60fps &amp; more &#x2014; &bogus; &#0;",
 "author": {"@type": "Person", "name": "Ann&eacute;e Smith"}}
</script></head><body></body></html>)");
  EXPECT_EQ(md.title, "Stadia doesn\u2019t run at 60fps & more \u2014 &bogus; &#0;");
  EXPECT_EQ(md.authors, (std::vector<std::string>{"Ann\u00E9e Smith"}));
}

// An <h1> the <title> does not hold is the site's name (entermedia.co.kr's
// "엔터 미디어"), not the headline; one it holds is.
TEST(MetadataTest, TheTitleWinsOverAnH1ItDoesNotHold) {
  EXPECT_EQ(Read("<html><head><title>Rivals fight in court - Entermedia</title></head>"
                 "<body><h1>\uC5D4\uD130 \uBBF8\uB514\uC5B4</h1></body></html>")
                .title,
            "Rivals fight in court - Entermedia");
  EXPECT_EQ(Read("<html><head><title>Rivals fight in court | Site</title></head>"
                 "<body><h1>Rivals fight in court</h1></body></html>")
                .title,
            "Rivals fight in court");
  // A <title> of the site's name alone, or one that holds the <h1> with
  // other quotes, does not win (review).
  EXPECT_EQ(Read("<html><head><title>Gazette</title></head>"
                 "<body><h1>Rivals fight in court over water rights</h1></body></html>")
                .title,
            "Rivals fight in court over water rights");
  EXPECT_EQ(Read("<html><head><title>Rivals\u2019 fight goes to court - Site</title></head>"
                 "<body><h1>Rivals' fight goes to court</h1></body></html>")
                .title,
            "Rivals' fight goes to court");
}

// The <title> and the <h1> are compared with curly quotes folded in one
// pass: replaced one at a time in place, a <title> of 500,000 of them
// took a minute.
TEST(MetadataTest, ATitleOfManyCurlyQuotesIsReadAtOnce) {
  std::string title = "Rivals fight in court ";
  for (int i = 0; i < 500000; ++i) title += "\u2019";
  const double start = ProcessCpuSeconds();
  const PageMetadata md =
      Read("<html><head><title>" + title + "</title></head><body><h1>Gazette</h1></body></html>");
  EXPECT_LT(ProcessCpuSeconds() - start, CpuSecondsBound(2));
  EXPECT_EQ(md.title, title);
}

// A one-word <h1> of half a megabyte is no site name, and is not looked for
// in the title (a search that grew with the square of the page: minutes).
TEST(MetadataTest, AHugeOneWordH1IsReadAtOnce) {
  const std::string title = std::string(1000000, 'a') + " rivals fight in court";
  const std::string h1 = std::string(500000, 'a') + "b";
  const double start = ProcessCpuSeconds();
  const PageMetadata md = Read("<html><head><title>" + title + "</title></head><body><h1>" +
                              h1 + "</h1></body></html>");
  EXPECT_LT(ProcessCpuSeconds() - start, CpuSecondsBound(2));
  EXPECT_EQ(md.title, h1);
}

TEST(MetadataTest, MetaTagsThenMarkup) {
  const PageMetadata md = Read(R"(<html><head>
<title>Bakery wins - The Mill Gazette</title>
<meta name="author" content="By Ann Smith and Jo Bloggs">
<meta property="og:locale" content="pt_BR">
<meta name="sailthru.date" content="Mon, 18 Nov 2019 14:05:00 GMT">
<meta property="og:site_name" content="The Mill Gazette">
</head><body><p>x</p></body></html>)");
  EXPECT_EQ(md.title, "Bakery wins");
  EXPECT_EQ(md.authors, (std::vector<std::string>{"Ann Smith", "Jo Bloggs"}));
  EXPECT_EQ(Date(md.published), "2019-11-18T14:05:00Z");
  EXPECT_EQ(md.published_source, "meta");
  EXPECT_EQ(md.lang, "pt");
}

TEST(MetadataTest, TimeElementsUrlAndHost) {
  const PageMetadata md = Read(
      "<html><body><time datetime=\"2001-01-01\">old</time><article><h1>A "
      "headline</h1><span itemprop=\"author\"><span itemprop=\"name\">Ann "
      "Smith</span></span><time datetime=\"2019-11-18T10:00:00+01:00\">Nov "
      "18</time></article></body></html>",
      "https://www.gazette.example/2018/01/02/slug");
  EXPECT_EQ(md.title, "A headline");
  EXPECT_EQ(md.authors, (std::vector<std::string>{"Ann Smith"}));
  EXPECT_EQ(Date(md.published), "2019-11-18T10:00:00+01:00");
  EXPECT_EQ(md.published_source, "time");
  EXPECT_EQ(md.url, "https://www.gazette.example/2018/01/02/slug");
  EXPECT_EQ(md.site, "gazette.example");

  const PageMetadata from_url =
      Read("<p>x</p>", "https://www.gazette.example/2018/01/02/slug");
  EXPECT_EQ(Date(from_url.published), "2018-01-02");
  EXPECT_EQ(from_url.published_source, "url");
}

TEST(MetadataTest, BrokenJsonLdIsSkipped) {
  const PageMetadata md = Read(
      "<script type=\"application/ld+json\">{\"headline\": </script>"
      "<script type=\"application/ld+json\">{\"@type\": \"BlogPosting\", "
      "\"headline\": \"Second\"}</script>");
  EXPECT_EQ(md.title, "Second");
}

TEST(MetadataTest, ResolveUrl) {
  EXPECT_EQ(ResolveUrl("https://a.example/b/c.html?q", "d.html"),
            "https://a.example/b/d.html");
  EXPECT_EQ(ResolveUrl("https://a.example/b/c", "/x"), "https://a.example/x");
  EXPECT_EQ(ResolveUrl("https://a.example/b/c", "//cdn.example/y"),
            "https://cdn.example/y");
  EXPECT_EQ(ResolveUrl("https://a.example", "z"), "https://a.example/z");
  EXPECT_EQ(ResolveUrl("https://a.example/b", "http://o.example/"),
            "http://o.example/");
  // A relative reference that holds "://" in its query is still relative.
  EXPECT_EQ(ResolveUrl("https://a.example/b/c", "d?u=http://x.example/"),
            "https://a.example/b/d?u=http://x.example/");
  // Nothing absolute to resolve against: the reference as written.
  EXPECT_EQ(ResolveUrl("", "article1.html"), "article1.html");
  EXPECT_EQ(ResolveUrl("feeds/world.atom", "../a.html"), "../a.html");
  EXPECT_EQ(ResolveUrl("", "http://h.example/a/../b"), "http://h.example/b");
  // The feed case of the review: "../" must not stay in the address.
  EXPECT_EQ(ResolveUrl("http://h.example/", "../pages/p2.html"),
            "http://h.example/pages/p2.html");
}

// RFC 3986 section 5.4, every normal and abnormal example (strict parser).
TEST(MetadataTest, ResolveUrlRfc3986Examples) {
  constexpr std::string_view kBase = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> kCases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const auto& [ref, want] : kCases) {
    EXPECT_EQ(ResolveUrl(kBase, ref), want) << ref;
  }
}

TEST(MetadataTest, SplitAuthors) {
  EXPECT_EQ(SplitAuthors("By Ann Smith, Jo Bloggs & Kim Lee"),
            (std::vector<std::string>{"Ann Smith", "Jo Bloggs", "Kim Lee"}));
  EXPECT_EQ(SplitAuthors("Anna Müller und Jan Berg"),
            (std::vector<std::string>{"Anna Müller", "Jan Berg"}));
  EXPECT_EQ(SplitAuthors("Andrea Bianchi"),
            (std::vector<std::string>{"Andrea Bianchi"}));
  // Bylines of the extraction corpus' pages, as their JSON-LD writes them.
  EXPECT_EQ(SplitAuthors("By MEG KINNARD and ERRIN HAINES, Associated Press"),
            (std::vector<std::string>{"MEG KINNARD", "ERRIN HAINES"}));
  EXPECT_EQ(SplitAuthors("By GREG BEACHAM, AP Sports Writer"),
            (std::vector<std::string>{"GREG BEACHAM"}));
  EXPECT_EQ(SplitAuthors("Troy L. Smith, Cleveland.com"),
            (std::vector<std::string>{"Troy L. Smith"}));
  EXPECT_EQ(SplitAuthors("Amy Kuperinsky | NJ Advance Media for NJ.com"),
            (std::vector<std::string>{"Amy Kuperinsky"}));
  EXPECT_EQ(SplitAuthors("Rachael Link, MS, RD"), (std::vector<std::string>{"Rachael Link"}));
  EXPECT_EQ(SplitAuthors("Finian Cunningham. Sputnik International"),
            (std::vector<std::string>{"Finian Cunningham"}));
  // Abbreviations are no full stops, and short names in capitals no
  // credentials (review).
  EXPECT_EQ(SplitAuthors("By Dr. Jane Doe"), (std::vector<std::string>{"Dr. Jane Doe"}));
  EXPECT_EQ(SplitAuthors("Mrs. Ann Brown"), (std::vector<std::string>{"Mrs. Ann Brown"}));
  EXPECT_EQ(SplitAuthors("John Smith Jr. and Jane Doe"),
            (std::vector<std::string>{"John Smith Jr.", "Jane Doe"}));
  EXPECT_EQ(SplitAuthors("By JOE LEE"), (std::vector<std::string>{"JOE LEE"}));
  EXPECT_EQ(SplitAuthors("Reuters"), (std::vector<std::string>{"Reuters"}));
  EXPECT_EQ(SplitAuthors("Science X staff"), (std::vector<std::string>{"Science X staff"}));
  EXPECT_EQ(SplitAuthors("By AMY LI and TIM FOX, Associated Press"),
            (std::vector<std::string>{"AMY LI", "TIM FOX"}));
  EXPECT_EQ(SplitAuthors("Jane Doe. and Tim Fox"),
            (std::vector<std::string>{"Jane Doe", "Tim Fox"}));
  EXPECT_EQ(SplitAuthors("Analysis by Chris Cillizza"),
            (std::vector<std::string>{"Chris Cillizza"}));
}

// A name given twice is kept once, and a byline of very many names is
// read at once: each was looked for among those before it (100,000 names
// took seconds, and a page can hold more).
TEST(MetadataTest, ManyAuthorsAreReadAtOnce) {
  EXPECT_EQ(SplitAuthors("Ann Smith, Reuters, Ann Smith and Reuters"),
            (std::vector<std::string>{"Ann Smith"}));
  constexpr size_t kNames = 100000;
  std::string byline, ld = "[";
  for (size_t i = 0; i < kNames; ++i) {
    byline += "N" + std::to_string(i) + ",";
    ld += (i > 0 ? ",\"N" : "\"N") + std::to_string(i) + "\"";
  }
  ld += "]";
  const double start = ProcessCpuSeconds();
  EXPECT_EQ(SplitAuthors(byline).size(), kNames);
  EXPECT_EQ(Read("<html><head><meta name=\"author\" content=\"" + byline + "\"></head></html>")
                .authors.size(),
            kNames);
  EXPECT_EQ(Read("<html><head><script type=\"application/ld+json\">"
                 "{\"@type\":\"NewsArticle\",\"author\":" + ld + "}</script></head></html>")
                .authors.size(),
            kNames);
  EXPECT_LT(ProcessCpuSeconds() - start, CpuSecondsBound(2));
}

}  // namespace
}  // namespace newsloom
