/*
 * number.h - plain decimal numbers as documents write them (a rule's
 * threshold, a component's attribute value).
 */
#ifndef SOV_NUMBER_H
#define SOV_NUMBER_H

/* "42", "-1.5" -> *out; no spaces, nothing after it, finite. Returns 0 on
 * success. */
int number_parse(const char *s, double *out);

#endif
