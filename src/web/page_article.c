/*
 * web/page_article.c: one article, laid out as a quiet newspaper column.
 *
 * Headline; a meta line (source, relative time, byline, link to the
 * original); the body; the publisher's boilerplate folded under a closed
 * "Background"; tags; then the comments and, beside the column on wide
 * screens, the AI panel and the related articles. The article's language
 * sets lang and dir on its own elements only (the article, the panel's
 * texts, the answers), so the site's frame keeps its direction.
 *
 * The body is the analysis's body_main (the content without the blocks
 * that recur across the source's articles) when the article has been
 * analysed, else the stored content. Both are sanitised HTML from the
 * store. The AI panel shows only what exists: summary, key points, the
 * people, places and organisations named (each linking to its entity
 * page) and a question box. The box is a plain GET form back to this
 * page: ?q= renders the answers (core/answer.h, shared with the API and
 * the CLI) in the panel, so it works without JavaScript.
 *
 * Related articles come from web_related_walk (listing.c).
 */
#include "base/common.h"

#include "base/log.h"
#include "core/answer.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_RELATED_MAX 5
/* Entities listed per kind in the panel. */
#define WEB_PANEL_ENTITIES 12

static const struct {
	const char *type;
	const char *heading;
} entity_kinds[] = {
	{ "person", "People" },
	{ "place", "Places" },
	{ "org", "Organisations" },
};

struct panel_entity {
	int64_t id;
	int64_t count;
	size_t name;            /* offset into names */
};

struct panel_entities {
	struct panel_entity v[ARRAY_LEN(entity_kinds)][WEB_PANEL_ENTITIES];
	size_t n[ARRAY_LEN(entity_kinds)];
	struct buf names;       /* NUL-terminated names */
};

/* Entities arrive most mentioned first; each kind keeps its first few. */
static int
entity_one(void *ctx, const struct store_entity *en)
{
	struct panel_entities *pe = ctx;
	size_t k;
	int rc;

	if (en->type == NULL || en->name == NULL || en->name[0] == '\0')
		return 0;
	for (k = 0; k < ARRAY_LEN(entity_kinds); k++)
		if (strcmp(en->type, entity_kinds[k].type) == 0)
			break;
	if (k == ARRAY_LEN(entity_kinds) || pe->n[k] == WEB_PANEL_ENTITIES)
		return 0;
	pe->v[k][pe->n[k]].id = en->id;
	pe->v[k][pe->n[k]].count = en->count;
	pe->v[k][pe->n[k]].name = pe->names.len;
	if ((rc = buf_puts(&pe->names, en->name)) != 0 ||
	    (rc = buf_putc(&pe->names, '\0')) != 0)
		return rc;
	pe->n[k]++;
	return 0;
}

static int
entities_html(struct web_req *r, const struct panel_entities *pe)
{
	struct buf *b = &r->body;
	size_t k, i;
	int rc;

	for (k = 0; k < ARRAY_LEN(entity_kinds); k++) {
		if (pe->n[k] == 0)
			continue;
		if ((rc = WEB_LIT(b, "<h3>")) != 0 ||
		    (rc = web_html_text(b, entity_kinds[k].heading)) != 0 ||
		    (rc = WEB_LIT(b, "</h3>\n<ul class=\"entities\">")) != 0)
			return rc;
		for (i = 0; i < pe->n[k]; i++) {
			const struct panel_entity *x = &pe->v[k][i];

			if ((rc = WEB_LIT(b, "<li><a href=\"/entity/")) != 0 ||
			    (rc = web_html_int(b, x->id)) != 0 ||
			    (rc = WEB_LIT(b, "\">")) != 0 ||
			    (rc = web_html_text(b, pe->names.p + x->name)) != 0
			    || (rc = WEB_LIT(b, "</a>")) != 0)
				return rc;
			if (x->count > 1 && ((rc = WEB_LIT(b,
			    " <span class=\"small\">\xc3\x97")) != 0
			    || (rc = web_html_int(b, x->count)) != 0 ||
			    (rc = WEB_LIT(b, "</span>")) != 0))
				return rc;
			if ((rc = WEB_LIT(b, "</li>")) != 0)
				return rc;
		}
		if ((rc = WEB_LIT(b, "</ul>\n")) != 0)
			return rc;
	}
	return 0;
}

