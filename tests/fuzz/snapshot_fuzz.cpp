// The snapshot reader (lib/snapshot.cpp) on arbitrary bytes, twice: as given
// (the header's checks: magic, version, size, checksum) and resealed with the
// size and checksum of what follows the header, so that the fuzzer reaches
// every field of the tables behind the checksum. It never crashes; a failed
// load says "snapshot: …"; whatever it reads saves to a snapshot that reads
// back equal and saves to the same bytes, saves its JSON, evaluates, and
// every bundle schedules. Seeded from the Yuyao example's snapshot
// (tests/data/snapshot/yuyao.snap).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/schedule.hpp"
#include "snapshot_internal.hpp"

namespace {

void fail(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}

void check(std::string_view bytes) {
  auto catalog = onetrip::Catalog::load_snapshot(bytes);
  if (!catalog.ok()) {
    if (catalog.status().message().substr(0, 10) != "snapshot: ") fail("a refusal that does not say what it is");
    return;
  }
  const std::string saved = catalog->save_snapshot();
  auto again = onetrip::Catalog::load_snapshot(saved);
  if (!again.ok() || !(*again == *catalog) || again->save_snapshot() != saved) fail("snapshot round trip failed");
  if (catalog->save_json().empty()) fail("no JSON");
  onetrip::EvaluationOptions options;
  auto evaluation = onetrip::evaluate_catalog(*catalog, options);
  if (!evaluation.ok()) fail("evaluation without dates failed");
  const onetrip::Calendar china = onetrip::Calendar::china();
  for (size_t b = 0; b < catalog->bundles().size(); ++b) {
    const onetrip::BundleSchedule s = onetrip::schedule_bundle(*catalog, static_cast<onetrip::BundleIndex>(b));
    if (s.workdays < 0) fail("a negative critical path");
    auto dated =
        onetrip::schedule_bundle(*catalog, static_cast<onetrip::BundleIndex>(b), china, onetrip::Date(2017, 7, 3));
    if (!dated.ok() && !expected_dated_failure(dated.status(), *catalog)) fail("a schedule failed oddly");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  check(bytes);
  onetrip::internal::reseal_snapshot(bytes);
  check(bytes);
  return 0;
}
