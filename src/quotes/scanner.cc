// The scanner (scanner.h).
#include "quotes/scanner.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>

#include "text/stop_words.h"

namespace newsloom {
namespace quotes_internal {
namespace {

Mark MarkOf(UChar32 c) {
  switch (c) {
    case '"': return kAsciiDq;
    case 0x201C: return kLeftDq;
    case 0x201D: return kRightDq;
    case 0x201E: return kLowDq;
    case 0x201F: return kRevDq;
    case 0x2018: return kLeftSq;
    case 0x2019: return kRightSq;
    case 0x201A: return kLowSq;
    case 0x00AB: return kLeftGuil;
    case 0x00BB: return kRightGuil;
    case 0x2039: return kLeftSGuil;
    case 0x203A: return kRightSGuil;
    case 0x300C: return kCornerO;
    case 0x300D: return kCornerC;
    case 0x300E: return kWhiteCornerO;
    case 0x300F: return kWhiteCornerC;
    case 0xFF02: return kFullDq;
    default: return kNoMark;
  }
}




bool IsDashChar(UChar32 c) {
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

bool IsWordChar(UChar32 c) {
  return c >= 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
                    u_charType(c) == U_COMBINING_SPACING_MARK);
}

// ASCII letters and digits without ICU: most news text is mostly ASCII,
// and the ICU property look-ups were a third of the run time (perf on
// polnear-train). QuoteOptions::ascii_fast_path = false is the oracle.
inline bool IsAsciiAlnum(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

}  // namespace

bool IsSingleMark(Mark m) {
  return m == kLeftSq || m == kRightSq || m == kLowSq || m == kLeftSGuil ||
         m == kRightSGuil;
}

// Whether `close` ends a quote opened by `open`.
bool Closes(Mark open, Mark close) {
  switch (open) {
    case kAsciiDq:
    case kLeftDq:
    case kRightDq:
    case kRevDq:
      return close == kAsciiDq || close == kRightDq || close == kLeftDq;
    case kLowDq: return close == kLeftDq || close == kRightDq || close == kAsciiDq;
    case kLeftSq: return close == kRightSq || close == kLeftSq;
    case kLowSq: return close == kLeftSq || close == kRightSq;
    case kLeftGuil: return close == kRightGuil;
    case kRightGuil: return close == kLeftGuil;
    case kLeftSGuil: return close == kRightSGuil;
    case kRightSGuil: return close == kLeftSGuil;
    case kCornerO: return close == kCornerC;
    case kWhiteCornerO: return close == kWhiteCornerC;
    case kFullDq: return close == kFullDq;
    default: return false;
  }
}

// Marks that can open a quote (in an opening position).
bool CanOpen(Mark m) {
  return m != kNoMark && m != kRightSq && m != kCornerC &&
         m != kWhiteCornerC;
}

void ScanText(std::string_view text, const CompiledLexicon& lexicon,
              const StopWordSet* stops, bool ascii_fast_path,
              std::vector<Token>* tokens, std::string* lower_out) {
  std::vector<Token>& toks = *tokens;
  std::string& lower = *lower_out;
  toks.clear();
  lower.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(
      std::min<size_t>(text.size(), std::numeric_limits<int32_t>::max()));
  uint32_t para = 0;
  bool pending_para = false;
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == '\n' || c == 0x2029) {
      pending_para = true;
      continue;
    }
    const bool ascii = ascii_fast_path && c >= 0 && c < 0x80;
    if (ascii ? c == ' ' || (c >= '\t' && c <= '\r')
              : c >= 0 && u_isUWhiteSpace(c))
      continue;
    if (pending_para) {
      if (!toks.empty()) {
        Token p;
        p.kind = Tk::kPara;
        p.b = p.e = static_cast<uint32_t>(start);
        p.para = para;
        toks.push_back(p);
        ++para;
      }
      pending_para = false;
    }
    Token t;
    t.b = static_cast<uint32_t>(start);
    t.para = para;
    const bool fast = ascii_fast_path;
    auto is_word_char = [fast](UChar32 ch) {
      if (fast && ch >= 0 && ch < 0x80) return IsAsciiAlnum(ch);
      return IsWordChar(ch);
    };
    if (is_word_char(c)) {
      t.kind = Tk::kWord;
      t.cap = fast && c < 0x80 ? (c >= 'A' && c <= 'Z')
                               : (u_isupper(c) || u_istitle(c));
      t.lb = static_cast<uint32_t>(lower.size());
      auto append_lower = [&](UChar32 ch) {
        if (fast && ch >= 0 && ch < 0x80) {
          lower.push_back(static_cast<char>(
              ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch));
          return;
        }
        UChar32 l = u_tolower(ch);
        if (l < 0x80) {
          lower.push_back(static_cast<char>(l));
        } else {
          char buf[4];
          int32_t k = 0;
          UBool err = false;
          U8_APPEND(buf, k, 4, l, err);
          if (!err) lower.append(buf, k);
        }
      };
      append_lower(c);
      // Letters, digits and marks; an inner apostrophe, hyphen or period
      // followed by a letter stays inside the word (don't, Won-sik, U.S).
      while (i < n) {
        int32_t j = i;
        UChar32 d;
        U8_NEXT(s, j, n, d);
        if (is_word_char(d)) {
          append_lower(d);
          i = j;
          continue;
        }
        if (d == '\'' || d == 0x2019 || d == '-' || d == '.' || d == 0x2010) {
          int32_t k = j;
          UChar32 f;
          if (k < n) {
            U8_NEXT(s, k, n, f);
            if (f >= 0 && (fast && f < 0x80 ? IsAsciiAlnum(f) && !(f >= '0' && f <= '9')
                                             : u_isalpha(f))) {
              lower.push_back(d == 0x2019 ? '\'' : static_cast<char>(d == 0x2010 ? '-' : d));
              append_lower(f);
              i = k;
              continue;
            }
          }
        }
        break;
      }
      t.e = static_cast<uint32_t>(i);
      t.le = static_cast<uint32_t>(lower.size());
      // "a-t-il", "dit-elle": the verb, then the pronoun (ASCII, so its
      // bytes in the text and in `lower` are as many).
      if (const size_t suffix = lexicon.InvertedPronounSuffix(
              std::string_view(lower).substr(t.lb, t.le - t.lb));
          suffix > 0 && t.e - t.b > suffix &&
          std::all_of(s + t.e - suffix, s + t.e, [](uint8_t ch) { return ch < 0x80; })) {
        const std::string_view tail(lower.data() + t.le - suffix, suffix);
        const uint32_t pronoun = static_cast<uint32_t>(suffix - tail.rfind('-') - 1);
        Token p = t;
        p.b = t.e - pronoun;
        p.lb = t.le - pronoun;
        p.cap = false;
        p.flags = lexicon.Flags(std::string_view(lower).substr(p.lb, pronoun));
        t.e -= static_cast<uint32_t>(suffix);
        t.le -= static_cast<uint32_t>(suffix);
        t.flags = lexicon.Flags(std::string_view(lower).substr(t.lb, t.le - t.lb));
        if (t.cap && stops)
          t.stop = stops->Contains(std::string_view(lower).substr(t.lb, t.le - t.lb));
        toks.push_back(t);
        toks.push_back(p);
        continue;
      }
      t.flags = lexicon.Flags(std::string_view(lower).substr(t.lb, t.le - t.lb));
      // Only capitalised words need the stop-word test (name detection).
      if (t.cap && stops)
        t.stop = stops->Contains(std::string_view(lower).substr(t.lb, t.le - t.lb));
    } else {
      t.e = static_cast<uint32_t>(i);
      Mark m = c >= 0 ? MarkOf(c) : kNoMark;
      if (c == '\'' && i < n && s[i] == '\'') {
        // Two apostrophes are a double quotation mark (''like this'',
        // the New York Times' archive style).
        m = kAsciiDq;
        t.e = static_cast<uint32_t>(++i);
      }
      if (m != kNoMark) {
        t.kind = Tk::kMark;
        t.mark = m;
      } else if (IsDashChar(c)) {
        t.kind = Tk::kDash;
      } else {
        t.kind = Tk::kPunct;
      }
    }
    toks.push_back(t);
  }
}

}  // namespace quotes_internal
}  // namespace newsloom
