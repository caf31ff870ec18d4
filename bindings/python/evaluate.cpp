// Trips, time, whole-catalogue evaluation, indicators and audit from Python.
// Whole-catalogue figures come back as NumPy arrays, with no Python object per
// matter; one matter's or bundle's trips come back as readable objects.
#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bindings.hpp"
#include "onetrip/audit.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "pickling.hpp"
#include "progress.hpp"

// A need's kind and reason are onetrip.NeedKind and onetrip.Reason (str enums
// defined in onetrip/results.py, in the order of the C++ enums).
namespace pybind11::detail {

inline object python_enum_class(const char* name) { return module_::import("onetrip.results").attr(name); }

template <class E>
bool load_python_enum(handle src, const char* name, E& value) {
  if (!isinstance(src, python_enum_class(name))) return false;
  value = static_cast<E>(src.attr("number").cast<int>());
  return true;
}

template <>
struct type_caster<onetrip::NeedKind> {
  PYBIND11_TYPE_CASTER(onetrip::NeedKind, const_name("onetrip.results.NeedKind"));
  bool load(handle src, bool) { return load_python_enum(src, "NeedKind", value); }
  static handle cast(onetrip::NeedKind v, return_value_policy, handle) {
    return python_enum_class("NeedKind").attr("from_index")(static_cast<int>(v)).release();
  }
};

template <>
struct type_caster<onetrip::Because> {
  PYBIND11_TYPE_CASTER(onetrip::Because, const_name("onetrip.results.Reason"));
  bool load(handle src, bool) { return load_python_enum(src, "Reason", value); }
  static handle cast(onetrip::Because v, return_value_policy, handle) {
    return python_enum_class("Reason").attr("from_index")(static_cast<int>(v)).release();
  }
};

}  // namespace pybind11::detail

