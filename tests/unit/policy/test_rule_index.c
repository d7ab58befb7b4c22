/* Unit tests for the rule index of policy_compile.c: each rule is filed
 * under the first dimension its scope names, and a subject can only meet
 * the rules of its buckets and of `always`. */
#include "helpers.h"

#include <string.h>

#include "policy/policy.h"

#define RULE(id, scope) \
	"<rule id=\"" id "\" severity=\"error\"><title>T</title>" \
	"<citation instrument=\"I\" article=\"A\"/>" scope \
	"<require><within facet=\"stored\" set=\"EEA\"/></require></rule>"

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

/* The bucket of `key` in `dim` holds exactly these rule ids, in order. */
static void bucket_is(const policy *p, dim_id dim, const char *key,
	const char *want)
{
	const rule_bucket *b = policy_rules_for(p, dim, key);
	char got[256] = "";
	size_t i;

	for (i = 0; b && i < b->n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
			i ? " " : "", p->rules[b->rules[i]].id);
	assert_string_equal(got, want);
}

static void files_rules_by_their_first_dimension(void **state)
{
	policy *p = test_policy(cat, "<policy-set " POLICY_NS " id=\"p\" "
		"title=\"P\">"
		RULE("a", "<scope data=\"personal health\"/>")
		RULE("b", "<scope data=\"personal\" kinds=\"database\"/>")
		RULE("c", "<scope kinds=\"database\" providers=\"aws\"/>")
		RULE("d", "<scope providers=\"aws\"/>")
		RULE("e", "<scope tags=\"prod\"/>")
		RULE("f", "")
		RULE("g", "<scope component-match=\"^db-\"/>")
		"</policy-set>");

	(void)state;
	bucket_is(p, DIM_DATA, "personal", "a b");
	bucket_is(p, DIM_DATA, "health", "a");
	bucket_is(p, DIM_DATA, "payment", "");
	/* c names kinds first: it is not filed under its provider too. */
	bucket_is(p, DIM_KIND, "database", "c");
	bucket_is(p, DIM_PROVIDER, "aws", "d");
	bucket_is(p, DIM_TAG, "prod", "e");
	assert_int_equal(p->index.always.n, 2);
	assert_string_equal(p->rules[p->index.always.rules[0]].id, "f");
	assert_string_equal(p->rules[p->index.always.rules[1]].id, "g");
	sov_policy_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(files_rules_by_their_first_dimension),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
