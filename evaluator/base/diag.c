/*
 * diag.c - diagnostics list. Entries live in the list's own arena so that
 * messages outlive the documents they describe; the arena and the array
 * of entries both use the list's allocator.
 */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "arena.h"

struct sov_diags {
	arena *a;
	sov_diag *items;
	size_t n, cap;
};

int diags_create(sov_diags **out, const sov_allocator *al)
{
	arena *a = arena_new(al);
	sov_diags *d;

	*out = NULL;
	if (!a)
		return SOV_ENOMEM;
	d = arena_alloc(a, sizeof(*d));
	if (!d) {
		arena_free(a);
		return SOV_ENOMEM;
	}
	d->a = a;
	*out = d;
	return SOV_OK;
}

void diags_destroy(sov_diags *d)
{
	if (!d)
		return;
	arena_mem_free(arena_allocator(d->a), d->items);
	arena_free(d->a);
}

size_t diags_count(const sov_diags *d)
{
	return d ? d->n : 0;
}

const sov_diag *diags_get(const sov_diags *d, size_t i)
{
	return d && i < d->n ? &d->items[i] : NULL;
}

void diags_reset(sov_diags *d)
{
	if (d)
		d->n = 0;
}

static int diag_grow(sov_diags *d)
{
	size_t cap = d->cap ? d->cap * 2 : 16;
	sov_diag *p;

	p = arena_mem_realloc(arena_allocator(d->a), d->items,
		cap * sizeof(*p));
	if (!p)
		return SOV_ENOMEM;
	d->items = p;
	d->cap = cap;
	return SOV_OK;
}

int diag_add(sov_diags *d, sov_severity sev, const char *file,
	unsigned line, unsigned column, const char *expected,
	const char *fmt, ...)
{
	sov_diag *g;
	va_list ap;

	if (!d)
		return SOV_OK;
	if (d->n == d->cap && diag_grow(d) != SOV_OK)
		return SOV_ENOMEM;
	g = &d->items[d->n];
	g->severity = sev;
	g->file = arena_strdup(d->a, file ? file : "");
	g->line = line;
	g->column = column;
	g->expected = expected ? arena_strdup(d->a, expected) : NULL;
	va_start(ap, fmt);
	g->message = arena_vprintf(d->a, fmt, ap);
	va_end(ap);
	if (!g->file || !g->message)
		return SOV_ENOMEM;
	d->n++;
	return SOV_OK;
}

const char *diag_status_str(int status)
{
	switch (status) {
	case SOV_OK: return "success";
	case SOV_ERROR: return "internal error";
	case SOV_ENOMEM: return "out of memory";
	case SOV_EINPUT: return "invalid input document";
	case SOV_EIO: return "input/output error";
	case SOV_ELIMIT: return "input exceeds a configured limit";
	case SOV_EUSAGE: return "invalid argument";
	default: return "unknown status";
	}
}
