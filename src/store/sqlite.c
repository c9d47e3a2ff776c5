/*
 * store/sqlite.c: the SQLite backend of the storage layer.
 *
 * One struct sqlite_store is one connection. Settings, chosen for a news
 * aggregator where one ingester writes while a web server reads:
 *  - WAL journal: readers never block the writer or each other, and a
 *    crash at any moment (kill -9 included) leaves the last committed
 *    transaction intact.
 *  - synchronous=NORMAL: in WAL mode a commit is durable across crashes of
 *    the application; only a power loss or OS crash can lose the last few
 *    commits, never corrupt the file. Losing a few fetched items that the
 *    next poll fetches again is a fair price for not waiting on an fsync
 *    per commit.
 *  - foreign_keys=ON, so removing a source cascades to its articles (and,
 *    through triggers, to the FTS index); busy_timeout so that a reader
 *    and a writer in different processes wait for each other instead of
 *    failing at once.
 *  - Every statement is prepared once per connection and kept (reset and
 *    re-bound for each use): at ingest rates, compiling SQL per row would
 *    cost more than the insert.
 * The schema is in schema.c. Transactions are the caller's: the upsert
 * does no BEGIN of its own inside them, so a whole feed is one commit.
 */
#include "base/common.h"

#include <sqlite3.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/log.h"
#include "store/store_int.h"

/* How long a connection waits for another one's lock before giving up. */
#define SQLITE_BUSY_TIMEOUT_MS 5000
/* Page cache per connection, in KiB (a negative cache_size). */
#define SQLITE_CACHE_KIB 16384
/* After a checkpoint the WAL file is cut back to this size, so one big
 * import does not leave a huge file behind. */
#define SQLITE_WAL_LIMIT_BYTES 67108864 /* 64 MiB */
/* Snippet: tokens around the matches (1 to 64, FTS5's range). */
#define SQLITE_SNIPPET_TOKENS 24
#define SQL_INT_(n) #n
#define SQL_INT(n) SQL_INT_(n)
/* Cap on the FTS5 query text built from a parsed query. */
#define SQLITE_MATCH_MAX 8192

enum stmt_id {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SOURCE_ADD,
	ST_SOURCE_ID_BY_URL,
	ST_SOURCE_GET,
	ST_SOURCE_BY_URL,
	ST_SOURCE_REMOVE,
	ST_SOURCE_PAUSE,
	ST_SOURCE_ALL,
	ST_SOURCE_DUE,
	ST_SOURCE_SAVE,
	ST_SOURCE_RECENT,
	ST_ART_FIND,
	ST_ART_INSERT,
	ST_ART_UPDATE,
	ST_FTS_INSERT,
	ST_TAG_FIND,
	ST_TAG_INSERT,
	ST_ART_TAG_ADD,
	ST_ART_TAG_CLEAR,
	ST_ART_TAGS,
	ST_ART_GET,
	ST_LIST_FIRST,
	ST_LIST_AFTER,
	ST_LIST_SRC_FIRST,
	ST_LIST_SRC_AFTER,
	ST_SEARCH,
	ST_COUNT,
	ST_COUNT_
};

#define SOURCE_COLS \
	"SELECT id, url, title, site_url, group_name, etag, last_modified," \
	" last_error, created, last_fetch, last_success, next_fetch," \
	" fail_count, last_status, paused, disabled, full_text," \
	" (SELECT count(*) FROM articles a WHERE a.source_id = sources.id)" \
	" FROM sources "

#define ARTICLE_COLS \
	"SELECT a.id, a.source_id, s.title, a.guid, a.url, a.title," \
	" a.content_html, a.content_text, a.summary, a.image, a.language," \
	" a.author, a.published, a.modified, a.received, a.updated," \
	" a.sort_time"

#define ARTICLE_FROM \
	" FROM articles a JOIN sources s ON s.id = a.source_id "

/* The keyset cursor: sort_time <= T is the index range, the OR only sorts
 * out the few rows that share T. */
#define AFTER_CURSOR \
	" a.sort_time <= ?1 AND (a.sort_time < ?1 OR a.id < ?2) "
#define NEWEST_FIRST " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?3"

