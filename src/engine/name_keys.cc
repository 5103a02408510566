#include "engine/name_keys.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <libstemmer.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "text/fold.h"
#include "text/languages.h"
#include "text/normalize.h"

namespace newsloom {
namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// "Russian Federation" style multi-word names cannot match one token; the
// tables keep single-word names only, which covers most countries.
bool OneWord(std::string_view key, std::string_view display) {
  return !key.empty() && display.find(' ') == std::string_view::npos &&
         display.find('-') == std::string_view::npos;
}

// The key of territory `code` ("RU" -> "@ru", "150" -> "@150").
std::string TerritoryKey(const char* code) {
  std::string key = "@";
  for (const char* c = code; *c; ++c) {
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  }
  return key;
}

// The key of the city of canonical time zone `tz` ("Europe/Kiev" ->
// "@kiev", "America/New_York" -> "@new_york"): its last part, lower-case.
// Never two letters, so never a territory's key.
std::string CityKey(std::string_view tz) {
  const size_t slash = tz.rfind('/');
  std::string key = "@";
  for (char c : tz.substr(slash == std::string_view::npos ? 0 : slash + 1)) {
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

// Records `value` under `key` in a table of reduced names: a territory
// keeps its entry against a city ("алжир": Algeria, not Algiers); two
// different territories, or two cities, leave it "" (ambiguous).
void AddReduced(std::unordered_map<std::string, std::string>* table,
                std::string key, const std::string& value) {
  auto [it, fresh] = table->emplace(std::move(key), value);
  if (fresh || it->second == value) return;
  if (IsTerritoryKey(it->second) && !IsTerritoryKey(value)) return;
  it->second.clear();
}

// Which places ForEachPlace() names.
enum Places : unsigned {
  kCountries = 1,  // every two-letter territory ICU knows
  kRegions = 2,    // the continents and regions news names (UN M.49 codes)
  kCities = 4,     // CLDR's exemplar cities (see below)
};

// Calls f(name, key) with the name in locale `in` of every place of
// `which`, territories first. A territory's CLDR short name comes after its
// name where the two differ: "US", "UK" (en), "USA" (de, it), "США" (ru),
// "VS" (nl), "EE. UU." (es), "Palestine" (en) beside "Palestinian
// Territories". Cities are those that name a canonical time
// zone, CLDR's exemplar cities: "Kyiv", "Київ", "Киев", "基辅" -> "@kiev";
// about 430, the capitals and large cities news names. A name that is only
// its code (no translation) is left out.
template <typename F>
void ForEachPlace(const icu::Locale& in, unsigned which, F&& f) {
  UDisplayContext length = UDISPCTX_LENGTH_SHORT;
  std::unique_ptr<icu::LocaleDisplayNames> short_names(
      icu::LocaleDisplayNames::createInstance(in, &length, 1));
  auto territory = [&](const char* code) {
    icu::UnicodeString name;
    icu::Locale("", code).getDisplayCountry(in, name);
    const std::string display = Utf8(name);
    if (display == code) return;
    f(display, TerritoryKey(code));
    if (short_names == nullptr) return;
    icu::UnicodeString short_name;
    short_names->regionDisplayName(code, short_name);
    const std::string brief = Utf8(short_name);
    if (!brief.empty() && brief != display) f(brief, TerritoryKey(code));
  };
  if (which & kCountries) {
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      territory(*c);
    }
  }
  if (which & kRegions) {
    for (const char* region : {"150", "002", "019", "142", "009", "151", "155"}) {
      territory(region);
    }
  }
  if (!(which & kCities)) return;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> names(
      icu::TimeZoneNames::createInstance(in, status));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(
          UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status) || names == nullptr || zones == nullptr) return;
  while (const icu::UnicodeString* zone = zones->snext(status)) {
    const std::string id = Utf8(*zone);
    const std::string key = CityKey(id);
    icu::UnicodeString name;
    names->getExemplarLocationName(*zone, name);
    if (!name.isEmpty()) f(Utf8(name), key);
    // The zone's own name, which CLDR keeps from older English: "Kiev",
    // "Calcutta", "Saigon" beside "Kyiv", "Kolkata", "Ho Chi Minh City".
    // Canonical zones only: a zone's aliases may name other cities in it
    // (Europe/Belfast is London's clock, not London).
    std::string own = id.substr(id.rfind('/') + 1);
    std::replace(own.begin(), own.end(), '_', ' ');
    f(own, key);
  }
}

// LatinKey(name), computed once per name for the several tables of a
// language (transliteration is most of their cost).
const std::string& LatinKeyOf(FlatStringMap<std::string>* memo,
                              const std::string& name) {
  auto [key, fresh] = memo->Insert(name);
  if (fresh) *key = LatinKey(name);
  return *key;
}

// Fills `out` (by latin key) and `by_norm` (by the case-folded name as
// spelt) with the one-word place names of locale `in` (ForEachPlace). A
// territory comes first, so a city named like its country ("Singapore",
// "Kuwait") keys as the country. `latin_memo` holds the names' latin keys.
void AddTerritories(const icu::Locale& in, FlatStringMap<std::string>* out,
                    FlatStringMap<std::string>* by_norm,
                    FlatStringMap<std::string>* latin_memo) {
  ForEachPlace(in, kCountries | kRegions | kCities,
               [&](const std::string& display, std::string value) {
    const std::string& key = LatinKeyOf(latin_memo, display);
    if (!OneWord(key, display)) return;
    if (auto [slot, fresh] = out->Insert(key); fresh) *slot = value;
    std::string norm;
    NormalizeWord(display, &norm);
    auto [slot, fresh] = by_norm->Insert(norm);
    if (fresh) *slot = std::move(value);
  });
}

std::string Stem(sb_stemmer* stemmer, std::string_view word) {
  const sb_symbol* out = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out),
                     sb_stemmer_length(stemmer));
}

