#include "ner/features.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "ner/gazetteer.h"
#include "ner/labels.h"
#include "ner/lexicon.h"

namespace newsloom {
namespace {

// Feature templates. The numbers are part of the model format: renumbering
// one silently breaks every model trained before (bump kModelVersion).
enum Template : uint32_t {
  kBias = 1, kWord, kLower, kShape, kShortShape, kPrefix, kSuffix = kPrefix + 4,
  kLowerAt = kSuffix + 4,       // + offset index (5 slots, 0 unused)
  kShapeAt = kLowerAt + 5,      // + offset index
  kBigramLeft = kShapeAt + 5, kBigramRight, kShapeTrigram, kInitialShape,
  kInitialLower, kHeadlineLower, kLength, kGazetteer, kGazetteerLeft,
  kGazetteerRight, kUpperNext, kCapsPattern, kWindowBag, kSuffixAt,
  kTrigram, kDocumentEvidence, kQuoted, kQuoteSpan, kLexicon, kLexiconFlags,
  kLexiconAt,
  kPrev = 64, kPrev2, kPrevLower, kPrevShape, kHistory, kHistoryShape,
  kPrevNext, kQuoteEntity,
};

uint64_t Fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

uint32_t Mix(uint64_t x) {  // MurmurHash3's fmix64, folded to 32 bits
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return static_cast<uint32_t>(x ^ (x >> 32));
}

uint32_t F(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint32_t h = Mix((uint64_t(tmpl) << 48) ^ a ^ (b * 0x9E3779B97F4A7C15ULL) ^
                   (c * 0xC2B2AE3D27D4EB4FULL));
  return h ? h : 1;  // 0 marks an empty slot in the model's table
}

char ShapeChar(UChar32 c) {
  if (u_isdigit(c)) return 'd';
  if (u_isupper(c) || u_istitle(c)) return 'X';
  if (u_isalpha(c)) return 'x';
  return 0;
}

// Sentinel hashes for positions outside the sentence.
constexpr uint64_t kBeforeStart = 0x5354415254ULL, kAfterEnd = 0x454E44ULL;

}  // namespace

uint32_t LowerHash(std::string_view lower) { return Mix(Fnv(lower)); }

void DescribeWord(std::string_view word, WordInfo* info) {
  info->lower.clear();
  info->shape.clear();
  info->capitalized = info->all_upper = info->has_letter = false;
  bool any_lower = false;
  std::string short_shape;
  int32_t i = 0, n = static_cast<int32_t>(word.size());
  bool first = true;
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(word[i]);
    UChar32 c;
    if (b < 0x80) {
      c = b;
      ++i;
    } else {
      U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, n, c);
      if (c < 0) c = 0xFFFD;
    }
    char s = ShapeChar(c);
    if (s == 'X' || s == 'x') info->has_letter = true;
    if (s == 'x') any_lower = true;
    if (first) info->capitalized = (s == 'X');
    first = false;
    // Lower case (digits -> 0), appended as UTF-8.
    UChar32 l = s == 'd' ? '0' : (s == 'X' ? u_tolower(c) : c);
    if (l < 0x80) {
      info->lower.push_back(static_cast<char>(l));
    } else {
      char buf[4];
      int32_t len = 0;
      UBool err = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, l, err);
      (void)err;  // 4 bytes always hold one code point
      info->lower.append(buf, len);
    }
    char sc = s ? s : (c < 0x80 ? static_cast<char>(c) : '*');
    info->shape.push_back(sc);
    if (short_shape.empty() || short_shape.back() != sc) short_shape.push_back(sc);
  }
  info->all_upper = info->has_letter && !any_lower;
  info->lower_hash = LowerHash(info->lower);
  info->shape_hash = Mix(Fnv(info->shape) ^ 0x7368617065ULL);
  info->short_shape_hash = Mix(Fnv(short_shape) ^ 0x73686f7274ULL);
}

namespace {

// Code point boundaries from the start of `s`, at most `max` of them.
std::string_view PrefixCodePoints(std::string_view s, int k) {
  size_t i = 0;
  for (int n = 0; n < k && i < s.size(); ++n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
      ++i;
  }
  return s.substr(0, i);
}

std::string_view SuffixCodePoints(std::string_view s, int k) {
  size_t i = s.size();
  for (int n = 0; n < k && i > 0; ++n) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return s.substr(i);
}

}  // namespace

uint32_t DomainOf(std::string_view lang) {
  uint32_t h = Mix(Fnv(lang) ^ 0x646f6d61696eULL);
  return h ? h : 1;
}

namespace {

void AddDomainCopies(uint32_t domain, size_t from, std::vector<uint32_t>* h) {
  if (domain == 0) return;
  size_t to = h->size();
  for (size_t k = from; k < to; ++k) h->push_back(DomainFeature((*h)[k], domain));
}

}  // namespace

