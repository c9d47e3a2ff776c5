/*
 * web/server.c: the libmicrohttpd glue, and the only file that sees MHD.
 *
 * MHD runs a pool of epoll threads, two per core, each accepting from
 * the shared listen socket. Two, because a render may wait on the disk:
 * a first view of an article at a million articles reads a hundred pages
 * or so, and a page cache smaller than the database makes some of them
 * disk reads. Measured at 1M articles on 2 cores, article pages over
 * random ids went from ~87 to ~114 req/s with 4 threads instead of 2,
 * with cached pages as fast as before. Each thread also holds fewer of
 * the connections a slow render stalls. A request reaches on_request at least twice: the
 * first call only sets up its state, the last one renders and queues the
 * response. Answering in the first call would be shorter but, in MHD
 * 0.9.75, turns every response into "Connection: close" and costs about
 * three quarters of the throughput; errors found that early (too long,
 * too large) do answer at once, since closing is then what we want.
 *
 * Each pool thread lazily opens its own database handle, kept in a
 * thread-specific slot and closed by the slot's destructor when MHD stops
 * the thread. The database is opened once at start-up in the caller's
 * thread first, so migrations never race and a bad path fails early.
 *
 * Rendered pages are kept for opt.cache_ms as ready MHD responses, which
 * MHD reference-counts and may queue on many connections at once: a hit
 * costs a hash look-up and no rendering, no database and no copy. Only
 * plain GET/HEAD pages are kept (status 200, revalidated caching, no
 * conditional headers in the request, which go the normal way to get
 * their 304); the key is the raw URL plus whether the client takes gzip.
 * The table is direct-mapped with a lock per slot, bounded in entries and
 * bytes; an entry is replaced, never waited for. When a page expires, the
 * first request renders it again and the others meanwhile get the page
 * that expired (for at most WEB_CACHE_REFRESH_MS): each renderer stalls
 * its thread's other connections, and a search page taking 7 ms of CPU
 * rendered on every thread at once put the p99 of a busy page at 40 ms.
 * Better still, that first request also gets the expired page and hands
 * the render to a refresher thread of our own, so no connection waits
 * for it (a search at 1M articles: p99 90 ms with the render on a pool
 * thread, which stalled that thread's other connections); it renders in
 * place only when the refresher's queue is full.
 *
 * Paths and query strings reach us undecoded (MHD's unescaping is turned
 * off): route.c decodes each segment and argument itself, so an encoded
 * "/" in a tag cannot change which page is asked for.
 */
#include "base/common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/str.h"
#include "store/store.h"
#include "web/web_int.h"

#define WEB_LISTEN_BACKLOG 1024
#define WEB_CACHE_SLOTS 1024            /* pages kept at most */
#define WEB_CACHE_MAX_BYTES (32u << 20) /* bytes kept at most */
#define WEB_CACHE_MAX_ENTRY (1u << 20)  /* larger pages are not kept */
/* How long an expired page may still be served while one request renders
 * it again; a renderer that has not stored it by then (its page failed,
 * or came out too big to keep) is taken over by the next request. */
#define WEB_CACHE_REFRESH_MS 2000
/* Pages waiting for the refresher; beyond that, requests render. */
#define WEB_REFRESH_QUEUE 64

/* A kept page to render again: its key and the Host it was asked with
 * (pages write absolute links with it). */
struct refresh_job {
	char *key;
	char *host;
};

struct cache_entry {
	pthread_mutex_t lock;
	char *key;              /* NULL: empty */
	uint64_t hash;
	int64_t expires_us;
	int64_t refresh_us;     /* when a render of it began, 0: none */
	struct MHD_Response *resp;
	size_t bytes;
	int route;
};

struct web_server {
	struct web_options opt;
	char *listen;
	char *db_path;
	char *files_dir;
	struct MHD_Daemon *d;
	int fd;
	int port;
	pthread_key_t key;
	bool key_ok;
	struct web_metrics *metrics;
	struct cache_entry *cache;      /* WEB_CACHE_SLOTS, NULL: off */
	struct web_source_names *source_names;
	pthread_mutex_t cache_bytes_lock;
	size_t cache_bytes;
	/* The refresher (see the opening comment): a ring of jobs. */
	pthread_t refresher;
	bool refresher_ok;
	pthread_mutex_t refresh_lock;
	pthread_cond_t refresh_cond;
	struct refresh_job refresh[WEB_REFRESH_QUEUE];
	size_t refresh_head, refresh_n;
	bool refresh_stop;
};

