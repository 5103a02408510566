// Time expressions: finds dates, times, durations and sets in an article's
// text and normalises them to TIMEX3 (TimeML / TempEval-3) values.
//
//   TimexTagger tagger;                       // build once, share freely
//   std::vector<Timex> found =
//       tagger.Tag(text, "en", ParseDay("2024-02-27"));
//   // "held yesterday Monday" -> {start, end, "yesterday Monday",
//   //                             kDate, "2024-02-26", anchor "2024-02-27"}
//
// Values:
//   days 2024-02-26   months 2024-02   years 2024   weeks 2024-W09
//   quarters 2024-Q1  halves 2024-H1   seasons 2024-SU (SP SU FA WI)
//   decades 199       centuries 19     times 2024-02-26T14:30, 2024-02-26TMO
//   durations P3D PT2H P2Y PXY (X = unspecified amount)
//   sets P1W (type kSet: "every week", "weekly")
//   PRESENT_REF ("now"), PAST_REF ("recently"), FUTURE_REF ("in the future")
//
// Relative expressions ("yesterday", "last week", "Thursday", "two days
// ago", "Feb. 26" without a year) depend on an anchor, the article's
// publication day. Each result keeps its unresolved meaning (`spec`), so a
// caller that learns a better anchor later (an undated article gets one
// from its story) calls Resolve(timex, new_anchor) instead of tagging
// again. Without an anchor such expressions get a placeholder value made of
// X's in the shape of the answer (see Resolve) and an empty `anchor`.
//
// Dates without a year ("Feb. 26", "in January") take the anchor's year
// unless that puts them far from it (see TimexSpec::year). Tense cues were
// tried for them too and lowered every development figure. A day and month
// right after a year alone ("nel 1971 (il 15 agosto") take that year, and
// one given with a weekday the year in which they agree ("jeudi 12
// novembre", see TimexSpec::weekday).
//
// Weekday names alone resolve to the day of that name nearest the anchor
// in the direction the sentence's tense suggests: back for past cues
// ("said", "was", "dijo", "sagde"; in English and Spanish also a verb's
// past-tense ending, "blocked", "obligó", "bloquearon"), forward for
// future cues ("will", "next", "va a", "vil"), and else the nearest day of
// that name, from four days back to two ahead, which is how news uses bare
// weekdays ("on Thursday" in a Tuesday article is this week's Thursday;
// "Friday" in a Monday article is the Friday just past, and "Saturday" in
// a Wednesday article the Saturday before: news reports the past more
// often than it announces).
//
// Languages: each language with a grammar file (grammar_<lang>.cc: en, es,
// da, de, fr, it, nl, pt, sv) has its relative words, number words and
// word order; every other language still gets ISO and numeric dates,
// CLDR/ICU month and weekday names, spelled-out numbers and the relative
// phrases ICU knows for its locale ("yesterday", "last week"). (For a code
// ICU does not know at all, ICU falls back to its default locale's names.)
//
// Thread safety: Tag() may run on many threads at once; each language's
// lexicon is built on its first use (1-20 ms, under a lock) and then
// only read.
#ifndef NEWSLOOM_TIMEX_TIMEX_H_
#define NEWSLOOM_TIMEX_TIMEX_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timex/calendar.h"

namespace newsloom {

enum class TimexType : uint8_t { kDate, kTime, kDuration, kSet };

// "DATE", "TIME", "DURATION", "SET" (TimeML's spelling).
std::string_view TimexTypeName(TimexType t);

// Calendar units, smallest first.
enum class TimeUnit : uint8_t {
  kNone,
  kSecond,
  kMinute,
  kHour,
  kPartOfDay,  // morning, evening...: used for granularity only
  kDay,
  kWeekend,
  kWeek,
  kMonth,
  kSeason,
  kQuarter,
  kHalf,
  kYear,
  kDecade,
  kCentury,
};

// "day", "week", "quarter"... (lower case, for logs).
std::string_view UnitName(TimeUnit u);

// The unresolved meaning of an expression: how to compute its value from
// an anchor day. Every field has a neutral default.
struct TimexSpec {
  enum class Base : uint8_t {
    kLiteral,   // `literal` is the value; no anchor needed (P3D, 1998-08-07)
    kCalendar,  // the fields below; year == 0 takes the year from the anchor
    kOffset,    // the anchor moved by `offset` `offset_unit`s
    kWeekday,   // the day `weekday` near the anchor, see `direction`
  };
  Base base = Base::kLiteral;
  std::string literal;

  // kCalendar: year 0 = unknown, taken from the anchor: its year, unless
  // that puts the date over half a year ahead (then the year before) or
  // over 300 days behind (the year after). With direction -2 / +2 ("last
  // April", "next April"): the occurrence strictly before / after the
  // anchor's month; -1 / +1: the latest on or before / the first on or
  // after the anchor (for callers that know the tense). month/day 0 = not
  // given.
  int year = 0;
  int month = 0;
  int day = 0;

  // kOffset.
  TimeUnit offset_unit = TimeUnit::kDay;
  int offset = 0;

