#include "onetrip/calendar.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "boost/date_time/gregorian/gregorian_types.hpp"
#include "json_support.hpp"

namespace onetrip {

// Day flags, a prefix count of working days and the sorted list of working days
// make every query a lookup: no loop over days.
struct Calendar::Impl {
  CalendarRules rules;                   // days sorted by date
  EpochDay first = 0;                    // epoch day of rules.first
  std::vector<DayKind> kinds;            // per day of the coverage
  std::vector<int32_t> workdays_before;  // [i] = working days among the first i days
  std::vector<int32_t> workday_offsets;  // offsets of the working days, ascending

  int64_t size() const { return static_cast<int64_t>(kinds.size()); }
  // No subtraction that could overflow: `day` is any int64 a caller passes.
  bool contains(EpochDay day) const { return day >= first && day <= first + (size() - 1); }

  std::string coverage_text() const {
    // The name is the caller's bytes: escaped, so that a message is always valid UTF-8.
    return absl::StrFormat("%s covers %s to %s", internal::escape_invalid_utf8(rules.name), format_date(rules.first),
                           format_date(rules.last));
  }
  absl::Status outside(Date d) const { return outside(to_epoch_day(d)); }
  absl::Status outside(EpochDay day) const {
    return absl::OutOfRangeError(
        absl::StrFormat("%s is outside the calendar's coverage (%s); no working day is guessed outside it",
                        day_text(day), coverage_text()));
  }
  // A day for a message; a day past the years a date can have (1400-9999)
  // is told by its number, as formatting it would throw.
  static std::string day_text(EpochDay day) {
    auto date = from_epoch_day(day);
    return date.ok() ? format_date(*date) : absl::StrFormat("day %d (counted from 1970-01-01)", day);
  }
  absl::Status past_coverage(EpochDay day, int64_t n, const char* unit) const {
    const uint64_t count = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);  // |n|, even of INT64_MIN
    return absl::OutOfRangeError(absl::StrFormat("%d %s%s %s %s go%s past the calendar's coverage (%s)", count, unit,
                                                 count == 1 ? "" : "s", n > 0 ? "after" : "before", day_text(day),
                                                 count == 1 ? "es" : "", coverage_text()));
  }

  // The first working day on or after `day` (inside the coverage), or OUT_OF_RANGE.
  absl::StatusOr<int64_t> roll(EpochDay day, int64_t n, const char* unit, EpochDay from) const {
    if (!contains(day)) return past_coverage(from, n, unit);
    const int64_t k = workdays_before[day - first];
    if (k >= static_cast<int64_t>(workday_offsets.size())) return past_coverage(from, n, unit);
    return first + workday_offsets[k];
  }

  // Offset of d in the tables, or OUT_OF_RANGE.
  absl::StatusOr<int64_t> offset(Date d) const {
    if (d.is_special()) return absl::InvalidArgumentError("not a date");
    const EpochDay day = to_epoch_day(d);
    if (!contains(day)) return outside(d);
    return day - first;
  }

  static bool working(DayKind kind) { return kind == DayKind::kWorkday || kind == DayKind::kMakeupWorkday; }

  // The n-th working day from `day`, both inside the coverage, or nullopt.
  // The one computation behind every add; add() says why when it fails.
  std::optional<EpochDay> find(EpochDay day, int64_t n) const noexcept {
    if (!contains(day)) return std::nullopt;
    if (n == 0) return day;
    // More working days than the coverage has days cannot fit (and n near the
    // int64 limits would overflow the rank below).
    if (n > size() || n < -size()) return std::nullopt;
    const int64_t i = day - first;
    // k: rank of the wanted working day in workday_offsets.
    const int64_t k = n > 0 ? workdays_before[i + 1] + n - 1 : workdays_before[i] + n;
    if (k < 0 || k >= static_cast<int64_t>(workday_offsets.size())) return std::nullopt;
    return first + workday_offsets[k];
  }

  absl::StatusOr<int64_t> add(EpochDay day, int64_t n) const {
    if (auto r = find(day, n)) return *r;
    if (!contains(day)) return outside(day);
    return past_coverage(day, n, "working day");
  }

