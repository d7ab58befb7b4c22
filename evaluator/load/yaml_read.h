/*
 * yaml_read.h - YAML documents (CloudFormation templates) into the tree
 * of json_read.h; see yaml_read.c for what is refused.
 */
#ifndef SOV_YAML_READ_H
#define SOV_YAML_READ_H

#include "load/json_read.h"

/* Parses text[0..len) into *out. SOV_OK; SOV_EINPUT with the error at
 * its line and column in diags; SOV_ENOMEM. */
int yaml_parse(json_value **out, arena *a, const char *name,
	const char *text, size_t len, sov_diags *diags);

#endif
