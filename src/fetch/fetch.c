/*
 * fetch/fetch.c: many HTTP(S) and file:// transfers at once on one libcurl
 * multi handle, driven from the caller's thread.
 *
 * A request becomes a job; each redirect hop of a job is a separate curl
 * transfer, because this module, not curl, follows redirects: each hop
 * gets the scheme check and (through the open-socket callback) the
 * private-address check, and the chain is classified as permanent or not.
 *
 * Queueing is our own rather than CURLMOPT_MAX_HOST_CONNECTIONS: curl's
 * limit would keep every waiting transfer attached to the multi handle,
 * where its timeout runs while it waits, and it serves hosts in whatever
 * order transfers were added. Here a job only becomes a transfer when both
 * the global and its host's slot are free, the pending list is scanned in
 * FIFO order skipping busy hosts (so one host with a thousand feeds cannot
 * starve the others), and redirect hops go to the front of the line.
 *
 * Proxies from the environment are ignored on purpose: through a proxy the
 * address check would see only the proxy, and the policy would be void.
 */
#include "base/common.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "fetch/fetch.h"
#include "fetch/fetch_int.h"

/* How long one wait for socket activity may last, so a stop request is
 * noticed quickly even when every transfer is idle. */
#define FETCH_POLL_MS 100
/* Upper bound on connecting, within the whole-transfer timeout. */
#define FETCH_CONNECT_TIMEOUT_MS 10000L
/* A transfer that moves less than FETCH_STALL_BYTES per second for
 * FETCH_STALL_SECONDS is abandoned even when its timeout is longer. */
#define FETCH_STALL_BYTES 1L
#define FETCH_STALL_SECONDS 30L
#define FETCH_DEFAULT_USER_AGENT "tidings/0.1 (+feed reader)"

static const char fetch_accept[] = "Accept: application/atom+xml, "
    "application/rss+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.8";

struct fetch_job {
	struct fetch_job *next;    /* in the pending or the active list */
	struct fetcher *f;
	struct fetch_request req;  /* our copies of the caller's strings */
	char *url;                 /* the current hop */
	char *host;                /* per-host key; NULL for file:// */
	bool is_file;
	int hops;
	bool all_permanent;
	int prep_err;              /* the URL was refused before starting */
	char prep_msg[256];
	/* per hop */
	CURL *easy;
	struct curl_slist *hdrs;
	struct fetch_headers head;
	struct fetch_body *body;
	size_t received;           /* decoded bytes of this hop */
	bool toobig;
	bool denied;
	int local_err;             /* ERR_NOMEM or ERR_IO inside a callback */
	char denied_addr[64];
	char errbuf[CURL_ERROR_SIZE];
};

struct host_slot {
	char *host;
	int active;
};

