// onetrip.h compiles on its own as C++ (-Wall -Wextra -Wpedantic -Werror), _INIT macros included.
#include "onetrip.h"

int onetrip_header_check_cxx() {
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  onetrip_hall_info hall = ONETRIP_HALL_INFO_INIT;
  onetrip_department_info department = ONETRIP_DEPARTMENT_INFO_INIT;
  onetrip_material_info material = ONETRIP_MATERIAL_INFO_INIT;
  onetrip_matter_info matter = ONETRIP_MATTER_INFO_INIT;
  onetrip_material_use use = ONETRIP_MATERIAL_USE_INIT;
  onetrip_bundle_info bundle = ONETRIP_BUNDLE_INFO_INIT;
  onetrip_bundle_edge edge = ONETRIP_BUNDLE_EDGE_INIT;
  return static_cast<int>(rules.struct_size + counts.struct_size + hall.struct_size + department.struct_size +
                          material.struct_size + matter.struct_size + use.struct_size + bundle.struct_size +
                          edge.struct_size);
}
