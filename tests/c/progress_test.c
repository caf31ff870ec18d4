/* Progress and cancellation through the C ABI: a callback that counts (every
 * phase from 0 to its total, going forward) and one that cancels, after which
 * the call returns ONETRIP_CANCELLED, makes nothing and leaves the caller's
 * report exactly as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

typedef struct counter {
  int calls;
  int cancel_at; /* the call (from 0) that cancels; -1: none */
  int bad;       /* calls that broke a rule: done past total, going back, a total that changed */
  int phases;    /* phases started (a call with done == 0) */
  int ended;     /* phases ended (done == total) */
  char phase[64];
  int64_t last_done, last_total;
} counter;

static void counter_init(counter* c, int cancel_at) {
  memset(c, 0, sizeof *c);
  c->cancel_at = cancel_at;
}

static int count(void* data, int64_t done, int64_t total, const char* phase) {
  counter* c = (counter*)data;
  int same_phase;
  if (phase == NULL) {
    ++c->bad;
    return 1;
  }
  same_phase = strcmp(c->phase, phase) == 0;
  if (done < 0 || done > total) ++c->bad;
  if (same_phase && (done < c->last_done || total != c->last_total)) ++c->bad;
  if (!same_phase && done != 0) ++c->bad; /* a phase starts at 0 */
  if (done == 0 && !same_phase) ++c->phases;
  if (done == total) ++c->ended;
  snprintf(c->phase, sizeof c->phase, "%s", phase);
  c->last_done = done;
  c->last_total = total;
  return c->calls++ == c->cancel_at;
}

static onetrip_catalog* generated(int64_t matters, counter* progress) {
  onetrip_generator_options options = ONETRIP_GENERATOR_OPTIONS_INIT;
  onetrip_catalog* out = NULL;
  options.matters = matters;
  return onetrip_catalog_generate_with_progress(&options, progress != NULL ? count : NULL, progress, &out) == ONETRIP_OK
             ? out
             : NULL;
}

