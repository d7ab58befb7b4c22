/* Unit tests for worldmap.c: the embedded country shapes cover the
 * shipped catalog, and the reader walks them cleanly. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "load/embedded.h"
#include "report/worldmap.h"

/* Countries of the catalog that the map leaves out, each because Natural
 * Earth carries it at no scale as a feature of its own. */
static const struct {
	const char *code, *why;
} not_on_map[] = {
	{ "BV", "Bouvet Island: only inside Norway's feature, at 1:10m" },
};

#define NOT_ON_MAP (sizeof not_on_map / sizeof not_on_map[0])
#define MAX_SHAPES 400

static int excepted(const char *code)
{
	size_t i;

	for (i = 0; i < NOT_ON_MAP; i++)
		if (strcmp(not_on_map[i].code, code) == 0)
			return 1;
	return 0;
}

/* ISO 3166-1 alpha-2: two capital letters. */
static int is_country_code(const char *code)
{
	return strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' &&
		code[1] >= 'A' && code[1] <= 'Z';
}

/* The country a jurisdiction is in: itself, or a subdivision's country. */
static const char *country_of(const catalog *c, size_t i)
{
	int country = c->jur[i].country;

	return country >= 0 ? c->jur[country].code : c->jur[i].code;
}

static void every_catalog_country_is_on_the_map(void **state)
{
	catalog *c = test_catalog();
	map_shape s;
	size_t i, checked = 0;

	(void)state;
	for (i = 0; i < c->njur; i++) {
		const char *code = country_of(c, i);

		assert_true(is_country_code(code));
		if (excepted(code))
			continue;
		if (!worldmap_find(code, &s))
			fail_msg("%s (for %s): neither a shape nor a dot",
				code, c->jur[i].code);
		checked++;
	}
	assert_true(checked > 240);
	sov_catalog_free(c);
}

/* The map names a country as the catalog does, so that the report's
 * map and its tables agree. */
static void names_match_the_catalog(void **state)
{
	catalog *c = test_catalog();
	const char *cursor = NULL;
	map_shape s;

	(void)state;
	while (worldmap_next(&cursor, &s)) {
		char code[3] = { s.code[0], s.code[1], 0 };
		int j = catalog_jurisdiction(c, code);
		const char *name = j >= 0 ? c->jur[j].name : "";

		if (j < 0 || strlen(name) != s.name_len ||
		    memcmp(name, s.name, s.name_len) != 0)
			fail_msg("%s: '%.*s' on the map, '%s' in the catalog",
				code, (int)s.name_len, s.name, name);
	}
	sov_catalog_free(c);
}

/* An exception that the map has after all, or that the catalog does not
 * know, must leave the list. */
static void exceptions_are_real(void **state)
{
	catalog *c = test_catalog();
	map_shape s;
	size_t i;

	(void)state;
	for (i = 0; i < NOT_ON_MAP; i++) {
		const char *code = not_on_map[i].code;

		if (worldmap_find(code, &s))
			fail_msg("%s is on the map now, drop \"%s\"", code,
				not_on_map[i].why);
		if (catalog_jurisdiction(c, code) < 0)
			fail_msg("%s is not in the catalog", code);
	}
	sov_catalog_free(c);
}

/* Only what SVG path data needs, so that it can stand in an attribute. */
static int path_chars_ok(const map_shape *s)
{
	size_t i;

	for (i = 0; i < s->path_len; i++)
		if (!strchr("Mlz0123456789.- ", s->path[i]) || !s->path[i])
			return 0;
	return s->path_len > 1 && s->path[0] == 'M' &&
		s->path[s->path_len - 1] == 'z';
}

static void viewbox(double box[4])
{
	assert_int_equal(sscanf(worldmap_viewbox(), "%lf %lf %lf %lf",
		&box[0], &box[1], &box[2], &box[3]), 4);
	assert_true(box[2] > 0 && box[3] > 0);
}

static int dot_inside(const map_shape *s, const double box[4])
{
	const double slack = 0.05;

	return s->x >= box[0] - slack && s->x <= box[0] + box[2] + slack &&
		s->y >= box[1] - slack && s->y <= box[1] + box[3] + slack;
}

static int inside(double x, double y, const double box[4])
{
	return dot_inside(&(map_shape){ .x = x, .y = y }, box);
}

/* Adds the next number of the path to *v; 0 when there is none. */
static int add_number(char **p, double *v)
{
	char *start = *p;

	*v += strtod(start, p);
	return *p != start;
}

/* Walks "Mx y l dx dy ... z" rings: every point must lie inside the
 * viewBox, which also shows that the relative steps add up as written. */
