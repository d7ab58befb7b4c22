/*
 * Unit tests for json_read.c (the strict JSON reader) and baseline.c (the
 * findings of an earlier JSON report).
 */
#include "helpers.h"

#include "base/arena.h"
#include "load/json_read.h"
#include "policy/baseline.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static json_value *parse_ok(arena *a, const char *text, size_t len)
{
	json_value *v = NULL;
	sov_diags *d;
	int rc;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	rc = json_parse(&v, a, "t.json", text, len, d);
	if (rc != SOV_OK)
		fail_msg("json_parse: %s at %u:%u", sov_diags_count(d) ?
			sov_diags_get(d, 0)->message : "?",
			sov_diags_count(d) ? sov_diags_get(d, 0)->line : 0,
			sov_diags_count(d) ? sov_diags_get(d, 0)->column : 0);
	assert_int_equal(sov_diags_count(d), 0);
	sov_diags_free(d);
	assert_non_null(v);
	return v;
}

/* Which case of a table is running, for failure messages. */
static size_t case_no;

/* The one error that `d` must hold: place, what was expected, and a
 * message containing `text`. */
static void one_error(const sov_diags *d, unsigned line, unsigned column,
	const char *expected, const char *text)
{
	const sov_diag *g;

	if (sov_diags_count(d) != 1)
		fail_msg("case %zu: %zu diagnostics, expected 1", case_no,
			sov_diags_count(d));
	g = sov_diags_get(d, 0);
	assert_int_equal(g->severity, SOV_SEV_ERROR);
	assert_string_equal(g->file, "t.json");
	if (g->line != line || g->column != column)
		fail_msg("case %zu: \"%s\" at %u:%u, expected at %u:%u",
			case_no, g->message, g->line, g->column, line,
			column);
	if (!strstr(g->message, text))
		fail_msg("case %zu: message \"%s\" lacks \"%s\"", case_no,
			g->message, text);
	if (expected && (!g->expected || strcmp(g->expected, expected)))
		fail_msg("case %zu: expected \"%s\", not \"%s\"", case_no,
			expected, g->expected ? g->expected : "(null)");
}

/* Parses text[0..len) expecting SOV_EINPUT and exactly that error. */
static void json_fails(const char *text, size_t len, unsigned line,
	unsigned column, const char *expected, const char *msg)
{
	arena *a = arena_new(NULL);
	json_value *v = (json_value *)1;
	sov_diags *d;

	assert_non_null(a);
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(json_parse(&v, a, "t.json", text, len, d),
		SOV_EINPUT);
	assert_null(v);
	one_error(d, line, column, expected, msg);
	sov_diags_free(d);
	arena_free(a);
}

static baseline *baseline_ok(arena *a, const char *text)
{
	baseline *b = NULL;
	sov_diags *d;
	int rc;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	rc = baseline_parse(&b, a, "t.json", text, strlen(text), d);
	if (rc != SOV_OK)
		fail_msg("baseline_parse: %s at %u:%u", sov_diags_count(d) ?
			sov_diags_get(d, 0)->message : "?",
			sov_diags_count(d) ? sov_diags_get(d, 0)->line : 0,
			sov_diags_count(d) ? sov_diags_get(d, 0)->column : 0);
	assert_int_equal(sov_diags_count(d), 0);
	sov_diags_free(d);
	assert_non_null(b);
	return b;
}

static void baseline_fails(const char *text, unsigned line,
	unsigned column, const char *expected, const char *msg)
{
	arena *a = arena_new(NULL);
	baseline *b = (baseline *)1;
	sov_diags *d;

	assert_non_null(a);
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(baseline_parse(&b, a, "t.json", text, strlen(text),
		d), SOV_EINPUT);
	assert_null(b);
	one_error(d, line, column, expected, msg);
	sov_diags_free(d);
	arena_free(a);
}

/* ------------------------------------------------------------------ */
/* JSON: what parses                                                   */

static void json_scalars(void **state)
{
	arena *a = arena_new(NULL);
	json_value *v;

	(void)state;
	assert_int_equal(parse_ok(a, "null", 4)->type, JSON_NULL);
	assert_int_equal(parse_ok(a, " true ", 6)->type, JSON_TRUE);
	assert_int_equal(parse_ok(a, "\tfalse\r\n", 8)->type, JSON_FALSE);
	v = parse_ok(a, "-0", 2);
	assert_int_equal(v->type, JSON_NUMBER);
	assert_string_equal(v->text, "-0");
	assert_true(v->number == 0.0 && signbit(v->number));
	v = parse_ok(a, "1e5", 3);
	assert_string_equal(v->text, "1e5");
	assert_true(v->number == 100000.0);
	v = parse_ok(a, "1.5E-3", 6);
	assert_string_equal(v->text, "1.5E-3");
	assert_true(v->number == 1.5e-3);
	v = parse_ok(a, "-12.25e+2", 9);
	assert_true(v->number == -1225.0);
	assert_true(parse_ok(a, "0", 1)->number == 0.0);
	assert_true(parse_ok(a, "1234567890", 10)->number == 1234567890.0);
	/* json_str and json_get refuse what is not theirs. */
	assert_null(json_str(v));
	assert_null(json_get(v, "x"));
	assert_null(json_str(NULL));
	assert_null(json_get(NULL, "x"));
	arena_free(a);
}