  std::optional<int64_t> find_count(EpochDay start, EpochDay end) const noexcept {
    if (!contains(start) || !contains(end)) return std::nullopt;
    return static_cast<int64_t>(workdays_before[end - first + 1]) - workdays_before[start - first + 1];
  }

  absl::StatusOr<int64_t> count(EpochDay start, EpochDay end) const {
    if (auto r = find_count(start, end)) return *r;
    return outside(contains(start) ? end : start);
  }
};

namespace {

// A day inside a calendar's coverage as a date.
Date date_of(EpochDay day) { return Date(Date::date_rep_type(static_cast<uint32_t>(day + kEpochJulianDay))); }

using internal::json_path;
using internal::json_type_name;
using internal::Problems;

constexpr int kIsoMonday = 0;

// ISO weekday index, Monday = 0; 1970-01-01 was a Thursday.
int weekday_index(EpochDay day) {
  const int64_t r = (day + 3) % 7;
  return static_cast<int>(r < 0 ? r + 7 : r) - kIsoMonday;
}

struct ChinaDay {
  int32_t ymd;
  bool off;
  uint8_t name;
};
#include "china_calendar_data.inc"

absl::StatusOr<std::shared_ptr<const Calendar::Impl>> build(CalendarRules rules) {
  Problems problems;
  if (rules.first.is_special() || rules.last.is_special()) {
    return absl::InvalidArgumentError("calendar rules: the coverage needs a first and a last date");
  }
  if (rules.last < rules.first) {
    return absl::InvalidArgumentError(absl::StrFormat("calendar rules: the coverage ends (%s) before it starts (%s)",
                                                      format_date(rules.last), format_date(rules.first)));
  }
  if ((rules.weekday_mask & 0x7F) == 0) {
    return absl::InvalidArgumentError("calendar rules: the weekday mask has no working day");
  }
  if (rules.weekday_mask & 0x80) {
    return absl::InvalidArgumentError("calendar rules: the weekday mask has a bit above Sunday (bit 6)");
  }
  std::stable_sort(rules.days.begin(), rules.days.end(),
                   [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  for (size_t i = 0; i < rules.days.size(); ++i) {
    const SpecialDay& d = rules.days[i];
    const std::string path = json_path("days", i);
    if (d.date.is_special()) {
      problems.add(path, "a special day without a date");
    } else if (d.date < rules.first || d.date > rules.last) {
      problems.add(path, absl::StrFormat("%s is outside the coverage %s to %s", format_date(d.date),
                                         format_date(rules.first), format_date(rules.last)));
    } else if (i > 0 && rules.days[i - 1].date == d.date) {
      problems.add(path, absl::StrFormat("%s is listed twice", format_date(d.date)));
    }
  }
  if (!problems.empty()) return problems.to_status("calendar rules");
  // A working day listed on a day the weekday mask already works changes
  // nothing and is no makeup day (2020-02-03, a Monday, closes the extended
  // Spring Festival in the notice's list): dropped, so that no answer calls it one.
  rules.days.erase(std::remove_if(rules.days.begin(), rules.days.end(),
                                  [&](const SpecialDay& d) {
                                    return !d.off && (rules.weekday_mask & (1u << weekday_index(to_epoch_day(d.date))));
                                  }),
                   rules.days.end());

  auto impl = std::make_shared<Calendar::Impl>();
  impl->first = to_epoch_day(rules.first);
  const int64_t size = to_epoch_day(rules.last) - impl->first + 1;
  impl->kinds.resize(size);
  for (int64_t i = 0; i < size; ++i) {
    const bool work = rules.weekday_mask & (1u << weekday_index(impl->first + i));
    impl->kinds[i] = work ? DayKind::kWorkday : DayKind::kWeekend;
  }
  for (const SpecialDay& d : rules.days) {
    impl->kinds[to_epoch_day(d.date) - impl->first] = d.off ? DayKind::kHoliday : DayKind::kMakeupWorkday;
  }
  impl->workdays_before.resize(size + 1);
  impl->workdays_before[0] = 0;
  for (int64_t i = 0; i < size; ++i) {
    const bool work = impl->kinds[i] == DayKind::kWorkday || impl->kinds[i] == DayKind::kMakeupWorkday;
    impl->workdays_before[i + 1] = impl->workdays_before[i] + (work ? 1 : 0);
    if (work) impl->workday_offsets.push_back(static_cast<int32_t>(i));
  }
  impl->rules = std::move(rules);
  return std::shared_ptr<const Calendar::Impl>(std::move(impl));
}

// The years of one or several per-year JSON documents.
struct LoadedYears {
  int first_year = 0;
  int last_year = 0;
  std::vector<SpecialDay> days;  // may include December dates of first_year - 1
};

// The value of `key` in an object (the last of a repeated key, as docs/errors.md says).
std::optional<internal::JsonValue> field(simdjson::dom::object object, std::string_view key) {
  std::optional<internal::JsonValue> found;
  for (const auto f : object) {
    if (f.key == key) found = f.value;
  }
  return found;
}

void read_year(internal::JsonValue value, const std::string& path, Problems& problems,
               std::map<int, std::string>& years, std::map<Date, std::pair<SpecialDay, std::string>>& days) {
  if (!value.is_object()) {
    problems.add(path, absl::StrCat("expected a year object, found ", json_type_name(value)));
    return;
  }
  const simdjson::dom::object doc = value.get_object().value_unsafe();
  const auto year_it = field(doc, "year");
  int year = 0;
  if (!year_it) {
    problems.add(path, "missing \"year\"");
  } else if (!year_it->is_int64() || year_it->get_int64().value_unsafe() < 1401 ||
             year_it->get_int64().value_unsafe() > 9999) {
    problems.add(json_path(path, "year"), "expected a year from 1401 to 9999");
  } else {
    year = static_cast<int>(year_it->get_int64().value_unsafe());
    if (auto [it, fresh] = years.emplace(year, path); !fresh) {
      problems.add(json_path(path, "year"), absl::StrFormat("year %d is also given at %s", year, it->second));
    }
  }
  const auto days_it = field(doc, "days");
  if (!days_it) {
    problems.add(path, "missing \"days\"");
    return;
  }
  const std::string days_path = json_path(path, "days");
  if (!days_it->is_array()) {
    problems.add(days_path, absl::StrCat("expected an array of days, found ", json_type_name(*days_it)));
    return;
  }
  const simdjson::dom::array entries = days_it->get_array().value_unsafe();
  if (entries.size() == 0) {
    problems.add(
        days_path,
        absl::StrFormat("year %d lists no days: its notice is not published yet, and a plain Monday-Friday year "
                        "would be a guess (data/holidays-cn/%d.json is such a placeholder until the State Council's "
                        "notice, usually out in November, is entered; holiday-cn publishes each notice as %d.json in "
                        "this format; use calendar rules for a region without holidays)",
                        year, year, year));
  }
  size_t i = 0;
  for (const internal::JsonValue item : entries) {
    const std::string at = json_path(days_path, i++);
    if (!item.is_object()) {
      problems.add(at, absl::StrCat("expected a day object, found ", json_type_name(item)));
      continue;
    }
    const simdjson::dom::object entry = item.get_object().value_unsafe();
    SpecialDay day;
    bool ok = true;
    const auto date_it = field(entry, "date");
    if (!date_it) {
      problems.add(at, "missing \"date\"");
      ok = false;
    } else if (!date_it->is_string()) {
      problems.add(json_path(at, "date"), absl::StrCat("expected a date string, found ", json_type_name(*date_it)));
      ok = false;
    } else if (auto date = parse_date(date_it->get_string().value_unsafe()); !date.ok()) {
      problems.add(json_path(at, "date"), std::string(date.status().message()));
      ok = false;
    } else {
      day.date = *date;
      const auto ymd = day.date.year_month_day();
      const bool own = ymd.year == year || (ymd.year == year - 1 && ymd.month == 12);
      if (year != 0 && !own) {
        problems.add(json_path(at, "date"),
                     absl::StrFormat("%s is not in %d: a year's notice sets only its own dates and the December before",
                                     format_date(day.date), year));
        ok = false;
      }
    }
    const auto off_it = field(entry, "isOffDay");
    if (!off_it) {
      problems.add(at, "missing \"isOffDay\"");
      ok = false;
    } else if (!off_it->is_bool()) {
      problems.add(json_path(at, "isOffDay"), absl::StrCat("expected true or false, found ", json_type_name(*off_it)));
      ok = false;
    } else {
      day.off = off_it->get_bool().value_unsafe();
    }
    const auto name_it = field(entry, "name");
    if (!name_it) {
      problems.add(at, "missing \"name\"");
      ok = false;
    } else if (!name_it->is_string()) {
      problems.add(json_path(at, "name"), absl::StrCat("expected a string, found ", json_type_name(*name_it)));
      ok = false;
    } else if (!internal::text_ok(
                   name_it->get_string().value_unsafe(), [&] { return json_path(at, "name"); }, problems)) {
      ok = false;
    } else {
      day.name = std::string(name_it->get_string().value_unsafe());
    }
    if (!ok) continue;
    auto [it, fresh] = days.try_emplace(day.date, day, at);
    if (!fresh && it->second.first.off != day.off) {
      problems.add(at, absl::StrFormat("%s is a %s here but a %s at %s", format_date(day.date),
                                       day.off ? "day off" : "working day",
                                       it->second.first.off ? "day off" : "working day", it->second.second));
    }
  }
}

absl::StatusOr<LoadedYears> load_years(std::string_view text) {
  const internal::JsonInput input(text);
  internal::JsonReader reader(input, "calendar JSON");
  internal::JsonValue json;
  if (!reader.value(input.text(), 0, json)) return reader.refusal();
  Problems problems;
  std::map<int, std::string> years;
  std::map<Date, std::pair<SpecialDay, std::string>> days;
  if (json.is_array()) {
    const simdjson::dom::array list = json.get_array().value_unsafe();
    if (list.size() == 0) problems.add("$", "an empty array: no year to load");
    size_t i = 0;
    for (const internal::JsonValue year : list) read_year(year, json_path("$", i++), problems, years, days);
  } else {
    read_year(json, "$", problems, years, days);
  }
  for (auto it = years.begin(); it != years.end() && std::next(it) != years.end(); ++it) {
    const int next = std::next(it)->first;
    if (next != it->first + 1) {
      problems.add(std::next(it)->second,
                   absl::StrFormat("years %d to %d are missing between %d and %d: a calendar is one "
                                   "unbroken span of years",
                                   it->first + 1, next - 1, it->first, next));
    }
  }
  if (!problems.empty()) return problems.to_status("calendar JSON");
  LoadedYears loaded;
  loaded.first_year = years.begin()->first;
  loaded.last_year = years.rbegin()->first;
  for (auto& [date, entry] : days) loaded.days.push_back(std::move(entry.first));
  return loaded;
}

// Keeps the days inside [rules.first, rules.last] (a year's notice may list the
// December before it, which is outside a calendar that starts with that year).
void drop_outside(CalendarRules& rules) {
  rules.days.erase(std::remove_if(rules.days.begin(), rules.days.end(),
                                  [&](const SpecialDay& d) { return d.date < rules.first || d.date > rules.last; }),
                   rules.days.end());
}

absl::Status check_length(absl::Span<const EpochDay> days, size_t other, size_t out, const char* other_name) {
  if (other != days.size() && other != 1) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s has %d elements; expected 1 or %d", other_name, other, days.size()));
  }
  if (out != days.size()) {
    return absl::InvalidArgumentError(absl::StrFormat("the output has %d elements; expected %d", out, days.size()));
  }
  return absl::OkStatus();
}

absl::Status at_index(size_t i, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrFormat("element %d: %s", i, status.message()));
}

}  // namespace

