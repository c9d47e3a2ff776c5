/*
 * web/page_entity.c: /entity/ID, one person, place or organisation and
 * the articles that name it, newest first.
 *
 * The entities come from the analysis at ingest; the article page's AI
 * panel links here. The list pages by keyset (?before=TIME.ID) like the
 * tag page, and the store serves the entity filter from its index, so a
 * deep page costs what the first one does.
 */
#include "base/common.h"

#include <stdio.h>

#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_ENTITY_PER_PAGE 30

static const struct {
	const char *type;
	const char *label;
} entity_types[] = {
	{ "person", "Person" },
	{ "place", "Place" },
	{ "org", "Organisation" },
};

struct entity_ctx {
	struct web_req *r;
	size_t limit;
	size_t shown;
	bool more;
	int64_t last_time, last_id, newest_update;
};

static int
entity_article(void *ctx, const struct store_article *a)
{
	struct entity_ctx *c = ctx;
	int rc;

	if (c->shown == c->limit) {
		c->more = true;
		return 1;
	}
	if (c->shown == 0 && (rc = WEB_LIT(&c->r->body,
	    "<ol class=\"list\">\n")) != 0)
		return rc;
	if ((rc = web_article_item(c->r, a, false, 2)) != 0)
		return rc;
	c->shown++;
	c->last_time = a->sort_time;
	c->last_id = a->id;
	if (a->updated > c->newest_update)
		c->newest_update = a->updated;
	return 0;
}

static const char *
type_label(const char *type)
{
	size_t i;

	for (i = 0; type && i < ARRAY_LEN(entity_types); i++)
		if (strcmp(type, entity_types[i].type) == 0)
			return entity_types[i].label;
	return "Name";
}

int
web_page_entity(struct web_req *r)
{
	struct store_entity en;
	struct store_article_query q = { 0 };
	struct entity_ctx c = { r, WEB_ENTITY_PER_PAGE, 0, false, 0, 0, 0 };
	struct web_page page = { 0 };
	struct err e = { 0 };
	struct store *st;
	struct buf *b = &r->body;
	char canon[48];
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	if (web_cursor_parse(web_arg(r, "before"), &q.before_time,
	    &q.before_id) != 0)
		return web_req_fail(r, "the link to older articles is "
		    "damaged");
	memset(&en, 0, sizeof(en));
	if ((rc = store_entity_get(st, r->id, &en, &e)) != 0)
		return rc;
	snprintf(canon, sizeof(canon), "/entity/%lld", (long long)en.id);
	page.title = en.name && *en.name ? en.name : "(unnamed)";
	page.canonical = canon;
	page.noindex = q.before_time != 0;
	if ((rc = web_page_begin(r, &page)) != 0 ||
	    (rc = WEB_LIT(b, "<h1><span class=\"small\">")) != 0 ||
	    (rc = web_html_text(b, type_label(en.type))) != 0 ||
	    (rc = WEB_LIT(b, ":</span> ")) != 0 ||
	    (rc = web_html_text(b, page.title)) != 0 ||
	    (rc = WEB_LIT(b, "</h1>\n")) != 0)
		goto out;
	if (en.count > 0 && (rc = buf_printf(b, "<p class=\"small\">Named in "
	    "%lld article%s.</p>\n", (long long)en.count,
	    en.count == 1 ? "" : "s")) != 0)
		goto out;
	q.entity_id = en.id;
	q.limit = c.limit + 1;
	q.light = true;
	rc = store_article_each(st, &q, entity_article, &c, &e);
	if (rc < 0)
		goto out;
	if (c.shown == 0)
		rc = q.before_time ? WEB_LIT(b, "<p class=\"empty\">There are no "
		    "older articles naming it.</p>\n") : WEB_LIT(b,
		    "<p class=\"empty\">No articles name it yet.</p>\n");
	else
		rc = WEB_LIT(b, "</ol>\n");
	if (rc == 0 && c.more && (rc = buf_printf(b, "<nav class=\"pager\" "
	    "aria-label=\"More articles\"><a rel=\"next\" href=\"%s?before="
	    "%lld.%lld\">Older articles</a></nav>\n", canon,
	    (long long)c.last_time, (long long)c.last_id)) != 0)
		goto out;
	if (rc == 0) {
		r->last_modified = c.newest_update;
		rc = web_page_end(r);
	}
out:
	store_entity_release(&en);
	return rc;
}
