// onetrip.Calendar: scalar methods take and give datetime.date; the same
// methods given arrays work over datetime64[D] without a Python object per day.
#include "onetrip/calendar.hpp"

#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "bindings.hpp"

namespace onetrip::python {

namespace {

// Text that looks like JSON is JSON; anything else (str or os.PathLike) is a path.
bool looks_like_json(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

Calendar calendar_from_source(py::handle source, const Calendar* base) {
  if (py::isinstance<py::bytes>(source) || py::isinstance<py::str>(source)) {
    const std::string text = source.cast<std::string>();  // str or bytes: always converts
    if (py::isinstance<py::bytes>(source) || looks_like_json(text)) {
      return unwrap(base ? base->with_json(text) : Calendar::from_json(text));
    }
    return unwrap(base ? base->with_json_file(text) : Calendar::from_json_file(text));
  }
  if (!py::hasattr(source, "__fspath__")) {
    throw py::type_error("source: expected JSON text, bytes or a path (str or os.PathLike), got " + type_name(source));
  }
  const std::string path = str_arg(py::module_::import("os").attr("fspath")(source), "source");
  return unwrap(base ? base->with_json_file(path) : Calendar::from_json_file(path));
}

std::vector<SpecialDay> special_days_from(py::handle days, bool off, const char* what) {
  std::vector<SpecialDay> out;
  for (py::handle item : days) {
    // A date, or a (date, name) pair.
    if (py::isinstance<py::tuple>(item) && py::len(item) == 2) {
      auto pair = py::reinterpret_borrow<py::tuple>(item);
      out.push_back({to_date(pair[0], what), off, str_arg(pair[1], what)});
    } else {
      out.push_back({to_date(item, what), off, off ? "holiday" : "makeup workday"});
    }
  }
  return out;
}

uint8_t weekday_mask_from(py::handle weekdays) {
  if (PyLong_Check(weekdays.ptr()) && !PyBool_Check(weekdays.ptr())) {
    const int64_t mask = int_arg(weekdays, "weekdays");
    if (mask <= 0 || mask > 0x7F) throw py::value_error("weekdays: a mask needs bits 0 (Monday) to 6 (Sunday)");
    return static_cast<uint8_t>(mask);
  }
  // An iterable of ISO weekday numbers, 1 = Monday … 7 = Sunday.
  if (!py::hasattr(weekdays, "__iter__")) {
    throw py::type_error("weekdays: expected a bit mask or ISO weekday numbers, got " + type_name(weekdays));
  }
  uint8_t mask = 0;
  for (py::handle day : weekdays) {
    const int64_t iso = int_arg(day, "weekdays");
    if (iso < 1 || iso > 7) throw py::value_error(absl::StrFormat("weekdays: %d is not an ISO weekday 1-7", iso));
    mask |= static_cast<uint8_t>(1u << (iso - 1));
  }
  return mask;
}

py::object add_workdays(const Calendar& calendar, py::handle start, py::handle n) {
  if (!is_array_like(start) && !is_array_like(n)) {
    return from_date(unwrap(calendar.add_workdays(to_date(start, "start"), int_arg(n, "n"))));
  }
  py::array_t<int64_t> days = to_epoch_days(start, "start", calendar);
  // An array of whole numbers: integral floats (2.0) pass, 1.7 and NaN are refused by row.
  py::array_t<int64_t> counts =
      int_column(n, "n", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  if (days.ndim() == 0) days = days.attr("reshape")(1);
  if (counts.ndim() == 0) counts = counts.attr("reshape")(1);
  if (days.size() == 1 && counts.size() > 1) days = days.attr("repeat")(counts.size());
  py::array_t<int64_t> out(days.size());
  {
    py::gil_scoped_release release;
    check(calendar.add_workdays(absl::MakeConstSpan(days.data(), days.size()),
                                absl::MakeConstSpan(counts.data(), counts.size()),
                                absl::MakeSpan(out.mutable_data(), out.size())));
  }
  return as_datetime64(out);
}

py::object count_workdays(const Calendar& calendar, py::handle start, py::handle end) {
  if (!is_array_like(start) && !is_array_like(end)) {
    return py::int_(unwrap(calendar.count_workdays(to_date(start, "start"), to_date(end, "end"))));
  }
  py::array_t<int64_t> s = to_epoch_days(start, "start", calendar);
  py::array_t<int64_t> e = to_epoch_days(end, "end", calendar);
  if (s.ndim() == 0) s = s.attr("reshape")(1);
  if (e.ndim() == 0) e = e.attr("reshape")(1);
  if (s.size() == 1 && e.size() > 1) s = s.attr("repeat")(e.size());
  py::array_t<int64_t> out(s.size());
  {
    py::gil_scoped_release release;
    check(calendar.count_workdays(absl::MakeConstSpan(s.data(), s.size()), absl::MakeConstSpan(e.data(), e.size()),
                                  absl::MakeSpan(out.mutable_data(), out.size())));
  }
  return std::move(out);
}

py::object is_workday(const Calendar& calendar, py::handle date) {
  if (!is_array_like(date)) return py::bool_(unwrap(calendar.is_workday(to_date(date, "date"))));
  py::array_t<int64_t> days = to_epoch_days(date, "date", calendar);
  if (days.ndim() == 0) days = days.attr("reshape")(1);
  py::array_t<bool> out(days.size());
  {
    py::gil_scoped_release release;
    check(calendar.is_workday(absl::MakeConstSpan(days.data(), days.size()),
                              absl::MakeSpan(out.mutable_data(), out.size())));
  }
  return std::move(out);
}

std::string day_repr(const DayInfo& d) {
  return absl::StrFormat("DayInfo(date=%s, kind='%s', workday=%s%s)", format_date(d.date), day_kind_name(d.kind),
                         d.workday ? "True" : "False",
                         d.name.empty() ? std::string() : absl::StrFormat(", name='%s'", d.name));
}

}  // namespace

void init_calendar(py::module_& m) {
  const auto from_rules = [](py::handle first, py::handle last, py::handle holidays, py::handle makeup_workdays,
                             py::handle weekdays, std::string name) {
    CalendarRules rules;
    rules.name = std::move(name);
    rules.first = to_date(first, "first");
    rules.last = to_date(last, "last");
    rules.weekday_mask = weekday_mask_from(weekdays);
    rules.days = special_days_from(holidays, true, "holidays");
    for (SpecialDay& d : special_days_from(makeup_workdays, false, "makeup_workdays")) {
      rules.days.push_back(std::move(d));
    }
    return unwrap(Calendar::from_rules(std::move(rules)));
  };

  py::class_<SpecialDay>(m, "SpecialDay", "A day the rules change from the weekday default.")
      .def_property_readonly("date", [](const SpecialDay& d) { return d.date; })
      .def_readonly("off", &SpecialDay::off, "True for a holiday, False for a makeup working day.")
      .def_readonly("name", &SpecialDay::name, "The festival it belongs to, e.g. '国庆节、中秋节'.")
      .def(field_pickle(&SpecialDay::date, &SpecialDay::off, &SpecialDay::name))
      .def(
          "__eq__", [](const SpecialDay& a, const SpecialDay& b) { return a == b; }, py::arg("other"))
      .def("__hash__", [](const SpecialDay& d) { return py::hash(py::make_tuple(d.date, d.off, d.name)); })
      .def("__repr__", [](const SpecialDay& d) {
        return absl::StrFormat("SpecialDay(date=%s, off=%s, name='%s')", format_date(d.date), d.off ? "True" : "False",
                               d.name);
      });

  py::class_<DayInfo>(m, "DayInfo", "What a date is on a calendar.")
      .def_property_readonly("date", [](const DayInfo& d) { return d.date; })
      .def_property_readonly(
          "kind", [](const DayInfo& d) { return day_kind_name(d.kind); },
          "'workday', 'weekend', 'holiday' or 'makeup workday'.")
      .def_readonly("workday", &DayInfo::workday)
      .def_property_readonly("name", [](const DayInfo& d) { return std::string(d.name); })
      .def("__repr__", &day_repr);

  py::class_<Calendar>(m, "Calendar", R"doc(
A working-day calendar: Monday to Friday (or another weekday set), minus
holidays, plus makeup working days, over a stated coverage. Immutable. A date
outside the coverage raises OutOfRangeError instead of being guessed.

Methods taking dates accept datetime.date or "YYYY-MM-DD"; given NumPy
datetime64 arrays (or pandas Series, or lists) they work over the whole array
and return arrays; NaT passes through add_workdays unchanged.)doc")
      .def_static("china", &Calendar::china,
                  "The official calendar of China from the State Council notices, 2007-01-01 to 2026-12-31.")
      .def_static(
          "from_json", [](py::handle source) { return calendar_from_source(source, nullptr); }, py::arg("source"),
          "A calendar from per-year JSON (one year or a list): JSON text, bytes, or a file path.")
      .def(
          "with_json", [](const Calendar& c, py::handle source) { return calendar_from_source(source, &c); },
          py::arg("source"), "A new calendar: this one plus the years of the JSON (e.g. next year's notice).")
      .def_static("from_rules", from_rules, py::arg("first"), py::arg("last"), py::arg("holidays") = py::tuple(),
                  py::arg("makeup_workdays") = py::tuple(), py::arg("weekdays") = kMondayToFriday,
                  py::arg("name") = "custom",
                  "A custom calendar. holidays and makeup_workdays hold dates or (date, name) pairs; weekdays "
                  "is a bit mask (bit 0 Monday) or ISO weekday numbers (1 = Monday).")
      .def_property_readonly("name", &Calendar::name)
      .def_property_readonly(
          "coverage", [](const Calendar& c) { return std::make_pair(c.coverage().first, c.coverage().last); },
          "(first, last): the dates the calendar covers, both included.")
      .def("is_workday", &is_workday, py::arg("date"))
      .def(
          "day", [](const Calendar& c, py::handle d) { return unwrap(c.day(to_date(d, "date"))); }, py::arg("date"),
          py::keep_alive<0, 1>())
      .def("add_workdays", &add_workdays, py::arg("start"), py::arg("n"),
           "The n-th working day after start (before it if n < 0); the start day is not counted.")
      .def("count_workdays", &count_workdays, py::arg("start"), py::arg("end"),
           "Working days d with start < d <= end (negative if end < start).")
      .def(
          "next_workday", [](const Calendar& c, py::handle d) { return unwrap(c.next_workday(to_date(d, "date"))); },
          py::arg("date"))
      .def(
          "previous_workday",
          [](const Calendar& c, py::handle d) { return unwrap(c.previous_workday(to_date(d, "date"))); },
          py::arg("date"))
      .def(
          "roll_forward", [](const Calendar& c, py::handle d) { return unwrap(c.roll_forward(to_date(d, "date"))); },
          py::arg("date"), "date itself if a working day, else the next working day.")
      .def(
          "special_days",
          [](const Calendar& c, int year, int month) {
            auto days = unwrap(c.special_days(year, month));
            return std::vector<SpecialDay>(days.begin(), days.end());
          },
          py::arg("year"), py::arg("month"), "The holidays and makeup working days of a month.")
      .def(
          "__eq__",
          [](const Calendar& a, const Calendar& b) {
            const CalendarRules &x = a.rules(), &y = b.rules();
            return x.name == y.name && x.first == y.first && x.last == y.last && x.weekday_mask == y.weekday_mask &&
                   x.days == y.days;
          },
          py::arg("other"), "Equal when their rules are: name, coverage, weekdays and every special day.")
      .def("__hash__",
           [](const Calendar& c) {
             const CalendarRules& r = c.rules();
             return py::hash(py::make_tuple(r.name, r.first, r.last, r.weekday_mask, r.days.size()));
           })
      // Pickled as its rules (a few kB for the China calendar), rebuilt as from_rules builds them.
      .def(py::pickle(
          [](const Calendar& c) {
            const CalendarRules& r = c.rules();
            py::list holidays, makeup;
            for (const SpecialDay& d : r.days) (d.off ? holidays : makeup).append(py::make_tuple(d.date, d.name));
            return py::make_tuple(r.first, r.last, holidays, makeup, r.weekday_mask, r.name);
          },
          [from_rules](const py::tuple& t) {
            if (t.size() != 6)
              throw std::invalid_argument("a pickled calendar is (first, last, holidays, makeup, weekdays, name)");
            return from_rules(t[0], t[1], t[2], t[3], t[4], t[5].cast<std::string>());
          }))
      .def("__repr__", [](const Calendar& c) {
        return absl::StrFormat("<onetrip.Calendar '%s' %s..%s>", c.name(), format_date(c.coverage().first),
                               format_date(c.coverage().last));
      });
}

}  // namespace onetrip::python
