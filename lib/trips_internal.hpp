// Internal to the trip rules: what they read of a catalogue, derived from it
// once, in this room, and kept beside it (Catalog::Impl::derived), so that
// evaluating a bundle touches one small packed record per member instead of its
// strings and vectors. A new trip rule changes this room, not the catalogue.
#ifndef ONETRIP_LIB_TRIPS_INTERNAL_HPP_
#define ONETRIP_LIB_TRIPS_INTERNAL_HPP_

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "absl/types/span.h"
#include "catalog_internal.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/trips.hpp"

namespace onetrip::internal {

// What the trip rules read of a matter, packed.
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
    kFeeAssessed = 1 << 10,  // the fee is set by the decision (FeeKind::kAssessed)
  };
  DepartmentIndex department = 0;
  HallIndex first_hall = 0;
  int32_t duration = 0;           // working days until the result: limit, 第四十五条's days, issuing
  int32_t counted = 0;            // working days counted against the limit (0 when immediate)
  int32_t forcing_material = -1;  // the first applicable paper original not shared, or -1
  uint16_t flags = 0;
  bool has(uint16_t flag) const { return (flags & flag) != 0; }
};

// Per bundle: the hall the applicant goes to, the lead's window hall, and
// each member's hall.
struct BundleHalls {
  HallIndex home = 0;
  HallIndex lead = 0;
  uint32_t member_offset = 0;  // into TripFacts::member_halls
};

// What a matter's due date reads (result_due), so that an evaluation need not
// visit the matter's record; apart from MatterFacts, which the trip rules read
// at random places of a catalogue and must stay small.
struct DueFacts {
  Limit promised;
  int32_t after_decision = 0;  // 第四十五条's procedures and issuing, in working days
};

struct TripFacts {
  std::vector<MatterFacts> matters;  // per matter
  std::vector<DueFacts> due;         // per matter
  std::vector<BundleHalls> bundles;  // per bundle
  std::vector<HallIndex> member_halls;
};

// The catalogue's trip facts, derived on first use (from its base's, when it
// was derived by a reform and the base's are known, redoing only what changed).
const TripFacts& trip_facts(const Catalog& catalog);
// `facts` (a catalogue's, numbered as `catalog`) made the facts of `catalog`
// where they differ only in `matters` and in the halls of `bundles` (with
// every_bundle, of any bundle): in place, costing what changed (the roadmap's
// states, one from another).
void patch_trip_facts(const Catalog& catalog, absl::Span<const MatterIndex> matters,
                      absl::Span<const BundleIndex> bundles, bool every_bundle, TripFacts& facts);

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

// A bundle (or a matter as a bundle of one) as the trip rules read it.
struct BundleView {
  absl::Span<const MatterIndex> members;
  BundleGraph graph;
  DepartmentIndex lead = 0;
  Acceptance acceptance = Acceptance::kSeparate;
  Results results = Results::kEach;
  HallIndex lead_hall = 0;                   // where a single window is
  absl::Span<const HallIndex> member_halls;  // each member's hall
  // A situation's facts per member (onetrip/notice.hpp), in place of the
  // catalogue's facts of the member matters; empty: the catalogue's.
  absl::Span<const MatterFacts> member_facts;
};

// The fields a situation's variants set (onetrip/situation.hpp's Variant),
// the later one winning: patched into the matter's own by situation_facts, so
// that a situation costs no copy of the matter.
struct FactsPatch {
  std::optional<OnlineApplication> online;
  std::optional<bool> postal_application;
  std::optional<bool> express_delivery;
  std::optional<bool> electronic_licence;
  std::optional<bool> online_payment;
  std::optional<bool> tolerant_acceptance;
  std::optional<int64_t> fee_fen;
  std::optional<Limit> promised_limit;
  std::optional<bool> personal_presence;  // whether a statutory personal presence is required
};

// A matter's facts in a situation: its fields with `patch` applied and the
// material uses chosen by `applies` (one byte per position in m.materials).
MatterFacts situation_facts(absl::Span<const Material> materials, const Matter& m, const FactsPatch& patch,
                            absl::Span<const uint8_t> applies);
// The same with the materials already chosen: the first paper original to
// show (original_to_show's, or -1) and whether any material applies.
MatterFacts situation_facts(const Matter& m, const FactsPatch& patch, int32_t forcing_material, bool has_materials);

// The trips of a view (whose member_facts may be a situation's), and the
// working days until the last result.
TripResult evaluate_view(const Catalog& catalog, const BundleView& view, int32_t* workdays);
// The same counted only (trips, worst case, window contacts, working days): no trip list.
TripCounts count_view(const Catalog& catalog, const TripFacts& facts, const BundleView& view);

// matter_storage must outlive the view (it holds the one member).
BundleView single_matter_view(const TripFacts& facts, MatterIndex matter, const MatterIndex& matter_storage);
BundleView bundle_view(const Catalog& catalog, const TripFacts& facts, BundleIndex bundle);

// count_trips and count_bundle_trips with the facts fetched once (whole-catalogue loops).
TripCounts count_matter_trips(const Catalog& catalog, const TripFacts& facts, MatterIndex matter,
                              const TripOptions& options);
TripCounts count_bundle_trips(const Catalog& catalog, const TripFacts& facts, BundleIndex bundle,
                              const TripOptions& options);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_TRIPS_INTERNAL_HPP_
