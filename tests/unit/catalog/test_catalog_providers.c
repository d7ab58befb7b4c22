/*
 * Unit tests for the shipped catalog's legal entities, laws and the
 * providers outside the big three: EU providers, Alibaba Cloud, IBM Cloud
 * and the sovereign offerings. Facts checked against the sources named in
 * policies/catalog/{laws-entities,providers-eu,providers-other,
 * sovereign-offerings}.xml.
 */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "base/dates.h"

#define AS_OF "2026-11-28"

static int day_of(const char *date)
{
	int day;

	assert_int_equal(dates_parse(date, &day), 0);
	return day;
}

static const cat_entity *entity(const catalog *c, const char *id)
{
	int e = catalog_entity(c, id);

	assert_true(e >= 0);
	return &c->entities[e];
}

static const cat_provider *provider(const catalog *c, const char *id)
{
	int p = catalog_provider(c, id);

	assert_true(p >= 0);
	return &c->providers[p];
}

static const cat_region *region(const cat_provider *p, const char *id)
{
	int r = catalog_region(p, id);

	assert_true(r >= 0);
	return &p->regions[r];
}

static const char *code(const catalog *c, int j)
{
	return c->jur[j].code;
}

/* The seats of an entity and of every parent, as "A B C". */
static const char *chain_seats(const catalog *c, const char *id, char *buf,
	size_t size)
{
	int e = catalog_entity(c, id);
	size_t used = 0;
	int depth = 0;

	assert_true(e >= 0);
	buf[0] = '\0';
	for (; e >= 0 && depth <= (int)c->nentities;
	     e = c->entities[e].parent, depth++) {
		int n = snprintf(buf + used, size - used, "%s%s",
			used ? " " : "", code(c, c->entities[e].seat));

		assert_true(n > 0 && (size_t)n < size - used);
		used += (size_t)n;
	}
	return buf;
}

/*
 * Is the entity exposed to the law? Seat-chain laws: some seat up the
 * chain is the law's jurisdiction or lies in it. Declared laws: some
 * entity up the chain declares an exposure.
 */
static int exposed(const catalog *c, const char *id, const char *law_id)
{
	int l = catalog_law(c, law_id), e = catalog_entity(c, id);
	int depth = 0;

	assert_true(l >= 0 && e >= 0);
	for (; e >= 0 && depth <= (int)c->nentities;
	     e = c->entities[e].parent, depth++) {
		const cat_entity *en = &c->entities[e];
		size_t k;

		if (!c->laws[l].declared_only &&
		    (en->seat == c->laws[l].jurisdiction ||
		     c->jur[en->seat].country == c->laws[l].jurisdiction))
			return 1;
		for (k = 0; k < en->nexposures; k++)
			if (en->exposures[k] == l)
				return 1;
	}
	return 0;
}

/* A provider's default operator is exposed to the law. */
static int provider_exposed(const catalog *c, const char *pid,
	const char *law_id)
{
	const cat_provider *p = provider(c, pid);

	return exposed(c, c->entities[p->entity].id, law_id);
}

/* The entity itself holds the certification on `date`. */
static int holds(const catalog *c, const char *id, const char *cert,
	const char *date)
{
	const cat_entity *en = entity(c, id);
	int day = day_of(date);
	size_t k;

	for (k = 0; k < en->ncerts; k++)
		if (strcmp(en->certs[k].id, cert) == 0 &&
		    dates_in_range(day, en->certs[k].from, en->certs[k].until))
			return 1;
	return 0;
}

/* The entity or one of its parents holds it on `date`. */
static int holds_in_chain(const catalog *c, const char *id,
	const char *cert, const char *date)
{
	int e = catalog_entity(c, id);
	int depth = 0;

	assert_true(e >= 0);
	for (; e >= 0 && depth <= (int)c->nentities;
	     e = c->entities[e].parent, depth++)
		if (holds(c, c->entities[e].id, cert, date))
			return 1;
	return 0;
}

