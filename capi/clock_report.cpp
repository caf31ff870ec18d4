// The C ABI of case clocks (the monthly report is in report.cpp).
#include <algorithm>

#include "capi_internal.hpp"
#include "onetrip/clock.hpp"

namespace {

using onetrip::capi::from_date;
using onetrip::capi::guard;
using onetrip::capi::to_date;

struct Options {
  onetrip::WarningThresholds thresholds;
  onetrip::ClockRules rules;
};

absl::StatusOr<Options> options_from(const onetrip_clock_options* options) {
  auto given = onetrip::capi::read_struct(options, "options");
  if (!given.ok()) return given.status();
  Options o;
  o.thresholds.yellow_days_left = given->yellow_days_left;
  o.thresholds.yellow_used = given->yellow_used;
  o.thresholds.red_days_left = given->red_days_left;
  o.thresholds.red_used = given->red_used;
  if (given->acceptance_days < 0 || given->extension_limit < 0 || given->issue_days < 0) {
    return absl::InvalidArgumentError("options: acceptance_days, extension_limit and issue_days are not negative");
  }
  o.rules.acceptance_days = given->acceptance_days;
  o.rules.extension_limit = given->extension_limit;
  o.rules.issue_days = given->issue_days;
  return o;
}

onetrip_date optional_date(const std::optional<onetrip::Date>& d) { return d ? from_date(*d) : onetrip_date{0, 0, 0}; }

// One case's state from its events.
absl::StatusOr<onetrip_clock_state> one_clock(const onetrip::Calendar& calendar, const onetrip_clock_event* events,
                                              size_t count, onetrip::Date as_of, const Options& o) {
  if (count > 0 && events == nullptr) return onetrip::capi::null_argument("events");
  std::vector<onetrip::ClockEvent> cpp;
  cpp.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const onetrip_clock_event& e = events[i];
    if (static_cast<int>(e.kind) < 0 || static_cast<int>(e.kind) > ONETRIP_CLOCK_ISSUED) {
      return absl::InvalidArgumentError(absl::StrCat("event ", i, ": kind ", static_cast<int>(e.kind), " is not one"));
    }
    if (static_cast<int>(e.reason) < 0 || static_cast<int>(e.reason) > ONETRIP_PAUSE_EXPERT_REVIEW) {
      return absl::InvalidArgumentError(
          absl::StrCat("event ", i, ": reason ", static_cast<int>(e.reason), " is not one"));
    }
    auto date = to_date(e.date, [&] { return absl::StrCat("event ", i, " date"); });
    if (!date.ok()) return date.status();
    cpp.push_back({onetrip::capi::to_cpp(e.kind), *date, e.days, onetrip::capi::to_cpp(e.reason)});
  }
  auto s = onetrip::clock_state(cpp, calendar, as_of, o.thresholds, o.rules);
  if (!s.ok()) return s.status();
  onetrip_clock_state full = ONETRIP_CLOCK_STATE_INIT;
  full.status = onetrip::capi::to_c(s->status);
  full.level = onetrip::capi::to_c(s->level);
  full.due = optional_date(s->due);
  full.limit = s->limit;
  full.elapsed = s->elapsed;
  full.remaining = s->remaining;
  full.paused_days = s->paused_days;
  full.completed = s->completed.has_value();
  if (s->completed) full.completed_on = from_date(*s->completed);
  full.received = optional_date(s->received);
  full.supplement_notice = optional_date(s->supplement_notice);
  full.acceptance_due = optional_date(s->acceptance_due);
  full.deemed_accepted = s->deemed_accepted;
  full.accepted = optional_date(s->accepted);
  full.extension = s->extension;
  full.special_days = s->special_days;
  full.issue_due = optional_date(s->issue_due);
  full.issued = s->issued.has_value();
  full.issued_on = optional_date(s->issued);
  full.issued_late = s->issued_late;
  return full;
}

// Element i of a caller's array of states whose elements are `stride` bytes
// (the struct_size of the header the caller was built with).
onetrip_clock_state* element(onetrip_clock_state* out, size_t i, uint32_t stride) {
  return reinterpret_cast<onetrip_clock_state*>(reinterpret_cast<char*>(out) + i * stride);
}

}  // namespace

extern "C" {

onetrip_status onetrip_clock_state_get(const onetrip_calendar* calendar, const onetrip_clock_event* events,
                                       size_t event_count, onetrip_date as_of, const onetrip_clock_options* options,
                                       onetrip_clock_state* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    if (auto s = onetrip::capi::check_struct(out, "out"); !s.ok()) return s;
    auto t = options_from(options);
    if (!t.ok()) return t.status();
    auto day = to_date(as_of, "as_of");
    if (!day.ok()) return day.status();
    auto state = one_clock(calendar->value, events, event_count, *day, *t);
    if (!state.ok()) return state.status();
    return onetrip::capi::write_struct(*state, out);
  });
}

onetrip_status onetrip_clock_states_batch(const onetrip_calendar* calendar, const onetrip_clock_event* events,
                                          const size_t* offsets, size_t case_count, onetrip_date as_of,
                                          const onetrip_clock_options* options, onetrip_clock_state* out,
                                          onetrip_status* out_statuses) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(offsets);
    if (case_count == 0) return absl::OkStatus();
    ONETRIP_REQUIRE(out);
    // Everything about the arguments is checked before the first case, and
    // the results are written only once every case is done: a failed call
    // leaves out and out_statuses as they were.
    const uint32_t stride = out[0].struct_size;
    if (auto s = onetrip::capi::check_struct(out, "out[0]"); !s.ok()) return s;
    for (size_t i = 1; i < case_count; ++i) {
      if (element(out, i, stride)->struct_size != stride) {
        return absl::InvalidArgumentError(absl::StrCat("out[", i, "].struct_size is ",
                                                       element(out, i, stride)->struct_size, ", out[0]'s is ", stride,
                                                       ": every element is initialised alike"));
      }
    }
    for (size_t i = 0; i < case_count; ++i) {
      if (offsets[i + 1] < offsets[i]) {
        return absl::InvalidArgumentError(absl::StrCat("offsets[", i + 1, "] is below offsets[", i, "]"));
      }
    }
    if (events == nullptr && offsets[case_count] != offsets[0]) return onetrip::capi::null_argument("events");
    auto t = options_from(options);
    if (!t.ok()) return t.status();
    auto day = to_date(as_of, "as_of");
    if (!day.ok()) return day.status();
    std::vector<onetrip_clock_state> states(case_count);
    std::vector<onetrip_status> statuses(case_count, ONETRIP_OK);
    for (size_t i = 0; i < case_count; ++i) {
      auto state = one_clock(calendar->value, events == nullptr ? nullptr : events + offsets[i],
                             offsets[i + 1] - offsets[i], *day, *t);
      if (state.ok()) {
        states[i] = *state;
      } else if (out_statuses != nullptr) {
        statuses[i] = onetrip::capi::to_c(state.status().code());
      } else {
        return absl::Status(state.status().code(), absl::StrCat("case ", i, ": ", state.status().message()));
      }
    }
    for (size_t i = 0; i < case_count; ++i) {
      if (statuses[i] != ONETRIP_OK) continue;  // a failed case's state is left as it was
      // Cannot fail: every element's struct_size was checked above.
      if (auto s = onetrip::capi::write_struct(states[i], element(out, i, stride)); !s.ok()) return s;
    }
    if (out_statuses != nullptr) std::copy(statuses.begin(), statuses.end(), out_statuses);
    return absl::OkStatus();
  });
}

}  // extern "C"
