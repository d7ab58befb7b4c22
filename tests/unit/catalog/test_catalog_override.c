/*
 * Unit tests for catalog.c: a user file that overrides built-in facts is
 * recorded for the reports' header, and a region paired with itself is
 * refused. Input: user catalog files written to a temporary folder.
 * Output: the catalog's override notes, or the diagnostics.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"

#define OPEN "<catalog xmlns=\"urn:sovereign:catalog:1\">\n"

static char dir[64];

/* Writes `xml` to dir/name; returns the path (static, one at a time per
 * slot). */
static const char *write_file(int slot, const char *name, const char *xml)
{
	static char paths[2][128];
	FILE *fp;

	snprintf(paths[slot], sizeof(paths[slot]), "%s/%s", dir, name);
	fp = fopen(paths[slot], "w");
	assert_non_null(fp);
	assert_int_equal(fputs(xml, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return paths[slot];
}

/* Loads the built-in catalog and the given files; fails on error. */
static catalog *load(const char *const *paths, size_t n)
{
	sov_catalog *c = NULL;
	sov_diags *d = NULL;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_catalog_load(&c, paths, n, NULL, d), SOV_OK);
	sov_diags_free(d);
	return c;
}

static void expect_changes(const catalog *c, size_t i, const char *kind,
	const char *id, unsigned line, const char *const *changes,
	size_t n)
{
	const cat_override *o = &c->overrides[i];
	size_t k;

	assert_true(i < c->noverrides);
	assert_string_equal(o->kind, kind);
	assert_string_equal(o->id, id);
	assert_int_equal(o->line, line);
	assert_non_null(strstr(o->file, dir));
	assert_int_equal(o->nchanges, n);
	for (k = 0; k < n; k++)
		assert_string_equal(o->changes[k], changes[k]);
}

static void provider_facts(void **state)
{
	static const char *const expected[] = {
		"entity iliad (built-in: scaleway)",
		"region fr-par: pair nl-ams (built-in: none)",
		"region nl-ams: country US (built-in: NL)",
		"region nl-ams: restricted true (built-in: false)",
		"region pl-waw removed",
		"region de-fra added",
		"scope global: all-regions false (built-in: true)",
		"scope global: region fr-par added",
	};
	const char *path = write_file(0, "provider.xml", OPEN
		"  <provider id=\"scaleway\" name=\"Scaleway\" "
		"entity=\"iliad\"\n"
		"            override=\"true\">\n"
		"    <region id=\"fr-par\" country=\"FR\" pair=\"nl-ams\"/>\n"
		"    <region id=\"nl-ams\" country=\"US\" pair=\"none\" "
		"restricted=\"1\"/>\n"
		"    <region id=\"de-fra\" country=\"DE\" pair=\"none\"/>\n"
		"    <scope id=\"global\"><region ref=\"fr-par\"/></scope>\n"
		"  </provider>\n</catalog>\n");
	catalog *c = load(&path, 1);

	(void)state;
	assert_int_equal(c->noverrides, 1);
	expect_changes(c, 0, "provider", "scaleway", 2, expected,
		sizeof(expected) / sizeof(expected[0]));
	sov_catalog_free(c);
}

static void other_kinds(void **state)
{
	static const char *const entity[] = {
		"seat US (built-in: FR)",
		"parent not stated (built-in: iliad)",
		"exposure US-CLOUD-ACT added",
		"certification iso-27001 added",
	};
	static const char *const group[] = {
		"member IS: until 2030-01-01 (built-in: not stated)",
		"member NO removed",
		"member CH added",
	};
	static const char *const law[] = {
		"reach declared (built-in: seat-chain)",
	};
	const char *path = write_file(0, "kinds.xml", OPEN
		"  <jurisdiction code=\"IS\" name=\"Isle\" "
		"override=\"true\"/>\n"
		"  <group id=\"EEA\" override=\"true\">\n"
		"    <member ref=\"EU\"/>"
		"<member ref=\"IS\" until=\"2030-01-01\"/>\n"
		"    <member ref=\"LI\"/><member ref=\"CH\"/>\n"
		"  </group>\n"
		"  <law id=\"US-CLOUD-ACT\" jurisdiction=\"US\" title=\"T\" "
		"reach=\"declared\" override=\"true\"/>\n"
		"  <entity id=\"scaleway\" name=\"Scaleway SAS\" seat=\"US\" "
		"override=\"true\">\n"
		"    <exposure law=\"US-CLOUD-ACT\"/>\n"
		"    <certification id=\"iso-27001\"/>\n"
		"  </entity>\n</catalog>\n");
	catalog *c = load(&path, 1);

	(void)state;
	/* A jurisdiction's name is not a fact the rules use. */
	assert_int_equal(c->noverrides, 3);
	expect_changes(c, 0, "group", "EEA", 3, group, 3);
	expect_changes(c, 1, "law", "US-CLOUD-ACT", 7, law, 1);
	expect_changes(c, 2, "entity", "scaleway", 8, entity, 4);
	sov_catalog_free(c);
}

/* The same facts written another way, an override of a user file's own
 * definition, and no user file at all: nothing is noted. */
static void nothing_to_note(void **state)
{
	const char *paths[2];
	catalog *c;

	(void)state;
	c = load(NULL, 0);
	assert_int_equal(c->noverrides, 0);
	sov_catalog_free(c);
	paths[0] = write_file(0, "same.xml", OPEN
		"  <entity seat=\"FR\" name=\"Another name\" id=\"scaleway\" "
		"parent=\"iliad\" override=\"1\"/>\n"
		"  <law id=\"US-CLOUD-ACT\" jurisdiction=\"US\" title=\"T\" "
		"override=\"true\"/>\n"
		"  <entity id=\"acme\" name=\"Acme\" seat=\"DE\"/>\n"
		"</catalog>\n");
	paths[1] = write_file(1, "acme.xml", OPEN
		"  <entity id=\"acme\" name=\"Acme\" seat=\"US\" "
		"override=\"true\"/>\n</catalog>\n");
	c = load(paths, 2);
	assert_int_equal(c->noverrides, 0);
	sov_catalog_free(c);
}

/* Two files override the same provider: the one in force is noted,
 * against the built-in facts. */
static void last_override_counts(void **state)
{
	static const char *const expected[] = {
		"region nl-ams: country BE (built-in: NL)",
	};
	const char *paths[2];
	catalog *c;

	(void)state;
	paths[0] = write_file(0, "first.xml", OPEN
		"  <entity id=\"scaleway\" name=\"S\" seat=\"US\" "
		"override=\"true\"/>\n"
		"  <provider id=\"scaleway\" name=\"S\" entity=\"scaleway\" "
		"override=\"true\">\n"
		"    <region id=\"nl-ams\" country=\"US\"/>\n"
		"  </provider>\n</catalog>\n");
	paths[1] = write_file(1, "second.xml", OPEN "\n\n"
		"  <provider id=\"scaleway\" name=\"S\" entity=\"scaleway\" "
		"override=\"true\">\n"
		"    <region id=\"fr-par\" country=\"FR\" pair=\"none\"/>\n"
		"    <region id=\"nl-ams\" country=\"BE\" pair=\"none\"/>\n"
		"    <region id=\"pl-waw\" country=\"PL\" pair=\"none\"/>\n"
		"    <scope id=\"global\" all-regions=\"true\"/>\n"
		"  </provider>\n</catalog>\n");
	c = load(paths, 2);
	assert_int_equal(c->noverrides, 2);
	assert_string_equal(c->overrides[0].kind, "entity");
	assert_non_null(strstr(c->overrides[0].file, "first.xml"));
	expect_changes(c, 1, "provider", "scaleway", 4, expected, 1);
	assert_non_null(strstr(c->overrides[1].file, "second.xml"));
	sov_catalog_free(c);
}

/* Replaces the first `from` after `at` in `text` by `to`; the result is
 * malloc'ed. */
static char *replaced(const char *text, const char *at, const char *from,
	const char *to)
{
	const char *p = strstr(strstr(text, at), from);
	size_t head = (size_t)(p - text), n = strlen(text);
	char *out = malloc(n - strlen(from) + strlen(to) + 1);

	assert_non_null(out);
	memcpy(out, text, head);
	strcpy(out + head, to);
	strcat(out, p + strlen(from));
	return out;
}

/* A residency entry is known by its kind and service: a changed
 * commitment and a place no longer listed are facts the report notes; a
 * changed note is words, and is not. */
static void residency_facts(void **state)
{
	static const char *const expected[] = {
		"residency ai-inference service vertex-ai-generative-ai: "
			"processing committed (built-in: not-committed)",
		"residency ai-training service vertex-ai-generative-ai: "
			"region me-west1 removed",
		"residency ai-training service vertex-ai-generative-ai: "
			"scope global added",
	};
	size_t n;
	char *file = test_slurp(SOV_SOURCE_DIR "/policies/catalog/gcp.xml",
		&n);
	const char *start = strstr(file, "  <provider id=\"gcp\"");
	const char *end = strstr(file, "</provider>");
	char *provider, *a, *b, *c2, *d, *e;
	const char *path;
	catalog *c;

	(void)state;
	assert_non_null(start);
	assert_non_null(end);
	n = (size_t)(end - start) + strlen("</provider>");
	provider = malloc(n + 1);
	assert_non_null(provider);
	memcpy(provider, start, n);
	provider[n] = '\0';
	a = replaced(provider, "<provider", " entity=\"google\"",
		" entity=\"google\" override=\"true\"");
	b = replaced(a, "kind=\"ai-inference\"",
		"processing=\"not-committed\"", "processing=\"committed\"");
	c2 = replaced(b, "kind=\"ai-inference\"", "note=\"",
		"note=\"Reworded: ");
	d = replaced(c2, "kind=\"ai-training\"",
		"<region ref=\"me-west1\"/>", "<scope ref=\"global\"/>");
	e = malloc(strlen(OPEN) + strlen(d) + 16);
	assert_non_null(e);
	strcpy(e, OPEN);
	strcat(e, d);
	strcat(e, "\n</catalog>\n");
	path = write_file(0, "gcp.xml", e);
	c = load(&path, 1);
	assert_int_equal(c->noverrides, 1);
	expect_changes(c, 0, "provider", "gcp", 2, expected,
		sizeof(expected) / sizeof(expected[0]));
	sov_catalog_free(c);
	free(e);
	free(d);
	free(c2);
	free(b);
	free(a);
	free(provider);
	free(file);
}

/* Every allocation failure of a load that makes notes gives SOV_ENOMEM
 * and leaks nothing (the arenas take memory in large blocks, the notes'
 * text is built in a buffer of its own). */
static void notes_out_of_memory(void **state)
{
	const char *path = write_file(0, "oom.xml", OPEN
		"  <entity id=\"scaleway\" name=\"S\" seat=\"US\" "
		"override=\"true\"/>\n"
		"  <group id=\"EEA\" override=\"true\"><member ref=\"EU\"/>"
		"</group>\n</catalog>\n");
	failing f = { 0, -1, 0 };
	sov_allocator al = { f_malloc, f_realloc, f_free, &f };
	sov_options o = SOV_OPTIONS_INIT;
	sov_catalog *c = NULL;
	long total, n;

	(void)state;
	o.allocator = &al;
	assert_int_equal(sov_catalog_load(&c, &path, 1, &o, NULL), SOV_OK);
	assert_int_equal(((catalog *)c)->noverrides, 2);
	sov_catalog_free(c);
	assert_int_equal(f.live, 0);
	total = f.calls;
	for (n = 1; n <= total; n++) {
		f.calls = 0;
		f.fail_at = n;
		c = NULL;
		assert_int_equal(sov_catalog_load(&c, &path, 1, &o, NULL),
			SOV_ENOMEM);
		assert_null(c);
		assert_int_equal(f.live, 0);
	}
}

static void region_paired_with_itself(void **state)
{
	const char *path = write_file(0, "self.xml", OPEN
		"  <entity id=\"acme\" name=\"Acme\" seat=\"DE\"/>\n"
		"  <provider id=\"acme\" name=\"Acme\" entity=\"acme\">\n"
		"    <region id=\"fra1\" country=\"DE\" pair=\"fra1\"/>\n"
		"  </provider>\n</catalog>\n");
	sov_catalog *c = NULL;
	sov_diags *d = NULL;
	const sov_diag *g;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_catalog_load(&c, &path, 1, NULL, d),
		SOV_EINPUT);
	assert_null(c);
	assert_int_equal(sov_diags_count(d), 1);
	g = sov_diags_get(d, 0);
	assert_string_equal(g->message, "region 'fra1' is paired with itself");
	assert_string_equal(g->expected,
		"another region of this provider, or \"none\"");
	assert_int_equal(g->line, 4);
	assert_int_equal(g->column, 36);
	sov_diags_free(d);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/sov-override-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	static const char *const names[] = {
		"provider.xml", "kinds.xml", "same.xml", "acme.xml",
		"first.xml", "second.xml", "oom.xml", "self.xml", "gcp.xml",
	};
	char path[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		remove(path);
	}
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(provider_facts),
		cmocka_unit_test(other_kinds),
		cmocka_unit_test(nothing_to_note),
		cmocka_unit_test(last_override_counts),
		cmocka_unit_test(residency_facts),
		cmocka_unit_test(notes_out_of_memory),
		cmocka_unit_test(region_paired_with_itself),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
