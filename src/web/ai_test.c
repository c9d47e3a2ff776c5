/*
 * ai_test.c: the article page's AI panel and folded background, the
 * entity page and the ask API, run through web_handle against a real
 * store in a temporary directory whose analysis is saved through store.h
 * as the ingest saves it. Analysis texts here are hostile on purpose:
 * they come from feeds, and the page must escape every one.
 */
#include "base/common.h"

#include <stdio.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "model/feed.h"
#include "store/store.h"
#include "web/web_int.h"
#include "unit.h"

#define NOW 1700000000

struct asite {
	char dir[64];
	char path[128];
	struct store *s;
	int64_t src;
	struct web_options opt;
};

static struct store *
asite_store(void *ctx)
{
	return ((struct asite *)ctx)->s;
}

static bool
asite_open(struct asite *t)
{
	struct err e = { 0 };

	memset(t, 0, sizeof(*t));
	setenv("TIDINGS_TEST_NOW", "1700000000", 1);
	snprintf(t->dir, sizeof(t->dir), "/tmp/tidings-ai-XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return false;
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (store_open(t->path, &t->s, &e) != 0 ||
	    store_source_add(t->s, "https://wire.example/feed", "Wire",
	    NULL, &t->src, &e) != 0)
		return false;
	web_options_defaults(&t->opt);
	return web_assets_init() == 0;
}

static void
asite_close(struct asite *t)
{
	char cmd[128];

	store_close(t->s);
	web_assets_free();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		unit_fail(__FILE__, __LINE__, "cannot remove %s", t->dir);
}

static int64_t
put(struct asite *t, const char *guid, const char *html, int64_t published)
{
	struct item it;
	struct err e = { 0 };
	int64_t id = 0;

	item_init(&it);
	it.id = strdup(guid);
	it.title = strdup("Ferry strike ends");
	it.content_html = strdup(html);
	it.content_text = strdup("The ferry strike ended on Monday.");
	it.has_published = true;
	it.date_published = published;
	if (store_article_put(t->s, t->src, &it, NOW, NULL, &id, &e) != 0)
		unit_fail(__FILE__, __LINE__, "put: %s", e.msg);
	item_release(&it);
	return id;
}

static void
run(struct asite *t, struct web_req *r, const char *target)
{
	static char path[512];
	const char *q = strchr(target, '?');

	web_req_init(r, &t->opt);
	r->get_store = asite_store;
	r->store_ctx = t;
	r->method = "GET";
	snprintf(path, sizeof(path), "%.*s", q ? (int)(q - target)
	    : (int)strlen(target), target);
	r->path = path;
	if (q)
		CHECK_INT(web_parse_query(r, q + 1), 0);
	web_handle(r);
}

static bool
has(struct web_req *r, const char *s)
{
	return r->body.p && strstr(buf_cstr(&r->body), s) != NULL;
}

TEST(web_ai_panel_background_entity_ask)
{
	struct asite t;
	struct web_req r;
	struct err e = { 0 };
	const char *kp[] = { "Point <one>", "Point & two", "Point three" };
	struct store_entity_in ents[] = {
		{ "annalind", "Anna <b>Lind</b>", "person", 3 },
		{ "portlinden", "Port Linden", "place", 1 },
		{ "dockunion", "Dock Union", "org", 2 },
		{ "thing", "Some Thing", "misc", 1 },
	};
	struct store_analysis an = { 0 };
	char target[128];
	int64_t id, id2, eid = 0;
	int i;

	if (!asite_open(&t))
		return;
	id = put(&t, "a1", "<p>The ferry strike ended.</p><p>Wire is a "
	    "news agency.</p>", NOW - 100);
	an.lang = "en";
	an.ai_summary = "Strike over <script>alert(1)</script>";
	an.key_points = kp;
	an.n_key_points = 3;
	an.body_main = "<p>The ferry strike ended.</p>";
	an.body_background = "<p>Wire is a news agency.</p>";
	an.entities = ents;
	an.n_entities = ARRAY_LEN(ents);
	an.version = 1;
	CHECK_INT(store_article_save_analysis(t.s, id, &an, &e), 0);
	/* A second article naming one of the entities: the entity page's
	 * second page, and a related article (store_article_related over
	 * no candidates hands qsort a NULL array, which UBSan rejects). */
	id2 = put(&t, "a2", "<p>Anna Lind spoke.</p>", NOW - 50);
	an.ai_summary = NULL;
	an.n_entities = 1;
	CHECK_INT(store_article_save_analysis(t.s, id2, &an, &e), 0);
	an.ai_summary = "Strike over <script>alert(1)</script>";

	snprintf(target, sizeof(target), "/article/%lld", (long long)id);
	run(&t, &r, target);
	CHECK_INT(r.status, 200);
	CHECK(has(&r, "<div class=\"body\">\n<p>The ferry strike ended.</p>"
	    "\n</div>\n<details class=\"background\"><summary>Background"
	    "</summary>\n<div class=\"body\">\n<p>Wire is a news agency.</p>"));
	CHECK(has(&r, "<h2 id=\"ai-h\">AI features</h2>"));
	CHECK(has(&r, "Strike over &lt;script&gt;alert(1)&lt;/script&gt;"));
	CHECK(!has(&r, "<script>alert"));
	CHECK(has(&r, "<li>Point &lt;one&gt;</li>"));
	CHECK(has(&r, "<li>Point &amp; two</li>"));
	CHECK(has(&r, "<h3>People</h3>"));
	CHECK(has(&r, "Anna &lt;b&gt;Lind&lt;/b&gt;</a> <span class=\"small\">"
	    "\xc3\x97" "3</span>"));
	CHECK(has(&r, "<h3>Places</h3>"));
	CHECK(has(&r, "<h3>Organisations</h3>"));
	CHECK(!has(&r, "Some Thing"));    /* misc: not a kind the panel shows */
	CHECK(has(&r, "name=\"q\""));
	CHECK(!has(&r, "id=\"answers\""));
	web_req_release(&r);

	/* An over-long question: the page, saying why. */
	{
		char big[700];

		snprintf(big, sizeof(big), "/article/%lld?q=", (long long)id);
		for (i = (int)strlen(big); i < (int)sizeof(big) - 1; i++)
			big[i] = 'a';
		big[sizeof(big) - 1] = '\0';
		run(&t, &r, big);
		CHECK_INT(r.status, 200);
		CHECK(has(&r, "longer than 500 bytes"));
		web_req_release(&r);
	}

	/* The entity page, and keyset paging over its two articles. */
	CHECK_INT(store_entity_find(t.s, "annalind", &eid, &e), 0);
	snprintf(target, sizeof(target), "/entity/%lld", (long long)eid);
	run(&t, &r, target);
	CHECK_INT(r.status, 200);
	CHECK(has(&r, "<h1><span class=\"small\">Person:</span> Anna "
	    "&lt;b&gt;Lind&lt;/b&gt;</h1>"));
	CHECK(has(&r, "Named in 2 articles."));
	web_req_release(&r);
	snprintf(target, sizeof(target), "/entity/%lld?before=%lld.%lld",
	    (long long)eid, (long long)(NOW - 50), (long long)id2);
	run(&t, &r, target);
	CHECK_INT(r.status, 200);
	snprintf(target, sizeof(target), "/article/%lld\"", (long long)id);
	CHECK(has(&r, target));
	snprintf(target, sizeof(target), "/article/%lld\"", (long long)id2);
	CHECK(!has(&r, target));
	web_req_release(&r);
	run(&t, &r, "/entity/424242");
	CHECK_INT(r.status, 404);
	web_req_release(&r);

	/* The ask API refuses a missing question as JSON. */
	snprintf(target, sizeof(target), "/api/v1/articles/%lld/ask",
	    (long long)id);
	run(&t, &r, target);
	CHECK_INT(r.status, 400);
	CHECK(has(&r, "\"code\":\"bad_request\""));
	web_req_release(&r);
	snprintf(target, sizeof(target), "/api/v1/articles/%lld/ask?q=When+"
	    "did+the+ferry+strike+end%%3F", (long long)id);
	run(&t, &r, target);
	CHECK_INT(r.status, 200);
	CHECK(has(&r, "\"question\":\"When did the ferry strike end?\""));
	CHECK(has(&r, "\"answers\":["));
	web_req_release(&r);
	run(&t, &r, "/api/v1/articles/424242/ask?q=who");
	CHECK_INT(r.status, 404);
	web_req_release(&r);
	asite_close(&t);
}
