// Reading inputs into articles: files, folders, and standard input.
//
//   ReadStats stats = ReadInputs(
//       {"news/", "extra.jsonl.gz", "-"}, ReadOptions(),
//       [&](Article&& a) { pipeline.Add(std::move(a)); },
//       [&](const IngestError& e) { std::cerr << e.ToString() << "\n"; });
//
// Bad input never stops the reader: each problem becomes one IngestError
// naming the file (and JSONL line), and reading goes on with the next line
// or file. Nothing here throws or aborts on bad input.
//
// Inputs, in the order given:
//   - a file: its format comes from its name (case-insensitive):
//       .txt                    one plain-text article (see plain_text.h)
//       .html, .htm, .xhtml     one web page, its article extracted (see
//                               html_page.h)
//       .jsonl, .ndjson         one article per line (see jsonl.h)
//       .json                   one JSON document: an article object or an
//                               array of them (ReadJsonDocument, jsonl.h),
//                               read whole under max_line_bytes; a JSON
//                               Feed (its "version" names jsonfeed.org)
//                               goes to the feed reader (below)
//       .rss, .atom             a feed (RSS 2.0, RSS 1.0, Atom): each item
//                               with text is an article, read by
//                               ReadOptions::read_feed (the command line's
//                               is feed/feed_file.h's ReadFeedFile); the
//                               file has the web page's cap
//       any of them + .gz       gzip-compressed, decompressed as it streams
//     A file named with any other extension is sniffed: the first byte that
//     is not white space (after a BOM) being '{' means JSONL, '[' then '{'
//     or ']' one JSON document (an array of articles), a document
//     element <rss>, <feed> or <rdf:RDF> a feed (LooksLikeFeed), a start
//     like "<!DOCTYPE html" or "<html" a web page (LooksLikeHtml), any other
//     XML (an XML declaration) is refused with one error, anything else is
//     plain text. Non-regular files named explicitly (FIFOs, /dev/stdin,
//     process substitution) are read as streams and sniffed.
//     Any input starting with the gzip magic number (1f 8b) is decompressed
//     whatever its name (text cannot start so), and then sniffed if its
//     name says nothing.
//   - a folder: read recursively, entries sorted by name (byte order) for
//     determinism; hidden entries (".name") are ignored; files whose names
//     are not in the list above are skipped and counted in
//     ReadStats::skipped_files (not errors). Symlinks are followed unless
//     ReadOptions::follow_symlinks is false. A folder reached again through
//     a symlink while it is being read (a loop) gives one error; one reached
//     again elsewhere gives one warning; neither is read twice.
//   - "-": standard input, sniffed like an explicitly named file.
//
// Plain-text files are checked with stat() against max_article_bytes (web
// pages against max_page_bytes) before they are read, so a 100 MB .txt costs one error and no memory. JSONL is
// streamed line by line in bounded memory (line_reader.h). Blank JSONL lines
// are skipped silently. A JSONL `id` given again in one file with another
// url or text (a different article: an article is known by its url, else by
// its title and text) gets a warning naming the earlier line, since both are
// stored; the same article again is silent (ingest finds it present).
// The first kMaxJsonlIdsChecked ids of a file are checked. When a
// compressed file is truncated, the articles
// from complete lines before the cut are kept and one error says where it
// stopped. Bytes after its last member that are not gzip (trailing
// garbage) end it, as gzip(1) reads it: one warning counts them (none for
// zero padding). A compressed JSONL file is first inflated once without parsing
// to check its CRCs (deflate may notice damage only some way after it, and
// bytes inflated before that may be garbage): a damaged file gives one
// error and no articles. This costs a second decompression; streams that
// cannot be read twice (stdin, FIFOs) skip the check, so damage there may
// also yield malformed-line errors for the garbage before it was noticed. An
// input that yields no article and no other error (an empty file, a JSONL file
// of blank lines) gives one error.
//
// Articles get input ("path", "path:LINE", "-", "-:LINE"; LINE is 1-based)
// and everything ParsePlainText / ParseJsonLine set, including the id.
// Language detection is not done here: lang is the input's, or "und".
#ifndef NEWSLOOM_INGEST_READER_H_
#define NEWSLOOM_INGEST_READER_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "ingest/read_options.h"

namespace newsloom {

// JSONL ids per file checked for reuse (the file comment): 12 MB at most
// (24 bytes an id in the table of reader.cc), whatever the file's size.
inline constexpr size_t kMaxJsonlIdsChecked = size_t{1} << 18;

// One problem with one input.
struct IngestError {
  // "path", "path:LINE" (1-based JSONL line), "-" or "-:LINE" for stdin.
  std::string where;
  // One line, no trailing newline: what is wrong and what was done
  // ("...; skipped", "...; articles before it were kept").
  std::string message;
  // A warning reports something that was left out while the article itself
  // was kept (an unparseable date, an unknown lang, a folder seen twice).
  // Warnings are counted in ReadStats::warnings, not errors.
  bool warning = false;

  // "where: message", or "where: warning: message" for a warning; one
  // line, controls made spaces (PrintableText).
  std::string ToString() const;
};

// Something the reader changed in an input that is not a problem with it:
// lines of page chrome dropped from a plain-text article (plain_text.h).
struct IngestNote {
  std::string where;    // as IngestError::where
  std::string message;  // one line
  // "where: note: message" (one line, as IngestError::ToString).
  std::string ToString() const;
};

struct ReadStats {
  size_t files = 0;          // files set to be read, with or without errors
                             // (stdin counts as one)
  size_t articles = 0;       // articles passed to on_article
  size_t errors = 0;         // IngestErrors with warning == false
  size_t skipped_files = 0;  // files in folders not read: unsupported name,
                             // not a regular file, or a symlink not followed
  size_t warnings = 0;       // IngestErrors with warning == true
  size_t notes = 0;          // IngestNotes
};

// Reads every input in order (see the file comment), calling on_article for
// each article, on_error for each problem and on_note (when given) for each
// note, then going on with the rest. The callbacks are called on the
// calling thread, in input order. Never throws on bad input.
ReadStats ReadInputs(
    const std::vector<std::string>& inputs, const ReadOptions& options,
    const std::function<void(Article&&)>& on_article,
    const std::function<void(const IngestError&)>& on_error,
    const std::function<void(const IngestNote&)>& on_note = nullptr);

// True for a file name a folder's reading takes (the list above, with or
// without .gz; not hidden): for callers that watch folders.
bool IsIngestibleName(std::string_view name);

// True when `prefix` (the first bytes of an input) is a feed: after a BOM,
// white space, an XML declaration, processing instructions, comments and a
// doctype, the document element is <rss>, <feed> (Atom) or <rdf:RDF>
// (RSS 1.0), in any case.
bool LooksLikeFeed(std::string_view prefix);

// Reads one stream as ReadInputs reads "-": gzip is detected by its magic
// number and the format is sniffed. `name` is used in Article::input and
// IngestError::where ("name", "name:LINE"). Lets stdin handling be tested
// with a std::istringstream.
ReadStats ReadStream(
    std::istream& in, std::string_view name, const ReadOptions& options,
    const std::function<void(Article&&)>& on_article,
    const std::function<void(const IngestError&)>& on_error,
    const std::function<void(const IngestNote&)>& on_note = nullptr);

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_READER_H_
