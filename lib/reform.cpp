#include "onetrip/reform.hpp"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bounds.hpp"
#include "catalog_internal.hpp"
#include "enum_names.hpp"
#include "json_support.hpp"
#include "object_reader.hpp"
#include "progress_internal.hpp"
#include "reform_internal.hpp"

namespace onetrip {

ONETRIP_ENUM_NAMES(ReformKind, {"online_application", ReformKind::kOnlineApplication},
                   {"postal_application", ReformKind::kPostalApplication},
                   {"express_delivery", ReformKind::kExpressDelivery},
                   {"electronic_licence", ReformKind::kElectronicLicence},
                   {"online_payment", ReformKind::kOnlinePayment},
                   {"tolerant_acceptance", ReformKind::kTolerantAcceptance},
                   {"share_material", ReformKind::kShareMaterial}, {"drop_material", ReformKind::kDropMaterial},
                   {"promised_limit", ReformKind::kPromisedLimit}, {"filing", ReformKind::kReplaceByFiling},
                   {"absorb", ReformKind::kAbsorb}, {"single_window", ReformKind::kSingleWindow},
                   {"internal_edge", ReformKind::kInternalEdge}, {"joint_inspection", ReformKind::kJointInspection},
                   {"merge_serial", ReformKind::kMergeSerial}, {"immediate", ReformKind::kImmediate},
                   {"site_inspection", ReformKind::kSiteInspection}, {"fee", ReformKind::kFee},
                   {"remove_eligibility", ReformKind::kRemoveEligibility})

const char* to_string(ReformKind kind) { return internal::name_of(kind); }

namespace {

using internal::json_path;
using internal::ObjectReader;
using internal::Problems;

bool is_bundle_reform(ReformKind k) {
  return k == ReformKind::kSingleWindow || k == ReformKind::kInternalEdge || k == ReformKind::kJointInspection ||
         k == ReformKind::kMergeSerial;
}

// Applies reforms one after another to a catalogue derived from the base: a
// matter, material table or bundle table is copied when a reform first changes
// it, everything else stays shared with the base.
class Applier {
 public:
  Applier(const Catalog& base, Problems& problems)
      : base_(base),
        matters_(base.internals().matters),
        materials_(base.internals().materials),
        problems_(problems),
        absorbed_(base.matters().size(), false) {}

  // Reuses the index of an earlier state numbered alike (departments and halls
  // never change by a reform; kinds do, so its by_kind is not used).
  void reuse(std::shared_ptr<const internal::TargetIndex> index) {
    index_ = std::move(index);
    kinds_stale_ = index_ != nullptr;
  }
  std::shared_ptr<const internal::TargetIndex> shared_index() const { return index_; }

