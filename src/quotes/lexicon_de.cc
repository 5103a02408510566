// German speech verbs and attribution patterns (lexicon.h). German quotes
// are „…“ (and »…« in books and some papers); the verb often comes second:
// „…“, sagte Scholz.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kGermanLexicon = {
    .lang = "de",
    .speech_verbs =
        "sagte sagt sagten sagen gesagt erklärte erklärt erklärten "
        "betonte betont fügte fügt ergänzte ergänzt sprach spricht "
        "meinte meint warnte warnt kündigte kündigt teilte teilt "
        "schrieb schreibt berichtete berichtet antwortete antwortet "
        "fragte fragt versicherte versichert bekräftigte bekräftigt "
        "unterstrich unterstreicht forderte fordert räumte räumt "
        "bestätigte bestätigt verkündete verkündet behauptete behauptet "
        "stellte stellt hieß heißt so",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "wurde wurden worden",
    .determiners = "",
    .belief_verbs = "glaubt glaubte denkt dachte hofft hoffte fürchtet "
                    "fürchtete befürchtet erwartet erwartete weiß wusste",
    .complementizers = "dass daß",
    .source_phrases = "laut|nach angaben|nach informationen|nach aussagen|"
                      "nach berichten|zufolge|unter berufung auf|wie berichtet",
    .report_nouns = "angaben informationen aussagen aussage berichten bericht "
                    "worten schätzungen daten zahlen erkenntnissen",
    .report_links = "der des von",
    .pronouns = "er sie ich wir es",
    .definites = "der die das dem den des dieser diese diesem diesen dieses",
    .titles = "herr frau präsident präsidentin bundeskanzler kanzler "
              "kanzlerin minister ministerin außenminister "
              "verteidigungsminister sprecher sprecherin regierungssprecher "
              "generalsekretär dr prof chef chefin ministerpräsident "
              "bürgermeister papst",
    .fillers = "hat hatte habe auch später zudem weiter außerdem noch "
               "bereits am",
    .np_breaks = "in im am an auf bei nach vor zu zum zur von vom mit ohne "
                 "für über unter und oder aber dass der die das wenn als "
                 "weil ob laut gestern heute montag dienstag mittwoch "
                 "donnerstag freitag samstag sonntag abend nicht",
    .relatives = "der die",
    .np_links = "von des der",
    .anaphoric_openers = "das dies so",
    .dash_quotes = false,
};

}  // namespace newsloom
