/*
 * draft.h - import: the deployment an importer builds from infrastructure
 * code, before it is written as deployment XML (emit.h) and loaded
 * like any other deployment. The format readers (terraform.c,
 * cloudformation.c, arm.c) add one component per resource they know;
 * annotations.c then adds what infrastructure code cannot say.
 *
 * Every place is checked against the catalog when it is added, so that an
 * unknown region is reported at the resource's file:line, not at a line
 * of generated XML. A fact the input does not give stays unset: the rules
 * that need it come out indeterminate.
 */
#ifndef SOV_DRAFT_H
#define SOV_DRAFT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "catalog/catalog.h"
#include "load/json_read.h"

/* Where a resource was read: the input file and the line and column of
 * the value that describes it. */
typedef struct {
	const char *file;
	unsigned line, column;
} draft_src;

typedef struct {
	const char *region;     /* a catalog region id of `provider` */
	const char *provider;   /* NULL: the component's */
	const char *why;        /* "aws_s3_bucket_replication_configuration
				   x: destination bucket", for the comment */
} draft_place;

typedef struct {
	const char *name, *value;
} draft_attr;

enum { DRAFT_UNSET = -1 };
/* Redundancy, as deployment.xsd spells it. */
enum { DRAFT_RED_NONE, DRAFT_RED_ZONE, DRAFT_RED_GEO };
/* Key custody, as deployment.xsd spells it. */
enum { DRAFT_KEYS_CUSTOMER, DRAFT_KEYS_PROVIDER, DRAFT_KEYS_THIRD_PARTY };

#define DRAFT_MAX_LIST 64

typedef struct draft_comp {
	const char *address;    /* "module.a.aws_s3_bucket.b[\"eu\"]",
				   a logical id, an ARM resource path */
	const char *type;       /* "aws_s3_bucket", "AWS::S3::Bucket" */
	draft_src src;
	const char *id;         /* deployment id; draft_finish derives
				   it from the address unless set */
	const char *kind;       /* "database", "object-storage", ... */
	const char *provider;   /* catalog provider id: aws, azure, gcp */
	const char *region;     /* catalog region id, or NULL */
	const char *scope;      /* catalog routing scope id, or NULL */
	const char *unknown;    /* why the place is not known, or NULL */
	int redundancy;         /* DRAFT_UNSET or DRAFT_RED_* */
	const char *replica_unknown;    /* a replica in an unknown place:
					   why (redundancy is then left out) */
	draft_place replicas[DRAFT_MAX_LIST];
	size_t nreplicas;
	draft_place backups[DRAFT_MAX_LIST];
	size_t nbackups;
	int backups_listed;     /* 1: the backups are all listed */
	const char *stores[DRAFT_MAX_LIST];     /* data class ids */
	size_t nstores;
	const char *processes[DRAFT_MAX_LIST];
	size_t nprocesses;
	const char *access[DRAFT_MAX_LIST];     /* jurisdiction codes */
	size_t naccess;
	int access_listed;
	int custody;            /* DRAFT_UNSET or DRAFT_KEYS_* */
	int data_none;          /* sovereign:data = none: holds no data */
	int keys_stated;        /* by a tag or an annotation: readers
				   leave the keys as they are */
	const char *key_locations[DRAFT_MAX_LIST]; /* jurisdiction codes */
	size_t nkey_locations;
	const char *key_ref;    /* address of the key resource used, or NULL
				   (resolved by draft_resolve_keys) */
	const char *tags[DRAFT_MAX_LIST];
	size_t ntags;
	draft_attr attrs[DRAFT_MAX_LIST];
	size_t nattrs;
	const char *mechanisms[DRAFT_MAX_LIST];
	size_t nmechanisms;
	const char *operator_entity;
	struct draft_comp *next;
} draft_comp;

typedef struct draft_flow {
	const char *id, *from, *to;     /* component ids or addresses */
	const char *data;               /* "personal payment" */
	const char *mechanism, *transit;
	draft_src src;                  /* where the flow was written */
	struct draft_flow *next;
} draft_flow;

/* A resource of a type no mapping knows: listed, never dropped. */
typedef struct draft_skip {
	const char *address, *type;
	const char *reason;     /* why, when the type is mapped, or NULL */
	draft_src src;
	struct draft_skip *next;
} draft_skip;

