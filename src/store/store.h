/*
 * store/store.h: the only public header of the storage layer.
 *
 * An opaque struct store with operations on sources and articles. The
 * SQLite backend (WAL mode, numbered migrations, FTS5 index kept in step)
 * is the default; a PostgreSQL backend implements the same operations
 * behind the same calls (an ops table inside store/), so callers never
 * change. All text passed in is valid UTF-8.
 *
 * Writes that belong together go between store_begin and store_commit: all
 * that one fetch of one source stores is one transaction, so an interrupted
 * ingest leaves no half-stored feed.
 *
 * A struct store is one connection: use it from one thread at a time.
 * Threads that work in parallel (web requests, an ingester) each open
 * their own; readers and one writer then proceed side by side.
 */
#ifndef TD_STORE_STORE_H
#define TD_STORE_STORE_H

#include "base/common.h"

#include "base/err.h"
#include "model/feed.h"

struct store;

/* Open (creating and migrating as needed) the database at path. */
int store_open(const char *path, struct store **out, struct err *e);
void store_close(struct store *s);

/* The schema version after migrations. */
int store_schema_version(struct store *s);

int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

/* ---- sources ---- */

struct store_source {
	int64_t id;
	char *url;          /* the feed URL we fetch */
	char *title;
	char *site_url;     /* the publisher's home page */
	char *group_name;   /* OPML folder, NULL when none */
	char *etag;
	char *last_modified;
	char *last_error;   /* NULL after a success */
	int64_t created;
	int64_t last_fetch;   /* 0: never */
	int64_t last_success; /* 0: never */
	int64_t next_fetch;   /* due at or after this time */
	int fail_count;       /* consecutive failures */
	int last_status;      /* HTTP status of the last attempt, 0 if none */
	bool paused;          /* by the user */
	bool disabled;        /* by us, e.g. after 410 Gone */
	bool full_text;       /* fetch linked pages for full text */
	int64_t article_count;
};

void store_source_release(struct store_source *src);

/* Add a source; ERR_EXISTS (with *id set to the existing one) if the URL
 * is already there. title and group may be NULL. */
int store_source_add(struct store *s, const char *url, const char *title,
    const char *group, int64_t *id, struct err *e);

/* ERR_NOTFOUND when there is no such source. */
int store_source_get(struct store *s, int64_t id, struct store_source *out,
    struct err *e);
int store_source_find_url(struct store *s, const char *url,
    struct store_source *out, struct err *e);

/* Remove a source and all its articles. */
int store_source_remove(struct store *s, int64_t id, struct err *e);

int store_source_set_paused(struct store *s, int64_t id, bool paused,
    struct err *e);

/* Visit sources in id order: all of them (due_before < 0) or those neither
 * paused nor disabled whose next_fetch <= due_before. fn's source is valid
 * only during the call; a non-zero return stops the walk and is returned. */
int store_source_each(struct store *s, int64_t due_before,
    int (*fn)(void *ctx, const struct store_source *src), void *ctx,
    struct err *e);

/* Save the outcome of a fetch attempt: url (after a permanent redirect),
 * title, site_url, etag, last_modified, last_error, last_fetch,
 * last_success, next_fetch, fail_count, last_status, disabled are written
 * from src; the other fields are left as stored. */
int store_source_save_fetch(struct store *s, const struct store_source *src,
    struct err *e);

/* Publication times of the source's newest n articles, newest first, into
 * times (n entries room); *count receives how many there were. Used to
 * adapt the polling interval. */
int store_source_recent_times(struct store *s, int64_t id, int64_t *times,
    size_t n, size_t *count, struct err *e);

/* ---- articles ---- */

enum store_upsert_outcome {
	STORE_INSERTED,
	STORE_UPDATED,
	STORE_UNCHANGED,
};

/* Store one item of a source. The article is identified by (source, guid)
 * or, without a guid, by the canonical form of its link; an item with
 * neither is identified by its title and date. Storing the same item again
 * updates it when it changed and never duplicates it. now is the received
 * time. An unchanged item (same content hash) costs one index look-up and
 * no write. outcome may be NULL. ERR_NOTFOUND when the source does not
 * exist. After a failure inside store_begin/store_commit, roll back: the
 * item may be half written. */
int store_article_upsert(struct store *s, int64_t source_id,
    const struct item *it, int64_t now, enum store_upsert_outcome *outcome,
    struct err *e);

struct store_article {
	int64_t id;
	int64_t source_id;
	char *source_title;
	char *guid;
	char *url;
	char *title;
	char *content_html;
	char *content_text;
	char *summary;
	char *image;
	char *language;
	char *author;
	char **tags;
	size_t n_tags;
	int64_t published; /* 0 when the feed gave no date */
	int64_t modified;  /* the feed's own modified date, 0 when none */
	int64_t received;  /* when we first stored it */
	int64_t updated;   /* when we last stored a change to it */
	/* The list order and keyset cursor: published, else received; a
	 * published date in the future counts as received. */
	int64_t sort_time;
	double rank;       /* search only: BM25, lower is better */
	char *snippet;     /* search only: text with [matches] marked */
};

void store_article_release(struct store_article *a);

struct store_article_query {
	int64_t source_id; /* 0: all sources */
	size_t limit;      /* 0: 50 */
	/* Keyset cursor: only articles strictly older than (before_time,
	 * before_id) in (sort time, id) order. before_time 0: from newest. */
	int64_t before_time;
	int64_t before_id;
};

/* Visit articles newest first (publication time, else received time).
 * Same callback rules as store_source_each. */
int store_article_each(struct store *s, const struct store_article_query *q,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e);

/* ERR_NOTFOUND when there is no such article. */
int store_article_get(struct store *s, int64_t id, struct store_article *out,
    struct err *e);

/* Full-text search over titles and texts, best first (title matches weigh
 * more), at most limit results (0: 50; capped at 1000). The query syntax
 * is a web search box's: words (all must match), "a phrase", word* for a
 * prefix, a OR b, -word or NOT word to exclude. Every word reaches the
 * index as a quoted string, so punctuation and FTS5 keywords are plain
 * text. Matching is case- and accent-blind with English stemming.
 * ERR_INVAL with a readable message (for the user) for an empty query,
 * one with only exclusions, or one over the length and word limits. */
int store_search(struct store *s, const char *query, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e);

/* Count of all stored articles. */
int store_article_count(struct store *s, int64_t *out, struct err *e);

/* PRAGMA integrity_check (and FTS5 integrity-check); 0 when sound. */
int store_check(struct store *s, struct err *e);

#endif