  void apply(const Reform& r, const std::string& path) {
    if (!r.situation.empty() && (is_bundle_reform(r.kind) || r.kind == ReformKind::kShareMaterial)) {
      problems_.add(json_path(path, "situation"),
                    absl::StrFormat("\"%s\" does not apply to a situation", to_string(r.kind)));
      return;
    }
    if (is_bundle_reform(r.kind)) {
      apply_to_bundle(r, path);
      return;
    }
    if (r.kind == ReformKind::kShareMaterial) {
      auto material = find_material(r.material, json_path(path, "material"));
      if (!material) return;
      if (materials_[*material].source != MaterialSource::kGovernment) {
        problems_.add(json_path(path, "material"),
                      absl::StrFormat("\"%s\" is not issued by a government body, so it cannot be shared",
                                      materials_[*material].id));
        return;
      }
      materials_[*material].shared = r.enable;
      materials_changed_ = true;
      return;
    }
    const std::vector<MatterIndex> matters = targets(r.target, path);
    if (matters.empty()) return;
    if (!r.situation.empty() || r.kind == ReformKind::kRemoveEligibility) {
      apply_in_situation(r, matters, path);
      return;
    }
    switch (r.kind) {
      case ReformKind::kOnlineApplication:
        for (MatterIndex i : matters) edit(i).online = r.online;
        break;
      case ReformKind::kPostalApplication:
        for (MatterIndex i : matters) edit(i).postal_application = r.enable;
        break;
      case ReformKind::kExpressDelivery:
        for (MatterIndex i : matters) edit(i).express_delivery = r.enable;
        break;
      case ReformKind::kElectronicLicence:
        for (MatterIndex i : matters) edit(i).electronic_licence = r.enable;
        break;
      case ReformKind::kOnlinePayment: {
        int changed = 0;
        for (MatterIndex i : matters) {
          if (matter(i).fee_fen > 0) edit(i).online_payment = r.enable, ++changed;
        }
        if (changed == 0) problems_.add(path, "none of the matters it targets charges a fee");
        break;
      }
      case ReformKind::kTolerantAcceptance:
        for (MatterIndex i : matters) edit(i).tolerant_acceptance = r.enable;
        break;
      case ReformKind::kDropMaterial: {
        auto material = find_material(r.material, json_path(path, "material"));
        if (!material) return;
        int dropped = 0;
        for (MatterIndex i : matters) {
          const auto asks = [&](const MaterialUse& u) { return u.material == *material; };
          if (std::none_of(matter(i).materials.begin(), matter(i).materials.end(), asks)) continue;
          // The material rules point at uses by position: renumbered with the
          // uses kept, a dropped use's rule gone with it.
          dropped +=
              static_cast<int>(internal::keep_material_uses(edit(i), [&](const MaterialUse& u) { return !asks(u); }));
        }
        if (dropped == 0) {
          problems_.add(json_path(path, "material"),
                        absl::StrFormat("none of the matters it targets asks for \"%s\"", r.material));
        }
        break;
      }
      case ReformKind::kPromisedLimit:
        if (r.days <= 0) {
          problems_.add(json_path(path, "days"), "a promised limit needs more than 0 days (use a filing for none)");
          return;
        }
        for (MatterIndex i : matters) {
          if (matter(i).project_type == ProjectType::kPromised)
            edit(i).promised_limit = Limit{r.days, LimitUnit::kWorkdays};
        }
        break;
      case ReformKind::kImmediate:
        // 当场办理: the decision at the visit leaves no time for an inspection before it (事后监管).
        // Undone, the matters are promised again, within `days` working days.
        if (!r.enable && r.days <= 0) {
          problems_.add(json_path(path, "days"), "a promised matter needs a promised limit of more than 0 days");
          return;
        }
        for (MatterIndex i : matters) {
          Matter& m = edit(i);
          m.project_type = r.enable ? ProjectType::kImmediate : ProjectType::kPromised;
          m.promised_limit = r.enable ? Limit{} : Limit{r.days, LimitUnit::kWorkdays};
          if (r.enable) m.site_inspection_days.reset();
          // Decided at the visit in every situation: no variant keeps a promised limit.
          if (r.enable) override_variants(m, [](Variant& v) { v.promise_day.reset(); });
        }
        break;
      case ReformKind::kSiteInspection:
        for (MatterIndex i : matters) {
          if (r.days > 0 && matter(i).project_type == ProjectType::kImmediate) {
            problems_.add(path, absl::StrFormat("\"%s\" is decided at the visit: it has no time for a site inspection "
                                                "before the decision (make it promised first)",
                                                matter(i).code));
            return;
          }
        }
        for (MatterIndex i : matters) {
          if (r.days > 0) {
            edit(i).site_inspection_days = r.days;
          } else if (matter(i).site_inspection_days) {
            edit(i).site_inspection_days.reset();
          }
        }
        break;
      case ReformKind::kFee:
        for (MatterIndex i : matters) {
          Matter& m = edit(i);
          m.fee_fen = r.fee_fen;
          if (r.fee_fen == 0) m.online_payment = false;  // nothing left to pay
          // The fee of the whole matter: no situation keeps a fee of its own.
          override_variants(m, [&](Variant& v) {
            v.fee_fen.reset();
            if (r.fee_fen == 0) v.online_payment.reset();
          });
        }
        break;
      case ReformKind::kReplaceByFiling:
        for (MatterIndex i : matters) {
          if (matter(i).kind != MatterKind::kOtherPower) rekinded_.push_back(i);  // a candidate for its new kind
          make_filing(edit(i), r);
        }
        break;
      case ReformKind::kAbsorb: {
        auto into = base_.find_matter(r.into);
        if (!into) {
          problems_.add(json_path(path, "into"), absl::StrFormat("unknown matter \"%s\"", r.into));
          return;
        }
        if (absorbed_[*into]) {
          problems_.add(json_path(path, "into"), absl::StrFormat("\"%s\" was absorbed by an earlier reform", r.into));
          return;
        }
        for (MatterIndex i : matters) {
          if (i == *into) {
            problems_.add(path, absl::StrFormat("\"%s\" cannot absorb itself", r.into));
            return;
          }
        }
        for (MatterIndex i : matters) absorbed_[i] = true;
        retarget_instead(matters, *into, path);
        break;
      }
      default:
        break;
    }
  }