uint32_t DomainFeature(uint32_t hash, uint32_t domain) {
  uint32_t salted = Mix(uint64_t(hash) * 0x9E3779B97F4A7C15ULL ^ domain);
  return salted ? salted : 1;
}

void DocumentWords::AddSentence(std::span<const std::string_view> words) {
  WordInfo info;
  for (size_t i = 0; i < words.size(); ++i) {
    DescribeWord(words[i], &info);
    if (!info.has_letter) continue;
    if (!info.capitalized && !info.all_upper) lower.insert(info.lower_hash);
    if (info.capitalized && !info.all_upper && i > 0) capitalised.insert(info.lower_hash);
  }
}

void ExtractFeatures(std::span<const std::string_view> words,
                     const Gazetteer* gazetteer, const Lexicon* lexicon,
                     const DocumentWords* document, SentenceFeatures* out,
                     uint32_t domain) {
  const size_t n = words.size();
  out->domain = domain;
  out->words.resize(n);
  out->hashes.clear();
  out->offsets.clear();
  int letters = 0, upper_words = 0;
  for (size_t i = 0; i < n; ++i) {
    DescribeWord(words[i], &out->words[i]);
    if (out->words[i].has_letter) {
      ++letters;
      upper_words += out->words[i].all_upper;
    }
  }
  // A headline in capitals ("CRICKET - LEICESTERSHIRE TAKE OVER"): there,
  // capitals say nothing about names.
  const bool headline = letters >= 2 && upper_words * 4 >= letters * 3;
  std::vector<uint16_t> gaz(n, 0);
  if (gazetteer) gazetteer->Match(out->words, &gaz);
  // The dictionary's word: 0 unlisted, else Lexicon::Class bits, + 4 when
  // only a stem of it is listed.
  std::vector<Lexicon::Match> lex(n);
  if (lexicon) {
    for (size_t i = 0; i < n; ++i) lexicon->Prefetch(out->words[i].lower_hash);
    for (size_t i = 0; i < n; ++i) lex[i] = lexicon->Describe(out->words[i]);
  }
  auto lex_class = [&](size_t j) -> uint64_t {
    return lex[j].entry.classes + (lex[j].stem ? 4 : 0);
  };

  auto lower_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0) return kBeforeStart;
    if (j >= static_cast<ptrdiff_t>(n)) return kAfterEnd;
    return out->words[j].lower_hash;
  };
  auto shape_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0) return kBeforeStart;
    if (j >= static_cast<ptrdiff_t>(n)) return kAfterEnd;
    return out->words[j].short_shape_hash;
  };
  std::vector<uint32_t>& h = out->hashes;
  out->is_quote.assign(n, false);
  for (size_t i = 0; i < n; ++i) {
    std::string_view raw = words[i];
    out->is_quote[i] = raw == "\"" || raw == "\u201C" || raw == "\u201D" ||
                       raw == "\u00AB" || raw == "\u00BB" || raw == "\u201E";
  }
  bool quoted = false;  // inside a pair of straight or curly double quotes
  uint32_t quote_feature = 0;
  for (size_t i = 0; i < n; ++i) {
    if (out->is_quote[i]) {
      quoted = !quoted;
      // An opening quote: how long the quoted span is and whether its
      // first word is capitalised (a title) or not (a quotation).
      if (quoted) {
        size_t j = i + 1;
        while (j < n && j <= i + 10 && !out->is_quote[j]) ++j;
        uint64_t length = j < n && out->is_quote[j] ? j - i - 1 : 11;
        bool capital = i + 1 < n && out->words[i + 1].capitalized;
        quote_feature = F(kQuoteSpan, std::min<uint64_t>(length, 11), capital);
      } else {
        quote_feature = F(kQuoteSpan, 12, 0);
      }
    }
    out->offsets.push_back(static_cast<uint32_t>(h.size()));
    const WordInfo& w = out->words[i];
    const ptrdiff_t p = static_cast<ptrdiff_t>(i);
    h.push_back(F(kBias, 0));
    h.push_back(F(kWord, Fnv(words[i])));
    h.push_back(F(kLower, w.lower_hash));
    h.push_back(F(kShape, w.shape_hash));
    h.push_back(F(kShortShape, w.short_shape_hash));
    for (int k = 1; k <= 4; ++k) {
      std::string_view pre = PrefixCodePoints(w.lower, k);
      std::string_view suf = SuffixCodePoints(w.lower, k);
      if (pre.size() < w.lower.size()) h.push_back(F(kPrefix + k - 1, Fnv(pre)));
      if (suf.size() < w.lower.size()) h.push_back(F(kSuffix + k - 1, Fnv(suf)));
    }
    for (int d : {-2, -1, 1, 2}) {
      int slot = d < 0 ? d + 2 : d + 2;  // 0,1,3,4
      h.push_back(F(kLowerAt + slot, lower_at(p + d)));
      h.push_back(F(kShapeAt + slot, shape_at(p + d)));
    }
    h.push_back(F(kBigramLeft, lower_at(p - 1), w.lower_hash));
    h.push_back(F(kBigramRight, w.lower_hash, lower_at(p + 1)));
    h.push_back(F(kShapeTrigram, shape_at(p - 1), w.short_shape_hash,
                  shape_at(p + 1)));
    h.push_back(F(kTrigram, lower_at(p - 1), w.lower_hash, lower_at(p + 1)));
    for (int d = -3; d <= 3; ++d) {
      ptrdiff_t j = p + d;
      if (d != 0 && j >= 0 && j < static_cast<ptrdiff_t>(n) && out->words[j].has_letter)
        h.push_back(F(kWindowBag, out->words[j].lower_hash));
    }
    for (int d : {-1, 1}) {
      ptrdiff_t j = p + d;
      if (j >= 0 && j < static_cast<ptrdiff_t>(n))
        h.push_back(F(kSuffixAt, d + 1, Fnv(SuffixCodePoints(out->words[j].lower, 3))));
    }
    if (i == 0) {
      h.push_back(F(kInitialShape, w.short_shape_hash));
      h.push_back(F(kInitialLower, w.lower_hash));
    }
    if (headline) h.push_back(F(kHeadlineLower, w.lower_hash));
    h.push_back(F(kLength, std::min<size_t>(w.lower.size(), 12)));
    // The capitalisation of the word and its neighbours, ignoring what the
    // words are: "Xx Xx" runs are names, "Xx" after a full stop may not be.
    uint64_t caps = 0;
    for (int d = -1; d <= 1; ++d) {
      ptrdiff_t j = p + d;
      uint64_t c = j < 0 || j >= static_cast<ptrdiff_t>(n)
                       ? 3
                       : (out->words[j].capitalized ? 1 : 0) +
                             (out->words[j].has_letter ? 0 : 2);
      caps = caps * 4 + c;
    }
    h.push_back(F(kCapsPattern, caps, i == 0));
    if (quoted) h.push_back(F(kQuoted, w.short_shape_hash));
    if (out->is_quote[i]) h.push_back(quote_feature);
    if (document && w.capitalized) {
      uint64_t evidence = 1 + (document->lower.count(w.lower_hash) ? 1 : 0) +
                          (document->capitalised.count(w.lower_hash) ? 2 : 0);
      h.push_back(F(kDocumentEvidence, evidence, i == 0, headline));
    }
    if (lexicon && w.has_letter) {
      // Listed as a common word or a name, against how the text writes it
      // and where: "Mange" opening a sentence is a common word.
      uint64_t how = (w.capitalized ? 1 : 0) + (i == 0 ? 2 : 0) +
                     (w.all_upper ? 4 : 0) + (headline ? 8 : 0);
      h.push_back(F(kLexicon, lex_class(i), how));
      if (lex[i].entry.flags)
        h.push_back(F(kLexiconFlags, lex[i].entry.flags, lex[i].stem));
      for (int d : {-1, 1}) {
        ptrdiff_t j = p + d;
        if (j >= 0 && j < static_cast<ptrdiff_t>(n) && out->words[j].has_letter)
          h.push_back(F(kLexiconAt, d + 1, lex_class(j), out->words[j].capitalized));
      }
    }
    if (gaz[i]) {
      h.push_back(F(kGazetteer, gaz[i]));
      h.push_back(F(kGazetteer, gaz[i], w.short_shape_hash));
    }
    if (i > 0 && gaz[i - 1]) h.push_back(F(kGazetteerLeft, gaz[i - 1]));
    if (i + 1 < n && gaz[i + 1]) h.push_back(F(kGazetteerRight, gaz[i + 1]));
    AddDomainCopies(domain, out->offsets.back(), &h);
  }
  out->offsets.push_back(static_cast<uint32_t>(h.size()));
}

void AddDynamicFeatures(const SentenceFeatures& s, size_t i, int prev,
                        int prev2, int history, int open_quote,
                        std::vector<uint32_t>* out) {
  const WordInfo& w = s.words[i];
  const size_t from = out->size();
  out->push_back(F(kPrev, prev + 1));
  out->push_back(F(kPrev2, prev + 1, prev2 + 1));
  out->push_back(F(kPrevLower, prev + 1, w.lower_hash));
  out->push_back(F(kPrevShape, prev + 1, w.short_shape_hash));
  if (prev != kOutside)
    out->push_back(F(kQuoteEntity, open_quote, s.is_quote[i], prev + 1));
  out->push_back(F(kPrevNext, prev + 1,
                   i + 1 < s.words.size() ? s.words[i + 1].lower_hash : 0));
  if (history != kNoHistory) {
    out->push_back(F(kHistory, history + 1));
    out->push_back(F(kHistoryShape, history + 1, w.short_shape_hash));
  }
  AddDomainCopies(s.domain, from, out);
}

}  // namespace newsloom
