#include <gtest/gtest.h>

#include "timex/timex.h"

namespace newsloom {
namespace {

const std::optional<CivilDay> kTuesday = CivilDay{2024, 3, 5};

TimexSpec Weekday(int weekday, int direction) {
  TimexSpec s;
  s.base = TimexSpec::Base::kWeekday;
  s.weekday = weekday;
  s.direction = direction;
  return s;
}

TimexSpec Offset(TimeUnit unit, int n) {
  TimexSpec s;
  s.base = TimexSpec::Base::kOffset;
  s.offset_unit = unit;
  s.offset = n;
  s.granularity = unit;
  return s;
}

TEST(Resolve, Weekdays) {
  // Tuesday 2024-03-05 is in ISO week 10 (Monday 03-04 .. Sunday 03-10).
  EXPECT_EQ(ResolveSpec(Weekday(4, 0), kTuesday), "2024-03-07");  // nearest
  EXPECT_EQ(ResolveSpec(Weekday(6, 0), kTuesday), "2024-03-02");  // 3 back
  // Four days back wins over three ahead: news reports the past.
  EXPECT_EQ(ResolveSpec(Weekday(5, 0), kTuesday), "2024-03-01");  // 4 back
  EXPECT_EQ(ResolveSpec(Weekday(4, 0), CivilDay{2024, 3, 4}),
            "2024-02-29");  // a Monday's Thursday: 4 back, not 3 ahead
  EXPECT_EQ(ResolveSpec(Weekday(2, 0), kTuesday), "2024-03-05");  // today
  EXPECT_EQ(ResolveSpec(Weekday(4, -1), kTuesday), "2024-02-29");
  EXPECT_EQ(ResolveSpec(Weekday(2, -1), kTuesday), "2024-03-05");
  EXPECT_EQ(ResolveSpec(Weekday(2, -2), kTuesday), "2024-02-27");
  EXPECT_EQ(ResolveSpec(Weekday(1, 1), kTuesday), "2024-03-11");
  EXPECT_EQ(ResolveSpec(Weekday(2, 2), kTuesday), "2024-03-12");
  EXPECT_EQ(ResolveSpec(Weekday(7, 3), kTuesday), "2024-03-10");  // this Sunday
}

TEST(Resolve, OffsetsAtTheirGranularity) {
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kDay, -1), kTuesday), "2024-03-04");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kWeek, -1), kTuesday), "2024-W09");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kMonth, 1), kTuesday), "2024-04");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kQuarter, -1), kTuesday), "2023-Q4");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kYear, -2), kTuesday), "2022");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kDecade, -3), kTuesday), "199");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kWeekend, 0), kTuesday),
            "2024-W10-WE");
  // Week years: 2024-12-30 is in week 1 of 2025.
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kWeek, 0), CivilDay{2024, 12, 30}),
            "2025-W01");
}

TEST(Resolve, DatesWithoutAYearLeanToThePast) {
  TimexSpec s;
  s.base = TimexSpec::Base::kCalendar;
  s.month = 12;
  s.day = 5;
  EXPECT_EQ(ResolveSpec(s, CivilDay{2024, 1, 10}), "2023-12-05");
  EXPECT_EQ(ResolveSpec(s, CivilDay{2024, 11, 10}), "2024-12-05");
  s.month = 1;
  EXPECT_EQ(ResolveSpec(s, CivilDay{2023, 12, 20}), "2024-01-05");
  EXPECT_EQ(ResolveSpec(s, CivilDay{2023, 9, 20}), "2023-01-05");
  s.month = 4;
  s.day = 0;
  s.granularity = TimeUnit::kMonth;
  s.direction = -2;  // "last April"
  EXPECT_EQ(ResolveSpec(s, CivilDay{1989, 10, 27}), "1989-04");
  EXPECT_EQ(ResolveSpec(s, CivilDay{1989, 4, 27}), "1988-04");
  s.direction = 2;   // "next April"
  EXPECT_EQ(ResolveSpec(s, CivilDay{1989, 4, 27}), "1990-04");
}

