#include "ingest/jsonl.h"

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <optional>

#include "base/time.h"
#include "base/utf8.h"
#include "html/dates.h"
#include "ingest/messages.h"

namespace newsloom {
namespace {

using json = nlohmann::json;
using ingest_internal::OneLine;
using ingest_internal::OverCapMessage;

Status Skip(std::string message) {
  return Status::InvalidArgument(message + "; skipped");
}

std::string ParseErrorMessage(const json::parse_error& e) {
  return MalformedJsonMessage(e.what(), e.byte);
}

// One field of the line as the article reader sees it, whichever parser
// found it.
struct Field {
  enum Kind { kMissing, kNull, kString, kInteger, kFloat, kOther };
  Kind kind = kMissing;
  std::string_view string;     // kString: the value (the parser's buffer)
  std::string number;          // kInteger, kFloat: as JSON prints it
  const char* type_name = "";  // for messages: "number", "boolean", ...
};

// The fields an article is made of; others are ignored.
struct Fields {
  Field id, event, story, title, text, date, lang, source, url;
  // What `extract --jsonl` (and other exporters) call date and source.
  Field published, site;

  Field* Find(std::string_view key) {
    if (key == "id") return &id;
    if (key == "event") return &event;
    if (key == "story") return &story;
    if (key == "title") return &title;
    if (key == "text") return &text;
    if (key == "date") return &date;
    if (key == "lang") return &lang;
    if (key == "source") return &source;
    if (key == "url") return &url;
    if (key == "published") return &published;
    if (key == "site") return &site;
    return nullptr;
  }
};

Status WrongType(const char* key, const Field& f, const char* expected) {
  return Skip(std::string("field \"") + key + "\" is " + f.type_name +
              ", expected " + expected);
}

// A string field: missing and null give "". Otherwise a wrong-type error.
Status GetString(const Field& f, const char* key, std::string* out) {
  if (f.kind == Field::kMissing || f.kind == Field::kNull) return Status::OK();
  if (f.kind != Field::kString) return WrongType(key, f, "a string or null");
  out->assign(f.string);
  return Status::OK();
}

// An identifier or label: a string or a number, printed in decimal.
Status GetLabel(const Field& f, const char* key, std::string* out) {
  switch (f.kind) {
    case Field::kMissing:
    case Field::kNull:
      return Status::OK();
    case Field::kString:
      *out = TrimAscii(f.string);
      return Status::OK();
    case Field::kInteger:
    case Field::kFloat:
      *out = f.number;
      return Status::OK();
    case Field::kOther:
      break;
  }
  return WrongType(key, f, "a string, a number or null");
}

void Warn(std::vector<std::string>* warnings, std::string message) {
  if (warnings != nullptr) warnings->push_back(std::move(message));
}

void SetLanguage(const std::string& tag, Article* a,
                 std::vector<std::string>* warnings) {
  if (TrimAscii(tag).empty()) return;
  std::string code = LanguageCodeFromTag(tag);
  if (code.empty()) {
    Warn(warnings, "unrecognised lang \"" + OneLine(tag, 40) +
                       "\"; lang left \"und\", article kept");
    return;
  }
  a->lang = std::move(code);
  a->lang_confidence = 1.0;
}

// Unix times of 1900-01-01 and 2100-01-01: the dates taken (a news
// article from before 1900 or after 2100 is a mistake, and one dated 9999
// would be the stream's newest for good).
constexpr double kEarliestNumericDate = -2208988800.0;
constexpr double kLatestNumericDate = 4102444800.0;
// A numeric date this large is in milliseconds (JavaScript's Date.now()):
// as seconds it would be past the year 5000.
constexpr double kMillisecondDates = 1e11;

// The date field (see jsonl.h): an unreadable one is a warning, never the
// article's loss.
void SetPublished(const Field& f, Article* a,
                  std::vector<std::string>* warnings) {
  switch (f.kind) {
    case Field::kMissing:
    case Field::kNull:
      return;
    case Field::kString: {
      if (TrimAscii(f.string).empty()) return;
      std::optional<UnixSeconds> t;
      std::optional<int> offset;  // the zone the date was written in
      if (Result<ZonedTime> iso = ParseIsoTimeZoned(f.string); iso.ok()) {
        t = iso->utc;
        offset = iso->offset_minutes;
      } else if (std::optional<ZonedTime> z = ParsePageDate(f.string)) {
        t = z->utc;
        offset = z->offset_minutes;
      } else if (const std::string_view digits = TrimAscii(f.string);
                 digits.size() >= 9 && digits.size() <= 13 &&
                 std::all_of(digits.begin(), digits.end(),
                             [](char c) { return c >= '0' && c <= '9'; })) {
        // Unix seconds or milliseconds written as a string, as the number is read.
        double v = std::strtod(std::string(digits).c_str(), nullptr);
        if (v >= kMillisecondDates) v /= 1000;
        t = static_cast<UnixSeconds>(std::floor(v));
      }
      if (!t && IsAmbiguousNumericDate(f.string)) {
        Warn(warnings, "ambiguous date \"" + OneLine(f.string, 60) +
                           "\" (day and month could be either way round; write "
                           "YYYY-MM-DD); published left empty, article kept");
      } else if (!t) {
        Warn(warnings, "unparseable date \"" + OneLine(f.string, 60) +
                           "\"; published left empty, article kept");
      } else if (*t < kEarliestNumericDate || *t > kLatestNumericDate) {
        Warn(warnings, "date \"" + OneLine(f.string, 60) +
                           "\" is before 1900 or after 2100-01-01; published left "
                           "empty, article kept");
      } else {
        a->published = *t;
        a->published_offset = offset;
      }
      return;
    }
    case Field::kInteger:
    case Field::kFloat: {
      double t = std::strtod(f.number.c_str(), nullptr);
      if (std::fabs(t) >= kMillisecondDates) t /= 1000;
      if (t >= kEarliestNumericDate && t <= kLatestNumericDate) {
        a->published = static_cast<UnixSeconds>(std::floor(t));
      } else {
        Warn(warnings, "date " + OneLine(f.number, 30) +
                           " is not a time between 1900 and 2100 in Unix "
                           "seconds or milliseconds; published left empty, "
                           "article kept");
      }
      return;
    }
    case Field::kOther:
      Warn(warnings, std::string("date is ") + f.type_name +
                         ", not a time; published left empty, article kept");
      return;
  }
}

Status CheckCap(const char* field, const std::string& value,
                const ReadOptions& options) {
  if (value.size() <= options.max_article_bytes) return Status::OK();
  return Status::InvalidArgument(
      OverCapMessage(field, value.size(), "one article",
                     options.max_article_bytes, "--max-article-bytes"));
}

// Fills `a` from the fields of a parsed object; collects warnings.
Status FromFields(const Fields& f, const ReadOptions& options, Article* a,
                  std::vector<std::string>* warnings) {
  std::string title, lang;
  RETURN_IF_ERROR(GetLabel(f.id, "id", &a->external_id));
  RETURN_IF_ERROR(GetLabel(f.event, "event", &a->gold_event));
  RETURN_IF_ERROR(GetLabel(f.story, "story", &a->gold_story));
  RETURN_IF_ERROR(GetString(f.title, "title", &title));
  RETURN_IF_ERROR(GetString(f.text, "text", &a->text));
  RETURN_IF_ERROR(GetString(f.lang, "lang", &lang));
  // "date" and "source" first; "published" and "site" when they are missing.
  const bool source_given = f.source.kind != Field::kMissing;
  RETURN_IF_ERROR(GetString(source_given ? f.source : f.site, source_given ? "source" : "site",
                            &a->source));
  RETURN_IF_ERROR(GetString(f.url, "url", &a->url));
  a->title = TrimAscii(title);
  a->source = TrimAscii(a->source);
  a->url = TrimAscii(a->url);
  if (a->title.empty() && TrimAscii(a->text).empty()) {
    return Skip("both title and text are empty");
  }
  RETURN_IF_ERROR(CheckCap("text", a->text, options));
  RETURN_IF_ERROR(CheckCap("title", a->title, options));
  SetPublished(f.date.kind != Field::kMissing ? f.date : f.published, a, warnings);
  SetLanguage(lang, a, warnings);
  return Status::OK();
}

// The article fields of a parsed object (views into `obj`).
Fields FieldsOfObject(const json& obj);

// The slow path and the oracle: nlohmann::json, whose messages name the
// byte and the reason of a parse error. An article field written twice
// keeps its last value (nlohmann's rule); the first such key goes to
// `repeated`.
Result<Fields> FieldsByNlohmann(std::string_view line, json* obj, std::string* repeated) {
  Fields seen;  // only which article fields were met
  try {
    *obj = json::parse(line.begin(), line.end(),
                       [&](int depth, json::parse_event_t event, json& parsed) {
                         if (depth == 1 && event == json::parse_event_t::key &&
                             parsed.is_string()) {
                           const std::string& key = parsed.get_ref<const std::string&>();
                           if (Field* f = seen.Find(key)) {
                             if (f->kind != Field::kMissing && repeated->empty()) {
                               *repeated = key;
                             }
                             f->kind = Field::kNull;
                           }
                         }
                         return true;
                       });
  } catch (const json::parse_error& e) {
    return Skip(ParseErrorMessage(e));
  } catch (const json::exception& e) {
    return Skip("malformed JSON: " + OneLine(e.what()));
  }
  if (!obj->is_object()) {
    return Skip(std::string("expected a JSON object, got ") + obj->type_name());
  }
  return FieldsOfObject(*obj);
}

Fields FieldsOfObject(const json& obj) {
  Fields fields;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    Field* f = fields.Find(it.key());
    if (f == nullptr) continue;
    const json& v = it.value();
    f->type_name = v.type_name();
    if (v.is_null()) {
      f->kind = Field::kNull;
    } else if (v.is_string()) {
      f->kind = Field::kString;
      f->string = v.get_ref<const std::string&>();
    } else if (v.is_number_unsigned()) {
      f->kind = Field::kInteger;
      f->number = std::to_string(v.get<uint64_t>());
    } else if (v.is_number_integer()) {
      f->kind = Field::kInteger;
      f->number = std::to_string(v.get<int64_t>());
    } else if (v.is_number_float()) {
      f->kind = Field::kFloat;
      f->number = v.dump();
    } else {
      f->kind = Field::kOther;
    }
  }
  return fields;
}

// The fast path: simdjson (several times faster than nlohmann::json on
// article lines, where reading JSONL was 15% of a whole `eval`). It answers
// only when the answer is sure to equal the slow path's: a well-formed
// object whose fields are unique and hold no floats (nlohmann prints those
// its own way). Everything else (errors included, for their messages) is
// left to FieldsByNlohmann. jsonl_test.cc checks both agree.
std::optional<Fields> FieldsBySimdjson(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(line.data(), line.size(), /*realloc_if_needed=*/true)
          .get_object()
          .get(obj) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  Fields fields;
  for (const simdjson::dom::key_value_pair field : obj) {
    Field* f = fields.Find(field.key);
    if (f == nullptr) continue;
    if (f->kind != Field::kMissing) return std::nullopt;  // a repeated key
    const simdjson::dom::element v = field.value;
    switch (v.type()) {
      case simdjson::dom::element_type::NULL_VALUE:
        f->kind = Field::kNull;
        f->type_name = "null";
        break;
      case simdjson::dom::element_type::STRING:
        f->kind = Field::kString;
        f->type_name = "string";
        f->string = v.get_string().value_unsafe();
        break;
      case simdjson::dom::element_type::INT64:
        f->kind = Field::kInteger;
        f->type_name = "number";
        f->number = std::to_string(v.get_int64().value_unsafe());
        break;
      case simdjson::dom::element_type::UINT64:
        f->kind = Field::kInteger;
        f->type_name = "number";
        f->number = std::to_string(v.get_uint64().value_unsafe());
        break;
      case simdjson::dom::element_type::DOUBLE:
        return std::nullopt;
      case simdjson::dom::element_type::BOOL:
        f->kind = Field::kOther;
        f->type_name = "boolean";
        break;
      case simdjson::dom::element_type::ARRAY:
        f->kind = Field::kOther;
        f->type_name = "array";
        break;
      case simdjson::dom::element_type::OBJECT:
        f->kind = Field::kOther;
        f->type_name = "object";
        break;
    }
  }
  return fields;
}

}  // namespace

Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options) {
  return ParseJsonLine(line, input, options, nullptr);
}

Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options,
                              std::vector<std::string>* warnings) {
  return ParseJsonLine(line, input, options, warnings, JsonParser::kFastest);
}

Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options,
                              std::vector<std::string>* warnings,
                              JsonParser parser) {
  line = StripBom(line);
  if (const size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos) {
    return Skip("invalid UTF-8 at byte " + std::to_string(bad) +
                " of the line");
  }
  json obj;  // owns the strings the slow path's fields point into
  std::optional<Fields> fields;
  std::string repeated;  // an article field written twice, which the slow path finds
  if (parser == JsonParser::kFastest) fields = FieldsBySimdjson(line);
  if (!fields) {
    ASSIGN_OR_RETURN(fields, FieldsByNlohmann(line, &obj, &repeated));
  }
  Article a;
  a.input = std::string(input);
  RETURN_IF_ERROR(FromFields(*fields, options, &a, warnings));
  if (!repeated.empty()) {
    Warn(warnings, "field \"" + OneLine(repeated, 40) +
                       "\" is given more than once; its last value is taken, article kept");
  }
  a.id = ArticleId(a);
  return a;
}

