#include "text/sentence_breaks.h"

#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/ucharstriebuilder.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <utility>

namespace newsloom {
namespace {

// Sentence_Break classes after SB5, in a byte.
enum Class : uint8_t {
  kOther, kCR, kLF, kSep, kSp, kLower, kUpper, kOLetter, kNumeric,
  kATerm, kSTerm, kClose, kSContinue, kExtendOrFormat,
};

Class ClassOfProperty(int32_t value) {
  switch (value) {
    case U_SB_CR: return kCR;
    case U_SB_LF: return kLF;
    case U_SB_SEP: return kSep;
    case U_SB_SP: return kSp;
    case U_SB_LOWER: return kLower;
    case U_SB_UPPER: return kUpper;
    case U_SB_OLETTER: return kOLetter;
    case U_SB_NUMERIC: return kNumeric;
    case U_SB_ATERM: return kATerm;
    case U_SB_STERM: return kSTerm;
    case U_SB_CLOSE: return kClose;
    case U_SB_SCONTINUE: return kSContinue;
    case U_SB_EXTEND:
    case U_SB_FORMAT: return kExtendOrFormat;
    default: return kOther;
  }
}

bool IsParaSep(Class c) { return c == kCR || c == kLF || c == kSep; }
bool IsSATerm(Class c) { return c == kATerm || c == kSTerm; }

// A code point after SB5: bytes [begin, end) hold it and the Extend and
// Format characters folded into it.
struct Unit {
  uint32_t begin, end;
  Class cls;
};

// Values of the suppression tries, as ICU's filteredbrk.cpp has them.
constexpr int32_t kPartial = 1;  // "Ph.": read forwards for "Ph.D."
constexpr int32_t kMatch = 2;    // a whole suppression

constexpr int kSuppressInReverse = 1;
constexpr int kAddToForward = 2;

bool SameRules(const icu::BreakIterator* a, const icu::BreakIterator* b) {
  auto* ra = dynamic_cast<const icu::RuleBasedBreakIterator*>(a);
  auto* rb = dynamic_cast<const icu::RuleBasedBreakIterator*>(b);
  return ra != nullptr && rb != nullptr && ra->getRules() == rb->getRules();
}

// The SentenceBreak suppressions of ICU's break-iterator data for `locale`
// (empty when it has none), as FilteredBreakIteratorBuilder reads them.
// False when ICU's data cannot be opened.
bool LoadSuppressions(const std::string& locale,
                      std::vector<icu::UnicodeString>* out) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string package =
      std::string(U_ICUDATA_NAME) + U_TREE_SEPARATOR_STRING + "brkitr";
  UResourceBundle* bundle = ures_open(package.c_str(), locale.c_str(), &status);
  if (U_FAILURE(status)) {
    ures_close(bundle);
    return false;
  }
  // No data for the locale: ures_open fell back to the default locale,
  // whose suppressions ICU does not apply.
  if (status == U_USING_DEFAULT_WARNING) {
    ures_close(bundle);
    return true;
  }
  UErrorCode sub = U_ZERO_ERROR;
  UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &sub);
  if (U_SUCCESS(sub) && sub != U_USING_DEFAULT_WARNING) {
    UResourceBundle* breaks =
        ures_getByKey(exceptions, "SentenceBreak", nullptr, &sub);
    if (U_SUCCESS(sub)) {
      const int32_t n = ures_getSize(breaks);
      for (int32_t i = 0; i < n; ++i) {
        UErrorCode s = U_ZERO_ERROR;
        int32_t length = 0;
        const UChar* chars = ures_getStringByIndex(breaks, i, &length, &s);
        if (U_SUCCESS(s)) out->emplace_back(chars, length);
      }
    }
    ures_close(breaks);
  }
  ures_close(exceptions);
  ures_close(bundle);
  // ICU keeps them in a set: drop repeats.
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return true;
}

}  // namespace

struct SentenceBreaks::Impl {
  Class ascii[128];
  // Bytes that may start a rule: ASCII paragraph separators and sentence
  // terminators, and every byte >= 0x80 (decoded and classified then).
  bool trigger[256];
  std::unique_ptr<icu::UCharsTrie> backwards;  // reversed suppressions
  std::unique_ptr<icu::UCharsTrie> forwards;   // suppressions with a prefix
  size_t suppressions = 0;

