// Internal to the catalogue: the names of its enumerations in the JSON format,
// and the validation shared by the JSON loader and Catalog::from_data.
#ifndef ONETRIP_LIB_CATALOG_INTERNAL_HPP_
#define ONETRIP_LIB_CATALOG_INTERNAL_HPP_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "json_support.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/reform.hpp"

namespace onetrip::internal {

// A reference the JSON loader could not resolve (and has reported).
inline constexpr uint32_t kUnresolved = std::numeric_limits<uint32_t>::max();

// Every rule of a catalogue: ids unique and non-empty, references valid,
// limits, fees and days sane, bundle graphs acyclic. With skip_unresolved,
// references equal to kUnresolved are passed over.
void validate_catalog(const CatalogData& data, bool skip_unresolved, Problems& problems);

template <class E>
struct EnumName {
  const char* name;
  E value;
};

absl::Span<const EnumName<HallKind>> names(HallKind);
absl::Span<const EnumName<MaterialForm>> names(MaterialForm);
absl::Span<const EnumName<MaterialSource>> names(MaterialSource);
absl::Span<const EnumName<Necessity>> names(Necessity);
absl::Span<const EnumName<MatterKind>> names(MatterKind);
absl::Span<const EnumName<ProjectType>> names(ProjectType);
absl::Span<const EnumName<LimitUnit>> names(LimitUnit);
absl::Span<const EnumName<OnlineApplication>> names(OnlineApplication);
absl::Span<const EnumName<EdgeKind>> names(EdgeKind);
absl::Span<const EnumName<Acceptance>> names(Acceptance);
absl::Span<const EnumName<Results>> names(Results);
absl::Span<const EnumName<ReformKind>> names(ReformKind);

template <class E>
std::optional<E> parse_name(std::string_view text) {
  for (const auto& n : names(E{})) {
    if (text == n.name) return n.value;
  }
  return std::nullopt;
}

template <class E>
const char* name_of(E value) {
  for (const auto& n : names(E{})) {
    if (n.value == value) return n.name;
  }
  return "?";
}

// "a", "b" or "c": the accepted names, for messages.
template <class E>
std::string name_list() {
  std::string out;
  const auto all = names(E{});
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += i + 1 == all.size() ? " or " : ", ";
    out += '"';
    out += all[i].name;
    out += '"';
  }
  return out;
}

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_CATALOG_INTERNAL_HPP_
