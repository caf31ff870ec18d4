// BPMN 2.0 out and in (onetrip/bpmn.hpp): export then import gives back the
// bundle's structure (members, edges with kind and days, lead, acceptance,
// results, handling, the members' limits) over every Yuyao bundle and 1,000
// generated ones, in every engine's dialect; dated timers are the calendar's
// due dates; a process from another modeller is read with everything it
// cannot map listed; bad files are refused naming what and where.
#include "onetrip/bpmn.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onetrip/generate.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "pugixml.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

const std::string kYuyao = std::string(ONETRIP_SOURCE_DIR) + "/examples/yuyao-2017/catalog.json";

struct Structure {
  std::vector<std::string> members;
  std::vector<std::tuple<std::string, std::string, EdgeKind, int32_t>> edges;
  std::string lead;
  Acceptance acceptance;
  Results results;
  JointHandling handling;
  std::vector<std::tuple<ProjectType, int32_t, LimitUnit>> limits;
  auto fields() const { return std::tie(members, edges, lead, acceptance, results, handling, limits); }
  friend bool operator==(const Structure& a, const Structure& b) { return a.fields() == b.fields(); }
};

Structure structure(const Catalog& catalog, BundleIndex index) {
  const Bundle& b = catalog.bundles()[index];
  Structure s;
  for (MatterIndex m : b.members) {
    const Matter& matter = catalog.matters()[m];
    s.members.push_back(matter.code);
    const bool promised = matter.project_type == ProjectType::kPromised && matter.promised_limit.value > 0;
    s.limits.emplace_back(promised ? ProjectType::kPromised : ProjectType::kImmediate,
                          promised ? matter.promised_limit.value : 0,
                          promised ? matter.promised_limit.unit : LimitUnit::kWorkdays);
  }
  for (const BundleEdge& e : b.edges) s.edges.emplace_back(s.members[e.from], s.members[e.to], e.kind, e.days);
  std::sort(s.edges.begin(), s.edges.end());
  s.lead = catalog.departments()[b.lead].id;
  s.acceptance = b.acceptance;
  s.results = b.results;
  s.handling = b.handling;
  return s;
}

void expect_round_trip(const Catalog& catalog, BundleIndex index, BpmnEngine engine,
                       std::optional<Date> accepted = std::nullopt) {
  BpmnOptions options;
  options.engine = engine;
  options.accepted = accepted;
  auto xml = export_bpmn(catalog, index, options);
  ASSERT_TRUE(xml.ok()) << xml.status();
  auto back = import_bpmn(*xml);
  ASSERT_TRUE(back.ok()) << catalog.bundles()[index].id << ": " << back.status();
  EXPECT_THAT(back->unmapped, ::testing::IsEmpty()) << catalog.bundles()[index].id;
  auto found = back->catalog.find_bundle(catalog.bundles()[index].id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(back->bundle_id, catalog.bundles()[index].id);
  EXPECT_TRUE(structure(back->catalog, *found) == structure(catalog, index)) << catalog.bundles()[index].id;
  // The rules give the same answers on the skeleton for what a process holds.
  EXPECT_EQ(schedule_bundle(back->catalog, *found).counted_workdays, schedule_bundle(catalog, index).counted_workdays)
      << "the limits and transfers are the administration's counted days";
}

TEST(Bpmn, YuyaoBundlesRoundTripInEveryEngine) {
  auto catalog = Catalog::load_file(kYuyao);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  ASSERT_GE(catalog->bundles().size(), 5u);
  for (BundleIndex b = 0; b < catalog->bundles().size(); ++b) {
    for (auto engine : {BpmnEngine::kPlain, BpmnEngine::kFlowable, BpmnEngine::kCamunda}) {
      expect_round_trip(*catalog, b, engine);
      expect_round_trip(*catalog, b, engine, *parse_date("2017-09-29"));  // dated timers read back too
    }
  }
}

// The process's documentation carries what onetrip computed for the bundle:
// its trips (complete and worst case), window contacts, critical path and
// working days, each trip with its needs, as the trip and time rules say.
TEST(Bpmn, DocumentationCarriesTheComputedTripsAndCriticalPath) {
  auto catalog = Catalog::load_file(kYuyao);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  for (BundleIndex b = 0; b < catalog->bundles().size(); ++b) {
    auto xml = export_bpmn(*catalog, b);
    ASSERT_TRUE(xml.ok()) << xml.status();
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xml->c_str()));
    const std::string text =
        doc.document_element().child("bpmn:process").child("bpmn:documentation").text().as_string();
    const TripResult trips = evaluate_bundle_trips(*catalog, b);
    const BundleSchedule schedule = schedule_bundle(*catalog, b);
    std::vector<std::string> path;
    for (uint32_t m : schedule.critical_path) path.push_back(catalog->matters()[catalog->bundles()[b].members[m]].name);
    const std::string& id = catalog->bundles()[b].id;
    EXPECT_THAT(text, HasSubstr(absl::StrCat("onetrip: ", trips.trips, " trip(s) with complete materials, ",
                                             trips.worst_case, " with one secondary material missing; ",
                                             trips.window_contacts, " window contact(s).")))
        << id;
    EXPECT_THAT(text, HasSubstr(absl::StrCat("Critical path: ", absl::StrJoin(path, " → "), ", ", schedule.workdays,
                                             " working day(s)")))
        << id;
    for (size_t t = 0; t < trips.trip_list.size(); ++t) {
      EXPECT_THAT(text, HasSubstr(absl::StrCat("\nTrip ", t + 1, " (working day ", trips.trip_list[t].moment))) << id;
      for (const Need& need : trips.trip_list[t].needs) EXPECT_THAT(text, HasSubstr(describe(*catalog, need))) << id;
    }
  }
}

