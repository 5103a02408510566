#include "feed/feed_parser.h"

#include "base/build.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "base/utf8.h"
#include "feed/item_article.h"

namespace newsloom {
namespace {

const std::filesystem::path kTestdata = NEWSLOOM_FEED_TESTDATA;

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(kTestdata / name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// One line per feed and per item:
//   FORMAT "title" link
//   key | title | link | published as written | authors | text of summary |
//   text of content
std::string Render(const Feed& f) {
  std::string out = std::string(FeedFormatName(f.format)) + " \"" + f.title +
                    "\" " + f.link + "\n";
  for (const FeedItem& i : f.items) {
    std::string authors;
    for (const std::string& a : i.authors)
      authors += (authors.empty() ? "" : ";") + a;
    out += i.Key() + " | " + i.title + " | " + i.link + " | " +
           (i.published ? FormatZonedTime(*i.published) : "-") + " | " +
           authors + " | " + HtmlFragmentText(i.summary) + " | " +
           HtmlFragmentText(i.content) + "\n";
  }
  return out;
}

struct GoldenCase {
  const char* name;
  std::string_view feed;
  const char* rendered;
};

TEST(FeedParserTest, GoldenTable) {
  const GoldenCase kCases[] = {
      {"rss2 minimal, guid as link",
       R"(<rss version="2.0"><channel><title>T</title><link>https://s.example/</link>
          <item><title>A &amp; B</title><guid>https://s.example/a</guid>
          <pubDate>Mon, 26 Feb 2024 21:45:41 GMT</pubDate>
          <author>ed@s.example (Ed)</author><description>x &lt;b&gt;y&lt;/b&gt;</description></item>
          </channel></rss>)",
       "rss2 \"T\" https://s.example/\n"
       "https://s.example/a | A & B | https://s.example/a | "
       "2024-02-26T21:45:41Z | "
       "ed@s.example (Ed) | x y | \n"},
      {"rss2 guid not a permalink, relative link, ISO date, content:encoded",
       R"(<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
          <link>https://s.example/news/</link>
          <item><guid isPermaLink="false">g1</guid><link>b.html</link>
          <pubDate>2024-02-26T10:00:00+01:00</pubDate>
          <content:encoded><![CDATA[<p>One.</p><p>Two.</p>]]></content:encoded></item>
          </channel></rss>)",
       "rss2 \"\" https://s.example/news/\n"
       "g1 |  | https://s.example/news/b.html | 2024-02-26T10:00:00+01:00 |  | "
       " | "
       "One.\n\nTwo.\n"},
      {"rss2 atom:link in the channel is not the channel link",
       R"(<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel>
          <atom:link href="https://s.example/rss" rel="self"/><link>https://s.example/</link>
          <item><title>x</title></item></channel></rss>)",
       "rss2 \"\" https://s.example/\n"
       "h:8dba5cab514ded51 | x |  | - |  |  | \n"},
      {"rss1",
       R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
          xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://s.example/"><title>R</title><link>https://s.example/</link></channel>
          <item rdf:about="https://s.example/1"><title>One</title><link>https://s.example/1</link>
          <dc:date>2024-03-02</dc:date><dc:creator>Ada</dc:creator></item></rdf:RDF>)",
       "rss1 \"R\" https://s.example/\n"
       "https://s.example/1 | One | https://s.example/1 | 2024-03-02 | Ada |  "
       "| \n"},
      {"atom: alternate link wins, updated when not published, feed author",
       R"(<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A</title>
          <link rel="self" href="https://s.example/atom"/><link href="https://s.example/"/>
          <author><name>Desk</name></author>
          <entry><id>e1</id><title>E</title><link rel="enclosure" href="https://s.example/x.mp3"/>
          <link rel="alternate" href="/e1"/><updated>2024-03-04T12:00:00Z</updated>
          <content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>)",
       "atom \"A\" https://s.example/\n"
       "e1 | E | https://s.example/e1 | 2024-03-04T12:00:00Z | Desk |  | Hi\n"},
      {"atom xhtml content keeps its markup",
       R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e2</id>
          <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a</p><p>b <i>c</i></p></div></summary>
          </entry></feed>)",
       "atom \"\" \n"
       "e2 |  |  | - |  | a\n\nb c | \n"},
      {"json feed 1.0 author, numeric id, external_url, content_text",
       R"({"version": "https://jsonfeed.org/version/1", "title": "J",
           "items": [{"id": 7, "external_url": "https://o.example/7", "title": "S",
           "date_modified": "2024-03-03T14:00:00Z", "content_text": "Plain  text.",
           "author": {"name": "Pia"}}, "not an object"]})",
       "jsonfeed \"J\" \n"
       "7 | S | https://o.example/7 | 2024-03-03T14:00:00Z | Pia |  | Plain "
       "text.\n"},
      {"unparseable date: item kept undated",
       R"(<rss><channel><item><guid>g</guid><pubDate>yesterday</pubDate></item></channel></rss>)",
       "rss2 \"\" \ng |  |  | - |  |  | \n"},
      {"empty channel",
       R"(<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>)",
       "rss2 \"E\" \n"},
  };
  for (const GoldenCase& c : kCases) {
    Result<Feed> f = ParseFeed(c.feed, "https://feeds.example/f");
    ASSERT_TRUE(f.ok()) << c.name << ": " << f.status().ToString();
    EXPECT_EQ(Render(*f), c.rendered) << c.name;
  }
}

