// The one-time notice: the answers checked against the questions in scope,
// every condition evaluated in three values, the situation's facts handed to
// the trip rules (lib/trips.cpp) in place of the catalogue's defaults.
#include "onetrip/notice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "catalog_internal.hpp"
#include "condition.hpp"
#include "nlohmann/json.hpp"
#include "situation_internal.hpp"
#include "text_support.hpp"
#include "trips_internal.hpp"

namespace onetrip {

namespace {

using internal::AnswerSlot;
using internal::ConditionCode;
using internal::quote_text;
using internal::Tri;

struct Owner {
  std::optional<MatterIndex> matter;
  std::optional<BundleIndex> bundle;
};

absl::StatusOr<Owner> find_owner(const Catalog& catalog, std::string_view code) {
  Owner o;
  o.matter = catalog.find_matter(code);
  if (!o.matter) o.bundle = catalog.find_bundle(code);
  if (!o.matter && !o.bundle) {
    return absl::NotFoundError(absl::StrFormat("no matter or bundle %s in the catalogue", quote_text(code)));
  }
  return o;
}

std::vector<Question> scope_of(const Catalog& catalog, const Owner& o) {
  if (o.matter) {
    const Matter& m = catalog.matters()[*o.matter];
    return m.situations ? m.situations->questions : std::vector<Question>{};
  }
  const auto matters = catalog.matters();
  return internal::bundle_scope(catalog.bundles()[*o.bundle], [&](MatterIndex i) { return &matters[i]; });
}

std::string asked_list(absl::Span<const Question> scope) {
  if (scope.empty()) return "it asks no questions";
  return absl::StrCat("it asks ", absl::StrJoin(scope, ", ", [](std::string* out, const Question& q) {
                        absl::StrAppend(out, q.id, " (", q.text, ")");
                      }));
}

absl::Status wrong_type(const Question& q, const char* given) {
  return absl::InvalidArgumentError(absl::StrFormat("question %s (%s): %s given, expected %s", quote_text(q.id), q.text,
                                                    given, internal::allowed_answers(q)));
}

// One answer as the conditions read it, checked against its question.
absl::StatusOr<AnswerSlot> read_answer(const Question& q, const AnswerValue& value) {
  AnswerSlot s;
  s.known = true;
  if (const auto* text = std::get_if<std::string>(&value)) return internal::parse_answer_text(q, *text);
  if (const auto* yes = std::get_if<bool>(&value)) {
    if (q.type != QuestionType::kYesNo) return wrong_type(q, "yes/no");
    s.number = *yes ? 1 : 0;
    return s;
  }
  if (const auto* number = std::get_if<double>(&value)) {
    if (q.type != QuestionType::kNumber) return wrong_type(q, "a number");
    if (!std::isfinite(*number)) return wrong_type(q, "a number that is not finite");
    s.number = *number;
    return s;
  }
  if (const auto* day = std::get_if<Date>(&value)) {
    if (q.type != QuestionType::kDate) return wrong_type(q, "a date");
    if (day->is_special()) return wrong_type(q, "not a date");
    s.number = static_cast<double>(to_epoch_day(*day));
    return s;
  }
  const auto& list = std::get<std::vector<std::string>>(value);
  if (q.type != QuestionType::kChoices) return wrong_type(q, "a list of choices");
  for (const std::string& c : list) {
    const auto it = std::find(q.choices.begin(), q.choices.end(), c);
    if (it == q.choices.end()) {
      return absl::InvalidArgumentError(absl::StrFormat("question %s (%s): %s is not an allowed answer: %s",
                                                        quote_text(q.id), q.text, quote_text(c),
                                                        internal::allowed_answers(q)));
    }
    s.bits |= uint64_t{1} << (it - q.choices.begin());
  }
  return s;
}

// The answers in the order of the questions in scope (unknown where not
// given), each checked, each matched to its question once.
absl::Status check_answers(absl::Span<const Question> scope, absl::Span<const Answer> answers,
                           std::vector<AnswerSlot>& slots) {
  slots.assign(scope.size(), AnswerSlot{});
  for (const Answer& a : answers) {
    const auto q = std::find_if(scope.begin(), scope.end(), [&](const Question& x) { return x.id == a.question; });
    if (q == scope.end()) {
      return absl::InvalidArgumentError(
          absl::StrFormat("unknown question %s: %s", quote_text(a.question), asked_list(scope)));
    }
    AnswerSlot& slot = slots[static_cast<size_t>(q - scope.begin())];
    if (slot.known) {
      return absl::InvalidArgumentError(absl::StrFormat("question %s is answered twice", quote_text(a.question)));
    }
    auto read = read_answer(*q, a.value);
    if (!read.ok()) return read.status();
    slot = *read;
    slot.known = true;
  }
  return absl::OkStatus();
}

// A member's answers from its owner's: the same when the owner is the matter
// itself, else matched by question id (a bundle asks its members' questions).
absl::Span<const AnswerSlot> member_slots(absl::Span<const Question> scope, absl::Span<const AnswerSlot> slots,
                                          absl::Span<const Question> member_scope, std::vector<AnswerSlot>& buffer) {
  if (member_scope.data() == scope.data() && member_scope.size() == scope.size()) return slots;
  buffer.assign(member_scope.size(), AnswerSlot{});
  for (size_t i = 0; i < member_scope.size(); ++i) {
    for (size_t j = 0; j < scope.size(); ++j) {
      if (scope[j].id == member_scope[i].id) {
        buffer[i] = slots[j];
        break;
      }
    }
  }
  return buffer;
}

Tri eval(const Condition& c, absl::Span<const AnswerSlot> slots) {
  if (c.text.empty()) return Tri::kTrue;
  if (!c.code) return Tri::kUnknown;  // not compiled: never in a built catalogue
  return internal::evaluate(*c.code, slots);
}

// Collects the unanswered questions a condition reads.
void note_open(const Condition& c, absl::Span<const Question> scope, absl::Span<const AnswerSlot> slots,
               std::vector<Question>& out) {
  if (!c.code) return;
  for (size_t q = 0; q < scope.size(); ++q) {
    if (!(c.code->questions & (uint64_t{1} << q)) || slots[q].known) continue;
    if (std::none_of(out.begin(), out.end(), [&](const Question& o) { return o.id == scope[q].id; })) {
      out.push_back(scope[q]);
    }
  }
}

// A variant that holds, patched into the facts (a later one wins).
void patch_with(const Variant& v, const Matter& m, internal::FactsPatch& p) {
  if (v.online) p.online = *v.online;
  if (v.postal_application) p.postal_application = *v.postal_application;
  if (v.express_delivery) p.express_delivery = *v.express_delivery;
  if (v.electronic_licence) p.electronic_licence = *v.electronic_licence;
  if (v.online_payment) p.online_payment = *v.online_payment;
  if (v.tolerant_acceptance) p.tolerant_acceptance = *v.tolerant_acceptance;
  if (v.fee_fen) p.fee_fen = *v.fee_fen;
  if (v.promise_day) p.promised_limit = Limit{*v.promise_day, v.promise_type.value_or(m.promised_limit.unit)};
  if (v.personal_presence) p.personal_presence = !v.personal_presence->empty();
}

// Which material uses of a matter apply in a situation (one byte per use):
// by default, else by their rule's condition; an undetermined one applies (it
// is prepared, to be safe). The rule of each use, when it has one, in rule_of.
template <class OnUnknown>
void choose_materials(const Matter& m, absl::Span<const AnswerSlot> slots, std::vector<uint8_t>& applies,
                      std::vector<uint8_t>& certain, std::vector<const MaterialRule*>* rule_of, OnUnknown on_unknown) {
  const size_t uses = m.materials.size();
  applies.resize(uses);
  certain.assign(uses, 1);
  for (size_t i = 0; i < uses; ++i) applies[i] = m.materials[i].applies_by_default ? 1 : 0;
  if (rule_of) rule_of->assign(uses, nullptr);
  if (!m.situations) return;
  for (const MaterialRule& r : m.situations->materials) {
    if (rule_of) (*rule_of)[r.use] = &r;
    if (r.when.text.empty()) continue;
    const Tri t = eval(r.when, slots);
    applies[r.use] = t != Tri::kFalse ? 1 : 0;
    certain[r.use] = t != Tri::kUnknown ? 1 : 0;
    if (t == Tri::kUnknown) on_unknown(r.when);
  }
}

void check_rules(const std::string& owner, absl::Span<const EligibilityRule> rules, absl::Span<const Question> scope,
                 absl::Span<const AnswerSlot> slots, bool certain, Notice& n, bool& undetermined) {
  for (const EligibilityRule& rule : rules) {
    const Tri t = eval(rule.when, slots);
    if (t == Tri::kTrue && certain) {
      n.refusals.push_back({owner, rule.reason, rule.basis, rule.refusal, rule.instead, rule.when.text});
      continue;
    }
    if (t == Tri::kFalse) continue;
    undetermined = true;
    std::vector<Question> deciding;
    note_open(rule.when, scope, slots, deciding);
    for (const Question& q : deciding) {
      if (std::find(n.deciding_questions.begin(), n.deciding_questions.end(), q.id) == n.deciding_questions.end()) {
        n.deciding_questions.push_back(q.id);
      }
    }
    for (const Question& q : deciding) {
      if (std::none_of(n.open_questions.begin(), n.open_questions.end(),
                       [&](const Question& o) { return o.id == q.id; })) {
        n.open_questions.push_back(q);
      }
    }
  }
}

// Whether a rule surely refuses.
bool refuses(absl::Span<const EligibilityRule> rules, absl::Span<const AnswerSlot> slots) {
  return std::any_of(rules.begin(), rules.end(),
                     [&](const EligibilityRule& r) { return eval(r.when, slots) == Tri::kTrue; });
}

// Whether bundle member `p` applies: by the last of its member rules (true
// without one).
template <class OnUnknown>
Tri member_applies(const Bundle& b, uint32_t p, absl::Span<const AnswerSlot> slots, OnUnknown on_unknown) {
  Tri t = Tri::kTrue;
  if (!b.situations) return t;
  for (const MemberRule& r : b.situations->members) {
    if (r.member != p) continue;
    t = eval(r.when, slots);
    if (t == Tri::kUnknown) on_unknown(r.when);
  }
  return t;
}

// A bundle's graph restricted to the members kept, renumbered: storage for a BundleView.
struct SubGraph {
  std::vector<MatterIndex> members;
  std::vector<HallIndex> halls;
  std::vector<BundleEdge> edges;
  std::vector<uint32_t> order, out_offsets, out_edges;
  internal::BundleGraph graph() const {
    internal::BundleGraph g;
    g.edges = edges;
    g.order = order;
    g.out_offsets = out_offsets;
    g.out_edges = out_edges;
    return g;
  }
};

SubGraph restrict(const internal::BundleView& full, absl::Span<const uint32_t> kept) {
  SubGraph s;
  std::vector<int64_t> position(full.members.size(), -1);
  for (uint32_t p : kept) {
    position[p] = static_cast<int64_t>(s.members.size());
    s.members.push_back(full.members[p]);
    s.halls.push_back(full.member_halls[p]);
  }
  for (uint32_t v : full.graph.order) {
    if (position[v] >= 0) s.order.push_back(static_cast<uint32_t>(position[v]));
  }
  for (BundleEdge e : full.graph.edges) {
    if (position[e.from] < 0 || position[e.to] < 0) continue;
    e.from = static_cast<uint32_t>(position[e.from]);
    e.to = static_cast<uint32_t>(position[e.to]);
    s.edges.push_back(e);
  }
  s.out_offsets.assign(s.members.size() + 1, 0);
  for (const BundleEdge& e : s.edges) ++s.out_offsets[e.from + 1];
  for (size_t v = 0; v < s.members.size(); ++v) s.out_offsets[v + 1] += s.out_offsets[v];
  s.out_edges.resize(s.edges.size());
  std::vector<uint32_t> next(s.out_offsets.begin(), s.out_offsets.end() - 1);
  for (uint32_t i = 0; i < s.edges.size(); ++i) s.out_edges[next[s.edges[i].from]++] = i;
  return s;
}

}  // namespace

absl::StatusOr<std::vector<Question>> questions_of(const Catalog& catalog, std::string_view code) {
  auto owner = find_owner(catalog, code);
  if (!owner.ok()) return owner.status();
  return scope_of(catalog, *owner);
}

namespace {

// What a notice reuses from one call to the next on a thread.
struct Scratch {
  std::vector<AnswerSlot> slots, member_slots;
  std::vector<uint8_t> applies, certain, certain_member;
  std::vector<const MaterialRule*> rule_of;
  std::vector<uint32_t> kept;
  std::vector<internal::MatterFacts> member_facts;
  std::vector<int32_t> entry_of;  // by catalogue material: its entry in Notice::materials, or -1
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// The trips of the members kept (positions in full.members), with their
// situation's facts; none kept: no trip.
TripCounts count_kept(const Catalog& catalog, const internal::TripFacts& facts, const internal::BundleView& full,
                      absl::Span<const uint32_t> kept, absl::Span<const internal::MatterFacts> member_facts) {
  if (kept.empty()) return TripCounts{};
  internal::BundleView view = full;
  view.member_facts = member_facts;
  if (kept.size() == full.members.size()) return internal::count_view(catalog, facts, view);
  const SubGraph sub = restrict(full, kept);
  view.members = sub.members;
  view.member_halls = sub.halls;
  view.graph = sub.graph();
  return internal::count_view(catalog, facts, view);
}

// The notice from answers already checked against the scope (`slots`, in its order).
absl::StatusOr<Notice> make_notice(const Catalog& catalog, std::string_view code, const Owner& owner,
                                   absl::Span<const Question> scope, absl::Span<const AnswerSlot> slots,
                                   const NoticeOptions& options, Scratch& x) {
  const auto matters = catalog.matters();
  const auto materials = catalog.materials();
  const internal::TripFacts& facts = internal::trip_facts(catalog);

  Notice n;
  n.code = std::string(code);
  n.bundle = owner.bundle.has_value();
  bool undetermined = false;

  // The members that apply, and the bundle's own rules.
  x.kept.clear();
  x.certain_member.clear();
  internal::BundleView full;
  const MatterIndex single = owner.matter.value_or(0);
  if (owner.bundle) {
    const Bundle& b = catalog.bundles()[*owner.bundle];
    n.name = b.name;
    full = internal::bundle_view(catalog, facts, *owner.bundle);
    for (uint32_t p = 0; p < b.members.size(); ++p) {
      const Tri t =
          member_applies(b, p, slots, [&](const Condition& c) { note_open(c, scope, slots, n.open_questions); });
      if (t == Tri::kFalse) continue;
      x.kept.push_back(p);
      x.certain_member.push_back(t == Tri::kTrue ? 1 : 0);
      if (t == Tri::kUnknown) n.undetermined_members.push_back(b.members[p]);
    }
    if (b.situations) {
      n.situations.push_back(b.situations);
      check_rules(b.id, b.situations->eligibility, scope, slots, true, n, undetermined);
    }
  } else {
    n.name = matters[single].name;
    full = internal::single_matter_view(facts, single, single);
    x.kept.push_back(0);
    x.certain_member.push_back(1);
  }

  // Each member's situation: its rules, variants, materials and facts.
  const bool together = !owner.bundle || full.acceptance == Acceptance::kSingleWindow;
  if (together && x.entry_of.size() < materials.size()) x.entry_of.resize(materials.size(), -1);
  size_t uses = 0;
  for (uint32_t p : x.kept) uses += matters[full.members[p]].materials.size();
  n.materials.reserve(uses);
  n.members.reserve(x.kept.size());
  x.member_facts.clear();
  for (size_t k = 0; k < x.kept.size(); ++k) {
    const MatterIndex mi = full.members[x.kept[k]];
    const Matter& m = matters[mi];
    n.members.push_back(mi);
    if (!m.situations) {
      choose_materials(m, {}, x.applies, x.certain, &x.rule_of, [](const Condition&) {});
      x.member_facts.push_back(facts.matters[mi]);
    } else {
      const Situations& s = *m.situations;
      n.situations.push_back(m.situations);
      const absl::Span<const AnswerSlot> own = member_slots(scope, slots, s.questions, x.member_slots);
      check_rules(m.code, s.eligibility, s.questions, own, x.certain_member[k] != 0, n, undetermined);
      choose_materials(m, own, x.applies, x.certain, &x.rule_of,
                       [&](const Condition& c) { note_open(c, s.questions, own, n.open_questions); });
      internal::FactsPatch patch;
      for (const Variant& v : s.variants) {
        const Tri t = eval(v.when, own);
        if (t == Tri::kUnknown) note_open(v.when, s.questions, own, n.open_questions);
        if (t != Tri::kTrue) continue;
        patch_with(v, m, patch);
        n.variants.push_back(v.note.empty() ? v.when.text : v.note);
      }
      x.member_facts.push_back(internal::situation_facts(materials, m, patch, x.applies));
    }
    for (size_t i = 0; i < m.materials.size(); ++i) {
      if (!x.applies[i]) continue;
      const MaterialUse& use = m.materials[i];
      const Material& material = materials[use.material];
      // By the trip rules (bundle_materials): one set for all the members only
      // when one window accepts them; else each member's window keeps its own.
      // A shared material is fetched, once, whoever needs it.
      NoticeMaterial* it = nullptr;
      if (together) {
        // (Checked, so that an index a failed call left behind is never read.)
        const int32_t entry = x.entry_of[use.material];
        if (entry >= 0 && static_cast<size_t>(entry) < n.materials.size() &&
            n.materials[static_cast<size_t>(entry)].material == use.material) {
          it = &n.materials[static_cast<size_t>(entry)];
        }
      } else {
        const auto found = std::find_if(n.materials.begin(), n.materials.end(), [&](const NoticeMaterial& e) {
          return e.material == use.material && (material.shared || e.needed_by.front() == mi);
        });
        if (found != n.materials.end()) it = &*found;
      }
      if (!it) {
        if (together) x.entry_of[use.material] = static_cast<int32_t>(n.materials.size());
        it = &n.materials.emplace_back();
        it->material = use.material;
        it->form = use.form;
        it->original = use.original;
        it->copies = 0;
        it->necessity = use.necessity;
        it->shared = material.shared;
        it->certain = false;
      }
      const MaterialRule* rule = x.rule_of[i];
      it->original = it->original || use.original;
      it->copies = std::max(it->copies, rule && rule->copies > 0 ? rule->copies : 1);
      if (use.necessity == Necessity::kRequired) it->necessity = Necessity::kRequired;
      it->certain = it->certain || (x.certain[i] && x.certain_member[k]);
      if (rule && !rule->when.text.empty() && it->when.empty()) it->when = rule->when.text;
      it->needed_by.push_back(mi);
    }
  }
  if (together) {
    for (const NoticeMaterial& e : n.materials) x.entry_of[e.material] = -1;
  }
  std::stable_partition(n.materials.begin(), n.materials.end(), [](const NoticeMaterial& e) { return !e.shared; });

  if (!n.refusals.empty()) {
    // Settled: no answer can make it eligible, so none is still "open".
    n.eligibility = Eligibility::kNotEligible;
    n.deciding_questions.clear();
    n.open_questions.clear();
  } else if (undetermined) {
    n.eligibility = Eligibility::kUndetermined;
  }

  // The trips, by the trip rules, on this situation's facts.
  if (!x.kept.empty()) {
    internal::BundleView view = full;
    view.member_facts = x.member_facts;
    if (x.kept.size() == full.members.size()) {
      n.trips = internal::evaluate_view(catalog, view, &n.workdays);
    } else {
      const SubGraph sub = restrict(full, x.kept);
      view.members = sub.members;
      view.member_halls = sub.halls;
      view.graph = sub.graph();
      n.trips = internal::evaluate_view(catalog, view, &n.workdays);
    }
    if (options.calendar && options.start) {
      auto due = options.calendar->add_workdays(*options.start, n.workdays);
      if (!due.ok()) return due.status();
      n.due = *due;
    }
  }
  return n;
}

// Every condition of a matter's or a bundle's situations, with the scope it reads.
struct ScopedCodes {
  absl::Span<const Question> scope;
  std::vector<const internal::ConditionCode*> codes;
};

void add_codes(const Situations& s, std::vector<const internal::ConditionCode*>& out, bool with_eligibility) {
  if (with_eligibility) {
    for (const EligibilityRule& r : s.eligibility) {
      if (r.when.code) out.push_back(r.when.code.get());
    }
  }
  for (const MaterialRule& r : s.materials) {
    if (r.when.code) out.push_back(r.when.code.get());
  }
  for (const Variant& v : s.variants) {
    if (v.when.code) out.push_back(v.when.code.get());
  }
  for (const MemberRule& r : s.members) {
    if (r.when.code) out.push_back(r.when.code.get());
  }
}

// A question the conditions read (its position in the owner's scope), with
// the answers they tell apart.
struct Telling {
  uint16_t position = 0;
  std::vector<AnswerSlot> answers;
};

// The next combination of the telling questions' answers in `slots` (`pick`
// holds each one's position), the first question varying fastest (an
// odometer); false after the last, the answers back at the first.
template <class Pick, class Slots>
bool next_combination(Pick& pick, absl::Span<const Telling> telling, Slots& slots) {
  for (size_t q = 0; q < telling.size(); ++q) {
    if (++pick[q] < telling[q].answers.size()) {
      slots[telling[q].position] = telling[q].answers[pick[q]];
      return true;
    }
    pick[q] = 0;
    slots[telling[q].position] = telling[q].answers[0];
  }
  return false;
}

// What the range reuses from one matter to the next on a thread (a
// whole-catalogue evaluation asks it for every situational matter).
struct RangeScratch {
  std::vector<ScopedCodes> scoped;  // the first `scoped_used` hold this owner's
  size_t scoped_used = 0;
  std::vector<Telling> telling;  // the first `telling_used` hold this owner's
  size_t telling_used = 0;
  std::vector<AnswerSlot> slots, member_slots;
  std::vector<uint32_t> kept;
  std::vector<uint8_t> certain_member, applies, certain;
  std::vector<internal::MatterFacts> member_facts;
};

RangeScratch& range_scratch() {
  thread_local RangeScratch s;
  return s;
}

// The conditions of the owner and its members, into x.scoped. `scope` is the
// owner's (a bundle's gathered questions, kept by the caller).
void codes_of(const Catalog& catalog, const Owner& owner, absl::Span<const Question> scope, bool with_eligibility,
              RangeScratch& x) {
  x.scoped_used = 0;
  const auto next = [&]() -> ScopedCodes& {
    if (x.scoped_used == x.scoped.size()) x.scoped.emplace_back();
    ScopedCodes& sc = x.scoped[x.scoped_used++];
    sc.codes.clear();
    return sc;
  };
  const auto matters = catalog.matters();
  const auto of_matter = [&](MatterIndex mi) {
    const Matter& m = matters[mi];
    if (!m.situations) return;
    ScopedCodes& sc = next();
    sc.scope = m.situations->questions;
    add_codes(*m.situations, sc.codes, with_eligibility);
  };
  if (owner.matter) {
    of_matter(*owner.matter);
    return;
  }
  const Bundle& b = catalog.bundles()[*owner.bundle];
  if (b.situations) {
    ScopedCodes& sc = next();
    sc.scope = scope;
    add_codes(*b.situations, sc.codes, with_eligibility);
  }
  for (MatterIndex mi : b.members) of_matter(mi);
}

// The questions x.scoped's conditions read, each with the answers they tell
// apart, into x.telling. *complete is set false when a question has too many
// classes of answers to try them all.
void telling_answers(absl::Span<const Question> scope, RangeScratch& x, bool* complete) {
  x.telling_used = 0;
  for (size_t s = 0; s < x.scoped_used; ++s) {
    const ScopedCodes& sc = x.scoped[s];
    uint64_t read = 0;
    for (const internal::ConditionCode* c : sc.codes) read |= c->questions;
    const bool own = sc.scope.data() == scope.data() && sc.scope.size() == scope.size();
    for (uint16_t q = 0; q < sc.scope.size(); ++q) {
      if (!(read & (uint64_t{1} << q))) continue;
      uint16_t position = q;
      if (!own) {
        const auto at =
            std::find_if(scope.begin(), scope.end(), [&](const Question& e) { return e.id == sc.scope[q].id; });
        position = static_cast<uint16_t>(at - scope.begin());  // a bundle's scope has every member's questions
      }
      const auto end = x.telling.begin() + static_cast<std::ptrdiff_t>(x.telling_used);
      auto it = std::find_if(x.telling.begin(), end, [&](const Telling& t) { return t.position == position; });
      if (it == end) {
        if (x.telling_used == x.telling.size()) x.telling.emplace_back();
        it = x.telling.begin() + static_cast<std::ptrdiff_t>(x.telling_used++);
        it->position = position;
        it->answers.clear();
      }
      const auto add = [&](const AnswerSlot& a) {
        const bool seen = std::any_of(it->answers.begin(), it->answers.end(),
                                      [&](const AnswerSlot& b) { return b.number == a.number && b.bits == a.bits; });
        if (!seen) it->answers.push_back(a);
      };
      const Question& question = sc.scope[q];
      if (question.type == QuestionType::kYesNo) {  // as representatives() gives them, without its vector
        add(AnswerSlot{true, 0, 0});
        add(AnswerSlot{true, 1, 0});
      } else if (question.type == QuestionType::kChoice) {
        for (size_t i = 0; i < question.choices.size(); ++i) add(AnswerSlot{true, 0, uint64_t{1} << i});
      } else {
        for (const AnswerSlot& a : internal::representatives(sc.codes, question, q, complete)) add(a);
      }
    }
  }
}

// Evaluates situations of one matter or bundle as the notice would, without
// building it: whether a rule refuses, and the trips, on the packed trip facts
// with each member's situation patched in.
class SituationEvaluator {
 public:
  SituationEvaluator(const Catalog& catalog, const Owner& owner, absl::Span<const Question> scope, RangeScratch& x)
      : catalog_(catalog), owner_(owner), scope_(scope), facts_(internal::trip_facts(catalog)), x_(x) {
    if (owner.bundle) {
      full_ = internal::bundle_view(catalog, facts_, *owner.bundle);
    } else {
      single_ = *owner.matter;
      full_ = internal::single_matter_view(facts_, single_, single_);
    }
  }

