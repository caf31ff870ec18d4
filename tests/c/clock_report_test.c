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
  e.reason = ONETRIP_PAUSE_OTHER; /* a pause another law provides; 补正 comes before acceptance */
  return e;
}

static onetrip_clock_event special(onetrip_date d, onetrip_pause_reason kind, int32_t notified) {
  onetrip_clock_event e = event(ONETRIP_CLOCK_SPECIAL_STARTED, d, notified);
  e.reason = kind;
  return e;
}

/* The law's steps (行政许可法 第三十二、四十二、四十四、四十五条), worked by hand on the 2017 calendar. */
static void test_law_clock(const onetrip_calendar* china) {
  onetrip_clock_event events[8];
  onetrip_clock_state state = ONETRIP_CLOCK_STATE_INIT;
  onetrip_clock_options options = ONETRIP_CLOCK_OPTIONS_INIT;
  onetrip_clock_state states[2];
  onetrip_status statuses[2];
  size_t offsets[3] = {0, 2, 4};

  /* 第三十二条: received Monday 3 July, 5 working days to decide: by 10 July. */
  events[0] = event(ONETRIP_CLOCK_RECEIVED, date(2017, 7, 3), 20);
  CHECK(onetrip_clock_state_get(china, events, 1, date(2017, 7, 5), NULL, &state) == ONETRIP_OK);
  CHECK(state.status == ONETRIP_CLOCK_RECEIVED_NOW && state.acceptance_due.day == 10 && state.due.year == 0);
  CHECK(onetrip_clock_state_get(china, events, 1, date(2017, 7, 11), NULL, &state) == ONETRIP_OK);
  CHECK(state.deemed_accepted && state.accepted.day == 3 && state.due.month == 7 && state.due.day == 31);
  /* 补正 notified 7 July; corrected materials on 24 July: 20 working days from then, due 21 August. */
  events[1] = event(ONETRIP_CLOCK_SUPPLEMENT_NOTICE, date(2017, 7, 7), 0);
  CHECK(onetrip_clock_state_get(china, events, 2, date(2017, 7, 20), NULL, &state) == ONETRIP_OK);
  CHECK(state.status == ONETRIP_CLOCK_AWAITING_CORRECTION);
  events[2] = event(ONETRIP_CLOCK_ACCEPTED, date(2017, 7, 24), 0);
  CHECK(onetrip_clock_state_get(china, events, 3, date(2017, 7, 25), NULL, &state) == ONETRIP_OK);
  CHECK(state.accepted.day == 24 && state.due.month == 8 && state.due.day == 21 && state.supplement_notice.day == 7);
  /* 第四十五条: 专家评审 notified as 10 days, 25 July to 28 July: 3 working days not counted. */
  events[3] = special(date(2017, 7, 25), ONETRIP_PAUSE_EXPERT_REVIEW, 10);
  events[4] = event(ONETRIP_CLOCK_SPECIAL_ENDED, date(2017, 7, 28), 0);
  CHECK(onetrip_clock_state_get(china, events, 4, date(2017, 7, 26), NULL, &state) == ONETRIP_OK);
  CHECK(state.status == ONETRIP_CLOCK_IN_SPECIAL_PROCEDURE);
  CHECK(onetrip_clock_state_get(china, events, 5, date(2017, 7, 31), NULL, &state) == ONETRIP_OK);
  CHECK(state.special_days == 3 && state.paused_days == 0 && state.due.month == 8 && state.due.day == 24);
  /* 第四十二条: one extension of at most 10 (the options may say 15 for a joint handling). */
  events[5] = event(ONETRIP_CLOCK_EXTENDED, date(2017, 8, 1), 12);
  CHECK(onetrip_clock_state_get(china, events, 6, date(2017, 8, 2), NULL, &state) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "第四十二条") != NULL);
  options.extension_limit = 15;
  CHECK(onetrip_clock_state_get(china, events, 6, date(2017, 8, 2), &options, &state) == ONETRIP_OK);
  CHECK(state.extension == 12 && state.limit == 32);
  /* 第四十四条: decided 1 September, issued within 10 working days (by 15 September). */
  events[6] = event(ONETRIP_CLOCK_COMPLETED, date(2017, 9, 1), 0);
  events[7] = event(ONETRIP_CLOCK_ISSUED, date(2017, 9, 18), 0);
  CHECK(onetrip_clock_state_get(china, events, 8, date(2017, 9, 30), &options, &state) == ONETRIP_OK);
  CHECK(state.completed && state.issued && state.issue_due.month == 9 && state.issue_due.day == 15);
  CHECK(state.issued_late);

  /* A batch: one good case, one with a 补正 pause after acceptance, a status each. */
  events[0] = event(ONETRIP_CLOCK_RECEIVED, date(2017, 7, 3), 20);
  events[1] = event(ONETRIP_CLOCK_ACCEPTED, date(2017, 7, 4), 0);
  events[2] = event(ONETRIP_CLOCK_ACCEPTED, date(2017, 7, 3), 20);
  events[3] = event(ONETRIP_CLOCK_PAUSED, date(2017, 7, 5), 0);
  events[3].reason = ONETRIP_PAUSE_SUPPLEMENT;
  states[0] = (onetrip_clock_state)ONETRIP_CLOCK_STATE_INIT;
  states[1] = (onetrip_clock_state)ONETRIP_CLOCK_STATE_INIT;
  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 20), NULL, states, statuses) == ONETRIP_OK);
  CHECK(statuses[0] == ONETRIP_OK && statuses[1] == ONETRIP_INVALID_ARGUMENT);
  CHECK(states[0].accepted.day == 4 && states[1].status == ONETRIP_CLOCK_RUNNING && states[1].due.year == 0);
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

