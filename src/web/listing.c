/*
 * web/listing.c: the article lists behind pages, the JSON API and the
 * feeds: filters read from the query string, a newest-first walk with a
 * keyset cursor, search with filters, sort and paging, and related
 * articles. Pages, API and feeds all list through here, so a filter means
 * the same thing everywhere.
 *
 * A filter the store cannot apply in SQL is applied here while walking,
 * with a named bound on the rows scanned per request (WEB_TAG_SCAN_MAX):
 * when the bound is hit the walk stops and hands back the cursor of the
 * last row it looked at, so a client that follows "next" still sees every
 * match, a page at a time, and no request scans without limit.
 *
 * Search ranks at most WEB_SEARCH_POOL results; filters, date order and
 * paging work within that pool. Search paging is by page number: ranks
 * have no stable keyset, and the pool bounds the cost of a deep page.
 */
#include "base/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

#include "base/str.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_SCAN_CHUNK 500
#define WEB_SEARCH_PAGE_MAX 50
#define WEB_EXCERPT_KEEP 600     /* bytes of text kept per search hit */
#define WEB_RELATED_WORDS 8
#define WEB_RELATED_MIN_WORD 4   /* bytes; shorter words match too much */
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
	return parse_count(r, "page", 1, WEB_SEARCH_PAGE_MAX, &f->page);
}

static bool
has_tag(const struct store_article *a, const char *tag)
{
	size_t i;

	for (i = 0; i < a->n_tags; i++)
		if (a->tags[i] && strcasecmp(a->tags[i], tag) == 0)
			return true;
	return false;
}

/* Does a pass the filters other than the cursor? */
static bool
wanted(const struct web_filter *f, const struct store_article *a)
{
	if (f->source_id && a->source_id != f->source_id)
		return false;
	if (f->tag && !has_tag(a, f->tag))
		return false;
	if (f->since && a->sort_time < f->since)
		return false;
	if (f->until && a->sort_time > f->until)
		return false;
	return true;
}

struct walk_ctx {
	const struct web_filter *f;
	web_article_fn fn;
	void *ctx;
	struct web_walk *w;
	size_t seen;            /* rows of this chunk */
	bool done;              /* past since, or the page is full */
	int64_t at_time, at_id; /* the last row looked at */
};

static int
walk_one(void *ctx, const struct store_article *a)
{
	struct walk_ctx *c = ctx;
	int rc;

	c->seen++;
	if (c->f->since && a->sort_time < c->f->since) {
		c->done = true;
		return 1;
	}
	if (!wanted(c->f, a)) {
		c->at_time = a->sort_time;
		c->at_id = a->id;
		return 0;
	}
	if (c->w->shown == c->f->limit) {
		c->w->more = true;
		c->done = true;
		return 1;
	}
	if ((rc = c->fn(c->ctx, a)) != 0)
		return rc < 0 ? rc : 1;
	c->at_time = a->sort_time;
	c->at_id = a->id;
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
	struct walk_ctx c = { 0 };
	struct err e = { 0 };
	struct store *st;
	size_t scanned = 0;
	bool sparse = f->tag != NULL;
	int rc;

	memset(w, 0, sizeof(*w));
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	c.f = f;
	c.fn = fn;
	c.ctx = ctx;
	c.w = w;
	q.source_id = f->source_id;
	q.before_time = f->before_time;
	q.before_id = f->before_id;
	if (f->until && (q.before_time == 0 || q.before_time > f->until)) {
		/* Strictly before (until + 1, id 0): up to until inclusive. */
		q.before_time = f->until + 1;
		q.before_id = 0;
	}
	c.at_time = q.before_time;
	c.at_id = q.before_id;
	for (;;) {
		q.limit = sparse ? WEB_SCAN_CHUNK : f->limit + 1;
		c.seen = 0;
		rc = store_article_each(st, &q, walk_one, &c, &e);
		if (rc < 0)
			return rc;
		scanned += c.seen;
		if (c.done || c.seen < q.limit)
			break;
		if (scanned >= WEB_TAG_SCAN_MAX) {
			/* Out of budget: hand back where we stopped. */
			w->more = true;
			w->last_time = c.at_time;
			w->last_id = c.at_id;
			break;
		}
		q.before_time = c.at_time;
		q.before_id = c.at_id;
	}
	return 0;
}