static void json_strings(void **state)
{
	static const char esc[] = "\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"";
	static const char uni[] =
		"\"\\u00e9\\u20AC\\uD83D\\uDE00\\u0041G\xc3\xa4vle\"";
	arena *a = arena_new(NULL);
	json_value *v;

	(void)state;
	v = parse_ok(a, esc, strlen(esc));
	assert_int_equal(v->type, JSON_STRING);
	assert_string_equal(v->string, "a\"b\\c/d\be\ff\ng\rh\ti");
	assert_int_equal(v->len, 17);
	assert_ptr_equal(json_str(v), v->string);
	/* U+00E9, U+20AC, U+1F600 from a surrogate pair, then raw UTF-8. */
	v = parse_ok(a, uni, strlen(uni));
	assert_string_equal(v->string, "\xc3\xa9\xe2\x82\xac"
		"\xf0\x9f\x98\x80" "AG\xc3\xa4vle");
	assert_int_equal(v->len, 2 + 3 + 4 + 1 + 6);
	v = parse_ok(a, "\"\"", 2);
	assert_string_equal(v->string, "");
	assert_int_equal(v->len, 0);
	/* The largest code point and the last one before the surrogates. */
	v = parse_ok(a, "\"\\uDBFF\\uDFFF\\uD7FF\xf4\x8f\xbf\xbf\"", 24);
	assert_string_equal(v->string,
		"\xf4\x8f\xbf\xbf\xed\x9f\xbf\xf4\x8f\xbf\xbf");
	arena_free(a);
}

static void json_nested(void **state)
{
	static const char text[] =
		"{\"a\": [1, {\"b\": [[]]}, \"x\"],\n"
		" \"c\": {},\n"
		" \"a\": 2,\n"
		" \"\xc3\xa9\": [true,\n false, null]}";
	arena *a = arena_new(NULL);
	const json_value *v, *arr, *b;

	(void)state;
	v = parse_ok(a, text, strlen(text));
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->n, 4);
	assert_string_equal(v->keys[0], "a");
	assert_string_equal(v->keys[1], "c");
	assert_string_equal(v->keys[2], "a");
	assert_string_equal(v->keys[3], "\xc3\xa9");
	assert_string_equal(v->items[2]->key, "a");
	assert_ptr_equal(v->items[0]->next, v->items[1]);
	assert_null(v->items[3]->next);
	/* Duplicate keys: the first wins. */
	arr = json_get(v, "a");
	assert_ptr_equal(arr, v->items[0]);
	assert_int_equal(arr->type, JSON_ARRAY);
	assert_int_equal(arr->n, 3);
	assert_null(arr->keys);
	assert_null(arr->items[0]->key);
	assert_true(arr->items[0]->number == 1.0);
	b = json_get(arr->items[1], "b");
	assert_non_null(b);
	assert_int_equal(b->n, 1);
	assert_int_equal(b->items[0]->type, JSON_ARRAY);
	assert_int_equal(b->items[0]->n, 0);
	assert_null(b->items[0]->items);
	assert_string_equal(json_str(arr->items[2]), "x");
	assert_int_equal(json_get(v, "c")->type, JSON_OBJECT);
	assert_int_equal(json_get(v, "c")->n, 0);
	assert_null(json_get(v, "missing"));
	assert_null(json_get(arr, "a"));
	/* Lines and offsets of values. */
	assert_int_equal(v->line, 1);
	assert_int_equal(json_get(v, "c")->line, 2);
	assert_int_equal(json_get(v, "\xc3\xa9")->line, 4);
	assert_int_equal(json_get(v, "\xc3\xa9")->items[1]->line, 5);
	assert_int_equal(json_get(v, "\xc3\xa9")->items[1]->type,
		JSON_FALSE);
	b = json_get(v, "\xc3\xa9")->items[0];
	assert_int_equal(b->offset, (size_t)(strstr(text, "true") - text));
	/* Columns count characters: the two bytes of "é" are one. */
	assert_int_equal(json_column(text, strlen(text), b->offset), 8);
	arena_free(a);
}

static void json_bom(void **state)
{
	static const char text[] = "\xEF\xBB\xBF{\"k\": true}";
	arena *a = arena_new(NULL);
	json_value *v;

	(void)state;
	v = parse_ok(a, text, strlen(text));
	assert_int_equal(json_get(v, "k")->type, JSON_TRUE);
	/* The mark is not a column. */
	assert_int_equal(json_column(text, strlen(text), v->offset), 1);
	assert_int_equal(json_column(text, strlen(text),
		json_get(v, "k")->offset), 7);
	/* Only at the start. */
	json_fails("[\xEF\xBB\xBF]", 5, 1, 2, "a value or ']'",
		"unexpected byte 0xef");
	json_fails("\xEF\xBB\xBF[1,]", 7, 1, 4, "a value",
		"unexpected ']'");
	json_fails("\xEF\xBB\xBF", 3, 1, 1, "a value",
		"unexpected end of input");
	arena_free(a);
}

