/*
 * store_test.c: the storage layer, through store.h only, so that every
 * backend can run the same suite. Each test works in its own mkdtemp
 * directory. Two tests are SQLite-specific and say so: the schema-version
 * poke writes the SQLite file header, and the kill -9 loop relies on a
 * file database.
 */
#include "base/common.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "model/feed.h"
#include "store/fts.h"
#include "store/store.h"
#include "store/store_int.h"
#include "unit.h"

#define T0 1700000000 /* a fixed "now" for the tests */

struct tdb {
	char dir[64];
	char path[128];
	struct store *s;
	int64_t src;
};

static void
rm_rf(const char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		unit_fail(__FILE__, __LINE__, "cannot remove %s", dir);
}

/* A fresh database under a nested directory (which store_open creates),
 * with one source. */
static bool
tdb_open(struct tdb *t)
{
	struct err e = { 0 };

	memset(t, 0, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/tidings-store-XXXXXX");
	if (mkdtemp(t->dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return false;
	}
	snprintf(t->path, sizeof(t->path), "%s/a/b/tidings.db", t->dir);
	if (store_open(t->path, &t->s, &e) != 0) {
		unit_fail(__FILE__, __LINE__, "store_open: %s", e.msg);
		return false;
	}
	if (store_source_add(t->s, "https://example.org/feed.xml",
	    "Example News", NULL, &t->src, &e) != 0) {
		unit_fail(__FILE__, __LINE__, "source_add: %s", e.msg);
		return false;
	}
	return true;
}

static void
tdb_close(struct tdb *t)
{
	store_close(t->s);
	t->s = NULL;
	rm_rf(t->dir);
}

static void
set(char **field, const char *v)
{
	free(*field);
	*field = v ? strdup(v) : NULL;
}

/* An item with a guid (may be NULL), link, title, text and date. */
static void
make_item(struct item *it, const char *guid, const char *url,
    const char *title, const char *text, int64_t published)
{
	item_init(it);
	set(&it->id, guid);
	set(&it->url, url);
	set(&it->title, title);
	set(&it->content_text, text);
	if (text != NULL) {
		char html[512];

		snprintf(html, sizeof(html), "<p>%s</p>", text);
		set(&it->content_html, html);
	}
	if (published != 0) {
		it->has_published = true;
		it->date_published = published;
	}
}

static int
upsert(struct tdb *t, const struct item *it)
{
	enum store_upsert_outcome out = 99;
	struct err e = { 0 };
	int rc = store_article_upsert(t->s, t->src, it, T0, &out, &e);

	if (rc != 0) {
		unit_fail(__FILE__, __LINE__, "upsert: %s", e.msg);
		return -1;
	}
	return (int)out;
}

static int64_t
count(struct tdb *t)
{
	int64_t n = -1;

	CHECK_INT(store_article_count(t->s, &n, NULL), 0);
	return n;
}

struct hits {
	int n;
	int64_t ids[64];
	char first_snippet[256];
	char first_title[128];
};

static int
collect(void *ctx, const struct store_article *a)
{
	struct hits *h = ctx;

	if (h->n == 0) {
		snprintf(h->first_snippet, sizeof(h->first_snippet), "%s",
		    a->snippet ? a->snippet : "");
		snprintf(h->first_title, sizeof(h->first_title), "%s",
		    a->title ? a->title : "");
	}
	if (h->n < (int)ARRAY_LEN(h->ids))
		h->ids[h->n] = a->id;
	h->n++;
	return 0;
}

/* Number of hits for a query, or the (negative) error code. */
static int
search_n(struct tdb *t, const char *q, struct hits *h, struct err *e)
{
	int rc;

	memset(h, 0, sizeof(*h));
	rc = store_search(t->s, q, 50, collect, h, e);
	return rc != 0 ? rc : h->n;
}

TEST(store_open_migrate_reopen)
{
	struct tdb t;
	struct store *s2 = NULL;
	struct err e = { 0 };
	struct stat st;
	int v;

	if (!tdb_open(&t))
		return;
	v = store_schema_version(t.s);
	CHECK(v >= 1);
	CHECK_INT(stat(t.path, &st), 0);
	CHECK_INT(store_check(t.s, &e), 0);
	store_close(t.s);
	t.s = NULL;
	CHECK_INT(store_open(t.path, &s2, &e), 0);
	CHECK_INT(store_schema_version(s2), v);
	t.s = s2;
	tdb_close(&t);

	CHECK_INT(store_open("postgres://localhost/tidings", &s2, &e),
	    ERR_UNSUPPORTED);
	CHECK(strstr(e.msg, "PostgreSQL") != NULL);
	CHECK_INT(store_open("", &s2, &e), ERR_INVAL);
}

TEST(store_open_rejects_garbage_file)
{
	char dir[64], path[128];
	struct store *s = NULL;
	struct err e = { 0 };
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/tidings-store-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/not-a-db", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("this is a text file and certainly not a database, "
		    "whatever its name says; it is long enough to have a "
		    "header\n", f);
		fclose(f);
	}
	CHECK(store_open(path, &s, &e) < 0);
	CHECK(s == NULL);
	CHECK(e.msg[0] != '\0');
	rm_rf(dir);
}

/* SQLite-specific: the header's user_version (offset 60, big-endian)
 * claims a schema from the future. */
TEST(store_schema_newer_than_binary)
{
	struct tdb t;
	struct err e = { 0 };
	unsigned char v[4] = { 0, 0, 0x03, 0xE7 }; /* 999 */
	int fd;

	if (!tdb_open(&t))
		return;
	store_close(t.s);
	t.s = NULL;
	fd = open(t.path, O_WRONLY);
	CHECK(fd >= 0);
	CHECK_INT(pwrite(fd, v, 4, 60), 4);
	close(fd);
	CHECK_INT(store_open(t.path, &t.s, &e), ERR_UNSUPPORTED);
	CHECK(strstr(e.msg, "newer") != NULL);
	CHECK(strstr(e.msg, "999") != NULL);
	CHECK(t.s == NULL);
	tdb_close(&t);
}

static int
count_sources(void *ctx, const struct store_source *src)
{
	UNUSED(src);
	(*(int *)ctx)++;
	return 0;
}

static int
stop_at_first(void *ctx, const struct store_source *src)
{
	*(int64_t *)ctx = src->id;
	return 42;
}

TEST(store_source_crud)
{
	struct tdb t;
	struct store_source src = { 0 };
	struct err e = { 0 };
	int64_t id2 = 0, dup = 0, first = 0;
	int n;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_source_add(t.s, "https://example.org/feed.xml", NULL,
	    NULL, &dup, &e), ERR_EXISTS);
	CHECK_INT(dup, t.src);
	CHECK_INT(store_source_add(t.s, "https://other.example/rss", NULL,
	    "Science", &id2, &e), 0);
	CHECK(id2 != t.src);

	CHECK_INT(store_source_get(t.s, t.src, &src, &e), 0);
	CHECK_STR(src.url, "https://example.org/feed.xml");
	CHECK_STR(src.title, "Example News");
	CHECK(src.group_name == NULL);
	CHECK_INT(src.last_fetch, 0);
	CHECK_INT(src.article_count, 0);
	store_source_release(&src);

	CHECK_INT(store_source_find_url(t.s, "https://other.example/rss", &src,
	    &e), 0);
	CHECK_INT(src.id, id2);
	CHECK_STR(src.group_name, "Science");

	/* The outcome of a fetch. */
	set(&src.title, "Other Example");
	set(&src.site_url, "https://other.example/");
	set(&src.etag, "\"abc\"");
	set(&src.last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
	src.last_fetch = T0;
	src.last_success = T0;
	src.next_fetch = T0 + 3600;
	src.last_status = 200;
	CHECK_INT(store_source_save_fetch(t.s, &src, &e), 0);
	store_source_release(&src);
	CHECK_INT(store_source_get(t.s, id2, &src, &e), 0);
	CHECK_STR(src.title, "Other Example");
	CHECK_STR(src.etag, "\"abc\"");
	CHECK_INT(src.next_fetch, T0 + 3600);
	CHECK_INT(src.last_status, 200);
	CHECK_STR(src.group_name, "Science");
	/* Moving onto another source's URL is refused. */
	set(&src.url, "https://example.org/feed.xml");
	CHECK_INT(store_source_save_fetch(t.s, &src, &e), ERR_EXISTS);
	store_source_release(&src);

	/* Due: the first source (next_fetch 0) but not the second. */
	n = 0;
	CHECK_INT(store_source_each(t.s, T0, count_sources, &n, &e), 0);
	CHECK_INT(n, 1);
	n = 0;
	CHECK_INT(store_source_each(t.s, T0 + 3600, count_sources, &n, &e), 0);
	CHECK_INT(n, 2);
	CHECK_INT(store_source_set_paused(t.s, t.src, true, &e), 0);
	n = 0;
	CHECK_INT(store_source_each(t.s, T0 + 3600, count_sources, &n, &e), 0);
	CHECK_INT(n, 1);
	n = 0;
	CHECK_INT(store_source_each(t.s, -1, count_sources, &n, &e), 0);
	CHECK_INT(n, 2);
	CHECK_INT(store_source_each(t.s, -1, stop_at_first, &first, &e), 42);
	CHECK_INT(first, t.src);

	CHECK_INT(store_source_remove(t.s, id2, &e), 0);
	CHECK_INT(store_source_get(t.s, id2, &src, &e), ERR_NOTFOUND);
	CHECK_INT(store_source_remove(t.s, id2, &e), ERR_NOTFOUND);
	CHECK_INT(store_source_set_paused(t.s, 999, true, &e), ERR_NOTFOUND);
	tdb_close(&t);
}

struct name_seen {
	int n;
	int64_t ids[4];
	char names[4][64];
};

static int
name_seen(void *ctx, int64_t id, const char *name)
{
	struct name_seen *ns = ctx;

	if (ns->n == 4)
		return 7;
	ns->ids[ns->n] = id;
	snprintf(ns->names[ns->n++], sizeof(ns->names[0]), "%s", name);
	return 0;
}

/* Names for menus: the title, else the URL; a callback's stop returned. */
TEST(store_source_names_menu)
{
	struct name_seen ns = { 0 };
	struct tdb t;
	struct err e = { 0 };
	int64_t id2 = 0;
	int i;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_source_add(t.s, "https://other.example/rss", NULL,
	    NULL, &id2, &e), 0);
	CHECK_INT(store_source_names(t.s, name_seen, &ns, &e), 0);
	CHECK_INT(ns.n, 2);
	CHECK_INT(ns.ids[0], t.src);
	CHECK_STR(ns.names[0], "Example News");
	CHECK_INT(ns.ids[1], id2);
	CHECK_STR(ns.names[1], "https://other.example/rss");
	for (i = 0; i < 3; i++)
		CHECK_INT(store_source_add(t.s, i == 0 ?
		    "https://a.example/" : i == 1 ? "https://b.example/" :
		    "https://c.example/", NULL, NULL, &id2, &e), 0);
	ns.n = 0;
	CHECK_INT(store_source_names(t.s, name_seen, &ns, &e), 7);
	tdb_close(&t);
}

TEST(store_article_duplicate_guid)
{
	struct tdb t;
	struct item it;

	if (!tdb_open(&t))
		return;
	make_item(&it, "tag:example.org,2023:1", "https://example.org/a1",
	    "Harbour reopens", "The harbour reopened on Monday.", T0 - 100);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	CHECK_INT(upsert(&t, &it), STORE_UNCHANGED);
	/* Same guid, another link: still the same article. */
	set(&it.url, "https://example.org/a1?ref=rss");
	CHECK_INT(upsert(&t, &it), STORE_UPDATED);
	CHECK_INT(upsert(&t, &it), STORE_UNCHANGED);
	CHECK_INT(count(&t), 1);
	item_release(&it);
	tdb_close(&t);
}

