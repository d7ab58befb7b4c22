/*
 * report_ndjson.c - one JSON object per kept finding, one per line, with
 * no array around them: the deployment id and the date first, then every
 * member of the finding in the JSON report (docs/report-json.md), so that
 * log pipelines and `jq -c` read findings one at a time.
 *
 * The findings are written by the JSON report's own code
 * (report_json_findings), so both always carry the same members with the
 * same escaping.
 */
#include "report.h"

void report_ndjson(buf *b, const result *r)
{
	report_json_layout l;
	buf head;

	buf_init(&head, b->al);
	buf_puts(&head, "{\"deployment\":");
	buf_json_str(&head, r->d->id);
	buf_puts(&head, ",\"as_of\":");
	buf_json_str(&head, r->as_of);
	buf_putc(&head, ',');
	if (head.oom) {
		b->oom = 1;
		buf_release(&head);
		return;
	}
	l.open = head.data;
	l.first = l.between = "";
	l.after = "\n";
	buf_reserve(b, r->n * (head.len + REPORT_FINDING_BYTES));
	report_json_findings(b, r, &l);
	buf_release(&head);
}
