/*
 * report.h - stage 6: render a result for people (text) or programs
 * (JSON). Both are deterministic: the same result gives the same bytes.
 */
#ifndef SOV_REPORT_H
#define SOV_REPORT_H

#include "base/buf.h"
#include "eval/eval.h"

#define REPORT_JSON_SCHEMA_VERSION 1

void report_text(buf *b, const result *r, const sov_report_options *o);
void report_json(buf *b, const result *r);
/* `inner`: only the run (SARIF) or the test suites (JUnit), to go
 * between the pieces of the envelope with others. */
void report_sarif(buf *b, const result *r, int inner);
void report_junit(buf *b, const result *r, int inner);
extern const char *const report_sarif_envelope[3];
extern const char *const report_junit_envelope[3];
void report_markdown(buf *b, const result *r,
	const sov_report_options *o);
void report_ndjson(buf *b, const result *r);
void report_dot(buf *b, const result *r);

/* Do two citations name the same instrument and URL (and so share a
 * line in the reports that group articles)? */
int report_same_source(const citation *a, const citation *b);

/* The "Law:" lines of the text and JUnit reports: citations of one
 * instrument share a line ("GDPR, Art. 44, Art. 45"), each line
 * prefixed by indent. */
void report_citations(buf *b, const rule *ru, const char *indent);

#endif
