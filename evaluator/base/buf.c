/*
 * buf.c - growable byte buffer (see buf.h).
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

void buf_init(buf *b, const sov_allocator *al)
{
	memset(b, 0, sizeof(*b));
	b->al = al;
}

void buf_release(buf *b)
{
	arena_mem_free(b->al, b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static int buf_reserve(buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (b->oom)
		return 0;
	if (b->len + extra + 1 <= b->cap)
		return 1;
	while (cap < b->len + extra + 1)
		cap *= 2;
	p = arena_mem_realloc(b->al, b->data, cap);
	if (!p) {
		b->oom = 1;
		return 0;
	}
	b->data = p;
	b->cap = cap;
	return 1;
}

void buf_append(buf *b, const char *s, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
	if (b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_append(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_json_str(buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *p; p++) {
		const unsigned char *run = p;

		/* Most text needs no escape: copy it a run at a time. */
		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			buf_append(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}
