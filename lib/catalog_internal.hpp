// Internal to the catalogue: the names of its enumerations in the JSON format,
// and the validation shared by the JSON loader and Catalog::from_data.
#ifndef ONETRIP_LIB_CATALOG_INTERNAL_HPP_
#define ONETRIP_LIB_CATALOG_INTERNAL_HPP_

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "json_support.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/reform.hpp"

namespace onetrip::internal {

// What the trip rules read of a matter, packed, so that evaluating a bundle
// touches one small record per member instead of its strings and vectors.
struct MatterFacts {
  enum : uint16_t {
    kImmediate = 1 << 0,
    kPostal = 1 << 1,
    kDelivered = 1 << 2,  // express delivery or electronic licence
    kElectronicLicence = 1 << 3,
    kOnlineFull = 1 << 4,
    kOnlineAny = 1 << 5,  // pre-review or full
    kFeeAtWindow = 1 << 6,
    kTolerant = 1 << 7,
    kPresence = 1 << 8,
    kHasMaterials = 1 << 9,  // with the default selection of conditional materials
  };
  DepartmentIndex department = 0;
  HallIndex first_hall = 0;
  int32_t duration = 0;           // the promised limit in working days, 0 when immediate
  int32_t forcing_material = -1;  // the first applicable paper original not shared, or -1
  uint16_t flags = 0;
  bool has(uint16_t flag) const { return (flags & flag) != 0; }
};

// Per bundle, precomputed: the hall the applicant goes to, the lead's window
// hall, and each member's hall.
struct BundleHalls {
  HallIndex home = 0;
  HallIndex lead = 0;
  uint32_t member_offset = 0;  // into Catalog::Impl::member_halls
};

// The first applicable material whose paper original must be shown (not
// electronic, not a government document shared by data), if any; sets
// *has_materials when any material applies.
template <class Applies>
std::optional<MaterialIndex> original_to_show(absl::Span<const Material> materials, const Matter& m, Applies applies,
                                              bool* has_materials) {
  std::optional<MaterialIndex> out;
  for (const MaterialUse& use : m.materials) {
    if (!applies(use)) continue;
    *has_materials = true;
    if (out || !use.original || use.form != MaterialForm::kPaper) continue;
    const Material& material = materials[use.material];
    if (material.source == MaterialSource::kGovernment && material.shared) continue;
    out = use.material;
  }
  return out;
}

// A reference the JSON loader could not resolve (and has reported).
inline constexpr uint32_t kUnresolved = std::numeric_limits<uint32_t>::max();

// What validation reads of a catalogue besides the item it checks: the tables
// that references point into, and the matters' codes for messages. Built from
// plain CatalogData (the loader) or from a catalogue (a derived one).
struct Tables {
  absl::Span<const Hall> halls;
  absl::Span<const Department> departments;
  absl::Span<const Material> materials;
  size_t matter_count = 0;
  std::function<const std::string&(MatterIndex)> matter_code;
};
Tables tables_of(const CatalogData& data);

// Every rule of a catalogue: ids unique and non-empty, references valid,
// limits, fees and days sane, bundle graphs acyclic. With skip_unresolved,
// references equal to kUnresolved are passed over.
void validate_catalog(const CatalogData& data, bool skip_unresolved, Problems& problems);

// The id lookups of a catalogue; a derived catalogue shares its base's.
struct Lookups {
  absl::flat_hash_map<std::string, HallIndex> halls;
  absl::flat_hash_map<std::string, DepartmentIndex> departments;
  absl::flat_hash_map<std::string, MaterialIndex> materials;
  absl::flat_hash_map<std::string, MatterIndex> matters;
  absl::flat_hash_map<std::string, BundleIndex> bundles;
};

// What is precomputed per bundle; shared while the bundles are.
struct BundleTables {
  std::vector<uint32_t> topo_offsets;  // bundle b's order is topo[topo_offsets[b] .. topo_offsets[b + 1])
  std::vector<uint32_t> topo;
  std::vector<BundleHalls> halls;       // per bundle
  std::vector<HallIndex> member_halls;  // per bundle member, see BundleHalls
};

// A catalogue derived from `base` with some parts replaced, as a reform makes
// it: the matters are the base's pointers with the changed ones replaced (the
// rest stay shared), and the ids are the base's (no matter added or removed).
// Only the changed matters and bundles are checked again, and only what depends
// on a change is computed anew.
struct Derivation {
  std::vector<std::shared_ptr<const Matter>> matters;
  std::vector<MatterIndex> changed_matters;
  std::vector<Material> materials;
  bool materials_changed = false;
  std::shared_ptr<const std::vector<Bundle>> bundles;
  std::vector<BundleIndex> changed_bundles;
};
absl::StatusOr<Catalog> derive(const Catalog& base, Derivation derivation, std::vector<Problem>* problems);

template <class E>
struct EnumName {
  const char* name;
  E value;
};

absl::Span<const EnumName<HallKind>> names(HallKind);
absl::Span<const EnumName<MaterialForm>> names(MaterialForm);
absl::Span<const EnumName<MaterialSource>> names(MaterialSource);
absl::Span<const EnumName<Necessity>> names(Necessity);
absl::Span<const EnumName<MatterKind>> names(MatterKind);
absl::Span<const EnumName<ProjectType>> names(ProjectType);
absl::Span<const EnumName<LimitUnit>> names(LimitUnit);
absl::Span<const EnumName<OnlineApplication>> names(OnlineApplication);
absl::Span<const EnumName<EdgeKind>> names(EdgeKind);
absl::Span<const EnumName<Acceptance>> names(Acceptance);
absl::Span<const EnumName<Results>> names(Results);
absl::Span<const EnumName<ReformKind>> names(ReformKind);

template <class E>
std::optional<E> parse_name(std::string_view text) {
  for (const auto& n : names(E{})) {
    if (text == n.name) return n.value;
  }
  return std::nullopt;
}

template <class E>
const char* name_of(E value) {
  for (const auto& n : names(E{})) {
    if (n.value == value) return n.name;
  }
  return "?";
}

// "a", "b" or "c": the accepted names, for messages.
template <class E>
std::string name_list() {
  std::string out;
  const auto all = names(E{});
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += i + 1 == all.size() ? " or " : ", ";
    out += '"';
    out += all[i].name;
    out += '"';
  }
  return out;
}

}  // namespace onetrip::internal

namespace onetrip {

struct Catalog::Impl {
  std::string name;
  std::vector<Hall> halls;
  std::vector<Department> departments;
  std::vector<Material> materials;
  std::vector<std::shared_ptr<const Matter>> matters;  // each shared with the catalogues derived from this one
  std::shared_ptr<const std::vector<Bundle>> bundles;
  std::shared_ptr<const internal::Lookups> ids;
  std::shared_ptr<const internal::BundleTables> bundle_tables;
  std::vector<internal::MatterFacts> facts;  // per matter
};

}  // namespace onetrip

#endif  // ONETRIP_LIB_CATALOG_INTERNAL_HPP_
