// English. Month/weekday names, number words and ICU's relative phrases
// come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kEntries[] = {
    {"yesterday", Cat::kDayRel, -1},
    {"today", Cat::kDayRel, 0},
    {"tomorrow", Cat::kDayRel, 1},
    {"tonight", Cat::kDayRel, 0, kNight},
    {"the day before yesterday", Cat::kDayRel, -2},
    {"the day after tomorrow", Cat::kDayRel, 2},

    {"second|sec", Cat::kUnit, U(TimeUnit::kSecond)},
    {"seconds|secs", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minute|min", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minutes|mins", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"hour|hr", Cat::kUnit, U(TimeUnit::kHour)},
    {"hours|hrs", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"day", Cat::kUnit, U(TimeUnit::kDay)},
    {"days", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"weekend", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"weekends", Cat::kUnit, U(TimeUnit::kWeekend), kPlural},
    {"week", Cat::kUnit, U(TimeUnit::kWeek)},
    {"weeks", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"month", Cat::kUnit, U(TimeUnit::kMonth)},
    {"months", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"quarter", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"quarters", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"year", Cat::kUnit, U(TimeUnit::kYear)},
    {"years", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"decade", Cat::kUnit, U(TimeUnit::kDecade)},
    {"decades", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"century", Cat::kUnit, U(TimeUnit::kCentury)},
    {"centuries", Cat::kUnit, U(TimeUnit::kCentury), kPlural},

    {"last|previous|past|latest|most recent", Cat::kShift, -1},
    {"this|current", Cat::kShift, 0},
    {"next|coming|following", Cat::kShift, 1},
    {"the past|the last|the previous", Cat::kPastPre, -1},
    {"the next|the coming|the following", Cat::kPastPre, 1},
    {"ago", Cat::kAgo},
    {"later|from now", Cat::kLater, 1},
    {"earlier", Cat::kLater, -1},

    {"morning", Cat::kPartOfDay, kMorning},
    {"afternoon", Cat::kPartOfDay, kAfternoon},
    {"evening", Cat::kPartOfDay, kEvening},
    {"night|overnight", Cat::kPartOfDay, kNight},
    {"spring", Cat::kSeason, 1},
    {"summer", Cat::kSeason, 2},
    {"fall|autumn", Cat::kSeason, 3},
    {"winter", Cat::kSeason, 4},

    {"now|currently|nowadays|current", Cat::kRef, kPresentRef},
    {"recently|recent|lately|the past", Cat::kRef, kPastRef},
    {"the future|future|soon", Cat::kRef, kFutureRef},

    {"of", Cat::kOf},
    {"the", Cat::kDet},
    {"q", Cat::kQuarterQ},
    {"at|around|about", Cat::kClockPre},
    {"a|an|one", Cat::kArticle},
    {"few|several|a few|some|many", Cat::kFew},
    {"early|late|mid|fiscal|the end of|the beginning of|the middle of|the start of",
     Cat::kMod},
    {"every|each|per", Cat::kEvery},
    {"daily", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"weekly", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"monthly", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"quarterly", Cat::kSetAdv, U(TimeUnit::kQuarter)},
    {"annually|yearly|annual", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"hourly", Cat::kSetAdv, U(TimeUnit::kHour)},
    {"noon|midday", Cat::kTimeWord, 12 * 60},
    {"midnight", Cat::kTimeWord, 24 * 60},
    {"a.m.|am|a.m", Cat::kAmPm, 0},
    {"p.m.|pm|p.m", Cat::kAmPm, 1},
    {"o'clock", Cat::kClock},
    {"st|nd|rd|th", Cat::kOrdSuffix},
    {"s", Cat::kDecadeS},
    {"half", Cat::kHalfWord},

    {"said|says|was|were|had|did|told|reported|announced|died|killed|held|"
     "met|ended|closed|fell|rose|began|came|went|took|made|last",
     Cat::kPastCue},
    {"will|'ll|would|shall|next|scheduled|expected|plans|planned|going to|"
     "is to|are to|upcoming|coming|due",
     Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarEn =
    NEWSLOOM_GRAMMAR("en", /*month_first_numeric=*/true,
                     /*months_capitalised=*/true,
                     /*article_in_span=*/false, kEntries);

}  // namespace newsloom::timex_internal
