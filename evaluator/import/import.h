/*
 * import.h - stage "import": infrastructure code (Terraform plans and
 * state as `terraform show -json` prints them, CloudFormation templates in
 * JSON or YAML, ARM templates) becomes a deployment. It takes the parsed
 * input (load/json_read.h) and the catalog, fills a draft (draft.h), adds
 * the annotations, and gives deployment XML that deploy/ then loads like
 * any other deployment document.
 */
#ifndef SOV_IMPORT_H
#define SOV_IMPORT_H

#include "base/buf.h"
#include "base/diag.h"
#include "import/draft.h"
#include "load/json_read.h"



/* The formats, in the order of sov_import_format. */
typedef enum {
	IMPORT_AUTO, IMPORT_DEPLOYMENT, IMPORT_TERRAFORM_PLAN,
	IMPORT_TERRAFORM_STATE, IMPORT_CLOUDFORMATION, IMPORT_ARM,
	IMPORT_FORMATS
} import_format;

extern const char *const import_format_names[IMPORT_FORMATS];

/* One input: its name (for diagnostics and sources) and its bytes. */
typedef struct {
	const char *name;
	const char *data;
	size_t len;
} import_input;

typedef struct {
	import_format format;       /* IMPORT_AUTO: from the content */
	const char *region;         /* CloudFormation: the stack's region */
	const char *location;       /* ARM: the resource group's location */
	const char *id;             /* the deployment's id, or NULL */
	const struct sov_annotations *annotations;
} import_settings;

/*
 * Reads inputs[0..n) into one draft and writes it as deployment XML into
 * `out`; memory from `a`. Every problem of every input is reported before
 * it gives up: SOV_EINPUT (nothing written), SOV_ENOMEM, or SOV_OK.
 */
int import_render(buf *out, arena *a, const catalog *cat,
	const import_input *in, size_t n, const import_settings *s,
	sov_diags *diags);

/* UTF-16 with a byte order mark becomes UTF-8 (a copy in `a`); UTF-32 is
 * refused; anything else is left as it is. */
int import_to_utf8(arena *a, const char *name, const char **data,
	size_t *len, sov_diags *diags);

/* Does the document start with '<' (a deployment, not an import)? */
int import_is_xml(const char *data, size_t len);

/* The format readers. Each walks `root`, adds a component to `d` for
 * every resource it maps and lists every other one with
 * draft_skip_resource(); problems go through draft_error() (which counts
 * them in d->errors). Returns SOV_OK, or SOV_ENOMEM. */
int terraform_import(draft *d, const json_value *root, int state);
int cloudformation_import(draft *d, const json_value *root);
int arm_import(draft *d, const json_value *root);

#endif
