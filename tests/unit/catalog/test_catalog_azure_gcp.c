/*
 * test_catalog_azure_gcp.c - the built-in Azure, Azure Government, Azure
 * operated by 21Vianet and Google Cloud catalogs
 * (policies/catalog/azure.xml, policies/catalog/gcp.xml): region counts,
 * locations, pairs (every cross-border and every one-way pair), restricted
 * regions, routing scopes and operators.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "base/dates.h"

#define NOW "2026-11-28"

static const cat_provider *provider(const catalog *c, const char *id)
{
	int p = catalog_provider(c, id);

	if (p < 0)
		fail_msg("no provider '%s'", id);
	return &c->providers[p];
}

static const cat_region *region(const cat_provider *p, const char *id)
{
	int r = catalog_region(p, id);

	if (r < 0)
		fail_msg("no region '%s' in '%s'", id, p->id);
	return &p->regions[r];
}

/* The region's jurisdiction code: a country or a subdivision. */
static const char *where(const catalog *c, const cat_region *r)
{
	return c->jur[r->jurisdiction].code;
}

/* The ISO country of the region, even when it carries a subdivision. */
static const char *country(const catalog *c, const cat_region *r)
{
	const cat_jurisdiction *j = &c->jur[r->jurisdiction];

	return j->country >= 0 ? c->jur[j->country].code : j->code;
}

/* The pair's region id, "none", or "?" when the pair is not known. */
static const char *pair_of(const cat_provider *p, const cat_region *r)
{
	if (r->pair == PAIR_NONE)
		return "none";
	if (r->pair < 0)
		return "?";
	return p->regions[r->pair].id;
}

static void check_region(const catalog *c, const cat_provider *p,
	const char *id, const char *code, const char *city,
	const char *pair)
{
	const cat_region *r = region(p, id);

	if (strcmp(where(c, r), code) != 0)
		fail_msg("%s: country %s, want %s", id, where(c, r), code);
	if (city == NULL)
		assert_null(r->city);
	else
		assert_string_equal(r->city, city);
	if (strcmp(pair_of(p, r), pair) != 0)
		fail_msg("%s: pair %s, want %s", id, pair_of(p, r), pair);
}

static int in_list(const char *id, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], id) == 0)
			return 1;
	return 0;
}

static size_t list_len(const char *const *list)
{
	size_t n = 0;

	while (list[n] != NULL)
		n++;
	return n;
}

/* The scope holds exactly the listed regions. */
static void check_scope(const cat_provider *p, const char *id,
	const char *const *want)
{
	int s = catalog_scope(p, id);
	const cat_scope *sc;
	size_t i;

	if (s < 0)
		fail_msg("no scope '%s' in '%s'", id, p->id);
	sc = &p->scopes[s];
	if (sc->nregions != list_len(want))
		fail_msg("scope %s/%s has %zu regions, want %zu", p->id, id,
			sc->nregions, list_len(want));
	for (i = 0; i < sc->nregions; i++)
		if (!in_list(p->regions[sc->regions[i]].id, want))
			fail_msg("scope %s/%s holds %s", p->id, id,
				p->regions[sc->regions[i]].id);
}

static int group_has(const catalog *c, const char *group, const char *code)
{
	arena *a = arena_new(NULL);
	jword *s = jurset_new(a, c->words);
	int day, g = catalog_group(c, group);
	int j = catalog_jurisdiction(c, code);
	int has;

	assert_true(g >= 0 && j >= 0);
	assert_int_equal(dates_parse(NOW, &day), 0);
	catalog_expand_group(c, NULL, &c->groups[g], day, s, 0);
	has = jurset_has(s, (size_t)j);
	arena_free(a);
	return has;
}

static void region_counts(void **state)
{
	catalog *c = test_catalog();
	size_t i;

	(void)state;
	/* 57 regions of Microsoft's 2026-06-25 pair table plus swedensouth,
	 * which Microsoft names only as a pair. */
	assert_int_equal(provider(c, "azure")->nregions, 58);
	assert_int_equal(provider(c, "azure-gov")->nregions, 5);
	assert_int_equal(provider(c, "azure-cn")->nregions, 6);
	assert_int_equal(provider(c, "gcp")->nregions, 43);
	/* Every Azure region states its pair; no Google region has one. */
	for (i = 0; i < provider(c, "azure")->nregions; i++)
		assert_true(provider(c, "azure")->regions[i].pair !=
			PAIR_UNKNOWN);
	for (i = 0; i < provider(c, "gcp")->nregions; i++)
		assert_int_equal(provider(c, "gcp")->regions[i].pair,
			PAIR_NONE);
	sov_catalog_free(c);
}

