// The monthly report from Python (case clocks: clock.cpp).
#include <pybind11/stl.h>

#include <mutex>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "onetrip/report.hpp"

namespace onetrip::python {

namespace {

// A report that Python threads may share. Reading case records runs without
// the GIL, so two threads could otherwise change the accumulator at once: every
// call takes the report's lock, after letting go of the GIL (a thread holding
// the lock may be waiting for the GIL to return).
struct SharedReport {
  MonthlyReport report;
  mutable std::mutex mutex;
};

template <class Body>
auto locked(const SharedReport& r, Body body) {
  py::gil_scoped_release release;
  std::lock_guard<std::mutex> lock(r.mutex);
  return body();
}

// One part of a finished report as {column name: values}, column by column
// from the report's column table: numbers as NumPy arrays, text as lists.
py::dict part_columns(const ReportTable& t, ReportPart part) {
  const auto rows = t.rows(part);
  py::dict out;
  for (const ReportColumn& c : report_columns()) {
    const py::str name(std::string(c.name));
    switch (c.type) {
      case ReportColumnType::kText: {
        py::list values;
        for (const ReportRow& r : rows) values.append(r.*c.text);
        out[name] = values;
        break;
      }
      case ReportColumnType::kCount:
      case ReportColumnType::kMoneyFen:
        out[name] = number_column<int64_t>(rows, [&](const ReportRow& r) { return r.*c.figure; });
        break;
      case ReportColumnType::kRatio:
        out[name] = number_column<double>(rows, [&](const ReportRow& r) { return c.ratio(r); });
        break;
    }
  }
  return out;
}

ReportPart part_named(const std::string& name) {
  if (name == "windows") return ReportPart::kWindows;
  if (name == "halls") return ReportPart::kHalls;
  if (name == "total") return ReportPart::kTotal;
  throw py::value_error(absl::StrFormat("part \"%s\" is not windows, halls or total", name));
}

}  // namespace

void init_clock_report(py::module_& m) {
  m.def("_report_columns", [] {
    py::list out;
    for (const ReportColumn& c : report_columns()) {
      out.append(py::make_tuple(std::string(c.name), std::string(c.label), std::string(to_string(c.type))));
    }
    return out;
  });

  py::class_<ReportTable>(m, "_ReportTable")
      .def_readonly("year", &ReportTable::year)
      .def_readonly("month", &ReportTable::month)
      .def(
          "columns", [](const ReportTable& t, const std::string& part) { return part_columns(t, part_named(part)); },
          py::arg("part"))
      .def(
          "csv", [](const ReportTable& t, const std::string& part) { return t.csv(part_named(part)); }, py::arg("part"))
      .def("windows_csv", &ReportTable::windows_csv, py::arg("hall"))
      .def("halls_csv", &ReportTable::halls_csv, py::arg("except_hall"))
      .def("windows_text", &ReportTable::windows_text, py::arg("hall"))
      .def("halls_text", &ReportTable::halls_text, py::arg("except_hall"));

  py::class_<SharedReport>(m, "_Report")
      .def(py::init([](const Calendar& calendar, const Catalog* catalog) {
             return std::unique_ptr<SharedReport>(new SharedReport{MonthlyReport(calendar, catalog), {}});
           }),
           py::arg("calendar"), py::arg("catalog") = nullptr, py::keep_alive<1, 3>())
      .def(
          "add_csv",
          [](SharedReport& r, const std::string& text, bool strict) {
            std::vector<Problem> problems;
            const absl::Status s = locked(r, [&] { return r.report.add_csv(text, strict, &problems); });
            if (!s.ok()) throw StatusError(s, std::move(problems), "CaseRecordsError");
            py::list out;
            py::object problem = py::module_::import("onetrip.errors").attr("Problem");
            for (const Problem& p : problems) out.append(problem(p.path, p.message));
            return out;
          },
          py::arg("text"), py::arg("strict") = false)
      .def(
          "merge",
          [](SharedReport& r, const SharedReport& other) {
            absl::Status s;
            {
              py::gil_scoped_release release;
              if (&r == &other) {
                std::lock_guard<std::mutex> lock(r.mutex);
                s = r.report.merge(other.report);
              } else {
                std::scoped_lock lock(r.mutex, other.mutex);
                s = r.report.merge(other.report);
              }
            }
            check(s);
          },
          py::arg("other"))
      .def_property_readonly("cases", [](const SharedReport& r) { return locked(r, [&] { return r.report.cases(); }); })
      .def_property_readonly("skipped",
                             [](const SharedReport& r) { return locked(r, [&] { return r.report.skipped(); }); })
      .def("finish", [](const SharedReport& r, int year,
                        int month) { return unwrap(locked(r, [&] { return r.report.finish(year, month); })); })
      // Pickling (onetrip.Report's __getstate__ and __setstate__): the calendar
      // and the accumulator's bytes; the catalogue travels beside them, kept
      // by onetrip.Report, and is kept alive by the restored report.
      .def("__getstate__",
           [](const SharedReport& r) {
             auto [calendar, state] =
                 locked(r, [&] { return std::make_pair(r.report.calendar(), r.report.save_state()); });
             return py::make_tuple(calendar, py::bytes(state));
           })
      .def_static(
          "_from_state",
          [](const Calendar& calendar, const Catalog* catalog, const py::bytes& state) {
            const std::string_view bytes(state);
            absl::StatusOr<MonthlyReport> report = MonthlyReport::load_state(calendar, catalog, bytes);
            return std::unique_ptr<SharedReport>(new SharedReport{unwrap(std::move(report)), {}});
          },
          py::arg("calendar"), py::arg("catalog"), py::arg("state"), py::keep_alive<0, 2>());
}

}  // namespace onetrip::python
