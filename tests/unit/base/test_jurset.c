/* Unit tests for jset.c: jurisdiction bitsets. */
#include "helpers.h"

#include "base/jurset.h"

static void set_operations(void **state)
{
	arena *a = arena_new(NULL);
	size_t w = jurset_words(130);
	jword *x = jurset_new(a, w), *y = jurset_new(a, w);
	jword *z = jurset_new(a, w);

	(void)state;
	assert_int_equal(w, 3);
	assert_true(jurset_empty(x, w));
	jurset_add(x, 0);
	jurset_add(x, 64);
	jurset_add(x, 129);
	jurset_add(y, 64);
	assert_true(jurset_has(x, 129));
	assert_false(jurset_has(x, 128));
	jurset_minus(z, x, y, w);
	assert_false(jurset_has(z, 64));
	assert_true(jurset_has(z, 0) && jurset_has(z, 129));
	jurset_inter(z, x, y, w);
	assert_int_equal(jurset_next(z, w, 0), 64);
	assert_int_equal(jurset_next(z, w, 65), -1);
	jurset_union(y, x, w);
	assert_int_equal(jurset_next(y, w, 1), 64);
	assert_int_equal(jurset_next(y, w, 65), 129);
	jurset_clear(y, w);
	assert_true(jurset_empty(y, w));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_operations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
