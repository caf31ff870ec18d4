// Internal: what every reader of input needs, JSON or not (the CSV readers
// too): whole files, messages that quote bad input, money, paths of problems,
// and the collected problems of one input. No JSON library here: a reader of
// CSV does not compile nlohmann's (json_support.hpp adds the JSON parts).
#ifndef ONETRIP_LIB_TEXT_SUPPORT_HPP_
#define ONETRIP_LIB_TEXT_SUPPORT_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "onetrip/problem.hpp"

namespace onetrip::internal {

// The whole file; NOT_FOUND naming the path when it cannot be read.
absl::StatusOr<std::string> read_text_file(const std::string& path);

// The same result, its error message prefixed with "<where>: ".
template <class T>
absl::StatusOr<T> prefix_error(absl::StatusOr<T> result, std::string_view where) {
  if (result.ok()) return result;
  return absl::Status(result.status().code(), std::string(where) + ": " + std::string(result.status().message()));
}

// Text quoted for a message: valid UTF-8, control characters escaped, at most
// about `max_chars` bytes (longer text ends in "…"): "\"h\\u0000x\"".
std::string quote_text(std::string_view text, size_t max_chars = 60);

// The text with every byte that is not part of valid UTF-8 written as "\xFF",
// so that a message quoting bad input is itself valid UTF-8.
std::string escape_invalid_utf8(std::string_view text);

// The offset of the first byte that is not part of valid UTF-8 (RFC 3629: no
// overlong forms, surrogates or code points past U+10FFFF), or npos.
inline size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// Money as onetrip/format.hpp reads and writes it (the loaders call these).
std::optional<int64_t> parse_yuan(std::string_view text);
std::string format_yuan(int64_t fen);

// JSON paths in the "$.days[3].date" notation.
std::string json_path(const std::string& parent, std::string_view key);
std::string json_path(const std::string& parent, size_t index);

// Every problem of one input, reported together. Past kMaxKept problems only
// the count grows, so a huge broken input gives a bounded report.
class Problems {
 public:
  static constexpr size_t kMaxKept = 1000;

  void add(std::string path, std::string message);
  // From now on, a problem at or under a path already reported is a
  // consequence of that one and is dropped (a field that failed to read is
  // not also reported as empty).
  void follow_up();
  bool empty() const { return total_ == 0; }
  // kMaxKept problems are kept: the input is refused whatever comes next, and
  // what a reader reads from now on is only counted.
  bool full() const { return items_.size() >= kMaxKept; }
  size_t size() const { return total_; }
  // INVALID_ARGUMENT: "<what>: N problem(s)" then one "path: message" line each.
  absl::Status to_status(std::string_view what) const;
  // Appends the problems as public onetrip::Problem values; past kMaxKept, a
  // last one at "$" counts the problems not listed.
  void append_to(std::vector<onetrip::Problem>& out) const;

 private:
  std::string rest_text() const;

  std::vector<onetrip::Problem> items_;
  size_t total_ = 0;
  absl::flat_hash_set<std::string> reported_;  // filled by follow_up()
};

// False, with a problem at `path`, for text a C caller could not read back:
// a NUL character ("\u0000") would end it early, so that "h\u0000x" and "h"
// would look the same. Every string of every onetrip document is checked.
bool text_ok(std::string_view text, const std::string& path, Problems& problems);
// The same with the path made by path() only for a problem: a valid document
// of 10^6 matters would otherwise build a path for each of its strings.
template <class Path, class = std::enable_if_t<std::is_invocable_r_v<std::string, const Path&>>>
bool text_ok(std::string_view text, const Path& path, Problems& problems) {
  return text.find('\0') == text.npos || text_ok(text, path(), problems);
}

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_TEXT_SUPPORT_HPP_
