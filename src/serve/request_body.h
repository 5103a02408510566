// The body of POST /api/articles as articles, by its Content-Type
// (docs/api.md), through the same readers as `newsloom ingest`:
//
//   application/json       one article object, or an array of them; each
//                          object is read as one JSONL line (ingest/jsonl.h:
//                          id, title, text, date, lang, source, url), as a
//                          .json file is (ReadJsonDocument)
//   application/x-ndjson   JSONL, one object per line (also
//                          application/jsonl, application/x-jsonlines)
//   text/html              one web page, its article extracted
//                          (ingest/html_page.h); `url` is the page's address
//                          (its base, and the article's url when the page
//                          names no canonical one); also application/xhtml+xml
//
// One bad article never spoils the others: it becomes one IngestError
// naming it ("body[3]" for the 4th array element, "body:7" for line 7,
// "body" for a page) and the rest are read. Only a body that cannot be
// read at all is an error.
#ifndef NEWSLOOM_SERVE_REQUEST_BODY_H_
#define NEWSLOOM_SERVE_REQUEST_BODY_H_

#include <string_view>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "ingest/read_options.h"
#include "ingest/reader.h"

namespace newsloom {

struct ArticlesBody {
  std::vector<Article> articles;
  std::vector<IngestError> errors;  // warnings too (IngestError::warning)
};

// Reads `body` as `content_type` says (its parameters, e.g. charset, are
// ignored for JSON, which is UTF-8, and passed to the page reader for
// HTML). Errors:
//   NotSupported     a content type not in the list above (the server
//                    answers 415)
//   InvalidArgument  JSON that does not parse (with the parser's byte
//                    position), or is neither an object nor an array
Result<ArticlesBody> ParseArticlesBody(std::string_view content_type,
                                       std::string_view body, std::string_view url,
                                       const ReadOptions& options);

// OK when ParseArticlesBody reads `content_type`; else its NotSupported.
// The server asks before it reads a body, so that one it would refuse
// (multipart/form-data among them) is not read at all.
Status CheckArticlesBodyType(std::string_view content_type);

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_REQUEST_BODY_H_
