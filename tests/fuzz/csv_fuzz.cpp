// The CSV readers on arbitrary bytes: case volumes (both layouts) and case
// records for the monthly report. Never a crash; a failed strict read adds
// nothing; whatever is added gives a report for its months.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const onetrip::Catalog& catalog = fuzz_catalog();
  std::vector<onetrip::Problem> problems;
  auto volumes = onetrip::load_volumes_csv(catalog, text, &problems);
  if (!volumes.ok() && problems.empty()) std::abort();
  if (volumes.ok()) {
    auto comparison = onetrip::compare(catalog, catalog, *volumes);
    if (!comparison.ok() || comparison->trips_saved != 0) std::abort();  // nothing changed, nothing saved
  }

  const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::MonthlyReport strict(china, &catalog);
  if (!strict.add_csv(text, /*strict=*/true).ok() && strict.cases() != 0) std::abort();
  onetrip::MonthlyReport lenient(china, &catalog);
  problems.clear();
  (void)lenient.add_csv(text, /*strict=*/false, &problems);
  if (lenient.skipped() > 0 && problems.empty()) std::abort();  // a skipped row is listed
  (void)lenient.finish(2017, 7);
  (void)lenient.finish(1, 1);
  return 0;
}
