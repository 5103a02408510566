#include "dedup/groups.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

TEST(OutletOfTest, SourceElseUrlHost) {
  struct Case {
    const char* source;
    const char* url;
    const char* outlet;
  };
  const Case kCases[] = {
      {"nyt", "http://www.nytimes.com/2010/x.html", "nyt"},
      {"", "http://www.nytimes.com/2010/x.html", "nytimes.com"},
      {"", "https://News.Example.ORG:8080/a?b#c", "news.example.org"},
      {"",
       "http://web.archive.org/web/20150908133757/http://"
       "pittsburgh.cbslocal.com/2013/x/",
       "pittsburgh.cbslocal.com"},
      {"", "http://web.archive.org/web/2016/http://www.wral.com:80/news/",
       "wral.com"},
      {"", "web.archive.org/web/", "web.archive.org"},
      {"", "example.com/path", "example.com"},
      {"", "", ""},
  };
  for (const Case& c : kCases) {
    Article a;
    a.source = c.source;
    a.url = c.url;
    EXPECT_EQ(OutletOf(a), c.outlet) << c.url;
  }
  // The duplicate detector's outlet: the site first, then the source in
  // lower case, so one outlet written two ways is one.
  Article feed, page, named;
  feed.source = "BBC News";
  feed.url = "https://www.bbc.co.uk/news/1";
  page.source = "BBC";
  page.url = "https://bbc.co.uk/news/2";
  named.source = "Harbour POST";
  EXPECT_EQ(SiteOrSourceOf(feed), "bbc.co.uk");
  EXPECT_EQ(SiteOrSourceOf(page), "bbc.co.uk");
  EXPECT_EQ(SiteOrSourceOf(named), "harbour post");
  EXPECT_EQ(SiteOrSourceOf(Article()), "");
}

Article Make(const std::string& title, const std::string& text,
             const std::string& source) {
  Article a;
  a.title = title;
  a.text = text;
  a.source = source;
  return a;
}

TEST(FindDuplicateGroupsTest, GroupsWithOutletsAndMembers) {
  const std::string story =
      "Firefighters spent the night on the roof of the old mill after a blaze "
      "broke out in its storage hall, the fire brigade said on Sunday. Nobody "
      "was hurt, but the hall and the grain stored in it were lost, and the "
      "road along the canal will stay closed until the walls are safe.";
  const std::string other =
      "The county fair returns this weekend with a new livestock tent, a "
      "children's parade and a tractor pulling contest that organisers hope "
      "will draw record crowds if the weather holds.";
  const std::vector<Article> corpus = {
      Make("Blaze destroys mill storage hall", story, "Wire"),
      Make("County fair returns", other, "Gazette"),
      Make("Blaze destroys mill storage hall", story, "Courier"),
      Make("Blaze destroys mill storage hall", story, "Wire"),
      Make("Blaze destroys mill storage hall", story + " More to follow.",
           "Herald"),
  };
  const std::vector<DuplicateGroup> groups =
      FindDuplicateGroups(corpus, DedupOptions());
  ASSERT_EQ(groups.size(), 1u);
  const DuplicateGroup& g = groups[0];
  EXPECT_EQ(g.canonical, 0u);
  ASSERT_EQ(g.members.size(), 3u);
  EXPECT_EQ(g.members[0].article, 2u);
  EXPECT_EQ(g.members[0].kind, DuplicateKind::kExact);
  EXPECT_EQ(g.members[2].article, 4u);
  EXPECT_EQ(g.members[2].kind, DuplicateKind::kNear);
  EXPECT_EQ(g.outlets, (std::vector<std::string>{"Wire", "Courier", "Herald"}));
  EXPECT_TRUE(FindDuplicateGroups({}, DedupOptions()).empty());
}

}  // namespace
}  // namespace newsloom
