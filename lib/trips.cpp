#include "onetrip/trips.hpp"

#include <algorithm>
#include <tuple>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "catalog_internal.hpp"
#include "evaluation_internal.hpp"

namespace onetrip {

namespace internal {

BundleView single_matter_view(const Catalog& catalog, MatterIndex matter, const MatterIndex& matter_storage) {
  static constexpr uint32_t kFirst[] = {0};
  const MatterFacts& f = catalog.internals().facts[matter];
  BundleView view;
  view.members = absl::MakeConstSpan(&matter_storage, 1);
  view.topological_order = kFirst;
  view.lead = f.department;
  view.lead_hall = f.first_hall;
  view.member_halls = absl::MakeConstSpan(&f.first_hall, 1);
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
  const BundleTables& tables = *catalog.internals().bundle_tables;
  const BundleHalls& halls = tables.halls[bundle];
  view.lead_hall = halls.lead;
  view.member_halls = absl::MakeConstSpan(tables.member_halls).subspan(halls.member_offset, b.members.size());
  return view;
}

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
  if (!options.materials_absent.empty() && std::find(options.materials_absent.begin(), options.materials_absent.end(),
                                                     use.material) != options.materials_absent.end()) {
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

// The submission's rule, from what the matter offers and the first original it must show.
Submission decide(bool presence, bool postal, bool online_full, bool online_pre_review,
                  std::optional<MaterialIndex> original, bool has_materials) {
  Submission s;
  s.has_materials = has_materials;
  s.remote_capable = postal || (online_full && !original);
  if (presence) {
    s.in_person = true;
    s.because = Because::kStatutoryPresence;
  } else if (!s.remote_capable) {
    s.in_person = true;
    s.because = online_full         ? Because::kOriginalToShow
                : online_pre_review ? Because::kPreReviewOnly
                                    : Because::kNoRemoteApplication;
    if (online_full) s.material = original;
  }
  return s;
}

// With the default selection of conditional materials: from the precomputed facts.
Submission submission(const internal::MatterFacts& f) {
  using F = internal::MatterFacts;
  return decide(f.has(F::kPresence), f.has(F::kPostal), f.has(F::kOnlineFull),
                f.has(F::kOnlineAny) && !f.has(F::kOnlineFull),
                f.forcing_material >= 0 ? std::optional<MaterialIndex>(f.forcing_material) : std::nullopt,
                f.has(F::kHasMaterials));
}

// With conditional materials forced on or off: from the matter itself.
Submission submission(const Catalog& catalog, const Matter& m, const TripOptions& options) {
  bool has_materials = false;
  const auto original = internal::original_to_show(
      catalog.materials(), m, [&](const MaterialUse& u) { return applies(u, options); }, &has_materials);
  return decide(!m.personal_presence.empty(), m.postal_application, m.online == OnlineApplication::kFull,
                m.online == OnlineApplication::kPreReview, original, has_materials);
}

struct Evaluated {
  Needs needs;
  std::optional<MatterIndex> worst_case_matter;
  int32_t makespan = 0;
};

// Every need of a bundle (or of a matter as a bundle of one), in no order.
Evaluated collect_needs(const Catalog& catalog, const BundleView& b, const TripOptions& options) {
  const auto& facts = catalog.internals().facts;
  const bool default_materials = options.materials_present.empty() && options.materials_absent.empty();
  const size_t n = b.members.size();
  // A bundle's members lie anywhere in a large catalogue: ask for all their
  // records at once rather than wait for each in turn.
  for (MatterIndex mi : b.members) __builtin_prefetch(&facts[mi]);
  absl::InlinedVector<int32_t, kInlineMembers> es(n, 0), ef(n, 0);
  for (uint32_t v : b.topological_order) {
    ef[v] = es[v] + facts[b.members[v]].duration;
    for (const BundleEdge& e : b.edges) {
      if (e.from == v) es[e.to] = std::max(es[e.to], ef[v] + e.days);
    }
  }
  const int32_t makespan = n == 0 ? 0 : *std::max_element(ef.begin(), ef.end());
  const bool single_window = b.acceptance == Acceptance::kSingleWindow;
  const bool together = single_window && b.results == Results::kTogether;

  Evaluated out;
  out.makespan = makespan;
  absl::InlinedVector<Submission, kInlineMembers> submissions(n);
  for (uint32_t i = 0; i < n; ++i) {
    const MatterIndex mi = b.members[i];
    const internal::MatterFacts& f = facts[mi];
    const HallIndex own_hall = b.member_halls[i];
    const Submission s = submissions[i] =
        default_materials ? submission(f) : submission(catalog, catalog.matters()[mi], options);
    const HallIndex submit_hall = single_window ? b.lead_hall : own_hall;
    const DepartmentIndex submit_window = single_window ? b.lead : f.department;
    const int32_t submit_moment = single_window ? 0 : es[i];
    if (s.in_person) {
      Need need{
          i, mi, NeedKind::kSubmit, s.because, s.material, std::nullopt, submit_hall, submit_window, submit_moment};
      out.needs.push_back(need);
      const bool found_early = f.has(internal::MatterFacts::kTolerant) || f.has(internal::MatterFacts::kOnlineAny);
      if (s.has_materials && !found_early && !out.worst_case_matter) out.worst_case_matter = mi;
    }
    const bool immediate = f.has(internal::MatterFacts::kImmediate);
    const HallIndex result_hall = together ? b.lead_hall : own_hall;
    const DepartmentIndex result_window = together ? b.lead : f.department;
    const int32_t result_moment = together ? makespan : ef[i];
    // An immediate matter handed in at the window hands its result over in the same visit.
    const bool handed_over = s.in_person && submit_hall == result_hall && submit_moment == result_moment;
    if (!f.has(internal::MatterFacts::kDelivered) && !handed_over) {
      out.needs.push_back({i, mi, NeedKind::kCollect, Because::kResultAtWindow, std::nullopt, std::nullopt, result_hall,
                           result_window, result_moment});
    }
    if (f.has(internal::MatterFacts::kFeeAtWindow)) {
      const bool at_submission = immediate || handed_over;
      out.needs.push_back({i, mi, NeedKind::kPay, Because::kFeeAtWindow, std::nullopt, std::nullopt,
                           at_submission ? submit_hall : result_hall, at_submission ? submit_window : result_window,
                           at_submission ? submit_moment : result_moment});
    }
  }
  if (single_window) {
    for (const BundleEdge& e : b.edges) {
      if (e.kind != EdgeKind::kApplicant) continue;
      if (facts[b.members[e.from]].has(internal::MatterFacts::kElectronicLicence) || submissions[e.to].remote_capable) {
        continue;
      }
      out.needs.push_back({e.to, b.members[e.to], NeedKind::kCarry, Because::kResultToCarry, std::nullopt,
                           b.members[e.from], b.lead_hall, b.lead, es[e.to]});
    }
  }
  return out;
}

bool same_trip(const Need& a, const Need& b) { return a.hall == b.hall && a.moment == b.moment; }

void sort_needs(Needs& needs) {
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    return std::tie(a.moment, a.hall, a.window, a.member, a.kind) <
           std::tie(b.moment, b.hall, b.window, b.member, b.kind);
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
    case NeedKind::kSubmit:
      return "submit";
    case NeedKind::kCollect:
      return "collect";
    case NeedKind::kPay:
      return "pay";
    case NeedKind::kCarry:
      return "carry";
  }
  return "?";
}

const char* to_string(Because because) {
  switch (because) {
    case Because::kNoRemoteApplication:
      return "no online or postal application";
    case Because::kPreReviewOnly:
      return "online pre-review only: the papers are handed in at the window";
    case Because::kOriginalToShow:
      return "a paper original must be shown";
    case Because::kStatutoryPresence:
      return "the law requires the applicant in person";
    case Because::kResultAtWindow:
      return "no express delivery or electronic licence: the result is collected";
    case Because::kFeeAtWindow:
      return "a fee and no online payment";
    case Because::kResultToCarry:
      return "the applicant carries one member's result to the next";
  }
  return "?";
}

std::string describe(const Catalog& catalog, const Need& need) {
  const Matter& m = catalog.matters()[need.matter];
  std::string text =
      absl::StrFormat("%s %s at %s (%s window): %s", to_string(need.kind), m.name, catalog.halls()[need.hall].name,
                      catalog.departments()[need.window].name, to_string(need.because));
  if (need.material) absl::StrAppend(&text, " — ", catalog.materials()[*need.material].name);
  if (need.because == Because::kStatutoryPresence) absl::StrAppend(&text, " — ", m.personal_presence);
  if (need.carried) absl::StrAppend(&text, " — the result of ", catalog.matters()[*need.carried].name);
  return text;
}

namespace {

BundleMaterials materials_of(const Catalog& catalog, absl::Span<const MatterIndex> members,
                             const TripOptions& options) {
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
      if (it == out.prepared.end())
        it = out.prepared.insert(out.prepared.end(), PreparedMaterial{use.material, {}, false});
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
