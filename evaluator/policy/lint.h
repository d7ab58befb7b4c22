/*
 * lint.h - warnings about policy sets that compile but look wrong.
 */
#ifndef SOV_LINT_H
#define SOV_LINT_H

#include "policy.h"

/* Adds warnings and notes to `diags`; returns the number of warnings. */
size_t lint_policy(const policy *p, int day, sov_diags *diags);

#endif
