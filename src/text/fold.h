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
// Pure-ASCII input takes a fast path without ICU (fold_test.cc checks it
// against LatinKeySlow()). Any input is accepted; the result may be empty
// (punctuation only, empty input). Ill-formed UTF-8 bytes are dropped.
std::string LatinKey(std::string_view word);

// Same result as LatinKey(), always through ICU: the oracle for the fast
// path; not for production use.
std::string LatinKeySlow(std::string_view word);

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_FOLD_H_
