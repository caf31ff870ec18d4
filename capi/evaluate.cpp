// The C ABI of trips, schedules, whole-catalogue evaluation, indicators and audit.
#include <algorithm>

#include "capi_internal.hpp"
#include "onetrip/audit.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"

struct onetrip_trips {
  onetrip::TripResult result;
  std::vector<std::vector<std::string>> texts;  // per trip, per need
};

struct onetrip_schedule {
  onetrip::BundleSchedule schedule;
};

struct onetrip_audit {
  std::vector<onetrip::Finding> findings;
};

namespace {

using onetrip::capi::check_index;
using onetrip::capi::from_date;
using onetrip::capi::guard;
using onetrip::capi::to_date;

absl::StatusOr<onetrip::TripOptions> trip_options(const onetrip_catalog* catalog, const onetrip_trip_options* in) {
  onetrip::TripOptions options;
  auto given = onetrip::capi::read_struct(in, "options");
  if (!given.ok()) return given.status();
  const size_t materials = catalog->value.materials().size();
  const auto copy = [&](const uint32_t* list, size_t count, const char* name,
                        std::vector<onetrip::MaterialIndex>& out) -> absl::Status {
    if (count > 0 && list == nullptr) return absl::InvalidArgumentError(absl::StrCat("options->", name, " is NULL"));
    for (size_t i = 0; i < count; ++i) {
      if (auto s = check_index(list[i], materials, "material"); !s.ok()) return s;
      out.push_back(list[i]);
    }
    return absl::OkStatus();
  };
  if (auto s = copy(given->materials_present, given->materials_present_count, "materials_present",
                    options.materials_present);
      !s.ok()) {
    return s;
  }
  if (auto s =
          copy(given->materials_absent, given->materials_absent_count, "materials_absent", options.materials_absent);
      !s.ok()) {
    return s;
  }
  return options;
}

template <class Evaluate>
onetrip_status make_trips(const onetrip_catalog* catalog, uint32_t index, size_t count, const char* what,
                          const onetrip_trip_options* options, onetrip_trips** out, Evaluate evaluate) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, count, what); !s.ok()) return s;
    auto opts = trip_options(catalog, options);
    if (!opts.ok()) return opts.status();
    auto trips = std::make_unique<onetrip_trips>();
    trips->result = evaluate(catalog->value, index, *opts);
    for (const onetrip::Trip& t : trips->result.trip_list) {
      auto& lines = trips->texts.emplace_back();
      for (const onetrip::Need& need : t.needs) lines.push_back(onetrip::describe(catalog->value, need));
    }
    *out = trips.release();
    return absl::OkStatus();
  });
}

onetrip_date date_or_zero(const std::optional<onetrip::Date>& d) { return d ? from_date(*d) : onetrip_date{0, 0, 0}; }

// An Indicators into the caller's struct, at its size.
absl::Status put_indicators(const onetrip::Indicators& i, onetrip_indicators* out) {
  onetrip_indicators full = ONETRIP_INDICATORS_INIT;
  full.matters = i.matters;
  full.share_zero_trips = i.share_zero_trips;
  full.share_at_most_one_trip = i.share_at_most_one_trip;
  full.mean_trips = i.mean_trips;
  full.mean_worst_case = i.mean_worst_case;
  full.share_immediate = i.share_immediate;
  full.mean_promised_legal_ratio = i.mean_promised_legal_ratio;
  full.bundles = i.bundles;
  full.bundle_share_zero_trips = i.bundle_share_zero_trips;
  full.bundle_share_at_most_one_trip = i.bundle_share_at_most_one_trip;
  full.bundle_mean_trips = i.bundle_mean_trips;
  full.weighted = i.weighted;
  full.volume = i.volume;
  return onetrip::capi::write_struct(full, out);
}

}  // namespace