/* Per request; freed when MHD reports the request complete. */
struct conn_state {
	int64_t start_us;
	bool started;           /* on_request has been called once */
	bool too_long;          /* URL over the limit */
	size_t body_bytes;
	char *query;            /* raw query string, NULL when none */
	int status;             /* 0 until a response is queued */
	int route;
	size_t sent;
	char path[WEB_MAX_LOGGED_PATH + 1]; /* for the log, made printable */
};

static int64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
web_options_defaults(struct web_options *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = WEB_DEFAULT_TIMEOUT;
	o->per_ip = WEB_DEFAULT_PER_IP;
	o->max_connections = WEB_DEFAULT_MAX_CONNECTIONS;
	o->conn_memory = WEB_DEFAULT_CONN_MEMORY;
	o->max_url = WEB_DEFAULT_MAX_URL;
	o->max_headers = WEB_DEFAULT_MAX_HEADERS;
	o->max_body = WEB_DEFAULT_MAX_BODY;
	o->max_page = WEB_DEFAULT_MAX_PAGE;
	o->cache_ms = WEB_DEFAULT_CACHE_MS;
	o->access_log = true;
}

static void
close_store(void *p)
{
	store_close(p);
}

static struct store *
thread_store(void *ctx)
{
	struct web_server *s = ctx;
	struct store *st = pthread_getspecific(s->key);
	struct err e = { 0 };

	if (st != NULL)
		return st;
	if (store_open(s->db_path, &st, &e) != 0) {
		log_error("web: cannot open the database: %s", e.msg);
		return NULL;
	}
	if (pthread_setspecific(s->key, st) != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* Keep MHD from decoding: route.c decodes each part on its own. */
static size_t
unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	UNUSED(cls);
	UNUSED(c);
	return strlen(s);
}

/* Log lines get a printable copy of the path: no control bytes, no
 * quotes, and cut at WEB_MAX_LOGGED_PATH. */
static void
printable(char *dst, size_t dstsz, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < dstsz; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[i] = c < 0x21 || c >= 0x7f || c == '"' ? '?' : (char)c;
	}
	dst[i] = '\0';
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct web_server *s = cls;
	struct conn_state *cs = calloc(1, sizeof(*cs));
	const char *q;

	UNUSED(c);
	if (cs == NULL)
		return NULL;
	cs->start_us = mono_us();
	printable(cs->path, sizeof(cs->path), uri);
	if (strlen(uri) > s->opt.max_url) {
		cs->too_long = true;
	} else if ((q = strchr(uri, '?')) != NULL) {
		cs->query = strdup(q + 1);
		if (cs->query == NULL) {
			free(cs);
			return NULL;
		}
	}
	return cs;
}

static enum MHD_Result
add_size(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	size_t *total = cls;

	UNUSED(kind);
	*total += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

static bool
is_loopback(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		const unsigned char *a = in6->sin6_addr.s6_addr;

		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return true;
		return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && a[12] == 127;
	}
	return false;
}


/* ---- the rendered-page cache ---- */

static uint64_t
key_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* "g /path?query" or "p /path?query"; NULL when out of memory. */
static char *
cache_key(const char *url, const char *query, bool gz)
{
	size_t n = strlen(url) + (query ? strlen(query) + 1 : 0) + 3;
	char *k = malloc(n);

	if (k != NULL)
		snprintf(k, n, "%c %s%s%s", gz ? 'g' : 'p', url, query ? "?"
		    : "", query ? query : "");
	return k;
}

static void
cache_account(struct web_server *s, size_t add, size_t sub)
{
	pthread_mutex_lock(&s->cache_bytes_lock);
	s->cache_bytes = s->cache_bytes + add - sub;
	pthread_mutex_unlock(&s->cache_bytes_lock);
}

static bool refresh_queue(struct web_server *s, const char *key,
    const char *host);

