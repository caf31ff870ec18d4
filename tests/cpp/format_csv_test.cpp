// lib/format (money from fen exactly, months, CSV fields, display width, the
// text table), lib/csv (RFC 4180 reading: quotes, doubled quotes, commas and
// line breaks in quotes, CRLF, errors by line and field), and what the report
// and the volumes reader make of them: the report's column table, quoted
// names, bounds on money, failed and skipped reads that change nothing, and
// volumes that are finite non-negative decimals.
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "csv.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/format.hpp"
#include "onetrip/report.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

TEST(Format, YuanFromFenExactlyForEveryInt64) {
  EXPECT_EQ(format_yuan(123450), "1234.50");
  EXPECT_EQ(format_yuan(5), "0.05");
  EXPECT_EQ(format_yuan(-5), "-0.05");
  EXPECT_EQ(format_yuan(-12345), "-123.45");
  EXPECT_EQ(format_yuan(std::numeric_limits<int64_t>::max()), "92233720368547758.07");
  EXPECT_EQ(format_yuan(std::numeric_limits<int64_t>::min()), "-92233720368547758.08");
  EXPECT_EQ(format_yuan_compact(30000), "300");
  EXPECT_EQ(format_yuan_compact(1250), "12.50");
  EXPECT_EQ(format_yuan_compact(-30000), "-300");
  // Every value survives the round trip through text.
  for (int64_t fen : {int64_t{0}, int64_t{1}, int64_t{99}, int64_t{100}, int64_t{99999999999999999}}) {
    EXPECT_EQ(parse_yuan(format_yuan(fen)), fen);
    EXPECT_EQ(parse_yuan(format_yuan_compact(fen)), fen);
  }
}

TEST(Format, ParseYuanRefusesWhatIsNotYuan) {
  EXPECT_EQ(parse_yuan("12.5"), 1250);
  EXPECT_EQ(parse_yuan("999999999999999.99"), 99999999999999999);
  for (const char* bad :
       {"", "-1", "+1", "1.234", "1.", ".5", "1e3", "0x10", "inf", "nan", " 1", "1,5", "1000000000000000"}) {
    EXPECT_FALSE(parse_yuan(bad).has_value()) << bad;
  }
}

TEST(Format, Months) {
  EXPECT_EQ(format_month({2017, 7}), "2017-07");
  auto m = parse_month("2017-07");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, (YearMonth{2017, 7}));
  for (const char* bad : {"2017-13", "2017-00", "2017-7", "17-07", "2017/07", "1399-12", "2017-07-01", ""}) {
    EXPECT_THAT(std::string(parse_month(bad).status().message()), HasSubstr("is not a month")) << bad;
  }
}

TEST(Format, CsvFieldsQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("住建"), "住建");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  std::string out;
  append_csv_record(&out, {"a", "b,c", ""});
  EXPECT_EQ(out, "a,\"b,c\",\n");
}

TEST(Format, TextTableAlignsChineseByDisplayWidth) {
  EXPECT_EQ(display_width("住建"), 4u);
  EXPECT_EQ(display_width("ab"), 2u);
  EXPECT_EQ(display_width("（元）"), 6u);
  EXPECT_EQ(display_width("\xFF"), 1u);
  TextTable t({{"窗口", TextTable::Align::kLeft}, {"n", TextTable::Align::kRight}});
  t.add_row({"住建", "5"});
  t.add_row({"市场监管局", "12"});
  EXPECT_EQ(t.render(),
            "窗口         n\n"
            "住建         5\n"
            "市场监管局  12\n");
}

