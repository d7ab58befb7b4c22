/* Unit tests for placement.c: sov_where, conflicts and --suggest. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#define REGIME SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"
#define RU_152FZ SOV_SOURCE_DIR "/policies/regimes/ru-152fz-localization.xml"

static sov_catalog *cat;
static sov_policy *gdpr;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	assert_int_equal(sov_policy_load_file(&gdpr, cat, REGIME, NULL, NULL),
		SOV_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_policy_free(gdpr);
	sov_catalog_free(cat);
	return 0;
}

static const char *personal[] = { "personal" };

static sov_placement *where(const sov_policy *const *pols, size_t n,
	const char *provider, const char *redundancy)
{
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	sov_placement *p = NULL;

	o.as_of = "2026-11-28";
	o.provider = provider;
	o.data = personal;
	o.ndata = 1;
	o.redundancy = redundancy;
	assert_int_equal(sov_where(&p, pols, n, &o, NULL), SOV_OK);
	return p;
}

static long find(const sov_placement *p, const char *region)
{
	size_t i;

	for (i = 0; i < sov_placement_count(p); i++)
		if (strcmp(sov_candidate_str(p, i, SOV_C_REGION), region) == 0)
			return (long)i;
	return -1;
}

static const char *status(const sov_placement *p, const char *region)
{
	long i = find(p, region);

	assert_true(i >= 0);
	return sov_candidate_str(p, (size_t)i, SOV_C_STATUS);
}

static void geo_redundancy_needs_an_allowed_pair(void **state)
{
	sov_placement *p = where((const sov_policy *const *)&gdpr, 1,
		"azure", "geo");
	size_t i;

	(void)state;
	assert_true(sov_placement_allowed(p) > 0);
	assert_string_equal(status(p, "brazilsouth"), "ruled-out");
	assert_string_equal(sov_candidate_str(p, (size_t)find(p,
		"brazilsouth"), SOV_C_RULE), "gdpr-44-replica");
	assert_string_equal(status(p, "brazilsoutheast"), "allowed");
	/* Open only on request: allowed, and said so. */
	assert_string_equal(sov_candidate_str(p, (size_t)find(p,
		"brazilsoutheast"), SOV_C_RESTRICTED), "restricted");
	assert_null(sov_candidate_str(p, (size_t)find(p, "westeurope"),
		SOV_C_RESTRICTED));
	assert_string_equal(status(p, "westeurope"), "allowed");
	assert_string_equal(status(p, "eastus"), "ruled-out");
	/* Geo-redundancy where no pair exists is an unknown fact. */
	assert_string_equal(status(p, "italynorth"), "ruled-out");
	for (i = 0; i < sov_placement_count(p); i++) {
		const char *pj = sov_candidate_str(p, i,
			SOV_C_PAIR_JURISDICTION);

		if (strcmp(sov_candidate_str(p, i, SOV_C_STATUS), "allowed"))
			continue;
		assert_non_null(pj);
		assert_false(strncmp(pj, "US", 2) == 0);
	}
	sov_placement_free(p);
}

static void without_geo_brazil_is_allowed(void **state)
{
	sov_placement *p = where((const sov_policy *const *)&gdpr, 1,
		"azure", NULL);

	(void)state;
	assert_string_equal(status(p, "brazilsouth"), "allowed");
	assert_string_equal(status(p, "italynorth"), "allowed");
	assert_int_equal(sov_placement_conflict_count(p), 0);
	sov_placement_free(p);
}

static void conflicting_policies_are_named(void **state)
{
	static const char localize[] =
		"<policy-set " POLICY_NS " id=\"loc\" title=\"L\">"
		"<rule id=\"in-br\" severity=\"error\"><title>T</title>"
		"<citation instrument=\"I\" article=\"A\"/>"
		"<require><within facet=\"stored\" set=\"IN\"/></require>"
		"</rule></policy-set>";
	sov_policy *pols[2];
	sov_placement *p;
	char *text = NULL;

	(void)state;
	pols[0] = test_policy(cat, localize);
	pols[1] = gdpr;
	p = where((const sov_policy *const *)pols, 2, "aws", NULL);
	assert_int_equal(sov_placement_allowed(p), 0);
	assert_int_equal(sov_placement_conflict_count(p), 2);
	assert_string_equal(sov_placement_conflict(p, 0), "loc:in-br");
	assert_string_equal(sov_placement_conflict(p, 1),
		"eu-gdpr-transfers:gdpr-44-stored");
	assert_int_equal(sov_placement_render(&text, NULL, p,
		SOV_FORMAT_TEXT, 0), SOV_OK);
	assert_non_null(strstr(text, "No placement exists"));
	sov_placement_buffer_free(p, text);
	sov_placement_free(p);
	sov_policy_free(pols[0]);
}

