/*
 * web/files.c: /files/PATH, a directory shown read-only when the
 * operator asks for one (serve.files_dir; the demo serves samples/).
 *
 * Only regular files are served, with a type from a short list of
 * extensions (anything else is application/octet-stream, so a browser
 * never renders unknown bytes as a page; HTML is sent as text/plain for
 * the same reason). There are no directory listings, no hidden files and
 * no way out of the directory: every segment must be a plain name (not
 * empty, not starting with a dot, no backslash), and the resolved path
 * must still lie inside the directory, so a symbolic link cannot lead
 * elsewhere either. Every such refusal is the ordinary 404. The bytes
 * go out under the site's CSP and nosniff like everything else.
 */
#include "base/common.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "web/web_int.h"

#define WEB_FILE_PATH_MAX 1024
#define WEB_FILE_SEGMENT_MAX 255

struct file_type {
	const char *ext;
	const char *type;
};

static const struct file_type types[] = {
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "ico", "image/x-icon" },
	{ "xml", "application/xml; charset=utf-8" },
	{ "rss", "application/rss+xml; charset=utf-8" },
	{ "atom", "application/atom+xml; charset=utf-8" },
	{ "json", "application/json; charset=utf-8" },
	{ "opml", "text/x-opml; charset=utf-8" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "tsv", "text/plain; charset=utf-8" },
	{ "md", "text/plain; charset=utf-8" },
	{ "html", "text/plain; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
};

static const char *
type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return "application/octet-stream";
	for (i = 0; i < ARRAY_LEN(types); i++)
		if (strcasecmp(dot + 1, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Every segment a plain name. */
static bool
rel_ok(const char *rel)
{
	const char *p = rel;

	if (*p == '\0' || strlen(rel) > WEB_FILE_PATH_MAX)
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || n > WEB_FILE_SEGMENT_MAX || p[0] == '.' ||
		    memchr(p, '\\', n) != NULL)
			return false;
		p += n;
		if (*p == '/')
			p++;
		if (*p == '\0' && p[-1] == '/')
			return false;
	}
	return true;
}

int
web_page_file(struct web_req *r)
{
	const char *dir = r->opt ? r->opt->files_dir : NULL;
	const char *rel = r->param[0];
	struct buf path = BUF_INIT;
	struct stat st;
	char *real = NULL;
	size_t dlen;
	ssize_t got;
	int fd = -1, rc;

	if (dir == NULL || rel == NULL || !rel_ok(rel))
		return ERR_NOTFOUND;
	buf_init(&path, PATH_MAX);
	if ((rc = buf_printf(&path, "%s/%s", dir, rel)) != 0)
		goto out;
	rc = ERR_NOTFOUND;
	if ((real = realpath(buf_cstr(&path), NULL)) == NULL)
		goto out;
	dlen = strlen(dir);
	if (strncmp(real, dir, dlen) != 0 || real[dlen] != '/')
		goto out;
	if ((fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	if ((uint64_t)st.st_size > (uint64_t)(r->opt->max_page ?
	    r->opt->max_page : WEB_DEFAULT_MAX_PAGE)) {
		rc = ERR_TOOBIG;
		goto out;
	}
	buf_reset(&r->body);
	if ((rc = buf_grow(&r->body, (size_t)st.st_size + 1)) != 0)
		goto out;
	while (r->body.len < (size_t)st.st_size) {
		got = read(fd, r->body.p + r->body.len, (size_t)st.st_size -
		    r->body.len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		r->body.len += (size_t)got;
	}
	r->body.p[r->body.len] = '\0';
	r->content_type = type_of(rel);
	r->last_modified = (int64_t)st.st_mtime;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(real);
	buf_release(&path);
	return rc;
}
