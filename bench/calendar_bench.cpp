// Working-day arithmetic: onetrip's table lookups against the day-by-day loops
// a user would otherwise write, one step per day:
//  - day_by_day: the natural code with the libraries at hand: boost dates,
//    std::set of holidays and of makeup days, day_of_week();
//  - day_by_day_tuned: the same loop tuned: epoch-day integers, one hash map.
// Spans of 1 to 1,000 working days show that onetrip's cost does not grow with
// the span.
#include <benchmark/benchmark.h>

#include <random>
#include <set>
#include <unordered_map>
#include <vector>

#include "onetrip/calendar.hpp"

namespace {

using onetrip::Calendar;
using onetrip::Date;
using onetrip::EpochDay;

// The plain approach: the notices in two sets, the weekday rule, a loop.
class DayByDay {
 public:
  explicit DayByDay(const Calendar& calendar) {
    for (const auto& d : calendar.rules().days) (d.off ? holidays_ : makeup_).insert(d.date);
  }
  bool is_workday(Date d) const {
    if (holidays_.count(d)) return false;
    if (makeup_.count(d)) return true;
    const int weekday = d.day_of_week().as_number();  // Sunday = 0
    return weekday != 0 && weekday != 6;
  }
  Date add(Date d, int64_t n) const {
    while (n > 0) {
      d += boost::gregorian::date_duration(1);
      if (is_workday(d)) --n;
    }
    return d;
  }
  int64_t count(Date start, Date end) const {
    int64_t n = 0;
    for (Date d = start + boost::gregorian::date_duration(1); d <= end; d += boost::gregorian::date_duration(1)) {
      n += is_workday(d);
    }
    return n;
  }

 private:
  std::set<Date> holidays_;
  std::set<Date> makeup_;
};

// The same loop tuned: integers and one hash map.
class DayByDayTuned {
 public:
  explicit DayByDayTuned(const Calendar& calendar) {
    for (const auto& d : calendar.rules().days) off_[onetrip::to_epoch_day(d.date)] = d.off;
  }
  bool is_workday(EpochDay day) const {
    if (auto it = off_.find(day); it != off_.end()) return !it->second;
    const int64_t weekday = ((day + 3) % 7 + 7) % 7;  // Monday = 0
    return weekday < 5;
  }
  EpochDay add(EpochDay day, int64_t n) const {
    while (n > 0) {
      ++day;
      if (is_workday(day)) --n;
    }
    return day;
  }
  int64_t count(EpochDay start, EpochDay end) const {
    int64_t n = 0;
    for (EpochDay d = start + 1; d <= end; ++d) n += is_workday(d);
    return n;
  }

 private:
  std::unordered_map<EpochDay, bool> off_;
};

// Acceptance dates spread over 2008-2019, so results stay inside the coverage.
std::vector<Date> starts() {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> offset(0, 12 * 365);
  std::vector<Date> out(4096);
  for (Date& d : out) d = Date(2008, 1, 1) + boost::gregorian::date_duration(offset(rng));
  return out;
}

void BM_AddWorkdays_onetrip(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto dates = starts();
  const int64_t n = state.range(0);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(china.add_workdays(dates[i++ & 4095], n));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddWorkdays_onetrip)->Arg(1)->Arg(20)->Arg(250)->Arg(1000);

void BM_AddWorkdays_day_by_day(benchmark::State& state) {
  const DayByDay plain(Calendar::china());
  const auto dates = starts();
  const int64_t n = state.range(0);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(plain.add(dates[i++ & 4095], n));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddWorkdays_day_by_day)->Arg(1)->Arg(20)->Arg(250)->Arg(1000);

void BM_AddWorkdays_day_by_day_tuned(benchmark::State& state) {
  const DayByDayTuned plain(Calendar::china());
  const auto dates = starts();
  const int64_t n = state.range(0);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(plain.add(onetrip::to_epoch_day(dates[i++ & 4095]), n));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddWorkdays_day_by_day_tuned)->Arg(1)->Arg(20)->Arg(250)->Arg(1000);

void BM_CountWorkdays_onetrip(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto dates = starts();
  const boost::gregorian::date_duration span(state.range(0) * 7 / 5);
  size_t i = 0;
  for (auto _ : state) {
    const Date start = dates[i++ & 4095];
    benchmark::DoNotOptimize(china.count_workdays(start, start + span));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountWorkdays_onetrip)->Arg(1)->Arg(20)->Arg(250)->Arg(1000);

void BM_CountWorkdays_day_by_day(benchmark::State& state) {
  const DayByDay plain(Calendar::china());
  const auto dates = starts();
  const boost::gregorian::date_duration span(state.range(0) * 7 / 5);
  size_t i = 0;
  for (auto _ : state) {
    const Date start = dates[i++ & 4095];
    benchmark::DoNotOptimize(plain.count(start, start + span));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountWorkdays_day_by_day)->Arg(1)->Arg(20)->Arg(250)->Arg(1000);

void BM_CountWorkdays_day_by_day_tuned(benchmark::State& state) {
  const DayByDayTuned plain(Calendar::china());
  const auto dates = starts();
  const int64_t span = state.range(0) * 7 / 5;
  size_t i = 0;
  for (auto _ : state) {
    const EpochDay start = onetrip::to_epoch_day(dates[i++ & 4095]);
    benchmark::DoNotOptimize(plain.count(start, start + span));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountWorkdays_day_by_day_tuned)->Arg(1)->Arg(20)->Arg(250)->Arg(1000);

// The bulk form an analyst's NumPy array takes: 1 million acceptance dates.
void BM_AddWorkdays_bulk_1M(benchmark::State& state) {
  const Calendar china = Calendar::china();
  const auto dates = starts();
  std::vector<EpochDay> days(1'000'000);
  for (size_t i = 0; i < days.size(); ++i) days[i] = onetrip::to_epoch_day(dates[i & 4095]);
  std::vector<EpochDay> out(days.size());
  const std::vector<int64_t> n = {20};
  for (auto _ : state) {
    benchmark::DoNotOptimize(china.add_workdays(days, n, absl::MakeSpan(out)));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(days.size()));
}
BENCHMARK(BM_AddWorkdays_bulk_1M)->Unit(benchmark::kMillisecond);

}  // namespace
