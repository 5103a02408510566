#include "base/time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace newsloom {
namespace {

struct TimeCase {
  std::string_view text;
  const char* utc;  // FormatIsoTime of the result, or nullptr for an error
};

TEST(TimeTest, ParseGoldenTable) {
  const TimeCase kCases[] = {
      {"2024-02-26", "2024-02-26T00:00:00Z"},
      {"  2024-03-05 ", "2024-03-05T00:00:00Z"},
      {"2022-09-24T21:45:41", "2022-09-24T21:45:41Z"},
      {"2022-09-24 21:45", "2022-09-24T21:45:00Z"},
      {"2022-09-24T21:45:41.250", "2022-09-24T21:45:41Z"},
      {"2024-02-26T10:00:00Z", "2024-02-26T10:00:00Z"},
      {"2024-02-26T10:00:00+01:00", "2024-02-26T09:00:00Z"},
      {"2024-02-26T01:00:00-0500", "2024-02-26T06:00:00Z"},
      {"2024-02-29", "2024-02-29T00:00:00Z"},
      {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
      {"2023-02-29", nullptr},
      {"2024-13-01", nullptr},
      {"2024-02-26T25:00", nullptr},
      {"26 February 2024", nullptr},
      {"2024-02-26Tnoon", nullptr},
      {"", nullptr},
      {"0999-01-01", nullptr},
      // The instant must lie in 1000..9999 too (found by fuzz_time).
      {"9999-12-31T23:59:00+10:00", "9999-12-31T13:59:00Z"},
      {"9999-12-31T23:59-10", nullptr},
      {"1000-01-01T00:00+14:00", nullptr},
  };
  for (const auto& c : kCases) {
    Result<UnixSeconds> r = ParseIsoTime(c.text);
    if (c.utc == nullptr) {
      EXPECT_FALSE(r.ok()) << c.text;
      continue;
    }
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status().ToString();
    EXPECT_EQ(FormatIsoTime(*r), c.utc) << c.text;
  }
}

TEST(TimeTest, ErrorNamesText) {
  Result<UnixSeconds> r = ParseIsoTime("yesterday");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("\"yesterday\""), std::string::npos);
}

TEST(TimeTest, DaysAndFormat) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(FormatIsoDate(0), "1970-01-01");
  EXPECT_EQ(FormatIsoDate(-1), "1969-12-31");
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(2024, 2, 29) * 86400), "2024-02-29");
  EXPECT_EQ(UtcDay(0), 0);
  EXPECT_EQ(UtcDay(86399), 0);
  EXPECT_EQ(UtcDay(-1), -1);
  EXPECT_EQ(UtcDay(-86400), -1);
  EXPECT_EQ(UtcDay(-86401), -2);
  // CivilFromDays inverts DaysFromCivil, before 1970 and across leap days.
  for (int64_t day = DaysFromCivil(1600, 1, 1); day < DaysFromCivil(2401, 1, 1);
       day += 13) {
    int y;
    unsigned m, d;
    CivilFromDays(day, &y, &m, &d);
    ASSERT_TRUE(IsValidCivilDate(y, static_cast<int>(m), static_cast<int>(d)));
    ASSERT_EQ(DaysFromCivil(y, m, d), day) << y << "-" << m << "-" << d;
  }
}

// The zone as written survives a round trip: the instant is the same as
// ParseIsoTime's, and the text shows the offset the input had.
TEST(TimeTest, ZonedRoundTrip) {
  struct Case {
    const char* text;
    const char* zoned;
  };
  const Case kCases[] = {
      {"2024-02-26", "2024-02-26"},
      {"2024-02-26T21:45:41", "2024-02-26T21:45:41"},
      {"2024-02-26T21:45:41Z", "2024-02-26T21:45:41Z"},
      {"2024-02-26T21:45:41+01:00", "2024-02-26T21:45:41+01:00"},
      {"2024-02-26T01:15-0530", "2024-02-26T01:15:00-05:30"},
      {"2024-02-26 21:45:41.250+00:00", "2024-02-26T21:45:41Z"},
  };
  for (const Case& c : kCases) {
    Result<ZonedTime> z = ParseIsoTimeZoned(c.text);
    ASSERT_TRUE(z.ok()) << c.text;
    EXPECT_EQ(FormatZonedTime(*z), c.zoned) << c.text;
    EXPECT_EQ(z->utc, *ParseIsoTime(c.text)) << c.text;
  }
  EXPECT_FALSE(ParseIsoTimeZoned("2024-02-30").ok());
}

