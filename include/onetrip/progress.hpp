// Progress and cancellation of the long calls: loading a catalogue, the
// monthly report over a CSV file or columns, the whole-catalogue evaluation,
// comparison and apply, and the generator.
#ifndef ONETRIP_PROGRESS_HPP_
#define ONETRIP_PROGRESS_HPP_

#include <cstdint>
#include <functional>
#include <string_view>

namespace onetrip {

enum class ProgressAction {
  kContinue = 0,
  kCancel = 1,  // the call stops and returns CANCELLED, changing nothing its caller holds
};

// Called with `done` of `total` units of `phase` ("read" bytes of a catalogue,
// "matters", "bundles", "rows" …; docs/api-stability.md lists them): once with
// done == 0 when a phase starts, about every 1/256 of it (never more often than
// every few thousand items, so the hot loops keep their speed) and once with
// done == total when it ends. A call may have several phases, one after the
// other. Always called on the thread that made the call, never concurrently,
// whatever the number of worker threads. A callback that throws is not
// allowed (the C++ API does not throw): return kCancel instead.
using ProgressCallback = std::function<ProgressAction(int64_t done, int64_t total, std::string_view phase)>;

}  // namespace onetrip

#endif  // ONETRIP_PROGRESS_HPP_
