/*
 * Unit tests for yaml_read.c and json_parse_doc(): YAML documents in the
 * tree of json_read.h (tags kept, plain scalars resolved by the core
 * schema, positions 1-based), what is refused (aliases, a second
 * document, deep nesting, duplicate keys, keys that are not scalars,
 * malformed YAML) at its line and column, and columns in JSON.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "load/json_read.h"

#define NAME "template.yaml"

typedef struct {
	arena *a;
	sov_diags *diags;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->a = arena_new(NULL);
	assert_non_null(f->a);
	assert_int_equal(sov_diags_new(&f->diags), SOV_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	sov_diags_free(f->diags);
	arena_free(f->a);
	free(f);
	return 0;
}

static void dump(const sov_diags *d)
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		print_message("%s:%u:%u: %s\n", g->file, g->line, g->column,
			g->message);
	}
}

static json_value *parse_ok(fixture *f, const char *text, json_syntax s)
{
	json_value *v = NULL;

	if (json_parse_doc(&v, f->a, NAME, text, strlen(text), s,
		    f->diags) != SOV_OK) {
		dump(f->diags);
		fail_msg("the document does not parse");
	}
	assert_non_null(v);
	return v;
}

/* Parses text expecting SOV_EINPUT with one error at line:column (any
 * line or column when 0) holding `message`. */
static void refused(fixture *f, const char *text, size_t len,
	json_syntax s, unsigned line, unsigned column, const char *message)
{
	json_value *v = (json_value *)1;
	const sov_diag *g;

	assert_int_equal(json_parse_doc(&v, f->a, NAME, text, len, s,
		f->diags), SOV_EINPUT);
	assert_null(v);
	assert_int_equal(sov_diags_errors(f->diags), 1);
	g = sov_diags_get(f->diags, 0);
	if (strcmp(g->file, NAME) != 0 || (line && g->line != line) ||
	    (column && g->column != column) ||
	    !strstr(g->message, message)) {
		dump(f->diags);
		fail_msg("expected %s:%u:%u: ...%s...", NAME, line, column,
			message);
	}
	sov_diags_clear(f->diags);
}

static const json_value *at(const json_value *v, const char *path)
{
	char key[64];

	while (*path) {
		size_t n = strcspn(path, "/");

		assert_true(n < sizeof(key));
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_get(v, key);
		if (!v)
			fail_msg("no member '%s'", key);
		path += n + (path[n] == '/');
	}
	return v;
}

static void tags_are_kept(void **state)
{
	fixture *f = *state;
	json_value *root = parse_ok(f,
		"Resources:\n"
		"  Docs:\n"
		"    Type: AWS::S3::Bucket\n"
		"    Properties:\n"
		"      BucketName: !Sub \"${AWS::StackName}-docs\"\n"
		"      KeyArn: !GetAtt DocsKey.Arn\n"
		"      KeyId: !GetAtt [DocsKey, KeyId]\n"
		"      Region: !Ref AWS::Region\n"
		"      Name: !Join ['-', [!Ref Env, docs]]\n"
		"      Plain: docs\n", JSON_SYNTAX_YAML);
	const json_value *p = at(root, "Resources/Docs/Properties");
	const json_value *v;

	v = json_get(p, "BucketName");
	assert_string_equal(v->tag, "!Sub");
	assert_int_equal(v->type, JSON_STRING);
	assert_string_equal(v->string, "${AWS::StackName}-docs");
	v = json_get(p, "KeyArn");
	assert_string_equal(v->tag, "!GetAtt");
	assert_string_equal(v->string, "DocsKey.Arn");
	v = json_get(p, "KeyId");
	assert_string_equal(v->tag, "!GetAtt");
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->n, 2);
	assert_string_equal(v->items[1]->string, "KeyId");
	assert_null(v->items[0]->tag);
	v = json_get(p, "Region");
	assert_string_equal(v->tag, "!Ref");
	assert_string_equal(v->string, "AWS::Region");
	v = json_get(p, "Name");
	assert_string_equal(v->tag, "!Join");
	assert_int_equal(v->items[1]->type, JSON_ARRAY);
	assert_string_equal(v->items[1]->items[0]->tag, "!Ref");
	assert_null(json_get(p, "Plain")->tag);
	assert_null(at(root, "Resources/Docs/Type")->tag);
}

