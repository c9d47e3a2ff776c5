/*
 * web/web.h: the reader's site, served by `tidings serve`.
 *
 * An HTTP/1.1 server on libmicrohttpd with a pool of epoll threads, two per
 * core. Every pool thread opens its own handle on the database (SQLite
 * connections are not shared between threads; WAL lets these readers run
 * while an ingester writes). Pages are rendered on request through the
 * escaping writer in web/html.h; nothing here writes to the database but
 * the store itself, which keeps an article's related list at its first
 * view (never waiting for the ingester's lock).
 *
 * Hostile clients are bounded by the limits below: URL, header and body
 * sizes, connections per address, memory per connection and an idle
 * timeout. The server never exits the process; it logs through base/log.h.
 *
 * A rendered page is reused for the same URL for cache_ms (a second by
 * default): under load, a popular page is rendered once a second instead
 * of once a request, and a reader sees changes at most that late.
 */
#ifndef TD_WEB_WEB_H
#define TD_WEB_WEB_H

#include "base/common.h"

#include "base/err.h"

/* Defaults for struct web_options; each is a named, overridable limit. */
#define WEB_DEFAULT_LISTEN "127.0.0.1:8080"
#define WEB_DEFAULT_TIMEOUT 30          /* seconds a connection may idle */
#define WEB_DEFAULT_PER_IP 128          /* connections per client address */
#define WEB_DEFAULT_MAX_CONNECTIONS 1024
#define WEB_DEFAULT_CONN_MEMORY (64 * 1024) /* MHD's pool per connection */
#define WEB_DEFAULT_MAX_URL 4096        /* bytes of path and query: 414 */
#define WEB_DEFAULT_MAX_HEADERS 16384   /* bytes of all headers: 431 */
#define WEB_DEFAULT_MAX_BODY 65536      /* bytes of request body: 413 */
#define WEB_DEFAULT_MAX_PAGE (8u << 20) /* bytes of one rendered page */
#define WEB_DEFAULT_CACHE_MS 1000       /* a rendered page is reused */

struct web_options {
	const char *listen;     /* "ADDR:PORT", "[v6]:PORT"; port 0: any */
	const char *db_path;    /* opened read-side by every pool thread */
	unsigned threads;       /* 0: two per online core */
	unsigned timeout;       /* seconds */
	unsigned per_ip;
	unsigned max_connections;
	size_t conn_memory;
	size_t max_url;
	size_t max_headers;
	size_t max_body;
	size_t max_page;
	unsigned cache_ms;      /* reuse a rendered page this long; 0: off */
	const char *files_dir;  /* served read-only at /files/; NULL: off */
	bool metrics_public;    /* /metrics beyond loopback */
	bool access_log;        /* one log_info line per request */
};

/* Fill o with the defaults above (listen and db_path NULL). */
void web_options_defaults(struct web_options *o);

struct web_server;

/* Bind and start serving in background threads. On failure nothing is left
 * running and e says why (address in use, bad listen address...). */
int web_server_start(const struct web_options *o, struct web_server **out,
    struct err *e);

/* The port actually bound (useful with port 0). */
int web_server_port(const struct web_server *s);

/* Stop accepting, let running requests finish, stop the threads, close
 * their database handles and free s. Accepts NULL. */
void web_server_stop(struct web_server *s);

#endif
