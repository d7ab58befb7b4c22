/*
 * worldmap.c - report: reads the embedded countries.tsv in place, one
 * shape per line, for the HTML report's map.
 *
 * Input: the bytes of policies/map/countries.tsv (load/embedded.h).
 * Output: map_shape records pointing into those bytes; nothing is
 * allocated and nothing is copied, so any number of threads may read.
 */
#include "worldmap.h"

#include <string.h>

#include "load/embedded.h"

#define MAP_FILE "countries.tsv"
#define MAP_FIELDS 4

typedef struct {
	const char *p;
	size_t n;
} span;

static const embedded_file *map_file(void)
{
	return embedded_find(embedded_map, embedded_map_count, MAP_FILE);
}

static int span_is(span s, const char *word)
{
	return s.n == strlen(word) && memcmp(s.p, word, s.n) == 0;
}

/* line -> field TAB field TAB field TAB field; each field non-empty */
static int split_fields(const char *p, const char *end, span f[])
{
	size_t i;

	for (i = 0; i < MAP_FIELDS; i++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *stop = tab ? tab : end;

		f[i].p = p;
		f[i].n = (size_t)(stop - p);
		if (f[i].n == 0 || (!tab) != (i == MAP_FIELDS - 1))
			return -1;
		p = stop + 1;
	}
	return 0;
}

/* decimal -> ['-'] digit+ ['.' digit+]; by hand, so that no locale's
 * decimal separator can change what the file means. */
static const char *parse_decimal(const char *p, const char *end,
	double *out)
{
	double v = 0, scale = 1;
	int neg = p < end && *p == '-', digits = 0;

	for (p += neg; p < end && *p >= '0' && *p <= '9'; p++, digits++)
		v = v * 10 + (*p - '0');
	if (p < end && *p == '.') {
		const char *frac = ++p;

		for (; p < end && *p >= '0' && *p <= '9'; p++)
			v += (*p - '0') / (scale *= 10);
		if (p == frac)
			return NULL;
	}
	*out = neg ? -v : v;
	return digits ? p : NULL;
}

/* dot -> decimal ',' decimal */
static int parse_dot(span s, double *x, double *y)
{
	const char *end = s.p + s.n;
	const char *p = parse_decimal(s.p, end, x);

	if (!p || p == end || *p != ',')
		return -1;
	p = parse_decimal(p + 1, end, y);
	return p == end ? 0 : -1;
}

/* shape -> CODE TAB NAME TAB ("path" TAB svg-path | "dot" TAB X,Y) */
static int parse_shape(const char *p, const char *end, map_shape *out)
{
	span f[MAP_FIELDS];

	if (p == end || *p == '#' || split_fields(p, end, f))
		return -1;
	out->code = f[0].p;
	out->code_len = f[0].n;
	out->name = f[1].p;
	out->name_len = f[1].n;
	out->path = NULL;
	out->path_len = 0;
	out->x = out->y = 0;
	if (span_is(f[2], "path")) {
		out->path = f[3].p;
		out->path_len = f[3].n;
		return 0;
	}
	return span_is(f[2], "dot") ? parse_dot(f[3], &out->x, &out->y) : -1;
}

int worldmap_next(const char **cursor, map_shape *out)
{
	const embedded_file *file = map_file();
	const char *end, *p;

	if (!file)
		return 0;
	end = (const char *)file->data + file->size;
	p = *cursor ? *cursor : (const char *)file->data;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		int ok = parse_shape(p, eol, out) == 0;

		p = nl ? nl + 1 : end;
		if (ok) {
			*cursor = p;
			return 1;
		}
	}
	*cursor = end;
	return 0;
}

int worldmap_find(const char *code, map_shape *out)
{
	const char *cursor = NULL;
	size_t n = strlen(code);

	while (worldmap_next(&cursor, out))
		if (out->code_len == n && memcmp(out->code, code, n) == 0)
			return 1;
	memset(out, 0, sizeof *out);
	return 0;
}

const char *worldmap_viewbox(void)
{
	return "0 0 960 500";
}
