/*
 * eval.c - stage 5: evaluate. Conditions use three-valued (Kleene) logic:
 * an unknown fact makes a test unknown, never true. A pair's verdict comes
 * from its require clause, then its exceptions, then waivers; the finding
 * is explained by walking back down the condition to the test that
 * decided it.
 */
#include "eval.h"

#include <string.h>

#include "policy/baseline.h"
#include "base/buf.h"
#include "facets.h"
#include "ownership.h"
#include "base/dates.h"
#include "base/number.h"

typedef enum { T_FALSE = 0, T_TRUE = 1, T_UNKNOWN = 2 } tri;

const char *const verdict_names[6] = {
	"compliant", "violation", "not-applicable", "indeterminate",
	"excepted", "waived",
};
const char *const decision_names[3] = {
	"compliant", "non-compliant", "indeterminate",
};
const char *const waiver_status_names[3] = {
	"applied", "unused", "expired"
};

typedef struct {
	arena *scratch;
	result *res;
	const policy *pol;
	const deployment *d;
	const catalog *cat;
	int day;
	jword **sets;       /* per slot of the current policy */
	jword *tmp;
	int oom;            /* a text buffer ran out of memory */
	size_t pol_index;
	eval_detail detail;
	const eval_params *p;
	int certs_held;     /* read unstated certifications as held and an
			       unstated sector as the one asked for */
	int readings_held;  /* read open readings as the answer asked */
} evaluator;

/* What an explanation found, before it is rendered into the finding. */
typedef struct {
	int facet;
	const char *against, *missing, *sentence;
	const char *rule_says;  /* how the set relates: "allows only", ... */
	jword *offending;
	/* The first <all> or <any> on the way where more than one child gave
	 * the result: the explanation follows the first, and the others are
	 * told after it (more_reasons()). */
	const cond *group;
	tri group_want;
	size_t group_first;
} witness;

/* ------------------------------------------------------------------ */
/* Sets                                                                */

static jword *expand_set(evaluator *E, const cond *c)
{
	jword *s = jurset_new(E->scratch, E->cat->words);
	size_t i;

	if (!s)
		return NULL;
	for (i = 0; i < c->nset; i++) {
		const cat_member *m = &c->set[i];

		if (!m->is_group)
			catalog_add_jurisdiction(E->cat, s, m->index);
		else
			catalog_expand_group(E->cat, E->pol->groups,
				m->is_policy_group ? &E->pol->groups[m->index]
				: &E->cat->groups[m->index], E->day, s, 0);
	}
	return s;
}

/* Sets are expanded on first use: with thousands of rules, most of them
 * meet no subject, and their sets are never needed. */
static int prepare_sets(evaluator *E)
{
	E->sets = arena_calloc(E->scratch, E->pol->nslots + 1,
		sizeof(jword *));
	return E->sets ? SOV_OK : SOV_ENOMEM;
}

/* The expanded set of slot `slot`, or NULL (and E->oom) without memory. */
static const jword *slot_set(evaluator *E, int slot)
{
	if (!E->sets[slot] &&
	    !(E->sets[slot] = expand_set(E, E->pol->slots[slot])))
		E->oom = 1;
	return E->sets[slot];
}

/* Why facet `fv` of a subject is unknown, worded now that a finding
 * needs it; NULL (and E->oom) without memory. */
static const char *facet_missing(evaluator *E, const facet_val *fv)
{
	const char *words = facets_missing(E->scratch, E->d, fv);

	if (!words && !fv->known)
		E->oom = 1;
	return words;
}

/* ------------------------------------------------------------------ */
/* Conditions                                                          */

static tri set_test_facet(evaluator *E, const cond *c, const facet_val *f)
{
	const jword *set = slot_set(E, c->slot);
	size_t w = E->cat->words;

	if (!f->known || !set)
		return T_UNKNOWN;
	if (c->kind == C_WITHIN)
		jurset_minus(E->tmp, f->set, set, w);
	else
		jurset_inter(E->tmp, f->set, set, w);
	if (c->kind == C_INCLUDES)
		return jurset_empty(E->tmp, w) ? T_FALSE : T_TRUE;
	return jurset_empty(E->tmp, w) ? T_TRUE : T_FALSE;
}

static tri eval_set_test(evaluator *E, const cond *c, const subject *s)
{
	int f, unknown = 0;
	tri stop = c->kind == C_INCLUDES ? T_TRUE : T_FALSE;

	for (f = 0; f < F_COUNT; f++) {
		tri t;

		if (!(c->facets & (1u << f)))
			continue;
		t = set_test_facet(E, c, &s->f[f]);
		if (t == stop)
			return stop;
		unknown |= t == T_UNKNOWN;
	}
	if (unknown)
		return T_UNKNOWN;
	return stop == T_TRUE ? T_FALSE : T_TRUE;
}

static const char *attr_value(const subject *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->comp->nattrs; i++)
		if (strcmp(s->comp->attrs[i].name, name) == 0)
			return s->comp->attrs[i].value;
	return NULL;
}

static tri compare(cmp_op op, double a, double b)
{
	switch (op) {
	case OP_EQ: return a == b ? T_TRUE : T_FALSE;
	case OP_NE: return a != b ? T_TRUE : T_FALSE;
	case OP_LT: return a < b ? T_TRUE : T_FALSE;
	case OP_LE: return a <= b ? T_TRUE : T_FALSE;
	case OP_GT: return a > b ? T_TRUE : T_FALSE;
	default: return a >= b ? T_TRUE : T_FALSE;
	}
}

static tri eval_attribute(const cond *c, const subject *s)
{
	const char *v = attr_value(s, c->name);
	double x;
	int eq;

	if (!v)
		return T_UNKNOWN;
	if (c->vkind == VAL_STRING) {
		eq = strcmp(v, c->value) == 0;
		return (c->op == OP_EQ) == eq ? T_TRUE : T_FALSE;
	}
	if ((c->vkind == VAL_DURATION ? dates_duration(v, &x) :
	     number_parse(v, &x)) != 0)
		return T_UNKNOWN;
	return compare(c->op, x, c->number);
}

static tri eval_mechanism(const cond *c, const subject *s)
{
	size_t i, j;

	for (i = 0; i < s->nmechanisms; i++)
		for (j = 0; j < c->nids; j++)
			if (strcmp(s->mechanisms[i], c->ids[j]) == 0)
				return T_TRUE;
	return T_FALSE;
}

