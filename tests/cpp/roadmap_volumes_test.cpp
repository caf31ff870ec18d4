// The roadmap's monthly volumes from a case log (load_case_log_volumes_csv,
// case_log_volumes): hand-counted per matter and month of acceptance, the
// report's own bad rows refused with the report's messages at the same lines,
// the roadmap's own refusals (no matter, a matter not in force that day, a day
// outside the calendar), the months passed over, strict mode, and the roadmap
// weighed by a log equal to the roadmap weighed by its hand-written counts.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/report.hpp"
#include "onetrip/roadmap.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kData = std::string(ONETRIP_SOURCE_DIR) + "/tests/data/roadmap/";

Catalog small() {
  auto c = Catalog::load_json(read(kData + "small.json"));
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

Date day(const char* text) { return *parse_date(text); }

std::map<std::string, double> month(const MonthlyVolumes& v, const char* first) {
  auto it = v.months.find(day(first));
  return it == v.months.end() ? std::map<std::string, double>{} : it->second.matters;
}

// tests/data/roadmap/cases.csv, counted by hand: c1 received in June and
// accepted on 07-03 counts in July; c3 is a joint case of A (the log names no
// bundle); c4 is C's, in force until 06-30, accepted 06-29.
TEST(CaseLogVolumes, CountsPerMatterAndMonthOfAcceptance) {
  const Catalog c = small();
  std::vector<Problem> problems;
  auto v = load_case_log_volumes_csv(c, Calendar::china(), read(kData + "cases.csv"), {}, &problems);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(v->months.size(), 3u);
  EXPECT_EQ(month(*v, "2017-06-01"), (std::map<std::string, double>{{"B", 1}, {"C", 1}}));
  EXPECT_EQ(month(*v, "2017-07-01"), (std::map<std::string, double>{{"A", 1}, {"B", 2}}));
  EXPECT_EQ(month(*v, "2017-08-01"), (std::map<std::string, double>{{"B", 1}}));
  for (const auto& [first, volumes] : v->months) EXPECT_TRUE(volumes.bundles.empty());
  // Each month is named by the line of its first case.
  EXPECT_EQ(v->where.at(day("2017-06-01")), "line 5");
  EXPECT_EQ(v->where.at(day("2017-07-01")), "line 2");
  EXPECT_EQ(v->where.at(day("2017-08-01")), "line 7");
  EXPECT_TRUE(v->every_month.matters.empty());

  // Only the months asked for: June's and August's cases are passed over, not refused.
  CaseLogOptions july;
  july.from = day("2017-07-15");
  july.to = day("2017-07-01");
  v = load_case_log_volumes_csv(c, Calendar::china(), read(kData + "cases.csv"), july, &problems);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(v->months.size(), 1u);
  EXPECT_EQ(month(*v, "2017-07-01"), (std::map<std::string, double>{{"A", 1}, {"B", 2}}));
  july.to = day("2017-06-30");
  EXPECT_THAT(load_case_log_volumes_csv(c, Calendar::china(), read(kData + "cases.csv"), july).status().message(),
              HasSubstr("the last month 2017-06 is before the first 2017-07"));

  // From a file, and a file that is not there.
  v = load_case_log_volumes_file(c, Calendar::china(), kData + "cases.csv");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(month(*v, "2017-07-01").at("B"), 2);
  EXPECT_FALSE(load_case_log_volumes_file(c, Calendar::china(), kData + "no-such-log.csv").ok());
}

// A log with bad rows: every row the report skips is skipped here with the
// report's own message at the same line, and the roadmap's own refusals come
// beside them; the good rows are counted. Strict: the call fails naming every
// bad row.
TEST(CaseLogVolumes, BadRowsAsTheReportNamesThem) {
  const Catalog c = small();
  const std::string log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint,accepted\n"
      "ok1,B,,中心,promised,2017-07-03,,,0,\n"             // line 2: counted
      "b1,C,,中心,immediate,2017-07-03,2017-07-03,,0,\n"   // line 3: C ended 06-30
      "b2,,甲局,中心,promised,2017-07-03,,,0,\n"           // line 4: no matter
      "b3,Z,,中心,promised,2017-07-03,,,0,\n"              // line 5: not in the catalogue
      "b4,B,,中心,promised,2017-07-03,2017-07-01,,0,\n"    // line 6: completed before received
      "b5,B,,中心,someday,2017-07-03,,,0,\n"               // line 7: kind
      "b6,B,,中心,promised,2017-07-03,,,0,2017-07-01\n"    // line 8: accepted before received
      "b7,B,,,promised,2017-07-03,,,0,\n"                  // line 9: no hall
      "b8,B,,中心,promised,2017-07-03,,,0\n"               // line 10: 9 fields
      "b9,B,,中心,promised,2017-7-3,,,0,\n"                // line 11: not an ISO date
      "ok2,A,,中心,promised,2017-06-30,,,0,2017-07-04\n"   // line 12: counted in July
      "b10,A,,中心,promised,2004-07-01,2004-07-01,,0,\n";  // line 13: before the calendar
  std::vector<Problem> mine;
  auto v = load_case_log_volumes_csv(c, Calendar::china(), log, {}, &mine);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(month(*v, "2017-07-01"), (std::map<std::string, double>{{"A", 1}, {"B", 1}}));
  EXPECT_EQ(v->months.size(), 1u);
  std::vector<std::string> lines;
  for (const Problem& p : mine) lines.push_back(p.path);
  EXPECT_EQ(lines, (std::vector<std::string>{"line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9",
                                             "line 10", "line 11", "line 13"}));
  EXPECT_THAT(mine[0].message, HasSubstr("case \"b1\": received (and accepted) 2017-07-03, but matter \"C\" is not "
                                         "in force that day (in force always to 2017-06-30)"));
  EXPECT_THAT(mine[1].message, HasSubstr("case \"b2\": no matter"));
  EXPECT_THAT(mine[2].message, HasSubstr("unknown matter \"Z\""));
  EXPECT_THAT(mine[9].message, HasSubstr("case \"b10\""));

  // The report reads the same log: each row it skips is one of ours, word for word.
  MonthlyReport report(Calendar::china(), &c);
  std::vector<Problem> reports;
  ASSERT_TRUE(report.add_csv(log, false, &reports).ok());
  EXPECT_EQ(report.skipped(), static_cast<int64_t>(reports.size()));
  for (const Problem& p : reports) {
    EXPECT_TRUE(std::any_of(mine.begin(), mine.end(),
                            [&](const Problem& q) { return q.path == p.path && q.message == p.message; }))
        << p.path << ": " << p.message;
  }
  // Ours beyond the report's are the roadmap's own: b1 (not in force), b2 (no matter).
  EXPECT_EQ(mine.size() - reports.size(), 2u);

  // Strict: every bad row named, nothing returned.
  CaseLogOptions strict;
  strict.strict = true;
  std::vector<Problem> listed;
  auto refused = load_case_log_volumes_csv(c, Calendar::china(), log, strict, &listed);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("strict: nothing counted"));
  EXPECT_THAT(refused.status().message(), HasSubstr("line 13"));
  EXPECT_EQ(listed.size(), mine.size());

  // A header that is not the case log's, and an empty text, fail whatever the mode.
  listed.clear();
  auto header = load_case_log_volumes_csv(c, Calendar::china(), "month,id,volume\n2017-07,B,1\n", {}, &listed);
  ASSERT_FALSE(header.ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].path, "line 1");
  EXPECT_THAT(listed[0].message, HasSubstr("the header \"month,id,volume\" is not case_id,matter,"));
  EXPECT_THAT(load_case_log_volumes_csv(c, Calendar::china(), "").status().message(), HasSubstr("an empty file"));
}

