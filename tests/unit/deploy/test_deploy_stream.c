/*
 * Unit tests for deploy_stream.c: for every deployment document in the
 * tree, and for variants of each (CRLF line ends, comments, a namespace
 * prefix, tags over several lines), the deployment built from the
 * parser's events must be the one deploy_load_tree builds, field by
 * field, down to every line number. The comparison itself is shown to
 * fail on a seeded difference in each kind of field.
 */
/* nftw() */
#define _XOPEN_SOURCE 700
#include "helpers.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/deploy.h"

#define MAX_SIZE (16u * 1024u * 1024u)

static const catalog *cat;
static size_t docs, streamed;

static int setup(void **state)
{
	*state = test_catalog();
	cat = *state;
	return cat ? 0 : -1;
}

static int teardown(void **state)
{
	sov_catalog_free(*state);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Field by field                                                      */

static char why[512];

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

#define DIFFER(...) (snprintf(why, sizeof(why), __VA_ARGS__), 0)
#define STR(what, a, b) if (!same_str(a, b)) return DIFFER("%s: '%s' / " \
	"'%s'", what, a ? a : "(null)", b ? b : "(null)")
#define NUM(what, a, b) if ((long)(a) != (long)(b)) return DIFFER( \
	"%s: %ld / %ld", what, (long)(a), (long)(b))

static int same_ints(const char *what, const int *a, size_t na,
	const int *b, size_t nb)
{
	size_t i;

	NUM(what, na, nb);
	for (i = 0; i < na; i++)
		NUM(what, a[i], b[i]);
	return 1;
}

static int same_strs(const char *what, const char **a, size_t na,
	const char **b, size_t nb)
{
	size_t i;

	NUM(what, na, nb);
	for (i = 0; i < na; i++)
		STR(what, a[i], b[i]);
	return 1;
}

static int same_places(const char *what, const dep_place *a, size_t na,
	const dep_place *b, size_t nb)
{
	size_t i;

	NUM(what, na, nb);
	for (i = 0; i < na; i++) {
		NUM(what, a[i].provider, b[i].provider);
		NUM(what, a[i].region, b[i].region);
	}
	return 1;
}

static int same_component_lists(const dep_component *a,
	const dep_component *b)
{
	size_t i;

	if (!same_places("replicas", a->replicas, a->nreplicas, b->replicas,
			b->nreplicas) ||
	    !same_places("backups", a->backups, a->nbackups, b->backups,
			b->nbackups) ||
	    !same_ints("access", a->access, a->naccess, b->access,
			b->naccess) ||
	    !same_ints("key locations", a->key_locations, a->nkey_locations,
			b->key_locations, b->nkey_locations) ||
	    !same_strs("tags", a->tags, a->ntags, b->tags, b->ntags) ||
	    !same_strs("mechanisms", a->mechanisms, a->nmechanisms,
			b->mechanisms, b->nmechanisms))
		return 0;
	NUM("attributes", a->nattrs, b->nattrs);
	for (i = 0; i < a->nattrs; i++) {
		STR("attribute name", a->attrs[i].name, b->attrs[i].name);
		STR("attribute value", a->attrs[i].value, b->attrs[i].value);
	}
	NUM("certifications", a->ncerts, b->ncerts);
	for (i = 0; i < a->ncerts; i++) {
		STR("certification", a->certs[i].id, b->certs[i].id);
		NUM("certification until", a->certs[i].until,
			b->certs[i].until);
		NUM("certification held", a->certs[i].held,
			b->certs[i].held);
	}
	return 1;
}

static int same_component(const dep_component *a, const dep_component *b,
	size_t nclasses)
{
	size_t k;

	STR("component id", a->id, b->id);
	STR("kind", a->kind, b->kind);
	STR("file", a->file, b->file);
	NUM("line", a->line, b->line);
	NUM("column", a->column, b->column);
	NUM("data unstated", a->data_unstated, b->data_unstated);
	NUM("provider", a->provider, b->provider);
	NUM("region", a->region, b->region);
	NUM("scope", a->scope, b->scope);
	NUM("operator", a->operator_entity, b->operator_entity);
	NUM("redundancy", a->redundancy, b->redundancy);
	NUM("backups mode", a->backups_mode, b->backups_mode);
	NUM("access mode", a->access_mode, b->access_mode);
	NUM("custody", a->custody, b->custody);
	for (k = 0; k < nclasses; k++)
		NUM("holds", a->holds[k], b->holds[k]);
	return same_component_lists(a, b);
}