/* Queue the cached response for key when there is a fresh one, or an
 * expired one that the refresher or another request renders again. */
static bool
cache_serve(struct web_server *s, struct MHD_Connection *c,
    struct conn_state *cs, const char *key, const char *host,
    enum MHD_Result *ret)
{
	uint64_t h = key_hash(key);
	struct cache_entry *ce = &s->cache[h % WEB_CACHE_SLOTS];
	int64_t now = mono_us();
	bool due;

	pthread_mutex_lock(&ce->lock);
	if (ce->key == NULL || ce->hash != h || strcmp(ce->key, key) != 0) {
		pthread_mutex_unlock(&ce->lock);
		return false; /* not kept */
	}
	due = ce->expires_us <= now && (ce->refresh_us == 0 ||
	    now - ce->refresh_us > (int64_t)WEB_CACHE_REFRESH_MS * 1000);
	if (due) {
		ce->refresh_us = now;
		if (!refresh_queue(s, key, host)) {
			/* The refresher is full: this request renders the
			 * page; the others get the expired one meanwhile. */
			pthread_mutex_unlock(&ce->lock);
			return false;
		}
	}
	/* Queued under the lock, so a replacement cannot drop the response
	 * in between; MHD holds its own reference after. */
	*ret = MHD_queue_response(c, MHD_HTTP_OK, ce->resp);
	cs->status = MHD_HTTP_OK;
	cs->route = ce->route;
	cs->sent = ce->bytes;
	pthread_mutex_unlock(&ce->lock);
	return true;
}

/* Drop key's entry, if kept, and free key: its page was rendered again
 * and cannot be kept (an error page now, or too big), so nobody should
 * get the old one any more. */
static void
cache_forget(struct web_server *s, char *key)
{
	uint64_t h = key_hash(key);
	struct cache_entry *ce = &s->cache[h % WEB_CACHE_SLOTS];
	struct MHD_Response *old = NULL;
	size_t old_bytes = 0;

	pthread_mutex_lock(&ce->lock);
	if (ce->key != NULL && ce->hash == h && strcmp(ce->key, key) == 0) {
		old = ce->resp;
		old_bytes = ce->bytes;
		FREE_NULL(ce->key);
		ce->resp = NULL;
		ce->refresh_us = 0;
	}
	pthread_mutex_unlock(&ce->lock);
	free(key);
	if (old != NULL) {
		cache_account(s, 0, old_bytes);
		MHD_destroy_response(old);
	}
}

/* Keep resp for key (taking a reference of our own). */
static void
cache_store(struct web_server *s, char *key, struct MHD_Response *resp,
    size_t bytes, int route)
{
	uint64_t h = key_hash(key);
	struct cache_entry *ce = &s->cache[h % WEB_CACHE_SLOTS];
	struct MHD_Response *old = NULL;
	size_t old_bytes = 0;

	pthread_mutex_lock(&s->cache_bytes_lock);
	if (bytes > WEB_CACHE_MAX_ENTRY ||
	    s->cache_bytes + bytes > WEB_CACHE_MAX_BYTES) {
		pthread_mutex_unlock(&s->cache_bytes_lock);
		MHD_destroy_response(resp);
		cache_forget(s, key);
		return;
	}
	pthread_mutex_unlock(&s->cache_bytes_lock);
	pthread_mutex_lock(&ce->lock);
	old = ce->resp;
	old_bytes = ce->key ? ce->bytes : 0;
	free(ce->key);
	ce->key = key;
	ce->hash = h;
	ce->expires_us = mono_us() + (int64_t)s->opt.cache_ms * 1000;
	ce->refresh_us = 0;
	ce->resp = resp;
	ce->bytes = bytes;
	ce->route = route;
	pthread_mutex_unlock(&ce->lock);
	cache_account(s, bytes, old_bytes);
	if (old != NULL)
		MHD_destroy_response(old);
}

static void
cache_free(struct web_server *s)
{
	size_t i;

	if (s->cache == NULL)
		return;
	for (i = 0; i < WEB_CACHE_SLOTS; i++) {
		if (s->cache[i].resp)
			MHD_destroy_response(s->cache[i].resp);
		free(s->cache[i].key);
		pthread_mutex_destroy(&s->cache[i].lock);
	}
	pthread_mutex_destroy(&s->cache_bytes_lock);
	free(s->cache);
	s->cache = NULL;
}

