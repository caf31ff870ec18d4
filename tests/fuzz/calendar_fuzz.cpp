// The calendar loader on arbitrary bytes: it never crashes, and a calendar it
// accepts answers add/count consistently at the start of its coverage, and
// evaluates a catalogue from its first working day without a negative figure
// or a due date outside it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_catalog.hpp"
#include "fuzz_checks.hpp"
#include "onetrip/calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto calendar = onetrip::Calendar::from_json(text);
  if (!calendar.ok()) return 0;
  const onetrip::Coverage coverage = calendar->coverage();
  auto first = calendar->roll_forward(coverage.first);
  if (!first.ok()) return 0;  // a coverage with no working day at its start
  auto next = calendar->add_workdays(*first, 1);
  if (next.ok() && *calendar->count_workdays(*first, *next) != 1) std::abort();
  onetrip::EvaluationOptions options;
  options.start = *first;
  auto evaluation = onetrip::evaluate_catalog(fuzz_catalog(), *calendar, options);
  if (evaluation.ok()) {
    check_evaluation(*evaluation);
    for (onetrip::EpochDay due : evaluation->matter_due)
      if (due != onetrip::kMissingDay && due > onetrip::to_epoch_day(coverage.last))
        fuzz_fail("a due date past the coverage");
  } else if (!expected_dated_failure(evaluation.status(), fuzz_catalog())) {
    fuzz_fail("an evaluation failed with something else than OUT_OF_RANGE");
  }
  return 0;
}
