// One loaded catalogue and calendar shared by several threads (they are
// immutable values): every thread's evaluation equals the single-threaded one;
// the library's own threads (evaluation, comparison, a derived catalogue read
// while its base is) give exactly the single-threaded figures. Run under
// ThreadSanitizer with the tsan preset.
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif

#include "gtest/gtest.h"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/trips.hpp"
#include "parallel.hpp"
#include "snapshot_internal.hpp"

namespace onetrip {
namespace {

TEST(Threads, ASharedCatalogueEvaluatesTheSameInEveryThread) {
  GeneratorOptions options;
  options.matters = 20000;
  options.seed = 5;
  const Catalog catalog = *generate_catalog(options);
  const Calendar china = Calendar::china();
  EvaluationOptions eval;
  eval.start = Date(2017, 7, 3);
  const CatalogEvaluation expected = *evaluate_catalog(catalog, china, eval);
  std::vector<CatalogEvaluation> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      // Each thread also takes its own copies: copies share the same tables.
      const Catalog copy = catalog;
      results[t] = *evaluate_catalog(copy, Calendar::china(), eval);
      for (BundleIndex b = 0; b < copy.bundles().size(); ++b) evaluate_bundle_trips(copy, b);
    });
  }
  for (std::thread& th : threads) th.join();
  for (const CatalogEvaluation& r : results) {
    EXPECT_EQ(r.matter_trips, expected.matter_trips);
    EXPECT_EQ(r.matter_due, expected.matter_due);
    EXPECT_EQ(r.bundle_workdays, expected.bundle_workdays);
  }
}

// "0 threads" means one per CPU the process may use: a process pinned to one
// CPU (taskset, a container's cpuset) runs one thread, whatever the machine
// has, and reads a large snapshot on that thread alone; a number asked for
// is taken as it is.
TEST(Threads, AProcessPinnedToOneCpuRunsOneThread) {
#if defined(__linux__)
  cpu_set_t before;
  ASSERT_EQ(sched_getaffinity(0, sizeof before, &before), 0);
  if (CPU_COUNT(&before) < 2) GTEST_SKIP() << "one CPU only: pinning changes nothing";
  struct Restore {  // on every way out, an ASSERT's included
    cpu_set_t saved;
    ~Restore() { sched_setaffinity(0, sizeof saved, &saved); }
  } restore{before};
  EXPECT_EQ(internal::reads_beside(size_t{1} << 20), internal::usable_cpus() > 1);
  int first = 0;
  while (!CPU_ISSET(first, &before)) ++first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  EXPECT_EQ(internal::usable_cpus(), 1u);
  EXPECT_EQ(internal::thread_count(0, 1000000), 1u);
  EXPECT_EQ(internal::thread_count(3, 1000000), 3u);
  EXPECT_FALSE(internal::reads_beside(size_t{1} << 20));
  GeneratorOptions options;
  options.matters = 9000;  // a snapshot of over 1 MB
  options.seed = 3;
  const Catalog catalog = *generate_catalog(options);
  const auto loaded = Catalog::load_snapshot(catalog.save_snapshot());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(*loaded == catalog);
  ASSERT_EQ(sched_setaffinity(0, sizeof before, &before), 0);
  // Unpinned again: no more than the mask allows.
  EXPECT_GE(internal::usable_cpus(), 1u);
  EXPECT_LE(internal::usable_cpus(), static_cast<size_t>(CPU_COUNT(&before)));
#else
  GTEST_SKIP() << "CPU affinity is read on Linux only";
#endif
}