  // The reformed catalogue: derived from the base, sharing what no reform
  // changed; when matters were absorbed, built anew with every index renumbered.
  absl::StatusOr<Catalog> finish(std::vector<Problem>* problems_out) && {
    if (std::none_of(absorbed_.begin(), absorbed_.end(), [](bool b) { return b; })) {
      internal::Derivation d;
      for (const auto& [i, m] : edited_) d.changed_matters.push_back(i);
      std::sort(d.changed_matters.begin(), d.changed_matters.end());
      d.matters = std::move(matters_);
      d.materials = std::move(materials_);
      d.materials_changed = materials_changed_;
      if (bundles_) {
        d.changed_bundles = std::move(edited_bundles_);
        std::sort(d.changed_bundles.begin(), d.changed_bundles.end());
        d.bundles_replaced = d.changed_bundles;
        d.bundles = std::move(bundles_);
      }
      return internal::derive(base_, std::move(d), problems_out);
    }
    return Catalog::from_data(internal::without_matters(base_, matters_, std::move(materials_), bundles(), absorbed_),
                              problems_out);
  }

 private:
  std::optional<MaterialIndex> find_material(const std::string& id, const std::string& path) {
    if (id.empty()) {
      problems_.add(path, "missing: which material");
      return std::nullopt;
    }
    auto m = base_.find_material(id);
    if (!m) problems_.add(path, absl::StrFormat("unknown material \"%s\"", id));
    return m;
  }

  // The matters a target selects, in index order. The cost is linear in the
  // matters of the most selective field given (its codes, its bundle, or the
  // matters of its department, hall or kind, indexed once per apply), not in
  // the catalogue: 8,000 one-matter reforms of 10^6 matters touch 8,000.
  std::vector<MatterIndex> targets(const ReformTarget& t, const std::string& path) {
    bool ok = true;
    std::vector<MatterIndex> listed;
    for (size_t k = 0; k < t.matters.size(); ++k) {
      auto m = base_.find_matter(t.matters[k]);
      if (!m) {
        problems_.add(json_path(json_path(path, "matters"), k),
                      absl::StrFormat("unknown matter %s", internal::quote_text(t.matters[k])));
        ok = false;
      } else {
        listed.push_back(*m);
      }
    }
    std::optional<DepartmentIndex> department;
    if (!t.department.empty()) {
      department = base_.find_department(t.department);
      if (!department) {
        problems_.add(json_path(path, "department"),
                      absl::StrFormat("unknown department %s", internal::quote_text(t.department)));
        ok = false;
      }
    }
    std::optional<HallIndex> hall;
    if (!t.hall.empty()) {
      hall = base_.find_hall(t.hall);
      if (!hall) {
        problems_.add(json_path(path, "hall"), absl::StrFormat("unknown hall %s", internal::quote_text(t.hall)));
        ok = false;
      }
    }
    std::optional<BundleIndex> bundle;
    if (!t.bundle.empty()) {
      bundle = base_.find_bundle(t.bundle);
      if (!bundle) {
        problems_.add(json_path(path, "bundle"), absl::StrFormat("unknown bundle %s", internal::quote_text(t.bundle)));
        ok = false;
      }
    }
    if (!ok) return {};
    // The candidates: the smallest list at hand. Departments and halls are
    // never changed by a reform; a kind is (a filing), so the matters whose
    // kind changed are candidates for every kind.
    std::vector<MatterIndex> candidates;
    bool every_matter = false;
    if (!t.matters.empty()) {
      candidates = std::move(listed);
    } else if (bundle) {
      const auto& members = base_.bundles()[*bundle].members;
      candidates.assign(members.begin(), members.end());
    } else if (department) {
      candidates = index().by_department[*department];
    } else if (hall) {
      candidates = index().by_hall[*hall];
    } else if (t.kind && !kinds_stale_) {
      const auto& by_kind = index().by_kind;
      const auto kind = static_cast<size_t>(*t.kind);
      if (kind < by_kind.size()) candidates = by_kind[kind];
      candidates.insert(candidates.end(), rekinded_.begin(), rekinded_.end());
    } else {
      every_matter = true;
    }
    if (!every_matter) {
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    }
    absl::flat_hash_set<MatterIndex> in_listed, in_bundle;
    if (!t.matters.empty()) {
      for (const std::string& code : t.matters) in_listed.insert(*base_.find_matter(code));
    }
    if (bundle) {
      const auto& members = base_.bundles()[*bundle].members;
      in_bundle.insert(members.begin(), members.end());
    }
    const auto selected = [&](MatterIndex i) {
      const Matter& m = matter(i);
      if (!t.matters.empty() && !in_listed.contains(i)) return false;
      if (bundle && !in_bundle.contains(i)) return false;
      if (department && m.department != *department) return false;
      if (hall && std::find(m.halls.begin(), m.halls.end(), *hall) == m.halls.end()) return false;
      if (t.kind && m.kind != *t.kind) return false;
      return true;
    };
    std::vector<MatterIndex> out;
    const size_t n = every_matter ? matters_.size() : candidates.size();
    for (size_t k = 0; k < n; ++k) {
      const MatterIndex i = every_matter ? static_cast<MatterIndex>(k) : candidates[k];
      if (!selected(i)) continue;
      if (absorbed_[i]) {
        problems_.add(path, absl::StrFormat("\"%s\" was absorbed by an earlier reform", matter(i).code));
        return {};
      }
      out.push_back(i);
    }
    if (out.empty()) problems_.add(path, "the reform matches no matter");
    return out;
  }

