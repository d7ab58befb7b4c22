/*
 * gen.c - a seeded generator of realistic deployment corpora for the
 * benchmark: N deployments of K components over regions, routing scopes
 * and pairs of the shipped catalog, with data classes, flows, access,
 * keys and backups. The same seed gives the same files.
 * usage: gen SEED N K DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
	const char *provider, *region, *scope;
} place;

/* Regions and scopes that exist in policies/catalog/. */
static const place places[] = {
	{ "azure", "westeurope", NULL }, { "azure", "northeurope", NULL },
	{ "azure", "brazilsouth", NULL }, { "azure", "eastus", NULL },
	{ "azure", "germanywestcentral", NULL },
	{ "azure", "swedencentral", "datazone-eu" },
	{ "azure", "swedencentral", "global" }, { "azure", "uksouth", NULL },
	{ "azure", "eastasia", NULL }, { "azure", "francecentral", NULL },
	{ "aws", "eu-central-1", NULL }, { "aws", "eu-west-1", NULL },
	{ "aws", "us-east-1", NULL }, { "aws", "ap-south-1", NULL },
	{ "aws", "eu-central-1", "bedrock-eu" },
	{ "aws", "us-east-1", "bedrock-us" }, { "gcp", "europe-west3", NULL },
	{ "gcp", "us-central1", NULL }, { "gcp", "asia-east2", NULL },
	{ "ovhcloud", "eu-west-gra", NULL }, { "scaleway", "fr-par", NULL },
};
static const char *const kinds[] = {
	"database", "object-storage", "compute", "ai-inference", "logging",
	"backup", "cache",
};
static const char *const classes[] = {
	"personal", "special-category", "payment", "health-record",
	"prompts", "telemetry",
};
static const char *const origins[] = { "DE", "FR", "IE", "US", "IN", "NL" };
static const char *const redundancy[] = { "none", "zone", "geo" };

static unsigned long state;

static unsigned pick(unsigned n)
{
	state = state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((state >> 33) % n);
}

#define PICK(a) a[pick(sizeof(a) / sizeof(a[0]))]

static void component(FILE *fp, int i)
{
	const place *p = &PICK(places);

	fprintf(fp, "  <component id=\"c%d\" kind=\"%s\" provider=\"%s\" "
		"region=\"%s\"", i, PICK(kinds), p->provider, p->region);
	if (p->scope)
		fprintf(fp, " scope=\"%s\"", p->scope);
	fprintf(fp, " redundancy=\"%s\"", strcmp(p->provider, "azure") ?
		"zone" : PICK(redundancy));
	fprintf(fp, "%s%s>\n", pick(4) ? " backups=\"none\"" : "",
		pick(3) ? "" : " mechanism=\"scc\"");
	fprintf(fp, "    <stores data=\"%s\"/>\n", PICK(classes));
	if (pick(2))
		fprintf(fp, "    <processes data=\"%s\"/>\n", PICK(classes));
	fprintf(fp, "    <access from=\"%s\" by=\"operations\"/>\n",
		PICK(origins));
	fprintf(fp, "    <keys custody=\"%s\" location=\"%s\"/>\n",
		pick(2) ? "customer" : "provider", PICK(origins));
	fprintf(fp, "    <attribute name=\"retention-abroad\" "
		"value=\"PT%uH\"/>\n", 6 + pick(90));
	fprintf(fp, "    <tag>tier-%u</tag>\n  </component>\n", pick(3));
}

static int deployment(const char *dir, int n, int k)
{
	char path[4096];
	FILE *fp;
	size_t i;
	int c;

	snprintf(path, sizeof(path), "%s/d%06d.xml", dir, n);
	fp = fopen(path, "w");
	if (!fp)
		return -1;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<deployment xmlns=\"urn:sovereign:deployment:1\" "
		"id=\"bench-%06d\" title=\"Generated deployment %d\">\n", n, n);
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		fprintf(fp, "  <data-class id=\"%s\"/>\n", classes[i]);
	for (c = 0; c < k; c++)
		component(fp, c);
	for (c = 1; c < k; c++)
		if (pick(2))
			fprintf(fp, "  <flow from=\"c%d\" to=\"c%d\" "
				"data=\"%s\"%s/>\n", c - 1, c, PICK(classes),
				pick(2) ? " mechanism=\"scc\"" : "");
	fputs("</deployment>\n", fp);
	return fclose(fp);
}

int main(int argc, char **argv)
{
	int n, k, i;

	if (argc != 5) {
		fprintf(stderr, "usage: gen SEED N K DIR\n");
		return 2;
	}
	state = strtoul(argv[1], NULL, 10);
	n = atoi(argv[2]);
	k = atoi(argv[3]);
	mkdir(argv[4], 0755);
	for (i = 0; i < n; i++)
		if (deployment(argv[4], i, k) != 0) {
			perror(argv[4]);
			return 1;
		}
	return 0;
}