static const char *const stmt_sql[ST_COUNT_] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_SOURCE_ADD] =
	    "INSERT INTO sources (url, title, group_name, created)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[ST_SOURCE_ID_BY_URL] = "SELECT id FROM sources WHERE url = ?1",
	[ST_SOURCE_GET] = SOURCE_COLS "WHERE id = ?1",
	[ST_SOURCE_BY_URL] = SOURCE_COLS "WHERE url = ?1",
	[ST_SOURCE_REMOVE] = "DELETE FROM sources WHERE id = ?1",
	[ST_SOURCE_PAUSE] = "UPDATE sources SET paused = ?2 WHERE id = ?1",
	[ST_SOURCE_ALL] = SOURCE_COLS "ORDER BY id",
	[ST_SOURCE_DUE] = SOURCE_COLS
	    "WHERE paused = 0 AND disabled = 0 AND next_fetch <= ?1"
	    " ORDER BY id",
	[ST_SOURCE_SAVE] =
	    "UPDATE sources SET url = ?2, title = ?3, site_url = ?4,"
	    " etag = ?5, last_modified = ?6, last_error = ?7,"
	    " last_fetch = ?8, last_success = ?9, next_fetch = ?10,"
	    " fail_count = ?11, last_status = ?12, disabled = ?13"
	    " WHERE id = ?1",
	[ST_SOURCE_RECENT] =
	    "SELECT sort_time FROM articles WHERE source_id = ?1"
	    " ORDER BY sort_time DESC, id DESC LIMIT ?2",
	[ST_ART_FIND] =
	    "SELECT id, content_hash FROM articles"
	    " WHERE source_id = ?1 AND guid_key = ?2",
	[ST_ART_INSERT] =
	    "INSERT INTO articles (source_id, content_hash, published,"
	    " modified, received, updated, sort_time, guid_key, guid, url,"
	    " canonical_url, language, image, author, title, summary,"
	    " content_text, content_html) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6,"
	    " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
	/* The list position keeps following the first-received time, so an
	 * edit does not push an old item back to the top. */
	[ST_ART_UPDATE] =
	    "UPDATE articles SET content_hash = ?2, published = ?3,"
	    " modified = ?4, updated = ?5,"
	    " sort_time = CASE WHEN ?3 <> 0 AND ?3 < received THEN ?3"
	    " ELSE received END,"
	    " guid = ?8, url = ?9, canonical_url = ?10, language = ?11,"
	    " image = ?12, author = ?13, title = ?14, summary = ?15,"
	    " content_text = ?16, content_html = ?17 WHERE id = ?1",
	[ST_FTS_INSERT] =
	    "INSERT INTO articles_fts (rowid, title, content_text)"
	    " VALUES (?1, ?2, ?3)",
	[ST_TAG_FIND] = "SELECT id FROM tags WHERE key = ?1",
	[ST_TAG_INSERT] = "INSERT INTO tags (key, display) VALUES (?1, ?2)",
	[ST_ART_TAG_ADD] =
	    "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
	    " VALUES (?1, ?2)",
	[ST_ART_TAG_CLEAR] = "DELETE FROM article_tags WHERE article_id = ?1",
	[ST_ART_TAGS] =
	    "SELECT t.display FROM article_tags j JOIN tags t"
	    " ON t.id = j.tag_id WHERE j.article_id = ?1 ORDER BY t.key",
	[ST_ART_GET] = ARTICLE_COLS ARTICLE_FROM "WHERE a.id = ?1",
	[ST_LIST_FIRST] = ARTICLE_COLS ARTICLE_FROM NEWEST_FIRST,
	[ST_LIST_AFTER] = ARTICLE_COLS ARTICLE_FROM "WHERE" AFTER_CURSOR
	    NEWEST_FIRST,
	[ST_LIST_SRC_FIRST] = ARTICLE_COLS ARTICLE_FROM
	    "WHERE a.source_id = ?4" NEWEST_FIRST,
	[ST_LIST_SRC_AFTER] = ARTICLE_COLS ARTICLE_FROM
	    "WHERE a.source_id = ?4 AND" AFTER_CURSOR NEWEST_FIRST,
	[ST_SEARCH] = ARTICLE_COLS ", f.rank,"
	    " snippet(articles_fts, -1, '[', ']', '\xE2\x80\xA6', "
	    SQL_INT(SQLITE_SNIPPET_TOKENS) ")"
	    " FROM articles_fts f JOIN articles a ON a.id = f.rowid"
	    " JOIN sources s ON s.id = a.source_id"
	    " WHERE articles_fts MATCH ?1 ORDER BY f.rank LIMIT ?2",
	[ST_COUNT] = "SELECT count(*) FROM articles",
};

/* Tag ids seen in the current write transaction. A feed repeats the same
 * few tags on every item; remembering their ids saves a look-up per tag.
 * Entries are only trusted while our BEGIN IMMEDIATE holds the write lock
 * (no one else can add or remove tags then), so the cache is emptied at
 * every begin, commit and rollback. */
#define SQLITE_TAG_CACHE 256 /* slots, a power of two */

struct tag_slot {
	char *key;
	int64_t id;
};

struct sqlite_store {
	struct store base; /* first: the public handle points here */
	sqlite3 *db;
	int version;
	sqlite3_stmt *stmt[ST_COUNT_];
	struct tag_slot tags[SQLITE_TAG_CACHE];
};

static void
tag_cache_clear(struct sqlite_store *sq)
{
	size_t i;

	for (i = 0; i < SQLITE_TAG_CACHE; i++)
		FREE_NULL(sq->tags[i].key);
}

static struct tag_slot *
tag_cache_slot(struct sqlite_store *sq, const char *key)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return &sq->tags[h & (SQLITE_TAG_CACHE - 1)];
}

