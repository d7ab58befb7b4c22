/*
 * number.c - base: a plain decimal number, the whole string and nothing
 * else, so that "4x" or " 4" is an error rather than 4.
 */
#include "number.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>

int number_parse(const char *s, double *out)
{
	char *end;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	*out = strtod(s, &end);
	return *end || !isfinite(*out) ? -1 : 0;
}
