// Reforms: every kind's effect on a small catalogue, composition order, the
// base left untouched (also on failure), errors with paths, the JSON form;
// comparison with volumes, and the Yuyao bulletin's reforms.
#include "onetrip/reform.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

const char* kSmall = R"({"schema": "onetrip/1",
  "halls": [{"id": "main", "name": "中心"}],
  "departments": [{"id": "a", "name": "甲局", "halls": ["main"]}, {"id": "b", "name": "乙局", "halls": ["main"]}],
  "materials": [{"id": "form", "name": "申请表"},
                {"id": "licence", "name": "营业执照", "original": true, "source": "government"},
                {"id": "proof", "name": "证明", "original": true}],
  "matters": [
    {"code": "A", "name": "A", "department": "a", "kind": "行政许可", "project_type": "promised", "anticipate_day": 20,
     "promise_day": 10, "materials": ["form", "licence"], "online": "full", "fee": 10},
    {"code": "B", "name": "B", "department": "a", "kind": "行政许可", "project_type": "promised", "anticipate_day": 20,
     "promise_day": 10, "materials": ["form", "proof"]},
    {"code": "C", "name": "C", "department": "b", "kind": "行政确认", "project_type": "immediate", "materials": ["proof"]}],
  "bundles": [{"id": "AB", "name": "AB", "lead": "a", "members": ["A", "B"],
               "edges": [{"from": "A", "to": "B", "kind": "applicant"}]}]})";

Catalog small() { return *Catalog::load_json(kSmall); }

Scenario one(Reform r) { return Scenario{"", {std::move(r)}}; }

Reform reform(ReformKind kind, ReformTarget target = {}) {
  Reform r;
  r.kind = kind;
  r.target = std::move(target);
  return r;
}

const Matter& matter(const Catalog& c, const char* code) { return c.matters()[*c.find_matter(code)]; }

TEST(Reforms, ChannelReformsChangeTheTargetedMattersOnly) {
  const Catalog base = small();
  auto after = apply(base, one(reform(ReformKind::kExpressDelivery, {{}, "a", "", {}, ""})));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE(matter(*after, "A").express_delivery);
  EXPECT_TRUE(matter(*after, "B").express_delivery);
  EXPECT_FALSE(matter(*after, "C").express_delivery);
  EXPECT_FALSE(matter(base, "A").express_delivery);  // the base is a value
  auto online = apply(base, one([] {
                        Reform r = reform(ReformKind::kOnlineApplication, {{"B"}, "", "", {}, ""});
                        r.online = OnlineApplication::kPreReview;
                        return r;
                      }()));
  EXPECT_EQ(matter(*online, "B").online, OnlineApplication::kPreReview);
  // Targets combine: department a and kind 行政确认 match nothing.
  auto none = apply(base, one(reform(ReformKind::kPostalApplication, {{}, "a", "", MatterKind::kConfirmation, ""})));
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("$.reforms[0]: the reform matches no matter"));
  // Online payment only where there is a fee.
  auto pay = apply(base, one(reform(ReformKind::kOnlinePayment)));
  EXPECT_TRUE(matter(*pay, "A").online_payment);
  EXPECT_FALSE(matter(*pay, "B").online_payment);
  auto tolerant = apply(base, one(reform(ReformKind::kTolerantAcceptance, {{}, "", "main", {}, ""})));
  EXPECT_TRUE(matter(*tolerant, "C").tolerant_acceptance);
  auto licence = apply(base, one(reform(ReformKind::kElectronicLicence, {{}, "", "", {}, "AB"})));
  EXPECT_TRUE(matter(*licence, "A").electronic_licence);
  EXPECT_FALSE(matter(*licence, "C").electronic_licence);
}

TEST(Reforms, SharingAMaterialRemovesTheVisitItForced) {
  const Catalog base = small();
  const MatterIndex a = *base.find_matter("A");
  EXPECT_EQ(count_trips(base, a).trips, 2);  // the licence original; the result collected
  Reform share = reform(ReformKind::kShareMaterial);
  share.material = "licence";
  auto after = apply(base, one(share));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(count_trips(*after, a).trips, 1);
  EXPECT_EQ(matter_materials(*after, a).after_merging, 1);
  share.material = "proof";  // not government-issued
  EXPECT_THAT(apply(base, one(share)).status().message(), HasSubstr("cannot be shared"));
}