TEST(store_article_duplicate_canonical_link)
{
	static const char *const links[] = {
		"https://Example.ORG/news/bridge?id=7&utm_source=rss"
		    "&utm_medium=feed",
		"https://example.org/news/bridge?id=7#comments",
		"HTTPS://EXAMPLE.org:443/news/bridge?id=7",
	};
	struct tdb t;
	struct item it;
	size_t i;

	if (!tdb_open(&t))
		return;
	make_item(&it, NULL, "https://example.org/news/bridge?id=7",
	    "Bridge repairs", "Work on the bridge starts in May.", T0 - 50);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	for (i = 0; i < ARRAY_LEN(links); i++) {
		set(&it.url, links[i]);
		CHECK(upsert(&t, &it) != STORE_INSERTED);
	}
	CHECK_INT(count(&t), 1);
	/* A different query value is a different article. */
	set(&it.url, "https://example.org/news/bridge?id=8");
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	CHECK_INT(count(&t), 2);
	/* Neither guid nor link: title and date identify it. */
	set(&it.url, NULL);
	set(&it.title, "Notice without a link");
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	CHECK_INT(upsert(&t, &it), STORE_UNCHANGED);
	it.date_published += 60;
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	CHECK_INT(count(&t), 4);
	item_release(&it);
	tdb_close(&t);
}

TEST(store_article_update_keeps_fts_in_step)
{
	struct tdb t;
	struct item it;
	struct store_article a;
	struct hits h;
	struct err e = { 0 };
	int64_t id;

	if (!tdb_open(&t))
		return;
	make_item(&it, "g-1", "https://example.org/p/1", "Orchard harvest",
	    "Apples were picked early this year.", T0 - 3600);
	CHECK(item_add_tag(&it, "Farming") == 0);
	CHECK(item_add_tag(&it, " farming ") == 0);
	CHECK(item_add_tag(&it, "Local  News") == 0);
	CHECK(item_add_author(&it, "Ada Field", NULL, NULL) == 0);
	CHECK(item_add_author(&it, NULL, NULL, "desk@example.org") == 0);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	CHECK_INT(search_n(&t, "apples", &h, &e), 1);
	id = h.ids[0];
	CHECK(strstr(h.first_snippet, "\x02" "Apples\x03") != NULL);

	CHECK_INT(store_article_get(t.s, id, &a, &e), 0);
	CHECK_STR(a.title, "Orchard harvest");
	CHECK_STR(a.source_title, "Example News");
	CHECK_STR(a.guid, "g-1");
	CHECK_STR(a.author, "Ada Field, desk@example.org");
	CHECK_INT(a.n_tags, 2);
	if (a.n_tags == 2) {
		CHECK_STR(a.tags[0], "Farming");
		CHECK_STR(a.tags[1], "Local  News");
	}
	CHECK_INT(a.published, T0 - 3600);
	CHECK_INT(a.sort_time, T0 - 3600);
	CHECK_INT(a.received, T0);
	store_article_release(&a);

	/* The edit replaces the old words in the index. */
	set(&it.title, "Pear harvest");
	set(&it.content_text, "Pears were picked late this year.");
	CHECK_INT(upsert(&t, &it), STORE_UPDATED);
	CHECK_INT(search_n(&t, "apples", &h, &e), 0);
	CHECK_INT(search_n(&t, "orchard", &h, &e), 0);
	CHECK_INT(search_n(&t, "pears", &h, &e), 1);
	CHECK_INT(search_n(&t, "pear", &h, &e), 1); /* stemmed */
	CHECK_INT(h.ids[0], id);
	CHECK_INT(store_check(t.s, &e), 0);
	CHECK_INT(store_article_get(t.s, id, &a, &e), 0);
	CHECK_STR(a.title, "Pear harvest");
	CHECK_INT(a.n_tags, 2);
	store_article_release(&a);
	CHECK_INT(store_article_get(t.s, id + 100, &a, &e), ERR_NOTFOUND);
	item_release(&it);
	tdb_close(&t);
}

TEST(store_source_remove_cascades)
{
	struct tdb t;
	struct item it;
	struct hits h;
	struct err e = { 0 };
	struct store_source src;
	int64_t other = 0;
	int i;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_source_add(t.s, "https://second.example/atom", "Second",
	    NULL, &other, &e), 0);
	CHECK_INT(store_begin(t.s, &e), 0);
	for (i = 0; i < 20; i++) {
		char guid[32];

		snprintf(guid, sizeof(guid), "k-%d", i);
		make_item(&it, guid, NULL, "Kestrel sighted",
		    "A kestrel hovered over the field.", T0 - i);
		CHECK(item_add_tag(&it, "birds") == 0);
		CHECK_INT(upsert(&t, &it), STORE_INSERTED);
		item_release(&it);
	}
	CHECK_INT(store_commit(t.s, &e), 0);
	make_item(&it, "x", NULL, "Kestrel elsewhere", "Seen again.", T0);
	CHECK_INT(store_article_upsert(t.s, other, &it, T0, NULL, &e), 0);
	item_release(&it);
	CHECK_INT(store_source_get(t.s, t.src, &src, &e), 0);
	CHECK_INT(src.article_count, 20);
	store_source_release(&src);
	CHECK_INT(search_n(&t, "kestrel", &h, &e), 21);

	CHECK_INT(store_source_remove(t.s, t.src, &e), 0);
	CHECK_INT(count(&t), 1);
	CHECK_INT(search_n(&t, "kestrel", &h, &e), 1);
	CHECK_INT(store_check(t.s, &e), 0);
	/* An article for a source that is gone is refused. */
	make_item(&it, "late", NULL, "Late", "Too late.", T0);
	CHECK_INT(store_article_upsert(t.s, t.src, &it, T0, NULL, &e),
	    ERR_NOTFOUND);
	item_release(&it);
	tdb_close(&t);
}

struct page {
	int n;
	int64_t ids[16];
	int64_t times[16];
};

static int
page_add(void *ctx, const struct store_article *a)
{
	struct page *p = ctx;

	if (p->n < 16) {
		p->ids[p->n] = a->id;
		p->times[p->n] = a->sort_time;
	}
	p->n++;
	return 0;
}

TEST(store_article_keyset_pages)
{
	struct tdb t;
	struct item it;
	struct err e = { 0 };
	struct store_article_query q = { 0 };
	struct page p;
	int64_t seen[40];
	int n_seen = 0, i, j, pages = 0;
	int64_t other = 0;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_begin(t.s, &e), 0);
	/* 25 items share one timestamp, 5 are older, 3 have no date. */
	for (i = 0; i < 33; i++) {
		char guid[32];

		snprintf(guid, sizeof(guid), "same-%d", i);
		make_item(&it, guid, NULL, "Tick", "Same second.",
		    i < 25 ? T0 - 500 : i < 30 ? T0 - 1000 - i : 0);
		CHECK_INT(upsert(&t, &it), STORE_INSERTED);
		item_release(&it);
	}
	CHECK_INT(store_commit(t.s, &e), 0);
	CHECK_INT(store_source_add(t.s, "https://third.example/", NULL, NULL,
	    &other, &e), 0);
	make_item(&it, "o", NULL, "Other", "Other source.", T0 - 700);
	CHECK_INT(store_article_upsert(t.s, other, &it, T0, NULL, &e), 0);
	item_release(&it);

	q.source_id = t.src;
	q.limit = 7;
	for (;;) {
		memset(&p, 0, sizeof(p));
		CHECK_INT(store_article_each(t.s, &q, page_add, &p, &e), 0);
		if (p.n == 0 || ++pages > 10)
			break;
		CHECK(p.n <= 7);
		for (i = 0; i < p.n && n_seen < 40; i++) {
			for (j = 0; j < n_seen; j++)
				CHECK(seen[j] != p.ids[i]);
			seen[n_seen++] = p.ids[i];
			if (i > 0)
				CHECK(p.times[i] < p.times[i - 1] ||
				    (p.times[i] == p.times[i - 1] &&
				    p.ids[i] < p.ids[i - 1]));
		}
		q.before_time = p.times[p.n - 1];
		q.before_id = p.ids[p.n - 1];
	}
	CHECK_INT(n_seen, 33);
	CHECK_INT(pages, 5);
	/* Undated items sort by their received time: first. */
	memset(&p, 0, sizeof(p));
	q.before_time = q.before_id = 0;
	q.limit = 3;
	CHECK_INT(store_article_each(t.s, &q, page_add, &p, &e), 0);
	CHECK_INT(p.n, 3);
	CHECK_INT(p.times[0], T0);
	/* All sources. */
	memset(&p, 0, sizeof(p));
	q.source_id = 0;
	q.limit = 0;
	CHECK_INT(store_article_each(t.s, &q, page_add, &p, &e), 0);
	CHECK_INT(p.n, 34);
	tdb_close(&t);
}

TEST(store_recent_times_and_future_dates)
{
	struct tdb t;
	struct item it;
	struct err e = { 0 };
	int64_t times[8];
	size_t n = 99;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_source_recent_times(t.s, t.src, times, 8, &n, &e), 0);
	CHECK_INT(n, 0);
	make_item(&it, "a", NULL, "A", "a", T0 - 300);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	make_item(&it, "b", NULL, "B", "b", T0 - 100);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	/* From the year 2100: it must not pin itself to the top. */
	make_item(&it, "c", NULL, "C", "c", 4102444800LL);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	CHECK_INT(store_source_recent_times(t.s, t.src, times, 2, &n, &e), 0);
	CHECK_INT(n, 2);
	CHECK_INT(times[0], T0);
	CHECK_INT(times[1], T0 - 100);
	tdb_close(&t);
}

TEST(store_search_queries)
{
	struct tdb t;
	struct item it;
	struct hits h;
	struct err e = { 0 };

	if (!tdb_open(&t))
		return;
	make_item(&it, "1", NULL, "Solar farm approved",
	    "The council approved a new solar farm near the river.", T0 - 10);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	make_item(&it, "2", NULL, "River cleanup",
	    "Volunteers cleaned the river banks on Sunday. Caf\xC3\xA9 owners "
	    "served soup.", T0 - 20);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	make_item(&it, "3", NULL, "Council budget",
	    "The solar levy is part of the council budget.", T0 - 30);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);

	CHECK_INT(search_n(&t, "river", &h, &e), 2);
	/* The title weighs more than the text. */
	CHECK_STR(h.first_title, "River cleanup");
	CHECK_INT(search_n(&t, "solar council", &h, &e), 2);
	CHECK_INT(search_n(&t, "\"solar farm\"", &h, &e), 1);
	CHECK_INT(search_n(&t, "\"farm solar\"", &h, &e), 0);
	CHECK_INT(search_n(&t, "volunt*", &h, &e), 1);
	CHECK_INT(search_n(&t, "budget OR volunteers", &h, &e), 2);
	CHECK_INT(search_n(&t, "solar -budget", &h, &e), 1);
	CHECK_INT(search_n(&t, "solar NOT budget", &h, &e), 1);
	CHECK_INT(search_n(&t, "cafe", &h, &e), 1); /* diacritics folded */
	CHECK_INT(search_n(&t, "RIVER", &h, &e), 2);
	CHECK_INT(search_n(&t, "council river OR budget", &h, &e), 2);
	tdb_close(&t);
}

/* Articles in French, German, Spanish, Arabic and English, each stemmed
 * in its own language (schema step 10, store/fts.c): a word finds its
 * other forms there, in a title (stemmed in every language) too. */
