// onetrip.Calendar: scalar methods take and give datetime.date; the same
// methods given arrays work over datetime64[D] without a Python object per day.
#include "onetrip/calendar.hpp"

#include <datetime.h>  // CPython's datetime C API
#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "bindings.hpp"

namespace onetrip::python {

namespace {

// Text that looks like JSON is JSON; anything else (str or os.PathLike) is a path.
bool looks_like_json(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

Calendar calendar_from_source(py::handle source, const Calendar* base) {
  if (py::isinstance<py::bytes>(source) || py::isinstance<py::str>(source)) {
    // A str as os.fsencode gives it: UTF-8, and a path's bytes where its name is not.
    const std::string text = py::isinstance<py::str>(source) ? path_arg(source, "source") : source.cast<std::string>();
    if (py::isinstance<py::bytes>(source) || looks_like_json(text)) {
      return unwrap(base ? base->with_json(text) : Calendar::from_json(text));
    }
    return unwrap(base ? base->with_json_file(text) : Calendar::from_json_file(text));
  }
  if (!py::hasattr(source, "__fspath__")) {
    throw py::type_error("source: expected JSON text, bytes or a path (str or os.PathLike), got " + type_name(source));
  }
  const std::string path = path_arg(source, "source");
  return unwrap(base ? base->with_json_file(path) : Calendar::from_json_file(path));
}

std::vector<SpecialDay> special_days_from(py::handle days, bool off, const char* what) {
  std::vector<SpecialDay> out;
  for (py::handle item : days) {
    // A date, or a (date, name) pair.
    if (py::isinstance<py::tuple>(item) && py::len(item) == 2) {
      auto pair = py::reinterpret_borrow<py::tuple>(item);
      out.push_back({to_date(pair[0], what), off, str_arg(pair[1], what)});
    } else {
      out.push_back({to_date(item, what), off, off ? "holiday" : "makeup workday"});
    }
  }
  return out;
}

uint8_t weekday_mask_from(py::handle weekdays) {
  if (py::isinstance<py::str>(weekdays)) {  // NumPy's weekmask: "1111100" or "Mon Tue Wed Thu Fri"
    auto mask = parse_weekmask(weekdays.cast<std::string>());
    if (!mask.ok()) throw StatusError(absl::InvalidArgumentError(absl::StrCat("weekdays: ", mask.status().message())));
    return *mask;
  }
  if (PyLong_Check(weekdays.ptr()) && !PyBool_Check(weekdays.ptr())) {
    const int64_t mask = int_arg(weekdays, "weekdays");
    if (mask <= 0 || mask > 0x7F) throw py::value_error("weekdays: a mask needs bits 0 (Monday) to 6 (Sunday)");
    return static_cast<uint8_t>(mask);
  }
  // An iterable of ISO weekday numbers, 1 = Monday … 7 = Sunday.
  if (!py::hasattr(weekdays, "__iter__")) {
    throw py::type_error("weekdays: expected a bit mask or ISO weekday numbers, got " + type_name(weekdays));
  }
  uint8_t mask = 0;
  for (py::handle day : weekdays) {
    const int64_t iso = int_arg(day, "weekdays");
    if (iso < 1 || iso > 7) throw py::value_error(absl::StrFormat("weekdays: %d is not an ISO weekday 1-7", iso));
    mask |= static_cast<uint8_t>(1u << (iso - 1));
  }
  return mask;
}

// The pandas Series among the arguments whose index a result keeps, or None.
py::object series_of(py::handle a, py::handle b = py::handle()) {
  py::object modules = py::module_::import("sys").attr("modules");
  if (!modules.contains("pandas")) return py::none();  // no pandas loaded: no Series
  py::object series = modules["pandas"].attr("Series");
  if (py::isinstance(a, series)) return py::reinterpret_borrow<py::object>(a);
  if (b && py::isinstance(b, series)) return py::reinterpret_borrow<py::object>(b);
  return py::none();
}

// An array result as a Series on the index (and with the name) of `series`, or as it is.
py::object as_series_like(py::object result, const py::object& series) {
  if (series.is_none()) return result;
  return series.get_type()(result, py::arg("index") = series.attr("index"), py::arg("name") = series.attr("name"));
}

py::object add_workdays(const Calendar& calendar, py::handle start, py::handle n) {
  if (!is_array_like(start) && !is_array_like(n)) {
    if (is_missing_date(start)) {
      int_arg(n, "n");                                   // still a count, or the error says so
      return py::reinterpret_borrow<py::object>(start);  // NaT in, NaT out
    }
    return date_like(start, unwrap(calendar.add_workdays(to_date(start, "start"), int_arg(n, "n"))));
  }
  py::array_t<int64_t> days = to_epoch_days(start, "start", calendar);
  // An array of whole numbers: integral floats (2.0) pass, 1.7 and NaN are refused by row.
  py::array_t<int64_t> counts =
      int_column(n, "n", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  if (days.ndim() == 0) days = days.attr("reshape")(1);
  if (counts.ndim() == 0) counts = counts.attr("reshape")(1);
  if (days.size() == 1 && counts.size() > 1) days = days.attr("repeat")(counts.size());
  py::array_t<int64_t> out(days.size());
  {
    py::gil_scoped_release release;
    check(calendar.add_workdays(absl::MakeConstSpan(days.data(), days.size()),
                                absl::MakeConstSpan(counts.data(), counts.size()),
                                absl::MakeSpan(out.mutable_data(), out.size())));
  }
  return as_series_like(as_datetime64(out), series_of(start, n));
}

CountConvention convention_from(const std::string& name) {
  if (name == "legal") return CountConvention::kLegal;
  if (name == "half_open" || name == "numpy") return CountConvention::kHalfOpen;
  throw StatusError(absl::InvalidArgumentError(absl::StrFormat(
      "convention: '%s' is none of 'legal' (start < d <= end) and 'half_open' or 'numpy' (start <= d < end)", name)));
}

Roll roll_from(const std::string& name) {
  if (name == "raise") return Roll::kRaise;
  if (name == "forward" || name == "following") return Roll::kForward;
  if (name == "backward" || name == "preceding") return Roll::kBackward;
  if (name == "modifiedfollowing") return Roll::kModifiedFollowing;
  if (name == "modifiedpreceding") return Roll::kModifiedPreceding;
  throw StatusError(absl::InvalidArgumentError(
      absl::StrFormat("roll: '%s' is none of NumPy's 'raise', 'forward' ('following'), 'backward' ('preceding'), "
                      "'modifiedfollowing', 'modifiedpreceding'",
                      name)));
}

Date date_of_day(EpochDay day, const char* what, py::ssize_t i) {
  auto d = from_epoch_day(day);
  if (!d.ok()) {
    throw StatusError(absl::OutOfRangeError(absl::StrFormat("%s, row %d: %s", what, i, d.status().message())));
  }
  return *d;
}

py::object count_workdays(const Calendar& calendar, py::handle start, py::handle end, const std::string& convention) {
  const CountConvention c = convention_from(convention);
  if (!is_array_like(start) && !is_array_like(end)) {
    return py::int_(unwrap(calendar.count_workdays(to_date(start, "start"), to_date(end, "end"), c)));
  }
  py::array_t<int64_t> s = to_epoch_days(start, "start", calendar);
  py::array_t<int64_t> e = to_epoch_days(end, "end", calendar);
  const py::ssize_t n = std::max(s.size(), e.size());
  if ((s.size() != n && s.size() != 1) || (e.size() != n && e.size() != 1)) {
    throw StatusError(absl::InvalidArgumentError(
        absl::StrFormat("start has %d elements and end %d: expected one of them 1 or both equal", s.size(), e.size())));
  }
  // A Series' NaT rows answer <NA> (pandas' nullable Int64); an array's are an error (int64 has no missing value).
  const py::object series = series_of(start, end);
  std::vector<EpochDay> from(static_cast<size_t>(n)), to(static_cast<size_t>(n));
  py::array_t<bool> missing(n);
  for (py::ssize_t i = 0; i < n; ++i) {
    from[i] = s.data()[s.size() == 1 ? 0 : i];
    to[i] = e.data()[e.size() == 1 ? 0 : i];
    const bool gap = from[i] == kMissingDay || to[i] == kMissingDay;
    missing.mutable_data()[i] = gap;
    if (gap && !series.is_none()) from[i] = to[i] = calendar.first_epoch_day();  // counted, then masked
  }
  py::array_t<int64_t> out(n);
  if (c == CountConvention::kHalfOpen) {  // element by element: no bulk form in C++ for this convention
    for (py::ssize_t i = 0; i < n; ++i) {
      if (from[i] == kMissingDay || to[i] == kMissingDay) {
        throw StatusError(
            absl::InvalidArgumentError(absl::StrFormat("row %d: a missing date (NaT) has no working-day count", i)));
      }
      out.mutable_data()[i] =
          unwrap(calendar.count_workdays(date_of_day(from[i], "start", i), date_of_day(to[i], "end", i), c));
    }
  } else {
    py::gil_scoped_release release;
    check(calendar.count_workdays(absl::MakeConstSpan(from), absl::MakeConstSpan(to),
                                  absl::MakeSpan(out.mutable_data(), out.size())));
  }
  if (series.is_none()) return std::move(out);
  py::object values = py::module_::import("pandas").attr("arrays").attr("IntegerArray")(out, missing);
  return as_series_like(values, series);
}

py::object is_workday(const Calendar& calendar, py::handle date) {
  if (!is_array_like(date)) {
    if (is_missing_date(date)) return py::bool_(false);  // as a NaT in an array
    return py::bool_(unwrap(calendar.is_workday(to_date(date, "date"))));
  }
  py::array_t<int64_t> days = to_epoch_days(date, "date", calendar);
  if (days.ndim() == 0) days = days.attr("reshape")(1);
  py::array_t<bool> out(days.size());
  {
    py::gil_scoped_release release;
    check(calendar.is_workday(absl::MakeConstSpan(days.data(), days.size()),
                              absl::MakeSpan(out.mutable_data(), out.size())));
  }
  return as_series_like(std::move(out), series_of(date));
}

// A date-to-date query on one date: NaT in, NaT out; a Timestamp or a
// datetime64 gives the same kind back.
template <class Query>
py::object date_query(const Calendar& calendar, py::handle date, Query query) {
  if (is_missing_date(date)) return py::reinterpret_borrow<py::object>(date);
  return date_like(date, unwrap(query(calendar, to_date(date, "date"))));
}

// ---- the scalar fast path ---------------------------------------------------
//
// The hot scalar methods are CPython method descriptors (METH_FASTCALL |
// METH_KEYWORDS) in front of the pybind11 functions above: a datetime.date
// and an int are read through the CPython datetime C API and the answer made
// the same way, with the calendar's day-number forms in between. Anything else
// (an array, a Series, a Timestamp, text, an unknown keyword) and every
// failure are handed to the pybind11 function unchanged, which converts,
// raises the error or does the array work: one behaviour, two speeds.

enum Method { kIsWorkday, kAddWorkdays, kCountWorkdays, kNextWorkday, kPreviousWorkday, kRollForward, kMethods };

PyObject* g_fallback[kMethods];  // the pybind11 functions, kept for the process

// The calendar inside self, or nullptr for an instance no constructor filled
// (Calendar.__new__(Calendar)), whose storage must not be read.
const Calendar* self_calendar(PyObject* self) {
  auto* inst = reinterpret_cast<py::detail::instance*>(self);
  const py::detail::value_and_holder v = inst->get_value_and_holder();
  return v.holder_constructed() ? static_cast<const Calendar*>(v.value_ptr()) : nullptr;
}

PyObject* not_initialised() {
  PyErr_SetString(PyExc_TypeError,
                  "this Calendar holds no calendar (made by __new__ without a constructor): use Calendar.china(), "
                  "from_json or from_rules");
  return nullptr;
}

// The date forms the fast path reads, and answers in.
enum class Form { kDate, kTimestamp, kDatetime64 };

// numpy.datetime64's scalar object (numpy/arrayscalars.h, the same layout in
// NumPy 1.x and 2.x): the value and its unit. Read without NumPy's headers.
struct Datetime64Scalar {
  PyObject_HEAD int64_t value;
  int32_t unit;  // NPY_DATETIMEUNIT: 0 Y, 1 M, 2 W, 4 D, 5 h, 6 m, 7 s, 8 ms, 9 us, 10 ns
  int32_t num;   // the unit's multiple (datetime64[2D])
};

PyTypeObject* g_timestamp_type = nullptr;  // pandas.Timestamp, once seen
PyTypeObject* g_datetime64_type = nullptr;
PyObject* g_name_nanosecond;
PyObject* g_unit_day;  // "D"

// numpy.datetime64, once seen (NumPy is not imported for it), if its scalars have the layout above.
bool is_datetime64_type(PyTypeObject* type) {
  if (type == g_datetime64_type) return true;
  if (g_datetime64_type != nullptr || std::string_view(type->tp_name) != "numpy.datetime64" ||
      type->tp_basicsize < static_cast<Py_ssize_t>(sizeof(Datetime64Scalar))) {
    return false;
  }
  Py_INCREF(type);  // kept for the process
  g_datetime64_type = type;
  return true;
}

bool is_timestamp_type(PyTypeObject* type) {
  if (type == g_timestamp_type) return true;
  if (g_timestamp_type != nullptr || std::string_view(type->tp_name) != "Timestamp") return false;
  // Called from a CPython function: no C++ exception may leave it.
  PyObject* module = PyObject_GetAttrString(reinterpret_cast<PyObject*>(type), "__module__");
  const char* name = module != nullptr && PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : nullptr;
  const bool pandas = name != nullptr && std::string_view(name).rfind("pandas.", 0) == 0;
  Py_XDECREF(module);
  PyErr_Clear();
  if (!pandas) return false;
  Py_INCREF(type);  // kept for the process
  g_timestamp_type = type;
  return true;
}

// The epoch day of a date argument the fast path takes: a datetime.date
// (exactly), a tz-naive pandas.Timestamp at midnight, or a numpy.datetime64 of
// a unit from days to nanoseconds that is a whole day. false for anything
// else (NaT, a time of day, a subclass, coarse units...), which the general
// path then takes or refuses.
bool fast_day(PyObject* value, EpochDay* day, Form* form) {
  if (PyDate_CheckExact(value)) {
    *form = Form::kDate;
    *day = epoch_day_from_civil(PyDateTime_GET_YEAR(value), PyDateTime_GET_MONTH(value), PyDateTime_GET_DAY(value));
    return true;
  }
  PyTypeObject* type = Py_TYPE(value);
  if (is_datetime64_type(type)) {
    const auto* scalar = reinterpret_cast<const Datetime64Scalar*>(value);
    static constexpr int64_t kPerDay[] = {1, 24, 24 * 60, 86'400, 86'400'000, 86'400'000'000, 86'400'000'000'000};
    if (scalar->unit < 4 || scalar->unit > 10 || scalar->num != 1 || scalar->value == kMissingDay) return false;
    const int64_t per_day = kPerDay[scalar->unit - 4];
    if (scalar->value % per_day != 0) return false;
    *day = scalar->value / per_day;
    *form = Form::kDatetime64;
    return true;
  }
  if (PyDateTime_Check(value) && is_timestamp_type(type)) {
    if (PyDateTime_DATE_GET_HOUR(value) != 0 || PyDateTime_DATE_GET_MINUTE(value) != 0 ||
        PyDateTime_DATE_GET_SECOND(value) != 0 || PyDateTime_DATE_GET_MICROSECOND(value) != 0 ||
        reinterpret_cast<PyDateTime_DateTime*>(value)->hastzinfo) {  // a zone: the general path keeps it
      return false;
    }
    PyObject* nanosecond = PyObject_GetAttr(value, g_name_nanosecond);
    const bool whole = nanosecond != nullptr && PyLong_Check(nanosecond) && PyLong_AsLong(nanosecond) == 0;
    Py_XDECREF(nanosecond);
    if (!whole) {
      PyErr_Clear();
      return false;
    }
    *form = Form::kTimestamp;
    *day = epoch_day_from_civil(PyDateTime_GET_YEAR(value), PyDateTime_GET_MONTH(value), PyDateTime_GET_DAY(value));
    return true;
  }
  return false;
}

bool plain_int(PyObject* value, int64_t* n) {
  if (!PyLong_CheckExact(value)) return false;
  int overflow = 0;
  *n = PyLong_AsLongLongAndOverflow(value, &overflow);
  return overflow == 0 && !(*n == -1 && PyErr_Occurred());
}

// An answer in the form of the argument: nullptr (with an error set) if it cannot be made.
PyObject* new_date(EpochDay day, Form form) {
  switch (form) {
    case Form::kDatetime64: {
      PyObject* args[] = {PyLong_FromLongLong(day), g_unit_day};
      if (args[0] == nullptr) return nullptr;
      PyObject* out = PyObject_Vectorcall(reinterpret_cast<PyObject*>(g_datetime64_type), args, 2, nullptr);
      Py_DECREF(args[0]);
      return out;
    }
    case Form::kTimestamp: {
      const CivilDay c = civil_from_epoch_day(day);
      PyObject* args[] = {PyLong_FromLong(c.year), PyLong_FromLong(c.month), PyLong_FromLong(c.day)};
      PyObject* out = args[0] && args[1] && args[2]
                          ? PyObject_Vectorcall(reinterpret_cast<PyObject*>(g_timestamp_type), args, 3, nullptr)
                          : nullptr;
      for (PyObject* a : args) Py_XDECREF(a);
      return out;
    }
    case Form::kDate:
      break;
  }
  const CivilDay c = civil_from_epoch_day(day);
  return PyDate_FromDate(c.year, c.month, c.day);
}

// The arguments by position, or by the keyword names given (interned once);
// false for anything else, which the fallback then reports.
template <size_t N>
bool arguments(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PyObject* const (&names)[N],
               PyObject* (&out)[N]) {
  const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  if (nargs + nkw != static_cast<Py_ssize_t>(N)) return false;
  for (Py_ssize_t i = 0; i < nargs; ++i) out[i] = args[i];
  for (Py_ssize_t k = 0; k < nkw; ++k) {
    PyObject* key = PyTuple_GET_ITEM(kwnames, k);
    size_t at = N;
    for (size_t j = static_cast<size_t>(nargs); j < N; ++j) {
      if (key == names[j] || PyUnicode_Compare(key, names[j]) == 0) at = j;
    }
    if (at == N) return false;
    out[at] = args[nargs + k];
  }
  for (size_t j = 0; j < N; ++j) {
    if (out[j] == nullptr) return false;
  }
  return true;
}

PyObject* fallback(Method method, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  std::vector<PyObject*> all(static_cast<size_t>(nargs + nkw + 1));
  all[0] = self;
  std::copy(args, args + nargs + nkw, all.begin() + 1);
  return PyObject_Vectorcall(g_fallback[method], all.data(), static_cast<size_t>(nargs + 1), kwnames);
}

PyObject* g_name_date;
PyObject* g_name_start;
PyObject* g_name_n;
PyObject* g_name_end;

PyObject* fast_is_workday(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Calendar* c = self_calendar(self);
  if (c == nullptr) return not_initialised();
  PyObject* a[1] = {nullptr};
  EpochDay day = 0;
  Form form = Form::kDate;
  if (arguments(args, nargs, kwnames, {g_name_date}, a) && fast_day(a[0], &day, &form)) {
    {
      if (const std::optional<bool> work = c->is_workday_at(day)) return PyBool_FromLong(*work);
    }
  }
  return fallback(kIsWorkday, self, args, nargs, kwnames);
}

PyObject* fast_add_workdays(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Calendar* c = self_calendar(self);
  if (c == nullptr) return not_initialised();
  PyObject* a[2] = {nullptr, nullptr};
  EpochDay day = 0;
  int64_t n = 0;
  Form form = Form::kDate;
  if (arguments(args, nargs, kwnames, {g_name_start, g_name_n}, a) && fast_day(a[0], &day, &form) &&
      plain_int(a[1], &n)) {
    {
      if (const std::optional<EpochDay> r = c->add_workdays_at(day, n)) return new_date(*r, form);
    }
  }
  PyErr_Clear();  // an overflowing int leaves no error: the fallback says what is wrong
  return fallback(kAddWorkdays, self, args, nargs, kwnames);
}

PyObject* fast_count_workdays(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Calendar* c = self_calendar(self);
  if (c == nullptr) return not_initialised();
  PyObject* a[2] = {nullptr, nullptr};
  EpochDay start = 0, end = 0;
  Form form = Form::kDate;
  if (arguments(args, nargs, kwnames, {g_name_start, g_name_end}, a) && fast_day(a[0], &start, &form) &&
      fast_day(a[1], &end, &form)) {
    {
      if (const std::optional<int64_t> r = c->count_workdays_at(start, end)) return PyLong_FromLongLong(*r);
    }
  }
  return fallback(kCountWorkdays, self, args, nargs, kwnames);
}

template <Method kMethod>
PyObject* fast_step(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const Calendar* c = self_calendar(self);
  if (c == nullptr) return not_initialised();
  PyObject* a[1] = {nullptr};
  EpochDay day = 0;
  Form form = Form::kDate;
  if (arguments(args, nargs, kwnames, {g_name_date}, a) && fast_day(a[0], &day, &form)) {
    {
      std::optional<EpochDay> r;
      if constexpr (kMethod == kNextWorkday) r = c->add_workdays_at(day, 1);
      if constexpr (kMethod == kPreviousWorkday) r = c->add_workdays_at(day, -1);
      if constexpr (kMethod == kRollForward) {
        const std::optional<bool> work = c->is_workday_at(day);
        if (work) r = *work ? std::optional<EpochDay>(day) : c->add_workdays_at(day, 1);
      }
      if (r) return new_date(*r, form);
    }
  }
  return fallback(kMethod, self, args, nargs, kwnames);
}

// The descriptors' table: a signature line in pybind11's form (which help()
// and stubgen.py read) and the description.
PyMethodDef g_methods[] = {
    {"is_workday", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_is_workday)),
     METH_FASTCALL | METH_KEYWORDS,
     "is_workday(self: onetrip._onetrip.Calendar, date: object) -> object\n\n"
     "Whether date is a working day: a bool for one date (datetime.date, pandas.Timestamp, numpy.datetime64 or "
     "ISO text; NaT gives False), a bool array for an array, a Series on the same index for a Series."},
    {"add_workdays", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_add_workdays)),
     METH_FASTCALL | METH_KEYWORDS,
     "add_workdays(self: onetrip._onetrip.Calendar, start: object, n: object) -> object\n\n"
     "The n-th working day after start (before it if n < 0); the start day is not counted. The result has the "
     "start's form: datetime.date, pandas.Timestamp, numpy.datetime64, a datetime64[D] array, or a Series on the "
     "same index; NaT gives NaT."},
    {"count_workdays", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_count_workdays)),
     METH_FASTCALL | METH_KEYWORDS,
     "count_workdays(self: onetrip._onetrip.Calendar, start: object, end: object, convention: str = 'legal') -> "
     "object\n\n"
     "Working days d with start < d <= end (negative if end < start), the legal convention; "
     "convention='half_open' (or 'numpy') counts start <= d < end as numpy.busday_count. An int, an int64 array, "
     "or a Series on the same index (nullable Int64: <NA> where a date is NaT)."},
    {"next_workday", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_step<kNextWorkday>)),
     METH_FASTCALL | METH_KEYWORDS,
     "next_workday(self: onetrip._onetrip.Calendar, date: object) -> object\n\n"
     "The first working day after date, in date's form (NaT gives NaT)."},
    {"previous_workday", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_step<kPreviousWorkday>)),
     METH_FASTCALL | METH_KEYWORDS,
     "previous_workday(self: onetrip._onetrip.Calendar, date: object) -> object\n\n"
     "The last working day before date, in date's form (NaT gives NaT)."},
    {"roll_forward", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_step<kRollForward>)),
     METH_FASTCALL | METH_KEYWORDS,
     "roll_forward(self: onetrip._onetrip.Calendar, date: object) -> object\n\n"
     "date itself if a working day, else the next working day, in date's form (NaT gives NaT)."},
};

