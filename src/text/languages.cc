#include "text/languages.h"

#include <algorithm>
#include <iterator>

namespace newsloom {
namespace {

// Sorted by code. Snowball names are those of libstemmer 2.2
// (sb_stemmer_list()); languages_test.cc checks that each one loads.
constexpr LanguageProfile kProfiles[] = {
    {"ar", "arabic", ""},
    {"ca", "catalan", "d l m n s t"},
    {"da", "danish", ""},
    {"de", "german", ""},
    {"el", "greek", ""},
    {"en", "english", ""},
    {"es", "spanish", ""},
    {"eu", "basque", ""},
    {"fi", "finnish", ""},
    {"fr", "french", "c d j l m n qu s t jusqu lorsqu puisqu quoiqu"},
    {"ga", "irish", ""},
    {"hi", "hindi", ""},
    {"hu", "hungarian", ""},
    {"hy", "armenian", ""},
    {"id", "indonesian", ""},
    {"it", "italian",
     "c l d m n s t v un all dall dell nell sull coll pell quell quest"},
    {"lt", "lithuanian", ""},
    {"ne", "nepali", ""},
    {"nl", "dutch", ""},
    {"no", "norwegian", ""},
    {"pt", "portuguese", ""},
    {"ro", "romanian", ""},
    {"ru", "russian", ""},
    {"sr", "serbian", ""},
    {"sv", "swedish", ""},
    {"ta", "tamil", ""},
    {"tr", "turkish", ""},
    {"yi", "yiddish", ""},
};

}  // namespace

const LanguageProfile* FindLanguageProfile(std::string_view code) {
  if (code == "nb" || code == "nn") code = "no";
  const auto* end = std::end(kProfiles);
  const auto* it = std::lower_bound(
      std::begin(kProfiles), end, code,
      [](const LanguageProfile& p, std::string_view c) { return p.code < c; });
  return (it != end && it->code == code) ? it : nullptr;
}

std::vector<std::string_view> StemmerLanguages() {
  std::vector<std::string_view> codes;
  for (const LanguageProfile& p : kProfiles) {
    if (!p.snowball.empty()) codes.push_back(p.code);
  }
  return codes;
}

bool IsElision(const LanguageProfile& profile, std::string_view word) {
  std::string_view list = profile.elisions;
  while (!list.empty()) {
    const size_t space = list.find(' ');
    if (list.substr(0, space) == word) return true;
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace newsloom
