/*
 * api.c - the only file that defines SOV_API functions: it checks
 * arguments, turns internal failures into status codes and calls the
 * stages.
 */
#include "sovereign.h"

#include <string.h>

#include "policy/baseline.h"
#include "catalog/catalog.h"
#include "catalog/catalog_query.h"
#include "deploy/deploy.h"
#include "import/annotations.h"
#include "import/import.h"
#include "base/diag.h"
#include "load/embedded.h"
#include "eval/eval.h"
#include "policy/lint.h"
#include "place/placement.h"
#include "policy/policy.h"
#include "report/report.h"
#include "eval/policy_tests.h"
#include "base/dates.h"
#include "policy/waivers.h"
#include "load/xml_load.h"

const char *sov_version(void)
{
	return SOV_VERSION;
}

int sov_version_number(void)
{
	return SOV_VERSION_NUMBER;
}

const char *sov_status_str(int status)
{
	return diag_status_str(status);
}

/* ------------------------------------------------------------------ */

int sov_diags_new(sov_diags **out)
{
	if (!out)
		return SOV_EUSAGE;
	return diags_create(out, NULL);
}

int sov_diags_new_opts(sov_diags **out, const sov_options *opts)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (opts && opts->version != SOV_OPTIONS_VERSION)
		return SOV_EUSAGE;
	return diags_create(out, opts ? opts->allocator : NULL);
}

size_t sov_diags_count(const sov_diags *diags)
{
	return diags_count(diags);
}

const sov_diag *sov_diags_get(const sov_diags *diags, size_t i)
{
	return diags_get(diags, i);
}

size_t sov_diags_errors(const sov_diags *diags)
{
	size_t i, n = 0;

	for (i = 0; i < diags_count(diags); i++)
		n += diags_get(diags, i)->severity == SOV_SEV_ERROR;
	return n;
}

void sov_diags_clear(sov_diags *diags)
{
	diags_reset(diags);
}

void sov_diags_free(sov_diags *diags)
{
	diags_destroy(diags);
}

/* ------------------------------------------------------------------ */

static int bad_options(const sov_options *opts)
{
	return opts && opts->version != SOV_OPTIONS_VERSION;
}

int sov_catalog_load(sov_catalog **out, const char *const *paths,
	size_t npaths, const sov_options *opts, sov_diags *diags)
{
	size_t i;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if ((npaths && !paths) || bad_options(opts))
		return SOV_EUSAGE;
	for (i = 0; i < npaths; i++)
		if (!paths[i])
			return SOV_EUSAGE;
	return catalog_load(out, paths, npaths, opts, diags);
}

void sov_catalog_free(sov_catalog *catalog)
{
	catalog_free(catalog);
}

int sov_catalog_query_render(char **out, size_t *len_out,
	const sov_catalog *catalog, const sov_catalog_query *query,
	sov_format format, sov_diags *diags)
{
	buf b;
	int rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !query || query->version != SOV_CATALOG_QUERY_VERSION
	    || (format != SOV_FORMAT_TEXT && format != SOV_FORMAT_JSON))
		return SOV_EUSAGE;
	buf_init(&b, arena_allocator(catalog->arena));
	rc = catalog_query(&b, catalog, query, format, diags);
	if (rc == SOV_OK && !b.data)
		buf_append(&b, "", 0);
	if (rc == SOV_OK && b.oom)
		rc = SOV_ENOMEM;
	if (rc != SOV_OK) {
		buf_release(&b);
		return rc;
	}
	*out = b.data;
	if (len_out)
		*len_out = b.len;
	return SOV_OK;
}

void sov_catalog_buffer_free(const sov_catalog *catalog, char *buf)
{
	if (catalog)
		arena_mem_free(arena_allocator(catalog->arena), buf);
}

int sov_policy_load_file(sov_policy **out, const sov_catalog *catalog,
	const char *path, const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !path || bad_options(opts))
		return SOV_EUSAGE;
	return policy_compile(out, catalog, path, NULL, 0, opts, diags);
}

int sov_policy_load_memory(sov_policy **out, const sov_catalog *catalog,
	const char *name, const char *data, size_t size,
	const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !data || bad_options(opts))
		return SOV_EUSAGE;
	return policy_compile(out, catalog, name ? name : "<memory>", data,
		size, opts, diags);
}

const char *sov_policy_id(const sov_policy *policy)
{
	return policy ? policy->id : NULL;
}

size_t sov_policy_rule_count(const sov_policy *policy)
{
	return policy ? policy->nrules : 0;
}

size_t sov_catalog_file_count(const sov_catalog *catalog)
{
	return catalog ? catalog->nfiles : 0;
}

const char *sov_catalog_file(const sov_catalog *catalog, size_t i)
{
	return catalog && i < catalog->nfiles ? catalog->files[i] : NULL;
}

size_t sov_policy_file_count(const sov_policy *policy)
{
	return policy ? policy->nfiles : 0;
}

const char *sov_policy_file(const sov_policy *policy, size_t i)
{
	return policy && i < policy->nfiles ? policy->files[i] : NULL;
}

void sov_policy_free(sov_policy *policy)
{
	policy_free(policy);
}

int sov_deployment_load_file(sov_deployment **out,
	const sov_catalog *catalog, const char *path, const sov_options *opts,
	sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !path || bad_options(opts))
		return SOV_EUSAGE;
	return deploy_load(out, catalog, path, NULL, 0, opts, diags);
}

int sov_deployment_load_memory(sov_deployment **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !data || bad_options(opts))
		return SOV_EUSAGE;
	return deploy_load(out, catalog, name ? name : "<memory>", data,
		size, opts, diags);
}

const char *sov_deployment_id(const sov_deployment *deployment)
{
	return deployment ? deployment->id : NULL;
}

void sov_deployment_free(sov_deployment *deployment)
{
	deploy_free(deployment);
}

/* ------------------------------------------------------------------ */
/* Importing                                                           */

