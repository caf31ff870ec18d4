// Internal: the monthly report's reading of a case log (the header, each
// row's fields and the checks a row must pass to be counted: lib/report.cpp)
// for another reader of the same log, the roadmap's monthly volumes
// (lib/roadmap_volumes.cpp), so that a row is read and refused the same way
// by both.
#ifndef ONETRIP_LIB_REPORT_INTERNAL_HPP_
#define ONETRIP_LIB_REPORT_INTERNAL_HPP_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/report.hpp"
#include "text_support.hpp"

namespace onetrip::internal {

// One case that MonthlyReport would count. Its views point into the caller's
// text or columns and last for the call on it.
struct LoggedCase {
  std::string_view case_id;
  std::string_view matter;                  // the code as written; may be empty
  std::optional<MatterIndex> matter_index;  // the catalogue's, when matter is given
  Date received;
  std::optional<Date> accepted;  // none: accepted the day it was received
  bool joint = false;
  // Where it is: "line" (from 1, the header's line 1) or "row" (from 0).
  const char* unit = "line";
  size_t position = 0;
};

// What a reader does with a case the report would count: an empty string, or
// why it refuses it (the row is then a bad row like the report's own).
using CaseTaker = std::function<std::string(const LoggedCase&)>;

class CaseLog {
 public:
  // Reads case records as MonthlyReport::add_csv does, on its calendar and
  // catalogue: a row the report would count goes to `take`; a row it would
  // skip, or one `take` refuses, is a problem at its line ("line 12", with the
  // case id, the report's own message). A header that is not the report's, or
  // an empty text, fails the call (the problem listed too).
  static absl::Status read_csv(const Calendar& calendar, const Catalog& catalog, std::string_view csv,
                               const CaseTaker& take, Problems& problems);
  // The same for columns, as MonthlyReport::add_columns reads them ("row i",
  // from 0); columns of the wrong shape fail the call.
  static absl::Status read_columns(const Calendar& calendar, const Catalog& catalog, const CaseColumns& columns,
                                   const CaseTaker& take, Problems& problems);
};

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_REPORT_INTERNAL_HPP_
