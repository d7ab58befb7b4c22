/*
 * helpers.h - shared set-up for the unit tests: the built-in catalog,
 * documents from strings, and finding lookups.
 */
#ifndef SOV_TEST_HELPERS_H
#define SOV_TEST_HELPERS_H

/* Tests use POSIX helpers (mkstemp, open_memstream, threads). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sovereign.h"

#define POLICY_NS "xmlns=\"urn:sovereign:policy:1\""
#define DEPLOY_NS "xmlns=\"urn:sovereign:deployment:1\""

/* The built-in catalog; fails the test if it does not load. */
sov_catalog *test_catalog(void);

/* Loads a policy from a string; fails the test on error. */
sov_policy *test_policy(const sov_catalog *cat, const char *xml);
/* Loads a deployment from a string; fails the test on error. */
sov_deployment *test_deployment(const sov_catalog *cat, const char *xml);

/* Loads a policy expected to fail; returns the status, fills diags. */
int test_policy_fails(const sov_catalog *cat, const char *xml,
	sov_diags *diags);
int test_deployment_fails(const sov_catalog *cat, const char *xml,
	sov_diags *diags);

/* Evaluates one policy as of `date`; fails the test on error. */
sov_result *test_evaluate(const sov_policy *p, const sov_deployment *d,
	const char *date);

/* Index of the finding for (rule, component, data) or -1. `data` may be
 * NULL for a component without data. */
long test_find(const sov_result *r, const char *rule, const char *comp,
	const char *data);
/* Verdict name of that finding, or "not-applicable" when none is kept. */
const char *test_verdict(const sov_result *r, const char *rule,
	const char *comp, const char *data);

/* Asserts that some diagnostic contains `text`, at `line` when non-zero. */
void test_diag_has(const sov_diags *diags, const char *text, unsigned line);

/* A whole file, NUL-terminated, from malloc (free it); fails the test
 * when it cannot be read. */
char *test_slurp(const char *path, size_t *len);
/* Words joined by single spaces into out[len]. */
void test_join_words(char *out, size_t len, const char *const *w,
	size_t n);
/* Fails with "WHO: WHAT is 'got', expected 'wanted'" unless both are the
 * same string, or both are NULL or empty. */
void test_assert_same(const char *got, const char *wanted,
	const char *what, const char *who);

/* An allocator (for sov_allocator, with a failing * as user data) that
 * fails its Nth call and counts the blocks still live. */
typedef struct {
	long calls, fail_at, live;
} failing;

void *f_malloc(size_t n, void *ud);
void *f_realloc(void *ptr, size_t n, void *ud);
void f_free(void *ptr, void *ud);

#endif
