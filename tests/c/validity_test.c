/* Validity dates through the C ABI, hand-worked on tests/data/catalog/dated.json
 * (公章刻制备案: express from 07-05, fully online without the proof's original
 * from 07-12, the fee gone from 08-01; N starts on 07-12): the catalogue as of
 * a day; the notice and the due date read the catalogue of the acceptance day;
 * a matter not in force is refused by name; a period that ends before it
 * starts is a problem at its JSON path and loads nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

/* The trips of matter `index` alone, or -1. */
static int32_t trips_of(const onetrip_catalog* c, uint32_t index) {
  onetrip_trips* t = NULL;
  onetrip_trips_summary s = ONETRIP_TRIPS_SUMMARY_INIT;
  int32_t out = -1;
  if (onetrip_trips_matter(c, index, NULL, &t) == ONETRIP_OK && onetrip_trips_summary_get(t, &s) == ONETRIP_OK) {
    out = s.trips;
  }
  onetrip_trips_free(t);
  return out;
}

/* The notice's trips and materials for `code` accepted on `start`, or -1 trips. */
static int32_t notice_trips(const onetrip_catalog* c, const char* code, onetrip_date start, size_t* materials) {
  onetrip_notice_options options = ONETRIP_NOTICE_OPTIONS_INIT;
  onetrip_notice_summary s = ONETRIP_NOTICE_SUMMARY_INIT;
  onetrip_notice* n = NULL;
  int32_t out = -1;
  options.start = start;
  if (onetrip_notice_make(c, code, strlen(code), NULL, 0, &options, &n) == ONETRIP_OK &&
      onetrip_notice_get_summary(n, &s) == ONETRIP_OK) {
    out = s.trips;
    *materials = s.material_count;
  }
  onetrip_notice_free(n);
  return out;
}

int main(void) {
  char path[1024];
  size_t len = 0, materials = 0;
  char* json;
  char* bad;
  char* at;
  onetrip_catalog* c = NULL;
  onetrip_catalog* july11 = NULL;
  onetrip_catalog* july12 = NULL;
  onetrip_catalog* untouched = (onetrip_catalog*)&g_passed;
  onetrip_calendar* china = NULL;
  onetrip_notice* refused = NULL;
  onetrip_matter_due_info due = ONETRIP_MATTER_DUE_INFO_INIT;
  onetrip_notice_options options = ONETRIP_NOTICE_OPTIONS_INIT;
  const char* where = NULL;
  const char* what = NULL;

  snprintf(path, sizeof path, "%s/tests/data/catalog/dated.json", ONETRIP_SOURCE_DIR);
  json = read_file(path, &len);
  CHECK(json != NULL);
  CHECK(onetrip_catalog_load_json(json, len, &c) == ONETRIP_OK);
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);

  /* As of a day: 1 trip on 07-11 (submitted in person), 0 on 07-12. */
  CHECK(onetrip_catalog_as_of(c, NULL, 0, date(2017, 7, 11), &july11) == ONETRIP_OK);
  CHECK(onetrip_catalog_as_of(c, NULL, 0, date(2017, 7, 12), &july12) == ONETRIP_OK);
  CHECK(trips_of(july11, 0) == 1);
  CHECK(trips_of(july12, 0) == 0);

  /* The notice with an acceptance day, on the catalogue as loaded. */
  CHECK(notice_trips(c, "A", date(2017, 7, 11), &materials) == 1 && materials == 2);
  CHECK(notice_trips(c, "A", date(2017, 7, 12), &materials) == 0 && materials == 1);
  options.start = date(2017, 7, 11);
  CHECK(onetrip_notice_make(c, "N", 1, NULL, 0, &options, &refused) == ONETRIP_FAILED_PRECONDITION);
  CHECK(refused == NULL);
  CHECK(strstr(onetrip_last_error(), "matter \"N\"") != NULL);
  CHECK(strstr(onetrip_last_error(), "not in force on 2017-07-11") != NULL);

  /* The due date of N: refused before 07-12, the day itself from then (immediate). */
  CHECK(onetrip_matter_due(c, china, 2, date(2017, 7, 11), ONETRIP_EXTENSION_NONE, &due) ==
        ONETRIP_FAILED_PRECONDITION);
  CHECK(strstr(onetrip_last_error(), "2017-07-12 to open") != NULL);
  CHECK(onetrip_matter_due(c, china, 2, date(2017, 7, 12), ONETRIP_EXTENSION_NONE, &due) == ONETRIP_OK);
  CHECK(due.due.year == 2017 && due.due.month == 7 && due.due.day == 12);

  /* The fee's period ends before it starts: a problem at its path, nothing loaded. */
  bad = (char*)malloc(len + 64);
  CHECK(bad != NULL);
  if (bad != NULL) {
    at = strstr(json, "\"fee\": {\"until\"");
    CHECK(at != NULL);
    if (at != NULL) {
      size_t head = (size_t)(at - json) + strlen("\"fee\": {");
      memcpy(bad, json, head);
      strcpy(bad + head, "\"from\": \"2017-08-01\", ");
      strcpy(bad + strlen(bad), json + head);
      CHECK(onetrip_catalog_load_json(bad, strlen(bad), &untouched) == ONETRIP_INVALID_ARGUMENT);
      CHECK(untouched == (onetrip_catalog*)&g_passed);
      CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK);
      CHECK(where != NULL && strcmp(where, "$.matters[0].periods.fee.until") == 0);
      CHECK(what != NULL && strstr(what, "before it starts") != NULL);
    }
    free(bad);
  }

  onetrip_calendar_free(china);
  onetrip_catalog_free(july12);
  onetrip_catalog_free(july11);
  onetrip_catalog_free(c);
  free(json);
  return report_checks();
}
