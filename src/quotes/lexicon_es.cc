// Spanish speech verbs and attribution patterns (lexicon.h): dijo,
// según X, «…».
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kSpanishLexicon = {
    .lang = "es",
    .speech_verbs =
        "dijo dice dicho decir declaró declara declarado afirmó afirma "
        "afirmado añadió añade agregó agrega explicó explica aseguró "
        "asegura señaló señala señalaba indicó indica advirtió advierte subrayó "
        "subraya anunció anuncia sostuvo sostiene insistió insiste "
        "respondió responde manifestó manifiesta comentó comenta "
        "escribió escribe reconoció reconoce destacó destaca recordó "
        "recuerda apuntó apunta precisó precisa expresó expresa",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "fue fueron sido",
    .determiners = "",
    .belief_verbs = "cree creía piensa pensaba teme temía espera esperaba "
                    "sabe sabía considera consideró",
    .complementizers = "que",
    .source_phrases = "según|de acuerdo con|citado por",
    .report_nouns = "informaciones información declaraciones datos cifras estimaciones",
    .report_links = "de del",
    .pronouns = "él ella ellos ellas yo nosotros",
    .definites = "el la los las este esta",
    .titles = "sr sra señor señora presidente presidenta ministro ministra "
              "canciller secretario secretaria portavoz general alcalde "
              "alcaldesa rey reina dr",
    .fillers = "ha han había habían también además luego después ya",
    .np_breaks = "en a al de del con sin por para sobre tras ante y o pero "
                 "que quien cuando mientras porque si según como ayer hoy lunes "
                 "martes miércoles jueves viernes sábado domingo no",
    .relatives = "quien quienes",
    .np_links = "de del",
    .anaphoric_openers = "lo",
    .dash_quotes = false,
};

}  // namespace newsloom
