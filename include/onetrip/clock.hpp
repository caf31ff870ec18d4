// A running case's clock, derived from its events (accepted, paused, resumed,
// extended, completed) and never stored: due date, working days elapsed and
// remaining, paused days, status and warning level as of any date.
#ifndef ONETRIP_CLOCK_HPP_
#define ONETRIP_CLOCK_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/calendar.hpp"

namespace onetrip {

enum class ClockEventKind : uint8_t { kAccepted, kPaused, kResumed, kExtended, kCompleted };

enum class PauseReason : uint8_t {
  kSupplement,        // 补正: waiting for the applicant's materials
  kSpecialProcedure,  // 第四十五条: hearing, testing, expert review … not counted
  kOther,
};

struct ClockEvent {
  ClockEventKind kind = ClockEventKind::kAccepted;
  Date date;
  int32_t days = 0;  // accepted: the limit in working days (0: immediate); extended: the extra days
  PauseReason reason = PauseReason::kSupplement;  // paused
};

enum class ClockStatus : uint8_t { kRunning, kPaused, kCompletedOnTime, kCompletedLate, kOverdue };
enum class WarningLevel : uint8_t { kNormal, kYellow, kRed };

// A running or paused case turns yellow when at most `yellow_days_left`
// working days remain or `yellow_used` of its limit is used, red at
// `red_days_left` or `red_used`; an overdue case is red.
struct WarningThresholds {
  int32_t yellow_days_left = 3;
  double yellow_used = 0.8;
  int32_t red_days_left = 1;
  double red_used = 0.95;
};

struct ClockState {
  ClockStatus status = ClockStatus::kRunning;
  WarningLevel level = WarningLevel::kNormal;
  Date accepted;
  Date due;                 // the acceptance day + limit + extensions + paused days, in working days
  int32_t limit = 0;        // with extensions
  int32_t elapsed = 0;      // working days counted against the limit, as of the date (or completion)
  int32_t remaining = 0;    // limit - elapsed; negative when late
  int32_t paused_days = 0;  // working days not counted (补正, special procedures)
  std::optional<Date> completed;
};

// Checks the events (they start with one acceptance, run in date order, resume
// only what is paused, end at most with one completion) and computes the state
// as of `as_of` (events after it are ignored). Pauses stop the clock: the
// working days after the pause day up to and including the resume day are not
// counted, so the due date moves by that many working days.
absl::StatusOr<ClockState> clock_state(absl::Span<const ClockEvent> events, const Calendar& calendar, Date as_of,
                                       const WarningThresholds& thresholds = {});

const char* to_string(ClockStatus status);
const char* to_string(WarningLevel level);
const char* to_string(ClockEventKind kind);
const char* to_string(PauseReason reason);

// The common vectorised case, for many cases at once: acceptance, limit,
// extension and paused working days, and completion (kMissingDay when
// pending) per case, as epoch days. Fills due, remaining, status and level
// (as numbers of the enums). The first failing case stops the call, named.
struct ClockColumns {
  absl::Span<const EpochDay> accepted;
  absl::Span<const int32_t> limit;
  absl::Span<const int32_t> extension;    // may be empty: none
  absl::Span<const int32_t> paused_days;  // may be empty: none
  absl::Span<const EpochDay> completed;   // may be empty: all pending
};
struct ClockOutputs {
  absl::Span<EpochDay> due;
  absl::Span<int32_t> remaining;
  absl::Span<uint8_t> status;
  absl::Span<uint8_t> level;
};
absl::Status clock_states(const ClockColumns& cases, const Calendar& calendar, Date as_of,
                          const WarningThresholds& thresholds, const ClockOutputs& out);

}  // namespace onetrip

#endif  // ONETRIP_CLOCK_HPP_
