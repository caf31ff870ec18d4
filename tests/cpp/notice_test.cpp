// Situations and the one-time notice, worked by hand from the Yuyao bulletin's
// rules (tests/data/catalog/situations.json models them): the 三小 limits
// (小餐饮店/小食杂店 ≤ 50 m², 小作坊 ≤ 7 staff and ≤ 100 m², the foods each may
// not handle), the rental filing's four exclusions and conditional materials,
// and the registration changes that cannot be declared online.
#include "onetrip/notice.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/roadmap.hpp"
#include "onetrip/trips.hpp"
#include "situation_internal.hpp"

namespace onetrip {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::string source(const std::string& path) { return std::string(ONETRIP_SOURCE_DIR) + "/" + path; }

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const Catalog& situations() {
  static const Catalog c = *Catalog::load_file(source("tests/data/catalog/situations.json"));
  return c;
}

std::vector<std::string> material_ids(const Notice& n, bool shared) {
  std::vector<std::string> out;
  for (const NoticeMaterial& m : n.materials) {
    if (m.shared == shared) out.push_back(situations().materials()[m.material].id);
  }
  return out;
}

template <class T>
T must(absl::StatusOr<T> made) {
  EXPECT_TRUE(made.ok()) << made.status();
  return made.ok() ? *std::move(made) : T{};
}

SituationRange must(absl::StatusOr<SituationRange> r) {
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *std::move(r) : SituationRange{};
}

TEST(Situations, LoadAndSaveExactly) {
  const std::string text = read(source("tests/data/catalog/situations.json"));
  auto c = Catalog::load_json(text);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->save_json(), text);  // the committed file is canonical
  auto again = Catalog::from_data(c->to_data());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *c);
  EXPECT_EQ(again->save_json(), text);
  const Matter& rental = c->matters()[*c->find_matter("FW-01")];
  ASSERT_TRUE(rental.situations);
  EXPECT_EQ(rental.situations->questions.size(), 6u);
  EXPECT_EQ(rental.situations->eligibility.size(), 4u);
  ASSERT_EQ(rental.situations->materials.size(), 2u);
  EXPECT_EQ(rental.situations->materials[0].use, 2u);  // the power of attorney, third in the list
  EXPECT_EQ(rental.situations->materials[0].when.text, "agent");
}

TEST(Situations, ACatalogueWithoutSituationsSavesAsBefore) {
  const std::string text = read(source("examples/yuyao-2017/catalog.json"));
  auto c = Catalog::load_json(text);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->save_json(), text);
}

TEST(Situations, EditedQuestionsAreCompiledAgain) {
  // A condition's compiled form follows the questions it is built with: a
  // question renamed in the data is refused where a condition still uses it.
  CatalogData data = situations().to_data();
  Matter& rental = data.matters[*situations().find_matter("FW-01")];
  Situations s = *rental.situations;
  s.questions[0].id = "proof";
  rental.situations = SituationsRef(std::make_shared<const Situations>(s));
  std::vector<Problem> problems;
  auto c = Catalog::from_data(data, &problems);
  ASSERT_FALSE(c.ok());
  ASSERT_EQ(problems.size(), 1u) << c.status();
  EXPECT_EQ(problems[0].path, "$.matters[4].eligibility[0].when");
  EXPECT_THAT(problems[0].message, HasSubstr("unknown question \"legal_proof\""));
  s.eligibility[0].when.text = "not proof";
  rental.situations = SituationsRef(std::make_shared<const Situations>(s));
  auto fixed = Catalog::from_data(data);
  ASSERT_TRUE(fixed.ok()) << fixed.status();
  auto refused = notice(*fixed, "FW-01", {Answer{"proof", false}});
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(refused->eligibility, Eligibility::kNotEligible);
}

// 小餐饮店 of 40 m²: within the 50 m² limit, so the registration applies; at
// once (即办件), handed in and handed over in one visit.
TEST(Notice, SmallRestaurantOf40SquareMetresIsRegistered) {
  const Notice n = must(notice(situations(), "SC-05",
                               {Answer{"business", std::string("小餐饮店")}, Answer{"area", 40.0},
                                Answer{"foods", std::vector<std::string>{}}}));
  EXPECT_EQ(n.eligibility, Eligibility::kEligible);
  EXPECT_TRUE(n.refusals.empty());
  EXPECT_THAT(material_ids(n, false), ElementsAre("application-form", "id-copy", "premises-proof"));  // no staff list
  EXPECT_EQ(n.trips.trips, 1);
  ASSERT_EQ(n.trips.trip_list.size(), 1u);
  EXPECT_EQ(n.trips.trip_list[0].needs[0].kind, NeedKind::kSubmit);
  EXPECT_EQ(n.workdays, 0);
  EXPECT_TRUE(n.open_questions.empty()) << n.open_questions[0].id;  // staff only matters to a 小作坊
}

// 60 m² is over the limit: not the registration but the 食品经营许可 (its
// on-site inspection) instead.
TEST(Notice, SmallRestaurantOf60SquareMetresIsSentToTheLicence) {
  const Notice n =
      must(notice(situations(), "SC-05", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 60.0}}));
  EXPECT_EQ(n.eligibility, Eligibility::kNotEligible);
  ASSERT_EQ(n.refusals.size(), 1u);
  EXPECT_EQ(n.refusals[0].refusal, Refusal::kElsewhere);
  EXPECT_EQ(n.refusals[0].instead, "FL-01");
  EXPECT_THAT(n.refusals[0].reason, HasSubstr("不超过50平方米"));
  EXPECT_THAT(n.refusals[0].basis, HasSubstr("浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定"));
}

// The limit is "不超过": 50 m² itself is within it.
TEST(Notice, TheAreaLimitIncludesFiftySquareMetres) {
  for (const char* business : {"小餐饮店", "小食杂店"}) {
    const Notice at = must(notice(situations(), "SC-05",
                                  {Answer{"business", std::string(business)}, Answer{"area", 50.0},
                                   Answer{"foods", std::vector<std::string>{}}}));
    EXPECT_EQ(at.eligibility, Eligibility::kEligible) << business;
    const Notice over =
        must(notice(situations(), "SC-05", {Answer{"business", std::string(business)}, Answer{"area", 50.5}}));
    EXPECT_EQ(over.eligibility, Eligibility::kNotEligible) << business;
  }
}

// 小作坊: ≤ 7 fixed staff and ≤ 100 m²; the staff list is its material.
TEST(Notice, WorkshopLimitsOnStaffAndArea) {
  const auto workshop = [](double staff, double area) {
    return must(notice(situations(), "SC-05",
                       {Answer{"business", std::string("小作坊")}, Answer{"staff", staff}, Answer{"area", area},
                        Answer{"foods", std::vector<std::string>{}}}));
  };
  EXPECT_EQ(workshop(7, 100).eligibility, Eligibility::kEligible);
  EXPECT_EQ(workshop(8, 100).eligibility, Eligibility::kNotEligible);
  EXPECT_EQ(workshop(7, 101).eligibility, Eligibility::kNotEligible);
  EXPECT_THAT(material_ids(workshop(3, 60), false),
              ElementsAre("application-form", "id-copy", "premises-proof", "staff-list"));
  // The area limit of a shop (50 m²) is not a workshop's.
  EXPECT_EQ(workshop(3, 80).eligibility, Eligibility::kEligible);
}

// The foods each kind may not handle, as the bulletin lists them.
TEST(Notice, ForbiddenFoodsByKind) {
  const auto with = [](const char* business, std::vector<std::string> foods) {
    return must(notice(situations(), "SC-05",
                       {Answer{"business", std::string(business)}, Answer{"area", 30.0}, Answer{"staff", 2.0},
                        Answer{"foods", std::move(foods)}}))
        .eligibility;
  };
  EXPECT_EQ(with("小餐饮店", {"自酿酒"}), Eligibility::kNotEligible);
  EXPECT_EQ(with("小餐饮店", {"自制生鲜乳饮品"}), Eligibility::kNotEligible);
  EXPECT_EQ(with("小餐饮店", {"散装食用油"}), Eligibility::kEligible);  // a 小食杂店's prohibition, not a 小餐饮店's
  EXPECT_EQ(with("小食杂店", {"散装食用油"}), Eligibility::kNotEligible);
  EXPECT_EQ(with("小食杂店", {"婴幼儿辅助食品"}), Eligibility::kNotEligible);
  EXPECT_EQ(with("小食杂店", {"罐头"}), Eligibility::kEligible);
  EXPECT_EQ(with("小作坊", {"罐头"}), Eligibility::kNotEligible);
  EXPECT_EQ(with("小作坊", {"保健食品", "果冻"}), Eligibility::kNotEligible);
  EXPECT_EQ(with("小作坊", {"散装食用油"}), Eligibility::kEligible);
}

// Without the foods answered, no rule refuses yet but one may: undetermined,
// and the foods question is what decides.
TEST(Notice, IncompleteAnswersAreUndeterminedWithTheDecidingQuestions) {
  const Notice n =
      must(notice(situations(), "SC-05", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 40.0}}));
  EXPECT_EQ(n.eligibility, Eligibility::kUndetermined);
  EXPECT_THAT(n.deciding_questions, ElementsAre("foods"));
  ASSERT_EQ(n.open_questions.size(), 1u);
  EXPECT_EQ(n.open_questions[0].id, "foods");
  // Over the limit is decided whatever the foods: one refusal settles it.
  EXPECT_EQ(must(notice(situations(), "SC-05", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 60.0}}))
                .eligibility,
            Eligibility::kNotEligible);
  // Nothing answered: every question of the eligibility rules decides.
  const Notice blank = must(notice(situations(), "SC-05", std::vector<Answer>{}));
  EXPECT_EQ(blank.eligibility, Eligibility::kUndetermined);
  EXPECT_THAT(blank.deciding_questions, ElementsAre("business", "area", "staff", "foods"));
  // The staff list depends on the kind: listed, but not as certain.
  const auto staff = std::find_if(blank.materials.begin(), blank.materials.end(), [](const NoticeMaterial& m) {
    return situations().materials()[m.material].id == "staff-list";
  });
  ASSERT_NE(staff, blank.materials.end());
  EXPECT_FALSE(staff->certain);
}

