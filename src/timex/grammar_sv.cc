// Swedish. Month/weekday names, number words and ICU's relative phrases
// ("i går", "förra veckan") come from ICU; these are the rest. The
// smallest grammar file: copy it to start a new language.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kSvEntries[] = {
    // Days relative to the anchor (v = offset in days, v2 = part of day).
    {"i går|igår", Cat::kDayRel, -1},
    {"i dag|idag", Cat::kDayRel, 0},
    {"i morgon|imorgon", Cat::kDayRel, 1},
    {"i förrgår", Cat::kDayRel, -2},
    {"i övermorgon", Cat::kDayRel, 2},
    {"i morse", Cat::kDayRel, 0, kMorning},
    {"i kväll|ikväll", Cat::kDayRel, 0, kEvening},
    {"i natt|inatt", Cat::kDayRel, 0, kNight},
    {"i går kväll", Cat::kDayRel, -1, kEvening},
    {"i år", Cat::kRelPhrase, U(TimeUnit::kYear), 0},
    {"i fjol", Cat::kRelPhrase, U(TimeUnit::kYear), -1},

    // Units, singular and plural (definite forms too).
    {"sekund", Cat::kUnit, U(TimeUnit::kSecond)},
    {"sekunder", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minut", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minuter", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"timme", Cat::kUnit, U(TimeUnit::kHour)},
    {"timmar", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"dag|dygn", Cat::kUnit, U(TimeUnit::kDay)},
    {"dagar", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"helg|helgen", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"vecka|veckan", Cat::kUnit, U(TimeUnit::kWeek)},
    {"veckor", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"månad|månaden", Cat::kUnit, U(TimeUnit::kMonth)},
    {"månader", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"kvartal|kvartalet", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"år|året", Cat::kUnit, U(TimeUnit::kYear)},
    {"decennium|decenniet", Cat::kUnit, U(TimeUnit::kDecade)},
    {"decennier", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"århundrade", Cat::kUnit, U(TimeUnit::kCentury)},

    // Shifts before a unit or weekday, "the past N" leads, "ago".
    {"förra|föregående|senaste|i förra", Cat::kShift, -1},
    {"denna|detta|den här|det här", Cat::kShift, 0},
    {"nästa|kommande|i nästa", Cat::kShift, 1},
    {"de senaste|de kommande|under de senaste", Cat::kPastPre, -1},
    {"för", Cat::kAgoPre},
    {"sedan", Cat::kAgo},
    {"senare", Cat::kLater, 1},
    {"tidigare", Cat::kLater, -1},

    {"morgon|förmiddag", Cat::kPartOfDay, kMorning},
    {"eftermiddag", Cat::kPartOfDay, kAfternoon},
    {"kväll", Cat::kPartOfDay, kEvening},
    {"natt", Cat::kPartOfDay, kNight},
    {"vår|våren", Cat::kSeason, 1},
    {"sommar|sommaren", Cat::kSeason, 2},
    {"höst|hösten", Cat::kSeason, 3},
    {"vinter|vintern", Cat::kSeason, 4},

    {"nu|för närvarande|numera", Cat::kRef, kPresentRef},
    {"nyligen|nyss", Cat::kRef, kPastRef},
    {"i framtiden", Cat::kRef, kFutureRef},

    {"en|ett", Cat::kArticle},
    {"flera|några|få|många", Cat::kFew},
    {"början av|slutet av|mitten av|i början av|i slutet av|i mitten av",
     Cat::kMod},
    {"varje|var", Cat::kEvery},
    {"dagligen|daglig", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"veckovis", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"månatligen", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"årligen|årlig", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"midnatt", Cat::kTimeWord, 24 * 60},
    {"kl|klockan|kl.", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},

    // Tense cues for bare weekdays.
    {"sa|sade|var|blev|hade|dog", Cat::kPastCue},
    {"ska|skall|kommer att|blir", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarSv =
    NEWSLOOM_GRAMMAR("sv", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kSvEntries);

}  // namespace newsloom::timex_internal
