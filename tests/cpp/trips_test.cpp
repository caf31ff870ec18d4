// Trips and time, worked out by hand: the bulletin's scenarios on the Yuyao
// catalogue, and each rule on a small made-up catalogue where exactly that
// rule decides the count.
#include "onetrip/trips.hpp"

#include <limits>
#include <set>
#include <string>
#include <tuple>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/audit.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/schedule.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Catalog yuyao() {
  auto c = Catalog::load_file(std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/catalog.json");
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

MatterIndex matter(const Catalog& c, const char* code) { return *c.find_matter(code); }
BundleIndex bundle(const Catalog& c, const char* id) { return *c.find_bundle(id); }
Date D(int y, int m, int d) { return Date(y, m, d); }

// A catalogue of two halls, two departments and the given matters (JSON
// objects without department/kind boilerplate) and bundles.
Catalog small(const std::string& matters, const std::string& bundles = "[]") {
  const std::string text = R"({"schema": "onetrip/1",
    "halls": [{"id": "main", "name": "中心"}, {"id": "town", "name": "镇便民服务中心", "kind": "township"}],
    "departments": [{"id": "a", "name": "甲局", "halls": ["main"]}, {"id": "b", "name": "乙局", "halls": ["main", "town"]}],
    "materials": [
      {"id": "form", "name": "申请表", "form": "either"},
      {"id": "contract", "name": "合同原件", "original": true},
      {"id": "licence", "name": "营业执照", "original": true, "source": "government"},
      {"id": "shared-licence", "name": "不动产权证", "original": true, "source": "government", "shared": true},
      {"id": "scan", "name": "图纸", "original": true, "form": "electronic"},
      {"id": "consent", "name": "同意书", "original": true, "condition": "转租时", "default": false}],
    "matters": )" + matters +
                           R"(, "bundles": )" + bundles + "}";
  auto c = Catalog::load_json(text);
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

std::string m(const std::string& code, const std::string& fields) {
  return R"({"code": ")" + code + R"(", "name": ")" + code + R"(", "department": "a", "kind": "行政许可", )" + fields +
         "}";
}

// One bundle "chain" of n promised matters of two working days, M0 → M1 → …,
// joined by edges with these fields (kind, days).
Catalog chain(int n, const std::string& edge_fields) {
  std::string matters = "[", members = "[", edges = "[";
  for (int i = 0; i < n; ++i) {
    const std::string code = "M" + std::to_string(i);
    matters += (i ? "," : "") + m(code, R"("project_type": "promised", "promise_day": 2, "materials": ["form"])");
    members += (i ? ",\"" : "\"") + code + "\"";
    if (i > 0) {
      edges += (i > 1 ? "," : "") + std::string(R"({"from": "M)") + std::to_string(i - 1) + R"(", "to": ")" + code +
               "\", " + edge_fields + "}";
    }
  }
  return small(matters + "]", R"([{"id": "chain", "name": "chain", "lead": "a", "members": )" + members +
                                  R"(], "edges": )" + edges + "]}]");
}

TripCounts counts(const Catalog& c, const char* code) { return count_trips(c, matter(c, code)); }

// ---- the rules, one at a time ------------------------------------------

TEST(TripRules, InPersonSubmitAndCollectAreTwoTrips) {
  const Catalog c = small("[" + m("X", R"("project_type": "promised", "promise_day": 5, "materials": ["form"])") + "]");
  const TripResult r = evaluate_trips(c, 0);
  EXPECT_EQ(r.trips, 2);
  ASSERT_EQ(r.trip_list.size(), 2u);
  EXPECT_EQ(r.trip_list[0].moment, 0);
  EXPECT_EQ(r.trip_list[0].needs[0].kind, NeedKind::kSubmit);
  EXPECT_EQ(r.trip_list[0].needs[0].because, Because::kNoRemoteApplication);
  EXPECT_EQ(r.trip_list[1].moment, 5);
  EXPECT_EQ(r.trip_list[1].needs[0].kind, NeedKind::kCollect);
  EXPECT_EQ(r.worst_case, 3);  // no tolerant acceptance, no pre-review
}

TEST(TripRules, ExpressDeliveryOrElectronicLicenceRemovesTheCollection) {
  const Catalog c = small("[" + m("E", R"("project_type": "promised", "promise_day": 5, "is_express": true)") + "," +
                          m("L", R"("project_type": "promised", "promise_day": 5, "electronic_licence": true)") + "]");
  EXPECT_EQ(counts(c, "E").trips, 1);
  EXPECT_EQ(counts(c, "L").trips, 1);
}

TEST(TripRules, FullyOnlineWithDeliveryIsZeroUnlessAPaperOriginalMustBeShown) {
  const Catalog c =
      small("[" + m("OK", R"("project_type": "promised", "promise_day": 5, "online": "full", "is_express": true,
                      "materials": ["form", "scan", "shared-licence"])") +
            "," + m("PAPER", R"("project_type": "promised", "promise_day": 5, "online": "full", "is_express": true,
                         "materials": ["form", "contract"])") +
            "," + m("GOV", R"("project_type": "promised", "promise_day": 5, "online": "full", "is_express": true,
                       "materials": ["licence"])") +
            "]");
  EXPECT_EQ(counts(c, "OK").trips, 0);  // electronic original, shared government original
  const TripResult paper = evaluate_trips(c, matter(c, "PAPER"));
  ASSERT_EQ(paper.trips, 1);
  EXPECT_EQ(paper.trip_list[0].needs[0].because, Because::kOriginalToShow);
  EXPECT_EQ(c.materials()[*paper.trip_list[0].needs[0].material].id, "contract");
  EXPECT_THAT(describe(c, paper.trip_list[0].needs[0]), HasSubstr("合同原件"));
  // A government original that is not (yet) shared still has to be shown.
  EXPECT_EQ(counts(c, "GOV").trips, 1);
}

TEST(TripRules, ConditionalMaterialsFollowTheOptions) {
  const Catalog c = small("[" + m("C", R"("project_type": "promised", "promise_day": 5, "online": "full",
                                           "is_express": true, "materials": ["form", "consent"])") +
                          "]");
  EXPECT_EQ(count_trips(c, 0).trips, 0);  // the consent does not apply by default
  TripOptions subletting;
  subletting.materials_present = {*c.find_material("consent")};
  EXPECT_EQ(count_trips(c, 0, subletting).trips, 1);
  EXPECT_EQ(matter_materials(c, 0).after_merging, 1);
  EXPECT_EQ(matter_materials(c, 0, subletting).after_merging, 2);
}

TEST(TripRules, PreReviewStillHandsInPapersButFindsGapsEarly) {
  const Catalog c = small("[" + m("P", R"("project_type": "promised", "promise_day": 5, "online": "pre_review",
                                           "is_express": true, "materials": ["form"])") +
                          "]");
  const TripResult r = evaluate_trips(c, 0);
  EXPECT_EQ(r.trips, 1);
  EXPECT_EQ(r.trip_list[0].needs[0].because, Because::kPreReviewOnly);
  EXPECT_EQ(r.worst_case, 1);
}

TEST(TripRules, PostalApplicationBothWaysIsZero) {
  const Catalog c = small("[" + m("POST", R"("project_type": "immediate", "is_postal": true, "is_express": true,
                                              "materials": ["contract"])") +
                          "]");
  EXPECT_EQ(counts(c, "POST").trips, 0);
}

TEST(TripRules, StatutoryPresenceOverridesEveryChannel) {
  const Catalog c = small("[" + m("S", R"("project_type": "promised", "promise_day": 5, "online": "full",
      "is_postal": true, "is_express": true, "personal_presence": "采集指纹")") +
                          "]");
  const TripResult r = evaluate_trips(c, 0);
  EXPECT_EQ(r.trips, 1);
  EXPECT_EQ(r.trip_list[0].needs[0].because, Because::kStatutoryPresence);
  EXPECT_THAT(describe(c, r.trip_list[0].needs[0]), HasSubstr("采集指纹"));
}

TEST(TripRules, ImmediateMatterHandsTheResultOverInTheSameVisit) {
  const Catalog c = small("[" + m("I", R"("project_type": "immediate", "materials": ["form"])") + "," +
                          m("IO", R"("project_type": "immediate", "online": "full")") + "]");
  const TripResult r = evaluate_trips(c, matter(c, "I"));
  EXPECT_EQ(r.trips, 1);
  ASSERT_EQ(r.trip_list[0].needs.size(), 1u);  // no separate collection
  // Applied online, an immediate result still has to be fetched unless sent.
  const TripResult online = evaluate_trips(c, matter(c, "IO"));
  EXPECT_EQ(online.trips, 1);
  EXPECT_EQ(online.trip_list[0].needs[0].kind, NeedKind::kCollect);
}

// A fee without online payment is paid at a window. A fixed charge is known
// when applying: it is paid in the submission visit, else at the collection,
// else on a visit of its own when applying. An assessed fee is set by the
// decision: paid at the collection, else on a visit of its own once decided.
// (Until this rule every fee was paid "at the collection": a delivered result
// with a fixed fee made a trip of its own at the end.)
TEST(TripRules, AFeeIsPaidWhenItIsKnown) {
  const auto fee = [](const std::string& code, const std::string& fields) {
    return m(code, R"("project_type": "promised", "promise_day": 5, "fee": "12.50", )" + fields);
  };
  const Catalog c =
      small("[" + fee("InPersonExpress", R"("materials": ["contract"], "is_express": true)") + "," +
            fee("InPersonExpressAssessed", R"("materials": ["contract"], "is_express": true, "fee_kind": "assessed")") +
            "," + fee("InPersonCollected", R"("materials": ["contract"])") + "," +
            fee("OnlineExpress", R"("online": "full", "is_express": true)") + "," +
            fee("OnlineExpressAssessed", R"("online": "full", "is_express": true, "fee_kind": "assessed")") + "," +
            fee("OnlineCollected", R"("online": "full")") + "," +
            fee("PaidOnline", R"("online": "full", "is_express": true, "online_payment": true)") + "," +
            m("Immediate", R"("project_type": "immediate", "fee": 10, "fee_kind": "assessed")") + "]");
  const auto pay_moment = [&](const char* code) {
    for (const Trip& t : evaluate_trips(c, matter(c, code)).trip_list) {
      for (const Need& n : t.needs) {
        if (n.kind == NeedKind::kPay) return t.moment;
      }
    }
    return -1;
  };
  // The passport with EMS delivery and online payment off: one visit, paying when applying.
  EXPECT_EQ(counts(c, "InPersonExpress").trips, 1);
  EXPECT_EQ(pay_moment("InPersonExpress"), 0);
  EXPECT_EQ(counts(c, "InPersonExpressAssessed").trips, 2);  // back on day 5 to pay what the decision set
  EXPECT_EQ(pay_moment("InPersonExpressAssessed"), 5);
  EXPECT_EQ(counts(c, "InPersonCollected").trips, 2);  // paid on day 0, collected on day 5
  EXPECT_EQ(pay_moment("InPersonCollected"), 0);
  EXPECT_EQ(counts(c, "OnlineExpress").trips, 1);  // a visit only to pay, when applying
  EXPECT_EQ(pay_moment("OnlineExpress"), 0);
  EXPECT_EQ(counts(c, "OnlineExpressAssessed").trips, 1);
  EXPECT_EQ(pay_moment("OnlineExpressAssessed"), 5);
  EXPECT_EQ(counts(c, "OnlineCollected").trips, 1);  // paid at the collection
  EXPECT_EQ(pay_moment("OnlineCollected"), 5);
  EXPECT_EQ(counts(c, "PaidOnline").trips, 0);
  EXPECT_EQ(counts(c, "Immediate").trips, 1);  // decided on the spot: paid in the same visit
}

TEST(TripRules, TolerantAcceptanceSparesTheWorstCase) {
  const Catalog c = small("[" + m("T", R"("project_type": "promised", "promise_day": 5, "tolerant_acceptance": true,
                                           "is_express": true, "materials": ["form"])") +
                          "]");
  const TripResult r = evaluate_trips(c, 0);
  EXPECT_EQ(r.trips, 1);
  EXPECT_EQ(r.worst_case, 1);
  EXPECT_FALSE(r.worst_case_matter);
}

const char* kTwoMembers = R"([
  {"code": "A", "name": "A", "department": "a", "kind": "行政许可", "project_type": "promised", "promise_day": 5, "materials": ["form", "contract"]},
  {"code": "B", "name": "B", "department": "b", "kind": "行政许可", "project_type": "promised", "promise_day": 3, "materials": ["form", "licence"]}])";

