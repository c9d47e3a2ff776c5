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

/* Group commit. Between store_group_begin and store_group_end, each
 * store_begin .. store_commit (or store_rollback) is a savepoint inside one
 * outer transaction: a unit still stores all or nothing, but many small
 * units (one source's fetch each) share one commit, which writes each
 * touched page to the WAL once instead of once per unit. A crash loses the
 * open group's units whole, never part of one. Readers see a group's
 * writes when it ends. store_group_end commits; calling it with no group
 * open does nothing. */
int store_group_begin(struct store *s, struct err *e);
int store_group_end(struct store *s, struct err *e);

/* Inside a group, a unit without a savepoint of its own, for work whose
 * input is whole before it starts and which fails only when the database
 * does: savepoints are not free (FTS5 writes out its pending index at
 * each one, a segment per unit instead of one per group). Such a unit
 * still stores all or nothing, at a price: its store_rollback abandons
 * the whole open group, as a crash would, and store_group_open then says
 * false. Outside a group it is store_begin. */
int store_begin_unguarded(struct store *s, struct err *e);

/* Whether a group is open (false again after a lost one, see above). */
bool store_group_open(struct store *s);

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

/* Each source's id and name (its title, else its URL), in id order: a
 * menu's read, without the article counts (store_source_each counts
 * every source's articles, a walk of the whole store). Same callback
 * rules as store_source_each. */
int store_source_names(struct store *s,
    int (*fn)(void *ctx, int64_t id, const char *name), void *ctx,
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

/* store_article_upsert that also gives the article's id (id may be NULL),
 * for every outcome, unchanged included.
 *
 * Tags: the item's tags become the article's tags. Each tag's key is
 * it->tag_keys[i] when the caller gave one (non-empty), else the store's
 * own (trimmed, spaces collapsed, ASCII lower-cased); tags with the same
 * key count once (first spelling wins). The spelling is kept per article;
 * a tag's display form is its most common spelling across articles.
 *
 * Feed hash and body: the change check covers only what the feed sent.
 * store_article_set_body may then replace the body, and an unchanged
 * feed item leaves that body alone. When the feed item changes, its body
 * overwrites the article's, the full-text state goes back to
 * STORE_FULL_TEXT_NONE, analysis_version to 0 and the keyphrase tags go
 * (the analysis is to be redone; its other results stay shown until
 * then). */
int store_article_put(struct store *s, int64_t source_id,
    const struct item *it, int64_t now, enum store_upsert_outcome *outcome,
    int64_t *id, struct err *e);

enum store_full_text {
	STORE_FULL_TEXT_NONE = 0,   /* the feed's body */
	STORE_FULL_TEXT_DONE = 1,   /* replaced by an extracted full text */
	STORE_FULL_TEXT_FAILED = 2, /* extraction failed; see the error */
};

/* Replace an article's body (sanitised HTML and its plain text; either
 * may be NULL) with an extracted full text; the search index follows and
 * the full-text state becomes STORE_FULL_TEXT_DONE. ERR_NOTFOUND when
 * there is no such article. */
int store_article_set_body(struct store *s, int64_t id, const char *html,
    const char *text, struct err *e);

/* Record a failed extraction: state STORE_FULL_TEXT_FAILED and the error
 * text (cut to STORE_ERROR_TEXT_MAX bytes). The body is left alone. */
#define STORE_ERROR_TEXT_MAX 1024
int store_article_set_full_text_failed(struct store *s, int64_t id,
    const char *error, struct err *e);

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
	double rank;       /* search: BM25; related: minus the score; lower
	                    * is better */
	/* search only: the text around the matches, each match between
	 * STORE_MARK_OPEN and STORE_MARK_CLOSE (control bytes that never
	 * occur in stored text, so a page escapes the text and then turns
	 * the marks into elements) */
	char *snippet;
	char **tag_keys;   /* parallel to tags: tags holds the display forms */
	/* The summary, else the start of the text: at most
	 * STORE_EXCERPT_CHARS characters, cut at a space ("..." added). */
	char *excerpt;
	/* Full text (store_article_set_body) */
	int full_text_state;   /* enum store_full_text */
	char *full_text_error; /* when FAILED */
	/* Analysis (store_article_save_analysis); NULL / 0 until then */
	int analysis_version;
	char *lang;            /* detected language, e.g. "en" */
	char *ai_summary;
	char **key_points;
	size_t n_key_points;
	char *body_main;       /* the body without the boilerplate blocks */
	char *body_background; /* the boilerplate blocks, folded on the page */
};

