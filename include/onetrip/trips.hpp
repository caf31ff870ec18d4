// How many trips: the visits an applicant makes to a hall, from application
// to holding the result, for a matter (a bundle of one) or a bundle, each trip
// with the needs that force it. docs/rules.md states the rules and why.
#ifndef ONETRIP_TRIPS_HPP_
#define ONETRIP_TRIPS_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/catalog.hpp"

namespace onetrip {

// Why the applicant must be present.
enum class NeedKind : uint8_t {
  kSubmit,   // hand in the application
  kCollect,  // receive the result
  kPay,      // pay the fee
  kCarry,    // bring one member's result to another (single window, applicant edge)
};

enum class Because : uint8_t {
  kNoRemoteApplication,  // neither online nor postal application is offered
  kPreReviewOnly,        // online pre-review only: the papers are handed in at the window
  kOriginalToShow,       // a paper original must be shown (material says which)
  kStatutoryPresence,    // the law requires the applicant in person
  kResultAtWindow,       // no express delivery and no electronic licence
  kFeeAtWindow,          // a fee and no online payment
  kResultToCarry,        // an applicant edge under single-window acceptance
};
inline constexpr int kBecauseCount = 7;

struct Need {
  uint32_t member = 0;  // position in the bundle (0 for a matter alone)
  MatterIndex matter = 0;
  NeedKind kind = NeedKind::kSubmit;
  Because because = Because::kNoRemoteApplication;
  std::optional<MaterialIndex> material;  // for kOriginalToShow
  std::optional<MatterIndex> carried;     // for kCarry: the matter whose result is carried
  HallIndex hall = 0;
  DepartmentIndex window = 0;  // the department whose window is visited
  int32_t moment = 0;          // working days from the start of the process
};

// One visit to one hall at one moment.
struct Trip {
  HallIndex hall = 0;
  int32_t moment = 0;
  int32_t window_contacts = 0;  // distinct windows visited in this trip
  std::vector<Need> needs;
};

struct TripOptions {
  // Conditional materials: force these to apply, or not to apply, whatever
  // their `applies_by_default` says (e.g. the sublease consent when subletting).
  std::vector<MaterialIndex> materials_present;
  std::vector<MaterialIndex> materials_absent;
};

struct TripResult {
  int32_t trips = 0;            // with complete materials
  int32_t worst_case = 0;       // with one secondary material missing
  int32_t window_contacts = 0;  // distinct (hall, moment, window) visits
  std::vector<Trip> trip_list;  // in moment order
  // The in-person submission that costs the extra trip in the worst case.
  std::optional<MatterIndex> worst_case_matter;
  uint32_t because_mask = 0;  // bit (1 << Because) for every reason among the needs
};

// A matter alone (a bundle of one).
TripResult evaluate_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options = {});
// A bundle.
TripResult evaluate_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options = {});

// The counts only, with no allocation for bundles of up to 16 members: the
// same rules, for evaluating whole catalogues.
struct TripCounts {
  int32_t trips = 0;
  int32_t worst_case = 0;
  int32_t window_contacts = 0;
  uint32_t because_mask = 0;
  // Working days until the applicant holds the last result: the critical path
  // with 第四十五条's procedures and issuing (第四十四条), as schedule_bundle gives it.
  int32_t workdays = 0;
  // Working days counted against the limit: the limits and the administration's
  // transfers along its longest path, without the applicant's delays, 第四十五条's
  // procedures or issuing (a matter alone: its promised limit).
  int32_t counted_workdays = 0;
};
TripCounts count_trips(const Catalog& catalog, MatterIndex matter, const TripOptions& options = {});
TripCounts count_bundle_trips(const Catalog& catalog, BundleIndex bundle, const TripOptions& options = {});

// One readable line for a need, e.g. "submit 普通护照签发 at 出入境分中心 (公安 window):
// the law requires the applicant in person (申请人须本人到场采集照片和指纹)".
std::string describe(const Catalog& catalog, const Need& need);
const char* to_string(NeedKind kind);
const char* to_string(Because because);

// The materials an applicant prepares for a bundle: a material several
// members need is prepared once when one window accepts the bundle (一窗受理),
// once per member's window when they are accepted separately; a shared one
// not at all.
struct PreparedMaterial {
  MaterialIndex material = 0;
  std::vector<MatterIndex> needed_by;
  bool original = false;  // some member needs the original shown
};
struct BundleMaterials {
  int32_t before_merging = 0;  // the sum over members of their applicable materials
  int32_t after_merging = 0;   // prepared.size()
  int32_t shared = 0;          // distinct materials fetched by data sharing instead
  std::vector<PreparedMaterial> prepared;
};
BundleMaterials bundle_materials(const Catalog& catalog, BundleIndex bundle, const TripOptions& options = {});
// The same for a matter alone: its applicable materials, less the shared ones.
BundleMaterials matter_materials(const Catalog& catalog, MatterIndex matter, const TripOptions& options = {});

}  // namespace onetrip

#endif  // ONETRIP_TRIPS_HPP_
