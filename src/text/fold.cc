#include "text/fold.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

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

}  // namespace

std::string LatinKey(std::string_view word) {
  if (!IsAscii(word)) return LatinKeySlow(word);
  std::string key;
  AppendAsciiKey(word, &key);
  return key;
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
