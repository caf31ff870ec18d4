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