#define STORE_MARK_OPEN '\x02'
#define STORE_MARK_CLOSE '\x03'
#define STORE_EXCERPT_CHARS 300

void store_article_release(struct store_article *a);

struct store_article_query {
	int64_t source_id; /* 0: all sources */
	size_t limit;      /* 0: 50 */
	/* Keyset cursor: only articles strictly older than (before_time,
	 * before_id) in (sort time, id) order. before_time 0: from newest. */
	int64_t before_time;
	int64_t before_id;
	/* Filters, all combinable, all served by keyset pagination: */
	const char *tag;   /* a tag key (as in tag_keys); NULL: any */
	int64_t entity_id; /* 0: any */
	int64_t since;     /* sort_time >= since; 0: no lower bound */
	int64_t until;     /* sort_time <= until; 0: no upper bound */
	/* A list's read: content_html, content_text, key_points, body_main
	 * and body_background stay NULL (excerpt and the rest are filled). */
	bool light;
	/* With light: content_text is read too (a scan of the texts). */
	bool with_text;
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

enum store_sort {
	STORE_SORT_RELEVANCE = 0, /* BM25, best first */
	STORE_SORT_DATE,          /* sort_time, newest first */
};

/* Relevance pages go at most this deep (page * limit + limit results).
 * A relevance order has no index to walk: every page ranks the matches
 * again, and a page's cost grows with its depth (the sorter keeps depth
 * rows), so deep pages are refused rather than slow. Nobody reads result
 * 1,000 of a ranked list; a date sort pages by keyset without a cap.
 * For the same reason a search without filters ranks only its newest
 * STORE_SEARCH_DEPTH_MAX matches (a common word matches a hundred
 * thousand articles at a million); with a filter, all of them. */
#define STORE_SEARCH_DEPTH_MAX 1000

struct store_search_opts {
	const char *query; /* the search box text, as for store_search */
	int64_t source_id; /* 0: all sources */
	const char *tag;   /* tag key; NULL: any */
	int64_t since;     /* sort_time >= since; 0: no bound */
	int64_t until;     /* sort_time <= until; 0: no bound */
	enum store_sort sort;
	size_t limit;      /* 0: 50; capped at 1000 */
	/* STORE_SORT_RELEVANCE: the 0-based page; ERR_INVAL (with a message
	 * for the user) beyond STORE_SEARCH_DEPTH_MAX. */
	size_t page;
	/* STORE_SORT_DATE: keyset cursor as in store_article_query. */
	int64_t before_time;
	int64_t before_id;
	bool light;        /* as in store_article_query */
};

/* store_search with filters, sort and paging. Articles carry rank and
 * snippet. Errors as store_search. */
int store_search_ex(struct store *s, const struct store_search_opts *o,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e);

/* Articles related to article id, best first, at most limit (0: 10;
 * capped at 50), read light (see store_article_query). Candidates share
 * tags or entities with it (for each, the STORE_RELATED_FANOUT articles
 * nearest it in time are looked at, half on either side) or words of its
 * title in their titles (full-text, near it in time); score = shared
 * tags + shared entities + up to 1 for the title words shared (weighted
 * by rarity); ties go to the newer. rank is minus the score.
 * The first 10 are kept after the first call and read back by the next
 * ones, until the article changes or, while newer articles may still
 * join, for some minutes; keeping is skipped (never waited for) while
 * another connection writes, and never happens inside a transaction.
 * ERR_NOTFOUND when there is no such article. */
#define STORE_RELATED_FANOUT 200
int store_article_related(struct store *s, int64_t id, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e);

/* ---- tags ---- */

/* A tag's display form (caller frees) and number of articles;
 * ERR_NOTFOUND when no tag has that key. display may be NULL. */
int store_tag_get(struct store *s, const char *key, char **display,
    int64_t *count, struct err *e);

/* Tags with articles, most articles first (then by key), at most limit
 * (0: 50; capped at 1000). For a tags page or a sidebar. */
int store_tag_top(struct store *s, size_t limit,
    int (*fn)(void *ctx, const char *key, const char *display,
    int64_t count), void *ctx, struct err *e);

struct store_tag_in;

/* A tag found to be a glued string of other tags ("quaywalkout"): every
 * article tagged key is tagged with the pieces instead (key and spelling
 * each; a piece the article has already is not added twice), with the
 * origin its link to key had, and key's links go. Call it inside
 * store_begin/store_commit. 0 also when no tag has that key. */
int store_tag_split(struct store *s, const char *key,
    const struct store_tag_in *pieces, size_t n, struct err *e);

/* Every tag with articles, in key order: the corpus load for the ingest
 * (a tag index's known keys and display forms). */
int store_tag_each(struct store *s,
    int (*fn)(void *ctx, const char *key, const char *display,
    int64_t count), void *ctx, struct err *e);

/* ---- analysis ---- */

/* Paragraph fingerprints of a source's articles: a fingerprint found in
 * threshold or more distinct articles of a source is boilerplate (for
 * good: it stays so when articles go). */
#define STORE_BOILER_THRESHOLD_DEFAULT 3
#define STORE_PARAGRAPHS_MAX 4096

/* Replace article_id's fingerprints with fps[0..n) (n at most
 * STORE_PARAGRAPHS_MAX, else ERR_TOOBIG; duplicates are fine). For each
 * fps[i], is_boiler[i] says whether it is boilerplate now (is_boiler may
 * be NULL). The fingerprints that became boilerplate by this call go to
 * crossed (room for n; may be NULL), their number to *n_crossed (may be
 * NULL): the caller re-analyses the source's other articles holding them.
 * threshold <= 0: STORE_BOILER_THRESHOLD_DEFAULT. */
int store_paragraphs_set(struct store *s, int64_t source_id,
    int64_t article_id, const uint64_t *fps, size_t n, int threshold,
    bool *is_boiler, uint64_t *crossed, size_t *n_crossed, struct err *e);

/* The ids of the source's articles that hold any of fps[0..n), ascending.
 * Same callback rules as store_source_each. It reads the fingerprints of
 * all the source's articles: meant for the rare crossing of the
 * threshold, with every fingerprint that crossed in one call. */
int store_paragraph_articles(struct store *s, int64_t source_id,
    const uint64_t *fps, size_t n,
    int (*fn)(void *ctx, int64_t article_id), void *ctx, struct err *e);

struct store_entity_in {
	const char *key;  /* canonical, unique across types */
	const char *name; /* display form */
	const char *type; /* "person", "place", "org", "misc" */
	int count;        /* mentions in the article */
};

struct store_tag_in {
	const char *key;
	const char *spelling;
};

/* The results of analysing one article. Every text may be NULL. */
struct store_analysis {
	const char *lang;
	const char *ai_summary;
	const char *const *key_points;
	size_t n_key_points;
	const char *body_main;
	const char *body_background;
	const struct store_entity_in *entities; /* replace the article's */
	size_t n_entities;
	/* Keyphrase tags (origin keyphrase): replace the article's earlier
	 * keyphrase tags; a key the feed already gave is skipped. */
	const struct store_tag_in *tags;
	size_t n_tags;
	int version;
};

/* Save an analysis (all of it replaces the previous one). An entity key
 * seen for the first time creates the entity with this name and type;
 * a known one keeps its own. ERR_NOTFOUND when there is no article id. */
int store_article_save_analysis(struct store *s, int64_t id,
    const struct store_analysis *a, struct err *e);

struct store_entity {
	int64_t id;
	char *key;
	char *name;
	char *type;
	/* store_article_entities: mentions in that article; otherwise the
	 * number of articles naming it */
	int64_t count;
};

void store_entity_release(struct store_entity *en);

/* The entities of an article, most mentioned first (then by name). fn's
 * entity is valid only during the call. */
int store_article_entities(struct store *s, int64_t id,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e);

/* ERR_NOTFOUND when there is no such entity. */
int store_entity_get(struct store *s, int64_t id, struct store_entity *out,
    struct err *e);

/* The id of the entity with this key; ERR_NOTFOUND when none. */
int store_entity_find(struct store *s, const char *key, int64_t *id,
    struct err *e);

/* Every entity with articles, in key order (count: its articles): the
 * corpus load for the ingest's known names. */
int store_entity_each(struct store *s,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e);

/* Count of all stored articles. */
int store_article_count(struct store *s, int64_t *out, struct err *e);

/* PRAGMA integrity_check (and FTS5 integrity-check); 0 when sound. */
int store_check(struct store *s, struct err *e);

#endif
