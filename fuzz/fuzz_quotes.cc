// The quotation finder (src/quotes) on arbitrary bytes, in a language
// chosen by the first byte (with and without a lexicon, with and without
// caller name spans). Beyond survival it checks the output contract of
// quotes.h: every span inside the text, contents sorted and disjoint.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "quotes/quotes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  if (size == 0) return 0;
  static constexpr std::string_view kLangs[] = {
      "en", "da", "de", "fr", "ru", "sv", "und", "",
      "es", "it", "nl", "no", "pl", "pt", "uk"};  // every lexicon
  const std::string_view lang = kLangs[data[0] % std::size(kLangs)];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  // Some name spans, in and out of range, from the text's own bytes.
  std::vector<NameSpan> names;
  if (data[0] & 0x80) {
    for (size_t i = 0; i + 1 < text.size() && names.size() < 8; i += 7) {
      names.push_back({static_cast<uint32_t>(i),
                       static_cast<uint32_t>(i + (text[i] & 0x1f)),
                       static_cast<NameType>(text[i + 1] & 3)});
    }
  }
  static QuoteFinder finder;
  std::vector<Quotation> quotes;
  finder.Find(text, lang, names, &quotes);
  uint32_t prev_end = 0;
  for (const Quotation& q : quotes) {
    for (ByteSpan s : {q.content, q.cue, q.speaker, q.speaker_name, q.source})
      if (s.start > s.end || s.end > text.size()) std::abort();
    if (q.content.empty() || q.content.start < prev_end) std::abort();
    prev_end = q.content.end;
  }
  return 0;
}
