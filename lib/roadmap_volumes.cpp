// The roadmap's monthly volumes from a case log: the report's reading of the
// log (lib/report_internal.hpp), counted per matter and month of acceptance.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/format.hpp"
#include "onetrip/roadmap.hpp"
#include "report_internal.hpp"
#include "text_support.hpp"

namespace onetrip {

namespace {

int32_t month_number(Date d) { return static_cast<int32_t>(d.year()) * 12 + (static_cast<int32_t>(d.month()) - 1); }
Date month_of(int32_t number) { return Date(number / 12, number % 12 + 1, 1); }
std::string validity_text(const std::optional<Date>& from, const std::optional<Date>& until) {
  return absl::StrFormat("in force %s to %s", from ? format_date(*from) : "always",
                         until ? format_date(*until) : "open");
}

// Counts the cases the report's reading passes, per matter and month;
// `read` runs that reading (a CSV's or columns') with the taker it is given.
template <class Read>
absl::StatusOr<MonthlyVolumes> count_cases(const Catalog& catalog, const Calendar& calendar,
                                           const CaseLogOptions& options, const char* what, Read read,
                                           std::vector<Problem>* problems_out) {
  internal::Problems problems;
  const bool bounded_from = !options.from.is_special(), bounded_to = !options.to.is_special();
  if (bounded_from && bounded_to && month_number(options.to) < month_number(options.from)) {
    problems.add("to", absl::StrFormat("the last month %s is before the first %s",
                                       format_month({options.to.year(), options.to.month()}),
                                       format_month({options.from.year(), options.from.month()})));
    if (problems_out) problems.append_to(*problems_out);
    return problems.to_status(what);
  }
  const int32_t first = bounded_from ? month_number(options.from) : INT32_MIN;
  const int32_t last = bounded_to ? month_number(options.to) : INT32_MAX;
  const Coverage coverage = calendar.coverage();
  absl::flat_hash_map<std::pair<int32_t, MatterIndex>, int64_t> counts;  // (month, matter) -> cases
  std::map<int32_t, std::string> where;                                  // each month's first case
  const internal::CaseTaker take = [&](const internal::LoggedCase& c) -> std::string {
    if (!c.matter_index) {
      return "no matter: the roadmap's volumes count cases per matter (a department alone names none)";
    }
    const Date day = c.accepted.value_or(c.received);
    const int32_t month = month_number(day);
    if (month < first || last < month) return std::string();  // another month: passed over
    const char* day_name = c.accepted ? "accepted" : "received (and accepted)";
    if (day < coverage.first || coverage.last < day) {
      return absl::StrFormat("%s %s, outside the calendar \"%s\" (%s to %s): no month of a roadmap holds it", day_name,
                             format_date(day), calendar.name(), format_date(coverage.first),
                             format_date(coverage.last));
    }
    const Matter& m = catalog.matters()[*c.matter_index];
    if ((m.effective_from && day < *m.effective_from) || (m.effective_until && *m.effective_until < day)) {
      return absl::StrFormat("%s %s, but matter \"%s\" is not in force that day (%s)", day_name, format_date(day),
                             internal::escape_invalid_utf8(c.matter),
                             validity_text(m.effective_from, m.effective_until));
    }
    ++counts[{month, *c.matter_index}];
    if (where.find(month) == where.end()) where.emplace(month, absl::StrCat(c.unit, " ", c.position));
    return std::string();
  };
  const absl::Status read_status = read(take, problems);
  if (problems_out) problems.append_to(*problems_out);
  if (!read_status.ok()) return read_status;
  if (options.strict && !problems.empty()) return problems.to_status(absl::StrCat(what, " (strict: nothing counted)"));
  MonthlyVolumes out;
  for (const auto& [key, cases] : counts) {
    out.months[month_of(key.first)].matters[catalog.matters()[key.second].code] += static_cast<double>(cases);
  }
  for (const auto& [month, row] : where) out.where.emplace(month_of(month), row);
  return out;
}

}  // namespace

absl::StatusOr<MonthlyVolumes> load_case_log_volumes_csv(const Catalog& catalog, const Calendar& calendar,
                                                         std::string_view csv, const CaseLogOptions& options,
                                                         std::vector<Problem>* problems) {
  return count_cases(
      catalog, calendar, options, "case log",
      [&](const internal::CaseTaker& take, internal::Problems& found) {
        return internal::CaseLog::read_csv(calendar, catalog, csv, take, found);
      },
      problems);
}

absl::StatusOr<MonthlyVolumes> load_case_log_volumes_file(const Catalog& catalog, const Calendar& calendar,
                                                          const std::string& path, const CaseLogOptions& options,
                                                          std::vector<Problem>* problems) {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  return internal::prefix_error(load_case_log_volumes_csv(catalog, calendar, *text, options, problems), path);
}

absl::StatusOr<MonthlyVolumes> case_log_volumes(const Catalog& catalog, const Calendar& calendar,
                                                const CaseColumns& columns, const CaseLogOptions& options,
                                                std::vector<Problem>* problems) {
  return count_cases(
      catalog, calendar, options, "case columns",
      [&](const internal::CaseTaker& take, internal::Problems& found) {
        return internal::CaseLog::read_columns(calendar, catalog, columns, take, found);
      },
      problems);
}

}  // namespace onetrip
