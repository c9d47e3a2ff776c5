/*
 * fetch/fetch_int.h: internals shared by the files of src/fetch/ and its
 * tests. Nothing outside src/fetch/ includes this header.
 */
#ifndef TD_FETCH_FETCH_INT_H
#define TD_FETCH_FETCH_INT_H

#include "base/common.h"

#include <sys/socket.h>

#include "base/str.h"
#include "fetch/fetch.h"

/* Longest header value we keep (ETag, Last-Modified, ...); longer ones
 * are ignored rather than cut, since a cut validator is a wrong one. */
#define FETCH_MAX_HEADER_VALUE 2048
/* Longest URL we request or follow. */
#define FETCH_MAX_URL 8192
/* Retry-After and max-age beyond this are clamped: a server cannot park a
 * source for decades. */
#define FETCH_MAX_DELAY_SECONDS ((int64_t)366 * 24 * 3600)

/* ---- body.c ---- */

/* An empty body that keeps up to spill bytes in memory and the rest in
 * an unlinked temporary file. NULL when out of memory. */
struct fetch_body *fetch_body_new(size_t spill);
void fetch_body_free(struct fetch_body *b);
/* Append n bytes; ERR_NOMEM or ERR_IO (temp file) on failure. */
int fetch_body_append(struct fetch_body *b, const void *data, size_t n);
/* True once the body has moved to its temporary file. */
bool fetch_body_in_file(const struct fetch_body *b);

/* ---- addr.c ---- */

/* True for addresses a fetch must not reach unless allow_private:
 * unspecified, loopback, private (RFC 1918), CGNAT (100.64/10), link-local,
 * unique-local, site-local, multicast, reserved and broadcast ranges, and
 * the IPv4-mapped, IPv4-compatible and NAT64 IPv6 forms of those. Unknown
 * address families count as private. */
bool fetch_addr_is_private(const struct sockaddr *sa);
/* The numeric form of sa (no port) into out. */
void fetch_addr_format(const struct sockaddr *sa, char *out, size_t size);

/* Replace the private-address test of one fetcher (tests use this to
 * treat their own loopback server as public and check that a redirect to
 * another loopback address is refused). NULL restores the default. */
typedef bool (*fetch_addr_filter_fn)(void *ctx, const struct sockaddr *sa);
void fetcher_set_addr_filter(struct fetcher *f, fetch_addr_filter_fn fn,
    void *ctx);

/* ---- headers.c ---- */

/* What one response's headers said; reset at every status line, since
 * curl reports 1xx interim responses through the same callback. */
struct fetch_headers {
	long status;
	char *etag;
	char *last_modified;
	char *content_type;
	char *charset;
	int64_t retry_after;
	int64_t max_age;
	int64_t expires;
	int64_t content_length; /* -1 when absent */
};

void fetch_headers_init(struct fetch_headers *h);
void fetch_headers_release(struct fetch_headers *h);
/* Feed one raw header line (with or without CRLF). ERR_NOMEM only;
 * malformed lines are ignored. now is the current Unix time (for a
 * Retry-After in seconds). */
int fetch_headers_line(struct fetch_headers *h, const char *line, size_t n,
    int64_t now);

/* Parse a Content-Type value: the media type lower-cased into *type and
 * the charset parameter (unquoted) into *charset (NULL when absent); both
 * heap strings. ERR_INVAL when there is no sane media type. */
int fetch_parse_content_type(struct str v, char **type, char **charset);
/* Retry-After value (delta seconds or HTTP-date) as Unix time; 0 when
 * unparseable. */
int64_t fetch_parse_retry_after(struct str v, int64_t now);
/* max-age of a Cache-Control value; -1 when absent or malformed. */
int64_t fetch_parse_max_age(struct str v);
/* An HTTP-date (RFC 9110: IMF-fixdate, RFC 850, asctime) as Unix time;
 * -1 when unparseable. */
int64_t fetch_parse_http_date(struct str v);

#endif
