// onetrip.Catalog and read-only views of its halls, departments, materials,
// matters and bundles. A view holds the (shared, immutable) catalogue, so it
// stays valid on its own; references come back as ids, not indices.
#include "onetrip/catalog.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/schedule.hpp"

#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "progress.hpp"

namespace onetrip::python {

namespace {

template <class T>
struct Ref {
  Catalog catalog;
  uint32_t index;
};
using HallRef = Ref<Hall>;
using DepartmentRef = Ref<Department>;
using MaterialRef = Ref<Material>;
using MatterRef = Ref<Matter>;
using BundleRef = Ref<Bundle>;

struct MaterialUseRef {
  Catalog catalog;
  uint32_t matter;
  uint32_t position;
  const MaterialUse& get() const { return catalog.matters()[matter].materials[position]; }
};

const Hall& get(const HallRef& r) { return r.catalog.halls()[r.index]; }
const Department& get(const DepartmentRef& r) { return r.catalog.departments()[r.index]; }
const Material& get(const MaterialRef& r) { return r.catalog.materials()[r.index]; }
const Matter& get(const MatterRef& r) { return r.catalog.matters()[r.index]; }
const Bundle& get(const BundleRef& r) { return r.catalog.bundles()[r.index]; }

Catalog load_or_raise(absl::StatusOr<Catalog> (*load)(const std::string&, std::vector<Problem>*,
                                                      const ProgressCallback&),
                      const std::string& arg, py::handle progress_arg = py::none()) {
  PyProgress progress(progress_arg);
  std::vector<Problem> problems;
  absl::StatusOr<Catalog> catalog;
  {
    py::gil_scoped_release release;
    catalog = load(arg, &problems, progress.callback());
  }
  progress.rethrow();
  if (!catalog.ok()) throw StatusError(catalog.status(), std::move(problems));
  return *std::move(catalog);
}

absl::StatusOr<Catalog> load_text(const std::string& text, std::vector<Problem>* problems,
                                  const ProgressCallback& progress) {
  return Catalog::load_json(text, problems, progress);
}
absl::StatusOr<Catalog> load_path(const std::string& path, std::vector<Problem>* problems,
                                  const ProgressCallback& progress) {
  return Catalog::load_file(path, problems, progress);
}

// A pickled catalogue: its snapshot, or (pickled by an earlier release) its
// JSON deflated with zlib.
Catalog unpickle_catalog(const py::bytes& state) {
  const std::string bytes = state.cast<std::string>();
  if (!bytes.empty() && bytes[0] == '\x78') {  // zlib's first byte; a snapshot's is 0x89
    const std::string text = py::module_::import("zlib").attr("decompress")(state).cast<std::string>();
    return load_or_raise(&load_text, text);
  }
  absl::StatusOr<Catalog> catalog;
  {
    py::gil_scoped_release release;
    catalog = Catalog::load_snapshot(bytes);
  }
  if (!catalog.ok()) throw StatusError(catalog.status());
  return *std::move(catalog);
}

std::string path_of(py::handle path) { return path_arg(path, "path"); }

template <class T>
std::vector<Ref<T>> refs(const Catalog& c, size_t n) {
  std::vector<Ref<T>> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) out.push_back({c, i});
  return out;
}

py::list hall_ids(const Catalog& c, const std::vector<HallIndex>& halls) {
  py::list out;
  for (HallIndex h : halls) out.append(c.halls()[h].id);
  return out;
}

template <class T, class Find>
Ref<T> find_or_raise(const Catalog& c, const std::string& id, Find find, const char* what) {
  auto index = (c.*find)(id);
  if (!index) throw StatusError(absl::NotFoundError(absl::StrFormat("no %s \"%s\" in the catalogue", what, id)));
  return {c, *index};
}

// A view pickles as (catalogue, index) and equals a view of an equal
// catalogue at the same place.
template <class T>
void add_ref_methods(py::class_<Ref<T>>& cls, const char* what, size_t (*count)(const Catalog&)) {
  cls.def(
         "__eq__",
         [](const Ref<T>& a, py::handle other) -> py::object {
           if (!py::isinstance<Ref<T>>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
           const Ref<T>& b = other.cast<const Ref<T>&>();
           return py::bool_(a.index == b.index && a.catalog == b.catalog);
         },
         py::arg("other"))
      .def(py::pickle([](const Ref<T>& r) { return py::make_tuple(r.catalog, r.index); },
                      [what, count](const py::tuple& t) {
                        if (t.size() != 2 || !py::isinstance<Catalog>(t[0])) {
                          throw py::value_error(absl::StrFormat("a pickled %s is (catalogue, index)", what));
                        }
                        Ref<T> r{t[0].cast<Catalog>(), t[1].cast<uint32_t>()};
                        if (r.index >= count(r.catalog)) {
                          throw py::value_error(absl::StrFormat("a pickled %s index %d is outside the catalogue's %d",
                                                                what, r.index, count(r.catalog)));
                        }
                        return r;
                      }));
}

// An integer column with missing values: a pandas nullable Int64 array (pd.NA
// where the matter has none), never a -1 that would enter a mean.
template <class Get>
py::object optional_integer(const MatterList& matters, Get get) {
  py::array_t<int64_t> values(static_cast<py::ssize_t>(matters.size()));
  py::array_t<bool> mask(static_cast<py::ssize_t>(matters.size()));
  int64_t* v = values.mutable_data();
  bool* missing = mask.mutable_data();
  for (const Matter& m : matters) {
    const std::optional<int64_t> value = get(m);
    *v++ = value.value_or(0);
    *missing++ = !value.has_value();
  }
  return py::module_::import("pandas").attr("arrays").attr("IntegerArray")(values, mask);
}

// Columns for Catalog.to_pandas(): one entry per matter, no per-matter Python objects beyond the cells.
py::dict matter_columns(const Catalog& c) {
  const MatterList matters = c.matters();
  std::vector<py::str> department_ids;  // one object per department, shared by its rows
  for (const Department& d : c.departments()) department_ids.emplace_back(d.id);
  const auto text = [&](auto get) { return object_column(matters, [&](const Matter& m) { return py::str(get(m)); }); };
  const auto integer = [&](auto get) { return number_column<int64_t>(matters, get); };
  const auto flag = [&](auto get) { return number_column<bool>(matters, get); };
  py::dict out;
  out["code"] = text([](const Matter& m) { return m.code; });
  out["name"] = text([](const Matter& m) { return m.name; });
  out["department"] = object_column(matters, [&](const Matter& m) { return department_ids[m.department]; });
  out["kind"] = text([](const Matter& m) { return to_string(m.kind); });
  out["project_type"] = text([](const Matter& m) { return to_string(m.project_type); });
  out["legal_limit"] = optional_integer(matters, [](const Matter& m) -> std::optional<int64_t> {
    if (!m.legal_limit) return std::nullopt;
    return m.legal_limit->value;
  });
  out["promised_limit"] = integer([](const Matter& m) { return m.promised_limit.value; });
  out["fee_fen"] = integer([](const Matter& m) { return m.fee_fen; });
  out["materials"] = integer([](const Matter& m) { return m.materials.size(); });
  out["online"] = text([](const Matter& m) { return to_string(m.online); });
  out["postal_application"] = flag([](const Matter& m) { return m.postal_application; });
  out["express_delivery"] = flag([](const Matter& m) { return m.express_delivery; });
  out["electronic_licence"] = flag([](const Matter& m) { return m.electronic_licence; });
  out["online_payment"] = flag([](const Matter& m) { return m.online_payment; });
  out["tolerant_acceptance"] = flag([](const Matter& m) { return m.tolerant_acceptance; });
  out["site_inspection_days"] = optional_integer(matters, [](const Matter& m) -> std::optional<int64_t> {
    if (!m.site_inspection_days) return std::nullopt;
    return *m.site_inspection_days;
  });
  out["personal_presence"] = flag([](const Matter& m) { return !m.personal_presence.empty(); });
  out["declared_trips"] = optional_integer(matters, [](const Matter& m) -> std::optional<int64_t> {
    if (!m.declared_trips) return std::nullopt;
    return *m.declared_trips;
  });
  return out;
}

// ---- lookups by id at C speed ------------------------------------------------
//
// catalog.matter(code), bundle(id), hall(id), department(id) and material(id)
// are CPython method descriptors (METH_FASTCALL | METH_KEYWORDS) in front of
// the pybind11 functions, as Calendar's scalar methods are: an exact str is
// looked up by the UTF-8 bytes the str itself holds (no std::string is built)
// and the view comes from a cache of views kept in the catalogue's __dict__
// (a view is immutable, so the same one serves every call; it is made on the
// first lookup of its id). Anything else (a str subclass, a keyword the fast
// path does not know, an unknown id, a catalogue without a __dict__) goes to
// the pybind11 function unchanged, which converts, caches nothing and raises
// the error: one behaviour, two speeds.

enum Lookup { kLookupHall, kLookupDepartment, kLookupMaterial, kLookupMatter, kLookupBundle, kLookups };

PyObject* g_lookup_fallback[kLookups];   // the pybind11 functions, kept for the process
PyObject* g_lookup_cache_key[kLookups];  // "_onetrip_matter_views"…: a dict of id -> view each
PyObject* g_lookup_arg[kLookups];        // the keyword each takes: "code" or "id"

const Catalog* self_catalog(PyObject* self) {
  auto* inst = reinterpret_cast<py::detail::instance*>(self);
  const py::detail::value_and_holder v = inst->get_value_and_holder();
  return v.holder_constructed() ? static_cast<const Catalog*>(v.value_ptr()) : nullptr;
}

PyObject* lookup_fallback(Lookup lookup, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  std::vector<PyObject*> all(static_cast<size_t>(nargs + nkw + 1));
  all[0] = self;
  std::copy(args, args + nargs + nkw, all.begin() + 1);
  return PyObject_Vectorcall(g_lookup_fallback[lookup], all.data(), static_cast<size_t>(nargs + 1), kwnames);
}

// The catalogue's cache of views for one lookup (borrowed), made on first use;
// nullptr when the catalogue has no __dict__ (no Python error set then).
PyObject* view_cache(PyObject* self, Lookup lookup) {
  if (Py_TYPE(self)->tp_dictoffset == 0) return nullptr;
  PyObject* dict = PyObject_GenericGetDict(self, nullptr);
  if (dict == nullptr) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* cache = PyDict_GetItemWithError(dict, g_lookup_cache_key[lookup]);  // borrowed
  if (cache == nullptr && !PyErr_Occurred()) {
    cache = PyDict_New();
    if (cache != nullptr && PyDict_SetItem(dict, g_lookup_cache_key[lookup], cache) == 0)
      Py_DECREF(cache);  // dict holds it
    else
      Py_CLEAR(cache);
  }
  Py_DECREF(dict);  // the instance still holds its __dict__, and the dict the cache
  if (cache == nullptr) PyErr_Clear();
  return cache;
}

template <Lookup L, class T, std::optional<uint32_t> (Catalog::*Find)(std::string_view) const>
PyObject* fast_lookup(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Catalog* c = self_catalog(self);
  PyObject* id = nullptr;
  if (nargs == 1 && kwnames == nullptr) {
    id = args[0];
  } else if (nargs == 0 && kwnames != nullptr && PyTuple_GET_SIZE(kwnames) == 1 &&
             PyUnicode_Compare(PyTuple_GET_ITEM(kwnames, 0), g_lookup_arg[L]) == 0) {
    id = args[0];
  }
  if (c == nullptr || id == nullptr || !PyUnicode_CheckExact(id)) return lookup_fallback(L, self, args, nargs, kwnames);
  PyObject* cache = view_cache(self, L);
  if (cache != nullptr) {
    if (PyObject* view = PyDict_GetItemWithError(cache, id)) return Py_NewRef(view);
    if (PyErr_Occurred()) return nullptr;
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(id, &size);  // held by the str: no copy after the first
  if (utf8 == nullptr) {
    PyErr_Clear();  // a lone surrogate: the fallback says what is wrong
    return lookup_fallback(L, self, args, nargs, kwnames);
  }
  const std::optional<uint32_t> index = (c->*Find)(std::string_view(utf8, static_cast<size_t>(size)));
  if (!index) return lookup_fallback(L, self, args, nargs, kwnames);  // raises NotFoundError
  try {
    py::object view = py::cast(Ref<T>{*c, *index});
    if (cache != nullptr && PyDict_SetItem(cache, id, view.ptr()) != 0) return nullptr;
    return view.release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
    return nullptr;
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
    return nullptr;
  }
}

PyMethodDef g_lookup_methods[] = {
    {"hall",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_lookup<kLookupHall, Hall, &Catalog::find_hall>)),
     METH_FASTCALL | METH_KEYWORDS,
     "hall(self, id: str) -> Hall\n\nThe hall with this id; NotFoundError if there is none."},
    {"department",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void (*)()>(&fast_lookup<kLookupDepartment, Department, &Catalog::find_department>)),
     METH_FASTCALL | METH_KEYWORDS,
     "department(self, id: str) -> Department\n\nThe department with this id; NotFoundError if there is none."},
    {"material",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void (*)()>(&fast_lookup<kLookupMaterial, Material, &Catalog::find_material>)),
     METH_FASTCALL | METH_KEYWORDS,
     "material(self, id: str) -> Material\n\nThe material with this id; NotFoundError if there is none."},
    {"matter",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void (*)()>(&fast_lookup<kLookupMatter, Matter, &Catalog::find_matter>)),
     METH_FASTCALL | METH_KEYWORDS,
     "matter(self, code: str) -> Matter\n\nThe matter with this code; NotFoundError if there is none."},
    {"bundle",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void (*)()>(&fast_lookup<kLookupBundle, Bundle, &Catalog::find_bundle>)),
     METH_FASTCALL | METH_KEYWORDS,
     "bundle(self, id: str) -> Bundle\n\nThe bundle with this id; NotFoundError if there is none."},
};

