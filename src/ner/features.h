// The tagger's features: what it looks at around each token.
//
// Every feature is a 32-bit hash of a template id and the strings or values
// it conjoins; the model (model.h) keeps weights only for hashes seen in
// training, so nothing here needs a vocabulary. Two hashes may collide;
// with a few hundred thousand features in a 2^32 space that happens to a
// handful and costs nothing measurable.
//
// Static features (one sentence at a time, Extract): the word as written,
// its lower-case form (digits -> 0), its shape ("Xxxx", "XX", "dd.d") and
// short shape (repeats collapsed: "Xx", "X", "d.d"), prefixes and suffixes
// of 1..4 code points, the lower-case words and shapes of the neighbours
// at -2..+2, the word bigrams with each neighbour, the short-shape trigram,
// sentence-initial and all-upper-case-sentence (headline) flags conjoined
// with the shape and the word, the length, the gazetteer (gazetteer.h)
// classes of the token, and what the spelling dictionary (lexicon.h) says
// of it (common word, name, or a stem of one; with its capitalisation and
// position; the name's affix classes) and of its neighbours.
//
// Dynamic features (AddDynamic, during decoding): the previous label, the
// previous two, the previous label with the word and with the shape, and
// the type this document last gave the same word (a name is usually tagged
// the same way throughout an article; Ratinov & Roth 2009's "extended
// prediction history").
//
// Thread safety: thread-compatible (Extract reuses internal buffers).
#ifndef NEWSLOOM_NER_FEATURES_H_
#define NEWSLOOM_NER_FEATURES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsloom {

class Gazetteer;
class Lexicon;

// Word-level facts the features and the recogniser share.
struct WordInfo {
  std::string lower;   // lower case, every decimal digit -> '0'
  std::string shape;   // X x d per code point, other characters kept
  uint32_t lower_hash = 0, shape_hash = 0, short_shape_hash = 0;
  bool capitalized = false;  // first code point upper or title case
  bool all_upper = false;    // has letters and none lower case
  bool has_letter = false;
};

// Fills `*info` for `word` (any bytes: ill-formed UTF-8 reads as U+FFFD).
void DescribeWord(std::string_view word, WordInfo* info);

// The hash WordInfo::lower_hash holds for the lower-case form `lower`.
uint32_t LowerHash(std::string_view lower);

struct SentenceFeatures {
  std::vector<WordInfo> words;
  std::vector<uint32_t> hashes;   // static features, token after token
  std::vector<uint32_t> offsets;  // token i: hashes[offsets[i], offsets[i+1])
  uint32_t domain = 0;            // see ExtractFeatures
  std::vector<bool> is_quote;     // token i is a double quotation mark

  std::span<const uint32_t> Of(size_t i) const {
    return {hashes.data() + offsets[i], hashes.data() + offsets[i + 1]};
  }
};

// What a whole document says about its words, gathered before tagging it:
// a word it also writes in lower case is probably a common word ("Today"
// opening a sentence), one it capitalises inside a sentence probably a name
// ("Morten" opening one). Features of capitalised words (below).
struct DocumentWords {
  std::unordered_set<uint32_t> lower;        // lower_hash of lower-case words
  std::unordered_set<uint32_t> capitalised;  // ... of capitalised non-initial words

  void Clear() {
    lower.clear();
    capitalised.clear();
  }
  // Notes one sentence of the document.
  void AddSentence(std::span<const std::string_view> words);
};

// The static features of one sentence's tokens. `gazetteer`, `lexicon`
// (the language's spelling dictionary, lexicon.h) and `document` may be
// null.
// With `domain` != 0 every feature also comes in a copy salted with it
// (Daumé 2007, "frustratingly easy domain adaptation"): a model trained on
// several languages learns what they share in the plain copies and what is
// particular to each in its salted ones (DomainOf(lang)).
// Clears `*out` first, reusing its buffers.
void ExtractFeatures(std::span<const std::string_view> words,
                     const Gazetteer* gazetteer, const Lexicon* lexicon,
                     const DocumentWords* document, SentenceFeatures* out,
                     uint32_t domain = 0);

// The domain salt of a language for ExtractFeatures: never 0.
uint32_t DomainOf(std::string_view lang);

// The copy of feature `hash` salted with `domain` (never 0).
uint32_t DomainFeature(uint32_t hash, uint32_t domain);

// A dynamic feature value for "no history".
inline constexpr int kNoHistory = -1;

// Appends the dynamic features of token `i` to `*out`: `prev` and `prev2`
// are the labels of tokens i-1 and i-2 (kOutside at the sentence start),
// `history` the entity type (as int) the document last gave this word or
// kNoHistory.
// `open_quote`: 1 when the mention token i would continue begins with a
// quotation mark, 2 when it follows one, else 0 (CoNLL-2002 Spanish counts quotes around a title as
// part of the name: `" Latin Look "` is one MISC).
void AddDynamicFeatures(const SentenceFeatures& s, size_t i, int prev,
                        int prev2, int history, int open_quote,
                        std::vector<uint32_t>* out);

}  // namespace newsloom

#endif  // NEWSLOOM_NER_FEATURES_H_
