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

template <class Delta>
void add_row(py::dict& columns, const Delta& d, const std::string& id, bool removed) {
  const auto append = [&](const char* key, py::object value) {
    if (!columns.contains(key)) columns[key] = py::list();
    columns[key].cast<py::list>().append(value);
  };
  append("id", py::str(id));
  append("name", py::str(d.name));
  append("removed", py::bool_(removed));
  append("change", py::str(d.change));
  append("trips_before", py::int_(d.trips_before));
  append("trips_after", py::int_(d.trips_after));
  append("worst_before", py::int_(d.worst_before));
  append("worst_after", py::int_(d.worst_after));
  append("windows_before", py::int_(d.windows_before));
  append("windows_after", py::int_(d.windows_after));
  append("days_before", py::int_(d.days_before));
  append("days_after", py::int_(d.days_after));
  append("volume", py::float_(d.volume));
  append("trips_saved", py::float_(d.trips_saved));
  append("worst_case_saved", py::float_(d.worst_case_saved));
  append("days_saved", py::float_(d.days_saved));
}

py::dict compare_py(const Catalog& base, const Catalog& after, const std::map<std::string, double>& matter_volumes,
                    const std::map<std::string, double>& bundle_volumes, int threads) {
  if (threads < 0) throw py::value_error("threads must be 0 (one per hardware thread) or more");
  CompareOptions options;
  options.threads = threads;
  Volumes volumes;
  volumes.matters = matter_volumes;
  volumes.bundles = bundle_volumes;
  absl::StatusOr<Comparison> c;
  {
    py::gil_scoped_release release;
    c = compare(base, after, volumes, options);
  }
  const Comparison cmp = unwrap(std::move(c));
  py::dict matters, bundles, departments;
  for (const MatterDelta& d : cmp.matters) {
    add_row(matters, d, d.code, d.absorbed);
    if (!matters.contains("department")) matters["department"] = py::list();
    matters["department"].cast<py::list>().append(base.departments()[d.department].id);
  }
  for (const BundleDelta& d : cmp.bundles) add_row(bundles, d, d.id, d.removed);
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
