#include "base/article.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

TEST(IdentityUrlTest, GoldenTable) {
  const std::pair<const char*, const char*> kCases[] = {
      {"https://x.org/a", "https://x.org/a"},
      {"https://x.org/a?id=3&utm_source=rss#top", "https://x.org/a?id=3#top"},
      {"https://x.org/a?utm_source=rss&utm_medium=feed", "https://x.org/a"},
      {"https://x.org/a?utm_campaign=x&id=3&fbclid=abc&p=2", "https://x.org/a?id=3&p=2"},
      {"https://x.org/a?gclid=1", "https://x.org/a"},
      {"https://x.org/a?", "https://x.org/a"},
      {"https://x.org/a?id=3&&page=2", "https://x.org/a?id=3&page=2"},
      // A fragment can name content: a route, a live blog's post.
      {"https://x.org/#/news/12", "https://x.org/#/news/12"},
      {"https://x.org/live#post-7", "https://x.org/live#post-7"},
      {"https://x.org/?utm_source=x#!/news/12", "https://x.org/#!/news/12"},
      {"https://x.org/a#b?utm_source=c", "https://x.org/a#b?utm_source=c"},
      // Look-alikes are kept: only whole parameter names are tags.
      {"https://x.org/a?utmost=1&my_utm_source=2", "https://x.org/a?utmost=1&my_utm_source=2"},
      // Nothing but tags: kept whole, not the empty identity.
      {"?utm_source=rss", "?utm_source=rss"},
      {"", ""},
      {"#", "#"},
  };
  for (const auto& [url, want] : kCases) EXPECT_EQ(IdentityUrl(url), want) << url;
}

TEST(IdentityUrlTest, IdsFollowTheIdentity) {
  Article a, b;
  a.url = "https://x.org/a?id=3";
  b.url = "https://x.org/a?id=3&utm_source=rss";
  EXPECT_EQ(ArticleId(a), ArticleId(b));
  EXPECT_EQ(ArticleId(a), UrlAsGivenId(a.url));  // an untagged URL: as before
  EXPECT_NE(ArticleId(b), UrlAsGivenId(b.url));
  EXPECT_EQ(ArticleId(a).size(), 16u);
}

// The day an outlet dated a time: moved by the offset it was written in,
// as it is without one or with one beyond a day.
TEST(LocalTimeTest, MovesByTheOffsetTaken) {
  const UnixSeconds t = 1708915500;  // 2024-02-26T02:45:00Z
  EXPECT_EQ(FormatIsoDate(*LocalTime(t, -300)), "2024-02-25");  // 21:45 in New York
  EXPECT_EQ(FormatIsoDate(*LocalTime(t, 60)), "2024-02-26");
  EXPECT_EQ(LocalTime(t, std::nullopt), t);
  EXPECT_EQ(LocalTime(t, kMaxUtcOffsetMinutes + 1), t);
  EXPECT_EQ(LocalTime(t, -kMaxUtcOffsetMinutes), t - kSecondsPerDay);
  EXPECT_EQ(LocalTime(std::nullopt, 60), std::nullopt);
  Article a;
  a.published = t;
  a.published_offset = -300;
  EXPECT_EQ(PublishedLocal(a), LocalTime(t, -300));
}

}  // namespace
}  // namespace newsloom
