// JSONL articles: one JSON object per line, the format of
// shared/data/README.md:
//
//   {"id": "461105/f1e4", "event": "461105", "story": "461105", "lang": "en",
//    "date": "2013-01-01", "title": "4 Shot At ...", "text": "Police ...",
//    "source": null, "url": "http://..."}
//
// Every field may be missing or null; unknown fields (e.g. `topic`) are
// ignored. Field by field:
//   id, event, story  string or integer (printed in decimal; a float is
//                     printed as JSON prints it) -> external_id, gold_event,
//                     gold_story, trimmed of ASCII white space.
//   title, source,    string -> trimmed of ASCII white space.
//   url
//   text              string -> kept byte for byte (offsets point into it).
//   date              ISO 8601 string (see base/time.h), else any form
//                     a web page's date may take (html/dates.h: "Mon, 26
//                     Feb 2024 10:00:00 +0100" as feeds write, "Feb. 26,
//                     2024", "26 February 2024", "26.02.2024"; never the
//                     ambiguous "02/03/2024"), or a number (also written
//                     as a string of 9 to 13 digits, "1706745600"): Unix
//                     seconds, or milliseconds when its magnitude is 1e11
//                     or more (JavaScript's Date.now(); a smaller one is
//                     seconds); either, between 1900 and 2100 ->
//                     published (outside: a warning), with the UTC
//                     offset it was written with (Article::published_offset:
//                     the article is dated on its outlet's day).
//   published, site   read as date and source when those are missing (the
//                     names `newsloom extract --jsonl` and other exporters
//                     write), so extracted pages ingest with their day and
//                     outlet.
//   lang              string: lowercased, a region or script subtag dropped
//                     ("pt-BR" -> "pt"); a 2- or 3-letter code gives lang
//                     with lang_confidence 1.0, absent/empty gives "und"/0.
// The article also gets input = the `input` argument (the reader passes
// "path:LINE") and id = ArticleId(article).
//
// Errors reject the line (InvalidArgument, one line, ending in "; skipped"):
// invalid UTF-8 anywhere in the line (with its byte offset in the line),
// malformed JSON (with the parser's byte position and reason), a value that
// is not an object, a field of the wrong type, both title and text empty
// (after trimming), a title or text over options.max_article_bytes.
//
// Warnings keep the article and say what was left out, so nothing is lost:
// a `date` that is unparseable, a number out of range or of another type
// (published stays empty), an unrecognisable `lang` (stays "und"), and a
// field above given twice in the object (its last value is taken, as
// JSON parsers commonly do).
#ifndef NEWSLOOM_INGEST_JSONL_H_
#define NEWSLOOM_INGEST_JSONL_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "ingest/read_options.h"
#include "ingest/reader.h"

namespace newsloom {

// Parses one line (without its line break; a trailing '\r' and a leading
// BOM are tolerated). Warnings are discarded; use the overload below to see
// them.
Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options);

// As above; appends one message per warning to `*warnings` when
// `warnings` is not null (e.g. "unparseable date \"next week\"; published
// left empty, article kept").
Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options,
                              std::vector<std::string>* warnings);

// The JSON parser behind ParseJsonLine. kFastest reads well-formed lines
// with simdjson and leaves the rest (malformed lines, for their messages;
// repeated keys; floats in id/event/story) to nlohmann::json; kReference
// reads every line with nlohmann::json. Both give the same result for
// every line (the tests check it); kReference is the oracle.
enum class JsonParser { kFastest, kReference };
Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options,
                              std::vector<std::string>* warnings,
                              JsonParser parser);

// How a JSON parser's error is told to people, here and by the feed
// reader's JSON Feeds: nlohmann::json's "[json.exception.parse_error.101]
// parse error at line 1, column 7: why" at byte 7 -> "malformed JSON at
// byte 7: why" (one line, abbreviated).
std::string MalformedJsonMessage(std::string_view parser_message, size_t byte);

// One JSON document of articles: an article object, or an array of them,
// what exporters write (a `.json` file) and what POST /api/articles takes
// as application/json. Each object is read as one line is (the fields
// above), named `name` alone, or "name[i]" in an array (i from 0, as JSON
// counts); an element that is not an object or does not read is one
// problem in `problems` (warnings too, IngestError::warning) and the
// others go on. The whole document is parsed at once (nlohmann::json;
// what an unknown field nests is dropped as it is read), so callers cap
// its size; one malformed byte spoils the whole document, unlike a JSONL
// file's one line. With `is_json_feed`, a JSON Feed (an object whose
// "version" is a jsonfeed.org address) sets it and reads nothing: it is a
// feed, for the feed reader. Errors (InvalidArgument), the message without
// a subject: "malformed JSON at byte N: ..." (the parser's position and
// reason), "not an article object nor an array of them, but JSON number".
Status ReadJsonDocument(std::string_view bytes, const std::string& name,
                        const ReadOptions& options,
                        std::vector<Article>* articles,
                        std::vector<IngestError>* problems,
                        bool* is_json_feed = nullptr);

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_JSONL_H_
