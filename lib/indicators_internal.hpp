// Internal: the catalogue indicators from weighted sums over matters, one
// computation for evaluate.cpp's indicators() and the roadmap's months.
#ifndef ONETRIP_LIB_INDICATORS_INTERNAL_HPP_
#define ONETRIP_LIB_INDICATORS_INTERNAL_HPP_

#include <cmath>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "onetrip/evaluate.hpp"

namespace onetrip::internal {

struct IndicatorSums {
  double weight = 0, zero = 0, one = 0, trips = 0, worst = 0, immediate = 0, ratio_sum = 0, ratio_weight = 0;

  // One matter of weight w; ratio is its promised/legal ratio when it has one.
  // every_situation: the most trips over its eligible situations (a matter with
  // situations counts as 0 or ≤ 1 only when every one is); -1: matter_trips.
  void add(double w, int32_t matter_trips, int32_t worst_case, bool is_immediate, bool has_ratio, double ratio,
           int32_t every_situation = -1) {
    const int32_t counted = every_situation < 0 ? matter_trips : every_situation;
    weight += w;
    zero += w * (counted == 0);
    one += w * (counted <= 1);
    trips += w * matter_trips;
    worst += w * worst_case;
    immediate += w * is_immediate;
    if (has_ratio) {
      ratio_sum += w * ratio;
      ratio_weight += w;
    }
  }

  // The indicators of `matters` matters and of the bundles' trips.
  absl::StatusOr<Indicators> finish(size_t matters, absl::Span<const int32_t> bundle_trips, bool weighted) const {
    if (!std::isfinite(weight) || !std::isfinite(trips) || !std::isfinite(worst)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "the volumes add up to %g cases: too many to weigh (each volume is finite, their sum is not)", weight));
    }
    Indicators out;
    out.weighted = weighted;
    out.matters = static_cast<int64_t>(matters);
    out.volume = weighted ? weight : 0;
    if (weight > 0) {
      out.share_zero_trips = zero / weight;
      out.share_at_most_one_trip = one / weight;
      out.mean_trips = trips / weight;
      out.mean_worst_case = worst / weight;
      out.share_immediate = immediate / weight;
    }
    if (ratio_weight > 0) out.mean_promised_legal_ratio = ratio_sum / ratio_weight;
    const size_t nb = bundle_trips.size();
    out.bundles = static_cast<int64_t>(nb);
    for (int32_t t : bundle_trips) {
      out.bundle_share_zero_trips += t == 0;
      out.bundle_share_at_most_one_trip += t <= 1;
      out.bundle_mean_trips += t;
    }
    if (nb > 0) {
      out.bundle_share_zero_trips /= static_cast<double>(nb);
      out.bundle_share_at_most_one_trip /= static_cast<double>(nb);
      out.bundle_mean_trips /= static_cast<double>(nb);
    }
    return out;
  }
};

// One situation of a matter with situation volumes: its cases and its
// notice's figures.
struct SituationFigures {
  uint32_t matter = 0;  // index
  double weight = 0;    // cases
  int32_t trips = 0, worst_case = 0, workdays = 0;
};

// indicators(), with the matters in `situations` (in matter order; weights
// already in cases) weighted by their situations instead of their default
// figures.
absl::StatusOr<Indicators> indicators_by_situation(const Catalog& catalog, const CatalogEvaluation& evaluation,
                                                   absl::Span<const double> matter_volumes,
                                                   absl::Span<const SituationFigures> situations);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_INDICATORS_INTERNAL_HPP_
