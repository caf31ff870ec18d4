// The C ABI of the monthly report: the accumulator, the bulletin's CSV, and
// every figure column by column, read from the report's one column table.
#include <string>

#include "capi_internal.hpp"
#include "onetrip/report.hpp"

struct onetrip_report {
  const onetrip_catalog* catalog;  // the caller's, outliving the report
  onetrip::MonthlyReport value;    // keeps its own copy of the calendar
};

struct onetrip_report_result {
  onetrip::ReportTable value;
};

namespace {

using onetrip::ReportColumnType;
using onetrip::capi::guard;

static_assert(ONETRIP_MISSING_DAY == onetrip::kMissingDay, "a missing day is NaT on both sides");
static_assert(ONETRIP_REPORT_VALUE_TEXT == static_cast<int>(ReportColumnType::kText));
static_assert(ONETRIP_REPORT_VALUE_COUNT == static_cast<int>(ReportColumnType::kCount));
static_assert(ONETRIP_REPORT_VALUE_MONEY_FEN == static_cast<int>(ReportColumnType::kMoneyFen));
static_assert(ONETRIP_REPORT_VALUE_RATIO == static_cast<int>(ReportColumnType::kRatio));
static_assert(ONETRIP_REPORT_WINDOWS == static_cast<int>(onetrip::ReportPart::kWindows));
static_assert(ONETRIP_REPORT_HALLS == static_cast<int>(onetrip::ReportPart::kHalls));
static_assert(ONETRIP_REPORT_TOTAL == static_cast<int>(onetrip::ReportPart::kTotal));

absl::StatusOr<onetrip::ReportPart> part_of(onetrip_report_table table) {
  if (table != ONETRIP_REPORT_WINDOWS && table != ONETRIP_REPORT_HALLS && table != ONETRIP_REPORT_TOTAL) {
    return absl::InvalidArgumentError(
        absl::StrCat("table ", static_cast<int>(table), " is not ONETRIP_REPORT_WINDOWS, _HALLS or _TOTAL"));
  }
  return static_cast<onetrip::ReportPart>(table);
}

// The row and column of a cell whose column must be of `type`.
absl::StatusOr<std::pair<const onetrip::ReportRow*, const onetrip::ReportColumn*>> cell(
    const onetrip_report_result* result, onetrip_report_table table, size_t row, size_t column, ReportColumnType type,
    const char* getter) {
  auto part = part_of(table);
  if (!part.ok()) return part.status();
  const auto rows = result->value.rows(*part);
  const auto columns = onetrip::report_columns();
  if (absl::Status s = onetrip::capi::check_index(row, rows.size(), "row"); !s.ok()) return s;
  if (absl::Status s = onetrip::capi::check_index(column, columns.size(), "column"); !s.ok()) return s;
  const onetrip::ReportColumn& c = columns[column];
  const bool fits = type == ReportColumnType::kCount
                        ? c.type == ReportColumnType::kCount || c.type == ReportColumnType::kMoneyFen
                        : c.type == type;
  if (!fits) {
    return absl::InvalidArgumentError(absl::StrCat("column ", column, " \"", std::string(c.name), "\" is of type ",
                                                   std::string(onetrip::to_string(c.type)), ", not read by ", getter));
  }
  return std::make_pair(&rows[row], &c);
}

}  // namespace

extern "C" {

onetrip_status onetrip_report_new(const onetrip_calendar* calendar, const onetrip_catalog* catalog,
                                  onetrip_report** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(calendar);
    ONETRIP_REQUIRE(out);
    *out = new onetrip_report{catalog, onetrip::MonthlyReport(calendar->value, catalog ? &catalog->value : nullptr)};
    return absl::OkStatus();
  });
}

void onetrip_report_free(onetrip_report* report) { delete report; }

onetrip_status onetrip_report_add_csv(onetrip_report* report, const char* utf8, size_t len, bool strict) {
  return onetrip_report_add_csv_with_progress(report, utf8, len, strict, nullptr, nullptr);
}

