/*
 * helpers.c - see helpers.h.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void dump(const sov_diags *d)
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		print_error("%s:%u:%u: %s\n", g->file, g->line, g->column,
			g->message);
	}
}

sov_catalog *test_catalog(void)
{
	sov_catalog *cat = NULL;
	sov_diags *d = NULL;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	if (sov_catalog_load(&cat, NULL, 0, NULL, d) != SOV_OK)
		dump(d);
	sov_diags_free(d);
	assert_non_null(cat);
	return cat;
}

sov_policy *test_policy(const sov_catalog *cat, const char *xml)
{
	sov_policy *p = NULL;
	sov_diags *d = NULL;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	if (sov_policy_load_memory(&p, cat, "policy.xml", xml, strlen(xml),
		    NULL, d) != SOV_OK)
		dump(d);
	sov_diags_free(d);
	assert_non_null(p);
	return p;
}

sov_deployment *test_deployment(const sov_catalog *cat, const char *xml)
{
	sov_deployment *dep = NULL;
	sov_diags *d = NULL;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	if (sov_deployment_load_memory(&dep, cat, "deployment.xml", xml,
		    strlen(xml), NULL, d) != SOV_OK)
		dump(d);
	sov_diags_free(d);
	assert_non_null(dep);
	return dep;
}

int test_policy_fails(const sov_catalog *cat, const char *xml,
	sov_diags *diags)
{
	sov_policy *p = NULL;
	int rc = sov_policy_load_memory(&p, cat, "policy.xml", xml,
		strlen(xml), NULL, diags);

	assert_null(p);
	assert_int_not_equal(rc, SOV_OK);
	return rc;
}

int test_deployment_fails(const sov_catalog *cat, const char *xml,
	sov_diags *diags)
{
	sov_deployment *d = NULL;
	int rc = sov_deployment_load_memory(&d, cat, "deployment.xml", xml,
		strlen(xml), NULL, diags);

	assert_null(d);
	assert_int_not_equal(rc, SOV_OK);
	return rc;
}

sov_result *test_evaluate(const sov_policy *p, const sov_deployment *d,
	const char *date)
{
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	sov_result *r = NULL;

	o.as_of = date;
	assert_int_equal(sov_evaluate(&r, &p, 1, d, &o, NULL), SOV_OK);
	assert_non_null(r);
	return r;
}

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

long test_find(const sov_result *r, const char *rule, const char *comp,
	const char *data)
{
	size_t i;

	for (i = 0; i < sov_result_count(r); i++)
		if (same(sov_finding_str(r, i, SOV_F_RULE), rule) &&
		    same(sov_finding_str(r, i, SOV_F_COMPONENT), comp) &&
		    same(sov_finding_str(r, i, SOV_F_DATA), data))
			return (long)i;
	return -1;
}

const char *test_verdict(const sov_result *r, const char *rule,
	const char *comp, const char *data)
{
	long i = test_find(r, rule, comp, data);

	return i < 0 ? "not-applicable" :
	       sov_finding_str(r, (size_t)i, SOV_F_VERDICT);
}

void test_diag_has(const sov_diags *diags, const char *text, unsigned line)
{
	size_t i;

	for (i = 0; i < sov_diags_count(diags); i++) {
		const sov_diag *g = sov_diags_get(diags, i);

		if (strstr(g->message, text) && (!line || g->line == line))
			return;
	}
	dump(diags);
	fail_msg("no diagnostic contains \"%s\" (line %u)", text, line);
}

void *f_malloc(size_t n, void *ud)
{
	failing *f = ud;
	void *p;

	if (++f->calls == f->fail_at)
		return NULL;
	p = malloc(n);
	f->live += p != NULL;
	return p;
}

void *f_realloc(void *ptr, size_t n, void *ud)
{
	failing *f = ud;
	void *p;

	if (++f->calls == f->fail_at)
		return NULL;
	p = realloc(ptr, n);
	f->live += p && !ptr;
	return p;
}

void f_free(void *ptr, void *ud)
{
	failing *f = ud;

	f->live -= ptr != NULL;
	free(ptr);
}

char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return data;
}

void test_join_words(char *out, size_t len, const char *const *w,
	size_t n)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			i ? " " : "", w[i]);
}

void test_assert_same(const char *got, const char *wanted,
	const char *what, const char *who)
{
	const char *g = got && *got ? got : NULL;

	if (!g && !wanted)
		return;
	if (!g || !wanted || strcmp(g, wanted) != 0)
		fail_msg("%s: %s is '%s', expected '%s'", who, what,
			g ? g : "(none)", wanted ? wanted : "(none)");
}
