// One catalogue: validate, format, evaluate, audit, dot, asof, diff, generate.
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "onetrip/audit.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/roadmap.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "tool.hpp"

namespace onetrip::tool {
namespace {

FieldValue due_field(EpochDay day) {
  if (day == kMissingDay) return FieldValue();
  auto date = from_epoch_day(day);
  return date.ok() ? FieldValue(format_date(*date)) : FieldValue();
}

std::string due_text(EpochDay day) {
  const FieldValue due = due_field(day);
  return std::holds_alternative<std::string>(due) ? std::get<std::string>(due) : "-";
}

// Every need of a result as readable lines, one trip after another.
std::vector<std::string> trip_lines(const Catalog& catalog, const TripResult& r) {
  std::vector<std::string> lines;
  int number = 0;
  for (const Trip& trip : r.trip_list) {
    ++number;
    for (const Need& need : trip.needs) {
      lines.push_back(absl::StrFormat("trip %d (day %d): %s", number, trip.moment, describe(catalog, need)));
    }
  }
  if (r.worst_case_matter) {
    lines.push_back(
        absl::StrFormat("worst case +1: a missing secondary material at the submission of %s "
                        "(no tolerant acceptance, no online pre-review)",
                        catalog.matters()[*r.worst_case_matter].name));
  }
  return lines;
}

}  // namespace

absl::Status run_validate(const ValidateArgs& args) {
  const std::string& path = args.catalog;
  std::vector<Problem> problems;
  auto catalog = load_catalog(path, &problems);
  if (!catalog.ok() && problems.empty()) return catalog.status();  // the file could not be read
  const auto invalid = [&] { return absl::InvalidArgumentError(absl::StrFormat("%s is not a valid catalogue", path)); };
  if (args.format != Format::kTable) {
    Records summary{"catalogue",
                    {"file", "valid", "name", "halls", "departments", "materials", "matters", "immediate",
                     "fully_online", "declared_zero_trips", "declared_one_trip", "bundles", "problems"},
                    {},
                    true};
    Records listed{"problems", {"path", "message"}, {}, false};
    for (const Problem& p : problems) listed.add({p.path, p.message});
    Records bundles{"bundles", {"id", "name", "members", "lead"}, {}, false};
    if (!catalog.ok()) {
      summary.add({path, false, FieldValue(), FieldValue(), FieldValue(), FieldValue(), FieldValue(), FieldValue(),
                   FieldValue(), FieldValue(), FieldValue(), FieldValue(), static_cast<int64_t>(problems.size())});
      write_records(args.format, {summary, listed, bundles}, 1);
      return invalid();
    }
    int64_t immediate = 0, full_online = 0, declared_zero = 0, declared_one = 0;
    for (const Matter& m : catalog->matters()) {
      immediate += m.project_type == ProjectType::kImmediate;
      full_online += m.online == OnlineApplication::kFull;
      declared_zero += m.declared_trips == 0;
      declared_one += m.declared_trips == 1;
    }
    summary.add({path, true, catalog->name(), static_cast<int64_t>(catalog->halls().size()),
                 static_cast<int64_t>(catalog->departments().size()), static_cast<int64_t>(catalog->materials().size()),
                 static_cast<int64_t>(catalog->matters().size()), immediate, full_online, declared_zero, declared_one,
                 static_cast<int64_t>(catalog->bundles().size()), int64_t{0}});
    for (const Bundle& b : catalog->bundles()) {
      bundles.add({b.id, b.name, static_cast<int64_t>(b.members.size()), catalog->departments()[b.lead].name});
    }
    write_records(args.format, {summary, listed, bundles}, 1);
    return absl::OkStatus();
  }
  if (!catalog.ok()) {
    std::cout << absl::StrFormat("%s: %d problem%s\n", path, problems.size(), problems.size() == 1 ? "" : "s");
    for (const Problem& p : problems) std::cout << absl::StrFormat("  %s: %s\n", p.path, p.message);
    return invalid();
  }
  int immediate = 0, full_online = 0, declared_zero = 0, declared_one = 0;
  for (const Matter& m : catalog->matters()) {
    immediate += m.project_type == ProjectType::kImmediate;
    full_online += m.online == OnlineApplication::kFull;
    declared_zero += m.declared_trips == 0;
    declared_one += m.declared_trips == 1;
  }
  std::cout << absl::StrFormat("%s: valid (%s)\n", path, catalog->name());
  std::cout << absl::StrFormat("  %d halls, %d departments, %d materials\n", catalog->halls().size(),
                               catalog->departments().size(), catalog->materials().size());
  std::cout << absl::StrFormat("  %d matters: %d immediate, %d fully online; declared 0 trips: %d, 1 trip: %d\n",
                               catalog->matters().size(), immediate, full_online, declared_zero, declared_one);
  std::cout << absl::StrFormat("  %d bundles\n", catalog->bundles().size());
  for (const Bundle& b : catalog->bundles()) {
    std::cout << absl::StrFormat("    %-16s %d members, lead %s: %s\n", b.id, b.members.size(),
                                 catalog->departments()[b.lead].name, b.name);
  }
  return absl::OkStatus();
}

absl::Status run_format(const FormatArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  std::cout << catalog->save_json();
  return absl::OkStatus();
}

absl::Status run_evaluate(const EvaluateArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  EvaluationOptions options;
  options.progress = cli::terminal_progress();
  if (!args.start.empty()) options.start = *parse_date(args.start);  // checked by the parser
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  auto evaluation = evaluate_catalog(*catalog, *calendar, options);
  if (!evaluation.ok()) return evaluation.status();
  auto totals = indicators(*catalog, *evaluation);
  if (!totals.ok()) return totals.status();
  const auto matters = catalog->matters();
  const auto bundles = catalog->bundles();
  // With a start day, the catalogue in force that day (as_of) explains the
  // trips; what is not in force is left out of the evaluation and said so.
  std::optional<Catalog> day_catalog;
  if (options.start) {
    auto on_day = catalog->as_of(*options.start);
    if (!on_day.ok()) return on_day.status();
    day_catalog = *std::move(on_day);
  }
  const Catalog& shown = day_catalog ? *day_catalog : *catalog;
  const auto& matters_out = evaluation->matters_not_in_force;
  const auto& bundles_out = evaluation->bundles_not_in_force;
  std::vector<std::string> out_codes;
  for (uint32_t i : matters_out) out_codes.push_back(matters[i].code);
  for (uint32_t b : bundles_out) out_codes.push_back(bundles[b].id);
  const std::string not_in_force = absl::StrJoin(out_codes, " ");
  const auto matter_lines = [&](MatterIndex i) {
    auto j = shown.find_matter(matters[i].code);
    if (!j) return std::vector<std::string>{absl::StrCat("not in force on ", format_date(*options.start))};
    return trip_lines(shown, evaluate_trips(shown, *j));
  };
  const auto bundle_lines = [&](BundleIndex k) {
    auto j = shown.find_bundle(bundles[k].id);
    if (!j) return std::vector<std::string>{absl::StrCat("not offered on ", format_date(*options.start))};
    return trip_lines(shown, evaluate_bundle_trips(shown, *j));
  };
  // The range over each situational matter's and bundle's situations (null elsewhere).
  std::vector<const SituationRange*> matter_range(matters.size(), nullptr), bundle_range(bundles.size(), nullptr);
  for (const auto& s : evaluation->matter_situations) matter_range[s.index] = &s.range;
  for (const auto& s : evaluation->bundle_situations) bundle_range[s.index] = &s.range;
  static const std::vector<std::string> kRangeColumns = {"situations",    "eligible_situations", "best_trips",
                                                         "worst_trips",   "best_worst_case",     "worst_worst_case",
                                                         "best_workdays", "worst_workdays",      "situations_exact"};
  const auto range_fields = [](const SituationRange* r) {
    if (r == nullptr) return std::vector<FieldValue>(kRangeColumns.size());
    return std::vector<FieldValue>{
        int64_t{r->situations},    int64_t{r->eligible_situations}, int64_t{r->best_trips},
        int64_t{r->worst_trips},   int64_t{r->best_worst_case},     int64_t{r->worst_worst_case},
        int64_t{r->best_workdays}, int64_t{r->worst_workdays},      r->exact};
  };
  const auto range_line = [](const SituationRange* r) -> std::string {
    if (r == nullptr) return "";
    if (r->eligible_situations == 0) {
      return absl::StrFormat("    situations: %d, none eligible%s\n", r->situations, r->exact ? "" : " (bounded)");
    }
    return absl::StrFormat(
        "    situations: %d (%d eligible%s): trips %d–%d, worst case %d–%d, working days %d–%d (enumerated: %s)\n",
        r->situations, r->eligible_situations, r->exact ? "" : ", bounded", r->best_trips, r->worst_trips,
        r->best_worst_case, r->worst_worst_case, r->best_workdays, r->worst_workdays,
        r->questions.empty() ? "none" : absl::StrJoin(r->questions, ", "));
  };

  if (args.format != Format::kTable) {
    const std::vector<std::string> figures = {"trips",    "worst_case",       "window_contacts",
                                              "workdays", "counted_workdays", "due"};
    Records summary{"evaluation",
                    {"catalogue", "start", "calendar", "matters_not_in_force", "bundles_not_in_force", "not_in_force"},
                    {},
                    true};
    summary.add({catalog->name(), options.start ? FieldValue(format_date(*options.start)) : FieldValue(),
                 calendar->name(), static_cast<int64_t>(matters_out.size()), static_cast<int64_t>(bundles_out.size()),
                 not_in_force});
    Records m{"matters", {"code", "name"}, {}, false};
    Records b{"bundles", {"id", "name"}, {}, false};
    Records csv{"", {"kind", "id", "name"}, {}, false};
    for (Records* r : {&m, &b, &csv}) r->columns.insert(r->columns.end(), figures.begin(), figures.end());
    b.columns.push_back("over_joint_limit");
    csv.columns.push_back("over_joint_limit");
    for (Records* r : {&m, &b, &csv}) {
      r->columns.push_back("reasons");
      r->columns.insert(r->columns.end(), kRangeColumns.begin(), kRangeColumns.end());  // null without situations
    }
    for (MatterIndex i = 0; i < matters.size(); ++i) {
      std::vector<FieldValue> row = {matters[i].code,
                                     matters[i].name,
                                     int64_t{evaluation->matter_trips[i]},
                                     int64_t{evaluation->matter_worst_case[i]},
                                     int64_t{evaluation->matter_window_contacts[i]},
                                     int64_t{evaluation->matter_workdays[i]},
                                     int64_t{evaluation->matter_counted_workdays[i]},
                                     due_field(evaluation->matter_due[i]),
                                     matter_lines(i)};
      std::vector<FieldValue> line = row;
      line.insert(line.begin(), std::string("matter"));
      line.insert(line.end() - 1, FieldValue());
      for (std::vector<FieldValue>* r : {&row, &line}) {
        for (FieldValue& f : range_fields(matter_range[i])) r->push_back(std::move(f));
      }
      m.add(std::move(row));
      csv.add(std::move(line));
    }
    for (BundleIndex k = 0; k < bundles.size(); ++k) {
      std::vector<FieldValue> row = {bundles[k].id,
                                     bundles[k].name,
                                     int64_t{evaluation->bundle_trips[k]},
                                     int64_t{evaluation->bundle_worst_case[k]},
                                     int64_t{evaluation->bundle_window_contacts[k]},
                                     int64_t{evaluation->bundle_workdays[k]},
                                     int64_t{evaluation->bundle_counted_workdays[k]},
                                     due_field(evaluation->bundle_due[k]),
                                     evaluation->bundle_over_joint_limit[k] != 0,
                                     bundle_lines(k)};
      std::vector<FieldValue> line = row;
      line.insert(line.begin(), std::string("bundle"));
      for (std::vector<FieldValue>* r : {&row, &line}) {
        for (FieldValue& f : range_fields(bundle_range[k])) r->push_back(std::move(f));
      }
      b.add(std::move(row));
      csv.add(std::move(line));
    }
    if (args.format == Format::kCsv) {
      write_records(args.format, {csv});
    } else {
      write_records(args.format, {summary, m, b, indicators_records(*totals, "indicators")});
    }
    return absl::OkStatus();
  }
  std::cout << absl::StrFormat("%s — %d matters, %d bundles%s\n\n", catalog->name(), matters.size(), bundles.size(),
                               options.start ? absl::StrCat(", accepted ", format_date(*options.start)) : "");
  if (!out_codes.empty()) {
    std::cout << absl::StrFormat("not in force on %s, left out: %d matters, %d bundles (%s)\n\n",
                                 format_date(*options.start), matters_out.size(), bundles_out.size(), not_in_force);
  }
  std::cout << "MATTERS (each alone)           trips  worst  windows  working days  (counted)  due\n";
  for (MatterIndex i = 0; i < matters.size(); ++i) {
    std::cout << absl::StrFormat("%-14s %s\n  %28s %5d  %5d  %7d  %12d  %9d  %s\n", matters[i].code, matters[i].name,
                                 "", evaluation->matter_trips[i], evaluation->matter_worst_case[i],
                                 evaluation->matter_window_contacts[i], evaluation->matter_workdays[i],
                                 evaluation->matter_counted_workdays[i], due_text(evaluation->matter_due[i]));
    std::cout << range_line(matter_range[i]);
    for (const std::string& line : matter_lines(i)) {
      std::cout << "    " << line << "\n";
    }
  }
  std::cout << "\nBUNDLES                        trips  worst  windows  working days  (counted)  due\n";
  for (BundleIndex b = 0; b < bundles.size(); ++b) {
    auto shown_index = shown.find_bundle(bundles[b].id);
    if (!shown_index) {
      std::cout << absl::StrFormat("%-14s %s\n    not offered on %s\n", bundles[b].id, bundles[b].name,
                                   format_date(*options.start));
      continue;
    }
    const BundleSchedule schedule = schedule_bundle(shown, *shown_index);
    std::vector<std::string> path;
    for (uint32_t member : schedule.critical_path) {
      path.push_back(shown.matters()[shown.bundles()[*shown_index].members[member]].name);
    }
    std::cout << absl::StrFormat("%-14s %s\n  %28s %5d  %5d  %7d  %12d  %9d  %s%s\n", bundles[b].id, bundles[b].name,
                                 "", evaluation->bundle_trips[b], evaluation->bundle_worst_case[b],
                                 evaluation->bundle_window_contacts[b], evaluation->bundle_workdays[b],
                                 evaluation->bundle_counted_workdays[b], due_text(evaluation->bundle_due[b]),
                                 evaluation->bundle_over_joint_limit[b] ? "  (over 45 working days, 第四十二条)" : "");
    std::cout << "    critical path: " << absl::StrJoin(path, " → ") << "\n";
    std::cout << range_line(bundle_range[b]);
    for (const std::string& line : bundle_lines(b)) {
      std::cout << "    " << line << "\n";
    }
    const BundleMaterials prepared = bundle_materials(shown, *shown_index);
    std::cout << absl::StrFormat("    materials: %d to prepare (%d before merging, %d shared by data)\n",
                                 prepared.after_merging, prepared.before_merging, prepared.shared);
  }
  std::cout << absl::StrFormat(
      "\nINDICATORS\n  matters at 0 trips (跑零次)           %5.1f%%\n  matters at ≤1 trip (最多跑一次 实现率)  "
      "%5.1f%%\n"
      "  mean trips                          %6.2f (worst case %.2f)\n  immediate matters (即办件)          %5.1f%%\n"
      "  mean promised/legal limit           %6.2f\n  bundles at ≤1 trip                  %5.1f%%\n",
      100 * totals->share_zero_trips, 100 * totals->share_at_most_one_trip, totals->mean_trips, totals->mean_worst_case,
      100 * totals->share_immediate, totals->mean_promised_legal_ratio, 100 * totals->bundle_share_at_most_one_trip);
  return absl::OkStatus();
}

absl::Status run_audit(const AuditArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  const auto findings = audit(*catalog);
  if (args.format != Format::kTable) {
    Records summary{"audit", {"catalogue", "matters", "findings"}, {}, true};
    summary.add(
        {catalog->name(), static_cast<int64_t>(catalog->matters().size()), static_cast<int64_t>(findings.size())});
    Records listed{"findings", {"code", "matter", "rule", "message"}, {}, false};
    for (const Finding& f : findings) {
      const Matter& m = catalog->matters()[f.matter];
      listed.add({m.code, m.name, std::string(to_string(f.rule)), f.message});
    }
    write_records(args.format, {summary, listed}, 1);
    return absl::OkStatus();
  }
  std::cout << absl::StrFormat("%s: %d finding%s\n", catalog->name(), findings.size(), findings.size() == 1 ? "" : "s");
  for (const Finding& f : findings) std::cout << absl::StrFormat("  [%s] %s\n", to_string(f.rule), f.message);
  return absl::OkStatus();
}

absl::Status run_dot(const DotArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  auto bundle = catalog->find_bundle(args.bundle);
  if (!bundle) return absl::NotFoundError(absl::StrCat("no bundle \"", args.bundle, "\" in the catalogue"));
  std::cout << bundle_dot(*catalog, *bundle);
  return absl::OkStatus();
}

absl::Status run_asof(const AsofArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  const Date day = *parse_date(args.date);  // checked by the parser
  Scenario scenario;
  if (!args.scenario.empty()) {
    auto loaded = load_scenario_file(args.scenario);
    if (!loaded.ok()) return loaded.status();
    scenario = *std::move(loaded);
  }
  auto in_force = as_of(*catalog, scenario, day);
  if (!in_force.ok()) return in_force.status();
  return in_force->write_json(std::cout);
}

absl::Status run_diff(const DiffArgs& args) {
  auto a = load_catalog(args.a);
  if (!a.ok()) return a.status();
  auto b = load_catalog(args.b);
  if (!b.ok()) return b.status();
  const CatalogDiff d = diff(*a, *b);
  if (args.format != Format::kTable) {
    Records summary{"diff",
                    {"halls_changed", "departments_changed", "materials_changed", "matters_changed", "bundles_changed"},
                    {},
                    true};
    summary.add({int64_t{d.halls_changed}, int64_t{d.departments_changed}, int64_t{d.materials_changed},
                 int64_t{d.matters_changed}, int64_t{d.bundles_changed}});
    Records changes{"changes", {"item", "change", "id", "field", "before", "after", "affects_figures"}, {}, false};
    const auto text = [](const std::string& s) { return s.empty() ? FieldValue() : FieldValue(s); };
    for (const FieldChange& c : d.changes) {
      changes.add({std::string(to_string(c.item)), std::string(to_string(c.change)), c.id, text(c.field),
                   text(c.before), text(c.after), c.affects_figures});
    }
    write_records(args.format, {summary, changes}, 1);
    return absl::OkStatus();
  }
  for (const FieldChange& c : d.changes) std::cout << (c.affects_figures ? "  " : "* ") << describe(c) << "\n";
  std::cout << absl::StrFormat("%d halls, %d departments, %d materials, %d matters, %d bundles differ\n",
                               d.halls_changed, d.departments_changed, d.materials_changed, d.matters_changed,
                               d.bundles_changed);
  return absl::OkStatus();
}

absl::Status run_generate(const GenerateArgs& args) {
  GeneratorOptions options;
  options.matters = args.matters;
  options.seed = args.seed;
  options.progress = cli::terminal_progress();
  auto catalog = generate_catalog(options);
  if (!catalog.ok()) return catalog.status();
  return catalog->write_json(std::cout);  // streamed: the text is never held whole
}

absl::Status run_snapshot(const SnapshotArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  if (absl::Status saved = catalog->save_snapshot_file(args.out); !saved.ok()) return saved;
  std::error_code error;
  const auto bytes = std::filesystem::file_size(args.out, error);
  std::cout << absl::StrFormat("%s: %d matters, %d bundles, %d bytes\n", args.out, catalog->matters().size(),
                               catalog->bundles().size(), error ? 0 : bytes);
  return absl::OkStatus();
}

}  // namespace onetrip::tool
