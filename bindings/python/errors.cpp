// One translator from absl::Status codes to the onetrip.Error hierarchy.
#include <cerrno>
#include <string>

#include "absl/strings/cord.h"
#include "bindings.hpp"
#include "onetrip/status.hpp"

namespace onetrip::python {

namespace {

// A message as Python text: a byte that is not UTF-8 (a file's name that is
// not, quoted in the message) written as \xff, where a strict decoding would
// raise UnicodeDecodeError in place of the error.
py::str text(std::string_view bytes) {
  PyObject* decoded = PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "backslashreplace");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

}  // namespace

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
          problems.append(errors.attr("Problem")(text(problem.path), text(problem.message)));
        }
        py::object cls = errors.attr(e.problems_class());
        py::object error = cls(text(e.what()), problems);
        PyErr_SetObject(cls.ptr(), error.ptr());
        return;
      }
      // A file that is not there: MissingFileError, a FileNotFoundError with
      // errno ENOENT and the file's name (what open() would raise).
      if (auto file = e.status().GetPayload(kMissingFilePayload)) {
        py::object cls = errors.attr("MissingFileError");
        // The name as os.fsdecode gives it: the caller's own str, surrogate escapes and all.
        const std::string name(*file);
        py::object error = cls(ENOENT, text(e.what()), py::module_::import("os").attr("fsdecode")(py::bytes(name)));
        PyErr_SetObject(cls.ptr(), error.ptr());
        return;
      }
      py::object cls = errors.attr("error_for_code")(static_cast<int>(e.status().code()));
      PyErr_SetObject(cls.ptr(), text(e.what()).ptr());
    }
  });
}

}  // namespace onetrip::python
