#include "onetrip/catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bounds.hpp"
#include "catalog_internal.hpp"
#include "condition.hpp"
#include "graph_support.hpp"
#include "situation_internal.hpp"
#include "text_support.hpp"

namespace onetrip {

ONETRIP_ENUM_NAMES(HallKind, {"centre", HallKind::kCentre}, {"subcentre", HallKind::kSubcentre},
                   {"township", HallKind::kTownship})
ONETRIP_ENUM_NAMES(MaterialForm, {"paper", MaterialForm::kPaper}, {"electronic", MaterialForm::kElectronic},
                   {"either", MaterialForm::kEither})
ONETRIP_ENUM_NAMES(MaterialSource, {"applicant", MaterialSource::kApplicant},
                   {"government", MaterialSource::kGovernment}, {"third_party", MaterialSource::kThirdParty})
ONETRIP_ENUM_NAMES(Necessity, {"required", Necessity::kRequired}, {"optional", Necessity::kOptional},
                   {"tolerable", Necessity::kTolerable})
ONETRIP_ENUM_NAMES(MatterKind, {"行政许可", MatterKind::kLicensing}, {"行政处罚", MatterKind::kPenalty},
                   {"行政强制", MatterKind::kEnforcement}, {"行政征收", MatterKind::kLevy},
                   {"行政给付", MatterKind::kBenefit}, {"行政检查", MatterKind::kInspection},
                   {"行政确认", MatterKind::kConfirmation}, {"行政奖励", MatterKind::kReward},
                   {"行政裁决", MatterKind::kAdjudication}, {"其他行政权力", MatterKind::kOtherPower},
                   {"审核转报", MatterKind::kReviewTransfer}, {"公共服务", MatterKind::kPublicService})
ONETRIP_ENUM_NAMES(ProjectType, {"immediate", ProjectType::kImmediate}, {"promised", ProjectType::kPromised})
ONETRIP_ENUM_NAMES(FeeKind, {"fixed", FeeKind::kFixed}, {"assessed", FeeKind::kAssessed})
ONETRIP_ENUM_NAMES(SpecialKind, {"听证", SpecialKind::kHearing}, {"招标", SpecialKind::kTender},
                   {"拍卖", SpecialKind::kAuction}, {"检验", SpecialKind::kInspection}, {"检测", SpecialKind::kTesting},
                   {"检疫", SpecialKind::kQuarantine}, {"鉴定", SpecialKind::kAppraisal},
                   {"专家评审", SpecialKind::kExpertReview}, {"other", SpecialKind::kOther})
ONETRIP_ENUM_NAMES(JointHandling, {"none", JointHandling::kNone}, {"unified", JointHandling::kUnified},
                   {"joint", JointHandling::kJoint}, {"centralized", JointHandling::kCentralized})
ONETRIP_ENUM_NAMES(LimitUnit, {"workdays", LimitUnit::kWorkdays}, {"natural_days", LimitUnit::kNaturalDays},
                   {"months", LimitUnit::kMonths})
ONETRIP_ENUM_NAMES(OnlineApplication, {"none", OnlineApplication::kNone}, {"pre_review", OnlineApplication::kPreReview},
                   {"full", OnlineApplication::kFull})
ONETRIP_ENUM_NAMES(EdgeKind, {"applicant", EdgeKind::kApplicant}, {"internal", EdgeKind::kInternal})
ONETRIP_ENUM_NAMES(Acceptance, {"separate", Acceptance::kSeparate}, {"single_window", Acceptance::kSingleWindow})
ONETRIP_ENUM_NAMES(Results, {"each", Results::kEach}, {"together", Results::kTogether})
ONETRIP_ENUM_NAMES(DatedField, {"fee", DatedField::kFee}, {"online", DatedField::kOnline},
                   {"is_postal", DatedField::kPostal}, {"is_express", DatedField::kExpress},
                   {"electronic_licence", DatedField::kElectronicLicence},
                   {"online_payment", DatedField::kOnlinePayment},
                   {"tolerant_acceptance", DatedField::kTolerantAcceptance})

const char* to_string(HallKind v) { return internal::name_of(v); }
const char* to_string(MaterialForm v) { return internal::name_of(v); }
const char* to_string(MaterialSource v) { return internal::name_of(v); }
const char* to_string(Necessity v) { return internal::name_of(v); }
const char* to_string(MatterKind v) { return internal::name_of(v); }
const char* to_string(ProjectType v) { return internal::name_of(v); }
const char* to_string(FeeKind v) { return internal::name_of(v); }
const char* to_string(SpecialKind v) { return internal::name_of(v); }
SpecialKind special_kind_named(std::string_view name) {
  return internal::parse_name<SpecialKind>(name).value_or(SpecialKind::kOther);
}
const char* to_string(JointHandling v) { return internal::name_of(v); }
const char* to_string(LimitUnit v) { return internal::name_of(v); }
const char* to_string(OnlineApplication v) { return internal::name_of(v); }
const char* to_string(EdgeKind v) { return internal::name_of(v); }
const char* to_string(Acceptance v) { return internal::name_of(v); }
const char* to_string(Results v) { return internal::name_of(v); }
const char* to_string(DatedField v) { return internal::name_of(v); }

namespace {

using internal::json_path;
using internal::Problems;

// Adds an id for index i: {i, true}, or {the index that has it, false}.
std::pair<uint32_t, bool> add_id(absl::flat_hash_map<std::string, uint32_t>& index, const std::string& id, uint32_t i) {
  auto [it, fresh] = index.emplace(id, i);
  return {it->second, fresh};
}
std::pair<uint32_t, bool> add_id(const std::shared_ptr<internal::CodeIndex>& index, const std::string& id, uint32_t i) {
  return index->add(id, i);
}
// Room for `more` ids, grown once rather than rehashed by doubling.
void reserve_ids(absl::flat_hash_map<std::string, uint32_t>& index, size_t more) { index.reserve(index.size() + more); }
void reserve_ids(const std::shared_ptr<internal::CodeIndex>&, size_t) {}  // index_all sizes it, text and all

// Registers ids in order, reporting empty and duplicate ones. (Items: a
// vector or MatterBlocks.)
template <class Items, class Id, class Index, class T = std::decay_t<decltype(std::declval<const Items&>()[0])>>
void index_ids(const Items& items, Id id_of, const std::string& path, const char* field, Index& index,
               Problems& problems, std::string (*why)(const T& first, const T& again) = nullptr) {
  reserve_ids(index, items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& id = id_of(items[i]);
    const auto at = [&] { return json_path(json_path(path, i), field); };  // built only for a problem
    if (id.empty()) {
      problems.add(at(), absl::StrCat("an empty ", field));
      continue;
    }
    if (id.find('\0') != std::string::npos) {  // C callers read ids as NUL-terminated strings
      problems.add(at(), absl::StrCat("the ", field, " contains U+0000 (NUL), which C callers cannot read"));
      continue;
    }
    const auto [first, fresh] = add_id(index, id, static_cast<uint32_t>(i));
    if (!fresh) {
      problems.add(at(), absl::StrFormat("%s \"%s\" is also used by %s%s", field, id, json_path(path, first),
                                         why ? why(items[first], items[i]) : std::string()));
    }
  }
}

// Where an element is ("$.matters[12]"), spelled out only when a problem is found:
// validating a large catalogue builds no strings.
struct Where {
  const char* array;
  size_t index;
  std::string str() const { return json_path(array, index); }
};

// The largest value of a limit in its unit (docs/errors.md, "Bounds").
int32_t max_limit(LimitUnit unit) { return unit == LimitUnit::kMonths ? internal::kMaxMonths : internal::kMaxDays; }

bool limit_in_bounds(const Limit& limit) { return limit.value >= 0 && limit.value <= max_limit(limit.unit); }

// path() is called only for a problem (check_period's note).
template <class Path>
void check_limit(const Limit& limit, const Path& path, Problems& problems) {
  if (limit.value < 0) {
    problems.add(path(), absl::StrFormat("a negative limit (%d)", limit.value));
  } else if (limit.value > max_limit(limit.unit)) {
    problems.add(path(), absl::StrFormat("%d %s is over the largest limit, %d %s (100 years)", limit.value,
                                         to_string(limit.unit), max_limit(limit.unit), to_string(limit.unit)));
  }
}

// Calls repeat(i) for every element i of a list equal to an earlier one.
// Linear in the list's length: a short list (the usual case) is compared pair
// by pair without allocating, a long one through a hash set.
template <class Key, class Repeat>
void each_repeat(size_t n, Key key, Repeat repeat) {
  constexpr size_t kShort = 32;
  if (n <= kShort) {
    for (size_t i = 1; i < n; ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (key(j) == key(i)) {
          repeat(i);
          break;
        }
      }
    }
    return;
  }
  absl::flat_hash_set<decltype(key(0))> seen;
  seen.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (!seen.insert(key(i)).second) repeat(i);
  }
}

