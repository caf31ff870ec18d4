// The C ABI of the catalogue's binary snapshot (onetrip/catalog.hpp,
// Catalog::save_snapshot / load_snapshot): in memory and as files.
#include <string>
#include <string_view>

#include "capi_internal.hpp"
#include "onetrip/catalog.hpp"

using onetrip::capi::guard;

extern "C" {

onetrip_status onetrip_catalog_save_snapshot(const onetrip_catalog* catalog, char** out_bytes, size_t* out_len) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(out_bytes);
    ONETRIP_REQUIRE(out_len);
    const std::string bytes = catalog->value.save_snapshot();
    *out_bytes = onetrip::capi::owned_copy(bytes);
    *out_len = bytes.size();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_catalog_save_snapshot_file(const onetrip_catalog* catalog, const char* path) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(path);
    return catalog->value.save_snapshot_file(path);
  });
}

onetrip_status onetrip_catalog_load_snapshot(const void* bytes, size_t len, onetrip_catalog** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(bytes);
    ONETRIP_REQUIRE(out);
    return onetrip::capi::store(onetrip::Catalog::load_snapshot(std::string_view(static_cast<const char*>(bytes), len)),
                                out);
  });
}

onetrip_status onetrip_catalog_load_snapshot_file(const char* path, onetrip_catalog** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(path);
    ONETRIP_REQUIRE(out);
    return onetrip::capi::store(onetrip::Catalog::load_snapshot_file(path), out);
  });
}

onetrip_status onetrip_catalog_is_snapshot(const void* bytes, size_t len, bool* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(bytes);
    ONETRIP_REQUIRE(out);
    *out = onetrip::Catalog::is_snapshot(std::string_view(static_cast<const char*>(bytes), len));
    return absl::OkStatus();
  });
}

}  // extern "C"
