/* One catalogue and one calendar handle shared by four threads, as a back end
 * serving requests would: each thread evaluates the whole catalogue into its own
 * buffers and queries trips; every result equals the single-threaded one. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

#define THREADS 4

typedef struct {
  const onetrip_catalog* catalog;
  const onetrip_calendar* calendar;
  size_t matters;
  int32_t* trips;
  onetrip_date* due;
  onetrip_status status;
} job;

static void* run(void* arg) {
  job* j = (job*)arg;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  onetrip_date start = {2017, 7, 3};
  onetrip_trips* trips = NULL;
  buffers.matter_capacity = j->matters;
  buffers.matter_trips = j->trips;
  buffers.matter_due = j->due;
  j->status = onetrip_catalog_evaluate(j->catalog, j->calendar, &start, &buffers);
  if (j->status == ONETRIP_OK) j->status = onetrip_trips_bundle(j->catalog, 0, NULL, &trips);
  onetrip_trips_free(trips);
  return NULL;
}

int main(void) {
  char path[1024];
  onetrip_catalog* catalog = NULL;
  onetrip_calendar* china = NULL;
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  job jobs[THREADS + 1];
  pthread_t threads[THREADS];
  int t;

  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_catalog_load_file(path, &catalog) == ONETRIP_OK);
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  CHECK(onetrip_catalog_counts_get(catalog, &counts) == ONETRIP_OK);
  for (t = 0; t <= THREADS; ++t) {
    jobs[t].catalog = catalog;
    jobs[t].calendar = china;
    jobs[t].matters = counts.matters;
    jobs[t].trips = (int32_t*)calloc(counts.matters, sizeof(int32_t));
    jobs[t].due = (onetrip_date*)calloc(counts.matters, sizeof(onetrip_date));
  }
  run(&jobs[THREADS]); /* the single-threaded reference */
  CHECK(jobs[THREADS].status == ONETRIP_OK);
  for (t = 0; t < THREADS; ++t) CHECK(pthread_create(&threads[t], NULL, run, &jobs[t]) == 0);
  for (t = 0; t < THREADS; ++t) CHECK(pthread_join(threads[t], NULL) == 0);
  for (t = 0; t < THREADS; ++t) {
    CHECK(jobs[t].status == ONETRIP_OK);
    CHECK(memcmp(jobs[t].trips, jobs[THREADS].trips, counts.matters * sizeof(int32_t)) == 0);
    CHECK(memcmp(jobs[t].due, jobs[THREADS].due, counts.matters * sizeof(onetrip_date)) == 0);
  }
  for (t = 0; t <= THREADS; ++t) {
    free(jobs[t].trips);
    free(jobs[t].due);
  }
  onetrip_catalog_free(catalog);
  onetrip_calendar_free(china);
  return report_checks();
}
