// Comparing two catalogues (a base and a reformed one): per matter and bundle,
// trips and working days before and after, and — weighted by case volumes —
// trips and applicant working days saved per month, by department and in total.
#ifndef ONETRIP_COMPARE_HPP_
#define ONETRIP_COMPARE_HPP_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/catalog.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"

namespace onetrip {

// The cases of one situation (情形) of a matter. A situation is named by its
// answers as the notice takes them ("question=value", several separated by
// ";": "business=小餐饮店; area=40"); a question left out is unanswered, as in
// an incomplete notice.
struct SituationVolume {
  std::string matter;                // the matter's code
  std::string situation;             // as written
  std::vector<std::string> answers;  // its "question=value" parts, in order
  double volume = 0;                 // cases per period; with Volumes::situation_shares, the share (0 to 1)
  std::string where;                 // "line 3": where it was read, for messages
  auto fields() const { return std::tie(matter, situation, answers, volume, where); }
};

// Cases per period (a month, for the bulletin's table). A matter's volume
// counts its cases handled alone; a bundle's counts cases handled as the whole
// bundle (each of those is one case of the bundle, not of each member).
struct Volumes {
  std::map<std::string, double> matters;  // by code
  std::map<std::string, double> bundles;  // by id
  // Cases that could not be placed on a matter (a window with immediate cases
  // but no immediate matter in the catalogue), one sentence each.
  std::vector<std::string> unassigned;
  // Situation volumes: a matter with any is weighted by its situations' own
  // figures (each situation's notice), not by its default situation's. With
  // cases per situation, the matter's volume in `matters` is their sum (left
  // out, compare and indicators take the sum; given otherwise, they refuse it); with
  // shares (situation_shares), they split the matter's volume (1 when there
  // are no matter volumes) and add up to 1 per matter.
  // (Initialised here so that brace-initialising the fields above stays clean.)
  std::vector<SituationVolume> situations = {};
  bool situation_shares = false;
};

// Reads volumes from CSV, either
//  - "id,volume": a matter code or bundle id and its cases, one a line; or
//  - "matter,situation,volume" or "matter,situation,share": a matter's cases (or
//    share of its cases) in one situation, named by its answers (SituationVolume);
//    each situation's answers are checked as the notice checks them, a
//    situation given twice for a matter is a problem at its second line, and
//    a matter's shares must add up to 1 (a problem at its first line); or
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

// Adds `more` (read by load_volumes_csv) to `volumes`, as the tool's repeated
// --volumes and --situation-volumes do: the cases of a matter or bundle add up.
// A matter whose situations both give cases, or given situation volumes and
// matter cases that disagree (the situations' sum is the matter's volume),
// shares and cases mixed, or a situation given twice is INVALID_ARGUMENT naming
// it; `volumes` is then unchanged.
absl::Status add_volumes(const Volumes& more, Volumes& volumes);

// The indicators of an evaluation of `catalog` at `volumes`: matter volumes by
// code (a matter without one weighs 0; none at all: each matter weighs 1), a
// matter with situation volumes weighted by its situations' notices (trips,
// worst case; a refused situation's cases at the trips the notice gives them).
// Bundle figures are unweighted, as in indicators(). NOT_FOUND for a code the
// catalogue does not have; INVALID_ARGUMENT for a situation whose answers it no
// longer takes.
absl::StatusOr<Indicators> indicators(const Catalog& catalog, const CatalogEvaluation& evaluation,
                                      const Volumes& volumes);

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
  // volume * (trips_before - trips_after), and so on; a matter with situation
  // volumes sums them over its situations, each at its own figures before and
  // after (the *_before/_after fields stay the default situation's).
  double trips_saved = 0;
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
  Indicators before;  // weighted by the matter volumes when there are any, and by the situation volumes
  Indicators after;
};

struct CompareOptions {
  int threads = 1;  // threads to share the work (0: one per CPU the process may use); the result does not depend on it
  // Phases "before matters", "before bundles", "after matters", "after bundles",
  // "compare"; cancelling returns CANCELLED and no comparison.
  ProgressCallback progress;
  // false: each MatterDelta's code and name are left empty, for a caller that
  // reads them from the base (the deltas are its matters, in its order) and
  // would rather not have a million names copied.
  bool matter_texts = true;
};

// Matters and bundles are matched by code and id. NOT_FOUND when a volume names
// a matter or bundle the base does not have. Matters a reform left shared with
// the base are known unchanged without being compared field by field.
absl::StatusOr<Comparison> compare(const Catalog& base, const Catalog& after, const Volumes& volumes = {},
                                   const CompareOptions& options = {});
// The same with the matters' volumes given per matter of `base`, in its order
// (one finite, non-negative number each), for a caller that holds them so:
// no map of codes is built or looked up. `volumes` gives the bundles' and the
// situations' volumes; its matters must be empty (a matter whose situations
// give cases and whose volume here is 0 weighs their sum). Always weighted.
absl::StatusOr<Comparison> compare(const Catalog& base, const Catalog& after, absl::Span<const double> matter_volumes,
                                   const Volumes& volumes, const CompareOptions& options = {});

}  // namespace onetrip

#endif  // ONETRIP_COMPARE_HPP_
