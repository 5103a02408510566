// Dutch speech verbs and attribution patterns (lexicon.h): zei X,
// volgens X.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kDutchLexicon = {
    .lang = "nl",
    .speech_verbs =
        "zei zegt zeggen gezegd verklaarde verklaart verklaard voegde "
        "voegt stelde stelt gesteld benadrukte benadrukt waarschuwde "
        "waarschuwt legde legt schreef schrijft geschreven antwoordde "
        "antwoordt vertelde vertelt verteld liet laat meldde meldt "
        "kondigde kondigt bevestigde bevestigt beweerde beweert",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "werd werden",
    .determiners = "",
    .belief_verbs = "denkt dacht gelooft geloofde vreest vreesde hoopt "
                    "hoopte verwacht verwachtte weet wist vindt vond",
    .complementizers = "dat",
    .source_phrases = "volgens|aldus|naar verluidt",
    .report_nouns = "informatie verklaringen verklaring berichten gegevens cijfers",
    .report_links = "van",
    .pronouns = "hij zij ze ik wij we",
    .definites = "de het die deze dat",
    .titles = "heer mevrouw president premier minister minister-president "
              "kanselier secretaris-generaal woordvoerder woordvoerster "
              "burgemeester koning koningin dr prof",
    .fillers = "heeft hebben had hadden ook later eerder verder nog al",
    .np_breaks = "in op aan bij na voor tot van met zonder door over onder "
                 "en of maar dat die wanneer terwijl omdat als volgens "
                 "gisteren vandaag maandag dinsdag woensdag donderdag "
                 "vrijdag zaterdag zondag avond niet",
    .relatives = "die",
    .np_links = "van",
    .anaphoric_openers = "dat dit zo",
    .dash_quotes = false,
};

}  // namespace newsloom
