// Working-day arithmetic on an official calendar: Monday–Friday (or another
// weekday mask), minus public holidays, plus makeup working days (调休上班).
//
// A Calendar is an immutable value with a stated coverage; copies share their
// tables and may be used from any number of threads. A date outside the coverage
// is refused with OUT_OF_RANGE instead of being guessed from the weekday.
#ifndef ONETRIP_CALENDAR_HPP_
#define ONETRIP_CALENDAR_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/date.hpp"

namespace onetrip {

// Bit i is ISO weekday i+1: bit 0 Monday … bit 6 Sunday.
inline constexpr uint8_t kMondayToFriday = 0x1F;

enum class DayKind : uint8_t {
  kWorkday,        // an ordinary working day of the weekday mask
  kWeekend,        // an ordinary day off of the weekday mask
  kHoliday,        // a day off set by the rules (法定节假日 and the days joined to it)
  kMakeupWorkday,  // a working day set by the rules on a usual day off (调休上班)
};

// One day the rules change from the weekday default.
struct SpecialDay {
  Date date;
  bool off = true;   // true: a holiday; false: a makeup working day
  std::string name;  // the festival it belongs to, e.g. "国庆节、中秋节"
  friend bool operator==(const SpecialDay& a, const SpecialDay& b) {
    return a.date == b.date && a.off == b.off && a.name == b.name;
  }
};

struct DayInfo {
  Date date;
  DayKind kind = DayKind::kWorkday;
  bool workday = true;
  // Empty unless kind is kHoliday or kMakeupWorkday; views the calendar's
  // rules, valid while the calendar (or a copy) lives.
  std::string_view name;
};

// Everything a custom calendar is made of.
struct CalendarRules {
  std::string name;
  Date first;  // coverage, both ends included
  Date last;
  uint8_t weekday_mask = kMondayToFriday;
  std::vector<SpecialDay> days;  // at most one per date; dates outside coverage are an error
};

struct Coverage {
  Date first;
  Date last;
};

class Calendar {
 public:
  // The official calendar of the People's Republic of China, from the State
  // Council's yearly notices (国务院办公厅关于…部分节假日安排的通知), every date from
  // 2007-01-01 to 2026-12-31.
  static Calendar china();

  // A calendar from its rules. INVALID_ARGUMENT when the coverage is empty or
  // reversed, the mask has no working day, or a special day is outside the
  // coverage or listed twice.
  static absl::StatusOr<Calendar> from_rules(CalendarRules rules);

  // A calendar from one or several years in the public per-year JSON format
  // ({"year": 2017, "days": [{"name", "date", "isOffDay"}]}), given as one
  // object or an array of them. The years must be consecutive; the coverage is
  // 1 January of the first to 31 December of the last. Every problem is
  // reported, each with its JSON path.
  static absl::StatusOr<Calendar> from_json(std::string_view json, std::string name = "custom");
  static absl::StatusOr<Calendar> from_json_file(const std::string& path);

  // This calendar with more years in the same JSON format: listed dates override
  // the same dates here, and the coverage grows to include the years loaded (the
  // result must stay one unbroken span). E.g. china().with_json(<2027.json>).
  absl::StatusOr<Calendar> with_json(std::string_view json) const;
  absl::StatusOr<Calendar> with_json_file(const std::string& path) const;

  const std::string& name() const;
  Coverage coverage() const;
  const CalendarRules& rules() const;

  absl::StatusOr<bool> is_workday(Date d) const;
  absl::StatusOr<DayInfo> day(Date d) const;

  // The n-th working day after start (n > 0), before it (n < 0), or start
  // itself (n == 0). A limit of N working days from acceptance day A ends on
  // add_workdays(A, N): the acceptance day itself is not counted.
  absl::StatusOr<Date> add_workdays(Date start, int64_t n) const;

  // The number of working days d with start < d <= end; negative when end is
  // before start (then minus count_workdays(end, start)).
  absl::StatusOr<int64_t> count_workdays(Date start, Date end) const;

  // The first working day strictly after / strictly before d.
  absl::StatusOr<Date> next_workday(Date d) const;
  absl::StatusOr<Date> previous_workday(Date d) const;
  // d itself when it is a working day, otherwise the next one.
  absl::StatusOr<Date> roll_forward(Date d) const;
  // The end of a period of n natural days, or n calendar months (boost's rule:
  // the same day, or the month's last when it has fewer or start is the last
  // of its month), after start, rolled forward to a working day as a limit in
  // those units is. OUT_OF_RANGE when it leaves the coverage; never throws.
  absl::StatusOr<Date> add_natural_days(Date start, int64_t n) const;
  absl::StatusOr<Date> add_months(Date start, int64_t n) const;

  // The holidays and makeup working days the rules set in a month, in date
  // order; a view into this calendar, valid while it (or a copy) lives.
  absl::StatusOr<absl::Span<const SpecialDay>> special_days(int year, int month) const;

  // Bulk forms over epoch days (NumPy datetime64[D] values). kMissingDay in
  // gives kMissingDay out. `n` has one element (applied to all) or one per
  // day. The first failing element stops the call with an error naming its
  // index; `out` must be as long as `days`.
  absl::Status add_workdays(absl::Span<const EpochDay> days, absl::Span<const int64_t> n,
                            absl::Span<EpochDay> out) const;
  absl::Status count_workdays(absl::Span<const EpochDay> start, absl::Span<const EpochDay> end,
                              absl::Span<int64_t> out) const;
  // Missing days give false.
  absl::Status is_workday(absl::Span<const EpochDay> days, absl::Span<bool> out) const;

  // The coverage as epoch days, for callers that check a whole batch at once.
  bool contains(EpochDay day) const;
  EpochDay first_epoch_day() const;
  EpochDay last_epoch_day() const;

  struct Impl;

 private:
  explicit Calendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

const char* day_kind_name(DayKind kind);

}  // namespace onetrip

#endif  // ONETRIP_CALENDAR_HPP_