// `w` less its last `n` code points ("" when it has no more).
// Case endings are cut this way where a language has no stemmer.
std::string_view DropLast(std::string_view w, int n) {
  for (; n > 0 && !w.empty(); --n) {
    size_t last = w.size();
    while (last > 0 && (static_cast<unsigned char>(w[last - 1]) & 0xC0) == 0x80) {
      --last;
    }
    w = w.substr(0, last > 0 ? last - 1 : 0);
  }
  return w;
}

// The number of code points of UTF-8 `s`.
size_t Chars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Fills `pairs` with the two-word place names of `in` ("Велика
// Британія", "Wielka Brytania", "Regatul Unit", "Royaume-Uni"), each word
// reduced as the one-word names are: its Snowball stem, or without a
// stemmer the word and the word less its last letter (every combination).
// Words of fewer than three letters so reduced are left out. Countries and
// cities ("New York", "Нью-Йорк"; features.cc counts a city's two words
// once, as the city).
void AddTerritoryPairs(const icu::Locale& in, sb_stemmer* stemmer,
                       std::unordered_map<std::string, std::string>* pairs) {
  ForEachPlace(in, kCountries | kCities,
               [&](const std::string& display, const std::string& value) {
    std::string norm;
    NormalizeWord(display, &norm);
    const size_t gap = norm.find_first_of(" -");
    if (gap == std::string::npos || gap == 0 ||
        norm.find_first_of(" -", gap + 1) != std::string::npos) {
      return;  // not exactly two words
    }
    const std::string_view words[2] = {std::string_view(norm).substr(0, gap),
                                       std::string_view(norm).substr(gap + 1)};
    std::vector<std::string> forms[2];
    for (int k = 0; k < 2; ++k) {
      if (stemmer != nullptr) {
        forms[k].push_back(Stem(stemmer, words[k]));
      } else {
        forms[k].emplace_back(words[k]);
        forms[k].emplace_back(DropLast(words[k], 1));
      }
    }
    for (const std::string& a : forms[0]) {
      for (const std::string& b : forms[1]) {
        if (Chars(a) < 3 || Chars(b) < 3) continue;
        AddReduced(pairs, a + " " + b, value);
      }
    }
  });
}

// Fills `by_stem` (and `stemmer`) with the stems of the one-word country
// and city names of `in` (the article's language), when the language has a
// stemmer ("Москве" -> "@moscow"). Stems shorter than three characters are
// left out (too many words share them), and so are stems two countries or
// two cities share (AddReduced). Not regions: "America" is the stem of
// "Americas" and mostly names the United States.
void AddTerritoryStems(std::string_view lang, const icu::Locale& in,
                       std::unordered_map<std::string, std::string>* by_stem,
                       std::shared_ptr<sb_stemmer>* stemmer,
                       FlatStringMap<std::string>* latin_memo) {
  const LanguageProfile* profile = FindLanguageProfile(lang);
  sb_stemmer* raw = nullptr;
  if (profile != nullptr && !profile->snowball.empty()) {
    const std::string algorithm(profile->snowball);
    raw = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  }
  if (raw != nullptr) stemmer->reset(raw, sb_stemmer_delete);
  ForEachPlace(in, kCountries | kCities,
               [&](const std::string& display, const std::string& value) {
    if (!OneWord(LatinKeyOf(latin_memo, display), display)) return;
    std::string norm;
    NormalizeWord(display, &norm);
    // The name's own stem ("греция", "греции" -> "грец"), and the name
    // itself, which the stemmer leaves as the stem of an inflected form
    // when it cuts the name ("непал" -> "непа", but "непале" -> "непал").
    // Without a stemmer (Ukrainian, Polish, Czech, ...): the name less its
    // last letter, which KeyOf looks for under the word less one to three
    // letters ("україн" <- "України", "Україною").
    for (std::string stem :
         {raw ? Stem(raw, norm) : std::string(DropLast(norm, 1)), norm}) {
      if (Chars(stem) < (raw ? 3u : 4u)) continue;
      AddReduced(by_stem, std::move(stem), value);
    }
  });
}

// Locales whose language is also written in a second script that articles
// tagged with the language use: their territory names are loaded too.
const char* SecondScript(std::string_view lang) {
  if (lang == "zh") return "zh_Hant";  // 俄罗斯 and 俄羅斯
  if (lang == "sr") return "sr_Latn";  // Русија and Rusija
  return nullptr;
}

// Fills `out` (by latin key) and `by_norm` (by the case-folded name as
// tokens spell it, text/normalize.h, without a trailing abbreviation dot).
void AddCalendar(const icu::Locale& in,
                 FlatStringMap<NameKeys::CalendarWord>* out,
                 FlatStringMap<NameKeys::CalendarWord>* by_norm) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(in, status);
  if (U_FAILURE(status)) return;
  using S = icu::DateFormatSymbols;
  // ICU's weekday arrays start with an empty entry at index 0.
  // `number` gives the value to record for entry i (0: a calendar word
  // without a number).
  auto add = [&](const icu::UnicodeString* names, int32_t n, auto number) {
    for (int32_t i = 0; i < n; ++i) {
      const std::string utf8 = Utf8(names[i]);
      std::string key = LatinKey(utf8);
      if (key.size() < 2) continue;
      number(out->Insert(key).first, i);
      std::string norm;
      NormalizeWord(utf8, &norm);
      while (!norm.empty() && norm.back() == '.') norm.pop_back();
      if (!norm.empty()) number(by_norm->Insert(norm).first, i);
    }
  };
  auto month = [](NameKeys::CalendarWord* w, int32_t i) { w->month = i + 1; };
  auto weekday = [](NameKeys::CalendarWord* w, int32_t i) { w->weekday = i; };
  auto none = [](NameKeys::CalendarWord*, int32_t) {};
  int32_t n = 0;
  for (auto width : {S::WIDE, S::ABBREVIATED}) {
    for (auto context : {S::FORMAT, S::STANDALONE}) {
      // getMonths() sets n: call it before reading n.
      const icu::UnicodeString* names = symbols.getMonths(n, context, width);
      add(names, n, month);
      const icu::UnicodeString* days = symbols.getWeekdays(n, context, width);
      if (width == S::WIDE) {
        add(days, n, weekday);
      } else {
        add(days, n, none);
      }
    }
  }
}

