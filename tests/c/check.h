/* What the C tests share: one assertion, which counts passes and failures and
 * prints the library's last error beside a failure (main prints "N passed,
 * N failed"), reading a file whole, and making a date. */
#ifndef ONETRIP_TESTS_C_CHECK_H_
#define ONETRIP_TESTS_C_CHECK_H_

#include <stdio.h>
#include <stdlib.h>

#include "onetrip.h"

static int g_passed = 0;
static int g_failed = 0;

#define CHECK(cond)                                                                                                  \
  do {                                                                                                               \
    if (cond) {                                                                                                      \
      ++g_passed;                                                                                                    \
    } else {                                                                                                         \
      ++g_failed;                                                                                                    \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond, onetrip_last_error()); \
    }                                                                                                                \
  } while (0)

/* The file's bytes, NUL-terminated, in memory the caller frees; NULL if it cannot be opened. */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static char*
read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* text;
  long size;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = (char*)malloc((size_t)size + 1);
  *len = fread(text, 1, (size_t)size, f);
  text[*len] = '\0';
  fclose(f);
  return text;
}

/* A date from its parts. */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static onetrip_date
date(int32_t y, int32_t m, int32_t d) {
  onetrip_date out;
  out.year = y;
  out.month = m;
  out.day = d;
  return out;
}

/* The closing line CI reads, and the exit code. */
static int report_checks(void) {
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}

#endif /* ONETRIP_TESTS_C_CHECK_H_ */
