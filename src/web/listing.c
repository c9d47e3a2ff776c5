/*
 * web/listing.c: the article lists behind pages, the JSON API and the
 * feeds: filters read from the query string, a newest-first walk with a
 * keyset cursor, search with filters, sort and paging, and related
 * articles. Pages, API and feeds all list through here, so a filter means
 * the same thing everywhere, and every filter is applied by the store in
 * SQL (its indexes serve each one with keyset pagination).
 *
 * Relevance has no stable order to resume from, so a search by relevance
 * pages by page number, as deep as the store allows; a search by date
 * pages by keyset like every other list.
 *
 * FTS5's unicode61 tokenizer keeps a run of Chinese or Japanese text as
 * one token, so a CJK word inside a sentence never matches. Until the
 * store has an n-gram index, a CJK query that finds nothing falls back to
 * a substring scan of the newest WEB_CJK_SCAN articles: bounded, and
 * right for a news site, where the recent articles are the ones sought.
 */
#include "base/common.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

#include "base/str.h"
#include "core/tagkey.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_SEARCH_PAGE_MAX 50
#define WEB_TAG_MAX 200          /* bytes of a tag in a filter */
#define WEB_QUERY_MAX 500        /* bytes of a search query */

int
web_req_fail(struct web_req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
	return ERR_INVAL;
}

static int
days_from_civil(int y, int m, int d, int64_t *out)
{
	struct tm tm;

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return ERR_INVAL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*out = (int64_t)timegm(&tm);
	return 0;
}

static bool
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int
web_time_parse(const char *s, bool end_of_day, int64_t *out)
{
	size_t n = s ? strlen(s) : 0;
	int64_t t;
	int hh, mm, ss, off = 0;
	const char *z;

	if (n == 0 || n > 32)
		return ERR_INVAL;
	if (digits(s, n))
		return str_to_i64(str_from(s), 0, INT64_MAX / 4, out);
	if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) ||
	    days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2), &t) != 0)
		return ERR_INVAL;
	if (n == 10) {
		*out = end_of_day ? t + 86399 : t;
		return 0;
	}
	if (n < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) ||
	    s[16] != ':' || !digits(s + 17, 2))
		return ERR_INVAL;
	hh = num(s + 11, 2);
	mm = num(s + 14, 2);
	ss = num(s + 17, 2);
	if (hh > 23 || mm > 59 || ss > 60)
		return ERR_INVAL;
	z = s + 19;
	if (*z == '.') {
		z++;
		while (*z >= '0' && *z <= '9')
			z++;
	}
	if ((*z == 'Z' || *z == 'z') && z[1] == '\0') {
		off = 0;
	} else if ((*z == '+' || *z == '-') && strlen(z) == 6 &&
	    digits(z + 1, 2) && z[3] == ':' && digits(z + 4, 2) &&
	    num(z + 1, 2) < 24 && num(z + 4, 2) < 60) {
		off = (num(z + 1, 2) * 60 + num(z + 4, 2)) * 60;
		if (*z == '-')
			off = -off;
	} else {
		return ERR_INVAL;
	}
	*out = t + hh * 3600 + mm * 60 + ss - off;
	return *out < 0 ? ERR_INVAL : 0;
}

void
web_rfc3339(int64_t t, char *out, size_t outsz)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
parse_count(struct web_req *r, const char *name, size_t min, size_t max,
    size_t *out)
{
	const char *v = web_arg(r, name);
	int64_t n;

	if (v == NULL)
		return 0;
	if (str_to_i64(str_from(v), (int64_t)min, (int64_t)max, &n) != 0)
		return web_req_fail(r, "%s must be a whole number from %zu "
		    "to %zu", name, min, max);
	*out = (size_t)n;
	return 0;
}