// The rental filing: each of the four exclusions refuses ("不得办理"), every
// one that holds is listed.
TEST(Notice, RentalFilingExclusions) {
  const auto rental = [](bool proof, bool changed, bool dangerous, bool protected_housing) {
    return must(
        notice(situations(), "FW-01",
               {Answer{"legal_proof", proof}, Answer{"use_changed", changed}, Answer{"dangerous", dangerous},
                Answer{"protected_housing", protected_housing}, Answer{"sublease", false}, Answer{"agent", false}}));
  };
  EXPECT_EQ(rental(true, false, false, false).eligibility, Eligibility::kEligible);
  const Notice no_proof = rental(false, false, false, false);
  EXPECT_EQ(no_proof.eligibility, Eligibility::kNotEligible);
  ASSERT_EQ(no_proof.refusals.size(), 1u);
  EXPECT_THAT(no_proof.refusals[0].reason, HasSubstr("无合法证明的房屋"));
  EXPECT_THAT(no_proof.refusals[0].basis, HasSubstr("宁波城镇房屋租赁合同备案管理办法"));
  EXPECT_EQ(no_proof.refusals[0].refusal, Refusal::kNotGranted);
  EXPECT_EQ(rental(true, true, false, false).refusals.size(), 1u);
  EXPECT_EQ(rental(true, false, true, false).refusals.size(), 1u);
  EXPECT_EQ(rental(true, false, false, true).refusals.size(), 1u);
  EXPECT_EQ(rental(false, true, true, true).refusals.size(), 4u);
  // A refusal is certain whatever else is unanswered.
  const Notice refused_early = must(notice(situations(), "FW-01", {Answer{"legal_proof", false}}));
  EXPECT_EQ(refused_early.eligibility, Eligibility::kNotEligible);
}

// Its conditional materials: the sublease consent when subletting, the power
// of attorney when someone else files; the property certificate is fetched.
TEST(Notice, RentalFilingMaterialsFollowTheSituation) {
  const auto with = [](bool sublease, bool agent) {
    return must(notice(situations(), "FW-01",
                       {Answer{"legal_proof", true}, Answer{"use_changed", false}, Answer{"dangerous", false},
                        Answer{"protected_housing", false}, Answer{"sublease", sublease}, Answer{"agent", agent}}));
  };
  EXPECT_THAT(material_ids(with(false, false), false), ElementsAre("lease-form", "id-copy", "lease-contract"));
  EXPECT_THAT(material_ids(with(true, false), false),
              ElementsAre("lease-form", "id-copy", "lease-contract", "sublease-consent"));
  EXPECT_THAT(material_ids(with(false, true), false),
              ElementsAre("lease-form", "id-copy", "power-of-attorney", "lease-contract"));
  EXPECT_THAT(material_ids(with(false, false), true), ElementsAre("property-certificate-copy"));
  // Answers given as text, as the tool passes them.
  const std::vector<std::string> texts = {"legal_proof=是",       "use_changed=no", "dangerous=否",
                                          "protected_housing=no", "sublease=yes",   "agent=false"};
  auto n = notice(situations(), "FW-01", absl::MakeConstSpan(texts));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->eligibility, Eligibility::kEligible);
  EXPECT_THAT(material_ids(*n, false), ElementsAre("lease-form", "id-copy", "lease-contract", "sublease-consent"));
}

// 股东变更、注册资本变更 "还不能网上申报": the variant takes pre-review away, so
// the applicant's gaps are no longer found before the visit (worst case +1),
// and the resolution comes in two copies.
TEST(Notice, RegistrationChangesNotOnlineCostTheWorstCase) {
  const Notice name = must(notice(situations(), "SC-02", {Answer{"items", std::vector<std::string>{"名称", "住所"}}}));
  EXPECT_TRUE(name.variants.empty());
  EXPECT_EQ(name.trips.trips, 1);
  EXPECT_EQ(name.trips.worst_case, 1);  // online pre-review finds a gap before the visit
  EXPECT_EQ(name.trips.trip_list[0].needs[0].because, Because::kPreReviewOnly);
  const Notice shareholders =
      must(notice(situations(), "SC-02", {Answer{"items", std::vector<std::string>{"名称", "股东"}}}));
  ASSERT_EQ(shareholders.variants.size(), 1u);
  EXPECT_THAT(shareholders.variants[0], HasSubstr("还不能网上申报"));
  EXPECT_EQ(shareholders.trips.trips, 1);
  EXPECT_EQ(shareholders.trips.worst_case, 2);
  EXPECT_EQ(shareholders.trips.trip_list[0].needs[0].because, Because::kNoRemoteApplication);
  const auto resolution = std::find_if(shareholders.materials.begin(), shareholders.materials.end(),
                                       [](const NoticeMaterial& m) { return m.copies == 2; });
  ASSERT_NE(resolution, shareholders.materials.end());
  EXPECT_EQ(situations().materials()[resolution->material].id, "shareholder-resolution");
  // The same trips as `trips` gives for the matter's defaults where nothing changes.
  const TripResult plain = evaluate_trips(situations(), *situations().find_matter("SC-02"));
  EXPECT_EQ(plain.trips, name.trips.trips);
  EXPECT_EQ(plain.worst_case, name.trips.worst_case);
}

// The 三小 bundle: licence and registration at one window, one visit; the ID
// copy both ask for is brought once.
TEST(Notice, SanxiaoBundleMergesMaterialsInOneTrip) {
  const Notice n = must(notice(situations(), "sanxiao",
                               {Answer{"business", std::string("小餐饮店")}, Answer{"area", 40.0},
                                Answer{"foods", std::vector<std::string>{}}}));
  EXPECT_TRUE(n.bundle);
  EXPECT_EQ(n.eligibility, Eligibility::kEligible);
  EXPECT_EQ(n.members.size(), 2u);
  EXPECT_EQ(n.trips.trips, 1);
  EXPECT_THAT(material_ids(n, false), ElementsAre("application-form", "id-copy", "premises-proof"));
  EXPECT_EQ(n.materials[1].needed_by.size(), 2u);
  const TripResult plain = evaluate_bundle_trips(situations(), *situations().find_bundle("sanxiao"));
  EXPECT_EQ(plain.trips, n.trips.trips);
  // A refusal of a member refuses the bundle.
  const Notice over =
      must(notice(situations(), "sanxiao", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 60.0}}));
  EXPECT_EQ(over.eligibility, Eligibility::kNotEligible);
  EXPECT_EQ(over.refusals[0].owner, "SC-05");
}

// Members chosen by conditions: no food, no food registration; food on a large
// shop brings in the licence with its ten promised days.
TEST(Notice, BundleMembersFollowTheSituation) {
  const auto codes = [](const Notice& n) {
    std::vector<std::string> out;
    for (MatterIndex m : n.members) out.push_back(situations().matters()[m].code);
    return out;
  };
  const Notice plain = must(notice(situations(), "open-shop", {Answer{"sells_food", false}}));
  EXPECT_THAT(codes(plain), ElementsAre("SC-04"));
  EXPECT_EQ(plain.workdays, 0);
  const Notice food = must(notice(situations(), "open-shop",
                                  {Answer{"sells_food", true}, Answer{"business", std::string("小餐饮店")},
                                   Answer{"area", 30.0}, Answer{"foods", std::vector<std::string>{}}}));
  EXPECT_THAT(codes(food), ElementsAre("SC-04", "SC-05"));
  const Notice unsure = must(notice(situations(), "open-shop", {Answer{"sells_food", true}}));
  EXPECT_THAT(codes(unsure), ElementsAre("SC-04", "SC-05", "FL-01"));
  ASSERT_EQ(unsure.undetermined_members.size(), 1u);
  EXPECT_EQ(situations().matters()[unsure.undetermined_members[0]].code, "FL-01");
  EXPECT_EQ(unsure.workdays, 10);
  const Calendar china = Calendar::china();
  NoticeOptions options;
  options.calendar = &china;
  options.start = Date(2017, 7, 3);
  auto dated = notice(situations(), "open-shop", {Answer{"sells_food", true}}, options);
  ASSERT_TRUE(dated.ok()) << dated.status();
  ASSERT_TRUE(dated->due);
  EXPECT_EQ(*dated->due, Date(2017, 7, 17));  // ten working days after Monday 3 July
}

TEST(Notice, BadAnswersNameTheQuestionAndTheAllowedValues) {
  auto wrong_type = notice(situations(), "SC-05", {Answer{"area", std::string("forty")}});
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(wrong_type.status().message(), HasSubstr("\"area\""));
  EXPECT_THAT(wrong_type.status().message(), HasSubstr("a number (平方米)"));
  auto not_a_choice = notice(situations(), "SC-05", {Answer{"business", std::string("大饭店")}});
  ASSERT_FALSE(not_a_choice.ok());
  EXPECT_THAT(not_a_choice.status().message(), HasSubstr("one of \"小餐饮店\", \"小食杂店\", \"小作坊\""));
  auto not_a_food = notice(situations(), "SC-05", {Answer{"foods", std::vector<std::string>{"啤酒"}}});
  ASSERT_FALSE(not_a_food.ok());
  EXPECT_THAT(not_a_food.status().message(), HasSubstr("\"啤酒\" is not an allowed answer"));
  auto unknown = notice(situations(), "FW-01", {Answer{"landlord", true}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown question \"landlord\""));
  EXPECT_THAT(unknown.status().message(), HasSubstr("legal_proof (房屋有合法权属证明吗？)"));
  auto yes_to_number = notice(situations(), "SC-05", {Answer{"area", true}});
  ASSERT_FALSE(yes_to_number.ok());
  EXPECT_THAT(yes_to_number.status().message(), HasSubstr("yes/no given, expected a number"));
  auto twice = notice(situations(), "FW-01", {Answer{"agent", true}, Answer{"agent", false}});
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr("answered twice"));
  auto no_such = notice(situations(), "XX-99", std::vector<Answer>{});
  EXPECT_EQ(no_such.status().code(), absl::StatusCode::kNotFound);
  const std::vector<std::string> bad_text = {"agent"};
  EXPECT_THAT(notice(situations(), "FW-01", absl::MakeConstSpan(bad_text)).status().message(),
              HasSubstr("write question=value"));
}

