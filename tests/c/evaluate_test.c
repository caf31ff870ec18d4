/* Trips, schedules, whole-catalogue evaluation, indicators and audit through
 * the C ABI, on the Yuyao example, with the figures the C++ tests work out by
 * hand; and the error paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static uint32_t find(const onetrip_catalog* catalog, onetrip_entity entity, const char* id) {
  uint32_t index = 0;
  CHECK(onetrip_catalog_find(catalog, entity, id, strlen(id), &index) == ONETRIP_OK);
  return index;
}

static void test_trips(const onetrip_catalog* catalog) {
  onetrip_trips* trips = NULL;
  onetrip_trips_summary summary = ONETRIP_TRIPS_SUMMARY_INIT;
  onetrip_trip_info trip = ONETRIP_TRIP_INFO_INIT;
  onetrip_need_info need = ONETRIP_NEED_INFO_INIT;
  onetrip_trip_options options = ONETRIP_TRIP_OPTIONS_INIT;
  uint32_t consent;

  /* The passport: one trip, for the statutory presence. */
  CHECK(onetrip_trips_matter(catalog, find(catalog, ONETRIP_ENTITY_MATTER, "330281-GA-03"), NULL, &trips) ==
        ONETRIP_OK);
  CHECK(onetrip_trips_summary_get(trips, &summary) == ONETRIP_OK);
  CHECK(summary.trips == 1 && summary.worst_case == 2 && summary.trip_count == 1);
  CHECK(onetrip_trips_trip(trips, 0, &trip) == ONETRIP_OK && trip.need_count == 1 && trip.moment == 0);
  CHECK(onetrip_trips_need(trips, 0, 0, &need) == ONETRIP_OK);
  CHECK(need.kind == ONETRIP_NEED_SUBMIT && need.because == ONETRIP_BECAUSE_STATUTORY_PRESENCE);
  CHECK(strstr(need.text, "普通护照签发") != NULL);
  CHECK(onetrip_trips_need(trips, 0, 1, &need) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_trips_trip(trips, 1, &trip) == ONETRIP_OUT_OF_RANGE);
  onetrip_trips_free(trips);

  /* The road excavation joint approval as the catalogue keeps it, before 住建 forwarded 公安's part: one
   * window, three times (hand in both, carry 住建's permit on day 5, collect both on day 10). */
  CHECK(onetrip_trips_bundle(catalog, find(catalog, ONETRIP_ENTITY_BUNDLE, "road-excavation"), NULL, &trips) ==
        ONETRIP_OK);
  CHECK(onetrip_trips_summary_get(trips, &summary) == ONETRIP_OK && summary.trips == 3 && summary.window_contacts == 3);
  CHECK(onetrip_trips_trip(trips, 1, &trip) == ONETRIP_OK && trip.moment == 5 && trip.need_count == 1);
  CHECK(onetrip_trips_trip(trips, 2, &trip) == ONETRIP_OK && trip.moment == 10 && trip.need_count == 2);
  onetrip_trips_free(trips);

  /* Conditional material through the options; a bad material index is refused. */
  consent = find(catalog, ONETRIP_ENTITY_MATERIAL, "sublease-consent");
  options.materials_present = &consent;
  options.materials_present_count = 1;
  CHECK(onetrip_trips_matter(catalog, find(catalog, ONETRIP_ENTITY_MATTER, "330281-FW-01"), &options, &trips) ==
        ONETRIP_OK);
  onetrip_trips_free(trips);
  consent = 99999;
  CHECK(onetrip_trips_matter(catalog, 0, &options, &trips) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_trips_matter(catalog, 99999, NULL, &trips) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_trips_bundle(NULL, 0, NULL, &trips) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_trips_summary_get(NULL, &summary) == ONETRIP_INVALID_ARGUMENT);
  onetrip_trips_free(NULL);
}

static void test_time(const onetrip_catalog* catalog, const onetrip_calendar* china) {
  onetrip_matter_due_info due = ONETRIP_MATTER_DUE_INFO_INIT;
  onetrip_schedule* schedule = NULL;
  onetrip_schedule_summary summary = ONETRIP_SCHEDULE_SUMMARY_INIT;
  onetrip_member_schedule member = ONETRIP_MEMBER_SCHEDULE_INIT;
  onetrip_date accepted = {2017, 9, 29};
  onetrip_date start = {2017, 7, 3};
  onetrip_date bad = {2017, 2, 30};
  char* dot = NULL;
  size_t dot_len = 0;
  const uint32_t anjian = find(catalog, ONETRIP_ENTITY_BUNDLE, "anjian-hazchem");

  CHECK(onetrip_matter_due(catalog, china, find(catalog, ONETRIP_ENTITY_MATTER, "330281-AJ-01"), accepted,
                           ONETRIP_EXTENSION_SINGLE, &due) == ONETRIP_OK);
  CHECK(due.due.year == 2017 && due.due.month == 11 && due.due.day == 2);
  CHECK(due.special_procedure_days == 10 && due.has_legal_due && due.has_extended_due);
  CHECK(due.due_with_special_procedures.month == 11 && due.due_with_special_procedures.day == 16);
  /* The result in hand: the decision's due day, then 10 days of 专家评审 (第四十五条); no issuing days stated. */
  CHECK(due.issue_days == 0 && due.result_due.month == 11 && due.result_due.day == 16 && due.extension_days == 10);
  CHECK(onetrip_matter_due(catalog, china, 0, accepted, ONETRIP_EXTENSION_JOINT, &due) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "第四十二条") != NULL);
  CHECK(onetrip_matter_due(catalog, china, 0, bad, ONETRIP_EXTENSION_NONE, &due) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_matter_due(catalog, china, 0, accepted, (onetrip_extension)7, &due) == ONETRIP_INVALID_ARGUMENT);

  CHECK(onetrip_schedule_bundle(catalog, anjian, china, start, &schedule) == ONETRIP_OK);
  CHECK(onetrip_schedule_summary_get(schedule, &summary) == ONETRIP_OK);
  /* 20 working days and 10 of 专家评审 (not counted, 第四十五条) for each review */
  CHECK(summary.workdays == 60 && summary.has_due && summary.critical_path_length == 2 && !summary.over_joint_limit);
  CHECK(summary.critical_path[0] == 0 && summary.critical_path[1] == 1);
  CHECK(onetrip_schedule_member(schedule, 1, &member) == ONETRIP_OK);
  CHECK(member.earliest_start == 30 && member.critical && member.slack == 0);
  CHECK(member.duration == 20 && member.special_days == 10 && member.issue_days == 0);
  CHECK(onetrip_schedule_summary_get(schedule, &summary) == ONETRIP_OK);
  CHECK(summary.counted_workdays == 40 && summary.handling == ONETRIP_HANDLING_NONE);
  CHECK(onetrip_schedule_member(schedule, 2, &member) == ONETRIP_OUT_OF_RANGE);
  onetrip_schedule_free(schedule);
  CHECK(onetrip_schedule_bundle(catalog, anjian, NULL, start, &schedule) == ONETRIP_OK);
  CHECK(onetrip_schedule_summary_get(schedule, &summary) == ONETRIP_OK && !summary.has_due);
  onetrip_schedule_free(schedule);

  CHECK(onetrip_bundle_dot(catalog, anjian, &dot, &dot_len) == ONETRIP_OK);
  CHECK(dot != NULL && strstr(dot, "digraph") != NULL && strlen(dot) == dot_len);
  onetrip_string_free(dot);
}

