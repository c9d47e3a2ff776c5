/*
 * store/store_int.h: shared by the files of store/ only.
 *
 * A backend (sqlite.c now, pg.c later) fills a struct store_ops and embeds
 * struct store as the first member of its own handle. store.c checks the
 * arguments, does the backend-independent work (an item's identity key,
 * its content hash, tag keys, parsing a search query) and dispatches, so
 * both backends identify articles and read queries exactly alike.
 */
#ifndef TD_STORE_STORE_INT_H
#define TD_STORE_STORE_INT_H

#include "base/common.h"

#include "base/err.h"
#include "store/store.h"

/* Identity keys longer than this are replaced by a hash of the key, so a
 * hostile feed with megabyte guids cannot bloat the unique index. */
#define STORE_KEY_MAX 512
/* Tags beyond these limits are dropped on purpose (and logged at debug
 * level): one silly tag should not cost the whole item. */
#define STORE_TAGS_MAX 64
#define STORE_TAG_BYTES_MAX 128
/* Search: longest query text, most terms, most results per call. */
#define STORE_QUERY_MAX 1024
#define STORE_QUERY_TERMS_MAX 32
#define STORE_SEARCH_LIMIT_MAX 1000
#define STORE_LIST_LIMIT_DEFAULT 50
#define STORE_LIST_LIMIT_MAX 1000

struct store_ops;

struct store {
	const struct store_ops *ops;
};

struct store_tag {
	char *key;     /* normalised: trimmed, spaces collapsed, lower-case */
	char *display; /* as the feed wrote it, trimmed */
};

/* One item as the backends store it: everything derived from the item
 * that must come out the same in every backend. Strings borrow from the
 * item except where noted. */
struct store_row {
	const struct item *it;
	char *key;            /* identity key (owned) */
	char *canonical_url;  /* owned; NULL when the item has no link */
	char *author;         /* names joined by ", " (owned); NULL if none */
	int64_t published;    /* 0 when the feed gave no date */
	int64_t modified;     /* the feed's date_modified, 0 when none */
	int64_t received;     /* now */
	int64_t sort_time;    /* published (never in the future), else now */
	int64_t hash;         /* over every stored field, for change checks */
	struct store_tag *tags; /* owned, deduplicated by key */
	size_t n_tags;
};

enum store_term_kind {
	STORE_TERM_WORD,   /* a plain word, matched as a quoted string */
	STORE_TERM_PHRASE, /* "several words in order" */
};

struct store_term {
	enum store_term_kind kind;
	char *text;   /* owned; never contains '"' */
	bool prefix;  /* word* */
	bool exclude; /* -word */
	bool or_next; /* joined to the next positive term by OR, not AND */
};

/* A parsed search query; at least one term is not excluded. */
struct store_query {
	struct store_term *terms;
	size_t n;
};

struct store_ops {
	const char *name;
	void (*close)(struct store *s);
	int (*schema_version)(struct store *s);
	int (*begin)(struct store *s, struct err *e);
	int (*commit)(struct store *s, struct err *e);
	void (*rollback)(struct store *s);

	int (*source_add)(struct store *s, const char *url, const char *title,
	    const char *group, int64_t now, int64_t *id, struct err *e);
	int (*source_get)(struct store *s, int64_t id,
	    struct store_source *out, struct err *e);
	int (*source_find_url)(struct store *s, const char *url,
	    struct store_source *out, struct err *e);
	int (*source_remove)(struct store *s, int64_t id, struct err *e);
	int (*source_set_paused)(struct store *s, int64_t id, bool paused,
	    struct err *e);
	int (*source_each)(struct store *s, int64_t due_before,
	    int (*fn)(void *ctx, const struct store_source *src), void *ctx,
	    struct err *e);
	int (*source_save_fetch)(struct store *s,
	    const struct store_source *src, struct err *e);
	int (*source_recent_times)(struct store *s, int64_t id,
	    int64_t *times, size_t n, size_t *count, struct err *e);

	int (*article_upsert)(struct store *s, int64_t source_id,
	    const struct store_row *row, enum store_upsert_outcome *outcome,
	    struct err *e);
	int (*article_each)(struct store *s,
	    const struct store_article_query *q,
	    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
	    struct err *e);
	int (*article_get)(struct store *s, int64_t id,
	    struct store_article *out, struct err *e);
	int (*search)(struct store *s, const struct store_query *q,
	    size_t limit,
	    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
	    struct err *e);
	int (*article_count)(struct store *s, int64_t *out, struct err *e);
	int (*check)(struct store *s, struct err *e);
};

/* A numbered schema step of the SQLite backend (schema.c). Steps run in
 * order, each in its own transaction, and PRAGMA user_version records the
 * last one applied. Never edit a released step: add the next one. */
struct store_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct store_migration store_sqlite_migrations[];
extern const size_t store_sqlite_n_migrations;

/* Backends. Each returns 0 and a handle, or an error. */
int store_sqlite_open(const char *path, struct store **out, struct err *e);

/* Derive the row stored for an item (identity key, hash, tags, ...). */
int store_row_init(struct store_row *row, const struct item *it,
    int64_t now, struct err *e);
void store_row_release(struct store_row *row);

/* Parse a user's search text; ERR_INVAL with a readable message when it
 * holds nothing to search for or exceeds the limits. */
int store_query_parse(const char *text, struct store_query *q,
    struct err *e);
void store_query_release(struct store_query *q);

/* The normalised key of a tag into out (appended); ERR_INVAL when the tag
 * is empty after trimming. */
struct buf;
int store_tag_key(const char *tag, struct buf *out);

#endif