const char *sov_import_format_str(sov_import_format format)
{
	return (int)format >= 0 && (int)format < IMPORT_FORMATS ?
	       import_format_names[format] : NULL;
}

int sov_import_format_parse(sov_import_format *out, const char *name)
{
	int i;

	for (i = 0; out && name && i < IMPORT_FORMATS; i++)
		if (strcmp(name, import_format_names[i]) == 0) {
			*out = (sov_import_format)i;
			return SOV_OK;
		}
	return SOV_EUSAGE;
}

int sov_annotations_load_file(sov_annotations **out,
	const sov_catalog *catalog, const char *path, const sov_options *opts,
	sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !path || bad_options(opts))
		return SOV_EUSAGE;
	return annotations_load(out, catalog, path, NULL, 0, opts, diags);
}

int sov_annotations_load_memory(sov_annotations **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !data || bad_options(opts))
		return SOV_EUSAGE;
	return annotations_load(out, catalog, name ? name : "<memory>", data,
		size, opts, diags);
}

void sov_annotations_free(sov_annotations *annotations)
{
	annotations_free(annotations);
}

static int bad_import_args(const sov_catalog *catalog,
	const sov_import_options *io, const sov_options *opts)
{
	return !catalog || bad_options(opts) || (io && (io->version !=
		SOV_IMPORT_OPTIONS_VERSION || (int)io->format < 0 ||
		(int)io->format >= IMPORT_FORMATS));
}

static import_settings settings_of(const sov_import_options *io)
{
	import_settings s;

	memset(&s, 0, sizeof(s));
	if (io) {
		s.format = (import_format)io->format;
		s.region = io->region;
		s.location = io->location;
		s.id = io->id;
		s.annotations = io->annotations;
	}
	return s;
}

/* Reads every input, reporting each one that cannot be read. */
static int read_inputs(arena *a, const char *const *paths, size_t n,
	const sov_options *opts, import_input *in, sov_diags *diags)
{
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		     XML_DEFAULT_MAX_INPUT, i;
	int rc = SOV_OK;

	for (i = 0; i < n && rc != SOV_ENOMEM; i++) {
		char *data = NULL;
		int r = paths[i] ? xml_read_file(a, paths[i], max, &data,
			&in[i].len, diags) : SOV_EUSAGE;

		in[i].name = paths[i];
		in[i].data = data;
		if (r != SOV_OK)
			rc = r;
	}
	return rc;
}

/* The generated document is ours: no limit of the caller's applies. */
static int load_generated(sov_deployment **out, const sov_catalog *cat,
	const char *file, const buf *xml, const sov_options *opts,
	sov_diags *diags)
{
	sov_options o = SOV_OPTIONS_INIT;
	int rc;

	if (opts)
		o = *opts;
	o.max_input_size = xml->len + 1;
	rc = deploy_load(out, cat, "<imported deployment>", xml->data,
		xml->len, &o, diags);
	if (rc == SOV_OK) {
		(*out)->file = arena_strdup((*out)->arena, file);
		if (!(*out)->file) {
			deploy_free(*out);
			*out = NULL;
			rc = SOV_ENOMEM;
		}
	}
	return rc;
}

static int import_inputs(sov_deployment **out, char **text, size_t *len,
	const sov_catalog *cat, const import_input *in, size_t n,
	const sov_import_options *io, const sov_options *opts,
	sov_diags *diags, arena *tmp)
{
	import_settings s = settings_of(io);
	buf b;
	int rc;

	buf_init(&b, arena_allocator(cat->arena));
	rc = import_render(&b, tmp, cat, in, n, &s, diags);
	if (rc == SOV_OK && out)
		rc = load_generated(out, cat, in[0].name, &b, opts, diags);
	if (rc == SOV_OK && text) {
		buf_append(&b, "", 1);
		rc = b.oom ? SOV_ENOMEM : SOV_OK;
		*len = b.len - 1;
		*text = b.data;
		b.data = NULL; /* now owned by the caller */
	}
	buf_release(&b);
	return rc;
}

/* A deployment document among the inputs is loaded as it is, alone. */
static int is_deployment(const sov_import_options *io,
	const import_input *in, size_t n)
{
	sov_import_format f = io ? io->format : SOV_IMPORT_AUTO;

	return f == SOV_IMPORT_DEPLOYMENT || (f == SOV_IMPORT_AUTO &&
		n == 1 && import_is_xml(in[0].data, in[0].len));
}

static int import_any(sov_deployment **out, char **text, size_t *len,
	const sov_catalog *cat, const char *const *paths, size_t n,
	const sov_import_options *io, const sov_options *opts,
	sov_diags *diags)
{
	arena *tmp = arena_new(opts ? opts->allocator : NULL);
	import_input *in = tmp ? arena_calloc(tmp, n, sizeof(*in)) : NULL;
	int rc = in ? read_inputs(tmp, paths, n, opts, in, diags) :
		 SOV_ENOMEM;

	if (rc == SOV_OK && is_deployment(io, in, n) && out && n == 1)
		rc = deploy_load(out, cat, in[0].name, in[0].data, in[0].len,
			opts, diags);
	else if (rc == SOV_OK && is_deployment(io, in, n))
		rc = diag_add(diags, SOV_SEV_ERROR, in[0].name, 0, 0,
			"a plan or a template", "a deployment document is "
			"already a deployment: it is not imported") == SOV_OK ?
		     SOV_EINPUT : SOV_ENOMEM;
	else if (rc == SOV_OK)
		rc = import_inputs(out, text, len, cat, in, n, io, opts,
			diags, tmp);
	arena_free(tmp);
	return rc;
}

int sov_deployment_import_file(sov_deployment **out,
	const sov_catalog *catalog, const char *const *paths, size_t npaths,
	const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!paths || npaths == 0 || bad_import_args(catalog, iopts, opts))
		return SOV_EUSAGE;
	return import_any(out, NULL, NULL, catalog, paths, npaths, iopts,
		opts, diags);
}

