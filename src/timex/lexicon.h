// The words of time expressions in one language, and the tokenizer both
// the lexicon and the tagger use (so phrases and text split alike).
// Internal to src/timex; timex.h is the public interface.
//
// A Lexicon maps a token sequence (one or more folded tokens) to one or
// more lexemes: a category and up to two small numbers. It is filled from
//   1. ICU/CLDR for the locale: wide and abbreviated month and weekday
//      names (format and stand-alone forms), spelled-out cardinals 1..99
//      and ordinals 1..31, and the relative phrases of the locale
//      ("yesterday", "last week", "i går", "la semana pasada");
//   2. the language's grammar file (grammar_<lang>.cc), when there is one:
//      relative words, units, modifiers, tense cues.
#ifndef NEWSLOOM_TIMEX_LEXICON_H_
#define NEWSLOOM_TIMEX_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsloom::timex_internal {

// Lexeme categories; `v` and `v2` as noted.
enum class Cat : uint8_t {
  kMonth,        // v = 1..12 (full name)
  kMonthAbbr,    // v = 1..12 ("feb", "sept"): only before "." or a number
  kWeekday,      // v = 1..7, Monday = 1
  kDayRel,       // v = day offset ("yesterday" -1); v2 = part of day or 0
  kUnit,         // v = TimeUnit; v2 = 1 when plural ("years")
  kNumber,       // v = value ("two", "dos", "to")
  kOrdinal,      // v = value ("first", "tercer")
  kOrdSuffix,    // "st", "th", "º", "er", "e": after a digit run
  kShift,        // v = -1 / 0 / +1 before a unit or weekday ("last", "this")
  kShiftPost,    // v = -1 / +1 after a unit or weekday ("pasado", "siguiente")
  kPastPre,      // "the past", "los últimos": with an amount or unit after
                 // it, a duration ("the past two months" P2M)
  kAgo,          // after an amount: "ago", "siden"
  kAgoPre,       // before an amount: "hace", "il y a", "vor", "for" (da)
  kLater,        // after an amount: "later", "from now" (v = +1), "earlier" (-1)
  kPartOfDay,    // v = 1 morning, 2 afternoon, 3 evening, 4 night
  kSeason,       // v = 1 spring, 2 summer, 3 fall, 4 winter
  kRef,          // v = 0 PRESENT_REF, 1 PAST_REF, 2 FUTURE_REF; v2 = 1:
                 // only before a plural unit ("recent years" PXY)
  kOf,           // glue between day and month or month and year ("of", "de")
  kArticle,      // "a", "an", "un", "una", "en", "et": amount 1
  kFew,          // "few", "several", "varios": amount X
  kMod,          // "early", "late", "mid": included before a date
  kEvery,        // "every", "each", "cada", "hver": SET
  kSetAdv,       // v = TimeUnit: "daily", "weekly", "annually"
  kTimeWord,     // v = minutes after midnight: "noon" 720, "midnight"
                 // 1440 (T24:00, TimeML's end of the day)
  kAmPm,         // v = 0 am, 1 pm
  kClock,        // "o'clock", "uhr", "h", "horas": after an hour
  kClockPre,     // "kl.", "klokken", "a las", "um", "à": before an hour
  kPastCue,      // tense cue for bare weekdays: "said", "was"
  kFutureCue,    // "will", "va", "vil"
  kRelPhrase,    // whole phrase: v = TimeUnit (kDay..kYear) or 100 + ISO
                 // weekday; v2 = shift (-1, 0, +1; -2/+2 days for kDay)
  kDecadeS,      // "s" after "1990" or "'90"
  kHalfWord,     // "half" ("the first half of 1998")
  kDet,          // "the", "el": kept in spans of "the nine months"
  kQuarterQ,     // "q" of "Q3"
  kAge,          // "old" of "6-year-old": not a duration
  kApprox,       // "nearly", "about": kept before an amount
  kPeriodWord,   // "period" of "the year-earlier period"
  kZone,         // "UTC", "GMT" after a time: value ends in Z
};

struct Lexeme {
  Cat cat;
  int16_t v = 0;
  int16_t v2 = 0;
};

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t start = 0;  // byte span in the text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kPunct;
  bool upper = false;  // first letter is upper case
  uint8_t digits = 0;  // kNumber: count of digits (capped at 255)
  int32_t number = -1; // kNumber: value, -1 when over 9 digits
  std::string norm;    // case-folded word, digits, or the punctuation
};

// Splits `text` into words (runs of letters and marks, with inner
// apostrophes and "a.m."-style dotted letters), digit runs, and single
// punctuation characters; spaces and invalid UTF-8 separate tokens, and a
// run of line breaks after a token becomes one "\n" punctuation token (no
// expression crosses a line; it ends sentences for the tense cues).
// Words are case-folded (ICU full folding). Byte offsets are into `text`.
// `tokens` is cleared first (reuse it across calls).
void Tokenize(std::string_view text, std::vector<Token>* tokens);

// One entry of a grammar file: `words` holds one or more phrases separated
// by '|' ("last|past|previous"); each phrase is tokenized like text.
struct GrammarEntry {
  const char* words;
  Cat cat;
  int v = 0;
  int v2 = 0;
};

struct LanguageGrammar {
  const char* lang;
  // Numeric dates: true reads 3/5/2024 as March 5 (US), false as 3 May.
  bool month_first_numeric = false;
  // Whether month names are ambiguous with common words when they stand
  // alone in lower case ("may", "march"): then a month alone needs an
  // upper-case initial.
  bool months_capitalised = false;
  // Whether an article before a date belongs to its span, as the
  // language's TimeML corpora mark it (Spanish "el viernes", "el año
  // pasado"); English keeps "the" only in "the nine months"-style phrases.
  bool article_in_span = false;
  const GrammarEntry* entries;
  size_t size;
};

// The grammar file of `lang` ("en"), or nullptr.
const LanguageGrammar* FindGrammar(std::string_view lang);

class Lexicon {
 public:
  // Builds the lexicon of `lang` from ICU and its grammar (if any).
  explicit Lexicon(std::string_view lang);

  const LanguageGrammar* grammar() const { return grammar_; }

  // Appends to `out` every (length in tokens, lexeme) whose phrase matches
  // tokens[i...]. Longer phrases come first.
  void Lookup(const std::vector<Token>& tokens, size_t i,
              std::vector<std::pair<uint8_t, Lexeme>>* out) const;

  void Add(std::string_view phrase, Lexeme lex);

 private:
  const LanguageGrammar* grammar_ = nullptr;
  // Key: folded tokens joined with '\x1f'.
  std::unordered_map<std::string, std::vector<Lexeme>> entries_;
  // First token of each phrase of two or more tokens -> longest length.
  std::unordered_map<std::string, uint8_t> phrase_heads_;
};

}  // namespace newsloom::timex_internal

#endif  // NEWSLOOM_TIMEX_LEXICON_H_
