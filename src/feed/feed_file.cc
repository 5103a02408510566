#include "feed/feed_file.h"

#include <limits>
#include <utility>

#include "feed/feed_parser.h"
#include "feed/item_article.h"

namespace newsloom {
namespace {

// ParseFeed's messages start "feed NAME: "; the reader names the file.
std::string WithoutFeedName(std::string message, const std::string& name) {
  const std::string prefix = "feed " + name + ": ";
  if (message.starts_with(prefix)) message.erase(0, prefix.size());
  return message;
}

}  // namespace

FeedFileItems ReadFeedFile(std::string_view bytes, const std::string& name,
                           const ReadOptions& options) {
  FeedFileItems out;
  FeedParseOptions parse;
  parse.max_feed_bytes = options.max_page_bytes;
  // A saved feed (an archive's export) may hold more items than a live
  // one; the page cap bounds it.
  parse.max_items = std::numeric_limits<size_t>::max();
  Result<Feed> feed = ParseFeed(bytes, name, parse);
  if (!feed.ok()) {
    out.errors.emplace_back(
        name, WithoutFeedName(feed.status().message(), name) + "; skipped");
    return out;
  }
  for (const std::string& w : feed->warnings) {
    out.warnings.emplace_back(name, WithoutFeedName(w, name));
  }
  for (size_t i = 0; i < feed->items.size(); ++i) {
    const std::string where =
        name + "#" + std::to_string(feed->items[i].position);
    Result<Article> a = ArticleFromItem(feed->items[i], *feed, name, options);
    if (!a.ok()) {
      out.errors.emplace_back(where, a.status().message());
      continue;
    }
    a->input = where;
    out.articles.push_back(std::move(a).value());
  }
  return out;
}

}  // namespace newsloom