int sov_deployment_import_memory(sov_deployment **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags)
{
	arena *tmp;
	import_input in;
	int rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!data || bad_import_args(catalog, iopts, opts))
		return SOV_EUSAGE;
	in.name = name ? name : "<memory>";
	in.data = data;
	in.len = size;
	if (is_deployment(iopts, &in, 1))
		return deploy_load(out, catalog, in.name, data, size, opts,
			diags);
	tmp = arena_new(opts ? opts->allocator : NULL);
	rc = tmp ? import_inputs(out, NULL, NULL, catalog, &in, 1, iopts,
		opts, diags, tmp) : SOV_ENOMEM;
	arena_free(tmp);
	return rc;
}

int sov_import_render(char **out, size_t *len_out,
	const sov_catalog *catalog, const char *const *paths, size_t npaths,
	const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags)
{
	size_t len = 0;
	int rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (len_out)
		*len_out = 0;
	if (!paths || npaths == 0 || bad_import_args(catalog, iopts, opts))
		return SOV_EUSAGE;
	rc = import_any(NULL, out, &len, catalog, paths, npaths, iopts, opts,
		diags);
	if (rc == SOV_OK && len_out)
		*len_out = len;
	return rc;
}

int sov_import_render_memory(char **out, size_t *len_out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags)
{
	import_input in;
	arena *tmp;
	size_t len = 0;
	int rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (len_out)
		*len_out = 0;
	if (!data || bad_import_args(catalog, iopts, opts))
		return SOV_EUSAGE;
	in.name = name ? name : "<memory>";
	in.data = data;
	in.len = size;
	if (is_deployment(iopts, &in, 1))
		return diag_add(diags, SOV_SEV_ERROR, in.name, 0, 0,
			"a plan or a template", "a deployment document is "
			"already a deployment: it is not imported") == SOV_OK ?
		       SOV_EINPUT : SOV_ENOMEM;
	tmp = arena_new(opts ? opts->allocator : NULL);
	rc = tmp ? import_inputs(NULL, out, &len, catalog, &in, 1, iopts,
		opts, diags, tmp) : SOV_ENOMEM;
	arena_free(tmp);
	if (rc == SOV_OK && len_out)
		*len_out = len;
	return rc;
}

size_t sov_deployment_not_evaluated(const sov_deployment *d)
{
	return d ? d->nskipped : 0;
}

/* ------------------------------------------------------------------ */

int sov_waivers_load_file(sov_waivers **out, const sov_catalog *catalog,
	const char *path, const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !path || bad_options(opts))
		return SOV_EUSAGE;
	return waivers_load(out, catalog, path, NULL, 0, opts, diags);
}

int sov_waivers_load_memory(sov_waivers **out, const sov_catalog *catalog,
	const char *name, const char *data, size_t size,
	const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!catalog || !data || bad_options(opts))
		return SOV_EUSAGE;
	return waivers_load(out, catalog, name ? name : "<memory>", data,
		size, opts, diags);
}

size_t sov_waivers_count(const sov_waivers *waivers)
{
	return waivers ? waivers->n : 0;
}

/* The fields a waiver has wherever it is; `expires` as text. */
static const char *waiver_field(const waiver *w, const char *expires,
	sov_waiver_field field)
{
	switch (field) {
	case SOV_W_RULE: return w->rule;
	case SOV_W_POLICY: return w->policy;
	case SOV_W_DEPLOYMENT: return w->deployment;
	case SOV_W_COMPONENT: return w->component;
	case SOV_W_DATA: return w->data;
	case SOV_W_EXPIRES: return expires;
	case SOV_W_REASON: return w->reason;
	case SOV_W_REFERENCE: return w->reference;
	case SOV_W_APPROVER: return w->approver;
	case SOV_W_FILE: return w->file;
	default: return NULL;
	}
}

const char *sov_waivers_str(const sov_waivers *waivers, size_t i,
	sov_waiver_field field)
{
	if (!waivers || i >= waivers->n)
		return NULL;
	return waiver_field(&waivers->w[i], waivers->expires[i], field);
}

long sov_waivers_int(const sov_waivers *waivers, size_t i,
	sov_waiver_field field)
{
	if (!waivers || i >= waivers->n)
		return -1;
	if (field == SOV_W_FILE)
		return (long)waivers->w[i].line;
	return field == SOV_W_INDEX ? (long)i : -1;
}

void sov_waivers_free(sov_waivers *waivers)
{
	waivers_free(waivers);
}

struct sov_baseline {
	arena *arena;
	baseline *b;
};

/* Reads the file (when data is NULL) or the given bytes as a baseline. */
static int baseline_load(sov_baseline **out, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags)
{
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		     XML_DEFAULT_MAX_INPUT;
	arena *a = arena_new(opts ? opts->allocator : NULL);
	sov_baseline *bl = a ? arena_alloc(a, sizeof(*bl)) : NULL;
	char *text = NULL;
	int rc = bl ? SOV_OK : SOV_ENOMEM;

	if (rc == SOV_OK && !data)
		rc = xml_read_file(a, name, max, &text, &len, diags);
	else if (rc == SOV_OK && len > max) {
		diag_add(diags, SOV_SEV_ERROR, name, 0, 0, NULL, "document is "
			"%zu bytes, over the limit of %zu bytes", len, max);
		rc = SOV_ELIMIT;
	}
	if (rc == SOV_OK)
		rc = baseline_parse(&bl->b, a, name, data ? data : text, len,
			diags);
	if (rc != SOV_OK) {
		arena_free(a);
		return rc;
	}
	bl->arena = a;
	*out = bl;
	return SOV_OK;
}

int sov_baseline_load_file(sov_baseline **out, const char *path,
	const sov_options *opts, sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!path || bad_options(opts))
		return SOV_EUSAGE;
	return baseline_load(out, path, NULL, 0, opts, diags);
}

int sov_baseline_load_memory(sov_baseline **out, const char *name,
	const char *data, size_t size, const sov_options *opts,
	sov_diags *diags)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!data || bad_options(opts))
		return SOV_EUSAGE;
	return baseline_load(out, name ? name : "<memory>", data, size, opts,
		diags);
}

