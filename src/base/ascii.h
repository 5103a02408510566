// ASCII character classes for byte-level scanners (HTML, feeds, plain text).
//
// Each works on one byte and is false for every byte >= 0x80, so a scanner
// can use them on UTF-8 text without splitting a multi-byte character.
#ifndef NEWSLOOM_BASE_ASCII_H_
#define NEWSLOOM_BASE_ASCII_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace newsloom {

// C's isspace in the "C" locale: space, tab, LF, VT, FF, CR.
inline bool IsAsciiSpace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// HTML's "ASCII whitespace" (WHATWG): space, tab, LF, FF, CR; not VT.
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// 'A'-'Z' to 'a'-'z'; every other byte unchanged.
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` with AsciiLower applied to every byte (UTF-8 stays valid).
inline std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// The offset of the first byte >= 0x80 in `s` at or after `from`, or
// s.size() when there is none (or from >= s.size()). Reads 8 bytes at a
// time: on mostly-ASCII text it is a few instructions per 8 bytes.
inline size_t FindNonAscii(std::string_view s, size_t from) {
  const size_t n = s.size();
  size_t i = from;
  for (; i + 8 <= n; i += 8) {
    uint64_t block;
    std::memcpy(&block, s.data() + i, 8);
    if ((block & 0x8080808080808080ULL) != 0) break;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
  }
  return n;
}

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_ASCII_H_
