#include "onetrip/evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"
#include "catalog_internal.hpp"
#include "indicators_internal.hpp"
#include "onetrip/schedule.hpp"
#include "parallel.hpp"
#include "schedule_internal.hpp"
#include "situation_internal.hpp"
#include "trips_internal.hpp"

namespace onetrip {

namespace {

// Due dates need the calendar; counts do not.
absl::StatusOr<CatalogEvaluation> evaluate(const Catalog& catalog, const Calendar* calendar,
                                           const EvaluationOptions& options) {
  const auto matters = catalog.matters();
  const size_t n = matters.size();
  CatalogEvaluation out;
  out.start = options.start;
  out.matter_trips.resize(n);
  out.matter_worst_case.resize(n);
  out.matter_window_contacts.resize(n);
  out.matter_because.resize(n);
  out.matter_workdays.resize(n);
  out.matter_counted_workdays.resize(n);
  out.matter_due.assign(n, kMissingDay);
  const internal::TripFacts& facts = internal::trip_facts(catalog);  // derived once, before the threads
  internal::PhaseProgress matter_progress(&options.progress, "matters", static_cast<int64_t>(n));
  absl::Status status =
      internal::parallel_items(n, internal::thread_count(options.threads, n), matter_progress, [&](size_t i) {
        const TripCounts c = internal::count_matter_trips(catalog, facts, static_cast<MatterIndex>(i), options.trips);
        out.matter_trips[i] = c.trips;
        out.matter_worst_case[i] = c.worst_case;
        out.matter_window_contacts[i] = c.window_contacts;
        out.matter_because[i] = c.because_mask;
        out.matter_workdays[i] = c.workdays;
        out.matter_counted_workdays[i] = c.counted_workdays;
        if (!options.start) return absl::OkStatus();
        const internal::DueFacts& d = facts.due[i];
        auto due =
            internal::result_due(*calendar, *options.start, facts.matters[i].has(internal::MatterFacts::kImmediate),
                                 d.promised, d.after_decision);
        if (!due.ok()) {
          return absl::Status(due.status().code(),
                              absl::StrFormat("matter \"%s\": %s", matters[i].code, due.status().message()));
        }
        out.matter_due[i] = to_epoch_day(*due);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  const size_t nb = catalog.bundles().size();
  out.bundle_trips.resize(nb);
  out.bundle_worst_case.resize(nb);
  out.bundle_window_contacts.resize(nb);
  out.bundle_workdays.resize(nb);
  out.bundle_counted_workdays.resize(nb);
  out.bundle_due.assign(nb, kMissingDay);
  out.bundle_over_joint_limit.resize(nb);
  internal::PhaseProgress bundle_progress(&options.progress, "bundles", static_cast<int64_t>(nb), /*min_step=*/512);
  status = internal::parallel_items(
      nb, internal::thread_count(options.threads, nb, /*grain=*/512), bundle_progress, [&](size_t b) {
        const TripCounts c = internal::count_bundle_trips(catalog, facts, static_cast<BundleIndex>(b), options.trips);
        out.bundle_trips[b] = c.trips;
        out.bundle_worst_case[b] = c.worst_case;
        out.bundle_window_contacts[b] = c.window_contacts;
        out.bundle_workdays[b] = c.workdays;  // the critical path, computed with the needs' moments
        out.bundle_counted_workdays[b] = c.counted_workdays;
        out.bundle_over_joint_limit[b] = internal::over_joint_limit(catalog.bundles()[b].handling, c.counted_workdays);
        if (!options.start) return absl::OkStatus();
        auto due = calendar->add_workdays(*options.start, c.workdays);
        if (!due.ok()) {
          return absl::Status(due.status().code(),
                              absl::StrFormat("bundle \"%s\": %s", catalog.bundles()[b].id, due.status().message()));
        }
        out.bundle_due[b] = to_epoch_day(*due);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  // Situations: the range over each situational matter and bundle (few, each
  // bounded by SituationRangeOptions::max_situations).
  for (size_t i = 0; i < n; ++i) {
    if (!matters[i].situations) continue;
    auto range = internal::matter_situation_range(catalog, static_cast<MatterIndex>(i));
    if (!range.ok()) return range.status();
    out.matter_situations.push_back({static_cast<uint32_t>(i), *std::move(range)});
  }
  for (size_t b = 0; b < nb; ++b) {
    const Bundle& bundle = catalog.bundles()[b];
    const bool situational = bundle.situations || std::any_of(bundle.members.begin(), bundle.members.end(),
                                                              [&](MatterIndex m) { return matters[m].situations; });
    if (!situational) continue;
    auto range = internal::bundle_situation_range(catalog, static_cast<BundleIndex>(b));
    if (!range.ok()) return range.status();
    out.bundle_situations.push_back({static_cast<uint32_t>(b), *std::move(range)});
  }
  return out;
}

// Empties the places of the matters and bundles not in force on the start day.
void leave_out(CatalogEvaluation& e, const std::vector<MatterIndex>& matters, const std::vector<BundleIndex>& bundles) {
  for (MatterIndex i : matters) {
    e.matter_trips[i] = e.matter_worst_case[i] = e.matter_window_contacts[i] = 0;
    e.matter_because[i] = 0;
    e.matter_workdays[i] = e.matter_counted_workdays[i] = 0;
    e.matter_due[i] = kMissingDay;
  }
  for (BundleIndex b : bundles) {
    e.bundle_trips[b] = e.bundle_worst_case[b] = e.bundle_window_contacts[b] = 0;
    e.bundle_workdays[b] = e.bundle_counted_workdays[b] = 0;
    e.bundle_due[b] = kMissingDay;
    e.bundle_over_joint_limit[b] = 0;
  }
  const auto out_of = [](std::vector<CatalogEvaluation::Situational>& v, const std::vector<uint32_t>& out) {
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](const auto& s) { return std::binary_search(out.begin(), out.end(), s.index); }),
            v.end());
  };
  e.matters_not_in_force.assign(matters.begin(), matters.end());
  e.bundles_not_in_force.assign(bundles.begin(), bundles.end());
  out_of(e.matter_situations, e.matters_not_in_force);
  out_of(e.bundle_situations, e.bundles_not_in_force);
}

}  // namespace

absl::StatusOr<CatalogEvaluation> evaluate_catalog(const Catalog& catalog, const Calendar& calendar,
                                                   const EvaluationOptions& options) {
  if (options.start && catalog.dated()) {  // by the catalogue in force on the start day
    auto on_day = internal::in_force_numbered(catalog, *options.start);
    if (!on_day.ok()) return on_day.status();
    if (on_day->matters_out.empty() && on_day->bundles_out.empty()) {
      return evaluate(on_day->catalog, &calendar, options);
    }
    // What is not in force is not evaluated: its places are left empty.
    auto e = evaluate(on_day->catalog, &calendar, options);
    if (!e.ok()) return e.status();
    leave_out(*e, on_day->matters_out, on_day->bundles_out);
    return e;
  }
  return evaluate(catalog, &calendar, options);
}

absl::StatusOr<CatalogEvaluation> evaluate_catalog(const Catalog& catalog, const EvaluationOptions& options) {
  if (options.start) {
    return absl::InvalidArgumentError("due dates need a calendar: pass one to evaluate_catalog with a start date");
  }
  return evaluate(catalog, nullptr, options);
}

absl::StatusOr<Indicators> indicators(const Catalog& catalog, const CatalogEvaluation& evaluation,
                                      absl::Span<const double> matter_volumes) {
  return internal::indicators_by_situation(catalog, evaluation, matter_volumes, {});
}

namespace internal {

absl::StatusOr<Indicators> indicators_by_situation(const Catalog& catalog, const CatalogEvaluation& evaluation,
                                                   absl::Span<const double> matter_volumes,
                                                   absl::Span<const SituationFigures> situations) {
  const auto matters = catalog.matters();
  const size_t n = matters.size();
  if (evaluation.matter_trips.size() != n || evaluation.bundle_trips.size() != catalog.bundles().size()) {
    return absl::InvalidArgumentError("the evaluation is of another catalogue");
  }
  Indicators out;
  out.weighted = !matter_volumes.empty();
  if (out.weighted && matter_volumes.size() != n) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%d volumes for %d matters: give one volume per matter", matter_volumes.size(), n));
  }
  IndicatorSums sums;
  // A situational matter is at 0 (or ≤ 1) trips only when every eligible situation is.
  auto situational = evaluation.matter_situations.begin();
  auto weighed = situations.begin();
  const auto& out_matters = evaluation.matters_not_in_force;  // ascending
  auto next_out = out_matters.begin();
  for (size_t i = 0; i < n; ++i) {
    if (next_out != out_matters.end() && *next_out == i) {  // not in force on the start day: no figure
      ++next_out;
      continue;
    }
    int32_t every_situation = evaluation.matter_trips[i];
    while (situational != evaluation.matter_situations.end() && situational->index < i) ++situational;
    if (situational != evaluation.matter_situations.end() && situational->index == i &&
        situational->range.eligible_situations > 0) {
      every_situation = std::max(every_situation, situational->range.worst_trips);
    }
    const double w = out.weighted ? matter_volumes[i] : 1.0;
    if (!(w >= 0) || !std::isfinite(w)) {
      return absl::InvalidArgumentError(absl::StrFormat("volume %d is negative, infinite or not a number", i));
    }
    const Matter& m = matters[i];
    const bool has_ratio = m.project_type == ProjectType::kPromised && m.legal_limit && m.legal_limit->value > 0 &&
                           m.legal_limit->unit == m.promised_limit.unit;
    const double ratio = has_ratio ? static_cast<double>(m.promised_limit.value) / m.legal_limit->value : 0.0;
    const bool immediate = m.project_type == ProjectType::kImmediate;
    while (weighed != situations.end() && weighed->matter < i) ++weighed;
    if (weighed == situations.end() || weighed->matter != i) {
      sums.add(w, evaluation.matter_trips[i], evaluation.matter_worst_case[i], immediate, has_ratio, ratio,
               every_situation);
      continue;
    }
    // Weighed by its situations: each counts at its own trips.
    for (; weighed != situations.end() && weighed->matter == i; ++weighed) {
      if (!(weighed->weight >= 0) || !std::isfinite(weighed->weight)) {
        return absl::InvalidArgumentError(
            absl::StrFormat("matter \"%s\": a situation's volume is negative, infinite or not a number", m.code));
      }
      sums.add(weighed->weight, weighed->trips, weighed->worst_case, immediate, has_ratio, ratio, weighed->trips);
    }
  }
  std::vector<int32_t> bundle_trips(evaluation.bundle_trips.begin(), evaluation.bundle_trips.end());
  for (const auto& b : evaluation.bundle_situations) {
    if (b.index < bundle_trips.size() && b.range.eligible_situations > 0) {
      bundle_trips[b.index] = std::max(bundle_trips[b.index], b.range.worst_trips);
    }
  }
  if (!evaluation.bundles_not_in_force.empty()) {
    std::vector<int32_t> in_force;
    const auto& out_bundles = evaluation.bundles_not_in_force;
    for (size_t b = 0; b < bundle_trips.size(); ++b) {
      if (!std::binary_search(out_bundles.begin(), out_bundles.end(), static_cast<uint32_t>(b))) {
        in_force.push_back(bundle_trips[b]);
      }
    }
    bundle_trips = std::move(in_force);
  }
  return sums.finish(n - out_matters.size(), bundle_trips, out.weighted);
}

}  // namespace internal

}  // namespace onetrip