/* The answers to ?q=, or why there are none. */
static int
answers_html(struct web_req *r, const struct store_article *a,
    const char *q, const char *bad)
{
	struct answer_list al = { 0 };
	struct err e = { 0 };
	struct buf *b = &r->body;
	struct store *st;
	size_t i;
	int rc;

	if ((rc = WEB_LIT(b, "<div class=\"answers\" id=\"answers\">"
	    "<h3>Answer</h3>\n")) != 0)
		return rc;
	if (bad != NULL) {
		rc = WEB_LIT(b, "<p class=\"bad\">");
		if (rc == 0)
			rc = web_html_text(b, bad);
		return rc ? rc : WEB_LIT(b, "</p></div>\n");
	}
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	rc = answer_question(st, a->id, q, &al, &e);
	if (rc == ERR_INVAL) {
		rc = WEB_LIT(b, "<p class=\"bad\">Ask a question in words."
		    "</p></div>\n");
		goto out;
	}
	if (rc != 0)
		goto out;
	if (al.n == 0) {
		rc = WEB_LIT(b, "<p class=\"empty\">" ANSWER_NONE "</p></div>\n");
		goto out;
	}
	if ((rc = WEB_LIT(b, "<ol>\n")) != 0)
		goto out;
	for (i = 0; i < al.n; i++) {
		const struct answer *x = &al.v[i];

		if ((rc = WEB_LIT(b, "<li><p")) != 0 ||
		    (rc = web_lang_attrs(b, x->article_id == a->id ?
		    web_article_lang(a) : NULL)) != 0 ||
		    (rc = WEB_LIT(b, ">")) != 0 ||
		    (rc = web_html_text(b, x->text)) != 0 ||
		    (rc = WEB_LIT(b, "</p>\n<p class=\"small\">")) != 0)
			goto out;
		if (x->source && *x->source && ((rc = web_html_text(b,
		    x->source)) != 0 || (rc = WEB_LIT(b, ": ")) != 0))
			goto out;
		if ((rc = WEB_LIT(b, "<a href=\"/article/")) != 0 ||
		    (rc = web_html_int(b, x->article_id)) != 0 ||
		    (rc = WEB_LIT(b, "\">")) != 0 ||
		    (rc = web_html_text(b, x->title && *x->title ? x->title :
		    "(untitled)")) != 0 ||
		    (rc = WEB_LIT(b, "</a></p></li>\n")) != 0)
			goto out;
	}
	rc = WEB_LIT(b, "</ol></div>\n");
out:
	answer_list_release(&al);
	return rc;
}

static int
ask_form(struct web_req *r, const struct store_article *a, const char *q)
{
	struct buf *b = &r->body;
	int rc;

	if ((rc = WEB_LIT(b, "<form class=\"ask\" method=\"get\" "
	    "action=\"/article/")) != 0 ||
	    (rc = web_html_int(b, a->id)) != 0 ||
	    (rc = WEB_LIT(b, "#answers\">\n<label for=\"ask-q\">Ask a "
	    "question about this story</label>\n<div class=\"ask-row\">"
	    "<input type=\"text\" id=\"ask-q\" name=\"q\" maxlength=\"")) != 0
	    || (rc = web_html_int(b, WEB_ASK_MAX)) != 0 ||
	    (rc = WEB_LIT(b, "\" required")) != 0)
		return rc;
	if (q && ((rc = WEB_LIT(b, " value=\"")) != 0 ||
	    (rc = web_html_attr(b, q)) != 0 || (rc = WEB_LIT(b, "\"")) != 0))
		return rc;
	return WEB_LIT(b, "><button type=\"submit\">Ask</button></div>\n"
	    "</form>\n");
}