struct fetcher {
	struct fetch_config cfg;
	CURLM *multi;
	struct fetch_job *pend_head, *pend_tail;
	struct fetch_job *active_head;
	int active;
	struct host_slot *hosts;   /* max_total slots; host NULL when free */
	fetch_addr_filter_fn filter;
	void *filter_ctx;
	fetch_done_fn done;
	void *done_ctx;
	bool stopped_any;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void
curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
fetch_config_defaults(struct fetch_config *c)
{
	memset(c, 0, sizeof(*c));
	c->timeout_ms = FETCH_DEFAULT_TIMEOUT_MS;
	c->max_body = FETCH_DEFAULT_MAX_BODY;
	c->max_redirects = FETCH_DEFAULT_MAX_REDIRECTS;
	c->max_total = FETCH_DEFAULT_MAX_TOTAL;
	c->max_per_host = FETCH_DEFAULT_MAX_PER_HOST;
	c->allow_private = false;
	c->allow_file = true;
	c->spill_bytes = FETCH_DEFAULT_SPILL_BYTES;
	c->user_agent = FETCH_DEFAULT_USER_AGENT;
}

/* ---- results ---- */

static void
result_init(struct fetch_result *r)
{
	memset(r, 0, sizeof(*r));
	r->max_age = -1;
}

void
fetch_result_release(struct fetch_result *res)
{
	if (res == NULL)
		return;
	free(res->final_url);
	free(res->moved_to);
	free(res->etag);
	free(res->last_modified);
	free(res->content_type);
	free(res->charset);
	fetch_body_free(res->body);
	result_init(res);
}

/* ---- jobs ---- */

static void
job_reset_hop(struct fetch_job *j)
{
	if (j->easy) {
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
	}
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	fetch_headers_release(&j->head);
	fetch_body_free(j->body);
	j->body = NULL;
	j->received = 0;
	j->toobig = false;
	j->denied = false;
	j->local_err = 0;
	j->denied_addr[0] = '\0';
	j->errbuf[0] = '\0';
}

static void
job_free(struct fetch_job *j)
{
	if (j == NULL)
		return;
	job_reset_hop(j);
	free((char *)j->req.url);
	free((char *)j->req.etag);
	free((char *)j->req.last_modified);
	free(j->url);
	free(j->host);
	free(j);
}

static void
job_refuse(struct fetch_job *j, int code, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

static void
job_refuse(struct fetch_job *j, int code, const char *fmt, ...)
{
	va_list ap;

	j->prep_err = code;
	va_start(ap, fmt);
	vsnprintf(j->prep_msg, sizeof(j->prep_msg), fmt, ap);
	va_end(ap);
}

/* Check the current hop's URL and find its host key. A refusal is kept in
 * the job and reported when the scheduler reaches it, so that every
 * outcome goes through the done callback. Returns ERR_NOMEM only. */
static int
job_prepare(struct fetch_job *j)
{
	CURLU *u = NULL;
	char *scheme = NULL, *host = NULL;
	int rc = 0;

	FREE_NULL(j->host);
	j->is_file = false;
	j->prep_err = 0;
	if (strlen(j->url) > FETCH_MAX_URL) {
		job_refuse(j, ERR_INVAL, "URL longer than %d bytes",
		    FETCH_MAX_URL);
		return 0;
	}
	if ((u = curl_url()) == NULL)
		return ERR_NOMEM;
	if (curl_url_set(u, CURLUPART_URL, j->url,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		job_refuse(j, ERR_INVAL, "not an absolute URL: %.200s",
		    j->url);
		goto out;
	}
	if (strcmp(scheme, "file") == 0) {
		if (j->hops > 0)
			job_refuse(j, ERR_DENIED,
			    "refusing redirect to a file: URL");
		else if (!j->f->cfg.allow_file)
			job_refuse(j, ERR_DENIED,
			    "file: URLs are not allowed here");
		j->is_file = true;
		goto out;
	}
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		if (j->hops > 0)
			job_refuse(j, ERR_DENIED, "refusing redirect to a "
			    "%.20s: URL (only http and https)", scheme);
		else
			job_refuse(j, ERR_DENIED, "refusing %.20s: URL (only "
			    "http, https and file)", scheme);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    host[0] == '\0') {
		job_refuse(j, ERR_INVAL, "no host in URL: %.200s", j->url);
		goto out;
	}
	if ((j->host = strdup(host)) == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (char *p = j->host; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
out:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

static void
pending_push_back(struct fetcher *f, struct fetch_job *j)
{
	j->next = NULL;
	if (f->pend_tail)
		f->pend_tail->next = j;
	else
		f->pend_head = j;
	f->pend_tail = j;
}

static void
pending_push_front(struct fetcher *f, struct fetch_job *j)
{
	j->next = f->pend_head;
	f->pend_head = j;
	if (f->pend_tail == NULL)
		f->pend_tail = j;
}

static void
pending_unlink(struct fetcher *f, struct fetch_job *prev,
    struct fetch_job *j)
{
	if (prev)
		prev->next = j->next;
	else
		f->pend_head = j->next;
	if (f->pend_tail == j)
		f->pend_tail = prev;
	j->next = NULL;
}

static void
active_unlink(struct fetcher *f, struct fetch_job *j)
{
	struct fetch_job **pp;

	for (pp = &f->active_head; *pp; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	j->next = NULL;
}

/* ---- per-host slots ---- */

static struct host_slot *
host_find(struct fetcher *f, const char *host)
{
	int i;

	for (i = 0; i < f->cfg.max_total; i++)
		if (f->hosts[i].host && strcmp(f->hosts[i].host, host) == 0)
			return &f->hosts[i];
	return NULL;
}

static bool
host_busy(struct fetcher *f, const char *host)
{
	struct host_slot *s;

	if (host == NULL)
		return false;
	s = host_find(f, host);
	return s != NULL && s->active >= f->cfg.max_per_host;
}

static void
host_take(struct fetcher *f, const char *host)
{
	struct host_slot *s;
	int i;

	if (host == NULL)
		return;
	if ((s = host_find(f, host)) != NULL) {
		s->active++;
		return;
	}
	/* A free slot always exists: at most max_total transfers run, and
	 * each holds at most one slot. The slot borrows the job's string
	 * only while that job is active, so it takes a reference, not a
	 * copy: the first job of the host owns the name. */
	for (i = 0; i < f->cfg.max_total; i++)
		if (f->hosts[i].host == NULL) {
			f->hosts[i].host = (char *)host;
			f->hosts[i].active = 1;
			return;
		}
}

static void
host_give(struct fetcher *f, struct fetch_job *j)
{
	struct host_slot *s;
	struct fetch_job *o;

	if (j->host == NULL || (s = host_find(f, j->host)) == NULL)
		return;
	if (--s->active == 0) {
		s->host = NULL;
		return;
	}
	/* The name may belong to j, which is about to change or go away:
	 * re-point the slot at another active job of the same host. */
	if (s->host == j->host)
		for (o = f->active_head; o; o = o->next)
			if (o != j && o->host && strcmp(o->host, j->host) == 0) {
				s->host = o->host;
				break;
			}
}

/* ---- completion ---- */

/* Hand the outcome of j to the done callback and free j. */
static void
job_finish(struct fetcher *f, struct fetch_job *j, int code,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static void
job_finish(struct fetcher *f, struct fetch_job *j, int code,
    const char *fmt, ...)
{
	struct fetch_result res;
	va_list ap;

	result_init(&res);
	res.code = code;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(res.error, sizeof(res.error), fmt, ap);
		va_end(ap);
	}
	res.final_url = strdup(j->url);
	if (code == 0) {
		res.status = j->is_file ? 200 : j->head.status;
		res.etag = j->head.etag;
		res.last_modified = j->head.last_modified;
		res.content_type = j->head.content_type;
		res.charset = j->head.charset;
		j->head.etag = j->head.last_modified = NULL;
		j->head.content_type = j->head.charset = NULL;
		res.retry_after = j->head.retry_after;
		res.max_age = j->head.max_age;
		res.expires = j->head.expires;
		if (res.status != 304 && j->body && fetch_body_size(j->body))
			res.body = j->body;
		else
			fetch_body_free(j->body);
		j->body = NULL;
		if (j->hops > 0 && j->all_permanent)
			res.moved_to = strdup(j->url);
	} else {
		res.status = j->head.status;
	}
	if (code == 0)
		log_debug("fetch %s: status %ld, %zu bytes", j->url,
		    res.status, fetch_body_size(res.body));
	else
		log_debug("fetch %s: %s", j->url, res.error);
	if (f->done)
		f->done(f->done_ctx, &j->req, &res);
	else
		fetch_result_release(&res);
	job_free(j);
}

static bool
is_redirect(long status)
{
	return status == 301 || status == 302 || status == 303 ||
	    status == 307 || status == 308;
}

/* Why a file: URL could not be read: missing (ERR_NOTFOUND) or
 * unreadable (ERR_IO). */
static int
file_error(const char *url, char *msg, size_t size)
{
	CURLU *u = curl_url();
	char *path = NULL;
	int e = 0, fd, code;

	if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE)) {
		curl_url_cleanup(u);
		snprintf(msg, size, "cannot read %.200s", url);
		return ERR_IO;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		e = errno;
	else
		close(fd);
	if (e == ENOENT || e == ENOTDIR) {
		code = ERR_NOTFOUND;
		snprintf(msg, size, "no such file: %.200s", path);
	} else {
		code = ERR_IO;
		snprintf(msg, size, "cannot read %.200s%s%s", path,
		    e ? ": " : "", e ? strerror(e) : "");
	}
	curl_free(path);
	curl_url_cleanup(u);
	return code;
}

static const char *
curl_text(struct fetch_job *j, CURLcode rc)
{
	return j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc);
}

/* Map a finished hop to an error code and message; 0 when a response
 * arrived. */
static int
hop_error(struct fetcher *f, struct fetch_job *j, CURLcode rc, char *msg,
    size_t size)
{
	size_t cap = f->cfg.max_body;
	bool mib = cap >= ((size_t)1 << 20) && cap % ((size_t)1 << 20) == 0;

	if (j->local_err == ERR_NOMEM) {
		snprintf(msg, size, "out of memory");
		return ERR_NOMEM;
	}
	if (j->local_err) {
		snprintf(msg, size, "cannot write the body to a temporary "
		    "file");
		return ERR_IO;
	}
	if (j->toobig) {
		snprintf(msg, size, "body larger than %zu %s",
		    mib ? cap >> 20 : cap, mib ? "MiB" : "bytes");
		return ERR_TOOBIG;
	}
	if (j->denied && rc != CURLE_OK) {
		snprintf(msg, size, "refusing private address %s (set "
		    "fetch.allow_private to allow)", j->denied_addr);
		return ERR_DENIED;
	}
	switch (rc) {
	case CURLE_OK:
		return 0;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(msg, size, "timed out: %.200s", curl_text(j, rc));
		return ERR_TIMEOUT;
	case CURLE_FILE_COULDNT_READ_FILE:
	case CURLE_READ_ERROR:
		if (j->is_file)
			return file_error(j->url, msg, size);
		break;
	case CURLE_OUT_OF_MEMORY:
		snprintf(msg, size, "out of memory");
		return ERR_NOMEM;
	case CURLE_URL_MALFORMAT:
		snprintf(msg, size, "bad URL: %.200s", curl_text(j, rc));
		return ERR_INVAL;
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(msg, size, "%s", curl_text(j, rc));
		return ERR_DENIED;
	default:
		break;
	}
	snprintf(msg, size, "%s", curl_text(j, rc));
	return ERR_NET;
}

/* One hop ended: finish the job, or queue its next hop. */
static void
hop_done(struct fetcher *f, struct fetch_job *j, CURLcode rc)
{
	char msg[256], *next = NULL, *loc = NULL;
	long status = 0;
	int code;

	curl_multi_remove_handle(f->multi, j->easy);
	host_give(f, j);
	active_unlink(f, j);
	f->active--;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status > 0)
		j->head.status = status;
	msg[0] = '\0';
	code = hop_error(f, j, rc, msg, sizeof(msg));
	if (code == 0 && !j->is_file && is_redirect(j->head.status) &&
	    curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_URL, &loc) ==
	    CURLE_OK && loc != NULL) {
		if (j->hops >= f->cfg.max_redirects) {
			code = ERR_TOOBIG;
			snprintf(msg, sizeof(msg), "too many redirects (more "
			    "than %d)", f->cfg.max_redirects);
		} else if ((next = strdup(loc)) == NULL) {
			code = ERR_NOMEM;
			snprintf(msg, sizeof(msg), "out of memory");
		}
	}
	if (next == NULL) {
		job_finish(f, j, code, "%s", msg);
		return;
	}
	if (j->head.status != 301 && j->head.status != 308)
		j->all_permanent = false;
	log_debug("fetch %s: %ld to %s", j->url, j->head.status, next);
	job_reset_hop(j);
	free(j->url);
	j->url = next;
	j->hops++;
	if (job_prepare(j) != 0) {
		job_finish(f, j, ERR_NOMEM, "out of memory");
		return;
	}
	pending_push_front(f, j);
}

/* ---- curl callbacks ---- */

static size_t
on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	struct fetch_job *j = ud;
	size_t n = size * nmemb;
	int rc;

	if (n > j->f->cfg.max_body - j->received) {
		j->toobig = true;
		return 0;
	}
	j->received += n;
	if (j->head.status == 304 || n == 0)
		return n;
	if (j->body == NULL &&
	    (j->body = fetch_body_new(j->f->cfg.spill_bytes)) == NULL) {
		j->local_err = ERR_NOMEM;
		return 0;
	}
	if ((rc = fetch_body_append(j->body, data, n)) != 0) {
		j->local_err = rc;
		return 0;
	}
	return n;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *ud)
{
	struct fetch_job *j = ud;
	size_t n = size * nmemb;

	if (fetch_headers_line(&j->head, data, n, clock_now()) != 0) {
		j->local_err = ERR_NOMEM;
		return 0;
	}
	/* Refuse before reading: a declared length over the cap is enough. */
	if (j->head.content_length >= 0 &&
	    (uint64_t)j->head.content_length > (uint64_t)j->f->cfg.max_body) {
		j->toobig = true;
		return 0;
	}
	return n;
}

static curl_socket_t
on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct fetch_job *j = ud;
	struct fetcher *f = j->f;
	struct sockaddr_storage ss;
	const struct sockaddr *sa = (const struct sockaddr *)&ss;
	bool refuse;
	size_t len = addr->addrlen;

