#include "timex/calendar.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

TEST(Calendar, DayNumbersRoundTrip) {
  EXPECT_EQ(DayNumber({1970, 1, 1}), 0);
  EXPECT_EQ(DayFromNumber(DayNumber({2024, 2, 29})), (CivilDay{2024, 2, 29}));
  EXPECT_EQ(DayFromNumber(DayNumber({1, 1, 1})), (CivilDay{1, 1, 1}));
  EXPECT_EQ(DayFromNumber(DayNumber({9999, 12, 31})), (CivilDay{9999, 12, 31}));
}

// Slow oracle: walking day by day from 1899-12-25 must agree with the
// closed forms for day numbers, weekdays and ISO weeks.
TEST(Calendar, AgreesWithADayByDayWalk) {
  CivilDay d{1899, 12, 25};  // a Monday, ISO week 52 of 1899
  int weekday = 1;
  int week_year = 1899, week = 52;
  int64_t n = DayNumber(d);
  for (int i = 0; i < 300 * 366; ++i) {
    ASSERT_EQ(DayNumber(d), n) << FormatDay(d);
    ASSERT_EQ(IsoWeekday(d), weekday) << FormatDay(d);
    int wy = 0, w = 0;
    IsoWeek(d, &wy, &w);
    ASSERT_EQ(wy, week_year) << FormatDay(d);
    ASSERT_EQ(w, week) << FormatDay(d);
    // Next day, the slow way.
    if (++d.day > DaysInMonth(d.year, d.month)) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
    ++n;
    weekday = weekday % 7 + 1;
    if (weekday == 1) {
      // A new ISO week; it belongs to the year of its Thursday.
      CivilDay thursday = *AddDays(d, 3);
      if (thursday.year != week_year) {
        week_year = thursday.year;
        week = 1;
      } else {
        ++week;
      }
    }
  }
}

TEST(Calendar, AddMonthsClampsTheDay) {
  EXPECT_EQ(*AddMonths({2024, 1, 31}, 1), (CivilDay{2024, 2, 29}));
  EXPECT_EQ(*AddMonths({2023, 3, 31}, -1), (CivilDay{2023, 2, 28}));
  EXPECT_EQ(*AddMonths({2024, 2, 26}, -12), (CivilDay{2023, 2, 26}));
  EXPECT_EQ(*AddMonths({2024, 11, 15}, 3), (CivilDay{2025, 2, 15}));
}

TEST(Calendar, LeavingTheValidYearsIsNullopt) {
  EXPECT_FALSE(AddDays({9999, 12, 31}, 1));
  EXPECT_FALSE(AddDays({1, 1, 1}, -1));
  EXPECT_FALSE(AddMonths({2024, 1, 1}, -12 * 3000));
  EXPECT_FALSE(AddMonths({2024, 1, 1}, INT64_MAX / 2));
  EXPECT_FALSE(AddDays({2024, 1, 1}, INT64_MIN / 2));
}

TEST(Calendar, ParseDay) {
  EXPECT_EQ(*ParseDay("2024-02-26"), (CivilDay{2024, 2, 26}));
  EXPECT_EQ(*ParseDay("2024-02-26T21:45:41Z"), (CivilDay{2024, 2, 26}));
  EXPECT_FALSE(ParseDay("2024-02-30"));
  EXPECT_FALSE(ParseDay("2024-2-3"));
  EXPECT_FALSE(ParseDay(""));
  EXPECT_FALSE(ParseDay("0000-01-01"));
}

}  // namespace
}  // namespace newsloom