TEST(Reforms, DropMaterialAndPromisedLimit) {
  const Catalog base = small();
  Reform drop = reform(ReformKind::kDropMaterial, {{"B"}, "", "", {}, ""});
  drop.material = "proof";
  auto dropped = apply(base, one(drop));
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ(matter(*dropped, "B").materials.size(), 1u);
  EXPECT_EQ(matter(*dropped, "C").materials.size(), 1u);
  drop.target.matters = {"A"};
  EXPECT_THAT(apply(base, one(drop)).status().message(),
              HasSubstr("none of the matters it targets asks for \"proof\""));
  Reform limit = reform(ReformKind::kPromisedLimit, {{}, "a", "", {}, ""});
  limit.days = 3;
  auto faster = apply(base, one(limit));
  EXPECT_EQ(matter(*faster, "A").promised_limit.value, 3);
  limit.days = 30;  // over the legal limit: the reformed catalogue breaks a rule
  EXPECT_THAT(apply(base, one(limit)).status().message(), HasSubstr("over the legal limit"));
}

TEST(Reforms, FilingIsZeroTripsZeroDays) {
  const Catalog base = small();
  Reform filing = reform(ReformKind::kReplaceByFiling, {{"B"}, "", "", {}, ""});
  filing.effective_from = Date(2017, 9, 1);
  auto after = apply(base, one(filing));
  ASSERT_TRUE(after.ok()) << after.status();
  const Matter& b = matter(*after, "B");
  EXPECT_EQ(count_trips(*after, *after->find_matter("B")).trips, 0);
  EXPECT_EQ(b.project_type, ProjectType::kImmediate);
  EXPECT_EQ(b.effective_from, Date(2017, 9, 1));
  EXPECT_EQ(b.declared_trips, 0);
}

// The 三小 change (licence to registration, "当场即办，办证前不再现场核查"), written both ways.
TEST(Reforms, ImmediateAndSiteInspection) {
  const Catalog base = small();
  Reform licence = reform(ReformKind::kImmediate, {{"C"}, "", "", {}, ""});
  licence.enable = false;
  licence.days = 7;
  Reform inspect = reform(ReformKind::kSiteInspection, {{"C"}, "", "", {}, ""});
  inspect.days = 2;
  auto before = apply(base, Scenario{"", {licence, inspect}});
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(matter(*before, "C").project_type, ProjectType::kPromised);
  EXPECT_EQ(matter(*before, "C").promised_limit.value, 7);
  EXPECT_EQ(matter(*before, "C").site_inspection_days, 2);
  EXPECT_EQ(count_trips(*before, *before->find_matter("C")).trips, 2);  // hand in, come back for the licence
  auto after = apply(*before, one(reform(ReformKind::kImmediate, {{"C"}, "", "", {}, ""})));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(matter(*after, "C").project_type, ProjectType::kImmediate);
  EXPECT_EQ(matter(*after, "C").promised_limit.value, 0);
  EXPECT_FALSE(matter(*after, "C").site_inspection_days.has_value());
  EXPECT_EQ(count_trips(*after, *after->find_matter("C")).trips, 1);
  // An inspection before an on-the-spot decision cannot be; undone without a limit neither.
  EXPECT_THAT(apply(base, one(inspect)).status().message(), HasSubstr("\"C\" is decided at the visit"));
  licence.days = 0;
  EXPECT_THAT(apply(base, one(licence)).status().message(), HasSubstr("promised limit of more than 0 days"));
  inspect.days = 0;  // none on A: nothing to drop is no error
  inspect.target = {{"A"}, "", "", {}, ""};
  EXPECT_TRUE(apply(base, one(inspect)).ok());
}

TEST(Reforms, FeeSetOrAbolished) {
  const Catalog base = small();
  Reform pay = reform(ReformKind::kOnlinePayment, {{"A"}, "", "", {}, ""});
  Reform abolish = reform(ReformKind::kFee, {{"A"}, "", "", {}, ""});
  auto after = apply(base, Scenario{"", {pay, abolish}});
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(matter(*after, "A").fee_fen, 0);
  EXPECT_FALSE(matter(*after, "A").online_payment);  // nothing left to pay
  EXPECT_EQ(matter(base, "A").fee_fen, 1000);
  std::vector<Problem> problems;
  EXPECT_FALSE(load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [
      {"reform": "fee", "matter": "C", "fee": "-1"}, {"reform": "fee", "matter": "C"},
      {"reform": "fee", "matter": "C", "fee": 1, "enable": false}]})",
                                  &problems)
                   .ok());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].path, "$.reforms[0].fee");
  EXPECT_EQ(problems[1], (Problem{"$.reforms[1]", "missing \"fee\""}));
  EXPECT_EQ(problems[2].path, "$.reforms[2].enable");
  auto good = load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [
      {"reform": "fee", "matter": "B", "fee": "12.50"}, {"reform": "fee", "matter": "C", "fee": 3}]})");
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->reforms[0].fee_fen, 1250);
  EXPECT_EQ(good->reforms[1].fee_fen, 300);
  auto charged = apply(base, *good);
  ASSERT_TRUE(charged.ok());
  EXPECT_EQ(matter(*charged, "B").fee_fen, 1250);
  const std::string saved = save_scenario_json(*good);  // the JSON form round-trips
  EXPECT_THAT(saved, HasSubstr("\"fee\": \"12.50\""));
  EXPECT_EQ(save_scenario_json(*load_scenario_json(saved)), saved);
}

