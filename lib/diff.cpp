#include "onetrip/diff.hpp"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "catalog_internal.hpp"
#include "catalog_json_internal.hpp"
#include "diff_internal.hpp"

namespace onetrip {

namespace {

using ojson = nlohmann::ordered_json;

std::string text_of(const ojson* v) {
  return v ? v->dump(-1, ' ', false, ojson::error_handler_t::replace) : std::string();
}

// A matter's materials without their condition texts and validity periods
// (which no figure of an evaluation reads; Catalog::as_of does), a use left
// with no override written as its id.
ojson without_conditions(ojson materials) {
  for (ojson& use : materials) {
    if (!use.is_object()) continue;
    for (const char* key : {"condition", "effective_from", "effective_until"}) use.erase(key);
    if (use.size() == 1 && use.contains("material")) use = ojson(use["material"]);
  }
  return materials;
}

// The fields of one item that differ, in the order of a's fields then b's new ones.
void compare_fields(DiffItem item, const std::string& id, const ojson& a, const ojson& b, CatalogDiff& out,
                    bool& changed) {
  const auto one = [&](const std::string& key) {
    const ojson* x = a.contains(key) ? &a[key] : nullptr;
    const ojson* y = b.contains(key) ? &b[key] : nullptr;
    if (x && y && *x == *y) return;
    if (!x && !y) return;
    if (key == "periods") {  // each dated field on its own: "periods.fee"
      static const ojson kNone = ojson::object();
      const ojson& px = x ? *x : kNone;
      const ojson& py = y ? *y : kNone;
      const auto field = [&](const std::string& f) {
        const ojson* u = px.contains(f) ? &px[f] : nullptr;
        const ojson* v = py.contains(f) ? &py[f] : nullptr;
        if ((u && v && *u == *v) || (!u && !v)) return;
        const std::string name = absl::StrCat("periods.", f);
        out.changes.push_back(
            FieldChange{item, DiffChange::kChanged, id, name, text_of(u), text_of(v), affects_figures(item, name)});
      };
      for (const auto& [f, value] : px.items()) field(f);
      for (const auto& [f, value] : py.items()) {
        if (!px.contains(f)) field(f);
      }
      changed = true;
      return;
    }
    FieldChange c;
    c.item = item;
    c.id = id;
    c.field = key;
    c.before = text_of(x);
    c.after = text_of(y);
    c.affects_figures = affects_figures(item, key);
    if (item == DiffItem::kMatter && key == "materials" && x && y) {
      c.affects_figures = without_conditions(*x) != without_conditions(*y);
    }
    out.changes.push_back(std::move(c));
    changed = true;
  };
  for (const auto& [key, value] : a.items()) one(key);
  for (const auto& [key, value] : b.items()) {
    if (!a.contains(key)) one(key);
  }
}

void whole(DiffItem item, DiffChange change, const std::string& id, CatalogDiff& out) {
  FieldChange c;
  c.item = item;
  c.change = change;
  c.id = id;
  c.affects_figures = true;
  out.changes.push_back(std::move(c));
}

// Items of one kind matched by id: `find_b(id)` gives b's index, `find_a` a's.
template <class IdA, class IdB, class JsonA, class JsonB, class FindA, class FindB, class Same>
int32_t compare_items(DiffItem item, size_t na, size_t nb, IdA id_a, IdB id_b, JsonA json_a, JsonB json_b, FindA find_a,
                      FindB find_b, Same same, CatalogDiff& out) {
  int32_t count = 0;
  for (size_t i = 0; i < na; ++i) {
    const std::string& id = id_a(i);
    std::optional<uint32_t> j = find_b(id);
    if (!j) {
      whole(item, DiffChange::kRemoved, id, out);
      ++count;
      continue;
    }
    if (same(i, *j)) continue;
    bool changed = false;
    compare_fields(item, id, json_a(i), json_b(*j), out, changed);
    count += changed;
  }
  for (size_t j = 0; j < nb; ++j) {
    if (!find_a(id_b(j))) {
      whole(item, DiffChange::kAdded, id_b(j), out);
      ++count;
    }
  }
  return count;
}

}  // namespace

bool affects_figures(DiffItem item, std::string_view field) {
  switch (item) {
    case DiffItem::kCatalog:
      return false;
    case DiffItem::kHall:
      return field != "name" && field != "address" && field != "kind";  // no rule reads them
    case DiffItem::kDepartment:
      return field != "name";
    case DiffItem::kMaterial:
      return field != "name" && field != "issuer" && field != "condition";
    case DiffItem::kMatter:  // validity dates: read by Catalog::as_of, not by an evaluation of the catalogue
      return field != "name" && field != "note" && field != "kind" && field != "limit_scene_num" &&
             field != "effective_from" && field != "effective_until" && field.substr(0, 7) != "periods";
    case DiffItem::kBundle:
      return field != "name" && field != "note" && field != "effective_from" && field != "effective_until";
  }
  return true;
}

const char* to_string(DiffItem item) {
  switch (item) {
    case DiffItem::kCatalog:
      return "catalogue";
    case DiffItem::kHall:
      return "hall";
    case DiffItem::kDepartment:
      return "department";
    case DiffItem::kMaterial:
      return "material";
    case DiffItem::kMatter:
      return "matter";
    case DiffItem::kBundle:
      return "bundle";
  }
  return "?";
}

const char* to_string(DiffChange change) {
  switch (change) {
    case DiffChange::kChanged:
      return "changed";
    case DiffChange::kAdded:
      return "added";
    case DiffChange::kRemoved:
      return "removed";
  }
  return "?";
}

std::string describe(const FieldChange& c) {
  std::string out = absl::StrCat(to_string(c.item), c.id.empty() ? "" : " ", c.id);
  if (c.change != DiffChange::kChanged) return absl::StrCat(out, " ", to_string(c.change));
  return absl::StrFormat("%s %s: %s → %s", out, c.field, c.before.empty() ? "(absent)" : c.before,
                         c.after.empty() ? "(absent)" : c.after);
}

CatalogDiff diff(const Catalog& a, const Catalog& b) {
  CatalogDiff out;
  if (a.name() != b.name()) {
    out.changes.push_back(FieldChange{DiffItem::kCatalog, DiffChange::kChanged, "", "name", ojson(a.name()).dump(),
                                      ojson(b.name()).dump(), false});
  }
  // Index-based equality is exact only when the tables the indices point into are equal.
  const bool same_tables =
      a.halls() == b.halls() && a.departments() == b.departments() && a.materials() == b.materials();
  const auto opt = [](auto o) -> std::optional<uint32_t> {
    if (!o) return std::nullopt;
    return static_cast<uint32_t>(*o);
  };
  out.halls_changed = compare_items(
      DiffItem::kHall, a.halls().size(), b.halls().size(),
      [&](size_t i) -> const std::string& { return a.halls()[i].id; },
      [&](size_t i) -> const std::string& { return b.halls()[i].id; },
      [&](size_t i) { return internal::hall_json(a.halls()[i]); },
      [&](size_t i) { return internal::hall_json(b.halls()[i]); },
      [&](const std::string& id) { return opt(a.find_hall(id)); },
      [&](const std::string& id) { return opt(b.find_hall(id)); },
      [&](size_t i, size_t j) { return a.halls()[i] == b.halls()[j]; }, out);
  out.departments_changed = compare_items(
      DiffItem::kDepartment, a.departments().size(), b.departments().size(),
      [&](size_t i) -> const std::string& { return a.departments()[i].id; },
      [&](size_t i) -> const std::string& { return b.departments()[i].id; },
      [&](size_t i) { return internal::department_json(a, a.departments()[i]); },
      [&](size_t i) { return internal::department_json(b, b.departments()[i]); },
      [&](const std::string& id) { return opt(a.find_department(id)); },
      [&](const std::string& id) { return opt(b.find_department(id)); },
      [&](size_t i, size_t j) { return same_tables && a.departments()[i] == b.departments()[j]; }, out);
  out.materials_changed = compare_items(
      DiffItem::kMaterial, a.materials().size(), b.materials().size(),
      [&](size_t i) -> const std::string& { return a.materials()[i].id; },
      [&](size_t i) -> const std::string& { return b.materials()[i].id; },
      [&](size_t i) { return internal::material_json(a.materials()[i]); },
      [&](size_t i) { return internal::material_json(b.materials()[i]); },
      [&](const std::string& id) { return opt(a.find_material(id)); },
      [&](const std::string& id) { return opt(b.find_material(id)); },
      [&](size_t i, size_t j) { return a.materials()[i] == b.materials()[j]; }, out);
  const auto am = a.matters();
  const auto bm = b.matters();
  out.matters_changed = compare_items(
      DiffItem::kMatter, am.size(), bm.size(), [&](size_t i) -> const std::string& { return am[i].code; },
      [&](size_t i) -> const std::string& { return bm[i].code; },
      [&](size_t i) { return internal::matter_json(a, am[i]); },
      [&](size_t i) { return internal::matter_json(b, bm[i]); },
      [&](const std::string& code) { return opt(a.find_matter(code)); },
      [&](const std::string& code) { return opt(b.find_matter(code)); },
      [&](size_t i, size_t j) { return &am[i] == &bm[j] || (same_tables && am[i] == bm[j]); }, out);
  out.bundles_changed = compare_items(
      DiffItem::kBundle, a.bundles().size(), b.bundles().size(),
      [&](size_t i) -> const std::string& { return a.bundles()[i].id; },
      [&](size_t i) -> const std::string& { return b.bundles()[i].id; },
      [&](size_t i) { return internal::bundle_json(a, a.bundles()[i]); },
      [&](size_t i) { return internal::bundle_json(b, b.bundles()[i]); },
      [&](const std::string& id) { return opt(a.find_bundle(id)); },
      [&](const std::string& id) { return opt(b.find_bundle(id)); },
      [&](size_t i, size_t j) {
        // Members are indices: equal bundles name the same matters only when the matters are numbered alike.
        return a.bundles().data() == b.bundles().data() ||
               (am.size() == bm.size() && a.bundles()[i] == b.bundles()[j] &&
                std::all_of(a.bundles()[i].members.begin(), a.bundles()[i].members.end(),
                            [&](MatterIndex m) { return am[m].code == bm[m].code; }));
      },
      out);
  return out;
}

namespace internal {

std::vector<FieldChange> matter_changes(const Catalog& a, const Matter& ma, const Catalog& b, const Matter& mb) {
  CatalogDiff out;
  bool changed = false;
  compare_fields(DiffItem::kMatter, ma.code, matter_json(a, ma), matter_json(b, mb), out, changed);
  for (const MaterialUse& use : mb.materials) {
    const Material& after = b.materials()[use.material];
    auto i = a.find_material(after.id);
    if (!i || a.materials()[*i] == after) continue;
    compare_fields(DiffItem::kMaterial, after.id, material_json(a.materials()[*i]), material_json(after), out, changed);
  }
  return std::move(out.changes);
}

std::vector<FieldChange> bundle_changes(const Catalog& a, const Bundle& ba, const Catalog& b, const Bundle& bb) {
  CatalogDiff out;
  bool changed = false;
  compare_fields(DiffItem::kBundle, ba.id, bundle_json(a, ba), bundle_json(b, bb), out, changed);
  return std::move(out.changes);
}

}  // namespace internal

}  // namespace onetrip
