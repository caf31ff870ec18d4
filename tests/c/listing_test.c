/* The C ABI of the implementation-list tables: the GB18030 and UTF-8 exports
 * import to the hand-worked catalogue, the report line by line, rejected rows
 * and strict failures with their problems, an unreadable file leaving the
 * input unchanged, the round trip through onetrip_listing_write_csv, and the
 * audit. */
#include <string.h>

#include "check.h"

static char* data_file(const char* variant, const char* stem, size_t* len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/data/listing/%s/%s.csv", ONETRIP_SOURCE_DIR, variant, stem);
  return read_file(path, len);
}

static onetrip_listing* import_variant(const char* variant) {
  static const char* const stems[] = {"basic", "extend", "materials", "fees"};
  onetrip_listing_input* input = NULL;
  onetrip_listing* listing = NULL;
  int k;
  CHECK(onetrip_listing_input_new(&input) == ONETRIP_OK);
  for (k = 0; k < 4; ++k) {
    size_t len = 0;
    char* bytes = data_file(variant, stems[k], &len);
    CHECK(bytes != NULL);
    CHECK(onetrip_listing_input_add_csv(input, (onetrip_listing_table)k, stems[k], bytes, len) == ONETRIP_OK);
    free(bytes);
  }
  CHECK(onetrip_listing_import(input, true, "测试实施清单", &listing) == ONETRIP_OK);
  onetrip_listing_input_free(input);
  return listing;
}

/* Two catalogues are the same when their canonical JSON is. */
static bool same(const onetrip_catalog* a, const onetrip_catalog* b) {
  char* ja = NULL;
  char* jb = NULL;
  bool equal;
  CHECK(onetrip_catalog_save_json(a, &ja, NULL) == ONETRIP_OK);
  CHECK(onetrip_catalog_save_json(b, &jb, NULL) == ONETRIP_OK);
  equal = ja != NULL && jb != NULL && strcmp(ja, jb) == 0;
  onetrip_string_free(ja);
  onetrip_string_free(jb);
  return equal;
}

static onetrip_catalog* expected_catalog(void) {
  char path[1024];
  size_t len = 0;
  char* text;
  onetrip_catalog* catalog = NULL;
  snprintf(path, sizeof path, "%s/tests/data/listing/expected.json", ONETRIP_SOURCE_DIR);
  text = read_file(path, &len);
  CHECK(text != NULL);
  CHECK(onetrip_catalog_load_json(text, len, &catalog) == ONETRIP_OK);
  free(text);
  return catalog;
}

static void test_exports_import(void) {
  onetrip_catalog* expected = expected_catalog();
  const char* variants[] = {"numeric", "labels", "gb18030"};
  int v;
  for (v = 0; v < 3; ++v) {
    onetrip_listing* listing = import_variant(variants[v]);
    onetrip_catalog* catalog = NULL;
    size_t lines = 0;
    int64_t rejected = -1;
    onetrip_mapping_line line = ONETRIP_MAPPING_LINE_INIT;
    CHECK(listing != NULL);
    CHECK(onetrip_listing_catalog(listing, &catalog) == ONETRIP_OK);
    CHECK(same(catalog, expected));
    CHECK(onetrip_listing_counts(listing, &lines, &rejected) == ONETRIP_OK);
    CHECK(lines > 1000 && rejected == 0);
    CHECK(onetrip_listing_report_line(listing, 0, &line) == ONETRIP_OK);
    CHECK(strcmp(line.file, "basic") == 0 && line.row == 1 && line.outcome == ONETRIP_MAPPING_IGNORED);
    CHECK(onetrip_listing_report_line(listing, lines, &line) == ONETRIP_OUT_OF_RANGE);
    onetrip_listing_free(listing); /* the catalogue outlives it */
    CHECK(same(catalog, expected));
    onetrip_catalog_free(catalog);
  }
  onetrip_catalog_free(expected);
}

static const char kBad[] =
    "task_code,task_name,task_type,dept_name,promise_day,anticipate_day,project_type\n"
    "A1,甲,01,住建局,5,20,2\n"
    "A2,乙,99,住建局,5,20,2\n"
    "A1,丙,01,住建局,5,20,2\n"
    "A4,丁,01,住建局,30,20,2\n";

