// The C ABI of reforms and comparison.
#include <algorithm>

#include "capi_internal.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/reform.hpp"

struct onetrip_comparison {
  onetrip::Comparison value;
};

namespace {

using onetrip::capi::check_index;
using onetrip::capi::guard;
using onetrip::capi::with_problems;

template <class Delta>
onetrip_delta to_delta(const Delta& d, const std::string& id, bool removed) {
  onetrip_delta out = ONETRIP_DELTA_INIT;
  out.id = id.c_str();
  out.name = d.name.c_str();
  out.removed = removed;
  out.change = d.change.c_str();
  out.trips_before = d.trips_before;
  out.trips_after = d.trips_after;
  out.worst_before = d.worst_before;
  out.worst_after = d.worst_after;
  out.windows_before = d.windows_before;
  out.windows_after = d.windows_after;
  out.days_before = d.days_before;
  out.days_after = d.days_after;
  out.volume = d.volume;
  out.trips_saved = d.trips_saved;
  out.worst_case_saved = d.worst_case_saved;
  out.days_saved = d.days_saved;
  return out;
}

// Both comparisons once their volumes are read by read_volumes(base catalogue, problems).
template <class ReadVolumes>
onetrip_status compare_into(const onetrip_catalog* base, const onetrip_catalog* after,
                            const onetrip_compare_options* options, onetrip_progress_fn progress, void* progress_data,
                            onetrip_comparison** out, ReadVolumes read_volumes) {
  return with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(base);
    ONETRIP_REQUIRE(after);
    ONETRIP_REQUIRE(out);
    auto opts = onetrip::capi::read_struct(options, "options");
    if (!opts.ok()) return opts.status();
    absl::StatusOr<onetrip::Volumes> volumes = read_volumes(base->value, problems);
    if (!volumes.ok()) return volumes.status();
    onetrip::CompareOptions compare_options;
    compare_options.threads = static_cast<int>(std::min<uint32_t>(opts->threads, 1024));
    compare_options.progress = onetrip::capi::progress_of(progress, progress_data);
    auto comparison = onetrip::compare(base->value, after->value, *volumes, compare_options);
    if (!comparison.ok()) return comparison.status();
    *out = new onetrip_comparison{*std::move(comparison)};
    return absl::OkStatus();
  });
}

}  // namespace

extern "C" {

onetrip_status onetrip_catalog_apply_json(const onetrip_catalog* base, const char* utf8, size_t len,
                                          onetrip_catalog** out) {
  return onetrip_catalog_apply_json_with_progress(base, utf8, len, nullptr, nullptr, out);
}

onetrip_status onetrip_catalog_apply_json_with_progress(const onetrip_catalog* base, const char* utf8, size_t len,
                                                        onetrip_progress_fn progress, void* progress_data,
                                                        onetrip_catalog** out) {
  return with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(base);
    ONETRIP_REQUIRE(utf8);
    ONETRIP_REQUIRE(out);
    auto scenario = onetrip::load_scenario_json(std::string_view(utf8, len), problems);
    if (!scenario.ok()) return scenario.status();
    return onetrip::capi::store(
        onetrip::apply(base->value, *scenario, problems, onetrip::capi::progress_of(progress, progress_data)), out);
  });
}

onetrip_status onetrip_compare(const onetrip_catalog* base, const onetrip_catalog* after, const char* volumes_csv,
                               size_t volumes_len, onetrip_comparison** out) {
  return onetrip_compare_v2(base, after, volumes_csv, volumes_len, nullptr, out);
}

onetrip_status onetrip_compare_v2(const onetrip_catalog* base, const onetrip_catalog* after, const char* volumes_csv,
                                  size_t volumes_len, const onetrip_compare_options* options,
                                  onetrip_comparison** out) {
  return onetrip_compare_with_progress(base, after, volumes_csv, volumes_len, options, nullptr, nullptr, out);
}

