/*
 * url.h: URL parsing, resolution and canonical forms (RFC 3986).
 *
 * Pure string work: no I/O and no DNS. Used by feed (relative links),
 * html (sanitiser scheme allow-list), fetch (redirect targets) and store
 * (article identity by canonical link).
 */
#ifndef TD_BASE_URL_H
#define TD_BASE_URL_H

#include "base/common.h"

#include "base/str.h"

struct buf;

/* The parts of an absolute or relative reference; each part is a slice of
 * the input, with p == NULL when the part is absent. */
struct url_parts {
	struct str scheme;   /* without ':' */
	struct str userinfo;
	struct str host;     /* without brackets for IPv6 literals */
	struct str port;
	struct str path;
	struct str query;    /* without '?' */
	struct str fragment; /* without '#' */
	bool has_authority;
};

/* Split s into parts. Returns 0 or ERR_INVAL. */
int url_split(struct str s, struct url_parts *out);

/* Resolve ref against base (RFC 3986 section 5.2, with dot segments
 * removed) and append the result to out. A NULL or empty base leaves an
 * absolute ref as it is and fails with ERR_INVAL for a relative one. */
int url_resolve(const char *base, const char *ref, struct buf *out);

/* Canonical form used to identify an article by its link: scheme and host
 * lower-cased, default port and fragment dropped, empty path made "/",
 * tracking parameters (utm_*, fbclid, gclid, ...) removed from the query.
 * Returns 0 or ERR_INVAL for something that is not an absolute http(s) URL
 * (other schemes are copied unchanged). */
int url_canonical(const char *url, struct buf *out);

/* True for http, https (and, when allow_file, file) URLs. */
bool url_is_fetchable(const char *url, bool allow_file);

/* The lower-cased scheme is one of the given safe ones: http, https,
 * mailto, ftp (and data: only when allow_data_image and the media type is
 * an image). Used by the HTML sanitiser. */
bool url_is_safe_link(const char *url, bool allow_data_image);

/* The host (lower-cased) of an absolute URL into out; ERR_INVAL if none. */
int url_host(const char *url, struct buf *out);

#endif
