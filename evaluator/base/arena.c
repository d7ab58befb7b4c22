/*
 * arena.c - chunked bump allocator with a cleanup list, and the one place
 * in the library that calls malloc/realloc/free.
 */
#include "arena.h"
#include "format.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN 8192
#define ALIGN 16

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	unsigned char data[];
} chunk;

typedef struct cleanup {
	struct cleanup *next;
	arena_cleanup_fn fn;
	void *ptr;
} cleanup;

struct arena {
	sov_allocator al;
	int has_al;
	chunk *head;
	cleanup *cleanups;
	int failed;    /* an allocation failed: the owner's work is void */
};

void *arena_mem_alloc(const sov_allocator *al, size_t size)
{
	if (al && al->malloc_fn)
		return al->malloc_fn(size, al->ud);
	return malloc(size);
}

void *arena_mem_realloc(const sov_allocator *al, void *ptr, size_t size)
{
	if (al && al->realloc_fn)
		return al->realloc_fn(ptr, size, al->ud);
	return realloc(ptr, size);
}

void arena_mem_free(const sov_allocator *al, void *ptr)
{
	if (!ptr)
		return;
	if (al && al->free_fn)
		al->free_fn(ptr, al->ud);
	else
		free(ptr);
}

arena *arena_new(const sov_allocator *al)
{
	arena *a = arena_mem_alloc(al, sizeof(*a));

	if (!a)
		return NULL;
	memset(a, 0, sizeof(*a));
	if (al) {
		a->al = *al;
		a->has_al = 1;
	}
	return a;
}

const sov_allocator *arena_allocator(const arena *a)
{
	return a->has_al ? &a->al : NULL;
}

void arena_free(arena *a)
{
	const sov_allocator *al;

	if (!a)
		return;
	al = arena_allocator(a);
	while (a->cleanups) {
		cleanup *c = a->cleanups;

		a->cleanups = c->next;
		c->fn(c->ptr);
	}
	while (a->head) {
		chunk *c = a->head;

		a->head = c->next;
		arena_mem_free(al, c);
	}
	{
		sov_allocator copy = a->al;
		int has = a->has_al;

		arena_mem_free(has ? &copy : NULL, a);
	}
}

static chunk *chunk_new(arena *a, size_t need)
{
	size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
	chunk *c;

	if (size > SIZE_MAX - sizeof(chunk))
		return NULL;
	c = arena_mem_alloc(arena_allocator(a), sizeof(chunk) + size);
	if (!c)
		return NULL;
	c->used = 0;
	c->size = size;
	c->next = a->head;
	a->head = c;
	return c;
}

void *arena_alloc(arena *a, size_t size)
{
	chunk *c = a->head;
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void *p;

	if (need < size) {
		a->failed = 1;
		return NULL;
	}
	if (!c || c->size - c->used < need) {
		c = chunk_new(a, need);
		if (!c) {
			a->failed = 1;
			return NULL;
		}
	}
	p = c->data + c->used;
	c->used += need;
	memset(p, 0, size);
	return p;
}

void *arena_calloc(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		a->failed = 1;
		return NULL;
	}
	return arena_alloc(a, n * size > 0 ? n * size : 1);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	char first[256];
	va_list copy;
	int n;
	char *p;

	/* Short texts are written once, into `first`, and copied. */
	va_copy(copy, ap);
	n = format_v(first, sizeof(first), fmt, copy);
	va_end(copy);
	if (n < 0) {
		a->failed = 1;
		return NULL;
	}
	if ((size_t)n < sizeof(first))
		return arena_strndup(a, first, (size_t)n);
	p = arena_alloc(a, (size_t)n + 1);
	if (p)
		format_v(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

int arena_failed(const arena *a)
{
	return a->failed;
}

void arena_set_failed(arena *a)
{
	a->failed = 1;
}

int arena_on_free(arena *a, arena_cleanup_fn fn, void *ptr)
{
	cleanup *c = arena_alloc(a, sizeof(*c));

	if (!c)
		return -1;
	c->fn = fn;
	c->ptr = ptr;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}
