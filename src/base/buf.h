/*
 * buf.h: a growable byte buffer with a hard size cap.
 *
 * Invariant: when p is not NULL, p[len] == '\0', so the contents can be
 * used as a C string (the bytes themselves may contain NULs). Appending past
 * max fails with ERR_TOOBIG and leaves the buffer as it was; nothing is ever
 * cut short silently. A zeroed struct buf is an empty buffer with the
 * default cap.
 */
#ifndef TD_BASE_BUF_H
#define TD_BASE_BUF_H

#include "base/common.h"

#include <stdarg.h>

/* Cap used when max is 0: large enough for any single page or feed that
 * fits the other limits, small enough to stop a runaway loop. */
#define BUF_DEFAULT_MAX ((size_t)64 << 20)

struct buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max; /* 0 means BUF_DEFAULT_MAX */
};

#define BUF_INIT { NULL, 0, 0, 0 }

/* Start an empty buffer that may grow to max bytes (0: the default cap). */
void buf_init(struct buf *b, size_t max);

/* Free the storage; the buffer is empty again and may be reused. */
void buf_release(struct buf *b);

/* Forget the contents but keep the storage. */
void buf_reset(struct buf *b);

/* Hand the contents to the caller as a NUL-terminated heap string, which
 * the caller frees; the buffer is left empty. Returns NULL only when out of
 * memory. */
char *buf_detach(struct buf *b);

/* Make room for n more bytes. */
int buf_grow(struct buf *b, size_t n) WARN_UNUSED;

int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
/* One byte. Inline because text is built byte by byte in hot loops (the
 * block scanner, JSON escaping): the room check is one compare there, and
 * buf_append is called only to grow. */
static inline int
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	/* cap counts the NUL and never exceeds max + 1, so room for two more
	 * bytes means len + 1 is within max too. */
	if (b->len + 1 < b->cap) {
		b->p[b->len++] = ch;
		b->p[b->len] = '\0';
		return 0;
	}
	return buf_append(b, &ch, 1);
}
int buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Shorten to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);

/* The contents as a C string; "" for an empty, never-grown buffer. */
const char *buf_cstr(const struct buf *b);

#endif
