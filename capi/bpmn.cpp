// The C ABI of BPMN 2.0 out and in (onetrip/bpmn.hpp).
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "capi_internal.hpp"
#include "onetrip/bpmn.hpp"

using onetrip::capi::check_index;
using onetrip::capi::guard;

struct onetrip_bpmn_import {
  onetrip::BpmnImport value;
};

onetrip_status onetrip_bundle_bpmn(const onetrip_catalog* catalog, uint32_t bundle, const onetrip_bpmn_options* options,
                                   char** out_utf8, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out_utf8);
    if (auto s = check_index(bundle, catalog->value.bundles().size(), "bundle"); !s.ok()) return s;
    auto given = onetrip::capi::read_struct(options, "options");
    if (!given.ok()) return given.status();
    // The caller's bytes as a number: a value outside the enum is not loaded as one.
    int32_t engine = 0;
    static_assert(sizeof(engine) == sizeof(given->engine), "a C enum is an int");
    std::memcpy(&engine, &given->engine, sizeof engine);
    if (engine < 0 || engine >= onetrip::kBpmnEngineCount) {
      return absl::InvalidArgumentError(
          absl::StrCat("options->engine ", engine, " is not a BPMN engine (0-", onetrip::kBpmnEngineCount - 1, ")"));
    }
    onetrip::BpmnOptions cpp;
    cpp.engine = static_cast<onetrip::BpmnEngine>(engine);
    if (given->accepted != nullptr) {
      auto accepted = onetrip::capi::to_date(*given->accepted, "options->accepted");
      if (!accepted.ok()) return accepted.status();
      cpp.accepted = *accepted;
    }
    if (given->calendar != nullptr) cpp.calendar = &given->calendar->value;
    if (given->business_calendar != nullptr) cpp.business_calendar = given->business_calendar;
    auto xml = onetrip::export_bpmn(catalog->value, bundle, cpp);
    if (!xml.ok()) return xml.status();
    *out_utf8 = onetrip::capi::owned_copy(*xml);
    if (out_len != nullptr) *out_len = xml->size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_bpmn_import_xml(const char* xml, size_t len, onetrip_bpmn_import** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(out);
    if (xml == nullptr && len > 0) return onetrip::capi::null_argument("xml");
    auto imported = onetrip::import_bpmn(std::string_view(xml == nullptr ? "" : xml, len));
    if (!imported.ok()) return imported.status();
    *out = new onetrip_bpmn_import{*std::move(imported)};
    return absl::OkStatus();
  });
}

void onetrip_bpmn_import_free(onetrip_bpmn_import* import) { delete import; }

onetrip_status onetrip_bpmn_import_catalog(const onetrip_bpmn_import* import, onetrip_catalog** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(import);
    ONETRIP_REQUIRE(out);
    *out = new onetrip_catalog{import->value.catalog};
    return absl::OkStatus();
  });
}

onetrip_status onetrip_bpmn_import_unmapped_count(const onetrip_bpmn_import* import, size_t* out_count) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(import);
    ONETRIP_REQUIRE(out_count);
    *out_count = import->value.unmapped.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_bpmn_import_unmapped(const onetrip_bpmn_import* import, size_t index, const char** out_id,
                                            const char** out_kind, const char** out_note) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(import);
    ONETRIP_REQUIRE(out_id);
    ONETRIP_REQUIRE(out_kind);
    ONETRIP_REQUIRE(out_note);
    const auto& list = import->value.unmapped;
    if (auto s = check_index(index, list.size(), "unmapped element"); !s.ok()) return s;
    *out_id = list[index].id.c_str();
    *out_kind = list[index].kind.c_str();
    *out_note = list[index].note.c_str();
    return absl::OkStatus();
  });
}
