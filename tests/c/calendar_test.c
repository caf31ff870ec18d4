/* The calendar through the C ABI, as a C99 program would use it: the China
 * calendar, custom rules, JSON loading and extension, the size-query protocol,
 * the batch forms (each element as its scalar call; a failure writes nothing),
 * and every error path (NULLs, dates that don't exist, dates out of range). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static int same(onetrip_date a, onetrip_date b) { return a.year == b.year && a.month == b.month && a.day == b.day; }

static void test_version(void) {
  CHECK(onetrip_version_number() == ONETRIP_VERSION_NUMBER);
  CHECK(strcmp(onetrip_version_string(), ONETRIP_VERSION_STRING) == 0);
  CHECK(strcmp(onetrip_status_name(ONETRIP_OUT_OF_RANGE), "ONETRIP_OUT_OF_RANGE") == 0);
  CHECK(strcmp(onetrip_status_name((onetrip_status)99), "ONETRIP_UNKNOWN_STATUS") == 0);
}

static void test_china(void) {
  onetrip_calendar* china = NULL;
  onetrip_date due, first, last, d;
  bool work = true;
  int32_t count = 0;
  onetrip_day_kind kind;
  const char* name = NULL;
  onetrip_special_day days[16];
  size_t n = 0;

  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  CHECK(strcmp(onetrip_last_error(), "") == 0);
  CHECK(onetrip_calendar_coverage(china, &first, &last) == ONETRIP_OK);
  CHECK(same(first, date(2007, 1, 1)) && same(last, date(2026, 12, 31)));

  /* The 2017 National Day week: accepted Friday 29 September, 20 working days. */
  CHECK(onetrip_calendar_add_workdays(china, date(2017, 9, 29), 20, &due) == ONETRIP_OK);
  CHECK(same(due, date(2017, 11, 2)));
  CHECK(onetrip_calendar_count_workdays(china, date(2017, 9, 29), date(2017, 11, 2), &count) == ONETRIP_OK);
  CHECK(count == 20);
  CHECK(onetrip_calendar_add_workdays(china, date(2017, 10, 9), -1, &d) == ONETRIP_OK);
  CHECK(same(d, date(2017, 9, 30)));
  CHECK(onetrip_calendar_is_workday(china, date(2017, 10, 2), &work) == ONETRIP_OK && !work);
  CHECK(onetrip_calendar_is_workday(china, date(2017, 9, 30), &work) == ONETRIP_OK && work);
  CHECK(onetrip_calendar_next_workday(china, date(2017, 9, 30), &d) == ONETRIP_OK && same(d, date(2017, 10, 9)));
  CHECK(onetrip_calendar_previous_workday(china, date(2017, 10, 9), &d) == ONETRIP_OK && same(d, date(2017, 9, 30)));
  CHECK(onetrip_calendar_roll_forward(china, date(2017, 10, 9), &d) == ONETRIP_OK && same(d, date(2017, 10, 9)));
  CHECK(onetrip_calendar_day_kind(china, date(2020, 1, 31), &kind, &name) == ONETRIP_OK);
  CHECK(kind == ONETRIP_DAY_HOLIDAY && strcmp(name, "春节") == 0);
  CHECK(onetrip_calendar_day_kind(china, date(2020, 1, 19), &kind, NULL) == ONETRIP_OK);
  CHECK(kind == ONETRIP_DAY_MAKEUP_WORKDAY);

  /* Size query, then fill; a short buffer writes nothing. */
  CHECK(onetrip_calendar_special_days(china, 2017, 10, NULL, 0, &n) == ONETRIP_OK && n == 8);
  CHECK(onetrip_calendar_special_days(china, 2017, 10, days, 4, &n) == ONETRIP_RESOURCE_EXHAUSTED);
  CHECK(onetrip_calendar_special_days(china, 2017, 10, days, 16, &n) == ONETRIP_OK && n == 8);
  CHECK(same(days[0].date, date(2017, 10, 1)) && days[0].off && strcmp(days[0].name, "中秋节、国庆节") == 0);

  /* Errors: a status and a message, and the out-parameter untouched. */
  d = date(1, 1, 1);
  CHECK(onetrip_calendar_add_workdays(china, date(2017, 2, 30), 1, &d) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "2017-02-30 is not a date") != NULL);
  CHECK(same(d, date(1, 1, 1)));
  CHECK(onetrip_calendar_is_workday(china, date(2027, 3, 1), &work) == ONETRIP_OUT_OF_RANGE);
  CHECK(strstr(onetrip_last_error(), "2007-01-01 to 2026-12-31") != NULL);
  CHECK(onetrip_calendar_add_workdays(china, date(2026, 12, 28), 30, &d) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_calendar_add_workdays(NULL, date(2017, 1, 3), 1, &d) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "calendar is NULL") != NULL);
  CHECK(onetrip_calendar_add_workdays(china, date(2017, 1, 3), 1, NULL) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_calendar_count_workdays(china, date(2017, 1, 3), date(2017, 0, 3), &count) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "end:") != NULL);
  CHECK(onetrip_calendar_coverage(china, NULL, &last) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_calendar_special_days(china, 2017, 10, NULL, 3, &n) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_calendar_special_days(china, 2030, 1, NULL, 0, &n) == ONETRIP_OUT_OF_RANGE);
  CHECK(onetrip_calendar_china(NULL) == ONETRIP_INVALID_ARGUMENT);
  onetrip_calendar_free(china);
  onetrip_calendar_free(NULL);
}

