#include "serve/api.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>
#include <vector>

#include "base/time.h"
#include "cli/render.h"
#include "story/report.h"

namespace newsloom {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeQueryPart(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

QueryParams ParseQueryString(std::string_view target) {
  QueryParams params;
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return params;
  std::string_view query = target.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    params.emplace(DecodeQueryPart(part.substr(0, eq)),
                   eq == std::string_view::npos ? std::string()
                                                : DecodeQueryPart(part.substr(eq + 1)));
  }
  return params;
}

using nlohmann::json;

namespace {

// The one value of parameter `name`, or nullopt; InvalidArgument when it
// is given twice (which of the two was meant cannot be known).
Result<std::optional<std::string>> OneParam(const QueryParams& params,
                                            const std::string& name) {
  auto [first, last] = params.equal_range(name);
  if (first == last) return std::optional<std::string>();
  if (std::next(first) != last) {
    return Status::InvalidArgument("parameter " + name + " is given twice");
  }
  return std::optional<std::string>(first->second);
}

Result<int64_t> ParseInt(std::string_view text, std::string_view what) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Status::InvalidArgument(std::string(what) + " \"" +
                                   std::string(text) + "\" is not a number");
  }
  return value;
}

}  // namespace

std::string EncodeCursor(const StoryRow& last) {
  return (last.last_published ? std::to_string(*last.last_published)
                              : std::string("u")) +
         "." + std::to_string(last.id);
}

Result<StoryCursor> DecodeCursor(std::string_view cursor) {
  const size_t dot = cursor.rfind('.');
  const Status bad = Status::InvalidArgument(
      "parameter cursor \"" + std::string(cursor) +
      "\" is not a cursor this server gave (take next_cursor of the "
      "previous page)");
  if (dot == std::string_view::npos) return bad;
  StoryCursor c;
  const std::string_view last = cursor.substr(0, dot);
  if (last != "u") {
    Result<int64_t> t = ParseInt(last, "cursor");
    if (!t.ok()) return bad;
    c.last_published = *t;
  }
  Result<int64_t> id = ParseInt(cursor.substr(dot + 1), "cursor");
  if (!id.ok() || *id <= 0) return bad;
  c.id = *id;
  // Only the form EncodeCursor writes ("05.1", "1.+2", "-0.1" are not).
  StoryRow row;
  row.last_published = c.last_published;
  row.id = c.id;
  if (EncodeCursor(row) != cursor) return bad;
  return c;
}

Result<StoryListRequest> ParseStoryListRequest(const QueryParams& params) {
  StoryListRequest req;
  ASSIGN_OR_RETURN(std::optional<std::string> q, OneParam(params, "q"));
  ASSIGN_OR_RETURN(std::optional<std::string> entity, OneParam(params, "entity"));
  ASSIGN_OR_RETURN(std::optional<std::string> lang, OneParam(params, "lang"));
  ASSIGN_OR_RETURN(std::optional<std::string> source, OneParam(params, "source"));
  ASSIGN_OR_RETURN(std::optional<std::string> since, OneParam(params, "since"));
  ASSIGN_OR_RETURN(std::optional<std::string> until, OneParam(params, "until"));
  ASSIGN_OR_RETURN(std::optional<std::string> limit, OneParam(params, "limit"));
  ASSIGN_OR_RETURN(std::optional<std::string> cursor, OneParam(params, "cursor"));
  // An empty value is no condition, as an empty search box sends q=.
  if (q) req.filter.query = *q;
  if (entity) req.filter.entity = *entity;
  if (source) req.filter.source = *source;
  if (lang && !lang->empty()) {
    RETURN_IF_ERROR(CheckLanguageCode(*lang, "parameter lang"));
    req.filter.lang = *lang;
  }
  if (since && !since->empty()) {
    ASSIGN_OR_RETURN(req.filter.since, ParseFilterDay(*since, "parameter since"));
  }
  if (until && !until->empty()) {
    ASSIGN_OR_RETURN(UnixSeconds day, ParseFilterDay(*until, "parameter until"));
    req.filter.until = day + kSecondsPerDay;  // the whole day
  }
  if (limit && !limit->empty()) {
    Result<int64_t> n = ParseInt(*limit, "parameter limit");
    if (!n.ok() || *n < 1 || *n > static_cast<int64_t>(kMaxPageSize)) {
      return Status::InvalidArgument("parameter limit \"" + *limit +
                                     "\" must be 1 to " +
                                     std::to_string(kMaxPageSize));
    }
    req.limit = static_cast<size_t>(*n);
  }
  if (cursor && !cursor->empty()) {
    ASSIGN_OR_RETURN(req.after, DecodeCursor(*cursor));
  }
  return req;
}

