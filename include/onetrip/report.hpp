// The monthly statistics report of a service centre, from case records: per
// window (department) of a hall and per hall, received and completed for the
// month and the year to date, split immediate/promised, fees, pending and joint
// cases — the bulletin's two tables — plus on-time and overdue counts.
//
// A MonthlyReport is an accumulator: add cases in any order, merge partial
// reports exactly (every figure is a sum), then finish it for a month.
#ifndef ONETRIP_REPORT_HPP_
#define ONETRIP_REPORT_HPP_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"

namespace onetrip {

namespace internal {
class CaseLog;  // lib/report_internal.hpp: the report's reading of a case log, for the roadmap's volumes
}  // namespace internal

struct CaseRecord {
  std::string case_id;
  std::string matter;      // a matter code; may be empty when department is given
  std::string department;  // the window; may be empty when a catalogue resolves it from matter
  std::string hall;
  ProjectType kind = ProjectType::kPromised;
  Date received;
  std::optional<Date> completed;  // none while pending
  int64_t fee_fen = 0;            // counts in the month the case is completed
  bool joint = false;             // 联办件
  std::optional<int32_t> limit;   // working days; else the catalogue's promised limit; else no on-time figure
  // The day the application was accepted (受理), from which the limit counts
  // (行政许可法 第四十二条: 自受理行政许可申请之日起); none: accepted on the day it was
  // received, as at a service centre's window (第三十二条: 当场受理). Never before
  // received.
  std::optional<Date> accepted;
};

// A text column as a dictionary, as pandas' categoricals and Arrow's
// dictionary arrays hold it: row i's text is categories[codes[i]], and a
// negative code is a missing (empty) value. Each category is interned once
// per call, not once per row.
struct TextColumn {
  absl::Span<const int32_t> codes;
  absl::Span<const std::string_view> categories;
};

// Case records column by column (a DataFrame's or an Arrow table's), each
// column `rows` long, or empty where it is optional. The same fields as
// CaseRecord and the CSV, without text in between.
struct CaseColumns {
  size_t rows = 0;
  TextColumn case_id;  // optional; names a bad row's case in its problem
  // Or, for ids that are not a dictionary (every case has its own), the id of
  // row i, asked only for a bad row's problem.
  std::function<std::string(size_t row)> case_id_of;
  TextColumn matter;      // optional
  TextColumn department;  // optional where a matter and the catalogue give it
  TextColumn hall;
  TextColumn kind;                       // "immediate" or "promised"
  absl::Span<const EpochDay> received;   // NumPy datetime64[D] values
  absl::Span<const EpochDay> completed;  // optional; kMissingDay (NaT) while pending
  absl::Span<const int64_t> fee_fen;     // optional (no fee); or fee_yuan, not both
  // Yuan as pandas reads a CSV's fees (float64): NaN is no fee; a value that is
  // not a whole number of fen (or too large to hold one exactly) is a bad row.
  absl::Span<const double> fee_yuan;
  absl::Span<const uint8_t> joint;        // optional; 0 or 1
  absl::Span<const int32_t> limit;        // optional; working days
  absl::Span<const uint8_t> limit_given;  // optional with limit: 0 where a row has none
  absl::Span<const EpochDay> accepted;    // optional; kMissingDay (NaT): accepted when received
};

// The figures of one row (a window of a hall, a hall, or a total). Every
// figure is a sum over cases, so rows add up and partial reports merge.
// Each field is a column of report_columns(); a field without its column line
// does not compile (lib/report.cpp checks the sizes).
struct ReportRow {
  std::string hall;
  std::string department;  // empty in the halls table
  int64_t received_month = 0, received_month_immediate = 0, received_month_promised = 0;
  int64_t received_year = 0, received_year_immediate = 0, received_year_promised = 0;
  int64_t completed_month = 0, completed_month_immediate = 0, completed_month_promised = 0;
  int64_t completed_year = 0, completed_year_immediate = 0, completed_year_promised = 0;
  int64_t fee_month_fen = 0, fee_year_fen = 0;  // 税费: everything collected, as the bulletin's tables
  // Of them, what windows collecting taxes took (Department::collects_taxes):
  // taxes, not administrative fees (fees are fee − tax).
  int64_t tax_month_fen = 0, tax_year_fen = 0;
  int64_t pending = 0;  // received by the month's end and not completed by then
  int64_t joint_received_month = 0, joint_received_year = 0;
  int64_t joint_completed_month = 0, joint_completed_year = 0, joint_pending = 0;
  int64_t on_time_month = 0;        // completed this month by the due date
  int64_t late_month = 0;           // completed this month after it
  int64_t overdue_pending = 0;      // pending at the month's end and past the due date
  int64_t without_limit_month = 0;  // completed this month with no known limit
};

// The type of a column's values. The values are frozen (the C ABI mirrors them).
enum class ReportColumnType {
  kText = 0,      // the hall, the window
  kCount = 1,     // a number of cases (int64)
  kMoneyFen = 2,  // money in integer fen (int64); yuan in text outputs ("12.50", "300")
  kRatio = 3,     // a share in [0, 1] (double); none (NaN, "" in text) when nothing is counted
};
std::string_view to_string(ReportColumnType type);

// One column of the report, after SQLite's column API: its name (the CSV
// header, the DataFrame column, onetrip_report_column_name), its Chinese label
// (the tool's table), its type and its accessor (exactly one is set, by type).
struct ReportColumn {
  std::string_view name;
  std::string_view label;
  ReportColumnType type;
  std::string ReportRow::*text;
  int64_t ReportRow::*figure;
  double (*ratio)(const ReportRow&);
};

// Every column, in order: the one table that the report's CSV, the tool's
// table, the C ABI's column accessors and the Python DataFrame are made from.
// A new column is one line in it (lib/report.cpp).
absl::Span<const ReportColumn> report_columns();
// A column's index in report_columns(); none for a name that is not one.
std::optional<size_t> find_report_column(std::string_view name);
// One cell as text: a count in digits, money as yuan (format_yuan_compact), a
// ratio with four decimals ("" when none), text as it is.
std::string report_cell(const ReportRow& row, const ReportColumn& column);

// The parts of a finished report.
enum class ReportPart {
  kWindows = 0,  // every window of every hall, hall by hall
  kHalls = 1,    // every hall
  kTotal = 2,    // one row: every hall together
};

struct ReportTable {
  int year = 0;
  int month = 0;
  std::vector<ReportRow> windows;  // per hall, per department
  std::vector<ReportRow> halls;    // per hall
  ReportRow total;