static void json_depth(void **state)
{
	char text[2 * 70 + 1];
	arena *a = arena_new(NULL);
	const json_value *v;
	int i;

	(void)state;
	/* 64 levels parse. */
	memset(text, '[', 64);
	memset(text + 64, ']', 64);
	v = parse_ok(a, text, 128);
	for (i = 1; i < 64; i++) {
		assert_int_equal(v->n, 1);
		v = v->items[0];
	}
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->n, 0);
	/* 65 do not, at the 65th bracket; scalars inside do not count. */
	memset(text, '[', 65);
	memset(text + 65, ']', 65);
	json_fails(text, 130, 1, 65, "at most 64 nested arrays and objects",
		"nesting deeper than 64 levels");
	memset(text, '[', 64);
	text[64] = '{';
	json_fails(text, 130, 1, 65, NULL, "nesting deeper than 64 levels");
	/* 100000 levels fail fast, without deep recursion. */
	{
		size_t n = 100000;
		char *deep = malloc(n);

		assert_non_null(deep);
		memset(deep, '[', n);
		json_fails(deep, n, 1, 65, NULL, "nesting deeper than 64");
		free(deep);
	}
	arena_free(a);
}

/* ------------------------------------------------------------------ */
/* JSON: what does not                                                 */

static void json_errors(void **state)
{
	static const struct {
		const char *text;
		unsigned line, column;
		const char *expected, *msg;
	} bad[] = {
		/* trailing commas */
		{ "[1,2,]", 1, 6, "a value", "unexpected ']'" },
		{ "{\"a\": 1,\n}", 2, 1, "a string key", "unexpected '}'" },
		/* missing colon, commas, keys */
		{ "{\n  \"a\" 1\n}", 2, 7, "':'", "unexpected '1'" },
		{ "[1 2]", 1, 4, "',' or ']'", "unexpected '2'" },
		{ "{\"a\":1 \"b\":2}", 1, 8, "',' or '}'", "unexpected '\"'" },
		{ "{a:1}", 1, 2, "a string key or '}'", "unexpected 'a'" },
		{ "[", 1, 2, "a value or ']'", "unexpected end of input" },
		{ "{\"a\":", 1, 6, "a value", "unexpected end of input" },
		{ "[,1]", 1, 2, "a value or ']'", "unexpected ','" },
		/* strings */
		{ "[\"abc", 1, 2, "'\"' to close the string",
		  "unterminated string" },
		{ "\"ab\\\"", 1, 1, "'\"' to close the string",
		  "unterminated string" },
		{ "\"a\\xb\"", 1, 3,
		  "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
		  "invalid escape '\\x'" },
		{ "\"a\\'\"", 1, 3, NULL, "invalid escape '\\''" },
		{ "[\"a\tb\"]", 1, 4, "an escape such as \\n or \\u001F",
		  "control character U+0009 in a string" },
		{ "\n\"a\nb\"", 2, 3, NULL, "control character U+000A" },
		{ "\"a\\\tb\"", 1, 4, NULL, "control character U+0009" },
		{ "\"\\u12G4\"", 1, 2, "four hex digits after \\u",
		  "invalid \\u escape" },
		{ "\"\\u12\"", 1, 2, NULL, "invalid \\u escape" },
		{ "\"x\\u0000\"", 1, 3, "a character other than NUL",
		  "\\u0000 is not allowed" },
		{ "\"\\uD83D\"", 1, 2,
		  "a low surrogate \\uDC00-\\uDFFF after it",
		  "lone high surrogate \\uD83D" },
		{ "\"\\ud83dx\"", 1, 2, NULL, "lone high surrogate \\uD83D" },
		{ "\"\\uD83D\\u0041\"", 1, 2, NULL, "lone high surrogate" },
		{ "\"\\uD83D\\uD83D\"", 1, 2, NULL, "lone high surrogate" },
		{ "[\"ok\", \"\\uDE00\"]", 1, 9,
		  "a high surrogate \\uD800-\\uDBFF first",
		  "lone low surrogate \\uDE00" },
		/* invalid UTF-8: bad continuation, overlong, surrogate,
		 * beyond U+10FFFF, stray continuation, truncated, 0xFF */
		{ "[\"ab\xc3\x28\"]", 1, 5, "UTF-8 text",
		  "invalid UTF-8 in a string" },
		{ "\"\xc0\xaf\"", 1, 2, NULL, "invalid UTF-8" },
		{ "\"\xe0\x80\xaf\"", 1, 2, NULL, "invalid UTF-8" },
		{ "\"\xed\xa0\x80\"", 1, 2, NULL, "invalid UTF-8" },
		{ "\"\xf4\x90\x80\x80\"", 1, 2, NULL, "invalid UTF-8" },
		{ "\"\xc3\xa9\x80\"", 1, 3, NULL, "invalid UTF-8" },
		{ "\"\xe2\x82\"", 1, 2, NULL, "invalid UTF-8" },
		{ "\"\xff\"", 1, 2, NULL, "invalid UTF-8" },
		/* numbers */
		{ "01", 1, 1, "a number without leading zeros",
		  "leading zero in number '01'" },
		{ "[1, -012]", 1, 5, NULL, "leading zero in number '-012'" },
		{ "[00]", 1, 2, NULL, "leading zero" },
		{ "-", 1, 2, "a digit", "unexpected end of input" },
		{ "[1.]", 1, 4, "a digit", "unexpected ']'" },
		{ "1e", 1, 3, "a digit", "unexpected end of input" },
		{ "1e+x", 1, 4, "a digit", "unexpected 'x'" },
		{ "-a", 1, 2, "a digit", "unexpected 'a'" },
		{ ".5", 1, 1, "a value", "unexpected '.'" },
		{ "+1", 1, 1, "a value", "unexpected '+'" },
		/* literals */
		{ "nul", 1, 1, "a value", "unexpected 'nul'" },
		{ "[True]", 1, 2, "a value or ']'", "unexpected 'True'" },
		/* trailing content */
		{ "{} x", 1, 4, "end of input", "unexpected 'x'" },
		{ "[1]\n\n  [2]", 3, 3, "end of input", "unexpected '['" },
		{ "truex", 1, 5, "end of input", "unexpected 'x'" },
		{ "1 2", 1, 3, "end of input", "unexpected '2'" },
		{ "// c\n1", 1, 1, "a value", "unexpected '/'" },
		/* nothing at all */
		{ "", 1, 1, "a value", "unexpected end of input" },
		{ "  \n  ", 2, 3, "a value", "unexpected end of input" },
		/* columns count characters, not bytes */
		{ "[\"\xc3\xa9\", x]", 1, 7, "a value", "unexpected 'x'" },
		{ "{\"\xe2\x82\xac\": 1,\n \"x\" 2}", 2, 6, "':'",
		  "unexpected '2'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		case_no = i;
		json_fails(bad[i].text, strlen(bad[i].text), bad[i].line,
			bad[i].column, bad[i].expected, bad[i].msg);
	}
	/* A NUL byte, outside a string and inside one. */
	json_fails("[1,\0]", 5, 1, 4, "a value", "unexpected byte 0x00");
	json_fails("\"a\0\"", 4, 1, 3, NULL, "control character U+0000");
	/* A NULL diagnostics list is allowed. */
	{
		arena *a = arena_new(NULL);
		json_value *v;

		assert_int_equal(json_parse(&v, a, "t.json", "[", 1, NULL),
			SOV_EINPUT);
		arena_free(a);
	}
}

/* ------------------------------------------------------------------ */
/* Baseline                                                            */

#define FINDING(p, r, c, d, v) \
	"{\"policy\":\"" p "\",\"rule\":\"" r "\",\"title\":\"T\"," \
	"\"severity\":\"error\",\"verdict\":\"" v "\",\"component\":\"" \
	c "\",\"data_class\":" d ",\"facet\":null}"

#define REPORT(dep, findings) \
	"{\"schema_version\":1,\"tool\":{\"name\":\"sovereign\"," \
	"\"version\":\"0.1.0\"},\"as_of\":\"2026-11-28\"," \
	"\"deployment\":{\"id\":\"" dep "\",\"title\":null," \
	"\"file\":\"x.xml\"},\"policies\":[],\"decision\":\"compliant\"," \
	"\"counts\":{},\"findings\":[\n" findings "]}"

static void baseline_one_report(void **state)
{
	static const char text[] = REPORT("shop",
		FINDING("p", "r1", "db", "\"personal\"", "violation") ",\n"
		FINDING("p", "r1", "web", "\"personal\"", "compliant") ",\n"
		FINDING("p", "r2", "db", "null", "indeterminate") ",\n"
		FINDING("p", "r3", "db", "\"personal\"", "waived") ",\n"
		FINDING("p", "r4", "db", "\"personal\"", "excepted") ",\n"
		FINDING("q", "r1", "db", "\"health\"", "violation") "\n");
	arena *a = arena_new(NULL);
	baseline *b;

	(void)state;
	b = baseline_ok(a, text);
	assert_int_equal(baseline_size(b), 3);
	assert_true(baseline_has(b, "shop", "p", "r1", "db", "personal",
		"violation"));
	assert_true(baseline_has(b, "shop", "p", "r2", "db", NULL,
		"indeterminate"));
	assert_true(baseline_has(b, "shop", "q", "r1", "db", "health",
		"violation"));
	/* null and "" are the same data class; a class is not. */
	assert_true(baseline_has(b, "shop", "p", "r2", "db", "",
		"indeterminate"));
	assert_false(baseline_has(b, "shop", "p", "r2", "db", "personal",
		"indeterminate"));
	assert_false(baseline_has(b, "shop", "p", "r1", "db", NULL,
		"violation"));
	/* Other verdicts are not kept, in any form. */
	assert_false(baseline_has(b, "shop", "p", "r1", "web", "personal",
		"compliant"));
	assert_false(baseline_has(b, "shop", "p", "r1", "web", "personal",
		"violation"));
	assert_false(baseline_has(b, "shop", "p", "r3", "db", "personal",
		"waived"));
	assert_false(baseline_has(b, "shop", "p", "r3", "db", "personal",
		"violation"));
	assert_false(baseline_has(b, "shop", "p", "r4", "db", "personal",
		"excepted"));
	/* Another verdict, deployment, policy, rule or component. */
	assert_false(baseline_has(b, "shop", "p", "r1", "db", "personal",
		"indeterminate"));
	assert_false(baseline_has(b, "shop2", "p", "r1", "db", "personal",
		"violation"));
	assert_false(baseline_has(b, "shop", "q", "r1", "db", "personal",
		"violation"));
	assert_false(baseline_has(b, "shop", "p", "r9", "db", "personal",
		"violation"));
	assert_false(baseline_has(b, "shop", "p", "r1", "db2", "personal",
		"violation"));
	/* A field holding the separator is never held. */
	assert_false(baseline_has(b, "shop", "p\x1fr1", "db", "personal",
		"violation", "violation"));
	assert_false(baseline_has(b, "shop", "p", "r1", "db", "personal",
		NULL));
	assert_false(baseline_has(NULL, "shop", "p", "r1", "db", "personal",
		"violation"));
	arena_free(a);
}

static void baseline_two_reports(void **state)
{
	static const char text[] = "[" REPORT("alpha",
		FINDING("p", "r1", "db", "\"personal\"", "violation") ",\n"
		FINDING("p", "r1", "db", "\"personal\"", "violation") ",\n"
		FINDING("p", "r2", "web", "null", "compliant") "\n")
		"\n," REPORT("beta",
		FINDING("p", "r2", "web", "null", "violation") ",\n"
		FINDING("p", "r1", "db", "\"personal\"", "waived") "\n")
		"\n]\n";
	arena *a = arena_new(NULL);
	baseline *b;

	(void)state;
	b = baseline_ok(a, text);
	/* The finding given twice is kept once. */
	assert_int_equal(baseline_size(b), 2);
	assert_true(baseline_has(b, "alpha", "p", "r1", "db", "personal",
		"violation"));
	assert_true(baseline_has(b, "beta", "p", "r2", "web", NULL,
		"violation"));
	assert_false(baseline_has(b, "beta", "p", "r1", "db", "personal",
		"violation"));
	assert_false(baseline_has(b, "alpha", "p", "r2", "web", NULL,
		"violation"));
	/* An empty array is an empty baseline. */
	b = baseline_ok(a, " [ ] ");
	assert_int_equal(baseline_size(b), 0);
	assert_false(baseline_has(b, "alpha", "p", "r1", "db", "personal",
		"violation"));
	arena_free(a);
}

/* The head of a report with `findings` on the lines after line 1. */
#define HEAD "{\"schema_version\":1,\"deployment\":{\"id\":\"d\"}," \
	"\"findings\":[\n"

static void baseline_shape_errors(void **state)
{
	static const struct {
		const char *text;
		unsigned line, column;
		const char *expected, *msg;
	} bad[] = {
		{ "{\n\"deployment\":{\"id\":\"d\"},\n\"schema_version\": 2,"
		  "\n\"findings\":[]}", 3, 19, "schema_version 1",
		  "unsupported schema_version 2 (expected 1)" },
		{ "{\"schema_version\":1.5}", 1, 19, "schema_version 1",
		  "unsupported schema_version 1.5 (expected 1)" },
		{ "{\"schema_version\":\"1\"}", 1, 19, "the number 1",
		  "'schema_version' is a string, not a number" },
		{ "\n {\"findings\":[]}", 2, 2, "\"schema_version\": 1",
		  "report has no 'schema_version'" },
		{ "{\"schema_version\":1,\n\"deployment\":{\"id\":\"d\"}}",
		  1, 1, "a 'findings' array", "report has no 'findings'" },
		{ "{\"schema_version\":1,\"deployment\":{\"id\":\"d\"},\n"
		  "\"findings\":{}}", 2, 12, "a 'findings' array",
		  "'findings' is an object, not an array" },
		{ "{\"schema_version\":1}", 1, 1, "a 'deployment' object",
		  "report has no 'deployment'" },
		{ "{\"schema_version\":1,\"deployment\":[]}", 1, 34,
		  "a 'deployment' object",
		  "'deployment' is an array, not an object" },
		{ "{\"schema_version\":1,\"deployment\":{}}", 1, 34,
		  "a string 'id'", "deployment has no 'id'" },
		{ "{\"schema_version\":1,\"deployment\":{\"id\":true}}", 1, 40,
		  "a string 'id'", "'id' is true, not a string" },
		{ HEAD FINDING("p", "r", "c", "null", "violation") ",\n"
		  "{\"policy\":\"p\",\"rule\":7}]}", 3, 22, "a string 'rule'",
		  "'rule' is a number, not a string" },
		{ HEAD "\n{\"policy\":\"p\"}]}", 3, 1, "a string 'rule'",
		  "finding has no 'rule'" },
		{ HEAD FINDING("p", "r", "c", "1", "violation") "]}", 2, 108,
		  "a string or null 'data_class'",
		  "'data_class' is a number, not a string" },
		{ HEAD FINDING("p", "r", "c", "null", "violation") ",\n"
		  " [] ]}", 3, 2, "a finding object",
		  "a finding is an object, not an array" },
		/* Shape checks hold for findings that are not kept, too. */
		{ HEAD FINDING("p", "r", "c", "null", "compliant") ",\n"
		  "{\"policy\":\"p\",\"rule\":\"r\",\"component\":null,"
		  "\"verdict\":\"compliant\",\"data_class\":null}]}", 3, 38,
		  "a string 'component'",
		  "'component' is null, not a string" },
		{ HEAD FINDING("p", "r\\u0001", "c", "null", "violation") "]}",
		  2, 22,
		  "an id of at most 255 bytes without control characters",
		  "'rule' is not an id" },
		{ "\"report\"", 1, 1, "a report object or an array of them",
		  "a baseline is a string, not a report" },
		{ "[" REPORT("d", "") ",\n 1]", 3, 2, "a report object",
		  "a report is an object, not a number" },
		/* The error is in the second report. */
		{ "[" REPORT("d", "") ",\n" HEAD "{\"rule\":\"r\"}]}]", 4, 1,
		  "a string 'policy'", "finding has no 'policy'" },
		/* JSON errors come through as they are. */
		{ "[" REPORT("d", "") ",]", 2, 4, "a value",
		  "unexpected ']'" },
	};
	char big[600];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		case_no = i;
		baseline_fails(bad[i].text, bad[i].line, bad[i].column,
			bad[i].expected, bad[i].msg);
	}
	/* An id of 300 bytes is refused, one of 255 is kept. */
	snprintf(big, sizeof(big), HEAD "{\"policy\":\"p\",\"rule\":"
		"\"%0300d\",\"component\":\"c\",\"verdict\":\"compliant\","
		"\"data_class\":null}]}", 0);
	baseline_fails(big, 2, 22, NULL, "'rule' is not an id");
	{
		char rule[256];
		arena *a = arena_new(NULL);
		baseline *b;

		memset(rule, 'r', 255);
		rule[255] = '\0';
		snprintf(big, sizeof(big), HEAD "{\"policy\":\"p\",\"rule\":"
			"\"%s\",\"component\":\"c\",\"verdict\":\"violation\","
			"\"data_class\":null}]}", rule);
		b = baseline_ok(a, big);
		assert_true(baseline_has(b, "d", "p", rule, "c", NULL,
			"violation"));
		/* Longer than any kept field: no, and no overflow. */
		{
			char longer[2000];

			memset(longer, 'r', sizeof(longer) - 1);
			longer[sizeof(longer) - 1] = '\0';
			assert_false(baseline_has(b, "d", "p", longer, "c",
				NULL, "violation"));
			assert_false(baseline_has(b, longer, longer, longer,
				longer, longer, longer));
		}
		arena_free(a);
	}
}