TEST(store_search_languages)
{
	static const struct {
		const char *guid, *title, *text;
	} arts[] = {
		{ "de", "Neue Br\xC3\xBC" "cken f\xC3\xBCr Berlin",
		  "Die Wahlen in Bayern haben gezeigt, dass die B\xC3\xBCrger "
		  "mit der Regierung nicht zufrieden sind und sich eine neue "
		  "Politik f\xC3\xBCr das ganze Land w\xC3\xBCnschen. Viele "
		  "W\xC3\xA4hler blieben am Sonntag zu Hause." },
		{ "fr", "March\xC3\xA9 aux bestiaux",
		  "Les chevaux de la ferme ont \xC3\xA9t\xC3\xA9 vendus au "
		  "march\xC3\xA9 de la ville, et les \xC3\xA9leveurs disent que "
		  "les prix sont plus bas que l'ann\xC3\xA9" "e derni\xC3\xA8re "
		  "pour tous les animaux de la r\xC3\xA9gion." },
		{ "es", "Noche larga en la ciudad",
		  "Las elecciones en la ciudad fueron muy re\xC3\xB1idas y los "
		  "candidatos pasaron la noche esperando los resultados con "
		  "sus familias y sus amigos en el centro de la capital." },
		{ "ar", "\xD9\x86\xD8\xAA\xD8\xA7\xD8\xA6\xD8\xAC",
		  /* "The committee announced the results of the elections
		   * in the city after a long day of voting." */
		  "\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86\xD8\xAA "
		  "\xD8\xA7\xD9\x84\xD9\x84\xD8\xAC\xD9\x86\xD8\xA9 "
		  "\xD9\x86\xD8\xAA\xD8\xA7\xD8\xA6\xD8\xAC "
		  "\xD8\xA7\xD9\x84\xD8\xA7\xD9\x86\xD8\xAA\xD8\xAE\xD8\xA7"
		  "\xD8\xA8\xD8\xA7\xD8\xAA "
		  "\xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x8A"
		  "\xD9\x86\xD8\xA9 \xD8\xA8\xD8\xB9\xD8\xAF "
		  "\xD9\x8A\xD9\x88\xD9\x85 \xD8\xB7\xD9\x88\xD9\x8A\xD9\x84 "
		  "\xD9\x85\xD9\x86 \xD8\xA7\xD9\x84\xD8\xAA\xD8\xB5\xD9\x88"
		  "\xD9\x8A\xD8\xAA." },
		{ "en", "Town repairs",
		  "The old bridges over the river were closed for repairs after "
		  "the storm, and the town council said that the work would "
		  "take most of the summer and cost more than it had hoped." },
	};
	/* "elections", without the article al- */
	static const char ar_elections[] = "\xD8\xA7\xD9\x86\xD8\xAA\xD8\xAE"
	    "\xD8\xA7\xD8\xA8\xD8\xA7\xD8\xAA";
	struct tdb t;
	struct item it;
	struct hits h;
	struct err e = { 0 };
	int64_t fr_id = 0;
	size_t i;

	if (!tdb_open(&t))
		return;
	for (i = 0; i < ARRAY_LEN(arts); i++) {
		make_item(&it, arts[i].guid, NULL, arts[i].title, arts[i].text,
		    T0 - (int64_t)i);
		CHECK_INT(upsert(&t, &it), STORE_INSERTED);
		item_release(&it);
	}
	CHECK_INT(search_n(&t, "Wahl", &h, &e), 1);          /* Wahlen */
	CHECK_STR(h.first_title, arts[0].title);
	CHECK_INT(search_n(&t, "W\xC3\xA4hlern", &h, &e), 1); /* Wähler */
	CHECK_INT(search_n(&t, "Br\xC3\xBC" "cke", &h, &e), 1); /* title */
	CHECK_INT(search_n(&t, "cheval", &h, &e), 1);        /* chevaux */
	CHECK_STR(h.first_title, arts[1].title);
	fr_id = h.ids[0];
	/* The snippet marks the word as written. */
	CHECK(strstr(h.first_snippet, "\x02" "chevaux\x03") != NULL);
	CHECK_INT(search_n(&t, "\xC3\xA9leveur", &h, &e), 1);
	CHECK_INT(search_n(&t, "eleccion", &h, &e), 1);      /* elecciones */
	CHECK_STR(h.first_title, arts[2].title);
	CHECK_INT(search_n(&t, "elecci\xC3\xB3n", &h, &e), 1);
	CHECK_INT(search_n(&t, ar_elections, &h, &e), 1);
	CHECK_STR(h.first_title, arts[3].title);
	CHECK_INT(search_n(&t, "bridge", &h, &e), 1);        /* bridges */
	CHECK_STR(h.first_title, arts[4].title);
	CHECK_INT(search_n(&t, "repair", &h, &e), 1);
	/* Prefixes look for the word as typed; phrases keep their order. */
	CHECK_INT(search_n(&t, "chev*", &h, &e), 1);
	CHECK_INT(search_n(&t, "bridg*", &h, &e), 1);
	CHECK_INT(search_n(&t, "chevaux*", &h, &e), 1);
	CHECK_INT(search_n(&t, "bridges*", &h, &e), 1);
	CHECK_INT(search_n(&t, "Wahlen*", &h, &e), 1);
	CHECK_INT(search_n(&t, "\"chevaux de la ferme\"", &h, &e), 1);
	CHECK_INT(search_n(&t, "\"cheval de la ferme\"", &h, &e), 1);
	CHECK_INT(search_n(&t, "\"ferme de la chevaux\"", &h, &e), 0);
	CHECK_INT(search_n(&t, "\"old bridge\"", &h, &e), 1);
	CHECK_INT(store_check(t.s, &e), 0);

	/* An edit and a removal take out exactly what went in
	 * (store_check runs FTS5's integrity-check against articles). */
	make_item(&it, "fr", NULL, "Les vaches", "Les vaches de la ferme "
	    "sont rest\xC3\xA9" "es dans le pr\xC3\xA9 pendant tout l'hiver, "
	    "et les \xC3\xA9leveurs du village ne sont pas contents de la "
	    "pluie qui tombe depuis des semaines.", T0 - 1);
	CHECK_INT(upsert(&t, &it), STORE_UPDATED);
	item_release(&it);
	CHECK_INT(search_n(&t, "cheval", &h, &e), 0);
	CHECK_INT(search_n(&t, "vache", &h, &e), 1);
	CHECK_INT(h.ids[0], fr_id);
	CHECK_INT(store_check(t.s, &e), 0);
	CHECK_INT(store_source_remove(t.s, t.src, &e), 0);
	CHECK_INT(search_n(&t, "vache", &h, &e), 0);
	CHECK_INT(search_n(&t, "bridge", &h, &e), 0);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

/* A database from before step 10 (porter: English stems for every
 * article) is indexed again in each article's language when opened. */
TEST(store_search_languages_migrate)
{
	static const char porter[] =
	    "DROP TABLE articles_fts;"
	    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title,"
	    " content_text, content = 'articles', content_rowid = 'id',"
	    " tokenize = 'porter unicode61 remove_diacritics 2');"
	    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
	    "PRAGMA user_version = 9;";
	struct tdb t;
	struct item it;
	struct hits h;
	struct err e = { 0 };
	sqlite3 *db = NULL;

	if (!tdb_open(&t))
		return;
	make_item(&it, "de", NULL, "Bayern hat gew\xC3\xA4hlt",
	    "Die Wahlen in Bayern haben gezeigt, dass die B\xC3\xBCrger "
	    "mit der Regierung nicht zufrieden sind und sich eine neue "
	    "Politik f\xC3\xBCr das ganze Land w\xC3\xBCnschen.", T0);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	store_close(t.s);
	t.s = NULL;
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	/* Without the tokenizer the table cannot even be dropped. */
	CHECK(sqlite3_exec(db, porter, NULL, NULL, NULL) != SQLITE_OK);
	CHECK_INT(store_fts_register(db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, porter, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(store_open(t.path, &t.s, &e), 0);
	if (t.s == NULL) {
		tdb_close(&t);
		return;
	}
	CHECK(store_schema_version(t.s) >= 10);
	CHECK_INT(search_n(&t, "Wahl", &h, &e), 1);
	CHECK_INT(store_check(t.s, &e), 0);
	/* The triggers of step 1 still keep the index in step. */
	make_item(&it, "de", NULL, "Bayern hat gew\xC3\xA4hlt",
	    "Die Stimmen werden noch gez\xC3\xA4hlt, und die Parteien "
	    "warten in ihren Zentralen auf das Ergebnis der Nacht, das "
	    "erst am Montag erwartet wird.", T0);
	CHECK_INT(upsert(&t, &it), STORE_UPDATED);
	item_release(&it);
	CHECK_INT(search_n(&t, "Wahl", &h, &e), 0);
	CHECK_INT(search_n(&t, "Partei", &h, &e), 1);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

TEST(store_search_hostile_queries)
{
	static const char *const ok_queries[] = {
		"AND", "OR", "NOT", "\"", "\"\"\"", "*", "**", "NEAR(", ")",
		"(", "col:x", "title:river", "river)", "(river", "^river",
		"river AND", "OR river", "river OR", "NEAR(river solar, 2)",
		"-", "--river", "river -", "\"unterminated river",
		"a\"b\"c", "{title}: river", "river +solar", "r*ver",
		"\xE2\x80\xA6", "\xE6\x97\xA5\xE6\x9C\xAC",
		"'; DROP TABLE x; --",
		"\\", "%_", "river NOT NOT", "AND AND OR NOT",
	};
	static const char *const bad_queries[] = {
		"", "   ", "-river", "-a -b", "NOT river",
	};
	struct tdb t;
	struct item it;
	struct hits h;
	struct err e;
	char big[4096];
	size_t i;

	if (!tdb_open(&t))
		return;
	make_item(&it, "1", NULL, "River news", "The river rose.", T0);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	for (i = 0; i < ARRAY_LEN(ok_queries); i++) {
		int rc;

		memset(&e, 0, sizeof(e));
		rc = search_n(&t, ok_queries[i], &h, &e);
		if (rc < 0 && rc != ERR_INVAL)
			unit_fail(__FILE__, __LINE__, "query [%s]: %d %s",
			    ok_queries[i], rc, e.msg);
		if (rc == ERR_INVAL && (strstr(e.msg, "fts5") ||
		    strstr(e.msg, "syntax") || strstr(e.msg, "SQL")))
			unit_fail(__FILE__, __LINE__, "query [%s]: raw %s",
			    ok_queries[i], e.msg);
	}
	CHECK_INT(search_n(&t, "river)", &h, &e), 1);
	CHECK_INT(search_n(&t, "NEAR(river", &h, &e), 0); /* "near" too */
	CHECK_INT(search_n(&t, "title:river", &h, &e), 0);
	for (i = 0; i < ARRAY_LEN(bad_queries); i++) {
		memset(&e, 0, sizeof(e));
		CHECK_INT(search_n(&t, bad_queries[i], &h, &e), ERR_INVAL);
		CHECK(e.msg[0] != '\0');
	}
	memset(big, 'w', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_INT(search_n(&t, big, &h, &e), ERR_INVAL);
	for (i = 0; i + 2 < 200; i += 2) {
		big[i] = 'w';
		big[i + 1] = ' ';
	}
	big[i] = '\0';
	CHECK_INT(search_n(&t, big, &h, &e), ERR_INVAL);
	CHECK(strstr(e.msg, "too many") != NULL);
	CHECK_INT(search_n(&t, "river \xFF", &h, &e), ERR_INVAL);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

/* A callback may call back into the store, even the same walk. */
static int
nested_walk(void *ctx, const struct store_source *src)
{
	struct store *s = ctx;
	struct store_source copy;
	int n = 0;

	if (store_source_get(s, src->id, &copy, NULL) != 0)
		return -100;
	store_source_release(&copy);
	if (store_source_each(s, -1, count_sources, &n, NULL) != 0 || n != 2)
		return -101;
	return 0;
}

TEST(store_each_callback_reenters)
{
	struct tdb t;
	struct err e = { 0 };
	int64_t id = 0;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_source_add(t.s, "https://b.example/", NULL, NULL, &id,
	    &e), 0);
	CHECK_INT(store_source_each(t.s, -1, nested_walk, t.s, &e), 0);
	tdb_close(&t);
}

TEST(store_rollback_discards)
{
	struct tdb t;
	struct item it;
	struct err e = { 0 };

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_begin(t.s, &e), 0);
	make_item(&it, "r", NULL, "Rolled back", "Never stored.", T0);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	store_rollback(t.s);
	CHECK_INT(count(&t), 0);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

/* One unit of a group: an article, then commit or roll back. */
static void
group_unit(struct tdb *t, bool guarded, const char *guid, bool keep)
{
	struct err e = { 0 };
	struct item it;

	if (guarded)
		CHECK_INT(store_begin(t->s, &e), 0);
	else
		CHECK_INT(store_begin_unguarded(t->s, &e), 0);
	make_item(&it, guid, NULL, guid, "Words for the index.", T0);
	CHECK_INT(upsert(t, &it), STORE_INSERTED);
	item_release(&it);
	if (keep)
		CHECK_INT(store_commit(t->s, &e), 0);
	else
		store_rollback(t->s);
}

TEST(store_group_units)
{
	struct tdb t;
	struct err e = { 0 };
	struct hits h;

	if (!tdb_open(&t))
		return;
	CHECK(!store_group_open(t.s));
	CHECK_INT(store_group_begin(t.s, &e), 0);
	CHECK(store_group_open(t.s));
	group_unit(&t, true, "kept-a", true);
	group_unit(&t, false, "kept-b", true);
	group_unit(&t, true, "dropped-c", false); /* only this unit goes */
	CHECK(store_group_open(t.s));
	group_unit(&t, false, "kept-d", true);
	CHECK_INT(store_group_end(t.s, &e), 0);
	CHECK(!store_group_open(t.s));
	CHECK_INT(count(&t), 3);
	CHECK_INT(search_n(&t, "kept", &h, &e), 3);

	/* A failed unit without a savepoint takes its whole group. */
	CHECK_INT(store_group_begin(t.s, &e), 0);
	group_unit(&t, true, "lost-e", true);
	group_unit(&t, false, "lost-f", true);
	group_unit(&t, false, "lost-g", false);
	CHECK(!store_group_open(t.s));
	CHECK_INT(store_group_end(t.s, &e), 0); /* nothing left to do */
	CHECK_INT(count(&t), 3);
	CHECK_INT(search_n(&t, "lost", &h, &e), 0);
	/* Outside a group, an unguarded unit is a transaction. */
	group_unit(&t, false, "alone-h", false);
	group_unit(&t, false, "alone-i", true);
	CHECK_INT(count(&t), 4);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

#define KILL_BATCH 10
#define KILL_ROUNDS 12

/* The child writes batches of KILL_BATCH articles, one transaction each,
 * until it is killed. */
static void
kill_child(const char *path, int64_t src, int round)
{
	struct store *s = NULL;
	struct item it;
	int i, b;

	if (store_open(path, &s, NULL) != 0)
		_exit(3);
	for (b = 0; b < 100000; b++) {
		if (store_begin(s, NULL) != 0)
			_exit(4);
		for (i = 0; i < KILL_BATCH; i++) {
			char guid[64], text[200];

			snprintf(guid, sizeof(guid), "r%d-b%d-i%d", round, b,
			    i);
			snprintf(text, sizeof(text), "Batch %d item %d of "
			    "round %d: words for the index, river solar.", b,
			    i, round);
			make_item(&it, guid, NULL, guid, text, T0 - b);
			if (store_article_upsert(s, src, &it, T0, NULL,
			    NULL) != 0)
				_exit(5);
			item_release(&it);
		}
		if (store_commit(s, NULL) != 0)
			_exit(6);
	}
	store_close(s);
	_exit(0);
}

/* SQLite-specific in spirit (a local file), run against the public API:
 * kill -9 a writer at random moments and check that every time the file
 * is sound and holds only whole transactions. */
TEST(store_kill9_leaves_whole_transactions)
{
	struct tdb t;
	struct err e = { 0 };
	int round;
	int64_t n = 0, last = 0;

	if (!tdb_open(&t))
		return;
	store_close(t.s);
	t.s = NULL;
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	for (round = 0; round < KILL_ROUNDS; round++) {
		struct timespec ts = { 0, 0 };
		int status = 0;
		pid_t pid;

		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			unit_fail(__FILE__, __LINE__, "fork");
			break;
		}
		if (pid == 0)
			kill_child(t.path, t.src, round);
		ts.tv_nsec = (long)(rand() % 150 + 5) * 1000000L;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (WIFEXITED(status))
			unit_fail(__FILE__, __LINE__, "writer exited %d",
			    WEXITSTATUS(status));

		CHECK_INT(store_open(t.path, &t.s, &e), 0);
		if (t.s == NULL)
			break;
		CHECK_INT(store_check(t.s, &e), 0);
		if (e.msg[0])
			unit_fail(__FILE__, __LINE__, "round %d: %s", round,
			    e.msg);
		CHECK_INT(store_article_count(t.s, &n, &e), 0);
		CHECK_INT(n % KILL_BATCH, 0);
		CHECK(n >= last);
		last = n;
		printf("# kill round %d: %lld articles\n", round, (long long)n);
		store_close(t.s);
		t.s = NULL;
	}
	tdb_close(&t);
}

/* ---- step 2: tags, filters, search options, related, analysis ---- */

/* Store an item with the given tags (and optional keys) under guid. */
static int64_t
put_tagged(struct tdb *t, const char *guid, const char *title,
    const char *text, int64_t published, const char *const *tags,
    const char *const *keys, size_t n)
{
	enum store_upsert_outcome out;
	struct err e = { 0 };
	struct item it;
	int64_t id = 0;
	size_t i;
	char url[128];

	snprintf(url, sizeof(url), "https://example.org/%s", guid);
	make_item(&it, guid, url, title, text, published);
	for (i = 0; i < n; i++)
		CHECK_INT(item_add_tag(&it, tags[i]), 0);
	if (keys != NULL) {
		it.tag_keys = calloc(n, sizeof(*it.tag_keys));
		for (i = 0; i < n; i++)
			it.tag_keys[i] = keys[i] ? strdup(keys[i]) : NULL;
	}
	if (store_article_put(t->s, t->src, &it, T0, &out, &id, &e) != 0)
		unit_fail(__FILE__, __LINE__, "put: %s", e.msg);
	item_release(&it);
	return id;
}

/* Removing a source takes its articles' links from the counts that
 * other sources share: a tag keeps its other spellings and shows the one
 * now most common, an entity keeps its other articles. */
TEST(store_source_remove_counts)
{
	static const char *const lower[] = { "birds" };
	static const char *const upper[] = { "Birds" };
	const struct store_entity_in trust[] = {
		{ "kestrel trust", "Kestrel Trust", "org", 2 },
	};
	struct store_analysis an = { 0 };
	struct store_entity en;
	struct tdb t;
	struct err e = { 0 };
	char *display = NULL;
	int64_t n = 0, other = 0, first, id, kt = 0;
	char guid[16];

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_source_add(t.s, "https://second.example/atom",
	    "Second", NULL, &other, &e), 0);
	an.entities = trust;
	an.n_entities = 1;
	an.version = 1;
	for (int i = 0; i < 3; i++) {
		snprintf(guid, sizeof(guid), "b%d", i);
		id = put_tagged(&t, guid, "Birds", "Kestrels.", T0 - 10 * i,
		    lower, NULL, 1);
		CHECK_INT(store_article_save_analysis(t.s, id, &an, &e), 0);
	}
	first = t.src;
	t.src = other;
	id = put_tagged(&t, "o1", "Birds", "Owls.", T0, upper, NULL, 1);
	CHECK_INT(store_article_save_analysis(t.s, id, &an, &e), 0);
	CHECK_INT(store_tag_get(t.s, "birds", &display, &n, &e), 0);
	CHECK_STR(display, "birds");
	CHECK_INT(n, 4);
	free(display);
	display = NULL;

	/* Analysed again with no entity: its link goes, counted. */
	an.n_entities = 0;
	CHECK_INT(store_article_save_analysis(t.s, id, &an, &e), 0);
	CHECK_INT(store_entity_find(t.s, "kestrel trust", &kt, &e), 0);
	CHECK_INT(store_entity_get(t.s, kt, &en, &e), 0);
	CHECK_INT(en.count, 3);
	store_entity_release(&en);
	an.n_entities = 1;
	CHECK_INT(store_article_save_analysis(t.s, id, &an, &e), 0);
	CHECK_INT(store_check(t.s, &e), 0);

	CHECK_INT(store_source_remove(t.s, first, &e), 0);
	CHECK_INT(store_tag_get(t.s, "birds", &display, &n, &e), 0);
	CHECK_STR(display, "Birds");
	CHECK_INT(n, 1);
	free(display);
	CHECK_INT(store_entity_get(t.s, kt, &en, &e), 0);
	CHECK_INT(en.count, 1);
	store_entity_release(&en);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

/* Inside a group, tag counts wait for its end; a unit rolled back takes
 * its own additions, links removed meanwhile are subtracted, and what
 * the group leaves is what one transaction per article would. */
TEST(store_group_tag_counts)
{
	static const char *const climate_ports[] = { "Climate", "Ports" };
	static const char *const climate[] = { "climate" };
	static const char *const climate_energy[] = { "climate", "Energy" };
	static const char *const energy[] = { "Energy" };
	struct tdb t;
	struct err e = { 0 };
	char *display = NULL;
	int64_t n = -1;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_group_begin(t.s, &e), 0);
	CHECK_INT(store_begin_unguarded(t.s, &e), 0);
	put_tagged(&t, "a1", "One", "one", T0 - 40, climate_ports, NULL, 2);
	CHECK_INT(store_commit(t.s, &e), 0);
	CHECK_INT(store_begin(t.s, &e), 0);
	put_tagged(&t, "a2", "Two", "two", T0 - 30, climate, NULL, 1);
	CHECK_INT(store_commit(t.s, &e), 0);
	CHECK_INT(store_begin(t.s, &e), 0);
	put_tagged(&t, "a3", "Three", "three", T0 - 20, climate_energy, NULL,
	    2);
	store_rollback(t.s);
	CHECK(store_group_open(t.s));
	CHECK_INT(store_begin_unguarded(t.s, &e), 0);
	put_tagged(&t, "a4", "Four", "four", T0 - 10, climate, NULL, 1);
	CHECK_INT(store_commit(t.s, &e), 0);
	/* a1 changes: its links go (their counts with them), Energy comes */
	CHECK_INT(store_begin_unguarded(t.s, &e), 0);
	put_tagged(&t, "a1", "One", "one, changed", T0 - 40, energy, NULL, 1);
	CHECK_INT(store_commit(t.s, &e), 0);
	/* the same while a5's additions still wait */
	CHECK_INT(store_begin_unguarded(t.s, &e), 0);
	put_tagged(&t, "a5", "Five", "five", T0 - 5, climate_ports, NULL, 2);
	CHECK_INT(store_commit(t.s, &e), 0);
	CHECK_INT(store_begin_unguarded(t.s, &e), 0);
	put_tagged(&t, "a5", "Five", "five, changed", T0 - 5, energy, NULL, 1);
	CHECK_INT(store_commit(t.s, &e), 0);
	CHECK_INT(store_group_end(t.s, &e), 0);

	CHECK_INT(store_tag_get(t.s, "climate", &display, &n, &e), 0);
	CHECK_STR(display, "climate"); /* "Climate" left with a1's link */
	CHECK_INT(n, 2);
	free(display);
	CHECK_INT(store_tag_get(t.s, "energy", &display, &n, &e), 0);
	CHECK_STR(display, "Energy");
	CHECK_INT(n, 2); /* a1's and a5's, not the rolled-back a3's */
	free(display);
	display = NULL;
	n = -1;
	if (store_tag_get(t.s, "ports", &display, &n, &e) == 0)
		CHECK_INT(n, 0);
	free(display);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

struct tag_seen {
	int n;
	char keys[16][64];
	char display[16][64];
	int64_t counts[16];
};

static int
tag_one(void *ctx, const char *key, const char *display, int64_t count)
{
	struct tag_seen *ts = ctx;

	if (ts->n < 16) {
		snprintf(ts->keys[ts->n], 64, "%s", key);
		snprintf(ts->display[ts->n], 64, "%s", display);
		ts->counts[ts->n] = count;
	}
	ts->n++;
	return 0;
}

TEST(store_tags_display_counts_and_keys)
{
	static const char *const t1[] = { "Climate", "Local  News" };
	static const char *const t2[] = { "climate" };
	static const char *const t3[] = { "climate", "Ports" };
	static const char *const t4[] = { "Harbours", "Harbour" };
	static const char *const k4[] = { "harbour", "harbour" };
	struct tdb t;
	struct tag_seen ts;
	struct store_article a;
	struct err e = { 0 };
	char *display = NULL;
	int64_t n = 0, id1, id4;

	if (!tdb_open(&t))
		return;
	id1 = put_tagged(&t, "t1", "One", "one", T0 - 40, t1, NULL, 2);
	put_tagged(&t, "t2", "Two", "two", T0 - 30, t2, NULL, 1);
	CHECK_INT(store_tag_get(t.s, "climate", &display, &n, &e), 0);
	/* one each: the first spelling keeps the place */
	CHECK_STR(display, "Climate");
	CHECK_INT(n, 2);
	free(display);
	put_tagged(&t, "t3", "Three", "three", T0 - 20, t3, NULL, 2);
	CHECK_INT(store_tag_get(t.s, "climate", &display, &n, &e), 0);
	CHECK_STR(display, "climate"); /* now the most common */
	CHECK_INT(n, 3);
	free(display);
	CHECK_INT(store_tag_get(t.s, "nothing", &display, &n, &e),
	    ERR_NOTFOUND);
	CHECK(display == NULL);

	/* Caller's keys: two spellings, one tag, counted once. */
	id4 = put_tagged(&t, "t4", "Four", "four", T0 - 10, t4, k4, 2);
	CHECK_INT(store_article_get(t.s, id4, &a, &e), 0);
	CHECK_INT(a.n_tags, 1);
	if (a.n_tags == 1) {
		CHECK_STR(a.tags[0], "Harbours");
		CHECK_STR(a.tag_keys[0], "harbour");
	}
	store_article_release(&a);
	CHECK_INT(store_article_get(t.s, id1, &a, &e), 0);
	CHECK_INT(a.n_tags, 2);
	if (a.n_tags == 2) {
		CHECK_STR(a.tag_keys[0], "climate");
		CHECK_STR(a.tags[0], "climate");
		CHECK_STR(a.tag_keys[1], "local news");
		CHECK_STR(a.tags[1], "Local  News");
	}
	store_article_release(&a);

	memset(&ts, 0, sizeof(ts));
	CHECK_INT(store_tag_top(t.s, 2, tag_one, &ts, &e), 0);
	CHECK_INT(ts.n, 2);
	CHECK_STR(ts.keys[0], "climate");
	CHECK_INT(ts.counts[0], 3);
	CHECK_STR(ts.keys[1], "harbour"); /* ties go by key */
	memset(&ts, 0, sizeof(ts));
	CHECK_INT(store_tag_each(t.s, tag_one, &ts, &e), 0);
	CHECK_INT(ts.n, 4);
	CHECK_STR(ts.keys[0], "climate");
	CHECK_STR(ts.keys[3], "ports");
	CHECK_STR(ts.display[3], "Ports");

	/* An edit that drops the majority spelling re-picks the display. */
	put_tagged(&t, "t3", "Three", "three edited", T0 - 20, t1, NULL, 1);
	put_tagged(&t, "t2", "Two", "two edited", T0 - 30, t1, NULL, 1);
	CHECK_INT(store_tag_get(t.s, "climate", &display, &n, &e), 0);
	CHECK_STR(display, "Climate");
	CHECK_INT(n, 3);
	free(display);
	memset(&ts, 0, sizeof(ts));
	CHECK_INT(store_tag_each(t.s, tag_one, &ts, &e), 0);
	CHECK_INT(ts.n, 3); /* ports has no article left */
	CHECK_INT(store_check(t.s, &e), 0);

	/* Removing the source drops the tags it alone used. */
	CHECK_INT(store_source_remove(t.s, t.src, &e), 0);
	CHECK_INT(store_tag_get(t.s, "climate", &display, &n, &e),
	    ERR_NOTFOUND);
	memset(&ts, 0, sizeof(ts));
	CHECK_INT(store_tag_top(t.s, 0, tag_one, &ts, &e), 0);
	CHECK_INT(ts.n, 0);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

/* Key points are kept as a JSON array of strings: plain runs, quotes,
 * backslashes and control bytes each encoded, and read back the same. */
TEST(store_json_strings_round_trip)
{
	const char *const v[] = { "plain words", "say \"no\" \\ then",
	    "tab\there\nline\x01", "", "caf\xc3\xa9 \xe2\x80\x94 end\"",
	    NULL };
	struct buf b = BUF_INIT;
	char **back = NULL;
	size_t n = 0;

	CHECK_INT(store_json_strings_encode(v, 6, &b), 0);
	CHECK_STR(buf_cstr(&b), "[\"plain words\",\"say \\\"no\\\" \\\\ then\","
	    "\"tab\\u0009here\\u000aline\\u0001\",\"\","
	    "\"caf\xc3\xa9 \xe2\x80\x94 end\\\"\",\"\"]");
	CHECK_INT(store_json_strings_decode(buf_cstr(&b), &back, &n), 0);
	CHECK_INT(n, 6);
	for (size_t i = 0; i < n && i < 6; i++)
		CHECK_STR(back[i], v[i] ? v[i] : "");
	for (size_t i = 0; i < n; i++)
		free(back[i]);
	free(back);
	buf_release(&b);
}

/* The display form of a tag (a static copy; "" when there is none). */
static const char *
shown(struct tdb *t, const char *key)
{
	static char out[64];
	struct err e = { 0 };
	char *display = NULL;
	int64_t n = 0;

	out[0] = '\0';
	if (store_tag_get(t->s, key, &display, &n, &e) == 0 && display)
		snprintf(out, sizeof(out), "%s", display);
	free(display);
	return out;
}

/* Equally common spellings: the display form is the first in byte order
 * whatever order the links came in and however commit groups cut them,
 * so two ingests of the same feeds show the same spelling. */
TEST(store_tag_display_ties)
{
	static const char *const lower[] = { "ai" };
	static const char *const upper[] = { "AI" };
	static const char *const mixed[] = { "Ai" };
	/* 0: one transaction each, lower first; 1: upper first; 2: both in
	 * one group; 3: lower in one group, upper in the next; 4: upper in
	 * one group, lower in the next. */
	for (int way = 0; way < 5; way++) {
		const char *const *first = way == 1 || way == 4 ? upper : lower;
		const char *const *second = first == upper ? lower : upper;
		struct err e = { 0 };
		struct tdb t;

		if (!tdb_open(&t))
			return;
		if (way >= 2)
			CHECK_INT(store_group_begin(t.s, &e), 0);
		put_tagged(&t, "x1", "One", "one", T0 - 40, first, NULL, 1);
		if (way >= 3) {
			CHECK_INT(store_group_end(t.s, &e), 0);
			CHECK_INT(store_group_begin(t.s, &e), 0);
		}
		put_tagged(&t, "x2", "Two", "two", T0 - 30, second, NULL, 1);
		if (way >= 2)
			CHECK_INT(store_group_end(t.s, &e), 0);
		CHECK_STR(shown(&t, "ai"), "AI");
		CHECK_INT(store_check(t.s, &e), 0);

		/* "Ai" twice is the most common, and stays so in a tie with
		 * "ai" (two each) because it sorts first. */
		if (way >= 2)
			CHECK_INT(store_group_begin(t.s, &e), 0);
		put_tagged(&t, "x3", "Three", "three", T0 - 20, mixed, NULL, 1);
		put_tagged(&t, "x4", "Four", "four", T0 - 10, mixed, NULL, 1);
		put_tagged(&t, "x1", "One", "one, edited", T0 - 40, lower,
		    NULL, 1);
		put_tagged(&t, "x2", "Two", "two, edited", T0 - 30, lower,
		    NULL, 1);
		if (way >= 2)
			CHECK_INT(store_group_end(t.s, &e), 0);
		CHECK_STR(shown(&t, "ai"), "Ai"); /* Ai 2, ai 2 */
		/* Ai 1, AI 1, ai 2: the most common wins over byte order. */
		put_tagged(&t, "x3", "Three", "three, edited", T0 - 20, upper,
		    NULL, 1);
		CHECK_STR(shown(&t, "ai"), "ai");
		/* ai 1, AI 1, Ai 2, then Ai loses a link: the display form
		 * is re-picked among three at one each. */
		put_tagged(&t, "x1", "One", "one, again", T0 - 40, mixed,
		    NULL, 1);
		CHECK_STR(shown(&t, "ai"), "Ai");
		if (way >= 2)
			CHECK_INT(store_group_begin(t.s, &e), 0);
		put_tagged(&t, "x4", "Four", "four, edited", T0 - 10, NULL,
		    NULL, 0);
		if (way >= 2)
			CHECK_INT(store_group_end(t.s, &e), 0);
		CHECK_STR(shown(&t, "ai"), "AI");
		CHECK_INT(store_check(t.s, &e), 0);
		tdb_close(&t);
	}
}

/* SQLite-specific: schema step 9 re-picks a display form that an earlier
 * tie left on a later spelling, and tidings check reports one. */
TEST(store_tag_ties_migrate_from_8)
{
	static const char *const lower[] = { "ai" };
	static const char *const upper[] = { "AI" };
	static const char *const both[] = { "Birds" };
	struct tdb t;
	struct err e = { 0 };
	sqlite3 *db = NULL;

	if (!tdb_open(&t))
		return;
	put_tagged(&t, "m1", "One", "one", T0 - 40, lower, NULL, 1);
	put_tagged(&t, "m2", "Two", "two", T0 - 30, upper, NULL, 1);
	put_tagged(&t, "m3", "Three", "three", T0 - 20, both, NULL, 1);
	CHECK_STR(shown(&t, "ai"), "AI");
	store_close(t.s);
	t.s = NULL;
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "UPDATE tags SET display = 'ai'"
	    " WHERE key = 'ai'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(store_open(t.path, &t.s, &e), 0);
	if (t.s == NULL) {
		tdb_close(&t);
		return;
	}
	CHECK_STR(shown(&t, "ai"), "ai");
	CHECK_INT(store_check(t.s, &e), ERR_DB);
	CHECK(strstr(e.msg, "tag ai shows ai") != NULL);
	store_close(t.s);
	t.s = NULL;
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "PRAGMA user_version = 8", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(store_open(t.path, &t.s, &e), 0);
	if (t.s == NULL) {
		tdb_close(&t);
		return;
	}
	CHECK(store_schema_version(t.s) >= 9);
	CHECK_STR(shown(&t, "ai"), "AI");
	CHECK_STR(shown(&t, "birds"), "Birds");
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

struct lpage {
	int n;
	int64_t ids[64];
	int64_t last_time, last_id;
	bool light_ok;
	char excerpt[512];
};

static int
page_one(void *ctx, const struct store_article *a)
{
	struct lpage *p = ctx;

	if (p->n < 64)
		p->ids[p->n] = a->id;
	p->n++;
	p->last_time = a->sort_time;
	p->last_id = a->id;
	if (a->content_html != NULL || a->content_text != NULL ||
	    a->body_main != NULL)
		p->light_ok = false;
	snprintf(p->excerpt, sizeof(p->excerpt), "%s",
	    a->excerpt ? a->excerpt : "");
	return 0;
}

/* A light read with the text: content_text and no HTML. */
static int
text_one(void *ctx, const struct store_article *a)
{
	struct lpage *p = ctx;

	p->n++;
	p->light_ok = a->content_html == NULL && a->body_main == NULL &&
	    a->content_text != NULL && strncmp(a->content_text, "alpha beta",
	    10) == 0;
	return 0;
}

/* Walk q to the end, two at a time; the ids seen, newest first. */
static int
walk_all(struct tdb *t, struct store_article_query q, int64_t *ids,
    int max)
{
	struct err e = { 0 };
	int n = 0, i;

	q.limit = 2;
	for (;;) {
		struct lpage p = { 0 };

		p.light_ok = true;
		CHECK_INT(store_article_each(t->s, &q, page_one, &p, &e), 0);
		if (q.light)
			CHECK(p.light_ok);
		for (i = 0; i < p.n && n < max; i++)
			ids[n++] = p.ids[i];
		if (p.n < 2)
			break;
		q.before_time = p.last_time;
		q.before_id = p.last_id;
	}
	return n;
}

TEST(store_article_filters_keyset)
{
	static const char *const red[] = { "Red" };
	static const char *const both[] = { "Red", "Blue" };
	static const char *const blue[] = { "Blue" };
	struct store_article_query q = { 0 };
	struct tdb t;
	struct err e = { 0 };
	struct item it;
	int64_t ids[16], r[6], other_src = 0, other_id = 0;
	int n;

	if (!tdb_open(&t))
		return;
	/* Two share a time, so the id breaks the tie. */
	r[0] = put_tagged(&t, "a", "A", "a", T0 - 600, red, NULL, 1);
	r[1] = put_tagged(&t, "b", "B", "b", T0 - 500, both, NULL, 2);
	r[2] = put_tagged(&t, "c", "C", "c", T0 - 500, red, NULL, 1);
	r[3] = put_tagged(&t, "d", "D", "d", T0 - 400, blue, NULL, 1);
	r[4] = put_tagged(&t, "e", "E", "e", T0 - 300, both, NULL, 2);
	r[5] = put_tagged(&t, "f", "F", "f", T0 - 200, red, NULL, 1);
	CHECK_INT(store_source_add(t.s, "https://other.example/feed",
	    "Other", NULL, &other_src, &e), 0);
	make_item(&it, "o", "https://other.example/o", "O", "o", T0 - 250);
	CHECK_INT(item_add_tag(&it, "red"), 0);
	CHECK_INT(store_article_put(t.s, other_src, &it, T0, NULL, &other_id,
	    &e), 0);
	item_release(&it);

	q.tag = "red";
	n = walk_all(&t, q, ids, 16);
	CHECK_INT(n, 6);
	if (n == 6) {
		CHECK_INT(ids[0], r[5]);
		CHECK_INT(ids[1], other_id);
		CHECK_INT(ids[2], r[4]);
		CHECK_INT(ids[3], r[2]);
		CHECK_INT(ids[4], r[1]);
		CHECK_INT(ids[5], r[0]);
	}
	q.source_id = t.src;
	q.light = true;
	CHECK_INT(walk_all(&t, q, ids, 16), 5);
	q.since = T0 - 500;
	q.until = T0 - 300;
	n = walk_all(&t, q, ids, 16);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(ids[0], r[4]);
		CHECK_INT(ids[1], r[2]);
		CHECK_INT(ids[2], r[1]);
	}
	/* A cursor newer than until starts at until. */
	q.before_time = T0;
	q.before_id = 1;
	CHECK_INT(walk_all(&t, q, ids, 16), 3);
	memset(&q, 0, sizeof(q));
	q.since = T0 - 400;
	CHECK_INT(walk_all(&t, q, ids, 16), 4);
	q.source_id = t.src;
	q.until = T0 - 400;
	q.since = 0;
	CHECK_INT(walk_all(&t, q, ids, 16), 4);
	memset(&q, 0, sizeof(q));
	q.tag = "blue";
	CHECK_INT(walk_all(&t, q, ids, 16), 3);
	q.tag = "no such tag";
	CHECK_INT(walk_all(&t, q, ids, 16), 0);
	tdb_close(&t);
}

TEST(store_light_read_excerpt)
{
	struct store_article_query q = { 0 };
	struct lpage p = { 0 };
	struct tdb t;
	struct err e = { 0 };
	struct item it;
	char text[2048];
	size_t i;

	if (!tdb_open(&t))
		return;
	/* 80 words of five letters: longer than an excerpt. */
	text[0] = '\0';
	for (i = 0; i < 80; i++)
		strcat(text, i % 2 ? "beta " : "alpha ");
	make_item(&it, "x", "https://example.org/x", "Long", text, T0 - 5);
	CHECK_INT(upsert(&t, &it), STORE_INSERTED);
	item_release(&it);
	q.light = true;
	p.light_ok = true;
	CHECK_INT(store_article_each(t.s, &q, page_one, &p, &e), 0);
	CHECK_INT(p.n, 1);
	CHECK(p.light_ok);
	CHECK(strlen(p.excerpt) <= STORE_EXCERPT_CHARS + 3);
	CHECK(strlen(p.excerpt) > STORE_EXCERPT_CHARS - 10);
	/* cut at a space, then the ellipsis */
	CHECK(strstr(p.excerpt, "a\xE2\x80\xA6") != NULL);
	CHECK(strncmp(p.excerpt, "alpha beta alpha", 16) == 0);
	/* With the text: content_text comes too, the HTML still does not. */
	q.with_text = true;
	memset(&p, 0, sizeof(p));
	CHECK_INT(store_article_each(t.s, &q, text_one, &p, &e), 0);
	CHECK_INT(p.n, 1);
	CHECK(p.light_ok);
	tdb_close(&t);
}

static int
search_opts_n(struct tdb *t, const struct store_search_opts *o,
    struct hits *h, struct err *e)
{
	int rc;

	memset(h, 0, sizeof(*h));
	rc = store_search_ex(t->s, o, collect, h, e);
	return rc != 0 ? rc : h->n;
}

TEST(store_search_options)
{
	static const char *const red[] = { "Red" };
	struct store_search_opts o = { 0 };
	struct tdb t;
	struct hits h, h2;
	struct err e = { 0 };
	int64_t id[5], other_src = 0;
	struct item it;
	int i;

	if (!tdb_open(&t))
		return;
	id[0] = put_tagged(&t, "s0", "Bridge repairs", "The bridge opens",
	    T0 - 500, red, NULL, 1);
	id[1] = put_tagged(&t, "s1", "Ferry times", "The bridge is shut and"
	    " the bridge crew waits by the bridge", T0 - 400, NULL, NULL, 0);
	id[2] = put_tagged(&t, "s2", "Bridge vote", "Council votes on the"
	    " bridge", T0 - 300, red, NULL, 1);
	id[3] = put_tagged(&t, "s3", "Markets", "Nothing about it",
	    T0 - 200, red, NULL, 1);
	CHECK_INT(store_source_add(t.s, "https://other.example/feed",
	    "Other", NULL, &other_src, &e), 0);
	make_item(&it, "o", "https://other.example/o", "Bridge news",
	    "bridge", T0 - 100);
	CHECK_INT(store_article_put(t.s, other_src, &it, T0, NULL, &id[4],
	    &e), 0);
	item_release(&it);

	o.query = "bridge";
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 4);
	/* the marks are control bytes now */
	CHECK(strchr(h.first_snippet, '\x02') != NULL);
	CHECK(strchr(h.first_snippet, '\x03') != NULL);
	CHECK(strchr(h.first_snippet, '[') == NULL);
	o.source_id = t.src;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 3);
	o.tag = "red";
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 2);
	o.since = T0 - 350;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 1);
	CHECK_INT(h.ids[0], id[2]);
	o.since = 0;
	o.until = T0 - 350;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 1);
	CHECK_INT(h.ids[0], id[0]);
	o.tag = "blue";
	o.until = 0;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 0);

	/* By date, newest first, keyset pages of two. */
	memset(&o, 0, sizeof(o));
	o.query = "bridge";
	o.sort = STORE_SORT_DATE;
	o.limit = 2;
	o.light = true;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 2);
	CHECK_INT(h.ids[0], id[4]);
	CHECK_INT(h.ids[1], id[2]);
	o.before_time = T0 - 300;
	o.before_id = id[2];
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 2);
	CHECK_INT(h.ids[0], id[1]);
	CHECK_INT(h.ids[1], id[0]);

	/* By relevance, numbered pages that add up to the whole list. */
	memset(&o, 0, sizeof(o));
	o.query = "bridge";
	o.limit = 4;
	CHECK_INT(search_opts_n(&t, &o, &h2, &e), 4);
	o.limit = 2;
	for (i = 0; i < 2; i++) {
		o.page = (size_t)i;
		CHECK_INT(search_opts_n(&t, &o, &h, &e), 2);
		CHECK_INT(h.ids[0], h2.ids[2 * i]);
		CHECK_INT(h.ids[1], h2.ids[2 * i + 1]);
	}
	o.page = 2;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 0);
	o.page = STORE_SEARCH_DEPTH_MAX / 2;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), ERR_INVAL);
	CHECK(strstr(e.msg, "first") != NULL);
	o.page = (size_t)-1;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), ERR_INVAL);
	o.page = 0;
	o.query = "-bridge";
	CHECK_INT(search_opts_n(&t, &o, &h, &e), ERR_INVAL);
	o.query = "\"unclosed AND ( NEAR";
	CHECK(search_opts_n(&t, &o, &h, &e) >= 0);
	tdb_close(&t);
}

