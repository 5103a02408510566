// Danish. Month/weekday names, number words and ICU's relative phrases
// ("i går", "sidste uge") come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kDaEntries[] = {
    {"i går|igår", Cat::kDayRel, -1},
    {"i dag|idag", Cat::kDayRel, 0},
    {"i morgen|imorgen", Cat::kDayRel, 1},
    {"i forgårs", Cat::kDayRel, -2},
    {"i overmorgen", Cat::kDayRel, 2},
    {"i aften", Cat::kDayRel, 0, kEvening},
    {"i nat", Cat::kDayRel, 0, kNight},
    {"i morges", Cat::kDayRel, 0, kMorning},
    {"i går aftes", Cat::kDayRel, -1, kEvening},

    {"sekund", Cat::kUnit, U(TimeUnit::kSecond)},
    {"sekunder", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minut", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minutter", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"time", Cat::kUnit, U(TimeUnit::kHour)},
    {"timer", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"dag|døgn", Cat::kUnit, U(TimeUnit::kDay)},
    {"dage|døgn", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"weekend|weekenden", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"uge|ugen", Cat::kUnit, U(TimeUnit::kWeek)},
    {"uger", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"måned|måneden", Cat::kUnit, U(TimeUnit::kMonth)},
    {"måneder", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"kvartal|kvartalet", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"kvartaler", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"år|året", Cat::kUnit, U(TimeUnit::kYear)},
    {"årtier", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"årti|årtiet", Cat::kUnit, U(TimeUnit::kDecade)},
    {"århundrede", Cat::kUnit, U(TimeUnit::kCentury)},

    {"sidste|forrige|i sidste|i forrige|seneste", Cat::kShift, -1},
    {"denne|dette|i denne|i dette", Cat::kShift, 0},
    {"næste|kommende|i næste", Cat::kShift, 1},
    {"de seneste|de sidste|de næste|de kommende|i de seneste|i de sidste",
     Cat::kPastPre, -1},
    {"for", Cat::kAgoPre},
    {"siden", Cat::kAgo},
    {"senere", Cat::kLater, 1},
    {"tidligere", Cat::kLater, -1},

    {"morgen|formiddag", Cat::kPartOfDay, kMorning},
    {"eftermiddag", Cat::kPartOfDay, kAfternoon},
    {"aften", Cat::kPartOfDay, kEvening},
    {"nat", Cat::kPartOfDay, kNight},
    {"forår|foråret", Cat::kSeason, 1},
    {"sommer|sommeren", Cat::kSeason, 2},
    {"efterår|efteråret", Cat::kSeason, 3},
    {"vinter|vinteren", Cat::kSeason, 4},

    {"nu|for tiden|i øjeblikket|aktuelt", Cat::kRef, kPresentRef},
    {"for nylig|nylig|nyligt", Cat::kRef, kPastRef},
    {"i fremtiden|snart|fremover", Cat::kRef, kFutureRef},

    {"en|et", Cat::kArticle},
    {"flere|nogle|få|mange", Cat::kFew},
    {"primo|ultimo|medio|begyndelsen af|slutningen af|midten af|"
     "i begyndelsen af|i slutningen af|i midten af",
     Cat::kMod},
    {"hver|hvert|hver eneste", Cat::kEvery},
    {"dagligt|daglig", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"ugentligt|ugentlig", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"månedligt|månedlig", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"årligt|årlig|om året", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"middag", Cat::kTimeWord, 12 * 60},
    {"midnat", Cat::kTimeWord, 24 * 60},
    {"kl|klokken|kl.", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"i år", Cat::kRelPhrase, U(TimeUnit::kYear), 0},
    {"sidste år|sidste år", Cat::kRelPhrase, U(TimeUnit::kYear), -1},
    {"i fjor", Cat::kRelPhrase, U(TimeUnit::kYear), -1},
    {"halvår|halvåret", Cat::kHalfWord},
    // "i mandags" is last Monday, "på mandag" the coming one
    // (kRelPhrase weekdays: v = 100 + ISO weekday, v2 = shift).
    {"i mandags", Cat::kRelPhrase, 101, -1},
    {"i tirsdags", Cat::kRelPhrase, 102, -1},
    {"i onsdags", Cat::kRelPhrase, 103, -1},
    {"i torsdags", Cat::kRelPhrase, 104, -1},
    {"i fredags", Cat::kRelPhrase, 105, -1},
    {"i lørdags", Cat::kRelPhrase, 106, -1},
    {"i søndags", Cat::kRelPhrase, 107, -1},
    {"på mandag", Cat::kRelPhrase, 101, 1},
    {"på tirsdag", Cat::kRelPhrase, 102, 1},
    {"på onsdag", Cat::kRelPhrase, 103, 1},
    {"på torsdag", Cat::kRelPhrase, 104, 1},
    {"på fredag", Cat::kRelPhrase, 105, 1},
    {"på lørdag", Cat::kRelPhrase, 106, 1},
    {"på søndag", Cat::kRelPhrase, 107, 1},

    {"sagde|var|blev|havde|døde|meddelte|oplyste|skrev|fortalte|holdt",
     Cat::kPastCue},
    {"vil|skal|bliver|kommer til|på", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarDa =
    NEWSLOOM_GRAMMAR("da", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kDaEntries);

}  // namespace newsloom::timex_internal
