#include "onetrip/clock.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/str_format.h"
#include "onetrip/catalog.hpp"

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
    case ClockStatus::kReceived:
      return "received";
    case ClockStatus::kAwaitingCorrection:
      return "awaiting correction";
    case ClockStatus::kSpecialProcedure:
      return "special procedure";
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
    case ClockEventKind::kReceived:
      return "received";
    case ClockEventKind::kSupplementNotice:
      return "supplement_notice";
    case ClockEventKind::kSpecialStarted:
      return "special_started";
    case ClockEventKind::kSpecialEnded:
      return "special_ended";
    case ClockEventKind::kIssued:
      return "issued";
  }
  return "?";
}

// The 第四十五条 kinds of a pause reason are the catalogue's SpecialKind, in
// the same order: one list of the article's words.
static_assert(static_cast<int>(PauseReason::kExpertReview) - static_cast<int>(PauseReason::kHearing) ==
                  static_cast<int>(SpecialKind::kExpertReview) - static_cast<int>(SpecialKind::kHearing),
              "PauseReason's 第四十五条 kinds follow SpecialKind");

const char* to_string(PauseReason reason) {
  switch (reason) {
    case PauseReason::kSupplement:
      return "supplement";
    case PauseReason::kSpecialProcedure:
      return "special procedure";
    case PauseReason::kOther:
      return "other";
    default:
      return to_string(static_cast<SpecialKind>(static_cast<int>(SpecialKind::kHearing) + static_cast<int>(reason) -
                                                static_cast<int>(PauseReason::kHearing)));
  }
}

namespace {

bool is_special_kind(PauseReason r) { return r == PauseReason::kSpecialProcedure || r >= PauseReason::kHearing; }

// A case reduced to what its figures need, as of a date: the one computation
// that the event form (clock_state) and the column form (clock_states) share.
struct CaseFacts {
  Date accepted;
  int64_t limit = 0;  // with the extension
  int64_t extension = 0;
  int64_t paused = 0;   // working days of finished pauses
  int64_t special = 0;  // working days of finished 第四十五条 periods
  std::optional<Date> completed;
  std::optional<Date> stopped_since;  // a pause or 第四十五条 period running as of the date
  ClockStatus stopped = ClockStatus::kPaused;
};

void classify(ClockState& s, Date as_of, const WarningThresholds& t, const CaseFacts& f) {
  if (s.completed) {
    s.status = *s.completed <= *s.due ? ClockStatus::kCompletedOnTime : ClockStatus::kCompletedLate;
    s.level = WarningLevel::kNormal;
    return;
  }
  if (as_of > *s.due) {
    s.status = ClockStatus::kOverdue;
    s.level = WarningLevel::kRed;
    return;
  }
  s.status = f.stopped_since ? f.stopped : ClockStatus::kRunning;
  const double used = s.limit > 0 ? static_cast<double>(s.elapsed) / s.limit : 1.0;
  if (s.remaining <= t.red_days_left || used >= t.red_used) {
    s.level = WarningLevel::kRed;
  } else if (s.remaining <= t.yellow_days_left || used >= t.yellow_used) {
    s.level = WarningLevel::kYellow;
  } else {
    s.level = WarningLevel::kNormal;
  }
}

// Due date, elapsed and remaining days, status and level from the facts.
absl::Status finish(const CaseFacts& f, const Calendar& calendar, Date as_of, const WarningThresholds& t,
                    ClockState& s) {
  const int64_t stretch = f.limit + f.paused + f.special;  // each bounded below 2^31: no overflow in 64 bits
  if (f.limit > std::numeric_limits<int32_t>::max() || stretch > std::numeric_limits<int32_t>::max()) {
    return absl::OutOfRangeError(
        absl::StrFormat("a limit of %d working days with %d paused and %d not counted is more than any calendar covers",
                        f.limit, f.paused, f.special));
  }
  auto due = calendar.add_workdays(f.accepted, stretch);
  if (!due.ok()) return due.status();
  s.accepted = f.accepted;
  s.due = *due;
  s.limit = static_cast<int32_t>(f.limit);
  s.extension = static_cast<int32_t>(f.extension);
  s.paused_days = static_cast<int32_t>(f.paused);
  s.special_days = static_cast<int32_t>(f.special);
  s.completed = f.completed;
  const Date until = f.completed ? *f.completed : f.stopped_since ? *f.stopped_since : as_of;
  auto counted = calendar.count_workdays(f.accepted, std::max(until, f.accepted));
  if (!counted.ok()) return counted.status();
  // The due date exists, so these fit inside the coverage and 32 bits.
  s.elapsed = static_cast<int32_t>(*counted - f.paused - f.special);
  s.remaining = static_cast<int32_t>(f.limit - s.elapsed);
  classify(s, as_of, t, f);
  return absl::OkStatus();
}

absl::Status event_error(size_t i, const ClockEvent& e, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrFormat("event %d (%s %s): %s", i, to_string(e.kind), format_date(e.date), what));
}

