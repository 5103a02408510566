// Metadata of a news page: headline, authors, publication and modification
// times, canonical address, site name and language.
//
// Each field is taken from the first source that has it, in this order
// (publishers state these for search engines and social networks, so the
// markup is more reliable than anything read from the visible text):
//   title      JSON-LD headline, og:title, twitter:title, the first <h1>,
//              <title>; a " | Site" or " - Site" tail naming the site is cut
//   authors    JSON-LD author names, <meta name="author">, article:author
//              and other author metas that are not URLs,
//              itemprop="author"; "By A and B" is split into A, B
//   published  JSON-LD datePublished, article:published_time and the
//              usual date metas (og:, DC., sailthru, parsely, pubdate),
//              itemprop="datePublished", <time datetime> (the first one
//              inside the article, else the first), a date in the URL
//              path (dates.h); the extractor then tries the article text
//   modified   JSON-LD dateModified, article:modified_time, og:updated_time,
//              itemprop="dateModified"
//   url        <link rel="canonical">, og:url, JSON-LD url, else the page's
//              own address when the caller knows it; relative addresses
//              are resolved against the page's address
//   site       og:site_name, JSON-LD publisher name, application-name,
//              else the host name of the address without "www."
//   lang       <html lang> (or xml:lang), Content-Language meta,
//              og:locale, JSON-LD inLanguage; the primary subtag,
//              lowercased (LanguageCodeFromTag, base/article.h); detection
//              from the text is the caller's (the extractor's) job
// JSON-LD objects are read from every <script type="application/ld+json">,
// looking into arrays and @graph; the first object whose @type is an
// article type (Article, NewsArticle, BlogPosting, ReportageNews, ...) wins,
// else the first object with a headline. Broken JSON is skipped.
//
// Thread safety: ExtractMetadata is thread-safe.
#ifndef NEWSLOOM_HTML_METADATA_H_
#define NEWSLOOM_HTML_METADATA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "html/dom.h"

namespace newsloom {

struct PageMetadata {
  std::string title;
  std::vector<std::string> authors;
  std::optional<ZonedTime> published;
  std::optional<ZonedTime> modified;
  std::string url;
  std::string site;
  std::string lang;  // ISO 639-1 from the markup, or empty
  // The publisher's own statement of the body (JSON-LD articleBody), or
  // empty. Not trusted as the text (often cut short or stripped of
  // paragraphs); the extractor may use it as evidence.
  std::string article_body;
  // Where `published` came from: "json-ld", "meta", "time", "url" (and
  // "text" when the extractor found it in the article), or empty.
  std::string published_source;
};

// Reads the metadata of `doc`. `page_url` is the address the page was
// fetched from, or empty.
PageMetadata ExtractMetadata(const HtmlDocument& doc,
                             std::string_view page_url);

// Resolves `ref` against `base` by RFC 3986 section 5.2 (strict: "http:g"
// is absolute), dot segments removed (5.2.4): "../pages/p2.html" against
// "http://host/news/" is "http://host/pages/p2.html", and an absolute
// `ref` loses its own ("http://host/a/../b" -> "http://host/b"). `ref` is
// trimmed of ASCII white space first; an empty `ref` gives `base` as it
// is. A relative `ref` comes back unchanged when `base` is not absolute
// with a host ("", a file path): there is nothing to resolve it against.
std::string ResolveUrl(std::string_view base, std::string_view ref);

// Splits an author string: "By Jane Doe and John Roe" -> {Jane Doe, John
// Roe}; also on ",", ";", " & ", " and ", " und ", " et ", " y ", " e ",
// "|". A leading "By" ("Analysis by", "Opinion by") goes, and so do parts
// that name where they work or what they are, not who ("Associated
// Press", "AP Sports Writer", "Cleveland.com", "MS, RD"), unless no part
// names anyone ("Reuters", "Science X staff": the outlet signs it).
std::vector<std::string> SplitAuthors(std::string_view text);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_METADATA_H_
