/*
 * idindex.h - id -> index maps (open addressing, FNV-1a), so that loading
 * a document with n ids costs n look-ups, not n squared.
 */
#ifndef SOV_IDINDEX_H
#define SOV_IDINDEX_H

#include <stddef.h>

#include "arena.h"

typedef struct {
	const char **keys;
	int *vals;
	size_t cap, n;
} idindex;

/* Room for `expected` ids without growing. Returns SOV_OK or SOV_ENOMEM. */
int idindex_init(idindex *m, arena *a, size_t expected);
/* The index stored for `key`, or -1. */
int idindex_get(const idindex *m, const char *key);
/* Stores key -> val unless present: returns the earlier index, or -1. The
 * key is borrowed: it must outlive the map. */
int idindex_put(idindex *m, const char *key, int val);

#endif