/* Finding i of the generated report: its rule, component, data class
 * and verdict. */
static const char *const verdicts[] = {
	"violation", "indeterminate", "compliant", "waived",
};

static char *large_report(size_t n)
{
	size_t cap = 200 + n * 160, len;
	char *text = malloc(cap);
	size_t i;

	assert_non_null(text);
	len = (size_t)snprintf(text, cap, HEAD);
	for (i = 0; i < n; i++) {
		char data[32];

		if (i % 5 == 0)
			snprintf(data, sizeof(data), "null");
		else
			snprintf(data, sizeof(data), "\"class-%zu\"", i % 3);
		len += (size_t)snprintf(text + len, cap - len,
			"%s{\"policy\":\"p\",\"rule\":\"r%zu\","
			"\"component\":\"c%zu\",\"data_class\":%s,"
			"\"verdict\":\"%s\"}\n", i ? "," : "", i % 7, i, data,
			verdicts[i % 4]);
		assert_true(len < cap);
	}
	snprintf(text + len, cap - len, "]}");
	return text;
}

static int large_has(const baseline *b, size_t i, const char *verdict)
{
	char rule[32], comp[32], data[32];

	snprintf(rule, sizeof(rule), "r%zu", i % 7);
	snprintf(comp, sizeof(comp), "c%zu", i);
	snprintf(data, sizeof(data), "class-%zu", i % 3);
	return baseline_has(b, "d", "p", rule, comp, i % 5 ? data : NULL,
		verdict);
}

