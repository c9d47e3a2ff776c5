/*
 * web_test.c: routing, the reply plumbing (ETag, 304, gzip, headers), the
 * formatting helpers and the pages, without a socket: requests are built
 * as struct web_req and run through web_handle against a real store in a
 * temporary directory, filled through store.h like the ingester does.
 */
#include "base/common.h"

#include <stdio.h>
#include <unistd.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/err.h"
#include "model/feed.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"
#include "unit.h"

#define NOW 1700000000

struct tsite {
	char dir[64];
	char path[128];
	struct store *s;
	int64_t src;
	struct web_options opt;
};

static struct store *
tsite_store(void *ctx)
{
	return ((struct tsite *)ctx)->s;
}

static bool
tsite_open(struct tsite *t)
{
	struct err e = { 0 };

	memset(t, 0, sizeof(*t));
	setenv("TIDINGS_TEST_NOW", "1700000000", 1);
	snprintf(t->dir, sizeof(t->dir), "/tmp/tidings-web-XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return false;
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (store_open(t->path, &t->s, &e) != 0) {
		unit_fail(__FILE__, __LINE__, "store_open: %s", e.msg);
		return false;
	}
	if (store_source_add(t->s, "https://news.example/feed", "Harbour "
	    "<Gazette>", NULL, &t->src, &e) != 0)
		return false;
	web_options_defaults(&t->opt);
	return web_assets_init() == 0;
}

static void
tsite_close(struct tsite *t)
{
	char cmd[128];

	store_close(t->s);
	web_assets_free();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		unit_fail(__FILE__, __LINE__, "cannot remove %s", t->dir);
}

static int64_t
add_article(struct tsite *t, const char *guid, const char *title,
    const char *html, const char *lang, int64_t published,
    const char *tag)
{
	struct item it;
	enum store_upsert_outcome out;
	struct err e = { 0 };
	struct store_article_query q = { 0 };
	int64_t id = 0;

	item_init(&it);
	it.id = strdup(guid);
	it.title = strdup(title);
	it.content_html = strdup(html);
	it.content_text = strdup("Plain text of the article body.");
	it.language = lang ? strdup(lang) : NULL;
	it.has_published = true;
	it.date_published = published;
	if (tag) {
		(void)item_add_tag(&it, tag);
		(void)item_add_tag(&it, "Ferry");
	}
	if (store_article_upsert(t->s, t->src, &it, NOW, &out, &e) != 0)
		unit_fail(__FILE__, __LINE__, "upsert: %s", e.msg);
	item_release(&it);
	(void)q;
	return id;
}

static int
first_id(void *ctx, const struct store_article *a)
{
	*(int64_t *)ctx = a->id;
	return 1;
}

/* Run one GET (or method) of target through the site. */
static void
run(struct tsite *t, struct web_req *r, const char *method,
    const char *target)
{
	static char path[512];
	const char *q = strchr(target, '?');

	web_req_init(r, &t->opt);
	r->get_store = tsite_store;
	r->store_ctx = t;
	r->method = method;
	snprintf(path, sizeof(path), "%.*s", q ? (int)(q - target)
	    : (int)strlen(target), target);
	r->path = path;
	if (q)
		CHECK_INT(web_parse_query(r, q + 1), 0);
	web_handle(r);
}

static const char *
header(const struct web_reply *rep, const char *name)
{
	size_t i;

	for (i = 0; i < rep->n_headers; i++)
		if (strcmp(rep->headers[i].name, name) == 0)
			return rep->headers[i].value;
	return NULL;
}

TEST(web_decode_and_query)
{
	struct web_req r;
	struct buf b = BUF_INIT;

	CHECK_INT(web_decode("a%20b+c", 7, true, &b), 0);
	CHECK_STR(buf_cstr(&b), "a b c");
	buf_reset(&b);
	CHECK_INT(web_decode("a%2", 3, false, &b), ERR_INVAL);
	buf_reset(&b);
	CHECK_INT(web_decode("%00", 3, false, &b), ERR_INVAL);
	buf_reset(&b);
	CHECK_INT(web_decode("%C3%28", 6, false, &b), ERR_INVAL);
	buf_release(&b);

	web_req_init(&r, NULL);
	CHECK_INT(web_parse_query(&r, "q=caf%C3%A9+au+lait&x&=y&bad=%zz&"
	    "before=12.3"), 0);
	CHECK_STR(web_arg(&r, "q"), "caf\xc3\xa9 au lait");
	CHECK_STR(web_arg(&r, "before"), "12.3");
	CHECK(web_arg(&r, "bad") == NULL);
	CHECK(web_arg(&r, "x") == NULL);
	web_req_release(&r);
}

TEST(web_route_404_405_and_params)
{
	struct tsite t;
	struct web_req r;

	if (!tsite_open(&t))
		return;
	run(&t, &r, "GET", "/no/such/page");
	CHECK_INT(r.status, 404);
	CHECK(strstr(buf_cstr(&r.body), "<h1>Page not found</h1>") != NULL);
	web_req_release(&r);

	run(&t, &r, "POST", "/");
	CHECK_INT(r.status, 405);
	CHECK_STR(r.allow, "GET, HEAD");
	web_req_release(&r);

	run(&t, &r, "GET", "/article/0");
	CHECK_INT(r.status, 404);
	web_req_release(&r);
	run(&t, &r, "GET", "/article/12x");
	CHECK_INT(r.status, 404);
	web_req_release(&r);
	run(&t, &r, "GET", "/article/99999999999999999999");
	CHECK_INT(r.status, 404);
	web_req_release(&r);
	run(&t, &r, "GET", "/article/77");
	CHECK_INT(r.status, 404);
	web_req_release(&r);

	run(&t, &r, "HEAD", "/healthz");
	CHECK_INT(r.status, 200);
	CHECK(r.head);
	web_req_release(&r);

	/* An encoded slash stays inside the tag's one segment. */
	run(&t, &r, "GET", "/tag/a%2Fb");
	CHECK_INT(r.status, 200);
	CHECK_STR(r.param[0], "a/b");
	web_req_release(&r);
	run(&t, &r, "GET", "/tag/%ff");
	CHECK_INT(r.status, 404);
	web_req_release(&r);

	run(&t, &r, "GET", "/?before=nonsense");
	CHECK_INT(r.status, 400);
	web_req_release(&r);
	tsite_close(&t);
}

TEST(web_reply_etag_304_gzip_headers)
{
	struct tsite t;
	struct web_req r;
	struct web_reply rep;
	char etag[40];

	if (!tsite_open(&t))
		return;
	run(&t, &r, "GET", "/");
	CHECK_INT(r.status, 200);
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_INT(rep.status, 200);
	CHECK_STR(header(&rep, "Content-Security-Policy"), WEB_CSP);
	CHECK_STR(header(&rep, "X-Content-Type-Options"), "nosniff");
	CHECK_STR(header(&rep, "Content-Type"), "text/html; charset=utf-8");
	CHECK(header(&rep, "Referrer-Policy") != NULL);
	CHECK(header(&rep, "ETag") != NULL);
	snprintf(etag, sizeof(etag), "%s", header(&rep, "ETag"));
	web_reply_release(&rep);
	web_req_release(&r);

	run(&t, &r, "GET", "/");
	r.if_none_match = etag;
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_INT(rep.status, 304);
	CHECK_INT(rep.len, 0);
	web_reply_release(&rep);
	web_req_release(&r);

	run(&t, &r, "GET", "/");
	r.if_none_match = "\"other\", W/\"nope\"";
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_INT(rep.status, 200);
	web_reply_release(&rep);
	web_req_release(&r);

	/* gzip: own ETag, and it still validates against the plain one. */
	run(&t, &r, "GET", "/");
	r.accept_encoding = "br;q=1.0, gzip;q=0.8";
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_STR(header(&rep, "Content-Encoding"), "gzip");
	CHECK(strstr(header(&rep, "ETag"), "-gz\"") != NULL);
	CHECK(rep.len > 10 && (unsigned char)rep.body[0] == 0x1f);
	web_reply_release(&rep);
	web_req_release(&r);

	run(&t, &r, "GET", "/");
	r.accept_encoding = "gzip;q=0";
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK(header(&rep, "Content-Encoding") == NULL);
	web_reply_release(&rep);
	web_req_release(&r);

	/* Error pages carry the security headers but are never cached. */
	run(&t, &r, "GET", "/missing");
	r.if_none_match = "*";
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_INT(rep.status, 404);
	CHECK_STR(header(&rep, "Cache-Control"), "no-store");
	CHECK_STR(header(&rep, "Content-Security-Policy"), WEB_CSP);
	web_reply_release(&rep);
	web_req_release(&r);
	tsite_close(&t);
}

TEST(web_reply_if_modified_since)
{
	struct web_req r;
	struct web_reply rep;
	char date[40];
	int64_t back = 0;

	web_http_date(NOW, date, sizeof(date));
	CHECK_STR(date, "Tue, 14 Nov 2023 22:13:20 GMT");
	CHECK_INT(web_http_date_parse(date, &back), 0);
	CHECK_INT(back, NOW);
	CHECK_INT(web_http_date_parse("yesterday", &back), ERR_INVAL);

	web_req_init(&r, NULL);
	r.method = "GET";
	CHECK_INT(buf_puts(&r.body, "hello"), 0);
	r.last_modified = NOW - 10;
	r.if_modified_since = date;
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_INT(rep.status, 304);
	web_reply_release(&rep);
	web_req_release(&r);

	web_req_init(&r, NULL);
	CHECK_INT(buf_puts(&r.body, "hello"), 0);
	r.last_modified = NOW + 10;
	r.if_modified_since = date;
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_INT(rep.status, 200);
	CHECK_STR(header(&rep, "Last-Modified"),
	    "Tue, 14 Nov 2023 22:13:30 GMT");
	web_reply_release(&rep);
	web_req_release(&r);
}

TEST(web_static_assets_versioned)
{
	struct tsite t;
	struct web_req r;
	struct web_reply rep;
	const char *url;
	char *css;
	size_t len = 0;

	if (!tsite_open(&t))
		return;
	url = web_asset_url("site.css");
	CHECK(strncmp(url, "/static/site.", 13) == 0);
	CHECK(strlen(url) == strlen("/static/site.0123456789.css"));
	run(&t, &r, "GET", url);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.content_type, "text/css; charset=utf-8");
	r.accept_encoding = "gzip";
	CHECK_INT(web_reply_build(&r, &rep), 0);
	CHECK_STR(header(&rep, "Cache-Control"),
	    "public, max-age=31536000, immutable");
	CHECK_STR(header(&rep, "Content-Encoding"), "gzip");
	web_reply_release(&rep);
	web_req_release(&r);
	run(&t, &r, "GET", "/static/site.0000000000.css");
	CHECK_INT(r.status, 404);
	web_req_release(&r);

	/* The generated file must match the sources (rerun gen.sh). */
	css = unit_read_file("src/web/assets/site.css", &len);
	CHECK(css != NULL && len == web_asset_files[0].len &&
	    memcmp(css, web_asset_files[0].data, len) == 0);
	free(css);
	/* Well under the weight budget for the page's own CSS and JS. */
	CHECK(web_asset_files[0].len < 12 * 1024);
	tsite_close(&t);
}

