// The calendar: agreement with the State Council notices on every date of the
// built-in coverage, the legal counting convention, add/count round trips,
// custom calendars, the JSON loader's problems, and every error path.
#include "onetrip/calendar.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "boost/date_time/gregorian/gregorian.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

Date D(int y, int m, int d) { return Date(y, m, d); }

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string notice(int year) {
  return read(std::string(ONETRIP_SOURCE_DIR) + "/data/holidays-cn/" + std::to_string(year) + ".json");
}

// The notices, read straight from the data files (not through the library's loader).
std::map<Date, bool> notices_2007_2026() {
  std::map<Date, bool> off;
  for (int year = 2007; year <= 2027; ++year) {
    const auto doc = nlohmann::json::parse(notice(year));
    for (const auto& day : doc["days"]) {
      const Date d = boost::gregorian::from_simple_string(day["date"].get<std::string>());
      if (d >= D(2007, 1, 1) && d <= D(2026, 12, 31)) off[d] = day["isOffDay"].get<bool>();
    }
  }
  return off;
}

TEST(ChinaCalendar, AgreesWithTheNoticesOnEveryDateOfItsCoverage) {
  const Calendar china = Calendar::china();
  EXPECT_EQ(china.coverage().first, D(2007, 1, 1));
  EXPECT_EQ(china.coverage().last, D(2026, 12, 31));
  const auto off = notices_2007_2026();
  int checked = 0;
  for (Date d = D(2007, 1, 1); d <= D(2026, 12, 31); d += boost::gregorian::date_duration(1)) {
    const bool weekend = d.day_of_week() == 0 || d.day_of_week() == 6;
    const auto listed = off.find(d);
    const bool expected = listed != off.end() ? !listed->second : !weekend;
    ASSERT_EQ(*china.is_workday(d), expected) << format_date(d);
    ++checked;
  }
  EXPECT_EQ(checked, 7305);
}

TEST(ChinaCalendar, KnownArrangements) {
  const Calendar china = Calendar::china();
  // 2017 National Day and Mid-Autumn: 1-8 October off, Saturday 30 September worked.
  for (int day = 1; day <= 8; ++day) EXPECT_FALSE(*china.is_workday(D(2017, 10, day))) << day;
  EXPECT_TRUE(*china.is_workday(D(2017, 9, 30)));
  EXPECT_EQ(china.day(D(2017, 9, 30))->kind, DayKind::kMakeupWorkday);
  EXPECT_EQ(china.day(D(2017, 10, 4))->kind, DayKind::kHoliday);
  EXPECT_EQ(china.day(D(2017, 10, 9))->kind, DayKind::kWorkday);
  EXPECT_EQ(china.day(D(2017, 10, 14))->kind, DayKind::kWeekend);
  // 2020: the Spring Festival extended to 2 February by the second notice.
  EXPECT_FALSE(*china.is_workday(D(2020, 1, 31)));
  EXPECT_FALSE(*china.is_workday(D(2020, 2, 2)));
  EXPECT_TRUE(*china.is_workday(D(2020, 2, 3)));
  EXPECT_TRUE(*china.is_workday(D(2020, 1, 19)));  // makeup Sunday
  // 2015: the one-off 3 September holiday, Sunday 6 September worked.
  EXPECT_FALSE(*china.is_workday(D(2015, 9, 3)));
  EXPECT_TRUE(*china.is_workday(D(2015, 9, 6)));
  // December 2007 set by the 2008 notice: 29th worked, 31st off.
  EXPECT_TRUE(*china.is_workday(D(2007, 12, 29)));
  EXPECT_FALSE(*china.is_workday(D(2007, 12, 31)));
  EXPECT_EQ(std::string(china.day(D(2020, 1, 24))->name), "春节");
}

