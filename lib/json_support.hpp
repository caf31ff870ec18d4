// Internal: reading JSON documents (and, through text_support.hpp, collecting
// every problem with its path).
#ifndef ONETRIP_LIB_JSON_SUPPORT_HPP_
#define ONETRIP_LIB_JSON_SUPPORT_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "text_support.hpp"

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
// With `position`, *position follows the parser through `text` (the end of
// what it has read), for a callback that reports progress. An exception the
// callback throws other than the parser's own goes through to the caller.
absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what,
                                          const nlohmann::json::parser_callback_t& callback = nullptr,
                                          const char** position = nullptr);

// A value quoted for a message: valid UTF-8, control characters escaped,
// containers summarised ("an array of 3 elements"), at most about `max_chars`
// bytes (longer text ends in "…"). Never recursive.
std::string quote_json(const nlohmann::json& value, size_t max_chars = 60);

// The name of a JSON value's type for messages ("a string", "an array").
const char* json_type_name(const nlohmann::json& value);
}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_JSON_SUPPORT_HPP_