static struct sqlite_store *
to_sq(struct store *s)
{
	return (struct sqlite_store *)s;
}

/* Map a SQLite result code onto ours, with SQLite's message after what. */
static int
db_fail(struct sqlite_store *sq, struct err *e, int rc, const char *what)
{
	int code;

	switch (rc & 0xff) {
	case SQLITE_NOMEM: code = ERR_NOMEM; break;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM: code = ERR_IO; break;
	case SQLITE_TOOBIG: code = ERR_TOOBIG; break;
	default: code = ERR_DB; break;
	}
	return err_set(e, code, "%s: %s", what,
	    sq->db ? sqlite3_errmsg(sq->db) : sqlite3_errstr(rc));
}

/* The cached statement for id, prepared on first use. When it is in use
 * already (a callback of an _each walk calls back into the store), a fresh
 * one is prepared instead; stmt_done finalizes that one. */
static int
stmt_get(struct sqlite_store *sq, enum stmt_id id, sqlite3_stmt **out,
    struct err *e)
{
	sqlite3_stmt *st = sq->stmt[id];
	int rc;

	if (st != NULL && !sqlite3_stmt_busy(st)) {
		*out = st;
		return 0;
	}
	rc = sqlite3_prepare_v3(sq->db, stmt_sql[id], -1,
	    st == NULL ? SQLITE_PREPARE_PERSISTENT : 0, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return db_fail(sq, e, rc, "cannot prepare a statement");
	}
	if (st == NULL)
		sq->stmt[id] = *out;
	return 0;
}

static void
stmt_done(struct sqlite_store *sq, enum stmt_id id, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	if (st == sq->stmt[id]) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	} else {
		sqlite3_finalize(st);
	}
}

/* Text parameters are bound without a copy: they outlive the step. */
static int
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Run a statement that returns no rows. */
static int
stmt_exec(struct sqlite_store *sq, sqlite3_stmt *st, struct err *e,
    const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(sq, e, rc, what);
	return 0;
}

/* A heap copy of a text column; *oom is set when the copy failed. */
static char *
col_dup(sqlite3_stmt *st, int i, bool *oom)
{
	const unsigned char *t;
	char *copy;
	int n;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(st, i);
	n = sqlite3_column_bytes(st, i);
	if (t == NULL) {
		*oom = true;
		return NULL;
	}
	copy = malloc((size_t)n + 1);
	if (copy == NULL) {
		*oom = true;
		return NULL;
	}
	memcpy(copy, t, (size_t)n);
	copy[n] = '\0';
	return copy;
}

/* ---- open, migrate, close ---- */

