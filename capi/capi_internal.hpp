// Internal to the C ABI: the guard every entry point runs in, and the
// conversions they share.
#ifndef ONETRIP_CAPI_CAPI_INTERNAL_HPP_
#define ONETRIP_CAPI_CAPI_INTERNAL_HPP_

#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "onetrip.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/problem.hpp"

struct onetrip_calendar {
  onetrip::Calendar value;
};

struct onetrip_catalog {
  onetrip::Catalog value;
};

namespace onetrip::capi {

// The thread's last error message and problem list (onetrip_last_error,
// onetrip_last_problem).
std::string& last_error();
std::vector<onetrip::Problem>& last_problems();

// Every entry point's outcome: clears or sets the message and problem list.
inline onetrip_status record(const absl::Status& status) {
  last_problems().clear();
  if (status.ok()) {
    last_error().clear();
    return ONETRIP_OK;
  }
  last_error() = std::string(status.message());
  return static_cast<onetrip_status>(status.code());
}

// Runs body (returning absl::Status) and maps every outcome to a status.
template <class Body>
onetrip_status guard(Body&& body) noexcept {
  try {
    return record(body());
  } catch (const std::bad_alloc&) {
    last_error() = "out of memory";
    return ONETRIP_RESOURCE_EXHAUSTED;
  } catch (const std::exception& e) {
    last_error() = absl::StrCat("internal error: ", e.what());
    return ONETRIP_INTERNAL;
  } catch (...) {
    last_error() = "internal error: unknown exception";
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

inline absl::StatusOr<onetrip::Date> to_date(onetrip_date d, const char* name) {
  auto date = onetrip::make_date(d.year, d.month, d.day);
  if (!date.ok()) return absl::InvalidArgumentError(absl::StrCat(name, ": ", date.status().message()));
  return *date;
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

// Runs a fallible body that may collect problems, keeping them for onetrip_last_problem.
template <class Body>
onetrip_status with_problems(Body body) {
  std::vector<onetrip::Problem> problems;
  const onetrip_status status = guard([&]() -> absl::Status { return body(&problems); });
  last_problems() = std::move(problems);  // also after a success with skipped rows
  return status;
}

// Fills the caller's struct up to its struct_size, so that a caller compiled
// against an older, shorter struct keeps working.
template <class Info>
absl::Status fill(const Info& full, Info* out) {
  if (out->struct_size < sizeof(uint32_t) || out->struct_size > sizeof(Info)) {
    return absl::InvalidArgumentError("out->struct_size is not set: initialise the struct with its _INIT macro");
  }
  const uint32_t size = out->struct_size;
  std::memcpy(static_cast<void*>(out), &full, size);
  out->struct_size = size;
  return absl::OkStatus();
}

// The caller's options read up to their struct_size (fields its older header
// lacks keep the defaults given); NULL options are the defaults.
template <class Options>
absl::StatusOr<Options> read_options(const Options* in, Options defaults, const char* name) {
  if (in == nullptr) return defaults;
  if (in->struct_size < sizeof(uint32_t) || in->struct_size > sizeof(Options)) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, "->struct_size is not set: initialise the struct with its _INIT macro"));
  }
  std::memcpy(static_cast<void*>(&defaults), in, in->struct_size);
  return defaults;
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

#endif  // ONETRIP_CAPI_CAPI_INTERNAL_HPP_
