// Cross-script keys: one spelling of a word or name for every script.
//
// News in many languages names the same people and places in different
// scripts and spellings ("Навальный", "Navalny", "Nawalny"). LatinKey()
// gives the romanised, lower-case ASCII skeleton that later stages compare
// (exactly or with an edit distance); it is a matching key, not a
// transliteration for people to read.
//
// Thread safety: thread-safe (each thread lazily clones its own ICU
// transliterator).
#ifndef NEWSLOOM_TEXT_FOLD_H_
#define NEWSLOOM_TEXT_FOLD_H_

#include <string>
#include <string_view>

namespace newsloom {

// The key of `word`: ICU "Any-Latin; Latin-ASCII" transliteration, then
// ASCII lower case, keeping only [a-z0-9] (apostrophes, hyphens, spaces and
// anything left unromanised are dropped).
//   "Навальный" -> "navalnyj"   "Ελλάδα" -> "ellada"   "Kyiv" -> "kyiv"
//   "København" -> "kobenhavn"  "O'Brien" -> "obrien"   "俄罗斯" -> "eluosi"
// Pure-ASCII input, and Latin letters with diacritics mixed with dashes,
// quotation marks and brackets ("Åland", "Sheriff’s"), take fast paths
// without ICU's transliterator (fold_test.cc checks every character they
// accept against LatinKeySlow()). Any input is accepted; the result may be
// empty (punctuation only, empty input). Ill-formed UTF-8 bytes are
// dropped.
std::string LatinKey(std::string_view word);

// Same result as LatinKey(), always through ICU: the oracle for the fast
// path; not for production use.
std::string LatinKeySlow(std::string_view word);

// LatinKey()'s second fast path alone, exposed for its test: appends the
// key of `word` to `key` and returns true when the word is ASCII, Latin
// letters whose canonical decomposition is an ASCII letter and combining
// marks ("Å", "é", "ç"), and dashes, brackets, quotation marks, connectors
// and spaces ("’", "–", "«"), which leave nothing; false (and `key`
// unspecified) for anything else: other letters and scripts, symbols,
// ill-formed UTF-8. ICU's transliterator costs tens of milliseconds to
// build in each process; an English stream then seldom needs it (letters
// without a decomposition, ø, ł, ß, æ, and text already decomposed still
// take ICU).
bool LatinKeyFast(std::string_view word, std::string* key);

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_FOLD_H_
