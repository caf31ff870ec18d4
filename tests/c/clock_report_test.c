/* Case clocks and the monthly report through the C ABI: what a Java or C#
 * back end asks per case ("is it overdue, and when is it due"), in batches,
 * and the report from CSV text, merged from two parts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static onetrip_clock_event event(onetrip_clock_event_kind kind, onetrip_date d, int32_t days) {
  onetrip_clock_event e;
  e.kind = kind;
  e.date = d;
  e.days = days;
  e.reason = ONETRIP_PAUSE_SUPPLEMENT;
  return e;
}

static void test_clock(const onetrip_calendar* china) {
  onetrip_clock_event events[5];
  onetrip_clock_state state = ONETRIP_CLOCK_STATE_INIT;
  onetrip_clock_state states[2];
  onetrip_status statuses[2];
  onetrip_clock_options options = ONETRIP_CLOCK_OPTIONS_INIT;
  size_t offsets[3] = {0, 3, 5};

  events[0] = event(ONETRIP_CLOCK_ACCEPTED, date(2017, 7, 3), 20);
  events[1] = event(ONETRIP_CLOCK_PAUSED, date(2017, 7, 7), 0);
  events[2] = event(ONETRIP_CLOCK_RESUMED, date(2017, 7, 12), 0);
  CHECK(onetrip_clock_state_get(china, events, 3, date(2017, 7, 12), NULL, &state) == ONETRIP_OK);
  CHECK(state.due.month == 8 && state.due.day == 3 && state.paused_days == 3 && state.elapsed == 4);
  CHECK(state.status == ONETRIP_CLOCK_RUNNING && state.level == ONETRIP_WARNING_NORMAL);
  CHECK(onetrip_clock_state_get(china, events, 3, date(2017, 8, 4), NULL, &state) == ONETRIP_OK);
  CHECK(state.status == ONETRIP_CLOCK_OVERDUE && state.level == ONETRIP_WARNING_RED && state.remaining == -1);
  options.yellow_days_left = 15;
  CHECK(onetrip_clock_state_get(china, events, 3, date(2017, 7, 14), &options, &state) == ONETRIP_OK);
  CHECK(state.level == ONETRIP_WARNING_YELLOW);

  /* A resume without a pause is named. */
  CHECK(onetrip_clock_state_get(china, events + 1, 2, date(2017, 7, 12), NULL, &state) == ONETRIP_INVALID_ARGUMENT);
  events[3] = event(ONETRIP_CLOCK_ACCEPTED, date(2017, 7, 3), 5);
  events[4] = event(ONETRIP_CLOCK_RESUMED, date(2017, 7, 4), 0);
  CHECK(onetrip_clock_state_get(china, events + 3, 2, date(2017, 7, 12), NULL, &state) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "resumed without a pause") != NULL);
  events[4].kind = (onetrip_clock_event_kind)42;
  CHECK(onetrip_clock_state_get(china, events + 3, 2, date(2017, 7, 12), NULL, &state) == ONETRIP_INVALID_ARGUMENT);
  events[4] = event(ONETRIP_CLOCK_COMPLETED, date(2017, 7, 10), 0);

  /* A batch of two cases, each with its own status. */
  states[0].struct_size = sizeof states[0];
  states[1].struct_size = sizeof states[1];
  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 12), NULL, states, statuses) == ONETRIP_OK);
  CHECK(statuses[0] == ONETRIP_OK && statuses[1] == ONETRIP_OK);
  CHECK(states[1].status == ONETRIP_CLOCK_COMPLETED_ON_TIME && states[1].completed);
  events[4].date = date(2017, 6, 1); /* completed before accepted */
  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 12), NULL, states, statuses) == ONETRIP_OK);
  CHECK(statuses[0] == ONETRIP_OK && statuses[1] == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 12), NULL, states, NULL) ==
        ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "case 1") != NULL);
  CHECK(onetrip_clock_state_get(NULL, events, 3, date(2017, 7, 12), NULL, &state) == ONETRIP_INVALID_ARGUMENT);
}

static void test_report(const onetrip_calendar* china) {
  const char* part1 =
      "case_id,matter,department,hall,kind,received,completed,fee,joint\n"
      "c1,,住建,中心,promised,2016-12-28,2017-01-05,,0\n"
      "c2,,住建,中心,promised,2017-07-03,2017-07-10,300,0\n";
  const char* part2 =
      "case_id,matter,department,hall,kind,received,completed,fee,joint\n"
      "c3,,住建,中心,immediate,2017-07-03,2017-07-03,12.50,1\n"
      "bad,,住建,中心,immediate,2017-07-32,,,0\n"
      "c4,,公安,镇,promised,2017-07-05,,,0\n";
  onetrip_report* a = NULL;
  onetrip_report* b = NULL;
  char* csv = NULL;
  size_t len = 0;
  int64_t cases = 0, skipped = 0;
  const char *where, *what;

  CHECK(onetrip_report_new(china, NULL, &a) == ONETRIP_OK);
  CHECK(onetrip_report_new(china, NULL, &b) == ONETRIP_OK);
  CHECK(onetrip_report_add_csv(a, part1, strlen(part1), false) == ONETRIP_OK);
  CHECK(onetrip_report_add_csv(b, part2, strlen(part2), false) == ONETRIP_OK);
  CHECK(onetrip_last_problem_count() == 1);
  CHECK(onetrip_last_problem(0, &where, &what) == ONETRIP_OK && strcmp(where, "line 3") == 0);
  CHECK(onetrip_report_add_csv(b, part2, strlen(part2), true) == ONETRIP_INVALID_ARGUMENT); /* strict: nothing */
  CHECK(onetrip_report_merge(a, b) == ONETRIP_OK);
  CHECK(onetrip_report_merge(a, a) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_report_counts(a, &cases, &skipped) == ONETRIP_OK && cases == 4 && skipped == 1);
  CHECK(onetrip_report_csv(a, 2017, 7, "中心", ONETRIP_REPORT_WINDOWS, &csv, &len) == ONETRIP_OK);
  CHECK(strstr(csv, "住建,2,1,1,2,1,1,2,1,1,3,1,2,312.50,312.50\n") != NULL);
  onetrip_string_free(csv);
  CHECK(onetrip_report_csv(a, 2017, 7, NULL, ONETRIP_REPORT_HALLS, &csv, &len) == ONETRIP_OK);
  CHECK(strstr(csv, "镇,1,0,0,1,0,0\n") != NULL && strlen(csv) == len);
  onetrip_string_free(csv);
  CHECK(onetrip_report_csv(a, 2017, 13, NULL, ONETRIP_REPORT_HALLS, &csv, &len) == ONETRIP_INVALID_ARGUMENT);
  onetrip_report_free(a);
  onetrip_report_free(b);
  onetrip_report_free(NULL);
}

int main(void) {
  onetrip_calendar* china = NULL;
  if (onetrip_calendar_china(&china) != ONETRIP_OK) return 1;
  test_clock(china);
  test_report(china);
  onetrip_calendar_free(china);
  return report_checks();
}
