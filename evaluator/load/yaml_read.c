/*
 * yaml_read.c - load: a YAML document (a CloudFormation template) read
 * with libyaml's event parser into the tree json_read.h describes, so
 * that the importers read YAML and JSON alike. Plain scalars resolve as
 * YAML 1.2's core schema does; a tag ("!Ref") is kept on its value.
 * Aliases are refused (nothing is expanded twice), so are a second
 * document and nesting deeper than JSON_MAX_DEPTH.
 */
#include "yaml_read.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/diag.h"

typedef struct {
	yaml_parser_t p;
	yaml_event_t ev;
	arena *a;
	const char *name;
	sov_diags *diags;
} reader;

static int fail_at(reader *r, const yaml_mark_t *m, const char *expected,
	const char *msg)
{
	diag_add(r->diags, SOV_SEV_ERROR, r->name, (unsigned)m->line + 1,
		(unsigned)m->column + 1, expected, "%s", msg);
	return SOV_EINPUT;
}

/* The parser's own error, with its position and what it was reading. */
static int syntax_error(reader *r)
{
	char msg[400];

	if (r->p.error == YAML_MEMORY_ERROR)
		return SOV_ENOMEM;
	snprintf(msg, sizeof(msg), "YAML: %s%s%s",
		r->p.problem ? r->p.problem : "malformed document",
		r->p.context ? " " : "", r->p.context ? r->p.context : "");
	return fail_at(r, &r->p.problem_mark, "well-formed YAML", msg);
}

static int next(reader *r)
{
	yaml_event_delete(&r->ev);
	if (!yaml_parser_parse(&r->p, &r->ev)) {
		memset(&r->ev, 0, sizeof(r->ev));
		return syntax_error(r);
	}
	return SOV_OK;
}

static int is_null(const char *s)
{
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static int bool_of(const char *s)
{
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return 1;
	if (!strcmp(s, "false") || !strcmp(s, "False") ||
	    !strcmp(s, "FALSE"))
		return 0;
	return -1;
}

/* Core schema numbers: [-+]?digits, with a fraction or an exponent. */
static int is_number(const char *s)
{
	char *end;

	if (!*s || !(isdigit((unsigned char)*s) || *s == '-' || *s == '+' ||
		     *s == '.'))
		return 0;
	(void)strtod(s, &end);
	return *end == '\0' && strspn(s, "+-0123456789.eE") == strlen(s);
}

/* A plain (unquoted, untagged) scalar becomes null, a boolean, a number
 * or a string, as YAML 1.2 resolves it. */
static void resolve_plain(json_value *v)
{
	int b = bool_of(v->string);

	if (is_null(v->string)) {
		v->type = JSON_NULL;
	} else if (b >= 0) {
		v->type = b ? JSON_TRUE : JSON_FALSE;
	} else if (is_number(v->string)) {
		v->type = JSON_NUMBER;
		v->text = v->string;
		v->number = strtod(v->string, NULL);
		v->string = NULL;
	}
}

static const char *tag_of(reader *r, const yaml_char_t *tag)
{
	const char *t = (const char *)tag;

	/* The standard tags say only what resolution would: drop them. */
	if (!t || strncmp(t, "tag:yaml.org,2002:", 18) == 0 ||
	    strcmp(t, "!") == 0)
		return NULL;
	return arena_strdup(r->a, t);
}

static json_value *new_value(reader *r, const yaml_mark_t *m)
{
	json_value *v = arena_calloc(r->a, 1, sizeof(*v));

	if (v) {
		v->line = (unsigned)m->line + 1;
		v->column = (unsigned)m->column + 1;
		v->offset = m->index;
	}
	return v;
}

static int scalar(reader *r, json_value *v)
{
	yaml_event_t *e = &r->ev;

	v->type = JSON_STRING;
	v->len = e->data.scalar.length;
	v->string = arena_strndup(r->a, (const char *)e->data.scalar.value,
		v->len);
	v->tag = tag_of(r, e->data.scalar.tag);
	if (!v->string)
		return SOV_ENOMEM;
	if (strlen(v->string) != v->len)
		return fail_at(r, &e->start_mark, "text without NUL "
			"characters", "a NUL character in a string");
	if (e->data.scalar.plain_implicit && !v->tag &&
	    e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		resolve_plain(v);
	return SOV_OK;
}

static int read_node(reader *r, unsigned depth, json_value **out);

/* Children of a sequence or mapping into an array in the arena. */
typedef struct {
	json_value **items;
	const char **keys;
	size_t n, cap;
} kids;

static int push(reader *r, kids *k, json_value *v, const char *key)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		json_value **items = arena_alloc(r->a, cap * sizeof(*items));
		const char **keys = arena_alloc(r->a, cap * sizeof(*keys));

		if (!items || !keys)
			return SOV_ENOMEM;
		if (k->n) {
			memcpy(items, k->items, k->n * sizeof(*items));
			memcpy(keys, k->keys, k->n * sizeof(*keys));
		}
		k->items = items;
		k->keys = keys;
		k->cap = cap;
	}
	v->key = key;
	k->items[k->n] = v;
	k->keys[k->n++] = key;
	if (k->n > 1)
		k->items[k->n - 2]->next = v;
	return SOV_OK;
}

