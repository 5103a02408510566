// The one registry of per-language text behaviour.
//
// Every language-dependent choice of the text pipeline (which Snowball
// stemmer, which elided articles to split off) is one row of the table in
// languages.cc. Stop-word lists live
// in stop_words.h (generated at build time) and are looked up by the same
// ISO codes. Adding a language means adding one row there:
//
//   {"pl", "polish", ""},   // hypothetical: Snowball 2.2 has no Polish
//
// Languages without a row still work everywhere: no stemming (term == norm),
// no stop words, no elision splitting.
//
// Thread safety: everything here is immutable static data.
#ifndef NEWSLOOM_TEXT_LANGUAGES_H_
#define NEWSLOOM_TEXT_LANGUAGES_H_

#include <string_view>
#include <vector>

namespace newsloom {

struct LanguageProfile {
  // ISO 639-1 code, lower case ("en", "da", ...).
  std::string_view code;

  // libstemmer algorithm name ("english", "danish", ...); empty: no stemmer.
  std::string_view snowball;

  // Space-separated elided articles and pronouns, in normal form, that are
  // split off a word at an apostrophe ("l" turns "l'homme" into "l" +
  // "homme"); empty for languages without elision.
  std::string_view elisions;
};

// The profile of `code` (ISO 639-1, case-sensitive lower case), or nullptr
// when the registry has no row for it ("und", "zh", "xx", "").
// "nb" and "nn" are accepted as aliases of "no".
const LanguageProfile* FindLanguageProfile(std::string_view code);

// ISO codes of all languages with a Snowball stemmer, sorted.
std::vector<std::string_view> StemmerLanguages();

// True when `word` (normal form) is one of `profile`'s elisions.
bool IsElision(const LanguageProfile& profile, std::string_view word);

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_LANGUAGES_H_
