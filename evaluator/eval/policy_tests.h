/*
 * policy_tests.h - policy test files: run cases, compare findings, track
 * which rules a passing case shows holding and breaking.
 */
#ifndef SOV_POLICY_TESTS_H
#define SOV_POLICY_TESTS_H

#include "base/buf.h"
#include "catalog/catalog.h"
#include "deploy/deploy.h"
#include "policy/policy.h"

int policy_tests_new(sov_tests **out, const sov_options *opts);
void policy_tests_free(sov_tests *t);
/* Runs `path` if it is a policy-tests document (*ran = 1), else skips. */
int policy_tests_file(sov_tests *t, const char *path, int *ran,
	sov_diags *diags);
size_t policy_tests_cases(const sov_tests *t);
size_t policy_tests_failed(const sov_tests *t);
size_t policy_tests_uncovered(const sov_tests *t);
void policy_tests_render(buf *b, const sov_tests *t, int coverage);

#endif
