// The scenario loader on arbitrary bytes, and what it accepts applied to a
// small catalogue: never a crash; a failure always says why and leaves the base
// as it was; an accepted scenario saves byte-stably; a reformed catalogue keeps
// every rule (it saves and loads back equal).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_catalog.hpp"
#include "onetrip/reform.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<onetrip::Problem> problems;
  auto scenario = onetrip::load_scenario_json(text, &problems);
  if (!scenario.ok()) {
    if (problems.empty()) std::abort();
    return 0;
  }
  const std::string saved = onetrip::save_scenario_json(*scenario);
  auto again = onetrip::load_scenario_json(saved);
  if (!again.ok() || onetrip::save_scenario_json(*again) != saved) {
    std::fprintf(stderr, "scenario round trip failed\n");
    std::abort();
  }
  const onetrip::Catalog& base = fuzz_catalog();
  const std::string before = base.save_json();
  problems.clear();
  auto after = onetrip::apply(base, *scenario, &problems);
  if (base.save_json() != before) std::abort();  // the base is a value
  if (!after.ok()) return 0;
  auto reloaded = onetrip::Catalog::load_json(after->save_json());
  if (!reloaded.ok() || !(*reloaded == *after)) {
    std::fprintf(stderr, "a reformed catalogue does not load back\n");
    std::abort();
  }
  return 0;
}
