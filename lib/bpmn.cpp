// BPMN 2.0 out and in (onetrip/bpmn.hpp). The XML is built and read with
// pugixml; the rules (critical path, trips, 第四十二条's joint limit) come
// from schedule_bundle and evaluate_bundle_trips, never computed here.
#include "onetrip/bpmn.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "bounds.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "pugixml.hpp"
#include "text_support.hpp"

namespace onetrip {
namespace {

constexpr const char* kBpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
constexpr const char* kBpmnDiNs = "http://www.omg.org/spec/BPMN/20100524/DI";
constexpr const char* kDcNs = "http://www.omg.org/spec/DD/20100524/DC";
constexpr const char* kDiNs = "http://www.omg.org/spec/DD/20100524/DI";
constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";
constexpr const char* kFlowableNs = "http://flowable.org/bpmn";
constexpr const char* kCamundaNs = "http://camunda.org/schema/1.0/bpmn";
constexpr const char* kActivitiNs = "http://activiti.org/bpmn";
constexpr const char* kOnetripNs = "urn:onetrip:bpmn:1";
// 行政许可法 第四十二条: a joint handling decides within 45 working days.
constexpr int kJointLimitDays = 45;
// The deepest nesting of elements the import reads (a process, sub-processes
// in it, a task, its extension elements: a dozen levels in practice).
constexpr int kMaxXmlDepth = 64;

const char* engine_prefix(BpmnEngine engine) {
  switch (engine) {
    case BpmnEngine::kFlowable:
      return "flowable";
    case BpmnEngine::kCamunda:
      return "camunda";
    case BpmnEngine::kPlain:
      break;
  }
  return "";
}

const char* handling_name(JointHandling handling) {
  switch (handling) {
    case JointHandling::kUnified:
      return "unified";
    case JointHandling::kJoint:
      return "joint";
    case JointHandling::kCentralized:
      return "centralized";
    case JointHandling::kNone:
      break;
  }
  return "none";
}

const char* handling_chinese(JointHandling handling) {
  switch (handling) {
    case JointHandling::kUnified:
      return "统一办理";
    case JointHandling::kJoint:
      return "联合办理";
    case JointHandling::kCentralized:
      return "集中办理";
    case JointHandling::kNone:
      break;
  }
  return "";
}

bool is_name(std::string_view text) {
  if (text.empty()) return false;
  const auto first = static_cast<unsigned char>(text[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u == '_' || u == '.' || u == '-';
  });
}

// An XML NCName from an onetrip id: bytes outside [A-Za-z0-9_.-] become '_'.
// Not reversible; the id itself travels in an onetrip: attribute.
std::string ncname(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(std::isalnum(u) || u == '_' || u == '.' || u == '-' ? c : '_');
  }
  return out;
}

// XML 1.0 has no place for the C0 controls but tab, newline and carriage
// return, not even as &#1;: engines' parsers (Xerces) refuse the file. Each
// becomes U+FFFD, in every attribute and text of a document, on the way out
// and on the way in (pugixml decodes &#1;), so that a round trip is stable.
bool has_control(const char* text) {
  for (const char* c = text; *c != '\0'; ++c) {
    const auto u = static_cast<unsigned char>(*c);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') return true;
  }
  return false;
}

std::string replace_controls(const char* text) {
  std::string out;
  for (const char* c = text; *c != '\0'; ++c) {
    const auto u = static_cast<unsigned char>(*c);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
      out += "\xEF\xBF\xBD";
    } else {
      out.push_back(*c);
    }
  }
  return out;
}

void clean_controls(pugi::xml_node root) {
  std::vector<pugi::xml_node> stack{root};
  while (!stack.empty()) {
    pugi::xml_node node = stack.back();
    stack.pop_back();
    for (pugi::xml_attribute a : node.attributes()) {
      if (has_control(a.value())) a.set_value(replace_controls(a.value()).c_str());
    }
    if ((node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) && has_control(node.value())) {
      node.set_value(replace_controls(node.value()).c_str());
    }
    for (pugi::xml_node child : node.children()) stack.push_back(child);
  }
}

// --- export ------------------------------------------------------------------

struct Shape {
  double x = 0, y = 0, w = 0, h = 0;
  double cx() const { return x + w / 2; }
  double cy() const { return y + h / 2; }
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

struct Flow {
  std::string id, source, target, name;
  int32_t days = 0;
  bool from_boundary = false;
};

class Writer {
 public:
  Writer(const Catalog& catalog, BundleIndex index, const BpmnOptions& options)
      : catalog_(catalog), bundle_(catalog.bundles()[index]), index_(index), options_(options) {}

  absl::StatusOr<std::string> write();

 private:
  struct Node {
    std::string id;
    pugi::xml_node xml;
    Shape shape;
    bool expanded = false;  // a sub-process drawn open
  };

  pugi::xml_node element(pugi::xml_node parent, const char* kind, const std::string& id, const std::string& name) {
    auto node = parent.append_child(absl::StrCat("bpmn:", kind).c_str());
    node.append_attribute("id") = id.c_str();
    if (!name.empty()) node.append_attribute("name") = name.c_str();
    return node;
  }
  void document(pugi::xml_node node, const std::string& text) {
    // <documentation> comes first in every BPMN element's content.
    auto doc = node.prepend_child("bpmn:documentation");
    doc.append_child(pugi::node_pcdata).set_value(text.c_str());
  }
  Node& add(pugi::xml_node parent, const char* kind, const std::string& id, const std::string& name, Shape shape) {
    nodes_.push_back(Node{id, element(parent, kind, id, name), shape, false});
    return nodes_.back();
  }
  void flow(pugi::xml_node scope, const std::string& source, const std::string& target, int32_t days = 0,
            bool from_boundary = false) {
    Flow f;
    f.id = absl::StrCat("Flow_", flows_.size() + 1);
    f.source = source;
    f.target = target;
    f.days = days;
    f.from_boundary = from_boundary;
    auto xml = element(scope, "sequenceFlow", f.id, "");
    xml.append_attribute("sourceRef") = source.c_str();
    xml.append_attribute("targetRef") = target.c_str();
    if (days > 0) {
      // Days as documentation, not a label: bpmnlint finds a label on a flow
      // that leaves no gateway superfluous.
      xml.append_attribute("onetrip:days") = days;
      document(xml, absl::StrCat("internal transfer (内部流转): ", days, " working day(s)"));
    }
    flows_.push_back(std::move(f));
  }
  void candidate_group(pugi::xml_node task, const std::string& department) {
    // The id as it is (a candidate group list splits on commas).
    task.append_attribute("onetrip:department") = department.c_str();
    if (options_.engine == BpmnEngine::kPlain) {
      auto owner = task.append_child("bpmn:potentialOwner");
      owner.append_attribute("id") = absl::StrCat(task.attribute("id").value(), "_owner").c_str();
      auto expression = owner.append_child("bpmn:resourceAssignmentExpression").append_child("bpmn:formalExpression");
      expression.append_child(pugi::node_pcdata).set_value(absl::StrCat("group(", department, ")").c_str());
    } else {
      task.append_attribute(absl::StrCat(engine_prefix(options_.engine), ":candidateGroups").c_str()) =
          department.c_str();
    }
  }
  // The date `workdays` working days after acceptance, or the limit's end
  // from a member's start; only with options_.accepted.
  absl::StatusOr<Date> start_date(int32_t workdays) const {
    return calendar().add_workdays(*options_.accepted, workdays);
  }
  const Calendar& calendar() const { return options_.calendar != nullptr ? *options_.calendar : china_; }
  // A boundary timer for `limit` from `start_day` (working days after
  // acceptance), attached to `attached`, with its overdue end event below.
  absl::Status timer(pugi::xml_node scope, const Node& attached, const std::string& suffix, const Limit& limit,
                     int32_t start_day, const std::string& what);
  absl::StatusOr<std::string> due_text(const Limit& limit, int32_t start_day) const;