onetrip_status onetrip_report_add_csv_with_progress(onetrip_report* report, const char* utf8, size_t len, bool strict,
                                                    onetrip_progress_fn progress, void* progress_data) {
  return onetrip::capi::with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(report);
    ONETRIP_REQUIRE(utf8);
    // Skipped rows are not a failure, but their problems stay readable.
    return report->value.add_csv(std::string_view(utf8, len), strict, problems,
                                 onetrip::capi::progress_of(progress, progress_data));
  });
}

onetrip_status onetrip_report_add_columns(onetrip_report* report, const onetrip_case_columns* columns, bool strict) {
  return onetrip_report_add_columns_with_progress(report, columns, strict, nullptr, nullptr);
}

onetrip_status onetrip_report_add_columns_with_progress(onetrip_report* report, const onetrip_case_columns* columns,
                                                        bool strict, onetrip_progress_fn progress,
                                                        void* progress_data) {
  return onetrip::capi::with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(report);
    ONETRIP_REQUIRE(columns);
    auto given = onetrip::capi::read_struct(columns, "columns");
    if (!given.ok()) return given.status();
    const onetrip_case_columns& in = *given;
    const size_t n = in.rows;
    // The categories as views: a few per column, so their vectors are the
    // call's only allocations, whatever the number of rows.
    std::vector<std::string_view> categories[5];
    const onetrip_text_column* texts[5] = {&in.case_id, &in.matter, &in.department, &in.hall, &in.kind};
    const char* const names[5] = {"case_id", "matter", "department", "hall", "kind"};
    onetrip::TextColumn columns_cpp[5];
    for (int c = 0; c < 5; ++c) {
      const onetrip_text_column& t = *texts[c];
      if (t.codes == nullptr) continue;
      if (t.category_count > 0 && t.categories == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat("columns->", names[c], ".categories is NULL"));
      }
      categories[c].reserve(t.category_count);
      for (size_t i = 0; i < t.category_count; ++i) {
        if (t.categories[i] == nullptr) {
          return absl::InvalidArgumentError(absl::StrCat("columns->", names[c], ".categories[", i, "] is NULL"));
        }
        const std::string_view text = t.category_lengths == nullptr
                                          ? std::string_view(t.categories[i])
                                          : std::string_view(t.categories[i], t.category_lengths[i]);
        if (text.find('\0') != text.npos) {
          return absl::InvalidArgumentError(
              absl::StrCat("columns->", names[c], ".categories[", i, "] contains a NUL byte"));
        }
        categories[c].push_back(text);
      }
      columns_cpp[c] = {absl::MakeConstSpan(t.codes, n), categories[c]};
    }
    const auto span = [&](const auto* p) {
      using T = std::remove_cv_t<std::remove_pointer_t<decltype(p)>>;
      return p == nullptr ? absl::Span<const T>() : absl::MakeConstSpan(p, n);
    };
    if (in.received == nullptr && n > 0) return onetrip::capi::null_argument("columns->received");
    onetrip::CaseColumns cpp;
    cpp.rows = n;
    cpp.case_id = columns_cpp[0];
    cpp.matter = columns_cpp[1];
    cpp.department = columns_cpp[2];
    cpp.hall = columns_cpp[3];
    cpp.kind = columns_cpp[4];
    cpp.received = span(in.received);
    cpp.completed = span(in.completed);
    cpp.fee_fen = span(in.fee_fen);
    cpp.fee_yuan = span(in.fee_yuan);
    cpp.joint = span(in.joint);
    cpp.limit = span(in.limit);
    cpp.limit_given = span(in.limit_given);
    cpp.accepted = span(in.accepted);
    return report->value.add_columns(cpp, strict, problems, onetrip::capi::progress_of(progress, progress_data));
  });
}

onetrip_status onetrip_report_merge(onetrip_report* into, const onetrip_report* from) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(into);
    ONETRIP_REQUIRE(from);
    if (into == from) return absl::InvalidArgumentError("a report cannot be merged into itself");
    return into->value.merge(from->value);
  });
}

