/*
 * web/api.c: the JSON API under /api/v1 (documented in docs/api.md).
 *
 * Read-only views of what the pages show: article lists with filters and
 * a keyset cursor, one article with its tags and related articles,
 * search, sources and tags. Responses are built as jansson values and
 * serialised once, so every string is escaped by the library; they pass
 * through the same reply path as pages (ETag, 304, gzip, security
 * headers). Errors are {"error": {"code", "message"}} with the HTTP
 * status, and a message that names the parameter at fault but never an
 * internal cause.
 */
#include "base/common.h"

#include <jansson.h>
#include <stdio.h>
#include <strings.h>

#include "base/log.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define API_RELATED_MAX 5
#define API_TAGS_MAX 200

static const char *const api_content_type = "application/json; charset=utf-8";

/* json_string fails on invalid UTF-8 (the store holds none) and NULL. */
static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
jtime(int64_t t)
{
	char iso[32];

	if (t <= 0)
		return json_null();
	web_rfc3339(t, iso, sizeof(iso));
	return json_string(iso);
}

static int
set(json_t *o, const char *key, json_t *v)
{
	return v && json_object_set_new(o, key, v) == 0 ? 0 : ERR_NOMEM;
}

static json_t *
tags_json(const struct store_article *a)
{
	json_t *t = json_array();
	size_t i;

	for (i = 0; t && i < a->n_tags; i++)
		if (a->tags[i] && json_array_append_new(t, json_string(
		    a->tags[i])) != 0) {
			json_decref(t);
			return NULL;
		}
	return t;
}

/* The keys beside the display forms: /tag/KEY and ?tag=KEY use them. */
static json_t *
tag_keys_json(const struct store_article *a)
{
	json_t *t = json_array();
	size_t i;

	for (i = 0; t && a->tag_keys && i < a->n_tags; i++)
		if (json_array_append_new(t, jstr(a->tag_keys[i])) != 0) {
			json_decref(t);
			return NULL;
		}
	return t;
}

static json_t *
article_json(const struct store_article *a, bool full)
{
	json_t *o = json_object(), *src = json_object();
	struct buf ex = BUF_INIT;
	char link[48];
	int rc = 0;

	if (o == NULL || src == NULL)
		goto fail;
	snprintf(link, sizeof(link), "/article/%lld", (long long)a->id);
	rc |= set(src, "id", json_integer(a->source_id));
	rc |= set(src, "title", jstr(a->source_title));
	rc |= set(o, "id", json_integer(a->id));
	rc |= set(o, "title", jstr(a->title));
	rc |= set(o, "link", json_string(link));
	rc |= set(o, "url", jstr(a->url && web_html_url_ok(a->url) ? a->url
	    : NULL));
	rc |= set(o, "source", src);
	src = NULL;
	rc |= set(o, "author", jstr(a->author));
	rc |= set(o, "language", jstr(web_lang_ok(web_article_lang(a)) ?
	    web_article_lang(a) : NULL));
	rc |= set(o, "published", jtime(a->published));
	rc |= set(o, "updated", jtime(a->updated));
	rc |= set(o, "received", jtime(a->received));
	rc |= set(o, "sort_time", jtime(a->sort_time));
	rc |= set(o, "image", jstr(a->image && web_html_url_ok(a->image) ?
	    a->image : NULL));
	rc |= set(o, "summary", jstr(a->summary));
	rc |= set(o, "tags", tags_json(a));
	rc |= set(o, "tag_keys", tag_keys_json(a));
	rc |= set(o, "excerpt", jstr(a->excerpt));
	if (a->snippet) {
		buf_init(&ex, 0);
		rc |= web_snippet_text(&ex, a->snippet);
		rc |= set(o, "snippet", json_string(buf_cstr(&ex)));
		buf_reset(&ex);
		rc |= web_snippet_html(&ex, a->snippet);
		rc |= set(o, "snippet_html", json_string(buf_cstr(&ex)));
		buf_release(&ex);
	}
	if (full) {
		/* The sanitised HTML exactly as the site shows it. */
		rc |= set(o, "content_html", jstr(a->content_html));
		rc |= set(o, "content_text", jstr(a->content_text));
	}
	if (rc != 0)
		goto fail;
	return o;
fail:
	json_decref(src);
	json_decref(o);
	return NULL;
}

/* Serialise root into the response and drop it. */
static int
reply_json(struct web_req *r, json_t *root)
{
	char *s;
	int rc;

	if (root == NULL)
		return ERR_NOMEM;
	s = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (s == NULL)
		return ERR_NOMEM;
	r->content_type = api_content_type;
	buf_reset(&r->body);
	rc = buf_puts(&r->body, s);
	if (rc == 0)
		rc = buf_putc(&r->body, '\n');
	free(s);
	return rc;
}

struct error_code {
	int status;
	const char *code;
	const char *message;
};

