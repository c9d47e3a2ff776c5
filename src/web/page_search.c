/*
 * web/page_search.c: the search page and the tag page.
 *
 * Search hands the reader's words to the store, which quotes them for
 * FTS5 and ranks with BM25; snippets come back with the matches marked.
 * A query the store rejects is the reader's mistake, not ours: the page
 * explains it and keeps the form, with status 200 so that a browser
 * treats it as an ordinary page.
 *
 * The store cannot yet list articles by tag, so the tag page searches for
 * the tag's words and keeps only the results that carry the tag itself:
 * everything shown is right, though a tag on more articles than the
 * search limit shows only the best-ranked of them.
 */
#include "base/common.h"

#include <strings.h>

#include "base/log.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_SEARCH_RESULTS 50
#define WEB_TAG_CANDIDATES 500
#define WEB_TAG_RESULTS 50

struct results_ctx {
	struct web_req *r;
	const char *tag;        /* keep only articles with this tag */
	size_t shown, max;
	int64_t newest_update;
};

static bool
has_tag(const struct store_article *a, const char *tag)
{
	size_t i;

	for (i = 0; i < a->n_tags; i++)
		if (a->tags[i] && strcasecmp(a->tags[i], tag) == 0)
			return true;
	return false;
}

static int
result_one(void *ctx, const struct store_article *a)
{
	struct results_ctx *c = ctx;
	int rc;

	if (c->tag && !has_tag(a, c->tag))
		return 0;
	if (c->shown == c->max)
		return 1;
	if (c->shown == 0 && (rc = WEB_LIT(&c->r->body,
	    "<ol class=\"list\">\n")) != 0)
		return rc;
	if ((rc = web_article_item(c->r, a, c->tag == NULL, 2)) != 0)
		return rc;
	c->shown++;
	if (a->updated > c->newest_update)
		c->newest_update = a->updated;
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
	    (rc = WEB_LIT(b, "\">")) != 0 ||
	    (rc = web_html_text(b, first)) != 0 ||
	    (rc = web_html_text(b, text[0] ? text + 1 : text)) != 0)
		return rc;
	return WEB_LIT(b, "</p>\n");
}

int
web_page_search(struct web_req *r)
{
	const char *q = web_arg(r, "q");
	struct results_ctx c = { r, NULL, 0, WEB_SEARCH_RESULTS, 0 };
	struct web_page page = { 0 };
	struct buf *b = &r->body;
	struct err e = { 0 };
	struct store *st;
	int rc;

	page.title = q && *q ? q : "Search";
	page.search_q = q;
	page.noindex = true;
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(b, "<h1>Search</h1>\n<form role=\"search\" "
	    "action=\"/search\" method=\"get\" class=\"searchbox\">"
	    "<label for=\"search-q\">Words to look for</label> "
	    "<input type=\"search\" id=\"search-q\" name=\"q\"")) != 0)
		return rc;
	if (q && ((rc = WEB_LIT(b, " value=\"")) != 0 ||
	    (rc = web_html_attr(b, q)) != 0 || (rc = WEB_LIT(b, "\"")) != 0))
		return rc;
	if ((rc = WEB_LIT(b, "> <button type=\"submit\">Search</button>"
	    "</form>\n<p class=\"small\">Use \"quotes\" for a phrase, "
	    "-word to exclude a word, word* for a prefix, OR between "
	    "alternatives.</p>\n")) != 0)
		return rc;
	if (q == NULL || *q == '\0')
		return web_page_end(r);
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	rc = store_search(st, q, WEB_SEARCH_RESULTS, result_one, &c, &e);
	if (rc == ERR_INVAL && c.shown == 0) {
		/* The store's messages for a rejected query are written for
		 * readers ("enter some words to search for"). */
		if ((rc = message(b, "bad", e.msg[0] ? e.msg
		    : "This search could not be understood.")) != 0)
			return rc;
		return web_page_end(r);
	}
	if (rc < 0)
		return rc;
	if (c.shown == 0)
		rc = message(b, "empty", "No articles match this search.");
	else
		rc = WEB_LIT(b, "</ol>\n");
	if (rc != 0)
		return rc;
	r->last_modified = c.newest_update;
	return web_page_end(r);
}

int
web_page_tag(struct web_req *r)
{
	const char *tag = r->param[0];
	struct results_ctx c = { r, tag, 0, WEB_TAG_RESULTS, 0 };
	struct web_page page = { 0 };
	struct buf q = BUF_INIT, *b = &r->body;
	struct err e = { 0 };
	struct store *st;
	const char *p;
	int rc;

	if (tag == NULL || *tag == '\0' || strlen(tag) > 200)
		return ERR_NOTFOUND;
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	page.title = tag;
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(b, "<h1><span class=\"small\">Tag:</span> ")) != 0
	    || (rc = web_html_text(b, tag)) != 0 ||
	    (rc = WEB_LIT(b, "</h1>\n")) != 0)
		return rc;
	/* The tag as one phrase; quotes inside it cannot be expressed, so
	 * they become spaces. */
	buf_init(&q, 512);
	rc = buf_putc(&q, '"');
	for (p = tag; rc == 0 && *p; p++)
		rc = buf_putc(&q, *p == '"' ? ' ' : *p);
	if (rc == 0)
		rc = buf_putc(&q, '"');
	if (rc == 0)
		rc = store_search(st, buf_cstr(&q), WEB_TAG_CANDIDATES,
		    result_one, &c, &e);
	buf_release(&q);
	if (rc == ERR_INVAL)
		rc = 0; /* a tag of punctuation only: simply nothing */
	if (rc < 0)
		return rc;
	if (c.shown == 0)
		rc = message(b, "empty", "No articles with this tag yet.");
	else
		rc = WEB_LIT(b, "</ol>\n");
	if (rc != 0)
		return rc;
	r->last_modified = c.newest_update;
	return web_page_end(r);
}
