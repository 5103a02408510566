// TimexSpec -> TIMEX3 value.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

#include "timex/timex.h"

namespace newsloom {
namespace {

constexpr const char* kSeasonCodes[] = {"", "SP", "SU", "FA", "WI"};
// News mostly reports the past: a date without a year stays in the
// anchor's year unless it would lie more than this far ahead / behind.
constexpr int64_t kFarFutureDays = 183;
// The middle month of spring, summer, fall and winter.
constexpr int kSeasonMidMonth[] = {0, 4, 7, 10, 1};
constexpr int64_t kFarPastDays = 300;
// A weekday with no tense cue is the nearest day of that name, but a week
// has seven days, so one of -4 / +3 must win: news mostly reports what
// happened, and in the TimeML corpora a bare weekday four days back is
// more common than three days ahead (TimeBank and AQUAINT: 12 against 3;
// the Spanish ones about even once "próximo" / "pasado" are set aside).
// The window is [-4, +2].
constexpr int kBareWeekdayDaysBack = 4;

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

// Months in one `unit` for the month-based units; 0 for the others.
int MonthsPer(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMonth: return 1;
    case TimeUnit::kQuarter: return 3;
    case TimeUnit::kSeason: return 3;
    case TimeUnit::kHalf: return 6;
    case TimeUnit::kYear: return 12;
    case TimeUnit::kDecade: return 120;
    case TimeUnit::kCentury: return 1200;
    default: return 0;
  }
}

std::optional<CivilDay> Shift(const CivilDay& d, TimeUnit unit, int n) {
  switch (unit) {
    case TimeUnit::kDay: return AddDays(d, n);
    case TimeUnit::kWeek:
    case TimeUnit::kWeekend: return AddDays(d, int64_t{7} * n);
    case TimeUnit::kSecond:
    case TimeUnit::kMinute:
    case TimeUnit::kHour:
    case TimeUnit::kPartOfDay:
    case TimeUnit::kNone: return d;  // below a day: the day itself
    default: return AddMonths(d, int64_t{MonthsPer(unit)} * n);
  }
}

int SeasonOf(int month) {
  // Meteorological (northern) seasons.
  if (month >= 3 && month <= 5) return 1;
  if (month >= 6 && month <= 8) return 2;
  if (month >= 9 && month <= 11) return 3;
  return 4;
}

// The value of a base day `d` at `spec`'s granularity.
std::string Format(const TimexSpec& spec, const CivilDay& d) {
  const std::string year = Pad(d.year, 4);
  switch (spec.granularity) {
    case TimeUnit::kWeek:
    case TimeUnit::kWeekend: {
      int wy = 0, w = 0;
      IsoWeek(d, &wy, &w);
      std::string v = Pad(wy, 4) + "-W" + Pad(w, 2);
      if (spec.granularity == TimeUnit::kWeekend) v += "-WE";
      return v;
    }
    case TimeUnit::kMonth: return year + "-" + Pad(d.month, 2);
    case TimeUnit::kQuarter:
      return year + "-Q" +
             std::to_string(spec.part > 0 ? spec.part : (d.month - 1) / 3 + 1);
    case TimeUnit::kHalf:
      return year + "-H" +
             std::to_string(spec.part > 0 ? spec.part : (d.month - 1) / 6 + 1);
    case TimeUnit::kSeason: {
      const int s =
          spec.part > 0 && spec.part <= 4 ? spec.part : SeasonOf(d.month);
      // A winter is named by the year of its January and February.
      const int y = spec.part == 0 && d.month == 12 ? d.year + 1 : d.year;
      return Pad(y, 4) + "-" + kSeasonCodes[s];
    }
    case TimeUnit::kYear: return year;
    case TimeUnit::kDecade: return year.substr(0, 3);
    case TimeUnit::kCentury: return year.substr(0, 2);
    default: return FormatDay(d) + spec.time_suffix;
  }
}

std::string Placeholder(const TimexSpec& spec) {
  const bool cal = spec.base == TimexSpec::Base::kCalendar;
  const std::string month =
      cal && spec.month > 0 ? Pad(spec.month, 2) : std::string("XX");
  switch (spec.granularity) {
    case TimeUnit::kWeek: return "XXXX-WXX";
    case TimeUnit::kWeekend: return "XXXX-WXX-WE";
    case TimeUnit::kMonth: return "XXXX-" + month;
    case TimeUnit::kQuarter:
      return spec.part > 0 ? "XXXX-Q" + std::to_string(spec.part) : "XXXX-QX";
    case TimeUnit::kHalf:
      return spec.part > 0 ? "XXXX-H" + std::to_string(spec.part) : "XXXX-HX";
    case TimeUnit::kSeason:
      return std::string("XXXX-") +
             (spec.part > 0 && spec.part <= 4 ? kSeasonCodes[spec.part] : "XX");
    case TimeUnit::kYear: return "XXXX";
    case TimeUnit::kDecade: return "XXX";
    case TimeUnit::kCentury: return "XX";
    default:
      if (spec.base == TimexSpec::Base::kWeekday) {
        return "XXXX-WXX-" + std::to_string(spec.weekday) + spec.time_suffix;
      }
      return "XXXX-" + month + "-" +
             (cal && spec.day > 0 ? Pad(spec.day, 2) : std::string("XX")) +
             spec.time_suffix;
  }
}

// kCalendar without a year: the anchor's year, unless that puts the date
// far in the future (a January article's "December 5" is last December)
// or far in the past (a December article's "January 5" is next January).
// direction -2/+2 ("last April", "next April") picks the occurrence
// strictly before / after the anchor's month; -1/+1 (the sentence's tense)
// the latest on or before / the first on or after the anchor.
int NearestYear(const TimexSpec& spec, const CivilDay& anchor) {
  int month = spec.month > 0 ? spec.month : 7;
  if (spec.granularity == TimeUnit::kQuarter && spec.part > 0)
    month = spec.part * 3 - 1;
  if (spec.granularity == TimeUnit::kSeason && spec.part > 0)
    month = kSeasonMidMonth[spec.part];
  if (spec.direction == -2) {
    return month < anchor.month ? anchor.year : anchor.year - 1;
  }
  if (spec.direction == 2) {
    return month > anchor.month ? anchor.year : anchor.year + 1;
  }
  // A day compares by day; a month by its last / first day.
  const int day = spec.day > 0 ? spec.day
                  : spec.direction < 0 ? 1
                  : spec.direction > 0 ? DaysInMonth(anchor.year, month)
                                       : 15;
  const CivilDay d{anchor.year, month,
                   std::min(day, DaysInMonth(anchor.year, month))};
  const int64_t delta = DayNumber(d) - DayNumber(anchor);
  if (spec.direction < 0) return delta <= 0 ? anchor.year : anchor.year - 1;
  if (spec.direction > 0) return delta >= 0 ? anchor.year : anchor.year + 1;
  if (delta > kFarFutureDays) return anchor.year - 1;
  if (delta < -kFarPastDays) return anchor.year + 1;
  return anchor.year;
}

// A day and month without a year that the text gives with a weekday
// ("jeudi 12 novembre"): when the weekday does not fall on it in `year`,
// the year nearest the anchor in which it does (a page's "Thursday 12
// November" in a 2011 article is not Saturday 2011-11-12). Any day and
// month meet every weekday within kWeekdayYearSearch years either way,
// except February 29; without such a year, `year` stays.
constexpr int kWeekdayYearSearch = 6;

int YearOfWeekday(const TimexSpec& spec, const CivilDay& anchor, int year) {
  auto agrees = [&](int y) {
    const CivilDay d{y, spec.month, spec.day};
    return IsValidDay(d) && IsoWeekday(d) == spec.weekday;
  };
  if (agrees(year)) return year;
  int best = year;
  int64_t best_distance = -1;
  for (int y = anchor.year - kWeekdayYearSearch;
       y <= anchor.year + kWeekdayYearSearch; ++y) {
    if (!agrees(y)) continue;
    const int64_t distance =
        std::abs(DayNumber(CivilDay{y, spec.month, spec.day}) -
                 DayNumber(anchor));
    // Strictly nearer wins, so of two as near the earlier stays: news
    // reports the past.
    if (best_distance < 0 || distance < best_distance) {
      best = y;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

std::string_view UnitName(TimeUnit u) {
  static constexpr std::string_view kNames[] = {
      "none", "second", "minute", "hour", "partofday", "day", "weekend",
      "week", "month", "season", "quarter", "half", "year", "decade",
      "century"};
  const size_t i = static_cast<size_t>(u);
  return i < std::size(kNames) ? kNames[i] : "?";
}

std::string_view TimexTypeName(TimexType t) {
  switch (t) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
  }
  return "DATE";
}

bool TimexSpec::NeedsAnchor() const {
  switch (base) {
    case Base::kLiteral: return false;
    case Base::kCalendar: return year == 0;
    default: return true;
  }
}

std::string TimexSpec::DebugString() const {
  std::string s;
  switch (base) {
    case Base::kLiteral: s = "literal:" + literal; break;
    case Base::kCalendar:
      s = "calendar:" + std::to_string(year) + "-" + Pad(month, 2) + "-" +
          Pad(day, 2);
      break;
    case Base::kOffset:
      s = "offset:" + std::string(UnitName(offset_unit)) + ":" +
          std::to_string(offset);
      break;
    case Base::kWeekday:
      s = "weekday:" + std::to_string(weekday) + ":" +
          std::to_string(direction);
      break;
  }
  if (base != Base::kLiteral) {
    s += "/" + std::string(UnitName(granularity));
    if (part > 0) s += "." + std::to_string(part);
  }
  if (!time_suffix.empty()) s += "/" + time_suffix;
  return s;
}

std::string ResolveSpec(const TimexSpec& spec,
                        const std::optional<CivilDay>& anchor) {
  if (spec.base == TimexSpec::Base::kLiteral) return spec.literal;
  if (spec.base == TimexSpec::Base::kCalendar && spec.year > 0) {
    CivilDay d{spec.year, spec.month > 0 ? spec.month : 1,
               spec.day > 0 ? spec.day : 1};
    if (!IsValidDay(d)) return Placeholder(spec);
    return Format(spec, d);
  }
  if (!anchor || !IsValidDay(*anchor)) return Placeholder(spec);
  std::optional<CivilDay> d;
  switch (spec.base) {
    case TimexSpec::Base::kCalendar: {
      int y = NearestYear(spec, *anchor);
      if (spec.weekday >= 1 && spec.weekday <= 7 && spec.month > 0 &&
          spec.day > 0)
        y = YearOfWeekday(spec, *anchor, y);
      CivilDay c{y, spec.month > 0 ? spec.month : anchor->month,
                 spec.day > 0 ? spec.day : 1};
      if (spec.month == 0 && spec.day == 0) c = {y, anchor->month, 1};
      if (IsValidDay(c)) d = c;
      break;
    }
    case TimexSpec::Base::kOffset:
      d = Shift(*anchor, spec.offset_unit, spec.offset);
      break;
    case TimexSpec::Base::kWeekday: {
      const int today = IsoWeekday(*anchor);
      const int w = spec.weekday >= 1 && spec.weekday <= 7 ? spec.weekday : 1;
      int delta = w - today;  // same ISO week
      if (spec.direction == 0) {  // nearest, leaning back (see above)
        if (delta > 6 - kBareWeekdayDaysBack) delta -= 7;
        if (delta < -kBareWeekdayDaysBack) delta += 7;
      }
      if (spec.direction == -1 && delta > 0) delta -= 7;
      if (spec.direction == -2 && delta >= 0) delta -= 7;
      if (spec.direction == 1 && delta < 0) delta += 7;
      if (spec.direction == 2 && delta <= 0) delta += 7;
      d = AddDays(*anchor, delta);
      break;
    }
    default:
      break;
  }
  if (!d) return Placeholder(spec);
  return Format(spec, *d);
}

Timex Resolve(const Timex& timex, const std::optional<CivilDay>& anchor) {
  Timex r = timex;
  r.value = ResolveSpec(timex.spec, anchor);
  r.anchor = timex.spec.NeedsAnchor() && anchor && IsValidDay(*anchor)
                 ? FormatDay(*anchor) : std::string();
  return r;
}

}  // namespace newsloom