static void azure_spot_checks(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *az = provider(c, "azure");

	(void)state;
	check_region(c, az, "eastus", "US-VA", "Virginia", "westus");
	check_region(c, az, "eastus2", "US-VA", "Virginia", "centralus");
	check_region(c, az, "westus", "US-CA", "California", "eastus");
	check_region(c, az, "westus2", "US-WA", "Washington",
		"westcentralus");
	check_region(c, az, "westus3", "US-AZ", "Phoenix", "eastus");
	check_region(c, az, "centralus", "US-IA", "Iowa", "eastus2");
	check_region(c, az, "northcentralus", "US-IL", "Illinois",
		"southcentralus");
	check_region(c, az, "southcentralus", "US-TX", "Texas",
		"northcentralus");
	check_region(c, az, "westcentralus", "US-WY", "Wyoming", "westus2");
	check_region(c, az, "canadacentral", "CA-ON", "Toronto",
		"canadaeast");
	check_region(c, az, "canadaeast", "CA-QC", "Quebec",
		"canadacentral");
	check_region(c, az, "australiaeast", "AU-NSW", "New South Wales",
		"australiasoutheast");
	check_region(c, az, "australiasoutheast", "AU-VIC", "Victoria",
		"australiaeast");
	check_region(c, az, "australiacentral", "AU-ACT", "Canberra",
		"australiacentral2");
	check_region(c, az, "australiacentral2", "AU-ACT", "Canberra",
		"australiacentral");
	check_region(c, az, "brazilsouth", "BR", "Sao Paulo State",
		"southcentralus");
	check_region(c, az, "brazilsoutheast", "BR", "Rio", "brazilsouth");
	check_region(c, az, "italynorth", "IT", "Milan", "none");
	check_region(c, az, "swedencentral", "SE", "Gävle", "swedensouth");
	check_region(c, az, "swedensouth", "SE", NULL, "swedencentral");
	check_region(c, az, "northeurope", "IE", NULL, "westeurope");
	check_region(c, az, "westeurope", "NL", NULL, "northeurope");
	check_region(c, az, "denmarkeast", "DK", "Copenhagen", "none");
	check_region(c, az, "austriaeast", "AT", "Vienna", "none");
	check_region(c, az, "belgiumcentral", "BE", "Brussels", "none");
	check_region(c, az, "eastasia", "HK", "Hong Kong SAR",
		"southeastasia");
	check_region(c, az, "southeastasia", "SG", "Singapore", "eastasia");
	check_region(c, az, "indiasouthcentral", "IN", "Hyderabad",
		"centralindia");
	check_region(c, az, "westindia", "IN", "Mumbai", "southindia");
	check_region(c, az, "southindia", "IN", "Chennai", "centralindia");
	check_region(c, az, "japaneast", "JP", "Tokyo, Saitama",
		"japanwest");
	check_region(c, az, "israelcentral", "IL", NULL, "none");
	check_region(c, az, "mexicocentral", "MX", "Querétaro State",
		"none");
	check_region(c, az, "uaecentral", "AE", "Abu Dhabi", "uaenorth");
	check_region(c, az, "uksouth", "GB", "London", "ukwest");
	check_region(c, az, "switzerlandwest", "CH", "Geneva",
		"switzerlandnorth");
	sov_catalog_free(c);
}

/*
 * Every Azure pair whose two regions lie in different countries, derived
 * from the data: exactly these five directed pairs.
 */
