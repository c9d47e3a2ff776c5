/*
 * web/out_feed.c: every listing as a feed: Atom 1.0 (RFC 4287) and JSON
 * Feed 1.1, for a tag (/tag/NAME.atom), a source (/source/ID.atom) and a
 * search (/search.atom?q=...), each also as .json; and /opml, the
 * sources as an OPML subscription list.
 *
 * Feed readers need absolute URLs, so links are built from the request's
 * Host header, accepted only when it looks like a host name or address
 * with an optional port (anything else falls back to the listen address):
 * a hostile Host can neither inject markup nor point links elsewhere than
 * where the client itself connected.
 *
 * Entry ids are the article's URL on this site, stable across updates;
 * content is the sanitised body the pages show, escaped as type="html".
 * XML 1.0 forbids most control characters even as references, so the XML
 * writer drops them (the store keeps valid UTF-8, not valid XML).
 */
#include "base/common.h"

#include <jansson.h>
#include <stdio.h>

#include "base/str.h"
#include "core/export.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_FEED_ITEMS 50
#define WEB_HOST_MAX 255

enum feed_kind { FEED_ATOM, FEED_JSON };

/* ---- XML text ---- */

static int
xml_text(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	const char *ent;
	int rc;

	if (s == NULL)
		return 0;
	for (; *p; p++) {
		switch (*p) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n' ||
			    *p == '\r') {
				/* U+FFFE and U+FFFF are not XML characters. */
				if (p[0] == 0xef && p[1] == 0xbf &&
				    (p[2] == 0xbe || p[2] == 0xbf)) {
					ent = "";
					break;
				}
				continue;
			}
			ent = "";
		}
		if (p > run && (rc = buf_append(b, run, (size_t)(p - run)))
		    != 0)
			return rc;
		if ((rc = buf_puts(b, ent)) != 0)
			return rc;
		if (*ent == '\0' && *p == 0xef)
			p += 2;
		run = p + 1;
	}
	return p > run ? buf_append(b, run, (size_t)(p - run)) : 0;
}

/* ---- absolute URLs ---- */

static bool
host_ok(const char *h)
{
	size_t n = h ? strlen(h) : 0, i;

	if (n == 0 || n > WEB_HOST_MAX)
		return false;
	for (i = 0; i < n; i++) {
		char c = h[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == ':' || c == '[' || c == ']'))
			return false;
	}
	return true;
}

/* "http://host[:port]" without a trailing slash. */
static int
base_url(const struct web_req *r, struct buf *out)
{
	const char *h = r->host;

	if (!host_ok(h))
		h = r->opt && host_ok(r->opt->listen) ? r->opt->listen
		    : "localhost";
	return buf_printf(out, "http://%s", h);
}

/* ---- one feed being written ---- */

struct outfeed {
	struct web_req *r;
	enum feed_kind kind;
	struct buf base;
	struct buf entries;     /* Atom entries, written before the head */
	json_t *items;          /* JSON Feed items */
	int64_t newest;
	size_t n;
};

