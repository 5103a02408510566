// Feed files as inputs of `newsloom ingest` (and of every command that
// reads articles): a saved RSS or Atom feed gives one article per item.
//
//   ReadOptions read;
//   read.read_feed = ReadFeedFile;  // what the command line sets
//   ReadInputs({"saved/world.rss"}, read, on_article, on_error);
//
// Each item with text becomes an article from the feed alone
// (ArticleFromItem, item_article.h: its content, else its summary; title,
// link, date, authors and the feed's title as outlet): nothing is fetched,
// so an ingest stays offline and repeatable. `newsloom watch` is the
// command that fetches the items' pages. An item's article keeps the id
// of base/article.h (from its link), so the same story met again through
// watch, another feed or a page is not stored twice; its input is
// "FILE#N" (N: the item's place in the feed, from 1), which also names it
// in errors ("world.rss#3: no text in the feed item; skipped").
//
// Thread safety: thread-safe.
#ifndef NEWSLOOM_FEED_FEED_FILE_H_
#define NEWSLOOM_FEED_FEED_FILE_H_

#include <string>
#include <string_view>

#include "ingest/read_options.h"

namespace newsloom {

// The items of the feed in `bytes` (a whole file named `name`), parsed
// with ParseFeed (feed_parser.h) under options.max_page_bytes, every item
// however many (a fetched feed's cap of 2,000 items is for live feeds). A feed
// that does not parse gives one error naming the file and no articles;
// its warnings (repaired XML, dates that did not parse) are warnings
// naming the file.
FeedFileItems ReadFeedFile(std::string_view bytes, const std::string& name,
                           const ReadOptions& options);

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_FEED_FILE_H_
