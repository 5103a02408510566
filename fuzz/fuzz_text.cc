// UTF-8 checks and word normalisation on arbitrary bytes; on valid UTF-8 the
// fast paths must agree with their slow oracles (NormalizeWordSlow,
// LatinKeySlow), so the fuzzer checks the equivalence, not just survival.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "text/fold.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const size_t bad = FindInvalidUtf8(s);
  LooksBinary(s);
  TrimAscii(StripBom(s));
  if (bad != s.size()) {
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
  return 0;
}
