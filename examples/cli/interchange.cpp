// Other formats in and out: bpmn, bpmn-import, import-listing.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/bpmn.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/listing.hpp"
#include "onetrip/reform.hpp"
#include "tool.hpp"

namespace onetrip::tool {

absl::StatusOr<Catalog> apply_file(const Catalog& base, const std::string& path) {
  auto scenario = load_scenario_file(path);
  if (!scenario.ok()) return scenario.status();
  auto after = apply(base, *scenario, nullptr, cli::terminal_progress());
  if (!after.ok()) return absl::Status(after.status().code(), absl::StrCat(path, ": ", after.status().message()));
  return after;
}

absl::Status run_bpmn(const BpmnArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  if (!args.before.empty()) {
    catalog = apply_file(*catalog, args.before);
    if (!catalog.ok()) return catalog.status();
  }
  auto bundle = catalog->find_bundle(args.bundle);
  if (!bundle) return absl::NotFoundError(absl::StrCat("no bundle \"", args.bundle, "\" in the catalogue"));
  BpmnOptions options;
  if (!args.engine.empty()) {
    auto engine = parse_bpmn_engine(args.engine);
    if (!engine.ok()) return engine.status();
    options.engine = *engine;
  }
  if (!args.business_calendar.empty()) options.business_calendar = args.business_calendar;
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  if (!args.start.empty()) {
    options.accepted = *parse_date(args.start);  // checked by the parser
    options.calendar = &*calendar;
  }
  auto xml = export_bpmn(*catalog, *bundle, options);
  if (!xml.ok()) return xml.status();
  std::cout << *xml;
  return absl::OkStatus();
}

absl::Status run_bpmn_import(const BpmnImportArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", args.file));
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto imported = import_bpmn(xml);
  if (!imported.ok()) {
    return absl::Status(imported.status().code(), absl::StrCat(args.file, ": ", imported.status().message()));
  }
  for (const auto& u : imported->unmapped)
    std::cerr << args.file << ": " << u.kind << " '" << u.id << "': " << u.note << "\n";
  std::cout << imported->catalog.save_json();
  return absl::OkStatus();
}

// The implementation-list tables to a catalogue (docs/listing-import.md).
absl::Status run_import_listing(const ImportListingArgs& args) {
  ListingInput input;
  const std::tuple<const char*, const std::string*, ListingTableKind> tables[] = {
      {"basic", &args.basic, ListingTableKind::kBasic},
      {"extend", &args.extend, ListingTableKind::kExtend},
      {"materials", &args.materials, ListingTableKind::kMaterials},
      {"fees", &args.fees, ListingTableKind::kFees},
      {"halls", &args.halls, ListingTableKind::kHalls},
      {"departments", &args.departments, ListingTableKind::kDepartments},
      {"material-defs", &args.material_defs, ListingTableKind::kMaterialDefs}};
  for (const auto& [option, file, kind] : tables) {
    const std::string& path = *file;
    if (path.empty()) continue;
    if (path.size() > 5 && (path.substr(path.size() - 5) == ".xlsx" || path.substr(path.size() - 4) == ".xls")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", option, " ", path, ": the tool reads CSV; save the sheet as CSV, or read the workbook with ",
          "/usr/bin/python3 -c 'import onetrip.listing as l; l.read(basic=\"basic.xlsx\", …)'"));
    }
    auto table = read_listing_csv_file(path);
    if (!table.ok()) return table.status();
    input.set(kind, *std::move(table));
  }
  ListingOptions options;
  options.strict = args.strict;
  if (!args.name.empty()) options.name = args.name;
  auto imported = import_listing(input, options);
  if (!imported.ok()) return imported.status();
  const auto write = [](const std::string& path, const std::string& text) -> absl::Status {
    if (path == "-") {
      std::cout << text;
      return absl::OkStatus();
    }
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return absl::NotFoundError(absl::StrCat(path, ": cannot write the file"));
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok) return absl::DataLossError(absl::StrCat(path, ": writing failed"));
    return absl::OkStatus();
  };
  if (!args.report.empty()) {
    if (auto s = write(args.report, imported->report.csv()); !s.ok()) return s;
  }
  if (auto s = write(args.out.empty() ? "-" : args.out, imported->catalog.save_json()); !s.ok()) return s;
  if (!args.audit.empty()) {
    if (auto s = write(args.audit, listing_audit_csv(imported->catalog)); !s.ok()) return s;
  }
  const MappingReport& report = imported->report;
  std::cerr << absl::StrFormat(
      "imported %d matters; report: %d mapped, %d defaulted, %d not understood, %d ignored columns, %d rejected "
      "(%d rows)\n",
      imported->catalog.matters().size(), report.count(MappingOutcome::kMapped),
      report.count(MappingOutcome::kDefaulted), report.count(MappingOutcome::kNotUnderstood),
      report.count(MappingOutcome::kIgnored), report.count(MappingOutcome::kRejected), imported->rejected_rows);
  for (size_t i = 0; i < report.size(); ++i) {
    const auto outcome = report.outcome(i);
    if (outcome != MappingOutcome::kRejected && outcome != MappingOutcome::kNotUnderstood) continue;
    std::cerr << absl::StrFormat("  %s row %d%s: %s%s%s\n", report.file(i), report.row(i),
                                 report.column(i).empty() ? "" : absl::StrCat(" column ", report.column(i)),
                                 to_string(outcome),
                                 report.value(i).empty() ? "" : absl::StrCat(" \"", report.value(i), "\""),
                                 report.note(i).empty() ? "" : absl::StrCat(": ", report.note(i)));
  }
  return absl::OkStatus();
}

}  // namespace onetrip::tool