  Class ClassOf(UChar32 c) const {
    if (c < 0x80) return ascii[c];
    return ClassOfProperty(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
  }

  bool BuildTries(std::vector<icu::UnicodeString> strings);
  // True when the boundary at byte `n` is suppressed.
  bool Suppressed(std::string_view text, uint32_t n) const;
};

bool SentenceBreaks::Impl::BuildTries(std::vector<icu::UnicodeString> s) {
  suppressions = s.size();
  if (s.empty()) return true;
  UErrorCode status = U_ZERO_ERROR;
  icu::UCharsTrieBuilder reverse(status), forward(status);
  std::vector<int> partials(s.size(), 0);
  int reverse_count = 0, forward_count = 0;
  // A suppression with a period before its end ("Ph.D.") puts its prefix up
  // to that period in the reverse trie once, and itself (and every other
  // suppression sharing that prefix) in the forward trie.
  for (size_t i = 0; i < s.size(); ++i) {
    const int32_t nn = s[i].indexOf(u'.');
    if (nn < 0 || nn + 1 == s[i].length()) continue;
    bool same_as_other = false;
    for (size_t j = 0; j < s.size(); ++j) {
      if (j == i) continue;
      if (s[i].compare(0, nn + 1, s[j], 0, nn + 1) == 0) {
        if (partials[j] == 0) {
          partials[j] = kSuppressInReverse | kAddToForward;
        } else if (partials[j] & kSuppressInReverse) {
          same_as_other = true;
        }
      }
    }
    if (!same_as_other && partials[i] == 0) {
      icu::UnicodeString prefix(s[i], 0, nn + 1);
      prefix.reverse();
      reverse.add(prefix, kPartial, status);
      ++reverse_count;
      partials[i] = kSuppressInReverse | kAddToForward;
    }
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (partials[i] == 0) {
      icu::UnicodeString reversed = s[i];
      reversed.reverse();
      reverse.add(reversed, kMatch, status);
      ++reverse_count;
    } else {
      forward.add(s[i], kMatch, status);
      ++forward_count;
    }
  }
  if (reverse_count > 0) {
    backwards.reset(reverse.build(USTRINGTRIE_BUILD_FAST, status));
  }
  if (forward_count > 0) {
    forwards.reset(forward.build(USTRINGTRIE_BUILD_FAST, status));
  }
  return U_SUCCESS(status);
}

bool SentenceBreaks::Impl::Suppressed(std::string_view text, uint32_t n) const {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t pos = static_cast<int32_t>(n);
  // "Mr. Brown": the boundary is after the space; step back over it.
  if (pos > 0 && bytes[pos - 1] == ' ') --pos;
  icu::UCharsTrie trie(*backwards);
  int32_t best_pos = -1, best_value = -1;
  while (pos > 0) {
    UChar32 c;
    U8_PREV(bytes, 0, pos, c);
    const UStringTrieResult r = trie.nextForCodePoint(c);
    if (USTRINGTRIE_HAS_VALUE(r)) {
      best_pos = pos;
      best_value = trie.getValue();
    }
    if (!USTRINGTRIE_HAS_NEXT(r)) break;
  }
  if (best_pos < 0) return false;
  if (best_value == kMatch) return true;
  if (best_value != kPartial || forwards == nullptr) return false;
  icu::UCharsTrie forward(*forwards);
  UStringTrieResult r = USTRINGTRIE_INTERMEDIATE_VALUE;
  for (int32_t i = best_pos; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    r = forward.nextForCodePoint(c);
    if (!USTRINGTRIE_HAS_NEXT(r)) break;
  }
  return USTRINGTRIE_MATCHES(r);
}

SentenceBreaks::SentenceBreaks(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
SentenceBreaks::~SentenceBreaks() = default;

size_t SentenceBreaks::suppression_count() const { return impl_->suppressions; }

std::unique_ptr<SentenceBreaks> SentenceBreaks::ForLocale(std::string_view locale) {
  std::string code(locale.empty() ? "root" : locale);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> root(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return nullptr;
  status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> own(icu::BreakIterator::createSentenceInstance(
      icu::Locale(code.c_str()), status));
  if (U_FAILURE(status) || !SameRules(root.get(), own.get())) return nullptr;

  auto impl = std::make_unique<Impl>();
  for (UChar32 c = 0; c < 0x80; ++c) {
    impl->ascii[c] =
        ClassOfProperty(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    impl->trigger[c] = IsParaSep(impl->ascii[c]) || IsSATerm(impl->ascii[c]);
  }
  for (int b = 0x80; b < 0x100; ++b) impl->trigger[b] = true;
  std::vector<icu::UnicodeString> suppressions;
  if (code != "root" && !LoadSuppressions(code, &suppressions)) return nullptr;
  if (!impl->BuildTries(std::move(suppressions))) return nullptr;
  return std::unique_ptr<SentenceBreaks>(new SentenceBreaks(std::move(impl)));
}

void SentenceBreaks::Find(std::string_view text,
                          std::vector<uint32_t>* breaks) const {
  breaks->clear();
  if (text.empty()) return;
  const Impl& impl = *impl_;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());

  // Code point at byte i and its class; *next is set past it.
  auto decode = [&](int32_t i, int32_t* next) {
    if (bytes[i] < 0x80) {
      *next = i + 1;
      return impl.ascii[bytes[i]];
    }
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    *next = i;
    return impl.ClassOf(c < 0 ? 0xFFFD : c);
  };
  // The unit starting at byte i (SB5: a character and the Extend and Format
  // characters after it, unless it is a paragraph separator; Extend or
  // Format that starts a unit, after a separator or at the start, behaves
  // as any other character).
  auto unit_at = [&](int32_t i) {
    int32_t next;
    Class cls = decode(i, &next);
    if (cls == kExtendOrFormat) cls = kOther;
    if (!IsParaSep(cls)) {
      for (int32_t after; next < n && bytes[next] >= 0x80 &&
                          decode(next, &after) == kExtendOrFormat;) {
        next = after;
      }
    }
    return Unit{static_cast<uint32_t>(i), static_cast<uint32_t>(next), cls};
  };
  // Class of the unit that ends at byte i (kOther at the start).
  auto class_before = [&](int32_t i) {
    bool folded = false;
    while (i > 0) {
      UChar32 c;
      U8_PREV(bytes, 0, i, c);
      const Class cls = impl.ClassOf(c < 0 ? 0xFFFD : c);
      if (cls != kExtendOrFormat) return folded && IsParaSep(cls) ? kOther : cls;
      folded = true;
    }
    return kOther;
  };
  auto emit = [&](uint32_t at) {
    if (at >= text.size()) return;  // the end is added last, unfiltered
    if (impl.backwards != nullptr && impl.Suppressed(text, at)) return;
    breaks->push_back(at);
  };

  int32_t i = 0;
  while (i < n) {
    // Only paragraph separators and sentence terminators start a rule: skip
    // to the next byte that may be one.
    while (i < n && !impl.trigger[bytes[i]]) ++i;
    if (i == n) break;
    const Unit u = unit_at(i);
    const Class c = u.cls;
    if (IsParaSep(c)) {  // SB3, SB4
      int32_t end = static_cast<int32_t>(u.end);
      if (c == kCR && end < n && bytes[end] == '\n') ++end;
      emit(static_cast<uint32_t>(end));
      i = end;
      continue;
    }
    if (!IsSATerm(c)) {
      i = static_cast<int32_t>(u.end);
      continue;
    }
    int32_t j = static_cast<int32_t>(u.end);
    if (j >= n) break;
    Unit v = unit_at(j);
    if (c == kATerm) {
      if (v.cls == kNumeric) {  // SB6: "3.5"
        i = j;
        continue;
      }
      if (v.cls == kUpper) {  // SB7: "U.S"
        const Class before = class_before(i);
        if (before == kUpper || before == kLower) {
          i = j;
          continue;
        }
      }
    }
    while (v.cls == kClose) {  // SB9
      j = static_cast<int32_t>(v.end);
      if (j >= n) break;
      v = unit_at(j);
    }
    while (j < n && v.cls == kSp) {  // SB10
      j = static_cast<int32_t>(v.end);
      if (j >= n) break;
      v = unit_at(j);
    }
    if (j >= n) break;
    if (IsParaSep(v.cls)) {  // SB9, SB10, then SB11 after the separator
      int32_t end = static_cast<int32_t>(v.end);
      if (v.cls == kCR && end < n && bytes[end] == '\n') ++end;
      emit(static_cast<uint32_t>(end));
      i = end;
      continue;
    }
    if (c == kATerm) {  // SB8: "etc. and"
      Unit w = v;
      while (!(w.cls == kOLetter || w.cls == kUpper || w.cls == kLower ||
               IsParaSep(w.cls) || IsSATerm(w.cls)) &&
             static_cast<int32_t>(w.end) < n) {
        w = unit_at(static_cast<int32_t>(w.end));
      }
      if (w.cls == kLower) {
        i = j;
        continue;
      }
    }
    if (v.cls == kSContinue || IsSATerm(v.cls)) {  // SB8a
      i = j;
      continue;
    }
    emit(static_cast<uint32_t>(j));  // SB11
    i = j;
  }
  breaks->push_back(static_cast<uint32_t>(text.size()));
}

}  // namespace newsloom
