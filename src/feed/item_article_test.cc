#include "feed/item_article.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace newsloom {
namespace {

TEST(HtmlFragmentTextTest, GoldenTable) {
  struct Case {
    std::string_view html;
    const char* text;
  };
  const Case kCases[] = {
      {"", ""},
      {"  plain   words\n here ", "plain words here"},
      {"Fish &amp; chips", "Fish & chips"},
      {"AT&T results", "AT&T results"},
      {"<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."},
      {"Lead<br>next line", "Lead\n\nnext line"},
      {"<div>a<p>b</p>c</div>", "a\n\nb\n\nc"},
      {"<ul><li>x</li><li>y</li></ul>", "x\n\ny"},
      {"<p>t<script>var x=1;</script></p><style>p{}</style>", "t"},
      {"<p>unclosed <i>tags", "unclosed tags"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(HtmlFragmentText(c.html), c.text) << c.html;
  }
}

Feed TestFeed() {
  Feed f;
  f.title = "Harbour Town Gazette";
  f.link = "https://gazette.example/";
  return f;
}

FeedItem TestItem() {
  FeedItem i;
  i.id = "g-1";
  i.title = "Ferry &amp; bus services resume";
  i.link = "https://gazette.example/ferry.html";
  i.published = *ParseRfc822TimeZoned("Tue, 05 Mar 2024 08:15:00 +0100");
  i.authors = {"Mira Holm"};
  i.summary = "<p>The ferry sailed again.</p>";
  return i;
}

TEST(ItemArticleTest, FromItemUsesContentElseSummary) {
  FeedItem item = TestItem();
  Result<Article> a =
      ArticleFromItem(item, TestFeed(), "https://gazette.example/rss", {});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, "The ferry sailed again.");
  EXPECT_EQ(a->title, "Ferry & bus services resume");
  EXPECT_EQ(a->url, item.link);
  EXPECT_EQ(a->input, item.link);
  EXPECT_EQ(a->source, "Harbour Town Gazette");
  EXPECT_EQ(a->published_text, "2024-03-05T08:15:00+01:00");
  EXPECT_EQ(a->published_offset, 60);  // kept by the store: the outlet's day
  EXPECT_EQ(a->authors, std::vector<std::string>{"Mira Holm"});
  EXPECT_EQ(a->id, ArticleId(*a));
  item.content = "<p>Full text.</p>";
  EXPECT_EQ(ArticleFromItem(item, TestFeed(), "f", {})->text, "Full text.");

  item.content.clear();
  item.summary = "<p> </p>";
  item.link.clear();
  Result<Article> none = ArticleFromItem(item, TestFeed(), "https://g/rss", {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(), "no text in the feed item; skipped");

  item.summary = std::string(100, 'z');
  ReadOptions small;
  small.max_article_bytes = 10;
  EXPECT_FALSE(ArticleFromItem(item, TestFeed(), "f", small).ok());
  // No link: the input names the feed and the item.
  EXPECT_EQ(ArticleFromItem(item, TestFeed(), "https://g/rss", {})->input,
            "https://g/rss#g-1");
}

TEST(ItemArticleTest, FromPageKeepsThePageAndFillsGaps) {
  std::ifstream in(std::filesystem::path(NEWSLOOM_FEED_TESTDATA) /
                   "ferry.html");
  FetchResult page;
  page.body.assign(std::istreambuf_iterator<char>(in), {});
  page.final_url = "https://gazette.example/ferry.html";
  page.content_type = "text/html; charset=utf-8";
  Result<Article> a = ArticleFromPage(TestItem(), TestFeed(), "f", page, {});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->text.starts_with("The morning ferry between Harbour Town"))
      << a->text;
  EXPECT_EQ(a->text.find("Home"), std::string::npos) << a->text;
  EXPECT_EQ(a->title, "Ferry service resumes after storm");
  EXPECT_EQ(a->url, "https://gazette.example/ferry.html");
  EXPECT_EQ(a->source, "Harbour Town Gazette");
  EXPECT_TRUE(a->published.has_value());
  EXPECT_EQ(a->id, ArticleId(*a));

  page.body = "<html><body><nav>Home</nav></body></html>";
  Result<Article> empty =
      ArticleFromPage(TestItem(), TestFeed(), "f", page, {});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("skipped"), std::string::npos);

  // A link to an image or a PDF: refused by its Content-Type, whatever its
  // bytes (the feed's text is used instead); XHTML and no type are read.
  FetchResult image = page;
  image.body = "\x89PNG\r\n\x1a\nnot quite an image but no NUL either, <p>text</p>";
  for (const char* type : {"image/png", "application/pdf; x=1", "Video/MP4"}) {
    image.content_type = type;
    Result<Article> r = ArticleFromPage(TestItem(), TestFeed(), "f", image, {});
    ASSERT_FALSE(r.ok()) << type;
    EXPECT_NE(r.status().message().find(", not a web page"), std::string::npos)
        << r.status().ToString();
  }
  std::ifstream again(std::filesystem::path(NEWSLOOM_FEED_TESTDATA) / "ferry.html");
  page.body.assign(std::istreambuf_iterator<char>(again), {});
  for (const char* type : {"application/xhtml+xml", " TEXT/HTML ;charset=utf-8", ""}) {
    page.content_type = type;
    EXPECT_TRUE(ArticleFromPage(TestItem(), TestFeed(), "f", page, {}).ok()) << type;
  }
}

}  // namespace
}  // namespace newsloom
