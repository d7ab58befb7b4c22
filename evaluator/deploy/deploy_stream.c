/*
 * deploy_stream.c - stage 3 without a tree: the deployment is built from
 * libxml2's SAX2 events as the document is parsed. Building and freeing
 * the tree cost as much as the parse itself (docs/performance.md).
 *
 * It only ever builds what deploy_load.c would build from the tree: the
 * quick check (quickcheck.h) is asked of every event, and the first
 * "not sure", malformed byte, unknown reference or duplicate id stops
 * it. The caller then loads the document through the tree, the schema
 * and the usual diagnostics. So every error message still comes from
 * one place, and this file has only the success path to get right.
 *
 * SAX2 rather than xmlTextReader: the reader builds a node for every
 * element and frees it again, which is most of what is to be saved.
 */
#include "deploy.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "base/dates.h"
#include "load/quickcheck.h"

#define MAX_ATTRS 16
/* Larger documents go to the tree directly: the stream gains most on
 * the many small documents of a batch, and a large one it had to leave
 * (an error near its end) would be parsed twice. */
#define STREAM_MAX (4u * 1024u * 1024u)

/* A table that grows in the scratch arena while the document streams. */
typedef struct {
	void *items;
	size_t n, cap, size;
} vec;

/* The element being opened: its attributes as the tree would hold them
 * once validated (trimmed). */
typedef struct {
	const char *names[MAX_ATTRS], *raw[MAX_ATTRS], *values[MAX_ATTRS];
	size_t n;
} attrs;

/* What a component collects from its children. */
typedef struct {
	dep_component c;
	vec replicas, backups, tags, attrs, certs, access, keys;
	int keys_seen;
} comp_build;

typedef struct {
	xmlParserCtxtPtr ctxt;
	const catalog *cat;
	arena *tmp;
	deployment *d;
	xml_doc x;            /* text, len and cursor: for start lines */
	qc_stream q;
	int declined;
	vec classes, components, flows, skipped;
	vec flow_ends;        /* from, to ids per flow, resolved at the end */
	comp_build cb;
	int in_component;
	vec text;             /* character data of a text element */
} streamer;

static void *vec_push(arena *a, vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		char *p = arena_alloc(a, cap * v->size);

		if (!p)
			return NULL;
		if (v->n)
			memcpy(p, v->items, v->n * v->size);
		v->items = p;
		v->cap = cap;
	}
	return (char *)v->items + v->size * v->n++;
}

/* The table's items copied into `a`, with one spare zeroed slot as the
 * tree loader leaves. */
static void *vec_copy(arena *a, const vec *v)
{
	char *p = arena_calloc(a, v->n + 1, v->size);

	if (p && v->n)
		memcpy(p, v->items, v->n * v->size);
	return p;
}

static void vec_init(vec *v, size_t size)
{
	memset(v, 0, sizeof(*v));
	v->size = size;
}

static void decline(streamer *S)
{
	if (!S->declined) {
		S->declined = 1;
		xmlStopParser(S->ctxt);
	}
}

static const char *attr(const attrs *at, const char *name)
{
	size_t i;

	/* The first letter first: this runs for every field read. */
	for (i = 0; i < at->n; i++)
		if (at->names[i][0] == name[0] &&
		    strcmp(at->names[i], name) == 0)
			return at->values[i];
	return NULL;
}

static char *copy_str(streamer *S, const char *s)
{
	return arena_strdup(S->d->arena, s);
}

/* ------------------------------------------------------------------ */
/* Words, as deploy_load.c's each_word splits them                     */

typedef int (*word_fn)(streamer *S, const char *word, void *ctx);

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int each_word(streamer *S, const char *s, word_fn fn, void *ctx)
{
	char word[160];
	int ok = 1;

	while (s && *s && ok) {
		size_t k = 0;

		while (is_blank(*s))
			s++;
		while (*s && !is_blank(*s)) {
			if (k + 1 < sizeof(word))
				word[k++] = *s;
			s++;
		}
		word[k] = '\0';
		if (k)
			ok = fn(S, word, ctx);
	}
	return ok;
}

static int add_string(streamer *S, const char *word, void *ctx)
{
	const char **slot = vec_push(S->tmp, ctx);

	return slot && (*slot = copy_str(S, word)) != NULL;
}

