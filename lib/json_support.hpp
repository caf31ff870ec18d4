// Internal: reading JSON documents and collecting every problem with its path.
#ifndef ONETRIP_LIB_JSON_SUPPORT_HPP_
#define ONETRIP_LIB_JSON_SUPPORT_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "onetrip/problem.hpp"

namespace onetrip::internal {

// The deepest nesting of arrays and objects any onetrip document accepts (a
// catalogue needs 5). Deeper input is refused while parsing, so that nothing
// walks, copies or prints a value of unbounded depth (docs/errors.md).
inline constexpr int kMaxJsonDepth = 64;

// Parses UTF-8 JSON. A syntax error, invalid UTF-8, a NUL byte, anything but
// whitespace after the document, or nesting deeper than kMaxJsonDepth (named by
// its JSON path) is INVALID_ARGUMENT with the line, column and byte offset,
// prefixed by `what` ("calendar JSON"). `callback` sees every event: it must
// not discard a container at its start (the depth count follows the events).
absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what,
                                          const nlohmann::json::parser_callback_t& callback = nullptr);

// A value quoted for a message: valid UTF-8, control characters escaped,
// containers summarised ("an array of 3 elements"), at most about `max_chars`
// bytes (longer text ends in "…"). Never recursive.
std::string quote_json(const nlohmann::json& value, size_t max_chars = 60);
// Text quoted for a message the same way: "\"h\\u0000x\"".
std::string quote_text(std::string_view text, size_t max_chars = 60);

// The whole file; NOT_FOUND naming the path when it cannot be read.
absl::StatusOr<std::string> read_text_file(const std::string& path);

// The same result, its error message prefixed with "<where>: ".
template <class T>
absl::StatusOr<T> prefix_error(absl::StatusOr<T> result, std::string_view where) {
  if (result.ok()) return result;
  return absl::Status(result.status().code(), std::string(where) + ": " + std::string(result.status().message()));
}

// The text with every byte that is not part of valid UTF-8 written as "\xFF",
// so that a message quoting bad input is itself valid UTF-8.
std::string escape_invalid_utf8(std::string_view text);

// Money as onetrip/format.hpp reads and writes it (the loaders call these).
std::optional<int64_t> parse_yuan(std::string_view text);
std::string format_yuan(int64_t fen);

// JSON paths in the "$.days[3].date" notation.
std::string json_path(const std::string& parent, std::string_view key);
std::string json_path(const std::string& parent, size_t index);

// The name of a JSON value's type for messages ("a string", "an array").
const char* json_type_name(const nlohmann::json& value);

// Every problem of one input, reported together. Past kMaxKept problems only
// the count grows, so a huge broken input gives a bounded report.
class Problems {
 public:
  static constexpr size_t kMaxKept = 1000;

  void add(std::string path, std::string message);
  // From now on, a problem at or under a path already reported is a
  // consequence of that one and is dropped (a field that failed to read is
  // not also reported as empty).
  void follow_up();
  bool empty() const { return total_ == 0; }
  size_t size() const { return total_; }
  // INVALID_ARGUMENT: "<what>: N problem(s)" then one "path: message" line each.
  absl::Status to_status(std::string_view what) const;
  // Appends the problems as public onetrip::Problem values; past kMaxKept, a
  // last one at "$" counts the problems not listed.
  void append_to(std::vector<onetrip::Problem>& out) const;

 private:
  std::string rest_text() const;

  std::vector<onetrip::Problem> items_;
  size_t total_ = 0;
  absl::flat_hash_set<std::string> reported_;  // filled by follow_up()
};

// False, with a problem at `path`, for text a C caller could not read back:
// a NUL character ("\u0000") would end it early, so that "h\u0000x" and "h"
// would look the same. Every string of every onetrip document is checked.
bool text_ok(std::string_view text, const std::string& path, Problems& problems);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_JSON_SUPPORT_HPP_
