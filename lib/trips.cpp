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

// Bundle b's halls, its members' appended to t.member_halls.
BundleHalls bundle_halls_of(const Catalog& c, const Bundle& b, TripFacts& t) {
  BundleHalls halls;
  halls.home = home_hall(c, b);
  const auto& lead = c.departments()[b.lead].halls;
  halls.lead = std::find(lead.begin(), lead.end(), halls.home) != lead.end() || lead.empty() ? halls.home : lead[0];
  halls.member_offset = static_cast<uint32_t>(t.member_halls.size());
  for (MatterIndex m : b.members) {
    const Matter& member = c.matters()[m];
    t.member_halls.push_back(offers(member, halls.home) ? halls.home : member.halls[0]);
  }
  return halls;
}

void build_bundle_halls(const Catalog& c, TripFacts& t) {
  t.bundles.clear();
  t.member_halls.clear();
  for (const Bundle& b : c.bundles()) t.bundles.push_back(bundle_halls_of(c, b, t));
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

void patch_trip_facts(const Catalog& catalog, absl::Span<const MatterIndex> matters,
                      absl::Span<const BundleIndex> bundles, bool every_bundle, TripFacts& facts) {
  const auto all = catalog.matters();
  for (MatterIndex i : matters) {
    facts.matters[i] = facts_of(catalog.materials(), all[i]);
    facts.due[i] = due_facts_of(all[i]);
  }
  if (every_bundle || facts.bundles.size() != catalog.bundles().size()) {
    build_bundle_halls(catalog, facts);
    return;
  }
  // A bundle redone gets its members' halls appended (its count of members may
  // have changed); the table is built anew once the ones left behind outgrow it.
  if (bundles.empty()) return;
  size_t added = 0, members = 0;
  for (BundleIndex b : bundles) added += catalog.bundles()[b].members.size();
  for (const Bundle& b : catalog.bundles()) members += b.members.size();
  if (facts.member_halls.size() + added > 2 * members + 4096) {
    build_bundle_halls(catalog, facts);
    return;
  }
  for (BundleIndex b : bundles) facts.bundles[b] = bundle_halls_of(catalog, catalog.bundles()[b], facts);
}

MatterFacts situation_facts(absl::Span<const Material> materials, const Matter& m, const FactsPatch& patch,
                            absl::Span<const uint8_t> applies) {
  bool has_materials = false;
  const auto forcing = original_to_show(
      materials, m, [&](const MaterialUse& u) { return applies[static_cast<size_t>(&u - m.materials.data())] != 0; },
      &has_materials);
  return situation_facts(m, patch, forcing ? static_cast<int32_t>(*forcing) : -1, has_materials);
}

MatterFacts situation_facts(const Matter& m, const FactsPatch& patch, int32_t forcing_material, bool has_materials) {
  MatterFacts f;
  f.department = m.department;
  f.first_hall = m.halls[0];
  const bool immediate = m.project_type == ProjectType::kImmediate;
  f.counted = immediate ? 0 : limit_workdays(patch.promised_limit.value_or(m.promised_limit));
  f.duration = f.counted + days_after_decision(m);
  f.forcing_material = forcing_material;
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

// What a bundle's evaluation gives beside its needs.
struct Evaluated {
  std::optional<MatterIndex> worst_case_matter;
  int32_t makespan = 0;  // working days until the last result
  int32_t counted = 0;   // the administration's own working days along its longest path
};

// Per member, what the passes over a bundle's graph work out.
struct MemberState {
  int32_t es = 0;  // earliest start, with every edge's days
  int32_t ef = 0;  // earliest finish (the result)
  int32_t cs = 0;  // the same in the administration's own working days
  int32_t cf = 0;
  int32_t ready = 0;            // when the applicant can apply (after the results they carry)
  uint32_t handover = 0;        // whose result this member's reaches the applicant with
  bool remote_capable = false;  // of the member's submission
};

// Every need of a bundle (or of a matter as a bundle of one), in no order,
// each given to sink(const Need&): the detail keeps them, the count keeps
// only their trip keys (a Need is never built when counting: the sink is
// inlined and reads three of its fields). The rest into `out`, which the
// caller holds: returned by value, its fields were stored one by one and
// copied as one 16-byte word, a store-forwarding stall per evaluation (perf).
template <class Sink>
void collect_needs(const Catalog& catalog, const internal::TripFacts& trip_facts, const BundleView& b,
                   const TripOptions& options, Sink&& sink, Evaluated& out) {
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
  // Built one by one: made at once, the states were zeroed by a call to
  // memset whose masked stores the first reads below could not take their
  // values from (a store-forwarding stall per evaluation, a quarter of the
  // count of a matter alone, perf).
  absl::InlinedVector<MemberState, kInlineMembers> st;
  for (size_t v = 0; v < n; ++v) st.emplace_back();
  // One forward pass of the critical path method (schedule_internal.hpp's
  // forward_pass, twice over): the earliest starts with every edge's days,
  // the administration's own working days (counted_edge_days: limits and
  // internal transfers, for 第四十二条's joint limit), and when the applicant
  // can apply for a member: at once, unless they must first hold a result
  // they carry (an applicant edge). An internal edge (内部流转) passes the
  // result on without them: the member's application is made with the others
  // and waits for the result inside the administration.
  int32_t makespan = 0;
  int32_t counted = 0;
  for (uint32_t v : b.graph.order) {
    MemberState& s = st[v];
    const F& f = fact(v);
    s.handover = v;
    s.ef = s.es + f.duration;
    s.cf = s.cs + f.counted;
    makespan = std::max(makespan, s.ef);
    counted = std::max(counted, s.cf);
    for (uint32_t k : b.graph.out_of(v)) {
      const BundleEdge& e = b.graph.edges[k];
      MemberState& to = st[e.to];
      to.es = std::max(to.es, s.ef + internal::all_edge_days(e));
      to.cs = std::max(to.cs, s.cf + internal::counted_edge_days(e));
      if (e.kind == EdgeKind::kApplicant) to.ready = std::max(to.ready, s.ef + e.days);
    }
  }
  const bool single_window = b.acceptance == Acceptance::kSingleWindow;
  const bool together = single_window && b.results == Results::kTogether;

  // Whose result a member's result reaches the applicant with: its own, or,
  // when it goes on internally, that of the member it feeds (the latest one).
  const auto result_moment = [&](uint32_t v) { return together ? makespan : st[v].ef; };
  if (!b.graph.edges.empty()) {
    for (auto it = b.graph.order.rbegin(); it != b.graph.order.rend(); ++it) {
      uint32_t& handover = st[*it].handover;
      for (uint32_t k : b.graph.out_of(*it)) {
        const BundleEdge& e = b.graph.edges[k];
        if (e.kind == EdgeKind::kApplicant) continue;
        if (handover == *it || result_moment(st[e.to].handover) > result_moment(handover)) {
          handover = st[e.to].handover;
        }
      }
    }
  }

  out.worst_case_matter.reset();
  out.makespan = makespan;
  out.counted = counted;
  for (uint32_t i = 0; i < n; ++i) {
    const MatterIndex mi = b.members[i];
    const F& f = fact(i);
    const Submission s = default_materials ? submission(f) : submission(catalog, catalog.matters()[mi], options);
    st[i].remote_capable = s.remote_capable;
    const HallIndex submit_hall = single_window ? b.lead_hall : b.member_halls[i];
    const DepartmentIndex submit_window = single_window ? b.lead : f.department;
    const int32_t submit_moment = single_window ? 0 : st[i].ready;
    if (s.in_person) {
      sink(Need{i, mi, NeedKind::kSubmit, s.because,
                s.material >= 0 ? std::optional<MaterialIndex>(s.material) : std::nullopt, std::nullopt, submit_hall,
                submit_window, submit_moment});
      const bool found_early = f.has(F::kTolerant) || f.has(F::kOnlineAny);
      if (s.has_materials && !found_early && !out.worst_case_matter) out.worst_case_matter = mi;
    }
    const uint32_t with = st[i].handover;
    const F& with_facts = with == i ? f : fact(with);
    const HallIndex result_hall = together ? b.lead_hall : b.member_halls[with];
    const DepartmentIndex result_window = together ? b.lead : with_facts.department;
    const int32_t decided = result_moment(with);
    const bool delivered = f.has(F::kDelivered) || with_facts.has(F::kDelivered);
    // An immediate matter handed in at the window hands its result over in the same visit.
    const bool handed_over = s.in_person && submit_hall == result_hall && submit_moment == decided;
    const bool collected = !delivered && !handed_over;
    if (collected) {
      sink(Need{i, mi, NeedKind::kCollect, Because::kResultAtWindow, std::nullopt, std::nullopt, result_hall,
                result_window, decided});
    }
    if (f.has(F::kFeeAtWindow)) {
      // A fixed charge is paid with the application: in its visit, else when
      // the result is collected, else on a visit of its own when applying. An
      // assessed fee is paid once the decision sets it: when the result is
      // handed over (or collected), else on a visit of its own then.
      const bool at_submission = s.in_person && (!f.has(F::kFeeAssessed) || handed_over);
      const bool at_collection = !at_submission && (collected || f.has(F::kFeeAssessed));
      sink(Need{i, mi, NeedKind::kPay, Because::kFeeAtWindow, std::nullopt, std::nullopt,
                at_collection ? result_hall : submit_hall, at_collection ? result_window : submit_window,
                at_collection ? decided : submit_moment});
    }
  }
  if (single_window) {
    for (const BundleEdge& e : b.graph.edges) {
      if (e.kind != EdgeKind::kApplicant) continue;
      if (fact(e.from).has(F::kElectronicLicence) || st[e.to].remote_capable) {
        continue;
      }
      sink(Need{e.to, b.members[e.to], NeedKind::kCarry, Because::kResultToCarry, std::nullopt, b.members[e.from],
                b.lead_hall, b.lead, st[e.to].es});
    }
  }
}

bool same_trip(const Need& a, const Need& b) { return a.hall == b.hall && a.moment == b.moment; }

void sort_needs(Needs& needs) {
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    return std::tie(a.moment, a.hall, a.window, a.member, a.kind) <
           std::tie(b.moment, b.hall, b.window, b.member, b.kind);
  });
}

