#include "json_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/format.hpp"
#include "onetrip/status.hpp"

namespace onetrip::internal {

namespace {

// The message of a nlohmann exception without its "[json.exception.…] " tag.
std::string_view untagged(const char* what) {
  std::string_view message = what;
  if (const size_t close = message.find("] "); message.substr(0, 6) == "[json." && close != message.npos) {
    message.remove_prefix(close + 2);
  }
  return message;
}

// Thrown by DepthGuard through the parser, caught by parse_json.
struct TooDeep {
  std::string path;
};

// Follows the parser's events to know the path of the value being read, and
// stops the parse (by throwing) at the first container deeper than
// kMaxJsonDepth: the parser itself is iterative, but a deeper document could
// not be destroyed, copied or printed without a recursion of its depth.
class DepthGuard {
 public:
  explicit DepthGuard(const nlohmann::json::parser_callback_t& next) : next_(next) {}

  bool operator()(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (frames_.size() >= static_cast<size_t>(kMaxJsonDepth)) throw TooDeep{path()};
        frames_.push_back({event == Event::array_start, 0, {}});
        break;
      case Event::key:
        if (!frames_.empty()) frames_.back().key = parsed.get<std::string>();
        break;
      case Event::value:
        element_done();
        break;
      case Event::object_end:
      case Event::array_end:
        if (!frames_.empty()) frames_.pop_back();
        element_done();
        break;
    }
    return next_ ? next_(depth, event, parsed) : true;
  }

 private:
  struct Frame {
    bool array;
    size_t index;
    std::string key;
  };
  void element_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::string path() const {
    std::string out = "$";
    for (const Frame& f : frames_) {
      if (f.array) {
        absl::StrAppend(&out, "[", f.index, "]");
      } else {
        // A key is quoted only when it could not be read as a plain name.
        const bool plain = !f.key.empty() && f.key.size() <= 40 && std::all_of(f.key.begin(), f.key.end(), [](char c) {
          return absl::ascii_isalnum(c) || c == '_';
        });
        absl::StrAppend(&out, ".", plain ? f.key : quote_text(f.key, 40));
      }
    }
    return out;
  }

  const nlohmann::json::parser_callback_t& next_;
  std::vector<Frame> frames_;
};

// Line and column (from 1) of a byte offset, as the parser counts them.
std::string position(std::string_view text, size_t offset) {
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, line_start = i + 1;
  }
  return absl::StrFormat("line %d, column %d (byte %d)", line, offset - line_start + 1, offset);
}

}  // namespace

namespace {

// A pointer into the text that publishes how far the parser has read.
class TrackedChars {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedChars(const char* at, const char** seen) : at_(at), seen_(seen) {}
  reference operator*() const { return *at_; }
  TrackedChars& operator++() {
    *seen_ = ++at_;
    return *this;
  }
  TrackedChars operator++(int) {
    TrackedChars before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedChars& other) const { return at_ == other.at_; }
  bool operator!=(const TrackedChars& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** seen_;
};

}  // namespace

absl::StatusOr<nlohmann::json> parse_json(std::string_view text, std::string_view what,
                                          const nlohmann::json::parser_callback_t& callback, const char** seen) {
  // The parser takes a NUL byte for the end of the input and would ignore
  // whatever follows it; JSON text has none anywhere.
  if (const size_t nul = text.find('\0'); nul != text.npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: parse error at %s: a NUL byte; JSON text cannot contain one (inside a string write \\u0000)", what,
        position(text, nul)));
  }
  try {
    DepthGuard guard(callback);
    if (seen) {
      *seen = text.data();
      return nlohmann::json::parse(TrackedChars(text.data(), seen), TrackedChars(text.data() + text.size(), seen),
                                   std::ref(guard));
    }
    return nlohmann::json::parse(text.begin(), text.end(), std::ref(guard));
  } catch (const TooDeep& e) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s: %s: arrays and objects nested deeper than %d levels; no onetrip document needs more", what,
                        e.path, kMaxJsonDepth));
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: …".
    return absl::InvalidArgumentError(
        absl::StrFormat("%s: %s (byte %d)", what, escape_invalid_utf8(untagged(e.what())), e.byte));
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double ("1e999") is out_of_range, not a parse_error (found by fuzzing).
    return absl::InvalidArgumentError(absl::StrFormat("%s: %s", what, escape_invalid_utf8(untagged(e.what()))));
  }
}

std::string quote_text(std::string_view text, size_t max_chars) {
  const std::string valid = escape_invalid_utf8(text.substr(0, max_chars + 4));
  std::string out = "\"";
  size_t i = 0;
  for (; i < valid.size() && out.size() <= max_chars; ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      out += absl::StrFormat("\\u%04X", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  // Cut on a character boundary.
  while (i < valid.size() && (static_cast<unsigned char>(valid[i]) & 0xC0) == 0x80) out += valid[i++];
  if (i < valid.size() || text.size() > max_chars + 4) {
    absl::StrAppend(&out, "…\" (", text.size(), " bytes)");
  } else {
    out += '"';
  }
  return out;
}

std::string quote_json(const nlohmann::json& value, size_t max_chars) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return quote_text(value.get_ref<const std::string&>(), max_chars);
    case nlohmann::json::value_t::array:
      return absl::StrFormat("an array of %d element%s", value.size(), value.size() == 1 ? "" : "s");
    case nlohmann::json::value_t::object:
      return absl::StrFormat("an object of %d field%s", value.size(), value.size() == 1 ? "" : "s");
    default:
      return value.dump();  // a number, true, false or null: short
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
  if (!in) {
    absl::Status status = absl::NotFoundError(absl::StrCat("cannot open ", path));
    std::error_code error;
    if (!std::filesystem::exists(path, error) && !error) status.SetPayload(kMissingFilePayload, absl::Cord(path));
    return status;
  }
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
  if (total_ > items_.size()) out.push_back({"$", rest_text()});
}

std::string Problems::rest_text() const {
  const size_t rest = total_ - items_.size();
  return absl::StrFormat("%d more problem%s not listed: only the first %d are kept", rest, rest == 1 ? "" : "s",
                         kMaxKept);
}

absl::Status Problems::to_status(std::string_view what) const {
  if (total_ == 0) return absl::OkStatus();
  std::string text = absl::StrFormat("%s: %d problem%s", what, total_, total_ == 1 ? "" : "s");
  if (total_ > items_.size()) absl::StrAppend(&text, absl::StrFormat(" (the first %d listed)", items_.size()));
  for (const onetrip::Problem& item : items_) absl::StrAppend(&text, "\n  ", item.path, ": ", item.message);
  if (total_ > items_.size()) absl::StrAppend(&text, "\n  $: ", rest_text());
  return absl::InvalidArgumentError(text);
}

bool text_ok(std::string_view text, const std::string& path, Problems& problems) {
  if (text.find('\0') == text.npos) return true;
  problems.add(path, absl::StrFormat("%s contains the NUL character (\\u0000): a C caller would read the text "
                                     "only up to it, so it is not allowed in any text",
                                     quote_text(text)));
  return false;
}

}  // namespace onetrip::internal
