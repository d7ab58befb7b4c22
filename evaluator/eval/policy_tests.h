/*
 * testrun.h - policy test files: run cases, compare findings, track
 * which rules a passing case shows holding and breaking.
 */
#ifndef SOV_TESTRUN_H
#define SOV_TESTRUN_H

#include "buf.h"
#include "catalog.h"
#include "deploy.h"
#include "policy.h"

int testrun_new(sov_tests **out, const sov_options *opts);
void testrun_free(sov_tests *t);
/* Runs `path` if it is a policy-tests document (*ran = 1), else skips. */
int testrun_file(sov_tests *t, const char *path, int *ran,
	sov_diags *diags);
size_t testrun_cases(const sov_tests *t);
size_t testrun_failed(const sov_tests *t);
size_t testrun_uncovered(const sov_tests *t);
void testrun_render(buf *b, const sov_tests *t, int coverage);

#endif
