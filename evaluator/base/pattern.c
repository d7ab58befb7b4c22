/*
 * pattern.c - PCRE2 wrapper. The compiled code and match context are
 * read-only after compilation, so one pattern serves many threads; match
 * data is created per call for the same reason.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

/* Bounds on backtracking: a pathological pattern fails fast, not slowly. */
#define MATCH_LIMIT 100000u
#define DEPTH_LIMIT 5000u

struct pattern {
	pcre2_code *code;
	pcre2_match_context *mctx;
};

static void pattern_release(void *p)
{
	pattern *pt = p;

	pcre2_match_context_free(pt->mctx);
	pcre2_code_free(pt->code);
}

pattern *pattern_compile(arena *a, const char *src, char *err,
	size_t errlen, size_t *offset)
{
	pattern *p = arena_alloc(a, sizeof(*p));
	int code;
	PCRE2_SIZE off = 0;

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
		PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C, &code, &off, NULL);
	if (!p->code) {
		pcre2_get_error_message(code, (PCRE2_UCHAR *)err, errlen);
		*offset = off;
		return NULL;
	}
	p->mctx = pcre2_match_context_create(NULL);
	if (!p->mctx || arena_on_free(a, pattern_release, p) != 0) {
		pcre2_match_context_free(p->mctx);
		pcre2_code_free(p->code);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	/* JIT is an optimisation: without it the interpreter is used. */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	return p;
}

int pattern_match(const pattern *p, const char *subject)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code,
		NULL);
	int rc;

	if (!md)
		return -1;
	rc = pcre2_match(p->code, (PCRE2_SPTR)subject, strlen(subject), 0, 0,
		md, p->mctx);
	pcre2_match_data_free(md);
	if (rc >= 0)
		return 1;
	return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}
