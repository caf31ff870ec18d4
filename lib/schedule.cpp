#include "onetrip/schedule.hpp"

#include <algorithm>
#include <sstream>

#include "absl/strings/str_format.h"
#include "boost/date_time/gregorian/gregorian_types.hpp"
#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/graphviz.hpp"
#include "evaluation_internal.hpp"

namespace onetrip {

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
  const Matter& m = catalog.matters()[matter];
  MatterDue out;
  out.accepted = accepted;
  if (m.project_type == ProjectType::kImmediate) {
    auto check = calendar.is_workday(accepted);  // inside the coverage, or an error
    if (!check.ok()) return check.status();
    out.due = accepted;
  } else {
    auto due = limit_end(calendar, accepted, m.promised_limit);
    if (!due.ok()) return due.status();
    out.due = *due;
  }
  if (m.legal_limit) {
    auto legal = limit_end(calendar, accepted, *m.legal_limit);
    if (!legal.ok()) return legal.status();
    out.legal_due = *legal;
  }
  for (const SpecialProcedure& p : m.special_procedures) out.special_procedure_days += p.days;
  auto with_special = calendar.add_workdays(out.due, out.special_procedure_days);
  if (!with_special.ok()) return with_special.status();
  out.due_with_special_procedures = *with_special;
  if (extension != Extension::kNone) {
    auto extended = calendar.add_workdays(out.legal_due.value_or(out.due), extension_days(extension));
    if (!extended.ok()) return extended.status();
    out.extended_due = *extended;
  }
  return out;
}

BundleSchedule schedule_bundle(const Catalog& catalog, BundleIndex bundle) {
  const Bundle& b = catalog.bundles()[bundle];
  const auto order = catalog.topological_order(bundle);
  const size_t n = b.members.size();
  BundleSchedule out;
  out.members.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    MemberSchedule& s = out.members[i];
    s.member = i;
    s.matter = b.members[i];
    s.duration = internal::member_duration(catalog.matters()[s.matter], &out.approximate);
  }
  for (uint32_t v : order) {  // forward pass
    MemberSchedule& s = out.members[v];
    s.earliest_finish = s.earliest_start + s.duration;
    for (const BundleEdge& e : b.edges) {
      if (e.from == v) {
        out.members[e.to].earliest_start = std::max(out.members[e.to].earliest_start, s.earliest_finish + e.days);
      }
    }
    out.workdays = std::max(out.workdays, s.earliest_finish);
  }
  for (auto& s : out.members) s.latest_finish = out.workdays;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {  // backward pass
    MemberSchedule& s = out.members[*it];
    for (const BundleEdge& e : b.edges) {
      if (e.from == *it) s.latest_finish = std::min(s.latest_finish, out.members[e.to].latest_start - e.days);
    }
    s.latest_start = s.latest_finish - s.duration;
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
    for (const BundleEdge& e : b.edges) {
      const MemberSchedule& to = out.members[e.to];
      if (e.from == *at && to.critical && to.earliest_start == out.members[*at].earliest_finish + e.days) {
        next = e.to;
        break;
      }
    }
    at = next;
  }
  out.over_joint_limit = n > 1 && out.workdays > 45;
  return out;
}

absl::StatusOr<BundleSchedule> schedule_bundle(const Catalog& catalog, BundleIndex bundle, const Calendar& calendar,
                                               Date start) {
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
    out << absl::StrFormat("[label=\"%s\\n%s%s\\n%d working days (slack %d)\", shape=box%s%s]", dot_escape(m.name),
                           dot_escape(catalog.departments()[m.department].name), lead ? " (lead)" : "", s.duration,
                           s.slack, lead ? ", peripheries=2" : "", s.critical ? ", color=red, penwidth=2" : "");
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
        "label=\"%s — %s, %s acceptance, results %s%s; critical path %d working days%s\";\nlabelloc=t;\nrankdir=LR;\n",
        dot_escape(b.name), dot_escape(catalog.departments()[b.lead].name), to_string(b.acceptance),
        to_string(b.results), b.joint_inspection ? ", joint inspection" : "", schedule.workdays,
        schedule.over_joint_limit ? " (over the 45-day joint limit)" : "");
  };
  std::ostringstream out;
  boost::write_graphviz(out, g, vertex_writer, edge_writer, graph_writer);
  return out.str();
}

}  // namespace onetrip