static void test_catalogue(const onetrip_catalog* catalog, const onetrip_calendar* china) {
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  onetrip_indicators indicators = ONETRIP_INDICATORS_INIT;
  onetrip_audit* audit = NULL;
  onetrip_finding finding = ONETRIP_FINDING_INIT;
  onetrip_date start = {2017, 7, 3};
  int32_t* trips;
  onetrip_date* due;
  int32_t bundle_trips[16];
  double* volumes;
  size_t findings = 0;
  size_t i;
  const uint32_t passport = find(catalog, ONETRIP_ENTITY_MATTER, "330281-GA-03");

  CHECK(onetrip_catalog_counts_get(catalog, &counts) == ONETRIP_OK);
  trips = (int32_t*)calloc(counts.matters, sizeof *trips);
  due = (onetrip_date*)calloc(counts.matters, sizeof *due);
  buffers.matter_capacity = counts.matters;
  buffers.matter_trips = trips;
  buffers.matter_due = due;
  buffers.bundle_capacity = 16;
  buffers.bundle_trips = bundle_trips;
  CHECK(onetrip_catalog_evaluate(catalog, china, &start, &buffers) == ONETRIP_OK);
  CHECK(trips[passport] == 1 && due[passport].month == 7 && due[passport].day == 12);
  CHECK(bundle_trips[find(catalog, ONETRIP_ENTITY_BUNDLE, "shuili-project")] == 1);
  buffers.matter_capacity = 3;
  CHECK(onetrip_catalog_evaluate(catalog, china, &start, &buffers) == ONETRIP_RESOURCE_EXHAUSTED);
  buffers.matter_capacity = counts.matters;
  CHECK(onetrip_catalog_evaluate(catalog, china, NULL, &buffers) == ONETRIP_OK && due[passport].year == 0);

  /* Unweighted, then every case on the passport: 1 trip each. */
  CHECK(onetrip_catalog_indicators(catalog, NULL, 0, &indicators) == ONETRIP_OK);
  CHECK(indicators.matters == (int64_t)counts.matters && !indicators.weighted);
  CHECK(indicators.share_at_most_one_trip > 0.5 && indicators.share_at_most_one_trip < 1.0);
  volumes = (double*)calloc(counts.matters, sizeof *volumes);
  volumes[passport] = 1768;
  CHECK(onetrip_catalog_indicators(catalog, volumes, counts.matters, &indicators) == ONETRIP_OK);
  CHECK(indicators.weighted && indicators.volume == 1768 && indicators.mean_trips == 1.0);
  CHECK(onetrip_catalog_indicators(catalog, volumes, 2, &indicators) == ONETRIP_INVALID_ARGUMENT);

  CHECK(onetrip_catalog_audit(catalog, &audit) == ONETRIP_OK);
  CHECK(onetrip_audit_count(audit, &findings) == ONETRIP_OK && findings > 0);
  for (i = 0; i < findings; ++i) {
    CHECK(onetrip_audit_finding(audit, i, &finding) == ONETRIP_OK && finding.message[0] != '\0');
  }
  CHECK(onetrip_audit_finding(audit, findings, &finding) == ONETRIP_OUT_OF_RANGE);
  onetrip_audit_free(audit);
  free(trips);
  free(due);
  free(volumes);
}

int main(void) {
  char path[1024];
  onetrip_catalog* catalog = NULL;
  onetrip_calendar* china = NULL;
  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  if (onetrip_catalog_load_file(path, &catalog) != ONETRIP_OK || onetrip_calendar_china(&china) != ONETRIP_OK) {
    fprintf(stderr, "setup: %s\n", onetrip_last_error());
    return 1;
  }
  test_trips(catalog);
  test_time(catalog, china);
  test_catalogue(catalog, china);
  onetrip_catalog_free(catalog);
  onetrip_calendar_free(china);
  return report_checks();
}
