#include "feed/feed_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace newsloom {
namespace {

std::string TestData(const std::string& name) {
  std::ifstream in(std::string(NEWSLOOM_FEED_TESTDATA) + "/" + name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Errors(const FeedFileItems& items) {
  std::string s;
  for (const auto& [where, message] : items.errors) {
    s += where + ": " + message + "\n";
  }
  return s;
}

// Every item with text is an article from the feed alone, named FILE#N.
TEST(FeedFileTest, ItemsBecomeArticles) {
  const std::string bytes = TestData("rss2.xml");
  ASSERT_FALSE(bytes.empty());
  FeedFileItems items = ReadFeedFile(bytes, "saved/gazette.rss", ReadOptions());
  EXPECT_TRUE(items.errors.empty()) << Errors(items);
  ASSERT_GE(items.articles.size(), 2u);
  const Article& a = items.articles[0];
  EXPECT_EQ(a.input, "saved/gazette.rss#1");
  EXPECT_EQ(a.title, "Ferry service resumes after storm");
  EXPECT_EQ(a.text, "The morning ferry sailed again on Tuesday.");
  EXPECT_EQ(a.source, "Harbour Town Gazette");
  EXPECT_EQ(a.url, "http://127.0.0.1:PORT/gazette/ferry.html");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(FormatIsoTime(*a.published), "2024-03-05T07:15:00Z");
  EXPECT_FALSE(a.id.empty());
  EXPECT_EQ(items.articles[1].input, "saved/gazette.rss#2");
  EXPECT_NE(items.articles[1].id, a.id);
}

TEST(FeedFileTest, AtomAndRss1) {
  for (const char* name : {"atom.xml", "rss1.rdf"}) {
    FeedFileItems items = ReadFeedFile(TestData(name), name, ReadOptions());
    EXPECT_FALSE(items.articles.empty()) << name << "\n" << Errors(items);
  }
}

// A feed that does not parse is one error naming the file once; a broken
// one that libxml2 repairs keeps the items before the break, with a
// warning.
TEST(FeedFileTest, BadFeeds) {
  FeedFileItems items =
      ReadFeedFile("<p>a page, not a feed</p>", "x.rss", ReadOptions());
  EXPECT_TRUE(items.articles.empty());
  ASSERT_EQ(items.errors.size(), 1u);
  EXPECT_EQ(items.errors[0].first, "x.rss");
  EXPECT_EQ(items.errors[0].second.find("feed x.rss"), std::string::npos)
      << items.errors[0].second;
  EXPECT_TRUE(items.errors[0].second.ends_with("; skipped"));

  items = ReadFeedFile(TestData("broken.xml"), "broken.xml", ReadOptions());
  ASSERT_FALSE(items.articles.empty()) << Errors(items);
  // (libxml2's recovery drops the bare "&" of "First & only ...".)
  EXPECT_TRUE(items.articles[0].title.starts_with("First")) << items.articles[0].title;
  ASSERT_FALSE(items.warnings.empty());
  EXPECT_EQ(items.warnings[0].first, "broken.xml");
}

// An item without text is skipped with an error naming it; the others go
// on. The feed file has the web page's cap.
TEST(FeedFileTest, ItemsWithoutTextAndTheCap) {
  const std::string feed =
      "<rss version=\"2.0\"><channel><title>T</title>"
      "<item><title>Only a title</title><link>http://e.example/1</link></item>"
      "<item><title>B</title><description>Some text.</description></item>"
      "</channel></rss>";
  FeedFileItems items = ReadFeedFile(feed, "t.rss", ReadOptions());
  ASSERT_EQ(items.articles.size(), 1u);
  EXPECT_EQ(items.articles[0].input, "t.rss#2");
  ASSERT_EQ(items.errors.size(), 1u);
  EXPECT_EQ(items.errors[0].first, "t.rss#1");
  EXPECT_EQ(items.errors[0].second, "no text in the feed item; skipped");

  ReadOptions small;
  small.max_page_bytes = 50;
  items = ReadFeedFile(feed, "t.rss", small);
  EXPECT_TRUE(items.articles.empty());
  ASSERT_EQ(items.errors.size(), 1u) << Errors(items);
}

// JSON Feed items are named by their place in "items", skipped entries
// included; the parser's warnings name the file.
TEST(FeedFileTest, JsonFeedItemsKeepTheirPlace) {
  const std::string feed =
      R"({"version":"https://jsonfeed.org/version/1.1","items":[)"
      R"({"id":2,"title":["bad"],"content_text":5},null,"s",)"
      R"({"id":"4","title":"t","content_text":"Storm.","date_published":{"x":1}}]})";
  FeedFileItems items = ReadFeedFile(feed, "j.json", ReadOptions());
  ASSERT_EQ(items.articles.size(), 1u) << Errors(items);
  EXPECT_EQ(items.articles[0].input, "j.json#4");
  EXPECT_EQ(items.articles[0].text, "Storm.");
  ASSERT_EQ(items.errors.size(), 1u);
  EXPECT_EQ(items.errors[0].first, "j.json#1");
  ASSERT_EQ(items.warnings.size(), 5u);
  for (const auto& [where, message] : items.warnings) {
    EXPECT_EQ(where, "j.json") << message;
  }
  EXPECT_EQ(items.warnings[3].second,
            "item #3: not a JSON object (string); skipped");
}

// An entity XML does not define costs neither the text after it nor a
// warning; an unknown one is a warning naming the file.
TEST(FeedFileTest, HtmlEntities) {
  const std::string feed =
      "<rss><channel><title>News&nbsp;Site</title><item><title>Q</title>"
      "<description>&lt;p&gt;Santiago &amp;amp; Valpara&iacute;so&lt;/p&gt;"
      "</description></item></channel></rss>";
  FeedFileItems items = ReadFeedFile(feed, "n.rss", ReadOptions());
  ASSERT_EQ(items.articles.size(), 1u) << Errors(items);
  EXPECT_EQ(items.articles[0].text, "Santiago & Valpara\u00edso");
  EXPECT_EQ(items.articles[0].source, "News\u00a0Site");
  EXPECT_TRUE(items.warnings.empty());

  items = ReadFeedFile("<rss><channel><title>A&foo;</title></channel></rss>",
                       "u.rss", ReadOptions());
  ASSERT_EQ(items.warnings.size(), 1u);
  EXPECT_EQ(items.warnings[0].first, "u.rss");
  EXPECT_NE(items.warnings[0].second.find("Entity 'foo' not defined"),
            std::string::npos)
      << items.warnings[0].second;
}

// A saved feed keeps every item: the live feeds' cap is not a file's.
TEST(FeedFileTest, EveryItemOfALargeFile) {
  std::string feed = "<rss version=\"2.0\"><channel><title>Archive</title>";
  for (int i = 0; i < 2500; ++i) {
    feed += "<item><title>Item " + std::to_string(i) +
            "</title><description>Text of item " + std::to_string(i) +
            ".</description></item>";
  }
  feed += "</channel></rss>";
  FeedFileItems items = ReadFeedFile(feed, "archive.rss", ReadOptions());
  EXPECT_EQ(items.articles.size(), 2500u);
  EXPECT_TRUE(items.warnings.empty());
}

}  // namespace
}  // namespace newsloom