	memset(&ss, 0, sizeof(ss));
	if (len > sizeof(ss))
		len = sizeof(ss);
	/* curl's structure ends in a struct sockaddr that is really larger
	 * storage; copy the declared length out before looking at it. */
	memcpy(&ss, &addr->addr, len);
	if (purpose == CURLSOCKTYPE_IPCXN) {
		refuse = f->filter ? f->filter(f->filter_ctx, sa) :
		    fetch_addr_is_private(sa);
		if (refuse) {
			j->denied = true;
			fetch_addr_format(sa, j->denied_addr,
			    sizeof(j->denied_addr));
			return CURL_SOCKET_BAD;
		}
	}
	return socket(addr->family, addr->socktype | SOCK_CLOEXEC,
	    addr->protocol);
}

/* ---- starting transfers ---- */

/* A validator goes into a header line only when it cannot smuggle in a
 * header of its own. */
static bool
header_safe(const char *v)
{
	return v != NULL && v[0] != '\0' && strlen(v) <= FETCH_MAX_HEADER_VALUE
	    && strpbrk(v, "\r\n") == NULL;
}

static int
add_header(struct curl_slist **list, const char *name, const char *value)
{
	struct curl_slist *l;
	size_t n = strlen(name) + strlen(value) + 3;
	char *line = malloc(n);

	if (line == NULL)
		return ERR_NOMEM;
	snprintf(line, n, "%s: %s", name, value);
	l = curl_slist_append(*list, line);
	free(line);
	if (l == NULL)
		return ERR_NOMEM;
	*list = l;
	return 0;
}

