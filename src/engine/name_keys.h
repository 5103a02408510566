// Language-independent keys for the capitalised words an article uses as
// names, built from ICU's CLDR locale data (no hand-made lists):
//
//  * Country and region names in the article's language map to one key per
//    territory: "Rusland" (da), "Russia" (en), "Russland" (de) -> "@ru";
//    "Europa" (da), "Europe" (en) -> "@150". A genitive -s is tried too
//    ("Ruslands" -> "@ru"). Every CLDR territory, in every ICU locale.
//  * Month and weekday names of the language, wide and abbreviated
//    ("Monday", "Feb", "mandag", "März"), are not names: they return "".
//  * Anything else: LatinKey (text/fold.h) of the word.
//
// The same calendar tables tell Month() and Weekday() numbers, for the
// time mentions that features.h turns into language-independent keys.
//
// Thread safety: thread-compatible; tables are built lazily per language.
#ifndef NEWSLOOM_ENGINE_NAME_KEYS_H_
#define NEWSLOOM_ENGINE_NAME_KEYS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace newsloom {

class NameKeys {
 public:
  // The key of `norm` (a case-folded word, text/analyzer.h Token::norm) in
  // language `lang`; "" when the word is a calendar word.
  std::string Key(std::string_view norm, std::string_view lang);

  // 1..12 when `norm` is a month name of `lang` (wide or abbreviated), else 0.
  int Month(std::string_view norm, std::string_view lang);
  // 1..7 (Sunday = 1, as ICU counts) when `norm` is a full weekday name of
  // `lang`, else 0. Abbreviations are left out: "sat", "wed" are words too.
  int Weekday(std::string_view norm, std::string_view lang);

 private:
  struct Tables {
    std::unordered_map<std::string, std::string> territories;  // key -> "@xx"
    std::unordered_set<std::string> calendar;                  // latin keys
    std::unordered_map<std::string, int> months, weekdays;     // latin keys
  };
  const Tables& For(std::string_view lang);

  std::unordered_map<std::string, Tables> by_lang_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_NAME_KEYS_H_
