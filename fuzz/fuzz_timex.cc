// Time expressions in arbitrary text: the tagger never crashes, its spans
// are ordered, disjoint byte ranges of the input whose bytes are the
// result's text, and resolving a result against another anchor gives what
// tagging with that anchor gives (the unresolved spec is anchor-free).
//
// Input: byte 0 picks the language (and whether there is an anchor), the
// rest is the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "timex/timex.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  if (size == 0) return 0;
  static const TimexTagger* tagger = new TimexTagger();
  static constexpr const char* kLangs[] = {"en", "es", "da", "de", "fr", "pl",
                                           "ja", "",   "it", "nl", "pt", "sv"};
  const char* lang = kLangs[data[0] % std::size(kLangs)];
  const std::optional<CivilDay> anchor =
      data[0] & 8 ? std::nullopt : std::optional<CivilDay>({2024, 2, 27});
  const std::optional<CivilDay> other = CivilDay{1999, 12, 31};
  const std::string_view text(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  const std::vector<Timex> found = tagger->Tag(text, lang, anchor);
  const std::vector<Timex> again = tagger->Tag(text, lang, other);
  if (found.size() != again.size()) std::abort();
  size_t last_end = 0;
  for (size_t i = 0; i < found.size(); ++i) {
    const Timex& t = found[i];
    if (t.start < last_end || t.end <= t.start || t.end > text.size())
      std::abort();
    if (text.substr(t.start, t.end - t.start) != t.text) std::abort();
    if (t.value.empty()) std::abort();
    if (Resolve(t, other).value != again[i].value) std::abort();
    last_end = t.end;
  }
  return 0;
}