/* shares-outside: the operator's shareholders (ownership.c). */
static tri eval_shares(evaluator *E, const cond *c, const subject *s)
{
	const jword *set = slot_set(E, c->slot);
	own_value v;

	if (!set)
		return T_UNKNOWN;
	ownership_measure(&v, E->cat, s->comp->operator_entity, set,
		c->measure, E->day);
	return (tri)ownership_compare(&v, c->op, c->number);
}

static void explain_shares(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w)
{
	const jword *set = slot_set(E, c->slot);
	const char *words;

	w->facet = F_CONTROL;
	if (!set)
		return;
	words = ownership_words(E->scratch, E->cat,
		s->comp->operator_entity, set, c, E->day, want != T_UNKNOWN);
	E->oom |= !words;
	if (want == T_UNKNOWN)
		w->missing = words;
	else
		w->sentence = words;
}

static tri eval_cond(evaluator *E, const cond *c, const subject *s);

/* ------------------------------------------------------------------ */
/* Unsettled readings                                                  */

const char *eval_pin_lookup(const reading_pin *pins, size_t npins,
	const char *id)
{
	size_t i;

	for (i = 0; i < npins; i++)
		if (strcmp(pins[i].id, id) == 0)
			return pins[i].value;
	return NULL;
}

static const char *pinned_answer(const evaluator *E, const char *id)
{
	return eval_pin_lookup(E->p->pins, E->p->npins, id);
}

/* Only the user settles a reading: open, the test is unknown. */
static tri eval_reading(const evaluator *E, const cond *c)
{
	const char *pin = pinned_answer(E, c->name);

	if (!pin)
		return E->readings_held ? T_TRUE : T_UNKNOWN;
	return strcmp(pin, c->value) == 0 ? T_TRUE : T_FALSE;
}

static void explain_reading(evaluator *E, const cond *c, witness *w)
{
	const reading_decl *r = &E->pol->readings[c->reading];
	const char *pin = pinned_answer(E, c->name);

	if (!pin) {
		w->missing = arena_printf(E->scratch, "the reading '%s' is "
			"not settled (%s); pin an answer with --set "
			"reading=%s:VALUE", r->id, r->question, r->id);
		return;
	}
	w->sentence = arena_printf(E->scratch, "The reading '%s' is pinned "
		"to '%s'.", r->id, pin);
}

/* Does condition `c` consult reading `id`? */
static int cond_reads(const cond *c, const char *id)
{
	size_t i;

	if (c->kind == C_READING)
		return strcmp(c->name, id) == 0;
	for (i = 0; i < c->nkids; i++)
		if (cond_reads(c->kids[i], id))
			return 1;
	return 0;
}

static int rule_reads(const rule *r, const char *id)
{
	size_t i;

	if (r->require && cond_reads(r->require, id))
		return 1;
	for (i = 0; i < r->nunless; i++)
		if (cond_reads(r->unless[i].when, id))
			return 1;
	return 0;
}

/* "... Read with reading 'x' pinned to 'y'.": the answers the verdict
 * rests on, so that a report says which reading it used. */