Catalog two_members(const std::string& bundle_fields) {
  return small(kTwoMembers, R"([{"id": "AB", "name": "AB", "lead": "a", "members": ["A", "B"])" + bundle_fields + "}]");
}

TEST(BundleRules, SeparateParallelMembersShareTheirTrips) {
  const Catalog c = two_members("");
  const TripResult r = evaluate_bundle_trips(c, 0);
  // Day 0: both submissions at the main hall (one trip, two windows);
  // collections on day 5 and day 3: two more trips.
  EXPECT_EQ(r.trips, 3);
  EXPECT_EQ(r.trip_list[0].window_contacts, 2);
  EXPECT_EQ(r.window_contacts, 4);
}

TEST(BundleRules, ApplicantEdgeMakesTheSecondSubmissionWaitForTheFirstResult) {
  const Catalog c = two_members(R"(, "edges": [{"from": "A", "to": "B", "kind": "applicant"}])");
  const TripResult r = evaluate_bundle_trips(c, 0);
  // Day 0 submit A; day 5 collect A and submit B (same hall, same moment: one trip); day 8 collect B.
  ASSERT_EQ(r.trips, 3);
  EXPECT_EQ(r.trip_list[1].moment, 5);
  EXPECT_EQ(r.trip_list[1].needs.size(), 2u);
  EXPECT_EQ(r.trip_list[2].moment, 8);
  // With an applicant delay of 2 days the collection and the submission part.
  const Catalog late = two_members(R"(, "edges": [{"from": "A", "to": "B", "kind": "applicant", "days": 2}])");
  EXPECT_EQ(count_bundle_trips(late, 0).trips, 4);
}