// The control groups /proc/self/cgroup names and their ancestors: the least
// quota along them counts (cgroup v2's cpu.max, v1's cpu controller, mounted
// alone or with cpuacct); "max", -1, a missing file or a line that is not a
// group's path is no limit.
TEST(Threads, TheLeastQuotaAlongTheControlGroupsOfTheProcessCounts) {
  static std::map<std::string, std::string> files;
  const internal::FirstLine read = [](const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  files = {{"/sys/fs/cgroup/a/cpu.max", "300000 100000"},
           {"/sys/fs/cgroup/a/b/cpu.max", "max 100000"},
           {"/sys/fs/cgroup/cpu.max", "max 100000"}};
  EXPECT_EQ(internal::cgroup_cpus("0::/a/b\n", read), 3u);  // the parent's
  files["/sys/fs/cgroup/a/b/cpu.max"] = "150000 100000";
  EXPECT_EQ(internal::cgroup_cpus("0::/a/b\n", read), 2u);  // the group's own, lower
  EXPECT_EQ(internal::cgroup_cpus("0::/a\n", read), 3u);
  EXPECT_EQ(internal::cgroup_cpus("0::/\n", read), std::nullopt);
  EXPECT_EQ(internal::cgroup_cpus("0::/elsewhere\n", read), std::nullopt);
  files = {{"/sys/fs/cgroup/cpu,cpuacct/x/cpu.cfs_quota_us", "50000"},
           {"/sys/fs/cgroup/cpu,cpuacct/x/cpu.cfs_period_us", "100000"},
           {"/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1"},
           {"/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000"}};
  EXPECT_EQ(internal::cgroup_cpus("12:pids:/x\n4:cpu,cpuacct:/x\n0::/\n", read), 1u);  // v1, half a CPU
  EXPECT_EQ(internal::cgroup_cpus("4:cpuacct:/x\n", read), std::nullopt);              // not the cpu controller
  EXPECT_EQ(internal::cgroup_cpus("1:cpu:/\n", read), std::nullopt);                   // -1: no quota
  // Lines that name no group: nothing read, no limit, and no endless walk up.
  for (const char* odd : {"", "\n\n", "no colon", "0::", "0::a", "0::a/b", "4:cpu:relative/x", "4:cpu"}) {
    EXPECT_EQ(internal::cgroup_cpus(odd, read), std::nullopt) << odd;
  }
  files = {{"/sys/fs/cgroup/a:b/cpu.max", "200000 100000"}};
  EXPECT_EQ(internal::cgroup_cpus("0::/a:b\n", read), 2u);  // a path may hold ':'
}

// A control group's CPU quota (cgroup v2 cpu.max: the microseconds of CPU
// time a period allows) counts as the whole CPUs it covers, rounded up; "max"
// or a line that is not a quota is no limit.
TEST(Threads, ACgroupQuotaIsCountedInWholeCpusRoundedUp) {
  EXPECT_EQ(internal::cpu_max_cpus("max 100000"), std::nullopt);
  EXPECT_EQ(internal::cpu_max_cpus("max 100000\n"), std::nullopt);
  EXPECT_EQ(internal::cpu_max_cpus("100000 100000"), 1u);
  EXPECT_EQ(internal::cpu_max_cpus("150000 100000\n"), 2u);
  EXPECT_EQ(internal::cpu_max_cpus("50000 100000"), 1u);  // half a CPU: one thread
  EXPECT_EQ(internal::cpu_max_cpus("400000 100000"), 4u);
  EXPECT_EQ(internal::cpu_max_cpus("400001 100000"), 5u);
  EXPECT_EQ(internal::cpu_max_cpus("9223372036854775807 100000"), 92233720368548u);  // no overflow
  for (const char* not_a_quota :
       {"", "100000", "abc 100000", "100000 0", "-1 100000", "100000 -5", "1e5 100000", "100000 100000 7"}) {
    EXPECT_EQ(internal::cpu_max_cpus(not_a_quota), std::nullopt) << not_a_quota;
  }
}

// A large snapshot's chunks of matters are read on two threads, which also
// index the codes in turn: a code found twice, or a problem in a chunk, is
// named the same on every load, whichever thread reads or indexes what.
TEST(Threads, ALargeSnapshotNamesTheSameFirstProblemOnEveryLoad) {
  GeneratorOptions options;
  options.matters = 20000;  // five chunks
  options.seed = 7;
  const Catalog original = *generate_catalog(options);
  const std::string bytes = original.save_snapshot();
  // Matter 15000's code made matter 9's (codes are nine ASCII characters, found once).
  std::string twice = bytes;
  twice.replace(twice.find(original.matters()[15000].code), 9, original.matters()[9].code);
  internal::reseal_snapshot(twice);
  // ... and matter 17000's code made invalid UTF-8 too, after it.
  std::string both = twice;
  both[both.find(original.matters()[17000].code)] = '\xff';
  internal::reseal_snapshot(both);
  const std::string expected =
      "$.matters[15000].code: code \"" + original.matters()[9].code + "\" is also used by $.matters[9]";
  for (int round = 0; round < 20; ++round) {
    for (const std::string* edited : {&twice, &both}) {
      auto loaded = Catalog::load_snapshot(*edited);
      ASSERT_FALSE(loaded.ok());
      EXPECT_NE(loaded.status().message().find(expected), std::string_view::npos) << loaded.status();
    }
    EXPECT_TRUE(Catalog::load_snapshot(bytes).ok());
  }
}

// A catalogue loaded from a snapshot builds each chunk of matters when one of
// them is first read, once, whichever of the threads reading it at the same
// time gets there first.
TEST(Threads, AnUnreadSnapshotIsBuiltOnceWhateverThreadReadsIt) {
  GeneratorOptions options;
  options.matters = 20000;  // five chunks
  options.seed = 6;
  const Catalog original = *generate_catalog(options);
  const Catalog loaded = *Catalog::load_snapshot(original.save_snapshot());
  EvaluationOptions eval;
  eval.start = Date(2017, 7, 3);
  const CatalogEvaluation expected = *evaluate_catalog(original, Calendar::china(), eval);
  std::vector<CatalogEvaluation> results(4);
  std::vector<size_t> differing(results.size(), 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      // Each thread reads the matters in its own order first, then evaluates.
      const auto n = loaded.matters().size();
      for (size_t k = 0; k < n; ++k) {
        const size_t i = t % 2 == 0 ? (k * 7919 + t) % n : n - 1 - k;
        if (!(loaded.matters()[i] == original.matters()[i])) ++differing[t];
      }
      results[t] = *evaluate_catalog(loaded, Calendar::china(), eval);
    });
  }
  for (std::thread& th : threads) th.join();
  for (size_t t = 0; t < results.size(); ++t) {
    EXPECT_EQ(differing[t], 0u);
    EXPECT_EQ(results[t].matter_trips, expected.matter_trips);
    EXPECT_EQ(results[t].matter_due, expected.matter_due);
    EXPECT_EQ(results[t].bundle_workdays, expected.bundle_workdays);
  }
}

