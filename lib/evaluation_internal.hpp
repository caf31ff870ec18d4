// Internal to the evaluators: a bundle (or a matter as a bundle of one) as
// spans, and the durations of limits in working days.
#ifndef ONETRIP_LIB_EVALUATION_INTERNAL_HPP_
#define ONETRIP_LIB_EVALUATION_INTERNAL_HPP_

#include <cstdint>

#include "absl/types/span.h"
#include "onetrip/catalog.hpp"

namespace onetrip::internal {

struct BundleView {
  absl::Span<const MatterIndex> members;
  absl::Span<const BundleEdge> edges;
  absl::Span<const uint32_t> topological_order;
  DepartmentIndex lead = 0;
  Acceptance acceptance = Acceptance::kSeparate;
  Results results = Results::kEach;
  HallIndex lead_hall = 0;                   // where a single window is
  absl::Span<const HallIndex> member_halls;  // each member's hall (precomputed with the catalogue)
};

// matter_storage must outlive the view (it holds the one member).
BundleView single_matter_view(const Catalog& catalog, MatterIndex matter, const MatterIndex& matter_storage);
BundleView bundle_view(const Catalog& catalog, BundleIndex bundle);

// A limit in working days. Natural days and months are converted at 5/7 and
// 21 working days a month (rounded up) and *approximate is set; a due date is
// always computed on the calendar instead.
int32_t limit_workdays(const Limit& limit, bool* approximate = nullptr);

// The matter's duration in a bundle's schedule: its promised limit (0 when immediate).
inline int32_t member_duration(const Matter& m, bool* approximate = nullptr) {
  return m.project_type == ProjectType::kImmediate ? 0 : limit_workdays(m.promised_limit, approximate);
}

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_EVALUATION_INTERNAL_HPP_
