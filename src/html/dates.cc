#include "html/dates.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/ascii.h"
#include "base/utf8.h"

namespace newsloom {
namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A byte of a word: an ASCII letter, or any byte of a non-ASCII character
// (month names in other scripts and with accents: "März", "марта").
bool IsWordByte(char c) { return IsAlpha(c) || static_cast<unsigned char>(c) >= 0x80; }

struct Fields {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  bool has_time = false;
  std::optional<int> offset;  // minutes east of UTC
};

std::optional<ZonedTime> Make(const Fields& f) {
  if (f.year < kMinYear || f.year > kMaxYear ||
      !IsValidCivilDate(f.year, f.month, f.day)) {
    return std::nullopt;
  }
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  ZonedTime t;
  t.has_time = f.has_time;
  t.offset_minutes = f.has_time ? f.offset : std::nullopt;
  t.utc = DaysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 +
          f.minute * 60 + (f.second > 59 ? 59 : f.second) -
          int64_t{t.offset_minutes.value_or(0)} * 60;
  return t;
}

// Reads `n` digits at s[*pos] (exactly n when `exact`); advances.
bool Digits(std::string_view s, size_t* pos, size_t n, int* out,
            bool exact = true) {
  size_t i = *pos;
  int v = 0;
  while (i < s.size() && IsDigit(s[i]) && i - *pos < n) v = v * 10 + (s[i++] - '0');
  if (i == *pos || (exact && i - *pos != n)) return false;
  *pos = i;
  *out = v;
  return true;
}

bool Take(std::string_view s, size_t* pos, char c) {
  if (*pos < s.size() && s[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

// "+05:00", "+0500", "+05", "Z" at s[*pos].
bool NumericZone(std::string_view s, size_t* pos, std::optional<int>* out) {
  size_t i = *pos;
  if (Take(s, &i, 'Z') || Take(s, &i, 'z')) {
    *out = 0;
    *pos = i;
    return true;
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
  const int sign = s[i] == '-' ? -1 : 1;
  ++i;
  int h, m = 0;
  if (!Digits(s, &i, 2, &h)) return false;
  Take(s, &i, ':');
  if (i < s.size() && IsDigit(s[i]) && !Digits(s, &i, 2, &m)) return false;
  if (h > 14 || m > 59) return false;
  *out = sign * (h * 60 + m);
  *pos = i;
  return true;
}

// "HH:MM[:SS[.fff]]" at s[*pos].
bool Clock(std::string_view s, size_t* pos, Fields* f) {
  size_t i = *pos;
  if (!Digits(s, &i, 2, &f->hour, false) || !Take(s, &i, ':') ||
      !Digits(s, &i, 2, &f->minute)) {
    return false;
  }
  if (Take(s, &i, ':') && !Digits(s, &i, 2, &f->second)) return false;
  if (Take(s, &i, '.') || Take(s, &i, ',')) {
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  f->has_time = true;
  *pos = i;
  return true;
}

// ISO 8601 and its loose relatives; the whole text must be used.
std::optional<ZonedTime> ParseIso(std::string_view s) {
  Fields f;
  size_t i = 0;
  if (!Digits(s, &i, 4, &f.year)) return std::nullopt;
  if (i == s.size() || (s.size() == 8 && i == 4)) {
    // "20191118": eight digits alone.
    if (s.size() != 8) return std::nullopt;
    i = 4;
    if (!Digits(s, &i, 2, &f.month) || !Digits(s, &i, 2, &f.day)) {
      return std::nullopt;
    }
    return Make(f);
  }
  const char sep = s[i];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++i;
  if (!Digits(s, &i, 2, &f.month, false) || !Take(s, &i, sep) ||
      !Digits(s, &i, 2, &f.day, false)) {
    return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (!Clock(s, &i, &f)) return std::nullopt;
    while (i < s.size() && s[i] == ' ') ++i;
    std::optional<int> zone;
    if (NumericZone(s, &i, &zone)) f.offset = zone;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i != s.size()) return std::nullopt;
  return Make(f);
}

// ---- Word forms ------------------------------------------------------

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// The languages whose month names (CLDR's, through ICU) dates may use:
// those newsloom has quotation lexicons for. English comes first, so its
// names win a clash.
constexpr std::array<const char*, 13> kMonthLocales = {
    "en", "da", "de", "es", "fr", "it", "nl", "no", "pl", "pt", "ru", "sv", "uk"};

// Lower case, without a final '.': "März", "févr.", "марта" -> "märz",
// "févr", "марта".
std::string MonthKey(const icu::UnicodeString& name) {
  icu::UnicodeString lower(name);
  lower.toLower(icu::Locale::getRoot());
  std::string out;
  lower.toUTF8String(out);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// Every wide and abbreviated month name of kMonthLocales, in the format
// ("5 марта") and stand-alone ("март") forms, of three letters or more:
// name -> 1..12. Built once.
const std::unordered_map<std::string, int>& CldrMonths() {
  static const auto* const table = [] {
    auto* names = new std::unordered_map<std::string, int>;
    for (const char* locale : kMonthLocales) {
      UErrorCode status = U_ZERO_ERROR;
      const icu::DateFormatSymbols symbols(icu::Locale(locale), status);
      if (U_FAILURE(status)) continue;
      for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
        for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
          int32_t count = 0;
          const icu::UnicodeString* months = symbols.getMonths(count, context, width);
          for (int32_t m = 0; m < count && m < 12; ++m) {
            std::string key = MonthKey(months[m]);
            if (months[m].countChar32() >= 3) names->emplace(std::move(key), m + 1);
          }
        }
      }
    }
    return names;
  }();
  return *table;
}

// 1..12 for a month name: English, or its abbreviation of 3+ letters
// ("sept" too); else a CLDR name of kMonthLocales ("März", "marzo",
// "décembre", "марта"); else 0.
int MonthNumber(std::string_view word) {
  if (word.size() < 3) return 0;
  std::string w;
  for (char c : word) w += AsciiLower(c);
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (kMonths[m].starts_with(w)) return static_cast<int>(m) + 1;
  }
  const std::unordered_map<std::string, int>& cldr = CldrMonths();
  const auto it = cldr.find(MonthKey(icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))));
  return it == cldr.end() ? 0 : it->second;
}

struct Zone {
  std::string_view name;
  int minutes;
};
// The abbreviations feeds and pages use. Some name several zones; the
// reading here is the one news sites use most: IST India (not Ireland or
// Israel), CST the US Central (not China), BST British Summer Time.
constexpr auto kZones = std::to_array<Zone>({
    {"gmt", 0}, {"utc", 0}, {"ut", 0}, {"z", 0},
    {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"bst", 60}, {"cet", 60}, {"cest", 120}, {"ist", 330},
    {"wet", 0}, {"west", 60}, {"eet", 120}, {"eest", 180}, {"msk", 180},
    {"hkt", 480}, {"sgt", 480}, {"jst", 540}, {"kst", 540},
    {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780},
});

// GMT, UTC, UT: a numeric offset right after them is the zone
// ("GMT+0100", as JavaScript's Date.toString() writes it).
bool IsUtcName(std::string_view lower) {
  return lower == "gmt" || lower == "utc" || lower == "ut";
}

struct Token {
  enum Kind { kNumber, kWord, kClock, kZone, kOther } kind;
  std::string_view text;
  int value = 0;
};

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (IsDigit(c)) {
      Fields f;
      size_t j = i;
      if (Clock(s, &j, &f)) {
        Token t{Token::kClock, s.substr(i, j - i),
                f.hour * 3600 + f.minute * 60 + f.second};
        out.push_back(t);
        i = j;
        continue;
      }
      while (j < s.size() && IsDigit(s[j])) ++j;
      Token t{Token::kNumber, s.substr(i, j - i), 0};
      for (char d : t.text.substr(0, 6)) t.value = t.value * 10 + (d - '0');
      out.push_back(t);
      i = j;
      // An ordinal's suffix is part of the number: "March 5th", "1st".
      if (t.text.size() <= 2 && i + 2 <= s.size() && (i + 2 == s.size() || !IsAlpha(s[i + 2]))) {
        const char a = AsciiLower(s[i]), b = i + 1 < s.size() ? AsciiLower(s[i + 1]) : 0;
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h')) {
          i += 2;
        }
      }
    } else if (IsWordByte(c)) {
      size_t j = i;
      while (j < s.size() && IsWordByte(s[j])) ++j;
      out.push_back({Token::kWord, s.substr(i, j - i), 0});
      i = j;
    } else if ((c == '+' || c == '-') && i + 4 < s.size() + 1 && !out.empty() &&
               (out.back().kind == Token::kClock ||
                out.back().kind == Token::kWord)) {
      std::optional<int> zone;
      size_t j = i;
      if (NumericZone(s, &j, &zone)) {
        out.push_back({Token::kZone, s.substr(i, j - i), *zone});
        i = j;
      } else {
        ++i;
      }
    } else {
      if (c != ' ' && c != ',' && c != '.') {
        out.push_back({Token::kOther, s.substr(i, 1), 0});
      }
      ++i;
    }
  }
  return out;
}

