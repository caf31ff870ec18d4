// Per-call cost of the scalar calendar operations on each surface, in one run:
// the C++ API, the C ABI (onetrip.h, through the shared library), the C ABI's
// batch forms per element, and the plain approach of a C caller: a day loop
// over epoch days with the notices' special days in sorted arrays (bsearch),
// the code one writes without a calendar library. Python's row is
// bench/python_bench.py's. Acceptance dates are spread over 2008-2019; the
// operations are those of a case system: is this a working day, the due date
// 20 working days on, the working days between two dates 28 days apart, the
// next working day, the kind of a day.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

#include "onetrip.h"
#include "onetrip/calendar.hpp"

namespace {

using onetrip::Calendar;
using onetrip::Date;
using onetrip::EpochDay;

std::vector<Date> dates() {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> offset(0, 12 * 365);
  std::vector<Date> out(4096);
  for (Date& d : out) d = Date(2008, 1, 1) + boost::gregorian::date_duration(offset(rng));
  return out;
}

std::vector<onetrip_date> c_dates() {
  std::vector<onetrip_date> out;
  for (const Date& d : dates()) {
    const auto ymd = d.year_month_day();
    out.push_back({static_cast<int32_t>(ymd.year), static_cast<int32_t>(ymd.month), static_cast<int32_t>(ymd.day)});
  }
  return out;
}

onetrip_calendar* c_china() {
  onetrip_calendar* china = nullptr;
  if (onetrip_calendar_china(&china) != ONETRIP_OK) std::abort();
  return china;
}

// ---- the plain approach in C ----------------------------------------------------------

// Days from 1970-01-01 of a civil date (the well-known days_from_civil).
long plain_days(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

int compare_long(const void* a, const void* b) {
  const long x = *static_cast<const long*>(a), y = *static_cast<const long*>(b);
  return x < y ? -1 : x > y;
}

// The notices as two sorted arrays of days, the weekday rule, a loop per day.
struct PlainC {
  std::vector<long> holidays, makeup;
  explicit PlainC(const Calendar& calendar) {
    for (const auto& s : calendar.rules().days) {
      const auto ymd = s.date.year_month_day();
      (s.off ? holidays : makeup).push_back(plain_days(ymd.year, ymd.month, ymd.day));
    }
    std::sort(holidays.begin(), holidays.end());
    std::sort(makeup.begin(), makeup.end());
  }
  bool is_workday(long day) const {
    if (std::bsearch(&day, holidays.data(), holidays.size(), sizeof(long), compare_long)) return false;
    if (std::bsearch(&day, makeup.data(), makeup.size(), sizeof(long), compare_long)) return true;
    return ((day + 3) % 7 + 7) % 7 < 5;  // Monday = 0
  }
  long add(long day, int n) const {
    while (n > 0) {
      ++day;
      if (is_workday(day)) --n;
    }
    return day;
  }
  int count(long start, long end) const {
    int n = 0;
    for (long d = start + 1; d <= end; ++d) n += is_workday(d);
    return n;
  }
};

// ---- is_workday ---------------------------------------------------------------------------

void BM_IsWorkday_cpp(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = dates();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(china.is_workday(d[i++ & 4095]));
}
BENCHMARK(BM_IsWorkday_cpp);

std::vector<EpochDay> epoch_days() {
  std::vector<EpochDay> out;
  for (const Date& d : dates()) out.push_back(onetrip::to_epoch_day(d));
  return out;
}

// The day-number form the C ABI and the Python binding call.
void BM_IsWorkday_cpp_days(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = epoch_days();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(china.is_workday_at(d[i++ & 4095]));
}
BENCHMARK(BM_IsWorkday_cpp_days);

void BM_IsWorkday_cpp_ymd(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = c_dates();
  size_t i = 0;
  for (auto _ : state) {
    const onetrip_date& x = d[i++ & 4095];
    benchmark::DoNotOptimize(
        china.is_workday(Date(static_cast<unsigned short>(x.year), static_cast<unsigned short>(x.month),
                              static_cast<unsigned short>(x.day))));
  }
}
BENCHMARK(BM_IsWorkday_cpp_ymd);

void BM_IsWorkday_capi(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  size_t i = 0;
  bool out = false;
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_is_workday(china, d[i++ & 4095], &out));
    benchmark::DoNotOptimize(out);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_IsWorkday_capi);

void BM_IsWorkday_capi_epoch(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = epoch_days();
  size_t i = 0;
  bool out = false;
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_is_workday_epoch(china, d[i++ & 4095], &out));
    benchmark::DoNotOptimize(out);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_IsWorkday_capi_epoch);

void BM_IsWorkday_capi_batch(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  std::vector<uint8_t> storage(d.size());
  bool* out = reinterpret_cast<bool*>(storage.data());
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_is_workday_n(china, d.data(), d.size(), out));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(d.size()));
  onetrip_calendar_free(china);
}
BENCHMARK(BM_IsWorkday_capi_batch);

void BM_IsWorkday_plain_c(benchmark::State& state) {
  const PlainC plain(Calendar::china());
  const auto d = c_dates();
  size_t i = 0;
  for (auto _ : state) {
    const onetrip_date& x = d[i++ & 4095];
    benchmark::DoNotOptimize(plain.is_workday(plain_days(x.year, x.month, x.day)));
  }
}
BENCHMARK(BM_IsWorkday_plain_c);

// ---- add_workdays(date, 20) -------------------------------------------------------------