Result<json> StoryItemJson(Store& store, const StoryRow& s) {
  ASSIGN_OR_RETURN(StoryFacets facets, store.GetStoryFacets(s.id));
  return json{{"id", s.id},
              {"title", s.title},
              {"first", DateJson(s.FirstDay())},
              {"last", DateJson(s.LastDay())},
              {"events", s.event_count},
              {"articles", s.article_count},
              {"languages", std::move(facets.languages)},
              {"sources", std::move(facets.sources)}};
}

Result<json> StoryListJson(Store& store, const StoryListRequest& req) {
  // An entity's name as well as its key, as `stories --entity` takes them.
  StoryFilter filter = req.filter;
  if (!filter.entity.empty()) {
    Result<std::string> key = store.EntityKeyFor(filter.entity);
    if (!key.ok() && key.status().code() == Status::Code::kInvalidArgument) {
      return Status::InvalidArgument("parameter " + std::string(key.status().message()));
    }
    if (!key.ok()) return key.status();  // the store's own failure: a 5xx
    filter.entity = *key;
  }
  // One more than the page tells whether another page follows.
  ASSIGN_OR_RETURN(std::vector<StoryRow> rows,
                   store.FindStories(filter, req.after, req.limit + 1));
  const bool more = rows.size() > req.limit;
  if (more) rows.resize(req.limit);
  json stories = json::array();
  for (const StoryRow& s : rows) {
    ASSIGN_OR_RETURN(json item, StoryItemJson(store, s));
    stories.push_back(std::move(item));
  }
  return json{{"stories", std::move(stories)},
              {"next_cursor", more ? json(EncodeCursor(rows.back())) : json(nullptr)}};
}

