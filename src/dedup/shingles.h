// Words and shingles for duplicate detection.
//
// Two copies of one article should give the same words whatever their
// typography, so a word here is a run of letters, digits and marks,
// normalised by NormalizeWord() (text/normalize.h: NFKC, case folding), and
// everything else separates words: punctuation and quotes of any style,
// white space, symbols, emoji. "New Year’s Eve" and "new year's eve" give
// the same four words (new, year, s, eve). Scripts written without spaces
// (Han, kana, Thai, Lao, Khmer, Myanmar: Unicode line-break classes ID and
// SA) give one word per character, with its combining marks.
//
// Why not the Analyzer (text/analyzer.h)? Duplicate detection needs neither
// sentences, stems nor stop words, and must run at tens of thousands of
// articles a second: the Analyzer reads text through ICU's segmentation at
// 39 MB/s (analyzer.h), and typographic English (curly quotes) never takes
// its ASCII fast path, while this scanner reads ASCII bytes from a table and
// asks ICU only about non-ASCII characters and words (NormalizeWord()):
// words, shingles and signature together run at 122 MB/s
// (bench/dedup_bench.cc, six languages).
//
// A shingle is shingle_words consecutive words (an article of fewer words
// has one shingle: all of them); articles are compared by their sets of
// shingle hashes (64-bit XXH3 of the words' hashes).
//
// Thread safety: a WordHasher is thread-compatible (it owns buffers); the
// functions are thread-safe.
#ifndef NEWSLOOM_DEDUP_SHINGLES_H_
#define NEWSLOOM_DEDUP_SHINGLES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsloom {

class WordHasher {
 public:
  // Appends the 64-bit hash (XXH3 of the normalised word) of every word of
  // `text`, in order, to `*out`, stopping once `*out` holds `max_words`.
  // Any bytes are accepted: ill-formed UTF-8 separates words.
  // Cost: linear in the bytes read; ICU is asked only about non-ASCII.
  void Append(std::string_view text, size_t max_words,
              std::vector<uint64_t>* out);

  // The normalised words of `text`, for tests and people.
  std::vector<std::string> Words(std::string_view text);

 private:
  template <typename Sink>
  void Scan(std::string_view text, size_t max_words, Sink&& sink);

  std::string word_, norm_;
};

// The hash of one normalised word, as WordHasher computes it.
uint64_t HashWord(std::string_view normalised_word);

// Sets `*out` to the hashes of the shingles of `words`, in text order,
// repeats included: each run of `shingle_words` consecutive words, or one
// shingle of every word when there are fewer (none when `words` is empty).
// REQUIRES: shingle_words >= 1.
void ShingleHashesInOrder(std::span<const uint64_t> words, size_t shingle_words,
                          std::vector<uint64_t>* out);

// The same hashes sorted and distinct: the shingle set.
void ShingleHashes(std::span<const uint64_t> words, size_t shingle_words,
                   std::vector<uint64_t>* out);

// The number of distinct values in `hashes`, counted in a hash table held in
// `*table` (reused between calls); the oracle is ShingleHashes()' size.
size_t CountDistinct(std::span<const uint64_t> hashes,
                     std::vector<uint64_t>* table);

// A hash of the whole word sequence: equal for texts with the same words in
// the same order (up to 64-bit collisions).
uint64_t SequenceHash(std::span<const uint64_t> words);

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_SHINGLES_H_