  const Catalog& catalog_;
  const Bundle& bundle_;
  BundleIndex index_;
  const BpmnOptions& options_;
  Calendar china_ = Calendar::china();
  std::vector<Node> nodes_;  // reserved up front: references stay valid
  std::vector<Flow> flows_;
};

std::string iso_duration(const Limit& limit) {
  return limit.unit == LimitUnit::kMonths ? absl::StrCat("P", limit.value, "M") : absl::StrCat("P", limit.value, "D");
}

std::string unit_text(LimitUnit unit) {
  switch (unit) {
    case LimitUnit::kNaturalDays:
      return "个自然日";
    case LimitUnit::kMonths:
      return "个月";
    case LimitUnit::kWorkdays:
      break;
  }
  return "个工作日";
}

absl::StatusOr<std::string> Writer::due_text(const Limit& limit, int32_t start_day) const {
  auto start = start_date(start_day);
  if (!start.ok()) return start.status();
  auto end = limit_end(calendar(), *start, limit);
  if (!end.ok()) return end.status();
  // The end of the due day in China Standard Time: the calendar is China's.
  return absl::StrCat(format_date(*end), "T23:59:59+08:00");
}

absl::Status Writer::timer(pugi::xml_node scope, const Node& attached, const std::string& suffix, const Limit& limit,
                           int32_t start_day, const std::string& what) {
  const std::string id = absl::StrCat("Limit_", suffix);
  Shape shape{attached.shape.right() - 56, attached.shape.bottom() - 18, 36, 36};
  auto& event = add(scope, "boundaryEvent", id, absl::StrCat(what, limit.value, unit_text(limit.unit)), shape);
  auto xml = event.xml;
  xml.append_attribute("attachedToRef") = attached.id.c_str();
  // The limit running out is an alert, not a cancellation: the review goes on.
  xml.append_attribute("cancelActivity") = "false";
  xml.append_attribute("onetrip:limit") = limit.value;
  xml.append_attribute("onetrip:unit") =
      limit.unit == LimitUnit::kWorkdays ? "workdays" : (limit.unit == LimitUnit::kMonths ? "months" : "natural_days");
  auto definition = xml.append_child("bpmn:timerEventDefinition");
  definition.append_attribute("id") = absl::StrCat(id, "_timer").c_str();
  if (options_.accepted) {
    auto due = due_text(limit, start_day);
    if (!due.ok()) return due.status();
    definition.append_child("bpmn:timeDate").append_child(pugi::node_pcdata).set_value(due->c_str());
    if (options_.engine != BpmnEngine::kPlain && attached.xml.name() == std::string("bpmn:userTask")) {
      pugi::xml_node task = attached.xml;
      task.append_attribute(absl::StrCat(engine_prefix(options_.engine), ":dueDate").c_str()) = due->c_str();
    }
  } else if (limit.unit != LimitUnit::kWorkdays) {
    definition.append_child("bpmn:timeDuration").append_child(pugi::node_pcdata).set_value(iso_duration(limit).c_str());
  } else if (options_.engine == BpmnEngine::kCamunda) {
    // Camunda resolves a timer's duration with its one "duration" calendar;
    // a bean's expression names onetrip's calendar for this timer alone.
    definition.append_child("bpmn:timeDate")
        .append_child(pugi::node_pcdata)
        .set_value(absl::StrCat("${", options_.business_calendar, ".workdaysFromNow(", limit.value, ")}").c_str());
  } else {
    if (options_.engine == BpmnEngine::kFlowable) {
      definition.append_attribute("flowable:businessCalendarName") = options_.business_calendar.c_str();
    }
    definition.append_child("bpmn:timeDuration").append_child(pugi::node_pcdata).set_value(iso_duration(limit).c_str());
  }
  const std::string overdue = absl::StrCat("Overdue_", suffix);
  Shape end_shape{shape.x, attached.shape.bottom() + 50, 36, 36};
  add(scope, "endEvent", overdue, "超期督办", end_shape);
  flow(scope, id, overdue, 0, true);
  return absl::OkStatus();
}

absl::StatusOr<std::string> Writer::write() {
  const auto& matters = catalog_.matters();
  const auto& departments = catalog_.departments();
  const BundleSchedule schedule = schedule_bundle(catalog_, index_);
  const TripResult trips = evaluate_bundle_trips(catalog_, index_);
  const size_t n = bundle_.members.size();
  nodes_.reserve(8 * n + 4 * bundle_.edges.size() + 32);

  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto definitions = doc.append_child("bpmn:definitions");
  definitions.append_attribute("xmlns:bpmn") = kBpmnNs;
  definitions.append_attribute("xmlns:bpmndi") = kBpmnDiNs;
  definitions.append_attribute("xmlns:dc") = kDcNs;
  definitions.append_attribute("xmlns:di") = kDiNs;
  definitions.append_attribute("xmlns:xsi") = kXsiNs;
  if (options_.engine == BpmnEngine::kFlowable) definitions.append_attribute("xmlns:flowable") = kFlowableNs;
  if (options_.engine == BpmnEngine::kCamunda) definitions.append_attribute("xmlns:camunda") = kCamundaNs;
  definitions.append_attribute("xmlns:onetrip") = kOnetripNs;
  definitions.append_attribute("id") = "Definitions_onetrip";
  definitions.append_attribute("targetNamespace") = "urn:onetrip:bundles";
  definitions.append_attribute("exporter") = "onetrip";

  // Messages first: the applicant's carrying waits refer to them.
  std::vector<size_t> applicant_edges;
  for (size_t e = 0; e < bundle_.edges.size(); ++e) {
    if (bundle_.edges[e].kind == EdgeKind::kApplicant) applicant_edges.push_back(e);
  }
  // One message per member whose result the applicant carries: each wait
  // for it catches the same message.
  std::vector<bool> carried(bundle_.members.size(), false);
  for (size_t e : applicant_edges) {
    const uint32_t from = bundle_.edges[e].from;
    if (carried[from]) continue;
    carried[from] = true;
    element(definitions, "message", absl::StrCat("Message_Result_", from + 1),
            absl::StrCat("申请人提交「", matters[bundle_.members[from]].name, "」的结果（", from + 1, "）"));
  }

  const std::string process_id = ncname("Process_", bundle_.id);
  auto process = element(definitions, "process", process_id, bundle_.name);
  process.append_attribute("isExecutable") = "true";
  process.append_attribute("onetrip:bundle") = bundle_.id.c_str();
  process.append_attribute("onetrip:lead") = departments[bundle_.lead].id.c_str();
  process.append_attribute("onetrip:acceptance") =
      bundle_.acceptance == Acceptance::kSingleWindow ? "single_window" : "separate";
  process.append_attribute("onetrip:results") = bundle_.results == Results::kTogether ? "together" : "each";
  process.append_attribute("onetrip:handling") = handling_name(bundle_.handling);
  if (bundle_.joint_inspection) process.append_attribute("onetrip:jointInspection") = "true";
  {
    std::vector<std::string> path;
    for (uint32_t m : schedule.critical_path) path.push_back(matters[bundle_.members[m]].name);
    std::string text = absl::StrCat("onetrip: ", trips.trips, " trip(s) with complete materials, ", trips.worst_case,
                                    " with one secondary material missing; ", trips.window_contacts,
                                    " window contact(s). Critical path: ", absl::StrJoin(path, " → "), ", ",
                                    schedule.workdays, " working day(s) until the last result is in hand (",
                                    schedule.counted_workdays, " counted against the limits).");
    if (bundle_.handling != JointHandling::kNone) {
      absl::StrAppend(&text, " ", handling_chinese(bundle_.handling), ": decided within ", kJointLimitDays,
                      " working days (行政许可法 第四十二条)",
                      schedule.over_joint_limit ? "; the counted working days are OVER that limit." : ".");
    }
    int number = 0;
    for (const Trip& trip : trips.trip_list) {
      std::vector<std::string> needs;
      for (const Need& need : trip.needs) needs.push_back(describe(catalog_, need));
      absl::StrAppend(&text, "\nTrip ", ++number, " (working day ", trip.moment, ", ", catalog_.halls()[trip.hall].name,
                      ", ", trip.window_contacts, " window(s)): ", absl::StrJoin(needs, "; "));
    }
    absl::StrAppend(
        &text, "\nDue dates: limits in working days are ",
        options_.accepted
            ? absl::StrCat("dates computed by onetrip from acceptance on ", format_date(*options_.accepted))
            : absl::StrCat("resolved by the business calendar '", options_.business_calendar, "' (docs/bpmn.md)"),
        ".");
    document(process, text);
  }

  // Columns by earliest start, each strictly after its predecessors'.
  std::vector<int> column(n, 0);
  {
    std::vector<int32_t> starts;
    for (const auto& member : schedule.members) starts.push_back(member.earliest_start);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    std::vector<std::vector<uint32_t>> preds(n);
    for (const auto& edge : bundle_.edges) preds[edge.to].push_back(edge.from);
    for (uint32_t m : catalog_.topological_order(index_)) {
      int c = static_cast<int>(std::lower_bound(starts.begin(), starts.end(), schedule.members[m].earliest_start) -
                               starts.begin());
      for (uint32_t p : preds[m]) c = std::max(c, column[p] + 1);
      column[m] = c;
    }
  }
  const int columns = n == 0 ? 0 : *std::max_element(column.begin(), column.end()) + 1;
  std::vector<int> in_degree(n, 0), out_degree(n, 0), carried_in(n, 0);
  for (const auto& edge : bundle_.edges) {
    ++out_degree[edge.from];
    ++in_degree[edge.to];
    if (edge.kind == EdgeKind::kApplicant) ++carried_in[edge.to];
  }
  // Rows: each member a block tall enough for its waits and its timer.
  // Each column's blocks centred on the main line; a task sits above the
  // middle of its block, its timer and overdue end below it.
  std::vector<double> row_centre(n, 0);
  double height = 0;
  std::vector<double> fill(columns, 0);
  for (size_t m = 0; m < n; ++m) {
    const double block = std::max(200.0, 60.0 * carried_in[m] + 80);
    row_centre[m] = fill[column[m]] + block / 2 - 30;
    fill[column[m]] += block;
  }
  for (double f : fill) height = std::max(height, f);
  const double top = 120;
  for (size_t m = 0; m < n; ++m) row_centre[m] += top + (height - fill[column[m]]) / 2;
  const double mid = top + height / 2 - 70;  // the main line's centre is mid + 40
  double x = 160;
  auto at_mid = [&](double w, double h) {
    Shape s{x, mid + 40 - h / 2, w, h};
    x += w + 50;
    return s;
  };

  std::vector<std::string> chain;  // the main line, in order
  add(process, "startEvent", "Start", "申请", at_mid(36, 36));
  chain.push_back("Start");
  const std::string& lead_id = departments[bundle_.lead].id;
  const std::string& lead_name = departments[bundle_.lead].name;
  if (bundle_.acceptance == Acceptance::kSingleWindow) {
    auto& accept = add(process, "userTask", "Accept", absl::StrCat(lead_name, "综合窗口受理"), at_mid(120, 80));
    accept.xml.append_attribute("onetrip:role") = "acceptance";
    candidate_group(accept.xml, lead_id);
    document(accept.xml, "一窗受理: every member's application is accepted at the lead department's window.");
    flow(process, "Start", "Accept");
    chain.push_back("Accept");
  }
  pugi::xml_node scope = process;
  size_t sub_index = 0;
  const bool joint = bundle_.handling != JointHandling::kNone;
  if (joint) {
    sub_index = nodes_.size();
    auto& sub = add(process, "subProcess", "Review", absl::StrCat(handling_chinese(bundle_.handling), "审查"), {});
    sub.expanded = true;
    sub.xml.append_attribute("onetrip:role") = "joint";
    scope = sub.xml;
    flow(process, chain.back(), "Review");
    chain.push_back("Review");
    const double sub_x = x;
    x += 30;
    add(scope, "startEvent", "Review_Start", "开始审查", at_mid(36, 36));
    nodes_[sub_index].shape.x = sub_x;
  }
  const int sources = static_cast<int>(std::count(in_degree.begin(), in_degree.end(), 0));
  const int sinks = static_cast<int>(std::count(out_degree.begin(), out_degree.end(), 0));
  std::string entry = joint ? "Review_Start" : chain.back();
  if (sources > 1) {
    add(scope, "parallelGateway", "Fork", "并联审批", at_mid(50, 50));
    flow(scope, entry, "Fork");
    entry = "Fork";
  }
  // The member columns: [waits][join][task][split] in each.
  // Each column as wide as what it holds: [waits][joins] tasks [splits].
  std::vector<bool> has_wait(columns, false), has_join(columns, false), has_split(columns, false);
  for (size_t m = 0; m < n; ++m) {
    if (carried_in[m] > 0) has_wait[column[m]] = true;
    if (in_degree[m] > 1) has_join[column[m]] = true;
    if (out_degree[m] > 1) has_split[column[m]] = true;
  }
  std::vector<double> wait_x(columns), join_x(columns), task_x(columns), split_x(columns);
  for (int c = 0; c < columns; ++c) {
    wait_x[c] = x;
    join_x[c] = wait_x[c] + (has_wait[c] ? 86 : 0);
    task_x[c] = join_x[c] + (has_join[c] ? 90 : 0);
    split_x[c] = task_x[c] + 120 + 50;
    x = split_x[c] + (has_split[c] ? 100 : 0) + 30;
  }
  std::vector<std::string> task_id(n), in_id(n), out_id(n);
  std::vector<size_t> task_node(n);
  for (size_t m = 0; m < n; ++m) {
    const Matter& matter = matters[bundle_.members[m]];
    const MemberSchedule& ms = schedule.members[m];
    const int c = column[m];
    const double cy = row_centre[m];
    task_id[m] = absl::StrCat("Task_", m + 1);
    in_id[m] = out_id[m] = task_id[m];
    if (in_degree[m] > 1) {
      in_id[m] = absl::StrCat("Join_", m + 1);
      add(scope, "parallelGateway", in_id[m], absl::StrCat("「", matter.name, "」所需结果齐备"),
          {join_x[c], cy - 25, 50, 50});
    }
    task_node[m] = nodes_.size();
    auto& task = add(scope, "userTask", task_id[m], matter.name, {task_x[c], cy - 40, 120, 80});
    task.xml.append_attribute("onetrip:matter") = matter.code.c_str();
    candidate_group(task.xml, departments[matter.department].id);
    document(task.xml,
             absl::StrCat(departments[matter.department].name, " reviews (", matter.code, "): limit ", ms.duration,
                          " working day(s)", ms.special_days > 0 ? ", special procedures " : "",
                          ms.special_days > 0 ? absl::StrCat(ms.special_days, " day(s)") : "", "; earliest start day ",
                          ms.earliest_start, ", result in hand day ", ms.earliest_finish, ", slack ", ms.slack,
                          ms.critical ? "; on the critical path." : "."));
    if (out_degree[m] > 1) {
      out_id[m] = absl::StrCat("Split_", m + 1);
      add(scope, "parallelGateway", out_id[m], absl::StrCat("「", matter.name, "」结果分送"),
          {split_x[c], cy - 25, 50, 50});
    }
  }
  // Edges: an internal one a flow (with its days), an applicant one a wait
  // for the applicant's message between the two.
  std::vector<int> waits_placed(n, 0);
  for (size_t e = 0; e < bundle_.edges.size(); ++e) {
    const BundleEdge& edge = bundle_.edges[e];
    if (edge.kind == EdgeKind::kInternal) {
      flow(scope, out_id[edge.from], in_id[edge.to], edge.days);
      continue;
    }
    const Shape& target = nodes_[task_node[edge.to]].shape;
    const double wy = target.cy() - 30.0 * (carried_in[edge.to] - 1) + 60.0 * waits_placed[edge.to]++;
    const std::string id = absl::StrCat("Carry_", e + 1);
    const Matter& from = matters[bundle_.members[edge.from]];
    auto& wait = add(scope, "intermediateCatchEvent", id, absl::StrCat("申请人携「", from.name, "」结果来"),
                     {wait_x[column[edge.to]], wy - 18, 36, 36});
    if (edge.days > 0) wait.xml.append_attribute("onetrip:days") = edge.days;
    auto definition = wait.xml.append_child("bpmn:messageEventDefinition");
    definition.append_attribute("id") = absl::StrCat(id, "_message").c_str();
    definition.append_attribute("messageRef") = absl::StrCat("Message_Result_", edge.from + 1).c_str();
    flow(scope, out_id[edge.from], id);
    flow(scope, id, in_id[edge.to]);
  }
  for (size_t m = 0; m < n; ++m) {
    if (in_id[m] != task_id[m]) flow(scope, in_id[m], task_id[m]);
    if (out_id[m] != task_id[m]) flow(scope, task_id[m], out_id[m]);
    if (in_degree[m] == 0) flow(scope, entry, in_id[m]);
  }
  x += 20;
  std::string exit;
  if (sinks > 1) {
    add(scope, "parallelGateway", "Merge", "审批结果汇总", at_mid(50, 50));
    exit = "Merge";
    for (size_t m = 0; m < n; ++m) {
      if (out_degree[m] == 0) flow(scope, out_id[m], exit);
    }
  } else {
    for (size_t m = 0; m < n; ++m) {
      if (out_degree[m] == 0) exit = out_id[m];
    }
  }
  for (size_t m = 0; m < n; ++m) {
    const Matter& matter = matters[bundle_.members[m]];
    if (matter.project_type != ProjectType::kPromised || matter.promised_limit.value <= 0) continue;
    auto status = timer(scope, nodes_[task_node[m]], std::to_string(m + 1), matter.promised_limit,
                        schedule.members[m].earliest_start, "承诺");
    if (!status.ok()) return status;
  }
  if (joint) {
    add(scope, "endEvent", "Review_End", "审查完成", at_mid(36, 36));
    flow(scope, exit, "Review_End");
    auto& sub = nodes_[sub_index];
    double min_y = top - 30, max_y = top + height;
    for (size_t i = sub_index + 1; i < nodes_.size(); ++i) max_y = std::max(max_y, nodes_[i].shape.bottom() + 30);
    sub.shape.y = min_y;
    sub.shape.w = x - sub.shape.x - 20;
    sub.shape.h = max_y - min_y;
    x = sub.shape.right() + 50;
    auto status = timer(process, sub, "Joint", Limit{kJointLimitDays, LimitUnit::kWorkdays}, 0, "第四十二条");
    if (!status.ok()) return status;
    exit = "Review";
  }
  if (bundle_.results == Results::kTogether) {
    auto& collect = add(process, "userTask", "Collect", absl::StrCat(lead_name, "窗口统一出件"), at_mid(120, 80));
    collect.xml.append_attribute("onetrip:role") = "collection";
    candidate_group(collect.xml, lead_id);
    document(collect.xml, "Results together: every member's result is handed over at the lead department's window.");
    flow(process, exit, "Collect");
    exit = "Collect";
  }
  add(process, "endEvent", "End", "办结", at_mid(36, 36));
  flow(process, exit, "End");

  // incoming and outgoing, which bpmn.io's tools and the modelers read,
  // after <documentation> and before the rest, as the schema orders them.
  {
    absl::flat_hash_map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> links;
    for (const Flow& f : flows_) {
      links[f.target].first.push_back(f.id);
      links[f.source].second.push_back(f.id);
    }
    for (Node& node : nodes_) {
      auto it = links.find(node.id);
      if (it == links.end()) continue;
      pugi::xml_node after = node.xml.child("bpmn:documentation");
      auto put = [&](const char* kind, const std::string& flow_id) {
        auto link = after ? node.xml.insert_child_after(kind, after) : node.xml.prepend_child(kind);
        link.append_child(pugi::node_pcdata).set_value(flow_id.c_str());
        after = link;
      };
      for (const auto& id : it->second.first) put("bpmn:incoming", id);
      for (const auto& id : it->second.second) put("bpmn:outgoing", id);
    }
  }

  // The diagram.
  auto diagram = definitions.append_child("bpmndi:BPMNDiagram");
  diagram.append_attribute("id") = "Diagram_1";
  auto plane = diagram.append_child("bpmndi:BPMNPlane");
  plane.append_attribute("id") = "Plane_1";
  plane.append_attribute("bpmnElement") = process_id.c_str();
  absl::flat_hash_map<std::string, const Node*> by_id;
  for (const Node& node : nodes_) by_id[node.id] = &node;
  for (const Node& node : nodes_) {
    auto di = plane.append_child("bpmndi:BPMNShape");
    di.append_attribute("id") = absl::StrCat(node.id, "_di").c_str();
    di.append_attribute("bpmnElement") = node.id.c_str();
    if (node.expanded) di.append_attribute("isExpanded") = "true";
    if (node.xml.name() == std::string("bpmn:intermediateCatchEvent")) {
      // Its label above: below it runs the timer's label of the task before.
      auto label = di.append_child("bpmndi:BPMNLabel").append_child("dc:Bounds");
      label.append_attribute("x") = node.shape.cx() - 45;
      label.append_attribute("y") = node.shape.y - 44;
      label.append_attribute("width") = 90;
      label.append_attribute("height") = 40;
    }
    if (node.xml.name() == std::string("bpmn:boundaryEvent")) {
      // Its label to the right, clear of the flow down to the overdue end.
      auto label = di.append_child("bpmndi:BPMNLabel").append_child("dc:Bounds");
      label.append_attribute("x") = node.shape.right() + 4;
      label.append_attribute("y") = node.shape.y + 22;
      label.append_attribute("width") = 84;
      label.append_attribute("height") = 14;
    }
    auto bounds = di.prepend_child("dc:Bounds");
    bounds.append_attribute("x") = node.shape.x;
    bounds.append_attribute("y") = node.shape.y;
    bounds.append_attribute("width") = node.shape.w;
    bounds.append_attribute("height") = node.shape.h;
  }
  for (const Flow& f : flows_) {
    auto di = plane.append_child("bpmndi:BPMNEdge");
    di.append_attribute("id") = absl::StrCat(f.id, "_di").c_str();
    di.append_attribute("bpmnElement") = f.id.c_str();
    const Shape& s = by_id.at(f.source)->shape;
    const Shape& t = by_id.at(f.target)->shape;
    std::vector<std::pair<double, double>> points;
    if (f.from_boundary) {
      points = {{s.cx(), s.bottom()}, {t.cx(), t.y}};
    } else {
      const double sy = s.cy(), ty = t.cy();
      points.push_back({s.right(), sy});
      if (sy != ty) {
        const double bend = std::max(s.right() + 10, t.x - 20);
        points.push_back({bend, sy});
        points.push_back({bend, ty});
      }
      points.push_back({t.x, ty});
    }
    for (auto [px, py] : points) {
      auto point = di.append_child("di:waypoint");
      point.append_attribute("x") = px;
      point.append_attribute("y") = py;
    }
  }

  clean_controls(doc);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

// --- import ------------------------------------------------------------------

// An element's namespace and local name, prefixes resolved through the
// xmlns declarations in scope.
struct QName {
  std::string ns;
  std::string local;
};

std::string namespace_of(pugi::xml_node node, std::string_view prefix) {
  const std::string attribute =
      prefix.empty() ? "xmlns" : absl::StrCat("xmlns:", absl::string_view(prefix.data(), prefix.size()));
  for (auto n = node; n; n = n.parent()) {
    if (n.type() != pugi::node_element) continue;
    if (auto a = n.attribute(attribute.c_str())) return a.value();
  }
  return "";
}

QName qname(pugi::xml_node node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  if (colon == std::string_view::npos) return {namespace_of(node, ""), std::string(name)};
  return {namespace_of(node, name.substr(0, colon)), std::string(name.substr(colon + 1))};
}

// An attribute by namespace and local name (the prefix the file chose).
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view ns, std::string_view local) {
  for (auto a : node.attributes()) {
    std::string_view name = a.name();
    const auto colon = name.find(':');
    if (colon == std::string_view::npos || name.substr(colon + 1) != local) continue;
    if (namespace_of(node, name.substr(0, colon)) == ns) return a;
  }
  return {};
}

pugi::xml_attribute engine_attribute(pugi::xml_node node, std::string_view local) {
  for (const char* ns : {kFlowableNs, kCamundaNs, kActivitiNs}) {
    if (auto a = attribute(node, ns, local)) return a;
  }
  return {};
}

std::string onetrip_attribute(pugi::xml_node node, std::string_view local) {
  return attribute(node, kOnetripNs, local).value();
}

bool is_bpmn(pugi::xml_node node, std::string_view local) {
  const QName q = qname(node);
  return q.ns == kBpmnNs && q.local == local;
}

// An onetrip:days or onetrip:limit the export wrote: absent or blank, 0; else a
// whole number from 0 to `max`, or the element is refused naming it (it was
// taken for 0, or its task for an immediate one, and a number past the
// catalogue's bounds failed the catalogue at a JSON path the file does not have).
absl::StatusOr<int32_t> read_days(pugi::xml_node node, std::string_view local, int32_t max, std::string_view unit) {
  const std::string text = onetrip_attribute(node, local);
  const absl::string_view stripped = absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
  int32_t value = 0;
  if (stripped.empty()) return 0;
  if (!absl::SimpleAtoi(stripped, &value) || value < 0 || value > max || !absl::ascii_isdigit(stripped[0])) {
    return absl::InvalidArgumentError(
        absl::StrCat(qname(node).local, " '", node.attribute("id").value(), "': onetrip:", std::string(local), "=\"",
                     internal::escape_invalid_utf8(text.substr(0, 40)), "\" is not a whole number of ",
                     std::string(unit), " from 0 to ", max));
  }
  return value;
}

class Reader {
 public:
  Reader(const BpmnImportOptions& options) : options_(options) {}
  absl::StatusOr<BpmnImport> read(std::string_view xml);

