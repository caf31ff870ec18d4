// Internal to the Python module: the area initialisers and the conversions
// they share.
#ifndef ONETRIP_BINDINGS_PYTHON_BINDINGS_HPP_
#define ONETRIP_BINDINGS_PYTHON_BINDINGS_HPP_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
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

// datetime.date (not datetime.datetime: its time would be silently dropped)
// or an ISO "YYYY-MM-DD" string. `what` names the argument in errors.
Date to_date(py::handle value, const char* what);
py::object from_date(Date d);

// Whether value should take the vectorised path (a NumPy array, a pandas
// Series or Index, a list of dates).
bool is_array_like(py::handle value);
// As datetime64[D] days since 1970-01-01 (NaT = kMissingDay), contiguous.
py::array_t<int64_t> to_epoch_days(py::handle value);
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

// A `threads=` argument: 0 (one per hardware thread) or more; ValueError otherwise.
int thread_count(int threads);

void init_errors(py::module_& m);
void init_calendar(py::module_& m);
void init_catalog(py::module_& m);
void init_evaluate(py::module_& m);
void init_reform(py::module_& m);
void init_clock_report(py::module_& m);

}  // namespace onetrip::python

#endif  // ONETRIP_BINDINGS_PYTHON_BINDINGS_HPP_