int
web_filter_parse(struct web_req *r, struct web_filter *f, size_t def_limit,
    bool search)
{
	const char *v;
	int64_t n;
	int rc;

	memset(f, 0, sizeof(*f));
	f->limit = def_limit;
	f->page = 1;
	if ((v = web_arg(r, "source")) != NULL && *v) {
		if (str_to_i64(str_from(v), 1, INT64_MAX, &n) != 0)
			return web_req_fail(r, "source must be a source id "
			    "(a positive whole number)");
		f->source_id = n;
	}
	if ((v = web_arg(r, "tag")) != NULL && *v) {
		if (strlen(v) > WEB_TAG_MAX)
			return web_req_fail(r, "tag is longer than %d bytes",
			    WEB_TAG_MAX);
		f->tag = v;
	}
	if ((v = web_arg(r, "since")) != NULL && *v &&
	    web_time_parse(v, false, &f->since) != 0)
		return web_req_fail(r, "since must be a date (2026-11-29), "
		    "an RFC 3339 time or Unix seconds");
	if ((v = web_arg(r, "until")) != NULL && *v &&
	    web_time_parse(v, true, &f->until) != 0)
		return web_req_fail(r, "until must be a date (2026-11-29), "
		    "an RFC 3339 time or Unix seconds");
	if (f->since && f->until && f->since > f->until)
		return web_req_fail(r, "since is after until");
	if ((rc = web_cursor_parse(web_arg(r, "before"), &f->before_time,
	    &f->before_id)) != 0)
		return web_req_fail(r, "before must be a cursor as given in "
		    "\"next\" (TIME.ID)");
	if ((rc = parse_count(r, "limit", 1, WEB_LIST_MAX, &f->limit)) != 0)
		return rc;
	if (!search)
		return 0;
	if (f->before_time && web_arg(r, "page"))
		return web_req_fail(r, "use either page (by relevance) or "
		    "before (by date), not both");
	f->q = web_arg(r, "q");
	if (f->q && strlen(f->q) > WEB_QUERY_MAX)
		return web_req_fail(r, "the search is longer than %d bytes",
		    WEB_QUERY_MAX);
	if ((v = web_arg(r, "sort")) != NULL && *v) {
		if (strcmp(v, "date") == 0)
			f->by_date = true;
		else if (strcmp(v, "relevance") != 0)
			return web_req_fail(r, "sort must be relevance or "
			    "date");
	}
	if (f->before_time && !f->by_date)
		return web_req_fail(r, "before pages a search by date; by "
		    "relevance, use page");
	return parse_count(r, "page", 1, WEB_SEARCH_PAGE_MAX, &f->page);
}

/* The key the store files a tag under: the text itself when it is a key
 * (links on the site carry keys), else its canonical key as the ingest
 * computes it ("Port of Northbay" and "port-of-northbay" both find
 * "portofnorthbay"). */
static int
tag_key(struct web_req *r, const char *tag, struct buf *key)
{
	struct err e = { 0 };
	struct store *st;
	int64_t n;
	int rc;

	buf_reset(key);
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	rc = store_tag_get(st, tag, NULL, &n, &e);
	if (rc == 0)
		return buf_puts(key, tag);
	if (rc != ERR_NOTFOUND)
		return rc;
	if ((rc = tagkey_of(tag, NULL, key)) != 0)
		return rc == ERR_TOOBIG ? web_req_fail(r, "tag is too long")
		    : rc;
	/* A tag of punctuation only has an empty key: it matches nothing,
	 * which an impossible key says without a special case. */
	return key->len == 0 ? buf_puts(key, "\x01") : 0;
}

struct walk_ctx {
	size_t limit;
	web_article_fn fn;
	void *ctx;
	struct web_walk *w;
};

static int
walk_one(void *ctx, const struct store_article *a)
{
	struct walk_ctx *c = ctx;
	int rc;

	if (c->w->shown == c->limit) {
		c->w->more = true;
		return 1;
	}
	if ((rc = c->fn(c->ctx, a)) != 0)
		return rc < 0 ? rc : 1;
	c->w->shown++;
	c->w->last_time = a->sort_time;
	c->w->last_id = a->id;
	if (a->updated > c->w->newest_update)
		c->w->newest_update = a->updated;
	return 0;
}

int
web_filter_walk(struct web_req *r, const struct web_filter *f,
    web_article_fn fn, void *ctx, struct web_walk *w)
{
	struct store_article_query q = { 0 };
	struct walk_ctx c = { f->limit, fn, ctx, w };
	struct buf key = BUF_INIT;
	struct err e = { 0 };
	struct store *st;
	int rc;

	memset(w, 0, sizeof(*w));
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	buf_init(&key, 1024);
	if (f->tag && (rc = tag_key(r, f->tag, &key)) != 0)
		goto out;
	q.source_id = f->source_id;
	q.tag = f->tag ? buf_cstr(&key) : NULL;
	q.since = f->since;
	q.until = f->until;
	q.before_time = f->before_time;
	q.before_id = f->before_id;
	q.limit = f->limit + 1;
	q.light = !f->full;
	rc = store_article_each(st, &q, walk_one, &c, &e);
	if (rc > 0)
		rc = 0;
out:
	buf_release(&key);
	return rc;
}

