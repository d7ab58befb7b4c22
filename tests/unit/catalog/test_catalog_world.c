/*
 * test_catalog_world.c - the shipped world catalog: every ISO 3166-1
 * country, the declared ISO 3166-2 subdivisions, and the standard groups
 * (policies/catalog/jurisdictions.xml and groups.xml) with their dated
 * membership.
 *
 * Counts and dates here are the ones the catalog files cite; a change to
 * a group's membership should come with a change here.
 */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "base/dates.h"

/* The members of group `id` as of `date`; the set lives in `a`. */
static jword *expand(const catalog *c, arena *a, const char *id,
	const char *date)
{
	jword *s = jurset_new(a, c->words);
	int day, g = catalog_group(c, id);

	if (g < 0)
		fail_msg("no group '%s'", id);
	assert_non_null(s);
	assert_int_equal(dates_parse(date, &day), 0);
	catalog_expand_group(c, NULL, &c->groups[g], day, s, 0);
	return s;
}

static int has(const catalog *c, const char *group, const char *code,
	const char *date)
{
	arena *a = arena_new(NULL);
	int j = catalog_jurisdiction(c, code);
	int r;

	if (j < 0)
		fail_msg("no jurisdiction '%s'", code);
	r = jurset_has(expand(c, a, group, date), (size_t)j);
	arena_free(a);
	return r;
}

/* Number of countries (codes of length 2) in the group as of `date`. */
static int countries(const catalog *c, const char *group, const char *date)
{
	arena *a = arena_new(NULL);
	jword *s = expand(c, a, group, date);
	long i = jurset_next(s, c->words, 0);
	int n = 0;

	while (i >= 0) {
		if (strlen(c->jur[i].code) == 2)
			n++;
		i = jurset_next(s, c->words, (size_t)i + 1);
	}
	arena_free(a);
	return n;
}

static void all_iso_countries(void **state)
{
	catalog *c = test_catalog();
	size_t i, n2 = 0, nsub = 0;

	(void)state;
	for (i = 0; i < c->njur; i++) {
		if (strlen(c->jur[i].code) == 2) {
			n2++;
			assert_int_equal(c->jur[i].country, -1);
		} else {
			nsub++;
			assert_true(c->jur[i].country >= 0);
		}
	}
	assert_int_equal(n2, 249);
	/* 50 US states + DC, 13 Canadian, 8 Australian. */
	assert_int_equal(nsub, 72);
	assert_string_equal(c->jur[catalog_jurisdiction(c, "DE")].name,
		"Germany");
	assert_string_equal(c->jur[catalog_jurisdiction(c, "KR")].name,
		"Korea, Republic of");
	assert_string_equal(c->jur[catalog_jurisdiction(c, "TL")].name,
		"Timor-Leste");
	assert_true(catalog_jurisdiction(c, "AQ") >= 0);
	assert_true(catalog_jurisdiction(c, "ZW") >= 0);
	assert_true(catalog_jurisdiction(c, "XK") < 0);
	sov_catalog_free(c);
}

static void eu_codes_are_not_jurisdictions(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	assert_int_equal(catalog_jurisdiction(c, "EL"), -1);
	assert_int_equal(catalog_jurisdiction(c, "UK"), -1);
	assert_non_null(catalog_code_hint("EL"));
	assert_non_null(catalog_code_hint("UK"));
	assert_true(catalog_jurisdiction(c, "GR") >= 0);
	assert_true(catalog_jurisdiction(c, "GB") >= 0);
	sov_catalog_free(c);
}

static void subdivisions(void **state)
{
	static const char *const present[] = {
		"US-AL", "US-AK", "US-CA", "US-DC", "US-NY", "US-TX",
		"US-VA", "US-WA", "US-WY", "CA-AB", "CA-BC", "CA-NU",
		"CA-ON", "CA-QC", "CA-YT", "AU-ACT", "AU-NSW", "AU-NT",
		"AU-QLD", "AU-SA", "AU-TAS", "AU-VIC", "AU-WA",
	};
	static const char *const absent[] = {
		"US-PR", "US-GU", "CN-HK", "CN-MO", "CN-TW", "DE-BY",
	};
	catalog *c = test_catalog();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(present) / sizeof(present[0]); i++)
		if (catalog_jurisdiction(c, present[i]) < 0)
			fail_msg("subdivision %s missing", present[i]);
	for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		if (catalog_jurisdiction(c, absent[i]) >= 0)
			fail_msg("%s should not be declared", absent[i]);
	assert_int_equal(c->jur[catalog_jurisdiction(c, "US")]
		.nsubdivisions, 51);
	assert_int_equal(c->jur[catalog_jurisdiction(c, "CA")]
		.nsubdivisions, 13);
	assert_int_equal(c->jur[catalog_jurisdiction(c, "AU")]
		.nsubdivisions, 8);
	assert_int_equal(c->jur[catalog_jurisdiction(c, "CN")]
		.nsubdivisions, 0);
	assert_string_equal(c->jur[catalog_jurisdiction(c, "US-DC")].name,
		"District of Columbia");
	assert_string_equal(c->jur[catalog_jurisdiction(c, "AU-ACT")].name,
		"Australian Capital Territory");
	sov_catalog_free(c);
}

