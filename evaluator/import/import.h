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

#include "import/draft.h"
#include "load/json_read.h"

/* The format readers. Each walks `root`, adds a component to `d` for
 * every resource it maps and lists every other one with
 * draft_skip_resource(); problems go through draft_error() (which counts
 * them in d->errors). Returns SOV_OK, or SOV_ENOMEM. */
int terraform_import(draft *d, const json_value *root, int state);
int cloudformation_import(draft *d, const json_value *root);
int arm_import(draft *d, const json_value *root);

#endif
