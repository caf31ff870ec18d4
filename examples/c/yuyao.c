/* A C program embedding onetrip: loads the Yuyao catalogue, prints each
 * bundle's trips and due date for an application on 3 July 2017, and asks a
 * case's clock whether it is overdue.
 *
 *   cc -std=c99 yuyao.c $(pkg-config --cflags --libs onetrip) -o yuyao
 *   ./yuyao examples/yuyao-2017/catalog.json
 */
#include <stdio.h>

#include "onetrip.h"

static int fail(const char* what) {
  fprintf(stderr, "%s: %s\n", what, onetrip_last_error());
  return 1;
}

int main(int argc, char** argv) {
  onetrip_calendar* china = NULL;
  onetrip_catalog* catalog = NULL;
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  onetrip_date start = {2017, 7, 3};
  onetrip_date today = {2017, 8, 7};
  /* 行政许可法 第三十二条: received, one 补正 notice within 5 working days, accepted when the corrected
   * materials arrive; the 20 working days run from then. */
  onetrip_clock_event events[3] = {{ONETRIP_CLOCK_RECEIVED, {2017, 7, 3}, 20, ONETRIP_PAUSE_OTHER},
                                   {ONETRIP_CLOCK_SUPPLEMENT_NOTICE, {2017, 7, 5}, 0, ONETRIP_PAUSE_OTHER},
                                   {ONETRIP_CLOCK_ACCEPTED, {2017, 7, 7}, 0, ONETRIP_PAUSE_OTHER}};
  onetrip_clock_state state = ONETRIP_CLOCK_STATE_INIT;
  size_t i;

  if (argc != 2) {
    fprintf(stderr, "usage: %s CATALOG.json\n", argv[0]);
    return 2;
  }
  if (onetrip_version_number() / 10000 != ONETRIP_VERSION_MAJOR) return fail("library and header disagree");
  if (onetrip_calendar_china(&china) != ONETRIP_OK) return fail("calendar");
  if (onetrip_catalog_load_file(argv[1], &catalog) != ONETRIP_OK) {
    for (i = 0; i < onetrip_last_problem_count(); ++i) {
      const char *path, *message;
      if (onetrip_last_problem(i, &path, &message) == ONETRIP_OK) fprintf(stderr, "  %s: %s\n", path, message);
    }
    return fail(argv[1]);
  }
  if (onetrip_catalog_counts_get(catalog, &counts) != ONETRIP_OK) return fail("counts");
  printf("onetrip %s: %lu matters, %lu bundles\n", onetrip_version_string(), (unsigned long)counts.matters,
         (unsigned long)counts.bundles);
  for (i = 0; i < counts.bundles; ++i) {
    onetrip_bundle_info bundle = ONETRIP_BUNDLE_INFO_INIT;
    onetrip_trips* trips = NULL;
    onetrip_trips_summary summary = ONETRIP_TRIPS_SUMMARY_INIT;
    onetrip_schedule* schedule = NULL;
    onetrip_schedule_summary plan = ONETRIP_SCHEDULE_SUMMARY_INIT;
    if (onetrip_catalog_bundle(catalog, (uint32_t)i, &bundle) != ONETRIP_OK ||
        onetrip_trips_bundle(catalog, (uint32_t)i, NULL, &trips) != ONETRIP_OK ||
        onetrip_trips_summary_get(trips, &summary) != ONETRIP_OK ||
        onetrip_schedule_bundle(catalog, (uint32_t)i, china, start, &schedule) != ONETRIP_OK ||
        onetrip_schedule_summary_get(schedule, &plan) != ONETRIP_OK) {
      return fail("bundle");
    }
    printf("%-16s %d trip(s), worst case %d, %d working days, due %04d-%02d-%02d\n", bundle.id, (int)summary.trips,
           (int)summary.worst_case, (int)plan.workdays, (int)plan.due.year, (int)plan.due.month, (int)plan.due.day);
    onetrip_trips_free(trips);
    onetrip_schedule_free(schedule);
  }
  if (onetrip_clock_state_get(china, events, 3, today, NULL, &state) != ONETRIP_OK) return fail("clock");
  printf("case received 2017-07-03, 补正 notified 07-05, accepted 07-07 (20 working days): due %04d-%02d-%02d, %s\n",
         (int)state.due.year, (int)state.due.month, (int)state.due.day,
         state.status == ONETRIP_CLOCK_OVERDUE ? "overdue" : "not overdue");
  onetrip_catalog_free(catalog);
  onetrip_calendar_free(china);
  return state.status == ONETRIP_CLOCK_OVERDUE ? 0 : 1;
}
