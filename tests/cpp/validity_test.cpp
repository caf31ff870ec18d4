// Validity dates on the elements of a matter (its material uses, its fee and
// channels) and on bundles: read, written and checked at their JSON paths;
// Catalog::as_of leaving out what does not hold and sharing the rest; the
// evaluations that take an acceptance or start date reading the catalogue in
// force that day ("a case accepted on 2017-07-11 is evaluated by the
// catalogue of 07-11, not of 07-12"); and the diff naming a changed period.
// Every figure below is worked by hand from docs/rules.md.
#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/catalog.hpp"
#include "onetrip/clock.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/roadmap.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

// Seal registration (公章刻制备案), as the bulletin dates it: express delivery
// from 07-05, online filing from 07-12 (the original of the proof no longer
// shown from then), the 20-yuan fee abolished from 08-01. B is undated; N is
// a matter that starts on 07-12; the bundle is offered from 09-01.
const char* kDated = R"({"schema": "onetrip/1",
  "halls": [{"id": "main", "name": "中心"}],
  "departments": [{"id": "a", "name": "公安", "halls": ["main"]}],
  "materials": [{"id": "form", "name": "申请表"}, {"id": "proof", "name": "证明", "original": true}],
  "matters": [
    {"code": "A", "name": "公章刻制备案", "department": "a", "kind": "其他行政权力", "project_type": "promised",
     "anticipate_day": 20, "promise_day": 10, "fee": 20,
     "materials": ["form", {"material": "proof", "effective_until": "2017-07-11"}],
     "online": "full", "is_express": true, "online_payment": true,
     "periods": {"fee": {"until": "2017-07-31"}, "online": {"from": "2017-07-12"},
                 "is_express": {"from": "2017-07-05"}}},
    {"code": "B", "name": "B", "department": "a", "kind": "行政许可", "project_type": "promised",
     "anticipate_day": 20, "promise_day": 10, "materials": ["form"]},
    {"code": "N", "name": "新事项", "department": "a", "kind": "行政许可", "project_type": "immediate",
     "effective_from": "2017-07-12"}],
  "bundles": [{"id": "AB", "name": "AB", "lead": "a", "members": ["A", "B"], "effective_from": "2017-09-01"}]})";

// A catalogue is dated when any one thing in it is, wherever it is: a
// matter's own period, a material use's, a bundle's, past the first block of
// 4,096 matters or in the last matter; built from data and loaded alike.
TEST(Validity, ACatalogueIsDatedByAnyOneDatedThing) {
  GeneratorOptions o;
  o.matters = 10'000;
  o.seed = 3;
  const CatalogData plain = generate_catalog(o)->to_data();
  ASSERT_FALSE(plain.bundles.empty());
  ASSERT_FALSE(plain.matters.back().materials.empty());
  const Date day(2017, 7, 1);
  const std::vector<std::pair<const char*, std::function<void(CatalogData&)>>> cases = {
      {"nothing", [](CatalogData&) {}},
      {"matter 5000 from", [&](CatalogData& d) { d.matters[5000].effective_from = day; }},
      {"matter 4096 until", [&](CatalogData& d) { d.matters[4096].effective_until = day; }},
      {"the last matter's first use", [&](CatalogData& d) { d.matters.back().materials[0].validity.until = day; }},
      {"the last bundle", [&](CatalogData& d) { d.bundles.back().validity.from = day; }},
  };
  for (const auto& [what, change] : cases) {
    CatalogData data = plain;
    change(data);
    const bool expected = std::string(what) != "nothing";
    auto built = Catalog::from_data(std::move(data));
    ASSERT_TRUE(built.ok()) << what << ": " << built.status();
    EXPECT_EQ(built->dated(), expected) << what;
    auto loaded = Catalog::load_json(built->save_json());
    ASSERT_TRUE(loaded.ok()) << what << ": " << loaded.status();
    EXPECT_EQ(loaded->dated(), expected) << what;
  }
}

