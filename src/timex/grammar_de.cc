// German. Month/weekday names, number words and ICU's relative phrases
// ("gestern", "letzte Woche") come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kDeEntries[] = {
    {"gestern", Cat::kDayRel, -1},
    {"heute", Cat::kDayRel, 0},
    {"morgen", Cat::kDayRel, 1},
    {"vorgestern", Cat::kDayRel, -2},
    {"übermorgen", Cat::kDayRel, 2},
    {"heute abend|heute nacht", Cat::kDayRel, 0, kEvening},
    {"gestern abend", Cat::kDayRel, -1, kEvening},

    {"sekunde", Cat::kUnit, U(TimeUnit::kSecond)},
    {"sekunden", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minute", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minuten", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"stunde", Cat::kUnit, U(TimeUnit::kHour)},
    {"stunden", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"tag", Cat::kUnit, U(TimeUnit::kDay)},
    {"tage|tagen", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"wochenende", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"woche", Cat::kUnit, U(TimeUnit::kWeek)},
    {"wochen", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"monat", Cat::kUnit, U(TimeUnit::kMonth)},
    {"monate|monaten", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"quartal", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"quartale|quartalen", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"jahr|jahres", Cat::kUnit, U(TimeUnit::kYear)},
    {"jahre|jahren", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"jahrzehnt", Cat::kUnit, U(TimeUnit::kDecade)},
    {"jahrzehnte|jahrzehnten", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"jahrhundert", Cat::kUnit, U(TimeUnit::kCentury)},

    {"letzte|letzten|letzter|letztes|vergangene|vergangenen|vergangener|"
     "vorige|vorigen|voriges",
     Cat::kShift, -1},
    {"diese|diesen|dieser|dieses", Cat::kShift, 0},
    {"nächste|nächsten|nächster|nächstes|kommende|kommenden|kommender",
     Cat::kShift, 1},
    {"die letzten|die vergangenen|die nächsten|in den letzten|"
     "in den vergangenen|in den nächsten",
     Cat::kPastPre, -1},
    {"vor", Cat::kAgoPre},
    {"später|danach", Cat::kLater, 1},
    {"früher|zuvor", Cat::kLater, -1},

    {"morgen|vormittag", Cat::kPartOfDay, kMorning},
    {"nachmittag", Cat::kPartOfDay, kAfternoon},
    {"abend", Cat::kPartOfDay, kEvening},
    {"nacht", Cat::kPartOfDay, kNight},
    {"frühling|frühjahr", Cat::kSeason, 1},
    {"sommer", Cat::kSeason, 2},
    {"herbst", Cat::kSeason, 3},
    {"winter", Cat::kSeason, 4},

    {"jetzt|derzeit|zurzeit|gegenwärtig|aktuell|nun", Cat::kRef, kPresentRef},
    {"kürzlich|neulich|vor kurzem|jüngst", Cat::kRef, kPastRef},
    {"in zukunft|künftig|zukünftig|bald", Cat::kRef, kFutureRef},

    {"der|des", Cat::kOf},
    {"ein|eine|einen|einem|einer", Cat::kArticle},
    {"mehrere|mehreren|einige|einigen|wenige|wenigen|viele|vielen", Cat::kFew},
    {"anfang|ende|mitte", Cat::kMod},
    {"jeden|jede|jedes|alle", Cat::kEvery},
    {"täglich", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"wöchentlich", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"monatlich", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"jährlich", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"mittag", Cat::kTimeWord, 12 * 60},
    {"mitternacht", Cat::kTimeWord, 24 * 60},
    {"uhr|h", Cat::kClock},
    {"um|gegen", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"halbjahr", Cat::kHalfWord},

    {"sagte|war|waren|hatte|hatten|wurde|wurden|erklärte|teilte|starb|"
     "berichtete",
     Cat::kPastCue},
    {"wird|werden|will|soll|sollen|nächste|nächsten", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarDe =
    NEWSLOOM_GRAMMAR("de", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kDeEntries);

}  // namespace newsloom::timex_internal
