/*
 * format.h - vsnprintf, quicker for the conversions reports and
 * explanations use all the time.
 */
#ifndef SOV_FORMAT_H
#define SOV_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * vsnprintf(dst, cap, fmt, ap), byte for byte: at most cap - 1 bytes and
 * a NUL (when cap > 0); returns the length the whole output needs, or -1.
 * A format made only of %s, %c, %d, %u, %ld, %lu, %zu and %% (no flags,
 * width or precision) is written here; any other goes to the C library.
 * glibc's stdio costs some hundreds of instructions a call before it
 * writes a byte, and a report makes a great many short calls.
 */
int format_v(char *dst, size_t cap, const char *fmt, va_list ap);

#endif