  // The base's matters by department, hall and kind, built on first use.
  using Index = internal::TargetIndex;
  const Index& index() {
    if (index_) return *index_;
    auto index = std::make_shared<Index>();
    index->by_department.resize(base_.departments().size());
    index->by_hall.resize(base_.halls().size());
    for (size_t i = 0; i < base_.matters().size(); ++i) {
      const Matter& m = base_.matters()[i];
      const auto mi = static_cast<MatterIndex>(i);
      index->by_department[m.department].push_back(mi);
      for (HallIndex h : m.halls) index->by_hall[h].push_back(mi);
      const auto kind = static_cast<size_t>(m.kind);
      if (kind >= index->by_kind.size()) index->by_kind.resize(kind + 1);
      index->by_kind[kind].push_back(mi);
    }
    index_ = std::move(index);
    return *index_;
  }

  // Clears, with `clear`, the fields a reform of the whole matter settles for
  // every situation (a limit where none can be, a fee) from each variant of the
  // matter; a variant left setting nothing goes. Channel reforms and a promised
  // limit keep the situations' own (SC-02's 股东变更 stays off line when the
  // matter goes online).
  template <typename Clear>
  static void override_variants(Matter& m, Clear clear) {
    if (!m.situations || m.situations->variants.empty()) return;
    const auto sets = [](const Variant& v) {
      return v.online || v.postal_application || v.express_delivery || v.electronic_licence || v.online_payment ||
             v.tolerant_acceptance || v.fee_fen || v.promise_day || v.personal_presence;
    };
    Situations s = *m.situations;
    bool changed = false;
    std::vector<Variant> kept;
    for (Variant v : s.variants) {
      const Variant before = v;
      clear(v);
      if (v == before) {
        kept.push_back(std::move(v));
        continue;
      }
      changed = true;
      if (sets(v)) kept.push_back(std::move(v));
    }
    if (!changed) return;
    s.variants = std::move(kept);
    m.situations = s.empty() ? SituationsRef() : SituationsRef(std::make_shared<const Situations>(std::move(s)));
  }

  static void make_filing(Matter& m, const Reform& r) {
    m.kind = MatterKind::kOtherPower;
    m.project_type = ProjectType::kImmediate;
    m.promised_limit = Limit{};
    m.legal_limit.reset();
    m.fee_fen = 0;
    m.online = OnlineApplication::kFull;
    m.electronic_licence = true;
    m.online_payment = false;
    m.personal_presence.clear();
    m.special_procedures.clear();
    m.site_inspection_days.reset();
    for (MaterialUse& u : m.materials) {
      u.original = false;
      u.form = MaterialForm::kElectronic;
    }
    m.declared_trips = 0;
    // A filing is the same in every situation: no limit, no fee, fully online, no presence.
    override_variants(m, [](Variant& v) {
      v.promise_day.reset();
      v.fee_fen.reset();
      v.online.reset();
      v.electronic_licence.reset();
      v.online_payment.reset();
      v.personal_presence.reset();
    });
    if (r.effective_from) m.effective_from = r.effective_from;
    m.note = absl::StrCat(m.note, m.note.empty() ? "" : "；", "改为网上备案");
  }

