// The C ABI of case clocks (the monthly report is in report.cpp).
#include "capi_internal.hpp"
#include "onetrip/clock.hpp"

namespace {

using onetrip::capi::fill;
using onetrip::capi::from_date;
using onetrip::capi::guard;
using onetrip::capi::to_date;

absl::StatusOr<onetrip::WarningThresholds> thresholds(const onetrip_clock_options* options) {
  onetrip::WarningThresholds t;
  if (options == nullptr) return t;
  if (options->struct_size < sizeof(onetrip_clock_options)) {
    return absl::InvalidArgumentError("options->struct_size is not set: use ONETRIP_CLOCK_OPTIONS_INIT");
  }
  t.yellow_days_left = options->yellow_days_left;
  t.yellow_used = options->yellow_used;
  t.red_days_left = options->red_days_left;
  t.red_used = options->red_used;
  return t;
}

absl::Status one_clock(const onetrip::Calendar& calendar, const onetrip_clock_event* events, size_t count,
                       onetrip::Date as_of, const onetrip::WarningThresholds& t, onetrip_clock_state* out) {
  if (count > 0 && events == nullptr) return onetrip::capi::null_argument("events");
  std::vector<onetrip::ClockEvent> cpp;
  cpp.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const onetrip_clock_event& e = events[i];
    if (static_cast<int>(e.kind) < 0 || static_cast<int>(e.kind) > ONETRIP_CLOCK_COMPLETED) {
      return absl::InvalidArgumentError(absl::StrCat("event ", i, ": kind ", static_cast<int>(e.kind), " is not one"));
    }
    if (static_cast<int>(e.reason) < 0 || static_cast<int>(e.reason) > ONETRIP_PAUSE_OTHER) {
      return absl::InvalidArgumentError(
          absl::StrCat("event ", i, ": reason ", static_cast<int>(e.reason), " is not one"));
    }
    auto date = to_date(e.date, absl::StrCat("event ", i, " date").c_str());
    if (!date.ok()) return date.status();
    cpp.push_back(
        {static_cast<onetrip::ClockEventKind>(e.kind), *date, e.days, static_cast<onetrip::PauseReason>(e.reason)});
  }
  auto s = onetrip::clock_state(cpp, calendar, as_of, t);
  if (!s.ok()) return s.status();
  onetrip_clock_state full = ONETRIP_CLOCK_STATE_INIT;
  full.status = static_cast<onetrip_clock_status>(s->status);
  full.level = static_cast<onetrip_warning_level>(s->level);
  full.due = from_date(s->due);
  full.limit = s->limit;
  full.elapsed = s->elapsed;
  full.remaining = s->remaining;
  full.paused_days = s->paused_days;
  full.completed = s->completed.has_value();
  if (s->completed) full.completed_on = from_date(*s->completed);
  return fill(full, out);
}

}  // namespace

extern "C" {

onetrip_status onetrip_clock_state_get(const onetrip_calendar* calendar, const onetrip_clock_event* events,
                                       size_t event_count, onetrip_date as_of, const onetrip_clock_options* options,
                                       onetrip_clock_state* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    auto t = thresholds(options);
    if (!t.ok()) return t.status();
    auto day = to_date(as_of, "as_of");
    if (!day.ok()) return day.status();
    return one_clock(calendar->value, events, event_count, *day, *t, out);
  });
}

onetrip_status onetrip_clock_states_batch(const onetrip_calendar* calendar, const onetrip_clock_event* events,
                                          const size_t* offsets, size_t case_count, onetrip_date as_of,
                                          const onetrip_clock_options* options, onetrip_clock_state* out,
                                          onetrip_status* out_statuses) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(offsets);
    if (case_count > 0) ONETRIP_REQUIRE(out);
    auto t = thresholds(options);
    if (!t.ok()) return t.status();
    auto day = to_date(as_of, "as_of");
    if (!day.ok()) return day.status();
    for (size_t i = 0; i < case_count; ++i) {
      if (offsets[i + 1] < offsets[i]) {
        return absl::InvalidArgumentError(absl::StrCat("offsets[", i + 1, "] is below offsets[", i, "]"));
      }
      absl::Status s = one_clock(calendar->value, events == nullptr ? nullptr : events + offsets[i],
                                 offsets[i + 1] - offsets[i], *day, *t, &out[i]);
      if (out_statuses != nullptr) {
        out_statuses[i] = static_cast<onetrip_status>(s.code());
      } else if (!s.ok()) {
        return absl::Status(s.code(), absl::StrCat("case ", i, ": ", s.message()));
      }
    }
    return absl::OkStatus();
  });
}

}  // extern "C"