/* ---- search ---- */

static char *
dup_or_null(const char *s, bool *oom)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*oom = true;
	return d;
}

/* A copy of the fields a list, the API or a feed shows. */
static int
hit_copy(struct store_article *d, const struct store_article *a, bool full)
{
	bool oom = false;
	size_t i;

	memset(d, 0, sizeof(*d));
	d->id = a->id;
	d->source_id = a->source_id;
	d->published = a->published;
	d->modified = a->modified;
	d->received = a->received;
	d->updated = a->updated;
	d->sort_time = a->sort_time;
	d->rank = a->rank;
	d->source_title = dup_or_null(a->source_title, &oom);
	d->url = dup_or_null(a->url, &oom);
	d->guid = dup_or_null(a->guid, &oom);
	d->title = dup_or_null(a->title, &oom);
	d->summary = dup_or_null(a->summary, &oom);
	d->image = dup_or_null(a->image, &oom);
	d->language = dup_or_null(a->language, &oom);
	d->author = dup_or_null(a->author, &oom);
	d->snippet = dup_or_null(a->snippet, &oom);
	if (full) {
		d->content_html = dup_or_null(a->content_html, &oom);
		d->content_text = dup_or_null(a->content_text, &oom);
	} else if (a->content_text) {
		/* web_excerpt cuts on a code point; keep a little more. */
		size_t n = strlen(a->content_text);

		if (n > WEB_EXCERPT_KEEP)
			n = WEB_EXCERPT_KEEP;
		if ((d->content_text = malloc(n + 1)) == NULL) {
			oom = true;
		} else {
			memcpy(d->content_text, a->content_text, n);
			d->content_text[n] = '\0';
		}
	}
	if (a->n_tags > 0) {
		if ((d->tags = calloc(a->n_tags, sizeof(*d->tags))) == NULL)
			oom = true;
		for (i = 0; d->tags && i < a->n_tags; i++) {
			d->tags[i] = dup_or_null(a->tags[i], &oom);
			d->n_tags++;
		}
	}
	if (oom) {
		store_article_release(d);
		return ERR_NOMEM;
	}
	return 0;
}

struct pool {
	const struct web_filter *f;
	bool full;
	struct store_article *v;
	size_t n, cap;
	size_t keep;            /* stop collecting past this many */
};

static int
pool_one(void *ctx, const struct store_article *a)
{
	struct pool *p = ctx;

	if (!wanted(p->f, a))
		return 0;
	if (p->n == p->keep)
		return 1;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct store_article *nv = realloc(p->v, cap * sizeof(*nv));

		if (nv == NULL)
			return ERR_NOMEM;
		p->v = nv;
		p->cap = cap;
	}
	if (hit_copy(&p->v[p->n], a, p->full) != 0)
		return ERR_NOMEM;
	p->n++;
	return 0;
}

