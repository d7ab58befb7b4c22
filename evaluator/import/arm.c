/*
 * arm.c - import: Azure Resource Manager deployment templates (written by
 * hand, or compiled from Bicep) become draft components. Input: the parsed
 * template (load/json_read.h). Output: one component per resource of a
 * mapped type (docs/importers.md), every other resource listed as skipped.
 *
 * Template expressions ("[parameters('location')]") are evaluated for a
 * small, safe subset: string literals, parameters' defaults, variables,
 * resourceGroup().location (the --location option), concat, format,
 * toLower, toUpper, length, copyIndex, resourceId. Anything else is
 * unknown with its reason; nothing is guessed. Evaluation is bounded in
 * depth and in steps, so a hostile template cannot make it run long.
 */
#include <stdio.h>
#include <string.h>

#include "import.h"

#define ARM_MAX_DEPTH 16        /* parameters and variables in each other */
#define ARM_MAX_NEST 32         /* calls and indexes inside one another */
#define ARM_MAX_ARGS 16         /* arguments of one call that are kept */
#define ARM_FUEL 5000L          /* evaluation steps for one value */
#define ARM_TOTAL_FUEL 1000000L /* and for the whole template */
#define ARM_MAX_TEXT 4096       /* length of a computed string */
#define ARM_TOTAL_TEXT (16L << 20) /* computed text of the template */
#define ARM_MAX_RESOURCES 800   /* ARM's limit, copies included */

#define RG_LOCATION_WHY "the resource group's location: give --location"

/* What an expression gives. Unknown values carry a stand-in text, the
 * expression as written (spaces dropped) with what is known filled in,
 * so that two names written alike compare equal (resourceId() against a
 * resource's name). */
typedef enum {
	AV_STR, AV_NUM, AV_JSON, AV_RG, AV_REF, AV_UNKNOWN
} av_kind;

typedef struct {
	av_kind kind;
	const char *str;        /* AV_STR; AV_REF: the name; AV_UNKNOWN:
				   the stand-in (may be NULL) */
	const char *type;       /* AV_REF: the resource type */
	long num;               /* AV_NUM */
	const json_value *json; /* AV_JSON: a non-string value */
	const char *why;        /* AV_UNKNOWN */
	const json_value *src;  /* AV_STR: where it is written, when it is
				   a literal (a parameter's default) */
	const char *span;       /* AV_UNKNOWN without str: the text of the
				   expression, squeezed when needed */
	size_t span_len;
} arm_val;

typedef struct arm_res arm_res;

/* One resource instance: a copy loop whose count is known gives one per
 * index, nested child resources one each. */
struct arm_res {
	const json_value *v;
	const char *type;       /* the full type: Microsoft.Sql/servers/.. */
	const char *written;    /* the name as written, after the parent's */
	const char *key;        /* the full name, evaluated or stand-in */
	const char *symbolic;   /* languageVersion 2.0 symbolic name */
	const char *address;
	draft_src src;
	arm_res *parent;        /* the enclosing resource when nested */
	const char *copy_name;  /* the copy loop's name, or NULL */
	long copy_index;        /* -1: the loop's count is not known */
	int in_loop;
	int replica_unknown;    /* a replica's place is not known */
	draft_comp *comp;
	arm_res *next;
};

typedef struct {
	draft *d;
	const json_value *params, *vars;
	const arm_res *res;     /* whose copyIndex() applies */
	arm_res *list, *last;
	size_t nres;
	int depth;
	long fuel, total_fuel;  /* steps left for the value, the template */
	long text_left;         /* bytes of computed text left */
} arm_ctx;

typedef struct {
	arm_ctx *x;
	const char *s;
	size_t n, pos;
	int bad, nest;
} arm_parser;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* ARM compares names of types, parameters, functions without case. */
static int ieq(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

static int istarts(const char *s, const char *prefix)
{
	while (*prefix && lower((unsigned char)*s) ==
	    lower((unsigned char)*prefix)) {
		s++;
		prefix++;
	}
	return *prefix == '\0';
}

static const char *icontains(const char *s, const char *part)
{
	for (; *s; s++)
		if (istarts(s, part))
			return s;
	return NULL;
}

/* The member of `obj` named `key`, compared without case. */
static const json_value *iget(const json_value *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (ieq(obj->keys[i], key))
			return obj->items[i];
	return NULL;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_ident(int c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_' || (!first && (is_digit(c) || c == '.'));
}

static arena *arena_of(const arm_ctx *x)
{
	return x->d->arena;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static arm_val v_str(const char *s)
{
	arm_val v = { AV_STR, s, NULL, 0, NULL, NULL, NULL, NULL, 0 };

	return v;
}

static arm_val v_num(long n)
{
	arm_val v = { AV_NUM, NULL, NULL, n, NULL, NULL, NULL, NULL, 0 };

	return v;
}

static arm_val v_json(const json_value *j)
{
	arm_val v = { AV_JSON, NULL, NULL, 0, j, NULL, NULL, NULL, 0 };

	return v;
}

static arm_val v_unknown(const char *why, const char *standin)
{
	arm_val v = { AV_UNKNOWN, standin, NULL, 0, NULL, why, NULL, NULL,
		0 };

	return v;
}

/* Takes n bytes of the template's budget of computed text. */
static int spend_text(arm_ctx *x, size_t n)
{
	if ((long)n > x->text_left)
		return 0;
	x->text_left -= (long)n;
	return 1;
}

/* Takes n steps of the value's and the template's budgets. */
static int spend(arm_ctx *x, long n)
{
	x->fuel -= n;
	x->total_fuel -= n;
	return x->fuel >= 0 && x->total_fuel >= 0;
}

/* "[text]" without the spaces outside string literals. */
static const char *squeeze(arm_ctx *x, const char *s, size_t n)
{
	char *out = spend_text(x, n + 3) ?
		arena_alloc(arena_of(x), n + 3) : NULL;
	size_t i, k = 0;
	int quoted = 0;

	if (!out)
		return "[?]";
	out[k++] = '[';
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			quoted = !quoted;
		if (quoted || !is_space((unsigned char)s[i]))
			out[k++] = s[i];
	}
	out[k++] = ']';
	out[k] = '\0';
	return out;
}

/* Unknown: the call or access from `start` to the parser's position. */
static arm_val unknown_at(arm_parser *p, size_t start, const char *why)
{
	arm_val v = v_unknown(why, NULL);

	v.span = p->s + start;
	v.span_len = p->pos - start;
	return v;
}

static arm_val bad(arm_parser *p)
{
	p->bad = 1;
	return v_unknown(NULL, NULL);
}

/* The text of a value for concat() and format(); an unknown value gives
 * its stand-in and its reason in *why (the first one kept). */
static const char *text_of(arm_ctx *x, arm_val v, const char **why)
{
	switch (v.kind) {
	case AV_STR:
		return v.str;
	case AV_NUM:
		return arena_printf(arena_of(x), "%ld", v.num);
	case AV_UNKNOWN:
		if (!*why)
			*why = v.why;
		if (v.str)
			return v.str;
		return v.span ? squeeze(x, v.span, v.span_len) : "[?]";
	case AV_REF:
		if (!*why)
			*why = "resource ids are known only at deployment";
		return arena_printf(arena_of(x), "[%s/%s]", v.type, v.str);
	default:
		if (!*why)
			*why = "the value is not a string";
		return "[?]";
	}
}

static arm_val eval_json(arm_ctx *x, const json_value *v);

/* Evaluates a parameter's default or a variable, one level deeper. */
static arm_val nested(arm_ctx *x, const json_value *v)
{
	arm_val r;

	if (x->depth >= ARM_MAX_DEPTH)
		return v_unknown("parameters and variables refer to each "
			"other too deeply", NULL);
	x->depth++;
	r = eval_json(x, v);
	x->depth--;
	return r;
}

/* ------------------------------------------------------------------ */
/* Functions                                                           */

typedef arm_val (*arm_fn)(arm_parser *p, const arm_val *a, size_t n,
	size_t start);

static long first_unknown(const arm_val *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i].kind == AV_UNKNOWN)
			return (long)i;
	return -1;
}

