// onetrip.h compiles on its own as C++ (-Wall -Wextra -Wpedantic -Werror).
#include "onetrip.h"

int onetrip_header_check_cxx() {
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  return static_cast<int>(rules.struct_size);
}