static int
cache_init(struct web_server *s)
{
	size_t i;

	if (s->opt.cache_ms == 0)
		return 0;
	if ((s->cache = calloc(WEB_CACHE_SLOTS, sizeof(*s->cache))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < WEB_CACHE_SLOTS; i++)
		pthread_mutex_init(&s->cache[i].lock, NULL);
	pthread_mutex_init(&s->cache_bytes_lock, NULL);
	return 0;
}

/* An MHD response holding rep's body (which it takes) and headers; NULL
 * when out of memory (rep is then released). */
static struct MHD_Response *
response_from(struct web_reply *rep)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(rep->len,
	    (void *)(uintptr_t)rep->body, rep->body_owned ?
	    MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (resp == NULL) {
		web_reply_release(rep);
		return NULL;
	}
	rep->body_owned = false; /* MHD frees it now */
	for (size_t i = 0; i < rep->n_headers; i++)
		MHD_add_response_header(resp, rep->headers[i].name,
		    rep->headers[i].value);
	return resp;
}

static enum MHD_Result
send_reply_keep(struct MHD_Connection *c, struct conn_state *cs,
    struct web_reply *rep, struct MHD_Response **keep)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if ((resp = response_from(rep)) == NULL)
		return MHD_NO;
	ret = MHD_queue_response(c, (unsigned)rep->status, resp);
	cs->status = rep->status;
	cs->sent = rep->len;
	if (keep != NULL && ret == MHD_YES)
		*keep = resp; /* our reference goes to the cache */
	else
		MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result
send_reply(struct MHD_Connection *c, struct conn_state *cs,
    struct web_reply *rep)
{
	return send_reply_keep(c, cs, rep, NULL);
}

/* Render an error page and send it right away. */
static enum MHD_Result
send_error(struct web_server *s, struct MHD_Connection *c,
    struct conn_state *cs, int status)
{
	struct web_req r;
	struct web_reply rep;
	enum MHD_Result ret;

	web_req_init(&r, &s->opt);
	r.method = "GET";
	r.path = cs->path; /* enough to tell an API request */
	web_error_page(&r, status);
	if (web_reply_build(&r, &rep) != 0) {
		web_req_release(&r);
		return MHD_NO;
	}
	ret = send_reply(c, cs, &rep);
	web_reply_release(&rep);
	web_req_release(&r);
	return ret;
}

/* ---- the refresher ---- */

/* Hand key to the refresher; false when its queue is full (or it does
 * not run). */
static bool
refresh_queue(struct web_server *s, const char *key, const char *host)
{
	struct refresh_job *j;
	bool ok = false;

	if (!s->refresher_ok)
		return false;
	pthread_mutex_lock(&s->refresh_lock);
	if (s->refresh_n < WEB_REFRESH_QUEUE && !s->refresh_stop) {
		j = &s->refresh[(s->refresh_head + s->refresh_n) %
		    WEB_REFRESH_QUEUE];
		j->key = strdup(key);
		j->host = host ? strdup(host) : NULL;
		if (j->key != NULL && (host == NULL || j->host != NULL)) {
			s->refresh_n++;
			pthread_cond_signal(&s->refresh_cond);
			ok = true;
		} else {
			FREE_NULL(j->key);
			FREE_NULL(j->host);
		}
	}
	pthread_mutex_unlock(&s->refresh_lock);
	return ok;
}

/* Render the page of a cache key ("g /path?query") as a GET from host,
 * and keep it, or forget the key when it can no longer be kept. */
static void
refresh_one(struct web_server *s, struct refresh_job *j)
{
	struct web_req r;
	struct web_reply rep;
	struct MHD_Response *resp;
	char *path = strdup(j->key + 2), *query;
	bool gz = j->key[0] == 'g';

	if (path == NULL) {
		cache_forget(s, j->key);
		return;
	}
	if ((query = strchr(path, '?')) != NULL)
		*query++ = '\0';
	web_req_init(&r, &s->opt);
	r.metrics = NULL; /* no client asked: not a request to count */
	r.source_names = s->source_names;
	r.get_store = thread_store;
	r.store_ctx = s;
	r.method = "GET";
	r.path = path;
	r.accept_encoding = gz ? "gzip" : NULL;
	r.host = j->host;
	if (web_parse_query(&r, query) != 0)
		web_error_page(&r, 414);
	else
		web_handle(&r);
	if (web_reply_build(&r, &rep) != 0) {
		cache_forget(s, j->key);
	} else if (rep.status == 200 && r.cache == WEB_CACHE_REVALIDATE &&
	    (resp = response_from(&rep)) != NULL) {
		cache_store(s, j->key, resp, rep.len, r.route);
	} else {
		cache_forget(s, j->key);
	}
	j->key = NULL; /* cache_store and cache_forget took it */
	web_reply_release(&rep);
	web_req_release(&r);
	free(path);
}

static void *
refresher(void *arg)
{
	struct web_server *s = arg;
	struct refresh_job j;

	for (;;) {
		pthread_mutex_lock(&s->refresh_lock);
		while (s->refresh_n == 0 && !s->refresh_stop)
			pthread_cond_wait(&s->refresh_cond, &s->refresh_lock);
		if (s->refresh_stop) {
			pthread_mutex_unlock(&s->refresh_lock);
			return NULL;
		}
		j = s->refresh[s->refresh_head];
		s->refresh_head = (s->refresh_head + 1) % WEB_REFRESH_QUEUE;
		s->refresh_n--;
		pthread_mutex_unlock(&s->refresh_lock);
		refresh_one(s, &j);
		free(j.host);
	}
}

static int
refresher_start(struct web_server *s)
{
	pthread_mutex_init(&s->refresh_lock, NULL);
	pthread_cond_init(&s->refresh_cond, NULL);
	if (pthread_create(&s->refresher, NULL, refresher, s) != 0) {
		pthread_mutex_destroy(&s->refresh_lock);
		pthread_cond_destroy(&s->refresh_cond);
		return ERR_NOMEM;
	}
	s->refresher_ok = true;
	return 0;
}

/* Stop the refresher, dropping the renders it has not begun. */
static void
refresher_stop(struct web_server *s)
{
	if (!s->refresher_ok)
		return;
	pthread_mutex_lock(&s->refresh_lock);
	s->refresh_stop = true;
	pthread_cond_broadcast(&s->refresh_cond);
	pthread_mutex_unlock(&s->refresh_lock);
	pthread_join(s->refresher, NULL);
	for (; s->refresh_n > 0; s->refresh_n--) {
		struct refresh_job *j = &s->refresh[s->refresh_head];

		free(j->key);
		free(j->host);
		s->refresh_head = (s->refresh_head + 1) % WEB_REFRESH_QUEUE;
	}
	s->refresher_ok = false;
	pthread_mutex_destroy(&s->refresh_lock);
	pthread_cond_destroy(&s->refresh_cond);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct web_server *s = cls;
	struct conn_state *cs = *con_cls;
	struct web_req r;
	struct web_reply rep;
	enum MHD_Result ret;
	struct MHD_Response *keep = NULL;
	char *key = NULL;
	size_t hdr = 0;

	UNUSED(version);
	UNUSED(upload);
	if (cs == NULL) {
		/* MHD skipped the URI callback (it had no memory). */
		return MHD_NO;
	}
	if (!cs->started) {
		const char *cl;
		int64_t len = 0;

		cs->started = true;
		if (cs->too_long)
			return send_error(s, c, cs, 414);
		MHD_get_connection_values(c, MHD_HEADER_KIND, add_size, &hdr);
		if (hdr > s->opt.max_headers)
			return send_error(s, c, cs, 431);
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && (str_to_i64(str_from(cl), 0, INT64_MAX,
		    &len) != 0 || (uint64_t)len > s->opt.max_body))
			return send_error(s, c, cs, 413);
		return MHD_YES;
	}
	if (*upload_size != 0) {
		/* No page takes a body yet: count it and drop it. A chunked
		 * body over the limit has no Content-Length to refuse early,
		 * so the connection is closed instead. */
		cs->body_bytes += *upload_size;
		*upload_size = 0;
		return cs->body_bytes > s->opt.max_body ? MHD_NO : MHD_YES;
	}
	if (s->cache != NULL && (!strcmp(method, "GET") ||
	    !strcmp(method, "HEAD")) &&
	    !MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH) &&
	    !MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_MODIFIED_SINCE)) {
		key = cache_key(url, cs->query, web_accepts_gzip(
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_ACCEPT_ENCODING)));
		if (key != NULL && cache_serve(s, c, cs, key,
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_HOST), &ret)) {
			free(key);
			return ret;
		}
	}
	web_req_init(&r, &s->opt);
	r.metrics = s->metrics;
	r.source_names = s->source_names;
	r.get_store = thread_store;
	r.store_ctx = s;
	r.method = method;
	r.path = url;
	r.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	r.if_modified_since = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	r.accept_encoding = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING);
	r.host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	r.loopback = is_loopback(c);
	if (web_parse_query(&r, cs->query) != 0)
		web_error_page(&r, 414);
	else
		web_handle(&r);
	cs->route = r.route;
	if (web_reply_build(&r, &rep) != 0) {
		web_req_release(&r);
		if (key != NULL)
			cache_forget(s, key);
		return send_error(s, c, cs, 500);
	}
	/* Pages only: static assets are served from memory already, and
	 * /healthz and /metrics are never cached (WEB_CACHE_NONE). */
	if (key != NULL && rep.status == 200 &&
	    r.cache == WEB_CACHE_REVALIDATE) {
		ret = send_reply_keep(c, cs, &rep, &keep);
		if (keep != NULL)
			cache_store(s, key, keep, rep.len, r.route);
		else
			cache_forget(s, key);
	} else {
		if (key != NULL)
			cache_forget(s, key);
		ret = send_reply(c, cs, &rep);
	}
	web_reply_release(&rep);
	web_req_release(&r);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct web_server *s = cls;
	struct conn_state *cs = *con_cls;
	const union MHD_ConnectionInfo *ci;
	char addr[INET6_ADDRSTRLEN] = "-";
	int64_t us;

	if (cs == NULL)
		return;
	*con_cls = NULL;
	us = mono_us() - cs->start_us;
	if (cs->status != 0)
		web_metrics_observe(s->metrics, cs->route, cs->status, us);
	if (s->opt.access_log) {
		ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr && ci->client_addr->sa_family ==
		    AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    (const void *)ci->client_addr)->sin_addr, addr,
			    sizeof(addr));
		else if (ci && ci->client_addr &&
		    ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    (const void *)ci->client_addr)->sin6_addr, addr,
			    sizeof(addr));
		log_info("http %s \"%s\" %d %zu %.1fms%s", addr, cs->path,
		    cs->status, cs->sent, (double)us / 1000.0,
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
		    : " (aborted)");
	}
	free(cs->query);
	free(cs);
}

