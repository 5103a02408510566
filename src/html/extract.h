// One web page in, its article out: text and metadata.
//
//   Result<ExtractedPage> page = ExtractPage(bytes, {.url = "https://..."});
//   if (page.ok()) Use(page->metadata.title, page->text);
//
// The steps, each in its own header:
//   encoding.h  find the character encoding, convert to UTF-8 (ICU)
//   dom.h       parse the HTML (libxml2's HTML parser) into a compact tree
//   metadata.h  title, authors, dates, canonical URL, site, language
//   content.h   choose and clean the main content; when it gives less
//               than ContentOptions::json_ld_body_share of the JSON-LD
//               articleBody (a page its scripts build), that body is the
//               text
// The page's text is never read with regular expressions: everything
// structural comes from the parser's tree.
//
// Thread safety: ExtractPage is thread-safe.
#ifndef NEWSLOOM_HTML_EXTRACT_H_
#define NEWSLOOM_HTML_EXTRACT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "html/content.h"
#include "html/dom.h"
#include "html/encoding.h"
#include "html/metadata.h"

namespace newsloom {

struct ExtractOptions {
  EncodingOptions encoding;
  HtmlParseOptions parse;
  ContentOptions content;
  // Pages larger than this (bytes, before conversion) are refused: one
  // page is one article, and 64 MB is far beyond any real one.
  size_t max_page_bytes = 64 << 20;
};

// What the caller knows about the page besides its bytes.
struct PageSource {
  std::string_view url;           // the address it was fetched from, or ""
  std::string_view content_type;  // the HTTP Content-Type header, or ""
};

struct ExtractedPage {
  std::string text;  // MainContent::Text(): blocks separated by blank lines
  std::vector<ContentBlock> blocks;
  PageMetadata metadata;
  PageEncoding encoding;
};

// Extracts the article of one HTML page. Errors (InvalidArgument, with a
// message for people, no trailing "; skipped"): an empty page, a page over
// max_page_bytes, binary data, an encoding ICU cannot convert. A page
// whose main content is empty is not an error here: `text` is empty and
// the caller decides.
Result<ExtractedPage> ExtractPage(std::string_view bytes,
                                  const PageSource& source = {},
                                  const ExtractOptions& options = {});

// The steps after decoding, for callers that hold UTF-8 already (tests,
// benchmarks): parse, metadata, content.
ExtractedPage ExtractFromUtf8(std::string_view utf8, const PageSource& source,
                              const ExtractOptions& options = {});

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_EXTRACT_H_