// Names (pairs) whose keys are remembered per language; the memo starts
// over when full. With 2^18 entries the RSS of a 200,000-article
// synthetic stream (`newsloom_window_memory --trim`) still climbed at its
// end (270 MB); with 2^16, as the Analyzer's stem cache, it levels off at
// 246-253 MB from 100,000 on, at the same speed (gva and itn `eval`,
// 2026-12-04).
constexpr size_t kKeyMemoEntries = 1 << 16;

}  // namespace

size_t NameKeys::FilterBit(std::string_view key) {
  if (key.empty()) return 0;
  const size_t h = (key.size() & 15) * 131 * 131 +
                   static_cast<unsigned char>(key.front()) * 131 +
                   static_cast<unsigned char>(key.back());
  return (h * 0x9E3779B1u >> 7) & 4095;
}

// Called on every token: kept small enough to inline, and a language code
// is a few bytes, compared here rather than through a call to memcmp.
inline NameKeys::Tables& NameKeys::For(std::string_view lang) {
  if (last_tables_ != nullptr && lang.size() == last_lang_.size()) {
    size_t i = 0;
    while (i < lang.size() && lang[i] == last_lang_[i]) ++i;
    if (i == lang.size()) return *last_tables_;
  }
  return Load(lang);
}

NameKeys::Tables& NameKeys::Load(std::string_view lang) {
  last_lang_.assign(lang);
  auto it = by_lang_.find(last_lang_);
  if (it != by_lang_.end()) {
    last_tables_ = &it->second;
    return it->second;
  }
  Tables t;
  const icu::Locale locale(std::string(lang == "und" ? "en" : lang).c_str());
  FlatStringMap<std::string> latin_memo;
  AddTerritories(locale, &t.territories, &t.territories_by_norm, &latin_memo);
  AddTerritoryStems(lang, locale, &t.territories_by_stem, &t.stemmer,
                    &latin_memo);
  AddTerritoryPairs(locale, t.stemmer.get(), &t.territory_pairs);
  if (const char* second = SecondScript(lang)) {
    AddTerritories(icu::Locale(second), &t.territories, &t.territories_by_norm,
                   &latin_memo);
  }
  AddCalendar(locale, &t.calendar, &t.calendar_by_norm);
  auto add_to_filter = [&](std::string_view key, const CalendarWord&) {
    t.calendar_filter.set(FilterBit(key));
  };
  t.calendar.ForEach(add_to_filter);
  t.calendar_by_norm.ForEach(add_to_filter);
  if (lang != "en") {  // English names turn up in every language's news
    if (english_places_ == nullptr) {
      english_places_ = std::make_unique<Places>();
      FlatStringMap<std::string> english_memo;
      AddTerritories(icu::Locale("en"), &english_places_->territories,
                     &english_places_->territories_by_norm, &english_memo);
    }
    // As AddTerritories would add them: a name already there keeps its key.
    english_places_->territories.ForEach(
        [&](std::string_view key, const std::string& value) {
          if (auto [slot, fresh] = t.territories.Insert(key); fresh) *slot = value;
        });
    english_places_->territories_by_norm.ForEach(
        [&](std::string_view norm, const std::string& value) {
          auto [slot, fresh] = t.territories_by_norm.Insert(norm);
          if (fresh) *slot = value;
        });
  }
  last_tables_ = &by_lang_.emplace(last_lang_, std::move(t)).first->second;
  return *last_tables_;
}

