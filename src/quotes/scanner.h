// The scanner of the quotation finder (internal to src/quotes): one pass
// over the text's UTF-8 bytes that yields words, punctuation, quotation
// marks, dashes and paragraph breaks with their byte spans, and each word's
// lower-case form and lexicon classes. Everything after it (pairing marks,
// sentences, cues) works on these tokens.
//
// Thread safety: stateless functions.
#ifndef NEWSLOOM_QUOTES_SCANNER_H_
#define NEWSLOOM_QUOTES_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/lexicon.h"

namespace newsloom {

class StopWordSet;

namespace quotes_internal {

enum class Tk : uint8_t { kWord, kPunct, kMark, kDash, kPara };

// Quotation marks. Ambiguous ones (ASCII '"', ’, “) are told apart by
// their neighbours and by the opening mark they would close.
enum Mark : uint8_t {
  kNoMark,
  kAsciiDq,   // "
  kLeftDq,    // “ (English opener, German closer)
  kRightDq,   // ” (closer; Swedish/Finnish opener too)
  kLowDq,     // „
  kRevDq,     // ‟
  kLeftSq,    // ‘
  kRightSq,   // ’ (also the apostrophe)
  kLowSq,     // ‚
  kLeftGuil,  // «
  kRightGuil, // » (Danish/German opener too: »…«)
  kLeftSGuil, // ‹
  kRightSGuil,// ›
  kCornerO,   // 「
  kCornerC,   // 」
  kWhiteCornerO,  // 『
  kWhiteCornerC,  // 』
  kFullDq,    // ＂
};

// Whether the mark is one of the single ones (‘ ’ ‚ ‹ ›).
bool IsSingleMark(Mark m);

// Whether `close` ends a quote opened by `open` („ by “ or ”, » by «, …).
bool Closes(Mark open, Mark close);

// Marks that can open a quote (in an opening position).
bool CanOpen(Mark m);

// One token. The scanner fills the spans, kind, mark, para, lower-case
// form, flags, cap and stop; the later stages fill sent, region and used.
struct Token {
  uint32_t b = 0, e = 0;      // bytes of the text
  uint32_t lb = 0, le = 0;    // lower-case form in *lower (words)
  uint32_t para = 0;          // paragraph index
  uint32_t sent = 0;          // sentence index
  int32_t region = -1;        // quote region holding the token
  uint32_t flags = 0;         // LexiconFlag bits (words)
  Tk kind = Tk::kWord;
  Mark mark = kNoMark;
  bool cap = false;           // word whose first letter is upper case
  bool stop = false;          // a stop word of the language (text/)
  bool used = false;          // part of an attribution already
};

// A paragraph break is a line break (or U+2029); several in a row make one
// kPara token, whose span is empty and sits at the next paragraph's start.
// Words are letters, digits and marks, with inner apostrophes, hyphens and
// periods followed by a letter ("don't", "Won-sik", "U.S"); two ASCII
// apostrophes ('') are a double quotation mark. Invalid UTF-8 bytes are
// punctuation. `lexicon` gives each word its flags; `stops` (may be null)
// marks capitalised stop words. With `ascii_fast_path` ASCII characters are
// classified and lower-cased without ICU (the same result; tested).
// Clears and refills *tokens and *lower (the lower-case forms, which
// Token::lb/le index). Only the first 2 GiB of `text` are read.
void ScanText(std::string_view text, const CompiledLexicon& lexicon,
              const StopWordSet* stops, bool ascii_fast_path,
              std::vector<Token>* tokens, std::string* lower);

}  // namespace quotes_internal
}  // namespace newsloom

#endif  // NEWSLOOM_QUOTES_SCANNER_H_
