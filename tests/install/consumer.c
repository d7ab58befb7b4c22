/* A program built against the installed library, as an embedder would. */
#include <sovereign.h>
#include <stdio.h>
int main(void)
{
	sov_catalog *cat = NULL;
	int rc = sov_catalog_load(&cat, NULL, 0, NULL, NULL);
	printf("%s %d\n", sov_version(), rc);
	sov_catalog_free(cat);
	return rc != SOV_OK;
}
