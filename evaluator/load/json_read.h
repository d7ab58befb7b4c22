/*
 * json_read.h - a small, strict JSON reader (RFC 8259) that builds a tree
 * in an arena. It exists to read back what the library writes (an earlier
 * JSON report as a baseline, see baseline.h), so it refuses anything the
 * RFC does not allow instead of guessing: trailing commas, comments,
 * leading zeros, bad escapes, lone surrogates, invalid UTF-8, NUL in
 * strings, and content after the value.
 *
 * Positions: lines are 1-based and count '\n'. Columns are 1-based and
 * count characters (UTF-8 sequences, a tab is one), as xml_load.c does; a
 * leading UTF-8 byte order mark is skipped and not counted.
 */
#ifndef SOV_JSON_READ_H
#define SOV_JSON_READ_H

#include <stddef.h>

#include "base/arena.h"
#include "sovereign.h"

/* Arrays and objects nest at most this deep; deeper input is refused. */
#define JSON_MAX_DEPTH 64

typedef enum {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
} json_type;

typedef struct json_value json_value;

/* One value. Every pointer in it points into the parse's arena. */
struct json_value {
	json_type type;
	unsigned line;          /* where the value starts, 1-based */
	unsigned column;        /* and its column, 1-based */
	/* YAML only: the value's tag as written ("!Ref", "!GetAtt"), or
	 * NULL; CloudFormation's short forms of its functions. */
	const char *tag;
	size_t offset;          /* its first byte, from the start of text */
	/* JSON_STRING: the decoded UTF-8, NUL-terminated; it never holds
	 * a NUL of its own, so len == strlen(string). */
	const char *string;
	size_t len;
	/* JSON_NUMBER: the text as written, and its value (C strtod: a
	 * magnitude beyond double's range gives +-HUGE_VAL). */
	const char *text;
	double number;
	/* JSON_ARRAY and JSON_OBJECT: the n children in document order.
	 * For an object keys[i] is the decoded key of items[i]; keys may
	 * repeat (json_get() finds the first). items and keys are NULL
	 * when n is 0. */
	json_value **items;
	const char **keys;
	size_t n;
	/* As a member of an object, its key; else NULL. */
	const char *key;
	/* The next child of the same parent, or NULL. */
	json_value *next;
};

/*
 * Parses text[0..len) into *out (set only on SOV_OK). Returns SOV_OK;
 * SOV_EINPUT with one error added to diags (which may be NULL), naming
 * `name`, the line and column, and what was expected there; SOV_ENOMEM.
 * Runs in time linear in len and recurses at most JSON_MAX_DEPTH deep.
 */
int json_parse(json_value **out, arena *a, const char *name,
	const char *text, size_t len, sov_diags *diags);

/* The syntax of a document for json_parse_doc(). */
typedef enum { JSON_SYNTAX_JSON, JSON_SYNTAX_YAML } json_syntax;

/*
 * Parses a JSON or YAML document (one document; YAML 1.2 core schema:
 * plain scalars become numbers, booleans and null as JSON would write
 * them) into the same tree as json_parse(). A UTF-16 or UTF-32 document
 * with a byte order mark is refused with a message that says so (the
 * caller converts it first). Duplicate keys, nesting deeper than
 * JSON_MAX_DEPTH and invalid UTF-8 are refused, at their line and column.
 */
int json_parse_doc(json_value **out, arena *a, const char *name,
	const char *text, size_t len, json_syntax syntax, sov_diags *diags);

/* The first member of `obj` named `key`; NULL when there is none or obj
 * is not an object. */
const json_value *json_get(const json_value *obj, const char *key);

/* The decoded string of v; NULL unless v is a string. */
const char *json_str(const json_value *v);

/*
 * The column of byte `offset` of text[0..len) (for example a value's
 * offset), counted as described above. It scans back to the start of
 * the line only, so call it for diagnostics, not in a loop.
 */
unsigned json_column(const char *text, size_t len, size_t offset);

#endif