// Validity periods (docs/catalog-format.md, "Validity").
Validity validity_of(const Matter& m) { return Validity{m.effective_from, m.effective_until}; }
std::string period_text(const Validity& v) {
  return absl::StrFormat("%s to %s", v.from ? format_date(*v.from) : "always",
                         v.until ? format_date(*v.until) : "open");
}
bool overlap(const Validity& a, const Validity& b) {
  const auto starts = [](const Validity& v) { return v.from.value_or(Date(boost::gregorian::min_date_time)); };
  const auto ends = [](const Validity& v) { return v.until.value_or(Date(boost::gregorian::max_date_time)); };
  return starts(a) <= ends(b) && starts(b) <= ends(a);
}
// Validity::holds, reading no unset date: an open end compares as the first
// or last day there is (memcheck sees every comparison defined, which the
// inline test of the optionals does not guarantee once the compiler merges
// its branches).
bool holds(const Validity& v, Date day) {
  return v.from.value_or(Date(boost::gregorian::min_date_time)) <= day &&
         day <= v.until.value_or(Date(boost::gregorian::max_date_time));
}

// An end before the start: a problem at the end (`until_path`).
// until_path() is called only for a problem: a path is text, and a valid
// catalogue of 10^6 matters would build millions of them.
template <class Path>
void check_period(const Validity& v, const Path& until_path, const char* what, Problems& problems) {
  if (v.from && v.until && *v.until < *v.from) {
    problems.add(until_path(), absl::StrFormat("%s holds until %s, before it starts (%s)", what, format_date(*v.until),
                                               format_date(*v.from)));
  }
}
// Why an element listed twice is a problem, when either copy is dated.
std::string why_twice_dated(const Validity& first, const Validity& again, const char* hint) {
  if (!first.dated() && !again.dated()) return "";
  if (overlap(first, again)) {
    return absl::StrFormat(": overlapping validity periods (%s, and %s)", period_text(first), period_text(again));
  }
  return absl::StrFormat(" (in force %s, this one %s): %s", period_text(first), period_text(again), hint);
}

void check_validity(const Matter& m, const Where& where, Problems& problems) {
  check_period(
      validity_of(m), [&] { return json_path(where.str(), "effective_until"); }, "the matter", problems);
  const auto periods = [&] { return json_path(where.str(), "periods"); };
  for (size_t i = 0; i < m.periods.size(); ++i) {
    const FieldPeriod& p = m.periods[i];
    const auto at = [&] { return json_path(periods(), to_string(p.field)); };
    if (i > 0 && m.periods[i - 1].field >= p.field) {
      problems.add(at(), m.periods[i - 1].field == p.field ? "a period given twice"
                                                           : "periods out of order (fee, then the channels in the "
                                                             "order of the matter's fields)");
    }
    if (!p.validity.dated()) problems.add(at(), "a period needs \"from\", \"until\" or both");
    check_period(
        p.validity, [&] { return json_path(at(), "until"); }, to_string(p.field), problems);
    if (!internal::offers(m, p.field)) {
      problems.add(at(), absl::StrFormat("a period for %s, which the matter does not %s", to_string(p.field),
                                         p.field == DatedField::kFee ? "charge" : "offer"));
    }
  }
  for (size_t i = 0; i < m.materials.size(); ++i) {
    check_period(
        m.materials[i].validity,
        [&] { return json_path(json_path(json_path(where.str(), "materials"), i), "effective_until"); },
        "the material use", problems);
  }
}

void check_matter(const internal::Tables& data, const Matter& m, const Where& where, bool skip_unresolved,
                  Problems& problems) {
  if (m.name.empty()) problems.add(json_path(where.str(), "name"), "an empty name");
  const bool unresolved_department = m.department == internal::kUnresolved;
  if (m.department >= data.departments.size() && !(skip_unresolved && unresolved_department)) {
    problems.add(json_path(where.str(), "department"),
                 absl::StrFormat("department index %d does not exist", m.department));
  }
  if (m.legal_limit && !limit_in_bounds(*m.legal_limit)) {
    check_limit(
        *m.legal_limit, [&] { return json_path(where.str(), "anticipate_day"); }, problems);
  }
  if (!limit_in_bounds(m.promised_limit)) {
    check_limit(
        m.promised_limit, [&] { return json_path(where.str(), "promise_day"); }, problems);
  }
  if (m.project_type == ProjectType::kImmediate && m.promised_limit.value > 0) {
    problems.add(json_path(where.str(), "promise_day"),
                 absl::StrFormat("an immediate matter (即办件) is done on the spot, yet promises %d days",
                                 m.promised_limit.value));
  }
  if (m.project_type == ProjectType::kPromised && m.promised_limit.value == 0) {
    problems.add(json_path(where.str(), "promise_day"), "a promised matter (承诺件) needs a promised limit above 0");
  }
  if (m.legal_limit && m.legal_limit->value > 0 && m.legal_limit->unit == m.promised_limit.unit &&
      m.promised_limit.value > m.legal_limit->value) {
    problems.add(
        json_path(where.str(), "promise_day"),
        absl::StrFormat("the promised limit (%d %s) is over the legal limit (%d %s)", m.promised_limit.value,
                        to_string(m.promised_limit.unit), m.legal_limit->value, to_string(m.legal_limit->unit)));
  }
  if (const char* why = internal::fee_problem(m.fee_fen)) problems.add(json_path(where.str(), "fee"), why);
  check_validity(m, where, problems);
  if (m.halls.empty() && !(skip_unresolved && unresolved_department)) {
    problems.add(json_path(where.str(), "halls"), "the matter is offered in no hall");
  }
  for (size_t i = 0; i < m.halls.size(); ++i) {
    if (m.halls[i] >= data.halls.size()) {
      problems.add(json_path(json_path(where.str(), "halls"), i),
                   absl::StrFormat("hall index %d does not exist", m.halls[i]));
    }
  }
  each_repeat(
      m.halls.size(), [&](size_t i) { return m.halls[i]; },
      [&](size_t i) { problems.add(json_path(json_path(where.str(), "halls"), i), "a hall listed twice"); });
  bool materials_ok = true;
  for (size_t i = 0; i < m.materials.size(); ++i) {
    if (m.materials[i].material >= data.materials.size()) {
      problems.add(json_path(json_path(where.str(), "materials"), i),
                   absl::StrFormat("material index %d does not exist", m.materials[i].material));
      materials_ok = false;
    }
  }
  if (materials_ok) {
    each_repeat(
        m.materials.size(), [&](size_t i) { return m.materials[i].material; },
        [&](size_t i) {
          const MaterialUse* first = &m.materials[i];
          for (size_t j = 0; j < i; ++j) {
            if (m.materials[j].material == m.materials[i].material) first = &m.materials[j];
          }
          problems.add(json_path(json_path(where.str(), "materials"), i),
                       absl::StrFormat("material \"%s\" is listed twice%s", data.materials[m.materials[i].material].id,
                                       why_twice_dated(first->validity, m.materials[i].validity,
                                                       "a matter lists a material once, with the period it is asked "
                                                       "for; a later form of its use is a dated reform")));
        });
  }
  if (m.issue_days < 0 || m.issue_days > internal::kMaxIssueDays) {
    problems.add(json_path(where.str(), "issue_days"),
                 absl::StrFormat("%d working days to issue the certificate: 行政许可法 第四十四条 allows 0 to %d",
                                 m.issue_days, internal::kMaxIssueDays));
  }
  if (m.extension) {
    const std::string at = json_path(where.str(), "extension");
    if (m.extension->days <= 0 || m.extension->days > internal::kMaxDays) {
      problems.add(json_path(at, "days"),
                   absl::StrFormat("an extension of %d working days: 1 to %d", m.extension->days, internal::kMaxDays));
    }
    if (m.extension->basis.empty()) {
      problems.add(json_path(at, "basis"),
                   absl::StrFormat("an extension of %d working days needs the law that allows it (第四十二条: 10 "
                                   "working days, \"法律、法规另有规定的，依照其规定\")",
                                   m.extension->days));
    }
  }
  if (m.site_inspection_days && (*m.site_inspection_days < 0 || *m.site_inspection_days > internal::kMaxDays)) {
    problems.add(json_path(where.str(), "site_inspection_days"),
                 *m.site_inspection_days < 0 ? std::string("a negative number of days")
                                             : absl::StrFormat("%d days is over the largest allowed, %d",
                                                               *m.site_inspection_days, internal::kMaxDays));
  }
  int64_t special_days = 0;
  for (size_t i = 0; i < m.special_procedures.size(); ++i) {
    const auto at = [&] { return json_path(json_path(where.str(), "special_procedures"), i); };
    const int32_t days = m.special_procedures[i].days;
    if (m.special_procedures[i].name.empty()) problems.add(json_path(at(), "name"), "an empty name");
    if (days < 0) problems.add(json_path(at(), "days"), "a negative number of days");
    if (days > internal::kMaxDays) {
      problems.add(json_path(at(), "days"),
                   absl::StrFormat("%d days is over the largest allowed, %d", days, internal::kMaxDays));
    }
    if (days > 0) special_days += days;
    if (m.special_procedures[i].kind != SpecialKind::kOther && !m.special_procedures[i].basis.empty()) {
      problems.add(json_path(at(), "basis"),
                   "第四十五条 itself takes this procedure out of the limit: a basis is for kind \"other\" only");
    }
  }
  if (special_days > internal::kMaxDays) {
    problems.add(json_path(where.str(), "special_procedures"),
                 absl::StrFormat("the special procedures take %d days together, over the largest allowed, %d",
                                 special_days, internal::kMaxDays));
  }
  if (m.declared_trips && (*m.declared_trips < 0 || *m.declared_trips > internal::kMaxDeclaredTrips)) {
    problems.add(json_path(where.str(), "limit_scene_num"),
                 *m.declared_trips < 0 ? std::string("a negative number of trips")
                                       : absl::StrFormat("%d trips is over the largest allowed, %d", *m.declared_trips,
                                                         internal::kMaxDeclaredTrips));
  }
  // Situations (lib/situation.cpp).
  if (m.situations) {
    internal::check_matter_situations(
        m, where.str(),
        [&](std::string_view code) {
          for (MatterIndex i = 0; i < data.matter_count; ++i) {
            if (data.matter_code(i) == code) return true;
          }
          return false;
        },
        problems);
  }
}