static void test_bad_rows(void) {
  onetrip_listing_input* input = NULL;
  onetrip_listing* listing = NULL;
  const char* path = NULL;
  const char* message = NULL;
  size_t lines = 0, i, rejected_lines = 0;
  int64_t rejected = 0;
  CHECK(onetrip_listing_input_new(&input) == ONETRIP_OK);
  CHECK(onetrip_listing_input_add_csv(input, ONETRIP_LISTING_BASIC, "basic.csv", kBad, sizeof kBad - 1) == ONETRIP_OK);
  /* strict: nothing imported, every problem listed. */
  CHECK(onetrip_listing_import(input, true, NULL, &listing) == ONETRIP_INVALID_ARGUMENT);
  CHECK(listing == NULL);
  CHECK(onetrip_last_problem_count() == 3);
  CHECK(onetrip_last_problem(0, &path, &message) == ONETRIP_OK);
  CHECK(strcmp(path, "basic.csv row 3 column task_type") == 0);
  CHECK(onetrip_last_problem(1, &path, &message) == ONETRIP_OK);
  CHECK(strcmp(path, "basic.csv row 4 column task_code") == 0 && strstr(message, "already at row 2") != NULL);
  CHECK(onetrip_last_problem(2, &path, &message) == ONETRIP_OK);
  CHECK(strcmp(path, "basic.csv row 5 column promise_day") == 0 && strstr(message, "legal limit") != NULL);
  /* Not strict: the rest imports and the report lists the rejected rows. */
  CHECK(onetrip_listing_import(input, false, NULL, &listing) == ONETRIP_OK);
  CHECK(onetrip_last_problem_count() == 3);
  CHECK(onetrip_listing_counts(listing, &lines, &rejected) == ONETRIP_OK && rejected == 3);
  for (i = 0; i < lines; ++i) {
    onetrip_mapping_line line = ONETRIP_MAPPING_LINE_INIT;
    CHECK(onetrip_listing_report_line(listing, i, &line) == ONETRIP_OK);
    if (line.outcome == ONETRIP_MAPPING_REJECTED) ++rejected_lines;
  }
  CHECK(rejected_lines == 3);
  onetrip_listing_free(listing);
  /* A file that is neither UTF-8 nor GB18030 is refused and the input is unchanged. */
  CHECK(onetrip_listing_input_add_csv(input, ONETRIP_LISTING_BASIC, "x.csv", "a,b\n\x80\xff\xff\n", 9) ==
        ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "x.csv: the bytes are neither UTF-8") != NULL);
  CHECK(onetrip_listing_input_add_csv(input, ONETRIP_LISTING_FEES, "fees.csv", "", 0) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_listing_input_add_csv(input, (onetrip_listing_table)7, "f", "a\n", 2) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_listing_import(input, false, NULL, &listing) == ONETRIP_OK);
  CHECK(onetrip_listing_counts(listing, &lines, &rejected) == ONETRIP_OK && rejected == 3);
  onetrip_listing_free(listing);
  onetrip_listing_input_free(input);
  CHECK(onetrip_listing_import(NULL, false, NULL, &listing) == ONETRIP_INVALID_ARGUMENT);
}

static void test_round_trip_and_audit(void) {
  onetrip_catalog* expected = expected_catalog();
  onetrip_listing_input* input = NULL;
  onetrip_listing* listing = NULL;
  onetrip_catalog* back = NULL;
  char* audit = NULL;
  size_t len = 0;
  int k;
  CHECK(onetrip_listing_input_new(&input) == ONETRIP_OK);
  for (k = 0; k < 7; ++k) {
    char* csv = NULL;
    CHECK(onetrip_listing_write_csv(expected, (onetrip_listing_table)k, k % 2 == 1, &csv, &len) == ONETRIP_OK);
    CHECK(onetrip_listing_input_add_csv(input, (onetrip_listing_table)k, "t.csv", csv, len) == ONETRIP_OK);
    onetrip_string_free(csv);
  }
  CHECK(onetrip_listing_import(input, true, "测试实施清单", &listing) == ONETRIP_OK);
  CHECK(onetrip_listing_catalog(listing, &back) == ONETRIP_OK);
  CHECK(same(back, expected));
  CHECK(onetrip_listing_audit_csv(back, &audit, &len) == ONETRIP_OK);
  CHECK(strncmp(audit, "code,name,declared_trips,computed_trips,overclaims", 50) == 0);
  CHECK(strstr(audit, ",yes,") != NULL);
  onetrip_string_free(audit);
  onetrip_catalog_free(back);
  onetrip_listing_free(listing);
  onetrip_listing_input_free(input);
  onetrip_catalog_free(expected);
}

