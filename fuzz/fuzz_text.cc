// UTF-8 checks and word normalisation on arbitrary bytes; on valid UTF-8 the
// fast paths must agree with their slow oracles (NormalizeWordSlow,
// LatinKeySlow, and the Analyzer's ASCII and typographic segmenters and
// hand-written sentence rules against its all-ICU path), so the fuzzer
// checks the equivalence, not just survival.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "text/analyzer.h"
#include "text/fold.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const size_t bad = FindInvalidUtf8(s);
  LooksBinary(s);
  TrimAscii(StripBom(s));
  if (bad != std::string_view::npos) {  // invalid: stop here
    Abbreviate(s.substr(0, bad), 40);
    return 0;
  }
  Abbreviate(s, 40);
  Utf8PrefixLength(s, size / 2);
  std::string fast, slow;
  NormalizeWord(s, &fast);
  NormalizeWordSlow(s, &slow);
  if (fast != slow) std::abort();
  if (LatinKey(s) != LatinKeySlow(s)) std::abort();

  static Analyzer* fast_analyzer = new Analyzer();
  static Analyzer* icu_analyzer =
      new Analyzer(AnalyzerOptions{.ascii_fast_path = false});
  static AnalyzedText* fast_out = new AnalyzedText();
  static AnalyzedText* icu_out = new AnalyzedText();
  const char* lang = size % 3 == 0 ? "en" : size % 3 == 1 ? "fr" : "und";
  fast_analyzer->Analyze(s, lang, fast_out);
  icu_analyzer->Analyze(s, lang, icu_out);
  if (fast_out->sentences.size() != icu_out->sentences.size() ||
      fast_out->tokens.size() != icu_out->tokens.size()) {
    std::abort();
  }
  for (size_t i = 0; i < fast_out->sentences.size(); ++i) {
    if (fast_out->sentences[i].begin != icu_out->sentences[i].begin ||
        fast_out->sentences[i].end != icu_out->sentences[i].end) {
      std::abort();
    }
  }
  for (size_t i = 0; i < fast_out->tokens.size(); ++i) {
    const Token& f = fast_out->tokens[i];
    const Token& g = icu_out->tokens[i];
    if (f.begin != g.begin || f.end != g.end || f.norm != g.norm ||
        f.term != g.term || f.sentence != g.sentence ||
        f.is_stop != g.is_stop || f.is_number != g.is_number ||
        f.is_capitalized != g.is_capitalized ||
        f.sentence_initial != g.sentence_initial) {
      std::abort();
    }
  }
  return 0;
}