void check_bundle(const internal::Tables& data, const Bundle& b, const Where& where, bool skip_unresolved,
                  Problems& problems) {
  if (b.name.empty()) problems.add(json_path(where.str(), "name"), "an empty name");
  check_period(
      b.validity, [&] { return json_path(where.str(), "effective_until"); }, "the bundle", problems);
  if (b.lead >= data.departments.size() && !(skip_unresolved && b.lead == internal::kUnresolved)) {
    problems.add(json_path(where.str(), "lead"), absl::StrFormat("department index %d does not exist", b.lead));
  }
  if (b.members.empty() && !skip_unresolved) {
    problems.add(json_path(where.str(), "members"), "a bundle needs at least one member");
  }
  if (static_cast<int64_t>(b.members.size()) > internal::kMaxBundleMembers) {
    problems.add(json_path(where.str(), "members"),
                 absl::StrFormat("%d members is over the largest bundle allowed, %d members", b.members.size(),
                                 internal::kMaxBundleMembers));
    return;  // not checked further: the bound is also what keeps the checks below linear in the input
  }
  bool members_ok = true;
  for (size_t i = 0; i < b.members.size(); ++i) {
    if (b.members[i] >= data.matter_count) {
      problems.add(json_path(json_path(where.str(), "members"), i),
                   absl::StrFormat("matter index %d does not exist", b.members[i]));
      members_ok = false;
    }
  }
  if (members_ok) {
    each_repeat(
        b.members.size(), [&](size_t i) { return b.members[i]; },
        [&](size_t i) {
          problems.add(json_path(json_path(where.str(), "members"), i),
                       absl::StrFormat("matter \"%s\" is a member twice", data.matter_code(b.members[i])));
        });
  }
  const auto member_name = [&](uint32_t position) {
    return members_ok && position < b.members.size() ? absl::StrCat("\"", data.matter_code(b.members[position]), "\"")
                                                     : absl::StrCat("member ", position);
  };
  std::vector<internal::Arc> arcs;
  std::vector<size_t> arc_edges;  // the edge of each arc
  for (size_t i = 0; i < b.edges.size(); ++i) {
    const BundleEdge& e = b.edges[i];
    const auto at = [&] { return json_path(json_path(where.str(), "edges"), i); };
    if (e.from >= b.members.size() || e.to >= b.members.size()) {
      problems.add(at(), "an edge between positions that are not members of the bundle");
      continue;
    }
    if (e.from == e.to) {
      problems.add(at(), absl::StrFormat("%s cannot depend on itself", member_name(e.from)));
      continue;
    }
    if (e.days < 0) problems.add(json_path(at(), "days"), "a negative number of days");
    if (e.days > internal::kMaxEdgeDays) {
      problems.add(json_path(at(), "days"), absl::StrFormat("%d days is over the largest allowed on an edge, %d",
                                                            e.days, internal::kMaxEdgeDays));
    }
    arcs.emplace_back(e.from, e.to);
    arc_edges.push_back(i);
  }
  each_repeat(
      arcs.size(), [&](size_t k) { return arcs[k]; },
      [&](size_t k) {
        const BundleEdge& e = b.edges[arc_edges[k]];
        problems.add(json_path(json_path(where.str(), "edges"), arc_edges[k]),
                     absl::StrFormat("the edge %s → %s is listed twice", member_name(e.from), member_name(e.to)));
      });
  if (auto cycle = internal::find_cycle(static_cast<uint32_t>(b.members.size()), arcs)) {
    std::vector<std::string> names;
    for (uint32_t v : *cycle) names.push_back(member_name(v));
    names.push_back(member_name(cycle->front()));
    problems.add(json_path(where.str(), "edges"),
                 absl::StrCat("the members form a cycle: ", absl::StrJoin(names, " → "),
                              "; a bundle's dependencies must run one way"));
  }  // Situations (lib/situation.cpp).
  if (b.situations || std::any_of(b.members.begin(), b.members.end(), [&](MatterIndex mi) {
        const Matter* m = data.matter ? data.matter(mi) : nullptr;
        return m && m->situations;
      })) {
    internal::check_bundle_situations(b, where.str(), data.matter, problems);
  }
}

template <class Matters>
internal::Tables tables_of(const CatalogData& data, const Matters& matters) {
  return internal::Tables{data.halls,
                          data.departments,
                          data.materials,
                          matters.size(),
                          [&matters](MatterIndex i) -> const std::string& { return matters[i].code; },
                          [&matters](MatterIndex i) { return i < matters.size() ? &matters[i] : nullptr; }};
}

// What validate_rules finds of the matters as it checks each, while it is in
// the cache, for the catalogue built of them.
struct MatterFacts {
  bool dated = false;       // one is dated (internal::matter_dated)
  bool situations = false;  // one has situations
};