// A matter without situations: the notice is its default materials and trips.
TEST(Notice, AMatterWithoutSituations) {
  const Notice n = must(notice(situations(), "FL-01", std::vector<Answer>{}));
  EXPECT_EQ(n.eligibility, Eligibility::kEligible);
  const TripResult plain = evaluate_trips(situations(), *situations().find_matter("FL-01"));
  EXPECT_EQ(n.trips.trips, plain.trips);
  EXPECT_EQ(n.trips.worst_case, plain.worst_case);
  EXPECT_EQ(n.workdays, 10);
  EXPECT_TRUE(n.open_questions.empty());
}

TEST(Notice, TextAndJson) {
  const Notice n =
      must(notice(situations(), "SC-05", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 60.0}}));
  const std::string text = notice_text(situations(), n);
  EXPECT_THAT(text, HasSubstr("一次性告知：食品生产经营登记（小作坊、小餐饮店、小食杂店）（SC-05）"));
  EXPECT_THAT(text, HasSubstr("能否办理：不能办理"));
  EXPECT_THAT(text, HasSubstr("请改为申请：食品经营许可（FL-01）"));
  EXPECT_THAT(text, HasSubstr("经营场所（小作坊为生产加工场所）使用面积：60 平方米"));
  const auto json = nlohmann::json::parse(notice_json(situations(), n));
  EXPECT_EQ(json["eligibility"], "not_eligible");
  EXPECT_EQ(json["refusals"][0]["instead"], "FL-01");
  EXPECT_EQ(json["answers"]["area"], 60.0);
  const Notice ok = must(notice(situations(), "FW-01",
                                {Answer{"legal_proof", true}, Answer{"use_changed", false}, Answer{"dangerous", false},
                                 Answer{"protected_housing", false}, Answer{"sublease", true}}));
  const std::string ok_text = notice_text(situations(), ok);
  EXPECT_THAT(ok_text, HasSubstr("出租人同意转租的书面证明（纸质，须核验原件，1份）"));
  EXPECT_THAT(ok_text, HasSubstr("《不动产权证》（或《房屋所有权证》）复印件：窗口通过数据共享获取，无需提交"));
  EXPECT_THAT(ok_text, HasSubstr("agent：是否委托他人办理？"));
  const auto ok_json = nlohmann::json::parse(notice_json(situations(), ok));
  EXPECT_EQ(ok_json["trips"], 1);
  EXPECT_EQ(ok_json["open_questions"][0]["id"], "agent");
}

}  // namespace
}  // namespace onetrip

namespace onetrip {
namespace {

// Over all situations: the answers the conditions tell apart, every
// combination while they are few.
TEST(SituationRange, RegistrationChangesRangeOverTheWorstCase) {
  auto r = situation_range(situations(), "SC-02");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->exact);
  EXPECT_EQ(r->questions, std::vector<std::string>{"items"});
  // 股东 and 注册资本 are named by the same tests, 执行事务合伙人 by one: 2 groups, 4 subsets.
  EXPECT_EQ(r->situations, 4);
  EXPECT_EQ(r->best_trips, 1);
  EXPECT_EQ(r->worst_trips, 1);
  EXPECT_EQ(r->best_worst_case, 1);
  EXPECT_EQ(r->worst_worst_case, 2);
}

TEST(SituationRange, SanxiaoLimitsAreEnumeratedExactly) {
  auto r = situation_range(situations(), "SC-05");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->exact);
  EXPECT_EQ(r->questions, (std::vector<std::string>{"business", "area", "staff", "foods"}));
  // business 3 × area 5 (below 50, 50, between, 100, above) × staff 3 × foods 2^5 groups.
  EXPECT_EQ(r->situations, 3 * 5 * 3 * 32);
  EXPECT_GT(r->eligible_situations, 0);
  EXPECT_LT(r->eligible_situations, r->situations);
  EXPECT_EQ(r->worst_trips, 1);
  // With a bound below that, only the questions that change the trips (the kind, for the staff list).
  SituationRangeOptions small;
  small.max_situations = 100;
  auto bounded = situation_range(situations(), "SC-05", small);
  ASSERT_TRUE(bounded.ok());
  EXPECT_FALSE(bounded->exact);
  EXPECT_EQ(bounded->questions, std::vector<std::string>{"business"});
  EXPECT_EQ(bounded->situations, 3);
}

TEST(SituationRange, BundleMembersWidenTheDays) {
  auto r = situation_range(situations(), "open-shop");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->best_workdays, 0);
  EXPECT_EQ(r->worst_workdays, 10);  // the licence's promised days, a shop over 50 m² selling food
}

TEST(SituationRange, RentalRefusedSituationsAreNotCounted) {
  auto r = situation_range(situations(), "FW-01");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->situations, 64);          // six yes/no questions
  EXPECT_EQ(r->eligible_situations, 4);  // the four exclusions all no; sublease and agent free
}

// A matter counts as ≤ 1 trip only if every eligible situation is.
TEST(SituationRange, IndicatorsCountEveryEligibleSituation) {
  auto plain = evaluate_catalog(situations());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->matter_situations.size(), 3u);  // SC-05, SC-02, FW-01
  auto before = indicators(situations(), *plain);
  ASSERT_TRUE(before.ok());
  EXPECT_DOUBLE_EQ(before->share_at_most_one_trip, 4.0 / 5);  // all but the licence (submit, then collect)
  CatalogData data = situations().to_data();
  Matter& change = data.matters[*situations().find_matter("SC-02")];
  Situations s = *change.situations;
  Variant collect;
  collect.when.text = "items has \"股东\"";
  collect.express_delivery = false;  // (an assumption for the test: the licence collected at the window)
  s.variants.push_back(collect);
  change.situations = SituationsRef(std::make_shared<const Situations>(s));
  auto edited = Catalog::from_data(data);
  ASSERT_TRUE(edited.ok()) << edited.status();
  auto evaluation = evaluate_catalog(*edited);
  ASSERT_TRUE(evaluation.ok());
  EXPECT_EQ(evaluation->matter_trips[*edited->find_matter("SC-02")], 1);  // the default situation
  auto after = indicators(*edited, *evaluation);
  ASSERT_TRUE(after.ok());
  EXPECT_DOUBLE_EQ(after->share_at_most_one_trip, 3.0 / 5);
}

}  // namespace
}  // namespace onetrip

namespace onetrip {
namespace {

Catalog reformed(const std::string& reforms) {
  auto scenario = load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [)" + reforms + "]}");
  EXPECT_TRUE(scenario.ok()) << scenario.status();
  auto after = apply(situations(), *scenario);
  EXPECT_TRUE(after.ok()) << after.status();
  return after.ok() ? *after : situations();
}

// The materials follow the trip rules (bundle_materials): accepted at one
// window, the members' common materials are one set; accepted at separate
// windows, each window keeps its own, with its own copies.
TEST(Notice, BundleMaterialsAreMergedOnlyAtOneWindow) {
  const std::vector<Answer> answers = {Answer{"business", std::string("小餐饮店")}, Answer{"area", 40.0},
                                       Answer{"foods", std::vector<std::string>{}}};
  const Catalog& together = situations();
  const Catalog apart = reformed(R"({"reform": "single_window", "bundle": "sanxiao", "enable": false})");
  TripOptions options;
  options.materials_absent = {*together.find_material("staff-list")};  // 小作坊 only
  for (const Catalog* c : {&together, &apart}) {
    const BundleIndex b = *c->find_bundle("sanxiao");
    const bool one_window = c->bundles()[b].acceptance == Acceptance::kSingleWindow;
    SCOPED_TRACE(one_window ? "one window" : "separate windows");
    const Notice n = must(notice(*c, "sanxiao", answers));
    const BundleMaterials prepared = bundle_materials(*c, b, options);
    std::vector<std::pair<MaterialIndex, std::vector<MatterIndex>>> notice_sets, trip_sets;
    for (const NoticeMaterial& m : n.materials) {
      if (!m.shared)
        notice_sets.emplace_back(m.material, std::vector<MatterIndex>(m.needed_by.begin(), m.needed_by.end()));
    }
    for (const PreparedMaterial& p : prepared.prepared) trip_sets.emplace_back(p.material, p.needed_by);
    std::sort(notice_sets.begin(), notice_sets.end());
    std::sort(trip_sets.begin(), trip_sets.end());
    EXPECT_EQ(notice_sets, trip_sets);
    EXPECT_EQ(notice_sets.size(), one_window ? 3u : 6u);
    for (const auto& [material, needed_by] : notice_sets) EXPECT_EQ(needed_by.size(), one_window ? 2u : 1u);
  }
}

// "Allow 股东变更 online" is one line: a variant in that situation, added last.
TEST(SituationReforms, MakeASituationOnline) {
  const Catalog after = reformed(
      R"({"reform": "online_application", "online": "pre_review", "matter": "SC-02", "situation": "items has \"股东\""})");
  const auto worst = [&](std::vector<std::string> items) {
    return must(notice(after, "SC-02", {Answer{"items", std::move(items)}})).trips.worst_case;
  };
  EXPECT_EQ(worst({"股东"}), 1);      // pre-review again
  EXPECT_EQ(worst({"注册资本"}), 2);  // still not online
  EXPECT_EQ(worst({"名称"}), 1);
  auto range = situation_range(after, "SC-02");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->worst_worst_case, 2);
  // The base is untouched.
  EXPECT_EQ(must(notice(situations(), "SC-02", {Answer{"items", std::vector<std::string>{"股东"}}})).trips.worst_case,
            2);
}