TEST(web_reltime_and_lang)
{
	struct buf b = BUF_INIT;
	static const struct { int64_t ago; const char *want; } cases[] = {
		{ 0, "just now" }, { -60, "just now" }, { 59, "just now" },
		{ 60, "1 minute ago" }, { 150, "2 minutes ago" },
		{ 3600, "1 hour ago" }, { 2 * 3600 + 5, "2 hours ago" },
		{ 86400, "yesterday" }, { 86400 * 2, "12 November 2023" },
		{ -86400, "15 November 2023" },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		buf_reset(&b);
		CHECK_INT(web_reltime(NOW - cases[i].ago, NOW, &b), 0);
		CHECK_STR(buf_cstr(&b), cases[i].want);
	}
	buf_reset(&b);
	CHECK_INT(web_time_html(&b, NOW - 7200, NOW), 0);
	CHECK_STR(buf_cstr(&b), "<time datetime=\"2023-11-14T20:13:20Z\" "
	    "title=\"2023-11-14 20:13 UTC\">2 hours ago</time>");
	CHECK(web_lang_ok("en") && web_lang_ok("pt-BR") &&
	    web_lang_ok("zh-Hant-TW"));
	CHECK(!web_lang_ok("e") && !web_lang_ok("en_US") &&
	    !web_lang_ok("en\" onclick=\"x") && !web_lang_ok(NULL));
	CHECK(web_lang_rtl("ar") && web_lang_rtl("he-IL") &&
	    web_lang_rtl("fa") && web_lang_rtl("ur"));
	CHECK(!web_lang_rtl("en") && !web_lang_rtl("fr"));
	buf_reset(&b);
	CHECK_INT(web_lang_attrs(&b, "he"), 0);
	CHECK_STR(buf_cstr(&b), " lang=\"he\" dir=\"rtl\"");
	buf_reset(&b);
	CHECK_INT(web_excerpt(&b, "one two\n\nthree <four> five six", 20),
	    0);
	CHECK_STR(buf_cstr(&b), "one two three\xe2\x80\xa6");
	buf_release(&b);
}

