#include "onetrip/schedule.hpp"

#include <algorithm>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "boost/date_time/gregorian/gregorian_types.hpp"
#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/graphviz.hpp"
#include "catalog_internal.hpp"
#include "schedule_internal.hpp"

namespace onetrip {

namespace internal {

int32_t limit_workdays(const Limit& limit, bool* approximate) {
  switch (limit.unit) {
    case LimitUnit::kWorkdays:
      return limit.value;
    case LimitUnit::kNaturalDays:
      if (approximate) *approximate = true;
      return static_cast<int32_t>((static_cast<int64_t>(limit.value) * 5 + 6) / 7);
    case LimitUnit::kMonths:
      if (approximate) *approximate = true;
      return static_cast<int32_t>(static_cast<int64_t>(limit.value) * 21);
  }
  return limit.value;
}

namespace {

absl::StatusOr<Date> decision_due(const Calendar& calendar, Date accepted, bool immediate, const Limit& promised) {
  if (immediate) {
    auto inside = calendar.is_workday(accepted);  // inside the coverage, or an error
    if (!inside.ok()) return inside.status();
    return accepted;
  }
  return limit_end(calendar, accepted, promised);
}

}  // namespace

absl::StatusOr<Date> decision_due(const Calendar& calendar, Date accepted, const Matter& m) {
  return decision_due(calendar, accepted, m.project_type == ProjectType::kImmediate, m.promised_limit);
}

absl::StatusOr<Date> result_due(const Calendar& calendar, Date accepted, bool immediate, const Limit& promised,
                                int32_t after_decision) {
  auto decided = decision_due(calendar, accepted, immediate, promised);
  if (!decided.ok()) return decided.status();
  return calendar.add_workdays(*decided, after_decision);
}

absl::StatusOr<Date> result_due(const Calendar& calendar, Date accepted, const Matter& m) {
  return result_due(calendar, accepted, m.project_type == ProjectType::kImmediate, m.promised_limit,
                    days_after_decision(m));
}

}  // namespace internal

int32_t extension_days(Extension extension) {
  switch (extension) {
    case Extension::kNone:
      return 0;
    case Extension::kSingle:
      return 10;
    case Extension::kJoint:
      return 15;
  }
  return 0;
}

absl::StatusOr<Date> limit_end(const Calendar& calendar, Date accepted, const Limit& limit) {
  switch (limit.unit) {
    case LimitUnit::kWorkdays:
      return calendar.add_workdays(accepted, limit.value);
    case LimitUnit::kNaturalDays:
      return calendar.add_natural_days(accepted, limit.value);
    case LimitUnit::kMonths:
      return calendar.add_months(accepted, limit.value);
  }
  return absl::InternalError("unknown limit unit");
}

absl::StatusOr<MatterDue> matter_due(const Catalog& catalog, const Calendar& calendar, MatterIndex matter,
                                     Date accepted, Extension extension) {
  if (catalog.dated()) {  // the matter must be in force on the acceptance day (its limits are not dated)
    internal::Reads reads;
    reads.matters.push_back(matter);
    reads.check_only = true;
    if (auto on_day = internal::evaluated_on(catalog, accepted, std::move(reads)); !on_day.ok()) {
      return on_day.status();
    }
  }
  const Matter& m = catalog.matters()[matter];
  MatterDue out;
  out.accepted = accepted;
  auto due = internal::decision_due(calendar, accepted, m);
  if (!due.ok()) return due.status();
  out.due = *due;
  if (m.legal_limit) {
    auto legal = limit_end(calendar, accepted, *m.legal_limit);
    if (!legal.ok()) return legal.status();
    out.legal_due = *legal;
  }
  out.special_procedure_days = internal::special_days(m);
  auto with_special = calendar.add_workdays(out.due, out.special_procedure_days);
  if (!with_special.ok()) return with_special.status();
  out.due_with_special_procedures = *with_special;
  out.issue_days = m.issue_days;
  auto result = calendar.add_workdays(out.due_with_special_procedures, m.issue_days);
  if (!result.ok()) return result.status();
  out.result_due = *result;
  if (extension == Extension::kJoint) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "matter \"%s\": 第四十二条's 15 working days extend a joint handling (统一、联合、集中办理) of several "
        "bodies, not a matter alone (10 working days, or what its own law allows)",
        m.code));
  }
  if (extension == Extension::kSingle) {
    out.extension_days = m.extension ? m.extension->days : extension_days(Extension::kSingle);
    auto extended = calendar.add_workdays(out.legal_due.value_or(out.due), out.extension_days);
    if (!extended.ok()) return extended.status();
    out.extended_due = *extended;
  }
  return out;
}

