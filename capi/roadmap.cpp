// The C ABI of the catalogue over time: as of a day, the roadmap, the diff.
#include <string>
#include <vector>

#include "capi_internal.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/roadmap.hpp"

struct onetrip_roadmap {
  onetrip::Roadmap value;
};

struct onetrip_diff {
  onetrip::CatalogDiff value;
};

namespace {

using onetrip::capi::check_index;
using onetrip::capi::guard;
using onetrip::capi::with_problems;

absl::StatusOr<onetrip::Scenario> scenario_of(const char* utf8, size_t len, std::vector<onetrip::Problem>* problems) {
  if (utf8 == nullptr) return onetrip::Scenario{};
  return onetrip::load_scenario_json(std::string_view(utf8, len), problems);
}

// A roadmap with its volumes: one month's (volumes_csv) for every month
// without its own, the months' own from `monthly` (a reader of the roadmap's
// calendar and months), situation volumes; every problem listed.
template <class Monthly>
onetrip_status make_roadmap(const onetrip_catalog* base, const char* scenario_utf8, size_t scenario_len,
                            const onetrip_calendar* calendar, onetrip_date from, onetrip_date to,
                            const char* volumes_csv, size_t volumes_len, const char* situation_csv,
                            size_t situation_len, Monthly monthly, onetrip_roadmap** out) {
  return with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(base);
    ONETRIP_REQUIRE(scenario_utf8);
    ONETRIP_REQUIRE(out);
    auto first = onetrip::capi::to_date(from, "from");
    if (!first.ok()) return first.status();
    auto last = onetrip::capi::to_date(to, "to");
    if (!last.ok()) return last.status();
    auto scenario = scenario_of(scenario_utf8, scenario_len, problems);
    if (!scenario.ok()) return scenario.status();
    const onetrip::Calendar on = calendar ? calendar->value : onetrip::Calendar::china();
    const onetrip::RoadmapOptions months{*first, *last};
    onetrip::MonthlyVolumes volumes;
    if (volumes_csv != nullptr) {
      auto v = onetrip::load_volumes_csv(base->value, std::string_view(volumes_csv, volumes_len), problems);
      if (!v.ok()) return v.status();
      volumes.every_month.matters = std::move(v->matters);
      volumes.every_month.bundles = std::move(v->bundles);
    }
    auto own = monthly(on, months, problems);
    if (!own.ok()) return own.status();
    volumes.months = std::move(own->months);
    volumes.where = std::move(own->where);
    if (situation_csv != nullptr) {
      auto v = onetrip::load_volumes_csv(base->value, std::string_view(situation_csv, situation_len), problems);
      if (!v.ok()) return v.status();
      if (v->situations.empty()) {
        return absl::InvalidArgumentError(
            "situation_csv: no situation volumes (its header is matter,situation,volume or matter,situation,share)");
      }
      volumes.situations = std::move(v->situations);
      volumes.situation_shares = v->situation_shares;
    }
    auto r = onetrip::roadmap(base->value, *scenario, on, months, volumes, problems);
    if (!r.ok()) return r.status();
    *out = new onetrip_roadmap{*std::move(r)};
    return absl::OkStatus();
  });
}

}  // namespace

extern "C" {

onetrip_status onetrip_catalog_as_of(const onetrip_catalog* base, const char* scenario_utf8, size_t scenario_len,
                                     onetrip_date day, onetrip_catalog** out) {
  return with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(base);
    ONETRIP_REQUIRE(out);
    auto d = onetrip::capi::to_date(day, "day");
    if (!d.ok()) return d.status();
    auto scenario = scenario_of(scenario_utf8, scenario_len, problems);
    if (!scenario.ok()) return scenario.status();
    return onetrip::capi::store(onetrip::as_of(base->value, *scenario, *d, problems), out);
  });
}

