// Case clocks from Python: one case's events (ClockState), and many cases'
// columns at once. Every number is checked where it enters (bindings.hpp).
#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "onetrip/clock.hpp"
#include "pickling.hpp"

namespace onetrip::python {

template <>
struct Fields<SpecialPeriod> {
  static constexpr auto list = std::make_tuple(&SpecialPeriod::kind, &SpecialPeriod::started, &SpecialPeriod::ended,
                                               &SpecialPeriod::notified_days, &SpecialPeriod::days);
};
template <>
struct Fields<ClockState> {
  static constexpr auto list = std::make_tuple(
      &ClockState::status, &ClockState::level, &ClockState::received, &ClockState::supplement_notice,
      &ClockState::acceptance_due, &ClockState::deemed_accepted, &ClockState::accepted, &ClockState::due,
      &ClockState::limit, &ClockState::extension, &ClockState::elapsed, &ClockState::remaining,
      &ClockState::paused_days, &ClockState::special_days, &ClockState::special_periods, &ClockState::completed,
      &ClockState::issue_due, &ClockState::issued, &ClockState::issued_late);
};

namespace {

// The options of a clock: the warning thresholds (yellow_days_left,
// yellow_used, red_days_left, red_used) and the law's numbers (acceptance_days,
// extension_limit, issue_days); any other key is a TypeError.
struct Options {
  WarningThresholds thresholds;
  ClockRules rules;
};

Options options_from(py::dict t) {
  Options out;
  for (auto [key, value] : t) {
    const std::string name = str_arg(key, "option name");
    if (name == "yellow_days_left") {
      out.thresholds.yellow_days_left = int32_arg(value, "yellow_days_left");
    } else if (name == "yellow_used") {
      out.thresholds.yellow_used = real_arg(value, "yellow_used");
    } else if (name == "red_days_left") {
      out.thresholds.red_days_left = int32_arg(value, "red_days_left");
    } else if (name == "red_used") {
      out.thresholds.red_used = real_arg(value, "red_used");
    } else if (name == "acceptance_days") {
      out.rules.acceptance_days = int32_arg(value, "acceptance_days");
    } else if (name == "extension_limit") {
      out.rules.extension_limit = int32_arg(value, "extension_limit");
    } else if (name == "issue_days") {
      out.rules.issue_days = int32_arg(value, "issue_days");
    } else {
      throw py::type_error(
          absl::StrFormat("unexpected option \"%s\": expected yellow_days_left, yellow_used, red_days_left, red_used, "
                          "acceptance_days, extension_limit or issue_days",
                          name));
    }
  }
  return out;
}

ClockEventKind event_kind(const std::string& name) {
  for (ClockEventKind k :
       {ClockEventKind::kAccepted, ClockEventKind::kPaused, ClockEventKind::kResumed, ClockEventKind::kExtended,
        ClockEventKind::kCompleted, ClockEventKind::kReceived, ClockEventKind::kSupplementNotice,
        ClockEventKind::kSpecialStarted, ClockEventKind::kSpecialEnded, ClockEventKind::kIssued}) {
    if (name == to_string(k)) return k;
  }
  throw py::value_error(
      absl::StrFormat("event \"%s\" is not received, supplement_notice, accepted, paused, resumed, extended, "
                      "special_started, special_ended, completed or issued",
                      name));
}

PauseReason pause_reason(const std::string& name) {
  if (name == "supplement" || name == "补正") return PauseReason::kSupplement;
  if (name == "special procedure" || name == "special_procedure") return PauseReason::kSpecialProcedure;
  if (name == "other") return PauseReason::kOther;
  for (PauseReason r :
       {PauseReason::kHearing, PauseReason::kTender, PauseReason::kAuction, PauseReason::kInspection,
        PauseReason::kTesting, PauseReason::kQuarantine, PauseReason::kAppraisal, PauseReason::kExpertReview}) {
    if (name == to_string(r)) return r;
  }
  throw py::value_error(absl::StrFormat(
      "reason \"%s\" is not other, supplement, special_procedure or a kind of 第四十五条 (听证、招标、拍卖、检验、"
      "检测、检疫、鉴定、专家评审)",
      name));
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
    if (t.size() < 2 || t.size() > 4) {
      throw py::value_error(at + ": an event is (kind, date[, days or reason]) or (special_started, date, kind, days)");
    }
    ClockEvent e;
    e.kind = event_kind(str_arg(t[0], (at + " kind").c_str()));
    e.date = to_date(t[1], (at + " date").c_str());
    if (e.kind == ClockEventKind::kSpecialStarted) {  // (special_started, date, kind, days notified)
      if (t.size() != 4)
        throw py::value_error(at + ": special_started is (special_started, date, kind, days notified)");
      e.reason = pause_reason(str_arg(t[2], (at + " kind").c_str()));
      e.days = int32_arg(t[3], (at + " days").c_str());
    } else if (t.size() > 3) {
      throw py::value_error(at + ": an event is (kind, date[, days or reason])");
    } else if (t.size() > 2) {
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
  const Options o = options_from(thresholds);
  return unwrap(clock_state(cpp, calendar_arg(calendar), to_date(as_of, "as_of"), o.thresholds, o.rules));
}

// The columns of many cases; `names` are the frame's column names, for errors.
py::tuple clock_columns_py(py::handle accepted, py::handle limit, py::handle extension, py::handle paused,
                           py::handle special, py::handle completed, py::handle as_of, py::handle calendar_value,
                           py::dict thresholds, py::dict names) {
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
  py::array_t<int32_t> spe =
      special.is_none() ? py::array_t<int32_t>(0) : int32_column(special, name("special_days").c_str());
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
  const Options o = options_from(thresholds);
  {
    py::gil_scoped_release release;
    check(clock_states({absl::MakeConstSpan(acc.data(), n), absl::MakeConstSpan(lim.data(), lim.size()),
                        absl::MakeConstSpan(ext.data(), ext.size()), absl::MakeConstSpan(pau.data(), pau.size()),
                        absl::MakeConstSpan(done.data(), done.size()), absl::MakeConstSpan(spe.data(), spe.size())},
                       calendar, day, o.thresholds,
                       {absl::MakeSpan(due.mutable_data(), n), absl::MakeSpan(remaining.mutable_data(), n),
                        absl::MakeSpan(status.mutable_data(), n), absl::MakeSpan(level.mutable_data(), n)},
                       o.rules));
  }
  return py::make_tuple(as_datetime64(due), remaining, status, level);
}

}  // namespace

void init_clock(py::module_& m) {
  py::class_<SpecialPeriod> period(m, "SpecialPeriod", "A 第四十五条 procedure of a case.");
  period.def_property_readonly("kind", [](const SpecialPeriod& p) { return std::string(to_string(p.kind)); })
      .def_property_readonly("started", [](const SpecialPeriod& p) { return p.started; })
      .def_property_readonly("ended", [](const SpecialPeriod& p) { return p.ended; })
      .def_readonly("notified_days", &SpecialPeriod::notified_days, "The time the applicant was told in writing.")
      .def_readonly("days", &SpecialPeriod::days, "Working days it took (so far).")
      .def(struct_pickle<SpecialPeriod>());
  add_record_methods(period, {"kind", "started", "ended", "notified_days", "days"});

  py::class_<ClockState> state(m, "ClockState", "A case's clock as of a date (CaseClock.as_of).");
  state
      .def_property_readonly(
          "status", [](const ClockState& s) { return std::string(to_string(s.status)); },
          "'received', 'awaiting correction', 'running', 'paused', 'special procedure', 'completed on time', "
          "'completed late' or 'overdue'.")
      .def_property_readonly(
          "level", [](const ClockState& s) { return std::string(to_string(s.level)); },
          "Warning level: 'normal', 'yellow' or 'red'.")
      .def_property_readonly("received", [](const ClockState& s) { return s.received; })
      .def_property_readonly("supplement_notice", [](const ClockState& s) { return s.supplement_notice; })
      .def_property_readonly(
          "acceptance_due", [](const ClockState& s) { return s.acceptance_due; },
          "Received + 5 working days (第三十二条).")
      .def_readonly("deemed_accepted", &ClockState::deemed_accepted,
                    "Accepted on receipt: no decision within the 5 working days (第三十二条).")
      .def_property_readonly(
          "accepted", [](const ClockState& s) { return s.accepted; },
          "The limit runs from here; None while received or awaiting correction.")
      .def_property_readonly(
          "due", [](const ClockState& s) { return s.due; },
          "Accepted + limit + extension + paused and 第四十五条 working days; None before acceptance.")
      .def_readonly("limit", &ClockState::limit, "Working days, with the extension.")
      .def_readonly("extension", &ClockState::extension, "The extension (第四十二条).")
      .def_readonly("elapsed", &ClockState::elapsed, "Working days counted against the limit.")
      .def_readonly("remaining", &ClockState::remaining, "limit - elapsed; negative when late.")
      .def_readonly("paused_days", &ClockState::paused_days, "Working days of pauses (another law's).")
      .def_readonly("special_days", &ClockState::special_days, "第四十五条's working days: not counted.")
      .def_readonly("special_periods", &ClockState::special_periods)
      .def_property_readonly(
          "completed", [](const ClockState& s) { return s.completed; }, "The decision.")
      .def_property_readonly(
          "issue_due", [](const ClockState& s) { return s.issue_due; }, "Completed + 10 working days (第四十四条).")
      .def_property_readonly("issued", [](const ClockState& s) { return s.issued; })
      .def_readonly("issued_late", &ClockState::issued_late)
      .def(struct_pickle<ClockState>());
  add_record_methods(state, {"status", "level", "received", "supplement_notice", "acceptance_due", "deemed_accepted",
                             "accepted", "due", "limit", "extension", "elapsed", "remaining", "paused_days",
                             "special_days", "special_periods", "completed", "issue_due", "issued", "issued_late"});

  m.def("_clock_state", &clock_state_py, py::arg("events"), py::arg("calendar"), py::arg("as_of"),
        py::arg("thresholds"), "One case's ClockState from its events (onetrip.CaseClock).");
  m.def("_clock_columns", &clock_columns_py, py::arg("accepted"), py::arg("limit"), py::arg("extension"),
        py::arg("paused_days"), py::arg("special_days"), py::arg("completed"), py::arg("as_of"), py::arg("calendar"),
        py::arg("thresholds"), py::arg("names"),
        "Many cases' clocks: (due, remaining, status codes, level codes) as arrays (onetrip.clocks).");
}

}  // namespace onetrip::python