static int
atom_entry(struct outfeed *f, const struct store_article *a)
{
	struct buf *b = &f->entries;
	const char *base = buf_cstr(&f->base);
	char t[32];
	int64_t upd = a->updated > 0 ? a->updated : a->received;
	size_t i;
	int rc;

	if ((rc = buf_printf(b, "<entry>\n<id>%s/article/%lld</id>\n<title>",
	    base, (long long)a->id)) != 0 ||
	    (rc = xml_text(b, a->title && *a->title ? a->title
	    : "(untitled)")) != 0 ||
	    (rc = buf_printf(b, "</title>\n<link rel=\"alternate\" "
	    "type=\"text/html\" href=\"%s/article/%lld\"/>\n", base,
	    (long long)a->id)) != 0)
		return rc;
	if (a->url && web_html_url_ok(a->url) && strstr(a->url, "://") &&
	    ((rc = buf_puts(b, "<link rel=\"related\" type=\"text/html\" "
	    "href=\"")) != 0 || (rc = xml_text(b, a->url)) != 0 ||
	    (rc = buf_puts(b, "\"/>\n")) != 0))
		return rc;
	web_rfc3339(upd, t, sizeof(t));
	if ((rc = buf_printf(b, "<updated>%s</updated>\n", t)) != 0)
		return rc;
	if (a->published > 0) {
		web_rfc3339(a->published, t, sizeof(t));
		if ((rc = buf_printf(b, "<published>%s</published>\n", t))
		    != 0)
			return rc;
	}
	if ((rc = buf_puts(b, "<author><name>")) != 0 ||
	    (rc = xml_text(b, a->author && *a->author ? a->author
	    : a->source_title && *a->source_title ? a->source_title
	    : "unknown")) != 0 ||
	    (rc = buf_puts(b, "</name></author>\n")) != 0)
		return rc;
	for (i = 0; i < a->n_tags; i++)
		if (a->tags[i] && *a->tags[i] &&
		    ((rc = buf_puts(b, "<category term=\"")) != 0 ||
		    (rc = xml_text(b, a->tags[i])) != 0 ||
		    (rc = buf_puts(b, "\"/>\n")) != 0))
			return rc;
	if (a->summary && *a->summary && ((rc = buf_puts(b,
	    "<summary type=\"text\">")) != 0 ||
	    (rc = xml_text(b, a->summary)) != 0 ||
	    (rc = buf_puts(b, "</summary>\n")) != 0))
		return rc;
	if (a->content_html && *a->content_html) {
		if ((rc = buf_puts(b, "<content type=\"html\"")) != 0 ||
		    (web_article_lang(a) && ((rc = buf_puts(b,
		    " xml:lang=\"")) != 0 || (rc = xml_text(b,
		    web_article_lang(a)))
		    != 0 || (rc = buf_putc(b, '"')) != 0)) ||
		    (rc = buf_putc(b, '>')) != 0 ||
		    (rc = xml_text(b, a->content_html)) != 0 ||
		    (rc = buf_puts(b, "</content>\n")) != 0)
			return rc;
	} else if (a->content_text && *a->content_text) {
		if ((rc = buf_puts(b, "<content type=\"text\">")) != 0 ||
		    (rc = xml_text(b, a->content_text)) != 0 ||
		    (rc = buf_puts(b, "</content>\n")) != 0)
			return rc;
	}
	return buf_puts(b, "</entry>\n");
}

static int
jset(json_t *o, const char *k, json_t *v)
{
	return v && json_object_set_new(o, k, v) == 0 ? 0 : ERR_NOMEM;
}

