// How long: due dates of a matter on the calendar, and the critical path of a
// bundle's graph in working days. docs/rules.md states the rules.
#ifndef ONETRIP_SCHEDULE_HPP_
#define ONETRIP_SCHEDULE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"

namespace onetrip {

// 行政许可法 第四十二条: a limit may be extended by 10 working days, or by 15
// for joint handling (联合办理).
enum class Extension : uint8_t { kNone, kSingle, kJoint };
int32_t extension_days(Extension extension);

// The end of a limit counted from acceptance day `accepted` (not counted):
// working days on the calendar; natural days and months counted on the
// civil calendar and rolled forward to the next working day.
absl::StatusOr<Date> limit_end(const Calendar& calendar, Date accepted, const Limit& limit);

struct MatterDue {
  Date accepted;
  Date due;  // immediate: the acceptance day; promised: the promised limit's end
  std::optional<Date> legal_due;
  int32_t special_procedure_days = 0;  // working days outside the limit (第四十五条)
  Date due_with_special_procedures;    // due plus those days
  std::optional<Date> extended_due;    // the legal (else promised) due plus the extension, when asked
};

absl::StatusOr<MatterDue> matter_due(const Catalog& catalog, const Calendar& calendar, MatterIndex matter,
                                     Date accepted, Extension extension = Extension::kNone);

struct MemberSchedule {
  uint32_t member = 0;  // position in the bundle
  MatterIndex matter = 0;
  int32_t duration = 0;  // working days: the promised limit, 0 for an immediate matter
  int32_t earliest_start = 0;
  int32_t earliest_finish = 0;
  int32_t latest_start = 0;
  int32_t latest_finish = 0;
  int32_t slack = 0;
  bool critical = false;
};

struct BundleSchedule {
  int32_t workdays = 0;                 // the critical path's length
  std::vector<MemberSchedule> members;  // in member order
  std::vector<uint32_t> critical_path;  // member positions along one longest path, in order
  bool over_joint_limit = false;        // joint handling over 45 working days (第四十二条)
  bool approximate = false;             // a member's limit is in natural days or months
  std::optional<Date> start;
  std::optional<Date> due;  // start + workdays on the calendar
};

// The critical path over the bundle's edges: each member takes its limit,
// each edge its days (the applicant's delay, or the transfer time).
BundleSchedule schedule_bundle(const Catalog& catalog, BundleIndex bundle);
// The same with a start date: the due date on the calendar.
absl::StatusOr<BundleSchedule> schedule_bundle(const Catalog& catalog, BundleIndex bundle, const Calendar& calendar,
                                               Date start);

// The bundle's graph in Graphviz DOT: members with their departments and
// durations, the lead marked, edges by kind with their days, the critical path
// in bold red. `onetrip dot FILE BUNDLE | dot -Tsvg > bundle.svg`.
std::string bundle_dot(const Catalog& catalog, BundleIndex bundle);

}  // namespace onetrip

#endif  // ONETRIP_SCHEDULE_HPP_