// A month-name date starting at tokens[k] (month first) or ending a day
// before it (day first); fills f and returns the index after it, or 0.
bool IsDateConnector(const Token& t) {
  if (t.kind != Token::kWord || t.text.size() > 3) return false;
  std::string w;
  for (char c : t.text) w += AsciiLower(c);
  return w == "of" || w == "de" || w == "del" || w == "di";
}

size_t MatchWordDate(const std::vector<Token>& t, size_t k, Fields* f) {
  const int month = t[k].kind == Token::kWord ? MonthNumber(t[k].text) : 0;
  if (month == 0) return 0;
  // Month first: "November 18, 2019".
  if (k + 2 < t.size() && t[k + 1].kind == Token::kNumber &&
      t[k + 1].text.size() <= 2 && t[k + 2].kind == Token::kNumber &&
      t[k + 2].text.size() == 4) {
    f->month = month;
    f->day = t[k + 1].value;
    f->year = t[k + 2].value;
    return k + 3;
  }
  // Day first: "18 November 2019", and with a word between ("5th of March
  // 2024", "5 de marzo de 2024", "5 di marzo 2024").
  const size_t d = k >= 2 && IsDateConnector(t[k - 1]) ? k - 2 : k - 1;
  const size_t y = k + 2 < t.size() && IsDateConnector(t[k + 1]) ? k + 2 : k + 1;
  if (k >= 1 && y < t.size() && t[d].kind == Token::kNumber &&
      t[d].text.size() <= 2 && t[y].kind == Token::kNumber && t[y].text.size() == 4) {
    f->month = month;
    f->day = t[d].value;
    f->year = t[y].value;
    return y + 1;
  }
  return 0;
}