size_t sov_baseline_count(const sov_baseline *baseline)
{
	return baseline ? baseline_size(baseline->b) : 0;
}

void sov_baseline_free(sov_baseline *baseline)
{
	if (baseline)
		arena_free(baseline->arena);
}

/* Validates by loading fully and throwing the result away. */
static int validate_kind(const sov_catalog *catalog, const char *path,
	const char *data, size_t len, doc_kind kind, const sov_options *opts,
	sov_diags *diags)
{
	int rc;

	if (kind == DOC_TESTS)
		return SOV_OK;  /* its cases are checked by running them */
	if (kind == DOC_ANNOTATIONS) {
		annotations *an;

		rc = annotations_load(&an, catalog, path, data, len, opts,
			diags);
		annotations_free(an);
		return rc;
	}
	if (kind == DOC_WAIVERS) {
		sov_waivers *w;

		rc = waivers_load(&w, catalog, path, data, len, opts, diags);
		waivers_free(w);
		return rc;
	}
	if (kind == DOC_POLICY) {
		sov_policy *p;

		rc = policy_compile(&p, catalog, path, data, len, opts, diags);
		policy_free(p);
	} else if (kind == DOC_DEPLOYMENT) {
		sov_deployment *d;

		rc = deploy_load(&d, catalog, path, data, len, opts, diags);
		deploy_free(d);
	} else if (data) {
		/* Includes are found beside the file: none in memory. */
		rc = diag_add(diags, SOV_SEV_ERROR, path, 0, 0, "a file",
			"a catalog is validated from its file, where its "
			"includes are") == SOV_OK ? SOV_EINPUT : SOV_ENOMEM;
	} else {
		sov_catalog *c;

		rc = catalog_load(&c, &path, 1, opts, diags);
		catalog_free(c);
	}
	return rc;
}

/*
 * A shipped catalog file is already part of every catalog loaded with the
 * built-in files, where it was checked; loading it again beside them
 * would only report its own ids as duplicates.
 */
static int is_shipped_catalog(const xml_doc *x)
{
	size_t i;

	if (x->kind != DOC_CATALOG)
		return 0;
	for (i = 0; i < embedded_catalog_count; i++)
		if (embedded_catalog[i].size == x->len &&
		    memcmp(embedded_catalog[i].data, x->text, x->len) == 0)
			return 1;
	return 0;
}

/* The body of sov_validate_file (data NULL: the file `name` is read) and
 * of sov_validate_memory. */
static int validate_document(const char **kind_out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags)
{
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		XML_DEFAULT_MAX_INPUT;
	arena *a = arena_new(opts ? opts->allocator : NULL);
	xml_doc x;
	int rc;

	if (!a)
		return SOV_ENOMEM;
	rc = data ? xml_parse(&x, a, &catalog->schemas, name, data, size, max,
			DOC_ANY, diags) :
		xml_parse_file(&x, a, &catalog->schemas, name, max, DOC_ANY,
			diags);
	if (rc == SOV_OK && kind_out)
		*kind_out = xml_roots[x.kind];
	if (rc == SOV_OK && !is_shipped_catalog(&x))
		rc = validate_kind(catalog, name, data, size, x.kind, opts,
			diags);
	arena_free(a);
	return rc;
}

int sov_validate_file(const char **kind_out, const sov_catalog *catalog,
	const char *path, const sov_options *opts, sov_diags *diags)
{
	if (kind_out)
		*kind_out = NULL;
	if (!catalog || !path || bad_options(opts))
		return SOV_EUSAGE;
	return validate_document(kind_out, catalog, path, NULL, 0, opts,
		diags);
}

int sov_validate_memory(const char **kind_out, const sov_catalog *catalog,
	const char *name, const char *data, size_t size,
	const sov_options *opts, sov_diags *diags)
{
	if (kind_out)
		*kind_out = NULL;
	if (!catalog || !data || bad_options(opts))
		return SOV_EUSAGE;
	return validate_document(kind_out, catalog, name ? name : "<memory>",
		data, size, opts, diags);
}

/* ------------------------------------------------------------------ */

/* The policy reading `id` names, in any of `pols`, or NULL. */
static const reading_decl *find_reading(const sov_policy *const *pols,
	size_t npols, const char *id)
{
	size_t i;
	const reading_decl *r = NULL;

	for (i = 0; i < npols && !r; i++)
		r = policy_reading(pols[i], id);
	return r;
}

/* "ID:VALUE" -> a pin, once ID names a reading of one of the policies
 * and VALUE one of its answers: a misspelt pin must not leave the
 * reading silently open. */
static int parse_pin(arena *a, const sov_policy *const *pols, size_t npols,
	const char *text, reading_pin *pin, sov_diags *diags)
{
	const char *colon = text ? strchr(text, ':') : NULL;
	const reading_decl *r;
	char *id;

	if (!colon)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "ID:VALUE",
			"bad reading '%s'", text ? text : "(none)"),
		       SOV_EUSAGE;
	id = arena_strndup(a, text, (size_t)(colon - text));
	if (!id)
		return SOV_ENOMEM;
	pin->id = id;
	pin->value = colon + 1;
	r = find_reading(pols, npols, id);
	if (!r)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "a reading "
			"declared by a policy set", "unknown reading '%s'",
			id), SOV_EUSAGE;
	if (!reading_allows(r, pin->value))
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "an answer "
			"the reading declares", "reading '%s' has no answer "
			"'%s'", id, pin->value), SOV_EUSAGE;
	return SOV_OK;
}

/* The pins of `readings` (check and where options alike), in arena `a`;
 * none when n is 0. */
