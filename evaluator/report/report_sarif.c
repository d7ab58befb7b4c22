/*
 * report_sarif.c - the report for code-scanning tools: a SARIF 2.1.0 log
 * with one run. Each rule with a finding is a reporting descriptor; each
 * finding that is not compliant is a result, located at the component in
 * the deployment file. Waived and excepted findings are results with a
 * suppression. The layout is that of JSON.stringify(log, null, 2), so the
 * same result always gives the same bytes. See docs/reports.md.
 */
#include "report.h"

#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* ------------------------------------------------------------------ */
/* An indenting JSON writer                                            */

typedef struct {
	buf *b;
	int depth;
	int fresh;      /* nothing written yet in the open container */
} jw;

static void jw_item(jw *w, const char *key)
{
	int i;

	if (!w->fresh)
		buf_putc(w->b, ',');
	buf_putc(w->b, '\n');
	for (i = 0; i < w->depth; i++)
		buf_puts(w->b, "  ");
	w->fresh = 0;
	if (key) {
		buf_json_str(w->b, key);
		buf_puts(w->b, ": ");
	}
}

/* Opens an object ('{') or an array ('['); key is NULL in an array. */
static void jw_open(jw *w, const char *key, char c)
{
	jw_item(w, key);
	buf_putc(w->b, c);
	w->depth++;
	w->fresh = 1;
}

static void jw_close(jw *w, char c)
{
	int i;

	w->depth--;
	if (!w->fresh) {
		buf_putc(w->b, '\n');
		for (i = 0; i < w->depth; i++)
			buf_puts(w->b, "  ");
	}
	buf_putc(w->b, c);
	w->fresh = 0;
}

/* A string member; absent (not null) when v is NULL. */
static void jw_str(jw *w, const char *key, const char *v)
{
	if (!v)
		return;
	jw_item(w, key);
	buf_json_str(w->b, v);
}

static void jw_int(jw *w, const char *key, long v)
{
	jw_item(w, key);
	buf_printf(w->b, "%ld", v);
}

/* {"text": v} */
static void jw_message(jw *w, const char *key, const char *v)
{
	jw_open(w, key, '{');
	jw_str(w, "text", v ? v : "");
	jw_close(w, '}');
}

/* ------------------------------------------------------------------ */
/* Rules                                                               */

/* The rules with a finding, in order of first finding: for each, the
 * first finding, as an array of pointers in a byte buffer. */
typedef struct {
	buf tab;
	size_t n;
} rule_table;

static const finding *table_get(const rule_table *t, size_t i)
{
	const finding *f;

	memcpy(&f, t->tab.data + i * sizeof(f), sizeof(f));
	return f;
}

/* Rules are told apart by their SARIF id, "policy/rule". */
static int same_rule(const finding *a, const finding *b)
{
	return a->r == b->r || (strcmp(a->pol->id, b->pol->id) == 0 &&
				strcmp(a->r->id, b->r->id) == 0);
}

static long table_find(const rule_table *t, const finding *f)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (same_rule(table_get(t, i), f))
			return (long)i;
	return -1;
}

static void table_build(rule_table *t, const result *r, buf *b)
{
	size_t i;

	buf_init(&t->tab, b->al);
	t->n = 0;
	for (i = 0; i < r->n; i++) {
		const finding *f = &r->f[i];

		if (table_find(t, f) >= 0)
			continue;
		buf_append(&t->tab, (const char *)&f, sizeof(f));
		if (t->tab.oom)
			break;
		t->n++;
	}
	if (t->tab.oom)
		b->oom = 1;
}

static const char *level(const rule *ru)
{
	return ru->severity == SEV_ERROR ? "error" :
	       ru->severity == SEV_WARNING ? "warning" : "note";
}

static void rule_id(buf *b, const finding *f)
{
	buf_printf(b, "%s/%s", f->pol->id, f->r->id);
}

static int alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int alnum(char c)
{
	return alpha(c) || (c >= '0' && c <= '9');
}

