/*
 * idindex.c - see idindex.h. The table never grows: it is sized for the
 * number of ids the document declares, counted before loading.
 */
#include "idindex.h"

#include <stdint.h>
#include <string.h>

#include "sovereign.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

int idindex_init(idindex *m, arena *a, size_t expected)
{
	size_t cap = 16;

	while (cap < expected * 2 + 1)
		cap *= 2;
	m->keys = arena_calloc(a, cap, sizeof(char *));
	m->vals = arena_calloc(a, cap, sizeof(int));
	m->cap = cap;
	m->n = 0;
	return m->keys && m->vals ? SOV_OK : SOV_ENOMEM;
}

static size_t slot(const idindex *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int idindex_get(const idindex *m, const char *key)
{
	size_t i;

	if (!m->keys || !key)
		return -1;
	i = slot(m, key);
	return m->keys[i] ? m->vals[i] : -1;
}

int idindex_put(idindex *m, const char *key, int val)
{
	size_t i;

	if (!m->keys || !key || m->n * 2 + 2 > m->cap)
		return -1;
	i = slot(m, key);
	if (m->keys[i])
		return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return -1;
}
