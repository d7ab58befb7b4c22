/*
 * worldmap.h - report: the country shapes of the HTML report's map, read
 * in place from policies/map/countries.tsv as built into the library.
 * Nothing is allocated: every pointer points into the embedded bytes,
 * which live as long as the program.
 */
#ifndef SOV_WORLDMAP_H
#define SOV_WORLDMAP_H

#include <stddef.h>

/* One line of countries.tsv. Strings are not NUL-terminated: use the
 * lengths. */
typedef struct {
	const char *code;       /* ISO 3166-1 alpha-2 */
	size_t code_len;
	const char *name;
	size_t name_len;
	const char *path;       /* SVG path data, or NULL for a dot */
	size_t path_len;
	double x, y;            /* the dot, when path is NULL */
} map_shape;

/* Fills *out with the next shape after *cursor (start with *cursor =
 * NULL); returns 1 for a shape and 0 at the end. Lines that are not
 * shapes (comments, malformed lines) are skipped. */
int worldmap_next(const char **cursor, map_shape *out);

/* Fills *out with the shape of `code` (e.g. "FR"); returns 1 when there
 * is one, 0 (and *out zeroed) when there is none. */
int worldmap_find(const char *code, map_shape *out);

/* The SVG viewBox the coordinates are drawn in: "0 0 960 500". */
const char *worldmap_viewbox(void);

#endif
