// The monthly report from Python (case clocks: clock.cpp).
#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "onetrip/report.hpp"

namespace onetrip::python {

namespace {

py::dict row_dict(const ReportRow& r) {
  py::dict d;
  d["hall"] = r.hall;
  d["window"] = r.department;
  d["recv_m"] = r.received_month;
  d["recv_m_imm"] = r.received_month_immediate;
  d["recv_m_prom"] = r.received_month_promised;
  d["recv_c"] = r.received_year;
  d["recv_c_imm"] = r.received_year_immediate;
  d["recv_c_prom"] = r.received_year_promised;
  d["done_m"] = r.completed_month;
  d["done_m_imm"] = r.completed_month_immediate;
  d["done_m_prom"] = r.completed_month_promised;
  d["done_c"] = r.completed_year;
  d["done_c_imm"] = r.completed_year_immediate;
  d["done_c_prom"] = r.completed_year_promised;
  d["fee_m_fen"] = r.fee_month_fen;
  d["fee_c_fen"] = r.fee_year_fen;
  d["pending"] = r.pending;
  d["joint_recv_m"] = r.joint_received_month;
  d["joint_recv_c"] = r.joint_received_year;
  d["joint_done_m"] = r.joint_completed_month;
  d["joint_done_c"] = r.joint_completed_year;
  d["joint_pending"] = r.joint_pending;
  d["on_time_m"] = r.on_time_month;
  d["late_m"] = r.late_month;
  d["overdue_pending"] = r.overdue_pending;
  d["without_limit_m"] = r.without_limit_month;
  return d;
}

}  // namespace

void init_clock_report(py::module_& m) {
  py::class_<ReportTable>(m, "_ReportTable")
      .def_readonly("year", &ReportTable::year)
      .def_readonly("month", &ReportTable::month)
      .def("windows_rows",
           [](const ReportTable& t) {
             py::list out;
             for (const ReportRow& r : t.windows) out.append(row_dict(r));
             return out;
           })
      .def("halls_rows",
           [](const ReportTable& t) {
             py::list out;
             for (const ReportRow& r : t.halls) out.append(row_dict(r));
             return out;
           })
      .def("windows_csv", &ReportTable::windows_csv, py::arg("hall"))
      .def("halls_csv", &ReportTable::halls_csv, py::arg("except_hall"));

  py::class_<MonthlyReport>(m, "_Report")
      .def(py::init([](const Calendar& calendar, const Catalog* catalog) {
             return std::make_unique<MonthlyReport>(calendar, catalog);
           }),
           py::arg("calendar"), py::arg("catalog") = nullptr, py::keep_alive<1, 3>())
      .def(
          "add_csv",
          [](MonthlyReport& r, const std::string& text, bool strict) {
            std::vector<Problem> problems;
            absl::Status s;
            {
              py::gil_scoped_release release;
              s = r.add_csv(text, strict, &problems);
            }
            if (!s.ok()) throw StatusError(s, std::move(problems), "CaseRecordsError");
            py::list out;
            py::object problem = py::module_::import("onetrip.errors").attr("Problem");
            for (const Problem& p : problems) out.append(problem(p.path, p.message));
            return out;
          },
          py::arg("text"), py::arg("strict") = false)
      .def("merge", &MonthlyReport::merge, py::arg("other"))
      .def_property_readonly("cases", &MonthlyReport::cases)
      .def_property_readonly("skipped", &MonthlyReport::skipped)
      .def("finish", [](const MonthlyReport& r, int year, int month) { return unwrap(r.finish(year, month)); });
}

}  // namespace onetrip::python