// The rules beyond ids. References equal to internal::kUnresolved were
// reported by the JSON loader already when skip_unresolved is set. The
// matters are `matters` (data.matters, or the blocks a catalogue is built
// of). With `facts`, sets them.
template <class Matters>
void validate_rules(const CatalogData& data, const Matters& matters, bool skip_unresolved, Problems& problems,
                    MatterFacts* facts = nullptr) {
  for (size_t i = 0; i < data.halls.size(); ++i) {
    if (data.halls[i].name.empty() && !skip_unresolved)
      problems.add(json_path(json_path("$.halls", i), "name"), "an empty name");
  }
  for (size_t i = 0; i < data.departments.size(); ++i) {
    const Department& d = data.departments[i];
    const std::string path = json_path("$.departments", i);
    if (d.name.empty() && !skip_unresolved) problems.add(json_path(path, "name"), "an empty name");
    for (size_t j = 0; j < d.halls.size(); ++j) {
      if (d.halls[j] >= data.halls.size()) {
        problems.add(json_path(json_path(path, "halls"), j),
                     absl::StrFormat("hall index %d does not exist", d.halls[j]));
      }
    }
  }
  for (size_t i = 0; i < data.materials.size(); ++i) {
    const Material& m = data.materials[i];
    if (m.name.empty() && !skip_unresolved)
      problems.add(json_path(json_path("$.materials", i), "name"), "an empty name");
    if (m.shared && m.source != MaterialSource::kGovernment) {
      problems.add(json_path(json_path("$.materials", i), "shared"),
                   "only a material issued by a government body can be shared instead of carried");
    }
  }
  const internal::Tables tables = tables_of(data, matters);
  for (size_t i = 0; i < matters.size(); ++i) {
    check_matter(tables, matters[i], Where{"$.matters", i}, skip_unresolved, problems);
    if (!facts) continue;
    if (!facts->dated) facts->dated = internal::matter_dated(matters[i]);
    facts->situations = facts->situations || matters[i].situations;
  }
  for (size_t i = 0; i < data.bundles.size(); ++i) {
    check_bundle(tables, data.bundles[i], Where{"$.bundles", i}, skip_unresolved, problems);
  }
}

// Two forms of one matter, or of one bundle: their validity periods, when they have any.
std::string why_twice(const Matter& first, const Matter& again) {
  return why_twice_dated(
      validity_of(first), validity_of(again),
      absl::StrFormat("a catalogue holds one form of a matter; give the later form as a reform dated %s",
                      again.effective_from ? format_date(*again.effective_from) : "on its first day")
          .c_str());
}
std::string why_bundle_twice(const Bundle& first, const Bundle& again) {
  return why_twice_dated(first.validity, again.validity,
                         "a catalogue holds one form of a bundle, with the period it is offered");
}

// The id lookups of a catalogue, reporting empty and duplicate ids. `codes`,
// when given, is the matters' codes indexed already, each of them non-empty,
// without a NUL and given once (internal::build_catalog): it is taken as is
// when it holds as many codes as there are matters (else indexed again).
template <class Matters>
void index_all(const CatalogData& data, const Matters& matters, internal::Lookups& impl, Problems& problems,
               std::shared_ptr<internal::CodeIndex> codes = nullptr) {
  const auto id = [](const auto& x) -> const std::string& { return x.id; };
  index_ids(data.halls, id, "$.halls", "id", impl.halls, problems);
  index_ids(data.departments, id, "$.departments", "id", impl.departments, problems);
  index_ids(data.materials, id, "$.materials", "id", impl.materials, problems);
  if (codes && codes->size() == matters.size()) {
    impl.matters = std::move(codes);
  } else {
    size_t code_bytes = 0;
    for (size_t i = 0; i < matters.size(); ++i) code_bytes += matters[i].code.size();
    impl.matters->reserve(matters.size(), code_bytes);
    index_ids(
        matters, [](const Matter& m) -> const std::string& { return m.code; }, "$.matters", "code", impl.matters,
        problems, &why_twice);
  }
  index_ids(data.bundles, id, "$.bundles", "id", impl.bundles, problems, &why_bundle_twice);
}

}  // namespace

