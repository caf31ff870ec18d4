// Internal to situations: checking and compiling a matter's or a bundle's
// situations (called by the catalogue's validation and construction), and the
// scope of questions a bundle asks.
#ifndef ONETRIP_LIB_SITUATION_INTERNAL_HPP_
#define ONETRIP_LIB_SITUATION_INTERNAL_HPP_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "enum_names.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/situation.hpp"
#include "text_support.hpp"

namespace onetrip {
absl::Span<const internal::EnumName<QuestionType>> enum_names(QuestionType);
absl::Span<const internal::EnumName<Refusal>> enum_names(Refusal);
}  // namespace onetrip

namespace onetrip::internal {

// The questions a bundle's notice asks: its own, then each member's in member
// order, each id once.
std::vector<Question> bundle_scope(const Bundle& bundle, const std::function<const Matter*(MatterIndex)>& matter);

// Every problem of a matter's situations, at paths under `path` ("$.matters[3]").
// `matter_code` finds a matter by code for an eligibility rule's "instead".
void check_matter_situations(const Matter& m, const std::string& path,
                             const std::function<bool(std::string_view)>& matter_exists, Problems& problems);
// The same for a bundle; `matter` gives a member (null when unresolved).
void check_bundle_situations(const Bundle& b, const std::string& path,
                             const std::function<const Matter*(MatterIndex)>& matter, Problems& problems);

// The situations with every condition compiled (the checks passed).
SituationsRef compiled(const SituationsRef& s, absl::Span<const Question> scope);

// situation_range of a matter or a bundle by its index: the whole-catalogue
// evaluation's loop, with no look-up by code.
absl::StatusOr<SituationRange> matter_situation_range(const Catalog& catalog, MatterIndex matter,
                                                      const SituationRangeOptions& options = {});
absl::StatusOr<SituationRange> bundle_situation_range(const Catalog& catalog, BundleIndex bundle,
                                                      const SituationRangeOptions& options = {});
// A matter's range is evaluated on a plan of its own conditions (its rules,
// material uses and variants gathered once, each situation then evaluated
// with no look-up); a matter whose conditions are not all compiled or tell
// more than options.max_situations combinations apart takes the general path
// (bundles always do). This is the general path for a matter alone: the
// reference the plan is tested against.
absl::StatusOr<SituationRange> general_situation_range(const Catalog& catalog, MatterIndex matter,
                                                       const SituationRangeOptions& options = {});

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_SITUATION_INTERNAL_HPP_
