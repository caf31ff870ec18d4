#include "onetrip/version.hpp"

namespace onetrip {

const char* version_string() { return ONETRIP_VERSION_STRING; }
int version_number() { return ONETRIP_VERSION_MAJOR * 10000 + ONETRIP_VERSION_MINOR * 100 + ONETRIP_VERSION_PATCH; }

}  // namespace onetrip