/* A mapping's key must be a scalar: JSON keys are strings. */
static int read_key(reader *r, const char **key)
{
	if (r->ev.type != YAML_SCALAR_EVENT)
		return fail_at(r, &r->ev.start_mark, "a plain or quoted "
			"string", "a mapping key that is not a string");
	*key = arena_strndup(r->a, (const char *)r->ev.data.scalar.value,
		r->ev.data.scalar.length);
	return *key ? SOV_OK : SOV_ENOMEM;
}

static int read_children(reader *r, unsigned depth, json_value *v,
	int mapping)
{
	yaml_event_type_t end = mapping ? YAML_MAPPING_END_EVENT :
				YAML_SEQUENCE_END_EVENT;
	kids k = { NULL, NULL, 0, 0 };
	int rc = next(r);

	while (rc == SOV_OK && r->ev.type != end) {
		const char *key = NULL;
		json_value *child = NULL;

		if (mapping && (rc = read_key(r, &key)) == SOV_OK)
			rc = next(r);
		if (rc == SOV_OK)
			rc = read_node(r, depth + 1, &child);
		if (rc == SOV_OK)
			rc = push(r, &k, child, key);
		if (rc == SOV_OK)
			rc = next(r);
	}
	v->type = mapping ? JSON_OBJECT : JSON_ARRAY;
	v->items = k.items;
	v->keys = mapping ? k.keys : NULL;
	v->n = k.n;
	return rc;
}

/* node -> scalar | sequence | mapping; the current event starts it. */
static int read_node(reader *r, unsigned depth, json_value **out)
{
	yaml_event_t *e = &r->ev;
	json_value *v = new_value(r, &e->start_mark);

	*out = v;
	if (!v)
		return SOV_ENOMEM;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		return scalar(r, v);
	case YAML_ALIAS_EVENT:
		return fail_at(r, &e->start_mark, "the value written out",
			"YAML aliases are not supported");
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (depth >= JSON_MAX_DEPTH)
			return fail_at(r, &e->start_mark, "at most 64 nested "
				"sequences and mappings",
				"nesting deeper than 64 levels");
		v->tag = tag_of(r, e->type == YAML_MAPPING_START_EVENT ?
			e->data.mapping_start.tag :
			e->data.sequence_start.tag);
		return read_children(r, depth, v,
			e->type == YAML_MAPPING_START_EVENT);
	default:
		return fail_at(r, &e->start_mark, "a value",
			"unexpected YAML event");
	}
}

/* stream -> STREAM-START DOCUMENT-START node DOCUMENT-END STREAM-END */
static int read_stream(reader *r, json_value **out)
{
	int rc = next(r);

	if (rc == SOV_OK)
		rc = next(r);
	if (rc == SOV_OK && r->ev.type != YAML_DOCUMENT_START_EVENT)
		return fail_at(r, &r->ev.start_mark, "a YAML document",
			"the file is empty");
	if (rc == SOV_OK)
		rc = next(r);
	if (rc == SOV_OK)
		rc = read_node(r, 0, out);
	if (rc == SOV_OK)
		rc = next(r);
	if (rc == SOV_OK)
		rc = next(r);
	if (rc == SOV_OK && r->ev.type != YAML_STREAM_END_EVENT)
		return fail_at(r, &r->ev.start_mark, "one document",
			"a second YAML document in the file");
	return rc;
}

/* The length of the valid UTF-8 sequence at p[0..n), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xc2 && p[0] <= 0xdf ? 2 :
		     p[0] >= 0xe0 && p[0] <= 0xef ? 3 :
		     p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
	unsigned char lo = p[0] == 0xe0 ? 0xa0 : p[0] == 0xf0 ? 0x90 : 0x80;
	unsigned char hi = p[0] == 0xed ? 0x9f : p[0] == 0xf4 ? 0x8f : 0xbf;
	size_t i;

	if (len == 0 || len > n)
		return 0;
	for (i = 1; i < len; i++)
		if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
			return 0;
	return len;
}

/* libyaml reports bad UTF-8 without a position: find it first. */
static int check_utf8(reader *r, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	yaml_mark_t m = { 0, 0, 0 };
	size_t i = 0, n;

	while (i < len) {
		n = utf8_len(p + i, len - i);
		if (n == 0) {
			m.index = i;
			return fail_at(r, &m, "UTF-8 text",
				"a byte that is not UTF-8");
		}
		if (p[i] == '\n') {
			m.line++;
			m.column = 0;
		} else {
			m.column++;
		}
		i += n;
	}
	return SOV_OK;
}

int yaml_parse(json_value **out, arena *a, const char *name,
	const char *text, size_t len, sov_diags *diags)
{
	reader r;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.a = a;
	r.name = name;
	r.diags = diags;
	if ((rc = check_utf8(&r, text, len)) != SOV_OK)
		return rc;
	if (!yaml_parser_initialize(&r.p))
		return SOV_ENOMEM;
	yaml_parser_set_input_string(&r.p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&r.p, YAML_UTF8_ENCODING);
	rc = read_stream(&r, out);
	yaml_event_delete(&r.ev);
	yaml_parser_delete(&r.p);
	if (rc == SOV_OK && arena_failed(a))
		rc = SOV_ENOMEM;
	if (rc != SOV_OK)
		*out = NULL;
	return rc;
}
