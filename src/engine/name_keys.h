// Language-independent keys for the capitalised words an article uses as
// names, built from ICU's CLDR locale data (no hand-made lists):
//
//  * Country and region names in the article's language, and their CLDR
//    short names ("US", "UK" (en), "USA" (de), "США" (ru)), map to one key per
//    territory: "Rusland" (da), "Russia" (en), "Russland" (de) -> "@ru";
//    "Europa" (da), "Europe" (en) -> "@150". A genitive -s is tried too
//    ("Ruslands" -> "@ru"), and in languages with a Snowball stemmer an
//    inflected form by its stem ("Греции", "Непале" (ru) -> "@gr", "@np",
//    as "Греция", "Непал"); in cased languages without one, the name less
//    its last letter followed by one to three letters ("України", "Polski",
//    "Francji" -> "@ua", "@pl", "@fr"). Every CLDR territory, in every ICU
//    locale.
//  * City names the same way, from CLDR's exemplar cities of time zones
//    (about 430 of them, the capitals and large cities news names): "Kyiv"
//    (en), "Kiev" (the zone's own name), "Киев" (ru), "Києві" (uk), "基辅"
//    (zh) -> "@kiev" (the zone's last part, lower-case), given by KeyAndCity() beside the word's own
//    key, by Place() and, for two-word names ("New York", "Нью-Йорк"),
//    by TerritoryPair(). A territory's name wins over a city's
//    ("Singapore", "Алжир": the country).
//  * Month and weekday names of the language, wide and abbreviated
//    ("Monday", "Feb", "mandag", "März"), are not names: they return "".
//  * Anything else: NameVariantKey() of LatinKey (text/fold.h) of the word,
//    so spellings of one name across scripts and languages meet
//    (Navalnyj, Navalny, Навальный -> "navalni").
//
// Territory() finds country names in scripts without case (Chinese, Thai,
// Arabic, Korean, ...), where no word is capitalised and so no word is a
// name by features.h's rule: it looks a word up as spelt, "俄罗斯" and
// "俄羅斯" (Chinese is written in two scripts: both are loaded) -> "@ru".
//
// The same calendar tables give Calendar() numbers, for the
// time mentions that features.h turns into language-independent keys.
//
// Thread safety: thread-compatible; tables are built lazily per language.
#ifndef NEWSLOOM_ENGINE_NAME_KEYS_H_
#define NEWSLOOM_ENGINE_NAME_KEYS_H_

#include <string>
#include <string_view>
#include <bitset>
#include <memory>
#include <unordered_map>

#include "base/flat_string_map.h"

struct sb_stemmer;

namespace newsloom {

// The spelling-variant key of a name's Latin key (lower-case ASCII): the
// letters transliterations and national spellings swap made one, so
// variants of one name meet. Rules, in order: apostrophes out; x -> ks;
// ph -> f; c -> k unless before h; j, y -> i; w -> v; z -> s; repeated
// letters once. "navalnyj" (Навальный), "navalny" -> "navalni";
// "aleksej", "alexei" -> "aleksei"; "zelensky", "zelenskyy", "selenskyj",
// "zelenskij" (Зеленський) -> "selenski"; "kyiv", "kiiv" (Київ) -> "kiv";
// "macron", "makron" (Макрон) -> "makron". Not "kiev" (another name, not
// another spelling). Repeated letters are kept in a key of three letters
// or fewer: acronyms are not spellings ("unn", a news agency, is not
// "un"). "" for anything but ASCII letters and apostrophes.
std::string NameVariantKey(std::string_view latin_key);

// Whether `key` is a territory's key ("@ru", "@150"), not a city's ("@kiev")
// or a word's.
bool IsTerritoryKey(std::string_view key);

// The English name of place key `key`: a territory's ("@ru" -> "Russia")
// or a city's ("@kiev" -> "Kyiv"); "" for any other key.
std::string PlaceName(std::string_view key);

// `s` without a possessive ending ("Russia's", "Macron’s", "Navalnys'" ->
// "Russia", "Macron", "Navalnys"), which a name's key leaves out; `s`
// itself when it has none or is nothing but one.
std::string_view StripPossessive(std::string_view s);

class NameKeys {
 public:
  // The key of `norm` (a case-folded word, text/analyzer.h Token::norm) in
  // language `lang`; "" when the word is a calendar word.
  // The reference is valid until the next call.
  const std::string& Key(std::string_view norm, std::string_view lang);

