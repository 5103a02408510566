#include "base/time.h"

#include <cstdio>
#include <optional>
#include <string>

#include "base/utf8.h"

namespace newsloom {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at s[*pos]; advances *pos.
bool ReadDigits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Accept(std::string_view s, size_t* pos, char c) {
  if (*pos < s.size() && s[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// The instants ZonedTime accepts: years 1000..9999 in UTC, so that what we
// format is read back ("9999-12-31T23:59-10:00" is in the year 10000).
bool InAcceptedYears(int64_t utc) {
  static const int64_t kFirst = DaysFromCivil(1000, 1, 1) * kSecondsPerDay;
  static const int64_t kEnd = DaysFromCivil(10000, 1, 1) * kSecondsPerDay;
  return utc >= kFirst && utc < kEnd;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// The next run of ASCII letters at s[*pos] (possibly empty), lowercased.
std::string ReadWord(std::string_view s, size_t* pos) {
  std::string w;
  while (*pos < s.size() && ((s[*pos] >= 'a' && s[*pos] <= 'z') ||
                             (s[*pos] >= 'A' && s[*pos] <= 'Z'))) {
    w += LowerAscii(s[(*pos)++]);
  }
  return w;
}

// 1..2 or 4 digits; returns how many were read (0 when none).
int ReadNumber(std::string_view s, size_t* pos, int max_digits, int* out) {
  int n = 0, v = 0;
  while (*pos < s.size() && n < max_digits && s[*pos] >= '0' && s[*pos] <= '9') {
    v = v * 10 + (s[(*pos)++] - '0');
    ++n;
  }
  *out = v;
  return n;
}

void SkipSpaces(std::string_view s, size_t* pos) {
  while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t')) ++*pos;
}

// 1..12 for an English month name, full or its first three letters.
int Rfc822Month(std::string_view word) {
  static constexpr std::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i) {
    if (word == kMonths[i] || (word.size() == 3 && kMonths[i].starts_with(word))) {
      return i + 1;
    }
  }
  return 0;
}

bool IsDayName(std::string_view word) {
  static constexpr std::string_view kDays[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday"};
  for (std::string_view d : kDays) {
    if (word == d || (word.size() == 3 && d.starts_with(word))) return true;
  }
  return false;
}

// Minutes east of UTC of a zone name RFC 822 allows; nullopt if unknown.
std::optional<int> NamedZoneMinutes(std::string_view name) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr Zone kZones[] = {
      {"ut", 0},       {"utc", 0},      {"gmt", 0},      {"z", 0},
      {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
      {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60}};
  for (const Zone& z : kZones) {
    if (z.name == name) return z.minutes;
  }
  return std::nullopt;
}

}  // namespace

bool IsValidCivilDate(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 &&
         day <= static_cast<int>(DaysInMonth(year, month));
}

int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Result<UnixSeconds> ParseIsoTime(std::string_view text) {
  ASSIGN_OR_RETURN(const ZonedTime t, ParseIsoTimeZoned(text));
  return t.utc;
}

Result<ZonedTime> ParseIsoTimeZoned(std::string_view text) {
  const std::string_view s = TrimAscii(text);
  ZonedTime out;
  auto bad = [&]() {
    return Status::InvalidArgument("not an ISO 8601 date: \"" +
                                   Abbreviate(s, 60) + "\"");
  };
  size_t pos = 0;
  int y, mo, d;
  if (!ReadDigits(s, &pos, 4, &y) || !Accept(s, &pos, '-') ||
      !ReadDigits(s, &pos, 2, &mo) || !Accept(s, &pos, '-') ||
      !ReadDigits(s, &pos, 2, &d)) {
    return bad();
  }
  if (y < 1000 || !IsValidCivilDate(y, mo, d)) return bad();
  int hh = 0, mm = 0, ss = 0;
  int64_t offset_minutes = 0;
  if (pos < s.size()) {
    out.has_time = true;
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return bad();
    ++pos;
    if (!ReadDigits(s, &pos, 2, &hh) || !Accept(s, &pos, ':') ||
        !ReadDigits(s, &pos, 2, &mm)) {
      return bad();
    }
    if (Accept(s, &pos, ':') && !ReadDigits(s, &pos, 2, &ss)) return bad();
    if (Accept(s, &pos, '.') || Accept(s, &pos, ',')) {
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return bad();
    }
    if (hh > 23 || mm > 59 || ss > 60) return bad();
    if (Accept(s, &pos, 'Z') || Accept(s, &pos, 'z')) {
      out.offset_minutes = 0;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      const int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh, om = 0;
      if (!ReadDigits(s, &pos, 2, &oh)) return bad();
      Accept(s, &pos, ':');
      if (pos < s.size() && !ReadDigits(s, &pos, 2, &om)) return bad();
      if (oh > 14 || om > 59) return bad();
      offset_minutes = sign * (oh * 60 + om);
      out.offset_minutes = static_cast<int>(offset_minutes);
    }
    if (pos != s.size()) return bad();
  }
  const int64_t days = DaysFromCivil(y, mo, d);
  out.utc = days * kSecondsPerDay + hh * 3600 + mm * 60 + (ss > 59 ? 59 : ss) -
            offset_minutes * 60;
  if (!InAcceptedYears(out.utc)) return bad();
  return out;
}

Result<ZonedTime> ParseRfc822TimeZoned(std::string_view text) {
  const std::string_view s = TrimAscii(text);
  auto bad = [&]() {
    return Status::InvalidArgument("not an RFC 822 date: \"" +
                                   Abbreviate(s, 60) + "\"");
  };
  size_t pos = 0;
  // [weekday ","]
  size_t word_start = pos;
  std::string word = ReadWord(s, &pos);
  if (!word.empty()) {
    if (!IsDayName(word)) return bad();
    SkipSpaces(s, &pos);
    Accept(s, &pos, ',');
    SkipSpaces(s, &pos);
  } else {
    pos = word_start;
  }
  // day month year
  int d, y;
  if (ReadNumber(s, &pos, 2, &d) == 0) return bad();
  SkipSpaces(s, &pos);
  const int mo = Rfc822Month(ReadWord(s, &pos));
  if (mo == 0) return bad();
  SkipSpaces(s, &pos);
  const int year_digits = ReadNumber(s, &pos, 4, &y);
  if (year_digits == 2) {
    y += y < 50 ? 2000 : 1900;
  } else if (year_digits != 4) {
    return bad();
  }
  if (y < 1000 || !IsValidCivilDate(y, mo, d)) return bad();
  ZonedTime out;
  int hh = 0, mm = 0, ss = 0;
  int offset_minutes = 0;
  SkipSpaces(s, &pos);
  if (pos < s.size()) {
    out.has_time = true;
    if (!ReadDigits(s, &pos, 2, &hh) || !Accept(s, &pos, ':') ||
        !ReadDigits(s, &pos, 2, &mm)) {
      return bad();
    }
    if (Accept(s, &pos, ':') && !ReadDigits(s, &pos, 2, &ss)) return bad();
    if (hh > 23 || mm > 59 || ss > 60) return bad();
    SkipSpaces(s, &pos);
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      const int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh, om;
      if (!ReadDigits(s, &pos, 2, &oh) || !ReadDigits(s, &pos, 2, &om) ||
          oh > 14 || om > 59) {
        return bad();
      }
      offset_minutes = sign * (oh * 60 + om);
      out.offset_minutes = offset_minutes;
    } else if (pos < s.size()) {
      const std::optional<int> zone = NamedZoneMinutes(ReadWord(s, &pos));
      if (!zone) return bad();
      offset_minutes = *zone;
      out.offset_minutes = offset_minutes;
    }
    SkipSpaces(s, &pos);
    if (pos != s.size()) return bad();
  }
  out.utc = DaysFromCivil(y, mo, d) * kSecondsPerDay + hh * 3600 + mm * 60 +
            (ss > 59 ? 59 : ss) - int64_t{offset_minutes} * 60;
  if (!InAcceptedYears(out.utc)) return bad();
  return out;
}

void CivilFromDays(int64_t z, int* y, unsigned* m, unsigned* d) {
  // Hinnant's civil_from_days.
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yy + (*m <= 2));
}

int64_t UtcDay(UnixSeconds t) { return FloorDiv(t, kSecondsPerDay); }

std::string FormatIsoDate(UnixSeconds t) {
  int y;
  unsigned m, d;
  CivilFromDays(UtcDay(t), &y, &m, &d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string FormatIsoTime(UnixSeconds t) {
  const int64_t days = FloorDiv(t, kSecondsPerDay);
  const int64_t secs = t - days * kSecondsPerDay;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ",
                FormatIsoDate(t).c_str(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

std::string FormatZonedTime(const ZonedTime& t) {
  if (!t.has_time) return FormatIsoDate(t.utc);
  const int offset = t.offset_minutes.value_or(0);
  std::string local = FormatIsoTime(t.utc + int64_t{offset} * 60);
  local.pop_back();  // the 'Z'
  if (!t.offset_minutes) return local;
  if (offset == 0) return local + "Z";
  const int a = offset < 0 ? -offset : offset;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 60,
                a % 60);
  return local + buf;
}

}  // namespace newsloom