std::vector<std::vector<std::string>> read_all(std::string_view text, std::vector<std::string>* errors = nullptr) {
  internal::CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> out;
  for (internal::CsvReader::Result r; (r = reader.next(&fields)) != internal::CsvReader::Result::kEnd;) {
    if (r == internal::CsvReader::Result::kError) {
      if (errors) errors->push_back(absl::StrCat("line ", reader.line(), ": ", reader.error()));
      continue;
    }
    out.emplace_back(fields.begin(), fields.end());
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, ReadsWhatRfc4180Writes) {
  EXPECT_EQ(read_all("a,b\r\n\"住建\",\"x,y\"\r\n"), (Rows{{"a", "b"}, {"住建", "x,y"}}));
  EXPECT_EQ(read_all("\"say \"\"hi\"\"\",2\n"), (Rows{{"say \"hi\"", "2"}}));
  EXPECT_EQ(read_all("\"two\nlines\",\"cr\r\nlf\"\nnext,1"), (Rows{{"two\nlines", "cr\r\nlf"}, {"next", "1"}}));
  EXPECT_EQ(read_all("\xEF\xBB\xBFh\n\n,\n\"\"\n"), (Rows{{"h"}, {}, {"", ""}, {""}}));
  EXPECT_EQ(read_all("a\rb\r"), (Rows{{"a"}, {"b"}}));
  EXPECT_TRUE(read_all("").empty());
}

TEST(Csv, ErrorsNameTheLineAndFieldAndReadingGoesOn) {
  std::vector<std::string> errors;
  const Rows rows = read_all("h,i\n1,a\"b\n\"x\"y,2\n\"multi\nline\"z\nok,1\n\"open,\nforever", &errors);
  EXPECT_EQ(rows, (Rows{{"h", "i"}, {"ok", "1"}}));
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_THAT(errors[0], HasSubstr("line 2: field 2: a quote inside an unquoted field"));
  EXPECT_THAT(errors[1], HasSubstr("line 3: field 1: text after the closing quote"));
  EXPECT_THAT(errors[2], HasSubstr("line 5: field 1: text after the closing quote"));
  EXPECT_THAT(errors[3], HasSubstr("line 7: field 1: a quoted field opened on line 7 is never closed"));
}

// ---- the report -----------------------------------------------------------------

const std::string kHeader = "case_id,matter,department,hall,kind,received,completed,fee,joint\n";

// Everything a report shows for a month: every column of every part, and its counts.
std::string whole(const MonthlyReport& r) {
  auto t = r.finish(2017, 7);
  EXPECT_TRUE(t.ok());
  return absl::StrCat(t->csv(ReportPart::kWindows), t->csv(ReportPart::kHalls), t->csv(ReportPart::kTotal), r.cases(),
                      "/", r.skipped());
}

TEST(ReportColumns, OneTableNamesEveryColumnOnce) {
  std::set<std::string_view> names;
  for (const ReportColumn& c : report_columns()) {
    EXPECT_TRUE(names.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.label.empty());
    const int accessors = (c.text != nullptr) + (c.figure != nullptr) + (c.ratio != nullptr);
    EXPECT_EQ(accessors, 1) << c.name;
    EXPECT_EQ(find_report_column(c.name), static_cast<size_t>(&c - report_columns().data()));
  }
  for (const char* name : {"pending", "joint_recv_m", "on_time_m", "late_m", "overdue_pending", "on_time_rate"}) {
    EXPECT_TRUE(find_report_column(name).has_value()) << name;
  }
  EXPECT_FALSE(find_report_column("nope").has_value());
}

TEST(ReportColumns, TheCsvHasEveryColumnAndTheOnTimeFigures) {
  const Calendar china = Calendar::china();
  MonthlyReport r(china);
  ASSERT_TRUE(r.add_csv(kHeader.substr(0, kHeader.size() - 1) + ",limit\n"
                                                                "a,,住建,中心,promised,2017-07-03,2017-07-05,,0,5\n"
                                                                "b,,住建,中心,promised,2017-07-03,2017-07-31,,0,5\n"
                                                                "c,,住建,中心,promised,2017-07-03,,,0,5\n")
                  .ok());
  const auto t = r.finish(2017, 7);
  const std::string csv = t->csv(ReportPart::kWindows);
  const auto rows = read_all(csv);
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].size(), report_columns().size());
  const auto at = [&](const char* name) { return rows[1][*find_report_column(name)]; };
  EXPECT_EQ(at("window"), "住建");
  EXPECT_EQ(at("on_time_m"), "1");
  EXPECT_EQ(at("late_m"), "1");
  EXPECT_EQ(at("overdue_pending"), "1");
  EXPECT_EQ(at("pending"), "1");
  EXPECT_EQ(at("on_time_rate"), "0.5000");
  // No case completed: no rate, an empty cell.
  EXPECT_EQ(report_cell(ReportRow{}, report_columns()[*find_report_column("on_time_rate")]), "");
}

