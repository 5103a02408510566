#include "text/stop_words.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "text/normalize.h"
#include "text/stop_words_data.h"

namespace newsloom {
namespace {

using StopWordMap = std::map<std::string, std::unique_ptr<StopWordSet>,
                             std::less<>>;

std::unique_ptr<StopWordSet> BuildSet(const StopWordSource& source) {
  std::vector<std::string> words(source.count);
  for (size_t i = 0; i < source.count; ++i) {
    NormalizeWord(source.words[i], &words[i]);
  }
  return std::make_unique<StopWordSet>(std::move(words));
}

// All lists, normalised once (thread-safe static initialisation).
const StopWordMap& AllStopWords() {
  static const StopWordMap* const map = [] {
    auto* m = new StopWordMap;
    for (size_t i = 0; i < kStopWordSourceCount; ++i) {
      (*m)[kStopWordSources[i].lang] = BuildSet(kStopWordSources[i]);
    }
    return m;
  }();
  return *map;
}

}  // namespace

StopWordSet::StopWordSet(std::vector<std::string> words)
    : words_(std::make_move_iterator(words.begin()),
             std::make_move_iterator(words.end())) {}

const StopWordSet* FindStopWords(std::string_view lang) {
  if (lang == "nb" || lang == "nn") lang = "no";
  const StopWordMap& all = AllStopWords();
  const auto it = all.find(lang);
  return it == all.end() ? nullptr : it->second.get();
}

bool IsStopWord(std::string_view lang, std::string_view norm) {
  const StopWordSet* set = FindStopWords(lang);
  return set != nullptr && set->Contains(norm);
}

bool CapitalisesNouns(std::string_view lang) { return lang == "de"; }

bool MarksNoun(std::string_view lang, std::string_view norm) {
  static constexpr std::string_view kGerman[] = {
      "am",    "ans",    "beim",   "das",    "dem",    "den",    "der",
      "des",   "die",    "diese",  "diesem", "diesen", "dieser", "dieses",
      "ein",   "eine",   "einem",  "einen",  "einer",  "eines",  "im",
      "ins",   "jede",   "jedem",  "jeden",  "jeder",  "jedes",  "kein",
      "keine", "keinem", "keinen", "keiner", "keines", "vom",    "zum",
      "zur",
  };
  static_assert(std::is_sorted(std::begin(kGerman), std::end(kGerman)));
  return CapitalisesNouns(lang) &&
         std::binary_search(std::begin(kGerman), std::end(kGerman), norm);
}

std::vector<std::string_view> StopWordLanguages() {
  std::vector<std::string_view> langs;
  for (const auto& [lang, set] : AllStopWords()) langs.push_back(lang);
  return langs;  // std::map iterates in sorted order
}

}  // namespace newsloom
