#include "onetrip/generate.hpp"

#include <algorithm>
#include <random>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bounds.hpp"
#include "progress_internal.hpp"

namespace onetrip {

namespace {

constexpr const char* kWindows[] = {
    "发改",     "经信", "城管", "住建", "招商", "公安", "财税",   "安监",     "市场监管局", "国土", "环保",
    "交通运输", "卫计", "人社", "气象", "消防", "规划", "不动产", "农林",     "烟草",       "商务", "文广",
    "房屋交易", "民政", "水利", "教育", "档案", "科技", "公证处", "产权交易", "规划测绘",   "图审"};

// A small deterministic generator: the same stream for a seed on every platform
// (std::*_distribution are not specified bit for bit).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return uniform() < p; }
  int64_t below(int64_t n) { return static_cast<int64_t>(uniform() * static_cast<double>(n)); }
  template <class T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace

absl::StatusOr<Catalog> generate_catalog(const GeneratorOptions& o) {
  // Every size is bounded (docs/errors.md, "Bounds"): the cost is linear in
  // what is generated, and what is generated is bounded.
  const auto between = [](const char* what, int64_t value, int64_t max) {
    return value >= 1 && value <= max ? absl::OkStatus()
                                      : absl::InvalidArgumentError(absl::StrFormat(
                                            "generator option %s: %d is not between 1 and %d", what, value, max));
  };
  for (const absl::Status& s : {between("matters", o.matters, internal::kMaxGeneratedMatters),
                                between("departments", o.departments, internal::kMaxGeneratedDepartments),
                                between("halls", o.halls, internal::kMaxGeneratedHalls),
                                between("materials", o.materials, internal::kMaxGeneratedMaterials),
                                between("bundle_members", o.bundle_members, internal::kMaxGeneratedBundleMembers)}) {
    if (!s.ok()) return s;
  }
  // Written so that NaN fails too.
  if (!(o.bundles_per_matter >= 0 && o.bundles_per_matter <= internal::kMaxBundlesPerMatter)) {
    return absl::InvalidArgumentError(absl::StrFormat("generator option bundles_per_matter: %g is not between 0 and %g",
                                                      o.bundles_per_matter, internal::kMaxBundlesPerMatter));
  }
  const int64_t bundle_count = static_cast<int64_t>(static_cast<double>(o.matters) * o.bundles_per_matter);
  const int64_t member_count = std::min<int64_t>(o.bundle_members, o.matters);
  if (bundle_count * member_count > internal::kMaxGeneratedMemberships) {
    return absl::InvalidArgumentError(
        absl::StrFormat("generator options: %d bundles of %d members are %d memberships, over the largest allowed, %d",
                        bundle_count, member_count, bundle_count * member_count, internal::kMaxGeneratedMemberships));
  }
  Rng rng(o.seed);
  CatalogData data;
  data.name = absl::StrFormat("synthetic catalogue (seed %d, %d matters)", o.seed, o.matters);
  for (int32_t h = 0; h < o.halls; ++h) {
    data.halls.push_back({absl::StrCat("h", h),
                          h == 0 ? "行政服务中心" : absl::StrCat(h < 8 ? "分中心" : "便民服务中心", h), "",
                          h == 0  ? HallKind::kCentre
                          : h < 8 ? HallKind::kSubcentre
                                  : HallKind::kTownship});
  }
  for (int32_t d = 0; d < o.departments; ++d) {
    Department dept{absl::StrCat("d", d), absl::StrCat(kWindows[d % 32], d < 32 ? "" : absl::StrCat(d)), {0}};
    // About a third of the windows also sit in one or two other halls.
    for (int k = 0; k < 2; ++k) {
      if (o.halls > 1 && rng.chance(0.35)) {
        const HallIndex h = static_cast<HallIndex>(1 + rng.below(o.halls - 1));
        if (std::find(dept.halls.begin(), dept.halls.end(), h) == dept.halls.end()) dept.halls.push_back(h);
      }
    }
    data.departments.push_back(std::move(dept));
  }
  for (int32_t i = 0; i < o.materials; ++i) {
    Material m;
    m.id = absl::StrCat("m", i);
    m.name = absl::StrCat("材料", i);
    const double source = rng.uniform();
    m.source = source < 0.25   ? MaterialSource::kGovernment
               : source < 0.45 ? MaterialSource::kThirdParty
                               : MaterialSource::kApplicant;
    m.shared = m.source == MaterialSource::kGovernment && rng.chance(0.3);
    m.original = rng.chance(0.3);
    const double form = rng.uniform();
    m.form = form < 0.6 ? MaterialForm::kPaper : form < 0.8 ? MaterialForm::kEither : MaterialForm::kElectronic;
    m.necessity = rng.chance(0.1)    ? Necessity::kTolerable
                  : rng.chance(0.05) ? Necessity::kOptional
                                     : Necessity::kRequired;
    if (rng.chance(0.05)) {
      m.condition = "特定情形时提供";
      m.applies_by_default = false;
    }
    data.materials.push_back(std::move(m));
  }
  static constexpr int32_t kPromised[] = {1, 3, 5, 5, 7, 10, 10, 15, 20};
  static constexpr MatterKind kKinds[] = {
      MatterKind::kLicensing,  MatterKind::kLicensing,    MatterKind::kLicensing,     MatterKind::kOtherPower,
      MatterKind::kOtherPower, MatterKind::kConfirmation, MatterKind::kPublicService, MatterKind::kReviewTransfer};
  data.matters.reserve(static_cast<size_t>(o.matters));
  internal::PhaseProgress matter_progress(&o.progress, "matters", o.matters);
  if (!matter_progress.start()) return matter_progress.status();
  for (int64_t i = 0; i < o.matters; ++i) {
    if (!matter_progress.tick(i)) return matter_progress.status();
    Matter m;
    m.code = absl::StrFormat("G%08d", i);
    m.name = absl::StrCat("事项", i);
    // Busy windows hold more matters: a skew towards the first departments.
    const double u = rng.uniform();
    m.department = static_cast<DepartmentIndex>(static_cast<int64_t>(u * u * o.departments));
    m.kind = rng.pick(kKinds);
    m.project_type = rng.chance(0.3) ? ProjectType::kImmediate : ProjectType::kPromised;
    if (m.project_type == ProjectType::kPromised) {
      m.promised_limit = Limit{rng.pick(kPromised), LimitUnit::kWorkdays};
      m.legal_limit = Limit{m.promised_limit.value * static_cast<int32_t>(1 + rng.below(3)), LimitUnit::kWorkdays};
    } else if (rng.chance(0.5)) {
      m.legal_limit = Limit{static_cast<int32_t>(1 + rng.below(20)), LimitUnit::kWorkdays};
    }
    if (rng.chance(0.2)) m.fee_fen = 100 * (1 + rng.below(500)) + (rng.chance(0.3) ? rng.below(100) : 0);
    m.halls = data.departments[m.department].halls;
    const int n_materials = static_cast<int>(2 + rng.below(7));
    for (int k = 0; k < n_materials; ++k) {
      const MaterialIndex mi = static_cast<MaterialIndex>(rng.below(o.materials));
      if (std::any_of(m.materials.begin(), m.materials.end(),
                      [&](const MaterialUse& u2) { return u2.material == mi; })) {
        continue;
      }
      const Material& mat = data.materials[mi];
      m.materials.push_back({mi, mat.form, mat.original, mat.necessity, mat.condition, mat.applies_by_default, {}});
    }
    const double online = rng.uniform();
    m.online = online < 0.3   ? OnlineApplication::kFull
               : online < 0.6 ? OnlineApplication::kPreReview
                              : OnlineApplication::kNone;
    m.postal_application = rng.chance(0.05);
    m.express_delivery = rng.chance(0.5);
    m.electronic_licence = rng.chance(0.1);
    m.online_payment = m.fee_fen > 0 && rng.chance(0.6);
    m.tolerant_acceptance = rng.chance(0.2);
    if (rng.chance(0.15)) m.site_inspection_days = static_cast<int32_t>(1 + rng.below(3));
    if (rng.chance(0.05)) m.personal_presence = "法定本人到场";
    if (rng.chance(0.05)) {
      m.special_procedures.push_back(
          {"专家评审", static_cast<int32_t>(5 + rng.below(16)), SpecialKind::kExpertReview, ""});
    }
    m.declared_trips = static_cast<int32_t>(rng.below(3));
    data.matters.push_back(std::move(m));
  }
  const int32_t members = static_cast<int32_t>(member_count);
  if (!matter_progress.finish()) return matter_progress.status();
  absl::flat_hash_set<MatterIndex> chosen;  // the members drawn so far: linear, not a search of the list
  internal::PhaseProgress bundle_progress(&o.progress, "bundles", bundle_count, /*min_step=*/512);
  if (!bundle_progress.start()) return bundle_progress.status();
  for (int64_t b = 0; b < bundle_count; ++b) {
    if (!bundle_progress.tick(b)) return bundle_progress.status();
    Bundle bundle;
    bundle.id = absl::StrFormat("B%07d", b);
    bundle.name = absl::StrCat("一件事", b);
    chosen.clear();
    while (static_cast<int32_t>(bundle.members.size()) < members) {
      const MatterIndex m = static_cast<MatterIndex>(rng.below(o.matters));
      if (chosen.insert(m).second) bundle.members.push_back(m);
    }
    bundle.lead = data.matters[bundle.members[0]].department;
    // Stages: each member after the first depends on an earlier one with probability 0.5.
    for (uint32_t v = 1; v < bundle.members.size(); ++v) {
      if (rng.chance(0.5)) {
        const uint32_t from = static_cast<uint32_t>(rng.below(v));
        bundle.edges.push_back({from, v, rng.chance(0.5) ? EdgeKind::kInternal : EdgeKind::kApplicant,
                                static_cast<int32_t>(rng.below(3))});
      }
    }
    bundle.acceptance = rng.chance(0.4) ? Acceptance::kSingleWindow : Acceptance::kSeparate;
    bundle.results =
        bundle.acceptance == Acceptance::kSingleWindow && rng.chance(0.7) ? Results::kTogether : Results::kEach;
    bundle.joint_inspection = rng.chance(0.3);
    data.bundles.push_back(std::move(bundle));
  }
  if (!bundle_progress.finish()) return bundle_progress.status();
  // Interning and validation: one step, reported when it starts and when it ends.
  internal::PhaseProgress check_progress(&o.progress, "check", 1);
  if (!check_progress.start()) return check_progress.status();
  auto catalog = Catalog::from_data(std::move(data));
  if (catalog.ok() && !check_progress.finish()) return check_progress.status();
  return catalog;
}

}  // namespace onetrip
