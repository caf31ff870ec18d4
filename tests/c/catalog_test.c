/* The catalogue through the C ABI: the Yuyao example loads, its entities are
 * read through the per-index views, it saves to the canonical JSON and loads
 * back equal; a broken catalogue gives its problems with JSON paths; NULLs and
 * bad indices are statuses, not crashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static void test_yuyao(void) {
  char path[1024];
  onetrip_catalog* catalog = NULL;
  onetrip_catalog* again = NULL;
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  onetrip_matter_info matter = ONETRIP_MATTER_INFO_INIT;
  onetrip_material_use use = ONETRIP_MATERIAL_USE_INIT;
  onetrip_material_info material = ONETRIP_MATERIAL_INFO_INIT;
  onetrip_department_info department = ONETRIP_DEPARTMENT_INFO_INIT;
  onetrip_hall_info hall = ONETRIP_HALL_INFO_INIT;
  onetrip_bundle_info bundle = ONETRIP_BUNDLE_INFO_INIT;
  onetrip_bundle_edge edge = ONETRIP_BUNDLE_EDGE_INIT;
  uint32_t index = 0;
  char* saved = NULL;
  char* original = NULL;
  size_t saved_len = 0;
  size_t original_len = 0;

  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_catalog_load_file(path, &catalog) == ONETRIP_OK);
  CHECK(onetrip_last_problem_count() == 0);
  CHECK(onetrip_catalog_counts_get(catalog, &counts) == ONETRIP_OK);
  CHECK(counts.halls == 8 && counts.departments == 32 && counts.matters >= 30 && counts.bundles >= 5);

  /* 房屋租赁合同备案: its conditional sublease consent. */
  CHECK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_MATTER, "330281-FW-01", 12, &index) == ONETRIP_OK);
  CHECK(onetrip_catalog_matter(catalog, index, &matter) == ONETRIP_OK);
  CHECK(strcmp(matter.name, "房屋租赁合同备案") == 0);
  CHECK(matter.project_type == ONETRIP_IMMEDIATE && matter.material_count == 6);
  CHECK(strcmp(matter.kind_name, "其他行政权力") == 0);
  CHECK(onetrip_catalog_matter_material(catalog, index, 5, &use) == ONETRIP_OK);
  CHECK(!use.applies_by_default && strcmp(use.condition, "转租房屋时提供") == 0);
  CHECK(onetrip_catalog_material(catalog, use.material, &material) == ONETRIP_OK);
  CHECK(strcmp(material.id, "sublease-consent") == 0 && material.original);
  CHECK(onetrip_catalog_department(catalog, matter.department, &department) == ONETRIP_OK);
  CHECK(strcmp(department.name, "房屋交易") == 0 && department.hall_count == 2);
  CHECK(onetrip_catalog_hall(catalog, department.halls[1], &hall) == ONETRIP_OK);
  CHECK(strcmp(hall.name, "泗门分中心") == 0 && hall.kind == ONETRIP_HALL_SUBCENTRE);

  /* 普通护照签发: statutory presence, a fee in fen. */
  CHECK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_MATTER, "330281-GA-03", 12, &index) == ONETRIP_OK);
  CHECK(onetrip_catalog_matter(catalog, index, &matter) == ONETRIP_OK);
  CHECK(matter.fee_fen == 20000 && matter.personal_presence[0] != '\0' && matter.has_legal_limit);

  /* The 安监 pair, serial. */
  CHECK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_BUNDLE, "anjian-hazchem", 14, &index) == ONETRIP_OK);
  CHECK(onetrip_catalog_bundle(catalog, index, &bundle) == ONETRIP_OK);
  CHECK(bundle.member_count == 2 && bundle.edge_count == 1 && bundle.acceptance == ONETRIP_ACCEPTANCE_SEPARATE);
  CHECK(onetrip_catalog_bundle_edge(catalog, index, 0, &edge) == ONETRIP_OK);
  CHECK(edge.from == 0 && edge.to == 1 && edge.kind == ONETRIP_EDGE_APPLICANT);

  /* Save: the canonical text, which is what the example file holds; it loads back. */
  CHECK(onetrip_catalog_save_json(catalog, &saved, &saved_len) == ONETRIP_OK);
  original = read_file(path, &original_len);
  CHECK(original != NULL && saved_len == original_len && memcmp(saved, original, saved_len) == 0);
  CHECK(onetrip_catalog_load_json(saved, saved_len, &again) == ONETRIP_OK);
  free(original);
  onetrip_string_free(saved);
  onetrip_catalog_free(again);

  /* Errors. */
  CHECK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_MATTER, "nope", 4, &index) == ONETRIP_NOT_FOUND);
  CHECK(strstr(onetrip_last_error(), "no matter \"nope\"") != NULL);
  /* An id with a NUL, bytes that are not UTF-8, or of any length: quoted as JSON, at most 60 bytes
   * of it (the message was cut at the NUL, and held the id whole and raw). */
  CHECK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_MATTER, "no\0pe\xFF", 6, &index) == ONETRIP_NOT_FOUND);
  CHECK(strstr(onetrip_last_error(), "no matter \"no\\u0000pe\xEF\xBF\xBD\" in the catalogue") != NULL);
  {
    char* long_id = (char*)malloc(100000);
    memset(long_id, 'x', 100000);
    CHECK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_HALL, long_id, 100000, &index) == ONETRIP_NOT_FOUND);
    CHECK(strlen(onetrip_last_error()) < 200 && strstr(onetrip_last_error(), "(100000 bytes)") != NULL);
    free(long_id);
  }
  CHECK(onetrip_catalog_matter(catalog, 100000, &matter) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_catalog_matter(catalog, 0, NULL) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_matter(NULL, 0, &matter) == ONETRIP_INVALID_ARGUMENT);
  matter.struct_size = 0;
  CHECK(onetrip_catalog_matter(catalog, 0, &matter) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_save_json(catalog, NULL, NULL) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_find(catalog, (onetrip_entity)9, "x", 1, &index) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_find(catalog, (onetrip_entity)-1, "x", 1, &index) == ONETRIP_INVALID_ARGUMENT);
  onetrip_catalog_free(catalog);
  onetrip_catalog_free(NULL);
}

