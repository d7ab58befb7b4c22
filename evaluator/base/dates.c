/*
 * dates.c - calendar dates (proleptic Gregorian, no time zone: a date is a
 * whole UTC day) and ISO 8601 durations.
 */
#include "dates.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Days from civil date; the algorithm is the classic era-based one. */
static int days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

/* An xs:date may end in a time zone, Z or +hh:mm or -hh:mm. A date here
 * is a whole UTC day, so the zone is accepted and set aside. */
static int zone_suffix(const char *z)
{
	if (!*z)
		return 1;
	if (z[0] == 'Z' && !z[1])
		return 1;
	return (z[0] == '+' || z[0] == '-') && isdigit((unsigned char)z[1]) &&
	       isdigit((unsigned char)z[2]) && z[3] == ':' &&
	       isdigit((unsigned char)z[4]) && isdigit((unsigned char)z[5]) &&
	       !z[6];
}

int dates_parse(const char *s, int *days)
{
	int y, m, d, i;

	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    !zone_suffix(s + 10))
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void dates_format(int z, char out[11])
{
	int era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(out, 11, "%04d-%02d-%02d", (y % 10000 + 10000) % 10000,
		(m % 100 + 100) % 100, (d % 100 + 100) % 100);
}

static double unit_seconds(char unit, int in_time)
{
	if (!in_time)
		return unit == 'W' ? 604800.0 : unit == 'D' ? 86400.0 : -1;
	if (unit == 'H')
		return 3600.0;
	return unit == 'M' ? 60.0 : unit == 'S' ? 1.0 : -1.0;
}

int dates_duration(const char *s, double *seconds)
{
	int in_time = 0, parts = 0;
	double total = 0;

	if (!s || *s++ != 'P')
		return -1;
	while (*s) {
		char *end;
		double n, unit;

		if (*s == 'T' && !in_time) {
			in_time = 1;
			s++;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return -1;
		n = strtod(s, &end);
		unit = unit_seconds(*end, in_time);
		if (unit < 0)
			return -1;
		total += n * unit;
		parts++;
		s = end + 1;
	}
	if (!parts)
		return -1;
	*seconds = total;
	return 0;
}

int dates_in_range(int days, int from, int until)
{
	if (from != DATE_NONE && days < from)
		return 0;
	if (until != DATE_NONE && days > until)
		return 0;
	return 1;
}