static int parse_pins(arena *a, const sov_policy *const *pols,
	size_t npols, const char *const *readings, size_t n,
	const reading_pin **pins_out, size_t *npins_out, sov_diags *diags)
{
	reading_pin *pins;
	size_t i;
	int rc = SOV_OK;

	*pins_out = NULL;
	*npins_out = 0;
	if (!n)
		return SOV_OK;
	if (!readings)
		return SOV_EUSAGE;
	pins = arena_calloc(a, n, sizeof(reading_pin));
	if (!pins)
		return SOV_ENOMEM;
	for (i = 0; i < n && rc == SOV_OK; i++)
		rc = parse_pin(a, pols, npols, readings[i], &pins[i], diags);
	*pins_out = pins;
	*npins_out = n;
	return rc;
}

/* Version 1 options end before `waivers`, version 2 before `readings`:
 * read no further. */
static int evaluate_with(sov_result **out, const sov_policy *const *pols,
	size_t npols, const sov_deployment *d, int day,
	const sov_check_options *opts, sov_diags *diags)
{
	eval_params ep;
	arena *a = arena_new(opts->allocator);
	int rc;

	if (!a)
		return SOV_ENOMEM;
	memset(&ep, 0, sizeof(ep));
	ep.as_of = day;
	ep.ignore_waivers = opts->ignore_waivers;
	ep.detail = opts->verdicts_only ? DETAIL_NONE : DETAIL_ALL;
	ep.al = opts->allocator;
	if (opts->version >= 2) {
		ep.file_waivers = opts->waivers;
		ep.fail_on = (int)opts->fail_on;
		ep.baseline = opts->baseline ? opts->baseline->b : NULL;
	}
	rc = opts->version < 3 ? SOV_OK : parse_pins(a, pols, npols,
		opts->readings, opts->nreadings, &ep.pins, &ep.npins, diags);
	if (rc == SOV_OK)
		rc = eval_run(out, pols, npols, d, &ep);
	arena_free(a);
	return rc;
}

int sov_evaluate(sov_result **out, const sov_policy *const *policies,
	size_t npolicies, const sov_deployment *deployment,
	const sov_check_options *opts, sov_diags *diags)
{
	size_t i;
	int day, rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!policies || !npolicies || !deployment || !opts ||
	    opts->version < 1 || opts->version > SOV_CHECK_OPTIONS_VERSION
	    || (opts->version >= 2 && ((int)opts->fail_on < 0 ||
				       (int)opts->fail_on > SOV_FAIL_ON_INFO)))
		return SOV_EUSAGE;
	for (i = 0; i < npolicies; i++)
		if (!policies[i] || policies[i]->cat != deployment->cat)
			return diag_add(diags, SOV_SEV_ERROR, "", 0, 0,
				       "policies and deployment loaded with "
				       "the same catalog", "policy %zu was "
				       "loaded with another catalog than the "
				       "deployment", i), SOV_EUSAGE;
	if (dates_parse(opts->as_of, &day) != 0) {
		diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "YYYY-MM-DD",
			"bad as-of date '%s'", opts->as_of ? opts->as_of :
			"(none)");
		return SOV_EUSAGE;
	}
	rc = evaluate_with(out, policies, npolicies, deployment, day, opts,
		diags);
	if (rc == SOV_OK && opts->suggest)
		rc = placement_suggest(*out, policies, npolicies, day,
			opts->allocator);
	if (rc != SOV_OK) {
		eval_free(*out);
		*out = NULL;
	}
	return rc;
}

sov_decision sov_result_decision(const sov_result *result)
{
	return result ? result->decision : SOV_DECISION_INDETERMINATE;
}

size_t sov_result_count(const sov_result *result)
{
	return result ? result->n : 0;
}

size_t sov_result_verdict_count(const sov_result *result, sov_verdict v)
{
	if (!result || (int)v < 0 || (int)v > SOV_WAIVED)
		return 0;
	return result->counts[v];
}

size_t sov_result_policy_count(const sov_result *result)
{
	return result ? result->npols : 0;
}

const char *sov_result_policy_id(const sov_result *result, size_t i)
{
	return result && i < result->npols ? result->pols[i]->id : NULL;
}

size_t sov_result_policy_verdicts(const sov_result *result, size_t i,
	sov_verdict v)
{
	if (!result || i >= result->npols || (int)v < 0 || (int)v > SOV_WAIVED)
		return 0;
	return result->pcounts[i][v];
}

sov_decision sov_result_policy_decision(const sov_result *result, size_t i)
{
	if (!result || i >= result->npols)
		return SOV_DECISION_INDETERMINATE;
	return result->pdecisions[i];
}

void sov_result_free(sov_result *result)
{
	eval_free(result);
}

size_t sov_result_baselined(const sov_result *result)
{
	return result ? result->baselined : 0;
}

size_t sov_result_waiver_count(const sov_result *result)
{
	return result ? result->nwaivers : 0;
}

const char *sov_result_waiver_str(const sov_result *result, size_t i,
	sov_waiver_field field)
{
	const waiver_use *u;

	if (!result || i >= result->nwaivers)
		return NULL;
	u = &result->waivers[i];
	if (field == SOV_W_STATUS)
		return waiver_status_names[u->status];
	return waiver_field(u->w, u->expires, field);
}

long sov_result_waiver_int(const sov_result *result, size_t i,
	sov_waiver_field field)
{
	if (!result || i >= result->nwaivers)
		return -1;
	if (field == SOV_W_FILE)
		return (long)result->waivers[i].w->line;
	if (field == SOV_W_USES)
		return (long)result->waivers[i].uses;
	if (field == SOV_W_INDEX)
		return result->waivers[i].index;
	return -1;
}

const char *sov_verdict_str(sov_verdict v)
{
	return (int)v >= 0 && (int)v <= SOV_WAIVED ? verdict_names[v] :
	       "unknown";
}

const char *sov_decision_str(sov_decision d)
{
	return (int)d >= 0 && (int)d <= SOV_DECISION_INDETERMINATE ?
	       decision_names[d] : "unknown";
}

/* "westeurope northeurope" from the finding's alternatives, kept in the
 * result's arena so the pointer lives as long as the result. */
