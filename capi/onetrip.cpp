// The C ABI: status, version and calendar. Every entry point goes through
// guard(), so no exception crosses the boundary.
#include <algorithm>
#include <optional>
#include <type_traits>

#include "capi_internal.hpp"

using onetrip::capi::from_date;
using onetrip::capi::guard;
using onetrip::capi::null_argument;
using onetrip::capi::store;
using onetrip::capi::to_date;

namespace {

using onetrip::EpochDay;
using onetrip::capi::c_date_of;
using onetrip::capi::to_epoch_day;

// The scalar calls work on epoch days through the calendar's bulk forms (a
// span of one): no boost date is built or taken apart on the way. A failure is
// asked again of the Date form, whose message names the date.
absl::StatusOr<EpochDay> add_epoch(const onetrip::Calendar& c, EpochDay day, int64_t n) {
  EpochDay out = 0;
  if (c.add_workdays(absl::MakeConstSpan(&day, 1), absl::MakeConstSpan(&n, 1), absl::MakeSpan(&out, 1)).ok()) {
    return out;
  }
  auto date = onetrip::from_epoch_day(day);
  if (!date.ok()) return date.status();
  return c.add_workdays(*date, n).status();
}

absl::StatusOr<bool> is_workday_epoch(const onetrip::Calendar& c, EpochDay day) {
  bool out = false;
  if (c.is_workday(absl::MakeConstSpan(&day, 1), absl::MakeSpan(&out, 1)).ok()) return out;
  auto date = onetrip::from_epoch_day(day);
  if (!date.ok()) return date.status();
  return c.is_workday(*date).status();
}

absl::StatusOr<int64_t> count_epoch(const onetrip::Calendar& c, EpochDay start, EpochDay end) {
  int64_t out = 0;
  if (c.count_workdays(absl::MakeConstSpan(&start, 1), absl::MakeConstSpan(&end, 1), absl::MakeSpan(&out, 1)).ok()) {
    return out;
  }
  auto s = onetrip::from_epoch_day(start);
  if (!s.ok()) return s.status();
  auto e = onetrip::from_epoch_day(end);
  if (!e.ok()) return e.status();
  return c.count_workdays(*s, *e).status();
}

// The scalar calls have a fast path: valid arguments and dates inside the
// coverage, answered without a Status, a StatusOr or the error text; its
// success only resets the flags. Anything else goes the checked way, which
// builds the error, in a function of its own (cold, out of line, given the
// arguments by value): the fast path then spills nothing and saves no register
// for it.
[[gnu::always_inline]] inline onetrip_status succeeded() noexcept {
  onetrip::capi::t_flags = onetrip::capi::ThreadFlags{};
  return ONETRIP_OK;
}

template <class Checked>
[[gnu::noinline, gnu::cold]] onetrip_status checked_call(Checked checked) noexcept {
  return guard(checked);
}

// fast() (true when it answered), else the checked body that make_checked()
// returns (a closure holding copies of the arguments, returning absl::Status),
// made only then: made before, its copies would be spilled on the fast path.
template <class Fast, class MakeChecked>
[[gnu::always_inline]] inline onetrip_status fast_or_checked(const Fast& fast,
                                                             const MakeChecked& make_checked) noexcept {
  if constexpr (noexcept(fast())) {
    if (fast()) return succeeded();
  } else {
    try {
      if (fast()) return succeeded();
    } catch (...) {  // the checked path reports it
    }
  }
  return checked_call(make_checked());
}

// The handle's tables answer the scalar calls on their own (CivilTable): a
// day's entry read by one lookup of its month and one of the day, one test
// for everything that is not a day of the coverage inside the tables' years,
// then the answer from the entry (and for a date result, one more lookup).
// Each returns false when the tables cannot answer; the calendar is asked
// then, and the checked path says what is wrong.
using onetrip::capi::CivilTable;

[[gnu::always_inline]] inline bool table_is_workday(const CivilTable& t, const onetrip_date& date, bool* out) {
  const uint32_t entry = t.work(t.index_of(date));
  if (__builtin_expect((entry & CivilTable::kOutside) != 0, 0)) return false;
  *out = (entry & CivilTable::kWorking) != 0;
  return true;
}

// The working day n after (n > 0) or before (n < 0) the day of `entry`, or
// `date` itself for n == 0.
[[gnu::always_inline]] inline bool table_add_from(const CivilTable& t, uint32_t entry, const onetrip_date& date,
                                                  int64_t n, onetrip_date* out) {
  if (n == 0) {
    *out = date;
    return true;
  }
  const int64_t rank = entry >> CivilTable::kRankShift;
  return t.workday(n > 0 ? rank + (entry & CivilTable::kWorking) + n - 1 : rank + n, out);
}

[[gnu::always_inline]] inline bool table_add(const CivilTable& t, const onetrip_date& date, int64_t n,
                                             onetrip_date* out) {
  const uint32_t entry = t.work(t.index_of(date));
  if (__builtin_expect((entry & CivilTable::kOutside) != 0, 0)) return false;
  return table_add_from(t, entry, date, n, out);
}

// The working days d with start < d <= end.
[[gnu::always_inline]] inline bool table_count(const CivilTable& t, const onetrip_date& start, const onetrip_date& end,
                                               int32_t* out) {
  const uint32_t s = t.work(t.index_of(start)), e = t.work(t.index_of(end));
  if (__builtin_expect(((s | e) & CivilTable::kOutside) != 0, 0)) return false;
  const auto through = [](uint32_t entry) {  // the working days up to the day, itself included
    return static_cast<int32_t>((entry >> CivilTable::kRankShift) + (entry & CivilTable::kWorking));
  };
  *out = through(e) - through(s);
  return true;
}

// is_workday by the calendar: false when it fails (the checked path then says why).
[[gnu::always_inline]] inline bool is_workday_fast(const onetrip_calendar* calendar, onetrip_date date,
                                                   bool* out) noexcept {
  if (calendar == nullptr || out == nullptr) return false;
  const std::optional<bool> work = calendar->value.is_workday_at(calendar->civil.day_of(date));
  if (!work) return false;
  *out = *work;
  return true;
}

// What the tables could not answer: the calendar, else the checked path.
[[gnu::noinline]] onetrip_status is_workday_by_calendar(const onetrip_calendar* calendar, onetrip_date date,
                                                        bool* out) noexcept {
  if (is_workday_fast(calendar, date, out)) return succeeded();
  return checked_call([=]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    auto d = to_epoch_day(date, "date");
    if (!d.ok()) return d.status();
    auto work = is_workday_epoch(calendar->value, *d);
    if (!work.ok()) return work.status();
    *out = *work;
    return absl::OkStatus();
  });
}

