// Danish speech verbs and attribution patterns (lexicon.h). Danish news
// writes direct speech as dash paragraphs: "- Intet bør udelukkes, siger han."
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kDanishLexicon = {
    .lang = "da",
    .speech_verbs =
        "siger sagde sagt sige udtaler udtalte udtalt tilføjer tilføjede "
        "fortæller fortalte fortalt skriver skrev skrevet forklarer "
        "forklarede understreger understregede mener mente påpeger påpegede "
        "advarer advarede erklærer erklærede oplyser oplyste "
        "meddeler meddelte fastslår fastslog lover lovede svarer svarede "
        "spørger spurgte konstaterer konstaterede pointerer pointerede "
        "uddyber uddybede fremhæver fremhævede indrømmer indrømmede "
        "bekræfter bekræftede afviser afviste hævder hævdede tilføjer",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "blev bliver",
    .determiners = "",
    .belief_verbs = "tror troede vurderer vurderede frygter frygtede håber "
                    "håbede forventer forventede ved vidste",
    .complementizers = "at",
    .source_phrases = "ifølge|med henvisning til|citeret af",
    .report_nouns = "oplysninger udtalelser meldinger rapporter tal data",
    .report_links = "fra",
    .pronouns = "han hun de jeg vi den det",
    .definites = "den det de denne dette",
    .titles = "hr fru præsident præsidenten statsminister statsministeren "
              "minister ministeren udenrigsminister forsvarsminister "
              "kansler generalsekretær talsmand talskvinde direktør "
              "formand borgmester dronning konge kronprins",
    .fillers = "har havde også senere igen yderligere desuden videre været "
               "endvidere blandt andet i dag til",
    .np_breaks = "i på ved under efter før til fra med uden af for om over "
                 "og eller men som der da når mens fordi hvis ifølge i går "
                 "mandag tirsdag onsdag torsdag fredag lørdag søndag "
                 "aften morgen formiddag eftermiddag nat dag ikke",
    .relatives = "der som",
    .np_links = "for af",
    .anaphoric_openers = "det dette sådan således",
    .dash_quotes = true,
};

}  // namespace newsloom
