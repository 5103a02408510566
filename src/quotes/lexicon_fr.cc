// French speech verbs and attribution patterns (lexicon.h): « … »,
// a déclaré X, selon X.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kFrenchLexicon = {
    .lang = "fr",
    .speech_verbs =
        "dit dire disait déclaré déclare déclarait affirmé affirme "
        "affirmait ajouté ajoute ajoutait expliqué explique expliquait "
        "souligné souligne soulignait estimé estime estimait indiqué "
        "indique indiquait assuré assure assurait annoncé annonce "
        "averti avertit prévenu prévient insisté insiste répondu répond "
        "précisé précise martelé martèle lancé lance confié confie écrit "
        "raconté raconte rappelé rappelle reconnu reconnaît demandé "
        "demande poursuivi poursuit tweeté jugé juge",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "été",
    .determiners = "",
    .belief_verbs = "pense pensait croit croyait craint craignait espère "
                    "espérait sait savait",
    .complementizers = "que qu",
    .source_phrases = "selon|d'après|d après|citant|de source",
    .report_nouns = "informations déclarations déclaration chiffres données propos estimations",
    .report_links = "de du des",
    .pronouns = "il elle ils elles je nous on lui eux",
    .definites = "le la les l ce cette",
    .titles = "m mme mlle monsieur madame président présidente ministre "
              "premier chancelier chancelière secrétaire porte-parole "
              "général maire dr pr",
    .fillers = "a ont avait avaient aussi également encore ensuite "
               "plus tard déjà y",
    .np_breaks = "à au aux dans en sur sous pour par avec sans de du des "
                 "lors après avant et ou mais que qui dont quand lorsque "
                 "car si selon comme hier aujourd lundi mardi mercredi jeudi "
                 "vendredi samedi dimanche soir matin ne pas",
    .relatives = "qui",
    .np_links = "de du des",
    .anaphoric_openers = "",
    .dash_quotes = false,
    .inverted_pronouns = "-t-il -t-elle -t-ils -t-elles -t-on -il -elle -ils -elles -on",
};

}  // namespace newsloom