TEST(Reforms, AbsorbRemovesMattersAndRenumbersBundles) {
  const Catalog base = small();
  Reform absorb = reform(ReformKind::kAbsorb, {{"A"}, "", "", {}, ""});
  absorb.into = "C";
  auto after = apply(base, one(absorb));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_FALSE(after->find_matter("A"));
  ASSERT_EQ(after->matters().size(), 2u);
  const Bundle& ab = after->bundles()[0];
  ASSERT_EQ(ab.members.size(), 1u);
  EXPECT_EQ(after->matters()[ab.members[0]].code, "B");
  EXPECT_TRUE(ab.edges.empty());
  // A later reform naming the absorbed matter is an error.
  Scenario twice{"", {absorb, reform(ReformKind::kExpressDelivery, {{"A"}, "", "", {}, ""})}};
  EXPECT_THAT(apply(base, twice).status().message(),
              HasSubstr("$.reforms[1]: \"A\" was absorbed by an earlier reform"));
  absorb.into = "A";
  EXPECT_THAT(apply(base, one(absorb)).status().message(), HasSubstr("cannot absorb itself"));
}

TEST(Reforms, BundleReforms) {
  const Catalog base = small();
  EXPECT_EQ(schedule_bundle(base, 0).workdays, 20);
  Reform merge = reform(ReformKind::kMergeSerial, {{}, "", "", {}, "AB"});
  merge.from = "A";
  merge.to = "B";
  auto merged = apply(base, one(merge));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(schedule_bundle(*merged, 0).workdays, 10);  // the two reviews in parallel
  Reform internal = merge;
  internal.kind = ReformKind::kInternalEdge;
  auto passed_on = apply(base, one(internal));
  EXPECT_EQ(passed_on->bundles()[0].edges[0].kind, EdgeKind::kInternal);
  auto window = apply(base, one(reform(ReformKind::kSingleWindow, {{}, "", "", {}, "AB"})));
  EXPECT_EQ(window->bundles()[0].acceptance, Acceptance::kSingleWindow);
  EXPECT_EQ(window->bundles()[0].results, Results::kTogether);
  Reform undo = reform(ReformKind::kSingleWindow, {{}, "", "", {}, "AB"});
  undo.enable = false;
  auto separate = apply(*window, one(undo));
  EXPECT_EQ(separate->bundles()[0].acceptance, Acceptance::kSeparate);
  auto joint = apply(base, one(reform(ReformKind::kJointInspection, {{}, "", "", {}, "AB"})));
  EXPECT_TRUE(joint->bundles()[0].joint_inspection);
  // Errors: no such bundle, no such edge.
  EXPECT_THAT(apply(base, one(reform(ReformKind::kSingleWindow, {{}, "", "", {}, "XY"}))).status().message(),
              HasSubstr("$.reforms[0].bundle: unknown bundle \"XY\""));
  merge.from = "B";
  merge.to = "A";
  EXPECT_THAT(apply(base, one(merge)).status().message(), HasSubstr("has no edge from \"B\" to \"A\""));
}

TEST(Reforms, ComposeInOrder) {
  const Catalog base = small();
  Reform express = reform(ReformKind::kExpressDelivery, {{"B"}, "", "", {}, ""});
  Reform undo = express;
  undo.enable = false;
  EXPECT_FALSE(matter(*apply(base, Scenario{"", {express, undo}}), "B").express_delivery);
  EXPECT_TRUE(matter(*apply(base, Scenario{"", {undo, express}}), "B").express_delivery);
}

TEST(Reforms, EveryProblemWithItsPathAndNothingChanged) {
  const Catalog base = small();
  const std::string before = base.save_json();
  std::vector<Problem> problems;
  Scenario bad{"",
               {reform(ReformKind::kExpressDelivery, {{"A", "Z"}, "", "", {}, ""}),
                reform(ReformKind::kExpressDelivery, {{}, "nope", "", {}, ""}),
                reform(ReformKind::kExpressDelivery, {{}, "", "nowhere", {}, ""})}};
  auto after = apply(base, bad, &problems);
  ASSERT_FALSE(after.ok());
  ASSERT_EQ(problems.size(), 3u) << after.status();
  EXPECT_EQ(problems[0].path, "$.reforms[0].matters[1]");
  EXPECT_EQ(problems[1].path, "$.reforms[1].department");
  EXPECT_EQ(problems[2].path, "$.reforms[2].hall");
  EXPECT_EQ(base.save_json(), before);
}

