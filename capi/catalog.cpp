// The C ABI of the catalogue: load, save, counts, lookups and per-index views.
#include <cstring>

#include "capi_internal.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/format.hpp"
#include "onetrip/generate.hpp"

namespace {

using onetrip::capi::check_index;
using onetrip::capi::guard;

// Runs body(catalog) for a per-index view after the common checks.
template <class Info, class Body>
onetrip_status view(const onetrip_catalog* catalog, Info* out, Body body) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out);
    if (absl::Status s = onetrip::capi::check_struct(out, "out"); !s.ok()) return s;
    Info full = onetrip::capi::Versioned<Info>::defaults();
    if (absl::Status s = body(catalog->value, full); !s.ok()) return s;
    return onetrip::capi::write_struct(full, out);
  });
}

// A validity period into a view's four fields.
template <class Info>
void put_validity(const onetrip::Validity& v, Info& info) {
  info.has_effective_from = v.from.has_value();
  if (v.from) info.effective_from = onetrip::capi::from_date(*v.from);
  info.has_effective_until = v.until.has_value();
  if (v.until) info.effective_until = onetrip::capi::from_date(*v.until);
}

}  // namespace

extern "C" {

size_t onetrip_last_problem_count(void) {
  return onetrip::capi::t_flags.has_problems ? onetrip::capi::last_problems().size() : 0;
}

onetrip_status onetrip_last_problem(size_t index, const char** out_path, const char** out_message) {
  // Not through guard(): reading the list must not clear it.
  const size_t count = onetrip_last_problem_count();
  const auto& problems = onetrip::capi::last_problems();
  if (out_path == nullptr || out_message == nullptr) {
    onetrip::capi::set_error("out_path and out_message must not be NULL");
    return ONETRIP_INVALID_ARGUMENT;
  }
  if (index >= count) {
    onetrip::capi::set_error(absl::StrCat("problem index ", index, " is past the end (there are ", count, ")"));
    return ONETRIP_OUT_OF_RANGE;
  }
  *out_path = problems[index].path.c_str();
  *out_message = problems[index].message.c_str();
  return ONETRIP_OK;
}

void onetrip_string_free(char* text) { delete[] text; }

onetrip_status onetrip_catalog_load_json(const char* utf8, size_t len, onetrip_catalog** out) {
  return onetrip_catalog_load_json_with_progress(utf8, len, nullptr, nullptr, out);
}

onetrip_status onetrip_catalog_load_file(const char* path, onetrip_catalog** out) {
  return onetrip_catalog_load_file_with_progress(path, nullptr, nullptr, out);
}

onetrip_status onetrip_catalog_load_json_with_progress(const char* utf8, size_t len, onetrip_progress_fn progress,
                                                       void* progress_data, onetrip_catalog** out) {
  return onetrip::capi::with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(utf8);
    ONETRIP_REQUIRE(out);
    return onetrip::capi::store(onetrip::Catalog::load_json(std::string_view(utf8, len), problems,
                                                            onetrip::capi::progress_of(progress, progress_data)),
                                out);
  });
}

onetrip_status onetrip_catalog_load_file_with_progress(const char* path, onetrip_progress_fn progress,
                                                       void* progress_data, onetrip_catalog** out) {
  return onetrip::capi::with_problems([&](std::vector<onetrip::Problem>* problems) -> absl::Status {
    ONETRIP_REQUIRE(path);
    ONETRIP_REQUIRE(out);
    return onetrip::capi::store(
        onetrip::Catalog::load_file(path, problems, onetrip::capi::progress_of(progress, progress_data)), out);
  });
}

onetrip_status onetrip_catalog_generate(const onetrip_generator_options* options, onetrip_catalog** out) {
  return onetrip_catalog_generate_with_progress(options, nullptr, nullptr, out);
}

onetrip_status onetrip_catalog_generate_with_progress(const onetrip_generator_options* options,
                                                      onetrip_progress_fn progress, void* progress_data,
                                                      onetrip_catalog** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(out);
    auto given = onetrip::capi::read_struct(options, "options");
    if (!given.ok()) return given.status();
    onetrip::GeneratorOptions o;
    o.seed = given->seed;
    o.matters = given->matters;
    o.departments = given->departments;
    o.halls = given->halls;
    o.materials = given->materials;
    o.bundle_members = given->bundle_members;
    o.bundles_per_matter = given->bundles_per_matter;
    o.progress = onetrip::capi::progress_of(progress, progress_data);
    return onetrip::capi::store(onetrip::generate_catalog(o), out);
  });
}

onetrip_status onetrip_catalog_save_json(const onetrip_catalog* catalog, char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out_utf8);
    const std::string text = catalog->value.save_json();
    *out_utf8 = onetrip::capi::owned_copy(text);
    if (out_len != nullptr) *out_len = text.size();
    return absl::OkStatus();
  });
}

