/*
 * diag.h - the caller-owned diagnostics list that every loader fills.
 */
#ifndef SOV_DIAG_H
#define SOV_DIAG_H

#include "sovereign.h"

/* Adds one diagnostic; diags may be NULL. Returns SOV_OK or SOV_ENOMEM. */
int diag_add(sov_diags *diags, sov_severity sev, const char *file,
	unsigned line, unsigned column, const char *expected,
	const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* The words for a status code (the body of sov_status_str). */
const char *diag_status_str(int status);

/* The bodies of the public sov_diags_* functions (see api.c); `al` may
 * be NULL for the C library. */
int diags_create(sov_diags **out, const sov_allocator *al);
void diags_destroy(sov_diags *d);
size_t diags_count(const sov_diags *d);
const sov_diag *diags_get(const sov_diags *d, size_t i);
void diags_reset(sov_diags *d);
#endif
