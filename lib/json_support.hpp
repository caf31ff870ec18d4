// Internal: reading JSON documents (and, through text_support.hpp, collecting
// every problem with its path).
#ifndef ONETRIP_LIB_JSON_SUPPORT_HPP_
#define ONETRIP_LIB_JSON_SUPPORT_HPP_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "simdjson.h"
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

// The loaders (catalogue, scenario, calendar) read with simdjson: a value is a
// simdjson DOM element, and quote_json and json_type_name say of it exactly
// what they say of the same value read by nlohmann.
using JsonValue = simdjson::dom::element;
std::string quote_json(JsonValue value, size_t max_chars = 60);
const char* json_type_name(JsonValue value);

// A document's text with the padding simdjson reads past its end
// (SIMDJSON_PADDING bytes). Text the loader owns (a file it read) is padded in
// place; the caller's text is used as it is when its padding cannot fault (a
// large document whose end is not within SIMDJSON_PADDING bytes of a page end,
// outside sanitizers and valgrind, which would report the read), else copied
// once.
class JsonInput {
 public:
  explicit JsonInput(std::string_view text);
  explicit JsonInput(std::string&& text);
  JsonInput(const JsonInput&) = delete;
  JsonInput& operator=(const JsonInput&) = delete;
  std::string_view text() const { return text_; }
  // Frees a copy of the text (text() is then empty): for a loader done reading.
  void release() {
    text_ = {};
    std::string().swap(owned_);
  }
  // A part of the text, padded by the text after it (and the padding).
  simdjson::padded_string_view padded(std::string_view part) const {
    return simdjson::padded_string_view(
        part.data(), part.size(),
        static_cast<size_t>(text_.data() + text_.size() + simdjson::SIMDJSON_PADDING - part.data()));
  }

 private:
  std::string owned_;  // the text and its padding, when not the caller's
  std::string_view text_;
};

// A file read for a loader, padded for simdjson without a second copy.
absl::StatusOr<std::string> read_json_file(const std::string& path);

// Reads JSON documents with simdjson: one parser for the whole text (on
// demand, to find its top-level fields and the elements of its arrays without
// holding a tree of the whole document, and to read in one pass the elements
// a loader's fast reader takes) and one for each other value (a DOM, which the
// readers look fields up in), reused from value to value.
class JsonReader {
 public:
  // `what` names the document in messages ("catalogue JSON").
  JsonReader(const JsonInput& input, std::string_view what);

  // A top-level field of an object document, in the document's order.
  struct Field {
    std::string key;
    std::string_view text;  // its value's JSON text
    bool array = false;     // the value is an array
  };
  // The top-level fields, when the document is an object; nullopt when it is
  // another value (then read it with value(input.text())). False when
  // the text is not JSON (then refusal() says why).
  bool fields(std::optional<std::vector<Field>>& out);

  // One value's text as a DOM element (valid until the next call), at
  // `depth` containers below the top (the document's own value is at 0):
  // nesting beyond kMaxJsonDepth counted from the top is refused.
  bool value(std::string_view text, int depth, JsonValue& out);

  // Each element of the array whose text is `array` (at `depth`, its
  // elements one deeper), in order: f(element, index, end of its text);
  // first, count(number of elements), so that the caller can reserve room
  // for them (a vector grown by doubling would hold two copies at its peak).
  //
  // With `fast`, an element that is an object is first offered to
  // fast(object, start of its text) as simdjson On-Demand reads it (no DOM
  // built): when fast returns true, it has read the element (iterating the
  // object to its end) and f does not see it; when false, the element is read
  // again from its start as a DOM for f, as without `fast`. `fast` may stop
  // anywhere, on any value it does not take (a syntax error in the element
  // included: the element is then refused as without `fast`).
  template <class F, class Count, class Fast>
  bool each_element(std::string_view array, int depth, F&& f, Count&& count, Fast&& fast);
  // As `count`: the elements are not counted first.
  struct Uncounted {};
  static constexpr Uncounted kUncounted{};
  template <class F, class Count>
  bool each_element(std::string_view array, int depth, F&& f, Count&& count) {
    return each_element(array, depth, std::forward<F>(f), std::forward<Count>(count),
                        [](simdjson::ondemand::object&, const char*) { return false; });
  }
  template <class F>
  bool each_element(std::string_view array, int depth, F&& f) {
    return each_element(array, depth, std::forward<F>(f), [](size_t) {});
  }

  // Reads an object document's top-level fields in one pass, as simdjson
  // On-Demand meets them (the document indexed once, its sections read in
  // place rather than found first and read again): field(key, value) for
  // each, in the document's order, which reads the value or leaves it. False
  // on a syntax error (then refusal() says why). `stopped` is set when the
  // document is not an object or field returned false: then the document is
  // to be read again from the start (fields()).
  template <class OnField>
  bool each_field(OnField&& field, bool& stopped);

  // The elements of an array value met by each_field, read as each_element
  // reads those of an array's text.
  template <class F, class Count, class Fast>
  bool each_element(simdjson::ondemand::value& array, int depth, F&& f, Count&& count, Fast&& fast);

  // Reads a value whole, checking it only: every value of a document is read
  // once, so that what a loader skips is refused just as what it reads.
  bool check(std::string_view text, int depth, bool array);