Calendar Calendar::china() {
  // Built once; a constant table shared by every copy, not mutable global state.
  static const std::shared_ptr<const Impl> kChina = [] {
    CalendarRules rules;
    rules.name = "china";
    rules.first = Date(kChinaFirstYear, 1, 1);
    rules.last = Date(kChinaLastYear, 12, 31);
    for (const ChinaDay& d : kChinaDays) {
      rules.days.push_back({Date(d.ymd / 10000, d.ymd / 100 % 100, d.ymd % 100), d.off, kChinaDayNames[d.name]});
    }
    auto impl = build(std::move(rules));
    return *std::move(impl);  // the generator guarantees valid rules; a test checks
  }();
  return Calendar(kChina);
}

absl::StatusOr<Calendar> Calendar::from_rules(CalendarRules rules) {
  auto impl = build(std::move(rules));
  if (!impl.ok()) return impl.status();
  return Calendar(*std::move(impl));
}

absl::StatusOr<Calendar> Calendar::from_json(std::string_view json, std::string name) {
  auto loaded = load_years(json);
  if (!loaded.ok()) return loaded.status();
  CalendarRules rules;
  rules.name = std::move(name);
  rules.first = Date(loaded->first_year, 1, 1);
  rules.last = Date(loaded->last_year, 12, 31);
  rules.days = std::move(loaded->days);
  drop_outside(rules);
  return from_rules(std::move(rules));
}