static void subdivision_country_links(void **state)
{
	static const char *const pairs[][2] = {
		{ "US-VA", "US" }, { "US-DC", "US" }, { "US-WY", "US" },
		{ "CA-QC", "CA" }, { "CA-YT", "CA" }, { "AU-NSW", "AU" },
		{ "AU-ACT", "AU" },
	};
	catalog *c = test_catalog();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		int s = catalog_jurisdiction(c, pairs[i][0]);

		assert_true(s >= 0);
		assert_int_equal(c->jur[s].country,
			catalog_jurisdiction(c, pairs[i][1]));
	}
	/* A group naming a country covers its subdivisions. */
	assert_true(has(c, "FIVE-EYES", "AU-VIC", "2026-01-01"));
	assert_true(has(c, "EU-ADEQUATE-PIPEDA", "CA-QC", "2026-01-01"));
	assert_true(has(c, "UK-ADEQUATE-DPF-EXT", "US-TX", "2026-01-01"));
	sov_catalog_free(c);
}

/* Every member of every group resolved when the catalog loaded. */
static void groups_resolve(void **state)
{
	static const char *const ids[] = {
		"EU", "EEA", "EFTA", "EU-ADEQUATE", "EU-ADEQUATE-DPF",
		"EU-ADEQUATE-PIPEDA", "EU-US-PRIVACY-SHIELD", "UK-ADEQUATE",
		"UK-ADEQUATE-PIPEDA", "UK-ADEQUATE-DPF-EXT", "CH-ADEQUATE",
		"CH-ADEQUATE-PIPEDA", "CH-ADEQUATE-DPF", "FIVE-EYES", "GCC",
		"ASEAN", "EAEU", "CN-MAINLAND",
	};
	catalog *c = test_catalog();
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (catalog_group(c, ids[i]) < 0)
			fail_msg("group %s missing", ids[i]);
	for (i = 0; i < c->ngroups; i++) {
		const cat_group *g = &c->groups[i];

		assert_true(g->nmembers > 0);
		assert_int_equal(catalog_jurisdiction(c, g->id), -1);
		for (k = 0; k < g->nmembers; k++) {
			const cat_member *m = &g->members[k];

			assert_true(m->index >= 0);
			assert_true(m->is_group ?
				(size_t)m->index < c->ngroups :
				(size_t)m->index < c->njur);
		}
	}
	assert_int_equal(catalog_group(c, "BRICS"), -1);
	sov_catalog_free(c);
}

static void eu_at_three_dates(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	/* Before Croatia's accession; the UK still a member. */
	assert_false(has(c, "EU", "HR", "2013-06-30"));
	assert_true(has(c, "EU", "GB", "2013-06-30"));
	assert_int_equal(countries(c, "EU", "2013-06-30"), 27);
	/* 28 members. */
	assert_true(has(c, "EU", "HR", "2019-06-01"));
	assert_true(has(c, "EU", "GB", "2019-06-01"));
	assert_int_equal(countries(c, "EU", "2019-06-01"), 28);
	/* After the withdrawal. */
	assert_true(has(c, "EU", "HR", "2021-01-01"));
	assert_false(has(c, "EU", "GB", "2021-01-01"));
	assert_int_equal(countries(c, "EU", "2021-01-01"), 27);
	assert_true(has(c, "EU", "GB", "2020-01-31"));
	assert_false(has(c, "EU", "GB", "2020-02-01"));
	/* EEA follows the EU, plus IS LI NO; EFTA is IS LI NO CH. */
	assert_int_equal(countries(c, "EEA", "2021-01-01"), 30);
	assert_true(has(c, "EEA", "GB", "2019-06-01"));
	assert_false(has(c, "EEA", "GB", "2021-01-01"));
	assert_false(has(c, "EEA", "CH", "2021-01-01"));
	assert_int_equal(countries(c, "EFTA", "2021-01-01"), 4);
	assert_true(has(c, "EFTA", "CH", "2021-01-01"));
	assert_false(has(c, "FIVE-EYES", "DE", "2021-01-01"));
	assert_int_equal(countries(c, "FIVE-EYES", "2021-01-01"), 5);
	sov_catalog_free(c);
}

