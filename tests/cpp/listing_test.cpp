// onetrip/listing.hpp: decoding (UTF-8, BOM, GB18030, neither), the code
// variants, the mapping report's lines, bad rows and strict imports, the
// round trip on generated catalogues, and the audit against evaluate_trips.
#include "onetrip/listing.hpp"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/generate.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

const std::string kData = std::string(ONETRIP_SOURCE_DIR) + "/tests/data/listing/";

ListingInput exports(const std::string& variant) {
  ListingInput input;
  const std::pair<const char*, ListingTableKind> tables[] = {{"basic", ListingTableKind::kBasic},
                                                             {"extend", ListingTableKind::kExtend},
                                                             {"materials", ListingTableKind::kMaterials},
                                                             {"fees", ListingTableKind::kFees}};
  for (const auto& [stem, kind] : tables) {
    auto t = read_listing_csv_file(absl::StrCat(kData, variant, "/", stem, ".csv"));
    EXPECT_TRUE(t.ok()) << t.status();
    input.set(kind, *std::move(t));
  }
  return input;
}

Catalog without_bundles(const Catalog& c) {
  CatalogData data = c.to_data();
  data.bundles.clear();
  return *Catalog::from_data(std::move(data));
}

TEST(Listing, ThreeExportsImportToTheHandWorkedCatalogue) {
  auto expected = Catalog::load_file(kData + "expected.json");
  ASSERT_TRUE(expected.ok()) << expected.status();
  ListingOptions options;
  options.strict = true;
  options.name = "测试实施清单";
  for (const char* variant : {"numeric", "labels", "gb18030"}) {
    auto imported = import_listing(exports(variant), options);
    ASSERT_TRUE(imported.ok()) << variant << ": " << imported.status();
    EXPECT_EQ(imported->catalog, *expected) << variant;
    EXPECT_EQ(imported->rejected_rows, 0);
  }
}

TEST(Listing, Decoding) {
  EXPECT_EQ(*detect_listing_encoding("a,b\n甲,乙\n", "f"), "UTF-8");
  EXPECT_EQ(*detect_listing_encoding("\xEF\xBB\xBF"
                                     "a\n",
                                     "f"),
            "UTF-8");
  EXPECT_EQ(*detect_listing_encoding("a\n\xBC\xD7\n", "f"), "GB18030");  // 甲 in GB18030
  auto gb = read_listing_csv("task_code,task_name\nA1,\xBC\xD7\n", "gb.csv");
  ASSERT_TRUE(gb.ok());
  EXPECT_EQ(gb->rows.at(0).at(1), "甲");
  auto bom = read_listing_csv("\xEF\xBB\xBFtask_code\nA1\n", "bom.csv");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->header.at(0), "task_code");
  auto neither = read_listing_csv("a\n\x80\xFF\xFF\n", "x.csv");
  EXPECT_FALSE(neither.ok());
  EXPECT_THAT(std::string(neither.status().message()), HasSubstr("x.csv: the bytes are neither UTF-8 (byte 2"));
  EXPECT_THAT(std::string(read_listing_csv("", "e.csv").status().message()), HasSubstr("e.csv: the file is empty"));
  EXPECT_FALSE(read_listing_csv("\n\n", "blank.csv").ok());
}

ListingTable basic(std::vector<std::vector<std::string>> rows) {
  ListingTable t;
  t.file = "basic.csv";
  t.header = {"task_code",      "task_name",   "task_type",    "dept_name",
              "anticipate_day", "promise_day", "project_type", "limit_scene_num"};
  t.rows = std::move(rows);
  return t;
}

TEST(Listing, BadRowsRejectedByFileRowAndColumnAndTheRestImports) {
  ListingInput input;
  input.set(ListingTableKind::kBasic, basic({{"A1", "甲", "01", "住建局", "20", "5", "2", "1"},
                                             {"A2", "乙", "行政许可", "住建局", "20", "25", "承诺件", "1"},
                                             {"A1", "丙", "01", "住建局", "20", "5", "2", "1"},
                                             {"A4", "丁", "01", "住建局", "", "0", "即办件", "x"}}));
  ListingTable materials;
  materials.file = "materials.csv";
  materials.header = {"实施编码", "材料名称", "材料必要性"};
  materials.rows = {{"A1", "身份证", "1"}, {"A2", "身份证", "1"}, {"Z9", "身份证", "1"}, {"A4", "申请表", "9"}};
  input.set(ListingTableKind::kMaterials, materials);
  std::vector<Problem> problems;
  auto imported = import_listing(input, {}, &problems);
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->catalog.matters().size(), 2u);
  EXPECT_EQ(imported->catalog.matters()[1].code, "A4");
  EXPECT_FALSE(imported->catalog.matters()[1].declared_trips.has_value());
  EXPECT_EQ(imported->rejected_rows, 4);
  std::vector<std::string> paths;
  for (const Problem& p : problems) paths.push_back(p.path);
  EXPECT_THAT(paths,
              ::testing::ElementsAre("basic.csv row 3 column promise_day", "basic.csv row 4 column task_code",
                                     "basic.csv row 5 column limit_scene_num", "materials.csv row 3 column 实施编码",
                                     "materials.csv row 4 column 实施编码", "materials.csv row 5 column 材料必要性"));
  EXPECT_THAT(problems[0].message, HasSubstr("longer than the legal limit of 20"));
  EXPECT_THAT(problems[3].message, HasSubstr("rejected at basic row 3"));
  EXPECT_THAT(problems[4].message, HasSubstr("no matter with this task code"));
  // Every line of a rejected row is the rejection alone.
  const MappingReport& r = imported->report;
  size_t rejected = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    if (r.file(i) == "basic.csv" && r.row(i) == 4) {
      EXPECT_EQ(r.outcome(i), MappingOutcome::kRejected);
      ++rejected;
    }
  }
  EXPECT_EQ(rejected, 1u);
  EXPECT_EQ(r.count(MappingOutcome::kRejected), 4u);
  EXPECT_EQ(r.count(MappingOutcome::kNotUnderstood), 2u);
  // Strict: the same problems, no catalogue.
  ListingOptions strict;
  strict.strict = true;
  std::vector<Problem> strict_problems;
  auto refused = import_listing(input, strict, &strict_problems);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(strict_problems, problems);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("basic.csv row 4 column task_code"));
}