// The body of onetrip_calendar_is_workday, out of line. abi-dumper reads each
// parameter's register from the debug information of the -Og build; with the
// fast path inlined into the exported function, `out` was described in another
// register than the one the calling convention passes it in, which
// abi-compliance-checker took for an ABI change. A plain forward keeps it right.
[[gnu::noinline]] onetrip_status is_workday_call(const onetrip_calendar* calendar, onetrip_date date, bool* out) {
  if (__builtin_expect(calendar != nullptr && out != nullptr, 1) && table_is_workday(calendar->civil, date, out)) {
    return succeeded();
  }
  return is_workday_by_calendar(calendar, date, out);
}

// The checked path of a date-to-date calendar query on epoch days: validates
// the handle, the date and out, and says what is wrong.
template <class Query>
auto checked_date_query(const onetrip_calendar* calendar, onetrip_date date, onetrip_date* out, Query query) {
  return [=]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    auto d = to_epoch_day(date, "date");
    if (!d.ok()) return d.status();
    auto r = query(calendar->value, *d);
    if (!r.ok()) return r.status();
    *out = c_date_of(*r);
    return absl::OkStatus();
  };
}

// add_workdays, next_workday and previous_workday: the fast path, written
// out without closures (a closure over the arguments kept them in memory),
// else the checked path, which says why.
[[gnu::noinline, gnu::cold]] onetrip_status add_checked(const onetrip_calendar* calendar, onetrip_date start, int64_t n,
                                                        onetrip_date* out) noexcept {
  return guard(checked_date_query(calendar, start, out,
                                  [n](const onetrip::Calendar& c, EpochDay d) { return add_epoch(c, d, n); }));
}

// What the tables could not answer: the calendar itself (a calendar longer
// than the tables' years), else the checked path.
[[gnu::noinline]] onetrip_status add_by_calendar(const onetrip_calendar* calendar, onetrip_date start, int64_t n,
                                                 onetrip_date* out) noexcept {
  if (calendar != nullptr && out != nullptr) {
    const std::optional<EpochDay> day = calendar->value.add_workdays_at(calendar->civil.day_of(start), n);
    if (day.has_value()) {
      *out = calendar->civil.date_of(*day);
      return succeeded();
    }
  }
  return add_checked(calendar, start, n, out);
}

[[gnu::always_inline]] inline onetrip_status add_call(const onetrip_calendar* calendar, onetrip_date start, int64_t n,
                                                      onetrip_date* out) noexcept {
  if (__builtin_expect(calendar != nullptr && out != nullptr, 1) && table_add(calendar->civil, start, n, out)) {
    return succeeded();
  }
  return add_by_calendar(calendar, start, n, out);
}

// The element `index` of a C date array as an epoch day, or an error naming it ("start[3]: …").
absl::StatusOr<EpochDay> element_day(const onetrip_date* dates, size_t index, const char* array) {
  return to_epoch_day(dates[index], [&] { return absl::StrCat(array, "[", index, "]"); });
}

absl::Status at_element(const absl::Status& status, const char* array, size_t index) {
  return absl::Status(status.code(), absl::StrCat(array, "[", index, "]: ", status.message()));
}

