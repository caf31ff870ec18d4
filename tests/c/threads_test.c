/* One catalogue and one calendar handle shared by four threads, as a back end
 * serving requests would: each thread evaluates the whole catalogue into its own
 * buffers and queries trips; every result equals the single-threaded one. Then
 * the library's own threads: a generated catalogue evaluated and compared on
 * four threads gives exactly the figures of one. */
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

/* Evaluation and comparison of a generated catalogue on `threads` threads. */
static void evaluate_and_compare(const onetrip_catalog* base, const onetrip_catalog* after,
                                 const onetrip_calendar* calendar, uint32_t threads, size_t matters, int32_t* trips,
                                 onetrip_date* due, onetrip_comparison_totals* totals) {
  onetrip_evaluate_options options = ONETRIP_EVALUATE_OPTIONS_INIT;
  onetrip_compare_options compare_options = ONETRIP_COMPARE_OPTIONS_INIT;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  onetrip_comparison* comparison = NULL;
  onetrip_date start = {2017, 7, 3};
  options.start = &start;
  options.threads = threads;
  buffers.matter_capacity = matters;
  buffers.matter_trips = trips;
  buffers.matter_due = due;
  CHECK(onetrip_catalog_evaluate_v2(base, calendar, &options, &buffers) == ONETRIP_OK);
  compare_options.threads = threads;
  CHECK(onetrip_compare_v2(base, after, NULL, 0, &compare_options, &comparison) == ONETRIP_OK);
  CHECK(onetrip_comparison_totals_get(comparison, totals) == ONETRIP_OK);
  onetrip_comparison_free(comparison);
}

static void library_threads(const onetrip_calendar* china) {
  onetrip_generator_options generate = ONETRIP_GENERATOR_OPTIONS_INIT;
  onetrip_catalog* base = NULL;
  onetrip_catalog* after = NULL;
  onetrip_comparison_totals one = ONETRIP_COMPARISON_TOTALS_INIT, four = ONETRIP_COMPARISON_TOTALS_INIT;
  onetrip_evaluate_options bad = ONETRIP_EVALUATE_OPTIONS_INIT;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  const char* scenario =
      "{\"schema\": \"onetrip-scenario/1\", \"reforms\": "
      "[{\"reform\": \"express_delivery\", \"department\": \"d3\"}]}";
  const size_t n = 40000; /* enough for every thread to have a part */
  int32_t* trips[2];
  onetrip_date* due[2];
  int k;

  generate.matters = (int64_t)n;
  generate.seed = 2017;
  CHECK(onetrip_catalog_generate(&generate, &base) == ONETRIP_OK);
  CHECK(onetrip_catalog_apply_json(base, scenario, strlen(scenario), &after) == ONETRIP_OK);
  for (k = 0; k < 2; ++k) {
    trips[k] = (int32_t*)calloc(n, sizeof(int32_t));
    due[k] = (onetrip_date*)calloc(n, sizeof(onetrip_date));
  }
  evaluate_and_compare(base, after, china, 1, n, trips[0], due[0], &one);
  evaluate_and_compare(base, after, china, 4, n, trips[1], due[1], &four);
  CHECK(memcmp(trips[0], trips[1], n * sizeof(int32_t)) == 0);
  CHECK(memcmp(due[0], due[1], n * sizeof(onetrip_date)) == 0);
  CHECK(one.matters_changed > 0 && one.matters_changed == four.matters_changed);
  CHECK(one.trips_saved == four.trips_saved && one.days_saved == four.days_saved);
  CHECK(one.mean_trips_after == four.mean_trips_after);
  /* Options without their size are refused; sizes out of range too. */
  bad.struct_size = 0;
  CHECK(onetrip_catalog_evaluate_v2(base, china, &bad, &buffers) == ONETRIP_INVALID_ARGUMENT);
  generate.matters = 0;
  onetrip_catalog_free(after);
  after = NULL;
  CHECK(onetrip_catalog_generate(&generate, &after) == ONETRIP_INVALID_ARGUMENT && after == NULL);
  for (k = 0; k < 2; ++k) {
    free(trips[k]);
    free(due[k]);
  }
  onetrip_catalog_free(base);
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
  library_threads(china);
  onetrip_catalog_free(catalog);
  onetrip_calendar_free(china);
  return report_checks();
}