  // kWeekday: 1 = Monday ... 7 = Sunday. direction -1: the latest such
  // day on or before the anchor (-2: strictly before, "last Monday");
  // +1 on or after (+2 strictly after, "next Monday"); 0: the nearest
  // such day (four days back to two ahead); 3: in the anchor's ISO week
  // ("this Monday"). kCalendar with a month and day but no year: the
  // weekday the text names with them ("jeudi 12 novembre"); the year is
  // then the one nearest the anchor in which that day is that weekday
  // (within six years; else as without one). 0 = none.
  int weekday = 0;
  int direction = 0;

  // What the value names: a day, week, weekend (2024-W09-WE), month,
  // quarter (`part` 1..4), half (`part` 1..2), season (`part` 1..4 = SP SU
  // FA WI), year, decade or century of the base day.
  TimeUnit granularity = TimeUnit::kDay;
  int part = 0;

  // Appended to a day value: "T14:30", "TMO" (morning), "TAF", "TEV",
  // "TNI". Empty for dates.
  std::string time_suffix;

  // Whether the value depends on the anchor.
  bool NeedsAnchor() const;
  // A compact description for logs and tests: "literal:P3D",
  // "offset:day:-1/day", "weekday:4:0/day", "calendar:0-02-26/day",
  // "calendar:1998-07-00/quarter.3", then "/TMO" or "/T14:30" for times.
  std::string DebugString() const;
};

// One time expression found in a text.
struct Timex {
  size_t start = 0;   // byte offsets into the tagged text, [start, end)
  size_t end = 0;
  std::string text;   // the text's bytes in [start, end)
  TimexType type = TimexType::kDate;
  std::string value;  // TIMEX3 value (see the top of this file)
  std::string anchor; // the anchor day used ("2024-02-27"), or "" if none
  TimexSpec spec;     // unresolved meaning, for Resolve()
};

// The value of `spec` against `anchor`. Without an anchor (nullopt), an
// expression that needs one gets a placeholder with X's where the anchor
// would have supplied digits:
//   "Feb. 26"            -> XXXX-02-26
//   "yesterday"          -> XXXX-XX-XX        "last month" -> XXXX-XX
//   "last week"          -> XXXX-WXX          "last year"  -> XXXX
//   "Thursday"           -> XXXX-WXX-4        "this morning" -> XXXX-XX-XXTMO
//   "the third quarter"  -> XXXX-Q3
// Results outside years 1..9999 (e.g. "9000 years ago") also get the
// placeholder. Never fails.
std::string ResolveSpec(const TimexSpec& spec,
                        const std::optional<CivilDay>& anchor);

// `timex` with value and anchor recomputed for `anchor` (its span, type and
// spec unchanged): how an article with no publication date takes the date
// its story pins down.
Timex Resolve(const Timex& timex, const std::optional<CivilDay>& anchor);

struct TimexOptions {
  // Longest text tagged; longer texts are tagged up to the last whole
  // UTF-8 character before this many bytes (the rest is ignored).
  size_t max_text_bytes = 4 << 20;
  // Years accepted from four-digit numbers standing alone ("in 1998") and
  // from the year fields of dates. Numbers outside are not dates.
  int min_year = 1000;
  int max_year = 2199;
  // A four-digit number alone is a year only in this range ("in 1998";
  // not "1200 troops").
  int min_bare_year = 1800;
  int max_bare_year = 2100;
  // Tokens either side of a bare weekday searched for tense cues.
  int tense_window_tokens = 12;
  // "a year ago" in an article about quarterly results names the same
  // quarter a year earlier when "quarter" occurs this many tokens before
  // (or in the sentence after).
  int quarter_context_tokens = 150;
  // Direction of a bare weekday with no tense cue (TimexSpec::direction):
  // 0 = the nearest such day.
  int bare_weekday_direction = 0;

  // For tests: try every rule at every token instead of passing over the
  // tokens no rule can start at. Slower; the results must be the same
  // (the slow oracle of that fast path).
  bool try_every_token = false;
};

namespace timex_internal {
class Lexicon;
}

class TimexTagger {
 public:
  explicit TimexTagger(TimexOptions options = {});
  ~TimexTagger();
  TimexTagger(const TimexTagger&) = delete;
  TimexTagger& operator=(const TimexTagger&) = delete;

  // The time expressions of `text` (UTF-8; invalid bytes are treated as
  // spaces) in `lang` (ISO 639-1 such as "en", "es", "da"; any case; "" or
  // unknown codes use the language-independent patterns plus the ICU/CLDR
  // names of that locale when ICU has them), in text order, without
  // overlaps. `anchor` is the publication day; see Resolve for values
  // without one. Never fails; absurd dates ("February 31", year 99999) are
  // not tagged as days (a year out of range is not a date at all).
  std::vector<Timex> Tag(std::string_view text, std::string_view lang,
                         const std::optional<CivilDay>& anchor) const;

  // Whether `lang` has a grammar file (else the fallback patterns).
  static bool HasGrammar(std::string_view lang);

 private:
  // The lexicon of `lang`, built on first use and kept (thread-safe).
  const timex_internal::Lexicon& LexiconFor(std::string_view lang) const;

  TimexOptions options_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_TIMEX_TIMEX_H_