static int
job_start(struct fetcher *f, struct fetch_job *j)
{
	const struct fetch_config *c = &f->cfg;
	struct curl_slist *l;
	CURL *e;
	CURLcode rc = CURLE_OK;

	if ((e = curl_easy_init()) == NULL)
		return ERR_NOMEM;
	j->easy = e;
	if ((l = curl_slist_append(NULL, fetch_accept)) == NULL)
		return ERR_NOMEM;
	j->hdrs = l;
	if (header_safe(j->req.etag) &&
	    add_header(&j->hdrs, "If-None-Match", j->req.etag) != 0)
		return ERR_NOMEM;
	if (header_safe(j->req.last_modified) &&
	    add_header(&j->hdrs, "If-Modified-Since", j->req.last_modified))
		return ERR_NOMEM;

#define SET(opt, val) do { \
	if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); \
} while (0)
	SET(CURLOPT_URL, j->url);
	SET(CURLOPT_PRIVATE, (void *)j);
	SET(CURLOPT_ERRORBUFFER, j->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, j->is_file ? "file" : "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_PROXY, "");
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, j);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, j);
	SET(CURLOPT_TIMEOUT_MS, c->timeout_ms);
	SET(CURLOPT_CONNECTTIMEOUT_MS, c->timeout_ms < FETCH_CONNECT_TIMEOUT_MS
	    ? c->timeout_ms : FETCH_CONNECT_TIMEOUT_MS);
	SET(CURLOPT_LOW_SPEED_LIMIT, FETCH_STALL_BYTES);
	SET(CURLOPT_LOW_SPEED_TIME, FETCH_STALL_SECONDS);
	SET(CURLOPT_USERAGENT, c->user_agent);
	SET(CURLOPT_HTTPHEADER, j->hdrs);
	if (!c->allow_private) {
		SET(CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
		SET(CURLOPT_OPENSOCKETDATA, j);
	}
#undef SET
	if (rc != CURLE_OK)
		return rc == CURLE_OUT_OF_MEMORY ? ERR_NOMEM : ERR_INVAL;
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
		return ERR_NOMEM;
	j->next = f->active_head;
	f->active_head = j;
	f->active++;
	host_take(f, j->host);
	return 0;
}

