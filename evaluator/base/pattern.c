/*
 * pattern.c - PCRE2 wrapper. The compiled code and match context are
 * read-only after compilation, so one pattern serves many threads; match
 * data is created per call for the same reason. Every block PCRE2 takes,
 * at compile and at match time, comes from the arena's allocator through
 * a general context, so a handle's allocator sees all of its memory.
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
	pcre2_general_context *gctx;
	pcre2_code *code;
	pcre2_match_context *mctx;
};

/* PCRE2's allocator hooks; `ud` is the arena's sov_allocator or NULL. */
static void *pattern_mem_alloc(PCRE2_SIZE size, void *ud)
{
	return arena_mem_alloc(ud, size);
}

static void pattern_mem_free(void *ptr, void *ud)
{
	arena_mem_free(ud, ptr);
}

static void pattern_release(void *p)
{
	pattern *pt = p;

	pcre2_match_context_free(pt->mctx);
	pcre2_code_free(pt->code);
	pcre2_general_context_free(pt->gctx);
}

static pattern *pattern_oom(arena *a, pattern *p, char *err,
	size_t errlen)
{
	pattern_release(p);
	arena_set_failed(a);
	snprintf(err, errlen, "out of memory");
	return NULL;
}

/* The code, or NULL with the message and offset of a syntax error. */
static int pattern_build(pattern *p, const char *src, char *err,
	size_t errlen, size_t *offset)
{
	pcre2_compile_context *cctx = pcre2_compile_context_create(p->gctx);
	int code = PCRE2_ERROR_HEAP_FAILED;
	PCRE2_SIZE off = 0;

	if (cctx)
		p->code = pcre2_compile((PCRE2_SPTR)src,
			PCRE2_ZERO_TERMINATED,
			PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C, &code, &off,
			cctx);
	pcre2_compile_context_free(cctx);
	if (p->code)
		return 0;
	if (code == PCRE2_ERROR_HEAP_FAILED)
		return -1;
	pcre2_get_error_message(code, (PCRE2_UCHAR *)err, errlen);
	*offset = off;
	return 1;
}

pattern *pattern_compile(arena *a, const char *src, char *err,
	size_t errlen, size_t *offset)
{
	pattern *p = arena_alloc(a, sizeof(*p));
	int rc;

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->gctx = pcre2_general_context_create(pattern_mem_alloc,
		pattern_mem_free, (void *)arena_allocator(a));
	if (!p->gctx)
		return pattern_oom(a, p, err, errlen);
	rc = pattern_build(p, src, err, errlen, offset);
	if (rc < 0)
		return pattern_oom(a, p, err, errlen);
	if (rc > 0) {
		pattern_release(p);
		return NULL;
	}
	p->mctx = pcre2_match_context_create(p->gctx);
	if (!p->mctx || arena_on_free(a, pattern_release, p) != 0)
		return pattern_oom(a, p, err, errlen);
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	/* JIT is an optimisation: without it the interpreter is used. */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	return p;
}

int pattern_match(const pattern *p, const char *subject)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code,
		p->gctx);
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
