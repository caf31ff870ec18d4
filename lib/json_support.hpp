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

// Parses UTF-8 JSON. A syntax error or invalid UTF-8 is INVALID_ARGUMENT with
// the line and column, prefixed by `what` ("calendar JSON").
absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what,
                                          const nlohmann::json::parser_callback_t& callback = nullptr);

// The name of a JSON value's type for messages ("a string", "an array").
const char* json_type_name(const nlohmann::json& value);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_JSON_SUPPORT_HPP_
