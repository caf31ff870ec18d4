/* The binary snapshot through the C ABI: the Yuyao example saves to a snapshot
 * in memory and as a file, both load back to the same canonical JSON and the
 * same trips; a changed byte, a truncated snapshot and another format version
 * are refused with their statuses and messages; NULLs are statuses. */
#define _POSIX_C_SOURCE 200809L /* getpid: the file's name is this process's own */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "onetrip.h"

static char* json_of(const onetrip_catalog* catalog, size_t* len) {
  char* text = NULL;
  CHECK(onetrip_catalog_save_json(catalog, &text, len) == ONETRIP_OK);
  return text;
}

/* Every matter's and bundle's trips agree. */
static void check_same_trips(const onetrip_catalog* a, const onetrip_catalog* b) {
  onetrip_catalog_counts n = ONETRIP_CATALOG_COUNTS_INIT;
  uint32_t i;
  CHECK(onetrip_catalog_counts_get(a, &n) == ONETRIP_OK);
  for (i = 0; i < n.matters + n.bundles; ++i) {
    onetrip_trips* x = NULL;
    onetrip_trips* y = NULL;
    onetrip_trips_summary sx = ONETRIP_TRIPS_SUMMARY_INIT;
    onetrip_trips_summary sy = ONETRIP_TRIPS_SUMMARY_INIT;
    if (i < n.matters) {
      CHECK(onetrip_trips_matter(a, i, NULL, &x) == ONETRIP_OK);
      CHECK(onetrip_trips_matter(b, i, NULL, &y) == ONETRIP_OK);
    } else {
      CHECK(onetrip_trips_bundle(a, (uint32_t)(i - n.matters), NULL, &x) == ONETRIP_OK);
      CHECK(onetrip_trips_bundle(b, (uint32_t)(i - n.matters), NULL, &y) == ONETRIP_OK);
    }
    CHECK(onetrip_trips_summary_get(x, &sx) == ONETRIP_OK);
    CHECK(onetrip_trips_summary_get(y, &sy) == ONETRIP_OK);
    CHECK(sx.trips == sy.trips && sx.worst_case == sy.worst_case && sx.window_contacts == sy.window_contacts);
    onetrip_trips_free(x);
    onetrip_trips_free(y);
  }
}