void bind_fast_methods(py::class_<Calendar>& cls) {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  g_name_date = PyUnicode_InternFromString("date");
  g_name_start = PyUnicode_InternFromString("start");
  g_name_n = PyUnicode_InternFromString("n");
  g_name_end = PyUnicode_InternFromString("end");
  g_name_nanosecond = PyUnicode_InternFromString("nanosecond");
  g_unit_day = PyUnicode_InternFromString("D");

  const auto keep = [](Method m, py::cpp_function f) { g_fallback[m] = f.release().ptr(); };
  keep(kIsWorkday, py::cpp_function(&is_workday, py::name("is_workday"), py::arg("self"), py::arg("date")));
  keep(kAddWorkdays,
       py::cpp_function(&add_workdays, py::name("add_workdays"), py::arg("self"), py::arg("start"), py::arg("n")));
  keep(kCountWorkdays, py::cpp_function(&count_workdays, py::name("count_workdays"), py::arg("self"), py::arg("start"),
                                        py::arg("end"), py::arg("convention") = "legal"));
  keep(kNextWorkday, py::cpp_function(
                         [](const Calendar& c, py::handle d) {
                           return date_query(c, d, [](const Calendar& k, Date x) { return k.next_workday(x); });
                         },
                         py::name("next_workday"), py::arg("self"), py::arg("date")));
  keep(kPreviousWorkday, py::cpp_function(
                             [](const Calendar& c, py::handle d) {
                               return date_query(c, d, [](const Calendar& k, Date x) { return k.previous_workday(x); });
                             },
                             py::name("previous_workday"), py::arg("self"), py::arg("date")));
  keep(kRollForward, py::cpp_function(
                         [](const Calendar& c, py::handle d) {
                           return date_query(c, d, [](const Calendar& k, Date x) { return k.roll_forward(x); });
                         },
                         py::name("roll_forward"), py::arg("self"), py::arg("date")));
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  for (PyMethodDef& def : g_methods) {
    py::object descriptor = py::reinterpret_steal<py::object>(PyDescr_NewMethod(type, &def));
    if (!descriptor) throw py::error_already_set();
    cls.attr(def.ml_name) = descriptor;
  }
}

