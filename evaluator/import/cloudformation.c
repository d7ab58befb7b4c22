/*
 * cloudformation.c - import: placeholder until the reader lands.
 */
#include "import.h"

int cloudformation_import(draft *d, const json_value *root)
{
	(void)d;
	(void)root;
	return SOV_OK;
}