static int path_inside(const map_shape *s, const double box[4])
{
	static char text[1 << 16];
	char *p = text;

	assert_true(s->path_len < sizeof text);
	memcpy(text, s->path, s->path_len);
	text[s->path_len] = 0;
	while (*p == 'M') {
		double x = 0, y = 0;

		p++;
		if (!add_number(&p, &x) || !add_number(&p, &y) ||
		    !inside(x, y, box))
			return 0;
		for (p += *p == 'l'; *p && *p != 'z';)
			if (!add_number(&p, &x) || !add_number(&p, &y) ||
			    !inside(x, y, box))
				return 0;
		p += *p == 'z';
	}
	return *p == 0;
}

static void check_shape(const map_shape *s, const double box[4])
{
	char code[3] = { 0 };

	memcpy(code, s->code, s->code_len < 2 ? s->code_len : 2);
	if (s->code_len != 2 || !is_country_code(code))
		fail_msg("bad code '%.*s'", (int)s->code_len, s->code);
	if (s->name_len == 0 || memchr(s->name, '\r', s->name_len))
		fail_msg("%s: bad name", code);
	if (s->path && !path_chars_ok(s))
		fail_msg("%s: empty or odd path data", code);
	if (s->path && !path_inside(s, box))
		fail_msg("%s: path leaves the viewBox", code);
	if (!s->path && !dot_inside(s, box))
		fail_msg("%s: dot %g,%g outside the viewBox", code, s->x,
			s->y);
}

static void shapes_are_well_formed_and_unique(void **state)
{
	static unsigned char seen[26 * 26];
	const char *cursor = NULL;
	double box[4];
	map_shape s;
	size_t paths = 0, dots = 0;

	(void)state;
	viewbox(box);
	memset(seen, 0, sizeof seen);
	while (worldmap_next(&cursor, &s)) {
		size_t k;

		check_shape(&s, box);
		k = (size_t)(s.code[0] - 'A') * 26 + (size_t)(s.code[1] - 'A');
		if (seen[k]++)
			fail_msg("%.2s appears twice", s.code);
		if (s.path)
			paths++;
		else
			dots++;
	}
	assert_true(paths > 150);
	assert_true(dots > 0);
	assert_true(paths + dots < MAX_SHAPES);
}

static const embedded_file *map_bytes(void)
{
	const embedded_file *f = embedded_find(embedded_map,
		embedded_map_count, "countries.tsv");

	assert_non_null(f);
	return f;
}

/* Lines that are neither comments nor empty: each must be a shape, or
 * the reader skipped one it should have read. */
static size_t data_lines(const embedded_file *f)
{
	const char *p = (const char *)f->data;
	const char *end = p + f->size;
	size_t n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		n += eol > p && *p != '#';
		p = nl ? nl + 1 : end;
	}
	return n;
}

static void reader_stops_cleanly(void **state)
{
	const embedded_file *f = map_bytes();
	const char *cursor = NULL, *at_end;
	map_shape s;
	size_t n = 0;

	(void)state;
	while (worldmap_next(&cursor, &s))
		n++;
	assert_int_equal(n, data_lines(f));
	assert_ptr_equal(cursor, (const char *)f->data + f->size);
	at_end = cursor;
	assert_int_equal(worldmap_next(&cursor, &s), 0);
	assert_ptr_equal(cursor, at_end);
}

static void header_states_the_viewbox(void **state)
{
	const embedded_file *f = map_bytes();
	char line[64];

	(void)state;
	snprintf(line, sizeof line, "\n# viewBox: %s\n", worldmap_viewbox());
	assert_non_null(strstr((const char *)f->data, line));
}

static void find_shapes_and_dots(void **state)
{
	map_shape s;

	(void)state;
	assert_true(worldmap_find("FR", &s));
	assert_non_null(s.path);
	assert_int_equal(s.name_len, strlen("France"));
	assert_memory_equal(s.name, "France", s.name_len);
	assert_true(worldmap_find("MC", &s));
	assert_null(s.path);
	assert_true(s.x > 0 && s.y > 0);
	assert_false(worldmap_find("F", &s));
	assert_null(s.code);
	assert_false(worldmap_find("FRA", &s));
	assert_false(worldmap_find("XX", &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_catalog_country_is_on_the_map),
		cmocka_unit_test(exceptions_are_real),
		cmocka_unit_test(names_match_the_catalog),
		cmocka_unit_test(shapes_are_well_formed_and_unique),
		cmocka_unit_test(reader_stops_cleanly),
		cmocka_unit_test(header_states_the_viewbox),
		cmocka_unit_test(find_shapes_and_dots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