 private:
  void unmapped(pugi::xml_node node, std::string note) {
    // Named by its local name; by its whole tag when that is empty ("a:", which
    // XML namespaces do not allow but the parser takes), so that it is never nameless.
    std::string kind = qname(node).local;
    if (kind.empty()) kind = node.name();
    result_unmapped_.push_back({node.attribute("id").value(), std::move(kind), std::move(note)});
  }
  DepartmentIndex department(const std::string& id) {
    auto [it, fresh] = departments_.try_emplace(id, static_cast<DepartmentIndex>(data_.departments.size()));
    if (fresh) data_.departments.push_back(Department{id, id, {0}});
    return it->second;
  }
  // The department of a task: its candidate group (flowable, camunda,
  // activiti) or its potentialOwner's group(…) expression.
  std::optional<std::string> group_of(pugi::xml_node task, std::string* note) {
    if (auto own = attribute(task, kOnetripNs, "department")) return std::string(own.value());
    std::string groups = engine_attribute(task, "candidateGroups").value();
    if (groups.empty()) {
      for (auto child : task.children()) {
        if (!is_bpmn(child, "potentialOwner")) continue;
        for (auto expression : child.children()) {
          if (!is_bpmn(expression, "resourceAssignmentExpression")) continue;
          for (auto formal : expression.children()) {
            absl::string_view text = absl::StripAsciiWhitespace(formal.child_value());
            if (absl::ConsumePrefix(&text, "group(") && absl::ConsumeSuffix(&text, ")")) groups = std::string(text);
          }
        }
      }
    }
    std::vector<std::string> list = absl::StrSplit(groups, ',', absl::SkipWhitespace());
    for (auto& g : list) g = std::string(absl::StripAsciiWhitespace(g));
    if (list.empty()) return std::nullopt;
    if (list.size() > 1) {
      *note = absl::StrCat("candidate groups ", groups, ": the first, ", list[0], ", is taken as its department");
    }
    return list[0];
  }

