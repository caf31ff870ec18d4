#include "onetrip/date.hpp"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "boost/date_time/gregorian/greg_calendar.hpp"
#include "text_support.hpp"

namespace onetrip {
namespace {

// boost::gregorian supports these years; so does every onetrip file format.
constexpr int kMinYear = 1400;
constexpr int kMaxYear = 9999;

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

}  // namespace

absl::StatusOr<Date> from_epoch_day(EpochDay day) {
  static const EpochDay kLow = to_epoch_day(Date(kMinYear, 1, 1));
  static const EpochDay kHigh = to_epoch_day(Date(kMaxYear, 12, 31));
  if (day == kMissingDay) return absl::InvalidArgumentError("a missing date (NaT) where a date is needed");
  if (day < kLow || day > kHigh) {
    return absl::InvalidArgumentError(
        absl::StrFormat("day %d (counted from 1970-01-01) is outside the years %d-%d", day, kMinYear, kMaxYear));
  }
  return Date(Date::date_rep_type(static_cast<uint32_t>(day + kEpochJulianDay)));
}

absl::StatusOr<Date> make_date(int year, int month, int day) {
  // The checks first and the text only on the error path: a valid date costs
  // no formatting (every C ABI call and every CSV date comes through here).
  const bool year_ok = year >= kMinYear && year <= kMaxYear;
  const bool month_ok = month >= 1 && month <= 12;
  const int last = year_ok && month_ok ? boost::gregorian::gregorian_calendar::end_of_month_day(
                                             static_cast<unsigned short>(year), static_cast<unsigned short>(month))
                                       : 0;
  if (year_ok && month_ok && day >= 1 && day <= last) {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
  }
  const std::string text = absl::StrFormat("%04d-%02d-%02d", year, month, day);
  if (!year_ok) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s is not a supported date: years run from %d to %d", text, kMinYear, kMaxYear));
  }
  if (!month_ok) {
    return absl::InvalidArgumentError(absl::StrFormat("%s is not a date: there is no month %d", text, month));
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("%s is not a date: %s %d has %d days", text, kMonthNames[month - 1], year, last));
}

absl::StatusOr<Date> parse_date(std::string_view text) {
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' && absl::ascii_isdigit(text[0]) &&
                     absl::ascii_isdigit(text[1]) && absl::ascii_isdigit(text[2]) && absl::ascii_isdigit(text[3]) &&
                     absl::ascii_isdigit(text[5]) && absl::ascii_isdigit(text[6]) && absl::ascii_isdigit(text[8]) &&
                     absl::ascii_isdigit(text[9]);
  if (!shape) {
    // Quoted as every message quotes text: at most 60 characters, bad UTF-8 escaped.
    return absl::InvalidArgumentError(
        absl::StrFormat("%s is not a date in the form YYYY-MM-DD", internal::quote_text(text)));
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  return make_date(num(0, 4), num(5, 2), num(8, 2));
}

std::string format_date(Date d) {
  if (d.is_special()) return "not-a-date";
  const auto ymd = d.year_month_day();
  return absl::StrFormat("%04d-%02d-%02d", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                         static_cast<int>(ymd.day));
}

}  // namespace onetrip
