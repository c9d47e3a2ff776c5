/*
 * web/page_article.c: one article, laid out as a quiet newspaper column.
 *
 * Headline; a meta line (source, relative time, byline, link to the
 * original); the sanitised body as the store returns it; tags; then the
 * comments and, beside the column on wide screens, the AI panel and the
 * related articles. The article's language sets lang and dir on its own
 * element only, so the site's frame keeps its direction.
 *
 * Related articles come from web_related_walk (listing.c).
 */
#include "base/common.h"

#include "base/log.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_RELATED_MAX 5

/* The AI panel shows only what exists. Nothing does yet: the analysis
 * issues fill this in (summary, key points, entities, ask a question). */
static int
ai_panel(struct web_req *r, const struct store_article *a)
{
	UNUSED(r);
	UNUSED(a);
	return 0;
}

struct related_ctx {
	struct web_req *r;
	size_t shown;
};

static int
related_one(void *ctx, const struct store_article *a)
{
	struct related_ctx *c = ctx;
	int rc;

	if (c->shown == 0 && (rc = WEB_LIT(&c->r->body,
	    "<ol class=\"list\">\n")) != 0)
		return rc;
	if ((rc = web_article_item(c->r, a, false, 3)) != 0)
		return rc;
	c->shown++;
	return 0;
}

static int
related(struct web_req *r, const struct store_article *a)
{
	struct related_ctx c = { r, 0 };
	int rc;

	if ((rc = WEB_LIT(&r->body, "<section class=\"related\" "
	    "aria-labelledby=\"related-h\"><h2 id=\"related-h\">Related "
	    "articles</h2>\n")) != 0 ||
	    (rc = web_related_walk(r, a, WEB_RELATED_MAX, related_one, &c))
	    != 0)
		return rc;
	if (c.shown > 0)
		rc = WEB_LIT(&r->body, "</ol>\n");
	else
		rc = WEB_LIT(&r->body, "<p class=\"empty\">No related articles "
		    "yet.</p>\n");
	return rc ? rc : WEB_LIT(&r->body, "</section>\n");
}

static int
meta_line(struct web_req *r, const struct store_article *a)
{
	struct buf *b = &r->body;
	int rc;

	if ((rc = WEB_LIT(b, "<p class=\"meta\"><a href=\"/source/")) != 0 ||
	    (rc = web_html_int(b, a->source_id)) != 0 ||
	    (rc = WEB_LIT(b, "\">")) != 0 ||
	    (rc = web_html_text(b, a->source_title && *a->source_title ?
	    a->source_title : "Unnamed source")) != 0 ||
	    (rc = WEB_LIT(b, "</a> \xc2\xb7 ")) != 0 ||
	    (rc = web_time_html(b, a->sort_time, r->now)) != 0)
		return rc;
	if (a->author && *a->author && ((rc = WEB_LIT(b, " \xc2\xb7 by "))
	    != 0 || (rc = web_html_text(b, a->author)) != 0))
		return rc;
	if (a->url && web_html_url_ok(a->url) && ((rc = WEB_LIT(b,
	    " \xc2\xb7 <a href=\"")) != 0 ||
	    (rc = web_html_url(b, a->url)) != 0 ||
	    (rc = WEB_LIT(b, "\" rel=\"noopener noreferrer\">Original "
	    "article</a>")) != 0))
		return rc;
	return WEB_LIT(b, "</p>\n");
}

/* Plain text as paragraphs, split at blank lines. */
static int
plain_body(struct buf *b, const char *text)
{
	const char *p = text;
	int rc = 0;

	while (rc == 0 && *p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > 0 && ((rc = WEB_LIT(b, "<p>")) != 0 ||
		    (rc = web_html_text_n(b, p, n)) != 0 ||
		    (rc = WEB_LIT(b, "</p>\n")) != 0))
			break;
		p += n;
		while (*p == '\n')
			p++;
	}
	return rc;
}

int
web_page_article(struct web_req *r)
{
	struct store_article a;
	struct web_page page = { 0 };
	struct err e = { 0 };
	struct store *st;
	struct buf *b = &r->body;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	memset(&a, 0, sizeof(a));
	if ((rc = store_article_get(st, r->id, &a, &e)) != 0)
		return rc;
	page.title = a.title && *a.title ? a.title : "(untitled)";
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(b, "<div class=\"story\">\n<article")) != 0 ||
	    (rc = web_lang_attrs(b, web_article_lang(&a))) != 0 ||
	    (rc = WEB_LIT(b, ">\n<header><h1>")) != 0 ||
	    (rc = web_html_text(b, page.title)) != 0 ||
	    (rc = WEB_LIT(b, "</h1>\n")) != 0 ||
	    (rc = meta_line(r, &a)) != 0 ||
	    (rc = WEB_LIT(b, "</header>\n<div class=\"body\">\n")) != 0)
		goto out;
	/* Only the store's sanitised HTML goes out unescaped; an article
	 * without it shows its plain text, escaped. */
	if (a.content_html && *a.content_html)
		rc = web_html_safe(b, web_safe_html_from_store(a.content_html));
	else if (a.content_text && *a.content_text)
		rc = plain_body(b, a.content_text);
	else if (a.summary && *a.summary)
		rc = plain_body(b, a.summary);
	if (rc != 0 || (rc = WEB_LIT(b, "\n</div>\n")) != 0)
		goto out;
	if (a.n_tags > 0 && ((rc = WEB_LIT(b, "<footer class=\"small\">"
	    "<h2 class=\"small\">Tags</h2>\n")) != 0 ||
	    (rc = web_tags_html(b, a.tags, a.tag_keys, a.n_tags)) != 0 ||
	    (rc = WEB_LIT(b, "</footer>\n")) != 0))
		goto out;
	if ((rc = WEB_LIT(b, "</article>\n<section class=\"comments\" "
	    "aria-labelledby=\"comments-h\"><h2 id=\"comments-h\">Comments"
	    "</h2>\n<p class=\"empty\">No comments yet.</p></section>\n"
	    "<aside aria-label=\"More on this story\">\n")) != 0 ||
	    (rc = ai_panel(r, &a)) != 0 ||
	    (rc = related(r, &a)) != 0 ||
	    (rc = WEB_LIT(b, "</aside>\n</div>\n")) != 0 ||
	    (rc = web_page_end(r)) != 0)
		goto out;
	r->last_modified = a.updated > 0 ? a.updated : a.received;
out:
	store_article_release(&a);
	return rc;
}
