#include "dedup/signature.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <limits>

namespace newsloom {
namespace {

// Chance that two independent minima agree in their low 8 bits.
constexpr double kSketchCollision = 1.0 / 256;

// SplitMix64's finaliser: the probe sequence of densification.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Maps a 32-bit hash onto [0, n) without a division (Lemire's reduction).
size_t Reduce(uint32_t h, size_t n) {
  return static_cast<size_t>((static_cast<uint64_t>(h) * n) >> 32);
}

}  // namespace

uint32_t OutletHash(std::string_view outlet) {
  if (outlet.empty()) return 0;
  uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : outlet) h = (h ^ c) * 16777619u;
  return h == 0 ? 1 : h;
}

SignatureMaker::SignatureMaker(const DedupOptions& options)
    : options_(options) {
  assert(options.bins >= 1 && options.shingle_words >= 1);
}

void SignatureMaker::Make(std::string_view title, std::string_view text,
                          Signature* out) {
  const size_t max_words = options_.max_words;
  words_.clear();
  hasher_.Append(title, max_words, &words_);
  const size_t title_words = words_.size();
  hasher_.Append(text, max_words, &words_);

  out->words = words_.size();
  out->headline_bits = 0;
  const std::string_view headline = HeadlineProper(title);
  if (headline.size() == title.size()) {
    for (size_t i = 0; i < title_words; ++i) {
      out->headline_bits |= uint64_t{1} << (words_[i] & 63);
    }
  } else {
    headline_words_.clear();
    hasher_.Append(headline, max_words, &headline_words_);
    for (uint64_t w : headline_words_) {
      out->headline_bits |= uint64_t{1} << (w & 63);
    }
  }
  out->content_hash = SequenceHash(words_);
  if (words_.size() >= max_words) {
    // The words were cut: exact copies must agree in every byte as well.
    out->content_hash ^= XXH3_64bits_withSeed(
        text.data(), text.size(), XXH3_64bits(title.data(), title.size()));
  }

  // A repeated shingle only lowers a bin to the value it already has, so
  // the bins need no distinct set; only its size is counted.
  ShingleHashesInOrder(words_, options_.shingle_words, &shingles_);
  out->shingles =
      static_cast<uint32_t>(CountDistinct(shingles_, &distinct_table_));
  out->bins.clear();
  out->sketch.clear();
  if (shingles_.empty()) return;

  // One permutation: bin from the high half of the hash, value the low half.
  const size_t n = options_.bins;
  out->bins.assign(n, std::numeric_limits<uint32_t>::max());
  filled_.assign(n, 0);
  for (uint64_t h : shingles_) {
    const size_t b = Reduce(static_cast<uint32_t>(h >> 32), n);
    const uint32_t v = static_cast<uint32_t>(h);
    if (v < out->bins[b]) out->bins[b] = v;
    filled_[b] = 1;
  }
  // Densification: an empty bin takes the value of the first non-empty bin
  // on its own probe sequence, which depends on the bin alone, so two
  // articles probe alike. Values are read from filled bins only, never from
  // bins filled by borrowing.
  for (size_t b = 0; b < n; ++b) {
    if (filled_[b]) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      const size_t from =
          Reduce(static_cast<uint32_t>(Mix(b * 0x100000001ull + attempt)), n);
      if (filled_[from]) {
        out->bins[b] = out->bins[from];
        break;
      }
    }
  }
  // out->bins[b] for a borrowed bin was written after `from` was read, and
  // `from` is a filled bin, whose value never changes: order is irrelevant.
  out->sketch.resize(n);
  for (size_t b = 0; b < n; ++b) {
    out->sketch[b] = static_cast<uint8_t>(out->bins[b]);
  }
}

std::vector<uint64_t> SignatureMaker::shingles() const {
  std::vector<uint64_t> set = shingles_;
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

std::string_view HeadlineProper(std::string_view title) {
  constexpr std::string_view kSeparators[] = {" - ", " | ", " \xE2\x80\x93 ",
                                              " \xE2\x80\x94 "};
  constexpr int kMinWords = 3;
  size_t cut = std::string_view::npos;
  for (std::string_view sep : kSeparators) cut = std::min(cut, title.find(sep));
  if (cut == std::string_view::npos) return title;
  const std::string_view before = title.substr(0, cut);
  int words = 0;
  bool in_word = false;
  for (char c : before) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    words += !space && !in_word;
    in_word = !space;
  }
  return words >= kMinWords ? before : title;
}

double EstimateJaccard(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  assert(a.size() == b.size() && !a.empty());
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  const double share = static_cast<double>(equal) / a.size();
  const double j = (share - kSketchCollision) / (1 - kSketchCollision);
  return std::clamp(j, 0.0, 1.0);
}

double IntersectionFromJaccard(double jaccard, size_t size_a, size_t size_b) {
  return jaccard * static_cast<double>(size_a + size_b) / (1 + jaccard);
}

double ContainmentFromJaccard(double jaccard, size_t size_a, size_t size_b) {
  const size_t smaller = std::min(size_a, size_b);
  if (smaller == 0) return 0;
  return std::clamp(IntersectionFromJaccard(jaccard, size_a, size_b) / smaller,
                    0.0, 1.0);
}

double HeadlineSimilarity(uint64_t a, uint64_t b) {
  const int either = std::popcount(a | b);
  if (either == 0) return 1;
  return static_cast<double>(std::popcount(a & b)) / either;
}

}  // namespace newsloom