namespace onetrip::python {

template <>
struct Fields<Need> {
  static constexpr auto list =
      std::make_tuple(&Need::member, &Need::matter, &Need::kind, &Need::because, &Need::material, &Need::carried,
                      &Need::hall, &Need::window, &Need::moment);
};
template <>
struct Fields<Trip> {
  static constexpr auto list = std::make_tuple(&Trip::hall, &Trip::moment, &Trip::window_contacts, &Trip::needs);
};
template <>
struct Fields<TripResult> {
  static constexpr auto list =
      std::make_tuple(&TripResult::trips, &TripResult::worst_case, &TripResult::window_contacts, &TripResult::trip_list,
                      &TripResult::worst_case_matter, &TripResult::because_mask);
};
template <>
struct Fields<MemberSchedule> {
  static constexpr auto list = std::make_tuple(
      &MemberSchedule::member, &MemberSchedule::matter, &MemberSchedule::duration, &MemberSchedule::special_days,
      &MemberSchedule::issue_days, &MemberSchedule::earliest_start, &MemberSchedule::earliest_finish,
      &MemberSchedule::latest_start, &MemberSchedule::latest_finish, &MemberSchedule::slack, &MemberSchedule::critical);
};
template <>
struct Fields<BundleSchedule> {
  static constexpr auto list =
      std::make_tuple(&BundleSchedule::workdays, &BundleSchedule::counted_workdays, &BundleSchedule::members,
                      &BundleSchedule::critical_path, &BundleSchedule::handling, &BundleSchedule::over_joint_limit,
                      &BundleSchedule::approximate, &BundleSchedule::start, &BundleSchedule::due);
};
template <>
struct Fields<PreparedMaterial> {
  static constexpr auto list =
      std::make_tuple(&PreparedMaterial::material, &PreparedMaterial::needed_by, &PreparedMaterial::original);
};
template <>
struct Fields<BundleMaterials> {
  static constexpr auto list = std::make_tuple(&BundleMaterials::before_merging, &BundleMaterials::after_merging,
                                               &BundleMaterials::shared, &BundleMaterials::prepared);
};
template <>
struct Fields<TripOptions> {
  static constexpr auto list = std::make_tuple(&TripOptions::materials_present, &TripOptions::materials_absent);
};
template <>
struct Fields<SituationRange> {
  static constexpr auto list =
      std::make_tuple(&SituationRange::situations, &SituationRange::eligible_situations, &SituationRange::best_trips,
                      &SituationRange::worst_trips, &SituationRange::best_worst_case, &SituationRange::worst_worst_case,
                      &SituationRange::best_workdays, &SituationRange::worst_workdays, &SituationRange::exact,
                      &SituationRange::questions);
};
template <>
struct Fields<CatalogEvaluation::Situational> {
  static constexpr auto list =
      std::make_tuple(&CatalogEvaluation::Situational::index, &CatalogEvaluation::Situational::range);
};
template <>
struct Fields<CatalogEvaluation> {
  static constexpr auto list = std::make_tuple(
      &CatalogEvaluation::start, &CatalogEvaluation::matter_trips, &CatalogEvaluation::matter_worst_case,
      &CatalogEvaluation::matter_window_contacts, &CatalogEvaluation::matter_because,
      &CatalogEvaluation::matter_workdays, &CatalogEvaluation::matter_counted_workdays, &CatalogEvaluation::matter_due,
      &CatalogEvaluation::bundle_trips, &CatalogEvaluation::bundle_worst_case,
      &CatalogEvaluation::bundle_window_contacts, &CatalogEvaluation::bundle_workdays,
      &CatalogEvaluation::bundle_counted_workdays, &CatalogEvaluation::bundle_due,
      &CatalogEvaluation::bundle_over_joint_limit, &CatalogEvaluation::matter_situations,
      &CatalogEvaluation::bundle_situations, &CatalogEvaluation::matters_not_in_force,
      &CatalogEvaluation::bundles_not_in_force);
};

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

// What a pickle brings back, checked against its catalogue before a view
// reads through its indices.
void check_need(const Catalog& c, const Need& n) {
  check_index(n.matter, c.matters().size(), "matter");
  if (n.material) check_index(*n.material, c.materials().size(), "material");
  if (n.carried) check_index(*n.carried, c.matters().size(), "matter");
  check_index(n.hall, c.halls().size(), "hall");
  check_index(n.window, c.departments().size(), "department");
  check_index(static_cast<size_t>(n.kind), static_cast<size_t>(NeedKind::kCarry) + 1, "need kind");
  check_index(static_cast<size_t>(n.because), kBecauseCount, "reason");
}
void check_trip(const Catalog& c, const Trip& t) {
  check_index(t.hall, c.halls().size(), "hall");
  for (const Need& n : t.needs) check_need(c, n);
}
void check_result(const Catalog& c, const TripResult& r) {
  for (const Trip& t : r.trip_list) check_trip(c, t);
  if (r.worst_case_matter) check_index(*r.worst_case_matter, c.matters().size(), "matter");
}
void check_member(const Catalog& c, const MemberSchedule& m) { check_index(m.matter, c.matters().size(), "matter"); }
void check_schedule(const Catalog& c, BundleIndex bundle, const BundleSchedule& s) {
  check_index(bundle, c.bundles().size(), "bundle");
  for (const MemberSchedule& m : s.members) check_member(c, m);
  for (uint32_t i : s.critical_path) check_index(i, c.bundles()[bundle].members.size(), "bundle member");
}
void check_prepared(const Catalog& c, const PreparedMaterial& p) {
  check_index(p.material, c.materials().size(), "material");
  for (MatterIndex m : p.needed_by) check_index(m, c.matters().size(), "matter");
}
void check_materials(const Catalog& c, const BundleMaterials& b) {
  for (const PreparedMaterial& p : b.prepared) check_prepared(c, p);
}
void check_evaluation(const Catalog& c, const CatalogEvaluation& e, const TripOptions& o) {
  const size_t matters = c.matters().size(), bundles = c.bundles().size();
  const bool fits = e.matter_trips.size() == matters && e.matter_worst_case.size() == matters &&
                    e.matter_window_contacts.size() == matters && e.matter_because.size() == matters &&
                    e.matter_workdays.size() == matters && e.matter_counted_workdays.size() == matters &&
                    e.matter_due.size() == matters && e.bundle_trips.size() == bundles &&
                    e.bundle_worst_case.size() == bundles && e.bundle_window_contacts.size() == bundles &&
                    e.bundle_workdays.size() == bundles && e.bundle_counted_workdays.size() == bundles &&
                    e.bundle_due.size() == bundles && e.bundle_over_joint_limit.size() == bundles;
  if (!fits) throw py::value_error("a pickled evaluation whose columns do not fit its catalogue");
  const auto ascending_below = [](const std::vector<uint32_t>& v, size_t n) {
    for (size_t k = 0; k < v.size(); ++k) {
      if (v[k] >= n || (k > 0 && v[k - 1] >= v[k])) return false;
    }
    return true;
  };
  if (!ascending_below(e.matters_not_in_force, matters) || !ascending_below(e.bundles_not_in_force, bundles)) {
    throw py::value_error("a pickled evaluation whose matters or bundles not in force are not its catalogue's");
  }
  for (MaterialIndex m : o.materials_present) check_index(m, c.materials().size(), "material");
  for (MaterialIndex m : o.materials_absent) check_index(m, c.materials().size(), "material");
}

// (catalog, fields) -> a view, after `validate` checked the fields.
py::tuple pickled_view(py::handle state, const char* what) {
  if (!py::isinstance<py::tuple>(state) || py::len(state) < 2 || !py::isinstance<Catalog>(state[py::int_(0)])) {
    throw py::value_error(absl::StrFormat("a pickled %s is (catalogue, fields…)", what));
  }
  return py::reinterpret_borrow<py::tuple>(state);
}

// Volumes: None, a mapping code -> cases (a dict, a pandas Series or a
// DataFrame of id and volume), or one number per matter. A mapping that
// leaves matters out is an error naming them (VolumesError, each at its
// code) unless `missing` is "zero": their volume is then 0, as asked.
std::vector<double> volumes_from(const Catalog& c, py::handle volumes, const std::string& missing = "error") {
  std::vector<double> out;
  if (missing != "error" && missing != "zero") {
    throw py::value_error("missing: expected 'error' (name the matters without a volume) or 'zero' (weight them 0)");
  }
  if (volumes.is_none()) return out;
  py::object mapping;                     // holds what `volumes` points at when it is made here
  if (py::hasattr(volumes, "columns")) {  // a DataFrame: id (or code) and volume, or one column by id
    mapping = py::module_::import("onetrip.compare").attr("_frame_volumes")(volumes);
    volumes = mapping;
  }
  if (py::hasattr(volumes, "items")) {
    out.assign(c.matters().size(), 0.0);
    std::vector<bool> given(c.matters().size(), false);
    for (py::handle item : volumes.attr("items")()) {
      auto pair = py::reinterpret_borrow<py::tuple>(item);
      const std::string code = py::str(pair[0]);
      auto m = c.find_matter(code);
      if (!m) {
        if (c.find_bundle(code)) continue;  // a bundle's cases: not a matter's indicator
        throw StatusError(absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the catalogue", code)));
      }
      out[*m] = real_arg(pair[1], absl::StrFormat("volumes[\"%s\"]", code).c_str());
      given[*m] = true;
    }
    if (missing == "error") {
      std::vector<Problem> problems;
      for (size_t i = 0; i < given.size(); ++i) {
        if (!given[i]) problems.push_back({c.matters()[i].code, "no volume for this matter"});
      }
      if (!problems.empty()) {
        std::string named;
        for (size_t i = 0; i < problems.size() && i < 5; ++i) absl::StrAppend(&named, i ? ", " : "", problems[i].path);
        if (problems.size() > 5) absl::StrAppend(&named, " and ", problems.size() - 5, " more");
        const std::string message = absl::StrFormat(
            "volumes: %d of %d matters have no volume (%s); give them, or pass missing='zero' to weight them 0",
            problems.size(), given.size(), named);
        throw StatusError(absl::InvalidArgumentError(message), std::move(problems), "VolumesError");
      }
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

// The indicators at `volumes` (as volumes_from reads them, or an
// onetrip.Volumes: its matters' volumes read so, its bundles' passed over as a
// mapping's bundle ids are, its situations' as situation volumes) and, when
// given, situation volumes (a CSV path or text, a DataFrame or an
// onetrip.Volumes, read by onetrip.compare._situation_raw into load_volumes'
// tuple). Situation volumes are given once: in `volumes` or apart.
Indicators indicators_at(const Catalog& c, const CatalogEvaluation& e, py::handle volumes, const std::string& missing,
                         py::handle situation_volumes) {
  const py::module_ compare_module = py::module_::import("onetrip.compare");
  const py::object volumes_class = compare_module.attr("Volumes");
  py::object held_matters;     // `volumes`' matters, when it is a Volumes
  py::object held_situations;  // a Volumes of `volumes`' situations alone
  if (py::isinstance(volumes, volumes_class)) {
    if (py::len(volumes.attr("situations")) > 0) {
      if (!situation_volumes.is_none()) {
        throw py::type_error(
            "volumes: an onetrip.Volumes with situation volumes, and situation_volumes too: give the situation "
            "volumes once");
      }
      held_situations = volumes_class(py::arg("situations") = volumes.attr("situations"),
                                      py::arg("situation_shares") = volumes.attr("situation_shares"));
      situation_volumes = held_situations;
    }
    held_matters = volumes.attr("matters");
    volumes = held_matters;
  }
  const std::vector<double> w = volumes_from(c, volumes, missing);
  if (situation_volumes.is_none()) return unwrap(indicators(c, e, w));
  const py::tuple raw = compare_module.attr("_situation_raw")(py::cast(c), situation_volumes);
  Volumes situations;
  situations.matters = raw[0].cast<std::map<std::string, double>>();
  for (const auto& [matter, situation, answers, volume, where] :
       raw[3]
           .cast<std::vector<std::tuple<std::string, std::string, std::vector<std::string>, double, std::string>>>()) {
    situations.situations.push_back({matter, situation, answers, volume, where});
  }
  situations.situation_shares = raw[4].cast<bool>();
  Volumes all;
  for (size_t i = 0; i < w.size(); ++i) {
    // A matter weighed 0 (missing="zero") has no volume of its own: its situations' cases are its volume.
    if (w[i] != 0) all.matters[c.matters()[i].code] = w[i];
  }
  const bool weighted = !w.empty();
  const absl::Status added = add_volumes(situations, all);
  if (!added.ok()) throw StatusError(added, {Problem{"volumes", std::string(added.message())}}, "VolumesError");
  Indicators out = unwrap(indicators(c, e, all));
  out.weighted = out.weighted || weighted;
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

// A frame of the evaluation's arrays: "matters" indexed by code, "bundles"
// by bundle id, "all" both under a (kind, id) MultiIndex.
py::object evaluation_frame(const EvaluationView& v, const std::string& part) {
  if (part != "all" && part != "matters" && part != "bundles") {
    throw py::value_error(absl::StrFormat("part \"%s\" is not matters, bundles or all", part));
  }
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
  // Catalog.to_pandas(), Comparison.to_pandas() and this frame index matters alike.
  if (part == "matters")
    return matters.attr("drop")(py::arg("columns") = "kind").attr("set_index")("id").attr("rename_axis")("code");
  if (part == "bundles")
    return bundles.attr("drop")(py::arg("columns") = "kind").attr("set_index")("id").attr("rename_axis")("bundle");
  return pd.attr("concat")(py::make_tuple(matters, bundles)).attr("set_index")(py::list(py::make_tuple("kind", "id")));
}

// ---- the trips of one matter or bundle at C speed -----------------------------
//
// catalog.trips(code) (through _trips) and evaluation.trips(code) are CPython
// functions (METH_FASTCALL) in front of the pybind11 ones, as the catalogue's
// lookups by id are: an exact str id is looked up by the str's own UTF-8 and,
// with no materials forced on or off, the trips are evaluated and wrapped
// without the generic dispatch and its conversions. Anything else, an unknown
// id included, goes to the pybind11 function unchanged, which raises the
// error. A Trips' id and counts are read by builtin getters.

PyObject* g_trips_fallback = nullptr;       // the pybind11 _trips
PyObject* g_eval_trips_fallback = nullptr;  // the pybind11 Evaluation.trips
PyObject* g_name_id = nullptr;
PyTypeObject* g_catalog_type = nullptr;
PyTypeObject* g_trips_type = nullptr;

template <class T>
T* instance_value(PyObject* self) {
  auto* inst = reinterpret_cast<py::detail::instance*>(self);
  const py::detail::value_and_holder v = inst->get_value_and_holder();
  return v.holder_constructed() ? static_cast<T*>(v.value_ptr()) : nullptr;
}

bool empty_sequence(PyObject* o) {
  return (PyTuple_CheckExact(o) && PyTuple_GET_SIZE(o) == 0) || (PyList_CheckExact(o) && PyList_GET_SIZE(o) == 0);
}

// The trips of an exact str id with no materials forced, or nullptr with no
// error set when the fallback must answer.
PyObject* fast_trips_of(const Catalog& c, PyObject* id, const TripOptions& options) {
  if (!PyUnicode_CheckExact(id)) return nullptr;
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(id, &size);
  if (utf8 == nullptr) {
    PyErr_Clear();
    return nullptr;
  }
  const std::string_view key(utf8, static_cast<size_t>(size));
  try {
    if (const std::optional<MatterIndex> m = c.find_matter(key)) {
      return py::cast(TripsView{c, c.matters()[*m].code, evaluate_trips(c, *m, options)}).release().ptr();
    }
    if (const std::optional<BundleIndex> b = c.find_bundle(key)) {
      return py::cast(TripsView{c, c.bundles()[*b].id, evaluate_bundle_trips(c, *b, options)}).release().ptr();
    }
  } catch (py::error_already_set& e) {
    e.restore();
    return nullptr;
  } catch (const std::exception&) {
    return nullptr;  // the fallback raises it again, translated
  }
  return nullptr;
}

PyObject* call_fallback(PyObject* function, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                        PyObject* kwnames) {
  if (self == nullptr) return PyObject_Vectorcall(function, args, static_cast<size_t>(nargs), kwnames);
  const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  std::vector<PyObject*> all(static_cast<size_t>(nargs + nkw + 1));
  all[0] = self;
  std::copy(args, args + nargs + nkw, all.begin() + 1);
  return PyObject_Vectorcall(function, all.data(), static_cast<size_t>(nargs + 1), kwnames);
}

// _trips(catalog, id, materials_present, materials_absent), as catalog.py calls it.
PyObject* fast_trips(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs == 4 && kwnames == nullptr && PyObject_TypeCheck(args[0], g_catalog_type) && empty_sequence(args[2]) &&
      empty_sequence(args[3])) {
    if (const Catalog* c = instance_value<const Catalog>(args[0])) {
      if (PyObject* out = fast_trips_of(*c, args[1], TripOptions{})) return out;
      if (PyErr_Occurred()) return nullptr;
    }
  }
  return call_fallback(g_trips_fallback, nullptr, args, nargs, kwnames);
}

// Evaluation.trips(id), with the evaluation's own options.
PyObject* fast_evaluation_trips(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyObject* id = nullptr;
  if (nargs == 1 && kwnames == nullptr) {
    id = args[0];
  } else if (nargs == 0 && kwnames != nullptr && PyTuple_GET_SIZE(kwnames) == 1 &&
             PyUnicode_Compare(PyTuple_GET_ITEM(kwnames, 0), g_name_id) == 0) {
    id = args[0];
  }
  if (id != nullptr) {
    if (const EvaluationView* v = instance_value<const EvaluationView>(self)) {
      if (PyObject* out = fast_trips_of(v->catalog, id, v->options)) return out;
      if (PyErr_Occurred()) return nullptr;
    }
  }
  return call_fallback(g_eval_trips_fallback, self, args, nargs, kwnames);
}

// catalog.trips(id, *, materials_present=(), materials_absent=()): a method
// descriptor of the catalogue. A catalogue is immutable, so the trips of an
// id with no materials forced are evaluated once and kept in the catalogue's
// __dict__ (as the lookups by id keep their views): every later call returns
// the same Trips, which is immutable too. Anything else goes to _trips.
PyObject* g_trips_cache_key = nullptr;  // "_onetrip_trips": a dict of id -> Trips
PyObject* g_name_present = nullptr;
PyObject* g_name_absent = nullptr;

// The catalogue's cache of trips (borrowed), made on first use; nullptr when
// the catalogue has no __dict__ (no Python error set then).
PyObject* trips_cache(PyObject* self) {
  if (Py_TYPE(self)->tp_dictoffset == 0) return nullptr;
  PyObject* dict = PyObject_GenericGetDict(self, nullptr);
  if (dict == nullptr) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* cache = PyDict_GetItemWithError(dict, g_trips_cache_key);  // borrowed
  if (cache == nullptr && !PyErr_Occurred()) {
    cache = PyDict_New();
    if (cache != nullptr && PyDict_SetItem(dict, g_trips_cache_key, cache) == 0) {
      Py_DECREF(cache);  // the dict holds it
    } else {
      Py_CLEAR(cache);
    }
  }
  Py_DECREF(dict);  // the instance still holds its __dict__, and the dict the cache
  if (cache == nullptr) PyErr_Clear();
  return cache;
}

PyObject* catalog_trips(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs > 1) {
    return PyErr_Format(PyExc_TypeError, "trips() takes 1 positional argument but %zd were given", nargs);
  }
  PyObject* id = nargs == 1 ? args[0] : nullptr;
  PyObject* none_forced = PyTuple_New(0);  // the empty tuple is a singleton: no allocation
  if (none_forced == nullptr) return nullptr;
  py::object empty = py::reinterpret_steal<py::object>(none_forced);
  PyObject* present = none_forced;
  PyObject* absent = none_forced;
  const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t i = 0; i < nkw; ++i) {
    PyObject* name = PyTuple_GET_ITEM(kwnames, i);
    PyObject* value = args[nargs + i];
    PyObject** slot = PyUnicode_Compare(name, g_name_id) == 0        ? &id
                      : PyUnicode_Compare(name, g_name_present) == 0 ? &present
                      : PyUnicode_Compare(name, g_name_absent) == 0  ? &absent
                                                                     : nullptr;
    if (PyErr_Occurred()) return nullptr;
    if (slot == nullptr) return PyErr_Format(PyExc_TypeError, "trips() got an unexpected keyword argument '%U'", name);
    if (slot == &id && id != nullptr) {
      return PyErr_Format(PyExc_TypeError, "trips() got multiple values for argument 'id'");
    }
    *slot = value;
  }
  if (id == nullptr) return PyErr_Format(PyExc_TypeError, "trips() missing 1 required positional argument: 'id'");
  if (PyUnicode_CheckExact(id) && empty_sequence(present) && empty_sequence(absent) &&
      PyObject_TypeCheck(self, g_catalog_type)) {
    PyObject* cache = trips_cache(self);
    if (cache != nullptr) {
      if (PyObject* kept = PyDict_GetItemWithError(cache, id)) return Py_NewRef(kept);
      if (PyErr_Occurred()) return nullptr;
    }
    if (const Catalog* c = instance_value<const Catalog>(self)) {
      if (PyObject* out = fast_trips_of(*c, id, TripOptions{})) {
        if (cache != nullptr && PyDict_SetItem(cache, id, out) != 0) {
          Py_DECREF(out);
          return nullptr;
        }
        return out;
      }
      if (PyErr_Occurred()) return nullptr;
    }
  }
  PyObject* call[] = {self, id, present, absent};
  return PyObject_Vectorcall(g_trips_fallback, call, 4, nullptr);
}

PyMethodDef g_catalog_trips = {
    "trips", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&catalog_trips)), METH_FASTCALL | METH_KEYWORDS,
    "trips(self, id: str, *, materials_present: object = (), materials_absent: object = ()) -> Trips\n\nThe trips "
    "of a matter (by code) or a bundle (by id), each with its reasons; materials_present / materials_absent force "
    "conditional materials on or off by id. Without them the Trips of an id is evaluated once and the same object "
    "returned after (a catalogue and its Trips are immutable)."};

PyMethodDef g_trips_function = {"_trips", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_trips)),
                                METH_FASTCALL | METH_KEYWORDS,
                                "_trips(catalog: Catalog, id: str, materials_present: object, materials_absent: "
                                "object) -> Trips"};
