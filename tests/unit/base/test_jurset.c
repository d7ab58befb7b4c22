/* Unit tests for jset.c: jurisdiction bitsets. */
#include "helpers.h"

#include "jset.h"

static void set_operations(void **state)
{
	arena *a = arena_new(NULL);
	size_t w = jset_words(130);
	jword *x = jset_new(a, w), *y = jset_new(a, w), *z = jset_new(a, w);

	(void)state;
	assert_int_equal(w, 3);
	assert_true(jset_empty(x, w));
	jset_add(x, 0);
	jset_add(x, 64);
	jset_add(x, 129);
	jset_add(y, 64);
	assert_true(jset_has(x, 129));
	assert_false(jset_has(x, 128));
	jset_minus(z, x, y, w);
	assert_false(jset_has(z, 64));
	assert_true(jset_has(z, 0) && jset_has(z, 129));
	jset_inter(z, x, y, w);
	assert_int_equal(jset_next(z, w, 0), 64);
	assert_int_equal(jset_next(z, w, 65), -1);
	jset_union(y, x, w);
	assert_int_equal(jset_next(y, w, 1), 64);
	assert_int_equal(jset_next(y, w, 65), 129);
	jset_clear(y, w);
	assert_true(jset_empty(y, w));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_operations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