// The fields as parsed, undecoded, one line per item:
//   "feed title" then, per item, title | link | summary | content
// and, last, "warning: " and the first warning, if any.
std::string RenderRaw(const Feed& f) {
  std::string out = "\"" + f.title + "\"\n";
  for (const FeedItem& i : f.items) {
    out +=
        i.title + " | " + i.link + " | " + i.summary + " | " + i.content + "\n";
  }
  if (!f.warnings.empty()) out += "warning: " + f.warnings[0] + "\n";
  return out;
}

struct EntityCase {
  const char* name;
  std::string feed;
  const char* rendered;  // RenderRaw
};

// HTML named references: XML does not define them, and libxml2 drops
// every later &lt; and &amp; once it has met one (xml_references.h).
TEST(FeedParserTest, HtmlEntitiesGoldenTable) {
  const EntityCase kCases[] = {
      {"rss2: &nbsp; in the channel title, escaped HTML after it",
       R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>News&nbsp;Site</title>
<item><title>Quake</title><link>http://news.example/a?id=7&amp;lang=en</link>
<description>&lt;p&gt;A quake struck Chile on Monday. Santiago &amp;amp; Valparaiso hit.&lt;/p&gt;</description></item>
</channel></rss>)",
       "\"News\u00a0Site\"\n"
       "Quake | http://news.example/a?id=7&lang=en | <p>A quake struck Chile "
       "on Monday. Santiago &amp; Valparaiso hit.</p> | \n"},
      {"rss2: in an item title and a description, Latin-1 and punctuation",
       R"(<rss><channel><title>T &amp; Co</title>
<item><title>Caf&eacute; reopens &mdash; at last&hellip;</title>
<description>Fish&nbsp;&amp;&nbsp;chips &lt;b&gt;&euro;5&lt;/b&gt;</description></item>
<item><title>&lt;Second&gt;</title><link>/b?x=1&amp;y=2</link></item>
</channel></rss>)",
       "\"T & Co\"\n"
       "Caf\u00e9 reopens \u2014 at last\u2026 |  | "
       "Fish\u00a0&\u00a0chips <b>\u20ac5</b> | \n"
       "<Second> | https://feeds.example/b?x=1&y=2 |  | \n"},
      {"rss2: inside CDATA the reference stays literal",
       R"(<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>A&nbsp;B</title><item><title>C</title>
<description><![CDATA[<p>Caf&eacute; &amp; bar&nbsp;</p>]]></description>
<content:encoded><![CDATA[x &mdash; y]]> &amp; &eacute;</content:encoded></item>
</channel></rss>)",
       "\"A\u00a0B\"\n"
       "C |  | <p>Caf&eacute; &amp; bar&nbsp;</p> | x &mdash; y & \u00e9\n"},
      {"rss2: an unknown name is dropped with a warning; the rest is intact",
       R"(<rss><channel><title>U</title>
<item><title>A&foo;B &amp; C</title><link>http://u.example/?a=1&amp;b=2</link>
<description>&lt;i&gt;x&lt;/i&gt;&nbsp;y</description></item>
</channel></rss>)",
       "\"U\"\n"
       "AB & C | http://u.example/?a=1&b=2 | <i>x</i>\u00a0y | \n"
       "warning: malformed XML repaired (1 errors; first at line 2: Entity "
       "'foo' not defined); 1 item recovered\n"},
      {"atom: feed title, html title, link, content",
       R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Caf&eacute; Times</title>
<entry><id>e1</id><title type="html">R&eacute;sum&eacute; &amp;amp; more</title>
<link href="/a?x=1&amp;y=2"/>
<summary type="html"><![CDATA[&lt;kept&gt;]]></summary>
<content type="html">&lt;p&gt;x&nbsp;y&lt;/p&gt;</content></entry></feed>)",
       "\"Caf\u00e9 Times\"\n"
       "R\u00e9sum\u00e9 &amp; more | https://feeds.example/a?x=1&y=2 | "
       "&lt;kept&gt; | <p>x\u00a0y</p>\n"},
      {"DOCTYPE declaring an entity: the subset is left alone",
       R"(<!DOCTYPE rss [<!ENTITY sig "&#8212; Ed">]><rss><channel><title>D</title>
<item><title>&sig; &eacute;</title><description>&lt;p&gt;</description></item></channel></rss>)",
       "\"D\"\n"
       "\u00e9 |  | <p> | \n"},
      {"a stray '&' is the character, and costs nothing after it",
       R"(<rss><channel><title>S</title>
<item><title>AT&T wins Q&A session, R&D said</title><link>http://s.example/?a=1&amp;b=2</link>
<description>&lt;p&gt;x &amp;amp; y &amp; M&A&lt;/p&gt;</description></item>
</channel></rss>)",
       "\"S\"\n"
       "AT&T wins Q&A session, R&D said | http://s.example/?a=1&b=2 | <p>x &amp; y & M&A</p> | \n"},
      {"nor does a mismatched tag in a feed without HTML entities (the "
       "unclosed <b> swallows the rest of the item into its title)",
       R"(<rss><channel><title>M</title>
<item><title>A <b>bold</title><link>http://m.example/?a=1&amp;b=2</link>
<description>&lt;p&gt;</description></item>
</channel></rss>)",
       "\"M\"\n"
       "A boldhttp://m.example/?a=1&b=2\n<p> |  |  | \n"
       "warning: malformed XML repaired (5 errors; first at line 2: Opening "
       "and ending tag mismatch: b line 2 and title); 1 item recovered\n"},
  };
  for (const EntityCase& c : kCases) {
    Result<Feed> f = ParseFeed(c.feed, "https://feeds.example/f");
    ASSERT_TRUE(f.ok()) << c.name << ": " << f.status().ToString();
    EXPECT_EQ(RenderRaw(*f), c.rendered) << c.name;
  }
}

