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

Class ClassAt(std::string_view text, size_t i) {
  return kClasses[static_cast<uint8_t>(text[i]) & 0x7F];
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

}  // namespace

bool NextAsciiWord(std::string_view text, size_t* pos, AsciiWord* word) {
  const size_t n = text.size();
  for (size_t i = *pos; i < n; ++i) {
    Class prev = kOther;
    Class last = ClassAt(text, i);
    if (!IsWordClass(last)) continue;  // punctuation, space, control
    size_t j = i + 1;
    while (j < n) {
      const Class c = ClassAt(text, j);
      if (IsWordClass(c)) {
        prev = last;
        last = c;
        ++j;
      } else if (j + 1 < n && ClassAt(text, j + 1) == last &&
                 MidJoins(last, c)) {
        prev = c;
        j += 2;
      } else {
        break;
      }
    }
    const int32_t status = StatusOf(prev, last);
    if (status == 0) continue;  // a lone underscore
    *word = {static_cast<uint32_t>(i), static_cast<uint32_t>(j), status};
    *pos = j;
    return true;
  }
  *pos = n;
  return false;
}

}  // namespace newsloom