static int read_strings(streamer *S, const char *s, const char ***items,
	size_t *count)
{
	vec v;

	vec_init(&v, sizeof(char *));
	if (!each_word(S, s, add_string, &v))
		return 0;
	*items = vec_copy(S->d->arena, &v);
	*count = v.n;
	return *items != NULL;
}

static int add_jurisdiction(streamer *S, const char *code, void *ctx)
{
	int j = catalog_jurisdiction(S->cat, code), *slot;

	if (j < 0)
		return 0;
	slot = vec_push(S->tmp, ctx);
	if (!slot)
		return 0;
	*slot = j;
	return 1;
}

typedef struct {
	unsigned char *holds, bit;
} holding;

static int add_class(streamer *S, const char *id, void *ctx)
{
	holding *h = ctx;
	int k = idindex_get(&S->d->class_ids, id);

	if (k < 0)
		return 0;
	h->holds[k] |= h->bit;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Elements                                                            */

static int open_root(streamer *S, const attrs *at)
{
	S->d->id = copy_str(S, attr(at, "id"));
	S->d->title = copy_str(S, attr(at, "title"));
	return S->d->id != NULL;
}

static int open_class(streamer *S, const attrs *at, unsigned line)
{
	dep_class *k = vec_push(S->tmp, &S->classes);

	if (!k)
		return 0;
	k->id = copy_str(S, attr(at, "id"));
	k->line = line;
	return k->id != NULL;
}

/* Once the first element after the data classes opens, they are all
 * known: components name them. */
static int close_classes(streamer *S)
{
	deployment *d = S->d;
	size_t i;

	if (d->classes)
		return 1;
	d->classes = vec_copy(d->arena, &S->classes);
	if (!d->classes || idindex_init(&d->class_ids, d->arena,
			S->classes.n) != SOV_OK)
		return 0;
	for (i = 0; i < S->classes.n; i++)
		if (idindex_put(&d->class_ids, d->classes[i].id, (int)i) >= 0)
			return 0;
	d->nclasses = S->classes.n;
	return 1;
}

static int read_mode(const char *s)
{
	if (!s)
		return LIST_UNSET;
	return strcmp(s, "none") == 0 ? LIST_NONE : LIST_LISTED;
}

static int component_places(streamer *S, dep_component *c, const attrs *at)
{
	const catalog *cat = S->cat;
	const char *region = attr(at, "region"), *scope = attr(at, "scope");
	const char *op = attr(at, "operator");
	const cat_provider *p;

	c->provider = catalog_provider(cat, attr(at, "provider"));
	if (c->provider < 0)
		return 0;
	p = &cat->providers[c->provider];
	c->operator_entity = p->entity;
	c->sector = catalog_sector(attr(at, "sector"));
	if (region && (c->region = catalog_region(p, region)) < 0)
		return 0;
	if (scope && (c->scope = catalog_scope(p, scope)) < 0)
		return 0;
	if (op && (c->operator_entity = catalog_entity(cat, op)) < 0)
		return 0;
	return read_strings(S, attr(at, "mechanism"), &c->mechanisms,
		&c->nmechanisms);
}

static void reset_build(comp_build *b)
{
	memset(&b->c, 0, sizeof(b->c));
	b->replicas.n = b->backups.n = b->tags.n = b->attrs.n = 0;
	b->certs.n = b->access.n = b->keys.n = 0;
	b->keys_seen = 0;
}

static int open_component(streamer *S, const attrs *at, unsigned line)
{
	deployment *d = S->d;
	dep_component *c = &S->cb.c;
	const char *red = attr(at, "redundancy"), *data = attr(at, "data");

	reset_build(&S->cb);
	S->in_component = 1;
	c->id = copy_str(S, attr(at, "id"));
	c->kind = copy_str(S, attr(at, "kind"));
	c->file = d->file;
	c->line = line;
	if (!c->id || !c->kind || deploy_source(d->arena, attr(at, "source"),
			&c->file, &c->line, &c->column) != SOV_OK)
		return 0;
	c->data_unstated = data && strcmp(data, "unstated") == 0;
	c->holds = arena_calloc(d->arena, d->nclasses + 1, 1);
	c->region = c->scope = -1;
	c->redundancy = !red ? RED_UNSET : red[0] == 'n' ? RED_NONE :
			red[0] == 'z' ? RED_ZONE : RED_GEO;
	c->backups_mode = read_mode(attr(at, "backups"));
	c->access_mode = read_mode(attr(at, "access"));
	c->custody = CUSTODY_UNSET;
	return c->holds && component_places(S, c, at);
}

static int add_place(streamer *S, vec *v, int provider, const char *pid,
	const char *rid)
{
	dep_place *pl = vec_push(S->tmp, v);

	if (!pl)
		return 0;
	pl->provider = pid ? catalog_provider(S->cat, pid) : provider;
	if (pl->provider < 0)
		return 0;
	pl->region = catalog_region(&S->cat->providers[pl->provider], rid);
	return pl->region >= 0;
}

static int mark(streamer *S, const char *data, unsigned char bit)
{
	holding h;

	h.holds = S->cb.c.holds;
	h.bit = bit;
	return each_word(S, data, add_class, &h);
}

static int open_child(streamer *S, const char *name, const attrs *at)
{
	comp_build *b = &S->cb;
	dep_component *c = &b->c;

	if (strcmp(name, "stores") == 0)
		return mark(S, attr(at, "data"), HOLD_STORES);
	if (strcmp(name, "processes") == 0)
		return mark(S, attr(at, "data"), HOLD_PROCESSES);
	if (strcmp(name, "replica") == 0)
		return add_place(S, &b->replicas, c->provider, NULL,
			attr(at, "region"));
	if (strcmp(name, "backup") == 0)
		return add_place(S, &b->backups, c->provider,
			attr(at, "provider"), attr(at, "region"));
	if (strcmp(name, "access") == 0)
		return each_word(S, attr(at, "from"), add_jurisdiction,
			&b->access);
	if (strcmp(name, "keys") == 0) {
		const char *custody = attr(at, "custody");

		c->custody = custody[0] == 'c' ? 0 : custody[0] == 'p' ? 1 :
			     2;
		b->keys_seen = 1;
		return each_word(S, attr(at, "location"), add_jurisdiction,
			&b->keys);
	}
	if (strcmp(name, "attribute") == 0) {
		dep_attr *a = vec_push(S->tmp, &b->attrs);

		return a && (a->name = copy_str(S, attr(at, "name"))) &&
		       (a->value = copy_str(S, attr(at, "value")));
	}
	if (strcmp(name, "certification") == 0) {
		dep_cert *k = vec_push(S->tmp, &b->certs);
		const char *until = attr(at, "until");

		if (!k)
			return 0;
		k->until = DATE_NONE;
		if (until)
			dates_parse(until, &k->until);
		/* held="false" states it is not held: not the same as
		 * saying nothing (deploy_load.c reads it alike). */
		k->held = xml_boolean(attr(at, "held"), 1);
		return (k->id = copy_str(S, attr(at, "id"))) != NULL;
	}
	return strcmp(name, "tag") == 0;  /* its text comes at the end */
}

static int close_component(streamer *S)
{
	arena *a = S->d->arena;
	comp_build *b = &S->cb;
	dep_component *c = &b->c, *slot;

	S->in_component = 0;
	c->replicas = vec_copy(a, &b->replicas);
	c->nreplicas = b->replicas.n;
	c->backups = vec_copy(a, &b->backups);
	c->nbackups = b->backups.n;
	c->tags = vec_copy(a, &b->tags);
	c->ntags = b->tags.n;
	c->attrs = vec_copy(a, &b->attrs);
	c->nattrs = b->attrs.n;
	c->certs = vec_copy(a, &b->certs);
	c->ncerts = b->certs.n;
	c->access = vec_copy(a, &b->access);
	c->naccess = b->access.n;
	if (b->keys_seen) {
		c->key_locations = vec_copy(a, &b->keys);
		c->nkey_locations = b->keys.n;
		if (!c->key_locations)
			return 0;
	}
	slot = vec_push(S->tmp, &S->components);
	if (!slot || !c->replicas || !c->backups || !c->tags || !c->attrs ||
	    !c->certs || !c->access)
		return 0;
	*slot = *c;
	return 1;
}

static int add_carried(streamer *S, const char *id, void *ctx)
{
	dep_flow *f = ctx;
	int k = idindex_get(&S->d->class_ids, id);

	if (k < 0)
		return 0;
	if (!deploy_flow_carries(f, k))
		f->carried[f->ncarried++] = k;
	return 1;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; s && *s; s++) {
		n += !is_blank(*s) && !in;
		in = !is_blank(*s);
	}
	return n;
}