  const BpmnImportOptions& options_;
  CatalogData data_;
  absl::flat_hash_map<std::string, DepartmentIndex> departments_;
  std::vector<BpmnUnmapped> result_unmapped_;
};

absl::StatusOr<BpmnImport> Reader::read(std::string_view xml) {
  pugi::xml_document doc;
  // UTF-8, or UTF-16/32 told by their byte order mark (pugixml converts them);
  // a file in another encoding (a modeller on a Chinese Windows may save GBK)
  // is refused rather than read as mojibake department names.
  const auto parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_declaration, pugi::encoding_auto);
  if (!parsed) {
    return absl::InvalidArgumentError(absl::StrCat("not XML: ", parsed.description(), " at byte ", parsed.offset));
  }
  for (auto node : doc.children()) {
    if (node.type() != pugi::node_declaration) continue;
    const std::string declared = absl::AsciiStrToUpper(node.attribute("encoding").value());
    if (!declared.empty() && declared != "UTF-8" && declared != "UTF8" && !absl::StartsWith(declared, "UTF-16") &&
        !absl::StartsWith(declared, "UTF-32")) {
      return absl::InvalidArgumentError(absl::StrCat("the file declares encoding=\"",
                                                     internal::escape_invalid_utf8(node.attribute("encoding").value()),
                                                     "\": onetrip reads BPMN in UTF-8 or UTF-16; save it as UTF-8"));
    }
  }
  if (parsed.encoding == pugi::encoding_utf8) {
    if (const size_t bad = internal::invalid_utf8_at(xml); bad != std::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("not UTF-8: byte ", bad, " is not part of a UTF-8 character; save the file as UTF-8"));
    }
  }
  // Elements nested deeper than any process definition does are refused:
  // resolving a namespace walks up the ancestors, so a hostile depth would
  // make the import quadratic (the walker itself does not recurse).
  struct DepthCheck : pugi::xml_tree_walker {
    pugi::xml_node deepest;
    bool for_each(pugi::xml_node& node) override {
      if (depth() < kMaxXmlDepth) return true;
      deepest = node;
      return false;
    }
  } depth_check;
  doc.traverse(depth_check);
  if (depth_check.deepest) {
    auto named = depth_check.deepest;
    while (named && named.attribute("id").empty()) named = named.parent();
    return absl::InvalidArgumentError(
        absl::StrCat("elements nested deeper than ", kMaxXmlDepth, " levels (at <", depth_check.deepest.name(), ">",
                     named ? absl::StrCat(" in '", named.attribute("id").value(), "'") : std::string(),
                     "): not a process definition onetrip reads"));
  }
  clean_controls(doc);
  const auto root = doc.document_element();
  if (!root || !is_bpmn(root, "definitions")) {
    return absl::InvalidArgumentError(absl::StrCat("not BPMN 2.0: the root element is <", root ? root.name() : "",
                                                   ">, not <definitions> in ", kBpmnNs));
  }
  // The first process with a user task is the bundle; every other top-level
  // element that is not diagram or a message a wait uses is listed.
  auto has_user_task = [](pugi::xml_node process) {
    for (auto n : process.select_nodes(".//*")) {
      if (is_bpmn(n.node(), "userTask")) return true;
    }
    return false;
  };
  pugi::xml_node process;
  for (auto child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    if (!process && is_bpmn(child, "process") && has_user_task(child)) process = child;
  }
  if (!process) {
    bool any = false;
    for (auto child : root.children()) any = any || is_bpmn(child, "process");
    return absl::InvalidArgumentError(any ? "no process of this BPMN file has a user task: nothing is a review"
                                          : "this BPMN file has no <process>");
  }
  data_.name = process.attribute("name").value();
  data_.halls.push_back(Hall{"hall", options_.hall_name, "", HallKind::kCentre});

  // Flow nodes and flows, across sub-processes (sub-processes are
  // transparent: their start and end join the outer flow).
  struct FlowNode {
    pugi::xml_node xml;
    std::string kind;
    std::vector<size_t> out;
    enum Role { kPass, kMember, kWait, kStop } role = kPass;
    int32_t days = 0;  // a wait's days
    uint32_t member = 0;
  };
  std::vector<FlowNode> nodes;
  absl::flat_hash_map<std::string, size_t> node_of;
  std::vector<std::tuple<std::string, std::string, int32_t, pugi::xml_node>> flows;
  std::set<std::string> mapped_messages;
  std::string lead_group = onetrip_attribute(process, "lead");
  std::string acceptance_group;
  Bundle bundle;
  bundle.id = onetrip_attribute(process, "bundle");
  if (bundle.id.empty()) bundle.id = process.attribute("id").value();
  if (bundle.id.empty()) bundle.id = "process";
  bundle.name = data_.name.empty() ? bundle.id : data_.name;
  if (data_.name.empty()) data_.name = bundle.name;
  const std::string handling = onetrip_attribute(process, "handling");
  if (handling == "unified") bundle.handling = JointHandling::kUnified;
  if (handling == "joint") bundle.handling = JointHandling::kJoint;
  if (handling == "centralized") bundle.handling = JointHandling::kCentralized;
  bundle.joint_inspection = onetrip_attribute(process, "jointInspection") == "true";
  absl::flat_hash_map<std::string, Limit> limits;  // by attached task id
  absl::flat_hash_set<std::string> codes;

  // Walk the process without recursion (a hostile file may nest deeply).
  std::vector<pugi::xml_node> stack;
  for (auto c = process.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    const auto node = stack.back();
    stack.pop_back();
    if (node.type() != pugi::node_element) continue;
    const QName q = qname(node);
    const std::string id = node.attribute("id").value();
    if (q.ns != kBpmnNs) {
      unmapped(node, "an element outside BPMN 2.0 (an engine's extension): not read");
      continue;
    }
    const std::string& kind = q.local;
    if (kind == "documentation" || kind == "extensionElements" || kind == "incoming" || kind == "outgoing") {
      continue;  // read with their element, or from the flows themselves
    }
    if (kind == "sequenceFlow") {
      auto days = read_days(node, "days", internal::kMaxEdgeDays, "days");
      if (!days.ok()) return days.status();
      bool conditional = false;
      for (auto c : node.children()) conditional = conditional || is_bpmn(c, "conditionExpression");
      if (conditional) unmapped(node, "a condition: taken as always true (not mapped to a situation)");
      flows.emplace_back(node.attribute("sourceRef").value(), node.attribute("targetRef").value(), *days, node);
      continue;
    }
    if (kind == "subProcess") {
      if (node.attribute("triggeredByEvent").as_bool()) {
        unmapped(node, "an event sub-process: not part of the review graph");
        continue;
      }
      FlowNode f{node, kind, {}, FlowNode::kPass};
      node_of[id] = nodes.size();
      nodes.push_back(f);
      for (auto c = node.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
      continue;
    }
    FlowNode f{node, kind, {}, FlowNode::kPass};
    const std::string role = onetrip_attribute(node, "role");
    if (kind == "userTask" && role.empty()) {
      std::string note;
      auto group = group_of(node, &note);
      if (!group) {
        note = "a user task with no candidate group: its department is 'unassigned'";
        group = "unassigned";
      }
      if (!note.empty()) unmapped(node, note);
      Matter matter;
      matter.code = onetrip_attribute(node, "matter");
      if (matter.code.empty()) matter.code = id;
      if (matter.code.empty() || !codes.insert(matter.code).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("userTask '", id, "': matter code '", matter.code, "' is empty or used twice"));
      }
      matter.name = node.attribute("name").value();
      if (matter.name.empty()) matter.name = matter.code;
      matter.department = department(*group);
      matter.halls = {0};
      matter.project_type = ProjectType::kImmediate;
      f.role = FlowNode::kMember;
      f.member = static_cast<uint32_t>(bundle.members.size());
      bundle.members.push_back(static_cast<MatterIndex>(data_.matters.size()));
      data_.matters.push_back(std::move(matter));
    } else if (kind == "userTask" && (role == "acceptance" || role == "collection")) {
      std::string note;
      auto group = group_of(node, &note);
      if (role == "acceptance") {
        bundle.acceptance = Acceptance::kSingleWindow;
        if (group) acceptance_group = *group;
      } else {
        bundle.results = Results::kTogether;
        if (group && acceptance_group.empty()) acceptance_group = *group;
      }
    } else if (kind == "intermediateCatchEvent") {
      bool message = false;
      for (auto c : node.children()) {
        if (is_bpmn(c, "messageEventDefinition")) {
          message = true;
          mapped_messages.insert(c.attribute("messageRef").value());
        }
      }
      if (message) {
        f.role = FlowNode::kWait;
        auto days = read_days(node, "days", internal::kMaxEdgeDays, "days");
        if (!days.ok()) return days.status();
        f.days = *days;
      } else {
        unmapped(node, "an intermediate event that is not a message wait: passed through");
      }
    } else if (kind == "boundaryEvent") {
      f.role = FlowNode::kStop;  // what follows a boundary event is not the review graph
      bool is_timer = false;
      for (auto c : node.children()) is_timer = is_timer || is_bpmn(c, "timerEventDefinition");
      const bool has_limit = !attribute(node, kOnetripNs, "limit").empty();
      const std::string unit = onetrip_attribute(node, "unit");
      if (is_timer && has_limit) {
        if (!unit.empty() && unit != "workdays" && unit != "natural_days" && unit != "months") {
          return absl::InvalidArgumentError(absl::StrCat("boundaryEvent '", id, "': onetrip:unit=\"",
                                                         internal::escape_invalid_utf8(unit.substr(0, 40)),
                                                         "\" is not workdays, natural_days or months"));
        }
        const LimitUnit u = unit == "months"         ? LimitUnit::kMonths
                            : unit == "natural_days" ? LimitUnit::kNaturalDays
                                                     : LimitUnit::kWorkdays;
        auto limit = u == LimitUnit::kMonths ? read_days(node, "limit", internal::kMaxMonths, "months")
                                             : read_days(node, "limit", internal::kMaxDays, "days");
        if (!limit.ok()) return limit.status();
        limits[node.attribute("attachedToRef").value()] = Limit{*limit, u};
      } else {
        unmapped(node, is_timer ? "a timer onetrip did not write: its limit is not read (the review is immediate)"
                                : "a boundary event that is not a timer: not read");
      }
    } else if (kind == "parallelGateway" || kind == "startEvent") {
      bool typed = false;
      for (auto c : node.children()) typed = typed || absl::EndsWith(qname(c).local, "EventDefinition");
      if (typed) unmapped(node, "a start event with a trigger: taken as a plain start");
    } else if (kind == "endEvent") {
      bool typed = false;
      for (auto c : node.children()) typed = typed || absl::EndsWith(qname(c).local, "EventDefinition");
      if (typed) unmapped(node, "an end event with a result: taken as a plain end");
    } else if (kind == "exclusiveGateway" || kind == "inclusiveGateway" || kind == "eventBasedGateway" ||
               kind == "complexGateway") {
      const char* what = kind == "exclusiveGateway"    ? "an exclusive"
                         : kind == "inclusiveGateway"  ? "an inclusive"
                         : kind == "eventBasedGateway" ? "an event-based"
                                                       : "a complex";
      unmapped(node, absl::StrCat(what,
                                  " gateway: taken as if every branch ran (not mapped to situations); the dependencies "
                                  "through it are kept"));
    } else if (kind == "task" || kind == "serviceTask" || kind == "scriptTask" || kind == "sendTask" ||
               kind == "receiveTask" || kind == "manualTask" || kind == "businessRuleTask" || kind == "callActivity" ||
               kind == "intermediateThrowEvent" || kind == "transaction" || kind == "adHocSubProcess" ||
               kind == "userTask") {
      unmapped(node, "not a department's review: passed through, the dependencies through it kept");
    } else {
      unmapped(node, "not a flow element onetrip reads: not read");
      continue;
    }
    if (id.empty()) return absl::InvalidArgumentError(absl::StrCat("a <", kind, "> without an id"));
    if (!node_of.emplace(id, nodes.size()).second) {
      return absl::InvalidArgumentError(absl::StrCat("id '", id, "' is used by two elements"));
    }
    nodes.push_back(f);
  }
  for (auto child : root.children()) {
    if (child.type() != pugi::node_element || child == process) continue;
    const QName q = qname(child);
    if (q.ns == kBpmnDiNs) continue;  // the diagram: drawn anew on export
    if (q.ns == kBpmnNs && q.local == "message" && mapped_messages.count(child.attribute("id").value()) > 0) continue;
    unmapped(child, q.local == "process" ? "another process: only the first with a user task is read"
                                         : "not part of the process: not read");
  }
  if (bundle.members.empty()) return absl::InvalidArgumentError("the process has no user task to be a review");
  for (const auto& [source, target, days, flow_xml] : flows) {
    auto s = node_of.find(source);
    auto t = node_of.find(target);
    if (s == node_of.end() || t == node_of.end()) {
      return absl::InvalidArgumentError(absl::StrCat("sequenceFlow '", flow_xml.attribute("id").value(),
                                                     "': ", s == node_of.end() ? "sourceRef '" : "targetRef '",
                                                     s == node_of.end() ? source : target, "' names no flow node"));
    }
    nodes[s->second].out.push_back(t->second);
  }
  // Sub-processes: the flow into one goes on from its start events, and its
  // end events flow on to where the sub-process goes.
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind != "subProcess") continue;
    const auto outer_out = nodes[i].out;
    nodes[i].out.clear();
    for (auto c : nodes[i].xml.children()) {
      auto it = node_of.find(c.attribute("id").value());
      if (it == node_of.end()) continue;
      if (nodes[it->second].kind == "startEvent") nodes[i].out.push_back(it->second);
      if (nodes[it->second].kind == "endEvent") {
        for (size_t o : outer_out) nodes[it->second].out.push_back(o);
      }
    }
  }
  for (const auto& [task, limit] : limits) {
    auto it = node_of.find(task);
    if (it == node_of.end()) continue;
    const FlowNode& f = nodes[it->second];
    if (f.role == FlowNode::kMember && limit.value > 0) {
      Matter& matter = data_.matters[bundle.members[f.member]];
      matter.project_type = ProjectType::kPromised;
      matter.promised_limit = limit;
    } else if (f.kind == "subProcess" && limit.value == kJointLimitDays && bundle.handling == JointHandling::kNone) {
      bundle.handling = JointHandling::kJoint;
    }
  }
  // Edges: from each member, the members reached without passing another,
  // applicant when a wait lies on the way.
  std::map<std::pair<uint32_t, uint32_t>, BundleEdge> edges;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].role != FlowNode::kMember) continue;
    // (node, carried days or -1 when no wait yet, internal days)
    std::vector<std::tuple<size_t, int32_t, int32_t>> work;
    std::set<std::pair<size_t, int32_t>> seen;
    for (size_t o : nodes[i].out) work.emplace_back(o, -1, 0);
    std::vector<std::tuple<size_t, std::string, std::string, int32_t>> flow_days;
    while (!work.empty()) {
      auto [at, wait, internal] = work.back();
      work.pop_back();
      if (!seen.insert({at, wait}).second) continue;
      const FlowNode& f = nodes[at];
      if (f.role == FlowNode::kStop) continue;
      if (f.role == FlowNode::kMember) {
        if (at == i) {
          return absl::InvalidArgumentError(absl::StrCat("the process has a cycle: userTask '",
                                                         f.xml.attribute("id").value(), "' depends on itself"));
        }
        BundleEdge edge;
        edge.from = nodes[i].member;
        edge.to = f.member;
        edge.kind = wait >= 0 ? EdgeKind::kApplicant : EdgeKind::kInternal;
        edge.days = wait >= 0 ? wait : internal;
        auto [it, fresh] = edges.try_emplace({edge.from, edge.to}, edge);
        if (!fresh && edge.kind == EdgeKind::kApplicant) it->second = edge;  // the applicant's way is the binding one
        continue;
      }
      int32_t next_wait = f.role == FlowNode::kWait ? std::max(wait, 0) + f.days : wait;
      if (next_wait > onetrip::internal::kMaxEdgeDays) {
        // Each wait is bounded, so the sum cannot wrap before it is caught here.
        return absl::InvalidArgumentError(absl::StrCat(
            "intermediateCatchEvent '", f.xml.attribute("id").value(), "': the waits on the way from userTask '",
            nodes[i].xml.attribute("id").value(), "' add up to over ", onetrip::internal::kMaxEdgeDays,
            " days, the most an edge may have (or lie on a loop)"));
      }
      for (size_t o : f.out) work.emplace_back(o, next_wait, internal);
    }
  }
  // Internal days sit on the flows themselves.
  for (const auto& [source, target, days, flow_xml] : flows) {
    if (days <= 0) continue;
    const FlowNode& s = nodes[node_of[source]];
    const FlowNode& t = nodes[node_of[target]];
    auto member_before = [&](const FlowNode& f) -> std::optional<uint32_t> {
      if (f.role == FlowNode::kMember) return f.member;
      return std::nullopt;
    };
    // Written by onetrip from a member (or its split) to a member (or its join).
    std::optional<uint32_t> from = member_before(s), to = member_before(t);
    if (!from && s.kind == "parallelGateway") {
      for (size_t k = 0; k < nodes.size(); ++k) {
        for (size_t o : nodes[k].out) {
          if (&nodes[o] == &s && nodes[k].role == FlowNode::kMember) from = nodes[k].member;
        }
      }
    }
    if (!to && t.kind == "parallelGateway") {
      for (size_t o : t.out) {
        if (nodes[o].role == FlowNode::kMember) to = nodes[o].member;
      }
    }
    if (from && to) {
      auto it = edges.find({*from, *to});
      if (it != edges.end() && it->second.kind == EdgeKind::kInternal) it->second.days = days;
    } else {
      unmapped(flow_xml, "days on a flow that does not join two reviews: not read");
    }
  }
  for (const auto& [key, edge] : edges) bundle.edges.push_back(edge);
  // A cycle among the reviews, named by their ids.
  {
    const size_t n = bundle.members.size();
    std::vector<std::vector<uint32_t>> out(n);
    for (const auto& e : bundle.edges) out[e.from].push_back(e.to);
    std::vector<int> state(n, 0);
    std::vector<uint32_t> parent(n, 0);
    std::vector<std::string> task_ids(n);
    for (const auto& f : nodes) {
      if (f.role == FlowNode::kMember) task_ids[f.member] = f.xml.attribute("id").value();
    }
    for (uint32_t s = 0; s < n; ++s) {
      if (state[s] != 0) continue;
      std::vector<std::pair<uint32_t, size_t>> dfs{{s, 0}};
      state[s] = 1;
      while (!dfs.empty()) {
        auto& [v, k] = dfs.back();
        if (k == out[v].size()) {
          state[v] = 2;
          dfs.pop_back();
          continue;
        }
        const uint32_t w = out[v][k++];
        if (state[w] == 1) {
          std::vector<std::string> cycle{task_ids[w]};
          for (uint32_t u = v; u != w; u = parent[u]) cycle.push_back(task_ids[u]);
          cycle.push_back(task_ids[w]);
          std::reverse(cycle.begin() + 1, cycle.end() - 1);
          return absl::InvalidArgumentError(absl::StrCat("the process has a cycle: ", absl::StrJoin(cycle, " → ")));
        }
        if (state[w] == 0) {
          state[w] = 1;
          parent[w] = v;
          dfs.emplace_back(w, 0);
        }
      }
    }
  }
  if (lead_group.empty()) lead_group = acceptance_group;
  if (lead_group.empty()) {
    lead_group = data_.departments[data_.matters[bundle.members[0]].department].id;
    result_unmapped_.push_back(
        {process.attribute("id").value(), "process",
         absl::StrCat("no lead department named: the first review's, ", lead_group, ", is taken")});
  }
  bundle.lead = department(lead_group);
  data_.bundles.push_back(std::move(bundle));
  std::string bundle_id = data_.bundles.back().id;
  auto catalog = Catalog::from_data(std::move(data_));
  if (!catalog.ok()) return catalog.status();
  return BpmnImport{*std::move(catalog), std::move(bundle_id), std::move(result_unmapped_)};
}

}  // namespace

