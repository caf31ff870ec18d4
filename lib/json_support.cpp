#include "json_support.hpp"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/format.hpp"

namespace onetrip::internal {

absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what,
                                          const nlohmann::json::parser_callback_t& callback) {
  try {
    return nlohmann::json::parse(text.begin(), text.end(), callback);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: …".
    std::string_view message = e.what();
    if (const size_t close = message.find("] "); message.substr(0, 6) == "[json." && close != message.npos) {
      message.remove_prefix(close + 2);
    }
    return absl::InvalidArgumentError(absl::StrFormat("%s: %s", what, escape_invalid_utf8(message)));
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double ("1e999") is out_of_range, not a parse_error (found by fuzzing).
    std::string_view message = e.what();
    if (const size_t close = message.find("] "); close != message.npos) message.remove_prefix(close + 2);
    return absl::InvalidArgumentError(absl::StrFormat("%s: %s", what, escape_invalid_utf8(message)));
  }
}

std::string escape_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // The length of a well-formed sequence starting here (RFC 3629), or 0.
    size_t length = 0;
    if (byte < 0x80) {
      length = 1;
    } else if (byte >= 0xC2 && byte <= 0xF4) {
      length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
      if (i + length > text.size()) length = 0;
      for (size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        bool ok = (next & 0xC0) == 0x80;
        if (k == 1 && byte == 0xE0) ok = ok && next >= 0xA0;  // no overlong forms
        if (k == 1 && byte == 0xED) ok = ok && next < 0xA0;   // no surrogates
        if (k == 1 && byte == 0xF0) ok = ok && next >= 0x90;
        if (k == 1 && byte == 0xF4) ok = ok && next < 0x90;  // not past U+10FFFF
        if (!ok) length = 0;
      }
    }
    if (length == 0) {
      out += absl::StrFormat("\\x%02X", byte);
      ++i;
    } else {
      out.append(text.data() + i, length);
      i += length;
    }
  }
  return out;
}

absl::StatusOr<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  // One read into a string of the file's size (a stream copy would touch
  // every byte twice); a file that is not seekable is read in pieces.
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0) {
    text.resize(static_cast<size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(text.data(), size);
    text.resize(static_cast<size_t>(in.gcount()));
    if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
    in.clear();
  } else {
    in.clear();
    in.seekg(0, std::ios::beg);
  }
  char chunk[1 << 16];  // the rest: what a growing file or a pipe still has
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) text.append(chunk, static_cast<size_t>(in.gcount()));
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return text;
}

std::optional<int64_t> parse_yuan(std::string_view text) { return onetrip::parse_yuan(text); }

std::string format_yuan(int64_t fen) { return onetrip::format_yuan(fen); }

std::string json_path(const std::string& parent, std::string_view key) { return absl::StrFormat("%s.%s", parent, key); }

std::string json_path(const std::string& parent, size_t index) { return absl::StrCat(parent, "[", index, "]"); }

const char* json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number with a fraction";
    default:
      return "a value of another kind";
  }
}

void Problems::add(std::string path, std::string message) {
  if (!reported_.empty()) {
    // Dropped when the path or one of its ancestors ("$.a", "$.a.b", "$.a.b[2]") was reported.
    for (size_t i = 1; i <= path.size(); ++i) {
      if ((i == path.size() || path[i] == '.' || path[i] == '[') &&
          reported_.contains(absl::string_view(path.data(), i))) {
        return;
      }
    }
  }
  ++total_;
  if (items_.size() < kMaxKept) items_.push_back({std::move(path), std::move(message)});
}

void Problems::follow_up() {
  for (const onetrip::Problem& p : items_) reported_.insert(p.path);
}

void Problems::append_to(std::vector<onetrip::Problem>& out) const {
  out.insert(out.end(), items_.begin(), items_.end());
}

absl::Status Problems::to_status(std::string_view what) const {
  if (total_ == 0) return absl::OkStatus();
  std::string text = absl::StrFormat("%s: %d problem%s", what, total_, total_ == 1 ? "" : "s");
  if (total_ > items_.size()) absl::StrAppend(&text, absl::StrFormat(" (the first %d listed)", items_.size()));
  for (const onetrip::Problem& item : items_) absl::StrAppend(&text, "\n  ", item.path, ": ", item.message);
  return absl::InvalidArgumentError(text);
}

}  // namespace onetrip::internal
