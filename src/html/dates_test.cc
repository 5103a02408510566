#include "html/dates.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

std::string Show(const std::optional<ZonedTime>& t) {
  return t ? FormatZonedTime(*t) : "-";
}

TEST(PageDateTest, GoldenTable) {
  struct Case {
    const char* text;
    const char* zoned;  // FormatZonedTime, "-" for none
  };
  const Case kCases[] = {
      {"2019-11-18", "2019-11-18"},
      {"2019-11-18T14:05:00.000-05:00", "2019-11-18T14:05:00-05:00"},
      {"2019-11-18T14:05:00+0530", "2019-11-18T14:05:00+05:30"},
      {"2019-11-18T14:05:00Z", "2019-11-18T14:05:00Z"},
      {"2019-11-18 14:05:00", "2019-11-18T14:05:00"},
      {"2019/11/18", "2019-11-18"},
      {"20191118", "2019-11-18"},
      {"Mon, 18 Nov 2019 14:05:00 GMT", "2019-11-18T14:05:00Z"},
      {"Mon, 18 Nov 2019 14:05:00 +0100", "2019-11-18T14:05:00+01:00"},
      {"Mon, 18 Nov 2019 14:05:00 JST", "2019-11-18T14:05:00+09:00"},
      {"Mon, 18 Nov 2019 14:05:00 GMT+0100", "2019-11-18T14:05:00+01:00"},
      {"Mon Nov 18 2019 14:05:00 GMT-0500 (EST)", "2019-11-18T14:05:00-05:00"},
      {"Monday, November 18, 2019 - 14:05", "2019-11-18T14:05:00"},
      {"November 18, 2019", "2019-11-18"},
      {"Nov. 18, 2019 2:05 PM EST", "2019-11-18T14:05:00-05:00"},
      {"Nov 18, 2019 12:30 am", "2019-11-18T00:30:00"},
      {"18 November 2019", "2019-11-18"},
      {"18 Sept 2019, 09:15", "2019-09-18T09:15:00"},
      {"18.11.2019", "2019-11-18"},
      {"18.11.2019 14:05", "2019-11-18T14:05:00"},
      {"18/11/2019", "2019-11-18"},
      {"11/18/2019 14:05", "2019-11-18T14:05:00"},
      {"18-11-2019", "2019-11-18"},
      {"05/05/2024", "2024-05-05"},
      {"March 5th, 2024", "2024-03-05"},
      {"1st Dec 2023 09:00", "2023-12-01T09:00:00"},
      {"Nov 22nd 2019", "2019-11-22"},
      {"5th of March 2024", "2024-03-05"},
      // Other languages' month names (CLDR).
      {"5 mars 2024", "2024-03-05"},
      {"5. März 2024, 14:05", "2024-03-05T14:05:00"},
      {"5 de marzo de 2024", "2024-03-05"},
      {"5 марта 2024 года", "2024-03-05"},
      {"5 ottobre 2024", "2024-10-05"},
      {"5 févr. 2024", "2024-02-05"},
      {"5 maj 2024", "2024-05-05"},
      // Refused: impossible, ambiguous, out of range, not a date.
      {"2019-02-30", "-"},
      {"03/05/2024", "-"},
      {"13/13/2024", "-"},
      {"March 5the, 2024", "-"},
      {"1850-01-01", "-"},
      {"yesterday", "-"},
      {"", "-"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Show(ParsePageDate(c.text)), c.zoned) << c.text;
  }
}

TEST(PageDateTest, AmbiguousNumericDates) {
  EXPECT_TRUE(IsAmbiguousNumericDate("03/05/2024"));
  EXPECT_TRUE(IsAmbiguousNumericDate(" 3-5-2024 "));
  EXPECT_FALSE(IsAmbiguousNumericDate("13/05/2024"));
  EXPECT_FALSE(IsAmbiguousNumericDate("03.05.2024")) << "dots: day first";
  EXPECT_FALSE(IsAmbiguousNumericDate("2024-03-05"));
  EXPECT_FALSE(IsAmbiguousNumericDate("yesterday"));
  // Only a whole date valid in either order: not a numeric start of other
  // text, nor a date outside the years a page date may have. The fuzzer's
  // finding: ParsePageDate read a date further on in this text, which the
  // caller had been told was ambiguous.
  EXPECT_TRUE(IsAmbiguousNumericDate("03/05/2024 14:05"));
  EXPECT_FALSE(IsAmbiguousNumericDate("2-1-0559 ,n85 9 Nov 2019 14:00"));
  EXPECT_EQ(Show(ParsePageDate("2-1-0559 ,n85 9 Nov 2019 14:00")), "2019-11-09T14:00:00");
  EXPECT_FALSE(IsAmbiguousNumericDate("03/05/2024 and more"));
  EXPECT_FALSE(IsAmbiguousNumericDate("03/05/1024"));
}

TEST(PageDateTest, Urls) {
  EXPECT_EQ(Show(FindDateInUrl("https://x.com/2019/11/18/story-slug/")),
            "2019-11-18");
  EXPECT_EQ(Show(FindDateInUrl("https://x.com/news/2019-11-18-slug.html")),
            "2019-11-18");
  EXPECT_EQ(Show(FindDateInUrl("https://x.com/a/20191118/slug")), "2019-11-18");
  EXPECT_EQ(Show(FindDateInUrl("https://x.com/2019/11/slug")), "-");
  EXPECT_EQ(Show(FindDateInUrl("https://2019.example.com/12/01/")), "-");
  EXPECT_EQ(Show(FindDateInUrl("https://x.com/article/123456789")), "-");
}

TEST(PageDateTest, Text) {
  EXPECT_EQ(Show(FindDateInText("Posted by Ann on Nov. 18, 2019 at 2:05 pm")),
            "2019-11-18T14:05:00");
  EXPECT_EQ(Show(FindDateInText("It may rain in March, said 5 people.")), "-");
}

}  // namespace
}  // namespace newsloom
