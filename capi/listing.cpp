// The C ABI of the implementation-list tables (onetrip/listing.hpp).
#include <memory>
#include <string>
#include <utility>

#include "capi_internal.hpp"
#include "onetrip/listing.hpp"

using onetrip::ListingTableKind;
using onetrip::capi::guard;

struct onetrip_listing_input {
  onetrip::ListingInput value;
};

struct onetrip_listing {
  onetrip::ListingImport value;
};

namespace {

absl::StatusOr<ListingTableKind> table_kind(onetrip_listing_table table) {
  if (table < 0 || table >= onetrip::kListingTableCount) {
    return absl::InvalidArgumentError(absl::StrCat("table ", static_cast<int>(table), " is not a listing table (0-",
                                                   onetrip::kListingTableCount - 1, ")"));
  }
  return onetrip::capi::to_cpp(table);
}

absl::Status owned(const std::string& text, char** out_utf8, size_t* out_len) {
  *out_utf8 = onetrip::capi::owned_copy(text);
  if (out_len != nullptr) *out_len = text.size();
  return absl::OkStatus();
}

}  // namespace

onetrip_status onetrip_listing_input_new(onetrip_listing_input** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(out);
    *out = new onetrip_listing_input{};
    return absl::OkStatus();
  });
}

void onetrip_listing_input_free(onetrip_listing_input* input) { delete input; }

onetrip_status onetrip_listing_input_add_csv(onetrip_listing_input* input, onetrip_listing_table table,
                                             const char* file, const char* bytes, size_t len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(input);
    ONETRIP_REQUIRE(file);
    if (bytes == nullptr && len > 0) return onetrip::capi::null_argument("bytes");
    auto kind = table_kind(table);
    if (!kind.ok()) return kind.status();
    auto read = onetrip::read_listing_csv(std::string_view(bytes == nullptr ? "" : bytes, len), file);
    if (!read.ok()) return read.status();
    input->value.set(*kind, *std::move(read));
    return absl::OkStatus();
  });
}

onetrip_status onetrip_listing_import(const onetrip_listing_input* input, bool strict, const char* name,
                                      onetrip_listing** out) {
  return onetrip::capi::with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(input);
    ONETRIP_REQUIRE(out);
    onetrip::ListingOptions options;
    options.strict = strict;
    if (name != nullptr) options.name = name;
    auto imported = onetrip::import_listing(input->value, options, problems);
    if (!imported.ok()) return imported.status();
    *out = new onetrip_listing{*std::move(imported)};
    return absl::OkStatus();
  });
}

void onetrip_listing_free(onetrip_listing* listing) { delete listing; }

onetrip_status onetrip_listing_catalog(const onetrip_listing* listing, onetrip_catalog** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(listing);
    ONETRIP_REQUIRE(out);
    *out = new onetrip_catalog{listing->value.catalog};
    return absl::OkStatus();
  });
}

onetrip_status onetrip_listing_counts(const onetrip_listing* listing, size_t* out_report_lines,
                                      int64_t* out_rejected_rows) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(listing);
    ONETRIP_REQUIRE(out_report_lines);
    ONETRIP_REQUIRE(out_rejected_rows);
    *out_report_lines = listing->value.report.size();
    *out_rejected_rows = listing->value.rejected_rows;
    return absl::OkStatus();
  });
}

onetrip_status onetrip_listing_report_line(const onetrip_listing* listing, size_t index, onetrip_mapping_line* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(listing);
    ONETRIP_REQUIRE(out);
    const onetrip::MappingReport& r = listing->value.report;
    if (auto s = onetrip::capi::check_index(index, r.size(), "report line"); !s.ok()) return s;
    onetrip_mapping_line line = ONETRIP_MAPPING_LINE_INIT;
    line.file = r.file(index).c_str();
    line.row = r.row(index);
    line.column = r.column(index).c_str();
    line.outcome = onetrip::capi::to_c(r.outcome(index));
    line.value = r.value(index).c_str();
    line.note = r.note(index).c_str();
    return onetrip::capi::write_struct(line, out);
  });
}

onetrip_status onetrip_listing_report_csv(const onetrip_listing* listing, char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(listing);
    ONETRIP_REQUIRE(out_utf8);
    return owned(listing->value.report.csv(), out_utf8, out_len);
  });
}

onetrip_status onetrip_listing_write_csv(const onetrip_catalog* catalog, onetrip_listing_table table, bool labels,
                                         char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out_utf8);
    auto kind = table_kind(table);
    if (!kind.ok()) return kind.status();
    const auto tables = onetrip::write_listing(
        catalog->value, labels ? onetrip::ListingCodes::kLabels : onetrip::ListingCodes::kNumeric);
    if (!tables.ok()) return tables.status();
    return owned(onetrip::listing_table_csv((*tables)[static_cast<size_t>(*kind)]), out_utf8, out_len);
  });
}

onetrip_status onetrip_listing_audit_csv(const onetrip_catalog* catalog, char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out_utf8);
    return owned(onetrip::listing_audit_csv(catalog->value), out_utf8, out_len);
  });
}
