// The monthly report over 10^7 case records (10^6 without BENCH_FULL=1):
// onetrip's accumulator against the plain approach (a std::map of rows keyed
// by hall and window, each record's dates compared as text), and the report of
// two halves added on two threads and merged.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "onetrip/report.hpp"

namespace {

int64_t record_count() {
  const char* full = std::getenv("BENCH_FULL");
  return full != nullptr && std::string(full) == "1" ? 10'000'000 : 1'000'000;
}

// 100,000 distinct records of realistic shape, cycled.
const std::vector<onetrip::CaseRecord>& records() {
  static const std::vector<onetrip::CaseRecord> out = [] {
    const char* const halls[] = {"中心", "交警分中心", "国税分中心", "泗门分中心"};
    const char* const windows[] = {"住建", "公安", "财税", "市场监管局", "人社", "不动产", "民政", "环保"};
    std::vector<onetrip::CaseRecord> r(100'000);
    uint64_t x = 88172645463325252ull;
    const auto next = [&x] {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      return x;
    };
    for (size_t i = 0; i < r.size(); ++i) {
      onetrip::CaseRecord& c = r[i];
      c.case_id = std::to_string(i);
      c.hall = halls[next() % 4];
      c.department = windows[next() % 8];
      c.kind = next() % 3 == 0 ? onetrip::ProjectType::kImmediate : onetrip::ProjectType::kPromised;
      c.received = onetrip::Date(2017, 1, 2) + boost::gregorian::date_duration(static_cast<long>(next() % 210));
      if (next() % 10 != 0) c.completed = c.received + boost::gregorian::date_duration(static_cast<long>(next() % 20));
      c.fee_fen = next() % 5 == 0 ? static_cast<int64_t>(next() % 100000) : 0;
      c.joint = next() % 500 == 0;
      c.limit = static_cast<int32_t>(next() % 20);
    }
    return r;
  }();
  return out;
}

void BM_Report_onetrip(benchmark::State& state) {
  const auto& rs = records();
  const onetrip::Calendar china = onetrip::Calendar::china();
  const int64_t n = record_count();
  for (auto _ : state) {
    onetrip::MonthlyReport report(china);
    for (int64_t i = 0; i < n; ++i) benchmark::DoNotOptimize(report.add(rs[static_cast<size_t>(i) % rs.size()]));
    auto table = report.finish(2017, 7);
    benchmark::DoNotOptimize(table);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_Report_onetrip)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_Report_two_threads_merged_onetrip(benchmark::State& state) {
  const auto& rs = records();
  const onetrip::Calendar china = onetrip::Calendar::china();
  const int64_t n = record_count();
  const auto add = [&](onetrip::MonthlyReport& report, int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) benchmark::DoNotOptimize(report.add(rs[static_cast<size_t>(i) % rs.size()]));
  };
  for (auto _ : state) {
    // Partial reports on two threads (as partitions of a log would be), merged exactly.
    onetrip::MonthlyReport first(china), second(china);
    std::thread other([&] { add(second, n / 2, n); });
    add(first, 0, n / 2);
    other.join();
    if (!first.merge(second).ok()) state.SkipWithError("merge failed");
    auto table = first.finish(2017, 7);
    benchmark::DoNotOptimize(table);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_Report_two_threads_merged_onetrip)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// The plain approach: a row per hall and window in a std::map, each record's
// dates formatted and compared as "YYYY-MM" text, the on-time check a
// day-by-day walk skipped (no limits): it does less than onetrip and is slower.
void BM_Report_plain(benchmark::State& state) {
  const auto& rs = records();
  const int64_t n = record_count();
  struct Row {
    int64_t recv_m = 0, recv_c = 0, done_m = 0, done_c = 0, fee_m = 0, fee_c = 0, pending = 0;
  };
  for (auto _ : state) {
    std::map<std::string, Row> rows;
    for (int64_t i = 0; i < n; ++i) {
      const onetrip::CaseRecord& c = rs[static_cast<size_t>(i) % rs.size()];
      Row& row = rows[c.hall + "/" + c.department];
      const std::string received = onetrip::format_date(c.received).substr(0, 7);
      const std::string completed = c.completed ? onetrip::format_date(*c.completed).substr(0, 7) : "";
      if (received == "2017-07") ++row.recv_m;
      if (received >= "2017-01" && received <= "2017-07") ++row.recv_c;
      if (completed == "2017-07") ++row.done_m, row.fee_m += c.fee_fen;
      if (!completed.empty() && completed >= "2017-01" && completed <= "2017-07") ++row.done_c, row.fee_c += c.fee_fen;
      if (received <= "2017-07" && (completed.empty() || completed > "2017-07")) ++row.pending;
    }
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_Report_plain)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
