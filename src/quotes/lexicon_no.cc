// Norwegian (Bokmål) speech verbs and attribution patterns (lexicon.h);
// dash quotes, as in Danish and Swedish news.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kNorwegianLexicon = {
    .lang = "no",
    .speech_verbs =
        "sier sa sagt si uttaler uttalte tilføyer la forteller fortalte "
        "skriver skrev forklarer forklarte understreker understreket mener "
        "mente påpeker påpekte advarer advarte opplyser opplyste svarer "
        "svarte spør spurte bekrefter bekreftet hevder hevdet",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "ble",
    .determiners = "",
    .belief_verbs = "tror trodde frykter fryktet håper håpet forventer vet",
    .complementizers = "at",
    .source_phrases = "ifølge|med henvisning til",
    .report_nouns = "opplysninger opplysningar uttalelser meldinger rapporter tall data",
    .report_links = "fra",
    .pronouns = "han hun de jeg vi den det",
    .definites = "den det de denne dette",
    .titles = "herr fru president presidenten statsminister "
              "statsministeren minister ministeren utenriksminister "
              "forsvarsminister generalsekretær talsperson direktør leder "
              "ordfører konge dronning",
    .fillers = "har hadde også senere igjen videre dessuten",
    .np_breaks = "i på ved under etter før til fra med uten av for om over "
                 "og eller men som da når mens fordi ifølge mandag tirsdag "
                 "onsdag torsdag fredag lørdag søndag kveld morgen ikke",
    .relatives = "som",
    .np_links = "for av",
    .anaphoric_openers = "det dette slik",
    .dash_quotes = true,
};

}  // namespace newsloom
