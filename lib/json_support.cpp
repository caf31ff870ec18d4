#include "json_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/format.hpp"
#include "onetrip/status.hpp"
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif

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
    // A number too large for a double ("1e999") is out_of_range, not a
    // parse_error (found by fuzzing), and carries no position: where the parser
    // stopped, from a reading that follows it (this error path only).
    const char* stopped = nullptr;
    if (seen) {
      stopped = *seen;
    } else {
      (void)parse_json(text, what, callback, &stopped);
    }
    if (stopped == nullptr) {
      return absl::InvalidArgumentError(absl::StrFormat("%s: %s", what, escape_invalid_utf8(untagged(e.what()))));
    }
    return absl::InvalidArgumentError(absl::StrFormat("%s: %s at %s", what, escape_invalid_utf8(untagged(e.what())),
                                                      position(text, static_cast<size_t>(stopped - text.data()))));
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

namespace {

// The file's text, with room for `padding` bytes more without a new allocation.
absl::StatusOr<std::string> read_file(const std::string& path, size_t padding) {
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
    text.reserve(static_cast<size_t>(size) + padding);
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

}  // namespace

absl::StatusOr<std::string> read_text_file(const std::string& path) { return read_file(path, 0); }

absl::StatusOr<std::string> read_json_file(const std::string& path) {
  return read_file(path, simdjson::SIMDJSON_PADDING);
}

std::optional<int64_t> parse_yuan(std::string_view text) { return onetrip::parse_yuan(text); }

std::string format_yuan(int64_t fen) { return onetrip::format_yuan(fen); }

std::string json_path(const std::string& parent, std::string_view key) {
  return absl::StrCat(parent, ".", absl::string_view(key.data(), key.size()));
}

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

const char* json_type_name(JsonValue value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
      return "an integer";
    case simdjson::dom::element_type::DOUBLE:
      return "a number with a fraction";
  }
  return "a value of another kind";
}

std::string quote_json(JsonValue value, size_t max_chars) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return quote_text(value.get_string().value_unsafe(), max_chars);
    case simdjson::dom::element_type::ARRAY: {
      const size_t n = value.get_array().value_unsafe().size();
      return absl::StrFormat("an array of %d element%s", n, n == 1 ? "" : "s");
    }
    case simdjson::dom::element_type::OBJECT: {
      // Its distinct keys, as a parser that keeps the last of a repeated key counts them.
      std::vector<std::string_view> keys;
      const simdjson::dom::object object = value.get_object().value_unsafe();
      for (const auto field : object) keys.push_back(field.key);
      std::sort(keys.begin(), keys.end());
      const size_t n = static_cast<size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
      return absl::StrFormat("an object of %d field%s", n, n == 1 ? "" : "s");
    }
    case simdjson::dom::element_type::INT64:
      return absl::StrCat(value.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return absl::StrCat(value.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return nlohmann::json(value.get_double().value_unsafe()).dump();  // the shortest text that reads back
    case simdjson::dom::element_type::BOOL:
      return value.get_bool().value_unsafe() ? "true" : "false";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

namespace {

// Whether reading simdjson::SIMDJSON_PADDING bytes past the caller's text is safe to do:
// a large text (copying a small one costs nothing) whose padding lies in the
// same page as its last byte (a page is mapped whole), when no tool checks
// every read against its allocation.
bool pad_in_place([[maybe_unused]] std::string_view text) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_MEMORY__)
  return false;
#else
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
  return false;
#endif
#endif
#ifdef RUNNING_ON_VALGRIND
  if (RUNNING_ON_VALGRIND) return false;
#endif
  if (text.size() < (size_t{1} << 20)) return false;
  static const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto last = reinterpret_cast<uintptr_t>(text.data()) + text.size() - 1;
  return page > 0 && last / page == (last + simdjson::SIMDJSON_PADDING) / page;
#endif
}

}  // namespace

namespace {

// A UTF-8 byte order mark (as editors on Windows write) is not part of the
// document: the text after it is read, as the nlohmann loader before did.
std::string_view without_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  return text;
}

}  // namespace

JsonInput::JsonInput(std::string_view text) {
  if (pad_in_place(text)) {
    text_ = without_bom(text);
    return;
  }
  owned_.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  owned_.append(text.data(), text.size());
  owned_.append(simdjson::SIMDJSON_PADDING, ' ');
  text_ = without_bom(std::string_view(owned_.data(), text.size()));
}

