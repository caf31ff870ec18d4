// Internal to the reforms: applying reforms that are not a scenario's in its
// order (the dated ones of a roadmap, one at a time), with each reform's
// problems reported at its own path in the scenario.
#ifndef ONETRIP_LIB_REFORM_INTERNAL_HPP_
#define ONETRIP_LIB_REFORM_INTERNAL_HPP_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/catalog.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/reform.hpp"

namespace onetrip::internal {

// Each reform with the path its problems are reported at ("$.reforms[3]").
using PlacedReform = std::pair<const Reform*, std::string>;

// apply() for these reforms, in this order.
absl::StatusOr<Catalog> apply_placed(const Catalog& base, absl::Span<const PlacedReform> reforms,
                                     std::vector<Problem>* problems);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_REFORM_INTERNAL_HPP_
