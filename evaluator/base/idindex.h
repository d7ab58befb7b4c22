/*
 * idmap.h - id -> index maps (open addressing, FNV-1a), so that loading
 * a document with n ids costs n look-ups, not n squared.
 */
#ifndef SOV_IDMAP_H
#define SOV_IDMAP_H

#include <stddef.h>

#include "arena.h"

typedef struct {
	const char **keys;
	int *vals;
	size_t cap, n;
} idmap;

/* Room for `expected` ids without growing. Returns SOV_OK or SOV_ENOMEM. */
int idmap_init(idmap *m, arena *a, size_t expected);
/* The index stored for `key`, or -1. */
int idmap_get(const idmap *m, const char *key);
/* Stores key -> val unless present: returns the earlier index, or -1. The
 * key is borrowed: it must outlive the map. */
int idmap_put(idmap *m, const char *key, int val);

#endif
