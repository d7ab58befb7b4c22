/*
 * buf.c - growable byte buffer (see buf.h).
 */
#include "buf.h"

#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "format.h"

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

int buf_reserve(buf *b, size_t extra)
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
	p[b->len] = '\0';   /* a new buffer holds "" until written to */
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
	size_t room;
	int n;

	if (!buf_reserve(b, 0))
		return;
	/* Most calls fit in what is left: one pass, not a measure first. */
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = format_v(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		if (!buf_reserve(b, (size_t)n)) {
			b->data[b->len] = '\0';
			return;
		}
		va_start(ap, fmt);
		format_v(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

size_t buf_utf8(const char *s, long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	*cp = u[0];
	if (u[0] < 0x80)
		return 1;
	*cp = -1;
	if (u[0] < 0xc2 || u[0] > 0xf4)
		return 1;
	len = u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;
	lo = u[0] == 0xe0 ? 0xa0 : u[0] == 0xf0 ? 0x90 : 0x80;
	hi = u[0] == 0xed ? 0x9f : u[0] == 0xf4 ? 0x8f : 0xbf;
	/* A NUL fails the test before the byte after it is read. */
	if (u[1] < lo || u[1] > hi)
		return 1;
	for (i = 2; i < len; i++)
		if ((u[i] & 0xc0) != 0x80)
			return 1;
	*cp = u[0] & (0x7f >> len);
	for (i = 1; i < len; i++)
		*cp = *cp << 6 | (u[i] & 0x3f);
	return len;
}

int buf_is_control(long cp)
{
	return cp < 0 || (cp < 0x20 && cp != '\t') ||
	       (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* One character of a JSON string at s, escaped; returns its length.
 * What a terminal would obey (buf_is_control) is written as \uXXXX, a
 * byte that is not UTF-8 as \ufffd. */
static size_t json_char(buf *b, const char *s)
{
	long cp;
	size_t n = buf_utf8(s, &cp);

	if (cp == '"' || cp == '\\') {
		buf_putc(b, '\\');
		buf_putc(b, *s);
	} else if (cp == '\n' || cp == '\r' || cp == '\t') {
		buf_puts(b, cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\t");
	} else if (cp < 0) {
		buf_puts(b, "\\ufffd");
	} else if (buf_is_control(cp)) {
		buf_printf(b, "\\u%04lx", (unsigned long)cp);
	} else {
		buf_append(b, s, n);
	}
	return n;
}

/* The bytes a JSON string holds as they are: printable ASCII but '"'
 * and '\\'. NUL is not, which ends a run. */
#define J16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char json_plain[256] = {
	J16(0), J16(0),
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20, '"' */
	J16(1), J16(1),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* 0x50, '\\' */
	J16(1),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,     /* 0x70, DEL */
	J16(0), J16(0), J16(0), J16(0), J16(0), J16(0), J16(0), J16(0)
};
#undef J16

/* The end of the run of plain bytes at p. Four at a time: a byte is
 * read only after the one before it was found plain, so not past NUL. */
static const unsigned char *plain_run(const unsigned char *p)
{
	for (;;) {
		if (!json_plain[p[0]])
			return p;
		if (!json_plain[p[1]])
			return p + 1;
		if (!json_plain[p[2]])
			return p + 2;
		if (!json_plain[p[3]])
			return p + 3;
		p += 4;
	}
}

void buf_json_str(buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	while (*p) {
		const unsigned char *run = p;

		/* Most text needs no escape: copy it a run at a time. */
		p = plain_run(p);
		if (p > run)
			buf_append(b, (const char *)run, (size_t)(p - run));
		if (*p)
			p += json_char(b, (const char *)p);
	}
	buf_putc(b, '"');
}

/* The length of the UTF-8 sequence at p if it is a character XML 1.0
 * allows, else 0 (a control character, a malformed sequence, a
 * surrogate, U+FFFE or U+FFFF). */
static size_t xml_char(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (p[0] < 0x80)
		return p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n' ||
		       p[0] == '\r';
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		lo = p[0] == 0xe0 ? 0xa0 : 0x80;
		hi = p[0] == 0xed ? 0x9f : 0xbf;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		lo = p[0] == 0xf0 ? 0x90 : 0x80;
		hi = p[0] == 0xf4 ? 0x8f : 0xbf;
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
		return 0;
	return n;
}

void buf_xml(buf *b, const char *s, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s)
		return;
	for (; *p; p += n ? n : 1) {
		n = xml_char(p);
		if (n != 1) {
			if (n)
				buf_append(b, (const char *)p, n);
			else
				buf_puts(b, "\xef\xbf\xbd");
			continue;
		}
		switch (*p) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, attr ? "&quot;" : "\""); break;
		case '\n': buf_puts(b, attr ? "&#10;" : "\n"); break;
		case '\t': buf_puts(b, attr ? "&#9;" : "\t"); break;
		case '\r': buf_puts(b, "&#13;"); break;
		default: buf_putc(b, (char)*p);
		}
	}
}
