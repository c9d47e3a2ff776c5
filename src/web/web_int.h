/*
 * web/web_int.h: shared by the files of web/ only.
 *
 * A request travels as a struct web_req that knows nothing of
 * libmicrohttpd: server.c fills it (path, decoded query arguments, the few
 * headers we act on), route.c picks a handler, the handler renders into
 * r->body and sets the status, and reply.c turns the result into the bytes
 * and headers to send (ETag, 304, gzip, security headers). Only server.c
 * talks to MHD, so routing, pages and the reply logic can be unit-tested.
 */
#ifndef TD_WEB_WEB_INT_H
#define TD_WEB_WEB_INT_H

#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "web/web.h"

struct store;
struct store_article;

#define WEB_MAX_ARGS 16       /* query arguments kept; more are ignored */
#define WEB_MAX_PARAMS 2      /* {..} segments in one route pattern */
#define WEB_MAX_LOGGED_PATH 200

/* Cache policy of a response. */
enum web_cache {
	WEB_CACHE_NONE,      /* no-store: errors, metrics */
	WEB_CACHE_REVALIDATE, /* no-cache: pages, revalidated by ETag */
	WEB_CACHE_IMMUTABLE, /* versioned static assets */
};

struct web_kv {
	const char *key;
	const char *value;
};

/* Source names for the search form, shared by the pool threads and kept
 * for WEB_SOURCE_NAMES_MS, so a search page does not read the sources
 * table each time (store_source_names, which counts no articles). */
#define WEB_SOURCE_NAMES_MS 30000
#define WEB_SOURCE_NAMES_MAX 200

struct web_source_names;

struct web_source_names *web_source_names_new(void);
void web_source_names_free(struct web_source_names *sn);

struct web_req {
	const struct web_options *opt;
	struct web_source_names *source_names; /* may be NULL */
	struct web_metrics *metrics;    /* may be NULL */
	/* Open (once per thread) and return the database; NULL on failure. */
	struct store *(*get_store)(void *ctx);
	void *store_ctx;

	/* The request, with strings owned by the caller of web_handle. */
	const char *method;
	bool head;
	const char *path;       /* raw, still percent-encoded */
	struct web_kv args[WEB_MAX_ARGS]; /* decoded */
	size_t n_args;
	const char *if_none_match;
	const char *if_modified_since;
	const char *accept_encoding;
	const char *host;       /* the Host header, unchecked */
	bool loopback;
	const char *param[WEB_MAX_PARAMS]; /* decoded route segments */
	int64_t id;             /* the {id} segment, when the route has one */
	int route;              /* index into web_routes, -1 when none */
	int64_t now;            /* clock_now() when the request began */

	/* The response a handler produces. */
	int status;
	const char *content_type;
	struct buf body;
	const void *body_ref;   /* or borrowed bytes (static assets) */
	size_t body_ref_len;
	const void *gz_ref;     /* their gzip form, if any */
	size_t gz_ref_len;
	const char *etag_ref;   /* precomputed quoted ETag for body_ref */
	int64_t last_modified;  /* 0: none */
	enum web_cache cache;
	const char *allow;      /* Allow header for 405 */
	const char *location;   /* Location header for redirects */
	/* Why a request was refused (400), for the reader or API client;
	 * set with web_req_fail. Never holds internals. */
	char errmsg[200];

	/* Scratch owned by the request, freed by web_req_release. */
	struct buf scratch;     /* decoded query arguments */
	struct buf params;      /* decoded route segments */
};

/* ---- route.c ---- */

enum {
	WEB_GET = 1,
	WEB_HEAD = 2,
};

struct web_route {
	unsigned methods;
	const char *pattern;    /* "/", "/article/{id}", "/tag/{}" */
	const char *name;       /* label in metrics */
	int (*fn)(struct web_req *r);
};

extern const struct web_route web_routes[];
extern const size_t web_n_routes;

/* Route and run r. Always leaves a complete response in r (an error page
 * when the handler fails); never fails itself. */
void web_handle(struct web_req *r);

/* Initialise the response side of r (status 200, empty body). */
void web_req_init(struct web_req *r, const struct web_options *opt);
void web_req_release(struct web_req *r);

/* A decoded query argument, or NULL. */
const char *web_arg(const struct web_req *r, const char *key);

/* Decode percent-escapes (and '+' as space when form is set) of s[0..n)
 * into out; ERR_INVAL for a malformed escape, a NUL or invalid UTF-8. */
int web_decode(const char *s, size_t n, bool form, struct buf *out);

/* Split a raw query string into r->args, decoding into r->scratch.
 * Malformed pairs are skipped. */
int web_parse_query(struct web_req *r, const char *query);

/* The database of this thread; NULL (and an error logged once) when it
 * cannot be opened. */
struct store *web_store(struct web_req *r);

/* ---- reply.c ---- */

#define WEB_CSP "default-src 'self'; img-src 'self' https: data:; " \
	"style-src 'self'; script-src 'self'; frame-ancestors 'none'; " \
	"base-uri 'none'; form-action 'self'"