// The batch forms run in chunks of day numbers on the stack through the
// calendar's bulk forms: every chunk once to check it and once more to write
// it, so a failure writes nothing and nothing is allocated.
constexpr size_t kChunk = 256;

template <class Chunk>
absl::Status in_chunks(size_t count, Chunk chunk) {
  EpochDay days[kChunk];
  for (const bool write : {false, true}) {
    for (size_t base = 0; base < count; base += kChunk) {
      if (absl::Status s = chunk(base, std::min(kChunk, count - base), days, write); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

// dates[base, base + k) as day numbers; false if one is not a date.
bool convert_chunk(const onetrip::capi::CivilTable& civil, const onetrip_date* dates, size_t base, size_t k,
                   EpochDay* days) {
  for (size_t i = 0; i < k; ++i) {
    days[i] = civil.day_of(dates[base + i]);
    if (days[i] == onetrip::kMissingDay) return false;
  }
  return true;
}

// The first failing element of a chunk, its message naming it ("start[3]: …"):
// a date that is not one, or what check(i, day) says of it.
template <class Check>
absl::Status first_error(const onetrip_date* dates, size_t base, size_t k, const char* array, Check check) {
  for (size_t i = 0; i < k; ++i) {
    auto d = element_day(dates, base + i, array);
    if (!d.ok()) return d.status();
    if constexpr (!std::is_same_v<Check, std::nullptr_t>) {
      if (absl::Status s = check(i, *d); !s.ok()) return at_element(s, array, base + i);
    }
  }
  return absl::InternalError(absl::StrCat(array, ": a chunk failed with no failing element"));
}

// The arrays of a batch: NULL only with a zero count; a per-element or single
// second argument.
absl::Status check_batch(const void* in, size_t count, const void* out, const void* second, size_t second_count,
                         const char* in_name, const char* second_name) {
  if (count > 0 && (in == nullptr || out == nullptr)) {
    return absl::InvalidArgumentError(absl::StrCat(in == nullptr ? in_name : "out", " is NULL while count is ", count));
  }
  if (second_name != nullptr && count > 0) {
    if (second_count != 1 && second_count != count) {
      return absl::InvalidArgumentError(absl::StrCat(second_name, "_count is ", second_count, ": 1 (one ", second_name,
                                                     " for every element) or count (", count, ")"));
    }
    if (second == nullptr) return absl::InvalidArgumentError(absl::StrCat(second_name, " is NULL"));
  }
  return absl::OkStatus();
}

// Out of line for the same reason as is_workday_call.
[[gnu::noinline]] onetrip_status day_kind_call(const onetrip_calendar* calendar, onetrip_date date,
                                               onetrip_day_kind* out_kind, const char** out_name) {
  const auto fast = [&] {
    if (calendar == nullptr || out_kind == nullptr) return false;
    const uint32_t entry = calendar->civil.work(calendar->civil.index_of(date));
    const std::optional<onetrip::DayKind> kind =
        (entry & CivilTable::kOutside) == 0
            ? std::optional<onetrip::DayKind>(static_cast<onetrip::DayKind>((entry >> CivilTable::kKindShift) & 3))
            : calendar->value.kind_at(calendar->civil.day_of(date));
    if (!kind) return false;
    if (out_name != nullptr) {
      if (*kind == onetrip::DayKind::kHoliday || *kind == onetrip::DayKind::kMakeupWorkday) {
        auto info = calendar->value.day(onetrip::Date(static_cast<unsigned short>(date.year),
                                                      static_cast<unsigned short>(date.month),
                                                      static_cast<unsigned short>(date.day)));
        if (!info.ok()) return false;
        *out_name = info->name.data();  // views the calendar's own NUL-terminated rules
      } else {
        *out_name = "";
      }
    }
    *out_kind = onetrip::capi::to_c(*kind);
    return true;
  };
  return fast_or_checked(fast, [&] {
    return [=]() -> absl::Status {
      ONETRIP_REQUIRE(calendar);
      ONETRIP_REQUIRE(out_kind);
      auto d = to_date(date, "date");
      if (!d.ok()) return d.status();
      auto info = calendar->value.day(*d);
      if (!info.ok()) return info.status();
      *out_kind = onetrip::capi::to_c(info->kind);
      // The name views the calendar's own rules (NUL-terminated), so it outlives this call.
      if (out_name != nullptr) *out_name = info->name.empty() ? "" : info->name.data();
      return absl::OkStatus();
    };
  });
}

// Out of line for the same reason as is_workday_call.
[[gnu::noinline]] onetrip_status roll_forward_call(const onetrip_calendar* calendar, onetrip_date date,
                                                   onetrip_date* out) {
  const auto fast = [&]() noexcept {
    if (calendar == nullptr || out == nullptr) return false;
    const uint32_t entry = calendar->civil.work(calendar->civil.index_of(date));
    if ((entry & CivilTable::kOutside) == 0 &&
        table_add_from(calendar->civil, entry, date, (entry & CivilTable::kWorking) != 0 ? 0 : 1, out)) {
      return true;
    }
    const EpochDay day = calendar->civil.day_of(date);
    const std::optional<bool> work = calendar->value.is_workday_at(day);
    if (!work) return false;
    if (*work) {
      *out = date;
      return true;
    }
    const std::optional<EpochDay> next = calendar->value.add_workdays_at(day, 1);
    if (!next) return false;
    *out = calendar->civil.date_of(*next);
    return true;
  };
  return fast_or_checked(fast, [&] {
    return checked_date_query(calendar, date, out,
                              [](const onetrip::Calendar& c, EpochDay d) -> absl::StatusOr<EpochDay> {
                                auto work = is_workday_epoch(c, d);
                                if (!work.ok()) return work.status();
                                return *work ? absl::StatusOr<EpochDay>(d) : add_epoch(c, d, 1);
                              });
  });
}

// INT64_MIN, NumPy's NaT, is no day: the batch forms pass it through, a scalar call refuses it.
absl::Status missing_day(const char* name) {
  return absl::InvalidArgumentError(absl::StrCat(name, " is INT64_MIN (NumPy's NaT): a missing date, not a day"));
}

// The day-number forms' bodies, out of line for the reason is_workday_call gives.
[[gnu::noinline]] onetrip_status epoch_is_workday_call(const onetrip_calendar* calendar, int64_t day, bool* out) {
  return fast_or_checked(
      [&]() noexcept {
        if (calendar == nullptr || out == nullptr) return false;
        const std::optional<bool> work = calendar->value.is_workday_at(day);
        if (!work) return false;
        *out = *work;
        return true;
      },
      [&] {
        return [=]() -> absl::Status {
          ONETRIP_REQUIRE(calendar);
          ONETRIP_REQUIRE(out);
          if (day == onetrip::kMissingDay) return missing_day("day");
          auto work = is_workday_epoch(calendar->value, day);
          if (!work.ok()) return work.status();
          *out = *work;
          return absl::OkStatus();
        };
      });
}

[[gnu::noinline]] onetrip_status epoch_add_call(const onetrip_calendar* calendar, int64_t start, int32_t n,
                                                int64_t* out) {
  return fast_or_checked(
      [&]() noexcept {
        if (calendar == nullptr || out == nullptr) return false;
        const std::optional<EpochDay> day = calendar->value.add_workdays_at(start, n);
        if (!day) return false;
        *out = *day;
        return true;
      },
      [&] {
        return [=]() -> absl::Status {
          ONETRIP_REQUIRE(calendar);
          ONETRIP_REQUIRE(out);
          if (start == onetrip::kMissingDay) return missing_day("start");
          auto day = add_epoch(calendar->value, start, n);
          if (!day.ok()) return day.status();
          *out = *day;
          return absl::OkStatus();
        };
      });
}

// count_workdays: the tables, else the calendar (out of line), else the checked path.
[[gnu::noinline]] onetrip_status count_by_calendar(const onetrip_calendar* calendar, onetrip_date start,
                                                   onetrip_date end, int32_t* out) noexcept {
  const auto fast = [&]() noexcept {
    if (calendar == nullptr || out == nullptr) return false;
    const std::optional<int64_t> count =
        calendar->value.count_workdays_at(calendar->civil.day_of(start), calendar->civil.day_of(end));
    if (!count) return false;
    *out = static_cast<int32_t>(*count);
    return true;
  };
  return fast_or_checked(fast, [&] {
    return [=]() -> absl::Status {
      ONETRIP_REQUIRE(calendar);
      ONETRIP_REQUIRE(out);
      auto s = to_epoch_day(start, "start");
      if (!s.ok()) return s.status();
      auto e = to_epoch_day(end, "end");
      if (!e.ok()) return e.status();
      auto count = count_epoch(calendar->value, *s, *e);
      if (!count.ok()) return count.status();
      *out = static_cast<int32_t>(*count);  // a coverage of years 1400-9999 fits easily
      return absl::OkStatus();
    };
  });
}

// Out of line for the same reason as is_workday_call.
[[gnu::noinline]] onetrip_status count_call(const onetrip_calendar* calendar, onetrip_date start, onetrip_date end,
                                            int32_t* out) noexcept {
  if (__builtin_expect(calendar != nullptr && out != nullptr, 1) && table_count(calendar->civil, start, end, out)) {
    return succeeded();
  }
  return count_by_calendar(calendar, start, end, out);
}

}  // namespace

namespace onetrip::capi {

CivilTable::CivilTable(const onetrip::Calendar& calendar) {
  const onetrip::EpochDay first = calendar.first_epoch_day(), last = calendar.last_epoch_day();
  if (first > last) return;
  first_year_ = onetrip::civil_from_epoch_day(first).year;
  const int32_t last_year = std::min(onetrip::civil_from_epoch_day(last).year, first_year_ + kMaxYears - 1);
  first_day_ = onetrip::epoch_day_from_civil(first_year_, 1, 1);
  const auto total_days = static_cast<size_t>(onetrip::epoch_day_from_civil(last_year + 1, 1, 1) - first_day_);
  months_.clear();
  months_.reserve(static_cast<size_t>(last_year - first_year_ + 1) * 12);
  days_.reserve(total_days);
  work_.clear();
  work_.reserve(total_days + 1);
  uint32_t rank = 0;  // the coverage's working days before the day
  for (int32_t year = first_year_; year <= last_year; ++year) {
    for (int32_t month = 1; month <= 12; ++month) {
      const auto length = static_cast<uint32_t>(
          onetrip::epoch_day_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
          onetrip::epoch_day_from_civil(year, month, 1));
      months_.push_back(static_cast<uint32_t>(days_.size()) << 5 | length);
      for (uint32_t day = 1; day <= length; ++day) {
        const uint32_t packed = static_cast<uint32_t>(year) << 9 | static_cast<uint32_t>(month) << 5 | day;
        const onetrip::EpochDay epoch_day = first_day_ + static_cast<onetrip::EpochDay>(days_.size());
        days_.push_back(packed);
        const std::optional<onetrip::DayKind> kind = calendar.kind_at(epoch_day);
        const std::optional<bool> working = calendar.is_workday_at(epoch_day);
        if (!kind || !working) {
          work_.push_back(kOutside);
          continue;
        }
        work_.push_back(rank << kRankShift | static_cast<uint32_t>(*kind) << kKindShift | (*working ? kWorking : 0));
        if (*working) {
          workday_dates_.push_back(packed);
          ++rank;
        }
      }
    }
  }
  work_.push_back(kOutside);  // index_of's answer for what is not a day of the tables
  month_count_ = months_.size();
  day_count_ = days_.size();
  workday_count_ = workday_dates_.size();
}

onetrip::EpochDay CivilTable::outside_day_of(int32_t year, int32_t month, int32_t day) {
  const onetrip_date d{year, month, day};
  return valid_c_date(d) ? epoch_day_of(d) : onetrip::kMissingDay;
}

onetrip_date CivilTable::outside_date_of(onetrip::EpochDay day) { return c_date_of(day); }

std::string& last_error() {
  thread_local std::string message;
  return message;
}

std::vector<onetrip::Problem>& last_problems() {
  thread_local std::vector<onetrip::Problem> problems;
  return problems;
}

std::string valid_utf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    size_t length = 0;  // of a well-formed sequence starting at i; 0 if none
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = continuation(i + 1) ? 2 : 0;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      // E0 needs A0..BF (no overlong form), ED needs 80..9F (no surrogate).
      const bool second = i + 1 < text.size() && (lead == 0xE0   ? byte(i + 1) >= 0xA0 && byte(i + 1) <= 0xBF
                                                  : lead == 0xED ? byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F
                                                                 : continuation(i + 1));
      length = second && continuation(i + 2) ? 3 : 0;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      // F0 needs 90..BF (no overlong form), F4 needs 80..8F (nothing past U+10FFFF).
      const bool second = i + 1 < text.size() && (lead == 0xF0   ? byte(i + 1) >= 0x90 && byte(i + 1) <= 0xBF
                                                  : lead == 0xF4 ? byte(i + 1) >= 0x80 && byte(i + 1) <= 0x8F
                                                                 : continuation(i + 1));
      length = second && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, for the one byte
      ++i;
    } else {
      out.append(text.data() + i, length);
      i += length;
    }
  }
  return out;
}

}  // namespace onetrip::capi

