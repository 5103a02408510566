#include "ingest/jsonl.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "base/utf8.h"
#include "ingest/messages.h"

namespace newsloom {
namespace {

using json = nlohmann::json;
using ingest_internal::OneLine;
using ingest_internal::OverCapMessage;

Status Skip(std::string message) {
  return Status::InvalidArgument(message + "; skipped");
}

Status WrongType(const char* key, const json& v, const char* expected) {
  return Skip(std::string("field \"") + key + "\" is " + v.type_name() +
              ", expected " + expected);
}

// "[json.exception.parse_error.101] parse error at line 1, column 7: why"
// -> "malformed JSON at byte 7: why".
std::string ParseErrorMessage(const json::parse_error& e) {
  std::string_view what = e.what();
  const size_t column = what.find("column ");
  const size_t colon = column == std::string_view::npos
                           ? what.find("] ")
                           : what.find(": ", column);
  if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  return "malformed JSON at byte " + std::to_string(e.byte) + ": " +
         OneLine(what);
}

// A string field: missing and null give "". Otherwise a wrong-type error.
Status GetString(const json& obj, const char* key, std::string* out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) return WrongType(key, *it, "a string or null");
  *out = it->get_ref<const std::string&>();
  return Status::OK();
}

// An identifier or label: a string or a number, printed in decimal.
Status GetLabel(const json& obj, const char* key, std::string* out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (it->is_string()) {
    *out = TrimAscii(it->get_ref<const std::string&>());
  } else if (it->is_number_unsigned()) {
    *out = std::to_string(it->get<uint64_t>());
  } else if (it->is_number_integer()) {
    *out = std::to_string(it->get<int64_t>());
  } else if (it->is_number_float()) {
    *out = it->dump();
  } else {
    return WrongType(key, *it, "a string, a number or null");
  }
  return Status::OK();
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

void SetPublished(const std::string& date, Article* a,
                  std::vector<std::string>* warnings) {
  if (TrimAscii(date).empty()) return;
  Result<UnixSeconds> t = ParseIsoTime(date);
  if (t.ok()) {
    a->published = *t;
  } else {
    Warn(warnings, "unparseable date \"" + OneLine(date, 60) +
                       "\"; published left empty, article kept");
  }
}

Status CheckCap(const char* field, const std::string& value,
                const ReadOptions& options) {
  if (value.size() <= options.max_article_bytes) return Status::OK();
  return Status::InvalidArgument(
      OverCapMessage(field, value.size(), "one article",
                     options.max_article_bytes, "--max-article-bytes"));
}

// Fills `a` from a parsed object; collects warnings.
Status FromObject(const json& obj, const ReadOptions& options, Article* a,
                  std::vector<std::string>* warnings) {
  std::string title, date, lang;
  RETURN_IF_ERROR(GetLabel(obj, "id", &a->external_id));
  RETURN_IF_ERROR(GetLabel(obj, "event", &a->gold_event));
  RETURN_IF_ERROR(GetLabel(obj, "story", &a->gold_story));
  RETURN_IF_ERROR(GetString(obj, "title", &title));
  RETURN_IF_ERROR(GetString(obj, "text", &a->text));
  RETURN_IF_ERROR(GetString(obj, "date", &date));
  RETURN_IF_ERROR(GetString(obj, "lang", &lang));
  RETURN_IF_ERROR(GetString(obj, "source", &a->source));
  RETURN_IF_ERROR(GetString(obj, "url", &a->url));
  a->title = TrimAscii(title);
  a->source = TrimAscii(a->source);
  a->url = TrimAscii(a->url);
  if (a->title.empty() && TrimAscii(a->text).empty()) {
    return Skip("both title and text are empty");
  }
  RETURN_IF_ERROR(CheckCap("text", a->text, options));
  RETURN_IF_ERROR(CheckCap("title", a->title, options));
  SetPublished(date, a, warnings);
  SetLanguage(lang, a, warnings);
  return Status::OK();
}

}  // namespace

Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options) {
  return ParseJsonLine(line, input, options, nullptr);
}

Result<Article> ParseJsonLine(std::string_view line, std::string_view input,
                              const ReadOptions& options,
                              std::vector<std::string>* warnings) {
  line = StripBom(line);
  if (const size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos) {
    return Skip("invalid UTF-8 at byte " + std::to_string(bad) +
                " of the line");
  }
  json obj;
  try {
    obj = json::parse(line.begin(), line.end());
  } catch (const json::parse_error& e) {
    return Skip(ParseErrorMessage(e));
  } catch (const json::exception& e) {
    return Skip("malformed JSON: " + OneLine(e.what()));
  }
  if (!obj.is_object()) {
    return Skip(std::string("expected a JSON object, got ") + obj.type_name());
  }
  Article a;
  a.input = std::string(input);
  RETURN_IF_ERROR(FromObject(obj, options, &a, warnings));
  a.id = ArticleId(a);
  return a;
}

}  // namespace newsloom