static int
exec_sql(struct sqlite_store *sq, const char *sql, struct err *e,
    const char *what)
{
	int rc = sqlite3_exec(sq->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : db_fail(sq, e, rc, what);
}

static int
read_user_version(struct sqlite_store *sq, int *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(sq->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : db_fail(sq, e, rc,
	    "cannot read the schema version");
}

static int
migrate(struct sqlite_store *sq, const char *path, struct err *e)
{
	int latest = store_sqlite_migrations[store_sqlite_n_migrations - 1]
	    .version;
	size_t i;
	int rc;

	if ((rc = read_user_version(sq, &sq->version, e)) != 0)
		return rc;
	if (sq->version > latest)
		return err_set(e, ERR_UNSUPPORTED,
		    "%s has schema version %d, newer than this tidings knows "
		    "(%d); use a newer tidings", path, sq->version, latest);
	for (i = 0; i < store_sqlite_n_migrations; i++) {
		const struct store_migration *m = &store_sqlite_migrations[i];
		char set[64];

		if (m->version <= sq->version)
			continue;
		if ((rc = exec_sql(sq, "BEGIN IMMEDIATE", e,
		    "cannot start a migration")) != 0)
			return rc;
		/* Another process may have migrated while we waited. */
		if ((rc = read_user_version(sq, &sq->version, e)) != 0)
			goto fail;
		if (m->version <= sq->version) {
			exec_sql(sq, "COMMIT", NULL, NULL);
			continue;
		}
		snprintf(set, sizeof(set), "PRAGMA user_version = %d",
		    m->version);
		if ((rc = exec_sql(sq, m->sql, e, "schema step failed")) != 0 ||
		    (rc = exec_sql(sq, set, e, "schema step failed")) != 0 ||
		    (rc = exec_sql(sq, "COMMIT", e, "schema step failed")) != 0)
			goto fail;
		/* Creating a new file is routine; upgrading one is news. */
		log_msg(sq->version == 0 ? LOG_DEBUG : LOG_INFO,
		    "store: %s migrated to schema %d (%s)", path,
		    m->version, m->name);
		sq->version = m->version;
	}
	return 0;
fail:
	exec_sql(sq, "ROLLBACK", NULL, NULL);
	if (e != NULL) {
		char msg[sizeof(e->msg)];

		snprintf(msg, sizeof(msg), "%s", e->msg);
		err_set(e, rc, "%s: migrating: %s", path, msg);
	}
	return rc;
}

static const char *const connection_pragmas[] = {
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = NORMAL",
	"PRAGMA foreign_keys = ON",
	"PRAGMA cache_size = -" SQL_INT(SQLITE_CACHE_KIB),
	"PRAGMA journal_size_limit = " SQL_INT(SQLITE_WAL_LIMIT_BYTES),
};

static const struct store_ops sqlite_ops;

int
store_sqlite_open(const char *path, struct store **out, struct err *e)
{
	struct sqlite_store *sq;
	size_t i;
	int rc;

	sq = calloc(1, sizeof(*sq));
	if (sq == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	sq->base.ops = &sqlite_ops;
	rc = sqlite3_open_v2(path, &sq->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, rc == SQLITE_NOMEM ? ERR_NOMEM : ERR_IO,
		    "cannot open %s: %s", path, sq->db ?
		    sqlite3_errmsg(sq->db) : sqlite3_errstr(rc));
		rc = e ? e->code : ERR_IO;
		goto fail;
	}
	sqlite3_extended_result_codes(sq->db, 1);
	sqlite3_busy_timeout(sq->db, SQLITE_BUSY_TIMEOUT_MS);
	for (i = 0; i < ARRAY_LEN(connection_pragmas); i++) {
		rc = sqlite3_exec(sq->db, connection_pragmas[i], NULL, NULL,
		    NULL);
		if (rc != SQLITE_OK) {
			char what[512];

			snprintf(what, sizeof(what), "cannot open %s", path);
			rc = db_fail(sq, e, rc, what);
			goto fail;
		}
	}
	if ((rc = migrate(sq, path, e)) != 0)
		goto fail;
	*out = &sq->base;
	return 0;
fail:
	sqlite3_close(sq->db);
	free(sq);
	return rc;
}

static void
sq_close(struct store *s)
{
	struct sqlite_store *sq = to_sq(s);
	size_t i;

	for (i = 0; i < ST_COUNT_; i++)
		sqlite3_finalize(sq->stmt[i]);
	tag_cache_clear(sq);
	/* A connection left inside a transaction (a caller that failed
	 * without rolling back) loses it here, as it would on a crash. */
	if (sqlite3_close(sq->db) != SQLITE_OK)
		log_warn("store: closing the database: %s",
		    sqlite3_errmsg(sq->db));
	free(sq);
}

static int
sq_schema_version(struct store *s)
{
	return to_sq(s)->version;
}

/* Run a fixed statement that takes no parameters and returns no rows. */
static int
run_simple(struct sqlite_store *sq, enum stmt_id id, struct err *e,
    const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	rc = stmt_exec(sq, st, e, what);
	stmt_done(sq, id, st);
	return rc;
}

static int
sq_begin(struct store *s, struct err *e)
{
	tag_cache_clear(to_sq(s));
	return run_simple(to_sq(s), ST_BEGIN, e, "cannot start a transaction");
}

static int
sq_commit(struct store *s, struct err *e)
{
	tag_cache_clear(to_sq(s));
	return run_simple(to_sq(s), ST_COMMIT, e, "cannot commit");
}

static void
sq_rollback(struct store *s)
{
	struct sqlite_store *sq = to_sq(s);

	tag_cache_clear(sq);
	if (!sqlite3_get_autocommit(sq->db))
		run_simple(sq, ST_ROLLBACK, NULL, NULL);
}

/* ---- sources ---- */

static int
read_source(sqlite3_stmt *st, struct store_source *src)
{
	bool oom = false;

	memset(src, 0, sizeof(*src));
	src->id = sqlite3_column_int64(st, 0);
	src->url = col_dup(st, 1, &oom);
	src->title = col_dup(st, 2, &oom);
	src->site_url = col_dup(st, 3, &oom);
	src->group_name = col_dup(st, 4, &oom);
	src->etag = col_dup(st, 5, &oom);
	src->last_modified = col_dup(st, 6, &oom);
	src->last_error = col_dup(st, 7, &oom);
	src->created = sqlite3_column_int64(st, 8);
	src->last_fetch = sqlite3_column_int64(st, 9);
	src->last_success = sqlite3_column_int64(st, 10);
	src->next_fetch = sqlite3_column_int64(st, 11);
	src->fail_count = sqlite3_column_int(st, 12);
	src->last_status = sqlite3_column_int(st, 13);
	src->paused = sqlite3_column_int(st, 14) != 0;
	src->disabled = sqlite3_column_int(st, 15) != 0;
	src->full_text = sqlite3_column_int(st, 16) != 0;
	src->article_count = sqlite3_column_int64(st, 17);
	if (oom) {
		store_source_release(src);
		return ERR_NOMEM;
	}
	return 0;
}

static int
sq_source_add(struct store *s, const char *url, const char *title,
    const char *group, int64_t now, int64_t *id, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SOURCE_ADD, &st, e)) != 0)
		return rc;
	bind_text(st, 1, url);
	bind_text(st, 2, title);
	bind_text(st, 3, group);
	sqlite3_bind_int64(st, 4, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		*id = sqlite3_last_insert_rowid(sq->db);
		rc = 0;
	} else if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		rc = ERR_EXISTS;
	} else {
		rc = db_fail(sq, e, rc, "cannot add the source");
	}
	stmt_done(sq, ST_SOURCE_ADD, st);
	if (rc != ERR_EXISTS)
		return rc;
	if ((rc = stmt_get(sq, ST_SOURCE_ID_BY_URL, &st, e)) != 0)
		return rc;
	bind_text(st, 1, url);
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	stmt_done(sq, ST_SOURCE_ID_BY_URL, st);
	return err_set(e, ERR_EXISTS, "%s is already a source (id %lld)", url,
	    (long long)*id);
}

