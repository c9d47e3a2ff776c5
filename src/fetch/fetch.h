/*
 * fetch/fetch.h: HTTP(S) and file:// retrieval with libcurl's multi
 * interface.
 *
 * Knows HTTP, not feeds. Many requests run concurrently under a global and
 * a per-host connection limit. Each request may carry validators for a
 * conditional GET. Redirects are followed by this module (not by curl) so
 * that every hop is checked: at most max_redirects, only http/https, and
 * never to a private, loopback or link-local address unless allowed (the
 * check is made on the address actually connected to). Bodies larger than
 * max_body fail with ERR_TOOBIG; bodies above spill_bytes are kept in an
 * unlinked temporary file instead of memory so peak memory stays bounded.
 */
#ifndef TD_FETCH_FETCH_H
#define TD_FETCH_FETCH_H

#include "base/common.h"

#include <signal.h>

#include "base/err.h"

#define FETCH_DEFAULT_TIMEOUT_MS 20000
#define FETCH_DEFAULT_MAX_BODY ((size_t)15 << 20)
#define FETCH_DEFAULT_MAX_REDIRECTS 5
#define FETCH_DEFAULT_MAX_TOTAL 16
#define FETCH_DEFAULT_MAX_PER_HOST 2
#define FETCH_DEFAULT_SPILL_BYTES ((size_t)1 << 20)

struct fetch_config {
	long timeout_ms;       /* whole transfer, per hop */
	size_t max_body;       /* decoded body bytes */
	int max_redirects;
	int max_total;         /* connections at once, all hosts */
	int max_per_host;      /* connections at once to one host */
	bool allow_private;    /* allow private/loopback/link-local targets */
	bool allow_file;       /* allow file:// URLs */
	size_t spill_bytes;    /* keep bodies above this in a temp file */
	const char *user_agent;
};

/* Fill c with the defaults above (allow_file true, allow_private false).
 * fetcher_new also treats a zero timeout_ms, max_body, max_total,
 * max_per_host and a NULL user_agent as "use the default" (a negative
 * max_redirects too); spill_bytes 0 means every body goes to a file. */
void fetch_config_defaults(struct fetch_config *c);

struct fetch_request {
	const char *url;
	const char *etag;          /* If-None-Match, may be NULL */
	const char *last_modified; /* If-Modified-Since, may be NULL */
	void *user;                /* handed back untouched */
};

struct fetch_body;

struct fetch_result {
	int code;            /* 0: a response arrived (see status); else ERR_* */
	char error[256];     /* what went wrong when code != 0 */
	long status;         /* final HTTP status; 200 for a readable file:// */
	char *final_url;     /* URL of the final response */
	char *moved_to;      /* new permanent URL when every hop was 301/308 */
	char *etag;
	char *last_modified;
	char *content_type;  /* media type only, lower-cased */
	char *charset;       /* charset parameter of Content-Type, or NULL */
	int64_t retry_after; /* Unix time from Retry-After, 0 if none */
	int64_t max_age;     /* Cache-Control max-age seconds, -1 if none */
	int64_t expires;     /* Expires as Unix time, 0 if none */
	struct fetch_body *body; /* the decoded body, NULL when none (304,
	                          * empty body, or code != 0) */
};

/* Release what res owns (including the body and its temp file). */
void fetch_result_release(struct fetch_result *res);

/* Total bytes in the body (0 for NULL). */
size_t fetch_body_size(const struct fetch_body *b);

/* Call fn for consecutive chunks of the body, from the start, until it is
 * exhausted or fn returns non-zero (which is then returned). Can be called
 * more than once. */
int fetch_body_read(struct fetch_body *b,
    int (*fn)(void *ctx, const char *data, size_t n), void *ctx);

/* Copy the whole body into a heap buffer of at most max bytes (for small
 * documents such as pages probed for feed links). */
int fetch_body_slurp(struct fetch_body *b, size_t max, char **out,
    size_t *len);

/* Called once per request when it completes, in the thread that runs
 * fetcher_run. res belongs to the callee, who calls fetch_result_release. */
typedef void (*fetch_done_fn)(void *ctx, const struct fetch_request *req,
    struct fetch_result *res);

struct fetcher;

/* NULL when out of memory. config is copied (user_agent must outlive it). */
struct fetcher *fetcher_new(const struct fetch_config *config);
void fetcher_free(struct fetcher *f);

/* Queue a request; its strings are copied. Fails (ERR_INVAL, ERR_NOMEM)
 * only for a NULL url or no memory; a malformed or refused URL is
 * reported through done like any other outcome. */
int fetcher_add(struct fetcher *f, const struct fetch_request *req);

/* Run until every queued request has completed, calling done for each.
 * When *stop becomes non-zero, no new transfer starts; those in flight
 * finish and the rest complete with ERR_STOPPED. stop may be NULL.
 * Requests may be added from inside done. Returns 0, or ERR_STOPPED when
 * the stop flag cancelled at least one request. The fetcher may be run
 * again afterwards. */
int fetcher_run(struct fetcher *f, fetch_done_fn done, void *ctx,
    volatile sig_atomic_t *stop);

/* One request, synchronously; out is filled and must be released. */
int fetch_one(const struct fetch_config *config,
    const struct fetch_request *req, struct fetch_result *out);

#endif
