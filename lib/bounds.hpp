// Internal: the documented bounds on what a caller's input may ask for
// (docs/errors.md, "Bounds"). They are chosen so that every sum of days over
// a valid catalogue fits the 32-bit figures of the results, and so that every
// size a caller controls has a cost linear in the input.
#ifndef ONETRIP_LIB_BOUNDS_HPP_
#define ONETRIP_LIB_BOUNDS_HPP_

#include <cstdint>

namespace onetrip::internal {

// A day count anywhere in a catalogue or scenario: a limit in working or
// natural days, a site inspection, a special procedure (each, and all of one
// matter together). 100 years.
inline constexpr int32_t kMaxDays = 36'500;
// A limit in months. 100 years.
inline constexpr int32_t kMaxMonths = 1'200;
// The days an edge of a bundle adds between two members. 10 years.
inline constexpr int32_t kMaxEdgeDays = 3'650;
// The issuing of a certificate after the decision (行政许可法 第四十四条).
inline constexpr int32_t kMaxIssueDays = 10;
// The members of one bundle. With the bounds above, a critical path — each
// member's limit, its special procedures and its issuing, and each edge — is
// at most 25,000 × (36,500 + 36,500 + 10 + 3,650) working days < 2^31.
inline constexpr int64_t kMaxBundleMembers = 25'000;
static_assert(kMaxBundleMembers * (2 * int64_t{kMaxDays} + kMaxIssueDays + kMaxEdgeDays) < (int64_t{1} << 31));
// The declared number of trips of a matter (limit_scene_num).
inline constexpr int32_t kMaxDeclaredTrips = 1'000;
// A fee: a trillion yuan, in fen, however it was written (an integer, a
// string of yuan, the fee rows of a listing added up).
inline constexpr int64_t kMaxFeeYuan = 1'000'000'000'000;
inline constexpr int64_t kMaxFeeFen = kMaxFeeYuan * 100;
// What is wrong with a fee of this many fen, or nothing: the one rule for a
// matter's fee and a situation's (Catalog::from_data checks both).
inline const char* fee_problem(int64_t fen) {
  if (fen < 0) return "a negative fee";
  if (fen > kMaxFeeFen) return "a fee over a trillion yuan";
  return nullptr;
}

// The generator's sizes (onetrip::GeneratorOptions).
inline constexpr int64_t kMaxGeneratedMatters = 10'000'000;
inline constexpr int32_t kMaxGeneratedHalls = 10'000;
inline constexpr int32_t kMaxGeneratedDepartments = 100'000;
inline constexpr int32_t kMaxGeneratedMaterials = 1'000'000;
inline constexpr int32_t kMaxGeneratedBundleMembers = 10'000;
inline constexpr double kMaxBundlesPerMatter = 1.0;
// Bundles × members: the generated bundle memberships together.
inline constexpr int64_t kMaxGeneratedMemberships = 20'000'000;

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_BOUNDS_HPP_
