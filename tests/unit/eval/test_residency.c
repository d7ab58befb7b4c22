/* Unit tests for service-level residency commitments: the <residency>
 * entries of catalog.c and the facets they make unknown (facets.c). */
#include "helpers.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "eval/facets.h"

#define DEP(body) \
	"<deployment " DEPLOY_NS " id=\"d\">\n" \
	"<data-class id=\"personal\"/>\n" body "</deployment>\n"

#define AI(id, region, service) \
	"<component id=\"" id "\" kind=\"ai-inference\" provider=\"gcp\" " \
	"region=\"" region "\" redundancy=\"zone\" backups=\"none\" " \
	"access=\"none\"><stores data=\"personal\"/>" \
	"<processes data=\"personal\"/>" service "</component>\n"

#define SERVICE(v) "<attribute name=\"service\" value=\"" v "\"/>"

static const subject *subject_of(const subject *subs, size_t n,
	const char *comp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(subs[i].comp->id, comp) == 0)
			return &subs[i];
	fail_msg("no subject for %s", comp);
	return NULL;
}

static void shipped_gcp_entries(void **state)
{
	sov_catalog *c = test_catalog();
	const cat_provider *p = &c->providers[catalog_provider(c, "gcp")];
	int me = catalog_region(p, "me-central2");
	size_t i, found = 0;

	(void)state;
	for (i = 0; i < p->nresidencies; i++) {
		const cat_residency *r = &p->residencies[i];
		size_t k;

		for (k = 0; k < r->nregions; k++)
			if (r->regions[k] == me) {
				assert_int_equal(r->processing, RES_NONE);
				assert_int_equal(r->storage, RES_COMMITTED);
				assert_string_equal(r->service,
					"vertex-ai-generative-ai");
				found++;
			}
	}
	assert_int_equal(found, 2);    /* ai-inference and ai-training */
	sov_catalog_free(c);
}

static void no_commitment_makes_processing_unknown(void **state)
{
	sov_catalog *c = test_catalog();
	deployment *d = test_deployment(c, DEP(
		AI("genai", "me-central2", SERVICE("vertex-ai-generative-ai"))
		AI("unsaid", "me-central2", "")
		AI("search", "me-central2", SERVICE("vertex-ai-search"))
		AI("listed", "europe-west3",
		   SERVICE("vertex-ai-generative-ai"))));
	arena *a = arena_new(NULL);
	subject *subs;
	size_t n;
	const subject *s;
	const char *words;

	(void)state;
	assert_int_equal(facets_derive(a, d, &subs, &n), SOV_OK);
	s = subject_of(subs, n, "genai");
	assert_false(s->f[F_PROCESSED].known);
	words = facets_missing(a, d, &s->f[F_PROCESSED]);
	assert_non_null(strstr(words, "does not commit to processing"));
	assert_non_null(strstr(words, "data-residency"));
	assert_true(s->f[F_STORED].known);   /* storage is committed */
	/* A component that does not name its service may be using it. */
	assert_false(subject_of(subs, n, "unsaid")->f[F_PROCESSED].known);
	assert_true(subject_of(subs, n, "search")->f[F_PROCESSED].known);
	assert_true(subject_of(subs, n, "listed")->f[F_PROCESSED].known);
	arena_free(a);
	sov_deployment_free(d);
	sov_catalog_free(c);
}

static void unknown_place_is_an_error(void **state)
{
	const char *paths[1];
	sov_catalog *c = NULL;
	sov_diags *d = NULL;
	char path[] = "/tmp/sov-res-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	(void)state;
	assert_non_null(fp);
	fputs("<catalog xmlns=\"urn:sovereign:catalog:1\">\n"
	      "<entity id=\"x\" name=\"X\" seat=\"FR\"/>\n"
	      "<provider id=\"px\" name=\"PX\" entity=\"x\">\n"
	      "<region id=\"r1\" country=\"FR\"/>\n"
	      "<residency kind=\"ai-inference\" processing=\"not-committed\""
	      " source=\"https://example.org/\">\n"
	      "<region ref=\"r2\"/></residency></provider></catalog>", fp);
	fclose(fp);
	paths[0] = path;
	sov_diags_new(&d);
	assert_int_equal(sov_catalog_load(&c, paths, 1, NULL, d),
		SOV_EINPUT);
	test_diag_has(d, "unknown region 'r2' in residency", 6);
	assert_null(c);
	unlink(path);
	sov_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_gcp_entries),
		cmocka_unit_test(no_commitment_makes_processing_unknown),
		cmocka_unit_test(unknown_place_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
