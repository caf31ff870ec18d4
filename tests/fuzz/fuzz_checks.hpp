// Properties the fuzz targets check on whatever reaches evaluation: an
// evaluation never gives a negative figure, a due date before the start or a
// comparison that does not add up.
#ifndef ONETRIP_TESTS_FUZZ_FUZZ_CHECKS_HPP_
#define ONETRIP_TESTS_FUZZ_FUZZ_CHECKS_HPP_

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "onetrip/catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"

inline void fuzz_fail(const char* what) {
  std::fprintf(stderr, "property broken: %s\n", what);
  std::abort();
}

// How a dated evaluation (a start day) may fail: a due date past the
// calendar (OUT_OF_RANGE), or, in a catalogue that carries validity dates, a
// matter or bundle not in force that day (FAILED_PRECONDITION).
inline bool expected_dated_failure(const absl::Status& status, const onetrip::Catalog& catalog) {
  return status.code() == absl::StatusCode::kOutOfRange ||
         (catalog.dated() && status.code() == absl::StatusCode::kFailedPrecondition);
}

// Every figure of an evaluation is non-negative; a due date is never before
// the start; a result is never counted in fewer days than the limit.
inline void check_evaluation(const onetrip::CatalogEvaluation& e) {
  for (size_t i = 0; i < e.matter_trips.size(); ++i) {
    if (e.matter_trips[i] < 0 || e.matter_worst_case[i] < e.matter_trips[i] || e.matter_window_contacts[i] < 0)
      fuzz_fail("a matter's trips");
    if (e.matter_counted_workdays[i] < 0 || e.matter_workdays[i] < 0) fuzz_fail("a matter's working days");
    if (e.start && e.matter_due[i] != onetrip::kMissingDay && e.matter_due[i] < onetrip::to_epoch_day(*e.start))
      fuzz_fail("a due date before the start");
  }
  for (size_t i = 0; i < e.bundle_trips.size(); ++i) {
    if (e.bundle_trips[i] < 0 || e.bundle_worst_case[i] < e.bundle_trips[i] || e.bundle_workdays[i] < 0 ||
        e.bundle_counted_workdays[i] < 0)
      fuzz_fail("a bundle's figures");
    if (e.start && e.bundle_due[i] != onetrip::kMissingDay && e.bundle_due[i] < onetrip::to_epoch_day(*e.start))
      fuzz_fail("a bundle's due date before the start");
  }
}

// The totals of a comparison are the sums of its rows, and every figure is finite.
inline void check_comparison(const onetrip::Comparison& c) {
  double trips = 0, days = 0;
  for (const auto& m : c.matters) {
    if (m.trips_before < 0 || m.trips_after < 0 || m.days_before < 0 || m.days_after < 0) fuzz_fail("a matter delta");
    trips += m.trips_saved, days += m.days_saved;
  }
  for (const auto& b : c.bundles) {
    if (b.trips_before < 0 || b.trips_after < 0) fuzz_fail("a bundle delta");
    trips += b.trips_saved, days += b.days_saved;
  }
  if (!std::isfinite(c.trips_saved) || !std::isfinite(c.days_saved) || !std::isfinite(c.worst_case_saved))
    fuzz_fail("a comparison total is not finite");
  if (std::fabs(trips - c.trips_saved) > 1e-6 * (1 + std::fabs(trips)) ||
      std::fabs(days - c.days_saved) > 1e-6 * (1 + std::fabs(days)))
    fuzz_fail("a comparison's totals are not the sums of its rows");
}

#endif  // ONETRIP_TESTS_FUZZ_FUZZ_CHECKS_HPP_