static int
get_source(struct sqlite_store *sq, enum stmt_id id, int64_t key,
    const char *url, struct store_source *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	if (url != NULL)
		bind_text(st, 1, url);
	else
		sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = read_source(st, out);
		if (rc != 0)
			err_set(e, rc, "out of memory");
	} else if (rc == SQLITE_DONE) {
		rc = url ? err_set(e, ERR_NOTFOUND, "no source %s", url) :
		    err_set(e, ERR_NOTFOUND, "no source %lld",
		    (long long)key);
	} else {
		rc = db_fail(sq, e, rc, "cannot read the source");
	}
	stmt_done(sq, id, st);
	return rc;
}

static int
sq_source_get(struct store *s, int64_t id, struct store_source *out,
    struct err *e)
{
	return get_source(to_sq(s), ST_SOURCE_GET, id, NULL, out, e);
}

static int
sq_source_find_url(struct store *s, const char *url,
    struct store_source *out, struct err *e)
{
	return get_source(to_sq(s), ST_SOURCE_BY_URL, 0, url, out, e);
}

/* Run an UPDATE or DELETE of one source; ERR_NOTFOUND when no row
 * changed. */
static int
change_source(struct sqlite_store *sq, enum stmt_id id, sqlite3_stmt *st,
    int64_t key, struct err *e, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		rc = sqlite3_changes(sq->db) > 0 ? 0 :
		    err_set(e, ERR_NOTFOUND, "no source %lld", (long long)key);
	else if (rc == SQLITE_CONSTRAINT_UNIQUE)
		rc = err_set(e, ERR_EXISTS, "%s: that URL is another source",
		    what);
	else
		rc = db_fail(sq, e, rc, what);
	stmt_done(sq, id, st);
	return rc;
}

static int
sq_source_remove(struct store *s, int64_t id, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SOURCE_REMOVE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return change_source(sq, ST_SOURCE_REMOVE, st, id, e,
	    "cannot remove the source");
}

static int
sq_source_set_paused(struct store *s, int64_t id, bool paused,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SOURCE_PAUSE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, paused ? 1 : 0);
	return change_source(sq, ST_SOURCE_PAUSE, st, id, e,
	    "cannot pause the source");
}

