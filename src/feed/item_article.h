// Feed items as articles: what `newsloom watch` stores for each new item.
//
// The item's page is the article when it can be fetched: it goes through
// the same reader as an .html file given to `newsloom ingest`
// (ingest/html_page.h: encoding, main content, metadata), and what the page
// does not say (title, publication time, authors, site name, url) is taken
// from the item and its feed. When the page cannot be fetched or gives no
// text, the item's own content (else its summary) is the text.
//
// Articles get input = the item's link (else "FEED_URL#ITEM_KEY"), and the
// id of base/article.h (from the page's canonical URL, else the link), so
// the same story met again through another feed is not stored twice.
//
// Thread safety: all functions are thread-safe.
#ifndef NEWSLOOM_FEED_ITEM_ARTICLE_H_
#define NEWSLOOM_FEED_ITEM_ARTICLE_H_

#include <string>
#include <string_view>

#include "base/article.h"
#include "base/status.h"
#include "feed/feed_parser.h"
#include "feed/fetcher.h"
#include "ingest/read_options.h"

namespace newsloom {

// The article of `item` from its fetched page. Errors: InvalidArgument
// "the page is image/png, not a web page" for a Content-Type other than
// text/html or application/xhtml+xml (none: the bytes decide), else
// ParseHtmlPage's ("...; skipped"): empty, binary or oversized pages, no
// article text.
Result<Article> ArticleFromPage(const FeedItem& item, const Feed& feed,
                                std::string_view feed_url,
                                const FetchResult& page,
                                const ReadOptions& options);

// The article of `item` from the feed alone: content, else summary, as
// text. InvalidArgument "no text in the feed item" when both are empty,
// or the text is over options.max_article_bytes.
Result<Article> ArticleFromItem(const FeedItem& item, const Feed& feed,
                                std::string_view feed_url,
                                const ReadOptions& options);

// The text of an HTML fragment as feeds carry it in descriptions and
// content: text in document order, white space runs collapsed to one
// space, blocks (p, div, li, h1, ...) separated by blank lines; scripts,
// styles and media dropped; entities decoded. Text with neither markup
// nor entities comes back trimmed, its white space collapsed the same way.
std::string HtmlFragmentText(std::string_view html);

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_ITEM_ARTICLE_H_
