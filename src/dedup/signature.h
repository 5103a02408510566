// The MinHash signature of an article, and what two signatures say about
// the articles' similarity.
//
//   SignatureMaker maker(options);            // one per thread; reuse it
//   Signature a, b;
//   maker.Make(x.title, x.text, &a);
//   maker.Make(y.title, y.text, &b);
//   double j = EstimateJaccard(a.sketch, b.sketch);
//
// The article is its headline followed by its text, cut into words and
// shingles (shingles.h); its signature is a one-permutation MinHash (Li,
// Owen & Zhang, "One Permutation Hashing", NIPS 2012): every shingle hash
// falls into one of `bins` bins by its high bits and each bin keeps the
// smallest low 32 bits it received. Bins left empty (short articles) borrow
// the value of a non-empty bin chosen by a fixed pseudo-random probe
// sequence ("optimal densification", Shrivastava, ICML 2017), so that for
// two articles every bin agrees with probability equal to the Jaccard
// similarity of their shingle sets, as with `bins` independent
// permutations, at the cost of one hash per shingle instead of `bins`.
//
// The index keeps only the low 8 bits of each bin (the sketch, b-bit
// minwise hashing, Li & Koenig, WWW 2010): two bins then agree with
// probability J + (1 - J) / 256, which EstimateJaccard corrects for.
//
// Thread safety: a SignatureMaker is thread-compatible; the functions are
// thread-safe.
#ifndef NEWSLOOM_DEDUP_SIGNATURE_H_
#define NEWSLOOM_DEDUP_SIGNATURE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dedup/options.h"
#include "dedup/shingles.h"

namespace newsloom {

// A 32-bit hash of an outlet's name, never 0; 0 for "" (none known).
uint32_t OutletHash(std::string_view outlet);

struct Signature {
  // Words of headline and text (up to DedupOptions::max_words).
  size_t words = 0;
  // Distinct shingles of the (capped) words.
  uint32_t shingles = 0;
  // SequenceHash() of every word of the headline and the text, uncapped:
  // equal for exact copies.
  uint64_t content_hash = 0;
  // One bit (hash mod 64) per distinct word of HeadlineProper(title):
  // HeadlineSimilarity().
  uint64_t headline_bits = 0;
  // OutletHash() of the article's outlet (groups.h SiteOrSourceOf); 0:
  // unknown.
  uint32_t outlet = 0;
  // DedupOptions::bins densified minima; empty when the article has no
  // word.
  std::vector<uint32_t> bins;
  // The low 8 bits of each bin.
  std::vector<uint8_t> sketch;

  bool empty() const { return bins.empty(); }
};

class SignatureMaker {
 public:
  // REQUIRES: options.bins >= 1, options.shingle_words >= 1.
  explicit SignatureMaker(const DedupOptions& options);

  // The signature of an article with headline `title` and body `text`
  // (either may be empty). An article without words gets an empty
  // signature. Reuses `*out`'s buffers.
  // Cost: linear in the text (up to max_words words), plus a sort of its
  // shingle hashes.
  void Make(std::string_view title, std::string_view text, Signature* out);

  // The sorted, distinct shingle hashes of the last Make(): what the
  // signature summarises (the oracle's input in tests). Computed on call.
  std::vector<uint64_t> shingles() const;

 private:
  DedupOptions options_;
  WordHasher hasher_;
  std::vector<uint64_t> words_, headline_words_;
  std::vector<uint64_t> shingles_;  // in text order, repeats included
  std::vector<uint64_t> distinct_table_;
  std::vector<uint8_t> filled_;
};

// The Jaccard similarity estimated from two sketches: the share of equal
// bytes, corrected for the 1/256 chance that different minima agree in
// their low 8 bits; clamped to [0, 1].
// REQUIRES: a.size() == b.size() > 0.
double EstimateJaccard(std::span<const uint8_t> a, std::span<const uint8_t> b);

// The share of the smaller set's elements that are in the larger one, for
// sets of `size_a` and `size_b` elements with Jaccard similarity `jaccard`:
// |A n B| = J (|A| + |B|) / (1 + J). Clamped to [0, 1]; 0 for an empty set.
double ContainmentFromJaccard(double jaccard, size_t size_a, size_t size_b);

// |A n B| for sets of these sizes and this Jaccard similarity.
double IntersectionFromJaccard(double jaccard, size_t size_a, size_t size_b);

// The headline without the site name many pages append to it: the text
// before the first " - ", " | ", " – " or " — " when at least three words
// precede it, else the whole title. Copies of one syndicated story carry
// their outlets' names ("... - WMC Action News 5 - Memphis, Tennessee",
// "... - WALB.com, South Georgia News"), which would make their headlines
// look unrelated.
std::string_view HeadlineProper(std::string_view title);

// The Jaccard similarity of two headlines' word sets, estimated from their
// 64-bit word masks (words that collide in a bit count as shared); 1 when
// both are empty.
double HeadlineSimilarity(uint64_t a, uint64_t b);

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_SIGNATURE_H_