TEST(SituationReforms, DropAMaterialInASituation) {
  const Catalog after = reformed(
      R"({"reform": "drop_material", "material": "premises-proof", "matter": "SC-05", "situation": "business == \"小餐饮店\""})");
  const auto has_premises = [&](const char* business) {
    const Notice n = must(notice(after, "SC-05", {Answer{"business", std::string(business)}}));
    return std::any_of(n.materials.begin(), n.materials.end(),
                       [&](const NoticeMaterial& m) { return after.materials()[m.material].id == "premises-proof"; });
  };
  EXPECT_FALSE(has_premises("小餐饮店"));
  EXPECT_TRUE(has_premises("小食杂店"));
  // A material that already had a condition keeps it, and drops out in the situation too.
  const Catalog twice = reformed(
      R"({"reform": "drop_material", "material": "staff-list", "matter": "SC-05", "situation": "staff <= 3"})");
  const Matter& m = twice.matters()[*twice.find_matter("SC-05")];
  EXPECT_EQ(m.situations->materials[0].when.text, "(business == \"小作坊\") and not (staff <= 3)");
}

// Dropped in every situation, a material leaves the matter's list; the
// conditions of the materials after it move up with them, its own goes.
TEST(SituationReforms, DropAMaterialEverywhereKeepsTheOthersConditions) {
  const auto rules = [](const Catalog& c, const char* code) {
    const Matter& m = c.matters()[*c.find_matter(code)];
    std::vector<std::string> out;
    for (const MaterialRule& r : m.situations->materials) {
      out.push_back(absl::StrCat(c.materials()[m.materials[r.use].material].id, ": ", r.when.text, " x", r.copies));
    }
    return out;
  };
  const auto ids = [](const Catalog& c, const Notice& n) {
    std::vector<std::string> out;
    for (const NoticeMaterial& m : n.materials) out.push_back(c.materials()[m.material].id);
    return out;
  };
  ASSERT_THAT(rules(situations(), "FW-01"),
              ElementsAre("power-of-attorney: agent x0", "sublease-consent: sublease x0"));
  const Catalog after = reformed(R"({"reform": "drop_material", "material": "id-copy", "matter": "FW-01"})");
  EXPECT_THAT(rules(after, "FW-01"), ElementsAre("power-of-attorney: agent x0", "sublease-consent: sublease x0"));
  const std::vector<Answer> base = {Answer{"legal_proof", true}, Answer{"use_changed", false},
                                    Answer{"dangerous", false}, Answer{"protected_housing", false}};
  std::vector<Answer> own = base;
  own.push_back(Answer{"sublease", false});
  own.push_back(Answer{"agent", false});
  EXPECT_THAT(ids(after, must(notice(after, "FW-01", own))),
              UnorderedElementsAre("lease-form", "property-certificate-copy", "lease-contract"));
  std::vector<Answer> agent = base;
  agent.push_back(Answer{"sublease", true});
  agent.push_back(Answer{"agent", true});
  EXPECT_THAT(ids(after, must(notice(after, "FW-01", agent))),
              UnorderedElementsAre("lease-form", "power-of-attorney", "property-certificate-copy", "lease-contract",
                                   "sublease-consent"));
  // The conditioned material itself dropped: its condition goes with it.
  const Catalog without =
      reformed(R"({"reform": "drop_material", "material": "shareholder-resolution", "matter": "SC-02"})");
  EXPECT_TRUE(without.matters()[*without.find_matter("SC-02")].situations->materials.empty());
  const Catalog both = reformed(R"({"reform": "drop_material", "material": "id-copy", "matter": "SC-02"})");
  EXPECT_THAT(rules(both, "SC-02"), ElementsAre("shareholder-resolution: items has [\"股东\", \"注册资本\"] x2"));
}

// A reform that settles a field for the whole matter overrides what its
// variants set for it, rather than leaving a variant that contradicts it (a
// promised limit on a matter decided at the visit, a fee charged after it was
// abolished).
TEST(SituationReforms, AWholeMatterReformOverridesTheVariants) {
  const std::string shorter =
      R"({"reform": "promised_limit", "days": 2, "matter": "SC-02", "situation": "items has \"名称\""})";
  const auto in = [](const Catalog& c, const char* item) {
    return must(notice(c, "SC-02", {Answer{"items", std::vector<std::string>{item}}}));
  };
  ASSERT_EQ(in(reformed(shorter), "名称").workdays, 2);
  // Decided at the visit, or a filing: no situation keeps a promised limit.
  for (const char* whole :
       {R"({"reform": "immediate", "matter": "SC-02"})", R"({"reform": "filing", "matter": "SC-02"})"}) {
    SCOPED_TRACE(whole);
    const Catalog after = reformed(shorter + ", " + whole);
    for (const Variant& v : after.matters()[*after.find_matter("SC-02")].situations->variants) {
      EXPECT_FALSE(v.promise_day) << v.note;
    }
    EXPECT_EQ(in(after, "名称").workdays, 0);
    EXPECT_EQ(in(after, "名称").variants, in(after, "住所").variants);
  }
  // A promised limit or a channel reform of the whole matter keeps the
  // situations' own: 股东变更 stays off line when the matter goes online.
  const Catalog longer = reformed(shorter + R"(, {"reform": "promised_limit", "days": 4, "matter": "SC-02"})");
  EXPECT_EQ(in(longer, "名称").workdays, 2);
  EXPECT_EQ(in(longer, "住所").workdays, 4);
  const Catalog online = reformed(R"({"reform": "online_application", "online": "full", "matter": "SC-02"})");
  EXPECT_EQ(online.matters()[*online.find_matter("SC-02")].situations->variants.size(), 1u);
  EXPECT_GT(in(online, "股东").trips.worst_case, in(online, "名称").trips.worst_case);
  // A fee charged in one situation: abolishing the matter's fee abolishes it there too.
  CatalogData data = situations().to_data();
  for (Matter& m : data.matters) {
    if (m.code != "SC-02") continue;
    m.fee_fen = 10000;
    Situations s = *m.situations;
    Variant fee;
    fee.when.text = "items has \"名称\"";
    fee.fee_fen = 5000;
    fee.note = "名称变更收费";
    s.variants.push_back(fee);
    m.situations = SituationsRef(std::make_shared<const Situations>(std::move(s)));
  }
  auto charged = Catalog::from_data(std::move(data));
  ASSERT_TRUE(charged.ok()) << charged.status();
  ASSERT_THAT(in(*charged, "名称").variants, ElementsAre("名称变更收费"));
  auto scenario = load_scenario_json(
      R"({"schema": "onetrip-scenario/1", "reforms": [{"reform": "fee", "fee": 0, "matter": "SC-02"}]})");
  ASSERT_TRUE(scenario.ok()) << scenario.status();
  auto free = apply(*charged, *scenario);
  ASSERT_TRUE(free.ok()) << free.status();
  const Matter& m = free->matters()[*free->find_matter("SC-02")];
  EXPECT_EQ(m.fee_fen, 0);
  for (const Variant& v : m.situations->variants) EXPECT_FALSE(v.fee_fen) << v.note;
  EXPECT_TRUE(in(*free, "名称").variants.empty());
  EXPECT_EQ(in(*free, "名称").trips.worst_case, in(*free, "住所").trips.worst_case);
}

TEST(SituationReforms, RemoveAnEligibilityRule) {
  const Catalog after =
      reformed(R"({"reform": "remove_eligibility", "matter": "FW-01", "situation": "protected_housing"})");
  const std::vector<Answer> answers = {Answer{"legal_proof", true}, Answer{"use_changed", false},
                                       Answer{"dangerous", false}, Answer{"protected_housing", true}};
  EXPECT_EQ(must(notice(situations(), "FW-01", answers)).eligibility, Eligibility::kNotEligible);
  EXPECT_EQ(must(notice(after, "FW-01", answers)).eligibility, Eligibility::kEligible);
  EXPECT_EQ(after.matters()[*after.find_matter("FW-01")].situations->eligibility.size(), 3u);
}

TEST(SituationReforms, ProblemsAtTheirPaths) {
  const auto problems_of = [](const std::string& reform) {
    std::vector<Problem> problems;
    auto scenario = load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [)" + reform + "]}", &problems);
    if (scenario.ok()) {
      auto after = apply(situations(), *scenario, &problems);
      EXPECT_FALSE(after.ok());
      if (problems.empty()) problems.push_back({"$", std::string(after.status().message())});
    }
    return problems;
  };
  auto p = problems_of(R"({"reform": "remove_eligibility", "matter": "FW-01", "situation": "not legal"})");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.reforms[0].situation");
  EXPECT_THAT(p[0].message, HasSubstr("no eligibility rule"));
  p = problems_of(R"({"reform": "remove_eligibility", "matter": "FW-01"})");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("missing \"situation\""));
  p = problems_of(R"({"reform": "single_window", "bundle": "sanxiao", "situation": "area > 3"})");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("does not apply to a situation"));
  p = problems_of(R"({"reform": "express_delivery", "matter": "SC-02", "situation": "itemz has \"股东\""})");
  ASSERT_FALSE(p.empty());
  EXPECT_THAT(p[0].message, HasSubstr("unknown question \"itemz\""));
  p = problems_of(R"({"reform": "express_delivery", "matter": "FL-01", "situation": "area > 3"})");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("has questions"));
}