  void apply_to_bundle(const Reform& r, const std::string& path) {
    if (r.target.bundle.empty()) {
      problems_.add(path, "missing \"bundle\": this reform changes a bundle");
      return;
    }
    auto b = base_.find_bundle(r.target.bundle);
    if (!b) {
      problems_.add(json_path(path, "bundle"), absl::StrFormat("unknown bundle \"%s\"", r.target.bundle));
      return;
    }
    Bundle& bundle = edit_bundle(*b);
    switch (r.kind) {
      case ReformKind::kSingleWindow:
        bundle.acceptance = r.enable ? Acceptance::kSingleWindow : Acceptance::kSeparate;
        bundle.results = r.enable ? Results::kTogether : Results::kEach;
        return;
      case ReformKind::kJointInspection:
        bundle.joint_inspection = r.enable;
        return;
      default:
        break;
    }
    const auto position = [&](const std::string& code, const char* field) -> std::optional<uint32_t> {
      for (uint32_t p = 0; p < bundle.members.size(); ++p) {
        if (matter(bundle.members[p]).code == code) return p;
      }
      problems_.add(json_path(path, field),
                    absl::StrFormat("\"%s\" is not a member of bundle \"%s\"", code, bundle.id));
      return std::nullopt;
    };
    const auto from = position(r.from, "from");
    const auto to = position(r.to, "to");
    if (!from || !to) return;
    auto edge = std::find_if(bundle.edges.begin(), bundle.edges.end(),
                             [&](const BundleEdge& e) { return e.from == *from && e.to == *to; });
    if (edge == bundle.edges.end()) {
      problems_.add(path, absl::StrFormat("bundle \"%s\" has no edge from \"%s\" to \"%s\"", bundle.id, r.from, r.to));
      return;
    }
    if (r.kind == ReformKind::kInternalEdge) {
      edge->kind = EdgeKind::kInternal;
    } else {
      bundle.edges.erase(edge);
    }
  }

  const Matter& matter(MatterIndex i) const { return *matters_[i]; }

  // An eligibility rule that sends its applicants to an absorbed matter
  // ("instead") sends them to the matter absorbing it, which now carries it;
  // unless that is the rule's own matter (sent to itself): a problem naming both.
  void retarget_instead(absl::Span<const MatterIndex> absorbed, MatterIndex into, const std::string& path) {
    absl::flat_hash_set<std::string> codes;
    for (MatterIndex i : absorbed) codes.insert(matter(i).code);
    for (MatterIndex k = 0; k < matters_.size(); ++k) {
      if (absorbed_[k] || !matter(k).situations) continue;
      const auto& rules = matter(k).situations->eligibility;
      const auto named = std::find_if(rules.begin(), rules.end(),
                                      [&](const EligibilityRule& e) { return codes.count(e.instead) > 0; });
      if (named == rules.end()) continue;
      if (k == into) {
        problems_.add(json_path(path, "into"),
                      absl::StrFormat("an eligibility rule of \"%s\" sends its applicants to \"%s\" instead, which "
                                      "this reform absorbs into \"%s\" itself: lift that rule first "
                                      "(remove_eligibility) or absorb \"%s\" into another matter",
                                      matter(k).code, named->instead, matter(k).code, named->instead));
        return;
      }
      Situations s = *matter(k).situations;
      for (EligibilityRule& e : s.eligibility) {
        if (codes.count(e.instead)) e.instead = matter(into).code;
      }
      edit(k).situations = SituationsRef(std::make_shared<const Situations>(std::move(s)));
    }
  }

  // A reform in one situation (docs/reforms-format.md, "Reforms in a
  // situation"): it edits the matters' situations, which the derived
  // catalogue checks and compiles as any other.
  void apply_in_situation(const Reform& r, absl::Span<const MatterIndex> matters, const std::string& path) {
    const std::string at = json_path(path, "situation");
    int changed = 0;
    for (MatterIndex i : matters) {
      if (!matter(i).situations) continue;  // no questions: no situation to speak of
      Situations s = *matter(i).situations;
      Variant v;
      v.when.text = r.situation;
      v.note = r.note.empty() ? absl::StrCat("reform: ", to_string(r.kind), " when ", r.situation) : r.note;
      bool variant = true;
      switch (r.kind) {
        case ReformKind::kOnlineApplication:
          v.online = r.online;
          break;
        case ReformKind::kPostalApplication:
          v.postal_application = r.enable;
          break;
        case ReformKind::kExpressDelivery:
          v.express_delivery = r.enable;
          break;
        case ReformKind::kElectronicLicence:
          v.electronic_licence = r.enable;
          break;
        case ReformKind::kOnlinePayment:
          v.online_payment = r.enable;
          break;
        case ReformKind::kTolerantAcceptance:
          v.tolerant_acceptance = r.enable;
          break;
        case ReformKind::kPromisedLimit:
          if (r.days <= 0 || matter(i).project_type != ProjectType::kPromised) continue;
          v.promise_day = r.days;
          v.promise_type = LimitUnit::kWorkdays;  // working days, as for the whole matter
          break;
        case ReformKind::kDropMaterial: {
          variant = false;
          const auto& uses = matter(i).materials;
          const auto use = std::find_if(uses.begin(), uses.end(), [&](const MaterialUse& u) {
            return base_materials_id(u.material) == r.material;
          });
          if (use == uses.end()) continue;
          const auto position = static_cast<uint32_t>(use - uses.begin());
          auto rule = std::find_if(s.materials.begin(), s.materials.end(),
                                   [&](const MaterialRule& m) { return m.use == position; });
          if (rule == s.materials.end()) {
            rule = s.materials.insert(s.materials.end(), MaterialRule{});
            rule->use = position;
          }
          rule->when.text = rule->when.text.empty()
                                ? absl::StrCat("not (", r.situation, ")")
                                : absl::StrCat("(", rule->when.text, ") and not (", r.situation, ")");
          rule->when.code = nullptr;
          break;
        }
        case ReformKind::kRemoveEligibility: {
          variant = false;
          const size_t before = s.eligibility.size();
          s.eligibility.erase(std::remove_if(s.eligibility.begin(), s.eligibility.end(),
                                             [&](const EligibilityRule& e) { return e.when.text == r.situation; }),
                              s.eligibility.end());
          if (s.eligibility.size() == before) continue;
          break;
        }
        default:
          problems_.add(at, absl::StrFormat("\"%s\" does not apply to a situation", to_string(r.kind)));
          return;
      }
      if (variant) s.variants.push_back(std::move(v));
      edit(i).situations = SituationsRef(std::make_shared<const Situations>(std::move(s)));
      ++changed;
    }
    if (changed == 0) {
      problems_.add(at,
                    r.kind == ReformKind::kRemoveEligibility
                        ? absl::StrFormat("no eligibility rule of the matters it targets has the condition %s",
                                          internal::quote_text(r.situation))
                    : r.kind == ReformKind::kDropMaterial
                        ? absl::StrFormat("none of the matters it targets with questions asks for \"%s\"", r.material)
                        : std::string("none of the matters it targets has questions (a situation needs them)"));
    }
  }

