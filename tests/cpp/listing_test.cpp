// onetrip/listing.hpp: decoding (UTF-8, BOM, GB18030, neither), the code
// variants, the mapping report's lines, bad rows and strict imports, the
// round trip on generated catalogues, and the audit against evaluate_trips.
#include "onetrip/listing.hpp"

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "catalog_internal.hpp"
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

// The tables write_listing makes, through their CSV text as files would go.
ListingInput written(const Catalog& catalog, ListingCodes codes) {
  ListingInput input;
  const auto tables = write_listing(catalog, codes);
  EXPECT_TRUE(tables.ok()) << tables.status();
  if (!tables.ok()) return input;
  EXPECT_EQ(tables->size(), static_cast<size_t>(kListingTableCount));
  for (int k = 0; k < kListingTableCount; ++k) {
    auto t = read_listing_csv(listing_table_csv((*tables)[k]), (*tables)[k].file);
    EXPECT_TRUE(t.ok()) << t.status();
    input.set(static_cast<ListingTableKind>(k), *std::move(t));
  }
  return input;
}

constexpr int kDatedFields = static_cast<int>(DatedField::kTolerantAcceptance) + 1;

// The catalogue with every kind of validity period, each open at either end or
// closed: the matters' (from and until), the material uses' and the periods
// of every field the matter charges or offers. `dated[k]` counts the periods
// of field k (kDatedFields: matters, + 1: material uses) made.
Catalog dated(const Catalog& catalog, std::vector<int>* made) {
  made->assign(kDatedFields + 2, 0);
  CatalogData data = catalog.to_data();
  const Date start(2019, 3, 1);
  const auto ends = [&](size_t n, Validity* v) {
    const boost::gregorian::days offset(static_cast<long>(n % 97));
    if (n % 3 != 1) v->from = start + offset;
    if (n % 3 != 0) v->until = start + offset + boost::gregorian::days(30 + static_cast<long>(n % 400));
  };
  for (size_t i = 0; i < data.matters.size(); ++i) {
    Matter& m = data.matters[i];
    if (i % 4 != 0) {
      Validity v;
      ends(i, &v);
      m.effective_from = v.from;
      m.effective_until = v.until;
      ++(*made)[kDatedFields];
    }
    for (size_t j = 0; j < m.materials.size(); ++j) {
      if ((i + j) % 4 == 0) continue;
      ends(i + j, &m.materials[j].validity);
      ++(*made)[kDatedFields + 1];
    }
    for (int f = 0; f < kDatedFields; ++f) {
      const auto field = static_cast<DatedField>(f);
      if (!internal::offers(m, field) || (i + static_cast<size_t>(f)) % 5 == 0) continue;
      FieldPeriod p{field, {}};
      ends(i + static_cast<size_t>(f), &p.validity);
      m.periods.push_back(p);
      ++(*made)[f];
    }
  }
  auto out = Catalog::from_data(std::move(data));
  EXPECT_TRUE(out.ok()) << out.status();
  return *std::move(out);
}

TEST(Listing, WriteThenReadGivesTheCatalogueBack) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    GeneratorOptions g;
    g.seed = seed;
    g.matters = 300;
    auto generated = generate_catalog(g);
    ASSERT_TRUE(generated.ok());
    std::vector<int> made;
    const Catalog with_periods = dated(*generated, &made);
    // Every kind of validity period is there to lose.
    for (size_t k = 0; k < made.size(); ++k) EXPECT_GT(made[k], 0) << "kind " << k << ", seed " << seed;
    const Catalog* catalogs[] = {&generated.value(), &with_periods};
    for (const Catalog* catalog : catalogs) {
      for (ListingCodes codes : {ListingCodes::kNumeric, ListingCodes::kLabels}) {
        ListingOptions options;
        options.strict = true;
        options.name = catalog->name();
        auto back = import_listing(written(*catalog, codes), options);
        ASSERT_TRUE(back.ok()) << back.status();
        EXPECT_EQ(back->catalog, without_bundles(*catalog)) << "seed " << seed;
      }
    }
  }
}

