// The one table of languages with a grammar file.
#include <cctype>

#include "timex/grammar.h"

namespace newsloom::timex_internal {
namespace {

const LanguageGrammar* const kGrammars[] = {
    &kGrammarEn, &kGrammarEs, &kGrammarDa, &kGrammarDe, &kGrammarFr,
    &kGrammarIt, &kGrammarNl, &kGrammarPt, &kGrammarSv,
};

}  // namespace

const LanguageGrammar* FindGrammar(std::string_view lang) {
  // "en", "EN", "en-GB", "en_US" all name English.
  std::string code;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    code.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (const LanguageGrammar* g : kGrammars) {
    if (code == g->lang) return g;
  }
  return nullptr;
}

}  // namespace newsloom::timex_internal
