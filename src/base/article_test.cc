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

}  // namespace
}  // namespace newsloom
