/*
 * quickcheck.c - see quickcheck.h. Every rule of deployment.xsd is written
 * here as a table: which attributes an element has, of which type, which
 * are required, what it contains. Anything the tables do not cover for
 * certain (white space an xs:token would collapse, a date with a time
 * zone, CDATA, an entity reference, a foreign attribute) answers "not
 * sure", never "valid": the schema then decides.
 */
#include "quickcheck.h"

#include <string.h>

#define NS "urn:sovereign:deployment:1"
#define MAX_ID 128
#define MAX_TEXT 4096

typedef enum {
	T_ID, T_IDS, T_CODES, T_TEXT, T_DATE, T_CUSTODY, T_REDUNDANCY,
	T_LISTED, T_DATA, T_BOOL, T_SECTOR
} vtype;

typedef struct {
	const char *name;
	vtype type;
	int required;
} attr_spec;

/* What an element holds besides its attributes. */
typedef enum { C_EMPTY, C_TEXT, C_ID } content;

typedef struct {
	const char *name;
	content body;
	const attr_spec *attrs;
} elem_spec;

static const attr_spec class_attrs[] = {
	{ "id", T_ID, 1 }, { "description", T_TEXT, 0 }, { NULL, 0, 0 },
};
static const attr_spec component_attrs[] = {
	{ "id", T_ID, 1 }, { "kind", T_ID, 1 }, { "provider", T_ID, 1 },
	{ "region", T_ID, 0 }, { "scope", T_ID, 0 },
	{ "sector", T_SECTOR, 0 }, { "redundancy", T_REDUNDANCY, 0 },
	{ "backups", T_LISTED, 0 }, { "access", T_LISTED, 0 },
	{ "operator", T_ID, 0 },
	{ "mechanism", T_IDS, 0 }, { "data", T_DATA, 0 },
	{ "source", T_TEXT, 0 }, { NULL, 0, 0 },
};
static const attr_spec skipped_attrs[] = {
	{ "type", T_TEXT, 1 }, { "address", T_TEXT, 1 },
	{ "reason", T_TEXT, 0 }, { "source", T_TEXT, 0 }, { NULL, 0, 0 },
};
static const attr_spec flow_attrs[] = {
	{ "id", T_ID, 0 }, { "from", T_ID, 1 }, { "to", T_ID, 1 },
	{ "data", T_IDS, 1 }, { "mechanism", T_IDS, 0 },
	{ "transit", T_CODES, 0 }, { NULL, 0, 0 },
};
static const attr_spec waiver_attrs[] = {
	{ "rule", T_ID, 1 }, { "component", T_ID, 0 }, { "data", T_ID, 0 },
	{ "expires", T_DATE, 1 }, { "reference", T_TEXT, 0 },
	{ "approver", T_TEXT, 0 }, { NULL, 0, 0 },
};
static const attr_spec deployment_attrs[] = {
	{ "id", T_ID, 1 }, { "title", T_TEXT, 0 }, { NULL, 0, 0 },
};
static const attr_spec no_attrs[] = { { NULL, 0, 0 } };
static const attr_spec data_attrs[] = {
	{ "data", T_IDS, 1 }, { NULL, 0, 0 },
};
static const attr_spec region_attrs[] = {
	{ "region", T_ID, 1 }, { NULL, 0, 0 },
};
static const attr_spec backup_attrs[] = {
	{ "region", T_ID, 1 }, { "provider", T_ID, 0 }, { NULL, 0, 0 },
};
static const attr_spec access_attrs[] = {
	{ "from", T_CODES, 1 }, { "by", T_TEXT, 0 }, { NULL, 0, 0 },
};
static const attr_spec keys_attrs[] = {
	{ "custody", T_CUSTODY, 1 }, { "location", T_CODES, 1 },
	{ NULL, 0, 0 },
};
static const attr_spec attribute_attrs[] = {
	{ "name", T_ID, 1 }, { "value", T_TEXT, 1 }, { NULL, 0, 0 },
};
static const attr_spec cert_attrs[] = {
	{ "id", T_ID, 1 }, { "until", T_DATE, 0 }, { "held", T_BOOL, 0 },
	{ NULL, 0, 0 },
};