// Puts the descriptors above in front of the pybind11 lookups already bound on cls.
void bind_fast_lookups(py::class_<Catalog>& cls) {
  static const char* const kArg[kLookups] = {"id", "id", "id", "code", "id"};
  for (int l = 0; l < kLookups; ++l) {
    PyMethodDef& def = g_lookup_methods[l];
    g_lookup_fallback[l] = py::getattr(cls, def.ml_name).release().ptr();
    g_lookup_cache_key[l] = PyUnicode_InternFromString(absl::StrCat("_onetrip_", def.ml_name, "_views").c_str());
    g_lookup_arg[l] = PyUnicode_InternFromString(kArg[l]);
    py::object descriptor =
        py::reinterpret_steal<py::object>(PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), &def));
    if (!descriptor) throw py::error_already_set();
    cls.attr(def.ml_name) = descriptor;
  }
}

// The Matter view's most read fields as properties whose getter is a builtin
// (METH_O) instead of a pybind11 function: one C call per read, the answer
// made straight from the catalogue's record (code, name, department, the
// promised limit and the fee).
PyTypeObject* g_matter_type = nullptr;

const Matter* self_matter(PyObject* self) {
  if (g_matter_type == nullptr || !PyObject_TypeCheck(self, g_matter_type)) {
    PyErr_Format(PyExc_TypeError, "expected a Matter, got %s", Py_TYPE(self)->tp_name);
    return nullptr;
  }
  auto* inst = reinterpret_cast<py::detail::instance*>(self);
  const py::detail::value_and_holder v = inst->get_value_and_holder();
  if (!v.holder_constructed()) {
    PyErr_SetString(PyExc_TypeError, "this Matter holds no matter (made by __new__)");
    return nullptr;
  }
  return &get(*static_cast<const MatterRef*>(v.value_ptr()));
}

