// Spanish. Month/weekday names, number words and ICU's relative phrases
// ("ayer", "la semana pasada") come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kEsEntries[] = {
    {"ayer|el día de ayer", Cat::kDayRel, -1},
    {"hoy|el día de hoy", Cat::kDayRel, 0},
    {"mañana|el día de mañana", Cat::kDayRel, 1},
    {"anteayer|antier|antes de ayer", Cat::kDayRel, -2},
    {"pasado mañana", Cat::kDayRel, 2},
    {"anoche", Cat::kDayRel, -1, kNight},
    {"esta noche", Cat::kDayRel, 0, kNight},

    {"segundo", Cat::kUnit, U(TimeUnit::kSecond)},
    {"segundos", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minuto", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minutos", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"hora", Cat::kUnit, U(TimeUnit::kHour)},
    {"horas", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"día|dia", Cat::kUnit, U(TimeUnit::kDay)},
    {"días|dias", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"fin de semana", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"fines de semana", Cat::kUnit, U(TimeUnit::kWeekend), kPlural},
    {"semana", Cat::kUnit, U(TimeUnit::kWeek)},
    {"semanas", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"mes", Cat::kUnit, U(TimeUnit::kMonth)},
    {"meses", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"trimestre", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"trimestres", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"año", Cat::kUnit, U(TimeUnit::kYear)},
    {"años", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"década|decenio", Cat::kUnit, U(TimeUnit::kDecade)},
    {"décadas|decenios", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"siglo", Cat::kUnit, U(TimeUnit::kCentury)},
    {"siglos", Cat::kUnit, U(TimeUnit::kCentury), kPlural},

    {"pasado|pasada|anterior", Cat::kShiftPost, -1},
    {"próximo|próxima|proximo|proxima|siguiente|que viene|entrante",
     Cat::kShiftPost, 1},
    {"este|esta|presente|actual", Cat::kShift, 0},
    {"próximo|próxima|proximo|proxima", Cat::kShift, 1},
    {"pasado|pasada", Cat::kShift, -1},
    // "el último año" is the past year (a duration), "el año pasado" 2023.
    {"los últimos|las últimas|los próximos|las próximas|los pasados|"
     "el último|la última|último|última|ultimo|ultima",
     Cat::kPastPre, -1},
    {"hace", Cat::kAgoPre},
    {"atrás", Cat::kAgo},
    // "un año después": the Spanish corpora mark "un año" alone, a
    // duration, so después / antes are not part of expressions.

    {"mañana|por la mañana", Cat::kPartOfDay, kMorning},
    {"tarde|por la tarde", Cat::kPartOfDay, kAfternoon},
    {"noche|por la noche", Cat::kPartOfDay, kNight},
    {"primavera", Cat::kSeason, 1},
    {"verano", Cat::kSeason, 2},
    {"otoño", Cat::kSeason, 3},
    {"invierno", Cat::kSeason, 4},

    {"ahora|actualmente|hoy en día|en la actualidad|actual|actuales",
     Cat::kRef, kPresentRef},
    {"recientemente|recién|reciente|recientes|últimamente", Cat::kRef, kPastRef},
    {"el futuro|próximamente|futuro|corto plazo|el corto plazo|"
     "largo plazo|el largo plazo|medio plazo",
     Cat::kRef, kFutureRef},

    {"periodo|período", Cat::kPeriodWord},
    {"casi|cerca de|unos|unas|alrededor de|más de|menos de|al menos",
     Cat::kApprox},
    {"de|del", Cat::kOf},
    {"el|la|los|las", Cat::kDet},
    {"un|una|uno", Cat::kArticle},
    {"varios|varias|algunos|algunas|pocos|pocas|unos|unas|muchos|muchas",
     Cat::kFew},
    {"principios de|finales de|mediados de|comienzos de|fines de|"
     "inicios de",
     Cat::kMod},
    {"cada|todos los|todas las", Cat::kEvery},
    {"diario|diaria|diariamente", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"semanal|semanalmente", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"mensual|mensualmente", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"anual|anualmente|al año|por año", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"mediodía", Cat::kTimeWord, 12 * 60},
    {"medianoche", Cat::kTimeWord, 24 * 60},
    {"a.m.|am", Cat::kAmPm, 0},
    {"p.m.|pm", Cat::kAmPm, 1},
    {"horas|h|hrs", Cat::kClock},
    {"las|a las|la|a la", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"º|°|o", Cat::kOrdSuffix},
    {"semestre", Cat::kHalfWord},

    {"dijo|fue|fueron|era|había|habían|hubo|afirmó|declaró|anunció|"
     "murió|celebró|informó|señaló|aseguró|indicó|explicó",
     Cat::kPastCue},
    {"será|serán|va|van|vamos|irá|tendrá|tendrán|habrá|próximo|próxima|"
     "previsto|prevista",
     Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarEs =
    NEWSLOOM_GRAMMAR("es", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/true, kEsEntries);

}  // namespace newsloom::timex_internal