TEST(Listing, DatesNotUnderstoodAreNamedByTableRowAndColumn) {
  GeneratorOptions g;
  g.matters = 40;
  auto generated = generate_catalog(g);
  ASSERT_TRUE(generated.ok());
  std::vector<int> made;
  const Catalog catalog = dated(*generated, &made);
  ListingInput input = written(catalog, ListingCodes::kNumeric);
  const auto cell = [&](ListingTableKind kind, size_t row, const std::string& column) -> std::string& {
    ListingTable& t = *input.tables[static_cast<int>(kind)];
    const size_t c = std::find(t.header.begin(), t.header.end(), column) - t.header.begin();
    return t.rows.at(row).at(c);
  };
  // Matter 1 is dated from and until (dated() above); matter 0 charges no fee or a fee.
  cell(ListingTableKind::kBasic, 1, "onetrip_effective_until") = "2019-02-30";
  cell(ListingTableKind::kMaterials, 0, "onetrip_effective_from") = "2021-01-01";
  cell(ListingTableKind::kMaterials, 0, "onetrip_effective_until") = "2020-12-31";
  const Matter& m2 = catalog.matters()[2];
  const bool charges = m2.fee_fen != 0;
  cell(ListingTableKind::kExtend, 2, "onetrip_fee_from") = charges ? "someday" : "2020-01-01";
  std::vector<Problem> problems;
  auto imported = import_listing(input, {}, &problems);
  ASSERT_TRUE(imported.ok()) << imported.status();
  std::vector<std::string> paths;
  for (const Problem& p : problems) paths.push_back(p.path);
  EXPECT_THAT(paths, ::testing::UnorderedElementsAre("basic.csv row 3 column onetrip_effective_until",
                                                     "materials.csv row 2 column onetrip_effective_until",
                                                     "extend.csv row 4 column onetrip_fee_from"));
  for (const Problem& p : problems) {
    if (p.path.rfind("basic", 0) == 0) {
      EXPECT_THAT(p.message, HasSubstr("not a date YYYY-MM-DD"));
    }
    if (p.path.rfind("materials", 0) == 0) {
      EXPECT_THAT(p.message, HasSubstr("before the start, 2021-01-01"));
    }
    if (p.path.rfind("extend", 0) == 0) {
      EXPECT_THAT(p.message, HasSubstr(charges ? "not a date" : "a period for fee, which the matter does not charge"));
    }
  }
  // What was not understood is open; the rest is kept.
  const Matter& back1 = imported->catalog.matters()[1];
  EXPECT_FALSE(back1.effective_until);
  EXPECT_EQ(back1.effective_from, catalog.matters()[1].effective_from);
  EXPECT_FALSE(imported->catalog.matters()[0].materials[0].validity.until);
  EXPECT_TRUE(std::none_of(imported->catalog.matters()[2].periods.begin(), imported->catalog.matters()[2].periods.end(),
                           [](const FieldPeriod& p) { return p.field == DatedField::kFee && p.validity.from; }));
  ListingOptions strict;
  strict.strict = true;
  EXPECT_FALSE(import_listing(input, strict).ok());
}

TEST(Listing, NationalTablesAloneKeepNoPeriodButTheFirstDay) {
  GeneratorOptions g;
  g.matters = 40;
  auto generated = generate_catalog(g);
  ASSERT_TRUE(generated.ok());
  std::vector<int> made;
  const Catalog catalog = dated(*generated, &made);
  ListingInput input = written(catalog, ListingCodes::kNumeric);
  // The platforms' tables only: onetrip's columns dropped.
  for (int k = 0; k < 4; ++k) {
    ListingTable& t = *input.tables[k];
    std::vector<size_t> keep;
    for (size_t c = 0; c < t.header.size(); ++c) {
      if (t.header[c].rfind("onetrip_", 0) != 0) keep.push_back(c);
    }
    const auto project = [&](const std::vector<std::string>& row) {
      std::vector<std::string> out;
      for (size_t c : keep) out.push_back(row[c]);
      return out;
    };
    t.header = project(t.header);
    for (auto& row : t.rows) row = project(row);
  }
  for (int k = 4; k < kListingTableCount; ++k) input.tables[k].reset();
  auto imported = import_listing(input);
  ASSERT_TRUE(imported.ok()) << imported.status();
  for (size_t i = 0; i < catalog.matters().size(); ++i) {
    const Matter& m = imported->catalog.matters()[i];
    EXPECT_EQ(m.effective_from, catalog.matters()[i].effective_from);
    EXPECT_FALSE(m.effective_until);
    EXPECT_TRUE(m.periods.empty());
    for (const MaterialUse& u : m.materials) EXPECT_FALSE(u.validity.dated());
  }
}

