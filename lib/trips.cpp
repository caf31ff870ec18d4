#include "onetrip/trips.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "schedule_internal.hpp"
#include "trips_internal.hpp"

namespace onetrip {

namespace internal {

namespace {

bool offers(const Matter& m, HallIndex hall) {
  return std::find(m.halls.begin(), m.halls.end(), hall) != m.halls.end();
}

// The hall the applicant goes to for a bundle: the one offering the most
// members; among equals the first in the members' own hall lists (their order
// is preference), then the lead department's.
HallIndex home_hall(const Catalog& c, const Bundle& b) {
  std::vector<std::pair<HallIndex, int>> counts;
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
    for (HallIndex h : c.matters()[m].halls) mention(h, 1);
  }
  for (HallIndex h : c.departments()[b.lead].halls) mention(h, 0);
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  return best->first;
}

template <class Applies>
MatterFacts facts_of(absl::Span<const Material> materials, const Matter& m, Applies applies) {
  MatterFacts f;
  f.department = m.department;
  f.first_hall = m.halls[0];
  const bool immediate = m.project_type == ProjectType::kImmediate;
  f.duration = member_elapsed(m);
  f.counted = member_duration(m);
  bool has_materials = false;
  const auto forcing = original_to_show(materials, m, applies, &has_materials);
  f.forcing_material = forcing ? static_cast<int32_t>(*forcing) : -1;
  f.flags = static_cast<uint16_t>(
      (immediate ? MatterFacts::kImmediate : 0) | (m.postal_application ? MatterFacts::kPostal : 0) |
      (m.express_delivery || m.electronic_licence ? MatterFacts::kDelivered : 0) |
      (m.electronic_licence ? MatterFacts::kElectronicLicence : 0) |
      (m.online == OnlineApplication::kFull ? MatterFacts::kOnlineFull : 0) |
      (m.online != OnlineApplication::kNone ? MatterFacts::kOnlineAny : 0) |
      (m.fee_fen > 0 && !m.online_payment ? MatterFacts::kFeeAtWindow : 0) |
      (m.fee_kind == FeeKind::kAssessed ? MatterFacts::kFeeAssessed : 0) |
      (m.tolerant_acceptance ? MatterFacts::kTolerant : 0) |
      (!m.personal_presence.empty() ? MatterFacts::kPresence : 0) | (has_materials ? MatterFacts::kHasMaterials : 0));
  return f;
}

MatterFacts facts_of(absl::Span<const Material> materials, const Matter& m) {
  return facts_of(materials, m, [](const MaterialUse& u) { return u.applies_by_default; });
}

DueFacts due_facts_of(const Matter& m) { return {m.promised_limit, days_after_decision(m)}; }

void build_bundle_halls(const Catalog& c, TripFacts& t) {
  t.bundles.clear();
  t.member_halls.clear();
  for (const Bundle& b : c.bundles()) {
    BundleHalls halls;
    halls.home = home_hall(c, b);
    const auto& lead = c.departments()[b.lead].halls;
    halls.lead = std::find(lead.begin(), lead.end(), halls.home) != lead.end() || lead.empty() ? halls.home : lead[0];
    halls.member_offset = static_cast<uint32_t>(t.member_halls.size());
    for (MatterIndex m : b.members) {
      const Matter& member = c.matters()[m];
      t.member_halls.push_back(offers(member, halls.home) ? halls.home : member.halls[0]);
    }
    t.bundles.push_back(halls);
  }
}

int trip_slot() {
  static const int slot = DerivedSlots::claim();
  return slot;
}

std::shared_ptr<const TripFacts> build_trip_facts(const Catalog& c) {
  auto t = std::make_shared<TripFacts>();
  const Provenance& from = c.internals().provenance;
  const auto base_impl = from.base.lock();
  std::shared_ptr<const TripFacts> base;
  if (base_impl && !from.materials_changed) base = base_impl->derived.peek<TripFacts>(trip_slot());
  const auto matters = c.matters();
  if (base) {  // a material's sharing changes the facts of every matter asking for it, hence !materials_changed
    t->matters = base->matters;
    t->due = base->due;
    for (MatterIndex i : from.changed_matters) {
      t->matters[i] = facts_of(c.materials(), matters[i]);
      t->due[i] = due_facts_of(matters[i]);
    }
  } else {
    t->matters.reserve(matters.size());
    t->due.reserve(matters.size());
    for (const Matter& m : matters) {
      t->matters.push_back(facts_of(c.materials(), m));
      t->due.push_back(due_facts_of(m));
    }
  }
  if (base && !from.bundles_changed && !from.halls_changed) {
    t->bundles = base->bundles;
    t->member_halls = base->member_halls;
  } else {
    build_bundle_halls(c, *t);
  }
  return t;
}

}  // namespace

const TripFacts& trip_facts(const Catalog& catalog) {
  return catalog.internals().derived.get<TripFacts>(trip_slot(), [&] { return build_trip_facts(catalog); });
}

MatterFacts situation_facts(absl::Span<const Material> materials, const Matter& m, const FactsPatch& patch,
                            absl::Span<const uint8_t> applies) {
  MatterFacts f;
  f.department = m.department;
  f.first_hall = m.halls[0];
  const bool immediate = m.project_type == ProjectType::kImmediate;
  f.counted = immediate ? 0 : limit_workdays(patch.promised_limit.value_or(m.promised_limit));
  f.duration = f.counted + days_after_decision(m);
  bool has_materials = false;
  const auto forcing = original_to_show(
      materials, m, [&](const MaterialUse& u) { return applies[static_cast<size_t>(&u - m.materials.data())] != 0; },
      &has_materials);
  f.forcing_material = forcing ? static_cast<int32_t>(*forcing) : -1;
  const OnlineApplication online = patch.online.value_or(m.online);
  const bool express = patch.express_delivery.value_or(m.express_delivery);
  const bool electronic = patch.electronic_licence.value_or(m.electronic_licence);
  const int64_t fee = patch.fee_fen.value_or(m.fee_fen);
  f.flags = static_cast<uint16_t>(
      (immediate ? MatterFacts::kImmediate : 0) |
      (patch.postal_application.value_or(m.postal_application) ? MatterFacts::kPostal : 0) |
      (express || electronic ? MatterFacts::kDelivered : 0) | (electronic ? MatterFacts::kElectronicLicence : 0) |
      (online == OnlineApplication::kFull ? MatterFacts::kOnlineFull : 0) |
      (online != OnlineApplication::kNone ? MatterFacts::kOnlineAny : 0) |
      (fee > 0 && !patch.online_payment.value_or(m.online_payment) ? MatterFacts::kFeeAtWindow : 0) |
      (m.fee_kind == FeeKind::kAssessed ? MatterFacts::kFeeAssessed : 0) |
      (patch.tolerant_acceptance.value_or(m.tolerant_acceptance) ? MatterFacts::kTolerant : 0) |
      (patch.personal_presence.value_or(!m.personal_presence.empty()) ? MatterFacts::kPresence : 0) |
      (has_materials ? MatterFacts::kHasMaterials : 0));
  return f;
}

BundleView single_matter_view(const TripFacts& facts, MatterIndex matter, const MatterIndex& matter_storage) {
  const MatterFacts& f = facts.matters[matter];
  BundleView view;
  view.members = absl::MakeConstSpan(&matter_storage, 1);
  view.graph = single_member_graph();
  view.lead = f.department;
  view.lead_hall = f.first_hall;
  view.member_halls = absl::MakeConstSpan(&f.first_hall, 1);
  return view;
}

BundleView bundle_view(const Catalog& catalog, const TripFacts& facts, BundleIndex bundle) {
  const Bundle& b = catalog.bundles()[bundle];
  BundleView view;
  view.members = b.members;
  view.graph = bundle_graph(catalog, bundle);
  view.lead = b.lead;
  view.acceptance = b.acceptance;
  view.results = b.results;
  const BundleHalls& halls = facts.bundles[bundle];
  view.lead_hall = halls.lead;
  view.member_halls = absl::MakeConstSpan(facts.member_halls).subspan(halls.member_offset, b.members.size());
  return view;
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
// Eight bytes, kept in registers (an optional would make it 16, built byte by
// byte and copied whole: a store-forwarding stall per member).
struct Submission {
  int32_t material = -1;  // the paper original shown in person, or -1
  Because because = Because::kNoRemoteApplication;
  bool in_person = false;
  bool has_materials = false;
  bool remote_capable = false;  // could be made without coming (postal, or fully online)
};

// The submission's rule, from what the matter offers and the first original it must show.
Submission decide(bool presence, bool postal, bool online_full, bool online_pre_review, int32_t original,
                  bool has_materials) {
  Submission s;
  s.has_materials = has_materials;
  s.remote_capable = postal || (online_full && original < 0);
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
                f.has(F::kOnlineAny) && !f.has(F::kOnlineFull), f.forcing_material, f.has(F::kHasMaterials));
}

// With conditional materials forced on or off: from the matter itself.
Submission submission(const Catalog& catalog, const Matter& m, const TripOptions& options) {
  bool has_materials = false;
  const auto original = internal::original_to_show(
      catalog.materials(), m, [&](const MaterialUse& u) { return applies(u, options); }, &has_materials);
  return decide(!m.personal_presence.empty(), m.postal_application, m.online == OnlineApplication::kFull,
                m.online == OnlineApplication::kPreReview, original ? static_cast<int32_t>(*original) : -1,
                has_materials);
}

struct Evaluated {
  Needs needs;
  std::optional<MatterIndex> worst_case_matter;
  int32_t makespan = 0;  // working days until the last result
  int32_t counted = 0;   // the administration's own working days along its longest path
};

// Every need of a bundle (or of a matter as a bundle of one), in no order.
Evaluated collect_needs(const Catalog& catalog, const internal::TripFacts& trip_facts, const BundleView& b,
                        const TripOptions& options) {
  const auto& facts = trip_facts.matters;
  // A situation's facts (the notice) stand in for the catalogue's, and are the
  // situation's: its materials are already chosen.
  const bool situation = !b.member_facts.empty();
  const bool default_materials = situation || (options.materials_present.empty() && options.materials_absent.empty());
  const size_t n = b.members.size();
  using F = internal::MatterFacts;
  const auto fact = [&](uint32_t v) -> const F& { return situation ? b.member_facts[v] : facts[b.members[v]]; };
  // A bundle's members lie anywhere in a large catalogue: ask for all their
  // records at once rather than wait for each in turn.
  if (!situation) {
    for (MatterIndex mi : b.members) __builtin_prefetch(&facts[mi]);
  }
  absl::InlinedVector<int32_t, kInlineMembers> es(n, 0), ef(n, 0);
  const int32_t makespan = internal::forward_pass(
      b.graph, [&](uint32_t v) { return fact(v).duration; }, internal::all_edge_days, es, ef);
  const bool single_window = b.acceptance == Acceptance::kSingleWindow;
  const bool together = single_window && b.results == Results::kTogether;

  // When the applicant can apply for a member: at once, unless they must
  // first hold a result they carry (an applicant edge). An internal edge
  // (内部流转) passes the result on without them: the member's application is
  // made with the others and waits for the result inside the administration.
  absl::InlinedVector<int32_t, kInlineMembers> ready(n, 0);
  // Whose result a member's result reaches the applicant with: its own, or,
  // when it goes on internally, that of the member it feeds (the latest one).
  absl::InlinedVector<uint32_t, kInlineMembers> handover(n);
  for (uint32_t v = 0; v < n; ++v) handover[v] = v;
  const auto result_moment = [&](uint32_t v) { return together ? makespan : ef[v]; };
  for (auto it = b.graph.order.rbegin(); it != b.graph.order.rend(); ++it) {
    for (uint32_t k : b.graph.out_of(*it)) {
      const BundleEdge& e = b.graph.edges[k];
      if (e.kind == EdgeKind::kApplicant) {
        ready[e.to] = std::max(ready[e.to], ef[*it] + e.days);
      } else if (handover[*it] == *it || result_moment(handover[e.to]) > result_moment(handover[*it])) {
        handover[*it] = handover[e.to];
      }
    }
  }

  Evaluated out;
  out.makespan = makespan;
  if (n == 1) {
    out.counted = fact(0).counted;
  } else {  // the administration's own working days, for the joint limit
    absl::InlinedVector<int32_t, kInlineMembers> cs(n, 0), cf(n, 0);
    out.counted = internal::forward_pass(
        b.graph, [&](uint32_t v) { return fact(v).counted; }, internal::counted_edge_days, cs, cf);
  }
  absl::InlinedVector<bool, kInlineMembers> remote_capable(n);  // of each member's submission
  for (uint32_t i = 0; i < n; ++i) {
    const MatterIndex mi = b.members[i];
    const F& f = fact(i);
    const Submission s = default_materials ? submission(f) : submission(catalog, catalog.matters()[mi], options);
    remote_capable[i] = s.remote_capable;
    const HallIndex submit_hall = single_window ? b.lead_hall : b.member_halls[i];
    const DepartmentIndex submit_window = single_window ? b.lead : f.department;
    const int32_t submit_moment = single_window ? 0 : ready[i];
    if (s.in_person) {
      out.needs.push_back({i, mi, NeedKind::kSubmit, s.because,
                           s.material >= 0 ? std::optional<MaterialIndex>(s.material) : std::nullopt, std::nullopt,
                           submit_hall, submit_window, submit_moment});
      const bool found_early = f.has(F::kTolerant) || f.has(F::kOnlineAny);
      if (s.has_materials && !found_early && !out.worst_case_matter) out.worst_case_matter = mi;
    }
    const uint32_t with = handover[i];
    const HallIndex result_hall = together ? b.lead_hall : b.member_halls[with];
    const DepartmentIndex result_window = together ? b.lead : fact(with).department;
    const int32_t decided = result_moment(with);
    const bool delivered = f.has(F::kDelivered) || fact(with).has(F::kDelivered);
    // An immediate matter handed in at the window hands its result over in the same visit.
    const bool handed_over = s.in_person && submit_hall == result_hall && submit_moment == decided;
    const bool collected = !delivered && !handed_over;
    if (collected) {
      out.needs.push_back({i, mi, NeedKind::kCollect, Because::kResultAtWindow, std::nullopt, std::nullopt, result_hall,
                           result_window, decided});
    }
    if (f.has(F::kFeeAtWindow)) {
      // A fixed charge is paid with the application: in its visit, else when
      // the result is collected, else on a visit of its own when applying. An
      // assessed fee is paid once the decision sets it: when the result is
      // handed over (or collected), else on a visit of its own then.
      const bool at_submission = s.in_person && (!f.has(F::kFeeAssessed) || handed_over);
      const bool at_collection = !at_submission && (collected || f.has(F::kFeeAssessed));
      out.needs.push_back({i, mi, NeedKind::kPay, Because::kFeeAtWindow, std::nullopt, std::nullopt,
                           at_collection ? result_hall : submit_hall, at_collection ? result_window : submit_window,
                           at_collection ? decided : submit_moment});
    }
  }
  if (single_window) {
    for (const BundleEdge& e : b.graph.edges) {
      if (e.kind != EdgeKind::kApplicant) continue;
      if (fact(e.from).has(F::kElectronicLicence) || remote_capable[e.to]) {
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

// A need's trip (moment, hall) and window, ordered like sort_needs's first
// three keys: all that counting reads.
using TripKey = std::pair<uint64_t, uint32_t>;
TripKey trip_key(const Need& n) {
  const uint64_t moment = static_cast<uint32_t>(n.moment) ^ 0x8000'0000u;  // in signed order
  return {(moment << 32) | n.hall, n.window};
}

// The counts, in any order of the needs: a trip is a distinct (moment, hall),
// a window contact a distinct (moment, hall, window). Sorting these keys
// rather than the needs moves a third of the bytes.
TripCounts count(const Evaluated& e) {
  TripCounts c;
  absl::InlinedVector<TripKey, 40> keys;
  keys.reserve(e.needs.size());
  for (const Need& need : e.needs) {
    c.because_mask |= 1u << static_cast<int>(need.because);
    keys.push_back(trip_key(need));
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i == 0 || keys[i - 1].first != keys[i].first) ++c.trips;
    if (i == 0 || keys[i - 1] != keys[i]) ++c.window_contacts;
  }
  c.worst_case = c.trips + (e.worst_case_matter ? 1 : 0);
  c.workdays = e.makespan;
  c.counted_workdays = e.counted;
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

namespace internal {

TripResult evaluate_view(const Catalog& catalog, const BundleView& view, int32_t* workdays) {
  Evaluated e = collect_needs(catalog, trip_facts(catalog), view, TripOptions{});
  if (workdays) *workdays = e.makespan;
  return detail(std::move(e));
}

TripCounts count_view(const Catalog& catalog, const TripFacts& facts, const BundleView& view) {
  return count(collect_needs(catalog, facts, view, TripOptions{}));
}

TripCounts count_matter_trips(const Catalog& catalog, const TripFacts& facts, MatterIndex matter,
                              const TripOptions& options) {
  const MatterIndex storage = matter;
  return count(collect_needs(catalog, facts, single_matter_view(facts, matter, storage), options));
}

TripCounts count_bundle_trips(const Catalog& catalog, const TripFacts& facts, BundleIndex bundle,
                              const TripOptions& options) {
  return count(collect_needs(catalog, facts, bundle_view(catalog, facts, bundle), options));
}

}  // namespace internal

TripResult evaluate_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  const internal::TripFacts& facts = internal::trip_facts(catalog);
  const MatterIndex storage = matter;
  return detail(collect_needs(catalog, facts, internal::single_matter_view(facts, matter, storage), options));
}

TripResult evaluate_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options) {
  const internal::TripFacts& facts = internal::trip_facts(catalog);
  return detail(collect_needs(catalog, facts, internal::bundle_view(catalog, facts, bundle), options));
}

TripCounts count_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  return internal::count_matter_trips(catalog, internal::trip_facts(catalog), matter, options);
}

TripCounts count_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options) {
  return internal::count_bundle_trips(catalog, internal::trip_facts(catalog), bundle, options);
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

// `together`: the members' materials are handed in at one window (一窗受理), so one copy serves all
// who need it; accepted at separate windows, each window keeps its own set ("两份" before "一份").
BundleMaterials materials_of(const Catalog& catalog, absl::Span<const MatterIndex> members, bool together,
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
      auto it = std::find_if(out.prepared.begin(), out.prepared.end(), [&](const PreparedMaterial& p) {
        return p.material == use.material && (together || p.needed_by.front() == mi);
      });
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
  const Bundle& b = catalog.bundles()[bundle];
  return materials_of(catalog, b.members, b.acceptance == Acceptance::kSingleWindow, options);
}

BundleMaterials matter_materials(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  return materials_of(catalog, absl::MakeConstSpan(&matter, 1), true, options);
}

}  // namespace onetrip
