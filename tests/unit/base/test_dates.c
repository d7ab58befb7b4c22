/* Unit tests for value.c: dates and durations. */
#include "helpers.h"

#include <string.h>

#include "base/dates.h"
#include "base/number.h"

static void dates_round_trip(void **state)
{
	static const char *const dates[] = {
		"1970-01-01", "2000-02-29", "2020-01-31", "2026-11-28",
		"2031-12-27", "1999-12-31",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		char out[11];
		int d;

		assert_int_equal(dates_parse(dates[i], &d), 0);
		dates_format(d, out);
		assert_string_equal(out, dates[i]);
	}
}

static void dates_order_and_epoch(void **state)
{
	int a, b;

	(void)state;
	assert_int_equal(dates_parse("1970-01-01", &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(dates_parse("2020-01-31", &a), 0);
	assert_int_equal(dates_parse("2020-02-01", &b), 0);
	assert_int_equal(b - a, 1);
}

static void bad_dates_rejected(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2023-02-29", "2026-13-01", "2026-00-10",
		"26-11-28", "2026/11/28", "2026-11-28T00:00", "", "abcd-ef-gh",
	};
	size_t i;
	int d;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(dates_parse(bad[i], &d), 0);
	assert_int_not_equal(dates_parse(NULL, &d), 0);
}

static void durations(void **state)
{
	static const struct { const char *s; double secs; } ok[] = {
		{ "PT24H", 86400 }, { "P1D", 86400 }, { "PT1.5H", 5400 },
		{ "P1DT12H", 129600 }, { "PT90M", 5400 }, { "PT30S", 30 },
		{ "P2W", 1209600 },
	};
	static const char *const bad[] = {
		"P", "PT", "24H", "P1Y", "P1M", "PT1D", "P1H", "PTH", "",
	};
	size_t i;
	double v;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(dates_duration(ok[i].s, &v), 0);
		assert_true(v == ok[i].secs);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(dates_duration(bad[i], &v), 0);
}

static void numbers_and_ranges(void **state)
{
	double v;

	(void)state;
	assert_int_equal(number_parse("42", &v), 0);
	assert_true(v == 42);
	assert_int_equal(number_parse("-1.5", &v), 0);
	assert_int_not_equal(number_parse("4x", &v), 0);
	assert_int_not_equal(number_parse(" 4", &v), 0);
	assert_true(dates_in_range(5, DATE_NONE, DATE_NONE));
	assert_true(dates_in_range(5, 5, 5));
	assert_false(dates_in_range(4, 5, DATE_NONE));
	assert_false(dates_in_range(6, DATE_NONE, 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_round_trip),
		cmocka_unit_test(dates_order_and_epoch),
		cmocka_unit_test(bad_dates_rejected),
		cmocka_unit_test(durations),
		cmocka_unit_test(numbers_and_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