TEST(Bpmn, ThousandGeneratedBundlesRoundTrip) {
  int checked = 0;
  const JointHandling handlings[] = {JointHandling::kNone, JointHandling::kUnified, JointHandling::kJoint,
                                     JointHandling::kCentralized};
  for (int32_t members : {1, 3, 7, 15}) {
    GeneratorOptions options;
    options.seed = 20 + members;
    options.matters = 500;
    options.bundles_per_matter = 0.5;
    options.bundle_members = members;
    auto generated = generate_catalog(options);
    ASSERT_TRUE(generated.ok()) << generated.status();
    CatalogData data = generated->to_data();
    for (size_t b = 0; b < data.bundles.size(); ++b) {
      data.bundles[b].handling = handlings[b % 4];
      for (size_t e = 0; e < data.bundles[b].edges.size(); ++e) data.bundles[b].edges[e].days = (b + e) % 3;
    }
    auto catalog = Catalog::from_data(std::move(data));
    ASSERT_TRUE(catalog.ok()) << catalog.status();
    for (BundleIndex b = 0; b < catalog->bundles().size(); ++b, ++checked) {
      expect_round_trip(*catalog, b, static_cast<BpmnEngine>(b % kBpmnEngineCount),
                        b % 2 == 0 ? std::optional<Date>() : parse_date("2018-03-01").value());
      if (::testing::Test::HasFailure()) return;
    }
  }
  EXPECT_EQ(checked, 1000);
}

pugi::xml_node by_id(const pugi::xml_document& doc, const std::string& id) {
  return doc.select_node(("//*[@id='" + id + "']").c_str()).node();
}

