// Reforms and comparison from Python. Scenarios arrive as "onetrip-scenario/1"
// JSON text (onetrip/reforms.py builds it, predicates already resolved to
// matter codes); comparisons come back as columns for pandas.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/reform.hpp"

namespace onetrip::python {

namespace {

Catalog apply_json(const Catalog& base, const std::string& text) {
  std::vector<Problem> problems;
  absl::StatusOr<Catalog> after;
  {
    py::gil_scoped_release release;
    auto scenario = load_scenario_json(text, &problems);
    after = scenario.ok() ? apply(base, *scenario, &problems) : absl::StatusOr<Catalog>(scenario.status());
  }
  if (!after.ok()) throw StatusError(after.status(), std::move(problems), "ScenarioError");
  return *std::move(after);
}

py::tuple load_volumes(const Catalog& c, const std::string& csv) {
  std::vector<Problem> problems;
  auto volumes = load_volumes_csv(c, csv, &problems);
  if (!volumes.ok()) throw StatusError(volumes.status(), std::move(problems), "VolumesError");
  return py::make_tuple(volumes->matters, volumes->bundles, volumes->unassigned);
}

// The columns pandas makes a frame of, one entry per matter or bundle.
template <class Delta, class Id, class Removed>
py::dict columns(const std::vector<Delta>& deltas, Id id, Removed removed) {
  py::dict c;
  c["id"] = object_column(deltas, [&](const Delta& d) { return py::str(id(d)); });
  c["name"] = object_column(deltas, [](const Delta& d) { return py::str(d.name); });
  c["removed"] = number_column<bool>(deltas, removed);
  c["change"] = object_column(deltas, [](const Delta& d) { return py::str(d.change); });
  c["trips_before"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.trips_before; });
  c["trips_after"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.trips_after; });
  c["worst_before"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.worst_before; });
  c["worst_after"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.worst_after; });
  c["windows_before"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.windows_before; });
  c["windows_after"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.windows_after; });
  c["days_before"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.days_before; });
  c["days_after"] = number_column<int64_t>(deltas, [](const Delta& d) { return d.days_after; });
  c["volume"] = number_column<double>(deltas, [](const Delta& d) { return d.volume; });
  c["trips_saved"] = number_column<double>(deltas, [](const Delta& d) { return d.trips_saved; });
  c["worst_case_saved"] = number_column<double>(deltas, [](const Delta& d) { return d.worst_case_saved; });
  c["days_saved"] = number_column<double>(deltas, [](const Delta& d) { return d.days_saved; });
  return c;
}

py::dict compare_py(const Catalog& base, const Catalog& after, const std::map<std::string, double>& matter_volumes,
                    const std::map<std::string, double>& bundle_volumes, int threads) {
  CompareOptions options;
  options.threads = thread_count(threads);
  Volumes volumes;
  volumes.matters = matter_volumes;
  volumes.bundles = bundle_volumes;
  absl::StatusOr<Comparison> c;
  {
    py::gil_scoped_release release;
    c = compare(base, after, volumes, options);
  }
  const Comparison cmp = unwrap(std::move(c));
  py::dict matters = columns(
      cmp.matters, [](const MatterDelta& d) -> const std::string& { return d.code; },
      [](const MatterDelta& d) { return d.absorbed; });
  std::vector<py::str> department_ids;  // one object per department, shared by its rows
  for (const Department& d : base.departments()) department_ids.emplace_back(d.id);
  matters["department"] =
      object_column(cmp.matters, [&](const MatterDelta& d) { return department_ids[d.department]; });
  py::dict bundles = columns(
      cmp.bundles, [](const BundleDelta& d) -> const std::string& { return d.id; },
      [](const BundleDelta& d) { return d.removed; });
  py::dict departments;
  py::list dep_id, dep_name, dep_volume, dep_trips, dep_days, dep_changed;
  for (const DepartmentSavings& d : cmp.departments) {
    dep_id.append(base.departments()[d.department].id);
    dep_name.append(d.name);
    dep_volume.append(d.volume);
    dep_trips.append(d.trips_saved);
    dep_days.append(d.days_saved);
    dep_changed.append(d.matters_changed);
  }
  departments["department"] = dep_id;
  departments["name"] = dep_name;
  departments["volume"] = dep_volume;
  departments["trips_saved"] = dep_trips;
  departments["days_saved"] = dep_days;
  departments["matters_changed"] = dep_changed;
  py::dict totals;
  totals["matters_changed"] = cmp.matters_changed;
  totals["bundles_changed"] = cmp.bundles_changed;
  totals["trips_saved"] = cmp.trips_saved;
  totals["worst_case_saved"] = cmp.worst_case_saved;
  totals["days_saved"] = cmp.days_saved;
  totals["share_at_most_one_trip_before"] = cmp.before.share_at_most_one_trip;
  totals["share_at_most_one_trip_after"] = cmp.after.share_at_most_one_trip;
  totals["share_zero_trips_before"] = cmp.before.share_zero_trips;
  totals["share_zero_trips_after"] = cmp.after.share_zero_trips;
  totals["mean_trips_before"] = cmp.before.mean_trips;
  totals["mean_trips_after"] = cmp.after.mean_trips;
  totals["weighted"] = cmp.before.weighted;
  py::dict out;
  out["matters"] = matters;
  out["bundles"] = bundles;
  out["departments"] = departments;
  out["totals"] = totals;
  return out;
}

}  // namespace

void init_reform(py::module_& m) {
  m.def("_apply_json", &apply_json, py::arg("catalog"), py::arg("scenario_json"));
  m.def("_load_volumes", &load_volumes, py::arg("catalog"), py::arg("csv"));
  m.def("_compare", &compare_py, py::arg("base"), py::arg("after"), py::arg("matter_volumes"),
        py::arg("bundle_volumes"), py::arg("threads") = 1);
}

}  // namespace onetrip::python