static void test_problems(void) {
  char path[1024];
  onetrip_catalog* catalog = (onetrip_catalog*)&g_passed; /* must stay as it is */
  const char* where = NULL;
  const char* what = NULL;
  const char* syntax = "{\"schema\": \"onetrip/1\",\n \"halls\": [\n}";

  snprintf(path, sizeof path, "%s/tests/data/catalog/many-problems.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_catalog_load_file(path, &catalog) == ONETRIP_INVALID_ARGUMENT);
  CHECK(catalog == (onetrip_catalog*)&g_passed);
  CHECK(onetrip_last_problem_count() == 4);
  CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK);
  CHECK(strcmp(where, "$.matters[0].department") == 0 && strstr(what, "unknown department \"nope\"") != NULL);
  CHECK(onetrip_last_problem(3, &where, &what) == ONETRIP_OK);
  CHECK(strcmp(where, "$.matters[0].promise_day") == 0);
  CHECK(onetrip_last_problem(4, &where, &what) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_last_problem_count() == 4); /* reading does not clear */
  CHECK(onetrip_last_problem(0, NULL, &what) == ONETRIP_INVALID_ARGUMENT);

  CHECK(onetrip_catalog_load_json(syntax, strlen(syntax), &catalog) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_last_problem_count() == 1);
  CHECK(strstr(onetrip_last_error(), "line 3, column 1") != NULL);
  CHECK(onetrip_catalog_load_json(NULL, 0, &catalog) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_last_problem_count() == 0);
  CHECK(onetrip_catalog_load_file("/nonexistent.json", &catalog) == ONETRIP_NOT_FOUND);
  CHECK(onetrip_catalog_load_json(syntax, strlen(syntax), NULL) == ONETRIP_INVALID_ARGUMENT);
}

int main(void) {
  test_yuyao();
  test_problems();
  return report_checks();
}