// 内部流转 whatever the acceptance: the administration passes A's result to
// B, so B's application is made with A's on day 0 and B starts without the
// applicant; A's result reaches the applicant with B's. (Until this rule an
// internal edge between separate windows cost the same 3 trips as an
// applicant edge.)
TEST(BundleRules, AnInternalEdgeNeedsNoApplicantBetweenSeparateWindows) {
  const Catalog c = two_members(R"(, "edges": [{"from": "A", "to": "B", "kind": "internal", "days": 1}])");
  const TripResult r = evaluate_bundle_trips(c, 0);
  ASSERT_EQ(r.trips, 2);
  EXPECT_EQ(r.trip_list[0].moment, 0);  // both applications
  EXPECT_EQ(r.trip_list[0].needs.size(), 2u);
  EXPECT_EQ(r.trip_list[1].moment, 5 + 1 + 3);  // both results, at B's end
  EXPECT_EQ(r.trip_list[1].needs.size(), 2u);
  for (const Need& need : r.trip_list[1].needs) EXPECT_EQ(need.kind, NeedKind::kCollect);
  EXPECT_EQ(count_bundle_trips(c, 0).workdays, 9);  // the transfer time still counts
  // An applicant edge after the internal one: C waits for B's result in the applicant's hands.
  const Catalog three =
      small(std::string(kTwoMembers).substr(0, std::string(kTwoMembers).size() - 1) + "," +
                m("C", R"("project_type": "promised", "promise_day": 2, "materials": ["form"])") + "]",
            R"([{"id": "ABC", "name": "ABC", "lead": "a", "members": ["A", "B", "C"], "edges": [
                 {"from": "A", "to": "B", "kind": "internal"}, {"from": "B", "to": "C", "kind": "applicant"}]}])");
  const TripResult chain = evaluate_bundle_trips(three, 0);
  // Day 0 apply for A and B; day 8 collect A and B, apply for C; day 10 collect C.
  ASSERT_EQ(chain.trips, 3);
  EXPECT_EQ(chain.trip_list[1].moment, 8);
  EXPECT_EQ(chain.trip_list[1].needs.size(), 3u);
  EXPECT_EQ(chain.trip_list[2].moment, 10);
}