BundleSchedule schedule_bundle(const Catalog& catalog, BundleIndex bundle) {
  const Bundle& b = catalog.bundles()[bundle];
  const internal::BundleGraph g = internal::bundle_graph(catalog, bundle);
  const size_t n = b.members.size();
  BundleSchedule out;
  out.members.resize(n);
  std::vector<int32_t> es(n, 0), ef(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    MemberSchedule& s = out.members[i];
    const Matter& m = catalog.matters()[b.members[i]];
    s.member = i;
    s.matter = b.members[i];
    s.duration = internal::member_duration(m, &out.approximate);
    s.special_days = internal::special_days(m);
    s.issue_days = m.issue_days;
  }
  const auto elapsed = [&](uint32_t v) {
    const MemberSchedule& s = out.members[v];
    return s.duration + s.special_days + s.issue_days;
  };
  out.workdays = internal::forward_pass(g, elapsed, internal::all_edge_days, es, ef);
  {
    std::vector<int32_t> cs(n, 0), cf(n, 0);
    out.counted_workdays = internal::forward_pass(
        g, [&](uint32_t v) { return out.members[v].duration; }, internal::counted_edge_days, cs, cf);
  }
  out.handling = b.handling;
  for (uint32_t v = 0; v < n; ++v) {
    out.members[v].earliest_start = es[v];
    out.members[v].earliest_finish = ef[v];
    out.members[v].latest_finish = out.workdays;
  }
  for (auto it = g.order.rbegin(); it != g.order.rend(); ++it) {  // backward pass
    MemberSchedule& s = out.members[*it];
    for (uint32_t k : g.out_of(*it)) {
      const BundleEdge& e = g.edges[k];
      s.latest_finish = std::min(s.latest_finish, out.members[e.to].latest_start - e.days);
    }
    s.latest_start = s.latest_finish - elapsed(*it);
    s.slack = s.latest_start - s.earliest_start;
    s.critical = s.slack == 0;
  }
  // One longest path: from a critical member starting at 0, follow tight edges to the end.
  std::optional<uint32_t> at;
  for (uint32_t v = 0; v < n && !at; ++v) {
    if (out.members[v].critical && out.members[v].earliest_start == 0) at = v;
  }
  while (at) {
    out.critical_path.push_back(*at);
    std::optional<uint32_t> next;
    for (uint32_t k : g.out_of(*at)) {
      const BundleEdge& e = g.edges[k];
      const MemberSchedule& to = out.members[e.to];
      if (to.critical && to.earliest_start == out.members[*at].earliest_finish + e.days) {
        next = e.to;
        break;
      }
    }
    at = next;
  }
  out.over_joint_limit = internal::over_joint_limit(b.handling, out.counted_workdays);
  return out;
}

absl::StatusOr<BundleSchedule> schedule_bundle(const Catalog& catalog, BundleIndex bundle, const Calendar& calendar,
                                               Date start) {
  if (catalog.dated()) {  // the bundle and its members must be in force on the start day
    internal::Reads reads;
    reads.bundles.push_back(bundle);
    reads.check_only = true;
    if (auto on_day = internal::evaluated_on(catalog, start, std::move(reads)); !on_day.ok()) return on_day.status();
  }
  BundleSchedule out = schedule_bundle(catalog, bundle);
  auto due = calendar.add_workdays(start, out.workdays);
  if (!due.ok()) return due.status();
  out.start = start;
  out.due = *due;
  return out;
}

namespace {

std::string dot_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string bundle_dot(const Catalog& catalog, BundleIndex bundle) {
  const Bundle& b = catalog.bundles()[bundle];
  const BundleSchedule schedule = schedule_bundle(catalog, bundle);
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, uint32_t>;
  Graph g(b.members.size());
  for (uint32_t i = 0; i < b.edges.size(); ++i) boost::add_edge(b.edges[i].from, b.edges[i].to, i, g);
  const auto on_path = [&](uint32_t from, uint32_t to) {
    for (size_t k = 0; k + 1 < schedule.critical_path.size(); ++k) {
      if (schedule.critical_path[k] == from && schedule.critical_path[k + 1] == to) return true;
    }
    return false;
  };
  const auto vertex_writer = [&](std::ostream& out, std::size_t v) {
    const MemberSchedule& s = schedule.members[v];
    const Matter& m = catalog.matters()[s.matter];
    const bool lead = m.department == b.lead;
    std::string days = absl::StrFormat("%d working days", s.duration);
    if (s.special_days) absl::StrAppend(&days, absl::StrFormat(" + %d not counted (第四十五条)", s.special_days));
    if (s.issue_days) absl::StrAppend(&days, absl::StrFormat(" + %d issuing (第四十四条)", s.issue_days));
    out << absl::StrFormat("[label=\"%s\\n%s%s\\n%s (slack %d)\", shape=box%s%s]", dot_escape(m.name),
                           dot_escape(catalog.departments()[m.department].name), lead ? " (lead)" : "", days, s.slack,
                           lead ? ", peripheries=2" : "", s.critical ? ", color=red, penwidth=2" : "");
  };
  const auto edge_writer = [&](std::ostream& out, const boost::graph_traits<Graph>::edge_descriptor& e) {
    const BundleEdge& edge = b.edges[g[e]];
    out << absl::StrFormat("[label=\"%s%s\"%s%s]", to_string(edge.kind),
                           edge.days ? absl::StrFormat(", %d d", edge.days) : "",
                           edge.kind == EdgeKind::kInternal ? ", style=dashed" : "",
                           on_path(edge.from, edge.to) ? ", color=red, penwidth=2" : "");
  };
  const auto graph_writer = [&](std::ostream& out) {
    out << absl::StrFormat(
        "label=\"%s — %s, %s%s acceptance, results %s%s; critical path %d working days, %d counted against the "
        "limit%s\";\nlabelloc=t;\nrankdir=LR;\n",
        dot_escape(b.name), dot_escape(catalog.departments()[b.lead].name),
        b.handling == JointHandling::kNone ? "" : absl::StrCat(to_string(b.handling), " handling, "),
        to_string(b.acceptance), to_string(b.results), b.joint_inspection ? ", joint inspection" : "",
        schedule.workdays, schedule.counted_workdays,
        schedule.over_joint_limit ? " (over the 45-day joint limit)" : "");
  };
  std::ostringstream out;
  boost::write_graphviz(out, g, vertex_writer, edge_writer, graph_writer);
  return out.str();
}

}  // namespace onetrip