/* ---- search ---- */

/* Hiragana, katakana, CJK ideographs, Hangul: scripts written without
 * spaces, which FTS5's unicode61 tokenizer keeps as one token per run, so
 * a word inside a sentence is never a match on its own. */
static bool
cjk_at(const unsigned char *p, uint32_t *cp, size_t *len)
{
	uint32_t c;

	if (p[0] >= 0xe0 && p[0] < 0xf0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		c = ((uint32_t)(p[0] & 0x0f) << 12) |
		    ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		*cp = c;
		*len = 3;
		return (c >= 0x3040 && c <= 0x30ff) ||
		    (c >= 0x3400 && c <= 0x4dbf) ||
		    (c >= 0x4e00 && c <= 0x9fff) ||
		    (c >= 0xac00 && c <= 0xd7af) ||
		    (c >= 0xf900 && c <= 0xfaff);
	}
	return false;
}

static bool
has_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t len;

	for (; *p; p++)
		if (cjk_at(p, &cp, &len))
			return true;
	return false;
}

#define WEB_CJK_SCAN 5000        /* newest articles a CJK search reads */
#define WEB_CJK_TERMS 8
#define WEB_CJK_SNIPPET 120      /* bytes either side of the match */

struct cjk_ctx {
	const struct web_filter *f;
	char terms[WEB_CJK_TERMS][128];
	size_t n_terms;
	size_t skip, scanned;
	struct walk_ctx *walk;
	struct buf snip;
};

/* The words of the query without quotes, signs or operators. */
static void
cjk_terms(struct cjk_ctx *c, const char *q)
{
	const char *p = q;

	while (*p && c->n_terms < WEB_CJK_TERMS) {
		size_t n;

		while (*p == ' ' || *p == '"' || *p == '+')
			p++;
		if (*p == '-') {
			/* Exclusions are rare here; the scan ignores them. */
			p += strcspn(p, " ");
			continue;
		}
		n = strcspn(p, " \"*");
		if (n > 0 && n < sizeof(c->terms[0]) &&
		    !(n == 2 && !strncmp(p, "OR", 2)) &&
		    !(n == 3 && !strncmp(p, "AND", 3)) &&
		    !(n == 3 && !strncmp(p, "NOT", 3))) {
			memcpy(c->terms[c->n_terms], p, n);
			c->terms[c->n_terms++][n] = '\0';
		}
		p += n;
		while (*p == '*')
			p++;
	}
}

/* Text around the first match of term in text, the match marked as the
 * store marks it; cuts fall on code points. */
static int
cjk_snippet(struct buf *b, const char *text, const char *hit, size_t n)
{
	const char *from = hit, *to = hit + n, *end = text + strlen(text);
	int rc;

	while (from > text && hit - from < WEB_CJK_SNIPPET)
		from--;
	while (from > text && ((unsigned char)*from & 0xc0) == 0x80)
		from--;
	while (to < end && to - (hit + n) < WEB_CJK_SNIPPET)
		to++;
	while (to < end && ((unsigned char)*to & 0xc0) == 0x80)
		to++;
	buf_reset(b);
	if ((from > text && (rc = buf_puts(b, "\xe2\x80\xa6")) != 0) ||
	    (rc = buf_append(b, from, (size_t)(hit - from))) != 0 ||
	    (rc = buf_putc(b, STORE_MARK_OPEN)) != 0 ||
	    (rc = buf_append(b, hit, n)) != 0 ||
	    (rc = buf_putc(b, STORE_MARK_CLOSE)) != 0 ||
	    (rc = buf_append(b, hit + n, (size_t)(to - hit - n))) != 0)
		return rc;
	return to < end ? buf_puts(b, "\xe2\x80\xa6") : 0;
}