TEST(ReportCsv, QuotedNamesAreTheNamesAndAreQuotedAgainOnTheWayOut) {
  const Calendar china = Calendar::china();
  MonthlyReport quoted(china), plain(china);
  ASSERT_TRUE(quoted
                  .add_csv("\"case_id\",matter,department,hall,kind,received,completed,fee,joint\r\n"
                           "\"c1\",,\"住建\",\"中心, 东区\",promised,2017-07-03,2017-07-04,\"12.50\",0\r\n"
                           "c2,,\"say \"\"hi\"\"\",\"中心, 东区\",promised,2017-07-03,,,0\r\n",
                           true)
                  .ok());
  const auto t = quoted.finish(2017, 7);
  ASSERT_EQ(t->windows.size(), 2u);
  EXPECT_EQ(t->windows[0].department, "住建");
  EXPECT_EQ(t->windows[0].hall, "中心, 东区");
  EXPECT_EQ(t->windows[1].department, "say \"hi\"");
  const std::string csv = t->csv(ReportPart::kHalls);
  EXPECT_THAT(csv, HasSubstr("\n\"中心, 东区\",,"));
  EXPECT_EQ(read_all(csv)[1][0], "中心, 东区");
  EXPECT_THAT(t->windows_csv("中心, 东区"), HasSubstr("\n\"say \"\"hi\"\"\",1,"));
}

