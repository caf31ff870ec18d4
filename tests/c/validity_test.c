/* Validity dates through the C ABI, hand-worked on tests/data/catalog/dated.json
 * (公章刻制备案: express from 07-05, fully online without the proof's original
 * from 07-12, the fee gone from 08-01; N starts on 07-12): the dated fields
 * read through the views (matter, material use, fee and channel periods,
 * bundle); the catalogue as of a day; the notice and the due date read the catalogue of the acceptance day;
 * a matter not in force is refused by name; the whole evaluation with a start
 * day evaluates the catalogue in force that day and says what was not; a
 * period that ends before it starts is a problem at its JSON path and loads
 * nothing. */
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

/* The dated fields read through the views, without JSON: A's fee and channel
 * periods, its material use of the proof, N's first day, the bundle's. */
static void dated_views(const onetrip_catalog* c) {
  onetrip_matter_info a = ONETRIP_MATTER_INFO_INIT;
  onetrip_matter_info n = ONETRIP_MATTER_INFO_INIT;
  onetrip_material_use form = ONETRIP_MATERIAL_USE_INIT;
  onetrip_material_use proof = ONETRIP_MATERIAL_USE_INIT;
  onetrip_field_period p = ONETRIP_FIELD_PERIOD_INIT;
  onetrip_field_period untouched = ONETRIP_FIELD_PERIOD_INIT;
  onetrip_bundle_info ab = ONETRIP_BUNDLE_INFO_INIT;
  CHECK(onetrip_catalog_matter(c, 0, &a) == ONETRIP_OK);
  CHECK(a.period_count == 3 && !a.has_effective_from && !a.has_effective_until);
  /* In field order: the fee until 07-31, online from 07-12, express from 07-05. */
  CHECK(onetrip_catalog_matter_period(c, 0, 0, &p) == ONETRIP_OK);
  CHECK(p.field == ONETRIP_DATED_FEE && strcmp(p.field_name, "fee") == 0);
  CHECK(!p.has_from && p.has_until && p.until.year == 2017 && p.until.month == 7 && p.until.day == 31);
  CHECK(onetrip_catalog_matter_period(c, 0, 1, &p) == ONETRIP_OK);
  CHECK(p.field == ONETRIP_DATED_ONLINE && p.has_from && p.from.month == 7 && p.from.day == 12 && !p.has_until);
  CHECK(onetrip_catalog_matter_period(c, 0, 2, &p) == ONETRIP_OK);
  CHECK(p.field == ONETRIP_DATED_EXPRESS && strcmp(p.field_name, "is_express") == 0 && p.from.day == 5);
  CHECK(onetrip_catalog_matter_period(c, 0, 3, &untouched) == ONETRIP_OUT_OF_RANGE);
  CHECK(untouched.field_name == NULL && !untouched.has_from);
  CHECK(onetrip_catalog_matter_period(c, 1, 0, &untouched) == ONETRIP_OUT_OF_RANGE); /* B: none */
  /* The proof is asked until 07-11; the form always. */
  CHECK(onetrip_catalog_matter_material(c, 0, 0, &form) == ONETRIP_OK);
  CHECK(!form.has_effective_from && !form.has_effective_until);
  CHECK(onetrip_catalog_matter_material(c, 0, 1, &proof) == ONETRIP_OK);
  CHECK(!proof.has_effective_from && proof.has_effective_until && proof.effective_until.day == 11);
  CHECK(onetrip_catalog_matter(c, 2, &n) == ONETRIP_OK);
  CHECK(n.has_effective_from && n.effective_from.day == 12 && !n.has_effective_until && n.period_count == 0);
  CHECK(onetrip_catalog_bundle(c, 0, &ab) == ONETRIP_OK);
  CHECK(ab.has_effective_from && ab.effective_from.month == 9 && ab.effective_from.day == 1 && !ab.has_effective_until);
}

/* The whole catalogue evaluated with a start day: what is in force, and how much is not. */
static void whole_evaluation(const onetrip_catalog* c, const onetrip_calendar* china) {
  onetrip_evaluation_buffers b = ONETRIP_EVALUATION_BUFFERS_INIT;
  int32_t trips[3] = {-1, -1, -1};
  onetrip_date due[3];
  uint8_t matter_in[3] = {9, 9, 9};
  uint8_t bundle_in[1] = {9};
  size_t matters_out = 99, bundles_out = 99;
  onetrip_date start = date(2017, 7, 11);
  b.matter_capacity = 3;
  b.bundle_capacity = 1;
  b.matter_trips = trips;
  b.matter_due = due;
  b.matter_in_force = matter_in;
  b.bundle_in_force = bundle_in;
  b.out_matters_not_in_force = &matters_out;
  b.out_bundles_not_in_force = &bundles_out;
  /* 07-11: N (from 07-12) and the bundle (from 09-01) are not in force; A is submitted in person. */
  CHECK(onetrip_catalog_evaluate(c, china, &start, &b) == ONETRIP_OK);
  CHECK(matter_in[0] == 1 && matter_in[1] == 1 && matter_in[2] == 0);
  CHECK(bundle_in[0] == 0);
  CHECK(matters_out == 1 && bundles_out == 1);
  CHECK(trips[0] == 1 && trips[2] == 0);
  CHECK(due[2].year == 0 && due[0].year == 2017);
  /* 09-01: everything in force, A fully online with no fee: zero trips. */
  start = date(2017, 9, 1);
  CHECK(onetrip_catalog_evaluate(c, china, &start, &b) == ONETRIP_OK);
  CHECK(matter_in[0] == 1 && matter_in[1] == 1 && matter_in[2] == 1 && bundle_in[0] == 1);
  CHECK(matters_out == 0 && bundles_out == 0);
  CHECK(trips[0] == 0);
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

  dated_views(c);
  whole_evaluation(c, china);

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