// A JSON Feed member of the wrong type is a warning naming the item by its
// place in "items" (from 1, as RSS items are numbered); an entry that is
// not an object is skipped with one; the good items go on, in place.
TEST(FeedParserTest, JsonFeedWrongTypesAreReportedByPosition) {
  Result<Feed> f = ParseFeed(
      R"({"version":"https://jsonfeed.org/version/1.1","title":["T"],
          "items":[{"id":2,"title":["bad"],"content_text":5},null,"s",
          {"id":"4","title":"t","content_text":"Storm.","date_published":{"x":1}},
          {"id":5.5,"url":7,"title":null,"summary":"S","date_modified":"soon",
           "authors":[{"name":1},"x",{"name":"Ann"}],"author":{"name":"Old"}}]})",
      "https://feeds.example/j.json");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title, "");
  ASSERT_EQ(f->items.size(), 3u);
  const FeedItem& first = f->items[0];
  EXPECT_EQ(first.position, 1u);
  EXPECT_EQ(first.id, "2");  // a numeric id is its decimal text
  EXPECT_EQ(first.title, "");
  EXPECT_EQ(first.content, "");
  const FeedItem& fourth = f->items[1];
  EXPECT_EQ(fourth.position, 4u);
  EXPECT_EQ(fourth.id, "4");
  EXPECT_EQ(fourth.title, "t");
  EXPECT_EQ(fourth.content, "Storm.");
  EXPECT_FALSE(fourth.published.has_value());
  const FeedItem& fifth = f->items[2];
  EXPECT_EQ(fifth.position, 5u);
  EXPECT_EQ(fifth.id, "5.5");
  EXPECT_EQ(fifth.link, "");
  EXPECT_EQ(fifth.summary, "S");
  EXPECT_EQ(fifth.authors, std::vector<std::string>{"Ann"});
  const std::vector<std::string> kWarnings = {
      R"(field "title" is array, expected a string; ignored)",
      R"(item #1: field "title" is array, expected a string; ignored)",
      R"(item #1: field "content_text" is number, expected a string; ignored)",
      "item #2: not a JSON object (null); skipped",
      "item #3: not a JSON object (string); skipped",
      "item #4: date_published is object, not a time; published left empty, "
      "item kept",
      R"(item #5: field "url" is number, expected a string; ignored)",
      R"(item #5: field "authors[0].name" is number, expected a string; ignored)",
      R"(item #5: field "authors[1]" is string, expected an object; ignored)",
      R"(1 item dates did not parse (first: "soon"); those items are undated)",
  };
  EXPECT_EQ(f->warnings, kWarnings);
}

