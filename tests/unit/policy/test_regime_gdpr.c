/*
 * test_regime_gdpr.c - policy tests for the shipped GDPR transfer regime,
 * policies/regimes/eu-gdpr-transfers.xml.
 *
 * Every rule is checked where it holds, where it breaks, under each of its
 * `unless` exceptions, and with an unknown fact where one can arise. Each
 * case is one small inline deployment whose component "c" varies in a
 * single fact; everything else the rules look at is stated.
 *
 * The shipped catalog has no operator outside the United States, so the
 * group set-up adds a few test entities (one EU operator, one EU
 * subsidiary of a US parent, one with a declared exposure) to reach every
 * verdict of gdpr-48-control.
 */
#define _POSIX_C_SOURCE 200809L

#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REGIME SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"

/* Evaluation dates. */
#define NOW "2026-11-28"       /* after the Brazil adequacy decision */
#define PRE_BR "2025-06-01"    /* before it */
#define PRE_DPF "2023-07-09"   /* the day before the EU-US DPF decision */
#define PRE_GB "2021-06-27"    /* last day of the bridge before GB adequacy */
#define GB_ADQ "2021-06-28"    /* GB adequacy decision */
#define PRE_JP "2019-01-22"    /* the day before the Japan decision */

/* Rules. */
#define STORED "gdpr-44-stored"
#define REPLICA "gdpr-44-replica"
#define PROCESSED "gdpr-44-processed"
#define ACCESS "gdpr-44-access"
#define CONTROL "gdpr-48-control"

/* Exception names, as in the regime. */
#define X_SAFE "Appropriate safeguards (Art. 46)"
#define X_DPF "Adequacy for DPF-certified recipient (Art. 45)"
#define X_CA "Adequacy for a commercial recipient in Canada (Art. 45, " \
	"Decision 2002/2/EC)"
#define X_JP "Adequacy for a private-sector recipient in Japan (Art. 45, " \
	"Implementing Decision (EU) 2019/419)"
#define X_49 "Derogation for a specific situation (Art. 49)"
#define X_48 "Transfer safeguards in place (Art. 46)"

/* Test-only operators, merged into the shipped catalog. */
static const char extra_catalog[] =
	"<catalog xmlns=\"urn:sovereign:catalog:1\" title=\"Test operators\">"
	"<entity id=\"eu-ops\" name=\"EU Operations SE\" seat=\"DE\"/>"
	"<entity id=\"ms-de\" name=\"EU subsidiary\" seat=\"DE\""
	" parent=\"microsoft\"/>"
	"<entity id=\"fr-exposed\" name=\"Declared exposure\" seat=\"FR\">"
	"<exposure law=\"US-CLOUD-ACT\"/></entity>"
	"</catalog>";

/* Deployment pieces. Component "c" is the subject under test. */
#define DEP_HEAD "<deployment " DEPLOY_NS " id=\"t\">" \
	"<data-class id=\"personal\"/>" \
	"<data-class id=\"special-category\"/>" \
	"<data-class id=\"telemetry\"/>"
#define DEP_TAIL "</deployment>"

#define COMP(attrs, kids) \
	"<component id=\"c\" kind=\"database\" " attrs ">" kids "</component>"
#define AZ0 "provider=\"azure\" "       /* no region, no scope */
#define AZ(r) "provider=\"azure\" region=\"" r "\" "
#define AWS(r) "provider=\"aws\" region=\"" r "\" "
#define GCP(r) "provider=\"gcp\" region=\"" r "\" "
#define SCOPE(s) "scope=\"" s "\" "
#define ZONE "redundancy=\"zone\" "
#define GEO "redundancy=\"geo\" "
#define NORED "redundancy=\"none\" "
#define NOBK "backups=\"none\" "
#define BKLIST "backups=\"listed\" "
#define NOACC "access=\"none\" "
#define ACCLIST "access=\"listed\" "
#define QUIET NOBK NOACC
#define MECH(m) "mechanism=\"" m "\" "
#define OPER(e) "operator=\"" e "\" "
#define PUBLIC "sector=\"public\" "

