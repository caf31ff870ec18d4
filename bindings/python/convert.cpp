// Values between Python and C++: dates (datetime.date scalars, datetime64
// arrays), numbers and texts, each checked at the boundary and named in its
// error; nothing is wrapped, truncated or guessed.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bindings.hpp"

namespace onetrip::python {

namespace {

py::object& datetime_module() {
  static py::object* module = new py::object(py::module_::import("datetime"));  // kept for the process
  return *module;
}

py::module_ numpy() { return py::module_::import("numpy"); }

[[noreturn]] void wrong_type(const char* what, const char* expected, py::handle value) {
  throw py::type_error(absl::StrCat(what, ": expected ", expected, ", got ", type_name(value)));
}

[[noreturn]] void out_of_range(const std::string& what, const std::string& value, int64_t lo, int64_t hi) {
  throw StatusError(absl::OutOfRangeError(absl::StrFormat("%s: %s is outside %d..%d", what, value, lo, hi)));
}

// A Python int or a NumPy integer scalar; not bool (True is no count), not a
// float, not an array (whose __index__ works for one element).
bool is_integer(py::handle value) {
  if (PyBool_Check(value.ptr())) return false;
  return PyLong_Check(value.ptr()) || py::isinstance(value, numpy().attr("integer"));
}

std::string row(const char* what, size_t i) { return absl::StrFormat("%s, row %d", what, i); }

}  // namespace

std::string type_name(py::handle value) {
  py::handle type = reinterpret_cast<PyObject*>(Py_TYPE(value.ptr()));
  const std::string module = py::str(type.attr("__module__"));
  const std::string name = py::str(type.attr("__qualname__"));
  return module == "builtins" ? name : absl::StrCat(module, ".", name);
}

int thread_count(int threads) {
  if (threads < 0) throw py::value_error("threads must be 0 (one per CPU the process may use) or more");
  return threads;
}

int64_t int_arg(py::handle value, const char* what, int64_t lo, int64_t hi) {
  if (!is_integer(value)) wrong_type(what, "an integer", value);
  py::int_ number = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (!number) throw py::error_already_set();
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
  if (overflow != 0 || v < lo || v > hi) out_of_range(what, py::str(number), lo, hi);
  return static_cast<int64_t>(v);
}

int32_t int32_arg(py::handle value, const char* what) {
  return static_cast<int32_t>(
      int_arg(value, what, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}

double real_arg(py::handle value, const char* what) {
  if (!is_integer(value) && !PyFloat_Check(value.ptr()) && !py::isinstance(value, numpy().attr("floating"))) {
    wrong_type(what, "a number", value);
  }
  const double v = PyFloat_AsDouble(value.ptr());  // ints too (2**1024 overflows: raised below)
  if (PyErr_Occurred()) throw py::error_already_set();
  if (!std::isfinite(v)) {
    throw StatusError(absl::InvalidArgumentError(
        absl::StrCat(what, ": ", py::str(value).cast<std::string>(), " is not a finite number")));
  }
  return v;
}

bool bool_arg(py::handle value, const char* what) {
  if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
  if (py::isinstance(value, numpy().attr("bool_"))) return PyObject_IsTrue(value.ptr()) == 1;
  wrong_type(what, "True or False", value);
}

std::string str_arg(py::handle value, const char* what) {
  if (!py::isinstance<py::str>(value)) wrong_type(what, "a str", value);
  return value.cast<std::string>();
}

std::string path_arg(py::handle path, const char* what) {
  if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__")) {
    wrong_type(what, "a str or os.PathLike", path);
  }
  py::module_ os = py::module_::import("os");
  return os.attr("fsencode")(os.attr("fspath")(path)).cast<std::string>();
}

std::vector<std::string> str_list_arg(py::handle value, const char* what) {
  if (py::isinstance<py::str>(value) || !py::hasattr(value, "__iter__")) {
    wrong_type(what, "an iterable of str (a list, not one str)", value);
  }
  std::vector<std::string> out;
  size_t i = 0;
  for (py::handle item : value) {
    if (!py::isinstance<py::str>(item)) wrong_type(row(what, i).c_str(), "a str", item);
    out.push_back(item.cast<std::string>());
    ++i;
  }
  return out;
}

Calendar calendar_arg(py::handle value, const char* what) {
  if (value.is_none()) return Calendar::china();
  if (!py::isinstance<Calendar>(value)) wrong_type(what, "an onetrip.Calendar or None (China)", value);
  return value.cast<const Calendar&>();
}

DateScalar date_scalar_kind(py::handle value) {
  // By the type's name: no import of pandas or NumPy for a plain date.
  const std::string_view type = Py_TYPE(value.ptr())->tp_name;
  const auto from_pandas = [&] {
    const std::string module = py::str(py::type::handle_of(value).attr("__module__"));
    return module.rfind("pandas.", 0) == 0;
  };
  if (type == "Timestamp" && from_pandas()) return DateScalar::kTimestamp;
  if (type == "NaTType" && from_pandas()) return DateScalar::kPandasNaT;
  if (type == "numpy.datetime64") {
    // NaT != NaT (PyObject_RichCompareBool would answer "equal" for the same object).
    auto equal = py::reinterpret_steal<py::object>(PyObject_RichCompare(value.ptr(), value.ptr(), Py_EQ));
    if (!equal) throw py::error_already_set();
    return PyObject_IsTrue(equal.ptr()) == 1 ? DateScalar::kDatetime64 : DateScalar::kNumpyNaT;
  }
  return DateScalar::kOther;
}

namespace {

// A pandas.Timestamp at midnight: its own (wall-clock) date. A time of day is
// refused, as for datetime.datetime: it would be dropped without a word.
Date timestamp_date(py::handle value, const char* what) {
  const bool midnight = value.attr("hour").cast<int>() == 0 && value.attr("minute").cast<int>() == 0 &&
                        value.attr("second").cast<int>() == 0 && value.attr("microsecond").cast<int>() == 0 &&
                        value.attr("nanosecond").cast<int>() == 0;
  if (!midnight) {
    throw StatusError(absl::InvalidArgumentError(
        absl::StrCat(what, ": ", py::str(value).cast<std::string>(),
                     " has a time of day; a working-day calendar takes dates (use .normalize() or .date())")));
  }
  return unwrap(
      make_date(value.attr("year").cast<int>(), value.attr("month").cast<int>(), value.attr("day").cast<int>()));
}

// A numpy.datetime64 scalar of any unit that is a whole day. Y, M and W are
// checked against the years a date can have before NumPy's unchecked cast.
Date datetime64_date(py::handle value, const char* what) {
  py::module_ np = numpy();
  const std::string unit = py::str(np.attr("datetime_data")(value.attr("dtype"))[py::int_(0)]);
  const int64_t raw = value.attr("astype")("int64").cast<int64_t>();
  const auto bound = [&](const char* text) {
    return np.attr("datetime64")(text, "D").attr("astype")(value.attr("dtype")).attr("astype")("int64").cast<int64_t>();
  };
  if (unit == "Y" || unit == "M" || unit == "W") {
    if (raw < bound("1400-01-01") || raw > bound("9999-12-31")) {
      throw StatusError(absl::OutOfRangeError(absl::StrFormat(
          "%s: %d (datetime64[%s] counted from 1970) is not a date of the years 1400-9999", what, raw, unit)));
    }
  }
  py::object day = value.attr("astype")("datetime64[D]");
  if (PyObject_RichCompareBool(day.attr("astype")(value.attr("dtype")).ptr(), value.ptr(), Py_EQ) != 1) {
    throw StatusError(absl::InvalidArgumentError(
        absl::StrCat(what, ": ", py::repr(value).cast<std::string>(),
                     " has a time of day; a working-day calendar takes dates (use .astype('datetime64[D]'))")));
  }
  auto date = from_epoch_day(day.attr("astype")("int64").cast<int64_t>());
  if (!date.ok()) throw StatusError(absl::OutOfRangeError(absl::StrCat(what, ": ", date.status().message())));
  return *date;
}

}  // namespace

Date to_date(py::handle value, const char* what) {
  switch (date_scalar_kind(value)) {
    case DateScalar::kTimestamp:
      return timestamp_date(value, what);
    case DateScalar::kDatetime64:
      return datetime64_date(value, what);
    case DateScalar::kPandasNaT:
    case DateScalar::kNumpyNaT:
      throw StatusError(absl::InvalidArgumentError(absl::StrCat(what, ": a missing date (NaT) is no date here")));
    case DateScalar::kOther:
      break;
  }
  py::object datetime = datetime_module().attr("datetime");
  py::object date = datetime_module().attr("date");
  if (py::isinstance(value, datetime)) {
    throw py::type_error(absl::StrCat(what, ": expected a datetime.date, got a datetime.datetime (use .date())"));
  }
  if (py::isinstance(value, date)) {
    auto d = make_date(value.attr("year").cast<int>(), value.attr("month").cast<int>(), value.attr("day").cast<int>());
    return unwrap(std::move(d));
  }
  if (py::isinstance<py::str>(value)) {
    auto d = parse_date(value.cast<std::string>());
    if (!d.ok()) throw StatusError(absl::InvalidArgumentError(absl::StrCat(what, ": ", d.status().message())));
    return *d;
  }
  wrong_type(what, "a datetime.date, pandas.Timestamp, numpy.datetime64 or an ISO date string", value);
}

py::object date_like(py::handle like, Date d) {
  switch (date_scalar_kind(like)) {
    case DateScalar::kTimestamp: {
      py::object out = py::module_::import("pandas").attr("Timestamp")(from_date(d));
      py::object tz = py::reinterpret_borrow<py::object>(like).attr("tz");
      return tz.is_none() ? out : out.attr("tz_localize")(tz);  // the same wall-clock zone
    }
    case DateScalar::kPandasNaT:
      return py::module_::import("pandas").attr("Timestamp")(from_date(d));
    case DateScalar::kDatetime64:
    case DateScalar::kNumpyNaT:
      return numpy().attr("datetime64")(format_date(d), "D");
    case DateScalar::kOther:
      break;
  }
  return from_date(d);
}

py::object from_date(Date d) {
  const auto ymd = d.year_month_day();
  return datetime_module().attr("date")(static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                                        static_cast<int>(ymd.day));
}

bool is_array_like(py::handle value) {
  if (is_integer(value)) return false;  // an int, or a NumPy integer scalar (numpy.int32(20))
  if (date_scalar_kind(value) != DateScalar::kOther) return false;  // a datetime64 scalar has __array__ too
  if (py::isinstance<py::array>(value) || py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    return true;
  }
  // pandas Series / Index and anything else that offers the array protocol.
  return py::hasattr(value, "__array__") && !py::isinstance<py::str>(value);
}

py::array_t<int64_t> to_epoch_days(py::handle value, const char* what, const Calendar& calendar) {
  py::module_ np = numpy();
  py::object days;
  try {
    // A zoned pandas column or index: its wall-clock dates, as a zoned
    // Timestamp gives its own; NumPy would take each instant's day in UTC.
    py::object source = py::reinterpret_borrow<py::object>(value);
    if (py::hasattr(value, "dtype") && py::hasattr(value.attr("dtype"), "tz") &&
        !value.attr("dtype").attr("tz").is_none()) {
      source = py::module_::import("pandas").attr("DatetimeIndex")(value).attr("tz_localize")(py::none());
    }
    py::object array = np.attr("asarray")(source);
    const std::string kind = py::str(array.attr("dtype").attr("kind"));
    if (kind == "O") {
      // One by one as a scalar is read (a zone's wall-clock date; a time of
      // day or a datetime.datetime refused, as they are alone); None, NaT and
      // "" are missing. NumPy would read a zoned time as its UTC day and drop
      // a time of day.
      py::object flat = array.attr("ravel")();
      const py::ssize_t n = py::len(flat);
      py::array_t<int64_t> out(n);
      int64_t* to = out.mutable_data();
      for (py::ssize_t i = 0; i < n; ++i) {
        py::object item = flat[py::int_(i)];
        const DateScalar scalar = date_scalar_kind(item);
        if (item.is_none() || scalar == DateScalar::kPandasNaT || scalar == DateScalar::kNumpyNaT ||
            (py::isinstance<py::str>(item) && py::len(item) == 0)) {
          to[i] = kMissingDay;
        } else {
          to[i] = to_epoch_day(to_date(item, row(what, static_cast<size_t>(i)).c_str()));
        }
      }
      return py::array_t<int64_t, py::array::c_style | py::array::forcecast>(out.attr("reshape")(array.attr("shape")));
    }
    if (kind != "M" && kind != "O" && kind != "U" && kind != "S") {
      // Numbers are no dates: NumPy would read 1.5 as day 1 and wrap a uint64.
      throw py::type_error(absl::StrCat(what, ": expected dates (datetime64, datetime.date or ISO text), got ",
                                        type_name(value), " of ", py::str(array.attr("dtype")).cast<std::string>()));
    }
    if (kind == "M") {
      const std::string unit = py::str(np.attr("datetime_data")(array.attr("dtype"))[py::int_(0)]);
      if (unit == "Y" || unit == "M" || unit == "W") {
        // NumPy's cast to days multiplies without a check: compare in the
        // array's own unit with the calendar's coverage first.
        const Coverage coverage = calendar.coverage();
        py::array_t<int64_t> bounds =
            np.attr("array")(py::make_tuple(format_date(coverage.first), format_date(coverage.last)), "datetime64[D]")
                .attr("astype")(array.attr("dtype"))
                .attr("view")("int64");
        const int64_t lo = bounds.at(0), hi = bounds.at(1);
        py::array_t<int64_t> raw = np.attr("ascontiguousarray")(array.attr("view")("int64")).attr("ravel")();
        for (py::ssize_t i = 0; i < raw.size(); ++i) {
          const int64_t v = raw.at(i);
          if (v != kMissingDay && (v < lo || v > hi)) {
            throw StatusError(absl::OutOfRangeError(absl::StrFormat(
                "%s: %d (datetime64[%s] counted from 1970) is outside the calendar's coverage (%s covers %s to %s)",
                row(what, static_cast<size_t>(i)), v, unit, calendar.name(), format_date(coverage.first),
                format_date(coverage.last))));
          }
        }
      }
      days = array.attr("astype")("datetime64[D]");
      // A time of day is refused, as in a scalar: it would be dropped without a word.
      py::array_t<int64_t> cut = np.attr("flatnonzero")(np.attr("logical_not")(np.attr("logical_or")(
          days.attr("astype")(array.attr("dtype")).attr("__eq__")(array), np.attr("isnat")(array))));
      if (cut.size() > 0) {
        const int64_t i = cut.at(0);
        throw StatusError(absl::InvalidArgumentError(absl::StrCat(
            row(what, static_cast<size_t>(i)), ": ", py::repr(array.attr("ravel")()[py::int_(i)]).cast<std::string>(),
            " has a time of day; a working-day calendar takes dates (use .astype('datetime64[D]') or .normalize())")));
      }
    } else {
      days = np.attr("asarray")(value, "datetime64[D]");
    }
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
    throw py::type_error(absl::StrCat(what, ": expected dates (datetime64, datetime.date or ISO text), got ",
                                      type_name(value), " (", e.what(), ")"));
  }
  return py::array_t<int64_t, py::array::c_style | py::array::forcecast>(
      np.attr("ascontiguousarray")(days.attr("view")("int64")));
}

py::array as_datetime64(py::array_t<int64_t> days) { return days.attr("view")("datetime64[D]"); }

py::array_t<int64_t> int_column(py::handle value, const char* what, int64_t lo, int64_t hi) {
  py::module_ np = numpy();
  py::array array = np.attr("asarray")(value);
  if (array.ndim() == 0) array = array.attr("reshape")(1);
  array = np.attr("ascontiguousarray")(array.attr("ravel")());
  const char kind = array.dtype().kind();
  const size_t n = static_cast<size_t>(array.size());
  py::array_t<int64_t> out(static_cast<py::ssize_t>(n));
  int64_t* to = out.mutable_data();
  if (kind == 'i') {
    auto in = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(array);
    for (size_t i = 0; i < n; ++i) {
      const int64_t v = in.data()[i];
      if (v < lo || v > hi) out_of_range(row(what, i), absl::StrCat(v), lo, hi);
      to[i] = v;
    }
  } else if (kind == 'u') {
    auto in = py::array_t<uint64_t, py::array::c_style | py::array::forcecast>::ensure(array);
    for (size_t i = 0; i < n; ++i) {
      const uint64_t v = in.data()[i];
      if (v > static_cast<uint64_t>(hi) || (lo > 0 && v < static_cast<uint64_t>(lo))) {
        out_of_range(row(what, i), absl::StrCat(v), lo, hi);
      }
      to[i] = static_cast<int64_t>(v);
    }
  } else if (kind == 'f') {
    auto in = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(array);
    for (size_t i = 0; i < n; ++i) {
      const double v = in.data()[i];
      if (!std::isfinite(v) || v != std::trunc(v)) {
        throw StatusError(absl::InvalidArgumentError(absl::StrCat(row(what, i), ": ", v, " is not a whole number")));
      }
      // Compared as doubles: 2**63 is a double that no int64 holds.
      if (v < static_cast<double>(lo) || v >= static_cast<double>(hi) + 1.0) {
        out_of_range(row(what, i), absl::StrFormat("%.0f", v), lo, hi);
      }
      to[i] = static_cast<int64_t>(v);
    }
  } else if (kind == 'O') {
    for (size_t i = 0; i < n; ++i) {
      const std::string at = row(what, i);
      to[i] = int_arg(array.attr("item")(i), at.c_str(), lo, hi);
    }
  } else {
    throw py::type_error(
        absl::StrCat(what, ": expected whole numbers, got an array of ", py::str(array.dtype()).cast<std::string>()));
  }
  return out;
}

py::array_t<int32_t> int32_column(py::handle value, const char* what) {
  py::array_t<int64_t> wide =
      int_column(value, what, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  return py::array_t<int32_t, py::array::c_style | py::array::forcecast>::ensure(wide.attr("astype")("int32"));
}

void add_record_methods(py::object cls, std::vector<const char*> fields) {
  py::tuple names(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) names[i] = py::str(fields[i]);
  cls.attr("_fields") = names;
  cls.attr("__repr__") = py::cpp_function(
      [names](py::handle self) {
        std::string out = py::str(py::type::of(self).attr("__name__"));
        out += "(";
        for (size_t i = 0; i < names.size(); ++i) {
          if (i) out += ", ";
          absl::StrAppend(&out, py::str(names[i]).cast<std::string>(), "=",
                          py::repr(self.attr(names[i])).cast<std::string>());
        }
        return out + ")";
      },
      py::is_method(cls));
  cls.attr("to_dict") = py::cpp_function(
      [names](py::handle self) {
        py::dict out;
        for (py::handle name : names) out[name] = self.attr(name);
        return out;
      },
      py::is_method(cls), "The fields as a dict, in order.");
  cls.attr("__eq__") = py::cpp_function(
      [names](py::handle self, py::handle other) -> py::object {
        if (!py::type::of(self).is(py::type::of(other))) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        for (py::handle name : names) {
          if (!self.attr(name).equal(other.attr(name))) return py::bool_(false);
        }
        return py::bool_(true);
      },
      py::is_method(cls), py::arg("other"));
  cls.attr("__hash__") = py::none();
  cls.attr("_repr_html_") =
      py::cpp_function([](py::handle self) { return py::module_::import("onetrip.results").attr("record_html")(self); },
                       py::is_method(cls), "The fields as an HTML table, for Jupyter.");
  cls.attr("__getitem__") = py::cpp_function(
      [names](py::handle self, py::handle key) -> py::object {
        bool known = false;
        for (py::handle name : names) known = known || name.equal(key);
        if (!known) throw py::key_error(py::repr(key).cast<std::string>());
        const std::string type = py::str(py::type::of(self).attr("__name__"));
        const std::string field = py::str(key);
        py::module_::import("warnings")
            .attr("warn")(absl::StrFormat("%s[\"%s\"]: results are no longer dicts; use .%s", type, field, field),
                          py::module_::import("builtins").attr("DeprecationWarning"), 1);
        return self.attr(key);
      },
      py::is_method(cls), py::arg("key"));
}

}  // namespace onetrip::python
