// One loaded catalogue and calendar shared by several threads (they are
// immutable values): every thread's evaluation equals the single-threaded one.
// Run under ThreadSanitizer with the tsan preset.
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {
namespace {

TEST(Threads, ASharedCatalogueEvaluatesTheSameInEveryThread) {
  GeneratorOptions options;
  options.matters = 20000;
  options.seed = 5;
  const Catalog catalog = *generate_catalog(options);
  const Calendar china = Calendar::china();
  EvaluationOptions eval;
  eval.start = Date(2017, 7, 3);
  const CatalogEvaluation expected = *evaluate_catalog(catalog, china, eval);
  std::vector<CatalogEvaluation> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      // Each thread also takes its own copies: copies share the same tables.
      const Catalog copy = catalog;
      results[t] = *evaluate_catalog(copy, Calendar::china(), eval);
      for (BundleIndex b = 0; b < copy.bundles().size(); ++b) evaluate_bundle_trips(copy, b);
    });
  }
  for (std::thread& th : threads) th.join();
  for (const CatalogEvaluation& r : results) {
    EXPECT_EQ(r.matter_trips, expected.matter_trips);
    EXPECT_EQ(r.matter_due, expected.matter_due);
    EXPECT_EQ(r.bundle_workdays, expected.bundle_workdays);
  }
}

}  // namespace
}  // namespace onetrip
