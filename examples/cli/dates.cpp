// The calendar and the clock: deadline, calendar, clock.
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "onetrip/clock.hpp"
#include "tool.hpp"

namespace onetrip::tool {
namespace {

constexpr boost::gregorian::date_duration kOneDay(1);

Records day_records() { return {"days", {"date", "weekday", "kind", "workday", "name"}, {}, false}; }

void add_day(Records& days, const DayInfo& info) {
  days.add({format_date(info.date), std::string(weekday(info.date)), std::string(day_kind_name(info.kind)),
            info.workday, std::string(info.name)});
}

// KIND:DATE[:DAYS] or KIND:DATE:REASON[:DAYS] (special_started:DATE:专家评审:10; paused:DATE:other).
absl::StatusOr<ClockEvent> clock_event(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, ':');
  const auto bad = [&](const std::string& why) {
    return absl::InvalidArgumentError(absl::StrCat("--event \"", text, "\": ", why));
  };
  if (parts.size() < 2 || parts.size() > 4) return bad("expected KIND:DATE[:DAYS] or KIND:DATE:REASON[:DAYS]");
  ClockEvent e;
  bool known = false;
  for (int k = 0; k <= static_cast<int>(ClockEventKind::kIssued); ++k) {
    if (parts[0] == to_string(static_cast<ClockEventKind>(k))) {
      e.kind = static_cast<ClockEventKind>(k);
      known = true;
    }
  }
  if (!known) return bad("unknown kind (received, supplement_notice, accepted, special_started, ...)");
  auto date = parse_date(parts[1]);
  if (!date.ok()) return bad(std::string(date.status().message()));
  e.date = *date;
  // Days are digits (a sign allowed); a reason is anything else.
  const auto days = [&](const std::string& field) -> absl::Status {
    if (absl::SimpleAtoi(field, &e.days)) return absl::OkStatus();
    return bad(absl::StrCat("days \"", field, "\" are not a whole number from ", std::numeric_limits<int32_t>::min(),
                            " to ", std::numeric_limits<int32_t>::max()));
  };
  const auto numeric = [](const std::string& field) {
    return !field.empty() && field.find_first_not_of("+-0123456789") == std::string::npos;
  };
  size_t next = 2;
  if (parts.size() > 2 && numeric(parts[2])) {
    if (auto s = days(parts[2]); !s.ok()) return s;
    next = 3;
    if (parts.size() > 3) return bad("days come last");
  } else if (parts.size() > 2) {  // a reason, then perhaps days
    known = false;
    for (int r = 0; r <= static_cast<int>(PauseReason::kExpertReview); ++r) {
      if (parts[2] == to_string(static_cast<PauseReason>(r))) {
        e.reason = static_cast<PauseReason>(r);
        known = true;
      }
    }
    if (!known)
      return bad("unknown reason (other, or 第四十五条's 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审)");
    next = 3;
  }
  if (parts.size() > next) {
    if (auto s = days(parts[next]); !s.ok()) return s;
  }
  return e;
}

}  // namespace

absl::Status run_deadline(const DeadlineArgs& args) {
  const Date start = *parse_date(args.start);  // checked by the parser
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  auto due = calendar->add_workdays(start, args.days);
  if (!due.ok()) return due.status();
  // Every day of the period after the acceptance day, in date order.
  Records days = day_records();
  int64_t off = 0;
  std::vector<DayInfo> notable;  // the days that are not ordinary working days
  for (Date d = start + kOneDay; d <= *due; d += kOneDay) {
    auto info = calendar->day(d);
    if (!info.ok()) return info.status();
    off += !info->workday;
    if (info->kind != DayKind::kWorkday) notable.push_back(*info);
    add_day(days, *info);
  }
  const int64_t calendar_days = (*due - start).days();
  if (args.format != Format::kTable) {
    Records deadline{"deadline", {"accepted", "limit", "due", "calendar_days", "days_off", "calendar"}, {}, true};
    deadline.add({format_date(start), args.days, format_date(*due), calendar_days, off, calendar->name()});
    write_records(args.format, {deadline, days}, 1);
    return absl::OkStatus();
  }
  std::cout << absl::StrFormat("accepted  %s %s\n", format_date(start), weekday(start));
  std::cout << absl::StrFormat("limit     %d working day%s (the acceptance day is not counted)\n", args.days,
                               args.days == 1 ? "" : "s");
  std::cout << absl::StrFormat("due       %s %s\n", format_date(*due), weekday(*due));
  std::cout << absl::StrFormat("%d calendar days, %d of them not working days:\n", calendar_days, off);
  for (const auto& info : notable) {
    std::cout << absl::StrFormat("  %s %s  %-8s %s  %s\n", format_date(info.date), weekday(info.date),
                                 info.workday ? "counted" : "skipped", day_kind_name(info.kind), info.name);
  }
  return absl::OkStatus();
}

