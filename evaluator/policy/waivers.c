/*
 * waivers.c - loading waiver files and matching waivers to findings.
 * A waiver file is reviewed and approved apart from the deployments it
 * covers, so one file may select many deployments and components by
 * pattern; the evaluator reports which waivers applied, which expired
 * and which matched nothing.
 */
#include <string.h>

#include "base/diag.h"
#include "base/dates.h"
#include "waivers.h"
#include "load/xml_load.h"

int waiver_glob(const char *p, const char *s)
{
	/* Iterative with one backtrack point: linear in practice and never
	 * exponential, whatever the pattern. */
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '*') {
			star = p++;
			resume = s;
		} else if (*p == '?' || *p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static int selects(const char *selector, const char *id)
{
	if (!selector)
		return 1;
	return id && waiver_glob(selector, id);
}

int waiver_covers(const waiver *w, const char *policy, const char *rule,
	const char *component, const char *data)
{
	if (strcmp(w->rule, rule) != 0)
		return 0;
	if (w->policy && strcmp(w->policy, policy) != 0)
		return 0;
	if (w->data && (!data || strcmp(w->data, data) != 0))
		return 0;
	return selects(w->component, component);
}

int waiver_read(waiver *w, arena *a, xml_doc *x, xmlNodePtr n,
	const char *file)
{
	w->rule = arena_strdup(a, xml_prop(n, "rule"));
	w->policy = arena_strdup(a, xml_prop(n, "policy"));
	w->deployment = arena_strdup(a, xml_prop(n, "deployment"));
	w->component = arena_strdup(a, xml_prop(n, "component"));
	w->data = arena_strdup(a, xml_prop(n, "data"));
	w->reference = arena_strdup(a, xml_prop(n, "reference"));
	w->approver = arena_strdup(a, xml_prop(n, "approver"));
	w->reason = xml_text(a, n);
	w->file = file;
	w->line = xml_start_line(x, n);
	/* The schema admits only YYYY-MM-DD; a day that does not exist
	 * (2026-02-30) passes xs:date in some libxml2 versions. */
	if (dates_parse(xml_prop(n, "expires"), &w->expires) != 0)
		return xml_error(x, n, "expires", "a date YYYY-MM-DD",
			"waiver expiry '%s' is not a calendar day",
			xml_prop(n, "expires")), SOV_EINPUT;
	return w->rule && w->reason ? SOV_OK : SOV_ENOMEM;
}

static int from_document(waivers *ws, xml_doc *x)
{
	xmlNodePtr e;
	size_t count = 0;
	int rc = SOV_OK;

	for (e = xml_first(x->root); e; e = xml_next(e))
		count += xml_is(e, "waiver");
	ws->w = arena_calloc(ws->arena, count + 1, sizeof(waiver));
	ws->expires = arena_calloc(ws->arena, count + 1, sizeof(char[11]));
	if (!ws->w || !ws->expires)
		return SOV_ENOMEM;
	for (e = xml_first(x->root); e && rc == SOV_OK; e = xml_next(e))
		if (xml_is(e, "waiver")) {
			rc = waiver_read(&ws->w[ws->n], ws->arena, x, e,
				ws->file);
			dates_format(ws->w[ws->n].expires,
				ws->expires[ws->n]);
			ws->n++;
		}
	if (rc == SOV_OK && arena_failed(ws->arena))
		rc = SOV_ENOMEM;
	return rc;
}

int waivers_load(waivers **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags)
{
	const sov_allocator *al = opts ? opts->allocator : NULL;
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		     XML_DEFAULT_MAX_INPUT;
	arena *tmp = arena_new(al), *a = arena_new(al);
	waivers *ws = a ? arena_alloc(a, sizeof(*ws)) : NULL;
	xml_doc x;
	int rc = tmp && ws ? SOV_OK : SOV_ENOMEM;

	*out = NULL;
	if (rc == SOV_OK && data)
		rc = xml_parse(&x, tmp, &cat->schemas, name, data, len, max,
			DOC_WAIVERS, diags);
	else if (rc == SOV_OK)
		rc = xml_parse_file(&x, tmp, &cat->schemas, name, max,
			DOC_WAIVERS, diags);
	if (rc == SOV_OK) {
		ws->arena = a;
		ws->file = arena_strdup(a, name);
		rc = ws->file ? from_document(ws, &x) : SOV_ENOMEM;
	}
	arena_free(tmp);
	if (rc != SOV_OK) {
		arena_free(a);
		return rc;
	}
	*out = ws;
	return SOV_OK;
}

void waivers_free(waivers *ws)
{
	if (ws)
		arena_free(ws->arena);
}
