/* onetrip.h compiles on its own as C99 (-Wall -Wextra -Wpedantic -Werror). */
#include "onetrip.h"

int onetrip_header_check_c(void) { return ONETRIP_VERSION_NUMBER > 0 && ONETRIP_OK == 0; }
