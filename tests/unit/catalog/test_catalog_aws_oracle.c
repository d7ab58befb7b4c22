/*
 * Unit tests for the built-in AWS, AWS China and Oracle Cloud catalog:
 * region counts, region -> country/subdivision and city, the Amazon
 * Bedrock cross-Region inference profiles, global scopes and entities.
 */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const cat_provider *provider(const catalog *c, const char *id)
{
	int p = catalog_provider(c, id);

	assert_true(p >= 0);
	return &c->providers[p];
}

static const cat_region *region(const cat_provider *p, const char *id)
{
	int r = catalog_region(p, id);

	if (r < 0)
		fail_msg("region '%s' missing from provider '%s'", id, p->id);
	return &p->regions[r];
}

/* code: the region's jurisdiction; city NULL when none is given. */
static void region_is(const catalog *c, const cat_provider *p,
	const char *id, const char *code, const char *city)
{
	const cat_region *r = region(p, id);

	assert_string_equal(c->jur[r->jurisdiction].code, code);
	if (city) {
		assert_non_null(r->city);
		assert_string_equal(r->city, city);
	} else {
		assert_null(r->city);
	}
	assert_int_equal(r->pair, PAIR_NONE);
}

/* The country of a region: its jurisdiction, or that subdivision's. */
static const char *country_of(const catalog *c, const cat_region *r)
{
	int j = r->jurisdiction;

	assert_true(j >= 0);
	if (c->jur[j].country >= 0)
		j = c->jur[j].country;
	return c->jur[j].code;
}

/* The scope holds exactly these regions, in any order. */
static void scope_is(const cat_provider *p, const char *scope,
	const char *const *ids, size_t n)
{
	int s = catalog_scope(p, scope);
	const cat_scope *sc;
	size_t i, k;

	if (s < 0)
		fail_msg("scope '%s' missing from provider '%s'", scope,
			p->id);
	sc = &p->scopes[s];
	assert_int_equal(sc->nregions, n);
	for (i = 0; i < n; i++) {
		int r = catalog_region(p, ids[i]);
		int found = 0;

		assert_true(r >= 0);
		for (k = 0; k < sc->nregions; k++)
			found |= sc->regions[k] == r;
		if (!found)
			fail_msg("scope '%s' lacks region '%s'", scope,
				ids[i]);
	}
}

static const char *const aws_commercial[] = {
	"us-east-1", "us-east-2", "us-west-1", "us-west-2",
	"ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
	"eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
	"eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2",
	"il-central-1", "me-central-1", "me-south-1", "af-south-1",
	"ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
	"ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1",
	"ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
};

static void region_counts(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *aws = provider(c, "aws");
	const cat_provider *cn = provider(c, "aws-cn");
	const cat_provider *oci = provider(c, "oracle");
	size_t i, restricted = 0;

	(void)state;
	/* 34 commercial regions + 2 GovCloud; the sovereign cloud region
	 * and the announced Saudi and Chilean regions are not here. */
	assert_int_equal(N(aws_commercial), 34);
	assert_int_equal(aws->nregions, 36);
	for (i = 0; i < N(aws_commercial); i++)
		assert_false(region(aws, aws_commercial[i])->restricted);
	for (i = 0; i < aws->nregions; i++)
		restricted += aws->regions[i].restricted != 0;
	assert_int_equal(restricted, 2);
	assert_true(region(aws, "us-gov-west-1")->restricted);
	assert_true(region(aws, "us-gov-east-1")->restricted);
	assert_int_equal(catalog_region(aws, "eusc-de-east-1"), -1);
	assert_int_equal(catalog_region(aws, "cn-north-1"), -1);
	/* Beijing and Ningxia */
	assert_int_equal(cn->nregions, 2);
	/* 44 public commercial regions + 2 EU Sovereign Cloud regions */
	assert_int_equal(oci->nregions, 46);
	assert_int_equal(catalog_region(oci, "us-saltlake-2"), -1);
	assert_int_equal(catalog_region(oci, "eu-jovanovac-1"), -1);
	assert_int_equal(catalog_region(oci, "us-gov-ashburn-1"), -1);
	sov_catalog_free(c);
}

