// The CPUs a process may use (lib/parallel.hpp): its affinity mask, and the
// CPU quota of its control group, which std::thread::hardware_concurrency()
// does not see (a container limited to one CPU on a machine of 64 would
// otherwise run 64 threads that take turns).
#include "parallel.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "text_support.hpp"

#if defined(__linux__)
#include <sched.h>
#endif

namespace onetrip::internal {

namespace {

std::optional<int64_t> integer(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The CPUs a quota of `quota` microseconds every `period` gives, rounded up;
// none when either is not positive (-1 is cgroup v1's "no quota").
std::optional<size_t> quota_cpus(std::optional<int64_t> quota, std::optional<int64_t> period) {
  if (!quota || !period || *quota <= 0 || *period <= 0) return std::nullopt;
  return static_cast<size_t>(*quota / *period + (*quota % *period != 0 ? 1 : 0));  // at least 1, no overflow
}

#if defined(__linux__)
// A file's first line (without its end), with the library's reader of files;
// none when it cannot be read.
std::optional<std::string> first_line(const std::string& path) {
  auto text = read_text_file(path);
  if (!text.ok()) return std::nullopt;
  return text->substr(0, text->find('\n'));
}

// The CPUs the affinity mask of the calling thread (which the threads it
// starts inherit) holds, with room for a machine of more than CPU_SETSIZE.
std::optional<size_t> affinity_cpus() {
  for (size_t n = CPU_SETSIZE; n <= (size_t{1} << 20); n *= 2) {
    cpu_set_t* set = CPU_ALLOC(n);
    if (set == nullptr) return std::nullopt;
    const size_t bytes = CPU_ALLOC_SIZE(n);
    CPU_ZERO_S(bytes, set);
    const int read = sched_getaffinity(0, bytes, set);
    const int error = errno;
    const int count = read == 0 ? CPU_COUNT_S(bytes, set) : 0;
    CPU_FREE(set);
    if (read == 0) return static_cast<size_t>(std::max(1, count));
    if (error != EINVAL) return std::nullopt;  // EINVAL: a mask larger than n CPUs
  }
  return std::nullopt;
}
#endif

}  // namespace

std::optional<size_t> cpu_max_cpus(std::string_view cpu_max) {
  const size_t space = cpu_max.find(' ');
  if (space == std::string_view::npos || cpu_max.substr(0, space) == "max") return std::nullopt;
  const absl::string_view period =
      absl::StripTrailingAsciiWhitespace(absl::string_view(cpu_max.data(), cpu_max.size()).substr(space + 1));
  return quota_cpus(integer(cpu_max.substr(0, space)), integer(std::string_view(period.data(), period.size())));
}

std::optional<size_t> cgroup_cpus(std::string_view proc_self_cgroup, FirstLine first_line) {
  std::optional<size_t> least;
  const auto lower = [&](std::optional<size_t> cpus) {
    if (cpus && (!least || *cpus < *least)) least = cpus;
  };
  for (const absl::string_view piece :
       absl::StrSplit(absl::string_view(proc_self_cgroup.data(), proc_self_cgroup.size()), '\n')) {
    // "hierarchy:controllers:path" (the path may hold ':'); v2's is "0::path".
    const std::vector<absl::string_view> fields = absl::StrSplit(piece, absl::MaxSplits(':', 2));
    if (fields.size() != 3) continue;
    const std::string path(fields[2].data(), fields[2].size());
    if (path.empty() || path.front() != '/') continue;  // not a group's path: no limit known
    // Each group from this one up to the root: "/a/b", "/a", "/".
    const auto each_level = [&](const std::string& root, const auto& read) {
      for (std::string p = path;;) {
        read(root + (p == "/" ? "" : p));
        if (p == "/") break;
        p.erase(std::max<size_t>(p.rfind('/'), 1));  // shorter every turn
      }
    };
    if (fields[0] == "0" && fields[1].empty()) {
      each_level("/sys/fs/cgroup", [&](const std::string& dir) {
        if (const auto text = first_line(dir + "/cpu.max")) lower(cpu_max_cpus(*text));
      });
      continue;
    }
    const std::vector<absl::string_view> names = absl::StrSplit(fields[1], ',');
    if (std::find(names.begin(), names.end(), "cpu") == names.end()) continue;
    for (const char* root : {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"}) {
      each_level(root, [&](const std::string& dir) {
        const auto quota = first_line(dir + "/cpu.cfs_quota_us");
        const auto period = first_line(dir + "/cpu.cfs_period_us");
        if (quota && period) lower(quota_cpus(integer(*quota), integer(*period)));
      });
    }
  }
  return least;
}

size_t usable_cpus() {
  size_t cpus = std::max(1u, std::thread::hardware_concurrency());
#if defined(__linux__)
  if (const auto mask = affinity_cpus()) cpus = *mask;
  // The quota is read once: a process seldom moves between control groups.
  static const std::optional<size_t> quota = [] {
    const auto groups = read_text_file("/proc/self/cgroup");
    return groups.ok() ? cgroup_cpus(*groups, first_line) : std::nullopt;
  }();
  if (quota) cpus = std::min(cpus, *quota);
#endif
  return cpus;
}

}  // namespace onetrip::internal
