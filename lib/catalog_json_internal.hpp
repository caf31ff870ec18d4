// Internal to the catalogue's JSON form: each item as the "onetrip/1" format
// writes it, for the writer and for diff (which compares field by field). Kept
// apart from catalog_internal.hpp so that rooms without JSON compile no JSON.
#ifndef ONETRIP_LIB_CATALOG_JSON_INTERNAL_HPP_
#define ONETRIP_LIB_CATALOG_JSON_INTERNAL_HPP_

#include "nlohmann/json.hpp"
#include "onetrip/catalog.hpp"

namespace onetrip::internal {

// Whether the catalogue loader reads each matter in one pass over its fields
// when it can (the usual case), falling back to the field-by-field reader
// (which reports every problem) for the others; true unless a test turns it
// off to compare both readers' catalogues. Not for use while loading.
bool json_fast_path();
void set_json_fast_path(bool on);
// How many matters and bundles the last catalogue load on this thread read in
// one pass (the rest went to the field-by-field reader): for the tests that
// compare both readers, which must know that the one-pass reader was used.
size_t json_one_pass_elements();
void record_json_one_pass_elements(size_t n);
// Whether the last catalogue load on this thread handed the matters' codes,
// indexed as it read them, to the catalogue (else they were indexed again):
// for the tests.
bool json_codes_handed_over();
void record_json_codes_handed_over(bool yes);

// References by id, defaults left out.
nlohmann::ordered_json hall_json(const Hall& h);
nlohmann::ordered_json department_json(const Catalog& catalog, const Department& d);
nlohmann::ordered_json material_json(const Material& m);
nlohmann::ordered_json matter_json(const Catalog& catalog, const Matter& m);
nlohmann::ordered_json bundle_json(const Catalog& catalog, const Bundle& b);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_CATALOG_JSON_INTERNAL_HPP_
