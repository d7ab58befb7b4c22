/*
 * catalog.h - the world model: jurisdictions, groups, laws, entities,
 * providers, regions and routing scopes. Immutable once loaded.
 */
#ifndef SOV_CATALOG_H
#define SOV_CATALOG_H

#include <stddef.h>

#include "base/arena.h"
#include "base/idindex.h"
#include "base/jurset.h"
#include "load/xml_load.h"

typedef struct {
	const char *code, *name;
	int country;          /* a subdivision's country index, or -1 */
	int *subdivisions;    /* indices of subdivisions of a country */
	size_t nsubdivisions;
} cat_jurisdiction;

/* A member of a group: a jurisdiction or another group. */
typedef struct {
	int is_group;
	int is_policy_group;  /* a group of the policy set, not the catalog */
	int index;
	int from, until;      /* DATE_NONE when open */
	const char *condition; /* what membership depends on, or NULL */
} cat_member;

typedef struct {
	const char *id, *name, *file;
	unsigned line;
	cat_member *members;
	size_t nmembers;
} cat_group;

typedef struct {
	const char *id, *title, *url;
	int jurisdiction;
	int declared_only;
} cat_law;

typedef struct {
	const char *id;
	int from, until;
	int held;             /* 0: stated as not held (held="false") */
} cat_cert;

/* A holder of an entity's capital and voting rights (<shareholder>). */
#define SHARE_UNKNOWN (-1.0)

typedef struct {
	int entity;           /* the holder */
	double share;         /* percent, or SHARE_UNKNOWN */
	int control;          /* controls the entity, alone or jointly */
	int from, until;      /* DATE_NONE when open */
} cat_holding;

/* The sector a recipient works in (sector="..." on an entity or a
 * component), which some adequacy decisions are limited to. Zero, so
 * that a zeroed record states nothing. */
enum { SECTOR_UNSTATED = 0, SECTOR_COMMERCIAL, SECTOR_PUBLIC, SECTOR_COUNT };
extern const char *const sector_names[SECTOR_COUNT];

typedef struct {
	const char *id, *name;
	int seat, parent;
	int sector;           /* SECTOR_*, as the entity itself states */
	int *exposures;
	size_t nexposures;
	cat_cert *certs;
	size_t ncerts;
	cat_holding *holders;  /* as listed; see catalog_resolve_holders */
	size_t nholders;
} cat_entity;

#define PAIR_UNKNOWN (-1)
#define PAIR_NONE (-2)

typedef struct {
	const char *id, *city;
	int jurisdiction;
	int pair;             /* region index, PAIR_UNKNOWN or PAIR_NONE */
	int restricted;
} cat_region;

typedef struct {
	const char *id, *name;
	int *regions;
	size_t nregions;
} cat_scope;

/* What a provider commits to for one kind of component (and service)
 * in some of its places (<residency>): RES_NONE is a documented absence
 * of commitment, which makes the facet unknown. */
enum { RES_UNSAID, RES_COMMITTED, RES_NONE };

typedef struct {
	const char *kind;
	const char *service;  /* or NULL: every service of the kind */
	int processing, storage; /* RES_* */
	int *regions;         /* region indices; with no scopes either, */
	size_t nregions;      /* the entry covers every place */
	int *scopes;
	size_t nscopes;
	const char *note, *source;
} cat_residency;

typedef struct {
	const char *id, *name;
	int entity;
	cat_region *regions;
	size_t nregions;
	cat_scope *scopes;
	size_t nscopes;
	idindex region_ids, scope_ids; /* built once loaded */
	cat_residency *residencies;
	size_t nresidencies;
} cat_provider;

/* A built-in definition that a user file replaced (override="true")
 * with other facts: the reports say so in their header. */
typedef struct {
	const char *kind;     /* the element: "provider", "group", ... */
	const char *id;
	const char *file;     /* where the override is */
	unsigned line;
	const char **changes; /* "region westeurope: country US (built-in:
			       * NL)", "region x added", ... */
	size_t nchanges;
} cat_override;