static void baseline_large(void **state)
{
	const size_t n = 20000;
	char *text = large_report(n);
	arena *a = arena_new(NULL);
	baseline *b;
	size_t i;

	(void)state;
	b = baseline_ok(a, text);
	assert_int_equal(baseline_size(b), n / 2);
	for (i = 0; i < n; i++) {
		int keep = i % 4 < 2;

		if (large_has(b, i, verdicts[i % 4]) != keep)
			fail_msg("finding %zu: has() is %d", i, !keep);
		/* Never under the other kept verdict (or, for compliant
		 * and waived, under any). */
		if (large_has(b, i, verdicts[(i % 4) ^ 1]) ||
		    (!keep && large_has(b, i, "violation")))
			fail_msg("finding %zu: held under another verdict", i);
	}
	assert_false(large_has(b, n, "violation"));
	free(text);
	arena_free(a);
}

/* Several threads read one baseline at once. */
typedef struct {
	const baseline *b;
	size_t n, wrong;
} reader;

static void *read_all(void *arg)
{
	reader *r = arg;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (large_has(r->b, i, verdicts[i % 4]) != (i % 4 < 2))
			r->wrong++;
	return NULL;
}

static void baseline_threads(void **state)
{
	const size_t n = 4000;
	char *text = large_report(n);
	arena *a = arena_new(NULL);
	const baseline *b;
	pthread_t t[4];
	reader r[4];
	size_t i;

	(void)state;
	b = baseline_ok(a, text);
	for (i = 0; i < 4; i++) {
		r[i].b = b;
		r[i].n = n;
		r[i].wrong = 0;
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, read_all, &r[i]),
			0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].wrong, 0);
	}
	free(text);
	arena_free(a);
}

