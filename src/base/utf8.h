// UTF-8 validation and the few byte-level helpers every stage needs.
//
// newsloom keeps every article's text as the exact UTF-8 bytes it stores, and
// all offsets (sentences, tokens, entities, citations) are byte offsets into
// those bytes. Text that is not valid UTF-8 is rejected at ingest with the
// offset of the first bad byte, so that no later stage has to cope with it.
#ifndef NEWSLOOM_BASE_UTF8_H_
#define NEWSLOOM_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsloom {

// Returns the byte offset of the first byte that does not start a valid,
// shortest-form UTF-8 sequence for a Unicode scalar value (no surrogates,
// nothing above U+10FFFF), or std::string_view::npos when `s` is valid.
// Fast path: 8-byte ASCII blocks are skipped without decoding.
size_t FindInvalidUtf8(std::string_view s);

inline bool IsValidUtf8(std::string_view s) {
  return FindInvalidUtf8(s) == std::string_view::npos;
}

// `s` with every byte FindInvalidUtf8 would stop at replaced by U+FFFD
// (EF BF BD), one for each such byte: always valid UTF-8, and `s` itself
// when it was. *replaced, when given, is set to the number of bytes
// replaced. For text from outside that must be stored: a feed's one bad
// byte costs one character, not the feed.
//   RepairUtf8("caf\xe9!") == "caf\xef\xbf\xbd!"
std::string RepairUtf8(std::string_view s, size_t* replaced = nullptr);

// True when `s` looks like binary data rather than text: it contains a NUL
// byte or more than 10% C0 control bytes other than tab, LF, CR and FF in its
// first `probe` bytes.
bool LooksBinary(std::string_view s, size_t probe = 8192);

// Strips a leading UTF-8 byte-order mark, if any.
std::string_view StripBom(std::string_view s);

// Removes leading and trailing ASCII white space (space, \t, \n, \r, \f, \v).
std::string_view TrimAscii(std::string_view s);

// `s` on one line: trimmed as TrimAscii trims, each run of ASCII white
// space inside made one space. Stops once more than `stop_after` bytes are
// out, so a caller that Abbreviate()s to that length reads no more of a
// long text than it needs.
//   CollapseSpaces("  a \n\t b ") == "a b"
std::string CollapseSpaces(std::string_view s, size_t stop_after = std::string_view::npos);

// `s` safe to print on a terminal: C0 controls (ESC, BEL, CR, ...), DEL
// and the C1 controls U+0080-U+009F each become one space, so text from
// outside cannot move the cursor, retitle the window or clear the screen.
// Tabs stay; line feeds stay when `keep_line_feeds`, else become spaces.
// Everything else, invalid UTF-8 included, is kept byte for byte.
std::string PrintableText(std::string_view s, bool keep_line_feeds = false);

// "1 article", "0 articles", "2 articles": a count with the noun it needs.
std::string Counted(long long n, std::string_view one, std::string_view many);

// Truncates `s` to at most `max_bytes` bytes without splitting a UTF-8
// sequence, appending "…" when something was cut. For messages and titles.
std::string Abbreviate(std::string_view s, size_t max_bytes);

// The length of the prefix of text `s` to keep when at most `max_bytes`
// may be read: s.size() when it fits; else the prefix that ends with the
// last line feed, else the last sentence end (". ", "! ", "? ", also after
// a closing quote or bracket), else the last space, among the last 64 KiB
// before max_bytes; else max_bytes, moved back to the start of a UTF-8
// sequence. Whatever was found, never 0 unless max_bytes is.
size_t TextPrefixLength(std::string_view s, size_t max_bytes);

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_UTF8_H_
