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
// Parsing a dictionary stems every headword and translation: about three
// seconds for the 500,000 German headwords, most of a second for Finnish or
// Polish. So each parsed table is kept in a cache file (DefaultCacheDir())
// and later processes read that instead, some thirty times faster. A cache
// file names the dictionary files' sizes and modification times, and holds
// a sample of words with the stems they had: when the package is upgraded
// or the stemming changes, the sample no longer matches and the table is
// parsed again and the file rewritten. Cache files are written to a
// temporary name and renamed, so concurrent processes never read half a
// file; a cache folder that cannot be written only means parsing each time.
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
  // Reads dictionaries from `dir` (DefaultDir() when empty) and keeps their
  // parsed tables in `cache_dir` (DefaultCacheDir() when empty; "none": no
  // cache).
  explicit ConceptDictionary(std::string dir = "", std::string cache_dir = "");
  ~ConceptDictionary();
  ConceptDictionary(const ConceptDictionary&) = delete;
  ConceptDictionary& operator=(const ConceptDictionary&) = delete;

  // $NEWSLOOM_DICT_DIR when set, else /usr/share/dictd.
  static std::string DefaultDir();
  // $NEWSLOOM_CACHE_DIR when set ("none" turns the cache off), else
  // $XDG_CACHE_HOME/newsloom, else $HOME/.cache/newsloom; "none" without
  // any of them.
  static std::string DefaultCacheDir();

  // The concepts of `term`, a stem of language `lang` (ISO 639-1) as
  // Analyzer gives it; empty when the language has no dictionary, is
  // English, or the word is not in it. The first call for a language loads
  // its dictionary (from the cache: milliseconds, a tenth of a second for
  // German). The reference is valid until the next call.
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

  // Reads the text of a cache file made for the dictionary files whose
  // identity line is `key` into *out. False, with *out untouched, unless
  // the text is whole, well formed, for `key`, and its sample of stems is
  // what this build's analyzer gives. For the loader, tests and fuzzing.
  bool ParseCache(std::string_view text, std::string_view key, Table* out);

  // How the last table that For() loaded was got: parsed from the
  // dictionary, read from the cache, or neither (no dictionary). For tests.
  enum class Source { kNone, kParsed, kCached };
  Source last_source() const { return last_source_; }

 private:
  // A word and the stem Parse gave it: cache files carry a sample of them.
  struct StemSample {
    std::string lang, text, stem;
  };
  Table& For(std::string_view lang);
  // The one content-word stem `text` holds in `lang`, or "".
  std::string OneStem(std::string_view text, std::string_view lang);
  // The cache file of the dictionary files whose identity (sizes, times,
  // lang, direction) is `key`, read into `out` when valid (ParseCache).
  bool ReadCache(const std::string& path, const std::string& key, Table* out);
  void WriteCache(const std::string& path, const std::string& key,
                  const Table& table) const;

  std::string dir_;
  std::string cache_dir_;
  Source last_source_ = Source::kNone;
  std::vector<StemSample> samples_;  // filled by Parse
  std::unique_ptr<Analyzer> analyzer_;
  std::unordered_map<std::string, Table> tables_;
  std::string last_lang_;
  Table* last_table_ = nullptr;
};

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_CONCEPTS_H_