Catalog dated() {
  auto c = Catalog::load_json(kDated);
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

Date day(const char* text) { return *parse_date(text); }

std::vector<Problem> problems_of(const std::string& json) {
  std::vector<Problem> problems;
  EXPECT_FALSE(Catalog::load_json(json, &problems).ok());
  return problems;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ElementValidity, ReadWrittenCanonicallyAndDated) {
  const Catalog c = dated();
  EXPECT_TRUE(c.dated());
  const Matter& a = c.matters()[0];
  ASSERT_EQ(a.periods.size(), 3u);  // kept in the order of the fields: fee, online, is_express
  EXPECT_EQ(a.periods[0].field, DatedField::kFee);
  EXPECT_EQ(*a.periods[0].validity.until, day("2017-07-31"));
  EXPECT_FALSE(a.periods[0].validity.from);
  EXPECT_EQ(a.periods[2].field, DatedField::kExpress);
  EXPECT_EQ(*a.materials[1].validity.until, day("2017-07-11"));
  EXPECT_EQ(*c.bundles()[0].validity.from, day("2017-09-01"));
  const std::string saved = c.save_json();
  EXPECT_THAT(saved, HasSubstr("\"periods\": {\n"));
  auto again = Catalog::load_json(saved);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, c);
  EXPECT_EQ(again->save_json(), saved);
  // Written in any order, periods come back in the fields' order.
  auto shuffled = Catalog::load_json(
      replaced(kDated, R"("periods": {"fee": {"until": "2017-07-31"}, "online": {"from": "2017-07-12"},)",
               R"("periods": {"online": {"from": "2017-07-12"}, "fee": {"until": "2017-07-31"},)"));
  ASSERT_TRUE(shuffled.ok()) << shuffled.status();
  EXPECT_EQ(shuffled->save_json(), saved);
}

TEST(ElementValidity, AnUndatedCatalogueIsNotDatedAndSavesAsBefore) {
  const std::string plain = replaced(
      replaced(replaced(replaced(kDated, R"({"material": "proof", "effective_until": "2017-07-11"})", R"("proof")"),
                        R"(,
     "periods": {"fee": {"until": "2017-07-31"}, "online": {"from": "2017-07-12"},
                 "is_express": {"from": "2017-07-05"}})",
                        ""),
               R"(,
     "effective_from": "2017-07-12")",
               ""),
      R"(, "effective_from": "2017-09-01")", "");
  auto c = Catalog::load_json(plain);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(c->dated());
  EXPECT_EQ(c->save_json().find("period"), std::string::npos);
  EXPECT_EQ(c->save_json().find("effective_"), std::string::npos);
  EXPECT_THAT(c->save_json(), HasSubstr("\"proof\"\n"));  // a use without overrides stays a plain id
  // Nothing dated: as_of and the evaluation on a day are the catalogue itself.
  EXPECT_EQ(&c->as_of(day("2017-07-11"))->internals(), &c->internals());
}

