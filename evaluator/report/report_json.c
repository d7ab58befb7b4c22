/*
 * report_json.c - the machine report. Its shape is documented in
 * docs/report-json.md and versioned by "schema_version".
 */
#include "report.h"

#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "sovereign.h"

/* Keys are plain ASCII names: written as they are, not escaped. */
static void key(buf *b, const char *k, int first)
{
	if (!first)
		buf_putc(b, ',');
	buf_putc(b, '"');
	buf_puts(b, k);
	buf_append(b, "\":", 2);
}

/* The same for a literal key: the compiler makes ",\"k\":". */
#define KEY(b, k) buf_append((b), ",\"" k "\":", sizeof(",\"" k "\":") - 1)
#define STR_FIELD(b, k, v) (KEY(b, k), buf_json_str((b), (v)))

static void location_at(buf *b, const char *k, const char *file,
	unsigned line, unsigned column)
{
	key(b, k, 0);
	buf_puts(b, "{\"file\":");
	buf_json_str(b, file);
	buf_printf(b, ",\"line\":%u", line);
	if (column)
		buf_printf(b, ",\"column\":%u", column);
	buf_putc(b, '}');
}

static void location(buf *b, const char *k, const char *file,
	unsigned line)
{
	location_at(b, k, file, line, 0);
}

