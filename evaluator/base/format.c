/*
 * format.c - see format.h.
 */
#include "format.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Is every conversion of fmt one that format_fast writes? */
static int fast_enough(const char *fmt)
{
	const char *p = fmt;

	while ((p = strchr(p, '%')) != NULL) {
		p++;
		if (*p == 'l' || *p == 'z') {
			if (p[1] != 'u' && (p[1] != 'd' || *p == 'z'))
				return 0;
			p += 2;
			continue;
		}
		if (*p != 's' && *p != 'c' && *p != 'd' && *p != 'u' &&
		    *p != '%')
			return 0;
		p++;
	}
	return 1;
}

typedef struct {
	char *dst;
	size_t cap, len;
} sink;

static void put(sink *k, const char *s, size_t n)
{
	if (k->len + 1 < k->cap) {
		size_t room = k->cap - 1 - k->len;

		memcpy(k->dst + k->len, s, n < room ? n : room);
	}
	k->len += n;
}

static void put_unsigned(sink *k, unsigned long v, int negative)
{
	char digits[3 * sizeof(v) + 2];
	char *p = digits + sizeof(digits);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (negative)
		*--p = '-';
	put(k, p, (size_t)(digits + sizeof(digits) - p));
}

static void put_signed(sink *k, long v)
{
	/* -(v + 1) + 1 stays in range for LONG_MIN. */
	if (v < 0)
		put_unsigned(k, (unsigned long)-(v + 1) + 1, 1);
	else
		put_unsigned(k, (unsigned long)v, 0);
}

static const char *conversion(sink *k, const char *p, va_list *ap)
{
	const char *s;
	char c;

	switch (*p) {
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";   /* what glibc prints */
		put(k, s, strlen(s));
		return p + 1;
	case 'c':
		c = (char)va_arg(*ap, int);
		put(k, &c, 1);
		return p + 1;
	case 'd':
		put_signed(k, va_arg(*ap, int));
		return p + 1;
	case 'u':
		put_unsigned(k, va_arg(*ap, unsigned), 0);
		return p + 1;
	case 'z':
		put_unsigned(k, va_arg(*ap, size_t), 0);
		return p + 2;
	case 'l':
		if (p[1] == 'd')
			put_signed(k, va_arg(*ap, long));
		else
			put_unsigned(k, va_arg(*ap, unsigned long), 0);
		return p + 2;
	default:   /* '%' */
		put(k, "%", 1);
		return p + 1;
	}
}

static size_t format_fast(sink *k, const char *fmt, va_list *ap)
{
	const char *p = fmt;

	while (*p) {
		const char *pct = strchr(p, '%');
		size_t n = pct ? (size_t)(pct - p) : strlen(p);

		put(k, p, n);
		if (!pct)
			break;
		p = conversion(k, pct + 1, ap);
	}
	if (k->cap)
		k->dst[k->len < k->cap ? k->len : k->cap - 1] = '\0';
	return k->len;
}

int format_v(char *dst, size_t cap, const char *fmt, va_list ap)
{
	sink k;
	va_list copy;
	size_t n;

	if (!fast_enough(fmt))
		return vsnprintf(dst, cap, fmt, ap);
	k.dst = dst;
	k.cap = cap;
	k.len = 0;
	va_copy(copy, ap);
	n = format_fast(&k, fmt, &copy);
	va_end(copy);
	return n > INT_MAX ? -1 : (int)n;
}
