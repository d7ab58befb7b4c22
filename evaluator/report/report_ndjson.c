/*
 * report_ndjson.c - one JSON object per kept finding, one per line, with
 * no array around them: the deployment id and the date first, then every
 * member of the finding in the JSON report (docs/report-json.md), so that
 * log pipelines and `jq -c` read findings one at a time.
 *
 * The findings are taken from the JSON report itself rather than written
 * a second time, so both always carry the same members with the same
 * escaping. That report puts its top-level members on its first line and
 * each finding on a line of its own, ending in "," or, for the last one,
 * in "]}" (docs/report-json.md, section 2).
 */
#include "report.h"

#include <string.h>

void report_ndjson(buf *b, const result *r)
{
	buf json, head;
	const char *line, *end;

	buf_init(&json, b->al);
	buf_init(&head, b->al);
	report_json(&json, r);
	buf_puts(&head, "{\"deployment\":");
	buf_json_str(&head, r->d->id);
	buf_puts(&head, ",\"as_of\":");
	buf_json_str(&head, r->as_of);
	buf_putc(&head, ',');
	if (json.oom || head.oom) {
		b->oom = 1;
		goto out;
	}
	/* One growth of the output, not one per doubling: every finding
	 * line gains the head, and loses its "," or "]}". */
	buf_reserve(b, json.len + r->n * head.len);
	line = strchr(json.data, '\n');
	while (line && *++line) {
		size_t len;

		end = strchr(line, '\n');
		if (!end)
			break;
		len = (size_t)(end - line);
		if (len >= 2 && strncmp(end - 2, "]}", 2) == 0)
			len -= 2;
		else if (len >= 1 && end[-1] == ',')
			len--;
		if (len < 2 || line[0] != '{')
			break;
		/* "{MEMBERS}" becomes "{deployment,as_of,MEMBERS}". */
		buf_append(b, head.data, head.len);
		buf_append(b, line + 1, len - 1);
		buf_putc(b, '\n');
		line = end;
	}
out:
	buf_release(&head);
	buf_release(&json);
}
