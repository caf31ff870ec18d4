// Internal: the names of enumerations in the JSON formats, one table per
// enumeration, and the lookups every room reads them with. The room that owns
// an enumeration E declares `enum_names(E)` in namespace onetrip (found by
// argument-dependent lookup) and defines it with ONETRIP_ENUM_NAMES.
#ifndef ONETRIP_LIB_ENUM_NAMES_HPP_
#define ONETRIP_LIB_ENUM_NAMES_HPP_

#include <optional>
#include <string>
#include <string_view>

#include "absl/types/span.h"

namespace onetrip::internal {

template <class E>
struct EnumName {
  const char* name;
  E value;
};

// Defines `onetrip::enum_names(Type)` over the listed {name, value} pairs;
// used in namespace onetrip.
#define ONETRIP_ENUM_NAMES(Type, ...)                                              \
  absl::Span<const ::onetrip::internal::EnumName<Type>> enum_names(Type) {         \
    static constexpr ::onetrip::internal::EnumName<Type> kNames[] = {__VA_ARGS__}; \
    return kNames;                                                                 \
  }

template <class E>
std::optional<E> parse_name(std::string_view text) {
  for (const auto& n : enum_names(E{})) {
    if (text == n.name) return n.value;
  }
  return std::nullopt;
}

template <class E>
const char* name_of(E value) {
  for (const auto& n : enum_names(E{})) {
    if (n.value == value) return n.name;
  }
  return "?";
}

// "a", "b" or "c": the accepted names, for messages.
template <class E>
std::string name_list() {
  std::string out;
  const auto all = enum_names(E{});
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += i + 1 == all.size() ? " or " : ", ";
    out += '"';
    out += all[i].name;
    out += '"';
  }
  return out;
}

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_ENUM_NAMES_HPP_
