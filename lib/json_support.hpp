// Internal: reading JSON documents and collecting every problem with its path.
#ifndef ONETRIP_LIB_JSON_SUPPORT_HPP_
#define ONETRIP_LIB_JSON_SUPPORT_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace onetrip::internal {

// Parses UTF-8 JSON. A syntax error or invalid UTF-8 is INVALID_ARGUMENT with
// the line and column, prefixed by `what` ("calendar JSON").
absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what);

// The whole file; NOT_FOUND naming the path when it cannot be read.
absl::StatusOr<std::string> read_text_file(const std::string& path);

// The same result, its error message prefixed with "<where>: ".
template <class T>
absl::StatusOr<T> prefix_error(absl::StatusOr<T> result, std::string_view where) {
  if (result.ok()) return result;
  return absl::Status(result.status().code(),
                      std::string(where) + ": " + std::string(result.status().message()));
}

// JSON paths in the "$.days[3].date" notation.
std::string json_path(const std::string& parent, std::string_view key);
std::string json_path(const std::string& parent, size_t index);

// The name of a JSON value's type for messages ("a string", "an array").
const char* json_type_name(const nlohmann::json& value);

// Every problem of one input, reported together.
class Problems {
 public:
  void add(std::string path, std::string message);
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  // INVALID_ARGUMENT: "<what>: N problem(s)" then one "path: message" line each.
  absl::Status to_status(std::string_view what) const;

 private:
  struct Item {
    std::string path;
    std::string message;
  };
  std::vector<Item> items_;
};

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_JSON_SUPPORT_HPP_