static int
json_item(struct outfeed *f, const struct store_article *a)
{
	json_t *o = json_object(), *tags, *authors, *au;
	char t[32];
	struct buf u = BUF_INIT;
	size_t i;
	int rc = 0;

	if (o == NULL || json_array_append_new(f->items, o) != 0)
		return ERR_NOMEM;
	buf_init(&u, 0);
	rc |= buf_printf(&u, "%s/article/%lld", buf_cstr(&f->base),
	    (long long)a->id);
	rc |= jset(o, "id", json_string(buf_cstr(&u)));
	rc |= jset(o, "url", json_string(buf_cstr(&u)));
	buf_release(&u);
	if (a->url && web_html_url_ok(a->url) && strstr(a->url, "://"))
		rc |= jset(o, "external_url", json_string(a->url));
	rc |= jset(o, "title", json_string(a->title && *a->title ? a->title
	    : "(untitled)"));
	if (a->content_html && *a->content_html)
		rc |= jset(o, "content_html", json_string(a->content_html));
	else
		rc |= jset(o, "content_text", json_string(a->content_text ?
		    a->content_text : ""));
	if (a->summary && *a->summary)
		rc |= jset(o, "summary", json_string(a->summary));
	if (a->image && web_html_url_ok(a->image) && strstr(a->image, "://"))
		rc |= jset(o, "image", json_string(a->image));
	if (a->published > 0) {
		web_rfc3339(a->published, t, sizeof(t));
		rc |= jset(o, "date_published", json_string(t));
	}
	web_rfc3339(a->updated > 0 ? a->updated : a->received, t, sizeof(t));
	rc |= jset(o, "date_modified", json_string(t));
	if (a->author && *a->author) {
		authors = json_array();
		au = json_object();
		if (authors == NULL || au == NULL ||
		    json_array_append_new(authors, au) != 0) {
			json_decref(authors);
			return ERR_NOMEM;
		}
		rc |= jset(au, "name", json_string(a->author));
		rc |= jset(o, "authors", authors);
	}
	if (a->n_tags > 0) {
		if ((tags = json_array()) == NULL)
			return ERR_NOMEM;
		for (i = 0; i < a->n_tags; i++)
			if (a->tags[i] && *a->tags[i])
				rc |= json_array_append_new(tags,
				    json_string(a->tags[i])) ? ERR_NOMEM : 0;
		rc |= jset(o, "tags", tags);
	}
	if (web_article_lang(a))
		rc |= jset(o, "language", json_string(web_article_lang(a)));
	return rc ? ERR_NOMEM : 0;
}

static int
feed_one(void *ctx, const struct store_article *a)
{
	struct outfeed *f = ctx;
	int64_t upd = a->updated > 0 ? a->updated : a->received;

	if (upd > f->newest)
		f->newest = upd;
	f->n++;
	return f->kind == FEED_ATOM ? atom_entry(f, a) : json_item(f, a);
}

/* Write the feed's head and entries into r->body. self: this feed's path
 * with its query; alt: the page it mirrors. */
