// The tool's progress bar: the long calls (loading a catalogue, evaluating,
// applying and comparing, generating, the report over a case file) draw a bar
// on stderr when stderr is a terminal, and nothing otherwise, so that
// pipelines and logs stay clean. A command (or its parser) passes
// terminal_progress() wherever a long call takes a ProgressCallback.
#ifndef ONETRIP_EXAMPLES_CLI_PROGRESS_BAR_HPP_
#define ONETRIP_EXAMPLES_CLI_PROGRESS_BAR_HPP_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "onetrip/progress.hpp"

namespace onetrip::cli {

constexpr int kBarWidth() { return 30; }

// A bar drawn on `stream` (a terminal): one line redrawn in place while a
// phase runs, erased when it ends, so the command's own output follows.
inline ProgressCallback progress_bar(std::FILE* stream) {
  struct State {
    std::string phase;
    int shown = -1;  // the last percentage drawn in this phase
  };
  auto state = std::make_shared<State>();
  return [stream, state](int64_t done, int64_t total, std::string_view phase) {
    const int percent = total > 0 ? static_cast<int>(100 * done / total) : 100;
    if (phase != state->phase) {
      state->phase = std::string(phase);
      state->shown = -1;
    }
    if (percent != state->shown) {  // a redraw per percent, whatever the number of calls
      state->shown = percent;
      constexpr int kWidth = kBarWidth();
      const int filled = percent * kWidth / 100;
      std::fprintf(stream, "\r%-16.*s [%.*s%.*s] %3d%%", static_cast<int>(phase.size()), phase.data(), filled,
                   "##############################", kWidth - filled, "..............................", percent);
    }
    if (done >= total) std::fprintf(stream, "\r%*s\r", 16 + 2 + kBarWidth() + 6, "");
    std::fflush(stream);
    return ProgressAction::kContinue;
  };
}

// The bar on stderr when stderr is a terminal; else no callback at all.
inline ProgressCallback terminal_progress() {
  if (::isatty(STDERR_FILENO) == 0) return nullptr;
  return progress_bar(stderr);
}

}  // namespace onetrip::cli

#endif  // ONETRIP_EXAMPLES_CLI_PROGRESS_BAR_HPP_
