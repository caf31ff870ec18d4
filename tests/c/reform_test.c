/* What if through the C ABI: the Yuyao catalogue turned into its pre-reform
 * baseline, the bulletin's reforms applied from a JSON scenario, compared at
 * July 2017 volumes; totals equal the sum of the per-matter and per-bundle
 * figures; a broken scenario gives its problems and changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static char* read_example(const char* name, size_t* len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/examples/yuyao-2017/%s", ONETRIP_SOURCE_DIR, name);
  return read_file(path, len);
}

static double near(double a, double b) { return a - b < 1e-6 && b - a < 1e-6; }

int main(void) {
  char path[1024];
  size_t before_len = 0, reforms_len = 0, windows_len = 0;
  char* before_json = read_example("before-2017.json", &before_len);
  char* reforms_json = read_example("reforms-2017.json", &reforms_len);
  char* windows_csv = read_example("volumes-2017-07-windows.csv", &windows_len);
  onetrip_catalog* yuyao = NULL;
  onetrip_catalog* baseline = NULL;
  onetrip_catalog* reformed = NULL;
  onetrip_catalog* untouched = (onetrip_catalog*)&g_passed;
  onetrip_comparison* comparison = NULL;
  onetrip_comparison_totals totals = ONETRIP_COMPARISON_TOTALS_INIT;
  onetrip_delta delta = ONETRIP_DELTA_INIT;
  onetrip_department_savings savings = ONETRIP_DEPARTMENT_SAVINGS_INIT;
  double trips = 0, days = 0;
  size_t i;
  int found_huanbao = 0;
  const char* where = NULL;
  const char* what = NULL;
  const char* broken =
      "{\"schema\": \"onetrip-scenario/1\", \"reforms\": [{\"reform\": \"express_delivery\", "
      "\"department\": \"nope\"}]}";

  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  CHECK(before_json && reforms_json && windows_csv);
  CHECK(onetrip_catalog_load_file(path, &yuyao) == ONETRIP_OK);
  CHECK(onetrip_catalog_apply_json(yuyao, before_json, before_len, &baseline) == ONETRIP_OK);
  CHECK(onetrip_catalog_apply_json(baseline, reforms_json, reforms_len, &reformed) == ONETRIP_OK);
  CHECK(onetrip_compare(baseline, reformed, windows_csv, windows_len, &comparison) == ONETRIP_OK);
  CHECK(onetrip_comparison_totals_get(comparison, &totals) == ONETRIP_OK);
  /* The bulletin's reforms of 2017 change 28 matters: 环保's eleven, the four 多证合一 absorbs, 商事登记's three,
   * 三小's licence, 公章刻制, the passport's payment, 水利's two, 规划's four, 产地证 (roadmap-2017.json). */
  CHECK(totals.matters_changed == 28 && totals.trips_saved > 0 && totals.days_saved > 0);
  CHECK(totals.share_at_most_one_trip_after > totals.share_at_most_one_trip_before);
  for (i = 0; i < totals.matter_count; ++i) {
    CHECK(onetrip_comparison_matter(comparison, i, &delta) == ONETRIP_OK);
    trips += delta.trips_saved;
    days += delta.days_saved;
    if (strcmp(delta.id, "330281-HB-01") == 0) {
      CHECK(delta.trips_before == 2 && delta.trips_after == 0 && strstr(delta.change, "express delivery") != NULL);
    }
  }
  for (i = 0; i < totals.bundle_count; ++i) {
    CHECK(onetrip_comparison_bundle(comparison, i, &delta) == ONETRIP_OK);
    trips += delta.trips_saved; /* no bundle volumes given: 0 */
    days += delta.days_saved;
    if (strcmp(delta.id, "anjian-hazchem") == 0) {
      CHECK(delta.days_before == 60 && delta.days_after == 30); /* each review with its 10 days of 专家评审 */
    }
  }
  CHECK(near(trips, totals.trips_saved) && near(days, totals.days_saved));
  for (i = 0; i < totals.department_count; ++i) {
    CHECK(onetrip_comparison_department(comparison, i, &savings) == ONETRIP_OK);
    if (strcmp(savings.name, "环保") == 0) found_huanbao = savings.trips_saved > 0;
  }
  CHECK(found_huanbao);
  CHECK(onetrip_comparison_matter(comparison, totals.matter_count, &delta) == ONETRIP_OUT_OF_RANGE);
  onetrip_comparison_free(comparison);

  /* A broken scenario: its problem, and nothing made. */
  CHECK(onetrip_catalog_apply_json(yuyao, broken, strlen(broken), &untouched) == ONETRIP_INVALID_ARGUMENT);
  CHECK(untouched == (onetrip_catalog*)&g_passed);
  CHECK(onetrip_last_problem_count() == 1);
  CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK && strcmp(where, "$.reforms[0].department") == 0);
  /* Bad volumes: the line is named. */
  CHECK(onetrip_compare(baseline, reformed, "id,volume\nnope,3\n", 17, &comparison) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK && strcmp(where, "line 2") == 0);
  CHECK(onetrip_compare(NULL, reformed, NULL, 0, &comparison) == ONETRIP_INVALID_ARGUMENT);

  onetrip_catalog_free(reformed);
  onetrip_catalog_free(baseline);
  onetrip_catalog_free(yuyao);
  free(before_json);
  free(reforms_json);
  free(windows_csv);
  return report_checks();
}
