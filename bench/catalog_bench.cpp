// Whole catalogues: evaluating every matter (trips and due date) and every
// bundle, loading the JSON, applying a scenario and comparing with volumes —
// each against the plain approach a user would otherwise write in the same run
// (matters as string maps, a day-by-day due date).
//
// Sizes: 10^5 matters by default, 10^6 with BENCH_FULL=1.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"

namespace {

using onetrip::Catalog;

int64_t matter_count() {
  const char* full = std::getenv("BENCH_FULL");
  return full != nullptr && std::string(full) == "1" ? 1'000'000 : 100'000;
}

const Catalog& catalog() {
  static const Catalog c = [] {
    onetrip::GeneratorOptions o;
    o.matters = matter_count();
    o.seed = 2017;
    return *onetrip::generate_catalog(o);
  }();
  return c;
}

const onetrip::Date kStart(2017, 7, 3);

// ---- onetrip ---------------------------------------------------------------

void BM_EvaluateMatters_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::EvaluationOptions options;
  options.start = kStart;
  for (auto _ : state) {
    auto e = onetrip::evaluate_catalog(c, china, options);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size() + c.bundles().size()));
}
BENCHMARK(BM_EvaluateMatters_onetrip)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CountTripsAndDue_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Calendar china = onetrip::Calendar::china();
  const auto n = static_cast<onetrip::MatterIndex>(c.matters().size());
  for (auto _ : state) {
    int64_t total = 0;
    for (onetrip::MatterIndex i = 0; i < n; ++i) {
      total += onetrip::count_trips(c, i).trips;
      total += china.add_workdays(kStart, c.matters()[i].promised_limit.value)->day();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_CountTripsAndDue_onetrip)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EvaluateBundles10_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const auto n = static_cast<onetrip::BundleIndex>(c.bundles().size());
  for (auto _ : state) {
    int64_t total = 0;
    for (onetrip::BundleIndex b = 0; b < n; ++b) {
      const onetrip::TripCounts counts = onetrip::count_bundle_trips(c, b);  // trips and critical path
      total += counts.trips + counts.workdays;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_EvaluateBundles10_onetrip)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadJson_onetrip(benchmark::State& state) {
  static const std::string text = catalog().save_json();
  for (auto _ : state) {
    auto loaded = Catalog::load_json(text);
    benchmark::DoNotOptimize(loaded);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(catalog().matters().size()));
  // Resident memory per matter of one loaded catalogue (Linux: /proc/self/statm, pages).
  const auto rss = [] {
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return resident * 4096L;
  };
  const long before = rss();
  auto held = Catalog::load_json(text);
  const long after = rss();
  state.counters["bytes_per_matter"] =
      static_cast<double>(after - before) / static_cast<double>(held->matters().size());
}
BENCHMARK(BM_LoadJson_onetrip)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The scenario of the apply/compare benchmarks: express delivery for one
// department's matters (about a twentieth of the catalogue, spread over all of it).
onetrip::Scenario express_scenario() {
  onetrip::Scenario scenario;
  onetrip::Reform express;
  express.kind = onetrip::ReformKind::kExpressDelivery;
  express.target.department = "d3";
  scenario.reforms.push_back(express);
  return scenario;
}

const onetrip::Volumes& volumes() {
  static const onetrip::Volumes v = [] {
    onetrip::Volumes out;
    for (const onetrip::Matter& m : catalog().matters()) out.matters[m.code] = 3;
    return out;
  }();
  return v;
}

void BM_Apply_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Scenario scenario = express_scenario();
  for (auto _ : state) {
    auto after = onetrip::apply(c, scenario);
    benchmark::DoNotOptimize(after);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()));
}
BENCHMARK(BM_Apply_onetrip)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_Compare_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const auto after = onetrip::apply(c, express_scenario());
  const onetrip::Volumes& v = volumes();
  for (auto _ : state) {
    auto cmp = onetrip::compare(c, *after, v);
    benchmark::DoNotOptimize(cmp);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()));
}
BENCHMARK(BM_Compare_onetrip)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_ApplyAndCompare_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Scenario scenario = express_scenario();
  const onetrip::Volumes& v = volumes();
  for (auto _ : state) {
    auto after = onetrip::apply(c, scenario);
    auto cmp = onetrip::compare(c, *after, v);
    benchmark::DoNotOptimize(cmp);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()));
}
BENCHMARK(BM_ApplyAndCompare_onetrip)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