TEST(FeedParserTest, JsonFeedItemWarningsAreCapped) {
  std::string feed = R"({"version":"https://jsonfeed.org/version/1","items":[)";
  for (int i = 0; i < 30; ++i) feed += "null,";
  feed += R"({"id":"last","title":"Last"}]})";
  FeedParseOptions options;
  options.max_item_warnings = 20;
  Result<Feed> f = ParseFeed(feed, "j", options);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].position, 31u);
  ASSERT_EQ(f->warnings.size(), 21u);
  EXPECT_EQ(f->warnings[19], "item #20: not a JSON object (null); skipped");
  EXPECT_EQ(f->warnings[20], "10 more problems with items not listed");
}

TEST(FeedParserTest, XmlItemsArePositionedInDocumentOrder) {
  Result<Feed> f = ParseFeed(
      "<rss><channel><item><title>a</title></item><item><title>b</title>"
      "</item></channel></rss>",
      "x");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].position, 1u);
  EXPECT_EQ(f->items[1].position, 2u);
}

// The fixture files the watch test serves, one per format.
TEST(FeedParserTest, FixtureFiles) {
  struct Case {
    const char* file;
    const char* rendered;
  };
  const Case kCases[] = {
      {"rss2.xml",
       "rss2 \"Harbour Town Gazette\" http://127.0.0.1:PORT/gazette/\n"
       "gazette-1001 | Ferry service resumes after storm | "
       "http://127.0.0.1:PORT/gazette/ferry.html | 2024-03-05T08:15:00+01:00 | "
       "Mira Holm | The morning ferry sailed again on Tuesday. | \n"
       "gazette-1002 | Library extends opening hours | "
       "http://127.0.0.1:PORT/gazette/library.html | 2024-03-04T17:00:00Z |  | "
       "The town library will open until nine on weekdays. | \n"},
      {"rss1.rdf",
       "rss1 \"Hill County Ledger\" http://127.0.0.1:PORT/ledger/\n"
       "http://127.0.0.1:PORT/ledger/market.html | Farmers market moves "
       "indoors | "
       "http://127.0.0.1:PORT/ledger/market.html | 2024-03-02T10:00:00-05:00 | "
       "Ada Kett | The weekly market will use the old school hall. | \n"},
      {"atom.xml",
       "atom \"Valley Courier\" http://127.0.0.1:PORT/courier/\n"
       "urn:uuid:courier-77 | New bridge opens to cyclists | "
       "http://127.0.0.1:PORT/courier/bridge.html | 2024-03-05T07:30:00+01:00 "
       "| "
       "Jon Alder | Cyclists crossed the new river bridge for the first time. "
       "| \n"
       "urn:uuid:courier-78 | Orchard &amp; farm open day | "
       "http://127.0.0.1:PORT/courier/orchard.html | 2024-03-04T12:00:00Z | "
       "Courier Desk |  | Apple growers invite visitors on Saturday.\n"},
      {"jsonfeed.json",
       "jsonfeed \"Coastline Weekly\" http://127.0.0.1:PORT/coast/\n"
       "cw-501 | Lighthouse gets a new keeper | "
       "http://127.0.0.1:PORT/coast/lighthouse.html | 2024-03-03T14:00:00Z | "
       "Pia Rune |  | The lighthouse on the point has a keeper again.\n"
       "502 | Spring tides expected | http://127.0.0.1:PORT/coast/tides.html | "
       "- | "
       "Coastline Staff | High water will reach the promenade. | \n"},
  };
  for (const Case& c : kCases) {
    Result<Feed> f = ParseFeed(ReadTestdata(c.file), c.file);
    ASSERT_TRUE(f.ok()) << c.file << ": " << f.status().ToString();
    EXPECT_EQ(Render(*f), c.rendered) << c.file;
    EXPECT_TRUE(f->warnings.empty()) << c.file << ": " << f->warnings[0];
  }
}

TEST(FeedParserTest, BrokenXmlRecoversItemsBeforeTheDamage) {
  Result<Feed> f = ParseFeed(ReadTestdata("broken.xml"), "http://x/broken.xml");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title, "Broken Bugle");
  ASSERT_GE(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].link, "http://127.0.0.1:PORT/bugle/one.html");
  ASSERT_EQ(f->warnings.size(), 1u);
  EXPECT_NE(f->warnings[0].find("malformed XML repaired"), std::string::npos)
      << f->warnings[0];
  EXPECT_NE(f->warnings[0].find("line "), std::string::npos) << f->warnings[0];
}

