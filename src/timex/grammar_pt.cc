// Portuguese. Month/weekday names, number words and ICU's relative phrases
// ("ontem", "semana passada") come from ICU; these are the rest.
#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

constexpr GrammarEntry kPtEntries[] = {
    {"ontem", Cat::kDayRel, -1},
    {"hoje", Cat::kDayRel, 0},
    {"amanhã", Cat::kDayRel, 1},
    {"anteontem", Cat::kDayRel, -2},
    {"depois de amanhã", Cat::kDayRel, 2},
    {"esta noite|hoje à noite", Cat::kDayRel, 0, kNight},
    {"ontem à noite", Cat::kDayRel, -1, kNight},

    {"segundo", Cat::kUnit, U(TimeUnit::kSecond)},
    {"segundos", Cat::kUnit, U(TimeUnit::kSecond), kPlural},
    {"minuto", Cat::kUnit, U(TimeUnit::kMinute)},
    {"minutos", Cat::kUnit, U(TimeUnit::kMinute), kPlural},
    {"hora", Cat::kUnit, U(TimeUnit::kHour)},
    {"horas", Cat::kUnit, U(TimeUnit::kHour), kPlural},
    {"dia", Cat::kUnit, U(TimeUnit::kDay)},
    {"dias", Cat::kUnit, U(TimeUnit::kDay), kPlural},
    {"fim de semana", Cat::kUnit, U(TimeUnit::kWeekend)},
    {"fins de semana", Cat::kUnit, U(TimeUnit::kWeekend), kPlural},
    {"semana", Cat::kUnit, U(TimeUnit::kWeek)},
    {"semanas", Cat::kUnit, U(TimeUnit::kWeek), kPlural},
    {"mês", Cat::kUnit, U(TimeUnit::kMonth)},
    {"meses", Cat::kUnit, U(TimeUnit::kMonth), kPlural},
    {"trimestre", Cat::kUnit, U(TimeUnit::kQuarter)},
    {"trimestres", Cat::kUnit, U(TimeUnit::kQuarter), kPlural},
    {"ano", Cat::kUnit, U(TimeUnit::kYear)},
    {"anos", Cat::kUnit, U(TimeUnit::kYear), kPlural},
    {"década", Cat::kUnit, U(TimeUnit::kDecade)},
    {"décadas", Cat::kUnit, U(TimeUnit::kDecade), kPlural},
    {"século", Cat::kUnit, U(TimeUnit::kCentury)},
    {"séculos", Cat::kUnit, U(TimeUnit::kCentury), kPlural},

    {"passado|passada|anterior", Cat::kShiftPost, -1},
    {"próximo|próxima|seguinte|que vem", Cat::kShiftPost, 1},
    {"este|esta|neste|nesta", Cat::kShift, 0},
    {"próximo|próxima", Cat::kShift, 1},
    {"os últimos|as últimas|os próximos|as próximas|nos últimos|"
     "nas últimas|o último|a última|último|última",
     Cat::kPastPre, -1},
    {"há", Cat::kAgoPre},
    {"atrás", Cat::kAgo},

    {"manhã|de manhã", Cat::kPartOfDay, kMorning},
    {"tarde|à tarde", Cat::kPartOfDay, kAfternoon},
    {"noite|à noite", Cat::kPartOfDay, kNight},
    {"primavera", Cat::kSeason, 1},
    {"verão", Cat::kSeason, 2},
    {"outono", Cat::kSeason, 3},
    {"inverno", Cat::kSeason, 4},

    {"agora|atualmente|actualmente|hoje em dia", Cat::kRef, kPresentRef},
    {"recentemente", Cat::kRef, kPastRef},
    {"no futuro|o futuro|em breve", Cat::kRef, kFutureRef},

    {"de|do|da", Cat::kOf},
    {"o|a|os|as", Cat::kDet},
    {"um|uma", Cat::kArticle},
    {"vários|várias|alguns|algumas|poucos|poucas|muitos|muitas", Cat::kFew},
    {"início de|final de|meados de|fim de|princípio de|inícios de|"
     "finais de",
     Cat::kMod},
    {"cada|todos os|todas as", Cat::kEvery},
    {"diariamente|diário|diária", Cat::kSetAdv, U(TimeUnit::kDay)},
    {"semanal|semanalmente", Cat::kSetAdv, U(TimeUnit::kWeek)},
    {"mensal|mensalmente", Cat::kSetAdv, U(TimeUnit::kMonth)},
    {"anual|anualmente|por ano", Cat::kSetAdv, U(TimeUnit::kYear)},
    {"meio-dia", Cat::kTimeWord, 12 * 60},
    {"meia-noite", Cat::kTimeWord, 24 * 60},
    {"h|horas", Cat::kClock},
    {"às|as|por volta das", Cat::kClockPre},
    {"utc|gmt", Cat::kZone},
    {"º|°|ª", Cat::kOrdSuffix},
    {"semestre", Cat::kHalfWord},

    {"disse|foi|foram|era|eram|tinha|teve|afirmou|anunciou|morreu",
     Cat::kPastCue},
    {"será|serão|vai|vão|irá|terá|próximo|próxima", Cat::kFutureCue},
};

}  // namespace

const LanguageGrammar kGrammarPt =
    NEWSLOOM_GRAMMAR("pt", /*month_first_numeric=*/false,
                     /*months_capitalised=*/false,
                     /*article_in_span=*/false, kPtEntries);

}  // namespace newsloom::timex_internal