static void aws_regions(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *aws = provider(c, "aws");
	const cat_provider *cn = provider(c, "aws-cn");

	(void)state;
	region_is(c, aws, "us-east-1", "US-VA", "N. Virginia");
	region_is(c, aws, "us-east-2", "US-OH", "Ohio");
	region_is(c, aws, "us-west-1", "US-CA", "N. California");
	region_is(c, aws, "us-west-2", "US-OR", "Oregon");
	region_is(c, aws, "ca-central-1", "CA-QC", NULL);
	region_is(c, aws, "ca-west-1", "CA-AB", "Calgary");
	region_is(c, aws, "mx-central-1", "MX", NULL);
	region_is(c, aws, "eu-central-1", "DE", "Frankfurt");
	region_is(c, aws, "eu-central-2", "CH", "Zurich");
	region_is(c, aws, "eu-west-1", "IE", NULL);
	region_is(c, aws, "eu-west-2", "GB", "London");
	region_is(c, aws, "eu-south-2", "ES", NULL);
	region_is(c, aws, "il-central-1", "IL", "Tel Aviv");
	region_is(c, aws, "me-central-1", "AE", NULL);
	region_is(c, aws, "me-south-1", "BH", NULL);
	region_is(c, aws, "af-south-1", "ZA", "Cape Town");
	region_is(c, aws, "ap-east-1", "HK", "Hong Kong");
	region_is(c, aws, "ap-east-2", "TW", "Taipei");
	region_is(c, aws, "ap-south-2", "IN", "Hyderabad");
	region_is(c, aws, "ap-southeast-2", "AU-NSW", "Sydney");
	region_is(c, aws, "ap-southeast-4", "AU-VIC", "Melbourne");
	region_is(c, aws, "ap-southeast-5", "MY", NULL);
	region_is(c, aws, "ap-southeast-6", "NZ", NULL);
	region_is(c, aws, "ap-southeast-7", "TH", NULL);
	region_is(c, aws, "us-gov-west-1", "US", NULL);
	region_is(c, aws, "us-gov-east-1", "US", NULL);
	region_is(c, cn, "cn-north-1", "CN", "Beijing");
	region_is(c, cn, "cn-northwest-1", "CN", "Ningxia");
	/* Hong Kong is not mainland China */
	assert_string_equal(country_of(c, region(aws, "ap-east-1")), "HK");
	sov_catalog_free(c);
}

static void oracle_regions(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *oci = provider(c, "oracle");

	(void)state;
	region_is(c, oci, "us-ashburn-1", "US-VA", "Ashburn");
	region_is(c, oci, "us-phoenix-1", "US-AZ", "Phoenix");
	region_is(c, oci, "us-sanjose-1", "US-CA", "San Jose");
	region_is(c, oci, "us-chicago-1", "US-IL", "Chicago");
	region_is(c, oci, "ca-montreal-1", "CA-QC", "Montreal");
	region_is(c, oci, "ca-toronto-1", "CA-ON", "Toronto");
	region_is(c, oci, "ap-sydney-1", "AU-NSW", "Sydney");
	region_is(c, oci, "ap-melbourne-1", "AU-VIC", "Melbourne");
	region_is(c, oci, "eu-frankfurt-1", "DE", "Frankfurt");
	region_is(c, oci, "eu-madrid-3", "ES", "Madrid");
	region_is(c, oci, "eu-turin-1", "IT", "Turin");
	region_is(c, oci, "uk-cardiff-1", "GB", "Newport");
	region_is(c, oci, "eu-zurich-1", "CH", "Zurich");
	region_is(c, oci, "me-riyadh-1", "SA", "Riyadh");
	region_is(c, oci, "me-abudhabi-1", "AE", "Abu Dhabi");
	region_is(c, oci, "af-casablanca-1", "MA", "Casablanca");
	region_is(c, oci, "sa-bogota-1", "CO", "Bogota");
	region_is(c, oci, "sa-valparaiso-1", "CL", "Valparaiso");
	region_is(c, oci, "ap-batam-1", "ID", "Batam");
	region_is(c, oci, "ap-kulai-2", "MY", "Kulai");
	region_is(c, oci, "ap-singapore-2", "SG", "Singapore");
	region_is(c, oci, "mx-monterrey-1", "MX", "Monterrey");
	region_is(c, oci, "eu-frankfurt-2", "DE", "Frankfurt");
	region_is(c, oci, "eu-madrid-2", "ES", "Madrid");
	sov_catalog_free(c);
}

static void bedrock_profiles(void **state)
{
	static const char *const eu[] = {
		"eu-central-1", "eu-west-1", "eu-west-3", "eu-west-2",
		"eu-north-1", "eu-south-1", "eu-south-2", "eu-central-2",
	};
	static const char *const us[] = {
		"us-east-1", "us-east-2", "us-west-1", "us-west-2",
	};
	static const char *const apac[] = {
		"ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2", "ap-southeast-1",
		"ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
		"ap-southeast-5", "ap-southeast-7", "ap-east-2",
		"me-central-1",
	};
	static const char *const jp[] = { "ap-northeast-1", "ap-northeast-3" };
	static const char *const au[] = { "ap-southeast-2", "ap-southeast-4" };
	static const char *const gov[] = { "us-gov-east-1", "us-gov-west-1" };
	static const char *const ca[] = { "ca-central-1", "ca-west-1" };
	catalog *c = test_catalog();
	const cat_provider *aws = provider(c, "aws");

	(void)state;
	scope_is(aws, "bedrock-eu", eu, N(eu));
	scope_is(aws, "bedrock-us", us, N(us));
	scope_is(aws, "bedrock-apac", apac, N(apac));
	scope_is(aws, "bedrock-jp", jp, N(jp));
	scope_is(aws, "bedrock-au", au, N(au));
	scope_is(aws, "bedrock-us-gov", gov, N(gov));
	scope_is(aws, "bedrock-ca", ca, N(ca));
	/* global.: every commercial region, not GovCloud */
	scope_is(aws, "bedrock-global", aws_commercial, N(aws_commercial));
	sov_catalog_free(c);
}