namespace internal {

namespace {

// Bundle b's topological order and out-edges appended to t, placed at entry `at`.
void append_bundle(BundleTables& t, const Bundle& b, size_t at) {
  const auto n = static_cast<uint32_t>(b.members.size());
  std::vector<Arc> arcs;
  arcs.reserve(b.edges.size());
  for (const BundleEdge& e : b.edges) arcs.emplace_back(e.from, e.to);
  t.topo_offsets[at] = static_cast<uint32_t>(t.topo.size());
  for (uint32_t v : topological_order(n, arcs)) t.topo.push_back(v);

  // Counting sort of the edges by their origin, keeping their order.
  const auto first = static_cast<uint32_t>(t.out_offsets.size());
  const auto edges_before = static_cast<uint32_t>(t.out_edges.size());
  t.out_base[at] = first;
  t.out_offsets.resize(first + n + 1, 0);
  for (const BundleEdge& e : b.edges) ++t.out_offsets[first + e.from + 1];
  t.out_offsets[first] = edges_before;
  for (uint32_t v = 0; v < n; ++v) t.out_offsets[first + v + 1] += t.out_offsets[first + v];
  t.out_edges.resize(edges_before + b.edges.size());
  std::vector<uint32_t> next(t.out_offsets.begin() + first, t.out_offsets.begin() + first + n);
  for (uint32_t i = 0; i < b.edges.size(); ++i) t.out_edges[next[b.edges[i].from]++] = i;
}

}  // namespace

// Per bundle: the topological order (Boost.Graph) and the out-edges by member (valid data only).
std::shared_ptr<const BundleTables> build_bundle_tables(const std::vector<Bundle>& bundles) {
  auto t = std::make_shared<BundleTables>();
  t->topo_offsets.assign(bundles.size() + 1, 0);
  t->out_base.assign(bundles.size(), 0);
  for (size_t b = 0; b < bundles.size(); ++b) append_bundle(*t, bundles[b], b);
  t->topo_offsets.back() = static_cast<uint32_t>(t->topo.size());
  return t;
}

std::shared_ptr<const BundleTables> patch_bundle_tables(const BundleTables& base, const std::vector<Bundle>& bundles,
                                                        absl::Span<const BundleIndex> replaced) {
  if (base.out_base.size() != bundles.size()) return build_bundle_tables(bundles);
  size_t added = 0, members = 0;
  for (BundleIndex b : replaced) added += bundles[b].members.size();
  for (const Bundle& b : bundles) members += b.members.size();
  if (base.topo.size() + added > 2 * members + 4096) return build_bundle_tables(bundles);  // the ones left behind
  auto t = std::make_shared<BundleTables>(base);
  for (BundleIndex b : replaced) append_bundle(*t, bundles[b], b);
  return t;
}

void validate_catalog(const CatalogData& data, bool skip_unresolved, Problems& problems) {
  Lookups ids;
  index_all(data, data.matters, ids, problems);
  validate_rules(data, data.matters, skip_unresolved, problems);
}

bool offers(const Matter& m, DatedField f) {
  switch (f) {
    case DatedField::kFee:
      return m.fee_fen != 0;
    case DatedField::kOnline:
      return m.online != OnlineApplication::kNone;
    case DatedField::kPostal:
      return m.postal_application;
    case DatedField::kExpress:
      return m.express_delivery;
    case DatedField::kElectronicLicence:
      return m.electronic_licence;
    case DatedField::kOnlinePayment:
      return m.online_payment;
    case DatedField::kTolerantAcceptance:
      return m.tolerant_acceptance;
  }
  return false;
}

void CodeIndex::reserve(size_t codes, size_t bytes) {
  text_.reserve(bytes);
  ends_.reserve(codes);
  indices_.reserve(codes);
  entries_.reserve(codes);
}

std::pair<uint32_t, bool> CodeIndex::add(std::string_view code, uint32_t i) {
  const size_t h = hash(code);
  const auto twice = add_all(absl::MakeConstSpan(&code, 1), absl::MakeConstSpan(&h, 1), i);
  return twice ? std::make_pair(twice->second, false) : std::make_pair(i, true);
}

std::optional<std::pair<uint32_t, uint32_t>> CodeIndex::add_all(absl::Span<const std::string_view> codes,
                                                                absl::Span<const size_t> hashes, uint32_t first) {
  const size_t base = indices_.size();  // the entries there before
  for (size_t k = 0; k < codes.size(); ++k) {
    text_.append(codes[k]);
    ends_.push_back(text_.size());
    indices_.push_back(static_cast<uint32_t>(first + k));
  }
  std::vector<size_t> computed;  // the hashes not given, each computed once
  if (hashes.size() < codes.size()) {
    computed.assign(hashes.begin(), hashes.end());
    for (size_t k = hashes.size(); k < codes.size(); ++k) computed.push_back(hash(codes[k]));
    hashes = computed;
  }
  // Each code's place in the table is fetched a few codes ahead of its
  // insertion, so that the probes' cache misses overlap.
  constexpr size_t kAhead = 8;
  const auto key = [&](size_t k) { return Hashed{codes[k], hashes[k]}; };
  for (size_t k = 0; k < codes.size(); ++k) {
    if (k + kAhead < codes.size()) entries_.prefetch(key(k + kAhead));
    bool fresh = false;
    const auto it = entries_.lazy_emplace(key(k), [&](const auto& construct) {
      fresh = true;
      construct(static_cast<uint32_t>(base + k));
    });
    if (!fresh) {  // the entries from this one on are let go
      const uint32_t earlier = indices_[*it];
      text_.resize(base + k == 0 ? 0 : ends_[base + k - 1]);
      ends_.resize(base + k);
      indices_.resize(base + k);
      return std::make_pair(static_cast<uint32_t>(first + k), earlier);
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> CodeIndex::find(std::string_view code) const {
  const auto it = entries_.find(absl::string_view(code.data(), code.size()));
  if (it == entries_.end()) return std::nullopt;
  return indices_[*it];
}

MatterTable::MatterTable(std::vector<Ptr> matters) {
  for (Ptr& m : matters) push_back(std::move(m));
}

MatterBlocks::MatterBlocks(std::vector<Matter> all) : size_(all.size()), bits_(63), mask_(~size_t{0}) {
  blocks_.push_back(std::make_shared<std::vector<Matter>>(std::move(all)));
}

Matter& MatterBlocks::emplace_back() {
  if (blocks_.empty() || (bits_ != 63 && blocks_.back()->size() == kBlockSize)) {
    // The first block grows by doubling (to kBlockSize at most: its
    // capacities are powers of two), so that a small catalogue holds no room
    // for thousands of matters; the others are made whole at once.
    constexpr size_t kFirst = 16;
    blocks_.push_back(std::make_shared<std::vector<Matter>>());
    blocks_.back()->reserve(blocks_.size() == 1 ? kFirst : kBlockSize);
  }
  ++size_;
  return blocks_.back()->emplace_back();
}

void MatterBlocks::trim() {
  if (!blocks_.empty() && blocks_.back()->capacity() > blocks_.back()->size()) blocks_.back()->shrink_to_fit();
}

void MatterBlocks::pop_back() {
  blocks_.back()->pop_back();
  --size_;
  if (blocks_.back()->empty() && bits_ != 63) blocks_.pop_back();
}

std::vector<Matter> MatterBlocks::take_all() {
  std::vector<Matter> all;
  if (blocks_.size() == 1) {
    all = std::move(*blocks_[0]);
  } else {
    all.reserve(size_);
    for (const Block& b : blocks_) std::move(b->begin(), b->end(), std::back_inserter(all));
  }
  blocks_.clear();
  size_ = 0;
  return all;
}

MatterTable MatterTable::of_blocks(const MatterBlocks& blocks) {
  MatterTable table;
  const size_t n = blocks.size();
  size_t block = 0, at = 0;  // where matter `first` is
  for (size_t first = 0; first < n; first += kChunkSize) {
    auto chunk = std::make_shared<Chunk>();
    const size_t count = std::min(kChunkSize, n - first);
    if (at == blocks.blocks()[block]->size()) ++block, at = 0;
    const std::vector<Matter>& matters = *blocks.blocks()[block];
    for (size_t i = 0; i < count; ++i) chunk->items[i].store(&matters[at + i], std::memory_order_relaxed);
    at += count;
    chunk->block = blocks.blocks()[block];
    table.directory_.push_back(chunk.get());
    table.chunks_.push_back(std::move(chunk));
  }
  table.size_ = n;
  return table;
}

void MatterTable::Chunk::build() {
  if (built.load(std::memory_order_acquire)) return;
  std::lock_guard<std::mutex> lock(building);
  if (built.load(std::memory_order_relaxed)) return;
  if (source) {
    auto matters = source->build(number, count);
    for (size_t i = 0; i < count; ++i) items[i].store(&(*matters)[i], std::memory_order_release);
    block = std::move(matters);
    source.reset();
  }
  built.store(true, std::memory_order_release);
}

const Matter* built_matter(const ChunkItems* items, size_t slot) {
  // Every ChunkItems is a chunk's. A chunk is never const itself (only
  // through the table's const reads): building it is the once-only write of its items.
  auto* chunk = static_cast<MatterTable::Chunk*>(const_cast<ChunkItems*>(items));
  chunk->build();
  return chunk->items[slot].load(std::memory_order_acquire);
}

MatterTable::Ptr MatterTable::shared(size_t i) const {
  return Ptr(chunks_[i >> kBits], (*this)[i]);  // owning the chunk, which keeps the matter
}

MatterTable::Chunk& MatterTable::own(size_t k) {
  std::shared_ptr<Chunk>& at = chunks_[k];
  at->build();
  if (at.use_count() == 1) return *at;
  auto copy = std::make_shared<Chunk>();
  for (size_t i = 0; i < kChunkSize; ++i) {  // not seen by another thread before the table is published
    copy->items[i].store(at->items[i].load(std::memory_order_relaxed), std::memory_order_relaxed);
  }
  if (at->depth < kMaxDepth) {
    copy->parent = at;
    copy->depth = at->depth + 1;
  } else {  // the chain cut: an owner for each item, found from the nearest link
    const size_t n = std::min(kChunkSize, size_ - (k << kBits));
    std::vector<uint8_t> found(n, 0);
    size_t left = n;
    copy->owned.reserve(n);
    for (const Chunk* c = at.get(); c != nullptr && left > 0; c = c->parent.get()) {
      if (c->block) copy->block = c->block;  // owns every item not set since: the chain's root's
      for (auto it = c->owned.rbegin(); it != c->owned.rend() && left > 0; ++it) {
        const uint32_t slot = it->first;
        if (found[slot] || it->second.get() != copy->items[slot].load(std::memory_order_relaxed)) continue;
        found[slot] = 1;
        --left;
        copy->owned.push_back(*it);
      }
    }
  }
  at = std::move(copy);
  directory_[k] = at.get();
  return *at;
}

void MatterTable::set(size_t i, Ptr m) {
  Chunk& c = own(i >> kBits);
  const auto slot = static_cast<uint32_t>(i & (kChunkSize - 1));
  c.items[slot].store(m.get(), std::memory_order_relaxed);
  if (c.owned.size() >= 2 * kChunkSize) {  // a slot set again and again: keep the owners in use
    std::vector<std::pair<uint32_t, Ptr>> kept;
    std::vector<uint8_t> seen(kChunkSize, 0);
    for (auto& o : c.owned) {
      if (o.first == slot || seen[o.first] || c.items[o.first].load(std::memory_order_relaxed) != o.second.get()) {
        continue;
      }
      seen[o.first] = 1;
      kept.push_back(std::move(o));
    }
    c.owned = std::move(kept);
  }
  c.owned.emplace_back(slot, std::move(m));
}

void MatterTable::push_back(Ptr m) {
  const size_t k = size_ >> kBits;
  if (k == chunks_.size()) {
    chunks_.push_back(std::make_shared<Chunk>());
    directory_.push_back(chunks_.back().get());
  }
  ++size_;
  set(size_ - 1, std::move(m));
}

void MatterTable::add_lazy(std::shared_ptr<const ChunkSource> source, size_t count) {
  auto chunk = std::make_shared<Chunk>();
  chunk->number = chunks_.size();
  chunk->count = count;
  chunk->source = std::move(source);
  chunks_.push_back(chunk);
  directory_.push_back(chunk.get());
  size_ += count;
}

size_t MatterTable::built_chunks() const {
  return static_cast<size_t>(std::count_if(chunks_.begin(), chunks_.end(), [](const std::shared_ptr<Chunk>& c) {
    return c->items[0].load(std::memory_order_acquire) != nullptr;
  }));
}

absl::StatusOr<Catalog> derive(const Catalog& base, Derivation d, std::vector<Problem>* problems_out) {
  const Catalog::Impl& from = base.internals();
  auto impl = std::make_shared<Catalog::Impl>();
  impl->name = from.name;
  impl->halls = from.halls;
  impl->departments = from.departments;
  impl->materials = d.materials_changed ? std::move(d.materials) : from.materials;
  impl->matters = std::move(d.matters);
  const bool bundles_changed = d.bundles != nullptr;
  impl->bundles = bundles_changed ? std::move(d.bundles) : from.bundles;
  impl->ids = d.ids ? std::move(d.ids) : from.ids;

  Problems problems;
  const Tables tables{impl->halls,
                      impl->departments,
                      impl->materials,
                      impl->matters.size(),
                      [&](MatterIndex i) -> const std::string& { return impl->matters[i]->code; },
                      [&](MatterIndex i) { return i < impl->matters.size() ? impl->matters[i] : nullptr; }};
  for (MatterIndex i : d.changed_matters) {
    check_matter(tables, *impl->matters[i], Where{"$.matters", i}, /*skip_unresolved=*/false, problems);
  }
  for (BundleIndex i : d.changed_bundles) {
    check_bundle(tables, (*impl->bundles)[i], Where{"$.bundles", i}, /*skip_unresolved=*/false, problems);
  }
  if (!problems.empty()) {
    if (problems_out) problems.append_to(*problems_out);
    return problems.to_status("catalogue");
  }
  // Conditions compiled anew where a matter changed, and in the bundles whose
  // questions may have changed with it.
  bool questions_changed = false;
  for (MatterIndex i : d.changed_matters) {
    const Matter& m = *impl->matters[i];
    if (!m.situations && !from.matters[i]->situations) continue;
    questions_changed = true;
    if (!m.situations) continue;
    auto copy = std::make_shared<Matter>(m);
    copy->situations = compiled(m.situations, m.situations->questions);
    impl->matters.set(i, std::move(copy));
  }
  const auto situational = [](const Bundle& b) { return static_cast<bool>(b.situations); };
  if (questions_changed ||
      (bundles_changed && std::any_of(impl->bundles->begin(), impl->bundles->end(), situational))) {
    auto bundles = std::make_shared<std::vector<Bundle>>(*impl->bundles);
    for (Bundle& b : *bundles) {
      if (!b.situations) continue;
      b.situations = compiled(b.situations, bundle_scope(b, [&](MatterIndex i) { return impl->matters[i]; }));
    }
    impl->bundles = std::move(bundles);
  }
  bool halls_changed = false;
  for (MatterIndex i : d.changed_matters) {
    if (impl->matters[i]->code != from.matters[i]->code) {
      return absl::InternalError(absl::StrFormat("a derived catalogue renamed matter \"%s\"", from.matters[i]->code));
    }
    halls_changed = halls_changed || impl->matters[i]->halls != from.matters[i]->halls;
  }
  if (!bundles_changed) {
    impl->bundle_tables = from.bundle_tables;
  } else if (d.bundles_replaced) {  // the graphs of those replaced only
    impl->bundle_tables = internal::patch_bundle_tables(*from.bundle_tables, *impl->bundles, *d.bundles_replaced);
  } else {
    impl->bundle_tables = internal::build_bundle_tables(*impl->bundles);
  }
  impl->provenance.base = base.impl_;
  impl->provenance.changed_matters = std::move(d.changed_matters);
  impl->provenance.materials_changed = d.materials_changed;
  impl->provenance.bundles_changed = bundles_changed;
  impl->provenance.bundles_replaced =
      bundles_changed ? std::move(d.bundles_replaced) : std::optional<std::vector<BundleIndex>>(std::in_place);
  impl->provenance.halls_changed = halls_changed;
  impl->dated = from.dated ||
                std::any_of(impl->provenance.changed_matters.begin(), impl->provenance.changed_matters.end(),
                            [&](MatterIndex i) { return internal::matter_dated(*impl->matters[i]); }) ||
                (bundles_changed && internal::bundles_dated(*impl->bundles));
  return Catalog(std::move(impl));
}

std::optional<Bundle> bundle_renumbered(Bundle b, const std::function<int64_t(MatterIndex)>& renumber,
                                        const std::function<const Matter*(MatterIndex)>& old_matter,
                                        const std::function<const Matter*(MatterIndex)>& new_matter) {
  std::vector<int64_t> position(b.members.size(), -1);
  std::vector<MatterIndex> members;
  for (size_t p = 0; p < b.members.size(); ++p) {
    if (renumber(b.members[p]) < 0) continue;
    position[p] = static_cast<int64_t>(members.size());
    members.push_back(static_cast<MatterIndex>(renumber(b.members[p])));
  }
  if (members.empty()) return std::nullopt;  // every member gone: the bundle is gone with them
  std::vector<BundleEdge> edges;
  for (BundleEdge e : b.edges) {
    if (position[e.from] < 0 || position[e.to] < 0) continue;
    e.from = static_cast<uint32_t>(position[e.from]);
    e.to = static_cast<uint32_t>(position[e.to]);
    edges.push_back(e);
  }
  if (b.situations) {
    // Member conditions point at members by position: renumbered alike, a
    // removed member's condition gone with it.
    Situations s = *b.situations;
    std::vector<MemberRule> rules;
    for (MemberRule rule : s.members) {
      if (rule.member >= position.size() || position[rule.member] < 0) continue;
      rule.member = static_cast<uint32_t>(position[rule.member]);
      rules.push_back(std::move(rule));
    }
    s.members = std::move(rules);
    // A question the bundle's conditions still read that only a removed
    // member asked becomes the bundle's own: the applicant still answers it.
    const std::vector<Question> old_scope = bundle_scope(b, old_matter);
    Bundle kept = b;
    kept.members = members;
    const std::vector<Question> new_scope = bundle_scope(kept, new_matter);
    uint64_t read = 0;
    const auto reads = [&](const Condition& c) {
      if (c.text.empty()) return;
      auto code = compile_condition(c.text, old_scope);
      if (code.ok()) read |= code->questions;
    };
    for (const EligibilityRule& r : s.eligibility) reads(r.when);
    for (const MemberRule& r : s.members) reads(r.when);
    for (size_t q = 0; q < old_scope.size() && q < 64; ++q) {
      if (!(read & (uint64_t{1} << q))) continue;
      const bool asked =
          std::any_of(new_scope.begin(), new_scope.end(), [&](const Question& n) { return n.id == old_scope[q].id; });
      if (!asked) s.questions.push_back(old_scope[q]);
    }
    b.situations = s.empty() ? SituationsRef() : SituationsRef(std::make_shared<const Situations>(std::move(s)));
  }
  b.members = std::move(members);
  b.edges = std::move(edges);
  return b;
}

CatalogData without_matters(const Catalog& base, const MatterTable& matters, std::vector<Material> materials,
                            absl::Span<const Bundle> bundles, const std::vector<bool>& drop) {
  CatalogData data;
  data.name = base.name();
  data.halls.assign(base.halls().begin(), base.halls().end());
  data.departments.assign(base.departments().begin(), base.departments().end());
  data.materials = std::move(materials);
  std::vector<int64_t> renumber(matters.size(), -1);
  absl::flat_hash_set<std::string> dropped;
  for (size_t i = 0; i < matters.size(); ++i) {
    if (drop[i]) {
      dropped.insert(matters[i]->code);
      continue;
    }
    renumber[i] = static_cast<int64_t>(data.matters.size());
    data.matters.push_back(*matters[i]);
  }
  // A refusal that sends the applicant to a matter no longer in the catalogue
  // (not in force that day) names no route any more (an absorption has already
  // pointed it at the absorbing matter).
  for (Matter& m : data.matters) {
    if (!m.situations) continue;
    const auto& rules = m.situations->eligibility;
    if (std::none_of(rules.begin(), rules.end(), [&](const EligibilityRule& r) { return dropped.count(r.instead); })) {
      continue;
    }
    Situations s = *m.situations;
    for (EligibilityRule& r : s.eligibility) {
      if (dropped.count(r.instead)) r.instead.clear();
    }
    m.situations = SituationsRef(std::make_shared<const Situations>(std::move(s)));
  }
  const auto old_matter = [&](MatterIndex i) -> const Matter* { return i < matters.size() ? matters[i] : nullptr; };
  for (const Bundle& b : bundles) {
    auto kept = bundle_renumbered(
        b, [&](MatterIndex i) { return renumber[i]; }, old_matter,
        [&](MatterIndex i) -> const Matter* { return &data.matters[i]; });
    if (kept) data.bundles.push_back(*std::move(kept));
  }
  return data;
}

}  // namespace internal

namespace internal {

size_t keep_material_uses(Matter& m, const std::function<bool(const MaterialUse&)>& keep) {
  std::vector<int64_t> position(m.materials.size(), -1);
  std::vector<MaterialUse> kept;
  for (size_t p = 0; p < m.materials.size(); ++p) {
    if (!keep(m.materials[p])) continue;
    position[p] = static_cast<int64_t>(kept.size());
    kept.push_back(std::move(m.materials[p]));
  }
  const size_t dropped = m.materials.size() - kept.size();
  m.materials = std::move(kept);
  if (dropped > 0 && m.situations && !m.situations->materials.empty()) {
    Situations s = *m.situations;
    std::vector<MaterialRule> rules;
    for (MaterialRule rule : s.materials) {
      if (rule.use >= position.size() || position[rule.use] < 0) continue;
      rule.use = static_cast<uint32_t>(position[rule.use]);
      rules.push_back(std::move(rule));
    }
    s.materials = std::move(rules);
    m.situations = s.empty() ? SituationsRef() : SituationsRef(std::make_shared<const Situations>(std::move(s)));
  }
  return dropped;
}

bool matter_dated(const Matter& m) {
  return m.effective_from || m.effective_until || !m.periods.empty() ||
         std::any_of(m.materials.begin(), m.materials.end(), [](const MaterialUse& u) { return u.validity.dated(); });
}

bool bundles_dated(const std::vector<Bundle>& bundles) {
  return std::any_of(bundles.begin(), bundles.end(), [](const Bundle& b) { return b.validity.dated(); });
}

}  // namespace internal

namespace internal {

std::shared_ptr<const Matter> matter_on_day(const Matter& m, Date day) {
  const auto use_holds = [day](const MaterialUse& u) { return holds(u.validity, day); };
  const auto period_holds = [day](const FieldPeriod& p) { return holds(p.validity, day); };
  if (std::all_of(m.materials.begin(), m.materials.end(), use_holds) &&
      std::all_of(m.periods.begin(), m.periods.end(), period_holds)) {
    return nullptr;
  }
  auto copy = std::make_shared<Matter>(m);
  internal::keep_material_uses(*copy, use_holds);
  std::vector<FieldPeriod> kept;
  for (const FieldPeriod& p : m.periods) {
    if (holds(p.validity, day)) {
      kept.push_back(p);
      continue;
    }
    switch (p.field) {
      case DatedField::kFee:
        copy->fee_fen = 0;
        copy->fee_kind = FeeKind::kFixed;
        copy->online_payment = false;  // no fee to pay online
        break;
      case DatedField::kOnline:
        copy->online = OnlineApplication::kNone;
        break;
      case DatedField::kPostal:
        copy->postal_application = false;
        break;
      case DatedField::kExpress:
        copy->express_delivery = false;
        break;
      case DatedField::kElectronicLicence:
        copy->electronic_licence = false;
        break;
      case DatedField::kOnlinePayment:
        copy->online_payment = false;
        break;
      case DatedField::kTolerantAcceptance:
        copy->tolerant_acceptance = false;
        break;
    }
  }
  // A period of what is now off dates nothing: it goes too.
  kept.erase(
      std::remove_if(kept.begin(), kept.end(), [&](const FieldPeriod& p) { return !internal::offers(*copy, p.field); }),
      kept.end());
  copy->periods = std::move(kept);
  return copy;
}

}  // namespace internal

bool Catalog::in_force(const Matter& m, Date day) { return holds(validity_of(m), day); }

namespace internal {

absl::StatusOr<Catalog> evaluated_on(const Catalog& c, Date day, Reads reads) {
  if (!c.dated()) return c;
  if (day.is_special()) return absl::InvalidArgumentError("not a date to evaluate the catalogue on");
  const Catalog::Impl& impl = c.internals();
  const auto matters = c.matters();
  const auto bundles = c.bundles();
  const auto not_in_force = [&](const std::string& what, const Validity& v) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%s is not in force on %s: it holds %s; evaluate it on a day of that period, or take the "
                        "catalogue of the day (as_of)",
                        what, format_date(day), period_text(v)));
  };
  if (reads.everything) {
    reads.matters.resize(matters.size());
    for (size_t i = 0; i < matters.size(); ++i) reads.matters[i] = static_cast<MatterIndex>(i);
    reads.bundles.resize(bundles.size());
    for (size_t b = 0; b < bundles.size(); ++b) reads.bundles[b] = static_cast<BundleIndex>(b);
  }
  for (BundleIndex b : reads.bundles) {
    const Bundle& bundle = bundles[b];
    if (!holds(bundle.validity, day)) return not_in_force(absl::StrFormat("bundle \"%s\"", bundle.id), bundle.validity);
    for (MatterIndex i : bundle.members) {
      const Matter& m = matters[i];
      if (!Catalog::in_force(m, day)) {
        return not_in_force(
            absl::StrFormat("matter \"%s\" (%s), a member of bundle \"%s\",", m.code, m.name, bundle.id),
            validity_of(m));
      }
      if (!reads.everything) reads.matters.push_back(i);
    }
  }
  if (!reads.everything) {  // a matter read alone and as a member: once
    std::sort(reads.matters.begin(), reads.matters.end());
    reads.matters.erase(std::unique(reads.matters.begin(), reads.matters.end()), reads.matters.end());
  }
  MatterTable now = impl.matters;  // the changed ones replaced (a chunk copied on its first change)
  std::vector<MatterIndex> changed;
  for (MatterIndex i : reads.matters) {
    const Matter& m = matters[i];
    if (!Catalog::in_force(m, day)) {
      return not_in_force(absl::StrFormat("matter \"%s\" (%s)", m.code, m.name), validity_of(m));
    }
    if (reads.check_only) continue;
    if (auto on_day = internal::matter_on_day(m, day)) {
      now.set(i, std::move(on_day));
      changed.push_back(i);
    }
  }
  if (changed.empty()) return c;
  Derivation d;
  d.matters = std::move(now);
  d.changed_matters = std::move(changed);
  return derive(c, std::move(d), nullptr);
}

absl::StatusOr<NumberedInForce> in_force_numbered(const Catalog& c, Date day) {
  NumberedInForce out{c, {}, {}};
  if (!c.dated()) return out;
  if (day.is_special()) return absl::InvalidArgumentError("not a date to evaluate the catalogue on");
  const Catalog::Impl& impl = c.internals();
  const size_t n = impl.matters.size();
  std::vector<uint8_t> in(n, 1);
  MatterTable matters = impl.matters;  // the changed ones replaced
  std::vector<MatterIndex> changed;
  for (size_t i = 0; i < n; ++i) {
    const Matter& m = *impl.matters[i];
    if (!Catalog::in_force(m, day)) {
      in[i] = 0;
      out.matters_out.push_back(static_cast<MatterIndex>(i));
      continue;
    }
    if (auto now = matter_on_day(m, day)) {
      matters.set(i, std::move(now));
      changed.push_back(static_cast<MatterIndex>(i));
    }
  }
  const auto matter_now = [&](MatterIndex i) -> const Matter* { return matters[i]; };
  std::shared_ptr<std::vector<Bundle>> bundles;  // copied on the first edit
  std::vector<BundleIndex> changed_bundles;
  const auto& all = *impl.bundles;
  for (size_t b = 0; b < all.size(); ++b) {
    const Bundle& bundle = all[b];
    const auto member_in = [&](MatterIndex i) { return in[i] != 0; };
    const bool any_in = std::any_of(bundle.members.begin(), bundle.members.end(), member_in);
    if (!holds(bundle.validity, day) || !any_in) {
      out.bundles_out.push_back(static_cast<BundleIndex>(b));
      continue;
    }
    if (std::all_of(bundle.members.begin(), bundle.members.end(), member_in)) continue;
    auto kept = bundle_renumbered(
        bundle, [&](MatterIndex i) { return in[i] ? static_cast<int64_t>(i) : int64_t{-1}; },
        [&](MatterIndex i) { return impl.matters[i]; }, matter_now);
    if (!bundles) bundles = std::make_shared<std::vector<Bundle>>(all);
    (*bundles)[b] = *std::move(kept);
    changed_bundles.push_back(static_cast<BundleIndex>(b));
  }
  if (changed.empty() && !bundles) return out;
  Derivation d;
  d.matters = std::move(matters);
  d.changed_matters = std::move(changed);
  d.bundles = std::move(bundles);
  d.changed_bundles = std::move(changed_bundles);
  auto derived = derive(c, std::move(d), nullptr);
  if (!derived.ok()) return derived.status();
  out.catalog = *std::move(derived);
  return out;
}

}  // namespace internal