// The log as columns (a DataFrame's): the same counts, rows named from 0.
TEST(CaseLogVolumes, FromColumns) {
  const Catalog c = small();
  const std::vector<std::string_view> matters = {"A", "B", "C"}, halls = {"中心"}, kinds = {"immediate", "promised"},
                                      ids = {"c1", "c2", "c3", "c4"};
  const std::vector<int32_t> matter = {1, 1, 0, -1}, hall = {0, 0, 0, 0}, kind = {1, 1, 1, 1}, id = {0, 1, 2, 3};
  const std::vector<EpochDay> received = {to_epoch_day(day("2017-06-30")), to_epoch_day(day("2017-07-03")),
                                          to_epoch_day(day("2017-08-04")), to_epoch_day(day("2017-07-05"))};
  const std::vector<EpochDay> accepted = {to_epoch_day(day("2017-07-03")), kMissingDay, kMissingDay, kMissingDay};
  CaseColumns columns;
  columns.rows = 4;
  columns.case_id = {id, ids};
  columns.matter = {matter, matters};
  columns.hall = {hall, halls};
  columns.kind = {kind, kinds};
  columns.received = received;
  columns.accepted = accepted;
  std::vector<Problem> problems;
  auto v = case_log_volumes(c, Calendar::china(), columns, {}, &problems);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(month(*v, "2017-07-01"), (std::map<std::string, double>{{"B", 2}}));
  EXPECT_EQ(month(*v, "2017-08-01"), (std::map<std::string, double>{{"A", 1}}));
  EXPECT_EQ(v->where.at(day("2017-07-01")), "row 0");
  EXPECT_EQ(v->where.at(day("2017-08-01")), "row 2");
  ASSERT_EQ(problems.size(), 1u);  // c4 names no matter (and no department either)
  EXPECT_EQ(problems[0].path, "row 3");
  EXPECT_THAT(problems[0].message, HasSubstr("case \"c4\": no department"));
  // A column of the wrong length fails the call.
  columns.rows = 5;
  EXPECT_FALSE(case_log_volumes(c, Calendar::china(), columns).ok());
}

