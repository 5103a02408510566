#include "ingest/html_page.h"

#include <array>
#include <string>

#include "base/ascii.h"
#include "base/utf8.h"
#include "html/extract.h"
#include "ingest/messages.h"

namespace newsloom {
namespace {

using ingest_internal::OverCapMessage;

std::string LowerPrefix(std::string_view s, size_t n) {
  return AsciiLowerCopy(s.substr(0, n));
}

}  // namespace

bool LooksLikeHtml(std::string_view prefix) {
  const std::string s = LowerPrefix(TrimAscii(StripBom(prefix)), 1024);
  static constexpr auto kStarts = std::to_array<std::string_view>(
      {"<!doctype html", "<html", "<head", "<body", "<meta", "<!--"});
  for (std::string_view start : kStarts) {
    if (s.starts_with(start)) return true;
  }
  return s.starts_with("<?xml") && s.find("<html") != std::string::npos;
}

Result<Article> ParseHtmlPage(std::string_view bytes, std::string_view input,
                              const ReadOptions& options,
                              const HtmlPageOrigin& origin) {
  if (bytes.size() > options.max_page_bytes) {
    return Status::InvalidArgument(
        OverCapMessage("page", bytes.size(), "one web page",
                       options.max_page_bytes, "--max-page-bytes"));
  }
  ExtractOptions extract;
  extract.max_page_bytes = options.max_page_bytes;
  Result<ExtractedPage> page = ExtractPage(bytes, PageSource{origin.url, origin.content_type}, extract);
  if (!page.ok()) {
    return Status::InvalidArgument(page.status().message() + "; skipped");
  }
  if (page->text.empty()) {
    return Status::InvalidArgument("no article text found in the page; skipped");
  }
  if (page->text.size() > options.max_article_bytes) {
    return Status::InvalidArgument(
        OverCapMessage("extracted text", page->text.size(), "one article",
                       options.max_article_bytes, "--max-article-bytes"));
  }
  PageMetadata& md = page->metadata;
  Article a;
  a.input = std::string(input);
  a.text = std::move(page->text);
  a.title = std::move(md.title);
  a.url = md.url.empty() ? std::string(origin.url) : std::move(md.url);
  a.source = std::move(md.site);
  a.authors = std::move(md.authors);
  if (md.published) {
    a.published = md.published->utc;
    a.published_text = FormatZonedTime(*md.published);
    a.published_offset = md.published->offset_minutes;
  }
  if (!md.lang.empty()) {
    a.lang = md.lang;
    a.lang_confidence = 1.0;
  }
  a.id = ArticleId(a);
  return a;
}

}  // namespace newsloom