PyMethodDef g_evaluation_trips = {
    "trips", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_evaluation_trips)),
    METH_FASTCALL | METH_KEYWORDS,
    "trips(self, id: str) -> Trips\n\nThe trips of a matter (by code) or a bundle (by id), with readable reasons."};

const TripsView* self_trips(PyObject* self) {
  const TripsView* v = g_trips_type != nullptr && PyObject_TypeCheck(self, g_trips_type)
                           ? instance_value<const TripsView>(self)
                           : nullptr;
  if (v == nullptr) PyErr_Format(PyExc_TypeError, "expected a Trips, got %s", Py_TYPE(self)->tp_name);
  return v;
}
PyObject* trips_id(PyObject*, PyObject* self) {
  const TripsView* v = self_trips(self);
  return v == nullptr ? nullptr : PyUnicode_DecodeUTF8(v->id.data(), static_cast<Py_ssize_t>(v->id.size()), nullptr);
}
PyObject* trips_trips(PyObject*, PyObject* self) {
  const TripsView* v = self_trips(self);
  return v == nullptr ? nullptr : PyLong_FromLong(v->result.trips);
}
PyObject* trips_worst_case(PyObject*, PyObject* self) {
  const TripsView* v = self_trips(self);
  return v == nullptr ? nullptr : PyLong_FromLong(v->result.worst_case);
}
PyObject* trips_window_contacts(PyObject*, PyObject* self) {
  const TripsView* v = self_trips(self);
  return v == nullptr ? nullptr : PyLong_FromLong(v->result.window_contacts);
}
PyMethodDef g_trips_getters[] = {
    {"id", &trips_id, METH_O, "id(self) -> str"},
    {"trips", &trips_trips, METH_O, "trips(self) -> int"},
    {"worst_case", &trips_worst_case, METH_O, "worst_case(self) -> int"},
    {"window_contacts", &trips_window_contacts, METH_O, "window_contacts(self) -> int"},
};