static int same_flow(const dep_flow *a, const dep_flow *b)
{
	STR("flow id", a->id, b->id);
	NUM("flow line", a->line, b->line);
	NUM("flow from", a->from, b->from);
	NUM("flow to", a->to, b->to);
	return same_ints("carried", a->carried, a->ncarried, b->carried,
		       b->ncarried) &&
	       same_strs("flow mechanisms", a->mechanisms, a->nmechanisms,
		       b->mechanisms, b->nmechanisms) &&
	       same_ints("transit", a->transit, a->ntransit, b->transit,
		       b->ntransit);
}

static int same_parts(const deployment *a, const deployment *b)
{
	size_t i;

	for (i = 0; i < a->nclasses; i++) {
		STR("class", a->classes[i].id, b->classes[i].id);
		NUM("class line", a->classes[i].line, b->classes[i].line);
		NUM("class index", idindex_get(&a->class_ids,
			a->classes[i].id), idindex_get(&b->class_ids,
			a->classes[i].id));
	}
	for (i = 0; i < a->ncomponents; i++) {
		if (!same_component(&a->components[i], &b->components[i],
				a->nclasses))
			return 0;
		NUM("component index", idindex_get(&a->component_ids,
			a->components[i].id), idindex_get(&b->component_ids,
			a->components[i].id));
	}
	for (i = 0; i < a->nflows; i++)
		if (!same_flow(&a->flows[i], &b->flows[i]))
			return 0;
	for (i = 0; i < a->nskipped; i++) {
		STR("skipped type", a->skipped[i].type, b->skipped[i].type);
		STR("skipped address", a->skipped[i].address,
			b->skipped[i].address);
		STR("skipped reason", a->skipped[i].reason,
			b->skipped[i].reason);
		STR("skipped file", a->skipped[i].file, b->skipped[i].file);
		NUM("skipped line", a->skipped[i].line, b->skipped[i].line);
	}
	return 1;
}

/* 1 when a and b are the same deployment; else 0, and `why` says where. */
static int same_deployment(const deployment *a, const deployment *b)
{
	STR("deployment id", a->id, b->id);
	STR("title", a->title, b->title);
	STR("deployment file", a->file, b->file);
	NUM("classes", a->nclasses, b->nclasses);
	NUM("components", a->ncomponents, b->ncomponents);
	NUM("flows", a->nflows, b->nflows);
	NUM("waivers", a->nwaivers, b->nwaivers);
	NUM("not evaluated", a->nskipped, b->nskipped);
	return same_parts(a, b);
}

/* ------------------------------------------------------------------ */
/* Every document, both ways                                           */

static void both_ways(const char *name, const char *data, size_t len)
{
	deployment *s = NULL, *t = NULL;
	sov_diags *diags = NULL;
	int rs = deploy_stream(&s, cat, name, data, len, MAX_SIZE, NULL);
	int rt;

	assert_int_equal(sov_diags_new(&diags), SOV_OK);
	rt = deploy_load_tree(&t, cat, name, data, len, NULL, diags);

	docs++;
	if (rs == SOV_OK) {
		streamed++;
		if (rt != SOV_OK)
			fail_msg("%s: streamed, but the tree loader says %d",
				name, rt);
		if (!same_deployment(s, t))
			fail_msg("%s: the two loaders differ: %s", name, why);
	} else if (rs != DEPLOY_DECLINED) {
		fail_msg("%s: deploy_stream returned %d", name, rs);
	}
	deploy_free(s);
	deploy_free(t);
	sov_diags_free(diags);
}

/* Text with every "\n" made "\r\n". */
static char *crlf(const char *data, size_t len, size_t *out_len)
{
	char *o = malloc(2 * len + 1);
	size_t i, n = 0;

	assert_non_null(o);
	for (i = 0; i < len; i++) {
		if (data[i] == '\n')
			o[n++] = '\r';
		o[n++] = data[i];
	}
	o[n] = '\0';
	*out_len = n;
	return o;
}

/* Text with `insert` put before every "<" that opens an element of ours
 * (not the first: the prolog stays first). */
static char *before_tags(const char *data, size_t len, const char *insert,
	size_t *out_len)
{
	size_t k = strlen(insert), i, n = 0;
	char *o = malloc(len * (k + 1) + 1);
	int seen = 0;

	assert_non_null(o);
	for (i = 0; i < len; i++) {
		if (data[i] == '<' && i + 1 < len && data[i + 1] != '?' &&
		    data[i + 1] != '!' && data[i + 1] != '/' && seen++) {
			memcpy(o + n, insert, k);
			n += k;
		}
		o[n++] = data[i];
	}
	o[n] = '\0';
	*out_len = n;
	return o;
}

/* Every element of ours given the prefix "d:" (start and end tags), and
 * the default namespace declaration made a prefixed one. */
