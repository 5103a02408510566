#include "engine/name_keys.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>

#include "text/fold.h"

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

void AddTerritories(const icu::Locale& in, std::unordered_map<std::string, std::string>* out) {
  UErrorCode status = U_ZERO_ERROR;
  // Every two-letter territory ICU knows, plus the continents and regions
  // news names (UN M.49 codes).
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
    icu::UnicodeString name;
    icu::Locale("", *c).getDisplayCountry(in, name);
    const std::string display = Utf8(name);
    const std::string key = LatinKey(display);
    if (OneWord(key, display) && display != *c) {
      std::string code = *c;
      for (char& ch : code) ch = static_cast<char>(std::tolower(ch));
      out->emplace(key, "@" + code);
    }
  }
  for (const char* region : {"150", "002", "019", "142", "009", "151", "155"}) {
    icu::UnicodeString name;
    icu::Locale("", region).getDisplayCountry(in, name);
    const std::string display = Utf8(name);
    const std::string key = LatinKey(display);
    if (OneWord(key, display) && display != region) {
      out->emplace(key, std::string("@") + region);
    }
  }
  (void)status;
}

void AddCalendar(const icu::Locale& in, std::unordered_set<std::string>* out,
                 std::unordered_map<std::string, int>* months,
                 std::unordered_map<std::string, int>* weekdays) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(in, status);
  if (U_FAILURE(status)) return;
  using S = icu::DateFormatSymbols;
  // ICU's weekday arrays start with an empty entry at index 0.
  auto add = [&](const icu::UnicodeString* names, int32_t n,
                 std::unordered_map<std::string, int>* numbers) {
    for (int32_t i = 0; i < n; ++i) {
      std::string key = LatinKey(Utf8(names[i]));
      if (key.size() < 2) continue;
      out->insert(key);
      if (numbers) numbers->emplace(key, numbers == months ? i + 1 : i);
    }
  };
  int32_t n = 0;
  for (auto width : {S::WIDE, S::ABBREVIATED}) {
    for (auto context : {S::FORMAT, S::STANDALONE}) {
      // getMonths() sets n: call it before reading n.
      const icu::UnicodeString* names = symbols.getMonths(n, context, width);
      add(names, n, months);
      const icu::UnicodeString* days = symbols.getWeekdays(n, context, width);
      add(days, n, width == S::WIDE ? weekdays : nullptr);
    }
  }
}

}  // namespace

const NameKeys::Tables& NameKeys::For(std::string_view lang) {
  auto it = by_lang_.find(std::string(lang));
  if (it != by_lang_.end()) return it->second;
  Tables t;
  const icu::Locale locale(std::string(lang == "und" ? "en" : lang).c_str());
  AddTerritories(locale, &t.territories);
  AddCalendar(locale, &t.calendar, &t.months, &t.weekdays);
  if (lang != "en") {  // English names turn up in every language's news
    AddTerritories(icu::Locale("en"), &t.territories);
  }
  return by_lang_.emplace(std::string(lang), std::move(t)).first->second;
}

std::string NameKeys::Key(std::string_view norm, std::string_view lang) {
  const Tables& t = For(lang);
  std::string key = LatinKey(norm);
  if (t.calendar.count(key)) return "";
  auto it = t.territories.find(key);
  if (it != t.territories.end()) return it->second;
  if (key.size() > 3 && key.back() == 's') {  // genitive: "Ruslands"
    it = t.territories.find(key.substr(0, key.size() - 1));
    if (it != t.territories.end()) return it->second;
  }
  return key;
}

int NameKeys::Month(std::string_view norm, std::string_view lang) {
  const Tables& t = For(lang);
  auto it = t.months.find(LatinKey(norm));
  return it == t.months.end() ? 0 : it->second;
}

int NameKeys::Weekday(std::string_view norm, std::string_view lang) {
  const Tables& t = For(lang);
  auto it = t.weekdays.find(LatinKey(norm));
  return it == t.weekdays.end() ? 0 : it->second;
}

}  // namespace newsloom