TEST(Reforms, ShareEveryMatterAndTableNoReformChanged) {
  const Catalog base = small();
  auto after = apply(base, one(reform(ReformKind::kExpressDelivery, {{}, "b", "", {}, ""})));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(&matter(*after, "A"), &matter(base, "A"));  // the same object, not a copy
  EXPECT_EQ(&matter(*after, "B"), &matter(base, "B"));
  EXPECT_NE(&matter(*after, "C"), &matter(base, "C"));
  EXPECT_EQ(after->bundles().data(), base.bundles().data());
  EXPECT_FALSE(matter(base, "C").express_delivery);
  // A bundle reform copies the bundles and shares every matter.
  Reform merge = reform(ReformKind::kMergeSerial, {{}, "", "", {}, "AB"});
  merge.from = "A";
  merge.to = "B";
  auto merged = apply(base, one(merge));
  ASSERT_TRUE(merged.ok());
  EXPECT_NE(merged->bundles().data(), base.bundles().data());
  EXPECT_EQ(&matter(*merged, "C"), &matter(base, "C"));
  EXPECT_EQ(base.bundles()[0].edges.size(), 1u);
}

// A derived catalogue (shared matters, facts and tables computed only where a
// reform changed something) evaluates exactly as the same catalogue built anew.
TEST(Reforms, ADerivedCatalogueEqualsOneBuiltAnew) {
  GeneratorOptions options;
  options.matters = 3000;
  options.seed = 7;
  options.bundle_members = 3;
  const Catalog base = *generate_catalog(options);
  std::string government;
  for (const Material& m : base.materials()) {
    // One whose sharing changes trips: a paper original (the last such, for variety).
    if (m.source == MaterialSource::kGovernment && !m.shared && m.original && m.form == MaterialForm::kPaper) {
      government = m.id;
    }
  }
  ASSERT_FALSE(government.empty());
  const Bundle* chained = nullptr;
  for (const Bundle& b : base.bundles()) {  // two promised matters one after the other: merging shortens it
    const auto promised = [&](MatterIndex m) { return base.matters()[m].project_type == ProjectType::kPromised; };
    if (b.edges.size() == 1 && promised(b.members[b.edges[0].from]) && promised(b.members[b.edges[0].to])) chained = &b;
  }
  ASSERT_NE(chained, nullptr);
  Reform express = reform(ReformKind::kExpressDelivery, {{}, base.departments()[1].id, "", {}, ""});
  Reform share = reform(ReformKind::kShareMaterial);
  share.material = government;
  Reform merge = reform(ReformKind::kMergeSerial, {{}, "", "", {}, chained->id});
  merge.from = base.matters()[chained->members[chained->edges[0].from]].code;
  merge.to = base.matters()[chained->members[chained->edges[0].to]].code;
  Reform filing = reform(ReformKind::kReplaceByFiling, {{base.matters()[5].code}, "", "", {}, ""});
  Reform single = reform(ReformKind::kSingleWindow, {{}, "", "", {}, base.bundles()[0].id});
  for (const Scenario& scenario :
       {one(express), one(share), one(merge), Scenario{"", {express, filing, single, share}}}) {
    auto after = apply(base, scenario);
    ASSERT_TRUE(after.ok()) << after.status();
    auto rebuilt = Catalog::from_data(after->to_data());
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_EQ(*after, *rebuilt);
    EXPECT_NE(*after, base);
    const Calendar china = Calendar::china();
    // Each scenario changes some figure, so a figure left stale would show.
    auto before = evaluate_catalog(base, china);
    auto changed = evaluate_catalog(*after, china);
    EXPECT_TRUE(before->matter_trips != changed->matter_trips || before->bundle_workdays != changed->bundle_workdays)
        << to_string(scenario.reforms[0].kind);
    EvaluationOptions at;
    at.start = Date(2017, 7, 3);
    auto derived = evaluate_catalog(*after, china, at);
    auto anew = evaluate_catalog(*rebuilt, china, at);
    ASSERT_TRUE(derived.ok() && anew.ok());
    EXPECT_EQ(derived->matter_trips, anew->matter_trips);
    EXPECT_EQ(derived->matter_worst_case, anew->matter_worst_case);
    EXPECT_EQ(derived->matter_because, anew->matter_because);
    EXPECT_EQ(derived->matter_workdays, anew->matter_workdays);
    EXPECT_EQ(derived->matter_due, anew->matter_due);
    EXPECT_EQ(derived->bundle_trips, anew->bundle_trips);
    EXPECT_EQ(derived->bundle_window_contacts, anew->bundle_window_contacts);
    EXPECT_EQ(derived->bundle_workdays, anew->bundle_workdays);
    for (BundleIndex b = 0; b < after->bundles().size(); ++b) {
      ASSERT_EQ(after->topological_order(b).size(), rebuilt->topological_order(b).size());
    }
  }
}

