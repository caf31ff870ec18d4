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
#include "progress.hpp"

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

std::vector<std::string> str_list(py::handle value, const char* what) {
  return value.is_none() ? std::vector<std::string>() : str_list_arg(value, what);
}

TripOptions trip_options_from(const Catalog& c, py::handle present, py::handle absent) {
  return trip_options(c, str_list(present, "materials_present"), str_list(absent, "materials_absent"));
}

struct TripsView {
  Catalog catalog;
  std::string id;
  TripResult result;
};

// One need of a trip, with the catalogue that names its indices.
struct NeedView {
  Catalog catalog;
  Need need;
};

struct TripView {
  Catalog catalog;
  Trip trip;
};

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
  Calendar calendar;
  CatalogEvaluation evaluation;
  TripOptions options;
};

struct ScheduleView {
  Catalog catalog;
  BundleIndex bundle;
  BundleSchedule schedule;
};

struct MemberScheduleView {
  Catalog catalog;
  MemberSchedule member;
};

struct MaterialsView {
  Catalog catalog;
  BundleMaterials materials;
};

struct PreparedView {
  Catalog catalog;
  PreparedMaterial prepared;
};

// Volumes: None, a mapping code -> cases (a dict or a pandas Series), or one number per matter.
std::vector<double> volumes_from(const Catalog& c, py::handle volumes) {
  std::vector<double> out;
  if (volumes.is_none()) return out;
  if (py::hasattr(volumes, "items")) {
    out.assign(c.matters().size(), 0.0);
    for (py::handle item : volumes.attr("items")()) {
      auto pair = py::reinterpret_borrow<py::tuple>(item);
      const std::string code = py::str(pair[0]);
      auto m = c.find_matter(code);
      if (!m)
        throw StatusError(absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the catalogue", code)));
      out[*m] = real_arg(pair[1], absl::StrFormat("volumes[\"%s\"]", code).c_str());
    }
    return out;
  }
  if (!py::hasattr(volumes, "__iter__") || py::isinstance<py::str>(volumes)) {
    throw py::type_error("volumes: expected None, a mapping code -> cases or one number per matter, got " +
                         type_name(volumes));
  }
  size_t i = 0;
  for (py::handle v : volumes) out.push_back(real_arg(v, absl::StrFormat("volumes, row %d", i++).c_str()));
  return out;
}

EvaluationView evaluate(const Catalog& c, py::handle start, py::handle present, py::handle absent, py::handle threads,
                        py::handle calendar_value, py::handle progress_arg) {
  PyProgress progress(progress_arg);
  EvaluationOptions options;
  options.progress = progress.callback();
  options.threads = thread_count(int32_arg(threads, "threads"));
  options.trips = trip_options_from(c, present, absent);
  if (!start.is_none()) options.start = to_date(start, "start");
  const Calendar calendar = calendar_arg(calendar_value);
  absl::StatusOr<CatalogEvaluation> e;
  {
    py::gil_scoped_release release;
    e = evaluate_catalog(c, calendar, options);
  }
  progress.rethrow();
  return {c, calendar, unwrap(std::move(e)), options.trips};
}

// A frame of one row per matter and bundle from the evaluation's arrays.
py::object evaluation_frame(const EvaluationView& v) {
  py::module_ pd = py::module_::import("pandas");
  const auto frame = [&](const char* kind, py::list ids, py::list names, const std::vector<int32_t>& trips,
                         const std::vector<int32_t>& worst, const std::vector<int32_t>& windows,
                         const std::vector<int32_t>& workdays, const std::vector<int32_t>& counted,
                         const std::vector<EpochDay>& due) {
    py::dict columns;
    columns["kind"] = kind;
    columns["id"] = ids;
    columns["name"] = names;
    columns["trips"] = ints(trips);
    columns["worst_case"] = ints(worst);
    columns["window_contacts"] = ints(windows);
    columns["workdays"] = ints(workdays);
    columns["counted_workdays"] = ints(counted);
    columns["due"] = days(due);
    return pd.attr("DataFrame")(columns);
  };
  const CatalogEvaluation& e = v.evaluation;
  const Catalog& c = v.catalog;
  py::object matters =
      frame("matter", object_column(c.matters(), [](const Matter& m) { return py::str(m.code); }),
            object_column(c.matters(), [](const Matter& m) { return py::str(m.name); }), e.matter_trips,
            e.matter_worst_case, e.matter_window_contacts, e.matter_workdays, e.matter_counted_workdays, e.matter_due);
  py::object bundles =
      frame("bundle", object_column(c.bundles(), [](const Bundle& b) { return py::str(b.id); }),
            object_column(c.bundles(), [](const Bundle& b) { return py::str(b.name); }), e.bundle_trips,
            e.bundle_worst_case, e.bundle_window_contacts, e.bundle_workdays, e.bundle_counted_workdays, e.bundle_due);
  return pd.attr("concat")(py::make_tuple(matters, bundles), py::arg("ignore_index") = true);
}

}  // namespace