absl::StatusOr<Calendar> Calendar::from_json_file(const std::string& path) {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  return internal::prefix_error(from_json(*text, path), path);
}

absl::StatusOr<Calendar> Calendar::with_json_file(const std::string& path) const {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  auto extended = internal::prefix_error(with_json(*text), path);
  if (!extended.ok()) return extended;
  // Named by the file, as a calendar loaded from one is: "china + 2027.json".
  const size_t slash = path.find_last_of('/');
  auto impl = std::make_shared<Impl>(*extended->impl_);
  impl->rules.name = absl::StrCat(impl_->rules.name, " + ", slash == std::string::npos ? path : path.substr(slash + 1));
  return Calendar(std::move(impl));
}

absl::StatusOr<Calendar> Calendar::with_json(std::string_view json) const {
  auto loaded = load_years(json);
  if (!loaded.ok()) return loaded.status();
  const Date first(loaded->first_year, 1, 1);
  const Date last(loaded->last_year, 12, 31);
  const CalendarRules& base = impl_->rules;
  const boost::gregorian::date_duration one(1);
  if (last + one < base.first || first > base.last + one) {
    return absl::InvalidArgumentError(
        absl::StrFormat("years %d-%d do not touch the calendar's coverage (%s): a calendar is one unbroken span",
                        loaded->first_year, loaded->last_year, impl_->coverage_text()));
  }
  CalendarRules rules;
  // Not the base's name alone: these are no longer the base's rules.
  rules.name = loaded->first_year == loaded->last_year
                   ? absl::StrFormat("%s + %d", base.name, loaded->first_year)
                   : absl::StrFormat("%s + %d-%d", base.name, loaded->first_year, loaded->last_year);
  rules.weekday_mask = base.weekday_mask;
  rules.first = std::min(first, base.first);
  rules.last = std::max(last, base.last);
  std::map<Date, SpecialDay> merged;
  for (const SpecialDay& d : base.days) merged[d.date] = d;
  for (SpecialDay& d : loaded->days) merged[d.date] = std::move(d);
  for (auto& [date, d] : merged) rules.days.push_back(std::move(d));
  drop_outside(rules);
  return from_rules(std::move(rules));
}