namespace {

// A non-negative integer parameter; nullopt when absent or empty.
Result<std::optional<size_t>> CountParam(const QueryParams& params,
                                         const std::string& name) {
  ASSIGN_OR_RETURN(std::optional<std::string> text, OneParam(params, name));
  if (!text || text->empty()) return std::optional<size_t>();
  Result<int64_t> n = ParseInt(*text, "parameter " + name);
  if (!n.ok() || *n < 0) {
    const bool digits = std::all_of(text->begin(), text->end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    return Status::InvalidArgument("parameter " + name + " \"" + *text +
                                   (digits ? "\" is too large"
                                           : "\" is not a non-negative integer"));
  }
  return std::optional<size_t>(static_cast<size_t>(*n));
}

}  // namespace

Result<StoryPageRequest> ParseStoryPageRequest(const QueryParams& params) {
  StoryPageRequest req;
  ASSIGN_OR_RETURN(req.range.limit, CountParam(params, "articles"));
  ASSIGN_OR_RETURN(std::optional<std::string> report, OneParam(params, "report"));
  if (report && !report->empty()) {
    if (*report != "0" && *report != "1") {
      return Status::InvalidArgument("parameter report \"" + *report +
                                     "\" must be 0 or 1");
    }
    req.report = *report == "1";
  }
  return req;
}

Result<ArticleRange> ParseEventRequest(const QueryParams& params) {
  ArticleRange range;
  ASSIGN_OR_RETURN(std::optional<size_t> offset, CountParam(params, "offset"));
  range.offset = offset.value_or(0);
  ASSIGN_OR_RETURN(range.limit, CountParam(params, "limit"));
  return range;
}

Result<json> StoryPageJson(Store& store, int64_t id, Annotator& annotator,
                           const StoryPageRequest& request) {
  ASSIGN_OR_RETURN(StoryRow story, store.GetStory(id));
  // Annotations the page made now, with the whole story, serve the report
  // too (the store's may not have been made with the whole story). A page
  // that lists no article needs none.
  const size_t listed = request.range.limit.value_or(SIZE_MAX);
  StoryAnnotationSet notes;
  ASSIGN_OR_RETURN(json story_json,
                   StoryJson(store, story, listed > 0 ? &annotator : nullptr,
                             &notes, listed));
  if (!request.report) {
    return json{{"story", std::move(story_json)}, {"report", nullptr}};
  }
  ASSIGN_OR_RETURN(ReportInput input, ReportInputOf(store, story));
  const bool same_articles = std::equal(
      notes.ids.begin(), notes.ids.end(), input.articles.begin(),
      input.articles.end(),
      [](const std::string& id, const Article& a) { return id == a.id; });
  if (notes.whole_story && same_articles) {
    input.annotations = std::move(notes.notes);
  }
  json report = ReportJson(BuildReport(std::move(input), annotator));
  return json{{"story", std::move(story_json)}, {"report", std::move(report)}};
}

Result<json> EventJson(Store& store, int64_t id, const ArticleRange& range) {
  ASSIGN_OR_RETURN(EventRow e, store.GetEvent(id));
  ASSIGN_OR_RETURN(std::vector<StoredArticle> members, store.ArticlesOfEvent(id));
  const size_t first = std::min(range.offset, members.size());
  const size_t last =
      first + std::min(members.size() - first, range.limit.value_or(SIZE_MAX));
  json articles = json::array();
  for (size_t i = first; i < last; ++i) {
    const StoredArticle& a = members[i];
    ASSIGN_OR_RETURN(std::optional<DuplicateRow> dup,
                     store.GetDuplicate(a.article.id));
    articles.push_back(ArticleJson(a, /*with_text=*/false, dup));
  }
  return json{{"id", e.id},
              {"title", e.title},
              {"story", e.story_id},
              {"first", DateJson(e.FirstDay())},
              {"last", DateJson(e.LastDay())},
              {"article_count", members.size()},
              {"articles", std::move(articles)}};
}

Result<json> ArticlePageJson(Store& store, std::string_view id,
                             Annotator& annotator) {
  Result<StoredArticle> got = store.GetArticle(id);
  // The article whose input id (a JSONL "id") or URL it is, as `show`
  // takes them, when it names one. Not for what looks like an article id
  // (16 hex digits): a missing one is a 404 without a scan of the articles.
  const bool article_id =
      id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      });
  if (!got.ok() && got.status().code() == Status::Code::kNotFound && !article_id) {
    ASSIGN_OR_RETURN(std::vector<StoredArticle> called, store.ArticlesCalled(id, 6));
    if (called.size() == 1) got = std::move(called.front());
    if (called.size() > 1) {
      std::string ids;
      for (const StoredArticle& c : called) ids += (ids.empty() ? "" : ", ") + c.article.id;
      return Status::InvalidArgument("\"" + std::string(id) +
                                     "\" is the input id or URL of more than one article: " +
                                     ids);
    }
  }
  if (!got.ok()) return got.status();
  StoredArticle a = std::move(*got);
  ASSIGN_OR_RETURN(json j, ArticleWithCopiesJson(store, a));
  int64_t story = 0;
  if (a.event_id != 0) {
    Result<EventRow> e = store.GetEvent(a.event_id);
    if (e.ok()) story = e->story_id;
  }
  j["story"] = story;
  ASSIGN_OR_RETURN(std::optional<std::string> stored,
                   store.GetAnnotations(a.article.id, Annotator::kVersion));
  json notes = stored ? json::parse(*stored, nullptr, false) : json();
  if (!notes.is_object()) {
    ASSIGN_OR_RETURN(ArticleAnnotations made, AnnotateInStory(store, a, annotator));
    notes = AnnotationsToJson(made);
  }
  j.update(notes);
  return j;
}

