#include "onetrip/trips.hpp"

#include <algorithm>
#include <tuple>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "evaluation_internal.hpp"

namespace onetrip {

namespace internal {

BundleView single_matter_view(const Catalog& catalog, MatterIndex matter, const MatterIndex& matter_storage) {
  static constexpr uint32_t kFirst[] = {0};
  BundleView view;
  view.members = absl::MakeConstSpan(&matter_storage, 1);
  view.topological_order = kFirst;
  view.lead = catalog.matters()[matter].department;
  return view;
}

BundleView bundle_view(const Catalog& catalog, BundleIndex bundle) {
  const Bundle& b = catalog.bundles()[bundle];
  BundleView view;
  view.members = b.members;
  view.edges = b.edges;
  view.topological_order = catalog.topological_order(bundle);
  view.lead = b.lead;
  view.acceptance = b.acceptance;
  view.results = b.results;
  return view;
}

int32_t limit_workdays(const Limit& limit, bool* approximate) {
  switch (limit.unit) {
    case LimitUnit::kWorkdays: return limit.value;
    case LimitUnit::kNaturalDays:
      if (approximate) *approximate = true;
      return static_cast<int32_t>((static_cast<int64_t>(limit.value) * 5 + 6) / 7);
    case LimitUnit::kMonths:
      if (approximate) *approximate = true;
      return static_cast<int32_t>(static_cast<int64_t>(limit.value) * 21);
  }
  return limit.value;
}

}  // namespace internal

namespace {

using internal::BundleView;
using Needs = absl::InlinedVector<Need, 40>;  // a bundle of ten: no allocation

constexpr int kInlineMembers = 16;

bool applies(const MaterialUse& use, const TripOptions& options) {
  if (!options.materials_present.empty() &&
      std::find(options.materials_present.begin(), options.materials_present.end(), use.material) !=
          options.materials_present.end()) {
    return true;
  }
  if (!options.materials_absent.empty() &&
      std::find(options.materials_absent.begin(), options.materials_absent.end(), use.material) !=
          options.materials_absent.end()) {
    return false;
  }
  return use.applies_by_default;
}

// How a member's application reaches the administration.
struct Submission {
  bool in_person = false;
  Because because = Because::kNoRemoteApplication;
  std::optional<MaterialIndex> material;
  bool has_materials = false;
  bool remote_capable = false;  // could be made without coming (postal, or fully online)
};

Submission submission(const Catalog& catalog, const Matter& m, const TripOptions& options) {
  Submission s;
  for (const MaterialUse& use : m.materials) {
    if (!applies(use, options)) continue;
    s.has_materials = true;
    if (s.material || !use.original || use.form != MaterialForm::kPaper) continue;
    const Material& material = catalog.materials()[use.material];
    // An original issued by a government body and shared by data does not need showing.
    if (material.source == MaterialSource::kGovernment && material.shared) continue;
    s.material = use.material;
  }
  const bool online = m.online == OnlineApplication::kFull && !s.material;
  s.remote_capable = m.postal_application || online;
  if (!m.personal_presence.empty()) {
    s.in_person = true;
    s.because = Because::kStatutoryPresence;
  } else if (!s.remote_capable) {
    s.in_person = true;
    s.because = m.online == OnlineApplication::kFull       ? Because::kOriginalToShow
                : m.online == OnlineApplication::kPreReview ? Because::kPreReviewOnly
                                                            : Because::kNoRemoteApplication;
  }
  if (s.because != Because::kOriginalToShow) s.material.reset();
  return s;
}

bool offers(const Matter& m, HallIndex hall) { return std::find(m.halls.begin(), m.halls.end(), hall) != m.halls.end(); }

// The hall the applicant goes to: the one offering the most members; among
// equals the first in the members' own hall lists (their order is preference),
// then the lead department's.
HallIndex home_hall(const Catalog& catalog, const BundleView& b) {
  const auto& matters = catalog.matters();
  if (b.members.size() == 1) return matters[b.members[0]].halls[0];
  // Halls in order of first mention, with the number of members offering each.
  absl::InlinedVector<std::pair<HallIndex, int>, 16> counts;
  const auto mention = [&](HallIndex h, int add) {
    for (auto& [hall, n] : counts) {
      if (hall == h) {
        n += add;
        return;
      }
    }
    counts.emplace_back(h, add);
  };
  for (MatterIndex m : b.members) {
    for (HallIndex h : matters[m].halls) mention(h, 1);
  }
  for (HallIndex h : catalog.departments()[b.lead].halls) mention(h, 0);
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  return best->first;
}

struct Evaluated {
  Needs needs;
  std::optional<MatterIndex> worst_case_matter;
  int32_t makespan = 0;
};

// Every need of a bundle (or of a matter as a bundle of one), in no order.
Evaluated collect_needs(const Catalog& catalog, const BundleView& b, const TripOptions& options) {
  const auto& matters = catalog.matters();
  const size_t n = b.members.size();
  absl::InlinedVector<int32_t, kInlineMembers> es(n, 0), ef(n, 0);
  for (uint32_t v : b.topological_order) {
    ef[v] = es[v] + internal::member_duration(matters[b.members[v]]);
    for (const BundleEdge& e : b.edges) {
      if (e.from == v) es[e.to] = std::max(es[e.to], ef[v] + e.days);
    }
  }
  const int32_t makespan = n == 0 ? 0 : *std::max_element(ef.begin(), ef.end());
  const HallIndex home = home_hall(catalog, b);
  const bool single_window = b.acceptance == Acceptance::kSingleWindow;
  const auto& lead_halls = catalog.departments()[b.lead].halls;
  const HallIndex lead_hall =
      std::find(lead_halls.begin(), lead_halls.end(), home) != lead_halls.end() || lead_halls.empty() ? home
                                                                                                     : lead_halls[0];
  const bool together = single_window && b.results == Results::kTogether;

  Evaluated out;
  out.makespan = makespan;
  absl::InlinedVector<Submission, kInlineMembers> submissions(n);
  for (uint32_t i = 0; i < n; ++i) {
    const MatterIndex mi = b.members[i];
    const Matter& m = matters[mi];
    const HallIndex own_hall = offers(m, home) ? home : m.halls[0];
    const Submission s = submissions[i] = submission(catalog, m, options);
    const HallIndex submit_hall = single_window ? lead_hall : own_hall;
    const DepartmentIndex submit_window = single_window ? b.lead : m.department;
    const int32_t submit_moment = single_window ? 0 : es[i];
    if (s.in_person) {
      Need need{i, mi, NeedKind::kSubmit, s.because, s.material, std::nullopt, submit_hall, submit_window, submit_moment};
      out.needs.push_back(need);
      const bool found_early = m.tolerant_acceptance || m.online != OnlineApplication::kNone;
      if (s.has_materials && !found_early && !out.worst_case_matter) out.worst_case_matter = mi;
    }
    const bool immediate = m.project_type == ProjectType::kImmediate;
    const HallIndex result_hall = together ? lead_hall : own_hall;
    const DepartmentIndex result_window = together ? b.lead : m.department;
    const int32_t result_moment = together ? makespan : ef[i];
    // An immediate matter handed in at the window hands its result over in the same visit.
    const bool handed_over = s.in_person && submit_hall == result_hall && submit_moment == result_moment;
    if (!m.express_delivery && !m.electronic_licence && !handed_over) {
      out.needs.push_back({i, mi, NeedKind::kCollect, Because::kResultAtWindow, std::nullopt, std::nullopt, result_hall,
                           result_window, result_moment});
    }
    if (m.fee_fen > 0 && !m.online_payment) {
      const bool at_submission = immediate || handed_over;
      out.needs.push_back({i, mi, NeedKind::kPay, Because::kFeeAtWindow, std::nullopt, std::nullopt,
                           at_submission ? submit_hall : result_hall, at_submission ? submit_window : result_window,
                           at_submission ? submit_moment : result_moment});
    }
  }
  if (single_window) {
    for (const BundleEdge& e : b.edges) {
      if (e.kind != EdgeKind::kApplicant) continue;
      const Matter& from = matters[b.members[e.from]];
      if (from.electronic_licence || submissions[e.to].remote_capable) continue;
      out.needs.push_back({e.to, b.members[e.to], NeedKind::kCarry, Because::kResultToCarry, std::nullopt,
                           b.members[e.from], lead_hall, b.lead, es[e.to]});
    }
  }
  return out;
}

bool same_trip(const Need& a, const Need& b) { return a.hall == b.hall && a.moment == b.moment; }

void sort_needs(Needs& needs) {
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    return std::tie(a.moment, a.hall, a.window, a.member, a.kind) < std::tie(b.moment, b.hall, b.window, b.member, b.kind);
  });
}