/* An absolute URI: a scheme, ':', then no space or control character. */
static int absolute_uri(const char *s)
{
	const char *p = s;

	if (!s || !alpha(*p))
		return 0;
	for (; *p && *p != ':'; p++)
		if (!alnum(*p) && !strchr("+-.", *p))
			return 0;
	if (*p != ':' || !p[1])
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

static const char *help_uri(const rule *ru)
{
	size_t i;

	for (i = 0; i < ru->ncites; i++)
		if (absolute_uri(ru->cites[i].url))
			return ru->cites[i].url;
	return NULL;
}


/* The citations, one line per instrument as in the text report, then the
 * remediation and where the rule is written. */
static void help_text(buf *t, const finding *f)
{
	const rule *ru = f->r;
	size_t i;

	for (i = 0; i < ru->ncites; i++) {
		const citation *c = &ru->cites[i];
		int first = i == 0 ||
			    !report_same_source(c, &ru->cites[i - 1]);
		int last = i + 1 == ru->ncites ||
			   !report_same_source(c, &ru->cites[i + 1]);

		if (first)
			buf_printf(t, "%s%s", i ? "\n" : "Law: ",
				c->instrument);
		buf_printf(t, ", %s", c->article);
		if (last && c->url)
			buf_printf(t, " <%s>", c->url);
	}
	if (ru->remediation)
		buf_printf(t, "\nFix: %s", ru->remediation);
	buf_printf(t, "\nRule: %s:%u (%s)", ru->file, ru->line, f->pol->id);
}

static void rule_descriptor(jw *w, const finding *f)
{
	buf t;

	buf_init(&t, w->b->al);
	jw_open(w, NULL, '{');
	rule_id(&t, f);
	jw_str(w, "id", t.data);
	jw_str(w, "name", f->r->id);
	jw_message(w, "shortDescription", f->r->title);
	jw_str(w, "helpUri", help_uri(f->r));
	t.len = 0;
	help_text(&t, f);
	jw_message(w, "help", t.data);
	jw_open(w, "defaultConfiguration", '{');
	jw_str(w, "level", level(f->r));
	jw_close(w, '}');
	jw_open(w, "properties", '{');
	jw_str(w, "policy", f->pol->id);
	jw_str(w, "severity", severity_names[f->r->severity]);
	jw_close(w, '}');
	jw_close(w, '}');
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

/* ------------------------------------------------------------------ */
/* Results                                                             */

/* A path as a URI reference: relative paths stay relative, absolute
 * ones become file:// URIs; every byte outside the unreserved and
 * sub-delimiter characters, '@' and '/' is percent-encoded. */
static void file_uri(buf *t, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	if (*p == '/')
		buf_puts(t, "file://");
	for (; *p; p++)
		if (alnum((char)*p) || strchr("-._~!$&'()*+,;=@/", *p))
			buf_putc(t, (char)*p);
		else
			buf_printf(t, "%%%02X", *p);
}

static void physical_at(jw *w, const char *file, unsigned line,
	unsigned column)
{
	buf t;

	buf_init(&t, w->b->al);
	file_uri(&t, file);
	jw_open(w, "physicalLocation", '{');
	jw_open(w, "artifactLocation", '{');
	jw_str(w, "uri", t.data ? t.data : "");
	jw_close(w, '}');
	if (line > 0) {
		jw_open(w, "region", '{');
		jw_int(w, "startLine", (long)line);
		if (column)
			jw_int(w, "startColumn", (long)column);
		jw_close(w, '}');
	}
	jw_close(w, '}');
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

static void physical(jw *w, const char *file, unsigned line)
{
	physical_at(w, file, line, 0);
}

static void locations(jw *w, const result *r, const finding *f)
{
	buf t;

	buf_init(&t, w->b->al);
	jw_open(w, "locations", '[');
	jw_open(w, NULL, '{');
	physical_at(w, f->comp->file, f->comp->line, f->comp->column);
	jw_open(w, "logicalLocations", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "name", f->comp->id);
	buf_printf(&t, "%s/%s", r->d->id, f->comp->id);
	jw_str(w, "fullyQualifiedName", t.data);
	jw_str(w, "kind", "resource");
	jw_close(w, '}');
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, ']');

	jw_open(w, "relatedLocations", '[');
	jw_open(w, NULL, '{');
	jw_int(w, "id", 1);
	physical(w, f->r->file, f->r->line);
	t.len = 0;
	buf_printf(&t, "rule %s of policy set %s", f->r->id, f->pol->id);
	jw_message(w, "message", t.data);
	jw_close(w, '}');
	jw_close(w, ']');
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

static void suppression(jw *w, const finding *f)
{
	int waived = f->verdict == SOV_WAIVED;

	jw_open(w, "suppressions", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "kind", waived ? "external" : "inSource");
	jw_str(w, "status", "accepted");
	jw_str(w, "justification", waived ? f->waiver : f->exception);
	jw_close(w, '}');
	jw_close(w, ']');
}

/* --suggest: the nearest compliant regions or scopes, "provider:id". */
static void alternatives(jw *w, const result *r, const finding *f)
{
	const cat_provider *p = &r->d->cat->providers[f->comp->provider];
	buf t;
	size_t i;

	buf_init(&t, w->b->al);
	jw_open(w, "alternatives", '[');
	for (i = 0; i < f->nalternatives; i++) {
		t.len = 0;
		buf_printf(&t, "%s:%s", p->id, f->alternatives_are_scopes ?
			p->scopes[f->alternatives[i]].id :
			p->regions[f->alternatives[i]].id);
		jw_item(w, NULL);
		buf_json_str(w->b, t.data);
	}
	jw_close(w, ']');
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

static void result_properties(jw *w, const result *r, const finding *f)
{
	size_t i;

	jw_open(w, "properties", '{');
	jw_str(w, "verdict", verdict_names[f->verdict]);
	jw_str(w, "severity", severity_names[f->r->severity]);
	jw_str(w, "policy", f->pol->id);
	jw_str(w, "component", f->comp->id);
	jw_str(w, "dataClass", f->cls ? f->cls->id : NULL);
	jw_str(w, "facet", f->facet);
	jw_open(w, "jurisdictions", '[');
	for (i = 0; i < f->nitems; i++) {
		jw_item(w, NULL);
		buf_json_str(w->b, f->items[i].code);
	}
	jw_close(w, ']');
	jw_str(w, "against", f->against);
	jw_str(w, "missing", f->missing);
	if (f->verdict != SOV_WAIVED)
		jw_str(w, "waiver", f->waiver);
	jw_str(w, "fix", f->fix);
	if (f->nalternatives)
		alternatives(w, r, f);
	jw_close(w, '}');
}

/* The explanation; an unknown fact it does not already name is added. */
static void message(jw *w, const finding *f)
{
	buf t;

	buf_init(&t, w->b->al);
	buf_puts(&t, f->explanation ? f->explanation : "");
	if (f->missing && !strstr(t.data ? t.data : "", f->missing))
		buf_printf(&t, "%sIt cannot be decided: %s.",
			t.len ? " " : "", f->missing);
	jw_message(w, "message", t.data);
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

static void sarif_result(jw *w, const result *r, const finding *f,
	long index)
{
	buf t;

	buf_init(&t, w->b->al);
	jw_open(w, NULL, '{');
	rule_id(&t, f);
	jw_str(w, "ruleId", t.data);
	jw_int(w, "ruleIndex", index);
	jw_str(w, "level", level(f->r));
	message(w, f);
	locations(w, r, f);
	/* Stable across runs, so that code-scanning tools track it. */
	jw_open(w, "partialFingerprints", '{');
	t.len = 0;
	buf_printf(&t, "%s/%s/%s/%s", f->pol->id, f->r->id, f->comp->id,
		f->cls ? f->cls->id : "");
	jw_str(w, "sovereignFinding/v1", t.data);
	jw_close(w, '}');
	if (f->verdict == SOV_WAIVED || f->verdict == SOV_EXCEPTED)
		suppression(w, f);
	result_properties(w, r, f);
	jw_close(w, '}');
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

/* ------------------------------------------------------------------ */
/* The log                                                             */

static void run_properties(jw *w, const result *r)
{
	size_t i;
	int v;

	jw_open(w, "properties", '{');
	jw_str(w, "asOf", r->as_of);
	jw_str(w, "decision", decision_names[r->decision]);
	jw_open(w, "deployment", '{');
	jw_str(w, "id", r->d->id);
	jw_str(w, "title", r->d->title);
	jw_str(w, "file", r->d->file);
	jw_close(w, '}');
	jw_open(w, "policies", '[');
	for (i = 0; i < r->npols; i++) {
		jw_open(w, NULL, '{');
		jw_str(w, "id", r->pols[i]->id);
		jw_str(w, "title", r->pols[i]->title);
		jw_str(w, "file", r->pols[i]->file);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "counts", '{');
	for (v = 0; v < 6; v++)
		jw_int(w, verdict_names[v], (long)r->counts[v]);
	jw_close(w, '}');
	jw_close(w, '}');
}

static void driver(jw *w, const rule_table *t)
{
	size_t i;

	jw_open(w, "tool", '{');
	jw_open(w, "driver", '{');
	jw_str(w, "name", "sovereign");
	jw_str(w, "version", SOV_VERSION);
	jw_str(w, "semanticVersion", SOV_VERSION);
	jw_open(w, "rules", '[');
	for (i = 0; i < t->n; i++)
		rule_descriptor(w, table_get(t, i));
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, '}');
}

/* Expired and unused waivers, as warnings located at the waiver. */
static void waiver_notifications(jw *w, const result *r)
{
	size_t i, n = 0;
	buf t;

	for (i = 0; i < r->nwaivers; i++)
		n += r->waivers[i].status != WAIVER_APPLIED;
	if (n == 0)
		return;
	buf_init(&t, w->b->al);
	jw_open(w, "invocations", '[');
	jw_open(w, NULL, '{');
	jw_item(w, "executionSuccessful");
	buf_puts(w->b, "true");
	jw_open(w, "toolExecutionNotifications", '[');
	for (i = 0; i < r->nwaivers; i++) {
		const waiver_use *u = &r->waivers[i];
		int expired = u->status == WAIVER_EXPIRED;

		if (u->status == WAIVER_APPLIED)
			continue;
		t.len = 0;
		buf_printf(&t, expired ? "The waiver for rule %s expired on "
			"%s and has no effect." : "The waiver for rule %s (in "
			"force until %s) matches no failing finding; remove "
			"it.", u->w->rule, u->expires);
		jw_open(w, NULL, '{');
		jw_open(w, "descriptor", '{');
		jw_str(w, "id", expired ? "waiver-expired" : "waiver-unused");
		jw_close(w, '}');
		jw_str(w, "level", "warning");
		jw_message(w, "message", t.data);
		jw_open(w, "locations", '[');
		jw_open(w, NULL, '{');
		physical(w, u->w->file, u->w->line);
		jw_close(w, '}');
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, ']');
	if (t.oom)
		w->b->oom = 1;
	buf_release(&t);
}

/* One run: the deployment evaluated against every policy. */
static void sarif_run(jw *w, const result *r)
{
	rule_table t;
	buf id;
	size_t i;

	table_build(&t, r, w->b);
	buf_init(&id, w->b->al);
	buf_printf(&id, "sovereign/%s/", r->d->id);
	jw_open(w, NULL, '{');
	driver(w, &t);
	jw_open(w, "automationDetails", '{');
	jw_str(w, "id", id.data);
	jw_close(w, '}');
	waiver_notifications(w, r);
	jw_open(w, "results", '[');
	for (i = 0; i < r->n && !w->b->oom; i++)
		if (r->f[i].verdict != SOV_COMPLIANT)
			sarif_result(w, r, &r->f[i],
				table_find(&t, &r->f[i]));
	jw_close(w, ']');
	run_properties(w, r);
	jw_close(w, '}');
	if (id.oom)
		w->b->oom = 1;
	buf_release(&id);
	buf_release(&t.tab);
}

const char *const report_sarif_envelope[3] = {
	("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": "
	 "\"2.1.0\",\n  \"runs\": ["),
	",",
	"\n  ]\n}\n",
};

void report_sarif(buf *b, const result *r, int inner)
{
	/* Depth 2: inside the log object and its "runs" array. */
	jw w = { b, 2, 1 };

	if (!inner)
		buf_puts(b, report_sarif_envelope[0]);
	sarif_run(&w, r);
	if (!inner)
		buf_puts(b, report_sarif_envelope[2]);
}