TEST(ChinaCalendar, LegalCountingConventionLeavesOutTheAcceptanceDay) {
  const Calendar china = Calendar::china();
  // Accepted Friday 29 September 2017: Saturday 30th is the 1st working day,
  // the 8-day holiday is skipped, the 20th working day is 2 November.
  EXPECT_EQ(*china.add_workdays(D(2017, 9, 29), 1), D(2017, 9, 30));
  EXPECT_EQ(*china.add_workdays(D(2017, 9, 29), 2), D(2017, 10, 9));
  EXPECT_EQ(*china.add_workdays(D(2017, 9, 29), 20), D(2017, 11, 2));
  EXPECT_EQ(*china.count_workdays(D(2017, 9, 29), D(2017, 11, 2)), 20);
  EXPECT_EQ(*china.count_workdays(D(2017, 11, 2), D(2017, 9, 29)), -20);
  EXPECT_EQ(*china.count_workdays(D(2017, 10, 3), D(2017, 10, 3)), 0);
  // Accepted on a holiday: the first working day after it is day 1.
  EXPECT_EQ(*china.add_workdays(D(2017, 10, 3), 1), D(2017, 10, 9));
  EXPECT_EQ(*china.add_workdays(D(2017, 10, 3), 0), D(2017, 10, 3));
  EXPECT_EQ(*china.add_workdays(D(2017, 10, 9), -1), D(2017, 9, 30));
  EXPECT_EQ(*china.add_workdays(D(2017, 10, 9), -2), D(2017, 9, 29));
  EXPECT_EQ(*china.next_workday(D(2017, 9, 30)), D(2017, 10, 9));
  EXPECT_EQ(*china.previous_workday(D(2017, 10, 8)), D(2017, 9, 30));
  EXPECT_EQ(*china.roll_forward(D(2017, 10, 5)), D(2017, 10, 9));
  EXPECT_EQ(*china.roll_forward(D(2017, 10, 9)), D(2017, 10, 9));
}

TEST(ChinaCalendar, AddAndCountRoundTripAgainstADayByDayWalk) {
  const Calendar china = Calendar::china();
  for (Date start = D(2019, 12, 1); start <= D(2020, 3, 1); start += boost::gregorian::date_duration(3)) {
    Date walk = start;
    for (int n = 1; n <= 60; ++n) {
      do walk += boost::gregorian::date_duration(1);
      while (!*china.is_workday(walk));
      ASSERT_EQ(*china.add_workdays(start, n), walk) << format_date(start) << " + " << n;
      ASSERT_EQ(*china.count_workdays(start, walk), n);
      if (*china.is_workday(start)) {
        ASSERT_EQ(*china.add_workdays(walk, -n), start);
      }
    }
  }
}