absl::Status run_calendar(const CalendarArgs& args) {
  const YearMonth month = *parse_month(args.month);  // checked by the parser
  const Date first(month.year, month.month, 1);
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  auto special = calendar->special_days(month.year, month.month);
  if (!special.ok()) return special.status();

  if (args.format != Format::kTable) {
    Records summary{"month", {"month", "calendar", "workdays"}, {}, true};
    Records days = day_records();
    int64_t workdays = 0;
    for (Date d = first; d <= first.end_of_month(); d += kOneDay) {
      auto info = calendar->day(d);
      if (!info.ok()) {  // outside a custom calendar's coverage: nothing known
        days.add({format_date(d), std::string(weekday(d))});
        continue;
      }
      workdays += info->workday;
      add_day(days, *info);
    }
    summary.add({format_month(month), calendar->name(), workdays});
    write_records(args.format, {summary, days}, 1);
    return absl::OkStatus();
  }
  std::cout << absl::StrFormat("%s  (calendar: %s; 休 holiday, 班 makeup working day)\n", format_month(month),
                               calendar->name());
  std::cout << "  Mon  Tue  Wed  Thu  Fri  Sat  Sun\n";
  const int lead = (first.day_of_week().as_number() + 6) % 7;
  std::string line(static_cast<size_t>(lead) * 5, ' ');
  for (Date d = first; d <= first.end_of_month(); d += kOneDay) {
    auto info = calendar->day(d);
    if (!info.ok()) {
      line += "    ?";  // outside a custom calendar's coverage
    } else {
      const char* mark = info->kind == DayKind::kHoliday ? "休" : info->kind == DayKind::kMakeupWorkday ? "班" : "  ";
      line += absl::StrFormat("%3d%s", static_cast<int>(d.day()), mark);
    }
    if ((lead + d.day()) % 7 == 0 || d == first.end_of_month()) {
      std::cout << line << "\n";
      line.clear();
    }
  }
  for (const SpecialDay& s : *special) {
    std::cout << absl::StrFormat("  %s %s  %s  %s\n", format_date(s.date), weekday(s.date),
                                 s.off ? "holiday" : "makeup working day", s.name);
  }
  if (special->empty()) std::cout << "  no holidays or makeup working days this month\n";
  return absl::OkStatus();
}

absl::Status run_clock(const ClockArgs& args) {
  std::vector<ClockEvent> events;
  for (const std::string& text : args.events) {
    auto e = clock_event(text);
    if (!e.ok()) return e.status();
    events.push_back(*e);
  }
  const Date as_of = *parse_date(args.as_of);  // checked by the parser
  ClockRules rules;
  if (args.extension_limit) rules.extension_limit = *args.extension_limit;
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  auto s = clock_state(events, *calendar, as_of, {}, rules);
  if (!s.ok()) return s.status();

  if (args.format != Format::kTable) {
    Records clock{"clock",
                  {"as_of", "status", "level", "received", "supplement_notice", "acceptance_due", "deemed_accepted",
                   "accepted", "limit", "extension", "due", "elapsed", "remaining", "paused_days", "special_days",
                   "completed", "issue_due", "issued", "issued_late"},
                  {},
                  true};
    clock.add({format_date(as_of), std::string(to_string(s->status)), std::string(to_string(s->level)),
               date_field(s->received), date_field(s->supplement_notice), date_field(s->acceptance_due),
               s->deemed_accepted, date_field(s->accepted), int64_t{s->limit}, int64_t{s->extension},
               date_field(s->due), int64_t{s->elapsed}, int64_t{s->remaining}, int64_t{s->paused_days},
               int64_t{s->special_days}, date_field(s->completed), date_field(s->issue_due), date_field(s->issued),
               s->issued_late});
    Records periods{"special_periods", {"kind", "started", "ended", "days", "notified_days"}, {}, false};
    for (const SpecialPeriod& p : s->special_periods) {
      periods.add({std::string(to_string(p.kind)), format_date(p.started), date_field(p.ended), int64_t{p.days},
                   int64_t{p.notified_days}});
    }
    write_records(args.format, {clock, periods}, 0);
    return absl::OkStatus();
  }
  const auto date = [](const std::optional<Date>& d) {
    return d ? absl::StrCat(format_date(*d), " ", weekday(*d)) : std::string("-");
  };
  std::cout << absl::StrFormat("as of %s: %s (%s)\n", format_date(as_of), to_string(s->status), to_string(s->level));
  if (s->received) {
    std::cout << absl::StrFormat("received   %s (to accept or notify 补正 by %s, 第三十二条)\n", date(s->received),
                                 date(s->acceptance_due));
  }
  if (s->supplement_notice) std::cout << absl::StrFormat("补正 notice %s\n", date(s->supplement_notice));
  std::cout << absl::StrFormat(
      "accepted   %s%s\n", date(s->accepted),
      s->deemed_accepted ? " (no decision within the 5 working days: accepted on receipt)" : "");
  std::cout << absl::StrFormat(
      "limit      %d working days%s\n", s->limit,
      s->extension ? absl::StrFormat(" (with an extension of %d, 第四十二条)", s->extension) : std::string());
  for (const SpecialPeriod& p : s->special_periods) {
    std::cout << absl::StrFormat("第四十五条 %s from %s, %d working days (notified: %d), not counted\n",
                                 to_string(p.kind), format_date(p.started), p.days, p.notified_days);
  }
  if (s->paused_days) std::cout << absl::StrFormat("paused     %d working days\n", s->paused_days);
  std::cout << absl::StrFormat("due        %s; %d counted, %d remaining\n", date(s->due), s->elapsed, s->remaining);
  if (s->completed) std::cout << absl::StrFormat("decided    %s\n", date(s->completed));
  if (s->issue_due) {
    std::cout << absl::StrFormat(
        "issue by   %s (第四十四条)%s\n", date(s->issue_due),
        s->issued ? absl::StrCat("; issued ", date(s->issued), s->issued_late ? ", late" : "") : std::string());
  }
  return absl::OkStatus();
}

}  // namespace onetrip::tool
