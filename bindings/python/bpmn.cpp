// BPMN 2.0 out and in (onetrip/bpmn.hpp) for onetrip/bpmn.py: a bundle as a
// process definition's XML text, and a process definition read back into a
// catalogue with the elements that were not mapped.
#include <pybind11/stl.h>

#include <string>
#include <utility>

#include "bindings.hpp"
#include "onetrip/bpmn.hpp"

namespace onetrip::python {

void init_bpmn(py::module_& m) {
  m.def(
      "_bpmn_export",
      [](const Catalog& catalog, const std::string& bundle, py::handle engine, py::handle accepted, py::handle calendar,
         py::handle business_calendar) {
        auto index = catalog.find_bundle(bundle);
        if (!index) throw StatusError(absl::NotFoundError("no bundle \"" + bundle + "\" in the catalogue"));
        BpmnOptions options;
        options.engine = unwrap(parse_bpmn_engine(str_arg(engine, "engine")));
        options.business_calendar = str_arg(business_calendar, "business_calendar");
        Calendar cal = calendar_arg(calendar);
        if (!accepted.is_none()) {
          options.accepted = to_date(accepted, "accepted");
          options.calendar = &cal;
        }
        absl::StatusOr<std::string> xml;
        {
          py::gil_scoped_release release;
          xml = export_bpmn(catalog, *index, options);
        }
        return unwrap(std::move(xml));
      },
      py::arg("catalog"), py::arg("bundle"), py::arg("engine"), py::arg("accepted"), py::arg("calendar"),
      py::arg("business_calendar"));

  // (catalog, bundle id, [(id, kind, note)]) from XML text or bytes.
  m.def(
      "_bpmn_import",
      [](py::handle xml) {
        std::string bytes;
        if (py::isinstance<py::bytes>(xml)) {
          bytes = xml.cast<std::string>();
        } else if (py::isinstance<py::str>(xml)) {
          bytes = xml.cast<std::string>();
        } else {
          throw py::type_error("xml: expected str or bytes, got " + type_name(xml));
        }
        absl::StatusOr<BpmnImport> imported;
        {
          py::gil_scoped_release release;
          imported = import_bpmn(bytes);
        }
        BpmnImport result = unwrap(std::move(imported));
        py::list unmapped;
        for (const BpmnUnmapped& u : result.unmapped) unmapped.append(py::make_tuple(u.id, u.kind, u.note));
        return py::make_tuple(std::move(result.catalog), result.bundle_id, unmapped);
      },
      py::arg("xml"));
}

}  // namespace onetrip::python