static int tell_pinned_readings(evaluator *E, finding *f)
{
	size_t i;

	for (i = 0; i < E->p->npins; i++) {
		const reading_pin *pin = &E->p->pins[i];

		if (!rule_reads(f->r, pin->id))
			continue;
		f->explanation = arena_printf(E->res->arena, "%s%sRead with "
			"reading '%s' pinned to '%s'.", f->explanation ?
			f->explanation : "", f->explanation &&
			f->explanation[0] ? " " : "", pin->id, pin->value);
		if (!f->explanation)
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

const char *eval_pinned(const result *r, const char *id)
{
	return eval_pin_lookup(r->pins, r->npins, id);
}

/* Held, not held, or unstated: unknown unless the rule says what an
 * unstated certification means. */
static tri eval_certified(evaluator *E, const cond *c, const subject *s)
{
	int by, state = facets_certified(E->d, s, c->name, E->day, &by);

	if (state == CERT_UNSTATED)
		state = c->unstated == CERT_UNSTATED && E->certs_held ?
			CERT_HELD : c->unstated;
	return state == CERT_HELD ? T_TRUE : state == CERT_NOT_HELD ?
	       T_FALSE : T_UNKNOWN;
}

/* The recipient's sector is one of those asked for; unknown when
 * nothing states it (see certs_held). */
static tri eval_sector(evaluator *E, const cond *c, const subject *s)
{
	int by, sector = facets_sector(E->d, s, &by);

	if (sector == SECTOR_UNSTATED)
		return E->certs_held ? T_TRUE : T_UNKNOWN;
	return c->sectors & (1u << sector) ? T_TRUE : T_FALSE;
}

/* The first listed facet that is unknown, or -1. */
static int first_unknown(const cond *c, const subject *s)
{
	int f;

	for (f = 0; f < F_COUNT; f++)
		if ((c->facets & (1u << f)) && !s->f[f].known)
			return f;
	return -1;
}

static tri eval_junction(evaluator *E, const cond *c, const subject *s)
{
	tri stop = c->kind == C_ALL ? T_FALSE : T_TRUE;
	int unknown = 0;
	size_t i;

	for (i = 0; i < c->nkids; i++) {
		tri t = eval_cond(E, c->kids[i], s);

		if (t == stop)
			return stop;
		unknown |= t == T_UNKNOWN;
	}
	if (unknown)
		return T_UNKNOWN;
	return stop == T_TRUE ? T_FALSE : T_TRUE;
}

static tri eval_cond(evaluator *E, const cond *c, const subject *s)
{
	tri t;

	switch (c->kind) {
	case C_ALL:
	case C_ANY:
		return eval_junction(E, c, s);
	case C_NOT:
		t = eval_cond(E, c->kids[0], s);
		return t == T_UNKNOWN ? t : t == T_TRUE ? T_FALSE : T_TRUE;
	case C_WITHIN:
	case C_OUTSIDE:
	case C_INCLUDES:
		return eval_set_test(E, c, s);
	case C_EXPOSED:
		return s->laws[c->law] ? T_TRUE : T_FALSE;
	case C_CUSTODY:
		if (s->comp->custody == CUSTODY_UNSET)
			return T_UNKNOWN;
		return c->custodies & (1u << s->comp->custody) ? T_TRUE :
		       T_FALSE;
	case C_ATTRIBUTE:
		return eval_attribute(c, s);
	case C_CERTIFIED:
		return eval_certified(E, c, s);
	case C_KNOWN:
		return first_unknown(c, s) < 0 ? T_TRUE : T_FALSE;
	case C_SHARES:
		return eval_shares(E, c, s);
	case C_READING:
		return eval_reading(E, c);
	case C_SECTOR:
		return eval_sector(E, c, s);
	default:
		return eval_mechanism(c, s);
	}
}

/* ------------------------------------------------------------------ */
/* Explanations                                                        */

static const char *const facet_verbs[F_COUNT] = {
	"is stored in", "has a replica in", "has a backup in",
	"may be processed in", "passes through", "may be accessed from",
	"has its keys held in",
	"is under the control of an operator seated in",
};

static const char *subject_phrase(evaluator *E, const subject *s)
{
	if (s->cls)
		return arena_printf(E->scratch, "'%s' data in component '%s'",
			s->cls->id, s->comp->id);
	return arena_printf(E->scratch, "component '%s'", s->comp->id);
}

static void explain(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w);
static const char *origin_words(evaluator *E, const origin *o);

/* What a failed set test asked for, in words; `want` is how it failed
 * (true when it sits under a <not>). */
static const char *set_relation(cond_kind kind, tri want)
{
	int negated = want == T_TRUE;

	if (kind == C_WITHIN)
		return negated ? "forbids it to be only in" : "allows only";
	if (kind == C_OUTSIDE)
		return negated ? "requires at least one of" : "forbids";
	return negated ? "forbids" : "requires at least one of";
}

/* The facet of a set test that produced `want`, with its offenders. */
static void explain_set_test(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w)
{
	int f;

	for (f = 0; f < F_COUNT; f++) {
		const facet_val *fv = &s->f[f];
		tri t;

		if (!(c->facets & (1u << f)))
			continue;
		t = set_test_facet(E, c, fv);
		if (t != want)
			continue;
		w->facet = f;
		w->against = c->set_text;
		w->rule_says = set_relation(c->kind, want);
		if (t == T_UNKNOWN) {
			w->missing = facet_missing(E, fv);
			return;
		}
		w->offending = jurset_new(E->scratch, E->cat->words);
		if (!w->offending || !E->sets[c->slot])
			return;
		if ((c->kind == C_WITHIN) == (want == T_FALSE))
			jurset_minus(w->offending, fv->set, E->sets[c->slot],
				E->cat->words);
		else
			jurset_inter(w->offending, fv->set, E->sets[c->slot],
				E->cat->words);
		if (jurset_empty(w->offending, E->cat->words))
			memcpy(w->offending, fv->set,
				E->cat->words * sizeof(jword));
		return;
	}
}

static void explain_exposed(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w)
{
	const cat_law *law = &E->cat->laws[c->law];

	w->facet = F_CONTROL;
	if (want == T_TRUE) {
		w->offending = jurset_new(E->scratch, E->cat->words);
		if (w->offending)
			jurset_add(w->offending, (size_t)law->jurisdiction);
		w->sentence = arena_printf(E->scratch, "%s is exposed to %s "
			"(%s) through its %s.", subject_phrase(E, s), law->id,
			law->title, origin_words(E, &s->f[F_CONTROL].origins[
			s->law_why[c->law]]));
	} else {
		w->sentence = arena_printf(E->scratch, "%s is not exposed to "
			"%s (%s).", subject_phrase(E, s), law->id, law->title);
	}
}

static const char *join_ids(evaluator *E, const char **ids, size_t n)
{
	buf b;
	size_t i;
	const char *out;

	buf_init(&b, arena_allocator(E->scratch));
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
	out = b.oom ? NULL : arena_strdup(E->scratch, b.data ? b.data : "");
	buf_release(&b);
	E->oom |= !out;
	return out ? out : "";
}

/* "component 'db' (operator Amazon.com, Inc.)": who would hold it. */
static const char *recipient_phrase(evaluator *E, const subject *s,
	const char *lead)
{
	int e = s->comp->operator_entity;

	if (e < 0)
		return arena_printf(E->scratch, "%s '%s'", lead, s->comp->id);
	return arena_printf(E->scratch, "%s '%s' (operator %s)", lead,
		s->comp->id, E->cat->entities[e].name);
}

/* The state of the certification and who stated it: the deployment,
 * the catalog for an entity, or nobody (and what the rule reads). */
static void explain_certified(evaluator *E, const cond *c,
	const subject *s, witness *w)
{
	int by, state = facets_certified(E->d, s, c->name, E->day, &by);
	const char *who = recipient_phrase(E, s, "component");

	if (state == CERT_UNSTATED && c->unstated == CERT_UNSTATED) {
		w->missing = arena_printf(E->scratch, "whether %s holds "
			"certification '%s' is not stated", who, c->name);
		return;
	}
	if (state == CERT_UNSTATED) {
		w->sentence = arena_printf(E->scratch, "Certification '%s' "
			"is not stated for %s; the rule reads an unstated one "
			"as %s.", c->name, who, c->unstated == CERT_HELD ?
			"held" : "not held");
		return;
	}
	w->sentence = arena_printf(E->scratch, "%s %s certification '%s' "
		"on the evaluation date, as %s states.",
		recipient_phrase(E, s, "Component"),
		state == CERT_HELD ? "holds" : "does not hold", c->name,
		by < 0 ? "the deployment" : arena_printf(E->scratch,
		"the catalog entry of %s", E->cat->entities[by].id));
}

/* The sectors a sector test names, as "commercial or public". */
static const char *sector_list(evaluator *E, unsigned sectors)
{
	const char *text = NULL;
	int i;

	for (i = SECTOR_COMMERCIAL; i < SECTOR_COUNT; i++)
		if (sectors & (1u << i))
			text = text ? arena_printf(E->scratch, "%s or %s",
				text, sector_names[i]) : sector_names[i];
	return text ? text : "";
}

/* The recipient's sector and who stated it, or that nobody did. */
static void explain_sector(evaluator *E, const cond *c, const subject *s,
	witness *w)
{
	int by, sector = facets_sector(E->d, s, &by);
	const char *wanted = sector_list(E, c->sectors);

	if (sector == SECTOR_UNSTATED) {
		w->missing = arena_printf(E->scratch, "the sector of %s is "
			"not stated (the rule asks for %s)",
			recipient_phrase(E, s, "component"), wanted);
		return;
	}
	w->sentence = arena_printf(E->scratch, "%s is in the %s sector, as "
		"%s states; the rule asks for %s.",
		recipient_phrase(E, s, "Component"), sector_names[sector],
		by < 0 ? "the deployment" : arena_printf(E->scratch,
		"the catalog entry of %s", E->cat->entities[by].id), wanted);
}

static void explain_leaf(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w)
{
	const char *subj = subject_phrase(E, s);

	switch (c->kind) {
	case C_EXPOSED:
		explain_exposed(E, c, s, want, w);
		return;
	case C_SHARES:
		explain_shares(E, c, s, want, w);
		return;
	case C_CUSTODY:
		w->facet = F_KEYS;
		if (want == T_UNKNOWN)
			w->missing = facet_missing(E, &s->f[F_KEYS]);
		else
			w->sentence = arena_printf(E->scratch, "The keys of "
				"component '%s' are in %s custody.",
				s->comp->id, custody_names[s->comp->custody]);
		return;
	case C_ATTRIBUTE:
		if (want == T_UNKNOWN)
			w->missing = arena_printf(E->scratch, "attribute '%s' "
				"of component '%s' is not stated%s", c->name,
				s->comp->id, c->vkind == VAL_DURATION ?
				" or not a duration" : c->vkind == VAL_NUMBER ?
				" or not a number" : "");
		else
			w->sentence = arena_printf(E->scratch,
				"Attribute '%s' of component '%s' is %s; the "
				"rule compares it with %s.", c->name,
				s->comp->id, attr_value(s, c->name), c->value);
		return;
	case C_KNOWN:
		w->facet = first_unknown(c, s);
		if (w->facet >= 0)
			w->sentence = arena_printf(E->scratch, "Not declared: "
				"%s.", facet_missing(E, &s->f[w->facet]));
		else
			w->sentence = arena_printf(E->scratch, "%s declares "
				"every fact the rule asks for.", subj);
		return;
	case C_CERTIFIED:
		explain_certified(E, c, s, w);
		return;
	case C_READING:
		explain_reading(E, c, w);
		return;
	case C_SECTOR:
		explain_sector(E, c, s, w);
		return;
	default:
		w->sentence = arena_printf(E->scratch, "%s %s a transfer "
			"mechanism among: %s.", subj, want == T_TRUE ? "has" :
			"has no", join_ids(E, c->ids, c->nids));
		return;
	}
}

static void note_group(evaluator *E, const cond *c, const subject *s,
	tri want, size_t first, witness *w)
{
	size_t i;

	if (w->group)
		return;
	for (i = first + 1; i < c->nkids; i++)
		if (eval_cond(E, c->kids[i], s) == want) {
			w->group = c;
			w->group_want = want;
			w->group_first = first;
			return;
		}
}

static void explain_kids(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		if (eval_cond(E, c->kids[i], s) == want) {
			note_group(E, c, s, want, i, w);
			explain(E, c->kids[i], s, want, w);
			return;
		}
}

static void explain(evaluator *E, const cond *c, const subject *s,
	tri want, witness *w)
{
	switch (c->kind) {
	case C_ALL:
	case C_ANY:
		explain_kids(E, c, s, want, w);
		return;
	case C_NOT:
		explain(E, c->kids[0], s, want == T_UNKNOWN ? T_UNKNOWN :
			want == T_TRUE ? T_FALSE : T_TRUE, w);
		return;
	case C_WITHIN:
	case C_OUTSIDE:
	case C_INCLUDES:
		explain_set_test(E, c, s, want, w);
		return;
	default:
		explain_leaf(E, c, s, want, w);
	}
}

/* ------------------------------------------------------------------ */
/* Findings                                                            */

static const char *origin_words(evaluator *E, const origin *o)
{
	buf b;
	const char *out;

	buf_init(&b, arena_allocator(E->scratch));
	facets_origin_text(&b, E->d, o, 1);
	out = b.oom ? NULL : arena_strdup(E->scratch, b.data ? b.data : "");
	buf_release(&b);
	E->oom |= !out;
	return out ? out : "";
}

/* Why `jur` is on the facet; origins of one routing scope share a
 * clause: "routing scope global, which may route it to a (X), b (Y)". */
static int origins_of(evaluator *E, const facet_val *fv, int jur,
	off_item *it)
{
	buf b;
	size_t i, n = 0;
	const origin *prev = NULL;

	buf_init(&b, arena_allocator(E->scratch));
	for (i = 0; i < fv->norigins; i++) {
		const origin *o = &fv->origins[i];

		if (o->jur != jur && E->cat->jur[o->jur].country != jur)
			continue;
		if (prev && facets_same_lead(prev, o)) {
			buf_puts(&b, ", ");
			facets_origin_text(&b, E->d, o, 0);
		} else {
			buf_puts(&b, n ? "; " : "");
			facets_origin_text(&b, E->d, o, 1);
		}
		prev = o;
		n++;
	}
	it->via = b.oom ? NULL : arena_strdup(E->res->arena,
		b.data ? b.data : "");
	buf_release(&b);
	return it->via ? SOV_OK : SOV_ENOMEM;
}

/* A subdivision whose country is also offending adds nothing new. */
static int covered_by_country(evaluator *E, const jword *set, long j)
{
	int country = E->cat->jur[j].country;

	return country >= 0 && jurset_has(set, (size_t)country);
}

static const char *jurisdiction_name(evaluator *E, long j)
{
	const cat_jurisdiction *c = &E->cat->jur[j];

	if (c->country < 0)
		return c->name;
	return arena_printf(E->res->arena, "%s, %s", c->name,
		E->cat->jur[c->country].name);
}

static int fill_offending(evaluator *E, finding *f, const subject *s,
	const witness *w)
{
	arena *a = E->res->arena;
	buf codes;
	long j;
	size_t n = 0;

	for (j = jurset_next(w->offending, E->cat->words, 0); j >= 0;
	     j = jurset_next(w->offending, E->cat->words, (size_t)j + 1))
		n++;
	f->items = arena_calloc(a, n + 1, sizeof(off_item));
	if (!f->items)
		return SOV_ENOMEM;
	buf_init(&codes, arena_allocator(E->scratch));
	for (j = jurset_next(w->offending, E->cat->words, 0); j >= 0;
	     j = jurset_next(w->offending, E->cat->words, (size_t)j + 1)) {
		off_item *it;

		if (covered_by_country(E, w->offending, j))
			continue;
		it = &f->items[f->nitems++];
		it->code = E->cat->jur[j].code;
		it->name = jurisdiction_name(E, j);
		if (!it->name || origins_of(E, &s->f[w->facet], (int)j, it)) {
			buf_release(&codes);
			return SOV_ENOMEM;
		}
		buf_printf(&codes, "%s%s", f->nitems > 1 ? " " : "", it->code);
	}
	f->offending = codes.oom ? NULL : arena_strdup(a,
		codes.data ? codes.data : "");
	buf_release(&codes);
	return f->offending ? SOV_OK : SOV_ENOMEM;
}

/* "US (United States: geo-redundant: paired region ...)" joined. */
static const char *offender_list(evaluator *E, const finding *f)
{
	buf b;
	size_t i;
	const char *out;

	buf_init(&b, arena_allocator(E->scratch));
	for (i = 0; i < f->nitems; i++) {
		buf_puts(&b, i == 0 ? "" : i + 1 == f->nitems ? "; and " :
			"; ");
		buf_printf(&b, "%s (%s)", f->items[i].code, f->items[i].name);
		if (f->items[i].via && *f->items[i].via)
			buf_printf(&b, ", from %s", f->items[i].via);
	}
	out = b.oom ? NULL : arena_strdup(E->scratch, b.data ? b.data : "");
	buf_release(&b);
	E->oom |= !out;
	return out;
}

static const char *set_sentence(evaluator *E, const subject *s,
	const finding *f, const witness *w, sov_verdict v)
{
	const char *who = subject_phrase(E, s);
	const char *list = offender_list(E, f);

	if (!list)
		return NULL;
	if (!list[0])
		return arena_printf(E->scratch, "%s has nothing on the %s "
			"facet.", who, facet_names[w->facet]);
	if (v == SOV_COMPLIANT || v == SOV_EXCEPTED)
		return arena_printf(E->scratch, "%s %s %s.", who,
			facet_verbs[w->facet], list);
	return arena_printf(E->scratch, "%s %s %s. The rule %s: %s.", who,
		facet_verbs[w->facet], list, w->rule_says, w->against);
}

static int fill_witness(evaluator *E, finding *f, const subject *s,
	const witness *w, sov_verdict v)
{
	arena *a = E->res->arena;
	const char *sentence = w->sentence;

	if (w->facet >= 0)
		f->facet = facet_names[w->facet];
	if (w->against)
		f->against = arena_strdup(a, w->against);
	if (w->missing) {
		f->missing = arena_strdup(a, w->missing);
		sentence = arena_printf(E->scratch,
			"It cannot be decided: %s.", w->missing);
	}
	if (w->offending && w->facet >= 0 &&
	    fill_offending(E, f, s, w) != SOV_OK)
		return SOV_ENOMEM;
	if (!sentence && w->offending && w->facet >= 0)
		sentence = set_sentence(E, s, f, w, v);
	f->explanation = arena_strdup(a, sentence ? sentence : "");
	return f->explanation ? SOV_OK : SOV_ENOMEM;
}

#define MAX_MORE_REASONS 4

/* "it is exposed to ..." for a sentence about the subject just named. */
static const char *same_subject(evaluator *E, const subject *s,
	const char *sentence)
{
	const char *who = subject_phrase(E, s);
	size_t n = who ? strlen(who) : 0;
	const char *it;

	if (!n || strncmp(sentence, who, n) != 0 || sentence[n] != ' ')
		return sentence;
	it = arena_printf(E->scratch, "it%s", sentence + n);
	E->oom |= !it;
	return it ? it : sentence;
}

/* A failing finding whose rule fails for several reasons (every child
 * of an <any>, several laws under a <not><any>) says all of them, not
 * only the first: a reader fixing one should know of the others. */
static int more_reasons(evaluator *E, finding *f, const subject *s,
	const witness *w, sov_verdict v)
{
	buf b;
	size_t i, n = 0;

	/* Placement (DETAIL_BLOCKING) needs one reason per candidate. */
	if (!w->group || E->detail != DETAIL_ALL ||
	    (v != SOV_VIOLATION && v != SOV_INDETERMINATE))
		return SOV_OK;
	buf_init(&b, arena_allocator(E->scratch));
	buf_puts(&b, f->explanation);
	for (i = w->group_first + 1; i < w->group->nkids &&
	     n < MAX_MORE_REASONS; i++) {
		const cond *kid = w->group->kids[i];
		witness other;
		finding tmp;

		if (eval_cond(E, kid, s) != w->group_want)
			continue;
		memset(&other, 0, sizeof(other));
		other.facet = -1;
		explain(E, kid, s, w->group_want, &other);
		memset(&tmp, 0, sizeof(tmp));
		tmp.r = f->r;
		tmp.comp = f->comp;
		tmp.cls = f->cls;
		if (fill_witness(E, &tmp, s, &other, v) != SOV_OK)
			b.oom = 1;
		else if (tmp.explanation[0] &&
			 (!b.data || !strstr(b.data, tmp.explanation))) {
			/* Two tests that lack the same fact say it once. */
			buf_printf(&b, " Also: %s", same_subject(E, s,
				tmp.explanation));
			n++;
		}
	}
	f->explanation = b.oom ? NULL : arena_strdup(E->res->arena, b.data);
	buf_release(&b);
	return f->explanation ? SOV_OK : SOV_ENOMEM;
}

/* The waiver in force that covers the finding, else an expired one that
 * would have (to say why it no longer helps), else NULL. */
static waiver_use *find_waiver(evaluator *E, const finding *f)
{
	waiver_use *expired = NULL;
	size_t i;

	for (i = 0; i < E->res->nwaivers; i++) {
		waiver_use *u = &E->res->waivers[i];

		if (!waiver_covers(u->w, f->pol->id, f->r->id, f->comp->id,
				   f->cls ? f->cls->id : NULL))
			continue;
		if (u->w->expires >= E->day)
			return u;
		if (!expired)
			expired = u;
	}
	return expired;
}

static int apply_waiver(evaluator *E, finding *f)
{
	waiver_use *u;
	const waiver *w;
	char date[11];

	if (f->verdict != SOV_VIOLATION && f->verdict != SOV_INDETERMINATE)
		return SOV_OK;
	u = find_waiver(E, f);
	if (!u)
		return SOV_OK;
	w = u->w;
	dates_format(w->expires, date);
	if (w->expires >= E->day) {
		u->uses++;
		f->verdict = SOV_WAIVED;
		f->waiver = arena_printf(E->res->arena, "waived until %s "
			"(%s:%u%s%s): %s", date, w->file, w->line,
			w->reference ? ", " : "", w->reference ?
			w->reference : "", w->reason);
	} else {
		f->waiver = arena_printf(E->res->arena, "the waiver at %s:%u "
			"expired on %s and has no effect", w->file, w->line,
			date);
	}
	return f->waiver ? SOV_OK : SOV_ENOMEM;
}

/* The waivers that could apply: the deployment's own, then those of the
 * waiver file whose deployment selector matches. */
static int gather_waivers(evaluator *E)
{
	const waivers *file = E->p->file_waivers;
	size_t i, n = E->d->nwaivers + (file ? file->n : 0);
	result *res = E->res;

	if (E->p->ignore_waivers || n == 0)
		return SOV_OK;
	res->waivers = arena_calloc(res->arena, n, sizeof(waiver_use));
	if (!res->waivers)
		return SOV_ENOMEM;
	for (i = 0; i < E->d->nwaivers; i++) {
		res->waivers[res->nwaivers].index = -1;
		res->waivers[res->nwaivers++].w = &E->d->waivers[i];
	}
	for (i = 0; file && i < file->n; i++)
		if (!file->w[i].deployment ||
		    waiver_glob(file->w[i].deployment, E->d->id)) {
			res->waivers[res->nwaivers].index = (long)i;
			res->waivers[res->nwaivers++].w = &file->w[i];
		}
	return SOV_OK;
}

static void settle_waivers(result *res, int day)
{
	size_t i;

	for (i = 0; i < res->nwaivers; i++) {
		waiver_use *u = &res->waivers[i];

		u->status = u->w->expires < day ? WAIVER_EXPIRED :
			    u->uses ? WAIVER_APPLIED : WAIVER_UNUSED;
		dates_format(u->w->expires, u->expires);
	}
}

/* ------------------------------------------------------------------ */
/* Rules and subjects                                                  */

static int in_list(const id_list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

static int any_tag(const id_list *l, const dep_component *c)
{
	size_t i;

	for (i = 0; i < c->ntags; i++)
		if (in_list(l, c->tags[i]))
			return 1;
	return 0;
}

enum { SCOPE_OUT, SCOPE_IN, SCOPE_UNKNOWN };

/* Is the subject's data class in the rule's data scope? Unknown when the
 * component's classes are not stated (an imported resource). */
static int data_in_scope(const rule *r, const subject *s)
{
	if (!r->data.n && !r->data_match)
		return SCOPE_IN;
	if (!s->cls)
		return s->comp->data_unstated ? SCOPE_UNKNOWN : SCOPE_OUT;
	if (r->data.n && !in_list(&r->data, s->cls->id))
		return SCOPE_OUT;
	if (r->data_match && pattern_match(r->data_match, s->cls->id) == 0)
		return SCOPE_OUT;
	return SCOPE_IN;
}

static int in_scope(evaluator *E, const rule *r, const subject *s)
{
	const char *prov = E->cat->providers[s->comp->provider].id;

	if (!dates_in_range(E->day, r->from, r->until))
		return SCOPE_OUT;
	if (r->kinds.n && !in_list(&r->kinds, s->comp->kind))
		return SCOPE_OUT;
	if (r->providers.n && !in_list(&r->providers, prov))
		return SCOPE_OUT;
	if (r->tags.n && !any_tag(&r->tags, s->comp))
		return SCOPE_OUT;
	/* A pattern that cannot finish within its limits (-1) keeps the
	 * rule in scope: failing open would let a chosen id escape it. */
	if (r->component_match &&
	    pattern_match(r->component_match, s->comp->id) == 0)
		return SCOPE_OUT;
	return data_in_scope(r, s);
}

static finding *new_finding(result *res)
{
	if (res->n == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 64;
		finding *p = arena_mem_realloc(arena_allocator(res->arena),
			res->f, cap * sizeof(finding));

		if (!p)
			return NULL;
		res->f = p;
		res->cap = cap;
	}
	memset(&res->f[res->n], 0, sizeof(finding));
	return &res->f[res->n++];
}

static const exception *holding_exception(evaluator *E, const rule *r,
	const subject *s)
{
	size_t i;

	for (i = 0; i < r->nunless; i++)
		if (eval_cond(E, r->unless[i].when, s) == T_TRUE)
			return &r->unless[i];
	return NULL;
}

/* Would the exception hold if every unstated certification it tests
 * were held, an unstated recipient sector were the one it asks for, and
 * every open reading had the answer it asks for? */
static int holds_if_certified(evaluator *E, const cond *c, const subject *s)
{
	tri t;

	E->certs_held = E->readings_held = 1;
	t = eval_cond(E, c, s);
	E->certs_held = E->readings_held = 0;
	return t == T_TRUE;
}

/* The first exception that only an unstated certification or sector, or
 * an open reading, keeps from holding: a requirement that fails with such
 * an exception is undecided, not a violation (an unstated fact is not a
 * missing one, an open reading not a refused one). Any other fact an
 * exception needs must still be stated for it to count. */
static const exception *open_exception(evaluator *E, const rule *r,
	const subject *s)
{
	size_t i;

	for (i = 0; i < r->nunless; i++)
		if (eval_cond(E, r->unless[i].when, s) == T_UNKNOWN &&
		    holds_if_certified(E, r->unless[i].when, s))
			return &r->unless[i];
	return NULL;
}

/* "... Whether the exception 'x' applies cannot be decided: <fact>." */
static int explain_open_exception(evaluator *E, finding *f,
	const subject *s, const exception *ex)
{
	witness w;
	const char *missing;

	memset(&w, 0, sizeof(w));
	w.facet = -1;
	explain(E, ex->when, s, T_UNKNOWN, &w);
	missing = w.missing ? w.missing : "a fact it needs is not stated";
	f->missing = arena_strdup(E->res->arena, missing);
	f->explanation = arena_printf(E->res->arena, "%s%sWhether the "
		"exception '%s' applies cannot be decided: %s.",
		f->explanation, f->explanation[0] ? " " : "", ex->name,
		missing);
	/* An undecided finding lists no offenders (its explanation names
	 * where the data is): they are offenders only if the fact fails. */
	f->items = NULL;
	f->nitems = 0;
	f->offending = NULL;
	return f->missing && f->explanation ? SOV_OK : SOV_ENOMEM;
}

static sov_verdict verdict_of(tri t, const exception *ex)
{
	if (t == T_TRUE)
		return SOV_COMPLIANT;
	if (ex)
		return SOV_EXCEPTED;
	return t == T_FALSE ? SOV_VIOLATION : SOV_INDETERMINATE;
}

static int wants_words(const evaluator *E, const finding *f)
{
	if (E->detail == DETAIL_ALL)
		return 1;
	return E->detail == DETAIL_BLOCKING && f->r->severity == SEV_ERROR &&
	       (f->verdict == SOV_VIOLATION ||
		f->verdict == SOV_INDETERMINATE);
}

/* A rule about some data classes meets a component whose classes are not
 * stated: whether it applies is itself the unknown fact. */
static int unstated_data(evaluator *E, const rule *r, const subject *s)
{
	finding *f = new_finding(E->res);
	arena *a = E->res->arena;

	if (!f)
		return SOV_ENOMEM;
	f->pol = E->pol;
	f->r = r;
	f->comp = s->comp;
	f->verdict = SOV_INDETERMINATE;
	if (apply_waiver(E, f) != SOV_OK)
		return SOV_ENOMEM;
	f->missing = arena_printf(a, "which data classes component '%s' "
		"holds is not stated", s->comp->id);
	f->explanation = arena_printf(a, "It cannot be decided: %s, so "
		"whether this rule's data classes are among them is not "
		"known.", f->missing ? f->missing : "");
	if (!f->missing || !f->explanation)
		return SOV_ENOMEM;
	E->res->counts[f->verdict]++;
	E->res->pcounts[E->pol_index][f->verdict]++;
	return SOV_OK;
}

static int evaluate_pair(evaluator *E, const rule *r, const subject *s)
{
	witness w;
	finding *f;
	tri t;
	const exception *ex = NULL, *undecided;
	sov_verdict v;

	switch (in_scope(E, r, s)) {
	case SCOPE_OUT:
		E->res->counts[SOV_NOT_APPLICABLE]++;
		E->res->pcounts[E->pol_index][SOV_NOT_APPLICABLE]++;
		return SOV_OK;
	case SCOPE_UNKNOWN:
		return unstated_data(E, r, s);
	default:
		break;
	}
	t = eval_cond(E, r->require, s);
	if (t != T_TRUE)
		ex = holding_exception(E, r, s);
	undecided = t == T_FALSE && !ex ? open_exception(E, r, s) : NULL;
	v = undecided ? SOV_INDETERMINATE : verdict_of(t, ex);
	f = new_finding(E->res);
	if (!f)
		return SOV_ENOMEM;
	f->pol = E->pol;
	f->r = r;
	f->comp = s->comp;
	f->cls = s->cls;
	f->verdict = v;
	f->exception = ex ? ex->name : NULL;
	if (apply_waiver(E, f) != SOV_OK)
		return SOV_ENOMEM;
	if (wants_words(E, f)) {
		memset(&w, 0, sizeof(w));
		w.facet = -1;
		explain(E, r->require, s, t, &w);
		if (fill_witness(E, f, s, &w, v) != SOV_OK ||
		    more_reasons(E, f, s, &w, v) != SOV_OK ||
		    (undecided && explain_open_exception(E, f, s,
		     undecided) != SOV_OK) ||
		    tell_pinned_readings(E, f) != SOV_OK)
			return SOV_ENOMEM;
	}
	E->res->counts[f->verdict]++;
	E->res->pcounts[E->pol_index][f->verdict]++;
	return SOV_OK;
}

static size_t policy_index(const result *res, const policy *pol)
{
	size_t i;

	for (i = 0; i < res->npols && res->pols[i] != pol; i++)
		;
	return i;
}

/* Removes the failing findings an earlier report already had, so that
 * only new ones are reported and decide. */
static void drop_baselined(result *res, const struct baseline *b)
{
	size_t i, kept = 0;

	for (i = 0; i < res->n; i++) {
		finding *f = &res->f[i];

		if ((f->verdict == SOV_VIOLATION ||
		     f->verdict == SOV_INDETERMINATE) &&
		    baseline_has(b, res->d->id, f->pol->id, f->r->id,
				 f->comp->id, f->cls ? f->cls->id : NULL,
				 verdict_names[f->verdict])) {
			res->counts[f->verdict]--;
			res->pcounts[policy_index(res, f->pol)][f->verdict]--;
			res->baselined++;
			continue;
		}
		res->f[kept++] = *f;
	}
	res->n = kept;
}

/* The decision over the findings of one policy (`pol`), or all (NULL). */
static sov_decision decide_over(const result *res, const policy *pol)
{
	size_t i;
	int indeterminate = 0;

	for (i = 0; i < res->n; i++) {
		const finding *f = &res->f[i];

		if ((int)f->r->severity > res->fail_on ||
		    (pol && f->pol != pol))
			continue;
		if (f->verdict == SOV_VIOLATION)
			return SOV_DECISION_NON_COMPLIANT;
		indeterminate |= f->verdict == SOV_INDETERMINATE;
	}
	return indeterminate ? SOV_DECISION_INDETERMINATE :
	       SOV_DECISION_COMPLIANT;
}

static void decide(result *res)
{
	size_t i;

	res->decision = decide_over(res, NULL);
	for (i = 0; i < res->npols; i++)
		res->pdecisions[i] = decide_over(res, res->pols[i]);
}

static void mark_bucket(jword *marks, const rule_bucket *b)
{
	size_t i;

	for (i = 0; b && i < b->n; i++)
		jurset_add(marks, (size_t)b->rules[i]);
}

/* Marks the rules that can apply to `s`: those filed under its data
 * class, kind, provider or tags, and those filed under none. A component
 * whose classes are unstated meets every rule: whether a data-scoped rule
 * applies to it is the unknown fact (unstated_data()). */
static void mark_candidates(evaluator *E, jword *marks, const subject *s)
{
	const policy *p = E->pol;
	const dep_component *c = s->comp;
	size_t i;

	if (!s->cls && c->data_unstated) {
		for (i = 0; i < p->nrules; i++)
			jurset_add(marks, i);
		return;
	}
	if (s->cls)
		mark_bucket(marks, policy_rules_for(p, DIM_DATA, s->cls->id));
	mark_bucket(marks, policy_rules_for(p, DIM_KIND, c->kind));
	mark_bucket(marks, policy_rules_for(p, DIM_PROVIDER,
		E->cat->providers[c->provider].id));
	for (i = 0; i < c->ntags; i++)
		mark_bucket(marks, policy_rules_for(p, DIM_TAG, c->tags[i]));
	mark_bucket(marks, &p->index.always);
}

static void count_not_applicable(evaluator *E, size_t n)
{
	E->res->counts[SOV_NOT_APPLICABLE] += n;
	E->res->pcounts[E->pol_index][SOV_NOT_APPLICABLE] += n;
}

/* Rule by rule, as before, so that findings keep their order; a pair
 * whose rule is not among the subject's candidates is not-applicable
 * (in_scope() would say so), counted without being evaluated. */
static int evaluate_policy(evaluator *E, const subject *subs, size_t nsubs)
{
	size_t words = jurset_words(E->pol->nrules + 1), i, k, skipped = 0;
	jword *marks = jurset_new(E->scratch, words * (nsubs + 1));
	jword *any;
	int rc = prepare_sets(E);

	if (!marks)
		return SOV_ENOMEM;
	any = marks + words * nsubs;
	for (k = 0; k < nsubs; k++) {
		mark_candidates(E, marks + words * k, &subs[k]);
		jurset_union(any, marks + words * k, words);
	}
	for (i = 0; i < E->pol->nrules && rc == SOV_OK; i++) {
		if (!jurset_has(any, i)) {
			skipped += nsubs;
			continue;
		}
		for (k = 0; k < nsubs && rc == SOV_OK; k++)
			if (!jurset_has(marks + words * k, i))
				skipped++;
			else
				rc = evaluate_pair(E, &E->pol->rules[i],
					&subs[k]);
	}
	count_not_applicable(E, skipped);
	return rc;
}

static int run(evaluator *E, const policy *const *pols, size_t npols)
{
	subject *subs;
	size_t nsubs, i;
	int rc = facets_derive(E->scratch, E->d, &subs, &nsubs);

	E->tmp = jurset_new(E->scratch, E->cat->words);
	if (!E->tmp || gather_waivers(E) != SOV_OK)
		return SOV_ENOMEM;
	for (i = 0; i < npols && rc == SOV_OK; i++) {
		E->pol = pols[i];
		E->pol_index = i;
		E->res->pols[i] = pols[i];
		rc = evaluate_policy(E, subs, nsubs);
	}
	return rc;
}

/* The result keeps the pinned readings, for its reports. */
static int copy_pins(result *res, const eval_params *p)
{
	size_t i;

	res->pins = arena_calloc(res->arena, p->npins + 1,
		sizeof(reading_pin));
	if (!res->pins)
		return SOV_ENOMEM;
	for (i = 0; i < p->npins; i++) {
		res->pins[i].id = arena_strdup(res->arena, p->pins[i].id);
		res->pins[i].value = arena_strdup(res->arena,
			p->pins[i].value);
		if (!res->pins[i].id || !res->pins[i].value)
			return SOV_ENOMEM;
	}
	res->npins = p->npins;
	return SOV_OK;
}

int eval_run(result **out, const policy *const *pols, size_t npols,
	const deployment *d, const eval_params *p)
{
	const sov_allocator *al = p->al;
	evaluator E;
	arena *a = arena_new(al);
	int rc;

	*out = NULL;
	memset(&E, 0, sizeof(E));
	E.scratch = arena_new(al);
	E.res = a ? arena_alloc(a, sizeof(result)) : NULL;
	rc = E.scratch && E.res ? SOV_OK : SOV_ENOMEM;
	if (rc == SOV_OK) {
		E.res->arena = a;
		E.res->d = d;
		E.res->npols = npols;
		E.res->pols = arena_calloc(a, npols + 1, sizeof(policy *));
		E.res->pcounts = arena_calloc(a, npols + 1, sizeof(size_t[6]));
		E.res->pdecisions = arena_calloc(a, npols + 1,
			sizeof(sov_decision));
		E.res->fail_on = p->fail_on;
		rc = copy_pins(E.res, p);
		dates_format(p->as_of, E.res->as_of);
		rc = rc == SOV_OK && E.res->pols && E.res->pcounts &&
		     E.res->pdecisions ? SOV_OK : SOV_ENOMEM;
	}
	E.d = d;
	E.cat = d->cat;
	E.day = p->as_of;
	E.detail = p->detail;
	E.p = p;
	if (rc == SOV_OK)
		rc = run(&E, pols, npols);
	if (rc == SOV_OK && p->baseline)
		drop_baselined(E.res, p->baseline);
	if (rc == SOV_OK && (E.oom || arena_failed(a) ||
			     arena_failed(E.scratch)))
		rc = SOV_ENOMEM;
	if (rc == SOV_OK) {
		settle_waivers(E.res, E.day);
		decide(E.res);
		*out = E.res;
		a = NULL; /* now owned by *out */
	} else if (E.res) {
		arena_mem_free(al, E.res->f);
	}
	arena_free(E.scratch);
	arena_free(a);
	return rc;
}

void eval_free(result *r)
{
	if (!r)
		return;
	arena_mem_free(arena_allocator(r->arena), r->f);
	arena_free(r->arena);
}