/* A relevance search ranks the newest STORE_SEARCH_DEPTH_MAX matches of
 * a common word; a date sort and a filtered search still see them all. */
TEST(store_search_ranks_newest_matches)
{
	struct store_search_opts o;
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	struct item it;
	int64_t best = 0;
	char guid[32], url[64];
	int i, n = STORE_SEARCH_DEPTH_MAX + 5;

	if (!tdb_open(&t))
		return;
	CHECK_INT(store_begin(t.s, &e), 0);
	for (i = 0; i < n; i++) {
		snprintf(guid, sizeof(guid), "g%d", i);
		snprintf(url, sizeof(url), "https://example.org/%d", i);
		/* The oldest is the best match by far. */
		make_item(&it, guid, url, i == 0 ? "Tide tide tide tide" :
		    "Harbour news", i == 0 ? "tide tide tide" : "a tide came",
		    T0 - 100000 + i);
		CHECK_INT(upsert(&t, &it), STORE_INSERTED);
		item_release(&it);
	}
	CHECK_INT(store_commit(t.s, &e), 0);
	memset(&o, 0, sizeof(o));
	o.query = "tide";
	o.limit = 5;
	o.light = true;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 5);
	CHECK(strcmp(h.first_title, "Harbour news") == 0);
	/* Filtered: every match is ranked. */
	o.source_id = t.src;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 5);
	CHECK_STR(h.first_title, "Tide tide tide tide");
	best = h.ids[0];
	o.source_id = 0;
	o.since = T0 - 200000;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 5);
	CHECK_INT(h.ids[0], best);
	/* By date, the walk reaches the oldest. */
	memset(&o, 0, sizeof(o));
	o.query = "tide";
	o.sort = STORE_SORT_DATE;
	o.limit = 1000;
	o.light = true;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 1000);
	/* A page past the ranked set is refused, one inside it is not. */
	memset(&o, 0, sizeof(o));
	o.query = "tide";
	o.limit = 50;
	o.page = STORE_SEARCH_DEPTH_MAX / 50 - 1;
	o.light = true;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), 50);
	o.page++;
	CHECK_INT(search_opts_n(&t, &o, &h, &e), ERR_INVAL);
	tdb_close(&t);
}