static int
newest_first(const void *x, const void *y)
{
	const struct store_article *a = x, *b = y;

	if (a->sort_time != b->sort_time)
		return a->sort_time < b->sort_time ? 1 : -1;
	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

int
web_search_walk(struct web_req *r, const struct web_filter *f, bool full,
    web_article_fn fn, void *ctx, struct web_walk *w)
{
	struct pool p = { 0 };
	struct err e = { 0 };
	struct store *st;
	bool filtered = f->source_id || f->tag || f->since || f->until;
	size_t want = f->page * f->limit + 1, i, from;
	int rc;

	memset(w, 0, sizeof(*w));
	if (f->q == NULL || *f->q == '\0')
		return web_req_fail(r, "enter some words to search for");
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	p.f = f;
	p.full = full;
	/* Relevance without filters needs only the pages up to this one;
	 * anything else is chosen from the whole pool. */
	p.keep = filtered || f->by_date ? WEB_SEARCH_POOL : want;
	rc = store_search(st, f->q, p.keep == want ? want : WEB_SEARCH_POOL,
	    pool_one, &p, &e);
	if (rc == ERR_INVAL) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%.199s", e.msg[0] ? e.msg
		    : "this search could not be understood");
		goto out;
	}
	if (rc < 0)
		goto out;
	rc = 0;
	if (f->by_date && p.n > 1)
		qsort(p.v, p.n, sizeof(*p.v), newest_first);
	from = (f->page - 1) * f->limit;
	for (i = from; i < p.n && i < from + f->limit; i++) {
		if ((rc = fn(ctx, &p.v[i])) != 0) {
			rc = rc < 0 ? rc : 0;
			break;
		}
		w->shown++;
		w->last_time = p.v[i].sort_time;
		w->last_id = p.v[i].id;
		if (p.v[i].updated > w->newest_update)
			w->newest_update = p.v[i].updated;
	}
	w->more = p.n > from + f->limit;
out:
	for (i = 0; i < p.n; i++)
		store_article_release(&p.v[i]);
	free(p.v);
	return rc;
}

/* ---- related ---- */

static bool
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
	    || (c >= 'A' && c <= 'Z');
}

/* "word1 OR word2 OR ..." from the title's longer words. */
static int
related_query(const char *title, struct buf *q)
{
	const char *p = title;
	size_t words = 0;
	int rc;

	while (p && *p && words < WEB_RELATED_WORDS) {
		const char *start;
		size_t n;

		while (*p && !word_byte((unsigned char)*p))
			p++;
		start = p;
		while (*p && word_byte((unsigned char)*p))
			p++;
		n = (size_t)(p - start);
		if (n < WEB_RELATED_MIN_WORD)
			continue;
		if (words > 0 && (rc = buf_puts(q, " OR ")) != 0)
			return rc;
		if ((rc = buf_append(q, start, n)) != 0)
			return rc;
		words++;
	}
	return 0;
}

struct related_ctx {
	int64_t self;
	size_t shown, max;
	web_article_fn fn;
	void *ctx;
};

static int
related_one(void *ctx, const struct store_article *a)
{
	struct related_ctx *c = ctx;
	int rc;

	if (a->id == c->self)
		return 0;
	if (c->shown == c->max)
		return 1;
	if ((rc = c->fn(c->ctx, a)) != 0)
		return rc;
	c->shown++;
	return 0;
}

int
web_related_walk(struct web_req *r, const struct store_article *a,
    size_t max, web_article_fn fn, void *ctx)
{
	struct related_ctx c = { a->id, 0, max, fn, ctx };
	struct buf q = BUF_INIT;
	struct err e = { 0 };
	struct store *st;
	int rc;

	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	buf_init(&q, 1024);
	rc = related_query(a->title, &q);
	if (rc == 0 && q.len > 0) {
		rc = store_search(st, buf_cstr(&q), max + 1, related_one, &c,
		    &e);
		/* A title the query language rejects just has no related
		 * list; only a real failure fails the page. */
		if (rc == ERR_INVAL || rc > 0)
			rc = 0;
	}
	buf_release(&q);
	return rc;
}

/* ---- snippets ---- */

/* The store marks matches with STX/ETX (0x02/0x03); older stores used
 * brackets, which are read as markers only when no STX is present. */
static void
markers(const char *s, char *open, char *close)
{
	if (strchr(s, '\x02') != NULL) {
		*open = '\x02';
		*close = '\x03';
	} else {
		*open = '[';
		*close = ']';
	}
}

static int
snippet_write(struct buf *b, const char *s, bool html)
{
	char mo, mc;
	bool in = false;
	const char *run;
	int rc = 0;

	markers(s, &mo, &mc);
	for (run = s; rc == 0 && *s; s++) {
		if (*s != mo && *s != mc && *s != '\x02' && *s != '\x03')
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
