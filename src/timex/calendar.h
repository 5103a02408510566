// Calendar arithmetic on civil days (proleptic Gregorian, no time zones):
// the few operations time expressions need to move an anchor day by days,
// weeks, months, quarters and years, and to name ISO weeks.
//
// Thread safety: plain values and pure functions.
#ifndef NEWSLOOM_TIMEX_CALENDAR_H_
#define NEWSLOOM_TIMEX_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsloom {

// A calendar day. Valid days have year 1..9999 (what four-digit ISO values
// can name), month 1..12 and a day that exists in that month.
struct CivilDay {
  int year = 1970;
  int month = 1;
  int day = 1;

  friend bool operator==(const CivilDay&, const CivilDay&) = default;
};

inline constexpr int kMinCivilYear = 1;
inline constexpr int kMaxCivilYear = 9999;

// Whether `d` is a real day in years kMinCivilYear..kMaxCivilYear.
bool IsValidDay(const CivilDay& d);

// Days in `month` of `year`. REQUIRES: 1 <= month <= 12.
int DaysInMonth(int year, int month);

// Days since 1970-01-01 and back. REQUIRES: a valid day / a day number
// inside the valid years.
int64_t DayNumber(const CivilDay& d);
CivilDay DayFromNumber(int64_t n);

// ISO weekday: Monday 1 ... Sunday 7. REQUIRES: a valid day.
int IsoWeekday(const CivilDay& d);

// `d` moved by `n` days / months / years. Months and years keep the day of
// the month, clamped to the month's length (Jan 31 + 1 month = Feb 29 in a
// leap year). Returns nullopt when the result leaves the valid years.
std::optional<CivilDay> AddDays(const CivilDay& d, int64_t n);
std::optional<CivilDay> AddMonths(const CivilDay& d, int64_t n);

// ISO 8601 week-numbering year and week of `d` (2024-02-26 -> 2024, 9).
void IsoWeek(const CivilDay& d, int* week_year, int* week);

// "2024-02-26". REQUIRES: a valid day.
std::string FormatDay(const CivilDay& d);

// Parses the date part of an ISO 8601 date or date-time ("2024-02-26",
// "2024-02-26T21:45:41Z"): the first ten characters must be YYYY-MM-DD
// naming a valid day. Returns nullopt otherwise.
std::optional<CivilDay> ParseDay(std::string_view iso);

}  // namespace newsloom

#endif  // NEWSLOOM_TIMEX_CALENDAR_H_