const std::string& Calendar::name() const { return impl_->rules.name; }
Coverage Calendar::coverage() const { return {impl_->rules.first, impl_->rules.last}; }
const CalendarRules& Calendar::rules() const { return impl_->rules; }
bool Calendar::contains(EpochDay day) const { return impl_->contains(day); }

std::optional<bool> Calendar::is_workday_at(EpochDay day) const noexcept {
  if (!impl_->contains(day)) return std::nullopt;
  return Impl::working(impl_->kinds[day - impl_->first]);
}

std::optional<DayKind> Calendar::kind_at(EpochDay day) const noexcept {
  if (!impl_->contains(day)) return std::nullopt;
  return impl_->kinds[day - impl_->first];
}

std::optional<EpochDay> Calendar::add_workdays_at(EpochDay day, int64_t n) const noexcept {
  return impl_->find(day, n);
}

std::optional<int64_t> Calendar::count_workdays_at(EpochDay start, EpochDay end) const noexcept {
  return impl_->find_count(start, end);
}
EpochDay Calendar::first_epoch_day() const { return impl_->first; }
EpochDay Calendar::last_epoch_day() const { return impl_->first + impl_->size() - 1; }

absl::StatusOr<bool> Calendar::is_workday(Date d) const {
  auto i = impl_->offset(d);
  if (!i.ok()) return i.status();
  return Impl::working(impl_->kinds[*i]);
}

