// Reforms and comparison from Python. A reform is a value (_Reform, the C++
// struct, built by onetrip/reforms.py with its predicate already resolved to
// matter codes); a scenario file or JSON text is read by the library's own
// reader. Comparisons come back as columns for pandas.
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bindings.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/reform.hpp"
#include "pickling.hpp"
#include "progress.hpp"

namespace onetrip::python {

namespace {

// The enumerator whose name (to_string) is `name`; ValueError listing them otherwise.
template <class E>
E enum_from(py::handle value, const char* what, E last) {
  const std::string name = str_arg(value, what);
  std::vector<std::string> names;
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    const E e = static_cast<E>(i);
    if (name == to_string(e)) return e;
    names.push_back(absl::StrCat("\"", to_string(e), "\""));
  }
  throw py::value_error(absl::StrFormat("%s: \"%s\" is not one of %s", what, name, absl::StrJoin(names, ", ")));
}

std::string optional_str(py::handle value, const char* what) {
  return value.is_none() ? std::string() : str_arg(value, what);
}

// The reform as the library holds it; each argument checked and named.
Reform reform_from(py::handle kind, py::handle matters, py::handle department, py::handle hall, py::handle matter_kind,
                   py::handle bundle, py::handle enable, py::handle online, py::handle material, py::handle days,
                   py::handle into, py::handle from, py::handle to, py::handle effective_from, py::handle note,
                   py::handle fee_fen, py::handle situation) {
  Reform r;
  r.kind = enum_from(kind, "reform", ReformKind::kRemoveEligibility);  // the last ReformKind
  // What each kind needs, as the scenario reader requires it (reform.cpp read_reform).
  const auto require = [&](py::handle value, const char* field) {
    if (value.is_none()) {
      throw py::type_error(absl::StrFormat("%s: %s is required by %s, got None", field, field, to_string(r.kind)));
    }
  };
  switch (r.kind) {
    case ReformKind::kShareMaterial:
    case ReformKind::kDropMaterial:
      require(material, "material");
      break;
    case ReformKind::kPromisedLimit:
    case ReformKind::kSiteInspection:
      require(days, "days");
      break;
    case ReformKind::kImmediate:
      if (!bool_arg(enable, "enable")) require(days, "days");
      break;
    case ReformKind::kFee:
      require(fee_fen, "fee");
      break;
    case ReformKind::kRemoveEligibility:
      require(situation, "situation");
      break;
    case ReformKind::kAbsorb:
      require(into, "into");
      require(matters, "matters");
      break;
    case ReformKind::kInternalEdge:
    case ReformKind::kMergeSerial:
      require(from, "from_");
      require(to, "to");
      [[fallthrough]];
    case ReformKind::kSingleWindow:
    case ReformKind::kJointInspection:
      require(bundle, "bundle");
      break;
    default:
      break;
  }
  if (!matters.is_none()) r.target.matters = str_list_arg(matters, "matters");
  r.target.department = optional_str(department, "department");
  r.target.hall = optional_str(hall, "hall");
  if (!matter_kind.is_none()) r.target.kind = enum_from(matter_kind, "kind", MatterKind::kPublicService);
  r.target.bundle = optional_str(bundle, "bundle");
  r.enable = bool_arg(enable, "enable");
  r.online = enum_from(online, "online", OnlineApplication::kFull);
  r.material = optional_str(material, "material");
  if (!days.is_none()) r.days = int32_arg(days, "days");
  r.into = optional_str(into, "into");
  r.from = optional_str(from, "from_");
  r.to = optional_str(to, "to");
  if (!effective_from.is_none()) r.effective_from = to_date(effective_from, "effective_from");
  r.note = optional_str(note, "note");
  if (!fee_fen.is_none()) {
    // At most a trillion yuan, like a catalogue's fee.
    r.fee_fen = int_arg(fee_fen, "fee", 0, int64_t{100'000'000'000'000});
  }
  r.situation = optional_str(situation, "situation");
  return r;
}

Catalog apply_scenario(const Catalog& base, Scenario scenario, py::handle progress_arg) {
  PyProgress progress(progress_arg);
  std::vector<Problem> problems;
  absl::StatusOr<Catalog> after;
  {
    py::gil_scoped_release release;
    after = apply(base, scenario, &problems, progress.callback());
  }
  progress.rethrow();
  if (!after.ok()) throw StatusError(after.status(), std::move(problems), "ScenarioError");
  return *std::move(after);
}

// A scenario file's text (or JSON text given by the caller), read by the library.
Catalog apply_json(const Catalog& base, const std::string& text, py::handle progress) {
  std::vector<Problem> problems;
  absl::StatusOr<Scenario> scenario;
  {
    py::gil_scoped_release release;
    scenario = load_scenario_json(text, &problems);
  }
  if (!scenario.ok()) throw StatusError(scenario.status(), std::move(problems), "ScenarioError");
  return apply_scenario(base, *std::move(scenario), progress);
}

// Situation volumes as Python holds them: (matter, situation, answers, volume, where) each.
using SituationRow = std::tuple<std::string, std::string, std::vector<std::string>, double, std::string>;

std::vector<SituationRow> situation_rows(const Volumes& v) {
  std::vector<SituationRow> out;
  for (const SituationVolume& s : v.situations) out.emplace_back(s.matter, s.situation, s.answers, s.volume, s.where);
  return out;
}

Volumes volumes_of(std::map<std::string, double> matters, std::map<std::string, double> bundles,
                   std::vector<std::string> unassigned, const std::vector<SituationRow>& situations, bool shares) {
  Volumes v;
  v.matters = std::move(matters);
  v.bundles = std::move(bundles);
  v.unassigned = std::move(unassigned);
  for (const auto& [matter, situation, answers, volume, where] : situations) {
    v.situations.push_back({matter, situation, answers, volume, where});
  }
  v.situation_shares = shares;
  return v;
}

py::tuple volumes_tuple(const Volumes& v) {
  return py::make_tuple(v.matters, v.bundles, v.unassigned, situation_rows(v), v.situation_shares);
}

// (matters, bundles, unassigned, situations, situation_shares), as onetrip.Volumes holds them.
py::tuple load_volumes(const Catalog& c, const std::string& csv) {
  std::vector<Problem> problems;
  auto volumes = load_volumes_csv(c, csv, &problems);
  if (!volumes.ok()) throw StatusError(volumes.status(), std::move(problems), "VolumesError");
  return volumes_tuple(*volumes);
}

// Two volumes added by the library's rules (add_volumes), each as load_volumes gives them.
py::tuple add_volumes_py(const py::tuple& a, const py::tuple& b) {
  const auto of = [](const py::tuple& t) {
    return volumes_of(t[0].cast<std::map<std::string, double>>(), t[1].cast<std::map<std::string, double>>(),
                      t[2].cast<std::vector<std::string>>(), t[3].cast<std::vector<SituationRow>>(), t[4].cast<bool>());
  };
  Volumes into = of(a);
  const absl::Status added = add_volumes(of(b), into);
  if (!added.ok()) throw StatusError(added, {Problem{"volumes", std::string(added.message())}}, "VolumesError");
  return volumes_tuple(into);
}

// A column of texts of which many are equal (most are ""): one str object
// per distinct text, shared by its rows.
template <class Items, class Get>
py::list shared_text_column(const Items& items, Get get) {
  std::unordered_map<std::string_view, py::str> made;
  const py::str empty("");
  return object_column(items, [&](const auto& item) {
    const std::string& text = get(item);
    if (text.empty()) return empty;
    auto [at, added] = made.try_emplace(text);
    if (added) at->second = py::str(text);
    return at->second;
  });
}

// The columns pandas makes a frame of, one entry per matter or bundle.
// With texts_given, the id and name columns are left for the caller (None
// holds their place, so the columns keep their order).
template <class Delta, class Id, class Removed>
py::dict columns(const std::vector<Delta>& deltas, Id id, Removed removed, bool texts_given = false) {
  py::dict c;
  if (texts_given) {
    c["id"] = py::none();
    c["name"] = py::none();
  } else {
    c["id"] = object_column(deltas, [&](const Delta& d) { return py::str(id(d)); });
    c["name"] = object_column(deltas, [](const Delta& d) { return py::str(d.name); });
  }
  // The number columns in one pass over the deltas (a delta is a few hundred
  // bytes: twelve passes read them twelve times).
  const auto rows = static_cast<py::ssize_t>(deltas.size());
  py::array_t<bool> removed_column(rows);
  static constexpr const char* kInts[] = {"trips_before",   "trips_after",   "worst_before", "worst_after",
                                          "windows_before", "windows_after", "days_before",  "days_after"};
  static constexpr const char* kReals[] = {"volume", "trips_saved", "worst_case_saved", "days_saved"};
  std::vector<py::array_t<int64_t>> ints;
  std::vector<py::array_t<double>> reals;
  for (size_t k = 0; k < std::size(kInts); ++k) ints.emplace_back(rows);
  for (size_t k = 0; k < std::size(kReals); ++k) reals.emplace_back(rows);
  bool* r = removed_column.mutable_data();
  int64_t* in[std::size(kInts)];
  double* re[std::size(kReals)];
  for (size_t k = 0; k < std::size(kInts); ++k) in[k] = ints[k].mutable_data();
  for (size_t k = 0; k < std::size(kReals); ++k) re[k] = reals[k].mutable_data();
  for (size_t i = 0; i < deltas.size(); ++i) {
    const Delta& d = deltas[i];
    r[i] = removed(d);
    in[0][i] = d.trips_before;
    in[1][i] = d.trips_after;
    in[2][i] = d.worst_before;
    in[3][i] = d.worst_after;
    in[4][i] = d.windows_before;
    in[5][i] = d.windows_after;
    in[6][i] = d.days_before;
    in[7][i] = d.days_after;
    re[0][i] = d.volume;
    re[1][i] = d.trips_saved;
    re[2][i] = d.worst_case_saved;
    re[3][i] = d.days_saved;
  }
  c["removed"] = removed_column;
  c["change"] = shared_text_column(deltas, [](const Delta& d) -> const std::string& { return d.change; });
  for (size_t k = 0; k < std::size(kInts); ++k) c[kInts[k]] = ints[k];
  for (size_t k = 0; k < std::size(kReals); ++k) c[kReals[k]] = reals[k];
  return c;
}

// A mapping id -> cases read into Volumes' map: a dict entry by entry (each
// key's UTF-8 as the str holds it, each value by __float__ as pybind11's
// caster reads it), anything else through pybind11. No Python object is made
// per entry. A dict whose ids come in order (one made from a catalogue's
// matters) goes straight into the map, each entry appended at its end (a
// hint, no search); any other into pairs that volume_map sorts first.
using VolumeEntries = std::vector<std::pair<std::string, double>>;
struct VolumesRead {
  std::map<std::string, double> in_order;  // when the ids came in order
  VolumeEntries entries;                   // otherwise
};

// One entry of a dict of volumes: its id as the str holds its UTF-8, and its
// cases by __float__ (as pybind11's caster reads a float).
std::pair<absl::string_view, double> volume_entry(PyObject* key, PyObject* value, const char* what) {
  if (!PyUnicode_Check(key)) {
    throw py::type_error(absl::StrCat(what, ": the ids are str, got a ", Py_TYPE(key)->tp_name));
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(key, &size);
  if (utf8 == nullptr) throw py::error_already_set();
  const absl::string_view id(utf8, static_cast<size_t>(size));
  const double cases = PyFloat_AsDouble(value);
  if (cases == -1.0 && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::type_error(
        absl::StrCat(what, "[\"", id, "\"]: expected a number of cases, got ", Py_TYPE(value)->tp_name));
  }
  return {id, cases};
}

VolumesRead read_volumes(py::handle mapping, const char* what) {
  VolumesRead out;
  if (!PyDict_Check(mapping.ptr())) {
    out.in_order = mapping.cast<std::map<std::string, double>>();
    return out;
  }
  const auto entry = [&](PyObject* key, PyObject* value) { return volume_entry(key, value, what); };
  // First every entry checked and the order seen, nothing kept; then the map.
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  bool in_order = true;
  absl::string_view previous;
  for (bool first = true; PyDict_Next(mapping.ptr(), &position, &key, &value); first = false) {
    const absl::string_view id = entry(key, value).first;
    in_order = in_order && (first || previous < id);
    previous = id;
  }
  position = 0;
  if (in_order) {
    while (PyDict_Next(mapping.ptr(), &position, &key, &value)) {
      const auto [id, cases] = entry(key, value);
      out.in_order.emplace_hint(out.in_order.end(), std::string(id), cases);
    }
  } else {
    out.entries.reserve(static_cast<size_t>(PyDict_Size(mapping.ptr())));
    while (PyDict_Next(mapping.ptr(), &position, &key, &value)) {
      const auto [id, cases] = entry(key, value);
      out.entries.emplace_back(std::string(id), cases);
    }
  }
  return out;
}

// Finds matters of a catalogue by code, trying the one after the last found
// first: a dict made from the catalogue's matters (or a Series in its order)
// comes in that order, and a comparison of the code is cheaper than a hash
// look-up. Any other order finds by the look-up.
class MatterFinder {
 public:
  explicit MatterFinder(const Catalog& c) : catalog_(c), matters_(c.matters()) {}
  std::optional<MatterIndex> operator()(absl::string_view code) {
    std::optional<MatterIndex> found;
    if (next_ < matters_.size() && matters_[next_].code == code) {
      found = static_cast<MatterIndex>(next_);
    } else {
      found = catalog_.find_matter(std::string_view(code.data(), code.size()));
    }
    if (found) next_ = size_t{*found} + 1;
    return found;
  }

 private:
  const Catalog& catalog_;
  MatterList matters_;
  size_t next_ = 0;
};

// A dict of matter volumes straight into one number per matter of `base`, in
// its order (compare's indexed form): each code looked up once, no string
// copied and no map built. An unknown code is compare's own NOT_FOUND.
std::vector<double> matter_volumes_by_index(const Catalog& base, py::handle mapping) {
  std::vector<double> out(base.matters().size(), 0.0);
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  MatterFinder find(base);
  while (PyDict_Next(mapping.ptr(), &position, &key, &value)) {
    const auto [id, cases] = volume_entry(key, value, "matter_volumes");
    const std::optional<MatterIndex> i = find(id);
    if (!i) check(absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the base", id)));
    out[*i] = cases;
  }
  return out;
}

// The volumes as a map: the entries sorted, then each appended at the end
// instead of a search down the tree for every entry. Ids are distinct.
std::map<std::string, double> volume_map(VolumesRead read) {
  if (read.entries.empty()) return std::move(read.in_order);
  VolumeEntries& entries = read.entries;
  std::sort(entries.begin(), entries.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::map<std::string, double> out;
  for (auto& [id, cases] : entries) out.emplace_hint(out.end(), std::move(id), cases);
  return out;
}

// The id of a plain dict entry: an exact str's UTF-8; nullopt otherwise.
std::optional<absl::string_view> plain_id(PyObject* key) {
  if (!PyUnicode_CheckExact(key)) return std::nullopt;
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(key, &size);
  if (utf8 == nullptr) {
    PyErr_Clear();
    return std::nullopt;
  }
  return absl::string_view(utf8, static_cast<size_t>(size));
}

// The cases of a plain dict entry: an exact int or float that is a finite,
// non-negative number; nullopt otherwise.
std::optional<double> plain_cases(PyObject* value) {
  double number = 0;
  if (PyFloat_CheckExact(value)) {
    number = PyFloat_AS_DOUBLE(value);
  } else if (PyLong_CheckExact(value)) {
    number = PyLong_AsDouble(value);
    if (number == -1.0 && PyErr_Occurred()) {
      PyErr_Clear();
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(number) || number < 0) return std::nullopt;
  return number;
}

bool is_bundle(const Catalog& c, absl::string_view id) {
  return c.find_bundle(std::string_view(id.data(), id.size())).has_value();
}

// A plain dict id -> cases as (matters, bundles), two dicts of float split by
// the catalogue's bundle ids, as onetrip.compare's _volumes makes them, in one
// pass with no Python call per entry; None when an entry is not an exact str
// and an exact int or float that is a finite, non-negative number of cases
// (the Python path then says what is wrong, as it always did).
py::object split_volumes(const Catalog& c, py::handle mapping) {
  if (!PyDict_CheckExact(mapping.ptr())) return py::none();
  py::dict matters;
  py::dict bundles;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(mapping.ptr(), &position, &key, &value)) {
    const std::optional<absl::string_view> id = plain_id(key);
    const std::optional<double> number = plain_cases(value);
    if (!id || !number) return py::none();
    const py::object cases =
        PyFloat_CheckExact(value) ? py::reinterpret_borrow<py::object>(value) : py::float_(*number);
    if (PyDict_SetItem((is_bundle(c, *id) ? bundles : matters).ptr(), key, cases.ptr()) != 0) {
      throw py::error_already_set();
    }
  }
  return py::make_tuple(matters, bundles);
}

// What a comparison from Python reads: the matters' volumes one per matter of
// the base (compare's indexed form) or as entries of a map, the bundles' as
// entries of a map, and the situations'.
struct CompareVolumes {
  std::optional<std::vector<double>> by_index;
  VolumesRead matters;
  VolumesRead bundles;
  std::vector<SituationRow> situations;
  bool situation_shares = false;
};

// A plain dict id -> cases (what split_volumes accepts, with at least one
// matter) read in one pass straight into compare's form: no dict of matters
// and bundles made, no float object, no map of codes. An id is a bundle's
// before a matter's, as split_volumes has it. nullopt when an entry is not
// plain or no entry is a matter's (the Python path then reads it as before);
// an id of neither is compare's NOT_FOUND, as the indexed form says it, once
// every entry was seen to be plain (so that the Python path's errors come first).
std::optional<CompareVolumes> plain_volumes(const Catalog& base, py::handle mapping) {
  if (!PyDict_CheckExact(mapping.ptr()) || PyDict_Size(mapping.ptr()) == 0) return std::nullopt;
  CompareVolumes out;
  std::vector<double> by_index(base.matters().size(), 0.0);
  bool any_matter = false;
  std::optional<std::string> unknown;
  MatterFinder find(base);
  // A bundle id that is also a matter code is the bundle's (split_volumes's
  // order); when none is, a matter's entry needs no bundle look-up.
  const bool shadowed = std::any_of(base.bundles().begin(), base.bundles().end(),
                                    [&](const Bundle& b) { return base.find_matter(b.id).has_value(); });
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(mapping.ptr(), &position, &key, &value)) {
    const std::optional<absl::string_view> id = plain_id(key);
    const std::optional<double> cases = plain_cases(value);
    if (!id || !cases) return std::nullopt;
    const std::optional<MatterIndex> i = find(*id);
    if ((!i || shadowed) && is_bundle(base, *id)) {
      out.bundles.entries.emplace_back(std::string(*id), *cases);
    } else if (i) {
      by_index[*i] = *cases;
      any_matter = true;
    } else if (!unknown) {
      unknown = std::string(*id);
    }
  }
  if (!any_matter) return std::nullopt;
  if (unknown) check(absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the base", *unknown)));
  out.by_index = std::move(by_index);
  return out;
}

// The codes and the names of a catalogue's matters as two lists of str, made
// once per catalogue and kept in its __dict__ (a catalogue is immutable): a
// comparison's per-matter rows are the base's matters in order, so its id and
// name columns are copies of these lists instead of a str made per row.
// nullptr when the catalogue has no __dict__.
PyObject* g_matter_texts_key = nullptr;  // "_onetrip_matter_texts": (codes, names)

py::object matter_texts(py::handle catalog_object, const Catalog& c) {
  if (Py_TYPE(catalog_object.ptr())->tp_dictoffset == 0) return py::none();
  py::object dict = py::reinterpret_steal<py::object>(PyObject_GenericGetDict(catalog_object.ptr(), nullptr));
  if (!dict) throw py::error_already_set();
  if (PyObject* kept = PyDict_GetItemWithError(dict.ptr(), g_matter_texts_key)) {
    return py::reinterpret_borrow<py::object>(kept);
  }
  if (PyErr_Occurred()) throw py::error_already_set();
  py::list codes = object_column(c.matters(), [](const Matter& m) { return py::str(m.code); });
  py::list names = object_column(c.matters(), [](const Matter& m) { return py::str(m.name); });
  py::tuple texts = py::make_tuple(codes, names);
  if (PyDict_SetItem(dict.ptr(), g_matter_texts_key, texts.ptr()) != 0) throw py::error_already_set();
  return std::move(texts);
}

py::list list_copy(py::handle list) {
  return py::reinterpret_steal<py::list>(PyList_GetSlice(list.ptr(), 0, PyList_GET_SIZE(list.ptr())));
}

// The comparison of `base` and `after` at `volumes`, as the dict that
// onetrip.Comparison reads.
py::dict compare_with(const Catalog& base, const Catalog& after, CompareVolumes volumes, int threads,
                      py::handle progress_arg) {
  // The Python object holding `base` (pybind11 finds the instance it registered for it).
  const py::object base_object = py::cast(&base, py::return_value_policy::reference);
  PyProgress progress(progress_arg);
  CompareOptions options;
  options.progress = progress.callback();
  options.threads = thread_count(threads);
  // The rows are the base's matters in order: their id and name columns are
  // copies of the catalogue's lists, so the deltas need no texts of their own.
  const py::object texts = matter_texts(base_object, base);
  options.matter_texts = texts.is_none();
  absl::StatusOr<Comparison> c;
  {
    py::gil_scoped_release release;
    const Volumes v = volumes_of(volume_map(std::move(volumes.matters)), volume_map(std::move(volumes.bundles)), {},
                                 volumes.situations, volumes.situation_shares);
    c = volumes.by_index ? compare(base, after, *volumes.by_index, v, options) : compare(base, after, v, options);
  }
  progress.rethrow();
  const Comparison cmp = unwrap(std::move(c));
  py::dict matters = columns(
      cmp.matters, [](const MatterDelta& d) -> const std::string& { return d.code; },
      [](const MatterDelta& d) { return d.absorbed; }, !texts.is_none());
  if (!texts.is_none()) {  // the rows are the base's matters in order
    matters["id"] = list_copy(texts[py::int_(0)]);
    matters["name"] = list_copy(texts[py::int_(1)]);
  }
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

py::dict compare_py(const Catalog& base, const Catalog& after, py::handle matter_volumes, py::handle bundle_volumes,
                    int threads, py::handle progress, const std::vector<SituationRow>& situations,
                    bool situation_shares) {
  CompareVolumes volumes;
  // A dict of matter volumes goes straight to one number per matter (the
  // indexed compare); anything else through the map.
  if (PyDict_Check(matter_volumes.ptr()) && PyDict_Size(matter_volumes.ptr()) > 0) {
    volumes.by_index = matter_volumes_by_index(base, matter_volumes);
  } else {
    volumes.matters = read_volumes(matter_volumes, "matter_volumes");
  }
  volumes.bundles = read_volumes(bundle_volumes, "bundle_volumes");
  volumes.situations = situations;
  volumes.situation_shares = situation_shares;
  return compare_with(base, after, std::move(volumes), threads, progress);
}

// onetrip.compare with a user's plain dict id -> cases: the comparison, or
// None when the dict is not plain (plain_volumes) and the Python path reads it.
py::object compare_plain_py(const Catalog& base, const Catalog& after, py::handle volumes, int threads,
                            py::handle progress) {
  std::optional<CompareVolumes> read = plain_volumes(base, volumes);
  if (!read) return py::none();
  return compare_with(base, after, std::move(*read), threads, progress);
}

}  // namespace

template <>
struct Fields<ReformTarget> {
  static constexpr auto list = std::make_tuple(&ReformTarget::matters, &ReformTarget::department, &ReformTarget::hall,
                                               &ReformTarget::kind, &ReformTarget::bundle);
};
template <>
struct Fields<Reform> {
  static constexpr auto list = std::make_tuple(
      &Reform::kind, &Reform::target, &Reform::enable, &Reform::online, &Reform::material, &Reform::days, &Reform::into,
      &Reform::from, &Reform::to, &Reform::effective_from, &Reform::note, &Reform::fee_fen, &Reform::situation);
};

void init_reform(py::module_& m) {
  py::class_<Reform>(m, "_Reform", "One reform as the library holds it; onetrip.reforms builds it.")
      .def(py::init(&reform_from), py::arg("reform"), py::kw_only(), py::arg("matters") = py::none(),
           py::arg("department") = py::none(), py::arg("hall") = py::none(), py::arg("kind") = py::none(),
           py::arg("bundle") = py::none(), py::arg("enable") = true, py::arg("online") = "full",
           py::arg("material") = py::none(), py::arg("days") = py::none(), py::arg("into") = py::none(),
           py::arg("from_") = py::none(), py::arg("to") = py::none(), py::arg("effective_from") = py::none(),
           py::arg("note") = py::none(), py::arg("fee_fen") = py::none(), py::arg("situation") = py::none())
      .def_property_readonly("reform", [](const Reform& r) { return std::string(to_string(r.kind)); })
      .def_property_readonly("matters", [](const Reform& r) { return r.target.matters; })
      .def(
          "__eq__",
          [](const Reform& a, py::handle other) -> py::object {
            if (!py::isinstance<Reform>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(dump(a).equal(dump(other.cast<const Reform&>())));
          },
          py::arg("other"))
      .def(struct_pickle<Reform>())
      .def("__repr__", [](const Reform& r) { return absl::StrCat("<onetrip._Reform ", to_string(r.kind), ">"); });
  m.def(
      "_apply",
      [](const Catalog& base, const std::vector<Reform>& reforms, const std::string& name, py::handle progress) {
        Scenario scenario;
        scenario.name = name;
        scenario.reforms = reforms;
        return apply_scenario(base, std::move(scenario), progress);
      },
      py::arg("catalog"), py::arg("reforms"), py::arg("name") = "", py::arg("progress") = py::none(),
      "A new catalogue with the reforms applied in order; ScenarioError lists every problem at $.reforms[i].");
  m.def("_apply_json", &apply_json, py::arg("catalog"), py::arg("scenario_json"), py::arg("progress") = py::none(),
        "A new catalogue with an \"onetrip-scenario/1\" document applied (the text of a scenario file).");
  m.def("_load_volumes", &load_volumes, py::arg("catalog"), py::arg("csv"),
        "(matters, bundles, unassigned, situations, situation_shares); a situation is (matter, situation, answers, "
        "volume, where).");
  m.def("_add_volumes", &add_volumes_py, py::arg("a"), py::arg("b"),
        "Two volumes (as _load_volumes gives them) added by the library's rules; VolumesError when they conflict.");
  m.def("_split_volumes", &split_volumes, py::arg("catalog"), py::arg("volumes"),
        "A plain dict id -> cases as (matters, bundles), dicts of float split by the catalogue's bundle ids; None "
        "when an entry is not a str and a finite, non-negative int or float.");
  g_matter_texts_key = PyUnicode_InternFromString("_onetrip_matter_texts");
  m.def("_compare_plain", &compare_plain_py, py::arg("base"), py::arg("after"), py::arg("volumes"),
        py::arg("threads") = 1, py::arg("progress") = py::none(),
        "onetrip.compare's comparison with a plain dict id -> cases (exact str ids, finite non-negative int or float "
        "counts, at least one matter) read in one pass; None for any other dict.");
  m.def("_compare", &compare_py, py::arg("base"), py::arg("after"), py::arg("matter_volumes"),
        py::arg("bundle_volumes"), py::arg("threads") = 1, py::arg("progress") = py::none(),
        py::arg("situations") = std::vector<SituationRow>(), py::arg("situation_shares") = false);
}

}  // namespace onetrip::python
