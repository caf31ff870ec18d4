// The catalogue over time from Python: the catalogue as of a day, the
// roadmap (as columns for pandas), the diff (as rows). onetrip/roadmap.py is
// the public face.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "case_columns.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/roadmap.hpp"

namespace onetrip::python {

namespace {

Scenario scenario_of(std::vector<Reform> reforms, std::string name) {
  Scenario s;
  s.name = std::move(name);
  s.reforms = std::move(reforms);
  return s;
}

Catalog as_of_py(const Catalog& base, std::vector<Reform> reforms, py::handle day) {
  const Date d = to_date(day, "day");
  const Scenario scenario = scenario_of(std::move(reforms), "");
  std::vector<Problem> problems;
  absl::StatusOr<Catalog> out;
  {
    py::gil_scoped_release release;
    out = as_of(base, scenario, d, &problems);
  }
  if (!out.ok()) throw StatusError(out.status(), std::move(problems), "ScenarioError");
  return *std::move(out);
}

py::dict roadmap_py(
    const Catalog& base, std::vector<Reform> reforms, const std::string& name, py::handle calendar, py::handle from,
    py::handle to, const std::map<std::string, double>& matter_volumes,
    const std::map<std::string, double>& bundle_volumes, py::handle monthly_csv,
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>, double, std::string>>& situations,
    bool situation_shares, py::handle case_log, py::handle case_log_file, py::handle case_log_frame, bool strict) {
  const Date first = to_date(from, "start");
  const Date last = to_date(to, "end");
  const Calendar cal = calendar_arg(calendar);
  const Scenario scenario = scenario_of(std::move(reforms), name);
  MonthlyVolumes volumes;
  volumes.every_month.matters = matter_volumes;
  volumes.every_month.bundles = bundle_volumes;
  for (const auto& [matter, situation, answers, volume, where] : situations) {
    volumes.situations.push_back({matter, situation, answers, volume, where});
  }
  volumes.situation_shares = situation_shares;
  std::vector<Problem> problems;
  if (!monthly_csv.is_none()) {
    const std::string csv = str_arg(monthly_csv, "monthly");
    auto monthly = load_monthly_volumes_csv(base, csv, &problems);
    if (!monthly.ok()) throw StatusError(monthly.status(), std::move(problems), "VolumesError");
    volumes.months = std::move(monthly->months);
    volumes.where = std::move(monthly->where);
  }
  // The months' own volumes counted from a case log (CSV text, a file, or a
  // DataFrame's columns), for the roadmap's months; its skipped rows listed.
  std::vector<Problem> skipped;
  CaseLogOptions log_options;
  log_options.from = first;
  log_options.to = last;
  log_options.strict = strict;
  std::optional<absl::StatusOr<MonthlyVolumes>> logged;
  if (!case_log.is_none()) {
    const std::string csv = str_arg(case_log, "case_log");
    py::gil_scoped_release release;
    logged = load_case_log_volumes_csv(base, cal, csv, log_options, &skipped);
  } else if (!case_log_file.is_none()) {
    const std::string path = str_arg(case_log_file, "case_log");
    py::gil_scoped_release release;
    logged = load_case_log_volumes_file(base, cal, path, log_options, &skipped);
  } else if (!case_log_frame.is_none()) {
    const auto t = py::reinterpret_borrow<py::tuple>(case_log_frame);
    if (t.size() != 11) throw py::value_error("case_log_frame: expected the 11 columns of cases._frame_columns");
    const FrameColumns frame(t[0].cast<size_t>(), t[1].cast<py::dict>(), t[2], t[3], t[4], t[5], t[6], t[7], t[8],
                             py::reinterpret_borrow<py::object>(t[9]), t[10]);
    py::gil_scoped_release release;
    logged = case_log_volumes(base, cal, frame.columns, log_options, &skipped);
  }
  if (logged) {
    if (!logged->ok()) throw StatusError(logged->status(), std::move(skipped), "CaseRecordsError");
    volumes.months = std::move((*logged)->months);
    volumes.where = std::move((*logged)->where);
  }
  absl::StatusOr<Roadmap> r;
  {
    py::gil_scoped_release release;
    r = roadmap(base, scenario, cal, RoadmapOptions{first, last}, volumes, &problems);
  }
  if (!r.ok()) throw StatusError(r.status(), std::move(problems), "ScenarioError");
  const Roadmap& map = *r;
  py::dict months;
  months["month"] = object_column(map.months, [](const RoadmapMonth& m) { return from_date(m.month); });
  months["workdays"] = number_column<int64_t>(map.months, [](const RoadmapMonth& m) { return m.workdays; });
  months["volume"] = number_column<double>(map.months, [](const RoadmapMonth& m) { return m.volume; });
  months["trips_saved"] = number_column<double>(map.months, [](const RoadmapMonth& m) { return m.trips_saved; });
  months["worst_case_saved"] =
      number_column<double>(map.months, [](const RoadmapMonth& m) { return m.worst_case_saved; });
  months["windows_saved"] = number_column<double>(map.months, [](const RoadmapMonth& m) { return m.windows_saved; });
  months["days_saved"] = number_column<double>(map.months, [](const RoadmapMonth& m) { return m.days_saved; });
  months["share_zero_trips"] =
      number_column<double>(map.months, [](const RoadmapMonth& m) { return m.indicators.share_zero_trips; });
  months["share_at_most_one_trip"] =
      number_column<double>(map.months, [](const RoadmapMonth& m) { return m.indicators.share_at_most_one_trip; });
  months["mean_trips"] =
      number_column<double>(map.months, [](const RoadmapMonth& m) { return m.indicators.mean_trips; });
  months["mean_worst_case"] =
      number_column<double>(map.months, [](const RoadmapMonth& m) { return m.indicators.mean_worst_case; });
  py::dict reform_table;
  reform_table["position"] =
      number_column<int64_t>(map.reforms, [](const RoadmapReform& x) { return static_cast<int64_t>(x.position); });
  reform_table["effective_from"] =
      object_column(map.reforms, [](const RoadmapReform& x) { return from_date(x.effective_from); });
  reform_table["label"] = object_column(map.reforms, [](const RoadmapReform& x) { return py::str(x.label); });
  reform_table["matters_changed"] =
      number_column<int64_t>(map.reforms, [](const RoadmapReform& x) { return x.matters_changed; });
  reform_table["bundles_changed"] =
      number_column<int64_t>(map.reforms, [](const RoadmapReform& x) { return x.bundles_changed; });
  reform_table["period"] = number_column<bool>(map.reforms, [](const RoadmapReform& x) { return x.period; });
  // One row per month and reform.
  struct Cell {
    const RoadmapMonth* month;
    size_t reform;
  };
  std::vector<Cell> cells;
  for (const RoadmapMonth& m : map.months) {
    for (size_t k = 0; k < map.reforms.size(); ++k) cells.push_back({&m, k});
  }
  py::dict by_reform;
  by_reform["month"] = object_column(cells, [](const Cell& c) { return from_date(c.month->month); });
  by_reform["reform"] = number_column<int64_t>(cells, [](const Cell& c) { return static_cast<int64_t>(c.reform); });
  by_reform["share_in_force"] =
      number_column<double>(cells, [](const Cell& c) { return c.month->reforms[c.reform].share_in_force; });
  by_reform["trips_saved"] =
      number_column<double>(cells, [](const Cell& c) { return c.month->reforms[c.reform].trips_saved; });
  by_reform["worst_case_saved"] =
      number_column<double>(cells, [](const Cell& c) { return c.month->reforms[c.reform].worst_case_saved; });
  by_reform["windows_saved"] =
      number_column<double>(cells, [](const Cell& c) { return c.month->reforms[c.reform].windows_saved; });
  by_reform["days_saved"] =
      number_column<double>(cells, [](const Cell& c) { return c.month->reforms[c.reform].days_saved; });
  py::dict before;
  before["share_zero_trips"] = map.before.share_zero_trips;
  before["share_at_most_one_trip"] = map.before.share_at_most_one_trip;
  before["mean_trips"] = map.before.mean_trips;
  before["mean_worst_case"] = map.before.mean_worst_case;
  py::dict out;
  out["months"] = months;
  out["reforms"] = reform_table;
  out["by_reform"] = by_reform;
  out["before"] = before;
  out["volume_weighted"] = !map.months.empty() && map.months[0].volume_weighted;
  py::list skipped_rows;
  py::object problem = py::module_::import("onetrip.errors").attr("Problem");
  for (const Problem& p : skipped) skipped_rows.append(problem(p.path, p.message));
  out["skipped"] = skipped_rows;
  return out;
}

py::list diff_py(const Catalog& a, const Catalog& b) {
  CatalogDiff d;
  {
    py::gil_scoped_release release;
    d = diff(a, b);
  }
  py::list out;
  for (const FieldChange& c : d.changes) {
    out.append(
        py::make_tuple(to_string(c.item), to_string(c.change), c.id, c.field, c.before, c.after, c.affects_figures));
  }
  return out;
}

// A scenario file's reforms as values (the library's own reader), with its name.
py::tuple scenario_reforms(const std::string& text) {
  std::vector<Problem> problems;
  auto scenario = load_scenario_json(text, &problems);
  if (!scenario.ok()) throw StatusError(scenario.status(), std::move(problems), "ScenarioError");
  return py::make_tuple(scenario->name, scenario->reforms);
}

}  // namespace

void init_roadmap(py::module_& m) {
  m.def("_scenario_reforms", &scenario_reforms, py::arg("scenario_json"),
        "(name, [_Reform]) of an \"onetrip-scenario/1\" document; ScenarioError lists every problem.");
  m.def("_as_of", &as_of_py, py::arg("catalog"), py::arg("reforms"), py::arg("day"),
        "The catalogue in force on `day` under the dated reforms; ScenarioError lists every problem.");
  m.def("_roadmap", &roadmap_py, py::arg("catalog"), py::arg("reforms"), py::arg("name"), py::arg("calendar"),
        py::arg("start"), py::arg("end"), py::arg("matter_volumes"), py::arg("bundle_volumes"), py::arg("monthly"),
        py::arg("situations") =
            std::vector<std::tuple<std::string, std::string, std::vector<std::string>, double, std::string>>{},
        py::arg("situation_shares") = false, py::arg("case_log") = py::none(), py::arg("case_log_file") = py::none(),
        py::arg("case_log_frame") = py::none(), py::arg("strict") = false,
        "The roadmap as columns: months, reforms, by_reform (month x reform), before, and the case log's "
        "skipped rows (skipped).");
  m.def("_diff", &diff_py, py::arg("a"), py::arg("b"),
        "Every field that differs: (item, change, id, field, before, after, affects_figures) tuples.");
}

}  // namespace onetrip::python
