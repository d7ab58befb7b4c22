/* Unit tests for catalog.c: the built-in catalog and user extensions. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "base/dates.h"

#define CATALOG_OPEN "<catalog xmlns=\"urn:sovereign:catalog:1\">"

static int group_has(const catalog *c, const char *group, const char *code,
	const char *date)
{
	arena *a = arena_new(NULL);
	jword *s = jurset_new(a, c->words);
	int day, g = catalog_group(c, group);
	int j = catalog_jurisdiction(c, code);
	int has;

	assert_true(g >= 0 && j >= 0);
	assert_int_equal(dates_parse(date, &day), 0);
	catalog_expand_group(c, NULL, &c->groups[g], day, s, 0);
	has = jurset_has(s, (size_t)j);
	arena_free(a);
	return has;
}

static void builtin_regions_and_pairs(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *az = &c->providers[catalog_provider(c, "azure")];
	const cat_region *br = &az->regions[catalog_region(az, "brazilsouth")];
	const cat_region *pair = &az->regions[br->pair];

	(void)state;
	assert_string_equal(c->jur[br->jurisdiction].code, "BR");
	assert_string_equal(pair->id, "southcentralus");
	assert_string_equal(c->jur[c->jur[pair->jurisdiction].country].code,
		"US");
	assert_int_equal(az->regions[catalog_region(az, "italynorth")].pair,
		PAIR_NONE);
	assert_true(catalog_scope(az, "global") >= 0);
	assert_int_equal(az->scopes[catalog_scope(az, "global")].nregions,
		az->nregions);
	sov_catalog_free(c);
}

static void dated_membership(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	assert_true(group_has(c, "EU", "GB", "2019-12-31"));
	assert_true(group_has(c, "EU", "GB", "2020-01-31"));
	assert_false(group_has(c, "EU", "GB", "2020-02-01"));
	assert_false(group_has(c, "EU", "HR", "2013-06-30"));
	assert_true(group_has(c, "EU", "HR", "2013-07-01"));
	assert_true(group_has(c, "EEA", "NO", "2026-11-28"));
	assert_false(group_has(c, "EEA", "CH", "2026-11-28"));
	assert_true(group_has(c, "EU-ADEQUATE", "GB", "2026-11-28"));
	assert_false(group_has(c, "EU-ADEQUATE", "BR", "2025-12-31"));
	assert_true(group_has(c, "EU-ADEQUATE", "BR", "2026-01-26"));
	sov_catalog_free(c);
}

static void subdivisions_belong_to_country(void **state)
{
	catalog *c = test_catalog();
	int us = catalog_jurisdiction(c, "US");
	int tx = catalog_jurisdiction(c, "US-TX");
	arena *a = arena_new(NULL);
	jword *s = jurset_new(a, c->words);

	(void)state;
	assert_true(us >= 0 && tx >= 0);
	assert_int_equal(c->jur[tx].country, us);
	catalog_add_jurisdiction(c, s, us);
	assert_true(jurset_has(s, (size_t)tx));
	assert_true(group_has(c, "FIVE-EYES", "US-VA", "2026-11-28"));
	arena_free(a);
	sov_catalog_free(c);
}

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/sov-catalog-XXXXXX");
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static int load_extra(const char *text, sov_catalog **out, sov_diags *d)
{
	char *path = write_temp(text);
	const char *paths[1];
	int rc;

	paths[0] = path;
	rc = sov_catalog_load(out, paths, 1, NULL, d);
	unlink(path);
	free(path);
	return rc;
}

static void user_catalog_adds_private_cloud(void **state)
{
	sov_catalog *c = NULL;
	sov_diags *d = NULL;
	int p;

	(void)state;
	sov_diags_new(&d);
	assert_int_equal(load_extra(CATALOG_OPEN
		"<entity id=\"acme\" name=\"ACME GmbH\" seat=\"DE\"/>"
		"<provider id=\"acme-dc\" name=\"ACME colocation\" "
		"entity=\"acme\"><region id=\"fra1\" country=\"DE\" "
		"city=\"Frankfurt\" pair=\"none\"/></provider></catalog>",
		&c, d), SOV_OK);
	p = catalog_provider(c, "acme-dc");
	assert_true(p >= 0);
	assert_int_equal(c->providers[p].nregions, 1);
	sov_catalog_free(c);
	sov_diags_free(d);
}

static void user_catalog_errors(void **state)
{
	sov_catalog *c = NULL;
	sov_diags *d = NULL;

	(void)state;
	sov_diags_new(&d);
	assert_int_equal(load_extra(CATALOG_OPEN
		"\n<jurisdiction code=\"DE\" name=\"Germany\"/></catalog>", &c,
		d), SOV_EINPUT);
	test_diag_has(d, "duplicate jurisdiction 'DE'", 2);
	sov_diags_clear(d);
	assert_int_equal(load_extra(CATALOG_OPEN
		"\n<entity id=\"x\" name=\"X\" seat=\"EL\"/>"
		"</catalog>", &c, d),
		SOV_EINPUT);
	test_diag_has(d, "unknown jurisdiction 'EL'", 2);
	assert_non_null(strstr(sov_diags_get(d, 0)->expected, "GR"));
	sov_diags_clear(d);
	assert_int_equal(load_extra(CATALOG_OPEN
		"\n<group id=\"LOOP\"><member ref=\"LOOP\"/></group>"
		"</catalog>",
		&c, d), SOV_EINPUT);
	test_diag_has(d, "contains itself", 2);
	assert_null(c);
	sov_diags_free(d);
}

static void overrides_must_be_explicit(void **state)
{
	sov_catalog *c = NULL;
	sov_diags *d = NULL;
	catalog *cc;
	int e;

	(void)state;
	sov_diags_new(&d);
	assert_int_equal(load_extra(CATALOG_OPEN "\n<entity id=\"google\" "
		"name=\"Google LLC\" seat=\"IE\"/></catalog>", &c, d),
		SOV_EINPUT);
	test_diag_has(d, "duplicate entity 'google'", 2);
	sov_diags_clear(d);
	assert_int_equal(load_extra(CATALOG_OPEN "\n<entity id=\"nobody\" "
		"name=\"N\" seat=\"IE\" override=\"true\"/></catalog>",
		&c, d), SOV_EINPUT);
	test_diag_has(d, "override of unknown entity 'nobody'", 2);
	sov_diags_clear(d);
	assert_int_equal(load_extra(CATALOG_OPEN "\n<entity id=\"google\" "
		"name=\"Google Ireland\" seat=\"IE\" override=\"true\"/>"
		"</catalog>", &c, d), SOV_OK);
	cc = c;
	e = catalog_entity(cc, "google");
	assert_string_equal(cc->entities[e].name, "Google Ireland");
	assert_string_equal(cc->jur[cc->entities[e].seat].code, "IE");
	assert_int_equal(cc->entities[e].parent, -1);
	sov_catalog_free(c);
	sov_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_regions_and_pairs),
		cmocka_unit_test(dated_membership),
		cmocka_unit_test(subdivisions_belong_to_country),
		cmocka_unit_test(user_catalog_adds_private_cloud),
		cmocka_unit_test(user_catalog_errors),
		cmocka_unit_test(overrides_must_be_explicit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