static void plain_scalars_resolved(void **state)
{
	fixture *f = *state;
	json_value *root = parse_ok(f,
		"a: null\n"
		"b: ~\n"
		"c: true\n"
		"d: False\n"
		"e: 42\n"
		"f: -1.5e3\n"
		"g: 2026-11-28\n"
		"h: yes\n"
		"i:\n"
		"j: eu-west-1\n", JSON_SYNTAX_YAML);

	assert_int_equal(json_get(root, "a")->type, JSON_NULL);
	assert_int_equal(json_get(root, "b")->type, JSON_NULL);
	assert_int_equal(json_get(root, "c")->type, JSON_TRUE);
	assert_int_equal(json_get(root, "d")->type, JSON_FALSE);
	assert_int_equal(json_get(root, "e")->type, JSON_NUMBER);
	assert_true(json_get(root, "e")->number == 42.0);
	assert_string_equal(json_get(root, "e")->text, "42");
	assert_int_equal(json_get(root, "f")->type, JSON_NUMBER);
	assert_true(json_get(root, "f")->number == -1500.0);
	/* A date is no number: it stays the string as written. */
	assert_string_equal(json_str(json_get(root, "g")), "2026-11-28");
	/* YAML 1.2: "yes" is a string, not a boolean. */
	assert_string_equal(json_str(json_get(root, "h")), "yes");
	assert_int_equal(json_get(root, "i")->type, JSON_NULL);
	assert_string_equal(json_str(json_get(root, "j")), "eu-west-1");
}

static void quoted_scalars_stay_strings(void **state)
{
	fixture *f = *state;
	json_value *root = parse_ok(f,
		"a: \"null\"\n"
		"b: 'true'\n"
		"c: \"42\"\n"
		"d: ''\n"
		"e: |\n"
		"  1.5\n", JSON_SYNTAX_YAML);

	assert_string_equal(json_str(json_get(root, "a")), "null");
	assert_string_equal(json_str(json_get(root, "b")), "true");
	assert_string_equal(json_str(json_get(root, "c")), "42");
	assert_string_equal(json_str(json_get(root, "d")), "");
	assert_string_equal(json_str(json_get(root, "e")), "1.5\n");
}

static void positions_are_one_based(void **state)
{
	fixture *f = *state;
	json_value *root = parse_ok(f,
		"AWSTemplateFormatVersion: '2010-09-09'\n"
		"Resources:\n"
		"  Table:\n"
		"    Type: AWS::DynamoDB::Table\n"
		"    Properties:\n"
		"      Replicas:\n"
		"        - Region: eu-west-1\n"
		"        - Region: eu-north-1\n", JSON_SYNTAX_YAML);
	const json_value *v = at(root, "AWSTemplateFormatVersion");
	const json_value *reps = at(root, "Resources/Table/Properties/"
		"Replicas");

	assert_int_equal(root->line, 1);
	assert_int_equal(root->column, 1);
	assert_int_equal(v->line, 1);
	assert_int_equal(v->column, 27);
	v = at(root, "Resources/Table/Type");
	assert_int_equal(v->line, 4);
	assert_int_equal(v->column, 11);
	assert_int_equal(reps->n, 2);
	v = json_get(reps->items[1], "Region");
	assert_int_equal(v->line, 8);
	assert_int_equal(v->column, 19);
	assert_string_equal(v->key, "Region");
}

static void aliases_refused(void **state)
{
	fixture *f = *state;
	const char *t = "Defaults: &defaults {Region: eu-west-1}\n"
		"Copy: *defaults\n";

	refused(f, t, strlen(t), JSON_SYNTAX_YAML, 2, 7, "aliases");
}

