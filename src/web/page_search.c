/*
 * web/page_search.c: the search page and the tag page.
 *
 * Search hands the reader's words to the store (web_search_walk), which
 * quotes them for FTS5 and ranks with BM25; snippets come back with the
 * matches marked. The form offers the same filters as the API (source,
 * tag, date range) and a sort by relevance or date; results page by page
 * number. A query or a filter the site cannot use is the reader's
 * mistake, not ours: the page explains it and keeps the form, with status
 * 200 so that a browser treats it as an ordinary page.
 *
 * The tag page is a filtered newest-first list with a keyset cursor, like
 * the front page, and offers its feeds.
 */
#include "base/common.h"

#include <strings.h>

#include "base/log.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_SEARCH_PER_PAGE 20
#define WEB_TAG_PER_PAGE 30

struct results_ctx {
	struct web_req *r;
	bool snippets;
	size_t shown;
};

static int
result_one(void *ctx, const struct store_article *a)
{
	struct results_ctx *c = ctx;
	int rc;

	if (c->shown == 0 && (rc = WEB_LIT(&c->r->body,
	    "<ol class=\"list\">\n")) != 0)
		return rc;
	if ((rc = web_article_item(c->r, a, c->snippets, 2)) != 0)
		return rc;
	c->shown++;
	return 0;
}

static int
message(struct buf *b, const char *cls, const char *text)
{
	char first[2] = { 0, 0 };
	int rc;

	/* Messages may start in lower case; a sentence on the page may
	 * not. */
	first[0] = text[0] >= 'a' && text[0] <= 'z' ? (char)(text[0] - 32)
	    : text[0];
	if ((rc = WEB_LIT(b, "<p class=\"")) != 0 ||
	    (rc = web_html_attr(b, cls)) != 0 ||
	    (rc = WEB_LIT(b, "\" role=\"status\">")) != 0 ||
	    (rc = web_html_text(b, first)) != 0 ||
	    (rc = web_html_text(b, text[0] ? text + 1 : text)) != 0)
		return rc;
	return WEB_LIT(b, "</p>\n");
}

struct source_opts {
	struct buf *b;
	int64_t selected;
};

static int
source_option(void *ctx, int64_t id, const char *name)
{
	struct source_opts *o = ctx;
	int rc;

	if ((rc = WEB_LIT(o->b, "<option value=\"")) != 0 ||
	    (rc = web_html_int(o->b, id)) != 0 ||
	    (rc = WEB_LIT(o->b, "\"")) != 0 ||
	    (id == o->selected && (rc = WEB_LIT(o->b, " selected")) != 0) ||
	    (rc = WEB_LIT(o->b, ">")) != 0 ||
	    (rc = web_html_text(o->b, name)) != 0)
		return rc;
	return WEB_LIT(o->b, "</option>");
}

/* value="..." of a filter field, from the raw argument (so a rejected
 * value stays in the box to be corrected). */
static int
value_attr(struct buf *b, const char *v)
{
	int rc;

	if (v == NULL || *v == '\0')
		return 0;
	if ((rc = WEB_LIT(b, " value=\"")) != 0 ||
	    (rc = web_html_attr(b, v)) != 0)
		return rc;
	return WEB_LIT(b, "\"");
}

