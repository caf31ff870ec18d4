// Internal: reading one JSON object field by field, reporting wrong types,
// missing fields and, at the end, fields it does not know.
#ifndef ONETRIP_LIB_OBJECT_READER_HPP_
#define ONETRIP_LIB_OBJECT_READER_HPP_

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "enum_names.hpp"
#include "json_support.hpp"

namespace onetrip::internal {

// Reads an object (a simdjson DOM element). A key given more than once counts
// with its last value, as docs/errors.md says; the fields are indexed once, so
// that each look-up is a short scan of the keys.
class ObjectReader {
 public:
  ObjectReader(JsonValue value, std::string path, Problems& problems, const char* what)
      : path_(std::move(path)), problems_(problems), ok_(value.is_object()) {
    if (!ok_) {
      problems_.add(path_, absl::StrCat("expected ", what, " (an object), found ", json_type_name(value)));
      return;
    }
    const simdjson::dom::object object = value.get_object().value_unsafe();
    for (const auto field : object) fields_.push_back({field.key, field.value});
  }
  ~ObjectReader() {
    // Every field was asked for by name (the usual case): none is unknown.
    if (!ok_ || found_.size() == fields_.size()) return;
    // The others, each once and in the order of their keys' bytes.
    std::vector<std::string_view> unknown;
    for (const auto& field : fields_) {
      const std::string_view key = field.first;
      if (std::none_of(seen_.begin(), seen_.end(), [&](const char* k) { return key == k; })) unknown.push_back(key);
    }
    std::sort(unknown.begin(), unknown.end());
    unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
    for (std::string_view key : unknown) {
      problems_.add(json_path(path_, key), absl::StrFormat("unknown field \"%s\"", key));
    }
  }
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  std::string at(const char* key) const { return json_path(path_, key); }

  std::optional<JsonValue> get(const char* key) {
    seen_.push_back(key);
    if (!ok_) return std::nullopt;
    const std::string_view name(key);
    for (size_t i = fields_.size(); i-- > 0;) {  // the last of a repeated key
      if (fields_[i].first.size() != name.size() || fields_[i].first != name) continue;
      if (std::find(found_.begin(), found_.end(), i) == found_.end()) found_.push_back(i);
      return fields_[i].second;
    }
    return std::nullopt;
  }

  void missing(const char* key) { problems_.add(path_, absl::StrFormat("missing \"%s\"", key)); }
  void wrong(const char* key, const char* expected, JsonValue found) {
    problems_.add(at(key), absl::StrCat("expected ", expected, ", found ", json_type_name(found)));
  }

  std::string string(const char* key, bool required) {
    const std::optional<JsonValue> v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return {};
    }
    if (!v->is_string()) {
      wrong(key, "a string", *v);
      return {};
    }
    const std::string_view s = v->get_string().value_unsafe();
    if (!text_ok(
            s, [&] { return at(key); }, problems_))
      return {};
    if (required && s.empty()) problems_.add(at(key), "an empty string");
    return std::string(s);
  }

  std::optional<int64_t> integer(const char* key, bool required, int64_t min = 0,
                                 int64_t max = std::numeric_limits<int32_t>::max()) {
    const std::optional<JsonValue> v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return std::nullopt;
    }
    const auto type = v->type();
    if (type == simdjson::dom::element_type::UINT64) {  // beyond int64_t: over any maximum
      problems_.add(at(key),
                    absl::StrFormat("%d is over the largest allowed, %d", v->get_uint64().value_unsafe(), max));
      return std::nullopt;
    }
    if (type != simdjson::dom::element_type::INT64) {
      wrong(key, "an integer", *v);
      return std::nullopt;
    }
    const int64_t n = v->get_int64().value_unsafe();
    if (n < min) {
      problems_.add(at(key), min == 0 ? absl::StrFormat("a negative number (%d)", n)
                                      : absl::StrFormat("%d is below the smallest allowed, %d", n, min));
      return std::nullopt;
    }
    if (n > max) {
      problems_.add(at(key), absl::StrFormat("%d is over the largest allowed, %d", n, max));
      return std::nullopt;
    }
    return n;
  }

  bool boolean(const char* key, bool fallback) {
    const std::optional<JsonValue> v = get(key);
    if (!v) return fallback;
    if (!v->is_bool()) {
      wrong(key, "true or false", *v);
      return fallback;
    }
    return v->get_bool().value_unsafe();
  }

  template <class E>
  E enumeration(const char* key, E fallback, bool required) {
    const std::optional<JsonValue> v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return fallback;
    }
    if (!v->is_string()) {
      wrong(key, "a string", *v);
      return fallback;
    }
    const std::string_view text = v->get_string().value_unsafe();
    if (auto e = internal::parse_name<E>(text)) return *e;
    problems_.add(at(key), absl::StrFormat("%s is not one of %s", quote_text(text), internal::name_list<E>()));
    return fallback;
  }

  std::optional<Date> date(const char* key) {
    const std::optional<JsonValue> v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      wrong(key, "a date string YYYY-MM-DD", *v);
      return std::nullopt;
    }
    auto d = parse_date(v->get_string().value_unsafe());
    if (!d.ok()) {
      problems_.add(at(key), std::string(d.status().message()));
      return std::nullopt;
    }
    return *d;
  }

  // The array at key, or nothing (reported when it is not an array, or missing and required).
  std::optional<simdjson::dom::array> array(const char* key, bool required) {
    const std::optional<JsonValue> v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return std::nullopt;
    }
    if (!v->is_array()) {
      wrong(key, "an array", *v);
      return std::nullopt;
    }
    return v->get_array().value_unsafe();
  }

 private:
  std::string path_;
  Problems& problems_;
  bool ok_;
  absl::InlinedVector<std::pair<std::string_view, JsonValue>, 24> fields_;  // in the document's order
  absl::InlinedVector<const char*, 24> seen_;                               // the names asked for
  absl::InlinedVector<size_t, 24> found_;                                   // the fields found, each once
};

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_OBJECT_READER_HPP_
