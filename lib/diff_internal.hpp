// Internal to the diff: one matter's changes between two catalogues, for the
// comparison's "changed" (any field that enters a figure differs).
#ifndef ONETRIP_LIB_DIFF_INTERNAL_HPP_
#define ONETRIP_LIB_DIFF_INTERNAL_HPP_

#include <vector>

#include "onetrip/catalog.hpp"
#include "onetrip/diff.hpp"

namespace onetrip::internal {

// The fields of matter `ma` of `a` that differ in `mb` of `b`, then, as
// material changes, the fields of the materials `mb` asks for that differ
// from the same materials (by id) in `a`.
std::vector<FieldChange> matter_changes(const Catalog& a, const Matter& ma, const Catalog& b, const Matter& mb);
// The fields of bundle `ba` of `a` that differ in `bb` of `b`.
std::vector<FieldChange> bundle_changes(const Catalog& a, const Bundle& ba, const Catalog& b, const Bundle& bb);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_DIFF_INTERNAL_HPP_
