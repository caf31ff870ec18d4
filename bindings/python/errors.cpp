// One translator from absl::Status codes to the onetrip.Error hierarchy.
#include "bindings.hpp"

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
      py::object cls = errors.attr("error_for_code")(static_cast<int>(e.status().code()));
      PyErr_SetObject(cls.ptr(), py::str(e.what()).ptr());
    }
  });
}

}  // namespace onetrip::python