static void azure_cross_border_pairs(void **state)
{
	static const struct {
		const char *from, *from_where, *to, *to_where;
	} want[] = {
		{ "brazilsouth", "BR", "southcentralus", "US-TX" },
		{ "eastasia", "HK", "southeastasia", "SG" },
		{ "southeastasia", "SG", "eastasia", "HK" },
		{ "northeurope", "IE", "westeurope", "NL" },
		{ "westeurope", "NL", "northeurope", "IE" },
	};
	catalog *c = test_catalog();
	const cat_provider *az = provider(c, "azure");
	size_t i, k, found = 0;

	(void)state;
	for (k = 0; k < sizeof want / sizeof want[0]; k++) {
		const cat_region *a = region(az, want[k].from);

		assert_true(a->pair >= 0);
		assert_string_equal(az->regions[a->pair].id, want[k].to);
		assert_string_equal(where(c, a), want[k].from_where);
		assert_string_equal(where(c, &az->regions[a->pair]),
			want[k].to_where);
	}
	for (i = 0; i < az->nregions; i++) {
		const cat_region *a = &az->regions[i];

		if (a->pair < 0 || strcmp(country(c, a),
		    country(c, &az->regions[a->pair])) == 0)
			continue;
		for (k = 0; k < sizeof want / sizeof want[0]; k++)
			if (strcmp(a->id, want[k].from) == 0)
				break;
		if (k == sizeof want / sizeof want[0])
			fail_msg("unexpected cross-border pair %s -> %s",
				a->id, az->regions[a->pair].id);
		found++;
	}
	assert_int_equal(found, sizeof want / sizeof want[0]);
	/* Same country, different state or province. */
	assert_string_equal(where(c, region(az, "westus")), "US-CA");
	assert_string_equal(where(c, region(az, "canadaeast")), "CA-QC");
	assert_string_equal(country(c, region(az, "canadaeast")), "CA");
	sov_catalog_free(c);
}

/*
 * Pairs are symmetric except where Microsoft documents a one-way pair.
 * `oneway` lists every region whose pair does not pair back.
 */
static void check_symmetry(const cat_provider *p,
	const char *const *oneway)
{
	size_t i, n = 0;

	for (i = 0; i < p->nregions; i++) {
		const cat_region *a = &p->regions[i];
		int back;

		if (a->pair < 0)
			continue;
		back = p->regions[a->pair].pair;
		if (back == (int)i) {
			if (in_list(a->id, oneway))
				fail_msg("%s/%s pairs back", p->id, a->id);
			continue;
		}
		if (!in_list(a->id, oneway))
			fail_msg("%s/%s -> %s is one-way", p->id, a->id,
				p->regions[a->pair].id);
		n++;
	}
	assert_int_equal(n, list_len(oneway));
}

static void pairs_symmetric_or_documented(void **state)
{
	static const char *const az_oneway[] = {
		"brazilsouth",       /* -> southcentralus -> northcentralus */
		"brazilsoutheast",   /* -> brazilsouth -> southcentralus */
		"westus3",           /* -> eastus -> westus */
		"westindia",         /* -> southindia -> centralindia */
		"indiasouthcentral", /* -> centralindia -> southindia */
		NULL
	};
	static const char *const gov_oneway[] = { "usgovvirginia", NULL };
	static const char *const none[] = { NULL };
	catalog *c = test_catalog();
	const cat_provider *az = provider(c, "azure");
	const cat_provider *gov = provider(c, "azure-gov");

	(void)state;
	check_symmetry(az, az_oneway);
	check_symmetry(gov, gov_oneway);
	check_symmetry(provider(c, "azure-cn"), none);
	assert_string_equal(pair_of(az, region(az, "southcentralus")),
		"northcentralus");
	assert_string_equal(pair_of(az, region(az, "eastus")), "westus");
	assert_string_equal(pair_of(az, region(az, "centralindia")),
		"southindia");
	assert_string_equal(pair_of(gov, region(gov, "usgovtexas")),
		"usgovarizona");
	sov_catalog_free(c);
}

static void azure_restricted_regions(void **state)
{
	static const char *const want[] = {
		"australiacentral2", "brazilsoutheast", "francesouth",
		"germanynorth", "norwaywest", "southafricawest",
		"swedensouth", "switzerlandwest", "uaecentral", NULL
	};
	catalog *c = test_catalog();
	const cat_provider *az = provider(c, "azure");
	const cat_provider *gov = provider(c, "azure-gov");
	const cat_provider *cn = provider(c, "azure-cn");
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < az->nregions; i++) {
		if (az->regions[i].restricted != in_list(az->regions[i].id,
		    want))
			fail_msg("azure/%s: restricted=%d",
				az->regions[i].id, az->regions[i].restricted);
		n += (size_t)az->regions[i].restricted;
	}
	assert_int_equal(n, list_len(want));
	for (i = 0; i < gov->nregions; i++)
		assert_true(gov->regions[i].restricted);
	assert_true(region(cn, "chinaeast3")->restricted);
	assert_false(region(cn, "chinanorth3")->restricted);
	sov_catalog_free(c);
}

