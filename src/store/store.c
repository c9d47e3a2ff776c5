/*
 * store/store.c: the public calls of the storage layer.
 *
 * Picks a backend from the path (a postgres:// URL or a SQLite file),
 * checks arguments, and does the work that must come out the same in every
 * backend: an item's identity key (guid, else canonical link, else title
 * and date), the content hash that lets an unchanged item cost one index
 * lookup, tag keys, and the parse of a user's search text. Everything else
 * goes through the backend's ops table. No SQL here.
 */
#include "base/common.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/scan.h"
#include "base/str.h"
#include "base/url.h"
#include "base/utf8.h"
#include "store/store_int.h"

/* ---- opening ---- */

static bool
is_postgres_url(const char *path)
{
	return str_istarts(str_from(path), STR_LIT("postgres://")) ||
	    str_istarts(str_from(path), STR_LIT("postgresql://"));
}

/* Create the missing directories above a database file, like mkdir -p on
 * its dirname. New directories are private (0700): the database will hold
 * accounts one day. */
static int
make_parent_dirs(const char *path, struct err *e)
{
	char *copy, *p;
	int rc = 0;

	if (strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
		return 0;
	copy = strdup(path);
	if (copy == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			rc = err_set(e, ERR_IO,
			    "cannot create directory %s: %s", copy,
			    strerror(errno));
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

int
store_open(const char *path, struct store **out, struct err *e)
{
	int rc;

	if (out == NULL)
		return err_set(e, ERR_INVAL, "store_open: no result pointer");
	*out = NULL;
	if (path == NULL || *path == '\0')
		return err_set(e, ERR_INVAL, "no database path given");
	if (is_postgres_url(path))
		return err_set(e, ERR_UNSUPPORTED,
		    "PostgreSQL databases are not built yet; use a SQLite "
		    "file path");
	if ((rc = make_parent_dirs(path, e)) != 0)
		return rc;
	return store_sqlite_open(path, out, e);
}

void
store_close(struct store *s)
{
	if (s != NULL)
		s->ops->close(s);
}

int
store_schema_version(struct store *s)
{
	return s->ops->schema_version(s);
}

int
store_begin(struct store *s, struct err *e)
{
	return s->ops->begin(s, true, e);
}

int
store_begin_unguarded(struct store *s, struct err *e)
{
	return s->ops->begin(s, false, e);
}

int
store_commit(struct store *s, struct err *e)
{
	return s->ops->commit(s, e);
}

void
store_rollback(struct store *s)
{
	if (s != NULL)
		s->ops->rollback(s);
}

int
store_group_begin(struct store *s, struct err *e)
{
	return s->ops->group_begin(s, e);
}

int
store_group_end(struct store *s, struct err *e)
{
	return s->ops->group_end(s, e);
}

bool
store_group_open(struct store *s)
{
	return s->ops->group_open(s);
}

/* ---- sources ---- */

void
store_source_release(struct store_source *src)
{
	if (src == NULL)
		return;
	free(src->url);
	free(src->title);
	free(src->site_url);
	free(src->group_name);
	free(src->etag);
	free(src->last_modified);
	free(src->last_error);
	memset(src, 0, sizeof(*src));
}

static int
check_text(const char *what, const char *s, bool required, struct err *e)
{
	if (s == NULL)
		return required ?
		    err_set(e, ERR_INVAL, "no %s given", what) : 0;
	if (required && *s == '\0')
		return err_set(e, ERR_INVAL, "empty %s", what);
	if (!utf8_valid(s, strlen(s)))
		return err_set(e, ERR_INVAL, "%s is not valid UTF-8", what);
	return 0;
}

int
store_source_add(struct store *s, const char *url, const char *title,
    const char *group, int64_t *id, struct err *e)
{
	int64_t dummy;
	int rc;

	if ((rc = check_text("source URL", url, true, e)) != 0 ||
	    (rc = check_text("source title", title, false, e)) != 0 ||
	    (rc = check_text("group name", group, false, e)) != 0)
		return rc;
	return s->ops->source_add(s, url, title, group, clock_now(),
	    id ? id : &dummy, e);
}

int
store_source_get(struct store *s, int64_t id, struct store_source *out,
    struct err *e)
{
	memset(out, 0, sizeof(*out));
	return s->ops->source_get(s, id, out, e);
}

int
store_source_find_url(struct store *s, const char *url,
    struct store_source *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (url == NULL)
		return err_set(e, ERR_INVAL, "no source URL given");
	return s->ops->source_find_url(s, url, out, e);
}

int
store_source_remove(struct store *s, int64_t id, struct err *e)
{
	return s->ops->source_remove(s, id, e);
}

int
store_source_set_paused(struct store *s, int64_t id, bool paused,
    struct err *e)
{
	return s->ops->source_set_paused(s, id, paused, e);
}

int
store_source_each(struct store *s, int64_t due_before,
    int (*fn)(void *ctx, const struct store_source *src), void *ctx,
    struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_source_each: no callback");
	return s->ops->source_each(s, due_before, fn, ctx, e);
}

int
store_source_names(struct store *s,
    int (*fn)(void *ctx, int64_t id, const char *name), void *ctx,
    struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_source_names: no callback");
	return s->ops->source_names(s, fn, ctx, e);
}

int
store_source_save_fetch(struct store *s, const struct store_source *src,
    struct err *e)
{
	int rc;

	if (src == NULL || src->id <= 0)
		return err_set(e, ERR_INVAL, "no source to save");
	if ((rc = check_text("source URL", src->url, true, e)) != 0 ||
	    (rc = check_text("source title", src->title, false, e)) != 0 ||
	    (rc = check_text("site URL", src->site_url, false, e)) != 0 ||
	    (rc = check_text("ETag", src->etag, false, e)) != 0 ||
	    (rc = check_text("Last-Modified", src->last_modified, false,
	    e)) != 0 ||
	    (rc = check_text("error text", src->last_error, false, e)) != 0)
		return rc;
	return s->ops->source_save_fetch(s, src, e);
}

int
store_source_recent_times(struct store *s, int64_t id, int64_t *times,
    size_t n, size_t *count, struct err *e)
{
	*count = 0;
	if (n == 0)
		return 0;
	return s->ops->source_recent_times(s, id, times, n, count, e);
}

/* ---- articles: identity, hash, tags ---- */

/* A 64-bit hash for change detection, eight bytes at a time. Not for
 * security: a feed that wants its edit ignored can simply not publish it.
 * Each field is prefixed by its length (or a NULL marker), so moving text
 * from one field into the next changes the hash. */
#define HASH_MUL 0x9E3779B97F4A7C15ULL
#define HASH_MUL2 0xC2B2AE3D27D4EB4FULL

static uint64_t
hash_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * HASH_MUL;
	return h ^ (h >> 31);
}

static uint64_t
hash_bytes(uint64_t h, const char *s, size_t n)
{
	uint64_t w;

	h = hash_mix(h, (uint64_t)n * HASH_MUL2 + 1);
	while (n >= 8) {
		memcpy(&w, s, 8);
		h = hash_mix(h, w);
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	return hash_mix(h, w);
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	if (s == NULL)
		return hash_mix(h, 0x6E756C6CULL); /* distinct from "" */
	return hash_bytes(h, s, strlen(s));
}

static uint64_t
hash_i64(uint64_t h, int64_t v)
{
	return hash_mix(h, (uint64_t)v * HASH_MUL2);
}

static uint64_t
hash_final(uint64_t h)
{
	h ^= h >> 33;
	h *= HASH_MUL2;
	return h ^ (h >> 29);
}

static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

int
store_tag_key(const char *tag, struct buf *out)
{
	struct str t = str_trim(str_from(tag));
	size_t i, start = out->len;
	bool space = false;
	int rc = 0;

	for (i = 0; i < t.n && rc == 0; i++) {
		unsigned char c = (unsigned char)t.p[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = true;
			continue;
		}
		if (space)
			rc = buf_putc(out, ' ');
		space = false;
		if (rc == 0)
			rc = buf_putc(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (rc == 0 && out->len == start)
		rc = ERR_INVAL;
	return rc;
}

/* The key of tag i: the caller's when given, else ours. ERR_INVAL when
 * the tag is to be skipped. */
static int
tag_key_of(const struct item *it, size_t i, struct buf *key)
{
	const char *given = it->tag_keys != NULL ? it->tag_keys[i] : NULL;

	if (given != NULL && !blank(given)) {
		if (!utf8_valid(given, strlen(given)))
			return ERR_INVAL;
		return buf_puts(key, given);
	}
	return store_tag_key(it->tags[i], key);
}

static int
row_add_tags(struct store_row *row, const struct item *it)
{
	struct buf key = BUF_INIT;
	size_t i, j, max = it->n_tags < STORE_TAGS_MAX ? it->n_tags :
	    STORE_TAGS_MAX;
	int rc = 0;

	if (it->n_tags > STORE_TAGS_MAX)
		log_debug("store: item has %zu tags, keeping the first %d",
		    it->n_tags, STORE_TAGS_MAX);
	if (max == 0)
		return 0;
	row->tags = calloc(max, sizeof(*row->tags));
	if (row->tags == NULL)
		return ERR_NOMEM;
	for (i = 0; i < max; i++) {
		struct str d;

		if (it->tags[i] == NULL || blank(it->tags[i]))
			continue;
		buf_reset(&key);
		rc = tag_key_of(it, i, &key);
		if (rc == ERR_INVAL || rc == ERR_TOOBIG ||
		    key.len > STORE_TAG_BYTES_MAX) {
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		for (j = 0; j < row->n_tags; j++)
			if (strcmp(row->tags[j].key, buf_cstr(&key)) == 0)
				break;
		if (j < row->n_tags)
			continue;
		d = str_trim(str_from(it->tags[i]));
		if (d.n > STORE_TAG_BYTES_MAX)
			d.n = utf8_cut(d.p, d.n, STORE_TAG_BYTES_MAX);
		row->tags[row->n_tags].display = str_dup(d);
		row->tags[row->n_tags].key = buf_detach(&key);
		if (row->tags[row->n_tags].display == NULL ||
		    row->tags[row->n_tags].key == NULL) {
			free(row->tags[row->n_tags].display);
			free(row->tags[row->n_tags].key);
			rc = ERR_NOMEM;
			break;
		}
		row->n_tags++;
	}
	buf_release(&key);
	return rc;
}

/* A copy of s with the snippet marks blanked, or NULL in *out when s
 * holds none (the common case: a vectorised scan, no copy; strpbrk was
 * measured at half the unchanged-item rate). */
static int
scrub_marks(const char *s, char **out)
{
	size_t n;
	char *c;

	*out = NULL;
	if (s == NULL)
		return 0;
	n = strlen(s);
	if (memchr(s, STORE_MARK_OPEN, n) == NULL &&
	    memchr(s, STORE_MARK_CLOSE, n) == NULL)
		return 0;
	if ((*out = strdup(s)) == NULL)
		return ERR_NOMEM;
	for (c = *out; *c; c++)
		if (*c == STORE_MARK_OPEN || *c == STORE_MARK_CLOSE)
			*c = ' ';
	return 0;
}

static int
row_texts(struct store_row *row, const struct item *it)
{
	int rc;

	if ((rc = scrub_marks(it->title, &row->title_own)) != 0 ||
	    (rc = scrub_marks(it->content_text, &row->text_own)) != 0)
		return rc;
	row->title = row->title_own ? row->title_own : it->title;
	row->text = row->text_own ? row->text_own : it->content_text;
	return 0;
}

static int
row_join_authors(struct store_row *row, const struct item *it)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < it->n_authors && rc == 0; i++) {
		const struct person *p = &it->authors[i];
		const char *name = !blank(p->name) ? p->name :
		    !blank(p->email) ? p->email : NULL;

		if (name == NULL)
			continue;
		if (b.len > 0)
			rc = buf_puts(&b, ", ");
		if (rc == 0)
			rc = buf_puts(&b, name);
	}
	if (rc == 0 && b.len > 0 && (row->author = buf_detach(&b)) == NULL)
		rc = ERR_NOMEM;
	buf_release(&b);
	return rc;
}

static char *
hex_key(const char *prefix, uint64_t h)
{
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "%s%016llx", prefix, (unsigned long long)h);
	return strdup(tmp);
}

/* The identity key: the guid as given; else the canonical link, so that
 * utm_ parameters, a #fragment or the host's case do not make a second
 * copy; else a hash of title and date (and text, when there is no title),
 * which is the best a feed without guids or links allows. */
static int
row_make_key(struct store_row *row, const struct item *it)
{
	char *key;

	if (!blank(it->id))
		key = strdup(it->id);
	else if (row->canonical_url != NULL)
		key = strdup(row->canonical_url);
	else {
		uint64_t h = hash_str(0, "title-date");

		h = hash_str(h, it->title);
		h = hash_i64(h, row->published);
		if (blank(it->title))
			h = hash_str(h, it->content_text);
		key = hex_key("title-date:", hash_final(h));
	}
	if (key != NULL && strlen(key) > STORE_KEY_MAX) {
		char *long_key = hex_key("long-key:",
		    hash_final(hash_str(0, key)));

		free(key);
		key = long_key;
	}
	if (key == NULL)
		return ERR_NOMEM;
	row->key = key;
	return 0;
}

static int
row_canonical_url(struct store_row *row, const struct item *it)
{
	struct buf b = BUF_INIT;
	int rc;

	if (blank(it->url))
		return 0;
	rc = url_canonical(it->url, &b);
	if (rc == ERR_NOMEM) {
		buf_release(&b);
		return rc;
	}
	/* A link that is not an absolute URL still identifies the item as
	 * the feed wrote it. */
	row->canonical_url = rc == 0 ? buf_detach(&b) : strdup(it->url);
	buf_release(&b);
	return row->canonical_url ? 0 : ERR_NOMEM;
}

static uint64_t
row_hash(const struct store_row *row, const struct item *it)
{
	uint64_t h = hash_str(0, "tidings-article-1");
	size_t i;

	h = hash_str(h, it->id);
	h = hash_str(h, it->url);
	h = hash_str(h, it->title);
	h = hash_str(h, it->content_html);
	h = hash_str(h, it->content_text);
	h = hash_str(h, it->summary);
	h = hash_str(h, it->image);
	h = hash_str(h, it->language);
	h = hash_str(h, row->author);
	h = hash_i64(h, row->published);
	h = hash_i64(h, row->modified);
	h = hash_i64(h, (int64_t)row->n_tags);
	for (i = 0; i < row->n_tags; i++)
		h = hash_str(h, row->tags[i].display);
	/* Keys only when the caller computes them, so that items hashed
	 * before tag_keys existed keep their hash. */
	if (it->tag_keys != NULL)
		for (i = 0; i < row->n_tags; i++)
			h = hash_str(h, row->tags[i].key);
	return hash_final(h);
}

void
store_row_release(struct store_row *row)
{
	size_t i;

	if (row == NULL)
		return;
	free(row->key);
	free(row->canonical_url);
	free(row->author);
	for (i = 0; i < row->n_tags; i++) {
		free(row->tags[i].key);
		free(row->tags[i].display);
	}
	free(row->tags);
	free(row->title_own);
	free(row->text_own);
	memset(row, 0, sizeof(*row));
}

int
store_row_init(struct store_row *row, const struct item *it, int64_t now,
    struct err *e)
{
	int rc;

	memset(row, 0, sizeof(*row));
	row->it = it;
	row->received = now;
	if (it->has_published)
		row->published = it->date_published;
	else if (it->has_modified)
		row->published = it->date_modified;
	if (it->has_modified)
		row->modified = it->date_modified;
	/* A date in the future would pin the item to the top of every list
	 * until that day comes; it sorts as if received now. */
	row->sort_time = row->published != 0 && row->published < now ?
	    row->published : now;
	if ((rc = row_canonical_url(row, it)) != 0 ||
	    (rc = row_make_key(row, it)) != 0 ||
	    (rc = row_join_authors(row, it)) != 0 ||
	    (rc = row_add_tags(row, it)) != 0 ||
	    (rc = row_texts(row, it)) != 0) {
		store_row_release(row);
		return err_set(e, rc, "cannot prepare item: %s", err_name(rc));
	}
	row->hash = (int64_t)row_hash(row, it);
	return 0;
}

int
store_article_put(struct store *s, int64_t source_id, const struct item *it,
    int64_t now, enum store_upsert_outcome *outcome, int64_t *id,
    struct err *e)
{
	enum store_upsert_outcome dummy;
	struct store_row row;
	int64_t dummy_id;
	int rc;

	if (it == NULL || source_id <= 0)
		return err_set(e, ERR_INVAL, "no item or source to store");
	if ((rc = store_row_init(&row, it, now, e)) != 0)
		return rc;
	rc = s->ops->article_upsert(s, source_id, &row,
	    outcome ? outcome : &dummy, id ? id : &dummy_id, e);
	store_row_release(&row);
	return rc;
}

int
store_article_upsert(struct store *s, int64_t source_id,
    const struct item *it, int64_t now, enum store_upsert_outcome *outcome,
    struct err *e)
{
	return store_article_put(s, source_id, it, now, outcome, NULL, e);
}

int
store_article_set_body(struct store *s, int64_t id, const char *html,
    const char *text, struct err *e)
{
	char *clean = NULL;
	int rc;

	if ((rc = check_text("article HTML", html, false, e)) != 0 ||
	    (rc = check_text("article text", text, false, e)) != 0)
		return rc;
	if (scrub_marks(text, &clean) != 0)
		return err_set(e, ERR_NOMEM, "out of memory");
	rc = s->ops->article_set_body(s, id, html, clean ? clean : text, e);
	free(clean);
	return rc;
}

int
store_article_set_full_text_failed(struct store *s, int64_t id,
    const char *error, struct err *e)
{
	char *cut = NULL;
	int rc;

	if ((rc = check_text("error text", error, false, e)) != 0)
		return rc;
	if (error != NULL && strlen(error) > STORE_ERROR_TEXT_MAX) {
		cut = str_dup((struct str){ error, utf8_cut(error,
		    strlen(error), STORE_ERROR_TEXT_MAX) });
		if (cut == NULL)
			return err_set(e, ERR_NOMEM, "out of memory");
	}
	rc = s->ops->article_set_failed(s, id, cut ? cut : error, e);
	free(cut);
	return rc;
}

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
store_article_release(struct store_article *a)
{
	if (a == NULL)
		return;
	free(a->source_title);
	free(a->guid);
	free(a->url);
	free(a->title);
	free(a->content_html);
	free(a->content_text);
	free(a->summary);
	free(a->image);
	free(a->language);
	free(a->author);
	free_strv(a->tags, a->n_tags);
	if (a->tag_keys != NULL)
		free_strv(a->tag_keys, a->n_tags);
	free(a->snippet);
	free(a->excerpt);
	free(a->full_text_error);
	free(a->lang);
	free(a->ai_summary);
	free_strv(a->key_points, a->n_key_points);
	free(a->body_main);
	free(a->body_background);
	memset(a, 0, sizeof(*a));
}

int
store_article_each(struct store *s, const struct store_article_query *q,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct store_article_query dq = { 0 };

	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_article_each: no callback");
	if (q != NULL)
		dq = *q;
	if (dq.limit == 0)
		dq.limit = STORE_LIST_LIMIT_DEFAULT;
	if (dq.limit > STORE_LIST_LIMIT_MAX)
		dq.limit = STORE_LIST_LIMIT_MAX;
	if (dq.until == 0)
		dq.until = INT64_MAX;
	if (dq.since == 0)
		dq.since = INT64_MIN;
	if (dq.tag != NULL && *dq.tag == '\0')
		dq.tag = NULL;
	return s->ops->article_each(s, &dq, fn, ctx, e);
}

int
store_article_get(struct store *s, int64_t id, struct store_article *out,
    struct err *e)
{
	memset(out, 0, sizeof(*out));
	return s->ops->article_get(s, id, out, e);
}

int
store_article_count(struct store *s, int64_t *out, struct err *e)
{
	*out = 0;
	return s->ops->article_count(s, out, e);
}

int
store_check(struct store *s, struct err *e)
{
	return s->ops->check(s, e);
}

/* ---- search ---- */

void
store_query_release(struct store_query *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++)
		free(q->terms[i].text);
	free(q->terms);
	memset(q, 0, sizeof(*q));
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

/* The words of the user's text become terms: "a phrase", word, word*,
 * -word (or NOT word), and OR between two terms. Everything else is a
 * literal: a term's text reaches the backend only as a quoted string, so
 * no punctuation can turn into query syntax. */
int
store_query_parse(const char *text, struct store_query *q, struct err *e)
{
	const char *p = text;
	bool exclude_next = false, any_positive = false;
	struct store_term *last_positive = NULL;

	memset(q, 0, sizeof(*q));
	if (text == NULL || blank(text))
		return err_set(e, ERR_INVAL, "enter some words to search for");
	if (strlen(text) > STORE_QUERY_MAX)
		return err_set(e, ERR_INVAL,
		    "the search is too long (at most %d bytes)",
		    STORE_QUERY_MAX);
	if (!utf8_valid(text, strlen(text)))
		return err_set(e, ERR_INVAL, "the search is not valid UTF-8");
	q->terms = calloc(STORE_QUERY_TERMS_MAX, sizeof(*q->terms));
	if (q->terms == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (;;) {
		struct store_term t = { 0 };
		const char *start, *end;

		while (is_space(*p))
			p++;
		if (*p == '\0')
			break;
		t.exclude = exclude_next;
		exclude_next = false;
		if (*p == '-' && p[1] != '\0' && !is_space(p[1])) {
			t.exclude = true;
			p++;
		}
		if (*p == '"') {
			t.kind = STORE_TERM_PHRASE;
			start = ++p;
			while (*p != '\0' && *p != '"')
				p++;
			end = p;
			if (*p == '"')
				p++;
			if (*p == '*') {
				t.prefix = true;
				while (*p == '*')
					p++;
			}
		} else {
			t.kind = STORE_TERM_WORD;
			start = p;
			while (*p != '\0' && !is_space(*p))
				p++;
			end = p;
			while (end > start && end[-1] == '*') {
				end--;
				t.prefix = true;
			}
			if (!t.exclude && end - start == 2 &&
			    memcmp(start, "OR", 2) == 0 && !t.prefix) {
				if (last_positive != NULL)
					last_positive->or_next = true;
				continue;
			}
			if (!t.exclude && end - start == 3 && !t.prefix &&
			    memcmp(start, "AND", 3) == 0)
				continue; /* the default anyway */
			if (!t.exclude && end - start == 3 && !t.prefix &&
			    memcmp(start, "NOT", 3) == 0) {
				exclude_next = true;
				continue;
			}
		}
		while (start < end && is_space(*start))
			start++;
		while (end > start && is_space(end[-1]))
			end--;
		if (end == start)
			continue;
		if (q->n == STORE_QUERY_TERMS_MAX) {
			store_query_release(q);
			return err_set(e, ERR_INVAL,
			    "too many words in the search (at most %d)",
			    STORE_QUERY_TERMS_MAX);
		}
		t.text = str_dup((struct str){ start, (size_t)(end - start) });
		if (t.text == NULL) {
			store_query_release(q);
			return err_set(e, ERR_NOMEM, "out of memory");
		}
		q->terms[q->n] = t;
		if (!t.exclude) {
			last_positive = &q->terms[q->n];
			any_positive = true;
		}
		q->n++;
	}
	if (!any_positive) {
		store_query_release(q);
		return err_set(e, ERR_INVAL, q->n == 0 && !exclude_next ?
		    "enter some words to search for" :
		    "a search needs at least one word that is not excluded");
	}
	return 0;
}

int
store_search_ex(struct store *s, const struct store_search_opts *o,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct store_search_opts d;
	struct store_query q;
	int rc;

	if (fn == NULL || o == NULL)
		return err_set(e, ERR_INVAL, "store_search: no callback");
	d = *o;
	if (d.limit == 0)
		d.limit = STORE_LIST_LIMIT_DEFAULT;
	if (d.limit > STORE_SEARCH_LIMIT_MAX)
		d.limit = STORE_SEARCH_LIMIT_MAX;
	if (d.sort != STORE_SORT_DATE && d.sort != STORE_SORT_RELEVANCE)
		return err_set(e, ERR_INVAL, "unknown sort order");
	if (d.sort == STORE_SORT_RELEVANCE && (d.page >
	    STORE_SEARCH_DEPTH_MAX / d.limit ||
	    d.page * d.limit + d.limit > STORE_SEARCH_DEPTH_MAX))
		return err_set(e, ERR_INVAL, "only the first %d results are "
		    "shown; add words to narrow the search",
		    STORE_SEARCH_DEPTH_MAX);
	if (d.sort == STORE_SORT_RELEVANCE)
		d.before_time = d.before_id = 0;
	else
		d.page = 0;
	if (d.until == 0)
		d.until = INT64_MAX;
	if (d.since == 0)
		d.since = INT64_MIN;
	if (d.tag != NULL && *d.tag == '\0')
		d.tag = NULL;
	if ((rc = store_query_parse(d.query, &q, e)) != 0)
		return rc;
	rc = s->ops->search_ex(s, &d, &q, fn, ctx, e);
	store_query_release(&q);
	return rc;
}

int
store_search(struct store *s, const char *query, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct store_search_opts o = { 0 };

	o.query = query;
	o.limit = limit;
	return store_search_ex(s, &o, fn, ctx, e);
}

int
store_article_related(struct store *s, int64_t id, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_article_related: no "
		    "callback");
	if (limit == 0)
		limit = STORE_RELATED_DEFAULT;
	if (limit > STORE_RELATED_MAX)
		limit = STORE_RELATED_MAX;
	return s->ops->article_related(s, id, limit, fn, ctx, e);
}

/* ---- tags ---- */

int
store_tag_get(struct store *s, const char *key, char **display,
    int64_t *count, struct err *e)
{
	char *dummy_d = NULL;
	int64_t dummy_n;
	int rc;

	if (display != NULL)
		*display = NULL;
	if (count != NULL)
		*count = 0;
	if (key == NULL || *key == '\0')
		return err_set(e, ERR_INVAL, "no tag given");
	rc = s->ops->tag_get(s, key, display ? display : &dummy_d,
	    count ? count : &dummy_n, e);
	free(dummy_d);
	return rc;
}

int
store_tag_top(struct store *s, size_t limit,
    int (*fn)(void *ctx, const char *key, const char *display,
    int64_t count), void *ctx, struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_tag_top: no callback");
	if (limit == 0)
		limit = STORE_TAG_LIST_DEFAULT;
	if (limit > STORE_LIST_LIMIT_MAX)
		limit = STORE_LIST_LIMIT_MAX;
	return s->ops->tag_list(s, limit, fn, ctx, e);
}

int
store_tag_each(struct store *s,
    int (*fn)(void *ctx, const char *key, const char *display,
    int64_t count), void *ctx, struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_tag_each: no callback");
	return s->ops->tag_list(s, 0, fn, ctx, e);
}

int
store_tag_split(struct store *s, const char *key,
    const struct store_tag_in *pieces, size_t n, struct err *e)
{
	struct store_tag v[STORE_TAGS_MAX];

	if (key == NULL || *key == '\0' || n == 0 || n > STORE_TAGS_MAX)
		return err_set(e, ERR_INVAL, "store_tag_split: bad arguments");
	for (size_t i = 0; i < n; i++) {
		if (pieces[i].key == NULL || *pieces[i].key == '\0' ||
		    pieces[i].spelling == NULL ||
		    strlen(pieces[i].spelling) > STORE_TAG_BYTES_MAX ||
		    strcmp(pieces[i].key, key) == 0)
			return err_set(e, ERR_INVAL,
			    "store_tag_split: bad piece");
		v[i].key = (char *)pieces[i].key;
		v[i].display = (char *)pieces[i].spelling;
	}
	return s->ops->tag_split(s, key, v, n, e);
}

/* ---- analysis ---- */

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
store_paragraphs_set(struct store *s, int64_t source_id, int64_t article_id,
    const uint64_t *fps, size_t n, int threshold, bool *is_boiler,
    uint64_t *crossed, size_t *n_crossed, struct err *e)
{
	uint64_t *uniq = NULL, *cross = NULL;
	bool *boiler = NULL;
	size_t i, j, nu = 0, nc = 0;
	int rc;

	if (n_crossed != NULL)
		*n_crossed = 0;
	if (source_id <= 0 || article_id <= 0 || (n > 0 && fps == NULL))
		return err_set(e, ERR_INVAL, "store_paragraphs_set: bad "
		    "arguments");
	if (n > STORE_PARAGRAPHS_MAX)
		return err_set(e, ERR_TOOBIG, "%zu paragraphs (at most %d)",
		    n, STORE_PARAGRAPHS_MAX);
	if (threshold <= 0)
		threshold = STORE_BOILER_THRESHOLD_DEFAULT;
	if (n > 0) {
		uniq = malloc(n * sizeof(*uniq));
		cross = malloc(n * sizeof(*cross));
		boiler = calloc(n, sizeof(*boiler));
		if (uniq == NULL || cross == NULL || boiler == NULL) {
			rc = err_set(e, ERR_NOMEM, "out of memory");
			goto out;
		}
		memcpy(uniq, fps, n * sizeof(*uniq));
		qsort(uniq, n, sizeof(*uniq), cmp_u64);
		for (i = 0; i < n; i++)
			if (nu == 0 || uniq[nu - 1] != uniq[i])
				uniq[nu++] = uniq[i];
	}
	rc = s->ops->paragraphs_set(s, source_id, article_id, uniq, nu,
	    threshold, boiler, cross, &nc, e);
	if (rc != 0)
		goto out;
	/* Back from the sorted unique list to the caller's order. */
	for (i = 0; i < n && is_boiler != NULL; i++) {
		uint64_t *hit = bsearch(&fps[i], uniq, nu, sizeof(*uniq),
		    cmp_u64);

		is_boiler[i] = hit != NULL && boiler[hit - uniq];
	}
	for (j = 0; j < nc && crossed != NULL; j++)
		crossed[j] = cross[j];
	if (n_crossed != NULL)
		*n_crossed = crossed != NULL ? nc : 0;
out:
	free(uniq);
	free(cross);
	free(boiler);
	return rc;
}

int
store_paragraph_articles(struct store *s, int64_t source_id,
    const uint64_t *fps, size_t n,
    int (*fn)(void *ctx, int64_t article_id), void *ctx, struct err *e)
{
	if (fn == NULL || (n > 0 && fps == NULL))
		return err_set(e, ERR_INVAL, "store_paragraph_articles: bad "
		    "arguments");
	return s->ops->paragraph_articles(s, source_id, fps, n, fn, ctx, e);
}

/* Bytes a JSON string cannot hold as they are (NUL ends the string). */
static const bool json_special[256] = {
	[0x00] = true, [0x01] = true, [0x02] = true, [0x03] = true,
	[0x04] = true, [0x05] = true, [0x06] = true, [0x07] = true,
	[0x08] = true, [0x09] = true, [0x0A] = true, [0x0B] = true,
	[0x0C] = true, [0x0D] = true, [0x0E] = true, [0x0F] = true,
	[0x10] = true, [0x11] = true, [0x12] = true, [0x13] = true,
	[0x14] = true, [0x15] = true, [0x16] = true, [0x17] = true,
	[0x18] = true, [0x19] = true, [0x1A] = true, [0x1B] = true,
	[0x1C] = true, [0x1D] = true, [0x1E] = true, [0x1F] = true,
	['"'] = true, ['\\'] = true,
};

static int
json_put_string(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p, *run;
	const char *end = s + strlen(s);
	int rc = buf_putc(b, '"');

	for (p = (const unsigned char *)s; *p && rc == 0; p++) {
		/* Plain bytes go out a run at a time, looked at sixteen a
		 * step. */
		run = p;
		p = (const unsigned char *)scan_ctl_or((const char *)p, end,
		    '"', '\\', '\0', '\0');
		while (!json_special[*p])
			p++;
		if (p > run && (rc = buf_append(b, run,
		    (size_t)(p - run))) != 0)
			break;
		if (*p == '\0')
			break;
		if (*p == '"' || *p == '\\') {
			rc = buf_putc(b, '\\');
			if (rc == 0)
				rc = buf_putc(b, (char)*p);
		} else {
			char u[7] = { '\\', 'u', '0', '0', hex[*p >> 4],
			    hex[*p & 15], 0 };

			rc = buf_puts(b, u);
		}
	}
	if (rc == 0)
		rc = buf_putc(b, '"');
	return rc;
}

int
store_json_strings_encode(const char *const *v, size_t n, struct buf *out)
{
	size_t i;
	int rc = buf_putc(out, '[');

	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			rc = buf_putc(out, ',');
		if (rc == 0)
			rc = json_put_string(out, v[i] ? v[i] : "");
	}
	if (rc == 0)
		rc = buf_putc(out, ']');
	return rc;
}

/* Only what the encoder writes: \uXXXX below 0x20, \" and \\. */
int
store_json_strings_decode(const char *json, char ***v, size_t *n)
{
	const char *p = json;
	struct buf b = BUF_INIT;
	char **out = NULL;
	size_t cnt = 0, cap = 0;
	int rc = 0;

	*v = NULL;
	*n = 0;
	if (p == NULL || *p++ != '[')
		return ERR_INVAL;
	while (rc == 0 && *p != ']') {
		if (cnt > 0 && *p++ != ',') {
			rc = ERR_INVAL;
			break;
		}
		if (*p++ != '"') {
			rc = ERR_INVAL;
			break;
		}
		buf_reset(&b);
		while (rc == 0 && *p != '"') {
			if (*p == '\0') {
				rc = ERR_INVAL;
			} else if (*p != '\\') {
				rc = buf_putc(&b, *p++);
			} else if (p[1] == '"' || p[1] == '\\') {
				rc = buf_putc(&b, p[1]);
				p += 2;
			} else if (p[1] == 'u' && p[2] == '0' && p[3] == '0' &&
			    str_hexval(p[4]) >= 0 && str_hexval(p[5]) >= 0) {
				rc = buf_putc(&b, (char)(str_hexval(p[4]) * 16 +
				    str_hexval(p[5])));
				p += 6;
			} else {
				rc = ERR_INVAL;
			}
		}
		if (rc != 0)
			break;
		p++;
		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			char **nv = realloc(out, ncap * sizeof(*nv));

			if (nv == NULL) {
				rc = ERR_NOMEM;
				break;
			}
			out = nv;
			cap = ncap;
		}
		if ((out[cnt] = strdup(buf_cstr(&b))) == NULL) {
			rc = ERR_NOMEM;
			break;
		}
		cnt++;
	}
	buf_release(&b);
	if (rc != 0) {
		free_strv(out, cnt);
		return rc;
	}
	*v = out;
	*n = cnt;
	return 0;
}

char *
store_excerpt(const char *text, size_t n)
{
	size_t i = 0, chars = 0, cut;

	/* Count STORE_EXCERPT_CHARS characters (UTF-8 lead bytes). */
	while (i < n && chars < STORE_EXCERPT_CHARS) {
		i++;
		while (i < n && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (i >= n)
		return str_dup((struct str){ text, n });
	cut = i;
	while (cut > 0 && text[cut - 1] != ' ')
		cut--;
	while (cut > 0 && text[cut - 1] == ' ')
		cut--;
	if (cut < i / 2)
		cut = i;
	{
		char *out = malloc(cut + 4);

		if (out == NULL)
			return NULL;
		memcpy(out, text, cut);
		memcpy(out + cut, "\xE2\x80\xA6", 4);
		return out;
	}
}

static int
check_analysis(const struct store_analysis *a, struct err *e)
{
	size_t i;
	int rc;

	if ((rc = check_text("language", a->lang, false, e)) != 0 ||
	    (rc = check_text("summary", a->ai_summary, false, e)) != 0 ||
	    (rc = check_text("main body", a->body_main, false, e)) != 0 ||
	    (rc = check_text("background", a->body_background, false,
	    e)) != 0)
		return rc;
	for (i = 0; i < a->n_key_points; i++)
		if ((rc = check_text("key point", a->key_points[i], true,
		    e)) != 0)
			return rc;
	for (i = 0; i < a->n_entities; i++) {
		const struct store_entity_in *en = &a->entities[i];

		if ((rc = check_text("entity key", en->key, true, e)) != 0 ||
		    (rc = check_text("entity name", en->name, true, e)) != 0 ||
		    (rc = check_text("entity type", en->type, true, e)) != 0)
			return rc;
		if (strlen(en->key) > STORE_ENTITY_BYTES_MAX ||
		    strlen(en->name) > STORE_ENTITY_BYTES_MAX ||
		    strlen(en->type) > STORE_ENTITY_BYTES_MAX)
			return err_set(e, ERR_INVAL, "entity name too long");
	}
	for (i = 0; i < a->n_tags; i++) {
		if ((rc = check_text("tag key", a->tags[i].key, true, e)) != 0 ||
		    (rc = check_text("tag", a->tags[i].spelling, true,
		    e)) != 0)
			return rc;
		if (strlen(a->tags[i].key) > STORE_TAG_BYTES_MAX ||
		    strlen(a->tags[i].spelling) > STORE_TAG_BYTES_MAX)
			return err_set(e, ERR_INVAL, "tag too long");
	}
	return 0;
}

int
store_article_save_analysis(struct store *s, int64_t id,
    const struct store_analysis *a, struct err *e)
{
	struct store_analysis d;
	struct buf kp = BUF_INIT;
	int rc;

	if (a == NULL)
		return err_set(e, ERR_INVAL, "no analysis to save");
	d = *a;
	if (d.n_key_points > STORE_KEY_POINTS_MAX)
		d.n_key_points = STORE_KEY_POINTS_MAX;
	if (d.n_entities > STORE_ENTITIES_MAX)
		d.n_entities = STORE_ENTITIES_MAX;
	if (d.n_tags > STORE_TAGS_MAX)
		d.n_tags = STORE_TAGS_MAX;
	if ((d.n_key_points > 0 && d.key_points == NULL) ||
	    (d.n_entities > 0 && d.entities == NULL) ||
	    (d.n_tags > 0 && d.tags == NULL))
		return err_set(e, ERR_INVAL, "analysis: array missing");
	if ((rc = check_analysis(&d, e)) != 0)
		return rc;
	if (d.n_key_points > 0 &&
	    store_json_strings_encode(d.key_points, d.n_key_points, &kp) != 0) {
		buf_release(&kp);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	rc = s->ops->save_analysis(s, id, &d,
	    d.n_key_points > 0 ? buf_cstr(&kp) : NULL, e);
	buf_release(&kp);
	return rc;
}

void
store_entity_release(struct store_entity *en)
{
	if (en == NULL)
		return;
	free(en->key);
	free(en->name);
	free(en->type);
	memset(en, 0, sizeof(*en));
}

int
store_article_entities(struct store *s, int64_t id,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_article_entities: no "
		    "callback");
	return s->ops->article_entities(s, id, fn, ctx, e);
}

int
store_entity_get(struct store *s, int64_t id, struct store_entity *out,
    struct err *e)
{
	memset(out, 0, sizeof(*out));
	return s->ops->entity_get(s, id, out, e);
}

int
store_entity_find(struct store *s, const char *key, int64_t *id,
    struct err *e)
{
	*id = 0;
	if (key == NULL || *key == '\0')
		return err_set(e, ERR_INVAL, "no entity given");
	return s->ops->entity_find(s, key, id, e);
}

int
store_entity_each(struct store *s,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e)
{
	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_entity_each: no callback");
	return s->ops->entity_each(s, fn, ctx, e);
}
