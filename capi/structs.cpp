// The C ABI's onetrip_<struct>_init functions: the _INIT macros for callers
// that cannot expand a macro (Java, C#, Go, Python's ctypes), after libgit2's
// git_<struct>_init. Each takes the caller's sizeof and fills the fields of
// that size, as read_struct / write_struct accept it (capi_internal.hpp).
#include "capi_internal.hpp"

#define ONETRIP_INIT_FUNCTION(T)                                                               \
  onetrip_status T##_init(T* s, uint32_t struct_size) {                                        \
    return onetrip::capi::guard([&]() { return onetrip::capi::init_struct(s, struct_size); }); \
  }

extern "C" {

ONETRIP_INIT_FUNCTION(onetrip_calendar_rules)
ONETRIP_INIT_FUNCTION(onetrip_generator_options)
ONETRIP_INIT_FUNCTION(onetrip_catalog_counts)
ONETRIP_INIT_FUNCTION(onetrip_hall_info)
ONETRIP_INIT_FUNCTION(onetrip_department_info)
ONETRIP_INIT_FUNCTION(onetrip_material_info)
ONETRIP_INIT_FUNCTION(onetrip_matter_info)
ONETRIP_INIT_FUNCTION(onetrip_material_use)
ONETRIP_INIT_FUNCTION(onetrip_bundle_info)
ONETRIP_INIT_FUNCTION(onetrip_bundle_edge)
ONETRIP_INIT_FUNCTION(onetrip_trip_options)
ONETRIP_INIT_FUNCTION(onetrip_trips_summary)
ONETRIP_INIT_FUNCTION(onetrip_trip_info)
ONETRIP_INIT_FUNCTION(onetrip_need_info)
ONETRIP_INIT_FUNCTION(onetrip_matter_due_info)
ONETRIP_INIT_FUNCTION(onetrip_schedule_summary)
ONETRIP_INIT_FUNCTION(onetrip_member_schedule)
ONETRIP_INIT_FUNCTION(onetrip_evaluation_buffers)
ONETRIP_INIT_FUNCTION(onetrip_evaluate_options)
ONETRIP_INIT_FUNCTION(onetrip_indicators)
ONETRIP_INIT_FUNCTION(onetrip_finding)
ONETRIP_INIT_FUNCTION(onetrip_compare_options)
ONETRIP_INIT_FUNCTION(onetrip_comparison_totals)
ONETRIP_INIT_FUNCTION(onetrip_delta)
ONETRIP_INIT_FUNCTION(onetrip_department_savings)
ONETRIP_INIT_FUNCTION(onetrip_clock_options)
ONETRIP_INIT_FUNCTION(onetrip_clock_state)
ONETRIP_INIT_FUNCTION(onetrip_mapping_line)
ONETRIP_INIT_FUNCTION(onetrip_case_columns)
ONETRIP_INIT_FUNCTION(onetrip_bpmn_options)
ONETRIP_INIT_FUNCTION(onetrip_roadmap_reform)
ONETRIP_INIT_FUNCTION(onetrip_roadmap_month)
ONETRIP_INIT_FUNCTION(onetrip_notice_options)
ONETRIP_INIT_FUNCTION(onetrip_notice_summary)
ONETRIP_INIT_FUNCTION(onetrip_reform_month)
ONETRIP_INIT_FUNCTION(onetrip_field_change)
ONETRIP_INIT_FUNCTION(onetrip_field_period)

}  // extern "C"
