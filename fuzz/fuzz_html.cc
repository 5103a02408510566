// A web page: any bytes through encoding detection, libxml2's HTML parser,
// our content scoring and metadata, then language detection and feature
// extraction on the article the page gives.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_article.h"
#include "ingest/html_page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  LooksLikeHtml(bytes);
  Result<Article> a = ParseHtmlPage(bytes, "fuzz.html", ReadOptions{});
  if (a.ok()) ExerciseArticle(&*a);
  return 0;
}
