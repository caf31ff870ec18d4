// The calendar loader on arbitrary bytes: it never crashes, and a calendar it
// accepts answers add/count consistently at both ends of its coverage.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "onetrip/calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto calendar = onetrip::Calendar::from_json(text);
  if (!calendar.ok()) return 0;
  const onetrip::Coverage coverage = calendar->coverage();
  auto first = calendar->roll_forward(coverage.first);
  if (!first.ok()) return 0;  // a coverage with no working day at its start
  auto next = calendar->add_workdays(*first, 1);
  if (next.ok() && *calendar->count_workdays(*first, *next) != 1) std::abort();
  return 0;
}