TEST(Threads, EvaluationAndComparisonOnThreadsEqualOneThread) {
  GeneratorOptions options;
  options.matters = 40000;  // every one of four threads gets a part
  options.seed = 11;
  const Catalog base = *generate_catalog(options);
  Scenario scenario;
  Reform express;
  express.kind = ReformKind::kExpressDelivery;
  express.target.department = "d3";
  scenario.reforms.push_back(express);
  const Catalog after = *apply(base, scenario);
  Volumes volumes;
  for (size_t i = 0; i < base.matters().size(); i += 3) volumes.matters[base.matters()[i].code] = 1.0 + i % 5;
  const Calendar china = Calendar::china();
  EvaluationOptions eval;
  eval.start = Date(2017, 7, 3);
  const CatalogEvaluation one = *evaluate_catalog(after, china, eval);
  eval.threads = 4;
  const CatalogEvaluation four = *evaluate_catalog(after, china, eval);
  EXPECT_EQ(one.matter_trips, four.matter_trips);
  EXPECT_EQ(one.matter_due, four.matter_due);
  EXPECT_EQ(one.bundle_trips, four.bundle_trips);
  EXPECT_EQ(one.bundle_due, four.bundle_due);
  CompareOptions on_four;
  on_four.threads = 4;
  const Comparison c1 = *compare(base, after, volumes);
  const Comparison c4 = *compare(base, after, volumes, on_four);
  EXPECT_GT(c1.trips_saved, 0);
  EXPECT_EQ(c1.trips_saved, c4.trips_saved);  // exactly: the sums run in one order
  EXPECT_EQ(c1.days_saved, c4.days_saved);
  EXPECT_EQ(c1.matters_changed, c4.matters_changed);
  EXPECT_EQ(c1.after.mean_trips, c4.after.mean_trips);
  // A volume for no matter: the same one named, whatever the threads (the first in code order).
  Volumes unknown = volumes;
  unknown.matters["ZZ-unknown"] = 1;
  unknown.matters["AA-unknown"] = 1;
  const auto e1 = compare(base, after, unknown);
  const auto e4 = compare(base, after, unknown, on_four);
  ASSERT_FALSE(e1.ok());
  EXPECT_EQ(e1.status(), e4.status());
  EXPECT_NE(e1.status().message().find("AA-unknown"), absl::string_view::npos);
  ASSERT_EQ(c1.matters.size(), c4.matters.size());
  for (size_t i = 0; i < c1.matters.size(); ++i) {
    ASSERT_EQ(c1.matters[i].change, c4.matters[i].change) << i;
    ASSERT_EQ(c1.matters[i].trips_after, c4.matters[i].trips_after) << i;
  }
}

TEST(Threads, AnErrorOnAThreadIsTheOneOneThreadReports) {
  GeneratorOptions options;
  options.matters = 40000;
  options.seed = 11;
  const Catalog catalog = *generate_catalog(options);
  EvaluationOptions eval;
  eval.start = Date(2026, 12, 20);  // due dates run past the calendar's last year
  const auto one = evaluate_catalog(catalog, Calendar::china(), eval);
  eval.threads = 4;
  const auto four = evaluate_catalog(catalog, Calendar::china(), eval);
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status(), four.status());
}

}  // namespace
}  // namespace onetrip