TEST(Bpmn, DatedTimersAreTheCalendarsDueDates) {
  auto catalog = Catalog::load_file(kYuyao);
  ASSERT_TRUE(catalog.ok());
  const BundleIndex b = *catalog->find_bundle("guihua-simen");
  const Calendar china = Calendar::china();
  BpmnOptions options;
  options.engine = BpmnEngine::kFlowable;
  options.accepted = *parse_date("2017-09-29");  // the National Day holiday follows
  auto xml = export_bpmn(*catalog, b, options);
  ASSERT_TRUE(xml.ok()) << xml.status();
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml->c_str()));
  const BundleSchedule schedule = schedule_bundle(*catalog, b);
  for (size_t m = 0; m < schedule.members.size(); ++m) {
    const Matter& matter = catalog->matters()[catalog->bundles()[b].members[m]];
    auto start = china.add_workdays(*options.accepted, schedule.members[m].earliest_start);
    ASSERT_TRUE(start.ok());
    auto due = limit_end(china, *start, matter.promised_limit);
    ASSERT_TRUE(due.ok());
    const std::string expected = format_date(*due) + "T23:59:59+08:00";
    const std::string n = std::to_string(m + 1);
    auto timer = by_id(doc, "Limit_" + n);
    ASSERT_TRUE(timer) << n;
    EXPECT_EQ(std::string(timer.attribute("attachedToRef").value()), "Task_" + n);
    EXPECT_EQ(std::string(timer.child("bpmn:timerEventDefinition").child_value("bpmn:timeDate")), expected);
    EXPECT_EQ(std::string(by_id(doc, "Task_" + n).attribute("flowable:dueDate").value()), expected);
  }
  // Out of the calendar's coverage: refused, not guessed.
  options.accepted = *parse_date("2026-12-30");
  auto late = export_bpmn(*catalog, b, options);
  EXPECT_FALSE(late.ok());
}

TEST(Bpmn, UndatedTimersNameTheBusinessCalendar) {
  auto catalog = Catalog::load_file(kYuyao);
  ASSERT_TRUE(catalog.ok());
  const BundleIndex b = *catalog->find_bundle("guihua-simen");
  BpmnOptions options;
  options.engine = BpmnEngine::kFlowable;
  options.business_calendar = "chinaWorkdays";
  auto flowable = export_bpmn(*catalog, b, options);
  ASSERT_TRUE(flowable.ok());
  EXPECT_THAT(*flowable, HasSubstr("flowable:businessCalendarName=\"chinaWorkdays\""));
  EXPECT_THAT(*flowable, HasSubstr("flowable:candidateGroups=\"guihua\""));
  EXPECT_THAT(*flowable, HasSubstr("<bpmn:timeDuration>P7D</bpmn:timeDuration>"));
  options.engine = BpmnEngine::kCamunda;
  auto camunda = export_bpmn(*catalog, b, options);
  ASSERT_TRUE(camunda.ok());
  EXPECT_THAT(*camunda, HasSubstr("${chinaWorkdays.workdaysFromNow(7)}"));
  EXPECT_THAT(*camunda, HasSubstr("camunda:candidateGroups=\"guihua\""));
  EXPECT_THAT(*camunda, ::testing::Not(HasSubstr("flowable:")));
  options.engine = BpmnEngine::kPlain;
  auto plain = export_bpmn(*catalog, b, options);
  ASSERT_TRUE(plain.ok());
  EXPECT_THAT(*plain, HasSubstr("<bpmn:formalExpression>group(guihua)</bpmn:formalExpression>"));
  EXPECT_THAT(*plain, ::testing::Not(HasSubstr("camunda:")));
  EXPECT_THAT(*plain, ::testing::Not(HasSubstr("flowable:")));
  options.business_calendar = "not a name";
  auto bad = export_bpmn(*catalog, b, options);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("not a name"));
  EXPECT_FALSE(export_bpmn(*catalog, static_cast<BundleIndex>(catalog->bundles().size()), {}).ok());
}

