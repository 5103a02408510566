// ISO 8601 dates from outside data: parsing never fails badly, and what
// parses formats back to a time that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  Result<UnixSeconds> t = ParseIsoTime(s);
  if (!t.ok()) return 0;
  Result<UnixSeconds> again = ParseIsoTime(FormatIsoTime(*t));
  if (!again.ok() || *again != *t) std::abort();
  return 0;
}