TripCounts count(const Evaluated& e) {
  TripCounts c;
  for (size_t i = 0; i < e.needs.size(); ++i) {
    const Need& need = e.needs[i];
    c.because_mask |= 1u << static_cast<int>(need.because);
    if (i == 0 || !same_trip(e.needs[i - 1], need)) ++c.trips;
    if (i == 0 || !same_trip(e.needs[i - 1], need) || e.needs[i - 1].window != need.window) ++c.window_contacts;
  }
  c.worst_case = c.trips + (e.worst_case_matter ? 1 : 0);
  c.workdays = e.makespan;
  return c;
}

TripResult detail(Evaluated e) {
  sort_needs(e.needs);
  const TripCounts c = count(e);
  TripResult r;
  r.trips = c.trips;
  r.worst_case = c.worst_case;
  r.window_contacts = c.window_contacts;
  r.because_mask = c.because_mask;
  r.worst_case_matter = e.worst_case_matter;
  for (size_t i = 0; i < e.needs.size(); ++i) {
    const Need& need = e.needs[i];
    if (i == 0 || !same_trip(e.needs[i - 1], need)) r.trip_list.push_back({need.hall, need.moment, 0, {}});
    Trip& trip = r.trip_list.back();
    if (trip.needs.empty() || trip.needs.back().window != need.window) ++trip.window_contacts;
    trip.needs.push_back(need);
  }
  return r;
}

}  // namespace

