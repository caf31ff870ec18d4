// The roadmap: a year of months, 20 dated reforms, a generated catalogue
// (10^5 matters; 10^6 with BENCH_FULL=1), every matter with a volume. Against
// the plain approach a user would otherwise write: each month, every reform in
// force applied anew from the base and each state evaluated whole.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "onetrip/calendar.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/roadmap.hpp"

namespace {

using onetrip::Catalog;

const Catalog& catalog() {
  static const Catalog c = [] {
    const char* full = std::getenv("BENCH_FULL");
    onetrip::GeneratorOptions o;
    o.matters = full != nullptr && std::string(full) == "1" ? 1'000'000 : 100'000;
    o.seed = 2017;
    return *onetrip::generate_catalog(o);
  }();
  return c;
}

// 20 reforms dated through 2017, each on one department (a thirty-second of
// the matters): channels, tolerant acceptance, limits, and two bundles.
onetrip::Scenario year_of_reforms() {
  const onetrip::ReformKind kinds[] = {onetrip::ReformKind::kExpressDelivery, onetrip::ReformKind::kOnlineApplication,
                                       onetrip::ReformKind::kTolerantAcceptance,
                                       onetrip::ReformKind::kElectronicLicence,
                                       onetrip::ReformKind::kPostalApplication};
  onetrip::Scenario s;
  for (int k = 0; k < 20; ++k) {
    onetrip::Reform r;
    r.kind = kinds[k % 5];
    r.target.department = catalog().departments()[static_cast<size_t>(k) % catalog().departments().size()].id;
    if (k == 9 || k == 17) {
      r.kind = onetrip::ReformKind::kSingleWindow;
      r.target = {};
      r.target.bundle = catalog().bundles()[static_cast<size_t>(k)].id;
    }
    r.effective_from = onetrip::Date(2017, 1 + (k * 12) / 20, 1 + (k * 7) % 28);
    s.reforms.push_back(r);
  }
  return s;
}

const onetrip::MonthlyVolumes& volumes() {
  static const onetrip::MonthlyVolumes v = [] {
    onetrip::MonthlyVolumes out;
    for (const onetrip::Matter& m : catalog().matters()) out.every_month.matters[m.code] = 3;
    return out;
  }();
  return v;
}

const onetrip::RoadmapOptions kYear{onetrip::Date(2017, 1, 1), onetrip::Date(2017, 12, 1)};

void BM_Roadmap_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Scenario s = year_of_reforms();
  const onetrip::Calendar china = onetrip::Calendar::china();
  const auto& v = volumes();
  for (auto _ : state) {
    auto r = onetrip::roadmap(c, s, china, kYear, v);
    if (!r.ok()) state.SkipWithError(std::string(r.status().message()).c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()) * 12);
}
BENCHMARK(BM_Roadmap_onetrip)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

void BM_Roadmap_plain(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Scenario s = year_of_reforms();
  const onetrip::Calendar china = onetrip::Calendar::china();
  const auto& v = volumes();
  for (auto _ : state) {
    auto r = onetrip::roadmap_by_reapplying(c, s, china, kYear, v);
    if (!r.ok()) state.SkipWithError(std::string(r.status().message()).c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()) * 12);
}
BENCHMARK(BM_Roadmap_plain)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