absl::StatusOr<DayInfo> Calendar::day(Date d) const {
  auto i = impl_->offset(d);
  if (!i.ok()) return i.status();
  DayInfo info;
  info.date = d;
  info.kind = impl_->kinds[*i];
  info.workday = Impl::working(info.kind);
  if (info.kind == DayKind::kHoliday || info.kind == DayKind::kMakeupWorkday) {
    const auto& days = impl_->rules.days;
    auto it =
        std::lower_bound(days.begin(), days.end(), d, [](const SpecialDay& s, const Date& x) { return s.date < x; });
    info.name = it->name;
  }
  return info;
}

absl::StatusOr<Date> Calendar::add_workdays(Date start, int64_t n) const {
  if (start.is_special()) return absl::InvalidArgumentError("not a date");
  auto day = impl_->add(to_epoch_day(start), n);
  if (!day.ok()) return day.status();
  // Inside the coverage, so a valid date: no range check needed.
  return date_of(*day);
}

absl::StatusOr<int64_t> Calendar::count_workdays(Date start, Date end) const {
  if (start.is_special() || end.is_special()) return absl::InvalidArgumentError("not a date");
  return impl_->count(to_epoch_day(start), to_epoch_day(end));
}

absl::StatusOr<Date> Calendar::next_workday(Date d) const { return add_workdays(d, 1); }
absl::StatusOr<Date> Calendar::previous_workday(Date d) const { return add_workdays(d, -1); }

absl::StatusOr<Date> Calendar::add_natural_days(Date start, int64_t n) const {
  if (start.is_special()) return absl::InvalidArgumentError("not a date");
  const EpochDay day = to_epoch_day(start);
  if (!impl_->contains(day)) return impl_->outside(day);
  if (n > impl_->size() || n < -impl_->size()) return impl_->past_coverage(day, n, "natural day");
  auto end = impl_->roll(day + n, n, "natural day", day);
  if (!end.ok()) return end.status();
  return date_of(*end);
}

absl::StatusOr<Date> Calendar::add_months(Date start, int64_t n) const {
  if (start.is_special()) return absl::InvalidArgumentError("not a date");
  const EpochDay day = to_epoch_day(start);
  if (!impl_->contains(day)) return impl_->outside(day);
  // boost's month arithmetic throws past the years 1400-9999: the target
  // month is checked first, on numbers that cannot overflow.
  const auto ymd = start.year_month_day();
  const int64_t max_months = impl_->size() / 28 + 1;
  if (n > max_months || n < -max_months) return impl_->past_coverage(day, n, "month");
  const int64_t target = static_cast<int64_t>(ymd.year) * 12 + (ymd.month - 1) + n;
  if (target / 12 < 1400 || target / 12 > 9999) return impl_->past_coverage(day, n, "month");
  // boost keeps the day, or the month's last day when it has fewer (or when
  // the start is the last day of its month).
  const Date end = start + boost::gregorian::months(static_cast<int>(n));
  auto rolled = impl_->roll(to_epoch_day(end), n, "month", day);
  if (!rolled.ok()) return rolled.status();
  return date_of(*rolled);
}

absl::StatusOr<Date> Calendar::roll_forward(Date d) const {
  auto work = is_workday(d);
  if (!work.ok()) return work.status();
  return *work ? d : add_workdays(d, 1);
}