TEST(web_pages_escape_and_link)
{
	struct tsite t;
	struct web_req r;
	struct err e = { 0 };
	struct store_article_query q = { 0 };
	int64_t id = 0;
	char target[64];
	const char *html;

	if (!tsite_open(&t))
		return;
	add_article(&t, "g1", "Ferry <script>alert(1)</script> returns",
	    "<p>The ferry is back.</p>", "en", NOW - 7200, "Harbour & Sea");
	add_article(&t, "g2", "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa8\xd8\xa7\xd8"
	    "\xb1\xd8\xa9 ferry news", "<p>rtl</p>", "ar", NOW - 86400,
	    NULL);
	CHECK_INT(store_article_each(t.s, &q, first_id, &id, &e), 1);

	run(&t, &r, "GET", "/");
	html = buf_cstr(&r.body);
	CHECK_INT(r.status, 200);
	CHECK(strstr(html, "<script>") == NULL);
	CHECK(strstr(html, "Ferry &lt;script&gt;alert(1)&lt;/script&gt; "
	    "returns") != NULL);
	CHECK(strstr(html, "Harbour &lt;Gazette&gt;") != NULL);
	CHECK(strstr(html, "href=\"/tag/harbour%20%26%20sea\">Harbour &amp; Sea<") != NULL);
	CHECK(strstr(html, "2 hours ago</time>") != NULL);
	CHECK(strstr(html, "lang=\"ar\" dir=\"rtl\"") != NULL);
	CHECK(strstr(html, "yesterday</time>") != NULL);
	web_req_release(&r);

	snprintf(target, sizeof(target), "/article/%lld", (long long)id);
	run(&t, &r, "GET", target);
	html = buf_cstr(&r.body);
	CHECK_INT(r.status, 200);
	CHECK(strstr(html, "<h1>Ferry &lt;script&gt;") != NULL);
	CHECK(strstr(html, "<p>The ferry is back.</p>") != NULL);
	CHECK(strstr(html, "No comments yet.") != NULL);
	CHECK(strstr(html, "Related articles") != NULL);
	/* The related list finds the other ferry story, not itself. */
	CHECK(strstr(html, "ferry news</a></h3>") != NULL);
	CHECK(r.last_modified > 0);
	web_req_release(&r);

	/* Tag pages find tagged articles through search for now: a tag
	 * whose words are in the text is found, case-insensitively. */
	run(&t, &r, "GET", "/tag/FERRY");
	CHECK_INT(r.status, 200);
	CHECK(strstr(buf_cstr(&r.body), "Ferry &lt;script&gt;") != NULL);
	web_req_release(&r);

	run(&t, &r, "GET", "/search?q=ferry");
	CHECK_INT(r.status, 200);
	CHECK(strstr(buf_cstr(&r.body), "<mark>") != NULL);
	web_req_release(&r);

	run(&t, &r, "GET", "/search?q=%22%22");
	CHECK_INT(r.status, 200);
	CHECK(strstr(buf_cstr(&r.body), "class=\"bad\"") != NULL);
	web_req_release(&r);

	snprintf(target, sizeof(target), "/source/%lld", (long long)t.src);
	run(&t, &r, "GET", target);
	CHECK_INT(r.status, 200);
	CHECK(strstr(buf_cstr(&r.body), "not fetched yet") != NULL);
	web_req_release(&r);

	/* Metrics only from loopback. */
	run(&t, &r, "GET", "/metrics");
	CHECK_INT(r.status, 404);
	web_req_release(&r);
	tsite_close(&t);
}

