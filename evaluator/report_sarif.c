/*
 * report_sarif.c - the sarif report (placeholder until written).
 */
#include "report.h"

void report_sarif(buf *b, const result *r)
{
	(void)r;
	buf_puts(b, "");
}
