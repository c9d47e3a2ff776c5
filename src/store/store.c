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
	return s->ops->begin(s, e);
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

		if (it->tags[i] == NULL)
			continue;
		buf_reset(&key);
		rc = store_tag_key(it->tags[i], &key);
		if (rc == ERR_INVAL || key.len > STORE_TAG_BYTES_MAX) {
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
	    (rc = row_add_tags(row, it)) != 0) {
		store_row_release(row);
		return err_set(e, rc, "cannot prepare item: %s", err_name(rc));
	}
	row->hash = (int64_t)row_hash(row, it);
	return 0;
}

int
store_article_upsert(struct store *s, int64_t source_id,
    const struct item *it, int64_t now, enum store_upsert_outcome *outcome,
    struct err *e)
{
	enum store_upsert_outcome dummy;
	struct store_row row;
	int rc;

	if (it == NULL || source_id <= 0)
		return err_set(e, ERR_INVAL, "no item or source to store");
	if ((rc = store_row_init(&row, it, now, e)) != 0)
		return rc;
	rc = s->ops->article_upsert(s, source_id, &row,
	    outcome ? outcome : &dummy, e);
	store_row_release(&row);
	return rc;
}

void
store_article_release(struct store_article *a)
{
	size_t i;

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
	for (i = 0; i < a->n_tags; i++)
		free(a->tags[i]);
	free(a->tags);
	free(a->snippet);
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
store_search(struct store *s, const char *query, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct store_query q;
	int rc;

	if (fn == NULL)
		return err_set(e, ERR_INVAL, "store_search: no callback");
	if ((rc = store_query_parse(query, &q, e)) != 0)
		return rc;
	if (limit == 0)
		limit = STORE_LIST_LIMIT_DEFAULT;
	if (limit > STORE_SEARCH_LIMIT_MAX)
		limit = STORE_SEARCH_LIMIT_MAX;
	rc = s->ops->search(s, &q, limit, fn, ctx, e);
	store_query_release(&q);
	return rc;
}