void onetrip_catalog_free(onetrip_catalog* catalog) { delete catalog; }

onetrip_status onetrip_catalog_counts_get(const onetrip_catalog* catalog, onetrip_catalog_counts* out) {
  return view(catalog, out, [](const onetrip::Catalog& c, onetrip_catalog_counts& info) {
    info.halls = c.halls().size();
    info.departments = c.departments().size();
    info.materials = c.materials().size();
    info.matters = c.matters().size();
    info.bundles = c.bundles().size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_find(const onetrip_catalog* catalog, onetrip_entity entity, const char* id,
                                    size_t id_len, uint32_t* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(id);
    ONETRIP_REQUIRE(out);
    const std::string_view key(id, id_len);
    const onetrip::Catalog& c = catalog->value;
    std::optional<uint32_t> found;
    const char* what = "";
    switch (entity) {
      case ONETRIP_ENTITY_HALL:
        found = c.find_hall(key), what = "hall";
        break;
      case ONETRIP_ENTITY_DEPARTMENT:
        found = c.find_department(key), what = "department";
        break;
      case ONETRIP_ENTITY_MATERIAL:
        found = c.find_material(key), what = "material";
        break;
      case ONETRIP_ENTITY_MATTER:
        found = c.find_matter(key), what = "matter";
        break;
      case ONETRIP_ENTITY_BUNDLE:
        found = c.find_bundle(key), what = "bundle";
        break;
      default:
        return absl::InvalidArgumentError(absl::StrCat("entity ", static_cast<int>(entity), " is not one"));
    }
    if (!found) {
      // The id as a JSON string, at most 60 bytes of it: a C caller reads the
      // message up to its first NUL, and an id of any length or bytes is the
      // caller's (it was copied whole and raw).
      constexpr size_t kShown = 60;
      std::string quoted = onetrip::json_quote(key.substr(0, kShown));
      if (key.size() > kShown) absl::StrAppend(&quoted, "… (", key.size(), " bytes)");
      return absl::NotFoundError(absl::StrCat("no ", what, " ", quoted, " in the catalogue"));
    }
    *out = *found;
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_hall(const onetrip_catalog* catalog, uint32_t index, onetrip_hall_info* out) {
  return view(catalog, out, [index](const onetrip::Catalog& c, onetrip_hall_info& info) -> absl::Status {
    if (auto s = check_index(index, c.halls().size(), "hall"); !s.ok()) return s;
    const onetrip::Hall& h = c.halls()[index];
    info.id = h.id.c_str();
    info.name = h.name.c_str();
    info.address = h.address.c_str();
    info.kind = onetrip::capi::to_c(h.kind);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_department(const onetrip_catalog* catalog, uint32_t index,
                                          onetrip_department_info* out) {
  return view(catalog, out, [index](const onetrip::Catalog& c, onetrip_department_info& info) -> absl::Status {
    if (auto s = check_index(index, c.departments().size(), "department"); !s.ok()) return s;
    const onetrip::Department& d = c.departments()[index];
    info.id = d.id.c_str();
    info.name = d.name.c_str();
    info.halls = d.halls.data();
    info.hall_count = d.halls.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_material(const onetrip_catalog* catalog, uint32_t index, onetrip_material_info* out) {
  return view(catalog, out, [index](const onetrip::Catalog& c, onetrip_material_info& info) -> absl::Status {
    if (auto s = check_index(index, c.materials().size(), "material"); !s.ok()) return s;
    const onetrip::Material& m = c.materials()[index];
    info.id = m.id.c_str();
    info.name = m.name.c_str();
    info.form = onetrip::capi::to_c(m.form);
    info.original = m.original;
    info.source = onetrip::capi::to_c(m.source);
    info.issuer = m.issuer.c_str();
    info.necessity = onetrip::capi::to_c(m.necessity);
    info.condition = m.condition.c_str();
    info.applies_by_default = m.applies_by_default;
    info.shared = m.shared;
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_matter(const onetrip_catalog* catalog, uint32_t index, onetrip_matter_info* out) {
  return view(catalog, out, [index](const onetrip::Catalog& c, onetrip_matter_info& info) -> absl::Status {
    if (auto s = check_index(index, c.matters().size(), "matter"); !s.ok()) return s;
    const onetrip::Matter& m = c.matters()[index];
    info.code = m.code.c_str();
    info.name = m.name.c_str();
    info.department = m.department;
    info.kind = static_cast<int32_t>(m.kind);
    info.kind_name = onetrip::to_string(m.kind);
    info.project_type = onetrip::capi::to_c(m.project_type);
    info.has_legal_limit = m.legal_limit.has_value();
    info.legal_limit = m.legal_limit ? m.legal_limit->value : 0;
    info.legal_unit = onetrip::capi::to_c(m.legal_limit ? m.legal_limit->unit : onetrip::LimitUnit::kWorkdays);
    info.promised_limit = m.promised_limit.value;
    info.promised_unit = onetrip::capi::to_c(m.promised_limit.unit);
    info.fee_fen = m.fee_fen;
    info.halls = m.halls.data();
    info.hall_count = m.halls.size();
    info.material_count = m.materials.size();
    info.online = onetrip::capi::to_c(m.online);
    info.postal_application = m.postal_application;
    info.express_delivery = m.express_delivery;
    info.electronic_licence = m.electronic_licence;
    info.online_payment = m.online_payment;
    info.tolerant_acceptance = m.tolerant_acceptance;
    info.site_inspection_days = m.site_inspection_days.value_or(-1);
    info.personal_presence = m.personal_presence.c_str();
    info.special_procedure_days = 0;
    for (const auto& p : m.special_procedures) info.special_procedure_days += p.days;
    info.declared_trips = m.declared_trips.value_or(-1);
    info.has_effective_from = m.effective_from.has_value();
    if (m.effective_from) info.effective_from = onetrip::capi::from_date(*m.effective_from);
    info.note = m.note.c_str();
    info.fee_kind = onetrip::capi::to_c(m.fee_kind);
    info.issue_days = m.issue_days;
    info.extension_days = m.extension ? m.extension->days : 0;
    info.extension_basis = m.extension ? m.extension->basis.c_str() : "";
    info.has_effective_until = m.effective_until.has_value();
    if (m.effective_until) info.effective_until = onetrip::capi::from_date(*m.effective_until);
    info.period_count = m.periods.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_matter_material(const onetrip_catalog* catalog, uint32_t matter, uint32_t position,
                                               onetrip_material_use* out) {
  return view(catalog, out, [=](const onetrip::Catalog& c, onetrip_material_use& info) -> absl::Status {
    if (auto s = check_index(matter, c.matters().size(), "matter"); !s.ok()) return s;
    const auto& uses = c.matters()[matter].materials;
    if (auto s = check_index(position, uses.size(), "material position"); !s.ok()) return s;
    const onetrip::MaterialUse& u = uses[position];
    info.material = u.material;
    info.form = onetrip::capi::to_c(u.form);
    info.original = u.original;
    info.necessity = onetrip::capi::to_c(u.necessity);
    info.condition = u.condition.c_str();
    info.applies_by_default = u.applies_by_default;
    put_validity(u.validity, info);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_bundle(const onetrip_catalog* catalog, uint32_t index, onetrip_bundle_info* out) {
  return view(catalog, out, [index](const onetrip::Catalog& c, onetrip_bundle_info& info) -> absl::Status {
    if (auto s = check_index(index, c.bundles().size(), "bundle"); !s.ok()) return s;
    const onetrip::Bundle& b = c.bundles()[index];
    info.id = b.id.c_str();
    info.name = b.name.c_str();
    info.lead = b.lead;
    info.members = b.members.data();
    info.member_count = b.members.size();
    info.edge_count = b.edges.size();
    info.acceptance = onetrip::capi::to_c(b.acceptance);
    info.joint_inspection = b.joint_inspection;
    info.results = onetrip::capi::to_c(b.results);
    info.note = b.note.c_str();
    info.handling = onetrip::capi::to_c(b.handling);
    put_validity(b.validity, info);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_matter_period(const onetrip_catalog* catalog, uint32_t matter, uint32_t position,
                                             onetrip_field_period* out) {
  return view(catalog, out, [=](const onetrip::Catalog& c, onetrip_field_period& info) -> absl::Status {
    if (auto s = check_index(matter, c.matters().size(), "matter"); !s.ok()) return s;
    const auto& periods = c.matters()[matter].periods;
    if (auto s = check_index(position, periods.size(), "period position"); !s.ok()) return s;
    const onetrip::FieldPeriod& p = periods[position];
    info.field = onetrip::capi::to_c(p.field);
    info.field_name = onetrip::to_string(p.field);
    info.has_from = p.validity.from.has_value();
    if (p.validity.from) info.from = onetrip::capi::from_date(*p.validity.from);
    info.has_until = p.validity.until.has_value();
    if (p.validity.until) info.until = onetrip::capi::from_date(*p.validity.until);
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_bundle_edge(const onetrip_catalog* catalog, uint32_t bundle, uint32_t position,
                                           onetrip_bundle_edge* out) {
  return view(catalog, out, [=](const onetrip::Catalog& c, onetrip_bundle_edge& info) -> absl::Status {
    if (auto s = check_index(bundle, c.bundles().size(), "bundle"); !s.ok()) return s;
    const auto& edges = c.bundles()[bundle].edges;
    if (auto s = check_index(position, edges.size(), "edge position"); !s.ok()) return s;
    info.from = edges[position].from;
    info.to = edges[position].to;
    info.kind = onetrip::capi::to_c(edges[position].kind);
    info.days = edges[position].days;
    return absl::OkStatus();
  });
}

}  // extern "C"