TEST(Bpmn, JointHandlingCarriesTheFortyFiveDayLimit) {
  auto loaded = Catalog::load_file(kYuyao);
  ASSERT_TRUE(loaded.ok());
  CatalogData data = loaded->to_data();
  for (auto& bundle : data.bundles) bundle.handling = JointHandling::kJoint;
  auto catalog = Catalog::from_data(std::move(data));
  ASSERT_TRUE(catalog.ok());
  auto xml = export_bpmn(*catalog, *catalog->find_bundle("road-excavation"));
  ASSERT_TRUE(xml.ok());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml->c_str()));
  auto timer = by_id(doc, "Limit_Joint");
  ASSERT_TRUE(timer);
  EXPECT_EQ(std::string(timer.attribute("attachedToRef").value()), "Review");
  EXPECT_EQ(timer.attribute("onetrip:limit").as_int(), 45);
  EXPECT_EQ(std::string(timer.attribute("cancelActivity").value()), "false");
  EXPECT_TRUE(by_id(doc, "Review").select_node(".//bpmn:userTask[@id='Task_1']"));
  EXPECT_THAT(*xml, HasSubstr("联合办理"));
}

TEST(Bpmn, EveryElementAndFlowIsDrawnLeftToRight) {
  auto catalog = Catalog::load_file(kYuyao);
  ASSERT_TRUE(catalog.ok());
  for (BundleIndex b = 0; b < catalog->bundles().size(); ++b) {
    auto xml = export_bpmn(*catalog, b);
    ASSERT_TRUE(xml.ok());
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xml->c_str()));
    auto process = doc.select_node("//bpmn:process").node();
    for (auto element : process.select_nodes(".//*[@id]")) {
      const std::string id = element.node().attribute("id").value();
      const std::string name = element.node().name();
      if (name == "bpmn:timerEventDefinition" || name == "bpmn:messageEventDefinition" ||
          name == "bpmn:potentialOwner") {
        continue;
      }
      const bool edge = name == "bpmn:sequenceFlow";
      auto di = doc.select_node(
          ("//bpmndi:" + std::string(edge ? "BPMNEdge" : "BPMNShape") + "[@bpmnElement='" + id + "']").c_str());
      EXPECT_TRUE(di) << id << " has no diagram element";
    }
    // Members in a later column start later: an edge never runs leftwards.
    for (auto flow : process.select_nodes(".//bpmn:sequenceFlow")) {
      auto edge = doc.select_node(
          ("//bpmndi:BPMNEdge[@bpmnElement='" + std::string(flow.node().attribute("id").value()) + "']").c_str());
      double first = -1, last = -1;
      for (auto p : edge.node().children("di:waypoint")) {
        if (first < 0) first = p.attribute("x").as_double();
        last = p.attribute("x").as_double();
      }
      EXPECT_LE(first, last) << flow.node().attribute("id").value();
    }
  }
}

constexpr const char* kForeign = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:f="http://flowable.org/bpmn"
             targetNamespace="x">
  <process id="permit" name="施工许可">
    <startEvent id="s"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
    <parallelGateway id="fork"/>
    <sequenceFlow id="f2" sourceRef="fork" targetRef="fire"/>
    <sequenceFlow id="f3" sourceRef="fork" targetRef="plan"/>
    <userTask id="fire" name="消防审查" f:candidateGroups="xiaofang"/>
    <userTask id="plan" name="规划审查" f:candidateGroups="guihua, zhujian"/>
    <sequenceFlow id="f4" sourceRef="fire" targetRef="join"/>
    <sequenceFlow id="f5" sourceRef="plan" targetRef="join"/>
    <parallelGateway id="join"/>
    <sequenceFlow id="f6" sourceRef="join" targetRef="notify"/>
    <serviceTask id="notify" name="短信通知"/>
    <sequenceFlow id="f7" sourceRef="notify" targetRef="choice"/>
    <exclusiveGateway id="choice"/>
    <sequenceFlow id="f8" sourceRef="choice" targetRef="permitTask"><conditionExpression>${ok}</conditionExpression></sequenceFlow>
    <userTask id="permitTask" name="施工许可" f:candidateGroups="zhujian"/>
    <sequenceFlow id="f9" sourceRef="permitTask" targetRef="e"/>
    <endEvent id="e"/>
  </process>
</definitions>)";

