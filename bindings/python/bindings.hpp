// Internal to the Python module: the area initialisers and the conversions
// they share.
#ifndef ONETRIP_BINDINGS_PYTHON_BINDINGS_HPP_
#define ONETRIP_BINDINGS_PYTHON_BINDINGS_HPP_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "onetrip/calendar.hpp"
#include "onetrip/date.hpp"
#include "onetrip/problem.hpp"

namespace onetrip::python {

namespace py = pybind11;

// Carries a failed absl::Status to the translator, which raises the matching
// onetrip.Error subclass (errors.py).
class StatusError : public std::exception {
 public:
  // With problems, the error raised is `problems_class` of onetrip.errors
  // (CatalogError, ScenarioError, VolumesError), carrying them in .problems.
  explicit StatusError(absl::Status status, std::vector<Problem> problems = {},
                       const char* problems_class = "CatalogError")
      : status_(std::move(status)),
        message_(status_.message()),
        problems_(std::move(problems)),
        problems_class_(problems_class) {}
  const char* problems_class() const { return problems_class_; }
  const absl::Status& status() const { return status_; }
  // The problems of a failed load, each with its JSON path (raised as CatalogError).
  const std::vector<Problem>& problems() const { return problems_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  absl::Status status_;
  std::string message_;
  std::vector<Problem> problems_;
  const char* problems_class_;
};

inline void check(const absl::Status& status) {
  if (!status.ok()) throw StatusError(status);
}

template <class T>
T unwrap(absl::StatusOr<T> result) {
  if (!result.ok()) throw StatusError(result.status());
  return *std::move(result);
}

// datetime.date (not datetime.datetime: its time would be silently dropped),
// a pandas.Timestamp or numpy.datetime64 scalar that is a whole day, or an ISO
// "YYYY-MM-DD" string. `what` names the argument in errors; NaT is refused
// (the calendar's methods let it through before they call this).
Date to_date(py::handle value, const char* what);
py::object from_date(Date d);

// The date scalars besides datetime.date, told apart by type name (no import).
enum class DateScalar { kOther, kTimestamp, kPandasNaT, kDatetime64, kNumpyNaT };
DateScalar date_scalar_kind(py::handle value);
inline bool is_missing_date(py::handle value) {
  const DateScalar kind = date_scalar_kind(value);
  return kind == DateScalar::kPandasNaT || kind == DateScalar::kNumpyNaT;
}
// d in the form of `like`: a pandas.Timestamp for a Timestamp (or pandas.NaT),
// a numpy.datetime64[D] for a datetime64, else a datetime.date.
py::object date_like(py::handle like, Date d);

// Arguments from Python, each converted with a check and named in its error
// (docs/errors.md): a wrong type (a float, None or text where an integer is
// wanted) is a TypeError "what: expected …, got float"; an integer outside
// [lo, hi] (2**64 for an int64) is OutOfRangeError naming the value and the
// range. Never a wrapped or truncated value.
int64_t int_arg(py::handle value, const char* what, int64_t lo = std::numeric_limits<int64_t>::min(),
                int64_t hi = std::numeric_limits<int64_t>::max());
int32_t int32_arg(py::handle value, const char* what);
double real_arg(py::handle value, const char* what);  // an int or a float, finite
bool bool_arg(py::handle value, const char* what);
std::string str_arg(py::handle value, const char* what);
// A file path (str or os.PathLike) as the bytes the system takes (os.fsencode):
// a name that is not UTF-8 reaches Python as a str with surrogate escapes,
// which no UTF-8 conversion takes.
std::string path_arg(py::handle path, const char* what);
std::vector<std::string> str_list_arg(py::handle value, const char* what);  // an iterable of str, not a str
// None: the official calendar of China; else an onetrip.Calendar.
Calendar calendar_arg(py::handle value, const char* what = "calendar");
// The type's name, for messages: "float", "NoneType", "numpy.ndarray".
std::string type_name(py::handle value);

// Whether value should take the vectorised path (a NumPy array, a pandas
// Series or Index, a list of dates).
bool is_array_like(py::handle value);
// As datetime64[D] days since 1970-01-01 (NaT = kMissingDay), contiguous.
// Any datetime64 unit is accepted; a unit coarser than a day (Y, M, W) is
// checked before it is converted, so a value that is no date of `calendar`'s
// years is OutOfRangeError naming `what`, the row, the value and the
// calendar's coverage, never a wrapped day (NumPy's own cast wraps).
py::array_t<int64_t> to_epoch_days(py::handle value, const char* what, const Calendar& calendar);
// A column of whole numbers (a NumPy array, pandas Series, list or one
// number), checked value by value: integers in [lo, hi]; floats only when
// integral (2.0 is 2; 1.7, NaN and inf are refused); anything else is a
// TypeError. Errors name `what` and the row ("limit, row 3: 20.9 is not a
// whole number").
py::array_t<int64_t> int_column(py::handle value, const char* what, int64_t lo, int64_t hi);
py::array_t<int32_t> int32_column(py::handle value, const char* what);
py::array as_datetime64(py::array_t<int64_t> days);

// A column of numbers as a NumPy array, one element per item (a vector,
// span or MatterList): no Python object per row.
template <class T, class Items, class Get>
py::array_t<T> number_column(const Items& items, Get get) {
  py::array_t<T> out(static_cast<py::ssize_t>(items.size()));
  T* to = out.mutable_data();
  for (const auto& item : items) *to++ = static_cast<T>(get(item));
  return out;
}

// A column of Python objects (texts), into a list made at its full length.
template <class Items, class Get>
py::list object_column(const Items& items, Get get) {
  py::list out(items.size());
  size_t i = 0;
  for (const auto& item : items) out[i++] = get(item);
  return out;
}

// The methods every result record has, from its field names (the bound
// read-only properties): __repr__ "Name(a=1, b='x')", to_dict(), ==, and
// item access for code written when results were dicts (record["due"] works
// and warns DeprecationWarning: use record.due).
void add_record_methods(py::object cls, std::vector<const char*> fields);

// Pickling for a record that is a plain struct: its fields, in the order given,
// as a tuple (cls.def(field_pickle(&T::a, &T::b, …))). Every field must be given.
template <class T, class... F>
auto field_pickle(F T::*... fields) {
  return py::pickle([=](const T& v) { return py::make_tuple(v.*fields...); },
                    [=](const py::tuple& t) {
                      if (t.size() != sizeof...(F)) {
                        throw std::invalid_argument("a pickled record with another number of fields");
                      }
                      T v;
                      size_t i = 0;
                      ((v.*fields = t[i++].template cast<F>()), ...);
                      return v;
                    });
}

// A `threads=` argument: 0 (one per CPU the process may use) or more; ValueError otherwise.
int thread_count(int threads);

void init_errors(py::module_& m);
void init_calendar(py::module_& m);
void init_catalog(py::module_& m);
void init_evaluate(py::module_& m);
void init_reform(py::module_& m);
void init_clock(py::module_& m);
void init_clock_report(py::module_& m);

}  // namespace onetrip::python

namespace pybind11::detail {

// onetrip::Date is datetime.date: results give one (a typed signature in the
// .pyi), arguments take one (functions that also take ISO text take a
// py::handle and call to_date, which names the argument in its errors).
template <>
struct type_caster<onetrip::Date> {
  PYBIND11_TYPE_CASTER(onetrip::Date, const_name("datetime.date"));
  bool load(handle src, bool) {
    if (!PyObject_HasAttrString(src.ptr(), "isoformat") || PyObject_HasAttrString(src.ptr(), "hour")) return false;
    try {
      value = onetrip::python::to_date(src, "date");
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }
  static handle cast(const onetrip::Date& d, return_value_policy, handle) {
    return onetrip::python::from_date(d).release();
  }
};

}  // namespace pybind11::detail

#endif  // ONETRIP_BINDINGS_PYTHON_BINDINGS_HPP_