static char *prefixed(const char *data, size_t len, size_t *out_len)
{
	const char *ns = "xmlns=\"urn:sovereign:deployment:1\"";
	char *o = malloc(len * 3 + 8);
	size_t i, n = 0;

	assert_non_null(o);
	for (i = 0; i < len; i++) {
		if (strncmp(data + i, ns, strlen(ns)) == 0) {
			memcpy(o + n, "xmlns:d", 7);
			n += 7;
			i += 4;
			continue;
		}
		o[n++] = data[i];
		if (data[i] == '<' && i + 1 < len && (data[i + 1] == '/' ||
		    (data[i + 1] >= 'a' && data[i + 1] <= 'z'))) {
			if (data[i + 1] == '/')
				o[n++] = data[++i];
			memcpy(o + n, "d:", 2);
			n += 2;
		}
	}
	o[n] = '\0';
	*out_len = n;
	return o;
}

static void with_variants(const char *path, const char *data, size_t len)
{
	char name[4200];
	size_t n;
	char *v;

	both_ways(path, data, len);
	snprintf(name, sizeof(name), "%s (CRLF)", path);
	v = crlf(data, len, &n);
	both_ways(name, v, n);
	free(v);
	snprintf(name, sizeof(name), "%s (comments)", path);
	v = before_tags(data, len, "<!-- c -->", &n);
	both_ways(name, v, n);
	free(v);
	snprintf(name, sizeof(name), "%s (tags over two lines)", path);
	v = before_tags(data, len, "\n", &n);
	both_ways(name, v, n);
	free(v);
	snprintf(name, sizeof(name), "%s (prefix)", path);
	v = prefixed(data, len, &n);
	both_ways(name, v, n);
	free(v);
}

static int visit(const char *path, const struct stat *st, int type,
	struct FTW *ftw)
{
	size_t len = strlen(path), n;
	char *data;

	(void)st;
	(void)ftw;
	if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".xml") != 0 ||
	    strstr(path, "/build"))
		return 0;
	data = test_slurp(path, &n);
	if (xml_sniff_kind(data, n) == DOC_DEPLOYMENT) {
		size_t before = streamed;

		with_variants(path, data, n);
		/* The shipped examples take the stream, every variant. */
		if (strstr(path, "/examples/") && streamed - before != 5)
			fail_msg("%s: not streamed", path);
	}
	free(data);
	return 0;
}

static void every_document_loads_the_same_both_ways(void **state)
{
	static const char *const dirs[] = {
		"examples", "tests", "policies", "docs",
	};
	char dir[4096];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", SOV_SOURCE_DIR, dirs[i]);
		nftw(dir, visit, 16, FTW_PHYS);
	}
	print_message("%zu documents and variants, %zu streamed\n", docs,
		streamed);
	/* The test cannot pass by never streaming: most documents in the
	 * tree are refused on purpose, the rest stream. */
	assert_true(docs > 200);
	assert_true(streamed >= 100);
}