TEST(BundleRules, SingleWindowWithResultsTogetherIsTwoTripsAtTheLeadWindow) {
  const Catalog c = two_members(R"(, "acceptance": "single_window", "results": "together")");
  const TripResult r = evaluate_bundle_trips(c, 0);
  ASSERT_EQ(r.trips, 2);
  EXPECT_EQ(r.window_contacts, 2);  // only the lead's window
  EXPECT_EQ(r.trip_list[1].moment, 5);
  for (const Trip& t : r.trip_list) {
    for (const Need& need : t.needs) EXPECT_EQ(c.departments()[need.window].id, "a");
  }
}

TEST(BundleRules, SingleWindowApplicantEdgeMeansCarryingTheResultInternalDoesNot) {
  const Catalog carry = two_members(
      R"(, "acceptance": "single_window", "results": "together", "edges": [{"from": "A", "to": "B", "kind": "applicant"}])");
  const TripResult r = evaluate_bundle_trips(carry, 0);
  EXPECT_EQ(r.trips, 3);  // submit, carry A's result on day 5, collect on day 8
  EXPECT_TRUE(r.because_mask & (1u << static_cast<int>(Because::kResultToCarry)));
  const Catalog internal = two_members(
      R"(, "acceptance": "single_window", "results": "together", "edges": [{"from": "A", "to": "B", "kind": "internal"}])");
  EXPECT_EQ(count_bundle_trips(internal, 0).trips, 2);
}

TEST(BundleRules, DifferentHallsAreDifferentTrips) {
  const Catalog c = small(R"([
    {"code": "A", "name": "A", "department": "a", "kind": "行政许可", "project_type": "immediate"},
    {"code": "B", "name": "B", "department": "b", "kind": "行政许可", "project_type": "immediate", "halls": ["town"]}])",
                          R"([{"id": "AB", "name": "AB", "lead": "a", "members": ["A", "B"]}])");
  EXPECT_EQ(count_bundle_trips(c, 0).trips, 2);
}

// ---- the bulletin's scenarios on the Yuyao catalogue -------------------

TEST(Yuyao, RoadExcavationJointApprovalIsOneWindowTwice) {
  const Catalog before = yuyao();
  // The catalogue keeps the edge as it was before the reform: the applicant carried 住建's permit to 公安.
  EXPECT_EQ(evaluate_bundle_trips(before, bundle(before, "road-excavation")).trips, 3);
  // "涉及公安部门部分由住建局转交": the edge becomes internal (roadmap-2017.json).
  Reform transfer;
  transfer.kind = ReformKind::kInternalEdge;
  transfer.target.bundle = "road-excavation";
  transfer.from = "330281-ZJ-01";
  transfer.to = "330281-GA-01";
  const Catalog c = *apply(before, Scenario{"", {transfer}});
  const TripResult r = evaluate_bundle_trips(c, bundle(c, "road-excavation"));
  // 一窗受理: both applications at the 住建 window; 审批结束到发证窗口取件: one collection.
  EXPECT_EQ(r.trips, 2);
  EXPECT_EQ(r.window_contacts, 2);
  // Separately, each of the two matters is two trips of its own.
  EXPECT_EQ(counts(c, "330281-ZJ-01").trips + counts(c, "330281-GA-01").trips, 4);
}

TEST(Yuyao, WaterProjectIsOneTripWithOneSetOfMaterials) {
  const Catalog c = yuyao();
  EXPECT_EQ(count_bundle_trips(c, bundle(c, "shuili-project")).trips, 1);
  const BundleMaterials materials = bundle_materials(c, bundle(c, "shuili-project"));
  EXPECT_EQ(materials.before_merging, 10);  // two sets of five
  EXPECT_EQ(materials.after_merging, 6);    // four shared, one of each own
  // Accepted at separate windows (the bulletin's "原先需要准备两份的申报材料"), each window keeps its set.
  Reform separate;
  separate.kind = ReformKind::kSingleWindow;
  separate.target.bundle = "shuili-project";
  separate.enable = false;
  const Catalog before = *apply(c, Scenario{"", {separate}});
  const BundleMaterials two_sets = bundle_materials(before, bundle(before, "shuili-project"));
  EXPECT_EQ(two_sets.before_merging, 10);
  EXPECT_EQ(two_sets.after_merging, 10);
  EXPECT_EQ(two_sets.prepared.size(), 10u);
}