/* Every column of a finished report through the column API; the figures CSV
 * lacks (pending, joint, on-time, overdue) included. */
static void test_report_columns(const onetrip_calendar* china) {
  const char* log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint,limit\n"
      "a,,住建,中心,promised,2017-07-03,2017-07-05,12.50,1,5\n"
      "b,,住建,中心,promised,2017-07-03,2017-07-31,,0,5\n"
      "c,,住建,\"中心\",promised,2017-07-03,,,1,5\n";
  onetrip_report* report = NULL;
  onetrip_report_result* result = NULL;
  size_t n = onetrip_report_column_count(), i, rows = 0, column = 0;
  onetrip_report_value_type type;
  int64_t value = 0;
  double rate = 0;
  const char* text = NULL;
  char *csv = NULL, *after = NULL;
  CHECK(n > 20);
  CHECK(strcmp(onetrip_report_column_name(0), "hall") == 0 && onetrip_report_column_name(n) == NULL);
  CHECK(onetrip_report_column_label(n) == NULL && strlen(onetrip_report_column_label(1)) > 0);
  for (i = 0; i < n; ++i) {
    CHECK(onetrip_report_column_type(i, &type) == ONETRIP_OK);
    CHECK(onetrip_report_column_find(onetrip_report_column_name(i), &column) == ONETRIP_OK && column == i);
  }
  CHECK(onetrip_report_column_type(n, &type) == ONETRIP_OUT_OF_RANGE);
  {
    /* A C caller may read a column by its index: the columns of the first release keep theirs, and
     * a column added since comes after them (onetrip.h: columns are only ever appended). */
    static const char* const kFirst[] = {"hall",
                                         "window",
                                         "recv_m",
                                         "recv_m_imm",
                                         "recv_m_prom",
                                         "recv_c",
                                         "recv_c_imm",
                                         "recv_c_prom",
                                         "done_m",
                                         "done_m_imm",
                                         "done_m_prom",
                                         "done_c",
                                         "done_c_imm",
                                         "done_c_prom",
                                         "fee_m",
                                         "fee_c",
                                         "pending",
                                         "joint_recv_m",
                                         "joint_recv_c",
                                         "joint_done_m",
                                         "joint_done_c",
                                         "joint_pending",
                                         "on_time_m",
                                         "late_m",
                                         "overdue_pending",
                                         "without_limit_m",
                                         "on_time_rate"};
    size_t k;
    CHECK(n >= sizeof kFirst / sizeof kFirst[0]);
    for (k = 0; k < sizeof kFirst / sizeof kFirst[0]; ++k) CHECK(strcmp(onetrip_report_column_name(k), kFirst[k]) == 0);
  }
  CHECK(onetrip_report_column_find("nope", &column) == ONETRIP_NOT_FOUND);

  CHECK(onetrip_report_new(china, NULL, &report) == ONETRIP_OK);
  CHECK(onetrip_report_add_csv(report, log, strlen(log), true) == ONETRIP_OK);
  CHECK(onetrip_report_finish(report, 2017, 7, &result) == ONETRIP_OK);
  CHECK(onetrip_report_row_count(result, ONETRIP_REPORT_WINDOWS, &rows) == ONETRIP_OK && rows == 1);
  CHECK(onetrip_report_row_count(result, ONETRIP_REPORT_TOTAL, &rows) == ONETRIP_OK && rows == 1);
  CHECK(onetrip_report_column_find("window", &column) == ONETRIP_OK);
  CHECK(onetrip_report_text(result, ONETRIP_REPORT_WINDOWS, 0, column, &text) == ONETRIP_OK &&
        strcmp(text, "住建") == 0);
#define FIGURE(name, expected)                                     \
  CHECK(onetrip_report_column_find(name, &column) == ONETRIP_OK && \
        onetrip_report_int64(result, ONETRIP_REPORT_WINDOWS, 0, column, &value) == ONETRIP_OK && value == (expected))
  FIGURE("recv_m", 3);
  FIGURE("pending", 1);
  FIGURE("joint_recv_m", 2);
  FIGURE("joint_pending", 1);
  FIGURE("on_time_m", 1);
  FIGURE("late_m", 1);
  FIGURE("overdue_pending", 1);
  FIGURE("fee_m", 1250);
#undef FIGURE
  CHECK(onetrip_report_column_find("on_time_rate", &column) == ONETRIP_OK);
  CHECK(onetrip_report_double(result, ONETRIP_REPORT_TOTAL, 0, column, &rate) == ONETRIP_OK && rate == 0.5);
  /* Wrong type, row or column past the end, a table that is not one. */
  CHECK(onetrip_report_int64(result, ONETRIP_REPORT_WINDOWS, 0, column, &value) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "on_time_rate") != NULL);
  CHECK(onetrip_report_int64(result, ONETRIP_REPORT_WINDOWS, 1, 2, &value) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_report_int64(result, ONETRIP_REPORT_WINDOWS, 0, n, &value) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_report_int64(result, (onetrip_report_table)7, 0, 2, &value) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_report_text(result, ONETRIP_REPORT_WINDOWS, 0, 2, &text) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_report_result_csv(result, ONETRIP_REPORT_WINDOWS, &csv, NULL) == ONETRIP_OK);
  CHECK(strstr(csv, "on_time_m,late_m,overdue_pending") != NULL);
  onetrip_report_result_free(result);

  /* A failed strict read leaves the whole report as it was: no PHANTOM hall. */
  {
    const char* bad =
        "case_id,matter,department,hall,kind,received,completed,fee,joint\n"
        "p,,新窗口,PHANTOM,promised,2017-07-03,,,0\n"
        "x,,住建,中心,promised,2017-07-03,2017-07-01,,0\n";
    CHECK(onetrip_report_add_csv(report, bad, strlen(bad), true) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_report_finish(report, 2017, 7, &result) == ONETRIP_OK);
    CHECK(onetrip_report_result_csv(result, ONETRIP_REPORT_WINDOWS, &after, NULL) == ONETRIP_OK);
    CHECK(strcmp(csv, after) == 0 && strstr(after, "PHANTOM") == NULL);
    onetrip_string_free(after);
    CHECK(onetrip_report_result_csv(result, ONETRIP_REPORT_HALLS, &after, NULL) == ONETRIP_OK);
    CHECK(strstr(after, "PHANTOM") == NULL);
    onetrip_string_free(after);
    onetrip_report_result_free(result);
  }
  onetrip_string_free(csv);
  onetrip_report_free(report);
  onetrip_report_result_free(NULL);
}