TEST(Resolve, AWeekdayWithADayPicksTheYearTheyAgreeIn) {
  TimexSpec s;
  s.base = TimexSpec::Base::kCalendar;
  s.month = 11;
  s.day = 12;
  s.weekday = 4;  // "jeudi 12 novembre": a Thursday in 2009 and 2015
  EXPECT_EQ(ResolveSpec(s, CivilDay{2011, 12, 1}), "2009-11-12");
  EXPECT_EQ(ResolveSpec(s, CivilDay{2014, 12, 1}), "2015-11-12");
  EXPECT_EQ(ResolveSpec(s, CivilDay{2015, 11, 20}), "2015-11-12");
  s.weekday = 6;  // Saturday: 2011 itself agrees
  EXPECT_EQ(ResolveSpec(s, CivilDay{2011, 12, 1}), "2011-11-12");
  // February 29 on a Sunday: 2004, then 2032; none within six years of
  // 2020, so the year is the one without the weekday.
  s.month = 2;
  s.day = 29;
  s.weekday = 7;
  EXPECT_EQ(ResolveSpec(s, CivilDay{2032, 3, 10}), "2032-02-29");
  EXPECT_EQ(ResolveSpec(s, CivilDay{2020, 3, 10}), "2020-02-29");
}

TEST(Resolve, WithoutAnAnchorValuesArePlaceholders) {
  const std::optional<CivilDay> none;
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kDay, -1), none), "XXXX-XX-XX");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kWeek, -1), none), "XXXX-WXX");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kMonth, 1), none), "XXXX-XX");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kYear, 1), none), "XXXX");
  EXPECT_EQ(ResolveSpec(Weekday(4, 0), none), "XXXX-WXX-4");
  TimexSpec s;
  s.base = TimexSpec::Base::kCalendar;
  s.month = 2;
  s.day = 26;
  EXPECT_EQ(ResolveSpec(s, none), "XXXX-02-26");
  // Out of the valid years: the placeholder too, never a crash.
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kYear, -9000), kTuesday), "XXXX");
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kDay, 1 << 30), kTuesday),
            "XXXX-XX-XX");
  // An invalid anchor counts as none.
  EXPECT_EQ(ResolveSpec(Offset(TimeUnit::kDay, -1), CivilDay{2024, 2, 30}),
            "XXXX-XX-XX");
}

TEST(Resolve, DebugStrings) {
  EXPECT_EQ(Offset(TimeUnit::kDay, -1).DebugString(), "offset:day:-1/day");
  EXPECT_EQ(Weekday(4, 0).DebugString(), "weekday:4:0/day");
  TimexSpec q;
  q.base = TimexSpec::Base::kCalendar;
  q.year = 1998;
  q.month = 7;
  q.granularity = TimeUnit::kQuarter;
  q.part = 3;
  EXPECT_EQ(q.DebugString(), "calendar:1998-07-00/quarter.3");
  EXPECT_EQ(ResolveSpec(q, std::nullopt), "1998-Q3");
}

TEST(Resolve, LaterAnchorReplacesValueAndAnchor) {
  TimexTagger tagger;
  // An undated article: relative values wait for an anchor...
  std::vector<Timex> found =
      tagger.Tag("which was held yesterday Monday in Paris", "en", std::nullopt);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "XXXX-XX-XX");
  EXPECT_EQ(found[0].anchor, "");
  // ...which its story supplies later.
  const Timex later = Resolve(found[0], CivilDay{2024, 2, 27});
  EXPECT_EQ(later.value, "2024-02-26");
  EXPECT_EQ(later.anchor, "2024-02-27");
  EXPECT_EQ(later.text, "yesterday Monday");
  EXPECT_EQ(later.start, found[0].start);
  // Absolute values need no anchor and record none.
  found = tagger.Tag("on Feb. 16, 2024, in Paris", "en", CivilDay{2024, 3, 5});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].anchor, "");
  EXPECT_EQ(Resolve(found[0], CivilDay{1999, 1, 1}).value, "2024-02-16");
}

}  // namespace
}  // namespace newsloom