static const struct error_code error_codes[] = {
	{ 400, "bad_request", "the request could not be understood" },
	{ 404, "not_found", "there is nothing at this address" },
	{ 405, "method_not_allowed", "this address can only be read (GET)" },
	{ 413, "too_large", "the request body is larger than accepted" },
	{ 414, "uri_too_long", "the address is longer than accepted" },
	{ 431, "headers_too_large", "the headers are larger than accepted" },
	{ 500, "internal", "the request failed; try again in a moment" },
	{ 503, "unavailable", "the service is unavailable; try again" },
};

void
web_api_error(struct web_req *r, int status)
{
	const struct error_code *ec = &error_codes[6];
	json_t *root, *err;
	size_t i;

	for (i = 0; i < ARRAY_LEN(error_codes); i++)
		if (error_codes[i].status == status)
			ec = &error_codes[i];
	r->status = status;
	r->cache = WEB_CACHE_NONE;
	r->body_ref = NULL;
	r->gz_ref = NULL;
	r->etag_ref = NULL;
	r->last_modified = 0;
	root = json_object();
	err = json_object();
	if (root && err && set(err, "code", json_string(ec->code)) == 0 &&
	    set(err, "message", json_string(status == 400 && r->errmsg[0] ?
	    r->errmsg : ec->message)) == 0) {
		/* Both calls below take over their argument, even on failure. */
		if (set(root, "error", err) == 0 && reply_json(r, root) == 0)
			return;
		root = err = NULL;
	}
	json_decref(err);
	json_decref(root);
	buf_reset(&r->body);
	r->content_type = api_content_type;
	(void)buf_puts(&r->body, "{\"error\":{\"code\":\"internal\","
	    "\"message\":\"out of memory\"}}\n");
}

struct collect {
	json_t *arr;
	bool full;
};

static int
collect_one(void *ctx, const struct store_article *a)
{
	struct collect *c = ctx;
	json_t *o = article_json(a, c->full);

	if (o == NULL || json_array_append_new(c->arr, o) != 0)
		return ERR_NOMEM;
	return 0;
}

/* "/api/v1/articles?...&before=T.I": the request's own arguments with
 * the cursor (or page) replaced. */
static int
next_url(struct web_req *r, const char *path, const char *key,
    const char *value, struct buf *out)
{
	size_t i;
	char sep = '?';
	int rc;

	if ((rc = buf_puts(out, path)) != 0)
		return rc;
	for (i = 0; i < r->n_args; i++) {
		if (strcmp(r->args[i].key, key) == 0)
			continue;
		if ((rc = buf_putc(out, sep)) != 0 ||
		    (rc = web_html_urlpart(out, r->args[i].key)) != 0 ||
		    (rc = buf_putc(out, '=')) != 0 ||
		    (rc = web_html_urlpart(out, r->args[i].value)) != 0)
			return rc;
		sep = '&';
	}
	return buf_printf(out, "%c%s=%s", sep, key, value);
}

static int
list_reply(struct web_req *r, const char *path, json_t *items,
    const struct web_walk *w, bool by_page, size_t page)
{
	json_t *root = json_object();
	struct buf u = BUF_INIT;
	char cur[48];
	int rc = 0;

	if (root == NULL) {
		json_decref(items);
		return ERR_NOMEM;
	}
	rc |= set(root, "articles", items);
	if (w->more) {
		if (by_page)
			snprintf(cur, sizeof(cur), "%zu", page + 1);
		else
			snprintf(cur, sizeof(cur), "%lld.%lld",
			    (long long)w->last_time, (long long)w->last_id);
		buf_init(&u, 0);
		rc |= next_url(r, path, by_page ? "page" : "before", cur, &u);
		rc |= set(root, "next", json_string(cur));
		rc |= set(root, "next_url", json_string(buf_cstr(&u)));
		buf_release(&u);
	} else {
		rc |= set(root, "next", json_null());
		rc |= set(root, "next_url", json_null());
	}
	if (rc != 0) {
		json_decref(root);
		return ERR_NOMEM;
	}
	if (w->newest_update > r->last_modified)
		r->last_modified = w->newest_update;
	return reply_json(r, root);
}

int
web_api_articles(struct web_req *r)
{
	struct web_filter f;
	struct web_walk w;
	struct collect c = { json_array(), false };
	int rc;

	if (c.arr == NULL)
		return ERR_NOMEM;
	if ((rc = web_filter_parse(r, &f, WEB_LIST_DEFAULT, false)) != 0 ||
	    (rc = web_filter_walk(r, &f, collect_one, &c, &w)) != 0) {
		json_decref(c.arr);
		return rc;
	}
	return list_reply(r, "/api/v1/articles", c.arr, &w, false, 0);
}

int
web_api_search(struct web_req *r)
{
	struct web_filter f;
	struct web_walk w;
	struct collect c = { json_array(), false };
	int rc;

	if (c.arr == NULL)
		return ERR_NOMEM;
	if ((rc = web_filter_parse(r, &f, WEB_LIST_DEFAULT, true)) != 0 ||
	    (rc = web_search_walk(r, &f, false, collect_one, &c, &w)) != 0) {
		json_decref(c.arr);
		return rc;
	}
	return list_reply(r, "/api/v1/search", c.arr, &w, !f.by_date, f.page);
}