/* Every allocation failing in turn: SOV_ENOMEM, and nothing leaks. */
static void baseline_out_of_memory(void **state)
{
	char *text = large_report(300);
	failing f;
	long n, total = 0;
	int rc;

	(void)state;
	for (n = 0;; n++) {
		sov_allocator al = { f_malloc, f_realloc, f_free, NULL };
		arena *a;
		baseline *b = NULL;

		memset(&f, 0, sizeof(f));
		f.fail_at = n;
		al.ud = &f;
		a = arena_new(&al);
		if (!a) {
			assert_int_equal(n, 1);
			continue;
		}
		rc = baseline_parse(&b, a, "t.json", text, strlen(text),
			NULL);
		if (rc == SOV_OK)
			assert_int_equal(baseline_size(b), 150);
		arena_free(a);
		assert_int_equal(f.live, 0);
		if (n == 0) {
			assert_int_equal(rc, SOV_OK);
			total = f.calls;
			assert_true(total > 3);
		} else if (n <= total) {
			assert_int_equal(rc, SOV_ENOMEM);
		} else {
			break;
		}
	}
	free(text);
}

/*
 * Abridged from `sovereign check -p policies/regimes/eu-gdpr-transfers.xml
 * --as-of 2026-11-28 -f json examples/deployments/replica-violation.xml`:
 * four of its ten findings, with shorter citations and remediation.
 */
