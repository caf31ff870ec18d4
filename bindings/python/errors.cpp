// One translator from absl::Status codes to the onetrip.Error hierarchy.
#include <cerrno>
#include <string>

#include "absl/strings/cord.h"
#include "bindings.hpp"
#include "onetrip/status.hpp"

namespace onetrip::python {

void init_errors(py::module_& m) {
  (void)m;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      py::object errors = py::module_::import("onetrip.errors");
      if (!e.problems().empty()) {
        py::list problems;
        for (const Problem& problem : e.problems()) {
          problems.append(errors.attr("Problem")(problem.path, problem.message));
        }
        py::object cls = errors.attr(e.problems_class());
        py::object error = cls(e.what(), problems);
        PyErr_SetObject(cls.ptr(), error.ptr());
        return;
      }
      // A file that is not there: MissingFileError, a FileNotFoundError with
      // errno ENOENT and the file's name (what open() would raise).
      if (auto file = e.status().GetPayload(kMissingFilePayload)) {
        py::object cls = errors.attr("MissingFileError");
        py::object error = cls(ENOENT, e.what(), std::string(*file));
        PyErr_SetObject(cls.ptr(), error.ptr());
        return;
      }
      py::object cls = errors.attr("error_for_code")(static_cast<int>(e.status().code()));
      PyErr_SetObject(cls.ptr(), py::str(e.what()).ptr());
    }
  });
}

}  // namespace onetrip::python