// Time and zone after a date: "2:05 PM EST", "14:05:00 GMT", "14:05 +0100".
void MatchTime(const std::vector<Token>& t, size_t k, Fields* f) {
  // Between the date and the time: "at", or a separator ("January 5,
  // 2018 - 15:55", "5 Jan 2018 | 15:55", "5 Jan 2018 @ 15:55").
  if (k < t.size() && t[k].kind == Token::kWord &&
      (t[k].text == "at" || t[k].text == "AT")) {
    ++k;
  } else if (k < t.size() && t[k].kind == Token::kOther &&
             (t[k].text == "-" || t[k].text == "|" || t[k].text == "@")) {
    ++k;
  }
  if (k >= t.size() || t[k].kind != Token::kClock) return;
  int secs = t[k].value;
  ++k;
  if (k < t.size() && t[k].kind == Token::kWord && t[k].text.size() == 2) {
    const char a = AsciiLower(t[k].text[0]);
    if ((a == 'a' || a == 'p') && AsciiLower(t[k].text[1]) == 'm') {
      if (secs >= 13 * 3600) return;  // "14:05 PM" is nonsense
      if (secs >= 12 * 3600) secs -= 12 * 3600;
      if (a == 'p') secs += 12 * 3600;
      ++k;
    }
  }
  f->hour = secs / 3600;
  f->minute = secs / 60 % 60;
  f->second = secs % 60;
  f->has_time = true;
  if (k < t.size() && t[k].kind == Token::kZone) {
    f->offset = t[k].value;
  } else if (k < t.size() && t[k].kind == Token::kWord) {
    std::string w;
    for (char c : t[k].text) w += AsciiLower(c);
    for (const Zone& z : kZones) {
      if (w == z.name) f->offset = z.minutes;
    }
    if (IsUtcName(w) && k + 1 < t.size() && t[k + 1].kind == Token::kZone) {
      f->offset = t[k + 1].value;
    }
  }
}