// A bundle's member conditions point at members by position: when a member
// leaves the catalogue (absorbed, or not in force that day) the others move up
// and their conditions with them; the leaving member's condition goes.
TEST(SituationReforms, MemberConditionsFollowTheMembersLeft) {
  const auto rules = [](const Catalog& c) {
    const Bundle& b = c.bundles()[*c.find_bundle("open-shop")];
    std::vector<std::string> out;
    for (const MemberRule& r : b.situations->members) {
      out.push_back(c.matters()[b.members[r.member]].code + ": " + r.when.text);
    }
    return out;
  };
  const auto codes = [](const Catalog& c, const Notice& n) {
    std::vector<std::string> out;
    for (MatterIndex m : n.members) out.push_back(c.matters()[m].code);
    return out;
  };
  ASSERT_THAT(rules(situations()), ElementsAre("SC-05: sells_food", "FL-01: sells_food and area > 50"));
  // The unconditioned first member leaves: both conditions move up one.
  const Catalog first = reformed(R"({"reform": "absorb", "matters": ["SC-04"], "into": "SC-02"})");
  EXPECT_THAT(rules(first), ElementsAre("SC-05: sells_food", "FL-01: sells_food and area > 50"));
  const Notice food = must(notice(first, "open-shop",
                                  {Answer{"sells_food", true}, Answer{"business", std::string("小餐饮店")},
                                   Answer{"area", 30.0}, Answer{"foods", std::vector<std::string>{}}}));
  EXPECT_THAT(codes(first, food), ElementsAre("SC-05"));
  // The catalogue as of a day after a conditioned member's last day in force:
  // its condition goes, the other stays on its member. (SC-05 sends the
  // applicant to FL-01; here it names no matter instead.)
  CatalogData data = situations().to_data();
  for (Matter& m : data.matters) {
    if (m.code == "FL-01") m.effective_until = Date(2020, 12, 31);
    if (m.code != "SC-05") continue;
    Situations s = *m.situations;
    for (EligibilityRule& e : s.eligibility) e.instead.clear();
    m.situations = SituationsRef(std::make_shared<const Situations>(std::move(s)));
  }
  auto dated = Catalog::from_data(std::move(data));
  ASSERT_TRUE(dated.ok()) << dated.status();
  EXPECT_EQ(rules(*dated), rules(situations()));
  auto later = dated->as_of(Date(2021, 1, 1));
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_THAT(rules(*later), ElementsAre("SC-05: sells_food"));
  EXPECT_THAT(codes(*later, must(notice(*later, "open-shop", {Answer{"sells_food", false}}))), ElementsAre("SC-04"));
}

TEST(SituationReforms, ScenarioRoundTrip) {
  auto scenario = load_scenario_json(
      R"({"schema": "onetrip-scenario/1", "reforms": [{"reform": "remove_eligibility", "matter": "FW-01", "situation": "dangerous"}]})");
  ASSERT_TRUE(scenario.ok());
  EXPECT_EQ(scenario->reforms[0].situation, "dangerous");
  const std::string saved = save_scenario_json(*scenario);
  EXPECT_THAT(saved, HasSubstr("\"situation\": \"dangerous\""));
  auto again = load_scenario_json(saved);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(save_scenario_json(*again), saved);
}

}  // namespace
}  // namespace onetrip

namespace onetrip {
namespace {

// The Yuyao example models the bulletin's situations (examples/yuyao-2017/catalog.json).
TEST(YuyaoNotices, TheThreeApplicantsOfTheIssue) {
  auto yuyao = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  ASSERT_TRUE(yuyao.ok()) << yuyao.status();
  const Notice small = must(notice(*yuyao, "sanxiao",
                                   {Answer{"business", std::string("小餐饮店")}, Answer{"area", 40.0},
                                    Answer{"foods", std::vector<std::string>{}}}));
  EXPECT_EQ(small.eligibility, Eligibility::kEligible);
  EXPECT_EQ(small.members.size(), 2u);  // the business licence and the registration together
  EXPECT_EQ(small.trips.trips, 1);
  const Notice large =
      must(notice(*yuyao, "sanxiao", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 60.0}}));
  EXPECT_EQ(large.eligibility, Eligibility::kNotEligible);
  ASSERT_EQ(large.refusals.size(), 1u);
  EXPECT_EQ(large.refusals[0].refusal, Refusal::kElsewhere);
  EXPECT_THAT(large.refusals[0].reason, HasSubstr("食品经营许可证"));
  const Notice rental = must(notice(*yuyao, "330281-FW-01", {Answer{"legal_proof", false}}));
  EXPECT_EQ(rental.eligibility, Eligibility::kNotEligible);
  EXPECT_THAT(rental.refusals[0].reason, HasSubstr("无合法证明的房屋"));
  // 股东变更 is not declared online: the worst case rises, the trips do not.
  const Notice shareholders = must(notice(*yuyao, "330281-SC-02", {Answer{"items", std::vector<std::string>{"股东"}}}));
  EXPECT_EQ(shareholders.trips.trips, 1);
  EXPECT_EQ(shareholders.trips.worst_case, 2);
}

// Situation volumes (情形 volumes): the share of a matter's cases per situation,
// named by its answers, weighting the indicators and the what-if savings.
// SC-02 (商事登记变更) costs 2 trips in the worst case when 股东 changes (not
// online), 1 otherwise.
constexpr const char* kSituationCases =
    "matter,situation,volume\n"
    "SC-02,items=股东,30\n"
    "SC-02,\" items = 名称 \",70\n";

TEST(SituationVolumes, ReadByLine) {
  auto v = load_volumes_csv(situations(), kSituationCases);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->situations.size(), 2u);
  EXPECT_EQ(v->situations[0].matter, "SC-02");
  EXPECT_THAT(v->situations[1].answers, ElementsAre("items=名称"));  // blanks around "=" dropped
  EXPECT_EQ(v->situations[1].where, "line 3");
  EXPECT_FALSE(v->situation_shares);
  EXPECT_EQ(v->matters.at("SC-02"), 100);  // the matter's cases: its situations' sum
  auto shares = load_volumes_csv(situations(),
                                 "matter,situation,share\nSC-05,business=小餐饮店;area=40,0.25\n"
                                 "SC-05,\"business=小作坊; staff=3; area=80\",0.75\n");
  ASSERT_TRUE(shares.ok()) << shares.status();
  EXPECT_TRUE(shares->situation_shares);
  EXPECT_THAT(shares->situations[1].answers, ElementsAre("business=小作坊", "staff=3", "area=80"));
  EXPECT_TRUE(shares->matters.empty());  // shares split the matter volumes given elsewhere
}

TEST(SituationVolumes, BadRowsNamedByLine) {
  std::vector<Problem> problems;
  auto v = load_volumes_csv(
      situations(),
      "matter,situation,share\n"
      "SC-02,items=股东,0.5\n"        // 2: fine, but SC-02's shares add up to 0.5 (line 7's repeat is not counted)
      "SC-02,itemz=名称,0.2\n"        // 3: unknown question
      "SC-05,business=大饭店,0.5\n"   // 4: not one of the choices
      "sanxiao,business=小作坊,1\n"   // 5: a bundle
      "FL-01,x=1,1\n"                 // 6: no questions
      "SC-02,items=股东,0.3\n"        // 7: given twice
      "SC-05,,0.5\n"                  // 8: no answers
      "SC-05,business=小作坊,1.5\n"   // 9: over 1
      "SC-05,business=小食杂店,-1\n"  // 10: a sign
      "XX-99,a=1,1\n",                // 11: unknown matter
      &problems);
  ASSERT_FALSE(v.ok());
  std::vector<std::string> lines;
  for (const Problem& p : problems) lines.push_back(p.path);
  EXPECT_THAT(lines, UnorderedElementsAre("line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9",
                                          "line 10", "line 11", "line 2"));
  const auto message = [&](const char* line) {
    for (const Problem& p : problems) {
      if (p.path == line) return p.message;
    }
    return std::string();
  };
  EXPECT_THAT(message("line 3"), HasSubstr("itemz"));
  EXPECT_THAT(message("line 4"), HasSubstr("大饭店"));
  EXPECT_THAT(message("line 5"), HasSubstr("is a bundle"));
  EXPECT_THAT(message("line 6"), HasSubstr("asks no questions"));
  EXPECT_THAT(message("line 7"), HasSubstr("given twice (first on line 2)"));
  EXPECT_THAT(message("line 9"), HasSubstr("over 1"));
  EXPECT_THAT(message("line 2"), HasSubstr("add up to 0.5, not 1"));
}

TEST(SituationVolumes, WeightTheIndicators) {
  auto volumes = load_volumes_csv(situations(), kSituationCases);
  ASSERT_TRUE(volumes.ok()) << volumes.status();
  auto e = evaluate_catalog(situations());
  ASSERT_TRUE(e.ok()) << e.status();
  auto weighted = indicators(situations(), *e, *volumes);
  ASSERT_TRUE(weighted.ok()) << weighted.status();
  // Only SC-02 has cases: 30 at its 股东 change's figures, 70 at its 名称 change's.
  const Notice shareholder = must(notice(situations(), "SC-02", {Answer{"items", std::vector<std::string>{"股东"}}}));
  const Notice name = must(notice(situations(), "SC-02", {Answer{"items", std::vector<std::string>{"名称"}}}));
  ASSERT_EQ(shareholder.trips.worst_case, 2);
  ASSERT_EQ(name.trips.worst_case, 1);
  EXPECT_TRUE(weighted->weighted);
  EXPECT_DOUBLE_EQ(weighted->volume, 100);
  EXPECT_DOUBLE_EQ(weighted->mean_worst_case, (30.0 * 2 + 70.0 * 1) / 100);
  EXPECT_DOUBLE_EQ(weighted->mean_trips, (30.0 * shareholder.trips.trips + 70.0 * name.trips.trips) / 100);
  // The same as shares of the matter's volume.
  Volumes shares =
      *load_volumes_csv(situations(), "matter,situation,share\nSC-02,items=股东,0.3\nSC-02,items=名称,0.7\n");
  ASSERT_TRUE(add_volumes(*load_volumes_csv(situations(), "id,volume\nSC-02,100\n"), shares).ok());
  auto by_share = indicators(situations(), *e, shares);
  ASSERT_TRUE(by_share.ok()) << by_share.status();
  EXPECT_DOUBLE_EQ(by_share->mean_worst_case, weighted->mean_worst_case);
  EXPECT_DOUBLE_EQ(by_share->share_at_most_one_trip, weighted->share_at_most_one_trip);
  // Shares without matter volumes: each matter weighs 1, split by its shares.
  Volumes alone =
      *load_volumes_csv(situations(), "matter,situation,share\nSC-02,items=股东,0.3\nSC-02,items=名称,0.7\n");
  auto unweighted = indicators(situations(), *e, alone);
  auto plain = indicators(situations(), *e);
  ASSERT_TRUE(unweighted.ok() && plain.ok());
  EXPECT_FALSE(unweighted->weighted);
  const double n = static_cast<double>(situations().matters().size());
  const int32_t default_worst = e->matter_worst_case[*situations().find_matter("SC-02")];
  EXPECT_NEAR(unweighted->mean_worst_case - plain->mean_worst_case, (0.3 * 2 + 0.7 * 1 - default_worst) / n, 1e-12);
}

