/*
 * waivers.h - accepted exceptions to rules: those written in a deployment
 * and those kept apart in a waiver file, matched against findings the
 * same way.
 */
#ifndef SOV_WAIVERS_H
#define SOV_WAIVERS_H

#include <stddef.h>

#include "base/arena.h"
#include "catalog/catalog.h"
#include "load/xml_load.h"

/*
 * One waiver. The selectors `deployment` and `component` are ids or
 * patterns of ids ('*' any run of characters, '?' one); NULL selects
 * everything. `expires` is a day number: the waiver holds through the
 * end of that day (UTC).
 */
typedef struct {
	const char *rule, *policy, *deployment, *component, *data;
	const char *reason, *reference, *approver;
	const char *file;
	unsigned line;
	int expires;
} waiver;

struct sov_waivers {
	arena *arena;
	const char *file;
	waiver *w;
	char (*expires)[11];   /* each waiver's day, YYYY-MM-DD */
	size_t n;
};

typedef struct sov_waivers waivers;

/* Loads a waiver file (from `data` when not NULL, else from the file
 * `name`), validated against the built-in schema. */
int waivers_load(waivers **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags);
void waivers_free(waivers *ws);

/* Reads a <waiver> element (of a waiver file or a deployment) into w,
 * strings in `a`. SOV_EINPUT, reported at the element, for an expiry
 * that is not a calendar day. */
int waiver_read(waiver *w, arena *a, xml_doc *x, xmlNodePtr n,
	const char *file);

/* Does `pattern` match all of `s`? '*' any run, '?' one character. */
int waiver_glob(const char *pattern, const char *s);

/* Does the waiver cover this finding? `data` may be NULL. */
int waiver_covers(const waiver *w, const char *policy, const char *rule,
	const char *component, const char *data);

#endif