static void bad_questions(void **state)
{
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	sov_placement *p = NULL;
	sov_diags *d;

	(void)state;
	sov_diags_new(&d);
	o.as_of = "2026-11-28";
	o.provider = "azur";
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&gdpr, 1,
		&o, d), SOV_EINPUT);
	test_diag_has(d, "did you mean 'azure'", 0);
	o.provider = "azure";
	o.redundancy = "triple";
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&gdpr, 1,
		&o, d), SOV_EUSAGE);
	o.redundancy = NULL;
	o.as_of = NULL;
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&gdpr, 1,
		&o, d), SOV_EUSAGE);
	assert_null(p);
	sov_diags_free(d);
}

static void suggestions_beside_violations(void **state)
{
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	long i;

	(void)state;
	assert_int_equal(sov_deployment_load_file(&d, cat, SOV_SOURCE_DIR
		"/examples/deployments/replica-violation.xml", NULL, NULL),
		SOV_OK);
	co.as_of = "2026-11-28";
	co.suggest = 1;
	assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)&gdpr,
		1, d, &co, NULL), SOV_OK);
	i = test_find(r, "gdpr-44-replica", "br-customer-db", "personal");
	assert_true(i >= 0);
	assert_non_null(strstr(sov_finding_str(r, (size_t)i, SOV_F_FIX),
		"zone-redundant"));
	assert_non_null(strstr(sov_finding_str(r, (size_t)i,
		SOV_F_ALTERNATIVES), "brazilsoutheast"));
	i = test_find(r, "gdpr-48-control", "br-customer-db", "personal");
	assert_null(sov_finding_str(r, (size_t)i, SOV_F_FIX));
	sov_result_free(r);
	sov_deployment_free(d);
}

/* A policy whose one rule rests on an unsettled reading: outside the
 * EEA, a store is lawful only on the answer "yes". */
static const char reading_policy[] =
	"<policy-set " POLICY_NS " id=\"pin\" title=\"P\">"
	"<reading id=\"abroad\"><question>May it go abroad?</question>"
	"<value id=\"yes\">Yes</value><value id=\"no\">No</value></reading>"
	"<rule id=\"eea-or-yes\" severity=\"error\"><title>T</title>"
	"<citation instrument=\"I\" article=\"A\"/>"
	"<require><any><within facet=\"stored\" set=\"EEA\"/>"
	"<reading-is id=\"abroad\" value=\"yes\"/></any></require>"
	"</rule></policy-set>";

static sov_placement *where_pinned(const sov_policy *pol, unsigned version,
	const char *pin)
{
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	sov_placement *p = NULL;

	o.version = version;
	o.as_of = "2026-11-28";
	o.provider = "aws";
	o.data = personal;
	o.ndata = 1;
	o.readings = pin ? &pin : NULL;
	o.nreadings = pin ? 1 : 0;
	assert_int_equal(sov_where(&p, &pol, 1, &o, NULL), SOV_OK);
	return p;
}

static const char *reason(const sov_placement *p, const char *region)
{
	long i = find(p, region);

	assert_true(i >= 0);
	return sov_candidate_str(p, (size_t)i, SOV_C_REASON);
}

static int rendered_has(const sov_placement *p, sov_format f,
	const char *text)
{
	char *out = NULL;
	int has;

	assert_int_equal(sov_placement_render(&out, NULL, p, f, 0), SOV_OK);
	has = strstr(out, text) != NULL;
	sov_placement_buffer_free(p, out);
	return has;
}