/* The AI panel: only what the analysis produced, and the question box. */
static int
ai_panel(struct web_req *r, const struct store_article *a, const char *q,
    const char *bad)
{
	struct panel_entities *pe = NULL;
	struct buf *b = &r->body;
	struct err e = { 0 };
	struct store *st;
	const char *lang = web_article_lang(a);
	size_t i;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	if ((pe = calloc(1, sizeof(*pe))) == NULL)
		return ERR_NOMEM;
	buf_init(&pe->names, 0);
	if ((rc = store_article_entities(st, a->id, entity_one, pe, &e)) != 0)
		goto out;
	if ((rc = WEB_LIT(b, "<section class=\"panel ai\" "
	    "aria-labelledby=\"ai-h\"><h2 id=\"ai-h\">AI features</h2>\n"))
	    != 0)
		goto out;
	if (a->ai_summary && *a->ai_summary && ((rc = WEB_LIT(b,
	    "<h3>Summary</h3>\n<p class=\"ai-summary\"")) != 0 ||
	    (rc = web_lang_attrs(b, lang)) != 0 ||
	    (rc = WEB_LIT(b, ">")) != 0 ||
	    (rc = web_html_text(b, a->ai_summary)) != 0 ||
	    (rc = WEB_LIT(b, "</p>\n")) != 0))
		goto out;
	if (a->n_key_points > 0) {
		if ((rc = WEB_LIT(b, "<h3>Key points</h3>\n<ul "
		    "class=\"key-points\"")) != 0 ||
		    (rc = web_lang_attrs(b, lang)) != 0 ||
		    (rc = WEB_LIT(b, ">\n")) != 0)
			goto out;
		for (i = 0; i < a->n_key_points; i++)
			if (a->key_points[i] && *a->key_points[i] &&
			    ((rc = WEB_LIT(b, "<li>")) != 0 ||
			    (rc = web_html_text(b, a->key_points[i])) != 0 ||
			    (rc = WEB_LIT(b, "</li>\n")) != 0))
				goto out;
		if ((rc = WEB_LIT(b, "</ul>\n")) != 0)
			goto out;
	}
	if ((rc = entities_html(r, pe)) != 0 ||
	    (rc = ask_form(r, a, q)) != 0)
		goto out;
	if ((q || bad) && (rc = answers_html(r, a, q, bad)) != 0)
		goto out;
	rc = WEB_LIT(b, "</section>\n");
out:
	if (pe)
		buf_release(&pe->names);
	free(pe);
	return rc;
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
	const char *q = NULL, *bad = NULL;
	bool folded;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	if (web_ask_question(r, &q) != 0)
		bad = r->errmsg;
	memset(&a, 0, sizeof(a));
	if ((rc = store_article_get(st, r->id, &a, &e)) != 0)
		return rc;
	/* The analysis split the body: show its main part, and the
	 * boilerplate folded below it. */
	folded = a.analysis_version > 0 && a.body_main != NULL &&
	    (*a.body_main || (a.body_background && *a.body_background));
	page.title = a.title && *a.title ? a.title : "(untitled)";
	/* An answer page is a view of the article, not another page. */
	page.noindex = q != NULL || bad != NULL;
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
	if (folded)
		rc = web_html_safe(b, web_safe_html_from_store(a.body_main));
	else if (a.content_html && *a.content_html)
		rc = web_html_safe(b, web_safe_html_from_store(a.content_html));
	else if (a.content_text && *a.content_text)
		rc = plain_body(b, a.content_text);
	else if (a.summary && *a.summary)
		rc = plain_body(b, a.summary);
	if (rc != 0 || (rc = WEB_LIT(b, "\n</div>\n")) != 0)
		goto out;
	if (folded && a.body_background && *a.body_background && ((rc =
	    WEB_LIT(b, "<details class=\"background\"><summary>Background"
	    "</summary>\n<div class=\"body\">\n")) != 0 ||
	    (rc = web_html_safe(b, web_safe_html_from_store(
	    a.body_background))) != 0 ||
	    (rc = WEB_LIT(b, "\n</div></details>\n")) != 0))
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
	    (rc = ai_panel(r, &a, q, bad)) != 0 ||
	    (rc = related(r, &a)) != 0 ||
	    (rc = WEB_LIT(b, "</aside>\n</div>\n")) != 0 ||
	    (rc = web_page_end(r)) != 0)
		goto out;
	r->last_modified = a.updated > 0 ? a.updated : a.received;
out:
	store_article_release(&a);
	return rc;
}
