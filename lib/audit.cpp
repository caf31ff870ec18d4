#include "onetrip/audit.hpp"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace onetrip {

const char* to_string(AuditRule rule) {
  switch (rule) {
    case AuditRule::kDeclaredTrips:
      return "declared trips differ from the computed ones";
    case AuditRule::kDeclaredZeroNeedsRemote:
      return "declared 0 trips needs online or postal application";
    case AuditRule::kFullyOnlineMeansZero:
      return "fully online means 0 trips";
    case AuditRule::kNoFeeNoOnlinePayment:
      return "no fee means no online payment";
  }
  return "?";
}

std::vector<Finding> audit(const Catalog& catalog, const TripOptions& options) {
  std::vector<Finding> out;
  const auto matters = catalog.matters();
  for (MatterIndex i = 0; i < matters.size(); ++i) {
    const Matter& m = matters[i];
    const std::string who = absl::StrFormat("%s %s", m.code, m.name);
    if (m.declared_trips) {
      const TripResult r = evaluate_trips(catalog, i, options);
      if (r.trips != *m.declared_trips) {
        std::vector<std::string> reasons;
        for (const Trip& t : r.trip_list) {
          for (const Need& need : t.needs) reasons.push_back(describe(catalog, need));
        }
        out.push_back({i, AuditRule::kDeclaredTrips,
                       absl::StrFormat("%s: declares %d trip%s, computed %d%s%s", who, *m.declared_trips,
                                       *m.declared_trips == 1 ? "" : "s", r.trips, reasons.empty() ? "" : ": ",
                                       absl::StrJoin(reasons, "; "))});
      }
      const bool remote = m.online == OnlineApplication::kFull || m.postal_application;
      if (*m.declared_trips == 0 && !remote) {
        out.push_back(
            {i, AuditRule::kDeclaredZeroNeedsRemote,
             absl::StrFormat("%s: declares 0 trips but offers neither full online nor postal application", who)});
      }
      if (m.online == OnlineApplication::kFull && *m.declared_trips > 0) {
        out.push_back({i, AuditRule::kFullyOnlineMeansZero,
                       absl::StrFormat("%s: fully online (全程网办) yet declares %d trip%s", who, *m.declared_trips,
                                       *m.declared_trips == 1 ? "" : "s")});
      }
    }
    if (m.fee_fen == 0 && m.online_payment) {
      out.push_back(
          {i, AuditRule::kNoFeeNoOnlinePayment, absl::StrFormat("%s: offers online payment but charges no fee", who)});
    }
  }
  return out;
}

}  // namespace onetrip
