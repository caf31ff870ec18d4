#include "onetrip/clock.hpp"

#include <limits>

#include "absl/strings/str_format.h"

namespace onetrip {

const char* to_string(ClockStatus status) {
  switch (status) {
    case ClockStatus::kRunning:
      return "running";
    case ClockStatus::kPaused:
      return "paused";
    case ClockStatus::kCompletedOnTime:
      return "completed on time";
    case ClockStatus::kCompletedLate:
      return "completed late";
    case ClockStatus::kOverdue:
      return "overdue";
  }
  return "?";
}

const char* to_string(WarningLevel level) {
  switch (level) {
    case WarningLevel::kNormal:
      return "normal";
    case WarningLevel::kYellow:
      return "yellow";
    case WarningLevel::kRed:
      return "red";
  }
  return "?";
}

const char* to_string(ClockEventKind kind) {
  switch (kind) {
    case ClockEventKind::kAccepted:
      return "accepted";
    case ClockEventKind::kPaused:
      return "paused";
    case ClockEventKind::kResumed:
      return "resumed";
    case ClockEventKind::kExtended:
      return "extended";
    case ClockEventKind::kCompleted:
      return "completed";
  }
  return "?";
}

const char* to_string(PauseReason reason) {
  switch (reason) {
    case PauseReason::kSupplement:
      return "supplement";
    case PauseReason::kSpecialProcedure:
      return "special procedure";
    case PauseReason::kOther:
      return "other";
  }
  return "?";
}

namespace {

// Status and level from the counted figures.
void classify(ClockState& s, Date as_of, const WarningThresholds& t, bool paused) {
  if (s.completed) {
    s.status = *s.completed <= s.due ? ClockStatus::kCompletedOnTime : ClockStatus::kCompletedLate;
    s.level = WarningLevel::kNormal;
    return;
  }
  if (as_of > s.due) {
    s.status = ClockStatus::kOverdue;
    s.level = WarningLevel::kRed;
    return;
  }
  s.status = paused ? ClockStatus::kPaused : ClockStatus::kRunning;
  const double used = s.limit > 0 ? static_cast<double>(s.elapsed) / s.limit : 1.0;
  if (s.remaining <= t.red_days_left || used >= t.red_used) {
    s.level = WarningLevel::kRed;
  } else if (s.remaining <= t.yellow_days_left || used >= t.yellow_used) {
    s.level = WarningLevel::kYellow;
  } else {
    s.level = WarningLevel::kNormal;
  }
}

// Due date, elapsed and remaining days, status and level, once the limit,
// paused days and completion are known; `counted_until` is the last day that
// counts (completion, the start of a running pause, or the date asked).
absl::Status finish(ClockState& s, const Calendar& calendar, Date as_of, Date counted_until, bool paused,
                    const WarningThresholds& t) {
  // In 64 bits: both are at most INT32_MAX (see days_sum), their sum is not.
  auto due = calendar.add_workdays(s.accepted, static_cast<int64_t>(s.limit) + s.paused_days);
  if (!due.ok()) return due.status();
  s.due = *due;
  auto counted = calendar.count_workdays(s.accepted, counted_until < s.accepted ? s.accepted : counted_until);
  if (!counted.ok()) return counted.status();
  // The due date exists, so the limit and paused days fit inside the coverage,
  // and so do these differences.
  s.elapsed = static_cast<int32_t>(*counted - s.paused_days);
  s.remaining = static_cast<int32_t>(static_cast<int64_t>(s.limit) - s.elapsed);
  classify(s, as_of, t, paused);
  return absl::OkStatus();
}

// a + b as the 32-bit figure of a ClockState, or OUT_OF_RANGE naming `what`:
// days added by the caller (extensions, pauses) are checked, not wrapped.
absl::StatusOr<int32_t> days_sum(int64_t a, int64_t b, const char* what) {
  const int64_t sum = a + b;  // each operand fits 32 bits: no overflow in 64
  if (sum > std::numeric_limits<int32_t>::max()) {
    return absl::OutOfRangeError(
        absl::StrFormat("%s: %d + %d working days is more than any calendar covers", what, a, b));
  }
  return static_cast<int32_t>(sum);
}

absl::Status event_error(size_t i, const ClockEvent& e, const std::string& what,
                         absl::StatusCode code = absl::StatusCode::kInvalidArgument) {
  return absl::Status(code, absl::StrFormat("event %d (%s %s): %s", i, to_string(e.kind), format_date(e.date), what));
}

}  // namespace

absl::StatusOr<ClockState> clock_state(absl::Span<const ClockEvent> events, const Calendar& calendar, Date as_of,
                                       const WarningThresholds& thresholds) {
  if (events.empty() || events[0].kind != ClockEventKind::kAccepted) {
    return absl::InvalidArgumentError("a case's events start with its acceptance");
  }
  ClockState s;
  s.accepted = events[0].date;
  if (events[0].days < 0) return event_error(0, events[0], "a negative limit");
  s.limit = events[0].days;
  std::optional<Date> paused_since;
  for (size_t i = 0; i < events.size(); ++i) {
    const ClockEvent& e = events[i];
    if (e.date.is_special()) return absl::InvalidArgumentError(absl::StrFormat("event %d has no date", i));
    if (i > 0 && e.date < events[i - 1].date) {
      return event_error(
          i, e,
          absl::StrFormat("before the previous event (%s): events run in date order", format_date(events[i - 1].date)));
    }
    if (i > 0 && events[i - 1].kind == ClockEventKind::kCompleted) {
      return event_error(i, e, "after the completion");
    }
    if (e.date > as_of) continue;  // not yet happened: checked for order only
    switch (e.kind) {
      case ClockEventKind::kAccepted:
        if (i > 0) return event_error(i, e, "a second acceptance");
        break;
      case ClockEventKind::kPaused:
        if (paused_since) return event_error(i, e, "already paused");
        paused_since = e.date;
        break;
      case ClockEventKind::kResumed: {
        if (!paused_since) return event_error(i, e, "resumed without a pause");
        auto days = calendar.count_workdays(*paused_since, e.date);
        if (!days.ok()) return days.status();
        auto paused = days_sum(s.paused_days, *days, "the paused days");
        if (!paused.ok()) return event_error(i, e, std::string(paused.status().message()), paused.status().code());
        s.paused_days = *paused;
        paused_since.reset();
        break;
      }
      case ClockEventKind::kExtended:
        if (e.days <= 0) return event_error(i, e, "an extension needs more than 0 days");
        if (auto limit = days_sum(s.limit, e.days, "the limit with its extensions"); !limit.ok()) {
          return event_error(i, e, std::string(limit.status().message()), limit.status().code());
        } else {
          s.limit = *limit;
        }
        break;
      case ClockEventKind::kCompleted:
        if (paused_since) return event_error(i, e, "completed while paused (resume first)");
        s.completed = e.date;
        break;
    }
  }
  const Date until = s.completed ? *s.completed : paused_since ? *paused_since : as_of;
  if (auto status = finish(s, calendar, as_of, until, paused_since.has_value(), thresholds); !status.ok()) {
    return status;
  }
  return s;
}

absl::Status clock_states(const ClockColumns& c, const Calendar& calendar, Date as_of,
                          const WarningThresholds& thresholds, const ClockOutputs& out) {
  const size_t n = c.accepted.size();
  const auto fits = [n](size_t size, bool optional) { return size == n || (optional && size == 0); };
  if (!fits(c.limit.size(), false) || !fits(c.extension.size(), true) || !fits(c.paused_days.size(), true) ||
      !fits(c.completed.size(), true) || !fits(out.due.size(), false) || !fits(out.remaining.size(), false) ||
      !fits(out.status.size(), false) || !fits(out.level.size(), false)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("every column needs %d elements (optional ones may be empty)", n));
  }
  for (size_t i = 0; i < n; ++i) {
    auto accepted = from_epoch_day(c.accepted[i]);
    if (!accepted.ok())
      return absl::InvalidArgumentError(absl::StrFormat("case %d: %s", i, accepted.status().message()));
    ClockState s;
    const int32_t extension = c.extension.empty() ? 0 : c.extension[i];
    const int32_t paused = c.paused_days.empty() ? 0 : c.paused_days[i];
    if (extension < 0 || paused < 0 || c.limit[i] < 0) {
      return absl::InvalidArgumentError(absl::StrFormat("case %d: negative days", i));
    }
    s.accepted = *accepted;
    auto limit = days_sum(c.limit[i], extension, "the limit with its extension");
    if (!limit.ok()) return absl::OutOfRangeError(absl::StrFormat("case %d: %s", i, limit.status().message()));
    s.limit = *limit;
    s.paused_days = paused;
    const EpochDay done = c.completed.empty() ? kMissingDay : c.completed[i];
    if (done != kMissingDay) {
      auto completed = from_epoch_day(done);
      if (!completed.ok()) {
        return absl::InvalidArgumentError(absl::StrFormat("case %d: %s", i, completed.status().message()));
      }
      s.completed = *completed;
    }
    if (auto status = finish(s, calendar, as_of, s.completed ? *s.completed : as_of, false, thresholds); !status.ok()) {
      return absl::Status(status.code(), absl::StrFormat("case %d: %s", i, status.message()));
    }
    out.due[i] = to_epoch_day(s.due);
    out.remaining[i] = s.remaining;
    out.status[i] = static_cast<uint8_t>(s.status);
    out.level[i] = static_cast<uint8_t>(s.level);
  }
  return absl::OkStatus();
}

}  // namespace onetrip