/* Start as many pending jobs as the limits allow, oldest first, skipping
 * jobs whose host is at its limit. */
static void
start_pending(struct fetcher *f)
{
	struct fetch_job *prev = NULL, *j = f->pend_head;

	while (j && f->active < f->cfg.max_total) {
		int rc;

		if (!j->prep_err && host_busy(f, j->host)) {
			prev = j;
			j = j->next;
			continue;
		}
		pending_unlink(f, prev, j);
		if (j->prep_err)
			job_finish(f, j, j->prep_err, "%s", j->prep_msg);
		else if ((rc = job_start(f, j)) != 0) {
			job_reset_hop(j);
			job_finish(f, j, rc, "cannot start the transfer: %s",
			    err_name(rc));
		}
		/* done may have appended jobs; the list after prev is
		 * still intact. */
		j = prev ? prev->next : f->pend_head;
	}
}

static void
cancel_pending(struct fetcher *f)
{
	struct fetch_job *j;

	while ((j = f->pend_head) != NULL) {
		pending_unlink(f, NULL, j);
		f->stopped_any = true;
		job_finish(f, j, ERR_STOPPED,
		    "stopped before the transfer started");
	}
}

static int
drain_done(struct fetcher *f)
{
	CURLMsg *m;
	int left, n = 0;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		void *p = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &p);
		if (p == NULL)
			continue;
		/* m is invalid once the handle is removed. */
		hop_done(f, p, m->data.result);
		n++;
	}
	return n;
}