int
web_api_article(struct web_req *r)
{
	struct store_article a;
	struct collect c = { NULL, false };
	struct err e = { 0 };
	struct store *st;
	json_t *root = NULL, *o;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	memset(&a, 0, sizeof(a));
	if ((rc = store_article_get(st, r->id, &a, &e)) != 0)
		return rc;
	rc = ERR_NOMEM;
	if ((o = article_json(&a, true)) == NULL ||
	    (c.arr = json_array()) == NULL)
		goto out;
	if ((rc = web_related_walk(r, &a, API_RELATED_MAX, collect_one, &c))
	    != 0)
		goto out;
	rc = set(o, "related", c.arr);
	c.arr = NULL;
	if (rc == 0 && ((root = json_object()) == NULL ||
	    set(root, "article", o) != 0))
		rc = ERR_NOMEM;
	o = NULL;
	if (rc == 0) {
		r->last_modified = a.updated > 0 ? a.updated : a.received;
		rc = reply_json(r, root);
		root = NULL;
	}
out:
	json_decref(o);
	json_decref(c.arr);
	json_decref(root);
	store_article_release(&a);
	return rc;
}

static const char *
source_status(const struct store_source *s)
{
	if (s->disabled)
		return "disabled";
	if (s->paused)
		return "paused";
	if (s->fail_count > 0)
		return "failing";
	if (s->last_success > 0)
		return "ok";
	return "new";
}

static int
source_one(void *ctx, const struct store_source *s)
{
	json_t *arr = ctx, *o = json_object();
	char link[48];
	int rc = 0;

	if (o == NULL)
		return ERR_NOMEM;
	snprintf(link, sizeof(link), "/source/%lld", (long long)s->id);
	rc |= set(o, "id", json_integer(s->id));
	rc |= set(o, "title", jstr(s->title));
	rc |= set(o, "link", json_string(link));
	rc |= set(o, "feed_url", jstr(s->url));
	/* A site URL no reader may follow (javascript:...) is left out. */
	rc |= set(o, "site_url", jstr(s->site_url &&
	    web_html_url_ok(s->site_url) ? s->site_url : NULL));
	rc |= set(o, "group", jstr(s->group_name));
	rc |= set(o, "status", json_string(source_status(s)));
	rc |= set(o, "articles", json_integer(s->article_count));
	rc |= set(o, "last_fetch", jtime(s->last_fetch));
	rc |= set(o, "last_success", jtime(s->last_success));
	rc |= set(o, "last_status", s->last_status ? json_integer(
	    s->last_status) : json_null());
	rc |= set(o, "last_error", jstr(s->last_error && *s->last_error ?
	    s->last_error : NULL));
	rc |= set(o, "failures", json_integer(s->fail_count));
	if (rc != 0 || json_array_append_new(arr, o) != 0) {
		json_decref(o);
		return ERR_NOMEM;
	}
	return 0;
}

int
web_api_sources(struct web_req *r)
{
	json_t *root = json_object(), *arr = json_array();
	struct err e = { 0 };
	struct store *st;
	int rc;

	if (root == NULL || arr == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	if ((st = web_store(r)) == NULL) {
		rc = ERR_DB;
		goto fail;
	}
	if ((rc = store_source_each(st, -1, source_one, arr, &e)) != 0)
		goto fail;
	if ((rc = set(root, "sources", arr)) != 0) {
		arr = NULL;
		goto fail;
	}
	return reply_json(r, root);
fail:
	json_decref(arr);
	json_decref(root);
	return rc;
}

struct tags_ctx {
	json_t *arr;
	struct buf link;
};

static int
tag_one(void *ctx, const char *key, const char *display, int64_t count)
{
	struct tags_ctx *t = ctx;
	json_t *o = json_object();

	buf_reset(&t->link);
	if (o == NULL || json_array_append_new(t->arr, o) != 0)
		return ERR_NOMEM;
	if (buf_puts(&t->link, "/tag/") != 0 ||
	    web_html_urlpart(&t->link, key) != 0 ||
	    set(o, "key", json_string(key)) != 0 ||
	    set(o, "name", jstr(display && *display ? display : key)) != 0 ||
	    set(o, "link", json_string(buf_cstr(&t->link))) != 0 ||
	    set(o, "articles", json_integer(count)) != 0)
		return ERR_NOMEM;
	return 0;
}

int
web_api_tags(struct web_req *r)
{
	struct tags_ctx t = { json_array(), BUF_INIT };
	struct err e = { 0 };
	struct store *st;
	json_t *root = NULL;
	int rc;

	buf_init(&t.link, 0);
	if ((st = web_store(r)) == NULL) {
		rc = ERR_DB;
		goto out;
	}
	if (t.arr == NULL || (root = json_object()) == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	if ((rc = store_tag_top(st, API_TAGS_MAX, tag_one, &t, &e)) != 0)
		goto out;
	rc = set(root, "tags", t.arr);
	t.arr = NULL;
	if (rc == 0) {
		rc = reply_json(r, root);
		root = NULL;
	}
out:
	buf_release(&t.link);
	json_decref(t.arr);
	json_decref(root);
	return rc;
}