// A feed saved as UTF-16 (either byte order, its BOM first, declaring
// UTF-16 or nothing) is read as its text; it was "binary data, not a
// feed" (its NULs). Decoded already, as a UTF-16 file is read, it still
// declares UTF-16 and is read as the UTF-8 it now is.
TEST(FeedParserTest, Utf16FeedsAreRead) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>"
      "<item><title>Caf\u00E9 opens</title><link>https://x.example/1</link>"
      "<description>Body.</description></item></channel></rss>";
  auto utf16 = [&](bool little) {
    std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
    for (size_t i = 0; i < xml.size();) {
      const unsigned char c = xml[i];
      const unsigned ch = c < 0x80 ? c : ((c & 0x1F) << 6) | (xml[i + 1] & 0x3F);
      i += c < 0x80 ? 1 : 2;
      const char lo = static_cast<char>(ch & 0xFF), hi = static_cast<char>(ch >> 8);
      out += little ? lo : hi;
      out += little ? hi : lo;
    }
    return out;
  };
  for (const std::string& bytes : {utf16(true), utf16(false), xml}) {
    Result<Feed> f = ParseFeed(bytes, "https://feeds.example/u16");
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_EQ(f->items.size(), 1u);
    EXPECT_EQ(f->items[0].title, "Caf\u00E9 opens");
    EXPECT_TRUE(f->warnings.empty()) << f->warnings.front();
  }
}

struct ErrorCase {
  const char* name;
  std::string feed;
  const char* message_part;
};

TEST(FeedParserTest, ErrorsNameTheFeed) {
  const ErrorCase kCases[] = {
      {"empty", "", "empty feed"},
      {"blank", " \n\t ", "empty feed"},
      {"binary", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
       "binary data"},
      {"plain text", "Just some words.", "neither XML nor JSON"},
      {"nothing recoverable", "<<<>>>", "nothing could be recovered"},
      {"html page", "<html><body><p>hi</p></body></html>",
       "root element is <html>"},
      {"malformed json", "{\"version\": ", "malformed JSON at byte 12: "},
      {"json with a stray comma",
       R"({"version": "https://jsonfeed.org/version/1.1", "items": [{},]})",
       "malformed JSON at byte 62: syntax error while parsing value"},
      {"json, not a feed", R"({"version": "2", "items": []})",
       "not a JSON Feed"},
      {"json array", R"([1, 2])", "neither XML nor JSON"},
  };
  for (const ErrorCase& c : kCases) {
    Result<Feed> f = ParseFeed(c.feed, "https://feeds.example/bad");
    ASSERT_FALSE(f.ok()) << c.name;
    EXPECT_EQ(f.status().code(), Status::Code::kInvalidArgument) << c.name;
    const std::string& m = f.status().message();
    EXPECT_TRUE(m.starts_with("feed https://feeds.example/bad: "))
        << c.name << ": " << m;
    EXPECT_NE(m.find(c.message_part), std::string::npos) << c.name << ": " << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << c.name << ": " << m;
  }
}

TEST(FeedParserTest, FeedOverTheCapIsRefusedBeforeParsing) {
  std::string huge = "<rss><channel>";
  const std::string item = "<item><title>x</title><description>" +
                           std::string(1000, 'y') + "</description></item>";
  while (huge.size() < (2u << 20)) huge += item;
  huge += "</channel></rss>";
  FeedParseOptions options;
  options.max_feed_bytes = 1 << 20;
  Result<Feed> f = ParseFeed(huge, "big", options);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("over the cap of 1048576 bytes"),
            std::string::npos)
      << f.status().message();
  // Within the default cap it parses, and max_items bounds the items.
  options = FeedParseOptions();
  options.max_items = 10;
  f = ParseFeed(huge, "big", options);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->items.size(), 10u);
  ASSERT_EQ(f->warnings.size(), 1u);
  EXPECT_NE(f->warnings[0].find("dropped"), std::string::npos);
}

// Entities that expand to gigabytes: parsing stays fast and small, and no
// text ever expands them.
TEST(FeedParserTest, BillionLaughsIsHarmless) {
  std::string doc =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doc += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doc += "&l" + std::to_string(i - 1) + ";";
    doc += "\">\n";
  }
  doc +=
      "]>\n<rss><channel><title>&l9;</title><item><title>t &l9;</title>"
      "<description>&l9;</description></item></channel></rss>";
  const double start = ProcessCpuSeconds();
  Result<Feed> f = ParseFeed(doc, "laughs");
  EXPECT_LT(ProcessCpuSeconds() - start, CpuSecondsBound(2));
  if (f.ok()) {
    EXPECT_LT(f->title.size(), 1000u);
    for (const FeedItem& i : f->items) {
      EXPECT_LT(i.title.size() + i.summary.size(), 1000u);
    }
  }
}

// External entities are never fetched or read.
TEST(FeedParserTest, ExternalEntitiesAreNotRead) {
  const std::string doc =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
      "\"file:///etc/passwd\">]><rss><channel><item><title>a&x;b</title>"
      "</item></channel></rss>";
  Result<Feed> f = ParseFeed(doc, "xxe");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].title, "ab");
}