#define STORES(d) "<stores data=\"" d "\"/>"
#define PROCS(d) "<processes data=\"" d "\"/>"
#define ST STORES("personal")
#define PR PROCS("personal")
#define FROM(j) "<access from=\"" j "\" by=\"support\"/>"
#define BACKUP(r) "<backup region=\"" r "\"/>"
#define COPY(r) "<replica region=\"" r "\"/>"
#define DPF "<certification id=\"eu-us-dpf\"/>"
/* Stated as not held: without a statement the DPF exception is open and
 * a US destination is indeterminate (see the unk-dpf-* cases). */
#define NODPF "<certification id=\"eu-us-dpf\" held=\"false\"/>"

/* A zone-redundant store in Azure region r, all else stated. */
#define DB_AZ(r, more, kids) COMP(AZ(r) ZONE QUIET more, ST kids)
/* A compute node in Azure region r processing personal data only. */
#define VM_AZ(r, more, kids) COMP(AZ(r) QUIET more, PR kids)

/* A second component in the EU sending personal data to "c". */
#define SRC "<component id=\"src\" kind=\"compute\" " AZ("westeurope") \
	ZONE QUIET ">" PR "</component>"
#define FLOW(m) SRC "<flow from=\"src\" to=\"c\" data=\"personal\"" \
	" mechanism=\"" m "\"/>"

struct gcase {
	const char *name;
	const char *rule;
	const char *date;
	const char *data;
	const char *body;
	const char *verdict;
	const char *facet;     /* violation, indeterminate */
	const char *offending; /* violation */
	const char *exception; /* excepted */
	const char *missing;   /* indeterminate: a substring */
};

#define OK(n, r, dt, b) { n, r, dt, "personal", b, "compliant", \
	NULL, NULL, NULL, NULL }
#define BAD(n, r, dt, b, fa, off) { n, r, dt, "personal", b, "violation", \
	fa, off, NULL, NULL }
#define EXC(n, r, dt, b, x) { n, r, dt, "personal", b, "excepted", \
	NULL, NULL, x, NULL }
#define UNK(n, r, dt, b, fa, m) { n, r, dt, "personal", b, \
	"indeterminate", fa, NULL, NULL, m }
#define NA(n, r, dt, d, b) { n, r, dt, d, b, "not-applicable", \
	NULL, NULL, NULL, NULL }

