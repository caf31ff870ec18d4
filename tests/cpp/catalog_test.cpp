// The catalogue: the Yuyao example loads and round-trips byte-stably; every
// broken catalogue of tests/data/catalog/broken reports its problem at its
// path; building from data applies the same rules; lookups.
#include "onetrip/catalog.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_format.h"
#include "catalog_json_internal.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/calendar.hpp"
#include "onetrip/generate.hpp"
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

// The loader reads the matters into blocks of 4,096 that are never moved
// (no count of the array first): a catalogue over several blocks is the one
// from_data builds of the same data, with matters read by either reader on
// both sides of a block's edge, and its problems (a code given twice across
// blocks, a wrong value after the first block) at their paths.
TEST(CatalogJson, MattersOverSeveralBlocksReadAsFromDataBuildsThem) {
  GeneratorOptions o;
  o.matters = 10'000;  // blocks of 4,096, 4,096 and 1,808
  o.seed = 7;
  const std::string generated = generate_catalog(o)->save_json();
  const auto replace = [](std::string text, const std::string& what, const std::string& with) {
    const size_t at = text.find(what);
    EXPECT_NE(at, std::string::npos) << what;
    return at == std::string::npos ? text : text.replace(at, what.size(), with);
  };
  const auto code = [](int i) { return absl::StrFormat("\"code\": \"G%08d\"", i); };
  // Matters 4,095 and 4,096 (a block's last and the next one's first) with an
  // escaped key, which the one-pass reader leaves to the field-by-field reader.
  std::string text = generated;
  for (int i : {4095, 4096}) text = replace(text, code(i), absl::StrFormat("\"c\\u006fde\": \"G%08d\"", i));
  auto loaded = Catalog::load_json(text);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(internal::json_one_pass_elements(), o.matters - 2 + loaded->bundles().size());
  EXPECT_TRUE(internal::json_codes_handed_over());  // indexed once, as read
  auto built = Catalog::from_data(loaded->to_data());
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(*loaded, *built);
  EXPECT_EQ(*loaded, *Catalog::load_json(generated));
  for (MatterIndex i : {0u, 4095u, 4096u, 8191u, 8192u, 9999u}) {
    ASSERT_EQ(loaded->find_matter(absl::StrFormat("G%08d", i)), i);
    EXPECT_EQ(loaded->matters()[i].code, absl::StrFormat("G%08d", i));
  }
  // A code given twice, in the third block and the first: from_data's answer.
  std::vector<Problem> problems, expected;
  EXPECT_FALSE(Catalog::load_json(replace(generated, code(9000), code(100)), &problems).ok());
  EXPECT_FALSE(internal::json_codes_handed_over());  // indexed again by from_data, which reports it
  CatalogData data = loaded->to_data();
  data.matters[9000].code = data.matters[100].code;
  EXPECT_FALSE(Catalog::from_data(std::move(data), &expected).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems, expected);
  EXPECT_EQ(problems[0].path, "$.matters[9000].code");
  EXPECT_THAT(problems[0].message, HasSubstr("also used by $.matters[100]"));
  // A wrong value in the second block, and that code twice: both reported.
  problems.clear();
  text = replace(replace(generated, code(5000), "\"code\": 5000"), code(9000), code(100));
  EXPECT_FALSE(Catalog::load_json(text, &problems).ok());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "$.matters[5000].code");
  EXPECT_EQ(problems[1].path, "$.matters[9000].code");
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

// The loader reads most matters in one pass over their fields and leaves the
// others to the field-by-field reader: both must give the same catalogue, or
// the same problems at the same paths, for every document.
void expect_both_readers_agree(const std::string& text, const std::string& what) {
  struct Answer {
    absl::StatusOr<Catalog> catalog;
    std::vector<Problem> problems;
  };
  const auto load = [&](bool fast) {
    internal::set_json_fast_path(fast);
    Answer a{absl::UnknownError(""), {}};
    a.catalog = Catalog::load_json(text, &a.problems);
    internal::set_json_fast_path(true);
    return a;
  };
  const Answer fast = load(true);
  const Answer slow = load(false);
  ASSERT_EQ(fast.catalog.ok(), slow.catalog.ok())
      << what << ": " << fast.catalog.status() << " / " << slow.catalog.status();
  EXPECT_EQ(fast.problems, slow.problems) << what;
  if (fast.catalog.ok()) {
    EXPECT_TRUE(*fast.catalog == *slow.catalog) << what;
  } else {
    EXPECT_EQ(fast.catalog.status().message(), slow.catalog.status().message()) << what;
  }
}

