/*
 * report_dot.c - the dot report (placeholder until written).
 */
#include "report.h"

void report_dot(buf *b, const result *r)
{
	(void)r;
	buf_puts(b, "");
}