// A derived catalogue shares the chunks of matters it did not change with its
// base; a long chain of derivations (longer than the chunks' own chain of
// copies, which is cut every few links) leaves each catalogue as it was made,
// also once those before and between it are gone.
TEST(Reforms, AChainOfDerivedCataloguesKeepsEachStateWhateverIsFreed) {
  GeneratorOptions options;
  options.matters = 10000;  // three chunks of matters
  options.seed = 11;
  const Catalog base = *generate_catalog(options);
  const std::vector<MatterIndex> picks = {0, 4095, 4096, 9999, 5000};
  std::vector<std::optional<Catalog>> states{base};
  std::vector<std::vector<bool>> express;  // per state, per pick
  const auto flags_of = [&](const Catalog& c) {
    std::vector<bool> out;
    for (MatterIndex i : picks) out.push_back(c.matters()[i].express_delivery);
    return out;
  };
  express.push_back(flags_of(base));
  for (size_t k = 0; k < 40; ++k) {
    const MatterIndex i = picks[k % picks.size()];
    Reform r = reform(ReformKind::kExpressDelivery, {{base.matters()[i].code}, "", "", {}, ""});
    r.enable = !states.back()->matters()[i].express_delivery;
    auto next = apply(*states.back(), one(r));
    ASSERT_TRUE(next.ok()) << next.status();
    std::vector<bool> want = express.back();
    want[k % picks.size()] = r.enable;
    express.push_back(want);
    states.emplace_back(*std::move(next));
  }
  const auto check = [&] {
    for (size_t s = 0; s < states.size(); ++s) {
      if (!states[s]) continue;
      const Catalog& c = *states[s];
      EXPECT_EQ(flags_of(c), express[s]) << "state " << s;
      EXPECT_EQ(&c.matters()[1], &base.matters()[1]) << "state " << s;  // never changed: shared
      EXPECT_EQ(&c.matters()[9998], &base.matters()[9998]);
      ASSERT_EQ(static_cast<size_t>(c.matters().end() - c.matters().begin()), base.matters().size());
      size_t j = 0;
      for (const Matter& m : c.matters()) {
        if (m.code != base.matters()[j].code) ADD_FAILURE() << "state " << s << ", matter " << j;
        ++j;
      }
      EXPECT_EQ(c.matters().begin()[4096].code, base.matters()[4096].code);
      EXPECT_EQ((c.matters().end() - 1)->code, base.matters().back().code);
    }
  };
  check();
  for (size_t s = 1; s + 1 < states.size(); s += 2) states[s].reset();
  check();
  for (size_t s = 0; s + 1 < states.size(); ++s) states[s].reset();
  check();
  auto rebuilt = Catalog::from_data(states.back()->to_data());
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*states.back(), *rebuilt);
}

// The trip facts of a derived catalogue are derived from its base's when they
// are known, else anew: the figures are the same whichever was evaluated first,
// and also when the base is gone.
TEST(Reforms, ADerivedCatalogueEvaluatesAlikeWhateverWasEvaluatedFirst) {
  GeneratorOptions options;
  options.matters = 2000;
  options.seed = 11;
  options.bundle_members = 4;
  const auto make_base = [&] { return *generate_catalog(options); };
  const Catalog reference_base = make_base();
  Scenario scenario{"",
                    {reform(ReformKind::kExpressDelivery, {{}, reference_base.departments()[0].id, "", {}, ""}),
                     reform(ReformKind::kSingleWindow, {{}, "", "", {}, reference_base.bundles()[1].id})}};
  const Catalog rebuilt = *Catalog::from_data(apply(reference_base, scenario)->to_data());
  const CatalogEvaluation want = *evaluate_catalog(rebuilt);
  enum Order { kBaseFirst, kDerivedFirst, kBaseGone };
  for (Order order : {kBaseFirst, kDerivedFirst, kBaseGone}) {
    std::optional<Catalog> base = make_base();
    if (order == kBaseFirst) {
      ASSERT_TRUE(evaluate_catalog(*base).ok());
    }
    const Catalog after = *apply(*base, scenario);
    if (order == kBaseGone) base.reset();
    const CatalogEvaluation got = *evaluate_catalog(after);
    EXPECT_EQ(got.matter_trips, want.matter_trips) << order;
    EXPECT_EQ(got.matter_because, want.matter_because) << order;
    EXPECT_EQ(got.bundle_trips, want.bundle_trips) << order;
    EXPECT_EQ(got.bundle_window_contacts, want.bundle_window_contacts) << order;
    EXPECT_EQ(got.bundle_workdays, want.bundle_workdays) << order;
    if (base) {  // and the base's own figures are its own
      const CatalogEvaluation own = *evaluate_catalog(*base);
      EXPECT_EQ(own.matter_trips, evaluate_catalog(reference_base)->matter_trips);
    }
  }
}