PyObject* text(const std::string& s) {
  return PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), nullptr);
}

PyObject* matter_code(PyObject*, PyObject* self) {
  const Matter* m = self_matter(self);
  return m == nullptr ? nullptr : text(m->code);
}
PyObject* matter_name(PyObject*, PyObject* self) {
  const Matter* m = self_matter(self);
  return m == nullptr ? nullptr : text(m->name);
}
PyObject* matter_department(PyObject*, PyObject* self) {
  const Matter* m = self_matter(self);
  if (m == nullptr) return nullptr;
  const auto& r =
      *static_cast<const MatterRef*>(reinterpret_cast<py::detail::instance*>(self)->get_value_and_holder().value_ptr());
  return text(r.catalog.departments()[m->department].id);
}
PyObject* matter_promised_limit(PyObject*, PyObject* self) {
  const Matter* m = self_matter(self);
  return m == nullptr ? nullptr : PyLong_FromLong(m->promised_limit.value);
}
PyObject* matter_fee_fen(PyObject*, PyObject* self) {
  const Matter* m = self_matter(self);
  return m == nullptr ? nullptr : PyLong_FromLongLong(m->fee_fen);
}

PyMethodDef g_matter_getters[] = {
    {"code", &matter_code, METH_O, "code(self) -> str"},
    {"name", &matter_name, METH_O, "name(self) -> str"},
    {"department", &matter_department, METH_O, "department(self) -> str"},
    {"promised_limit", &matter_promised_limit, METH_O, "promised_limit(self) -> int"},
    {"fee_fen", &matter_fee_fen, METH_O, "fee_fen(self) -> int"},
};

