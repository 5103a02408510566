// Polish speech verbs and attribution patterns (lexicon.h): „…” –
// powiedział X; według X.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kPolishLexicon = {
    .lang = "pl",
    .speech_verbs =
        "powiedział powiedziała powiedzieli mówi mówił mówiła mówią "
        "oświadczył oświadczyła stwierdził stwierdziła dodał dodała "
        "dodali podkreślił podkreśliła zaznaczył zaznaczyła zapowiedział "
        "zapowiedziała ostrzegł ostrzegła napisał napisała odpowiedział "
        "odpowiedziała przyznał przyznała wyjaśnił wyjaśniła poinformował "
        "poinformowała zapewnił zapewniła ocenił oceniła",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "",
    .determiners = "",
    .belief_verbs = "uważa uważał uważała sądzi sądził myśli myślał "
                    "obawia ma nadzieję wie wiedział",
    .complementizers = "że iż",
    .source_phrases = "według|zdaniem|jak podaje|jak poinformował|"
                      "jak powiedział",
    // The source after a report noun is a genitive with no word to link
    // it ("według danych policji"): no report nouns.
    .report_nouns = "",
    .report_links = "",
    .pronouns = "on ona oni one ja my",
    .definites = "ten ta to",
    .titles = "pan pani prezydent premier minister kanclerz rzecznik "
              "rzeczniczka sekretarz generał burmistrz prezes dr prof",
    .fillers = "też także również później wcześniej już jeszcze",
    .np_breaks = "w we na przy po przed do od z ze bez dla o nad pod i lub "
                 "albo ale że który która gdy kiedy bo jeśli wczoraj dziś "
                 "dzisiaj poniedziałek wtorek środę czwartek piątek sobotę "
                 "niedzielę nie",
    .relatives = "który która którzy",
    .np_links = "",
    .anaphoric_openers = "",
    .dash_quotes = false,
};

}  // namespace newsloom
