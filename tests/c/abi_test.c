/* The binary promise of the versioned structs, from C: every
 * onetrip_<struct>_init gives what its _INIT macro gives; a program built
 * against the first release's struct layouts (copied below, as an old binary
 * has them) runs the whole path and gets the same answers as one built
 * against this header; a struct_size that is no released size (below the
 * first release, past this header's, or cutting a field in two) is
 * ONETRIP_INVALID_ARGUMENT and changes nothing; a failed batch writes nothing;
 * messages are valid UTF-8 whatever the input held; ids holding U+0000 are
 * refused at load. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

/* ---- every versioned struct: its init function and its _INIT macro --------------- */

/* clang-format off */
#define VERSIONED_STRUCTS(X) \
  X(calendar_rules, CALENDAR_RULES) \
  X(generator_options, GENERATOR_OPTIONS) \
  X(catalog_counts, CATALOG_COUNTS) \
  X(hall_info, HALL_INFO) \
  X(department_info, DEPARTMENT_INFO) \
  X(material_info, MATERIAL_INFO) \
  X(matter_info, MATTER_INFO) \
  X(material_use, MATERIAL_USE) \
  X(bundle_info, BUNDLE_INFO) \
  X(bundle_edge, BUNDLE_EDGE) \
  X(trip_options, TRIP_OPTIONS) \
  X(trips_summary, TRIPS_SUMMARY) \
  X(trip_info, TRIP_INFO) \
  X(need_info, NEED_INFO) \
  X(matter_due_info, MATTER_DUE_INFO) \
  X(schedule_summary, SCHEDULE_SUMMARY) \
  X(member_schedule, MEMBER_SCHEDULE) \
  X(evaluation_buffers, EVALUATION_BUFFERS) \
  X(evaluate_options, EVALUATE_OPTIONS) \
  X(indicators, INDICATORS) \
  X(finding, FINDING) \
  X(compare_options, COMPARE_OPTIONS) \
  X(comparison_totals, COMPARISON_TOTALS) \
  X(delta, DELTA) \
  X(department_savings, DEPARTMENT_SAVINGS) \
  X(clock_options, CLOCK_OPTIONS) \
  X(clock_state, CLOCK_STATE) \
  X(case_columns, CASE_COLUMNS)
/* clang-format on */

/* The init function fills exactly what the macro does (a static object's
 * padding is zero, as the library's defaults are); a size that is none of the
 * struct's is refused and leaves the struct as it was. */
