// Case clocks from Python: one case's events (ClockState), and many cases'
// columns at once. Every number is checked where it enters (bindings.hpp).
#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "onetrip/clock.hpp"

namespace onetrip::python {

namespace {

// yellow_days_left, yellow_used, red_days_left, red_used; any other key is a TypeError.
WarningThresholds thresholds_from(py::dict t) {
  WarningThresholds out;
  for (auto [key, value] : t) {
    const std::string name = str_arg(key, "threshold name");
    if (name == "yellow_days_left") {
      out.yellow_days_left = int32_arg(value, "yellow_days_left");
    } else if (name == "yellow_used") {
      out.yellow_used = real_arg(value, "yellow_used");
    } else if (name == "red_days_left") {
      out.red_days_left = int32_arg(value, "red_days_left");
    } else if (name == "red_used") {
      out.red_used = real_arg(value, "red_used");
    } else {
      throw py::type_error(absl::StrFormat(
          "unexpected threshold \"%s\": expected yellow_days_left, yellow_used, red_days_left or red_used", name));
    }
  }
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
std::vector<ClockEvent> events_from(py::handle events) {
  if (!py::hasattr(events, "__iter__") || py::isinstance<py::str>(events)) {
    throw py::type_error("events: expected a list of (kind, date[, days or reason]) tuples, got " + type_name(events));
  }
  std::vector<ClockEvent> out;
  size_t i = 0;
  for (py::handle item : events) {
    const std::string at = absl::StrFormat("events[%d]", i++);
    if (!py::isinstance<py::tuple>(item) && !py::isinstance<py::list>(item)) {
      throw py::type_error(at + ": expected a (kind, date[, days or reason]) tuple, got " + type_name(item));
    }
    py::sequence t = py::reinterpret_borrow<py::sequence>(item);
    if (t.size() < 2 || t.size() > 3) throw py::value_error(at + ": an event is (kind, date[, days or reason])");
    ClockEvent e;
    e.kind = event_kind(str_arg(t[0], (at + " kind").c_str()));
    e.date = to_date(t[1], (at + " date").c_str());
    if (t.size() > 2) {
      if (e.kind == ClockEventKind::kPaused) {
        e.reason = pause_reason(str_arg(t[2], (at + " reason").c_str()));
      } else {
        e.days = int32_arg(t[2], (at + " days").c_str());
      }
    }
    out.push_back(e);
  }
  return out;
}

ClockState clock_state_py(py::handle events, py::handle calendar, py::handle as_of, py::dict thresholds) {
  const std::vector<ClockEvent> cpp = events_from(events);
  return unwrap(clock_state(cpp, calendar_arg(calendar), to_date(as_of, "as_of"), thresholds_from(thresholds)));
}

// The columns of many cases; `names` are the frame's column names, for errors.
py::tuple clock_columns_py(py::handle accepted, py::handle limit, py::handle extension, py::handle paused,
                           py::handle completed, py::handle as_of, py::handle calendar_value, py::dict thresholds,
                           py::dict names) {
  const Calendar calendar = calendar_arg(calendar_value);
  const auto name = [&](const char* key) {
    return names.contains(key) ? absl::StrFormat("column '%s'", py::str(names[key]).cast<std::string>())
                               : std::string(key);
  };
  py::array_t<int64_t> acc = to_epoch_days(accepted, name("accepted").c_str(), calendar);
  py::array_t<int32_t> lim = int32_column(limit, name("limit").c_str());
  py::array_t<int32_t> ext =
      extension.is_none() ? py::array_t<int32_t>(0) : int32_column(extension, name("extension").c_str());
  py::array_t<int32_t> pau =
      paused.is_none() ? py::array_t<int32_t>(0) : int32_column(paused, name("paused_days").c_str());
  py::array_t<int64_t> done =
      completed.is_none() ? py::array_t<int64_t>(0) : to_epoch_days(completed, name("completed").c_str(), calendar);
  const size_t n = acc.size();
  // The library adds a case's limit, extension and paused days in 32 bits:
  // a sum past that is past any calendar, refused here by row.
  if (lim.size() == static_cast<py::ssize_t>(n) && (ext.size() == 0 || ext.size() == lim.size()) &&
      (pau.size() == 0 || pau.size() == lim.size())) {
    for (size_t i = 0; i < n; ++i) {
      const int64_t total = int64_t{lim.at(i)} + (ext.size() ? ext.at(i) : 0) + (pau.size() ? pau.at(i) : 0);
      if (total > std::numeric_limits<int32_t>::max()) {
        throw StatusError(absl::OutOfRangeError(absl::StrFormat(
            "row %d: limit, extension and paused days add up to %d working days, past any calendar (at most %d)", i,
            total, std::numeric_limits<int32_t>::max())));
      }
    }
  }
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
  return py::make_tuple(as_datetime64(due), remaining, status, level);
}

}  // namespace

void init_clock(py::module_& m) {
  py::class_<ClockState> state(m, "ClockState", "A case's clock as of a date (CaseClock.as_of).");
  state
      .def_property_readonly(
          "status", [](const ClockState& s) { return std::string(to_string(s.status)); },
          "'running', 'paused', 'completed on time', 'completed late' or 'overdue'.")
      .def_property_readonly(
          "level", [](const ClockState& s) { return std::string(to_string(s.level)); },
          "Warning level: 'normal', 'yellow' or 'red'.")
      .def_property_readonly("accepted", [](const ClockState& s) { return s.accepted; })
      .def_property_readonly(
          "due", [](const ClockState& s) { return s.due; }, "Acceptance + limit + extensions + paused working days.")
      .def_readonly("limit", &ClockState::limit, "Working days, with extensions.")
      .def_readonly("elapsed", &ClockState::elapsed, "Working days counted against the limit.")
      .def_readonly("remaining", &ClockState::remaining, "limit - elapsed; negative when late.")
      .def_readonly("paused_days", &ClockState::paused_days, "Working days not counted (补正, special procedures).")
      .def_property_readonly("completed", [](const ClockState& s) { return s.completed; });
  add_record_methods(
      state, {"status", "level", "accepted", "due", "limit", "elapsed", "remaining", "paused_days", "completed"});

  m.def("_clock_state", &clock_state_py, py::arg("events"), py::arg("calendar"), py::arg("as_of"),
        py::arg("thresholds"), "One case's ClockState from its events (onetrip.CaseClock).");
  m.def("_clock_columns", &clock_columns_py, py::arg("accepted"), py::arg("limit"), py::arg("extension"),
        py::arg("paused_days"), py::arg("completed"), py::arg("as_of"), py::arg("calendar"), py::arg("thresholds"),
        py::arg("names"),
        "Many cases' clocks: (due, remaining, status codes, level codes) as arrays (onetrip.clocks).");
}

}  // namespace onetrip::python