TEST(ElementValidity, BadPeriodsAreProblemsAtTheirPaths) {
  auto p = problems_of(
      replaced(kDated, R"("fee": {"until": "2017-07-31"})", R"("fee": {"from": "2017-08-01", "until": "2017-07-31"})"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].periods.fee.until");
  EXPECT_THAT(p[0].message, HasSubstr("fee holds until 2017-07-31, before it starts (2017-08-01)"));

  p = problems_of(
      replaced(kDated, R"({"material": "proof", "effective_until": "2017-07-11"})",
               R"({"material": "proof", "effective_from": "2017-08-01", "effective_until": "2017-07-11"})"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].materials[1].effective_until");

  p = problems_of(replaced(kDated, R"("effective_from": "2017-09-01")",
                           R"("effective_from": "2017-09-01", "effective_until": "2017-08-31")"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.bundles[0].effective_until");

  // A period of a channel the matter does not offer, an unknown field, an empty period.
  p = problems_of(replaced(kDated, R"("is_express": {"from": "2017-07-05"})",
                           R"("is_express": {"from": "2017-07-05"}, "is_postal": {"from": "2017-07-05"})"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].periods.is_postal");
  EXPECT_THAT(p[0].message, HasSubstr("which the matter does not offer"));
  p = problems_of(replaced(kDated, R"("is_express": {"from": "2017-07-05"})",
                           R"("is_express": {"from": "2017-07-05"}, "promise_day": {"from": "2017-07-05"})"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].periods.promise_day");
  EXPECT_THAT(p[0].message, HasSubstr("unknown field"));
  p = problems_of(replaced(kDated, R"("is_express": {"from": "2017-07-05"})", R"("is_express": {})"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].periods.is_express");
  p = problems_of(replaced(kDated, R"("fee": {"until": "2017-07-31"})", R"("fee": {"until": "2017-07-32"})"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].periods.fee.until");
}

TEST(ElementValidity, OverlappingPeriodsOfOneElement) {
  // The same material twice in one matter, the periods overlapping.
  auto p = problems_of(replaced(kDated, R"({"material": "proof", "effective_until": "2017-07-11"}])",
                                R"({"material": "proof", "effective_until": "2017-07-11"},
                                   {"material": "proof", "original": false, "effective_from": "2017-07-01"}])"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.matters[0].materials[2]");
  EXPECT_THAT(p[0].message, HasSubstr("overlapping validity periods (always to 2017-07-11, and 2017-07-01 to open)"));
  // Disjoint periods: still one use per material, with the reason.
  p = problems_of(replaced(kDated, R"({"material": "proof", "effective_until": "2017-07-11"}])",
                           R"({"material": "proof", "effective_until": "2017-07-11"},
                              {"material": "proof", "original": false, "effective_from": "2017-07-12"}])"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("a matter lists a material once"));
  // The same bundle twice, overlapping.
  p = problems_of(replaced(kDated, R"("effective_from": "2017-09-01"}])",
                           R"("effective_from": "2017-09-01"},
                              {"id": "AB", "name": "AB", "lead": "a", "members": ["A"], "effective_until": "2017-12-31"}])"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "$.bundles[1].id");
  EXPECT_THAT(p[0].message, HasSubstr("overlapping validity periods (2017-09-01 to open, and always to 2017-12-31)"));
}

TEST(ElementValidity, AsOfLeavesOutWhatDoesNotHoldAndSharesTheRest) {
  const Catalog c = dated();
  // 07-04: no express yet, the proof still asked for, no online application; N and the bundle not yet.
  auto jul4 = c.as_of(day("2017-07-04"));
  ASSERT_TRUE(jul4.ok()) << jul4.status();
  ASSERT_EQ(jul4->matters().size(), 2u);
  EXPECT_FALSE(jul4->find_matter("N"));
  EXPECT_TRUE(jul4->bundles().empty());
  const Matter& a4 = jul4->matters()[0];
  EXPECT_FALSE(a4.express_delivery);
  EXPECT_EQ(a4.online, OnlineApplication::kNone);
  EXPECT_EQ(a4.materials.size(), 2u);
  EXPECT_EQ(a4.fee_fen, 2000);
  // Applicant: submit in person, collect in person (the fee paid online) = 2 trips.
  EXPECT_EQ(evaluate_trips(*jul4, 0).trips, 2);

  // 07-11: express from 07-05: submit in person only = 1 trip.
  auto jul11 = c.as_of(day("2017-07-11"));
  ASSERT_TRUE(jul11.ok());
  EXPECT_EQ(evaluate_trips(*jul11, 0).trips, 1);

  // 07-12: fully online with no original to show, result by express: 0 trips.
  // Every matter in force: numbered as the catalogue, the unchanged ones shared.
  auto jul12 = c.as_of(day("2017-07-12"));
  ASSERT_TRUE(jul12.ok());
  ASSERT_EQ(jul12->matters().size(), 2u + 1u);
  EXPECT_EQ(&jul12->matters()[1], &c.matters()[1]);
  EXPECT_EQ(&jul12->matters()[2], &c.matters()[2]);
  EXPECT_NE(&jul12->matters()[0], &c.matters()[0]);
  EXPECT_EQ(jul12->matters()[0].materials.size(), 1u);
  EXPECT_EQ(evaluate_trips(*jul12, 0).trips, 0);
  EXPECT_TRUE(jul12->bundles().empty());

  // 08-01: the fee is gone, and with it its online payment and its period.
  auto aug = c.as_of(day("2017-08-01"));
  ASSERT_TRUE(aug.ok());
  const Matter& a8 = aug->matters()[0];
  EXPECT_EQ(a8.fee_fen, 0);
  EXPECT_FALSE(a8.online_payment);
  ASSERT_EQ(a8.periods.size(), 2u);
  EXPECT_EQ(a8.periods[0].field, DatedField::kOnline);
  // The catalogue of a day is a catalogue: saved and loaded back equal.
  EXPECT_EQ(*Catalog::load_json(aug->save_json()), *aug);

  // 09-01: the bundle is offered.
  auto sep = c.as_of(day("2017-09-01"));
  ASSERT_TRUE(sep.ok());
  ASSERT_EQ(sep->bundles().size(), 1u);
  EXPECT_EQ(sep->bundles()[0].id, "AB");
}

TEST(EvaluationOnADay, TheNoticeReadsTheCatalogueOfItsAcceptanceDay) {
  const Catalog c = dated();
  const Calendar china = Calendar::china();
  NoticeOptions options;
  options.calendar = &china;
  options.start = day("2017-07-11");
  auto n11 = notice(c, "A", std::vector<Answer>{}, options);
  ASSERT_TRUE(n11.ok()) << n11.status();
  EXPECT_EQ(n11->trips.trips, 1);
  EXPECT_EQ(n11->materials.size(), 2u);  // the form and the proof
  options.start = day("2017-07-12");
  auto n12 = notice(c, "A", std::vector<Answer>{}, options);
  ASSERT_TRUE(n12.ok()) << n12.status();
  EXPECT_EQ(n12->trips.trips, 0);
  EXPECT_EQ(n12->materials.size(), 1u);
  // A matter not in force on the day: named, with the day and its period.
  options.start = day("2017-07-11");
  auto early = notice(c, "N", std::vector<Answer>{}, options);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.status().message(),
              HasSubstr("matter \"N\" (新事项) is not in force on 2017-07-11: it holds 2017-07-12 to open"));
  // A bundle before it is offered.
  auto bundle = notice(c, "AB", std::vector<Answer>{}, options);
  ASSERT_FALSE(bundle.ok());
  EXPECT_THAT(bundle.status().message(), HasSubstr("bundle \"AB\" is not in force on 2017-07-11"));
}

TEST(EvaluationOnADay, DueDatesScheduleAndTheWholeEvaluation) {
  const Catalog c = dated();
  const Calendar china = Calendar::china();
  const MatterIndex n = *c.find_matter("N");
  auto early = matter_due(c, china, n, day("2017-07-11"));
  ASSERT_FALSE(early.ok());
  EXPECT_THAT(early.status().message(), HasSubstr("matter \"N\" (新事项) is not in force on 2017-07-11"));
  auto due = matter_due(c, china, n, day("2017-07-12"));
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_EQ(due->due, day("2017-07-12"));  // immediate
  // The bundle from 09-01: 2017-09-01 (Fri) + 10 working days = 09-15.
  EXPECT_FALSE(schedule_bundle(c, 0, china, day("2017-08-31")).ok());
  auto s = schedule_bundle(c, 0, china, day("2017-09-01"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(*s->due, day("2017-09-15"));
  // The whole catalogue with a start date: the catalogue in force that day.
  // N (from 07-12) and the bundle (from 09-01) are not: listed, left out of
  // the figures and the indicators, the others evaluated as as_of gives them.
  EvaluationOptions options;
  options.start = day("2017-07-11");
  auto whole = evaluate_catalog(c, china, options);
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->matters_not_in_force, std::vector<uint32_t>{n});
  EXPECT_EQ(whole->bundles_not_in_force, std::vector<uint32_t>{0});
  EXPECT_EQ(whole->matter_trips[n], 0);
  EXPECT_EQ(whole->matter_due[n], kMissingDay);
  EXPECT_EQ(whole->bundle_due[0], kMissingDay);
  auto c11 = c.as_of(day("2017-07-11"));
  ASSERT_TRUE(c11.ok());
  auto e11 = evaluate_catalog(*c11, china, options);
  ASSERT_TRUE(e11.ok()) << e11.status();
  ASSERT_EQ(c11->matters().size(), 2u);
  for (size_t j = 0; j < c11->matters().size(); ++j) {
    const MatterIndex i = *c.find_matter(c11->matters()[j].code);
    EXPECT_EQ(whole->matter_trips[i], e11->matter_trips[j]);
    EXPECT_EQ(whole->matter_worst_case[i], e11->matter_worst_case[j]);
    EXPECT_EQ(whole->matter_due[i], e11->matter_due[j]);
  }
  EXPECT_EQ(whole->matter_trips[0], 1);  // A on 07-11: submitted at the window (online from 07-12), sent by express
  auto counted = indicators(c, *whole);
  auto direct = indicators(*c11, *e11);
  ASSERT_TRUE(counted.ok() && direct.ok());
  EXPECT_EQ(counted->matters, 2);
  EXPECT_EQ(counted->bundles, 0);
  EXPECT_DOUBLE_EQ(counted->mean_trips, direct->mean_trips);
  EXPECT_DOUBLE_EQ(counted->share_at_most_one_trip, direct->share_at_most_one_trip);
  // A day when everything is in force lists nothing.
  auto c12 = c.as_of(day("2017-09-01"));
  ASSERT_TRUE(c12.ok());
  options.start = day("2017-09-01");
  auto e = evaluate_catalog(c, china, options);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_TRUE(e->matters_not_in_force.empty());
  EXPECT_TRUE(e->bundles_not_in_force.empty());
  auto e12 = evaluate_catalog(*c12, china, options);
  ASSERT_TRUE(e12.ok());
  EXPECT_EQ(e->matter_trips, e12->matter_trips);
  EXPECT_EQ(e->matter_trips[0], 0);
  EXPECT_EQ(evaluate_catalog(c).value().matter_trips[0], 1);  // undated: every element, the proof shown
}

// A case clock takes its limit from the catalogue of its acceptance day: a
// promised limit cut from 10 to 5 working days on 08-01 leaves a case
// accepted on 07-20 at 10 (due 08-03), also when its clock is read on 08-10.
TEST(EvaluationOnADay, ACaseClockKeepsTheLimitOfItsAcceptance) {
  const Catalog c = dated();
  const Calendar china = Calendar::china();
  Scenario scenario;
  Reform cut;
  cut.kind = ReformKind::kPromisedLimit;
  cut.target.matters = {"B"};
  cut.days = 5;
  cut.effective_from = day("2017-08-01");
  scenario.reforms.push_back(cut);
  const Date accepted = day("2017-07-20"), read = day("2017-08-10");
  auto then = as_of(c, scenario, accepted);
  auto now = as_of(c, scenario, read);
  ASSERT_TRUE(then.ok() && now.ok());
  const MatterIndex b = *then->find_matter("B");
  EXPECT_EQ(then->matters()[b].promised_limit.value, 10);
  EXPECT_EQ(now->matters()[*now->find_matter("B")].promised_limit.value, 5);
  auto due = matter_due(*then, china, b, accepted);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->due, day("2017-08-03"));
  const ClockEvent events[] = {
      {ClockEventKind::kAccepted, accepted, then->matters()[b].promised_limit.value, PauseReason::kOther}};
  auto clock = clock_state(events, china, read);
  ASSERT_TRUE(clock.ok()) << clock.status();
  EXPECT_EQ(clock->limit, 10);
  EXPECT_EQ(*clock->due, due->due);
  EXPECT_EQ(clock->status, ClockStatus::kOverdue);
}

TEST(ElementValidity, TheDiffNamesAChangedPeriod) {
  const Catalog c = dated();
  auto aug = c.as_of(day("2017-08-01"));
  ASSERT_TRUE(aug.ok());
  const CatalogDiff d = diff(c, *aug);
  std::vector<std::string> fields;
  for (const FieldChange& f : d.changes) {
    if (f.id == "A") fields.push_back(f.field);
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("fee", "materials", "online_payment", "periods.fee"));
  for (const FieldChange& f : d.changes) {
    if (f.field == "periods.fee") {
      EXPECT_EQ(f.before, R"({"until":"2017-07-31"})");
      EXPECT_EQ(f.after, "");
      EXPECT_FALSE(f.affects_figures);
    }
    if (f.field == "fee") {
      EXPECT_TRUE(f.affects_figures);
    }
  }
  // A material use whose period alone changes changes no figure.
  CatalogData data = c.to_data();
  data.matters[0].materials[1].validity.until = day("2017-07-20");
  auto moved = Catalog::from_data(data);
  ASSERT_TRUE(moved.ok());
  const CatalogDiff dm = diff(c, *moved);
  ASSERT_EQ(dm.changes.size(), 1u);
  EXPECT_EQ(dm.changes[0].field, "materials");
  EXPECT_FALSE(dm.changes[0].affects_figures);
}

// Volumes and savings follow a bundle's own period: a volume of a month before
// it is offered is a problem at its CSV line; in the roadmap it saves nothing
// before then. B by express from 08-15 saves B's trip for 13 of August's 23
// working days, and from September also the bundle's (2 trips to 1).
TEST(ElementValidity, TheRoadmapFollowsABundlesPeriod) {
  const Catalog c = dated();
  std::vector<Problem> problems;
  auto bad = load_monthly_volumes_csv(c, "month,id,volume\n2017-09,AB,4\n2017-08,AB,4\n", &problems);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "line 3");
  EXPECT_THAT(problems[0].message, HasSubstr("no catalogue offers it then (in force 2017-09-01 to open)"));

  Scenario scenario;
  Reform express;
  express.kind = ReformKind::kExpressDelivery;
  express.target.matters = {"B"};
  express.effective_from = day("2017-08-15");
  scenario.reforms.push_back(express);
  RoadmapOptions options;
  options.from = day("2017-08-01");
  options.to = day("2017-09-30");
  auto r = roadmap(c, scenario, Calendar::china(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->months.size(), 2u);
  EXPECT_NEAR(r->months[0].trips_saved, 13.0 / 23.0, 1e-9);
  // September: B's case saves its trip; AB, offered only from 09-01, was not
  // in force on 08-15 and comes into force as the catalogue then holds it
  // (express included): the reform saved nothing on it (as of each day).
  EXPECT_NEAR(r->months[1].trips_saved, 1.0, 1e-9);
  ASSERT_EQ(r->reforms.size(), 2u);
  EXPECT_EQ(r->reforms[1].label, "period: bundle AB offered from 2017-09-01");
  EXPECT_EQ(r->reforms[1].bundles_changed, 0);
  auto plain = roadmap_by_reapplying(c, scenario, Calendar::china(), options);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_NEAR(plain->months[0].trips_saved, 13.0 / 23.0, 1e-9);
  EXPECT_NEAR(plain->months[1].trips_saved, 1.0, 1e-9);
}

}  // namespace
}  // namespace onetrip
