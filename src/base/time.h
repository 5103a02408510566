// Publication times: parsing ISO 8601 and formatting, without time zones
// databases. Times are seconds since 1970-01-01T00:00:00Z (UnixSeconds).
#ifndef NEWSLOOM_BASE_TIME_H_
#define NEWSLOOM_BASE_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsloom {

using UnixSeconds = int64_t;

// Times read back from saved state beyond this either way (about 34,800
// years from 1970) mean a damaged blob: articles are dated within years
// 1000-9999 (below), and with times this bounded no difference of two of
// them overflows.
inline constexpr UnixSeconds kMaxSavedTime = int64_t{1} << 40;
inline bool SavedTimeInRange(UnixSeconds t) {
  return t >= -kMaxSavedTime && t <= kMaxSavedTime;
}

inline constexpr int64_t kSecondsPerDay = 86400;

// Widens the span [*first, *last] to take in `t`; an empty span (both
// nullopt) becomes [t, t], and an undated `t` changes nothing.
inline void ExtendSpan(std::optional<UnixSeconds>* first,
                       std::optional<UnixSeconds>* last,
                       const std::optional<UnixSeconds>& t) {
  if (!t) return;
  if (!*first || *t < **first) *first = t;
  if (!*last || *t > **last) *last = t;
}

// A span's ends as its outlets' clocks read them: the earliest and the
// latest of its times each moved by the UTC offset it was written in
// (LocalTime, base/article.h; a time without one as it is), so that its
// first and last days are the days its outlets dated its articles, as an
// article's own date is. Kept beside the span of instants [first, last],
// which orders; the two may come from different articles (13:00 UTC
// written -05:00 reads before 11:00 UTC written +05:00).
//
// Widens [*first_local, *last_local] by `local`, the local time of a time
// about to widen [first, last] (ExtendSpan; call this first). A span dated
// before local times were kept (`first` set, `*first_local` not: a saved
// state or a row from before them) stays without them: its days are the
// UTC days of its instants.
inline void ExtendLocalSpan(const std::optional<UnixSeconds>& first,
                            std::optional<UnixSeconds>* first_local,
                            std::optional<UnixSeconds>* last_local,
                            const std::optional<UnixSeconds>& local) {
  if (!local || (first && !*first_local)) return;
  if (!*first_local || *local < **first_local) *first_local = local;
  if (!*last_local || *local > **last_local) *last_local = local;
}

// Parses an ISO 8601 date or date-time:
//   2024-02-26
//   2024-02-26T21:45:41   2024-02-26 21:45   2024-02-26T21:45:41.123
//   2024-02-26T21:45:41Z  2024-02-26T21:45:41+01:00  ...-0500
// A time without an offset is taken as UTC. Leading/trailing spaces are
// ignored. Returns InvalidArgument naming the text for anything else,
// including impossible dates (2024-02-30) and years outside 1000..9999 (of
// the local time, and of the instant in UTC).
Result<UnixSeconds> ParseIsoTime(std::string_view text);

// A time as a page or feed wrote it: the instant, and the UTC offset it
// was written with, when it had one.
struct ZonedTime {
  UnixSeconds utc = 0;
  // Minutes east of UTC as written ("+01:00" -> 60, "Z" -> 0); nullopt when
  // the text named no zone (the time was then read as UTC).
  std::optional<int> offset_minutes;
  bool has_time = false;  // false for a date alone ("2024-02-26")
};

// Parses the ISO 8601 forms ParseIsoTime accepts and keeps the offset.
Result<ZonedTime> ParseIsoTimeZoned(std::string_view text);

// Parses an RFC 822 / RFC 2822 date-time, as RSS writes <pubDate>:
//   Mon, 26 Feb 2024 21:45:41 GMT     26 Feb 2024 21:45 +0100
//   Mon, 5 Feb 24 21:45:41 EST        (two-digit years: 00-49 -> 20xx)
// The weekday is optional and not checked against the date (feeds get it
// wrong); names of days and months are English, any case, and may be
// written in full ("Monday", "February"). Zones: +hhmm / -hhmm, UT, UTC,
// GMT, Z, and the US zones EST EDT CST CDT MST MDT PST PDT. A time without
// a zone is read as UTC with no offset. Leading/trailing spaces and extra
// spaces between fields are ignored. Returns InvalidArgument naming the
// text for anything else, impossible dates and years outside 1000..9999.
Result<ZonedTime> ParseRfc822TimeZoned(std::string_view text);

// "2024-02-26" for a date alone; else the local time with its offset,
// "2024-02-26T21:45:41+01:00", "...Z" for UTC, and no suffix when no zone
// was written.
std::string FormatZonedTime(const ZonedTime& t);

// Whether year-month-day is a real proleptic Gregorian date (2024-02-29
// is, 2023-02-29 and 2024-13-01 are not).
bool IsValidCivilDate(int year, int month, int day);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
// days_from_civil). REQUIRES: a valid date.
int64_t DaysFromCivil(int year, unsigned month, unsigned day);

// Year, month and day of the date `days` days after 1970-01-01
// (DaysFromCivil's inverse).
void CivilFromDays(int64_t days, int* year, unsigned* month, unsigned* day);

// Days since 1970-01-01 of the UTC day containing `t` (rounding down, also
// before 1970).
int64_t UtcDay(UnixSeconds t);

// "YYYY-MM-DD" of the UTC day containing `t`.
std::string FormatIsoDate(UnixSeconds t);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatIsoTime(UnixSeconds t);

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_TIME_H_