// write_listing refuses each place whose text the tables would read back
// different, naming it, and makes no table.
TEST(Listing, WriteRefusesTextTheTablesSyntaxClaims) {
  GeneratorOptions g;
  g.matters = 20;
  auto generated = generate_catalog(g);
  ASSERT_TRUE(generated.ok());
  const CatalogData base = generated->to_data();
  ASSERT_FALSE(base.matters[3].materials.empty());
  const std::string code3 = base.matters[3].code;
  struct Case {
    std::function<void(CatalogData&)> change;
    std::string path;
    std::string names;  // in the message
  };
  const std::vector<Case> cases = {
      {[](CatalogData& d) { d.matters[3].name = absl::StrCat(" ", d.matters[3].name); }, "$.matters[3].name",
       "matter " + code3},
      {[](CatalogData& d) { d.matters[3].note = "假设\u3000"; }, "$.matters[3].note", "matter " + code3},
      {[](CatalogData& d) { d.matters[3].materials[0].condition = "转租时\n"; }, "$.matters[3].materials[0].condition",
       "matter " + code3},
      {[](CatalogData& d) { d.materials[2].issuer = " 公安局"; }, "$.materials[2].issuer", "material "},
      {[](CatalogData& d) { d.departments[1].name += " "; }, "$.departments[1].name", "department "},
      {[](CatalogData& d) { d.halls[0].id = "centre^2"; }, "$.halls[0].id", "hall centre^2"},
      {[](CatalogData& d) { d.matters[3].personal_presence = "无"; }, "$.matters[3].personal_presence",
       "matter " + code3},
  };
  const std::vector<std::string> separators = {";", "；", "，", "、", ":", "："};
  std::vector<Case> all = cases;
  // A special procedure's kind other than its name's, or a basis: the cell holds the name and days only.
  all.insert(all.end(), {
                            {[](CatalogData& d) {
                               SpecialProcedure p;
                               p.name = "专家论证";
                               p.days = 5;
                               p.kind = SpecialKind::kExpertReview;
                               d.matters[3].special_procedures = {p};
                             },
                             "$.matters[3].special_procedures[0].kind", "matter " + code3},
                            {[](CatalogData& d) {
                               SpecialProcedure p;
                               p.name = "公示";
                               p.days = 5;
                               p.basis = "《某条例》第十条";
                               d.matters[3].special_procedures = {p};
                             },
                             "$.matters[3].special_procedures[0].basis", "matter " + code3},
                        });
  for (const std::string& sep : separators) {
    all.push_back({[sep](CatalogData& d) {
                     SpecialProcedure p;
                     p.name = absl::StrCat("专家", sep, "评审");
                     p.days = 5;
                     d.matters[3].special_procedures = {p};
                   },
                   "$.matters[3].special_procedures[0].name", "matter " + code3});
  }
  for (const Case& c : all) {
    CatalogData data = base;
    c.change(data);
    auto catalog = Catalog::from_data(std::move(data));
    ASSERT_TRUE(catalog.ok()) << c.path << ": " << catalog.status();
    std::vector<Problem> problems;
    auto tables = write_listing(*catalog, ListingCodes::kNumeric, &problems);
    ASSERT_FALSE(tables.ok()) << c.path;
    EXPECT_EQ(tables.status().code(), absl::StatusCode::kInvalidArgument);
    ASSERT_EQ(problems.size(), 1u) << c.path;
    EXPECT_EQ(problems[0].path, c.path);
    EXPECT_THAT(problems[0].message, HasSubstr(c.names));
    EXPECT_THAT(std::string(tables.status().message()), HasSubstr(c.path));
    EXPECT_EQ(listing_unwritable(*catalog), problems);
  }
  // All at once: every place named.
  CatalogData data = base;
  for (const Case& c : cases) c.change(data);
  auto catalog = Catalog::from_data(std::move(data));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ(listing_unwritable(*catalog).size(), cases.size());
  // What the tables hold comes back whole: an inner blank, a 、 in a hall id.
  data = base;
  data.matters[3].name = "甲 乙";
  data.halls[0].id = "中心、东厅";
  SpecialProcedure review;
  review.name = "专家评审";
  review.days = 5;
  review.kind = SpecialKind::kExpertReview;
  data.matters[3].special_procedures = {review};
  catalog = Catalog::from_data(std::move(data));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_TRUE(listing_unwritable(*catalog).empty());
  ListingOptions options;
  options.strict = true;
  options.name = catalog->name();
  auto back = import_listing(written(*catalog, ListingCodes::kLabels), options);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->catalog, without_bundles(*catalog));
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