absl::StatusOr<int64_t> workdays_between(const Calendar& calendar, Date from, Date to) {
  return calendar.count_workdays(from, to);
}

}  // namespace

absl::StatusOr<ClockState> clock_state(absl::Span<const ClockEvent> events, const Calendar& calendar, Date as_of,
                                       const WarningThresholds& thresholds, const ClockRules& rules) {
  if (events.empty() || (events[0].kind != ClockEventKind::kAccepted && events[0].kind != ClockEventKind::kReceived)) {
    return absl::InvalidArgumentError("a case's events start with its receipt (received) or its acceptance (accepted)");
  }
  if (as_of.is_special()) return absl::InvalidArgumentError("no date to compute the clock as of");
  ClockState s;
  CaseFacts f;
  if (events[0].days < 0) return event_error(0, events[0], "a negative limit");
  f.limit = events[0].days;
  std::optional<Date> accepted;
  std::optional<SpecialPeriod> special;  // running
  bool extended = false;
  for (size_t i = 0; i < events.size(); ++i) {
    const ClockEvent& e = events[i];
    if (e.date.is_special()) return absl::InvalidArgumentError(absl::StrFormat("event %d has no date", i));
    if (i > 0 && e.date < events[i - 1].date) {
      return event_error(
          i, e,
          absl::StrFormat("before the previous event (%s): events run in date order", format_date(events[i - 1].date)));
    }
    if (i > 0 && events[i - 1].kind == ClockEventKind::kIssued) return event_error(i, e, "after the issuing");
    if (i > 0 && events[i - 1].kind == ClockEventKind::kCompleted && e.kind != ClockEventKind::kIssued) {
      return event_error(i, e, "after the decision (only the issuing follows it, 第四十四条)");
    }
    // Not yet happened: checked for order only. The first event opens the case
    // whatever the date asked (a case asked about before it began has used none
    // of its limit), as the column form does.
    if (e.date > as_of && i > 0) continue;
    const bool stopped = f.stopped_since.has_value();
    const auto need_acceptance = [&]() -> absl::Status {
      if (accepted) return absl::OkStatus();
      return event_error(i, e, "before the case was accepted (受理): the limit has not started");
    };
    switch (e.kind) {
      case ClockEventKind::kReceived:
        if (i > 0) return event_error(i, e, "a second receipt");
        s.received = e.date;
        if (auto due = calendar.add_workdays(e.date, rules.acceptance_days); due.ok()) {
          s.acceptance_due = *due;
        } else {
          return due.status();
        }
        break;
      case ClockEventKind::kSupplementNotice:
        if (!s.received) {
          return event_error(i, e, "第三十二条: a 补正 notice answers a receipt; record the receipt (received) first");
        }
        if (accepted) {
          return event_error(i, e,
                             "第三十二条: 补正 is notified before acceptance; after it, 补正 does not stop the limit");
        }
        if (s.supplement_notice) {
          return event_error(i, e, "第三十二条: everything to correct is notified at once (一次告知): a second notice");
        }
        if (e.date > *s.acceptance_due) {
          return event_error(
              i, e,
              absl::StrFormat("第三十二条: a 补正 notice is due within %d working days of receipt (by %s); "
                              "without one the case was accepted on receipt (%s)",
                              rules.acceptance_days, format_date(*s.acceptance_due), format_date(*s.received)));
        }
        s.supplement_notice = e.date;
        break;
      case ClockEventKind::kAccepted:
        if (i == 0) {
          accepted = e.date;
          break;
        }
        if (accepted) return event_error(i, e, "a second acceptance");
        if (e.days != 0 && e.days != f.limit) {
          return event_error(i, e, "the limit is given once, on the first event (the receipt)");
        }
        if (s.supplement_notice || e.date <= *s.acceptance_due) {
          accepted = e.date;  // within the 5 days, or when the corrected materials arrived
        } else {
          accepted = *s.received;  // 第三十二条: 逾期不告知的，自收到申请材料之日起即为受理
          s.deemed_accepted = true;
        }
        break;
      case ClockEventKind::kPaused:
        if (auto st = need_acceptance(); !st.ok()) return st;
        if (e.reason == PauseReason::kSupplement) {
          return event_error(i, e,
                             "第三十二条: 补正 comes before acceptance (supplement_notice, then accepted when the "
                             "corrected materials arrive); it is not a pause of the limit");
        }
        if (is_special_kind(e.reason)) {
          return event_error(i, e,
                             "第四十五条: a special procedure is not a pause; record special_started with its kind and "
                             "the working days notified to the applicant, and special_ended");
        }
        if (stopped) return event_error(i, e, "already paused or in a special procedure");
        f.stopped_since = e.date;
        f.stopped = ClockStatus::kPaused;
        break;
      case ClockEventKind::kResumed: {
        if (!stopped || f.stopped != ClockStatus::kPaused) return event_error(i, e, "resumed without a pause");
        auto days = workdays_between(calendar, *f.stopped_since, e.date);
        if (!days.ok()) return days.status();
        f.paused += *days;
        f.stopped_since.reset();
        break;
      }
      case ClockEventKind::kSpecialStarted:
        if (auto st = need_acceptance(); !st.ok()) return st;
        if (!is_special_kind(e.reason)) {
          return event_error(
              i, e,
              "第四十五条's procedures are 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审: give the kind "
              "(reason)");
        }
        if (e.days <= 0) {
          return event_error(i, e,
                             "第四十五条: the time needed is notified to the applicant in writing; give it in days");
        }
        if (stopped) return event_error(i, e, "already paused or in a special procedure");
        f.stopped_since = e.date;
        f.stopped = ClockStatus::kSpecialProcedure;
        special = SpecialPeriod{e.reason, e.date, std::nullopt, e.days, 0};
        break;
      case ClockEventKind::kSpecialEnded: {
        if (!stopped || f.stopped != ClockStatus::kSpecialProcedure) {
          return event_error(i, e, "ended without a special procedure running");
        }
        auto days = workdays_between(calendar, *f.stopped_since, e.date);
        if (!days.ok()) return days.status();
        f.special += *days;
        special->ended = e.date;
        special->days = static_cast<int32_t>(*days);
        s.special_periods.push_back(*special);
        special.reset();
        f.stopped_since.reset();
        break;
      }
      case ClockEventKind::kExtended: {
        if (auto st = need_acceptance(); !st.ok()) return st;
        if (extended) return event_error(i, e, "第四十二条: a limit is extended once");
        if (e.days <= 0) return event_error(i, e, "an extension needs more than 0 working days");
        if (e.days > rules.extension_limit) {
          return event_error(
              i, e,
              absl::StrFormat("第四十二条 allows %d working days (10; 15 for a joint handling's 45; more "
                              "only where a law says so: ClockRules::extension_limit)",
                              rules.extension_limit));
        }
        auto due = calendar.add_workdays(*accepted, f.limit + f.paused + f.special);
        if (!due.ok()) return due.status();
        if (e.date > *due) {
          return event_error(
              i, e,
              absl::StrFormat("第四十二条: an extension is approved within the limit (due %s)", format_date(*due)));
        }
        extended = true;
        f.extension = e.days;
        f.limit += e.days;
        break;
      }
      case ClockEventKind::kCompleted:
        if (auto st = need_acceptance(); !st.ok()) return st;
        if (stopped) return event_error(i, e, "decided while paused or in a special procedure (end it first)");
        f.completed = e.date;
        break;
      case ClockEventKind::kIssued:
        if (!f.completed) return event_error(i, e, "第四十四条: the certificate is issued after the decision");
        s.issued = e.date;
        break;
    }
  }
  if (special) {  // running as of the date: its days so far
    auto days = workdays_between(calendar, special->started, as_of);
    if (!days.ok()) return days.status();
    special->days = static_cast<int32_t>(*days);
    s.special_periods.push_back(*special);
  }
  if (!accepted) {
    if (s.supplement_notice) {  // the limit waits for the corrected materials
      s.status = ClockStatus::kAwaitingCorrection;
      s.limit = static_cast<int32_t>(f.limit);
      s.remaining = s.limit;
      return s;
    }
    if (as_of <= *s.acceptance_due) {  // within the 5 days
      s.status = ClockStatus::kReceived;
      s.limit = static_cast<int32_t>(f.limit);
      s.remaining = s.limit;
      return s;
    }
    accepted = *s.received;  // 第三十二条: no decision within the 5 days
    s.deemed_accepted = true;
  }
  f.accepted = *accepted;
  if (auto st = finish(f, calendar, as_of, thresholds, s); !st.ok()) return st;
  if (s.completed) {
    auto issue_due = calendar.add_workdays(*s.completed, rules.issue_days);
    if (!issue_due.ok()) return issue_due.status();
    s.issue_due = *issue_due;
    s.issued_late = s.issued ? *s.issued > *issue_due : as_of > *issue_due;
  }
  return s;
}

