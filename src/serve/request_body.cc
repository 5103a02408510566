#include "serve/request_body.h"

#include <string>

#include "base/utf8.h"
#include "ingest/html_page.h"
#include "ingest/jsonl.h"

namespace newsloom {
namespace {

// "application/json; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  std::string out(TrimAscii(type));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void ReadLine(std::string_view line, const std::string& where,
              const ReadOptions& options, ArticlesBody* out) {
  std::vector<std::string> warnings;
  Result<Article> a = ParseJsonLine(line, where, options, &warnings);
  for (std::string& w : warnings) out->errors.push_back({where, std::move(w), true});
  if (a.ok()) {
    out->articles.push_back(std::move(*a));
  } else {
    out->errors.push_back({where, a.status().message(), false});
  }
}

Result<ArticlesBody> ReadJson(std::string_view body, const ReadOptions& options) {
  ArticlesBody out;
  Status s = ReadJsonDocument(body, "body", options, &out.articles, &out.errors);
  if (!s.ok()) return Status::InvalidArgument("body is " + s.message());
  return out;
}

ArticlesBody ReadJsonLines(std::string_view body, const ReadOptions& options) {
  ArticlesBody out;
  size_t line_no = 0;
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    ++line_no;
    const std::string where = "body:" + std::to_string(line_no);
    if (TrimAscii(line).empty()) continue;
    if (line.size() > options.max_line_bytes) {
      out.errors.push_back({where,
                            "line of " + std::to_string(line.size()) +
                                " bytes is over the limit of " +
                                std::to_string(options.max_line_bytes) + "; skipped",
                            false});
      continue;
    }
    ReadLine(line, where, options, &out);
  }
  if (line_no == 0 || (out.articles.empty() && out.errors.empty())) {
    out.errors.push_back({"body", "no article: the body is empty", false});
  }
  return out;
}

}  // namespace

namespace {

bool IsJsonLines(std::string_view type) {
  return type == "application/x-ndjson" || type == "application/jsonl" ||
         type == "application/x-jsonlines";
}

bool IsHtml(std::string_view type) {
  return type == "text/html" || type == "application/xhtml+xml";
}

}  // namespace

Status CheckArticlesBodyType(std::string_view content_type) {
  const std::string type = MediaType(content_type);
  if (type == "application/json" || IsJsonLines(type) || IsHtml(type)) {
    return Status::OK();
  }
  return Status::NotSupported(
      "Content-Type \"" + std::string(content_type) +
      "\" is not one POST /api/articles reads: send application/json, "
      "application/x-ndjson or text/html");
}

Result<ArticlesBody> ParseArticlesBody(std::string_view content_type,
                                       std::string_view body, std::string_view url,
                                       const ReadOptions& options) {
  RETURN_IF_ERROR(CheckArticlesBodyType(content_type));
  const std::string type = MediaType(content_type);
  if (type == "application/json") return ReadJson(body, options);
  if (IsJsonLines(type)) return ReadJsonLines(body, options);
  ArticlesBody out;  // a web page
  const std::string where = url.empty() ? std::string("body") : std::string(url);
  Result<Article> a = ParseHtmlPage(body, where, options, {url, content_type});
  if (a.ok()) {
    out.articles.push_back(std::move(*a));
  } else {
    out.errors.push_back({where, a.status().message(), false});
  }
  return out;
}

}  // namespace newsloom