static int
cjk_one(void *ctx, const struct store_article *a)
{
	struct cjk_ctx *c = ctx;
	struct store_article view;
	const char *hit = NULL, *in = NULL;
	size_t i;
	int rc;

	if (++c->scanned > WEB_CJK_SCAN)
		return 1;
	for (i = 0; i < c->n_terms; i++) {
		const char *t = a->title ? strstr(a->title, c->terms[i]) : NULL;
		const char *x = a->content_text ? strstr(a->content_text,
		    c->terms[i]) : NULL;

		if (t == NULL && x == NULL)
			return 0;
		if (i == 0) {
			hit = x ? x : t;
			in = x ? a->content_text : a->title;
		}
	}
	if (c->skip > 0) {
		c->skip--;
		return 0;
	}
	if ((rc = cjk_snippet(&c->snip, in, hit, strlen(c->terms[0]))) != 0)
		return rc;
	view = *a;
	view.snippet = (char *)(uintptr_t)buf_cstr(&c->snip);
	return walk_one(c->walk, &view);
}

/* Substring search over the newest WEB_CJK_SCAN articles, newest first:
 * the fallback for CJK queries until the store has an n-gram index. */
static int
cjk_search(struct web_req *r, struct store *st, const struct web_filter *f,
    bool full, const char *key, struct walk_ctx *walk)
{
	struct store_article_query q = { 0 };
	struct cjk_ctx c;
	struct err e = { 0 };
	int rc;

	memset(&c, 0, sizeof(c));
	c.f = f;
	c.walk = walk;
	c.skip = f->by_date ? 0 : (f->page - 1) * f->limit;
	cjk_terms(&c, f->q);
	if (c.n_terms == 0)
		return 0;
	buf_init(&c.snip, 0);
	q.source_id = f->source_id;
	q.tag = key;
	q.since = f->since;
	q.until = f->until;
	q.before_time = f->by_date ? f->before_time : 0;
	q.before_id = f->by_date ? f->before_id : 0;
	q.limit = WEB_CJK_SCAN + 1;
	/* The scan needs the text, not the HTML (a full read of the newest
	 * 5,000 took 100 ms at a million articles). */
	q.light = !full;
	q.with_text = true;
	rc = store_article_each(st, &q, cjk_one, &c, &e);
	buf_release(&c.snip);
	UNUSED(r);
	return rc > 0 ? 0 : rc;
}

int
web_search_walk(struct web_req *r, const struct web_filter *f, bool full,
    web_article_fn fn, void *ctx, struct web_walk *w)
{
	struct store_search_opts o = { 0 };
	struct walk_ctx c = { f->limit, fn, ctx, w };
	struct buf key = BUF_INIT;
	struct err e = { 0 };
	struct store *st;
	int rc;

	memset(w, 0, sizeof(*w));
	if (f->q == NULL || *f->q == '\0')
		return web_req_fail(r, "enter some words to search for");
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	buf_init(&key, 1024);
	if (f->tag && (rc = tag_key(r, f->tag, &key)) != 0)
		goto out;
	o.query = f->q;
	o.source_id = f->source_id;
	o.tag = f->tag ? buf_cstr(&key) : NULL;
	o.since = f->since;
	o.until = f->until;
	o.light = !full;
	if (f->by_date) {
		o.sort = STORE_SORT_DATE;
		o.limit = f->limit + 1;
		o.before_time = f->before_time;
		o.before_id = f->before_id;
	} else {
		o.sort = STORE_SORT_RELEVANCE;
		o.limit = f->limit;
		o.page = f->page - 1;
	}
	rc = store_search_ex(st, &o, walk_one, &c, &e);
	if (rc == ERR_INVAL) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%.199s", e.msg[0] ? e.msg
		    : "this search could not be understood");
		goto out;
	}
	if (rc < 0)
		goto out;
	rc = 0;
	/* A full relevance page may have a next one; the store cannot say
	 * without ranking one more, and a last empty page is harmless. */
	if (!f->by_date && w->shown == f->limit &&
	    f->page * f->limit < STORE_SEARCH_DEPTH_MAX)
		w->more = true;
	if (w->shown == 0 && has_cjk(f->q)) {
		memset(w, 0, sizeof(*w));
		rc = cjk_search(r, st, f, full, f->tag ? buf_cstr(&key) :
		    NULL, &c);
		if (!f->by_date && w->more) {
			/* walk_one saw one past the page: fine for either. */
		}
	}
