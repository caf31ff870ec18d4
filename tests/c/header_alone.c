/* onetrip.h compiles on its own as C99 (-Wall -Wextra -Wpedantic -Werror). */
#include "onetrip.h"

int onetrip_header_check_c(void) { return ONETRIP_VERSION_NUMBER > 0 && ONETRIP_OK == 0; }

int onetrip_header_check_c_inits(void) {
#include "header_inits.inc"
  return (int)ONETRIP_INIT_SIZES;
}
