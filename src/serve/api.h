// The read side of the HTTP API of `newsloom serve` (docs/api.md): each
// GET endpoint as a function from the store (and an Annotator) to the JSON
// the endpoint answers, with no HTTP in sight, so the shapes are tested
// and reused apart from the server (server.h routes requests to them).
//
//   ASSIGN_OR_RETURN(StoryListRequest req, ParseStoryListRequest(params));
//   ASSIGN_OR_RETURN(nlohmann::json page, StoryListJson(store, req));
//
// Errors are Status values the server maps to HTTP: InvalidArgument -> 400
// (a bad parameter, a malformed full-text query, a bad cursor), NotFound ->
// 404 (an unknown id), anything else -> 500. Messages name the parameter
// or the id.
//
// The shapes reuse the CLI's (cli/render.h: StoryJson, ArticleJson,
// ArticleWithCopiesJson) and the report's (story/report.h: ReportJson), so
// `newsloom show --json`, `newsloom report --format json` and the API never
// disagree.
//
// Thread safety: pure functions of their arguments; the Store and the
// Annotator are the caller's (one of each per thread).
#ifndef NEWSLOOM_SERVE_API_H_
#define NEWSLOOM_SERVE_API_H_

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "engine/annotations.h"
#include "store/store.h"

namespace newsloom {

// A request's query parameters (httplib::Params is this type).
using QueryParams = std::multimap<std::string, std::string>;

// The parameters of a request target's query string ("/path?a=1&b=x%20y"):
// split at '&', each name ends at its first '=' (the value is the rest, '='
// included; none: ""), both percent-decoded with '+' as a space; empty
// segments skipped; every occurrence kept, in order, so that the parsers
// can refuse a name given twice. httplib's own parse keeps the text after
// the last '=' and drops a repeated "name=value", which is why the server
// reads the target with this instead. A '%' not followed by two hex digits
// stays as it is.
QueryParams ParseQueryString(std::string_view target);

// Page sizes of the story list: `limit` defaults to kDefaultPageSize and
// may not exceed kMaxPageSize (a larger one is a 400, not silently cut, so
// a client never mistakes a short page for the end).
inline constexpr size_t kDefaultPageSize = 20;
inline constexpr size_t kMaxPageSize = 100;

// The parameters each parser below reads; any other is ignored (the
// server leaves them out of its answer cache's keys, so `?junk=N` shares
// the answer of the request without it). serve_test checks each list
// against its parser.
inline constexpr std::array<std::string_view, 8> kStoryListParams = {
    "q", "entity", "lang", "since", "until", "source", "limit", "cursor"};
inline constexpr std::array<std::string_view, 2> kStoryPageParams = {"articles",
                                                                    "report"};
inline constexpr std::array<std::string_view, 2> kEventParams = {"offset", "limit"};

// GET /api/stories?q=&entity=&lang=&since=&until=&source=&limit=&cursor=
struct StoryListRequest {
  StoryFilter filter;
  std::optional<StoryCursor> after;  // from `cursor`
  size_t limit = kDefaultPageSize;
};

// Reads the parameters. InvalidArgument, naming the parameter, for: a
// `since`/`until` that is not an ISO day (YYYY-MM-DD), a `limit` that is
// not 1..kMaxPageSize, a `cursor` that is not one this server made, a
// `lang` that is not 2-3 lower-case letters, a parameter given twice.
// Unknown parameters are ignored (as browsers and proxies add some).
// `until` is inclusive: stories whose first activity is on or before that
// day.
Result<StoryListRequest> ParseStoryListRequest(const QueryParams& params);

// The opaque `next_cursor` for the page that ended with `last`, and back.
// The text is "<last_published or u>.<id>"; clients must not build it.
std::string EncodeCursor(const StoryRow& last);
Result<StoryCursor> DecodeCursor(std::string_view cursor);

// STORY_ITEM: {"id","title","first","last","events","articles",
// "languages":[...],"sources":[...]} (languages and sources most articles
// first).
Result<nlohmann::json> StoryItemJson(Store& store, const StoryRow& story);

// {"stories":[STORY_ITEM...],"next_cursor":STRING|null}: the page of
// stories `req` asks for, newest activity first; next_cursor is null when
// no story follows.
Result<nlohmann::json> StoryListJson(Store& store, const StoryListRequest& req);

// Which of an event's articles an answer lists, in ingest order: from the
// `offset`-th (0-based), at most `limit` (nullopt: all the rest).
struct ArticleRange {
  size_t offset = 0;
  std::optional<size_t> limit;
};

// GET /api/stories/{id}?articles=N&report=0: at most N articles listed per
// event (0 lists none; absent or empty: all), and without its report when
// `report` is 0 (1, the default, with it): with both, the answer is the
// story's events and their counts, cheap to poll. InvalidArgument, naming
// the parameter, for an `articles` that is not a non-negative integer, a
// `report` other than 0 or 1, a parameter given twice.
struct StoryPageRequest {
  ArticleRange range;
  bool report = true;
};
Result<StoryPageRequest> ParseStoryPageRequest(const QueryParams& params);

// GET /api/events/{id}?offset=&limit=: the range of the event's articles
// (both non-negative integers; absent or empty: from the first, all).
// InvalidArgument as ParseStoryPageRequest.
Result<ArticleRange> ParseEventRequest(const QueryParams& params);

// GET /api/stories/{id}: {"story":STORY,"report":REPORT}. STORY is
// cli/render.h's StoryJson with the annotations of the articles it lists
// (`range` of each event's; every event has its "article_count"); REPORT
// is story/report.h's ReportJson, of all the story's articles, or null
// when not asked for. NotFound for an unknown story.
Result<nlohmann::json> StoryPageJson(Store& store, int64_t id,
                                     Annotator& annotator,
                                     const StoryPageRequest& request = {});

// GET /api/events/{id}: {"id","title","story","first","last",
// "article_count","articles":[ARTICLE_ITEM...]} (ARTICLE_ITEM: render.h's
// ArticleJson without text), the articles of `range`. NotFound for an
// unknown event.
Result<nlohmann::json> EventJson(Store& store, int64_t id,
                                 const ArticleRange& range = {});

// GET /api/articles/{id}: render.h's ArticleWithCopiesJson plus "story"
// (0 when not clustered) and the article's "entities", "dates", "quotes"
// (the ones the store keeps, else annotated now with its story). NotFound
// for an unknown id.
Result<nlohmann::json> ArticlePageJson(Store& store, std::string_view id,
                                       Annotator& annotator);

// GET /api/entities/{key}: {"key","name","type","forms":{"en":[...]},
// "stories":[STORY_ITEM...]}, from the entity rows the store keeps for
// annotated articles (Store::EntityMentions): the name and type most rows
// give, the forms by language (most used first), and the stories
// mentioning it, newest activity first, at most kMaxPageSize. NotFound
// when no stored article names the key.
Result<nlohmann::json> EntityJson(Store& store, std::string_view key);

// GET /api/health: {"status":"ok","articles":N,"stories":N,"version"}
// while articles are stored; when the writer has stopped storing them
// (`writes_stopped`, the reason, not empty: IngestWriter::failure())
// "status" is "degraded" and "reason" gives it.
Result<nlohmann::json> HealthJson(Store& store, std::string_view version,
                                  std::string_view writes_stopped = {});

// Every "input" of `j` (an article's: the file it was read from) as its
// file name, without the server's folders: "/srv/in/wire.jsonl:3" ->
// "wire.jsonl:3". An input that is a URL (a feed item's page) stays. The
// CLI prints whole paths to the person who gave them; over HTTP a folder
// says where the server keeps its files.
void InputsAsFileNames(nlohmann::json* j);

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_API_H_