TEST(Yuyao, HazardousChemicalsReviewsAreZeroTripsAndSerial) {
  const Catalog c = yuyao();
  EXPECT_EQ(count_bundle_trips(c, bundle(c, "anjian-hazchem")).trips, 0);
  const BundleSchedule s = schedule_bundle(c, bundle(c, "anjian-hazchem"));
  // Each review: 20 working days, then 10 of 专家评审 that 第四十五条 does not count; the
  // second starts when the first's 意见书 is in the applicant's hands.
  EXPECT_EQ(s.workdays, 60);
  EXPECT_EQ(s.counted_workdays, 40);
  ASSERT_EQ(s.critical_path.size(), 2u);
  EXPECT_EQ(s.members[1].earliest_start, 30);
  EXPECT_EQ(s.members[0].special_days, 10);
}

TEST(Yuyao, PlanningChainAtSimenIsFourTripsAtSimen) {
  const Catalog c = yuyao();
  const TripResult r = evaluate_bundle_trips(c, bundle(c, "guihua-simen"));
  ASSERT_EQ(r.trips, 4);  // each stage's papers, handed in after the previous result
  for (const Trip& t : r.trip_list) EXPECT_EQ(c.halls()[t.hall].id, "simen");
  const BundleSchedule s = schedule_bundle(c, bundle(c, "guihua-simen"));
  EXPECT_EQ(s.counted_workdays, 7 + 10 + 10 + 7);
  EXPECT_EQ(s.workdays, 7 + (10 + 7) + 10 + 7);  // the 方案公示 of the second stage: 7 days not counted
  EXPECT_EQ(s.critical_path.size(), 4u);
}

TEST(Yuyao, EnvironmentalLicencesAreZeroTrips) {
  const Catalog c = yuyao();
  for (int i = 1; i <= 10; ++i) {
    const std::string code = "330281-HB-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    EXPECT_EQ(counts(c, code.c_str()).trips, 0) << code;
  }
}

TEST(Yuyao, PassportNeedsThePersonOnce) {
  const Catalog c = yuyao();
  const TripResult r = evaluate_trips(c, matter(c, "330281-GA-03"));
  ASSERT_EQ(r.trips, 1);
  EXPECT_EQ(r.trip_list[0].needs[0].because, Because::kStatutoryPresence);
  EXPECT_EQ(c.halls()[r.trip_list[0].hall].id, "churujing");
}

TEST(Yuyao, FoodRegistrationWithTheLicenceIsOneVisit) {
  const Catalog c = yuyao();
  const TripResult r = evaluate_bundle_trips(c, bundle(c, "sanxiao"));
  EXPECT_EQ(r.trips, 1);
  EXPECT_EQ(r.worst_case, 2);
  const BundleMaterials materials = bundle_materials(c, bundle(c, "sanxiao"));
  EXPECT_LT(materials.after_merging, materials.before_merging);  // 身份证复印件 only once
}

TEST(Yuyao, RentalFilingWithAndWithoutSubletting) {
  const Catalog c = yuyao();
  const MatterIndex lease = matter(c, "330281-FW-01");
  TripOptions subletting;
  subletting.materials_present = {*c.find_material("sublease-consent")};
  EXPECT_EQ(count_trips(c, lease).trips, 1);
  EXPECT_EQ(count_trips(c, lease, subletting).trips, 1);
  EXPECT_EQ(matter_materials(c, lease).after_merging, 4);  // form, ID, property certificate, contract
  EXPECT_EQ(matter_materials(c, lease, subletting).after_merging, 5);
}

TEST(Yuyao, OriginCertificateByPostBothWaysIsZero) {
  const Catalog c = yuyao();
  EXPECT_EQ(counts(c, "330281-SW-01").trips, 0);
}

// ---- time --------------------------------------------------------------