static void test_json(void) {
  const char* next = "{\"year\": 2027, \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true}]}";
  const char* broken =
      "{\"year\": 2027, \"days\": [{\"name\": \"元旦\", \"date\": \"2027-02-29\", \"isOffDay\": true}]}";
  onetrip_calendar* china = NULL;
  onetrip_calendar* extended = NULL;
  onetrip_calendar* loaded = NULL;
  onetrip_calendar* untouched = (onetrip_calendar*)&g_passed; /* a sentinel: must stay as it is */
  onetrip_date d;
  bool work = true;
  char path[1024];

  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  CHECK(onetrip_calendar_extend_json(china, next, strlen(next), &extended) == ONETRIP_OK);
  CHECK(onetrip_calendar_add_workdays(extended, date(2026, 12, 31), 1, &d) == ONETRIP_OK);
  CHECK(same(d, date(2027, 1, 4)));
  CHECK(onetrip_calendar_is_workday(china, date(2027, 1, 4), &work) == ONETRIP_OUT_OF_RANGE);

  CHECK(onetrip_calendar_load_json(broken, strlen(broken), &untouched) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "$.days[0].date: 2027-02-29 is not a date") != NULL);
  CHECK(untouched == (onetrip_calendar*)&g_passed);
  CHECK(onetrip_calendar_load_json(next, 5, &loaded) == ONETRIP_INVALID_ARGUMENT); /* truncated */
  CHECK(onetrip_calendar_load_json(NULL, 0, &loaded) == ONETRIP_INVALID_ARGUMENT);

  snprintf(path, sizeof path, "%s/data/holidays-cn/2017.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_calendar_load_file(path, &loaded) == ONETRIP_OK);
  CHECK(onetrip_calendar_is_workday(loaded, date(2017, 10, 4), &work) == ONETRIP_OK && !work);
  CHECK(onetrip_calendar_load_file("/nonexistent.json", &untouched) == ONETRIP_NOT_FOUND);

  onetrip_calendar_free(loaded);
  onetrip_calendar_free(extended);
  onetrip_calendar_free(china);
}