absl::Status clock_states(const ClockColumns& c, const Calendar& calendar, Date as_of,
                          const WarningThresholds& thresholds, const ClockOutputs& out, const ClockRules& rules) {
  const size_t n = c.accepted.size();
  const auto fits = [n](size_t size, bool optional) { return size == n || (optional && size == 0); };
  if (!fits(c.limit.size(), false) || !fits(c.extension.size(), true) || !fits(c.paused_days.size(), true) ||
      !fits(c.special_days.size(), true) || !fits(c.completed.size(), true) || !fits(out.due.size(), false) ||
      !fits(out.remaining.size(), false) || !fits(out.status.size(), false) || !fits(out.level.size(), false)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("every column needs %d elements (optional ones may be empty)", n));
  }
  if (as_of.is_special()) return absl::InvalidArgumentError("no date to compute the clocks as of");
  const auto at = [](size_t i, const absl::Status& s) {
    return absl::Status(s.code(), absl::StrFormat("case %d: %s", i, s.message()));
  };
  for (size_t i = 0; i < n; ++i) {
    auto accepted = from_epoch_day(c.accepted[i]);
    if (!accepted.ok()) return at(i, accepted.status());
    CaseFacts f;
    f.accepted = *accepted;
    f.extension = c.extension.empty() ? 0 : c.extension[i];
    f.paused = c.paused_days.empty() ? 0 : c.paused_days[i];
    f.special = c.special_days.empty() ? 0 : c.special_days[i];
    if (f.extension < 0 || f.paused < 0 || f.special < 0 || c.limit[i] < 0) {
      return at(i, absl::InvalidArgumentError("negative days"));
    }
    if (f.extension > rules.extension_limit) {
      return at(i, absl::InvalidArgumentError(absl::StrFormat(
                       "an extension of %d working days: 第四十二条 allows %d (ClockRules::extension_limit)",
                       f.extension, rules.extension_limit)));
    }
    f.limit = static_cast<int64_t>(c.limit[i]) + f.extension;
    const EpochDay done = c.completed.empty() ? kMissingDay : c.completed[i];
    if (done != kMissingDay) {
      auto completed = from_epoch_day(done);
      if (!completed.ok()) return at(i, completed.status());
      if (*completed < *accepted) {
        return at(i, absl::InvalidArgumentError(absl::StrFormat("decided (%s) before it was accepted (%s)",
                                                                format_date(*completed), format_date(*accepted))));
      }
      if (*completed <= as_of) f.completed = *completed;  // a decision after the date is not made yet
    }
    ClockState s;
    if (auto status = finish(f, calendar, as_of, thresholds, s); !status.ok()) return at(i, status);
    out.due[i] = to_epoch_day(*s.due);
    out.remaining[i] = s.remaining;
    out.status[i] = static_cast<uint8_t>(s.status);
    out.level[i] = static_cast<uint8_t>(s.level);
  }
  return absl::OkStatus();
}

}  // namespace onetrip
