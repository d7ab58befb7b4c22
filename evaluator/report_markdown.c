/*
 * report_markdown.c - the markdown report (placeholder until written).
 */
#include "report.h"

void report_markdown(buf *b, const result *r)
{
	(void)r;
	buf_puts(b, "");
}
