// A plain-text article file: any bytes, then language detection and feature
// extraction on what the reader accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_article.h"
#include "ingest/plain_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<Article> a = ParsePlainText(bytes, "fuzz.txt", ReadOptions{});
  if (a.ok()) ExerciseArticle(&*a);
  return 0;
}
