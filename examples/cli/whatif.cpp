// What if: whatif (a scenario against the catalogue) and roadmap (dated
// reforms month by month).
#include <iostream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/roadmap.hpp"
#include "tool.hpp"

namespace onetrip::tool {
namespace {

const char* const kDeltaColumns[] = {"trips_before",   "trips_after",   "worst_before",     "worst_after",
                                     "windows_before", "windows_after", "days_before",      "days_after",
                                     "volume",         "trips_saved",   "worst_case_saved", "days_saved"};

template <class Delta>
void add_delta_fields(std::vector<FieldValue>& row, const Delta& d) {
  for (FieldValue v :
       {FieldValue(int64_t{d.trips_before}), FieldValue(int64_t{d.trips_after}), FieldValue(int64_t{d.worst_before}),
        FieldValue(int64_t{d.worst_after}), FieldValue(int64_t{d.windows_before}), FieldValue(int64_t{d.windows_after}),
        FieldValue(int64_t{d.days_before}), FieldValue(int64_t{d.days_after}), FieldValue(d.volume),
        FieldValue(d.trips_saved), FieldValue(d.worst_case_saved), FieldValue(d.days_saved)}) {
    row.push_back(std::move(v));
  }
}

FieldValue text_or_none(const std::string& s) { return s.empty() ? FieldValue() : FieldValue(s); }

std::string month_text(Date d) { return format_month({d.year(), d.month()}); }

}  // namespace

absl::Status run_whatif(const WhatifArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  Catalog base = *std::move(catalog);
  if (!args.before.empty()) {
    auto before = apply_file(base, args.before);
    if (!before.ok()) return before.status();
    base = *std::move(before);
  }
  auto after = apply_file(base, args.scenario);
  if (!after.ok()) return after.status();
  Volumes volumes;
  for (const std::string& file : args.volumes) {
    auto more = load_volumes_file(base, file);
    if (!more.ok()) return more.status();
    if (!more->situations.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ": situation volumes (matter,situation,…): give them with --situation-volumes"));
    }
    if (absl::Status added = add_volumes(*more, volumes); !added.ok()) return added;
  }
  for (const std::string& file : args.situation_volumes) {
    auto more = load_volumes_file(base, file);
    if (!more.ok()) return more.status();
    if (more->situations.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          file, ": not situation volumes: the header is matter,situation,volume or matter,situation,share"));
    }
    if (absl::Status added = add_volumes(*more, volumes); !added.ok()) {
      return absl::Status(added.code(), absl::StrCat(file, ": ", added.message()));
    }
  }
  CompareOptions compare_options;
  compare_options.progress = cli::terminal_progress();
  auto cmp = compare(base, *after, volumes, compare_options);
  if (!cmp.ok()) return cmp.status();

  if (args.format != Format::kTable) {
    Records totals{"comparison",
                   {"matters_changed", "bundles_changed", "trips_saved", "worst_case_saved", "days_saved"},
                   {},
                   true};
    totals.add({int64_t{cmp->matters_changed}, int64_t{cmp->bundles_changed}, cmp->trips_saved, cmp->worst_case_saved,
                cmp->days_saved});
    Records matters{"matters", {"code", "name", "department", "absorbed", "change"}, {}, false};
    Records bundles{"bundles", {"id", "name", "removed", "change"}, {}, false};
    Records csv{"", {"kind", "id", "name", "change"}, {}, false};
    for (Records* r : {&matters, &bundles, &csv})
      r->columns.insert(r->columns.end(), std::begin(kDeltaColumns), std::end(kDeltaColumns));
    for (const MatterDelta& d : cmp->matters) {
      std::vector<FieldValue> row = {d.code, d.name, base.departments()[d.department].name, d.absorbed,
                                     text_or_none(d.change)};
      add_delta_fields(row, d);
      matters.add(std::move(row));
      if (d.change.empty()) continue;
      std::vector<FieldValue> line = {std::string("matter"), d.code, d.name, d.change};
      add_delta_fields(line, d);
      csv.add(std::move(line));
    }
    for (const BundleDelta& d : cmp->bundles) {
      std::vector<FieldValue> row = {d.id, d.name, d.removed, text_or_none(d.change)};
      add_delta_fields(row, d);
      bundles.add(std::move(row));
      if (d.change.empty()) continue;
      std::vector<FieldValue> line = {std::string("bundle"), d.id, d.name, d.change};
      add_delta_fields(line, d);
      csv.add(std::move(line));
    }
    Records departments{
        "departments", {"department", "volume", "trips_saved", "days_saved", "matters_changed"}, {}, false};
    for (const DepartmentSavings& d : cmp->departments) {
      departments.add({d.name, d.volume, d.trips_saved, d.days_saved, int64_t{d.matters_changed}});
    }
    Records notes{"notes", {"note"}, {}, false};
    for (const std::string& note : volumes.unassigned) notes.add({note});
    if (args.format == Format::kCsv) {
      write_records(args.format, {csv});
    } else {
      write_records(args.format, {totals, indicators_records(cmp->before, "before"),
                                  indicators_records(cmp->after, "after"), matters, bundles, departments, notes});
    }
    return absl::OkStatus();
  }
  std::cout << absl::StrFormat("%d matters and %d bundles changed\n\n", cmp->matters_changed, cmp->bundles_changed);
  const auto row = [](const auto& d, const std::string& id) {
    std::cout << absl::StrFormat(
        "%-14s %s\n  %14s %d→%d  %d→%d  %d→%d  %2d→%-2d  %11.1f  %11.1f  %11.1f  %10.1f\n    %s\n", id, d.name, "",
        d.trips_before, d.trips_after, d.worst_before, d.worst_after, d.windows_before, d.windows_after, d.days_before,
        d.days_after, d.volume, d.trips_saved, d.worst_case_saved, d.days_saved, d.change);
  };
  const char* header =
      "                trips worst windows days    cases/month  trips saved  worst saved  days saved\n";
  std::cout << "MATTERS\n" << header;
  for (const MatterDelta& d : cmp->matters) {
    if (!d.change.empty()) row(d, d.code);
  }
  std::cout << "\nBUNDLES\n" << header;
  for (const BundleDelta& d : cmp->bundles) {
    if (!d.change.empty()) row(d, d.id);
  }
  std::cout << "\nBY DEPARTMENT          cases/month  trips saved  days saved\n";
  for (const DepartmentSavings& d : cmp->departments) {
    std::cout << absl::StrFormat("  %-18s %11.1f  %11.1f  %10.1f\n", d.name, d.volume, d.trips_saved, d.days_saved);
  }
  std::cout << absl::StrFormat(
      "\nTOTAL: %.1f trips and %.1f applicant working days saved per month (%.1f trips in the worst case)\n",
      cmp->trips_saved, cmp->days_saved, cmp->worst_case_saved);
  std::cout << absl::StrFormat("最多跑一次 实现率 %.1f%% → %.1f%%, 跑零次 %.1f%% → %.1f%%, mean trips %.2f → %.2f%s\n",
                               100 * cmp->before.share_at_most_one_trip, 100 * cmp->after.share_at_most_one_trip,
                               100 * cmp->before.share_zero_trips, 100 * cmp->after.share_zero_trips,
                               cmp->before.mean_trips, cmp->after.mean_trips,
                               cmp->before.weighted ? " (weighted by cases)" : "");
  for (const std::string& note : volumes.unassigned) std::cout << "  note: " << note << "\n";
  return absl::OkStatus();
}