static int in_group(const catalog *c, const char *group, int j,
	const char *date)
{
	arena *a = arena_new(NULL);
	jword *s = jurset_new(a, c->words);
	int g = catalog_group(c, group);
	int has;

	assert_true(g >= 0);
	catalog_expand_group(c, NULL, &c->groups[g], day_of(date), s, 0);
	has = jurset_has(s, (size_t)j);
	arena_free(a);
	return has;
}

static void entities_and_seats(void **state)
{
	catalog *c = test_catalog();
	struct {
		const char *id, *name, *seat, *parent;
	} want[] = {
		{ "amazon", "Amazon.com, Inc.", "US-WA", NULL },
		{ "microsoft", "Microsoft Corporation", "US-WA", NULL },
		{ "alphabet", "Alphabet Inc.", "US-CA", NULL },
		{ "google", "Google LLC", "US-CA", "alphabet" },
		{ "ibm", "International Business Machines Corporation",
		  "US-NY", NULL },
		{ "alibaba-group", "Alibaba Group Holding Limited", "KY",
		  NULL },
		{ "alibaba-cloud-sg", "Alibaba Cloud (Singapore) Private "
		  "Limited", "SG", "alibaba-group" },
		{ "alibaba-cloud-cn", "Alibaba Cloud Computing Ltd.", "CN",
		  "alibaba-group" },
		{ "ovh-groupe", "OVH Groupe SA", "FR", NULL },
		{ "scaleway", "Scaleway SAS", "FR", "iliad" },
		{ "ionos", "IONOS SE", "DE", NULL },
		{ "stackit", "Schwarz Digits Cloud GmbH & Co. KG", "DE",
		  NULL },
		{ "hetzner", "Hetzner Online GmbH", "DE", NULL },
		{ "aws-esc", "AWS European Sovereign Cloud GmbH", "DE",
		  "amazon" },
		{ "s3ns", "S3NS SAS", "FR", "thales" },
		{ "bleu", "Bleu", "FR", NULL },
		{ "delos", "Delos Cloud GmbH", "DE", "sap" },
		{ "t-systems", "T-Systems International GmbH", "DE",
		  "deutsche-telekom" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const cat_entity *e = entity(c, want[i].id);

		assert_string_equal(e->name, want[i].name);
		assert_string_equal(code(c, e->seat), want[i].seat);
		if (want[i].parent)
			assert_string_equal(c->entities[e->parent].id,
				want[i].parent);
		else
			assert_int_equal(e->parent, -1);
	}
	/* Subdivision seats belong to their country. */
	assert_string_equal(code(c, c->jur[entity(c, "amazon")->seat].country),
		"US");
	sov_catalog_free(c);
}

static void control_chains(void **state)
{
	catalog *c = test_catalog();
	char buf[128];

	(void)state;
	assert_string_equal(chain_seats(c, "aws-esc", buf, sizeof buf),
		"DE US-WA");
	assert_string_equal(chain_seats(c, "google", buf, sizeof buf),
		"US-CA US-CA");
	assert_string_equal(chain_seats(c, "delos", buf, sizeof buf),
		"DE DE");
	assert_string_equal(chain_seats(c, "s3ns", buf, sizeof buf),
		"FR FR");
	assert_string_equal(chain_seats(c, "bleu", buf, sizeof buf), "FR");
	assert_string_equal(chain_seats(c, "t-systems", buf, sizeof buf),
		"DE DE");
	assert_string_equal(chain_seats(c, "scaleway", buf, sizeof buf),
		"FR FR");
	assert_string_equal(chain_seats(c, "alibaba-cloud-sg", buf,
		sizeof buf), "SG KY");
	assert_string_equal(chain_seats(c, "alibaba-cloud-cn", buf,
		sizeof buf), "CN KY");
	/* Google holds a minority of S3NS only: not in its chain. */
	assert_string_not_equal(c->entities[entity(c, "s3ns")->parent].id,
		"google");
	sov_catalog_free(c);
}

static void laws(void **state)
{
	catalog *c = test_catalog();
	int l;

	(void)state;
	l = catalog_law(c, "US-CLOUD-ACT");
	assert_true(l >= 0);
	assert_non_null(strstr(c->laws[l].title, "18 U.S.C. \xc2\xa7 2713"));
	assert_string_equal(code(c, c->laws[l].jurisdiction), "US");
	assert_false(c->laws[l].declared_only);
	l = catalog_law(c, "US-FISA-702");
	assert_non_null(strstr(c->laws[l].title, "50 U.S.C. \xc2\xa7 1881a"));
	assert_false(c->laws[l].declared_only);
	/* An executive order directing agencies: declared exposure only. */
	l = catalog_law(c, "US-EO-12333");
	assert_true(l >= 0);
	assert_true(c->laws[l].declared_only);
	l = catalog_law(c, "CN-NATIONAL-INTELLIGENCE-LAW");
	assert_true(l >= 0);
	assert_string_equal(code(c, c->laws[l].jurisdiction), "CN");
	assert_false(c->laws[l].declared_only);
	l = catalog_law(c, "RU-YAROVAYA");
	assert_true(l >= 0);
	assert_string_equal(code(c, c->laws[l].jurisdiction), "RU");
	assert_true(c->laws[l].declared_only);
	sov_catalog_free(c);
}

static void cloud_act_through_the_chain(void **state)
{
	catalog *c = test_catalog();
	const char *law = "US-CLOUD-ACT";

	(void)state;
	/* A US seat anywhere up the chain exposes the operator. */
	assert_true(provider_exposed(c, "aws-esc", law));
	assert_true(provider_exposed(c, "aws-esc", "US-FISA-702"));
	assert_true(provider_exposed(c, "gcp", law));
	assert_true(provider_exposed(c, "ibm", law));
	assert_true(exposed(c, "google", law));
	/* European chains are not. */
	assert_false(provider_exposed(c, "delos", law));
	assert_false(provider_exposed(c, "s3ns", law));
	assert_false(provider_exposed(c, "bleu", law));
	assert_false(provider_exposed(c, "tsystems-gcp", law));
	assert_false(provider_exposed(c, "ovhcloud", law));
	assert_false(provider_exposed(c, "scaleway", law));
	assert_false(provider_exposed(c, "ionos", law));
	assert_false(provider_exposed(c, "stackit", law));
	assert_false(provider_exposed(c, "hetzner", law));
	assert_false(provider_exposed(c, "alibaba", law));
	/* Declared-only laws reach nobody without a declaration. */
	assert_false(exposed(c, "amazon", "US-EO-12333"));
	assert_false(exposed(c, "microsoft", "US-EO-12333"));
	sov_catalog_free(c);
}

static void china_intelligence_law(void **state)
{
	catalog *c = test_catalog();
	const char *law = "CN-NATIONAL-INTELLIGENCE-LAW";

	(void)state;
	/* The mainland operator is exposed through its own seat ... */
	assert_true(exposed(c, "alibaba-cloud-cn", law));
	/* ... the Singapore one is not: its chain stays in SG and KY. */
	assert_false(provider_exposed(c, "alibaba", law));
	assert_false(exposed(c, "alibaba-group", law));
	assert_false(exposed(c, "alibaba-cloud-nl", law));
	assert_false(provider_exposed(c, "aws-esc", law));
	sov_catalog_free(c);
}

static void certifications(void **state)
{
	catalog *c = test_catalog();
	const char *tta = "trusted-tech-alliance";

	(void)state;
	/* S3NS: SecNumCloud 3.2 for PREMI3NS from 17 December 2025. */
	assert_false(holds(c, "s3ns", "secnumcloud-3.2", "2025-12-16"));
	assert_true(holds(c, "s3ns", "secnumcloud-3.2", "2025-12-17"));
	assert_true(holds(c, "s3ns", "secnumcloud-3.2", AS_OF));
	assert_false(holds(c, "thales", "secnumcloud-3.2", AS_OF));
	assert_false(holds(c, "bleu", "secnumcloud-3.2", AS_OF));
	assert_false(holds(c, "delos", "secnumcloud-3.2", AS_OF));
	assert_false(holds(c, "ovh-groupe", "secnumcloud-3.2", AS_OF));
	/* Trusted Tech Alliance, launched 13 February 2026. */
	assert_false(holds(c, "microsoft", tta, "2026-02-12"));
	assert_true(holds(c, "microsoft", tta, "2026-02-13"));
	assert_true(holds(c, "amazon", tta, AS_OF));
	assert_true(holds(c, "google", tta, AS_OF));
	assert_true(holds(c, "sap", tta, AS_OF));
	assert_false(holds(c, "alphabet", tta, AS_OF));
	assert_false(holds(c, "ibm", tta, AS_OF));
	/* Memberships show down the chain. */
	assert_true(holds_in_chain(c, "aws-esc", tta, AS_OF));
	assert_false(holds_in_chain(c, "aws-esc", tta, "2026-01-15"));
	assert_true(holds_in_chain(c, "delos", tta, AS_OF));
	assert_false(holds_in_chain(c, "s3ns", tta, AS_OF));
	/* The DPF is the recipient's, stated by a deployment. */
	assert_false(holds_in_chain(c, "amazon", "eu-us-dpf", AS_OF));
	assert_false(holds_in_chain(c, "microsoft", "eu-us-dpf", AS_OF));
	assert_false(holds_in_chain(c, "google", "eu-us-dpf", AS_OF));
	sov_catalog_free(c);
}

static void region_counts(void **state)
{
	catalog *c = test_catalog();
	struct {
		const char *id;
		size_t regions;
		int global;
	} want[] = {
		{ "ovhcloud", 12, 1 },
		{ "scaleway", 3, 1 },
		{ "ionos", 7, 1 },
		{ "stackit", 0, 0 },
		{ "hetzner", 6, 1 },
		{ "alibaba", 26, 1 },
		{ "ibm", 11, 1 },
		{ "aws-esc", 1, 1 },
		{ "s3ns", 1, 1 },
		{ "bleu", 2, 0 },
		{ "delos", 2, 0 },
		{ "tsystems-gcp", 1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const cat_provider *p = provider(c, want[i].id);
		int s = catalog_scope(p, "global");

		assert_int_equal(p->nregions, want[i].regions);
		if (want[i].global) {
			assert_true(s >= 0);
			assert_int_equal(p->scopes[s].nregions, p->nregions);
		} else {
			assert_int_equal(s, -1);
		}
	}
	sov_catalog_free(c);
}

static void region_spot_checks(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *p;
	const cat_region *r;

	(void)state;
	p = provider(c, "hetzner");
	r = region(p, "hil");
	assert_string_equal(code(c, r->jurisdiction), "US-OR");
	assert_string_equal(r->city, "Hillsboro");
	assert_int_equal(r->pair, PAIR_NONE);
	r = region(p, "ash");
	assert_string_equal(code(c, c->jur[r->jurisdiction].country), "US");
	assert_string_equal(code(c, region(p, "hel1")->jurisdiction), "FI");

	p = provider(c, "ovhcloud");
	r = region(p, "ca-east-bhs");
	assert_string_equal(code(c, r->jurisdiction), "CA-QC");
	assert_string_equal(r->city, "Beauharnois");
	assert_string_equal(code(c, region(p, "eu-west-lim")->jurisdiction),
		"DE");
	assert_true(catalog_region(p, "us-east-vin") < 0);

	p = provider(c, "scaleway");
	assert_string_equal(code(c, region(p, "nl-ams")->jurisdiction), "NL");
	assert_string_equal(region(p, "pl-waw")->city, "Warsaw");

	p = provider(c, "ionos");
	assert_string_equal(region(p, "de-fkb")->city, "Karlsruhe");
	assert_string_equal(code(c, region(p, "us-las")->jurisdiction),
		"US-NV");

	p = provider(c, "alibaba");
	assert_string_equal(code(c, region(p, "cn-hongkong")->jurisdiction),
		"HK");
	assert_string_equal(code(c, region(p, "cn-hangzhou")->jurisdiction),
		"CN");
	assert_string_equal(code(c, region(p, "us-west-1")->jurisdiction),
		"US-CA");
	assert_int_equal(region(p, "eu-central-1")->pair, PAIR_NONE);
	assert_true(catalog_region(p, "ap-southeast-2") < 0);

	p = provider(c, "ibm");
	assert_string_equal(code(c, region(p, "au-syd")->jurisdiction),
		"AU-NSW");
	assert_string_equal(code(c, region(p, "us-south")->jurisdiction),
		"US-TX");
	assert_string_equal(code(c, region(p, "us-east")->jurisdiction),
		"US");

	p = provider(c, "aws-esc");
	r = region(p, "eusc-de-east-1");
	assert_string_equal(code(c, r->jurisdiction), "DE");
	assert_string_equal(r->city, "Brandenburg");

	p = provider(c, "bleu");
	r = region(p, "bleufrancecentral");
	assert_string_equal(p->regions[r->pair].id, "bleufrancesouth");
	assert_string_equal(code(c, r->jurisdiction), "FR");

	p = provider(c, "delos");
	assert_int_equal(region(p, "deloscloudgermanynorth")->pair,
		PAIR_UNKNOWN);

	p = provider(c, "s3ns");
	assert_string_equal(code(c, region(p, "u-france-east1")->jurisdiction),
		"FR");

	p = provider(c, "tsystems-gcp");
	r = region(p, "europe-west3");
	assert_string_equal(r->city, "Frankfurt");
	assert_string_equal(code(c, r->jurisdiction), "DE");
	sov_catalog_free(c);
}

static void regions_and_groups(void **state)
{
	catalog *c = test_catalog();
	const cat_provider *p;
	size_t i;

	(void)state;
	/* Every Scaleway and sovereign-offering region is in the EU. */
	p = provider(c, "scaleway");
	for (i = 0; i < p->nregions; i++)
		assert_true(in_group(c, "EU", p->regions[i].jurisdiction,
			AS_OF));
	p = provider(c, "delos");
	for (i = 0; i < p->nregions; i++)
		assert_true(in_group(c, "EU", p->regions[i].jurisdiction,
			AS_OF));
	/* OVHcloud Erith (GB) was in the EU until 31 January 2020. */
	p = provider(c, "ovhcloud");
	assert_true(in_group(c, "EU", region(p, "eu-west-eri")->jurisdiction,
		"2020-01-31"));
	assert_false(in_group(c, "EU", region(p, "eu-west-eri")->jurisdiction,
		AS_OF));
	/* Hetzner Helsinki is in the EEA, Ashburn is not. */
	p = provider(c, "hetzner");
	assert_true(in_group(c, "EEA", region(p, "hel1")->jurisdiction,
		AS_OF));
	assert_false(in_group(c, "EEA", region(p, "ash")->jurisdiction,
		AS_OF));
	sov_catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entities_and_seats),
		cmocka_unit_test(control_chains),
		cmocka_unit_test(laws),
		cmocka_unit_test(cloud_act_through_the_chain),
		cmocka_unit_test(china_intelligence_law),
		cmocka_unit_test(certifications),
		cmocka_unit_test(region_counts),
		cmocka_unit_test(region_spot_checks),
		cmocka_unit_test(regions_and_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
