/*
 * baseline.c - see baseline.h. The report is parsed into a scratch arena,
 * walked once to check its shape and count the findings to keep, and
 * once more to put them in a hash set sized for that count. A finding is
 * one key: its six fields joined by SEP, which no id may hold.
 */
#include "baseline.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/idindex.h"
#include "load/json_read.h"

#define NFIELDS 6
#define SEP '\x1f'
/* Room for six fields, each followed by SEP or the final NUL. */
#define KEY_MAX (NFIELDS * (BASELINE_FIELD_MAX + 1))
#define STR_(x) #x
#define STR(x) STR_(x)

enum { F_DEPLOYMENT, F_POLICY, F_RULE, F_COMPONENT, F_DATA, F_VERDICT };

struct baseline {
	idindex set;              /* key -> 0; only presence matters */
};

/* What the shape errors need to name a place. */
typedef struct {
	const char *name;
	const char *text;
	size_t len;
	sov_diags *diags;
} checker;

/* ------------------------------------------------------------------ */
/* Keys                                                                */

/* Length of s, or BASELINE_FIELD_MAX + 1 when longer: no full strlen
 * of an arbitrarily long argument. */
static size_t field_len(const char *s)
{
	size_t n = 0;

	while (n <= BASELINE_FIELD_MAX && s[n])
		n++;
	return n;
}