TEST(ScenarioJson, RoundTripAndErrors) {
  const std::string text = R"({"schema": "onetrip-scenario/1", "name": "s", "reforms": [
    {"reform": "express_delivery", "department": "a", "note": "why"},
    {"reform": "online_application", "matters": ["A", "B"], "online": "pre_review"},
    {"reform": "merge_serial", "bundle": "AB", "from": "A", "to": "B"},
    {"reform": "filing", "matter": "C", "effective_from": "2017-09-01"},
    {"reform": "single_window", "bundle": "AB", "enable": false}]})";
  auto scenario = load_scenario_json(text);
  ASSERT_TRUE(scenario.ok()) << scenario.status();
  ASSERT_EQ(scenario->reforms.size(), 5u);
  EXPECT_EQ(scenario->reforms[1].online, OnlineApplication::kPreReview);
  EXPECT_FALSE(scenario->reforms[4].enable);
  const std::string saved = save_scenario_json(*scenario);
  auto again = load_scenario_json(saved);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(save_scenario_json(*again), saved);
  EXPECT_TRUE(apply(small(), *scenario).ok());

  std::vector<Problem> problems;
  auto bad = load_scenario_json(R"({"schema": "onetrip-scenario/1", "reforms": [
    {"reform": "express"}, {"reform": "merge_serial", "bundle": "AB"}, {"reform": "absorb", "into": "C", "enable": false},
    {"reform": "filing", "effective_from": "2017-09-31"}]})",
                                &problems);
  ASSERT_FALSE(bad.ok());
  const std::string message(bad.status().message());
  EXPECT_THAT(message, HasSubstr("$.reforms[0].reform: \"express\" is not one of"));
  EXPECT_THAT(message, HasSubstr("$.reforms[1]: missing \"from\""));
  EXPECT_THAT(message, HasSubstr("$.reforms[2].enable: \"absorb\" cannot be undone"));
  EXPECT_THAT(message, HasSubstr("$.reforms[2]: missing \"matters\""));
  EXPECT_THAT(message, HasSubstr("$.reforms[3].effective_from: 2017-09-31 is not a date"));
  EXPECT_FALSE(load_scenario_json(R"({"schema": "onetrip/1", "reforms": []})").ok());
}

TEST(Compare, VolumesWeighTheSavings) {
  const Catalog base = small();
  auto after = apply(base, one(reform(ReformKind::kExpressDelivery, {{}, "a", "", {}, ""})));
  Volumes volumes;
  volumes.matters = {{"A", 100}, {"B", 50}, {"C", 7}};
  volumes.bundles = {{"AB", 4}};
  auto cmp = compare(base, *after, volumes);
  ASSERT_TRUE(cmp.ok()) << cmp.status();
  EXPECT_EQ(cmp->matters_changed, 2);
  // A's fee is a fixed charge, paid in the visit that hands in the licence's original: express
  // delivery saves A its collection. (Before fees were paid when known, A came back on day 10
  // to pay, and express delivery saved it nothing.)
  EXPECT_EQ(cmp->matters[0].trips_before, 2);
  EXPECT_EQ(cmp->matters[0].trips_after, 1);
  EXPECT_DOUBLE_EQ(cmp->matters[0].trips_saved, 100);
  EXPECT_DOUBLE_EQ(cmp->matters[1].trips_saved, 50);
  EXPECT_EQ(cmp->matters[0].change, "express delivery");
  EXPECT_DOUBLE_EQ(cmp->matters[2].trips_saved, 0);
  // The bundle: submit A and pay; on day 10 collect A and submit B (one trip); collect B on day 20: 3 → 2.
  EXPECT_EQ(cmp->bundles[0].trips_before - cmp->bundles[0].trips_after, 1);
  EXPECT_DOUBLE_EQ(cmp->bundles[0].trips_saved, 4);
  EXPECT_DOUBLE_EQ(cmp->trips_saved, 154);
  ASSERT_EQ(cmp->departments.size(), 1u);
  EXPECT_EQ(cmp->departments[0].name, "甲局");
  EXPECT_DOUBLE_EQ(cmp->departments[0].trips_saved, 154);
  EXPECT_TRUE(cmp->before.weighted);
  EXPECT_LT(cmp->after.mean_trips, cmp->before.mean_trips);
  volumes.matters["nope"] = 1;
  EXPECT_EQ(compare(base, *after, volumes).status().code(), absl::StatusCode::kNotFound);
}