static void test_catalogue_calls(void) {
  counter c;
  onetrip_catalog* catalog;
  onetrip_catalog* loaded = NULL;
  onetrip_catalog* sentinel = (onetrip_catalog*)&c;
  onetrip_catalog* out = sentinel;
  char* json = NULL;
  size_t len = 0;
  onetrip_generator_options options = ONETRIP_GENERATOR_OPTIONS_INIT;
  int total_calls;

  /* The generator: three phases, each from 0 to its total. */
  counter_init(&c, -1);
  catalog = generated(20000, &c);
  CHECK(catalog != NULL);
  CHECK(c.bad == 0 && c.phases == 3 && c.ended == 3 && c.calls > 6);
  CHECK(strcmp(c.phase, "check") == 0);
  /* Cancelled at its second call: CANCELLED, and *out untouched. */
  counter_init(&c, 1);
  options.matters = 20000;
  CHECK(onetrip_catalog_generate_with_progress(&options, count, &c, &out) == ONETRIP_CANCELLED);
  CHECK(out == sentinel && c.calls == 2);
  CHECK(strstr(onetrip_last_error(), "cancelled") != NULL);

  /* Loading: "read" in bytes, then "check". */
  CHECK(onetrip_catalog_save_json(catalog, &json, &len) == ONETRIP_OK);
  counter_init(&c, -1);
  CHECK(onetrip_catalog_load_json_with_progress(json, len, count, &c, &loaded) == ONETRIP_OK);
  CHECK(c.bad == 0 && c.phases == 2 && c.ended == 2 && c.calls > 4);
  total_calls = c.calls;
  onetrip_catalog_free(loaded);
  counter_init(&c, total_calls / 2);
  out = sentinel;
  CHECK(onetrip_catalog_load_json_with_progress(json, len, count, &c, &out) == ONETRIP_CANCELLED);
  CHECK(out == sentinel && c.calls == total_calls / 2 + 1);
  CHECK(onetrip_last_problem_count() == 0);
  /* No callback: the plain load. */
  CHECK(onetrip_catalog_load_json_with_progress(json, len, NULL, NULL, &loaded) == ONETRIP_OK);

  /* Whole-catalogue evaluation on two threads: "matters" and "bundles". */
  {
    onetrip_evaluate_options eo = ONETRIP_EVALUATE_OPTIONS_INIT;
    onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
    onetrip_calendar* china = NULL;
    int32_t* trips = (int32_t*)calloc(20000, sizeof(int32_t));
    CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
    buffers.matter_capacity = 20000;
    buffers.matter_trips = trips;
    eo.threads = 2;
    counter_init(&c, -1);
    CHECK(onetrip_catalog_evaluate_with_progress(catalog, china, &eo, count, &c, &buffers) == ONETRIP_OK);
    CHECK(c.bad == 0 && c.phases == 2 && c.ended == 2);
    trips[0] = -7;
    counter_init(&c, 1);
    CHECK(onetrip_catalog_evaluate_with_progress(catalog, china, &eo, count, &c, &buffers) == ONETRIP_CANCELLED);
    CHECK(trips[0] == -7); /* the buffers are not written */
    onetrip_calendar_free(china);
    free(trips);
  }

  /* A reform and the comparison. */
  {
    static const char kScenario[] =
        "{\"schema\": \"onetrip-scenario/1\", \"reforms\": [{\"reform\": \"express_delivery\"}]}";
    onetrip_catalog* after = NULL;
    onetrip_comparison* comparison = NULL;
    onetrip_compare_options co = ONETRIP_COMPARE_OPTIONS_INIT;
    counter_init(&c, -1);
    CHECK(onetrip_catalog_apply_json_with_progress(catalog, kScenario, strlen(kScenario), count, &c, &after) ==
          ONETRIP_OK);
    CHECK(c.bad == 0 && c.phases == 2 && c.ended == 2);
    out = sentinel;
    counter_init(&c, 0);
    CHECK(onetrip_catalog_apply_json_with_progress(catalog, kScenario, strlen(kScenario), count, &c, &out) ==
          ONETRIP_CANCELLED);
    CHECK(out == sentinel);
    co.threads = 2;
    counter_init(&c, -1);
    CHECK(onetrip_compare_with_progress(catalog, after, NULL, 0, &co, count, &c, &comparison) == ONETRIP_OK);
    CHECK(c.bad == 0 && c.phases == 5 && c.ended == 5 && strcmp(c.phase, "compare") == 0);
    onetrip_comparison_free(comparison);
    comparison = NULL;
    /* On one thread the calls are the same from run to run (on two they depend on
     * which thread finishes when): counted once, then cancelled at the very end. */
    co.threads = 1;
    counter_init(&c, -1);
    CHECK(onetrip_compare_with_progress(catalog, after, NULL, 0, &co, count, &c, &comparison) == ONETRIP_OK);
    onetrip_comparison_free(comparison);
    comparison = NULL;
    counter_init(&c, c.calls - 1);
    CHECK(onetrip_compare_with_progress(catalog, after, NULL, 0, &co, count, &c, &comparison) == ONETRIP_CANCELLED);
    CHECK(comparison == NULL);
    onetrip_catalog_free(after);
  }

  onetrip_string_free(json);
  onetrip_catalog_free(loaded);
  onetrip_catalog_free(catalog);
}

