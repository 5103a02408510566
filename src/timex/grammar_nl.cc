// Dutch. Month/weekday names, number words and ICU's relative phrases
// ("gisteren", "vorige week") come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kNlEntries[] = {
    {"gisteren", Cat::kDayRel, -1},
    {"vandaag", Cat::kDayRel, 0},
    {"morgen", Cat::kDayRel, 1},
    {"eergisteren", Cat::kDayRel, -2},
    {"overmorgen", Cat::kDayRel, 2},
    {"vanochtend|vanmorgen", Cat::kDayRel, 0, kMorning},
    {"vanmiddag", Cat::kDayRel, 0, kAfternoon},
    {"vanavond", Cat::kDayRel, 0, kEvening},
    {"vannacht", Cat::kDayRel, 0, kNight},
    {"gisteravond", Cat::kDayRel, -1, kEvening},

    {"seconde", Cat::kUnit, U(TimeUnit::kSecond)},
    {"seconden", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minuut", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minuten", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"uur", Cat::kUnit, U(TimeUnit::kHour)},
    {"uren", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"dag", Cat::kUnit, U(TimeUnit::kDay)},
    {"dagen", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"weekend", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"week", Cat::kUnit, U(TimeUnit::kWeek)},
    {"weken", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"maand", Cat::kUnit, U(TimeUnit::kMonth)},
    {"maanden", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"kwartaal", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"kwartalen", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"jaar", Cat::kUnit, U(TimeUnit::kYear)},
    {"jaren", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"decennium", Cat::kUnit, U(TimeUnit::kDecade)},
    {"decennia", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"eeuw", Cat::kUnit, U(TimeUnit::kCentury)},
    {"eeuwen", Cat::kUnit, U(TimeUnit::kCentury), kPlural},

    {"vorige|vorig|afgelopen", Cat::kShift, -1},
    {"deze|dit", Cat::kShift, 0},
    {"volgende|volgend|komende|komend", Cat::kShift, 1},
    {"de afgelopen|de laatste|de komende|in de afgelopen|in de komende",
     Cat::kPastPre, -1},
    {"geleden", Cat::kAgo},
    {"later", Cat::kLater, 1},
    {"eerder", Cat::kLater, -1},

    {"ochtend", Cat::kPartOfDay, kMorning},
    {"middag", Cat::kPartOfDay, kAfternoon},
    {"avond", Cat::kPartOfDay, kEvening},
    {"nacht", Cat::kPartOfDay, kNight},
    {"lente|voorjaar", Cat::kSeason, 1},
    {"zomer", Cat::kSeason, 2},
    {"herfst|najaar", Cat::kSeason, 3},
    {"winter", Cat::kSeason, 4},

    {"nu|momenteel|tegenwoordig|thans", Cat::kRef, kPresentRef},
    {"onlangs|kortgeleden|recentelijk", Cat::kRef, kPastRef},
    {"in de toekomst|binnenkort", Cat::kRef, kFutureRef},

    {"van", Cat::kOf},
    {"de|het", Cat::kDet},
    {"een", Cat::kArticle},
    {"enkele|enige|meerdere|verschillende|een paar|weinig|veel", Cat::kFew},
    {"begin|eind|eind|medio|half", Cat::kMod},
    {"elke|iedere|elk|ieder", Cat::kEvery},
    {"dagelijks", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"wekelijks", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"maandelijks", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"jaarlijks", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"middernacht", Cat::kTimeWord, 24 * 60},
    {"uur", Cat::kClock},
    {"om|rond", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"e|ste|de", Cat::kOrdSuffix},

    {"zei|was|waren|had|hadden|werd|werden|overleed|vond", Cat::kPastCue},
    {"zal|zullen|gaat|gaan", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarNl =
    NEWSLOOM_GRAMMAR("nl", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kNlEntries);

}  // namespace newsloom::timex_internal
