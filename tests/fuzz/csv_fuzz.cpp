// The CSV readers on arbitrary bytes: case volumes (both layouts) and case
// records for the monthly report. Never a crash; a failed strict read leaves
// the report exactly as it was; adding the text to two reports and merging
// them is adding it twice to one; a report's state loads back equal; whatever
// is added gives a report for its months. The roadmap's volumes from the same
// case log count no case the report does not (each case at most once), and
// read strictly they pass only a log the report passes strictly too.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_catalog.hpp"
#include "fuzz_checks.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/report.hpp"
#include "onetrip/roadmap.hpp"

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

  static const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::MonthlyReport strict(china, &catalog);
  // A report that already holds a case, so that "unchanged" is not just "empty".
  if (!strict
           .add_csv("case_id,matter,department,hall,kind,received,completed,fee,joint\n1,A,住建,main,promised,2017-07-"
                    "03,,0,0\n")
           .ok())
    fuzz_fail("the seed case");
  const std::string held = strict.save_state();
  if (!strict.add_csv(text, /*strict=*/true).ok() && strict.save_state() != held)
    fuzz_fail("a failed strict read changed the report");

  onetrip::MonthlyReport lenient(china, &catalog);
  problems.clear();
  (void)lenient.add_csv(text, /*strict=*/false, &problems);
  if (lenient.skipped() > 0 && problems.empty()) fuzz_fail("a skipped row is not listed");
  auto loaded = onetrip::MonthlyReport::load_state(china, &catalog, lenient.save_state());
  if (!loaded.ok() || loaded->save_state() != lenient.save_state()) fuzz_fail("the report's state does not load back");
  onetrip::MonthlyReport twice(china, &catalog);
  (void)twice.add_csv(text, /*strict=*/false);
  (void)twice.add_csv(text, /*strict=*/false);
  if (!loaded->merge(lenient).ok() || loaded->save_state() != twice.save_state())
    fuzz_fail("merging two reports is not adding to one");
  (void)lenient.finish(2017, 7);
  (void)lenient.finish(1, 1);

  problems.clear();
  auto logged = onetrip::load_case_log_volumes_csv(catalog, china, text, {}, &problems);
  if (!logged.ok() && problems.empty() && logged.status().message().find("an empty file") == std::string_view::npos)
    fuzz_fail("a refused case log names no problem");
  if (logged.ok()) {
    double counted = 0;
    for (const auto& [month, v] : logged->months) {
      if (!logged->where.count(month) || !v.bundles.empty()) fuzz_fail("a month of the case log without its line");
      for (const auto& [code, cases] : v.matters) {
        if (!catalog.find_matter(code) || !(cases >= 1)) fuzz_fail("a case counted for no matter");
        counted += cases;
      }
    }
    if (counted > static_cast<double>(lenient.cases())) fuzz_fail("the case log counts a case the report does not");
  }
  onetrip::CaseLogOptions strictly;
  strictly.strict = true;
  if (onetrip::load_case_log_volumes_csv(catalog, china, text, strictly).ok()) {
    onetrip::MonthlyReport all(china, &catalog);
    if (!all.add_csv(text, /*strict=*/true).ok()) fuzz_fail("the case log passes a row the report refuses");
  }
  return 0;
}
