#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <memory>

#include "text/normalize.h"

namespace newsloom {
namespace {

constexpr char kTransliteration[] = "Any-Latin; Latin-ASCII";
constexpr size_t kMaxIcuBytes = INT32_MAX / 4;

// Transliterator instances are not thread-safe, and building one parses
// rule tables (milliseconds), so each thread clones a shared prototype once.
const icu::Transliterator* Prototype() {
  static const icu::Transliterator* const prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::Transliterator* t = icu::Transliterator::createInstance(
        kTransliteration, UTRANS_FORWARD, status);
    return U_SUCCESS(status) ? t : nullptr;
  }();
  return prototype;
}

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t(
      Prototype() == nullptr ? nullptr : Prototype()->clone());
  return t.get();
}

// Appends the [a-z0-9] characters of `s`, lower-cased; drops everything else.
void AppendAsciiKey(std::string_view s, std::string* key) {
  for (const char c : s) {
    if (c >= 'a' && c <= 'z') {
      key->push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      key->push_back(static_cast<char>(c + ('a' - 'A')));
    } else if (c >= '0' && c <= '9') {
      key->push_back(c);
    }
  }
}

// Whether code point `c` leaves nothing in a key: dashes, brackets,
// quotation marks, connectors and spaces ("’", "–", "«"), which the
// transliteration leaves as punctuation or ASCII punctuation.
bool LeavesNothing(UChar32 c) {
  switch (u_charType(c)) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_SPACE_SEPARATOR:
      return true;
    default:
      return false;
  }
}

}  // namespace

// A Latin letter's canonical decomposition is its ASCII base and
// diacritics, which Latin-ASCII drops.
bool LatinKeyFast(std::string_view word, std::string* key) {
  static const icu::Normalizer2* const nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  if (nfd == nullptr || word.size() > kMaxIcuBytes) return false;
  const int32_t n = static_cast<int32_t>(word.size());
  icu::UnicodeString parts;
  for (int32_t i = 0; i < n;) {
    const char byte = word[i];
    if (static_cast<unsigned char>(byte) < 0x80) {
      AppendAsciiKey(std::string_view(&byte, 1), key);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c < 0) return false;
    if (LeavesNothing(c)) continue;
    // An ASCII letter and marks of the Combining Diacritical Marks block.
    if (!nfd->getDecomposition(c, parts) || parts.isEmpty() ||
        parts.charAt(0) >= 0x80) {
      return false;
    }
    const char base = static_cast<char>(parts.charAt(0));
    for (int32_t k = 1; k < parts.length(); ++k) {
      if (parts.charAt(k) < 0x300 || parts.charAt(k) > 0x36F) return false;
    }
    AppendAsciiKey(std::string_view(&base, 1), key);
  }
  return true;
}

std::string LatinKey(std::string_view word) {
  std::string key;
  if (IsAscii(word)) {
    AppendAsciiKey(word, &key);
    return key;
  }
  if (LatinKeyFast(word, &key)) return key;
  return LatinKeySlow(word);
}

std::string LatinKeySlow(std::string_view word) {
  // ICU strings hold at most INT32_MAX units; a key of 2 GB is no key.
  if (word.size() > kMaxIcuBytes) word = word.substr(0, kMaxIcuBytes);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (icu::Transliterator* t = ThreadTransliterator()) t->transliterate(text);
  std::string latin;
  text.toUTF8String(latin);
  std::string key;
  AppendAsciiKey(latin, &key);
  return key;
}

}  // namespace newsloom