// ---- the plain approach ------------------------------------------------------
// What a user writes without the library: each matter a map of strings (as
// parsed from JSON), materials a list of such maps, the rule spelled out with
// string comparisons, and the due date found by walking the days.

using Fields = std::map<std::string, std::string>;
struct PlainMatter {
  Fields fields;
  std::vector<Fields> materials;
};

std::vector<PlainMatter> plain_matters() {
  const Catalog& c = catalog();
  std::vector<PlainMatter> out;
  out.reserve(c.matters().size());
  for (const onetrip::Matter& m : c.matters()) {
    PlainMatter p;
    p.fields["code"] = m.code;
    p.fields["online"] = onetrip::to_string(m.online);
    p.fields["is_postal"] = m.postal_application ? "true" : "false";
    p.fields["is_express"] = m.express_delivery ? "true" : "false";
    p.fields["electronic_licence"] = m.electronic_licence ? "true" : "false";
    p.fields["online_payment"] = m.online_payment ? "true" : "false";
    p.fields["project_type"] = onetrip::to_string(m.project_type);
    p.fields["promise_day"] = std::to_string(m.promised_limit.value);
    p.fields["fee"] = std::to_string(m.fee_fen);
    p.fields["personal_presence"] = m.personal_presence;
    for (const onetrip::MaterialUse& u : m.materials) {
      const onetrip::Material& mat = c.materials()[u.material];
      p.materials.push_back({{"id", mat.id},
                             {"original", u.original ? "true" : "false"},
                             {"form", onetrip::to_string(u.form)},
                             {"source", onetrip::to_string(mat.source)},
                             {"shared", mat.shared ? "true" : "false"}});
    }
    out.push_back(std::move(p));
  }
  return out;
}

int plain_trips(const PlainMatter& m) {
  bool forced = false;
  for (const Fields& mat : m.materials) {
    if (mat.at("original") == "true" && mat.at("form") == "paper" &&
        !(mat.at("source") == "government" && mat.at("shared") == "true")) {
      forced = true;
    }
  }
  const bool remote = m.fields.at("is_postal") == "true" || (m.fields.at("online") == "full" && !forced);
  const bool submit = !m.fields.at("personal_presence").empty() || !remote;
  const bool immediate = m.fields.at("project_type") == "immediate";
  const bool sent = m.fields.at("is_express") == "true" || m.fields.at("electronic_licence") == "true";
  const bool collect = !sent && !(immediate && submit);
  const bool pay = std::stoll(m.fields.at("fee")) > 0 && m.fields.at("online_payment") != "true";
  int trips = submit ? 1 : 0;
  if (collect || (pay && !immediate)) trips += immediate && submit ? 0 : 1;
  return trips;
}

void BM_CountTripsAndDue_plain(benchmark::State& state) {
  static const std::vector<PlainMatter> matters = plain_matters();
  std::set<onetrip::Date> holidays, makeup;
  for (const onetrip::SpecialDay& d : onetrip::Calendar::china().rules().days) (d.off ? holidays : makeup).insert(d.date);
  const auto workday = [&](onetrip::Date d) {
    if (holidays.count(d)) return false;
    if (makeup.count(d)) return true;
    const int w = d.day_of_week().as_number();
    return w != 0 && w != 6;
  };
  for (auto _ : state) {
    int64_t total = 0;
    for (const PlainMatter& m : matters) {
      total += plain_trips(m);
      onetrip::Date due = kStart;
      for (int n = std::stoi(m.fields.at("promise_day")); n > 0;) {
        due += boost::gregorian::date_duration(1);
        if (workday(due)) --n;
      }
      total += due.day();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(matters.size()));
}
BENCHMARK(BM_CountTripsAndDue_plain)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