/* The children of <component>, in any order and number. */
static const elem_spec component_children[] = {
	{ "stores", C_EMPTY, data_attrs },
	{ "processes", C_EMPTY, data_attrs },
	{ "replica", C_EMPTY, region_attrs },
	{ "backup", C_EMPTY, backup_attrs },
	{ "access", C_EMPTY, access_attrs },
	{ "keys", C_EMPTY, keys_attrs },
	{ "tag", C_ID, no_attrs },
	{ "attribute", C_EMPTY, attribute_attrs },
	{ "certification", C_EMPTY, cert_attrs },
	{ NULL, 0, NULL },
};

/* ------------------------------------------------------------------ */
/* Values                                                              */

static int id_char(unsigned char c, int first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return !first && (c == '.' || c == '_' || c == ':' || c == '-');
}

/* An id from s to end (exclusive); no white space at all. */
static int is_id(const char *s, const char *end)
{
	const char *p;

	if (end <= s || end - s > MAX_ID)
		return 0;
	for (p = s; p < end; p++)
		if (!id_char((unsigned char)*p, p == s))
			return 0;
	return 1;
}

static int is_code(const char *s, const char *end)
{
	size_t n = (size_t)(end - s), i;

	if (n != 2 && (n < 4 || n > 6))
		return 0;
	if (s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return 0;
	if (n == 2)
		return 1;
	if (s[2] != '-')
		return 0;
	for (i = 3; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* Items separated by single spaces, none empty, at least one. */
static int is_list(const char *s, int (*item)(const char *, const char *))
{
	const char *start = s, *p;

	for (p = s;; p++) {
		if (*p != ' ' && *p != '\0')
			continue;
		if (!item(start, p))
			return 0;
		if (*p == '\0')
			return 1;
		start = p + 1;
	}
}

/* 1 to 4096 characters (UTF-8 code points), as xs:string counts. */
static int is_text(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n >= 1 && n <= MAX_TEXT;
}

static int digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* YYYY-MM-DD, a day that exists, year 0001 or later; anything xs:date
 * also allows (time zones, more digits) is left to the schema. */
static int is_date(const char *s)
{
	static const int days[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
						   y % 400 == 0));
}

static int one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return 1;
	return 0;
}

static int id_item(const char *s, const char *end)
{
	return is_id(s, end);
}

static int value_ok(const char *v, vtype t)
{
	static const char *const custody[] = {
		"customer", "provider", "third-party", NULL,
	};
	static const char *const redundancy[] = {
		"none", "zone", "geo", NULL,
	};
	static const char *const listed[] = { "none", "listed", NULL };
	static const char *const sector[] = { "commercial", "public", NULL };
	static const char *const data[] = { "listed", "unstated", NULL };
	static const char *const boolean[] = {
		"true", "false", "1", "0", NULL,
	};

	switch (t) {
	case T_ID: return is_id(v, v + strlen(v));
	case T_IDS: return is_list(v, id_item);
	case T_CODES: return is_list(v, is_code);
	case T_TEXT: return is_text(v);
	case T_DATE: return is_date(v);
	case T_CUSTODY: return one_of(v, custody);
	case T_REDUNDANCY: return one_of(v, redundancy);
	case T_LISTED: return one_of(v, listed);
	case T_DATA: return one_of(v, data);
	case T_BOOL: return one_of(v, boolean);
	case T_SECTOR: return one_of(v, sector);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Elements                                                            */

/* The value of a plain attribute: one text child, else NULL. */
static const char *attr_value(xmlAttrPtr a)
{
	xmlNodePtr t = a->children;

	if (!t || t->next || t->type != XML_TEXT_NODE || !t->content)
		return NULL;
	return (const char *)t->content;
}

static const attr_spec *find_attr(const attr_spec *specs, const char *n)
{
	for (; specs->name; specs++)
		if (specs->name[0] == n[0] && strcmp(specs->name, n) == 0)
			return specs;
	return NULL;
}

static int attrs_ok(xmlNodePtr e, const attr_spec *specs)
{
	size_t seen = 0, required = 0;
	const attr_spec *s;
	xmlAttrPtr a;

	for (s = specs; s->name; s++)
		required += s->required;
	for (a = e->properties; a; a = a->next) {
		const char *v = attr_value(a);

		s = find_attr(specs, (const char *)a->name);
		if (a->ns || !v || !s)
			return 0;
		if (!value_ok(v, s->type))
			return 0;
		seen += s->required;
	}
	return seen == required;
}

static int is_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int ours(xmlNodePtr e)
{
	return e->type == XML_ELEMENT_NODE && e->ns && e->ns->href &&
	       strcmp((const char *)e->ns->href, NS) == 0;
}

/* Next element child, skipping blank text, comments and processing
 * instructions; *bad is set by anything else. */
static xmlNodePtr next_element(xmlNodePtr n, int *bad)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if ((n->type == XML_TEXT_NODE && is_blank(n->content)) ||
		    n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
			continue;
		*bad = 1;
		return NULL;
	}
	return NULL;
}

/* Text content only: the concatenation must be checked, so only a single
 * text node is taken. */
static const char *only_text(xmlNodePtr e)
{
	xmlNodePtr t = e->children;

	if (!t || t->next || t->type != XML_TEXT_NODE || !t->content)
		return NULL;
	return (const char *)t->content;
}

static int element_ok(xmlNodePtr e, const elem_spec *spec)
{
	int bad = 0;
	const char *text;

	if (!attrs_ok(e, spec->attrs))
		return 0;
	if (spec->body == C_EMPTY)
		return !next_element(e->children, &bad) && !bad;
	text = only_text(e);
	if (!text)
		return 0;
	return spec->body == C_ID ? is_id(text, text + strlen(text)) :
	       is_text(text);
}

static const elem_spec *find_child(const elem_spec *specs, xmlNodePtr e)
{
	for (; specs->name; specs++)
		if (strcmp(specs->name, (const char *)e->name) == 0)
			return specs;
	return NULL;
}

static int component_ok(xmlNodePtr e)
{
	static const elem_spec self = { "component", C_EMPTY,
					component_attrs };
	xmlNodePtr k;
	int bad = 0;

	if (!attrs_ok(e, self.attrs))
		return 0;
	for (k = next_element(e->children, &bad); k && !bad;
	     k = next_element(k->next, &bad)) {
		const elem_spec *s = ours(k) ? find_child(component_children,
			k) : NULL;

		if (!s || !element_ok(k, s))
			return 0;
	}
	return !bad;
}

/* description? data-class* (component | flow | waiver | not-evaluated)* */
int quickcheck_deployment(xmlNodePtr root)
{
	static const elem_spec description = { "description", C_TEXT,
					       no_attrs };
	static const elem_spec data_class = { "data-class", C_EMPTY,
					      class_attrs };
	static const elem_spec flow = { "flow", C_EMPTY, flow_attrs };
	static const elem_spec waiver = { "waiver", C_TEXT, waiver_attrs };
	static const elem_spec skipped = { "not-evaluated", C_EMPTY,
					   skipped_attrs };
	xmlNodePtr e;
	int bad = 0, ok = 1;

	if (!root || !ours(root) || !xmlStrEqual(root->name,
			BAD_CAST "deployment") ||
	    !attrs_ok(root, deployment_attrs))
		return 0;
	e = next_element(root->children, &bad);
	if (e && ours(e) && xmlStrEqual(e->name, BAD_CAST "description")) {
		ok = element_ok(e, &description);
		e = next_element(e->next, &bad);
	}
	while (ok && e && ours(e) && xmlStrEqual(e->name,
			BAD_CAST "data-class")) {
		ok = element_ok(e, &data_class);
		e = next_element(e->next, &bad);
	}
	for (; ok && e && !bad; e = next_element(e->next, &bad)) {
		if (!ours(e))
			return 0;
		if (xmlStrEqual(e->name, BAD_CAST "component"))
			ok = component_ok(e);
		else if (xmlStrEqual(e->name, BAD_CAST "flow"))
			ok = element_ok(e, &flow);
		else if (xmlStrEqual(e->name, BAD_CAST "waiver"))
			ok = element_ok(e, &waiver);
		else if (xmlStrEqual(e->name, BAD_CAST "not-evaluated"))
			ok = element_ok(e, &skipped);
		else
			return 0;
	}
	return ok && !bad;
}

/* ------------------------------------------------------------------ */
/* The same rules, event by event                                      */

static const elem_spec root_spec = { "deployment", C_EMPTY,
				     deployment_attrs };
static const elem_spec description_spec = { "description", C_TEXT,
					    no_attrs };
static const elem_spec class_spec = { "data-class", C_EMPTY, class_attrs };
static const elem_spec component_spec = { "component", C_EMPTY,
					  component_attrs };
static const elem_spec flow_spec = { "flow", C_EMPTY, flow_attrs };
static const elem_spec waiver_spec = { "waiver", C_TEXT, waiver_attrs };
static const elem_spec skipped_spec = { "not-evaluated", C_EMPTY,
					skipped_attrs };

static int not_sure(qc_stream *q)
{
	q->ok = 0;
	return 0;
}

void quickcheck_begin(qc_stream *q)
{
	memset(q, 0, sizeof(*q));
	q->ok = 1;
}

static int values_ok(const attr_spec *specs, const char *const *names,
	const char *const *values, size_t n)
{
	size_t seen = 0, required = 0, i;
	const attr_spec *s;

	for (s = specs; s->name; s++)
		required += s->required;
	for (i = 0; i < n; i++) {
		s = find_attr(specs, names[i]);
		if (!s || !values[i] || !value_ok(values[i], s->type))
			return 0;
		seen += s->required;
	}
	return seen == required;
}

/* Which rules a child of the root follows, keeping the order
 * description? data-class* (component | flow | waiver | not-evaluated)*. */
static const elem_spec *root_child(qc_stream *q, const char *name)
{
	if (strcmp(name, "description") == 0 && q->stage == 0) {
		q->stage = 1;
		return &description_spec;
	}
	if (strcmp(name, "data-class") == 0 && q->stage <= 1) {
		q->stage = 1;
		return &class_spec;
	}
	q->stage = 2;
	if (strcmp(name, "component") == 0)
		return &component_spec;
	if (strcmp(name, "flow") == 0)
		return &flow_spec;
	if (strcmp(name, "waiver") == 0)
		return &waiver_spec;
	if (strcmp(name, "not-evaluated") == 0)
		return &skipped_spec;
	return NULL;
}

static const elem_spec *component_child(const char *name)
{
	const elem_spec *s;

	for (s = component_children; s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

int quickcheck_open(qc_stream *q, const char *uri, const char *name,
	const char *const *names, const char *const *values, size_t n)
{
	const elem_spec *spec = NULL;

	if (!q->ok || !uri || strcmp(uri, NS) != 0 || q->depth >= 3)
		return not_sure(q);
	if (q->depth == 0)
		spec = strcmp(name, "deployment") == 0 ? &root_spec : NULL;
	else if (q->open[q->depth - 1] == &root_spec)
		spec = root_child(q, name);
	else if (q->open[q->depth - 1] == &component_spec)
		spec = component_child(name);
	/* Nothing else has element children. */
	if (!spec || !values_ok(spec->attrs, names, values, n))
		return not_sure(q);
	q->open[q->depth++] = spec;
	q->text_seen = q->other_seen = 0;
	return 1;
}

static int takes_text(const qc_stream *q)
{
	const elem_spec *spec = q->depth ? q->open[q->depth - 1] : NULL;

	return spec && spec->body != C_EMPTY;
}

int quickcheck_chars(qc_stream *q, const char *s, size_t len)
{
	size_t i;

	if (!q->ok || q->depth == 0)
		return not_sure(q);
	if (takes_text(q)) {
		/* One text node, nothing beside it. */
		if (q->other_seen)
			return not_sure(q);
		q->text_seen = 1;
		return 1;
	}
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r')
			return not_sure(q);
	return 1;
}

int quickcheck_other(qc_stream *q)
{
	if (!q->ok || (takes_text(q)))
		return not_sure(q);
	q->other_seen = 1;
	return 1;
}

int quickcheck_close(qc_stream *q, const char *text)
{
	const elem_spec *spec;

	if (!q->ok || q->depth == 0)
		return not_sure(q);
	spec = q->open[--q->depth];
	if (spec->body != C_EMPTY) {
		if (!q->text_seen || !text)
			return not_sure(q);
		if (spec->body == C_ID ? !is_id(text, text + strlen(text)) :
		    !is_text(text))
			return not_sure(q);
	}
	/* The parent's text, if any, goes on around this child. */
	q->text_seen = q->other_seen = 0;
	return 1;
}

int quickcheck_end(const qc_stream *q)
{
	return q->ok && q->depth == 0 && q->open[0] == &root_spec;
}
