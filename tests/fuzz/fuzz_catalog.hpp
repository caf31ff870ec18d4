// The small catalogue the fuzz targets run scenarios, volumes and case records
// against: two halls, two departments, materials of each source, matters of
// each project type with a fee, and a bundle with an edge.
#ifndef ONETRIP_TESTS_FUZZ_FUZZ_CATALOG_HPP_
#define ONETRIP_TESTS_FUZZ_FUZZ_CATALOG_HPP_

#include <cstdlib>

#include "onetrip/catalog.hpp"

inline constexpr const char* kFuzzCatalog = R"({"schema": "onetrip/1", "name": "fuzz",
  "halls": [{"id": "main", "name": "中心"}, {"id": "simen", "name": "泗门分中心", "kind": "subcentre"}],
  "departments": [{"id": "zj", "name": "住建", "halls": ["main"]}, {"id": "ga", "name": "公安", "halls": ["main", "simen"]}],
  "materials": [{"id": "form", "name": "申请表"},
                {"id": "licence", "name": "营业执照", "original": true, "source": "government"},
                {"id": "proof", "name": "证明", "original": true, "necessity": "tolerable"}],
  "matters": [
    {"code": "A", "name": "甲", "department": "zj", "kind": "行政许可", "project_type": "promised", "anticipate_day": 20,
     "promise_day": 10, "materials": ["form", "licence"], "online": "full", "fee": "12.50"},
    {"code": "B", "name": "乙", "department": "zj", "kind": "行政许可", "project_type": "promised", "anticipate_day": 20,
     "promise_day": 5, "materials": ["form", "proof"]},
    {"code": "C", "name": "丙", "department": "ga", "kind": "行政确认", "project_type": "immediate",
     "materials": ["proof"], "halls": ["simen", "main"]}],
  "bundles": [{"id": "AB", "name": "甲乙", "lead": "zj", "members": ["A", "B"],
               "edges": [{"from": "A", "to": "B", "kind": "applicant", "days": 1}]}]})";

inline const onetrip::Catalog& fuzz_catalog() {
  static const onetrip::Catalog catalog = [] {
    auto c = onetrip::Catalog::load_json(kFuzzCatalog);
    if (!c.ok()) std::abort();
    return *c;
  }();
  return catalog;
}

#endif  // ONETRIP_TESTS_FUZZ_FUZZ_CATALOG_HPP_
