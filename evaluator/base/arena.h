/*
 * arena.h - region allocation. Every document and compiled policy owns one
 * arena; all of its nodes, strings and sets live there and go at once.
 * This file is the only door to the allocator.
 */
#ifndef SOV_ARENA_H
#define SOV_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include "sovereign.h"

typedef struct arena arena;
typedef void (*arena_cleanup_fn)(void *ptr);

/* Raw allocation through an optional allocator (NULL = the C library). */
void *arena_mem_alloc(const sov_allocator *al, size_t size);
void *arena_mem_realloc(const sov_allocator *al, void *ptr, size_t size);
void arena_mem_free(const sov_allocator *al, void *ptr);

arena *arena_new(const sov_allocator *al);
void arena_free(arena *a);
const sov_allocator *arena_allocator(const arena *a);

/* Zeroed memory; NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
void *arena_calloc(arena *a, size_t n, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);

/*
 * Has any allocation from `a` failed? Loaders store optional strings
 * without checking each one, then check this once: SQLite's mallocFailed.
 */
int arena_failed(const arena *a);
/* Records an allocation that failed outside the arena (a library's own
 * allocation through the arena's allocator). */
void arena_set_failed(arena *a);

/* Runs fn(ptr) when the arena is freed; fails only on OOM. */
int arena_on_free(arena *a, arena_cleanup_fn fn, void *ptr);

#endif
