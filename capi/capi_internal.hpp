// Internal to the C ABI: the guard every entry point runs in, and the
// conversions they share.
#ifndef ONETRIP_CAPI_CAPI_INTERNAL_HPP_
#define ONETRIP_CAPI_CAPI_INTERNAL_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "mirror.hpp"
#include "onetrip.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"

namespace onetrip {
struct Volumes;  // onetrip/compare.hpp
}

struct onetrip_catalog {
  onetrip::Catalog value;
};

namespace onetrip::capi {

// The thread's last error message and problem list (onetrip_last_error,
// onetrip_last_problem). They are written only when a call fails or leaves
// problems, and read through the two flags below.
std::string& last_error();
std::vector<onetrip::Problem>& last_problems();

// Whether the thread's last call failed (its message is last_error()) and
// whether it left problems (last_problems()). Constant-initialised and
// trivial, so a successful call costs one thread-local store: no string is
// cleared and nothing is allocated. The initial-exec model makes that store
// one instruction at a fixed offset from the thread pointer instead of a call
// to __tls_get_addr (the shared library's default model), which was most of a
// scalar call's cost; two bytes fit glibc's static TLS reserve, which also
// serves a library loaded with dlopen (ctypes: c.ctypes_init checks).
struct ThreadFlags {
  bool failed = false;
  bool has_problems = false;
};
inline thread_local ThreadFlags t_flags [[gnu::tls_model("initial-exec")]];

// The text as valid UTF-8: each byte that does not begin a well-formed
// sequence (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF)
// becomes U+FFFD. Every message and problem the C ABI hands out goes through
// it, so a caller may always read them as UTF-8, whatever a file contained.
std::string valid_utf8(absl::string_view text);

// A failed call's message.
inline void set_error(std::string message) {
  last_error() = std::move(message);
  t_flags.failed = true;
}

// Every entry point's outcome: resets the flags, and on failure sets the message.
inline onetrip_status record(const absl::Status& status) {
  ThreadFlags& flags = t_flags;
  if (status.ok()) {
    flags = ThreadFlags{};
    return ONETRIP_OK;
  }
  flags.has_problems = false;
  set_error(valid_utf8(status.message()));
  return to_c(status.code());
}

// Runs body (returning absl::Status) and maps every outcome to a status.
template <class Body>
onetrip_status guard(Body&& body) noexcept {
  try {
    return record(body());
  } catch (const std::bad_alloc&) {
    t_flags.has_problems = false;
    set_error("out of memory");  // short enough for the string's own buffer: no allocation
    return ONETRIP_RESOURCE_EXHAUSTED;
  } catch (const std::exception& e) {
    t_flags.has_problems = false;
    set_error(absl::StrCat("internal error: ", valid_utf8(e.what())));
    return ONETRIP_INTERNAL;
  } catch (...) {
    t_flags.has_problems = false;
    set_error("internal error: unknown exception");
    return ONETRIP_INTERNAL;
  }
}

inline absl::Status null_argument(const char* name) {
  return absl::InvalidArgumentError(absl::StrCat(name, " is NULL"));
}

#define ONETRIP_REQUIRE(ptr)                                           \
  do {                                                                 \
    if ((ptr) == nullptr) return ::onetrip::capi::null_argument(#ptr); \
  } while (0)

// The date of a C date. `name` says which argument it is in the message: a
// string, or a callable returning one (called only for an invalid date, so a
// name built from an index costs nothing on a valid one).
template <class Name>
absl::StatusOr<onetrip::Date> to_date(onetrip_date d, const Name& name) {
  auto date = onetrip::make_date(d.year, d.month, d.day);
  if (date.ok()) return *date;
  if constexpr (std::is_invocable_v<const Name&>) {
    return absl::InvalidArgumentError(absl::StrCat(name(), ": ", date.status().message()));
  } else {
    return absl::InvalidArgumentError(absl::StrCat(name, ": ", date.status().message()));
  }
}

// The day arithmetic of the scalar calendar calls, without boost's checked
// constructors (onetrip::epoch_day_from_civil and back). An invalid date goes
// to make_date for its message.
constexpr int kMinYear = 1400, kMaxYear = 9999;  // as onetrip::make_date

inline bool valid_c_date(onetrip_date d) {
  if (d.year < kMinYear || d.year > kMaxYear || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int8_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const auto y = static_cast<uint32_t>(d.year);
  // Bitwise, not short-circuit: no branch to mispredict on dates from anywhere in the year.
  const bool leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0));
  return d.day <= kDays[d.month - 1] + ((d.month == 2) & leap);
}

inline onetrip::EpochDay epoch_day_of(onetrip_date d) {  // d valid
  return onetrip::epoch_day_from_civil(d.year, d.month, d.day);
}

inline onetrip_date c_date_of(onetrip::EpochDay day) {  // inside the years 1400-9999
  const onetrip::CivilDay c = onetrip::civil_from_epoch_day(day);
  return {c.year, c.month, c.day};
}

// The C dates of a calendar's years, both ways, by table, and the calendar's
// answer for each of those days: a scalar call with an onetrip_date in hand
// then pays a few loads instead of the civil arithmetic, the date check and a
// call into the calendar (a month's entry holds its length, so the check is
// one compare, made without a branch; a day's entry says whether it is in the
// coverage, so a date that is not one, a day outside the tables' years and a
// day outside the coverage all end in one test). Built once with the handle
// from the calendar's public answers; a calendar spanning more than kMaxYears
// has its first kMaxYears in the tables, and a call the tables cannot answer
// goes to the calendar itself.
class CivilTable {
 public:
  static constexpr int32_t kMaxYears = 200;  // at most 73,050 days and 2,400 months: about 800 KiB