static void open_reading_rules_out_what_it_decides(void **state)
{
	sov_policy *pol = test_policy(cat, reading_policy);
	sov_placement *p = where_pinned(pol, SOV_WHERE_OPTIONS_VERSION,
		NULL);

	(void)state;
	assert_string_equal(status(p, "eu-central-1"), "allowed");
	assert_string_equal(status(p, "us-east-1"), "ruled-out");
	assert_non_null(strstr(reason(p, "us-east-1"), "unknown: the "
		"reading 'abroad' is not settled"));
	assert_true(rendered_has(p, SOV_FORMAT_TEXT,
		"\nReading abroad: open (May it go abroad?)\n"));
	assert_true(rendered_has(p, SOV_FORMAT_JSON, "\"readings\":[{\"id\":"
		"\"abroad\",\"policy\":\"pin\",\"question\":\"May it go "
		"abroad?\",\"value\":null}]"));
	sov_placement_free(p);
	sov_policy_free(pol);
}

static void each_pin_gives_a_definite_answer(void **state)
{
	sov_policy *pol = test_policy(cat, reading_policy);
	sov_placement *yes = where_pinned(pol, SOV_WHERE_OPTIONS_VERSION,
		"abroad:yes");
	sov_placement *no = where_pinned(pol, SOV_WHERE_OPTIONS_VERSION,
		"abroad:no");

	(void)state;
	assert_int_equal(sov_placement_allowed(yes),
		sov_placement_count(yes));
	assert_string_equal(status(yes, "us-east-1"), "allowed");
	assert_true(rendered_has(yes, SOV_FORMAT_TEXT,
		"\nReading abroad: pinned to 'yes'.\n"));
	assert_string_equal(status(no, "eu-central-1"), "allowed");
	assert_string_equal(status(no, "us-east-1"), "ruled-out");
	assert_string_equal(reason(no, "us-east-1"),
		"stored in US-VA; checked against EEA");
	assert_true(rendered_has(no, SOV_FORMAT_JSON, "\"value\":\"no\"}]"));
	sov_placement_free(yes);
	sov_placement_free(no);
	sov_policy_free(pol);
}

/* A version-1 caller's struct ends at `ntags`: whatever follows it in
 * memory is not read, so a bogus pin there changes nothing. */
static void version_1_reads_no_pins(void **state)
{
	sov_policy *pol = test_policy(cat, reading_policy);
	sov_placement *p = where_pinned(pol, 1, "bogus");

	(void)state;
	assert_string_equal(status(p, "us-east-1"), "ruled-out");
	assert_non_null(strstr(reason(p, "us-east-1"), "not settled"));
	assert_true(rendered_has(p, SOV_FORMAT_TEXT, "Reading abroad: open"));
	sov_placement_free(p);
	sov_policy_free(pol);
}

static void bad_pins_are_refused(void **state)
{
	sov_policy *pol = NULL;
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	const char *pin = "ru-152fz-copy-abroad:lenient";
	sov_placement *p = NULL;
	sov_diags *d;

	(void)state;
	assert_int_equal(sov_policy_load_file(&pol, cat, RU_152FZ, NULL,
		NULL), SOV_OK);
	sov_diags_new(&d);
	o.as_of = "2026-11-28";
	o.data = personal;
	o.ndata = 1;
	o.readings = &pin;
	o.nreadings = 1;
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&pol, 1,
		&o, d), SOV_EUSAGE);
	test_diag_has(d, "reading 'ru-152fz-copy-abroad' has no answer "
		"'lenient'", 0);
	pin = "ru-152fz-copy-abraod:strict";
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&pol, 1,
		&o, d), SOV_EUSAGE);
	test_diag_has(d, "unknown reading 'ru-152fz-copy-abraod'", 0);
	o.readings = NULL;
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&pol, 1,
		&o, d), SOV_EUSAGE);
	assert_null(p);
	sov_diags_free(d);
	sov_policy_free(pol);
}

/* In 152-FZ the reading decides only exceptions that also need the
 * mechanism rkn-notified, which a `where` template never states: the
 * pin is named in the report, and the answer stays the same. */