TEST(Bpmn, ImportsAnotherModellersProcessListingWhatItCannotMap) {
  auto imported = import_bpmn(kForeign);
  ASSERT_TRUE(imported.ok()) << imported.status();
  const Catalog& catalog = imported->catalog;
  ASSERT_EQ(catalog.bundles().size(), 1u);
  const Structure s = structure(catalog, 0);
  EXPECT_EQ(s.members, (std::vector<std::string>{"fire", "plan", "permitTask"}));
  using E = std::tuple<std::string, std::string, EdgeKind, int32_t>;
  EXPECT_EQ(s.edges, (std::vector<E>{{"fire", "permitTask", EdgeKind::kInternal, 0},
                                     {"plan", "permitTask", EdgeKind::kInternal, 0}}));
  EXPECT_EQ(catalog.departments()[catalog.matters()[1].department].id, "guihua");
  std::vector<std::string> listed;
  for (const auto& u : imported->unmapped) listed.push_back(u.kind + " " + u.id);
  EXPECT_THAT(listed, ::testing::UnorderedElementsAre("userTask plan", "serviceTask notify", "exclusiveGateway choice",
                                                      "sequenceFlow f8", "process permit"));
  EXPECT_EQ(s.lead, "xiaofang");  // none named: the first review's department, listed
}

// An element whose tag has a prefix and no local name ("sequenceFlow:") is
// listed by its whole tag, never nameless (found by bpmn_fuzz).
TEST(Bpmn, AnElementWithAnEmptyLocalNameIsListedByItsTag) {
  std::string text = kForeign;
  const std::string flow = R"(<sequenceFlow id="f9" sourceRef="permitTask" targetRef="e"/>)";
  text.replace(text.find(flow), flow.size(), R"(<sequenceFlow: id="f9" sourceRef="permitTask" targetRef="e"/>)");
  auto imported = import_bpmn(text);
  ASSERT_TRUE(imported.ok()) << imported.status();
  std::vector<std::string> listed;
  for (const auto& u : imported->unmapped) {
    EXPECT_FALSE(u.kind.empty()) << u.id;
    EXPECT_FALSE(u.note.empty()) << u.id;
    listed.push_back(u.kind + " " + u.id);
  }
  EXPECT_THAT(listed, ::testing::Contains("sequenceFlow: f9"));
}

TEST(Bpmn, ControlCharactersNeverReachTheXml) {
  auto loaded = Catalog::load_file(kYuyao);
  ASSERT_TRUE(loaded.ok());
  CatalogData data = loaded->to_data();
  const BundleIndex b = *loaded->find_bundle("road-excavation");
  data.matters[data.bundles[b].members[0]].name =
      "a\x01"
      "b";
  auto catalog = Catalog::from_data(std::move(data));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  auto xml = export_bpmn(*catalog, b);
  ASSERT_TRUE(xml.ok());
  EXPECT_THAT(*xml, ::testing::Not(HasSubstr("&#")));
  EXPECT_THAT(*xml, HasSubstr("a\xEF\xBF\xBD"
                              "b"));
  // Read back the same way, and once more unchanged.
  auto back = import_bpmn(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <userTask id="x" name="a&#1;b"/></process></definitions>)");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->catalog.matters()[0].name,
            "a\xEF\xBF\xBD"
            "b");
}

void expect_refused(const std::string& xml, const std::string& what) {
  auto imported = import_bpmn(xml);
  ASSERT_FALSE(imported.ok()) << what;
  EXPECT_EQ(imported.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(imported.status().message()), HasSubstr(what));
}