/* parameters('name') -> its defaultValue */
static arm_val fn_parameters(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	arena *ar = arena_of(p->x);
	const json_value *def, *dflt;

	if (n != 1 || a[0].kind != AV_STR)
		return unknown_at(p, start, n == 1 && a[0].why ? a[0].why :
			"parameters() needs a parameter name");
	def = iget(p->x->params, a[0].str);
	if (!def)
		return unknown_at(p, start, arena_printf(ar,
			"the template declares no parameter '%s'", a[0].str));
	dflt = iget(def, "defaultValue");
	if (!dflt)
		return unknown_at(p, start, arena_printf(ar,
			"parameter '%s' has no default value", a[0].str));
	return nested(p->x, dflt);
}

/* A variable made by a variable copy loop, which is not evaluated. */
static int copy_variable(const json_value *vars, const char *name)
{
	const json_value *copy = iget(vars, "copy");
	size_t i;

	if (!copy || copy->type != JSON_ARRAY)
		return 0;
	for (i = 0; i < copy->n; i++)
		if (ieq(json_str(iget(copy->items[i], "name")), name))
			return 1;
	return 0;
}

/* variables('name') -> its value, evaluated */
static arm_val fn_variables(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	arena *ar = arena_of(p->x);
	const json_value *v;

	if (n != 1 || a[0].kind != AV_STR)
		return unknown_at(p, start, n == 1 && a[0].why ? a[0].why :
			"variables() needs a variable name");
	v = ieq(a[0].str, "copy") ? NULL : iget(p->x->vars, a[0].str);
	if (v)
		return nested(p->x, v);
	if (copy_variable(p->x->vars, a[0].str))
		return unknown_at(p, start, arena_printf(ar, "variable '%s' "
			"is made by a copy loop, which is not evaluated",
			a[0].str));
	return unknown_at(p, start, arena_printf(ar,
		"the template declares no variable '%s'", a[0].str));
}

/* resourceGroup() -> the resource group, of which .location is known */
static arm_val fn_resource_group(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	arm_val v = { AV_RG, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0 };

	(void)a;
	if (n != 0)
		return unknown_at(p, start, "resourceGroup() of another "
			"group is not evaluated");
	return v;
}

static arm_val joined(arm_parser *p, size_t start, buf *b,
	const char *why)
{
	arm_val v;

	if (b->oom || b->len > ARM_MAX_TEXT || !spend_text(p->x, b->len)) {
		v = unknown_at(p, start, "the text is too long to evaluate");
	} else {
		const char *s = arena_strndup(arena_of(p->x),
			b->len ? b->data : "", b->len);

		v = why ? v_unknown(why, s) : v_str(s);
	}
	buf_release(b);
	return v;
}

/* concat(string, ...) -> the strings joined */
static arm_val fn_concat(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	const char *why = NULL;
	size_t i;
	buf b;

	for (i = 0; i < n; i++)
		if (a[i].kind == AV_JSON)
			return unknown_at(p, start,
				"concat() of arrays is not evaluated");
	buf_init(&b, arena_allocator(arena_of(p->x)));
	for (i = 0; i < n && b.len <= ARM_MAX_TEXT; i++)
		buf_puts(&b, text_of(p->x, a[i], &why));
	return joined(p, start, &b, why);
}

/* One "{n}" of a format string at *f; 0 when it is not a plain index. */
static int format_index(const char **f, size_t *index)
{
	const char *s = *f + 1;
	size_t i = 0;

	if (!is_digit((unsigned char)*s))
		return 0;
	while (is_digit((unsigned char)*s) && i < 100)
		i = i * 10 + (size_t)(*s++ - '0');
	if (*s != '}')
		return 0;
	*index = i;
	*f = s + 1;
	return 1;
}

/* format('{0}-{1}', a, b) -> the text; specifiers ("{0:N2}") unknown */
static arm_val fn_format(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	const char *f, *why = NULL;
	size_t index;
	buf b;

	if (n == 0 || a[0].kind != AV_STR)
		return unknown_at(p, start, n && a[0].why ? a[0].why :
			"format() needs a format string");
	buf_init(&b, arena_allocator(arena_of(p->x)));
	for (f = a[0].str; *f && b.len <= ARM_MAX_TEXT;) {
		if ((f[0] == '{' && f[1] == '{') ||
		    (f[0] == '}' && f[1] == '}')) {
			buf_putc(&b, *f);
			f += 2;
		} else if (*f == '{' && format_index(&f, &index) &&
		    index + 1 < n) {
			buf_puts(&b, text_of(p->x, a[index + 1], &why));
		} else if (*f == '{' || *f == '}') {
			buf_release(&b);
			return unknown_at(p, start, "format() with this "
				"format string is not evaluated");
		} else {
			buf_putc(&b, *f++);
		}
	}
	return joined(p, start, &b, why);
}

