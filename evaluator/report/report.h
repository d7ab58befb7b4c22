/*
 * report.h - stage 6: render a result for people (text) or programs
 * (JSON). Both are deterministic: the same result gives the same bytes.
 */
#ifndef SOV_REPORT_H
#define SOV_REPORT_H

#include "base/buf.h"
#include "eval/eval.h"
#include "landings.h"

#define REPORT_JSON_SCHEMA_VERSION 1

void report_text(buf *b, const result *r, const sov_report_options *o);
void report_json(buf *b, const result *r);
/* The findings of the JSON report, each laid out as `l` says: `open` in
 * place of its "{", `first` before the first one, `between` before each
 * other one and `after` after every one. NDJSON writes its lines with
 * it, so both reports carry the same members with the same escaping. */
typedef struct {
	const char *open, *first, *between, *after;
} report_json_layout;
/* About what a finding takes, with its rule's citations and remediation
 * (1.4 KB in the benchmark corpus): reserved up front, a report's buffer
 * grows once or twice at most, not a doubling at a time from nothing. */
#define REPORT_FINDING_BYTES 1536
void report_json_findings(buf *b, const result *r,
	const report_json_layout *l);
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
/* The same with the landings (landings_of) the caller already has. */
void report_dot_with(buf *b, const result *r, const landing *l, size_t n);
/* A page of its own, or with o->inner only the deployment's section, to
 * go between the pieces of report_html_envelope. */
void report_html(buf *b, const result *r, const sov_report_options *o);
extern const char *const report_html_envelope[3];
/* s as HTML text (attr: inside a double-quoted attribute), what a
 * terminal would obey shown as the text report shows it. */
void report_html_str(buf *b, const char *s, int attr);
/* The unsettled readings the policy sets declare, each with the answer
 * pinned or open: "Reading ID: ..." lines (report_text.c), or a
 * ",\"readings\":[...]" member, none when no set declares one
 * (report_json.c). Check and where reports alike. */
void report_readings_text(buf *b, const policy *const *pols, size_t npols,
	const reading_pin *pins, size_t npins);
void report_readings_json(buf *b, const policy *const *pols, size_t npols,
	const reading_pin *pins, size_t npins);
/* `where` as a page of its own (report_placement_html.c). */
struct sov_placement;
void placement_render_html(buf *b, const struct sov_placement *p);
/* The map's colour of each verdict. */
extern const char *const report_html_fills[6];

/*
 * Text from the documents (and file names) may hold what a terminal
 * obeys rather than shows: C0 controls other than tab, DEL, C1 controls
 * (U+0080-U+009F), the bidirectional overrides and isolates (U+202A-
 * U+202E, U+2066-U+2069), and bytes that are not UTF-8. Each format
 * writes those its own way: the text report as "\x1b" and "\u202e".
 */

/* The escape of the character at s ("\x1b", "\u202e") into esc, or ""
 * when it is shown as it is; returns its length in bytes. */
size_t report_escape(const char *s, char esc[8]);
/* s for a terminal: the characters above escaped, the rest as it is. */
void report_put_text(buf *b, const char *s);
/* buf_printf, with each %s argument written by report_put_text (and
 * padded to its width in bytes, as printf does). Handles %s, %u, %d, %c
 * and %% with an optional '-', width and 'l' or 'z'. */
void report_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Do two citations name the same instrument and URL (and so share a
 * line in the reports that group articles)? */
int report_same_source(const citation *a, const citation *b);

/* The "Law:" lines of the text and JUnit reports: citations of one
 * instrument share a line ("GDPR, Art. 44, Art. 45"), each line
 * prefixed by indent. */
void report_citations(buf *b, const rule *ru, const char *indent);

#endif