static void test_round_trip(void) {
  char path[1024];
  char file[1024];
  onetrip_catalog* catalog = NULL;
  onetrip_catalog* loaded = NULL;
  onetrip_catalog* from_file = NULL;
  char* bytes = NULL;
  size_t len = 0;
  char *json = NULL, *json2 = NULL, *json3 = NULL;
  size_t json_len = 0, json2_len = 0, json3_len = 0;

  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_catalog_load_file(path, &catalog) == ONETRIP_OK);
  CHECK(onetrip_catalog_save_snapshot(catalog, &bytes, &len) == ONETRIP_OK);
  CHECK(bytes != NULL && len > 32 && (unsigned char)bytes[0] == 0x89);
  CHECK(onetrip_catalog_load_snapshot(bytes, len, &loaded) == ONETRIP_OK);

  /* c.snapshot and valgrind.c.snapshot may run at the same time (ctest runs two tests at once). */
  snprintf(file, sizeof file, "%s/onetrip-c-snapshot-%ld-%d.snap", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
           (long)getpid(), (int)len);
  CHECK(onetrip_catalog_save_snapshot_file(catalog, file) == ONETRIP_OK);
  CHECK(onetrip_catalog_load_snapshot_file(file, &from_file) == ONETRIP_OK);
  remove(file);
  CHECK(onetrip_catalog_load_snapshot_file(file, &from_file) == ONETRIP_NOT_FOUND);

  json = json_of(catalog, &json_len);
  json2 = json_of(loaded, &json2_len);
  json3 = json_of(from_file, &json3_len);
  CHECK(json_len == json2_len && memcmp(json, json2, json_len) == 0);
  CHECK(json_len == json3_len && memcmp(json, json3, json_len) == 0);
  check_same_trips(catalog, loaded);

  /* A snapshot is told from the JSON by its first eight bytes, whatever follows
   * them (loading checks the rest); shorter input is not one. */
  {
    bool is = false;
    CHECK(onetrip_catalog_is_snapshot(bytes, len, &is) == ONETRIP_OK && is);
    CHECK(onetrip_catalog_is_snapshot(bytes, 8, &is) == ONETRIP_OK && is);
    CHECK(onetrip_catalog_is_snapshot(bytes, 7, &is) == ONETRIP_OK && !is);
    CHECK(onetrip_catalog_is_snapshot(bytes, 0, &is) == ONETRIP_OK && !is);
    CHECK(onetrip_catalog_is_snapshot(json, json_len, &is) == ONETRIP_OK && !is);
    is = true;
    CHECK(onetrip_catalog_is_snapshot("\x89OTS\r\n\x1a\x0b", 8, &is) == ONETRIP_OK && !is); /* a mangled LF */
    CHECK(onetrip_catalog_is_snapshot(NULL, 0, &is) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_catalog_is_snapshot(bytes, len, NULL) == ONETRIP_INVALID_ARGUMENT);
  }

  /* NULLs are statuses, and leave *out as it was. */
  CHECK(onetrip_catalog_save_snapshot(NULL, &bytes, &len) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_save_snapshot(catalog, NULL, &len) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_save_snapshot(catalog, &json, NULL) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_save_snapshot_file(catalog, NULL) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_load_snapshot(NULL, 0, &loaded) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_load_snapshot(bytes, len, NULL) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_load_snapshot_file(NULL, &loaded) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_catalog_save_snapshot_file(catalog, "/nonexistent/dir/x.snap") == ONETRIP_NOT_FOUND);

  onetrip_string_free(json);
  onetrip_string_free(json2);
  onetrip_string_free(json3);
  onetrip_string_free(bytes);
  onetrip_catalog_free(loaded);
  onetrip_catalog_free(from_file);
  onetrip_catalog_free(catalog);
}

static void test_refusals(void) {
  char path[1024];
  onetrip_catalog* catalog = NULL;
  onetrip_catalog* loaded = (onetrip_catalog*)&g_passed;
  char* bytes = NULL;
  size_t len = 0;

  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_catalog_load_file(path, &catalog) == ONETRIP_OK);
  CHECK(onetrip_catalog_save_snapshot(catalog, &bytes, &len) == ONETRIP_OK);

  bytes[len / 2] ^= 0x40; /* a changed byte in the tables */
  CHECK(onetrip_catalog_load_snapshot(bytes, len, &loaded) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "bad checksum") != NULL);
  CHECK(loaded == (onetrip_catalog*)&g_passed);
  bytes[len / 2] ^= 0x40;

  CHECK(onetrip_catalog_load_snapshot(bytes, len - 1, &loaded) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "truncated") != NULL);
  CHECK(onetrip_catalog_load_snapshot(bytes, 16, &loaded) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "truncated") != NULL);

  char reads[32]; /* the format this library writes, and reads */
  snprintf(reads, sizeof reads, "reads format version %d", bytes[8]);
  bytes[8] = 99; /* format version 99 */
  CHECK(onetrip_catalog_load_snapshot(bytes, len, &loaded) == ONETRIP_FAILED_PRECONDITION);
  CHECK(strstr(onetrip_last_error(), "format version 99") != NULL);
  CHECK(strstr(onetrip_last_error(), reads) != NULL);
  CHECK(loaded == (onetrip_catalog*)&g_passed);

  CHECK(onetrip_catalog_load_snapshot("{\"schema\": \"onetrip/1\"}", 23, &loaded) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "not a snapshot") != NULL);

  onetrip_string_free(bytes);
  onetrip_catalog_free(catalog);
}

int main(void) {
  test_round_trip();
  test_refusals();
  return report_checks();
}