// The roadmap weighed by the log is the roadmap weighed by its counts written
// by hand; B by express from 07-12 saves one trip per case: July 2 cases x
// 14/21 of its working days, August 1 case whole.
TEST(CaseLogVolumes, RoadmapFromACaseLog) {
  const Catalog c = small();
  Scenario s;
  Reform express;
  express.kind = ReformKind::kExpressDelivery;
  express.target.matters = {"B"};
  express.effective_from = day("2017-07-12");
  s.reforms.push_back(express);
  const RoadmapOptions months{day("2017-06-01"), day("2017-08-01")};
  CaseLogOptions same_months;
  same_months.from = months.from;
  same_months.to = months.to;
  auto logged = load_case_log_volumes_csv(c, Calendar::china(), read(kData + "cases.csv"), same_months);
  ASSERT_TRUE(logged.ok()) << logged.status();
  auto by_log = roadmap(c, s, Calendar::china(), months, *logged);
  ASSERT_TRUE(by_log.ok()) << by_log.status();
  auto counted =
      load_monthly_volumes_csv(c, "month,id,volume\n2017-06,B,1\n2017-06,C,1\n2017-07,A,1\n2017-07,B,2\n2017-08,B,1\n");
  ASSERT_TRUE(counted.ok()) << counted.status();
  auto by_hand = roadmap(c, s, Calendar::china(), months, *counted);
  ASSERT_TRUE(by_hand.ok()) << by_hand.status();
  ASSERT_EQ(by_log->months.size(), 3u);
  EXPECT_DOUBLE_EQ(by_log->months[0].trips_saved, 0);
  EXPECT_DOUBLE_EQ(by_log->months[1].trips_saved, 2.0 * 14 / 21);
  EXPECT_DOUBLE_EQ(by_log->months[2].trips_saved, 1.0);
  EXPECT_DOUBLE_EQ(by_log->months[0].volume, 2);
  EXPECT_DOUBLE_EQ(by_log->months[1].volume, 3);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(by_log->months[i].trips_saved, by_hand->months[i].trips_saved);
    EXPECT_DOUBLE_EQ(by_log->months[i].volume, by_hand->months[i].volume);
    EXPECT_DOUBLE_EQ(by_log->months[i].indicators.share_at_most_one_trip,
                     by_hand->months[i].indicators.share_at_most_one_trip);
  }
  // A whole log for a shorter roadmap: its other months are the roadmap's
  // refusal at the line of their first case, unless the log is read for its months.
  std::vector<Problem> problems;
  auto whole = load_case_log_volumes_csv(c, Calendar::china(), read(kData + "cases.csv"));
  ASSERT_TRUE(whole.ok());
  EXPECT_FALSE(
      roadmap(c, s, Calendar::china(), RoadmapOptions{day("2017-07-01"), day("2017-08-01")}, *whole, &problems).ok());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].path, "line 5");
  EXPECT_THAT(problems[0].message, HasSubstr("volumes for 2017-06"));
}

}  // namespace
}  // namespace onetrip
