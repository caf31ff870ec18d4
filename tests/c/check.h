/* The C tests' one assertion: counts passes and failures and prints the
 * library's last error beside a failure; main prints "N passed, N failed". */
#ifndef ONETRIP_TESTS_C_CHECK_H_
#define ONETRIP_TESTS_C_CHECK_H_

#include <stdio.h>

#include "onetrip.h"

static int g_passed = 0;
static int g_failed = 0;

#define CHECK(cond)                                                                                    \
  do {                                                                                                 \
    if (cond) {                                                                                        \
      ++g_passed;                                                                                      \
    } else {                                                                                           \
      ++g_failed;                                                                                      \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond,          \
              onetrip_last_error());                                                                   \
    }                                                                                                  \
  } while (0)

/* The closing line CI reads, and the exit code. */
static int report_checks(void) {
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}

#endif /* ONETRIP_TESTS_C_CHECK_H_ */
