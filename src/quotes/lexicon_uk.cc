// Ukrainian speech verbs and attribution patterns (lexicon.h): «…», —
// сказав Зеленський; за словами X.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kUkrainianLexicon = {
    .lang = "uk",
    .speech_verbs =
        "сказав сказала сказали каже казав казала заявив заявила заявили "
        "заявляє зазначив зазначила наголосив наголосила додав додала "
        "пояснив пояснила повідомив повідомила повідомили написав "
        "написала відповів відповіла підкреслив підкреслила",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "",
    .determiners = "",
    .belief_verbs = "вважає вважав думає думав сподівається знає знав",
    .complementizers = "що",
    .source_phrases = "за словами|за даними|згідно з|як повідомляє|"
                      "як повідомив",
    // The source after a report noun is a genitive with no word to link
    // it ("за даними поліції"): no report nouns.
    .report_nouns = "",
    .report_links = "",
    .pronouns = "він вона вони я ми",
    .definites = "цей ця",
    .titles = "пан пані президент прем'єр міністр канцлер речник "
              "речниця генсек голова мер",
    .fillers = "також вже пізніше раніше ще",
    .np_breaks = "в у на при після до к від з зі без для по про над під і "
                 "й та або але що який яка коли поки бо якщо вчора "
                 "сьогодні не",
    .relatives = "який яка які",
    .np_links = "",
    .anaphoric_openers = "",
    .dash_quotes = false,
};

}  // namespace newsloom
