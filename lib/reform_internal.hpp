// Internal to the reforms: applying reforms that are not a scenario's in its
// order (the dated ones of a roadmap, one at a time), with each reform's
// problems reported at its own path in the scenario.
#ifndef ONETRIP_LIB_REFORM_INTERNAL_HPP_
#define ONETRIP_LIB_REFORM_INTERNAL_HPP_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/catalog.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"
#include "onetrip/reform.hpp"

namespace onetrip::internal {

// Each reform with the path its problems are reported at ("$.reforms[3]").
using PlacedReform = std::pair<const Reform*, std::string>;

// A catalogue's matters by department, hall and kind: what a reform's target
// is looked up in. Valid for every catalogue derived from it without
// renumbering, except by_kind (a filing changes a matter's kind).
struct TargetIndex {
  std::vector<std::vector<MatterIndex>> by_department, by_hall, by_kind;
};

// apply() for these reforms, in this order. With `index`, a non-null *index
// (of an earlier state numbered alike) is used instead of indexing `base`
// anew, and *index receives the index used, for the next state.
absl::StatusOr<Catalog> apply_placed(const Catalog& base, absl::Span<const PlacedReform> reforms,
                                     std::vector<Problem>* problems,
                                     std::shared_ptr<const TargetIndex>* index = nullptr,
                                     const ProgressCallback* progress = nullptr);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_REFORM_INTERNAL_HPP_
