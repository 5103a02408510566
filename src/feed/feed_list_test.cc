#include "feed/feed_list.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

TEST(FeedListTest, ParsesLinesCommentsAndRepeats) {
  Result<std::vector<std::string>> r = ParseFeedList(
      "# my feeds\n"
      "https://a.example/rss\n"
      "\n"
      "   https://b.example/atom.xml   # the B feed\n"
      "feeds/local.xml\r\n"
      "https://a.example/rss\n",
      "feeds.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<std::string>{"https://a.example/rss",
                                          "https://b.example/atom.xml",
                                          "feeds/local.xml"}));
}

TEST(FeedListTest, ErrorsNameFileAndLine) {
  Result<std::vector<std::string>> r =
      ParseFeedList("https://a/rss\nhttps://b/rss https://c/rss\n", "f.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().message().starts_with("f.txt:2: white space inside"))
      << r.status().message();
  r = ParseFeedList("# nothing\n\n", "f.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "f.txt: no feeds listed");
  r = ParseFeedList("https://a/\xff\n", "f.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "f.txt:1: not valid UTF-8");
}

TEST(FeedListTest, IntervalGoldenTable) {
  struct Case {
    std::string_view text;
    int64_t seconds;  // -1: refused
  };
  const Case kCases[] = {
      {"30s", 30},      {"10m", 600},         {"1h", 3600}, {" 2h ", 7200},
      {"168h", 604800}, {"169h", -1},         {"0s", -1},   {"10", -1},
      {"m", -1},        {"1d", -1},           {"-5m", -1},  {"1.5h", -1},
      {"", -1},         {"99999999999h", -1},
  };
  for (const Case& c : kCases) {
    Result<std::chrono::seconds> r = ParseInterval(c.text);
    if (c.seconds < 0) {
      EXPECT_FALSE(r.ok()) << c.text;
    } else {
      ASSERT_TRUE(r.ok()) << c.text << ": " << r.status().ToString();
      EXPECT_EQ(r->count(), c.seconds) << c.text;
    }
  }
}

}  // namespace
}  // namespace newsloom
