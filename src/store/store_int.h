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
#define STORE_RELATED_DEFAULT 10
#define STORE_RELATED_MAX 50
#define STORE_TAG_LIST_DEFAULT 50
/* Analysis inputs beyond these are dropped (entities, keyphrase tags,
 * key points) or refused (longer names). */
#define STORE_ENTITIES_MAX 256
#define STORE_KEY_POINTS_MAX 16
#define STORE_ENTITY_BYTES_MAX 256

struct store_ops;

struct store {
	const struct store_ops *ops;
};

struct store_tag {
	char *key;     /* the caller's tag_keys[i], else trimmed, spaces
	                * collapsed, ASCII lower-case */
	char *display; /* as the feed wrote it, trimmed: this spelling */
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
	/* The indexed texts: the item's, or owned copies with the snippet
	 * marks (STORE_MARK_*) blanked out when they held any. */
	const char *title;
	const char *text;
	char *title_own;
	char *text_own;
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
	int (*begin)(struct store *s, bool savepoint, struct err *e);
	int (*commit)(struct store *s, struct err *e);
	void (*rollback)(struct store *s);
	int (*group_begin)(struct store *s, struct err *e);
	int (*group_end)(struct store *s, struct err *e);
	bool (*group_open)(struct store *s);

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
	int (*source_names)(struct store *s,
	    int (*fn)(void *ctx, int64_t id, const char *name), void *ctx,
	    struct err *e);
	int (*source_save_fetch)(struct store *s,
	    const struct store_source *src, struct err *e);
	int (*source_recent_times)(struct store *s, int64_t id,
	    int64_t *times, size_t n, size_t *count, struct err *e);

	/* *id: the article's id, whatever the outcome */
	int (*article_upsert)(struct store *s, int64_t source_id,
	    const struct store_row *row, enum store_upsert_outcome *outcome,
	    int64_t *id, struct err *e);
	int (*article_each)(struct store *s,
	    const struct store_article_query *q,
	    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
	    struct err *e);
	int (*article_get)(struct store *s, int64_t id,
	    struct store_article *out, struct err *e);
	int (*article_count)(struct store *s, int64_t *out, struct err *e);
	int (*check)(struct store *s, struct err *e);

	/* Step 2. Texts are checked by store.c. */
	int (*article_set_body)(struct store *s, int64_t id,
	    const char *html, const char *text, struct err *e);
	int (*article_set_failed)(struct store *s, int64_t id,
	    const char *error, struct err *e);
	/* q->query is parsed into pq; limit and page already checked */
	int (*search_ex)(struct store *s, const struct store_search_opts *o,
	    const struct store_query *pq,
	    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
	    struct err *e);
	int (*article_related)(struct store *s, int64_t id, size_t limit,
	    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
	    struct err *e);
	int (*tag_get)(struct store *s, const char *key, char **display,
	    int64_t *count, struct err *e);
	/* pieces: keys and spellings checked by store.c */
	int (*tag_split)(struct store *s, const char *key,
	    const struct store_tag *pieces, size_t n, struct err *e);
	/* limit 0: all tags with articles, in key order; else the top */
	int (*tag_list)(struct store *s, size_t limit,
	    int (*fn)(void *ctx, const char *key, const char *display,
	    int64_t count), void *ctx, struct err *e);
	/* fps deduplicated by store.c */
	int (*paragraphs_set)(struct store *s, int64_t source_id,
	    int64_t article_id, const uint64_t *fps, size_t n, int threshold,
	    bool *is_boiler, uint64_t *crossed, size_t *n_crossed,
	    struct err *e);
	int (*paragraph_articles)(struct store *s, int64_t source_id,
	    const uint64_t *fps, size_t n,
	    int (*fn)(void *ctx, int64_t article_id), void *ctx,
	    struct err *e);
	/* key_points already encoded as a JSON array (NULL when none) */
	int (*save_analysis)(struct store *s, int64_t id,
	    const struct store_analysis *a, const char *key_points,
	    struct err *e);
	int (*article_entities)(struct store *s, int64_t id,
	    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
	    struct err *e);
	int (*entity_get)(struct store *s, int64_t id,
	    struct store_entity *out, struct err *e);
	int (*entity_find)(struct store *s, const char *key, int64_t *id,
	    struct err *e);
	int (*entity_each)(struct store *s,
	    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
	    struct err *e);
};

struct buf;

/* Key points are stored as a JSON array of strings, encoded and decoded
 * here so that every backend stores the same text. */
int store_json_strings_encode(const char *const *v, size_t n,
    struct buf *out);
/* Decode what store_json_strings_encode wrote; ERR_INVAL on anything
 * else. *v (n strings) is the caller's to free. */
int store_json_strings_decode(const char *json, char ***v, size_t *n);

/* Cut a text to an excerpt (STORE_EXCERPT_CHARS), see store_article. */
char *store_excerpt(const char *text, size_t n);

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