static int is_id(const char *s)
{
	size_t i, n = field_len(s);

	if (n > BASELINE_FIELD_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return 0;
	return 1;
}

/*
 * Joins the fields into out (KEY_MAX bytes), NULL as "". Returns 0 when
 * a field is too long or holds SEP: such a finding is never stored.
 */
static int make_key(char *out, const char *const f[NFIELDS])
{
	size_t n = 0, i, k;

	for (i = 0; i < NFIELDS; i++) {
		const char *s = f[i] ? f[i] : "";

		k = field_len(s);
		if (k > BASELINE_FIELD_MAX || memchr(s, SEP, k))
			return 0;
		memcpy(out + n, s, k);
		n += k;
		out[n++] = i + 1 < NFIELDS ? SEP : '\0';
	}
	return 1;
}

static int kept(const char *verdict)
{
	return strcmp(verdict, "violation") == 0 ||
	       strcmp(verdict, "indeterminate") == 0;
}

static int add(baseline *b, arena *a, const char *const f[NFIELDS])
{
	char key[KEY_MAX];
	const char *copy;

	/* Fields were checked with is_id(), so the key always fits; a
	 * finding given twice is stored once. */
	if (!make_key(key, f) || idindex_get(&b->set, key) >= 0)
		return SOV_OK;
	copy = arena_strdup(a, key);
	if (!copy)
		return SOV_ENOMEM;
	idindex_put(&b->set, copy, 0);
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Shape                                                               */

static const char *type_name(const json_value *v)
{
	static const char *const names[] = {
		"null", "false", "true", "a number", "a string", "an array",
		"an object",
	};

	return names[v->type];
}

static int shape(const checker *c, const json_value *at,
	const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Adds a shape error at value `at`; returns SOV_EINPUT or SOV_ENOMEM. */
static int shape(const checker *c, const json_value *at,
	const char *expected, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (diag_add(c->diags, SOV_SEV_ERROR, c->name, at->line,
		    json_column(c->text, c->len, at->offset), expected,
		    "%s", msg) != SOV_OK)
		return SOV_ENOMEM;
	return SOV_EINPUT;
}

/*
 * The id-like string member `key` of obj (which is `what`, for the
 * message) into *out. With `nullable`, null is allowed and gives NULL.
 */
static int field(const checker *c, const json_value *obj, const char *what,
	const char *key, int nullable, const char **out)
{
	const json_value *v = json_get(obj, key);
	char expected[64];

	if (nullable)
		snprintf(expected, sizeof(expected), "a string or null '%s'",
			key);
	else
		snprintf(expected, sizeof(expected), "a string '%s'", key);
	if (!v)
		return shape(c, obj, expected, "%s has no '%s'", what, key);
	*out = NULL;
	if (nullable && v->type == JSON_NULL)
		return SOV_OK;
	if (v->type != JSON_STRING)
		return shape(c, v, expected, "'%s' is %s, not a string", key,
			type_name(v));
	if (!is_id(v->string))
		return shape(c, v, "an id of at most "
			STR(BASELINE_FIELD_MAX) " bytes without control "
			"characters", "'%s' is not an id", key);
	*out = v->string;
	return SOV_OK;
}

static int check_version(const checker *c, const json_value *r)
{
	const json_value *v = json_get(r, "schema_version");

	if (!v)
		return shape(c, r, "\"schema_version\": 1",
			"report has no 'schema_version'");
	if (v->type != JSON_NUMBER)
		return shape(c, v, "the number 1",
			"'schema_version' is %s, not a number",
			type_name(v));
	if (v->number != 1.0)
		return shape(c, v, "schema_version 1",
			"unsupported schema_version %.32s (expected 1)",
			v->text);
	return SOV_OK;
}

/* Checks the report's own members; gives its deployment id and its
 * findings array. */
static int check_report(const checker *c, const json_value *r,
	const char **deployment, const json_value **findings)
{
	const json_value *d, *f;
	int rc;

	if (r->type != JSON_OBJECT)
		return shape(c, r, "a report object",
			"a report is an object, not %s", type_name(r));
	if ((rc = check_version(c, r)) != SOV_OK)
		return rc;
	d = json_get(r, "deployment");
	if (!d)
		return shape(c, r, "a 'deployment' object",
			"report has no 'deployment'");
	if (d->type != JSON_OBJECT)
		return shape(c, d, "a 'deployment' object",
			"'deployment' is %s, not an object", type_name(d));
	if ((rc = field(c, d, "deployment", "id", 0, deployment)) != SOV_OK)
		return rc;
	f = json_get(r, "findings");
	if (!f)
		return shape(c, r, "a 'findings' array",
			"report has no 'findings'");
	if (f->type != JSON_ARRAY)
		return shape(c, f, "a 'findings' array",
			"'findings' is %s, not an array", type_name(f));
	*findings = f;
	return SOV_OK;
}

/* Reads the five fields of finding f into key[1..5]. */
static int read_finding(const checker *c, const json_value *f,
	const char *key[NFIELDS])
{
	static const struct {
		const char *name;
		int slot, nullable;
	} fields[] = {
		{ "policy", F_POLICY, 0 },
		{ "rule", F_RULE, 0 },
		{ "component", F_COMPONENT, 0 },
		{ "verdict", F_VERDICT, 0 },
		{ "data_class", F_DATA, 1 },
	};
	size_t i;
	int rc;

	if (f->type != JSON_OBJECT)
		return shape(c, f, "a finding object",
			"a finding is an object, not %s", type_name(f));
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		rc = field(c, f, "finding", fields[i].name,
			fields[i].nullable, &key[fields[i].slot]);
		if (rc != SOV_OK)
			return rc;
	}
	return SOV_OK;
}

/*
 * Checks report r. Without b, counts its findings to keep into *n; with
 * b, adds them to it (the check has passed by then).
 */
static int walk_report(const checker *c, const json_value *r,
	baseline *b, arena *a, size_t *n)
{
	const char *key[NFIELDS] = { NULL };
	const json_value *findings = NULL;
	size_t i;
	int rc;

	rc = check_report(c, r, &key[F_DEPLOYMENT], &findings);
	if (rc != SOV_OK || !findings)
		return rc != SOV_OK ? rc : SOV_ERROR;
	for (i = 0; i < findings->n; i++) {
		rc = read_finding(c, findings->items[i], key);
		if (rc != SOV_OK)
			return rc;
		if (!kept(key[F_VERDICT]))
			continue;
		if (!b)
			(*n)++;
		else if ((rc = add(b, a, key)) != SOV_OK)
			return rc;
	}
	return SOV_OK;
}

static int walk(const checker *c, const json_value *root, baseline *b,
	arena *a, size_t *n)
{
	size_t i;
	int rc;

	if (root->type == JSON_OBJECT)
		return walk_report(c, root, b, a, n);
	if (root->type != JSON_ARRAY)
		return shape(c, root, "a report object or an array of them",
			"a baseline is %s, not a report", type_name(root));
	for (i = 0; i < root->n; i++)
		if ((rc = walk_report(c, root->items[i], b, a, n)) != SOV_OK)
			return rc;
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* API                                                                 */

/* Checks and counts, then sizes the set and fills it. */
static int build(baseline **out, arena *a, const checker *c,
	const json_value *root)
{
	baseline *b;
	size_t n = 0;
	int rc;

	if ((rc = walk(c, root, NULL, a, &n)) != SOV_OK)
		return rc;
	b = arena_alloc(a, sizeof(*b));
	if (!b || idindex_init(&b->set, a, n) != SOV_OK)
		return SOV_ENOMEM;
	if ((rc = walk(c, root, b, a, &n)) != SOV_OK)
		return rc;
	*out = b;
	return SOV_OK;
}

int baseline_parse(baseline **out, arena *a, const char *name,
	const char *text, size_t len, sov_diags *diags)
{
	checker c;
	arena *scratch;
	json_value *root;
	int rc;

	if (!out || !a || (!text && len))
		return SOV_EUSAGE;
	*out = NULL;
	scratch = arena_new(arena_allocator(a));
	if (!scratch)
		return SOV_ENOMEM;
	c.name = name;
	c.text = text ? text : "";
	c.len = len;
	c.diags = diags;
	rc = json_parse(&root, scratch, name, c.text, len, diags);
	if (rc == SOV_OK)
		rc = build(out, a, &c, root);
	arena_free(scratch);
	return rc;
}

int baseline_has(const baseline *b, const char *deployment,
	const char *policy, const char *rule, const char *component,
	const char *data_class, const char *verdict)
{
	const char *f[NFIELDS];
	char key[KEY_MAX];

	if (!b || !deployment || !policy || !rule || !component || !verdict)
		return 0;
	f[F_DEPLOYMENT] = deployment;
	f[F_POLICY] = policy;
	f[F_RULE] = rule;
	f[F_COMPONENT] = component;
	f[F_DATA] = data_class;
	f[F_VERDICT] = verdict;
	return make_key(key, f) && idindex_get(&b->set, key) >= 0;
}

size_t baseline_size(const baseline *b)
{
	return b ? b->set.n : 0;
}
