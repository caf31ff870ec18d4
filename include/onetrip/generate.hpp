// Synthetic catalogues of realistic shape, for benchmarks and for testing at
// province scale (10^3 to 10^6 matters). Deterministic for a seed.
#ifndef ONETRIP_GENERATE_HPP_
#define ONETRIP_GENERATE_HPP_

#include <cstdint>

#include "absl/status/statusor.h"
#include "onetrip/catalog.hpp"
#include "onetrip/progress.hpp"

namespace onetrip {

// The distributions resemble the Yuyao example (docs/generator.md states them).
struct GeneratorOptions {
  uint64_t seed = 1;
  int64_t matters = 1000;
  int32_t departments = 32;          // windows
  int32_t halls = 20;                // a centre, sub-centres and township centres
  int32_t materials = 400;           // the shared pool matters draw from
  int32_t bundle_members = 10;       // members of each generated bundle
  double bundles_per_matter = 0.02;  // bundles = matters * this
  ProgressCallback progress;         // phases "matters", "bundles", "check"; cancelling returns CANCELLED
};

// INVALID_ARGUMENT for sizes out of range: matters 1..10^7, departments
// 1..100,000, halls 1..10,000, materials 1..10^6, bundle_members 1..10,000,
// bundles_per_matter 0..1 (not NaN), bundles × members at most 2×10^7
// (docs/errors.md, "Bounds"). The cost is linear in what is generated.
absl::StatusOr<Catalog> generate_catalog(const GeneratorOptions& options);

}  // namespace onetrip

#endif  // ONETRIP_GENERATE_HPP_
