// One JSONL line: any bytes, then language detection and feature extraction
// on what the parser accepts. The fast parser (simdjson) is checked against
// the reference (nlohmann::json) on every input: the same article, the same
// warnings, or the same error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_article.h"
#include "ingest/jsonl.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_jsonl: fast and reference parsers differ: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings, reference_warnings;
  Result<Article> a = ParseJsonLine(line, "fuzz.jsonl:1", ReadOptions{}, &warnings,
                                    JsonParser::kFastest);
  const Result<Article> b = ParseJsonLine(line, "fuzz.jsonl:1", ReadOptions{},
                                          &reference_warnings, JsonParser::kReference);
  Check(a.ok() == b.ok(), "one accepts, the other not");
  Check(warnings == reference_warnings, "warnings");
  if (!a.ok()) {
    Check(a.status().ToString() == b.status().ToString(), "error message");
    return 0;
  }
  Check(a->id == b->id && a->external_id == b->external_id &&
            a->gold_event == b->gold_event && a->gold_story == b->gold_story,
        "ids");
  Check(a->title == b->title && a->text == b->text, "title or text");
  Check(a->published == b->published && a->lang == b->lang &&
            a->source == b->source && a->url == b->url,
        "date, lang, source or url");
  ExerciseArticle(&*a);
  return 0;
}