onetrip_status onetrip_report_counts(const onetrip_report* report, int64_t* out_cases, int64_t* out_skipped) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(report);
    ONETRIP_REQUIRE(out_cases);
    ONETRIP_REQUIRE(out_skipped);
    *out_cases = report->value.cases();
    *out_skipped = report->value.skipped();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_csv(const onetrip_report* report, int32_t year, int32_t month, const char* hall,
                                  onetrip_report_table table, char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(report);
    ONETRIP_REQUIRE(out_utf8);
    if (table != ONETRIP_REPORT_WINDOWS && table != ONETRIP_REPORT_HALLS) {
      return absl::InvalidArgumentError("table is not ONETRIP_REPORT_WINDOWS or ONETRIP_REPORT_HALLS");
    }
    auto t = report->value.finish(year, month);
    if (!t.ok()) return t.status();
    std::string name;
    if (hall != nullptr) {
      name = hall;
    } else if (report->catalog != nullptr && !report->catalog->value.halls().empty()) {
      name = report->catalog->value.halls()[0].name;
    } else if (!t->halls.empty()) {
      name = t->halls[0].hall;
    }
    const std::string csv = table == ONETRIP_REPORT_WINDOWS ? t->windows_csv(name) : t->halls_csv(name);
    *out_utf8 = onetrip::capi::owned_copy(csv);
    if (out_len != nullptr) *out_len = csv.size();
    return absl::OkStatus();
  });
}

size_t onetrip_report_column_count(void) { return onetrip::report_columns().size(); }

const char* onetrip_report_column_name(size_t column) {
  const auto columns = onetrip::report_columns();
  // The names are string literals: NUL-terminated.
  return column < columns.size() ? columns[column].name.data() : nullptr;
}

const char* onetrip_report_column_label(size_t column) {
  const auto columns = onetrip::report_columns();
  return column < columns.size() ? columns[column].label.data() : nullptr;
}

onetrip_status onetrip_report_column_type(size_t column, onetrip_report_value_type* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(out);
    const auto columns = onetrip::report_columns();
    if (absl::Status s = onetrip::capi::check_index(column, columns.size(), "column"); !s.ok()) return s;
    *out = static_cast<onetrip_report_value_type>(columns[column].type);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_column_find(const char* name, size_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(name);
    ONETRIP_REQUIRE(out);
    auto index = onetrip::find_report_column(name);
    if (!index) return absl::NotFoundError(absl::StrCat("no report column is named \"", name, "\""));
    *out = *index;
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_finish(const onetrip_report* report, int32_t year, int32_t month,
                                     onetrip_report_result** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(report);
    ONETRIP_REQUIRE(out);
    return onetrip::capi::store(report->value.finish(year, month), out);
  });
}

void onetrip_report_result_free(onetrip_report_result* result) { delete result; }

onetrip_status onetrip_report_row_count(const onetrip_report_result* result, onetrip_report_table table, size_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(result);
    ONETRIP_REQUIRE(out);
    auto part = part_of(table);
    if (!part.ok()) return part.status();
    *out = result->value.rows(*part).size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_int64(const onetrip_report_result* result, onetrip_report_table table, size_t row,
                                    size_t column, int64_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(result);
    ONETRIP_REQUIRE(out);
    auto c = cell(result, table, row, column, ReportColumnType::kCount, "onetrip_report_int64");
    if (!c.ok()) return c.status();
    *out = c->first->*(c->second->figure);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_double(const onetrip_report_result* result, onetrip_report_table table, size_t row,
                                     size_t column, double* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(result);
    ONETRIP_REQUIRE(out);
    auto c = cell(result, table, row, column, ReportColumnType::kRatio, "onetrip_report_double");
    if (!c.ok()) return c.status();
    *out = c->second->ratio(*c->first);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_text(const onetrip_report_result* result, onetrip_report_table table, size_t row,
                                   size_t column, const char** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(result);
    ONETRIP_REQUIRE(out);
    auto c = cell(result, table, row, column, ReportColumnType::kText, "onetrip_report_text");
    if (!c.ok()) return c.status();
    *out = (c->first->*(c->second->text)).c_str();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_report_result_csv(const onetrip_report_result* result, onetrip_report_table table,
                                         char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(result);
    ONETRIP_REQUIRE(out_utf8);
    auto part = part_of(table);
    if (!part.ok()) return part.status();
    const std::string csv = result->value.csv(*part);
    *out_utf8 = onetrip::capi::owned_copy(csv);
    if (out_len != nullptr) *out_len = csv.size();
    return absl::OkStatus();
  });
}

}  // extern "C"