TripResult evaluate_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  const MatterIndex storage = matter;
  return detail(collect_needs(catalog, internal::single_matter_view(catalog, matter, storage), options));
}

TripResult evaluate_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options) {
  return detail(collect_needs(catalog, internal::bundle_view(catalog, bundle), options));
}

TripCounts count_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  const MatterIndex storage = matter;
  Evaluated e = collect_needs(catalog, internal::single_matter_view(catalog, matter, storage), options);
  sort_needs(e.needs);
  return count(e);
}

TripCounts count_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options) {
  Evaluated e = collect_needs(catalog, internal::bundle_view(catalog, bundle), options);
  sort_needs(e.needs);
  return count(e);
}

const char* to_string(NeedKind kind) {
  switch (kind) {
    case NeedKind::kSubmit: return "submit";
    case NeedKind::kCollect: return "collect";
    case NeedKind::kPay: return "pay";
    case NeedKind::kCarry: return "carry";
  }
  return "?";
}

const char* to_string(Because because) {
  switch (because) {
    case Because::kNoRemoteApplication: return "no online or postal application";
    case Because::kPreReviewOnly: return "online pre-review only: the papers are handed in at the window";
    case Because::kOriginalToShow: return "a paper original must be shown";
    case Because::kStatutoryPresence: return "the law requires the applicant in person";
    case Because::kResultAtWindow: return "no express delivery or electronic licence: the result is collected";
    case Because::kFeeAtWindow: return "a fee and no online payment";
    case Because::kResultToCarry: return "the applicant carries one member's result to the next";
  }
  return "?";
}

std::string describe(const Catalog& catalog, const Need& need) {
  const Matter& m = catalog.matters()[need.matter];
  std::string text = absl::StrFormat("%s %s at %s (%s window): %s", to_string(need.kind), m.name,
                                     catalog.halls()[need.hall].name, catalog.departments()[need.window].name,
                                     to_string(need.because));
  if (need.material) absl::StrAppend(&text, " — ", catalog.materials()[*need.material].name);
  if (need.because == Because::kStatutoryPresence) absl::StrAppend(&text, " — ", m.personal_presence);
  if (need.carried) absl::StrAppend(&text, " — the result of ", catalog.matters()[*need.carried].name);
  return text;
}

namespace {

BundleMaterials materials_of(const Catalog& catalog, absl::Span<const MatterIndex> members, const TripOptions& options) {
  BundleMaterials out;
  std::vector<MaterialIndex> shared;
  for (MatterIndex mi : members) {
    for (const MaterialUse& use : catalog.matters()[mi].materials) {
      if (!applies(use, options)) continue;
      ++out.before_merging;
      if (catalog.materials()[use.material].shared) {
        if (std::find(shared.begin(), shared.end(), use.material) == shared.end()) shared.push_back(use.material);
        continue;
      }
      auto it = std::find_if(out.prepared.begin(), out.prepared.end(),
                             [&](const PreparedMaterial& p) { return p.material == use.material; });
      if (it == out.prepared.end()) it = out.prepared.insert(out.prepared.end(), PreparedMaterial{use.material, {}, false});
      it->needed_by.push_back(mi);
      it->original = it->original || use.original;
    }
  }
  out.shared = static_cast<int32_t>(shared.size());
  out.after_merging = static_cast<int32_t>(out.prepared.size());
  return out;
}

}  // namespace

BundleMaterials bundle_materials(const Catalog& catalog, BundleIndex bundle, const TripOptions& options) {
  return materials_of(catalog, catalog.bundles()[bundle].members, options);
}

BundleMaterials matter_materials(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  return materials_of(catalog, absl::MakeConstSpan(&matter, 1), options);
}

}  // namespace onetrip
