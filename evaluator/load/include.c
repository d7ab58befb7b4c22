/*
 * include.c - resolving <include href> safely (see include.h).
 */
#define _DEFAULT_SOURCE
#include "include.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static char *dir_of(arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return arena_strdup(a, ".");
	if (slash == path)
		return arena_strdup(a, "/");
	return arena_strndup(a, path, (size_t)(slash - path));
}

static char *real_path(arena *a, const char *path)
{
	char buf[PATH_MAX];

	return realpath(path, buf) ? arena_strdup(a, buf) : NULL;
}

static int inside_root(const include_state *st, const char *real)
{
	size_t n = strlen(st->root_dir);

	if (strcmp(st->root_dir, "/") == 0)
		return 1;
	return strncmp(real, st->root_dir, n) == 0 && real[n] == '/';
}

static int listed(const char *const *list, size_t n, const char *real)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], real) == 0)
			return 1;
	return 0;
}

int include_begin(include_state *st, arena *a, const char *top, char **real)
{
	memset(st, 0, sizeof(*st));
	st->a = a;
	*real = real_path(a, top);
	st->root_dir = *real ? dir_of(a, *real) : NULL;
	return *real && st->root_dir ? SOV_OK : SOV_ENOMEM;
}

int include_enter(include_state *st, const char *real)
{
	const char **p;

	st->stack[st->depth++] = real;
	if (!real)
		return SOV_OK;
	p = arena_calloc(st->a, st->nloaded + 1, sizeof(char *));
	if (!p)
		return SOV_ENOMEM;
	if (st->nloaded)
		memcpy(p, st->loaded, st->nloaded * sizeof(char *));
	p[st->nloaded++] = real;
	st->loaded = p;
	return SOV_OK;
}

void include_leave(include_state *st)
{
	st->depth--;
}

static int refuse(include_state *st, xml_doc *x, xmlNodePtr n,
	const char *expected, const char *fmt, const char *href)
{
	xml_error(x, n, "href", expected, fmt, href);
	st->errors++;
	return SOV_EINPUT;
}

static int check_href(include_state *st, xml_doc *x, xmlNodePtr n,
	const char *href, const char *real_including)
{
	if (strstr(href, "://") || strncmp(href, "file:", 5) == 0)
		return refuse(st, x, n, "a relative file path",
			"include of a URL is not allowed: '%s'", href);
	if (!real_including || !st->root_dir)
		return refuse(st, x, n, "a document loaded from a file",
			"include '%s' needs a file to be relative to", href);
	if (href[0] == '/')
		return refuse(st, x, n, "a path relative to the including "
			"file", "absolute include path '%s'", href);
	return SOV_OK;
}

int include_resolve(include_state *st, xml_doc *x, xmlNodePtr n,
	const char *real_including, char **path, char **real)
{
	const char *href = xml_prop(n, "href");
	int rc = check_href(st, x, n, href, real_including);

	*path = *real = NULL;
	if (rc != SOV_OK)
		return rc;
	/* Named relative to the including file as the user named it, so
	 * messages show a path the user knows; checked by its real path. */
	*path = arena_printf(st->a, "%s/%s", dir_of(st->a, x->name), href);
	if (!*path)
		return SOV_ENOMEM;
	*real = real_path(st->a, *path);
	if (!*real)
		return refuse(st, x, n, "an existing file",
			"cannot resolve include '%s'", href);
	if (!inside_root(st, *real))
		return refuse(st, x, n, "a file inside the directory of the "
			"first file", "include '%s' leaves the directory of "
			"the first file", href);
	if (listed(st->stack, st->depth, *real))
		return refuse(st, x, n, "includes without cycles",
			"include cycle: '%s' is already being included", href);
	if (st->depth >= MAX_INCLUDE_DEPTH)
		return refuse(st, x, n, "at most 16 levels of include",
			"include '%s' is nested too deeply", href);
	if (listed(st->loaded, st->nloaded, *real))
		*path = NULL;   /* read once */
	return SOV_OK;
}
