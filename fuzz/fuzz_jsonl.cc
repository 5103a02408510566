// One JSONL line: any bytes, then language detection and feature extraction
// on what the parser accepts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_article.h"
#include "ingest/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings;
  Result<Article> a = ParseJsonLine(line, "fuzz.jsonl:1", ReadOptions{}, &warnings);
  if (a.ok()) ExerciseArticle(&*a);
  return 0;
}