TEST(CatalogJson, TheOnePassMatterReaderAgreesWithTheFieldByFieldReader) {
  for (const char* file : {"examples/yuyao-2017/catalog.json", "examples/yuyao-2017/before-2017.json",
                           "tests/data/catalog/small.json", "tests/data/catalog/dated.json",
                           "tests/data/catalog/situations.json", "tests/data/catalog/many-problems.json"}) {
    expect_both_readers_agree(read(source(file)), file);
  }
  for (const auto& entry : std::filesystem::directory_iterator(source("tests/data/catalog/broken"))) {
    if (entry.path().extension() == ".json") expect_both_readers_agree(read(entry.path().string()), entry.path());
  }
  // The catalogues the fuzzer found (one made the readers disagree) and every JSON document of
  // the hostile corpus (those for other loaders too: both readers must refuse them alike).
  for (const auto& entry : std::filesystem::directory_iterator(source("tests/data/fuzz-regressions"))) {
    if (entry.path().filename().string().rfind("catalog-", 0) == 0) {
      expect_both_readers_agree(read(entry.path().string()), entry.path());
    }
  }
  for (const auto& entry : std::filesystem::directory_iterator(source("tests/data/hostile"))) {
    if (entry.path().extension() == ".json") expect_both_readers_agree(read(entry.path().string()), entry.path());
  }
  for (uint64_t seed : {1, 2017, 99}) {
    GeneratorOptions o;
    o.matters = 3000;
    o.seed = seed;
    const auto generated = generate_catalog(o);
    expect_both_readers_agree(generated->save_json(), "generated");
    EXPECT_TRUE(Catalog::load_json(generated->save_json()).ok());  // every matter and bundle in one pass
    EXPECT_EQ(internal::json_one_pass_elements(), generated->matters().size() + generated->bundles().size());
  }
  // Every field the one-pass reader reads, with values it takes and values it
  // leaves to the other reader (each a problem there, or a field it does not read).
  const std::string head = R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "H"}, {"id": "h2", "name": "H2"}],)"
                           R"( "departments": [{"id": "d", "name": "D", "halls": ["h"]}],)"
                           R"( "materials": [{"id": "m", "name": "M", "original": true, "condition": "when"}],)"
                           R"( "matters": [{"code": "A", "name": "a", "department": "d", "kind": "行政许可",)"
                           R"( "project_type": "promised", "promise_day": 5)";
  const std::vector<std::string> fields = {
      "",
      R"(, "code": "B")",
      R"(, "code": "")",
      R"(, "code": 3)",
      std::string(R"(, "note": "a)") + std::string(1, '\0') + R"(b")",
      R"(, "note": "a\u0000b")",
      R"(, "note": "a\u0041b", "personal_presence": "\u672c\u4eba")",
      R"(, "materials": ["m": "m"}, "m"])",
      R"(, "code": "A": "B"})",
      R"(, "note": "n", "personal_presence": "本人")",
      R"(, "department": "x")",
      R"(, "department": null)",
      R"(, "kind": "nonsense")",
      R"(, "project_type": "immediate")",
      R"(, "anticipate_day": 20, "anticipate_type": "natural_days")",
      R"(, "anticipate_type": "natural_days")",
      R"(, "promise_type": "months")",
      R"(, "anticipate_day": -1)",
      R"(, "anticipate_day": 2147483648)",
      R"(, "anticipate_day": 18446744073709551615)",
      R"(, "anticipate_day": 5.0)",
      // Integer literals, which the one-pass reader reads digit by digit: JSON's grammar
      // (no leading zero, no sign, fraction or exponent taken) and the bounds, exactly.
      R"(, "anticipate_day": 0)",
      R"(, "anticipate_day": 00)",
      R"(, "anticipate_day": 01)",
      R"(, "anticipate_day": -0)",
      R"(, "anticipate_day": 1e1)",
      R"(, "anticipate_day": 10E0)",
      R"(, "anticipate_day": 2147483647)",
      R"(, "anticipate_day": 999999999999999999)",
      R"(, "anticipate_day": 0000000000000000005)",
      R"(, "anticipate_day": 1000000000000000000)",
      R"(, "anticipate_day": 5 )"
      "\n\t\r, \"site_inspection_days\": 007",
      R"(, "anticipate_day": 5x)",
      R"(, "issue_days": 0, "limit_scene_num": 02)",
      R"(, "fee": 0)",
      R"(, "fee": 010)",
      R"(, "fee": 1000000000000)",
      R"(, "fee": 12)",
      R"(, "fee": "12.50")",
      R"(, "fee": "-1")",
      R"(, "fee": "1000000000000.01")",
      R"(, "fee": 1000000000001)",
      R"(, "fee": 1.5)",
      R"(, "fee": 0, "fee_kind": "assessed")",
      R"(, "halls": ["h2", "h"])",
      R"(, "halls": ["h", "nope"])",
      R"(, "halls": "h")",
      R"(, "halls": [])",
      R"(, "materials": ["m", "m"])",
      R"(, "materials": [{"material": "m", "original": false}])",
      R"(, "materials": ["m", 3])",
      R"(, "materials": [{"form": "electronic", "material": "m", "necessity": "optional", "condition": "",)"
      R"( "default": false, "effective_from": "2017-01-01", "effective_until": "2017-06-30"}])",
      R"(, "materials": [{"material": "m", "condition": "转租时"}, "m"])",
      R"(, "materials": [{"material": "m", "when": "q", "copies": 2}])",
      R"(, "materials": [{"material": "m", "copies": 2}])",
      R"(, "materials": [{"material": "x"}])",
      R"(, "materials": [{"form": "paper"}])",
      R"(, "materials": [{"material": "m", "form": "paper", "form": "electronic"}])",
      R"(, "materials": [{"material": "m", "colour": "red"}])",
      R"(, "materials": [{"material": "m", "necessity": "never"}])",
      R"(, "materials": [{"material": "m", "effective_from": "2017-02-30"}])",
      R"(, "online": "full", "is_postal": true, "is_express": false, "electronic_licence": true)",
      R"(, "online_payment": true, "tolerant_acceptance": true, "site_inspection_days": 3)",
      R"(, "is_postal": 1)",
      R"(, "issue_days": 5, "limit_scene_num": 1)",
      R"(, "issue_days": 11)",
      R"(, "effective_from": "2017-07-01", "effective_until": "2018-01-01")",
      R"(, "effective_from": "2017-13-01")",
      R"(, "special_procedures": [{"name": "专家评审", "days": 10}, {"days": 3, "name": "x", "kind": "other",)"
      R"( "basis": "b"}])",
      R"(, "special_procedures": [{"name": "听证", "days": 10, "kind": "招标"}])",
      R"(, "special_procedures": [{"name": "听证"}])",
      R"(, "special_procedures": [{"name": "听证", "days": 1, "name": "x"}])",
      R"(, "special_procedures": [{"name": "听证", "days": 1, "other": 1}])",
      R"(, "special_procedures": ["听证"])",
      R"(, "special_procedures": [{"name": "听证", "days": 010}])",
      R"(, "special_procedures": [{"name": "听证", "days": 10 }])",
      R"(, "extension": {"days": 5, "basis": "law"})",
      R"(, "periods": {"fee": {"until": "2018-01-01"}}, "fee": 3)",
      R"(, "questions": [{"id": "q", "text": "?", "type": "yes_no"}])",
      R"(, "promise_day": 7)",
      R"(, "zzz": 1)",
  };
  // The document with `field` added to its first matter, and a second matter after it.
  const auto with_field = [&](const std::string& field) {
    return head + field +
           R"(}, {"code": "Z", "name": "z", "department": "d", "kind": "行政许可", "project_type": "immediate"}]})";
  };
  for (const std::string& field : fields) expect_both_readers_agree(with_field(field), field);
  // What the one-pass reader must take itself, not leave to the other reader.
  for (const char* field : {R"(, "anticipate_day": 0)", R"(, "anticipate_day": 36500)", R"(, "fee": 1000000000000)",
                            R"(, "fee": 0, "issue_days": 0)", R"(, "note": "a\u0041b")",
                            R"(, "site_inspection_days": 7 )"
                            "\n\t\r"}) {
    const auto loaded = Catalog::load_json(with_field(field));
    EXPECT_TRUE(loaded.ok()) << field << ": " << loaded.status();
    EXPECT_EQ(internal::json_one_pass_elements(), 2u) << field;
  }
  // The document read in one pass when laid out as written, else found first
  // and read again: the same answer for every layout.
  const std::string halls = R"("halls": [{"id": "h", "name": "H"}])";
  const std::string departments = R"("departments": [{"id": "d", "name": "D", "halls": ["h"]}])";
  const std::string materials = R"("materials": [{"id": "m", "name": "M"}])";
  const std::string matters =
      R"("matters": [{"code": "A", "name": "a", "department": "d", "kind": "行政许可",)"
      R"( "project_type": "promised", "promise_day": 5, "materials": ["m"]},)"
      R"( {"code": "B", "name": "", "department": "d", "kind": "x", "project_type": "promised"}])";
  const std::string bundles = R"("bundles": [{"id": "b", "name": "B", "lead": "d", "members": ["A", "Q"]}])";
  const std::string schema = R"("schema": "onetrip/1")";
  const auto doc = [](std::initializer_list<std::string> parts) {
    std::string out = "{";
    for (const std::string& p : parts) out += (out.size() > 1 ? ", " : "") + p;
    return out + "}";
  };
  for (const std::string& text : {
           doc({schema, R"("name": "n")", halls, departments, materials, matters, bundles}),
           doc({schema, halls, departments, materials, matters}),
           doc({schema, R"("name": 3)", halls, departments, materials, matters, bundles}),
           doc({schema, R"("name": "a\u0000b")", halls, departments, materials, matters, bundles}),
           doc({schema, halls, departments, materials, matters, bundles, R"("name": "late")"}),
           doc({schema, R"("name": "n")", R"("name": "again")", halls, departments, materials, matters}),
           doc({schema, halls, departments, matters, bundles}),
           doc({schema, halls, materials, departments, matters, bundles}),
           doc({schema, halls, departments, materials, matters, bundles, R"("zeta": 1)"}),
           doc({schema, halls, departments, materials, matters, bundles, halls}),
           doc({schema, halls, departments, materials, matters, R"("bundles": {})"}),
           doc({schema, halls, departments, materials, R"("matters": 7)", bundles}),
           doc({halls, schema, departments, materials, matters, bundles}),
           doc({R"("schema": "onetrip/2")", halls, departments, materials, matters, bundles}),
           doc({R"("schema": "onetrip/1", "schema": "onetrip/1")", halls, departments, materials, matters}),
           doc({schema, halls, departments, materials, matters, bundles}) + " x",
           doc({schema, halls, departments, materials, R"("matters": [{"code": "A" "name": "a"}])"}),
           doc({schema, halls, departments, materials, R"("matters": [{"code": "A", "fee": 99999999999999999999}])"}),
           std::string("[]"),
       }) {
    expect_both_readers_agree(text, text);
  }
  // Every field of a bundle the one-pass reader reads, and what it leaves.
  const std::string two = R"("matters": [{"code": "A", "name": "a", "department": "d", "kind": "行政许可",)"
                          R"( "project_type": "promised", "promise_day": 5},)"
                          R"( {"code": "C", "name": "c", "department": "d", "kind": "行政许可",)"
                          R"( "project_type": "promised", "promise_day": 5}])";
  for (const char* bundle : {
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C"]})",
           R"({"edges": [{"to": "C", "from": "A", "kind": "internal", "days": 2}], "members": ["A", "C"],)"
           R"( "id": "b", "name": "B", "lead": "d", "handling": "unified", "acceptance": "single_window",)"
           R"( "joint_inspection": true, "results": "together", "effective_from": "2017-01-01",)"
           R"( "effective_until": "2017-12-31", "note": "n"})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C", "A"], "edges": [{"from": "A", "to": "C"}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", {"matter": "C", "when": "q"}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": []})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "Z"]})",
           R"({"id": "b", "name": "B", "lead": "x", "members": ["A"]})",
           R"({"id": "b", "name": "B", "members": ["A"]})",
           R"({"id": "", "name": "B", "lead": "d", "members": ["A"]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A"], "edges": [{"from": "A", "to": "Z"}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C"], "edges": [{"from": "A"}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C"], "edges": [{"from": "A", "to": "C",)"
           R"( "days": -1}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C"], "edges": [{"from": "A", "to": "C",)"
           R"( "days": 02}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C"], "edges": [{"from": "A", "to": "C",)"
           R"( "days": 0}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A", "C"], "edges": [{"from": "A", "to": "C",)"
           R"( "from": "C"}]})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A"], "handling": "x"})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A"], "questions": []})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A"], "name": "again"})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A"], "zzz": 1})",
           R"({"id": "b", "name": "B", "lead": "d", "members": ["A"], "effective_from": "2017-02-30"})",
       }) {
    const std::string text =
        doc({schema, halls, departments, materials, two, "\"bundles\": [" + std::string(bundle) + "]"});
    expect_both_readers_agree(text, bundle);
  }
  // A matter's list of materials longer than the one-pass reader reserves
  // room for (256): ids, overrides, and a bad element at the end.
  std::string many_materials = R"("materials": [)";
  std::string ids, overrides;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "\"m" + std::to_string(i) + "\"";
    many_materials += (i ? ", " : "") + std::string(R"({"id": )") + id + R"(, "name": "M"})";
    ids += (i ? ", " : "") + id;
    overrides += (i ? ", " : "") + std::string(R"({"material": )") + id + R"(, "original": true})";
  }
  many_materials += "]";
  for (const std::string& list : {ids, overrides, ids + ", 7", overrides + R"(, {"material": "m0"})"}) {
    const std::string text = doc({schema, halls, departments, many_materials,
                                  R"("matters": [{"code": "A", "name": "a", "department": "d", "kind": "行政许可",)"
                                  R"( "project_type": "immediate", "materials": [)" +
                                      list + "]}]"});
    expect_both_readers_agree(text, list.substr(list.size() - 30));
    if (list == ids || list == overrides) {
      const auto loaded = Catalog::load_json(text);
      ASSERT_TRUE(loaded.ok()) << loaded.status();
      EXPECT_EQ(loaded->matters()[0].materials.size(), 300u);
      EXPECT_EQ(internal::json_one_pass_elements(), 1u);  // read in one pass
    }
  }
}

