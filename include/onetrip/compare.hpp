// Comparing two catalogues (a base and a reformed one): per matter and bundle,
// trips and working days before and after, and — weighted by case volumes —
// trips and applicant working days saved per month, by department and in total.
#ifndef ONETRIP_COMPARE_HPP_
#define ONETRIP_COMPARE_HPP_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "onetrip/catalog.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"

namespace onetrip {

// Cases per period (a month, for the bulletin's table). A matter's volume
// counts its cases handled alone; a bundle's counts cases handled as the whole
// bundle (each of those is one case of the bundle, not of each member).
struct Volumes {
  std::map<std::string, double> matters;  // by code
  std::map<std::string, double> bundles;  // by id
  // Cases that could not be placed on a matter (a window with immediate cases
  // but no immediate matter in the catalogue), one sentence each.
  std::vector<std::string> unassigned;
};

// Reads volumes from CSV, either
//  - "id,volume": a matter code or bundle id and its cases, one a line; or
//  - the bulletin's window table (yuyao-2017-07-windows.csv: window,recv_m,
//    recv_m_imm,recv_m_prom,…): each window's month's immediate cases are spread
//    equally over that department's immediate matters, its promised cases over
//    its promised matters (the 合计 row is skipped; what has no matter to go to
//    is listed in `unassigned`).
// The text is CSV as RFC 4180 writes it (quoted fields, CRLF or LF). A volume
// is a finite, non-negative decimal ("12", "3.5"); a blank, a sign, an exponent,
// hexadecimal, inf or nan is a problem naming the line and the column. Every
// bad line is reported with its line number.
absl::StatusOr<Volumes> load_volumes_csv(const Catalog& catalog, std::string_view csv,
                                         std::vector<Problem>* problems = nullptr);
absl::StatusOr<Volumes> load_volumes_file(const Catalog& catalog, const std::string& path,
                                          std::vector<Problem>* problems = nullptr);

struct MatterDelta {
  std::string code;
  std::string name;
  DepartmentIndex department = 0;  // in the base catalogue
  bool absorbed = false;           // gone from the reformed catalogue (多证合一, …)
  std::string change;              // what changed, readable; empty when nothing did
  int32_t trips_before = 0, trips_after = 0;
  int32_t worst_before = 0, worst_after = 0;
  int32_t windows_before = 0, windows_after = 0;  // window contacts
  int32_t days_before = 0, days_after = 0;        // working days (promised limit)
  double volume = 0;
  double trips_saved = 0;       // volume * (trips_before - trips_after)
  double worst_case_saved = 0;  // volume * (worst_before - worst_after)
  double days_saved = 0;        // volume * (days_before - days_after)
};

struct BundleDelta {
  std::string id;
  std::string name;
  bool removed = false;
  std::string change;
  int32_t trips_before = 0, trips_after = 0;
  int32_t worst_before = 0, worst_after = 0;
  int32_t windows_before = 0, windows_after = 0;
  int32_t days_before = 0, days_after = 0;  // critical path
  double volume = 0;
  double trips_saved = 0;
  double worst_case_saved = 0;
  double days_saved = 0;
};

struct DepartmentSavings {
  DepartmentIndex department = 0;
  std::string name;
  double volume = 0;
  double trips_saved = 0;
  double days_saved = 0;
  int32_t matters_changed = 0;
};

struct Comparison {
  std::vector<MatterDelta> matters;            // in base order
  std::vector<BundleDelta> bundles;            // in base order
  std::vector<DepartmentSavings> departments;  // departments with a change or a saving, in base order
  int32_t matters_changed = 0;
  int32_t bundles_changed = 0;
  double trips_saved = 0;       // per period of the volumes, matters and bundles together
  double worst_case_saved = 0;  // the same with one secondary material missing
  double days_saved = 0;
  Indicators before;  // weighted by the matter volumes when there are any
  Indicators after;
};

struct CompareOptions {
  int threads = 1;  // threads to share the work (0: one per hardware thread); the result does not depend on it
  // Phases "before matters", "before bundles", "after matters", "after bundles",
  // "compare"; cancelling returns CANCELLED and no comparison.
  ProgressCallback progress;
};

// Matters and bundles are matched by code and id. NOT_FOUND when a volume names
// a matter or bundle the base does not have. Matters a reform left shared with
// the base are known unchanged without being compared field by field.
absl::StatusOr<Comparison> compare(const Catalog& base, const Catalog& after, const Volumes& volumes = {},
                                   const CompareOptions& options = {});

}  // namespace onetrip

#endif  // ONETRIP_COMPARE_HPP_