static void ru_152fz_names_the_pin(void **state)
{
	static const char *const answers[] = { NULL,
		"ru-152fz-copy-abroad:literal",
		"ru-152fz-copy-abroad:strict" };
	static const char *const said[] = { "open (",
		"pinned to 'literal'.", "pinned to 'strict'." };
	static const char *const personal_ru[] = { "personal-ru" };
	sov_policy *pol = NULL;
	char text[64];
	size_t k;

	(void)state;
	assert_int_equal(sov_policy_load_file(&pol, cat, RU_152FZ, NULL,
		NULL), SOV_OK);
	for (k = 0; k < 3; k++) {
		sov_where_options o = SOV_WHERE_OPTIONS_INIT;
		sov_placement *p = NULL;

		o.as_of = "2026-11-28";
		o.data = personal_ru;
		o.ndata = 1;
		o.redundancy = "geo";
		o.readings = answers[k] ? &answers[k] : NULL;
		o.nreadings = answers[k] != NULL;
		assert_int_equal(sov_where(&p, (const sov_policy *const *)&pol,
			1, &o, NULL), SOV_OK);
		assert_int_equal(sov_placement_allowed(p), 0);
		assert_int_equal(sov_placement_conflict_count(p), 1);
		assert_string_equal(sov_placement_conflict(p, 0),
			"ru-152fz-localization:ru-152fz-copies-abroad");
		snprintf(text, sizeof(text), "Reading ru-152fz-copy-abroad: "
			"%s", said[k]);
		assert_true(rendered_has(p, SOV_FORMAT_TEXT, text));
		sov_placement_free(p);
	}
	sov_policy_free(pol);
}

/* --suggest judges alternatives on the check's pins: with the reading
 * open every EEA region would be undecided too, and none offered. */
static void suggestions_use_the_pins(void **state)
{
	static const char eea_on_yes[] =
		"<policy-set " POLICY_NS " id=\"pin2\" title=\"P\">"
		"<reading id=\"abroad\"><question>Q?</question>"
		"<value id=\"yes\">Y</value><value id=\"no\">N</value>"
		"</reading><rule id=\"eea-and-yes\" severity=\"error\">"
		"<title>T</title><citation instrument=\"I\" article=\"A\"/>"
		"<require><all><within facet=\"stored\" set=\"EEA\"/>"
		"<reading-is id=\"abroad\" value=\"yes\"/></all></require>"
		"</rule></policy-set>";
	static const char dep[] =
		"<deployment " DEPLOY_NS " id=\"d\">"
		"<data-class id=\"personal\"/>"
		"<component id=\"db\" kind=\"database\" provider=\"aws\" "
		"region=\"us-east-1\" redundancy=\"none\" "
		"backups=\"none\"><stores data=\"personal\"/></component>"
		"</deployment>";
	sov_policy *pol = test_policy(cat, eea_on_yes);
	sov_deployment *d = test_deployment(cat, dep);
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	const char *pin = "abroad:yes";
	sov_result *r = NULL;
	const char *alts;
	long i;

	(void)state;
	co.as_of = "2026-11-28";
	co.suggest = 1;
	co.readings = &pin;
	co.nreadings = 1;
	assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)&pol,
		1, d, &co, NULL), SOV_OK);
	i = test_find(r, "eea-and-yes", "db", "personal");
	assert_true(i >= 0);
	assert_string_equal(sov_finding_str(r, (size_t)i, SOV_F_VERDICT),
		"violation");
	alts = sov_finding_str(r, (size_t)i, SOV_F_ALTERNATIVES);
	assert_non_null(alts);
	assert_non_null(strstr(alts, "eu-"));
	sov_result_free(r);
	sov_deployment_free(d);
	sov_policy_free(pol);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(geo_redundancy_needs_an_allowed_pair),
		cmocka_unit_test(without_geo_brazil_is_allowed),
		cmocka_unit_test(conflicting_policies_are_named),
		cmocka_unit_test(bad_questions),
		cmocka_unit_test(suggestions_beside_violations),
		cmocka_unit_test(open_reading_rules_out_what_it_decides),
		cmocka_unit_test(each_pin_gives_a_definite_answer),
		cmocka_unit_test(version_1_reads_no_pins),
		cmocka_unit_test(bad_pins_are_refused),
		cmocka_unit_test(ru_152fz_names_the_pin),
		cmocka_unit_test(suggestions_use_the_pins),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