  // A part's rows (the total as a single row).
  absl::Span<const ReportRow> rows(ReportPart part) const;

  // A part with every column of report_columns(), as CSV (RFC 4180: names
  // with a comma, a quote or a line break are quoted), the header first.
  std::string csv(ReportPart part) const;

  // The bulletin's window table for one hall, with its 合计 row:
  // window,recv_m,recv_m_imm,recv_m_prom,recv_c,…,fee_m,fee_c (fees in yuan).
  std::string windows_csv(const std::string& hall) const;
  // The bulletin's sub-centre table (every hall but `except`), with its 合  计 row:
  // subcentre,recv_m,done_m,fee_m,recv_c,done_c,fee_c.
  std::string halls_csv(const std::string& except) const;

  // The same two tables as aligned text with the Chinese labels, every column
  // in the window table, and the bulletin's note on joint cases under it.
  std::string windows_text(const std::string& hall) const;
  std::string halls_text(const std::string& except) const;
};

// Thread rules: a MonthlyReport is one thread at a time — add, add_csv and
// merge change it, and no other call may run on it meanwhile (const calls may
// run together). Reports built on separate threads merge exactly. A
// ReportTable is a plain value.
//
// Bounds: the fees of all the cases one report holds add up to at most
// INT64_MAX fen (92233720368547758.07 yuan), and its cases to at most
// INT64_MAX; a case or a merge that would pass either is refused (OUT_OF_RANGE,
// naming the case and the fee), so no figure, being a part of these sums, can
// wrap.
class MonthlyReport {
 public:
  // The calendar decides due dates for on-time figures; the catalogue (may be
  // null) resolves departments and limits from matter codes and lists every
  // window of a hall, also those without cases.
  explicit MonthlyReport(const Calendar& calendar, const Catalog* catalog = nullptr);
  ~MonthlyReport();
  MonthlyReport(MonthlyReport&&) noexcept;
  MonthlyReport& operator=(MonthlyReport&&) noexcept;

  // One case; INVALID_ARGUMENT (nothing added) when it cannot be placed: no
  // hall, no department and none from the catalogue, completed before received;
  // OUT_OF_RANGE past the bounds above.
  absl::Status add(const CaseRecord& record);

  // Case records in CSV as RFC 4180 writes it (Python's csv, pandas):
  // case_id,matter,department,hall,kind,received,completed,fee,joint[,limit].
  // Bad rows are listed with their line and skipped, and add nothing; with
  // `strict` a bad row fails the call, which still reads every row so that its
  // error and `problems` name every bad one, and the report stays exactly as
  // it was. Progress: phase "read", in bytes of the text; a cancelled call
  // returns CANCELLED and leaves the report exactly as it was.
  absl::Status add_csv(std::string_view csv, bool strict = false, std::vector<Problem>* problems = nullptr,
                       const ProgressCallback& progress = {});
  absl::Status add_csv_file(const std::string& path, bool strict = false, std::vector<Problem>* problems = nullptr,
                            const ProgressCallback& progress = {});

  // Case records as columns: the same rows, the same checks and the same
  // figures as add_csv, with no text in between (a problem names "row i",
  // from 0). A column of the wrong length fails the call (INVALID_ARGUMENT)
  // and adds nothing; bad rows are skipped as in add_csv, and with `strict`
  // they fail the call, every one named, and the report stays exactly as it was.
  // Progress: phase "rows"; cancelled, the report stays as it was.
  absl::Status add_columns(const CaseColumns& columns, bool strict = false, std::vector<Problem>* problems = nullptr,
                           const ProgressCallback& progress = {});

  // Adds another partial report's cases (same figures as adding them here);
  // OUT_OF_RANGE past the bounds above, FAILED_PRECONDITION when the two were
  // made on different calendars or catalogues (by the digests of save_state),
  // and then nothing is merged.
  absl::Status merge(const MonthlyReport& other);

  int64_t cases() const;    // added so far
  int64_t skipped() const;  // bad CSV rows skipped so far

  absl::StatusOr<ReportTable> finish(int year, int month) const;

  // The accumulator as bytes, to ship a partial report to another process
  // (Python's pickle, Dask): its names, tallies and counts, with digests of its
  // calendar and of the catalogue facts it reads (halls and their windows;
  // matter codes, departments, kinds and promised limits). Deterministic:
  // equal reports give equal bytes. The calendar and catalogue travel apart.
  std::string save_state() const;
  // The report saved by save_state, on its calendar and catalogue:
  // FAILED_PRECONDITION when either is not the one it was made on (by digest),
  // INVALID_ARGUMENT when the bytes are not a report's state.
  static absl::StatusOr<MonthlyReport> load_state(const Calendar& calendar, const Catalog* catalog,
                                                  std::string_view state);

  const Calendar& calendar() const;

 private:
  friend class internal::CaseLog;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onetrip

#endif  // ONETRIP_REPORT_HPP_