// Volumes given in code are checked as the CSV's are, naming the id: a
// bundle's NaN made every saving NaN, and a matter's was "volume 0".
TEST(Compare, AVolumeThatIsNoNumberOfCasesIsRefusedNamingItsId) {
  const Catalog base = small();
  auto after = apply(base, one(reform(ReformKind::kExpressDelivery, {{}, "a", "", {}, ""})));
  ASSERT_TRUE(after.ok());
  for (const double bad : {std::nan(""), std::numeric_limits<double>::infinity(), -1.0}) {
    for (const bool bundle : {false, true}) {
      Volumes volumes;
      volumes.matters = {{"A", 100}, {"B", bundle ? 50 : bad}};
      volumes.bundles = {{"AB", bundle ? bad : 4}};
      const absl::Status status = compare(base, *after, volumes).status();
      EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad << bundle;
      EXPECT_THAT(std::string(status.message()), HasSubstr(bundle ? "bundle \"AB\"" : "matter \"B\""));
      EXPECT_THAT(std::string(status.message()), HasSubstr("is not a number of cases"));
    }
  }
  EXPECT_TRUE(compare(base, *after, Volumes{{{"A", 0}}, {{"AB", 0}}, {}}).ok());
}

// The matters' volumes by index give the comparison the map of codes gives,
// and are checked the same way.
TEST(Compare, VolumesByIndexAreTheVolumesByCode) {
  auto loaded = Catalog::load_file(std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/catalog.json");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const Catalog& base = *loaded;
  auto after = apply(base, one(reform(ReformKind::kExpressDelivery, {{}, "gongan", "", {}, ""})));
  ASSERT_TRUE(after.ok());
  Volumes by_code;
  std::vector<double> by_index(base.matters().size(), 0.0);
  for (size_t i = 0; i < base.matters().size(); ++i) {
    if (i % 3 == 1) continue;  // some matters without a volume
    by_code.matters[base.matters()[i].code] = 1.0 + static_cast<double>(i % 7);
    by_index[i] = 1.0 + static_cast<double>(i % 7);
  }
  by_code.bundles[base.bundles()[0].id] = 3;
  Volumes rest;
  rest.bundles = by_code.bundles;
  auto a = compare(base, *after, by_code);
  auto b = compare(base, *after, by_index, rest);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_GT(a->trips_saved, 0);
  EXPECT_EQ(a->trips_saved, b->trips_saved);
  EXPECT_EQ(a->days_saved, b->days_saved);
  EXPECT_EQ(a->before.share_at_most_one_trip, b->before.share_at_most_one_trip);
  ASSERT_EQ(a->matters.size(), b->matters.size());
  for (size_t i = 0; i < a->matters.size(); ++i) EXPECT_EQ(a->matters[i].volume, b->matters[i].volume) << i;
  // Without the matters' texts: the same figures and changes, the code and name left to the caller.
  CompareOptions no_texts;
  no_texts.matter_texts = false;
  auto c = compare(base, *after, by_index, rest, no_texts);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->trips_saved, b->trips_saved);
  bool member_changed = false;
  for (size_t i = 0; i < c->matters.size(); ++i) {
    EXPECT_TRUE(c->matters[i].code.empty() && c->matters[i].name.empty()) << i;
    EXPECT_EQ(c->matters[i].trips_after, b->matters[i].trips_after) << i;
    EXPECT_EQ(c->matters[i].change, b->matters[i].change) << i;
  }
  for (size_t k = 0; k < c->bundles.size(); ++k) {
    EXPECT_EQ(c->bundles[k].change, b->bundles[k].change) << k;  // names its changed members by code
    member_changed = member_changed || absl::StrContains(c->bundles[k].change, "members changed: 330281-");
  }
  EXPECT_TRUE(member_changed);
  // Refused: a length that is not the base's, the matters given twice, a value that is no number of cases.
  EXPECT_EQ(compare(base, *after, absl::MakeConstSpan(by_index).first(3), rest).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(compare(base, *after, by_index, by_code).status().code(), absl::StatusCode::kInvalidArgument);
  by_index[5] = std::nan("");
  const absl::Status nan = compare(base, *after, by_index, rest).status();
  EXPECT_THAT(std::string(nan.message()), HasSubstr("matter \"" + base.matters()[5].code + "\""));
  EXPECT_THAT(std::string(nan.message()), HasSubstr("is not a number of cases"));
}

TEST(Compare, AbsorbedMattersSaveAllTheirTripsAndDays) {
  const Catalog base = small();
  Reform absorb = reform(ReformKind::kAbsorb, {{"B"}, "", "", {}, ""});
  absorb.into = "A";
  auto cmp = compare(base, *apply(base, one(absorb)), Volumes{{{"B", 10}}, {}, {}});
  ASSERT_TRUE(cmp.ok());
  EXPECT_TRUE(cmp->matters[1].absorbed);
  EXPECT_DOUBLE_EQ(cmp->matters[1].trips_saved, 20);
  EXPECT_DOUBLE_EQ(cmp->matters[1].days_saved, 100);
}

TEST(Volumes, FromTheWindowTableAndFromIdLists) {
  auto yuyao = Catalog::load_file(std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/catalog.json");
  ASSERT_TRUE(yuyao.ok());
  auto table =
      load_volumes_file(*yuyao, std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/volumes-2017-07-windows.csv");
  ASSERT_TRUE(table.ok()) << table.status();
  // 环保: 36 promised cases in July over its eleven promised matters.
  EXPECT_DOUBLE_EQ(table->matters.at("330281-HB-01"), 36.0 / 11);
  // 公安: 1494 promised over GA-01 and GA-05, 816 immediate on GA-02: the table is the main centre's,
  // and the passport (GA-03, 出入境 and 泗门) and car registration (GA-04, 交警) are not offered there.
  EXPECT_DOUBLE_EQ(table->matters.at("330281-GA-01"), 1494.0 / 2);
  EXPECT_DOUBLE_EQ(table->matters.at("330281-GA-02"), 816.0);
  EXPECT_EQ(table->matters.count("330281-GA-03"), 0u);
  EXPECT_EQ(table->matters.count("330281-GA-04"), 0u);
  EXPECT_FALSE(table->unassigned.empty());  // e.g. 财税's cases: no 财税 matter in the example
  std::vector<Problem> problems;
  auto bad =
      load_volumes_csv(*yuyao, "id,volume\n330281-GA-03,12\nnope,3\n330281-HB-01,x\nroad-excavation,2\n", &problems);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], (Problem{"line 3", "no matter or bundle \"nope\" in the catalogue"}));
  EXPECT_EQ(problems[1].path, "line 4");
  auto good = load_volumes_csv(*yuyao, "id,volume\r\n330281-GA-03,12\r\nroad-excavation,2\r\n");
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->bundles.at("road-excavation"), 2);
  EXPECT_FALSE(load_volumes_csv(*yuyao, "code;cases\n").ok());
}

