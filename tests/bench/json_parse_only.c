/*
 * json_parse_only.c - the floor of the import benchmark: reads the file
 * named on the command line and parses it with the JSON reader the
 * importers use (load/json_read.c), then frees it. Nothing else: no
 * mapping, no deployment, no evaluation.
 * usage: json_parse_only FILE
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/arena.h"
#include "load/json_read.h"

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
	json_value *root = NULL;
	arena *a = arena_new(NULL);
	char *data;
	long n;
	int rc;

	if (!f || !a || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
		return 2;
	rewind(f);
	data = malloc((size_t)n + 1);
	if (!data || fread(data, 1, (size_t)n, f) != (size_t)n)
		return 2;
	fclose(f);
	rc = json_parse(&root, a, argv[1], data, (size_t)n, NULL);
	arena_free(a);
	free(data);
	return rc != 0;
}
