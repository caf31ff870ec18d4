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

// The matter's duration in a bundle's schedule: its promised limit (0 when immediate).
inline int32_t member_duration(const Matter& m, bool* approximate = nullptr) {
  return m.project_type == ProjectType::kImmediate ? 0 : limit_workdays(m.promised_limit, approximate);
}

// The forward pass of the critical path method over a bundle's graph, in
// members + edges steps: es[v] is the earliest start of member v (the latest
// earliest finish of its predecessors plus each edge's days), ef[v] = es[v] +
// duration(v). Returns the makespan (the critical path's length).
template <class Duration, class Spans>
int32_t forward_pass(const BundleGraph& g, Duration duration, Spans& es, Spans& ef) {
  int32_t makespan = 0;
  for (uint32_t v : g.order) {
    ef[v] = es[v] + duration(v);
    makespan = std::max(makespan, ef[v]);
    for (uint32_t k : g.out_of(v)) {
      const BundleEdge& e = g.edges[k];
      es[e.to] = std::max(es[e.to], ef[v] + e.days);
    }
  }
  return makespan;
}

// 行政许可法 第四十二条: a decision made by several bodies (统一办理, 联合办理,
// 集中办理) is due within 45 working days.
inline constexpr int32_t kJointHandlingLimit = 45;
inline bool over_joint_limit(size_t members, int32_t workdays) { return members > 1 && workdays > kJointHandlingLimit; }

// The day a matter accepted on `accepted` is due: an immediate matter is done
// on the spot, that day (also a day off, at a hall open that day); a promised
// one at the end of its promised limit. OUT_OF_RANGE outside the calendar.
absl::StatusOr<Date> decision_due(const Calendar& calendar, Date accepted, const Matter& m);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_SCHEDULE_INTERNAL_HPP_