TEST(SituationVolumes, WeightTheComparison) {
  const Catalog after = reformed(
      R"({"reform": "online_application", "online": "pre_review", "matter": "SC-02", "situation": "items has \"股东\""})");
  auto volumes = load_volumes_csv(situations(), kSituationCases);
  ASSERT_TRUE(volumes.ok());
  auto cmp = compare(situations(), after, *volumes);
  ASSERT_TRUE(cmp.ok()) << cmp.status();
  const MatterDelta& d = cmp->matters[*situations().find_matter("SC-02")];
  EXPECT_DOUBLE_EQ(d.volume, 100);
  // The 30 股东 cases save one trip in the worst case each; the 名称 cases nothing.
  EXPECT_DOUBLE_EQ(d.worst_case_saved, 30);
  EXPECT_DOUBLE_EQ(cmp->worst_case_saved, 30);
  EXPECT_DOUBLE_EQ(cmp->before.mean_worst_case - cmp->after.mean_worst_case, 0.3);
  // By matter volume alone the reform is invisible: the default situation did not change.
  auto plain = compare(situations(), after, *load_volumes_csv(situations(), "id,volume\nSC-02,100\n"));
  ASSERT_TRUE(plain.ok());
  EXPECT_DOUBLE_EQ(plain->worst_case_saved, 0);
}

TEST(SituationVolumes, AddedOnceOrRefusedUnchanged) {
  Volumes v = *load_volumes_csv(situations(), "id,volume\nSC-02,100\nSC-05,7\n");
  const Volumes before = v;
  // The situations add up to the matter's 100: the same cases, counted once.
  ASSERT_TRUE(add_volumes(*load_volumes_csv(situations(), kSituationCases), v).ok());
  EXPECT_EQ(v.matters.at("SC-02"), 100);
  EXPECT_EQ(v.situations.size(), 2u);
  // They disagree: refused, naming the matter, and nothing changes.
  Volumes w = before;
  const absl::Status disagree = add_volumes(
      *load_volumes_csv(situations(), "matter,situation,volume\nSC-02,items=股东,30\nSC-02,items=名称,50\n"), w);
  EXPECT_THAT(std::string(disagree.message()), HasSubstr("\"SC-02\" has 100 cases, but its situations add up to 80"));
  EXPECT_EQ(w.matters, before.matters);
  EXPECT_TRUE(w.situations.empty());
  // The same situation twice, and shares mixed with cases.
  EXPECT_FALSE(add_volumes(*load_volumes_csv(situations(), kSituationCases), v).ok());
  EXPECT_EQ(v.situations.size(), 2u);
  EXPECT_FALSE(
      add_volumes(*load_volumes_csv(situations(), "matter,situation,share\nSC-05,business=小作坊,1\n"), v).ok());
}

// Situation volumes made in code, not read from CSV: the matter's volume left
// out is the sum of its situations' cases (as the reader keeps it), in the
// indicators, both compare forms and add_volumes; a volume of its own that
// disagrees, a count that is not one and shares that do not add up to 1 are
// refused as the reader refuses them.
TEST(SituationVolumes, MadeInCodeWeighLikeTheReadOnes) {
  const Volumes read = *load_volumes_csv(situations(), kSituationCases);
  Volumes made;
  made.situations = read.situations;
  ASSERT_TRUE(made.matters.empty());
  auto e = evaluate_catalog(situations());
  ASSERT_TRUE(e.ok());
  const Indicators by_reader = must(indicators(situations(), *e, read));
  const Indicators by_code = must(indicators(situations(), *e, made));
  EXPECT_TRUE(by_code.weighted);
  EXPECT_DOUBLE_EQ(by_code.volume, 100);
  EXPECT_DOUBLE_EQ(by_code.mean_worst_case, by_reader.mean_worst_case);
  const Catalog after = reformed(
      R"({"reform": "online_application", "online": "pre_review", "matter": "SC-02", "situation": "items has \"股东\""})");
  const Comparison cmp = must(compare(situations(), after, made));
  EXPECT_DOUBLE_EQ(cmp.worst_case_saved, 30);
  EXPECT_DOUBLE_EQ(cmp.matters[*situations().find_matter("SC-02")].volume, 100);
  const std::vector<double> none(situations().matters().size(), 0.0);
  const Comparison indexed = must(compare(situations(), after, absl::MakeConstSpan(none), made));
  EXPECT_DOUBLE_EQ(indexed.worst_case_saved, 30);
  EXPECT_DOUBLE_EQ(indexed.before.volume, 100);
  Volumes more = *load_volumes_csv(situations(), "id,volume\nSC-02,100\n");
  ASSERT_TRUE(add_volumes(made, more).ok());  // was std::out_of_range from map::at
  EXPECT_EQ(more.matters.at("SC-02"), 100);

  Volumes disagreeing = made;
  disagreeing.matters["SC-02"] = 80;
  for (const absl::Status& s :
       {indicators(situations(), *e, disagreeing).status(), compare(situations(), after, disagreeing).status()}) {
    EXPECT_THAT(std::string(s.message()), HasSubstr("\"SC-02\" has 80 cases, but its situations add up to 100"));
  }
  std::vector<double> eighty = none;
  eighty[*situations().find_matter("SC-02")] = 80;
  EXPECT_THAT(std::string(compare(situations(), after, absl::MakeConstSpan(eighty), made).status().message()),
              HasSubstr("has 80 cases, but its situations add up to 100"));
  Volumes negative = made;
  negative.situations[0].volume = -1;
  EXPECT_THAT(std::string(compare(situations(), after, negative).status().message()),
              HasSubstr("situation volumes, line 2: matter \"SC-02\", situation \"items=股东\": -1 is not a number"));
  Volumes shares = made;
  shares.situation_shares = true;  // 30 and 70 are not shares
  EXPECT_THAT(std::string(indicators(situations(), *e, shares).status().message()), HasSubstr("is not a share"));
  shares.situations[0].volume = 0.3;
  shares.situations[1].volume = 0.6;
  EXPECT_THAT(std::string(indicators(situations(), *e, shares).status().message()),
              HasSubstr("the shares of matter \"SC-02\" add up to 0.9, not 1"));
}

// Absorbing the matter an eligibility rule sends its applicants to (SC-05's
// shops over 50 m² go to FL-01, 食品经营许可): the absorbing matter takes its
// place; absorbed into the rule's own matter, a problem naming both.
TEST(SituationAbsorb, InsteadFollowsTheAbsorbingMatter) {
  const Catalog after = reformed(R"({"reform": "absorb", "into": "SC-04", "matters": ["FL-01"]})");
  const Matter& sc05 = after.matters()[*after.find_matter("SC-05")];
  EXPECT_EQ(sc05.situations->eligibility[0].instead, "SC-04");
  const Notice n = must(notice(after, "SC-05", {Answer{"business", std::string("小餐饮店")}, Answer{"area", 60.0}}));
  ASSERT_EQ(n.refusals.size(), 1u);
  EXPECT_EQ(n.refusals[0].instead, "SC-04");
  std::vector<Problem> problems;
  auto scenario = load_scenario_json(
      R"({"schema": "onetrip-scenario/1", "reforms": [{"reform": "absorb", "into": "SC-05", "matters": ["FL-01"]}]})");
  ASSERT_TRUE(scenario.ok());
  auto refused = apply(situations(), *scenario, &problems);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$.reforms[0].into");
  EXPECT_THAT(problems[0].message, HasSubstr("\"SC-05\" sends its applicants to \"FL-01\" instead"));
}

// A bundle condition reading a question only a removed member asked: open-shop
// selects FL-01 by "sells_food and area > 50", area being SC-05's question.
// With SC-05 absorbed the bundle asks it itself, and the condition still works.
TEST(SituationAbsorb, BundleKeepsTheQuestionsItsConditionsRead) {
  const Catalog after = reformed(R"({"reform": "absorb", "into": "SC-04", "matters": ["SC-05"]})");
  const Bundle& shop = after.bundles()[*after.find_bundle("open-shop")];
  std::vector<std::string> asked;
  for (const Question& q : shop.situations->questions) asked.push_back(q.id);
  EXPECT_THAT(asked, ElementsAre("sells_food", "area"));
  ASSERT_EQ(shop.situations->members.size(), 1u);  // SC-05's own condition went with it
  const auto members = [&](double area) {
    std::vector<std::string> out;
    for (MatterIndex m : must(notice(after, "open-shop", {Answer{"sells_food", true}, Answer{"area", area}})).members) {
      out.push_back(after.matters()[m].code);
    }
    return out;
  };
  EXPECT_THAT(members(60), ElementsAre("SC-04", "FL-01"));
  EXPECT_THAT(members(40), ElementsAre("SC-04"));
  // A question a remaining member still asks is not copied.
  const Catalog without_licence = reformed(R"({"reform": "absorb", "into": "SC-04", "matters": ["FL-01"]})");
  const Bundle& other = without_licence.bundles()[*without_licence.find_bundle("open-shop")];
  ASSERT_EQ(other.situations->questions.size(), 1u);
  EXPECT_EQ(other.situations->questions[0].id, "sells_food");
}

