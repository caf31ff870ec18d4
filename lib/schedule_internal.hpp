// Internal to the rules of time: a limit in working days, a member's duration,
// the forward pass over a bundle's graph that every evaluator shares (trips
// take their moments from it, the schedule its earliest times), the joint
// handling limit and the due date of a matter.
#ifndef ONETRIP_LIB_SCHEDULE_INTERNAL_HPP_
#define ONETRIP_LIB_SCHEDULE_INTERNAL_HPP_

#include <algorithm>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "catalog_internal.hpp"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"

namespace onetrip::internal {

// A limit in working days. Natural days and months are converted at 5/7 and
// 21 working days a month (rounded up) and *approximate is set; a due date is
// always computed on the calendar instead.
int32_t limit_workdays(const Limit& limit, bool* approximate = nullptr);

// The working days counted against a matter's limit: its promised limit (0
// when immediate).
inline int32_t member_duration(const Matter& m, bool* approximate = nullptr) {
  return m.project_type == ProjectType::kImmediate ? 0 : limit_workdays(m.promised_limit, approximate);
}

// The working days of 第四十五条's procedures (not counted in the limit).
inline int32_t special_days(const Matter& m) {
  int32_t days = 0;
  for (const SpecialProcedure& p : m.special_procedures) days += p.days;
  return days;
}

// The working days after the decision: 第四十五条's procedures and issuing (第四十四条).
inline int32_t days_after_decision(const Matter& m) { return special_days(m) + m.issue_days; }

// The working days from acceptance until the applicant can hold the result:
// the limit, the time 第四十五条 does not count, and issuing (第四十四条).
inline int32_t member_elapsed(const Matter& m, bool* approximate = nullptr) {
  return member_duration(m, approximate) + days_after_decision(m);
}

// An edge's days counted against a joint limit: the transfer time inside the
// administration, not the applicant's own delay.
inline int32_t counted_edge_days(const BundleEdge& e) { return e.kind == EdgeKind::kInternal ? e.days : 0; }
inline int32_t all_edge_days(const BundleEdge& e) { return e.days; }

// The forward pass of the critical path method over a bundle's graph, in
// members + edges steps: es[v] is the earliest start of member v (the latest
// earliest finish of its predecessors plus each edge's days), ef[v] = es[v] +
// duration(v). Returns the makespan (the critical path's length).
template <class Duration, class EdgeDays, class Spans>
int32_t forward_pass(const BundleGraph& g, Duration duration, EdgeDays edge_days, Spans& es, Spans& ef) {
  int32_t makespan = 0;
  for (uint32_t v : g.order) {
    ef[v] = es[v] + duration(v);
    makespan = std::max(makespan, ef[v]);
    for (uint32_t k : g.out_of(v)) {
      const BundleEdge& e = g.edges[k];
      es[e.to] = std::max(es[e.to], ef[v] + edge_days(e));
    }
  }
  return makespan;
}

// 行政许可法 第四十二条: a decision handled by several bodies as one (统一办理,
// 联合办理, 集中办理) is due within 45 working days, counted as the
// administration's own: limits and transfers, not the applicant's delays, not
// 第四十五条's procedures, not issuing.
inline constexpr int32_t kJointHandlingLimit = 45;
inline bool over_joint_limit(JointHandling handling, int32_t counted_workdays) {
  return handling != JointHandling::kNone && counted_workdays > kJointHandlingLimit;
}

// The day a matter accepted on `accepted` is due: an immediate matter is done
// on the spot, that day (also a day off, at a hall open that day); a promised
// one at the end of its promised limit. OUT_OF_RANGE outside the calendar.
absl::StatusOr<Date> decision_due(const Calendar& calendar, Date accepted, const Matter& m);
// The day the applicant holds the result: the decision's due day, then
// 第四十五条's procedures and issuing (第四十四条) in working days.
absl::StatusOr<Date> result_due(const Calendar& calendar, Date accepted, const Matter& m);
// The same from what the rule reads of a matter (a catalogue's packed facts
// hold them): whether it is immediate, its promised limit, and the working
// days after the decision (第四十五条's procedures and issuing).
absl::StatusOr<Date> result_due(const Calendar& calendar, Date accepted, bool immediate, const Limit& promised,
                                int32_t after_decision);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_SCHEDULE_INTERNAL_HPP_
