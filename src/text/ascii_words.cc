#include "text/ascii_words.h"

#include <unicode/uchar.h>

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
  kMidLetter,    // (none in ASCII: ICU 72 drops ':') joins letters only
  kReject = 0xFF,  // not taken by NextSimpleWord: ICU's iterator decides
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

// Classes of U+0080-U+07FF (two-byte UTF-8) from ICU's Word_Break values:
// letters, digits, the mid characters and Other, which the ASCII rules
// cover; kReject for the rest (Extend, Format, Hebrew_Letter, Newline)
// and for Extended_Pictographic (© ®), which rules beyond them name.
const std::array<Class, 0x800>& TwoByteClasses() {
  static const std::array<Class, 0x800> table = [] {
    std::array<Class, 0x800> t;
    t.fill(kReject);
    for (UChar32 c = 0x80; c < 0x800; ++c) {
      if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) continue;
      switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
        case U_WB_ALETTER: t[c] = kLetter; break;
        case U_WB_NUMERIC: t[c] = kDigit; break;
        case U_WB_MIDNUMLET: t[c] = kMidNumLet; break;
        case U_WB_MIDNUM: t[c] = kMidNum; break;
        case U_WB_MIDLETTER: t[c] = kMidLetter; break;
        case U_WB_OTHER: t[c] = kOther; break;
        default: break;
      }
    }
    return t;
  }();
  return table;
}

UChar32 TwoByteCodePoint(uint8_t lead, uint8_t second) {
  return static_cast<UChar32>(((lead & 0x1F) << 6) | (second & 0x3F));
}

// Class and byte length of the character at text[i]: an ASCII byte, or,
// when kSimple, one of SimpleCharAt()'s characters.
struct Unit {
  Class cls;
  uint32_t length;
};

// Inlined by force: once the bounds check below was in, GCC 12 stopped
// inlining it into NextWord's loops, which cost 4% of the Analyzer.
template <bool kSimple>
[[gnu::always_inline]] inline Unit UnitAt(std::string_view text, size_t i) {
  const auto b = static_cast<uint8_t>(text[i]);
  if (!kSimple || b < 0x80) return {kClasses[b & 0x7F], 1};
  // A byte outside the REQUIRES is a separator rather than a read past the
  // end.
  if (b == 0xE2) {  // ‘ ’ are MidNumLet, “ ” – — … Other
    if (i + 2 >= text.size()) return {kOther, 1};
    const auto last = static_cast<uint8_t>(text[i + 2]);
    return {last == 0x98 || last == 0x99 ? kMidNumLet : kOther, 3};
  }
  if (b < 0xC2 || b > 0xDF || i + 1 >= text.size()) return {kOther, 1};
  const Class c = TwoByteClasses()[TwoByteCodePoint(
      b, static_cast<uint8_t>(text[i + 1]))];
  return {c == kReject ? kOther : c, 2};
}

bool IsWordClass(Class c) {
  return c == kLetter || c == kDigit || c == kUnderscore;
}

// Whether `mid` between two characters of class `side` joins them (WB6/7,
// WB11/12).
bool MidJoins(Class side, Class mid) {
  if (side == kLetter) {
    return mid == kMidNumLet || mid == kSingleQuote || mid == kMidLetter;
  }
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

template <bool kSimple>
bool NextWord(std::string_view text, size_t* pos, AsciiWord* word) {
  const size_t n = text.size();
  for (size_t i = *pos; i < n;) {
    const Unit first = UnitAt<kSimple>(text, i);
    if (!IsWordClass(first.cls)) {  // punctuation, space, control
      i += first.length;
      continue;
    }
    Class prev = kOther;
    Class last = first.cls;
    size_t j = i + first.length;
    while (j < n) {
      const Unit c = UnitAt<kSimple>(text, j);
      if (IsWordClass(c.cls)) {
        prev = last;
        last = c.cls;
        j += c.length;
        continue;
      }
      if (j + c.length < n) {
        const Unit after = UnitAt<kSimple>(text, j + c.length);
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

size_t SimpleCharAt(std::string_view text, size_t i) {
  if (i + 2 > text.size()) return 0;
  const auto b = static_cast<uint8_t>(text[i]);
  const auto second = static_cast<uint8_t>(text[i + 1]);
  if (b >= 0xC2 && b <= 0xDF) {  // U+0080-U+07FF
    if (second < 0x80 || second > 0xBF) return 0;
    return TwoByteClasses()[TwoByteCodePoint(b, second)] == kReject ? 0 : 2;
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

bool NextSimpleWord(std::string_view text, size_t* pos, AsciiWord* word) {
  return NextWord<true>(text, pos, word);
}

}  // namespace newsloom
