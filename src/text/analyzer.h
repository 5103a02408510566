// Analyzer: splits an article into sentences and word tokens, normalises,
// marks stop words and stems, keeping byte offsets into the original text.
//
//   Analyzer analyzer;                 // one per thread
//   AnalyzedText out;                  // reuse across articles
//   analyzer.Analyze(article.text, article.lang, &out);
//   for (const Token& t : out.tokens)
//     if (!t.is_stop) index.Add(t.term, t.begin);
//
// Segmentation is ICU's (UAX #29 with ICU's dictionaries), run directly on
// the UTF-8 bytes (utext_openUTF8), so every boundary is a byte offset;
// hand-written copies of ICU's rules give the same boundaries faster
// (ascii_words.h for ASCII words, sentence_breaks.h for sentences):
//
//  * Sentences: ICU sentence breaks with the language's abbreviation list
//    where ICU has one ("en@ss=standard": no break in "Mr. Macron"; "und"
//    uses English's). Every line break ends a sentence (UAX #29 rule SB4),
//    so a headline line without final punctuation never merges with the next
//    line; the flip side is that hard-wrapped text splits at each line end.
//    Sentences exclude leading and trailing white space; white-space-only
//    pieces are dropped. So sentences are in order, do not overlap, and only
//    white space lies between and around them.
//  * Tokens: ICU word segments whose rule status is not UBRK_WORD_NONE:
//    letters, digits, ideographs, kana, Thai/Lao/Khmer/Burmese words (from
//    dictionaries), and words with inner apostrophes or periods ("don't",
//    "U.S", "3.5"). No spaces, punctuation or emoji. For languages with
//    elision (fr, it, ca; see languages.h) a leading elided article is
//    split off at the apostrophe: "l'homme" -> "l" + "homme".
//
// Thread safety: thread-compatible. An Analyzer caches ICU break iterators
// and Snowball stemmers (neither is thread-safe), so use one per thread.
#ifndef NEWSLOOM_TEXT_ANALYZER_H_
#define NEWSLOOM_TEXT_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsloom {

// A sentence: bytes [begin, end) of the analysed string.
struct Sentence {
  uint32_t begin = 0, end = 0;
};

struct Token {
  // Bytes [begin, end) of the analysed string: the original surface form,
  // not the normalised one.
  uint32_t begin = 0, end = 0;

  // Index into AnalyzedText::sentences of the sentence holding `begin`.
  uint32_t sentence = 0;

  // NormalizeWord() of the surface (normalize.h): NFKC + full case folding,
  // default ignorables removed, apostrophes unified. May differ in length
  // from the surface ("ﬁ" -> "fi", "ß" -> "ss").
  std::string norm;

  // Snowball stem of `norm` for the language; equal to `norm` when the
  // language has no stemmer, or the surface has no letter, or has anything
  // but letters, marks, format characters and apostrophes (digits, periods,
  // underscores: "3.5", "U.S", "covid19" stay as they are).
  std::string term;

  bool is_stop = false;          // `norm` is a stop word of the language
  bool is_number = false;        // the surface contains a decimal digit (Nd)
  bool is_capitalized = false;   // first code point is Lu or Lt (original)
  bool sentence_initial = false; // first token of its sentence
};

// Shortest term, in bytes, that counts as a content word.
inline constexpr size_t kMinContentWordBytes = 2;

// A word that says what a text is about: not a stop word, not a number, and
// at least kMinContentWordBytes long. The clustering features and the batch
// reference both use this rule.
inline bool IsContentWord(const Token& t) {
  return !t.is_stop && !t.is_number && t.term.size() >= kMinContentWordBytes;
}

struct AnalyzedText {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;  // word tokens only, in text order

  // Empties both vectors, keeping their capacity.
  void Clear();
};

struct AnalyzerOptions {
  // Parameters that affect performance:
  // Tokens whose normal form is longer than this are not stemmed (term ==
  // norm): no real word is this long, and Snowball's cost grows with it.
  size_t max_stem_bytes = 128;

  // Words remembered per language (norm -> term, stop flag); when full,
  // the cache is emptied and refilled. 0 disables caching.
  size_t stem_cache_entries = 1 << 16;

  // Hand-written copies of ICU's rules instead of ICU's break iterators
  // (false forces ICU: the tests' oracle); both give the same sentences and
  // tokens, tested against ICU:
  //  * Words: ASCII stretches of the text (between white space) are
  //    segmented by AsciiWords (ascii_words.h), the rest by ICU; BM_Analyze
  //    on ASCII articles went from 39 to 74 MB/s.
  //  * Sentences: SentenceBreaks (sentence_breaks.h) for valid UTF-8 in
  //    languages with ICU's root sentence rules (all but Greek); the ICU
  //    sentence iterator had been 14% of `newsloom eval` on gva-dev.
  bool ascii_fast_path = true;
};

class Analyzer {
 public:
  Analyzer();
  explicit Analyzer(AnalyzerOptions options);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Segments `text` into sentences and word tokens with byte offsets,
  // normalises them, marks stop words and stems according to `lang` (ISO
  // 639-1, or "und"/anything unknown: no stop words, no stemming).
  // Clears `*out` first and reuses its buffers.
  // REQUIRES: `text` is valid UTF-8 (ill-formed bytes do not crash; they
  // read as U+FFFD and end up in tokens as such). Only the first 4 GiB of
  // `text` are analysed (offsets are 32-bit).
  // Cost: linear in text size; the first call per language also loads that
  // language's ICU sentence rules and stemmer.
  void Analyze(std::string_view text, std::string_view lang,
               AnalyzedText* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_ANALYZER_H_
