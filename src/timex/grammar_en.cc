// English. Month/weekday names, number words and ICU's relative phrases
// come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kEnEntries[] = {
    {"yesterday", Cat::kDayRel, -1},
    {"today", Cat::kDayRel, 0},
    {"tomorrow", Cat::kDayRel, 1},
    {"tonight", Cat::kDayRel, 0, kNight},
    {"the day before yesterday", Cat::kDayRel, -2},
    {"the day after tomorrow", Cat::kDayRel, 2},

    {"second", Cat::kUnit, U(TimeUnit::kSecond)},
    {"seconds", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minute", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minutes", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"hour", Cat::kUnit, U(TimeUnit::kHour)},
    {"hours", Cat::kUnit, U(TimeUnit::kHour), kPlural},
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
    {"recently|lately|the past", Cat::kRef, kPastRef},
    {"recent", Cat::kRef, kPastRef, 1},  // only in "recent years" (PXY)
    {"the future", Cat::kRef, kFutureRef},

    {"sept", Cat::kMonthAbbr, 9},
    {"old", Cat::kAge},
    {"nearly|almost|about|some|roughly|more than|less than|at least|"
     "at most|up to",
     Cat::kApprox},
    {"period", Cat::kPeriodWord},
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
    {"annually|yearly", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"hourly", Cat::kSetAdv, U(TimeUnit::kHour)},
    {"noon|midday", Cat::kTimeWord, 12 * 60},
    {"midnight", Cat::kTimeWord, 24 * 60},
    {"a.m.|am|a.m", Cat::kAmPm, 0},
    {"p.m.|pm|p.m", Cat::kAmPm, 1},
    {"o'clock", Cat::kClock},
    {"utc|gmt", Cat::kZone},
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
                     /*article_in_span=*/false, kEnEntries);

}  // namespace newsloom::timex_internal