extern "C" {

const char* onetrip_last_error(void) {
  return onetrip::capi::t_flags.failed ? onetrip::capi::last_error().c_str() : "";
}

const char* onetrip_status_name(onetrip_status status) {
  static const char* const kNames[] = {"ONETRIP_OK",
                                       "ONETRIP_CANCELLED",
                                       "ONETRIP_UNKNOWN",
                                       "ONETRIP_INVALID_ARGUMENT",
                                       "ONETRIP_DEADLINE_EXCEEDED",
                                       "ONETRIP_NOT_FOUND",
                                       "ONETRIP_ALREADY_EXISTS",
                                       "ONETRIP_PERMISSION_DENIED",
                                       "ONETRIP_RESOURCE_EXHAUSTED",
                                       "ONETRIP_FAILED_PRECONDITION",
                                       "ONETRIP_ABORTED",
                                       "ONETRIP_OUT_OF_RANGE",
                                       "ONETRIP_UNIMPLEMENTED",
                                       "ONETRIP_INTERNAL",
                                       "ONETRIP_UNAVAILABLE",
                                       "ONETRIP_DATA_LOSS",
                                       "ONETRIP_UNAUTHENTICATED"};
  const int index = static_cast<int>(status);
  if (index < 0 || index >= static_cast<int>(sizeof kNames / sizeof kNames[0])) return "ONETRIP_UNKNOWN_STATUS";
  return kNames[index];
}

int32_t onetrip_version_number(void) { return ONETRIP_VERSION_NUMBER; }
const char* onetrip_version_string(void) { return ONETRIP_VERSION_STRING; }

onetrip_status onetrip_calendar_china(onetrip_calendar** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(out);
    return store(absl::StatusOr<onetrip::Calendar>(onetrip::Calendar::china()), out);
  });
}

