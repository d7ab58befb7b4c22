/*
 * include.h - <include href> for policy sets and catalogs: relative to
 * the including file, confined to the directory tree of the first file,
 * no URLs, no absolute paths, no cycles, bounded depth; a file reached
 * twice by different paths is read once.
 */
#ifndef SOV_INCLUDE_H
#define SOV_INCLUDE_H

#include "xml_load.h"

#define MAX_INCLUDE_DEPTH 16

typedef struct {
	arena *a;
	char *root_dir;
	const char *stack[MAX_INCLUDE_DEPTH + 1];
	size_t depth;
	const char **loaded;
	size_t nloaded;
	int errors;
} include_state;

/* Starts from the top file; *real receives its real path. */
int include_begin(include_state *st, arena *a, const char *top,
	char **real);

/*
 * Resolves the <include> element `n` of `x` (whose real path is
 * `real_including`, NULL when it was not read from a file). On success
 * *path is the path to open and *real its real path, or *path is NULL
 * when the file was already read. Errors are reported at `n`.
 */
int include_resolve(include_state *st, xml_doc *x, xmlNodePtr n,
	const char *real_including, char **path, char **real);

/* Brackets the reading of a file, for cycle detection. */
int include_enter(include_state *st, const char *real);
void include_leave(include_state *st);

#endif
