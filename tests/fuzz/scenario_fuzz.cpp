// The scenario loader on arbitrary bytes, and what it accepts applied to a
// small catalogue: never a crash; a failure always says why and leaves the base
// as it was; an accepted scenario saves byte-stably; a reformed catalogue keeps
// every rule (it saves and loads back equal), evaluates without a negative
// figure and compares with the base in totals that are the sums of their rows.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_catalog.hpp"
#include "fuzz_checks.hpp"
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
  static const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::EvaluationOptions options;
  options.start = onetrip::Date(2017, 7, 3);
  auto evaluation = onetrip::evaluate_catalog(*after, china, options);
  if (evaluation.ok()) {
    check_evaluation(*evaluation);
  } else if (!expected_dated_failure(evaluation.status(), *after)) {
    fuzz_fail("a reformed catalogue that loads does not evaluate");  // only a due date past the calendar may fail
  }
  auto comparison = onetrip::compare(base, *after);
  if (!comparison.ok()) fuzz_fail("a reformed catalogue does not compare with its base");
  check_comparison(*comparison);
  return 0;
}