onetrip_status onetrip_calendar_load_json(const char* utf8, size_t len, onetrip_calendar** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(utf8);
    ONETRIP_REQUIRE(out);
    return store(onetrip::Calendar::from_json(std::string_view(utf8, len)), out);
  });
}

onetrip_status onetrip_calendar_load_file(const char* path, onetrip_calendar** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(path);
    ONETRIP_REQUIRE(out);
    return store(onetrip::Calendar::from_json_file(path), out);
  });
}

onetrip_status onetrip_calendar_extend_json(const onetrip_calendar* base, const char* utf8, size_t len,
                                            onetrip_calendar** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(base);
    ONETRIP_REQUIRE(utf8);
    ONETRIP_REQUIRE(out);
    return store(base->value.with_json(std::string_view(utf8, len)), out);
  });
}

onetrip_status onetrip_calendar_from_rules(const onetrip_calendar_rules* rules, onetrip_calendar** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(rules);
    ONETRIP_REQUIRE(out);
    auto given = onetrip::capi::read_struct(rules, "rules");
    if (!given.ok()) return given.status();
    const onetrip_calendar_rules& in = *given;  // the caller's fields, defaults for the rest
    if (in.weekday_mask > 0x7F) {
      return absl::InvalidArgumentError("rules->weekday_mask has bits above Sunday (bit 6)");
    }
    if ((in.holiday_count > 0 && in.holidays == nullptr) ||
        (in.makeup_workday_count > 0 && in.makeup_workdays == nullptr)) {
      return absl::InvalidArgumentError("rules: a day list is NULL while its count is not 0");
    }
    onetrip::CalendarRules cpp;
    cpp.name = in.name != nullptr ? in.name : "custom";
    cpp.weekday_mask = static_cast<uint8_t>(in.weekday_mask);
    auto first = to_date(in.first, "rules->first");
    if (!first.ok()) return first.status();
    auto last = to_date(in.last, "rules->last");
    if (!last.ok()) return last.status();
    cpp.first = *first;
    cpp.last = *last;
    const auto add_days = [&](const onetrip_date* days, size_t count, bool off, const char* list) -> absl::Status {
      for (size_t i = 0; i < count; ++i) {
        auto d = to_date(days[i], [&] { return absl::StrCat("rules->", list, "[", i, "]"); });
        if (!d.ok()) return d.status();
        cpp.days.push_back({*d, off, off ? "holiday" : "makeup workday"});
      }
      return absl::OkStatus();
    };
    if (auto s = add_days(in.holidays, in.holiday_count, true, "holidays"); !s.ok()) return s;
    if (auto s = add_days(in.makeup_workdays, in.makeup_workday_count, false, "makeup_workdays"); !s.ok()) {
      return s;
    }
    return store(onetrip::Calendar::from_rules(std::move(cpp)), out);
  });
}

