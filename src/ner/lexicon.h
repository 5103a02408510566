// A language's spelling dictionary as tagger features: which words are
// common words and which are names, read from the hunspell dictionary
// Debian installs (/usr/share/hunspell/<lang>[_<REGION>].dic, packages
// hunspell-da, hunspell-es, ...; scripts/setup.sh), never from a list of
// our own.
//
// A hunspell .dic lists stems, one a line ("bil/3,24", "København/54,9"):
// a stem written in lower case is a common word, one written capitalised a
// name (or an abbreviation). In Danish and Spanish, which capitalise proper
// nouns only, that tells "Morten" from "Mange" opening a sentence; the
// affix flags after the slash are the dictionary's word classes (in
// da_DK.dic flag 54, the Nord-/Syd- prefixes, marks places) and become a
// feature too, so the model learns what each class means.
//
// Lookup(lower_hash) answers for an exact word (WordInfo::lower_hash);
// inflected forms are not in the list ("bilerne", "Københavns"), so
// Describe() also tries the word less its last 1..4 code points (a stem of
// at least 3) and says which way it matched.
//
// Thread safety: immutable after construction; lookups may run in parallel.
#ifndef NEWSLOOM_NER_LEXICON_H_
#define NEWSLOOM_NER_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner/features.h"

namespace newsloom {

class Lexicon {
 public:
  // What the dictionary says about a word.
  enum Class : uint8_t {
    kCommon = 1,  // listed in lower case
    kName = 2,    // listed capitalised or in capitals
  };
  struct Entry {
    uint8_t classes = 0;   // Class bits; 0: not listed
    uint32_t flags = 0;    // hash of the affix flags of its name (else
                           // common) entry; 0 when it has none
  };
  // How Describe() matched: exactly, or a stem of the word.
  struct Match {
    Entry entry;
    bool stem = false;
  };

  // The dictionary file of `lang` (ISO 639-1) under `dir`
  // ("" = /usr/share/hunspell): DIR/LANG.dic, else DIR/LANG_XX.dic for the
  // language's usual region (da_DK, en_US, es_ES...), else the first
  // DIR/LANG_*.dic by name; "" when there is none.
  static std::string FileFor(std::string_view lang, const std::string& dir = "");

  // The dictionary `file_name` ("da_DK.dic", as FileFor names it) in the
  // folder FileFor reads; "" for a name with a '/'.
  static std::string PathOf(std::string_view file_name);

  // Reads `path` (a hunspell .dic; its first line, the count, is skipped).
  // An unreadable file gives an empty lexicon (loaded() false).
  explicit Lexicon(const std::string& path);

  bool loaded() const { return size_ > 0; }
  size_t size() const { return size_; }

  // The entry of the word whose WordInfo::lower_hash is `lower_hash`.
  Entry Lookup(uint32_t lower_hash) const {
    if (size_ == 0) return Entry();
    const uint32_t key = lower_hash ? lower_hash : 1, mask = capacity_ - 1;
    for (uint32_t i = key & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.entry;
      if (s.key == 0) return Entry();
    }
  }

  // Hints the CPU to fetch the slot of `lower_hash` (the table is larger
  // than the caches: ExtractFeatures asks for a sentence's words at once).
  void Prefetch(uint32_t lower_hash) const {
    if (size_ == 0) return;
    __builtin_prefetch(&slots_[(lower_hash ? lower_hash : 1) & (capacity_ - 1)]);
  }

  // The entry of `word` (DescribeWord's output), else of its longest stem
  // (the word less 1..4 final code points, at least 3 left) that is listed.
  Match Describe(const WordInfo& word) const;

 private:
  void Insert(uint32_t key, const Entry& entry);
  void Grow();
  struct Slot {
    uint32_t key = 0;  // 0: empty (lower hashes of 0 are stored as 1)
    Entry entry;
  };
  uint32_t capacity_ = 0;
  size_t size_ = 0;
  std::vector<Slot> slots_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_NER_LEXICON_H_
