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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/problem.hpp"

namespace onetrip {

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
};

// The figures of one row (a window of a hall, a hall, or a total).
struct ReportRow {
  std::string hall;
  std::string department;  // empty in the halls table
  int64_t received_month = 0, received_month_immediate = 0, received_month_promised = 0;
  int64_t received_year = 0, received_year_immediate = 0, received_year_promised = 0;
  int64_t completed_month = 0, completed_month_immediate = 0, completed_month_promised = 0;
  int64_t completed_year = 0, completed_year_immediate = 0, completed_year_promised = 0;
  int64_t fee_month_fen = 0, fee_year_fen = 0;
  int64_t pending = 0;  // received by the month's end and not completed by then
  int64_t joint_received_month = 0, joint_received_year = 0;
  int64_t joint_completed_month = 0, joint_completed_year = 0, joint_pending = 0;
  int64_t on_time_month = 0;        // completed this month by the due date
  int64_t late_month = 0;           // completed this month after it
  int64_t overdue_pending = 0;      // pending at the month's end and past the due date
  int64_t without_limit_month = 0;  // completed this month with no known limit
};

struct ReportTable {
  int year = 0;
  int month = 0;
  std::vector<ReportRow> windows;  // per hall, per department
  std::vector<ReportRow> halls;    // per hall
  ReportRow total;
  // The bulletin's window table for one hall, with its 合计 row:
  // window,recv_m,recv_m_imm,recv_m_prom,recv_c,…,fee_m,fee_c (fees in yuan).
  std::string windows_csv(const std::string& hall) const;
  // The bulletin's sub-centre table (every hall but `except`), with its 合  计 row:
  // subcentre,recv_m,done_m,fee_m,recv_c,done_c,fee_c.
  std::string halls_csv(const std::string& except) const;
};

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
  // hall, no department and none from the catalogue, completed before received.
  absl::Status add(const CaseRecord& record);

  // Case records in CSV (case_id,matter,department,hall,kind,received,completed,
  // fee,joint[,limit]). Bad rows are listed with their line and skipped; with
  // `strict` the first bad row fails the call and nothing of the text is added.
  absl::Status add_csv(std::string_view csv, bool strict = false, std::vector<Problem>* problems = nullptr);
  absl::Status add_csv_file(const std::string& path, bool strict = false, std::vector<Problem>* problems = nullptr);

  // Adds another partial report's cases (same figures as adding them here).
  void merge(const MonthlyReport& other);

  int64_t cases() const;    // added so far
  int64_t skipped() const;  // bad CSV rows skipped so far

  absl::StatusOr<ReportTable> finish(int year, int month) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onetrip

#endif  // ONETRIP_REPORT_HPP_