extern "C" {

onetrip_status onetrip_trips_matter(const onetrip_catalog* catalog, uint32_t matter,
                                    const onetrip_trip_options* options, onetrip_trips** out) {
  return make_trips(catalog, matter, catalog ? catalog->value.matters().size() : 0, "matter", options, out,
                    [](const onetrip::Catalog& c, uint32_t i, const onetrip::TripOptions& o) {
                      return onetrip::evaluate_trips(c, i, o);
                    });
}

onetrip_status onetrip_trips_bundle(const onetrip_catalog* catalog, uint32_t bundle,
                                    const onetrip_trip_options* options, onetrip_trips** out) {
  return make_trips(catalog, bundle, catalog ? catalog->value.bundles().size() : 0, "bundle", options, out,
                    [](const onetrip::Catalog& c, uint32_t i, const onetrip::TripOptions& o) {
                      return onetrip::evaluate_bundle_trips(c, i, o);
                    });
}

void onetrip_trips_free(onetrip_trips* trips) { delete trips; }

onetrip_status onetrip_trips_summary_get(const onetrip_trips* trips, onetrip_trips_summary* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(trips);
    ONETRIP_REQUIRE(out);
    const onetrip::TripResult& r = trips->result;
    onetrip_trips_summary full = ONETRIP_TRIPS_SUMMARY_INIT;
    full.trips = r.trips;
    full.worst_case = r.worst_case;
    full.window_contacts = r.window_contacts;
    full.trip_count = r.trip_list.size();
    full.worst_case_matter = r.worst_case_matter ? static_cast<int32_t>(*r.worst_case_matter) : -1;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_trips_trip(const onetrip_trips* trips, size_t trip, onetrip_trip_info* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(trips);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(trip, trips->result.trip_list.size(), "trip"); !s.ok()) return s;
    const onetrip::Trip& t = trips->result.trip_list[trip];
    onetrip_trip_info full = ONETRIP_TRIP_INFO_INIT;
    full.hall = t.hall;
    full.moment = t.moment;
    full.window_contacts = t.window_contacts;
    full.need_count = t.needs.size();
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_trips_need(const onetrip_trips* trips, size_t trip, size_t need, onetrip_need_info* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(trips);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(trip, trips->result.trip_list.size(), "trip"); !s.ok()) return s;
    const onetrip::Trip& t = trips->result.trip_list[trip];
    if (auto s = check_index(need, t.needs.size(), "need"); !s.ok()) return s;
    const onetrip::Need& n = t.needs[need];
    onetrip_need_info full = ONETRIP_NEED_INFO_INIT;
    full.member = n.member;
    full.matter = n.matter;
    full.kind = onetrip::capi::to_c(n.kind);
    full.because = onetrip::capi::to_c(n.because);
    full.material = n.material ? static_cast<int32_t>(*n.material) : -1;
    full.carried = n.carried ? static_cast<int32_t>(*n.carried) : -1;
    full.hall = n.hall;
    full.window = n.window;
    full.moment = n.moment;
    full.text = trips->texts[trip][need].c_str();
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_matter_due(const onetrip_catalog* catalog, const onetrip_calendar* calendar, uint32_t matter,
                                  onetrip_date accepted, onetrip_extension extension, onetrip_matter_due_info* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(matter, catalog->value.matters().size(), "matter"); !s.ok()) return s;
    if (extension < ONETRIP_EXTENSION_NONE || extension > ONETRIP_EXTENSION_JOINT) {
      return absl::InvalidArgumentError("extension is not one of ONETRIP_EXTENSION_*");
    }
    auto date = to_date(accepted, "accepted");
    if (!date.ok()) return date.status();
    auto due = onetrip::matter_due(catalog->value, calendar->value, matter, *date, onetrip::capi::to_cpp(extension));
    if (!due.ok()) return due.status();
    onetrip_matter_due_info full = ONETRIP_MATTER_DUE_INFO_INIT;
    full.due = from_date(due->due);
    full.has_legal_due = due->legal_due.has_value();
    full.legal_due = date_or_zero(due->legal_due);
    full.special_procedure_days = due->special_procedure_days;
    full.due_with_special_procedures = from_date(due->due_with_special_procedures);
    full.has_extended_due = due->extended_due.has_value();
    full.extended_due = date_or_zero(due->extended_due);
    full.issue_days = due->issue_days;
    full.result_due = from_date(due->result_due);
    full.extension_days = due->extension_days;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_schedule_bundle(const onetrip_catalog* catalog, uint32_t bundle,
                                       const onetrip_calendar* calendar, onetrip_date start, onetrip_schedule** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(bundle, catalog->value.bundles().size(), "bundle"); !s.ok()) return s;
    auto schedule = std::make_unique<onetrip_schedule>();
    if (calendar == nullptr) {
      schedule->schedule = onetrip::schedule_bundle(catalog->value, bundle);
    } else {
      auto date = to_date(start, "start");
      if (!date.ok()) return date.status();
      auto s = onetrip::schedule_bundle(catalog->value, bundle, calendar->value, *date);
      if (!s.ok()) return s.status();
      schedule->schedule = *std::move(s);
    }
    *out = schedule.release();
    return absl::OkStatus();
  });
}