TEST(store_related_articles)
{
	static const char *const t_ab[] = { "Alpha", "Beta" };
	static const char *const t_a[] = { "Alpha" };
	static const char *const t_abc[] = { "Alpha", "Beta", "Gamma" };
	static const char *const t_z[] = { "Zeta" };
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	int64_t me, two, one, none, title, old_two;

	if (!tdb_open(&t))
		return;
	me = put_tagged(&t, "me", "Volcano erupts near village", "text",
	    T0 - 100, t_ab, NULL, 2);
	old_two = put_tagged(&t, "old2", "Old story", "text", T0 - 900,
	    t_abc, NULL, 3);
	two = put_tagged(&t, "two", "Second story", "text", T0 - 200, t_ab,
	    NULL, 2);
	one = put_tagged(&t, "one", "Third story", "text", T0 - 50, t_a,
	    NULL, 1);
	none = put_tagged(&t, "none", "Unrelated", "text", T0 - 10, t_z,
	    NULL, 1);
	title = put_tagged(&t, "title", "Village volcano: the ash cloud",
	    "text", T0 - 20, t_z, NULL, 1);

	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 10, collect, &h, &e), 0);
	CHECK_INT(h.n, 4);
	if (h.n == 4) {
		CHECK_INT(h.ids[0], two);     /* 2 shared, newer */
		CHECK_INT(h.ids[1], old_two); /* 2 shared */
		CHECK_INT(h.ids[2], one);     /* 1 shared, newer */
		CHECK_INT(h.ids[3], title);   /* title words only */
	}
	(void)none;
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 1, collect, &h, &e), 0);
	CHECK_INT(h.n, 1);
	CHECK_INT(store_article_related(t.s, me + 1000, 5, collect, &h, &e),
	    ERR_NOTFOUND);
	tdb_close(&t);
}