static int open_flow(streamer *S, const attrs *at, unsigned line)
{
	dep_flow *f = vec_push(S->tmp, &S->flows);
	const char **ends = vec_push(S->tmp, &S->flow_ends);
	vec transit;

	if (!f || !ends)
		return 0;
	f->id = copy_str(S, attr(at, "id"));
	f->line = line;
	f->carried = arena_calloc(S->d->arena,
		count_words(attr(at, "data")) + 1, sizeof(int));
	ends[0] = attr(at, "from");
	ends[1] = attr(at, "to");
	vec_init(&transit, sizeof(int));
	if (!f->carried || !each_word(S, attr(at, "data"), add_carried, f) ||
	    !read_strings(S, attr(at, "mechanism"), &f->mechanisms,
		    &f->nmechanisms) ||
	    !each_word(S, attr(at, "transit"), add_jurisdiction, &transit))
		return 0;
	f->transit = vec_copy(S->d->arena, &transit);
	f->ntransit = transit.n;
	return f->transit != NULL;
}

static int open_skipped(streamer *S, const attrs *at, unsigned line)
{
	dep_skipped *s = vec_push(S->tmp, &S->skipped);

	if (!s)
		return 0;
	s->type = copy_str(S, attr(at, "type"));
	s->address = copy_str(S, attr(at, "address"));
	s->reason = copy_str(S, attr(at, "reason"));
	s->file = S->d->file;
	s->line = line;
	return s->type && s->address && deploy_source(S->d->arena,
		attr(at, "source"), &s->file, &s->line, NULL) == SOV_OK;
}