// A NUL in any cell rejects its row naming the column (no catalogue text may
// hold one: the catalogue written would not load back), in every table.
TEST(Listing, NulInACellRejectsTheRowNamingTheColumn) {
  ListingInput input;
  input.set(ListingTableKind::kBasic,
            basic({{"A1", "甲", "01", "住建局", "20", "5", "2", "1"},
                   {"A2", std::string("乙") + '\0' + "丙", "01", "住建局", "20", "5", "2", "1"}}));
  ListingTable materials;
  materials.file = "materials.csv";
  materials.header = {"实施编码", "材料名称", "材料必要性"};
  materials.rows = {{"A1", std::string("身份") + '\0' + "证", "1"}, {"A1", "申请表", "1"}};
  input.set(ListingTableKind::kMaterials, materials);
  std::vector<Problem> problems;
  auto imported = import_listing(input, {}, &problems);
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->catalog.matters().size(), 1u);
  EXPECT_EQ(imported->catalog.matters()[0].materials.size(), 1u);
  std::vector<std::string> paths;
  for (const Problem& p : problems) paths.push_back(p.path);
  EXPECT_THAT(paths, ::testing::ElementsAre("basic.csv row 3 column task_name", "materials.csv row 2 column 材料名称"));
  EXPECT_THAT(problems[0].message, HasSubstr("U+0000"));
  for (const Problem& p : problems) EXPECT_EQ(p.message.find('\0'), std::string::npos) << p.path;
  const MappingReport& r = imported->report;
  for (size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r.value(i).find('\0'), std::string::npos) << i;
  std::ostringstream json;
  ASSERT_TRUE(imported->catalog.write_json(json).ok());
  EXPECT_TRUE(Catalog::load_json(json.str()).ok());
}

TEST(Listing, MissingBasicTableOrColumnFails) {
  EXPECT_FALSE(import_listing(ListingInput{}).ok());
  ListingInput input;
  ListingTable t = basic({});
  t.header.erase(t.header.begin() + 1);  // no task_name
  input.set(ListingTableKind::kBasic, t);
  auto r = import_listing(input);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("basic.csv row 1: no column task_name (事项名称)"));
}

TEST(Listing, WriteThenReadGivesTheCatalogueBack) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    GeneratorOptions g;
    g.seed = seed;
    g.matters = 300;
    auto catalog = generate_catalog(g);
    ASSERT_TRUE(catalog.ok());
    for (ListingCodes codes : {ListingCodes::kNumeric, ListingCodes::kLabels}) {
      ListingInput input;
      const auto tables = write_listing(*catalog, codes);
      ASSERT_EQ(tables.size(), static_cast<size_t>(kListingTableCount));
      for (int k = 0; k < kListingTableCount; ++k) {
        // Through the CSV text, as a file would go.
        auto t = read_listing_csv(listing_table_csv(tables[k]), tables[k].file);
        ASSERT_TRUE(t.ok()) << t.status();
        input.set(static_cast<ListingTableKind>(k), *std::move(t));
      }
      ListingOptions options;
      options.strict = true;
      options.name = catalog->name();
      auto back = import_listing(input, options);
      ASSERT_TRUE(back.ok()) << back.status();
      EXPECT_EQ(back->catalog, without_bundles(*catalog)) << "seed " << seed;
    }
  }
}

TEST(Listing, AuditAgreesWithEvaluateTrips) {
  auto imported = import_listing(exports("numeric"));
  ASSERT_TRUE(imported.ok());
  const Catalog& c = imported->catalog;
  const auto rows = audit_listing(c);
  ASSERT_FALSE(rows.empty());
  int overclaims = 0;
  for (const ListingAuditRow& row : rows) {
    const Matter& m = c.matters()[row.matter];
    EXPECT_EQ(row.computed_trips, evaluate_trips(c, row.matter).trips);
    EXPECT_EQ(row.overclaims, m.declared_trips && *m.declared_trips <= 1 && row.computed_trips > *m.declared_trips);
    EXPECT_FALSE(row.findings.empty());
    overclaims += row.overclaims;
  }
  EXPECT_GT(overclaims, 0);
  EXPECT_THAT(listing_audit_csv(c), HasSubstr(",yes,"));
}

}  // namespace
}  // namespace onetrip
