// The one-time notice (onetrip/notice.hpp) for a matter with 10 questions and
// 40 materials (20 of them conditional, 5 eligibility rules, 2 variants):
//  - notice: onetrip::notice on the loaded catalogue, whose conditions were
//    compiled once at load;
//  - plain: the approach of keeping conditions as text, parsing each of them
//    again for every applicant before evaluating it (the notice's other work
//    left out, so this is the parsing alone).
// And whole-catalogue evaluation over situations: N matters of two yes/no
// questions each (4 situations: a conditional material, a variant), by
// evaluate_catalog (situation ranges included: each situation evaluated on the
// packed trip facts with its patch, no notice built), beside the plain
// approach of asking the notice for every combination of every matter's
// answers. 10^4 matters, and 10^6 with BENCH_FULL=1 (make bench).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "condition.hpp"
#include "nlohmann/json.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/notice.hpp"

namespace {

using nlohmann::json;

json questions() {
  json q = json::array();
  for (int i = 0; i < 4; ++i) q.push_back({{"id", absl::StrCat("yes", i)}, {"text", "是否？"}, {"type", "yes_no"}});
  for (int i = 0; i < 3; ++i) {
    q.push_back({{"id", absl::StrCat("n", i)}, {"text", "多少？"}, {"type", "number"}, {"unit", "平方米"}});
  }
  q.push_back({{"id", "kind"}, {"text", "哪一类？"}, {"type", "choice"}, {"choices", {"甲", "乙", "丙", "丁"}}});
  q.push_back({{"id", "items"}, {"text", "哪些？"}, {"type", "choices"}, {"choices", {"一", "二", "三", "四", "五"}}});
  q.push_back({{"id", "day"}, {"text", "哪天？"}, {"type", "date"}});
  return q;
}

std::vector<std::string> conditions() {
  std::vector<std::string> out;
  for (int i = 0; i < 20; ++i) {
    switch (i % 5) {
      case 0:
        out.push_back(absl::StrCat("yes", i % 4, " and n", i % 3, " > ", 10 * i));
        break;
      case 1:
        out.push_back(absl::StrCat("kind in [\"甲\", \"丙\"] or not yes", i % 4));
        break;
      case 2:
        out.push_back(absl::StrCat("items has [\"二\", \"四\"] and n", i % 3, " <= ", 5 * i));
        break;
      case 3:
        out.push_back("day >= \"2017-07-01\" and kind != \"丁\"");
        break;
      default:
        out.push_back(absl::StrCat("(yes0 or yes1) and not (n2 < 3 and items has \"五\")"));
        break;
    }
  }
  return out;
}

onetrip::Catalog catalogue() {
  json materials = json::array(), uses = json::array();
  const std::vector<std::string> when = conditions();
  for (int i = 0; i < 40; ++i) {
    materials.push_back({{"id", absl::StrCat("m", i)}, {"name", absl::StrCat("材料", i)}, {"original", i % 3 == 0}});
    if (i < 20) {
      uses.push_back({{"material", absl::StrCat("m", i)}, {"when", when[i]}});
    } else {
      uses.push_back(absl::StrCat("m", i));
    }
  }
  json eligibility = json::array();
  for (int i = 0; i < 5; ++i) {
    eligibility.push_back(
        {{"when", absl::StrCat("n", i % 3, " > ", 100 + i, " and yes", i % 4)}, {"reason", "不予办理"}});
  }
  const json doc = {
      {"schema", "onetrip/1"},
      {"halls", {{{"id", "h"}, {"name", "中心"}}}},
      {"departments", {{{"id", "d"}, {"name", "窗口"}, {"halls", {"h"}}}}},
      {"materials", materials},
      {"matters",
       {{{"code", "M"},
         {"name", "事项"},
         {"department", "d"},
         {"kind", "行政许可"},
         {"project_type", "promised"},
         {"promise_day", 5},
         {"materials", uses},
         {"online", "pre_review"},
         {"questions", questions()},
         {"eligibility", eligibility},
         {"variants", {{{"when", "kind == \"乙\""}, {"online", "none"}}, {{"when", "yes3"}, {"is_express", true}}}}}}}};
  return *onetrip::Catalog::load_json(doc.dump());
}

std::vector<onetrip::Answer> answers() {
  return {{"yes0", true},
          {"yes1", false},
          {"yes2", true},
          {"yes3", true},
          {"n0", 40.0},
          {"n1", 12.0},
          {"n2", 7.0},
          {"kind", std::string("丙")},
          {"items", std::vector<std::string>{"二", "五"}},
          {"day", onetrip::Date(2017, 7, 3)}};
}

void BM_Notice(benchmark::State& state) {
  const onetrip::Catalog c = catalogue();
  const std::vector<onetrip::Answer> a = answers();
  for (auto _ : state) {
    auto n = onetrip::notice(c, "M", a);
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_Notice);

void BM_NoticePlainParseEveryTime(benchmark::State& state) {
  const std::vector<std::string> texts = conditions();
  std::vector<onetrip::Question> scope;
  for (const json& q : questions()) {
    onetrip::Question x;
    x.id = q["id"];
    x.type = q["type"] == "yes_no"    ? onetrip::QuestionType::kYesNo
             : q["type"] == "number"  ? onetrip::QuestionType::kNumber
             : q["type"] == "choice"  ? onetrip::QuestionType::kChoice
             : q["type"] == "choices" ? onetrip::QuestionType::kChoices
                                      : onetrip::QuestionType::kDate;
    if (q.contains("choices")) x.choices = q["choices"].get<std::vector<std::string>>();
    scope.push_back(x);
  }
  std::vector<onetrip::internal::AnswerSlot> slots(scope.size(), {true, 1, 1});
  for (auto _ : state) {
    int holds = 0;
    for (const std::string& t : texts) {
      auto code = onetrip::internal::compile_condition(t, scope);
      holds += onetrip::internal::evaluate(*code, slots) == onetrip::internal::Tri::kTrue;
    }
    benchmark::DoNotOptimize(holds);
  }
}
BENCHMARK(BM_NoticePlainParseEveryTime);

// N matters, each asking "a" and "b": material m1 only when a, off line when
// b. One such matter is loaded from JSON, then copied N times under its own
// codes (CatalogData, from_data: 10^6 matters without a 10^6-matter text).
onetrip::Catalog situational_catalogue(int n) {
  const json matter = {
      {"code", "M0"},
      {"name", "事项"},
      {"department", "d"},
      {"kind", "行政许可"},
      {"project_type", "promised"},
      {"promise_day", 5},
      {"materials", {"m0", {{"material", "m1"}, {"when", "a"}}}},
      {"online", "full"},
      {"questions",
       {{{"id", "a"}, {"text", "甲？"}, {"type", "yes_no"}}, {{"id", "b"}, {"text", "乙？"}, {"type", "yes_no"}}}},
      {"variants", {{{"when", "b"}, {"online", "none"}}}}};
  const json doc = {
      {"schema", "onetrip/1"},
      {"halls", {{{"id", "h"}, {"name", "中心"}}}},
      {"departments", {{{"id", "d"}, {"name", "窗口"}, {"halls", {"h"}}}}},
      {"materials", {{{"id", "m0"}, {"name", "申请表"}}, {{"id", "m1"}, {"name", "原件"}, {"original", true}}}},
      {"matters", {matter}}};
  onetrip::CatalogData data = onetrip::Catalog::load_json(doc.dump())->to_data();
  const onetrip::Matter one = data.matters[0];
  data.matters.reserve(static_cast<size_t>(n));
  for (int i = 1; i < n; ++i) {
    data.matters.push_back(one);
    data.matters.back().code = absl::StrCat("M", i);
  }
  return *onetrip::Catalog::from_data(std::move(data));
}

// The sizes: 10^4, and with BENCH_FULL=1 the 10^6 matters × 4 situations.
void situation_sizes(benchmark::internal::Benchmark* b) {
  b->Arg(10'000);
  const char* full = std::getenv("BENCH_FULL");
  if (full != nullptr && std::string(full) == "1") b->Arg(1'000'000);
}

void BM_EvaluateOverSituations(benchmark::State& state) {
  const onetrip::Catalog c = situational_catalogue(static_cast<int>(state.range(0)));
  int64_t situations = 0;
  for (auto _ : state) {
    auto e = onetrip::evaluate_catalog(c);
    situations = 0;
    for (const auto& s : e->matter_situations) situations += s.range.situations;
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations() * situations);  // situation-evaluations
}
BENCHMARK(BM_EvaluateOverSituations)->Apply(situation_sizes)->Unit(benchmark::kMillisecond);

void BM_EvaluateOverSituationsPlainEveryCombination(benchmark::State& state) {
  const onetrip::Catalog c = situational_catalogue(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    int64_t trips = 0;
    for (const onetrip::Matter& m : c.matters()) {
      for (int combination = 0; combination < 4; ++combination) {
        const std::vector<onetrip::Answer> a = {{"a", (combination & 1) != 0}, {"b", (combination & 2) != 0}};
        trips += onetrip::notice(c, m.code, a)->trips.trips;
      }
    }
    benchmark::DoNotOptimize(trips);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 4);
}
BENCHMARK(BM_EvaluateOverSituationsPlainEveryCombination)->Apply(situation_sizes)->Unit(benchmark::kMillisecond);

}  // namespace
