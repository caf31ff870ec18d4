// Case clocks and the monthly report from Python.
#include <pybind11/stl.h>

#include <mutex>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "onetrip/clock.hpp"
#include "onetrip/report.hpp"

namespace onetrip::python {

namespace {

WarningThresholds thresholds_from(py::dict t) {
  WarningThresholds out;
  if (t.contains("yellow_days_left")) out.yellow_days_left = t["yellow_days_left"].cast<int32_t>();
  if (t.contains("yellow_used")) out.yellow_used = t["yellow_used"].cast<double>();
  if (t.contains("red_days_left")) out.red_days_left = t["red_days_left"].cast<int32_t>();
  if (t.contains("red_used")) out.red_used = t["red_used"].cast<double>();
  return out;
}

ClockEventKind event_kind(const std::string& name) {
  for (ClockEventKind k : {ClockEventKind::kAccepted, ClockEventKind::kPaused, ClockEventKind::kResumed,
                           ClockEventKind::kExtended, ClockEventKind::kCompleted}) {
    if (name == to_string(k)) return k;
  }
  throw py::value_error(absl::StrFormat("event \"%s\" is not accepted, paused, resumed, extended or completed", name));
}

PauseReason pause_reason(const std::string& name) {
  if (name == "supplement" || name == "补正") return PauseReason::kSupplement;
  if (name == "special procedure" || name == "special_procedure") return PauseReason::kSpecialProcedure;
  if (name == "other") return PauseReason::kOther;
  throw py::value_error(absl::StrFormat("pause reason \"%s\" is not supplement, special procedure or other", name));
}

// events: [(kind, date[, days or reason])]
py::dict clock_state_py(py::list events, const Calendar& calendar, py::handle as_of, py::dict thresholds) {
  std::vector<ClockEvent> cpp;
  for (py::handle item : events) {
    auto t = item.cast<py::tuple>();
    if (t.size() < 2) throw py::value_error("an event is (kind, date[, days or reason])");
    ClockEvent e;
    e.kind = event_kind(t[0].cast<std::string>());
    e.date = to_date(t[1], "event date");
    if (t.size() > 2) {
      if (e.kind == ClockEventKind::kPaused) {
        e.reason = pause_reason(t[2].cast<std::string>());
      } else {
        e.days = t[2].cast<int32_t>();
      }
    }
    cpp.push_back(e);
  }
  const ClockState s = unwrap(clock_state(cpp, calendar, to_date(as_of, "as_of"), thresholds_from(thresholds)));
  py::dict out;
  out["status"] = to_string(s.status);
  out["level"] = to_string(s.level);
  out["accepted"] = from_date(s.accepted);
  out["due"] = from_date(s.due);
  out["limit"] = s.limit;
  out["elapsed"] = s.elapsed;
  out["remaining"] = s.remaining;
  out["paused_days"] = s.paused_days;
  out["completed"] = s.completed ? from_date(*s.completed) : py::none();
  return out;
}

py::dict clock_columns_py(py::handle accepted, py::handle limit, py::handle extension, py::handle paused,
                          py::handle completed, py::handle as_of, const Calendar& calendar, py::dict thresholds) {
  py::array_t<int64_t> acc = to_epoch_days(accepted);
  const auto ints = [](py::handle v) -> py::array_t<int32_t> {
    return py::array_t<int32_t, py::array::c_style | py::array::forcecast>::ensure(
        py::module_::import("numpy").attr("ascontiguousarray")(v, "int32"));
  };
  py::array_t<int32_t> lim = ints(limit);
  py::array_t<int32_t> ext = extension.is_none() ? py::array_t<int32_t>(0) : ints(extension);
  py::array_t<int32_t> pau = paused.is_none() ? py::array_t<int32_t>(0) : ints(paused);
  py::array_t<int64_t> done = completed.is_none() ? py::array_t<int64_t>(0) : to_epoch_days(completed);
  const size_t n = acc.size();
  py::array_t<int64_t> due(n);
  py::array_t<int32_t> remaining(n);
  py::array_t<uint8_t> status(n), level(n);
  const Date day = to_date(as_of, "as_of");
  const WarningThresholds t = thresholds_from(thresholds);
  {
    py::gil_scoped_release release;
    check(clock_states({absl::MakeConstSpan(acc.data(), n), absl::MakeConstSpan(lim.data(), lim.size()),
                        absl::MakeConstSpan(ext.data(), ext.size()), absl::MakeConstSpan(pau.data(), pau.size()),
                        absl::MakeConstSpan(done.data(), done.size())},
                       calendar, day, t,
                       {absl::MakeSpan(due.mutable_data(), n), absl::MakeSpan(remaining.mutable_data(), n),
                        absl::MakeSpan(status.mutable_data(), n), absl::MakeSpan(level.mutable_data(), n)}));
  }
  py::dict out;
  out["due"] = as_datetime64(due);
  out["remaining"] = remaining;
  out["status"] = status;
  out["level"] = level;
  return out;
}

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

py::list problem_list(const std::vector<Problem>& problems) {
  py::list out;
  py::object problem = py::module_::import("onetrip.errors").attr("Problem");
  for (const Problem& p : problems) out.append(problem(p.path, p.message));
  return out;
}

// A column as a C-contiguous array of T, or an empty one for None.
template <class T>
py::array_t<T> column_array(py::handle values) {
  if (values.is_none()) return py::array_t<T>(0);
  return py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(values);
}

// A text column from Python: (codes, categories) or None; the categories are
// kept as UTF-8 here for the call's length.
struct TextArgument {
  py::array_t<int32_t> codes;
  std::vector<std::string> storage;
  std::vector<std::string_view> views;
  TextColumn column() const {
    if (codes.size() == 0 && storage.empty()) return {};
    return {absl::MakeConstSpan(codes.data(), static_cast<size_t>(codes.size())), views};
  }
};

TextArgument text_argument(py::dict texts, const char* name) {
  TextArgument out;
  if (!texts.contains(name) || texts[name].is_none()) return out;
  auto pair = texts[name].cast<py::tuple>();
  out.codes = column_array<int32_t>(pair[0]);
  for (py::handle c : pair[1]) out.storage.push_back(c.cast<std::string>());
  out.views.assign(out.storage.begin(), out.storage.end());
  return out;
}

// Report.add_frame's columns (onetrip/cases.py prepares them from the
// DataFrame): the accumulator reads the arrays where they are, with the GIL
// released; case_ids (a sequence, or None) is read only for a bad row.
py::list add_columns_py(SharedReport& r, size_t rows, py::dict texts, py::handle received, py::handle completed,
                        py::handle fee_fen, py::handle fee_yuan, py::handle joint, py::handle limit,
                        py::handle limit_given, py::object case_ids, bool strict) {
  const TextArgument case_id = text_argument(texts, "case_id"), matter = text_argument(texts, "matter"),
                     department = text_argument(texts, "department"), hall = text_argument(texts, "hall"),
                     kind = text_argument(texts, "kind");
  const auto days = column_array<int64_t>(received), done = column_array<int64_t>(completed),
             fen = column_array<int64_t>(fee_fen);
  const auto yuan = column_array<double>(fee_yuan);
  const auto joint_flags = column_array<uint8_t>(joint), given = column_array<uint8_t>(limit_given);
  const auto limits = column_array<int32_t>(limit);
  const auto span = [](const auto& a) { return absl::MakeConstSpan(a.data(), static_cast<size_t>(a.size())); };
  CaseColumns c;
  c.rows = rows;
  c.case_id = case_id.column();
  c.matter = matter.column();
  c.department = department.column();
  c.hall = hall.column();
  c.kind = kind.column();
  c.received = span(days);
  c.completed = span(done);
  c.fee_fen = span(fen);
  c.fee_yuan = span(yuan);
  c.joint = span(joint_flags);
  c.limit = span(limits);
  c.limit_given = span(given);
  if (!case_ids.is_none()) {
    c.case_id_of = [&case_ids](size_t row) {
      py::gil_scoped_acquire acquire;
      return py::str(case_ids[py::int_(row)]).cast<std::string>();
    };
  }
  std::vector<Problem> problems;
  const absl::Status s = locked(r, [&] { return r.report.add_columns(c, strict, &problems); });
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
  m.def("_clock_state", &clock_state_py);
  m.def("_clock_columns", &clock_columns_py);

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
            return problem_list(problems);
          },
          py::arg("text"), py::arg("strict") = false)
      .def(
          "add_csv_file",
          [](SharedReport& r, const std::string& path, bool strict) {
            std::vector<Problem> problems;
            const absl::Status s = locked(r, [&] { return r.report.add_csv_file(path, strict, &problems); });
            if (!s.ok()) throw StatusError(s, std::move(problems), "CaseRecordsError");
            return problem_list(problems);
          },
          py::arg("path"), py::arg("strict") = false)
      .def("add_columns", &add_columns_py, py::arg("rows"), py::arg("texts"), py::arg("received"), py::arg("completed"),
           py::arg("fee_fen"), py::arg("fee_yuan"), py::arg("joint"), py::arg("limit"), py::arg("limit_given"),
           py::arg("case_ids"), py::arg("strict") = false)
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
      .def("finish", [](const SharedReport& r, int year, int month) {
        return unwrap(locked(r, [&] { return r.report.finish(year, month); }));
      });
}

}  // namespace onetrip::python