void bind_fast_matter_fields(py::class_<MatterRef>& cls) {
  g_matter_type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  const py::object property = py::module_::import("builtins").attr("property");
  for (PyMethodDef& def : g_matter_getters) {
    py::object getter = py::reinterpret_steal<py::object>(PyCFunction_New(&def, nullptr));
    if (!getter) throw py::error_already_set();
    const py::object old = py::getattr(cls, def.ml_name);
    cls.attr(def.ml_name) = property(getter, py::none(), py::none(), old.attr("__doc__"));
  }
}

}  // namespace

void init_catalog(py::module_& m) {
  py::class_<HallRef> hall(m, "Hall", "A hall: a place with windows (centre, sub-centre, township).");
  add_ref_methods<Hall>(hall, "hall", [](const Catalog& c) { return c.halls().size(); });
  hall.def_property_readonly("id", [](const HallRef& r) { return get(r).id; })
      .def_property_readonly("name", [](const HallRef& r) { return get(r).name; })
      .def_property_readonly("address", [](const HallRef& r) { return get(r).address; })
      .def_property_readonly("kind", [](const HallRef& r) { return to_string(get(r).kind); })
      .def("__repr__", [](const HallRef& r) { return absl::StrFormat("Hall('%s', '%s')", get(r).id, get(r).name); });

  py::class_<DepartmentRef> department(m, "Department", "A department and the halls where it has a window.");
  add_ref_methods<Department>(department, "department", [](const Catalog& c) { return c.departments().size(); });
  department.def_property_readonly("id", [](const DepartmentRef& r) { return get(r).id; })
      .def_property_readonly("name", [](const DepartmentRef& r) { return get(r).name; })
      .def_property_readonly("halls", [](const DepartmentRef& r) { return hall_ids(r.catalog, get(r).halls); })
      .def_property_readonly(
          "collects_taxes", [](const DepartmentRef& r) { return get(r).collects_taxes; },
          "Its window takes taxes: the report shows its receipts apart from fees (tax_m, tax_c).")
      .def("__repr__",
           [](const DepartmentRef& r) { return absl::StrFormat("Department('%s', '%s')", get(r).id, get(r).name); });

  py::class_<MaterialRef> material(m, "Material", "A document an applicant provides.");
  add_ref_methods<Material>(material, "material", [](const Catalog& c) { return c.materials().size(); });
  material.def_property_readonly("id", [](const MaterialRef& r) { return get(r).id; })
      .def_property_readonly("name", [](const MaterialRef& r) { return get(r).name; })
      .def_property_readonly("form", [](const MaterialRef& r) { return to_string(get(r).form); })
      .def_property_readonly("original", [](const MaterialRef& r) { return get(r).original; })
      .def_property_readonly("source", [](const MaterialRef& r) { return to_string(get(r).source); })
      .def_property_readonly("issuer", [](const MaterialRef& r) { return get(r).issuer; })
      .def_property_readonly("shared", [](const MaterialRef& r) { return get(r).shared; })
      .def_property_readonly("necessity", [](const MaterialRef& r) { return to_string(get(r).necessity); })
      .def_property_readonly("condition", [](const MaterialRef& r) { return get(r).condition; })
      .def_property_readonly("applies_by_default", [](const MaterialRef& r) { return get(r).applies_by_default; })
      .def("__repr__",
           [](const MaterialRef& r) { return absl::StrFormat("Material('%s', '%s')", get(r).id, get(r).name); });

  py::class_<MaterialUseRef>(m, "MaterialUse", "A material as one matter asks for it (defaults plus overrides).")
      .def_property_readonly("material",
                             [](const MaterialUseRef& r) { return r.catalog.materials()[r.get().material].id; })
      .def_property_readonly("name",
                             [](const MaterialUseRef& r) { return r.catalog.materials()[r.get().material].name; })
      .def_property_readonly("form", [](const MaterialUseRef& r) { return to_string(r.get().form); })
      .def_property_readonly("original", [](const MaterialUseRef& r) { return r.get().original; })
      .def_property_readonly("necessity", [](const MaterialUseRef& r) { return to_string(r.get().necessity); })
      .def_property_readonly("condition", [](const MaterialUseRef& r) { return r.get().condition; })
      .def_property_readonly("applies_by_default", [](const MaterialUseRef& r) { return r.get().applies_by_default; })
      .def_property_readonly(
          "effective_from", [](const MaterialUseRef& r) { return r.get().validity.from; },
          "The first day the matter asks for it; None: always did.")
      .def_property_readonly(
          "effective_until", [](const MaterialUseRef& r) { return r.get().validity.until; },
          "The last day the matter asks for it (both ends included); None: open.")
      .def(
          "__eq__",
          [](const MaterialUseRef& a, py::handle other) -> py::object {
            if (!py::isinstance<MaterialUseRef>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const MaterialUseRef& b = other.cast<const MaterialUseRef&>();
            return py::bool_(a.matter == b.matter && a.position == b.position && a.catalog == b.catalog);
          },
          py::arg("other"))
      .def(py::pickle([](const MaterialUseRef& r) { return py::make_tuple(r.catalog, r.matter, r.position); },
                      [](const py::tuple& t) {
                        if (t.size() != 3 || !py::isinstance<Catalog>(t[0])) {
                          throw py::value_error("a pickled material use is (catalogue, matter, position)");
                        }
                        MaterialUseRef r{t[0].cast<Catalog>(), t[1].cast<uint32_t>(), t[2].cast<uint32_t>()};
                        if (r.matter >= r.catalog.matters().size() ||
                            r.position >= r.catalog.matters()[r.matter].materials.size()) {
                          throw py::value_error("a pickled material use outside its catalogue");
                        }
                        return r;
                      }))
      .def("__repr__", [](const MaterialUseRef& r) {
        return absl::StrFormat("MaterialUse('%s', necessity='%s')", r.catalog.materials()[r.get().material].id,
                               to_string(r.get().necessity));
      });

  py::class_<MatterRef> matter(m, "Matter", "A service item (事项) with its limits, fee, materials and channels.");
  add_ref_methods<Matter>(matter, "matter", [](const Catalog& c) { return c.matters().size(); });
  matter.def_property_readonly("code", [](const MatterRef& r) { return get(r).code; })
      .def_property_readonly("name", [](const MatterRef& r) { return get(r).name; })
      .def_property_readonly("department",
                             [](const MatterRef& r) { return r.catalog.departments()[get(r).department].id; })
      .def_property_readonly("kind", [](const MatterRef& r) { return to_string(get(r).kind); })
      .def_property_readonly("project_type", [](const MatterRef& r) { return to_string(get(r).project_type); })
      .def_property_readonly("legal_limit",
                             [](const MatterRef& r) -> std::optional<int32_t> {
                               if (!get(r).legal_limit) return std::nullopt;
                               return get(r).legal_limit->value;
                             })
      .def_property_readonly("legal_unit",
                             [](const MatterRef& r) -> std::optional<std::string> {
                               if (!get(r).legal_limit) return std::nullopt;
                               return to_string(get(r).legal_limit->unit);
                             })
      .def_property_readonly("promised_limit", [](const MatterRef& r) { return get(r).promised_limit.value; })
      .def_property_readonly("promised_unit", [](const MatterRef& r) { return to_string(get(r).promised_limit.unit); })
      .def_property_readonly(
          "fee_fen", [](const MatterRef& r) { return get(r).fee_fen; }, "The fee in fen (integer).")
      .def_property_readonly("halls", [](const MatterRef& r) { return hall_ids(r.catalog, get(r).halls); })
      .def_property_readonly("materials",
                             [](const MatterRef& r) {
                               std::vector<MaterialUseRef> out;
                               for (uint32_t i = 0; i < get(r).materials.size(); ++i)
                                 out.push_back({r.catalog, r.index, i});
                               return out;
                             })
      .def_property_readonly("online", [](const MatterRef& r) { return to_string(get(r).online); })
      .def_property_readonly("postal_application", [](const MatterRef& r) { return get(r).postal_application; })
      .def_property_readonly("express_delivery", [](const MatterRef& r) { return get(r).express_delivery; })
      .def_property_readonly("electronic_licence", [](const MatterRef& r) { return get(r).electronic_licence; })
      .def_property_readonly("online_payment", [](const MatterRef& r) { return get(r).online_payment; })
      .def_property_readonly("tolerant_acceptance", [](const MatterRef& r) { return get(r).tolerant_acceptance; })
      .def_property_readonly("site_inspection_days", [](const MatterRef& r) { return get(r).site_inspection_days; })
      .def_property_readonly("personal_presence", [](const MatterRef& r) { return get(r).personal_presence; })
      .def_property_readonly(
          "special_procedures",
          [](const MatterRef& r) {
            py::list out;
            for (const auto& p : get(r).special_procedures) out.append(py::make_tuple(p.name, p.days));
            return out;
          },
          "[(name, working days)]: time not counted in the limit.")
      .def_property_readonly(
          "special_procedure_kinds",
          [](const MatterRef& r) {
            py::list out;
            for (const auto& p : get(r).special_procedures) out.append(py::make_tuple(to_string(p.kind), p.basis));
            return out;
          },
          "[(kind, basis)] beside special_procedures: 第四十五条's word (专家评审…) or 'other' with its law.")
      .def_property_readonly(
          "fee_kind", [](const MatterRef& r) { return std::string(to_string(get(r).fee_kind)); },
          "'fixed' (paid when applying) or 'assessed' (set by the decision).")
      .def_property_readonly(
          "issue_days", [](const MatterRef& r) { return get(r).issue_days; },
          "Working days to issue the certificate after the decision (第四十四条).")
      .def_property_readonly(
          "extension",
          [](const MatterRef& r) -> py::object {
            const auto& e = get(r).extension;
            if (!e) return py::none();
            return py::make_tuple(e->days, e->basis);
          },
          "(days, basis) of a longer extension another law allows, or None (第四十二条: 10).")
      .def_property_readonly("declared_trips", [](const MatterRef& r) { return get(r).declared_trips; })
      .def_property_readonly("effective_from", [](const MatterRef& r) { return get(r).effective_from; })
      .def_property_readonly(
          "effective_until", [](const MatterRef& r) { return get(r).effective_until; },
          "Its last day in force (both ends included); None: open.")
      .def_property_readonly(
          "periods",
          [](const MatterRef& r) {
            py::dict out;
            for (const FieldPeriod& p : get(r).periods) {
              out[py::str(to_string(p.field))] = py::make_tuple(p.validity.from, p.validity.until);
            }
            return out;
          },
          "{field: (from, until)}: the fee and channels that hold for a period only (None: an open end).")
      .def_property_readonly("note", [](const MatterRef& r) { return get(r).note; })
      .def("__repr__",
           [](const MatterRef& r) { return absl::StrFormat("Matter('%s', '%s')", get(r).code, get(r).name); });
  bind_fast_matter_fields(matter);

  py::class_<BundleRef> bundle(m, "Bundle", "Several matters handled as one thing (一件事 / 联合审批).");
  add_ref_methods<Bundle>(bundle, "bundle", [](const Catalog& c) { return c.bundles().size(); });
  bundle.def_property_readonly("id", [](const BundleRef& r) { return get(r).id; })
      .def_property_readonly("name", [](const BundleRef& r) { return get(r).name; })
      .def_property_readonly("lead", [](const BundleRef& r) { return r.catalog.departments()[get(r).lead].id; })
      .def_property_readonly("members",
                             [](const BundleRef& r) {
                               py::list out;
                               for (MatterIndex i : get(r).members) out.append(r.catalog.matters()[i].code);
                               return out;
                             })
      .def_property_readonly(
          "edges",
          [](const BundleRef& r) {
            py::list out;
            const Bundle& b = get(r);
            for (const BundleEdge& e : b.edges) {
              out.append(py::make_tuple(r.catalog.matters()[b.members[e.from]].code,
                                        r.catalog.matters()[b.members[e.to]].code, to_string(e.kind), e.days));
            }
            return out;
          },
          "[(from code, to code, kind, days)]: `to` needs the result of `from`.")
      .def_property_readonly(
          "handling", [](const BundleRef& r) { return std::string(to_string(get(r).handling)); },
          "none, unified (统一办理), joint (联合办理) or centralized (集中办理): the 45-day limit's bundles.")
      .def_property_readonly("acceptance", [](const BundleRef& r) { return to_string(get(r).acceptance); })
      .def_property_readonly(
          "effective_from", [](const BundleRef& r) { return get(r).validity.from; },
          "The first day the bundle is offered; None: always was.")
      .def_property_readonly(
          "effective_until", [](const BundleRef& r) { return get(r).validity.until; },
          "Its last day offered (both ends included); None: open.")
      .def_property_readonly("joint_inspection", [](const BundleRef& r) { return get(r).joint_inspection; })
      .def_property_readonly("results", [](const BundleRef& r) { return to_string(get(r).results); })
      .def_property_readonly("note", [](const BundleRef& r) { return get(r).note; })
      .def(
          "to_dot", [](const BundleRef& r) { return bundle_dot(r.catalog, r.index); },
          "The bundle's graph in Graphviz DOT, critical path in red (pipe into `dot -Tsvg`).")
      .def(
          "_repr_svg_",
          [](py::handle self) { return py::module_::import("onetrip.results").attr("dot_svg")(self.attr("to_dot")()); },
          "The graph as SVG drawn by Graphviz's dot, for Jupyter; None when dot is not installed.")
      .def("__repr__", [](const BundleRef& r) {
        return absl::StrFormat("Bundle('%s', %d members)", get(r).id, get(r).members.size());
      });

  py::class_<Catalog> catalog_class(m, "Catalog", R"doc(
A service catalogue: halls, departments, materials, matters (事项) and bundles
(一件事), validated and immutable. Load it with Catalog.load(path) or
Catalog.loads(text); a broken catalogue raises CatalogError listing every
problem with its JSON path. Catalog(other) is the same catalogue (shared,
not copied): onetrip.Catalog adopts the private layer's values this way.)doc");
  catalog_class.def(py::init<const Catalog&>(), py::arg("other"))
      .def_static(
          "load",
          [](py::handle path, py::handle progress) { return load_or_raise(&load_path, path_of(path), progress); },
          py::arg("path"), py::arg("progress") = py::none())
      .def_static(
          "loads",
          [](const std::string& text, py::handle progress) { return load_or_raise(&load_text, text, progress); },
          py::arg("text"), py::arg("progress") = py::none())
      .def("dumps", &Catalog::save_json, "The canonical JSON text.")
      .def(
          "save",
          [](const Catalog& c, py::handle path) {
            py::module_::import("pathlib").attr("Path")(path_of(path)).attr("write_text")(c.save_json(), "utf-8");
          },
          py::arg("path"))
      .def_static(
          "load_snapshot",
          [](py::handle source) {
            absl::StatusOr<Catalog> catalog;
            if (py::isinstance<py::bytes>(source) || py::isinstance<py::bytearray>(source) ||
                py::isinstance<py::memoryview>(source)) {
              // Read in place: bytes are immutable, and kept alive by `held` while the GIL is released.
              const py::bytes held = py::isinstance<py::bytes>(source)
                                         ? py::reinterpret_borrow<py::bytes>(source)
                                         : py::bytes(py::module_::import("builtins").attr("bytes")(source));
              char* data = nullptr;
              Py_ssize_t size = 0;
              if (PyBytes_AsStringAndSize(held.ptr(), &data, &size) != 0) throw py::error_already_set();
              py::gil_scoped_release release;
              catalog = Catalog::load_snapshot(std::string_view(data, static_cast<size_t>(size)));
            } else {
              if (!py::isinstance<py::str>(source) && !py::hasattr(source, "__fspath__")) {
                throw py::type_error("source: expected a path (str or os.PathLike) or the snapshot's bytes, got " +
                                     type_name(source));
              }
              const std::string path = path_of(source);
              py::gil_scoped_release release;
              catalog = Catalog::load_snapshot_file(path);
            }
            if (!catalog.ok()) throw StatusError(catalog.status());
            return *std::move(catalog);
          },
          py::arg("source"), "The catalogue in a binary snapshot: a path (str or os.PathLike) or the snapshot's bytes.")
      .def_static(
          "is_snapshot", [](const py::bytes& head) { return Catalog::is_snapshot(std::string_view(head)); },
          py::arg("head"), "Whether bytes begin as a binary snapshot does (its first eight bytes, any format version).")
      .def(
          "dumps_snapshot",
          [](const Catalog& c) {
            std::string bytes;
            {
              py::gil_scoped_release release;
              bytes = c.save_snapshot();
            }
            return py::bytes(bytes);
          },
          "The binary snapshot, as bytes.")
      .def(
          "save_snapshot",
          [](const Catalog& c, py::handle path) {
            const std::string file = path_of(path);
            absl::Status status;
            {
              py::gil_scoped_release release;
              status = c.save_snapshot_file(file);
            }
            if (!status.ok()) throw StatusError(status);
          },
          py::arg("path"), "Writes the binary snapshot to a file.")
      .def_property_readonly("name", &Catalog::name)
      .def_property_readonly("halls", [](const Catalog& c) { return refs<Hall>(c, c.halls().size()); })
      .def_property_readonly("departments",
                             [](const Catalog& c) { return refs<Department>(c, c.departments().size()); })
      .def_property_readonly("materials", [](const Catalog& c) { return refs<Material>(c, c.materials().size()); })
      .def_property_readonly("matters", [](const Catalog& c) { return refs<Matter>(c, c.matters().size()); })
      .def_property_readonly("bundles", [](const Catalog& c) { return refs<Bundle>(c, c.bundles().size()); })
      .def(
          "hall",
          [](const Catalog& c, const std::string& id) {
            return find_or_raise<Hall>(c, id, &Catalog::find_hall, "hall");
          },
          py::arg("id"))
      .def(
          "department",
          [](const Catalog& c, const std::string& id) {
            return find_or_raise<Department>(c, id, &Catalog::find_department, "department");
          },
          py::arg("id"))
      .def(
          "material",
          [](const Catalog& c, const std::string& id) {
            return find_or_raise<Material>(c, id, &Catalog::find_material, "material");
          },
          py::arg("id"))
      .def(
          "matter",
          [](const Catalog& c, const std::string& code) {
            return find_or_raise<Matter>(c, code, &Catalog::find_matter, "matter");
          },
          py::arg("code"), "The matter with this code; NotFoundError if there is none.")
      .def(
          "bundle",
          [](const Catalog& c, const std::string& id) {
            return find_or_raise<Bundle>(c, id, &Catalog::find_bundle, "bundle");
          },
          py::arg("id"))
      .def("_matter_columns", &matter_columns)
      .def("__len__", [](const Catalog& c) { return c.matters().size(); })
      .def("__eq__", [](const Catalog& a, const Catalog& b) { return a == b; })
      // Pickled as its binary snapshot (onetrip.Catalog does the same and
      // rebuilds an onetrip.Catalog); a pickle of an earlier release, the
      // canonical JSON deflated with zlib, still loads (and is validated).
      .def(py::pickle([](const Catalog& c) { return py::bytes(c.save_snapshot()); },
                      [](const py::bytes& state) { return unpickle_catalog(state); }))
      .def("__repr__", [](const Catalog& c) {
        return absl::StrFormat("<onetrip.Catalog '%s': %d matters, %d bundles>", c.name(), c.matters().size(),
                               c.bundles().size());
      });
  bind_fast_lookups(catalog_class);

  m.def(
      "generate",
      [](py::handle matters, py::handle seed, py::handle bundles_per_matter, py::handle bundle_members,
         py::handle departments, py::handle halls, py::handle materials, py::handle progress_arg) {
        GeneratorOptions options;
        options.matters = int_arg(matters, "matters");
        options.seed = static_cast<uint64_t>(int_arg(seed, "seed", 0));
        options.bundles_per_matter = real_arg(bundles_per_matter, "bundles_per_matter");
        options.bundle_members = int32_arg(bundle_members, "bundle_members");
        options.departments = int32_arg(departments, "departments");
        options.halls = int32_arg(halls, "halls");
        options.materials = int32_arg(materials, "materials");
        PyProgress progress(progress_arg);
        options.progress = progress.callback();
        absl::StatusOr<Catalog> catalog;
        {
          py::gil_scoped_release release;
          catalog = generate_catalog(options);
        }
        progress.rethrow();
        return unwrap(std::move(catalog));
      },
      py::arg("matters") = 1000, py::arg("seed") = 1, py::arg("bundles_per_matter") = 0.02,
      py::arg("bundle_members") = 10, py::arg("departments") = GeneratorOptions().departments,
      py::arg("halls") = GeneratorOptions().halls, py::arg("materials") = GeneratorOptions().materials,
      py::arg("progress") = py::none(),
      "A synthetic catalogue of realistic shape (the same as `onetrip generate`), deterministic for a seed.");
}

}  // namespace onetrip::python