// Puts the functions above in front of the pybind11 ones bound on m.
void bind_fast_trips(py::module_& m) {
  g_name_id = PyUnicode_InternFromString("id");
  g_catalog_type = reinterpret_cast<PyTypeObject*>(py::type::of<Catalog>().ptr());
  g_trips_type = reinterpret_cast<PyTypeObject*>(py::type::of<TripsView>().ptr());
  g_trips_fallback = py::getattr(m, "_trips").release().ptr();
  py::object function =
      py::reinterpret_steal<py::object>(PyCFunction_NewEx(&g_trips_function, nullptr, m.attr("__name__").ptr()));
  if (!function) throw py::error_already_set();
  m.attr("_trips") = function;

  g_trips_cache_key = PyUnicode_InternFromString("_onetrip_trips");
  g_name_present = PyUnicode_InternFromString("materials_present");
  g_name_absent = PyUnicode_InternFromString("materials_absent");
  const py::object catalog = py::type::of<Catalog>();
  py::object catalog_method = py::reinterpret_steal<py::object>(
      PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(catalog.ptr()), &g_catalog_trips));
  if (!catalog_method) throw py::error_already_set();
  catalog.attr("trips") = catalog_method;

  const py::object evaluation = py::type::of<EvaluationView>();
  g_eval_trips_fallback = py::getattr(evaluation, "trips").release().ptr();
  py::object method = py::reinterpret_steal<py::object>(
      PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(evaluation.ptr()), &g_evaluation_trips));
  if (!method) throw py::error_already_set();
  evaluation.attr("trips") = method;

  const py::object trips = py::type::of<TripsView>();
  const py::object property = py::module_::import("builtins").attr("property");
  for (PyMethodDef& def : g_trips_getters) {
    py::object getter = py::reinterpret_steal<py::object>(PyCFunction_New(&def, nullptr));
    if (!getter) throw py::error_already_set();
    const py::object old = py::getattr(trips, def.ml_name);
    trips.attr(def.ml_name) = property(getter, py::none(), py::none(), old.attr("__doc__"));
  }
}

}  // namespace