  // The outcome of the answers `slots` (in the scope's order): false when a
  // rule refuses (*counts then untouched).
  bool eligible(absl::Span<const AnswerSlot> slots, TripCounts* counts) {
    const auto matters = catalog_.matters();
    x_.kept.clear();
    x_.certain_member.clear();
    if (owner_.bundle) {
      const Bundle& b = catalog_.bundles()[*owner_.bundle];
      for (uint32_t p = 0; p < b.members.size(); ++p) {
        const Tri t = member_applies(b, p, slots, [](const Condition&) {});
        if (t == Tri::kFalse) continue;
        x_.kept.push_back(p);
        x_.certain_member.push_back(t == Tri::kTrue ? 1 : 0);
      }
      if (b.situations && refuses(b.situations->eligibility, slots)) return false;
    } else {
      x_.kept.push_back(0);
      x_.certain_member.push_back(1);
    }
    x_.member_facts.clear();
    for (size_t k = 0; k < x_.kept.size(); ++k) {
      const MatterIndex mi = full_.members[x_.kept[k]];
      const Matter& m = matters[mi];
      if (!m.situations) {
        x_.member_facts.push_back(facts_.matters[mi]);
        continue;
      }
      const Situations& s = *m.situations;
      const absl::Span<const AnswerSlot> own = member_slots(scope_, slots, s.questions, x_.member_slots);
      if (x_.certain_member[k] && refuses(s.eligibility, own)) return false;
      choose_materials(m, own, x_.applies, x_.certain, nullptr, [](const Condition&) {});
      internal::FactsPatch patch;
      for (const Variant& v : s.variants) {
        if (eval(v.when, own) == Tri::kTrue) patch_with(v, m, patch);
      }
      x_.member_facts.push_back(internal::situation_facts(catalog_.materials(), m, patch, x_.applies));
    }
    *counts = count_kept(catalog_, facts_, full_, x_.kept, x_.member_facts);
    return true;
  }