out:
	buf_release(&key);
	return rc;
}

/* ---- related ---- */

int
web_related_walk(struct web_req *r, const struct store_article *a,
    size_t max, web_article_fn fn, void *ctx)
{
	struct err e = { 0 };
	struct store *st;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	rc = store_article_related(st, a->id, max, fn, ctx, &e);
	return rc > 0 ? 0 : rc;
}

/* ---- snippets ---- */

static int
snippet_write(struct buf *b, const char *s, bool html)
{
	const char mo = STORE_MARK_OPEN, mc = STORE_MARK_CLOSE;
	bool in = false;
	const char *run;
	int rc = 0;

	for (run = s; rc == 0 && *s; s++) {
		if (*s != mo && *s != mc)
			continue;
		rc = html ? web_html_text_n(b, run, (size_t)(s - run))
		    : buf_append(b, run, (size_t)(s - run));
		run = s + 1;
		if (rc != 0 || !html)
			continue;
		if (*s == mo && !in) {
			rc = WEB_LIT(b, "<mark>");
			in = true;
		} else if (*s == mc && in) {
			rc = WEB_LIT(b, "</mark>");
			in = false;
		}
	}
	if (rc == 0)
		rc = html ? web_html_text(b, run) : buf_puts(b, run);
	if (rc == 0 && in)
		rc = WEB_LIT(b, "</mark>");
	return rc;
}

int
web_snippet_html(struct buf *b, const char *s)
{
	return s ? snippet_write(b, s, true) : 0;
}

int
web_snippet_text(struct buf *b, const char *s)
{
	return s ? snippet_write(b, s, false) : 0;
}

/* ---- source names ---- */

struct web_source_names {
	pthread_mutex_t lock;
	int64_t at_us;          /* when read, 0: never */
	size_t n;
	int64_t ids[WEB_SOURCE_NAMES_MAX];
	char *names[WEB_SOURCE_NAMES_MAX];
};

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

struct web_source_names *
web_source_names_new(void)
{
	struct web_source_names *sn = calloc(1, sizeof(*sn));

	if (sn != NULL)
		pthread_mutex_init(&sn->lock, NULL);
	return sn;
}

static void
names_clear(struct web_source_names *sn)
{
	size_t i;

	for (i = 0; i < sn->n; i++)
		free(sn->names[i]);
	sn->n = 0;
}

void
web_source_names_free(struct web_source_names *sn)
{
	if (sn == NULL)
		return;
	names_clear(sn);
	pthread_mutex_destroy(&sn->lock);
	free(sn);
}

static int
name_one(void *ctx, int64_t id, const char *name)
{
	struct web_source_names *sn = ctx;

	if (sn->n == WEB_SOURCE_NAMES_MAX)
		return 1;
	sn->ids[sn->n] = id;
	if ((sn->names[sn->n] = strdup(name)) == NULL)
		return ERR_NOMEM;
	sn->n++;
	return 0;
}

int
web_source_names_each(struct web_req *r,
    int (*fn)(void *ctx, int64_t id, const char *name), void *ctx)
{
	struct web_source_names local, *sn = r->source_names;
	struct err e = { 0 };
	struct store *st;
	size_t i;
	int rc = 0;

	if (sn == NULL) {
		memset(&local, 0, sizeof(local));
		sn = &local;
	} else {
		pthread_mutex_lock(&sn->lock);
	}
	if (sn == &local || sn->at_us == 0 ||
	    now_us() - sn->at_us > (int64_t)WEB_SOURCE_NAMES_MS * 1000) {
		names_clear(sn);
		if ((st = web_store(r)) == NULL)
			rc = ERR_DB;
		else if ((rc = store_source_names(st, name_one, sn, &e)) > 0)
			rc = 0;
		sn->at_us = rc == 0 ? now_us() : 0;
	}
	for (i = 0; rc == 0 && i < sn->n; i++)
		if ((rc = fn(ctx, sn->ids[i], sn->names[i])) > 0)
			rc = 0;
	if (sn == &local)
		names_clear(sn);
	else
		pthread_mutex_unlock(&sn->lock);
	return rc;
}
