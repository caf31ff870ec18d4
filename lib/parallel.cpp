// The CPUs a process may use (lib/parallel.hpp): its affinity mask, and the
// CPU quota of its control group, which std::thread::hardware_concurrency()
// does not see (a container limited to one CPU on a machine of 64 would
// otherwise run 64 threads that take turns).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include "parallel.hpp"

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
  return static_cast<size_t>(std::max<int64_t>(1, (*quota + *period - 1) / *period));
}

std::optional<std::string> first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return line;
}

// The least quota of the control group this process is in and those above
// it: cgroup v2's cpu.max, else cgroup v1's cpu controller.
std::optional<size_t> cgroup_cpus() {
  std::optional<size_t> least;
  const auto lower = [&](std::optional<size_t> cpus) {
    if (cpus && (!least || *cpus < *least)) least = cpus;
  };
  std::ifstream groups("/proc/self/cgroup");
  std::string line;
  while (std::getline(groups, line)) {
    // "hierarchy:controllers:path"; v2 is "0::path".
    const size_t a = line.find(':');
    const size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    const std::string_view controllers = std::string_view(line).substr(a + 1, b - a - 1);
    std::string path = line.substr(b + 1);
    const auto each_level = [&](const std::string& root, const auto& read) {
      for (std::string p = path;; p = p.substr(0, p.rfind('/'))) {
        read(root + (p == "/" ? "" : p));
        if (p.empty() || p == "/") break;
      }
    };
    if (line.compare(0, 3, "0::") == 0) {
      each_level("/sys/fs/cgroup", [&](const std::string& dir) {
        if (const auto text = first_line(dir + "/cpu.max")) lower(cpu_max_cpus(*text));
      });
      continue;
    }
    bool cpu = false;
    for (size_t at = 0; at <= controllers.size();) {
      const size_t end = std::min(controllers.find(',', at), controllers.size());
      cpu = cpu || controllers.substr(at, end - at) == "cpu";
      at = end + 1;
    }
    if (!cpu) continue;
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

}  // namespace

std::optional<size_t> cpu_max_cpus(std::string_view cpu_max) {
  const size_t space = cpu_max.find(' ');
  if (space == std::string_view::npos || cpu_max.substr(0, space) == "max") return std::nullopt;
  std::string_view period = cpu_max.substr(space + 1);
  while (!period.empty() && (period.back() == '\n' || period.back() == ' ')) period.remove_suffix(1);
  return quota_cpus(integer(cpu_max.substr(0, space)), integer(period));
}

size_t usable_cpus() {
  size_t cpus = std::max(1u, std::thread::hardware_concurrency());
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) cpus = static_cast<size_t>(std::max(1, CPU_COUNT(&set)));
  // The quota is read once: a process seldom moves between control groups.
  static const std::optional<size_t> quota = cgroup_cpus();
  if (quota) cpus = std::min(cpus, *quota);
#endif
  return cpus;
}

}  // namespace onetrip::internal
