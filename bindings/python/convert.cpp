// Dates between Python and C++: datetime.date scalars and datetime64[D] arrays.
#include "absl/strings/str_cat.h"
#include "bindings.hpp"

namespace onetrip::python {

namespace {

py::object& datetime_module() {
  static py::object* module = new py::object(py::module_::import("datetime"));  // kept for the process
  return *module;
}

}  // namespace

int thread_count(int threads) {
  if (threads < 0) throw py::value_error("threads must be 0 (one per hardware thread) or more");
  return threads;
}

Date to_date(py::handle value, const char* what) {
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
  throw py::type_error(absl::StrCat(what, ": expected a datetime.date or an ISO date string, got ",
                                    py::str(py::type::of(value).attr("__name__")).cast<std::string>()));
}

py::object from_date(Date d) {
  const auto ymd = d.year_month_day();
  return datetime_module().attr("date")(static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                                        static_cast<int>(ymd.day));
}

bool is_array_like(py::handle value) {
  if (py::isinstance<py::array>(value) || py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    return true;
  }
  // pandas Series / Index and anything else that offers the array protocol.
  return py::hasattr(value, "__array__") && !py::isinstance<py::str>(value);
}

py::array_t<int64_t> to_epoch_days(py::handle value) {
  py::module_ numpy = py::module_::import("numpy");
  py::object days = numpy.attr("asarray")(value, "datetime64[D]");
  return py::array_t<int64_t, py::array::c_style | py::array::forcecast>(
      numpy.attr("ascontiguousarray")(days.attr("view")("int64")));
}

py::array as_datetime64(py::array_t<int64_t> days) { return days.attr("view")("datetime64[D]"); }

}  // namespace onetrip::python
