/* Unit tests for ownership.c and the shareholders of catalog.c: shares
 * held and control from outside a set, with unknown shares as intervals. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "eval/ownership.h"
#include "base/dates.h"

#define SRC SOV_SOURCE_DIR "/policies/tests/catalogs/ownership.xml"

static sov_catalog *ownership_catalog(void)
{
	const char *paths[1] = { SRC };
	sov_catalog *c = NULL;

	assert_int_equal(sov_catalog_load(&c, paths, 1, NULL, NULL), SOV_OK);
	return c;
}

/* The expanded group `id`, in `a`. */
static jword *group_set(arena *a, const catalog *c, const char *id)
{
	jword *s = jurset_new(a, c->words);
	int day, g = catalog_group(c, id);

	assert_true(g >= 0);
	assert_int_equal(dates_parse("2026-11-28", &day), 0);
	catalog_expand_group(c, NULL, &c->groups[g], day, s, 0);
	return s;
}

static own_value measure(const catalog *c, const char *entity,
	const jword *set, own_measure_kind m, const char *date)
{
	own_value v;
	int day, e = catalog_entity(c, entity);

	assert_true(e >= 0);
	assert_int_equal(dates_parse(date, &day), 0);
	ownership_measure(&v, c, e, set, m, day);
	return v;
}

static void shipped_joint_ventures(void **state)
{
	sov_catalog *c = test_catalog();
	arena *a = arena_new(NULL);
	jword *eu = group_set(a, c, "EU");
	own_value v;

	(void)state;
	/* S3NS: Google's stake is not disclosed, so its share is unknown. */
	v = measure(c, "s3ns", eu, OWN_LARGEST, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 24), 2);
	assert_int_equal(catalog_entity(c, "google"), v.unknown);
	/* ... but Google has no control, and Thales is French. */
	v = measure(c, "s3ns", eu, OWN_CONTROL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 0), 1);
	/* Bleu: both holders French, whatever their shares. */
	v = measure(c, "bleu", eu, OWN_TOTAL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 39), 1);
	/* AWS ESC: wholly owned from the United States. */
	v = measure(c, "aws-esc", eu, OWN_LARGEST, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 24), 0);
	assert_true(v.lo == 100);
	/* No shareholders listed: shares unknown, control by the chain. */
	v = measure(c, "microsoft", eu, OWN_TOTAL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 39), 2);
	assert_true(v.unstated);
	v = measure(c, "microsoft", eu, OWN_CONTROL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 0), 1);
	v = measure(c, "google", eu, OWN_CONTROL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 0), 0);
	arena_free(a);
	sov_catalog_free(c);
}

static void ceilings_and_indirect_holdings(void **state)
{
	sov_catalog *c = ownership_catalog();
	arena *a = arena_new(NULL);
	jword *eu = group_set(a, c, "EU");
	own_value v;

	(void)state;
	v = measure(c, "test-own-thirty", eu, OWN_LARGEST, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 24), 0);
	assert_int_equal(ownership_compare(&v, OP_LE, 30), 1);
	v = measure(c, "test-own-forty", eu, OWN_LARGEST, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 24), 1);
	v = measure(c, "test-own-forty", eu, OWN_TOTAL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 39), 0);
	/* 15 % through a German holding controlled from the US counts. */
	v = measure(c, "test-own-within", eu, OWN_TOTAL, "2026-11-28");
	assert_true(v.lo == 35 && v.hi == 35);
	v = measure(c, "test-own-joint", eu, OWN_CONTROL, "2026-11-28");
	assert_int_equal(ownership_compare(&v, OP_LE, 0), 0);
	assert_int_equal(v.counted, 1);
	arena_free(a);
	sov_catalog_free(c);
}

static void unknown_share_is_an_interval(void **state)
{
	sov_catalog *c = ownership_catalog();
	arena *a = arena_new(NULL);
	jword *eu = group_set(a, c, "EU");
	own_value v;

	(void)state;
	v = measure(c, "test-own-undisclosed", eu, OWN_LARGEST, "2026-06-01");
	/* Unknown, never zero: both "at most 24" and "at least 24" are
	 * open, but "more than 0" is certain and "exactly 0" is not. */
	assert_int_equal(ownership_compare(&v, OP_LE, 24), 2);
	assert_int_equal(ownership_compare(&v, OP_GE, 24), 2);
	assert_int_equal(ownership_compare(&v, OP_GT, 0), 1);
	assert_int_equal(ownership_compare(&v, OP_EQ, 0), 0);
	assert_int_equal(ownership_compare(&v, OP_LE, 100), 1);
	/* Dated: from July the stake is stated. */
	v = measure(c, "test-own-undisclosed", eu, OWN_LARGEST, "2026-08-01");
	assert_int_equal(ownership_compare(&v, OP_LE, 24), 1);
	arena_free(a);
	sov_catalog_free(c);
}

static void words_name_holder_seat_and_share(void **state)
{
	sov_catalog *c = ownership_catalog();
	arena *a = arena_new(NULL);
	jword *eu = group_set(a, c, "EU");
	cond k;
	const char *w;
	int day;

	(void)state;
	memset(&k, 0, sizeof(k));
	k.kind = C_SHARES;
	k.measure = OWN_LARGEST;
	k.op = OP_LE;
	k.number = 24;
	k.value = "24";
	k.set_text = "EU";
	assert_int_equal(dates_parse("2026-11-28", &day), 0);
	w = ownership_words(a, c, catalog_entity(c, "test-own-thirty"), eu,
		&k, day, 1);
	assert_non_null(strstr(w, "is 30 %: test-own-us-fund (Example "
		"Capital Partners LLC), seated in US, with 30 %"));
	assert_non_null(strstr(w, "at most 24 %"));
	assert_int_equal(dates_parse("2026-06-01", &day), 0);
	w = ownership_words(a, c, catalog_entity(c, "test-own-undisclosed"),
		eu, &k, day, 0);
	assert_non_null(strstr(w, "the share of test-own-us-fund"));
	assert_non_null(strstr(w, "is not stated"));
	arena_free(a);
	sov_catalog_free(c);
}

static void unknown_holder_is_an_error(void **state)
{
	const char *paths[2] = { SRC, NULL };
	sov_catalog *c = NULL;
	sov_diags *d = NULL;
	char path[] = "/tmp/sov-own-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	(void)state;
	assert_non_null(fp);
	fputs("<catalog xmlns=\"urn:sovereign:catalog:1\">\n"
	      "<entity id=\"x\" name=\"X\" seat=\"FR\">\n"
	      "<shareholder entity=\"nobody\" share=\"10\"/></entity>"
	      "</catalog>", fp);
	fclose(fp);
	paths[1] = path;
	sov_diags_new(&d);
	assert_int_equal(sov_catalog_load(&c, paths, 2, NULL, d),
		SOV_EINPUT);
	test_diag_has(d, "unknown shareholder entity 'nobody'", 3);
	assert_null(c);
	unlink(path);
	sov_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_joint_ventures),
		cmocka_unit_test(ceilings_and_indirect_holdings),
		cmocka_unit_test(unknown_share_is_an_interval),
		cmocka_unit_test(words_name_holder_seat_and_share),
		cmocka_unit_test(unknown_holder_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