// The XML declaration's encoding is honoured; text comes out as UTF-8.
// With no declaration, the server's charset is the document's (it was
// read as UTF-8: "\xc9lection" became U+FFFD); a declaration wins over it.
TEST(FeedParserTest, TheServersCharsetServesAFeedThatDeclaresNone) {
  const std::string doc = "<rss><channel><title>\xc9lection \xe0 Qu\xe9" "bec</title></channel></rss>";
  FeedParseOptions options;
  options.charset = "windows-1252";
  Result<Feed> f = ParseFeed(doc, "cp1252", options);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title, "\xc3\x89lection \xc3\xa0 Qu\xc3\xa9" "bec");
  const std::string declared =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>K\xc3\xb8" "benhavn"
      "</title></channel></rss>";
  Result<Feed> g = ParseFeed(declared, "utf8", options);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->title, "K\xc3\xb8" "benhavn");
}

TEST(FeedParserTest, DeclaredEncodingIsConverted) {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel>"
      "<title>K\xf8"
      "benhavn</title></channel></rss>";
  Result<Feed> f = ParseFeed(doc, "latin1");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title,
            "K\xc3\xb8"
            "benhavn");
}

TEST(FeedParserTest, KeyFallsBackToLinkThenHash) {
  FeedItem i;
  i.title = "t";
  const std::string h = i.Key();
  EXPECT_TRUE(h.starts_with("h:")) << h;
  EXPECT_EQ(h.size(), 18u);
  i.summary = "s";
  EXPECT_NE(i.Key(), h);
  i.link = "https://x/1";
  EXPECT_EQ(i.Key(), "https://x/1");
  i.id = "id-1";
  EXPECT_EQ(i.Key(), "id-1");
}

// Links resolve against xml:base on the link, the entry or any ancestor
// (each itself possibly relative to the one outside it), then the feed's
// link, then its address; dot segments go (RFC 3986 5.2.4). A relative
// link with nothing absolute to read it against (a feed file, no base)
// stays as written. Rows: feed address | feed | the items' links.
TEST(FeedParserTest, LinksResolveAgainstXmlBaseGoldenTable) {
  struct Case {
    const char* feed_url;
    const char* feed;
    const char* links;  // one per item, ";" after each
  };
  const Case kCases[] = {
      // The review's collision: two feeds, two bases, one relative href.
      {"saved/a.atom",
       R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/news/">
          <entry><id>1</id><link href="article1.html"/></entry></feed>)",
       "http://a.example/news/article1.html;"},
      {"saved/b.atom",
       R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://b.example/world/">
          <entry><id>1</id><link href="article1.html"/></entry></feed>)",
       "http://b.example/world/article1.html;"},
      // A relative base on the entry, and on the link itself.
      {"https://feeds.example/f",
       R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/news/">
          <entry xml:base="world/"><id>1</id><link href="../p/1.html"/></entry>
          <entry><id>2</id><link xml:base="/x/" href="2.html"/></entry>
          <entry><id>3</id><link href="http://o.example/a/./b/../c"/></entry></feed>)",
       "http://a.example/news/p/1.html;http://a.example/x/2.html;"
       "http://o.example/a/c;"},
      // A relative xml:base on the feed is read against the feed's address.
      {"https://feeds.example/atom/all.xml",
       R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="../site/">
          <entry><id>1</id><link href="a.html"/></entry></feed>)",
       "https://feeds.example/site/a.html;"},
      // No base: the feed's address, dot segments removed.
      {"http://h.example/feed.xml",
       R"(<rss><channel><item><guid>g</guid><link>../pages/p2.html</link></item></channel></rss>)",
       "http://h.example/pages/p2.html;"},
      // RSS with xml:base on the channel.
      {"saved/c.rss",
       R"(<rss><channel xml:base="http://c.example/n/"><item><guid>g</guid><link>p.html</link></item></channel></rss>)",
       "http://c.example/n/p.html;"},
      // A feed file: no base, or only a relative one: as written.
      {"saved/d.atom",
       R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link href="article1.html"/></entry>
          <entry xml:base="sub/"><id>2</id><link href="a.html"/></entry></feed>)",
       "article1.html;a.html;"},
  };
  for (const Case& c : kCases) {
    Result<Feed> f = ParseFeed(c.feed, c.feed_url);
    ASSERT_TRUE(f.ok()) << c.feed_url << ": " << f.status().ToString();
    std::string links;
    for (const FeedItem& i : f->items) links += i.link + ";";
    EXPECT_EQ(links, c.links) << c.feed_url << "\n" << c.feed;
  }
}