// The one-pass readers compare keys, ids and names by their words, not by
// string_view: a key, id or name with any one byte changed (its first, a middle
// one, its last; lengths 1 to 20 and more) must be told from the one it nearly
// is, just as the field-by-field reader tells them.
TEST(CatalogJson, TheOnePassReaderTellsEveryKeyIdAndNameFromANearMiss) {
  const std::string text =
      R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "H"}, {"id": "hall-of-twenty-bytes", "name": "H2"}],)"
      R"( "departments": [{"id": "dept", "name": "D", "halls": ["h"]}, {"id": "d2", "name": "D2", "halls": ["h"]}],)"
      R"( "materials": [{"id": "m", "name": "M"}, {"id": "material-7", "name": "M7"},)"
      R"( {"id": "material-id-longer-than-16-bytes", "name": "M31"}],)"
      R"( "matters": [{"code": "A", "name": "a", "department": "dept", "kind": "行政许可",)"
      R"( "project_type": "promised", "anticipate_day": 20, "anticipate_type": "natural_days", "promise_day": 5,)"
      R"( "promise_type": "workdays", "fee": "12.50", "fee_kind": "assessed", "halls": ["hall-of-twenty-bytes", "h"],)"
      R"( "materials": ["material-7", {"material": "material-id-longer-than-16-bytes", "form": "electronic",)"
      R"( "original": true, "necessity": "optional", "condition": "c", "default": false,)"
      R"( "effective_from": "2017-01-01", "effective_until": "2017-06-30"}, "m"],)"
      R"( "online": "full", "is_postal": true, "is_express": true, "electronic_licence": true,)"
      R"( "online_payment": true, "tolerant_acceptance": true, "site_inspection_days": 3,)"
      R"( "personal_presence": "p", "special_procedures": [{"name": "专家评审", "days": 10, "kind": "听证"},)"
      R"( {"name": "现场核查", "days": 3, "kind": "other", "basis": "b"}], "issue_days": 5, "limit_scene_num": 1, "effective_from": "2017-07-01",)"
      R"( "effective_until": "2018-01-01", "note": "n"},)"
      R"( {"code": "Z", "name": "z", "department": "d2", "kind": "行政确认", "project_type": "immediate"}],)"
      R"( "bundles": [{"id": "b", "name": "B", "lead": "dept", "members": ["A", "Z"],)"
      R"( "edges": [{"from": "A", "to": "Z", "kind": "internal", "days": 2}], "handling": "unified",)"
      R"( "acceptance": "single_window", "joint_inspection": true, "results": "together",)"
      R"( "effective_from": "2017-07-01", "effective_until": "2018-01-01", "note": "n"}]})";
  ASSERT_TRUE(Catalog::load_json(text).ok()) << Catalog::load_json(text).status();
  // The unchanged document is read in one pass (else the readers would agree
  // by both being the field-by-field one): its two matters and its bundle.
  EXPECT_EQ(internal::json_one_pass_elements(), 3u);
  // Every string (keys and values) from the matters on: each changed at its
  // first byte, a middle one and its last, staying valid UTF-8 and a string.
  const size_t from = text.find(R"("matters")") + 10;
  int changed = 0;
  for (size_t open = text.find('"', from), close = 0; open != std::string::npos; open = text.find('"', close + 1)) {
    close = text.find('"', open + 1);  // no string here holds an escape
    const size_t n = close - open - 1;
    if (n == 0) continue;
    for (size_t at : {size_t{0}, n / 2, n - 1}) {
      std::string mutated = text;
      char& c = mutated[open + 1 + at];
      c = static_cast<char>(c ^ 1);  // a continuation byte stays one; ASCII stays printable
      if (c == '"' || c == '\\') continue;
      expect_both_readers_agree(mutated, mutated.substr(open, n + 2));
      ++changed;
    }
  }
  EXPECT_GT(changed, 300);
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