/* A child of the root. Waivers are read by the tree loader alone. */
static int open_top(streamer *S, const char *name, const attrs *at,
	unsigned line)
{
	if (strcmp(name, "description") == 0)
		return 1;
	if (strcmp(name, "data-class") == 0)
		return open_class(S, at, line);
	if (!close_classes(S))
		return 0;
	if (strcmp(name, "component") == 0)
		return open_component(S, at, line);
	if (strcmp(name, "flow") == 0)
		return open_flow(S, at, line);
	if (strcmp(name, "not-evaluated") == 0)
		return open_skipped(S, at, line);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Parser events                                                       */

/* Would xml_attr_copy change the value? */
static int needs_trim(const char *v, size_t len)
{
	size_t i;

	if (!v || !len)
		return 1;
	if (is_blank(v[0]) || is_blank(v[len - 1]))
		return 1;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20)
			return 1;
	return 0;
}

/* The attributes as given; refused when in a namespace or holding a
 * reference (the tree would hold more than one text node for them). */
static int read_attrs(streamer *S, int n, const xmlChar **a, attrs *at)
{
	int i;

	if (n < 0 || n > MAX_ATTRS)
		return 0;
	at->n = (size_t)n;
	for (i = 0; i < n; i++) {
		const char *v = (const char *)a[5 * i + 3];
		size_t len = (size_t)(a[5 * i + 4] - a[5 * i + 3]);

		if (a[5 * i + 2] || memchr(v, '&', len))
			return 0;
		at->names[i] = (const char *)a[5 * i];
		at->raw[i] = arena_strndup(S->tmp, v, len);
		at->values[i] = needs_trim(at->raw[i], len) ?
			xml_attr_copy(S->tmp, v, len) : at->raw[i];
		if (!at->raw[i] || !at->values[i])
			return 0;
	}
	return 1;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
	const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
	int ndefaulted, const xmlChar **a)
{
	streamer *S = ((xmlParserCtxtPtr)ctx)->_private;
	int depth = S->q.depth, line = S->ctxt->input->line, ok;
	const char *name = (const char *)local;
	unsigned start;
	attrs at;

	(void)nns;
	(void)ns;
	if (S->declined)
		return;
	if (ndefaulted || line <= 0 || line >= USHRT_MAX ||
	    !read_attrs(S, nattrs, a, &at) ||
	    !quickcheck_open(&S->q, (const char *)uri, name, at.names, at.raw,
		    at.n)) {
		decline(S);
		return;
	}
	S->text.n = 0;
	/* Only the root's children keep a line. */
	start = depth == 1 ? xml_tag_line(&S->x, (const char *)prefix, name,
		(unsigned)line) : 0;
	if (depth == 0)
		ok = open_root(S, &at);
	else if (depth == 1)
		ok = open_top(S, name, &at, start);
	else
		ok = open_child(S, name, &at);
	if (!ok)
		decline(S);
}

