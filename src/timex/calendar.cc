#include "timex/calendar.h"

#include <algorithm>
#include <cstdio>

#include "base/time.h"

namespace newsloom {
namespace {

// Day numbers of 0001-01-01 and 9999-12-31, the range DayFromNumber
// accepts.
constexpr int64_t kMinDayNumber = -719162;
constexpr int64_t kMaxDayNumber = 2932896;

}  // namespace

bool IsValidDay(const CivilDay& d) {
  return d.year >= kMinCivilYear && d.year <= kMaxCivilYear &&
         IsValidCivilDate(d.year, d.month, d.day);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int64_t DayNumber(const CivilDay& d) {
  return DaysFromCivil(d.year, static_cast<unsigned>(d.month),
                       static_cast<unsigned>(d.day));
}

// Howard Hinnant's civil_from_days.
CivilDay DayFromNumber(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2);
  return {static_cast<int>(year), static_cast<int>(month),
          static_cast<int>(day)};
}

int IsoWeekday(const CivilDay& d) {
  const int64_t n = DayNumber(d);  // 1970-01-01 was a Thursday (4)
  int64_t w = (n + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

std::optional<CivilDay> AddDays(const CivilDay& d, int64_t n) {
  if (n > kMaxDayNumber - kMinDayNumber || n < kMinDayNumber - kMaxDayNumber)
    return std::nullopt;
  const int64_t r = DayNumber(d) + n;
  if (r < kMinDayNumber || r > kMaxDayNumber) return std::nullopt;
  return DayFromNumber(r);
}

std::optional<CivilDay> AddMonths(const CivilDay& d, int64_t n) {
  constexpr int64_t kMaxMonths = 12 * kMaxCivilYear;
  if (n > kMaxMonths || n < -kMaxMonths) return std::nullopt;
  const int64_t m = int64_t{d.year} * 12 + (d.month - 1) + n;
  const int64_t year = m >= 0 ? m / 12 : (m - 11) / 12;
  if (year < kMinCivilYear || year > kMaxCivilYear) return std::nullopt;
  CivilDay r{static_cast<int>(year), static_cast<int>(m - year * 12) + 1, 1};
  r.day = std::min(d.day, DaysInMonth(r.year, r.month));
  return r;
}

void IsoWeek(const CivilDay& d, int* week_year, int* week) {
  // The week belongs to the year of its Thursday.
  const int64_t n = DayNumber(d);
  const int64_t thursday = n - IsoWeekday(d) + 4;
  const CivilDay t = DayFromNumber(thursday);
  *week_year = t.year;
  *week = static_cast<int>((thursday - DayNumber({t.year, 1, 1})) / 7) + 1;
}

std::string FormatDay(const CivilDay& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<CivilDay> ParseDay(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      v = v * 10 + (iso[i] - '0');
    }
    *out = v;
    return true;
  };
  CivilDay d;
  if (!digits(0, 4, &d.year) || !digits(5, 2, &d.month) ||
      !digits(8, 2, &d.day) || !IsValidDay(d))
    return std::nullopt;
  return d;
}

}  // namespace newsloom
