#include "ner/gazetteer.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <memory>

namespace newsloom {
namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

void Gazetteer::Add(const std::string& phrase_utf8, Class c) {
  // Split like the tokenizer roughly does: at spaces, with punctuation
  // other than inner hyphens and apostrophes dropped.
  std::string joined;
  size_t words = 0;
  WordInfo info;
  size_t i = 0;
  while (i < phrase_utf8.size()) {
    while (i < phrase_utf8.size() && (phrase_utf8[i] == ' ' || phrase_utf8[i] == ',' ||
                                      phrase_utf8[i] == '(' || phrase_utf8[i] == ')'))
      ++i;
    size_t j = i;
    while (j < phrase_utf8.size() && phrase_utf8[j] != ' ' && phrase_utf8[j] != ',' &&
           phrase_utf8[j] != '(' && phrase_utf8[j] != ')')
      ++j;
    if (j > i) {
      DescribeWord(std::string_view(phrase_utf8).substr(i, j - i), &info);
      if (!joined.empty()) joined.push_back(' ');
      joined += info.lower;
      if (words == 0) first_words_[info.lower] = true;
      ++words;
    }
    i = j;
  }
  if (words == 0 || words > kMaxWords) return;
  entries_[joined] |= c;
}

Gazetteer::Gazetteer(std::string_view lang) {
  std::vector<icu::Locale> locales = {icu::Locale("en")};
  std::string l(lang);
  if (!l.empty() && l != "en" && l != "und") locales.emplace_back(l.c_str());
  for (const icu::Locale& in : locales) {
    icu::UnicodeString name;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      icu::Locale("", *c).getDisplayCountry(in, name);
      Add(Utf8(name), kCountry);
    }
    // Continents and regions CLDR names (UN M.49 codes).
    for (const char* region : {"150", "002", "019", "142", "009", "419", "021",
                               "005", "145", "151", "154", "155", "039"}) {
      icu::Locale("", region).getDisplayCountry(in, name);
      Add(Utf8(name), kCountry);
    }
    for (const char* const* c = icu::Locale::getISOLanguages(); *c; ++c) {
      icu::Locale(*c).getDisplayLanguage(in, name);
      Add(Utf8(name), kLanguage);
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> tznames(
        icu::TimeZoneNames::createInstance(in, status));
    std::unique_ptr<icu::StringEnumeration> zones(
        icu::TimeZone::createEnumeration(status));
    if (U_SUCCESS(status) && tznames && zones) {
      const icu::UnicodeString* id;
      while ((id = zones->snext(status)) != nullptr && U_SUCCESS(status)) {
        tznames->getExemplarLocationName(*id, name);
        if (!name.isEmpty()) Add(Utf8(name), kCity);
      }
    }
    status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(in, status);
    if (U_SUCCESS(status)) {
      int32_t count = 0;
      const icu::UnicodeString* names = symbols.getMonths(count);
      for (int32_t k = 0; k < count; ++k) Add(Utf8(names[k]), kCalendar);
      names = symbols.getShortMonths(count);
      for (int32_t k = 0; k < count; ++k) Add(Utf8(names[k]), kCalendar);
      names = symbols.getWeekdays(count);
      for (int32_t k = 0; k < count; ++k) Add(Utf8(names[k]), kCalendar);
    }
  }
}

uint16_t Gazetteer::Lookup(std::string_view words_joined) const {
  auto it = entries_.find(std::string(words_joined));
  return it == entries_.end() ? 0 : it->second;
}

void Gazetteer::Match(std::span<const WordInfo> words,
                      std::vector<uint16_t>* flags) const {
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].has_letter || !first_words_.count(words[i].lower)) continue;
    key.clear();
    uint16_t longest_end[16] = {};  // per class bit: end of longest entry
    for (size_t k = 0; k < kMaxWords && i + k < words.size(); ++k) {
      if (k > 0) key.push_back(' ');
      key += words[i + k].lower;
      auto it = entries_.find(key);
      if (it == entries_.end()) continue;
      for (int b = 0; b < 4; ++b)
        if (it->second & (1 << b)) longest_end[b] = static_cast<uint16_t>(i + k + 1);
    }
    for (int b = 0; b < 4; ++b) {
      if (!longest_end[b]) continue;
      (*flags)[i] |= uint16_t(1 << b);
      for (size_t j = i + 1; j < longest_end[b]; ++j)
        (*flags)[j] |= uint16_t((1 << b) << kInsideShift);
    }
  }
}

}  // namespace newsloom
