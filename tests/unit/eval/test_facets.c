/* Unit tests for facets.c: derivation of the eight facets. */
#include "helpers.h"

#include <string.h>

#include "eval/facets.h"

#define DEP(body) \
	"<deployment " DEPLOY_NS " id=\"d\">\n" \
	"<data-class id=\"personal\"/>\n" body "</deployment>\n"

static sov_catalog *cat;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_catalog_free(cat);
	return 0;
}

typedef struct {
	deployment *d;
	arena *a;
	subject *subs;
	size_t n;
} derived;

static void derive(derived *x, const char *xml)
{
	x->d = test_deployment(cat, xml);
	x->a = arena_new(NULL);
	assert_int_equal(facets_derive(x->a, x->d, &x->subs, &x->n), SOV_OK);
}

static void release(derived *x)
{
	arena_free(x->a);
	sov_deployment_free(x->d);
}

/* The facet's codes, space-separated, in catalog order. */
static const char *codes(const facet_val *f, char *out, size_t len)
{
	long j;

	out[0] = '\0';
	for (j = jurset_next(f->set, cat->words, 0); j >= 0;
	     j = jurset_next(f->set, cat->words, (size_t)j + 1)) {
		if (out[0])
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, cat->jur[j].code, len - strlen(out) - 1);
	}
	return out;
}

static void geo_redundancy_adds_the_pair(void **state)
{
	derived x;
	char text[256];

	(void)state;
	derive(&x, DEP("<component id=\"db\" kind=\"db\" provider=\"azure\" "
		"region=\"brazilsouth\" redundancy=\"geo\" backups=\"none\">"
		"<stores data=\"personal\"/></component>\n"));
	assert_int_equal(x.n, 1);
	assert_string_equal(codes(&x.subs[0].f[F_STORED], text, sizeof(text)),
		"BR");
	assert_string_equal(codes(&x.subs[0].f[F_REPLICA], text, sizeof(text)),
		"US-TX");
	{
		buf b;

		buf_init(&b, NULL);
		facets_origin_text(&b, x.d, &x.subs[0].f[F_REPLICA].origins[0],
			1);
		assert_non_null(strstr(b.data,
			"paired region southcentralus"));
		buf_release(&b);
	}
	assert_true(x.subs[0].f[F_BACKUP].known);
	assert_true(jurset_empty(x.subs[0].f[F_BACKUP].set, cat->words));
	release(&x);
}

static void unstated_facts_are_unknown(void **state)
{
	derived x;

	(void)state;
	derive(&x, DEP("<component id=\"db\" kind=\"db\" provider=\"azure\">"
		"<stores data=\"personal\"/></component>\n"));
	assert_false(x.subs[0].f[F_STORED].known);
	assert_non_null(strstr(facets_missing(x.a, x.d,
		&x.subs[0].f[F_STORED]), "region of component 'db'"));
	assert_non_null(strstr(facets_missing(x.a, x.d,
		&x.subs[0].f[F_BACKUP]), "backups=\"none\""));
	assert_null(facets_missing(x.a, x.d, &x.subs[0].f[F_CONTROL]));
	assert_false(x.subs[0].f[F_BACKUP].known);
	assert_false(x.subs[0].f[F_ACCESSED].known);
	assert_false(x.subs[0].f[F_KEYS].known);
	assert_true(x.subs[0].f[F_CONTROL].known);
	release(&x);
	derive(&x, DEP("<component id=\"db\" kind=\"db\" provider=\"azure\" "
		"region=\"italynorth\" redundancy=\"geo\">"
		"<stores data=\"personal\"/></component>\n"));
	assert_false(x.subs[0].f[F_REPLICA].known);
	assert_non_null(strstr(facets_missing(x.a, x.d,
		&x.subs[0].f[F_REPLICA]), "region 'italynorth' has no paired "
		"region"));
	release(&x);
}

static void routing_scope_covers_every_region(void **state)
{
	derived x;
	char buf[256];

	(void)state;
	derive(&x, DEP("<component id=\"llm\" kind=\"ai-inference\" "
		"provider=\"aws\" region=\"eu-central-1\" "
		"scope=\"bedrock-eu\">"
		"<processes data=\"personal\"/></component>\n"));
	codes(&x.subs[0].f[F_PROCESSED], buf, sizeof(buf));
	assert_non_null(strstr(buf, "GB"));
	assert_non_null(strstr(buf, "CH"));
	assert_non_null(strstr(buf, "DE"));
	assert_true(x.subs[0].f[F_STORED].known);
	assert_true(jurset_empty(x.subs[0].f[F_STORED].set, cat->words));
	release(&x);
}

static void control_follows_the_parent_chain(void **state)
{
	derived x;
	char buf[256];
	int law;

	(void)state;
	derive(&x, DEP("<component id=\"vm\" kind=\"compute\" "
		"provider=\"gcp\" region=\"europe-west3\"/>\n"));
	assert_int_equal(x.n, 1);
	assert_null(x.subs[0].cls);
	/* Google LLC and Alphabet Inc. are seated in California. */
	assert_string_equal(codes(&x.subs[0].f[F_CONTROL], buf, sizeof(buf)),
		"US-CA");
	assert_int_equal(x.subs[0].f[F_CONTROL].norigins, 2);
	law = catalog_law(cat, "US-CLOUD-ACT");
	assert_true(law >= 0 && x.subs[0].laws[law]);
	release(&x);
}

static void flows_bring_data_transit_and_mechanisms(void **state)
{
	derived x;
	char buf[64];

	(void)state;
	derive(&x, DEP("<component id=\"a\" kind=\"db\" provider=\"azure\" "
		"region=\"westeurope\"><stores data=\"personal\"/>"
		"</component>\n"
		"<component id=\"b\" kind=\"compute\" provider=\"azure\" "
		"region=\"eastus\" access=\"none\"/>\n"
		"<flow from=\"a\" to=\"b\" data=\"personal\" "
		"mechanism=\"scc\" "
		"transit=\"IE\"/>\n"));
	assert_int_equal(x.n, 2);
	assert_string_equal(x.subs[1].comp->id, "b");
	assert_string_equal(codes(&x.subs[1].f[F_TRANSIT], buf, sizeof(buf)),
		"IE");
	assert_int_equal(x.subs[1].nmechanisms, 1);
	assert_string_equal(x.subs[1].mechanisms[0], "scc");
	assert_int_equal(x.subs[0].nmechanisms, 0);
	assert_true(x.subs[1].f[F_ACCESSED].known);
	release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(geo_redundancy_adds_the_pair),
		cmocka_unit_test(unstated_facts_are_unknown),
		cmocka_unit_test(routing_scope_covers_every_region),
		cmocka_unit_test(control_follows_the_parent_chain),
		cmocka_unit_test(flows_bring_data_transit_and_mechanisms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