TEST(web_front_keyset_pages)
{
	struct tsite t;
	struct web_req r;
	char guid[16], title[32];
	const char *older;
	char next[64];
	int i;

	if (!tsite_open(&t))
		return;
	for (i = 0; i < 35; i++) {
		snprintf(guid, sizeof(guid), "k%d", i);
		snprintf(title, sizeof(title), "Story number %d", i);
		add_article(&t, guid, title, "<p>x</p>", NULL,
		    NOW - 60 * (i + 1), NULL);
	}
	run(&t, &r, "GET", "/");
	older = strstr(buf_cstr(&r.body), "href=\"/?before=");
	CHECK(older != NULL);
	CHECK(strstr(buf_cstr(&r.body), "Story number 29<") != NULL);
	CHECK(strstr(buf_cstr(&r.body), "Story number 30<") == NULL);
	if (older)
		snprintf(next, sizeof(next), "%.*s", (int)strcspn(older + 6,
		    "\""), older + 6);
	web_req_release(&r);
	if (older == NULL) {
		tsite_close(&t);
		return;
	}
	run(&t, &r, "GET", next);
	CHECK_INT(r.status, 200);
	CHECK(strstr(buf_cstr(&r.body), "Story number 30<") != NULL);
	CHECK(strstr(buf_cstr(&r.body), "Story number 34<") != NULL);
	CHECK(strstr(buf_cstr(&r.body), "Story number 29<") == NULL);
	CHECK(strstr(buf_cstr(&r.body), "?before=") == NULL);
	web_req_release(&r);
	tsite_close(&t);
}