  const std::string& base_materials_id(MaterialIndex m) const { return materials_[m].id; }

  // Matter i, copied from the base the first time a reform changes it.
  Matter& edit(MatterIndex i) {
    auto [it, fresh] = edited_.try_emplace(i, nullptr);
    if (fresh) {
      auto copy = std::make_shared<Matter>(*matters_[i]);
      it->second = copy.get();
      matters_.set(i, std::move(copy));
    }
    return *it->second;
  }

  absl::Span<const Bundle> bundles() const { return bundles_ ? absl::MakeConstSpan(*bundles_) : base_.bundles(); }

  Bundle& edit_bundle(BundleIndex b) {
    if (!bundles_) bundles_ = std::make_shared<std::vector<Bundle>>(base_.bundles().begin(), base_.bundles().end());
    if (std::find(edited_bundles_.begin(), edited_bundles_.end(), b) == edited_bundles_.end()) {
      edited_bundles_.push_back(b);
    }
    return (*bundles_)[b];
  }

  const Catalog& base_;
  internal::MatterTable matters_;                     // the base's, with edited ones replaced
  absl::flat_hash_map<MatterIndex, Matter*> edited_;  // the replaced ones, still to be written
  std::vector<Material> materials_;
  bool materials_changed_ = false;
  std::shared_ptr<std::vector<Bundle>> bundles_;  // copied on the first change to a bundle
  std::vector<BundleIndex> edited_bundles_;       // the bundles changed, each once
  Problems& problems_;
  std::vector<bool> absorbed_;
  std::shared_ptr<const Index> index_;  // see index()
  bool kinds_stale_ = false;            // index_ came from an earlier state: its by_kind is not this one's
  std::vector<MatterIndex> rekinded_;   // matters whose kind a reform changed
};

std::vector<std::string> string_list(ObjectReader& r, const char* key, Problems& problems) {
  std::vector<std::string> out;
  const std::optional<simdjson::dom::array> list = r.array(key, false);
  if (!list) return out;
  size_t i = 0;
  for (const internal::JsonValue item : *list) {
    const size_t at = i++;
    if (!item.is_string()) {
      problems.add(json_path(r.at(key), at), "expected a string");
      continue;
    }
    if (!internal::text_ok(
            item.get_string().value_unsafe(), [&] { return json_path(r.at(key), at); }, problems)) {
      continue;
    }
    out.emplace_back(item.get_string().value_unsafe());
  }
  return out;
}

Reform read_reform(internal::JsonValue v, const std::string& path, Problems& problems) {
  ObjectReader r(v, path, problems, "a reform");
  Reform reform;
  reform.kind = r.enumeration("reform", ReformKind::kExpressDelivery, true);
  reform.target.matters = string_list(r, "matters", problems);
  if (const std::optional<internal::JsonValue> one = r.get("matter")) {
    if (one->is_string()) {
      if (internal::text_ok(
              one->get_string().value_unsafe(), [&] { return r.at("matter"); }, problems)) {
        reform.target.matters.emplace_back(one->get_string().value_unsafe());
      }
    } else {
      r.wrong("matter", "a matter code", *one);
    }
  }
  reform.target.department = r.string("department", false);
  reform.target.hall = r.string("hall", false);
  if (r.get("kind")) reform.target.kind = r.enumeration("kind", MatterKind::kLicensing, false);
  reform.target.bundle = r.string("bundle", false);
  reform.enable = r.boolean("enable", true);
  reform.online = r.enumeration("online", OnlineApplication::kFull, false);
  reform.material = r.string("material", false);
  reform.days = static_cast<int32_t>(r.integer("days", false, 0, internal::kMaxDays).value_or(0));
  if (const std::optional<internal::JsonValue> fee = r.get("fee"); fee && fee->is_string()) {
    const std::string_view text = fee->get_string().value_unsafe();
    if (auto fen = internal::parse_yuan(text); fen && *fen > internal::kMaxFeeFen) {
      problems.add(r.at("fee"), "a fee over a trillion yuan");
    } else if (fen && text[0] != '-') {
      reform.fee_fen = *fen;
    } else {
      problems.add(r.at("fee"),
                   absl::StrFormat("%s is not an amount of yuan with at most two decimals (e.g. \"12.50\")",
                                   internal::quote_text(text)));
    }
  } else if (fee) {
    reform.fee_fen = r.integer("fee", false, 0, internal::kMaxFeeYuan).value_or(0) * 100;
  }
  reform.into = r.string("into", false);
  reform.from = r.string("from", false);
  reform.to = r.string("to", false);
  reform.effective_from = r.date("effective_from");
  reform.note = r.string("note", false);
  reform.situation = r.string("situation", false);
  if (reform.kind == ReformKind::kRemoveEligibility && reform.situation.empty() && r.ok()) r.missing("situation");
  const bool undoable = reform.kind != ReformKind::kDropMaterial && reform.kind != ReformKind::kPromisedLimit &&
                        reform.kind != ReformKind::kReplaceByFiling && reform.kind != ReformKind::kAbsorb &&
                        reform.kind != ReformKind::kInternalEdge && reform.kind != ReformKind::kMergeSerial &&
                        reform.kind != ReformKind::kSiteInspection && reform.kind != ReformKind::kFee &&
                        reform.kind != ReformKind::kRemoveEligibility;
  if (!reform.enable && !undoable) {
    problems.add(r.at("enable"),
                 absl::StrFormat("\"%s\" cannot be undone with \"enable\": false", to_string(reform.kind)));
  }
  const auto require = [&](bool present, const char* field) {
    if (!present && r.ok()) r.missing(field);
  };
  switch (reform.kind) {
    case ReformKind::kShareMaterial:
    case ReformKind::kDropMaterial:
      require(!reform.material.empty(), "material");
      break;
    case ReformKind::kPromisedLimit:
    case ReformKind::kSiteInspection:
      require(r.get("days").has_value(), "days");
      break;
    case ReformKind::kImmediate:
      if (!reform.enable) require(r.get("days").has_value(), "days");
      break;
    case ReformKind::kFee:
      require(r.get("fee").has_value(), "fee");
      break;
    case ReformKind::kAbsorb:
      require(!reform.into.empty(), "into");
      require(!reform.target.matters.empty(), "matters");
      break;
    case ReformKind::kInternalEdge:
    case ReformKind::kMergeSerial:
      require(!reform.from.empty(), "from");
      require(!reform.to.empty(), "to");
      [[fallthrough]];
    case ReformKind::kSingleWindow:
    case ReformKind::kJointInspection:
      require(!reform.target.bundle.empty(), "bundle");
      break;
    default:
      break;
  }
  return reform;
}

}  // namespace

namespace internal {

absl::StatusOr<Catalog> apply_placed(const Catalog& base, absl::Span<const PlacedReform> reforms,
                                     std::vector<Problem>* problems_out, std::shared_ptr<const TargetIndex>* index,
                                     const ProgressCallback* progress) {
  Problems problems;
  Applier applier(base, problems);
  if (index) applier.reuse(*index);
  PhaseProgress reform_progress(progress, "reforms", static_cast<int64_t>(reforms.size()), /*min_step=*/1);
  if (!reform_progress.start()) return reform_progress.status();
  for (size_t i = 0; i < reforms.size(); ++i) {
    applier.apply(*reforms[i].first, reforms[i].second);
    if (!reform_progress.report(static_cast<int64_t>(i + 1))) return reform_progress.status();
  }
  if (index) *index = applier.shared_index();
  if (problems.empty()) {
    PhaseProgress check_progress(progress, "check", 1);  // the new catalogue's rules: one step
    if (!check_progress.start()) return check_progress.status();
    auto after = std::move(applier).finish(problems_out);
    if (after.ok() && !check_progress.finish()) return check_progress.status();
    if (after.ok()) return after;
    return absl::InvalidArgumentError(absl::StrCat("the reformed catalogue breaks a rule: ", after.status().message()));
  }
  if (problems_out) problems.append_to(*problems_out);
  return problems.to_status("scenario");
}

}  // namespace internal

absl::StatusOr<Catalog> apply(const Catalog& base, const Scenario& scenario, std::vector<Problem>* problems_out,
                              const ProgressCallback& progress) {
  std::vector<internal::PlacedReform> placed;
  placed.reserve(scenario.reforms.size());
  for (size_t i = 0; i < scenario.reforms.size(); ++i)
    placed.emplace_back(&scenario.reforms[i], json_path("$.reforms", i));
  return internal::apply_placed(base, placed, problems_out, nullptr, &progress);
}

namespace {

absl::StatusOr<Scenario> load_scenario(const internal::JsonInput& input, std::vector<Problem>* problems_out) {
  Problems problems;
  Scenario scenario;
  internal::JsonReader reader(input, "scenario JSON");
  internal::JsonValue parsed;
  if (!reader.value(input.text(), 0, parsed)) {
    problems.add("$", std::string(reader.refusal().message()));
  } else {
    ObjectReader doc(parsed, "$", problems, "a scenario");
    const std::optional<internal::JsonValue> schema = doc.get("schema");
    if (doc.ok() && (!schema || !schema->is_string() || schema->get_string().value_unsafe() != "onetrip-scenario/1")) {
      problems.add(schema ? "$.schema" : "$", "a scenario starts with \"schema\": \"onetrip-scenario/1\"");
    }
    scenario.name = doc.string("name", false);
    if (const std::optional<simdjson::dom::array> reforms = doc.array("reforms", true)) {
      size_t i = 0;
      for (const internal::JsonValue reform : *reforms) {
        scenario.reforms.push_back(read_reform(reform, json_path("$.reforms", i++), problems));
      }
    }
  }
  if (problems.empty()) return scenario;
  if (problems_out) problems.append_to(*problems_out);
  return problems.to_status("scenario");
}

}  // namespace

absl::StatusOr<Scenario> load_scenario_json(std::string_view text, std::vector<Problem>* problems_out) {
  const internal::JsonInput input(text);
  return load_scenario(input, problems_out);
}

absl::StatusOr<Scenario> load_scenario_file(const std::string& path, std::vector<Problem>* problems) {
  auto text = internal::read_json_file(path);
  if (!text.ok()) return text.status();
  const internal::JsonInput input(*std::move(text));
  return internal::prefix_error(load_scenario(input, problems), path);
}

std::string save_scenario_json(const Scenario& scenario) {
  nlohmann::ordered_json out;
  out["schema"] = "onetrip-scenario/1";
  if (!scenario.name.empty()) out["name"] = scenario.name;
  out["reforms"] = nlohmann::ordered_json::array();
  for (const Reform& r : scenario.reforms) {
    nlohmann::ordered_json j;
    j["reform"] = to_string(r.kind);
    if (r.target.matters.size() == 1) j["matter"] = r.target.matters[0];
    if (r.target.matters.size() > 1) j["matters"] = r.target.matters;
    if (!r.target.department.empty()) j["department"] = r.target.department;
    if (!r.target.hall.empty()) j["hall"] = r.target.hall;
    if (r.target.kind) j["kind"] = to_string(*r.target.kind);
    if (!r.target.bundle.empty()) j["bundle"] = r.target.bundle;
    if (!r.enable) j["enable"] = false;
    if (r.kind == ReformKind::kOnlineApplication) j["online"] = to_string(r.online);
    if (!r.material.empty()) j["material"] = r.material;
    if (r.kind == ReformKind::kPromisedLimit || r.kind == ReformKind::kSiteInspection ||
        (r.kind == ReformKind::kImmediate && !r.enable)) {
      j["days"] = r.days;
    }
    if (r.kind == ReformKind::kFee) {
      if (r.fee_fen % 100 == 0) {
        j["fee"] = r.fee_fen / 100;
      } else {
        j["fee"] = internal::format_yuan(r.fee_fen);
      }
    }
    if (!r.into.empty()) j["into"] = r.into;
    if (!r.from.empty()) j["from"] = r.from;
    if (!r.to.empty()) j["to"] = r.to;
    if (r.effective_from) j["effective_from"] = format_date(*r.effective_from);
    if (!r.note.empty()) j["note"] = r.note;
    if (!r.situation.empty()) j["situation"] = r.situation;
    out["reforms"].push_back(std::move(j));
  }
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace onetrip