// Counts the trips of needs given one by one, in any order: a trip is a
// distinct (moment, hall), a window contact a distinct (moment, hall,
// window). A bundle has few of either, so each need is looked up among those
// seen so far (a short linear scan, no sort); past kLinear distinct contacts
// the keys are kept and sorted at the end instead.
class TripCounter {
 public:
  void operator()(const Need& n) {
    because_mask_ |= 1u << static_cast<int>(n.because);
    const uint64_t trip = (static_cast<uint64_t>(static_cast<uint32_t>(n.moment)) << 32) | n.hall;
    const Contact key{trip, n.window};
    if (!sorting_) {
      for (const Contact& c : contacts_) {
        if (c == key) return;
      }
      if (contacts_.size() < kLinear) {
        bool new_trip = true;
        for (const Contact& c : contacts_) new_trip &= c.first != trip;
        trips_ += new_trip ? 1 : 0;
        // In place: a copy of `key` was read as one 16-byte word of its two
        // smaller stores (a store-forwarding stall per need, perf).
        contacts_.emplace_back(trip, n.window);
        return;
      }
      sorting_ = true;
    }
    contacts_.emplace_back(trip, n.window);
  }

  TripCounts counts(const Evaluated& e) {
    TripCounts c;
    c.because_mask = because_mask_;
    if (sorting_) {
      std::sort(contacts_.begin(), contacts_.end());
      trips_ = 0;
      for (size_t i = 0; i < contacts_.size(); ++i) {
        if (i == 0 || contacts_[i - 1].first != contacts_[i].first) ++trips_;
        if (i == 0 || contacts_[i - 1] != contacts_[i]) ++c.window_contacts;
      }
    } else {
      c.window_contacts = static_cast<int32_t>(contacts_.size());
    }
    c.trips = trips_;
    c.worst_case = c.trips + (e.worst_case_matter ? 1 : 0);
    c.workdays = e.makespan;
    c.counted_workdays = e.counted;
    return c;
  }