TEST(ReportBounds, MoneyNeverWraps) {
  const Calendar china = Calendar::china();
  std::string log = kHeader;
  for (int i = 0; i < 100; ++i) {
    absl::StrAppend(&log, "c", i, ",,住建,中心,promised,2017-07-03,2017-07-04,999999999999999.99,0\n");
  }
  MonthlyReport strict(china);
  const std::string before = whole(strict);
  absl::Status s = strict.add_csv(log, true);
  EXPECT_THAT(std::string(s.message()), HasSubstr("case \"c92\": its fee of 999999999999999.99 yuan would take"));
  EXPECT_EQ(whole(strict), before);
  // Leniently, the cases that fit are counted and the others listed.
  MonthlyReport lenient(china);
  std::vector<Problem> problems;
  ASSERT_TRUE(lenient.add_csv(log, false, &problems).ok());
  EXPECT_EQ(lenient.cases(), 92);
  EXPECT_EQ(problems.size(), 8u);
  const auto t = lenient.finish(2017, 7);
  EXPECT_EQ(t->total.fee_month_fen, 92 * int64_t{99999999999999999});
  EXPECT_GT(t->total.fee_month_fen, 0);
  // One case at a time, and merging.
  CaseRecord big;
  big.case_id = "big";
  big.department = "住建";
  big.hall = "中心";
  big.received = Date(2017, 7, 3);
  big.completed = Date(2017, 7, 4);
  big.fee_fen = 99999999999999999;
  EXPECT_EQ(lenient.add(big).code(), absl::StatusCode::kOutOfRange);
  MonthlyReport other(china);
  ASSERT_TRUE(other.add(big).ok());
  const std::string lenient_before = whole(lenient);
  EXPECT_EQ(lenient.merge(other).code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(whole(lenient), lenient_before);
}

TEST(ReportNothingLost, AFailedStrictReadLeavesTheWholeReportAsItWas) {
  const Calendar china = Calendar::china();
  MonthlyReport report(china);
  ASSERT_TRUE(report.add_csv(kHeader + "c1,,住建,中心,promised,2017-07-03,2017-07-10,300,0\n", true).ok());
  const std::string before = whole(report);
  // Good rows of new halls and windows before the bad one: nothing of them may stay.
  EXPECT_FALSE(report
                   .add_csv(kHeader + "p1,,新窗口,PHANTOM,promised,2017-07-05,,,0\n"
                                      "p2,,住建,中心,promised,2017-07-05,,,0\n"
                                      "bad,,住建,OTHER,promised,2017-07-05,2017-07-01,,0\n",
                            true)
                   .ok());
  EXPECT_EQ(whole(report), before);
  EXPECT_THAT(whole(report), ::testing::Not(HasSubstr("PHANTOM")));
  // A CSV syntax error fails a strict read the same way.
  EXPECT_FALSE(report.add_csv(kHeader + "p1,,新窗口,PHANTOM,promised,2017-07-05,,,0\n\"open", true).ok());
  EXPECT_EQ(whole(report), before);
}

TEST(ReportNothingLost, ASkippedRowAddsNothingButItsProblem) {
  const Calendar china = Calendar::china();
  const std::string good = "c1,,住建,中心,promised,2017-07-03,2017-07-10,300,0\n";
  MonthlyReport expected(china), report(china);
  ASSERT_TRUE(expected.add_csv(kHeader + good).ok());
  std::vector<Problem> problems;
  ASSERT_TRUE(report
                  .add_csv(kHeader + "x1,,幽灵,PHANTOM,promised,2017-07-05,2017-07-01,,0\n" + good +
                               "x2,,幽灵,PHANTOM2,weekly,2017-07-05,,,0\n"
                               "x3,,幽灵,\"PHANTOM3\"x,promised,2017-07-05,,,0\n",
                           false, &problems)
                  .ok());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].path, "line 2");
  EXPECT_EQ(problems[2].path, "line 5");
  EXPECT_EQ(report.skipped(), 3);
  EXPECT_EQ(report.cases(), expected.cases());
  auto a = report.finish(2017, 7), b = expected.finish(2017, 7);
  EXPECT_EQ(a->csv(ReportPart::kWindows), b->csv(ReportPart::kWindows));
  EXPECT_EQ(a->csv(ReportPart::kHalls), b->csv(ReportPart::kHalls));
}

// ---- volumes --------------------------------------------------------------------

TEST(Volumes, FiniteNonNegativeDecimalsOnly) {
  auto catalog = Catalog::load_file(std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/catalog.json");
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const std::string code = catalog->matters()[0].code;
  for (const char* bad : {"inf", "nan", "0x10", "1e400", "1e3", "-1", "", "+1", "1.", ".5", "1,5", "one"}) {
    std::vector<Problem> problems;
    const std::string text = absl::StrCat("id,volume\n", code, ",2\n", code, ",", csv_field(bad), "\n");
    auto v = load_volumes_csv(*catalog, text, &problems);
    EXPECT_FALSE(v.ok()) << bad;
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_EQ(problems[0].path, "line 3") << bad;
    EXPECT_THAT(problems[0].message, HasSubstr("column \"volume\"")) << bad;
  }
  const std::string huge(400, '9');
  EXPECT_FALSE(load_volumes_csv(*catalog, absl::StrCat("id,volume\n", code, ",", huge, "\n")).ok());
  auto good = load_volumes_csv(*catalog, absl::StrCat("\"id\",\"volume\"\r\n\"", code, "\",\"3.5\"\r\n"));
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->matters.at(code), 3.5);
  // The window table: a bad figure names its column.
  std::vector<Problem> problems;
  EXPECT_FALSE(load_volumes_csv(*catalog,
                                "window,recv_m,recv_m_imm,recv_m_prom\n"
                                "住建,1,inf,0\n",
                                &problems)
                   .ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("column \"recv_m_imm\""));
}