static const char *alternatives_text(const sov_result *result,
	const finding *f)
{
	const cat_provider *p = &result->d->cat->providers[f->comp->provider];
	buf b;
	size_t i;
	const char *out;

	if (!f->nalternatives)
		return NULL;
	if (f->alternatives_text)
		return f->alternatives_text;
	buf_init(&b, arena_allocator(result->arena));
	for (i = 0; i < f->nalternatives; i++)
		buf_printf(&b, "%s%s", i ? " " : "",
			f->alternatives_are_scopes ?
			p->scopes[f->alternatives[i]].id :
			p->regions[f->alternatives[i]].id);
	out = b.oom ? NULL : arena_strdup(result->arena, b.data);
	buf_release(&b);
	/* A result is used by one thread at a time: caching is safe. */
	((finding *)f)->alternatives_text = out;
	return out;
}

static const char *first_cite(const finding *f, int which)
{
	if (!f->r->ncites)
		return NULL;
	return which == 0 ? f->r->cites[0].instrument : which == 1 ?
	       f->r->cites[0].article : f->r->cites[0].url;
}

const char *sov_finding_str(const sov_result *result, size_t i,
	sov_field field)
{
	const finding *f;

	if (!result || i >= result->n)
		return NULL;
	f = &result->f[i];
	switch (field) {
	case SOV_F_POLICY: return f->pol->id;
	case SOV_F_RULE: return f->r->id;
	case SOV_F_TITLE: return f->r->title;
	case SOV_F_SEVERITY: return severity_names[f->r->severity];
	case SOV_F_VERDICT: return verdict_names[f->verdict];
	case SOV_F_COMPONENT: return f->comp->id;
	case SOV_F_DATA: return f->cls ? f->cls->id : NULL;
	case SOV_F_FACET: return f->facet;
	case SOV_F_OFFENDING: return f->offending;
	case SOV_F_EXPLANATION: return f->explanation;
	case SOV_F_AGAINST: return f->against;
	case SOV_F_MISSING: return f->missing;
	case SOV_F_EXCEPTION: return f->exception;
	case SOV_F_WAIVER: return f->waiver;
	case SOV_F_INSTRUMENT: return first_cite(f, 0);
	case SOV_F_ARTICLE: return first_cite(f, 1);
	case SOV_F_URL: return first_cite(f, 2);
	case SOV_F_REMEDIATION: return f->r->remediation;
	case SOV_F_RULE_FILE: return f->r->file;
	case SOV_F_COMPONENT_FILE: return f->comp->file;
	case SOV_F_FIX: return f->fix;
	case SOV_F_ALTERNATIVES: return alternatives_text(result, f);
	}
	return NULL;
}

long sov_finding_int(const sov_result *result, size_t i, sov_field field)
{
	const finding *f;

	if (!result || i >= result->n)
		return -1;
	f = &result->f[i];
	switch (field) {
	case SOV_F_VERDICT: return (long)f->verdict;
	case SOV_F_RULE_FILE: return (long)f->r->line;
	case SOV_F_COMPONENT_FILE: return (long)f->comp->line;
	default: return -1;
	}
}

/* ------------------------------------------------------------------ */

static const sov_report_options default_report = SOV_REPORT_OPTIONS_INIT;

/* The options as the current version, whatever version was given. */
static int report_options(sov_report_options *o,
	const sov_report_options *given)
{
	*o = default_report;
	if (!given)
		return SOV_OK;
	if (given->version < 1 || given->version > SOV_REPORT_OPTIONS_VERSION)
		return SOV_EUSAGE;
	o->color = given->color;
	o->verbose = given->verbose;
	if (given->version >= 2) {
		o->quiet = given->quiet;
		o->inner = given->inner;
	}
	if (given->version >= 3) {
		o->render_svg = given->render_svg;
		o->render_ctx = given->render_ctx;
	}
	return SOV_OK;
}

static int render(buf *b, const sov_result *result, sov_format format,
	const sov_report_options *opts)
{
	sov_report_options o;

	if (!result || report_options(&o, opts) != SOV_OK)
		return SOV_EUSAGE;
	buf_init(b, arena_allocator(result->arena));
	switch (format) {
	case SOV_FORMAT_TEXT: report_text(b, result, &o); break;
	case SOV_FORMAT_JSON: report_json(b, result); break;
	case SOV_FORMAT_SARIF: report_sarif(b, result, o.inner); break;
	case SOV_FORMAT_JUNIT: report_junit(b, result, o.inner); break;
	case SOV_FORMAT_MARKDOWN: report_markdown(b, result, &o); break;
	case SOV_FORMAT_NDJSON: report_ndjson(b, result); break;
	case SOV_FORMAT_DOT: report_dot(b, result); break;
	case SOV_FORMAT_HTML: report_html(b, result, &o); break;
	default:
		buf_release(b);
		return SOV_EUSAGE;
	}
	if (b->oom) {
		buf_release(b);
		return SOV_ENOMEM;
	}
	return SOV_OK;
}

const char *sov_report_envelope(sov_format format, sov_envelope_piece piece)
{
	static const char *const json[3] = { "[", ",", "]\n" };
	static const char *const text[3] = { "", "\n", "" };

	if ((int)piece < 0 || (int)piece > SOV_ENVELOPE_CLOSE)
		return "";
	switch (format) {
	case SOV_FORMAT_JSON: return json[piece];
	case SOV_FORMAT_SARIF: return report_sarif_envelope[piece];
	case SOV_FORMAT_JUNIT: return report_junit_envelope[piece];
	case SOV_FORMAT_TEXT: return text[piece];
	case SOV_FORMAT_HTML: return report_html_envelope[piece];
	default: return "";
	}
}

int sov_report_render(char **out, size_t *len_out, const sov_result *result,
	sov_format format, const sov_report_options *opts)
{
	buf b;
	int rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	rc = render(&b, result, format, opts);
	if (rc != SOV_OK)
		return rc;
	if (!b.data)
		buf_append(&b, "", 0);
	if (b.oom)
		return SOV_ENOMEM;
	*out = b.data;
	if (len_out)
		*len_out = b.len;
	return SOV_OK;
}