static const char *text_of(streamer *S)
{
	char *nul = vec_push(S->tmp, &S->text);

	if (!nul)
		return NULL;
	*nul = '\0';
	S->text.n--;
	return S->text.items;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
	const xmlChar *uri)
{
	streamer *S = ((xmlParserCtxtPtr)ctx)->_private;
	const char *name = (const char *)local, *text;
	int depth;

	(void)prefix;
	(void)uri;
	if (S->declined)
		return;
	text = S->q.text_seen ? text_of(S) : NULL;
	depth = S->q.depth;
	if (!quickcheck_close(&S->q, text)) {
		decline(S);
		return;
	}
	if (depth == 3 && strcmp(name, "tag") == 0) {
		const char **slot = vec_push(S->tmp, &S->cb.tags);

		if (!slot || !(*slot = xml_text_copy(S->d->arena, text)))
			decline(S);
	} else if (depth == 2 && S->in_component && !close_component(S)) {
		decline(S);
	}
	S->text.n = 0;
}

static void on_chars(void *ctx, const xmlChar *s, int len)
{
	streamer *S = ((xmlParserCtxtPtr)ctx)->_private;
	int i;

	if (S->declined)
		return;
	if (!quickcheck_chars(&S->q, (const char *)s, (size_t)len)) {
		decline(S);
		return;
	}
	if (!S->q.text_seen)
		return;
	for (i = 0; i < len; i++) {
		char *c = vec_push(S->tmp, &S->text);

		if (!c) {
			decline(S);
			return;
		}
		*c = (char)s[i];
	}
}

static void on_other(void *ctx, const xmlChar *a, const xmlChar *b)
{
	streamer *S = ((xmlParserCtxtPtr)ctx)->_private;

	(void)a;
	(void)b;
	if (!S->declined && !quickcheck_other(&S->q))
		decline(S);
}

static void on_comment(void *ctx, const xmlChar *text)
{
	on_other(ctx, text, NULL);
}

/* CDATA, entity references and a DOCTYPE: the tree loader decides. */
static void on_cdata(void *ctx, const xmlChar *s, int len)
{
	(void)s;
	(void)len;
	decline(((xmlParserCtxtPtr)ctx)->_private);
}

static void on_reference(void *ctx, const xmlChar *name)
{
	(void)name;
	decline(((xmlParserCtxtPtr)ctx)->_private);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
	const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	decline(((xmlParserCtxtPtr)ctx)->_private);
}

/* Any error, even one libxml2 recovers from, is left to the tree loader
 * to report; warnings change nothing in the tree. */
static void on_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;

	if (err->level >= XML_ERR_ERROR && ctxt && ctxt->_private)
		decline(ctxt->_private);
}

static void set_handlers(xmlSAXHandler *h)
{
	memset(h, 0, sizeof(*h));
	h->initialized = XML_SAX2_MAGIC;
	h->startElementNs = on_start;
	h->endElementNs = on_end;
	h->characters = on_chars;
	h->ignorableWhitespace = on_chars;
	h->cdataBlock = on_cdata;
	h->reference = on_reference;
	h->comment = on_comment;
	h->processingInstruction = on_other;
	h->internalSubset = on_doctype;
	h->serror = on_error;
}

/* The first `needle` in s[0..len), or NULL. */
static const char *find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* The bytes the tree loader would take without a word (xml_load.c's
 * check_bytes): UTF-8 with no NUL, starting with the document. */
static int plain_bytes(const char *data, size_t len)
{
	const char *end, *enc;

	if (len < 2 || data[0] != '<' || memchr(data, '\0', len))
		return 0;
	if (len < 5 || memcmp(data, "<?xml", 5) != 0)
		return 1;
	end = find(data, len, "?>");
	if (!end)
		return 0;
	enc = find(data, (size_t)(end - data), "encoding");
	if (!enc)
		return 1;
	while (enc < end && *enc != '"' && *enc != '\'')
		enc++;
	/* cppcheck takes the loop to end only at `end`; a quote ends it. */
	/* cppcheck-suppress knownConditionTrueFalse */
	if (end - enc <= 6)
		return 0;
	return strncasecmp(enc + 1, "utf-8", 5) == 0 && enc[6] == enc[0];
}