TEST(Schedule, MatterDueDatesOnTheCalendar) {
  const Catalog c = yuyao();
  const Calendar china = Calendar::china();
  auto due = matter_due(c, china, matter(c, "330281-AJ-01"), D(2017, 9, 29), Extension::kSingle);
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_EQ(due->due, D(2017, 11, 2));  // 20 working days across the National Day week
  EXPECT_EQ(due->legal_due, china.add_workdays(D(2017, 9, 29), 45).value());
  EXPECT_EQ(due->special_procedure_days, 10);
  EXPECT_EQ(due->due_with_special_procedures, D(2017, 11, 16));
  EXPECT_EQ(due->extended_due, china.add_workdays(*due->legal_due, 10).value());
  auto immediate = matter_due(c, china, matter(c, "330281-FW-01"), D(2017, 7, 3));
  EXPECT_EQ(immediate->due, D(2017, 7, 3));
  EXPECT_EQ(matter_due(c, china, 0, D(2030, 1, 1)).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(Schedule, LimitsInNaturalDaysAndMonthsRollForward) {
  const Calendar china = Calendar::china();
  EXPECT_EQ(*limit_end(china, D(2017, 9, 21), {10, LimitUnit::kNaturalDays}), D(2017, 10, 9));
  EXPECT_EQ(*limit_end(china, D(2017, 1, 31), {1, LimitUnit::kMonths}), D(2017, 2, 28));
  EXPECT_EQ(*limit_end(china, D(2017, 9, 1), {1, LimitUnit::kMonths}), D(2017, 10, 9));
}

TEST(Schedule, CriticalPathSlackAndTheFortyFiveDayFlag) {
  const std::string matters = R"([
    {"code": "A", "name": "A", "department": "a", "kind": "行政许可", "project_type": "promised", "promise_day": 20},
    {"code": "B", "name": "B", "department": "a", "kind": "行政许可", "project_type": "promised", "promise_day": 5},
    {"code": "C", "name": "C", "department": "b", "kind": "行政许可", "project_type": "promised", "promise_day": 30}])";
  const auto abc = [&](const std::string& handling) {
    return small(matters, R"([{"id": "ABC", "name": "ABC", "lead": "a", "members": ["A", "B", "C"], )" + handling +
                              R"("edges": [{"from": "A", "to": "C", "kind": "internal", "days": 2},
                                           {"from": "B", "to": "C", "kind": "applicant"}]}])");
  };
  const Catalog c = abc(R"("handling": "joint", )");
  auto s = schedule_bundle(c, 0, Calendar::china(), D(2017, 7, 3));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->workdays, 52);  // A 20 + transfer 2 + C 30
  EXPECT_EQ(s->counted_workdays, 52);
  EXPECT_TRUE(s->over_joint_limit);  // 联合办理 over 45 working days (第四十二条)
  EXPECT_EQ(s->critical_path, (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(s->members[1].slack, 17);  // B may start as late as day 17
  EXPECT_FALSE(s->members[1].critical);
  EXPECT_EQ(s->due, Calendar::china().add_workdays(D(2017, 7, 3), 52).value());
  const std::string dot = bundle_dot(c, 0);
  EXPECT_THAT(dot, HasSubstr("digraph"));
  EXPECT_THAT(dot, HasSubstr("style=dashed"));  // the internal edge
  EXPECT_THAT(dot, HasSubstr("color=red"));     // the critical path
  EXPECT_THAT(dot, HasSubstr("over the 45-day joint limit"));
  // Without joint handling each member keeps its own limit: no 45-day limit to be over.
  EXPECT_FALSE(schedule_bundle(abc(""), 0).over_joint_limit);
  EXPECT_FALSE(evaluate_catalog(abc(""))->bundle_over_joint_limit[0]);
  EXPECT_TRUE(evaluate_catalog(c)->bundle_over_joint_limit[0]);
}

// The 45 days count the administration's own working days: not the applicant's
// delay on an applicant edge, not 第四十五条's procedures. (Until this rule two
// 3-day matters with a 40-day applicant delay were flagged, and so was any bundle.)
// What the law forbids is refused at its JSON path: issuing over 10 working days
// (第四十四条), a longer extension without the law that allows it (第四十二条),
// a basis on a procedure 第四十五条 names itself.
TEST(CatalogLaw, WhatTheLawForbidsIsAProblemAtItsPath) {
  const std::string text = R"({"schema": "onetrip/1",
    "halls": [{"id": "main", "name": "中心"}], "departments": [{"id": "a", "name": "甲局", "halls": ["main"]}],
    "materials": [], "bundles": [],
    "matters": [{"code": "X", "name": "X", "department": "a", "kind": "行政许可", "project_type": "promised",
                 "promise_day": 5, "issue_days": 11, "extension": {"days": 30, "basis": ""},
                 "special_procedures": [{"name": "专家评审", "days": 5, "basis": "某法"},
                                        {"name": "技术评估", "days": 5}]}]})";
  std::vector<Problem> problems;
  EXPECT_FALSE(Catalog::load_json(text, &problems).ok());
  std::string all;
  for (const Problem& p : problems) all += p.path + ": " + p.message + "\n";
  EXPECT_THAT(all,
              HasSubstr("$.matters[0].issue_days: 11 working days to issue the certificate: 行政许可法 第四十四条"));
  EXPECT_THAT(all, HasSubstr("$.matters[0].extension.basis"));
  EXPECT_THAT(all, HasSubstr("第四十二条"));
  EXPECT_THAT(all, HasSubstr("$.matters[0].special_procedures[0].basis"));
  EXPECT_THAT(all, Not(HasSubstr("special_procedures[1]")));  // another law's procedure, kind "other"
  // The kind is inferred from the article's own word, and saved only where it is not.
  const Catalog c = small("[" + m("Y", R"("project_type": "promised", "promise_day": 5,
      "special_procedures": [{"name": "专家评审", "days": 5}, {"name": "技术评估", "days": 3, "kind": "鉴定"}])") +
                          "]");
  EXPECT_EQ(c.matters()[0].special_procedures[0].kind, SpecialKind::kExpertReview);
  EXPECT_EQ(c.matters()[0].special_procedures[1].kind, SpecialKind::kAppraisal);
  EXPECT_EQ(*Catalog::load_json(c.save_json()), c);
}

TEST(Schedule, TheJointLimitCountsTheAdministrationsDaysOnly) {
  const Catalog c = small("[" + m("P", R"("project_type": "promised", "promise_day": 3)") + "," +
                              m("Q", R"("project_type": "promised", "promise_day": 3,
                                       "special_procedures": [{"name": "专家评审", "days": 60}])") +
                              "]",
                          R"([{"id": "PQ", "name": "PQ", "lead": "a", "members": ["P", "Q"], "handling": "joint",
                               "edges": [{"from": "P", "to": "Q", "kind": "applicant", "days": 40}]}])");
  const BundleSchedule s = schedule_bundle(c, 0);
  EXPECT_EQ(s.workdays, 3 + 40 + 3 + 60);  // what the applicant waits
  EXPECT_EQ(s.counted_workdays, 6);        // what the 45 days count
  EXPECT_FALSE(s.over_joint_limit);
  EXPECT_EQ(s.members[1].special_days, 60);
  EXPECT_EQ(count_bundle_trips(c, 0).counted_workdays, 6);
}