static void azure_scopes(void **state)
{
	static const char *const eu[] = {
		"austriaeast", "belgiumcentral", "denmarkeast",
		"francecentral", "francesouth", "germanywestcentral",
		"germanynorth", "italynorth", "northeurope", "westeurope",
		"polandcentral", "spaincentral", "swedencentral",
		"swedensouth", NULL
	};
	static const char *const us[] = {
		"centralus", "eastus", "eastus2", "northcentralus",
		"southcentralus", "westcentralus", "westus", "westus2",
		"westus3", NULL
	};
	static const char *const usgov[] = {
		"usgovarizona", "usgovvirginia", NULL
	};
	catalog *c = test_catalog();
	const cat_provider *az = provider(c, "azure");
	const cat_scope *dz;
	size_t i;

	(void)state;
	check_scope(az, "datazone-eu", eu);
	check_scope(az, "datazone-us", us);
	check_scope(provider(c, "azure-gov"), "datazone-us", usgov);
	assert_int_equal(az->scopes[catalog_scope(az, "global")].nregions,
		az->nregions);
	/* The EU data zone stays in EU member states as of today. */
	dz = &az->scopes[catalog_scope(az, "datazone-eu")];
	for (i = 0; i < dz->nregions; i++)
		assert_true(group_has(c, "EU",
			country(c, &az->regions[dz->regions[i]])));
	/* Every public region in an EU member state is in the EU zone. */
	for (i = 0; i < az->nregions; i++)
		if (group_has(c, "EU", country(c, &az->regions[i])))
			assert_true(in_list(az->regions[i].id, eu));
	sov_catalog_free(c);
}

static void azure_sovereign_clouds(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *gov = provider(c, "azure-gov");
	const cat_provider *cn = provider(c, "azure-cn");
	int e, parent;

	(void)state;
	assert_string_equal(c->entities[gov->entity].id, "microsoft");
	check_region(c, gov, "usgovvirginia", "US-VA", NULL, "usgovtexas");
	check_region(c, gov, "usgovtexas", "US-TX", NULL, "usgovarizona");
	check_region(c, gov, "usgovarizona", "US-AZ", NULL, "usgovtexas");
	check_region(c, gov, "usdodeast", "US", NULL, "usdodcentral");
	check_region(c, gov, "usdodcentral", "US", NULL, "usdodeast");

	e = cn->entity;
	assert_string_equal(c->entities[e].id, "shanghai-blue-cloud");
	assert_string_equal(c->entities[e].name,
		"Shanghai Blue Cloud Technology Co., Ltd.");
	assert_string_equal(c->jur[c->entities[e].seat].code, "CN");
	parent = c->entities[e].parent;
	assert_true(parent >= 0);
	assert_string_equal(c->entities[parent].name,
		"Beijing 21Vianet Broadband Data Center Co., Ltd.");
	assert_string_equal(c->jur[c->entities[parent].seat].code, "CN");
	check_region(c, cn, "chinaeast", "CN", NULL, "chinanorth");
	check_region(c, cn, "chinanorth2", "CN", NULL, "chinaeast2");
	check_region(c, cn, "chinaeast3", "CN", NULL, "chinanorth3");
	sov_catalog_free(c);
}