void sov_buffer_free(const sov_result *result, char *buf)
{
	if (result)
		arena_mem_free(arena_allocator(result->arena), buf);
}

int sov_report_write(FILE *fp, const sov_result *result, sov_format format,
	const sov_report_options *opts)
{
	buf b;
	int rc;

	if (!fp)
		return SOV_EUSAGE;
	rc = render(&b, result, format, opts);
	if (rc != SOV_OK)
		return rc;
	if (b.len && fwrite(b.data, 1, b.len, fp) != b.len)
		rc = SOV_EIO;
	buf_release(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Placement                                                           */

/* "a database holding 'personal', 'payment' (redundancy geo)" */
static const char *question(arena *a, const sov_where_options *o)
{
	buf b;
	size_t i;
	const char *out;

	buf_init(&b, arena_allocator(a));
	buf_printf(&b, "a component (kind %s)", o->kind ? o->kind :
		"database");
	for (i = 0; i < o->ndata; i++)
		buf_printf(&b, "%s'%s'", i ? ", " : o->process_only ?
			" processing " : " holding ", o->data[i]);
	buf_printf(&b, " with redundancy %s%s%s", o->redundancy ?
		o->redundancy : "none", o->scope ? " through routing scope " :
		"", o->scope ? o->scope : "");
	out = b.oom ? NULL : arena_strdup(a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

static const char *policy_ids(arena *a, const sov_policy *const *pols,
	size_t n)
{
	buf b;
	size_t i;
	const char *out;

	buf_init(&b, arena_allocator(a));
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " and " : "", pols[i]->id);
	out = b.oom ? NULL : arena_strdup(a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

static int class_in(const id_list *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i], id) == 0)
			return 1;
	return 0;
}

/* A data class no rule of the policies names is most likely a typo: with
 * it, every region would look allowed. */
static int check_classes(const sov_policy *const *pols, size_t n,
	const sov_where_options *o, sov_diags *diags)
{
	size_t i, k, r;
	int rc = SOV_OK;

	for (i = 0; i < o->ndata; i++) {
		int named = 0;

		for (k = 0; k < n && !named; k++)
			for (r = 0; r < pols[k]->nrules && !named; r++)
				named = !pols[k]->rules[r].data.n ||
					class_in(&pols[k]->rules[r].data,
						 o->data[i]) ||
					pols[k]->rules[r].data_match;
		/* A warning, not an error: several classes may be asked
		 * for and only some concern these policies. */
		if (!named)
			rc = diag_add(diags, SOV_SEV_WARNING, "", 0, 0,
				"a data class that a rule of the policies "
				"names", "no rule of the given policies "
				"applies to data class '%s'", o->data[i]);
	}
	return rc;
}

static int where_args_ok(const sov_policy *const *policies, size_t n,
	const sov_where_options *opts)
{
	size_t i;

	if (!policies || !n || !opts || opts->version < 1 ||
	    opts->version > SOV_WHERE_OPTIONS_VERSION ||
	    (opts->ndata && !opts->data) || (opts->naccess && !opts->access) ||
	    (opts->ntags && !opts->tags))
		return 0;
	for (i = 0; i < n; i++)
		if (!policies[i] || policies[i]->cat != policies[0]->cat)
			return 0;
	return 1;
}

/* Version 1 options end before `readings`: read no further. The pins
 * live in the template's arena, as long as the question. */
static int where_pins(placement_subject *subj,
	const sov_policy *const *pols, size_t npols,
	const sov_where_options *o, sov_diags *diags)
{
	if (o->version < 2)
		return SOV_OK;
	return parse_pins(subj->d->arena, pols, npols, o->readings,
		o->nreadings, &subj->pins, &subj->npins, diags);
}

int sov_where(sov_placement **out, const sov_policy *const *policies,
	size_t npolicies, const sov_where_options *opts, sov_diags *diags)
{
	placement_subject subj;
	sov_deployment *tmpl = NULL;
	int day, rc;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!where_args_ok(policies, npolicies, opts))
		return SOV_EUSAGE;
	if (dates_parse(opts->as_of, &day) != 0)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "YYYY-MM-DD",
			       "bad as-of date '%s'", opts->as_of ?
			       opts->as_of : "(none)"), SOV_EUSAGE;
	memset(&subj, 0, sizeof(subj));
	rc = check_classes(policies, npolicies, opts, diags);
	if (rc == SOV_OK)
		rc = placement_template(&tmpl, policies[0]->cat, opts,
			&subj.provider, &subj.scope, diags);
	subj.d = tmpl;
	subj.scopes = opts->scopes;
	if (rc == SOV_OK)
		rc = where_pins(&subj, policies, npolicies, opts, diags);
	if (rc == SOV_OK)
		rc = placement_run(out, policies, npolicies, &subj, day,
			opts->allocator);
	if (rc == SOV_OK) {
		(*out)->question = question((*out)->arena, opts);
		(*out)->policies = policy_ids((*out)->arena, policies,
			npolicies);
		if (!(*out)->question || !(*out)->policies ||
		    arena_failed((*out)->arena)) {
			placement_free(*out);
			*out = NULL;
			rc = SOV_ENOMEM;
		}
	}
	deploy_free(tmpl);
	return rc;
}

size_t sov_placement_count(const sov_placement *placement)
{
	return placement ? placement->n : 0;
}

size_t sov_placement_allowed(const sov_placement *placement)
{
	return placement ? placement->allowed : 0;
}

