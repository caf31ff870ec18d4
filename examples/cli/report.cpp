// The monthly statistics report from case records (docs/case-records.md).
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/catalog.hpp"
#include "onetrip/report.hpp"
#include "tool.hpp"

namespace onetrip::tool {
namespace {

// Report rows as records with every column of report_columns(): money as
// integer fen (the column's name with _fen), a ratio as a number or none.
Records report_records(const char* name, absl::Span<const ReportRow> rows) {
  Records r{name, {}, {}, false};
  for (const ReportColumn& c : report_columns()) {
    r.columns.push_back(c.type == ReportColumnType::kMoneyFen ? std::string(c.name) + "_fen" : std::string(c.name));
  }
  for (const ReportRow& row : rows) {
    std::vector<FieldValue> fields;
    for (const ReportColumn& c : report_columns()) {
      switch (c.type) {
        case ReportColumnType::kText:
          fields.emplace_back(row.*c.text);
          break;
        case ReportColumnType::kCount:
        case ReportColumnType::kMoneyFen:
          fields.emplace_back(row.*c.figure);
          break;
        case ReportColumnType::kRatio:
          fields.emplace_back(c.ratio(row));  // NaN (nothing counted) is none
          break;
      }
    }
    r.add(std::move(fields));
  }
  return r;
}

}  // namespace

absl::Status run_report(const ReportArgs& args) {
  const YearMonth month = *parse_month(args.month);  // checked by the parser
  std::optional<Catalog> catalog;
  if (!args.catalog.empty()) {
    auto loaded = load_catalog(args.catalog);
    if (!loaded.ok()) return loaded.status();
    catalog = *std::move(loaded);
  }
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  MonthlyReport report(*calendar, catalog ? &*catalog : nullptr);
  std::vector<Problem> problems;
  // Strict: every bad row is in the error (the library names each one).
  if (auto s = report.add_csv_file(args.cases, args.strict, &problems, cli::terminal_progress()); !s.ok()) return s;
  for (size_t i = 0; i < problems.size() && i < 20; ++i) {
    std::cerr << absl::StrFormat("%s %s: %s (skipped)\n", args.cases, problems[i].path, problems[i].message);
  }
  if (problems.size() > 20) {
    std::cerr << absl::StrFormat("%s: %d more rows skipped\n", args.cases, problems.size() - 20);
  }
  auto table = report.finish(month.year, month.month);
  if (!table.ok()) return table.status();
  std::string hall = args.hall;  // by default the catalogue's first hall, else the report's
  if (hall.empty() && catalog && !catalog->halls().empty()) hall = catalog->halls()[0].name;
  if (hall.empty() && !table->halls.empty()) hall = table->halls[0].hall;
  const std::string& which = args.table;

  if (args.format == Format::kJson) {
    Records summary{"report", {"month", "hall", "cases", "skipped", "calendar"}, {}, true};
    summary.add({format_month(month), hall, report.cases(), report.skipped(), calendar->name()});
    std::vector<Records> parts = {summary};
    if (which == "windows") {
      std::vector<ReportRow> rows;
      for (const ReportRow& row : table->windows) {
        if (row.hall == hall) rows.push_back(row);
      }
      parts.push_back(report_records("windows", rows));
    } else if (which == "halls") {
      parts.push_back(report_records("halls", table->halls));
    } else {
      parts.push_back(report_records("windows", table->windows));
      parts.push_back(report_records("halls", table->halls));
      Records total = report_records("total", absl::MakeConstSpan(&table->total, 1));
      total.single = true;
      parts.push_back(std::move(total));
    }
    write_records(args.format, parts);
    return absl::OkStatus();
  }
  if (args.format == Format::kCsv) {
    if (which == "all") {
      // Every column of every window of every hall (the bulletin's tables are a selection).
      std::cout << table->csv(ReportPart::kWindows);
      return absl::OkStatus();
    }
    if (which != "halls") std::cout << table->windows_csv(hall);
    if (which == "both") std::cout << "\n";
    if (which != "windows") std::cout << table->halls_csv(hall);
    return absl::OkStatus();
  }
  const std::string month_name = format_month(month);
  if (which != "halls") {
    std::cout << absl::StrFormat("审批服务情况月报表  %s  %s   (%d cases%s)\n", hall, month_name, report.cases(),
                                 report.skipped() ? absl::StrFormat(", %d rows skipped", report.skipped()) : "");
    std::cout << table->windows_text(hall);
  }
  if (which == "both" || which == "all") std::cout << "\n";
  if (which != "windows") {
    std::cout << absl::StrFormat("分中心审批服务情况月报表  %s\n", month_name);
    std::cout << table->halls_text(hall);
  }
  return absl::OkStatus();
}

}  // namespace onetrip::tool
