/*
 * cloudformation.c - import: a CloudFormation template (JSON or YAML, as
 * json_parse_doc() reads both) becomes draft components.
 *
 * Input: the template's tree. YAML short forms (!Ref, !Sub, !GetAtt...)
 * arrive as values carrying a tag, JSON long forms as one-member objects
 * ({"Ref": ...}, {"Fn::Sub": ...}); fn_of() makes the two one thing.
 * Output: one component per resource of a mapped type, every other
 * resource listed as skipped. The template is evaluated only as far as
 * it can be without the stack: parameter defaults, mappings, conditions
 * and the stack's region when --region gives it. Whatever else a value
 * depends on (attributes, the account, a parameter without a default)
 * leaves the fact it would give unknown, with the reason.
 */
#include "import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

/* Conditions may name conditions, and nothing stops a cycle. */
#define CFN_MAX_DEPTH 64

static const char REGION_WHY[] = "the stack's region: give --region";
static const char NO_VALUE[] = "AWS::NoValue";

typedef struct {
	draft *d;
	const json_value *params, *conds, *maps, *resources;
	const char *provider;   /* the stack's: aws, aws-cn or aws-esc */
	const char *partition;  /* its ARN partition */
	const char *region;     /* the stack's region, or NULL */
	int depth;
} cfn;

/* ------------------------------------------------------------------ */
/* The template                                                        */

/* The key of resource `name` (its first `len` bytes), or NULL. */
static const char *resource_key(const cfn *t, const char *name,
	size_t len)
{
	size_t i;

	for (i = 0; name && i < t->resources->n; i++)
		if (strncmp(t->resources->keys[i], name, len) == 0 &&
		    t->resources->keys[i][len] == '\0')
			return t->resources->keys[i];
	return NULL;
}

static const char *type_of(const cfn *t, const char *id)
{
	return json_str(json_get(json_get(t->resources, id), "Type"));
}

static int is_type(const cfn *t, const char *id, const char *type)
{
	const char *ty = id ? type_of(t, id) : NULL;

	return ty && strcmp(ty, type) == 0;
}

static const json_value *props(const json_value *res)
{
	return json_get(res, "Properties");
}

static const json_value *prop(const cfn *t, const char *id,
	const char *name)
{
	return json_get(props(json_get(t->resources, id)), name);
}

/* ------------------------------------------------------------------ */
/* Intrinsic functions                                                 */

typedef enum {
	FN_NONE, FN_REF, FN_CONDITION, FN_GETATT, FN_SUB, FN_JOIN,
	FN_SELECT, FN_SPLIT, FN_FINDINMAP, FN_IF, FN_EQUALS, FN_NOT,
	FN_AND, FN_OR, FN_OTHER
} cfn_fn;

/* Short names: "!Sub" in YAML, "Fn::Sub" in JSON ("Ref" and
 * "Condition" have no Fn:: prefix). */
static const struct {
	const char *name;
	cfn_fn fn;
} fn_names[] = {
	{"Ref", FN_REF}, {"Condition", FN_CONDITION},
	{"GetAtt", FN_GETATT}, {"Sub", FN_SUB}, {"Join", FN_JOIN},
	{"Select", FN_SELECT}, {"Split", FN_SPLIT},
	{"FindInMap", FN_FINDINMAP}, {"If", FN_IF}, {"Equals", FN_EQUALS},
	{"Not", FN_NOT}, {"And", FN_AND}, {"Or", FN_OR},
};

static cfn_fn fn_named(const char *name, int prefixed)
{
	size_t i;

	for (i = 0; i < sizeof(fn_names) / sizeof(fn_names[0]); i++) {
		int plain = fn_names[i].fn == FN_REF ||
			    fn_names[i].fn == FN_CONDITION;

		if (strcmp(name, fn_names[i].name) == 0 &&
		    (!prefixed || !plain))
			return fn_names[i].fn;
	}
	return FN_OTHER;
}

/* The function value `v` calls, and its argument: for a YAML tag the
 * value itself, for JSON the object's one member. */
static cfn_fn fn_of(const json_value *v, const json_value **arg)
{
	const char *key;

	*arg = v;
	if (!v)
		return FN_NONE;
	if (v->tag && v->tag[0] == '!' && v->tag[1] != '!')
		return fn_named(v->tag + 1, 0);
	if (v->type != JSON_OBJECT || v->n != 1)
		return FN_NONE;
	key = v->keys[0];
	*arg = v->items[0];
	if (strcmp(key, "Ref") == 0 || strcmp(key, "Condition") == 0)
		return fn_named(key, 0);
	if (strncmp(key, "Fn::", 4) == 0)
		return fn_named(key + 4, 1);
	*arg = v;
	return FN_NONE;
}

/* The n-th item of an array argument, or NULL. */
static const json_value *arg_at(const json_value *arg, size_t i)
{
	if (!arg || arg->type != JSON_ARRAY || i >= arg->n)
		return NULL;
	return arg->items[i];
}

/* ------------------------------------------------------------------ */
/* Text built in the arena                                             */

typedef struct {
	arena *a;
	char *s;
	size_t len, cap;
	int failed;
} sbuf;