// The pubDate forms feeds write, as read (FormatZonedTime; "-" undated).
// Before, only RFC 822 with GMT/US zones or +hhmm and ISO 8601 were read:
// every form from CET on was stored undated, though JSONL's "date" read
// them.
TEST(FeedParserTest, PubDateFormsGoldenTable) {
  struct Case {
    const char* written;
    const char* read;
  };
  const Case kCases[] = {
      {"Fri, 05 Jan 2018 15:55:21 GMT", "2018-01-05T15:55:21Z"},
      {"Fri, 05 Jan 2018 15:55:21 +0100", "2018-01-05T15:55:21+01:00"},
      {"Fri, 5 Jan 2018 15:55:21 EST", "2018-01-05T15:55:21-05:00"},
      {"2018-01-05T15:55:21+01:00", "2018-01-05T15:55:21+01:00"},
      {"2018-01-05T15:55:21.000Z", "2018-01-05T15:55:21Z"},
      {"Fri, 05 Jan 2018 15:55:21 CET", "2018-01-05T15:55:21+01:00"},
      {"Fri, 05 Jan 2018 15:55:21 CEST", "2018-01-05T15:55:21+02:00"},
      {"Fri, 05 Jan 2018 15:55:21 BST", "2018-01-05T15:55:21+01:00"},
      {"Fri, 05 Jan 2018 15:55:21 IST", "2018-01-05T15:55:21+05:30"},
      {"Fri, 05 Jan 2018 15:55:21 JST", "2018-01-05T15:55:21+09:00"},
      {"Fri, 05 Jan 2018 15:55:21 +01:00", "2018-01-05T15:55:21+01:00"},
      {"Fri, 05 Jan 2018 15:55:21 GMT+0100", "2018-01-05T15:55:21+01:00"},
      {"Fri Jan 05 2018 15:55:21 GMT+0100 (CET)", "2018-01-05T15:55:21+01:00"},
      {"Friday, January 5, 2018 - 15:55", "2018-01-05T15:55:00"},
      {"January 5, 2018 3:55 PM", "2018-01-05T15:55:00"},
      {"5 January 2018 15:55", "2018-01-05T15:55:00"},
      {"2018-01-05 15:55:21", "2018-01-05T15:55:21"},
      {"05.01.2018 15:55", "2018-01-05T15:55:00"},
      {"1515164121", "2018-01-05T14:55:21Z"},
      {"1515164121000", "2018-01-05T14:55:21Z"},
      // Not dates: undated, with the feed's one warning.
      {"yesterday", "-"},
      {"0", "-"},
      {"03/05/2018", "-"},
  };
  for (const Case& c : kCases) {
    const std::string feed = std::string("<rss><channel><item><guid>g</guid><pubDate>") +
                             c.written + "</pubDate></item></channel></rss>";
    Result<Feed> f = ParseFeed(feed, "dates");
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_EQ(f->items.size(), 1u);
    const std::optional<ZonedTime>& t = f->items[0].published;
    EXPECT_EQ(t ? FormatZonedTime(*t) : "-", c.read) << c.written;
    EXPECT_EQ(f->warnings.empty(), t.has_value()) << c.written;
  }
}

// Text is always UTF-8, whatever the feed's bytes. A feed with no
// encoding declaration, served without a charset, in windows-1252: it was
// passed on byte for byte ("\xe8" stored in a TEXT column); now it is
// decoded. One declaring UTF-8 but written in windows-1252 likewise; one
// in UTF-8 with a stray byte keeps its text, the byte made U+FFFD.
// Rows: feed | title as read | the first warning.
TEST(FeedParserTest, TextIsUtf8WhateverTheBytesGoldenTable) {
  struct Case {
    std::string feed;
    std::string title;
    std::string warning;
  };
  const std::string fffd = "\xef\xbf\xbd";
  const Case kCases[] = {
      {"<rss><channel><title>Caf\xe8 cr\xe8me \x80 5</title><item><title>\xc9t\xe9</title>"
       "</item></channel></rss>",
       "Caf\xc3\xa8 cr\xc3\xa8me \xe2\x82\xac 5",
       "the feed declares no encoding but is not UTF-8 (byte 24); read as windows-1252"},
      {"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>Caf\xe8</title>"
       "</channel></rss>",
       "Caf\xc3\xa8",
       "the feed says it is UTF-8 but is not UTF-8 (byte 62); read as windows-1252"},
      {"<rss><channel><title>K\xc3\xb8" "benhavn \xc3\xa9t\xc3\xa9 \xe8</title></channel></rss>",
       "K\xc3\xb8" "benhavn \xc3\xa9t\xc3\xa9 " + fffd,
       "invalid UTF-8 at byte 38 (1 byte in all) replaced with U+FFFD"},
      {"<rss><channel><title>K\xc3\xb8" "benhavn</title></channel></rss>",
       "K\xc3\xb8" "benhavn", ""},
  };
  for (const Case& c : kCases) {
    Result<Feed> f = ParseFeed(c.feed, "enc");
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_EQ(f->title, c.title) << c.feed;
    EXPECT_EQ(f->warnings.empty() ? "" : f->warnings[0], c.warning) << c.feed;
    for (const FeedItem& i : f->items) EXPECT_TRUE(IsValidUtf8(i.title)) << c.feed;
  }
  // The item's text too, and byte offsets into it are offsets of UTF-8.
  Result<Feed> f = ParseFeed(kCases[0].feed, "enc");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].title, "\xc3\x89t\xc3\xa9");
}