void BM_AddWorkdays20_cpp(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = dates();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(china.add_workdays(d[i++ & 4095], 20));
}
BENCHMARK(BM_AddWorkdays20_cpp);

void BM_AddWorkdays20_cpp_days(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = epoch_days();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(china.add_workdays_at(d[i++ & 4095], 20));
}
BENCHMARK(BM_AddWorkdays20_cpp_days);

// The C++ call with the C caller's work around it: the date built from
// year, month and day (boost's checked constructor), the result taken apart.
void BM_AddWorkdays20_cpp_ymd(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = c_dates();
  size_t i = 0;
  for (auto _ : state) {
    const onetrip_date& x = d[i++ & 4095];
    auto r = china.add_workdays(Date(static_cast<unsigned short>(x.year), static_cast<unsigned short>(x.month),
                                     static_cast<unsigned short>(x.day)),
                                20);
    benchmark::DoNotOptimize(r.ok() ? r->year_month_day().day.as_number() : 0);
  }
}
BENCHMARK(BM_AddWorkdays20_cpp_ymd);

void BM_AddWorkdays20_capi(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  size_t i = 0;
  onetrip_date out{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_add_workdays(china, d[i++ & 4095], 20, &out));
    benchmark::DoNotOptimize(out);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_AddWorkdays20_capi);

// The C ABI's day-number form: what a caller holding days since 1970 pays.
void BM_AddWorkdays20_capi_epoch(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = epoch_days();
  size_t i = 0;
  int64_t out = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_add_workdays_epoch(china, d[i++ & 4095], 20, &out));
    benchmark::DoNotOptimize(out);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_AddWorkdays20_capi_epoch);

void BM_AddWorkdays20_capi_batch(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  std::vector<onetrip_date> out(d.size());
  const int32_t twenty = 20;
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_add_workdays_n(china, d.data(), d.size(), &twenty, 1, out.data()));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(d.size()));
  onetrip_calendar_free(china);
}
BENCHMARK(BM_AddWorkdays20_capi_batch);

void BM_AddWorkdays20_plain_c(benchmark::State& state) {
  const PlainC plain(Calendar::china());
  const auto d = c_dates();
  size_t i = 0;
  for (auto _ : state) {
    const onetrip_date& x = d[i++ & 4095];
    benchmark::DoNotOptimize(plain.add(plain_days(x.year, x.month, x.day), 20));
  }
}
BENCHMARK(BM_AddWorkdays20_plain_c);

// ---- count_workdays(start, start + 28 days) -----------------------------------------------

void BM_CountWorkdays28_cpp(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = dates();
  const boost::gregorian::date_duration span(28);
  size_t i = 0;
  for (auto _ : state) {
    const Date start = d[i++ & 4095];
    benchmark::DoNotOptimize(china.count_workdays(start, start + span));
  }
}
BENCHMARK(BM_CountWorkdays28_cpp);

void BM_CountWorkdays28_capi(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  std::vector<onetrip_date> ends;
  for (const Date& x : dates()) {
    const auto ymd = (x + boost::gregorian::date_duration(28)).year_month_day();
    ends.push_back({static_cast<int32_t>(ymd.year), static_cast<int32_t>(ymd.month), static_cast<int32_t>(ymd.day)});
  }
  size_t i = 0;
  int32_t out = 0;
  for (auto _ : state) {
    const size_t k = i++ & 4095;
    benchmark::DoNotOptimize(onetrip_calendar_count_workdays(china, d[k], ends[k], &out));
    benchmark::DoNotOptimize(out);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_CountWorkdays28_capi);

void BM_CountWorkdays28_plain_c(benchmark::State& state) {
  const PlainC plain(Calendar::china());
  const auto d = c_dates();
  size_t i = 0;
  for (auto _ : state) {
    const onetrip_date& x = d[i++ & 4095];
    const long start = plain_days(x.year, x.month, x.day);
    benchmark::DoNotOptimize(plain.count(start, start + 28));
  }
}
BENCHMARK(BM_CountWorkdays28_plain_c);

// ---- next_workday, day kind -----------------------------------------------------------------

void BM_NextWorkday_cpp(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = dates();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(china.next_workday(d[i++ & 4095]));
}
BENCHMARK(BM_NextWorkday_cpp);

void BM_NextWorkday_capi(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  size_t i = 0;
  onetrip_date out{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_next_workday(china, d[i++ & 4095], &out));
    benchmark::DoNotOptimize(out);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_NextWorkday_capi);

void BM_NextWorkday_plain_c(benchmark::State& state) {
  const PlainC plain(Calendar::china());
  const auto d = c_dates();
  size_t i = 0;
  for (auto _ : state) {
    const onetrip_date& x = d[i++ & 4095];
    benchmark::DoNotOptimize(plain.add(plain_days(x.year, x.month, x.day), 1));
  }
}
BENCHMARK(BM_NextWorkday_plain_c);

void BM_DayKind_cpp(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto d = dates();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(china.day(d[i++ & 4095]));
}
BENCHMARK(BM_DayKind_cpp);

void BM_DayKind_capi(benchmark::State& state) {
  onetrip_calendar* china = c_china();
  const auto d = c_dates();
  size_t i = 0;
  onetrip_day_kind kind{};
  const char* name = nullptr;
  for (auto _ : state) {
    benchmark::DoNotOptimize(onetrip_calendar_day_kind(china, d[i++ & 4095], &kind, &name));
    benchmark::DoNotOptimize(kind);
  }
  onetrip_calendar_free(china);
}
BENCHMARK(BM_DayKind_capi);

}  // namespace
