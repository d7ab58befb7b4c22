/*
 * gen.c - a seeded generator of realistic deployment corpora for the
 * benchmark: N deployments of K components over regions, routing scopes
 * and pairs of the shipped catalog, with data classes, flows, access,
 * keys and backups. The same seed gives the same files.
 * A second mode writes a peer engines' workload in our formats: N
 * deployments of 16-24 components on a provider of its own (300 regions
 * over 100 countries, in DIR/catalog.xml with 50 groups of 10-30
 * countries), and policies DIR/policy-R.xml of R = 50, 500, 5000 rules
 * "components holding class X are stored within group G". Classes come
 * from a vocabulary of 1000, so most rules cannot apply to a subject.
 * usage: gen SEED N K DIR
 *        gen peer SEED N DIR      (deployments in DIR/d/)
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

/* ------------------------------------------------------------------ */
/* The peer corpus                                                     */

enum { PEER_REGIONS = 300, PEER_GROUPS = 50, PEER_CLASSES = 1000 };

/* 100 codes the shipped catalog declares. */
static const char *const peer_countries[] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS",
	"AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG",
	"BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT",
	"BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI",
	"CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY",
	"CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH",
	"ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB",
	"GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ",
	"GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT",
	"HU",
};
#define NCOUNTRIES (sizeof(peer_countries) / sizeof(peer_countries[0]))

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fopen(path, "w");
}

/* A group of 10-30 distinct countries: a run from a random start with a
 * stride coprime with 100. */
static void peer_group(FILE *fp, int g)
{
	static const unsigned strides[] = { 1, 3, 7, 9, 11, 13, 17, 19 };
	unsigned start = pick(NCOUNTRIES), stride = PICK(strides);
	unsigned n = 10 + pick(21), i;

	fprintf(fp, "  <group id=\"PEER-G%02d\" name=\"Peer group %d\">\n",
		g, g);
	for (i = 0; i < n; i++)
		fprintf(fp, "    <member ref=\"%s\"/>\n",
			peer_countries[(start + i * stride) % NCOUNTRIES]);
	fputs("  </group>\n", fp);
}

static int peer_catalog(const char *dir)
{
	FILE *fp = open_in(dir, "catalog.xml");
	int i;

	if (!fp)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<catalog xmlns=\"urn:sovereign:catalog:1\" "
		"title=\"Benchmark peer cloud\">\n"
		"  <entity id=\"peer-cloud-inc\" name=\"Peer Cloud Inc.\" "
		"seat=\"DE\"/>\n  <provider id=\"peer-cloud\" "
		"name=\"Peer Cloud\" entity=\"peer-cloud-inc\">\n", fp);
	for (i = 0; i < PEER_REGIONS; i++)
		fprintf(fp, "    <region id=\"r%03d\" country=\"%s\" "
			"pair=\"none\"/>\n", i,
			peer_countries[i % NCOUNTRIES]);
	fputs("  </provider>\n", fp);
	for (i = 0; i < PEER_GROUPS; i++)
		peer_group(fp, i);
	fputs("</catalog>\n", fp);
	return fclose(fp);
}

static int peer_policy(const char *dir, int nrules)
{
	char name[64];
	FILE *fp;
	int i;

	snprintf(name, sizeof(name), "policy-%d.xml", nrules);
	fp = open_in(dir, name);
	if (!fp)
		return -1;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<policy-set xmlns=\"urn:sovereign:policy:1\" "
		"id=\"peer-%d\" title=\"Peer workload, %d rules\">\n",
		nrules, nrules);
	for (i = 0; i < nrules; i++) {
		int cls = i * 37 % PEER_CLASSES, g = (int)pick(PEER_GROUPS);

		fprintf(fp, "  <rule id=\"peer-%04d\" severity=\"error\">\n"
			"    <title>cls-%03d is stored within PEER-G%02d"
			"</title>\n    <citation instrument=\"Benchmark\" "
			"article=\"%d\"/>\n    <scope data=\"cls-%03d\"/>\n"
			"    <require><within facet=\"stored\" "
			"set=\"PEER-G%02d\"/></require>\n  </rule>\n",
			i, cls, g, i, cls, g);
	}
	fputs("</policy-set>\n", fp);
	return fclose(fp);
}

/* 12 distinct classes of the vocabulary: a stride coprime with 1000. */
static int peer_class(unsigned base, unsigned j)
{
	return (int)((base + j * 83) % PEER_CLASSES);
}

static void peer_component(FILE *fp, int c, unsigned base)
{
	fprintf(fp, "  <component id=\"c%d\" kind=\"%s\" "
		"provider=\"peer-cloud\" region=\"r%03u\" redundancy=\"zone\" "
		"backups=\"none\">\n    <stores data=\"cls-%03d\"/>\n", c,
		PICK(kinds), pick(PEER_REGIONS), peer_class(base, pick(12)));
	if (pick(2))
		fprintf(fp, "    <processes data=\"cls-%03d\"/>\n",
			peer_class(base, pick(12)));
	fputs("  </component>\n", fp);
}

static int peer_deployment(const char *dir, int n)
{
	char name[64];
	FILE *fp;
	unsigned base = pick(PEER_CLASSES), j;
	int c, k = 16 + (int)pick(9);

	snprintf(name, sizeof(name), "d/d%06d.xml", n);
	fp = open_in(dir, name);
	if (!fp)
		return -1;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<deployment xmlns=\"urn:sovereign:deployment:1\" "
		"id=\"peer-%06d\" title=\"Peer deployment %d\">\n", n, n);
	for (j = 0; j < 12; j++)
		fprintf(fp, "  <data-class id=\"cls-%03d\"/>\n",
			peer_class(base, j));
	for (c = 0; c < k; c++)
		peer_component(fp, c, base);
	fputs("</deployment>\n", fp);
	return fclose(fp);
}

static int peer(const char *dir, int n)
{
	static const int sizes[] = { 50, 500, 5000 };
	char sub[4096];
	size_t i;
	int d;

	snprintf(sub, sizeof(sub), "%s/d", dir);
	mkdir(dir, 0755);
	mkdir(sub, 0755);
	if (peer_catalog(dir) != 0)
		return -1;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (peer_policy(dir, sizes[i]) != 0)
			return -1;
	for (d = 0; d < n; d++)
		if (peer_deployment(dir, d) != 0)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int n, k, i;

	if (argc == 5 && strcmp(argv[1], "peer") == 0) {
		state = strtoul(argv[2], NULL, 10);
		if (peer(argv[4], atoi(argv[3])) == 0)
			return 0;
		perror(argv[4]);
		return 1;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: gen SEED N K DIR\n"
			"       gen peer SEED N DIR\n");
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