/* Related lists are kept: a new article does not join a kept list until
 * it is old enough to be looked at again, a change to the article itself
 * recomputes it at once, and a removed article drops out. */
TEST(store_related_kept_and_invalidated)
{
	static const char *const t_ab[] = { "Alpha", "Beta" };
	static const char *const t_a[] = { "Alpha" };
	const char *was = getenv("TIDINGS_TEST_NOW");
	char saved[32] = "", now[32];
	enum store_upsert_outcome out;
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	struct item it;
	int64_t me, two, three, far, id, src2;

	if (!tdb_open(&t))
		return;
	if (was != NULL)
		snprintf(saved, sizeof(saved), "%s", was);
	setenv("TIDINGS_TEST_NOW", "1700000000", 1);
	me = put_tagged(&t, "me", "Harbour strike ends", "text", T0 - 100,
	    t_ab, NULL, 2);
	two = put_tagged(&t, "two", "Second story", "text", T0 - 200, t_a,
	    NULL, 1);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 1);
	CHECK_INT(h.ids[0], two);

	/* A better match arrives: the kept list is shown for now. */
	three = put_tagged(&t, "three", "Third story", "text", T0 - 150,
	    t_ab, NULL, 2);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 1);

	/* Ten minutes on, the list is looked at again. */
	snprintf(now, sizeof(now), "%d", 1700000000 + 601);
	setenv("TIDINGS_TEST_NOW", now, 1);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(h.ids[0], three);
	CHECK_INT(h.ids[1], two);

	/* An article from another source joins only after a change to the
	 * article itself (same clock: the list is fresh otherwise). */
	CHECK_INT(store_source_add(t.s, "https://example.net/feed.xml",
	    "Other", NULL, &src2, &e), 0);
	make_item(&it, "far", "https://example.net/far", "Harbour strike",
	    "text", T0 - 120);
	CHECK_INT(item_add_tag(&it, "Alpha"), 0);
	CHECK_INT(item_add_tag(&it, "Beta"), 0);
	CHECK_INT(store_article_put(t.s, src2, &it, T0, &out, &far, &e), 0);
	item_release(&it);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 2);
	make_item(&it, "me", "https://example.org/me", "Harbour strike ends",
	    "text, edited", T0 - 100);
	CHECK_INT(item_add_tag(&it, "Alpha"), 0);
	CHECK_INT(item_add_tag(&it, "Beta"), 0);
	CHECK_INT(store_article_put(t.s, t.src, &it, T0 + 5, &out, &id, &e),
	    0);
	item_release(&it);
	CHECK_INT(out, STORE_UPDATED);
	CHECK_INT(id, me);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 3);
	CHECK_INT(h.ids[0], far); /* two tags and the title */

	/* Its source removed, it drops out of the kept list at once. */
	CHECK_INT(store_source_remove(t.s, src2, &e), 0);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(h.ids[0], three);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(store_check(t.s, &e), 0);
	/* A longer list than is kept is computed each time (and what it
	 * found is kept). */
	(void)put_tagged(&t, "four", "Fourth story", "text", T0 - 160, t_ab,
	    NULL, 2);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 2);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 20, collect, &h, &e), 0);
	CHECK_INT(h.n, 3);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, me, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 3);

	if (saved[0])
		setenv("TIDINGS_TEST_NOW", saved, 1);
	else
		unsetenv("TIDINGS_TEST_NOW");
	tdb_close(&t);
}