/* The multi handle failed as a whole: end every transfer. */
static void
abort_active(struct fetcher *f, CURLMcode mc)
{
	struct fetch_job *j;

	while ((j = f->active_head) != NULL) {
		curl_multi_remove_handle(f->multi, j->easy);
		host_give(f, j);
		active_unlink(f, j);
		f->active--;
		job_finish(f, j, ERR_NET, "%s", curl_multi_strerror(mc));
	}
}

/* ---- public API ---- */

struct fetcher *
fetcher_new(const struct fetch_config *config)
{
	struct fetcher *f;
	struct fetch_config *c;

	pthread_once(&curl_once, curl_init_once);
	if (curl_init_rc != CURLE_OK)
		return NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	if (config)
		f->cfg = *config;
	else
		fetch_config_defaults(&f->cfg);
	/* Zero means "not set" for the limits: a zeroed config still
	 * gets sane bounds rather than none. */
	c = &f->cfg;
	if (c->timeout_ms <= 0)
		c->timeout_ms = FETCH_DEFAULT_TIMEOUT_MS;
	if (c->max_body == 0)
		c->max_body = FETCH_DEFAULT_MAX_BODY;
	if (c->max_redirects < 0)
		c->max_redirects = FETCH_DEFAULT_MAX_REDIRECTS;
	if (c->max_total <= 0)
		c->max_total = FETCH_DEFAULT_MAX_TOTAL;
	if (c->max_per_host <= 0)
		c->max_per_host = FETCH_DEFAULT_MAX_PER_HOST;
	if (c->user_agent == NULL)
		c->user_agent = FETCH_DEFAULT_USER_AGENT;
	f->hosts = calloc((size_t)c->max_total, sizeof(*f->hosts));
	f->multi = curl_multi_init();
	if (f->hosts == NULL || f->multi == NULL) {
		fetcher_free(f);
		return NULL;
	}
	/* A backstop only; our own queue keeps below it. */
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)c->max_total);
	return f;
}

