// Reporting one phase of a long call to its ProgressCallback (onetrip/progress.hpp).
#ifndef ONETRIP_LIB_PROGRESS_INTERNAL_HPP_
#define ONETRIP_LIB_PROGRESS_INTERNAL_HPP_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "onetrip/progress.hpp"

namespace onetrip::internal {

// One phase of `total` units. Without a callback every method is a comparison
// or nothing, so a loop may call tick() on every item. Calling thread only.
class PhaseProgress {
 public:
  // Reports at least every `min_step` units apart (and about 256 times a phase).
  PhaseProgress(const ProgressCallback* callback, std::string_view phase, int64_t total, int64_t min_step = 4096)
      : callback_(callback != nullptr && *callback ? callback : nullptr),
        phase_(phase),
        total_(std::max<int64_t>(total, 0)),
        step_(std::max<int64_t>({min_step, total_ / 256, 1})),
        next_(callback_ ? 0 : std::numeric_limits<int64_t>::max()) {}

  bool active() const { return callback_ != nullptr; }
  int64_t step() const { return step_; }

  // Each returns false once the callback has cancelled (status() then says so).
  bool start() { return report(0); }
  bool tick(int64_t done) { return done < next_ || report(done); }
  bool finish() { return report(total_); }
  bool report(int64_t done) {
    if (!callback_) return true;
    if (cancelled_) return false;
    done = std::min(done, total_);
    next_ = done + step_;
    if (done == last_) return true;  // said already (the end of a threaded phase comes twice)
    last_ = done;
    if ((*callback_)(done, total_, phase_) == ProgressAction::kCancel) {
      cancelled_ = true;
      at_ = done;
      next_ = 0;  // every later tick reports false at once
    }
    return !cancelled_;
  }
  bool cancelled() const { return cancelled_; }
  absl::Status status() const {
    if (!cancelled_) return absl::OkStatus();
    return absl::CancelledError(absl::StrFormat(
        "cancelled by the progress callback at %d of %d (%s); nothing was changed", at_, total_, phase_));
  }

 private:
  const ProgressCallback* callback_;
  std::string phase_;
  int64_t total_;
  int64_t step_;
  int64_t next_;
  int64_t last_ = -1;
  int64_t at_ = 0;
  bool cancelled_ = false;
};

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_PROGRESS_INTERNAL_HPP_