/* Small responses go out as soon as they are written. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
    enum MHD_ConnectionNotificationCode toe)
{
	const union MHD_ConnectionInfo *ci;
	int one = 1;

	UNUSED(cls);
	UNUSED(socket_ctx);
	if (toe != MHD_CONNECTION_NOTIFY_STARTED)
		return;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci != NULL)
		(void)setsockopt(ci->connect_fd, IPPROTO_TCP, TCP_NODELAY,
		    &one, sizeof(one));
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	size_t n;

	UNUSED(cls);
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	log_warn("http server: %s", line);
}

/* Create, bind and listen on ADDR:PORT ([v6]:PORT for IPv6). */
static int
bind_listen(const char *listen_at, int *fd_out, int *port_out, bool *v6,
    struct err *e)
{
	struct addrinfo hints, *res = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[256];
	const char *colon, *h = listen_at, *port;
	size_t hl;
	int fd = -1, one = 1, rc;

	colon = strrchr(listen_at, ':');
	if (colon == NULL || colon[1] == '\0')
		return err_set(e, ERR_INVAL, "listen address \"%s\": expected "
		    "ADDR:PORT", listen_at);
	port = colon + 1;
	hl = (size_t)(colon - h);
	if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
		h++;
		hl -= 2;
	}
	if (hl == 0 || hl >= sizeof(host))
		return err_set(e, ERR_INVAL, "listen address \"%s\": expected "
		    "ADDR:PORT", listen_at);
	memcpy(host, h, hl);
	host[hl] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
		return err_set(e, ERR_INVAL, "listen address \"%s\": %s",
		    listen_at, gai_strerror(rc));
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
	    listen(fd, WEB_LISTEN_BACKLOG) != 0 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		rc = err_set(e, ERR_IO, "listen on %s: %s", listen_at,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return rc;
	}
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	*port_out = ss.ss_family == AF_INET6 ?
	    ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) :
	    ntohs(((struct sockaddr_in *)&ss)->sin_port);
	*fd_out = fd;
	return 0;
}

