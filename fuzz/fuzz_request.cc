// The HTTP API's request parsing (src/serve): byte 0 picks what the rest is,
//   0-3  a POST /api/articles body as application/json, application/x-ndjson,
//        text/html (with a page address) or an unsupported type
//   4    a story-list query string ("q=...&lang=en&limit=5"), read by the
//        server's ParseQueryString (percent-decoding included), through
//        ParseStoryListRequest
//   5    a `cursor` through DecodeCursor
//   6    a story page's query string ("articles=100&report=0") through
//        ParseStoryPageRequest
//   7    an event page's ("offset=100&limit=500") through ParseEventRequest
// and every article a body yields goes on to language detection and feature
// extraction. Checks: an unsupported type is NotSupported; each error names
// the body ("body...", or a page's address); a query string the page
// parsers refuse is InvalidArgument.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_article.h"
#include "serve/api.h"
#include "serve/request_body.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_request: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  if (size == 0) return 0;
  const int kind = data[0] % 8;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (kind <= 3) {
    static constexpr std::string_view kTypes[] = {
        "application/json", "application/x-ndjson; charset=utf-8",
        "text/html", "text/plain"};
    constexpr std::string_view kUrl = "https://example.org/news/1";
    Result<ArticlesBody> body = ParseArticlesBody(kTypes[kind], rest, kUrl, ReadOptions{});
    if (kind == 3) Check(!body.ok() && body.status().code() == Status::Code::kNotSupported, "text/plain accepted");
    if (!body.ok()) return 0;
    for (const IngestError& e : body->errors) {
      // A page's problems are named by its address, the others by "body".
      Check(e.where.rfind("body", 0) == 0 || (kind == 2 && e.where == kUrl),
            "an error does not name the body");
    }
    for (Article& a : body->articles) ExerciseArticle(&a);
    return 0;
  }
  if (kind == 4 || kind >= 6) {
    const QueryParams params = ParseQueryString("/api/stories?" + std::string(rest));
    if (kind == 4) {
      (void)ParseStoryListRequest(params);
    } else if (kind == 6) {
      Result<StoryPageRequest> page = ParseStoryPageRequest(params);
      Check(page.ok() || page.status().code() == Status::Code::kInvalidArgument,
            "story page refused other than as InvalidArgument");
    } else {
      Result<ArticleRange> range = ParseEventRequest(params);
      Check(range.ok() || range.status().code() == Status::Code::kInvalidArgument,
            "event page refused other than as InvalidArgument");
    }
    return 0;
  }
  Result<StoryCursor> cursor = DecodeCursor(rest);
  (void)cursor;
  return 0;
}
