/*
 * deploy.h - a loaded deployment: data classes, components, flows and
 * waivers, with every reference resolved against the catalog.
 */
#ifndef SOV_DEPLOY_H
#define SOV_DEPLOY_H

#include "catalog/catalog.h"
#include "base/idindex.h"
#include "policy/waivers.h"

enum { RED_UNSET = -1, RED_NONE, RED_ZONE, RED_GEO };
enum { LIST_UNSET = -1, LIST_NONE, LIST_LISTED };
enum { CUSTODY_UNSET = -1 };

/* Per data class: how the component holds it. */
enum { HOLD_STORES = 1, HOLD_PROCESSES = 2, HOLD_INFLOW = 4 };

typedef struct {
	const char *id;
	unsigned line;
} dep_class;

typedef struct {
	int provider, region;
} dep_place;

typedef struct {
	const char *name, *value;
} dep_attr;

typedef struct {
	const char *id;
	int until;
	int held;                 /* 0: stated as not held */
} dep_cert;

typedef struct {
	const char *id, *kind;
	/* Where the component was described: this document, or the plan or
	 * template of its `source` attribute. */
	const char *file;
	unsigned line;
	unsigned column;          /* from `source`, or 0 */
	int data_unstated;        /* data="unstated": classes not known */
	int provider, region, scope, operator_entity;
	int sector;               /* SECTOR_*: the recipient's, as stated */
	int redundancy, backups_mode, access_mode;
	dep_place *replicas, *backups;
	size_t nreplicas, nbackups;
	int *access;              /* jurisdiction indices */
	size_t naccess;
	int custody;
	int *key_locations;
	size_t nkey_locations;
	const char **tags;
	size_t ntags;
	dep_attr *attrs;
	size_t nattrs;
	dep_cert *certs;
	size_t ncerts;
	const char **mechanisms;
	size_t nmechanisms;
	unsigned char *holds;     /* per data class: HOLD_* bits */
} dep_component;

typedef struct {
	const char *id;
	unsigned line;
	int from, to;
	int *carried;             /* data class indices, in document order */
	size_t ncarried;
	const char **mechanisms;
	size_t nmechanisms;
	int *transit;
	size_t ntransit;
} dep_flow;

/* A resource of imported infrastructure that no mapping knows. */
typedef struct {
	const char *type, *address, *file;
	const char *reason;       /* why, when not for its type; or NULL */
	unsigned line;
} dep_skipped;

struct sov_deployment {
	arena *arena;
	const catalog *cat;
	const char *id, *title, *file;
	dep_class *classes;
	size_t nclasses;
	dep_component *components;
	size_t ncomponents;
	dep_flow *flows;
	size_t nflows;
	waiver *waivers;
	size_t nwaivers;
	dep_skipped *skipped;     /* <not-evaluated>, in document order */
	size_t nskipped;
	idindex class_ids, component_ids;
};

typedef struct sov_deployment deployment;

/* Does the flow carry data class k? */
int deploy_flow_carries(const dep_flow *f, int k);

/* Loads a deployment document: from the parser's events when it is
 * certainly valid and without error (deploy_stream), else through the
 * tree, the schema and every diagnostic (deploy_load_tree). */
int deploy_load(deployment **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags);
int deploy_load_tree(deployment **out, const catalog *cat,
	const char *name, const char *data, size_t len,
	const sov_options *opts, sov_diags *diags);

/* deploy_stream's answer when the tree loader must decide. */
#define DEPLOY_DECLINED 1
/* Builds the deployment in data[0..len) without a tree: SOV_OK, or
 * DEPLOY_DECLINED for anything the quick check is not sure of, any
 * parse error, unknown reference or duplicate id (nothing is reported:
 * the tree loader words it). */
int deploy_stream(deployment **out, const catalog *cat, const char *name,
	const char *data, size_t len, size_t max, const sov_allocator *al);

/* Shared by both loaders. source="file:line[:column]" into *file,
 * *line and *column (column may be NULL). */
int deploy_source(arena *ar, const char *src, const char **file,
	unsigned *line, unsigned *column);
/* Data arriving by a flow is held by the receiving component. */
void deploy_mark_inflows(deployment *d);
/* Validates and builds the <deployment> element `node` of a document
 * already parsed (a test file); errors go to x's diagnostics. */
int deploy_from_element(deployment **out, const catalog *cat, xml_doc *x,
	xmlNodePtr node, const sov_options *opts);
void deploy_free(deployment *d);

#endif