void init_evaluate(py::module_& m) {
  py::class_<NeedView> need(m, "Need", "Why the applicant must be somewhere: one need of a trip.");
  need.def_property_readonly("matter", [](const NeedView& v) { return v.catalog.matters()[v.need.matter].code; })
      .def_property_readonly(
          "kind", [](const NeedView& v) { return std::string(to_string(v.need.kind)); }, "'submit', 'collect', …")
      .def_property_readonly("because", [](const NeedView& v) { return std::string(to_string(v.need.because)); })
      .def_property_readonly("hall", [](const NeedView& v) { return v.catalog.halls()[v.need.hall].id; })
      .def_property_readonly(
          "window", [](const NeedView& v) { return v.catalog.departments()[v.need.window].id; },
          "The department whose window is visited.")
      .def_property_readonly(
          "moment", [](const NeedView& v) { return v.need.moment; }, "Working days from the start.")
      .def_property_readonly("material",
                             [](const NeedView& v) -> std::optional<std::string> {
                               if (!v.need.material) return std::nullopt;
                               return v.catalog.materials()[*v.need.material].id;
                             })
      .def_property_readonly("carried",
                             [](const NeedView& v) -> std::optional<std::string> {
                               if (!v.need.carried) return std::nullopt;
                               return v.catalog.matters()[*v.need.carried].code;
                             })
      .def_property_readonly("text", [](const NeedView& v) { return describe(v.catalog, v.need); });
  add_record_methods(need, {"matter", "kind", "because", "hall", "window", "moment", "material", "carried", "text"});

  py::class_<TripView> trip(m, "Trip", "One visit to one hall at one moment, with the needs that force it.");
  trip.def_property_readonly("hall", [](const TripView& v) { return v.catalog.halls()[v.trip.hall].id; })
      .def_property_readonly("moment", [](const TripView& v) { return v.trip.moment; })
      .def_property_readonly("window_contacts", [](const TripView& v) { return v.trip.window_contacts; })
      .def_property_readonly("needs", [](const TripView& v) {
        std::vector<NeedView> out;
        for (const Need& n : v.trip.needs) out.push_back({v.catalog, n});
        return out;
      });
  add_record_methods(trip, {"hall", "moment", "window_contacts", "needs"});

  py::class_<TripsView>(m, "Trips", "The trips of one matter or bundle, each with the needs that force it.")
      .def_property_readonly("id", [](const TripsView& v) { return v.id; })
      .def_property_readonly(
          "trips", [](const TripsView& v) { return v.result.trips; }, "With complete materials.")
      .def_property_readonly(
          "worst_case", [](const TripsView& v) { return v.result.worst_case; }, "With one secondary material missing.")
      .def_property_readonly("window_contacts", [](const TripsView& v) { return v.result.window_contacts; })
      .def_property_readonly("worst_case_matter",
                             [](const TripsView& v) -> std::optional<std::string> {
                               if (!v.result.worst_case_matter) return std::nullopt;
                               return v.catalog.matters()[*v.result.worst_case_matter].code;
                             })
      .def_property_readonly(
          "trip_list",
          [](const TripsView& v) {
            std::vector<TripView> out;
            for (const Trip& t : v.result.trip_list) out.push_back({v.catalog, t});
            return out;
          },
          "The trips (Trip), in moment order.")
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

  py::class_<Indicators> ind(m, "Indicators", "The catalogue's indicators (跑零次 share, 最多跑一次 实现率, …).");
  ind.def_readonly("matters", &Indicators::matters)
      .def_readonly("share_zero_trips", &Indicators::share_zero_trips, "跑零次")
      .def_readonly("share_at_most_one_trip", &Indicators::share_at_most_one_trip, "最多跑一次 实现率")
      .def_readonly("mean_trips", &Indicators::mean_trips)
      .def_readonly("mean_worst_case", &Indicators::mean_worst_case)
      .def_readonly("share_immediate", &Indicators::share_immediate, "即办件 share")
      .def_readonly("mean_promised_legal_ratio", &Indicators::mean_promised_legal_ratio, "承诺时限压缩比")
      .def_readonly("bundles", &Indicators::bundles)
      .def_readonly("bundle_share_zero_trips", &Indicators::bundle_share_zero_trips)
      .def_readonly("bundle_share_at_most_one_trip", &Indicators::bundle_share_at_most_one_trip)
      .def_readonly("bundle_mean_trips", &Indicators::bundle_mean_trips)
      .def_readonly("weighted", &Indicators::weighted, "Matter figures weighted by case volumes.")
      .def_readonly("volume", &Indicators::volume, "The total volume when weighted.")
      .def(field_pickle(&Indicators::matters, &Indicators::share_zero_trips, &Indicators::share_at_most_one_trip,
                        &Indicators::mean_trips, &Indicators::mean_worst_case, &Indicators::share_immediate,
                        &Indicators::mean_promised_legal_ratio, &Indicators::bundles,
                        &Indicators::bundle_share_zero_trips, &Indicators::bundle_share_at_most_one_trip,
                        &Indicators::bundle_mean_trips, &Indicators::weighted, &Indicators::volume));
  static_assert(sizeof(Indicators) == 13 * 8, "a new Indicators field needs its place in the pickle above");
  add_record_methods(ind, {"matters", "share_zero_trips", "share_at_most_one_trip", "mean_trips", "mean_worst_case",
                           "share_immediate", "mean_promised_legal_ratio", "bundles", "bundle_share_zero_trips",
                           "bundle_share_at_most_one_trip", "bundle_mean_trips", "weighted", "volume"});

  py::class_<MatterDue> due(m, "Due", "A matter's due dates for an acceptance date.");
  due.def_property_readonly("accepted", [](const MatterDue& d) { return d.accepted; })
      .def_property_readonly(
          "due", [](const MatterDue& d) { return d.due; }, "The promised limit's end (immediate: the day).")
      .def_property_readonly("legal_due", [](const MatterDue& d) { return d.legal_due; })
      .def_readonly("special_procedure_days", &MatterDue::special_procedure_days,
                    "Working days outside the limit (第四十五条).")
      .def_property_readonly("due_with_special_procedures",
                             [](const MatterDue& d) { return d.due_with_special_procedures; })
      .def_readonly("issue_days", &MatterDue::issue_days,
                    "Working days to issue the certificate after the decision (第四十四条).")
      .def_property_readonly(
          "result_due", [](const MatterDue& d) { return d.result_due; },
          "The applicant holds the result: due + 第四十五条's days + issuing.")
      .def_readonly("extension_days", &MatterDue::extension_days,
                    "The extension asked (第四十二条: 10, or what the matter's own law allows).")
      .def_property_readonly(
          "extended_due", [](const MatterDue& d) { return d.extended_due; },
          "The legal (else promised) due plus the extension, when one is asked.")
      .def(field_pickle(&MatterDue::accepted, &MatterDue::due, &MatterDue::legal_due,
                        &MatterDue::special_procedure_days, &MatterDue::due_with_special_procedures,
                        &MatterDue::issue_days, &MatterDue::result_due, &MatterDue::extension_days,
                        &MatterDue::extended_due));
  add_record_methods(due, {"accepted", "due", "legal_due", "special_procedure_days", "due_with_special_procedures",
                           "issue_days", "result_due", "extension_days", "extended_due"});

  py::class_<MemberScheduleView> member(m, "MemberSchedule", "One member of a bundle's critical-path schedule.");
  member
      .def_property_readonly("matter",
                             [](const MemberScheduleView& v) { return v.catalog.matters()[v.member.matter].code; })
      .def_property_readonly(
          "duration", [](const MemberScheduleView& v) { return v.member.duration; },
          "Working days counted against the limit.")
      .def_property_readonly(
          "special_days", [](const MemberScheduleView& v) { return v.member.special_days; },
          "第四十五条's procedures: not counted, but waited for.")
      .def_property_readonly(
          "issue_days", [](const MemberScheduleView& v) { return v.member.issue_days; },
          "Issuing after the decision (第四十四条).")
      .def_property_readonly("earliest_start", [](const MemberScheduleView& v) { return v.member.earliest_start; })
      .def_property_readonly("earliest_finish", [](const MemberScheduleView& v) { return v.member.earliest_finish; })
      .def_property_readonly("latest_start", [](const MemberScheduleView& v) { return v.member.latest_start; })
      .def_property_readonly("latest_finish", [](const MemberScheduleView& v) { return v.member.latest_finish; })
      .def_property_readonly("slack", [](const MemberScheduleView& v) { return v.member.slack; })
      .def_property_readonly("critical", [](const MemberScheduleView& v) { return v.member.critical; });
  add_record_methods(member, {"matter", "duration", "special_days", "issue_days", "earliest_start", "earliest_finish",
                              "latest_start", "latest_finish", "slack", "critical"});

  py::class_<ScheduleView> schedule(m, "Schedule", "A bundle's critical path, in working days.");
  schedule
      .def_property_readonly(
          "workdays", [](const ScheduleView& v) { return v.schedule.workdays; },
          "Working days until the last result is in hand.")
      .def_property_readonly(
          "counted_workdays", [](const ScheduleView& v) { return v.schedule.counted_workdays; },
          "The administration's own working days: the joint limit's count.")
      .def_property_readonly(
          "handling", [](const ScheduleView& v) { return std::string(to_string(v.schedule.handling)); },
          "none, unified (统一办理), joint (联合办理) or centralized (集中办理).")
      .def_property_readonly("due", [](const ScheduleView& v) { return v.schedule.due; })
      .def_property_readonly(
          "critical_path",
          [](const ScheduleView& v) {
            std::vector<std::string> out;
            for (uint32_t i : v.schedule.critical_path) {
              out.push_back(v.catalog.matters()[v.catalog.bundles()[v.bundle].members[i]].code);
            }
            return out;
          },
          "Member codes along one longest path, in order.")
      .def_property_readonly("members",
                             [](const ScheduleView& v) {
                               std::vector<MemberScheduleView> out;
                               for (const MemberSchedule& ms : v.schedule.members) out.push_back({v.catalog, ms});
                               return out;
                             })
      .def_property_readonly(
          "over_joint_limit", [](const ScheduleView& v) { return v.schedule.over_joint_limit; },
          "统一/联合/集中办理 over 45 counted working days (第四十二条).")
      .def_property_readonly(
          "approximate", [](const ScheduleView& v) { return v.schedule.approximate; },
          "A member's limit is in natural days or months.");
  add_record_methods(schedule, {"workdays", "counted_workdays", "handling", "due", "critical_path", "members",
                                "over_joint_limit", "approximate"});

  py::class_<PreparedView> prepared(m, "PreparedMaterial", "One material the applicant prepares, once.");
  prepared
      .def_property_readonly("material",
                             [](const PreparedView& v) { return v.catalog.materials()[v.prepared.material].id; })
      .def_property_readonly("needed_by",
                             [](const PreparedView& v) {
                               std::vector<std::string> out;
                               for (MatterIndex i : v.prepared.needed_by) out.push_back(v.catalog.matters()[i].code);
                               return out;
                             })
      .def_property_readonly(
          "original", [](const PreparedView& v) { return v.prepared.original; },
          "Some member needs the original shown.");
  add_record_methods(prepared, {"material", "needed_by", "original"});
  // It was a (material, needed_by, original) tuple: unpacking still works, and warns.
  prepared.def("__iter__", [](py::object self) {
    py::module_::import("warnings")
        .attr("warn")("PreparedMaterial is no longer a tuple: use .material, .needed_by, .original",
                      py::module_::import("builtins").attr("DeprecationWarning"), 1);
    return py::iter(py::make_tuple(self.attr("material"), self.attr("needed_by"), self.attr("original")));
  });

  py::class_<MaterialsView> materials(m, "PreparedMaterials",
                                      "What the applicant prepares for a matter or bundle, merged and less the "
                                      "shared ones.");
  materials
      .def_property_readonly(
          "before_merging", [](const MaterialsView& v) { return v.materials.before_merging; },
          "The sum over members of their applicable materials.")
      .def_property_readonly("after_merging", [](const MaterialsView& v) { return v.materials.after_merging; })
      .def_property_readonly(
          "shared", [](const MaterialsView& v) { return v.materials.shared; },
          "Distinct materials fetched by data sharing instead.")
      .def_property_readonly("prepared", [](const MaterialsView& v) {
        std::vector<PreparedView> out;
        for (const PreparedMaterial& p : v.materials.prepared) out.push_back({v.catalog, p});
        return out;
      });
  add_record_methods(materials, {"before_merging", "after_merging", "shared", "prepared"});

  py::class_<EvaluationView>(m, "Evaluation", R"doc(
Every matter (alone) and every bundle of a catalogue, evaluated at once.
Array properties are NumPy arrays in catalogue order; to_pandas() gives one
row per matter and bundle.)doc")
      .def_property_readonly(
          "calendar", [](const EvaluationView& v) { return v.calendar; }, "The calendar the due dates are on.")
      .def_property_readonly("start", [](const EvaluationView& v) { return v.evaluation.start; })
      .def_property_readonly("matter_trips", [](const EvaluationView& v) { return ints(v.evaluation.matter_trips); })
      .def_property_readonly("matter_worst_case",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_worst_case); })
      .def_property_readonly("matter_window_contacts",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_window_contacts); })
      .def_property_readonly("matter_workdays",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_workdays); })
      .def_property_readonly("matter_counted_workdays",
                             [](const EvaluationView& v) { return ints(v.evaluation.matter_counted_workdays); })
      .def_property_readonly("matter_due", [](const EvaluationView& v) { return days(v.evaluation.matter_due); })
      .def_property_readonly("bundle_trips", [](const EvaluationView& v) { return ints(v.evaluation.bundle_trips); })
      .def_property_readonly("bundle_worst_case",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_worst_case); })
      .def_property_readonly("bundle_window_contacts",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_window_contacts); })
      .def_property_readonly("bundle_workdays",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_workdays); })
      .def_property_readonly("bundle_counted_workdays",
                             [](const EvaluationView& v) { return ints(v.evaluation.bundle_counted_workdays); })
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
          [](const EvaluationView& v, py::handle volumes) {
            const std::vector<double> w = volumes_from(v.catalog, volumes);
            return unwrap(indicators(v.catalog, v.evaluation, w));
          },
          py::arg("volumes") = py::none(),
          "The indicators, weighted by `volumes` (a mapping code -> cases, or one number per matter) if given.")
      .def("to_pandas", &evaluation_frame,
           "One row per matter and bundle: kind, id, name, trips, worst_case, window_contacts, workdays, due.")
      .def(
          "_repr_html_", [](const EvaluationView& v) { return evaluation_frame(v).attr("_repr_html_")(); },
          "The frame of to_pandas(), for Jupyter.")
      .def("__repr__", [](const EvaluationView& v) {
        return absl::StrFormat("<onetrip.Evaluation: %d matters, %d bundles>", v.evaluation.matter_trips.size(),
                               v.evaluation.bundle_trips.size());
      });

  // The private functions behind onetrip.Catalog's methods (catalog.py).
  m.def("_evaluate", &evaluate, py::arg("catalog"), py::arg("start"), py::arg("materials_present"),
        py::arg("materials_absent"), py::arg("threads"), py::arg("calendar"), py::arg("progress") = py::none());

  m.def(
      "_trips",
      [](const Catalog& c, const std::string& id, py::handle present, py::handle absent) {
        const Target t = resolve(c, id);
        const TripOptions options = trip_options_from(c, present, absent);
        return TripsView{c, id,
                         t.bundle ? evaluate_bundle_trips(c, t.index, options) : evaluate_trips(c, t.index, options)};
      },
      py::arg("catalog"), py::arg("id"), py::arg("materials_present"), py::arg("materials_absent"));

  m.def(
      "_audit",
      [](const Catalog& c) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const Finding& f : audit(c)) out.emplace_back(c.matters()[f.matter].code, to_string(f.rule), f.message);
        return out;
      },
      py::arg("catalog"), "(matter code, rule, message) per finding.");

  m.def(
      "_indicators",
      [](const Catalog& c, py::handle volumes) {
        const std::vector<double> w = volumes_from(c, volumes);
        // No start date: no due date is computed, so the calendar plays no part.
        const CatalogEvaluation e = unwrap(evaluate_catalog(c));  // counts only: no calendar
        return unwrap(indicators(c, e, w));
      },
      py::arg("catalog"), py::arg("volumes"));

  m.def(
      "_due",
      [](const Catalog& c, const std::string& code, py::handle accepted, const std::string& extension,
         py::handle calendar) {
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
        return unwrap(matter_due(c, calendar_arg(calendar), *matter, to_date(accepted, "accepted"), ext));
      },
      py::arg("catalog"), py::arg("code"), py::arg("accepted"), py::arg("extension"), py::arg("calendar"));

  m.def(
      "_schedule",
      [](const Catalog& c, const std::string& id, py::handle start, py::handle calendar) {
        auto bundle = c.find_bundle(id);
        if (!bundle) throw StatusError(absl::NotFoundError(absl::StrFormat("no bundle \"%s\" in the catalogue", id)));
        BundleSchedule s = start.is_none()
                               ? schedule_bundle(c, *bundle)
                               : unwrap(schedule_bundle(c, *bundle, calendar_arg(calendar), to_date(start, "start")));
        return ScheduleView{c, *bundle, std::move(s)};
      },
      py::arg("catalog"), py::arg("bundle"), py::arg("start"), py::arg("calendar"));

  m.def(
      "_prepared_materials",
      [](const Catalog& c, const std::string& id, py::handle present, py::handle absent) {
        const Target t = resolve(c, id);
        const TripOptions options = trip_options_from(c, present, absent);
        return MaterialsView{c,
                             t.bundle ? bundle_materials(c, t.index, options) : matter_materials(c, t.index, options)};
      },
      py::arg("catalog"), py::arg("id"), py::arg("materials_present"), py::arg("materials_absent"));
}

}  // namespace onetrip::python