TEST(store_put_and_full_text_body)
{
	enum store_upsert_outcome out;
	struct store_analysis an = { 0 };
	struct store_article a;
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	struct item it;
	int64_t id = 0, id2 = 0;

	if (!tdb_open(&t))
		return;
	make_item(&it, "ft", "https://example.org/ft", "Teaser",
	    "Only a teaser here.", T0 - 60);
	CHECK_INT(store_article_put(t.s, t.src, &it, T0, &out, &id, &e), 0);
	CHECK_INT(out, STORE_INSERTED);
	CHECK(id > 0);
	CHECK_INT(store_article_put(t.s, t.src, &it, T0, &out, &id2, &e), 0);
	CHECK_INT(out, STORE_UNCHANGED);
	CHECK_INT(id2, id);

	CHECK_INT(store_article_set_body(t.s, id, "<p>The whole story of the"
	    " lighthouse keeper.</p>", "The whole story of the lighthouse"
	    " keeper.", &e), 0);
	an.version = 3;
	an.lang = "en";
	CHECK_INT(store_article_save_analysis(t.s, id, &an, &e), 0);
	CHECK_INT(search_n(&t, "lighthouse", &h, &e), 1);
	CHECK_INT(search_n(&t, "teaser", &h, &e), 1); /* the title */
	CHECK_INT(search_n(&t, "only", &h, &e), 0);
	CHECK_INT(store_check(t.s, &e), 0);

	/* The same feed item again: the full text stays. */
	CHECK_INT(store_article_put(t.s, t.src, &it, T0 + 60, &out, &id2,
	    &e), 0);
	CHECK_INT(out, STORE_UNCHANGED);
	CHECK_INT(store_article_get(t.s, id, &a, &e), 0);
	CHECK_INT(a.full_text_state, STORE_FULL_TEXT_DONE);
	CHECK_INT(a.analysis_version, 3);
	CHECK(a.content_text && strstr(a.content_text, "lighthouse"));
	store_article_release(&a);

	/* The feed item changes: its body wins, state and version reset. */
	set(&it.content_text, "A new teaser.");
	CHECK_INT(store_article_put(t.s, t.src, &it, T0 + 120, &out, &id2,
	    &e), 0);
	CHECK_INT(out, STORE_UPDATED);
	CHECK_INT(id2, id);
	CHECK_INT(store_article_get(t.s, id, &a, &e), 0);
	CHECK_INT(a.full_text_state, STORE_FULL_TEXT_NONE);
	CHECK_INT(a.analysis_version, 0);
	CHECK_STR(a.lang, "en"); /* shown until the analysis is redone */
	CHECK_STR(a.content_text, "A new teaser.");
	store_article_release(&a);
	CHECK_INT(search_n(&t, "lighthouse", &h, &e), 0);

	CHECK_INT(store_article_set_full_text_failed(t.s, id, "HTTP 403",
	    &e), 0);
	CHECK_INT(store_article_get(t.s, id, &a, &e), 0);
	CHECK_INT(a.full_text_state, STORE_FULL_TEXT_FAILED);
	CHECK_STR(a.full_text_error, "HTTP 403");
	CHECK_STR(a.content_text, "A new teaser.");
	store_article_release(&a);

	/* Hostile input: marks in the text cannot fake a highlight. */
	CHECK_INT(store_article_set_body(t.s, id, NULL,
	    "fake \x02mark\x03 here", &e), 0);
	CHECK_INT(search_n(&t, "here", &h, &e), 1);
	CHECK(strstr(h.first_snippet, "\x02mark") == NULL);
	CHECK_INT(store_article_set_body(t.s, id + 99, "x", "x", &e),
	    ERR_NOTFOUND);
	CHECK_INT(store_article_set_full_text_failed(t.s, id + 99, "x", &e),
	    ERR_NOTFOUND);
	CHECK_INT(store_article_set_body(t.s, id, "\xff", NULL, &e),
	    ERR_INVAL);
	CHECK_INT(store_check(t.s, &e), 0);
	item_release(&it);
	tdb_close(&t);
}

static int
collect_ids(void *ctx, int64_t id)
{
	struct hits *h = ctx;

	if (h->n < (int)ARRAY_LEN(h->ids))
		h->ids[h->n] = id;
	h->n++;
	return 0;
}

TEST(store_paragraph_boilerplate)
{
	const uint64_t fa[] = { 11, 22, UINT64_MAX, 22 };
	const uint64_t fb[] = { 11, UINT64_MAX, 33 };
	const uint64_t fc[] = { 44, UINT64_MAX };
	const uint64_t fd[] = { 11, 55 };
	const uint64_t f11 = 11, f33_55[] = { 55, 33 };
	uint64_t crossed[8];
	bool boiler[8];
	size_t nc = 99;
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	int64_t a, b, c, d, other_src = 0, o;
	struct item it;

	if (!tdb_open(&t))
		return;
	a = put_tagged(&t, "pa", "A", "a", T0 - 4, NULL, NULL, 0);
	b = put_tagged(&t, "pb", "B", "b", T0 - 3, NULL, NULL, 0);
	c = put_tagged(&t, "pc", "C", "c", T0 - 2, NULL, NULL, 0);
	d = put_tagged(&t, "pd", "D", "d", T0 - 1, NULL, NULL, 0);
	CHECK_INT(store_paragraphs_set(t.s, t.src, a, fa, 4, 3, boiler,
	    crossed, &nc, &e), 0);
	CHECK_INT(nc, 0);
	CHECK(!boiler[0] && !boiler[1] && !boiler[2] && !boiler[3]);
	CHECK_INT(store_paragraphs_set(t.s, t.src, b, fb, 3, 3, boiler,
	    crossed, &nc, &e), 0);
	CHECK_INT(nc, 0);
	/* Another source's copy does not count for this one. */
	CHECK_INT(store_source_add(t.s, "https://other.example/feed",
	    "Other", NULL, &other_src, &e), 0);
	make_item(&it, "o", "https://other.example/o", "O", "o", T0 - 9);
	CHECK_INT(store_article_put(t.s, other_src, &it, T0, NULL, &o, &e),
	    0);
	item_release(&it);
	CHECK_INT(store_paragraphs_set(t.s, other_src, o, fb, 3, 0, boiler,
	    crossed, &nc, &e), 0);
	CHECK_INT(nc, 0);
	/* The third article: UINT64_MAX crosses (11 is not in c). */
	CHECK_INT(store_paragraphs_set(t.s, t.src, c, fc, 2, 3, boiler,
	    crossed, &nc, &e), 0);
	CHECK_INT(nc, 1);
	CHECK(crossed[0] == UINT64_MAX);
	CHECK(!boiler[0] && boiler[1]);
	/* 11 in a third article crosses now; 55 is new. */
	CHECK_INT(store_paragraphs_set(t.s, t.src, d, fd, 2, 3, boiler,
	    crossed, &nc, &e), 0);
	CHECK_INT(nc, 1);
	CHECK(crossed[0] == 11);
	CHECK(boiler[0] && !boiler[1]);
	/* Re-setting a: already boilerplate, nothing crosses again. */
	CHECK_INT(store_paragraphs_set(t.s, t.src, a, fa, 4, 3, boiler,
	    crossed, &nc, &e), 0);
	CHECK_INT(nc, 0);
	CHECK(boiler[0] && !boiler[1] && boiler[2] && !boiler[3]);

	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, &f11, 1, collect_ids, &h,
	    &e), 0);
	CHECK_INT(h.n, 3);
	CHECK_INT(h.ids[0], a);
	CHECK_INT(h.ids[1], b);
	CHECK_INT(h.ids[2], d);
	/* Several fingerprints in one pass: each article once. */
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, f33_55, 2, collect_ids,
	    &h, &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(h.ids[0], b);
	CHECK_INT(h.ids[1], d);
	/* Replacing an article's fingerprints drops the old ones. */
	CHECK_INT(store_paragraphs_set(t.s, t.src, b, NULL, 0, 3, NULL, NULL,
	    NULL, &e), 0);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, &f11, 1, collect_ids, &h,
	    &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(store_paragraphs_set(t.s, t.src, a, fa, STORE_PARAGRAPHS_MAX
	    + 1, 3, NULL, NULL, NULL, &e), ERR_TOOBIG);
	CHECK_INT(store_paragraphs_set(t.s, t.src, a + 1000, fa, 1, 3, NULL,
	    NULL, NULL, &e), ERR_NOTFOUND);
	/* Removing the source takes its fingerprints along. */
	CHECK_INT(store_source_remove(t.s, t.src, &e), 0);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, &f11, 1, collect_ids, &h,
	    &e), 0);
	CHECK_INT(h.n, 0);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

/* SQLite-specific: a schema 5 database (paragraphs listed one row each,
 * boilerplate in its own table) opens as schema 6 with the same counts,
 * boilerplate and lists. The old tables are made from a new database by
 * hand, then the version is set back to 5. */