static void sbuf_add(sbuf *b, const char *s, size_t n)
{
	char *grown;
	size_t cap = b->cap ? b->cap : 64;

	if (b->failed)
		return;
	while (cap < b->len + n + 1)
		cap *= 2;
	if (cap != b->cap) {
		grown = arena_alloc(b->a, cap);
		if (!grown) {
			b->failed = 1;
			return;
		}
		if (b->len)
			memcpy(grown, b->s, b->len);
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static const char *sbuf_text(sbuf *b, const char **why)
{
	if (b->failed) {
		*why = "out of memory";
		return NULL;
	}
	return b->s ? b->s : "";
}

/* ------------------------------------------------------------------ */
/* Values: what a property is, as far as the template alone says       */

static const char *resolve(cfn *t, const json_value *v, const char **why);
static int cond_eval(cfn *t, const json_value *v, const char **why);

static const char *unknown(cfn *t, const char **why, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets *why and gives NULL: the value is not known, and this is why. */
static const char *unknown(cfn *t, const char **why, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	s = arena_vprintf(t->d->arena, fmt, ap);
	va_end(ap);
	*why = s ? s : "not known";
	return NULL;
}

static const char *resolve_pseudo(cfn *t, const char *name,
	const char **why)
{
	if (strcmp(name, "AWS::Region") == 0) {
		if (!t->region)
			*why = REGION_WHY;
		return t->region;
	}
	if (strcmp(name, "AWS::Partition") == 0)
		return t->partition;
	if (strcmp(name, "AWS::NoValue") == 0) {
		*why = NO_VALUE;
		return NULL;
	}
	return unknown(t, why, "%s is known only when the stack is created",
		name);
}

/* A parameter: its default, unless the stack reads it elsewhere. */
static const char *resolve_param(cfn *t, const char *name,
	const json_value *p, const char **why)
{
	const char *type = json_str(json_get(p, "Type"));
	const json_value *def = json_get(p, "Default");

	if (type && strncmp(type, "AWS::SSM::Parameter::Value", 26) == 0)
		return unknown(t, why, "parameter %s is read from Systems "
			"Manager when the stack is created", name);
	if (!def)
		return unknown(t, why, "parameter %s has no default", name);
	return resolve(t, def, why);
}

static const char *resolve_ref(cfn *t, const char *name, const char **why)
{
	const json_value *p;

	if (!name)
		return unknown(t, why, "a Ref that names nothing");
	if (strncmp(name, "AWS::", 5) == 0)
		return resolve_pseudo(t, name, why);
	p = json_get(t->params, name);
	if (p)
		return resolve_param(t, name, p, why);
	if (json_get(t->resources, name))
		return unknown(t, why, "the name of resource %s is known only "
			"when the stack is created", name);
	return unknown(t, why, "%s is neither a parameter nor a resource",
		name);
}

/* One ${...} of a Fn::Sub: a variable of its map, a GetAtt (A.B) or a
 * Ref. */
static const char *sub_var(cfn *t, const char *name, const json_value *vars,
	const char **why)
{
	const json_value *v = json_get(vars, name);

	if (v)
		return resolve(t, v, why);
	if (strchr(name, '.') && strncmp(name, "AWS::", 5) != 0)
		return unknown(t, why, "%s is an attribute, known only when "
			"the stack is created", name);
	return resolve_ref(t, name, why);
}

/* The template string of a Fn::Sub and its variables. */
static const char *sub_parts(const json_value *arg, const json_value **vars)
{
	*vars = NULL;
	if (arg && arg->type == JSON_ARRAY) {
		*vars = arg_at(arg, 1);
		return json_str(arg_at(arg, 0));
	}
	return json_str(arg);
}

/* The text of a Fn::Sub template `p`: resolved only when every ${} in
 * it resolves. */
static const char *sub_text(cfn *t, const char *p, const json_value *vars,
	const char **why)
{
	const char *q, *end, *val;
	sbuf b = {t->d->arena, NULL, 0, 0, 0};

	while ((q = strstr(p, "${")) != NULL) {
		sbuf_add(&b, p, (size_t)(q - p));
		end = strchr(q, '}');
		if (q[2] == '!' || !end) {
			sbuf_add(&b, "${", 2);
			p = q + (q[2] == '!' ? 3 : 2);
			continue;
		}
		val = arena_strndup(t->d->arena, q + 2, (size_t)(end - q - 2));
		val = val ? sub_var(t, val, vars, why) : NULL;
		if (!val)
			return NULL;
		sbuf_add(&b, val, strlen(val));
		p = end + 1;
	}
	sbuf_add(&b, p, strlen(p));
	return sbuf_text(&b, why);
}

static const char *resolve_sub(cfn *t, const json_value *arg,
	const char **why)
{
	const json_value *vars;
	const char *p = sub_parts(arg, &vars);

	if (!p)
		return unknown(t, why, "a Fn::Sub without a string");
	return sub_text(t, p, vars, why);
}

/* A Ref to a list parameter (CommaDelimitedList, List<...>): its
 * default, the items joined by commas; else NULL. */
static const char *list_param(cfn *t, const json_value *v, const char **why)
{
	const json_value *arg, *p;
	const char *type;

	if (fn_of(v, &arg) != FN_REF || !json_str(arg))
		return NULL;
	p = json_get(t->params, json_str(arg));
	type = json_str(json_get(p, "Type"));
	if (!type || (strcmp(type, "CommaDelimitedList") != 0 &&
		      strncmp(type, "List<", 5) != 0))
		return NULL;
	return resolve_ref(t, json_str(arg), why);
}

/* The comma-separated items of `s`, joined by `delim`. */
static const char *rejoin(cfn *t, const char *s, const char *delim,
	const char **why)
{
	sbuf b = {t->d->arena, NULL, 0, 0, 0};
	size_t len;

	for (;;) {
		len = strcspn(s, ",");
		sbuf_add(&b, s, len);
		if (!s[len])
			break;
		sbuf_add(&b, delim, strlen(delim));
		s += len + 1;
	}
	return sbuf_text(&b, why);
}

/* Fn::Join [delimiter, [values]]. */
static const char *resolve_join(cfn *t, const json_value *arg,
	const char **why)
{
	const char *delim = resolve(t, arg_at(arg, 0), why), *s;
	const json_value *list = arg_at(arg, 1), *inner;
	sbuf b = {t->d->arena, NULL, 0, 0, 0};
	size_t i;

	if (!delim)
		return NULL;
	s = list_param(t, list, why);
	if (s)
		return rejoin(t, s, delim, why);
	if (!list || list->type != JSON_ARRAY ||
	    fn_of(list, &inner) != FN_NONE)
		return unknown(t, why, "a Fn::Join over a list the template "
			"does not give");
	for (i = 0; i < list->n; i++) {
		s = resolve(t, list->items[i], why);
		if (!s)
			return NULL;
		if (i)
			sbuf_add(&b, delim, strlen(delim));
		sbuf_add(&b, s, strlen(s));
	}
	return sbuf_text(&b, why);
}

/* Piece `index` of `s` split at `delim`, or NULL. */
static const char *split_piece(cfn *t, const char *s, const char *delim,
	unsigned long index)
{
	size_t dl = strlen(delim);
	const char *end;

	while (dl && index > 0 && (end = strstr(s, delim)) != NULL) {
		s = end + dl;
		index--;
	}
	if (index > 0)
		return NULL;
	end = dl ? strstr(s, delim) : NULL;
	return arena_strndup(t->d->arena, s, end ? (size_t)(end - s) :
		strlen(s));
}

/* Fn::Select [index, list]: a list as written, or a Fn::Split. */
static const char *resolve_select(cfn *t, const json_value *arg,
	const char **why)
{
	const char *is = resolve(t, arg_at(arg, 0), why), *s, *delim, *r;
	const json_value *list = arg_at(arg, 1), *inner;
	unsigned long index;
	char *end;

	if (!is)
		return NULL;
	index = strtoul(is, &end, 10);
	if (*end || !*is)
		return unknown(t, why, "Fn::Select index '%s' is not a number",
			is);
	s = list_param(t, list, why);
	if (s) {
		r = split_piece(t, s, ",", index);
		if (!r)
			*why = "Fn::Select beyond the end of its list";
		return r;
	}
	if (fn_of(list, &inner) == FN_SPLIT) {
		delim = resolve(t, arg_at(inner, 0), why);
		s = delim ? resolve(t, arg_at(inner, 1), why) : NULL;
		r = s ? split_piece(t, s, delim, index) : NULL;
		if (!r && s)
			*why = "Fn::Select beyond the end of its list";
		return r;
	}
	if (list && list->type == JSON_ARRAY && inner == list &&
	    index < list->n)
		return resolve(t, list->items[index], why);
	return unknown(t, why, "a Fn::Select over a list the template does "
		"not give");
}

/* Fn::FindInMap [map, first key, second key], with the optional
 * default value of the language extensions. */
static const char *resolve_findinmap(cfn *t, const json_value *arg,
	const char **why)
{
	const char *m = resolve(t, arg_at(arg, 0), why);
	const char *k1 = m ? resolve(t, arg_at(arg, 1), why) : NULL;
	const char *k2 = k1 ? resolve(t, arg_at(arg, 2), why) : NULL;
	const json_value *v, *def;

	if (!k2)
		return NULL;
	v = json_get(json_get(json_get(t->maps, m), k1), k2);
	if (v)
		return resolve(t, v, why);
	def = json_get(arg_at(arg, 3), "DefaultValue");
	if (def)
		return resolve(t, def, why);
	*why = arena_printf(t->d->arena, "mapping %s has no %s.%s", m, k1,
		k2);
	return NULL;
}

/* Fn::If [condition, then, else]. */
static const char *resolve_if(cfn *t, const json_value *arg,
	const char **why)
{
	const char *name = json_str(arg_at(arg, 0));
	const char *cwhy = NULL, *a, *b;
	int holds = name ? cond_eval(t, arg_at(arg, 0), &cwhy) : -1;

	if (holds == 1)
		return resolve(t, arg_at(arg, 1), why);
	if (holds == 0)
		return resolve(t, arg_at(arg, 2), why);
	/* Both branches alike: the condition does not matter. */
	a = resolve(t, arg_at(arg, 1), why);
	b = a ? resolve(t, arg_at(arg, 2), why) : NULL;
	if (a && b && strcmp(a, b) == 0)
		return a;
	return unknown(t, why, "the value depends on condition %s",
		name ? name : "?");
}

static const char *resolve_scalar(cfn *t, const json_value *v,
	const char **why)
{
	switch (v->type) {
	case JSON_STRING: return v->string;
	case JSON_NUMBER: return v->text;
	case JSON_TRUE: return "true";
	case JSON_FALSE: return "false";
	case JSON_NULL:
		*why = "no value";
		return NULL;
	default:
		return unknown(t, why, "a list or map where one value is "
			"expected");
	}
}

static const char *resolve_fn(cfn *t, cfn_fn fn, const json_value *arg,
	const char **why)
{
	switch (fn) {
	case FN_NONE: return resolve_scalar(t, arg, why);
	case FN_REF: return resolve_ref(t, json_str(arg), why);
	case FN_SUB: return resolve_sub(t, arg, why);
	case FN_JOIN: return resolve_join(t, arg, why);
	case FN_SELECT: return resolve_select(t, arg, why);
	case FN_FINDINMAP: return resolve_findinmap(t, arg, why);
	case FN_IF: return resolve_if(t, arg, why);
	case FN_GETATT:
		return unknown(t, why, "an attribute of %s, known only when "
			"the stack is created", json_str(arg) ? json_str(arg) :
			json_str(arg_at(arg, 0)) ? json_str(arg_at(arg, 0)) :
			"a resource");
	default:
		return unknown(t, why, "a function the template alone does "
			"not evaluate");
	}
}

/*
 * The text of `v` (a string, number or boolean, or a function of them),
 * or NULL with the reason in *why (NO_VALUE for AWS::NoValue).
 */
static const char *resolve(cfn *t, const json_value *v, const char **why)
{
	const json_value *arg;
	const char *r;
	cfn_fn fn = fn_of(v, &arg);

	*why = "not stated";
	if (!v)
		return NULL;
	if (t->depth >= CFN_MAX_DEPTH)
		return unknown(t, why, "functions nested too deeply");
	t->depth++;
	r = resolve_fn(t, fn, arg, why);
	t->depth--;
	return r;
}

/* ------------------------------------------------------------------ */
/* Conditions: 1 holds, 0 does not, -1 unknown                         */

static int cond_named(cfn *t, const char *name, const char **why)
{
	const json_value *c = name ? json_get(t->conds, name) : NULL;
	int r;

	if (!c) {
		*why = "no such condition";
		return -1;
	}
	if (t->depth >= CFN_MAX_DEPTH) {
		*why = "conditions nested too deeply";
		return -1;
	}
	t->depth++;
	r = cond_eval(t, c, why);
	t->depth--;
	return r;
}

/* Fn::And (all) or Fn::Or (any) of the conditions in `arg`. */
static int cond_list(cfn *t, const json_value *arg, int all,
	const char **why)
{
	int seen_unknown = 0;
	size_t i;

	for (i = 0; arg && arg->type == JSON_ARRAY && i < arg->n; i++) {
		int r = cond_eval(t, arg->items[i], why);

		if (r == -1)
			seen_unknown = 1;
		else if (r == !all)
			return r;
	}
	return seen_unknown ? -1 : all;
}

static int cond_equals(cfn *t, const json_value *arg, const char **why)
{
	const char *a = resolve(t, arg_at(arg, 0), why);
	const char *b = a ? resolve(t, arg_at(arg, 1), why) : NULL;

	if (!b)
		return -1;
	return strcmp(a, b) == 0;
}

static int cond_eval(cfn *t, const json_value *v, const char **why)
{
	const json_value *arg;
	int r;

	switch (fn_of(v, &arg)) {
	case FN_EQUALS: return cond_equals(t, arg, why);
	case FN_AND: return cond_list(t, arg, 1, why);
	case FN_OR: return cond_list(t, arg, 0, why);
	case FN_NOT:
		r = cond_eval(t, arg_at(arg, 0), why);
		return r < 0 ? r : !r;
	case FN_CONDITION: return cond_named(t, json_str(arg), why);
	case FN_NONE:
		/* Fn::If names its condition as a plain string. */
		if (json_str(v))
			return cond_named(t, json_str(v), why);
		break;
	default: break;
	}
	*why = "not a condition";
	return -1;
}

/* A boolean property: 1, 0, or DRAFT_UNSET when it does not resolve. */
static int resolve_bool(cfn *t, const json_value *v)
{
	const char *why;
	const char *s = resolve(t, v, &why);

	if (s && (strcmp(s, "true") == 0 || strcmp(s, "True") == 0))
		return 1;
	if (s && (strcmp(s, "false") == 0 || strcmp(s, "False") == 0))
		return 0;
	return DRAFT_UNSET;
}

/* ------------------------------------------------------------------ */
/* References between resources                                        */

/* Fn::GetAtt "A.B" or [A, B] -> A, when A is a resource. */
static const char *getatt_resource(const cfn *t, const json_value *arg)
{
	const char *s = json_str(arg);

	if (s)
		return resource_key(t, s, strcspn(s, "."));
	s = json_str(arg_at(arg, 0));
	return s ? resource_key(t, s, strlen(s)) : NULL;
}

/* The one resource a Fn::Sub names (${A} or ${A.B}), or NULL. */
static const char *sub_resource(const cfn *t, const json_value *arg)
{
	const json_value *vars;
	const char *p = sub_parts(arg, &vars), *q, *found = NULL, *r;

	while (p && (q = strstr(p, "${")) != NULL) {
		size_t len = strcspn(q + 2, ".}");

		r = q[2] == '!' ? NULL : resource_key(t, q + 2, len);
		if (r && !json_get(vars, r)) {
			if (found && found != r)
				return NULL;
			found = r;
		}
		p = q + 2;
	}
	return found;
}

/* The resource of the template that `v` points at (Ref, GetAtt, or a
 * Sub that names one), or NULL. */
static const char *ref_target(const cfn *t, const json_value *v)
{
	const json_value *arg;
	const char *s;

	switch (fn_of(v, &arg)) {
	case FN_REF:
		s = json_str(arg);
		return s ? resource_key(t, s, strlen(s)) : NULL;
	case FN_GETATT: return getatt_resource(t, arg);
	case FN_SUB: return sub_resource(t, arg);
	default: return NULL;
	}
}

/* ------------------------------------------------------------------ */
/* ARNs and places                                                     */

/* Partitions and the catalog providers whose regions they hold. */
static const struct {
	const char *partition, *provider;
} partitions[] = {
	{"aws", "aws"}, {"aws-us-gov", "aws"}, {"aws-cn", "aws-cn"},
	{"aws-eusc", "aws-esc"},
};

#define NPARTITIONS (sizeof(partitions) / sizeof(partitions[0]))

/* arn:partition:service:region:account:resource; region and resource
 * NULL when empty or not known. */
typedef struct {
	const char *partition, *service, *region, *resource;
} cfn_arn;

/* The length of the ARN field at `s`: up to a ':' outside ${...}. */
static size_t arn_field(const char *s)
{
	size_t i = 0;

	while (s[i] && s[i] != ':') {
		if (s[i] == '$' && s[i + 1] == '{' && strchr(s + i, '}'))
			i = (size_t)(strchr(s + i, '}') - s);
		i++;
	}
	return i;
}

/* Splits `s` (after "arn:") into its fields, each resolved as a Fn::Sub
 * with `vars` when `sub`, or taken as written. */
static int arn_fields(cfn *t, const char *s, int sub, const json_value *vars,
	cfn_arn *out)
{
	const char *f[5], *why;
	size_t i, len;

	for (i = 0; i < 5; i++) {
		len = i < 4 ? arn_field(s) : strlen(s);
		if (i < 4 && s[len] != ':')
			return 0;
		f[i] = arena_strndup(t->d->arena, s, len);
		if (f[i] && sub)
			f[i] = sub_text(t, f[i], vars, &why);
		s += len + (i < 4);
	}
	out->partition = f[0];
	out->service = f[1];
	out->region = f[2] && *f[2] ? f[2] : NULL;
	out->resource = f[4];
	return out->partition && out->service;
}

/*
 * The ARN `v` gives. A Fn::Sub is read field by field, so that the
 * region of arn:${AWS::Partition}:backup:eu-north-1:${AWS::AccountId}:...
 * is known when the account is not.
 */
static int arn_text(cfn *t, const char *s, cfn_arn *out)
{
	return s && strncmp(s, "arn:", 4) == 0 &&
	       arn_fields(t, s + 4, 0, NULL, out);
}

static int arn_of(cfn *t, const json_value *v, cfn_arn *out)
{
	const json_value *arg, *vars;
	const char *why, *s = resolve(t, v, &why);

	if (s)
		return arn_text(t, s, out);
	if (fn_of(v, &arg) != FN_SUB)
		return 0;
	s = sub_parts(arg, &vars);
	return s && strncmp(s, "arn:", 4) == 0 &&
	       arn_fields(t, s + 4, 1, vars, out);
}

static const char *provider_of_partition(const char *partition)
{
	size_t i;

	for (i = 0; i < NPARTITIONS; i++)
		if (strcmp(partitions[i].partition, partition) == 0)
			return partitions[i].provider;
	return NULL;
}

/* Does the catalog give `provider` a region `region`? */
static int has_region(const cfn *t, const char *provider,
	const char *region)
{
	int p = provider ? catalog_provider(t->d->cat, provider) : -1;

	return p >= 0 && region &&
	       catalog_region(&t->d->cat->providers[p], region) >= 0;
}

/* The stack: its region from --region, and the provider whose catalog
 * regions hold it (aws unless the region is of another partition). */
static void stack_place(cfn *t, const json_value *root)
{
	const char *r = t->d->region_default;
	size_t i;

	t->provider = "aws";
	t->partition = "aws";
	if (!r)
		return;
	for (i = 0; i < NPARTITIONS; i++)
		if (has_region(t, partitions[i].provider, r)) {
			t->provider = partitions[i].provider;
			t->partition = strncmp(r, "us-gov-", 7) == 0 ?
				"aws-us-gov" : partitions[i].partition;
			t->region = r;
			return;
		}
	draft_error(t->d, NULL, root, "a region of provider aws in the "
		"catalog, such as eu-central-1", "--region: unknown region "
		"'%s' of provider 'aws'", r);
}

/* The region of the ARN `v` gives (for a resource of `service` when
 * not NULL), or NULL. */
static const char *arn_region(cfn *t, const json_value *v,
	const char *service)
{
	cfn_arn a;

	if (!arn_of(t, v, &a))
		return NULL;
	if (service && strcmp(a.service, service) != 0)
		return NULL;
	return a.region;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */

/* Keys held by the provider's key service in `region`: the same custody
 * draft_finish() gives a key of the template. */
static void key_region(cfn *t, draft_comp *c, const char *provider,
	const char *region, const json_value *at)
{
	const char *prov = provider ? provider : c->provider;

	if (!has_region(t, prov, region)) {
		draft_error(t->d, &c->src, at, "a region of the catalog",
			"%s: the key is in region '%s', which provider '%s' "
			"does not have", c->address, region, prov);
		return;
	}
	draft_set_keys_region(t->d, c, DRAFT_KEYS_PROVIDER, prov, region);
}

static int key_multi_region(cfn *t, const char *key)
{
	return resolve_bool(t, prop(t, key, "MultiRegion")) == 1;
}

/* A key of the template: through an alias to its key, if need be. */
static void key_of_template(cfn *t, draft_comp *c, const char *target,
	const json_value *at)
{
	if (is_type(t, target, "AWS::KMS::Alias"))
		target = ref_target(t, prop(t, target, "TargetKeyId"));
	if (!is_type(t, target, "AWS::KMS::Key"))
		return;
	if (key_multi_region(t, target)) {
		draft_warning(t->d, &c->src, at, "%s: key %s is a "
			"multi-Region key; where its replicas are is not in "
			"the template", c->address, target);
		return;
	}
	c->key_ref = target;
}

/*
 * KmsKeyId, KMSMasterKeyID, SSEKMSKeyId...: a key of the template (its
 * logical id, resolved by draft_finish), an ARN (its region), or a key
 * id or alias name, which AWS looks up in the resource's own region.
 */
static void use_key(cfn *t, draft_comp *c, const json_value *v)
{
	const char *target = ref_target(t, v), *why, *s;
	cfn_arn a;

	if (!v)
		return;
	if (target) {
		key_of_template(t, c, target, v);
		return;
	}
	if (arn_of(t, v, &a)) {
		if (a.region)
			key_region(t, c, provider_of_partition(a.partition),
				a.region, v);
		return;
	}
	s = resolve(t, v, &why);
	if (s && *s && c->region)
		key_region(t, c, NULL, c->region, v);
}

/* ------------------------------------------------------------------ */
/* Tags                                                                */

static json_value *string_value(cfn *t, const char *s, const json_value *at)
{
	json_value *v = arena_calloc(t->d->arena, 1, sizeof(*v));

	if (!v)
		return NULL;
	v->type = JSON_STRING;
	v->string = s;
	v->len = strlen(s);
	v->line = at->line;
	v->column = at->column;
	v->offset = at->offset;
	return v;
}

/* Tag i of `tags` (a list of {Key, Value} or a map), resolved. */
static int tag_at(cfn *t, const json_value *tags, size_t i,
	const char **key, const char **value, const json_value **at)
{
	const char *why;
	const json_value *item = tags->items[i];

	if (tags->type == JSON_OBJECT) {
		*key = tags->keys[i];
		*at = item;
	} else {
		*key = resolve(t, json_get(item, "Key"), &why);
		*at = json_get(item, "Value");
	}
	*value = *key ? resolve(t, *at, &why) : NULL;
	return *value != NULL;
}

/*
 * Applies the tag convention. The convention reads plain strings, so the
 * tags are given to it resolved; one whose value does not resolve
 * (!Ref of a parameter without a default) says nothing.
 */
static int apply_tags(cfn *t, draft_comp *c, const json_value *tags)
{
	json_value *m;
	size_t i;

	if (!tags || (tags->type != JSON_ARRAY && tags->type != JSON_OBJECT))
		return SOV_OK;
	m = arena_calloc(t->d->arena, 1, sizeof(*m));
	if (!m || !tags->n)
		return m ? SOV_OK : SOV_ENOMEM;
	m->type = JSON_OBJECT;
	m->items = arena_calloc(t->d->arena, tags->n, sizeof(*m->items));
	m->keys = arena_calloc(t->d->arena, tags->n, sizeof(*m->keys));
	if (!m->items || !m->keys)
		return SOV_ENOMEM;
	for (i = 0; i < tags->n; i++) {
		const char *key, *value;
		const json_value *at;

		if (!tag_at(t, tags, i, &key, &value, &at))
			continue;
		m->keys[m->n] = key;
		m->items[m->n] = string_value(t, value, at);
		if (!m->items[m->n])
			return SOV_ENOMEM;
		m->n++;
	}
	return draft_apply_tags(t->d, c, m);
}

/* ------------------------------------------------------------------ */
/* AWS::S3::Bucket                                                     */

/* The bucket of the template named `name` (its BucketName resolved). */
static const char *bucket_named(cfn *t, const char *name)
{
	const char *why, *s;
	size_t i;

	for (i = 0; i < t->resources->n; i++) {
		const char *id = t->resources->keys[i];

		if (!is_type(t, id, "AWS::S3::Bucket"))
			continue;
		s = resolve(t, prop(t, id, "BucketName"), &why);
		if (s && strcmp(s, name) == 0)
			return id;
	}
	return NULL;
}

/* A replication destination (an ARN arn:aws:s3:::NAME, or a function
 * naming a bucket): the bucket of the template it is, or NULL. */
static const char *bucket_of(cfn *t, const json_value *dest)
{
	const char *target = ref_target(t, dest), *why, *s;
	cfn_arn a;

	if (target)
		return is_type(t, target, "AWS::S3::Bucket") ? target : NULL;
	if (arn_of(t, dest, &a)) {
		if (strcmp(a.service, "s3") != 0 || !a.resource)
			return NULL;
		s = arena_strndup(t->d->arena, a.resource,
			strcspn(a.resource, "/"));
	} else {
		s = resolve(t, dest, &why);
	}
	return s ? bucket_named(t, s) : NULL;
}

static const char *rule_name(cfn *t, const json_value *rule, size_t i)
{
	const char *why;
	const char *id = resolve(t, json_get(rule, "Id"), &why);

	return id ? id : arena_printf(t->d->arena, "Rules[%zu]", i);
}

/* One replication rule; 1 when where it copies to is not known. A
 * destination outside the template has no region in its ARN, but an
 * SSE-KMS replica key must be in the destination bucket's region. */
static int replication_rule(cfn *t, draft_comp *c, const json_value *rule,
	size_t i)
{
	const json_value *dest = json_get(rule, "Destination");
	const json_value *bucket = json_get(dest, "Bucket");
	const char *name = rule_name(t, rule, i), *why, *region, *target;
	const char *status = resolve(t, json_get(rule, "Status"), &why);

	if (status && strcmp(status, "Disabled") == 0)
		return 0;
	target = bucket_of(t, bucket);
	if (target) {
		if (t->region)
			draft_add_replica(t->d, c, t->region, arena_printf(
				t->d->arena, "replication rule %s: bucket %s "
				"of the stack", name, target), bucket);
		return 0;
	}
	region = arn_region(t, json_get(json_get(dest,
		"EncryptionConfiguration"), "ReplicaKmsKeyID"), "kms");
	if (region) {
		draft_add_replica(t->d, c, region, arena_printf(t->d->arena,
			"replication rule %s: the region of its replica key",
			name), bucket);
		return 0;
	}
	draft_warning(t->d, &c->src, bucket ? bucket : rule, "%s: "
		"replication rule %s copies to a bucket outside the template, "
		"in a region the template does not give", c->address, name);
	return 1;
}

static void bucket_replication(cfn *t, draft_comp *c, const json_value *p)
{
	const json_value *rules = json_get(json_get(p,
		"ReplicationConfiguration"), "Rules");
	int elsewhere = 0;
	size_t i;

	for (i = 0; rules && rules->type == JSON_ARRAY && i < rules->n; i++)
		elsewhere |= replication_rule(t, c, rules->items[i], i);
	if (elsewhere)
		c->redundancy = DRAFT_UNSET;
}

static void bucket_key(cfn *t, draft_comp *c, const json_value *p)
{
	const json_value *rules = json_get(json_get(p, "BucketEncryption"),
		"ServerSideEncryptionConfiguration");
	size_t i;

	for (i = 0; rules && rules->type == JSON_ARRAY && i < rules->n; i++)
		use_key(t, c, json_get(json_get(rules->items[i],
			"ServerSideEncryptionByDefault"), "KMSMasterKeyID"));
}

/* AWS::S3::Bucket -> object-storage: S3 keeps its copies across the
 * zones of the region; replication rules add replicas. */
static int map_bucket(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *p = props(res);

	draft_set_redundancy(t->d, c, DRAFT_RED_ZONE, res);
	bucket_key(t, c, p);
	bucket_replication(t, c, p);
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* AWS::RDS::DBInstance and DBCluster                                  */

/*
 * A read replica (SourceDBInstanceIdentifier) or a cluster that
 * replicates another (ReplicationSourceIdentifier): a source of the
 * template is linked later (link_source); an ARN's region, or
 * SourceRegion, is where the data's other copy is. A plain identifier
 * names an instance of the same region.
 */
static void db_source(cfn *t, draft_comp *c, const json_value *p,
	const char *field)
{
	const json_value *src = json_get(p, field);
	const char *why, *rwhy, *s, *region = NULL;
	cfn_arn a;
	int is_arn;

	if (!src || ref_target(t, src))
		return;
	s = resolve(t, src, &why);
	if (s)
		draft_add_attr(t->d, c, "replica-of", s);
	is_arn = arn_of(t, src, &a);
	if (is_arn)
		region = a.region;
	if (is_arn && !region)
		why = "its ARN names no region";
	if (!region)
		region = resolve(t, json_get(p, "SourceRegion"), &rwhy);
	if (region) {
		draft_add_replica(t->d, c, region, "the source of this "
			"replica", src);
		return;
	}
	if (s && !is_arn)
		return;
	c->redundancy = DRAFT_UNSET;
	draft_warning(t->d, &c->src, src, "%s: the region of the source of "
		"this replica is not known (%s)", c->address, why);
}

/* MultiAZ: a standby in another zone. An instance of a cluster stores
 * in the cluster's volume, which spans zones. */
static int db_instance_redundancy(cfn *t, const json_value *p)
{
	const json_value *multi = json_get(p, "MultiAZ");
	int b;

	if (json_get(p, "DBClusterIdentifier"))
		return DRAFT_RED_ZONE;
	if (!multi)
		return DRAFT_RED_NONE;
	b = resolve_bool(t, multi);
	return b == DRAFT_UNSET ? DRAFT_UNSET :
	       b ? DRAFT_RED_ZONE : DRAFT_RED_NONE;
}

/* AWS::RDS::DBInstance -> database. */
static int map_db_instance(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *p = props(res);
	int red = db_instance_redundancy(t, p);

	if (red != DRAFT_UNSET)
		draft_set_redundancy(t->d, c, red, json_get(p, "MultiAZ"));
	use_key(t, c, json_get(p, "KmsKeyId"));
	db_source(t, c, p, "SourceDBInstanceIdentifier");
	return SOV_OK;
}

/* AWS::RDS::DBCluster -> database: the cluster volume spans zones. */
static int map_db_cluster(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *p = props(res);
	const json_value *global = json_get(p, "GlobalClusterIdentifier");

	draft_set_redundancy(t->d, c, DRAFT_RED_ZONE, res);
	use_key(t, c, json_get(p, "KmsKeyId"));
	db_source(t, c, p, "ReplicationSourceIdentifier");
	if (global) {
		c->redundancy = DRAFT_UNSET;
		draft_warning(t->d, &c->src, global, "%s: a cluster of a "
			"global database; the regions of its other clusters "
			"are not in the template", c->address);
	}
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* AWS::DynamoDB::Table and GlobalTable                                */

/* AWS::DynamoDB::Table -> database: tables are copied across zones. */
static int map_table(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *sse = json_get(props(res), "SSESpecification");

	draft_set_redundancy(t->d, c, DRAFT_RED_ZONE, res);
	use_key(t, c, json_get(sse, "KMSMasterKeyId"));
	return SOV_OK;
}

/* Where replica `r` keeps its key, or NULL: a key of the template is in
 * the stack's region, a key id or alias in the replica's own region. */
static const char *replica_key_region(cfn *t, const json_value *r,
	const char *region)
{
	const json_value *k = json_get(json_get(r, "SSESpecification"),
		"KMSMasterKeyId");
	const char *why;
	cfn_arn a;

	if (!k)
		return NULL;
	if (ref_target(t, k))
		return t->region;
	if (arn_of(t, k, &a))
		return a.region;
	return resolve(t, k, &why) ? region : NULL;
}

/* The keys of a global table: only when every replica names its key,
 * else a list of some of them would pass for all. */
static void global_table_keys(cfn *t, draft_comp *c,
	const json_value *replicas, const char **regions)
{
	const char *where[DRAFT_MAX_LIST];
	size_t i, n = replicas->n < DRAFT_MAX_LIST ? replicas->n :
		  DRAFT_MAX_LIST;

	/* cppcheck-suppress knownConditionTrueFalse ; n may be 0 or more */
	for (i = 0; i < n; i++) {
		where[i] = regions[i] ? replica_key_region(t,
			replicas->items[i], regions[i]) : NULL;
		if (!where[i])
			return;
	}
	/* cppcheck-suppress knownConditionTrueFalse ; as above */
	for (i = 0; i < n; i++)
		key_region(t, c, NULL, where[i], replicas->items[i]);
}

/* One replica: its region (a replica), its tags. 1 when unknown. */
static int global_replica(cfn *t, draft_comp *c, const json_value *r,
	const char **region)
{
	const json_value *at = json_get(r, "Region"), *arg;
	const char *why;

	*region = resolve(t, at, &why);
	apply_tags(t, c, json_get(r, "Tags"));
	/* The stack's own table: where it is, is the component's place. */
	if (!*region && fn_of(at, &arg) == FN_REF && json_str(arg) &&
	    strcmp(json_str(arg), "AWS::Region") == 0)
		return 0;
	if (!*region) {
		draft_warning(t->d, &c->src, at ? at : r, "%s: a replica in a "
			"region the template does not give (%s)", c->address,
			why);
		return 1;
	}
	if (!t->region || strcmp(*region, t->region) != 0)
		draft_add_replica(t->d, c, *region, "a replica of the global "
			"table", at);
	return 0;
}

/* AWS::DynamoDB::GlobalTable -> database: one table per Replicas[]
 * Region, the stack's among them. The tags are the replicas'. */
static int map_global_table(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *rs = json_get(props(res), "Replicas");
	const char *regions[DRAFT_MAX_LIST];
	int unknown_any = 0;
	size_t i;

	draft_set_redundancy(t->d, c, DRAFT_RED_ZONE, res);
	if (!rs || rs->type != JSON_ARRAY)
		return SOV_OK;
	for (i = 0; i < rs->n && i < DRAFT_MAX_LIST; i++)
		unknown_any |= global_replica(t, c, rs->items[i], &regions[i]);
	if (unknown_any)
		c->redundancy = DRAFT_UNSET;
	global_table_keys(t, c, rs, regions);
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* AWS::KMS::Key                                                       */

/* AWS::KMS::Key -> key-management. A single-Region key stays in its
 * region; a multi-Region key's replicas are made by other stacks. */
static int map_kms_key(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *multi = json_get(props(res), "MultiRegion");
	int b = multi ? resolve_bool(t, multi) : 0;

	if (b == 0) {
		draft_set_redundancy(t->d, c, DRAFT_RED_NONE, res);
		return SOV_OK;
	}
	draft_add_attr(t->d, c, "multi-region", b == 1 ? "true" : "unknown");
	draft_warning(t->d, &c->src, multi, "%s: %s multi-Region key; where "
		"its replicas are is not in the template", c->address,
		b == 1 ? "a" : "perhaps a");
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* AWS::Backup::BackupPlan                                             */

/* The regions a plan copies its recovery points to. */
typedef struct {
	const char *region[DRAFT_MAX_LIST];
	const char *provider[DRAFT_MAX_LIST];
	const json_value *at[DRAFT_MAX_LIST];
	size_t n;
	int complete;   /* every copy's region is known */
} copies;

/* A copy action's destination vault: of the template (the stack's
 * region) or an ARN. NULL, or why its region is not known. */
static const char *copy_action(cfn *t, const json_value *action,
	copies *out)
{
	const json_value *v = json_get(action, "DestinationBackupVaultArn");
	const char *target = ref_target(t, v), *prov;
	cfn_arn a;

	if (out->n == DRAFT_MAX_LIST)
		return "too many copy actions";
	out->at[out->n] = v ? v : action;
	out->provider[out->n] = NULL;
	if (target && !t->region)
		return arena_printf(t->d->arena, "vault %s of the stack: %s",
			target, REGION_WHY);
	if (target) {
		out->region[out->n++] = t->region;
		return NULL;
	}
	if (!arn_of(t, v, &a) || !a.region)
		return "a vault whose region the template does not give";
	prov = provider_of_partition(a.partition);
	out->region[out->n] = a.region;
	out->provider[out->n++] = prov && strcmp(prov, t->provider) != 0 ?
				  prov : NULL;
	return NULL;
}

/* The copies of `plan`'s rules; a warning at `src` for each copy whose
 * region is not known. */
static void plan_copies(cfn *t, const char *plan, copies *out,
	const draft_src *src)
{
	const json_value *rules = json_get(prop(t, plan, "BackupPlan"),
		"BackupPlanRule");
	size_t i, j;

	out->n = 0;
	out->complete = 1;
	for (i = 0; rules && rules->type == JSON_ARRAY && i < rules->n; i++) {
		const json_value *r = rules->items[i];
		const json_value *acts = json_get(r, "CopyActions");
		const char *why, *name = resolve(t, json_get(r, "RuleName"),
			&why);

		for (j = 0; acts && acts->type == JSON_ARRAY && j < acts->n;
		     j++) {
			const json_value *at = json_get(acts->items[j],
				"DestinationBackupVaultArn");

			why = copy_action(t, acts->items[j], out);
			if (!why)
				continue;
			out->complete = 0;
			if (src)
				draft_warning(t->d, src, at ? at :
					acts->items[j], "%s: "
					"backup rule %s copies to %s", plan,
					name ? name : "?", why);
		}
	}
}

static void add_copies(cfn *t, draft_comp *c, const copies *cp,
	const char *why)
{
	size_t i;

	for (i = 0; i < cp->n; i++)
		draft_add_backup(t->d, c, cp->region[i], cp->provider[i], why,
			cp->at[i]);
}

/* AWS::Backup::BackupPlan -> backup, in the stack's region (the rules'
 * target vaults). Copy actions are its backups, listed when every one's
 * region is known. Its tags are BackupPlan.BackupPlanTags. */
static int map_backup_plan(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *plan = json_get(props(res), "BackupPlan");
	copies cp;

	plan_copies(t, c->address, &cp, &c->src);
	if (cp.complete) {
		add_copies(t, c, &cp, "a copy action of the plan");
		c->backups_listed = 1;
	}
	return apply_tags(t, c, json_get(plan, "BackupPlanTags"));
}

/* ------------------------------------------------------------------ */
/* AWS::Bedrock::Agent and AWS::SageMaker::Endpoint                    */

/* Cross-Region inference profile prefixes and the catalog's scopes. */
static const struct {
	const char *prefix, *scope;
} profiles[] = {
	{"eu.", "bedrock-eu"}, {"us.", "bedrock-us"},
	{"apac.", "bedrock-apac"}, {"jp.", "bedrock-jp"},
	{"au.", "bedrock-au"}, {"us-gov.", "bedrock-us-gov"},
	{"ca.", "bedrock-ca"}, {"global.", "bedrock-global"},
};

static const char *profile_scope(const char *model)
{
	size_t i;

	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (strncmp(model, profiles[i].prefix,
			    strlen(profiles[i].prefix)) == 0)
			return profiles[i].scope;
	return NULL;
}

/* A model ARN: an inference profile routes by its id's prefix; a
 * foundation, custom or provisioned model runs in the ARN's region. An
 * application inference profile's routing is not in the template. */
static const char *model_arn(cfn *t, draft_comp *c, const cfn_arn *a,
	const char **region)
{
	static const char *const in_region[] = {
		"foundation-model/", "custom-model/", "provisioned-model/",
	};
	const char *r = a->resource ? a->resource : "";
	size_t i;

	*region = a->region;
	if (strncmp(r, "inference-profile/", 18) == 0)
		return r + 18;
	for (i = 0; i < sizeof(in_region) / sizeof(in_region[0]); i++)
		if (strncmp(r, in_region[i], strlen(in_region[i])) == 0)
			return r + strlen(in_region[i]);
	*region = NULL;
	draft_set_location(t->d, c, NULL, arena_printf(t->d->arena,
		"the model '%s' routes as its profile says, outside the "
		"template", r), NULL);
	return NULL;
}

/* FoundationModel: a model id ("anthropic.claude-..."), runs in the
 * region; an inference profile id ("eu.anthropic...") routes within
 * its scope. */
static void agent_model(cfn *t, draft_comp *c, const json_value *v)
{
	const char *why, *region = t->region, *scope, *model;
	cfn_arn a;

	if (arn_of(t, v, &a)) {
		model = a.resource ? model_arn(t, c, &a, &region) : NULL;
		if (!a.resource)
			draft_set_location(t->d, c, NULL, "the agent's model "
				"ARN names a model the template does not give",
				v);
		if (!model)
			return;
	} else {
		model = resolve(t, v, &why);
	}
	if (!model) {
		draft_set_location(t->d, c, NULL, arena_printf(t->d->arena,
			"the agent's foundation model: %s", why), v);
		return;
	}
	scope = profile_scope(model);
	draft_set_location(t->d, c, region, REGION_WHY, v);
	if (scope)
		draft_set_scope(t->d, c, scope, v);
	draft_add_attr(t->d, c, "model", model);
}

/* AWS::Bedrock::Agent -> ai-inference. Its Tags are a map. */
static int map_agent(cfn *t, draft_comp *c, const json_value *res)
{
	const json_value *p = props(res);

	agent_model(t, c, json_get(p, "FoundationModel"));
	use_key(t, c, json_get(p, "CustomerEncryptionKeyArn"));
	return SOV_OK;
}

/* AWS::SageMaker::Endpoint -> ai-inference, in the stack's region; the
 * key of its instances' storage is its endpoint configuration's. */
static int map_endpoint(cfn *t, draft_comp *c, const json_value *res)
{
	const char *cfg = ref_target(t, json_get(props(res),
		"EndpointConfigName"));

	if (is_type(t, cfg, "AWS::SageMaker::EndpointConfig"))
		use_key(t, c, prop(t, cfg, "KmsKeyId"));
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Resources                                                           */

typedef int (*map_fn)(cfn *t, draft_comp *c, const json_value *res);

static const struct {
	const char *type, *kind;
	map_fn map;
	int own_tags;   /* the mapper reads the tags itself */
} mappings[] = {
	{"AWS::S3::Bucket", "object-storage", map_bucket, 0},
	{"AWS::RDS::DBInstance", "database", map_db_instance, 0},
	{"AWS::RDS::DBCluster", "database", map_db_cluster, 0},
	{"AWS::DynamoDB::Table", "database", map_table, 0},
	{"AWS::DynamoDB::GlobalTable", "database", map_global_table, 1},
	{"AWS::KMS::Key", "key-management", map_kms_key, 0},
	{"AWS::Backup::BackupPlan", "backup", map_backup_plan, 1},
	{"AWS::Bedrock::Agent", "ai-inference", map_agent, 0},
	{"AWS::SageMaker::Endpoint", "ai-inference", map_endpoint, 0},
};

#define NMAPPINGS (sizeof(mappings) / sizeof(mappings[0]))

static int mapping_of(const char *type)
{
	size_t i;

	for (i = 0; i < NMAPPINGS; i++)
		if (strcmp(mappings[i].type, type) == 0)
			return (int)i;
	return -1;
}

static int add_component(cfn *t, const char *id, const json_value *res,
	int m)
{
	const char *cond = json_str(json_get(res, "Condition"));
	draft_comp *c = draft_add(t->d, id, mappings[m].type,
		mappings[m].kind, t->provider, draft_at(t->d, res));
	int rc;

	if (!c)
		return SOV_ENOMEM;
	draft_set_location(t->d, c, t->region, REGION_WHY, res);
	/* Created or not as the condition decides: imported either way. */
	if (cond && draft_add_attr(t->d, c, "condition", cond) != SOV_OK)
		return SOV_ENOMEM;
	rc = mappings[m].map(t, c, res);
	if (rc == SOV_OK && !mappings[m].own_tags)
		rc = apply_tags(t, c, json_get(props(res), "Tags"));
	return rc;
}

/* A resource: {Type, Properties, Condition, ...}. */
static int import_resource(cfn *t, const char *id, const json_value *res)
{
	const json_value *type = json_get(res, "Type");
	const json_value *p = props(res);
	draft_src src = draft_at(t->d, res);
	int m;

	if (!res || res->type != JSON_OBJECT || !type) {
		draft_error(t->d, &src, res, "a Type such as AWS::S3::Bucket",
			"resource %s has no Type", id);
		return SOV_OK;
	}
	if (!json_str(type) || type->tag) {
		draft_error(t->d, &src, type, "a resource type such as "
			"AWS::S3::Bucket", "%s: Type is not a string", id);
		return SOV_OK;
	}
	if (p && p->type != JSON_OBJECT && p->type != JSON_NULL) {
		draft_error(t->d, &src, p, "an object of properties",
			"%s: Properties is not an object", id);
		return SOV_OK;
	}
	m = mapping_of(type->string);
	if (m >= 0)
		return add_component(t, id, res, m);
	if (strcmp(type->string, "AWS::CloudFormation::Stack") == 0)
		draft_warning(t->d, &src, type, "%s: a nested stack; import "
			"its template on its own", id);
	return draft_skip_resource(t->d, id, type->string, src);
}

/* ------------------------------------------------------------------ */
/* Links between resources, once every component is there              */

/* A read replica of an instance of the template: the source has a copy
 * in the replica's region. */
static void link_source(cfn *t, const char *id)
{
	const json_value *src = prop(t, id, "SourceDBInstanceIdentifier");
	const char *target = ref_target(t, src);
	draft_comp *from = draft_find(t->d, target);
	const draft_comp *to = draft_find(t->d, id);

	if (from && to && to->region)
		draft_add_replica(t->d, from, to->region, arena_printf(
			t->d->arena, "read replica %s", id), src);
}

/* AWS::Backup::BackupSelection: the resources of the template it
 * selects have their backups where the plan keeps and copies them. */
static void link_selection(cfn *t, const char *id)
{
	const json_value *sel = prop(t, id, "BackupSelection");
	const json_value *list = json_get(sel, "Resources");
	const char *plan = ref_target(t, prop(t, id, "BackupPlanId")), *why;
	copies cp;
	size_t i;

	if (!is_type(t, plan, "AWS::Backup::BackupPlan") || !t->region)
		return;
	plan_copies(t, plan, &cp, NULL);
	why = arena_printf(t->d->arena, "backup plan %s", plan);
	for (i = 0; cp.complete && list && list->type == JSON_ARRAY &&
	     i < list->n; i++) {
		draft_comp *c = draft_find(t->d, ref_target(t,
			list->items[i]));

		if (!c)
			continue;
		draft_add_backup(t->d, c, t->region, NULL, why,
			list->items[i]);
		add_copies(t, c, &cp, why);
	}
}

static void link_resources(cfn *t)
{
	size_t i;

	for (i = 0; i < t->resources->n; i++) {
		const char *id = t->resources->keys[i];

		if (is_type(t, id, "AWS::RDS::DBInstance"))
			link_source(t, id);
		else if (is_type(t, id, "AWS::Backup::BackupSelection"))
			link_selection(t, id);
	}
}

/* ------------------------------------------------------------------ */
/* The template                                                        */

static const char *type_name(const json_value *v)
{
	static const char *const names[] = {
		"null", "false", "true", "a number", "a string", "a list",
		"an object",
	};

	return names[v->type];
}

/* An optional section: an object when present. */
static int section(cfn *t, const json_value *root, const char *name,
	const json_value **out)
{
	const json_value *v = json_get(root, name);

	*out = v && v->type == JSON_OBJECT ? v : NULL;
	if (!v || v->type == JSON_OBJECT)
		return 1;
	draft_error(t->d, NULL, v, "an object", "%s of the template is %s",
		name, type_name(v));
	return 0;
}

/* template -> {AWSTemplateFormatVersion, Parameters, Mappings,
 * Conditions, Resources, Outputs, ...} */
static int read_template(cfn *t, const json_value *root)
{
	const json_value *res = json_get(root, "Resources");

	if (!root || root->type != JSON_OBJECT) {
		draft_error(t->d, NULL, root, "a CloudFormation template: an "
			"object with a Resources section", "not a "
			"CloudFormation template: the document is %s",
			root ? type_name(root) : "empty");
		return 0;
	}
	if (!res || res->type != JSON_OBJECT) {
		draft_error(t->d, NULL, res ? res : root, "a Resources "
			"section that maps logical ids to resources", "not a "
			"CloudFormation template: %s", res ? "Resources is "
			"not an object" : "no Resources section");
		return 0;
	}
	t->resources = res;
	return section(t, root, "Parameters", &t->params) &
	       section(t, root, "Conditions", &t->conds) &
	       section(t, root, "Mappings", &t->maps);
}

int cloudformation_import(draft *d, const json_value *root)
{
	cfn t;
	size_t i;
	int rc = SOV_OK;

	memset(&t, 0, sizeof(t));
	t.d = d;
	if (!d->format)
		d->format = "cloudformation";
	if (!read_template(&t, root))
		return arena_failed(d->arena) ? SOV_ENOMEM : SOV_OK;
	stack_place(&t, root);
	for (i = 0; i < t.resources->n && rc == SOV_OK; i++)
		rc = import_resource(&t, t.resources->keys[i],
			t.resources->items[i]);
	if (rc == SOV_OK)
		link_resources(&t);
	if (rc == SOV_OK && arena_failed(d->arena))
		rc = SOV_ENOMEM;
	return rc;
}
