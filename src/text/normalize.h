// The normal form of a word: the form stop-word lists, stemmers and indexes
// compare.
//
// NormalizeWord() applies ICU's NFKC_Casefold: NFKC (full-width letters,
// ligatures, composed/decomposed accents all become one form), full Unicode
// case folding ("Straße" -> "strasse", "ΣΟΦΌΣ" and "σοφός" -> "σοφόσ") and
// removal of default-ignorable characters (soft hyphen, ZWJ, variation
// selectors), then one newsloom rule: the apostrophes U+2019 (’) and U+02BC
// (ʼ) become U+0027 ('), so "it’s" and "it's" match.
//
// Case folding is language-independent (no Turkish dotless-i rule).
//
// Thread safety: all functions are thread-safe.
#ifndef NEWSLOOM_TEXT_NORMALIZE_H_
#define NEWSLOOM_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace newsloom {

// Sets `*out` to the normal form of `word`. Pure-ASCII input takes a fast
// path (lower-casing; NFKC is the identity there) that normalize_test.cc
// checks against NormalizeWordSlow(). Ill-formed UTF-8 is normalised with
// U+FFFD in place of the bad bytes. Text of any kind is accepted, not just
// words; the result may be empty (e.g. a lone soft hyphen).
void NormalizeWord(std::string_view word, std::string* out);

inline std::string NormalizeWord(std::string_view word) {
  std::string out;
  NormalizeWord(word, &out);
  return out;
}

// Same result as NormalizeWord(), always through ICU. The oracle for the
// fast path; not for production use.
void NormalizeWordSlow(std::string_view word, std::string* out);

// True when every byte of `s` is ASCII (< 0x80).
bool IsAscii(std::string_view s);

// The length of the longest prefix of `s` that has at most `max_bytes` bytes
// and does not end inside a UTF-8 sequence (judged by continuation bytes
// only; `s` need not be valid).
size_t Utf8PrefixLength(std::string_view s, size_t max_bytes);

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_NORMALIZE_H_
