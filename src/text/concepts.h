// English concepts for the content words of other languages, from the
// bilingual dictionaries Debian ships as FreeDict packages
// (dict-freedict-<src>-<dst>, dictd format in /usr/share/dictd): "våben"
// (da) and "armes" (fr) both give "weapon", so articles in different
// languages about one happening share words the clusterer can compare.
//
// Concepts are English stems as Analyzer gives them for "en": an English
// article's own content words are its concepts. A language's table comes
// from freedict-<iso3>-eng when installed, else from freedict-eng-<iso3>
// read backwards (English headword, translations in the language). Each
// one-word headword (stemmed as Analyzer does for the language) maps to the
// one-word translations of its entry (stemmed as English, stop words out),
// at most kMaxConceptsPerTerm, first senses first. Multi-word headwords and
// translations are left out: tokens are single words. No dictionary, no
// concepts: Chinese has none in Debian, nor has English need of one.
//
// Nothing is copied into the repository: the packages are read where they
// are installed (scripts/setup.sh installs them), or from the folder in
// $NEWSLOOM_DICT_DIR. A missing or broken file means no concepts for that
// language, never an error for the article.
//
// Thread safety: thread-compatible; tables load lazily per language.
#ifndef NEWSLOOM_TEXT_CONCEPTS_H_
#define NEWSLOOM_TEXT_CONCEPTS_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/flat_string_map.h"

namespace newsloom {

class Analyzer;

// Translations kept per headword: the first senses (dictionaries list the
// common meaning first; later ones drift: "våben" -> weapon, arms, ...).
inline constexpr size_t kMaxConceptsPerTerm = 3;

class ConceptDictionary {
 public:
  // Reads dictionaries from `dir` (DefaultDir() when empty).
  explicit ConceptDictionary(std::string dir = "");
  ~ConceptDictionary();
  ConceptDictionary(const ConceptDictionary&) = delete;
  ConceptDictionary& operator=(const ConceptDictionary&) = delete;

  // $NEWSLOOM_DICT_DIR when set, else /usr/share/dictd.
  static std::string DefaultDir();

  // The concepts of `term`, a stem of language `lang` (ISO 639-1) as
  // Analyzer gives it; empty when the language has no dictionary, is
  // English, or the word is not in it. The first call for a language loads
  // its dictionary (milliseconds for most; about two seconds for the
  // 500,000 German headwords). The reference is valid until the next call.
  const std::vector<std::string>& Concepts(std::string_view term,
                                           std::string_view lang);

  // Headwords loaded for `lang` (loads it); 0 without a dictionary.
  size_t Size(std::string_view lang);

  // Parses one dictionary given as the texts of its .index and (unpacked)
  // .dict files into headword stem -> concepts. `inverted`: an English to
  // `lang` dictionary, read backwards. For tests and the loader.
  using Table = FlatStringMap<std::vector<std::string>>;
  void Parse(std::string_view index, std::string_view dict,
             std::string_view lang, bool inverted, Table* out);

 private:
  Table& For(std::string_view lang);
  // The one content-word stem `text` holds in `lang`, or "".
  std::string OneStem(std::string_view text, std::string_view lang);

  std::string dir_;
  std::unique_ptr<Analyzer> analyzer_;
  std::unordered_map<std::string, Table> tables_;
  std::string last_lang_;
  Table* last_table_ = nullptr;
};

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_CONCEPTS_H_
