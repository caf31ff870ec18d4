// The compiled half of the onetrip Python package; onetrip/__init__.py is the
// public face.
#include "bindings.hpp"
#include "onetrip/version.hpp"

namespace onetrip::python {
void init_listing(py::module_& m);  // listing.cpp
void init_bpmn(py::module_& m);     // bpmn.cpp
void init_roadmap(py::module_& m);  // roadmap.cpp
void init_notice(py::module_& m);   // notice.cpp
}  // namespace onetrip::python

PYBIND11_MODULE(_onetrip, m) {
  m.doc() = "onetrip: trips, working-day deadlines and reforms of government approval services";
  m.attr("__version__") = onetrip::version_string();
  onetrip::python::init_errors(m);
  onetrip::python::init_calendar(m);
  onetrip::python::init_catalog(m);
  onetrip::python::init_evaluate(m);
  onetrip::python::init_reform(m);
  onetrip::python::init_clock(m);
  onetrip::python::init_clock_report(m);
  onetrip::python::init_listing(m);
  onetrip::python::init_bpmn(m);
  onetrip::python::init_roadmap(m);
  onetrip::python::init_notice(m);
}