/* The report: a cancelled add_csv or add_columns leaves it as it was. */
static void test_report(void) {
  onetrip_calendar* china = NULL;
  onetrip_report* report = NULL;
  counter c;
  char* text;
  size_t used = 0, size = 64 + 80 * (size_t)100000;
  int64_t cases = 0, skipped = 0;
  char* before = NULL;
  char* after = NULL;
  int i, strict;
  static const char kFirst[] =
      "case_id,matter,department,hall,kind,received,completed,fee,joint\n"
      "a1,,住建,中心,promised,2017-07-03,2017-07-10,300,0\n"
      "a2,,民政,中心,immediate,2017-07-04,2017-07-04,,0\n";

  text = (char*)malloc(size);
  used += (size_t)snprintf(text, size, "case_id,matter,department,hall,kind,received,completed,fee,joint\n");
  for (i = 0; i < 100000; ++i) {
    used += (size_t)snprintf(text + used, size - used, "c%d,,w%d,中心,%s,2017-07-0%d,,%d,0\n", i, i % 29,
                             i % 3 ? "promised" : "immediate", 3 + i % 5, i % 11);
  }
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  for (strict = 0; strict <= 1; ++strict) {
    CHECK(onetrip_report_new(china, NULL, &report) == ONETRIP_OK);
    CHECK(onetrip_report_add_csv(report, kFirst, strlen(kFirst), false) == ONETRIP_OK);
    CHECK(onetrip_report_csv(report, 2017, 7, NULL, ONETRIP_REPORT_WINDOWS, &before, NULL) == ONETRIP_OK);

    counter_init(&c, 3);
    CHECK(onetrip_report_add_csv_with_progress(report, text, used, strict != 0, count, &c) == ONETRIP_CANCELLED);
    CHECK(c.calls == 4 && c.bad == 0);
    CHECK(onetrip_report_counts(report, &cases, &skipped) == ONETRIP_OK && cases == 2 && skipped == 0);
    CHECK(onetrip_report_csv(report, 2017, 7, NULL, ONETRIP_REPORT_WINDOWS, &after, NULL) == ONETRIP_OK);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    onetrip_string_free(after);

    /* Counting it all: "read" from 0 to the text's bytes. */
    counter_init(&c, -1);
    CHECK(onetrip_report_add_csv_with_progress(report, text, used, strict != 0, count, &c) == ONETRIP_OK);
    CHECK(c.bad == 0 && c.phases == 1 && c.ended == 1 && c.last_total == (int64_t)used && c.calls > 10);
    CHECK(onetrip_report_counts(report, &cases, &skipped) == ONETRIP_OK && cases == 100002);
    onetrip_string_free(before);
    onetrip_report_free(report);
  }

  /* The column form. */
  {
    enum { kRows = 30000 };
    static const char* const kHalls[] = {"中心"};
    static const char* const kKinds[] = {"immediate", "promised"};
    static const char* const kWindows[] = {"w0", "w1"};
    onetrip_case_columns columns = ONETRIP_CASE_COLUMNS_INIT;
    int32_t* zeros = (int32_t*)calloc(kRows, sizeof(int32_t));
    int32_t* kinds = (int32_t*)calloc(kRows, sizeof(int32_t));
    int64_t* days = (int64_t*)calloc(kRows, sizeof(int64_t));
    for (i = 0; i < kRows; ++i) {
      kinds[i] = i % 2;
      days[i] = 17350; /* 2017-07-03 */
    }
    columns.rows = kRows;
    columns.hall.codes = zeros;
    columns.hall.categories = kHalls;
    columns.hall.category_count = 1;
    columns.kind.codes = kinds;
    columns.kind.categories = kKinds;
    columns.kind.category_count = 2;
    columns.department.codes = kinds;
    columns.department.categories = kWindows;
    columns.department.category_count = 2;
    columns.received = days;
    CHECK(onetrip_report_new(china, NULL, &report) == ONETRIP_OK);
    counter_init(&c, -1);
    CHECK(onetrip_report_add_columns_with_progress(report, &columns, false, count, &c) == ONETRIP_OK);
    CHECK(c.bad == 0 && c.phases == 1 && c.ended == 1 && c.last_total == kRows);
    counter_init(&c, 2);
    CHECK(onetrip_report_add_columns_with_progress(report, &columns, false, count, &c) == ONETRIP_CANCELLED);
    CHECK(onetrip_report_counts(report, &cases, &skipped) == ONETRIP_OK && cases == kRows);
    onetrip_report_free(report);
    free(zeros);
    free(kinds);
    free(days);
  }
  onetrip_calendar_free(china);
  free(text);
}

int main(void) {
  test_catalogue_calls();
  test_report();
  return report_checks();
}
