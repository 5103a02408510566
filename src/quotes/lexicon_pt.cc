// Portuguese speech verbs and attribution patterns (lexicon.h): disse,
// segundo X, de acordo com X.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kPortugueseLexicon = {
    .lang = "pt",
    .speech_verbs =
        "disse diz dito declarou declara afirmou afirma acrescentou "
        "acrescenta explicou explica garantiu garante sublinhou sublinha "
        "salientou salienta anunciou anuncia advertiu adverte alertou "
        "alerta respondeu responde escreveu escreve reconheceu reconhece "
        "destacou destaca insistiu insiste comentou comenta defendeu "
        "defende",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "foi foram",
    .determiners = "",
    .belief_verbs = "acredita acreditava pensa pensava teme temia espera "
                    "esperava sabe sabia considera",
    .complementizers = "que",
    .source_phrases = "segundo|de acordo com|conforme|citado por",
    .report_nouns = "informações declarações dados números estimativas",
    .report_links = "de da do das dos",
    .pronouns = "ele ela eles elas eu nós",
    .definites = "o a os as este esta",
    .titles = "sr sra senhor senhora presidente ministro ministra "
              "chanceler secretário porta-voz general prefeito rei rainha "
              "dr",
    .fillers = "tem têm tinha havia também ainda depois já",
    .np_breaks = "em no na nos nas a ao de do da dos das com sem por pelo "
                 "pela para sobre e ou mas que quem quando enquanto porque "
                 "se segundo ontem hoje segunda terça quarta quinta sexta "
                 "sábado domingo não",
    .relatives = "que quem",
    .np_links = "de do da",
    .anaphoric_openers = "",
    .dash_quotes = false,
};

}  // namespace newsloom