const NameKeys::Keyed& NameKeys::KeyAndCity(std::string_view norm,
                                            std::string_view lang) {
  Tables& t = For(lang);
  // Names repeat within and across articles: each distinct word is keyed
  // once (bounded, like the calendar memo).
  if (const Keyed* known = t.key_memo.Find(norm)) return *known;
  if (t.key_memo.size() >= kKeyMemoEntries) t.key_memo.clear();
  Keyed& memo = *t.key_memo.Insert(norm).first;
  memo = KeyOf(t, norm);
  return memo;
}

const std::string& NameKeys::Key(std::string_view norm, std::string_view lang) {
  return KeyAndCity(norm, lang).key;
}

NameKeys::Keyed NameKeys::KeyOf(const Tables& t, std::string_view norm) {
  std::string key = LatinKey(norm);
  if (t.calendar.Find(key) != nullptr) return {};
  std::string place = PlaceOf(t, norm, key);
  if (IsTerritoryKey(place)) return {std::move(place), ""};
  std::string variant = NameVariantKey(key);
  return {variant.empty() ? std::move(key) : std::move(variant),
          std::move(place)};
}

std::string NameKeys::PlaceOf(const Tables& t, std::string_view norm,
                              const std::string& key) {
  if (const std::string* place = t.territories.Find(key)) return *place;
  if (key.size() > 3 && key.back() == 's') {  // genitive: "Ruslands"
    const std::string_view singular(key.data(), key.size() - 1);
    if (const std::string* place = t.territories.Find(singular)) return *place;
  }
  if (t.stemmer != nullptr && !t.territories_by_stem.empty()) {
    auto by_stem = t.territories_by_stem.find(Stem(t.stemmer.get(), norm));
    if (by_stem != t.territories_by_stem.end()) return by_stem->second;
  } else if (!t.territories_by_stem.empty()) {
    // The word less one to three letters (its case ending).
    for (int cut = 1; cut <= 3; ++cut) {
      const std::string_view w = DropLast(norm, cut);
      if (w.empty()) break;
      auto found = t.territories_by_stem.find(std::string(w));
      if (found != t.territories_by_stem.end() && !found->second.empty()) {
        return found->second;
      }
    }
  }
  return "";
}

