// Italian speech verbs and attribution patterns (lexicon.h): ha detto,
// secondo X, «…».
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kItalianLexicon = {
    .lang = "it",
    .speech_verbs =
        "detto dice disse dichiarato dichiara dichiarò affermato afferma "
        "affermò aggiunto aggiunge aggiunse spiegato spiega spiegò "
        "sottolineato sottolinea sottolineò annunciato annuncia annunciò "
        "avvertito avverte ribadito ribadisce assicurato assicura "
        "risposto risponde scritto scrive osservato osserva precisato "
        "precisa commentato commenta",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "stato stata",
    .determiners = "",
    .belief_verbs = "crede credeva pensa pensava teme temeva spera sperava "
                    "sa sapeva ritiene riteneva",
    .complementizers = "che",
    .source_phrases = "secondo|stando a|citato da",
    .report_nouns = "informazioni dichiarazioni dati cifre stime",
    .report_links = "di della del dei delle dello degli",
    .pronouns = "lui lei loro io noi egli ella",
    .definites = "il lo la i gli le l questo questa",
    .titles = "sig signor signora presidente premier ministro ministra "
              "cancelliere segretario portavoce generale sindaco papa dott",
    .fillers = "ha hanno aveva avevano anche inoltre poi ancora già",
    .np_breaks = "in a al alla di del della da dal con senza per su tra fra "
                 "e o ma che chi quando mentre perché se secondo come ieri oggi "
                 "lunedì martedì mercoledì giovedì venerdì sabato domenica "
                 "non",
    .relatives = "che",
    .np_links = "di del della",
    .anaphoric_openers = "lo quanto",
    .dash_quotes = false,
};

}  // namespace newsloom