static void second_document_refused(void **state)
{
	fixture *f = *state;
	const char *t = "Resources: {}\n---\nResources: {}\n";

	refused(f, t, strlen(t), JSON_SYNTAX_YAML, 2, 1,
		"a second YAML document");
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* 100 000 levels, refused at the 65th, at once: the reader does not
 * build (or recurse into) what it will refuse. */
static void deep_nesting_refused_fast(void **state)
{
	fixture *f = *state;
	size_t n = 100000, i;
	char *deep = malloc(2 * n + 2);
	char *block = malloc(n * 4 + 16);
	struct timespec t0;
	size_t len = 0;

	assert_non_null(deep);
	assert_non_null(block);
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	refused(f, deep, 2 * n, JSON_SYNTAX_YAML, 1, 65, "nesting deeper "
		"than 64");
	refused(f, deep, 2 * n, JSON_SYNTAX_JSON, 1, 65, "");
	/* Block style: "- - - ... x" on one line is a sequence of
	 * sequences too. */
	for (i = 0; i < 200; i++) {
		memcpy(block + len, "- ", 2);
		len += 2;
	}
	block[len++] = 'x';
	block[len++] = '\n';
	refused(f, block, len, JSON_SYNTAX_YAML, 1, 129, "nesting deeper "
		"than 64");
	assert_true(seconds_since(&t0) < 2.0);
	free(deep);
	free(block);
}

static void duplicate_keys_refused(void **state)
{
	fixture *f = *state;
	char big[2048];
	size_t len = 0;
	int i;

	const char *json = "{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}}";
	const char *yaml = "Resources:\n  A: 1\n  A: 2\n";

	refused(f, json, strlen(json), JSON_SYNTAX_JSON, 1, 29,
		"duplicate key 'c'");
	refused(f, yaml, strlen(yaml), JSON_SYNTAX_YAML, 3, 6,
		"duplicate key 'A'");
	/* More than 16 keys go through the hash index. */
	len += (size_t)snprintf(big + len, sizeof(big) - len, "{");
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len,
			"%s\"key%d\": %d", i ? ", " : "", i == 33 ? 7 : i, i);
	len += (size_t)snprintf(big + len, sizeof(big) - len, "}");
	refused(f, big, len, JSON_SYNTAX_JSON, 1, 0, "duplicate key 'key7'");
	len = 0;
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len,
			"Key%d: %d\n", i == 39 ? 0 : i, i);
	refused(f, big, len, JSON_SYNTAX_YAML, 40, 7, "duplicate key 'Key0'");
}

static void mapping_key_must_be_scalar(void **state)
{
	fixture *f = *state;
	const char *t = "Resources:\n  ? [a, b]\n  : c\n";

	refused(f, t, strlen(t), JSON_SYNTAX_YAML, 2, 5, "mapping key that "
		"is not a string");
}

static void malformed_yaml_has_a_position(void **state)
{
	fixture *f = *state;
	const char *t = "Resources:\n  Bucket:\n    Type: [a, b\n"
		"  Other: 1\n";
	json_value *v = NULL;
	const sov_diag *g;

	assert_int_equal(json_parse_doc(&v, f->a, NAME, t, strlen(t),
		JSON_SYNTAX_YAML, f->diags), SOV_EINPUT);
	g = sov_diags_get(f->diags, 0);
	assert_string_equal(g->file, NAME);
	assert_true(g->line >= 3);
	assert_true(g->column >= 1);
	assert_non_null(strstr(g->message, "YAML"));
	sov_diags_clear(f->diags);
	refused(f, "", 0, JSON_SYNTAX_YAML, 1, 1, "empty");
}

/* libyaml decodes ahead of the tokens it returns and reports a decoding
 * error by byte offset: the error is still at the byte's line and
 * column. */
static void invalid_utf8_at_its_position(void **state)
{
	fixture *f = *state;
	const char *bad = "Resources:\n  Docs:\n    Name: \"caf\xe9\"\n";

	refused(f, bad, strlen(bad), JSON_SYNTAX_YAML, 3, 15, "UTF-8");
}

static void json_columns_on_one_line(void **state)
{
	fixture *f = *state;
	json_value *root = parse_ok(f,
		"{\"a\": [1, \"x\", {\"b\": null}], "
		"\"c\": \"\xc3\xa9t\xc3\xa9\", \"d\": true}",
		JSON_SYNTAX_JSON);
	const json_value *a = json_get(root, "a");

	assert_int_equal(root->column, 1);
	assert_int_equal(a->column, 7);
	assert_int_equal(a->items[0]->column, 8);
	assert_int_equal(a->items[1]->column, 11);
	assert_int_equal(a->items[2]->column, 16);
	assert_int_equal(json_get(a->items[2], "b")->column, 22);
	assert_int_equal(json_get(root, "c")->column, 35);
	/* "été" counts three characters, not five bytes. */
	assert_int_equal(json_get(root, "d")->column, 47);
	assert_null(json_get(root, "c")->tag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(tags_are_kept),
		T(plain_scalars_resolved),
		T(quoted_scalars_stay_strings),
		T(positions_are_one_based),
		T(aliases_refused),
		T(second_document_refused),
		T(deep_nesting_refused_fast),
		T(duplicate_keys_refused),
		T(mapping_key_must_be_scalar),
		T(malformed_yaml_has_a_position),
		T(invalid_utf8_at_its_position),
		T(json_columns_on_one_line),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
