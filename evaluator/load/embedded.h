/*
 * embedded.h - files built into the library at compile time: the XSD
 * schemas, the shipped catalog and the world map's country shapes
 * (policies/map/countries.tsv), so that nothing depends on where the
 * program is installed.
 */
#ifndef SOV_EMBEDDED_H
#define SOV_EMBEDDED_H

#include <stddef.h>

typedef struct {
	const char *name;
	const unsigned char *data;
	size_t size;
} embedded_file;

extern const embedded_file embedded_schemas[];
extern const size_t embedded_schemas_count;
extern const embedded_file embedded_catalog[];
extern const size_t embedded_catalog_count;
/* One file, countries.tsv; report/worldmap.c reads it. */
extern const embedded_file embedded_map[];
extern const size_t embedded_map_count;

/* The embedded file called `name` in `set`, or NULL. */
const embedded_file *embedded_find(const embedded_file *set, size_t n,
	const char *name);

#endif
