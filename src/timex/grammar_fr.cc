// French. Month/weekday names, number words and ICU's relative phrases
// ("hier", "la semaine dernière") come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kFrEntries[] = {
    {"hier", Cat::kDayRel, -1},
    {"aujourd'hui", Cat::kDayRel, 0},
    {"demain", Cat::kDayRel, 1},
    {"avant-hier", Cat::kDayRel, -2},
    {"après-demain", Cat::kDayRel, 2},
    {"ce soir", Cat::kDayRel, 0, kEvening},
    {"ce matin", Cat::kDayRel, 0, kMorning},
    {"hier soir", Cat::kDayRel, -1, kEvening},

    {"seconde", Cat::kUnit, U(TimeUnit::kSecond)},
    {"secondes", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minute", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minutes", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"heure", Cat::kUnit, U(TimeUnit::kHour)},
    {"heures", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"jour|journée", Cat::kUnit, U(TimeUnit::kDay)},
    {"jours|journées", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"week-end|weekend|fin de semaine", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"semaine", Cat::kUnit, U(TimeUnit::kWeek)},
    {"semaines", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"mois", Cat::kUnit, U(TimeUnit::kMonth)},
    {"trimestre", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"trimestres", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"an|année", Cat::kUnit, U(TimeUnit::kYear)},
    {"ans|années", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"décennie", Cat::kUnit, U(TimeUnit::kDecade)},
    {"décennies", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"siècle", Cat::kUnit, U(TimeUnit::kCentury)},

    {"dernier|dernière|passé|passée|précédent|précédente", Cat::kShiftPost, -1},
    {"prochain|prochaine|suivant|suivante", Cat::kShiftPost, 1},
    {"ce|cet|cette", Cat::kShift, 0},
    {"prochain|prochaine", Cat::kShift, 1},
    {"dernier|dernière", Cat::kShift, -1},
    {"les derniers|les dernières|les prochains|les prochaines",
     Cat::kPastPre, -1},
    {"il y a", Cat::kAgoPre},
    {"plus tard|après", Cat::kLater, 1},
    {"plus tôt|auparavant", Cat::kLater, -1},

    {"matin|matinée", Cat::kPartOfDay, kMorning},
    {"après-midi", Cat::kPartOfDay, kAfternoon},
    {"soir|soirée", Cat::kPartOfDay, kEvening},
    {"nuit", Cat::kPartOfDay, kNight},
    {"printemps", Cat::kSeason, 1},
    {"été", Cat::kSeason, 2},
    {"automne", Cat::kSeason, 3},
    {"hiver", Cat::kSeason, 4},

    {"maintenant|actuellement|aujourd'hui encore|désormais", Cat::kRef,
     kPresentRef},
    {"récemment|dernièrement", Cat::kRef, kPastRef},
    {"l'avenir|à l'avenir|bientôt|prochainement", Cat::kRef, kFutureRef},

    {"de|du", Cat::kOf},
    {"le|la|les|l'", Cat::kDet},
    {"un|une", Cat::kArticle},
    {"plusieurs|quelques", Cat::kFew},
    {"début|fin|mi|mi-|courant", Cat::kMod},
    {"chaque|tous les|toutes les", Cat::kEvery},
    {"quotidien|quotidiennement|par jour", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"hebdomadaire|par semaine", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"mensuel|mensuellement|par mois", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"annuel|annuellement|par an", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"midi", Cat::kTimeWord, 12 * 60},
    {"minuit", Cat::kTimeWord, 24 * 60},
    {"h|heures", Cat::kClock},
    {"à|vers", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"er|e|ème", Cat::kOrdSuffix},
    {"semestre", Cat::kHalfWord},

    {"a|ont|était|étaient|avait|fut|déclaré|annoncé|dit|indiqué|affirmé",
     Cat::kPastCue},
    {"va|vont|sera|seront|aura|prochain|prochaine", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarFr =
    NEWSLOOM_GRAMMAR("fr", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kFrEntries);

}  // namespace newsloom::timex_internal
