// What if: a reform is a value describing a change to a catalogue; applying a
// scenario (reforms in order) to a catalogue yields a new catalogue and leaves
// the base untouched, also when it fails. docs/reforms-format.md gives the
// JSON form.
#ifndef ONETRIP_REFORM_HPP_
#define ONETRIP_REFORM_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "onetrip/catalog.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"

namespace onetrip {

enum class ReformKind : uint8_t {
  kOnlineApplication,   // set online application to `online` (pre_review or full)
  kPostalApplication,   // offer postal application
  kExpressDelivery,     // send results by express
  kElectronicLicence,   // issue results electronically
  kOnlinePayment,       // take fees online
  kTolerantAcceptance,  // 容缺受理
  kShareMaterial,       // fetch `material` (government-issued) by data sharing instead of carrying it
  kDropMaterial,        // `material` is no longer required by the targeted matters
  kPromisedLimit,       // set the promised limit to `days` working days
  kReplaceByFiling,     // the matters become online filings (备案): zero trips, zero days
  kAbsorb,              // the matters are absorbed into matter `into` (多证合一): they leave the catalogue
  kSingleWindow,        // bundle: 一窗受理, results together at the lead window
  kInternalEdge,        // bundle: the edge from -> to becomes internal (内部流转)
  kJointInspection,     // bundle: one joint site inspection (联合踏勘)
  kMergeSerial,         // bundle: the edge from -> to is removed, the two run in parallel (合并审查)
  kImmediate,           // decided and issued at the visit (当场办理, 即办); `enable: false` with `days`: promised
  kSiteInspection,      // 现场核查 before the decision takes `days` working days; 0: none (事后监管)
  kFee,                 // the matters charge `fee_fen`; 0 abolishes the fee
  // Situations: the eligibility rule whose condition is `situation` is removed (the last: bindings list up to it).
  kRemoveEligibility,
};

// Which matters a matter-level reform changes. Empty fields match everything;
// set fields must all match. For bundle-level reforms only `bundle` counts.
struct ReformTarget {
  std::vector<std::string> matters;  // codes
  std::string department;            // id
  std::string hall;                  // id
  std::optional<MatterKind> kind;
  std::string bundle;  // id: its members (or, for bundle reforms, the bundle)
};

struct Reform {
  ReformKind kind = ReformKind::kExpressDelivery;
  ReformTarget target;
  // false undoes a channel or bundle reform (to model the state before it):
  // no express delivery, separate acceptance with results each, and so on.
  bool enable = true;
  OnlineApplication online = OnlineApplication::kFull;  // kOnlineApplication
  std::string material;                                 // kShareMaterial, kDropMaterial
  int32_t days = 0;                                     // kPromisedLimit, kSiteInspection, kImmediate (undone)
  int64_t fee_fen = 0;                                  // kFee: in fen (the JSON gives yuan, like a catalogue)
  std::string into;                                     // kAbsorb: the absorbing matter's code
  std::string from, to;                                 // kInternalEdge, kMergeSerial: member codes
  std::optional<Date> effective_from;                   // kReplaceByFiling: recorded on the matters
  std::string note;                                     // why; kept in the scenario file
  // Situations: a condition over the matter's questions. With it, a channel
  // reform or promised_limit holds in that situation only (a variant added
  // last), drop_material drops the material in it only, and
  // remove_eligibility names the rule to remove by its condition.
  std::string situation;
};

struct Scenario {
  std::string name;
  std::vector<Reform> reforms;  // applied in order
};

// The catalogue with the scenario applied. Every problem (an unknown matter,
// department, material or bundle; an edge that is not there; a reform that
// matches nothing) is reported with its path ("$.reforms[2].department"); on
// failure nothing is returned and `base` is, as always, unchanged. Progress:
// phases "reforms" (one unit a reform) and "check".
absl::StatusOr<Catalog> apply(const Catalog& base, const Scenario& scenario, std::vector<Problem>* problems = nullptr,
                              const ProgressCallback& progress = {});

// The "onetrip-scenario/1" JSON format.
absl::StatusOr<Scenario> load_scenario_json(std::string_view json, std::vector<Problem>* problems = nullptr);
absl::StatusOr<Scenario> load_scenario_file(const std::string& path, std::vector<Problem>* problems = nullptr);
std::string save_scenario_json(const Scenario& scenario);

const char* to_string(ReformKind kind);  // the JSON name, e.g. "express_delivery"

}  // namespace onetrip

#endif  // ONETRIP_REFORM_HPP_