/* eu. is not the EU, and apac. leaves Asia for the UAE. */
static void bedrock_countries(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *aws = provider(c, "aws");
	const cat_scope *eu = &aws->scopes[catalog_scope(aws, "bedrock-eu")];
	const cat_scope *ap =
		&aws->scopes[catalog_scope(aws, "bedrock-apac")];
	char codes[256] = "";
	size_t i;

	(void)state;
	for (i = 0; i < eu->nregions; i++) {
		strcat(codes, country_of(c, &aws->regions[eu->regions[i]]));
		strcat(codes, " ");
	}
	assert_non_null(strstr(codes, "GB "));
	assert_non_null(strstr(codes, "CH "));
	codes[0] = '\0';
	for (i = 0; i < ap->nregions; i++) {
		strcat(codes, country_of(c, &aws->regions[ap->regions[i]]));
		strcat(codes, " ");
	}
	assert_non_null(strstr(codes, "AE "));
	assert_null(strstr(codes, "HK "));
	sov_catalog_free(c);
}

static void global_scopes(void **state)
{
	static const char *const ids[] = { "aws", "aws-cn", "oracle" };
	catalog *c = test_catalog();
	size_t i;

	(void)state;
	for (i = 0; i < N(ids); i++) {
		const cat_provider *p = provider(c, ids[i]);
		int s = catalog_scope(p, "global");

		assert_true(s >= 0);
		assert_int_equal(p->scopes[s].nregions, p->nregions);
	}
	sov_catalog_free(c);
}

static void every_region_has_a_country(void **state)
{
	static const char *const ids[] = { "aws", "aws-cn", "oracle" };
	catalog *c = test_catalog();
	size_t i, r;

	(void)state;
	for (i = 0; i < N(ids); i++) {
		const cat_provider *p = provider(c, ids[i]);

		for (r = 0; r < p->nregions; r++) {
			const char *cc = country_of(c, &p->regions[r]);

			if (strlen(cc) != 2)
				fail_msg("%s %s: country '%s'", p->id,
					p->regions[r].id, cc);
			assert_int_equal(p->regions[r].pair, PAIR_NONE);
		}
	}
	sov_catalog_free(c);
}

static void operators(void **state)
{
	catalog *c = test_catalog();
	int us = catalog_jurisdiction(c, "US");
	int oracle = catalog_entity(c, "oracle");
	int sinnet = catalog_entity(c, "sinnet");
	int nwcd = catalog_entity(c, "nwcd");
	int cloud_act = catalog_law(c, "US-CLOUD-ACT");

	(void)state;
	assert_true(us >= 0 && oracle >= 0 && sinnet >= 0 && nwcd >= 0);
	assert_true(cloud_act >= 0);
	assert_string_equal(c->entities[oracle].name, "Oracle Corporation");
	assert_string_equal(c->jur[c->entities[oracle].seat].code, "US-TX");
	assert_int_equal(c->jur[c->entities[oracle].seat].country, us);
	assert_int_equal(c->laws[cloud_act].jurisdiction, us);
	assert_int_equal(provider(c, "oracle")->entity, oracle);
	assert_int_equal(provider(c, "aws")->entity,
		catalog_entity(c, "amazon"));
	assert_int_equal(provider(c, "aws-cn")->entity, sinnet);
	assert_string_equal(c->entities[sinnet].name,
		"Beijing Sinnet Technology Co., Ltd.");
	assert_string_equal(c->entities[nwcd].name,
		"Ningxia Western Cloud Data Technology Co., Ltd.");
	assert_string_equal(c->jur[c->entities[sinnet].seat].code, "CN");
	assert_string_equal(c->jur[c->entities[nwcd].seat].code, "CN");
	assert_int_equal(c->entities[sinnet].parent, -1);
	assert_int_equal(c->entities[nwcd].parent, -1);
	sov_catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(region_counts),
		cmocka_unit_test(aws_regions),
		cmocka_unit_test(oracle_regions),
		cmocka_unit_test(bedrock_profiles),
		cmocka_unit_test(bedrock_countries),
		cmocka_unit_test(global_scopes),
		cmocka_unit_test(every_region_has_a_country),
		cmocka_unit_test(operators),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