bool Catalog::dated() const { return impl_->dated; }

absl::StatusOr<Catalog> Catalog::as_of(Date day) const {
  if (day.is_special()) return absl::InvalidArgumentError("as_of: not a date");
  if (!impl_->dated) return *this;
  const size_t n = impl_->matters.size();
  std::vector<bool> drop(n, false);
  bool dropped = false;
  internal::MatterTable matters = impl_->matters;  // the changed ones replaced
  std::vector<MatterIndex> changed;
  for (size_t i = 0; i < n; ++i) {
    const Matter& m = *impl_->matters[i];
    drop[i] = !in_force(m, day);
    dropped = dropped || drop[i];
    if (drop[i]) continue;
    if (auto now = internal::matter_on_day(m, day)) {
      matters.set(i, std::move(now));
      changed.push_back(static_cast<MatterIndex>(i));
    }
  }
  const auto& all_bundles = *impl_->bundles;
  const bool bundles_dropped =
      std::any_of(all_bundles.begin(), all_bundles.end(), [day](const Bundle& b) { return !holds(b.validity, day); });
  std::vector<Bundle> bundles;
  for (const Bundle& b : all_bundles) {
    if (holds(b.validity, day)) bundles.push_back(b);
  }
  if (!dropped) {
    if (changed.empty() && !bundles_dropped) return *this;
    internal::Derivation d;  // the same matters, the changed ones replaced: the rest shared
    d.matters = std::move(matters);
    d.changed_matters = std::move(changed);
    if (bundles_dropped) {  // bundles leave: theirs renumbered, the matters' numbers kept
      auto ids = std::make_shared<internal::Lookups>(*impl_->ids);
      ids->bundles.clear();
      for (size_t b = 0; b < bundles.size(); ++b) ids->bundles.emplace(bundles[b].id, static_cast<BundleIndex>(b));
      d.ids = std::move(ids);
      d.bundles = std::make_shared<const std::vector<Bundle>>(std::move(bundles));
    }
    return internal::derive(*this, std::move(d), nullptr);
  }
  // Matters leave: renumbered.
  return from_data(internal::without_matters(*this, matters, impl_->materials, bundles, drop));
}

