// Web pages as articles: one HTML file (.html, .htm, either + .gz, or
// sniffed) = one article, read through the extractor of src/html.
//
// The article gets the page's main text (html/content.h: paragraphs,
// headings, lists and quotes in reading order, blocks separated by blank
// lines) as `text`, and from the page's metadata (html/metadata.h): title,
// published (and published_text, the time as the page wrote it with its
// zone), authors, url (canonical), source (site name) and lang (from the
// markup, with lang_confidence 1.0; "und" when the markup says nothing, for
// the text pipeline to detect). `text` is extracted, not the file's bytes:
// offsets of later stages point into the extracted text.
#ifndef NEWSLOOM_INGEST_HTML_PAGE_H_
#define NEWSLOOM_INGEST_HTML_PAGE_H_

#include <string_view>

#include "base/article.h"
#include "base/status.h"
#include "ingest/read_options.h"

namespace newsloom {

// Where a page was fetched from, when it came over HTTP (src/feed): its
// address (the base for relative links, and the article's url when the
// page names no canonical one) and its Content-Type header (whose charset
// decides the encoding before <meta> and detection).
struct HtmlPageOrigin {
  std::string_view url;
  std::string_view content_type;
};

// Builds an article from the bytes of an HTML page, already decompressed.
// Returns InvalidArgument, one line ending in "; skipped", for: a page the
// extractor refuses (empty, binary, over options.max_page_bytes, an
// encoding ICU cannot convert), a page with no article text, a text over
// options.max_article_bytes.
Result<Article> ParseHtmlPage(std::string_view bytes, std::string_view input,
                              const ReadOptions& options,
                              const HtmlPageOrigin& origin = {});

// True when `prefix` (the first bytes of an input, after a BOM and white
// space) looks like HTML: it starts with "<!doctype html", "<html", "<head",
// "<body", "<meta", "<!--" or "<?xml" followed later by "<html" (any case).
bool LooksLikeHtml(std::string_view prefix);

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_HTML_PAGE_H_
