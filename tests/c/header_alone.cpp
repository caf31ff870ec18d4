// onetrip.h compiles on its own as C++ (-Wall -Wextra -Wpedantic -Werror), _INIT macros included.
#include "onetrip.h"

int onetrip_header_check_cxx() {
#include "header_inits.inc"
  return static_cast<int>(ONETRIP_INIT_SIZES);
}