struct web_header {
	const char *name;
	const char *value;
};

#define WEB_MAX_HEADERS_OUT 16

/* What server.c sends: status, headers and body bytes. */
struct web_reply {
	int status;
	struct web_header headers[WEB_MAX_HEADERS_OUT];
	size_t n_headers;
	const char *body;
	size_t len;
	bool body_owned;        /* body is malloc'd; the sender frees it */
	char etag[40];
	char date[40];
	char vary_etag[48];
};

/* Turn a handled request into a reply: compute the ETag, answer 304 to a
 * matching If-None-Match/If-Modified-Since, gzip when the client accepts
 * it, and add the security and caching headers. Takes over r->body. */
int web_reply_build(struct web_req *r, struct web_reply *out);
void web_reply_release(struct web_reply *out);

/* Does an Accept-Encoding value take gzip? */
bool web_accepts_gzip(const char *accept_encoding);

/* A strong ETag for n bytes, quoted, into out (at least 24 bytes). */
void web_etag(const void *p, size_t n, char *out, size_t outsz);

/* gzip p[0..n) into out. */
int web_gzip(const void *p, size_t n, struct buf *out);

/* IMF-fixdate (RFC 9110) of t into out (at least 30 bytes); parse back. */
void web_http_date(int64_t t, char *out, size_t outsz);
int web_http_date_parse(const char *s, int64_t *out);

/* ---- assets.c ---- */

struct web_asset {
	const char *name;       /* "site.css" */
	const char *type;       /* Content-Type */
	const unsigned char *data;
	size_t len;
};

/* Generated from src/web/assets/ by src/web/assets/gen.sh. */
extern const struct web_asset web_asset_files[];
extern const size_t web_n_asset_files;

/* Prepare versioned URLs, ETags and gzip forms; call once before serving.
 * Thread-safe after that. */
int web_assets_init(void);
void web_assets_free(void);

/* "/static/site.1a2b3c4d.css" for "site.css"; "" when unknown. */
const char *web_asset_url(const char *name);

int web_page_static(struct web_req *r);

/* ---- metrics.c ---- */

struct web_metrics;

struct web_metrics *web_metrics_new(size_t n_routes);
void web_metrics_free(struct web_metrics *m);
/* Count one finished request of route (-1: unrouted). */
void web_metrics_observe(struct web_metrics *m, int route, int status,
    int64_t micros);
int web_metrics_write(struct web_metrics *m, struct buf *out);

/* ---- format.c: small helpers shared by pages ---- */

/* "just now", "5 minutes ago", "2 hours ago", "yesterday", "3 March 2026"
 * for t seen at now, into out. */
int web_reltime(int64_t t, int64_t now, struct buf *out);

/* <time datetime="ISO" title="exact UTC">relative</time> */
int web_time_html(struct buf *b, int64_t t, int64_t now);

/* A well-formed BCP 47 language tag (else NULL) and whether it is written
 * right to left. */
bool web_lang_ok(const char *lang);
bool web_lang_rtl(const char *lang);

/* Write lang="x" dir="rtl|ltr" (with a leading space) when lang is sound. */
int web_lang_attrs(struct buf *b, const char *lang);

/* An article's language: the one its feed declared, else the one the
 * analysis detected; NULL when neither is a sound tag. */
const char *web_article_lang(const struct store_article *a);

/* Up to max bytes of text on a code-point boundary, with an ellipsis when
 * cut, escaped as element text. */
int web_excerpt(struct buf *b, const char *text, size_t max);

/* ---- listing.c: article lists with filters, shared by pages, API and
 * feeds ---- */

#define WEB_LIST_DEFAULT 30
#define WEB_LIST_MAX 100        /* ?limit= ceiling */

/* Which articles a listing shows. Times are Unix seconds, 0 when open. */
struct web_filter {
	int64_t source_id;
	const char *tag;        /* display form or key; case-blind */
	int64_t since, until;   /* sort time within [since, until] */
	int64_t before_time, before_id; /* keyset cursor, 0: from newest */
	size_t limit;
	bool full;              /* read bodies too (feeds), not just lists */
	/* search only */
	const char *q;
	bool by_date;           /* else by relevance */
	size_t page;            /* 1-based; relevance only (date: cursor) */
};

/* What a walk saw: how many it passed on, whether more follow, and the
 * cursor of the last one (for ?before=). */
struct web_walk {
	size_t shown;
	bool more;
	int64_t last_time, last_id;
	int64_t newest_update;
};

typedef int (*web_article_fn)(void *ctx, const struct store_article *a);

/* Refuse the request as the client's mistake: keeps msg for the 400
 * page or JSON error and returns ERR_INVAL. */
