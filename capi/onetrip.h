/*
 * onetrip.h — the C ABI of onetrip, the library of government approval
 * services: trips, working-day deadlines and reforms.
 *
 * This header is the only binary-compatibility promise of the project (see
 * docs/api-stability.md). It is plain C99, includes only <stddef.h>,
 * <stdint.h> and <stdbool.h>, and compiles as C and as C++.
 *
 * Conventions
 * - Every fallible call returns an onetrip_status; ONETRIP_OK is 0. On failure
 *   onetrip_last_error() describes what and where, and the out-parameters are
 *   left as they were.
 * - Arguments: handle first, then inputs, then outputs (named out / out_*).
 *   A NULL handle or out-pointer is ONETRIP_INVALID_ARGUMENT, never a crash.
 * - Strings in are UTF-8 with a length. Strings out are borrowed (their
 *   lifetime is stated) or owned and freed with the library's own _free call.
 * - Handles are opaque; each one's thread rules are stated beside it.
 * - A struct that starts with uint32_t struct_size is versioned: fields are
 *   only ever appended. Initialise it with its _INIT macro or, from a language
 *   that cannot expand macros, its onetrip_<struct>_init(s, sizeof *s). The
 *   library accepts the struct_size of every released header (and reads or
 *   writes only the fields that size has); any other size, e.g. one that cuts
 *   a field in two, is ONETRIP_INVALID_ARGUMENT (docs/api-stability.md).
 */
#ifndef ONETRIP_H_
#define ONETRIP_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ONETRIP_VERSION_MAJOR 0
#define ONETRIP_VERSION_MINOR 1
#define ONETRIP_VERSION_PATCH 0
#define ONETRIP_VERSION_NUMBER (ONETRIP_VERSION_MAJOR * 10000 + ONETRIP_VERSION_MINOR * 100 + ONETRIP_VERSION_PATCH)
#define ONETRIP_VERSION_STRING "0.1.0"

#if defined(_WIN32)
#if defined(ONETRIP_BUILDING)
#define ONETRIP_API __declspec(dllexport)
#else
#define ONETRIP_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define ONETRIP_API __attribute__((visibility("default")))
#else
#define ONETRIP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status and errors ------------------------------------------------- */

/* The result of every fallible call. The values mirror absl::StatusCode and
 * are frozen: a value never changes meaning. */
