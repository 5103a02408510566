#include "ner/titles.h"

#include <algorithm>
#include <string>
#include <vector>

#include "ner/features.h"

namespace newsloom {
namespace {

// Titles and honorifics, lower case, without a final period. Kept small on
// purpose (the issue allows short documented lists of titles): words that
// precede a person's name in news and are not part of it.
struct TitleList {
  const char* lang;
  std::vector<std::string_view> words;
};

const std::vector<TitleList>& Titles() {
  static const auto* lists = new std::vector<TitleList>{
      {"en", {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord",
              "president", "prime", "minister", "chancellor", "secretary",
              "general", "foreign", "defence", "defense", "king", "queen",
              "prince", "princess", "pope", "senator", "rep", "gov", "governor",
              "mayor", "premier", "spokesman", "spokeswoman", "spokesperson",
              "leader", "ceo", "chairman", "judge", "gen", "col", "capt",
              "lt", "sgt", "rev", "st"}},
      {"da", {"hr", "fru", "frk", "dr", "prof", "præsident", "præsidenten",
              "statsminister", "statsministeren", "minister", "ministeren",
              "udenrigsminister", "udenrigsministeren", "kansler", "kongen",
              "dronning", "kronprins", "prins", "prinsesse", "borgmester",
              "formand", "generalsekretær", "direktør"}},
      {"es", {"sr", "sra", "srta", "d", "dña", "don", "doña", "dr", "dra",
              "presidente", "presidenta", "ministro", "ministra", "canciller",
              "rey", "reina", "príncipe", "papa", "general", "alcalde",
              "alcaldesa", "secretario", "secretaria"}},
      {"nl", {"dhr", "mevr", "mw", "dr", "prof", "drs", "ir", "mr",
              "president", "premier", "minister", "koning", "koningin",
              "prins", "prinses", "burgemeester", "kanselier", "paus"}},
      {"de", {"herr", "frau", "dr", "prof", "präsident", "präsidentin",
              "kanzler", "kanzlerin", "minister", "ministerin", "bundeskanzler",
              "bundeskanzlerin", "außenminister", "außenministerin",
              // their inflected forms ("den Präsidenten", "des Kanzlers")
              "präsidenten", "herrn", "kanzlers", "ministers", "bundeskanzlers",
              "außenministers"}},
      {"fr", {"m", "mme", "mlle", "dr", "président", "présidente", "ministre",
              "premier", "roi", "reine", "général"}},
      {"pl", {"pan", "pani", "premier", "prezydent", "prezydenta", "minister",
              "ministra", "kanclerz", "papież", "generał"}},
      {"ru", {"президент", "президента", "премьер", "министр", "канцлер",
              "господин", "госпожа", "генерал"}},
      {"uk", {"президент", "президента", "прем'єр", "міністр", "канцлер",
              "пан", "пані", "генерал"}},
      {"sv", {"herr", "fru", "dr", "statsminister", "statsministern",
              "president", "presidenten", "minister", "kung", "drottning"}},
  };
  return *lists;
}

}  // namespace

bool IsTitleWord(std::string_view word, std::string_view lang) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.empty()) return false;
  WordInfo info;
  DescribeWord(word, &info);
  const std::string& l = info.lower;
  for (const TitleList& list : Titles()) {
    if (list.lang != lang && std::string_view(list.lang) != "en") continue;
    if (std::find(list.words.begin(), list.words.end(), l) != list.words.end()) return true;
  }
  return false;
}

}  // namespace newsloom