onetrip_status onetrip_roadmap_make(const onetrip_catalog* base, const char* scenario_utf8, size_t scenario_len,
                                    const onetrip_calendar* calendar, onetrip_date from, onetrip_date to,
                                    const char* volumes_csv, size_t volumes_len, const char* monthly_csv,
                                    size_t monthly_len, onetrip_roadmap** out) {
  return onetrip_roadmap_make_situations(base, scenario_utf8, scenario_len, calendar, from, to, volumes_csv,
                                         volumes_len, monthly_csv, monthly_len, nullptr, 0, out);
}

onetrip_status onetrip_roadmap_make_situations(const onetrip_catalog* base, const char* scenario_utf8,
                                               size_t scenario_len, const onetrip_calendar* calendar, onetrip_date from,
                                               onetrip_date to, const char* volumes_csv, size_t volumes_len,
                                               const char* monthly_csv, size_t monthly_len, const char* situation_csv,
                                               size_t situation_len, onetrip_roadmap** out) {
  return make_roadmap(
      base, scenario_utf8, scenario_len, calendar, from, to, volumes_csv, volumes_len, situation_csv, situation_len,
      [&](const onetrip::Calendar&, const onetrip::RoadmapOptions&,
          std::vector<onetrip::Problem>* problems) -> absl::StatusOr<onetrip::MonthlyVolumes> {
        if (monthly_csv == nullptr) return onetrip::MonthlyVolumes{};
        return onetrip::load_monthly_volumes_csv(base->value, std::string_view(monthly_csv, monthly_len), problems);
      },
      out);
}

onetrip_status onetrip_roadmap_make_case_log(const onetrip_catalog* base, const char* scenario_utf8,
                                             size_t scenario_len, const onetrip_calendar* calendar, onetrip_date from,
                                             onetrip_date to, const char* volumes_csv, size_t volumes_len,
                                             const char* case_log_csv, size_t case_log_len, const char* situation_csv,
                                             size_t situation_len, bool strict, onetrip_roadmap** out) {
  return make_roadmap(
      base, scenario_utf8, scenario_len, calendar, from, to, volumes_csv, volumes_len, situation_csv, situation_len,
      [&](const onetrip::Calendar& on, const onetrip::RoadmapOptions& months,
          std::vector<onetrip::Problem>* problems) -> absl::StatusOr<onetrip::MonthlyVolumes> {
        if (case_log_csv == nullptr) return absl::InvalidArgumentError("case_log_csv is NULL");
        onetrip::CaseLogOptions options;
        options.from = months.from;
        options.to = months.to;
        options.strict = strict;
        return onetrip::load_case_log_volumes_csv(base->value, on, std::string_view(case_log_csv, case_log_len),
                                                  options, problems);
      },
      out);
}

void onetrip_roadmap_free(onetrip_roadmap* roadmap) { delete roadmap; }