static void test_rules(void) {
  onetrip_date holidays[1];
  onetrip_date makeup[1];
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  onetrip_calendar* hall = NULL;
  int32_t count = 0;
  bool work = false;

  holidays[0] = date(2017, 7, 10);
  makeup[0] = date(2017, 7, 9);
  rules.first = date(2017, 7, 1);
  rules.last = date(2017, 7, 31);
  rules.weekday_mask = 0x3F; /* Monday to Saturday */
  rules.holidays = holidays;
  rules.holiday_count = 1;
  rules.makeup_workdays = makeup;
  rules.makeup_workday_count = 1;
  rules.name = "hall";
  CHECK(onetrip_calendar_from_rules(&rules, &hall) == ONETRIP_OK);
  CHECK(onetrip_calendar_count_workdays(hall, date(2017, 7, 1), date(2017, 7, 31), &count) == ONETRIP_OK);
  CHECK(count == 25);
  CHECK(onetrip_calendar_is_workday(hall, date(2017, 7, 9), &work) == ONETRIP_OK && work);
  onetrip_calendar_free(hall);

  rules.struct_size = 4;
  CHECK(onetrip_calendar_from_rules(&rules, &hall) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "ONETRIP_CALENDAR_RULES_INIT") != NULL);
  rules.struct_size = sizeof rules;
  rules.holidays = NULL;
  CHECK(onetrip_calendar_from_rules(&rules, &hall) == ONETRIP_INVALID_ARGUMENT);
  rules.holidays = holidays;
  holidays[0] = date(2017, 8, 1);
  CHECK(onetrip_calendar_from_rules(&rules, &hall) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "outside the coverage") != NULL);
  rules.weekday_mask = 0x100;
  CHECK(onetrip_calendar_from_rules(&rules, &hall) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_calendar_from_rules(NULL, &hall) == ONETRIP_INVALID_ARGUMENT);
}

/* The batch forms give exactly the scalar calls' results, element by element,
 * over every day of 2010-2025, and a failing element writes nothing. */