 private:
  using Contact = std::pair<uint64_t, uint32_t>;  // (moment, hall), window
  static constexpr size_t kLinear = 32;
  absl::InlinedVector<Contact, kLinear> contacts_;
  int32_t trips_ = 0;
  uint32_t because_mask_ = 0;
  bool sorting_ = false;
};

TripCounts count(const Catalog& catalog, const internal::TripFacts& facts, const BundleView& view,
                 const TripOptions& options) {
  TripCounter counter;
  Evaluated e;
  collect_needs(catalog, facts, view, options, counter, e);
  return counter.counts(e);
}

TripResult detail(const Catalog& catalog, const internal::TripFacts& facts, const BundleView& view,
                  const TripOptions& options, int32_t* workdays = nullptr) {
  Needs needs;
  TripCounter counter;
  Evaluated e;
  collect_needs(
      catalog, facts, view, options,
      [&](const Need& need) {
        counter(need);
        needs.push_back(need);
      },
      e);
  if (workdays) *workdays = e.makespan;
  sort_needs(needs);
  const TripCounts c = counter.counts(e);
  TripResult r;
  r.trips = c.trips;
  r.worst_case = c.worst_case;
  r.window_contacts = c.window_contacts;
  r.because_mask = c.because_mask;
  r.worst_case_matter = e.worst_case_matter;
  for (size_t i = 0; i < needs.size(); ++i) {
    const Need& need = needs[i];
    if (i == 0 || !same_trip(needs[i - 1], need)) r.trip_list.push_back({need.hall, need.moment, 0, {}});
    Trip& trip = r.trip_list.back();
    if (trip.needs.empty() || trip.needs.back().window != need.window) ++trip.window_contacts;
    trip.needs.push_back(need);
  }
  return r;
}

}  // namespace

namespace internal {

TripResult evaluate_view(const Catalog& catalog, const BundleView& view, int32_t* workdays) {
  return detail(catalog, trip_facts(catalog), view, TripOptions{}, workdays);
}

TripCounts count_view(const Catalog& catalog, const TripFacts& facts, const BundleView& view) {
  return count(catalog, facts, view, TripOptions{});
}

TripCounts count_matter_trips(const Catalog& catalog, const TripFacts& facts, MatterIndex matter,
                              const TripOptions& options) {
  const MatterIndex storage = matter;
  return count(catalog, facts, single_matter_view(facts, matter, storage), options);
}

TripCounts count_bundle_trips(const Catalog& catalog, const TripFacts& facts, BundleIndex bundle,
                              const TripOptions& options) {
  return count(catalog, facts, bundle_view(catalog, facts, bundle), options);
}

}  // namespace internal

TripResult evaluate_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options) {
  const internal::TripFacts& facts = internal::trip_facts(catalog);
  const MatterIndex storage = matter;
  return detail(catalog, facts, internal::single_matter_view(facts, matter, storage), options);
}

TripResult evaluate_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options) {
  const internal::TripFacts& facts = internal::trip_facts(catalog);
  return detail(catalog, facts, internal::bundle_view(catalog, facts, bundle), options);
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