absl::StatusOr<absl::Span<const SpecialDay>> Calendar::special_days(int year, int month) const {
  auto month_first = make_date(year, month, 1);
  if (!month_first.ok()) return month_first.status();
  const Date month_last = month_first->end_of_month();
  if (month_last < impl_->rules.first || *month_first > impl_->rules.last) {
    return absl::OutOfRangeError(
        absl::StrFormat("%04d-%02d is outside the calendar's coverage (%s)", year, month, impl_->coverage_text()));
  }
  const auto& days = impl_->rules.days;
  const auto by_date = [](const SpecialDay& s, const Date& x) { return s.date < x; };
  const auto begin = std::lower_bound(days.begin(), days.end(), *month_first, by_date);
  const auto end = std::lower_bound(begin, days.end(), month_last + boost::gregorian::date_duration(1), by_date);
  return absl::MakeConstSpan(days).subspan(begin - days.begin(), end - begin);
}

absl::Status Calendar::add_workdays(absl::Span<const EpochDay> days, absl::Span<const int64_t> n,
                                    absl::Span<EpochDay> out) const {
  if (auto s = check_length(days, n.size(), out.size(), "n"); !s.ok()) return s;
  for (size_t i = 0; i < days.size(); ++i) {
    if (days[i] == kMissingDay) {
      out[i] = kMissingDay;
      continue;
    }
    const int64_t steps = n[n.size() == 1 ? 0 : i];
    const std::optional<EpochDay> r = impl_->find(days[i], steps);
    if (!r) return at_index(i, impl_->add(days[i], steps).status());
    out[i] = *r;
  }
  return absl::OkStatus();
}

absl::Status Calendar::count_workdays(absl::Span<const EpochDay> start, absl::Span<const EpochDay> end,
                                      absl::Span<int64_t> out) const {
  if (auto s = check_length(start, end.size(), out.size(), "end"); !s.ok()) return s;
  for (size_t i = 0; i < start.size(); ++i) {
    const EpochDay e = end[end.size() == 1 ? 0 : i];
    if (start[i] == kMissingDay || e == kMissingDay) {
      return at_index(i, absl::InvalidArgumentError("a missing date (NaT) has no working-day count"));
    }
    const std::optional<int64_t> r = impl_->find_count(start[i], e);
    if (!r) return at_index(i, impl_->count(start[i], e).status());
    out[i] = *r;
  }
  return absl::OkStatus();
}

absl::Status Calendar::is_workday(absl::Span<const EpochDay> days, absl::Span<bool> out) const {
  if (auto s = check_length(days, 1, out.size(), "days"); !s.ok()) return s;
  for (size_t i = 0; i < days.size(); ++i) {
    if (days[i] == kMissingDay) {
      out[i] = false;
      continue;
    }
    if (!impl_->contains(days[i])) return at_index(i, impl_->outside(days[i]));
    out[i] = Impl::working(impl_->kinds[days[i] - impl_->first]);
  }
  return absl::OkStatus();
}

absl::StatusOr<Date> Calendar::offset(Date d, int64_t n, Roll roll) const {
  auto at = impl_->offset(d);
  if (!at.ok()) return at.status();
  const EpochDay day = impl_->first + *at;
  EpochDay start = day;
  if (!Impl::working(impl_->kinds[*at])) {
    const auto month_of = [](EpochDay x) {
      const CivilDay c = civil_from_epoch_day(x);
      return c.year * 12 + c.month;
    };
    const std::optional<EpochDay> next = impl_->find(day, 1), previous = impl_->find(day, -1);
    std::optional<EpochDay> rolled;
    switch (roll) {
      case Roll::kRaise:
        return absl::InvalidArgumentError(absl::StrFormat(
            "%s is not a working day (roll 'raise'; 'forward' or 'backward' move it to one)", format_date(d)));
      case Roll::kForward:
        rolled = next;
        break;
      case Roll::kBackward:
        rolled = previous;
        break;
      case Roll::kModifiedFollowing:
        rolled = next && month_of(*next) == month_of(day) ? next : previous;
        break;
      case Roll::kModifiedPreceding:
        rolled = previous && month_of(*previous) == month_of(day) ? previous : next;
        break;
    }
    if (!rolled) {
      return absl::OutOfRangeError(absl::StrFormat("%s is a day off with no working day to roll to inside %s",
                                                   format_date(d), impl_->coverage_text()));
    }
    start = *rolled;
  }
  auto r = impl_->add(start, n);
  if (!r.ok()) return r.status();
  return date_of(*r);
}

