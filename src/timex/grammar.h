// Helpers for the grammar files (grammar_<lang>.cc). Internal to src/timex.
//
// A grammar file lists the words of one language by category (lexicon.h
// names the categories). Month and weekday names, spelled-out numbers and
// ICU's relative phrases come from ICU/CLDR and need no entry; list only
// what ICU lacks. To add a language: copy grammar_sv.cc (the smallest),
// translate it, and add one row to kGrammars in grammar_registry.cc.
#ifndef NEWSLOOM_TIMEX_GRAMMAR_H_
#define NEWSLOOM_TIMEX_GRAMMAR_H_

#include <iterator>

#include "timex/lexicon.h"
#include "timex/timex.h"

namespace newsloom::timex_internal {

// A TimeUnit as a lexeme value.
constexpr int U(TimeUnit u) { return static_cast<int>(u); }

// Part-of-day values of Cat::kPartOfDay / kDayRel's v2.
inline constexpr int kMorning = 1;
inline constexpr int kAfternoon = 2;
inline constexpr int kEvening = 3;
inline constexpr int kNight = 4;

// Values of Cat::kRef.
inline constexpr int kPresentRef = 0;
inline constexpr int kPastRef = 1;
inline constexpr int kFutureRef = 2;

// Plural flag (v2) of Cat::kUnit.
inline constexpr int kPlural = 1;

extern const LanguageGrammar kGrammarEn;
extern const LanguageGrammar kGrammarEs;
extern const LanguageGrammar kGrammarDa;
extern const LanguageGrammar kGrammarDe;
extern const LanguageGrammar kGrammarFr;
extern const LanguageGrammar kGrammarIt;
extern const LanguageGrammar kGrammarNl;
extern const LanguageGrammar kGrammarPt;
extern const LanguageGrammar kGrammarSv;

}  // namespace newsloom::timex_internal

#define NEWSLOOM_GRAMMAR(lang, month_first_numeric, months_capitalised, \
                         article_in_span, table)                          \
  {lang, month_first_numeric, months_capitalised, article_in_span, table,  \
   std::size(table)}

#endif  // NEWSLOOM_TIMEX_GRAMMAR_H_