onetrip_status onetrip_roadmap_counts(const onetrip_roadmap* roadmap, size_t* out_months, size_t* out_reforms) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(roadmap);
    ONETRIP_REQUIRE(out_months);
    ONETRIP_REQUIRE(out_reforms);
    *out_months = roadmap->value.months.size();
    *out_reforms = roadmap->value.reforms.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_roadmap_reform_get(const onetrip_roadmap* roadmap, size_t index, onetrip_roadmap_reform* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(roadmap);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, roadmap->value.reforms.size(), "reform"); !s.ok()) return s;
    const onetrip::RoadmapReform& r = roadmap->value.reforms[index];
    onetrip_roadmap_reform full = ONETRIP_ROADMAP_REFORM_INIT;
    full.position = static_cast<uint32_t>(r.position);
    full.effective_from = onetrip::capi::from_date(r.effective_from);
    full.label = r.label.c_str();
    full.matters_changed = r.matters_changed;
    full.bundles_changed = r.bundles_changed;
    full.period = r.period;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_roadmap_month_get(const onetrip_roadmap* roadmap, size_t index, onetrip_roadmap_month* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(roadmap);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, roadmap->value.months.size(), "month"); !s.ok()) return s;
    const onetrip::RoadmapMonth& m = roadmap->value.months[index];
    onetrip_roadmap_month full = ONETRIP_ROADMAP_MONTH_INIT;
    full.month = onetrip::capi::from_date(m.month);
    full.workdays = m.workdays;
    full.volume_weighted = m.volume_weighted;
    full.volume = m.volume;
    full.trips_saved = m.trips_saved;
    full.worst_case_saved = m.worst_case_saved;
    full.windows_saved = m.windows_saved;
    full.days_saved = m.days_saved;
    full.share_zero_trips = m.indicators.share_zero_trips;
    full.share_at_most_one_trip = m.indicators.share_at_most_one_trip;
    full.mean_trips = m.indicators.mean_trips;
    full.mean_worst_case = m.indicators.mean_worst_case;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_roadmap_reform_month(const onetrip_roadmap* roadmap, size_t month, size_t reform,
                                            onetrip_reform_month* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(roadmap);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(month, roadmap->value.months.size(), "month"); !s.ok()) return s;
    if (auto s = check_index(reform, roadmap->value.reforms.size(), "reform"); !s.ok()) return s;
    const onetrip::ReformMonth& r = roadmap->value.months[month].reforms[reform];
    onetrip_reform_month full = ONETRIP_REFORM_MONTH_INIT;
    full.share_in_force = r.share_in_force;
    full.trips_saved = r.trips_saved;
    full.worst_case_saved = r.worst_case_saved;
    full.windows_saved = r.windows_saved;
    full.days_saved = r.days_saved;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_roadmap_before(const onetrip_roadmap* roadmap, onetrip_indicators* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(roadmap);
    ONETRIP_REQUIRE(out);
    const onetrip::Indicators& ind = roadmap->value.before;
    onetrip_indicators full = ONETRIP_INDICATORS_INIT;
    full.matters = ind.matters;
    full.share_zero_trips = ind.share_zero_trips;
    full.share_at_most_one_trip = ind.share_at_most_one_trip;
    full.mean_trips = ind.mean_trips;
    full.mean_worst_case = ind.mean_worst_case;
    full.share_immediate = ind.share_immediate;
    full.mean_promised_legal_ratio = ind.mean_promised_legal_ratio;
    full.bundles = ind.bundles;
    full.bundle_share_zero_trips = ind.bundle_share_zero_trips;
    full.bundle_share_at_most_one_trip = ind.bundle_share_at_most_one_trip;
    full.bundle_mean_trips = ind.bundle_mean_trips;
    full.weighted = ind.weighted;
    full.volume = ind.volume;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_catalog_diff(const onetrip_catalog* a, const onetrip_catalog* b, onetrip_diff** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(a);
    ONETRIP_REQUIRE(b);
    ONETRIP_REQUIRE(out);
    *out = new onetrip_diff{onetrip::diff(a->value, b->value)};
    return absl::OkStatus();
  });
}

void onetrip_diff_free(onetrip_diff* diff) { delete diff; }

onetrip_status onetrip_diff_count(const onetrip_diff* diff, size_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(diff);
    ONETRIP_REQUIRE(out);
    *out = diff->value.changes.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_diff_get(const onetrip_diff* diff, size_t index, onetrip_field_change* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(diff);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, diff->value.changes.size(), "change"); !s.ok()) return s;
    const onetrip::FieldChange& c = diff->value.changes[index];
    onetrip_field_change full = ONETRIP_FIELD_CHANGE_INIT;
    full.item = onetrip::capi::to_c(c.item);
    full.change = onetrip::capi::to_c(c.change);
    full.id = c.id.c_str();
    full.field = c.field.c_str();
    full.before = c.before.c_str();
    full.after = c.after.c_str();
    full.affects_figures = c.affects_figures;
    return onetrip::capi::write_struct(full, out);
  });
}

}  // extern "C"
