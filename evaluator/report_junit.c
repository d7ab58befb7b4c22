/*
 * report_junit.c - the junit report (placeholder until written).
 */
#include "report.h"

void report_junit(buf *b, const result *r)
{
	(void)r;
	buf_puts(b, "");
}
