// Italian. Month/weekday names, number words and ICU's relative phrases
// ("ieri", "la settimana scorsa") come from ICU; these are the rest.
// Elided articles ("l'anno scorso") are found by the lexicon's
// after-the-apostrophe lookup.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kItEntries[] = {
    {"ieri", Cat::kDayRel, -1},
    {"oggi", Cat::kDayRel, 0},
    {"domani", Cat::kDayRel, 1},
    {"l'altro ieri|altroieri|ieri l'altro", Cat::kDayRel, -2},
    {"dopodomani", Cat::kDayRel, 2},
    {"stamattina|stamani", Cat::kDayRel, 0, kMorning},
    {"stasera", Cat::kDayRel, 0, kEvening},
    {"stanotte", Cat::kDayRel, 0, kNight},
    {"ieri sera", Cat::kDayRel, -1, kEvening},

    {"secondo", Cat::kUnit, U(TimeUnit::kSecond)},
    {"secondi", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minuto", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minuti", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"ora", Cat::kUnit, U(TimeUnit::kHour)},
    {"ore", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"giorno|giornata", Cat::kUnit, U(TimeUnit::kDay)},
    {"giorni|giornate", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"fine settimana|weekend", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"settimana", Cat::kUnit, U(TimeUnit::kWeek)},
    {"settimane", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"mese", Cat::kUnit, U(TimeUnit::kMonth)},
    {"mesi", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"trimestre", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"trimestri", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"anno", Cat::kUnit, U(TimeUnit::kYear)},
    {"anni", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"decennio", Cat::kUnit, U(TimeUnit::kDecade)},
    {"decenni", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"secolo", Cat::kUnit, U(TimeUnit::kCentury)},
    {"secoli", Cat::kUnit, U(TimeUnit::kCentury), kPlural},

    {"scorso|scorsa|passato|passata|precedente", Cat::kShiftPost, -1},
    {"prossimo|prossima|successivo|successiva|venturo|ventura",
     Cat::kShiftPost, 1},
    {"questo|questa|quest'", Cat::kShift, 0},
    {"prossimo|prossima", Cat::kShift, 1},
    {"scorso|scorsa", Cat::kShift, -1},
    {"gli ultimi|le ultime|i prossimi|le prossime|negli ultimi|"
     "nelle ultime",
     Cat::kPastPre, -1},
    {"fa", Cat::kAgo},
    {"dopo|più tardi", Cat::kLater, 1},
    {"prima", Cat::kLater, -1},

    {"mattina|mattino|mattinata", Cat::kPartOfDay, kMorning},
    {"pomeriggio", Cat::kPartOfDay, kAfternoon},
    {"sera|serata", Cat::kPartOfDay, kEvening},
    {"notte", Cat::kPartOfDay, kNight},
    {"primavera", Cat::kSeason, 1},
    {"estate", Cat::kSeason, 2},
    {"autunno", Cat::kSeason, 3},
    {"inverno", Cat::kSeason, 4},

    {"ora|adesso|attualmente|oggigiorno", Cat::kRef, kPresentRef},
    {"recentemente|di recente", Cat::kRef, kPastRef},
    {"in futuro|il futuro|presto", Cat::kRef, kFutureRef},

    {"di|del|dello|della|dell'", Cat::kOf},
    {"il|lo|la|l'|i|gli|le", Cat::kDet},
    {"un|uno|una|un'", Cat::kArticle},
    {"alcuni|alcune|diversi|diverse|pochi|poche|molti|molte|qualche",
     Cat::kFew},
    {"inizio|fine|metà|inizio del|fine del|metà del|inizio di|fine di",
     Cat::kMod},
    {"ogni|ciascun|ciascuna", Cat::kEvery},
    {"quotidianamente|giornaliero|giornaliera", Cat::kSetAdv,
     U(TimeUnit::kDay)},
    {"settimanale|settimanalmente", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"mensile|mensilmente", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"annuale|annualmente", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"mezzogiorno", Cat::kTimeWord, 12 * 60},
    {"mezzanotte", Cat::kTimeWord, 24 * 60},
    {"h", Cat::kClock},
    {"alle|all'|verso le", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"º|°|ª", Cat::kOrdSuffix},
    {"semestre", Cat::kHalfWord},

    {"ha|hanno|era|erano|fu|disse|detto|stato|stata|morto|morta",
     Cat::kPastCue},
    {"sarà|saranno|avrà|avranno|prossimo|prossima", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarIt =
    NEWSLOOM_GRAMMAR("it", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kItEntries);

}  // namespace newsloom::timex_internal
