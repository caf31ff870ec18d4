// A catalogue that changes over time: reforms carry the day they take effect
// (Reform::effective_from), the catalogue in force on a day is derived from
// the base by applying the reforms dated on or before it, and a roadmap
// evaluates the catalogue month by month — what each reform saved each month
// at that month's case volumes, and the indicators as a time series.
//
// Each state of the roadmap is derived from the previous one by structural
// sharing (the matters a reform did not change are the previous state's), and
// only the changed matters and the bundles holding them are evaluated again.
#ifndef ONETRIP_ROADMAP_HPP_
#define ONETRIP_ROADMAP_HPP_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/date.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/report.hpp"

namespace onetrip {

// The catalogue in force on `day`: `base` with the scenario's undated reforms
// and every reform dated on or before `day` applied, in the scenario's order,
// then only the matters in force that day by their own validity periods
// (Catalog::as_of). Problems are reported at the scenario's paths
// ("$.reforms[3]"); on failure nothing is returned.
absl::StatusOr<Catalog> as_of(const Catalog& base, const Scenario& scenario, Date day,
                              std::vector<Problem>* problems = nullptr);

// Case volumes month by month: the case log's monthly counts per matter (and
// per bundle). A month without its own volumes takes `every_month` when it has
// any, else has no cases; with no volumes at all, every matter in force counts
// one case a month (and the savings count matters, not cases).
struct MonthlyVolumes {
  std::map<Date, Volumes> months;  // keyed by the first day of the month
  Volumes every_month;
  // Where each month was read (a CSV line), for messages; may be empty.
  std::map<Date, std::string> where;
  // Situation volumes, holding in every month (load_volumes_csv of a
  // "matter,situation,volume|share" CSV: its Volumes::situations and
  // situation_shares): a matter with any is weighed by its situations' own
  // figures (each situation's notice on the catalogue in force), before and
  // after each reform, and in the indicators. Shares split each month's cases
  // of the matter (1 a month without volumes); cases are the matter's cases in
  // every month, so a month's own volume for that matter is a problem.
  std::vector<SituationVolume> situations = {};
  bool situation_shares = false;
};

// Reads "month,id,volume" CSV (month as YYYY-MM, id a matter code or bundle
// id of `catalog`, volume a finite non-negative decimal). A line naming a
// matter that is not in force on any day of its month (a volume with no
// catalogue in force) is a problem at that line, like every other bad line.
absl::StatusOr<MonthlyVolumes> load_monthly_volumes_csv(const Catalog& catalog, std::string_view csv,
                                                        std::vector<Problem>* problems = nullptr);
absl::StatusOr<MonthlyVolumes> load_monthly_volumes_file(const Catalog& catalog, const std::string& path,
                                                         std::vector<Problem>* problems = nullptr);

// Which cases of a case log the monthly volumes count.
struct CaseLogOptions {
  // The months counted (any day of each): a case accepted in another month is
  // passed over, as the report passes over the cases of other months. Not a
  // date: from the log's first month, to its last.
  Date from;
  Date to;
  // A bad row fails the call (every bad row named) instead of being skipped.
  bool strict = false;
};

// The case log's monthly counts per matter: each case that MonthlyReport
// would count (the same CSV or columns, header, parsing and checks, with the
// same messages: docs/case-records.md) counts one case of its matter in the
// month it was accepted (`accepted`, else `received`). A case is also a bad
// row when it names no matter (the roadmap weighs matters, and a department
// is not one), when its matter is not in force on the day it was accepted,
// or (with no `to`/`from`) when that day is outside the calendar, where no
// roadmap month can be. The log names no bundle: a joint case (联办件) counts
// for its matter, and a bundle's own cases come from load_monthly_volumes_csv.
// Bad rows are skipped and listed at their line ("line 12", from the header's
// 1; "row 3" for columns, from 0); with `strict`, or with a header that is not
// the case log's, the call fails. MonthlyVolumes::where holds the line of each
// month's first case. A month with no case counted has no volumes of its own.
absl::StatusOr<MonthlyVolumes> load_case_log_volumes_csv(const Catalog& catalog, const Calendar& calendar,
                                                         std::string_view csv, const CaseLogOptions& options = {},
                                                         std::vector<Problem>* problems = nullptr);
absl::StatusOr<MonthlyVolumes> load_case_log_volumes_file(const Catalog& catalog, const Calendar& calendar,
                                                          const std::string& path, const CaseLogOptions& options = {},
                                                          std::vector<Problem>* problems = nullptr);
// The same from a case log given as columns (MonthlyReport::add_columns').
absl::StatusOr<MonthlyVolumes> case_log_volumes(const Catalog& catalog, const Calendar& calendar,
                                                const CaseColumns& columns, const CaseLogOptions& options = {},
                                                std::vector<Problem>* problems = nullptr);

struct RoadmapOptions {
  Date from;  // the first month (any day of it)
  Date to;    // the last month (any day of it), at most 1,200 months after `from`
};

// One dated reform in one month: what it saved, weighed by the share of the
// month's working days it was in force (a reform of 07-12 holds 14 of July
// 2017's 21 working days), at the month's volumes. A reform saves what the
// catalogue before it (with every earlier-dated reform) loses by it.
struct ReformMonth {
  double share_in_force = 0;  // 0 before its date, 1 from the first month it holds whole
  double trips_saved = 0;
  double worst_case_saved = 0;
  double windows_saved = 0;  // window contacts
  double days_saved = 0;     // applicant working days until the result
};

struct RoadmapMonth {
  Date month;            // its first day
  int32_t workdays = 0;  // working days of the month on the calendar
  bool volume_weighted = false;
  double volume = 0;                 // cases of the month in force (matters alone; bundles apart)
  std::vector<ReformMonth> reforms;  // one per Roadmap::reforms entry
  double trips_saved = 0;            // the sums over the reforms
  double worst_case_saved = 0;
  double windows_saved = 0;
  double days_saved = 0;
  // The catalogue in force on the month's last day, weighted by the month's
  // volumes (matters not in force weigh nothing).
  Indicators indicators;
};

// One dated change of the roadmap: a dated reform of the scenario, or a day
// on which the catalogue's own validity periods change something of a matter
// or bundle (it starts or stops being in force, a material use, its fee or a
// channel starts or stops holding): `period`, labelled
// "period: 330281-GA-09 fee until 2017-07-31".
struct RoadmapReform {
  size_t position = 0;          // in Scenario::reforms; a period change: the reforms' count + its rank among them
  Date effective_from;          // the first day it holds (a period's end: the day after its last)
  std::string label;            // "express_delivery 330281-GA-01", for tables and charts
  int32_t matters_changed = 0;  // matters (bundles) in force on both sides whose figures it changed
  int32_t bundles_changed = 0;
  bool period = false;  // a change of the catalogue's own periods, not a reform
};

struct Roadmap {
  // The dated changes by date: the reforms (in scenario order) and the period
  // changes inside the roadmap's months (on one day, the periods first).
  std::vector<RoadmapReform> reforms;
  std::vector<RoadmapMonth> months;
  Indicators before;  // the catalogue with no dated reform, at the first month's volumes
};

// The roadmap from options.from's month to options.to's. The undated reforms
// hold from the start (they make the "before" state). Every problem is
// reported: a reform dated outside the calendar's coverage
// ("$.reforms[2].effective_from"), a month outside it, volumes of a month the
// roadmap does not cover (no catalogue in force), a reform that fails on the
// catalogue of its day. On failure nothing is returned.
absl::StatusOr<Roadmap> roadmap(const Catalog& base, const Scenario& scenario, const Calendar& calendar,
                                const RoadmapOptions& options, const MonthlyVolumes& volumes = {},
                                std::vector<Problem>* problems = nullptr);

// The same figures computed the plain way: each month's catalogue applied anew
// from the base and evaluated whole. For benchmarks and tests.
absl::StatusOr<Roadmap> roadmap_by_reapplying(const Catalog& base, const Scenario& scenario, const Calendar& calendar,
                                              const RoadmapOptions& options, const MonthlyVolumes& volumes = {});

}  // namespace onetrip

#endif  // ONETRIP_ROADMAP_HPP_