// RSS <pubDate> forms. `zoned` is FormatZonedTime of the result (the zone
// as written), `utc` the instant; nullptr zoned = refused.
TEST(TimeTest, Rfc822GoldenTable) {
  struct Case {
    std::string_view text;
    const char* zoned;
    const char* utc;
  };
  const Case kCases[] = {
      {"Mon, 26 Feb 2024 21:45:41 GMT", "2024-02-26T21:45:41Z",
       "2024-02-26T21:45:41Z"},
      {"Mon, 26 Feb 2024 21:45:41 +0100", "2024-02-26T21:45:41+01:00",
       "2024-02-26T20:45:41Z"},
      {"26 Feb 2024 21:45 -0530", "2024-02-26T21:45:00-05:30",
       "2024-02-27T03:15:00Z"},
      {"Tue, 5 Mar 2024 08:00:00 EST", "2024-03-05T08:00:00-05:00",
       "2024-03-05T13:00:00Z"},
      {"Sun, 07 Jul 2024 23:30:00 PDT", "2024-07-07T23:30:00-07:00",
       "2024-07-08T06:30:00Z"},
      {"  monday,26 february 2024 21:45:41 ut ", "2024-02-26T21:45:41Z",
       "2024-02-26T21:45:41Z"},
      {"Wed, 02 Oct 02 08:00:00 EST", "2002-10-02T08:00:00-05:00",
       "2002-10-02T13:00:00Z"},
      {"Fri, 31 Dec 99 23:59:59 Z", "1999-12-31T23:59:59Z",
       "1999-12-31T23:59:59Z"},
      {"26 Feb 2024 21:45:41", "2024-02-26T21:45:41", "2024-02-26T21:45:41Z"},
      {"26 Feb 2024", "2024-02-26", "2024-02-26T00:00:00Z"},
      // The weekday is not checked against the date (26 Feb 2024 is a Monday).
      {"Fri, 26 Feb 2024 10:00:00 GMT", "2024-02-26T10:00:00Z",
       "2024-02-26T10:00:00Z"},
      {"Thu, 29 Feb 2024 12:00:60 GMT", "2024-02-29T12:00:59Z",
       "2024-02-29T12:00:59Z"},
      {"Mon, 30 Feb 2024 21:45:41 GMT", nullptr, nullptr},
      {"Mon, 26 Foo 2024 21:45:41 GMT", nullptr, nullptr},
      {"Xyz, 26 Feb 2024 21:45:41 GMT", nullptr, nullptr},
      {"Mon, 26 Feb 2024 21:45:41 CET", nullptr, nullptr},
      {"Mon, 26 Feb 2024 25:45:41 GMT", nullptr, nullptr},
      {"Mon, 26 Feb 2024 21:45:41 +01", nullptr, nullptr},
      {"Mon, 26 Feb 2024 21:45:41 GMT trailing", nullptr, nullptr},
      {"Mon, 26 Feb 999 21:45:41 GMT", nullptr, nullptr},
      {"2024-02-26T21:45:41Z", nullptr, nullptr},
      {"", nullptr, nullptr},
  };
  for (const Case& c : kCases) {
    Result<ZonedTime> z = ParseRfc822TimeZoned(c.text);
    if (c.zoned == nullptr) {
      EXPECT_FALSE(z.ok()) << c.text;
      continue;
    }
    ASSERT_TRUE(z.ok()) << c.text << ": " << z.status().ToString();
    EXPECT_EQ(FormatZonedTime(*z), c.zoned) << c.text;
    EXPECT_EQ(FormatIsoTime(z->utc), c.utc) << c.text;
  }
  Result<ZonedTime> bad = ParseRfc822TimeZoned("next Tuesday");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("\"next Tuesday\""), std::string::npos);
}

TEST(TimeTest, ValidCivilDates) {
  EXPECT_TRUE(IsValidCivilDate(2024, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2023, 2, 29));
  EXPECT_TRUE(IsValidCivilDate(2000, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(1900, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2024, 13, 1));
  EXPECT_FALSE(IsValidCivilDate(2024, 4, 31));
  EXPECT_FALSE(IsValidCivilDate(2024, 1, 0));
}

// A span's local ends: the earliest and latest local times, whatever the
// order the times come in; a span dated before they were kept stays
// without them.
TEST(TimeTest, ExtendLocalSpanKeepsTheEarliestAndLatestLocalTimes) {
  const UnixSeconds noon = 1708948800;  // 2024-02-26T12:00:00Z
  struct Timed {
    std::optional<UnixSeconds> t, local;
  };
  const std::vector<Timed> times = {
      {noon, noon + 3600},                  // Copenhagen
      {noon + 3600, noon + 3600 - 18000},   // New York, an hour later
      {noon - 3600, noon - 3600 + 19800},   // Delhi, an hour earlier
      {std::nullopt, std::nullopt},         // undated: changes nothing
      {noon + 7200, noon + 7200},           // no zone: UTC
  };
  std::vector<size_t> order(times.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  do {
    std::optional<UnixSeconds> first, last, first_local, last_local;
    for (size_t i : order) {
      ExtendLocalSpan(first, &first_local, &last_local, times[i].local);
      ExtendSpan(&first, &last, times[i].t);
    }
    ASSERT_EQ(first, noon - 3600);
    ASSERT_EQ(last, noon + 7200);
    ASSERT_EQ(first_local, noon + 3600 - 18000);  // New York's 08:00
    ASSERT_EQ(last_local, noon - 3600 + 19800);   // Delhi's 16:30
  } while (std::next_permutation(order.begin(), order.end()));

  // Dated before local times were kept: it stays without them.
  std::optional<UnixSeconds> first = noon, last = noon, first_local, last_local;
  ExtendLocalSpan(first, &first_local, &last_local, noon + 3600);
  ExtendSpan(&first, &last, noon + 60);
  EXPECT_FALSE(first_local || last_local);
}

}  // namespace
}  // namespace newsloom