typedef struct {
	arena *arena;
	const catalog *cat;
	sov_diags *diags;
	const char *file;       /* the input being read, for draft_at() */
	int errors;             /* error diagnostics added so far */
	const char *id, *title;         /* of the deployment */
	const char *format;             /* "terraform-plan", ... */
	const char *region_default;     /* --region (aws), or NULL */
	const char *location_default;   /* --location (azure), or NULL */
	draft_comp *comps, *last_comp;
	size_t ncomps;
	draft_comp **by_address;        /* hash table, `cap` slots */
	size_t cap;
	draft_flow *flows, *last_flow;
	draft_skip *skipped, *last_skip;
	size_t nskipped;
	const char *waivers_xml;        /* <waiver> elements, verbatim */
} draft;

/* A draft in arena `a`; diagnostics go to `diags` (may be NULL). */
void draft_init(draft *d, arena *a, const catalog *cat, sov_diags *diags);

/* The place of value `v` of the input being read. */
draft_src draft_at(const draft *d, const json_value *v);

/* Adds a component for one resource. NULL when out of memory. */
draft_comp *draft_add(draft *d, const char *address, const char *type,
	const char *kind, const char *provider, draft_src src);
/* Lists a resource of a type the importer does not map. */
int draft_skip_resource(draft *d, const char *address, const char *type,
	draft_src src);
/* Lists a resource that is not evaluated for another reason than its
 * type ("existing: declared, not deployed by this template"). */
int draft_skip_because(draft *d, const char *address, const char *type,
	const char *reason, draft_src src);

/*
 * Sets where the component is, from a location as the input writes it
 * ("eu-west-1", "East US", "EU", "europe-west4"). Provider spellings are
 * normalised (Azure's display names, Google's upper-case locations); a
 * Google multi- or dual-region becomes the component's scope (only for
 * Google: another provider's scopes are set with draft_set_scope, so
 * that Azure's location "global" is not its AI routing scope). NULL
 * location: unknown, with `why` ("known after apply"). A location the
 * catalog does not have is an error at `at`, naming the address. Returns
 * 0, or -1 after such an error.
 */
int draft_set_location(draft *d, draft_comp *c, const char *location,
	const char *why, const json_value *at);
/* Sets a routing scope of the component's provider (checked). */
int draft_set_scope(draft *d, draft_comp *c, const char *scope,
	const json_value *at);
/* Sets the redundancy (DRAFT_RED_*). Geo-redundancy on a region the
 * catalog gives no pair is an error at `at`: no pair is invented. */
int draft_set_redundancy(draft *d, draft_comp *c, int redundancy,
	const json_value *at);
/* Adds a replica or backup region, normalised and checked the same way.
 * A NULL location is a replica whose place is not known: the replica
 * facet then stays unknown, with `why`. */
int draft_add_replica(draft *d, draft_comp *c, const char *location,
	const char *why, const json_value *at);
int draft_add_backup(draft *d, draft_comp *c, const char *location,
	const char *provider, const char *why, const json_value *at);
/* Adds a name = value attribute (both copied). */
int draft_add_attr(draft *d, draft_comp *c, const char *name,
	const char *value);
/* The keys are held by `custody` (DRAFT_KEYS_*) in the country of the
 * region (a KMS key, a key vault): a key in the provider's key service is
 * DRAFT_KEYS_PROVIDER, as draft_finish gives it. -1 for an unknown
 * region. */
int draft_set_keys_region(draft *d, draft_comp *c, int custody,
	const char *provider, const char *region);

/*
 * Reads the tag convention from the resource's tags: an object of
 * name -> value (Terraform, ARM), or an array of {"Key", "Value"}
 * objects (CloudFormation) (docs/importers.md): sovereign:data,
 * sovereign:processes, sovereign:kind, sovereign:access, sovereign:keys,
 * sovereign:mechanism,
 * sovereign:tag, sovereign:id (also spelled sovereign-data, ... where
 * ':' is not allowed; Google labels separate values by '_').
 */
int draft_apply_tags(draft *d, draft_comp *c, const json_value *tags);
/* One field of the convention by its name without the prefix ("data",
 * "keys"), as an annotation gives it. SOV_EUSAGE for another name. */
int draft_apply_field(draft *d, draft_comp *c, const char *name,
	const char *value, const draft_src *at);

/* The component whose address is `address`, or NULL. */
draft_comp *draft_find(const draft *d, const char *address);

/* Adds a diagnostic at a value (or at the resource when at is NULL). */
void draft_error(draft *d, const draft_src *src, const json_value *at,
	const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void draft_warning(draft *d, const draft_src *src, const json_value *at,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A copy of `s` in the draft's arena (NULL stays NULL). */
const char *draft_strdup(draft *d, const char *s);

/* Resolves key references between components (key_ref -> the key
 * component's region) and gives every component its id. */
int draft_finish(draft *d);

#endif
