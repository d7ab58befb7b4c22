/* Unit tests for format.c and the buffers that use it: every output
 * matches vsnprintf's byte for byte, at every buffer size. */
#include "helpers.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/format.h"

static int ours(char *dst, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = format_v(dst, cap, fmt, ap);
	va_end(ap);
	return n;
}

/* Both printers, at every capacity from 0 to past the whole output;
 * bytes after the NUL are left as they were by both. */
#define SAME(...)                                                          \
	do {                                                               \
		char want[160], got[160];                                  \
		int nw = snprintf(want, sizeof(want), __VA_ARGS__);        \
		size_t cap;                                                \
		assert_true(nw >= 0 && (size_t)nw < sizeof(want));         \
		for (cap = 0; cap <= (size_t)nw + 2; cap++) {              \
			memset(want, 'x', sizeof(want));                   \
			memset(got, 'x', sizeof(got));                     \
			assert_int_equal(snprintf(want, cap, __VA_ARGS__), \
				nw);                                       \
			assert_int_equal(ours(got, cap, __VA_ARGS__), nw); \
			assert_memory_equal(got, want, sizeof(want));      \
		}                                                          \
	} while (0)

static void matches_snprintf(void **state)
{
	const char *null = NULL;

	(void)state;
	SAME("plain text, no conversion");
	SAME("%s", "");
	SAME("%s (%s), from %s", "DE", "Germany", "geo-redundant pair");
	/* glibc prints "(null)" for a null %s; so does format_v. */
	{
		char got[32];

		assert_int_equal(ours(got, sizeof(got), "%s|%s", null, "x"),
			8);
		assert_string_equal(got, "(null)|x");
	}
	SAME("%c%c%%%c", 'a', '"', 'z');
	SAME("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	SAME("%u %u", 0u, UINT_MAX);
	SAME("%ld %ld %ld", 0L, LONG_MAX, LONG_MIN);
	SAME("%lu %zu %zu", ULONG_MAX, (size_t)0, (size_t)-1);
	SAME(",\"line\":%u,\"column\":%u}", 12u, 7u);
	SAME("100%% of %zu", (size_t)3);
	SAME("%s%s%s%s%s", "a", "bb", "ccc", "dddd", "eeeee");
}

/* What the fast path does not know goes to the C library, whole. */
static void other_conversions_fall_back(void **state)
{
	(void)state;
	SAME("%04lx", 0x202eUL);
	SAME("%-8s|%5d|%.2s", "ab", 42, "xyz");
	SAME("%g %.0f", 1.5, 2.5);
	SAME("%02X:%x", 10u, 255u);
	SAME("%lld %hd", 5LL, (short)3);
	SAME("%s %08lx", "mixed", 0xbeefUL);
}

static void buffers_grow_past_one_pass(void **state)
{
	char big[1000];
	buf b;
	arena *a = arena_new(NULL);
	char *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b, NULL);
	buf_printf(&b, "[%s]", "x");
	for (i = 0; i < 5; i++)
		buf_printf(&b, "%zu:%s;", i, big);
	assert_false(b.oom);
	assert_int_equal(b.len, 3 + 5 * (2 + sizeof(big)));
	assert_int_equal(strlen(b.data), b.len);
	assert_memory_equal(b.data, "[x]0:abc", 8);
	/* big[996..998] are i, j, k */
	assert_memory_equal(b.data + b.len - 4, "ijk;", 4);
	buf_release(&b);

	assert_non_null(a);
	p = arena_printf(a, "%s=%d", "short", -3);
	assert_string_equal(p, "short=-3");
	p = arena_printf(a, "<%s>", big);
	assert_int_equal(strlen(p), sizeof(big) + 1);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[sizeof(big)], '>');
	p = arena_printf(a, "%s", "");
	assert_string_equal(p, "");
	arena_free(a);
}

static void json_strings_escape_at_every_offset(void **state)
{
	static const char *const cases[][2] = {
		{ "plain", "\"plain\"" },
		{ "", "\"\"" },
		{ "a\"b", "\"a\\\"b\"" },
		{ "back\\slash", "\"back\\\\slash\"" },
		{ "tab\there\n", "\"tab\\there\\n\"" },
		{ "del\x7f", "\"del\\u007f\"" },
		{ "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
		{ "bad\xff", "\"bad\\ufffd\"" },
		{ "rlo\xe2\x80\xae", "\"rlo\\u202e\"" },
	};
	size_t i, pad;

	(void)state;
	/* A run of plain bytes before each case moves the byte that ends
	 * the run through every position of the four-at-a-time scan. */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (pad = 0; pad < 9; pad++) {
			char in[64], want[96];
			buf b;

			snprintf(in, sizeof(in), "%.*s%s", (int)pad,
				"12345678", cases[i][0]);
			snprintf(want, sizeof(want), "\"%.*s%s", (int)pad,
				"12345678", cases[i][1] + 1);
			buf_init(&b, NULL);
			buf_json_str(&b, in);
			assert_false(b.oom);
			assert_string_equal(b.data, want);
			buf_release(&b);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_snprintf),
		cmocka_unit_test(other_conversions_fall_back),
		cmocka_unit_test(buffers_grow_past_one_pass),
		cmocka_unit_test(json_strings_escape_at_every_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