struct sov_catalog {
	arena *arena;
	xml_schemas schemas;
	size_t max_input;
	cat_jurisdiction *jur;
	size_t njur, words;
	cat_group *groups;
	size_t ngroups;
	cat_law *laws;
	size_t nlaws;
	cat_entity *entities;
	size_t nentities;
	cat_provider *providers;
	size_t nproviders;
	cat_override *overrides; /* in the order of the files */
	size_t noverrides;
	const char **files;      /* the user files read, includes too, as
				    real paths (the built-in ones are not) */
	size_t nfiles;
	/* id -> index, built once loaded; until then lookups search */
	idindex jur_ids, group_ids, law_ids, entity_ids, provider_ids;
};

typedef struct sov_catalog catalog;

int catalog_load(catalog **out, const char *const *paths, size_t npaths,
	const sov_options *opts, sov_diags *diags);
void catalog_free(catalog *c);

int catalog_jurisdiction(const catalog *c, const char *code);
int catalog_group(const catalog *c, const char *id);
int catalog_law(const catalog *c, const char *id);
int catalog_entity(const catalog *c, const char *id);
int catalog_provider(const catalog *c, const char *id);
int catalog_region(const cat_provider *p, const char *id);
int catalog_scope(const cat_provider *p, const char *id);
/* Region `region` of provider `provider`, or NULL when either is -1. */
const cat_region *catalog_region_at(const catalog *c, int provider,
	int region);
/* SECTOR_* for a sector name; SECTOR_UNSTATED for NULL or an unknown
 * one (the schemas admit only the known names). */
int catalog_sector(const char *name);
/* The first sector stated by entity e or one of its parents, with the
 * entity that states it in *by; SECTOR_UNSTATED (and -1) when none does. */
int catalog_entity_sector(const catalog *c, int e, int *by);

/*
 * Is entity e itself (not its parents) exposed to law l: seated where a
 * seat-chain law reaches (its country or a subdivision of it), or
 * declaring the exposure?
 */
int catalog_entity_exposed(const catalog *c, int e, int l);

/* Adds jurisdiction j and, for a country, its subdivisions. */
void catalog_add_jurisdiction(const catalog *c, jword *set, int j);

/*
 * Resolves a group member reference: a jurisdiction code or a group id
 * (of the catalog, or of `extra` when given). Returns 0, or -1 if unknown.
 */
int catalog_member_ref(const catalog *c, const cat_group *extra,
	size_t nextra, const char *ref, cat_member *out);

/*
 * Adds every member of a group valid on `day` to `set`, following nested
 * groups. `extra` are policy groups. Depth is bounded (cycles are refused
 * when groups are loaded).
 */
void catalog_expand_group(const catalog *c, const cat_group *extra,
	const cat_group *g, int day, jword *set, int depth);

typedef enum {
	SUG_JURISDICTION, SUG_REF, SUG_PROVIDER, SUG_ENTITY, SUG_LAW,
	SUG_REGION, SUG_SCOPE
} sug_kind;

/*
 * Writes " (did you mean 'x'?)" for the known id nearest to `word`, or
 * "" when none is close, into out[len]; returns out. SUG_REF looks at
 * jurisdictions and groups; SUG_REGION and SUG_SCOPE at `provider`'s, and
 * a region of another provider with that exact id is named as such.
 */
const char *catalog_did_you_mean(const catalog *c, sug_kind kind,
	int provider, const char *word, char *out, size_t len);

/* Hint for the EU's own codes: "use GR" for "EL", or NULL. */
const char *catalog_code_hint(const char *code);

/* Reads a <group> element into `g` (members unresolved: see below). */
int catalog_read_group(arena *a, xml_doc *x, xmlNodePtr node, cat_group *g,
	const char ***refs_out);
/* Resolves member refs and checks cycles for groups[0..n). */
int catalog_resolve_groups(const catalog *c, xml_doc **docs,
	xmlNodePtr *nodes, cat_group *groups, const char ***refs,
	size_t n, int policy_groups);

#endif
