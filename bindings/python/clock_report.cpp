// The monthly report from Python (case clocks: clock.cpp).
#include <pybind11/stl.h>

#include <mutex>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "case_columns.hpp"
#include "onetrip/report.hpp"
#include "progress.hpp"

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

// A row for pickling: its texts and figures in the order of report_columns()
// (the ratios are computed from the figures). Every field of ReportRow is a
// column (lib/report.cpp asserts it), so every field travels.
py::tuple row_state(const ReportRow& r) {
  py::list out;
  for (const ReportColumn& c : report_columns()) {
    if (c.type == ReportColumnType::kText) out.append(r.*c.text);
    if (c.type == ReportColumnType::kCount || c.type == ReportColumnType::kMoneyFen) out.append(r.*c.figure);
  }
  return py::tuple(out);
}
ReportRow row_from_state(py::handle state) {
  ReportRow r;
  size_t i = 0;
  const auto t = py::reinterpret_borrow<py::tuple>(state);
  for (const ReportColumn& c : report_columns()) {
    if (c.type == ReportColumnType::kRatio) continue;
    if (i >= t.size()) throw py::value_error("a pickled report row with fewer columns than the report's");
    if (c.type == ReportColumnType::kText) r.*c.text = t[i++].cast<std::string>();
    if (c.type == ReportColumnType::kCount || c.type == ReportColumnType::kMoneyFen) {
      r.*c.figure = t[i++].cast<int64_t>();
    }
  }
  if (i != t.size()) throw py::value_error("a pickled report row with more columns than the report's");
  return r;
}
py::list rows_state(const std::vector<ReportRow>& rows) {
  py::list out;
  for (const ReportRow& r : rows) out.append(row_state(r));
  return out;
}
std::vector<ReportRow> rows_from_state(py::handle state) {
  std::vector<ReportRow> out;
  for (py::handle row : state) out.push_back(row_from_state(row));
  return out;
}

py::list problem_list(const std::vector<Problem>& problems) {
  py::list out;
  py::object problem = py::module_::import("onetrip.errors").attr("Problem");
  for (const Problem& p : problems) out.append(problem(p.path, p.message));
  return out;
}

// Report.add_frame's columns (onetrip/cases.py prepares them from the
// DataFrame): the accumulator reads the arrays where they are, with the GIL
// released; case_ids (a sequence, or None) is read only for a bad row.
py::list add_columns_py(SharedReport& r, size_t rows, py::dict texts, py::handle received, py::handle completed,
                        py::handle fee_fen, py::handle fee_yuan, py::handle joint, py::handle limit,
                        py::handle limit_given, py::object case_ids, bool strict, py::handle accepted,
                        py::handle progress_arg) {
  const FrameColumns frame(rows, texts, received, completed, fee_fen, fee_yuan, joint, limit, limit_given,
                           std::move(case_ids), accepted);
  const CaseColumns& c = frame.columns;
  PyProgress progress(progress_arg);
  std::vector<Problem> problems;
  const absl::Status s = locked(r, [&] { return r.report.add_columns(c, strict, &problems, progress.callback()); });
  progress.rethrow();
  if (!s.ok()) throw StatusError(s, std::move(problems), "CaseRecordsError");
  return problem_list(problems);
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
      .def("halls_text", &ReportTable::halls_text, py::arg("except_hall"))
      .def("__repr__",
           [](const ReportTable& t) {
             return absl::StrFormat("<onetrip._ReportTable %04d-%02d: %d windows, %d halls>", t.year, t.month,
                                    t.windows.size(), t.halls.size());
           })
      .def(
          "__eq__",
          [](const ReportTable& a, py::handle other) -> py::object {
            if (!py::isinstance<ReportTable>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const ReportTable& b = other.cast<const ReportTable&>();
            return py::bool_(
                a.year == b.year && a.month == b.month && rows_state(a.windows).equal(rows_state(b.windows)) &&
                rows_state(a.halls).equal(rows_state(b.halls)) && row_state(a.total).equal(row_state(b.total)));
          },
          py::arg("other"))
      .def(py::pickle(
          [](const ReportTable& t) {
            return py::make_tuple(t.year, t.month, rows_state(t.windows), rows_state(t.halls), row_state(t.total));
          },
          [](const py::tuple& t) {
            if (t.size() != 5) throw py::value_error("a pickled report table is (year, month, windows, halls, total)");
            ReportTable table;
            table.year = t[0].cast<int>();
            table.month = t[1].cast<int>();
            table.windows = rows_from_state(t[2]);
            table.halls = rows_from_state(t[3]);
            table.total = row_from_state(t[4]);
            return table;
          }));

  py::class_<SharedReport>(m, "_Report")
      .def(py::init([](const Calendar& calendar, const Catalog* catalog) {
             return std::unique_ptr<SharedReport>(new SharedReport{MonthlyReport(calendar, catalog), {}});
           }),
           py::arg("calendar"), py::arg("catalog") = nullptr, py::keep_alive<1, 3>())
      .def(
          "add_csv",
          [](SharedReport& r, const std::string& text, bool strict, py::handle progress_arg) {
            PyProgress progress(progress_arg);
            std::vector<Problem> problems;
            const absl::Status s =
                locked(r, [&] { return r.report.add_csv(text, strict, &problems, progress.callback()); });
            progress.rethrow();
            if (!s.ok()) throw StatusError(s, std::move(problems), "CaseRecordsError");
            return problem_list(problems);
          },
          py::arg("text"), py::arg("strict") = false, py::arg("progress") = py::none())
      .def(
          "add_csv_file",
          [](SharedReport& r, const std::string& path, bool strict, py::handle progress_arg) {
            PyProgress progress(progress_arg);
            std::vector<Problem> problems;
            const absl::Status s =
                locked(r, [&] { return r.report.add_csv_file(path, strict, &problems, progress.callback()); });
            progress.rethrow();
            if (!s.ok()) throw StatusError(s, std::move(problems), "CaseRecordsError");
            return problem_list(problems);
          },
          py::arg("path"), py::arg("strict") = false, py::arg("progress") = py::none())
      .def("add_columns", &add_columns_py, py::arg("rows"), py::arg("texts"), py::arg("received"), py::arg("completed"),
           py::arg("fee_fen"), py::arg("fee_yuan"), py::arg("joint"), py::arg("limit"), py::arg("limit_given"),
           py::arg("case_ids"), py::arg("strict") = false, py::arg("accepted") = py::none(),
           py::arg("progress") = py::none())
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
