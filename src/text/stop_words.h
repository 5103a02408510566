// Stop words: the function words of a language ("the", "og", "und").
//
// The lists are Snowball's, as Debian ships them in liblingua-stopwords-perl,
// turned into C++ tables at build time by gen_stopwords.pl (see
// CMakeLists.txt) for: da de en es fi fr hu id it nl no pt ro ru sv.
// Every entry is put through NormalizeWord() when the tables are first used,
// so lookups take a word in normal form (normalize.h): German "daß" is
// stored as "dass", English "it's" also matches "it’s".
//
// Other languages have no stop words: IsStopWord() returns false and
// FindStopWords() returns nullptr. Known quirks of the source lists: a few
// entries can never equal a single token (Hungarian "ill.", Romanian "s-ar"),
// and Romanian entries use cedilla ş/ţ, not comma-below ș/ț.
//
// Thread safety: all functions are thread-safe; the tables are built once,
// on first use, and never change.
#ifndef NEWSLOOM_TEXT_STOP_WORDS_H_
#define NEWSLOOM_TEXT_STOP_WORDS_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsloom {

// The stop words of one language, in normal form.
class StopWordSet {
 public:
  explicit StopWordSet(std::vector<std::string> words);

  // True when `norm` (a word in normal form) is in the set.
  bool Contains(std::string_view norm) const {
    return words_.find(norm) != words_.end();
  }

  size_t size() const { return words_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
};

// The stop words of `lang` (ISO 639-1; "nb"/"nn" mean "no"), or nullptr when
// there is no list for it. The pointer stays valid for the whole program.
const StopWordSet* FindStopWords(std::string_view lang);

// True when `norm` (normal form, see normalize.h) is a stop word of `lang`.
// Always false for languages without a list.
bool IsStopWord(std::string_view lang, std::string_view norm);

// Whether `lang` capitalises every noun (German), so that a capital letter
// is no sign of a name there.
bool CapitalisesNouns(std::string_view lang);

// True when `norm` is an article or determiner of a language that
// CapitalisesNouns ("der", "eine", "zum", "keine"): the first capitalised
// word after it, lower-case words (adjectives) between, is a noun ("die
// Regierung", "den französischen Präsidenten") unless it is an acronym or
// names a place ("die Ukraine", "die USA", "die CDU"). A hand-made closed
// class, as a language's articles are. False for other languages.
bool MarksNoun(std::string_view lang, std::string_view norm);

// Follows a text's words in order and says which capitalised word comes
// first after a MarksNoun article, lower-case words and numbers between,
// in one sentence: in German, a noun ("die Regierung", "den französischen
// Präsidenten") unless the caller knows it for a name on other grounds (an
// acronym, a place, the first of several capitalised words: "die CDU",
// "die Ukraine", "die Deutsche Bank"). Never true in other languages.
//   ArticleNouns nouns(lang);
//   for (const Token& t : tokens)
//     if (nouns.AfterArticle(t.norm, t.is_capitalized, t.sentence)) ...
class ArticleNouns {
 public:
  explicit ArticleNouns(std::string_view lang)
      : lang_(lang), on_(CapitalisesNouns(lang)) {}
  // The next word: its normal form, whether it is capitalised, its
  // sentence. True when it is a capitalised word right after an article.
  bool AfterArticle(std::string_view norm, bool capitalised, size_t sentence) {
    if (!on_) return false;
    if (sentence != sentence_) after_article_ = false;
    if (MarksNoun(lang_, norm)) {
      after_article_ = true;
      sentence_ = sentence;
      return false;
    }
    if (!capitalised) return false;
    const bool after = after_article_;
    after_article_ = false;
    return after;
  }
  // Punctuation between two words ends the article's phrase.
  void Break() { after_article_ = false; }

 private:
  std::string_view lang_;
  bool on_;
  bool after_article_ = false;
  size_t sentence_ = 0;
};

// ISO codes of all languages with a stop-word list, sorted.
std::vector<std::string_view> StopWordLanguages();

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_STOP_WORDS_H_
