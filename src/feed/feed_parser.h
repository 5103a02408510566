// Feeds: RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.0/1.1, read
// from their bytes into one shape.
//
//   Result<Feed> feed = ParseFeed(bytes, "https://example.org/rss");
//   if (!feed.ok()) std::cerr << feed.status().ToString() << "\n";
//   for (const FeedItem& item : feed->items) Use(item.Key(), item.link);
//
// The format comes from the content, never from a name: after a BOM and
// white space, '{' is JSON Feed (its "version" must name jsonfeed.org);
// '<' is XML, and the root element decides: <rss> (RSS 0.9x and 2.0),
// <rdf:RDF> (RSS 1.0), <feed> (Atom). Anything else is refused.
//
// XML goes through libxml2 with recovery on (XML_PARSE_RECOVER): a feed
// cut off half-way, or with a stray '&' or an unclosed tag, still gives the
// items before the damage, and Feed::warnings says the XML was repaired.
// The parser is built for hostile input: no network (XML_PARSE_NONET), no
// external DTD or entities, entities not substituted (no XML_PARSE_NOENT;
// libxml2's amplification limits stay on, no XML_PARSE_HUGE), and the text
// of an element never expands an entity reference, so a "billion laughs"
// document costs nothing. The predefined entities (&amp; ...), character
// references and, outside CDATA, comments and the DOCTYPE, the HTML 4
// named references that feeds borrow from HTML (&nbsp; &eacute; &mdash;,
// libxml2's HTML table) are decoded; another name (&foo;) is dropped and
// makes a "malformed XML repaired" warning. A repair never costs the rest
// of the document its &lt; and &amp; (xml_references.h). Text is UTF-8
// whatever the feed's declared encoding.
//
// What is read, per format (elements are matched by local name; Dublin
// Core and content:encoded by their namespaces):
//   RSS 2.0  channel title/link; item guid, title, link, pubDate or
//            dc:date, description, content:encoded, author / dc:creator
//   RSS 1.0  channel title/link; item rdf:about, title, link, dc:date,
//            description, content:encoded, dc:creator
//   Atom     feed title, link (rel alternate); entry id, title, link (rel
//            alternate, else the first), published else updated, summary,
//            content (text, html, or xhtml serialised as HTML), author
//            names (the feed's authors when the entry has none)
//   JSON     title, home_page_url; item id, url (else external_url), title,
//            date_published else date_modified, summary, content_html else
//            content_text, authors[].name (1.1) or author.name (1.0).
//            Members must have the spec's types (an id may also be a
//            number, taken in decimal; null is absent): another type is
//            ignored with a warning naming the item ("item #N", from 1),
//            and an entry of "items" that is not an object is skipped
//            with one; the other items are read.
// Dates, in every format: RFC 822, else ISO 8601, else the forms JSONL's
// "date" reads (ParsePageDate of html/dates.h: "Fri, 05 Jan 2018 15:55:21
// CET", "+01:00" offsets, "GMT+0100", "Friday, January 5, 2018 - 15:55"),
// else Unix seconds or milliseconds written as digits ("1515164121").
// Links (the items' and the feed's) are resolved against the xml:base in
// scope (on the link, its item or entry, or any ancestor, each relative one
// read against the one outside it, the outermost against `feed_url`); a
// link still relative then against the feed's link when that is http(s),
// else `feed_url` when that is. A feed file read from disk (`feed_url` a
// path) with no absolute xml:base keeps its relative links as written:
// nothing says what they are relative to. Dot segments are removed
// (RFC 3986 5.2.4, ResolveUrl of html/metadata.h): "../pages/p2.html"
// against "http://host/" is "http://host/pages/p2.html".
//
// Errors name the feed (`feed_url` as given) and are one line:
//   InvalidArgument  empty input, binary data, over max_feed_bytes, JSON
//                    that does not parse or is not a JSON Feed, XML whose
//                    root is not a feed (an HTML page, say), XML so broken
//                    nothing can be recovered (with libxml2's first error
//                    and its line)
// A feed with no items is not an error.
//
// Thread safety: ParseFeed is thread-safe.
#ifndef NEWSLOOM_FEED_FEED_PARSER_H_
#define NEWSLOOM_FEED_FEED_PARSER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace newsloom {

