/*
 * web/page_ops.c: /healthz and /metrics, for the people who run the site.
 *
 * /metrics answers only clients on loopback unless the operator opens it
 * (web_options.metrics_public); anyone else gets the ordinary 404, so the
 * endpoint's existence is not advertised.
 */
#include "base/common.h"

#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

int
web_page_healthz(struct web_req *r)
{
	struct store *st = web_store(r);

	r->cache = WEB_CACHE_NONE;
	r->content_type = "text/plain; charset=utf-8";
	if (st == NULL) {
		r->status = 503;
		return buf_puts(&r->body, "unavailable\n");
	}
	return buf_puts(&r->body, "ok\n");
}

int
web_page_metrics(struct web_req *r)
{
	struct store *st;
	struct err e = { 0 };
	int64_t n = 0;
	int rc;

	if (!r->loopback && !(r->opt && r->opt->metrics_public))
		return ERR_NOTFOUND;
	r->cache = WEB_CACHE_NONE;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	if (r->metrics && (rc = web_metrics_write(r->metrics, &r->body)) != 0)
		return rc;
	st = web_store(r);
	if (st != NULL && store_article_count(st, &n, &e) == 0)
		return buf_printf(&r->body, "# HELP tidings_articles_stored "
		    "Articles in the database.\n"
		    "# TYPE tidings_articles_stored gauge\n"
		    "tidings_articles_stored %lld\n", (long long)n);
	return 0;
}
