// Duplicate groups of a whole corpus (what `newsloom dups` prints), and the
// outlet an article came from.
//
//   std::vector<DuplicateGroup> groups = FindDuplicateGroups(articles, {});
//   for (const DuplicateGroup& g : groups)
//     print(articles[g.canonical], g.outlets, g.members);
//
// Thread safety: thread-safe (no shared state).
#ifndef NEWSLOOM_DEDUP_GROUPS_H_
#define NEWSLOOM_DEDUP_GROUPS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "base/article.h"
#include "dedup/detector.h"
#include "dedup/options.h"

namespace newsloom {

// The outlet that published an article: its `source` when it has one, else
// the host of its URL without "www." (and, for a Wayback Machine address
// "web.archive.org/web/TIME/URL", the archived URL's host), else "".
//   "http://web.archive.org/web/2015/http://www.wral.com:80/news/x" ->
//   "wral.com"
std::string OutletOf(const Article& article);
// Who published an article, as the duplicate detector tells outlets apart
// (DuplicateDetector::Sign): the site of its URL when it has one, so that
// "BBC News" of a feed and "BBC" of a page's site name are one outlet when
// both are of bbc.co.uk; else its source in lower case; else "".
std::string SiteOrSourceOf(const Article& article);
// The site part of OutletOf: the host of `url` without "www.", the
// archived URL's host for a Wayback Machine address; "" for none.
std::string SiteOfUrl(std::string_view url);

struct GroupMember {
  size_t article = 0;  // index into the corpus
  DuplicateKind kind = DuplicateKind::kNone;
  double similarity = 0;
  size_t matched = 0;  // the article kind and similarity refer to
};

struct DuplicateGroup {
  size_t canonical = 0;              // index into the corpus
  std::vector<GroupMember> members;  // in the order they were seen; >= 1
  // Distinct outlets of the canonical and the members (OutletOf), in the
  // order first seen; articles without one add nothing.
  std::vector<std::string> outlets;
};

// Streams `articles` in the given order through a DuplicateDetector
// (detector.h) and returns the groups that have at least one member,
// ordered by their canonical's position.
std::vector<DuplicateGroup> FindDuplicateGroups(
    const std::vector<Article>& articles, const DedupOptions& options);

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_GROUPS_H_
