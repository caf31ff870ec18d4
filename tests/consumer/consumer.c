/* A C99 program built against the installed C ABI. */
#include <stdio.h>

#include "onetrip.h"

int main(void) {
  onetrip_calendar* china = NULL;
  onetrip_date start = {2017, 9, 29};
  onetrip_date due = {0, 0, 0};
  if (onetrip_version_number() != ONETRIP_VERSION_NUMBER) return 1;
  if (onetrip_calendar_china(&china) != ONETRIP_OK) return 1;
  if (onetrip_calendar_add_workdays(china, start, 20, &due) != ONETRIP_OK) {
    fprintf(stderr, "%s\n", onetrip_last_error());
    return 1;
  }
  onetrip_calendar_free(china);
  printf("C consumer: due %04d-%02d-%02d\n", (int)due.year, (int)due.month, (int)due.day);
  return due.year == 2017 && due.month == 11 && due.day == 2 ? 0 : 1;
}