void
fetcher_free(struct fetcher *f)
{
	struct fetch_job *j;

	if (f == NULL)
		return;
	while ((j = f->active_head) != NULL) {
		f->active_head = j->next;
		curl_multi_remove_handle(f->multi, j->easy);
		job_free(j);
	}
	while ((j = f->pend_head) != NULL) {
		f->pend_head = j->next;
		job_free(j);
	}
	if (f->multi)
		curl_multi_cleanup(f->multi);
	free(f->hosts);
	free(f);
}

void
fetcher_set_addr_filter(struct fetcher *f, fetch_addr_filter_fn fn,
    void *ctx)
{
	f->filter = fn;
	f->filter_ctx = ctx;
}

static char *
dup_or_null(const char *s, bool *oom)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = strdup(s)) == NULL)
		*oom = true;
	return p;
}

int
fetcher_add(struct fetcher *f, const struct fetch_request *req)
{
	struct fetch_job *j;
	bool oom = false;

	if (f == NULL || req == NULL || req->url == NULL)
		return ERR_INVAL;
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return ERR_NOMEM;
	j->f = f;
	j->all_permanent = true;
	fetch_headers_init(&j->head);
	j->req.user = req->user;
	j->req.url = dup_or_null(req->url, &oom);
	j->req.etag = dup_or_null(req->etag, &oom);
	j->req.last_modified = dup_or_null(req->last_modified, &oom);
	j->url = dup_or_null(req->url, &oom);
	if (oom || job_prepare(j) != 0) {
		job_free(j);
		return ERR_NOMEM;
	}
	pending_push_back(f, j);
	return 0;
}

int
fetcher_run(struct fetcher *f, fetch_done_fn done, void *ctx,
    volatile sig_atomic_t *stop)
{
	if (f == NULL)
		return ERR_INVAL;
	f->done = done;
	f->done_ctx = ctx;
	f->stopped_any = false;
	for (;;) {
		CURLMcode mc;
		int running = 0;

		if (stop && *stop)
			cancel_pending(f);
		else
			start_pending(f);
		if (f->active == 0) {
			if (f->pend_head == NULL)
				break;
			continue;
		}
		mc = curl_multi_perform(f->multi, &running);
		if (mc != CURLM_OK) {
			abort_active(f, mc);
			continue;
		}
		if (drain_done(f) > 0)
			continue;
		mc = curl_multi_poll(f->multi, NULL, 0, FETCH_POLL_MS, NULL);
		if (mc != CURLM_OK)
			abort_active(f, mc);
	}
	f->done = NULL;
	f->done_ctx = NULL;
	return f->stopped_any ? ERR_STOPPED : 0;
}

static void
one_done(void *ctx, const struct fetch_request *req,
    struct fetch_result *res)
{
	struct fetch_result *out = ctx;

	UNUSED(req);
	*out = *res;
}

int
fetch_one(const struct fetch_config *config,
    const struct fetch_request *req, struct fetch_result *out)
{
	struct fetcher *f;
	int rc;

	result_init(out);
	out->code = ERR_NOMEM;
	if ((f = fetcher_new(config)) == NULL) {
		snprintf(out->error, sizeof(out->error), "out of memory");
		return ERR_NOMEM;
	}
	rc = fetcher_add(f, req);
	if (rc == 0)
		rc = fetcher_run(f, one_done, out, NULL);
	fetcher_free(f);
	if (rc != 0) {
		out->code = rc;
		snprintf(out->error, sizeof(out->error), "%s", err_name(rc));
		return rc;
	}
	return out->code;
}
