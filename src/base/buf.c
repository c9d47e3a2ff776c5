/*
 * buf.c: growable byte buffer with a cap (see buf.h).
 */
#include "base/common.h"

#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"

static size_t
buf_limit(const struct buf *b)
{
	return b->max ? b->max : BUF_DEFAULT_MAX;
}

void
buf_init(struct buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *s = b->p;

	if (s == NULL)
		s = calloc(1, 1);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

int
buf_grow(struct buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (n > buf_limit(b) || b->len > buf_limit(b) - n)
		return ERR_TOOBIG;
	need = b->len + n + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	/* The cap counts content bytes; allow the terminating NUL beyond it. */
	if (cap > buf_limit(b) + 1)
		cap = buf_limit(b) + 1;
	if (cap < need)
		cap = need;
	p = realloc(b->p, cap);
	if (p == NULL)
		return ERR_NOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

int
buf_append(struct buf *b, const void *data, size_t n)
{
	int rc;

	if ((rc = buf_grow(b, n)) != 0)
		return rc;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n, rc;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return ERR_INVAL;
	if ((rc = buf_grow(b, (size_t)n)) != 0)
		return rc;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}

const char *
buf_cstr(const struct buf *b)
{
	return b->p ? b->p : "";
}
