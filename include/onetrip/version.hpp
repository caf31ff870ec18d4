// The library's version, the same as the C header's ONETRIP_VERSION_*.
#ifndef ONETRIP_VERSION_HPP_
#define ONETRIP_VERSION_HPP_

namespace onetrip {

// "MAJOR.MINOR.PATCH".
const char* version_string();
// MAJOR * 10000 + MINOR * 100 + PATCH.
int version_number();

}  // namespace onetrip

#endif  // ONETRIP_VERSION_HPP_