// ---- catalogue level ---------------------------------------------------

// A pass over a bundle's graph costs members + edges: a chain of 20,000
// members (4 × 10^8 steps if each member scanned every edge) is scheduled, and
// its trips counted, with every member on the critical path.
TEST(Schedule, ALongChainIsScheduledMemberByMember) {
  constexpr int kMembers = 20000;
  const Catalog c = chain(kMembers, R"("kind": "internal", "days": 1)");
  const BundleSchedule s = schedule_bundle(c, 0);
  EXPECT_EQ(s.workdays, kMembers * 2 + (kMembers - 1));
  EXPECT_EQ(s.critical_path.size(), static_cast<size_t>(kMembers));
  EXPECT_EQ(s.members.back().earliest_start, (kMembers - 1) * 3);
  EXPECT_EQ(count_bundle_trips(c, 0).workdays, s.workdays);
}

// The counts (which never build the needs) agree with the detailed trips, and
// both with a count made here from the trip list: a trip is a distinct (moment,
// hall), a window contact a distinct (moment, hall, window). Generated bundles
// of 1 to 200 members, with few distinct contacts and with many (the counter
// scans a short list, then sorts).
TEST(BundleRules, CountsAgreeWithTheTripListOverGeneratedBundles) {
  for (const int members : {1, 2, 10, 40, 200}) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      GeneratorOptions g;
      g.seed = seed;
      g.matters = 400;
      g.departments = 60;
      g.halls = 12;
      g.bundle_members = members;
      g.bundles_per_matter = 0.05;
      const auto c = generate_catalog(g);
      ASSERT_TRUE(c.ok()) << c.status();
      for (BundleIndex b = 0; b < c->bundles().size(); ++b) {
        const TripResult r = evaluate_bundle_trips(*c, b);
        std::set<std::pair<int32_t, HallIndex>> trips;
        std::set<std::tuple<int32_t, HallIndex, DepartmentIndex>> contacts;
        uint32_t mask = 0;
        for (const Trip& t : r.trip_list) {
          for (const Need& n : t.needs) {
            trips.insert({n.moment, n.hall});
            contacts.insert({n.moment, n.hall, n.window});
            mask |= 1u << static_cast<int>(n.because);
          }
        }
        const TripCounts k = count_bundle_trips(*c, b);
        SCOPED_TRACE(::testing::Message() << members << " members, seed " << seed << ", bundle " << b);
        EXPECT_EQ(r.trips, static_cast<int32_t>(trips.size()));
        EXPECT_EQ(r.trip_list.size(), trips.size());
        EXPECT_EQ(r.window_contacts, static_cast<int32_t>(contacts.size()));
        EXPECT_EQ(r.because_mask, mask);
        EXPECT_EQ(k.trips, r.trips);
        EXPECT_EQ(k.window_contacts, r.window_contacts);
        EXPECT_EQ(k.worst_case, r.worst_case);
        EXPECT_EQ(k.because_mask, r.because_mask);
        EXPECT_EQ(k.workdays, schedule_bundle(*c, b).workdays);
        EXPECT_EQ(k.counted_workdays, schedule_bundle(*c, b).counted_workdays);
      }
    }
  }
}

// A chain of applicant edges between separate windows: every member's
// submission and collection is a trip of its own, far more distinct contacts
// than the counter scans linearly.
TEST(BundleRules, AChainOfCarriedResultsIsATripPerStep) {
  constexpr int kMembers = 50;
  const Catalog c = chain(kMembers, R"("kind": "applicant")");
  // Member i is submitted on day 2i, the day member i-1's result is collected:
  // one trip per day 0, 2, ..., 2·kMembers (the last collection alone).
  const TripCounts k = count_bundle_trips(c, 0);
  EXPECT_EQ(k.trips, kMembers + 1);
  EXPECT_EQ(k.window_contacts, kMembers + 1);
  EXPECT_EQ(evaluate_bundle_trips(c, 0).trip_list.size(), static_cast<size_t>(kMembers + 1));
}

// 一件事 accepted on a day off at a hall open that day: an immediate matter is
// done on the spot and due that day, in every evaluator.
TEST(Evaluate, AnImmediateMatterIsDueOnTheDayItIsDoneEvenADayOff) {
  const Catalog c = small("[" + m("I", R"("project_type": "immediate", "materials": ["form"])") + "]");
  const Calendar china = Calendar::china();
  const Date saturday(2017, 7, 8);
  EvaluationOptions at;
  at.start = saturday;
  EXPECT_EQ(evaluate_catalog(c, china, at)->matter_due[0], to_epoch_day(saturday));
  EXPECT_EQ(matter_due(c, china, 0, saturday)->due, saturday);
  EXPECT_FALSE(evaluate_catalog(c, at).ok());  // due dates need a calendar
  EXPECT_TRUE(evaluate_catalog(c).ok());       // counts do not
}

