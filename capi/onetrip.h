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
 */
#ifndef ONETRIP_H_
#define ONETRIP_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ONETRIP_VERSION_MAJOR 0
#define ONETRIP_VERSION_MINOR 1
#define ONETRIP_VERSION_PATCH 0
#define ONETRIP_VERSION_NUMBER \
  (ONETRIP_VERSION_MAJOR * 10000 + ONETRIP_VERSION_MINOR * 100 + ONETRIP_VERSION_PATCH)
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
  ONETRIP_UNAUTHENTICATED = 16
} onetrip_status;

/* The message of the last failed call on this thread ("" after a success).
 * Never NULL; owned by the library; valid until the next onetrip call on
 * this thread. */
ONETRIP_API const char* onetrip_last_error(void);

/* The name of a status ("ONETRIP_OUT_OF_RANGE"); "ONETRIP_UNKNOWN_STATUS" for
 * a value that is not one. A static string. */
ONETRIP_API const char* onetrip_status_name(onetrip_status status);

/* ---- version ----------------------------------------------------------- */

/* The library's version, to compare with ONETRIP_VERSION_NUMBER /
 * ONETRIP_VERSION_STRING of the header a program was compiled with. */
ONETRIP_API int32_t onetrip_version_number(void);
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
  ONETRIP_DAY_WORKDAY = 0,        /* an ordinary working day */
  ONETRIP_DAY_WEEKEND = 1,        /* an ordinary day off */
  ONETRIP_DAY_HOLIDAY = 2,        /* a day off set by the rules */
  ONETRIP_DAY_MAKEUP_WORKDAY = 3  /* a working day on a usual day off (调休上班) */
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
  uint32_t struct_size;       /* sizeof(onetrip_calendar_rules) */
  onetrip_date first;         /* coverage, both ends included */
  onetrip_date last;
  uint32_t weekday_mask;      /* bit 0 Monday ... bit 6 Sunday; 0x1F = Monday-Friday */
  const onetrip_date* holidays;
  size_t holiday_count;
  const onetrip_date* makeup_workdays;
  size_t makeup_workday_count;
  const char* name;           /* UTF-8, NUL-terminated; may be NULL */
} onetrip_calendar_rules;

#define ONETRIP_CALENDAR_RULES_INIT \
  { (uint32_t)sizeof(onetrip_calendar_rules), {0, 0, 0}, {0, 0, 0}, 0x1Fu, NULL, 0, NULL, 0, NULL }

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
ONETRIP_API onetrip_status onetrip_calendar_extend_json(const onetrip_calendar* base, const char* utf8,
                                                        size_t len, onetrip_calendar** out);

/* A custom calendar from rules. */
ONETRIP_API onetrip_status onetrip_calendar_from_rules(const onetrip_calendar_rules* rules,
                                                       onetrip_calendar** out);

/* Frees a calendar; NULL is allowed and does nothing. */
ONETRIP_API void onetrip_calendar_free(onetrip_calendar* calendar);

/* The first and last date the calendar covers. */
ONETRIP_API onetrip_status onetrip_calendar_coverage(const onetrip_calendar* calendar, onetrip_date* out_first,
                                                     onetrip_date* out_last);

ONETRIP_API onetrip_status onetrip_calendar_is_workday(const onetrip_calendar* calendar, onetrip_date date,
                                                       bool* out);

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

/* The first working day strictly after / strictly before date. */
ONETRIP_API onetrip_status onetrip_calendar_next_workday(const onetrip_calendar* calendar, onetrip_date date,
                                                         onetrip_date* out);
ONETRIP_API onetrip_status onetrip_calendar_previous_workday(const onetrip_calendar* calendar, onetrip_date date,
                                                             onetrip_date* out);
/* date itself if it is a working day, else the next working day. */
ONETRIP_API onetrip_status onetrip_calendar_roll_forward(const onetrip_calendar* calendar, onetrip_date date,
                                                         onetrip_date* out);

/* The holidays and makeup working days of a month, in date order.
 * *out_count receives how many there are. Call with out = NULL and
 * capacity = 0 to ask the size; a smaller non-zero capacity is
 * ONETRIP_RESOURCE_EXHAUSTED and writes nothing. */
ONETRIP_API onetrip_status onetrip_calendar_special_days(const onetrip_calendar* calendar, int32_t year,
                                                         int32_t month, onetrip_special_day* out,
                                                         size_t capacity, size_t* out_count);

