// Whole catalogues: evaluating every matter (trips and due date) and every
// bundle, loading the JSON (and the binary snapshot, beside it), applying a scenario and comparing with volumes —
// each against the plain approach a user would otherwise write in the same run
// (matters as string maps, a day-by-day due date).
//
// Sizes: 10^5 matters by default, 10^6 with BENCH_FULL=1.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "nlohmann/json.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "simdjson.h"

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

// The JSON text of a generated catalogue of `matters` matters (the load
// benchmarks' sizes: 10^4, 10^5 and, with BENCH_FULL=1, 10^6), made once.
const std::string& catalogue_text(int64_t matters) {
  static std::map<int64_t, std::string> texts;
  auto it = texts.find(matters);
  if (it == texts.end()) {
    onetrip::GeneratorOptions o;
    o.matters = matters;
    o.seed = 2017;
    it = texts.emplace(matters, onetrip::generate_catalog(o)->save_json()).first;
  }
  return it->second;
}

// The load benchmarks' sizes.
void load_sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("matters")->Arg(10'000)->Arg(100'000);
  if (matter_count() >= 1'000'000) b->Arg(1'000'000);
}

// ---- onetrip ---------------------------------------------------------------

void BM_EvaluateMatters_onetrip(benchmark::State& state) {
  const Catalog& c = catalog();
  const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::EvaluationOptions options;
  options.start = kStart;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto e = onetrip::evaluate_catalog(c, china, options);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size() + c.bundles().size()));
}
BENCHMARK(BM_EvaluateMatters_onetrip)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

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

// The heap in use (glibc's mallinfo2), which freed-but-kept pages do not blur.
double heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd);
}

// Frees what a load made outside the load's timing (the JSON loads alike:
// their figures are the load's), adding the time the freeing took to `seconds`.
template <class T>
void free_untimed(benchmark::State& state, T& made, double& seconds) {
  state.PauseTiming();
  const auto start = std::chrono::steady_clock::now();
  { T gone = std::move(made); }
  seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  state.ResumeTiming();
}

// The simdjson loader (validated: every rule of docs/catalog-format.md checked).
void BM_LoadJson_onetrip(benchmark::State& state) {
  const std::string& text = catalogue_text(state.range(0));
  double freeing = 0;
  for (auto _ : state) {
    auto loaded = Catalog::load_json(text);
    benchmark::DoNotOptimize(loaded);
    free_untimed(state, loaded, freeing);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["free_ms"] = freeing * 1e3 / static_cast<double>(state.iterations());
  // Memory per matter of one loaded catalogue: the heap in use before and after.
  const double before = heap_in_use();
  auto held = Catalog::load_json(text);
  state.counters["bytes_per_matter"] = (heap_in_use() - before) / static_cast<double>(held->matters().size());
}
BENCHMARK(BM_LoadJson_onetrip)->Apply(load_sizes)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The binary snapshot of the catalogue of the JSON load above (lib/snapshot.cpp),
// at the same sizes, in the same run.
const std::string& snapshot_bytes(int64_t matters) {
  static std::map<int64_t, std::string> snapshots;
  auto it = snapshots.find(matters);
  if (it == snapshots.end()) {
    it = snapshots.emplace(matters, Catalog::load_json(catalogue_text(matters))->save_snapshot()).first;
  }
  return it->second;
}

// Every matter read once: what builds a loaded snapshot's matters.
size_t read_every_matter(const Catalog& c) {
  size_t total = 0;
  for (const onetrip::Matter& m : c.matters()) total += m.name.size() + m.materials.size();
  return total;
}

// The snapshot's load, the loaded catalogue freed outside the timed part
// (what a process that keeps its catalogue pays). Wall time, and the CPU
// time of the whole process (a large snapshot's checksum and copy are made
// on a second thread); MB/s of the file. Counters: the file's bytes per matter; the heap per matter after the
// load, beside which the catalogue keeps its copy of the snapshot (the
// file's size, in pages of its own) until every chunk of matters is built.
void BM_LoadSnapshot_onetrip(benchmark::State& state) {
  const std::string& bytes = snapshot_bytes(state.range(0));
  for (auto _ : state) {
    auto loaded = std::make_unique<absl::StatusOr<Catalog>>(Catalog::load_snapshot(bytes));
    if (!loaded->ok()) state.SkipWithError(std::string(loaded->status().message()).c_str());
    state.PauseTiming();
    loaded.reset();
    state.ResumeTiming();
  }
  const auto n = static_cast<double>(state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["file_bytes_per_matter"] = static_cast<double>(bytes.size()) / n;
  const double before = heap_in_use();
  auto held = Catalog::load_snapshot(bytes);
  state.counters["heap_bytes_per_matter"] = (heap_in_use() - before) / n;
}
BENCHMARK(BM_LoadSnapshot_onetrip)
    ->Apply(load_sizes)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// The load followed by a first pass over every matter, which builds each
// chunk's matters from the kept bytes (what a process that reads the whole
// catalogue pays in all), and the heap per matter after it (the kept copy
// then let go).
void BM_LoadSnapshotAndReadEveryMatter_onetrip(benchmark::State& state) {
  const std::string& bytes = snapshot_bytes(state.range(0));
  for (auto _ : state) {
    auto loaded = std::make_unique<absl::StatusOr<Catalog>>(Catalog::load_snapshot(bytes));
    if (!loaded->ok()) return state.SkipWithError(std::string(loaded->status().message()).c_str());
    benchmark::DoNotOptimize(read_every_matter(**loaded));
    state.PauseTiming();
    loaded.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  const double before = heap_in_use();
  auto held = Catalog::load_snapshot(bytes);
  benchmark::DoNotOptimize(read_every_matter(*held));
  state.counters["heap_bytes_per_matter"] = (heap_in_use() - before) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_LoadSnapshotAndReadEveryMatter_onetrip)
    ->Apply(load_sizes)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

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
  onetrip::CompareOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto cmp = onetrip::compare(c, *after, v, options);
    benchmark::DoNotOptimize(cmp);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.matters().size()));
}
BENCHMARK(BM_Compare_onetrip)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

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