void onetrip_schedule_free(onetrip_schedule* schedule) { delete schedule; }

onetrip_status onetrip_schedule_summary_get(const onetrip_schedule* schedule, onetrip_schedule_summary* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(schedule);
    ONETRIP_REQUIRE(out);
    const onetrip::BundleSchedule& s = schedule->schedule;
    onetrip_schedule_summary full = ONETRIP_SCHEDULE_SUMMARY_INIT;
    full.workdays = s.workdays;
    full.over_joint_limit = s.over_joint_limit;
    full.approximate = s.approximate;
    full.has_due = s.due.has_value();
    full.due = date_or_zero(s.due);
    full.member_count = s.members.size();
    full.critical_path = s.critical_path.data();
    full.critical_path_length = s.critical_path.size();
    full.counted_workdays = s.counted_workdays;
    full.handling = onetrip::capi::to_c(s.handling);
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_schedule_member(const onetrip_schedule* schedule, size_t member, onetrip_member_schedule* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(schedule);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(member, schedule->schedule.members.size(), "member"); !s.ok()) return s;
    const onetrip::MemberSchedule& m = schedule->schedule.members[member];
    onetrip_member_schedule full = ONETRIP_MEMBER_SCHEDULE_INIT;
    full.matter = m.matter;
    full.duration = m.duration;
    full.earliest_start = m.earliest_start;
    full.earliest_finish = m.earliest_finish;
    full.latest_start = m.latest_start;
    full.latest_finish = m.latest_finish;
    full.slack = m.slack;
    full.critical = m.critical;
    full.special_days = m.special_days;
    full.issue_days = m.issue_days;
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_bundle_dot(const onetrip_catalog* catalog, uint32_t bundle, char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out_utf8);
    if (auto s = check_index(bundle, catalog->value.bundles().size(), "bundle"); !s.ok()) return s;
    const std::string dot = onetrip::bundle_dot(catalog->value, bundle);
    *out_utf8 = onetrip::capi::owned_copy(dot);
    if (out_len != nullptr) *out_len = dot.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_evaluate(const onetrip_catalog* catalog, const onetrip_calendar* calendar,
                                        const onetrip_date* start, onetrip_evaluation_buffers* buffers) {
  onetrip_evaluate_options options = ONETRIP_EVALUATE_OPTIONS_INIT;
  options.start = start;
  return onetrip_catalog_evaluate_v2(catalog, calendar, &options, buffers);
}

onetrip_status onetrip_catalog_evaluate_v2(const onetrip_catalog* catalog, const onetrip_calendar* calendar,
                                           const onetrip_evaluate_options* in, onetrip_evaluation_buffers* buffers) {
  return onetrip_catalog_evaluate_with_progress(catalog, calendar, in, nullptr, nullptr, buffers);
}

onetrip_status onetrip_catalog_evaluate_with_progress(const onetrip_catalog* catalog, const onetrip_calendar* calendar,
                                                      const onetrip_evaluate_options* in, onetrip_progress_fn progress,
                                                      void* progress_data, onetrip_evaluation_buffers* buffers) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(buffers);
    auto given = onetrip::capi::read_struct(in, "options");
    if (!given.ok()) return given.status();
    const onetrip_date* start = given->start;
    auto arrays = onetrip::capi::read_struct(buffers, "buffers");
    if (!arrays.ok()) return arrays.status();
    const onetrip_evaluation_buffers* b = &*arrays;
    const size_t matters = catalog->value.matters().size();
    const size_t bundles = catalog->value.bundles().size();
    const bool matter_arrays = b->matter_trips || b->matter_worst_case || b->matter_window_contacts ||
                               b->matter_workdays || b->matter_due || b->matter_counted_workdays || b->matter_in_force;
    const bool bundle_arrays = b->bundle_trips || b->bundle_worst_case || b->bundle_workdays || b->bundle_due ||
                               b->bundle_counted_workdays || b->bundle_in_force;
    if ((matter_arrays && b->matter_capacity < matters) || (bundle_arrays && b->bundle_capacity < bundles)) {
      return absl::ResourceExhaustedError(absl::StrCat("the buffers hold ", b->matter_capacity, " matters and ",
                                                       b->bundle_capacity, " bundles; the catalogue has ", matters,
                                                       " and ", bundles));
    }
    onetrip::EvaluationOptions options;
    options.threads = static_cast<int>(std::min<uint32_t>(given->threads, 1024));
    options.progress = onetrip::capi::progress_of(progress, progress_data);
    if (start != nullptr) {
      auto date = to_date(*start, "start");
      if (!date.ok()) return date.status();
      options.start = *date;
    }
    auto e = onetrip::evaluate_catalog(catalog->value, calendar->value, options);
    if (!e.ok()) return e.status();
    const auto copy = [](const std::vector<int32_t>& from, int32_t* to) {
      if (to != nullptr) std::copy(from.begin(), from.end(), to);
    };
    const auto copy_dates = [](const std::vector<onetrip::EpochDay>& from, onetrip_date* to) {
      if (to == nullptr) return;
      for (size_t i = 0; i < from.size(); ++i) {
        to[i] = from[i] == onetrip::kMissingDay ? onetrip_date{0, 0, 0} : from_date(*onetrip::from_epoch_day(from[i]));
      }
    };
    copy(e->matter_trips, b->matter_trips);
    copy(e->matter_worst_case, b->matter_worst_case);
    copy(e->matter_window_contacts, b->matter_window_contacts);
    copy(e->matter_workdays, b->matter_workdays);
    copy_dates(e->matter_due, b->matter_due);
    copy(e->bundle_trips, b->bundle_trips);
    copy(e->bundle_worst_case, b->bundle_worst_case);
    copy(e->bundle_workdays, b->bundle_workdays);
    copy_dates(e->bundle_due, b->bundle_due);
    copy(e->matter_counted_workdays, b->matter_counted_workdays);
    copy(e->bundle_counted_workdays, b->bundle_counted_workdays);
    const auto flags = [](const std::vector<uint32_t>& out, size_t n, uint8_t* to) {
      if (to == nullptr) return;
      std::fill(to, to + n, uint8_t{1});
      for (uint32_t i : out) to[i] = 0;
    };
    flags(e->matters_not_in_force, matters, b->matter_in_force);
    flags(e->bundles_not_in_force, bundles, b->bundle_in_force);
    if (b->out_matters_not_in_force != nullptr) *b->out_matters_not_in_force = e->matters_not_in_force.size();
    if (b->out_bundles_not_in_force != nullptr) *b->out_bundles_not_in_force = e->bundles_not_in_force.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_indicators(const onetrip_catalog* catalog, const double* matter_volumes,
                                          size_t volume_count, onetrip_indicators* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out);
    if (matter_volumes == nullptr && volume_count != 0) return onetrip::capi::null_argument("matter_volumes");
    auto e = onetrip::evaluate_catalog(catalog->value);  // counts only: no calendar
    if (!e.ok()) return e.status();
    auto ind =
        onetrip::indicators(catalog->value, *e, absl::MakeConstSpan(matter_volumes, matter_volumes ? volume_count : 0));
    if (!ind.ok()) return ind.status();
    return put_indicators(*ind, out);
  });
}