TEST(YuyaoReforms, TheBulletinsReformsFromTheirBaseline) {
  const std::string dir = std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/";
  auto yuyao = Catalog::load_file(dir + "catalog.json");
  auto before = apply(*yuyao, *load_scenario_file(dir + "before-2017.json"));
  ASSERT_TRUE(before.ok()) << before.status();
  auto after = apply(*before, *load_scenario_file(dir + "reforms-2017.json"));
  ASSERT_TRUE(after.ok()) << after.status();
  Volumes volumes = *load_volumes_file(*before, dir + "volumes-2017-07.csv");
  auto cmp = compare(*before, *after, volumes);
  ASSERT_TRUE(cmp.ok()) << cmp.status();
  const auto delta = [&](const std::string& code) {
    for (const MatterDelta& d : cmp->matters) {
      if (d.code == code) return d;
    }
    return MatterDelta{};
  };
  // 环保 by express and online: two trips to none.
  EXPECT_EQ(delta("330281-HB-01").trips_before, 2);
  EXPECT_EQ(delta("330281-HB-01").trips_after, 0);
  // The 环评 filing: no trip, no day.
  EXPECT_EQ(delta("330281-HB-11").days_after, 0);
  // The 安监 merged review halves the critical path: two reviews of 20 working days, each with its
  // 10 days of 专家评审 (第四十五条: not counted, but the applicant waits), become one of 30.
  // The road excavation goes to one window.
  for (const BundleDelta& b : cmp->bundles) {
    if (b.id == "anjian-hazchem") {
      EXPECT_EQ(b.days_before, 60);
      EXPECT_EQ(b.days_before - b.days_after, 30);
    }
    if (b.id == "road-excavation") {
      EXPECT_EQ(b.windows_after, 2);
    }
  }
  EXPECT_GT(cmp->trips_saved, 0);
  EXPECT_GT(cmp->days_saved, 0);
  // The state before and the reforms bring the catalogue back to itself, but for the forms it keeps from
  // before the reforms a scenario cannot undo: the four filings 多证合一 absorbs, the 环评 filing, the 安监
  // serial edge and road excavation's edge the applicant carried; and 公章刻制备案's fee, July's, gone in August.
  auto again = compare(*yuyao, *after);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->matters_changed, 6);
  EXPECT_EQ(again->bundles_changed, 2);
}

}  // namespace
}  // namespace onetrip