// One CSV, which may hold situation rows as well (load_volumes_csv).
onetrip_status onetrip_compare_with_progress(const onetrip_catalog* base, const onetrip_catalog* after,
                                             const char* volumes_csv, size_t volumes_len,
                                             const onetrip_compare_options* options, onetrip_progress_fn progress,
                                             void* progress_data, onetrip_comparison** out) {
  return compare_into(base, after, options, progress, progress_data, out,
                      [&](const onetrip::Catalog& catalog,
                          std::vector<onetrip::Problem>* problems) -> absl::StatusOr<onetrip::Volumes> {
                        if (volumes_csv == nullptr) return onetrip::Volumes{};
                        return onetrip::load_volumes_csv(catalog, std::string_view(volumes_csv, volumes_len), problems);
                      });
}

// The volumes and the situation volumes as two CSVs (capi::volumes_of).
onetrip_status onetrip_compare_situations(const onetrip_catalog* base, const onetrip_catalog* after,
                                          const char* volumes_csv, size_t volumes_len, const char* situation_csv,
                                          size_t situation_len, const onetrip_compare_options* options,
                                          onetrip_progress_fn progress, void* progress_data, onetrip_comparison** out) {
  return compare_into(base, after, options, progress, progress_data, out,
                      [&](const onetrip::Catalog& catalog, std::vector<onetrip::Problem>* problems) {
                        return onetrip::capi::volumes_of(catalog, volumes_csv, volumes_len, situation_csv,
                                                         situation_len, problems);
                      });
}

void onetrip_comparison_free(onetrip_comparison* comparison) { delete comparison; }

onetrip_status onetrip_comparison_totals_get(const onetrip_comparison* comparison, onetrip_comparison_totals* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(comparison);
    ONETRIP_REQUIRE(out);
    const onetrip::Comparison& c = comparison->value;
    onetrip_comparison_totals full = ONETRIP_COMPARISON_TOTALS_INIT;
    full.matters_changed = c.matters_changed;
    full.bundles_changed = c.bundles_changed;
    full.trips_saved = c.trips_saved;
    full.worst_case_saved = c.worst_case_saved;
    full.days_saved = c.days_saved;
    full.share_at_most_one_trip_before = c.before.share_at_most_one_trip;
    full.share_at_most_one_trip_after = c.after.share_at_most_one_trip;
    full.mean_trips_before = c.before.mean_trips;
    full.mean_trips_after = c.after.mean_trips;
    full.matter_count = c.matters.size();
    full.bundle_count = c.bundles.size();
    full.department_count = c.departments.size();
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_comparison_matter(const onetrip_comparison* comparison, size_t index, onetrip_delta* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(comparison);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, comparison->value.matters.size(), "matter"); !s.ok()) return s;
    const onetrip::MatterDelta& d = comparison->value.matters[index];
    return onetrip::capi::write_struct(to_delta(d, d.code, d.absorbed), out);
  });
}

onetrip_status onetrip_comparison_bundle(const onetrip_comparison* comparison, size_t index, onetrip_delta* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(comparison);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, comparison->value.bundles.size(), "bundle"); !s.ok()) return s;
    const onetrip::BundleDelta& d = comparison->value.bundles[index];
    return onetrip::capi::write_struct(to_delta(d, d.id, d.removed), out);
  });
}

onetrip_status onetrip_comparison_department(const onetrip_comparison* comparison, size_t index,
                                             onetrip_department_savings* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(comparison);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, comparison->value.departments.size(), "department"); !s.ok()) return s;
    const onetrip::DepartmentSavings& d = comparison->value.departments[index];
    onetrip_department_savings full = ONETRIP_DEPARTMENT_SAVINGS_INIT;
    full.department = d.department;
    full.name = d.name.c_str();
    full.volume = d.volume;
    full.trips_saved = d.trips_saved;
    full.days_saved = d.days_saved;
    full.matters_changed = d.matters_changed;
    return onetrip::capi::write_struct(full, out);
  });
}

}  // extern "C"