static void offending(buf *b, const finding *f)
{
	size_t i;

	KEY(b, "jurisdictions");
	buf_putc(b, '[');
	for (i = 0; i < f->nitems; i++) {
		buf_puts(b, i ? ",{\"jurisdiction\":" : "{\"jurisdiction\":");
		buf_json_str(b, f->items[i].code);
		STR_FIELD(b, "name", f->items[i].name);
		STR_FIELD(b, "via", f->items[i].via);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void cites(buf *b, const rule *r)
{
	size_t i;

	KEY(b, "citations");
	buf_putc(b, '[');
	for (i = 0; i < r->ncites; i++) {
		buf_puts(b, i ? ",{\"instrument\":" : "{\"instrument\":");
		buf_json_str(b, r->cites[i].instrument);
		STR_FIELD(b, "article", r->cites[i].article);
		STR_FIELD(b, "url", r->cites[i].url);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void alternative_scope(buf *b, const cat_provider *p,
	const finding *f, size_t i)
{
	buf_puts(b, i ? ",{\"provider\":" : "{\"provider\":");
	buf_json_str(b, p->id);
	STR_FIELD(b, "scope", p->scopes[f->alternatives[i]].id);
	buf_putc(b, '}');
}

/* Present only with --suggest, so that other reports keep their shape. */
static void suggestions(buf *b, const result *r, const finding *f)
{
	const catalog *c = r->d->cat;
	const cat_provider *p = &c->providers[f->comp->provider];
	size_t i;

	STR_FIELD(b, "fix", f->fix);
	KEY(b, "alternatives");
	buf_putc(b, '[');
	for (i = 0; i < f->nalternatives; i++) {
		const cat_region *reg;

		if (f->alternatives_are_scopes) {
			alternative_scope(b, p, f, i);
			continue;
		}
		reg = &p->regions[f->alternatives[i]];

		buf_puts(b, i ? ",{\"provider\":" : "{\"provider\":");
		buf_json_str(b, p->id);
		STR_FIELD(b, "region", reg->id);
		STR_FIELD(b, "city", reg->city);
		STR_FIELD(b, "jurisdiction", c->jur[reg->jurisdiction].code);
		buf_printf(b, ",\"restricted\":%s}", reg->restricted ?
			"true" : "false");
	}
	buf_putc(b, ']');
}

/* What a finding says of its rule, before its own members. */
static void rule_head(buf *b, const finding *f)
{
	buf_puts(b, "\"policy\":");
	buf_json_str(b, f->pol->id);
	STR_FIELD(b, "rule", f->r->id);
	STR_FIELD(b, "title", f->r->title);
	STR_FIELD(b, "severity", severity_names[f->r->severity]);
}

static void rule_middle(buf *b, const rule *rl)
{
	cites(b, rl);
	STR_FIELD(b, "remediation", rl->remediation);
}

static void rule_location(buf *b, const rule *rl)
{
	location(b, "rule_location", rl->file, rl->line);
}

/*
 * A rule's members are the same in each of its findings, and most of a
 * finding's bytes (citations, remediation): each rule's are escaped once
 * per report, into `text`, and copied from there.
 */
typedef struct {
	const rule *r;
	size_t at[4];   /* head, middle and location: [at[k], at[k + 1]) */
} rule_text;

typedef struct {
	buf text;
	rule_text *slots;
	size_t mask;    /* slots - 1, a power of two minus one */
} rule_texts;

static void rule_texts_init(rule_texts *t, const result *r,
	const sov_allocator *al)
{
	size_t n = 16, rules = 0, i;

	/* Twice the distinct rules a report can name, at most. */
	for (i = 0; i < r->npols; i++)
		rules += r->pols[i]->nrules;
	if (rules > r->n)
		rules = r->n;
	buf_init(&t->text, al);
	while (n < 2 * rules && n < ((size_t)1 << 16))
		n *= 2;
	t->slots = arena_mem_alloc(al, n * sizeof(*t->slots));
	if (t->slots)
		memset(t->slots, 0, n * sizeof(*t->slots));
	t->mask = n - 1;
}

static void rule_texts_release(rule_texts *t)
{
	arena_mem_free(t->text.al, t->slots);
	buf_release(&t->text);
}

/* The rule's texts, written on first use; NULL: write them out (and
 * when memory ran out, the report fails as it would have anyway). */
static const rule_text *rule_texts_of(buf *b, rule_texts *t,
	const finding *f)
{
	size_t i, probes;
	rule_text *e;

	if (!t->slots) {
		b->oom = 1;
		return NULL;
	}
	i = ((size_t)(uintptr_t)f->r >> 4) * 0x9e3779b1u;
	for (probes = 0; probes <= t->mask; probes++, i++) {
		e = &t->slots[i & t->mask];
		if (e->r == f->r)
			return e;
		if (!e->r)
			break;
	}
	if (probes > t->mask)
		return NULL;   /* full (over 65 536 rules): written out */
	e->at[0] = t->text.len;
	rule_head(&t->text, f);
	e->at[1] = t->text.len;
	rule_middle(&t->text, f->r);
	e->at[2] = t->text.len;
	rule_location(&t->text, f->r);
	e->at[3] = t->text.len;
	if (t->text.oom) {
		b->oom = 1;
		return NULL;
	}
	e->r = f->r;
	return e;
}

static void put_part(buf *b, const rule_texts *t, const rule_text *e,
	int k)
{
	buf_append(b, t->text.data + e->at[k], e->at[k + 1] - e->at[k]);
}

/* `open` stands where the finding's "{" goes: NDJSON puts the deployment
 * and the date there. */
static void finding_json(buf *b, const result *r, const finding *f,
	rule_texts *t, const char *open)
{
	const rule_text *e = rule_texts_of(b, t, f);

	buf_puts(b, open);
	if (e)
		put_part(b, t, e, 0);
	else
		rule_head(b, f);
	STR_FIELD(b, "verdict", verdict_names[f->verdict]);
	STR_FIELD(b, "component", f->comp->id);
	STR_FIELD(b, "data_class", f->cls ? f->cls->id : NULL);
	STR_FIELD(b, "facet", f->facet);
	offending(b, f);
	STR_FIELD(b, "against", f->against);
	STR_FIELD(b, "explanation", f->explanation);
	STR_FIELD(b, "missing", f->missing);
	STR_FIELD(b, "exception", f->exception);
	STR_FIELD(b, "waiver", f->waiver);
	if (e)
		put_part(b, t, e, 1);
	else
		rule_middle(b, f->r);
	if (f->fix || f->nalternatives)
		suggestions(b, r, f);
	if (e)
		put_part(b, t, e, 2);
	else
		rule_location(b, f->r);
	location_at(b, "component_location", f->comp->file, f->comp->line,
		f->comp->column);
	buf_putc(b, '}');
}

static void counts(buf *b, const result *r)
{
	int v;

	KEY(b, "counts");
	buf_putc(b, '{');
	for (v = 0; v < 6; v++) {
		key(b, verdict_names[v], v == 0);
		buf_printf(b, "%zu", r->counts[v]);
	}
	buf_putc(b, '}');
}

static void waivers_json(buf *b, const result *r)
{
	size_t i;

	KEY(b, "waivers");
	buf_putc(b, '[');
	for (i = 0; i < r->nwaivers; i++) {
		const waiver_use *u = &r->waivers[i];

		/* All on the first line: NDJSON takes findings by line. */
		buf_puts(b, i ? ",{\"status\":" : "{\"status\":");
		buf_json_str(b, waiver_status_names[u->status]);
		buf_printf(b, ",\"uses\":%zu", u->uses);
		STR_FIELD(b, "rule", u->w->rule);
		STR_FIELD(b, "policy", u->w->policy);
		STR_FIELD(b, "deployment", u->w->deployment);
		STR_FIELD(b, "component", u->w->component);
		STR_FIELD(b, "data_class", u->w->data);
		STR_FIELD(b, "expires", u->expires);
		STR_FIELD(b, "reason", u->w->reason);
		STR_FIELD(b, "reference", u->w->reference);
		STR_FIELD(b, "approver", u->w->approver);
		location(b, "location", u->w->file, u->w->line);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void policies(buf *b, const result *r)
{
	size_t i;

	KEY(b, "policies");
	buf_putc(b, '[');
	for (i = 0; i < r->npols; i++) {
		buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		buf_json_str(b, r->pols[i]->id);
		STR_FIELD(b, "title", r->pols[i]->title);
		STR_FIELD(b, "file", r->pols[i]->file);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/* An imported deployment's resources that no mapping knows; absent for
 * a deployment written by hand, so those reports keep their bytes. */
static void not_evaluated(buf *b, const deployment *d)
{
	size_t i;

	if (!d->nskipped)
		return;
	KEY(b, "not_evaluated");
	buf_putc(b, '[');
	for (i = 0; i < d->nskipped; i++) {
		buf_puts(b, i ? ",{\"type\":" : "{\"type\":");
		buf_json_str(b, d->skipped[i].type);
		STR_FIELD(b, "address", d->skipped[i].address);
		if (d->skipped[i].reason)
			STR_FIELD(b, "reason", d->skipped[i].reason);
		location(b, "location", d->skipped[i].file,
			d->skipped[i].line);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/* Built-in catalog facts a user file replaced; absent when none was, so
 * the other reports keep their bytes. */
static void overrides(buf *b, const catalog *c)
{
	size_t i, k;

	if (!c->noverrides)
		return;
	KEY(b, "catalog_overrides");
	buf_putc(b, '[');
	for (i = 0; i < c->noverrides; i++) {
		const cat_override *v = &c->overrides[i];

		buf_puts(b, i ? ",{\"kind\":" : "{\"kind\":");
		buf_json_str(b, v->kind);
		STR_FIELD(b, "id", v->id);
		location(b, "location", v->file, v->line);
		KEY(b, "changes");
		for (k = 0; k < v->nchanges; k++) {
			buf_putc(b, k ? ',' : '[');
			buf_json_str(b, v->changes[k]);
		}
		buf_puts(b, "]}");
	}
	buf_putc(b, ']');
}

/* "readings": each with the answer pinned, or null while open. */
void report_readings_json(buf *b, const policy *const *pols, size_t npols,
	const reading_pin *pins, size_t npins)
{
	size_t i, k;
	int first = 1;

	for (i = 0; i < npols; i++) {
		const policy *p = pols[i];

		for (k = 0; k < p->nreadings; k++) {
			buf_puts(b, first ? ",\"readings\":[" : ",");
			first = 0;
			buf_puts(b, "{\"id\":");
			buf_json_str(b, p->readings[k].id);
			STR_FIELD(b, "policy", p->id);
			STR_FIELD(b, "question", p->readings[k].question);
			STR_FIELD(b, "value", eval_pin_lookup(pins, npins,
				p->readings[k].id));
			buf_putc(b, '}');
		}
	}
	if (!first)
		buf_putc(b, ']');
}

void report_json_findings(buf *b, const result *r,
	const report_json_layout *l)
{
	rule_texts texts;
	size_t i;

	rule_texts_init(&texts, r, b->al);
	for (i = 0; i < r->n; i++) {
		buf_puts(b, i ? l->between : l->first);
		finding_json(b, r, &r->f[i], &texts, l->open);
		buf_puts(b, l->after);
	}
	rule_texts_release(&texts);
}

void report_json(buf *b, const result *r)
{
	/* Each finding on a line of its own (docs/report-json.md, 2). */
	static const report_json_layout in_array = { "{", "\n", ",\n", "" };

	buf_reserve(b, 2048 + r->n * REPORT_FINDING_BYTES);
	buf_printf(b, "{\"schema_version\":%d", REPORT_JSON_SCHEMA_VERSION);
	KEY(b, "tool");
	buf_puts(b, "{\"name\":\"sovereign\",\"version\":\"" SOV_VERSION
		"\"}");
	STR_FIELD(b, "as_of", r->as_of);
	KEY(b, "deployment");
	buf_puts(b, "{\"id\":");
	buf_json_str(b, r->d->id);
	STR_FIELD(b, "title", r->d->title);
	STR_FIELD(b, "file", r->d->file);
	not_evaluated(b, r->d);
	buf_putc(b, '}');
	policies(b, r);
	STR_FIELD(b, "decision", decision_names[r->decision]);
	counts(b, r);
	KEY(b, "baselined");
	buf_printf(b, "%zu", r->baselined);
	waivers_json(b, r);
	report_readings_json(b, r->pols, r->npols, r->pins, r->npins);
	overrides(b, r->d->cat);
	KEY(b, "findings");
	buf_putc(b, '[');
	report_json_findings(b, r, &in_array);
	buf_puts(b, "]}\n");
}