/* In parts: C99 compilers need not take a literal over 4095 bytes. */
static const char *const real_parts[] = {
"{\"schema_version\":1,\"tool\":{\"name\":\"sovereign\",\"version\":"
"\"0.1.0\"},\"as_of\":\"2026-11-28\",\"deployment\":{\"id\":"
"\"retail-brazil\",\"title\":\"Retailer with a Brazilian storefront\","
"\"file\":\"examples/deployments/replica-violation.xml\"},\"policies\":"
"[{\"id\":\"eu-gdpr-transfers\",\"title\":\"GDPR: transfers of personal "
"data outside the EEA\",\"file\":\"policies/regimes/eu-gdpr-transfers.xml"
"\"}],\"decision\":\"non-compliant\",\"counts\":{\"compliant\":7,"
"\"violation\":2,\"not-applicable\":0,\"indeterminate\":0,\"excepted\":1,"
"\"waived\":0},\"findings\":[\n",
"{\"policy\":\"eu-gdpr-transfers\",\"rule\":\"gdpr-44-stored\",\"title\":"
"\"Personal data is stored only in the EEA or in a country with an "
"adequacy decision\",\"severity\":\"error\",\"verdict\":\"compliant\","
"\"component\":\"br-customer-db\",\"data_class\":\"personal\",\"facet\":"
"\"stored\",\"jurisdictions\":[{\"jurisdiction\":\"BR\",\"name\":"
"\"Brazil\",\"via\":\"region brazilsouth (Sao Paulo State)\"}],"
"\"against\":\"EEA EU-ADEQUATE\",\"explanation\":\"'personal' data in "
"component 'br-customer-db' is stored in BR (Brazil).\",\"missing\":null,"
"\"exception\":null,\"waiver\":null,\"citations\":[{\"instrument\":"
"\"Regulation (EU) 2016/679 (GDPR)\",\"article\":\"Art. 44\",\"url\":"
"\"https://eur-lex.europa.eu/eli/reg/2016/679/oj\"}],\"remediation\":"
"\"Choose a region in the EEA.\",\"rule_location\":{\"file\":"
"\"policies/regimes/eu-gdpr-transfers.xml\",\"line\":50},"
"\"component_location\":{\"file\":"
"\"examples/deployments/replica-violation.xml\",\"line\":46}},\n",
"{\"policy\":\"eu-gdpr-transfers\",\"rule\":\"gdpr-44-replica\",\"title\":"
"\"Replicas and backups of personal data stay in the EEA or in a country "
"with an adequacy decision\",\"severity\":\"error\",\"verdict\":"
"\"violation\",\"component\":\"br-customer-db\",\"data_class\":"
"\"personal\",\"facet\":\"replica\",\"jurisdictions\":[{\"jurisdiction\":"
"\"US-TX\",\"name\":\"Texas, United States\",\"via\":\"the geo-redundant "
"copy in paired region southcentralus (Texas)\"}],\"against\":"
"\"EEA EU-ADEQUATE\",\"explanation\":\"'personal' data in component "
"'br-customer-db' has a replica in US-TX (Texas, United States). The rule "
"allows only: EEA EU-ADEQUATE.\",\"missing\":null,\"exception\":null,"
"\"waiver\":null,\"citations\":[{\"instrument\":\"Regulation (EU) "
"2016/679 (GDPR)\",\"article\":\"Art. 44\",\"url\":"
"\"https://eur-lex.europa.eu/eli/reg/2016/679/oj\"}],\"remediation\":"
"\"Keep every copy where the primary may be.\",\"rule_location\":"
"{\"file\":\"policies/regimes/eu-gdpr-transfers.xml\",\"line\":83},"
"\"component_location\":{\"file\":"
"\"examples/deployments/replica-violation.xml\",\"line\":46}},\n",
"{\"policy\":\"eu-gdpr-transfers\",\"rule\":\"gdpr-48-control\",\"title\":"
"\"The operator is not subject to the US CLOUD Act\",\"severity\":"
"\"warning\",\"verdict\":\"violation\",\"component\":\"br-customer-db\","
"\"data_class\":\"personal\",\"facet\":\"control\",\"jurisdictions\":"
"[{\"jurisdiction\":\"US\",\"name\":\"United States\",\"via\":\"operator "
"microsoft (Microsoft Corporation), seated in US-WA\"}],\"against\":null,"
"\"explanation\":\"'personal' data in component 'br-customer-db' is "
"exposed to US-CLOUD-ACT (18 U.S.C. \xc2\xa7 2713) through its operator "
"microsoft.\",\"missing\":null,\"exception\":null,\"waiver\":null,"
"\"citations\":[{\"instrument\":\"Regulation (EU) 2016/679 (GDPR)\","
"\"article\":\"Art. 48\",\"url\":"
"\"https://eur-lex.europa.eu/eli/reg/2016/679/oj\"}],\"remediation\":"
"\"Prefer an operator whose control chain stays in the EEA.\","
"\"rule_location\":{\"file\":\"policies/regimes/eu-gdpr-transfers.xml\","
"\"line\":190},\"component_location\":{\"file\":"
"\"examples/deployments/replica-violation.xml\",\"line\":46}},\n",
"{\"policy\":\"eu-gdpr-transfers\",\"rule\":\"gdpr-48-control\",\"title\":"
"\"The operator is not subject to the US CLOUD Act\",\"severity\":"
"\"warning\",\"verdict\":\"excepted\",\"component\":\"eu-reporting\","
"\"data_class\":\"personal\",\"facet\":\"control\",\"jurisdictions\":"
"[{\"jurisdiction\":\"US\",\"name\":\"United States\",\"via\":\"operator "
"microsoft (Microsoft Corporation), seated in US-WA\"}],\"against\":null,"
"\"explanation\":\"'personal' data in component 'eu-reporting' is "
"exposed to US-CLOUD-ACT.\",\"missing\":null,\"exception\":"
"\"Transfer safeguards in place (Art. 46)\",\"waiver\":null,"
"\"citations\":[{\"instrument\":\"Regulation (EU) 2016/679 (GDPR)\","
"\"article\":\"Art. 48\",\"url\":null}],\"remediation\":null,"
"\"rule_location\":{\"file\":\"policies/regimes/eu-gdpr-transfers.xml\","
"\"line\":190},\"component_location\":{\"file\":"
"\"examples/deployments/replica-violation.xml\",\"line\":59}}]}\n",
};

