/*
 * buf.h - growable byte buffer for rendering reports and messages.
 * A failed append sets `oom` and later appends do nothing, so callers
 * check once at the end.
 */
#ifndef SOV_BUF_H
#define SOV_BUF_H

#include <stddef.h>
#include "sovereign.h"

typedef struct {
	char *data;
	size_t len, cap;
	int oom;
	const sov_allocator *al;
} buf;

void buf_init(buf *b, const sov_allocator *al);
void buf_release(buf *b);
/* Room for `extra` more bytes (and a NUL) without growing again; 0 and
 * `oom` set when there is no memory. */
int buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included; NULL -> null.
 * Controls, C1, bidi overrides and isolates are \uXXXX; a byte that is
 * not UTF-8 is \ufffd. */
void buf_json_str(buf *b, const char *s);
/* The character at s (a NUL-terminated string): its length in bytes,
 * with its code point in *cp, or -1 for a byte that does not begin a
 * well-formed UTF-8 sequence (its length is then 1). */
size_t buf_utf8(const char *s, long *cp);
/* Would a terminal obey code point cp (or -1: not UTF-8) rather than
 * show it: C0 but tab, DEL, C1, bidi overrides and isolates? */
int buf_is_control(long cp);
/* Appends s escaped for XML character data, or for an attribute value
 * when `attr`. What XML 1.0 cannot hold becomes U+FFFD. */
void buf_xml(buf *b, const char *s, int attr);

#endif
