/*
 * fetch/body.c: a response body that stays in memory while small and moves
 * to an unlinked temporary file once it passes the spill threshold.
 *
 * A 200 MB feed read through file:// must not sit in RAM, yet most bodies
 * are a few kilobytes and should never touch the disk. The temporary file
 * is unlinked at creation, so it disappears with the descriptor even if
 * the process dies; nothing else can open it by name.
 */
#include "base/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "fetch/fetch_int.h"

/* Chunk size for replaying a spilled body. */
#define FETCH_BODY_CHUNK ((size_t)64 << 10)

struct fetch_body {
	struct buf mem; /* the body while it fits under spill */
	int fd;         /* the temp file afterwards, else -1 */
	size_t size;
	size_t spill;
};

struct fetch_body *
fetch_body_new(size_t spill)
{
	struct fetch_body *b = calloc(1, sizeof(*b));

	if (b == NULL)
		return NULL;
	/* The buf cap is only a backstop; spilling happens before it. */
	buf_init(&b->mem, 0);
	b->fd = -1;
	b->spill = spill;
	return b;
}

void
fetch_body_free(struct fetch_body *b)
{
	if (b == NULL)
		return;
	buf_release(&b->mem);
	if (b->fd >= 0)
		close(b->fd);
	free(b);
}

bool
fetch_body_in_file(const struct fetch_body *b)
{
	return b != NULL && b->fd >= 0;
}

size_t
fetch_body_size(const struct fetch_body *b)
{
	return b ? b->size : 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return ERR_IO;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
open_spill_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/tidings-body-XXXXXX",
	    dir) >= sizeof(path))
		return -1;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -1;
	unlink(path);
	return fd;
}

static int
spill(struct fetch_body *b)
{
	int fd = open_spill_file();

	if (fd < 0)
		return ERR_IO;
	if (write_all(fd, b->mem.p, b->mem.len) != 0) {
		close(fd);
		return ERR_IO;
	}
	b->fd = fd;
	buf_release(&b->mem);
	return 0;
}

int
fetch_body_append(struct fetch_body *b, const void *data, size_t n)
{
	int rc;

	if (n == 0)
		return 0;
	if (b->fd < 0 && b->size + n > b->spill) {
		rc = spill(b);
		if (rc)
			return rc;
	}
	if (b->fd >= 0)
		rc = write_all(b->fd, data, n);
	else
		rc = buf_append(&b->mem, data, n) ? ERR_NOMEM : 0;
	if (rc == 0)
		b->size += n;
	return rc;
}

int
fetch_body_read(struct fetch_body *b,
    int (*fn)(void *ctx, const char *data, size_t n), void *ctx)
{
	char *chunk;
	size_t off = 0;
	int rc = 0;

	if (b == NULL || b->size == 0)
		return 0;
	if (b->fd < 0)
		return fn(ctx, b->mem.p, b->mem.len);
	chunk = malloc(FETCH_BODY_CHUNK);
	if (chunk == NULL)
		return ERR_NOMEM;
	while (off < b->size && rc == 0) {
		size_t want = b->size - off;
		ssize_t got;

		if (want > FETCH_BODY_CHUNK)
			want = FETCH_BODY_CHUNK;
		got = pread(b->fd, chunk, want, (off_t)off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = ERR_IO;
			break;
		}
		rc = fn(ctx, chunk, (size_t)got);
		off += (size_t)got;
	}
	free(chunk);
	return rc;
}

struct slurp {
	char *p;
	size_t len;
};

static int
slurp_chunk(void *ctx, const char *data, size_t n)
{
	struct slurp *s = ctx;

	memcpy(s->p + s->len, data, n);
	s->len += n;
	return 0;
}

int
fetch_body_slurp(struct fetch_body *b, size_t max, char **out, size_t *len)
{
	struct slurp s = { NULL, 0 };
	size_t size = fetch_body_size(b);
	int rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (size > max)
		return ERR_TOOBIG;
	s.p = malloc(size + 1);
	if (s.p == NULL)
		return ERR_NOMEM;
	rc = fetch_body_read(b, slurp_chunk, &s);
	if (rc == 0 && s.len != size)
		rc = ERR_IO;
	if (rc) {
		free(s.p);
		return rc;
	}
	s.p[size] = '\0';
	*out = s.p;
	if (len)
		*len = size;
	return 0;
}
