/*
 * web/page_front.c: the front page and the source page, both lists of the
 * newest articles paged with a keyset cursor.
 *
 * "Older" links carry ?before=TIME.ID, the (sort time, id) of the last item
 * shown, and the store continues strictly after it. Unlike OFFSET, a page
 * costs the same however deep the reader goes, and items do not shift
 * between pages when new articles arrive.
 */
#include "base/common.h"

#include "base/str.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_PAGE_ITEMS 30

int
web_cursor_parse(const char *s, int64_t *time, int64_t *id)
{
	const char *dot;

	*time = 0;
	*id = 0;
	if (s == NULL)
		return 0;
	dot = strchr(s, '.');
	if (dot == NULL || strlen(s) > 40 ||
	    str_to_i64((struct str){ s, (size_t)(dot - s) }, 1,
	    INT64_MAX / 2, time) != 0 ||
	    str_to_i64(str_from(dot + 1), 1, INT64_MAX, id) != 0)
		return ERR_INVAL;
	return 0;
}

struct list_ctx {
	struct web_req *r;
	size_t shown;
};

static int
list_one(void *ctx, const struct store_article *a)
{
	struct list_ctx *c = ctx;
	int rc;

	if (c->shown == 0 && (rc = WEB_LIT(&c->r->body,
	    "<ol class=\"list\">\n")) != 0)
		return rc;
	if ((rc = web_article_item(c->r, a, false, 2)) != 0)
		return rc;
	c->shown++;
	return 0;
}

int
web_list_articles(struct web_req *r, int64_t source_id,
    const char *base_path, const char *empty)
{
	struct web_filter f = { 0 };
	struct web_walk w;
	struct list_ctx c = { r, 0 };
	int rc;

	if ((rc = web_cursor_parse(web_arg(r, "before"), &f.before_time,
	    &f.before_id)) != 0)
		return web_req_fail(r, "the link to older articles is "
		    "damaged");
	f.source_id = source_id;
	f.limit = WEB_PAGE_ITEMS;
	if ((rc = web_filter_walk(r, &f, list_one, &c, &w)) != 0)
		return rc;
	if (c.shown == 0) {
		if ((rc = WEB_LIT(&r->body, "<p class=\"empty\">")) != 0 ||
		    (rc = web_html_text(&r->body, f.before_time ?
		    "There are no older articles." : empty)) != 0)
			return rc;
		return WEB_LIT(&r->body, "</p>\n");
	}
	if ((rc = WEB_LIT(&r->body, "</ol>\n")) != 0)
		return rc;
	if (w.more) {
		if ((rc = WEB_LIT(&r->body, "<nav class=\"pager\" "
		    "aria-label=\"More articles\"><a rel=\"next\" href=\"")) != 0
		    || (rc = web_html_url(&r->body, base_path)) != 0 ||
		    (rc = buf_printf(&r->body, "?before=%lld.%lld",
		    (long long)w.last_time, (long long)w.last_id)) != 0 ||
		    (rc = WEB_LIT(&r->body, "\">Older articles</a></nav>\n"))
		    != 0)
			return rc;
	}
	if (w.newest_update > r->last_modified)
		r->last_modified = w.newest_update;
	return 0;
}

int
web_page_front(struct web_req *r)
{
	struct web_page page = { 0 };
	bool deeper = web_arg(r, "before") != NULL;
	int rc;

	page.title = deeper ? "Older articles" : NULL;
	page.noindex = deeper;
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(&r->body, "<h1>Latest news</h1>\n")) != 0 ||
	    (rc = web_list_articles(r, 0, "/", "Nothing here yet: add a "
	    "source with \xe2\x80\x9ctidings source add URL\xe2\x80\x9d and "
	    "fetch it.")) != 0)
		return rc;
	return web_page_end(r);
}

static int
fact(struct buf *b, const char *name)
{
	int rc;

	if ((rc = WEB_LIT(b, "<dt>")) != 0 ||
	    (rc = web_html_text(b, name)) != 0)
		return rc;
	return WEB_LIT(b, "</dt><dd>");
}