/* The column form adds exactly what the CSV form adds (every figure of every
 * table), skips the same bad rows, and with strict changes nothing. */
static char* table_csv(const onetrip_report* report, onetrip_report_table table) {
  onetrip_report_result* result = NULL;
  char* csv = NULL;
  CHECK(onetrip_report_finish(report, 2017, 7, &result) == ONETRIP_OK);
  CHECK(onetrip_report_result_csv(result, table, &csv, NULL) == ONETRIP_OK);
  onetrip_report_result_free(result);
  return csv;
}

static void test_report_add_columns(const onetrip_calendar* china) {
  const char* log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint,limit\n"
      "a,,住建,中心,promised,2017-07-03,2017-07-05,12.50,1,5\n"
      "b,,住建,中心,immediate,2017-07-03,2017-07-31,,0,\n"
      "c,,不动产,分中心,promised,2017-06-30,,300,1,5\n"
      "d,,不动产,中心,sometimes,2017-07-10,,,0,2\n"
      "e,,住建,分中心,promised,2017-07-10,2017-07-05,,0,1\n";
  /* The same five rows as columns: dictionaries for the text, days for the dates. */
  const char* ids[] = {"a", "b", "c", "d", "e"};
  const char* departments[] = {"住建", "不动产"};
  const char* halls[] = {"中心", "分中心"};
  const char* kinds[] = {"promised", "immediate", "sometimes"};
  const int32_t id_codes[] = {0, 1, 2, 3, 4}, department_codes[] = {0, 0, 1, 1, 0}, hall_codes[] = {0, 0, 1, 0, 1};
  const int32_t kind_codes[] = {0, 1, 0, 2, 0};
  const int64_t received[] = {17350, 17350, 17347, 17357, 17357};
  const int64_t completed[] = {17352, 17378, ONETRIP_MISSING_DAY, ONETRIP_MISSING_DAY, 17352};
  const int64_t fees[] = {1250, 0, 30000, 0, 0};
  const uint8_t joint[] = {1, 0, 1, 0, 0}, limit_given[] = {1, 0, 1, 1, 1};
  const int32_t limits[] = {5, 0, 5, 2, 1};
  onetrip_case_columns columns = ONETRIP_CASE_COLUMNS_INIT;
  onetrip_report *from_csv = NULL, *from_columns = NULL;
  int64_t cases = -1, skipped = -1;
  const char *path = NULL, *message = NULL;
  onetrip_report_table table;

  columns.rows = 5;
  columns.case_id.codes = id_codes;
  columns.case_id.categories = ids;
  columns.case_id.category_count = 5;
  columns.department.codes = department_codes;
  columns.department.categories = departments;
  columns.department.category_count = 2;
  columns.hall.codes = hall_codes;
  columns.hall.categories = halls;
  columns.hall.category_count = 2;
  columns.kind.codes = kind_codes;
  columns.kind.categories = kinds;
  columns.kind.category_count = 3;
  columns.received = received;
  columns.completed = completed;
  columns.fee_fen = fees;
  columns.joint = joint;
  columns.limit = limits;
  columns.limit_given = limit_given;

  CHECK(onetrip_report_new(china, NULL, &from_csv) == ONETRIP_OK);
  CHECK(onetrip_report_new(china, NULL, &from_columns) == ONETRIP_OK);
  /* strict: the two bad rows (d's kind, e completed before received) fail it, and nothing is added */
  CHECK(onetrip_report_add_columns(from_columns, &columns, true) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "row 3") != NULL && strstr(onetrip_last_error(), "sometimes") != NULL);
  CHECK(onetrip_report_counts(from_columns, &cases, &skipped) == ONETRIP_OK && cases == 0 && skipped == 0);
  /* lenient: the bad rows are skipped and listed with their row */
  CHECK(onetrip_report_add_csv(from_csv, log, strlen(log), false) == ONETRIP_OK);
  CHECK(onetrip_report_add_columns(from_columns, &columns, false) == ONETRIP_OK);
  CHECK(onetrip_last_problem_count() == 2);
  CHECK(onetrip_last_problem(1, &path, &message) == ONETRIP_OK && strcmp(path, "row 4") == 0);
  CHECK(strstr(message, "case \"e\"") != NULL && strstr(message, "before received") != NULL);
  CHECK(onetrip_report_counts(from_columns, &cases, &skipped) == ONETRIP_OK && cases == 3 && skipped == 2);
  for (table = ONETRIP_REPORT_WINDOWS; table <= ONETRIP_REPORT_TOTAL; table = (onetrip_report_table)(table + 1)) {
    char* a = table_csv(from_csv, table);
    char* b = table_csv(from_columns, table);
    CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
    onetrip_string_free(a);
    onetrip_string_free(b);
  }
  /* Fees in yuan as pandas reads them: a fraction of a fen is a bad row. */
  {
    const double yuan[] = {0.125, 0.0 / 0.0, 300.0, 0, 0};
    columns.fee_fen = NULL;
    columns.fee_yuan = yuan;
    CHECK(onetrip_report_add_columns(from_columns, &columns, false) == ONETRIP_OK);
    CHECK(onetrip_last_problem_count() == 3);
    CHECK(onetrip_last_problem(0, &path, &message) == ONETRIP_OK && strstr(message, "0.125") != NULL);
    columns.fee_fen = fees;
  }
  /* A wrong shape fails the call and adds nothing. */
  CHECK(onetrip_report_counts(from_columns, &cases, &skipped) == ONETRIP_OK);
  {
    const int32_t bad_codes[] = {0, 0, 7, 0, 0};
    int64_t cases_after = -1, skipped_after = -1;
    columns.hall.codes = bad_codes;
    CHECK(onetrip_report_add_columns(from_columns, &columns, false) == ONETRIP_INVALID_ARGUMENT);
    CHECK(strstr(onetrip_last_error(), "hall has code 7 at row 2") != NULL);
    columns.hall.codes = hall_codes;
    columns.fee_yuan = (const double*)fees;
    CHECK(onetrip_report_add_columns(from_columns, &columns, false) == ONETRIP_INVALID_ARGUMENT);
    columns.fee_yuan = NULL;
    columns.struct_size = 5;
    CHECK(onetrip_report_add_columns(from_columns, &columns, false) == ONETRIP_INVALID_ARGUMENT);
    columns.struct_size = sizeof columns;
    CHECK(onetrip_report_add_columns(from_columns, NULL, false) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_report_add_columns(NULL, &columns, false) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_report_counts(from_columns, &cases_after, &skipped_after) == ONETRIP_OK);
    CHECK(cases_after == cases && skipped_after == skipped);
  }
  onetrip_report_free(from_csv);
  onetrip_report_free(from_columns);
}

