#include "timex/lexicon.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/reldatefmt.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "timex/timex.h"

namespace newsloom::timex_internal {
namespace {

constexpr UChar32 kSoftHyphen = 0x00AD;
constexpr int kMaxCardinal = 99;   // spelled-out amounts ("ninety-nine")
constexpr int kMaxOrdinal = 31;    // spelled-out days of the month
constexpr size_t kMaxPhraseTokens = 8;

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 ||
         c == kSoftHyphen;
}

// Han and kana are written without spaces: each character is a token of
// its own, and phrases ("昨日", "先週") are sequences of them.
bool IsUnspacedLetter(UChar32 c) {
  if (c < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
         script == USCRIPT_KATAKANA;
}

bool IsSpace(UChar32 c) {
  return c <= ' ' || c == 0x7F || (c >= 0x80 && (u_isUWhiteSpace(c) ||
                                                  u_iscntrl(c)));
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out->append(buf, n);
}

void AppendFolded(UChar32 c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  } else if (c != kSoftHyphen) {
    AppendUtf8(u_foldCase(c, U_FOLD_CASE_DEFAULT), out);
  }
}

// Punctuation that typography varies: folded to the ASCII form.
UChar32 FoldPunct(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x02BC: case 0x00B4: case 0x0060:
      return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2212:
      return '-';
    default:
      return c;
  }
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* tokens) {
  tokens->clear();
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(
      std::min<size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == '\n') {
      // Line breaks end expressions: one "\n" token per run of them.
      if (!tokens->empty() && tokens->back().norm != "\n") {
        Token br;
        br.start = static_cast<uint32_t>(start);
        br.end = static_cast<uint32_t>(i);
        br.norm = "\n";
        tokens->push_back(std::move(br));
      }
      continue;
    }
    if (c < 0 || IsSpace(c)) continue;
    Token t;
    t.start = static_cast<uint32_t>(start);
    int digit = c < 0x80 ? (c >= '0' && c <= '9' ? c - '0' : -1)
                         : u_charDigitValue(c);
    if (digit >= 0 && (c < 0x80 || u_charType(c) == U_DECIMAL_DIGIT_NUMBER)) {
      t.kind = TokenKind::kNumber;
      int64_t value = 0;
      int32_t end = i;
      for (;;) {
        t.norm.push_back(static_cast<char>('0' + digit));
        if (value <= 999'999'999) value = value * 10 + digit;
        end = i;
        if (i >= n) break;
        int32_t j = i;
        UChar32 d;
        U8_NEXT(s, j, n, d);
        if (d < 0) break;
        digit = d < 0x80 ? (d >= '0' && d <= '9' ? d - '0' : -1)
                         : (u_charType(d) == U_DECIMAL_DIGIT_NUMBER
                                ? u_charDigitValue(d) : -1);
        if (digit < 0) break;
        i = j;
      }
      i = end;
      t.digits = static_cast<uint8_t>(std::min<size_t>(t.norm.size(), 255));
      t.number = t.norm.size() <= 9 ? static_cast<int32_t>(value) : -1;
    } else if (IsUnspacedLetter(c)) {
      t.kind = TokenKind::kWord;
      AppendUtf8(c, &t.norm);
    } else if (IsWordChar(c)) {
      t.kind = TokenKind::kWord;
      t.upper = u_isupper(c) || u_istitle(c);
      AppendFolded(c, &t.norm);
      int32_t end = i;
      int letters = 1;
      while (i < n) {
        int32_t j = i;
        UChar32 d;
        U8_NEXT(s, j, n, d);
        if (d >= 0 && IsWordChar(d) && !IsUnspacedLetter(d)) {
          AppendFolded(d, &t.norm);
          ++letters;
          i = end = j;
          continue;
        }
        // An apostrophe between letters ("o'clock", "aujourd'hui").
        if (d >= 0 && FoldPunct(d) == '\'' && j < n) {
          int32_t k = j;
          UChar32 e;
          U8_NEXT(s, k, n, e);
          // Not the possessive "'s" ("Friday's close"): "friday" must
          // stay a token of its own.
          int32_t after_e = k;
          UChar32 f = -1;
          if (k < n) U8_NEXT(s, after_e, n, f);
          const bool possessive =
              (e == 's' || e == 'S') && (f < 0 || !IsWordChar(f));
          if (e >= 0 && IsWordChar(e) && !possessive) {
            t.norm.push_back('\'');
            AppendFolded(e, &t.norm);
            i = end = k;
            letters += 2;
            continue;
          }
        }
        // Dotted single letters: "a.m.", "p.m.".
        if (d == '.' && letters == 1 && j < n) {
          int32_t k = j;
          UChar32 e;
          U8_NEXT(s, k, n, e);
          int32_t after = k;
          UChar32 f = -1;
          if (k < n) U8_NEXT(s, after, n, f);
          if (e >= 0 && e < 0x80 && IsWordChar(e) &&
              (f < 0 || !IsWordChar(f))) {
            t.norm.push_back('.');
            AppendFolded(e, &t.norm);
            i = end = k;
            if (f == '.') {
              t.norm.push_back('.');
              i = end = after;
            }
            letters = 3;
          }
        }
        break;
      }
      i = end;
    } else {
      t.kind = TokenKind::kPunct;
      AppendUtf8(FoldPunct(c), &t.norm);
    }
    t.end = static_cast<uint32_t>(i);
    tokens->push_back(std::move(t));
  }
}

