// Case clocks and the monthly report from Python.
#include <pybind11/stl.h>

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
  m.def("_clock_state", &clock_state_py);
  m.def("_clock_columns", &clock_columns_py);

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