TEST(web_api_json_filters_and_errors)
{
	struct tsite t;
	struct web_req r;
	char guid[16], title[32], target[96];
	const char *body, *next;
	int i;

	if (!tsite_open(&t))
		return;
	for (i = 0; i < 12; i++) {
		snprintf(guid, sizeof(guid), "a%d", i);
		snprintf(title, sizeof(title), "Tide table %d \"q\"", i);
		add_article(&t, guid, title, "<p>x</p>", NULL,
		    NOW - 3600 * (i + 1), i % 2 ? "Harbour" : NULL);
	}
	run(&t, &r, "GET", "/api/v1/articles?limit=5");
	body = buf_cstr(&r.body);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.content_type, "application/json; charset=utf-8");
	CHECK(strstr(body, "\"title\":\"Tide table 0 \\\"q\\\"\"") != NULL);
	CHECK(strstr(body, "Tide table 4 ") != NULL);
	CHECK(strstr(body, "Tide table 5 ") == NULL);
	next = strstr(body, "\"next_url\":\"");
	CHECK(next != NULL);
	if (next) {
		snprintf(target, sizeof(target), "%.*s", (int)strcspn(next + 12,
		    "\""), next + 12);
		web_req_release(&r);
		run(&t, &r, "GET", target);
		CHECK(strstr(buf_cstr(&r.body), "Tide table 5 ") != NULL);
		CHECK(strstr(buf_cstr(&r.body), "Tide table 4 ") == NULL);
	}
	web_req_release(&r);

	/* Tag, case-blind, and a time window. */
	run(&t, &r, "GET", "/api/v1/articles?tag=HARBOUR&limit=100");
	body = buf_cstr(&r.body);
	CHECK(strstr(body, "Tide table 1 ") != NULL);
	CHECK(strstr(body, "Tide table 2 ") == NULL);
	CHECK(strstr(body, "\"next\":null") != NULL);
	web_req_release(&r);
	snprintf(target, sizeof(target), "/api/v1/articles?since=%d&until=%d",
	    NOW - 3 * 3600, NOW - 2 * 3600);
	run(&t, &r, "GET", target);
	body = buf_cstr(&r.body);
	CHECK(strstr(body, "Tide table 1 ") != NULL);
	CHECK(strstr(body, "Tide table 2 ") != NULL);
	CHECK(strstr(body, "Tide table 0 ") == NULL);
	CHECK(strstr(body, "Tide table 3 ") == NULL);
	web_req_release(&r);

	/* Errors are JSON with the right status. */
	run(&t, &r, "GET", "/api/v1/articles?since=yesterday");
	CHECK_INT(r.status, 400);
	CHECK(strstr(buf_cstr(&r.body), "{\"error\":{\"code\":\"bad_request\","
	    "\"message\":\"since must be") != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/articles/999999");
	CHECK_INT(r.status, 404);
	CHECK(strstr(buf_cstr(&r.body), "\"code\":\"not_found\"") != NULL);
	web_req_release(&r);
	run(&t, &r, "DELETE", "/api/v1/articles");
	CHECK_INT(r.status, 405);
	CHECK(strstr(buf_cstr(&r.body), "\"method_not_allowed\"") != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/search?q=tide&sort=sideways");
	CHECK_INT(r.status, 400);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/search?q=%22%22");
	CHECK_INT(r.status, 400);
	web_req_release(&r);

	run(&t, &r, "GET", "/api/v1/search?q=tide&limit=3&sort=date");
	body = buf_cstr(&r.body);
	CHECK_INT(r.status, 200);
	CHECK(strstr(body, "Tide table 0 ") != NULL);
	CHECK(strstr(body, "Tide table 3 ") == NULL);
	CHECK(strstr(body, "&before=") != NULL);
	CHECK(strstr(body, "<mark>") != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/search?q=tide&limit=3");
	CHECK(strstr(buf_cstr(&r.body), "\"next\":\"2\"") != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/search?q=tide&page=2&before=1.1");
	CHECK_INT(r.status, 400);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/sources");
	CHECK(strstr(buf_cstr(&r.body), "\"title\":\"Harbour <Gazette>\"")
	    != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/tags");
	CHECK(strstr(buf_cstr(&r.body), "{\"key\":\"ferry\",\"name\":"
	    "\"Ferry\",\"link\":\"/tag/ferry\",\"articles\":6}") != NULL);
	web_req_release(&r);
	tsite_close(&t);
}

TEST(web_time_parse_forms)
{
	int64_t t = 0;

	CHECK_INT(web_time_parse("2026-11-29", false, &t), 0);
	CHECK(t == 1795910400);
	CHECK_INT(web_time_parse("2026-11-29", true, &t), 0);
	CHECK(t == 1795910400 + 86399);
	CHECK_INT(web_time_parse("2026-11-29T01:00:00+01:00", false, &t), 0);
	CHECK(t == 1795910400);
	CHECK_INT(web_time_parse("2026-11-29T00:00:00.5Z", false, &t), 0);
	CHECK_INT(web_time_parse("1795910400", false, &t), 0);
	CHECK_INT(web_time_parse("2026-13-01", false, &t), ERR_INVAL);
	CHECK_INT(web_time_parse("2026-11-29T25:00:00Z", false, &t),
	    ERR_INVAL);
	CHECK_INT(web_time_parse("2026-11-29T10:00:00", false, &t), ERR_INVAL);
	CHECK_INT(web_time_parse("", false, &t), ERR_INVAL);
}

TEST(web_search_cjk_and_rtl)
{
	struct tsite t;
	struct web_req r;
	const char *body;

	if (!tsite_open(&t))
		return;
	add_article(&t, "c1", "\xe6\xb8\xaf\xe5\x8f\xa3\xe5\xb7\xa5\xe4\xba"
	    "\xba\xe7\xbd\xa2\xe5\xb7\xa5\xe4\xbb\x8a\xe5\xa4\xa9\xe5\xbc\x80"
	    "\xe5\xa7\x8b", "<p>x</p>", "zh", NOW - 60, NULL);
	add_article(&t, "c2", "Harbour news", "<p>x</p>", "he", NOW - 120,
	    NULL);
	/* A CJK word inside a sentence: FTS5 misses it, the scan finds it
	 * and marks it. */
	run(&t, &r, "GET", "/search?q=%E7%BD%A2%E5%B7%A5");
	body = buf_cstr(&r.body);
	CHECK_INT(r.status, 200);
	CHECK(strstr(body, "<mark>\xe7\xbd\xa2\xe5\xb7\xa5</mark>") != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/api/v1/search?q=%E7%BD%A2%E5%B7%A5");
	CHECK(strstr(buf_cstr(&r.body), "\"language\":\"zh\"") != NULL);
	web_req_release(&r);
	run(&t, &r, "GET", "/search?q=harbour");
	CHECK(strstr(buf_cstr(&r.body), "lang=\"he\" dir=\"rtl\"") != NULL);
	web_req_release(&r);
	tsite_close(&t);
}
