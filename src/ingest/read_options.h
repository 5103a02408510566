// Options shared by every ingest reader (plain text, JSONL, folders, stdin).
//
// The caps exist so that one hostile or broken input cannot exhaust memory:
// anything over a cap is reported as an IngestError and skipped, and the
// reader goes on with the next article or file. Defaults suit news articles,
// which are rarely over 100 KB. This struct is the one place where newsloom's
// input size caps live (README.md and docs/performance.md point here):
//
//   what                         cap                 default  flag
//   a document: article text     max_article_bytes   16 MiB   --max-article-bytes
//   a document: web page (HTML)  max_page_bytes      64 MiB   --max-page-bytes
//     or feed file (RSS, Atom)
//   a line of JSONL              max_line_bytes      32 MiB   --max-line-bytes
//     or a .json document (read whole)
//   an input file, decompressed  max_file_bytes       4 GiB   --max-file-bytes
//     (files only; stdin and pipes stream without a total cap)
//   a request body (HTTP API)    max_request_bytes   32 MiB   serve --max-request-bytes
//
// Not a cap on input: of an article's text, clustering features,
// annotations and reports read at most the first kMaxAnalyzedTextBytes
// (1 MiB, base/article.h); the rest is stored and shown.
//
// Each is tested where it is enforced (reader_test.cc, jsonl_test.cc,
// plain_text_test.cc, extract_test.cc, cli_test.cc, serve_test.cc), and how they nest
// (an article fits in a line, a page, a file and a request) by
// ReadOptionsTest.CapsNest.
#ifndef NEWSLOOM_INGEST_READ_OPTIONS_H_
#define NEWSLOOM_INGEST_READ_OPTIONS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/article.h"

namespace newsloom {

struct ReadOptions;

// What one feed file (RSS, Atom) gave: its items' articles, and each
// problem as (where, message): errors for what was skipped ("FILE#3: no
// text in the feed item; skipped"), warnings for what was left out.
struct FeedFileItems {
  std::vector<Article> articles;
  std::vector<std::pair<std::string, std::string>> errors, warnings;
};

// Reads the items of a feed file: `bytes` is the whole file, `name` its
// path. ReadFeedFile (feed/feed_file.h) is the one the command line uses;
// ingest cannot call it itself (the feed module is built on ingest).
using FeedFileReader = std::function<FeedFileItems(
    std::string_view bytes, const std::string& name,
    const ReadOptions& options)>;

struct ReadOptions {
  // One article's text: a whole .txt file, or the `text` (and separately the
  // `title`) of one JSONL line. Larger -> one error, the article is skipped.
  // Plain files are checked with stat() before they are read.
  size_t max_article_bytes = 16 << 20;

  // One web page (.html, .htm), before extraction: pages carry scripts,
  // styles and markup many times the size of their text. Larger -> one
  // error, the page is skipped.
  size_t max_page_bytes = 64 << 20;

  // One JSONL line, without its line break. A longer line is never held in
  // memory: it is discarded up to the next '\n' and reported once.
  size_t max_line_bytes = 32 << 20;

  // A whole input file after decompression. An uncompressed file over the cap
  // is refused before reading; a compressed one is read up to the cap, its
  // articles so far are kept and one error says where it stopped. Streams
  // (standard input, a named pipe) have no such cap: JSONL piped in is read
  // to its end, line by line, however long it runs (memory stays bounded by
  // the line and article caps); a whole-text stream is one article and has
  // the article's or page's cap.
  size_t max_file_bytes = size_t{4} << 30;

  // One request body of the HTTP API (`newsloom serve`, serve/server.h:
  // a larger one is answered 413 before it is read). It holds at least one
  // whole article as JSON, like a JSONL line.
  size_t max_request_bytes = 32 << 20;

  // Whether lines of page chrome are dropped from plain-text articles
  // (FindPlainTextChrome in plain_text.h: "2 min read", captions, teasers,
  // a news feed at the end). Each file with some gets one IngestNote. A
  // leading date header (plain_text.h FindDateHeader) is dropped with them.
  bool drop_text_chrome = true;

  // The outlet of every article whose input names none (`--source`): no
  // `source` and no `url` (plain text, JSONL lines with neither; a page or
  // item with an address has its site as outlet). Stored as the article's
  // `source`, trimmed of ASCII white space, which clustering and `stories
  // --outlet` use too. Empty: such articles have none, and reports list
  // them under their file name (story/coverage.h). An article already
  // stored keeps what it was stored with.
  std::string source;

  // Whether symbolic links met while walking a folder are followed. Paths
  // named explicitly are always followed (like `find -H`). A symlink that is
  // not followed is counted in ReadStats::skipped_files.
  bool follow_symlinks = true;

  // Reads feed files (.rss, .atom, XML whose root is <rss>, <feed> or
  // <rdf:RDF>, JSON Feeds): each item with text becomes an article, from the
  // feed's own text (nothing is fetched; `newsloom watch` fetches the
  // items' pages). Unset (a library caller that does not link the feed
  // module), a feed file is reported and skipped.
  FeedFileReader read_feed;
};

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_READ_OPTIONS_H_