// SC-02 of situations.json with other choices and variants, as JSON edits.
Catalog edited_sc02(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(read(source("tests/data/catalog/situations.json")));
  for (nlohmann::json& m : doc["matters"]) {
    if (m["code"] == "SC-02") edit(m);
  }
  auto c = Catalog::load_json(doc.dump());
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *std::move(c) : situations();
}

// More than 12 groups of choices told apart: too many subsets to try, so the
// loader cannot say a condition never holds, and the range is not exact but
// still tries each group.
TEST(SituationChoiceGroups, OverTwelveGroupsAreUndecidedNotNever) {
  std::vector<std::string> choices;
  for (int i = 1; i <= 14; ++i) choices.push_back(absl::StrCat("c", i));
  std::string all13;
  for (int i = 1; i <= 13; ++i) absl::StrAppend(&all13, i > 1 ? " and " : "", "items has \"c", i, "\"");
  // One condition naming 13 groups, holding only when all 13 are chosen.
  const Catalog c = edited_sc02([&](nlohmann::json& m) {
    m["questions"][0]["choices"] = choices;
    m["materials"][3]["when"] = "items has \"c1\"";
    m["variants"] = nlohmann::json::array({{{"when", all13}, {"online", "none"}}});
  });
  const auto worst = [&](std::vector<std::string> items) {
    return must(notice(c, "SC-02", {Answer{"items", std::move(items)}})).trips.worst_case;
  };
  std::vector<std::string> thirteen(choices.begin(), choices.begin() + 13);
  EXPECT_EQ(worst(thirteen), 2);  // the variant holds: not online
  EXPECT_EQ(worst({"c1"}), 1);
  auto range = situation_range(c, "SC-02");
  ASSERT_TRUE(range.ok()) << range.status();
  EXPECT_FALSE(range->exact);
  EXPECT_EQ(range->worst_worst_case, 2);  // "all groups" is tried
  // Thirteen variants of one group each: the thirteenth's limit is in the range.
  const Catalog many = edited_sc02([&](nlohmann::json& m) {
    m["questions"][0]["choices"] = choices;
    m["materials"][3]["when"] = "items has \"c1\"";
    nlohmann::json variants = nlohmann::json::array();
    for (int i = 1; i <= 13; ++i) {
      variants.push_back({{"when", absl::StrCat("items has \"c", i, "\"")}, {"note", absl::StrCat("c", i)}});
    }
    variants.back()["promise_day"] = 1;
    m["variants"] = variants;
  });
  auto wide = situation_range(many, "SC-02");
  ASSERT_TRUE(wide.ok()) << wide.status();
  EXPECT_FALSE(wide->exact);
  EXPECT_EQ(wide->best_workdays,
            must(notice(many, "SC-02", {Answer{"items", std::vector<std::string>{"c13"}}})).workdays);
  EXPECT_LT(wide->best_workdays, wide->worst_workdays);
}

// A promised_limit reform in a situation sets working days, as the reform of a
// whole matter does, whatever the matter's own unit (here months).
TEST(SituationReforms, PromisedLimitInASituationIsInWorkingDays) {
  const Catalog months = edited_sc02([](nlohmann::json& m) {
    m["promise_day"] = 1;
    m["promise_type"] = "months";
    m["anticipate_type"] = "months";
    m["anticipate_day"] = 2;
  });
  const auto apply_one = [&](const std::string& reform) {
    auto scenario = load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [)" + reform + "]}");
    EXPECT_TRUE(scenario.ok());
    auto after = apply(months, *scenario);
    EXPECT_TRUE(after.ok()) << after.status();
    return after.ok() ? *after : months;
  };
  const Catalog situational =
      apply_one(R"({"reform": "promised_limit", "days": 2, "matter": "SC-02", "situation": "items has \"名称\""})");
  const Catalog whole = apply_one(R"({"reform": "promised_limit", "days": 2, "matter": "SC-02"})");
  const auto days = [](const Catalog& c, const char* item) {
    return must(notice(c, "SC-02", {Answer{"items", std::vector<std::string>{item}}})).workdays;
  };
  EXPECT_EQ(days(situational, "名称"), days(whole, "名称"));
  EXPECT_EQ(days(situational, "住所"), days(months, "住所"));  // elsewhere the month stays
  EXPECT_GT(days(months, "名称"), days(whole, "名称"));
  // Saved and loaded, the variant keeps its unit.
  auto again = Catalog::load_json(situational.save_json());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(days(*again, "名称"), days(whole, "名称"));
}

}  // namespace
}  // namespace onetrip

