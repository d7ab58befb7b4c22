/*
 * report_ndjson.c - the ndjson report (placeholder until written).
 */
#include "report.h"

void report_ndjson(buf *b, const result *r)
{
	(void)r;
	buf_puts(b, "");
}
