// Dates at the API are boost::gregorian::date; inside, and in bulk, they are
// day numbers counted from 1970-01-01 (the same numbers as NumPy's datetime64[D]).
#ifndef ONETRIP_DATE_HPP_
#define ONETRIP_DATE_HPP_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/date_time/gregorian/greg_date.hpp"

namespace onetrip {

using Date = boost::gregorian::date;

// Days since 1970-01-01; negative before it.
using EpochDay = int64_t;

// A missing date in bulk arrays (a pending case has no completion date). Equal to
// NumPy's NaT, so datetime64[D] arrays pass through unchanged.
inline constexpr EpochDay kMissingDay = std::numeric_limits<int64_t>::min();

// The Julian day number of 1970-01-01.
inline constexpr EpochDay kEpochJulianDay = 2440588;

// The epoch day of a valid (not special) date.
inline EpochDay to_epoch_day(Date d) { return static_cast<EpochDay>(d.day_number()) - kEpochJulianDay; }

// Year, month and day to epoch day and back without boost's checked types, for
// the scalar paths of the C ABI and the Python binding: Neri and Schneider's
// algorithms ("Euclidean affine functions and their application to calendar
// algorithms", 2022; libstdc++'s <chrono> uses them), unsigned 32-bit
// multiplications and shifts with the dates moved by 82 × 400 years so that
// every value is positive. For valid dates of the years 1400-9999 only (the
// caller checks); exact on each of them (date_test.cpp checks every one).
struct CivilDay {
  int32_t year;
  int32_t month;  // 1-12
  int32_t day;    // 1-31
};

namespace civil_internal {
inline constexpr uint32_t kYearShift = 400 * 82;
inline constexpr uint32_t kDayShift = 719468 + 146097 * 82;  // 0000-03-01 to 1970-01-01, plus the shift
}  // namespace civil_internal

constexpr EpochDay epoch_day_from_civil(int32_t year, int32_t month, int32_t day) {
  const uint32_t jan_feb = month <= 2 ? 1 : 0;  // months 13 and 14 of the year before
  const uint32_t y = static_cast<uint32_t>(year) + civil_internal::kYearShift - jan_feb;
  const uint32_t m = static_cast<uint32_t>(month) + 12 * jan_feb;
  const uint32_t century = y / 100;
  const uint32_t year_days = 1461 * y / 4 - century + century / 4;
  const uint32_t month_days = (979 * m - 2919) / 32;
  return static_cast<EpochDay>(year_days + month_days + static_cast<uint32_t>(day) - 1) -
         static_cast<EpochDay>(civil_internal::kDayShift);
}

constexpr CivilDay civil_from_epoch_day(EpochDay day) {
  const uint32_t n1 = 4 * static_cast<uint32_t>(day + civil_internal::kDayShift) + 3;
  const uint32_t century = n1 / 146097;
  const uint64_t p2 = uint64_t{2939745} * (n1 % 146097 | 3);
  const uint32_t year_of_century = static_cast<uint32_t>(p2 >> 32);
  const uint32_t day_of_year = static_cast<uint32_t>(p2) / 2939745 / 4;  // from 1 March
  const uint32_t n3 = 2141 * day_of_year + 197913;
  const uint32_t jan_feb = day_of_year >= 306 ? 1 : 0;
  return {static_cast<int32_t>(100 * century + year_of_century + jan_feb - civil_internal::kYearShift),
          static_cast<int32_t>((n3 >> 16) - 12 * jan_feb), static_cast<int32_t>((n3 & 0xFFFF) / 2141 + 1)};
}

// The date of an epoch day; INVALID_ARGUMENT outside the years 1400–9999.
absl::StatusOr<Date> from_epoch_day(EpochDay day);

// A date from its parts; INVALID_ARGUMENT naming the date when it does not exist
// ("2017-02-30 is not a date: February 2017 has 28 days").
absl::StatusOr<Date> make_date(int year, int month, int day);

// Strict ISO 8601 "YYYY-MM-DD"; anything else is INVALID_ARGUMENT naming the text.
absl::StatusOr<Date> parse_date(std::string_view text);

// "YYYY-MM-DD".
std::string format_date(Date d);

}  // namespace onetrip

#endif  // ONETRIP_DATE_HPP_
