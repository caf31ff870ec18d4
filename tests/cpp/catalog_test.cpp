// The catalogue: the Yuyao example loads and round-trips byte-stably; every
// broken catalogue of tests/data/catalog/broken reports its problem at its
// path; building from data applies the same rules; lookups.
#include "onetrip/catalog.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/calendar.hpp"
#include "onetrip/reform.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

std::string source(const std::string& relative) { return std::string(ONETRIP_SOURCE_DIR) + "/" + relative; }

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(YuyaoCatalog, LoadsAndHoldsTheBulletinsMatters) {
  auto catalog = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ(catalog->halls().size(), 8u);
  EXPECT_EQ(catalog->departments().size(), 32u);
  ASSERT_TRUE(catalog->find_hall("simen"));
  // 环保: ten licensing items, all fully online with express delivery.
  int huanbao_online = 0;
  const DepartmentIndex huanbao = *catalog->find_department("huanbao");
  for (const Matter& m : catalog->matters()) {
    if (m.department == huanbao && m.online == OnlineApplication::kFull && m.express_delivery) ++huanbao_online;
  }
  EXPECT_EQ(huanbao_online, 10);
  // 房屋租赁合同备案: five materials (plus the agent's papers), 转租 consent conditional.
  const Matter& lease = catalog->matters()[*catalog->find_matter("330281-FW-01")];
  ASSERT_EQ(lease.materials.size(), 6u);
  const MaterialUse& sublease = lease.materials.back();
  EXPECT_EQ(catalog->materials()[sublease.material].id, "sublease-consent");
  EXPECT_FALSE(sublease.applies_by_default);
  EXPECT_EQ(sublease.condition, "转租房屋时提供");
  // The 安监 pair is serial, the road excavation bundle is one window.
  const Bundle& anjian = catalog->bundles()[*catalog->find_bundle("anjian-hazchem")];
  ASSERT_EQ(anjian.edges.size(), 1u);
  EXPECT_EQ(anjian.edges[0].kind, EdgeKind::kApplicant);
  const Bundle& road = catalog->bundles()[*catalog->find_bundle("road-excavation")];
  EXPECT_EQ(road.acceptance, Acceptance::kSingleWindow);
  EXPECT_EQ(road.results, Results::kTogether);
  EXPECT_TRUE(road.joint_inspection);
  EXPECT_EQ(catalog->departments()[road.lead].name, "住建");
  // Statutory presence and postal round trips.
  EXPECT_FALSE(catalog->matters()[*catalog->find_matter("330281-MZ-01")].personal_presence.empty());
  EXPECT_TRUE(catalog->matters()[*catalog->find_matter("330281-SW-01")].postal_application);
  EXPECT_FALSE(catalog->find_matter("nope"));
}

TEST(YuyaoCatalog, RoundTripsLosslesslyAndByteStably) {
  const std::string text = read(source("examples/yuyao-2017/catalog.json"));
  auto first = Catalog::load_json(text);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string saved = first->save_json();
  EXPECT_EQ(saved, text) << "the committed example is in canonical form";
  auto second = Catalog::load_json(saved);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(*first == *second);
  EXPECT_EQ(second->save_json(), saved);
}

TEST(CatalogJson, FeesConvertToFenExactly) {
  const std::string base = read(source("tests/data/catalog/small.json"));
  for (const auto& [written, fen] : std::vector<std::pair<std::string, int64_t>>{
           {"\"0.10\"", 10}, {"\"1320856.59\"", 132085659}, {"\"12.5\"", 1250}, {"300", 30000}, {"\"7\"", 700}}) {
    std::string text = base;
    text.replace(text.find("\"promise_day\": 5"), 16, "\"promise_day\": 5, \"fee\": " + written);
    auto catalog = Catalog::load_json(text);
    ASSERT_TRUE(catalog.ok()) << written << ": " << catalog.status();
    EXPECT_EQ(catalog->matters()[0].fee_fen, fen) << written;
    auto again = Catalog::load_json(catalog->save_json());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->matters()[0].fee_fen, fen) << written;
  }
}

TEST(CatalogJson, MatterHallsDefaultToTheDepartmentsHalls) {
  auto catalog = Catalog::load_file(source("tests/data/catalog/small.json"));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ(catalog->matters()[1].halls, (std::vector<HallIndex>{0, 1}));
  EXPECT_EQ(catalog->matters()[0].materials[1].original, true);  // from the material's defaults
}

// Each line of expected.tsv: a broken file, the path and part of the message it must report.
TEST(CatalogJson, EveryBrokenCatalogueReportsItsProblemAtItsPath) {
  std::istringstream manifest(read(source("tests/data/catalog/broken/expected.tsv")));
  std::string line;
  int cases = 0;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.find('\t', tab1 + 1);
    const std::string file = line.substr(0, tab1);
    const std::string path = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const std::string message = line.substr(tab2 + 1);
    std::vector<Problem> problems;
    auto catalog = Catalog::load_file(source("tests/data/catalog/broken/" + file), &problems);
    ASSERT_FALSE(catalog.ok()) << file;
    EXPECT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument) << file;
    bool found = false;
    for (const Problem& p : problems) found = found || (p.path == path && p.message.find(message) != std::string::npos);
    EXPECT_TRUE(found) << file << ": expected \"" << path << ": " << message << "\" in:\n" << catalog.status();
    EXPECT_THAT(catalog.status().message(), HasSubstr(path + ": ")) << file;
    ++cases;
  }
  EXPECT_GE(cases, 25);
}