TEST(Bpmn, BadFilesAreRefusedNamingWhatAndWhere) {
  expect_refused("", "not XML");
  expect_refused("<a><b></a>", "not XML");
  expect_refused("<html/>", "not BPMN 2.0");
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>)", "no <process>");
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <startEvent id="s"/></process></definitions>)",
                 "no process of this BPMN file has a user task");
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <userTask id="a"/><userTask id="b"/><parallelGateway id="g"/>
      <sequenceFlow id="1" sourceRef="a" targetRef="b"/><sequenceFlow id="2" sourceRef="b" targetRef="g"/>
      <sequenceFlow id="3" sourceRef="g" targetRef="a"/></process></definitions>)",
                 "cycle: a → b → a");
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <userTask id="a"/><sequenceFlow id="1" sourceRef="a" targetRef="a"/></process></definitions>)",
                 "'a' depends on itself");
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <userTask id="a"/><sequenceFlow id="f" sourceRef="a" targetRef="nowhere"/></process></definitions>)",
                 "sequenceFlow 'f': targetRef 'nowhere'");
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <userTask id="a"/><task id="a"/></process></definitions>)",
                 "id 'a' is used by two elements");
}

// The numbers the export writes (onetrip:limit and onetrip:unit on a timer,
// onetrip:days on a flow and on a wait) are read within the catalogue's bounds
// or the element is refused naming them: a limit that was no number ("-5",
// "5.5", "99999999999") made its review immediate, an unknown unit was taken
// for working days, days of flows and waits that were no number were 0, a
// number past the bound failed the catalogue at a JSON path, and a loop
// through a wait added its days until int32 wrapped (billions of steps).
TEST(Bpmn, NumbersAreReadWithinTheirBoundsOrRefusedNamingTheElement) {
  const auto timer = [](const std::string& limit, const std::string& unit) {
    return absl::StrCat(
        R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:o="urn:onetrip:bpmn:1">
      <process id="p"><userTask id="a"/><boundaryEvent id="t" attachedToRef="a" o:limit=")",
        limit, "\" o:unit=\"", unit, R"("><timerEventDefinition/></boundaryEvent></process></definitions>)");
  };
  for (const auto& [limit, unit] : std::vector<std::pair<std::string, std::string>>{
           {"36500", "workdays"}, {"36500", "natural_days"}, {"1200", "months"}, {"5", ""}}) {
    auto imported = import_bpmn(timer(limit, unit));
    ASSERT_TRUE(imported.ok()) << limit << unit << imported.status();
    EXPECT_EQ(imported->catalog.matters()[0].promised_limit.value, std::stoi(limit));
  }
  expect_refused(timer("36501", "workdays"),
                 "boundaryEvent 't': onetrip:limit=\"36501\" is not a whole number of days from 0 to 36500");
  expect_refused(timer("1201", "months"),
                 "boundaryEvent 't': onetrip:limit=\"1201\" is not a whole number of months from 0 to 1200");
  for (const std::string bad : {"-5", "5.5", "99999999999", "+5", "five"}) {
    expect_refused(timer(bad, "workdays"), absl::StrCat("onetrip:limit=\"", bad, "\" is not a whole number"));
  }
  expect_refused(timer("5", "fortnights"),
                 "boundaryEvent 't': onetrip:unit=\"fortnights\" is not workdays, natural_days or months");

  const auto flow = [](const std::string& days, const std::string& wait) {
    return absl::StrCat(
        R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:o="urn:onetrip:bpmn:1">
      <process id="p"><userTask id="a"/><userTask id="b"/><userTask id="c"/>
      <intermediateCatchEvent id="w" o:days=")",
        wait, R"("><messageEventDefinition/></intermediateCatchEvent>
      <sequenceFlow id="f" sourceRef="a" targetRef="b" o:days=")",
        days, R"("/><sequenceFlow id="g" sourceRef="b" targetRef="w"/>
      <sequenceFlow id="h" sourceRef="w" targetRef="c"/></process></definitions>)");
  };
  ASSERT_TRUE(import_bpmn(flow("3650", "3650")).ok());
  expect_refused(flow("3651", "0"),
                 "sequenceFlow 'f': onetrip:days=\"3651\" is not a whole number of days from 0 to 3650");
  expect_refused(flow("x", "0"), "sequenceFlow 'f': onetrip:days=\"x\"");
  expect_refused(flow("0", "-1"), "intermediateCatchEvent 'w': onetrip:days=\"-1\"");
  // Waits on a loop: refused once their days pass an edge's bound.
  expect_refused(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:o="urn:onetrip:bpmn:1">
      <process id="p"><userTask id="a"/><userTask id="b"/><exclusiveGateway id="g"/>
      <intermediateCatchEvent id="w" o:days="1"><messageEventDefinition/></intermediateCatchEvent>
      <sequenceFlow id="1" sourceRef="a" targetRef="g"/><sequenceFlow id="2" sourceRef="g" targetRef="w"/>
      <sequenceFlow id="3" sourceRef="w" targetRef="g"/><sequenceFlow id="4" sourceRef="g" targetRef="b"/>
      </process></definitions>)",
                 "intermediateCatchEvent 'w': the waits on the way from userTask 'a' add up to over 3650 days");
}