/* Every kind of field the loaders fill, in one document. */
static const char rich[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<deployment " DEPLOY_NS " id=\"rich\" title=\"Z\xc3\xbcrich  "
	"estate \">\n"
	"  <description>Every field</description>\n"
	"  <data-class id=\"personal\"/>\n"
	"  <data-class id=\"telemetry\" description=\"x\"/>\n"
	"  <flow id=\"early\" from=\"db\" to=\"app\" data=\"personal "
	"personal telemetry\" mechanism=\"scc tls\" transit=\"FR DE\"/>\n"
	"  <component id=\"db\" kind=\"database\" provider=\"azure\"\n"
	"      region=\"westeurope\" redundancy=\"geo\" backups=\"listed\"\n"
	"      access=\"listed\" operator=\"microsoft\" mechanism=\"cmk\"\n"
	"      source=\"plan.json:12:7\">\n"
	"    <stores data=\"personal\"/><processes data=\"telemetry\"/>\n"
	"    <replica region=\"northeurope\"/>\n"
	"    <backup region=\"eu-west-1\" provider=\"aws\"/>\n"
	"    <backup region=\"francecentral\"/>\n"
	"    <access from=\"FR DE\" by=\"support\"/>\n"
	"    <access from=\"US\"/>\n"
	"    <keys custody=\"customer\" location=\"NL\"/>\n"
	"    <keys custody=\"provider\" location=\"DE FR\"/>\n"
	"    <tag>pii</tag><tag>gold</tag>\n"
	"    <attribute name=\"tier\" value=\" hot \"/>\n"
	"    <certification id=\"iso27001\" until=\"2027-01-31\"/>\n"
	"    <certification id=\"c5\"/>\n"
	"  </component>\n"
	"  <component id=\"app\" kind=\"compute\" provider=\"aws\" "
	"data=\"unstated\" scope=\"bedrock-eu\"/>\n"
	"  <not-evaluated type=\"aws_x\" address=\"aws_x.a\" reason=\"r\" "
	"source=\"plan.json:40\"/>\n"
	"  <not-evaluated type=\"aws_y\" address=\"aws_y.b\"/>\n"
	"</deployment>\n";

static void a_rich_document_streams_and_agrees(void **state)
{
	size_t before = streamed;

	(void)state;
	with_variants("rich.xml", rich, strlen(rich));
	assert_int_equal(streamed - before, 5);
}

/* What the tree loader must decide, the stream leaves to it. */
static void the_stream_declines_what_it_is_not_sure_of(void **state)
{
	static const char *const docs_declined[] = {
		"<deployment " DEPLOY_NS " id=\"x\"><component id=\"a\" "
		"kind=\"k\" provider=\"azure\" region=\"nowhere\"/>"
		"</deployment>",
		"<deployment " DEPLOY_NS " id=\"x\"><component id=\"a\" "
		"kind=\"k\" provider=\"azure\"/><component id=\"a\" "
		"kind=\"k\" provider=\"azure\"/></deployment>",
		"<deployment " DEPLOY_NS " id=\"x\"><component id=\"a\" "
		"kind=\"k\" provider=\"azure\"><tag> pii </tag>"
		"</component></deployment>",
		"<deployment " DEPLOY_NS " id=\"x\" title=\"a&amp;b\"/>",
		"<deployment " DEPLOY_NS " id=\"x\"><![CDATA[ ]]>"
		"</deployment>",
		"<deployment " DEPLOY_NS " id=\"x\"><waiver rule=\"r\" "
		"expires=\"2030-01-01\">why</waiver></deployment>",
		"<deployment " DEPLOY_NS " id=\"x\"><flow from=\"a\" "
		"to=\"b\" data=\"c\"/></deployment>",
		"<deployment " DEPLOY_NS " id=\"x\"><component id=\"a\"",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
		"<deployment " DEPLOY_NS " id=\"x\"/>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(docs_declined) / sizeof(docs_declined[0]);
	     i++) {
		deployment *d = NULL;
		const char *s = docs_declined[i];

		assert_int_equal(deploy_stream(&d, cat, "x.xml", s, strlen(s),
			MAX_SIZE, NULL), DEPLOY_DECLINED);
		assert_null(d);
		both_ways("declined.xml", s, strlen(s));
	}
}

/* A character reference in an attribute is plain text by the time the
 * parser gives it: both loaders see the same value. */
static void references_in_attributes_agree(void **state)
{
	static const char doc[] = "<deployment " DEPLOY_NS " id=\"x\" "
		"title=\" a&#10;b&#233; \"><component id=\"a\" kind=\"k\" "
		"provider=\"azure\"><attribute name=\"n\" value=\"&#9;v\"/>"
		"</component></deployment>";
	deployment *d = NULL;

	(void)state;
	assert_int_equal(deploy_stream(&d, cat, "x.xml", doc, strlen(doc),
		MAX_SIZE, NULL), SOV_OK);
	assert_string_equal(d->title, "a b\xc3\xa9");
	deploy_free(d);
	both_ways("references.xml", doc, strlen(doc));
}

/* The comparison is not blind: one changed field of each kind fails. */
static void a_seeded_difference_is_found(void **state)
{
	deployment *s = NULL, *t = NULL;
	size_t len = strlen(rich);
	int k;

	(void)state;
	for (k = 0; k < 13; k++) {
		assert_int_equal(deploy_stream(&s, cat, "rich.xml", rich, len,
			MAX_SIZE, NULL), SOV_OK);
		assert_int_equal(deploy_load_tree(&t, cat, "rich.xml", rich,
			len, NULL, NULL), SOV_OK);
		assert_true(same_deployment(s, t));
		switch (k) {
		case 0: s->components[0].line++; break;
		case 1: s->components[0].holds[1] ^= HOLD_STORES; break;
		case 2: s->components[0].access[2] = 0; break;
		case 3: s->components[0].nkey_locations--; break;
		case 4: s->components[0].tags[0] = "pii "; break;
		case 5: s->components[0].certs[0].until++; break;
		case 6: s->components[1].scope = -1; break;
		case 7: s->flows[0].ncarried--; break;
		case 8: s->flows[0].line++; break;
		case 9: s->skipped[0].line++; break;
		case 10: s->classes[1].line++; break;
		case 11: s->components[0].certs[0].held ^= 1; break;
		default: s->title = "Zurich estate"; break;
		}
		assert_false(same_deployment(s, t));
		deploy_free(s);
		deploy_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_document_loads_the_same_both_ways),
		cmocka_unit_test(a_rich_document_streams_and_agrees),
		cmocka_unit_test(the_stream_declines_what_it_is_not_sure_of),
		cmocka_unit_test(references_in_attributes_agree),
		cmocka_unit_test(a_seeded_difference_is_found),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
