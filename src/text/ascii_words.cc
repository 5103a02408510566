#include "text/ascii_words.h"

#include <array>

namespace newsloom {
namespace {

// Word-break classes of ASCII bytes; everything unlisted is kOther.
enum Class : uint8_t {
  kOther,
  kLetter,       // ALetter: A-Z a-z @
  kDigit,        // Numeric
  kUnderscore,   // ExtendNumLet
  kMidNumLet,    // '.': joins letters and digits
  kSingleQuote,  // '\'': joins letters and digits
  kMidNum,       // ',' ';': joins digits only
};

constexpr std::array<Class, 128> MakeClasses() {
  std::array<Class, 128> c{};
  for (int b = 'a'; b <= 'z'; ++b) c[b] = kLetter;
  for (int b = 'A'; b <= 'Z'; ++b) c[b] = kLetter;
  for (int b = '0'; b <= '9'; ++b) c[b] = kDigit;
  c['@'] = kLetter;  // ICU 72 tailoring: "@user", "a@b.c" are words
  c['_'] = kUnderscore;
  c['.'] = kMidNumLet;
  c['\''] = kSingleQuote;
  c[','] = kMidNum;
  c[';'] = kMidNum;
  return c;
}
constexpr std::array<Class, 128> kClasses = MakeClasses();

// Class and byte length of the character at text[i]: an ASCII byte, or,
// when kLatin, one of LatinCharAt()'s characters.
struct Unit {
  Class cls;
  uint32_t length;
};

// Inlined by force: once the bounds check below was in, GCC 12 stopped
// inlining it into NextWord's loops, which cost 4% of the Analyzer.
template <bool kLatin>
[[gnu::always_inline]] inline Unit UnitAt(std::string_view text, size_t i) {
  const auto b = static_cast<uint8_t>(text[i]);
  if (!kLatin || b < 0x80) return {kClasses[b & 0x7F], 1};
  // Classes as ascii_words.h lists them. A byte outside the REQUIRES is a
  // separator rather than a read past the end.
  if (b == 0xE2) {
    if (i + 2 >= text.size()) return {kOther, 1};
    const auto last = static_cast<uint8_t>(text[i + 2]);
    return {last == 0x98 || last == 0x99 ? kMidNumLet : kOther, 3};
  }
  if (i + 1 >= text.size()) return {kOther, 1};
  // C3 97 and C3 B7 are × and ÷; the rest of U+00C0-U+017F are letters.
  const auto second = static_cast<uint8_t>(text[i + 1]);
  const bool sign = b == 0xC3 && (second == 0x97 || second == 0xB7);
  return {sign ? kOther : kLetter, 2};
}

bool IsWordClass(Class c) {
  return c == kLetter || c == kDigit || c == kUnderscore;
}

// Whether `mid` between two characters of class `side` joins them (WB6/7,
// WB11/12).
bool MidJoins(Class side, Class mid) {
  if (side == kLetter) return mid == kMidNumLet || mid == kSingleQuote;
  if (side == kDigit) {
    return mid == kMidNumLet || mid == kSingleQuote || mid == kMidNum;
  }
  return false;
}

// ICU's status for a segment ending in `last` preceded by `prev` (kOther at
// the start of the segment): the class of a final letter or digit; for a
// final underscore that of the WB13a/b pair ("1_" a number, "a_" and "__"
// letters, a lone "_" no word). Found by comparing with ICU: "a1" is a
// number, "1a" a letter.
int32_t StatusOf(Class prev, Class last) {
  if (last == kLetter) return kAsciiWordLetter;
  if (last == kDigit) return kAsciiWordNumber;
  if (prev == kDigit) return kAsciiWordNumber;
  if (prev == kOther) return 0;
  return kAsciiWordLetter;
}

template <bool kLatin>
bool NextWord(std::string_view text, size_t* pos, AsciiWord* word) {
  const size_t n = text.size();
  for (size_t i = *pos; i < n;) {
    const Unit first = UnitAt<kLatin>(text, i);
    if (!IsWordClass(first.cls)) {  // punctuation, space, control
      i += first.length;
      continue;
    }
    Class prev = kOther;
    Class last = first.cls;
    size_t j = i + first.length;
    while (j < n) {
      const Unit c = UnitAt<kLatin>(text, j);
      if (IsWordClass(c.cls)) {
        prev = last;
        last = c.cls;
        j += c.length;
        continue;
      }
      if (j + c.length < n) {
        const Unit after = UnitAt<kLatin>(text, j + c.length);
        if (after.cls == last && MidJoins(last, c.cls)) {
          prev = c.cls;
          j += c.length + after.length;
          continue;
        }
      }
      break;
    }
    const int32_t status = StatusOf(prev, last);
    if (status == 0) {  // a lone underscore
      i = j;
      continue;
    }
    *word = {static_cast<uint32_t>(i), static_cast<uint32_t>(j), status};
    *pos = j;
    return true;
  }
  *pos = n;
  return false;
}

}  // namespace

size_t LatinCharAt(std::string_view text, size_t i) {
  if (i + 2 > text.size()) return 0;
  const auto b = static_cast<uint8_t>(text[i]);
  const auto second = static_cast<uint8_t>(text[i + 1]);
  if (b >= 0xC3 && b <= 0xC5) {  // U+00C0-U+017F
    return second >= 0x80 && second <= 0xBF ? 2 : 0;
  }
  if (b != 0xE2 || second != 0x80 || i + 3 > text.size()) return 0;
  switch (static_cast<uint8_t>(text[i + 2])) {
    case 0x98: case 0x99:              // ‘ ’
    case 0x9C: case 0x9D:              // “ ”
    case 0x93: case 0x94: case 0xA6:   // – — …
      return 3;
    default:
      return 0;
  }
}

bool NextAsciiWord(std::string_view text, size_t* pos, AsciiWord* word) {
  return NextWord<false>(text, pos, word);
}

bool NextLatinWord(std::string_view text, size_t* pos, AsciiWord* word) {
  return NextWord<true>(text, pos, word);
}

}  // namespace newsloom