TEST(Evaluate, WholeCatalogueAgreesWithOneByOne) {
  const Catalog c = yuyao();
  EvaluationOptions options;
  options.start = D(2017, 7, 3);
  auto e = evaluate_catalog(c, Calendar::china(), options);
  ASSERT_TRUE(e.ok()) << e.status();
  for (MatterIndex i = 0; i < c.matters().size(); ++i) {
    EXPECT_EQ(e->matter_trips[i], evaluate_trips(c, i).trips);
    EXPECT_EQ(e->matter_worst_case[i], evaluate_trips(c, i).worst_case);
    const MatterDue due = *matter_due(c, Calendar::china(), i, D(2017, 7, 3));
    EXPECT_EQ(e->matter_due[i], to_epoch_day(due.result_due));
    EXPECT_EQ(*Calendar::china().count_workdays(D(2017, 7, 3), due.result_due), e->matter_workdays[i]);
  }
  for (BundleIndex b = 0; b < c.bundles().size(); ++b) {
    EXPECT_EQ(e->bundle_trips[b], evaluate_bundle_trips(c, b).trips);
    EXPECT_EQ(e->bundle_workdays[b], schedule_bundle(c, b).workdays);
    EXPECT_EQ(e->bundle_counted_workdays[b], schedule_bundle(c, b).counted_workdays);
    EXPECT_EQ(e->bundle_over_joint_limit[b], schedule_bundle(c, b).over_joint_limit);
  }
}

// Volumes that are each finite may still add up past a double: refused, not NaN shares.
TEST(Evaluate, IndicatorsRefuseVolumesThatCannotBeSummed) {
  const Catalog c = yuyao();
  const auto e = evaluate_catalog(c);
  std::vector<double> huge(c.matters().size(), 1e308);
  EXPECT_EQ(indicators(c, *e, huge).status().code(), absl::StatusCode::kInvalidArgument);
  huge.assign(c.matters().size(), 1.0);
  huge[3] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(indicators(c, *e, huge).status().code(), absl::StatusCode::kInvalidArgument);
  huge[3] = 2.0;
  EXPECT_TRUE(indicators(c, *e, huge).ok());
}

TEST(Evaluate, IndicatorsPlainAndWeighted) {
  const Catalog c = small("[" + m("Z", R"("project_type": "promised", "promise_day": 5, "anticipate_day": 20,
                                           "online": "full", "is_express": true)") +
                          "," + m("T", R"("project_type": "promised", "promise_day": 10, "anticipate_day": 20)") + "," +
                          m("I", R"("project_type": "immediate")") + "]");
  auto e = evaluate_catalog(c, Calendar::china());
  ASSERT_TRUE(e.ok());
  auto plain = indicators(c, *e);
  ASSERT_TRUE(plain.ok());
  EXPECT_DOUBLE_EQ(plain->share_zero_trips, 1.0 / 3);
  EXPECT_DOUBLE_EQ(plain->share_at_most_one_trip, 2.0 / 3);  // Z 0, I 1, T 2
  EXPECT_DOUBLE_EQ(plain->mean_trips, 1.0);
  EXPECT_DOUBLE_EQ(plain->share_immediate, 1.0 / 3);
  EXPECT_DOUBLE_EQ(plain->mean_promised_legal_ratio, (0.25 + 0.5) / 2);
  const std::vector<double> volumes = {100, 300, 0};
  auto weighted = indicators(c, *e, volumes);
  ASSERT_TRUE(weighted.ok());
  EXPECT_DOUBLE_EQ(weighted->share_zero_trips, 0.25);
  EXPECT_DOUBLE_EQ(weighted->mean_trips, 600.0 / 400);
  EXPECT_DOUBLE_EQ(weighted->mean_promised_legal_ratio, (100 * 0.25 + 300 * 0.5) / 400);
  EXPECT_FALSE(indicators(c, *e, std::vector<double>{1, 2}).ok());
  EXPECT_FALSE(indicators(c, *e, std::vector<double>{1, -2, 0}).ok());
}

TEST(Audit, EachRuleNamesTheMatter) {
  const Catalog c =
      small("[" + m("D1", R"("project_type": "promised", "promise_day": 5, "limit_scene_num": 1)") + "," +
            m("D0", R"("project_type": "promised", "promise_day": 5, "online": "pre_review",
                                     "is_express": true, "limit_scene_num": 0)") +
            "," + m("FO", R"("project_type": "promised", "promise_day": 5, "online": "full",
                                     "is_express": true, "limit_scene_num": 1)") +
            "," + m("PAY", R"("project_type": "immediate", "online_payment": true, "limit_scene_num": 1)") + "]");
  const std::vector<Finding> findings = audit(c);
  const auto has = [&](const char* code, AuditRule rule) {
    for (const Finding& f : findings) {
      if (c.matters()[f.matter].code == code && f.rule == rule) return f.message.find(code) != std::string::npos;
    }
    return false;
  };
  EXPECT_TRUE(has("D1", AuditRule::kDeclaredTrips));
  EXPECT_TRUE(has("D0", AuditRule::kDeclaredTrips));
  EXPECT_TRUE(has("D0", AuditRule::kDeclaredZeroNeedsRemote));
  EXPECT_TRUE(has("FO", AuditRule::kFullyOnlineMeansZero));
  EXPECT_TRUE(has("FO", AuditRule::kDeclaredTrips));
  EXPECT_TRUE(has("PAY", AuditRule::kNoFeeNoOnlinePayment));
  EXPECT_FALSE(has("PAY", AuditRule::kDeclaredTrips));  // 1 declared, 1 computed
  EXPECT_EQ(findings.size(), 6u);
}

}  // namespace
}  // namespace onetrip