static struct gcase cases[] = {
	/* gdpr-44-stored */
	OK("stored/ok-westeurope", STORED, NOW, DB_AZ("westeurope", "", "")),
	OK("stored/ok-switzerland", STORED, NOW,
		COMP(AWS("eu-central-2") NORED QUIET, ST)),
	OK("stored/ok-nothing-stored", STORED, NOW, VM_AZ("eastus", "", "")),
	OK("stored/ok-scope-gcp-eu", STORED, NOW,
		COMP("provider=\"gcp\" " SCOPE("eu") ZONE QUIET, ST)),
	BAD("stored/bad-eastus", STORED, NOW, DB_AZ("eastus", "", NODPF),
		"stored", "US-VA"),
	UNK("stored/unk-dpf-unstated", STORED, NOW, DB_AZ("eastus", "", ""),
		"stored", "holds certification 'eu-us-dpf' is not stated"),
	BAD("stored/bad-india", STORED, NOW,
		COMP(AWS("ap-south-1") NORED QUIET, ST), "stored", "IN"),
	BAD("stored/bad-brazil-2025-06-01", STORED, PRE_BR,
		DB_AZ("brazilsouth", "", ""), "stored", "BR"),
	OK("stored/ok-brazil-2026-11-28", STORED, NOW,
		DB_AZ("brazilsouth", "", "")),
	OK("stored/ok-uksouth-2021-06-27-bridge", STORED, PRE_GB,
		DB_AZ("uksouth", "", "")),
	OK("stored/ok-uksouth-2021-06-28", STORED, GB_ADQ,
		DB_AZ("uksouth", "", "")),
	BAD("stored/bad-uksouth-2031-12-28", STORED, "2031-12-28",
		DB_AZ("uksouth", "", ""), "stored", "GB"),
	{ "stored/bad-special-category", STORED, NOW, "special-category",
		COMP(AZ("eastus") ZONE QUIET,
			STORES("special-category") NODPF),
		"violation", "stored", "US-VA", NULL, NULL },
	NA("stored/na-telemetry", STORED, NOW, "telemetry",
		COMP(AZ("eastus") ZONE QUIET, STORES("telemetry"))),
	EXC("stored/exc-scc", STORED, NOW,
		DB_AZ("eastus", MECH("scc"), ""), X_SAFE),
	EXC("stored/exc-bcr", STORED, NOW,
		DB_AZ("eastus", MECH("bcr"), ""), X_SAFE),
	EXC("stored/exc-scc-on-flow", STORED, NOW,
		DB_AZ("eastus", "", "") FLOW("scc"), X_SAFE),
	EXC("stored/exc-dpf", STORED, NOW, DB_AZ("eastus", "", DPF), X_DPF),
	BAD("stored/bad-dpf-before-decision", STORED, PRE_DPF,
		DB_AZ("eastus", "", DPF), "stored", "US-VA"),
	BAD("stored/bad-dpf-outside-us", STORED, NOW,
		COMP(AWS("ap-south-1") NORED QUIET, ST DPF), "stored", "IN"),
	BAD("stored/bad-dpf-expired", STORED, NOW,
		DB_AZ("eastus", "", "<certification id=\"eu-us-dpf\""
			" until=\"2024-01-01\"/>"), "stored", "US-VA"),
	EXC("stored/exc-first-exception-wins", STORED, NOW,
		DB_AZ("eastus", MECH("art49-consent scc"), DPF), X_SAFE),
	EXC("stored/exc-art49-consent", STORED, NOW,
		DB_AZ("eastus", MECH("art49-consent"), ""), X_49),
	EXC("stored/exc-art49-contract", STORED, NOW,
		DB_AZ("eastus", MECH("art49-contract"), ""), X_49),
	BAD("stored/bad-other-mechanisms", STORED, NOW,
		DB_AZ("eastus", MECH("adequacy consent"), NODPF),
		"stored", "US-VA"),
	UNK("stored/unk-no-region", STORED, NOW,
		COMP(AZ0 ZONE QUIET, ST), "stored", "region"),
	UNK("stored/unk-no-region-dpf", STORED, NOW,
		COMP(AZ0 ZONE QUIET, ST DPF),
		"stored", "region"),
	EXC("stored/exc-no-region-scc", STORED, NOW,
		COMP(AZ0 ZONE QUIET MECH("scc"), ST), X_SAFE),
	/* Japan is adequate only for a private-sector recipient, read as
	 * sector "commercial": Microsoft's catalog entry states it, a
	 * public body is not covered, and eu-ops states no sector. */
	EXC("stored/exc-japan-commercial", STORED, NOW,
		DB_AZ("japaneast", "", ""), X_JP),
	BAD("stored/bad-japan-public", STORED, NOW,
		DB_AZ("japaneast", PUBLIC, ""), "stored", "JP"),
	UNK("stored/unk-japan-sector", STORED, NOW,
		DB_AZ("japaneast", OPER("eu-ops"), ""), "stored", "sector"),
	BAD("stored/bad-japan-before-decision", STORED, PRE_JP,
		DB_AZ("japaneast", "", ""), "stored", "JP"),