std::optional<ZonedTime> ParseNumericDayMonth(std::string_view s, bool* ambiguous = nullptr) {
  // "18.11.2019" (day first), "18/11/2019", "11/18/2019", "18-11-2019"
  // (the order the numbers allow), optionally followed by a time.
  Fields f;
  size_t i = 0;
  int first, second;
  if (!Digits(s, &i, 2, &first, false) || i >= s.size()) return std::nullopt;
  const char sep = s[i];
  if ((sep != '.' && sep != '/' && sep != '-') || !Take(s, &i, sep) ||
      !Digits(s, &i, 2, &second, false) || !Take(s, &i, sep) ||
      !Digits(s, &i, 4, &f.year)) {
    return std::nullopt;
  }
  // 03/05/2024: 3 May or March 5. Read on in the European order, so that
  // only a whole date that would be valid either way is called ambiguous.
  const bool either_order = sep != '.' && first <= 12 && second <= 12 && first != second;
  if (sep == '.' || first > 12 || first == second || either_order) {
    f.day = first;  // the European order, and what a day over 12 says
    f.month = second;
  } else {
    f.month = first;  // the American order: the second number is over 12
    f.day = second;
  }
  while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
  if (i < s.size() && !Clock(s, &i, &f)) return std::nullopt;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i != s.size()) return std::nullopt;
  std::optional<ZonedTime> t = Make(f);
  if (t && either_order) {
    if (ambiguous != nullptr) *ambiguous = true;
    return std::nullopt;
  }
  return t;
}

}  // namespace

std::optional<ZonedTime> ParsePageDate(std::string_view text) {
  const std::string_view s = TrimAscii(text);
  if (s.empty() || s.size() > 100) return std::nullopt;
  if (auto t = ParseIso(s)) return t;
  if (auto t = ParseNumericDayMonth(s)) return t;
  const std::vector<Token> tokens = Tokenize(s);
  for (size_t k = 0; k < tokens.size(); ++k) {
    Fields f;
    if (const size_t next = MatchWordDate(tokens, k, &f)) {
      MatchTime(tokens, next, &f);
      return Make(f);
    }
  }
  return std::nullopt;
}

bool IsAmbiguousNumericDate(std::string_view text) {
  bool ambiguous = false;
  ParseNumericDayMonth(TrimAscii(text), &ambiguous);
  return ambiguous;
}

std::optional<ZonedTime> FindDateInUrl(std::string_view url) {
  // Path segments only: skip the scheme and host.
  size_t i = url.find("://");
  i = i == std::string_view::npos ? 0 : url.find('/', i + 3);
  if (i == std::string_view::npos) return std::nullopt;
  for (; i < url.size(); ++i) {
    if (url[i] != '/' && url[i] != '-' && url[i] != '_') continue;
    Fields f;
    size_t j = i + 1;
    if (!Digits(url, &j, 4, &f.year)) continue;
    if (j < url.size() && (url[j] == '/' || url[j] == '-')) {
      const char sep = url[j++];
      if (!Digits(url, &j, 2, &f.month, false)) continue;
      if (j < url.size() && url[j] == sep) {
        ++j;
        if (!Digits(url, &j, 2, &f.day, false)) continue;
      } else {
        continue;  // year and month only: not a publication day
      }
    } else if (j + 4 <= url.size() && Digits(url, &j, 4, &f.month)) {
      f.day = f.month % 100;  // "20191118"
      f.month /= 100;
    } else {
      continue;
    }
    if (j < url.size() && IsDigit(url[j])) continue;
    if (auto t = Make(f)) return t;
  }
  return std::nullopt;
}

std::optional<ZonedTime> FindDateInText(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(text.substr(0, 4096));
  for (size_t k = 0; k < tokens.size(); ++k) {
    Fields f;
    if (const size_t next = MatchWordDate(tokens, k, &f)) {
      MatchTime(tokens, next, &f);
      if (auto t = Make(f)) return t;
    }
  }
  return std::nullopt;
}

}  // namespace newsloom
