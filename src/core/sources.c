/*
 * core/sources.c: source discovery and addition (see sources.h).
 */
#include "base/common.h"

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/url.h"
#include "core/config.h"
#include "core/sources.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "html/html.h"
#include "store/store.h"

/* Paths sites commonly publish feeds at, tried when a page names none. */
static const char *const common_paths[] = {
	"/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
	"/feed.json", "/feeds/posts/default", "/?feed=rss2",
};

/* Pages probed for links are small; do not hold more than this. */
#define SOURCES_MAX_PAGE ((size_t)4 << 20)
#define SOURCES_MAX_CANDIDATES 16

void
sources_added_release(struct sources_added *a)
{
	FREE_NULL(a->url);
	FREE_NULL(a->title);
}

char *
sources_input_to_url(const char *input)
{
	char real[PATH_MAX];
	struct buf b = BUF_INIT;
	struct stat st;
	const char *p;

	if (strstr(input, "://") != NULL || stat(input, &st) != 0 ||
	    realpath(input, real) == NULL)
		return strdup(input);
	if (buf_puts(&b, "file://") != 0)
		return NULL;
	for (p = real; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int rc;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("/-._~", c))
			rc = buf_putc(&b, c);
		else
			rc = buf_printf(&b, "%%%02X", c);
		if (rc != 0) {
			buf_release(&b);
			return NULL;
		}
	}
	return buf_detach(&b);
}

static void
fetch_config_from(const struct config *cfg, struct fetch_config *fc)
{
	fetch_config_defaults(fc);
	fc->timeout_ms = (long)cfg->fetch_timeout * 1000;
	fc->max_body = (size_t)cfg->fetch_max_body;
	fc->max_redirects = (int)cfg->fetch_max_redirects;
	fc->allow_private = cfg->fetch_allow_private;
	fc->allow_file = true;
	fc->user_agent = cfg->fetch_user_agent;
}

static int
count_item(void *ctx, struct item *it)
{
	(*(size_t *)ctx)++;
	item_free(it);
	return 0;
}

/* Fetch url; if it is a feed, say so with its final URL and title. If it
 * is an HTML page, return ERR_NOTFEED and leave the page in *page. */
static int
probe(const struct config *cfg, const char *url, char **feed_url,
    char **title, char **page, size_t *page_len, char **page_url,
    struct err *e)
{
	struct fetch_config fc;
	struct fetch_request req = { 0 };
	struct fetch_result res;
	struct feed_opts fo = { 0 };
	size_t items = 0;
	struct feed_sink sink = { &items, count_item };
	struct feed feed;
	char *body = NULL;
	size_t len = 0;
	int rc;

	fetch_config_from(cfg, &fc);
	req.url = url;
	memset(&res, 0, sizeof(res));
	feed_init(&feed);
	rc = fetch_one(&fc, &req, &res);
	if (rc == 0 && res.code != 0)
		rc = res.code;
	if (rc != 0) {
		err_set(e, rc, "%s: %s", url, res.error[0] ? res.error
		    : err_name(rc));
		goto out;
	}
	if (res.status != 200) {
		rc = err_set(e, ERR_HTTP, "%s: HTTP %ld", url, res.status);
		if (e)
			e->http_status = (int)res.status;
		goto out;
	}
	rc = fetch_body_slurp(res.body, (size_t)cfg->fetch_max_body, &body,
	    &len);
	if (rc != 0) {
		err_set(e, rc, "%s: cannot read the response", url);
		goto out;
	}
	fo.base_url = res.final_url ? res.final_url : url;
	fo.charset = res.charset;
	fo.max_items = (size_t)cfg->feed_max_items;
	rc = feed_parse_buffer(body, len, &fo, &sink, &feed, e);
	if (rc == 0) {
		*feed_url = strdup(res.moved_to ? res.moved_to
		    : res.final_url ? res.final_url : url);
		*title = feed.title ? strdup(feed.title) : NULL;
		if (*feed_url == NULL)
			rc = err_set(e, ERR_NOMEM, "out of memory");
	} else if (page && html_sniff(body, len) && len <= SOURCES_MAX_PAGE) {
		*page = body;
		*page_len = len;
		*page_url = strdup(res.final_url ? res.final_url : url);
		body = NULL;
		rc = ERR_NOTFEED;
	} else if (rc == ERR_NOTFEED || rc == ERR_PARSE) {
		rc = err_set(e, ERR_NOTFEED, "%s: not a feed (%s)", url,
		    e && e->msg[0] ? e->msg : "unrecognised content");
	}
out:
	free(body);
	feed_release(&feed);
	fetch_result_release(&res);
	return rc;
}

struct candidates {
	char *urls[SOURCES_MAX_CANDIDATES];
	size_t n;
};

static void
add_candidate(void *ctx, const char *url, const char *type,
    const char *title)
{
	struct candidates *c = ctx;

	UNUSED(type);
	UNUSED(title);
	if (c->n < ARRAY_LEN(c->urls) && (c->urls[c->n] = strdup(url)))
		c->n++;
}

static int
discover(const struct config *cfg, const char *url, char **feed_url,
    char **title, struct err *e)
{
	struct candidates c = { { 0 }, 0 };
	char *page = NULL, *page_url = NULL;
	size_t page_len = 0, i;
	struct err first = { 0 };
	int rc;

	rc = probe(cfg, url, feed_url, title, &page, &page_len, &page_url, e);
	if (rc != ERR_NOTFEED || page == NULL)
		goto out;
	html_find_feed_links(page, page_len, page_url, add_candidate, &c);
	for (i = 0; i < ARRAY_LEN(common_paths) && c.n < ARRAY_LEN(c.urls);
	    i++) {
		struct buf b = BUF_INIT;

		if (url_resolve(page_url, common_paths[i], &b) == 0)
			add_candidate(&c, buf_cstr(&b), NULL, NULL);
		buf_release(&b);
	}
	rc = ERR_NOTFEED;
	for (i = 0; i < c.n; i++) {
		struct err ce = { 0 };

		if (!url_is_fetchable(c.urls[i], false) &&
		    strncmp(page_url, "file:", 5) != 0)
			continue;
		rc = probe(cfg, c.urls[i], feed_url, title, NULL, NULL, NULL,
		    &ce);
		if (rc == 0)
			break;
		if (first.code == 0)
			first = ce;
	}
	if (rc != 0)
		rc = err_set(e, ERR_NOTFEED, "%s is a web page that names no "
		    "working feed (tried %zu candidate URLs)", url, c.n);
out:
	for (i = 0; i < c.n; i++)
		free(c.urls[i]);
	free(page);
	free(page_url);
	return rc;
}

int
sources_add(struct store *s, const struct config *cfg, const char *input,
    const char *group, struct sources_added *out, struct err *e)
{
	char *url = NULL, *feed_url = NULL, *title = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((url = sources_input_to_url(input)) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	if (!url_is_fetchable(url, true)) {
		rc = err_set(e, ERR_INVAL, "%s: not an http(s) URL or a "
		    "readable file", input);
		goto out;
	}
	if ((rc = discover(cfg, url, &feed_url, &title, e)) != 0)
		goto out;
	rc = store_source_add(s, feed_url, title, group, &out->id, e);
	if (rc == ERR_EXISTS) {
		out->existed = true;
		rc = 0;
	}
	if (rc == 0) {
		out->url = feed_url;
		out->title = title;
		feed_url = title = NULL;
	}
out:
	free(url);
	free(feed_url);
	free(title);
	return rc;
}