#define CHECK_INIT(lower, UPPER)                                                                            \
  {                                                                                                         \
    static const onetrip_##lower macro = ONETRIP_##UPPER##_INIT;                                            \
    onetrip_##lower made;                                                                                   \
    onetrip_##lower before;                                                                                 \
    const uint32_t bad[] = {0, 5, 12, (uint32_t)sizeof(made) - 1, (uint32_t)sizeof(made) + 8, 0xFFFFFFFFu}; \
    size_t i;                                                                                               \
    memset(&made, 0xAB, sizeof made);                                                                       \
    CHECK(onetrip_##lower##_init(&made, (uint32_t)sizeof made) == ONETRIP_OK);                              \
    CHECK(memcmp(&made, &macro, sizeof made) == 0);                                                         \
    memcpy(&before, &made, sizeof made);                                                                    \
    for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {                                                      \
      CHECK(onetrip_##lower##_init(&made, bad[i]) == ONETRIP_INVALID_ARGUMENT);                             \
      CHECK(strstr(onetrip_last_error(), "ONETRIP_" #UPPER "_INIT") != NULL);                               \
      CHECK(memcmp(&made, &before, sizeof made) == 0);                                                      \
    }                                                                                                       \
    CHECK(onetrip_##lower##_init(NULL, (uint32_t)sizeof made) == ONETRIP_INVALID_ARGUMENT);                 \
    ++structs;                                                                                              \
  }

static void test_init_functions(void) {
  int structs = 0;
  VERSIONED_STRUCTS(CHECK_INIT)
  CHECK(structs == 28);
}

/* ---- the first release's layouts, as a binary built against 0.1.0 has them --------- */

/* Copied from onetrip.h 0.1.0 (abi/onetrip-0.dump). Later releases only
 * append fields to these structs; these copies stay as they are. */
typedef struct v010_catalog_counts {
  uint32_t struct_size;
  size_t halls, departments, materials, matters, bundles;
} v010_catalog_counts;

typedef struct v010_hall_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  const char* address;
  onetrip_hall_kind kind;
} v010_hall_info;

typedef struct v010_evaluate_options {
  uint32_t struct_size;
  const onetrip_date* start;
  uint32_t threads;
} v010_evaluate_options;

typedef struct v010_evaluation_buffers {
  uint32_t struct_size;
  size_t matter_capacity;
  int32_t* matter_trips;
  int32_t* matter_worst_case;
  int32_t* matter_window_contacts;
  int32_t* matter_workdays;
  onetrip_date* matter_due;
  size_t bundle_capacity;
  int32_t* bundle_trips;
  int32_t* bundle_worst_case;
  int32_t* bundle_workdays;
  onetrip_date* bundle_due;
} v010_evaluation_buffers;

typedef struct v010_trips_summary {
  uint32_t struct_size;
  int32_t trips;
  int32_t worst_case;
  int32_t window_contacts;
  size_t trip_count;
  int32_t worst_case_matter;
} v010_trips_summary;

typedef struct v010_schedule_summary {
  uint32_t struct_size;
  int32_t workdays;
  bool over_joint_limit;
  bool approximate;
  bool has_due;
  onetrip_date due;
  size_t member_count;
  const uint32_t* critical_path;
  size_t critical_path_length;
} v010_schedule_summary;

typedef struct v010_clock_state {
  uint32_t struct_size;
  onetrip_clock_status status;
  onetrip_warning_level level;
  onetrip_date due;
  int32_t limit;
  int32_t elapsed;
  int32_t remaining;
  int32_t paused_days;
  bool completed;
  onetrip_date completed_on;
} v010_clock_state;

typedef struct v010_compare_options {
  uint32_t struct_size;
  uint32_t threads;
} v010_compare_options;

typedef struct v010_comparison_totals {
  uint32_t struct_size;
  int32_t matters_changed;
  int32_t bundles_changed;
  double trips_saved;
  double worst_case_saved;
  double days_saved;
  double share_at_most_one_trip_before;
  double share_at_most_one_trip_after;
  double mean_trips_before;
  double mean_trips_after;
  size_t matter_count;
  size_t bundle_count;
  size_t department_count;
} v010_comparison_totals;

typedef struct v010_calendar_rules {
  uint32_t struct_size;
  onetrip_date first;
  onetrip_date last;
  uint32_t weekday_mask;
  const onetrip_date* holidays;
  size_t holiday_count;
  const onetrip_date* makeup_workdays;
  size_t makeup_workday_count;
  const char* name;
} v010_calendar_rules;

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
/* The sizes abi/onetrip-0.dump records (x86_64): the copies are faithful. */
typedef char
    v010_sizes_match_the_baseline[(sizeof(v010_catalog_counts) == 48 && sizeof(v010_hall_info) == 40 &&
                                   sizeof(v010_evaluate_options) == 24 && sizeof(v010_evaluation_buffers) == 96 &&
                                   sizeof(v010_trips_summary) == 32 && sizeof(v010_schedule_summary) == 48 &&
                                   sizeof(v010_clock_state) == 56 && sizeof(v010_compare_options) == 8 &&
                                   sizeof(v010_comparison_totals) == 96 && sizeof(v010_calendar_rules) == 72)
                                      ? 1
                                      : -1];
#endif

/* The same path with the 0.1.0 layouts and with this header's: the same answers. */
static void test_released_layouts(const onetrip_catalog* catalog, const onetrip_calendar* china) {
  v010_catalog_counts old_counts;
  onetrip_catalog_counts counts = ONETRIP_CATALOG_COUNTS_INIT;
  v010_hall_info old_hall;
  onetrip_hall_info hall = ONETRIP_HALL_INFO_INIT;
  v010_evaluate_options old_options;
  onetrip_evaluate_options options = ONETRIP_EVALUATE_OPTIONS_INIT;
  v010_evaluation_buffers old_buffers;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  v010_trips_summary old_summary;
  onetrip_trips_summary summary = ONETRIP_TRIPS_SUMMARY_INIT;
  v010_schedule_summary old_schedule;
  onetrip_schedule_summary schedule_summary = ONETRIP_SCHEDULE_SUMMARY_INIT;
  v010_compare_options old_compare;
  v010_comparison_totals old_totals;
  onetrip_comparison_totals totals = ONETRIP_COMPARISON_TOTALS_INIT;
  v010_calendar_rules old_rules;
  onetrip_trips* trips = NULL;
  onetrip_schedule* schedule = NULL;
  onetrip_comparison* comparison = NULL;
  onetrip_calendar* custom = NULL;
  onetrip_date start = date(2017, 7, 3);
  onetrip_date due;
  int32_t* old_trips;
  int32_t* trips_now;
  onetrip_date* old_due;
  onetrip_date* due_now;
  size_t i;

  memset(&old_counts, 0, sizeof old_counts);
  old_counts.struct_size = sizeof old_counts;
  CHECK(onetrip_catalog_counts_get(catalog, (onetrip_catalog_counts*)&old_counts) == ONETRIP_OK);
  CHECK(onetrip_catalog_counts_get(catalog, &counts) == ONETRIP_OK);
  CHECK(old_counts.struct_size == sizeof old_counts && old_counts.matters == counts.matters &&
        old_counts.bundles == counts.bundles && old_counts.halls == 8);

  memset(&old_hall, 0, sizeof old_hall);
  old_hall.struct_size = sizeof old_hall;
  CHECK(onetrip_catalog_hall(catalog, 7, (onetrip_hall_info*)&old_hall) == ONETRIP_OK);
  CHECK(onetrip_catalog_hall(catalog, 7, &hall) == ONETRIP_OK);
  CHECK(strcmp(old_hall.name, "泗门分中心") == 0 && strcmp(old_hall.name, hall.name) == 0 &&
        old_hall.kind == hall.kind);

  /* A whole-catalogue evaluation through the old option and buffer structs. */
  old_trips = (int32_t*)calloc(counts.matters, sizeof(int32_t));
  trips_now = (int32_t*)calloc(counts.matters, sizeof(int32_t));
  old_due = (onetrip_date*)calloc(counts.bundles, sizeof(onetrip_date));
  due_now = (onetrip_date*)calloc(counts.bundles, sizeof(onetrip_date));
  memset(&old_options, 0, sizeof old_options);
  old_options.struct_size = sizeof old_options;
  old_options.start = &start;
  old_options.threads = 2;
  memset(&old_buffers, 0, sizeof old_buffers);
  old_buffers.struct_size = sizeof old_buffers;
  old_buffers.matter_capacity = counts.matters;
  old_buffers.matter_trips = old_trips;
  old_buffers.bundle_capacity = counts.bundles;
  old_buffers.bundle_due = old_due;
  CHECK(onetrip_catalog_evaluate_v2(catalog, china, (const onetrip_evaluate_options*)&old_options,
                                    (onetrip_evaluation_buffers*)&old_buffers) == ONETRIP_OK);
  options.start = &start;
  buffers.matter_capacity = counts.matters;
  buffers.matter_trips = trips_now;
  buffers.bundle_capacity = counts.bundles;
  buffers.bundle_due = due_now;
  CHECK(onetrip_catalog_evaluate_v2(catalog, china, &options, &buffers) == ONETRIP_OK);
  CHECK(memcmp(old_trips, trips_now, counts.matters * sizeof(int32_t)) == 0);
  CHECK(memcmp(old_due, due_now, counts.bundles * sizeof(onetrip_date)) == 0);
  for (i = 0; i < counts.bundles; ++i) CHECK(old_due[i].year == 2017);
  free(old_trips);
  free(trips_now);
  free(old_due);
  free(due_now);

  /* Trips and a schedule of the 安监 pair. */
  CHECK(onetrip_trips_bundle(catalog, 0, NULL, &trips) == ONETRIP_OK);
  memset(&old_summary, 0, sizeof old_summary);
  old_summary.struct_size = sizeof old_summary;
  CHECK(onetrip_trips_summary_get(trips, (onetrip_trips_summary*)&old_summary) == ONETRIP_OK);
  CHECK(onetrip_trips_summary_get(trips, &summary) == ONETRIP_OK);
  CHECK(old_summary.trips == summary.trips && old_summary.worst_case == summary.worst_case &&
        old_summary.trip_count == summary.trip_count && old_summary.trips > 0);
  onetrip_trips_free(trips);
  CHECK(onetrip_schedule_bundle(catalog, 0, china, start, &schedule) == ONETRIP_OK);
  memset(&old_schedule, 0, sizeof old_schedule);
  old_schedule.struct_size = sizeof old_schedule;
  CHECK(onetrip_schedule_summary_get(schedule, (onetrip_schedule_summary*)&old_schedule) == ONETRIP_OK);
  CHECK(onetrip_schedule_summary_get(schedule, &schedule_summary) == ONETRIP_OK);
  CHECK(old_schedule.workdays == schedule_summary.workdays && old_schedule.has_due &&
        old_schedule.due.day == schedule_summary.due.day && old_schedule.workdays > 0);
  onetrip_schedule_free(schedule);

  /* A comparison with itself: nothing saved. */
  memset(&old_compare, 0, sizeof old_compare);
  old_compare.struct_size = sizeof old_compare;
  old_compare.threads = 1;
  CHECK(onetrip_compare_v2(catalog, catalog, NULL, 0, (const onetrip_compare_options*)&old_compare, &comparison) ==
        ONETRIP_OK);
  memset(&old_totals, 0, sizeof old_totals);
  old_totals.struct_size = sizeof old_totals;
  CHECK(onetrip_comparison_totals_get(comparison, (onetrip_comparison_totals*)&old_totals) == ONETRIP_OK);
  CHECK(onetrip_comparison_totals_get(comparison, &totals) == ONETRIP_OK);
  CHECK(old_totals.matters_changed == 0 && old_totals.trips_saved == 0 && old_totals.matter_count == counts.matters &&
        old_totals.mean_trips_before == totals.mean_trips_before);
  onetrip_comparison_free(comparison);

  /* A custom calendar from the old rules struct. */
  memset(&old_rules, 0, sizeof old_rules);
  old_rules.struct_size = sizeof old_rules;
  old_rules.first = date(2030, 1, 1);
  old_rules.last = date(2030, 12, 31);
  old_rules.weekday_mask = 0x1F;
  old_rules.name = "2030";
  CHECK(onetrip_calendar_from_rules((const onetrip_calendar_rules*)&old_rules, &custom) == ONETRIP_OK);
  CHECK(onetrip_calendar_add_workdays(custom, date(2030, 1, 4), 1, &due) == ONETRIP_OK);
  CHECK(due.month == 1 && due.day == 7); /* Friday + 1 = Monday */
  onetrip_calendar_free(custom);
}

/* A size within a struct's trailing padding names the same fields: the
 * library writes those and not one byte past the caller's size. */
static void test_short_size_writes_no_further(const onetrip_catalog* catalog) {
  unsigned char bytes[sizeof(onetrip_hall_info)];
  onetrip_hall_info* hall = (onetrip_hall_info*)(void*)bytes;
  const uint32_t fields = (uint32_t)(offsetof(onetrip_hall_info, kind) + sizeof(onetrip_hall_kind));
  const uint32_t size = (fields + 3u) / 4u * 4u;
  size_t i;
  int untouched = 1;
  if (size == sizeof(onetrip_hall_info)) return; /* no padding after kind on this platform */
  memset(bytes, 0xAB, sizeof bytes);
  hall->struct_size = size;
  CHECK(onetrip_catalog_hall(catalog, 0, hall) == ONETRIP_OK);
  CHECK(hall->struct_size == size && hall->kind == ONETRIP_HALL_CENTRE && strcmp(hall->id, "main") == 0);
  for (i = size; i < sizeof bytes; ++i) untouched = untouched && bytes[i] == 0xAB;
  CHECK(untouched);
}

/* ---- sizes that are no struct's: refused before any work, nothing changed --------- */

static void test_torn_sizes(const onetrip_catalog* catalog, const onetrip_calendar* china) {
  const uint32_t torn[] = {0, 5, 12, 4, 36 + 2};
  onetrip_hall_info hall = ONETRIP_HALL_INFO_INIT;
  onetrip_hall_info hall_before;
  onetrip_evaluate_options options = ONETRIP_EVALUATE_OPTIONS_INIT;
  onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  onetrip_trip_options trip_options = ONETRIP_TRIP_OPTIONS_INIT;
  onetrip_clock_options clock_options = ONETRIP_CLOCK_OPTIONS_INIT;
  onetrip_compare_options compare_options = ONETRIP_COMPARE_OPTIONS_INIT;
  onetrip_generator_options generator = ONETRIP_GENERATOR_OPTIONS_INIT;
  onetrip_clock_state state = ONETRIP_CLOCK_STATE_INIT;
  onetrip_clock_event accepted;
  onetrip_calendar* calendar = NULL;
  onetrip_catalog* generated = NULL;
  onetrip_trips* trips = NULL;
  onetrip_comparison* comparison = NULL;
  size_t i;

  accepted.kind = ONETRIP_CLOCK_ACCEPTED;
  accepted.date = date(2017, 7, 3);
  accepted.days = 5;
  accepted.reason = ONETRIP_PAUSE_SUPPLEMENT;
  rules.first = date(2030, 1, 1);
  rules.last = date(2030, 12, 31);
  for (i = 0; i < sizeof torn / sizeof torn[0]; ++i) {
    hall.struct_size = torn[i];
    memcpy(&hall_before, &hall, sizeof hall);
    CHECK(onetrip_catalog_hall(catalog, 0, &hall) == ONETRIP_INVALID_ARGUMENT);
    CHECK(memcmp(&hall, &hall_before, sizeof hall) == 0);
    CHECK(strstr(onetrip_last_error(), "out->struct_size") != NULL);

    options.struct_size = torn[i];
    CHECK(onetrip_catalog_evaluate_v2(catalog, china, &options, &buffers) == ONETRIP_INVALID_ARGUMENT);
    CHECK(strstr(onetrip_last_error(), "options->struct_size") != NULL);
    options.struct_size = sizeof options;
    buffers.struct_size = torn[i];
    CHECK(onetrip_catalog_evaluate_v2(catalog, china, &options, &buffers) == ONETRIP_INVALID_ARGUMENT);
    CHECK(strstr(onetrip_last_error(), "buffers->struct_size") != NULL);
    buffers.struct_size = sizeof buffers;

    rules.struct_size = torn[i];
    CHECK(onetrip_calendar_from_rules(&rules, &calendar) == ONETRIP_INVALID_ARGUMENT && calendar == NULL);
    trip_options.struct_size = torn[i];
    CHECK(onetrip_trips_matter(catalog, 0, &trip_options, &trips) == ONETRIP_INVALID_ARGUMENT && trips == NULL);
    clock_options.struct_size = torn[i];
    CHECK(onetrip_clock_state_get(china, &accepted, 1, date(2017, 7, 5), &clock_options, &state) ==
          ONETRIP_INVALID_ARGUMENT);
    compare_options.struct_size = torn[i];
    CHECK(onetrip_compare_v2(catalog, catalog, NULL, 0, &compare_options, &comparison) == ONETRIP_INVALID_ARGUMENT &&
          comparison == NULL);
    generator.struct_size = torn[i];
    CHECK(onetrip_catalog_generate(&generator, &generated) == ONETRIP_INVALID_ARGUMENT && generated == NULL);
  }
  /* A struct from a newer header than the library is refused too. */
  hall.struct_size = sizeof hall + 8;
  CHECK(onetrip_catalog_hall(catalog, 0, &hall) == ONETRIP_INVALID_ARGUMENT);
}

/* ---- a batch of case clocks: all or nothing, or a status per case ------------------ */

static void test_batch_changes_nothing_on_failure(const onetrip_calendar* china) {
  onetrip_clock_event events[3];
  size_t offsets[3] = {0, 1, 3};
  onetrip_clock_state states[2];
  onetrip_clock_state before[2];
  onetrip_status statuses[2] = {ONETRIP_UNKNOWN, ONETRIP_UNKNOWN};
  size_t bad_offsets[3] = {0, 2, 1};

  memset(events, 0, sizeof events);
  events[0].kind = ONETRIP_CLOCK_ACCEPTED;
  events[0].date = date(2017, 7, 3);
  events[0].days = 5;
  events[1] = events[0];
  events[2].kind = ONETRIP_CLOCK_RESUMED; /* without a pause: case 1 fails */
  events[2].date = date(2017, 7, 4);
  memset(states, 0xAB, sizeof states);
  states[0].struct_size = sizeof states[0];
  states[1].struct_size = sizeof states[1];
  memcpy(before, states, sizeof states);

  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 5), NULL, states, NULL) ==
        ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "case 1") != NULL);
  CHECK(memcmp(states, before, sizeof states) == 0); /* case 0 succeeded, yet nothing is written */

  CHECK(onetrip_clock_states_batch(china, events, bad_offsets, 2, date(2017, 7, 5), NULL, states, statuses) ==
        ONETRIP_INVALID_ARGUMENT);
  CHECK(memcmp(states, before, sizeof states) == 0 && statuses[0] == ONETRIP_UNKNOWN);

  states[1].struct_size = 12; /* elements initialised differently */
  CHECK(onetrip_clock_states_batch(china, events, offsets, 1, date(2017, 7, 5), NULL, states, NULL) == ONETRIP_OK);
  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 5), NULL, states, statuses) ==
        ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "out[1].struct_size") != NULL && statuses[0] == ONETRIP_UNKNOWN);
  states[1].struct_size = sizeof states[1];
  memcpy(before, states, sizeof states);

  /* With statuses: each case its own; the failed one is left as it was. */
  CHECK(onetrip_clock_states_batch(china, events, offsets, 2, date(2017, 7, 5), NULL, states, statuses) == ONETRIP_OK);
  CHECK(statuses[0] == ONETRIP_OK && statuses[1] == ONETRIP_INVALID_ARGUMENT);
  CHECK(states[0].struct_size == sizeof states[0] && states[0].limit == 5 && states[0].due.day == 10);
  CHECK(memcmp(&states[1], &before[1], sizeof states[1]) == 0);
}