void InputsAsFileNames(json* j) {
  if (j->is_array()) {
    for (json& v : *j) InputsAsFileNames(&v);
    return;
  }
  if (!j->is_object()) return;
  for (auto it = j->begin(); it != j->end(); ++it) {
    if (it.key() == "input" && it->is_string()) {
      // A path: absolute, relative, or file://; not a web address (with a
      // scheme, or a host name first: "example.com/a/b").
      const std::string& input = it->get_ref<const std::string&>();
      const size_t slash = input.rfind('/');
      const size_t scheme = input.find("://");
      const size_t first_slash = input.find('/');
      const bool path = input.starts_with("file://") ||
                        (scheme == std::string::npos &&
                         (input.starts_with('/') || input.starts_with('.') ||
                          input.substr(0, first_slash).find('.') == std::string::npos));
      if (slash != std::string::npos && path) *it = input.substr(slash + 1);
    } else {
      InputsAsFileNames(&it.value());
    }
  }
}

Result<json> EntityJson(Store& store, std::string_view key) {
  ASSIGN_OR_RETURN(std::vector<EntityMentionRow> rows, store.EntityMentions(key));
  if (rows.empty()) {
    return Status::NotFound("entity " + std::string(key) +
                            ": no annotated article names it (articles are indexed by "
                            "entity when they are annotated: `newsloom ingest --annotate`, "
                            "`newsloom annotate --db`, or posted to the server; story pages annotate what they "
                            "show without indexing it)");
  }
  std::map<std::string, size_t> names, types;
  std::map<std::string, std::map<std::string, int64_t>> forms;  // lang -> form -> uses
  for (const EntityMentionRow& r : rows) {
    ++names[r.name];
    ++types[r.type];
    forms[r.lang][r.form] += r.mentions;
  }
  auto most = [](const std::map<std::string, size_t>& m) {
    return std::max_element(m.begin(), m.end(), [](const auto& a, const auto& b) {
             return a.second < b.second;
           })->first;
  };
  json forms_json = json::object();
  for (const auto& [lang, uses] : forms) {
    std::vector<std::pair<std::string, int64_t>> sorted(uses.begin(), uses.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    json list = json::array();
    for (const auto& [form, n] : sorted) list.push_back(form);
    forms_json[lang] = std::move(list);
  }
  StoryFilter filter;
  filter.entity = std::string(key);
  ASSIGN_OR_RETURN(std::vector<StoryRow> stories,
                   store.FindStories(filter, std::nullopt, kMaxPageSize));
  json items = json::array();
  for (const StoryRow& s : stories) {
    ASSIGN_OR_RETURN(json item, StoryItemJson(store, s));
    items.push_back(std::move(item));
  }
  return json{{"key", std::string(key)},
              {"name", most(names)},
              {"type", most(types)},
              {"forms", std::move(forms_json)},
              {"stories", std::move(items)}};
}

Result<json> HealthJson(Store& store, std::string_view version,
                        std::string_view writes_stopped) {
  ASSIGN_OR_RETURN(int64_t articles, store.CountArticles());
  ASSIGN_OR_RETURN(int64_t stories, store.CountStories());
  json health = {{"status", writes_stopped.empty() ? "ok" : "degraded"},
                 {"articles", articles},
                 {"stories", stories},
                 {"version", std::string(version)}};
  if (!writes_stopped.empty()) health["reason"] = std::string(writes_stopped);
  return health;
}

}  // namespace newsloom