static int
outfeed_finish(struct outfeed *f, const char *title, const char *self,
    const char *alt)
{
	struct web_req *r = f->r;
	struct buf *b = &r->body;
	const char *base = buf_cstr(&f->base);
	char t[32];
	int rc;

	/* An empty feed is as new as the request: it has no other date. */
	web_rfc3339(f->newest > 0 ? f->newest : r->now, t, sizeof(t));
	r->last_modified = f->newest;
	if (f->kind == FEED_ATOM) {
		r->content_type = "application/atom+xml; charset=utf-8";
		if ((rc = buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>")) != 0
		    || (rc = xml_text(b, base)) != 0 ||
		    (rc = xml_text(b, self)) != 0 ||
		    (rc = buf_puts(b, "</id>\n<title>")) != 0 ||
		    (rc = xml_text(b, title)) != 0 ||
		    (rc = buf_printf(b, "</title>\n<updated>%s</updated>\n"
		    "<link rel=\"self\" type=\"application/atom+xml\" href=\"",
		    t)) != 0 || (rc = xml_text(b, base)) != 0 ||
		    (rc = xml_text(b, self)) != 0 ||
		    (rc = buf_puts(b, "\"/>\n<link rel=\"alternate\" "
		    "type=\"text/html\" href=\"")) != 0 ||
		    (rc = xml_text(b, base)) != 0 ||
		    (rc = xml_text(b, alt)) != 0 ||
		    (rc = buf_puts(b, "\"/>\n<author><name>tidings</name>"
		    "</author>\n<generator>tidings</generator>\n")) != 0 ||
		    (rc = buf_append(b, f->entries.p ? f->entries.p : "",
		    f->entries.len)) != 0)
			return rc;
		return buf_puts(b, "</feed>\n");
	} else {
		json_t *root = json_object();
		struct buf u = BUF_INIT;
		char *s;

		r->content_type = "application/feed+json; charset=utf-8";
		if (root == NULL)
			return ERR_NOMEM;
		buf_init(&u, 0);
		rc = jset(root, "version", json_string(
		    "https://jsonfeed.org/version/1.1"));
		rc |= jset(root, "title", json_string(title));
		rc |= buf_printf(&u, "%s%s", base, alt);
		rc |= jset(root, "home_page_url", json_string(buf_cstr(&u)));
		buf_reset(&u);
		rc |= buf_printf(&u, "%s%s", base, self);
		rc |= jset(root, "feed_url", json_string(buf_cstr(&u)));
		buf_release(&u);
		rc |= jset(root, "items", f->items);
		f->items = NULL;
		if (rc != 0) {
			json_decref(root);
			return ERR_NOMEM;
		}
		s = json_dumps(root, JSON_INDENT(1));
		json_decref(root);
		if (s == NULL)
			return ERR_NOMEM;
		rc = buf_puts(b, s);
		free(s);
		return rc ? rc : buf_putc(b, '\n');
	}
}

static int
outfeed_init(struct outfeed *f, struct web_req *r, enum feed_kind kind)
{
	memset(f, 0, sizeof(*f));
	f->r = r;
	f->kind = kind;
	buf_init(&f->base, 512);
	buf_init(&f->entries, r->opt && r->opt->max_page ? r->opt->max_page
	    : WEB_DEFAULT_MAX_PAGE);
	if (kind == FEED_JSON && (f->items = json_array()) == NULL)
		return ERR_NOMEM;
	return base_url(r, &f->base);
}

static void
outfeed_release(struct outfeed *f)
{
	buf_release(&f->base);
	buf_release(&f->entries);
	json_decref(f->items);
}

/* "NAME.atom" or "NAME.json": the kind, and the name's length. */
static bool
feed_suffix(const char *s, enum feed_kind *kind, size_t *n)
{
	size_t len = s ? strlen(s) : 0;

	if (len > 5 && strcmp(s + len - 5, ".atom") == 0) {
		*kind = FEED_ATOM;
		*n = len - 5;
		return true;
	}
	if (len > 5 && strcmp(s + len - 5, ".json") == 0) {
		*kind = FEED_JSON;
		*n = len - 5;
		return true;
	}
	return false;
}

int
web_feed_tag(struct web_req *r, const char *param)
{
	struct web_filter fl = { 0 };
	struct web_walk w;
	struct outfeed f;
	struct buf name = BUF_INIT, self = BUF_INIT, alt = BUF_INIT;
	enum feed_kind kind;
	size_t n;
	int rc;

	if (!feed_suffix(param, &kind, &n) || n == 0 || n > 200)
		return ERR_NOTFOUND;
	buf_init(&name, 0);
	buf_init(&self, 0);
	buf_init(&alt, 0);
	if ((rc = outfeed_init(&f, r, kind)) != 0 ||
	    (rc = buf_append(&name, param, n)) != 0 ||
	    (rc = buf_puts(&alt, "/tag/")) != 0 ||
	    (rc = web_html_urlpart(&alt, buf_cstr(&name))) != 0 ||
	    (rc = buf_printf(&self, "%s.%s", buf_cstr(&alt),
	    kind == FEED_ATOM ? "atom" : "json")) != 0)
		goto out;
	fl.tag = buf_cstr(&name);
	fl.limit = WEB_FEED_ITEMS;
	fl.full = true;
	if ((rc = web_filter_walk(r, &fl, feed_one, &f, &w)) != 0)
		goto out;
	buf_reset(&self);
	rc = buf_printf(&self, "%s.%s", buf_cstr(&alt), kind == FEED_ATOM ?
	    "atom" : "json");
	if (rc == 0) {
		struct buf title = BUF_INIT;

		buf_init(&title, 0);
		rc = buf_printf(&title, "%s \xc2\xb7 tidings",
		    buf_cstr(&name));
		if (rc == 0)
			rc = outfeed_finish(&f, buf_cstr(&title), buf_cstr(&self),
			    buf_cstr(&alt));
		buf_release(&title);
	}
out:
	outfeed_release(&f);
	buf_release(&name);
	buf_release(&self);
	buf_release(&alt);
	return rc;
}

int
web_feed_source(struct web_req *r)
{
	struct store_source src;
	struct web_filter fl = { 0 };
	struct web_walk w;
	struct outfeed f;
	struct err e = { 0 };
	struct store *st;
	enum feed_kind kind;
	char self[64], alt[48];
	int64_t id;
	size_t n;
	int rc;

	if (!feed_suffix(r->param[0], &kind, &n) || n == 0 || n > 18 ||
	    strspn(r->param[0], "0123456789") != n ||
	    str_to_i64((struct str){ r->param[0], n }, 1, INT64_MAX, &id)
	    != 0)
		return ERR_NOTFOUND;
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	memset(&src, 0, sizeof(src));
	if ((rc = store_source_get(st, id, &src, &e)) != 0)
		return rc;
	snprintf(alt, sizeof(alt), "/source/%lld", (long long)id);
	snprintf(self, sizeof(self), "%s.%s", alt, kind == FEED_ATOM ? "atom"
	    : "json");
	fl.source_id = id;
	fl.limit = WEB_FEED_ITEMS;
	fl.full = true;
	if ((rc = outfeed_init(&f, r, kind)) == 0 &&
	    (rc = web_filter_walk(r, &fl, feed_one, &f, &w)) == 0)
		rc = outfeed_finish(&f, src.title && *src.title ? src.title
		    : src.url, self, alt);
	outfeed_release(&f);
	store_source_release(&src);
	return rc;
}

static int
search_feed(struct web_req *r, enum feed_kind kind)
{
	struct web_filter fl;
	struct web_walk w;
	struct outfeed f;
	struct buf self = BUF_INIT, alt = BUF_INIT, title = BUF_INIT;
	size_t i;
	int rc;

	memset(&f, 0, sizeof(f));
	if ((rc = web_filter_parse(r, &fl, WEB_FEED_ITEMS, true)) != 0)
		return rc;
	/* A feed follows what is new: date order unless asked otherwise. */
	if (web_arg(r, "sort") == NULL)
		fl.by_date = true;
	buf_init(&self, 0);
	buf_init(&alt, 0);
	buf_init(&title, 0);
	rc = buf_puts(&alt, "/search");
	for (i = 0; rc == 0 && i < r->n_args; i++)
		rc = buf_putc(&alt, i ? '&' : '?') ||
		    web_html_urlpart(&alt, r->args[i].key) ||
		    buf_putc(&alt, '=') ||
		    web_html_urlpart(&alt, r->args[i].value) ? ERR_NOMEM : 0;
	if (rc == 0)
		rc = buf_printf(&self, "/search.%s%s", kind == FEED_ATOM ?
		    "atom" : "json", buf_cstr(&alt) + 7);
	if (rc == 0)
		rc = buf_printf(&title, "Search: %s \xc2\xb7 tidings",
		    fl.q ? fl.q : "");
	if (rc == 0 && (rc = outfeed_init(&f, r, kind)) == 0 &&
	    (rc = web_search_walk(r, &fl, true, feed_one, &f, &w)) == 0)
		rc = outfeed_finish(&f, buf_cstr(&title), buf_cstr(&self),
		    buf_cstr(&alt));
	outfeed_release(&f);
	buf_release(&self);
	buf_release(&alt);
	buf_release(&title);
	return rc;
}

int
web_feed_search_atom(struct web_req *r)
{
	return search_feed(r, FEED_ATOM);
}

int
web_feed_search_json(struct web_req *r)
{
	return search_feed(r, FEED_JSON);
}

int
web_page_opml(struct web_req *r)
{
	struct err e = { 0 };
	struct store *st;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	r->content_type = "text/x-opml; charset=utf-8";
	return export_opml(st, "tidings subscriptions", r->now, &r->body, &e);
}
