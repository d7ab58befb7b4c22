/*
 * quickcheck.h - a quick, conservative check that a deployment is valid
 * against deployment.xsd. It answers "certainly valid" or "not sure";
 * only the second goes through libxml2's schema validator, which stays
 * the reference and gives the error messages. Validating every document
 * with the schema cost as much as parsing it (docs/performance.md).
 */
#ifndef SOV_QUICKCHECK_H
#define SOV_QUICKCHECK_H

#include <libxml/tree.h>

/* 1 when `root` (a <deployment> in its namespace) is certainly valid
 * against deployment.xsd; 0 when the schema must decide. */
int quickcheck_deployment(xmlNodePtr root);

/*
 * The same check asked of the parser's events, for a reader that builds
 * no tree: it answers as quickcheck_deployment would for the tree those
 * events build. Each call returns 1 while the document is still
 * certainly valid, and 0 from the first "not sure" on.
 */
typedef struct {
	int ok, depth;
	int stage;                /* at the root: 0 description, 1 classes,
				   * 2 the rest */
	const void *open[4];      /* the rules of the open elements */
	int text_seen, other_seen; /* in the innermost open element */
} qc_stream;

void quickcheck_begin(qc_stream *q);
/* An element opens: its namespace URI (or NULL), local name, and its n
 * attributes, none in a namespace, each value plain text as the tree
 * would hold it before validation (the caller refuses the others). */
int quickcheck_open(qc_stream *q, const char *uri, const char *name,
	const char *const *names, const char *const *values, size_t n);
/* Character data in the innermost open element. */
int quickcheck_chars(qc_stream *q, const char *s, size_t len);
/* A comment or processing instruction in the innermost open element. */
int quickcheck_other(qc_stream *q);
/* The innermost open element closes; `text` is all its character data
 * (NULL when none). */
int quickcheck_close(qc_stream *q, const char *text);
/* 1 when the whole document was certainly valid. */
int quickcheck_end(const qc_stream *q);

#endif
