/*
 * web/reply.c: from a handled request to the bytes and headers we send.
 *
 * Every successful GET carries a strong ETag (a hash of the body as it
 * would be sent uncompressed) and, when the page knows it, Last-Modified;
 * a client that already holds that version gets 304 without a body. The
 * gzip form of a body gets its own ETag ("...-gz") so caches never mix the
 * two encodings; If-None-Match accepts either. Compression is skipped for
 * small bodies, where the header overhead eats the gain.
 *
 * The security headers are the same on every response, error pages
 * included, so no page can forget them.
 */
#include "base/common.h"

#include <stdio.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "base/err.h"
#include "web/web_int.h"

#define WEB_GZIP_MIN 512      /* bytes below which we send plain */
#define WEB_GZIP_LEVEL 5      /* speed over the last few percent */

void
web_etag(const void *p, size_t n, char *out, size_t outsz)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a, 64 bits */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(out, outsz, "\"%016llx%x\"", (unsigned long long)h,
	    (unsigned)(n & 0xfff));
}

int
web_gzip(const void *p, size_t n, struct buf *out)
{
	z_stream z;
	uLong bound;
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, WEB_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return ERR_NOMEM;
	bound = deflateBound(&z, (uLong)n);
	if ((rc = buf_grow(out, bound)) != 0) {
		deflateEnd(&z);
		return rc;
	}
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out->p + out->len;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	if (rc != Z_STREAM_END) {
		deflateEnd(&z);
		return ERR_NOMEM;
	}
	out->len += z.total_out;
	out->p[out->len] = '\0';
	deflateEnd(&z);
	return 0;
}

void
web_http_date(int64_t t, char *out, size_t outsz)
{
	struct tm tm;
	time_t tt = (time_t)t;

	gmtime_r(&tt, &tm);
	strftime(out, outsz, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int
web_http_date_parse(const char *s, int64_t *out)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL)
		return ERR_INVAL;
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return ERR_INVAL;
	*out = (int64_t)timegm(&tm);
	return 0;
}

/* Does the client want gzip? A q=0 turns it off; "*" counts as gzip. */
static bool
accepts_gzip(const char *ae)
{
	const char *p = ae;

	while (p && *p) {
		size_t len;
		const char *item, *semi;

		while (*p == ' ' || *p == ',')
			p++;
		item = p;
		len = strcspn(p, ",");
		p += len;
		semi = memchr(item, ';', len);
		if (((size_t)((semi ? semi : item + len) - item) >= 4 &&
		    strncasecmp(item, "gzip", 4) == 0) || *item == '*') {
			if (semi) {
				const char *q = semi + 1;

				while (*q == ' ')
					q++;
				if (!strncasecmp(q, "q=0", 3) &&
				    (q[3] == '\0' || q[3] == ',' ||
				    (q[3] == '.' && strspn(q + 4, "0") ==
				    strcspn(q + 4, ",; "))))
					return false;
			}
			return true;
		}
	}
	return false;
}

bool
web_accepts_gzip(const char *accept_encoding)
{
	return accepts_gzip(accept_encoding);
}

/* Compare one If-None-Match list against our tag (weakly, as RFC 9110
 * asks for GET); the "-gz" variant matches too. */
static bool
etag_matches(const char *inm, const char *etag)
{
	size_t elen = strlen(etag) - 1; /* without the closing quote */
	const char *p = inm;

	while (*p) {
		const char *tag;
		size_t len;

		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		tag = p;
		len = strcspn(p, ",");
		p += len;
		while (len && (tag[len - 1] == ' ' || tag[len - 1] == '\t'))
			len--;
		if (len == elen + 1 && !memcmp(tag, etag, elen + 1))
			return true;
		if (len == elen + 4 && !memcmp(tag, etag, elen) &&
		    !memcmp(tag + elen, "-gz\"", 4))
			return true;
	}
	return false;
}

