/*
 * dates.h - dates and durations as the documents write them.
 */
#ifndef SOV_DATES_H
#define SOV_DATES_H

#include <limits.h>

#define DATE_NONE INT_MIN

/* "YYYY-MM-DD" -> days since 1970-01-01. Returns 0 on success. */
int dates_parse(const char *s, int *days);
/* days -> "YYYY-MM-DD" into out[11]. */
void dates_format(int days, char out[11]);
/* ISO 8601 duration "PnW", "PnDTnHnMnS" -> seconds. Returns 0 on success. */
int dates_duration(const char *s, double *seconds);
/* Is `days` inside the inclusive [from, until] range (DATE_NONE = open)? */
int dates_in_range(int days, int from, int until);

#endif