  CivilTable() = default;
  explicit CivilTable(const onetrip::Calendar& calendar);

  // A day's entry (work_): bit 0 a working day, bits 1-2 its DayKind, bit 3
  // outside the coverage (or no day: the entry past the last), bits 4-31 the
  // coverage's working days before it.
  static constexpr uint32_t kWorking = 1, kOutside = 8;
  static constexpr int kKindShift = 1, kRankShift = 4;

  // The position of a C date in the per-day tables; day_count_, whose entry
  // is kOutside, when it is not a date or outside the tables' years. The
  // parts are read one by one: GCC copies a whole onetrip_date to the stack.
  [[gnu::always_inline]] uint64_t index_of(const onetrip_date& d) const { return index_of(d.year, d.month, d.day); }
  [[gnu::always_inline]] uint64_t index_of(int32_t year, int32_t month, int32_t day) const {
    const uint32_t m = static_cast<uint32_t>(month) - 1;
    const uint64_t index = static_cast<uint64_t>(static_cast<int64_t>(year) - first_year_) * 12 + m;
    const bool in_months = (m < 12) & (index < month_count_);
    const uint32_t entry = months_[in_months ? index : 0];  // months_ is never empty when month_count_ > 0
    const uint32_t d = static_cast<uint32_t>(day) - 1;
    return (in_months & (d < (entry & 31))) ? (entry >> 5) + d : day_count_;
  }
  // The calendar's entry for the day at `index` (index_of's result).
  [[gnu::always_inline]] uint32_t work(uint64_t index) const { return work_[index]; }
  // The C date of the coverage's working day of rank k (0 the first), if the tables hold it.
  [[gnu::always_inline]] bool workday(int64_t k, onetrip_date* out) const {
    if (static_cast<uint64_t>(k) >= workday_count_) return false;
    *out = unpack(workday_dates_[static_cast<size_t>(k)]);
    return true;
  }

  // The epoch day of d; onetrip::kMissingDay when d is not a date, which
  // every scalar query of the calendar answers with nullopt (outside the
  // coverage), so a caller needs no test of its own.
  [[gnu::always_inline]] onetrip::EpochDay day_of(const onetrip_date& d) const {
    return day_of(d.year, d.month, d.day);
  }
  [[gnu::always_inline]] onetrip::EpochDay day_of(int32_t year, int32_t month, int32_t day) const {
    const uint32_t m = static_cast<uint32_t>(month) - 1;
    const uint64_t index = static_cast<uint64_t>(static_cast<int64_t>(year) - first_year_) * 12 + m;
    if ((m < 12) & (index < month_count_)) {
      const uint32_t entry = months_[index];
      if (static_cast<uint32_t>(day) - 1 >= (entry & 31)) return onetrip::kMissingDay;
      return first_day_ + static_cast<onetrip::EpochDay>(entry >> 5) + day - 1;
    }
    return outside_day_of(year, month, day);
  }