/* If-None-Match wins; If-Modified-Since counts only without it. */
static bool
not_modified(const struct web_req *r, const char *etag)
{
	int64_t t;

	if (r->if_none_match)
		return etag_matches(r->if_none_match, etag);
	return r->if_modified_since && r->last_modified > 0 &&
	    web_http_date_parse(r->if_modified_since, &t) == 0 &&
	    r->last_modified <= t;
}

static void
add(struct web_reply *out, const char *name, const char *value)
{
	if (value && out->n_headers < WEB_MAX_HEADERS_OUT) {
		out->headers[out->n_headers].name = name;
		out->headers[out->n_headers].value = value;
		out->n_headers++;
	}
}

static bool
compressible(const char *type)
{
	return type && (!strncmp(type, "text/", 5) ||
	    !strncmp(type, "image/svg", 9) ||
	    !strncmp(type, "application/json", 16) ||
	    !strncmp(type, "application/javascript", 22));
}

int
web_reply_build(struct web_req *r, struct web_reply *out)
{
	const char *body;
	size_t len;
	bool cond, gz;
	int rc;

	memset(out, 0, sizeof(*out));
	out->status = r->status;
	if (r->body_ref) {
		body = r->body_ref;
		len = r->body_ref_len;
	} else {
		body = buf_cstr(&r->body);
		len = r->body.len;
	}
	add(out, "Content-Security-Policy", WEB_CSP);
	add(out, "X-Content-Type-Options", "nosniff");
	add(out, "Referrer-Policy", "strict-origin-when-cross-origin");
	add(out, "X-Frame-Options", "DENY");
	add(out, "Content-Type", r->content_type);
	if (r->allow)
		add(out, "Allow", r->allow);
	if (r->location)
		add(out, "Location", r->location);
	switch (r->cache) {
	case WEB_CACHE_NONE:
		add(out, "Cache-Control", "no-store");
		break;
	case WEB_CACHE_REVALIDATE:
		add(out, "Cache-Control", "no-cache");
		break;
	case WEB_CACHE_IMMUTABLE:
		add(out, "Cache-Control",
		    "public, max-age=31536000, immutable");
		break;
	}
	cond = r->status == 200 && r->cache != WEB_CACHE_NONE;
	gz = compressible(r->content_type) && len >= WEB_GZIP_MIN &&
	    accepts_gzip(r->accept_encoding);
	if (compressible(r->content_type) && len >= WEB_GZIP_MIN)
		add(out, "Vary", "Accept-Encoding");
	if (cond) {
		if (r->etag_ref)
			snprintf(out->etag, sizeof(out->etag), "%s",
			    r->etag_ref);
		else
			web_etag(body, len, out->etag, sizeof(out->etag));
		if (gz) {
			snprintf(out->vary_etag, sizeof(out->vary_etag),
			    "%.*s-gz\"", (int)strlen(out->etag) - 1,
			    out->etag);
			add(out, "ETag", out->vary_etag);
		} else {
			add(out, "ETag", out->etag);
		}
		if (r->last_modified > 0) {
			web_http_date(r->last_modified, out->date,
			    sizeof(out->date));
			add(out, "Last-Modified", out->date);
		}
		if (not_modified(r, out->etag)) {
			out->status = 304;
			out->body = "";
			out->len = 0;
			return 0;
		}
	}
	if (gz) {
		if (r->gz_ref) {
			out->body = r->gz_ref;
			out->len = r->gz_ref_len;
		} else {
			struct buf z;

			buf_init(&z, 0);
			if ((rc = web_gzip(body, len, &z)) != 0) {
				buf_release(&z);
				return rc;
			}
			out->len = z.len;
			out->body = buf_detach(&z);
			out->body_owned = true;
		}
		add(out, "Content-Encoding", "gzip");
		return 0;
	}
	if (r->body_ref) {
		out->body = body;
		out->len = len;
	} else {
		out->len = r->body.len;
		out->body = buf_detach(&r->body);
		out->body_owned = true;
	}
	return out->body ? 0 : ERR_NOMEM;
}

void
web_reply_release(struct web_reply *out)
{
	if (out->body_owned)
		free((void *)(uintptr_t)out->body);
	out->body = NULL;
	out->body_owned = false;
}