void onetrip_calendar_free(onetrip_calendar* calendar) { delete calendar; }

onetrip_status onetrip_calendar_coverage(const onetrip_calendar* calendar, onetrip_date* out_first,
                                         onetrip_date* out_last) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out_first);
    ONETRIP_REQUIRE(out_last);
    const onetrip::Coverage coverage = calendar->value.coverage();
    *out_first = from_date(coverage.first);
    *out_last = from_date(coverage.last);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_calendar_is_workday(const onetrip_calendar* calendar, onetrip_date date, bool* out) {
  return is_workday_call(calendar, date, out);
}

onetrip_status onetrip_calendar_day_kind(const onetrip_calendar* calendar, onetrip_date date,
                                         onetrip_day_kind* out_kind, const char** out_name) {
  return day_kind_call(calendar, date, out_kind, out_name);
}

onetrip_status onetrip_calendar_add_workdays(const onetrip_calendar* calendar, onetrip_date start, int32_t n,
                                             onetrip_date* out) {
  return add_call(calendar, start, n, out);
}

onetrip_status onetrip_calendar_count_workdays(const onetrip_calendar* calendar, onetrip_date start, onetrip_date end,
                                               int32_t* out) {
  return count_call(calendar, start, end, out);
}

onetrip_status onetrip_calendar_next_workday(const onetrip_calendar* calendar, onetrip_date date, onetrip_date* out) {
  return add_call(calendar, date, 1, out);
}

onetrip_status onetrip_calendar_previous_workday(const onetrip_calendar* calendar, onetrip_date date,
                                                 onetrip_date* out) {
  return add_call(calendar, date, -1, out);
}

onetrip_status onetrip_calendar_roll_forward(const onetrip_calendar* calendar, onetrip_date date, onetrip_date* out) {
  return roll_forward_call(calendar, date, out);
}

