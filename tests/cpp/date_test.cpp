// Dates: strict ISO parsing, dates that don't exist, epoch-day conversion.
#include "onetrip/date.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

TEST(Date, ParsesStrictIso) {
  EXPECT_EQ(*parse_date("2017-07-31"), Date(2017, 7, 31));
  EXPECT_EQ(*parse_date("2016-02-29"), Date(2016, 2, 29));
  for (const char* bad : {"2017-7-31", "2017/07/31", "20170731", " 2017-07-31", "2017-07-31T00", ""}) {
    auto d = parse_date(bad);
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(d.status().message(), HasSubstr("YYYY-MM-DD")) << bad;
  }
}

TEST(Date, ABadDateIsQuotedReadablyAndShort) {
  // Chinese text stays readable; a megabyte of text is cut, with its size; bad UTF-8 is escaped.
  EXPECT_THAT(parse_date("二〇一七年七月").status().message(), HasSubstr("\"二〇一七年七月\" is not a date"));
  const std::string long_text(1'000'000, '7');
  const std::string message(parse_date(long_text).status().message());
  EXPECT_LT(message.size(), 200u);
  EXPECT_THAT(message, HasSubstr("(1000000 bytes)"));
  EXPECT_THAT(parse_date("2017-07-\xff"
                         "1")
                  .status()
                  .message(),
              ::testing::Not(HasSubstr("\xff")));
}

TEST(Date, DatesThatDoNotExistAreNamed) {
  EXPECT_THAT(parse_date("2017-02-29").status().message(),
              HasSubstr("2017-02-29 is not a date: February 2017 has 28 days"));
  EXPECT_THAT(parse_date("2017-13-01").status().message(), HasSubstr("no month 13"));
  EXPECT_THAT(parse_date("2017-04-31").status().message(), HasSubstr("April 2017 has 30 days"));
  EXPECT_THAT(make_date(0, 1, 1).status().message(), HasSubstr("years run from 1400 to 9999"));
  EXPECT_FALSE(make_date(2017, 1, 0).ok());
}

TEST(Date, EpochDaysMatchNumpy) {
  EXPECT_EQ(to_epoch_day(Date(1970, 1, 1)), 0);
  EXPECT_EQ(to_epoch_day(Date(2017, 7, 31)), 17378);
  EXPECT_EQ(to_epoch_day(Date(1969, 12, 31)), -1);
  EXPECT_EQ(*from_epoch_day(17378), Date(2017, 7, 31));
  EXPECT_FALSE(from_epoch_day(kMissingDay).ok());
  EXPECT_FALSE(from_epoch_day(10'000'000).ok());
  EXPECT_EQ(format_date(Date(2017, 7, 1)), "2017-07-01");
}

// The boost-free conversions of the scalar paths agree with boost on every
// date of the years a Date can have, both ways.
TEST(Date, CivilConversionsAgreeWithBoostOnEveryDate) {
  static_assert(epoch_day_from_civil(1970, 1, 1) == 0);
  static_assert(civil_from_epoch_day(-1).year == 1969);
  int mismatches = 0;
  for (Date d(1400, 1, 1); d <= Date(9999, 12, 31); d += boost::gregorian::date_duration(1)) {
    const auto ymd = d.year_month_day();
    const EpochDay day = to_epoch_day(d);
    const CivilDay c = civil_from_epoch_day(day);
    if (epoch_day_from_civil(ymd.year, ymd.month, ymd.day) != day || c.year != ymd.year || c.month != ymd.month ||
        c.day != ymd.day) {
      if (++mismatches <= 3) ADD_FAILURE() << format_date(d) << " (day " << day << ")";
    }
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace onetrip