Status ReadJsonDocument(std::string_view bytes, const std::string& name,
                        const ReadOptions& options,
                        std::vector<Article>* articles,
                        std::vector<IngestError>* problems,
                        bool* is_json_feed) {
  // Values deeper than an article's fields are dropped as they are read
  // (an array or object field keeps its type, emptied, for the message):
  // nothing recurses into them, and 32 MB of nested brackets cost the
  // parser's stack of depths, not a tree of millions of values.
  int keep_depth = 2;  // of a top-level array: [ {field: value} ]
  json doc;
  try {
    doc = json::parse(
        bytes.begin(), bytes.end(),
        [&keep_depth](int depth, json::parse_event_t event, json&) {
          if (depth == 0 && event == json::parse_event_t::object_start) {
            keep_depth = 1;  // a top-level object: {field: value}
          }
          return depth <= keep_depth;
        });
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(ParseErrorMessage(e));
  } catch (const json::exception& e) {
    // A number too large for a double ("1e400") is out_of_range, not a
    // parse_error (fuzz_request found it).
    return Status::InvalidArgument("malformed JSON: " + OneLine(e.what()));
  }
  if (is_json_feed != nullptr) {
    *is_json_feed = false;
    if (doc.is_object()) {
      auto version = doc.find("version");
      if (version != doc.end() && version->is_string() &&
          version->get_ref<const std::string&>().starts_with(
              "https://jsonfeed.org/version/")) {
        *is_json_feed = true;
        return Status::OK();
      }
    }
  }
  auto one = [&](const json& item, const std::string& where) {
    if (!item.is_object()) {
      problems->push_back({where, "not a JSON object; skipped", false});
      return;
    }
    std::vector<std::string> warnings;
    Article a;
    a.input = where;
    Status s = FromFields(FieldsOfObject(item), options, &a, &warnings);
    for (std::string& w : warnings) {
      problems->push_back({where, std::move(w), true});
    }
    if (!s.ok()) {
      problems->push_back({where, s.message(), false});
      return;
    }
    a.id = ArticleId(a);
    articles->push_back(std::move(a));
  };
  if (doc.is_object()) {
    one(doc, name);
  } else if (doc.is_array()) {
    for (size_t i = 0; i < doc.size(); ++i) {
      one(doc[i], name + "[" + std::to_string(i) + "]");
    }
  } else {
    return Status::InvalidArgument(
        std::string("not an article object nor an array of them, but JSON ") +
        doc.type_name());
  }
  return Status::OK();
}

std::string MalformedJsonMessage(std::string_view what, size_t byte) {
  const size_t column = what.find("column ");
  const size_t colon = column == std::string_view::npos
                           ? what.find("] ")
                           : what.find(": ", column);
  if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  return "malformed JSON at byte " + std::to_string(byte) + ": " + OneLine(what);
}

}  // namespace newsloom