static void baseline_real_report(void **state)
{
	char real_report[8192] = "";
	arena *a = arena_new(NULL);
	const json_value *v, *f;
	baseline *b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(real_parts) / sizeof(real_parts[0]); i++) {
		assert_true(strlen(real_report) + strlen(real_parts[i]) <
			sizeof(real_report));
		strcat(real_report, real_parts[i]);
	}
	/* The tree first: the non-ASCII explanation and nested members. */
	v = parse_ok(a, real_report, strlen(real_report));
	f = json_get(v, "findings");
	assert_int_equal(f->n, 4);
	assert_int_equal(f->items[2]->line, 4);
	assert_non_null(strstr(json_str(json_get(f->items[2],
		"explanation")), "U.S.C. \xc2\xa7 2713"));
	assert_true(json_get(json_get(f->items[2], "rule_location"),
		"line")->number == 190.0);
	assert_int_equal(json_get(f->items[3], "remediation")->type,
		JSON_NULL);
	assert_true(json_get(json_get(v, "counts"), "violation")->number ==
		2.0);

	b = baseline_ok(a, real_report);
	assert_int_equal(baseline_size(b), 2);
	assert_true(baseline_has(b, "retail-brazil", "eu-gdpr-transfers",
		"gdpr-44-replica", "br-customer-db", "personal",
		"violation"));
	assert_true(baseline_has(b, "retail-brazil", "eu-gdpr-transfers",
		"gdpr-48-control", "br-customer-db", "personal",
		"violation"));
	assert_false(baseline_has(b, "retail-brazil", "eu-gdpr-transfers",
		"gdpr-44-stored", "br-customer-db", "personal",
		"compliant"));
	assert_false(baseline_has(b, "retail-brazil", "eu-gdpr-transfers",
		"gdpr-48-control", "eu-reporting", "personal",
		"violation"));
	assert_false(baseline_has(b, "retail-brazil", "eu-gdpr-transfers",
		"gdpr-44-replica", "eu-reporting", "personal",
		"violation"));
	assert_false(baseline_has(b, "compliant-shop", "eu-gdpr-transfers",
		"gdpr-44-replica", "br-customer-db", "personal",
		"violation"));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_scalars),
		cmocka_unit_test(json_strings),
		cmocka_unit_test(json_nested),
		cmocka_unit_test(json_bom),
		cmocka_unit_test(json_depth),
		cmocka_unit_test(json_errors),
		cmocka_unit_test(baseline_one_report),
		cmocka_unit_test(baseline_two_reports),
		cmocka_unit_test(baseline_shape_errors),
		cmocka_unit_test(baseline_large),
		cmocka_unit_test(baseline_threads),
		cmocka_unit_test(baseline_out_of_memory),
		cmocka_unit_test(baseline_real_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