const char* to_string(BpmnEngine engine) {
  switch (engine) {
    case BpmnEngine::kFlowable:
      return "flowable";
    case BpmnEngine::kCamunda:
      return "camunda";
    case BpmnEngine::kPlain:
      break;
  }
  return "plain";
}

absl::StatusOr<BpmnEngine> parse_bpmn_engine(std::string_view text) {
  for (auto engine : {BpmnEngine::kPlain, BpmnEngine::kFlowable, BpmnEngine::kCamunda}) {
    if (text == to_string(engine)) return engine;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("engine '", std::string(text), "' is not one of plain, flowable, camunda"));
}

absl::StatusOr<std::string> export_bpmn(const Catalog& catalog, BundleIndex bundle, const BpmnOptions& options) {
  if (bundle >= catalog.bundles().size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("bundle index ", bundle, " is out of range (the catalogue has ", catalog.bundles().size(), ")"));
  }
  if (static_cast<int>(options.engine) >= kBpmnEngineCount) {
    return absl::InvalidArgumentError(absl::StrCat("engine ", static_cast<int>(options.engine), " is not one"));
  }
  if (!options.accepted && !is_name(options.business_calendar)) {
    return absl::InvalidArgumentError(
        absl::StrCat("business calendar '", options.business_calendar, "' is not a name ([A-Za-z_][A-Za-z0-9_.-]*)"));
  }
  return Writer(catalog, bundle, options).write();
}

absl::StatusOr<BpmnImport> import_bpmn(std::string_view xml, const BpmnImportOptions& options) {
  return Reader(options).read(xml);
}

}  // namespace onetrip
