#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <cstdint>
#include <cstring>

#include "base/ascii.h"

namespace newsloom {
namespace {

constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";  // U+2019
constexpr std::string_view kModifierApostrophe = "\xCA\xBC";    // U+02BC

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return normalizer;
}

// Replaces every `from` in `*s` with an ASCII apostrophe, in place.
void ReplaceWithApostrophe(std::string* s, std::string_view from) {
  size_t pos = s->find(from);
  while (pos != std::string::npos) {
    s->replace(pos, from.size(), 1, '\'');
    pos = s->find(from, pos + 1);
  }
}

}  // namespace

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t bits = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t block;
    std::memcpy(&block, p, 8);
    bits |= block;
  }
  for (; n > 0; ++p, --n) bits |= static_cast<unsigned char>(*p);
  return (bits & 0x8080808080808080ULL) == 0;
}

size_t Utf8PrefixLength(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

void NormalizeWord(std::string_view word, std::string* out) {
  if (!IsAscii(word)) {
    NormalizeWordSlow(word, out);
    return;
  }
  out->assign(word);  // copies; resize() would first fill with zeros
  for (char& c : *out) c = AsciiLower(c);
}

void NormalizeWordSlow(std::string_view word, std::string* out) {
  out->clear();
  const icu::Normalizer2* normalizer = NfkcCasefold();
  UErrorCode status = U_ZERO_ERROR;
  if (normalizer != nullptr) {
    icu::StringByteSink<std::string> sink(out);
    normalizer->normalizeUTF8(0, icu::StringPiece(word.data(), word.size()),
                              sink, nullptr, status);
  }
  // Only a broken ICU installation gets here; keep the surface rather than
  // lose the word.
  if (normalizer == nullptr || U_FAILURE(status)) out->assign(word);
  if (out->find('\xE2') != std::string::npos) {
    ReplaceWithApostrophe(out, kRightSingleQuote);
  }
  if (out->find('\xCA') != std::string::npos) {
    ReplaceWithApostrophe(out, kModifierApostrophe);
  }
}

}  // namespace newsloom
