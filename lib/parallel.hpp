// Splitting a loop over [0, n) among threads, for the whole-catalogue work
// (evaluation, comparison) whose items are independent.
#ifndef ONETRIP_LIB_PARALLEL_HPP_
#define ONETRIP_LIB_PARALLEL_HPP_

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace onetrip::internal {

// The number of threads to use for `requested` (0: one per hardware thread)
// over n items: never more than one per `grain` items, at least one.
inline size_t thread_count(int requested, size_t n, size_t grain = 4096) {
  size_t wanted = requested > 0 ? static_cast<size_t>(requested) : std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(1, std::min(wanted, n / grain));
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

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_PARALLEL_HPP_
