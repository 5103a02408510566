// Swedish speech verbs and attribution patterns (lexicon.h); dash quotes.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kSwedishLexicon = {
    .lang = "sv",
    .speech_verbs =
        "säger sa sade sagt säga uttalar uttalade tillägger tillade "
        "berättar berättade skriver skrev förklarar förklarade "
        "understryker underströk menar menade påpekar påpekade varnar "
        "varnade uppger uppgav meddelar meddelade svarar svarade frågar "
        "frågade konstaterar konstaterade betonar betonade bekräftar "
        "bekräftade hävdar hävdade",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "blev",
    .determiners = "",
    .belief_verbs = "tror trodde anser ansåg fruktar fruktade hoppas "
                    "förväntar vet visste",
    .complementizers = "att",
    .source_phrases = "enligt|med hänvisning till",
    .report_nouns = "uppgifter uppgift uttalanden rapporter rapport siffror data",
    .report_links = "från",
    .pronouns = "han hon de jag vi den det",
    .definites = "den det de denna detta",
    .titles = "herr fru president presidenten statsminister "
              "statsministern minister ministern utrikesminister "
              "försvarsminister kansler generalsekreterare talesperson "
              "talesman direktör ordförande borgmästare kung drottning",
    .fillers = "har hade också senare igen vidare dessutom även",
    .np_breaks = "i på vid under efter före till från med utan av för om "
                 "över och eller men som när medan eftersom enligt igår "
                 "måndag tisdag onsdag torsdag fredag lördag söndag kväll "
                 "morgon inte",
    .relatives = "som",
    .np_links = "för av",
    .anaphoric_openers = "det detta så",
    .dash_quotes = true,
};

}  // namespace newsloom