onetrip_status onetrip_catalog_indicators_csv(const onetrip_catalog* catalog, const char* volumes_csv,
                                              size_t volumes_len, const char* situation_csv, size_t situation_len,
                                              onetrip_indicators* out) {
  return onetrip::capi::with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out);
    auto volumes =
        onetrip::capi::volumes_of(catalog->value, volumes_csv, volumes_len, situation_csv, situation_len, problems);
    if (!volumes.ok()) return volumes.status();
    auto e = onetrip::evaluate_catalog(catalog->value);
    if (!e.ok()) return e.status();
    auto ind = onetrip::indicators(catalog->value, *e, *volumes);
    if (!ind.ok()) return ind.status();
    return put_indicators(*ind, out);
  });
}

onetrip_status onetrip_catalog_audit(const onetrip_catalog* catalog, onetrip_audit** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out);
    *out = new onetrip_audit{onetrip::audit(catalog->value)};
    return absl::OkStatus();
  });
}

onetrip_status onetrip_audit_count(const onetrip_audit* audit, size_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(audit);
    ONETRIP_REQUIRE(out);
    *out = audit->findings.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_audit_finding(const onetrip_audit* audit, size_t index, onetrip_finding* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(audit);
    ONETRIP_REQUIRE(out);
    if (auto s = check_index(index, audit->findings.size(), "finding"); !s.ok()) return s;
    const onetrip::Finding& f = audit->findings[index];
    onetrip_finding full = ONETRIP_FINDING_INIT;
    full.matter = f.matter;
    full.rule = onetrip::capi::to_c(f.rule);
    full.message = f.message.c_str();
    return onetrip::capi::write_struct(full, out);
  });
}

void onetrip_audit_free(onetrip_audit* audit) { delete audit; }

}  // extern "C"