absl::StatusOr<int64_t> Calendar::count_workdays(Date start, Date end, CountConvention convention) const {
  if (convention == CountConvention::kLegal) return count_workdays(start, end);
  if (start.is_special() || end.is_special()) return absl::InvalidArgumentError("not a date");
  // [start, end): the day after the coverage may close the range, as it is not counted.
  const auto index = [&](Date d) -> absl::StatusOr<int64_t> {
    const EpochDay day = to_epoch_day(d);
    if (day < impl_->first || day > impl_->first + impl_->size()) return impl_->outside(day);
    return day - impl_->first;
  };
  auto s = index(start);
  if (!s.ok()) return s.status();
  auto e = index(end);
  if (!e.ok()) return e.status();
  return static_cast<int64_t>(impl_->workdays_before[*e]) - impl_->workdays_before[*s];
}

namespace {

absl::StatusOr<std::vector<Date>> days_where(const Calendar::Impl& impl, Date first, Date last, bool working) {
  if (first.is_special() || last.is_special()) return absl::InvalidArgumentError("not a date");
  const EpochDay a = to_epoch_day(first), b = to_epoch_day(last);
  if (!impl.contains(a)) return impl.outside(a);
  if (!impl.contains(b)) return impl.outside(b);
  std::vector<Date> out;
  for (EpochDay day = a; day <= b; ++day) {
    if (Calendar::Impl::working(impl.kinds[day - impl.first]) == working) out.push_back(date_of(day));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Date>> Calendar::days_off(Date first, Date last) const {
  return days_where(*impl_, first, last, false);
}

absl::StatusOr<std::vector<Date>> Calendar::workdays(Date first, Date last) const {
  return days_where(*impl_, first, last, true);
}

absl::StatusOr<absl::Span<const SpecialDay>> Calendar::special_days(Date first, Date last) const {
  if (first.is_special() || last.is_special()) return absl::InvalidArgumentError("not a date");
  if (!impl_->contains(to_epoch_day(first))) return impl_->outside(first);
  if (!impl_->contains(to_epoch_day(last))) return impl_->outside(last);
  const auto& days = impl_->rules.days;
  const auto by_date = [](const SpecialDay& s, const Date& x) { return s.date < x; };
  const auto begin = std::lower_bound(days.begin(), days.end(), first, by_date);
  const auto end =
      last < first ? begin : std::lower_bound(begin, days.end(), last + boost::gregorian::date_duration(1), by_date);
  return absl::MakeConstSpan(days).subspan(begin - days.begin(), end - begin);
}

absl::StatusOr<uint8_t> parse_weekmask(std::string_view text) {
  uint8_t mask = 0;
  const auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "weekmask \"%s\": %s (seven 1/0 from Monday, as \"1111100\", or day names, as \"Mon Tue Wed Thu Fri\")",
        internal::escape_invalid_utf8(text), why));
  };
  if (text.size() == 7 && text.find_first_not_of("01") == std::string_view::npos) {
    for (int i = 0; i < 7; ++i) mask |= text[i] == '1' ? (1u << i) : 0;
  } else {
    static constexpr std::string_view kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    size_t i = 0;
    while (i < text.size()) {
      if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
        ++i;
        continue;
      }
      int found = -1;
      for (int k = 0; k < 7; ++k) {
        if (text.substr(i, 3) == kNames[k]) found = k;
      }
      if (found < 0) return bad(absl::StrFormat("\"%s\" at %d is no day", text.substr(i, 3), i));
      mask |= 1u << found;
      i += 3;
    }
  }
  if (mask == 0) return bad("no working day");
  return mask;
}

const char* day_kind_name(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkday:
      return "workday";
    case DayKind::kWeekend:
      return "weekend";
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kMakeupWorkday:
      return "makeup workday";
  }
  return "unknown";
}

}  // namespace onetrip