int web_req_fail(struct web_req *r, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Read source, tag, since, until, before and limit (and for search q,
 * sort and page) from the query string into f. ERR_INVAL (with
 * r->errmsg) for a malformed value. */
int web_filter_parse(struct web_req *r, struct web_filter *f,
    size_t def_limit, bool search);

/* Newest first, filtered; fn sees at most f->limit articles. */
int web_filter_walk(struct web_req *r, const struct web_filter *f,
    web_article_fn fn, void *ctx, struct web_walk *w);

/* Search with f's filters, sort and page (f->limit per page; by date
 * the cursor in f pages instead). A query the store rejects is ERR_INVAL
 * with the store's reader-facing message in r->errmsg. full: read whole
 * bodies (feeds), else the light list read. */
int web_search_walk(struct web_req *r, const struct web_filter *f,
    bool full, web_article_fn fn, void *ctx, struct web_walk *w);

/* Articles related to a (not a itself), best first, at most max. */
int web_related_walk(struct web_req *r, const struct store_article *a,
    size_t max, web_article_fn fn, void *ctx);

/* Parse "2026-11-29", "2026-11-29T10:00:00Z" (or +hh:mm) or Unix
 * seconds. end_of_day: a bare date means its last second. */
int web_time_parse(const char *s, bool end_of_day, int64_t *out);

/* RFC 3339 UTC ("2026-11-29T10:00:00Z") into out (at least 21 bytes). */
void web_rfc3339(int64_t t, char *out, size_t outsz);

/* Write snippet text with the store's match markers as <mark>. */
int web_snippet_html(struct buf *b, const char *s);
/* The snippet as plain text, markers removed. */
int web_snippet_text(struct buf *b, const char *s);

/* ---- api.c: JSON under /api/v1 ---- */

int web_api_articles(struct web_req *r);
int web_api_article(struct web_req *r);
int web_api_search(struct web_req *r);
int web_api_sources(struct web_req *r);
int web_api_tags(struct web_req *r);
/* The JSON error body for status (r->errmsg as message when set). */
void web_api_error(struct web_req *r, int status);

/* ---- api_ask.c, page_entity.c: article intelligence ---- */

#define WEB_ASK_MAX 500         /* bytes of a question */
int web_api_ask(struct web_req *r);      /* /api/v1/articles/{id}/ask */
int web_page_entity(struct web_req *r);  /* /entity/{id} */
/* The ?q= question: NULL when absent or blank; ERR_INVAL (with
 * r->errmsg) when longer than WEB_ASK_MAX. */
int web_ask_question(struct web_req *r, const char **q);

/* Visit (id, name) of the sources, from r->source_names when fresh. */
int web_source_names_each(struct web_req *r,
    int (*fn)(void *ctx, int64_t id, const char *name), void *ctx);

/* ---- out_feed.c: listings as Atom 1.0 and JSON Feed 1.1, and OPML ---- */

/* param is "NAME.atom" or "NAME.json"; ERR_NOTFOUND otherwise. */
int web_feed_tag(struct web_req *r, const char *param);
int web_feed_source(struct web_req *r);   /* /source/ID.atom|json */
int web_feed_search_atom(struct web_req *r);
int web_feed_search_json(struct web_req *r);
int web_page_opml(struct web_req *r);

/* ---- pages ---- */

struct web_page {
	const char *title;      /* <title> text, NULL: the site name */
	const char *lang;
	const char *search_q;   /* to prefill the header's search box */
	const char *canonical;  /* path of rel=canonical */
	/* This listing's feeds: the path to which .atom and .json are
	 * appended (a search passes its full query in feed_query). */
	const char *feed;
	const char *feed_query;
	bool noindex;
};

int web_page_begin(struct web_req *r, const struct web_page *p);
int web_page_end(struct web_req *r);

/* The list item used on the front, source, tag and search pages and in
 * related lists; snippet (may be NULL) replaces the excerpt. */
int web_article_item(struct web_req *r, const struct store_article *a,
    bool with_snippet, int heading_level);

/* A list of tag chips linking to /tag/KEY (keys may be NULL: the
 * display form is the link then). */
int web_tags_html(struct buf *b, char *const *tags, char *const *keys,
    size_t n);

/* Parse "?before=TIME.ID" into a keyset cursor; ERR_INVAL if malformed. */
int web_cursor_parse(const char *s, int64_t *time, int64_t *id);

/* The newest articles (of one source, or all when source_id is 0) from
 * the request's ?before= cursor on, with an "Older" link to base_path
 * when more follow; empty is shown when there are none. */
int web_list_articles(struct web_req *r, int64_t source_id,
    const char *base_path, const char *empty);

/* Render an error page for status into r (its body is replaced). */
void web_error_page(struct web_req *r, int status);

int web_page_front(struct web_req *r);
int web_page_article(struct web_req *r);
int web_page_source(struct web_req *r);
int web_page_tag(struct web_req *r);
int web_page_search(struct web_req *r);
int web_page_healthz(struct web_req *r);
int web_page_file(struct web_req *r);       /* files.c: /files/... */
int web_page_metrics(struct web_req *r);

#endif
