// Internal: reading one JSON object field by field, reporting wrong types,
// missing fields and, at the end, fields it does not know.
#ifndef ONETRIP_LIB_OBJECT_READER_HPP_
#define ONETRIP_LIB_OBJECT_READER_HPP_

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "enum_names.hpp"
#include "json_support.hpp"

namespace onetrip::internal {

class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& value, std::string path, Problems& problems, const char* what)
      : value_(value), path_(std::move(path)), problems_(problems), ok_(value.is_object()) {
    if (!ok_) problems_.add(path_, absl::StrCat("expected ", what, " (an object), found ", json_type_name(value)));
  }
  ~ObjectReader() {
    // Every field was asked for by name (the usual case): none is unknown.
    if (!ok_ || found_.size() == value_.size()) return;
    for (const auto& [key, ignored] : value_.items()) {
      bool known = false;
      for (const char* k : seen_) known = known || key == k;
      if (!known) problems_.add(json_path(path_, key), absl::StrFormat("unknown field \"%s\"", key));
    }
  }
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  std::string at(const char* key) const { return json_path(path_, key); }

  const nlohmann::json* get(const char* key) {
    seen_.push_back(key);
    if (!ok_) return nullptr;
    auto it = value_.find(key);
    if (it == value_.end()) return nullptr;
    // Each field found counts once, told apart by its key's address in the object.
    const void* field = &it.key();
    if (std::find(found_.begin(), found_.end(), field) == found_.end()) found_.push_back(field);
    return &*it;
  }

  void missing(const char* key) { problems_.add(path_, absl::StrFormat("missing \"%s\"", key)); }
  void wrong(const char* key, const char* expected, const nlohmann::json& found) {
    problems_.add(at(key), absl::StrCat("expected ", expected, ", found ", json_type_name(found)));
  }

  std::string string(const char* key, bool required) {
    const nlohmann::json* v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return {};
    }
    if (!v->is_string()) {
      wrong(key, "a string", *v);
      return {};
    }
    std::string s = v->get<std::string>();
    if (!text_ok(s, at(key), problems_)) return {};
    if (required && s.empty()) problems_.add(at(key), "an empty string");
    return s;
  }

  std::optional<int64_t> integer(const char* key, bool required, int64_t min = 0,
                                 int64_t max = std::numeric_limits<int32_t>::max()) {
    const nlohmann::json* v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return std::nullopt;
    }
    if (!v->is_number_integer()) {
      wrong(key, "an integer", *v);
      return std::nullopt;
    }
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(max)) {
      problems_.add(at(key), absl::StrFormat("%d is over the largest allowed, %d", v->get<uint64_t>(), max));
      return std::nullopt;
    }
    const int64_t n = v->get<int64_t>();
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
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_boolean()) {
      wrong(key, "true or false", *v);
      return fallback;
    }
    return v->get<bool>();
  }

  template <class E>
  E enumeration(const char* key, E fallback, bool required) {
    const nlohmann::json* v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return fallback;
    }
    if (!v->is_string()) {
      wrong(key, "a string", *v);
      return fallback;
    }
    const std::string& text = v->get_ref<const std::string&>();
    if (auto e = internal::parse_name<E>(text)) return *e;
    problems_.add(at(key), absl::StrFormat("%s is not one of %s", quote_text(text), internal::name_list<E>()));
    return fallback;
  }

  std::optional<Date> date(const char* key) {
    const nlohmann::json* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      wrong(key, "a date string YYYY-MM-DD", *v);
      return std::nullopt;
    }
    auto d = parse_date(v->get_ref<const std::string&>());
    if (!d.ok()) {
      problems_.add(at(key), std::string(d.status().message()));
      return std::nullopt;
    }
    return *d;
  }

  // The array at key, or nullptr (reported when it is not an array, or missing and required).
  const nlohmann::json* array(const char* key, bool required) {
    const nlohmann::json* v = get(key);
    if (!v) {
      if (required && ok_) missing(key);
      return nullptr;
    }
    if (!v->is_array()) {
      wrong(key, "an array", *v);
      return nullptr;
    }
    return v;
  }

 private:
  const nlohmann::json& value_;
  std::string path_;
  Problems& problems_;
  bool ok_;
  absl::InlinedVector<const char*, 24> seen_;   // the names asked for
  absl::InlinedVector<const void*, 24> found_;  // the fields found, each once
};

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_OBJECT_READER_HPP_