void Lexicon::Add(std::string_view phrase, Lexeme lex) {
  std::vector<Token> tokens;
  Tokenize(phrase, &tokens);
  if (tokens.empty() || tokens.size() > kMaxPhraseTokens) return;
  std::string key = tokens[0].norm;
  for (size_t i = 1; i < tokens.size(); ++i) {
    key.push_back('\x1f');
    key += tokens[i].norm;
  }
  if (tokens.size() > 1) {
    uint8_t& longest = phrase_heads_[tokens[0].norm];
    longest = std::max<uint8_t>(longest, static_cast<uint8_t>(tokens.size()));
  }
  std::vector<Lexeme>& v = entries_[key];
  for (const Lexeme& l : v) {
    if (l.cat == lex.cat && l.v == lex.v && l.v2 == lex.v2) return;
  }
  v.push_back(lex);
}

void Lexicon::Lookup(const std::vector<Token>& tokens, size_t i,
                     std::vector<std::pair<uint8_t, Lexeme>>* out) const {
  const std::string& head = tokens[i].norm;
  auto ph = phrase_heads_.find(head);
  if (ph != phrase_heads_.end()) {
    const size_t max_len = std::min<size_t>(ph->second, tokens.size() - i);
    std::string key = head;
    std::vector<std::pair<uint8_t, const std::vector<Lexeme>*>> found;
    for (size_t len = 2; len <= max_len; ++len) {
      key.push_back('\x1f');
      key += tokens[i + len - 1].norm;
      auto it = entries_.find(key);
      if (it != entries_.end()) {
        found.emplace_back(static_cast<uint8_t>(len), &it->second);
      }
    }
    for (auto f = found.rbegin(); f != found.rend(); ++f) {
      for (const Lexeme& l : *f->second) out->emplace_back(f->first, l);
    }
  }
  auto it = entries_.find(head);
  if (it != entries_.end()) {
    for (const Lexeme& l : it->second) out->emplace_back(1, l);
  } else if (const size_t apos = head.rfind('\'');
             apos != std::string::npos && apos + 1 < head.size()) {
    // An elided article glued on ("l'anno", "l'année", "dell'anno"): the
    // word after the apostrophe, with the token's whole span.
    it = entries_.find(head.substr(apos + 1));
    if (it != entries_.end()) {
      for (const Lexeme& l : it->second) out->emplace_back(1, l);
    }
  }
}