 private:
  const Catalog& catalog_;
  Owner owner_;
  absl::Span<const Question> scope_;
  const internal::TripFacts& facts_;
  RangeScratch& x_;
  MatterIndex single_ = 0;
  internal::BundleView full_;
};

// A situational matter's conditions as its range reads them, gathered once
// per matter, so that each situation is evaluated without the general
// machinery of range_of (scopes, members' answers, vectors reset per
// situation) and without reading the material table again. A condition is a
// pointer to its compiled code; null: it always holds (no text).
struct MatterPlan {
  struct Use {
    int32_t rule = -1;  // the condition deciding it (into `material_rules`), -1: by default
    bool by_default = false;
    int32_t shows = -1;  // the material, when this use is a paper original to show (original_to_show)
  };
  std::vector<const ConditionCode*> refusing;        // the eligibility rules'
  std::vector<const ConditionCode*> material_rules;  // by Use::rule
  std::vector<Use> uses;                             // by position in Matter::materials
  std::vector<std::pair<const ConditionCode*, const Variant*>> variants;
  std::vector<const ConditionCode*> all;  // every condition read (the telling answers)
  std::vector<Telling> telling;           // the first `telling_used` hold this matter's
  size_t telling_used = 0;
};

MatterPlan& matter_plan() {
  thread_local MatterPlan p;
  return p;
}

Tri eval_code(const ConditionCode* code, absl::Span<const AnswerSlot> slots) {
  return code ? internal::evaluate(*code, slots) : Tri::kTrue;
}

// The plan of matter `m`'s situations into `p`; false when they need the
// general path: a condition not compiled, or more than `max_situations`
// combinations of the answers they tell apart.
bool plan_matter(absl::Span<const Material> materials, const Matter& m, double max_situations, MatterPlan& p,
                 bool* complete) {
  const Situations& s = *m.situations;
  bool compiled = true;
  const auto code_of = [&](const Condition& c) -> const ConditionCode* {
    if (c.text.empty()) return nullptr;
    if (!c.code) compiled = false;
    return c.code.get();
  };
  p.refusing.clear();
  p.material_rules.clear();
  p.variants.clear();
  p.all.clear();
  for (const EligibilityRule& r : s.eligibility) p.refusing.push_back(code_of(r.when));
  p.uses.resize(m.materials.size());
  for (size_t i = 0; i < m.materials.size(); ++i) {
    const MaterialUse& use = m.materials[i];
    MatterPlan::Use& u = p.uses[i];
    u.rule = -1;
    u.by_default = use.applies_by_default;
    const Material& material = materials[use.material];
    const bool shown = use.original && use.form == MaterialForm::kPaper &&
                       !(material.source == MaterialSource::kGovernment && material.shared);
    u.shows = shown ? static_cast<int32_t>(use.material) : -1;
  }
  for (const MaterialRule& r : s.materials) {
    if (r.when.text.empty()) continue;  // copies only: the use keeps its default
    p.uses[r.use].rule = static_cast<int32_t>(p.material_rules.size());
    p.material_rules.push_back(code_of(r.when));
  }
  for (const Variant& v : s.variants) p.variants.emplace_back(code_of(v.when), &v);
  if (!compiled) return false;
  for (const ConditionCode* c : p.refusing) {
    if (c) p.all.push_back(c);
  }
  for (const ConditionCode* c : p.material_rules) p.all.push_back(c);
  for (const auto& [c, v] : p.variants) {
    if (c) p.all.push_back(c);
  }
  // The questions read, in the scope's order, each with the answers the
  // conditions tell apart (as telling_answers gives them for a matter).
  uint64_t read = 0;
  for (const ConditionCode* c : p.all) read |= c->questions;
  p.telling_used = 0;
  double cases = 1;
  const absl::Span<const Question> scope = s.questions;
  for (uint16_t q = 0; q < scope.size(); ++q) {
    if (!(read & (uint64_t{1} << q))) continue;
    if (p.telling_used == p.telling.size()) p.telling.emplace_back();
    Telling& t = p.telling[p.telling_used++];
    t.position = q;
    t.answers.clear();
    const Question& question = scope[q];
    // (Each answer written in place: a slot built aside and copied was read
    // as one 16-byte word of smaller stores, a store-forwarding stall.)
    const auto add = [&](double number, uint64_t bits) {
      AnswerSlot& a = t.answers.emplace_back();
      a.known = true;
      a.number = number;
      a.bits = bits;
    };
    if (question.type == QuestionType::kYesNo) {
      add(0, 0);
      add(1, 0);
    } else if (question.type == QuestionType::kChoice) {
      for (size_t i = 0; i < question.choices.size(); ++i) add(0, uint64_t{1} << i);
    } else {
      for (const AnswerSlot& a : internal::representatives(p.all, question, q, complete)) {
        const bool seen = std::any_of(t.answers.begin(), t.answers.end(),
                                      [&](const AnswerSlot& b) { return b.number == a.number && b.bits == a.bits; });
        if (!seen) t.answers.push_back(a);
      }
    }
    cases *= static_cast<double>(t.answers.size());
  }
  return cases <= max_situations;
}

// The range of matter `mi` alone by its plan: every combination of the
// telling answers, each situation's rules, materials and variants evaluated on
// the compiled conditions and its trips counted on its patched facts. nullopt:
// the general path (plan_matter's cases).
std::optional<SituationRange> matter_range_planned(const Catalog& catalog, MatterIndex mi,
                                                   const SituationRangeOptions& options) {
  const Matter& m = catalog.matters()[mi];
  MatterPlan& p = matter_plan();
  bool complete = true;
  if (!plan_matter(catalog.materials(), m, options.max_situations, p, &complete)) return std::nullopt;
  SituationRange out;
  out.exact = complete;
  const absl::Span<const Telling> telling = absl::MakeConstSpan(p.telling).first(p.telling_used);
  const absl::Span<const Question> scope = m.situations->questions;
  out.questions.reserve(telling.size());
  for (const Telling& t : telling) out.questions.push_back(scope[t.position].id);

  const internal::TripFacts& facts = internal::trip_facts(catalog);
  const MatterIndex storage = mi;
  internal::BundleView view = internal::single_matter_view(facts, mi, storage);
  absl::InlinedVector<AnswerSlot, 8> slots(scope.size(), AnswerSlot{});
  absl::InlinedVector<uint32_t, 8> pick(telling.size(), 0);
  for (const Telling& t : telling) slots[t.position] = t.answers[0];
  // The bounds kept in scalars, not in `out`: paired there, the compiler
  // read each TripCounts as one 16-byte word of its smaller stores (a
  // store-forwarding stall per situation, perf).
  constexpr int32_t kLow = std::numeric_limits<int32_t>::min(), kHigh = std::numeric_limits<int32_t>::max();
  int32_t best_trips = kHigh, worst_trips = kLow, best_worst = kHigh, worst_worst = kLow;
  int32_t best_days = kHigh, worst_days = kLow;
  while (true) {
    ++out.situations;
    const bool refused = std::any_of(p.refusing.begin(), p.refusing.end(),
                                     [&](const ConditionCode* c) { return eval_code(c, slots) == Tri::kTrue; });
    if (!refused) {
      int32_t forcing = -1;
      bool has_materials = false;
      for (const MatterPlan::Use& u : p.uses) {
        const bool applies =
            u.rule < 0 ? u.by_default : eval_code(p.material_rules[static_cast<size_t>(u.rule)], slots) != Tri::kFalse;
        if (!applies) continue;
        has_materials = true;
        if (forcing < 0) forcing = u.shows;
      }
      internal::FactsPatch patch;
      for (const auto& [c, v] : p.variants) {
        if (eval_code(c, slots) == Tri::kTrue) patch_with(*v, m, patch);
      }
      const internal::MatterFacts f = internal::situation_facts(m, patch, forcing, has_materials);
      view.member_facts = absl::MakeConstSpan(&f, 1);
      const TripCounts c = internal::count_view(catalog, facts, view);
      ++out.eligible_situations;
      best_trips = std::min(best_trips, c.trips);
      worst_trips = std::max(worst_trips, c.trips);
      best_worst = std::min(best_worst, c.worst_case);
      worst_worst = std::max(worst_worst, c.worst_case);
      best_days = std::min(best_days, c.workdays);
      worst_days = std::max(worst_days, c.workdays);
    }
    if (!next_combination(pick, telling, slots)) break;
  }
  if (out.eligible_situations > 0) {
    out.best_trips = best_trips;
    out.worst_trips = worst_trips;
    out.best_worst_case = best_worst;
    out.worst_worst_case = worst_worst;
    out.best_workdays = best_days;
    out.worst_workdays = worst_days;
  }
  return out;
}

// situation_range for an owner found.
// With `use_plan` false, a matter is enumerated by the general path too (the
// reference its plan is tested against).
absl::StatusOr<SituationRange> range_of(const Catalog& catalog, const Owner& owner,
                                        const SituationRangeOptions& options, bool use_plan = true) {
  if (use_plan && owner.matter && catalog.matters()[*owner.matter].situations) {
    if (auto planned = matter_range_planned(catalog, *owner.matter, options)) return *std::move(planned);
  }
  std::vector<Question> gathered;
  absl::Span<const Question> scope;
  if (owner.matter) {
    const Matter& m = catalog.matters()[*owner.matter];
    if (m.situations) scope = m.situations->questions;
  } else {
    gathered = scope_of(catalog, owner);
    scope = gathered;
  }
  RangeScratch& x = range_scratch();
  SituationRange out;
  const auto product = [&] {
    double cases = 1;
    for (size_t t = 0; t < x.telling_used; ++t) cases *= static_cast<double>(x.telling[t].answers.size());
    return cases;
  };
  bool complete = true;
  codes_of(catalog, owner, scope, /*with_eligibility=*/true, x);
  telling_answers(scope, x, &complete);
  if (product() > options.max_situations) {
    // Too many: the questions that change the trips only; eligibility then
    // decided where they decide it, and an undetermined situation counted.
    out.exact = false;
    codes_of(catalog, owner, scope, /*with_eligibility=*/false, x);
    telling_answers(scope, x, &complete);
  }
  out.exact = out.exact && complete;
  const bool joint = product() <= options.max_situations;
  const absl::Span<const Telling> telling = absl::MakeConstSpan(x.telling).first(x.telling_used);
  out.questions.reserve(telling.size());
  for (const Telling& t : telling) out.questions.push_back(scope[t.position].id);

  SituationEvaluator evaluator(catalog, owner, scope, x);
  std::vector<AnswerSlot>& slots = x.slots;
  slots.assign(scope.size(), AnswerSlot{});
  bool any = false;
  const auto evaluate = [&] {
    ++out.situations;
    TripCounts c;
    if (!evaluator.eligible(slots, &c)) return;
    ++out.eligible_situations;
    if (!any) {
      out.best_trips = out.worst_trips = c.trips;
      out.best_worst_case = out.worst_worst_case = c.worst_case;
      out.best_workdays = out.worst_workdays = c.workdays;
      any = true;
    }
    out.best_trips = std::min(out.best_trips, c.trips);
    out.worst_trips = std::max(out.worst_trips, c.trips);
    out.best_worst_case = std::min(out.best_worst_case, c.worst_case);
    out.worst_worst_case = std::max(out.worst_worst_case, c.worst_case);
    out.best_workdays = std::min(out.best_workdays, c.workdays);
    out.worst_workdays = std::max(out.worst_workdays, c.workdays);
  };
  if (joint) {
    // Every combination, the first question varying fastest (an odometer).
    absl::InlinedVector<uint32_t, 8> pick(telling.size(), 0);
    for (const Telling& t : telling) slots[t.position] = t.answers[0];
    do {
      evaluate();
    } while (next_combination(pick, telling, slots));
  } else {
    // Still too many: one question at a time, the others unanswered (a
    // material they decide is then counted).
    out.exact = false;
    evaluate();
    for (const Telling& t : telling) {
      for (const AnswerSlot& a : t.answers) {
        slots[t.position] = a;
        evaluate();
      }
      slots[t.position] = AnswerSlot{};
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<Notice> notice(const Catalog& given_catalog, std::string_view code, absl::Span<const Answer> answers,
                              const NoticeOptions& options) {
  auto owner = find_owner(given_catalog, code);
  if (!owner.ok()) return owner.status();
  // Accepted on options.start: by the catalogue in force that day, when it
  // carries dated facts (numbered alike, so the owner's index holds).
  std::optional<Catalog> on_day;
  if (options.start && given_catalog.dated()) {
    internal::Reads reads;
    if (owner->matter) reads.matters.push_back(*owner->matter);
    if (owner->bundle) reads.bundles.push_back(*owner->bundle);
    auto c = internal::evaluated_on(given_catalog, *options.start, std::move(reads));
    if (!c.ok()) return c.status();
    on_day = *std::move(c);
  }
  const Catalog& catalog = on_day ? *on_day : given_catalog;
  // A matter's own questions are read in place; a bundle's are gathered.
  std::vector<Question> gathered;
  absl::Span<const Question> scope;
  if (owner->matter) {
    const Matter& m = catalog.matters()[*owner->matter];
    if (m.situations) scope = m.situations->questions;
  } else {
    gathered = scope_of(catalog, *owner);
    scope = gathered;
  }
  Scratch& x = scratch();
  if (auto checked = check_answers(scope, answers, x.slots); !checked.ok()) return checked;
  auto n = make_notice(catalog, code, *owner, scope, x.slots, options, x);
  if (n.ok()) n->answers.assign(answers.begin(), answers.end());
  return n;
}

absl::StatusOr<SituationRange> situation_range(const Catalog& catalog, std::string_view code,
                                               const SituationRangeOptions& options) {
  auto owner = find_owner(catalog, code);
  if (!owner.ok()) return owner.status();
  return range_of(catalog, *owner, options);
}

namespace internal {

absl::StatusOr<SituationRange> matter_situation_range(const Catalog& catalog, MatterIndex matter,
                                                      const SituationRangeOptions& options) {
  Owner owner;
  owner.matter = matter;
  return range_of(catalog, owner, options);
}

absl::StatusOr<SituationRange> bundle_situation_range(const Catalog& catalog, BundleIndex bundle,
                                                      const SituationRangeOptions& options) {
  Owner owner;
  owner.bundle = bundle;
  return range_of(catalog, owner, options);
}

absl::StatusOr<SituationRange> general_situation_range(const Catalog& catalog, MatterIndex matter,
                                                       const SituationRangeOptions& options) {
  Owner owner;
  owner.matter = matter;
  return range_of(catalog, owner, options, /*use_plan=*/false);
}

}  // namespace internal

absl::StatusOr<Notice> notice(const Catalog& catalog, std::string_view code, absl::Span<const std::string> answer_texts,
                              const NoticeOptions& options) {
  std::vector<Answer> answers;
  for (const std::string& text : answer_texts) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("answer %s: write question=value, e.g. area=40", quote_text(text)));
    }
    answers.push_back({text.substr(0, eq), text.substr(eq + 1)});
  }
  return notice(catalog, code, answers, options);
}

const char* to_string(Eligibility v) {
  switch (v) {
    case Eligibility::kEligible:
      return "eligible";
    case Eligibility::kNotEligible:
      return "not_eligible";
    case Eligibility::kUndetermined:
      return "undetermined";
  }
  return "?";
}

namespace {

const char* chinese(NeedKind k) {
  switch (k) {
    case NeedKind::kSubmit:
      return "递交申请";
    case NeedKind::kCollect:
      return "领取结果";
    case NeedKind::kPay:
      return "缴费";
    case NeedKind::kCarry:
      return "携带前一事项的结果";
  }
  return "";
}

const char* chinese(Because b) {
  switch (b) {
    case Because::kNoRemoteApplication:
      return "不能网上或邮寄申请";
    case Because::kPreReviewOnly:
      return "网上仅预审，纸质材料到窗口递交";
    case Because::kOriginalToShow:
      return "须到窗口核验纸质原件";
    case Because::kStatutoryPresence:
      return "法定须本人到场";
    case Because::kResultAtWindow:
      return "不提供快递送达或电子证照，到窗口领取";
    case Because::kFeeAtWindow:
      return "收费且不能网上支付";
    case Because::kResultToCarry:
      return "申请人须携带前一事项的结果";
  }
  return "";
}

const char* chinese(QuestionType t) {
  switch (t) {
    case QuestionType::kYesNo:
      return "是/否";
    case QuestionType::kChoice:
      return "单选";
    case QuestionType::kChoices:
      return "多选";
    case QuestionType::kNumber:
      return "数字";
    case QuestionType::kDate:
      return "日期";
  }
  return "";
}

std::string answer_text(const AnswerValue& v) {
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "是" : "否";
  if (const auto* d = std::get_if<double>(&v)) return absl::StrFormat("%g", *d);
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty() ? "均无" : *s;
  if (const auto* day = std::get_if<Date>(&v)) return format_date(*day);
  const auto& list = std::get<std::vector<std::string>>(v);
  return list.empty() ? "均无" : absl::StrJoin(list, "、");
}

std::string form_text(const NoticeMaterial& m) {
  std::string out = m.form == MaterialForm::kPaper        ? "纸质"
                    : m.form == MaterialForm::kElectronic ? "电子"
                                                          : "纸质或电子";
  if (m.original) absl::StrAppend(&out, "，须核验原件");
  absl::StrAppend(&out, "，", m.copies, "份");
  return out;
}

const Question* find_question(absl::Span<const Question> scope, const std::string& id) {
  for (const Question& q : scope) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

}  // namespace

std::string notice_text(const Catalog& catalog, const Notice& n) {
  const auto matters = catalog.matters();
  std::string out = absl::StrFormat("一次性告知：%s（%s）\n", n.name, n.code);
  std::vector<Question> scope;
  if (auto q = questions_of(catalog, n.code); q.ok()) scope = *std::move(q);
  if (!n.answers.empty()) {
    absl::StrAppend(&out, "您的回答：\n");
    for (const Answer& a : n.answers) {
      const Question* q = find_question(scope, a.question);
      absl::StrAppend(&out, "  ", q ? q->text : a.question, "：", answer_text(a.value),
                      q && !q->unit.empty() ? absl::StrCat(" ", q->unit) : "", "\n");
    }
  }
  switch (n.eligibility) {
    case Eligibility::kEligible:
      absl::StrAppend(&out, "能否办理：可以办理\n");
      break;
    case Eligibility::kNotEligible:
      absl::StrAppend(&out, "能否办理：不能办理\n");
      for (const NoticeRefusal& r : n.refusals) {
        absl::StrAppend(&out, "  × ", r.reason);
        if (!r.basis.empty()) absl::StrAppend(&out, "（依据：", r.basis, "）");
        absl::StrAppend(&out, "\n");
        if (!r.instead.empty()) {
          const auto m = catalog.find_matter(r.instead);
          absl::StrAppend(&out, "    请改为申请：", m ? matters[*m].name : r.instead, "（", r.instead, "）\n");
        }
      }
      break;
    case Eligibility::kUndetermined:
      absl::StrAppend(&out, "能否办理：尚不能确定，取决于：");
      absl::StrAppend(&out,
                      absl::StrJoin(n.deciding_questions, "、",
                                    [&](std::string* o, const std::string& id) {
                                      const Question* q = find_question(scope, id);
                                      absl::StrAppend(o, q ? q->text : id);
                                    }),
                      "\n");
      break;
  }
  if (n.bundle) {
    absl::StrAppend(&out, "办理的事项：\n");
    for (MatterIndex mi : n.members) {
      const bool maybe =
          std::find(n.undetermined_members.begin(), n.undetermined_members.end(), mi) != n.undetermined_members.end();
      absl::StrAppend(&out, "  ", matters[mi].name, "（", matters[mi].code, "）", maybe ? "（视回答而定）" : "", "\n");
    }
  }
  for (const std::string& v : n.variants) absl::StrAppend(&out, "适用情形：", v, "\n");
  if (n.eligibility != Eligibility::kNotEligible) {
    size_t bring = 0;
    for (const NoticeMaterial& m : n.materials) bring += m.shared ? 0 : 1;
    absl::StrAppend(&out, absl::StrFormat("需要提交的材料（%d 项）：\n", bring));
    int k = 0;
    for (const NoticeMaterial& m : n.materials) {
      if (m.shared) continue;
      const Material& material = catalog.materials()[m.material];
      absl::StrAppend(&out, absl::StrFormat("  %d. %s（%s", ++k, material.name, form_text(m)));
      if (!material.issuer.empty()) absl::StrAppend(&out, "，出具单位：", material.issuer);
      if (m.necessity == Necessity::kTolerable) absl::StrAppend(&out, "，可容缺后补");
      if (m.necessity == Necessity::kOptional) absl::StrAppend(&out, "，非必要");
      absl::StrAppend(&out, "）");
      if (!m.certain) absl::StrAppend(&out, "（视回答而定）");
      absl::StrAppend(&out, "\n");
    }
    for (const NoticeMaterial& m : n.materials) {
      if (!m.shared) continue;
      const Material& material = catalog.materials()[m.material];
      absl::StrAppend(&out, "  — ", material.name, "：窗口通过数据共享获取，无需提交\n");
    }
    absl::StrAppend(&out, absl::StrFormat("到办事现场次数：%d 次（缺少一项次要材料时 %d 次）\n", n.trips.trips,
                                          n.trips.worst_case));
    for (size_t t = 0; t < n.trips.trip_list.size(); ++t) {
      const Trip& trip = n.trips.trip_list[t];
      absl::StrAppend(
          &out, absl::StrFormat("  第%d次（第%d个工作日）：%s\n", t + 1, trip.moment, catalog.halls()[trip.hall].name));
      for (const Need& need : trip.needs) {
        absl::StrAppend(&out, "    ", catalog.departments()[need.window].name, "窗口 ", chinese(need.kind), " ",
                        matters[need.matter].name, "：", chinese(need.because));
        if (need.material) absl::StrAppend(&out, "（", catalog.materials()[*need.material].name, "）");
        if (need.because == Because::kStatutoryPresence) {
          absl::StrAppend(&out, "（", matters[need.matter].personal_presence, "）");
        }
        absl::StrAppend(&out, "\n");
      }
    }
    absl::StrAppend(&out, absl::StrFormat("办结时间：%d 个工作日", n.workdays));
    if (n.due) absl::StrAppend(&out, "，最迟 ", format_date(*n.due));
    absl::StrAppend(&out, "\n");
  }
  if (!n.open_questions.empty()) {
    absl::StrAppend(&out, "尚未回答、可能改变以上结果的问题：\n");
    for (const Question& q : n.open_questions) {
      absl::StrAppend(&out, "  ", q.id, "：", q.text, "（", chinese(q.type));
      if (!q.choices.empty()) absl::StrAppend(&out, "：", absl::StrJoin(q.choices, "／"));
      if (!q.unit.empty()) absl::StrAppend(&out, "，", q.unit);
      absl::StrAppend(&out, "）\n");
    }
  }
  return out;
}

std::string notice_json(const Catalog& catalog, const Notice& n) {
  using ojson = nlohmann::ordered_json;
  const auto matters = catalog.matters();
  ojson out;
  out["code"] = n.code;
  out["name"] = n.name;
  out["bundle"] = n.bundle;
  ojson answers = ojson::object();
  for (const Answer& a : n.answers) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, Date>) {
            answers[a.question] = format_date(v);
          } else {
            answers[a.question] = v;
          }
        },
        a.value);
  }
  out["answers"] = std::move(answers);
  out["eligibility"] = to_string(n.eligibility);
  ojson refusals = ojson::array();
  for (const NoticeRefusal& r : n.refusals) {
    ojson x{{"owner", r.owner},
            {"reason", r.reason},
            {"basis", r.basis},
            {"refusal", to_string(r.refusal)},
            {"when", r.when}};
    if (!r.instead.empty()) x["instead"] = r.instead;
    refusals.push_back(std::move(x));
  }
  out["refusals"] = std::move(refusals);
  out["deciding_questions"] = n.deciding_questions;
  ojson members = ojson::array();
  for (MatterIndex mi : n.members) {
    const bool maybe =
        std::find(n.undetermined_members.begin(), n.undetermined_members.end(), mi) != n.undetermined_members.end();
    members.push_back(ojson{{"code", matters[mi].code}, {"name", matters[mi].name}, {"certain", !maybe}});
  }
  out["members"] = std::move(members);
  out["variants"] = n.variants;
  ojson materials = ojson::array();
  for (const NoticeMaterial& m : n.materials) {
    const Material& material = catalog.materials()[m.material];
    ojson x;
    x["id"] = material.id;
    x["name"] = material.name;
    x["form"] = to_string(m.form);
    x["original"] = m.original;
    x["copies"] = m.copies;
    x["necessity"] = to_string(m.necessity);
    x["issuer"] = material.issuer;
    x["source"] = to_string(material.source);
    x["shared"] = m.shared;
    x["certain"] = m.certain;
    ojson by = ojson::array();
    for (MatterIndex mi : m.needed_by) by.push_back(matters[mi].code);
    x["needed_by"] = std::move(by);
    if (!m.when.empty()) x["when"] = m.when;
    materials.push_back(std::move(x));
  }
  out["materials"] = std::move(materials);
  ojson trips = ojson::array();
  for (const Trip& t : n.trips.trip_list) {
    ojson needs = ojson::array();
    for (const Need& need : t.needs) {
      ojson x{{"matter", matters[need.matter].code},
              {"kind", to_string(need.kind)},
              {"because", to_string(need.because)},
              {"window", catalog.departments()[need.window].id}};
      if (need.material) x["material"] = catalog.materials()[*need.material].id;
      needs.push_back(std::move(x));
    }
    trips.push_back(ojson{{"hall", catalog.halls()[t.hall].id},
                          {"moment", t.moment},
                          {"window_contacts", t.window_contacts},
                          {"needs", std::move(needs)}});
  }
  out["trips"] = n.trips.trips;
  out["worst_case"] = n.trips.worst_case;
  out["trip_list"] = std::move(trips);
  out["workdays"] = n.workdays;
  out["due"] = n.due ? ojson(format_date(*n.due)) : ojson(nullptr);
  ojson open = ojson::array();
  for (const Question& q : n.open_questions) {
    ojson x{{"id", q.id}, {"text", q.text}, {"type", to_string(q.type)}};
    if (!q.choices.empty()) x["choices"] = q.choices;
    if (!q.unit.empty()) x["unit"] = q.unit;
    open.push_back(std::move(x));
  }
  out["open_questions"] = std::move(open);
  return out.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace onetrip