absl::Status run_roadmap(const RoadmapArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  if (!args.before.empty()) {
    auto before = apply_file(*catalog, args.before);
    if (!before.ok()) return before.status();
    catalog = *std::move(before);
  }
  auto scenario = load_scenario_file(args.scenario);
  if (!scenario.ok()) return scenario.status();
  const YearMonth from = *parse_month(args.from), to = *parse_month(args.to);  // checked by the parser
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  MonthlyVolumes volumes;
  for (const std::string& file : args.volumes) {
    auto more = load_volumes_file(*catalog, file);
    if (!more.ok()) return more.status();
    if (!more->situations.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ": situation volumes (matter,situation,…): give them with --situation-volumes"));
    }
    for (const auto& [code, v] : more->matters) volumes.every_month.matters[code] += v;
    for (const auto& [id, v] : more->bundles) volumes.every_month.bundles[id] += v;
  }
  Volumes situations;  // every file's, added by add_volumes's rules (a situation given once)
  for (const std::string& file : args.situation_volumes) {
    auto more = load_volumes_file(*catalog, file);
    if (!more.ok()) return more.status();
    if (more->situations.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          file, ": not situation volumes: the header is matter,situation,volume or matter,situation,share"));
    }
    for (SituationVolume& v : more->situations) v.where = absl::StrCat(file, ": ", v.where);
    if (absl::Status added = add_volumes(*more, situations); !added.ok()) {
      return absl::Status(added.code(), absl::StrCat(file, ": ", added.message()));
    }
  }
  volumes.situations = std::move(situations.situations);
  volumes.situation_shares = situations.situation_shares;
  if (!args.monthly.empty()) {
    auto monthly = load_monthly_volumes_file(*catalog, args.monthly);
    if (!monthly.ok()) return monthly.status();
    volumes.months = std::move(monthly->months);
    volumes.where = std::move(monthly->where);
    for (auto& [month, where] : volumes.where) where = absl::StrCat(args.monthly, ": ", where);
  }
  const RoadmapOptions options{Date(from.year, from.month, 1), Date(to.year, to.month, 1)};
  size_t skipped = 0;
  if (!args.case_log.empty()) {
    CaseLogOptions log_options;
    log_options.from = options.from;
    log_options.to = options.to;
    log_options.strict = args.strict;
    std::vector<Problem> problems;
    // Strict: every bad row is in the error (the library names each one).
    auto logged = load_case_log_volumes_file(*catalog, *calendar, args.case_log, log_options, &problems);
    if (!logged.ok()) return logged.status();
    for (size_t i = 0; i < problems.size() && i < 20; ++i) {
      std::cerr << absl::StrFormat("%s %s: %s (skipped)\n", args.case_log, problems[i].path, problems[i].message);
    }
    if (problems.size() > 20) {
      std::cerr << absl::StrFormat("%s: %d more rows skipped\n", args.case_log, problems.size() - 20);
    }
    skipped = problems.size();
    volumes.months = std::move(logged->months);
    volumes.where = std::move(logged->where);
    for (auto& [month, where] : volumes.where) where = absl::StrCat(args.case_log, ": ", where);
  }
  auto r = roadmap(*catalog, *scenario, *calendar, options, volumes);
  if (!r.ok()) return absl::Status(r.status().code(), absl::StrCat(args.scenario, ": ", r.status().message()));

  if (args.format != Format::kTable) {
    Records reforms{"reforms", {"reform", "label", "effective_from", "matters_changed", "bundles_changed"}, {}, false};
    for (size_t k = 0; k < r->reforms.size(); ++k) {
      const RoadmapReform& x = r->reforms[k];
      reforms.add({absl::StrCat("R", k + 1), x.label, format_date(x.effective_from), int64_t{x.matters_changed},
                   int64_t{x.bundles_changed}});
    }
    Records months{"months",
                   {"month", "workdays", "volume", "volume_weighted", "trips_saved", "worst_case_saved",
                    "windows_saved", "days_saved", "share_zero_trips", "share_at_most_one_trip", "mean_trips"},
                   {},
                   false};
    Records by_reform{
        "by_reform",
        {"month", "reform", "share_in_force", "trips_saved", "worst_case_saved", "windows_saved", "days_saved"},
        {},
        false};
    // The CSV: each month's reforms, then its total with the indicators.
    Records csv{"",
                {"month", "reform", "effective_from", "share_in_force", "trips_saved", "worst_case_saved",
                 "windows_saved", "days_saved", "volume", "share_zero_trips", "share_at_most_one_trip", "mean_trips"},
                {},
                false};
    for (const RoadmapMonth& m : r->months) {
      const std::string month = month_text(m.month);
      months.add({month, int64_t{m.workdays}, m.volume, m.volume_weighted, m.trips_saved, m.worst_case_saved,
                  m.windows_saved, m.days_saved, m.indicators.share_zero_trips, m.indicators.share_at_most_one_trip,
                  m.indicators.mean_trips});
      for (size_t k = 0; k < r->reforms.size(); ++k) {
        const ReformMonth& x = m.reforms[k];
        by_reform.add({month, absl::StrCat("R", k + 1), x.share_in_force, x.trips_saved, x.worst_case_saved,
                       x.windows_saved, x.days_saved});
        csv.add({month, r->reforms[k].label, format_date(r->reforms[k].effective_from), x.share_in_force, x.trips_saved,
                 x.worst_case_saved, x.windows_saved, x.days_saved});
      }
      csv.add({month, std::string("total"), FieldValue(), FieldValue(), m.trips_saved, m.worst_case_saved,
               m.windows_saved, m.days_saved, m.volume, m.indicators.share_zero_trips,
               m.indicators.share_at_most_one_trip, m.indicators.mean_trips});
    }
    if (args.format == Format::kCsv) {
      write_records(args.format, {csv});
    } else {
      write_records(args.format, {reforms, indicators_records(r->before, "before"), months, by_reform});
    }
    return absl::OkStatus();
  }
  std::cout << "DATED REFORMS\n";
  for (size_t k = 0; k < r->reforms.size(); ++k) {
    const RoadmapReform& x = r->reforms[k];
    std::cout << absl::StrFormat("  R%-2d %s  %-40s %d matters, %d bundles changed\n", k + 1,
                                 format_date(x.effective_from), x.label, x.matters_changed, x.bundles_changed);
  }
  std::cout << absl::StrFormat("\nbefore any dated reform: 最多跑一次 %.1f%%, 跑零次 %.1f%%, mean trips %.2f\n\n",
                               100 * r->before.share_at_most_one_trip, 100 * r->before.share_zero_trips,
                               r->before.mean_trips);
  std::cout << "month     cases     trips saved  worst saved  windows saved  days saved  最多跑一次  跑零次\n";
  for (const RoadmapMonth& m : r->months) {
    std::cout << absl::StrFormat("%s  %9.1f  %11.1f  %11.1f  %13.1f  %10.1f  %9.1f%%  %5.1f%%\n", month_text(m.month),
                                 m.volume, m.trips_saved, m.worst_case_saved, m.windows_saved, m.days_saved,
                                 100 * m.indicators.share_at_most_one_trip, 100 * m.indicators.share_zero_trips);
  }
  std::cout << "\ntrips saved by reform and month\nmonth   ";
  for (size_t k = 0; k < r->reforms.size(); ++k) std::cout << absl::StrFormat("  %7s", absl::StrCat("R", k + 1));
  std::cout << "\n";
  for (const RoadmapMonth& m : r->months) {
    std::cout << month_text(m.month) << " ";
    for (const ReformMonth& x : m.reforms) std::cout << absl::StrFormat("  %7.1f", x.trips_saved);
    std::cout << "\n";
  }
  if (!r->months.empty() && !r->months[0].volume_weighted) {
    std::cout << "\n(no volumes: every matter in force counts one case a month)\n";
  }
  if (!args.case_log.empty()) {
    std::cout << absl::StrFormat("\n(cases per matter and month from %s%s)\n", args.case_log,
                                 skipped ? absl::StrFormat(", %d rows skipped", skipped) : "");
  }
  return absl::OkStatus();
}

}  // namespace onetrip::tool