onetrip_status onetrip_calendar_add_workdays_n(const onetrip_calendar* calendar, const onetrip_date* start,
                                               size_t count, const int32_t* n, size_t n_count, onetrip_date* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    if (auto s = check_batch(start, count, out, n, n_count, "start", "n"); !s.ok()) return s;
    const onetrip::Calendar& c = calendar->value;
    int64_t steps[kChunk];
    EpochDay results[kChunk];
    return in_chunks(count, [&](size_t base, size_t k, EpochDay* days, bool write) -> absl::Status {
      if (!convert_chunk(calendar->civil, start, base, k, days)) return first_error(start, base, k, "start", nullptr);
      for (size_t i = 0; i < k; ++i) steps[i] = n[n_count == 1 ? 0 : base + i];
      if (!c.add_workdays(absl::MakeConstSpan(days, k), absl::MakeConstSpan(steps, k), absl::MakeSpan(results, k))
               .ok()) {
        return first_error(start, base, k, "start",
                           [&](size_t i, EpochDay d) { return add_epoch(c, d, steps[i]).status(); });
      }
      if (write) {
        for (size_t i = 0; i < k; ++i) out[base + i] = calendar->civil.date_of(results[i]);
      }
      return absl::OkStatus();
    });
  });
}

onetrip_status onetrip_calendar_count_workdays_n(const onetrip_calendar* calendar, const onetrip_date* start,
                                                 size_t count, const onetrip_date* end, size_t end_count,
                                                 int32_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    if (auto s = check_batch(start, count, out, end, end_count, "start", "end"); !s.ok()) return s;
    const onetrip::Calendar& c = calendar->value;
    EpochDay ends[kChunk];
    int64_t results[kChunk];
    return in_chunks(count, [&](size_t base, size_t k, EpochDay* days, bool write) -> absl::Status {
      if (!convert_chunk(calendar->civil, start, base, k, days)) return first_error(start, base, k, "start", nullptr);
      if (end_count == 1) {
        if (!convert_chunk(calendar->civil, end, 0, 1, ends)) return first_error(end, 0, 1, "end", nullptr);
        std::fill(ends + 1, ends + k, ends[0]);
      } else if (!convert_chunk(calendar->civil, end, base, k, ends)) {
        return first_error(end, base, k, "end", nullptr);
      }
      if (!c.count_workdays(absl::MakeConstSpan(days, k), absl::MakeConstSpan(ends, k), absl::MakeSpan(results, k))
               .ok()) {
        for (size_t i = 0; i < k; ++i) {
          auto r = count_epoch(c, days[i], ends[i]);
          if (!r.ok()) {
            return absl::Status(r.status().code(),
                                absl::StrCat("start[", base + i, "], end[", end_count == 1 ? 0 : base + i,
                                             "]: ", r.status().message()));
          }
        }
        return absl::InternalError("count_workdays_n: a chunk failed with no failing element");
      }
      if (write) {
        for (size_t i = 0; i < k; ++i) out[base + i] = static_cast<int32_t>(results[i]);  // years 1400-9999 fit
      }
      return absl::OkStatus();
    });
  });
}

onetrip_status onetrip_calendar_is_workday_n(const onetrip_calendar* calendar, const onetrip_date* dates, size_t count,
                                             bool* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    if (auto s = check_batch(dates, count, out, nullptr, 0, "dates", nullptr); !s.ok()) return s;
    const onetrip::Calendar& c = calendar->value;
    bool results[kChunk];
    return in_chunks(count, [&](size_t base, size_t k, EpochDay* days, bool write) -> absl::Status {
      if (!convert_chunk(calendar->civil, dates, base, k, days)) return first_error(dates, base, k, "dates", nullptr);
      if (!c.is_workday(absl::MakeConstSpan(days, k), absl::MakeSpan(results, k)).ok()) {
        return first_error(dates, base, k, "dates",
                           [&](size_t, EpochDay d) { return is_workday_epoch(c, d).status(); });
      }
      if (write) std::copy(results, results + k, out + base);
      return absl::OkStatus();
    });
  });
}

onetrip_status onetrip_calendar_special_days(const onetrip_calendar* calendar, int32_t year, int32_t month,
                                             onetrip_special_day* out, size_t capacity, size_t* out_count) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out_count);
    if (out == nullptr && capacity != 0) return null_argument("out");
    auto days = calendar->value.special_days(year, month);
    if (!days.ok()) return days.status();
    if (out != nullptr && capacity < days->size()) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the buffer holds ", capacity, " days; the month has ", days->size()));
    }
    *out_count = days->size();
    for (size_t i = 0; out != nullptr && i < days->size(); ++i) {
      const onetrip::SpecialDay& s = (*days)[i];
      out[i] = {from_date(s.date), s.off, s.name.c_str()};
    }
    return absl::OkStatus();
  });
}