TEST(ChinaCalendar, RefusesDatesOutsideItsCoverage) {
  const Calendar china = Calendar::china();
  auto before = china.is_workday(D(2006, 12, 29));
  ASSERT_EQ(before.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(before.status().message(), HasSubstr("2006-12-29"));
  EXPECT_THAT(before.status().message(), HasSubstr("2007-01-01 to 2026-12-31"));
  EXPECT_EQ(china.is_workday(D(2027, 1, 4)).status().code(), absl::StatusCode::kOutOfRange);
  auto past = china.add_workdays(D(2026, 12, 25), 10);
  ASSERT_EQ(past.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(past.status().message(), HasSubstr("10 working days after 2026-12-25"));
  EXPECT_EQ(china.add_workdays(D(2007, 1, 5), -10).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(china.count_workdays(D(2026, 12, 1), D(2027, 1, 5)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(china.special_days(2027, 1).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(china.special_days(2017, 13).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(china.is_workday(Date()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ChinaCalendar, SpecialDaysOfAMonthWithTheirNames) {
  auto days = Calendar::china().special_days(2017, 10);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 8u);
  EXPECT_EQ((*days)[0].date, D(2017, 10, 1));
  EXPECT_EQ((*days)[0].name, "中秋节、国庆节");
  auto september = Calendar::china().special_days(2017, 9);
  ASSERT_EQ(september->size(), 1u);
  EXPECT_FALSE((*september)[0].off);
  EXPECT_TRUE(Calendar::china().special_days(2017, 3)->empty());
}

TEST(CalendarJson, LoadsOneYearAndAgreesWithTheBuiltIn) {
  auto year = Calendar::from_json(notice(2017));
  ASSERT_TRUE(year.ok()) << year.status();
  EXPECT_EQ(year->coverage().first, D(2017, 1, 1));
  EXPECT_EQ(year->coverage().last, D(2017, 12, 31));
  const Calendar china = Calendar::china();
  for (Date d = D(2017, 1, 1); d <= D(2017, 12, 31); d += boost::gregorian::date_duration(1)) {
    ASSERT_EQ(*year->is_workday(d), *china.is_workday(d)) << format_date(d);
  }
}

TEST(CalendarJson, LoadsAnArrayOfYearsKeepingDecemberDatesOfTheNextNotice) {
  auto years = Calendar::from_json("[" + notice(2018) + "," + notice(2019) + "]");
  ASSERT_TRUE(years.ok()) << years.status();
  EXPECT_EQ(years->coverage().first, D(2018, 1, 1));
  EXPECT_EQ(years->coverage().last, D(2019, 12, 31));
  EXPECT_FALSE(*years->is_workday(D(2018, 12, 31)));  // set by the 2019 notice
  EXPECT_TRUE(*years->is_workday(D(2018, 12, 29)));
}

TEST(CalendarJson, ExtendsTheBuiltInCalendarWithNextYear) {
  const std::string next = R"({"year": 2027, "days": [
      {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
      {"name": "春节", "date": "2027-02-06", "isOffDay": true},
      {"name": "春节", "date": "2027-02-07", "isOffDay": false}]})";
  const Calendar china = Calendar::china();
  auto extended = china.with_json(next);
  ASSERT_TRUE(extended.ok()) << extended.status();
  EXPECT_EQ(extended->coverage().last, D(2027, 12, 31));
  EXPECT_EQ(extended->coverage().first, D(2007, 1, 1));
  EXPECT_FALSE(*extended->is_workday(D(2027, 1, 1)));
  EXPECT_TRUE(*extended->is_workday(D(2027, 2, 7)));
  EXPECT_EQ(*extended->add_workdays(D(2026, 12, 31), 1), D(2027, 1, 4));
  // The base is a value: unchanged.
  EXPECT_EQ(china.coverage().last, D(2026, 12, 31));
  // Years that leave a gap are refused.
  auto gap = china.with_json(R"({"year": 2029, "days": [{"name": "元旦", "date": "2029-01-01", "isOffDay": true}]})");
  ASSERT_FALSE(gap.ok());
  EXPECT_THAT(gap.status().message(), HasSubstr("unbroken"));
}

TEST(CalendarJson, ReportsEveryProblemWithItsPath) {
  auto bad = Calendar::from_json(R"([
    {"year": 2030, "days": [
      {"name": "A", "date": "2030-02-30", "isOffDay": true},
      {"name": "B", "date": "2031-01-01", "isOffDay": true},
      {"name": 3, "date": "2030-03-01", "isOffDay": "yes"},
      {"date": "2030-03-02"}
    ]},
    {"year": 2032, "days": []}
  ])");
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(bad.status().message());
  EXPECT_THAT(message, HasSubstr("$[0].days[0].date: 2030-02-30 is not a date: February 2030 has 28 days"));
  EXPECT_THAT(message, HasSubstr("$[0].days[1].date: 2031-01-01 is not in 2030"));
  EXPECT_THAT(message, HasSubstr("$[0].days[2].name: expected a string, found an integer"));
  EXPECT_THAT(message, HasSubstr("$[0].days[2].isOffDay: expected true or false, found a string"));
  EXPECT_THAT(message, HasSubstr("$[0].days[3]: missing \"isOffDay\""));
  EXPECT_THAT(message, HasSubstr("$[1].days: year 2032 lists no days"));
  EXPECT_THAT(message, HasSubstr("$[1]: years 2031 to 2031 are missing"));
}

TEST(CalendarJson, SyntaxErrorsGiveLineAndColumn) {
  auto bad = Calendar::from_json("{\"year\": 2017,\n \"days\": [tru]}");
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("line 2, column"));
  auto utf8 = Calendar::from_json(
      "{\"year\": 2017, \"days\": [{\"name\": \"\xff\", \"date\": \"2017-01-01\", \"isOffDay\": true}]}");
  ASSERT_EQ(utf8.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(utf8.status().message(), HasSubstr("UTF-8"));
  EXPECT_EQ(Calendar::from_json("").status().code(), absl::StatusCode::kInvalidArgument);
  // A number too large for a double (a libFuzzer find): an error, not an exception.
  auto huge = Calendar::from_json("5e46666");
  EXPECT_EQ(huge.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(huge.status().message(), HasSubstr("number overflow"));
  EXPECT_EQ(Calendar::from_json("[]").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Calendar::from_json("42").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CalendarJson, ConflictingListingsAreAnError) {
  auto bad = Calendar::from_json(R"([
    {"year": 2017, "days": [{"name": "X", "date": "2017-12-30", "isOffDay": true}]},
    {"year": 2018, "days": [{"name": "Y", "date": "2017-12-30", "isOffDay": false}]}])");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(),
              HasSubstr("$[1].days[0]: 2017-12-30 is a working day here but a day off at $[0].days[0]"));
}

TEST(CalendarFile, MissingFileIsNotFound) {
  auto missing = Calendar::from_json_file("/nonexistent/2030.json");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/2030.json"));
}

TEST(CalendarRules, ACustomCalendarFromAMaskAndLists) {
  // A hall open Monday to Saturday, closed on a local holiday.
  CalendarRules rules;
  rules.name = "hall";
  rules.first = D(2017, 7, 1);
  rules.last = D(2017, 7, 31);
  rules.weekday_mask = 0x3F;
  rules.days = {{D(2017, 7, 10), true, "local"}, {D(2017, 7, 9), false, "open Sunday"}};
  auto hall = Calendar::from_rules(rules);
  ASSERT_TRUE(hall.ok()) << hall.status();
  EXPECT_TRUE(*hall->is_workday(D(2017, 7, 8)));    // Saturday
  EXPECT_TRUE(*hall->is_workday(D(2017, 7, 9)));    // a listed Sunday
  EXPECT_FALSE(*hall->is_workday(D(2017, 7, 10)));  // local holiday
  EXPECT_FALSE(*hall->is_workday(D(2017, 7, 16)));  // Sunday
  EXPECT_EQ(*hall->count_workdays(D(2017, 7, 1), D(2017, 7, 31)), 25);
  EXPECT_EQ(hall->rules().days.front().date, D(2017, 7, 9));  // sorted
}

TEST(CalendarRules, InvalidRulesAreRefused) {
  CalendarRules rules;
  rules.first = D(2017, 7, 31);
  rules.last = D(2017, 7, 1);
  EXPECT_THAT(Calendar::from_rules(rules).status().message(), HasSubstr("ends (2017-07-01) before it starts"));
  rules.first = D(2017, 7, 1);
  rules.last = D(2017, 7, 31);
  rules.weekday_mask = 0;
  EXPECT_THAT(Calendar::from_rules(rules).status().message(), HasSubstr("no working day"));
  rules.weekday_mask = kMondayToFriday;
  rules.days = {{D(2017, 8, 1), true, "x"}, {D(2017, 7, 3), true, "a"}, {D(2017, 7, 3), false, "b"}};
  const std::string message(Calendar::from_rules(rules).status().message());
  EXPECT_THAT(message, HasSubstr("2017-08-01 is outside the coverage"));
  EXPECT_THAT(message, HasSubstr("2017-07-03 is listed twice"));
  EXPECT_FALSE(Calendar::from_rules(CalendarRules{}).ok());
}

TEST(CalendarBulk, EpochDayArraysWithMissingDays) {
  const Calendar china = Calendar::china();
  const EpochDay accepted = to_epoch_day(D(2017, 9, 29));
  std::vector<EpochDay> days = {accepted, kMissingDay, to_epoch_day(D(2017, 10, 3))};
  std::vector<EpochDay> out(3);
  ASSERT_TRUE(china.add_workdays(days, std::vector<int64_t>{20}, absl::MakeSpan(out)).ok());
  EXPECT_EQ(out[0], to_epoch_day(D(2017, 11, 2)));
  EXPECT_EQ(out[1], kMissingDay);
  EXPECT_EQ(out[2], to_epoch_day(D(2017, 11, 3)));
  std::vector<int64_t> counts(3);
  std::vector<EpochDay> ends = {out[0], out[0], out[2]};
  days[1] = accepted;
  ASSERT_TRUE(china.count_workdays(days, ends, absl::MakeSpan(counts)).ok());
  EXPECT_EQ(counts, (std::vector<int64_t>{20, 20, 20}));
  bool work[3];
  ASSERT_TRUE(china.is_workday(days, absl::MakeSpan(work)).ok());
  EXPECT_TRUE(work[0]);
  EXPECT_FALSE(work[2]);
  // The failing element is named; a length mismatch is refused.
  days[2] = to_epoch_day(D(2030, 1, 1));
  auto status = china.add_workdays(days, std::vector<int64_t>{1}, absl::MakeSpan(out));
  EXPECT_EQ(status.code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(status.message(), HasSubstr("element 2: 2030-01-01"));
  EXPECT_EQ(china.add_workdays(days, std::vector<int64_t>{1, 2}, absl::MakeSpan(out)).code(),
            absl::StatusCode::kInvalidArgument);
}

// The scalar day-number forms answer as the Date forms on every date of the
// coverage and the days around it, for every step the tests use.
TEST(CalendarDays, DayNumberFormsAgreeWithTheDateForms) {
  const Calendar china = Calendar::china();
  for (EpochDay day = china.first_epoch_day() - 3; day <= china.last_epoch_day() + 3; ++day) {
    const Date d = *from_epoch_day(day);
    auto work = china.is_workday(d);
    ASSERT_EQ(china.is_workday_at(day).has_value(), work.ok());
    if (work.ok()) {
      ASSERT_EQ(*china.is_workday_at(day), *work);
    }
    for (int64_t n : {-30, -1, 0, 1, 20}) {
      auto date = china.add_workdays(d, n);
      auto at = china.add_workdays_at(day, n);
      ASSERT_EQ(at.has_value(), date.ok()) << format_date(d) << " " << n;
      if (date.ok()) {
        ASSERT_EQ(*at, to_epoch_day(*date));
      }
    }
    auto count = china.count_workdays(d, d + boost::gregorian::date_duration(28));
    auto count_at = china.count_workdays_at(day, day + 28);
    ASSERT_EQ(count_at.has_value(), count.ok());
    if (count.ok()) {
      ASSERT_EQ(*count_at, *count);
    }
  }
  EXPECT_FALSE(china.add_workdays_at(china.first_epoch_day(), INT64_MIN).has_value());
  EXPECT_FALSE(china.add_workdays_at(china.first_epoch_day(), INT64_MAX).has_value());
  EXPECT_FALSE(china.is_workday_at(kMissingDay).has_value());
}

// 2020-02-03, a Monday the notice lists as a working day after the extended
// Spring Festival, is an ordinary working day, not a makeup one; 2020-01-19
// (a Sunday) is a makeup working day.
TEST(ChinaCalendar, OnlyUsualDaysOffAreMakeupWorkdays) {
  const Calendar china = Calendar::china();
  EXPECT_EQ(china.day(D(2020, 2, 3))->kind, DayKind::kWorkday);
  EXPECT_EQ(china.day(D(2020, 2, 3))->name, "");
  EXPECT_EQ(china.day(D(2020, 1, 19))->kind, DayKind::kMakeupWorkday);
  for (const SpecialDay& s : china.rules().days) {
    if (s.off) continue;
    const int weekday = s.date.day_of_week();  // 0 Sunday
    EXPECT_TRUE(weekday == 0 || weekday == 6) << format_date(s.date) << " listed as a makeup day";
  }
  // The rule, not the example: a custom calendar's working day on a working weekday is no makeup day.
  CalendarRules rules;
  rules.first = D(2017, 1, 1);
  rules.last = D(2017, 12, 31);
  rules.days = {{D(2017, 3, 6), false, "x"}, {D(2017, 3, 4), false, "y"}};  // a Monday, a Saturday
  auto custom = Calendar::from_rules(rules);
  ASSERT_TRUE(custom.ok());
  EXPECT_EQ(custom->day(D(2017, 3, 6))->kind, DayKind::kWorkday);
  EXPECT_EQ(custom->day(D(2017, 3, 4))->kind, DayKind::kMakeupWorkday);
}

TEST(CalendarJson, AnExtendedCalendarSaysSoInItsName) {
  const Calendar china = Calendar::china();
  auto local = china.with_json(R"({"year": 2017, "days": [{"name": "本地", "date": "2017-05-02", "isOffDay": true}]})");
  ASSERT_TRUE(local.ok()) << local.status();
  EXPECT_EQ(local->name(), "china + 2017");
  EXPECT_FALSE(*local->is_workday(D(2017, 5, 2)));
  EXPECT_EQ(china.name(), "china");
}

// numpy.busday_offset's roll modes, on the 2017 National Day week
// (2017-10-01 to 10-08 off, 09-30 a makeup Saturday).
TEST(CalendarRoll, NumpyBusdayOffsetModes) {
  const Calendar china = Calendar::china();
  EXPECT_EQ(*china.offset(D(2017, 10, 3), 0, Roll::kForward), D(2017, 10, 9));
  EXPECT_EQ(*china.offset(D(2017, 10, 3), 0, Roll::kBackward), D(2017, 9, 30));
  EXPECT_EQ(*china.offset(D(2017, 10, 3), 1, Roll::kForward), D(2017, 10, 10));
  EXPECT_EQ(*china.offset(D(2017, 10, 3), -1, Roll::kBackward), D(2017, 9, 29));
  EXPECT_EQ(*china.offset(D(2017, 9, 29), 1, Roll::kRaise), D(2017, 9, 30));
  auto raised = china.offset(D(2017, 10, 3), 1, Roll::kRaise);
  EXPECT_EQ(raised.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(raised.status().message(), HasSubstr("2017-10-03 is not a working day"));
  // Modified: not across the month's end. 2017-12-30/31 are off (a weekend), and so is 2018-01-01.
  EXPECT_EQ(*china.offset(D(2017, 12, 30), 0, Roll::kModifiedFollowing), D(2017, 12, 29));
  EXPECT_EQ(*china.offset(D(2017, 12, 30), 0, Roll::kForward), D(2018, 1, 2));
  EXPECT_EQ(*china.offset(D(2017, 10, 1), 0, Roll::kModifiedPreceding), D(2017, 10, 9));
  EXPECT_EQ(*china.offset(D(2017, 10, 3), 0, Roll::kModifiedFollowing), D(2017, 10, 9));
  EXPECT_EQ(*china.offset(D(2017, 10, 3), 0, Roll::kModifiedPreceding), D(2017, 10, 9));
  // Dragon Boat 2017: 05-28 to 05-30 off, Saturday 05-27 a makeup working day.
  EXPECT_EQ(*china.offset(D(2017, 5, 29), 0, Roll::kModifiedPreceding), D(2017, 5, 27));
  // A working day is never rolled, whatever the mode.
  for (Roll roll :
       {Roll::kRaise, Roll::kForward, Roll::kBackward, Roll::kModifiedFollowing, Roll::kModifiedPreceding}) {
    EXPECT_EQ(*china.offset(D(2017, 9, 30), 20, roll), *china.add_workdays(D(2017, 9, 30), 20));
  }
  EXPECT_EQ(china.offset(D(2007, 1, 1), 0, Roll::kBackward).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(CalendarCount, HalfOpenConventionBesideTheLegalOne) {
  const Calendar china = Calendar::china();
  // [09-29, 11-02) holds 09-29 and not 11-02: the same 20 as (09-29, 11-02].
  EXPECT_EQ(*china.count_workdays(D(2017, 9, 29), D(2017, 11, 2), CountConvention::kHalfOpen), 20);
  EXPECT_EQ(*china.count_workdays(D(2017, 10, 1), D(2017, 10, 10), CountConvention::kHalfOpen), 1);
  EXPECT_EQ(*china.count_workdays(D(2017, 10, 1), D(2017, 10, 10), CountConvention::kLegal), 2);
  EXPECT_EQ(*china.count_workdays(D(2017, 10, 10), D(2017, 10, 1), CountConvention::kHalfOpen), -1);
  // The day after the coverage may close a half-open range: it is not counted.
  EXPECT_TRUE(china.count_workdays(D(2026, 12, 1), D(2027, 1, 1), CountConvention::kHalfOpen).ok());
  EXPECT_FALSE(china.count_workdays(D(2026, 12, 1), D(2027, 1, 2), CountConvention::kHalfOpen).ok());
}

TEST(CalendarRanges, DaysOffWorkdaysAndSpecialDaysOverARange) {
  const Calendar china = Calendar::china();
  auto off = china.days_off(D(2017, 9, 29), D(2017, 10, 9));
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->size(), 8u);  // 10-01 to 10-08
  EXPECT_EQ(off->front(), D(2017, 10, 1));
  auto work = china.workdays(D(2017, 9, 29), D(2017, 10, 9));
  EXPECT_EQ(*work, (std::vector<Date>{D(2017, 9, 29), D(2017, 9, 30), D(2017, 10, 9)}));
  auto special = china.special_days(D(2017, 9, 30), D(2017, 10, 2));
  ASSERT_EQ(special->size(), 3u);
  EXPECT_FALSE((*special)[0].off);
  EXPECT_EQ((*special)[1].name, "中秋节、国庆节");
  EXPECT_TRUE(china.special_days(D(2017, 10, 2), D(2017, 10, 1))->empty());
  EXPECT_EQ(china.days_off(D(2026, 12, 1), D(2027, 1, 1)).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(CalendarRules, NumpyWeekmaskText) {
  EXPECT_EQ(*parse_weekmask("1111100"), kMondayToFriday);
  EXPECT_EQ(*parse_weekmask("1111110"), 0x3F);
  EXPECT_EQ(*parse_weekmask("Mon Tue Wed Thu Fri"), kMondayToFriday);
  EXPECT_EQ(*parse_weekmask("SatSun"), 0x60);
  EXPECT_THAT(parse_weekmask("0000000").status().message(), HasSubstr("no working day"));
  EXPECT_THAT(parse_weekmask("Monday").status().message(), HasSubstr("\"day\" at 3 is no day"));
  EXPECT_FALSE(parse_weekmask("111110").ok());
}

}  // namespace
}  // namespace onetrip
