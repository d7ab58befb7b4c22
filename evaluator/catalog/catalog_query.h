/*
 * catalog_query.h - catalog questions answered as text or JSON.
 */
#ifndef SOV_CATALOG_QUERY_H
#define SOV_CATALOG_QUERY_H

#include "base/buf.h"
#include "catalog.h"

int catalog_query(buf *b, const catalog *c, const sov_catalog_query *q,
	sov_format format, sov_diags *diags);

#endif
