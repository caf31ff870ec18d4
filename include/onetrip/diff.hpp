// What differs between two catalogues, field by field: every hall, department,
// material, matter and bundle added, removed or changed, each change named by
// the field of the "onetrip/1" format it is in (a matter moved from 公安 to 住建
// is a change of its "department"; a matter now offered in another hall, of
// its "halls"), with the value before and after as the format writes it.
#ifndef ONETRIP_DIFF_HPP_
#define ONETRIP_DIFF_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onetrip/catalog.hpp"

namespace onetrip {

enum class DiffItem : uint8_t { kCatalog, kHall, kDepartment, kMaterial, kMatter, kBundle };
enum class DiffChange : uint8_t { kChanged, kAdded, kRemoved };

struct FieldChange {
  DiffItem item = DiffItem::kMatter;
  DiffChange change = DiffChange::kChanged;
  std::string id;      // the hall, department, material or bundle id, the matter code; "" for the catalogue
  std::string field;   // the format's name of the field; "" when the item was added or removed
  std::string before;  // the value as JSON text; "" when absent (its default) or added
  std::string after;   // "" when absent (its default) or removed
  // The field enters a figure (trips, worst case, windows, working days, due
  // dates, indicators); names, notes, declared trips, validity dates and
  // condition texts do not.
  bool affects_figures = false;
  // The fields, for comparison.
  auto fields() const { return std::tie(item, change, id, field, before, after, affects_figures); }
};

struct CatalogDiff {
  // The catalogue's own fields, then halls, departments, materials, matters and
  // bundles, each in the order of `a` with the ones only `b` has after them.
  std::vector<FieldChange> changes;
  int32_t halls_changed = 0;  // added, removed or with a changed field
  int32_t departments_changed = 0;
  int32_t materials_changed = 0;
  int32_t matters_changed = 0;
  int32_t bundles_changed = 0;
  bool empty() const { return changes.empty(); }
};

// Items are matched by id (matters by code). Matters `b` shares with `a` (a
// reform left them alone) are known equal without being compared.
CatalogDiff diff(const Catalog& a, const Catalog& b);

// Whether a field of an item enters a figure (FieldChange::affects_figures).
bool affects_figures(DiffItem item, std::string_view field);

const char* to_string(DiffItem item);      // "hall", "department", "material", "matter", "bundle", "catalogue"
const char* to_string(DiffChange change);  // "changed", "added", "removed"

// One line: "matter 330281-GA-01 department: \"gongan\" → \"zhujian\"".
std::string describe(const FieldChange& change);

}  // namespace onetrip

#endif  // ONETRIP_DIFF_HPP_