static void test_batches(void) {
  enum { kDays = 5844 }; /* 2010-01-01 .. 2025-12-31 */
  static onetrip_date days[kDays], ends[kDays], out[kDays];
  static int32_t n[kDays], counts[kDays];
  static bool work[kDays];
  onetrip_calendar* china = NULL;
  onetrip_date d = date(2010, 1, 1);
  size_t i, mismatches = 0;
  int32_t twenty = 20;
  onetrip_date one_end = date(2026, 1, 1), beyond = date(2027, 1, 1);

  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  /* Every day of the span, weekends and holidays included. */
  for (i = 0; i < kDays; ++i) {
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int last = month_days[d.month - 1] + (d.month == 2 && d.year % 4 == 0 ? 1 : 0);
    days[i] = d;
    ends[i] = days[i / 2];         /* before the start: negative counts too */
    n[i] = (int32_t)(i % 61) - 30; /* -30 .. 30 working days */
    if (++d.day > last) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
  }
  CHECK(same(days[kDays - 1], date(2025, 12, 31)));

  CHECK(onetrip_calendar_add_workdays_n(china, days, kDays, n, kDays, out) == ONETRIP_OK);
  for (i = 0; i < kDays; ++i) {
    onetrip_date one;
    if (onetrip_calendar_add_workdays(china, days[i], n[i], &one) != ONETRIP_OK || !same(one, out[i])) ++mismatches;
  }
  CHECK(onetrip_calendar_add_workdays_n(china, days, kDays, &twenty, 1, out) == ONETRIP_OK);
  for (i = 0; i < kDays; ++i) {
    onetrip_date one;
    if (onetrip_calendar_add_workdays(china, days[i], 20, &one) != ONETRIP_OK || !same(one, out[i])) ++mismatches;
  }
  CHECK(onetrip_calendar_count_workdays_n(china, days, kDays, ends, kDays, counts) == ONETRIP_OK);
  for (i = 0; i < kDays; ++i) {
    int32_t one;
    if (onetrip_calendar_count_workdays(china, days[i], ends[i], &one) != ONETRIP_OK || one != counts[i]) ++mismatches;
  }
  CHECK(onetrip_calendar_count_workdays_n(china, days, kDays, &one_end, 1, counts) == ONETRIP_OK);
  for (i = 0; i < kDays; ++i) {
    int32_t one;
    if (onetrip_calendar_count_workdays(china, days[i], one_end, &one) != ONETRIP_OK || one != counts[i]) ++mismatches;
  }
  CHECK(onetrip_calendar_is_workday_n(china, days, kDays, work) == ONETRIP_OK);
  for (i = 0; i < kDays; ++i) {
    bool one;
    if (onetrip_calendar_is_workday(china, days[i], &one) != ONETRIP_OK || one != work[i]) ++mismatches;
  }
  /* Every date comes back as itself (0 working days on), and a day's count
   * from the day before is whether it is a working day. */
  {
    static int32_t zero = 0;
    CHECK(onetrip_calendar_add_workdays_n(china, days, kDays, &zero, 1, out) == ONETRIP_OK);
    for (i = 0; i < kDays; ++i) {
      if (!same(out[i], days[i])) ++mismatches;
      if (i > 0) {
        int32_t one = -1;
        if (onetrip_calendar_count_workdays(china, days[i - 1], days[i], &one) != ONETRIP_OK ||
            one != (int32_t)work[i]) {
          ++mismatches;
        }
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(strcmp(onetrip_last_error(), "") == 0);

  /* A failing element: its index in the message, and nothing written. */
  {
    onetrip_date in[3], got[3];
    int32_t got_counts[3] = {-7, -7, -7};
    bool got_work[3] = {true, true, true};
    size_t k;
    in[0] = date(2017, 9, 29);
    in[1] = date(2017, 10, 9);
    in[2] = date(2017, 2, 30);
    for (k = 0; k < 3; ++k) got[k] = date(1999, 1, 1);
    CHECK(onetrip_calendar_add_workdays_n(china, in, 3, &twenty, 1, got) == ONETRIP_INVALID_ARGUMENT);
    CHECK(strstr(onetrip_last_error(), "start[2]") != NULL);
    CHECK(strstr(onetrip_last_error(), "2017-02-30 is not a date") != NULL);
    for (k = 0; k < 3; ++k) CHECK(same(got[k], date(1999, 1, 1)));
    CHECK(onetrip_calendar_is_workday_n(china, in, 3, got_work) == ONETRIP_INVALID_ARGUMENT);
    CHECK(got_work[0] && got_work[1] && got_work[2]);
    in[2] = date(2026, 12, 28);
    CHECK(onetrip_calendar_add_workdays_n(china, in, 3, &twenty, 1, got) == ONETRIP_OUT_OF_RANGE);
    CHECK(strstr(onetrip_last_error(), "start[2]") != NULL);
    for (k = 0; k < 3; ++k) CHECK(same(got[k], date(1999, 1, 1)));
    CHECK(onetrip_calendar_count_workdays_n(china, in, 3, &beyond, 1, got_counts) == ONETRIP_OUT_OF_RANGE);
    CHECK(strstr(onetrip_last_error(), "start[0], end[0]: 2027-01-01") != NULL);
    CHECK(got_counts[0] == -7 && got_counts[1] == -7 && got_counts[2] == -7);
    /* n_count is 1 or count; NULL arrays only with count 0. */
    CHECK(onetrip_calendar_add_workdays_n(china, in, 3, n, 2, got) == ONETRIP_INVALID_ARGUMENT);
    CHECK(strstr(onetrip_last_error(), "n_count is 2") != NULL);
    CHECK(onetrip_calendar_add_workdays_n(china, in, 3, NULL, 1, got) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_calendar_add_workdays_n(china, NULL, 3, n, 3, got) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_calendar_is_workday_n(china, in, 3, NULL) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_calendar_count_workdays_n(NULL, in, 3, ends, 3, got_counts) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_calendar_add_workdays_n(china, NULL, 0, NULL, 0, NULL) == ONETRIP_OK);
    CHECK(onetrip_calendar_is_workday_n(china, NULL, 0, NULL) == ONETRIP_OK);
    for (k = 0; k < 3; ++k) CHECK(same(got[k], date(1999, 1, 1)));
  }
  onetrip_calendar_free(china);
}

/* Every date of the years 1400-9999 through the scalar calls: on a calendar
 * that works every day, next_workday is the next civil date and the count
 * from the first day is the number of days between (the C ABI's own
 * year/month/day arithmetic checked both ways against a plain increment). */
static void test_every_date(void) {
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  onetrip_calendar* every = NULL;
  static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  onetrip_date d = date(1400, 1, 1);
  int32_t index = 0;
  int bad = 0;
  rules.first = date(1400, 1, 1);
  rules.last = date(9999, 12, 31);
  rules.weekday_mask = 0x7F;
  CHECK(onetrip_calendar_from_rules(&rules, &every) == ONETRIP_OK);
  while (!(d.year == 9999 && d.month == 12 && d.day == 31)) {
    const int leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int last_day = month_days[d.month - 1] + (d.month == 2 && leap);
    onetrip_date expected = d, next;
    int32_t count = -1;
    if (++expected.day > last_day) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
    ++index;
    if (onetrip_calendar_next_workday(every, d, &next) != ONETRIP_OK || !same(next, expected) ||
        onetrip_calendar_count_workdays(every, rules.first, expected, &count) != ONETRIP_OK || count != index) {
      if (++bad <= 3) fprintf(stderr, "%04d-%02d-%02d\n", (int)d.year, (int)d.month, (int)d.day);
    }
    d = expected;
  }
  CHECK(bad == 0);
  CHECK(index == 3141084);
  onetrip_calendar_free(every);
}

/* Every way a date can fail to be one, inside the calendar's years and
 * around them (the C ABI converts dates by table there and by arithmetic
 * elsewhere): each scalar call refuses it as INVALID_ARGUMENT naming the
 * argument and leaves the output as it was; a real date outside the coverage
 * is OUT_OF_RANGE; the last day of every month of the coverage is a date. */
static void test_not_dates(void) {
  static const int32_t years[] = {INT32_MIN, -1,   0,    1399, 1400, 2006,  2007,
                                  2017,      2020, 2026, 2027, 9999, 10000, INT32_MAX};
  static const int32_t months[] = {INT32_MIN, -1, 0, 1, 2, 12, 13, 16, INT32_MAX};
  static const int32_t days[] = {INT32_MIN, -1, 0, 1, 28, 29, 30, 31, 32, INT32_MAX};
  static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  onetrip_calendar* china = NULL;
  onetrip_date first, last;
  size_t y, m, k;
  int bad = 0;
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  CHECK(onetrip_calendar_coverage(china, &first, &last) == ONETRIP_OK);
  for (y = 0; y < sizeof years / sizeof years[0]; ++y) {
    for (m = 0; m < sizeof months / sizeof months[0]; ++m) {
      for (k = 0; k < sizeof days / sizeof days[0]; ++k) {
        const onetrip_date d = {years[y], months[m], days[k]};
        const int32_t year = d.year;
        const int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        const int valid = year >= 1400 && year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
                          d.day <= month_days[d.month - 1] + (d.month == 2 && leap);
        const int inside = valid && year >= first.year && year <= last.year;
        const onetrip_status expected = !valid ? ONETRIP_INVALID_ARGUMENT : inside ? ONETRIP_OK : ONETRIP_OUT_OF_RANGE;
        onetrip_date out = {7, 7, 7};
        int32_t count = -7;
        bool work = false;
        if (onetrip_calendar_add_workdays(china, d, 0, &out) != expected ||
            onetrip_calendar_is_workday(china, d, &work) != expected ||
            onetrip_calendar_count_workdays(china, d, d, &count) != expected) {
          if (++bad <= 3) fprintf(stderr, "%d-%d-%d\n", (int)d.year, (int)d.month, (int)d.day);
        }
        if (expected == ONETRIP_OK && (!same(out, d) || count != 0)) ++bad;
        if (expected != ONETRIP_OK) {
          onetrip_calendar_add_workdays(china, d, 1, &out);
          if (out.year != 7 || out.month != 7 || out.day != 7) ++bad;
          if (expected == ONETRIP_INVALID_ARGUMENT && strncmp(onetrip_last_error(), "date: ", 6) != 0) ++bad;
        }
      }
    }
  }
  for (y = (size_t)first.year; y <= (size_t)last.year; ++y) {
    for (m = 1; m <= 12; ++m) {
      const int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      const onetrip_date d = {(int32_t)y, (int32_t)m, month_days[m - 1] + (m == 2 && leap)};
      const onetrip_date after = {d.year, d.month, d.day + 1};
      bool work = false;
      if (onetrip_calendar_is_workday(china, d, &work) != ONETRIP_OK ||
          onetrip_calendar_is_workday(china, after, &work) != ONETRIP_INVALID_ARGUMENT) {
        ++bad;
      }
    }
  }
  CHECK(bad == 0);
  onetrip_calendar_free(china);
}

/* What NumPy, pandas and chinese_calendar users look for: busday_offset's roll
 * modes, busday_count's half-open convention, the days of a range, the
 * weekmask text; and a makeup day only where the notice makes one. */
static void test_numpy_conventions(void) {
  onetrip_calendar* china = NULL;
  onetrip_date d = {0, 0, 0}, before = {0, 0, 0}, dates[16];
  int32_t count = 0;
  size_t n = 0;
  uint32_t mask = 0;
  onetrip_day_kind kind = ONETRIP_DAY_HOLIDAY;
  onetrip_special_day days[4];
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  CHECK(onetrip_calendar_offset(china, date(2017, 10, 3), 0, ONETRIP_ROLL_FORWARD, &d) == ONETRIP_OK);
  CHECK(same(d, date(2017, 10, 9)));
  CHECK(onetrip_calendar_offset(china, date(2017, 10, 3), -1, ONETRIP_ROLL_BACKWARD, &d) == ONETRIP_OK);
  CHECK(same(d, date(2017, 9, 29)));
  CHECK(onetrip_calendar_offset(china, date(2017, 12, 30), 0, ONETRIP_ROLL_MODIFIED_FOLLOWING, &d) == ONETRIP_OK);
  CHECK(same(d, date(2017, 12, 29)));
  CHECK(onetrip_calendar_offset(china, date(2017, 10, 1), 0, ONETRIP_ROLL_MODIFIED_PRECEDING, &d) == ONETRIP_OK);
  CHECK(same(d, date(2017, 10, 9)));
  before = d;
  CHECK(onetrip_calendar_offset(china, date(2017, 10, 3), 1, ONETRIP_ROLL_RAISE, &d) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "2017-10-03 is not a working day") != NULL && same(d, before));
  CHECK(onetrip_calendar_offset(china, date(2017, 10, 3), 1, (onetrip_roll)9, &d) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_calendar_count_workdays_convention(china, date(2017, 10, 1), date(2017, 10, 10),
                                                   ONETRIP_COUNT_HALF_OPEN, &count) == ONETRIP_OK &&
        count == 1);
  CHECK(onetrip_calendar_count_workdays_convention(china, date(2017, 10, 1), date(2017, 10, 10), ONETRIP_COUNT_LEGAL,
                                                   &count) == ONETRIP_OK &&
        count == 2);
  CHECK(onetrip_calendar_days(china, date(2017, 9, 29), date(2017, 10, 9), ONETRIP_DAYS_WORKING, NULL, 0, &n) ==
            ONETRIP_OK &&
        n == 3);
  CHECK(onetrip_calendar_days(china, date(2017, 9, 29), date(2017, 10, 9), ONETRIP_DAYS_OFF, dates, 16, &n) ==
            ONETRIP_OK &&
        n == 8 && same(dates[0], date(2017, 10, 1)));
  CHECK(onetrip_calendar_days(china, date(2017, 9, 29), date(2017, 10, 9), ONETRIP_DAYS_OFF, dates, 2, &n) ==
        ONETRIP_RESOURCE_EXHAUSTED);
  CHECK(onetrip_calendar_special_days_between(china, date(2017, 9, 30), date(2017, 10, 2), days, 4, &n) == ONETRIP_OK &&
        n == 3 && !days[0].off && strcmp(days[1].name, "中秋节、国庆节") == 0);
  CHECK(onetrip_weekmask_parse("1111110", 7, &mask) == ONETRIP_OK && mask == 0x3F);
  CHECK(onetrip_weekmask_parse("Mon Tue", 7, &mask) == ONETRIP_OK && mask == 0x03);
  CHECK(onetrip_weekmask_parse("0000000", 7, &mask) == ONETRIP_INVALID_ARGUMENT && mask == 0x03);
  /* The day-number forms: days since 1970-01-01, as NumPy's datetime64[D]. 2017-09-29 is day 17438. */
  {
    int64_t day = -1;
    bool work = false;
    CHECK(onetrip_calendar_add_workdays_epoch(china, 17438, 20, &day) == ONETRIP_OK && day == 17472); /* 11-02 */
    CHECK(onetrip_calendar_is_workday_epoch(china, 17439, &work) == ONETRIP_OK && work);              /* 09-30 */
    CHECK(onetrip_calendar_count_workdays_epoch(china, 17438, 17472, &count) == ONETRIP_OK && count == 20);
    CHECK(onetrip_calendar_add_workdays_epoch(china, 20819, 1, &day) == ONETRIP_OUT_OF_RANGE && day == 17472);
    CHECK(strstr(onetrip_last_error(), "2027-01-01") != NULL);
    CHECK(onetrip_calendar_add_workdays_epoch(china, INT64_MIN, 1, &day) == ONETRIP_INVALID_ARGUMENT && day == 17472);
    CHECK(onetrip_calendar_is_workday_epoch(china, INT64_MAX, &work) == ONETRIP_INVALID_ARGUMENT && work);
    CHECK(onetrip_calendar_count_workdays_epoch(NULL, 17438, 17472, &count) == ONETRIP_INVALID_ARGUMENT);
  }
  /* 2020-02-03, a Monday listed after the extended Spring Festival, is an ordinary working day. */
  CHECK(onetrip_calendar_day_kind(china, date(2020, 2, 3), &kind, NULL) == ONETRIP_OK && kind == ONETRIP_DAY_WORKDAY);
  onetrip_calendar_free(china);
}

/* The scalar calls on onetrip_date are answered from tables the handle builds
 * (the calendar's answer per day of its years); the day-number forms ask the
 * calendar itself. Both must agree on every day of the coverage and around
 * it, for steps that stay inside, leave it, and cross many years, on the
 * official calendar and on one whose coverage begins and ends inside a year. */
static int64_t days_from_civil(int32_t y, int32_t m, int32_t d) {
  const int64_t yy = y - (m <= 2);
  const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  const int64_t yoe = yy - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static onetrip_date civil_from_days(int64_t z) {
  const int64_t zz = z + 719468;
  const int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
  const int64_t doe = zz - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int32_t d = (int32_t)(doy - (153 * mp + 2) / 5 + 1);
  const int32_t m = (int32_t)(mp < 10 ? mp + 3 : mp - 9);
  return date((int32_t)(yoe + era * 400 + (m <= 2)), m, d);
}

static int agree_around_coverage(const onetrip_calendar* calendar) {
  static const int32_t steps[] = {-5000, -400, -21, -2, -1, 0, 1, 2, 20, 400, 5000};
  onetrip_date first, last;
  int64_t day, from, to;
  size_t k;
  int bad = 0;
  CHECK(onetrip_calendar_coverage(calendar, &first, &last) == ONETRIP_OK);
  from = days_from_civil(first.year, first.month, first.day) - 40;
  to = days_from_civil(last.year, last.month, last.day) + 40;
  for (day = from; day <= to; ++day) {
    const onetrip_date d = civil_from_days(day);
    bool work = false, work_epoch = false;
    const onetrip_status s = onetrip_calendar_is_workday(calendar, d, &work);
    onetrip_day_kind kind = ONETRIP_DAY_WORKDAY;
    onetrip_date rolled = {0, 0, 0};
    if (s != onetrip_calendar_is_workday_epoch(calendar, day, &work_epoch) || work != work_epoch) ++bad;
    if (onetrip_calendar_day_kind(calendar, d, &kind, NULL) != s ||
        (s == ONETRIP_OK && work != (kind == ONETRIP_DAY_WORKDAY || kind == ONETRIP_DAY_MAKEUP_WORKDAY))) {
      ++bad;
    }
    for (k = 0; k < sizeof steps / sizeof steps[0]; ++k) {
      onetrip_date out = {7, 7, 7};
      int64_t out_epoch = 7;
      const onetrip_status a = onetrip_calendar_add_workdays(calendar, d, steps[k], &out);
      if (a != onetrip_calendar_add_workdays_epoch(calendar, day, steps[k], &out_epoch)) ++bad;
      if (a == ONETRIP_OK && !same(out, civil_from_days(out_epoch))) ++bad;
      if (a != ONETRIP_OK && !same(out, date(7, 7, 7))) ++bad;
    }
    for (k = 0; k < sizeof steps / sizeof steps[0]; ++k) {
      int32_t count = -7, count_epoch = -8;
      const onetrip_status c = onetrip_calendar_count_workdays(calendar, d, civil_from_days(day + steps[k]), &count);
      if (c != onetrip_calendar_count_workdays_epoch(calendar, day, day + steps[k], &count_epoch)) ++bad;
      if (c == ONETRIP_OK && count != count_epoch) ++bad;
      if (c != ONETRIP_OK && count != -7) ++bad;
    }
    if (s == ONETRIP_OK && onetrip_calendar_roll_forward(calendar, d, &rolled) == ONETRIP_OK) {
      onetrip_date next;
      if (work ? !same(rolled, d)
               : onetrip_calendar_next_workday(calendar, d, &next) != ONETRIP_OK || !same(rolled, next)) {
        ++bad;
      }
    }
    if (bad != 0) {
      fprintf(stderr, "disagree on %04d-%02d-%02d\n", (int)d.year, (int)d.month, (int)d.day);
      return bad;
    }
  }
  return bad;
}

static void test_tables_agree(void) {
  onetrip_calendar* china = NULL;
  onetrip_calendar* custom = NULL;
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  const onetrip_date holidays[] = {{2017, 10, 2}, {2017, 10, 3}};
  const onetrip_date makeup[] = {{2017, 10, 8}}; /* a Sunday */
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  CHECK(agree_around_coverage(china) == 0);
  rules.first = date(2016, 3, 15);
  rules.last = date(2018, 10, 20);
  rules.weekday_mask = 0x3F; /* Monday to Saturday */
  rules.holidays = holidays;
  rules.holiday_count = 2;
  rules.makeup_workdays = makeup;
  rules.makeup_workday_count = 1;
  CHECK(onetrip_calendar_from_rules(&rules, &custom) == ONETRIP_OK);
  CHECK(agree_around_coverage(custom) == 0);
  onetrip_calendar_free(custom);
  onetrip_calendar_free(china);
}

int main(void) {
  test_version();
  test_china();
  test_json();
  test_rules();
  test_batches();
  test_every_date();
  test_not_dates();
  test_numpy_conventions();
  test_tables_agree();
  return report_checks();
}