	/* gdpr-44-replica */
	OK("replica/ok-geo-westeurope", REPLICA, NOW,
		COMP(AZ("westeurope") GEO BKLIST NOACC, ST
			BACKUP("northeurope"))),
	OK("replica/ok-explicit-copy-eu", REPLICA, NOW,
		COMP(AWS("eu-central-1") NORED QUIET, ST COPY("eu-west-1"))),
	OK("replica/ok-nothing-stored", REPLICA, NOW,
		COMP(AZ("eastus"), PR)),
	OK("replica/ok-brazil-zone-2026-11-28", REPLICA, NOW,
		DB_AZ("brazilsouth", "", "")),
	BAD("replica/bad-brazil-zone-2025-06-01", REPLICA, PRE_BR,
		DB_AZ("brazilsouth", "", ""), "replica", "BR"),
	BAD("replica/bad-brazil-geo-pair", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO QUIET, ST NODPF), "replica",
		"US-TX"),
	UNK("replica/unk-dpf-unstated-pair", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO QUIET, ST), "replica",
		"holds certification 'eu-us-dpf' is not stated"),
	BAD("replica/bad-pair-backups-unknown", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO NOACC, ST), "replica", "US-TX"),
	BAD("replica/bad-explicit-copy-us", REPLICA, NOW,
		COMP(AWS("eu-central-1") NORED QUIET, ST COPY("us-east-1")
			NODPF),
		"replica", "US-VA"),
	BAD("replica/bad-backup-eastus", REPLICA, NOW,
		COMP(AZ("westeurope") ZONE BKLIST NOACC, ST BACKUP("eastus")
			NODPF),
		"backup", "US-VA"),
	BAD("replica/bad-backup-other-provider", REPLICA, NOW,
		COMP(AZ("westeurope") ZONE BKLIST NOACC, ST
			"<backup region=\"us-central1\" provider=\"gcp\"/>"
			NODPF),
		"backup", "US"),
	OK("replica/ok-backups-listed-empty", REPLICA, NOW,
		COMP(AZ("westeurope") ZONE BKLIST NOACC, ST)),
	UNK("replica/unk-copy-listed-redundancy-not", REPLICA, NOW,
		COMP(AWS("eu-central-1") QUIET, ST COPY("eu-west-1")),
		"replica", "redundancy"),
	UNK("replica/unk-redundancy", REPLICA, NOW,
		COMP(AZ("westeurope") QUIET, ST), "replica", "redundancy"),
	UNK("replica/unk-backups", REPLICA, NOW,
		COMP(AZ("westeurope") ZONE NOACC, ST), "backup", "backups"),
	UNK("replica/unk-geo-without-pair", REPLICA, NOW,
		COMP(AZ("italynorth") GEO QUIET, ST), "replica",
		"paired region"),
	UNK("replica/unk-geo-on-aws", REPLICA, NOW,
		COMP(AWS("eu-central-1") GEO QUIET, ST), "replica",
		"paired region"),
	UNK("replica/unk-redundancy-dpf", REPLICA, NOW,
		COMP(AZ("eastus") QUIET, ST DPF), "replica", "redundancy"),
	EXC("replica/exc-redundancy-scc", REPLICA, NOW,
		COMP(AZ("westeurope") QUIET MECH("scc"), ST), X_SAFE),
	EXC("replica/exc-scc", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO QUIET MECH("scc"), ST), X_SAFE),
	EXC("replica/exc-bcr", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO QUIET MECH("bcr"), ST), X_SAFE),
	EXC("replica/exc-dpf", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO QUIET, ST DPF), X_DPF),
	EXC("replica/exc-art49-contract", REPLICA, NOW,
		COMP(AZ("brazilsouth") GEO QUIET MECH("art49-contract"), ST),
		X_49),
	EXC("replica/exc-japan-geo-pair", REPLICA, NOW,
		COMP(AZ("japaneast") GEO QUIET, ST), X_JP),
	BAD("replica/bad-japan-geo-pair-public", REPLICA, NOW,
		COMP(AZ("japaneast") GEO QUIET PUBLIC, ST), "replica", "JP"),

	/* gdpr-44-processed */
	OK("processed/ok-westeurope", PROCESSED, NOW,
		VM_AZ("westeurope", "", "")),
	OK("processed/ok-datazone-eu", PROCESSED, NOW,
		VM_AZ("swedencentral", SCOPE("datazone-eu"), "")),
	OK("processed/ok-bedrock-eu", PROCESSED, NOW,
		COMP(AWS("eu-central-1") SCOPE("bedrock-eu") QUIET, PR)),
	OK("processed/ok-bedrock-eu-2021-bridge", PROCESSED, "2021-01-01",
		COMP(AWS("eu-central-1") SCOPE("bedrock-eu") QUIET, PR)),
	BAD("processed/bad-bedrock-us", PROCESSED, NOW,
		COMP(AWS("us-east-1") SCOPE("bedrock-us") QUIET, PR NODPF),
		"processed", "US"),
	BAD("processed/bad-azure-global", PROCESSED, NOW,
		VM_AZ("westeurope", SCOPE("global"), ""), "processed", "US"),
	BAD("processed/bad-azure-global-2025", PROCESSED, PRE_BR,
		VM_AZ("westeurope", SCOPE("global"), ""), "processed",
		"BR US"),
	BAD("processed/bad-eastus", PROCESSED, NOW,
		VM_AZ("eastus", "", NODPF), "processed", "US-VA"),
	BAD("processed/bad-stored-only", PROCESSED, NOW,
		DB_AZ("eastus", "", NODPF), "processed", "US-VA"),
	BAD("processed/bad-flowed-in", PROCESSED, NOW,
		COMP(AZ("eastus") QUIET, NODPF) SRC
		"<flow from=\"src\" to=\"c\" data=\"personal\"/>",
		"processed", "US-VA"),
	UNK("processed/unk-no-region", PROCESSED, NOW,
		COMP(AZ0 QUIET, PR), "processed", "region"),
	EXC("processed/exc-scc", PROCESSED, NOW,
		VM_AZ("eastus", MECH("scc"), ""), X_SAFE),
	EXC("processed/exc-bcr-on-flow", PROCESSED, NOW,
		COMP(AZ("eastus") QUIET, "") FLOW("bcr"), X_SAFE),
	EXC("processed/exc-dpf", PROCESSED, NOW,
		VM_AZ("eastus", "", DPF), X_DPF),
	EXC("processed/exc-dpf-datazone-us", PROCESSED, NOW,
		VM_AZ("eastus", SCOPE("datazone-us"), DPF), X_DPF),
	BAD("processed/bad-dpf-global", PROCESSED, NOW,
		VM_AZ("westeurope", SCOPE("global"), DPF), "processed",
		"IN SG US"),
	BAD("processed/bad-dpf-global-2025", PROCESSED, PRE_BR,
		VM_AZ("westeurope", SCOPE("global"), DPF), "processed",
		"BR US"),
	EXC("processed/exc-art49-consent", PROCESSED, NOW,
		VM_AZ("eastus", MECH("art49-consent"), ""), X_49),
	EXC("processed/exc-japan-bedrock-jp", PROCESSED, NOW,
		COMP(AWS("ap-northeast-1") SCOPE("bedrock-jp") QUIET, PR),
		X_JP),
	UNK("processed/unk-japan-sector", PROCESSED, NOW,
		VM_AZ("japanwest", OPER("eu-ops"), ""), "processed", "sector"),

	/* gdpr-44-access */
	OK("access/ok-listed-eu", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK ACCLIST, ST FROM("DE NL"))),
	OK("access/ok-none", ACCESS, NOW, DB_AZ("westeurope", "", "")),
	OK("access/ok-listed-empty", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK ACCLIST, ST)),
	OK("access/ok-gb-2021-06-28", ACCESS, GB_ADQ,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("GB"))),
	OK("access/ok-gb-2021-06-27-bridge", ACCESS, PRE_GB,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("GB"))),
	BAD("access/bad-india", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("IN")),
		"accessed", "IN"),
	BAD("access/bad-us-and-eu", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("DE US") NODPF),
		"accessed", "US"),
	/* Canada is adequate only for a commercial recipient: Microsoft's
	 * catalog entry says it is one; a public body is not covered; and
	 * eu-ops states no sector. */
	BAD("access/bad-quebec-public", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK PUBLIC, ST FROM("CA-QC")),
		"accessed", "CA-QC"),
	EXC("access/exc-quebec-commercial", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("CA-QC")), X_CA),
	UNK("access/unk-quebec-sector", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK OPER("eu-ops"),
		ST FROM("CA-QC")), "accessed", "sector"),
	EXC("access/exc-japan-commercial", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("JP")), X_JP),
	BAD("access/bad-japan-public", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK PUBLIC, ST FROM("JP")),
		"accessed", "JP"),
	UNK("access/unk-not-stated", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST), "accessed", "access"),
	EXC("access/exc-scc", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK MECH("scc"), ST FROM("IN")),
		X_SAFE),
	EXC("access/exc-dpf", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("US") DPF), X_DPF),
	BAD("access/bad-dpf-from-india", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK, ST FROM("IN") DPF),
		"accessed", "IN"),
	EXC("access/exc-art49-consent", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK MECH("art49-consent"), ST
			FROM("IN")), X_49),
	EXC("access/exc-not-stated-bcr", ACCESS, NOW,
		COMP(AZ("westeurope") ZONE NOBK MECH("bcr"), ST), X_SAFE),

	/* gdpr-48-control */
	OK("control/ok-eu-operator", CONTROL, NOW,
		DB_AZ("westeurope", OPER("eu-ops"), "")),
	BAD("control/bad-azure", CONTROL, NOW, DB_AZ("westeurope", "", ""),
		"control", "US"),
	BAD("control/bad-aws", CONTROL, NOW,
		COMP(AWS("eu-central-1") NORED QUIET, ST), "control", "US"),
	BAD("control/bad-gcp-parent", CONTROL, NOW,
		COMP(GCP("europe-west3") ZONE QUIET, ST), "control", "US"),
	BAD("control/bad-eu-subsidiary", CONTROL, NOW,
		DB_AZ("westeurope", OPER("ms-de"), ""), "control", "US"),
	BAD("control/bad-declared-exposure", CONTROL, NOW,
		DB_AZ("westeurope", OPER("fr-exposed"), ""), "control", "US"),
	BAD("control/bad-nothing-stated", CONTROL, NOW,
		COMP(AZ0, ST), "control", "US"),
	EXC("control/exc-scc", CONTROL, NOW,
		DB_AZ("westeurope", MECH("scc"), ""), X_48),
	EXC("control/exc-scc-on-flow", CONTROL, NOW,
		DB_AZ("westeurope", "", "") FLOW("scc"), X_48),
	BAD("control/bad-bcr-not-enough", CONTROL, NOW,
		DB_AZ("westeurope", MECH("bcr"), ""), "control", "US"),
	BAD("control/bad-dpf-not-enough", CONTROL, NOW,
		DB_AZ("westeurope", "", DPF), "control", "US"),
	BAD("control/bad-art49-not-enough", CONTROL, NOW,
		DB_AZ("westeurope", MECH("art49-consent"), ""),
		"control", "US"),
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* ------------------------------------------------------------------ */
/* Fixture: catalog and regime, loaded once for the group.             */

