// A whole catalogue evaluated at once: trips and working days of every matter
// (each alone) and every bundle, into flat arrays, and the catalogue's
// indicators (最多跑一次 实现率 and the rest), optionally weighted by volumes.
#ifndef ONETRIP_EVALUATE_HPP_
#define ONETRIP_EVALUATE_HPP_

#include <cstdint>
#include <optional>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/progress.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {

struct EvaluationOptions {
  std::optional<Date> start;  // the acceptance (or start) date for due dates; none: no due dates
  TripOptions trips;
  int threads = 1;  // threads to share the work (0: one per CPU the process may use); the result does not depend on it
  ProgressCallback progress;  // phases "matters", "bundles"; cancelling returns CANCELLED and no evaluation
};

// Struct of arrays: index i of the matter_* arrays is matter i, of the
// bundle_* arrays bundle i.
struct CatalogEvaluation {
  std::optional<Date> start;
  std::vector<int32_t> matter_trips;
  std::vector<int32_t> matter_worst_case;
  std::vector<int32_t> matter_window_contacts;
  std::vector<uint32_t> matter_because;  // bit (1 << Because) per reason among its needs
  std::vector<int32_t> matter_workdays;  // until the result: limit + 第四十五条 + issuing (第四十四条)
  std::vector<int32_t> matter_counted_workdays;  // against the limit: the promised limit, 0 when immediate
  std::vector<EpochDay> matter_due;  // the result in hand (MatterDue::result_due); kMissingDay without a start
  std::vector<int32_t> bundle_trips;
  std::vector<int32_t> bundle_worst_case;
  std::vector<int32_t> bundle_window_contacts;
  std::vector<int32_t> bundle_workdays;          // the critical path, until the last result is in hand
  std::vector<int32_t> bundle_counted_workdays;  // the administration's own working days (the joint limit's)
  std::vector<EpochDay> bundle_due;
  std::vector<uint8_t> bundle_over_joint_limit;
  // Situations (onetrip/notice.hpp): for each matter and bundle that has any,
  // the range over its situations; the arrays above keep the default
  // situation's figures. The indicators count such a matter as 0 or ≤ 1 trip
  // only when every eligible situation is.
  struct Situational {
    uint32_t index = 0;  // the matter's or the bundle's
    SituationRange range;
    auto fields() const { return std::tie(index, range); }
  };
  std::vector<Situational> matter_situations;  // in matter order
  std::vector<Situational> bundle_situations;  // in bundle order
  // With a start day, the matters and bundles not in force that day (their
  // indices, ascending): the catalogue in force that day is evaluated
  // (Catalog::as_of: a bundle without its members not in force), these keep
  // their places with no figures (0, no due date) and count in no indicator.
  std::vector<uint32_t> matters_not_in_force;
  std::vector<uint32_t> bundles_not_in_force;
};

// Allocates the arrays once; no allocation per matter. OUT_OF_RANGE when a due
// date falls outside the calendar (the first such matter or bundle is named,
// whatever the number of threads). With options.start, by the catalogue in
// force that day: what is not in force is listed in the result, not evaluated.
absl::StatusOr<CatalogEvaluation> evaluate_catalog(const Catalog& catalog, const Calendar& calendar,
                                                   const EvaluationOptions& options = {});
// Trips and working days only, with no due dates (and no calendar):
// INVALID_ARGUMENT when options.start is set.
absl::StatusOr<CatalogEvaluation> evaluate_catalog(const Catalog& catalog, const EvaluationOptions& options = {});

struct Indicators {
  int64_t matters = 0;
  double share_zero_trips = 0;        // 跑零次
  double share_at_most_one_trip = 0;  // 最多跑一次 实现率
  double mean_trips = 0;
  double mean_worst_case = 0;
  double share_immediate = 0;            // 即办件 share
  double mean_promised_legal_ratio = 0;  // 承诺时限压缩比, over promised matters with a legal limit in the same unit
  int64_t bundles = 0;
  double bundle_share_zero_trips = 0;
  double bundle_share_at_most_one_trip = 0;
  double bundle_mean_trips = 0;
  bool weighted = false;  // matter figures weighted by case volumes
  double volume = 0;      // the total volume when weighted
};

// Matter figures are weighted by `matter_volumes` (cases per matter, by matter
// index) when given; INVALID_ARGUMENT when its length is not the matter count
// or a volume is negative.
absl::StatusOr<Indicators> indicators(const Catalog& catalog, const CatalogEvaluation& evaluation,
                                      absl::Span<const double> matter_volumes = {});

}  // namespace onetrip

#endif  // ONETRIP_EVALUATE_HPP_
