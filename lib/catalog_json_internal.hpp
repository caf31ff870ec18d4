// Internal to the catalogue's JSON form: each item as the "onetrip/1" format
// writes it, for the writer and for diff (which compares field by field). Kept
// apart from catalog_internal.hpp so that rooms without JSON compile no JSON.
#ifndef ONETRIP_LIB_CATALOG_JSON_INTERNAL_HPP_
#define ONETRIP_LIB_CATALOG_JSON_INTERNAL_HPP_

#include "nlohmann/json.hpp"
#include "onetrip/catalog.hpp"

namespace onetrip::internal {

// References by id, defaults left out.
nlohmann::ordered_json hall_json(const Hall& h);
nlohmann::ordered_json department_json(const Catalog& catalog, const Department& d);
nlohmann::ordered_json material_json(const Material& m);
nlohmann::ordered_json matter_json(const Catalog& catalog, const Matter& m);
nlohmann::ordered_json bundle_json(const Catalog& catalog, const Bundle& b);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_CATALOG_JSON_INTERNAL_HPP_