int
web_server_start(const struct web_options *o, struct web_server **out,
    struct err *e)
{
	struct web_server *s = NULL;
	struct store *st = NULL;
	long cores;
	unsigned threads;
	bool v6 = false;
	int rc;

	*out = NULL;
	if (o->db_path == NULL || o->listen == NULL)
		return err_set(e, ERR_INVAL, "serve: no database or address");
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	s->fd = -1;
	s->opt = *o;
	s->listen = strdup(o->listen);
	s->db_path = strdup(o->db_path);
	s->metrics = web_metrics_new(web_n_routes);
	s->source_names = web_source_names_new();
	if (s->listen == NULL || s->db_path == NULL || s->metrics == NULL ||
	    s->source_names == NULL) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto fail;
	}
	s->opt.listen = s->listen;
	s->opt.db_path = s->db_path;
	if (o->files_dir && *o->files_dir) {
		/* Resolved once: the containment check compares against it. */
		if ((s->files_dir = realpath(o->files_dir, NULL)) == NULL) {
			rc = err_set(e, ERR_NOTFOUND, "serve.files_dir %s: %s",
			    o->files_dir, strerror(errno));
			goto fail;
		}
		s->opt.files_dir = s->files_dir;
	} else {
		s->opt.files_dir = NULL;
	}
	/* Create and migrate the database here, once, before any thread. */
	if ((rc = store_open(s->db_path, &st, e)) != 0)
		goto fail;
	store_close(st);
	if (cache_init(s) != 0) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto fail;
	}
	if ((rc = web_assets_init()) != 0) {
		err_set(e, rc, "serve: cannot prepare the static files");
		goto fail;
	}
	if (pthread_key_create(&s->key, close_store) != 0) {
		rc = err_set(e, ERR_NOMEM, "serve: no thread-specific key");
		goto fail;
	}
	s->key_ok = true;
	if (s->cache != NULL && refresher_start(s) != 0) {
		rc = err_set(e, ERR_NOMEM, "serve: cannot start a thread");
		goto fail;
	}
	if ((rc = bind_listen(s->listen, &s->fd, &s->port, &v6, e)) != 0)
		goto fail;
	threads = o->threads;
	if (threads == 0) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 && cores < 128 ? 2 * (unsigned)cores : 2;
	}
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0),
	    0, NULL, NULL, on_request, s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
	    MHD_OPTION_LISTEN_SOCKET, (MHD_socket)s->fd,
	    MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->timeout,
	    MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_ip,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, o->conn_memory,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, s,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		rc = err_set(e, ERR_IO, "serve: the HTTP server did not "
		    "start on %s", s->listen);
		goto fail;
	}
	log_info("web: serving %s with %u threads", s->listen, threads);
	*out = s;
	return 0;
fail:
	web_server_stop(s);
	return rc;
}

int
web_server_port(const struct web_server *s)
{
	return s ? s->port : 0;
}

void
web_server_stop(struct web_server *s)
{
	if (s == NULL)
		return;
	if (s->d != NULL) {
		/* Stop accepting first, then let the threads finish. */
		MHD_quiesce_daemon(s->d);
		MHD_stop_daemon(s->d);
	}
	if (s->fd >= 0)
		close(s->fd);
	/* Its thread's database handle closes as the thread ends, while
	 * the key still exists. */
	refresher_stop(s);
	if (s->key_ok)
		pthread_key_delete(s->key);
	web_metrics_free(s->metrics);
	web_source_names_free(s->source_names);
	cache_free(s);
	web_assets_free();
	free(s->listen);
	free(s->db_path);
	free(s->files_dir);
	free(s);
}
