// The roadmap: a year of months, 20 dated reforms, a generated catalogue
// (10^5 matters; 10^6 with BENCH_FULL=1), every matter with a volume. Against
// the plain approach a user would otherwise write: each month, every reform in
// force applied anew from the base and each state evaluated whole. And the
// same catalogue with its own validity periods (one matter in fifty with a
// fee or channel period, a material use or a validity of its own ending or
// starting in 2017), each period change a dated change of the roadmap.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <optional>
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

// The catalogue with periods: one matter in fifty dated, its day in 2017.
const Catalog& dated_catalog() {
  static const Catalog c = [] {
    onetrip::CatalogData data = catalog().to_data();
    for (size_t i = 0; i < data.matters.size(); i += 50) {
      onetrip::Matter& m = data.matters[i];
      const onetrip::Date day(2017, 1 + static_cast<int>(i / 50 % 12), 1 + static_cast<int>(i / 600 % 28));
      switch (i / 50 % 4) {
        case 0:
          if (m.express_delivery) {
            m.periods.push_back({onetrip::DatedField::kExpress, onetrip::Validity{day, std::nullopt}});
            break;
          }
          [[fallthrough]];
        case 1:
          if (!m.materials.empty()) {
            m.materials.back().validity.until = day;
            break;
          }
          [[fallthrough]];
        case 2:
          m.effective_until = day;
          break;
        default:
          m.effective_from = day;
      }
    }
    return *onetrip::Catalog::from_data(std::move(data));
  }();
  return c;
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

void BM_Roadmap_onetrip_dated(benchmark::State& state) {
  const Catalog& c = dated_catalog();
  const onetrip::Scenario s = year_of_reforms();
  const onetrip::Calendar china = onetrip::Calendar::china();
  const auto& v = volumes();
  size_t changes = 0;
  for (auto _ : state) {
    auto r = onetrip::roadmap(c, s, china, kYear, v);
    if (!r.ok()) state.SkipWithError(std::string(r.status().message()).c_str());
    if (r.ok()) changes = r->reforms.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["changes"] = static_cast<double>(changes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()) * 12);
}
BENCHMARK(BM_Roadmap_onetrip_dated)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

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
