// A running case's clock, derived from its events and never stored, by the
// law's steps: received → (补正 notice | accepted | deemed accepted) → the
// limit, with one extension → the decision → issuing, and 第四十五条's
// procedures kept apart from the limit. Due date, working days elapsed and
// remaining, status and warning level as of any date.
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

// The events of a case, in date order (行政许可法 第三十二、四十二、四十四、四十五条;
// docs/rules.md works an example of each). The numbering is frozen (the C ABI mirrors it).
enum class ClockEventKind : uint8_t {
  kAccepted,          // 受理; days: the limit when it is the first event (the limit runs from here)
  kPaused,            // a pause another law provides (reason kOther); 补正 and 第四十五条 are not pauses
  kResumed,           //
  kExtended,          // 第四十二条: the one extension; days: its length
  kCompleted,         // the decision (办结)
  kReceived,          // 收件 (第三十二条): the materials arrive; days: the limit. Accepted within 5 working
                      // days, or 补正 notified within them, else accepted on this day
  kSupplementNotice,  // 一次告知补正 (第三十二条): the one notice of everything to correct; the case
                      // is accepted (kAccepted) when the corrected materials arrive
  kSpecialStarted,    // 第四十五条: a procedure not counted in the limit starts; reason: its kind;
                      // days: the working days notified to the applicant in writing
  kSpecialEnded,      //
  kIssued,            // 第四十四条: the certificate issued and delivered
};

// Why time is not counted. kSupplement is kept for the numbering: 补正 comes
// before acceptance (kSupplementNotice), it is not a pause. The 第四十五条
// kinds (kSpecialProcedure when unnamed) belong to kSpecialStarted.
enum class PauseReason : uint8_t {
  kSupplement,
  kSpecialProcedure,  // 第四十五条, the kind not named
  kOther,             // a pause another law provides (e.g. 中止)
  kHearing,           // 听证
  kTender,            // 招标
  kAuction,           // 拍卖
  kInspection,        // 检验
  kTesting,           // 检测
  kQuarantine,        // 检疫
  kAppraisal,         // 鉴定
  kExpertReview,      // 专家评审
};

struct ClockEvent {
  ClockEventKind kind = ClockEventKind::kAccepted;
  Date date;
  int32_t days = 0;  // see the kinds
  PauseReason reason = PauseReason::kOther;
};

enum class ClockStatus : uint8_t {
  kRunning,
  kPaused,
  kCompletedOnTime,
  kCompletedLate,
  kOverdue,
  kReceived,            // received, within 第三十二条's 5 working days to accept or notify 补正
  kAwaitingCorrection,  // 补正 notified; the limit starts when the corrected materials arrive
  kSpecialProcedure,    // in a 第四十五条 procedure: the limit waits, the applicant is told how long
};
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

// The law's numbers, for cases the law treats otherwise.
struct ClockRules {
  int32_t acceptance_days = 5;  // 第三十二条: to accept or notify 补正 after receipt
  // 第四十二条: one extension of 10 working days; 15 for a joint handling's 45
  // days (统一、联合、集中办理); what another law sets where it does
  // (Matter::extension).
  int32_t extension_limit = 10;
  int32_t issue_days = 10;  // 第四十四条: issue and deliver within 10 working days of the decision
};

// One 第四十五条 period of a case.
struct SpecialPeriod {
  PauseReason kind = PauseReason::kSpecialProcedure;
  Date started;
  std::optional<Date> ended;  // none: still running as of the date asked
  int32_t notified_days = 0;  // the time the applicant was told in writing
  int32_t days = 0;           // working days it took (so far)
};

struct ClockState {
  ClockStatus status = ClockStatus::kRunning;
  WarningLevel level = WarningLevel::kNormal;
  std::optional<Date> received;           // 收件, when recorded
  std::optional<Date> supplement_notice;  // 一次告知补正, when one was given
  std::optional<Date> acceptance_due;     // received + 5 working days (第三十二条)
  bool deemed_accepted = false;           // accepted on receipt: no decision within the 5 days
  std::optional<Date> accepted;           // the limit runs from here; none while received or awaiting correction
  std::optional<Date> due;   // accepted + limit + extension + paused and 第四十五条 days, in working days
  int32_t limit = 0;         // with the extension
  int32_t extension = 0;     // 第四十二条
  int32_t elapsed = 0;       // working days counted against the limit, as of the date (or the decision)
  int32_t remaining = 0;     // limit - elapsed; negative when late
  int32_t paused_days = 0;   // working days of pauses (kOther)
  int32_t special_days = 0;  // working days of 第四十五条 procedures: not counted, but waited for
  std::vector<SpecialPeriod> special_periods;
  std::optional<Date> completed;  // the decision
  std::optional<Date> issue_due;  // completed + 10 working days (第四十四条)
  std::optional<Date> issued;
  bool issued_late = false;
};

// Checks the events (they start with the receipt or the acceptance, run in
// date order, follow the law's order — see ClockEventKind) and computes the
// state as of `as_of` (events after it are ignored but checked for order). A
// pause or a 第四十五条 period keeps the working days after its first day up to
// and including its last out of the count. A bad history is INVALID_ARGUMENT
// naming the event and the article it breaks.
absl::StatusOr<ClockState> clock_state(absl::Span<const ClockEvent> events, const Calendar& calendar, Date as_of,
                                       const WarningThresholds& thresholds = {}, const ClockRules& rules = {});

const char* to_string(ClockStatus status);
const char* to_string(WarningLevel level);
const char* to_string(ClockEventKind kind);
const char* to_string(PauseReason reason);

// The common vectorised case, for many cases at once: acceptance, limit,
// extension, paused and 第四十五条 working days, and the decision (kMissingDay
// when pending) per case, as epoch days. Fills due, remaining, status and
// level (as numbers of the enums). The same computation as clock_state: a
// decision after `as_of` is not yet made; one before the acceptance, or an
// extension over the rules, is an error naming the case. The first failing
// case stops the call, named.
struct ClockColumns {
  absl::Span<const EpochDay> accepted = {};
  absl::Span<const int32_t> limit = {};
  absl::Span<const int32_t> extension = {};     // may be empty: none
  absl::Span<const int32_t> paused_days = {};   // may be empty: none
  absl::Span<const EpochDay> completed = {};    // may be empty: all pending
  absl::Span<const int32_t> special_days = {};  // may be empty: none (第四十五条)
};
struct ClockOutputs {
  absl::Span<EpochDay> due;
  absl::Span<int32_t> remaining;
  absl::Span<uint8_t> status;
  absl::Span<uint8_t> level;
};
absl::Status clock_states(const ClockColumns& cases, const Calendar& calendar, Date as_of,
                          const WarningThresholds& thresholds, const ClockOutputs& out, const ClockRules& rules = {});

}  // namespace onetrip

#endif  // ONETRIP_CLOCK_HPP_