static void init_streamer(streamer *S, const catalog *cat, arena *tmp)
{
	memset(S, 0, sizeof(*S));
	S->cat = cat;
	S->tmp = tmp;
	quickcheck_begin(&S->q);
	vec_init(&S->classes, sizeof(dep_class));
	vec_init(&S->components, sizeof(dep_component));
	vec_init(&S->flows, sizeof(dep_flow));
	vec_init(&S->flow_ends, 2 * sizeof(char *));
	vec_init(&S->skipped, sizeof(dep_skipped));
	vec_init(&S->text, 1);
	vec_init(&S->cb.replicas, sizeof(dep_place));
	vec_init(&S->cb.backups, sizeof(dep_place));
	vec_init(&S->cb.tags, sizeof(char *));
	vec_init(&S->cb.attrs, sizeof(dep_attr));
	vec_init(&S->cb.certs, sizeof(dep_cert));
	vec_init(&S->cb.access, sizeof(int));
	vec_init(&S->cb.keys, sizeof(int));
}

static int parse(streamer *S, const char *name, const char *data, size_t len)
{
	int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
		      XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
	xmlDocPtr doc;
	int ok;

	S->ctxt = xmlNewParserCtxt();
	if (!S->ctxt)
		return 0;
	set_handlers(S->ctxt->sax);
	S->ctxt->_private = S;
	doc = xmlCtxtReadMemory(S->ctxt, data, (int)len, name, NULL, options);
	ok = !doc && !S->declined && S->ctxt->wellFormed &&
	     S->ctxt->nsWellFormed && quickcheck_end(&S->q);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(S->ctxt);
	S->ctxt = NULL;
	return ok;
}

/* The tables, the component ids and the flows' ends, once all is read. */
static int finish(streamer *S)
{
	deployment *d = S->d;
	const char **ends = S->flow_ends.items;
	size_t i;

	if (!close_classes(S))
		return 0;
	d->components = vec_copy(d->arena, &S->components);
	d->ncomponents = S->components.n;
	d->flows = vec_copy(d->arena, &S->flows);
	d->nflows = S->flows.n;
	d->skipped = vec_copy(d->arena, &S->skipped);
	d->nskipped = S->skipped.n;
	d->waivers = arena_calloc(d->arena, 1, sizeof(waiver));
	if (!d->components || !d->flows || !d->skipped || !d->waivers ||
	    idindex_init(&d->component_ids, d->arena, d->ncomponents) !=
	    SOV_OK)
		return 0;
	for (i = 0; i < d->ncomponents; i++)
		if (idindex_put(&d->component_ids, d->components[i].id,
				(int)i) >= 0)
			return 0;
	for (i = 0; i < d->nflows; i++) {
		d->flows[i].from = idindex_get(&d->component_ids,
			ends[2 * i]);
		d->flows[i].to = idindex_get(&d->component_ids,
			ends[2 * i + 1]);
		if (d->flows[i].from < 0 || d->flows[i].to < 0)
			return 0;
	}
	deploy_mark_inflows(d);
	return 1;
}

int deploy_stream(deployment **out, const catalog *cat, const char *name,
	const char *data, size_t len, size_t max, const sov_allocator *al)
{
	streamer S;
	arena *a, *tmp;
	int rc;

	*out = NULL;
	if (len > max || len > STREAM_MAX || !plain_bytes(data, len))
		return DEPLOY_DECLINED;
	a = arena_new(al);
	tmp = arena_new(al);
	init_streamer(&S, cat, tmp);
	S.d = a ? arena_alloc(a, sizeof(deployment)) : NULL;
	rc = tmp && S.d ? SOV_OK : SOV_ENOMEM;
	if (rc == SOV_OK) {
		S.d->arena = a;
		S.d->cat = cat;
		S.d->file = arena_strdup(a, name ? name : "<memory>");
		S.x.text = data;
		S.x.len = len;
		rc = S.d->file && parse(&S, S.d->file, data, len) &&
		     finish(&S) ? SOV_OK : DEPLOY_DECLINED;
	}
	/* Out of memory is said as such, not retried another way. */
	if (!a || !tmp || arena_failed(a) || arena_failed(tmp))
		rc = SOV_ENOMEM;
	arena_free(tmp);
	if (rc != SOV_OK) {
		arena_free(a);
		return rc;
	}
	*out = S.d;
	return SOV_OK;
}