onetrip_status onetrip_calendar_offset(const onetrip_calendar* calendar, onetrip_date date, int32_t n,
                                       onetrip_roll roll, onetrip_date* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    if (roll < ONETRIP_ROLL_RAISE || roll > ONETRIP_ROLL_MODIFIED_PRECEDING) {
      return absl::InvalidArgumentError(absl::StrCat("roll is ", static_cast<int>(roll), ": not an onetrip_roll"));
    }
    auto d = to_date(date, "date");
    if (!d.ok()) return d.status();
    auto r = calendar->value.offset(*d, n, onetrip::capi::to_cpp(roll));
    if (!r.ok()) return r.status();
    *out = from_date(*r);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_calendar_count_workdays_convention(const onetrip_calendar* calendar, onetrip_date start,
                                                          onetrip_date end, onetrip_count_convention convention,
                                                          int32_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    if (convention != ONETRIP_COUNT_LEGAL && convention != ONETRIP_COUNT_HALF_OPEN) {
      return absl::InvalidArgumentError(
          absl::StrCat("convention is ", static_cast<int>(convention), ": not an onetrip_count_convention"));
    }
    auto s = to_date(start, "start");
    if (!s.ok()) return s.status();
    auto e = to_date(end, "end");
    if (!e.ok()) return e.status();
    auto count = calendar->value.count_workdays(*s, *e, onetrip::capi::to_cpp(convention));
    if (!count.ok()) return count.status();
    *out = static_cast<int32_t>(*count);  // a coverage of years 1400-9999 fits easily
    return absl::OkStatus();
  });
}

onetrip_status onetrip_calendar_days(const onetrip_calendar* calendar, onetrip_date first, onetrip_date last,
                                     onetrip_day_set which, onetrip_date* out, size_t capacity, size_t* out_count) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out_count);
    if (out == nullptr && capacity != 0) return null_argument("out");
    if (which != ONETRIP_DAYS_OFF && which != ONETRIP_DAYS_WORKING) {
      return absl::InvalidArgumentError(absl::StrCat("which is ", static_cast<int>(which), ": not an onetrip_day_set"));
    }
    auto f = to_date(first, "first");
    if (!f.ok()) return f.status();
    auto l = to_date(last, "last");
    if (!l.ok()) return l.status();
    auto days = which == ONETRIP_DAYS_OFF ? calendar->value.days_off(*f, *l) : calendar->value.workdays(*f, *l);
    if (!days.ok()) return days.status();
    if (out != nullptr && capacity < days->size()) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the buffer holds ", capacity, " dates; the range has ", days->size()));
    }
    *out_count = days->size();
    for (size_t i = 0; out != nullptr && i < days->size(); ++i) out[i] = from_date((*days)[i]);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_calendar_special_days_between(const onetrip_calendar* calendar, onetrip_date first,
                                                     onetrip_date last, onetrip_special_day* out, size_t capacity,
                                                     size_t* out_count) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out_count);
    if (out == nullptr && capacity != 0) return null_argument("out");
    auto f = to_date(first, "first");
    if (!f.ok()) return f.status();
    auto l = to_date(last, "last");
    if (!l.ok()) return l.status();
    auto days = calendar->value.special_days(*f, *l);
    if (!days.ok()) return days.status();
    if (out != nullptr && capacity < days->size()) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the buffer holds ", capacity, " days; the range has ", days->size()));
    }
    *out_count = days->size();
    for (size_t i = 0; out != nullptr && i < days->size(); ++i) {
      const onetrip::SpecialDay& s = (*days)[i];
      out[i] = {from_date(s.date), s.off, s.name.c_str()};
    }
    return absl::OkStatus();
  });
}

onetrip_status onetrip_weekmask_parse(const char* utf8, size_t len, uint32_t* out_mask) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(utf8);
    ONETRIP_REQUIRE(out_mask);
    auto mask = onetrip::parse_weekmask(std::string_view(utf8, len));
    if (!mask.ok()) return mask.status();
    *out_mask = *mask;
    return absl::OkStatus();
  });
}

onetrip_status onetrip_calendar_is_workday_epoch(const onetrip_calendar* calendar, int64_t day, bool* out) {
  return epoch_is_workday_call(calendar, day, out);
}

onetrip_status onetrip_calendar_add_workdays_epoch(const onetrip_calendar* calendar, int64_t start, int32_t n,
                                                   int64_t* out) {
  return epoch_add_call(calendar, start, n, out);
}

onetrip_status onetrip_calendar_count_workdays_epoch(const onetrip_calendar* calendar, int64_t start, int64_t end,
                                                     int32_t* out) {
  return fast_or_checked(
      [&]() noexcept {
        if (calendar == nullptr || out == nullptr) return false;
        const std::optional<int64_t> count = calendar->value.count_workdays_at(start, end);
        if (!count) return false;
        *out = static_cast<int32_t>(*count);
        return true;
      },
      [&] {
        return [=]() -> absl::Status {
          ONETRIP_REQUIRE(calendar);
          ONETRIP_REQUIRE(out);
          auto count = count_epoch(calendar->value, start, end);
          if (!count.ok()) return count.status();
          *out = static_cast<int32_t>(*count);
          return absl::OkStatus();
        };
      });
}

}  // extern "C"
