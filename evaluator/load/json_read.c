/*
 * json_read.c - see json_read.h. A recursive-descent parser: one call per
 * value, bounded by JSON_MAX_DEPTH, and one pass over the input (strings
 * are scanned twice: once to find their end, once to decode). Children
 * are chained through `next` while they are read, and put in an array of
 * the right size when their container closes, so nothing is copied twice.
 */
#include "json_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/idindex.h"
#include "load/yaml_read.h"

#define STR_(x) #x
#define STR(x) STR_(x)

typedef struct {
	arena *a;
	const char *name;
	sov_diags *diags;
	const char *base;       /* the text as given, BOM included */
	const char *p, *end;
	unsigned line;          /* the line of p */
	const char *line_start; /* where that line starts */
	const char *cpos;       /* columns are counted up to here, */
	unsigned ccol;          /* which is in this column */
} parser;

static int parse_value(parser *ps, unsigned depth, json_value **out,
	const char *expected);

/* ------------------------------------------------------------------ */
/* Positions and errors                                                */

static int has_bom(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
}

unsigned json_column(const char *text, size_t len, size_t offset)
{
	size_t start, i;
	unsigned col = 1;

	if (offset > len)
		offset = len;
	start = offset;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	if (start == 0 && offset >= 3 && has_bom(text, len))
		start = 3;
	/* Continuation bytes belong to the character before them. */
	for (i = start; i < offset; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/*
 * Adds the parse error at `at`, which is always on the line of ps->p:
 * strings end at the first raw newline, so no error points back past
 * one. Returns SOV_EINPUT, or SOV_ENOMEM when the diagnostic is lost.
 */
static int fail(parser *ps, const char *at, const char *expected,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(parser *ps, const char *at, const char *expected,
	const char *fmt, ...)
{
	size_t len = (size_t)(ps->end - ps->base);
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (diag_add(ps->diags, SOV_SEV_ERROR, ps->name, ps->line,
		    json_column(ps->base, len, (size_t)(at - ps->base)),
		    expected, "%s", msg) != SOV_OK)
		return SOV_ENOMEM;
	return SOV_EINPUT;
}

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* "unexpected X" at ps->p, where X shows what is there. */
static int unexpected(parser *ps, const char *expected)
{
	const char *p = ps->p, *q = p;
	unsigned char c;

	if (p >= ps->end)
		return fail(ps, p, expected, "unexpected end of input");
	c = (unsigned char)*p;
	if (is_alnum(c)) {
		/* A whole word reads better than its first letter. */
		while (q < ps->end && q - p < 24 && is_alnum(*q))
			q++;
		return fail(ps, p, expected, "unexpected '%.*s'",
			(int)(q - p), p);
	}
	if (c > 0x20 && c < 0x7F)
		return fail(ps, p, expected, "unexpected '%c'", c);
	return fail(ps, p, expected, "unexpected byte 0x%02x", c);
}

/* The column of ps->p, counted on from the last one asked for, so that
 * a document on one long line still costs linear time. */
static unsigned column_here(parser *ps)
{
	if (ps->cpos < ps->line_start) {
		ps->cpos = ps->line_start;
		ps->ccol = 1;
	}
	for (; ps->cpos < ps->p; ps->cpos++)
		ps->ccol += ((unsigned char)*ps->cpos & 0xc0) != 0x80;
	return ps->ccol;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                             */

static void skip_ws(parser *ps)
{
	while (ps->p < ps->end) {
		char c = *ps->p;

		if (c == '\n') {
			ps->line++;
			ps->line_start = ps->p + 1;
		} else if (c != ' ' && c != '\t' && c != '\r')
			return;
		ps->p++;
	}
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static const char *skip_digits(const char *p, const char *end)
{
	while (p < end && is_digit(*p))
		p++;
	return p;
}

/* Needs at least one digit at *q; moves past all of them. */
static int digits(parser *ps, const char **q)
{
	if (*q >= ps->end || !is_digit(**q)) {
		ps->p = *q;
		return unexpected(ps, "a digit");
	}
	*q = skip_digits(*q, ps->end);
	return SOV_OK;
}

static int parse_number(parser *ps, json_value *v)
{
	const char *s = ps->p, *q = s;
	int rc;

	if (*q == '-')
		q++;
	if (q < ps->end && *q == '0' && q + 1 < ps->end && is_digit(q[1]))
		return fail(ps, s, "a number without leading zeros",
			"leading zero in number '%.*s'",
			(int)(skip_digits(q, ps->end) - s), s);
	if ((rc = digits(ps, &q)) != SOV_OK)
		return rc;
	if (q < ps->end && *q == '.') {
		q++;
		if ((rc = digits(ps, &q)) != SOV_OK)
			return rc;
	}
	if (q < ps->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < ps->end && (*q == '+' || *q == '-'))
			q++;
		if ((rc = digits(ps, &q)) != SOV_OK)
			return rc;
	}
	v->type = JSON_NUMBER;
	v->text = arena_strndup(ps->a, s, (size_t)(q - s));
	if (!v->text)
		return SOV_ENOMEM;
	/* The syntax is checked above; strtod only converts it. */
	v->number = strtod(v->text, NULL);
	ps->p = q;
	return SOV_OK;
}

static int parse_literal(parser *ps, json_value *v, const char *word,
	json_type type, const char *expected)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return unexpected(ps, expected);
	v->type = type;
	ps->p += n;
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */

/*
 * Length of the valid UTF-8 sequence at s (2 to 4 bytes), or 0. Strict:
 * no overlong forms, no surrogates, nothing above U+10FFFF.
 */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 0;
	}
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

static size_t put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The four hex digits after "\u" at s (s + 6 <= stop), or -1. */
static long hex4(const char *s, const char *stop)
{
	long v = 0;
	int i;

	if (stop - s < 6 || s[0] != '\\' || s[1] != 'u')
		return -1;
	for (i = 2; i < 6; i++) {
		int c = (unsigned char)s[i];

		v <<= 4;
		if (is_digit(c))
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Decodes a \u escape (a pair for a surrogate) at *s into o. */
static int unicode_escape(parser *ps, const char **s, const char *stop,
	char *o, size_t *n)
{
	long hi = hex4(*s, stop), lo;

	if (hi < 0)
		return fail(ps, *s, "four hex digits after \\u",
			"invalid \\u escape");
	if (hi == 0)
		return fail(ps, *s, "a character other than NUL",
			"\\u0000 is not allowed in a string");
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return fail(ps, *s, "a high surrogate \\uD800-\\uDBFF first",
			"lone low surrogate \\u%04lX", hi);
	if (hi < 0xD800 || hi > 0xDBFF) {
		*n = put_utf8(o, (unsigned long)hi);
		*s += 6;
		return SOV_OK;
	}
	lo = hex4(*s + 6, stop);
	if (lo < 0xDC00 || lo > 0xDFFF)
		return fail(ps, *s, "a low surrogate \\uDC00-\\uDFFF after it",
			"lone high surrogate \\u%04lX", hi);
	*n = put_utf8(o, 0x10000 + (((unsigned long)hi - 0xD800) << 10) +
		((unsigned long)lo - 0xDC00));
	*s += 12;
	return SOV_OK;
}

/* Decodes the escape at *s (a backslash, with s[1] < stop) into o. */
static int escape(parser *ps, const char **s, const char *stop, char *o,
	size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	unsigned char c = (unsigned char)(*s)[1];

	if (c == 'u')
		return unicode_escape(ps, s, stop, o, n);
	hit = c ? strchr(from, c) : NULL;
	if (!hit) {
		const char *exp = "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
			"\\uXXXX";

		if (c > 0x20 && c < 0x7F)
			return fail(ps, *s, exp, "invalid escape '\\%c'", c);
		return fail(ps, *s, exp, "invalid escape");
	}
	*o = to[hit - from];
	*n = 1;
	*s += 2;
	return SOV_OK;
}

/*
 * Where the string whose first byte is s stops: its closing quote, a
 * raw control character (newlines included, which keeps every string on
 * one line), or the end of the input.
 */
static const char *string_stop(const char *s, const char *end)
{
	while (s < end && *s != '"' && (unsigned char)*s >= 0x20) {
		if (*s == '\\' && s + 1 < end &&
		    (unsigned char)s[1] >= 0x20)
			s++;
		s++;
	}
	return s;
}

/* Decodes [s, stop) into o (room for stop - s bytes: no escape grows). */
static int decode(parser *ps, const char *s, const char *stop, char *o,
	size_t *len)
{
	size_t n = 0, k = 0;
	int rc;

	while (s < stop) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' && s + 1 < stop) {
			if ((rc = escape(ps, &s, stop, o + n, &k)) != SOV_OK)
				return rc;
		} else if (c == '\\') {
			break;  /* left for the caller: end or control */
		} else if (c < 0x80) {
			o[n] = (char)c;
			k = 1;
			s++;
		} else {
			k = utf8_seq((const unsigned char *)s,
				(size_t)(stop - s));
			if (!k)
				return fail(ps, s, "UTF-8 text",
					"invalid UTF-8 in a string");
			memcpy(o + n, s, k);
			s += k;
		}
		n += k;
	}
	o[n] = '\0';
	*len = n;
	return SOV_OK;
}

/* Reads the string whose opening quote is at ps->p. */
static int parse_string(parser *ps, const char **out, size_t *len)
{
	const char *open = ps->p, *stop = string_stop(open + 1, ps->end);
	char *o = arena_alloc(ps->a, (size_t)(stop - open));
	int rc;

	if (!o)
		return SOV_ENOMEM;
	if ((rc = decode(ps, open + 1, stop, o, len)) != SOV_OK)
		return rc;
	if (stop == ps->end)
		return fail(ps, open, "'\"' to close the string",
			"unterminated string");
	if (*stop != '"')
		return fail(ps, stop, "an escape such as \\n or \\u001F",
			"control character U+%04X in a string",
			(unsigned)(unsigned char)*stop);
	ps->p = stop + 1;
	*out = o;
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Arrays and objects                                                  */

/* Puts the n children chained from head into v's arrays. */
static int close_container(parser *ps, json_value *v, json_value *head,
	size_t n)
{
	size_t i;

	ps->p++;
	v->n = n;
	if (!n)
		return SOV_OK;
	v->items = arena_calloc(ps->a, n, sizeof(*v->items));
	if (v->type == JSON_OBJECT)
		v->keys = arena_calloc(ps->a, n, sizeof(*v->keys));
	if (!v->items || (v->type == JSON_OBJECT && !v->keys))
		return SOV_ENOMEM;
	for (i = 0; i < n; i++, head = head->next) {
		v->items[i] = head;
		if (v->keys)
			v->keys[i] = head->key;
	}
	return SOV_OK;
}

static int looking_at(const parser *ps, char c)
{
	return ps->p < ps->end && *ps->p == c;
}

static int parse_array(parser *ps, unsigned depth, json_value *v)
{
	json_value *head = NULL, **tail = &head, *item = NULL;
	size_t n = 0;
	int rc;

	v->type = JSON_ARRAY;
	ps->p++;
	skip_ws(ps);
	if (looking_at(ps, ']'))
		return close_container(ps, v, head, 0);
	for (;;) {
		rc = parse_value(ps, depth + 1, &item,
			n ? "a value" : "a value or ']'");
		if (rc != SOV_OK)
			return rc;
		*tail = item;
		tail = &item->next;
		n++;
		skip_ws(ps);
		if (looking_at(ps, ']'))
			return close_container(ps, v, head, n);
		if (!looking_at(ps, ','))
			return unexpected(ps, "',' or ']'");
		ps->p++;
	}
}

/* Reads `"key" :` at ps->p (after white space). */
static int parse_key(parser *ps, const char **key, size_t n)
{
	size_t len;
	int rc;

	if (!looking_at(ps, '"'))
		return unexpected(ps, n ? "a string key" :
			"a string key or '}'");
	if ((rc = parse_string(ps, key, &len)) != SOV_OK)
		return rc;
	skip_ws(ps);
	if (!looking_at(ps, ':'))
		return unexpected(ps, "':'");
	ps->p++;
	return SOV_OK;
}

static int parse_object(parser *ps, unsigned depth, json_value *v)
{
	json_value *head = NULL, **tail = &head, *item = NULL;
	const char *key = NULL;
	size_t n = 0;
	int rc;

	v->type = JSON_OBJECT;
	ps->p++;
	skip_ws(ps);
	if (looking_at(ps, '}'))
		return close_container(ps, v, head, 0);
	for (;;) {
		if ((rc = parse_key(ps, &key, n)) != SOV_OK)
			return rc;
		rc = parse_value(ps, depth + 1, &item, "a value");
		if (rc != SOV_OK)
			return rc;
		item->key = key;
		*tail = item;
		tail = &item->next;
		n++;
		skip_ws(ps);
		if (looking_at(ps, '}'))
			return close_container(ps, v, head, n);
		if (!looking_at(ps, ','))
			return unexpected(ps, "',' or '}'");
		ps->p++;
		skip_ws(ps);
	}
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* Reads one value after optional white space; depth counts the arrays
 * and objects around it. */
static int parse_value(parser *ps, unsigned depth, json_value **out,
	const char *expected)
{
	json_value *v = arena_alloc(ps->a, sizeof(*v));
	char c;

	/* Set before any return, so that callers never see it unset. */
	*out = v;
	if (!v)
		return SOV_ENOMEM;
	skip_ws(ps);
	if (ps->p >= ps->end)
		return unexpected(ps, expected);
	v->line = ps->line;
	v->column = column_here(ps);
	v->offset = (size_t)(ps->p - ps->base);
	c = *ps->p;
	if ((c == '[' || c == '{') && depth >= JSON_MAX_DEPTH)
		return fail(ps, ps->p, "at most " STR(JSON_MAX_DEPTH)
			" nested arrays and objects",
			"nesting deeper than " STR(JSON_MAX_DEPTH) " levels");
	switch (c) {
	case '[':
		return parse_array(ps, depth, v);
	case '{':
		return parse_object(ps, depth, v);
	case '"':
		v->type = JSON_STRING;
		return parse_string(ps, &v->string, &v->len);
	case 't':
		return parse_literal(ps, v, "true", JSON_TRUE, expected);
	case 'f':
		return parse_literal(ps, v, "false", JSON_FALSE, expected);
	case 'n':
		return parse_literal(ps, v, "null", JSON_NULL, expected);
	default:
		if (c == '-' || is_digit(c))
			return parse_number(ps, v);
		return unexpected(ps, expected);
	}
}

int json_parse(json_value **out, arena *a, const char *name,
	const char *text, size_t len, sov_diags *diags)
{
	parser ps;
	json_value *root = NULL;
	int rc;

	if (!out || !a || (!text && len))
		return SOV_EUSAGE;
	*out = NULL;
	if (!text)
		text = "";
	ps.a = a;
	ps.name = name;
	ps.diags = diags;
	ps.base = text;
	ps.p = text + (has_bom(text, len) ? 3 : 0);
	ps.end = text + len;
	ps.line = 1;
	ps.line_start = ps.cpos = ps.p;
	ps.ccol = 1;
	if ((rc = parse_value(&ps, 0, &root, "a value")) != SOV_OK)
		return rc;
	skip_ws(&ps);
	if (ps.p < ps.end)
		return unexpected(&ps, "end of input");
	*out = root;
	return SOV_OK;
}

const json_value *json_get(const json_value *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != JSON_OBJECT || !key)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *json_str(const json_value *v)
{
	return v && v->type == JSON_STRING ? v->string : NULL;
}

/* ------------------------------------------------------------------ */
/* Documents for import                                                */

/* The first key of `obj` that repeats an earlier one, or NULL. Small
 * objects are compared pairwise; larger ones go through a hash index so
 * that a hostile object of many keys stays linear. */
static const json_value *repeated_key(arena *a, const json_value *obj)
{
	idindex seen;
	size_t i, j;

	if (obj->n <= 16) {
		for (i = 1; i < obj->n; i++)
			for (j = 0; j < i; j++)
				if (strcmp(obj->keys[i], obj->keys[j]) == 0)
					return obj->items[i];
		return NULL;
	}
	if (idindex_init(&seen, a, obj->n) != SOV_OK)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (idindex_put(&seen, obj->keys[i], (int)i) >= 0)
			return obj->items[i];
	return NULL;
}

/* Refuses a document with a key twice in one object: which of the two
 * a reader takes is not defined, so neither is taken. */
int json_unique_keys(arena *a, const char *name, const json_value *v,
	sov_diags *diags)
{
	size_t i;
	int rc = SOV_OK;

	if (!v)
		return SOV_OK;
	if (v->type == JSON_OBJECT) {
		const json_value *dup = repeated_key(a, v);

		if (arena_failed(a))
			return SOV_ENOMEM;
		if (dup) {
			diag_add(diags, SOV_SEV_ERROR, name, dup->line,
				dup->column, "each key once in an object",
				"duplicate key '%s'", dup->key);
			return SOV_EINPUT;
		}
	}
	if (v->type == JSON_OBJECT || v->type == JSON_ARRAY)
		for (i = 0; i < v->n && rc == SOV_OK; i++)
			rc = json_unique_keys(a, name, v->items[i], diags);
	return rc;
}

int json_parse_doc(json_value **out, arena *a, const char *name,
	const char *text, size_t len, json_syntax syntax, sov_diags *diags)
{
	int rc = syntax == JSON_SYNTAX_YAML ?
		 yaml_parse(out, a, name, text, len, diags) :
		 json_parse(out, a, name, text, len, diags);

	if (rc == SOV_OK && *out)
		rc = json_unique_keys(a, name, *out, diags);
	if (rc != SOV_OK)
		*out = NULL;
	return rc;
}
