// What a failed absl::Status carries beside its code and message.
#ifndef ONETRIP_STATUS_HPP_
#define ONETRIP_STATUS_HPP_

namespace onetrip {

// A NOT_FOUND status for a file that does not exist carries its path as this
// payload (absl::Status::GetPayload), so that a binding raises its language's
// own missing-file error with the file's name (Python: FileNotFoundError).
inline constexpr char kMissingFilePayload[] = "type.onetrip/missing-file";

}  // namespace onetrip

#endif  // ONETRIP_STATUS_HPP_