/* ---- problems ------------------------------------------------------------ */

/* The problems found by the last failed load or validation on this thread
 * (each with its JSON path), or 0 after any other call. Reading them does not
 * clear them; the next other onetrip call does. */
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
  ONETRIP_HALL_TOWNSHIP = 2
} onetrip_hall_kind;
typedef enum onetrip_material_form {
  ONETRIP_FORM_PAPER = 0,
  ONETRIP_FORM_ELECTRONIC = 1,
  ONETRIP_FORM_EITHER = 2
} onetrip_material_form;
typedef enum onetrip_material_source {
  ONETRIP_SOURCE_APPLICANT = 0,
  ONETRIP_SOURCE_GOVERNMENT = 1, /* can be shared instead of carried */
  ONETRIP_SOURCE_THIRD_PARTY = 2
} onetrip_material_source;
typedef enum onetrip_necessity {
  ONETRIP_NECESSITY_REQUIRED = 0,
  ONETRIP_NECESSITY_OPTIONAL = 1,
  ONETRIP_NECESSITY_TOLERABLE = 2 /* 容缺后补 */
} onetrip_necessity;
typedef enum onetrip_project_type {
  ONETRIP_IMMEDIATE = 0, /* 即办件 */
  ONETRIP_PROMISED = 1   /* 承诺件 */
} onetrip_project_type;
typedef enum onetrip_limit_unit {
  ONETRIP_UNIT_WORKDAYS = 0,
  ONETRIP_UNIT_NATURAL_DAYS = 1,
  ONETRIP_UNIT_MONTHS = 2
} onetrip_limit_unit;
typedef enum onetrip_online {
  ONETRIP_ONLINE_NONE = 0,
  ONETRIP_ONLINE_PRE_REVIEW = 1,
  ONETRIP_ONLINE_FULL = 2
} onetrip_online;
typedef enum onetrip_edge_kind {
  ONETRIP_EDGE_APPLICANT = 0,
  ONETRIP_EDGE_INTERNAL = 1
} onetrip_edge_kind;
typedef enum onetrip_acceptance {
  ONETRIP_ACCEPTANCE_SEPARATE = 0,
  ONETRIP_ACCEPTANCE_SINGLE_WINDOW = 1
} onetrip_acceptance;
typedef enum onetrip_results {
  ONETRIP_RESULTS_EACH = 0,
  ONETRIP_RESULTS_TOGETHER = 1
} onetrip_results;
typedef enum onetrip_entity {
  ONETRIP_ENTITY_HALL = 0,
  ONETRIP_ENTITY_DEPARTMENT = 1,
  ONETRIP_ENTITY_MATERIAL = 2,
  ONETRIP_ENTITY_MATTER = 3,
  ONETRIP_ENTITY_BUNDLE = 4
} onetrip_entity;

/* Loads an "onetrip/1" JSON document (docs/catalog-format.md). On failure the
 * problems are listed by onetrip_last_problem_count / onetrip_last_problem. */
ONETRIP_API onetrip_status onetrip_catalog_load_json(const char* utf8, size_t len, onetrip_catalog** out);
ONETRIP_API onetrip_status onetrip_catalog_load_file(const char* path, onetrip_catalog** out);

/* The canonical JSON of the catalogue, owned by the caller: free it with
 * onetrip_string_free. NUL-terminated; *out_len (if not NULL) is its length. */
ONETRIP_API onetrip_status onetrip_catalog_save_json(const onetrip_catalog* catalog, char** out_utf8,
                                                     size_t* out_len);

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
#define ONETRIP_CATALOG_COUNTS_INIT {(uint32_t)sizeof(onetrip_catalog_counts), 0, 0, 0, 0, 0}
ONETRIP_API onetrip_status onetrip_catalog_counts_get(const onetrip_catalog* catalog, onetrip_catalog_counts* out);

/* The index of an entity by its id (a matter by its code); ONETRIP_NOT_FOUND
 * when there is none. */
ONETRIP_API onetrip_status onetrip_catalog_find(const onetrip_catalog* catalog, onetrip_entity entity,
                                                const char* id, size_t id_len, uint32_t* out);

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
#define ONETRIP_HALL_INFO_INIT {(uint32_t)sizeof(onetrip_hall_info), NULL, NULL, NULL, ONETRIP_HALL_CENTRE}

