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

// 行政许可法 第四十二条: a limit may be extended once, with the approval of the
// head of the body, by 10 working days — or by what another law allows, where
// the matter cites it (Matter::extension); a joint handling's (统一、联合、集中办理)
// 45 working days by 15.
enum class Extension : uint8_t { kNone, kSingle, kJoint };
int32_t extension_days(Extension extension);

// The end of a limit counted from acceptance day `accepted` (not counted):
// working days on the calendar; natural days and months counted on the
// civil calendar and rolled forward to the next working day.
absl::StatusOr<Date> limit_end(const Calendar& calendar, Date accepted, const Limit& limit);

struct MatterDue {
  Date accepted;
  Date due;  // the decision: immediate, the acceptance day; promised, the promised limit's end
  std::optional<Date> legal_due;
  int32_t special_procedure_days = 0;  // working days outside the limit (第四十五条)
  Date due_with_special_procedures;    // due plus those days
  int32_t issue_days = 0;              // working days to issue the certificate (第四十四条)
  Date result_due;                     // the applicant holds the result: due + 第四十五条 + 第四十四条
  int32_t extension_days = 0;          // when an extension is asked: 10, or what the matter's law allows
  std::optional<Date> extended_due;    // the legal (else promised) due plus the extension, when asked
};

// A matter alone, accepted on `accepted`. Extension::kJoint is
// INVALID_ARGUMENT: 第四十二条's 15 days extend a joint handling, a bundle.
absl::StatusOr<MatterDue> matter_due(const Catalog& catalog, const Calendar& calendar, MatterIndex matter,
                                     Date accepted, Extension extension = Extension::kNone);

struct MemberSchedule {
  uint32_t member = 0;  // position in the bundle
  MatterIndex matter = 0;
  int32_t duration = 0;      // working days counted against the limit: the promised limit, 0 when immediate
  int32_t special_days = 0;  // 第四十五条's procedures: not counted, but the applicant waits
  int32_t issue_days = 0;    // issuing the certificate after the decision (第四十四条)
  // earliest_finish = earliest_start + duration + special_days + issue_days: the result in hand.
  int32_t earliest_start = 0;
  int32_t earliest_finish = 0;
  int32_t latest_start = 0;
  int32_t latest_finish = 0;
  int32_t slack = 0;
  bool critical = false;
};

struct BundleSchedule {
  int32_t workdays = 0;                 // until the last result is in hand: the critical path's length
  int32_t counted_workdays = 0;         // the administration's own working days (limits and transfers)
  std::vector<MemberSchedule> members;  // in member order
  std::vector<uint32_t> critical_path;  // member positions along one longest path, in order
  JointHandling handling = JointHandling::kNone;
  // 统一、联合、集中办理 whose counted working days are over 45 (第四十二条); never
  // for a bundle without joint handling.
  bool over_joint_limit = false;
  bool approximate = false;  // a member's limit is in natural days or months
  std::optional<Date> start;
  std::optional<Date> due;  // start + workdays on the calendar
};

// The critical path over the bundle's edges: each member takes its limit,
// its 第四十五条 days and its issuing, each edge its days (the applicant's
// delay, or the transfer time).
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