enum class FeedFormat { kRss2, kRss1, kAtom, kJsonFeed };

// "rss2", "rss1", "atom", "jsonfeed".
std::string_view FeedFormatName(FeedFormat format);

struct FeedItem {
  std::string id;     // guid, rdf:about, Atom id or JSON Feed id; or ""
  std::string title;  // plain text as the feed gives it; or ""
  std::string link;   // the item's page, absolute when resolvable (above); or ""
  std::optional<ZonedTime> published;  // nullopt when absent or unparseable
  // Summary and full content as the feed gives them: often HTML (RSS
  // description, content:encoded, Atom type="html", JSON content_html),
  // sometimes plain text. Either may be empty.
  std::string summary;
  std::string content;
  std::vector<std::string> authors;
  // The item's place among the feed's items (<item>, <entry>, JSON Feed
  // "items"), from 1. Items a parse skips keep their place: JSON Feed's
  // third entry is 3 even when its second, not an object, is skipped.
  size_t position = 0;

  // The key the item is remembered by across polls: `id` when present, else
  // `link`, else "h:" and 16 hex digits of a hash of title, summary and
  // content. Never empty. A feed may give one id to several items: see
  // ItemKeys, which is what `watch` remembers.
  std::string Key() const;

  // The item told apart from others with its id: `id`, a line feed and
  // `link`, or, with no link of its own (none, or the permalink guid), the
  // "h:" hash of Key(). Key() when there is no id.
  std::string DistinctKey() const;
};

struct Feed {
  FeedFormat format = FeedFormat::kRss2;
  std::string title;
  std::string link;             // the site's address, or ""
  std::vector<FeedItem> items;  // in document order
  // Problems that did not stop the parse, one line each, without the
  // feed's name (callers add it): XML that had to be repaired (libxml2's
  // first error and line), items dropped over max_items, dates that did
  // not parse, JSON Feed members of the wrong type ("item #2: field
  // \"title\" is array, expected a string; ignored") and entries that are
  // not objects ("item #3: not a JSON object (null); skipped").
  std::vector<std::string> warnings;
};

struct FeedParseOptions {
  // A feed larger than this is refused before parsing. Real feeds are
  // tens to hundreds of KB; some carry full articles for hundreds of items.
  size_t max_feed_bytes = 16 << 20;
  // Items after this many are dropped with one warning.
  size_t max_items = 2000;
  // Warnings about single JSON Feed items or members after this many are
  // counted in one last warning, so a feed broken in every item does not
  // flood the log.
  size_t max_item_warnings = 20;
  // The charset its server named (Content-Type: ...; charset=windows-1252),
  // or "": used for XML that declares no encoding and has no byte-order
  // mark (which would otherwise be read as UTF-8).
  std::string charset;
};

// The keys the items of `feed` are remembered by across polls, one per
// item, in order: Key() when no other item of the feed has the same
// Key(), so that a feed with unique guids keeps the keys every version
// saved, and a link that changes from poll to poll (a click tag) does not
// make an item new; DistinctKey() when several items share an id (a feed
// that gives every item the site's address as <guid>): items with another
// link, or with no link other text, are other items. Keys can still
// repeat: the same id and link, or no id and the same link (a URL is one
// article); the caller keeps the first.
//
// A guid that starts or stops being shared changes its items' keys: the
// caller that finds Key() unseen should also look DistinctKey() up (an
// item taken while its guid was shared); an item taken under Key() while
// its guid was unique is taken once more, under DistinctKey(), when the
// guid comes to be shared (re-adding an article is idempotent).
std::vector<std::string> ItemKeys(const Feed& feed);

// Parses one feed. `feed_url` names it in errors and warnings and is the
// base for relative links when the feed gives no link of its own.
Result<Feed> ParseFeed(std::string_view bytes, std::string_view feed_url,
                       const FeedParseOptions& options = {});

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_FEED_PARSER_H_