static int
search_form(struct web_req *r, const struct web_filter *f)
{
	struct buf *b = &r->body;
	struct source_opts so = { b, f->source_id };
	int rc;

	if ((rc = WEB_LIT(b, "<form role=\"search\" action=\"/search\" "
	    "method=\"get\" class=\"searchbox\">\n<p><label for=\"search-q\">"
	    "Words to look for</label> <input type=\"search\" "
	    "id=\"search-q\" name=\"q\"")) != 0 ||
	    (rc = value_attr(b, web_arg(r, "q"))) != 0 ||
	    (rc = WEB_LIT(b, "> <button type=\"submit\">Search</button></p>\n"
	    "<details class=\"filters\"")) != 0)
		return rc;
	if ((f->source_id || f->tag || web_arg(r, "since") ||
	    web_arg(r, "until") || f->by_date) &&
	    (rc = WEB_LIT(b, " open")) != 0)
		return rc;
	if ((rc = WEB_LIT(b, "><summary>Filters and order</summary>\n"
	    "<p><label for=\"search-source\">Source</label> <select "
	    "id=\"search-source\" name=\"source\"><option value=\"\">Any "
	    "source</option>")) != 0)
		return rc;
	if ((rc = web_source_names_each(r, source_option, &so)) != 0)
		return rc;
	if ((rc = WEB_LIT(b, "</select></p>\n<p><label for=\"search-tag\">"
	    "Tag</label> <input type=\"text\" id=\"search-tag\" "
	    "name=\"tag\"")) != 0 ||
	    (rc = value_attr(b, web_arg(r, "tag"))) != 0 ||
	    (rc = WEB_LIT(b, "></p>\n<p><label for=\"search-since\">From"
	    "</label> <input type=\"date\" id=\"search-since\" "
	    "name=\"since\"")) != 0 ||
	    (rc = value_attr(b, web_arg(r, "since"))) != 0 ||
	    (rc = WEB_LIT(b, "> <label for=\"search-until\">to</label> "
	    "<input type=\"date\" id=\"search-until\" name=\"until\"")) != 0
	    || (rc = value_attr(b, web_arg(r, "until"))) != 0 ||
	    (rc = WEB_LIT(b, "></p>\n<p><label for=\"search-sort\">Order"
	    "</label> <select id=\"search-sort\" name=\"sort\"><option "
	    "value=\"relevance\">Best match first</option><option "
	    "value=\"date\"")) != 0 ||
	    (f->by_date && (rc = WEB_LIT(b, " selected")) != 0) ||
	    (rc = WEB_LIT(b, ">Newest first</option></select></p>\n"
	    "</details>\n</form>\n<p class=\"small\">Use \"quotes\" for a "
	    "phrase, -word to exclude a word, word* for a prefix, OR between "
	    "alternatives.</p>\n")) != 0)
		return rc;
	return 0;
}

/* The request's query string without page (for pager and feed links),
 * URL-encoded, starting with '?' (or empty). */
static int
query_without(struct web_req *r, const char *drop, struct buf *out)
{
	size_t i;
	char sep = '?';
	int rc = 0;

	for (i = 0; rc == 0 && i < r->n_args; i++) {
		if (strcmp(r->args[i].key, drop) == 0 || !*r->args[i].value)
			continue;
		if ((rc = buf_putc(out, sep)) == 0 &&
		    (rc = web_html_urlpart(out, r->args[i].key)) == 0 &&
		    (rc = buf_putc(out, '=')) == 0)
			rc = web_html_urlpart(out, r->args[i].value);
		sep = '&';
	}
	return rc;
}

static int
pager(struct web_req *r, const struct web_filter *f,
    const struct web_walk *w)
{
	struct buf *b = &r->body, qs = BUF_INIT;
	int rc;

	if (f->by_date ? !w->more : f->page <= 1 && !w->more)
		return 0;
	buf_init(&qs, 0);
	if ((rc = query_without(r, f->by_date ? "before" : "page", &qs)) != 0
	    || (rc = WEB_LIT(b, "<nav class=\"pager\" aria-label=\"Result "
	    "pages\">")) != 0)
		goto out;
	if (f->by_date) {
		/* By date the results page by keyset, like the lists. */
		if ((rc = WEB_LIT(b, "<a rel=\"next\" href=\"/search")) != 0 ||
		    (rc = web_html_attr(b, buf_cstr(&qs))) != 0 ||
		    (rc = buf_printf(b, "&amp;before=%lld.%lld\">Older "
		    "results</a>", (long long)w->last_time,
		    (long long)w->last_id)) != 0)
			goto out;
		rc = WEB_LIT(b, "</nav>\n");
		goto out;
	}
	if (f->page > 1 && ((rc = WEB_LIT(b, "<a rel=\"prev\" href=\"/search"))
	    != 0 || (rc = web_html_attr(b, buf_cstr(&qs))) != 0 ||
	    (rc = buf_printf(b, "&amp;page=%zu\">Previous page</a> ",
	    f->page - 1)) != 0))
		goto out;
	if (w->more && ((rc = WEB_LIT(b, "<a rel=\"next\" href=\"/search"))
	    != 0 || (rc = web_html_attr(b, buf_cstr(&qs))) != 0 ||
	    (rc = buf_printf(b, "&amp;page=%zu\">Next page</a>", f->page + 1))
	    != 0))
		goto out;
	rc = WEB_LIT(b, "</nav>\n");
out:
	buf_release(&qs);
	return rc;
}

