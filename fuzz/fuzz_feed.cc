// A feed: any bytes through format detection, libxml2's XML parser (with
// recovery) or nlohmann-json, then every item as the watch command uses
// it: its key, the text of its summary and content (libxml2's HTML parser)
// and the article built from it, through language detection and feature
// extraction. RFC 822 dates that parse must format and parse back to the
// same instant. The same bytes as a feed file given to `ingest`: the
// reader's sniffing (LooksLikeFeed) and ReadFeedFile, whose articles and
// errors must all name the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/time.h"
#include "feed/feed_file.h"
#include "feed/feed_parser.h"
#include "feed/item_article.h"
#include "fuzz/fuzz_article.h"
#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (Result<ZonedTime> t = ParseRfc822TimeZoned(bytes); t.ok()) {
    Result<UnixSeconds> again = ParseIsoTime(FormatZonedTime(*t));
    if (!again.ok() || *again != t->utc) std::abort();
  }
  (void)LooksLikeFeed(bytes);
  const FeedFileItems file = ReadFeedFile(bytes, "fuzz.xml", ReadOptions{});
  for (const Article& a : file.articles) {
    if (!a.input.starts_with("fuzz.xml#")) std::abort();
  }
  for (const auto& [where, message] : file.errors) {
    if (!where.starts_with("fuzz.xml") || message.empty()) std::abort();
  }
  Result<Feed> feed = ParseFeed(bytes, "fuzz.xml");
  if (!feed.ok()) return 0;
  for (const FeedItem& item : feed->items) {
    if (item.Key().empty()) std::abort();
    Result<Article> a = ArticleFromItem(item, *feed, "fuzz.xml", ReadOptions{});
    if (a.ok()) ExerciseArticle(&*a);
  }
  return 0;
}