/* 行政许可法 第四十二条: the limit counts from the acceptance. Received Monday
 * 3 July 2017, limit 5 working days, completed Wednesday 12 July: due 10 July
 * from receipt (late); accepted 5 July, due 12 July (on time). By CSV and by
 * columns alike. */
static void test_report_acceptance(const onetrip_calendar* china) {
  const char* log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint,limit,accepted\n"
      "late,,住建,中心,promised,2017-07-03,2017-07-12,,0,5,\n"
      "on-time,,住建,中心,promised,2017-07-03,2017-07-12,,0,5,2017-07-05\n";
  const char* categories[] = {"住建"};
  const char* halls[] = {"中心"};
  const char* kinds[] = {"promised"};
  const int32_t zero[] = {0, 0}, limit[] = {5, 5};
  /* 2017-07-03 is day 17350 from 1970-01-01 */
  const int64_t received[] = {17350, 17350}, completed[] = {17359, 17359}, accepted[] = {ONETRIP_MISSING_DAY, 17352};
  onetrip_case_columns columns = ONETRIP_CASE_COLUMNS_INIT;
  onetrip_report *by_csv = NULL, *by_columns = NULL;
  char *a = NULL, *b = NULL;
  CHECK(onetrip_report_new(china, NULL, &by_csv) == ONETRIP_OK);
  CHECK(onetrip_report_add_csv(by_csv, log, strlen(log), true) == ONETRIP_OK);
  columns.rows = 2;
  columns.department.codes = zero;
  columns.department.categories = categories;
  columns.department.category_count = 1;
  columns.hall.codes = zero;
  columns.hall.categories = halls;
  columns.hall.category_count = 1;
  columns.kind.codes = zero;
  columns.kind.categories = kinds;
  columns.kind.category_count = 1;
  columns.received = received;
  columns.completed = completed;
  columns.limit = limit;
  columns.accepted = accepted;
  CHECK(onetrip_report_new(china, NULL, &by_columns) == ONETRIP_OK);
  CHECK(onetrip_report_add_columns(by_columns, &columns, true) == ONETRIP_OK);
  a = table_csv(by_csv, ONETRIP_REPORT_WINDOWS);
  b = table_csv(by_columns, ONETRIP_REPORT_WINDOWS);
  CHECK(strcmp(a, b) == 0);
  {
    onetrip_report_result* result = NULL;
    size_t column = 0;
    int64_t value = 0;
    CHECK(onetrip_report_finish(by_columns, 2017, 7, &result) == ONETRIP_OK);
    CHECK(onetrip_report_column_find("on_time_m", &column) == ONETRIP_OK);
    CHECK(onetrip_report_int64(result, ONETRIP_REPORT_WINDOWS, 0, column, &value) == ONETRIP_OK && value == 1);
    CHECK(onetrip_report_column_find("late_m", &column) == ONETRIP_OK);
    CHECK(onetrip_report_int64(result, ONETRIP_REPORT_WINDOWS, 0, column, &value) == ONETRIP_OK && value == 1);
    onetrip_report_result_free(result);
  }
  onetrip_string_free(a);
  onetrip_string_free(b);
  onetrip_report_free(by_csv);
  onetrip_report_free(by_columns);
}

int main(void) {
  onetrip_calendar* china = NULL;
  if (onetrip_calendar_china(&china) != ONETRIP_OK) return 1;
  test_clock(china);
  test_law_clock(china);
  test_report(china);
  test_report_columns(china);
  test_report_add_columns(china);
  test_report_acceptance(china);
  onetrip_calendar_free(china);
  return report_checks();
}