static int
fact_link(struct buf *b, const char *name, const char *url)
{
	int rc;

	if (url == NULL || *url == '\0')
		return 0;
	/* A URL no reader may follow is shown as text, not as a dead link. */
	if (!web_html_url_ok(url)) {
		if ((rc = fact(b, name)) != 0 ||
		    (rc = web_html_text(b, url)) != 0)
			return rc;
		return WEB_LIT(b, "</dd>\n");
	}
	if ((rc = fact(b, name)) != 0 ||
	    (rc = WEB_LIT(b, "<a href=\"")) != 0 ||
	    (rc = web_html_url(b, url)) != 0 ||
	    (rc = WEB_LIT(b, "\" rel=\"noopener noreferrer\">")) != 0 ||
	    (rc = web_html_text(b, url)) != 0)
		return rc;
	return WEB_LIT(b, "</a></dd>\n");
}

static int
fact_time(struct web_req *r, const char *name, int64_t t)
{
	int rc;

	if ((rc = fact(&r->body, name)) != 0)
		return rc;
	rc = t > 0 ? web_time_html(&r->body, t, r->now)
	    : WEB_LIT(&r->body, "never");
	return rc ? rc : WEB_LIT(&r->body, "</dd>\n");
}

static int
source_facts(struct web_req *r, const struct store_source *s)
{
	struct buf *b = &r->body;
	const char *status;
	int rc;

	if (s->disabled)
		status = "disabled after a permanent error";
	else if (s->paused)
		status = "paused";
	else if (s->fail_count > 0)
		status = "failing";
	else if (s->last_success > 0)
		status = "fetching normally";
	else
		status = "not fetched yet";
	if ((rc = WEB_LIT(b, "<dl class=\"facts\">\n")) != 0 ||
	    (rc = fact_link(b, "Website", s->site_url)) != 0 ||
	    (rc = fact_link(b, "Feed", s->url)) != 0 ||
	    (rc = fact(b, "Articles")) != 0 ||
	    (rc = web_html_int(b, s->article_count)) != 0 ||
	    (rc = WEB_LIT(b, "</dd>\n")) != 0 ||
	    (rc = fact(b, "Status")) != 0 ||
	    (rc = web_html_text(b, status)) != 0)
		return rc;
	if (s->fail_count > 0 && (rc = buf_printf(b, " (%d failure%s in a "
	    "row)", s->fail_count, s->fail_count == 1 ? "" : "s")) != 0)
		return rc;
	if ((rc = WEB_LIT(b, "</dd>\n")) != 0 ||
	    (rc = fact_time(r, "Last fetched", s->last_fetch)) != 0 ||
	    (rc = fact_time(r, "Last success", s->last_success)) != 0)
		return rc;
	if (s->last_status > 0 && ((rc = fact(b, "Last HTTP status")) != 0 ||
	    (rc = web_html_int(b, s->last_status)) != 0 ||
	    (rc = WEB_LIT(b, "</dd>\n")) != 0))
		return rc;
	if (s->last_error && *s->last_error && ((rc = fact(b, "Last error"))
	    != 0 || (rc = WEB_LIT(b, "<span class=\"bad\">")) != 0 ||
	    (rc = web_html_text(b, s->last_error)) != 0 ||
	    (rc = WEB_LIT(b, "</span></dd>\n")) != 0))
		return rc;
	return WEB_LIT(b, "</dl>\n");
}

int
web_page_source(struct web_req *r)
{
	struct store_source src;
	struct web_page page = { 0 };
	struct err e = { 0 };
	struct store *st;
	struct buf base = BUF_INIT;
	const char *name;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	memset(&src, 0, sizeof(src));
	if ((rc = store_source_get(st, r->id, &src, &e)) != 0)
		return rc;
	name = src.title && *src.title ? src.title : src.url;
	page.title = name;
	page.noindex = web_arg(r, "before") != NULL;
	buf_init(&base, 64);
	if ((rc = buf_printf(&base, "/source/%lld", (long long)src.id)) != 0)
		goto out;
	page.feed = buf_cstr(&base);
	if ((rc = web_page_begin(r, &page)) == 0 &&
	    (rc = WEB_LIT(&r->body, "<h1>")) == 0 &&
	    (rc = web_html_text(&r->body, name)) == 0 &&
	    (rc = WEB_LIT(&r->body, "</h1>\n")) == 0 &&
	    (rc = source_facts(r, &src)) == 0 &&
	    (rc = WEB_LIT(&r->body, "<h2>Articles</h2>\n")) == 0 &&
	    (rc = web_list_articles(r, src.id, buf_cstr(&base),
	    "No articles from this source yet.")) == 0)
		rc = web_page_end(r);
	/* The facts above change with every fetch, articles or not. */
	if (src.last_fetch > r->last_modified)
		r->last_modified = src.last_fetch;
out:
	buf_release(&base);
	store_source_release(&src);
	return rc;
}
