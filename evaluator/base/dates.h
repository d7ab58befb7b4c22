/*
 * value.h - dates and durations as the documents write them.
 */
#ifndef SOV_VALUE_H
#define SOV_VALUE_H

#include <limits.h>

#define DATE_NONE INT_MIN

/* "YYYY-MM-DD" -> days since 1970-01-01. Returns 0 on success. */
int value_date(const char *s, int *days);
/* days -> "YYYY-MM-DD" into out[11]. */
void value_date_str(int days, char out[11]);
/* ISO 8601 duration "PnW", "PnDTnHnMnS" -> seconds. Returns 0 on success. */
int value_duration(const char *s, double *seconds);
/* Plain decimal number. Returns 0 on success. */
int value_number(const char *s, double *out);
/* Is `days` inside the inclusive [from, until] range (DATE_NONE = open)? */
int value_in_range(int days, int from, int until);

#endif
