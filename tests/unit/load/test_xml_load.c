/* Unit tests for xml_load.c: safe parsing and schema validation. */
#include "helpers.h"

#include <string.h>

#include "load/xml_load.h"

typedef struct {
	xml_schemas schemas;
	sov_diags *diags;
	arena *a;
} fixture;

static int setup(void **state)
{
	fixture *f = test_malloc(sizeof(*f));

	f->a = arena_new(NULL);
	assert_int_equal(xml_schemas_init(&f->schemas, f->a), SOV_OK);
	assert_int_equal(sov_diags_new(&f->diags), SOV_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	arena_free(f->a);
	sov_diags_free(f->diags);
	test_free(f);
	return 0;
}

static int parse(fixture *f, const char *text, size_t max, doc_kind kind)
{
	xml_doc x;

	sov_diags_clear(f->diags);
	return xml_parse(&x, f->a, &f->schemas, "t.xml", text, strlen(text),
		max, kind, f->diags);
}

static const char valid[] =
	"<deployment " DEPLOY_NS " id=\"d\">\n"
	"  <data-class id=\"personal\"/>\n"
	"</deployment>\n";

static void accepts_valid_document(void **state)
{
	fixture *f = *state;

	assert_int_equal(parse(f, valid, 1 << 20, DOC_DEPLOYMENT), SOV_OK);
	assert_int_equal(parse(f, valid, 1 << 20, DOC_ANY), SOV_OK);
	assert_int_equal(sov_diags_count(f->diags), 0);
}

static void refuses_doctype_before_entities(void **state)
{
	fixture *f = *state;
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"]>\n<deployment " DEPLOY_NS " id=\"&lol3;\"/>\n";

	assert_int_equal(parse(f, laughs, 1 << 20, DOC_ANY), SOV_EINPUT);
	test_diag_has(f->diags, "DOCTYPE declarations are not allowed", 2);
	assert_int_equal(sov_diags_count(f->diags), 1);
}

static void refuses_external_dtd(void **state)
{
	fixture *f = *state;
	static const char ext[] =
		"<!DOCTYPE deployment SYSTEM \"http://example.org/x.dtd\">\n"
		"<deployment " DEPLOY_NS " id=\"d\"/>\n";

	assert_int_equal(parse(f, ext, 1 << 20, DOC_ANY), SOV_EINPUT);
	test_diag_has(f->diags, "DOCTYPE", 1);
}

static void malformed_has_position(void **state)
{
	fixture *f = *state;
	const sov_diag *d;

	assert_int_equal(parse(f, "<deployment " DEPLOY_NS ">\n  <a>\n"
		"</deployment>\n", 1 << 20, DOC_ANY), SOV_EINPUT);
	d = sov_diags_get(f->diags, 0);
	assert_non_null(d);
	assert_int_equal(d->line, 3);
	assert_true(d->column > 0);
	assert_non_null(strstr(d->message, "malformed XML"));
	assert_string_equal(d->file, "t.xml");
}

static void size_limit(void **state)
{
	fixture *f = *state;

	assert_int_equal(parse(f, valid, 10, DOC_ANY), SOV_ELIMIT);
	test_diag_has(f->diags, "over the limit of 10 bytes", 0);
}

static void wrong_root_or_namespace(void **state)
{
	fixture *f = *state;

	assert_int_equal(parse(f, valid, 1 << 20, DOC_POLICY), SOV_EINPUT);
	test_diag_has(f->diags, "unexpected root element <deployment>", 1);
	assert_int_equal(parse(f, "<deployment id=\"d\"/>", 1 << 20,
		DOC_ANY), SOV_EINPUT);
	test_diag_has(f->diags, "without a namespace", 1);
}

static void schema_errors_point_at_attribute(void **state)
{
	fixture *f = *state;
	const sov_diag *d;

	assert_int_equal(parse(f, "<deployment " DEPLOY_NS " id=\"d\">\n"
		"  <data-class id=\"p\"/>\n"
		"  <component id=\"c\" kind=\"db\" provider=\"azure\" "
		"redundancy=\"triple\"/>\n</deployment>\n", 1 << 20,
		DOC_DEPLOYMENT), SOV_EINPUT);
	d = sov_diags_get(f->diags, 0);
	assert_int_equal(d->line, 3);
	assert_int_equal(d->column, 48);
	assert_non_null(strstr(d->message, "'triple' is not allowed"));
	assert_string_equal(d->expected, "one of 'none', 'zone', 'geo'");
}

static void missing_element_reports_expected(void **state)
{
	fixture *f = *state;

	/* A rule without its <title>. */
	assert_int_equal(parse(f, "<policy-set "
		"xmlns=\"urn:sovereign:policy:1\" id=\"p\" title=\"t\">\n"
		"<rule id=\"r\" severity=\"error\">\n"
		"</rule>\n</policy-set>\n", 1 << 20, DOC_POLICY), SOV_EINPUT);
	test_diag_has(f->diags, "Missing child element", 2);
	assert_non_null(sov_diags_get(f->diags, 0)->expected);
}

static int compiled(const xml_schemas *s, doc_kind kind)
{
	return atomic_load(&s->compiled[kind]) != NULL;
}

/* A schema is compiled when a document first needs the validator, once,
 * and only that one: a deployment the quick check vouches for needs
 * none. */
static void compiles_a_schema_when_first_needed(void **state)
{
	fixture *f = *state;
	static const char invalid[] =
		"<deployment " DEPLOY_NS " id=\"d\"><bogus/></deployment>\n";
	arena *a = arena_new(NULL);
	xml_schemas s;
	xmlSchemaPtr first, again;
	xml_doc x;
	int k;

	assert_int_equal(xml_schemas_init(&s, a), SOV_OK);
	for (k = 0; k < DOC_KINDS; k++)
		assert_false(compiled(&s, k));
	assert_int_equal(xml_parse(&x, a, &s, "t.xml", valid, strlen(valid),
		1 << 20, DOC_DEPLOYMENT, f->diags), SOV_OK);
	assert_false(compiled(&s, DOC_DEPLOYMENT));
	assert_int_equal(xml_parse(&x, a, &s, "t.xml", invalid,
		strlen(invalid), 1 << 20, DOC_DEPLOYMENT, f->diags),
		SOV_EINPUT);
	for (k = 0; k < DOC_KINDS; k++)
		assert_int_equal(compiled(&s, k), k == DOC_DEPLOYMENT);
	assert_int_equal(xml_schema_get(&s, DOC_POLICY, NULL, &first),
		SOV_OK);
	assert_int_equal(xml_schema_get(&s, DOC_POLICY, NULL, &again),
		SOV_OK);
	assert_non_null(first);
	assert_ptr_equal(first, again);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_valid_document),
		cmocka_unit_test(refuses_doctype_before_entities),
		cmocka_unit_test(refuses_external_dtd),
		cmocka_unit_test(malformed_has_position),
		cmocka_unit_test(size_limit),
		cmocka_unit_test(wrong_root_or_namespace),
		cmocka_unit_test(schema_errors_point_at_attribute),
		cmocka_unit_test(missing_element_reports_expected),
		cmocka_unit_test(compiles_a_schema_when_first_needed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