static void gcp_spot_checks(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *g = provider(c, "gcp");

	(void)state;
	check_region(c, g, "us-central1", "US-IA", "Council Bluffs, Iowa",
		"none");
	check_region(c, g, "us-east1", "US-SC",
		"Moncks Corner, South Carolina", "none");
	check_region(c, g, "us-east4", "US-VA", "Ashburn, Virginia", "none");
	check_region(c, g, "us-east5", "US-OH", "Columbus, Ohio", "none");
	check_region(c, g, "us-south1", "US-TX", "Dallas, Texas", "none");
	check_region(c, g, "us-west1", "US-OR", "The Dalles, Oregon", "none");
	check_region(c, g, "us-west2", "US-CA", "Los Angeles, California",
		"none");
	check_region(c, g, "us-west3", "US-UT", "Salt Lake City, Utah",
		"none");
	check_region(c, g, "us-west4", "US-NV", "Las Vegas, Nevada", "none");
	check_region(c, g, "northamerica-northeast1", "CA-QC", "Montréal",
		"none");
	check_region(c, g, "northamerica-northeast2", "CA-ON", "Toronto",
		"none");
	check_region(c, g, "australia-southeast1", "AU-NSW", "Sydney",
		"none");
	check_region(c, g, "australia-southeast2", "AU-VIC", "Melbourne",
		"none");
	check_region(c, g, "europe-west1", "BE", "St. Ghislain", "none");
	check_region(c, g, "europe-west2", "GB", "London", "none");
	check_region(c, g, "europe-west6", "CH", "Zurich", "none");
	check_region(c, g, "europe-west4", "NL", "Eemshaven", "none");
	check_region(c, g, "europe-north2", "SE", "Stockholm", "none");
	check_region(c, g, "europe-west12", "IT", "Turin", "none");
	check_region(c, g, "asia-east1", "TW", "Changhua County", "none");
	check_region(c, g, "asia-east2", "HK", "Hong Kong", "none");
	check_region(c, g, "asia-southeast3", "TH", "Bangkok", "none");
	check_region(c, g, "me-central2", "SA", "Dammam", "none");
	check_region(c, g, "africa-south1", "ZA", "Johannesburg", "none");
	check_region(c, g, "northamerica-south1", "MX", "Querétaro", "none");
	sov_catalog_free(c);
}

static void gcp_scopes(void **state)
{
	static const char *const eu[] = {
		"europe-central2", "europe-north1", "europe-north2",
		"europe-southwest1", "europe-west1", "europe-west3",
		"europe-west4", "europe-west8", "europe-west9",
		"europe-west10", "europe-west12", NULL
	};
	static const char *const us[] = {
		"us-central1", "us-east1", "us-east4", "us-east5",
		"us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
		NULL
	};
	static const char *const asia[] = {
		"asia-east1", "asia-east2", "asia-northeast1",
		"asia-northeast2", "asia-northeast3", "asia-south1",
		"asia-south2", "asia-southeast1", "asia-southeast2",
		"asia-southeast3", NULL
	};
	static const char *const asia1[] = {
		"asia-northeast1", "asia-northeast2", NULL
	};
	static const char *const eur4[] = {
		"europe-north1", "europe-west4", NULL
	};
	static const char *const nam4[] = { "us-central1", "us-east1", NULL };
	catalog *c = test_catalog();
	const cat_provider *g = provider(c, "gcp");
	size_t i;

	(void)state;
	check_scope(g, "eu", eu);
	check_scope(g, "us", us);
	check_scope(g, "asia", asia);
	check_scope(g, "asia1", asia1);
	check_scope(g, "eur4", eur4);
	check_scope(g, "nam4", nam4);
	assert_int_equal(g->scopes[catalog_scope(g, "global")].nregions,
		g->nregions);
	/* Not listed: members not verified. */
	assert_true(catalog_scope(g, "eur5") < 0);
	assert_true(catalog_scope(g, "eur7") < 0);
	assert_true(catalog_scope(g, "eur8") < 0);
	/* London and Zurich are outside the EU multi-region. */
	assert_false(in_list("europe-west2", eu));
	assert_false(in_list("europe-west6", eu));
	/* Every EU member-state region is in "eu", and nothing else. */
	for (i = 0; i < g->nregions; i++)
		assert_int_equal(group_has(c, "EU",
			country(c, &g->regions[i])),
			in_list(g->regions[i].id, eu));
	assert_string_equal(c->entities[g->entity].id, "google");
	sov_catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(region_counts),
		cmocka_unit_test(azure_spot_checks),
		cmocka_unit_test(azure_cross_border_pairs),
		cmocka_unit_test(pairs_symmetric_or_documented),
		cmocka_unit_test(azure_restricted_regions),
		cmocka_unit_test(azure_scopes),
		cmocka_unit_test(azure_sovereign_clouds),
		cmocka_unit_test(gcp_spot_checks),
		cmocka_unit_test(gcp_scopes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