absl::StatusOr<Catalog> Catalog::from_data(CatalogData data, std::vector<Problem>* problems_out) {
  internal::MatterBlocks matters(std::move(data.matters));
  return internal::build_catalog(std::move(data), std::move(matters), nullptr, problems_out);
}

absl::StatusOr<Catalog> internal::build_catalog(CatalogData data, MatterBlocks matters,
                                                std::shared_ptr<CodeIndex> codes, std::vector<Problem>* problems_out) {
  Problems problems;
  auto ids = std::make_shared<internal::Lookups>();
  index_all(data, matters, *ids, problems, std::move(codes));
  MatterFacts facts;
  validate_rules(data, matters, /*skip_unresolved=*/false, problems, &facts);
  if (!problems.empty()) {
    if (problems_out) problems.append_to(*problems_out);
    return problems.to_status("catalogue");
  }
  // Conditions are compiled once, here, against the questions they may read.
  for (size_t i = 0; facts.situations && i < matters.size(); ++i) {
    Matter& m = matters[i];
    if (m.situations) m.situations = internal::compiled(m.situations, m.situations->questions);
  }
  for (Bundle& b : data.bundles) {
    if (!b.situations) continue;
    b.situations =
        internal::compiled(b.situations, internal::bundle_scope(b, [&](MatterIndex i) { return &matters[i]; }));
  }
  auto impl = std::make_shared<Catalog::Impl>();
  impl->name = std::move(data.name);
  impl->halls = std::move(data.halls);
  impl->departments = std::move(data.departments);
  impl->materials = std::move(data.materials);
  // The matters stay where they were read, in the blocks the chunks keep.
  impl->matters = internal::MatterTable::of_blocks(matters);
  impl->bundles = std::make_shared<const std::vector<Bundle>>(std::move(data.bundles));
  impl->ids = std::move(ids);
  impl->bundle_tables = internal::build_bundle_tables(*impl->bundles);
  impl->dated = facts.dated || internal::bundles_dated(*impl->bundles);
  return Catalog(std::move(impl));
}

