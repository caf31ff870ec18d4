// BPMN 2.0 out and in: a bundle as a process definition that Flowable or
// Camunda deploy (reviews as user tasks of their departments, parallel
// gateways, the applicant's carrying as message waits, the limits as boundary
// timers, onetrip's trips and critical path as documentation, and a diagram
// laid out left to right by earliest start), and a process definition the
// platform already runs read back into a bundle that onetrip can analyse.
//
// docs/bpmn.md states every element written and read, the due-date
// convention for working days, and how to wire onetrip's calendar into the
// engines' business calendars.
//
// Thread rules: every function here is a pure function of its arguments; a
// BpmnImport is a plain value (read it from any number of threads, change it
// from one).
#ifndef ONETRIP_BPMN_HPP_
#define ONETRIP_BPMN_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"

namespace onetrip {

// The engine whose extension attributes the export writes.
enum class BpmnEngine : uint8_t {
  kPlain,     // standard BPMN only: departments as potentialOwner group(…)
  kFlowable,  // flowable:candidateGroups, flowable:dueDate, flowable:businessCalendarName
  kCamunda,   // camunda:candidateGroups, camunda:dueDate, timers as a calendar bean's expression
};
inline constexpr int kBpmnEngineCount = 3;
const char* to_string(BpmnEngine engine);  // "plain", "flowable", "camunda"
// "plain", "flowable" or "camunda"; INVALID_ARGUMENT naming the text otherwise.
absl::StatusOr<BpmnEngine> parse_bpmn_engine(std::string_view text);

struct BpmnOptions {
  BpmnEngine engine = BpmnEngine::kPlain;
  // With an acceptance date, every limit is written as the date onetrip
  // computes on `calendar` (the China calendar when null): a timeDate and a
  // dueDate any engine evaluates as it is. Without one, a limit in working
  // days is left to the engine's business calendar named `business_calendar`
  // (docs/bpmn.md shows the wiring); natural days and months are plain ISO
  // 8601 durations.
  std::optional<Date> accepted;
  const Calendar* calendar = nullptr;
  std::string business_calendar = "onetrip";
};

// The bundle as one BPMN 2.0 <definitions> document (UTF-8). INVALID_ARGUMENT
// for a bundle index out of range or a non-empty business_calendar that is not
// a name ([A-Za-z_][A-Za-z0-9_.-]*); OUT_OF_RANGE when a due date leaves the
// calendar's coverage.
absl::StatusOr<std::string> export_bpmn(const Catalog& catalog, BundleIndex bundle, const BpmnOptions& options = {});

// An element of the file that the import could not map, or mapped only in
// part: its id, its kind (the BPMN element's local name, e.g. "serviceTask")
// and what became of it.
struct BpmnUnmapped {
  std::string id;
  std::string kind;
  std::string note;
  friend bool operator==(const BpmnUnmapped& a, const BpmnUnmapped& b) {
    return a.id == b.id && a.kind == b.kind && a.note == b.note;
  }
};

struct BpmnImportOptions {
  std::string hall_name = "行政服务中心";  // the one hall the skeleton's windows are in
};

// A process read back: a catalogue (validated by Catalog::from_data) with
// one bundle — members, edges, lead, acceptance, results, handling — and a
// matter per review with its department and limit; the rest of a matter
// (materials, channels) is not in a process definition and keeps its
// defaults. Every element not mapped is in `unmapped`, in document order.
struct BpmnImport {
  Catalog catalog;
  std::string bundle_id;
  std::vector<BpmnUnmapped> unmapped;
};

// INVALID_ARGUMENT, naming the element's id (and the XML offset for a parse
// error), for a document that is not XML, not BPMN 2.0 <definitions>, has no
// process with a user task, or whose tasks depend on each other in a cycle.
absl::StatusOr<BpmnImport> import_bpmn(std::string_view xml, const BpmnImportOptions& options = {});

}  // namespace onetrip

#endif  // ONETRIP_BPMN_HPP_