  // Why the document was refused: INVALID_ARGUMENT with the message the
  // previous reader (nlohmann's parser, parse_json) gives for the same text —
  // line, column and byte, or the path of a too deep value — so that a
  // refusal reads the same whatever reads the document.
  absl::Status refusal() const;

 private:
  bool fail(simdjson::error_code error) {
    if (!error_) error_ = error;
    return false;
  }
  // Whether nothing but whitespace follows what was read of `doc`.
  static bool at_end(simdjson::ondemand::document& doc) {
    const char* next = nullptr;
    return doc.current_location().get(next) != simdjson::SUCCESS;
  }
  static std::string_view value_text(simdjson::ondemand::value& value, simdjson::error_code& error);
  // The loop of each_element over the array `elements` of `doc`.
  template <class F, class Count, class Fast>
  bool elements_of(simdjson::ondemand::document& doc, simdjson::ondemand::array& elements, int depth, F&& f,
                   Count&& count, Fast&& fast);

  simdjson::ondemand::document* one_pass_ = nullptr;  // the document each_field reads, while it does

  const JsonInput& input_;
  std::string what_;
  simdjson::ondemand::parser document_parser_;
  std::map<int, simdjson::dom::parser> value_parsers_;  // by depth: each keeps its own limit
  simdjson::error_code error_ = simdjson::SUCCESS;
};

template <class F, class Count, class Fast>
bool JsonReader::each_element(std::string_view array, int depth, F&& f, Count&& count, Fast&& fast) {
  simdjson::ondemand::document doc;
  if (auto e = document_parser_.iterate(input_.padded(array)).get(doc)) return fail(e);
  simdjson::ondemand::array elements;
  if (auto e = doc.get_array().get(elements)) return fail(e);
  if (!elements_of(doc, elements, depth, std::forward<F>(f), std::forward<Count>(count), std::forward<Fast>(fast))) {
    return false;
  }
  if (!at_end(doc)) return fail(simdjson::TRAILING_CONTENT);
  return true;
}

template <class F, class Count, class Fast>
bool JsonReader::each_element(simdjson::ondemand::value& array, int depth, F&& f, Count&& count, Fast&& fast) {
  simdjson::ondemand::array elements;
  if (auto e = array.get_array().get(elements)) return fail(e);
  return elements_of(*one_pass_, elements, depth, std::forward<F>(f), std::forward<Count>(count),
                     std::forward<Fast>(fast));
}

template <class F, class Count, class Fast>
bool JsonReader::elements_of(simdjson::ondemand::document& doc, simdjson::ondemand::array& elements, int depth, F&& f,
                             Count&& count, Fast&& fast) {
  if constexpr (!std::is_same_v<std::decay_t<Count>, Uncounted>) {
    size_t n = 0;
    if (auto e = elements.count_elements().get(n)) return fail(e);
    count(n);
  }
  size_t index = 0;
  for (auto element : elements) {
    simdjson::ondemand::value v;
    if (auto e = std::move(element).get(v)) return fail(e);
    simdjson::ondemand::json_type type;
    if (auto e = v.type().get(type)) return fail(e);
    std::string_view text;
    if (type == simdjson::ondemand::json_type::object) {
      const char* start = v.raw_json_token().data();
      simdjson::ondemand::object object;
      if (auto e = v.get_object().get(object)) return fail(e);
      if (fast(object, start)) {
        ++index;
        continue;
      }
      // Back to its start (whatever fast read of it), then its text whole;
      // unless fast met a syntax error, after which simdjson's iterator is
      // left at the end (a document nlohmann refuses as well: refusal()).
      if (!doc.is_alive()) return fail(simdjson::TAPE_ERROR);
      if (auto e = object.reset().error()) return fail(e);
      if (auto e = object.raw_json().get(text)) return fail(e);
    } else {
      simdjson::error_code e = simdjson::SUCCESS;
      text = value_text(v, e);
      if (e) return fail(e);
    }
    JsonValue parsed;
    if (!value(text, depth + 1, parsed)) return false;
    f(parsed, index++, text.data() + text.size());
  }
  return true;
}

template <class OnField>
bool JsonReader::each_field(OnField&& field, bool& stopped) {
  stopped = false;
  if (error_) return false;
  simdjson::ondemand::document doc;
  if (auto e = document_parser_.iterate(input_.padded(input_.text())).get(doc)) return fail(e);
  simdjson::ondemand::json_type type;
  if (auto e = doc.type().get(type)) return fail(e);
  simdjson::ondemand::object object;
  if (type != simdjson::ondemand::json_type::object || doc.get_object().get(object)) {
    stopped = true;
    return true;
  }
  struct Reading {  // one_pass_ set while the fields are read, whatever ends it
    JsonReader& reader;
    Reading(JsonReader& r, simdjson::ondemand::document& d) : reader(r) { reader.one_pass_ = &d; }
    ~Reading() { reader.one_pass_ = nullptr; }
  } reading(*this, doc);
  for (auto item : object) {
    simdjson::ondemand::field f;
    if (auto e = std::move(item).get(f)) return fail(e);
    std::string_view key;
    if (auto e = f.unescaped_key().get(key)) return fail(e);
    if (!field(key, f.value())) {
      if (error_) return false;
      stopped = true;
      return true;
    }
    if (error_) return false;
  }
  if (!at_end(doc)) return fail(simdjson::TRAILING_CONTENT);
  return true;
}
}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_JSON_SUPPORT_HPP_
