/*
 * terraform.c - import: placeholder until the reader lands.
 */
#include "import.h"

int terraform_import(draft *d, const json_value *root, int state)
{
	(void)d;
	(void)root;
	(void)state;
	return SOV_OK;
}
