// Dates as web pages, feeds and JSONL files write them (src/html/dates.h):
// ParsePageDate, IsAmbiguousNumericDate, FindDateInUrl and FindDateInText
// on arbitrary bytes. Beyond "no crash": a date that parses formats back
// (ISO 8601) to a value that parses to the same instant; an ambiguous
// numeric date is never parsed; every date found is within the years the
// header promises (1990..2100, a day either way for the zone).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "base/time.h"
#include "html/dates.h"

namespace {

using newsloom::UnixSeconds;
using newsloom::ZonedTime;

// 1989-12-31T00:00:00Z and 2101-01-02T00:00:00Z.
constexpr UnixSeconds kEarliest = 631065600;
constexpr UnixSeconds kLatest = 4134067200;

void CheckRange(const std::optional<ZonedTime>& t) {
  if (t && (t->utc < kEarliest || t->utc > kLatest)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const std::optional<ZonedTime> t = ParsePageDate(s);
  CheckRange(t);
  if (t) {
    const std::optional<ZonedTime> again = ParsePageDate(FormatZonedTime(*t));
    if (!again || again->utc != t->utc) std::abort();
  }
  if (IsAmbiguousNumericDate(s) && t) std::abort();
  CheckRange(FindDateInUrl(s));
  CheckRange(FindDateInText(s));
  return 0;
}