typedef enum onetrip_status {
  ONETRIP_OK = 0,
  ONETRIP_CANCELLED = 1,
  ONETRIP_UNKNOWN = 2,
  ONETRIP_INVALID_ARGUMENT = 3,
  ONETRIP_DEADLINE_EXCEEDED = 4,
  ONETRIP_NOT_FOUND = 5,
  ONETRIP_ALREADY_EXISTS = 6,
  ONETRIP_PERMISSION_DENIED = 7,
  ONETRIP_RESOURCE_EXHAUSTED = 8,
  ONETRIP_FAILED_PRECONDITION = 9,
  ONETRIP_ABORTED = 10,
  ONETRIP_OUT_OF_RANGE = 11,
  ONETRIP_UNIMPLEMENTED = 12,
  ONETRIP_INTERNAL = 13,
  ONETRIP_UNAVAILABLE = 14,
  ONETRIP_DATA_LOSS = 15,
  ONETRIP_UNAUTHENTICATED = 16,
  ONETRIP_STATUS_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_STATUS_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_status;

/* The message of the last failed call on this thread ("" after a success).
 * Never NULL; owned by the library; valid until the next onetrip call on
 * this thread. */
ONETRIP_API const char* onetrip_last_error(void);

/* The name of a status ("ONETRIP_OUT_OF_RANGE"); "ONETRIP_UNKNOWN_STATUS" for
 * a value that is not one. A static string. */
ONETRIP_API const char* onetrip_status_name(onetrip_status status);

/* ---- version ----------------------------------------------------------- */

/* The library's version as a number (major * 10000 + minor * 100 + patch), to
 * compare with ONETRIP_VERSION_NUMBER of the header a program was compiled
 * with: a library older than the header may refuse its larger struct_size. */
ONETRIP_API int32_t onetrip_version_number(void);
/* The library's version as "major.minor.patch", as ONETRIP_VERSION_STRING. A
 * static string. */
ONETRIP_API const char* onetrip_version_string(void);

/* ---- dates -------------------------------------------------------------- */

/* A calendar date. A date that does not exist (2017-02-30) is refused with
 * ONETRIP_INVALID_ARGUMENT wherever it is passed. */
typedef struct onetrip_date {
  int32_t year;
  int32_t month; /* 1-12 */
  int32_t day;   /* 1-31 */
} onetrip_date;

/* ---- calendar ----------------------------------------------------------- */

/* A working-day calendar: Monday-Friday (or another weekday mask), minus
 * holidays, plus makeup working days, over a stated coverage. A date outside
 * the coverage is ONETRIP_OUT_OF_RANGE, never guessed.
 * Thread safety: immutable; one calendar may be used by any number of threads
 * at once. Only onetrip_calendar_free must not race with other uses. */
typedef struct onetrip_calendar onetrip_calendar;

/* What kind of day a date is. */
typedef enum onetrip_day_kind {
  ONETRIP_DAY_WORKDAY = 0, /* an ordinary working day */
  ONETRIP_DAY_WEEKEND = 1, /* an ordinary day off */
  ONETRIP_DAY_HOLIDAY = 2, /* a day off set by the rules */
  ONETRIP_DAY_MAKEUP_WORKDAY = 3 /* a working day on a usual day off (调休上班) */,
  ONETRIP_DAY_KIND_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_DAY_KIND_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_day_kind;

/* One day the rules change from the weekday default. */
typedef struct onetrip_special_day {
  onetrip_date date;
  bool off;         /* true: holiday; false: makeup working day */
  const char* name; /* UTF-8, borrowed from the calendar: valid while it lives */
} onetrip_special_day;

/* The rules of a custom calendar. Initialise with ONETRIP_CALENDAR_RULES_INIT;
 * fields are only ever appended. */
typedef struct onetrip_calendar_rules {
  uint32_t struct_size; /* sizeof(onetrip_calendar_rules) */
  onetrip_date first;   /* coverage, both ends included */
  onetrip_date last;
  uint32_t weekday_mask; /* bit 0 Monday ... bit 6 Sunday; 0x1F = Monday-Friday */
  const onetrip_date* holidays;
  size_t holiday_count;
  const onetrip_date* makeup_workdays;
  size_t makeup_workday_count;
  const char* name; /* UTF-8, NUL-terminated; may be NULL */
} onetrip_calendar_rules;

#define ONETRIP_CALENDAR_RULES_INIT \
  { (uint32_t)sizeof(onetrip_calendar_rules), {0, 0, 0}, {0, 0, 0}, 0x1Fu, NULL, 0, NULL, 0, NULL }
/* Sets *s to ONETRIP_CALENDAR_RULES_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_calendar_rules) in the caller's header. */
ONETRIP_API onetrip_status onetrip_calendar_rules_init(onetrip_calendar_rules* s, uint32_t struct_size);

/* The official calendar of China, from the State Council's yearly notices:
 * every date from 2007-01-01 to 2026-12-31. Free with onetrip_calendar_free. */
ONETRIP_API onetrip_status onetrip_calendar_china(onetrip_calendar** out);

/* A calendar from one year or an array of years in the public per-year JSON
 * format ({"year": 2027, "days": [{"name", "date", "isOffDay"}]}). Every
 * problem is reported in the message, each with its JSON path. */
ONETRIP_API onetrip_status onetrip_calendar_load_json(const char* utf8, size_t len, onetrip_calendar** out);

/* The same, from a file (path in UTF-8, NUL-terminated). */
ONETRIP_API onetrip_status onetrip_calendar_load_file(const char* path, onetrip_calendar** out);

/* A new calendar: base plus the years of the JSON (e.g. the China calendar
 * plus next year's notice). Listed dates override base; base is unchanged. */
ONETRIP_API onetrip_status onetrip_calendar_extend_json(const onetrip_calendar* base, const char* utf8, size_t len,
                                                        onetrip_calendar** out);

/* A custom calendar from rules. */
ONETRIP_API onetrip_status onetrip_calendar_from_rules(const onetrip_calendar_rules* rules, onetrip_calendar** out);

/* Frees a calendar; NULL is allowed and does nothing. */
ONETRIP_API void onetrip_calendar_free(onetrip_calendar* calendar);

/* The first and last date the calendar covers. */
ONETRIP_API onetrip_status onetrip_calendar_coverage(const onetrip_calendar* calendar, onetrip_date* out_first,
                                                     onetrip_date* out_last);

/* Whether date is a working day: *out true for a weekday of the mask or a
 * makeup working day, false for a day off or a holiday. */
ONETRIP_API onetrip_status onetrip_calendar_is_workday(const onetrip_calendar* calendar, onetrip_date date, bool* out);

/* The kind of a day and, for a holiday or makeup day, its name (borrowed from
 * the calendar; "" otherwise). out_name may be NULL. */
ONETRIP_API onetrip_status onetrip_calendar_day_kind(const onetrip_calendar* calendar, onetrip_date date,
                                                     onetrip_day_kind* out_kind, const char** out_name);

/* The n-th working day after start (n > 0), before it (n < 0), or start itself
 * (n = 0). The acceptance day is not counted: a 20-working-day limit from
 * acceptance day A ends on add_workdays(A, 20). */
ONETRIP_API onetrip_status onetrip_calendar_add_workdays(const onetrip_calendar* calendar, onetrip_date start,
                                                         int32_t n, onetrip_date* out);

/* The number of working days d with start < d <= end (negative if end < start). */
ONETRIP_API onetrip_status onetrip_calendar_count_workdays(const onetrip_calendar* calendar, onetrip_date start,
                                                           onetrip_date end, int32_t* out);

/* The first working day strictly after date. ONETRIP_OUT_OF_RANGE when the
 * coverage ends first. */
ONETRIP_API onetrip_status onetrip_calendar_next_workday(const onetrip_calendar* calendar, onetrip_date date,
                                                         onetrip_date* out);
/* The last working day strictly before date. ONETRIP_OUT_OF_RANGE when the
 * coverage begins after it. */
ONETRIP_API onetrip_status onetrip_calendar_previous_workday(const onetrip_calendar* calendar, onetrip_date date,
                                                             onetrip_date* out);
/* date itself if it is a working day, else the next working day. */
ONETRIP_API onetrip_status onetrip_calendar_roll_forward(const onetrip_calendar* calendar, onetrip_date date,
                                                         onetrip_date* out);

/* The same three queries on day numbers: days since 1970-01-01 (NumPy's
 * datetime64[D], Arrow's date32, a SQL DATE stored as days), for a caller that
 * holds dates that way: no year/month/day conversion in or out, so a call
 * costs what the C++ call does plus the boundary. A day outside the coverage
 * is ONETRIP_OUT_OF_RANGE naming it as a date; one outside the years
 * 1400-9999, or INT64_MIN (NaT), ONETRIP_INVALID_ARGUMENT. */
ONETRIP_API onetrip_status onetrip_calendar_is_workday_epoch(const onetrip_calendar* calendar, int64_t day, bool* out);
ONETRIP_API onetrip_status onetrip_calendar_add_workdays_epoch(const onetrip_calendar* calendar, int64_t start,
                                                               int32_t n, int64_t* out);
ONETRIP_API onetrip_status onetrip_calendar_count_workdays_epoch(const onetrip_calendar* calendar, int64_t start,
                                                                 int64_t end, int32_t* out);

/* The batch forms, for a caller that would loop over many dates: element i
 * is the scalar call on element i, each costing what the scalar call costs
 * without the boundary (and no allocation). count may be 0 (then the arrays
 * may be NULL). The first failing element fails the call with its status and
 * a message naming its index ("start[3]: 2017-02-30 is not a date: …"), and
 * then nothing is written to out: every element is checked before the first
 * is written. The arrays must not overlap out.
 * Thread safety: the calendar may be shared; the arrays are the caller's. */

/* out[i] = onetrip_calendar_add_workdays(start[i], n[n_count == 1 ? 0 : i]):
 * n_count is 1 (the same n for every date, e.g. one promised limit) or count. */
ONETRIP_API onetrip_status onetrip_calendar_add_workdays_n(const onetrip_calendar* calendar, const onetrip_date* start,
                                                           size_t count, const int32_t* n, size_t n_count,
                                                           onetrip_date* out);

/* out[i] = onetrip_calendar_count_workdays(start[i], end[end_count == 1 ? 0 :
 * i]): end_count is 1 (one end for every start, e.g. a report date) or count. */
ONETRIP_API onetrip_status onetrip_calendar_count_workdays_n(const onetrip_calendar* calendar,
                                                             const onetrip_date* start, size_t count,
                                                             const onetrip_date* end, size_t end_count, int32_t* out);

/* out[i] = onetrip_calendar_is_workday(dates[i]). */
ONETRIP_API onetrip_status onetrip_calendar_is_workday_n(const onetrip_calendar* calendar, const onetrip_date* dates,
                                                         size_t count, bool* out);

/* The holidays and makeup working days of a month, in date order.
 * *out_count receives how many there are. Call with out = NULL and
 * capacity = 0 to ask the size; a smaller non-zero capacity is
 * ONETRIP_RESOURCE_EXHAUSTED and writes nothing. */
ONETRIP_API onetrip_status onetrip_calendar_special_days(const onetrip_calendar* calendar, int32_t year, int32_t month,
                                                         onetrip_special_day* out, size_t capacity, size_t* out_count);

/* How onetrip_calendar_offset moves a date that is not a working day before
 * counting, as numpy.busday_offset's roll argument. */
typedef enum onetrip_roll {
  ONETRIP_ROLL_RAISE = 0,                   /* a day off is ONETRIP_INVALID_ARGUMENT */
  ONETRIP_ROLL_FORWARD = 1,                 /* the next working day ("following") */
  ONETRIP_ROLL_BACKWARD = 2,                /* the previous working day ("preceding") */
  ONETRIP_ROLL_MODIFIED_FOLLOWING = 3,      /* the next, unless it is in another month: then the previous */
  ONETRIP_ROLL_MODIFIED_PRECEDING = 4,      /* the previous, unless it is in another month: then the next */
  ONETRIP_ROLL_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_ROLL_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_roll;

/* numpy.busday_offset on the calendar: date moved to a working day by roll,
 * then n working days on (n = 0: the rolled date). */
ONETRIP_API onetrip_status onetrip_calendar_offset(const onetrip_calendar* calendar, onetrip_date date, int32_t n,
                                                   onetrip_roll roll, onetrip_date* out);

/* Which days a count between two dates takes. */
typedef enum onetrip_count_convention {
  ONETRIP_COUNT_LEGAL = 0,     /* start < d <= end, as onetrip_calendar_count_workdays */
  ONETRIP_COUNT_HALF_OPEN = 1, /* start <= d < end, as numpy.busday_count; end may be the day after the coverage */
  ONETRIP_COUNT_CONVENTION_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range */
  ONETRIP_COUNT_CONVENTION_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_count_convention;

/* The working days between start and end under a convention (negative if end < start). */
ONETRIP_API onetrip_status onetrip_calendar_count_workdays_convention(const onetrip_calendar* calendar,
                                                                      onetrip_date start, onetrip_date end,
                                                                      onetrip_count_convention convention,
                                                                      int32_t* out);

/* Which days onetrip_calendar_days lists. */
typedef enum onetrip_day_set {
  ONETRIP_DAYS_OFF = 0,                        /* weekends and holidays */
  ONETRIP_DAYS_WORKING = 1,                    /* working days, makeup working days among them */
  ONETRIP_DAY_SET_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_DAY_SET_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_day_set;

/* The days off or the working days from first to last (both included, both
 * inside the coverage), in date order; none when last is before first.
 * *out_count receives how many there are. Call with out = NULL and
 * capacity = 0 to ask the size; a smaller non-zero capacity is
 * ONETRIP_RESOURCE_EXHAUSTED and writes nothing. */
ONETRIP_API onetrip_status onetrip_calendar_days(const onetrip_calendar* calendar, onetrip_date first,
                                                 onetrip_date last, onetrip_day_set which, onetrip_date* out,
                                                 size_t capacity, size_t* out_count);

/* The holidays and makeup working days from first to last (both included),
 * with their names, in date order; sizes as onetrip_calendar_days. */
ONETRIP_API onetrip_status onetrip_calendar_special_days_between(const onetrip_calendar* calendar, onetrip_date first,
                                                                 onetrip_date last, onetrip_special_day* out,
                                                                 size_t capacity, size_t* out_count);

/* A weekday mask (bit 0 Monday ... bit 6 Sunday, as onetrip_calendar_rules)
 * from NumPy's weekmask text: seven '1'/'0' from Monday ("1111100") or day
 * abbreviations ("Mon Tue Wed Thu Fri"). */
ONETRIP_API onetrip_status onetrip_weekmask_parse(const char* utf8, size_t len, uint32_t* out_mask);

/* ---- problems ------------------------------------------------------------ */

/* The problems found by the last load or validation on this thread (each with
 * its JSON path or line): those of a failed load, or the rows a report skipped;
 * 0 after any other call. Reading them does not clear them; the next other
 * onetrip call does. */
ONETRIP_API size_t onetrip_last_problem_count(void);

/* Problem `index` of that list. Both strings are owned by the library and
 * valid until the next onetrip call on this thread, other than these two. */
ONETRIP_API onetrip_status onetrip_last_problem(size_t index, const char** out_path, const char** out_message);

/* ---- owned strings --------------------------------------------------------- */

/* Frees a string the library returned as owned (e.g. by
 * onetrip_catalog_save_json). NULL is allowed. */
ONETRIP_API void onetrip_string_free(char* text);

/* ---- catalogue ------------------------------------------------------------- */

/* A service catalogue: halls, departments, materials, matters and bundles,
 * validated and immutable.
 * Thread safety: immutable; one catalogue may be used by any number of threads
 * at once. Only onetrip_catalog_free must not race with other uses. Every
 * string and array a catalogue hands out is borrowed from it and valid while
 * it lives. */
typedef struct onetrip_catalog onetrip_catalog;

/* Enumerations of the catalogue; values are frozen. */
typedef enum onetrip_hall_kind {
  ONETRIP_HALL_CENTRE = 0,
  ONETRIP_HALL_SUBCENTRE = 1,
  ONETRIP_HALL_TOWNSHIP = 2,
  ONETRIP_HALL_KIND_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_HALL_KIND_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_hall_kind;
typedef enum onetrip_material_form {
  ONETRIP_FORM_PAPER = 0,
  ONETRIP_FORM_ELECTRONIC = 1,
  ONETRIP_FORM_EITHER = 2,
  ONETRIP_MATERIAL_FORM_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_MATERIAL_FORM_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_material_form;
typedef enum onetrip_material_source {
  ONETRIP_SOURCE_APPLICANT = 0,
  ONETRIP_SOURCE_GOVERNMENT = 1, /* can be shared instead of carried */
  ONETRIP_SOURCE_THIRD_PARTY = 2,
  ONETRIP_MATERIAL_SOURCE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_MATERIAL_SOURCE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_material_source;
typedef enum onetrip_necessity {
  ONETRIP_NECESSITY_REQUIRED = 0,
  ONETRIP_NECESSITY_OPTIONAL = 1,
  ONETRIP_NECESSITY_TOLERABLE = 2 /* 容缺后补 */,
  ONETRIP_NECESSITY_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_NECESSITY_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_necessity;
typedef enum onetrip_project_type {
  ONETRIP_IMMEDIATE = 0, /* 即办件 */
  ONETRIP_PROMISED = 1 /* 承诺件 */,
  ONETRIP_PROJECT_TYPE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_PROJECT_TYPE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_project_type;
typedef enum onetrip_limit_unit {
  ONETRIP_UNIT_WORKDAYS = 0,
  ONETRIP_UNIT_NATURAL_DAYS = 1,
  ONETRIP_UNIT_MONTHS = 2,
  ONETRIP_LIMIT_UNIT_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_LIMIT_UNIT_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_limit_unit;
typedef enum onetrip_online {
  ONETRIP_ONLINE_NONE = 0,
  ONETRIP_ONLINE_PRE_REVIEW = 1,
  ONETRIP_ONLINE_FULL = 2,
  ONETRIP_ONLINE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_ONLINE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_online;
typedef enum onetrip_edge_kind {
  ONETRIP_EDGE_APPLICANT = 0,
  ONETRIP_EDGE_INTERNAL = 1,
  ONETRIP_EDGE_KIND_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_EDGE_KIND_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_edge_kind;
typedef enum onetrip_acceptance {
  ONETRIP_ACCEPTANCE_SEPARATE = 0,
  ONETRIP_ACCEPTANCE_SINGLE_WINDOW = 1,
  ONETRIP_ACCEPTANCE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_ACCEPTANCE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_acceptance;
typedef enum onetrip_results {
  ONETRIP_RESULTS_EACH = 0,
  ONETRIP_RESULTS_TOGETHER = 1,
  ONETRIP_RESULTS_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_RESULTS_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_results;
typedef enum onetrip_entity {
  ONETRIP_ENTITY_HALL = 0,
  ONETRIP_ENTITY_DEPARTMENT = 1,
  ONETRIP_ENTITY_MATERIAL = 2,
  ONETRIP_ENTITY_MATTER = 3,
  ONETRIP_ENTITY_BUNDLE = 4,
  ONETRIP_ENTITY_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_ENTITY_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_entity;

/* Progress of a long call (loading a catalogue, the generator, the
 * whole-catalogue evaluation, comparison and apply, a report over CSV or
 * columns): called with `done` of `total` units of `phase` (a NUL-terminated
 * name valid during the call: "read", "check", "matters", "bundles", "rows",
 * "reforms", "compare", "before matters" …; docs/api-stability.md): once at 0
 * when a phase starts, about every 1/256 of it, and at total when it ends.
 * Always on the thread that made the call, never concurrently. Return 0 to go
 * on; anything else cancels: the call returns ONETRIP_CANCELLED, makes
 * nothing and leaves everything the caller holds (a report included) as it
 * was. A NULL callback is no progress. */
typedef int (*onetrip_progress_fn)(void* user_data, int64_t done, int64_t total, const char* phase);

/* Loads an "onetrip/1" JSON document (docs/catalog-format.md). On failure the
 * problems are listed by onetrip_last_problem_count / onetrip_last_problem. */
ONETRIP_API onetrip_status onetrip_catalog_load_json(const char* utf8, size_t len, onetrip_catalog** out);
/* The same, from a file (path in UTF-8, NUL-terminated); a file that cannot be
 * opened is ONETRIP_NOT_FOUND, one that cannot be read ONETRIP_DATA_LOSS. */
ONETRIP_API onetrip_status onetrip_catalog_load_file(const char* path, onetrip_catalog** out);
/* The same two with progress (phases "read", in bytes, and "check"); progress may be NULL. */
ONETRIP_API onetrip_status onetrip_catalog_load_json_with_progress(const char* utf8, size_t len,
                                                                   onetrip_progress_fn progress, void* progress_data,
                                                                   onetrip_catalog** out);
ONETRIP_API onetrip_status onetrip_catalog_load_file_with_progress(const char* path, onetrip_progress_fn progress,
                                                                   void* progress_data, onetrip_catalog** out);

/* A synthetic catalogue of realistic shape (docs/generator.md states the
 * distributions), deterministic for a seed: for tests and benchmarks at
 * province scale. INVALID_ARGUMENT for sizes out of range (matters 1..10^7). */
typedef struct onetrip_generator_options {
  uint32_t struct_size;
  uint64_t seed;
  int64_t matters;
  int32_t departments;
  int32_t halls;
  int32_t materials;
  int32_t bundle_members;
  double bundles_per_matter;
} onetrip_generator_options;
#define ONETRIP_GENERATOR_OPTIONS_INIT \
  { (uint32_t)sizeof(onetrip_generator_options), 1, 1000, 32, 20, 400, 10, 0.02 }
/* Sets *s to ONETRIP_GENERATOR_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_generator_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_generator_options_init(onetrip_generator_options* s, uint32_t struct_size);
/* A generated catalogue: options may be NULL for the defaults of
 * ONETRIP_GENERATOR_OPTIONS_INIT. Free it with onetrip_catalog_free. */
ONETRIP_API onetrip_status onetrip_catalog_generate(const onetrip_generator_options* options, onetrip_catalog** out);
/* The same with progress (phases "matters", "bundles", "check"); progress may be NULL. */
ONETRIP_API onetrip_status onetrip_catalog_generate_with_progress(const onetrip_generator_options* options,
                                                                  onetrip_progress_fn progress, void* progress_data,
                                                                  onetrip_catalog** out);

/* The canonical JSON of the catalogue, owned by the caller: free it with
 * onetrip_string_free. NUL-terminated; *out_len (if not NULL) is its length. */
ONETRIP_API onetrip_status onetrip_catalog_save_json(const onetrip_catalog* catalog, char** out_utf8, size_t* out_len);

/* ---- binary snapshot (docs/catalog-format.md, "Binary snapshot") ----------- */

/* A binary snapshot of the catalogue: versioned, little-endian, checksummed,
 * loaded by onetrip_catalog_load_snapshot many times faster than the JSON,
 * without the rules being checked again. *out_bytes is owned by the caller:
 * free it with onetrip_string_free; *out_len is its length in bytes (it holds
 * NUL bytes: read it by its length). */
ONETRIP_API onetrip_status onetrip_catalog_save_snapshot(const onetrip_catalog* catalog, char** out_bytes,
                                                         size_t* out_len);
/* The same, written to a file (path in UTF-8, NUL-terminated); a file that
 * cannot be created is ONETRIP_NOT_FOUND, one that cannot be written whole
 * ONETRIP_DATA_LOSS. */
ONETRIP_API onetrip_status onetrip_catalog_save_snapshot_file(const onetrip_catalog* catalog, const char* path);
/* The catalogue a snapshot holds, equal to the one saved. A snapshot of another
 * format version is ONETRIP_FAILED_PRECONDITION (the message says which version
 * it is and which this library reads); a bad checksum, a truncated snapshot, or
 * lengths, indices or values out of range are ONETRIP_INVALID_ARGUMENT, the
 * message (onetrip_last_error) naming what and where. Free the catalogue with
 * onetrip_catalog_free. */
ONETRIP_API onetrip_status onetrip_catalog_load_snapshot(const void* bytes, size_t len, onetrip_catalog** out);
/* The same, from a file (path in UTF-8, NUL-terminated); a file that cannot be
 * opened is ONETRIP_NOT_FOUND. */
ONETRIP_API onetrip_status onetrip_catalog_load_snapshot_file(const char* path, onetrip_catalog** out);
/* Whether `bytes` begin as a snapshot does, of any format version (its first
 * eight bytes), so that a caller given a file can tell a snapshot from the
 * JSON before loading it; *out is false for anything else, shorter input
 * included. It does not check the rest: loading does. */
ONETRIP_API onetrip_status onetrip_catalog_is_snapshot(const void* bytes, size_t len, bool* out);

/* Frees a catalogue; NULL is allowed. */
ONETRIP_API void onetrip_catalog_free(onetrip_catalog* catalog);

/* How many of each entity the catalogue holds. */
typedef struct onetrip_catalog_counts {
  uint32_t struct_size; /* sizeof(onetrip_catalog_counts) */
  size_t halls;
  size_t departments;
  size_t materials;
  size_t matters;
  size_t bundles;
} onetrip_catalog_counts;
#define ONETRIP_CATALOG_COUNTS_INIT \
  { (uint32_t)sizeof(onetrip_catalog_counts), 0, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_CATALOG_COUNTS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_catalog_counts) in the caller's header. */
ONETRIP_API onetrip_status onetrip_catalog_counts_init(onetrip_catalog_counts* s, uint32_t struct_size);
/* Fills *out (set out->struct_size first) with the catalogue's counts. */
ONETRIP_API onetrip_status onetrip_catalog_counts_get(const onetrip_catalog* catalog, onetrip_catalog_counts* out);

/* The index of an entity by its id (a matter by its code); ONETRIP_NOT_FOUND
 * when there is none. */
ONETRIP_API onetrip_status onetrip_catalog_find(const onetrip_catalog* catalog, onetrip_entity entity, const char* id,
                                                size_t id_len, uint32_t* out);

/* Per-index views. Each starts with struct_size: set it (the _INIT macros do)
 * and the library fills the fields it covers, so older callers keep working
 * when fields are appended. Strings and arrays are borrowed from the catalogue. */
typedef struct onetrip_hall_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  const char* address;
  onetrip_hall_kind kind;
} onetrip_hall_info;
#define ONETRIP_HALL_INFO_INIT \
  { (uint32_t)sizeof(onetrip_hall_info), NULL, NULL, NULL, ONETRIP_HALL_CENTRE }
/* Sets *s to ONETRIP_HALL_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_hall_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_hall_info_init(onetrip_hall_info* s, uint32_t struct_size);

typedef struct onetrip_department_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  const uint32_t* halls; /* hall indices */
  size_t hall_count;
} onetrip_department_info;
#define ONETRIP_DEPARTMENT_INFO_INIT \
  { (uint32_t)sizeof(onetrip_department_info), NULL, NULL, NULL, 0 }
/* Sets *s to ONETRIP_DEPARTMENT_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_department_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_department_info_init(onetrip_department_info* s, uint32_t struct_size);

typedef struct onetrip_material_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  onetrip_material_form form;
  bool original;
  onetrip_material_source source;
  const char* issuer;
  onetrip_necessity necessity;
  const char* condition; /* "" when it always applies */
  bool applies_by_default;
  bool shared; /* fetched by data sharing instead of carried */
} onetrip_material_info;
#define ONETRIP_MATERIAL_INFO_INIT                                                                                  \
  {                                                                                                                 \
    (uint32_t)sizeof(onetrip_material_info), NULL, NULL, ONETRIP_FORM_PAPER, false, ONETRIP_SOURCE_APPLICANT, NULL, \
        ONETRIP_NECESSITY_REQUIRED, NULL, true, false                                                               \
  }
/* Sets *s to ONETRIP_MATERIAL_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_material_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_material_info_init(onetrip_material_info* s, uint32_t struct_size);

/* When a fee is known (docs/rules.md); values are frozen. */
typedef enum onetrip_fee_kind {
  ONETRIP_FEE_FIXED = 0,                        /* known when applying: paid with the application */
  ONETRIP_FEE_ASSESSED = 1,                     /* set by the decision: paid when the result is handed over */
  ONETRIP_FEE_KIND_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_FEE_KIND_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_fee_kind;

/* How a bundle's bodies decide (第二十六、四十二条); values are frozen. */
typedef enum onetrip_joint_handling {
  ONETRIP_HANDLING_NONE = 0,                          /* each member keeps its own limit */
  ONETRIP_HANDLING_UNIFIED = 1,                       /* 统一办理 */
  ONETRIP_HANDLING_JOINT = 2,                         /* 联合办理 */
  ONETRIP_HANDLING_CENTRALIZED = 3,                   /* 集中办理 */
  ONETRIP_JOINT_HANDLING_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_JOINT_HANDLING_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_joint_handling;

typedef struct onetrip_matter_info {
  uint32_t struct_size;
  const char* code;
  const char* name;
  uint32_t department;
  int32_t kind;          /* the national category, in the order of docs/catalog-format.md */
  const char* kind_name; /* e.g. "行政许可" */
  onetrip_project_type project_type;
  bool has_legal_limit;
  int32_t legal_limit;
  onetrip_limit_unit legal_unit;
  int32_t promised_limit; /* 0 for an immediate matter */
  onetrip_limit_unit promised_unit;
  int64_t fee_fen;
  const uint32_t* halls;
  size_t hall_count;
  size_t material_count; /* see onetrip_catalog_matter_material */
  onetrip_online online;
  bool postal_application;
  bool express_delivery;
  bool electronic_licence;
  bool online_payment;
  bool tolerant_acceptance;
  int32_t site_inspection_days;   /* -1: no site inspection */
  const char* personal_presence;  /* "" when none */
  int32_t special_procedure_days; /* the sum over its special procedures */
  int32_t declared_trips;         /* -1: not declared */
  bool has_effective_from;
  onetrip_date effective_from;
  const char* note;
  /* 0.2 */
  onetrip_fee_kind fee_kind;
  int32_t issue_days;          /* 第四十四条 */
  int32_t extension_days;      /* a longer extension another law allows; 0: 第四十二条's 10 */
  const char* extension_basis; /* that law, cited; "" when none */
  /* validity (docs/catalog-format.md, "Validity"): its last day in force, both ends included */
  bool has_effective_until;
  onetrip_date effective_until;
  size_t period_count; /* periods of its fee and channels: see onetrip_catalog_matter_period */
} onetrip_matter_info;
#define ONETRIP_MATTER_INFO_INIT                                                                                      \
  {                                                                                                                   \
    (uint32_t)sizeof(onetrip_matter_info), NULL, NULL, 0, 0, NULL, ONETRIP_PROMISED, false, 0, ONETRIP_UNIT_WORKDAYS, \
        0, ONETRIP_UNIT_WORKDAYS, 0, NULL, 0, 0, ONETRIP_ONLINE_NONE, false, false, false, false, false, -1, NULL, 0, \
        -1, false, {0, 0, 0}, NULL, ONETRIP_FEE_FIXED, 0, 0, NULL, false, {0, 0, 0}, 0                                \
  }
/* Sets *s to ONETRIP_MATTER_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_matter_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_matter_info_init(onetrip_matter_info* s, uint32_t struct_size);

/* A material as one matter asks for it (the material's defaults with the
 * matter's overrides). */
typedef struct onetrip_material_use {
  uint32_t struct_size;
  uint32_t material; /* material index */
  onetrip_material_form form;
  bool original;
  onetrip_necessity necessity;
  const char* condition;
  bool applies_by_default;
  /* validity: the days the matter asks for it, both ends included; has_* false: an open end */
  bool has_effective_from;
  onetrip_date effective_from;
  bool has_effective_until;
  onetrip_date effective_until;
} onetrip_material_use;
#define ONETRIP_MATERIAL_USE_INIT                                                                                 \
  {                                                                                                               \
    (uint32_t)sizeof(onetrip_material_use), 0, ONETRIP_FORM_PAPER, false, ONETRIP_NECESSITY_REQUIRED, NULL, true, \
        false, {0, 0, 0}, false, {                                                                                \
      0, 0, 0                                                                                                     \
    }                                                                                                             \
  }
/* Sets *s to ONETRIP_MATERIAL_USE_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_material_use) in the caller's header. */
ONETRIP_API onetrip_status onetrip_material_use_init(onetrip_material_use* s, uint32_t struct_size);

typedef struct onetrip_bundle_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  uint32_t lead;           /* department index */
  const uint32_t* members; /* matter indices */
  size_t member_count;
  size_t edge_count; /* see onetrip_catalog_bundle_edge */
  onetrip_acceptance acceptance;
  bool joint_inspection;
  onetrip_results results;
  const char* note;
  /* 0.2 */
  onetrip_joint_handling handling;
  /* validity: the days the bundle is offered, both ends included; has_* false: an open end */
  bool has_effective_from;
  onetrip_date effective_from;
  bool has_effective_until;
  onetrip_date effective_until;
} onetrip_bundle_info;
#define ONETRIP_BUNDLE_INFO_INIT                                                                          \
  {                                                                                                       \
    (uint32_t)sizeof(onetrip_bundle_info), NULL, NULL, 0, NULL, 0, 0, ONETRIP_ACCEPTANCE_SEPARATE, false, \
        ONETRIP_RESULTS_EACH, NULL, ONETRIP_HANDLING_NONE, false, {0, 0, 0}, false, {                     \
      0, 0, 0                                                                                             \
    }                                                                                                     \
  }
/* Sets *s to ONETRIP_BUNDLE_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_bundle_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_bundle_info_init(onetrip_bundle_info* s, uint32_t struct_size);

/* `to` needs the result of `from`; both are positions in the bundle's members. */
typedef struct onetrip_bundle_edge {
  uint32_t struct_size;
  uint32_t from;
  uint32_t to;
  onetrip_edge_kind kind;
  int32_t days;
} onetrip_bundle_edge;
#define ONETRIP_BUNDLE_EDGE_INIT \
  { (uint32_t)sizeof(onetrip_bundle_edge), 0, 0, ONETRIP_EDGE_APPLICANT, 0 }
/* Sets *s to ONETRIP_BUNDLE_EDGE_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_bundle_edge) in the caller's header. */
ONETRIP_API onetrip_status onetrip_bundle_edge_init(onetrip_bundle_edge* s, uint32_t struct_size);

/* A field of a matter that holds for a period only (docs/catalog-format.md, "Validity"); values are frozen. */
typedef enum onetrip_dated_field {
  ONETRIP_DATED_FEE = 0,                           /* "fee" */
  ONETRIP_DATED_ONLINE = 1,                        /* "online" */
  ONETRIP_DATED_POSTAL = 2,                        /* "is_postal" */
  ONETRIP_DATED_EXPRESS = 3,                       /* "is_express" */
  ONETRIP_DATED_ELECTRONIC_LICENCE = 4,            /* "electronic_licence" */
  ONETRIP_DATED_ONLINE_PAYMENT = 5,                /* "online_payment" */
  ONETRIP_DATED_TOLERANT_ACCEPTANCE = 6,           /* "tolerant_acceptance" */
  ONETRIP_DATED_FIELD_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_DATED_FIELD_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_dated_field;

/* The period of one field of a matter's fee and channels: the field (as the matter gives it)
 * holds from `from` until `until`, both included; has_* false: an open end. */
typedef struct onetrip_field_period {
  uint32_t struct_size;
  onetrip_dated_field field;
  const char* field_name; /* its JSON key, e.g. "is_express"; static */
  bool has_from;
  onetrip_date from;
  bool has_until;
  onetrip_date until;
} onetrip_field_period;
#define ONETRIP_FIELD_PERIOD_INIT                                                                         \
  {                                                                                                       \
    (uint32_t)sizeof(onetrip_field_period), ONETRIP_DATED_FEE, NULL, false, {0, 0, 0}, false, { 0, 0, 0 } \
  }
/* Sets *s to ONETRIP_FIELD_PERIOD_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_field_period) in the caller's header. */
ONETRIP_API onetrip_status onetrip_field_period_init(onetrip_field_period* s, uint32_t struct_size);

/* The view of hall `index` (0 .. counts.halls - 1). An index past the count
 * is ONETRIP_OUT_OF_RANGE, as for every view below. */
ONETRIP_API onetrip_status onetrip_catalog_hall(const onetrip_catalog* catalog, uint32_t index, onetrip_hall_info* out);
/* The view of department `index`. */
ONETRIP_API onetrip_status onetrip_catalog_department(const onetrip_catalog* catalog, uint32_t index,
                                                      onetrip_department_info* out);
/* The view of material `index`, with its catalogue-wide defaults. */
ONETRIP_API onetrip_status onetrip_catalog_material(const onetrip_catalog* catalog, uint32_t index,
                                                    onetrip_material_info* out);
/* The view of matter `index`. */
ONETRIP_API onetrip_status onetrip_catalog_matter(const onetrip_catalog* catalog, uint32_t index,
                                                  onetrip_matter_info* out);
/* Material `position` (0 .. material_count - 1) of matter `matter`, as that
 * matter asks for it. */
ONETRIP_API onetrip_status onetrip_catalog_matter_material(const onetrip_catalog* catalog, uint32_t matter,
                                                           uint32_t position, onetrip_material_use* out);
/* The view of bundle `index`. */
ONETRIP_API onetrip_status onetrip_catalog_bundle(const onetrip_catalog* catalog, uint32_t index,
                                                  onetrip_bundle_info* out);
/* Period `position` (0 .. period_count - 1) of matter `matter`'s fee and channels, in the
 * order of onetrip_dated_field. */
ONETRIP_API onetrip_status onetrip_catalog_matter_period(const onetrip_catalog* catalog, uint32_t matter,
                                                         uint32_t position, onetrip_field_period* out);
/* Edge `position` (0 .. edge_count - 1) of bundle `bundle`. */
ONETRIP_API onetrip_status onetrip_catalog_bundle_edge(const onetrip_catalog* catalog, uint32_t bundle,
                                                       uint32_t position, onetrip_bundle_edge* out);

/* ---- trips ----------------------------------------------------------------- */

/* How many trips a matter (alone) or a bundle takes, each trip with the needs
 * that force it (docs/rules.md).
 * Thread safety: a result is immutable once made; it does not refer to the
 * catalogue after it is made. */
typedef struct onetrip_trips onetrip_trips;

typedef enum onetrip_need_kind {
  ONETRIP_NEED_SUBMIT = 0,
  ONETRIP_NEED_COLLECT = 1,
  ONETRIP_NEED_PAY = 2,
  ONETRIP_NEED_CARRY = 3,
  ONETRIP_NEED_KIND_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_NEED_KIND_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_need_kind;

typedef enum onetrip_because {
  ONETRIP_BECAUSE_NO_REMOTE_APPLICATION = 0,
  ONETRIP_BECAUSE_PRE_REVIEW_ONLY = 1,
  ONETRIP_BECAUSE_ORIGINAL_TO_SHOW = 2,
  ONETRIP_BECAUSE_STATUTORY_PRESENCE = 3,
  ONETRIP_BECAUSE_RESULT_AT_WINDOW = 4,
  ONETRIP_BECAUSE_FEE_AT_WINDOW = 5,
  ONETRIP_BECAUSE_RESULT_TO_CARRY = 6,
  ONETRIP_BECAUSE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_BECAUSE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_because;

/* Conditional materials forced to apply or not (material indices). */
typedef struct onetrip_trip_options {
  uint32_t struct_size;
  const uint32_t* materials_present;
  size_t materials_present_count;
  const uint32_t* materials_absent;
  size_t materials_absent_count;
} onetrip_trip_options;
#define ONETRIP_TRIP_OPTIONS_INIT \
  { (uint32_t)sizeof(onetrip_trip_options), NULL, 0, NULL, 0 }
/* Sets *s to ONETRIP_TRIP_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_trip_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_trip_options_init(onetrip_trip_options* s, uint32_t struct_size);

/* The trips of matter `matter` alone (a bundle of one). options may be NULL
 * for the defaults. Free the result with onetrip_trips_free. */
ONETRIP_API onetrip_status onetrip_trips_matter(const onetrip_catalog* catalog, uint32_t matter,
                                                const onetrip_trip_options* options, onetrip_trips** out);
/* The trips of bundle `bundle`, its members' needs merged by hall and moment.
 * options may be NULL for the defaults. Free with onetrip_trips_free. */
ONETRIP_API onetrip_status onetrip_trips_bundle(const onetrip_catalog* catalog, uint32_t bundle,
                                                const onetrip_trip_options* options, onetrip_trips** out);
/* Frees a trips result; NULL is allowed. */
ONETRIP_API void onetrip_trips_free(onetrip_trips* trips);

typedef struct onetrip_trips_summary {
  uint32_t struct_size;
  int32_t trips;      /* with complete materials */
  int32_t worst_case; /* with one secondary material missing */
  int32_t window_contacts;
  size_t trip_count;         /* == trips */
  int32_t worst_case_matter; /* the submission costing the extra trip; -1 when none */
} onetrip_trips_summary;
#define ONETRIP_TRIPS_SUMMARY_INIT \
  { (uint32_t)sizeof(onetrip_trips_summary), 0, 0, 0, 0, -1 }
/* Sets *s to ONETRIP_TRIPS_SUMMARY_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_trips_summary) in the caller's header. */
ONETRIP_API onetrip_status onetrip_trips_summary_init(onetrip_trips_summary* s, uint32_t struct_size);
/* The counts of a trips result. */
ONETRIP_API onetrip_status onetrip_trips_summary_get(const onetrip_trips* trips, onetrip_trips_summary* out);

typedef struct onetrip_trip_info {
  uint32_t struct_size;
  uint32_t hall;
  int32_t moment; /* working days from the start */
  int32_t window_contacts;
  size_t need_count;
} onetrip_trip_info;
#define ONETRIP_TRIP_INFO_INIT \
  { (uint32_t)sizeof(onetrip_trip_info), 0, 0, 0, 0 }
/* Sets *s to ONETRIP_TRIP_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_trip_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_trip_info_init(onetrip_trip_info* s, uint32_t struct_size);
/* Trip `trip` (0 .. trip_count - 1), in the order of its moment. */
ONETRIP_API onetrip_status onetrip_trips_trip(const onetrip_trips* trips, size_t trip, onetrip_trip_info* out);

typedef struct onetrip_need_info {
  uint32_t struct_size;
  uint32_t member; /* position in the bundle */
  uint32_t matter;
  onetrip_need_kind kind;
  onetrip_because because;
  int32_t material; /* for ORIGINAL_TO_SHOW, else -1 */
  int32_t carried;  /* for CARRY: the matter whose result is carried, else -1 */
  uint32_t hall;
  uint32_t window; /* department index */
  int32_t moment;
  const char* text; /* one readable line, borrowed from the result */
} onetrip_need_info;
#define ONETRIP_NEED_INFO_INIT                                                                                        \
  {                                                                                                                   \
    (uint32_t)sizeof(onetrip_need_info), 0, 0, ONETRIP_NEED_SUBMIT, ONETRIP_BECAUSE_NO_REMOTE_APPLICATION, -1, -1, 0, \
        0, 0, NULL                                                                                                    \
  }
/* Sets *s to ONETRIP_NEED_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_need_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_need_info_init(onetrip_need_info* s, uint32_t struct_size);
/* Need `need` (0 .. need_count - 1) of trip `trip`: why the applicant comes. */
ONETRIP_API onetrip_status onetrip_trips_need(const onetrip_trips* trips, size_t trip, size_t need,
                                              onetrip_need_info* out);

/* ---- time -------------------------------------------------------------------- */

typedef enum onetrip_extension {
  ONETRIP_EXTENSION_NONE = 0,
  ONETRIP_EXTENSION_SINGLE = 1, /* +10 working days (行政许可法 第四十二条) */
  ONETRIP_EXTENSION_JOINT = 2 /* +15 for joint handling */,
  ONETRIP_EXTENSION_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_EXTENSION_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_extension;

typedef struct onetrip_matter_due_info {
  uint32_t struct_size;
  onetrip_date due;
  bool has_legal_due;
  onetrip_date legal_due;
  int32_t special_procedure_days;
  onetrip_date due_with_special_procedures;
  bool has_extended_due;
  onetrip_date extended_due;
  /* 0.2 */
  int32_t issue_days;      /* issuing after the decision (第四十四条) */
  onetrip_date result_due; /* the applicant holds the result: due + 第四十五条's days + issuing */
  int32_t extension_days;  /* the extension asked: 10, or what the matter's own law allows (第四十二条) */
} onetrip_matter_due_info;
#define ONETRIP_MATTER_DUE_INFO_INIT                                                                           \
  {                                                                                                            \
    (uint32_t)sizeof(onetrip_matter_due_info), {0, 0, 0}, false, {0, 0, 0}, 0, {0, 0, 0}, false, {0, 0, 0}, 0, \
        {0, 0, 0}, 0                                                                                           \
  }
/* Sets *s to ONETRIP_MATTER_DUE_INFO_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_matter_due_info) in the caller's header. */
ONETRIP_API onetrip_status onetrip_matter_due_info_init(onetrip_matter_due_info* s, uint32_t struct_size);

/* The due dates of a matter accepted on `accepted`. */
ONETRIP_API onetrip_status onetrip_matter_due(const onetrip_catalog* catalog, const onetrip_calendar* calendar,
                                              uint32_t matter, onetrip_date accepted, onetrip_extension extension,
                                              onetrip_matter_due_info* out);

/* A bundle's critical path. Thread safety: immutable once made. */
typedef struct onetrip_schedule onetrip_schedule;

/* calendar may be NULL: then no due date (start is ignored). */
ONETRIP_API onetrip_status onetrip_schedule_bundle(const onetrip_catalog* catalog, uint32_t bundle,
                                                   const onetrip_calendar* calendar, onetrip_date start,
                                                   onetrip_schedule** out);
/* Frees a schedule; NULL is allowed. */
ONETRIP_API void onetrip_schedule_free(onetrip_schedule* schedule);

typedef struct onetrip_schedule_summary {
  uint32_t struct_size;
  int32_t workdays;      /* the critical path's length: until the last result is in hand */
  bool over_joint_limit; /* 统一/联合/集中办理 over 45 counted working days (第四十二条) */
  bool approximate;      /* a member's limit is in natural days or months */
  bool has_due;
  onetrip_date due;
  size_t member_count;
  const uint32_t* critical_path; /* member positions, borrowed from the schedule */
  size_t critical_path_length;
  /* 0.2 */
  int32_t counted_workdays; /* the administration's own working days: the joint limit's count */
  onetrip_joint_handling handling;
} onetrip_schedule_summary;
#define ONETRIP_SCHEDULE_SUMMARY_INIT                                                             \
  {                                                                                               \
    (uint32_t)sizeof(onetrip_schedule_summary), 0, false, false, false, {0, 0, 0}, 0, NULL, 0, 0, \
        ONETRIP_HANDLING_NONE                                                                     \
  }
/* Sets *s to ONETRIP_SCHEDULE_SUMMARY_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_schedule_summary) in the caller's header. */
ONETRIP_API onetrip_status onetrip_schedule_summary_init(onetrip_schedule_summary* s, uint32_t struct_size);
/* The schedule's length, due date and critical path. */
ONETRIP_API onetrip_status onetrip_schedule_summary_get(const onetrip_schedule* schedule,
                                                        onetrip_schedule_summary* out);

typedef struct onetrip_member_schedule {
  uint32_t struct_size;
  uint32_t matter;
  int32_t duration;
  int32_t earliest_start;
  int32_t earliest_finish;
  int32_t latest_start;
  int32_t latest_finish;
  int32_t slack;
  bool critical;
  /* 0.2; duration counts against the limit, earliest_finish adds these */
  int32_t special_days; /* 第四十五条: not counted, waited for */
  int32_t issue_days;   /* 第四十四条 */
} onetrip_member_schedule;
#define ONETRIP_MEMBER_SCHEDULE_INIT \
  { (uint32_t)sizeof(onetrip_member_schedule), 0, 0, 0, 0, 0, 0, 0, false, 0, 0 }
/* Sets *s to ONETRIP_MEMBER_SCHEDULE_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_member_schedule) in the caller's header. */
ONETRIP_API onetrip_status onetrip_member_schedule_init(onetrip_member_schedule* s, uint32_t struct_size);
/* The timing of member `member` (0 .. member_count - 1, the bundle's order). */
ONETRIP_API onetrip_status onetrip_schedule_member(const onetrip_schedule* schedule, size_t member,
                                                   onetrip_member_schedule* out);

/* The bundle's graph in Graphviz DOT, owned by the caller (onetrip_string_free). */
ONETRIP_API onetrip_status onetrip_bundle_dot(const onetrip_catalog* catalog, uint32_t bundle, char** out_utf8,
                                              size_t* out_len);

/* ---- a whole catalogue ------------------------------------------------------------ */

/* Caller-provided arrays, one element per matter / per bundle. Any pointer may
 * be NULL (that figure is not written); a capacity below the count, for a kind
 * (matters, bundles) whose arrays are given, is ONETRIP_RESOURCE_EXHAUSTED and
 * nothing is written. Due dates are {0,0,0}
 * when no start date is given. */
typedef struct onetrip_evaluation_buffers {
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
  /* 0.2: workdays are until the result (limit + 第四十五条 + 第四十四条); these count against the limit */
  int32_t* matter_counted_workdays;
  int32_t* bundle_counted_workdays;
  /* With a start day the catalogue in force that day is evaluated: a matter or bundle not in
   * force is left out (its figures 0, its due date {0,0,0}). Per element, 1 in force, 0 not
   * (without a start, or an undated catalogue, all 1); and how many were not (may be NULL). */
  uint8_t* matter_in_force;
  uint8_t* bundle_in_force;
  size_t* out_matters_not_in_force;
  size_t* out_bundles_not_in_force;
} onetrip_evaluation_buffers;
#define ONETRIP_EVALUATION_BUFFERS_INIT                                                                             \
  {                                                                                                                 \
    (uint32_t)sizeof(onetrip_evaluation_buffers), 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, \
        NULL, NULL, NULL, NULL, NULL                                                                                \
  }
/* Sets *s to ONETRIP_EVALUATION_BUFFERS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_evaluation_buffers) in the caller's header. */
ONETRIP_API onetrip_status onetrip_evaluation_buffers_init(onetrip_evaluation_buffers* s, uint32_t struct_size);

/* start may be NULL (no due dates). With a start, the catalogue in force that day (a dated
 * catalogue): what is not in force is listed (matter_in_force, bundle_in_force), not refused.
 * On the calling thread only. */
ONETRIP_API onetrip_status onetrip_catalog_evaluate(const onetrip_catalog* catalog, const onetrip_calendar* calendar,
                                                    const onetrip_date* start, onetrip_evaluation_buffers* buffers);

typedef struct onetrip_evaluate_options {
  uint32_t struct_size;
  const onetrip_date* start; /* NULL: no due dates */
  uint32_t threads; /* threads to share the work, 0: one per CPU the process may use; the figures do not depend on it */
} onetrip_evaluate_options;
#define ONETRIP_EVALUATE_OPTIONS_INIT \
  { (uint32_t)sizeof(onetrip_evaluate_options), NULL, 1 }
/* Sets *s to ONETRIP_EVALUATE_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_evaluate_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_evaluate_options_init(onetrip_evaluate_options* s, uint32_t struct_size);

/* As onetrip_catalog_evaluate, with options (NULL: the defaults). */
ONETRIP_API onetrip_status onetrip_catalog_evaluate_v2(const onetrip_catalog* catalog, const onetrip_calendar* calendar,
                                                       const onetrip_evaluate_options* options,
                                                       onetrip_evaluation_buffers* buffers);
/* onetrip_catalog_evaluate_v2 with progress (phases "matters", "bundles"; cancelled, the buffers
 * are not written); progress may be NULL. */
ONETRIP_API onetrip_status onetrip_catalog_evaluate_with_progress(const onetrip_catalog* catalog,
                                                                  const onetrip_calendar* calendar,
                                                                  const onetrip_evaluate_options* options,
                                                                  onetrip_progress_fn progress, void* progress_data,
                                                                  onetrip_evaluation_buffers* buffers);

typedef struct onetrip_indicators {
  uint32_t struct_size;
  int64_t matters;
  double share_zero_trips;
  double share_at_most_one_trip;
  double mean_trips;
  double mean_worst_case;
  double share_immediate;
  double mean_promised_legal_ratio;
  int64_t bundles;
  double bundle_share_zero_trips;
  double bundle_share_at_most_one_trip;
  double bundle_mean_trips;
  bool weighted;
  double volume;
} onetrip_indicators;
#define ONETRIP_INDICATORS_INIT \
  { (uint32_t)sizeof(onetrip_indicators), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0 }
/* Sets *s to ONETRIP_INDICATORS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_indicators) in the caller's header. */
ONETRIP_API onetrip_status onetrip_indicators_init(onetrip_indicators* s, uint32_t struct_size);

/* matter_volumes: one per matter (cases), or NULL for unweighted figures. */
ONETRIP_API onetrip_status onetrip_catalog_indicators(const onetrip_catalog* catalog, const double* matter_volumes,
                                                      size_t volume_count, onetrip_indicators* out);
/* The indicators at volumes given as CSV texts (each may be NULL; docs/reforms-format.md, "Volumes"):
 * volumes_csv "id,volume" lines or the bulletin's window table; situation_csv the cases
 * ("matter,situation,volume") or shares of a matter's cases ("matter,situation,share") per
 * situation, named by its answers ("business=小餐饮店; area=40"). A matter with situation
 * volumes counts at its situations' own trips. Bad lines are listed by onetrip_last_problem. */
ONETRIP_API onetrip_status onetrip_catalog_indicators_csv(const onetrip_catalog* catalog, const char* volumes_csv,
                                                          size_t volumes_len, const char* situation_csv,
                                                          size_t situation_len, onetrip_indicators* out);

/* ---- audit ----------------------------------------------------------------------- */

typedef struct onetrip_audit onetrip_audit;

typedef enum onetrip_audit_rule {
  ONETRIP_AUDIT_DECLARED_TRIPS = 0,
  ONETRIP_AUDIT_DECLARED_ZERO_NEEDS_REMOTE = 1,
  ONETRIP_AUDIT_FULLY_ONLINE_MEANS_ZERO = 2,
  ONETRIP_AUDIT_NO_FEE_NO_ONLINE_PAYMENT = 3,
  ONETRIP_AUDIT_RULE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_AUDIT_RULE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_audit_rule;

typedef struct onetrip_finding {
  uint32_t struct_size;
  uint32_t matter;
  onetrip_audit_rule rule;
  const char* message; /* borrowed from the audit */
} onetrip_finding;
#define ONETRIP_FINDING_INIT \
  { (uint32_t)sizeof(onetrip_finding), 0, ONETRIP_AUDIT_DECLARED_TRIPS, NULL }
/* Sets *s to ONETRIP_FINDING_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_finding) in the caller's header. */
ONETRIP_API onetrip_status onetrip_finding_init(onetrip_finding* s, uint32_t struct_size);

/* The data-quality audit of a catalogue (docs/rules.md): the declared trips
 * against the computed ones and the consistency rules, per matter. Free the
 * result with onetrip_audit_free. */
ONETRIP_API onetrip_status onetrip_catalog_audit(const onetrip_catalog* catalog, onetrip_audit** out);
/* How many findings the audit has (0 for a clean catalogue). */
ONETRIP_API onetrip_status onetrip_audit_count(const onetrip_audit* audit, size_t* out);
/* Finding `index` (0 .. count - 1), in matter order. */
ONETRIP_API onetrip_status onetrip_audit_finding(const onetrip_audit* audit, size_t index, onetrip_finding* out);
/* Frees an audit; NULL is allowed. */
ONETRIP_API void onetrip_audit_free(onetrip_audit* audit);

/* ---- what if: reforms and comparison --------------------------------------------- */

/* A new catalogue: base with the reforms of an "onetrip-scenario/1" JSON
 * document applied in order (docs/reforms-format.md). On failure nothing is
 * made, base is unchanged, and the problems (with paths like
 * "$.reforms[2].department") are listed by onetrip_last_problem. */
ONETRIP_API onetrip_status onetrip_catalog_apply_json(const onetrip_catalog* base, const char* utf8, size_t len,
                                                      onetrip_catalog** out);
/* The same with progress (phases "reforms", one unit a reform, and "check"); progress may be NULL. */
ONETRIP_API onetrip_status onetrip_catalog_apply_json_with_progress(const onetrip_catalog* base, const char* utf8,
                                                                    size_t len, onetrip_progress_fn progress,
                                                                    void* progress_data, onetrip_catalog** out);

/* A comparison of two catalogues. Thread safety: immutable once made. */
typedef struct onetrip_comparison onetrip_comparison;

/* volumes_csv (may be NULL): cases per month, as "id,volume" lines or the
 * bulletin's window table (docs/reforms-format.md); bad lines are listed by
 * onetrip_last_problem. */
ONETRIP_API onetrip_status onetrip_compare(const onetrip_catalog* base, const onetrip_catalog* after,
                                           const char* volumes_csv, size_t volumes_len, onetrip_comparison** out);

typedef struct onetrip_compare_options {
  uint32_t struct_size;
  uint32_t threads; /* threads to share the work, 0: one per CPU the process may use; the figures do not depend on it */
} onetrip_compare_options;
#define ONETRIP_COMPARE_OPTIONS_INIT \
  { (uint32_t)sizeof(onetrip_compare_options), 1 }
/* Sets *s to ONETRIP_COMPARE_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_compare_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_compare_options_init(onetrip_compare_options* s, uint32_t struct_size);

/* As onetrip_compare, with options (NULL: the defaults). */
ONETRIP_API onetrip_status onetrip_compare_v2(const onetrip_catalog* base, const onetrip_catalog* after,
                                              const char* volumes_csv, size_t volumes_len,
                                              const onetrip_compare_options* options, onetrip_comparison** out);
/* onetrip_compare_v2 with progress (phases "before matters", "before bundles", "after matters",
 * "after bundles", "compare"); progress may be NULL. */
ONETRIP_API onetrip_status onetrip_compare_with_progress(const onetrip_catalog* base, const onetrip_catalog* after,
                                                         const char* volumes_csv, size_t volumes_len,
                                                         const onetrip_compare_options* options,
                                                         onetrip_progress_fn progress, void* progress_data,
                                                         onetrip_comparison** out);
/* onetrip_compare_with_progress with situation volumes too: situation_csv (may be NULL) as for
 * onetrip_catalog_indicators_csv; a matter with situation volumes saves what its situations
 * save, each at its own trips and days before and after. */
ONETRIP_API onetrip_status onetrip_compare_situations(const onetrip_catalog* base, const onetrip_catalog* after,
                                                      const char* volumes_csv, size_t volumes_len,
                                                      const char* situation_csv, size_t situation_len,
                                                      const onetrip_compare_options* options,
                                                      onetrip_progress_fn progress, void* progress_data,
                                                      onetrip_comparison** out);
/* Frees a comparison; NULL is allowed. */
ONETRIP_API void onetrip_comparison_free(onetrip_comparison* comparison);

typedef struct onetrip_comparison_totals {
  uint32_t struct_size;
  int32_t matters_changed;
  int32_t bundles_changed;
  double trips_saved; /* per month at the volumes */
  double worst_case_saved;
  double days_saved; /* applicant working days */
  double share_at_most_one_trip_before;
  double share_at_most_one_trip_after;
  double mean_trips_before;
  double mean_trips_after;
  size_t matter_count; /* deltas: one per matter of the base */
  size_t bundle_count;
  size_t department_count; /* departments with a change or a saving */
} onetrip_comparison_totals;
#define ONETRIP_COMPARISON_TOTALS_INIT \
  { (uint32_t)sizeof(onetrip_comparison_totals), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_COMPARISON_TOTALS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_comparison_totals) in the caller's header. */
ONETRIP_API onetrip_status onetrip_comparison_totals_init(onetrip_comparison_totals* s, uint32_t struct_size);
/* The comparison's totals and the number of its deltas. */
ONETRIP_API onetrip_status onetrip_comparison_totals_get(const onetrip_comparison* comparison,
                                                         onetrip_comparison_totals* out);

/* One matter's (or bundle's) figures before and after; strings borrowed from the comparison. */
typedef struct onetrip_delta {
  uint32_t struct_size;
  const char* id; /* matter code or bundle id */
  const char* name;
  bool removed;       /* absorbed (a matter) or gone with its members (a bundle) */
  const char* change; /* what changed, readable; "" when nothing did */
  int32_t trips_before, trips_after;
  int32_t worst_before, worst_after;
  int32_t windows_before, windows_after;
  int32_t days_before, days_after;
  double volume;
  double trips_saved;
  double worst_case_saved;
  double days_saved;
} onetrip_delta;
#define ONETRIP_DELTA_INIT \
  { (uint32_t)sizeof(onetrip_delta), NULL, NULL, false, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_DELTA_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_delta) in the caller's header. */
ONETRIP_API onetrip_status onetrip_delta_init(onetrip_delta* s, uint32_t struct_size);
/* The delta of matter `index` of the base (0 .. matter_count - 1). */
ONETRIP_API onetrip_status onetrip_comparison_matter(const onetrip_comparison* comparison, size_t index,
                                                     onetrip_delta* out);
/* The delta of bundle `index` of the base (0 .. bundle_count - 1). */
ONETRIP_API onetrip_status onetrip_comparison_bundle(const onetrip_comparison* comparison, size_t index,
                                                     onetrip_delta* out);

typedef struct onetrip_department_savings {
  uint32_t struct_size;
  uint32_t department; /* index in the base */
  const char* name;
  double volume;
  double trips_saved;
  double days_saved;
  int32_t matters_changed;
} onetrip_department_savings;
#define ONETRIP_DEPARTMENT_SAVINGS_INIT \
  { (uint32_t)sizeof(onetrip_department_savings), 0, NULL, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_DEPARTMENT_SAVINGS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_department_savings) in the caller's header. */
ONETRIP_API onetrip_status onetrip_department_savings_init(onetrip_department_savings* s, uint32_t struct_size);
/* The savings of department `index` of the list (0 .. department_count - 1),
 * in the base's department order. */
ONETRIP_API onetrip_status onetrip_comparison_department(const onetrip_comparison* comparison, size_t index,
                                                         onetrip_department_savings* out);

/* ---- case clocks --------------------------------------------------------------- */

typedef enum onetrip_clock_event_kind {
  ONETRIP_CLOCK_ACCEPTED = 0, /* days: the limit in working days (0: immediate) */
  ONETRIP_CLOCK_PAUSED = 1,   /* reason */
  ONETRIP_CLOCK_RESUMED = 2,
  ONETRIP_CLOCK_EXTENDED = 3,  /* days: the extension */
  ONETRIP_CLOCK_COMPLETED = 4, /* the decision */
  /* 0.2: the law's steps (docs/rules.md) */
  ONETRIP_CLOCK_RECEIVED = 5,          /* 收件 (第三十二条); days: the limit */
  ONETRIP_CLOCK_SUPPLEMENT_NOTICE = 6, /* 一次告知补正, within 5 working days of receipt */
  ONETRIP_CLOCK_SPECIAL_STARTED = 7,   /* 第四十五条; reason: its kind; days: the time notified in writing */
  ONETRIP_CLOCK_SPECIAL_ENDED = 8,
  ONETRIP_CLOCK_ISSUED = 9,                             /* 第四十四条: the certificate issued and delivered */
  ONETRIP_CLOCK_EVENT_KIND_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_CLOCK_EVENT_KIND_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_clock_event_kind;

typedef enum onetrip_pause_reason {
  ONETRIP_PAUSE_SUPPLEMENT = 0,        /* 补正 */
  ONETRIP_PAUSE_SPECIAL_PROCEDURE = 1, /* 第四十五条 */
  ONETRIP_PAUSE_OTHER = 2,             /* a pause another law provides */
  /* 0.2: the kinds of 第四十五条, for ONETRIP_CLOCK_SPECIAL_STARTED */
  ONETRIP_PAUSE_HEARING = 3,                        /* 听证 */
  ONETRIP_PAUSE_TENDER = 4,                         /* 招标 */
  ONETRIP_PAUSE_AUCTION = 5,                        /* 拍卖 */
  ONETRIP_PAUSE_INSPECTION = 6,                     /* 检验 */
  ONETRIP_PAUSE_TESTING = 7,                        /* 检测 */
  ONETRIP_PAUSE_QUARANTINE = 8,                     /* 检疫 */
  ONETRIP_PAUSE_APPRAISAL = 9,                      /* 鉴定 */
  ONETRIP_PAUSE_EXPERT_REVIEW = 10,                 /* 专家评审 */
  ONETRIP_PAUSE_REASON_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_PAUSE_REASON_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_pause_reason;

/* One event of a case. An element of caller arrays: its layout is fixed. */
typedef struct onetrip_clock_event {
  onetrip_clock_event_kind kind;
  onetrip_date date;
  int32_t days;
  onetrip_pause_reason reason;
} onetrip_clock_event;

typedef enum onetrip_clock_status {
  ONETRIP_CLOCK_RUNNING = 0,
  ONETRIP_CLOCK_PAUSED_NOW = 1,
  ONETRIP_CLOCK_COMPLETED_ON_TIME = 2,
  ONETRIP_CLOCK_COMPLETED_LATE = 3,
  ONETRIP_CLOCK_OVERDUE = 4,
  ONETRIP_CLOCK_RECEIVED_NOW = 5,         /* within 第三十二条's 5 working days to accept or notify 补正 */
  ONETRIP_CLOCK_AWAITING_CORRECTION = 6,  /* 补正 notified: the limit starts with the corrected materials */
  ONETRIP_CLOCK_IN_SPECIAL_PROCEDURE = 7, /* a 第四十五条 procedure is running */
  ONETRIP_CLOCK_STATUS_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_CLOCK_STATUS_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_clock_status;

typedef enum onetrip_warning_level {
  ONETRIP_WARNING_NORMAL = 0,
  ONETRIP_WARNING_YELLOW = 1,
  ONETRIP_WARNING_RED = 2,
  ONETRIP_WARNING_LEVEL_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_WARNING_LEVEL_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_warning_level;

/* Yellow at <= yellow_days_left working days left or >= yellow_used of the
 * limit used; red likewise; overdue is red. */
typedef struct onetrip_clock_options {
  uint32_t struct_size;
  int32_t yellow_days_left;
  double yellow_used;
  int32_t red_days_left;
  double red_used;
  /* 0.2: the law's numbers */
  int32_t acceptance_days; /* 第三十二条: 5 */
  int32_t extension_limit; /* 第四十二条: 10; 15 for a joint handling; what another law sets */
  int32_t issue_days;      /* 第四十四条: 10 */
} onetrip_clock_options;
#define ONETRIP_CLOCK_OPTIONS_INIT \
  { (uint32_t)sizeof(onetrip_clock_options), 3, 0.8, 1, 0.95, 5, 10, 10 }
/* Sets *s to ONETRIP_CLOCK_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_clock_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_clock_options_init(onetrip_clock_options* s, uint32_t struct_size);

typedef struct onetrip_clock_state {
  uint32_t struct_size;
  onetrip_clock_status status;
  onetrip_warning_level level;
  onetrip_date due;
  int32_t limit;       /* with extensions */
  int32_t elapsed;     /* working days counted */
  int32_t remaining;   /* negative when late */
  int32_t paused_days; /* working days of pauses (another law's) */
  bool completed;      /* the decision */
  onetrip_date completed_on;
  /* 0.2: the law's steps; a date of {0, 0, 0} is none. `due` is {0, 0, 0} while received or awaiting correction. */
  onetrip_date received;
  onetrip_date supplement_notice;
  onetrip_date acceptance_due; /* received + 5 working days (第三十二条) */
  bool deemed_accepted;        /* accepted on receipt: no decision within the 5 days */
  onetrip_date accepted;       /* the limit runs from here */
  int32_t extension;           /* 第四十二条 */
  int32_t special_days;        /* 第四十五条: not counted, but waited for */
  onetrip_date issue_due;      /* completed + 10 working days (第四十四条) */
  bool issued;
  onetrip_date issued_on;
  bool issued_late;
} onetrip_clock_state;
#define ONETRIP_CLOCK_STATE_INIT                                                                                      \
  {                                                                                                                   \
    (uint32_t)sizeof(onetrip_clock_state), ONETRIP_CLOCK_RUNNING, ONETRIP_WARNING_NORMAL, {0, 0, 0}, 0, 0, 0, 0,      \
        false, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, false, {0, 0, 0}, 0, 0, {0, 0, 0}, false, {0, 0, 0}, false \
  }
/* Sets *s to ONETRIP_CLOCK_STATE_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_clock_state) in the caller's header. */
ONETRIP_API onetrip_status onetrip_clock_state_init(onetrip_clock_state* s, uint32_t struct_size);

/* A case's clock as of a date, from its events (accepted first, in date order).
 * options may be NULL. Events out of order, a resume without a pause, a
 * completion before the acceptance…: ONETRIP_INVALID_ARGUMENT naming the event. */
ONETRIP_API onetrip_status onetrip_clock_state_get(const onetrip_calendar* calendar, const onetrip_clock_event* events,
                                                   size_t event_count, onetrip_date as_of,
                                                   const onetrip_clock_options* options, onetrip_clock_state* out);

/* Many cases at once: case i's events are events[offsets[i] .. offsets[i+1]),
 * so offsets has case_count + 1 elements. out has case_count elements, each
 * with the same struct_size set (ONETRIP_CLOCK_STATE_INIT or
 * onetrip_clock_state_init): it is also the array's stride. With out_statuses
 * (case_count elements) every case is evaluated and gets its own status (a
 * failed case's state is left as it was); without it the first failing case
 * fails the call, named in the message. A failed call (bad arguments, or a
 * failing case without out_statuses) changes nothing in out or out_statuses.
 * Thread safety: the calendar may be shared; the output arrays are the caller's. */
ONETRIP_API onetrip_status onetrip_clock_states_batch(const onetrip_calendar* calendar,
                                                      const onetrip_clock_event* events, const size_t* offsets,
                                                      size_t case_count, onetrip_date as_of,
                                                      const onetrip_clock_options* options, onetrip_clock_state* out,
                                                      onetrip_status* out_statuses);

/* ---- the monthly statistics report ------------------------------------------------ */

/* An accumulator of case records.
 * Thread safety: one thread at a time. onetrip_report_add_csv and
 * onetrip_report_merge change it: no other call may use the report meanwhile
 * (calls that only read it may run together). Partial reports built on
 * separate threads merge exactly.
 * Bounds: the fees of all the cases one report holds add up to at most
 * INT64_MAX fen, and its cases to at most INT64_MAX; a row or a merge past
 * them is refused, so no figure can wrap. */
typedef struct onetrip_report onetrip_report;

/* A new empty report. catalog may be NULL; with it, departments and limits
 * come from matter codes and every window of a hall is listed. Both must
 * outlive the report. Free it with onetrip_report_free. */
ONETRIP_API onetrip_status onetrip_report_new(const onetrip_calendar* calendar, const onetrip_catalog* catalog,
                                              onetrip_report** out);

/* Frees a report; NULL is allowed and does nothing. */
ONETRIP_API void onetrip_report_free(onetrip_report* report);

/* Adds case records as CSV, as RFC 4180 and every CSV writer write it (quoted
 * fields, doubled quotes, CRLF or LF): case_id,matter,department,hall,kind,
 * received,completed,fee,joint, then optionally limit and accepted (a limit
 * counts from the acceptance, 行政许可法 第四十二条). Bad rows are skipped, add nothing, and
 * are listed by onetrip_last_problem ("line 12"). With strict, a bad row fails
 * the call (ONETRIP_INVALID_ARGUMENT) and the report stays exactly as it was. */
ONETRIP_API onetrip_status onetrip_report_add_csv(onetrip_report* report, const char* utf8, size_t len, bool strict);

/* A missing day in a column of days (a pending case's completion): NumPy's
 * NaT, so datetime64[D] arrays pass through unchanged. */
#define ONETRIP_MISSING_DAY INT64_MIN

/* A text column as a dictionary, as pandas' categoricals and Arrow's
 * dictionary arrays hold it: row i's text is categories[codes[i]], of
 * category_lengths[codes[i]] bytes of UTF-8 (NULL lengths: each category is
 * NUL-terminated); a negative code is a missing (empty) value. codes NULL is
 * an absent column. A category may not contain a NUL byte. This struct is
 * frozen: it never gains a field. */
typedef struct onetrip_text_column {
  const int32_t* codes;           /* rows entries, or NULL */
  const char* const* categories;  /* category_count entries */
  const size_t* category_lengths; /* category_count entries, or NULL */
  size_t category_count;
} onetrip_text_column;

/* Case records column by column, for onetrip_report_add_columns: the fields
 * of the CSV form, without text in between. Every non-NULL array has `rows`
 * entries; the optional ones may be NULL. Days are counted from 1970-01-01
 * (NumPy's datetime64[D] values). */
typedef struct onetrip_case_columns {
  uint32_t struct_size; /* sizeof(onetrip_case_columns) */
  size_t rows;
  onetrip_text_column case_id;    /* optional: names a bad row's case */
  onetrip_text_column matter;     /* optional */
  onetrip_text_column department; /* optional where a matter and the catalogue give it */
  onetrip_text_column hall;
  onetrip_text_column kind;   /* "immediate" or "promised" */
  const int64_t* received;    /* days */
  const int64_t* completed;   /* optional; ONETRIP_MISSING_DAY while pending */
  const int64_t* fee_fen;     /* optional (no fee); or fee_yuan, not both */
  const double* fee_yuan;     /* optional: yuan (NaN: no fee), each a whole number of fen */
  const uint8_t* joint;       /* optional; 0 or 1 */
  const int32_t* limit;       /* optional; working days */
  const uint8_t* limit_given; /* optional with limit: 0 where a row has none */
  /* optional: the day each case was accepted (受理), from which its limit counts (行政许可法 第四十二条);
   * ONETRIP_MISSING_DAY: accepted the day it was received */
  const int64_t* accepted;
} onetrip_case_columns;
#define ONETRIP_CASE_COLUMNS_INIT                                                                                   \
  {                                                                                                                 \
    (uint32_t)sizeof(onetrip_case_columns), 0, {NULL, NULL, NULL, 0}, {NULL, NULL, NULL, 0}, {NULL, NULL, NULL, 0}, \
        {NULL, NULL, NULL, 0}, {NULL, NULL, NULL, 0}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL                \
  }
/* Fills s with ONETRIP_CASE_COLUMNS_INIT, for callers that cannot expand the
 * macro (FFIs); struct_size is sizeof(onetrip_case_columns) in the caller's
 * header. */
ONETRIP_API onetrip_status onetrip_case_columns_init(onetrip_case_columns* s, uint32_t struct_size);

/* Adds case records given as columns (a DataFrame's, an Arrow table's): the
 * same rows, checks and figures as onetrip_report_add_csv, with no text to
 * write and parse. A column of the wrong shape (a code past its categories,
 * both fee forms) fails the call with ONETRIP_INVALID_ARGUMENT and adds
 * nothing. Bad rows are skipped, add nothing, and are listed by
 * onetrip_last_problem ("row 12", from 0). With strict, a bad row fails the
 * call (ONETRIP_INVALID_ARGUMENT) and the report stays exactly as it was.
 * The columns are only read during the call. */
ONETRIP_API onetrip_status onetrip_report_add_columns(onetrip_report* report, const onetrip_case_columns* columns,
                                                      bool strict);
/* onetrip_report_add_csv and onetrip_report_add_columns with progress (phase
 * "read" in bytes of the text, "rows"): cancelled, the report stays exactly
 * as it was and no problem is listed. progress may be NULL. */
ONETRIP_API onetrip_status onetrip_report_add_csv_with_progress(onetrip_report* report, const char* utf8, size_t len,
                                                                bool strict, onetrip_progress_fn progress,
                                                                void* progress_data);
ONETRIP_API onetrip_status onetrip_report_add_columns_with_progress(onetrip_report* report,
                                                                    const onetrip_case_columns* columns, bool strict,
                                                                    onetrip_progress_fn progress, void* progress_data);

/* Adds another report's cases to this one (into and from must differ).
 * ONETRIP_OUT_OF_RANGE past the bounds, and then nothing is merged. */
ONETRIP_API onetrip_status onetrip_report_merge(onetrip_report* into, const onetrip_report* from);

/* The cases added so far and the CSV rows skipped so far. */
ONETRIP_API onetrip_status onetrip_report_counts(const onetrip_report* report, int64_t* out_cases,
                                                 int64_t* out_skipped);

/* The parts of a report. */
typedef enum onetrip_report_table {
  ONETRIP_REPORT_WINDOWS = 0,                       /* the windows (of one hall in onetrip_report_csv; of all) */
  ONETRIP_REPORT_HALLS = 1,                         /* the halls (every other hall in onetrip_report_csv) */
  ONETRIP_REPORT_TOTAL = 2,                         /* one row: every hall together (results only) */
  ONETRIP_REPORT_TABLE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_REPORT_TABLE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_report_table;

/* The bulletin's two tables for a month as CSV, owned by the caller
 * (onetrip_string_free): ONETRIP_REPORT_WINDOWS the windows of one hall with
 * their 合计 row, ONETRIP_REPORT_HALLS every other hall with their 合  计 row.
 * hall (NUL-terminated UTF-8) names that hall; NULL takes the catalogue's
 * first hall, or the first hall seen. out_len may be NULL. Every figure of
 * every row is in onetrip_report_result. */
ONETRIP_API onetrip_status onetrip_report_csv(const onetrip_report* report, int32_t year, int32_t month,
                                              const char* hall, onetrip_report_table table, char** out_utf8,
                                              size_t* out_len);

/* ---- the report's figures, column by column (after sqlite3_column_*) ------ */

/* A finished report for one month: its windows, halls and total, each a table
 * of rows whose columns are the report's columns below.
 * Thread safety: immutable; may be read by any number of threads at once.
 * Only onetrip_report_result_free must not race with other uses. */
typedef struct onetrip_report_result onetrip_report_result;

/* The type of a report column's values; values are frozen. */
typedef enum onetrip_report_value_type {
  ONETRIP_REPORT_VALUE_TEXT = 0,      /* onetrip_report_text: the hall, the window */
  ONETRIP_REPORT_VALUE_COUNT = 1,     /* onetrip_report_int64: a number of cases */
  ONETRIP_REPORT_VALUE_MONEY_FEN = 2, /* onetrip_report_int64: money in integer fen (1 yuan = 100 fen) */
  ONETRIP_REPORT_VALUE_RATIO = 3,     /* onetrip_report_double: a share in [0, 1]; NaN when nothing is counted */
  ONETRIP_REPORT_VALUE_TYPE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range */
  ONETRIP_REPORT_VALUE_TYPE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_report_value_type;

/* The number of columns of every report table. New columns are only ever
 * appended in later versions: find a column by name, or keep to the first
 * onetrip_report_column_count() of this version. */
ONETRIP_API size_t onetrip_report_column_count(void);

/* Column `column`'s name ("recv_m", "on_time_m"; the CSV header and the Python
 * DataFrame's column), NULL past the last column. A static string. */
ONETRIP_API const char* onetrip_report_column_name(size_t column);

/* Column `column`'s Chinese label ("本月收件"), NULL past the last column. A
 * static UTF-8 string. */
ONETRIP_API const char* onetrip_report_column_label(size_t column);

/* Column `column`'s type; ONETRIP_OUT_OF_RANGE past the last column. */
ONETRIP_API onetrip_status onetrip_report_column_type(size_t column, onetrip_report_value_type* out);

/* The index of the column named `name` (NUL-terminated); ONETRIP_NOT_FOUND
 * naming it when there is none. */
ONETRIP_API onetrip_status onetrip_report_column_find(const char* name, size_t* out);

/* Finishes the report for a month (1-12): the figures of that month and of
 * its year to date. The report is unchanged and may go on accumulating. Free
 * the result with onetrip_report_result_free. */
ONETRIP_API onetrip_status onetrip_report_finish(const onetrip_report* report, int32_t year, int32_t month,
                                                 onetrip_report_result** out);

/* Frees a result; NULL is allowed and does nothing. */
ONETRIP_API void onetrip_report_result_free(onetrip_report_result* result);

/* The number of rows of a table of the result: its windows (every window of
 * every hall, hall by hall), its halls, or its total (1). */
ONETRIP_API onetrip_status onetrip_report_row_count(const onetrip_report_result* result, onetrip_report_table table,
                                                    size_t* out);

/* The value of a count or money column at a row. A row or column past the
 * end is ONETRIP_OUT_OF_RANGE; a column of another type is
 * ONETRIP_INVALID_ARGUMENT naming the column and its type. */
ONETRIP_API onetrip_status onetrip_report_int64(const onetrip_report_result* result, onetrip_report_table table,
                                                size_t row, size_t column, int64_t* out);

/* The value of a ratio column at a row (NaN when nothing is counted); errors
 * as onetrip_report_int64. */
ONETRIP_API onetrip_status onetrip_report_double(const onetrip_report_result* result, onetrip_report_table table,
                                                 size_t row, size_t column, double* out);

/* The value of a text column at a row, NUL-terminated UTF-8 borrowed from the
 * result (valid while it lives; "" for the window of a hall or total row);
 * errors as onetrip_report_int64. */
ONETRIP_API onetrip_status onetrip_report_text(const onetrip_report_result* result, onetrip_report_table table,
                                               size_t row, size_t column, const char** out);

/* A table of the result with every column as CSV (RFC 4180, header first,
 * money in yuan, a ratio with four decimals or blank), owned by the caller
 * (onetrip_string_free). out_len may be NULL. */
ONETRIP_API onetrip_status onetrip_report_result_csv(const onetrip_report_result* result, onetrip_report_table table,
                                                     char** out_utf8, size_t* out_len);

/* ---- the implementation-list tables (实施清单) ------------------------------ */

/* The national implementation-list tables a platform exports (basic,
 * extended, material and fee tables, as CSV in UTF-8 or GB18030) read into a
 * catalogue, with a report of what became of every cell; a catalogue written
 * back as the tables; the audit of the trips they declare.
 * docs/listing-import.md states every column and code value. */

/* The tables: the four national ones, then onetrip's own three (written by
 * onetrip_listing_write_csv so that a catalogue survives the round trip).
 * Values are frozen. */
typedef enum onetrip_listing_table {
  ONETRIP_LISTING_BASIC = 0,                         /* 基本信息: one row per matter (required) */
  ONETRIP_LISTING_EXTEND = 1,                        /* 扩展信息 */
  ONETRIP_LISTING_MATERIALS = 2,                     /* 材料目录信息 */
  ONETRIP_LISTING_FEES = 3,                          /* 收费项目信息 */
  ONETRIP_LISTING_HALLS = 4,                         /* onetrip_halls */
  ONETRIP_LISTING_DEPARTMENTS = 5,                   /* onetrip_departments */
  ONETRIP_LISTING_MATERIAL_DEFS = 6,                 /* onetrip_materials */
  ONETRIP_LISTING_TABLE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_LISTING_TABLE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_listing_table;

/* What became of a cell. Values are frozen. */
typedef enum onetrip_mapping_outcome {
  ONETRIP_MAPPING_MAPPED = 0,                          /* read as it is */
  ONETRIP_MAPPING_DEFAULTED = 1,                       /* blank or absent: the default in the note */
  ONETRIP_MAPPING_NOT_UNDERSTOOD = 2,                  /* an unknown value: the default in the note used instead */
  ONETRIP_MAPPING_IGNORED = 3,                         /* a column onetrip has no field for (once, at row 1) */
  ONETRIP_MAPPING_REJECTED = 4,                        /* the row is left out; the note says why */
  ONETRIP_MAPPING_OUTCOME_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_MAPPING_OUTCOME_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_mapping_outcome;

/* The tables being gathered for an import.
 * Thread safety: one thread at a time. */
typedef struct onetrip_listing_input onetrip_listing_input;

/* A new empty set of tables; free it with onetrip_listing_input_free. */
ONETRIP_API onetrip_status onetrip_listing_input_new(onetrip_listing_input** out);

/* Frees it; NULL is allowed and does nothing. */
ONETRIP_API void onetrip_listing_input_free(onetrip_listing_input* input);

/* Adds a table from a CSV export's bytes (UTF-8, with or without a byte order
 * mark, or GB18030). `file` (NUL-terminated UTF-8) names it in messages. An
 * empty file, bytes that are neither UTF-8 nor GB18030, or a header that is
 * not CSV is ONETRIP_INVALID_ARGUMENT naming the file, and the input is
 * unchanged. A table given again replaces the earlier one. */
ONETRIP_API onetrip_status onetrip_listing_input_add_csv(onetrip_listing_input* input, onetrip_listing_table table,
                                                         const char* file, const char* bytes, size_t len);

/* An imported listing: its catalogue and mapping report.
 * Thread safety: immutable; any number of threads may read it at once. Only
 * onetrip_listing_free must not race with other uses. */
typedef struct onetrip_listing onetrip_listing;

/* Imports the tables (the basic one is required). `name` (NUL-terminated,
 * may be NULL) names the catalogue. Rows that form no part of a matter are
 * left out and listed in the report; with `strict`, any rejected row or value
 * not understood fails the import instead. A failed import is
 * ONETRIP_INVALID_ARGUMENT and its problems (each with file, row and column
 * in the path) are listed by onetrip_last_problem_count / onetrip_last_problem;
 * after a success they list the rejected rows and values not understood. */
ONETRIP_API onetrip_status onetrip_listing_import(const onetrip_listing_input* input, bool strict, const char* name,
                                                  onetrip_listing** out);

/* Frees an imported listing; NULL is allowed and does nothing. */
ONETRIP_API void onetrip_listing_free(onetrip_listing* listing);

/* The imported catalogue, as a new handle the caller frees with
 * onetrip_catalog_free (it shares the listing's data and outlives it). */
ONETRIP_API onetrip_status onetrip_listing_catalog(const onetrip_listing* listing, onetrip_catalog** out);

/* The number of report lines and of rejected rows. */
ONETRIP_API onetrip_status onetrip_listing_counts(const onetrip_listing* listing, size_t* out_report_lines,
                                                  int64_t* out_rejected_rows);

/* One line of the mapping report. Strings are borrowed from the listing
 * (valid while it lives), never NULL ("" when blank). Initialise with
 * ONETRIP_MAPPING_LINE_INIT. */
typedef struct onetrip_mapping_line {
  uint32_t struct_size; /* sizeof(onetrip_mapping_line) */
  const char* file;
  int64_t row; /* the file's line (the header is 1); 0 for a line about a whole table */
  const char* column;
  onetrip_mapping_outcome outcome;
  const char* value; /* the cell's text, for not understood and rejected lines */
  const char* note;  /* the default used, or why */
} onetrip_mapping_line;
#define ONETRIP_MAPPING_LINE_INIT \
  { (uint32_t)sizeof(onetrip_mapping_line), NULL, 0, NULL, ONETRIP_MAPPING_MAPPED, NULL, NULL }
/* Sets *s to ONETRIP_MAPPING_LINE_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_mapping_line) in the caller's header. */
ONETRIP_API onetrip_status onetrip_mapping_line_init(onetrip_mapping_line* s, uint32_t struct_size);

/* Report line `index` (ONETRIP_OUT_OF_RANGE past the end). */
ONETRIP_API onetrip_status onetrip_listing_report_line(const onetrip_listing* listing, size_t index,
                                                       onetrip_mapping_line* out);

/* The whole report as CSV (file,row,column,outcome,value,note), owned by the
 * caller (onetrip_string_free). out_len may be NULL. */
ONETRIP_API onetrip_status onetrip_listing_report_csv(const onetrip_listing* listing, char** out_utf8, size_t* out_len);

/* One table of a catalogue as CSV (UTF-8, national element names as
 * headers), owned by the caller (onetrip_string_free); `labels` writes the
 * Chinese labels (行政许可, 必要 …) instead of the national numeric codes.
 * Importing the seven tables gives the catalogue back without its bundles
 * and situations, its validity periods included (onetrip's columns). A
 * catalogue holding text the tables would read back different (blanks around
 * a text, a hall id holding ^, a special procedure's name holding ; or :,
 * docs/listing-import.md) is refused with ONETRIP_INVALID_ARGUMENT, the last
 * error naming each place ("$.matters[3].special_procedures[0].name: matter
 * …"), and *out_utf8 left unset. out_len may be NULL. */
ONETRIP_API onetrip_status onetrip_listing_write_csv(const onetrip_catalog* catalog, onetrip_listing_table table,
                                                     bool labels, char** out_utf8, size_t* out_len);

/* The audit of declared trips as CSV (code,name,declared_trips,
 * computed_trips,overclaims,online,reasons,findings): every matter with a
 * finding of onetrip's audit; overclaims is "yes" when it declares 0 or 1
 * trip and onetrip computes more. Owned by the caller (onetrip_string_free). */
ONETRIP_API onetrip_status onetrip_listing_audit_csv(const onetrip_catalog* catalog, char** out_utf8, size_t* out_len);

/* ---- BPMN 2.0 out and in ---------------------------------------------------------------
 * A bundle as a BPMN 2.0 process definition that Flowable or Camunda deploy,
 * and a process definition read back into a bundle (docs/bpmn.md). */

/* The engine whose extension attributes an export writes. Values are frozen. */
typedef enum onetrip_bpmn_engine {
  ONETRIP_BPMN_PLAIN = 0,    /* standard BPMN only: departments as potentialOwner group(...) */
  ONETRIP_BPMN_FLOWABLE = 1, /* flowable:candidateGroups, flowable:dueDate, flowable:businessCalendarName */
  ONETRIP_BPMN_CAMUNDA = 2   /* camunda:candidateGroups, camunda:dueDate, timers as a calendar bean's expression */
} onetrip_bpmn_engine;

/* Options of onetrip_bundle_bpmn. Initialise with ONETRIP_BPMN_OPTIONS_INIT.
 * With `accepted`, every limit is written as the date onetrip computes on
 * `calendar` (NULL: the China calendar) from that acceptance day; without,
 * limits in working days are left to the engine's business calendar named
 * `business_calendar` (NUL-terminated; NULL: "onetrip"). */
typedef struct onetrip_bpmn_options {
  uint32_t struct_size; /* sizeof(onetrip_bpmn_options) */
  onetrip_bpmn_engine engine;
  const onetrip_date* accepted;
  const onetrip_calendar* calendar;
  const char* business_calendar;
} onetrip_bpmn_options;
#define ONETRIP_BPMN_OPTIONS_INIT \
  { (uint32_t)sizeof(onetrip_bpmn_options), ONETRIP_BPMN_PLAIN, NULL, NULL, NULL }
/* Sets *s to ONETRIP_BPMN_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_bpmn_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_bpmn_options_init(onetrip_bpmn_options* s, uint32_t struct_size);

/* Bundle `bundle` as one BPMN 2.0 <definitions> document (UTF-8, NUL-
 * terminated), owned by the caller (onetrip_string_free); out_len may be
 * NULL. options NULL: the defaults. ONETRIP_OUT_OF_RANGE for a bundle index
 * past the end or a due date outside the calendar's coverage;
 * ONETRIP_INVALID_ARGUMENT for an engine out of range or a business calendar
 * that is not a name. */
ONETRIP_API onetrip_status onetrip_bundle_bpmn(const onetrip_catalog* catalog, uint32_t bundle,
                                               const onetrip_bpmn_options* options, char** out_utf8, size_t* out_len);

/* A BPMN file read back: a catalogue with one bundle, and the elements that
 * were not mapped. Immutable: may be shared by threads. */
typedef struct onetrip_bpmn_import onetrip_bpmn_import;

/* Reads `len` bytes of BPMN 2.0 XML. ONETRIP_INVALID_ARGUMENT, naming the
 * element's id (or the byte of an XML error), for a file that is not XML,
 * not BPMN, has no process with a user task, or whose tasks depend on each
 * other in a cycle; *out is then untouched. Free with onetrip_bpmn_import_free. */
ONETRIP_API onetrip_status onetrip_bpmn_import_xml(const char* xml, size_t len, onetrip_bpmn_import** out);

/* Frees an import; NULL is a no-op. */
ONETRIP_API void onetrip_bpmn_import_free(onetrip_bpmn_import* import);

/* A new handle on the imported catalogue (one bundle, index 0), freed with
 * onetrip_catalog_free; it outlives the import. */
ONETRIP_API onetrip_status onetrip_bpmn_import_catalog(const onetrip_bpmn_import* import, onetrip_catalog** out);

/* The number of elements not mapped. */
ONETRIP_API onetrip_status onetrip_bpmn_import_unmapped_count(const onetrip_bpmn_import* import, size_t* out_count);

/* Element `index` not mapped (ONETRIP_OUT_OF_RANGE past the end): its id, its
 * kind (the BPMN element's local name, e.g. "serviceTask") and what became of
 * it. Strings are borrowed from the import (valid while it lives), never NULL. */
ONETRIP_API onetrip_status onetrip_bpmn_import_unmapped(const onetrip_bpmn_import* import, size_t index,
                                                        const char** out_id, const char** out_kind,
                                                        const char** out_note);

/* ---- a catalogue over time: as of a day, the roadmap, the diff ------------------- */

/* The catalogue in force on `day` (docs/reforms-format.md, "Dated reforms"):
 * base with the scenario's undated reforms and every reform dated on or before
 * `day` applied (each dated one on the catalogue of its day), then what is in
 * force that day (Catalog::as_of): the matters and bundles by their
 * effective_from / effective_until, a matter's material uses, fee and
 * channels by their periods (docs/catalog-format.md, "Validity").
 * scenario_utf8 is an "onetrip-scenario/1" document, or NULL for none. On
 * failure nothing is made and the problems are listed by onetrip_last_problem. */
ONETRIP_API onetrip_status onetrip_catalog_as_of(const onetrip_catalog* base, const char* scenario_utf8,
                                                 size_t scenario_len, onetrip_date day, onetrip_catalog** out);

/* A roadmap: the catalogue month by month under a scenario's dated reforms.
 * Thread safety: immutable once made. */
typedef struct onetrip_roadmap onetrip_roadmap;

/* The roadmap from the month of `from` to the month of `to` on `calendar`
 * (NULL: the built-in China calendar). volumes_csv (may be NULL): one month's
 * cases ("id,volume" or the window table), used for every month without its
 * own; monthly_csv (may be NULL): "month,id,volume" counts. Every problem (a
 * reform dated outside the calendar, volumes of a month the roadmap does not
 * cover, a volume for a matter not in force that month, a reform that fails
 * on its day's catalogue) is listed by onetrip_last_problem; nothing is made. */
ONETRIP_API onetrip_status onetrip_roadmap_make(const onetrip_catalog* base, const char* scenario_utf8,
                                                size_t scenario_len, const onetrip_calendar* calendar,
                                                onetrip_date from, onetrip_date to, const char* volumes_csv,
                                                size_t volumes_len, const char* monthly_csv, size_t monthly_len,
                                                onetrip_roadmap** out);
/* The same with situation volumes (situation_csv, may be NULL; docs/reforms-format.md,
 * "Volumes"): the cases ("matter,situation,volume") or shares of a matter's cases
 * ("matter,situation,share") per situation, named by its answers ("items=股东"), holding in
 * every month. A matter with situation volumes is weighed by its situations' own figures before
 * and after each reform: shares split each month's cases of the matter, cases are its cases in
 * every month (a month's own volume for it is then a problem). */
ONETRIP_API onetrip_status onetrip_roadmap_make_situations(const onetrip_catalog* base, const char* scenario_utf8,
                                                           size_t scenario_len, const onetrip_calendar* calendar,
                                                           onetrip_date from, onetrip_date to, const char* volumes_csv,
                                                           size_t volumes_len, const char* monthly_csv,
                                                           size_t monthly_len, const char* situation_csv,
                                                           size_t situation_len, onetrip_roadmap** out);
/* The same with the months' own volumes counted from a case log
 * (case_log_csv, not NULL: the CSV onetrip_report_add_csv reads,
 * docs/case-records.md): each case the report would count counts one case of
 * its matter in the month it was accepted (the accepted column, else
 * received), for the months from..to only (other months' cases are passed
 * over). A row the report would skip is a bad row, and so is a case that
 * names no matter or whose matter is not in force on the day it was accepted;
 * the log names no bundle (a joint case counts for its matter). Bad rows are
 * skipped and listed by onetrip_last_problem ("line 12") after a success too;
 * with strict, a bad row fails the call (ONETRIP_INVALID_ARGUMENT, every bad
 * row listed) and nothing is made. volumes_csv and situation_csv (each may be
 * NULL) as in onetrip_roadmap_make_situations. */
ONETRIP_API onetrip_status onetrip_roadmap_make_case_log(const onetrip_catalog* base, const char* scenario_utf8,
                                                         size_t scenario_len, const onetrip_calendar* calendar,
                                                         onetrip_date from, onetrip_date to, const char* volumes_csv,
                                                         size_t volumes_len, const char* case_log_csv,
                                                         size_t case_log_len, const char* situation_csv,
                                                         size_t situation_len, bool strict, onetrip_roadmap** out);
/* Frees a roadmap; NULL is allowed. */
ONETRIP_API void onetrip_roadmap_free(onetrip_roadmap* roadmap);
/* The number of months and of dated reforms. */
ONETRIP_API onetrip_status onetrip_roadmap_counts(const onetrip_roadmap* roadmap, size_t* out_months,
                                                  size_t* out_reforms);

/* One dated reform of a roadmap, in date order; the label is borrowed from the roadmap. */
typedef struct onetrip_roadmap_reform {
  uint32_t struct_size;
  uint32_t position; /* in the scenario's "reforms" */
  onetrip_date effective_from;
  const char* label;       /* e.g. "express_delivery 330281-GA-01" */
  int32_t matters_changed; /* matters whose figures it changed */
  int32_t bundles_changed;
  /* a change of the catalogue's own validity periods ("period: A fee until 2017-07-31"), not a
   * reform; its position is then the scenario's reform count + its rank among the period changes */
  bool period;
} onetrip_roadmap_reform;
#define ONETRIP_ROADMAP_REFORM_INIT \
  { (uint32_t)sizeof(onetrip_roadmap_reform), 0, {0, 0, 0}, NULL, 0, 0, false }
/* Sets *s to ONETRIP_ROADMAP_REFORM_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_roadmap_reform) in the caller's header. */
ONETRIP_API onetrip_status onetrip_roadmap_reform_init(onetrip_roadmap_reform* s, uint32_t struct_size);
/* Dated change `index`, by date: a dated reform or a period change (ONETRIP_OUT_OF_RANGE past the end). */
ONETRIP_API onetrip_status onetrip_roadmap_reform_get(const onetrip_roadmap* roadmap, size_t index,
                                                      onetrip_roadmap_reform* out);

/* One month of a roadmap: the savings of every reform added up, and the
 * indicators of the catalogue in force on its last day at its volumes. */
typedef struct onetrip_roadmap_month {
  uint32_t struct_size;
  onetrip_date month; /* its first day */
  int32_t workdays;   /* working days of the month */
  bool volume_weighted;
  double volume; /* cases of the matters in force */
  double trips_saved;
  double worst_case_saved;
  double windows_saved;
  double days_saved; /* applicant working days */
  double share_zero_trips;
  double share_at_most_one_trip;
  double mean_trips;
  double mean_worst_case;
} onetrip_roadmap_month;
#define ONETRIP_ROADMAP_MONTH_INIT \
  { (uint32_t)sizeof(onetrip_roadmap_month), {0, 0, 0}, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_ROADMAP_MONTH_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_roadmap_month) in the caller's header. */
ONETRIP_API onetrip_status onetrip_roadmap_month_init(onetrip_roadmap_month* s, uint32_t struct_size);
/* Month `index` (ONETRIP_OUT_OF_RANGE past the end). */
ONETRIP_API onetrip_status onetrip_roadmap_month_get(const onetrip_roadmap* roadmap, size_t index,
                                                     onetrip_roadmap_month* out);

/* What one dated reform saved in one month: weighed by the share of the
 * month's working days it was in force, at the month's volumes. */
typedef struct onetrip_reform_month {
  uint32_t struct_size;
  double share_in_force;
  double trips_saved;
  double worst_case_saved;
  double windows_saved;
  double days_saved;
} onetrip_reform_month;
#define ONETRIP_REFORM_MONTH_INIT \
  { (uint32_t)sizeof(onetrip_reform_month), 0, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_REFORM_MONTH_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_reform_month) in the caller's header. */
ONETRIP_API onetrip_status onetrip_reform_month_init(onetrip_reform_month* s, uint32_t struct_size);
/* Reform `reform` in month `month` (ONETRIP_OUT_OF_RANGE past either end). */
ONETRIP_API onetrip_status onetrip_roadmap_reform_month(const onetrip_roadmap* roadmap, size_t month, size_t reform,
                                                        onetrip_reform_month* out);
/* The indicators before any dated reform, at the first month's volumes. */
ONETRIP_API onetrip_status onetrip_roadmap_before(const onetrip_roadmap* roadmap, onetrip_indicators* out);

/* Which kind of item a field change is of. Values are frozen. */
typedef enum onetrip_diff_item {
  ONETRIP_DIFF_CATALOG = 0,
  ONETRIP_DIFF_HALL = 1,
  ONETRIP_DIFF_DEPARTMENT = 2,
  ONETRIP_DIFF_MATERIAL = 3,
  ONETRIP_DIFF_MATTER = 4,
  ONETRIP_DIFF_BUNDLE = 5,
  ONETRIP_DIFF_ITEM_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_DIFF_ITEM_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_diff_item;

/* Values are frozen. */
typedef enum onetrip_diff_change {
  ONETRIP_DIFF_CHANGED = 0,
  ONETRIP_DIFF_ADDED = 1,
  ONETRIP_DIFF_REMOVED = 2,
  ONETRIP_DIFF_CHANGE_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_DIFF_CHANGE_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_diff_change;

/* What differs between two catalogues, field by field. Thread safety:
 * immutable once made. */
typedef struct onetrip_diff onetrip_diff;

/* Every hall, department, material, matter and bundle of a and b that was
 * added, removed or has a field that differs (matched by id, matters by code). */
ONETRIP_API onetrip_status onetrip_catalog_diff(const onetrip_catalog* a, const onetrip_catalog* b, onetrip_diff** out);
/* Frees a diff; NULL is allowed. */
ONETRIP_API void onetrip_diff_free(onetrip_diff* diff);
/* The number of field changes. */
ONETRIP_API onetrip_status onetrip_diff_count(const onetrip_diff* diff, size_t* out);

/* One change; strings borrowed from the diff, never NULL ("" when absent). */
typedef struct onetrip_field_change {
  uint32_t struct_size;
  onetrip_diff_item item;
  onetrip_diff_change change;
  const char* id;     /* the item's id (a matter's code); "" for the catalogue */
  const char* field;  /* the format's field name; "" when added or removed */
  const char* before; /* the value as JSON text; "" when absent (its default) */
  const char* after;
  bool affects_figures; /* the field enters a trip, day or indicator figure */
} onetrip_field_change;
#define ONETRIP_FIELD_CHANGE_INIT \
  { (uint32_t)sizeof(onetrip_field_change), ONETRIP_DIFF_CATALOG, ONETRIP_DIFF_CHANGED, NULL, NULL, NULL, NULL, false }
/* Sets *s to ONETRIP_FIELD_CHANGE_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_field_change) in the caller's header. */
ONETRIP_API onetrip_status onetrip_field_change_init(onetrip_field_change* s, uint32_t struct_size);
/* Change `index` (ONETRIP_OUT_OF_RANGE past the end). */
ONETRIP_API onetrip_status onetrip_diff_get(const onetrip_diff* diff, size_t index, onetrip_field_change* out);

/* ---- the one-time notice (一次性告知) ----------------------------------------------- */

/* One applicant's notice for a matter or a bundle: whether they may apply, the
 * materials, the trips and due date of their situation, the questions still open
 * (docs/catalog-format.md, "Situations"). Immutable; freed by onetrip_notice_free;
 * its strings live as long as it. May be read from several threads. */
typedef struct onetrip_notice onetrip_notice;

typedef enum onetrip_eligibility {
  ONETRIP_ELIGIBLE = 0,
  ONETRIP_NOT_ELIGIBLE = 1,                        /* at least one eligibility rule refuses */
  ONETRIP_ELIGIBILITY_UNDETERMINED = 2,            /* unanswered questions decide */
  ONETRIP_ELIGIBILITY_MIN_ENUM_ = -0x7FFFFFFF - 1, /* with _MAX_ENUM_: every int32 value is in range; not values */
  ONETRIP_ELIGIBILITY_MAX_ENUM_ = 0x7FFFFFFF
} onetrip_eligibility;

typedef struct onetrip_notice_options {
  uint32_t struct_size;
  const onetrip_calendar* calendar; /* for the due date; NULL: the official calendar of China */
  onetrip_date start;               /* the day of application; {0, 0, 0}: no due date */
} onetrip_notice_options;
#define ONETRIP_NOTICE_OPTIONS_INIT                             \
  {                                                             \
    (uint32_t)sizeof(onetrip_notice_options), NULL, { 0, 0, 0 } \
  }
/* Sets *s to ONETRIP_NOTICE_OPTIONS_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_notice_options) in the caller's header. */
ONETRIP_API onetrip_status onetrip_notice_options_init(onetrip_notice_options* s, uint32_t struct_size);

/* The notice for matter code or bundle id `code`, with `answer_count` answers,
 * each a NUL-terminated UTF-8 "question=value" ("area=40", "business=小餐饮店",
 * "foods=自酿酒,罐头", "agent=no"). Missing answers are not an error. An answer
 * to a question not asked, of the wrong type or outside the choices is
 * ONETRIP_INVALID_ARGUMENT naming the question and the allowed values; an
 * unknown code ONETRIP_NOT_FOUND. `options` may be NULL. */
ONETRIP_API onetrip_status onetrip_notice_make(const onetrip_catalog* catalog, const char* code_utf8, size_t code_len,
                                               const char* const* answers, size_t answer_count,
                                               const onetrip_notice_options* options, onetrip_notice** out);
/* Frees a notice; NULL is allowed. */
ONETRIP_API void onetrip_notice_free(onetrip_notice* notice);

typedef struct onetrip_notice_summary {
  uint32_t struct_size;
  onetrip_eligibility eligibility;
  int32_t trips;              /* for this situation, complete materials */
  int32_t worst_case;         /* one secondary material missing */
  int32_t workdays;           /* until the last result */
  onetrip_date due;           /* {0, 0, 0} without a start day */
  size_t member_count;        /* the matters that apply */
  size_t refusal_count;       /* ONETRIP_NOT_ELIGIBLE: the rules that refuse */
  size_t material_count;      /* to bring, then fetched by data sharing */
  size_t open_question_count; /* unanswered questions that would change the notice */
} onetrip_notice_summary;
#define ONETRIP_NOTICE_SUMMARY_INIT \
  { (uint32_t)sizeof(onetrip_notice_summary), ONETRIP_ELIGIBLE, 0, 0, 0, {0, 0, 0}, 0, 0, 0, 0 }
/* Sets *s to ONETRIP_NOTICE_SUMMARY_INIT (for an FFI that cannot expand the macro); struct_size is
 * sizeof(onetrip_notice_summary) in the caller's header. */
ONETRIP_API onetrip_status onetrip_notice_summary_init(onetrip_notice_summary* s, uint32_t struct_size);
/* The notice's summary into *out (set out->struct_size first, e.g. with
 * ONETRIP_NOTICE_SUMMARY_INIT): the fields its struct_size covers are written.
 * ONETRIP_INVALID_ARGUMENT for a NULL argument or a struct_size that is not a
 * released size of onetrip_notice_summary. */
ONETRIP_API onetrip_status onetrip_notice_get_summary(const onetrip_notice* notice, onetrip_notice_summary* out);

/* Refusal `index`: the reason told to the applicant, its legal basis ("" when
 * none), the code of the matter to apply for instead ("" when none); borrowed
 * from the notice. ONETRIP_OUT_OF_RANGE past the end. */
ONETRIP_API onetrip_status onetrip_notice_refusal(const onetrip_notice* notice, size_t index, const char** out_reason,
                                                  const char** out_basis, const char** out_instead);
/* Material `index`: its id (borrowed), copies, whether the window fetches it by
 * data sharing, and whether it is needed whatever the unanswered questions. */
ONETRIP_API onetrip_status onetrip_notice_material(const onetrip_notice* notice, size_t index, const char** out_id,
                                                   int32_t* out_copies, bool* out_shared, bool* out_certain);
/* Open question `index`: its id (borrowed). */
ONETRIP_API onetrip_status onetrip_notice_open_question(const onetrip_notice* notice, size_t index,
                                                        const char** out_id);
/* The notice as readable Chinese text (json false) or as JSON (true); borrowed
 * from the notice, NUL-terminated UTF-8. */
ONETRIP_API onetrip_status onetrip_notice_text(const onetrip_notice* notice, bool json, const char** out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ONETRIP_H_ */