TEST(CatalogJson, ReportsEveryProblemNotJustTheFirst) {
  std::vector<Problem> problems;
  auto catalog = Catalog::load_file(source("tests/data/catalog/many-problems.json"), &problems);
  ASSERT_FALSE(catalog.ok());
  ASSERT_EQ(problems.size(), 4u) << catalog.status();
  EXPECT_EQ(problems[0].path, "$.matters[0].department");
  EXPECT_EQ(problems[1].path, "$.matters[0].fee");
  EXPECT_EQ(problems[2].path, "$.bundles[0].members[3]");
  EXPECT_EQ(problems[3].path, "$.matters[0].promise_day");
  EXPECT_THAT(catalog.status().message(), HasSubstr("catalogue: 4 problems"));
}

// The loader reads the top-level arrays while parsing where that gives the same
// answer as reading the whole document; these documents are where it does not.
TEST(CatalogJson, ReadingWhileParsingGivesTheDocumentsAnswer) {
  const std::string canonical = read(source("examples/yuyao-2017/catalog.json"));
  const Catalog expected = *Catalog::load_json(canonical);
  const auto replace_first = [](std::string text, const std::string& what, const std::string& with) {
    const size_t at = text.find(what);
    EXPECT_NE(at, std::string::npos) << what;
    return text.replace(at, what.size(), with);
  };
  // The sections in another order, the schema last.
  const std::string schema_line = "\"schema\": \"onetrip/1\",";
  std::string reordered = replace_first(canonical, schema_line, "");
  reordered = replace_first(reordered, "\"halls\": [", "\"bundles\": [], \"halls\": [");
  reordered.insert(reordered.rfind('}'), ", \"schema\": \"onetrip/1\"");
  reordered = replace_first(reordered, "\"bundles\": [], ", "");
  auto loaded = Catalog::load_json(reordered);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(*loaded, expected);
  // A section twice: the last one counts, as in the document.
  auto twice =
      Catalog::load_json(replace_first(canonical, "\"matters\": [", "\"matters\": [{\"code\": 5}], \"matters\": ["));
  ASSERT_TRUE(twice.ok()) << twice.status();
  EXPECT_EQ(*twice, expected);
  // A syntax error is the only problem, whatever was read before it.
  std::string broken = replace_first(canonical, "\"kind\": \"行政许可\"", "\"kind\": 5");
  broken.resize(broken.size() - 10);
  std::vector<Problem> problems;
  auto failed = Catalog::load_json(broken, &problems);
  ASSERT_FALSE(failed.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$");
  EXPECT_THAT(problems[0].message, HasSubstr("syntax error"));
  // A schema that is not this format's: nothing else is judged.
  problems.clear();
  auto other = Catalog::load_json(replace_first(canonical, schema_line, "\"schema\": \"onetrip/2\","), &problems);
  ASSERT_FALSE(other.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$.schema");
}

// Nesting a million deep is a clear problem for every loader: the parser keeps
// its own stack, so neither parsing nor freeing recurses.
TEST(CatalogJson, DeeplyNestedDocumentsAreAProblemNotACrash) {
  const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  std::vector<Problem> problems;
  EXPECT_FALSE(Catalog::load_json(deep, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$");
  const std::string inside = "{\"schema\": \"onetrip/1\", \"halls\": " + deep + "}";
  problems.clear();
  EXPECT_FALSE(Catalog::load_json(inside, &problems).ok());
  EXPECT_FALSE(problems.empty());
  EXPECT_FALSE(Calendar::from_json(deep).ok());
  EXPECT_FALSE(load_scenario_json(deep).ok());
  const std::string open_only(1'000'000, '{');
  EXPECT_FALSE(Catalog::load_json(open_only).ok());
}

TEST(CatalogJson, NumbersTooLargeForADoubleAreAProblem) {
  std::vector<Problem> problems;
  auto catalog =
      Catalog::load_json(R"({"schema": "onetrip/1", "halls": [], "departments": [], "matters": [1e999]})", &problems);
  ASSERT_FALSE(catalog.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("number overflow"));
}

TEST(CatalogJson, UnreadableFileIsNotFound) {
  auto missing = Catalog::load_file("/nonexistent/catalog.json");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST(CatalogData, TheSameRulesApplyToCataloguesBuiltInCode) {
  auto base = Catalog::load_file(source("tests/data/catalog/small.json"));
  ASSERT_TRUE(base.ok());
  CatalogData data = base->to_data();
  data.matters[0].department = 7;
  data.matters[1].promised_limit.value = 40;
  data.bundles[0].edges.push_back({1, 0, EdgeKind::kApplicant, 0});
  std::vector<Problem> problems;
  auto bad = Catalog::from_data(data, &problems);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(problems.size(), 3u) << bad.status();
  EXPECT_EQ(problems[0], (Problem{"$.matters[0].department", "department index 7 does not exist"}));
  EXPECT_EQ(problems[1].path, "$.matters[1].promise_day");
  EXPECT_THAT(problems[2].message, HasSubstr("cycle: \"A\" → \"B\" → \"A\""));
  // The base catalogue is a value: untouched.
  EXPECT_EQ(base->matters()[0].department, 0u);
  auto good = Catalog::from_data(base->to_data());
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(*good == *base);
}

}  // namespace
}  // namespace onetrip