// One bad byte in a JSON Feed string cost the whole feed ("malformed
// JSON", no position): it is U+FFFD now, with a warning giving its byte,
// and every item is kept.
TEST(FeedParserTest, JsonFeedWithInvalidUtf8KeepsItsItems) {
  const std::string feed =
      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
      "{\"id\": \"1\", \"title\": \"Caf\xe9\", \"content_text\": \"One.\"},"
      "{\"id\": \"2\", \"title\": \"Two\", \"content_text\": \"Two.\"}]}";
  Result<Feed> f = ParseFeed(feed, "https://feeds.example/j");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].title, "Caf\xef\xbf\xbd");
  EXPECT_EQ(f->items[1].title, "Two");
  ASSERT_EQ(f->warnings.size(), 1u);
  EXPECT_EQ(f->warnings[0], "invalid UTF-8 at byte 83 (1 byte in all) replaced with U+FFFD");
}

// A feed that gives one guid to several items: they are told apart by
// link (else text), and a unique guid keeps the key older versions saved.
// Before, every item after the first with the guid was dropped as "seen".
TEST(FeedParserTest, ItemKeysTellItemsSharingAGuidApart) {
  Result<Feed> f = ParseFeed(
      R"(<rss><channel>
      <item><guid>https://s.example/</guid><link>https://s.example/a</link><title>A</title></item>
      <item><guid>https://s.example/</guid><link>https://s.example/b</link><title>B</title></item>
      <item><guid>https://s.example/</guid><title>C</title><description>c</description></item>
      <item><guid>https://s.example/</guid><title>D</title><description>d</description></item>
      <item><guid>https://s.example/</guid><link>https://s.example/a</link><title>A2</title></item>
      <item><guid>u1</guid><link>https://s.example/u</link><title>U</title></item>
      <item><link>https://s.example/n</link><title>N</title></item>
      <item><link>https://s.example/n</link><title>N2</title></item>
      </channel></rss>)",
      "https://s.example/rss");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 8u);
  const std::vector<std::string> keys = ItemKeys(*f);
  ASSERT_EQ(keys.size(), 8u);
  EXPECT_EQ(keys[0], "https://s.example/\nhttps://s.example/a");
  EXPECT_EQ(keys[1], "https://s.example/\nhttps://s.example/b");
  EXPECT_TRUE(keys[2].starts_with("https://s.example/\nh:")) << keys[2];
  EXPECT_TRUE(keys[3].starts_with("https://s.example/\nh:")) << keys[3];
  EXPECT_NE(keys[2], keys[3]);
  EXPECT_EQ(keys[4], keys[0]);  // same guid and link: the caller's choice
  EXPECT_EQ(keys[5], "u1");     // unique: Key(), as saved before
  EXPECT_EQ(keys[6], "https://s.example/n");
  EXPECT_EQ(keys[7], keys[6]);  // a URL is one article
  EXPECT_EQ(f->items[5].DistinctKey(), "u1\nhttps://s.example/u");
  EXPECT_EQ(f->items[6].DistinctKey(), f->items[6].Key());
}

// A link is read as browsers read URLs: tab, LF and CR go wherever they
// are (a line feed in a link forged a line of `watch`'s output and was
// stored in the URL), other controls are percent-encoded.
TEST(FeedParserTest, ControlCharactersLeaveLinks) {
  Result<Feed> f = ParseFeed(
      "<rss><channel><link>https://s.example/\n</link>"
      "<item><guid>1</guid><link>https://s.example/a\nnewsloom: FAKE LINE</link></item>"
      "<item><guid>2</guid><link>https://s.example/b&#9;c&#13;&#10;d\x1b[2J</link></item>"
      "</channel></rss>",
      "https://s.example/rss");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].link, "https://s.example/anewsloom: FAKE LINE");
  EXPECT_EQ(f->items[1].link, "https://s.example/bcd[2J");  // no ESC in XML
  Result<Feed> j = ParseFeed(
      R"({"version": "https://jsonfeed.org/version/1.1", "items": [
          {"id": "1", "url": "https://s.example/e\u001b[2J\nx", "content_text": "t"}]})",
      "https://s.example/json");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_EQ(j->items.size(), 1u);
  EXPECT_EQ(j->items[0].link, "https://s.example/e%1B[2Jx");
}

}  // namespace
}  // namespace newsloom