JsonInput::JsonInput(std::string&& text) : owned_(std::move(text)) {
  const size_t size = owned_.size();
  owned_.append(simdjson::SIMDJSON_PADDING, ' ');  // read_json_file left room for it
  text_ = without_bom(std::string_view(owned_.data(), size));
}

JsonReader::JsonReader(const JsonInput& input, std::string_view what) : input_(input), what_(what) {
  // The document parser only finds values and skips them (without recursion,
  // whatever their depth); each value is read by a DOM parser, whose limit is
  // kMaxJsonDepth counted from the top.
  if (auto e = document_parser_.allocate(input.text().size(), kMaxJsonDepth + 1)) fail(e);
}

std::string_view JsonReader::value_text(simdjson::ondemand::value& value, simdjson::error_code& error) {
  simdjson::ondemand::json_type type;
  if ((error = value.type().get(type))) return {};
  std::string_view text;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object o;
    if (!(error = value.get_object().get(o))) error = o.raw_json().get(text);
  } else if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    if (!(error = value.get_array().get(a))) error = a.raw_json().get(text);
  } else {
    text = value.raw_json_token();  // up to the next structural character
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t')) {
      text.remove_suffix(1);
    }
    // A string is consumed here: On-Demand would step over a string followed
    // by a colon as over a key and its value (and a `}` after them as the end
    // of their object), and take `"a": 1 }` in an array for one element.
    simdjson::ondemand::raw_json_string consumed;
    if (type == simdjson::ondemand::json_type::string) error = value.get_raw_json_string().get(consumed);
  }
  return text;
}

bool JsonReader::fields(std::optional<std::vector<Field>>& out) {
  out.reset();
  if (error_) return false;
  simdjson::ondemand::document doc;
  if (auto e = document_parser_.iterate(input_.padded(input_.text())).get(doc)) return fail(e);
  simdjson::ondemand::json_type type;
  if (auto e = doc.type().get(type)) return fail(e);
  if (type != simdjson::ondemand::json_type::object) return true;
  simdjson::ondemand::object object;
  if (auto e = doc.get_object().get(object)) return fail(e);
  std::vector<Field> fields;
  for (auto item : object) {
    simdjson::ondemand::field field;
    if (auto e = std::move(item).get(field)) return fail(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return fail(e);
    Field f;
    f.key = std::string(key);
    simdjson::ondemand::json_type t;
    if (auto e = field.value().type().get(t)) return fail(e);
    f.array = t == simdjson::ondemand::json_type::array;
    simdjson::error_code e = simdjson::SUCCESS;
    f.text = value_text(field.value(), e);
    if (e) return fail(e);
    fields.push_back(std::move(f));
  }
  if (!at_end(doc)) return fail(simdjson::TRAILING_CONTENT);
  out = std::move(fields);
  return true;
}

bool JsonReader::value(std::string_view text, int depth, JsonValue& out) {
  if (error_) return false;
  // DOM depth counts the value itself: kMaxJsonDepth containers from the top.
  const size_t max_depth = static_cast<size_t>(std::max(1, kMaxJsonDepth - depth));
  simdjson::dom::parser& parser = value_parsers_[depth];
  if (parser.max_depth() != max_depth || parser.capacity() < text.size()) {
    if (auto e = parser.allocate(std::max(text.size(), parser.capacity()), max_depth)) return fail(e);
  }
  if (auto e = parser.parse(text.data(), text.size(), /*realloc_if_needed=*/false).get(out)) return fail(e);
  return true;
}

bool JsonReader::check(std::string_view text, int depth, bool array) {
  if (!array) {
    JsonValue ignored;
    return value(text, depth, ignored);
  }
  return each_element(text, depth, [](JsonValue, size_t, const char*) {});
}

absl::Status JsonReader::refusal() const {
  // The previous reader's own message for the same text.
  auto previous = parse_json(input_.text(), what_);
  if (!previous.ok()) return previous.status();
  // A text only simdjson refuses: an integer beyond 64 bits (nlohmann read it
  // as a number with a fraction, which no onetrip field takes either).
  if (error_ == simdjson::NUMBER_ERROR) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: an integer outside -9223372036854775808 to 18446744073709551615; no onetrip field takes one", what_));
  }
  return absl::InvalidArgumentError(absl::StrFormat("%s: %s", what_, simdjson::error_message(error_)));
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