int
web_page_search(struct web_req *r)
{
	const char *q = web_arg(r, "q");
	struct results_ctx c = { r, true, 0 };
	struct web_page page = { 0 };
	struct web_filter f;
	struct web_walk w;
	struct buf *b = &r->body, fq = BUF_INIT;
	int bad, rc;

	bad = web_filter_parse(r, &f, WEB_SEARCH_PER_PAGE, true);
	if (bad != 0 && bad != ERR_INVAL)
		return bad;
	if (bad == 0 && web_arg(r, "limit") == NULL)
		f.limit = WEB_SEARCH_PER_PAGE;
	page.title = q && *q ? q : "Search";
	page.search_q = q;
	page.noindex = true;
	buf_init(&fq, 0);
	if (q && *q && bad == 0) {
		if ((rc = query_without(r, "page", &fq)) != 0)
			goto out;
		page.feed = "/search";
		page.feed_query = buf_cstr(&fq);
	}
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(b, "<h1>Search</h1>\n")) != 0 ||
	    (rc = search_form(r, &f)) != 0)
		goto out;
	if (bad == ERR_INVAL) {
		rc = message(b, "bad", r->errmsg);
		goto end;
	}
	if (q == NULL || *q == '\0')
		goto end;
	rc = web_search_walk(r, &f, false, result_one, &c, &w);
	if (rc == ERR_INVAL && c.shown == 0) {
		/* The store's messages for a rejected query are written for
		 * readers ("enter some words to search for"). */
		rc = message(b, "bad", r->errmsg[0] ? r->errmsg
		    : "this search could not be understood.");
		goto end;
	}
	if (rc < 0)
		goto out;
	if (c.shown == 0)
		rc = message(b, "empty", f.page > 1 || f.before_time ?
		    "There are no more "
		    "results." : "No articles match this search.");
	else if ((rc = WEB_LIT(b, "</ol>\n")) == 0)
		rc = pager(r, &f, &w);
	r->last_modified = w.newest_update;
end:
	if (rc == 0)
		rc = web_page_end(r);
out:
	buf_release(&fq);
	return rc;
}

int
web_page_tag(struct web_req *r)
{
	const char *tag = r->param[0];
	struct results_ctx c = { r, false, 0 };
	struct web_page page = { 0 };
	struct web_filter f;
	struct web_walk w;
	struct buf feed = BUF_INIT, *b = &r->body;
	int rc;

	if (tag == NULL || *tag == '\0' || strlen(tag) > 200 + 5)
		return ERR_NOTFOUND;
	if ((rc = web_feed_tag(r, tag)) != ERR_NOTFOUND)
		return rc;
	if (strlen(tag) > 200)
		return ERR_NOTFOUND;
	memset(&f, 0, sizeof(f));
	f.tag = tag;
	f.limit = WEB_TAG_PER_PAGE;
	if (web_cursor_parse(web_arg(r, "before"), &f.before_time,
	    &f.before_id) != 0)
		return web_req_fail(r, "the link to older articles is "
		    "damaged");
	buf_init(&feed, 0);
	if ((rc = buf_puts(&feed, "/tag/")) != 0 ||
	    (rc = web_html_urlpart(&feed, tag)) != 0)
		goto out;
	page.title = tag;
	page.feed = buf_cstr(&feed);
	page.noindex = f.before_time != 0;
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(b, "<h1><span class=\"small\">Tag:</span> ")) != 0
	    || (rc = web_html_text(b, tag)) != 0 ||
	    (rc = WEB_LIT(b, "</h1>\n<p class=\"small\">Follow this tag: "
	    "<a href=\"")) != 0 ||
	    (rc = web_html_url(b, buf_cstr(&feed))) != 0 ||
	    (rc = WEB_LIT(b, ".atom\">Atom feed</a> \xc2\xb7 <a href=\"")) != 0
	    || (rc = web_html_url(b, buf_cstr(&feed))) != 0 ||
	    (rc = WEB_LIT(b, ".json\">JSON Feed</a></p>\n")) != 0 ||
	    (rc = web_filter_walk(r, &f, result_one, &c, &w)) != 0)
		goto out;
	if (c.shown == 0)
		rc = message(b, "empty", f.before_time ? "There are no older "
		    "articles with this tag." : "No articles with this tag "
		    "yet.");
	else
		rc = WEB_LIT(b, "</ol>\n");
	if (rc == 0 && w.more && ((rc = WEB_LIT(b, "<nav class=\"pager\" "
	    "aria-label=\"More articles\"><a rel=\"next\" href=\"")) != 0 ||
	    (rc = web_html_url(b, buf_cstr(&feed))) != 0 ||
	    (rc = buf_printf(b, "?before=%lld.%lld\">Older articles</a>"
	    "</nav>\n", (long long)w.last_time, (long long)w.last_id)) != 0))
		goto out;
	if (rc == 0) {
		r->last_modified = w.newest_update;
		rc = web_page_end(r);
	}
out:
	buf_release(&feed);
	return rc;
}