static arm_val change_case(arm_parser *p, const arm_val *a, size_t n,
	size_t start, int up)
{
	char *s;
	size_t i;

	if (n != 1 || a[0].kind != AV_STR)
		return unknown_at(p, start, n == 1 && a[0].why ? a[0].why :
			"the value is not a string");
	s = arena_strdup(arena_of(p->x), a[0].str);
	for (i = 0; s && s[i]; i++)
		if (up && s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
		else if (!up)
			s[i] = (char)lower((unsigned char)s[i]);
	return v_str(s);
}

/* toLower(string) */
static arm_val fn_to_lower(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	return change_case(p, a, n, start, 0);
}

/* toUpper(string) */
static arm_val fn_to_upper(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	return change_case(p, a, n, start, 1);
}

/* length(string | array | object) */
static arm_val fn_length(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	const char *s;
	long len = 0;

	if (n == 1 && a[0].kind == AV_JSON &&
	    (a[0].json->type == JSON_ARRAY || a[0].json->type == JSON_OBJECT))
		return v_num((long)a[0].json->n);
	if (n != 1 || a[0].kind != AV_STR)
		return unknown_at(p, start, n == 1 && a[0].why ? a[0].why :
			"length() of this value is not evaluated");
	for (s = a[0].str; *s; s++)
		len += ((unsigned char)*s & 0xC0) != 0x80;
	return v_num(len);
}

/* copyIndex(['loop'], [offset]) -> the index in the resource's loop */
static arm_val fn_copy_index(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	const arm_res *r = p->x->res;
	long offset = 0;
	size_t i = 0;

	if (!r || !r->in_loop)
		return unknown_at(p, start, "copyIndex() outside a copy loop");
	if (n > 0 && a[0].kind == AV_STR) {
		if (!ieq(a[0].str, r->copy_name))
			return unknown_at(p, start, "copyIndex() of another "
				"loop is not evaluated");
		i = 1;
	}
	if (i < n && a[i].kind == AV_NUM)
		offset = a[i++].num;
	if (i != n)
		return unknown_at(p, start, "copyIndex() with these "
			"arguments is not evaluated");
	if (r->copy_index < 0)
		return unknown_at(p, start, "the copy loop's count is not "
			"known");
	return v_num(r->copy_index + offset);
}

/* A resource type: a namespace with a dot, then '/'. */
static int is_type(const arm_val *v)
{
	const char *slash;

	if (v->kind != AV_STR)
		return 0;
	slash = strchr(v->str, '/');
	return slash && memchr(v->str, '.', (size_t)(slash - v->str));
}

/* resourceId([sub], [group], type, name, ...) -> a reference: the type
 * and the names joined by '/' (the id itself is known at deployment) */
static arm_val fn_resource_id(arm_parser *p, const arm_val *a, size_t n,
	size_t start)
{
	const char *why = NULL;
	arm_val v = { AV_REF, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0 };
	size_t i, t;
	buf b;

	for (t = 0; t < n && !is_type(&a[t]); t++)
		;
	if (t + 1 >= n)
		return unknown_at(p, start, "resourceId() without a type and "
			"a name is not evaluated");
	buf_init(&b, arena_allocator(arena_of(p->x)));
	for (i = t + 1; i < n; i++) {
		if (i > t + 1)
			buf_putc(&b, '/');
		buf_puts(&b, text_of(p->x, a[i], &why));
	}
	v.str = b.oom ? NULL : arena_strndup(arena_of(p->x), b.data, b.len);
	buf_release(&b);
	v.type = a[t].str;
	return v;
}

static const struct {
	const char *name;
	arm_fn fn;
} arm_functions[] = {
	{ "parameters", fn_parameters },
	{ "variables", fn_variables },
	{ "resourceGroup", fn_resource_group },
	{ "concat", fn_concat },
	{ "format", fn_format },
	{ "toLower", fn_to_lower },
	{ "toUpper", fn_to_upper },
	{ "length", fn_length },
	{ "copyIndex", fn_copy_index },
	{ "resourceId", fn_resource_id },
};

static arm_val call(arm_parser *p, const char *name, size_t len,
	const arm_val *a, size_t n, size_t start)
{
	size_t i;
	long u;
	char fname[64];

	snprintf(fname, sizeof fname, "%.*s", (int)len, name);
	for (i = 0; i < sizeof arm_functions / sizeof arm_functions[0]; i++)
		if (ieq(arm_functions[i].name, fname))
			break;
	if (i == sizeof arm_functions / sizeof arm_functions[0])
		return unknown_at(p, start, arena_printf(arena_of(p->x),
			"%s() is not evaluated on import", fname));
	u = first_unknown(a, n);
	/* Joining functions keep what is known for the stand-in. */
	if (u >= 0 && arm_functions[i].fn != fn_concat &&
	    arm_functions[i].fn != fn_format &&
	    arm_functions[i].fn != fn_resource_id)
		return unknown_at(p, start, a[u].why);
	return arm_functions[i].fn(p, a, n, start);
}

/* ------------------------------------------------------------------ */
/* The expression parser, which evaluates as it goes                  */

static arm_val parse_expr(arm_parser *p);

static void skip_ws(arm_parser *p)
{
	while (p->pos < p->n && is_space((unsigned char)p->s[p->pos]))
		p->pos++;
}

static int eat(arm_parser *p, char c)
{
	skip_ws(p);
	if (p->pos < p->n && p->s[p->pos] == c) {
		p->pos++;
		return 1;
	}
	return 0;
}

/* The length of the string literal at p->pos, quotes included; 0 when
 * it is not closed. */
static size_t literal_len(const arm_parser *p)
{
	size_t i;

	for (i = p->pos + 1; i < p->n; i++) {
		if (p->s[i] != '\'')
			continue;
		if (i + 1 < p->n && p->s[i + 1] == '\'')
			i++;
		else
			return i + 1 - p->pos;
	}
	return 0;
}

/* string -> "'" { char | "''" } "'" */
static arm_val parse_string(arm_parser *p)
{
	size_t len = literal_len(p), k = 0;
	char *out = len ? arena_alloc(arena_of(p->x), len) : NULL;

	if (!out)
		return bad(p);
	for (p->pos++; p->pos < p->n; p->pos++) {
		if (p->s[p->pos] == '\'') {
			if (p->pos + 1 >= p->n || p->s[p->pos + 1] != '\'') {
				p->pos++;
				return v_str(out);
			}
			p->pos++;
		}
		out[k++] = p->s[p->pos];
	}
	return bad(p);
}

/* number -> [ "-" ] digit { digit } */
static arm_val parse_number(arm_parser *p)
{
	int neg = p->s[p->pos] == '-';
	long n = 0;
	size_t digits = 0;

	p->pos += (size_t)neg;
	while (p->pos < p->n && is_digit((unsigned char)p->s[p->pos])) {
		if (++digits > 15)
			return bad(p);
		n = n * 10 + (p->s[p->pos++] - '0');
	}
	return digits ? v_num(neg ? -n : n) : bad(p);
}

/* call -> ident "(" [ expr { "," expr } ] ")" */
static arm_val parse_call(arm_parser *p)
{
	size_t start = p->pos, len, nargs = 0, total = 0;
	arm_val args[ARM_MAX_ARGS];

	while (p->pos < p->n && is_ident((unsigned char)p->s[p->pos],
	    p->pos == start))
		p->pos++;
	len = p->pos - start;
	if (!eat(p, '('))
		return bad(p);
	if (!eat(p, ')')) {
		do {
			arm_val a = parse_expr(p);

			if (p->bad)
				return a;
			if (total++ < ARM_MAX_ARGS)
				args[nargs++] = a;
		} while (eat(p, ','));
		if (!eat(p, ')'))
			return bad(p);
	}
	if (total > nargs)
		return unknown_at(p, start, "a call with this many arguments "
			"is not evaluated");
	return call(p, p->s + start, len, args, nargs, start);
}

/* primary -> string | number | call */
static arm_val parse_primary(arm_parser *p)
{
	int c;

	skip_ws(p);
	if (p->pos >= p->n)
		return bad(p);
	c = (unsigned char)p->s[p->pos];
	if (c == '\'')
		return parse_string(p);
	if (c == '-' || is_digit(c))
		return parse_number(p);
	if (is_ident(c, 1))
		return parse_call(p);
	return bad(p);
}

/* The member `name` of value v (the text from `start` for stand-ins). */
static arm_val member_of(arm_parser *p, arm_val v, const char *name,
	size_t start)
{
	arena *a = arena_of(p->x);
	const json_value *m;

	if (v.kind == AV_RG && ieq(name, "location"))
		return p->x->d->location_default ?
		       v_str(p->x->d->location_default) :
		       unknown_at(p, start, RG_LOCATION_WHY);
	if (v.kind == AV_RG)
		return unknown_at(p, start, arena_printf(a, "the resource "
			"group's %s is known only at deployment", name));
	if (v.kind == AV_UNKNOWN)
		return unknown_at(p, start, v.why);
	if (v.kind != AV_JSON || v.json->type != JSON_OBJECT)
		return unknown_at(p, start, arena_printf(a, "'.%s' of a value "
			"without properties is not evaluated", name));
	m = iget(v.json, name);
	if (!m)
		return unknown_at(p, start, arena_printf(a, "the object has "
			"no property '%s'", name));
	return nested(p->x, m);
}

static arm_val index_of(arm_parser *p, arm_val v, arm_val i, size_t start)
{
	const json_value *m = NULL;

	if (v.kind == AV_UNKNOWN || i.kind == AV_UNKNOWN)
		return unknown_at(p, start, v.kind == AV_UNKNOWN ? v.why :
			i.why);
	if (v.kind == AV_JSON && v.json->type == JSON_ARRAY &&
	    i.kind == AV_NUM && i.num >= 0 && (size_t)i.num < v.json->n)
		m = v.json->items[i.num];
	else if (v.kind == AV_JSON && i.kind == AV_STR)
		m = iget(v.json, i.str);
	if (!m)
		return unknown_at(p, start, "the index is not in the value");
	return nested(p->x, m);
}

/* property -> ident, as written after "." */
static const char *parse_property(arm_parser *p)
{
	size_t start;

	skip_ws(p);
	start = p->pos;
	while (p->pos < p->n && (is_ident((unsigned char)p->s[p->pos], 0) &&
	    p->s[p->pos] != '.'))
		p->pos++;
	if (p->pos == start) {
		p->bad = 1;
		return "";
	}
	return arena_strndup(arena_of(p->x), p->s + start, p->pos - start);
}

/* expr -> primary { "." property | "[" expr "]" } */
static arm_val parse_expr(arm_parser *p)
{
	size_t start;
	arm_val v;

	if (++p->nest > ARM_MAX_NEST || !spend(p->x, 1))
		return bad(p);
	skip_ws(p);
	start = p->pos;
	v = parse_primary(p);
	while (!p->bad && spend(p->x, 1)) {
		if (eat(p, '.')) {
			const char *name = parse_property(p);

			if (!p->bad && name)
				v = member_of(p, v, name, start);
		} else if (eat(p, '[')) {
			arm_val i = parse_expr(p);

			if (p->bad || !eat(p, ']'))
				return bad(p);
			v = index_of(p, v, i, start);
		} else {
			break;
		}
	}
	p->nest--;
	return v;
}

static const char *too_many_steps(const arm_ctx *x)
{
	return x->total_fuel < 0 ? "the template takes too many steps to "
		"evaluate" : "the expression takes too many steps to evaluate";
}

/* A string value: "[[x" is the literal "[x", "[...]" an expression. */
static arm_val eval_string(arm_ctx *x, const char *s)
{
	size_t n = strlen(s);
	arm_parser p;
	arm_val v;

	if (s[0] == '[' && s[1] == '[')
		return v_str(s + 1);
	if (s[0] != '[' || n < 2 || s[n - 1] != ']')
		return v_str(s);
	/* Reading costs in proportion to the text: a long variable
	 * used many times runs out of steps, not of time. */
	if (!spend(x, (long)(n / 16)))
		return v_unknown(too_many_steps(x), s);
	p.x = x;
	p.s = s + 1;
	p.n = n - 2;
	p.pos = 0;
	p.bad = 0;
	p.nest = 0;
	v = parse_expr(&p);
	skip_ws(&p);
	if (x->fuel < 0 || x->total_fuel < 0)
		return v_unknown(too_many_steps(x), s);
	if (p.bad || p.pos != p.n)
		return v_unknown(arena_printf(arena_of(x), "'%.60s%s' is not "
			"an ARM template expression", s, n > 60 ? "..." : ""),
			s);
	return v;
}

static arm_val eval_json(arm_ctx *x, const json_value *v)
{
	if (!v)
		return v_unknown("no value", NULL);
	if (!spend(x, 1))
		return v_unknown(too_many_steps(x), NULL);
	if (v->type == JSON_STRING) {
		arm_val r = eval_string(x, v->string);

		if (r.kind == AV_STR && (v->string[0] != '[' ||
		    v->string[1] == '['))
			r.src = v;
		return r;
	}
	if (v->type == JSON_NUMBER && v->number > -1e15 && v->number < 1e15 &&
	    v->number == (double)(long)v->number)
		return v_num((long)v->number);
	return v_json(v);
}

/* The value of `v` as resource r sees it (its copy loop). */
static arm_val eval_at(arm_ctx *x, const arm_res *r, const json_value *v)
{
	const arm_res *outer = x->res;
	arm_val val;

	x->res = r;
	x->depth = 0;
	x->fuel = ARM_FUEL;
	val = eval_json(x, v);
	x->res = outer; /* r may be a caller's local: keep no pointer to it */
	return val;
}

/* The text that names a value in keys: itself, or its stand-in. */
static const char *key_text(arm_ctx *x, arm_val v)
{
	const char *why = NULL;
	const char *s = text_of(x, v, &why);

	return s ? s : "[?]";
}

/* ------------------------------------------------------------------ */
/* Resources                                                           */

static arm_res *find_res(const arm_ctx *x, const char *type,
	const char *key)
{
	arm_res *r;

	for (r = x->list; r; r = r->next)
		if (ieq(r->type, type) && ieq(r->key, key))
			return r;
	return NULL;
}

static arm_res *find_symbolic(const arm_ctx *x, const char *name)
{
	arm_res *r;

	for (r = x->list; r; r = r->next)
		if (r->symbolic && strcmp(r->symbolic, name) == 0)
			return r;
	return NULL;
}

/*
 * A reference to a resource: resourceId(), or a literal id
 * "/subscriptions/../providers/Microsoft.Sql/servers/a/databases/b"
 * (type Microsoft.Sql/servers/databases, name a/b). Fills *type, *key.
 */
static int as_ref(arm_ctx *x, arm_val v, const char **type,
	const char **key)
{
	const char *p, *s;
	buf t, k;
	int i = 0;

	if (v.kind == AV_REF) {
		*type = v.type;
		*key = v.str;
		return v.str != NULL;
	}
	if (v.kind != AV_STR || !(p = icontains(v.str, "/providers/")))
		return 0;
	while ((s = icontains(p + 1, "/providers/")))
		p = s;
	buf_init(&t, arena_allocator(arena_of(x)));
	buf_init(&k, arena_allocator(arena_of(x)));
	for (p += strlen("/providers/"); *p; p = *s ? s + 1 : s, i++) {
		buf *to = i == 0 || i % 2 == 1 ? &t : &k;

		s = strchr(p, '/');
		s = s ? s : p + strlen(p);
		if (to->len)
			buf_putc(to, '/');
		buf_append(to, p, (size_t)(s - p));
	}
	*type = t.oom ? NULL : arena_strndup(arena_of(x), t.data, t.len);
	*key = k.oom ? NULL : arena_strndup(arena_of(x), k.data, k.len);
	buf_release(&t);
	buf_release(&k);
	return *type && *key && **key;
}

/* The name before the last '/' outside brackets: "a/[b('/')]/c" -> a/.. */
static const char *parent_key(arm_ctx *x, const char *key)
{
	size_t i, cut = 0;
	int depth = 0, quoted = 0;

	for (i = 0; key[i]; i++) {
		if (key[i] == '\'')
			quoted = !quoted;
		else if (!quoted && key[i] == '[')
			depth++;
		else if (!quoted && key[i] == ']' && depth > 0)
			depth--;
		else if (!quoted && !depth && key[i] == '/')
			cut = i;
	}
	return cut ? arena_strndup(arena_of(x), key, cut) : NULL;
}

/* The resource that dependsOn names, of type `type`. */
static arm_res *depends_on(arm_ctx *x, arm_res *r, const char *type)
{
	const json_value *deps = iget(r->v, "dependsOn");
	const char *t, *k;
	arm_res *found;
	size_t i;

	for (i = 0; deps && deps->type == JSON_ARRAY && i < deps->n; i++) {
		arm_val v = eval_at(x, r, deps->items[i]);

		if (as_ref(x, v, &t, &k) && ieq(t, type) &&
		    (found = find_res(x, type, k)))
			return found;
		if (deps->items[i]->type != JSON_STRING)
			continue;
		found = find_symbolic(x, deps->items[i]->string);
		if (!found && v.kind == AV_STR)
			found = find_res(x, type, v.str);
		if (found && ieq(found->type, type))
			return found;
	}
	return NULL;
}

/* The parent resource of type `type`: the enclosing one, the one the
 * name starts with ("server/db"), or one that dependsOn names. */
static arm_res *parent_of(arm_ctx *x, arm_res *r, const char *type)
{
	const char *pk;
	arm_res *found;

	if (r->parent && ieq(r->parent->type, type))
		return r->parent;
	pk = parent_key(x, r->key);
	if (pk && (found = find_res(x, type, pk)))
		return found;
	return depends_on(x, r, type);
}

/* The resource's own name (after its parent's), evaluated or as a
 * stand-in. */
static const char *own_name(arm_ctx *x, const arm_res *r)
{
	return key_text(x, eval_at(x, r, iget(r->v, "name")));
}

static const char *res_address(arm_ctx *x, const arm_res *r)
{
	arena *a = arena_of(x);
	const char *base = r->symbolic ? r->symbolic :
		arena_printf(a, "%s/%s", r->type, r->written);

	if (r->in_loop && r->copy_index >= 0)
		return arena_printf(a, "%s[%ld]", base, r->copy_index);
	return base;
}

static void append_res(arm_ctx *x, arm_res *r)
{
	if (x->last)
		x->last->next = r;
	else
		x->list = r;
	x->last = r;
}

static int flatten(arm_ctx *x, const json_value *list, arm_res *parent);

/* One instance of a resource, and its nested children. */
static int add_instance(arm_ctx *x, const arm_res *proto, long index)
{
	arm_res *r = arena_alloc(arena_of(x), sizeof *r);
	const json_value *name = iget(proto->v, "name");
	const char *k;

	if (!r)
		return SOV_ENOMEM;
	if (++x->nres > ARM_MAX_RESOURCES) {
		if (x->nres == ARM_MAX_RESOURCES + 1)
			draft_error(x->d, &proto->src, proto->v, "at most 800 "
				"resources, copies included (ARM's limit)",
				"%s: the template makes more than 800 "
				"resources", res_address(x, proto));
		return SOV_OK;
	}
	*r = *proto;
	r->copy_index = index;
	k = key_text(x, eval_at(x, r, name));
	r->key = r->parent ? arena_printf(arena_of(x), "%s/%s",
		r->parent->key, k) : k;
	r->address = res_address(x, r);
	if (!r->key || !r->address)
		return SOV_ENOMEM;
	append_res(x, r);
	return flatten(x, iget(r->v, "resources"), r);
}

/* copy: { "name": ..., "count": ... } -> the instances */
static int add_copies(arm_ctx *x, arm_res *proto, const json_value *copy)
{
	const json_value *count = iget(copy, "count");
	arm_val n;
	long i;
	int rc = SOV_OK;

	proto->in_loop = 1;
	proto->copy_name = json_str(iget(copy, "name"));
	n = eval_at(x, proto, count);
	if (n.kind != AV_NUM)
		return add_instance(x, proto, -1);
	if (n.num < 0 || n.num > ARM_MAX_RESOURCES) {
		draft_error(x->d, &proto->src, count, "a count from 0 to 800",
			"%s: copy count %ld is out of range",
			res_address(x, proto), n.num);
		return SOV_OK;
	}
	if (n.num == 0)
		return draft_skip_resource(x->d, res_address(x, proto),
			proto->type, proto->src);
	for (i = 0; i < n.num && rc == SOV_OK; i++)
		rc = add_instance(x, proto, i);
	return rc;
}

/* A resource that this template does not deploy: `existing` (Bicep's
 * reference to a resource made elsewhere) or a condition known false. */
static int not_deployed(arm_ctx *x, arm_res *proto)
{
	const json_value *existing = iget(proto->v, "existing");
	const json_value *cond = iget(proto->v, "condition");
	arm_val c;

	if (existing && existing->type == JSON_TRUE)
		return 1;
	if (!cond)
		return 0;
	c = eval_at(x, proto, cond);
	return c.kind == AV_JSON && c.json->type == JSON_FALSE;
}

/* A nested child's type is relative to its parent's ("databases",
 * "blobServices/containers") unless it names its namespace. */
static const char *full_type(arm_ctx *x, const arm_res *parent,
	const char *type)
{
	const char *slash = strchr(type, '/');

	if (!parent || (slash && memchr(type, '.', (size_t)(slash - type))))
		return type;
	return arena_printf(arena_of(x), "%s/%s", parent->type, type);
}

/* resource -> { "type": ..., "name": ..., ... } */
static int add_resource(arm_ctx *x, const json_value *v,
	const char *symbolic, arm_res *parent)
{
	arm_res proto;
	const char *type = json_str(iget(v, "type"));
	const char *name = json_str(iget(v, "name"));
	draft_src src = draft_at(x->d, v);

	if (v->type != JSON_OBJECT || !type || !name) {
		draft_error(x->d, &src, v, "an object with \"type\" and "
			"\"name\" strings", "%s: a resource without a type "
			"and a name", symbolic ? symbolic : "resources");
		return SOV_OK;
	}
	memset(&proto, 0, sizeof proto);
	proto.v = v;
	proto.src = src;
	proto.parent = parent;
	proto.symbolic = parent ? NULL : symbolic;
	proto.type = full_type(x, parent, type);
	proto.written = parent ? arena_printf(arena_of(x), "%s/%s",
		parent->written, name) : name;
	proto.copy_index = parent ? parent->copy_index : -1;
	proto.in_loop = parent ? parent->in_loop : 0;
	proto.copy_name = parent ? parent->copy_name : NULL;
	if (!proto.type || !proto.written)
		return SOV_ENOMEM;
	if (not_deployed(x, &proto))
		return draft_skip_resource(x->d, res_address(x, &proto),
			proto.type, src);
	if (iget(v, "copy") && iget(v, "copy")->type == JSON_OBJECT)
		return add_copies(x, &proto, iget(v, "copy"));
	return add_instance(x, &proto, proto.copy_index);
}

/* resources -> "[" resource, ... "]" | "{" symbolic: resource, ... "}" */
static int flatten(arm_ctx *x, const json_value *list, arm_res *parent)
{
	size_t i;
	int rc = SOV_OK;

	if (!list)
		return SOV_OK;
	if (list->type != JSON_ARRAY && list->type != JSON_OBJECT) {
		draft_src src = draft_at(x->d, list);

		draft_error(x->d, &src, list, "an array of resources, or an "
			"object of symbolic names (languageVersion 2.0)",
			"\"resources\" is neither an array nor an object");
		return SOV_OK;
	}
	for (i = 0; i < list->n && rc == SOV_OK; i++)
		rc = add_resource(x, list->items[i],
			list->type == JSON_OBJECT ? list->keys[i] : NULL,
			parent);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Places                                                              */

static const cat_provider *azure(const arm_ctx *x)
{
	int p = catalog_provider(x->d->cat, "azure");

	return p < 0 ? NULL : &x->d->cat->providers[p];
}

static const cat_region *region_of(const arm_ctx *x, const char *id)
{
	const cat_provider *p = azure(x);
	int i = p && id ? catalog_region(p, id) : -1;

	return i < 0 ? NULL : &p->regions[i];
}

/* The catalog pair of a region; NULL with *none set when the catalog
 * says it has none. */
static const char *pair_of(const arm_ctx *x, const char *id, int *none)
{
	const cat_region *r = region_of(x, id);

	*none = r && r->pair == PAIR_NONE;
	if (!r || r->pair < 0)
		return NULL;
	return azure(x)->regions[r->pair].id;
}

/* Sets the component's place from a location value. */
static int place_value(arm_ctx *x, arm_res *r, draft_comp *c, arm_val v,
	const json_value *at)
{
	if (v.kind == AV_STR && ieq(v.str, "global"))
		return draft_set_location(x->d, c, NULL,
			"location 'global' names no region", at);
	if (v.kind == AV_STR)
		return draft_set_location(x->d, c, v.str, NULL,
			v.src ? v.src : at);
	if (v.kind == AV_UNKNOWN)
		return draft_set_location(x->d, c, NULL, v.why, at);
	draft_error(x->d, &r->src, at, "a location string",
		"%s: the location is not a string", r->address);
	return -1;
}

/* The place of another component (the parent's, the account's). */
static int place_from(arm_ctx *x, draft_comp *c, const draft_comp *from,
	const char *why, const json_value *at)
{
	if (!from)
		return draft_set_location(x->d, c, NULL, why, at);
	if (from->region)
		return draft_set_location(x->d, c, from->region, NULL, at);
	return draft_set_location(x->d, c, NULL, from->unknown ?
		from->unknown : why, at);
}

/* location -> the region; a child without one has its parent's. */
static int set_place(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *loc = iget(r->v, "location");

	if (!loc && r->parent && r->parent->comp)
		return place_from(x, c, r->parent->comp, NULL, r->v);
	if (!loc)
		return draft_set_location(x->d, c, NULL,
			"the template gives no location", r->v);
	return place_value(x, r, c, eval_at(x, r, loc), loc);
}

/* A string property at a path ("sku", "name"), evaluated. */
static arm_val prop(arm_ctx *x, arm_res *r, const char *a, const char *b,
	const json_value **at)
{
	const json_value *v = iget(r->v, a);

	if (b)
		v = iget(v, b);
	*at = v ? v : r->v;
	if (!v)
		return v_unknown(NULL, NULL);
	return eval_at(x, r, v);
}

/* A replica whose region is not known: the replica facet must stay
 * unknown, so the redundancy is unset and stays so. */
static void unknown_replica(arm_ctx *x, arm_res *r, draft_comp *c,
	const char *why, const json_value *at)
{
	draft_src src = draft_at(x->d, at);

	c->redundancy = DRAFT_UNSET;
	r->replica_unknown = 1;
	draft_warning(x->d, &src, at, "%s: the place of a replica is not "
		"known (%s), so its replicas stay unknown", c->address,
		why ? why : "not given");
}

static void add_replica(arm_ctx *x, arm_res *r, draft_comp *c,
	arm_val loc, const char *why, const json_value *at)
{
	if (loc.kind == AV_STR)
		draft_add_replica(x->d, c, loc.str, why,
			loc.src ? loc.src : at);
	else
		unknown_replica(x, r, c, loc.why, at);
}

/* Backups in the region, and in its catalog pair when geo-redundant:
 * listed only when all of them are known (a pair the catalog does not
 * know leaves them unknown; one it says is none is an error). */
static void add_backups(arm_ctx *x, arm_res *r, draft_comp *c, int geo,
	const json_value *at)
{
	const char *pair;
	int none;

	if (!c->region)
		return;
	pair = pair_of(x, c->region, &none);
	if (geo && none)
		draft_error(x->d, &r->src, at, "a region with a pair",
			"%s: geo-redundant backup, but the catalog gives "
			"region '%s' no pair", r->address, c->region);
	if (geo && !pair)
		return;
	draft_add_backup(x->d, c, c->region, NULL, "backups in the region",
		at);
	if (geo)
		draft_add_backup(x->d, c, pair, NULL, arena_printf(
			arena_of(x), "geo-redundant backup: paired region %s",
			pair), at);
	c->backups_listed = 1;
}

/* ------------------------------------------------------------------ */
/* Mapped types                                                        */

static void note(arm_ctx *x, draft_comp *c, const char *name, arm_val v)
{
	if (v.kind == AV_STR)
		draft_add_attr(x->d, c, name, v.str);
}

/* Storage sku: Standard_LRS, Premium_ZRS, Standard_RAGZRS, ... */
static int storage_redundancy(const char *sku)
{
	const char *tail = strrchr(sku, '_');

	tail = tail ? tail + 1 : sku;
	if (ieq(tail, "LRS"))
		return DRAFT_RED_NONE;
	if (ieq(tail, "ZRS"))
		return DRAFT_RED_ZONE;
	if (ieq(tail, "GRS") || ieq(tail, "RAGRS") || ieq(tail, "GZRS") ||
	    ieq(tail, "RAGZRS"))
		return DRAFT_RED_GEO;
	return DRAFT_UNSET;
}

/* Microsoft.Storage/storageAccounts: location, sku.name */
static int read_storage(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *at;
	arm_val sku = prop(x, r, "sku", "name", &at);
	int red;

	if (set_place(x, r, c) < 0 || sku.kind != AV_STR)
		return SOV_OK;
	note(x, c, "sku", sku);
	red = storage_redundancy(sku.str);
	if (red == DRAFT_UNSET)
		draft_warning(x->d, &r->src, at, "%s: storage sku '%s' is "
			"not known; its redundancy stays unknown",
			r->address, sku.str);
	else
		draft_set_redundancy(x->d, c, red, at);
	return SOV_OK;
}

/* A boolean property: 1, 0, or -1 when not stated or not known. */
static int flag(arm_ctx *x, arm_res *r, const json_value *v)
{
	arm_val b = v ? eval_at(x, r, v) : v_unknown(NULL, NULL);

	if (b.kind != AV_JSON)
		return -1;
	return b.json->type == JSON_TRUE ? 1 :
	       b.json->type == JSON_FALSE ? 0 : -1;
}

/* The failover priority of a Cosmos DB location, or -1. */
static long cosmos_priority(arm_ctx *x, arm_res *r, const json_value *loc)
{
	arm_val p = eval_at(x, r, iget(loc, "failoverPriority"));

	return p.kind == AV_NUM ? p.num : -1;
}

static void cosmos_locations(arm_ctx *x, arm_res *r, draft_comp *c,
	const json_value *locs)
{
	const json_value *primary = NULL, *name;
	size_t i;

	for (i = 0; i < locs->n; i++)
		if (cosmos_priority(x, r, locs->items[i]) == 0 && !primary)
			primary = locs->items[i];
	name = iget(primary, "locationName");
	/* Without a priority-0 location the account's own one is it. */
	if (primary)
		place_value(x, r, c, eval_at(x, r, name),
			name ? name : primary);
	else
		set_place(x, r, c);
	for (i = 0; i < locs->n; i++) {
		const json_value *at = locs->items[i];

		name = iget(at, "locationName");
		if (at == primary)
			continue;
		add_replica(x, r, c, eval_at(x, r, name), arena_printf(
			arena_of(x), "Cosmos DB location, failover priority "
			"%ld", cosmos_priority(x, r, at)), name ? name : at);
	}
	/* The copies are the locations listed, each in its region. */
	if (!r->replica_unknown)
		draft_set_redundancy(x->d, c, primary && flag(x, r,
			iget(primary, "isZoneRedundant")) == 1 ?
			DRAFT_RED_ZONE : DRAFT_RED_NONE, locs);
}

/* Microsoft.DocumentDB/databaseAccounts: properties.locations[] */
static int read_cosmos(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *at;
	arm_val locs = prop(x, r, "properties", "locations", &at);

	if (at == r->v)
		return set_place(x, r, c);
	if (locs.kind == AV_UNKNOWN) {
		set_place(x, r, c);
		unknown_replica(x, r, c, locs.why, at);
		return SOV_OK;
	}
	if (locs.kind != AV_JSON || locs.json->type != JSON_ARRAY) {
		draft_error(x->d, &r->src, at, "an array of locations",
			"%s: properties.locations is not an array",
			r->address);
		return SOV_OK;
	}
	cosmos_locations(x, r, c, locs.json);
	return SOV_OK;
}

/* A component at its location, nothing else known. */
static int read_located(arm_ctx *x, arm_res *r, draft_comp *c)
{
	set_place(x, r, c);
	return SOV_OK;
}

/* Microsoft.Sql/servers/databases: properties.zoneRedundant */
static int read_sql_database(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *props = iget(r->v, "properties");
	const json_value *zr = iget(props, "zoneRedundant");
	int zone = flag(x, r, zr);

	if (zone >= 0)
		draft_set_redundancy(x->d, c, zone ? DRAFT_RED_ZONE :
			DRAFT_RED_NONE, zr);
	return SOV_OK;
}

/* Backup storage: Geo, GeoZone (GRS in older API versions) copy to the
 * pair; Local, Zone stay in the region. */
static void sql_backups(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *props = iget(r->v, "properties");
	const json_value *at = iget(props,
		"requestedBackupStorageRedundancy");
	arm_val v;

	if (!at)
		at = iget(props, "storageAccountType");
	v = at ? eval_at(x, r, at) : v_unknown(NULL, NULL);
	if (v.kind != AV_STR)
		return;
	if (ieq(v.str, "Geo") || ieq(v.str, "GeoZone") || ieq(v.str, "GRS"))
		add_backups(x, r, c, 1, at);
	else if (ieq(v.str, "Local") || ieq(v.str, "Zone") ||
	    ieq(v.str, "LRS") || ieq(v.str, "ZRS"))
		add_backups(x, r, c, 0, at);
}

/* After all are read: the database is in its server's location unless
 * it says its own. */
static int place_sql_database(arm_ctx *x, arm_res *r)
{
	arm_res *server = parent_of(x, r, "Microsoft.Sql/servers");

	if (iget(r->v, "location"))
		set_place(x, r, r->comp);
	else
		place_from(x, r->comp, server ? server->comp : NULL,
			"the database's server is not in the template", r->v);
	sql_backups(x, r, r->comp);
	return SOV_OK;
}

/* The components a failover group's replicas go to: the primary server
 * and the databases it lists. */
static size_t failover_targets(arm_ctx *x, arm_res *r, draft_comp **out,
	size_t max)
{
	arm_res *server = parent_of(x, r, "Microsoft.Sql/servers");
	const json_value *at;
	arm_val dbs = prop(x, r, "properties", "databases", &at);
	const char *type, *key;
	arm_res *db;
	size_t i, n = 0;

	if (server && server->comp)
		out[n++] = server->comp;
	if (dbs.kind != AV_JSON || dbs.json->type != JSON_ARRAY)
		return n;
	for (i = 0; i < dbs.json->n && n < max; i++)
		if (as_ref(x, eval_at(x, r, dbs.json->items[i]), &type,
		    &key) && (db = find_res(x, type, key)) && db->comp)
			out[n++] = db->comp;
	return n;
}

/* One partner server of a failover group: a replica of each target. */
static void failover_partner(arm_ctx *x, arm_res *r, draft_comp **to,
	size_t n, const json_value *partner)
{
	const json_value *id = iget(partner, "id");
	const char *type, *key;
	arm_res *p = NULL;
	const char *why;
	size_t i;

	if (as_ref(x, eval_at(x, r, id), &type, &key) &&
	    ieq(type, "Microsoft.Sql/servers"))
		p = find_res(x, type, key);
	why = arena_printf(arena_of(x), "failover group %s: partner server "
		"%s", own_name(x, r), p ? own_name(x, p) :
		"outside the template");
	for (i = 0; i < n; i++) {
		if (p && p->comp && p->comp->region)
			draft_add_replica(x->d, to[i], p->comp->region, why,
				id ? id : partner);
		else
			unknown_replica(x, r, to[i], p && p->comp ?
				p->comp->unknown : why, id ? id : partner);
	}
}

/* Microsoft.Sql/servers/failoverGroups: properties.partnerServers[] */
static int link_failover_group(arm_ctx *x, arm_res *r)
{
	const json_value *at;
	arm_val partners = prop(x, r, "properties", "partnerServers", &at);
	draft_comp *to[DRAFT_MAX_LIST];
	size_t n = failover_targets(x, r, to, DRAFT_MAX_LIST), i;

	if (partners.kind == AV_UNKNOWN) {
		for (i = 0; i < n; i++)
			unknown_replica(x, r, to[i], partners.why, at);
		return SOV_OK;
	}
	if (partners.kind != AV_JSON || partners.json->type != JSON_ARRAY) {
		draft_error(x->d, &r->src, at, "an array of partner servers",
			"%s: properties.partnerServers is not an array",
			r->address);
		return SOV_OK;
	}
	for (i = 0; i < partners.json->n; i++)
		failover_partner(x, r, to, n, partners.json->items[i]);
	return SOV_OK;
}

/* PostgreSQL / MySQL flexible servers: properties.highAvailability.mode,
 * properties.backup.geoRedundantBackup */
static int read_flexible_server(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *props = iget(r->v, "properties");
	const json_value *ha = iget(iget(props, "highAvailability"), "mode");
	const json_value *geo = iget(iget(props, "backup"),
		"geoRedundantBackup");
	arm_val v;

	if (set_place(x, r, c) < 0)
		return SOV_OK;
	v = ha ? eval_at(x, r, ha) : v_unknown(NULL, NULL);
	if (v.kind == AV_STR && ieq(v.str, "ZoneRedundant"))
		draft_set_redundancy(x->d, c, DRAFT_RED_ZONE, ha);
	else if (v.kind == AV_STR && (ieq(v.str, "SameZone") ||
	    ieq(v.str, "Disabled")))
		draft_set_redundancy(x->d, c, DRAFT_RED_NONE, ha);
	v = geo ? eval_at(x, r, geo) : v_unknown(NULL, NULL);
	if (v.kind == AV_STR && (ieq(v.str, "Enabled") ||
	    ieq(v.str, "Disabled")))
		add_backups(x, r, c, ieq(v.str, "Enabled"), geo);
	return SOV_OK;
}

/* Microsoft.CognitiveServices/accounts: location, kind */
static int read_cognitive_account(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *at;

	note(x, c, "account-kind", prop(x, r, "kind", NULL, &at));
	set_place(x, r, c);
	return SOV_OK;
}

/* Where a deployment type sends prompts: 'g'lobal, data 'z'one, the
 * account's 'r'egion, or 0 when the sku is not known. */
static int deployment_reach(const char *sku)
{
	static const struct {
		const char *sku;
		int reach;
	} skus[] = {
		{ "GlobalStandard", 'g' }, { "GlobalBatch", 'g' },
		{ "GlobalProvisionedManaged", 'g' }, { "Developer", 'g' },
		{ "DataZoneStandard", 'z' }, { "DataZoneBatch", 'z' },
		{ "DataZoneProvisionedManaged", 'z' },
		{ "Standard", 'r' }, { "ProvisionedManaged", 'r' },
	};
	size_t i;

	for (i = 0; sku && i < sizeof skus / sizeof skus[0]; i++)
		if (ieq(sku, skus[i].sku))
			return skus[i].reach;
	return 0;
}

/* The catalog data zone that holds region `id`, or NULL. */
static const char *data_zone(const arm_ctx *x, const char *id)
{
	const cat_provider *p = azure(x);
	int reg = p && id ? catalog_region(p, id) : -1;
	size_t i, k;

	for (i = 0; reg >= 0 && i < p->nscopes; i++) {
		if (!istarts(p->scopes[i].id, "datazone-"))
			continue;
		for (k = 0; k < p->scopes[i].nregions; k++)
			if (p->scopes[i].regions[k] == reg)
				return p->scopes[i].id;
	}
	return NULL;
}

/* Microsoft.CognitiveServices/accounts/deployments: sku.name, model */
static int read_ai_deployment(arm_ctx *x, arm_res *r, draft_comp *c)
{
	const json_value *at;

	note(x, c, "sku", prop(x, r, "sku", "name", &at));
	note(x, c, "model", eval_at(x, r, iget(iget(iget(r->v, "properties"),
		"model"), "name")));
	return SOV_OK;
}

/* The sku name; an older deployment without one says its scale type. */
static arm_val deployment_sku(arm_ctx *x, arm_res *r, const json_value **at)
{
	const json_value *scale = iget(iget(iget(r->v, "properties"),
		"scaleSettings"), "scaleType");
	arm_val sku = prop(x, r, "sku", "name", at);

	if (*at == r->v && scale) {
		*at = scale;
		return eval_at(x, r, scale);
	}
	if (*at == r->v)
		return v_unknown("the deployment gives no sku", NULL);
	return sku;
}

static void deployment_scope(arm_ctx *x, arm_res *r, draft_comp *c,
	int reach, const json_value *at)
{
	const char *zone;

	if (reach == 'g') {
		draft_set_scope(x->d, c, "global", at);
		return;
	}
	if (reach != 'z' || !c->region)
		return;
	zone = data_zone(x, c->region);
	if (zone)
		draft_set_scope(x->d, c, zone, at);
	else
		draft_error(x->d, &r->src, at, "an account in a region of a "
			"data zone (datazone-eu, datazone-us)", "%s: a data "
			"zone deployment, but the catalog puts region '%s' in "
			"no data zone", r->address, c->region);
}

/* Why a deployment's place is not known: its type, or its account. */
static const char *deployment_why(arm_ctx *x, arm_val sku,
	const draft_comp *c)
{
	arena *a = arena_of(x);

	if (sku.kind == AV_STR && !deployment_reach(sku.str))
		return arena_printf(a, "deployment type '%s' is not known",
			sku.str);
	if (sku.kind != AV_STR)
		return arena_printf(a, "the deployment type is not known "
			"(%s)", sku.why ? sku.why : "not given");
	return arena_printf(a, "a data zone deployment, and the account's "
		"region is not known (%s)", c->unknown ? c->unknown :
		"not given");
}

/* After all are read: the account's region, and the routing scope. An
 * unknown type may route anywhere: then the place is not known. */
static int place_ai_deployment(arm_ctx *x, arm_res *r)
{
	arm_res *acct = parent_of(x, r,
		"Microsoft.CognitiveServices/accounts");
	const json_value *at;
	arm_val sku = deployment_sku(x, r, &at);
	int reach = sku.kind == AV_STR ? deployment_reach(sku.str) : 0;

	if (reach)
		place_from(x, r->comp, acct ? acct->comp : NULL,
			"the deployment's account is not in the template",
			r->v);
	if (!reach || (reach == 'z' && !r->comp->region))
		draft_set_location(x->d, r->comp, NULL,
			deployment_why(x, sku, r->comp), at);
	else
		deployment_scope(x, r, r->comp, reach, at);
	return SOV_OK;
}

/* Microsoft.KeyVault/vaults: location; the keys are held by the
 * provider's key service in the region. Microsoft copies a vault to the
 * region's pair when it has
 * one: geo (the pair included, soundly); none without a pair. */
static int read_key_vault(arm_ctx *x, arm_res *r, draft_comp *c)
{
	int none;

	if (set_place(x, r, c) < 0 || !c->region)
		return SOV_OK;
	draft_set_keys_region(x->d, c, DRAFT_KEYS_PROVIDER, "azure",
		c->region);
	if (pair_of(x, c->region, &none))
		draft_set_redundancy(x->d, c, DRAFT_RED_GEO, r->v);
	else if (none)
		draft_set_redundancy(x->d, c, DRAFT_RED_NONE, r->v);
	return SOV_OK;
}

/* Microsoft.KeyVault/managedHSMs: keys in the region */
static int read_managed_hsm(arm_ctx *x, arm_res *r, draft_comp *c)
{
	if (set_place(x, r, c) == 0 && c->region)
		draft_set_keys_region(x->d, c, DRAFT_KEYS_PROVIDER, "azure",
			c->region);
	return SOV_OK;
}

typedef struct {
	const char *type;
	const char *kind;       /* NULL: no component of its own */
	int (*read)(arm_ctx *x, arm_res *r, draft_comp *c);
	int (*place)(arm_ctx *x, arm_res *r);   /* after all are read */
	int (*link)(arm_ctx *x, arm_res *r);    /* after all are placed */
} arm_map;

static const arm_map arm_maps[] = {
	{ "Microsoft.Storage/storageAccounts", "object-storage",
	  read_storage, NULL, NULL },
	{ "Microsoft.DocumentDB/databaseAccounts", "database",
	  read_cosmos, NULL, NULL },
	{ "Microsoft.Sql/servers", "database", read_located, NULL, NULL },
	{ "Microsoft.Sql/servers/databases", "database",
	  read_sql_database, place_sql_database, NULL },
	{ "Microsoft.Sql/servers/failoverGroups", NULL, NULL, NULL,
	  link_failover_group },
	{ "Microsoft.DBforPostgreSQL/flexibleServers", "database",
	  read_flexible_server, NULL, NULL },
	{ "Microsoft.DBforMySQL/flexibleServers", "database",
	  read_flexible_server, NULL, NULL },
	{ "Microsoft.CognitiveServices/accounts", "ai-inference",
	  read_cognitive_account, NULL, NULL },
	{ "Microsoft.CognitiveServices/accounts/deployments",
	  "ai-inference", read_ai_deployment, place_ai_deployment, NULL },
	{ "Microsoft.KeyVault/vaults", "key-management", read_key_vault,
	  NULL, NULL },
	{ "Microsoft.KeyVault/managedHSMs", "key-management",
	  read_managed_hsm, NULL, NULL },
	{ "Microsoft.Web/sites", "compute", read_located, NULL, NULL },
	{ "Microsoft.Compute/virtualMachines", "compute", read_located,
	  NULL, NULL },
	{ "Microsoft.ContainerService/managedClusters", "compute",
	  read_located, NULL, NULL },
	{ "Microsoft.App/containerApps", "compute", read_located, NULL,
	  NULL },
	{ "Microsoft.OperationalInsights/workspaces", "logging",
	  read_located, NULL, NULL },
	{ "Microsoft.Insights/components", "logging", read_located, NULL,
	  NULL },
};

static const arm_map *map_of(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof arm_maps / sizeof arm_maps[0]; i++)
		if (ieq(arm_maps[i].type, type))
			return &arm_maps[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Tags                                                                */

static int is_sovereign_id(const char *key)
{
	return ieq(key, "sovereign:id") || ieq(key, "sovereign-id");
}

/* One tag's value, evaluated, as a new value; NULL when not known (a
 * sovereign:* tag then has a warning). */
static json_value *tag_value(arm_ctx *x, arm_res *r, const char *key,
	const json_value *v)
{
	arm_val e = eval_at(x, r, v);
	json_value *out;

	if (e.kind != AV_STR && e.kind != AV_NUM && e.kind != AV_JSON) {
		if (istarts(key, "sovereign"))
			draft_warning(x->d, &r->src, v, "%s: tag %s is not "
				"known (%s); it is not read", r->address, key,
				e.why ? e.why : "not a string");
		return NULL;
	}
	out = arena_alloc(arena_of(x), sizeof *out);
	if (!out)
		return NULL;
	*out = *v;
	out->next = NULL;
	if (e.kind == AV_STR) {
		out->type = JSON_STRING;
		out->string = e.str;
		out->len = strlen(e.str);
	}
	return out;
}

/* A copy of a tags object with its values evaluated; sovereign:id is
 * left out when the tags are `inherited`. */
static const json_value *eval_tags(arm_ctx *x, arm_res *r,
	const json_value *tags, int inherited)
{
	arena *a = arena_of(x);
	json_value *out = arena_alloc(a, sizeof *out);
	size_t i;

	if (!out)
		return NULL;
	*out = *tags;
	out->n = 0;
	out->items = arena_calloc(a, tags->n + 1, sizeof *out->items);
	out->keys = arena_calloc(a, tags->n + 1, sizeof *out->keys);
	for (i = 0; out->items && out->keys && i < tags->n; i++) {
		json_value *v = inherited && is_sovereign_id(tags->keys[i]) ?
			NULL : tag_value(x, r, tags->keys[i], tags->items[i]);

		if (!v)
			continue;
		if (out->n)
			out->items[out->n - 1]->next = v;
		out->keys[out->n] = tags->keys[i];
		out->items[out->n++] = v;
	}
	return out->items && out->keys ? out : NULL;
}

/* The resource's tags as an object of known values, or NULL. */
static const json_value *res_tags(arm_ctx *x, arm_res *r, int inherited)
{
	const json_value *tags = iget(r->v, "tags");
	arm_val v;

	if (!tags)
		return NULL;
	v = eval_at(x, r, tags);
	if (v.kind == AV_JSON && v.json->type == JSON_OBJECT)
		return eval_tags(x, r, v.json, inherited);
	draft_warning(x->d, &r->src, tags, "%s: the tags are not known (%s); "
		"no sovereign:* tag is read from them", r->address,
		v.kind == AV_UNKNOWN && v.why ? v.why : "not an object");
	return NULL;
}

/* The kind a sovereign:kind tag gives a resource of an unmapped type. */
static const char *tagged_kind(arm_ctx *x, arm_res *r)
{
	const json_value *tags = iget(r->v, "tags");
	const json_value *kind = iget(tags, "sovereign:kind");
	arm_val v;

	if (!kind)
		kind = iget(tags, "sovereign-kind");
	if (!kind)
		return NULL;
	v = eval_at(x, r, kind);
	return v.kind == AV_STR ? v.str : NULL;
}

/* ------------------------------------------------------------------ */
/* The template                                                        */

/* A copy loop whose count is not known is one component: the count, as
 * written, is noted on it. */
static void note_loop(arm_ctx *x, arm_res *r)
{
	const arm_res *outer = r;
	const json_value *count;
	arm_val n;

	while (!iget(outer->v, "copy") && outer->parent)
		outer = outer->parent;
	count = iget(iget(outer->v, "copy"), "count");
	n = eval_at(x, outer, count);
	draft_add_attr(x->d, r->comp, "copy-count", key_text(x, n));
	draft_warning(x->d, &r->src, count, "%s: the count of copy loop %s "
		"is not known (%s); the loop is imported as one component",
		r->address, outer->copy_name ? outer->copy_name : "",
		n.why ? n.why : "not a number");
}

/* One resource, first pass: its component, tags and own properties. */
static int read_res(arm_ctx *x, arm_res *r)
{
	const arm_map *m = map_of(r->type);
	const char *kind = m ? m->kind : tagged_kind(x, r);
	const json_value *tags;

	if (m && !m->kind)
		return SOV_OK;
	if (!kind)
		return draft_skip_resource(x->d, r->address, r->type, r->src);
	r->comp = draft_add(x->d, r->address, r->type, kind, "azure",
		r->src);
	if (!r->comp)
		return SOV_ENOMEM;
	if (r->in_loop && r->copy_index < 0)
		note_loop(x, r);
	tags = res_tags(x, r, 0);
	if (tags)
		draft_apply_tags(x->d, r->comp, tags);
	return m ? m->read(x, r, r->comp) : read_located(x, r, r->comp);
}

/* An accounts/deployments resource without tags has its account's, so
 * that the data classes of the account reach its deployments. */
static void inherit_tags(arm_ctx *x, arm_res *r)
{
	arm_res *acct;
	const json_value *tags;

	if (!r->comp || iget(r->v, "tags") || !ieq(r->type,
	    "Microsoft.CognitiveServices/accounts/deployments"))
		return;
	acct = parent_of(x, r, "Microsoft.CognitiveServices/accounts");
	tags = acct ? res_tags(x, acct, 1) : NULL;
	if (tags)
		draft_apply_tags(x->d, r->comp, tags);
}

static int run_pass(arm_ctx *x, int pass)
{
	arm_res *r;
	int rc = SOV_OK;

	for (r = x->list; r && rc == SOV_OK; r = r->next) {
		const arm_map *m = map_of(r->type);

		if (pass == 0) {
			rc = read_res(x, r);
		} else if (pass == 1) {
			inherit_tags(x, r);
			if (m && m->place && r->comp)
				rc = m->place(x, r);
		} else if (m && m->link) {
			rc = m->link(x, r);
		}
	}
	return rc;
}

/* $schema -> ".../deploymentTemplate.json#" (or the subscription,
 * management group and tenant variants) */
static int is_template(draft *d, const json_value *root)
{
	const json_value *schema = json_get(root, "$schema");
	const char *s = json_str(schema);
	draft_src src = draft_at(d, root);

	if (root->type == JSON_OBJECT && s &&
	    icontains(s, "deploymentTemplate.json"))
		return 1;
	draft_error(d, &src, schema ? schema : root, "an ARM deployment "
		"template: an object whose \"$schema\" ends in "
		"deploymentTemplate.json#", "%s", s &&
		icontains(s, "deploymentParameters.json") ?
		"a parameters file, not a template" :
		"not an ARM deployment template");
	return 0;
}

int arm_import(draft *d, const json_value *root)
{
	arm_ctx x;
	int rc, pass;

	if (!root || !is_template(d, root))
		return SOV_OK;
	memset(&x, 0, sizeof x);
	x.d = d;
	x.params = iget(root, "parameters");
	x.vars = iget(root, "variables");
	x.total_fuel = ARM_TOTAL_FUEL;
	x.text_left = ARM_TOTAL_TEXT;
	rc = flatten(&x, iget(root, "resources"), NULL);
	for (pass = 0; pass < 3 && rc == SOV_OK; pass++)
		rc = run_pass(&x, pass);
	if (rc == SOV_OK && arena_failed(d->arena))
		rc = SOV_ENOMEM;
	return rc;
}
