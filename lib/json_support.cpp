#include "json_support.hpp"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace onetrip::internal {

absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: …".
    std::string_view message = e.what();
    if (const size_t close = message.find("] "); message.substr(0, 6) == "[json." && close != message.npos) {
      message.remove_prefix(close + 2);
    }
    return absl::InvalidArgumentError(absl::StrFormat("%s: %s", what, message));
  }
}

absl::StatusOr<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return text.str();
}

std::string json_path(const std::string& parent, std::string_view key) {
  return absl::StrFormat("%s.%s", parent, key);
}

std::string json_path(const std::string& parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

const char* json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number with a fraction";
    default: return "a value of another kind";
  }
}

void Problems::add(std::string path, std::string message) {
  items_.push_back({std::move(path), std::move(message)});
}

absl::Status Problems::to_status(std::string_view what) const {
  if (items_.empty()) return absl::OkStatus();
  std::string text = absl::StrFormat("%s: %d problem%s", what, items_.size(), items_.size() == 1 ? "" : "s");
  for (const Item& item : items_) absl::StrAppend(&text, "\n  ", item.path, ": ", item.message);
  return absl::InvalidArgumentError(text);
}

}  // namespace onetrip::internal