Lexicon::Lexicon(std::string_view lang) : grammar_(FindGrammar(lang)) {
  const std::string code(lang);
  const icu::Locale locale(code.empty() ? "root" : code.c_str());
  UErrorCode status = U_ZERO_ERROR;

  // Month and weekday names (CLDR via ICU).
  icu::DateFormatSymbols symbols(locale, status);
  if (U_SUCCESS(status) && !code.empty()) {
    for (auto context : {icu::DateFormatSymbols::FORMAT,
                         icu::DateFormatSymbols::STANDALONE}) {
      for (auto width : {icu::DateFormatSymbols::WIDE,
                         icu::DateFormatSymbols::ABBREVIATED}) {
        const Cat cat = width == icu::DateFormatSymbols::WIDE
                            ? Cat::kMonth : Cat::kMonthAbbr;
        int32_t count = 0;
        const icu::UnicodeString* months =
            symbols.getMonths(count, context, width);
        for (int32_t m = 0; m < count && m < 12; ++m) {
          std::string name = ToUtf8(months[m]);
          while (!name.empty() && name.back() == '.') name.pop_back();
          if (name.empty()) continue;
          Add(name, {cat, static_cast<int16_t>(m + 1)});
        }
        if (width != icu::DateFormatSymbols::WIDE) continue;
        const icu::UnicodeString* days =
            symbols.getWeekdays(count, context, width);
        // ICU numbers weekdays from Sunday = 1 (index 0 is empty).
        for (int32_t d = 1; d < count && d <= 7; ++d) {
          const int iso = d == 1 ? 7 : d - 1;
          Add(ToUtf8(days[d]), {Cat::kWeekday, static_cast<int16_t>(iso)});
        }
      }
    }
  }

  // Spelled-out numbers and ordinals (ICU rule-based number format).
  status = U_ZERO_ERROR;
  icu::RuleBasedNumberFormat spell(icu::URBNF_SPELLOUT, locale, status);
  if (U_SUCCESS(status) && !code.empty()) {
    for (int32_t r = 0; r < spell.getNumberOfRuleSetNames(); ++r) {
      const icu::UnicodeString set = spell.getRuleSetName(r);
      const std::string name = ToUtf8(set);
      const bool cardinal = name.find("cardinal") != std::string::npos;
      const bool ordinal = name.find("ordinal") != std::string::npos;
      if ((!cardinal && !ordinal) ||
          name.find("verbose") != std::string::npos ||
          name.find("year") != std::string::npos)
        continue;
      const int max = cardinal ? kMaxCardinal : kMaxOrdinal;
      for (int32_t v = 1; v <= max; ++v) {
        icu::UnicodeString out;
        icu::FieldPosition pos;
        status = U_ZERO_ERROR;
        spell.format(v, set, out, pos, status);
        if (U_FAILURE(status)) break;
        Add(ToUtf8(out), {cardinal ? Cat::kNumber : Cat::kOrdinal,
                          static_cast<int16_t>(v)});
      }
    }
  }

  // Relative phrases of the locale ("yesterday", "last week").
  status = U_ZERO_ERROR;
  icu::RelativeDateTimeFormatter rel(locale, status);
  if (U_SUCCESS(status) && !code.empty()) {
    struct Dir { UDateDirection dir; int offset; };
    static constexpr Dir kDirs[] = {
        {UDAT_DIRECTION_LAST_2, -2}, {UDAT_DIRECTION_LAST, -1},
        {UDAT_DIRECTION_THIS, 0},    {UDAT_DIRECTION_NEXT, 1},
        {UDAT_DIRECTION_NEXT_2, 2}};
    struct Unit { UDateAbsoluteUnit unit; int v; };
    static constexpr Unit kUnits[] = {
        {UDAT_ABSOLUTE_DAY, static_cast<int>(TimeUnit::kDay)},
        {UDAT_ABSOLUTE_WEEK, static_cast<int>(TimeUnit::kWeek)},
        {UDAT_ABSOLUTE_MONTH, static_cast<int>(TimeUnit::kMonth)},
        {UDAT_ABSOLUTE_YEAR, static_cast<int>(TimeUnit::kYear)},
        {UDAT_ABSOLUTE_MONDAY, 101}, {UDAT_ABSOLUTE_TUESDAY, 102},
        {UDAT_ABSOLUTE_WEDNESDAY, 103}, {UDAT_ABSOLUTE_THURSDAY, 104},
        {UDAT_ABSOLUTE_FRIDAY, 105}, {UDAT_ABSOLUTE_SATURDAY, 106},
        {UDAT_ABSOLUTE_SUNDAY, 107}};
    for (const Unit& u : kUnits) {
      for (const Dir& d : kDirs) {
        if ((d.offset == 2 || d.offset == -2) && u.unit != UDAT_ABSOLUTE_DAY)
          continue;
        icu::UnicodeString out;
        status = U_ZERO_ERROR;
        rel.format(d.dir, u.unit, out, status);
        if (U_FAILURE(status) || out.isEmpty()) continue;
        Add(ToUtf8(out), {Cat::kRelPhrase, static_cast<int16_t>(u.v),
                          static_cast<int16_t>(d.offset)});
      }
    }
  }

  if (grammar_ != nullptr) {
    for (size_t e = 0; e < grammar_->size; ++e) {
      const GrammarEntry& g = grammar_->entries[e];
      std::string_view words = g.words;
      while (!words.empty()) {
        const size_t bar = words.find('|');
        Add(words.substr(0, bar), {g.cat, static_cast<int16_t>(g.v),
                                   static_cast<int16_t>(g.v2)});
        if (bar == std::string_view::npos) break;
        words.remove_prefix(bar + 1);
      }
    }
  }
}

}  // namespace newsloom::timex_internal