static void eu_adequacy(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	assert_false(has(c, "EU-ADEQUATE", "BR", "2026-01-25"));
	assert_true(has(c, "EU-ADEQUATE", "BR", "2026-01-26"));
	/* GB: the transition period and the bridge from 1 February 2020,
	 * then adequacy from 28 June 2021 to 27 December 2031. */
	assert_false(has(c, "EU-ADEQUATE", "GB", "2019-06-01"));
	assert_false(has(c, "EU-ADEQUATE", "GB", "2020-01-31"));
	assert_true(has(c, "EU-ADEQUATE", "GB", "2020-02-01"));
	assert_true(has(c, "EU-ADEQUATE", "GB", "2021-06-27"));
	assert_true(has(c, "EU-ADEQUATE", "GB", "2021-06-28"));
	assert_true(has(c, "EU-ADEQUATE", "GB", "2025-12-01"));
	assert_true(has(c, "EU-ADEQUATE", "GB", "2031-12-27"));
	assert_false(has(c, "EU-ADEQUATE", "GB", "2031-12-28"));
	assert_false(has(c, "EU-ADEQUATE", "KR", "2021-12-16"));
	assert_true(has(c, "EU-ADEQUATE", "KR", "2021-12-17"));
	assert_true(has(c, "EU-ADEQUATE", "CH", "2026-01-01"));
	/* 13 without a condition once Brazil is in. */
	assert_int_equal(countries(c, "EU-ADEQUATE", "2026-06-01"), 13);
	assert_int_equal(countries(c, "EU-ADEQUATE", "2025-06-01"), 12);
	/* Conditional adequacy stays out of the plain group. */
	assert_false(has(c, "EU-ADEQUATE", "US", "2026-01-01"));
	assert_false(has(c, "EU-ADEQUATE", "CA", "2026-01-01"));
	assert_false(has(c, "EU-ADEQUATE", "JP", "2026-01-01"));
	/* Japan: private-sector recipients, from 23 January 2019. */
	assert_false(has(c, "EU-ADEQUATE-APPI", "JP", "2019-01-22"));
	assert_true(has(c, "EU-ADEQUATE-APPI", "JP", "2019-01-23"));
	assert_int_equal(countries(c, "EU-ADEQUATE-APPI", "2026-06-01"), 1);
	assert_false(has(c, "EU-ADEQUATE-DPF", "US", "2023-07-09"));
	assert_true(has(c, "EU-ADEQUATE-DPF", "US", "2023-07-10"));
	assert_true(has(c, "EU-ADEQUATE-PIPEDA", "CA", "2026-01-01"));
	/* Privacy Shield: 12 July 2016 until Schrems II (16 July 2020). */
	assert_false(has(c, "EU-US-PRIVACY-SHIELD", "US", "2016-07-11"));
	assert_true(has(c, "EU-US-PRIVACY-SHIELD", "US", "2016-07-12"));
	assert_true(has(c, "EU-US-PRIVACY-SHIELD", "US", "2020-07-15"));
	assert_false(has(c, "EU-US-PRIVACY-SHIELD", "US", "2020-07-16"));
	assert_false(has(c, "EU-ADEQUATE-DPF", "US", "2020-01-01"));
	sov_catalog_free(c);
}

static void uk_adequacy(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	assert_false(has(c, "UK-ADEQUATE", "DE", "2020-12-31"));
	assert_true(has(c, "UK-ADEQUATE", "DE", "2021-01-01"));
	assert_true(has(c, "UK-ADEQUATE", "NO", "2021-01-01"));
	assert_true(has(c, "UK-ADEQUATE", "GI", "2021-01-01"));
	assert_false(has(c, "UK-ADEQUATE", "JP", "2021-01-01"));
	assert_false(has(c, "UK-ADEQUATE-APPI", "JP", "2020-12-31"));
	assert_true(has(c, "UK-ADEQUATE-APPI", "JP", "2021-01-01"));
	assert_false(has(c, "UK-ADEQUATE", "KR", "2022-12-18"));
	assert_true(has(c, "UK-ADEQUATE", "KR", "2022-12-19"));
	assert_false(has(c, "UK-ADEQUATE", "GB", "2026-01-01"));
	assert_false(has(c, "UK-ADEQUATE", "US", "2026-01-01"));
	assert_false(has(c, "UK-ADEQUATE", "CA", "2026-01-01"));
	/* 30 EEA + GI CH AR GG IM JE AD IL UY NZ KR; Japan apart. */
	assert_int_equal(countries(c, "UK-ADEQUATE", "2026-01-01"), 41);
	assert_true(has(c, "UK-ADEQUATE-PIPEDA", "CA", "2021-01-01"));
	assert_false(has(c, "UK-ADEQUATE-DPF-EXT", "US", "2023-10-11"));
	assert_true(has(c, "UK-ADEQUATE-DPF-EXT", "US", "2023-10-12"));
	sov_catalog_free(c);
}