void init_evaluate(py::module_& m) {
  py::class_<NeedView> need(m, "Need", "Why the applicant must be somewhere: one need of a trip.");
  need.def_property_readonly("matter", [](const NeedView& v) { return v.catalog.matters()[v.need.matter].code; })
      .def_property_readonly(
          "kind", [](const NeedView& v) { return v.need.kind; },
          "NeedKind: submit, collect, pay or carry (a str enum).")
      .def_property_readonly(
          "because", [](const NeedView& v) { return v.need.because; },
          "Reason: the rule that forces it, a str enum (its .sentence reads it; .text is the whole need).")
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
      .def_property_readonly("text", [](const NeedView& v) { return describe(v.catalog, v.need); })
      .def(py::pickle([](const NeedView& v) { return py::make_tuple(v.catalog, dump(v.need)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "need");
                        NeedView v{t[0].cast<Catalog>(), load<Need>(t[1])};
                        check_need(v.catalog, v.need);
                        return v;
                      }));
  add_record_methods(need, {"matter", "kind", "because", "hall", "window", "moment", "material", "carried", "text"});

  py::class_<TripView> trip(m, "Trip", "One visit to one hall at one moment, with the needs that force it.");
  trip.def_property_readonly("hall", [](const TripView& v) { return v.catalog.halls()[v.trip.hall].id; })
      .def_property_readonly("moment", [](const TripView& v) { return v.trip.moment; })
      .def_property_readonly("window_contacts", [](const TripView& v) { return v.trip.window_contacts; })
      .def_property_readonly("needs",
                             [](const TripView& v) {
                               std::vector<NeedView> out;
                               for (const Need& n : v.trip.needs) out.push_back({v.catalog, n});
                               return out;
                             })
      .def(py::pickle([](const TripView& v) { return py::make_tuple(v.catalog, dump(v.trip)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "trip");
                        TripView v{t[0].cast<Catalog>(), load<Trip>(t[1])};
                        check_trip(v.catalog, v.trip);
                        return v;
                      }));
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
      .def(
          "__eq__",
          [](const TripsView& a, py::handle other) -> py::object {
            if (!py::isinstance<TripsView>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const TripsView& b = other.cast<const TripsView&>();
            return py::bool_(a.id == b.id && a.catalog == b.catalog && dump(a.result).equal(dump(b.result)));
          },
          py::arg("other"))
      .def(py::pickle([](const TripsView& v) { return py::make_tuple(v.catalog, v.id, dump(v.result)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "Trips");
                        if (t.size() != 3) throw py::value_error("a pickled Trips is (catalogue, id, result)");
                        TripsView v{t[0].cast<Catalog>(), t[1].cast<std::string>(), load<TripResult>(t[2])};
                        check_result(v.catalog, v.result);
                        return v;
                      }))
      .def("_repr_html_",
           [](py::handle self) { return py::module_::import("onetrip.results").attr("trips_html")(self); })
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
      .def_property_readonly("critical", [](const MemberScheduleView& v) { return v.member.critical; })
      .def(py::pickle([](const MemberScheduleView& v) { return py::make_tuple(v.catalog, dump(v.member)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "member schedule");
                        MemberScheduleView v{t[0].cast<Catalog>(), load<MemberSchedule>(t[1])};
                        check_member(v.catalog, v.member);
                        return v;
                      }));
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
          "A member's limit is in natural days or months.")
      .def_property_readonly(
          "bundle", [](const ScheduleView& v) { return v.catalog.bundles()[v.bundle].id; }, "The bundle's id.")
      .def_property_readonly("start", [](const ScheduleView& v) { return v.schedule.start; })
      .def(
          "to_dot", [](const ScheduleView& v) { return bundle_dot(v.catalog, v.bundle); },
          "The bundle's graph in Graphviz DOT, critical path in red.")
      .def(
          "_repr_svg_",
          [](py::handle self) { return py::module_::import("onetrip.results").attr("dot_svg")(self.attr("to_dot")()); },
          "The graph as SVG drawn by Graphviz's dot, for Jupyter; None when dot is not installed.")
      .def(py::pickle([](const ScheduleView& v) { return py::make_tuple(v.catalog, v.bundle, dump(v.schedule)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "schedule");
                        if (t.size() != 3) throw py::value_error("a pickled Schedule is (catalogue, bundle, schedule)");
                        ScheduleView v{t[0].cast<Catalog>(), t[1].cast<BundleIndex>(), load<BundleSchedule>(t[2])};
                        check_schedule(v.catalog, v.bundle, v.schedule);
                        return v;
                      }));
  add_record_methods(schedule, {"bundle", "workdays", "counted_workdays", "handling", "start", "due", "critical_path",
                                "members", "over_joint_limit", "approximate"});

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
          "Some member needs the original shown.")
      .def(py::pickle([](const PreparedView& v) { return py::make_tuple(v.catalog, dump(v.prepared)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "prepared material");
                        PreparedView v{t[0].cast<Catalog>(), load<PreparedMaterial>(t[1])};
                        check_prepared(v.catalog, v.prepared);
                        return v;
                      }));
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
      .def_property_readonly("prepared",
                             [](const MaterialsView& v) {
                               std::vector<PreparedView> out;
                               for (const PreparedMaterial& p : v.materials.prepared) out.push_back({v.catalog, p});
                               return out;
                             })
      .def(py::pickle([](const MaterialsView& v) { return py::make_tuple(v.catalog, dump(v.materials)); },
                      [](const py::tuple& state) {
                        const py::tuple t = pickled_view(state, "prepared materials");
                        MaterialsView v{t[0].cast<Catalog>(), load<BundleMaterials>(t[1])};
                        check_materials(v.catalog, v.materials);
                        return v;
                      }));
  add_record_methods(materials, {"before_merging", "after_merging", "shared", "prepared"});

  py::class_<EvaluationView>(m, "Evaluation", R"doc(
Every matter (alone) and every bundle of a catalogue, evaluated at once.
Array properties are NumPy arrays in catalogue order; to_pandas() gives one
row per matter and bundle.)doc")
      .def_property_readonly(
          "calendar", [](const EvaluationView& v) { return v.calendar; }, "The calendar the due dates are on.")
      .def_property_readonly("start", [](const EvaluationView& v) { return v.evaluation.start; })
      .def_property_readonly(
          "matters_not_in_force",
          [](const EvaluationView& v) {
            std::vector<std::string> codes;
            for (uint32_t i : v.evaluation.matters_not_in_force) codes.push_back(v.catalog.matters()[i].code);
            return codes;
          },
          "With a start day: the codes of the matters not in force that day (left out: figures 0, no due date, "
          "in no indicator); empty otherwise.")
      .def_property_readonly(
          "bundles_not_in_force",
          [](const EvaluationView& v) {
            std::vector<std::string> ids;
            for (uint32_t b : v.evaluation.bundles_not_in_force) ids.push_back(v.catalog.bundles()[b].id);
            return ids;
          },
          "With a start day: the ids of the bundles not offered that day (left out as the matters are).")
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
          [](const EvaluationView& v, py::handle volumes, const std::string& missing, py::handle situation_volumes) {
            return indicators_at(v.catalog, v.evaluation, volumes, missing, situation_volumes);
          },
          py::arg("volumes") = py::none(), py::kw_only(), py::arg("missing") = "error",
          py::arg("situation_volumes") = py::none(),
          "The indicators, weighted by `volumes` (a mapping code -> cases, a DataFrame of id and volume, one "
          "number per matter, or an onetrip.Volumes, whose situation volumes count as situation_volumes) if given. "
          "A mapping without some matters is VolumesError naming them, unless missing='zero' weights them 0. "
          "`situation_volumes` (a CSV path or text, a DataFrame of matter, situation and volume or share, or an "
          "onetrip.Volumes) weighs a matter by its situations' own trips.")
      .def("to_pandas", &evaluation_frame, py::arg("part") = "matters",
           "part 'matters': one row per matter indexed by code (as Catalog.to_pandas() and "
           "Comparison.to_pandas()); 'bundles': by bundle id; 'all': both under a (kind, id) index. Columns "
           "name, trips, worst_case, window_contacts, workdays, counted_workdays, due (NaT without a start).")
      .def(
          "_repr_html_", [](const EvaluationView& v) { return evaluation_frame(v, "all").attr("_repr_html_")(); },
          "The frame of to_pandas(), for Jupyter.")
      .def(
          "__eq__",
          [](const EvaluationView& a, py::handle other) -> py::object {
            if (!py::isinstance<EvaluationView>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const EvaluationView& b = other.cast<const EvaluationView&>();
            // Calendars compare by their rules (onetrip.Calendar.__eq__).
            return py::bool_(a.catalog == b.catalog && py::cast(a.calendar).equal(py::cast(b.calendar)) &&
                             fields_equal(a.evaluation, b.evaluation) && fields_equal(a.options, b.options));
          },
          py::arg("other"))
      .def(py::pickle(
          [](const EvaluationView& v) {
            return py::make_tuple(v.catalog, v.calendar, dump(v.evaluation), dump(v.options));
          },
          [](const py::tuple& state) {
            const py::tuple t = pickled_view(state, "Evaluation");
            if (t.size() != 4) throw py::value_error("a pickled Evaluation is (catalogue, calendar, columns, options)");
            EvaluationView v{t[0].cast<Catalog>(), t[1].cast<Calendar>(), load<CatalogEvaluation>(t[2]),
                             load<TripOptions>(t[3])};
            check_evaluation(v.catalog, v.evaluation, v.options);
            return v;
          }))
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
      [](const Catalog& c, py::handle volumes, const std::string& missing, py::handle situation_volumes) {
        // No start date: no due date is computed, so the calendar plays no part.
        const CatalogEvaluation e = unwrap(evaluate_catalog(c));  // counts only: no calendar
        return indicators_at(c, e, volumes, missing, situation_volumes);
      },
      py::arg("catalog"), py::arg("volumes"), py::arg("missing") = "error", py::arg("situation_volumes") = py::none());

  m.def(
      "_reason_sentences",
      [] {
        std::vector<std::string> out;
        for (int i = 0; i < kBecauseCount; ++i) out.emplace_back(to_string(static_cast<Because>(i)));
        return out;
      },
      "The sentence of each Reason, in the order of the C++ enum (onetrip.results).");

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

  bind_fast_trips(m);
}

}  // namespace onetrip::python