  // The C date of an epoch day inside the years 1400-9999.
  [[gnu::always_inline]] onetrip_date date_of(onetrip::EpochDay day) const {
    const uint64_t index = static_cast<uint64_t>(day - first_day_);
    if (index < day_count_) return unpack(days_[index]);
    return outside_date_of(day);
  }

 private:
  [[gnu::always_inline]] static onetrip_date unpack(uint32_t packed) {
    return {static_cast<int32_t>(packed >> 9), static_cast<int32_t>((packed >> 5) & 15),
            static_cast<int32_t>(packed & 31)};
  }
  // The arithmetic, out of line: the lookups above stay short.
  [[gnu::noinline]] static onetrip::EpochDay outside_day_of(int32_t year, int32_t month, int32_t day);
  [[gnu::noinline]] static onetrip_date outside_date_of(onetrip::EpochDay day);

  int32_t first_year_ = 0;
  onetrip::EpochDay first_day_ = 0;  // 1 January of first_year_
  uint64_t month_count_ = 0;         // months_.size() and days_.size(), held here: one load, not two and a shift
  uint64_t day_count_ = 0;
  uint64_t workday_count_ = 0;            // workday_dates_.size()
  std::vector<uint32_t> months_{0};       // per month: its first day's offset from first_day_ << 5 | its length
  std::vector<uint32_t> days_;            // per day from first_day_: year << 9 | month << 5 | day
  std::vector<uint32_t> work_{kOutside};  // per day from first_day_, then one kOutside entry: see kWorking
  std::vector<uint32_t> workday_dates_;   // per working day of the coverage inside the tables, as days_
};

// The epoch day of a C date, or its error (named as to_date names it).
template <class Name>
absl::StatusOr<onetrip::EpochDay> to_epoch_day(onetrip_date d, const Name& name) {
  if (valid_c_date(d)) return epoch_day_of(d);
  return to_date(d, name).status();
}

inline onetrip_date from_date(onetrip::Date d) {
  const auto ymd = d.year_month_day();
  return {static_cast<int32_t>(ymd.year), static_cast<int32_t>(ymd.month), static_cast<int32_t>(ymd.day)};
}

// Moves a successful result into a new handle at *out.
template <class Handle, class Value>
absl::Status store(absl::StatusOr<Value> value, Handle** out) {
  if (!value.ok()) return value.status();
  *out = new Handle{*std::move(value)};
  return absl::OkStatus();
}

// A C progress callback as the C++ one (none when fn is NULL): the phase
// passed NUL-terminated, any non-zero answer a cancel.
inline ProgressCallback progress_of(onetrip_progress_fn fn, void* data) {
  if (fn == nullptr) return nullptr;
  return [fn, data](int64_t done, int64_t total, std::string_view phase) {
    const std::string name(phase);
    return fn(data, done, total, name.c_str()) != 0 ? ProgressAction::kCancel : ProgressAction::kContinue;
  };
}

// Runs a fallible body that may collect problems, keeping them for onetrip_last_problem.
template <class Body>
onetrip_status with_problems(Body body) {
  std::vector<onetrip::Problem> problems;
  const onetrip_status status = guard([&]() -> absl::Status { return body(&problems); });
  try {
    for (onetrip::Problem& p : problems) {
      p.path = valid_utf8(p.path);
      p.message = valid_utf8(p.message);
    }
  } catch (...) {  // out of memory: no list rather than an exception across the boundary
    problems.clear();
  }
  last_problems() = std::move(problems);  // also after a success with skipped rows
  t_flags.has_problems = !last_problems().empty();
  return status;
}

// The volumes of the C calls that take them as CSV texts (each may be NULL):
// matter, bundle or window volumes, then situation volumes added to them
// (capi/notice.cpp); the CSV's problems listed.
absl::StatusOr<Volumes> volumes_of(const Catalog& catalog, const char* volumes_csv, size_t volumes_len,
                                   const char* situation_csv, size_t situation_len, std::vector<Problem>* problems);

// ---- versioned structs -------------------------------------------------------
//
// Every struct of onetrip.h that starts with struct_size is read (options) and
// written (views, results) through read_struct / write_struct and made by
// init_struct, never through its sizeof alone: a caller compiled against an
// older onetrip.h passes its own, smaller struct_size, and a field appended
// since must neither be read from nor written into its memory.
//
// A struct_size is accepted when it is the struct's size in this header, or
// the size it had in a release: from the end of that release's last field up
// to that end rounded up to the struct's alignment (the release's sizeof on
// any platform lies in that span, and no field begins or ends inside it).
// Exactly the fields of that release are then copied; the newer ones keep
// their defaults. Anything else is INVALID_ARGUMENT: a size below the first
// release, past this header's (a newer header than the library), or one that
// cuts a field in two (a torn size such as 5 or 12).
//
// The table below is the record of the releases. Per struct: its _INIT macro,
// its size in the first release, 0.1.0, as the committed baseline
// abi/onetrip-0.dump measured it on x86_64 (checked below on every LP64
// platform), and the last field of each release, first release first. A
// release that appends fields to a struct adds its new last field to the end
// of that struct's row, in the commit that writes its ABI baseline.
template <class T>
struct Versioned;  // kName, kInit, defaults(), kReleaseEnds: specialised by the table

constexpr uint32_t round_up(uint32_t n, uint32_t alignment) { return (n + alignment - 1) / alignment * alignment; }

#define ONETRIP_END(field) static_cast<uint32_t>(offsetof(S, field) + sizeof(S::field))
#define ONETRIP_VERSIONED(T, INIT, lp64_size_0_1_0, ...)                                                            \
  template <>                                                                                                       \
  struct Versioned<T> {                                                                                             \
    using S = T;                                                                                                    \
    static constexpr const char* kName = #T;                                                                        \
    static constexpr const char* kInit = #INIT;                                                                     \
    static const T& defaults() {                                                                                    \
      static const T value = T INIT; /* static: its padding is zero, as a caller's static _INIT */                  \
      return value;                                                                                                 \
    }                                                                                                               \
    static constexpr uint32_t kReleaseEnds[] = {__VA_ARGS__};                                                       \
  };                                                                                                                \
  static_assert(offsetof(T, struct_size) == 0, #T " starts with struct_size");                                      \
  static_assert(sizeof(T) >= Versioned<T>::kReleaseEnds[sizeof(Versioned<T>::kReleaseEnds) / sizeof(uint32_t) - 1], \
                #T ": fields are only appended");                                                                   \
  static_assert(sizeof(void*) != 8 || round_up(Versioned<T>::kReleaseEnds[0], alignof(T)) == (lp64_size_0_1_0),     \
                #T ": the first release's size differs from abi/onetrip-0.dump")

// clang-format off
// struct                                   its _INIT macro                       0.1.0  last field of each release
ONETRIP_VERSIONED(onetrip_calendar_rules,     ONETRIP_CALENDAR_RULES_INIT,           72, ONETRIP_END(name));
ONETRIP_VERSIONED(onetrip_generator_options,  ONETRIP_GENERATOR_OPTIONS_INIT,        48, ONETRIP_END(bundles_per_matter));
ONETRIP_VERSIONED(onetrip_catalog_counts,     ONETRIP_CATALOG_COUNTS_INIT,           48, ONETRIP_END(bundles));
ONETRIP_VERSIONED(onetrip_hall_info,          ONETRIP_HALL_INFO_INIT,                40, ONETRIP_END(kind));
ONETRIP_VERSIONED(onetrip_department_info,    ONETRIP_DEPARTMENT_INFO_INIT,          40, ONETRIP_END(hall_count));
ONETRIP_VERSIONED(onetrip_material_info,      ONETRIP_MATERIAL_INFO_INIT,            72, ONETRIP_END(shared));
ONETRIP_VERSIONED(onetrip_matter_info,        ONETRIP_MATTER_INFO_INIT,             152, ONETRIP_END(note));
ONETRIP_VERSIONED(onetrip_material_use,       ONETRIP_MATERIAL_USE_INIT,             40, ONETRIP_END(applies_by_default));
ONETRIP_VERSIONED(onetrip_bundle_info,        ONETRIP_BUNDLE_INFO_INIT,              80, ONETRIP_END(note));
ONETRIP_VERSIONED(onetrip_bundle_edge,        ONETRIP_BUNDLE_EDGE_INIT,              20, ONETRIP_END(days));
ONETRIP_VERSIONED(onetrip_trip_options,       ONETRIP_TRIP_OPTIONS_INIT,             40, ONETRIP_END(materials_absent_count));
ONETRIP_VERSIONED(onetrip_trips_summary,      ONETRIP_TRIPS_SUMMARY_INIT,            32, ONETRIP_END(worst_case_matter));
ONETRIP_VERSIONED(onetrip_trip_info,          ONETRIP_TRIP_INFO_INIT,                24, ONETRIP_END(need_count));
ONETRIP_VERSIONED(onetrip_need_info,          ONETRIP_NEED_INFO_INIT,                48, ONETRIP_END(text));
ONETRIP_VERSIONED(onetrip_matter_due_info,    ONETRIP_MATTER_DUE_INFO_INIT,          64, ONETRIP_END(extended_due));
ONETRIP_VERSIONED(onetrip_schedule_summary,   ONETRIP_SCHEDULE_SUMMARY_INIT,         48, ONETRIP_END(critical_path_length));
ONETRIP_VERSIONED(onetrip_member_schedule,    ONETRIP_MEMBER_SCHEDULE_INIT,          36, ONETRIP_END(critical));
ONETRIP_VERSIONED(onetrip_evaluation_buffers, ONETRIP_EVALUATION_BUFFERS_INIT,       96, ONETRIP_END(bundle_due));
ONETRIP_VERSIONED(onetrip_evaluate_options,   ONETRIP_EVALUATE_OPTIONS_INIT,         24, ONETRIP_END(threads));
ONETRIP_VERSIONED(onetrip_indicators,         ONETRIP_INDICATORS_INIT,              112, ONETRIP_END(volume));
ONETRIP_VERSIONED(onetrip_finding,            ONETRIP_FINDING_INIT,                  24, ONETRIP_END(message));
ONETRIP_VERSIONED(onetrip_compare_options,    ONETRIP_COMPARE_OPTIONS_INIT,           8, ONETRIP_END(threads));
ONETRIP_VERSIONED(onetrip_comparison_totals,  ONETRIP_COMPARISON_TOTALS_INIT,        96, ONETRIP_END(department_count));
ONETRIP_VERSIONED(onetrip_delta,              ONETRIP_DELTA_INIT,                   104, ONETRIP_END(days_saved));
ONETRIP_VERSIONED(onetrip_department_savings, ONETRIP_DEPARTMENT_SAVINGS_INIT,       48, ONETRIP_END(matters_changed));
ONETRIP_VERSIONED(onetrip_clock_options,      ONETRIP_CLOCK_OPTIONS_INIT,            32, ONETRIP_END(red_used));
ONETRIP_VERSIONED(onetrip_clock_state,        ONETRIP_CLOCK_STATE_INIT,              56, ONETRIP_END(completed_on));
// Added after 0.1.0: the size of the release that first has them.
ONETRIP_VERSIONED(onetrip_mapping_line,       ONETRIP_MAPPING_LINE_INIT,             56, ONETRIP_END(note));
ONETRIP_VERSIONED(onetrip_case_columns,       ONETRIP_CASE_COLUMNS_INIT,            240, ONETRIP_END(accepted));
ONETRIP_VERSIONED(onetrip_bpmn_options,       ONETRIP_BPMN_OPTIONS_INIT,             32, ONETRIP_END(business_calendar));
ONETRIP_VERSIONED(onetrip_roadmap_reform,     ONETRIP_ROADMAP_REFORM_INIT,           40, ONETRIP_END(bundles_changed));
ONETRIP_VERSIONED(onetrip_roadmap_month,      ONETRIP_ROADMAP_MONTH_INIT,            96, ONETRIP_END(mean_worst_case));
ONETRIP_VERSIONED(onetrip_reform_month,       ONETRIP_REFORM_MONTH_INIT,             48, ONETRIP_END(days_saved));
ONETRIP_VERSIONED(onetrip_field_change,       ONETRIP_FIELD_CHANGE_INIT,             56, ONETRIP_END(affects_figures));
ONETRIP_VERSIONED(onetrip_notice_options,     ONETRIP_NOTICE_OPTIONS_INIT,           32, ONETRIP_END(start));
ONETRIP_VERSIONED(onetrip_notice_summary,     ONETRIP_NOTICE_SUMMARY_INIT,           64, ONETRIP_END(open_question_count));
ONETRIP_VERSIONED(onetrip_field_period,       ONETRIP_FIELD_PERIOD_INIT,             48, ONETRIP_END(until));
// clang-format on

#undef ONETRIP_VERSIONED
#undef ONETRIP_END

// How many leading bytes of a T whose caller set struct_size to `size` are
// its fields (see above); nullopt when the size is not one.
template <class T>
std::optional<uint32_t> field_bytes(uint32_t size) {
  if (size == sizeof(T)) return static_cast<uint32_t>(sizeof(T));
  if (size % alignof(uint32_t) != 0) return std::nullopt;
  for (const uint32_t end : Versioned<T>::kReleaseEnds) {
    if (size >= end && size <= round_up(end, alignof(T))) return end;
  }
  return std::nullopt;
}

// INVALID_ARGUMENT for a struct_size that is not one; `what` names it.
template <class T>
absl::Status bad_size(uint32_t size, absl::string_view what) {
  using V = Versioned<T>;
  std::string released;
  for (const uint32_t end : V::kReleaseEnds) absl::StrAppend(&released, round_up(end, alignof(T)), ", ");
  return absl::InvalidArgumentError(absl::StrCat(what, " is ", size, ", not a size ", V::kName,
                                                 " has had (releases: ", released, "this library: ", sizeof(T),
                                                 "); initialise it with ", V::kInit, " or ", V::kName, "_init()"));
}

template <class T>
absl::StatusOr<uint32_t> checked_field_bytes(uint32_t size, const char* name) {
  if (auto bytes = field_bytes<T>(size)) return *bytes;
  return bad_size<T>(size, absl::StrCat(name, "->struct_size"));
}

// The caller's struct read up to its struct_size: fields its older header
// lacks keep their _INIT defaults. NULL is the defaults.
template <class T>
absl::StatusOr<T> read_struct(const T* in, const char* name) {
  T value = Versioned<T>::defaults();
  if (in == nullptr) return value;
  auto bytes = checked_field_bytes<T>(in->struct_size, name);
  if (!bytes.ok()) return bytes.status();
  std::memcpy(static_cast<void*>(&value), in, *bytes);
  value.struct_size = sizeof(T);
  return value;
}

// Whether the caller's out struct can be written: checked before any work, so
// that a wrong size fails early and changes nothing.
template <class T>
absl::Status check_struct(const T* out, const char* name) {
  if (out == nullptr) return null_argument(name);
  return checked_field_bytes<T>(out->struct_size, name).status();
}

// Writes full into the caller's struct, only the fields its struct_size
// covers; its struct_size stays the caller's.
template <class T>
absl::Status write_struct(const T& full, T* out, const char* name = "out") {
  auto bytes = checked_field_bytes<T>(out->struct_size, name);
  if (!bytes.ok()) return bytes.status();
  const uint32_t size = out->struct_size;
  std::memcpy(static_cast<void*>(out), &full, *bytes);
  out->struct_size = size;
  return absl::OkStatus();
}

// The body of every onetrip_<struct>_init: the _INIT defaults, as many fields
// as struct_size covers.
template <class T>
absl::Status init_struct(T* s, uint32_t struct_size) {
  if (s == nullptr) return absl::InvalidArgumentError(absl::StrCat(Versioned<T>::kName, "_init: the struct is NULL"));
  const auto bytes = field_bytes<T>(struct_size);
  if (!bytes) return bad_size<T>(struct_size, absl::StrCat(Versioned<T>::kName, "_init: struct_size"));
  std::memcpy(static_cast<void*>(s), &Versioned<T>::defaults(), *bytes);
  s->struct_size = struct_size;
  return absl::OkStatus();
}

inline absl::Status check_index(size_t index, size_t count, const char* what) {
  if (index >= count) {
    return absl::OutOfRangeError(absl::StrCat(what, " index ", index, " is past the end (there are ", count, ")"));
  }
  return absl::OkStatus();
}

// A new string the caller frees with onetrip_string_free.
inline char* owned_copy(const std::string& text) {
  char* copy = new char[text.size() + 1];
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

}  // namespace onetrip::capi

// A calendar handle: the calendar, and the tables its scalar calls convert
// C dates with.
struct onetrip_calendar {
  explicit onetrip_calendar(onetrip::Calendar calendar) : value(std::move(calendar)), civil(value) {}
  onetrip::Calendar value;
  onetrip::capi::CivilTable civil;
};

#endif  // ONETRIP_CAPI_CAPI_INTERNAL_HPP_
