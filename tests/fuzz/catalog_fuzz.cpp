// The catalogue loader on arbitrary bytes, and everything behind it: it never
// crashes; a failed load says why; whatever it accepts saves to a text that
// loads back equal and saves to the same bytes, evaluates on the built-in
// calendar from a start date (or fails with OUT_OF_RANGE, never another way),
// and every bundle schedules; the loader's one-pass reading (of the document
// and of each matter) gives what its field-by-field reading gives; no figure is negative and a critical path is at
// least each member's duration. The dictionary is catalog.dict.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "catalog_json_internal.hpp"
#include "fuzz_checks.hpp"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/schedule.hpp"

namespace {

void fail(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<onetrip::Problem> problems;
  auto catalog = onetrip::Catalog::load_json(text, &problems);
  {
    std::vector<onetrip::Problem> slow_problems;
    onetrip::internal::set_json_fast_path(false);
    auto slow = onetrip::Catalog::load_json(text, &slow_problems);
    onetrip::internal::set_json_fast_path(true);
    if (slow.ok() != catalog.ok() || slow_problems != problems ||
        (slow.ok() ? !(*slow == *catalog) : slow.status() != catalog.status())) {
      fail("the one-pass and field-by-field readings differ");
    }
  }
  if (!catalog.ok()) {
    if (problems.empty()) fail("a failed load without a problem");
    return 0;
  }
  const std::string saved = catalog->save_json();
  auto again = onetrip::Catalog::load_json(saved);
  if (!again.ok() || !(*again == *catalog) || again->save_json() != saved) fail("round trip failed");

  const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::EvaluationOptions options;
  options.start = onetrip::Date(2017, 7, 3);
  auto evaluation = onetrip::evaluate_catalog(*catalog, china, options);
  if (!evaluation.ok()) {
    if (!expected_dated_failure(evaluation.status(), *catalog)) fail("a dated evaluation failed otherwise");
    options.start.reset();
    evaluation = onetrip::evaluate_catalog(*catalog, china, options);
    if (!evaluation.ok()) fail("evaluation without dates failed");
  }
  for (size_t i = 0; i < catalog->matters().size(); ++i) {
    if (evaluation->matter_trips[i] < 0 || evaluation->matter_worst_case[i] < evaluation->matter_trips[i] ||
        evaluation->matter_workdays[i] < 0 || evaluation->matter_window_contacts[i] < 0) {
      fail("a negative or inconsistent matter figure");
    }
  }
  for (size_t b = 0; b < catalog->bundles().size(); ++b) {
    if (evaluation->bundle_trips[b] < 0 || evaluation->bundle_workdays[b] < 0) fail("a negative bundle figure");
    const onetrip::BundleSchedule s = onetrip::schedule_bundle(*catalog, static_cast<onetrip::BundleIndex>(b));
    for (const onetrip::MemberSchedule& m : s.members) {
      if (m.duration < 0 || m.earliest_start < 0 || m.slack < 0 || s.workdays < m.earliest_finish) {
        fail("an impossible schedule");
      }
    }
    auto dated = onetrip::schedule_bundle(*catalog, static_cast<onetrip::BundleIndex>(b), china, *options.start);
    if (!dated.ok() && !expected_dated_failure(dated.status(), *catalog)) fail("a schedule failed oddly");
    if (dated.ok() && dated->due < *options.start) fail("a due date before the start");
  }
  return 0;
}