PlainMatter plain_matter(const Catalog& c, const onetrip::Matter& m) {
  PlainMatter p;
  p.fields["code"] = m.code;
  p.fields["department"] = c.departments()[m.department].id;
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
  return p;
}

std::vector<PlainMatter> plain_matters(const Catalog& c) {
  std::vector<PlainMatter> out;
  out.reserve(c.matters().size());
  for (const onetrip::Matter& m : c.matters()) out.push_back(plain_matter(c, m));
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
  static const std::vector<PlainMatter> matters = plain_matters(catalog());
  std::set<onetrip::Date> holidays, makeup;
  for (const onetrip::SpecialDay& d : onetrip::Calendar::china().rules().days)
    (d.off ? holidays : makeup).insert(d.date);
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

// A bundle as plain data: member codes, edges between codes with their kind
// and days; trips added up member by member (one fewer visit per member after
// the first when the bundle is accepted at one window), and the critical path
// relaxed over the edges until nothing changes.
struct PlainBundle {
  std::vector<std::string> members;
  std::vector<std::tuple<std::string, std::string, std::string, int>> edges;
  std::string acceptance;
};

void BM_EvaluateBundles10_plain(benchmark::State& state) {
  const Catalog& c = catalog();
  static const std::vector<PlainMatter> matters = plain_matters(c);
  std::unordered_map<std::string, const PlainMatter*> by_code;
  for (const PlainMatter& m : matters) by_code[m.fields.at("code")] = &m;
  std::vector<PlainBundle> bundles;
  for (const onetrip::Bundle& b : c.bundles()) {
    PlainBundle p;
    for (onetrip::MatterIndex m : b.members) p.members.push_back(c.matters()[m].code);
    for (const onetrip::BundleEdge& e : b.edges) {
      p.edges.emplace_back(p.members[e.from], p.members[e.to], onetrip::to_string(e.kind), e.days);
    }
    p.acceptance = onetrip::to_string(b.acceptance);
    bundles.push_back(std::move(p));
  }
  for (auto _ : state) {
    int64_t total = 0;
    for (const PlainBundle& b : bundles) {
      int trips = 0;
      std::map<std::string, int> finish;
      for (const std::string& code : b.members) {
        const PlainMatter& m = *by_code.at(code);
        trips += plain_trips(m);
        finish[code] = std::stoi(m.fields.at("promise_day"));
      }
      if (b.acceptance == "single_window") trips -= static_cast<int>(b.members.size()) - 1;
      for (bool changed = true; changed;) {
        changed = false;
        for (const auto& [from, to, kind, days] : b.edges) {
          benchmark::DoNotOptimize(kind);
          const int start = finish[from] + days;  // the applicant's delay or the transfer time
          const int end = start + std::stoi(by_code.at(to)->fields.at("promise_day"));
          if (end > finish[to]) finish[to] = end, changed = true;
        }
      }
      int path = 0;
      for (const auto& [code, f] : finish) path = std::max(path, f);
      total += trips + path;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(bundles.size()));
}
BENCHMARK(BM_EvaluateBundles10_plain)->Unit(benchmark::kMillisecond)->UseRealTime();

// Loading as most code does: parse the document (nlohmann::json) and keep each
// matter as a map of strings, its materials as a list of maps.
void BM_LoadJson_plain(benchmark::State& state) {
  const std::string& text = catalogue_text(state.range(0));
  const auto text_of = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  double freeing = 0;
  for (auto _ : state) {
    const nlohmann::json doc = nlohmann::json::parse(text);
    std::vector<PlainMatter> matters;
    matters.reserve(doc.at("matters").size());
    for (const nlohmann::json& m : doc.at("matters")) {
      PlainMatter p;
      for (const auto& [key, value] : m.items()) {
        if (key != "materials") {
          p.fields[key] = text_of(value);
          continue;
        }
        for (const nlohmann::json& use : value) {
          Fields f;
          if (use.is_object()) {
            for (const auto& [k, v] : use.items()) f[k] = text_of(v);
          } else {
            f["id"] = text_of(use);
          }
          p.materials.push_back(std::move(f));
        }
      }
      matters.push_back(std::move(p));
    }
    benchmark::DoNotOptimize(matters);
    free_untimed(state, matters, freeing);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.counters["free_ms"] = freeing * 1e3 / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LoadJson_plain)->Apply(load_sizes)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The floor under any simdjson On-Demand loader of the same text: the text
// indexed (stage 1), then every value of the document stepped over as its raw
// token, nothing kept, converted or checked (a fresh parser each time, as a
// load has). What BM_LoadJson_onetrip takes beyond it is the loader's own work.
// Adds the bytes of each scalar's token under `v` to `bytes`; the first error, if any.
simdjson::error_code walk(simdjson::ondemand::value v, size_t& bytes) {
  simdjson::ondemand::json_type type;
  if (auto error = v.type().get(type)) return error;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object object;
    if (auto error = v.get_object().get(object)) return error;
    for (auto field : object) {
      simdjson::ondemand::value x;
      if (auto error = field.value().get(x)) return error;
      if (auto error = walk(x, bytes)) return error;
    }
  } else if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array array;
    if (auto error = v.get_array().get(array)) return error;
    for (auto element : array) {
      simdjson::ondemand::value x;
      if (auto error = element.get(x)) return error;
      if (auto error = walk(x, bytes)) return error;
    }
  } else {
    bytes += v.raw_json_token().size();
  }
  return simdjson::SUCCESS;
}
void BM_LoadJson_simdjson_walk(benchmark::State& state) {
  const simdjson::padded_string text(catalogue_text(state.range(0)));
  for (auto _ : state) {
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    simdjson::ondemand::object top;
    size_t bytes = 0;
    simdjson::error_code error = parser.iterate(text).get(doc);
    if (!error) error = doc.get_object().get(top);
    for (auto field : top) {
      simdjson::ondemand::value x;
      if (!error) error = field.value().get(x);
      if (!error) error = walk(x, bytes);
      if (error) break;
    }
    const char* after = nullptr;  // a location in the text: something left after the document
    if (!error && doc.current_location().get(after) == simdjson::SUCCESS) error = simdjson::TRAILING_CONTENT;
    if (error) {  // a walk cut short would read as a higher figure
      state.SkipWithError(simdjson::error_message(error));
      break;
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_LoadJson_simdjson_walk)->Apply(load_sizes)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// Comparing as plain data: both catalogues as string maps, the volumes by code,
// each matter's trips and days before and after, changes found by comparing the
// maps, savings summed by department in a map.
void BM_Compare_plain(benchmark::State& state) {
  const Catalog& c = catalog();
  static const std::vector<PlainMatter> before = plain_matters(c);
  const std::vector<PlainMatter> after = plain_matters(*onetrip::apply(c, express_scenario()));
  std::map<std::string, double> volume;
  for (const auto& [code, v] : volumes().matters) volume[code] = v;
  for (auto _ : state) {
    std::map<std::string, std::pair<double, double>> by_department;  // trips, days saved
    int changed = 0;
    for (size_t i = 0; i < before.size(); ++i) {
      const PlainMatter& a = before[i];
      const PlainMatter& b = after[i];
      changed += a.fields != b.fields || a.materials != b.materials;
      const double v = volume.at(a.fields.at("code"));
      auto& saved = by_department[a.fields.at("department")];
      saved.first += v * (plain_trips(a) - plain_trips(b));
      saved.second += v * (std::stoi(a.fields.at("promise_day")) - std::stoi(b.fields.at("promise_day")));
    }
    benchmark::DoNotOptimize(changed);
    benchmark::DoNotOptimize(by_department);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(before.size()));
}
BENCHMARK(BM_Compare_plain)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