// Records: one table of typed fields, written as CSV that the library's own
// reader reads back field for field, and as JSON that a JSON parser reads back
// value for value (numbers exactly, none as null, bad UTF-8 as U+FFFD).
TEST(Format, RecordsAsCsvAndJsonReadBackTheSameValues) {
  Records r{"rows", {"text", "count", "share", "yes", "list", "none"}, {}, false};
  const std::vector<std::string> tricky = {"住建", "中心, 东区", "say \"hi\"", "two\nlines", "tab\there", "\x01"};
  const double shares[] = {0.1, 1.0 / 3, 1e-300, 123456789.125, -0.0, 2.5e17};
  for (size_t i = 0; i < tricky.size(); ++i) {
    r.add({tricky[i], static_cast<int64_t>(i) - 3, shares[i], i % 2 == 0, std::vector<std::string>{tricky[i], "b"},
           FieldValue()});
  }
  r.add({std::string("short row")});  // padded with none
  const auto rows = read_all(records_csv(r));
  ASSERT_EQ(rows.size(), r.rows.size() + 1);
  EXPECT_EQ(rows[0], r.columns);
  const nlohmann::json document = nlohmann::json::parse(records_json({r}));
  const nlohmann::json& records = document.at("rows");
  ASSERT_EQ(records.size(), r.rows.size());
  for (size_t i = 0; i < tricky.size(); ++i) {
    EXPECT_EQ(rows[i + 1][0], tricky[i]);
    EXPECT_EQ(std::stod(rows[i + 1][2]), shares[i]);  // the shortest text that reads back exactly
    EXPECT_EQ(rows[i + 1][3], i % 2 == 0 ? "true" : "false");
    EXPECT_EQ(rows[i + 1][4], tricky[i] + " | b");
    EXPECT_EQ(rows[i + 1][5], "");
    EXPECT_EQ(records[i].at("text"), tricky[i]);
    EXPECT_EQ(records[i].at("count"), static_cast<int64_t>(i) - 3);
    EXPECT_EQ(records[i].at("share").get<double>(), shares[i]);
    EXPECT_EQ(records[i].at("yes"), i % 2 == 0);
    EXPECT_EQ(records[i].at("list"), nlohmann::json::array({tricky[i], "b"}));
    EXPECT_TRUE(records[i].at("none").is_null());
  }
  EXPECT_EQ(rows.back(), (std::vector<std::string>{"short row", "", "", "", "", ""}));
  EXPECT_TRUE(records.back().at("count").is_null());
  // NaN and the infinities are none; bad UTF-8 (a stray byte, an overlong form, a surrogate) is U+FFFD.
  Records one{"one", {"nan", "inf", "bad"}, {}, true};
  one.add({std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
           std::string("a\xFF\xC0\xAF\xED\xA0\x80z")});
  const nlohmann::json single = nlohmann::json::parse(records_json({r, one})).at("one");
  EXPECT_TRUE(single.at("nan").is_null() && single.at("inf").is_null());
  EXPECT_EQ(single.at("bad"), "a\uFFFD\uFFFD\uFFFDz");  // one for each bad sequence
  EXPECT_EQ(read_all(records_csv(one))[1], (std::vector<std::string>{"", "", "a\xFF\xC0\xAF\xED\xA0\x80z"}));
  // No parts, no rows.
  EXPECT_EQ(nlohmann::json::parse(records_json({})), nlohmann::json::object());
  EXPECT_EQ(nlohmann::json::parse(records_json({Records{"empty", {"a"}, {}, false}})).at("empty"),
            nlohmann::json::array());
}

}  // namespace
}  // namespace onetrip