static int
sq_source_each(struct store *s, int64_t due_before,
    int (*fn)(void *ctx, const struct store_source *src), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	enum stmt_id id = due_before < 0 ? ST_SOURCE_ALL : ST_SOURCE_DUE;
	struct store_source src;
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	if (due_before >= 0)
		sqlite3_bind_int64(st, 1, due_before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int stop;

		if ((stop = read_source(st, &src)) != 0) {
			stmt_done(sq, id, st);
			return err_set(e, stop, "out of memory");
		}
		stop = fn(ctx, &src);
		store_source_release(&src);
		if (stop != 0) {
			stmt_done(sq, id, st);
			return stop;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : db_fail(sq, e, rc, "cannot list sources");
	stmt_done(sq, id, st);
	return rc;
}

static int
sq_source_save_fetch(struct store *s, const struct store_source *src,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SOURCE_SAVE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, src->id);
	bind_text(st, 2, src->url);
	bind_text(st, 3, src->title);
	bind_text(st, 4, src->site_url);
	bind_text(st, 5, src->etag);
	bind_text(st, 6, src->last_modified);
	bind_text(st, 7, src->last_error);
	sqlite3_bind_int64(st, 8, src->last_fetch);
	sqlite3_bind_int64(st, 9, src->last_success);
	sqlite3_bind_int64(st, 10, src->next_fetch);
	sqlite3_bind_int(st, 11, src->fail_count);
	sqlite3_bind_int(st, 12, src->last_status);
	sqlite3_bind_int(st, 13, src->disabled ? 1 : 0);
	return change_source(sq, ST_SOURCE_SAVE, st, src->id, e,
	    "cannot save the fetch result");
}

static int
sq_source_recent_times(struct store *s, int64_t id, int64_t *times,
    size_t n, size_t *count, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SOURCE_RECENT, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, n > INT32_MAX ? INT32_MAX : (int64_t)n);
	while (*count < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		times[(*count)++] = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(sq, e, rc, "cannot read article times");
	stmt_done(sq, ST_SOURCE_RECENT, st);
	return rc;
}

/* ---- articles ---- */

static int
tag_id(struct sqlite_store *sq, const struct store_tag *t, int64_t *out,
    bool cache, struct err *e)
{
	struct tag_slot *slot = cache ? tag_cache_slot(sq, t->key) : NULL;
	sqlite3_stmt *st;
	int rc;

	if (slot != NULL && slot->key != NULL &&
	    strcmp(slot->key, t->key) == 0) {
		*out = slot->id;
		return 0;
	}
	if ((rc = stmt_get(sq, ST_TAG_FIND, &st, e)) != 0)
		return rc;
	bind_text(st, 1, t->key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	stmt_done(sq, ST_TAG_FIND, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(sq, e, rc, "cannot look up a tag");
	if (rc == SQLITE_DONE) {
		if ((rc = stmt_get(sq, ST_TAG_INSERT, &st, e)) != 0)
			return rc;
		bind_text(st, 1, t->key);
		bind_text(st, 2, t->display);
		rc = stmt_exec(sq, st, e, "cannot add a tag");
		stmt_done(sq, ST_TAG_INSERT, st);
		if (rc != 0)
			return rc;
		*out = sqlite3_last_insert_rowid(sq->db);
	}
	if (slot != NULL) {
		char *key = strdup(t->key);

		if (key != NULL) { /* without memory, simply no cache */
			free(slot->key);
			slot->key = key;
			slot->id = *out;
		}
	}
	return 0;
}

static int
set_tags(struct sqlite_store *sq, int64_t article, const struct store_row *r,
    bool clear, struct err *e)
{
	/* Outside a transaction of ours, another writer could change tags
	 * between our statements: no cache then. */
	bool cache = !sqlite3_get_autocommit(sq->db);
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if (clear) {
		if ((rc = stmt_get(sq, ST_ART_TAG_CLEAR, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, article);
		rc = stmt_exec(sq, st, e, "cannot clear tags");
		stmt_done(sq, ST_ART_TAG_CLEAR, st);
		if (rc != 0)
			return rc;
	}
	for (i = 0; i < r->n_tags; i++) {
		int64_t tid = 0;

		if ((rc = tag_id(sq, &r->tags[i], &tid, cache, e)) != 0)
			return rc;
		if ((rc = stmt_get(sq, ST_ART_TAG_ADD, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, article);
		sqlite3_bind_int64(st, 2, tid);
		rc = stmt_exec(sq, st, e, "cannot tag the article");
		stmt_done(sq, ST_ART_TAG_ADD, st);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Bind the parameters ?3..?17 that insert and update share. */
static void
bind_article(sqlite3_stmt *st, const struct store_row *r)
{
	const struct item *it = r->it;

	sqlite3_bind_int64(st, 2, r->hash);
	sqlite3_bind_int64(st, 3, r->published);
	sqlite3_bind_int64(st, 4, r->modified);
	sqlite3_bind_int64(st, 5, r->received);
	sqlite3_bind_int64(st, 6, r->sort_time);
	bind_text(st, 7, r->key);
	bind_text(st, 8, it->id);
	bind_text(st, 9, it->url);
	bind_text(st, 10, r->canonical_url);
	bind_text(st, 11, it->language);
	bind_text(st, 12, it->image);
	bind_text(st, 13, r->author);
	bind_text(st, 14, it->title);
	bind_text(st, 15, it->summary);
	bind_text(st, 16, it->content_text);
	bind_text(st, 17, it->content_html);
}

static int
sq_article_upsert(struct store *s, int64_t source_id,
    const struct store_row *r, enum store_upsert_outcome *outcome,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	int64_t id = 0, old_hash = 0;
	sqlite3_stmt *st;
	bool found;
	int rc;

	if ((rc = stmt_get(sq, ST_ART_FIND, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, source_id);
	bind_text(st, 2, r->key);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW;
	if (found) {
		id = sqlite3_column_int64(st, 0);
		old_hash = sqlite3_column_int64(st, 1);
	}
	stmt_done(sq, ST_ART_FIND, st);
	if (!found && rc != SQLITE_DONE)
		return db_fail(sq, e, rc, "cannot look up the article");
	if (found && old_hash == r->hash) {
		*outcome = STORE_UNCHANGED;
		return 0;
	}
	if (!found) {
		if ((rc = stmt_get(sq, ST_ART_INSERT, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, source_id);
		bind_article(st, r);
		rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = err_set(e, ERR_NOTFOUND, "no source %lld",
			    (long long)source_id);
		else if (rc != SQLITE_DONE)
			rc = db_fail(sq, e, rc, "cannot store the article");
		else
			rc = 0;
		id = sqlite3_last_insert_rowid(sq->db);
		stmt_done(sq, ST_ART_INSERT, st);
		if (rc != 0)
			return rc;
		/* The index entry of a new row (see schema.c for why this is
		 * not a trigger). */
		if ((rc = stmt_get(sq, ST_FTS_INSERT, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, r->it->title);
		bind_text(st, 3, r->it->content_text);
		rc = stmt_exec(sq, st, e, "cannot index the article");
		stmt_done(sq, ST_FTS_INSERT, st);
		if (rc != 0)
			return rc;
		*outcome = STORE_INSERTED;
	} else {
		if ((rc = stmt_get(sq, ST_ART_UPDATE, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		bind_article(st, r);
		rc = stmt_exec(sq, st, e, "cannot update the article");
		stmt_done(sq, ST_ART_UPDATE, st);
		if (rc != 0)
			return rc;
		*outcome = STORE_UPDATED;
	}
	if (r->n_tags == 0 && !found)
		return 0;
	return set_tags(sq, id, r, found, e);
}

static int
read_tags(struct sqlite_store *sq, struct store_article *a, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if ((rc = stmt_get(sq, ST_ART_TAGS, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool oom = false;
		char *t;

		if (a->n_tags == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			char **nt = realloc(a->tags, ncap * sizeof(*nt));

			if (nt == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			a->tags = nt;
			cap = ncap;
		}
		t = col_dup(st, 0, &oom);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (t != NULL)
			a->tags[a->n_tags++] = t;
	}
	rc = rc == SQLITE_DONE ? 0 : db_fail(sq, e, rc, "cannot read tags");
	stmt_done(sq, ST_ART_TAGS, st);
	return rc;
}

/* Fill a from a row of ARTICLE_COLS (plus rank and snippet for search). */
static int
read_article(struct sqlite_store *sq, sqlite3_stmt *st,
    struct store_article *a, bool search, struct err *e)
{
	bool oom = false;

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->source_id = sqlite3_column_int64(st, 1);
	a->source_title = col_dup(st, 2, &oom);
	a->guid = col_dup(st, 3, &oom);
	a->url = col_dup(st, 4, &oom);
	a->title = col_dup(st, 5, &oom);
	a->content_html = col_dup(st, 6, &oom);
	a->content_text = col_dup(st, 7, &oom);
	a->summary = col_dup(st, 8, &oom);
	a->image = col_dup(st, 9, &oom);
	a->language = col_dup(st, 10, &oom);
	a->author = col_dup(st, 11, &oom);
	a->published = sqlite3_column_int64(st, 12);
	a->modified = sqlite3_column_int64(st, 13);
	a->received = sqlite3_column_int64(st, 14);
	a->updated = sqlite3_column_int64(st, 15);
	a->sort_time = sqlite3_column_int64(st, 16);
	if (search) {
		a->rank = sqlite3_column_double(st, 17);
		a->snippet = col_dup(st, 18, &oom);
	}
	if (oom) {
		store_article_release(a);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	return read_tags(sq, a, e);
}

/* Step st and hand each article to fn. */
static int
walk_articles(struct sqlite_store *sq, sqlite3_stmt *st, bool search,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e, const char *what)
{
	struct store_article a;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = read_article(sq, st, &a, search, e)) != 0) {
			store_article_release(&a);
			return rc;
		}
		rc = fn(ctx, &a);
		store_article_release(&a);
		if (rc != 0)
			return rc;
	}
	if (rc != SQLITE_DONE)
		return db_fail(sq, e, rc, what);
	return 0;
}

static int
sq_article_each(struct store *s, const struct store_article_query *q,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	bool after = q->before_time != 0;
	enum stmt_id id;
	sqlite3_stmt *st;
	int rc;

	if (q->source_id != 0)
		id = after ? ST_LIST_SRC_AFTER : ST_LIST_SRC_FIRST;
	else
		id = after ? ST_LIST_AFTER : ST_LIST_FIRST;
	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, q->before_time);
	sqlite3_bind_int64(st, 2, q->before_id);
	sqlite3_bind_int64(st, 3, (int64_t)q->limit);
	if (q->source_id != 0)
		sqlite3_bind_int64(st, 4, q->source_id);
	rc = walk_articles(sq, st, false, fn, ctx, e, "cannot list articles");
	stmt_done(sq, id, st);
	return rc;
}

static int
sq_article_get(struct store *s, int64_t id, struct store_article *out,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_ART_GET, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = read_article(sq, st, out, false, e);
		if (rc != 0)
			store_article_release(out);
	} else if (rc == SQLITE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no article %lld",
		    (long long)id);
	} else {
		rc = db_fail(sq, e, rc, "cannot read the article");
	}
	stmt_done(sq, ST_ART_GET, st);
	return rc;
}

/* One term as an FTS5 string: always quoted (a '"' inside is doubled), so
 * AND, NEAR(, col:, ^ or a stray parenthesis are only text. */
static int
put_term(struct buf *b, const struct store_term *t)
{
	const char *p;
	int rc = buf_putc(b, '"');

	for (p = t->text; *p && rc == 0; p++)
		rc = *p == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *p);
	if (rc == 0)
		rc = buf_putc(b, '"');
	if (rc == 0 && t->prefix)
		rc = buf_putc(b, '*');
	return rc;
}

/* Render the parsed query as FTS5 syntax. OR binds tighter than the
 * implied AND, as in web search engines: a b OR c means a AND (b OR c);
 * the excluded terms go after one NOT. */
static int
render_match(const struct store_query *q, struct buf *b)
{
	const struct store_term *prev = NULL;
	size_t i;
	bool any_neg = false;
	int rc = buf_puts(b, "((");

	for (i = 0; i < q->n && rc == 0; i++) {
		const struct store_term *t = &q->terms[i];

		if (t->exclude) {
			any_neg = true;
			continue;
		}
		if (prev != NULL)
			rc = buf_puts(b, prev->or_next ? " OR " : ") AND (");
		if (rc == 0)
			rc = put_term(b, t);
		prev = t;
	}
	if (rc == 0)
		rc = buf_puts(b, "))");
	if (rc == 0 && any_neg) {
		bool first = true;

		rc = buf_puts(b, " NOT (");
		for (i = 0; i < q->n && rc == 0; i++) {
			if (!q->terms[i].exclude)
				continue;
			if (!first)
				rc = buf_puts(b, " OR ");
			if (rc == 0)
				rc = put_term(b, &q->terms[i]);
			first = false;
		}
		if (rc == 0)
			rc = buf_putc(b, ')');
	}
	return rc;
}

static int
sq_search(struct store *s, const struct store_query *q, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	struct buf match;
	sqlite3_stmt *st;
	int rc;

	buf_init(&match, SQLITE_MATCH_MAX);
	if ((rc = render_match(q, &match)) != 0) {
		buf_release(&match);
		return err_set(e, rc == ERR_TOOBIG ? ERR_INVAL : rc,
		    "the search is too long");
	}
	if ((rc = stmt_get(sq, ST_SEARCH, &st, e)) != 0) {
		buf_release(&match);
		return rc;
	}
	sqlite3_bind_text(st, 1, match.p, (int)match.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	rc = walk_articles(sq, st, true, fn, ctx, e, "search failed");
	/* Our quoting leaves FTS5 nothing to reject; should it still refuse
	 * the text, the user gets a plain answer, not SQLite's wording. */
	if (rc == ERR_DB) {
		if ((sqlite3_errcode(sq->db) & 0xff) == SQLITE_ERROR) {
			log_debug("store: FTS5 rejected %s: %s",
			    buf_cstr(&match), sqlite3_errmsg(sq->db));
			rc = err_set(e, ERR_INVAL,
			    "the search could not be understood; try plain "
			    "words");
		}
	}
	stmt_done(sq, ST_SEARCH, st);
	buf_release(&match);
	return rc;
}

static int
sq_article_count(struct store *s, int64_t *out, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_COUNT, &st, e)) != 0)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	} else {
		rc = db_fail(sq, e, rc, "cannot count articles");
	}
	stmt_done(sq, ST_COUNT, st);
	return rc;
}

/* Run a check statement; the first row that is not "ok" is the problem. */
static int
check_rows(struct sqlite_store *sq, const char *sql, struct err *e,
    const char *what)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(sq->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return db_fail(sq, e, rc, what);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t == NULL || strcmp(t, "ok") != 0) {
			rc = err_set(e, ERR_DB, "%s: %s", what,
			    t ? t : "problem found");
			sqlite3_finalize(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : db_fail(sq, e, rc, what);
	sqlite3_finalize(st);
	return rc;
}

static int
sq_check(struct store *s, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = check_rows(sq, "PRAGMA integrity_check", e,
	    "integrity check failed")) != 0)
		return rc;
	/* foreign_key_check returns nothing when all is well. */
	rc = sqlite3_prepare_v2(sq->db, "PRAGMA foreign_key_check", -1, &st,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return err_set(e, ERR_DB, "a row refers to a missing parent");
	if (rc != SQLITE_DONE)
		return db_fail(sq, e, rc, "foreign key check failed");
	/* With rank 1, FTS5 also compares the index with the articles. */
	return exec_sql(sq, "INSERT INTO articles_fts (articles_fts, rank)"
	    " VALUES ('integrity-check', 1)", e,
	    "the full-text index is out of step");
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.schema_version = sq_schema_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.source_add = sq_source_add,
	.source_get = sq_source_get,
	.source_find_url = sq_source_find_url,
	.source_remove = sq_source_remove,
	.source_set_paused = sq_source_set_paused,
	.source_each = sq_source_each,
	.source_save_fetch = sq_source_save_fetch,
	.source_recent_times = sq_source_recent_times,
	.article_upsert = sq_article_upsert,
	.article_each = sq_article_each,
	.article_get = sq_article_get,
	.search = sq_search,
	.article_count = sq_article_count,
	.check = sq_check,
};
