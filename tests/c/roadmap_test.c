/* The catalogue over time through the C ABI, hand-worked on a small
 * catalogue (tests/data/roadmap/small.json): B's 21 cases a month lose a trip
 * from 2017-07-12 (14 of July's 21 working days); as of a day; a reform dated
 * outside the calendar is a problem at its path and makes nothing; the diff
 * names a department move field by field; the months' volumes counted from a
 * case log (tests/data/roadmap/cases.csv), its bad rows listed by line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static int near(double a, double b) { return a - b < 1e-9 && b - a < 1e-9; }

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

int main(void) {
  char path[1024];
  size_t len = 0, months = 0, reforms = 0, count = 0, i;
  char* json;
  onetrip_catalog* small = NULL;
  onetrip_catalog* july11 = NULL;
  onetrip_catalog* july12 = NULL;
  onetrip_catalog* moved = NULL;
  onetrip_roadmap* roadmap = NULL;
  onetrip_roadmap* untouched = (onetrip_roadmap*)&g_passed;
  onetrip_diff* diff = NULL;
  onetrip_roadmap_month month = ONETRIP_ROADMAP_MONTH_INIT;
  onetrip_roadmap_reform reform = ONETRIP_ROADMAP_REFORM_INIT;
  onetrip_reform_month rm = ONETRIP_REFORM_MONTH_INIT;
  onetrip_field_change change = ONETRIP_FIELD_CHANGE_INIT;
  const char* where = NULL;
  const char* what = NULL;
  int found_move = 0;
  const char* scenario =
      "{\"schema\": \"onetrip-scenario/1\", \"reforms\": [{\"reform\": \"express_delivery\", \"matter\": \"B\", "
      "\"effective_from\": \"2017-07-12\"}]}";
  const char* outside =
      "{\"schema\": \"onetrip-scenario/1\", \"reforms\": [{\"reform\": \"express_delivery\", \"matter\": \"B\", "
      "\"effective_from\": \"2031-07-12\"}]}";
  const char* monthly = "month,id,volume\n2017-07,B,21\n2017-08,B,21\n";

  snprintf(path, sizeof path, "%s/tests/data/roadmap/small.json", ONETRIP_SOURCE_DIR);
  json = read_file(path, &len);
  CHECK(json != NULL);
  CHECK(onetrip_catalog_load_json(json, len, &small) == ONETRIP_OK);

  /* As of a day: B goes by express from 07-12, not on 07-11. */
  CHECK(onetrip_catalog_as_of(small, scenario, strlen(scenario), date(2017, 7, 11), &july11) == ONETRIP_OK);
  CHECK(onetrip_catalog_as_of(small, scenario, strlen(scenario), date(2017, 7, 12), &july12) == ONETRIP_OK);
  CHECK(trips_of(july11, 1) == 2); /* B: C, in force until 06-30, has left both */
  CHECK(trips_of(july12, 1) == 1);

  /* The roadmap, June to August 2017. */
  CHECK(onetrip_roadmap_make(small, scenario, strlen(scenario), NULL, date(2017, 6, 1), date(2017, 8, 31), NULL, 0,
                             monthly, strlen(monthly), &roadmap) == ONETRIP_OK);
  /* Two dated changes: C's validity ending on 06-30 (a change of 07-01), then the reform. */
  CHECK(onetrip_roadmap_counts(roadmap, &months, &reforms) == ONETRIP_OK && months == 3 && reforms == 2);
  CHECK(onetrip_roadmap_reform_get(roadmap, 0, &reform) == ONETRIP_OK);
  CHECK(reform.period && reform.position == 1 && reform.effective_from.month == 7 && reform.effective_from.day == 1);
  CHECK(strcmp(reform.label, "period: C in force until 2017-06-30") == 0 && reform.matters_changed == 0);
  CHECK(onetrip_roadmap_reform_month(roadmap, 1, 0, &rm) == ONETRIP_OK && near(rm.trips_saved, 0));
  CHECK(onetrip_roadmap_reform_get(roadmap, 1, &reform) == ONETRIP_OK);
  CHECK(!reform.period && reform.position == 0);
  CHECK(reform.effective_from.day == 12 && strcmp(reform.label, "express_delivery B") == 0);
  CHECK(onetrip_roadmap_month_get(roadmap, 1, &month) == ONETRIP_OK);
  CHECK(month.month.month == 7 && month.workdays == 21 && near(month.volume, 21));
  CHECK(near(month.trips_saved, 14) && near(month.worst_case_saved, 14) && near(month.windows_saved, 14));
  CHECK(near(month.share_at_most_one_trip, 1.0));
  CHECK(onetrip_roadmap_reform_month(roadmap, 1, 1, &rm) == ONETRIP_OK && near(rm.share_in_force, 14.0 / 21.0));
  CHECK(onetrip_roadmap_month_get(roadmap, 2, &month) == ONETRIP_OK && near(month.trips_saved, 21));
  CHECK(onetrip_roadmap_month_get(roadmap, 0, &month) == ONETRIP_OK && near(month.trips_saved, 0));
  CHECK(onetrip_roadmap_month_get(roadmap, 3, &month) == ONETRIP_OUT_OF_RANGE);

  /* Dated outside the calendar: a problem at its path, nothing made. */
  CHECK(onetrip_roadmap_make(small, outside, strlen(outside), NULL, date(2017, 1, 1), date(2017, 12, 1), NULL, 0, NULL,
                             0, &untouched) == ONETRIP_INVALID_ARGUMENT);
  CHECK(untouched == (onetrip_roadmap*)&g_passed);
  CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK);
  CHECK(where != NULL && strcmp(where, "$.reforms[0].effective_from") == 0);
  CHECK(what != NULL && strstr(what, "outside the calendar") != NULL);

  /* The months' volumes from a case log (tests/data/roadmap/cases.csv, counted
   * by hand by the month each case was accepted): June B 1 + C 1, July A 1 +
   * B 2 (c1 received 06-30, accepted 07-03), August B 1. B by express from
   * 07-12 saves a trip per case: 2 x 14/21 in July, 1 in August. */
  {
    size_t log_len = 0;
    char* log;
    onetrip_roadmap* by_log = NULL;
    onetrip_roadmap* kept = (onetrip_roadmap*)&g_passed;
    /* 中心 is the hall; C is in force until 2017-06-30. */
    const char* bad =
        "case_id,matter,department,hall,kind,received,completed,fee,joint\n"
        "ok,B,,\xe4\xb8\xad\xe5\xbf\x83,promised,2017-07-03,,,0\n"
        "late,C,,\xe4\xb8\xad\xe5\xbf\x83,immediate,2017-07-03,2017-07-03,,0\n";
    snprintf(path, sizeof path, "%s/tests/data/roadmap/cases.csv", ONETRIP_SOURCE_DIR);
    log = read_file(path, &log_len);
    CHECK(log != NULL);
    CHECK(onetrip_roadmap_make_case_log(small, scenario, strlen(scenario), NULL, date(2017, 6, 1), date(2017, 8, 31),
                                        NULL, 0, log, log_len, NULL, 0, false, &by_log) == ONETRIP_OK);
    CHECK(onetrip_last_problem_count() == 0);
    CHECK(onetrip_roadmap_month_get(by_log, 0, &month) == ONETRIP_OK && month.volume_weighted);
    CHECK(near(month.volume, 2) && near(month.trips_saved, 0));
    CHECK(onetrip_roadmap_month_get(by_log, 1, &month) == ONETRIP_OK);
    CHECK(near(month.volume, 3) && near(month.trips_saved, 2.0 * 14.0 / 21.0));
    CHECK(onetrip_roadmap_month_get(by_log, 2, &month) == ONETRIP_OK);
    CHECK(near(month.volume, 1) && near(month.trips_saved, 1));
    onetrip_roadmap_free(by_log);
    by_log = NULL;
    /* Only the roadmap's months are counted: July alone has 3 cases. */
    CHECK(onetrip_roadmap_make_case_log(small, scenario, strlen(scenario), NULL, date(2017, 7, 1), date(2017, 7, 1),
                                        NULL, 0, log, log_len, NULL, 0, true, &by_log) == ONETRIP_OK);
    CHECK(onetrip_roadmap_counts(by_log, &months, &reforms) == ONETRIP_OK && months == 1);
    CHECK(onetrip_roadmap_month_get(by_log, 0, &month) == ONETRIP_OK && near(month.volume, 3));
    onetrip_roadmap_free(by_log);
    by_log = NULL;
    free(log);

    /* A bad row is skipped and listed at its line; the good one is counted. */
    CHECK(onetrip_roadmap_make_case_log(small, scenario, strlen(scenario), NULL, date(2017, 7, 1), date(2017, 7, 31),
                                        NULL, 0, bad, strlen(bad), NULL, 0, false, &by_log) == ONETRIP_OK);
    CHECK(onetrip_last_problem_count() == 1);
    CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK);
    CHECK(where != NULL && strcmp(where, "line 3") == 0);
    CHECK(what != NULL && strstr(what, "case \"late\"") != NULL && strstr(what, "not in force") != NULL);
    CHECK(onetrip_roadmap_month_get(by_log, 0, &month) == ONETRIP_OK && near(month.volume, 1));
    onetrip_roadmap_free(by_log);
    /* Strict: the bad row fails the call, nothing is made. */
    CHECK(onetrip_roadmap_make_case_log(small, scenario, strlen(scenario), NULL, date(2017, 7, 1), date(2017, 7, 31),
                                        NULL, 0, bad, strlen(bad), NULL, 0, true, &kept) == ONETRIP_INVALID_ARGUMENT);
    CHECK(kept == (onetrip_roadmap*)&g_passed);
    CHECK(onetrip_last_problem_count() == 1);
    CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK && strcmp(where, "line 3") == 0);
    /* No log at all. */
    CHECK(onetrip_roadmap_make_case_log(small, scenario, strlen(scenario), NULL, date(2017, 7, 1), date(2017, 7, 31),
                                        NULL, 0, NULL, 0, NULL, 0, false, &kept) == ONETRIP_INVALID_ARGUMENT);
    CHECK(kept == (onetrip_roadmap*)&g_passed);
  }

  /* The diff: A moves from department a to b. */
  {
    char* moved_json = (char*)malloc(len + 1);
    char* at;
    memcpy(moved_json, json, len + 1);
    at = strstr(moved_json, "\"code\": \"A\", \"name\": \"A\", \"department\": \"a\"");
    CHECK(at != NULL);
    if (at != NULL) at[strlen("\"code\": \"A\", \"name\": \"A\", \"department\": \"")] = 'b';
    CHECK(onetrip_catalog_load_json(moved_json, len, &moved) == ONETRIP_OK);
    free(moved_json);
  }
  CHECK(onetrip_catalog_diff(small, moved, &diff) == ONETRIP_OK);
  CHECK(onetrip_diff_count(diff, &count) == ONETRIP_OK && count == 1);
  for (i = 0; i < count; ++i) {
    CHECK(onetrip_diff_get(diff, i, &change) == ONETRIP_OK);
    if (change.item == ONETRIP_DIFF_MATTER && strcmp(change.id, "A") == 0 && strcmp(change.field, "department") == 0 &&
        strcmp(change.before, "\"a\"") == 0 && strcmp(change.after, "\"b\"") == 0 && change.affects_figures) {
      found_move = 1;
    }
  }
  CHECK(found_move);

  onetrip_diff_free(diff);
  onetrip_roadmap_free(roadmap);
  onetrip_catalog_free(moved);
  onetrip_catalog_free(july12);
  onetrip_catalog_free(july11);
  onetrip_catalog_free(small);
  free(json);
  return report_checks();
}