std::string_view NameKeys::TerritoryPair(std::string_view first,
                                         std::string_view second,
                                         std::string_view lang,
                                         std::string_view first_stem,
                                         std::string_view second_stem) {
  Tables& t = For(lang);
  if (t.territory_pairs.empty()) return {};
  if (t.stemmer != nullptr) {  // one lookup
    std::string a, b;
    if (first_stem.empty()) first_stem = a = Stem(t.stemmer.get(), first);
    if (second_stem.empty()) second_stem = b = Stem(t.stemmer.get(), second);
    return FindPair(t, first_stem, second_stem);
  }
  // Each word as written or less a case ending of one to three letters:
  // sixteen lookups, so the answer is kept.
  std::string memo_key;
  memo_key.reserve(first.size() + second.size() + 1);
  memo_key.append(first).append("\x1f").append(second);
  if (const std::string* known = t.pair_memo.Find(memo_key)) return *known;
  if (t.pair_memo.size() >= kKeyMemoEntries) t.pair_memo.clear();
  std::string& memo = *t.pair_memo.Insert(memo_key).first;
  for (int i = 0; i <= 3 && memo.empty(); ++i) {
    for (int j = 0; j <= 3 && memo.empty(); ++j) {
      memo = FindPair(t, DropLast(first, i), DropLast(second, j));
    }
  }
  return memo;
}

std::string_view NameKeys::FindPair(const Tables& t, std::string_view a,
                                    std::string_view b) {
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a).append(" ").append(b);
  auto it = t.territory_pairs.find(key);
  return it != t.territory_pairs.end() ? std::string_view(it->second)
                                       : std::string_view();
}

std::string_view NameKeys::Place(std::string_view norm, std::string_view lang) {
  const std::string* key = For(lang).territories_by_norm.Find(norm);
  return key ? std::string_view(*key) : std::string_view();
}

std::string_view NameKeys::Territory(std::string_view norm,
                                     std::string_view lang) {
  const std::string_view key = Place(norm, lang);
  return IsTerritoryKey(key) ? key : std::string_view();
}

