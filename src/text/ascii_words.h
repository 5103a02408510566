// AsciiWords: ICU's root word segmentation (UAX #29 as tailored by ICU 72's
// word.txt) restricted to ASCII text (and, in NextSimpleWord, the two-byte
// letters, digits and punctuation of alphabetic scripts and the
// punctuation of typographic English), without ICU. It exists because ICU's
// RuleBasedBreakIterator was ~9% of `newsloom eval`, and about half of
// English news is pure ASCII; ascii_words_test.cc checks it against ICU
// (golden table, every short string, random strings, the dev corpus).
//
// Only the segments ICU tags with a rule status >= UBRK_WORD_NONE_LIMIT are
// reported (the Analyzer drops the rest: spaces, punctuation, controls).
// The ASCII word-break classes, as ICU 72 has them:
//
//   ALetter      A-Z a-z @         Numeric      0-9
//   MidNumLet    .                 MidNum       , ;
//   Single_Quote '                 ExtendNumLet _
//
// ICU 72 adds '@' to ALetter ("@user", "j@x.com" and a lone "@" are words)
// and removes ':' from MidLetter (UAX #29 has it, for Swedish), so "a:b" is
// two words; ASCII has no MidLetter, Extend or Format characters left.
// Rules that join (WB5-WB13b): letters and digits in any order (WB5, WB8,
// WB9, WB10), underscores with letters, digits and underscores (WB13a/b),
// "L.L" "L'L" (WB6/7), "N.N" "N,N" "N;N" "N'N" (WB11/12). A lone '_' is not
// a word, "__" is.
#ifndef NEWSLOOM_TEXT_ASCII_WORDS_H_
#define NEWSLOOM_TEXT_ASCII_WORDS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace newsloom {

// ICU's values of UBRK_WORD_NUMBER and UBRK_WORD_LETTER.
inline constexpr int32_t kAsciiWordNumber = 100;
inline constexpr int32_t kAsciiWordLetter = 200;

struct AsciiWord {
  uint32_t begin = 0, end = 0;  // bytes [begin, end) of the text
  int32_t status = 0;           // what ICU's getRuleStatus() returns
};

// Finds the first word segment of `text` that begins at or after `*pos`,
// stores it in `*word` and sets `*pos` to its end. Returns false (leaving
// `*word` alone) when there is none.
// REQUIRES: IsAscii(text) (normalize.h); `*pos` is 0 or the end of the previous word.
// Cost: linear in the bytes scanned.
bool NextAsciiWord(std::string_view text, size_t* pos, AsciiWord* word);

// The non-ASCII characters NextSimpleWord segments without ICU, which
// would otherwise send most non-English news through ICU's iterator: the
// byte length of the character at text[i] when it is
//   - a two-byte character (U+0080-U+07FF: Latin with diacritics, Greek,
//     Cyrillic, Armenian, Arabic, ...) whose Word_Break value is ALetter,
//     Numeric, MidNumLet, MidNum, MidLetter or Other, read from ICU's
//     property data, and that is not Extended_Pictographic (© ®);
//   - ‘ ’ (MidNumLet, which joins as '.' does: "don’t" is one word) or
//     “ ” – — … (Other: never in a word);
// else 0. Extend and Format characters (combining marks, the soft hyphen)
// and Hebrew letters, which rules of their own govern, are not taken.
// ascii_words_test.cc checks every two-byte character and random strings
// against ICU.
size_t SimpleCharAt(std::string_view text, size_t i);

// NextAsciiWord for text of ASCII and SimpleCharAt() characters: the same
// segments as ICU's.
// REQUIRES: every byte >= 0x80 of `text` is part of such a character.
bool NextSimpleWord(std::string_view text, size_t* pos, AsciiWord* word);

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_ASCII_WORDS_H_