// A file in another encoding than UTF-8 is refused, not read as mojibake
// department names; UTF-16 with its byte order mark is converted and read.
TEST(Bpmn, EncodingsOtherThanUtf8AreRefusedAndUtf16Read) {
  const std::string body = R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <userTask id="a" name="审批"/></process></definitions>)";
  // 工程 in GBK: bytes that are not UTF-8, refused at the first.
  std::string gbk = "<?xml version=\"1.0\"?>" + body;
  const size_t at = gbk.find("审批");
  gbk.replace(at, std::string("审批").size(), "\xB9\xA4\xB3\xCC");
  expect_refused(gbk, absl::StrCat("not UTF-8: byte ", at, " "));
  expect_refused("<?xml version=\"1.0\" encoding=\"GBK\"?>" + body, "declares encoding=\"GBK\"");
  // Declared and in GBK: the declaration is named, not a byte.
  expect_refused("<?xml version=\"1.0\" encoding=\"GBK\"?>" + gbk.substr(gbk.find("?>") + 2),
                 "declares encoding=\"GBK\"");
  expect_refused("<?xml version=\"1.0\" encoding=\"gb2312\"?>" + body, "save it as UTF-8");
  ASSERT_TRUE(import_bpmn("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body).ok());
  std::string utf16 = "\xFF\xFE";  // little-endian, from the UTF-8 text (BMP only)
  const std::string text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t n = 1;
    if (c >= 0xE0) {
      cp = ((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
      n = 3;
    } else if (c >= 0xC0) {
      cp = ((c & 0x1F) << 6) | (text[i + 1] & 0x3F);
      n = 2;
    }
    utf16.push_back(static_cast<char>(cp & 0xFF));
    utf16.push_back(static_cast<char>(cp >> 8));
    i += n;
  }
  auto imported = import_bpmn(utf16);
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(imported->catalog.matters()[0].name, "审批");
}

// Nesting is bounded (a namespace is resolved through the ancestors: without
// the bound a deep file makes the import quadratic), and refused naming where.
TEST(Bpmn, DeepNestingIsRefusedNamingWhere) {
  auto nested = [](int depth) {
    std::string xml = R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">)";
    for (int i = 0; i < depth; ++i) absl::StrAppend(&xml, "<subProcess id=\"s", i, "\">");
    xml += R"(<userTask id="a"/>)";
    for (int i = 0; i < depth; ++i) xml += "</subProcess>";
    return xml + "</process></definitions>";
  };
  auto fits = import_bpmn(nested(30));
  ASSERT_TRUE(fits.ok()) << fits.status();
  EXPECT_EQ(fits->catalog.matters()[0].code, "a");
  expect_refused(nested(100000), "nested deeper than 64 levels (at <subProcess> in 's62')");
}

TEST(Bpmn, EngineNames) {
  for (auto engine : {BpmnEngine::kPlain, BpmnEngine::kFlowable, BpmnEngine::kCamunda}) {
    auto parsed = parse_bpmn_engine(to_string(engine));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, engine);
  }
  EXPECT_THAT(std::string(parse_bpmn_engine("activiti").status().message()), HasSubstr("'activiti'"));
}

}  // namespace
}  // namespace onetrip