NameKeys::CalendarWord NameKeys::Calendar(std::string_view norm,
                                          std::string_view lang) {
  Tables& t = For(lang);
  // Most words fail the filter, which holds the keys of both tables.
  if (!t.calendar_filter.test(FilterBit(norm))) return {};
  bool plain = !norm.empty();  // lower-case ASCII letters: its own key
  for (char c : norm) plain &= c >= 'a' && c <= 'z';
  if (plain) {
    const CalendarWord* w = t.calendar.Find(norm);
    return w ? *w : CalendarWord{};
  }
  // Other words are compared as they are spelt: no transliteration (ICU
  // builds a transliterator per script on first use, which cost 10% of a
  // whole run when one article held a few Chinese characters).
  const CalendarWord* w = t.calendar_by_norm.Find(norm);
  return w ? *w : CalendarWord{};
}

bool IsTerritoryKey(std::string_view key) {
  if (key.empty() || key.front() != '@') return false;
  return key.size() == 3 ||
         (key.size() == 4 && std::isdigit(static_cast<unsigned char>(key[1])));
}

std::string PlaceName(std::string_view key) {
  if (key.size() < 2 || key.front() != '@') return "";
  if (IsTerritoryKey(key)) {
    const std::string code(key.substr(1));
    icu::UnicodeString name;
    icu::Locale("", code.c_str())
        .getDisplayCountry(icu::Locale::getEnglish(), name);
    const std::string out = Utf8(name);
    return out == code ? "" : out;
  }
  // Built once: key -> English exemplar city name.
  static const auto* const cities = [] {
    auto* names = new std::unordered_map<std::string, std::string>;
    ForEachPlace(icu::Locale::getEnglish(), kCities,
                 [&](const std::string& display, const std::string& value) {
                   names->emplace(value, display);
                 });
    return names;
  }();
  auto it = cities->find(std::string(key));
  return it == cities->end() ? "" : it->second;
}

std::string_view StripPossessive(std::string_view s) {
  // Called on every token: the endings "'s", "’s", "'" and "’" (U+2019,
  // E2 80 99) tested byte by byte, each only when something is left.
  const size_t n = s.size();
  auto ends = [&](std::string_view suffix) {
    if (n <= suffix.size()) return false;
    for (size_t i = 1; i <= suffix.size(); ++i) {
      if (s[n - i] != suffix[suffix.size() - i]) return false;
    }
    return true;
  };
  if (n < 2) return s;
  switch (s[n - 1]) {
    case 's':
      if (ends("'s")) return s.substr(0, n - 2);
      if (ends("\xE2\x80\x99s")) return s.substr(0, n - 4);
      return s;
    case '\'':
      return s.substr(0, n - 1);
    case '\x99':
      return ends("\xE2\x80\x99") ? s.substr(0, n - 3) : s;
    default:
      return s;
  }
}

std::string NameVariantKey(std::string_view key) {
  // Repeated letters are one only in names of more than three letters: a
  // shorter one is an acronym or a short name, not a spelling to vary
  // ("unn", a news agency, is not "un").
  const bool collapse =
      std::count_if(key.begin(), key.end(), [](char c) { return c != '\''; }) > 3;
  std::string out;
  out.reserve(key.size() + 2);
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const char next = i + 1 < key.size() ? key[i + 1] : '\0';
    if (c == '\'') continue;
    if (c < 'a' || c > 'z') return "";
    auto put = [&out, collapse](char x) {
      if (!collapse || out.empty() || out.back() != x) out += x;
    };
    switch (c) {
      case 'x': put('k'); put('s'); break;
      case 'p':
        if (next == 'h') {
          put('f');
          ++i;
        } else {
          put('p');
        }
        break;
      case 'c': put(next == 'h' ? 'c' : 'k'); break;
      case 'j': case 'y': put('i'); break;
      case 'w': put('v'); break;
      case 'z': put('s'); break;
      default: put(c);
    }
  }
  return out;
}

}  // namespace newsloom