namespace onetrip {
namespace {

// The range over situations is evaluated on the packed trip facts, with no
// notice built: on generated situational catalogues (matters with yes/no,
// choice and number questions, conditional materials, variants, eligibility
// rules; bundles of them with member conditions, at one window or several),
// it agrees with the notices of every combination of answers. The numbers
// are compared with 10, 20 and 30 only, so 5 … 35 in steps of 5 try every
// class of answers.
struct Generated {
  nlohmann::json doc;
  std::vector<std::string> owners;                            // matter codes and bundle ids
  std::map<std::string, std::vector<nlohmann::json>> values;  // question id: the answers to try
};

Generated generate_situations(uint32_t seed) {
  using nlohmann::json;
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  Generated g;
  json materials = json::array(), matters = json::array();
  for (int i = 0; i < 6; ++i) {
    materials.push_back({{"id", absl::StrCat("m", i)},
                         {"name", absl::StrCat("材料", i)},
                         {"original", i % 2 == 0},
                         {"source", i == 4 ? "government" : "applicant"},
                         {"shared", i == 4}});
  }
  const std::vector<std::string> choices = {"甲", "乙", "丙"};
  for (int k = 0; k < 4; ++k) {
    const std::string code = absl::StrCat("M", k);
    json questions = json::array();
    std::vector<std::string> tests;  // atoms over this matter's questions
    const int nq = 1 + pick(3);
    for (int q = 0; q < nq; ++q) {
      const std::string id = absl::StrCat(code, "_q", q);
      switch (pick(3)) {
        case 0:
          questions.push_back({{"id", id}, {"text", "是否？"}, {"type", "yes_no"}});
          tests.push_back(id);
          tests.push_back("not " + id);
          g.values[id] = {true, false};
          break;
        case 1:
          questions.push_back({{"id", id}, {"text", "哪一类？"}, {"type", "choice"}, {"choices", choices}});
          tests.push_back(absl::StrCat(id, " == \"", choices[pick(3)], "\""));
          tests.push_back(absl::StrCat(id, " in [\"甲\", \"丙\"]"));
          g.values[id] = {"甲", "乙", "丙"};
          break;
        default:
          questions.push_back({{"id", id}, {"text", "多少？"}, {"type", "number"}, {"unit", "人"}});
          tests.push_back(absl::StrCat(id, " > ", 10 * (1 + pick(3))));
          tests.push_back(absl::StrCat(id, " <= ", 10 * (1 + pick(3))));
          g.values[id] = {5, 10, 15, 20, 25, 30, 35};
          break;
      }
    }
    // One test, or two on different questions joined (never a contradiction the loader refuses).
    const auto condition = [&] {
      const size_t a = static_cast<size_t>(pick(static_cast<int>(tests.size())));
      std::string c = tests[a];
      if (nq > 1 && pick(2)) {
        size_t b = static_cast<size_t>(pick(static_cast<int>(tests.size())));
        if (b / 2 == a / 2) b = (b + 2) % tests.size();
        absl::StrAppend(&c, pick(2) ? " and " : " or ", tests[b]);
      }
      return c;
    };
    json uses = json::array();
    for (int i = 0; i < 6; ++i) {
      if (pick(3) == 0) continue;
      if (pick(2)) {
        uses.push_back({{"material", absl::StrCat("m", i)}, {"when", condition()}});
      } else {
        uses.push_back(absl::StrCat("m", i));
      }
    }
    const bool immediate = pick(4) == 0;
    json variants = json::array();
    for (int v = pick(3); v > 0; --v) {
      json variant = {{"when", condition()}};
      switch (pick(immediate ? 3 : 6)) {
        case 0:
          variant["online"] = pick(2) ? "full" : "none";
          break;
        case 1:
          variant["is_express"] = pick(2) == 0;
          break;
        case 2:
          variant["is_postal"] = true;
          break;
        case 3:
          variant["fee"] = pick(2) * 100;
          break;
        case 4:
          variant["personal_presence"] = pick(2) ? "本人到场" : "";
          break;
        default:
          variant["promise_day"] = 1 + pick(15);
          break;
      }
      variants.push_back(variant);
    }
    json eligibility = json::array();
    if (pick(2)) eligibility.push_back({{"when", condition()}, {"reason", "不予办理"}});
    json m = {{"code", code},
              {"name", absl::StrCat("事项", k)},
              {"department", absl::StrCat("d", k % 2)},
              {"kind", "行政许可"},
              {"project_type", immediate ? "immediate" : "promised"},
              {"materials", uses},
              {"online", std::vector<std::string>{"none", "pre_review", "full"}[static_cast<size_t>(pick(3))]},
              {"is_express", pick(2) == 0},
              {"fee", pick(3) == 0 ? 50 : 0},
              {"questions", questions},
              {"variants", variants},
              {"eligibility", eligibility}};
    if (!immediate) m["promise_day"] = 5 + pick(10);
    matters.push_back(m);
    g.owners.push_back(code);
  }
  json bundles = json::array();
  for (int b = 0; b < 2; ++b) {
    const int first = 2 * b;
    json members = json::array({absl::StrCat("M", first)});
    const std::string second = absl::StrCat("M", first + 1);
    // The second member only in some situations, by the first member's first question.
    const std::string q = absl::StrCat("M", first, "_q0");
    const std::string type = matters[static_cast<size_t>(first)]["questions"][0]["type"];
    const std::string when = type == "yes_no" ? q : type == "choice" ? q + " != \"乙\"" : q + " > 20";
    members.push_back(json{{"matter", second}, {"when", when}});
    json bundle = {{"id", absl::StrCat("B", b)},
                   {"name", absl::StrCat("一件事", b)},
                   {"lead", "d0"},
                   {"members", members},
                   {"acceptance", b == 0 ? "single_window" : "separate"},
                   {"results", b == 0 ? "together" : "each"}};
    if (pick(2))
      bundle["edges"] = json::array({{{"from", absl::StrCat("M", first)}, {"to", second}, {"kind", "applicant"}}});
    bundles.push_back(bundle);
    g.owners.push_back(absl::StrCat("B", b));
  }
  g.doc = {
      {"schema", "onetrip/1"},
      {"halls", {{{"id", "h"}, {"name", "中心"}}}},
      {"departments",
       {{{"id", "d0"}, {"name", "窗口甲"}, {"halls", {"h"}}}, {{"id", "d1"}, {"name", "窗口乙"}, {"halls", {"h"}}}}},
      {"materials", materials},
      {"matters", matters},
      {"bundles", bundles}};
  return g;
}

AnswerValue answer_value(const nlohmann::json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>();
  return v.get<std::string>();
}

TEST(SituationRange, AgreesWithTheNoticesOfEveryCombination) {
  int compared = 0;
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    const Generated g = generate_situations(seed);
    auto c = Catalog::load_json(g.doc.dump());
    ASSERT_TRUE(c.ok()) << "seed " << seed << ": " << c.status();
    for (const std::string& owner : g.owners) {
      SCOPED_TRACE(absl::StrCat("seed ", seed, ", ", owner));
      auto range = situation_range(*c, owner);
      ASSERT_TRUE(range.ok()) << range.status();
      auto asked = questions_of(*c, owner);
      ASSERT_TRUE(asked.ok());
      // Every combination of the answers to try, by the notice.
      std::vector<size_t> pick(asked->size(), 0);
      int eligible = 0;
      int best_trips = INT32_MAX, worst_trips = INT32_MIN, best_worst = INT32_MAX, worst_worst = INT32_MIN;
      int best_days = INT32_MAX, worst_days = INT32_MIN;
      while (true) {
        std::vector<Answer> answers;
        for (size_t q = 0; q < asked->size(); ++q) {
          answers.push_back({(*asked)[q].id, answer_value(g.values.at((*asked)[q].id)[pick[q]])});
        }
        const Notice n = must(notice(*c, owner, answers));
        EXPECT_NE(n.eligibility, Eligibility::kUndetermined);  // every question answered
        if (n.eligibility == Eligibility::kEligible) {
          ++eligible;
          best_trips = std::min(best_trips, n.trips.trips);
          worst_trips = std::max(worst_trips, n.trips.trips);
          best_worst = std::min(best_worst, n.trips.worst_case);
          worst_worst = std::max(worst_worst, n.trips.worst_case);
          best_days = std::min(best_days, n.workdays);
          worst_days = std::max(worst_days, n.workdays);
        }
        size_t q = 0;
        for (; q < pick.size(); ++q) {
          if (++pick[q] < g.values.at((*asked)[q].id).size()) break;
          pick[q] = 0;
        }
        if (q == pick.size()) break;
      }
      EXPECT_TRUE(range->exact);
      EXPECT_EQ(range->eligible_situations > 0, eligible > 0);
      if (eligible == 0) continue;
      ++compared;
      EXPECT_EQ(range->best_trips, best_trips);
      EXPECT_EQ(range->worst_trips, worst_trips);
      EXPECT_EQ(range->best_worst_case, best_worst);
      EXPECT_EQ(range->worst_worst_case, worst_worst);
      EXPECT_EQ(range->best_workdays, best_days);
      EXPECT_EQ(range->worst_workdays, worst_days);
    }
  }
  EXPECT_GT(compared, 150);  // most generated owners have an eligible situation
}

// A matter's range is evaluated on a plan of its conditions; the general path
// (the one bundles take) must give the same range, field for field, and a
// matter whose combinations exceed the bound falls back to it unchanged.
TEST(SituationRange, PlannedMatterAgreesWithTheGeneralPath) {
  int planned = 0, fell_back = 0;
  const auto check = [&](const Catalog& c) {
    for (size_t i = 0; i < c.matters().size(); ++i) {
      if (!c.matters()[i].situations) continue;
      const MatterIndex mi = static_cast<MatterIndex>(i);
      SCOPED_TRACE(c.matters()[i].code);
      const SituationRange fast = must(situation_range(c, c.matters()[i].code));
      const SituationRange general = must(internal::general_situation_range(c, mi));
      EXPECT_EQ(fast.fields(), general.fields());
      EXPECT_EQ(must(internal::matter_situation_range(c, mi)).fields(), general.fields());
      ++planned;
      if (fast.situations < 2) continue;
      SituationRangeOptions below;
      below.max_situations = fast.situations - 1;  // the plan declines: the general path's bounded enumeration
      const SituationRange bounded = must(situation_range(c, c.matters()[i].code, below));
      EXPECT_EQ(bounded.fields(), must(internal::general_situation_range(c, mi, below)).fields());
      EXPECT_FALSE(bounded.exact);
      ++fell_back;
    }
  };
  check(situations());
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    auto c = Catalog::load_json(generate_situations(seed).doc.dump());
    ASSERT_TRUE(c.ok()) << c.status();
    check(*c);
  }
  EXPECT_GT(planned, 150);
  EXPECT_GT(fell_back, 100);
}

}  // namespace
}  // namespace onetrip

namespace onetrip {
namespace {

Date july(int day) { return Date(2017, 7, day); }

// The roadmap takes situation volumes: "allow 股东变更 online" from 2017-07-12
// saves the 股东 cases their second worst-case trip (the 名称 cases nothing),
// weighted by the share of July's 21 working days it is in force (14 from the 12th).
TEST(SituationVolumes, WeightTheRoadmap) {
  auto scenario = load_scenario_json(
      R"({"schema": "onetrip-scenario/1", "reforms": [{"reform": "online_application", "online": "pre_review",
          "matter": "SC-02", "situation": "items has \"股东\"", "effective_from": "2017-07-12"}]})");
  ASSERT_TRUE(scenario.ok()) << scenario.status();
  const RoadmapOptions months{july(1), Date(2017, 8, 1)};
  MonthlyVolumes cases;
  const Volumes given = *load_volumes_csv(situations(), kSituationCases);  // 30 股东, 70 名称 cases
  cases.situations = given.situations;
  auto r = roadmap(situations(), *scenario, Calendar::china(), months, cases);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->months.size(), 2u);
  EXPECT_EQ(r->months[0].workdays, 21);
  EXPECT_DOUBLE_EQ(r->months[0].reforms[0].share_in_force, 14.0 / 21);
  EXPECT_DOUBLE_EQ(r->months[0].worst_case_saved, 30 * 14.0 / 21);
  EXPECT_DOUBLE_EQ(r->months[1].worst_case_saved, 30);
  EXPECT_DOUBLE_EQ(r->months[1].trips_saved, 0);  // one trip either way
  // Cases are volumes: the month's are the matter's 100, nothing else weighs.
  EXPECT_TRUE(r->months[1].volume_weighted);
  EXPECT_DOUBLE_EQ(r->months[1].volume, 100);
  EXPECT_DOUBLE_EQ(r->before.mean_worst_case, (30.0 * 2 + 70.0 * 1) / 100);
  EXPECT_DOUBLE_EQ(r->months[1].indicators.mean_worst_case, 1);
  // The plain way (each month's catalogue applied anew, each situation's notice) agrees.
  auto plain = roadmap_by_reapplying(situations(), *scenario, Calendar::china(), months, cases);
  ASSERT_TRUE(plain.ok()) << plain.status();
  for (size_t m = 0; m < 2; ++m) {
    EXPECT_DOUBLE_EQ(plain->months[m].worst_case_saved, r->months[m].worst_case_saved);
    EXPECT_DOUBLE_EQ(plain->months[m].volume, r->months[m].volume);
    EXPECT_DOUBLE_EQ(plain->months[m].indicators.mean_worst_case, r->months[m].indicators.mean_worst_case);
  }

  // As shares of each month's cases of the matter: 300 in August, so 90 股东 cases.
  MonthlyVolumes shares = *load_monthly_volumes_csv(situations(), "month,id,volume\n2017-08,SC-02,300\n");
  const Volumes split =
      *load_volumes_csv(situations(), "matter,situation,share\nSC-02,items=股东,0.3\nSC-02,items=名称,0.7\n");
  shares.situations = split.situations;
  shares.situation_shares = true;
  auto by_share = roadmap(situations(), *scenario, Calendar::china(), months, shares);
  ASSERT_TRUE(by_share.ok()) << by_share.status();
  EXPECT_DOUBLE_EQ(by_share->months[0].worst_case_saved, 0);  // no volumes for July: no cases
  EXPECT_DOUBLE_EQ(by_share->months[1].worst_case_saved, 90);

  // By matter volume alone the reform is invisible: the default situation did not change.
  auto alone = roadmap(situations(), *scenario, Calendar::china(), months,
                       *load_monthly_volumes_csv(situations(), "month,id,volume\n2017-08,SC-02,300\n"));
  ASSERT_TRUE(alone.ok());
  EXPECT_DOUBLE_EQ(alone->months[1].worst_case_saved, 0);

  // Cases per situation are the matter's cases every month: a month's own volume for it is a problem.
  MonthlyVolumes both = *load_monthly_volumes_csv(situations(), "month,id,volume\n2017-08,SC-02,300\n");
  both.situations = given.situations;
  std::vector<Problem> problems;
  auto refused = roadmap(situations(), *scenario, Calendar::china(), months, both, &problems);
  EXPECT_FALSE(refused.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("SC-02"));
  EXPECT_THAT(problems[0].message, HasSubstr("shares"));
}

}  // namespace
}  // namespace onetrip
