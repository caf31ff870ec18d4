// Splitting a loop over [0, n) among threads, for the whole-catalogue work
// (evaluation, comparison) whose items are independent.
#ifndef ONETRIP_LIB_PARALLEL_HPP_
#define ONETRIP_LIB_PARALLEL_HPP_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "progress_internal.hpp"

namespace onetrip::internal {

// The CPUs this process may run on: those of its affinity mask (taskset,
// a container's cpuset; the calling thread's, which the threads it starts
// inherit), no more than its control group's CPU quota allows
// (cgroup v2 cpu.max, or v1 cpu.cfs_quota_us, rounded up; the least along
// the group's ancestors), at least 1. Where neither can be read, what
// std::thread::hardware_concurrency() says.
size_t usable_cpus();
// The CPUs a cgroup v2 cpu.max line gives ("150000 100000": 2; "max 100000":
// none, no quota; anything else: none).
std::optional<size_t> cpu_max_cpus(std::string_view cpu_max);
// The least CPU quota of the control groups /proc/self/cgroup's text names
// and of their ancestors (cgroup v2's cpu.max under /sys/fs/cgroup, v1's cpu
// controller's cfs files), reading each file's first line with `first_line`
// (none when it cannot be read); none when no group sets one.
using FirstLine = std::optional<std::string> (*)(const std::string& path);
std::optional<size_t> cgroup_cpus(std::string_view proc_self_cgroup, FirstLine first_line);

// The number of threads to use for `requested` (0: one per CPU this process
// may use) over n items: never more than one per `grain` items, at least one.
// The CPUs are only asked for (a system call) when n is enough for a second thread.
inline size_t thread_count(int requested, size_t n, size_t grain = 4096) {
  const size_t most = n / grain;
  if (most <= 1) return 1;
  const size_t wanted = requested > 0 ? static_cast<size_t>(requested) : usable_cpus();
  return std::max<size_t>(1, std::min(wanted, most));
}

// Calls body(part, begin, end) for `parts` contiguous ranges covering [0, n),
// part 0 on the calling thread, the others each on a thread of its own. An
// exception thrown by a part is rethrown here after every part has finished
// (the first part's first).
template <class Body>
void parallel_parts(size_t n, size_t parts, Body body) {
  const auto range = [&](size_t p) { return std::pair<size_t, size_t>(n * p / parts, n * (p + 1) / parts); };
  if (parts <= 1) {
    body(size_t{0}, size_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> failed(parts);
  std::vector<std::thread> threads;
  threads.reserve(parts - 1);
  const auto run = [&](size_t p) {
    try {
      const auto [begin, end] = range(p);
      body(p, begin, end);
    } catch (...) {
      failed[p] = std::current_exception();
    }
  };
  for (size_t p = 1; p < parts; ++p) threads.emplace_back(run, p);
  run(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : failed) {
    if (e) std::rethrow_exception(e);
  }
}

// Calls item(i), which returns a status, for every i in [0, n) split in
// `parts`; a part stops at its first failure. The failure of the earliest item
// is returned, as one thread going through them in order would return it.
template <class Item>
absl::Status parallel_items(size_t n, size_t parts, Item item) {
  std::vector<absl::Status> failed(parts);
  parallel_parts(n, parts, [&](size_t part, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (absl::Status s = item(i); !s.ok()) {
        failed[part] = std::move(s);
        return;
      }
    }
  });
  for (absl::Status& s : failed) {
    if (!s.ok()) return std::move(s);
  }
  return absl::OkStatus();
}

// parallel_items with progress: each part adds what it did every progress.step()
// items and stops when the callback has cancelled; the callback is called by
// part 0, on the calling thread, as its own items go and then while it waits
// for the other parts. Returns the earliest item's failure, else CANCELLED when
// the callback cancelled. Without a callback it is parallel_items exactly.
template <class Item>
absl::Status parallel_items(size_t n, size_t parts, PhaseProgress& progress, Item item) {
  if (!progress.active()) return parallel_items(n, parts, item);
  if (!progress.start()) return progress.status();
  const size_t chunk = static_cast<size_t>(progress.step());
  std::atomic<int64_t> done{0};
  std::atomic<bool> stop{false};
  std::atomic<size_t> running{std::max<size_t>(parts, 1)};
  std::vector<absl::Status> failed(std::max<size_t>(parts, 1));
  parallel_parts(n, parts, [&](size_t part, size_t begin, size_t end) {
    for (size_t i = begin; i < end && !stop.load(std::memory_order_relaxed);) {
      const size_t from = i;
      const size_t chunk_end = std::min(end, i + chunk);
      bool ok = true;
      for (; i < chunk_end; ++i) {
        if (absl::Status s = item(i); !s.ok()) {
          failed[part] = std::move(s);
          ok = false;
          break;
        }
      }
      done.fetch_add(static_cast<int64_t>(i - from), std::memory_order_relaxed);
      if (!ok) break;
      if (part == 0 && !progress.report(done.load(std::memory_order_relaxed))) stop = true;
    }
    running.fetch_sub(1);
    if (part != 0) return;
    while (running.load() > 0) {  // the calling thread keeps reporting while the others finish
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!stop.load() && !progress.tick(done.load(std::memory_order_relaxed))) stop = true;
    }
  });
  for (absl::Status& s : failed) {
    if (!s.ok()) return std::move(s);
  }
  if (stop.load() || !progress.finish()) return progress.status();
  return absl::OkStatus();
}

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_PARALLEL_HPP_
