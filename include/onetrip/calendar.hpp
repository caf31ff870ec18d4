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
#include <optional>
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

// How a date that is not a working day is moved to one before counting, as
// NumPy's busday_offset rolls (QuantLib's business-day conventions).
enum class Roll : uint8_t {
  kRaise,              // a day off is an error
  kForward,            // the next working day ("following")
  kBackward,           // the previous working day ("preceding")
  kModifiedFollowing,  // the next, unless it is in another month: then the previous
  kModifiedPreceding,  // the previous, unless it is in another month: then the next
};

// Which days a count of working days between two dates takes.
enum class CountConvention : uint8_t {
  kLegal,     // start < d <= end: the acceptance day is not counted (行政许可法 第八十二条)
  kHalfOpen,  // start <= d < end, as numpy.busday_count
};

// A weekday mask from NumPy's weekmask text: seven '1'/'0' from Monday
// ("1111100") or weekday abbreviations ("Mon Tue Wed Thu Fri").
// INVALID_ARGUMENT naming the text otherwise, or when no day works.
absl::StatusOr<uint8_t> parse_weekmask(std::string_view text);

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
  // The result's name says it is extended: "china + 2027" (the years loaded),
  // or "china + 2027.json" (the file's name) from with_json_file.
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

  // NumPy's busday_offset: d moved to a working day by `roll`, then n working
  // days on (d itself for n == 0). OUT_OF_RANGE past the coverage;
  // INVALID_ARGUMENT for a day off under Roll::kRaise.
  absl::StatusOr<Date> offset(Date d, int64_t n, Roll roll) const;
  // count_workdays under either convention; kLegal is count_workdays(start, end).
  // Under kHalfOpen a reversed range counts minus [end, start), as NumPy does.
  absl::StatusOr<int64_t> count_workdays(Date start, Date end, CountConvention convention) const;

  // The days from first to last (both included, inside the coverage) that
  // are off (weekends and holidays) / working, in date order: chinese_calendar's
  // get_holidays / get_workdays. special_days(first, last) are the days the
  // rules set (holidays and makeup working days, with their names), QuantLib's
  // holidayList; a view into this calendar.
  absl::StatusOr<std::vector<Date>> days_off(Date first, Date last) const;
  absl::StatusOr<std::vector<Date>> workdays(Date first, Date last) const;
  absl::StatusOr<absl::Span<const SpecialDay>> special_days(Date first, Date last) const;

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

  // Scalar forms over epoch days, for callers that hold day numbers (the C ABI,
  // the Python binding): nullopt when a day or the answer is outside the
  // coverage (the Date forms then say why). Nothing is built or allocated on
  // the way; each is a few table lookups.
  std::optional<bool> is_workday_at(EpochDay day) const noexcept;
  std::optional<DayKind> kind_at(EpochDay day) const noexcept;
  std::optional<EpochDay> add_workdays_at(EpochDay day, int64_t n) const noexcept;
  std::optional<int64_t> count_workdays_at(EpochDay start, EpochDay end) const noexcept;

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