static struct {
	sov_catalog *cat;
	sov_policy *pol;
} fx;

static int write_extra_catalog(char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	int fd, ok;

	snprintf(path, size, "%s/sov-gdpr-XXXXXX",
		dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		remove(path);
		return -1;
	}
	ok = fputs(extra_catalog, fp) >= 0;
	if (fclose(fp) != 0 || !ok) {
		remove(path);
		return -1;
	}
	return 0;
}

static int group_setup(void **state)
{
	char path[4096];
	const char *paths[1];
	sov_diags *d = NULL;
	int rc;

	(void)state;
	if (sov_diags_new(&d) != SOV_OK || write_extra_catalog(path,
		    sizeof(path)) != 0) {
		sov_diags_free(d);
		return -1;
	}
	paths[0] = path;
	rc = sov_catalog_load(&fx.cat, paths, 1, NULL, d);
	remove(path);
	if (rc == SOV_OK)
		rc = sov_policy_load_file(&fx.pol, fx.cat, REGIME, NULL, d);
	if (rc != SOV_OK && sov_diags_count(d) > 0)
		print_error("%s\n", sov_diags_get(d, 0)->message);
	sov_diags_free(d);
	return rc == SOV_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	sov_policy_free(fx.pol);
	sov_catalog_free(fx.cat);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* A finished evaluation; the result borrows from the deployment. */
struct run {
	sov_deployment *d;
	sov_result *r;
};

static struct run check(const char *body, const char *date)
{
	char doc[8192];
	int n = snprintf(doc, sizeof(doc), "%s%s%s", DEP_HEAD, body,
		DEP_TAIL);
	struct run x;

	assert_true(n > 0 && (size_t)n < sizeof(doc));
	x.d = test_deployment(fx.cat, doc);
	x.r = test_evaluate(fx.pol, x.d, date);
	return x;
}

static void done(struct run x)
{
	sov_result_free(x.r);
	sov_deployment_free(x.d);
}

/*
 * Does every code of `want` appear in `got` (both space-separated), a
 * country also matching its subdivisions (US matches US-TX)? Offending
 * lists are checked this way so that a region added to a routing scope
 * does not break the case.
 */
static int codes_include(const char *got, const char *want)
{
	char w[8];
	const char *p = want;

	while (sscanf(p, "%7s", w) == 1) {
		const char *g = got;
		size_t n = strlen(w);
		int found = 0;

		while (!found && (g = strstr(g, w)) != NULL) {
			found = (g == got || g[-1] == ' ') &&
				(g[n] == '\0' || g[n] == ' ' || g[n] == '-');
			g += n;
		}
		if (!found)
			return 0;
		p = strstr(p, w) + n;
	}
	return 1;
}

static void assert_codes(const sov_result *r, long i, const char *want)
{
	const char *got = sov_finding_str(r, (size_t)i, SOV_F_OFFENDING);

	assert_non_null(got);
	if (!codes_include(got, want))
		fail_msg("offending '%s' lacks '%s'", got, want);
}

static void assert_field(const sov_result *r, long i, sov_field f,
	const char *want)
{
	const char *got = sov_finding_str(r, (size_t)i, f);

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void assert_missing(const sov_result *r, long i, const char *part)
{
	const char *got = sov_finding_str(r, (size_t)i, SOV_F_MISSING);

	assert_non_null(got);
	if (!strstr(got, part))
		fail_msg("missing fact \"%s\" does not mention \"%s\"", got,
			part);
}

static void check_finding(const sov_result *r, long i,
	const struct gcase *c)
{
	const char *v = c->verdict;

	if (strcmp(v, "violation") == 0) {
		assert_field(r, i, SOV_F_FACET, c->facet);
		assert_codes(r, i, c->offending);
		assert_field(r, i, SOV_F_MISSING, NULL);
	} else if (strcmp(v, "indeterminate") == 0) {
		assert_field(r, i, SOV_F_FACET, c->facet);
		assert_missing(r, i, c->missing);
	}
	assert_field(r, i, SOV_F_EXCEPTION, c->exception);
	if (strcmp(v, "compliant") == 0)
		assert_field(r, i, SOV_F_MISSING, NULL);
}

/* One table row: evaluates the regime and checks the finding on "c". */
static void run_case(void **state)
{
	const struct gcase *c = *state;
	struct run x = check(c->body, c->date);
	const sov_result *r = x.r;
	long i = test_find(r, c->rule, "c", c->data);

	assert_string_equal(test_verdict(r, c->rule, "c", c->data),
		c->verdict);
	if (i >= 0)
		check_finding(r, i, c);
	done(x);
}

static sov_decision decision_of(const char *body)
{
	struct run x = check(body, NOW);
	const sov_result *r = x.r;
	sov_decision dec = sov_result_decision(r);

	done(x);
	return dec;
}

/* ------------------------------------------------------------------ */
/* Tests outside the table                                             */

static void test_regime_loads(void **state)
{
	(void)state;
	assert_string_equal(sov_policy_id(fx.pol), "eu-gdpr-transfers");
	assert_int_equal(sov_policy_rule_count(fx.pol), 5);
}

static void test_severities(void **state)
{
	static const char *const rules[] = { STORED, REPLICA, PROCESSED,
		ACCESS, CONTROL };
	static const char *const sev[] = { "error", "error", "error",
		"warning", "warning" };
	struct run x = check(DB_AZ("westeurope", "", ""), NOW);
	const sov_result *r = x.r;
	size_t k;

	(void)state;
	for (k = 0; k < 5; k++) {
		long i = test_find(r, rules[k], "c", "personal");

		assert_true(i >= 0);
		assert_field(r, i, SOV_F_SEVERITY, sev[k]);
		assert_field(r, i, SOV_F_POLICY, "eu-gdpr-transfers");
	}
	done(x);
}

static void test_component_without_data(void **state)
{
	struct run x = check(COMP(AZ("eastus") ZONE QUIET, ""), NOW);
	const sov_result *r = x.r;

	(void)state;
	assert_int_equal(sov_result_count(r), 0);
	assert_int_equal(sov_result_verdict_count(r, SOV_NOT_APPLICABLE), 5);
	assert_int_equal(sov_result_decision(r), SOV_DECISION_COMPLIANT);
	done(x);
}

static void test_decision_warnings_only(void **state)
{
	(void)state;
	/* gdpr-48-control breaks (microsoft), a warning: still compliant. */
	assert_int_equal(decision_of(DB_AZ("westeurope", "", "")),
		SOV_DECISION_COMPLIANT);
	/* gdpr-44-access breaks too, also a warning. */
	assert_int_equal(decision_of(COMP(AZ("westeurope") ZONE NOBK,
		ST FROM("IN"))), SOV_DECISION_COMPLIANT);
}

static void test_decision_replica_violation(void **state)
{
	(void)state;
	assert_int_equal(decision_of(COMP(AZ("brazilsouth") GEO QUIET,
		ST NODPF)), SOV_DECISION_NON_COMPLIANT);
	/* Nothing stated about the recipient's DPF certification. */
	assert_int_equal(decision_of(COMP(AZ("brazilsouth") GEO QUIET, ST)),
		SOV_DECISION_INDETERMINATE);
}

static void test_decision_unknown_redundancy(void **state)
{
	(void)state;
	assert_int_equal(decision_of(COMP(AZ("westeurope") QUIET, ST)),
		SOV_DECISION_INDETERMINATE);
}

/* brazilsouth geo-redundant: only the copy in Texas is a problem. */
static void test_brazil_geo_findings(void **state)
{
	struct run x = check(COMP(AZ("brazilsouth") GEO QUIET, ST NODPF),
		NOW);
	const sov_result *r = x.r;

	(void)state;
	assert_string_equal(test_verdict(r, STORED, "c", "personal"),
		"compliant");
	assert_string_equal(test_verdict(r, REPLICA, "c", "personal"),
		"violation");
	assert_string_equal(test_verdict(r, PROCESSED, "c", "personal"),
		"compliant");
	assert_string_equal(test_verdict(r, ACCESS, "c", "personal"),
		"compliant");
	assert_field(r, test_find(r, REPLICA, "c", "personal"),
		SOV_F_AGAINST, "EEA EU-ADEQUATE");
	done(x);
}

static const struct CMUnitTest extra_tests[] = {
	cmocka_unit_test(test_regime_loads),
	cmocka_unit_test(test_severities),
	cmocka_unit_test(test_component_without_data),
	cmocka_unit_test(test_decision_warnings_only),
	cmocka_unit_test(test_decision_replica_violation),
	cmocka_unit_test(test_decision_unknown_redundancy),
	cmocka_unit_test(test_brazil_geo_findings),
};

#define NEXTRA (sizeof(extra_tests) / sizeof(extra_tests[0]))

int main(void)
{
	struct CMUnitTest tests[NCASES + NEXTRA];
	size_t i;

	for (i = 0; i < NCASES; i++) {
		memset(&tests[i], 0, sizeof(tests[i]));
		tests[i].name = cases[i].name;
		tests[i].test_func = run_case;
		tests[i].initial_state = &cases[i];
	}
	for (i = 0; i < NEXTRA; i++)
		tests[NCASES + i] = extra_tests[i];
	return _cmocka_run_group_tests("regime_gdpr", tests, NCASES + NEXTRA,
		group_setup, group_teardown);
}