  // Key() and, when the word names a city (a CLDR exemplar city, as
  // territories are found: spelt, inflected, in the article's language or
  // in English), the city's key ("@kiev"). A city's name keeps its word
  // key for the entities ("Davis", "Christmas" and "Sydney" name people and
  // days too); the clusterer takes the city key, which meets the other
  // languages' ("Kyiv", "Киеве", "Києві"). The reference is valid until the
  // next call.
  struct Keyed {
    std::string key;
    std::string city;  // "" unless a city
  };
  const Keyed& KeyAndCity(std::string_view norm, std::string_view lang);

  // What a calendar word of `lang` names: `month` 1..12 for a month name
  // (wide or abbreviated), `weekday` 1..7 (Sunday = 1, as ICU counts) for a
  // full weekday name; both 0 otherwise. Weekday abbreviations give 0:
  // "sat", "wed" are words too. One lookup, for use on every token.
  struct CalendarWord {
    int month = 0;
    int weekday = 0;
  };
  CalendarWord Calendar(std::string_view norm, std::string_view lang);

  // The territory or city key ("@ru", "@kiev") of `norm`, a case-folded
  // word as spelt in `lang`, or "" when it names no place. No
  // transliteration: one hash lookup, for use on every word of a caseless
  // script.
  std::string_view Place(std::string_view norm, std::string_view lang);
  // Place(), territories only ("" for "kyiv", "@sg" for "singapore").
  std::string_view Territory(std::string_view norm, std::string_view lang);

  // The territory or city key of two consecutive words (case-folded) that
  // name it in `lang`, inflected or not ("великої" "британії" (uk),
  // "regatului" "unit" (ro), "royaume" "uni" (fr) -> "@gb"; "нью"
  // "йорке" (ru) -> "@new_york"), or "" when they do not.
  // `first_stem` and `second_stem`, when given, are the words' Snowball
  // stems in `lang` (text/analyzer.h Token::term), which saves stemming
  // them again. The view is valid until the next call.
  std::string_view TerritoryPair(std::string_view first, std::string_view second,
                                 std::string_view lang,
                                 std::string_view first_stem = {},
                                 std::string_view second_stem = {});

 private:
  struct Tables {
    FlatStringMap<std::string> territories;  // key -> "@xx"
    FlatStringMap<std::string> territories_by_norm;  // as spelt -> "@xx"
    // Every month and weekday name, wide and abbreviated, by latin key.
    // Calendar() on every token: a Bloom-style filter on the length and
    // first and last bytes of the keys of both tables rejects most words
    // with one bit test; then a lower-case ASCII word is looked up directly
    // (it is its own latin key), other words as spelt (calendar_by_norm).
    FlatStringMap<CalendarWord> calendar;
    std::bitset<4096> calendar_filter;
    FlatStringMap<CalendarWord> calendar_by_norm;
    FlatStringMap<Keyed> key_memo;  // norm -> KeyAndCity()
    // Inflected territory names ("Греции", "Непале", "Suomessa"): the
    // Snowball stem of each one-word territory name of the language ->
    // "@xx" ("" where two territories share a stem), and the language's
    // stemmer; empty and null for languages without one (text/languages.h).
    std::unordered_map<std::string, std::string> territories_by_stem;
    std::shared_ptr<sb_stemmer> stemmer;
    // Two-word territory names, each word reduced ("велик британі") ->
    // "@xx" ("" where ambiguous); see TerritoryPair.
    std::unordered_map<std::string, std::string> territory_pairs;
    // "first\x1fsecond" -> TerritoryPair() in languages without a
    // stemmer, where a pair costs sixteen lookups (bounded, like key_memo).
    FlatStringMap<std::string> pair_memo;
  };
  static Keyed KeyOf(const Tables& t, std::string_view norm);
  // The place key of a word ("@ru", "@kiev") whose latin key is `key`, or "".
  static std::string PlaceOf(const Tables& t, std::string_view norm,
                             const std::string& key);
  static std::string_view FindPair(const Tables& t, std::string_view a,
                                   std::string_view b);
  static size_t FilterBit(std::string_view key);
  // The tables of `lang`: the last language's at once, others through
  // Load(), which builds them on first use.
  Tables& For(std::string_view lang);
  Tables& Load(std::string_view lang);

  std::unordered_map<std::string, Tables> by_lang_;
  // English place names, which every language's tables take in too: built
  // once (ICU's display names and the transliteration cost milliseconds a
  // language) and copied in.
  struct Places {
    FlatStringMap<std::string> territories;
    FlatStringMap<std::string> territories_by_norm;
  };
  std::unique_ptr<Places> english_places_;
  // The tables of the language asked for last: articles come one language
  // at a time, so most calls skip the map lookup. Nodes never move.
  std::string last_lang_;
  Tables* last_tables_ = nullptr;
};

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_NAME_KEYS_H_