/* A catalogue of one matter: every kind of validity period, with `special`
 * the name of its special procedure. */
static onetrip_catalog* dated_catalog(const char* special) {
  char json[2048];
  onetrip_catalog* catalog = NULL;
  snprintf(json, sizeof json,
           "{\"schema\": \"onetrip/1\", \"name\": \"c\","
           " \"halls\": [{\"id\": \"h\", \"name\": \"中心\"}],"
           " \"departments\": [{\"id\": \"d\", \"name\": \"局\", \"halls\": [\"h\"]}],"
           " \"materials\": [{\"id\": \"m\", \"name\": \"申请表\"}],"
           " \"matters\": [{\"code\": \"A1\", \"name\": \"甲\", \"department\": \"d\", \"kind\": \"行政许可\","
           " \"project_type\": \"promised\", \"promise_day\": 5, \"fee\": 20, \"online\": \"full\","
           " \"is_express\": true, \"special_procedures\": [{\"name\": \"%s\", \"days\": 3}],"
           " \"effective_from\": \"2017-07-01\", \"effective_until\": \"2020-12-31\","
           " \"materials\": [{\"material\": \"m\", \"effective_from\": \"2017-07-12\"}],"
           " \"periods\": {\"fee\": {\"until\": \"2017-07-31\"}, \"online\": {\"from\": \"2017-07-12\","
           " \"until\": \"2019-01-01\"}, \"is_express\": {\"from\": \"2018-01-01\"}}}]}",
           special);
  CHECK(onetrip_catalog_load_json(json, strlen(json), &catalog) == ONETRIP_OK);
  return catalog;
}

/* Every validity period survives the round trip; a catalogue the tables
 * would read back different is refused naming the place, nothing written. */
static void test_periods_and_refused_text(void) {
  onetrip_catalog* catalog = dated_catalog("专家评审");
  onetrip_catalog* back = NULL;
  onetrip_listing_input* input = NULL;
  onetrip_listing* listing = NULL;
  char* csv = NULL;
  size_t len = 0;
  int k;
  CHECK(onetrip_listing_input_new(&input) == ONETRIP_OK);
  for (k = 0; k < 7; ++k) {
    csv = NULL;
    CHECK(onetrip_listing_write_csv(catalog, (onetrip_listing_table)k, false, &csv, &len) == ONETRIP_OK);
    CHECK(onetrip_listing_input_add_csv(input, (onetrip_listing_table)k, "t.csv", csv, len) == ONETRIP_OK);
    onetrip_string_free(csv);
  }
  CHECK(onetrip_listing_import(input, true, "c", &listing) == ONETRIP_OK);
  CHECK(onetrip_listing_catalog(listing, &back) == ONETRIP_OK);
  CHECK(same(back, catalog));
  onetrip_catalog_free(back);
  onetrip_listing_free(listing);
  onetrip_listing_input_free(input);
  onetrip_catalog_free(catalog);

  catalog = dated_catalog("专家:评审");
  csv = NULL;
  CHECK(onetrip_listing_write_csv(catalog, ONETRIP_LISTING_BASIC, false, &csv, &len) == ONETRIP_INVALID_ARGUMENT);
  CHECK(csv == NULL);
  CHECK(strstr(onetrip_last_error(), "$.matters[0].special_procedures[0].name: matter A1") != NULL);
  onetrip_catalog_free(catalog);
}

int main(void) {
  test_exports_import();
  test_bad_rows();
  test_round_trip_and_audit();
  test_periods_and_refused_text();
  return report_checks();
}