/* ---- text out: always UTF-8; ids in: never holding NUL ---------------------------- */

/* Whether text is well-formed UTF-8 (RFC 3629). */
static int is_utf8(const char* text) {
  const unsigned char* s = (const unsigned char*)text;
  while (*s) {
    int n = 0;
    unsigned int cp;
    int i;
    if (*s < 0x80) {
      ++s;
      continue;
    }
    if ((*s & 0xE0) == 0xC0)
      n = 1, cp = *s & 0x1Fu;
    else if ((*s & 0xF0) == 0xE0)
      n = 2, cp = *s & 0x0Fu;
    else if ((*s & 0xF8) == 0xF0)
      n = 3, cp = *s & 0x07u;
    else
      return 0;
    for (i = 1; i <= n; ++i) {
      if ((s[i] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return 0;
    }
    s += n + 1;
  }
  return 1;
}

static void test_text(const onetrip_calendar* china) {
  onetrip_calendar_rules rules = ONETRIP_CALENDAR_RULES_INIT;
  onetrip_calendar* calendar = NULL;
  onetrip_catalog* catalog = NULL;
  onetrip_date out;
  const char* path = NULL;
  const char* message = NULL;
  static const char nul_id[] =
      "{\"schema\":\"onetrip/1\",\"halls\":[{\"id\":\"h\\u0000x\",\"name\":\"H\"}],\"departments\":[],"
      "\"materials\":[],\"matters\":[],\"bundles\":[]}";
  static const char bad_utf8[] = "{\"schema\":\"onetrip/1\",\"halls\":[{\"id\":\"h\xFF\xFE\",\"name\":\"H\"}]}";

  /* A rules name with bytes that are not UTF-8, quoted by a coverage error. */
  rules.first = date(2030, 1, 1);
  rules.last = date(2030, 12, 31);
  rules.name = "bad\xFF\xC0\xAF name";
  CHECK(onetrip_calendar_from_rules(&rules, &calendar) == ONETRIP_OK);
  CHECK(onetrip_calendar_add_workdays(calendar, date(2031, 3, 1), 1, &out) == ONETRIP_OUT_OF_RANGE);
  /* The library escapes the bytes it quotes (\xFF); the boundary would replace any left with U+FFFD. */
  CHECK(strstr(onetrip_last_error(), "bad\\xFF\\xC0\\xAF name") != NULL);
  CHECK(is_utf8(onetrip_last_error()));
  onetrip_calendar_free(calendar);

  CHECK(onetrip_catalog_load_json(bad_utf8, sizeof bad_utf8 - 1, &catalog) == ONETRIP_INVALID_ARGUMENT);
  CHECK(is_utf8(onetrip_last_error()));
  if (onetrip_last_problem_count() > 0 && onetrip_last_problem(0, &path, &message) == ONETRIP_OK) {
    CHECK(is_utf8(path) && is_utf8(message));
  }

  /* "h\0x" would read as "h" in C: refused, naming where. */
  CHECK(onetrip_catalog_load_json(nul_id, sizeof nul_id - 1, &catalog) == ONETRIP_INVALID_ARGUMENT && catalog == NULL);
  CHECK(onetrip_last_problem_count() >= 1);
  CHECK(onetrip_last_problem(0, &path, &message) == ONETRIP_OK && strcmp(path, "$.halls[0].id") == 0);
  (void)china;
}

int main(void) {
  char path[1024];
  onetrip_catalog* catalog = NULL;
  onetrip_calendar* china = NULL;
  snprintf(path, sizeof path, "%s/examples/yuyao-2017/catalog.json", ONETRIP_SOURCE_DIR);
  CHECK(onetrip_catalog_load_file(path, &catalog) == ONETRIP_OK);
  CHECK(onetrip_calendar_china(&china) == ONETRIP_OK);
  if (catalog == NULL || china == NULL) return report_checks();
  test_init_functions();
  test_released_layouts(catalog, china);
  test_short_size_writes_no_further(catalog);
  test_torn_sizes(catalog, china);
  test_batch_changes_nothing_on_failure(china);
  test_text(china);
  onetrip_catalog_free(catalog);
  onetrip_calendar_free(china);
  return report_checks();
}
