// Trips, time, whole-catalogue evaluation, indicators and audit from Python.
// Whole-catalogue figures come back as NumPy arrays, with no Python object per
// matter; one matter's or bundle's trips come back as readable objects.
#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bindings.hpp"
#include "onetrip/audit.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"

namespace onetrip::python {

namespace {

// A matter code or a bundle id: which one it is.
struct Target {
  bool bundle = false;
  uint32_t index = 0;
};

Target resolve(const Catalog& c, const std::string& id) {
  if (auto m = c.find_matter(id)) return {false, *m};
  if (auto b = c.find_bundle(id)) return {true, *b};
  throw StatusError(absl::NotFoundError(absl::StrFormat("no matter or bundle \"%s\" in the catalogue", id)));
}

TripOptions trip_options(const Catalog& c, const std::vector<std::string>& present,
                         const std::vector<std::string>& absent) {
  TripOptions options;
  const auto add = [&](const std::vector<std::string>& ids, std::vector<MaterialIndex>& out) {
    for (const std::string& id : ids) {
      auto m = c.find_material(id);
      if (!m) throw StatusError(absl::NotFoundError(absl::StrFormat("no material \"%s\" in the catalogue", id)));
      out.push_back(*m);
    }
  };
  add(present, options.materials_present);
  add(absent, options.materials_absent);
  return options;
}

struct TripsView {
  Catalog catalog;
  std::string id;
  TripResult result;
};

py::dict need_dict(const Catalog& c, const Need& n) {
  py::dict d;
  d["matter"] = c.matters()[n.matter].code;
  d["kind"] = to_string(n.kind);
  d["because"] = to_string(n.because);
  d["hall"] = c.halls()[n.hall].id;
  d["window"] = c.departments()[n.window].id;
  d["moment"] = n.moment;
  d["material"] = n.material ? py::object(py::str(c.materials()[*n.material].id)) : py::none();
  d["carried"] = n.carried ? py::object(py::str(c.matters()[*n.carried].code)) : py::none();
  d["text"] = describe(c, n);
  return d;
}

std::vector<std::string> reason_lines(const TripsView& v) {
  std::vector<std::string> lines;
  int number = 0;
  for (const Trip& t : v.result.trip_list) {
    ++number;
    for (const Need& n : t.needs) {
      lines.push_back(absl::StrFormat("trip %d (day %d): %s", number, t.moment, describe(v.catalog, n)));
    }
  }
  return lines;
}

py::array_t<int32_t> ints(const std::vector<int32_t>& v) { return py::array_t<int32_t>(v.size(), v.data()); }

py::array days(const std::vector<EpochDay>& v) {
  return py::array_t<int64_t>(v.size(), v.data()).attr("view")("datetime64[D]");
}

struct EvaluationView {
  Catalog catalog;
  CatalogEvaluation evaluation;
  TripOptions options;
};

py::dict indicators_dict(const Indicators& i) {
  py::dict d;
  d["matters"] = i.matters;
  d["share_zero_trips"] = i.share_zero_trips;
  d["share_at_most_one_trip"] = i.share_at_most_one_trip;
  d["mean_trips"] = i.mean_trips;
  d["mean_worst_case"] = i.mean_worst_case;
  d["share_immediate"] = i.share_immediate;
  d["mean_promised_legal_ratio"] = i.mean_promised_legal_ratio;
  d["bundles"] = i.bundles;
  d["bundle_share_zero_trips"] = i.bundle_share_zero_trips;
  d["bundle_share_at_most_one_trip"] = i.bundle_share_at_most_one_trip;
  d["bundle_mean_trips"] = i.bundle_mean_trips;
  d["weighted"] = i.weighted;
  d["volume"] = i.volume;
  return d;
}

// Volumes: None, a mapping code -> cases (a dict or a pandas Series), or one number per matter.
std::vector<double> volumes_from(const Catalog& c, py::handle volumes) {
  std::vector<double> out;
  if (volumes.is_none()) return out;
  if (py::hasattr(volumes, "items")) {
    out.assign(c.matters().size(), 0.0);
    for (auto item : volumes.attr("items")()) {
      auto pair = item.cast<py::tuple>();
      const std::string code = py::str(pair[0]);
      auto m = c.find_matter(code);
      if (!m)
        throw StatusError(absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the catalogue", code)));
      out[*m] = pair[1].cast<double>();
    }
    return out;
  }
  for (py::handle v : volumes) out.push_back(v.cast<double>());
  return out;
}

EvaluationView evaluate(const Catalog& c, py::object start, const std::vector<std::string>& present,
                        const std::vector<std::string>& absent, int threads) {
  EvaluationOptions options;
  options.threads = thread_count(threads);
  options.trips = trip_options(c, present, absent);
  if (!start.is_none()) options.start = to_date(start, "start");
  const Calendar china = Calendar::china();
  absl::StatusOr<CatalogEvaluation> e;
  {
    py::gil_scoped_release release;
    e = evaluate_catalog(c, china, options);
  }
  return {c, unwrap(std::move(e)), options.trips};
}

}  // namespace

void init_evaluate(py::module_& m) {
  py::class_<TripsView>(m, "Trips", "The trips of one matter or bundle, each with the needs that force it.")
      .def_property_readonly("id", [](const TripsView& v) { return v.id; })
      .def_property_readonly(
          "trips", [](const TripsView& v) { return v.result.trips; }, "With complete materials.")
      .def_property_readonly(
          "worst_case", [](const TripsView& v) { return v.result.worst_case; }, "With one secondary material missing.")
      .def_property_readonly("window_contacts", [](const TripsView& v) { return v.result.window_contacts; })
      .def_property_readonly("worst_case_matter",
                             [](const TripsView& v) {
                               return v.result.worst_case_matter
                                          ? py::object(py::str(v.catalog.matters()[*v.result.worst_case_matter].code))
                                          : py::none();
                             })
      .def_property_readonly(
          "trip_list",
          [](const TripsView& v) {
            py::list out;
            for (const Trip& t : v.result.trip_list) {
              py::dict d;
              d["hall"] = v.catalog.halls()[t.hall].id;
              d["moment"] = t.moment;
              d["window_contacts"] = t.window_contacts;
              py::list needs;
              for (const Need& n : t.needs) needs.append(need_dict(v.catalog, n));
              d["needs"] = needs;
              out.append(d);
            }
            return out;
          },
          "[{hall, moment, window_contacts, needs: [{matter, kind, because, hall, window, moment, material, carried, "
          "text}]}]")
      .def_property_readonly("reasons", &reason_lines, "One readable line per need, trip by trip.")
      .def("__str__",
           [](const TripsView& v) {
             return absl::StrFormat("%s: %d trip%s (worst case %d)\n%s", v.id, v.result.trips,
                                    v.result.trips == 1 ? "" : "s", v.result.worst_case,
                                    absl::StrJoin(reason_lines(v), "\n"));
           })
      .def("__repr__", [](const TripsView& v) {
        return absl::StrFormat("Trips('%s', trips=%d, worst_case=%d)", v.id, v.result.trips, v.result.worst_case);
      });

  py::class_<EvaluationView>(m, "Evaluation", R"doc(
Every matter (alone) and every bundle of a catalogue, evaluated at once.
Array properties are NumPy arrays in catalogue order; to_pandas() gives one
row per matter and bundle.)doc")
      .def_property_readonly("_catalog", [](const EvaluationView& v) { return v.catalog; })
      .def_property_readonly(
          "start",
          [](const EvaluationView& v) { return v.evaluation.start ? from_date(*v.evaluation.start) : py::none(); })
      .def_property_readonly("matter_trips", [](const EvaluationView& v) { return ints(v.evaluation.matter_trips); })
      .def_property_readonly("matter_worst_case",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_worst_case); })
      .def_property_readonly("matter_window_contacts",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_window_contacts); })
      .def_property_readonly("matter_workdays",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_workdays); })
      .def_property_readonly("matter_due", [](const EvaluationView& v) { return days(v.evaluation.matter_due); })
      .def_property_readonly("bundle_trips", [](const EvaluationView& v) { return ints(v.evaluation.bundle_trips); })
      .def_property_readonly("bundle_worst_case",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_worst_case); })
      .def_property_readonly("bundle_window_contacts",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_window_contacts); })
      .def_property_readonly("bundle_workdays",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_workdays); })
      .def_property_readonly("bundle_due", [](const EvaluationView& v) { return days(v.evaluation.bundle_due); })
      .def_property_readonly("bundle_over_joint_limit",
                             [](const EvaluationView& v) {
                               return py::array_t<bool>(
                                   v.evaluation.bundle_over_joint_limit.size(),
                                   reinterpret_cast<const bool*>(v.evaluation.bundle_over_joint_limit.data()));
                             })
      .def(
          "trips",
          [](const EvaluationView& v, const std::string& id) {
            const Target t = resolve(v.catalog, id);
            return TripsView{v.catalog, id,
                             t.bundle ? evaluate_bundle_trips(v.catalog, t.index, v.options)
                                      : evaluate_trips(v.catalog, t.index, v.options)};
          },
          py::arg("id"), "The trips of a matter (by code) or a bundle (by id), with readable reasons.")
      .def(
          "indicators",
          [](const EvaluationView& v, py::object volumes) {
            const std::vector<double> w = volumes_from(v.catalog, volumes);
            return indicators_dict(unwrap(indicators(v.catalog, v.evaluation, w)));
          },
          py::arg("volumes") = py::none())
      .def("__repr__", [](const EvaluationView& v) {
        return absl::StrFormat("<onetrip.Evaluation: %d matters, %d bundles>", v.evaluation.matter_trips.size(),
                               v.evaluation.bundle_trips.size());
      });

  m.def("_evaluate", &evaluate, py::arg("catalog"), py::arg("start") = py::none(),
        py::arg("materials_present") = std::vector<std::string>{},
        py::arg("materials_absent") = std::vector<std::string>{}, py::arg("threads") = 1);

  m.def("_trips", [](const Catalog& c, const std::string& id, const std::vector<std::string>& present,
                     const std::vector<std::string>& absent) {
    const Target t = resolve(c, id);
    const TripOptions options = trip_options(c, present, absent);
    return TripsView{c, id,
                     t.bundle ? evaluate_bundle_trips(c, t.index, options) : evaluate_trips(c, t.index, options)};
  });

  m.def("_audit", [](const Catalog& c) {
    py::list out;
    py::object finding = py::module_::import("onetrip.evaluation").attr("Finding");
    for (const Finding& f : audit(c)) out.append(finding(c.matters()[f.matter].code, to_string(f.rule), f.message));
    return out;
  });

  m.def("_indicators", [](const Catalog& c, py::object volumes) {
    const std::vector<double> w = volumes_from(c, volumes);
    const CatalogEvaluation e = unwrap(evaluate_catalog(c, Calendar::china()));
    return indicators_dict(unwrap(indicators(c, e, w)));
  });

  m.def("_due", [](const Catalog& c, const std::string& code, py::handle accepted, const std::string& extension,
                   const Calendar& calendar) {
    auto matter = c.find_matter(code);
    if (!matter) throw StatusError(absl::NotFoundError(absl::StrFormat("no matter \"%s\" in the catalogue", code)));
    Extension ext = Extension::kNone;
    if (extension == "single") {
      ext = Extension::kSingle;
    } else if (extension == "joint") {
      ext = Extension::kJoint;
    } else if (extension != "none") {
      throw py::value_error("extension: expected 'none', 'single' (+10) or 'joint' (+15)");
    }
    const MatterDue d = unwrap(matter_due(c, calendar, *matter, to_date(accepted, "accepted"), ext));
    py::dict out;
    out["accepted"] = from_date(d.accepted);
    out["due"] = from_date(d.due);
    out["legal_due"] = d.legal_due ? from_date(*d.legal_due) : py::none();
    out["special_procedure_days"] = d.special_procedure_days;
    out["due_with_special_procedures"] = from_date(d.due_with_special_procedures);
    out["extended_due"] = d.extended_due ? from_date(*d.extended_due) : py::none();
    return out;
  });

  m.def("_schedule", [](const Catalog& c, const std::string& id, py::object start, const Calendar& calendar) {
    auto bundle = c.find_bundle(id);
    if (!bundle) throw StatusError(absl::NotFoundError(absl::StrFormat("no bundle \"%s\" in the catalogue", id)));
    const BundleSchedule s = start.is_none() ? schedule_bundle(c, *bundle)
                                             : unwrap(schedule_bundle(c, *bundle, calendar, to_date(start, "start")));
    py::dict out;
    out["workdays"] = s.workdays;
    out["over_joint_limit"] = s.over_joint_limit;
    out["approximate"] = s.approximate;
    out["due"] = s.due ? from_date(*s.due) : py::none();
    py::list path;
    for (uint32_t member : s.critical_path) path.append(c.matters()[c.bundles()[*bundle].members[member]].code);
    out["critical_path"] = path;
    py::list members;
    for (const MemberSchedule& ms : s.members) {
      py::dict d;
      d["matter"] = c.matters()[ms.matter].code;
      d["duration"] = ms.duration;
      d["earliest_start"] = ms.earliest_start;
      d["earliest_finish"] = ms.earliest_finish;
      d["latest_start"] = ms.latest_start;
      d["latest_finish"] = ms.latest_finish;
      d["slack"] = ms.slack;
      d["critical"] = ms.critical;
      members.append(d);
    }
    out["members"] = members;
    return out;
  });

  m.def("_dot", [](const Catalog& c, const std::string& id) {
    auto bundle = c.find_bundle(id);
    if (!bundle) throw StatusError(absl::NotFoundError(absl::StrFormat("no bundle \"%s\" in the catalogue", id)));
    return bundle_dot(c, *bundle);
  });

  m.def("_prepared_materials", [](const Catalog& c, const std::string& id, const std::vector<std::string>& present,
                                  const std::vector<std::string>& absent) {
    const Target t = resolve(c, id);
    const TripOptions options = trip_options(c, present, absent);
    const BundleMaterials b = t.bundle ? bundle_materials(c, t.index, options) : matter_materials(c, t.index, options);
    py::dict out;
    out["before_merging"] = b.before_merging;
    out["after_merging"] = b.after_merging;
    out["shared"] = b.shared;
    py::list prepared;
    for (const PreparedMaterial& p : b.prepared) {
      py::list by;
      for (MatterIndex mi : p.needed_by) by.append(c.matters()[mi].code);
      prepared.append(py::make_tuple(c.materials()[p.material].id, by, p.original));
    }
    out["prepared"] = prepared;
    return out;
  });
}

}  // namespace onetrip::python
