// Audit: each matter's declared trips (到办事现场次数) against the computed
// ones, and the consistency rules of catalogue data quality.
#ifndef ONETRIP_AUDIT_HPP_
#define ONETRIP_AUDIT_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "onetrip/catalog.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {

// The loader already refuses an immediate matter with promised days and a
// promised limit over the legal one; these are the rules it cannot refuse.
enum class AuditRule : uint8_t {
  kDeclaredTrips,            // the declared trips differ from the computed ones
  kDeclaredZeroNeedsRemote,  // declared 0 trips, yet neither full online nor postal application
  kFullyOnlineMeansZero,     // fully online, yet more than 0 trips declared
  kNoFeeNoOnlinePayment,     // online payment offered for a matter without a fee
};

struct Finding {
  MatterIndex matter = 0;
  AuditRule rule = AuditRule::kDeclaredTrips;
  std::string message;  // names the matter and what is wrong
};

std::vector<Finding> audit(const Catalog& catalog, const TripOptions& options = {});
const char* to_string(AuditRule rule);

}  // namespace onetrip

#endif  // ONETRIP_AUDIT_HPP_
