// A Python progress callable as the library's ProgressCallback, for the long
// calls made with the GIL released (onetrip/progress.hpp).
#ifndef ONETRIP_BINDINGS_PYTHON_PROGRESS_HPP_
#define ONETRIP_BINDINGS_PYTHON_PROGRESS_HPP_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "onetrip/progress.hpp"

namespace onetrip::python {

namespace py = pybind11;

// progress(done, total, phase) runs with the GIL held, on the calling thread.
// An exception it raises cancels the call and is raised again by rethrow()
// once the call has returned; so is a pending signal (Ctrl-C's
// KeyboardInterrupt), checked at each report. None is no progress.
class PyProgress {
 public:
  explicit PyProgress(py::handle progress) {
    if (progress.is_none()) return;
    if (!PyCallable_Check(progress.ptr())) {
      throw py::type_error("progress: expected None, True, False or a callable (done, total, phase), got " +
                           std::string(py::str(py::type::handle_of(progress).attr("__name__"))));
    }
    callable_ = py::reinterpret_borrow<py::object>(progress);
    callback_ = [this](int64_t done, int64_t total, std::string_view phase) {
      py::gil_scoped_acquire gil;
      if (error_) return ProgressAction::kCancel;
      try {
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        callable_(done, total, py::str(phase.data(), phase.size()));
      } catch (py::error_already_set& e) {
        error_.emplace(std::move(e));
        return ProgressAction::kCancel;
      }
      return ProgressAction::kContinue;
    };
  }
  PyProgress(const PyProgress&) = delete;
  PyProgress& operator=(const PyProgress&) = delete;
  ~PyProgress() {
    if (!callable_ && !error_) return;
    py::gil_scoped_acquire gil;  // the objects are released with the GIL held, whatever the caller's state
    error_.reset();
    callable_ = py::object();
  }

  const ProgressCallback& callback() const { return callback_; }

  // With the GIL held: raises what the callable raised, if it did.
  void rethrow() {
    if (!error_) return;
    py::error_already_set e = std::move(*error_);
    error_.reset();
    throw e;
  }

 private:
  py::object callable_;
  std::optional<py::error_already_set> error_;
  ProgressCallback callback_;
};

}  // namespace onetrip::python

#endif  // ONETRIP_BINDINGS_PYTHON_PROGRESS_HPP_
