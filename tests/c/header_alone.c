/* onetrip.h compiles on its own as C99 (-Wall -Wextra -Wpedantic -Werror). */
#include "onetrip.h"

int onetrip_header_check_c(void) { return ONETRIP_VERSION_NUMBER > 0 && ONETRIP_OK == 0; }

int onetrip_header_check_c_inits(void) {
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  onetrip_hall_info hall = ONETRIP_HALL_INFO_INIT;
  onetrip_department_info department = ONETRIP_DEPARTMENT_INFO_INIT;
  onetrip_material_info material = ONETRIP_MATERIAL_INFO_INIT;
  onetrip_matter_info matter = ONETRIP_MATTER_INFO_INIT;
  onetrip_material_use use = ONETRIP_MATERIAL_USE_INIT;
  onetrip_bundle_info bundle = ONETRIP_BUNDLE_INFO_INIT;
  onetrip_bundle_edge edge = ONETRIP_BUNDLE_EDGE_INIT;
  onetrip_trip_options options = ONETRIP_TRIP_OPTIONS_INIT;
  onetrip_trips_summary summary = ONETRIP_TRIPS_SUMMARY_INIT;
  onetrip_trip_info trip = ONETRIP_TRIP_INFO_INIT;
  onetrip_need_info need = ONETRIP_NEED_INFO_INIT;
  onetrip_matter_due_info due = ONETRIP_MATTER_DUE_INFO_INIT;
  onetrip_schedule_summary schedule = ONETRIP_SCHEDULE_SUMMARY_INIT;
  onetrip_member_schedule member = ONETRIP_MEMBER_SCHEDULE_INIT;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  onetrip_indicators indicators = ONETRIP_INDICATORS_INIT;
  onetrip_finding finding = ONETRIP_FINDING_INIT;
  onetrip_comparison_totals totals = ONETRIP_COMPARISON_TOTALS_INIT;
  onetrip_delta delta = ONETRIP_DELTA_INIT;
  onetrip_department_savings savings = ONETRIP_DEPARTMENT_SAVINGS_INIT;
  onetrip_clock_options clock_options = ONETRIP_CLOCK_OPTIONS_INIT;
  onetrip_clock_state clock_state = ONETRIP_CLOCK_STATE_INIT;
  return (int)(rules.struct_size + counts.struct_size + hall.struct_size + department.struct_size +
               material.struct_size + matter.struct_size + use.struct_size + bundle.struct_size + edge.struct_size +
               options.struct_size + summary.struct_size + trip.struct_size + need.struct_size + due.struct_size +
               schedule.struct_size + member.struct_size + buffers.struct_size + indicators.struct_size + finding.struct_size +
               totals.struct_size + delta.struct_size + savings.struct_size +
               clock_options.struct_size + clock_state.struct_size);
}