TEST(store_paragraphs_migrate_from_5)
{
	static const char downgrade[] =
	    "DROP TABLE paragraph_counts; DROP TABLE article_paragraphs;"
	    "CREATE TABLE paragraphs (source_id INTEGER NOT NULL,"
	    " fingerprint INTEGER NOT NULL, article_id INTEGER NOT NULL"
	    " REFERENCES articles(id) ON DELETE CASCADE,"
	    " PRIMARY KEY (source_id, fingerprint, article_id)) WITHOUT ROWID;"
	    "CREATE INDEX paragraphs_by_article ON paragraphs (article_id);"
	    "CREATE TABLE boilerplate (source_id INTEGER NOT NULL"
	    " REFERENCES sources(id) ON DELETE CASCADE,"
	    " fingerprint INTEGER NOT NULL,"
	    " PRIMARY KEY (source_id, fingerprint)) WITHOUT ROWID;"
	    "PRAGMA user_version = 5;";
	const uint64_t f7 = 7, f9 = 9, f_neg = UINT64_MAX;
	uint64_t crossed[4];
	bool boiler[4];
	size_t nc = 0;
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	int64_t a, b, c, d;
	sqlite3 *db = NULL;
	char sql[512];

	if (!tdb_open(&t))
		return;
	a = put_tagged(&t, "ma", "A", "a", T0 - 4, NULL, NULL, 0);
	b = put_tagged(&t, "mb", "B", "b", T0 - 3, NULL, NULL, 0);
	c = put_tagged(&t, "mc", "C", "c", T0 - 2, NULL, NULL, 0);
	d = put_tagged(&t, "md", "D", "d", T0 - 1, NULL, NULL, 0);
	store_close(t.s);
	t.s = NULL;
	/* 7 in a, b and c (boilerplate); 9 in a only but marked boilerplate
	 * (its other articles changed since); UINT64_MAX in a and b. */
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, downgrade, NULL, NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO paragraphs VALUES (%lld, 7, %lld), (%lld, 7, %lld),"
	    " (%lld, 7, %lld), (%lld, 9, %lld), (%lld, -1, %lld),"
	    " (%lld, -1, %lld);"
	    "INSERT INTO boilerplate VALUES (%lld, 7), (%lld, 9);",
	    (long long)t.src, (long long)a, (long long)t.src, (long long)b,
	    (long long)t.src, (long long)c, (long long)t.src, (long long)a,
	    (long long)t.src, (long long)a, (long long)t.src, (long long)b,
	    (long long)t.src, (long long)t.src);
	CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	CHECK_INT(store_open(t.path, &t.s, &e), 0);
	if (t.s == NULL) {
		tdb_close(&t);
		return;
	}
	CHECK(store_schema_version(t.s) >= 6);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, &f7, 1, collect_ids,
	    &h, &e), 0);
	CHECK_INT(h.n, 3);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, &f_neg, 1,
	    collect_ids, &h, &e), 0);
	CHECK_INT(h.n, 2);
	/* d gains 9 (still boilerplate) and UINT64_MAX, which crosses now:
	 * its count came over as 2. */
	{
		const uint64_t fd[] = { 9, UINT64_MAX };

		CHECK_INT(store_paragraphs_set(t.s, t.src, d, fd, 2, 3, boiler,
		    crossed, &nc, &e), 0);
		CHECK_INT(nc, 1);
		CHECK(crossed[0] == UINT64_MAX);
		CHECK(boiler[0] && boiler[1]);
	}
	/* a's list came over whole: setting it again changes nothing. */
	{
		const uint64_t fa[] = { 7, 9, UINT64_MAX };

		CHECK_INT(store_paragraphs_set(t.s, t.src, a, fa, 3, 3, boiler,
		    crossed, &nc, &e), 0);
		CHECK_INT(nc, 0);
		CHECK(boiler[0] && boiler[1] && boiler[2]);
	}
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_paragraph_articles(t.s, t.src, &f9, 1, collect_ids,
	    &h, &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}

struct ents {
	int n;
	int64_t ids[8];
	char names[8][64];
	char types[8][16];
	int64_t counts[8];
};

static int
ent_one(void *ctx, const struct store_entity *en)
{
	struct ents *x = ctx;

	if (x->n < 8) {
		x->ids[x->n] = en->id;
		snprintf(x->names[x->n], 64, "%s", en->name);
		snprintf(x->types[x->n], 16, "%s", en->type);
		x->counts[x->n] = en->count;
	}
	x->n++;
	return 0;
}

/* A name first stored as "misc" takes the first kind a later article
 * finds for it, and keeps that kind. */
TEST(store_entity_misc_takes_kind)
{
	const struct store_entity_in as_misc[] = {
		{ "ada rennick", "Ada Rennick", "misc", 1 },
	};
	const struct store_entity_in as_person[] = {
		{ "ada rennick", "Premier Ada Rennick", "person", 2 },
	};
	const struct store_entity_in as_org[] = {
		{ "ada rennick", "Ada Rennick", "org", 1 },
	};
	struct store_analysis an = { 0 };
	struct store_entity en;
	struct tdb t;
	struct err e = { 0 };
	int64_t id[4], ent = 0;

	if (!tdb_open(&t))
		return;
	for (int i = 0; i < 4; i++) {
		char guid[8];

		snprintf(guid, sizeof(guid), "m%d", i);
		id[i] = put_tagged(&t, guid, "Vote", "Vote.", T0 - 40 + i,
		    NULL, NULL, 0);
	}
	an.version = 1;
	an.n_entities = 1;
	an.entities = as_misc;
	CHECK_INT(store_article_save_analysis(t.s, id[0], &an, &e), 0);
	CHECK_INT(store_entity_find(t.s, "ada rennick", &ent, &e), 0);
	CHECK_INT(store_entity_get(t.s, ent, &en, &e), 0);
	CHECK_STR(en.type, "misc");
	store_entity_release(&en);
	an.entities = as_person;
	CHECK_INT(store_article_save_analysis(t.s, id[1], &an, &e), 0);
	an.entities = as_org;
	CHECK_INT(store_article_save_analysis(t.s, id[2], &an, &e), 0);
	an.entities = as_misc;
	CHECK_INT(store_article_save_analysis(t.s, id[3], &an, &e), 0);
	CHECK_INT(store_entity_get(t.s, ent, &en, &e), 0);
	CHECK_STR(en.type, "person");
	CHECK_STR(en.name, "Ada Rennick"); /* the first name stays */
	CHECK_INT(en.count, 4);
	store_entity_release(&en);
	tdb_close(&t);
}

TEST(store_analysis_entities_keyphrases)
{
	static const char *const feed_tags[] = { "Libya" };
	static const char *const kp[] = { "Talks resume in Geneva.",
		"A \"quoted\" point\\with\tcontrol\x01 bytes." };
	const struct store_entity_in ents1[] = {
		{ "khaled haftar", "Khaled Haftar", "person", 3 },
		{ "libya", "Libya", "place", 2 },
	};
	const struct store_entity_in ents2[] = {
		{ "libya", "LIBYA", "org", 1 },
	};
	const struct store_tag_in kt[] = {
		{ "ceasefire", "ceasefire" },
		{ "libya", "libya" }, /* the feed gave it: skipped */
	};
	struct store_article_query q = { 0 };
	struct store_analysis an = { 0 };
	struct store_entity en;
	struct store_article a;
	struct tag_seen ts;
	struct ents x;
	struct tdb t;
	struct hits h;
	struct err e = { 0 };
	int64_t id1, id2, id3, libya = 0;
	char *display = NULL;
	int64_t n = 0;

	if (!tdb_open(&t))
		return;
	id1 = put_tagged(&t, "n1", "Talks", "Talks resume.", T0 - 30,
	    feed_tags, NULL, 1);
	id2 = put_tagged(&t, "n2", "Border", "Border news.", T0 - 20, NULL,
	    NULL, 0);
	id3 = put_tagged(&t, "n3", "Weather", "Rain.", T0 - 10, NULL, NULL,
	    0);
	an.lang = "en";
	an.ai_summary = "Talks resumed.";
	an.key_points = kp;
	an.n_key_points = 2;
	an.body_main = "<p>Talks resume.</p>";
	an.body_background = "<p>Background.</p>";
	an.entities = ents1;
	an.n_entities = 2;
	an.tags = kt;
	an.n_tags = 2;
	an.version = 1;
	CHECK_INT(store_article_save_analysis(t.s, id1, &an, &e), 0);
	memset(&an, 0, sizeof(an));
	an.entities = ents2;
	an.n_entities = 1;
	an.version = 1;
	CHECK_INT(store_article_save_analysis(t.s, id2, &an, &e), 0);
	CHECK_INT(store_article_save_analysis(t.s, id3 + 100, &an, &e),
	    ERR_NOTFOUND);

	CHECK_INT(store_article_get(t.s, id1, &a, &e), 0);
	CHECK_STR(a.lang, "en");
	CHECK_STR(a.ai_summary, "Talks resumed.");
	CHECK_STR(a.body_main, "<p>Talks resume.</p>");
	CHECK_STR(a.body_background, "<p>Background.</p>");
	CHECK_INT(a.analysis_version, 1);
	CHECK_INT(a.n_key_points, 2);
	if (a.n_key_points == 2) {
		CHECK_STR(a.key_points[0], kp[0]);
		CHECK_STR(a.key_points[1], kp[1]);
	}
	CHECK_INT(a.n_tags, 2); /* ceasefire (keyphrase) and Libya */
	if (a.n_tags == 2) {
		CHECK_STR(a.tag_keys[0], "ceasefire");
		CHECK_STR(a.tags[1], "Libya");
	}
	store_article_release(&a);

	memset(&x, 0, sizeof(x));
	CHECK_INT(store_article_entities(t.s, id1, ent_one, &x, &e), 0);
	CHECK_INT(x.n, 2);
	CHECK_STR(x.names[0], "Khaled Haftar");
	CHECK_STR(x.types[0], "person");
	CHECK_INT(x.counts[0], 3);
	CHECK_INT(store_entity_find(t.s, "libya", &libya, &e), 0);
	CHECK_INT(store_entity_find(t.s, "nobody", &n, &e), ERR_NOTFOUND);
	CHECK_INT(store_entity_get(t.s, libya, &en, &e), 0);
	CHECK_STR(en.name, "Libya"); /* the first name and type stay */
	CHECK_STR(en.type, "place");
	CHECK_INT(en.count, 2);
	store_entity_release(&en);
	CHECK_INT(store_entity_get(t.s, libya + 100, &en, &e), ERR_NOTFOUND);
	memset(&x, 0, sizeof(x));
	CHECK_INT(store_entity_each(t.s, ent_one, &x, &e), 0);
	CHECK_INT(x.n, 2);
	CHECK_STR(x.names[0], "Khaled Haftar");
	CHECK_INT(x.counts[1], 2);

	/* The entity's list; related through the entity. */
	q.entity_id = libya;
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_each(t.s, &q, collect, &h, &e), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(h.ids[0], id2);
	CHECK_INT(h.ids[1], id1);
	q.tag = "ceasefire";
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_each(t.s, &q, collect, &h, &e), 0);
	CHECK_INT(h.n, 1);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_article_related(t.s, id2, 5, collect, &h, &e), 0);
	CHECK_INT(h.n, 1);
	CHECK_INT(h.ids[0], id1);

	CHECK_INT(store_tag_get(t.s, "ceasefire", &display, &n, &e), 0);
	CHECK_INT(n, 1);
	free(display);
	memset(&ts, 0, sizeof(ts));
	CHECK_INT(store_tag_each(t.s, tag_one, &ts, &e), 0);
	CHECK_INT(ts.n, 2);

	/* A new analysis replaces keyphrase tags and entities. */
	memset(&an, 0, sizeof(an));
	an.version = 2;
	CHECK_INT(store_article_save_analysis(t.s, id1, &an, &e), 0);
	CHECK_INT(store_tag_get(t.s, "ceasefire", &display, &n, &e), 0);
	CHECK_INT(n, 0);
	free(display);
	CHECK_INT(store_tag_get(t.s, "libya", &display, &n, &e), 0);
	CHECK_INT(n, 1);
	free(display);
	memset(&x, 0, sizeof(x));
	CHECK_INT(store_article_entities(t.s, id1, ent_one, &x, &e), 0);
	CHECK_INT(x.n, 0);
	CHECK_INT(store_entity_get(t.s, libya, &en, &e), 0);
	CHECK_INT(en.count, 1);
	store_entity_release(&en);
	CHECK_INT(store_check(t.s, &e), 0);

	/* Bad input is refused whole. */
	memset(&an, 0, sizeof(an));
	an.entities = ents1;
	an.n_entities = 2;
	an.ai_summary = "\xc3";
	CHECK_INT(store_article_save_analysis(t.s, id1, &an, &e), ERR_INVAL);
	an.ai_summary = NULL;
	an.n_key_points = 1;
	CHECK_INT(store_article_save_analysis(t.s, id1, &an, &e), ERR_INVAL);

	/* A removed source takes its entities along. */
	CHECK_INT(store_source_remove(t.s, t.src, &e), 0);
	CHECK_INT(store_entity_find(t.s, "libya", &n, &e), ERR_NOTFOUND);
	CHECK_INT(store_check(t.s, &e), 0);
	tdb_close(&t);
}
