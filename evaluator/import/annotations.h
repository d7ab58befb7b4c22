/*
 * annotations.h - import: an annotation file (annotations.xsd) says what
 * infrastructure code cannot: which data a resource holds, who reaches it
 * from where, key custody, mechanisms, flows between resources, waivers.
 * Loaded and validated like any other document, then applied to a draft.
 */
#ifndef SOV_ANNOTATIONS_H
#define SOV_ANNOTATIONS_H

#include "base/pattern.h"
#include "catalog/catalog.h"
#include "import/draft.h"

/* The fields of the tag convention an annotation may set. */
#define ANN_FIELDS 11

typedef struct {
	const char *address;    /* selects this address exactly, or */
	pattern *match;         /* addresses matching this */
	const char *values[ANN_FIELDS];  /* by annotation_fields[] */
	const char *file;
	unsigned line;
} ann_resource;

struct sov_annotations {
	arena *arena;
	const char *file;
	const char *deployment, *title;
	ann_resource *resources;
	size_t nresources;
	draft_flow *flows;
	const char *waivers_xml;        /* <waiver> elements to copy */
};

typedef struct sov_annotations annotations;

extern const char *const annotation_fields[ANN_FIELDS];

/* Loads an annotation file (from `data` when not NULL, else from the
 * file `name`), validated against the built-in schema. */
int annotations_load(annotations **out, const catalog *cat,
	const char *name, const char *data, size_t len,
	const sov_options *opts, sov_diags *diags);
void annotations_free(annotations *a);

/* Adds the annotations to the draft's components; an annotation that
 * selects no resource is a warning. Returns SOV_OK or SOV_ENOMEM (errors
 * in the values count in d->errors). */
int annotations_apply(const annotations *an, draft *d);

#endif