typedef struct onetrip_department_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  const uint32_t* halls; /* hall indices */
  size_t hall_count;
} onetrip_department_info;
#define ONETRIP_DEPARTMENT_INFO_INIT {(uint32_t)sizeof(onetrip_department_info), NULL, NULL, NULL, 0}

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
#define ONETRIP_MATERIAL_INFO_INIT \
  {(uint32_t)sizeof(onetrip_material_info), NULL, NULL, ONETRIP_FORM_PAPER, false, ONETRIP_SOURCE_APPLICANT, NULL, \
   ONETRIP_NECESSITY_REQUIRED, NULL, true, false}

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
  int32_t site_inspection_days; /* -1: no site inspection */
  const char* personal_presence; /* "" when none */
  int32_t special_procedure_days; /* the sum over its special procedures */
  int32_t declared_trips;         /* -1: not declared */
  bool has_effective_from;
  onetrip_date effective_from;
  const char* note;
} onetrip_matter_info;
#define ONETRIP_MATTER_INFO_INIT                                                                                 \
  {(uint32_t)sizeof(onetrip_matter_info), NULL, NULL, 0, 0, NULL, ONETRIP_PROMISED, false, 0, ONETRIP_UNIT_WORKDAYS, 0, \
   ONETRIP_UNIT_WORKDAYS, 0, NULL, 0, 0, ONETRIP_ONLINE_NONE, false, false, false, false, false, -1, NULL, 0, -1, false, \
   {0, 0, 0}, NULL}

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
} onetrip_material_use;
#define ONETRIP_MATERIAL_USE_INIT \
  {(uint32_t)sizeof(onetrip_material_use), 0, ONETRIP_FORM_PAPER, false, ONETRIP_NECESSITY_REQUIRED, NULL, true}

typedef struct onetrip_bundle_info {
  uint32_t struct_size;
  const char* id;
  const char* name;
  uint32_t lead; /* department index */
  const uint32_t* members; /* matter indices */
  size_t member_count;
  size_t edge_count; /* see onetrip_catalog_bundle_edge */
  onetrip_acceptance acceptance;
  bool joint_inspection;
  onetrip_results results;
  const char* note;
} onetrip_bundle_info;
#define ONETRIP_BUNDLE_INFO_INIT                                                                            \
  {(uint32_t)sizeof(onetrip_bundle_info), NULL, NULL, 0, NULL, 0, 0, ONETRIP_ACCEPTANCE_SEPARATE, false, \
   ONETRIP_RESULTS_EACH, NULL}

/* `to` needs the result of `from`; both are positions in the bundle's members. */
typedef struct onetrip_bundle_edge {
  uint32_t struct_size;
  uint32_t from;
  uint32_t to;
  onetrip_edge_kind kind;
  int32_t days;
} onetrip_bundle_edge;
#define ONETRIP_BUNDLE_EDGE_INIT {(uint32_t)sizeof(onetrip_bundle_edge), 0, 0, ONETRIP_EDGE_APPLICANT, 0}

/* An index past the count is ONETRIP_OUT_OF_RANGE. */
ONETRIP_API onetrip_status onetrip_catalog_hall(const onetrip_catalog* catalog, uint32_t index, onetrip_hall_info* out);
ONETRIP_API onetrip_status onetrip_catalog_department(const onetrip_catalog* catalog, uint32_t index,
                                                      onetrip_department_info* out);
ONETRIP_API onetrip_status onetrip_catalog_material(const onetrip_catalog* catalog, uint32_t index,
                                                    onetrip_material_info* out);
ONETRIP_API onetrip_status onetrip_catalog_matter(const onetrip_catalog* catalog, uint32_t index,
                                                  onetrip_matter_info* out);
ONETRIP_API onetrip_status onetrip_catalog_matter_material(const onetrip_catalog* catalog, uint32_t matter,
                                                           uint32_t position, onetrip_material_use* out);
ONETRIP_API onetrip_status onetrip_catalog_bundle(const onetrip_catalog* catalog, uint32_t index,
                                                  onetrip_bundle_info* out);
ONETRIP_API onetrip_status onetrip_catalog_bundle_edge(const onetrip_catalog* catalog, uint32_t bundle,
                                                       uint32_t position, onetrip_bundle_edge* out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ONETRIP_H_ */
