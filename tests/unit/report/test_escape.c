/*
 * Unit tests for the reports' escaping (report_text.c, report_json.c):
 * what a terminal would obey is shown escaped, everything else as it is.
 * Input: strings with controls, bidirectional controls and bytes that
 * are not UTF-8. Output: the exact bytes each escaper writes.
 */
#include "helpers.h"

#include <string.h>

#include "report/report.h"

typedef struct {
	const char *in, *out;
} pair;

static void render_text(buf *b, const char *s)
{
	report_put_text(b, s);
}

static void render_json(buf *b, const char *s)
{
	buf_json_str(b, s);
}

static void check_all(const pair *cases, size_t n,
	void (*render)(buf *, const char *))
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf b;

		buf_init(&b, NULL);
		render(&b, cases[i].in);
		assert_false(b.oom);
		assert_string_equal(b.data ? b.data : "", cases[i].out);
		buf_release(&b);
	}
}

static void characters(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		long cp;
	} expected[] = {
		{ "a", 1, 'a' },
		{ "\xc3\xa9", 2, 0xe9 },
		{ "\xc2\x9b", 2, 0x9b },
		{ "\xe2\x80\xae", 3, 0x202e },
		{ "\xf0\x9f\x98\x80", 4, 0x1f600 },
		{ "\xc0\xaf", 1, -1 },          /* overlong */
		{ "\xed\xa0\x80", 1, -1 },      /* a surrogate */
		{ "\xf4\x90\x80\x80", 1, -1 },  /* above U+10FFFF */
		{ "\xe2\x80", 1, -1 },          /* cut short */
		{ "\x80", 1, -1 },              /* a continuation alone */
		{ "\xff", 1, -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		long cp = 0;

		assert_int_equal(buf_utf8(expected[i].s, &cp),
			expected[i].len);
		assert_int_equal(cp, expected[i].cp);
	}
	assert_true(buf_is_control(0x1b));
	assert_true(buf_is_control('\n'));
	assert_false(buf_is_control('\t'));
	assert_true(buf_is_control(0x7f));
	assert_true(buf_is_control(0x80));
	assert_true(buf_is_control(0x9f));
	assert_false(buf_is_control(0xa0));
	assert_false(buf_is_control(0x2029));
	assert_true(buf_is_control(0x202a));
	assert_true(buf_is_control(0x202e));
	assert_false(buf_is_control(0x202f));
	assert_false(buf_is_control(0x2065));
	assert_true(buf_is_control(0x2066));
	assert_true(buf_is_control(0x2069));
	assert_false(buf_is_control(0x206a));
	assert_true(buf_is_control(-1));
}

static void text(void **state)
{
	static const pair expected[] = {
		{ "plain text", "plain text" },
		{ "tab\tkept", "tab\tkept" },
		{ "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m" },
		{ "\x1b]0;title\x07", "\\x1b]0;title\\x07" },
		{ "two\nlines\r", "two\\x0alines\\x0d" },
		{ "del\x7f", "del\\x7f" },
		{ "csi\xc2\x9b" "31m", "csi\\u009b31m" },
		{ "\xc2\x80\xc2\x9f\xc2\xa0", "\\u0080\\u009f\xc2\xa0" },
		{ "a\xe2\x80\xaegnp.exe", "a\\u202egnp.exe" },
		{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
		  "\\u202a\\u202b\\u202c\\u202d" },
		{ "\xe2\x81\xa6i\xe2\x81\xa9", "\\u2066i\\u2069" },
		{ "\xe2\x81\xaa", "\xe2\x81\xaa" },
		{ "G\xc3\xa4vle, \xe6\x9d\xb1\xe4\xba\xac",
		  "G\xc3\xa4vle, \xe6\x9d\xb1\xe4\xba\xac" },
		{ "bad\xff", "bad\\xff" },
		{ "cut\xe2\x80", "cut\\xe2\\x80" },
		{ "over\xc0\xaf", "over\\xc0\\xaf" },
		{ "", "" },
	};

	(void)state;
	check_all(expected, sizeof(expected) / sizeof(expected[0]),
		render_text);
}

static void printf_escapes_strings_only(void **state)
{
	buf b;

	(void)state;
	buf_init(&b, NULL);
	report_printf(&b, "[%-8s] [%6s] [%-6s] %s\n", "ab", "ab", "\x1b",
		"\xe2\x80\xae");
	report_printf(&b, "%zu %u %d %ld %lu %c %%", (size_t)7, 8u, -9,
		-10L, 11UL, 'x');
	assert_false(b.oom);
	assert_string_equal(b.data, "[ab      ] [    ab] [\\x1b  ] \\u202e\n"
		"7 8 -9 -10 11 x %");
	buf_release(&b);
}

static void json(void **state)
{
	static const pair expected[] = {
		{ "plain", "\"plain\"" },
		{ "q\"b\\", "\"q\\\"b\\\\\"" },
		{ "\n\r\t\x01\x1b", "\"\\n\\r\\t\\u0001\\u001b\"" },
		{ "G\xc3\xa4vle", "\"G\xc3\xa4vle\"" },
		{ "del\x7f", "\"del\\u007f\"" },
		{ "csi\xc2\x9b", "\"csi\\u009b\"" },
		{ "\xe2\x80\xaeq\"\n", "\"\\u202eq\\\"\\n\"" },
		{ "\xe2\x81\xa9", "\"\\u2069\"" },
		{ "bad\xff\xfe", "\"bad\\ufffd\\ufffd\"" },
		{ "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"" },
	};
	buf b;

	(void)state;
	check_all(expected, sizeof(expected) / sizeof(expected[0]),
		render_json);
	buf_init(&b, NULL);
	buf_json_str(&b, NULL);
	assert_string_equal(b.data, "null");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(characters),
		cmocka_unit_test(text),
		cmocka_unit_test(printf_escapes_strings_only),
		cmocka_unit_test(json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
