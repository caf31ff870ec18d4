// The `onetrip` tool's commands: what each takes (filled by the parser in
// main.cpp, the only file that sees CLI11) and the function that runs it. The
// commands are thin clients of the library: its evaluators compute, its
// writers (onetrip/format.hpp, the report's, the catalogue's) format.
#ifndef ONETRIP_EXAMPLES_CLI_TOOL_HPP_
#define ONETRIP_EXAMPLES_CLI_TOOL_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/format.hpp"
#include "progress_bar.hpp"

namespace onetrip::tool {

// --format: the text for people, or the records for programs (docs/tool.md
// gives each command's columns and JSON members).
enum class Format { kTable, kCsv, kJson };

// The catalogue in a file: a binary snapshot (known by its first bytes) or
// "onetrip/1" JSON, whose problems go to `problems`.
absl::StatusOr<Catalog> load_catalog(const std::string& path, std::vector<Problem>* problems = nullptr);

// The China calendar with the years of each --calendar file added, in order.
absl::StatusOr<Calendar> load_calendar(const std::vector<std::string>& files);

const char* weekday(Date d);
// "2017-07-03", or none for a missing date.
FieldValue date_field(const std::optional<Date>& d);

// The catalogue's indicators as one record named `name`.
Records indicators_records(const Indicators& indicators, const char* name);

// Writes --format csv or json: the JSON document of every part, or the CSV of
// the part `csv` (an index into parts).
void write_records(Format format, absl::Span<const Records> parts, size_t csv = 0);

// ---- the calendar and the clock (dates.cpp) --------------------------------

struct DeadlineArgs {
  std::string start;
  int64_t days = 0;
  std::vector<std::string> calendars;
  Format format = Format::kTable;
};
absl::Status run_deadline(const DeadlineArgs& args);

struct CalendarArgs {
  std::string month;
  std::vector<std::string> calendars;
  Format format = Format::kTable;
};
absl::Status run_calendar(const CalendarArgs& args);

struct ClockArgs {
  std::vector<std::string> events;
  std::string as_of;
  std::optional<int32_t> extension_limit;
  std::vector<std::string> calendars;
  Format format = Format::kTable;
};
absl::Status run_clock(const ClockArgs& args);

// ---- one catalogue (catalogue.cpp) -----------------------------------------

struct ValidateArgs {
  std::string catalog;
  Format format = Format::kTable;
};
absl::Status run_validate(const ValidateArgs& args);

struct FormatArgs {
  std::string catalog;
};
absl::Status run_format(const FormatArgs& args);

struct NoticeArgs {
  std::string catalog;
  std::string code;                  // a matter's code or a bundle's id
  std::vector<std::string> answers;  // "question=value", each question once
  std::string start;                 // empty: no due date
  std::vector<std::string> calendars;
  bool json = false;  // text (Chinese, the default) or JSON
};
absl::Status run_notice(const NoticeArgs& args);

struct EvaluateArgs {
  std::string catalog;
  std::string start;  // empty: no due dates
  std::vector<std::string> calendars;
  Format format = Format::kTable;
};
absl::Status run_evaluate(const EvaluateArgs& args);

struct AuditArgs {
  std::string catalog;
  Format format = Format::kTable;
};
absl::Status run_audit(const AuditArgs& args);

struct DotArgs {
  std::string catalog;
  std::string bundle;
};
absl::Status run_dot(const DotArgs& args);

struct AsofArgs {
  std::string catalog;
  std::string date;
  std::string scenario;  // empty: none
};
absl::Status run_asof(const AsofArgs& args);

struct DiffArgs {
  std::string a;
  std::string b;
  Format format = Format::kTable;
};
absl::Status run_diff(const DiffArgs& args);

struct GenerateArgs {
  int64_t matters = 0;
  uint64_t seed = 1;
};
absl::Status run_generate(const GenerateArgs& args);
struct SnapshotArgs {
  std::string catalog;  // JSON (or a snapshot)
  std::string out;
};
absl::Status run_snapshot(const SnapshotArgs& args);

// ---- interchange (interchange.cpp) -----------------------------------------

struct BpmnArgs {
  std::string catalog;
  std::string bundle;
  std::string engine;  // empty: plain
  std::string start;   // empty: the engine's business calendar resolves the limits
  std::string business_calendar;
  std::string before;  // a scenario file; empty: none
  std::vector<std::string> calendars;
};
absl::Status run_bpmn(const BpmnArgs& args);

struct BpmnImportArgs {
  std::string file;
};
absl::Status run_bpmn_import(const BpmnImportArgs& args);

struct ImportListingArgs {
  std::string basic, extend, materials, fees, halls, departments, material_defs;
  std::string name;
  std::string out;     // empty: stdout
  std::string report;  // empty: none
  std::string audit;   // empty: none; "-": stdout
  bool strict = false;
};
absl::Status run_import_listing(const ImportListingArgs& args);

// The catalogue with the reforms of a scenario file applied (--before).
absl::StatusOr<Catalog> apply_file(const Catalog& base, const std::string& path);

// ---- what if (whatif.cpp) --------------------------------------------------

struct WhatifArgs {
  std::string catalog;
  std::string scenario;
  std::string before;
  std::vector<std::string> volumes;
  std::vector<std::string> situation_volumes;  // matter,situation,volume|share
  Format format = Format::kTable;
};
absl::Status run_whatif(const WhatifArgs& args);

struct RoadmapArgs {
  std::string catalog;
  std::string scenario;
  std::string from, to;
  std::vector<std::string> volumes;
  std::string monthly;
  std::string case_log;  // the months' own volumes counted from a case log
  bool strict = false;   // a bad row of the case log fails the command
  std::vector<std::string> situation_volumes;
  std::string before;
  std::vector<std::string> calendars;
  Format format = Format::kTable;
};
absl::Status run_roadmap(const RoadmapArgs& args);

// ---- the monthly report (report.cpp) ---------------------------------------

struct ReportArgs {
  std::string cases;
  std::string month;
  std::string catalog;
  std::string hall;
  std::string table = "both";  // windows, halls, both, all
  bool strict = false;
  std::vector<std::string> calendars;
  Format format = Format::kTable;
};
absl::Status run_report(const ReportArgs& args);

}  // namespace onetrip::tool

#endif  // ONETRIP_EXAMPLES_CLI_TOOL_HPP_
