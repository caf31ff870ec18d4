// Bad input changes nothing the caller holds: every failed apply, calendar
// extension and strict read of case records leaves the caller's objects as they
// were, compared field by field (or byte by byte) before and after.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/report.hpp"

namespace onetrip {
namespace {

std::string source(const std::string& relative) { return std::string(ONETRIP_SOURCE_DIR) + "/" + relative; }

TEST(NothingLost, AFailedScenarioLeavesTheCatalogueAsItWas) {
  const Catalog base = *Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  const std::string before = base.save_json();
  const CatalogData data_before = base.to_data();
  std::vector<const Matter*> addresses;
  for (const Matter& m : base.matters()) addresses.push_back(&m);
  // Valid reforms first, a bad one last: the earlier ones must not show either.
  auto scenario = load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [
      {"reform": "express_delivery", "department": "huanbao"},
      {"reform": "share_material", "material": "business-licence"},
      {"reform": "promised_limit", "department": "zhujian", "days": 300}]})");
  ASSERT_TRUE(scenario.ok()) << scenario.status();
  std::vector<Problem> problems;
  EXPECT_FALSE(apply(base, *scenario, &problems).ok());
  EXPECT_FALSE(problems.empty());
  EXPECT_EQ(base.save_json(), before);
  EXPECT_TRUE(base.to_data() == data_before);
  for (size_t i = 0; i < addresses.size(); ++i) EXPECT_EQ(&base.matters()[i], addresses[i]);
}

TEST(NothingLost, AFailedExtensionLeavesTheCalendarAsItWas) {
  const Calendar china = Calendar::china();
  const CalendarRules rules = china.rules();
  const Coverage coverage = china.coverage();
  // A gap year, then a date outside its year: both refused.
  EXPECT_FALSE(
      china.with_json(R"({"year": 2029, "days": [{"name": "元旦", "date": "2029-01-01", "isOffDay": true}]})").ok());
  EXPECT_FALSE(
      china.with_json(R"({"year": 2027, "days": [{"name": "元旦", "date": "2031-01-01", "isOffDay": true}]})").ok());
  EXPECT_EQ(china.coverage().first, coverage.first);
  EXPECT_EQ(china.coverage().last, coverage.last);
  EXPECT_EQ(china.rules().days.size(), rules.days.size());
  for (size_t i = 0; i < rules.days.size(); ++i) {
    EXPECT_EQ(china.rules().days[i].date, rules.days[i].date);
    EXPECT_EQ(china.rules().days[i].off, rules.days[i].off);
  }
}

TEST(NothingLost, AFailedStrictReadLeavesTheReportAsItWas) {
  const Calendar china = Calendar::china();
  MonthlyReport report(china);
  const std::string header = "case_id,matter,department,hall,kind,received,completed,fee,joint\n";
  ASSERT_TRUE(report
                  .add_csv(header + "c1,,住建,中心,promised,2017-07-03,2017-07-10,300,0\n"
                                    "c2,,公安,中心,immediate,2017-07-04,2017-07-04,,1\n",
                           true)
                  .ok());
  const std::string windows = report.finish(2017, 7)->windows_csv("中心");
  const int64_t cases = report.cases(), skipped = report.skipped();
  // Good rows before the bad one: none of them may be added.
  EXPECT_FALSE(report
                   .add_csv(header + "c3,,住建,中心,promised,2017-07-05,,,0\n"
                                     "c4,,住建,中心,promised,2017-07-05,2017-07-01,,0\n",
                            true)
                   .ok());
  EXPECT_EQ(report.cases(), cases);
  EXPECT_EQ(report.skipped(), skipped);
  EXPECT_EQ(report.finish(2017, 7)->windows_csv("中心"), windows);
}

}  // namespace
}  // namespace onetrip
