#include "dedup/shingles.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <array>

#include "text/normalize.h"

namespace newsloom {
namespace {

// ASCII bytes: 0 separates words, anything else is the byte lower-cased
// (letters and digits).
constexpr std::array<char, 128> kAsciiWordChars = [] {
  std::array<char, 128> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c - 'A' + 'a');
  return t;
}();

// Every byte: 0 ends an ASCII run (separators and bytes >= 0x80), 1 is a
// lower-case letter or digit, 2 an upper-case letter.
constexpr std::array<uint8_t, 256> kAsciiRunBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 128; ++c) {
    if (kAsciiWordChars[c] != 0) t[c] = c >= 'A' && c <= 'Z' ? 2 : 1;
  }
  return t;
}();

enum class CharKind {
  kSeparator,
  kWord,      // letters and digits of spaced scripts
  kMark,      // combining marks and invisible format characters: join
  kUnspaced,  // a letter of a script written without spaces: a word alone
};

constexpr UChar32 kZeroWidthSpace = 0x200B;

CharKind Classify(UChar32 c) {
  const uint32_t mask = U_MASK(u_charType(c));
  if (c == kZeroWidthSpace) return CharKind::kSeparator;
  if (mask & (U_GC_M_MASK | U_GC_CF_MASK)) return CharKind::kMark;
  if (!(mask & (U_GC_L_MASK | U_GC_N_MASK))) return CharKind::kSeparator;
  // Full-width Latin letters and digits are line-break class ID, but are
  // the compatibility forms of ASCII (NFKC maps them there).
  if (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_FULLWIDTH) {
    return CharKind::kWord;
  }
  switch (u_getIntPropertyValue(c, UCHAR_LINE_BREAK)) {
    case U_LB_IDEOGRAPHIC:
    case U_LB_COMPLEX_CONTEXT:
    case U_LB_CONDITIONAL_JAPANESE_STARTER:
      return CharKind::kUnspaced;
    default:
      return CharKind::kWord;
  }
}

}  // namespace

uint64_t HashWord(std::string_view normalised_word) {
  return XXH3_64bits(normalised_word.data(), normalised_word.size());
}

// Collects the bytes of one word in word_ (ASCII ones already lower-cased)
// and hands its normal form to `sink`, which returns false to stop.
template <typename Sink>
void WordHasher::Scan(std::string_view text, size_t max_words, Sink&& sink) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(
      std::min<size_t>(text.size(), static_cast<size_t>(INT32_MAX)));
  size_t words = 0;
  bool ascii = true;   // word_ holds only ASCII (already normal)
  bool alone = false;  // word_ is one unspaced character (and marks)
  bool stop = max_words == 0;
  word_.clear();  // a scan stopped at max_words may have left a word
  auto emit = [&](std::string_view w) {
    stop = !sink(w) || ++words >= max_words;
  };
  auto flush = [&] {
    if (word_.empty()) return;
    std::string_view w = word_;
    if (!ascii) {
      NormalizeWord(word_, &norm_);
      w = norm_;
    }
    if (!w.empty()) emit(w);
    word_.clear();
    ascii = true;
    alone = false;
  };
  for (int32_t i = 0; i < n && !stop;) {
    if (p[i] < 0x80) {
      if (kAsciiWordChars[p[i]] == 0) {
        flush();
        ++i;
        continue;
      }
      if (alone) flush();
      if (stop) break;
      // A run of ASCII letters and digits, taken whole.
      int32_t j = i;
      uint8_t kinds = 0;
      for (uint8_t k; j < n && (k = kAsciiRunBytes[p[j]]) != 0; ++j) kinds |= k;
      const size_t length = static_cast<size_t>(j - i);
      if (kinds == 1 && word_.empty() && (j == n || p[j] < 0x80)) {
        // The whole word, already lower case: hashed in place.
        emit(text.substr(static_cast<size_t>(i), length));
      } else {
        const size_t old = word_.size();
        word_.append(text.data() + i, length);
        for (size_t k = old; k < word_.size(); ++k) {
          word_[k] = kAsciiWordChars[static_cast<uint8_t>(word_[k])];
        }
      }
      i = j;
      continue;
    }
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const CharKind kind = c < 0 ? CharKind::kSeparator : Classify(c);
    if (kind == CharKind::kSeparator) {
      flush();
      continue;
    }
    if (kind == CharKind::kUnspaced || (kind == CharKind::kWord && alone)) {
      flush();
    }
    if (stop) break;
    word_.append(text.data() + begin, static_cast<size_t>(i - begin));
    ascii = false;
    alone |= kind == CharKind::kUnspaced;
  }
  if (!stop) flush();
}

void WordHasher::Append(std::string_view text, size_t max_words,
                        std::vector<uint64_t>* out) {
  if (out->size() >= max_words) return;
  Scan(text, max_words - out->size(), [out](std::string_view w) {
    out->push_back(HashWord(w));
    return true;
  });
}

std::vector<std::string> WordHasher::Words(std::string_view text) {
  std::vector<std::string> words;
  Scan(text, SIZE_MAX, [&words](std::string_view w) {
    words.emplace_back(w);
    return true;
  });
  return words;
}

void ShingleHashesInOrder(std::span<const uint64_t> words, size_t shingle_words,
                          std::vector<uint64_t>* out) {
  out->clear();
  if (words.empty()) return;
  const size_t k = std::min(shingle_words, words.size());
  const size_t count = words.size() - k + 1;
  out->resize(count);
  for (size_t i = 0; i < count; ++i) {
    (*out)[i] = XXH3_64bits(words.data() + i, k * sizeof(uint64_t));
  }
}

void ShingleHashes(std::span<const uint64_t> words, size_t shingle_words,
                   std::vector<uint64_t>* out) {
  ShingleHashesInOrder(words, shingle_words, out);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

// Sorting a 2 KB article's 300 shingles was a sixth of its signature's
// cost; a table twice their number, probed linearly, counts them in one
// pass. Hashes are already uniform: their low bits pick the slot. 0 marks
// an empty slot, so the value 0 is counted apart.
size_t CountDistinct(std::span<const uint64_t> hashes,
                     std::vector<uint64_t>* table) {
  size_t slots = 16;
  while (slots < 2 * hashes.size()) slots *= 2;
  table->assign(slots, 0);
  const size_t mask = slots - 1;
  size_t distinct = 0;
  bool zero = false;
  for (uint64_t h : hashes) {
    if (h == 0) {
      zero = true;
      continue;
    }
    size_t i = h & mask;
    while ((*table)[i] != 0 && (*table)[i] != h) i = (i + 1) & mask;
    if ((*table)[i] == 0) {
      (*table)[i] = h;
      ++distinct;
    }
  }
  return distinct + zero;
}

uint64_t SequenceHash(std::span<const uint64_t> words) {
  return XXH3_64bits(words.data(), words.size() * sizeof(uint64_t));
}

}  // namespace newsloom
