/*
 * pattern.h - PCRE2 patterns compiled once, matched under limits.
 */
#ifndef SOV_PATTERN_H
#define SOV_PATTERN_H

#include "arena.h"

typedef struct pattern pattern;

/*
 * Compiles `src` (anchored nowhere, UTF-8) with the arena's allocator. On
 * error returns NULL and writes a message and the 0-based offset of the
 * problem; when memory ran out it also marks the arena failed, so the
 * owner reports SOV_ENOMEM rather than a bad pattern.
 */
pattern *pattern_compile(arena *a, const char *src, char *err,
	size_t errlen, size_t *offset);
/* 1 = match, 0 = no match, -1 = limit reached or other failure (out of
 * memory included). Allocates through the arena's allocator. */
int pattern_match(const pattern *p, const char *subject);

#endif
