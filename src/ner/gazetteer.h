// Name lists from ICU's CLDR data, as features for the tagger and types for
// the heuristic recogniser: no hand-made world-knowledge list.
//
// For a language, the Gazetteer holds, as lower-case word sequences:
//   kCountry   every CLDR territory name in the language and in English
//              ("rusland", "russia", "czech republic", "europa");
//   kCity      time-zone exemplar cities in the language and in English
//              ("københavn", "paris", "kyiv", "new york");
//   kLanguage  language names in the language and in English ("german",
//              "french": in English also the nationality adjectives CoNLL
//              tags MISC; "tysk" in Danish);
//   kCalendar  month and weekday names, wide and abbreviated ("monday",
//              "februar"): capitalised in English but not names.
// Match() marks the tokens covered by the longest entry of each class that
// starts at a token.
//
// Thread safety: immutable after construction; Match may run in parallel.
#ifndef NEWSLOOM_NER_GAZETTEER_H_
#define NEWSLOOM_NER_GAZETTEER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ner/features.h"

namespace newsloom {

class Gazetteer {
 public:
  enum Class : uint16_t {
    kCountry = 1, kCity = 2, kLanguage = 4, kCalendar = 8,
  };
  // Flags per token: the class bit when the token begins an entry, the
  // class bit << kInsideShift when it continues one.
  static constexpr int kInsideShift = 8;
  // Longest entry, in words.
  static constexpr size_t kMaxWords = 4;

  // Builds the lists for `lang` (ISO 639-1; "und" or unknown: English only).
  // Cost: a few milliseconds (ICU display names).
  explicit Gazetteer(std::string_view lang);

  // Sets (*flags)[i] for each token of a sentence.
  // REQUIRES: flags->size() == words.size(), all zero.
  void Match(std::span<const WordInfo> words, std::vector<uint16_t>* flags) const;

  // The classes of the exact lower-case phrase `words_joined` (words
  // separated by one space); 0 when it is in no list.
  uint16_t Lookup(std::string_view words_joined) const;

  size_t size() const { return entries_.size(); }

 private:
  void Add(const std::string& phrase_utf8, Class c);
  std::unordered_map<std::string, uint16_t> entries_;
  std::unordered_map<std::string, bool> first_words_;  // first word of any entry
};

}  // namespace newsloom

#endif  // NEWSLOOM_NER_GAZETTEER_H_