static const char *candidate_field(const placement *p, const candidate *c,
	sov_candidate_field field)
{
	const cat_provider *pr = &p->cat->providers[c->provider];
	const cat_region *r = c->region >= 0 ? &pr->regions[c->region] : NULL;
	const cat_region *pair = r && r->pair >= 0 ? &pr->regions[r->pair] :
		NULL;

	switch (field) {
	case SOV_C_PROVIDER: return pr->id;
	case SOV_C_REGION: return r ? r->id : pr->scopes[c->scope].id;
	case SOV_C_CITY: return r ? r->city : NULL;
	case SOV_C_JURISDICTION:
		return r ? p->cat->jur[r->jurisdiction].code : NULL;
	case SOV_C_PAIR: return pair ? pair->id : NULL;
	case SOV_C_PAIR_JURISDICTION:
		return pair ? p->cat->jur[pair->jurisdiction].code : NULL;
	case SOV_C_STATUS: return c->allowed ? "allowed" : "ruled-out";
	case SOV_C_RULE: return c->r ? c->r->id : NULL;
	case SOV_C_REASON: return c->reason;
	case SOV_C_RESTRICTED: return r && r->restricted ? "restricted" :
				      NULL;
	}
	return NULL;
}

const char *sov_candidate_str(const sov_placement *placement, size_t i,
	sov_candidate_field field)
{
	if (!placement || i >= placement->n)
		return NULL;
	return candidate_field(placement, &placement->c[i], field);
}

size_t sov_placement_conflict_count(const sov_placement *placement)
{
	return placement ? placement->nconflict : 0;
}

const char *sov_placement_conflict(const sov_placement *placement, size_t i)
{
	if (!placement || i >= placement->nconflict)
		return NULL;
	return placement->conflict[i];
}

int sov_placement_render(char **out, size_t *len_out,
	const sov_placement *placement, sov_format format, int explain)
{
	buf b;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!placement || (format != SOV_FORMAT_TEXT &&
			   format != SOV_FORMAT_JSON &&
			   format != SOV_FORMAT_HTML))
		return SOV_EUSAGE;
	buf_init(&b, arena_allocator(placement->arena));
	placement_render(&b, placement, format, explain);
	if (!b.data)
		buf_append(&b, "", 0);
	if (b.oom) {
		buf_release(&b);
		return SOV_ENOMEM;
	}
	*out = b.data;
	if (len_out)
		*len_out = b.len;
	return SOV_OK;
}

void sov_placement_buffer_free(const sov_placement *placement, char *buf)
{
	if (placement)
		arena_mem_free(arena_allocator(placement->arena), buf);
}

void sov_placement_free(sov_placement *placement)
{
	placement_free(placement);
}

/* ------------------------------------------------------------------ */
/* Policy tests                                                        */

int sov_tests_new(sov_tests **out, const sov_options *opts)
{
	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (bad_options(opts))
		return SOV_EUSAGE;
	return policy_tests_new(out, opts);
}

int sov_tests_run_file(sov_tests *tests, const char *path, int *ran_out,
	sov_diags *diags)
{
	int ran = 0, rc;

	if (!tests || !path)
		return SOV_EUSAGE;
	rc = policy_tests_file(tests, path, &ran, diags);
	if (ran_out)
		*ran_out = ran;
	return rc;
}

size_t sov_tests_cases(const sov_tests *tests)
{
	return tests ? policy_tests_cases(tests) : 0;
}

size_t sov_tests_failed(const sov_tests *tests)
{
	return tests ? policy_tests_failed(tests) : 0;
}

size_t sov_tests_uncovered(const sov_tests *tests)
{
	return tests ? policy_tests_uncovered(tests) : 0;
}

int sov_tests_render(char **out, size_t *len_out, const sov_tests *tests,
	int coverage)
{
	buf b;

	if (!out)
		return SOV_EUSAGE;
	*out = NULL;
	if (!tests)
		return SOV_EUSAGE;
	buf_init(&b, NULL);
	policy_tests_render(&b, tests, coverage);
	if (b.oom) {
		buf_release(&b);
		return SOV_ENOMEM;
	}
	*out = b.data;
	if (len_out)
		*len_out = b.len;
	return SOV_OK;
}

void sov_tests_buffer_free(const sov_tests *tests, char *buf)
{
	(void)tests;
	arena_mem_free(NULL, buf);
}

void sov_tests_free(sov_tests *tests)
{
	policy_tests_free(tests);
}

/* ------------------------------------------------------------------ */
/* Lint                                                                */

int sov_lint_file(size_t *warnings_out, const sov_catalog *catalog,
	const char *path, const char *as_of, sov_diags *diags)
{
	return sov_lint_file_opts(warnings_out, catalog, path, as_of, NULL,
		diags);
}

/* Compiles the policy (read from `path` when `data` is NULL) and lints
 * it. */
static int lint_any(size_t *warnings_out, const sov_catalog *catalog,
	const char *path, const char *data, size_t size, const char *as_of,
	const sov_options *opts, sov_diags *diags)
{
	sov_policy *p = NULL;
	size_t n;
	int day, rc;

	if (warnings_out)
		*warnings_out = 0;
	if (!catalog || !path || bad_options(opts))
		return SOV_EUSAGE;
	if (dates_parse(as_of, &day) != 0)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "YYYY-MM-DD",
			       "bad as-of date '%s'",
			       as_of ? as_of : "(none)"),
		       SOV_EUSAGE;
	rc = policy_compile(&p, catalog, path, data, size, opts, diags);
	if (rc != SOV_OK)
		return rc;
	n = lint_policy(p, day, diags);
	if (warnings_out)
		*warnings_out = n;
	policy_free(p);
	return SOV_OK;
}

int sov_lint_file_opts(size_t *warnings_out, const sov_catalog *catalog,
	const char *path, const char *as_of, const sov_options *opts,
	sov_diags *diags)
{
	return lint_any(warnings_out, catalog, path, NULL, 0, as_of, opts,
		diags);
}

int sov_lint_memory(size_t *warnings_out, const sov_catalog *catalog,
	const char *name, const char *data, size_t size, const char *as_of,
	const sov_options *opts, sov_diags *diags)
{
	if (!data) {
		if (warnings_out)
			*warnings_out = 0;
		return SOV_EUSAGE;
	}
	return lint_any(warnings_out, catalog, name ? name : "<memory>",
		data, size, as_of, opts, diags);
}