CatalogData Catalog::to_data() const {
  CatalogData out;
  out.name = impl_->name;
  out.halls = impl_->halls;
  out.departments = impl_->departments;
  out.materials = impl_->materials;
  out.matters.reserve(impl_->matters.size());
  for (const auto& m : impl_->matters) out.matters.push_back(*m);
  out.bundles = *impl_->bundles;
  return out;
}

bool operator==(const Catalog& a, const Catalog& b) {
  const Catalog::Impl& x = *a.impl_;
  const Catalog::Impl& y = *b.impl_;
  if (&x == &y) return true;
  if (std::tie(x.name, x.halls, x.departments, x.materials) != std::tie(y.name, y.halls, y.departments, y.materials) ||
      x.matters.size() != y.matters.size() || *x.bundles != *y.bundles) {
    return false;
  }
  for (size_t i = 0; i < x.matters.size(); ++i) {
    if (x.matters[i] != y.matters[i] && *x.matters[i] != *y.matters[i]) return false;  // shared: equal
  }
  return true;
}

const std::string& Catalog::name() const { return impl_->name; }
absl::Span<const Hall> Catalog::halls() const { return impl_->halls; }
absl::Span<const Department> Catalog::departments() const { return impl_->departments; }
absl::Span<const Material> Catalog::materials() const { return impl_->materials; }
MatterList Catalog::matters() const { return impl_->matters.list(); }
absl::Span<const Bundle> Catalog::bundles() const { return *impl_->bundles; }

namespace {
template <class Map>
std::optional<uint32_t> find_in(const Map& map, std::string_view key) {
  auto it = map.find(absl::string_view(key.data(), key.size()));
  if (it == map.end()) return std::nullopt;
  return it->second;
}
}  // namespace

std::optional<HallIndex> Catalog::find_hall(std::string_view id) const { return find_in(impl_->ids->halls, id); }
std::optional<DepartmentIndex> Catalog::find_department(std::string_view id) const {
  return find_in(impl_->ids->departments, id);
}
std::optional<MaterialIndex> Catalog::find_material(std::string_view id) const {
  return find_in(impl_->ids->materials, id);
}
std::optional<MatterIndex> Catalog::find_matter(std::string_view code) const { return impl_->ids->matters->find(code); }
std::optional<BundleIndex> Catalog::find_bundle(std::string_view id) const { return find_in(impl_->ids->bundles, id); }

absl::Span<const uint32_t> Catalog::topological_order(BundleIndex bundle) const {
  const internal::BundleTables& t = *impl_->bundle_tables;
  return absl::MakeConstSpan(t.topo).subspan(t.topo_offsets[bundle], (*impl_->bundles)[bundle].members.size());
}

namespace internal {

BundleGraph bundle_graph(const Catalog& catalog, BundleIndex bundle) {
  const BundleTables& t = *catalog.internals().bundle_tables;
  const Bundle& b = catalog.bundles()[bundle];
  const uint32_t first = t.out_base[bundle];
  const uint32_t n = static_cast<uint32_t>(b.members.size());
  BundleGraph g;
  g.edges = b.edges;
  g.order = catalog.topological_order(bundle);
  g.out_offsets = absl::MakeConstSpan(t.out_offsets).subspan(first, n + 1);
  g.out_edges = absl::MakeConstSpan(t.out_edges).subspan(t.out_offsets[first], b.edges.size());
  return g;
}

BundleGraph single_member_graph() {
  static constexpr uint32_t kOrder[] = {0};
  static constexpr uint32_t kOffsets[] = {0, 0};
  BundleGraph g;
  g.order = kOrder;
  g.out_offsets = kOffsets;
  return g;
}

int DerivedSlots::claim() {
  static std::atomic<int> next{0};
  const int slot = next.fetch_add(1);
  if (slot >= kSlots) std::abort();  // a programming error: raise kSlots
  return slot;
}

}  // namespace internal

}  // namespace onetrip