// An unpickled DayInfo has no calendar for its name to view: it views one
// copy per distinct name, kept for the process's life (a calendar's names are
// a few festival names).
std::string_view interned_day_name(const std::string& name) {
  static std::mutex mutex;
  static auto* names = new std::set<std::string>();
  std::lock_guard<std::mutex> lock(mutex);
  return *names->insert(name).first;
}

// A range's two dates, read (and an error named) in the order given.
std::pair<Date, Date> date_range(py::handle first, py::handle last) {
  const Date from = to_date(first, "first");
  return {from, to_date(last, "last")};
}

std::string day_repr(const DayInfo& d) {
  return absl::StrFormat("DayInfo(date=%s, kind='%s', workday=%s%s)", format_date(d.date), day_kind_name(d.kind),
                         d.workday ? "True" : "False",
                         d.name.empty() ? std::string() : absl::StrFormat(", name='%s'", d.name));
}

}  // namespace

void init_calendar(py::module_& m) {
  const auto from_rules = [](py::handle first, py::handle last, py::handle holidays, py::handle makeup_workdays,
                             py::handle weekdays, std::string name) {
    CalendarRules rules;
    rules.name = std::move(name);
    rules.first = to_date(first, "first");
    rules.last = to_date(last, "last");
    rules.weekday_mask = weekday_mask_from(weekdays);
    rules.days = special_days_from(holidays, true, "holidays");
    for (SpecialDay& d : special_days_from(makeup_workdays, false, "makeup_workdays")) {
      rules.days.push_back(std::move(d));
    }
    return unwrap(Calendar::from_rules(std::move(rules)));
  };

  py::class_<SpecialDay>(m, "SpecialDay", "A day the rules change from the weekday default.")
      .def_property_readonly("date", [](const SpecialDay& d) { return d.date; })
      .def_readonly("off", &SpecialDay::off, "True for a holiday, False for a makeup working day.")
      .def_readonly("name", &SpecialDay::name, "The festival it belongs to, e.g. '国庆节、中秋节'.")
      .def(field_pickle(&SpecialDay::date, &SpecialDay::off, &SpecialDay::name))
      .def(
          "__eq__", [](const SpecialDay& a, const SpecialDay& b) { return a == b; }, py::arg("other"))
      .def("__hash__", [](const SpecialDay& d) { return py::hash(py::make_tuple(d.date, d.off, d.name)); })
      .def("__repr__", [](const SpecialDay& d) {
        return absl::StrFormat("SpecialDay(date=%s, off=%s, name='%s')", format_date(d.date), d.off ? "True" : "False",
                               d.name);
      });

  py::class_<DayInfo>(m, "DayInfo", "What a date is on a calendar.")
      .def_property_readonly("date", [](const DayInfo& d) { return d.date; })
      .def_property_readonly(
          "kind", [](const DayInfo& d) { return day_kind_name(d.kind); },
          "'workday', 'weekend', 'holiday' or 'makeup workday'.")
      .def_readonly("workday", &DayInfo::workday)
      .def_property_readonly("name", [](const DayInfo& d) { return std::string(d.name); })
      .def(py::pickle(
          [](const DayInfo& d) {
            return py::make_tuple(d.date, static_cast<int>(d.kind), d.workday, std::string(d.name));
          },
          [](const py::tuple& t) {
            if (t.size() != 4) throw py::value_error("DayInfo: a pickled state has 4 fields");
            const int kind = t[1].cast<int>();
            if (kind < 0 || kind > static_cast<int>(DayKind::kMakeupWorkday)) {
              throw py::value_error(absl::StrFormat("DayInfo: %d is not a kind of day", kind));
            }
            return DayInfo{t[0].cast<Date>(), static_cast<DayKind>(kind), t[2].cast<bool>(),
                           interned_day_name(t[3].cast<std::string>())};
          }))
      .def(
          "__eq__",
          [](const DayInfo& a, const DayInfo& b) {
            return a.date == b.date && a.kind == b.kind && a.workday == b.workday && a.name == b.name;
          },
          py::arg("other"))
      .def("__hash__",
           [](const DayInfo& d) {
             return py::hash(py::make_tuple(d.date, static_cast<int>(d.kind), d.workday, std::string(d.name)));
           })
      .def("__repr__", &day_repr);

  py::class_<Calendar> calendar(m, "Calendar", R"doc(
A working-day calendar: Monday to Friday (or another weekday set), minus
holidays, plus makeup working days, over a stated coverage. Immutable. A date
outside the coverage raises OutOfRangeError instead of being guessed.

Methods taking dates accept datetime.date, pandas.Timestamp, numpy.datetime64
or "YYYY-MM-DD" and answer in the same form; given NumPy datetime64 arrays (or
lists) they work over the whole array and return arrays, and given a pandas
Series a Series on the same index; NaT passes through add_workdays unchanged.)doc");
  bind_fast_methods(calendar);
  calendar
      .def_static("china", &Calendar::china,
                  "The official calendar of China from the State Council notices, 2007-01-01 to 2026-12-31.")
      .def_static(
          "from_json", [](py::handle source) { return calendar_from_source(source, nullptr); }, py::arg("source"),
          "A calendar from per-year JSON (one year or a list): JSON text, bytes, or a file path.")
      .def(
          "with_json", [](const Calendar& c, py::handle source) { return calendar_from_source(source, &c); },
          py::arg("source"), "A new calendar: this one plus the years of the JSON (e.g. next year's notice).")
      .def_static("from_rules", from_rules, py::arg("first"), py::arg("last"), py::arg("holidays") = py::tuple(),
                  py::arg("makeup_workdays") = py::tuple(), py::arg("weekdays") = kMondayToFriday,
                  py::arg("name") = "custom",
                  "A custom calendar. holidays and makeup_workdays hold dates or (date, name) pairs; weekdays "
                  "is a bit mask (bit 0 Monday) or ISO weekday numbers (1 = Monday).")
      .def_property_readonly("name", &Calendar::name)
      .def_property_readonly(
          "weekmask",
          [](const Calendar& c) {
            std::string mask(7, '0');
            for (int i = 0; i < 7; ++i) mask[i] = (c.rules().weekday_mask >> i) & 1 ? '1' : '0';
            return mask;
          },
          "The working weekdays as NumPy's weekmask, Monday first: '1111100'.")
      .def_property_readonly(
          "coverage", [](const Calendar& c) { return std::make_pair(c.coverage().first, c.coverage().last); },
          "(first, last): the dates the calendar covers, both included.")
      .def(
          "day", [](const Calendar& c, py::handle d) { return unwrap(c.day(to_date(d, "date"))); }, py::arg("date"),
          py::keep_alive<0, 1>())
      .def(
          "special_days",
          [](const Calendar& c, int year, int month) {
            auto days = unwrap(c.special_days(year, month));
            return std::vector<SpecialDay>(days.begin(), days.end());
          },
          py::arg("year"), py::arg("month"), "The holidays and makeup working days of a month.")
      .def(
          "special_days_between",
          [](const Calendar& c, py::handle first, py::handle last) {
            const auto [from, to] = date_range(first, last);
            auto days = unwrap(c.special_days(from, to));
            return std::vector<SpecialDay>(days.begin(), days.end());
          },
          py::arg("first"), py::arg("last"),
          "The holidays and makeup working days from first to last (both included), with their names: "
          "QuantLib's holidayList with the names.")
      .def(
          "holidays",
          [](const Calendar& c, py::handle first, py::handle last) {
            const auto [from, to] = date_range(first, last);
            return unwrap(c.days_off(from, to));
          },
          py::arg("first"), py::arg("last"),
          "Every day off from first to last (both included): weekends and holidays, as chinese_calendar's "
          "get_holidays(include_weekends=True).")
      .def(
          "workdays",
          [](const Calendar& c, py::handle first, py::handle last) {
            const auto [from, to] = date_range(first, last);
            return unwrap(c.workdays(from, to));
          },
          py::arg("first"), py::arg("last"),
          "Every working day from first to last (both included), makeup working days among them "
          "(chinese_calendar's get_workdays).")
      .def(
          "is_in_lieu",
          [](const Calendar& c, py::handle d) {
            if (is_missing_date(d)) return false;
            return unwrap(c.day(to_date(d, "date"))).kind == DayKind::kMakeupWorkday;
          },
          py::arg("date"),
          "Whether date is a makeup working day (调休上班): a usual day off the notice makes a working day. "
          "A listed working day that is a working weekday anyway (2020-02-03) is not one. (chinese_calendar's "
          "is_in_lieu answers for the other side of the swap, the weekdays given off, 调休放假: those are "
          "holidays here, among holidays().)")
      .def(
          "offset",
          [](const Calendar& c, py::handle date, py::handle n, const std::string& roll) {
            const Roll r = roll_from(roll);
            if (!is_array_like(date) && !is_array_like(n)) {
              const int64_t steps = int_arg(n, "n");
              if (is_missing_date(date)) return py::reinterpret_borrow<py::object>(date);
              return date_like(date, unwrap(c.offset(to_date(date, "date"), steps, r)));
            }
            py::array_t<int64_t> days = to_epoch_days(date, "date", c);
            py::array_t<int64_t> counts =
                int_column(n, "n", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
            if (days.ndim() == 0) days = days.attr("reshape")(1);
            const py::ssize_t size = std::max(days.size(), counts.size());
            if ((days.size() != size && days.size() != 1) || (counts.size() != size && counts.size() != 1)) {
              throw StatusError(absl::InvalidArgumentError(absl::StrFormat(
                  "date has %d elements and n %d: expected one of them 1 or both equal", days.size(), counts.size())));
            }
            py::array_t<int64_t> out(size);
            for (py::ssize_t i = 0; i < size; ++i) {
              const EpochDay day = days.data()[days.size() == 1 ? 0 : i];
              if (day == kMissingDay) {
                out.mutable_data()[i] = kMissingDay;
                continue;
              }
              const Date d = date_of_day(day, "date", i);
              auto r2 = c.offset(d, counts.data()[counts.size() == 1 ? 0 : i], r);
              if (!r2.ok()) {
                throw StatusError(
                    absl::Status(r2.status().code(), absl::StrFormat("row %d: %s", i, r2.status().message())));
              }
              out.mutable_data()[i] = to_epoch_day(*r2);
            }
            return as_series_like(as_datetime64(out), series_of(date, n));
          },
          py::arg("date"), py::arg("n"), py::arg("roll") = "raise",
          "numpy.busday_offset on this calendar: date moved to a working day by roll ('raise', 'forward' or "
          "'following', 'backward' or 'preceding', 'modifiedfollowing', 'modifiedpreceding'), then n working days "
          "on. Scalars, arrays and Series as add_workdays.")
      .def(
          "__eq__",
          [](const Calendar& a, const Calendar& b) {
            const CalendarRules &x = a.rules(), &y = b.rules();
            return x.name == y.name && x.first == y.first && x.last == y.last && x.weekday_mask == y.weekday_mask &&
                   x.days == y.days;
          },
          py::arg("other"), "Equal when their rules are: name, coverage, weekdays and every special day.")
      .def("__hash__",
           [](const Calendar& c) {
             const CalendarRules& r = c.rules();
             return py::hash(py::make_tuple(r.name, r.first, r.last, r.weekday_mask, r.days.size()));
           })
      // Pickled as its rules (a few kB for the China calendar), rebuilt as from_rules builds them.
      .def(py::pickle(
          [](const Calendar& c) {
            const CalendarRules& r = c.rules();
            py::list holidays, makeup;
            for (const SpecialDay& d : r.days) (d.off ? holidays : makeup).append(py::make_tuple(d.date, d.name));
            return py::make_tuple(r.first, r.last, holidays, makeup, r.weekday_mask, r.name);
          },
          [from_rules](const py::tuple& t) {
            if (t.size() != 6)
              throw std::invalid_argument("a pickled calendar is (first, last, holidays, makeup, weekdays, name)");
            return from_rules(t[0], t[1], t[2], t[3], t[4], t[5].cast<std::string>());
          }))
      .def("__repr__", [](const Calendar& c) {
        return absl::StrFormat("<onetrip.Calendar '%s' %s..%s>", c.name(), format_date(c.coverage().first),
                               format_date(c.coverage().last));
      });
}

}  // namespace onetrip::python