static void ch_adequacy(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	/* Annex 1 DPO is binding from 1 September 2023. */
	assert_int_equal(countries(c, "CH-ADEQUATE", "2023-08-31"), 0);
	assert_true(has(c, "CH-ADEQUATE", "DE", "2023-09-01"));
	assert_true(has(c, "CH-ADEQUATE", "GB", "2023-09-01"));
	assert_true(has(c, "CH-ADEQUATE", "MC", "2023-09-01"));
	assert_true(has(c, "CH-ADEQUATE", "GI", "2023-09-01"));
	assert_true(has(c, "CH-ADEQUATE", "LI", "2023-09-01"));
	/* Not on the Swiss list, unlike the EU's. */
	assert_false(has(c, "CH-ADEQUATE", "JP", "2026-01-01"));
	assert_false(has(c, "CH-ADEQUATE", "KR", "2026-01-01"));
	assert_false(has(c, "CH-ADEQUATE", "CH", "2026-01-01"));
	assert_false(has(c, "CH-ADEQUATE", "US", "2026-01-01"));
	assert_false(has(c, "CH-ADEQUATE", "CA", "2026-01-01"));
	/* 43 entries in the annex, Canada in its own group. */
	assert_int_equal(countries(c, "CH-ADEQUATE", "2026-01-01"), 42);
	assert_true(has(c, "CH-ADEQUATE-PIPEDA", "CA", "2023-09-01"));
	assert_false(has(c, "CH-ADEQUATE-DPF", "US", "2024-09-14"));
	assert_true(has(c, "CH-ADEQUATE-DPF", "US", "2024-09-15"));
	sov_catalog_free(c);
}

static void regional_groups(void **state)
{
	catalog *c = test_catalog();

	(void)state;
	assert_int_equal(countries(c, "GCC", "2026-01-01"), 6);
	assert_true(has(c, "GCC", "SA", "2026-01-01"));
	assert_true(has(c, "GCC", "OM", "2026-01-01"));
	assert_false(has(c, "GCC", "IQ", "2026-01-01"));
	assert_false(has(c, "GCC", "IR", "2026-01-01"));

	assert_int_equal(countries(c, "ASEAN", "1967-08-08"), 5);
	assert_false(has(c, "ASEAN", "BN", "1984-01-06"));
	assert_true(has(c, "ASEAN", "BN", "1984-01-07"));
	assert_false(has(c, "ASEAN", "KH", "1999-04-29"));
	assert_true(has(c, "ASEAN", "KH", "1999-04-30"));
	assert_int_equal(countries(c, "ASEAN", "2025-10-25"), 10);
	assert_false(has(c, "ASEAN", "TL", "2025-10-25"));
	assert_true(has(c, "ASEAN", "TL", "2025-10-26"));
	assert_int_equal(countries(c, "ASEAN", "2026-01-01"), 11);

	assert_int_equal(countries(c, "EAEU", "2014-12-31"), 0);
	assert_int_equal(countries(c, "EAEU", "2015-01-01"), 3);
	assert_true(has(c, "EAEU", "AM", "2015-01-02"));
	assert_false(has(c, "EAEU", "KG", "2015-08-05"));
	assert_true(has(c, "EAEU", "KG", "2015-08-06"));
	assert_int_equal(countries(c, "EAEU", "2026-01-01"), 5);

	/* PIPL: Hong Kong, Macao and Taiwan are outside mainland China. */
	assert_true(has(c, "CN-MAINLAND", "CN", "2026-01-01"));
	assert_false(has(c, "CN-MAINLAND", "HK", "2026-01-01"));
	assert_false(has(c, "CN-MAINLAND", "MO", "2026-01-01"));
	assert_false(has(c, "CN-MAINLAND", "TW", "2026-01-01"));
	assert_int_equal(countries(c, "CN-MAINLAND", "2026-01-01"), 1);
	sov_catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_iso_countries),
		cmocka_unit_test(eu_codes_are_not_jurisdictions),
		cmocka_unit_test(subdivisions),
		cmocka_unit_test(subdivision_country_links),
		cmocka_unit_test(groups_resolve),
		cmocka_unit_test(eu_at_three_dates),
		cmocka_unit_test(eu_adequacy),
		cmocka_unit_test(uk_adequacy),
		cmocka_unit_test(ch_adequacy),
		cmocka_unit_test(regional_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
