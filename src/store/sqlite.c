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

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "store/fts.h"
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
	ST_UNIT_BEGIN,
	ST_UNIT_RELEASE,
	ST_UNIT_ROLLBACK,
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
	ST_COUNT,
	ST_ANALYSIS_RESET,
	ST_ART_TAG_CLEAR_KP,
	ST_ART_LIGHT_GET,
	ST_ART_SORT_TIME,
	ST_SET_BODY,
	ST_ANALYSIS_STATE,
	ST_ANALYSIS_SAVE,
	ST_ENT_FIND,
	ST_ENT_INSERT,
	ST_ENT_RETYPE,
	ST_ART_ENT_CLEAR,
	ST_ART_ENT_ADD,
	ST_ART_ENTS,
	ST_ENT_GET,
	ST_ENT_ALL,
	ST_TAG_GET,
	ST_TAG_TOP,
	ST_TAG_ALL,
	ST_TAGS_GC,
	ST_ENTS_GC,
	ST_PARA_LIST,
	ST_PARA_LIST_SET,
	ST_PARA_LIST_DROP,
	ST_PARA_NEW,
	ST_PARA_INC,
	ST_PARA_DEC,
	ST_PARA_GC,
	ST_PARA_IS,
	ST_PARA_HOLDERS,
	ST_PARA_ARTICLES,
	ST_REL_TAG_IDS,
	ST_REL_TAG_OLDER,
	ST_REL_TAG_NEWER,
	ST_REL_ENT_IDS,
	ST_REL_ENT_OLDER,
	ST_REL_ENT_NEWER,
	ST_REL_WORD_BEFORE,
	ST_REL_WORD_AFTER,
	ST_REL_STATE,
	ST_REL_SAVE,
	ST_REL_DROP,
	ST_SOURCE_NAMES,
	ST_SPELL_ADD,
	ST_TAG_BUMP,
	ST_ART_TAG_LINKS,
	ST_ART_TAG_LINKS_KP,
	ST_ART_ENT_LINKS,
	ST_ENT_BUMP,
	ST_SPELL_SUB,
	ST_SPELL_GC,
	ST_TAG_DROP,
	ST_SOURCE_SPELLS_SUB,
	ST_SOURCE_TAGS_SUB,
	ST_SOURCE_TAGS_REPICK,
	ST_SOURCE_ENTS_SUB,
	ST_SPELLS_GC,
	ST_REMOVE_BEGIN,
	ST_REMOVE_END,
	ST_REMOVE_UNDO,
	ST_TAG_LINKS,
	ST_ART_TAG_DEL,
	ST_COUNT_
};

/* List and search statements are built from their filters (a bit each)
 * and cached per combination like the fixed ones. */
enum {
	LIST_SOURCE = 1,
	LIST_TAG = 2,
	LIST_ENTITY = 4,
	LIST_LIGHT = 8,
	LIST_TEXT = 16,
	LIST_VARIANTS = 32,
	SEARCH_SOURCE = 1,
	SEARCH_TAG = 2,
	SEARCH_DATE = 4,
	SEARCH_LIGHT = 8,
	SEARCH_PROBE = 16,
	SEARCH_VARIANTS = 32,
};

#define SOURCE_COLS \
	"SELECT id, url, title, site_url, group_name, etag, last_modified," \
	" last_error, created, last_fetch, last_success, next_fetch," \
	" fail_count, last_status, paused, disabled, full_text," \
	" (SELECT count(*) FROM articles a WHERE a.source_id = sources.id)" \
	" FROM sources "

/* The columns of a struct store_article, in read_article's order. A
 * light read (lists) leaves out the bodies but still reads enough of
 * the text for an excerpt (a character more than it keeps, to know
 * whether it was cut). */
#define ARTICLE_COLS_A \
	"SELECT a.id, a.source_id, s.title, a.guid, a.url, a.title,"
#define ARTICLE_COLS_BODY " a.content_html, a.content_text,"
#define ARTICLE_COLS_NOBODY " NULL, NULL,"
#define ARTICLE_COLS_B \
	" a.summary, a.image, a.language," \
	" a.author, a.published, a.modified, a.received, a.updated," \
	" a.sort_time, substr(coalesce(nullif(a.summary, ''), a.content_text)," \
	" 1, " SQL_INT(STORE_EXCERPT_CHARS) " + 1)," \
	" n.analysis_version, n.full_text_state, n.lang, n.full_text_error," \
	" n.ai_summary,"
#define ARTICLE_COLS_ANALYSIS " n.key_points, n.body_main, n.body_background"
#define ARTICLE_COLS_NOANALYSIS " NULL, NULL, NULL"
#define ARTICLE_COLS ARTICLE_COLS_A ARTICLE_COLS_BODY ARTICLE_COLS_B \
	ARTICLE_COLS_ANALYSIS
#define ARTICLE_COLS_LIGHT ARTICLE_COLS_A ARTICLE_COLS_NOBODY \
	ARTICLE_COLS_B ARTICLE_COLS_NOANALYSIS
/* Light, with the plain text (a scan of the text, without the HTML). */
#define ARTICLE_COLS_TEXT ARTICLE_COLS_A " NULL, a.content_text," \
	ARTICLE_COLS_B ARTICLE_COLS_NOANALYSIS
#define ARTICLE_N_COLS 26

#define ARTICLE_JOINS \
	" JOIN sources s ON s.id = a.source_id" \
	" LEFT JOIN article_analysis n ON n.article_id = a.id "
#define ARTICLE_FROM " FROM articles a" ARTICLE_JOINS

static const char *const stmt_sql[ST_COUNT_] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_UNIT_BEGIN] = "SAVEPOINT unit",
	[ST_UNIT_RELEASE] = "RELEASE unit",
	[ST_UNIT_ROLLBACK] = "ROLLBACK TO unit",
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
	    " content_text = ?16, content_html = ?17 WHERE id = ?1"
	    " RETURNING sort_time",
	[ST_FTS_INSERT] =
	    "INSERT INTO articles_fts (rowid, title, content_text)"
	    " VALUES (?1, ?2, ?3)",
	[ST_TAG_FIND] = "SELECT id FROM tags WHERE key = ?1",
	[ST_TAG_INSERT] = "INSERT INTO tags (key, display) VALUES (?1, ?2)",
	/* Keyphrase tags (origin 1) never displace the feed's own. */
	[ST_ART_TAG_ADD] =
	    "INSERT OR IGNORE INTO article_tags (article_id, tag_id,"
	    " spelling, origin, sort_time) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_ART_TAG_CLEAR] = "DELETE FROM article_tags WHERE article_id = ?1",
	/* A new article-tag link counts its spelling, then its tag; only
	 * the new spelling can become the display form: the most common
	 * spelling, of equally common ones the first in byte order (schema
	 * step 9). */
	[ST_SPELL_ADD] =
	    "INSERT INTO tag_spellings (tag_id, spelling, n) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (tag_id, spelling) DO UPDATE SET n = n + ?3",
	[ST_TAG_BUMP] =
	    "UPDATE tags SET article_count = article_count + ?3,"
	    " display = CASE WHEN display = ?2 THEN display"
	    " WHEN (SELECT n FROM tag_spellings WHERE tag_id = ?1"
	    " AND spelling = ?2) - coalesce((SELECT n FROM tag_spellings"
	    " WHERE tag_id = ?1 AND spelling = tags.display), 0)"
	    " >= (?2 > display) THEN ?2 ELSE display END WHERE id = ?1",
	[ST_ART_TAG_CLEAR_KP] =
	    "DELETE FROM article_tags WHERE article_id = ?1 AND origin = 1",
	[ST_ART_TAGS] =
	    "SELECT t.display, t.key FROM article_tags j JOIN tags t"
	    " ON t.id = j.tag_id WHERE j.article_id = ?1 ORDER BY t.key",
	[ST_ART_GET] = ARTICLE_COLS ARTICLE_FROM "WHERE a.id = ?1",
	[ST_ART_LIGHT_GET] = ARTICLE_COLS_LIGHT ARTICLE_FROM "WHERE a.id = ?1",
	[ST_COUNT] = "SELECT count(*) FROM articles",
	[ST_ANALYSIS_RESET] =
	    "UPDATE article_analysis SET analysis_version = 0,"
	    " full_text_state = 0, full_text_error = NULL"
	    " WHERE article_id = ?1",
	[ST_ART_SORT_TIME] = "SELECT sort_time FROM articles WHERE id = ?1",
	[ST_SET_BODY] =
	    "UPDATE articles SET content_html = ?2, content_text = ?3"
	    " WHERE id = ?1",
	[ST_ANALYSIS_STATE] =
	    "INSERT INTO article_analysis (article_id, full_text_state,"
	    " full_text_error) VALUES (?1, ?2, ?3) ON CONFLICT (article_id)"
	    " DO UPDATE SET full_text_state = excluded.full_text_state,"
	    " full_text_error = excluded.full_text_error",
	[ST_ANALYSIS_SAVE] =
	    "INSERT INTO article_analysis (article_id, analysis_version,"
	    " lang, ai_summary, key_points, body_main, body_background)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (article_id)"
	    " DO UPDATE SET analysis_version = excluded.analysis_version,"
	    " lang = excluded.lang, ai_summary = excluded.ai_summary,"
	    " key_points = excluded.key_points,"
	    " body_main = excluded.body_main,"
	    " body_background = excluded.body_background",
	[ST_ENT_FIND] = "SELECT id, type = 'misc' FROM entities WHERE key = ?1",
	[ST_ENT_INSERT] =
	    "INSERT INTO entities (key, name, type) VALUES (?1, ?2, ?3)",
	[ST_ENT_RETYPE] = "UPDATE entities SET type = ?2 WHERE id = ?1",
	[ST_ART_ENT_CLEAR] =
	    "DELETE FROM article_entities WHERE article_id = ?1",
	[ST_ART_ENT_ADD] =
	    "INSERT INTO article_entities (article_id, entity_id, count,"
	    " sort_time) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (article_id, entity_id)"
	    " DO UPDATE SET count = count + excluded.count",
	[ST_ART_ENTS] =
	    "SELECT e.id, e.key, e.name, e.type, x.count"
	    " FROM article_entities x JOIN entities e ON e.id = x.entity_id"
	    " WHERE x.article_id = ?1 ORDER BY x.count DESC, e.name",
	[ST_ENT_GET] =
	    "SELECT id, key, name, type, article_count FROM entities"
	    " WHERE id = ?1",
	[ST_ENT_ALL] =
	    "SELECT id, key, name, type, article_count FROM entities"
	    " WHERE article_count > 0 ORDER BY key",
	[ST_TAG_GET] =
	    "SELECT display, article_count FROM tags WHERE key = ?1",
	[ST_TAG_TOP] =
	    "SELECT key, display, article_count FROM tags"
	    " WHERE article_count > 0 ORDER BY article_count DESC, key"
	    " LIMIT ?1",
	[ST_TAG_ALL] =
	    "SELECT key, display, article_count FROM tags"
	    " WHERE article_count > 0 ORDER BY key",
	[ST_TAGS_GC] = "DELETE FROM tags WHERE article_count <= 0",
	[ST_ENTS_GC] = "DELETE FROM entities WHERE article_count <= 0",
	[ST_PARA_LIST] =
	    "SELECT fingerprints FROM article_paragraphs WHERE article_id = ?1",
	[ST_PARA_LIST_SET] =
	    "INSERT INTO article_paragraphs (article_id, fingerprints)"
	    " VALUES (?1, ?2) ON CONFLICT (article_id)"
	    " DO UPDATE SET fingerprints = excluded.fingerprints",
	[ST_PARA_LIST_DROP] =
	    "DELETE FROM article_paragraphs WHERE article_id = ?1",
	/* One more article holds the fingerprint: a new row, else the
	 * update. boiler becomes 2 when the update takes the count to the
	 * threshold ?3, and is written back as 1 by the next update: the
	 * crossing is seen exactly once, and boilerplate stays boilerplate
	 * when counts fall again. (No RETURNING: it makes SQLite open a
	 * statement savepoint, and FTS5 writes out its pending index at
	 * every savepoint, which cost 120,000 instructions a statement.) */
	[ST_PARA_NEW] =
	    "INSERT OR IGNORE INTO paragraph_counts (source_id, fingerprint,"
	    " n, boiler) VALUES (?1, ?2, 1, CASE WHEN ?3 <= 1 THEN 2 ELSE 0"
	    " END)",
	[ST_PARA_INC] =
	    "UPDATE paragraph_counts SET n = n + 1, boiler = CASE"
	    " WHEN boiler > 0 THEN 1 WHEN n + 1 >= ?3 THEN 2 ELSE 0 END"
	    " WHERE source_id = ?1 AND fingerprint = ?2",
	[ST_PARA_DEC] =
	    "UPDATE paragraph_counts SET n = n - 1"
	    " WHERE source_id = ?1 AND fingerprint = ?2",
	[ST_PARA_GC] =
	    "DELETE FROM paragraph_counts WHERE source_id = ?1"
	    " AND fingerprint = ?2 AND n <= 0 AND boiler = 0",
	[ST_PARA_IS] =
	    "SELECT boiler FROM paragraph_counts WHERE source_id = ?1"
	    " AND fingerprint = ?2",
	[ST_PARA_HOLDERS] =
	    "SELECT n FROM paragraph_counts WHERE source_id = ?1"
	    " AND fingerprint = ?2",
	[ST_PARA_ARTICLES] =
	    "SELECT p.article_id, p.fingerprints FROM articles a"
	    " JOIN article_paragraphs p ON p.article_id = a.id"
	    " WHERE a.source_id = ?1 ORDER BY a.sort_time DESC",
	[ST_REL_TAG_IDS] =
	    "SELECT j.tag_id FROM article_tags j JOIN tags t"
	    " ON t.id = j.tag_id WHERE j.article_id = ?1"
	    " ORDER BY t.article_count LIMIT ?2",
	/* The neighbours in time of a tag's or entity's article: each a
	 * walk of the (key, sort_time) index from ?2 one way. */
	[ST_REL_TAG_OLDER] =
	    "SELECT article_id, sort_time FROM article_tags"
	    " WHERE tag_id = ?1 AND sort_time <= ?2"
	    " ORDER BY sort_time DESC LIMIT ?3",
	[ST_REL_TAG_NEWER] =
	    "SELECT article_id, sort_time FROM article_tags"
	    " WHERE tag_id = ?1 AND sort_time > ?2"
	    " ORDER BY sort_time LIMIT ?3",
	[ST_REL_ENT_IDS] =
	    "SELECT entity_id FROM article_entities WHERE article_id = ?1"
	    " ORDER BY count DESC LIMIT ?2",
	[ST_REL_ENT_OLDER] =
	    "SELECT article_id, sort_time FROM article_entities"
	    " WHERE entity_id = ?1 AND sort_time <= ?2"
	    " ORDER BY sort_time DESC LIMIT ?3",
	[ST_REL_ENT_NEWER] =
	    "SELECT article_id, sort_time FROM article_entities"
	    " WHERE entity_id = ?1 AND sort_time > ?2"
	    " ORDER BY sort_time LIMIT ?3",
	/* One title word's matches nearest the article, one way: FTS5
	 * seeks the rowid and stops at the limit, and no rank is asked
	 * for (bm25 counts each phrase over the whole index first). */
	[ST_REL_WORD_BEFORE] =
	    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"
	    " AND rowid < ?2 AND rowid >= ?3 ORDER BY rowid DESC LIMIT ?4",
	[ST_REL_WORD_AFTER] =
	    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"
	    " AND rowid > ?2 AND rowid <= ?3 ORDER BY rowid LIMIT ?4",
	[ST_REL_STATE] =
	    "SELECT a.title, a.sort_time, a.updated,"
	    " coalesce(n.analysis_version, 0),"
	    " (SELECT max(id) FROM articles), r.updated, r.version,"
	    " r.computed, r.newest, r.list FROM articles a"
	    " LEFT JOIN article_analysis n ON n.article_id = a.id"
	    " LEFT JOIN article_related r ON r.article_id = a.id"
	    " WHERE a.id = ?1",
	[ST_REL_SAVE] =
	    "INSERT OR REPLACE INTO article_related (article_id, updated,"
	    " version, computed, newest, list)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_REL_DROP] = "DELETE FROM article_related WHERE article_id = ?1",
	[ST_SOURCE_NAMES] =
	    "SELECT id, coalesce(nullif(title, ''), url) FROM sources"
	    " ORDER BY id",
	/* An article's links, read before they are removed: each takes
	 * one from its count (schema.c, step 8). */
	[ST_ART_TAG_LINKS] =
	    "SELECT tag_id, spelling FROM article_tags WHERE article_id = ?1",
	[ST_TAG_LINKS] =
	    "SELECT article_id, spelling, origin, sort_time FROM article_tags"
	    " WHERE tag_id = ?1",
	[ST_ART_TAG_DEL] =
	    "DELETE FROM article_tags WHERE article_id = ?1 AND tag_id = ?2",
	[ST_ART_TAG_LINKS_KP] =
	    "SELECT tag_id, spelling FROM article_tags WHERE article_id = ?1"
	    " AND origin = 1",
	[ST_ART_ENT_LINKS] =
	    "SELECT entity_id, NULL FROM article_entities"
	    " WHERE article_id = ?1",
	[ST_ENT_BUMP] =
	    "UPDATE entities SET article_count = article_count + ?2"
	    " WHERE id = ?1",
	/* ?3 < 0 links fewer to a spelling: a spelling with none left
	 * goes, and when it was the tag's display form the most common
	 * spelling left takes its place (of equal ones the first in byte
	 * order, the old one included). */
	[ST_SPELL_SUB] =
	    "UPDATE tag_spellings SET n = n + ?3"
	    " WHERE tag_id = ?1 AND spelling = ?2",
	[ST_SPELL_GC] =
	    "DELETE FROM tag_spellings WHERE tag_id = ?1 AND spelling = ?2"
	    " AND n <= 0",
	[ST_TAG_DROP] =
	    "UPDATE tags SET article_count = article_count + ?3,"
	    " display = CASE WHEN display IS NOT ?2 THEN display"
	    " ELSE coalesce((SELECT spelling FROM tag_spellings"
	    " WHERE tag_id = ?1 ORDER BY n DESC, spelling LIMIT 1),"
	    " display) END WHERE id = ?1",
	/* A source's removal takes its articles' links from the counts
	 * before the cascade deletes them, one statement per count kind;
	 * then tags whose display form lost articles re-pick it. */
	[ST_SOURCE_SPELLS_SUB] =
	    "UPDATE tag_spellings SET n = n - x.k FROM (SELECT j.tag_id,"
	    " j.spelling, count(*) AS k FROM articles a JOIN article_tags j"
	    " ON j.article_id = a.id WHERE a.source_id = ?1"
	    " GROUP BY j.tag_id, j.spelling) AS x"
	    " WHERE tag_spellings.tag_id = x.tag_id"
	    " AND tag_spellings.spelling = x.spelling",
	[ST_SOURCE_TAGS_SUB] =
	    "UPDATE tags SET article_count = article_count - x.k FROM"
	    " (SELECT j.tag_id, count(*) AS k FROM articles a"
	    " JOIN article_tags j ON j.article_id = a.id"
	    " WHERE a.source_id = ?1 GROUP BY j.tag_id) AS x"
	    " WHERE tags.id = x.tag_id",
	[ST_SOURCE_TAGS_REPICK] =
	    "UPDATE tags SET display = coalesce((SELECT s.spelling"
	    " FROM tag_spellings s WHERE s.tag_id = tags.id AND s.n > 0"
	    " ORDER BY s.n DESC, s.spelling LIMIT 1), display)"
	    " WHERE id IN (SELECT j.tag_id FROM articles a"
	    " JOIN article_tags j ON j.article_id = a.id"
	    " WHERE a.source_id = ?1)",
	[ST_SOURCE_ENTS_SUB] =
	    "UPDATE entities SET article_count = article_count - x.k FROM"
	    " (SELECT j.entity_id, count(*) AS k FROM articles a"
	    " JOIN article_entities j ON j.article_id = a.id"
	    " WHERE a.source_id = ?1 GROUP BY j.entity_id) AS x"
	    " WHERE entities.id = x.entity_id",
	[ST_SPELLS_GC] = "DELETE FROM tag_spellings WHERE n <= 0",
	[ST_REMOVE_BEGIN] = "SAVEPOINT source_remove",
	[ST_REMOVE_END] = "RELEASE source_remove",
	[ST_REMOVE_UNDO] = "ROLLBACK TO source_remove",
};

/* Tag and entity ids seen in the current write transaction. A feed
 * repeats the same few tags on every item, and a commit group's sources
 * name the same people and places; remembering their ids saves a look-up
 * per link. Entries are only trusted while our BEGIN IMMEDIATE holds the
 * write lock (no one else can add or remove tags then), so the caches are
 * emptied when a transaction starts or ends and at every rollback (a
 * unit rolled back to its savepoint takes the rows it added with it). */
#define SQLITE_TAG_CACHE 1024 /* slots, a power of two */

struct tag_slot {
	char *key;
	int64_t id;
};

/* A new article-tag or article-entity link adds one to its tag (and
 * spelling) or entity count, a removed one takes one away. Inside a group
 * the changes wait in a list and are applied summed at its end
 * (counts_flush): the same few hundred tags were updated tens of
 * thousands of times per group, and a re-analysis that finds the same
 * tags again changes nothing. */
struct count_bump {
	int64_t id;       /* a tag or an entity */
	char *spelling;   /* the tag's spelling; NULL: an entity */
	int delta;        /* +1 a link added, -1 one removed */
};

struct sqlite_store {
	struct store base; /* first: the public handle points here */
	sqlite3 *db;
	int version;
	sqlite3_stmt *stmt[ST_COUNT_];
	sqlite3_stmt *list_stmt[LIST_VARIANTS];
	sqlite3_stmt *search_stmt[SEARCH_VARIANTS];
	struct tag_slot tags[SQLITE_TAG_CACHE];
	struct tag_slot ents[SQLITE_TAG_CACHE]; /* the same for entities */
	/* The article the last upsert stored and its sort_time; fresh: it
	 * was inserted and has had no analysis saved yet, so it has no
	 * paragraph list (fresh_paras) and no entity or keyphrase links.
	 * Saves the look-ups an analysis makes right after the upsert. Kept
	 * like the caches above (a rollback may have taken the row). */
	int64_t last_id, last_sort_time;
	bool fresh, fresh_paras;
	bool group;     /* an outer group transaction is open */
	bool unit_open; /* a unit is open inside it */
	bool unit_sp;   /* and has a savepoint of its own */
	struct count_bump *bumps; /* put off to the group's end */
	size_t n_bumps, cap_bumps;
};

static void counts_drop(struct sqlite_store *sq);
static int counts_flush(struct sqlite_store *sq, struct err *e);
static int run_id(struct sqlite_store *sq, enum stmt_id id, int64_t key,
    struct err *e, const char *what);

static void
caches_clear(struct sqlite_store *sq)
{
	size_t i;

	for (i = 0; i < SQLITE_TAG_CACHE; i++) {
		FREE_NULL(sq->tags[i].key);
		FREE_NULL(sq->ents[i].key);
	}
	sq->last_id = 0;
	sq->fresh = sq->fresh_paras = false;
}

static struct tag_slot *
cache_slot(struct tag_slot *slots, const char *key)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return &slots[h & (SQLITE_TAG_CACHE - 1)];
}

/* *out = the id cached for key in slots; false when there is none. */
static bool
cache_get(struct tag_slot *slot, const char *key, int64_t *out)
{
	if (slot == NULL || slot->key == NULL || strcmp(slot->key, key) != 0)
		return false;
	*out = slot->id;
	return true;
}

static void
cache_put(struct tag_slot *slot, const char *key, int64_t id)
{
	char *copy;

	if (slot == NULL || (copy = strdup(key)) == NULL)
		return; /* without memory, simply no cache */
	free(slot->key);
	slot->key = copy;
	slot->id = id;
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
slot_get(struct sqlite_store *sq, sqlite3_stmt **slot, const char *sql,
    sqlite3_stmt **out, struct err *e)
{
	sqlite3_stmt *st = *slot;
	int rc;

	if (st != NULL && !sqlite3_stmt_busy(st)) {
		*out = st;
		return 0;
	}
	rc = sqlite3_prepare_v3(sq->db, sql, -1,
	    st == NULL ? SQLITE_PREPARE_PERSISTENT : 0, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return db_fail(sq, e, rc, "cannot prepare a statement");
	}
	if (st == NULL)
		*slot = *out;
	return 0;
}

static void
slot_done(sqlite3_stmt *const *slot, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	if (st == *slot) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	} else {
		sqlite3_finalize(st);
	}
}

static int
stmt_get(struct sqlite_store *sq, enum stmt_id id, sqlite3_stmt **out,
    struct err *e)
{
	return slot_get(sq, &sq->stmt[id], stmt_sql[id], out, e);
}

static void
stmt_done(struct sqlite_store *sq, enum stmt_id id, sqlite3_stmt *st)
{
	slot_done(&sq->stmt[id], st);
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
	bool created;
	size_t i;
	int rc;

	if ((rc = read_user_version(sq, &sq->version, e)) != 0)
		return rc;
	created = sq->version == 0;
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
		log_msg(created ? LOG_DEBUG : LOG_INFO,
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
	/* Takes effect only when the file is new (before WAL is set). An
	 * article row is ~7 KB of HTML and text: with 4 KB pages each one
	 * spilled into overflow pages, and 16 KB pages cut an ingest's CPU
	 * by a tenth (bench/README.md). */
	"PRAGMA page_size = 16384",
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = NORMAL",
	"PRAGMA foreign_keys = ON",
	"PRAGMA cache_size = -" SQL_INT(SQLITE_CACHE_KIB),
	"PRAGMA journal_size_limit = " SQL_INT(SQLITE_WAL_LIMIT_BYTES),
};

static const struct store_ops sqlite_ops;

static pthread_once_t sqlite_config_once = PTHREAD_ONCE_INIT;

/* SQLite's memory statistics, which nothing here reads, take a global
 * mutex and update counters at every allocation and free (~580,000 of
 * each in an ingest of 5,000 articles). They can only be switched off
 * before SQLite initialises; if something opened a database first, the
 * call fails and the default stays. */
static void
sqlite_config_once_fn(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

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
	pthread_once(&sqlite_config_once, sqlite_config_once_fn);
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
	/* Before anything touches articles_fts (the migrations do). */
	if ((rc = store_fts_register(sq->db)) != SQLITE_OK) {
		char what[512];

		snprintf(what, sizeof(what), "cannot open %s: the search"
		    " tokenizer", path);
		rc = db_fail(sq, e, rc, what);
		goto fail;
	}
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
	for (i = 0; i < LIST_VARIANTS; i++)
		sqlite3_finalize(sq->list_stmt[i]);
	for (i = 0; i < SEARCH_VARIANTS; i++)
		sqlite3_finalize(sq->search_stmt[i]);
	caches_clear(sq);
	counts_drop(sq);
	free(sq->bumps);
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
sq_begin(struct store *s, bool savepoint, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	int rc;

	/* Inside a group the write lock is held from unit to unit. */
	if (!sq->group) {
		caches_clear(sq);
		return run_simple(sq, ST_BEGIN, e,
		    "cannot start a transaction");
	}
	if (!savepoint) {
		sq->unit_open = true;
		sq->unit_sp = false;
		return 0;
	}
	/* Earlier units' bumps go in before the savepoint, so that a
	 * rollback to it leaves them be and drops only this unit's. */
	if ((rc = counts_flush(sq, e)) != 0)
		return rc;
	rc = run_simple(sq, ST_UNIT_BEGIN, e, "cannot start a savepoint");
	sq->unit_open = rc == 0;
	sq->unit_sp = rc == 0;
	return rc;
}

static int
sq_commit(struct store *s, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	bool sp = sq->unit_sp;

	if (!sq->group) {
		caches_clear(sq);
		return run_simple(sq, ST_COMMIT, e, "cannot commit");
	}
	/* Inside a group the tag cache stays valid: the unit's tags are
	 * part of the outer transaction now. */
	sq->unit_open = false;
	sq->unit_sp = false;
	if (!sp)
		return 0;
	return run_simple(sq, ST_UNIT_RELEASE, e, "cannot release a "
	    "savepoint");
}

static void
sq_rollback(struct store *s)
{
	struct sqlite_store *sq = to_sq(s);

	caches_clear(sq);
	/* Waiting bumps are the rolled-back unit's (see sq_begin), or the
	 * whole transaction's. */
	counts_drop(sq);
	if (sq->group && sq->unit_open && sq->unit_sp) {
		/* ROLLBACK TO keeps the savepoint open; RELEASE ends it. */
		run_simple(sq, ST_UNIT_ROLLBACK, NULL, NULL);
		run_simple(sq, ST_UNIT_RELEASE, NULL, NULL);
		sq->unit_open = sq->unit_sp = false;
		return;
	}
	/* Outside a group, or a unit without a savepoint: the whole
	 * transaction goes. */
	if (!sqlite3_get_autocommit(sq->db))
		run_simple(sq, ST_ROLLBACK, NULL, NULL);
	sq->group = false;
	sq->unit_open = sq->unit_sp = false;
}

static bool
sq_group_open(struct store *s)
{
	return to_sq(s)->group;
}

static int
sq_group_begin(struct store *s, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	int rc;

	if (sq->group)
		return 0;
	caches_clear(sq);
	rc = run_simple(sq, ST_BEGIN, e, "cannot start a transaction");
	sq->group = rc == 0;
	return rc;
}

static int
sq_group_end(struct store *s, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	int rc;

	if (!sq->group)
		return 0;
	if (sq->unit_open)
		sq_rollback(s); /* a unit left open is not committed */
	if (!sq->group) /* that unit had no savepoint: the group is gone */
		return err_set(e, ERR_DB, "a unit left open rolled back its "
		    "group");
	rc = counts_flush(sq, e);
	sq->group = false;
	caches_clear(sq);
	if (rc == 0)
		rc = run_simple(sq, ST_COMMIT, e, "cannot commit");
	if (rc != 0 && !sqlite3_get_autocommit(sq->db))
		run_simple(sq, ST_ROLLBACK, NULL, NULL);
	return rc;
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

	if ((rc = counts_flush(sq, e)) != 0 ||
	    (rc = run_simple(sq, ST_REMOVE_BEGIN, e,
	    "cannot start a savepoint")) != 0)
		return rc;
	/* The cascade deletes the source's links without counting them. */
	if ((rc = run_id(sq, ST_SOURCE_SPELLS_SUB, id, e,
	    "cannot count the tags")) != 0 ||
	    (rc = run_id(sq, ST_SOURCE_TAGS_SUB, id, e,
	    "cannot count the tags")) != 0 ||
	    (rc = run_id(sq, ST_SOURCE_TAGS_REPICK, id, e,
	    "cannot count the tags")) != 0 ||
	    (rc = run_id(sq, ST_SOURCE_ENTS_SUB, id, e,
	    "cannot count the entities")) != 0 ||
	    (rc = run_simple(sq, ST_SPELLS_GC, e,
	    "cannot count the tags")) != 0)
		goto undo;
	if ((rc = stmt_get(sq, ST_SOURCE_REMOVE, &st, e)) != 0)
		goto undo;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = change_source(sq, ST_SOURCE_REMOVE, st, id, e,
	    "cannot remove the source")) != 0)
		goto undo;
	/* Tags and entities that only this source used go too (the count
	 * indices find them without a scan); cached tag ids may be gone. */
	caches_clear(sq);
	if ((rc = run_simple(sq, ST_TAGS_GC, e, "cannot drop unused tags"))
	    != 0 ||
	    (rc = run_simple(sq, ST_ENTS_GC, e,
	    "cannot drop unused entities")) != 0)
		goto undo;
	return run_simple(sq, ST_REMOVE_END, e, "cannot release a savepoint");
undo:
	run_simple(sq, ST_REMOVE_UNDO, NULL, NULL);
	run_simple(sq, ST_REMOVE_END, NULL, NULL);
	return rc;
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
sq_source_names(struct store *s,
    int (*fn)(void *ctx, int64_t id, const char *name), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SOURCE_NAMES, &st, e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int stop = fn(ctx, sqlite3_column_int64(st, 0),
		    name ? name : "");

		if (stop != 0) {
			stmt_done(sq, ST_SOURCE_NAMES, st);
			return stop;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : db_fail(sq, e, rc, "cannot list sources");
	stmt_done(sq, ST_SOURCE_NAMES, st);
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
	struct tag_slot *slot = cache ? cache_slot(sq->tags, t->key) : NULL;
	sqlite3_stmt *st;
	int rc;

	if (cache_get(slot, t->key, out))
		return 0;
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
	cache_put(slot, t->key, *out);
	return 0;
}

/* Add n (which may be negative) to a tag's spelling and count (the
 * spelling first: the tag's display follows its most common one), or,
 * with no spelling, to an entity's count. */
static int
count_apply(struct sqlite_store *sq, int64_t id, const char *spelling,
    int64_t n, struct err *e)
{
	static const enum stmt_id tag_steps[] = { ST_SPELL_ADD, ST_TAG_BUMP };
	static const enum stmt_id tag_drop_steps[] = {
		ST_SPELL_SUB, ST_SPELL_GC, ST_TAG_DROP
	};
	const enum stmt_id *steps;
	size_t n_steps;
	sqlite3_stmt *st;
	int rc;

	if (spelling == NULL) {
		if ((rc = stmt_get(sq, ST_ENT_BUMP, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, n);
		rc = stmt_exec(sq, st, e, "cannot count an entity");
		stmt_done(sq, ST_ENT_BUMP, st);
		return rc;
	}
	steps = n > 0 ? tag_steps : tag_drop_steps;
	n_steps = n > 0 ? ARRAY_LEN(tag_steps) : ARRAY_LEN(tag_drop_steps);
	for (size_t i = 0; i < n_steps; i++) {
		if ((rc = stmt_get(sq, steps[i], &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, spelling);
		if (steps[i] != ST_SPELL_GC)
			sqlite3_bind_int64(st, 3, n);
		rc = stmt_exec(sq, st, e, "cannot count a tag");
		stmt_done(sq, steps[i], st);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
counts_drop(struct sqlite_store *sq)
{
	for (size_t i = 0; i < sq->n_bumps; i++)
		free(sq->bumps[i].spelling);
	sq->n_bumps = 0;
}

/* A link more (delta 1) or less (-1) to a tag spelling or (spelling
 * NULL) an entity: applied now outside a group, at the group's end
 * inside one. */
static int
counts_bump(struct sqlite_store *sq, int64_t id, const char *spelling,
    int delta, struct err *e)
{
	struct count_bump *b;

	if (!sq->group)
		return count_apply(sq, id, spelling, delta, e);
	if (sq->n_bumps == sq->cap_bumps) {
		size_t cap = sq->cap_bumps ? sq->cap_bumps * 2 : 1024;

		if ((b = realloc(sq->bumps, cap * sizeof(*b))) == NULL)
			return err_set(e, ERR_NOMEM, "out of memory");
		sq->bumps = b;
		sq->cap_bumps = cap;
	}
	b = &sq->bumps[sq->n_bumps];
	b->id = id;
	b->delta = delta;
	b->spelling = NULL;
	if (spelling && (b->spelling = strdup(spelling)) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	sq->n_bumps++;
	return 0;
}

static int
cmp_bump(const void *pa, const void *pb)
{
	const struct count_bump *a = pa, *b = pb;

	if ((a->spelling == NULL) != (b->spelling == NULL))
		return a->spelling == NULL ? 1 : -1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->spelling ? strcmp(a->spelling, b->spelling) : 0;
}

/* Apply the waiting bumps, summed per tag spelling and per entity. Run
 * before the group commits and before a savepoint (sq_begin). The list
 * is empty afterwards, whatever the outcome. */
static int
counts_flush(struct sqlite_store *sq, struct err *e)
{
	size_t i = 0, j;
	int rc = 0;

	if (sq->n_bumps == 0)
		return 0; /* qsort wants a non-null array */
	qsort(sq->bumps, sq->n_bumps, sizeof(*sq->bumps), cmp_bump);
	while (i < sq->n_bumps && rc == 0) {
		int64_t n = sq->bumps[i].delta;

		for (j = i + 1; j < sq->n_bumps &&
		    cmp_bump(&sq->bumps[i], &sq->bumps[j]) == 0; j++)
			n += sq->bumps[j].delta;
		if (n != 0)
			rc = count_apply(sq, sq->bumps[i].id,
			    sq->bumps[i].spelling, n, e);
		i = j;
	}
	counts_drop(sq);
	return rc;
}

/* Add tags[0..n) to an article (origin 0 the feed, 1 keyphrases). */
static int
add_tags(struct sqlite_store *sq, int64_t article, int64_t sort_time,
    const struct store_tag *tags, size_t n, int origin, struct err *e)
{
	/* Outside a transaction of ours, another writer could change tags
	 * between our statements: no cache then. */
	bool cache = !sqlite3_get_autocommit(sq->db);
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		int64_t tid = 0;

		if ((rc = tag_id(sq, &tags[i], &tid, cache, e)) != 0)
			return rc;
		if ((rc = stmt_get(sq, ST_ART_TAG_ADD, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, article);
		sqlite3_bind_int64(st, 2, tid);
		bind_text(st, 3, tags[i].display);
		sqlite3_bind_int(st, 4, origin);
		sqlite3_bind_int64(st, 5, sort_time);
		rc = stmt_exec(sq, st, e, "cannot tag the article");
		stmt_done(sq, ST_ART_TAG_ADD, st);
		if (rc != 0)
			return rc;
		if (sqlite3_changes(sq->db) == 0)
			continue; /* the feed gave that key already */
		if ((rc = counts_bump(sq, tid, tags[i].display, 1, e)) != 0)
			return rc;
	}
	return 0;
}

/* Run a fixed statement whose only parameter is an id. */
static int
run_id(struct sqlite_store *sq, enum stmt_id id, int64_t key,
    struct err *e, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = stmt_exec(sq, st, e, what);
	stmt_done(sq, id, st);
	return rc;
}

/* Remove an article's links: links lists them as (tag or entity id,
 * spelling or NULL), each takes one from its count, then del (one id
 * parameter) deletes them. A freshly stored article has none, and the
 * DELETE is then skipped: even a DELETE that finds nothing costs a
 * B-tree seek. Removing links this way, not by a trigger, keeps SQLite
 * from opening a statement savepoint, on which FTS5 would write out its
 * pending index (schema.c, step 8). */
static int
unlink_links(struct sqlite_store *sq, enum stmt_id links, enum stmt_id del,
    int64_t key, struct err *e, const char *what)
{
	sqlite3_stmt *st;
	bool any = false;
	int rc, step;

	if ((rc = stmt_get(sq, links, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *spelling = (const char *)sqlite3_column_text(st, 1);

		any = true;
		if ((rc = counts_bump(sq, sqlite3_column_int64(st, 0),
		    spelling, -1, e)) != 0)
			break;
	}
	stmt_done(sq, links, st);
	if (rc != 0)
		return rc;
	if (step != SQLITE_DONE)
		return db_fail(sq, e, step, what);
	return any ? run_id(sq, del, key, e, what) : 0;
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
	bind_text(st, 14, r->title);
	bind_text(st, 15, it->summary);
	bind_text(st, 16, r->text);
	bind_text(st, 17, it->content_html);
}

static int
sq_article_upsert(struct store *s, int64_t source_id,
    const struct store_row *r, enum store_upsert_outcome *outcome,
    int64_t *idp, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	int64_t id = 0, old_hash = 0, sort_time = r->sort_time;
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
	*idp = id;
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
		bind_text(st, 2, r->title);
		bind_text(st, 3, r->text);
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
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			sort_time = sqlite3_column_int64(st, 0);
			rc = 0;
		} else {
			rc = db_fail(sq, e, rc, "cannot update the article");
		}
		stmt_done(sq, ST_ART_UPDATE, st);
		if (rc != 0)
			return rc;
		/* The feed's new body replaced any full text: extraction and
		 * analysis are to be redone. */
		if ((rc = run_id(sq, ST_ANALYSIS_RESET, id, e,
		    "cannot reset the analysis")) != 0 ||
		    (rc = unlink_links(sq, ST_ART_TAG_LINKS, ST_ART_TAG_CLEAR,
		    id, e, "cannot clear tags")) != 0)
			return rc;
		*outcome = STORE_UPDATED;
	}
	*idp = id;
	/* Only inside our transaction: outside one, another writer may
	 * change the row before the analysis is saved. */
	if (!sqlite3_get_autocommit(sq->db)) {
		sq->last_id = id;
		sq->last_sort_time = sort_time;
		sq->fresh = sq->fresh_paras = *outcome == STORE_INSERTED;
	}
	return add_tags(sq, id, sort_time, r->tags, r->n_tags, 0, e);
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
		char *t, *k;

		if (a->n_tags == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			char **nt = realloc(a->tags, ncap * sizeof(*nt));

			if (nt == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			a->tags = nt;
			nt = realloc(a->tag_keys, ncap * sizeof(*nt));
			if (nt == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			a->tag_keys = nt;
			cap = ncap;
		}
		t = col_dup(st, 0, &oom);
		k = col_dup(st, 1, &oom);
		if (oom || t == NULL || k == NULL) {
			free(t);
			free(k);
			if (oom) {
				rc = SQLITE_NOMEM;
				break;
			}
			continue;
		}
		a->tags[a->n_tags] = t;
		a->tag_keys[a->n_tags++] = k;
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
	const char *ex;
	char *kp;

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
	ex = (const char *)sqlite3_column_text(st, 17);
	if (ex != NULL && (a->excerpt = store_excerpt(ex,
	    (size_t)sqlite3_column_bytes(st, 17))) == NULL)
		oom = true;
	a->analysis_version = sqlite3_column_int(st, 18);
	a->full_text_state = sqlite3_column_int(st, 19);
	a->lang = col_dup(st, 20, &oom);
	a->full_text_error = col_dup(st, 21, &oom);
	a->ai_summary = col_dup(st, 22, &oom);
	kp = col_dup(st, 23, &oom);
	if (kp != NULL) {
		int krc = store_json_strings_decode(kp, &a->key_points,
		    &a->n_key_points);

		if (krc == ERR_NOMEM)
			oom = true;
		free(kp);
	}
	a->body_main = col_dup(st, 24, &oom);
	a->body_background = col_dup(st, 25, &oom);
	if (search) {
		a->rank = sqlite3_column_double(st, ARTICLE_N_COLS);
		a->snippet = col_dup(st, ARTICLE_N_COLS + 1, &oom);
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

/* The list statement for a set of filters. Parameters: ?1 ?2 the keyset
 * bound (time, id), ?3 limit, ?4 source, ?5 tag key, ?6 since, ?7
 * entity. A tag or entity list walks its join table's (key, sort_time)
 * index, where the sort_time copy lives, so the planner needs no sort
 * step (EXPLAIN QUERY PLAN: "SEARCH j USING COVERING INDEX
 * article_tags_by_tag_time (tag_id=? AND sort_time>? AND
 * sort_time<?)", then a primary-key look-up per row); the CROSS JOINs
 * pin that join order. */
static int
list_sql(unsigned mask, struct buf *b)
{
	const char *t; /* the table whose sort_time drives the walk */
	const char *idcol;
	int rc;

	rc = buf_puts(b, mask & LIST_TEXT ? ARTICLE_COLS_TEXT :
	    mask & LIST_LIGHT ? ARTICLE_COLS_LIGHT : ARTICLE_COLS);
	if (mask & LIST_TAG) {
		t = "j";
		idcol = "j.article_id";
		rc = rc ? rc : buf_puts(b, " FROM article_tags j CROSS JOIN"
		    " articles a ON a.id = j.article_id" ARTICLE_JOINS
		    " WHERE j.tag_id = (SELECT id FROM tags WHERE key = ?5)");
		if (mask & LIST_ENTITY)
			rc = rc ? rc : buf_puts(b, " AND EXISTS (SELECT 1 FROM"
			    " article_entities x WHERE x.article_id = a.id AND"
			    " x.entity_id = ?7)");
	} else if (mask & LIST_ENTITY) {
		t = "x";
		idcol = "x.article_id";
		rc = rc ? rc : buf_puts(b, " FROM article_entities x CROSS JOIN"
		    " articles a ON a.id = x.article_id" ARTICLE_JOINS
		    " WHERE x.entity_id = ?7");
	} else {
		t = "a";
		idcol = "a.id";
		rc = rc ? rc : buf_puts(b, ARTICLE_FROM "WHERE 1");
	}
	if (mask & LIST_SOURCE)
		rc = rc ? rc : buf_puts(b, " AND a.source_id = ?4");
	rc = rc ? rc : buf_printf(b, " AND %s.sort_time <= ?1 AND"
	    " (%s.sort_time < ?1 OR %s < ?2) AND %s.sort_time >= ?6"
	    " ORDER BY %s.sort_time DESC, %s DESC LIMIT ?3",
	    t, t, idcol, t, t, idcol);
	return rc;
}

static int
list_stmt(struct sqlite_store *sq, unsigned mask, sqlite3_stmt **out,
    struct err *e)
{
	struct buf sql;
	int rc;

	if (sq->list_stmt[mask] != NULL &&
	    !sqlite3_stmt_busy(sq->list_stmt[mask])) {
		*out = sq->list_stmt[mask];
		return 0;
	}
	buf_init(&sql, 8192);
	if (list_sql(mask, &sql) != 0) {
		buf_release(&sql);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	rc = slot_get(sq, &sq->list_stmt[mask], buf_cstr(&sql), out, e);
	buf_release(&sql);
	return rc;
}

/* The (time, id) bound of a keyset walk: the cursor, or until. */
static void
keyset_bound(int64_t before_time, int64_t before_id, int64_t until,
    int64_t *t, int64_t *id)
{
	*t = until;
	*id = INT64_MAX;
	if (before_time != 0 && before_time <= until) {
		*t = before_time;
		*id = before_id;
	}
}

static int
sq_article_each(struct store *s, const struct store_article_query *q,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	unsigned mask = 0;
	int64_t bt, bid;
	sqlite3_stmt *st;
	int rc;

	if (q->source_id != 0)
		mask |= LIST_SOURCE;
	if (q->tag != NULL)
		mask |= LIST_TAG;
	if (q->entity_id != 0)
		mask |= LIST_ENTITY;
	if (q->light)
		mask |= q->with_text ? LIST_TEXT : LIST_LIGHT;
	if ((rc = list_stmt(sq, mask, &st, e)) != 0)
		return rc;
	keyset_bound(q->before_time, q->before_id, q->until, &bt, &bid);
	sqlite3_bind_int64(st, 1, bt);
	sqlite3_bind_int64(st, 2, bid);
	sqlite3_bind_int64(st, 3, (int64_t)q->limit);
	if (mask & LIST_SOURCE)
		sqlite3_bind_int64(st, 4, q->source_id);
	if (mask & LIST_TAG)
		bind_text(st, 5, q->tag);
	sqlite3_bind_int64(st, 6, q->since);
	if (mask & LIST_ENTITY)
		sqlite3_bind_int64(st, 7, q->entity_id);
	rc = walk_articles(sq, st, false, fn, ctx, e, "cannot list articles");
	slot_done(&sq->list_stmt[mask], st);
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

/* A relevance order ranks at most this many matches, the newest: FTS5
 * scores every match before its LIMIT (about 4 us each at a million
 * articles), so a common word (150,000 matches) took half a second. The
 * probe finds the rowid of the newest match past this many (a walk of
 * the index from its end, no scoring) and the ranking starts there. As
 * deep as a relevance page may go, so every page ranks the same set.
 * A filtered search ranks all its matches, as before: a probe through
 * the filters reads every match's article row (5 us each, more than the
 * scoring it would save). */
#define SQLITE_SEARCH_RANKED STORE_SEARCH_DEPTH_MAX

/* The search statement for a set of options. Parameters: ?1 the FTS5
 * query, ?2 limit, ?3 offset, ?4 source, ?5 tag key, ?6 since, ?7 ?8 the
 * (time, id) bound, ?9 the lowest rowid ranked. The index answers first
 * (CROSS JOIN), the filters then look at each match's row. SEARCH_PROBE
 * (no filters): the rowid of the match ?2 places past the newest. */
static int
search_sql(unsigned mask, struct buf *b)
{
	int rc;

	if (mask & SEARCH_PROBE)
		return buf_puts(b, "SELECT rowid FROM articles_fts"
		    " WHERE articles_fts MATCH ?1 ORDER BY rowid DESC"
		    " LIMIT 1 OFFSET ?2");
	rc = buf_puts(b, mask & SEARCH_LIGHT ? ARTICLE_COLS_LIGHT :
	    ARTICLE_COLS);
	rc = rc ? rc : buf_puts(b, ", f.rank, snippet(articles_fts, -1,"
	    " '\x02', '\x03', '\xE2\x80\xA6', "
	    SQL_INT(SQLITE_SNIPPET_TOKENS) ")"
	    " FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid"
	    ARTICLE_JOINS " WHERE articles_fts MATCH ?1"
	    " AND a.sort_time >= ?6 AND a.sort_time <= ?7");
	if (mask & SEARCH_SOURCE)
		rc = rc ? rc : buf_puts(b, " AND a.source_id = ?4");
	if (mask & SEARCH_TAG)
		rc = rc ? rc : buf_puts(b, " AND EXISTS (SELECT 1 FROM"
		    " article_tags j WHERE j.article_id = a.id AND j.tag_id ="
		    " (SELECT id FROM tags WHERE key = ?5))");
	if (mask & SEARCH_DATE)
		rc = rc ? rc : buf_puts(b, " AND (a.sort_time < ?7 OR"
		    " a.id < ?8) ORDER BY a.sort_time DESC, a.id DESC"
		    " LIMIT ?2");
	else
		rc = rc ? rc : buf_puts(b, " AND f.rowid >= ?9"
		    " ORDER BY f.rank LIMIT ?2 OFFSET ?3");
	return rc;
}

/* Bind what a search statement of this mask takes. */
static void
search_bind(sqlite3_stmt *st, unsigned mask,
    const struct store_search_opts *o, const struct buf *match,
    int64_t bt)
{
	sqlite3_bind_text(st, 1, match->p, (int)match->len, SQLITE_STATIC);
	if (mask & SEARCH_SOURCE)
		sqlite3_bind_int64(st, 4, o->source_id);
	if (mask & SEARCH_TAG)
		bind_text(st, 5, o->tag);
	if (!(mask & SEARCH_PROBE)) {
		sqlite3_bind_int64(st, 6, o->since);
		sqlite3_bind_int64(st, 7, bt);
	}
}

/* The lowest rowid a relevance search ranks (0: all of them). *ecode
 * receives SQLite's code when the step fails. */
static int
search_floor(struct sqlite_store *sq, unsigned mask,
    const struct store_search_opts *o, const struct buf *match,
    int64_t bt, int64_t *floor, int *ecode, struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st;
	int rc;

	*floor = 0;
	/* store.c made "no date bound" the extremes. */
	if ((mask & (SEARCH_SOURCE | SEARCH_TAG)) || o->since != INT64_MIN ||
	    o->until != INT64_MAX)
		return 0;
	mask = SEARCH_PROBE;
	buf_init(&sql, 8192);
	if (search_sql(mask, &sql) != 0) {
		buf_release(&sql);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	rc = slot_get(sq, &sq->search_stmt[mask], buf_cstr(&sql), &st, e);
	buf_release(&sql);
	if (rc != 0)
		return rc;
	search_bind(st, mask, o, match, bt);
	sqlite3_bind_int(st, 2, SQLITE_SEARCH_RANKED);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*floor = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*ecode = sqlite3_errcode(sq->db);
		rc = db_fail(sq, e, rc, "search failed");
	} else {
		rc = 0;
	}
	slot_done(&sq->search_stmt[mask], st);
	return rc;
}

static int
sq_search_ex(struct store *s, const struct store_search_opts *o,
    const struct store_query *q,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	struct buf match, sql;
	unsigned mask = 0;
	int64_t bt, bid, floor = 0;
	sqlite3_stmt *st;
	int rc, ecode = 0;

	if (o->source_id != 0)
		mask |= SEARCH_SOURCE;
	if (o->tag != NULL)
		mask |= SEARCH_TAG;
	if (o->sort == STORE_SORT_DATE)
		mask |= SEARCH_DATE;
	if (o->light)
		mask |= SEARCH_LIGHT;
	buf_init(&match, SQLITE_MATCH_MAX);
	if ((rc = render_match(q, &match)) != 0) {
		buf_release(&match);
		return err_set(e, rc == ERR_TOOBIG ? ERR_INVAL : rc,
		    "the search is too long");
	}
	keyset_bound(o->before_time, o->before_id, o->until, &bt, &bid);
	if (!(mask & SEARCH_DATE) && (rc = search_floor(sq, mask, o, &match,
	    bt, &floor, &ecode, e)) != 0)
		goto fts_error;
	buf_init(&sql, 8192);
	if (search_sql(mask, &sql) != 0) {
		buf_release(&match);
		buf_release(&sql);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	rc = slot_get(sq, &sq->search_stmt[mask], buf_cstr(&sql), &st, e);
	buf_release(&sql);
	if (rc != 0) {
		buf_release(&match);
		return rc;
	}
	search_bind(st, mask, o, &match, bt);
	sqlite3_bind_int64(st, 2, (int64_t)o->limit);
	if (mask & SEARCH_DATE) {
		sqlite3_bind_int64(st, 8, bid);
	} else {
		sqlite3_bind_int64(st, 3, (int64_t)(o->page * o->limit));
		sqlite3_bind_int64(st, 9, floor);
	}
	rc = walk_articles(sq, st, true, fn, ctx, e, "search failed");
	if (rc == ERR_DB)
		ecode = sqlite3_errcode(sq->db);
	slot_done(&sq->search_stmt[mask], st);
fts_error:
	/* Our quoting leaves FTS5 nothing to reject; should it still refuse
	 * the text, the user gets a plain answer, not SQLite's wording. */
	if (rc == ERR_DB) {
		if ((ecode & 0xff) == SQLITE_ERROR) {
			log_debug("store: FTS5 rejected %s: %s",
			    buf_cstr(&match), e ? e->msg : "");
			rc = err_set(e, ERR_INVAL,
			    "the search could not be understood; try plain "
			    "words");
		}
	}
	buf_release(&match);
	return rc;
}

/* ---- related articles ---- */

/*
 * An article's related articles share its tags or entities, or its title
 * words. Everything is looked for near the article in time, through
 * indexes that stop at a limit, so the work is bounded whatever the size
 * of the store:
 *  - tags and entities: its rarest tags and most mentioned entities, and
 *    for each the articles nearest in sort_time on either side, one point
 *    per key shared;
 *  - title words: its longest words, each word's matches nearest by rowid
 *    on either side within a window. A word weighs what its density there
 *    says (an IDF over the window), and an article's title score is the
 *    weight it shares over the weight of all the words: 1 for the same
 *    title. bm25 was the first choice and cost seconds: it counts every
 *    phrase over the whole index and ranks every match before LIMIT.
 * The list is then kept (schema step 5) and read back on the next views.
 */
#define SQLITE_RELATED_KEYS 16
#define SQLITE_RELATED_NEAR (STORE_RELATED_FANOUT / 2)
/* Title words shorter than this (in bytes) are left out: they are mostly
 * function words. */
#define SQLITE_RELATED_WORD_MIN 4
#define SQLITE_RELATED_WORDS 4
/* Title matches are looked for among the articles stored this many
 * before and after the article (related news is near in time). */
#define SQLITE_RELATED_WINDOW 50000
/* Matches of one title word read on each side, nearest first. A common
 * word reaches the limit near the article and gets its weight from the
 * span that took: common words cost no more than rare ones. */
#define SQLITE_RELATED_WORD_HITS 100
/* Related articles kept per article; a longer list is computed each
 * time. A kept list that newer articles may still join is computed again
 * when it is older than SQLITE_RELATED_REFRESH_S. */
#define SQLITE_RELATED_KEEP STORE_RELATED_DEFAULT
#define SQLITE_RELATED_REFRESH_S 600
/* Scores are kept as integers of this many parts of a point (no locale
 * in the way of reading them back). */
#define SQLITE_RELATED_SCALE 10000

struct cand {
	int64_t id;
	int64_t sort_time; /* 0 when only the title matched */
	double score;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static int
cands_add(struct cands *c, int64_t id, int64_t sort_time, double score)
{
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 256;
		struct cand *nv = realloc(c->v, ncap * sizeof(*nv));

		if (nv == NULL)
			return ERR_NOMEM;
		c->v = nv;
		c->cap = ncap;
	}
	c->v[c->n++] = (struct cand){ id, sort_time, score };
	return 0;
}

static int
cand_by_id(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
cand_by_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->sort_time != y->sort_time)
		return x->sort_time > y->sort_time ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/* Read an (id, sort_time) walk into c, one point each. */
static int
related_rows(struct sqlite_store *sq, enum stmt_id sid, int64_t key,
    int64_t id, int64_t sort_time, struct cands *c, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, sid, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int64(st, 2, sort_time);
	sqlite3_bind_int(st, 3, SQLITE_RELATED_NEAR);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t other = sqlite3_column_int64(st, 0);

		if (other != id && cands_add(c, other,
		    sqlite3_column_int64(st, 1), 1.0) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	stmt_done(sq, sid, st);
	return rc == SQLITE_DONE ? 0 :
	    db_fail(sq, e, rc, "cannot read related articles");
}

/* For each key of the article (ids_stmt), the articles sharing it
 * nearest in time on either side. */
static int
related_by(struct sqlite_store *sq, int64_t id, int64_t sort_time,
    enum stmt_id ids_stmt, enum stmt_id older, enum stmt_id newer,
    struct cands *c, struct err *e)
{
	int64_t keys[SQLITE_RELATED_KEYS];
	size_t nk = 0, i;
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ids_stmt, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, SQLITE_RELATED_KEYS);
	while (nk < SQLITE_RELATED_KEYS &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW)
		keys[nk++] = sqlite3_column_int64(st, 0);
	stmt_done(sq, ids_stmt, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(sq, e, rc, "cannot read related keys");
	for (i = 0; i < nk; i++)
		if ((rc = related_rows(sq, older, keys[i], id, sort_time, c,
		    e)) != 0 || (rc = related_rows(sq, newer, keys[i], id,
		    sort_time, c, e)) != 0)
			return rc;
	return 0;
}

struct title_word {
	const char *p;
	size_t n;
};

/* The title's longest distinct words (long words are the rare ones), at
 * most SQLITE_RELATED_WORDS, first seen first on a tie. A word is a run
 * of ASCII letters and digits and non-ASCII bytes. */
static size_t
title_words(const char *title, struct title_word *w)
{
	const char *p = title;
	size_t words = 0, i, j;

	while (p != NULL && *p) {
		const char *start;
		size_t n;

		while (*p && (unsigned char)*p < 0x80 && !isalnum(
		    (unsigned char)*p))
			p++;
		start = p;
		while (*p && ((unsigned char)*p >= 0x80 ||
		    isalnum((unsigned char)*p)))
			p++;
		n = (size_t)(p - start);
		if (n < SQLITE_RELATED_WORD_MIN)
			continue;
		for (i = 0; i < words; i++)
			if (w[i].n == n && strncasecmp(w[i].p, start, n) == 0)
				break;
		if (i < words)
			continue; /* a word twice counts once */
		if (words < SQLITE_RELATED_WORDS) {
			w[words].p = start;
			w[words++].n = n;
			continue;
		}
		for (i = 0, j = 0; i < words; i++)
			if (w[i].n < w[j].n)
				j = i;
		if (n > w[j].n) {
			/* Keep the title's order among the kept. */
			memmove(&w[j], &w[j + 1], (words - j - 1) *
			    sizeof(*w));
			w[words - 1].p = start;
			w[words - 1].n = n;
		}
	}
	return words;
}

/* One way of one word's walk: matches appended to hits (room for
 * SQLITE_RELATED_WORD_HITS more), their number to *n, the span of rowids
 * they cover to *span. Returns 1 when FTS5 refuses the word. */
static int
related_word_run(struct sqlite_store *sq, enum stmt_id sid,
    const struct buf *match, int64_t id, int64_t bound, int64_t *hits,
    size_t *n, int64_t *span, struct err *e)
{
	sqlite3_stmt *st;
	int64_t last = id;
	int rc;

	*n = 0;
	if ((rc = stmt_get(sq, sid, &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, match->p, (int)match->len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, bound);
	sqlite3_bind_int(st, 4, SQLITE_RELATED_WORD_HITS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		hits[(*n)++] = last = sqlite3_column_int64(st, 0);
	stmt_done(sq, sid, st);
	/* A full walk covers the span to its last match, else the whole
	 * side of the window. */
	last = *n == SQLITE_RELATED_WORD_HITS ? last : bound;
	*span = last > id ? last - id : id - last;
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) == SQLITE_ERROR) {
		*n = 0;
		return 1;
	}
	return db_fail(sq, e, rc, "cannot match related titles");
}

/* Title-word candidates, scored in [0, 1]: see the section's comment.
 * lo and hi bound the window (hi no further than the newest article). */
static int
related_fts(struct sqlite_store *sq, int64_t id, const char *title,
    int64_t lo, int64_t hi, struct cands *c, struct err *e)
{
	struct title_word w[SQLITE_RELATED_WORDS];
	size_t from[SQLITE_RELATED_WORDS + 1];
	double idf[SQLITE_RELATED_WORDS], self = 0;
	size_t nw = title_words(title, w), i, k, total = 0;
	int64_t *hits = NULL;
	struct buf match;
	int rc = 0;

	if (nw == 0)
		return 0;
	hits = malloc(nw * 2 * SQLITE_RELATED_WORD_HITS * sizeof(*hits));
	if (hits == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	buf_init(&match, SQLITE_MATCH_MAX);
	for (i = 0; i < nw && rc == 0; i++) {
		size_t nb = 0, na = 0;
		int64_t sb = 0, sa = 0;

		from[i] = total;
		idf[i] = 0;
		buf_reset(&match);
		/* The word is letters and digits only: quoting it is enough
		 * to make it plain text for FTS5. */
		if ((rc = buf_puts(&match, "title : \"")) != 0 ||
		    (rc = buf_append(&match, w[i].p, w[i].n)) != 0 ||
		    (rc = buf_putc(&match, '"')) != 0) {
			rc = err_set(e, ERR_NOMEM, "out of memory");
			break;
		}
		rc = related_word_run(sq, ST_REL_WORD_BEFORE, &match, id, lo,
		    hits + total, &nb, &sb, e);
		if (rc == 0)
			rc = related_word_run(sq, ST_REL_WORD_AFTER, &match, id,
			    hi, hits + total + nb, &na, &sa, e);
		if (rc == 1) {
			rc = 0; /* a word FTS5 will not take only loses it */
			continue;
		}
		if (rc != 0)
			break;
		total += nb + na;
		/* The density of the word around the article; the article
		 * itself counts, so a word only it has weighs the most. */
		idf[i] = log(1.0 + (double)(sb + sa + 1) /
		    ((double)(nb + na) + 1.0));
		self += idf[i];
	}
	from[nw] = total;
	for (i = 0; i < nw && rc == 0 && self > 0; i++) {
		size_t to = i + 1 < nw ? from[i + 1] : total;

		for (k = from[i]; k < to && rc == 0; k++)
			if (cands_add(c, hits[k], 0, idf[i] / self) != 0)
				rc = err_set(e, ERR_NOMEM, "out of memory");
	}
	buf_release(&match);
	free(hits);
	return rc;
}

/* Rank the candidates: sum each article's points, best first. */
static void
cands_rank(struct cands *c)
{
	size_t i, j;

	if (c->n == 0)
		return; /* qsort of a NULL array is undefined, even empty */
	qsort(c->v, c->n, sizeof(*c->v), cand_by_id);
	for (i = 0, j = 0; i < c->n; i++) {
		if (j > 0 && c->v[j - 1].id == c->v[i].id) {
			c->v[j - 1].score += c->v[i].score;
			if (c->v[i].sort_time > c->v[j - 1].sort_time)
				c->v[j - 1].sort_time = c->v[i].sort_time;
			continue;
		}
		c->v[j++] = c->v[i];
	}
	c->n = j;
	qsort(c->v, c->n, sizeof(*c->v), cand_by_score);
}

/* A kept list ("id:score ..." best first) back into candidates. */
static int
related_parse(const char *list, struct cands *c)
{
	const char *p = list;

	while (*p) {
		char *end;
		long long id, score;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		id = strtoll(p, &end, 10);
		if (end == p || *end != ':')
			return ERR_PARSE;
		p = end + 1;
		score = strtoll(p, &end, 10);
		if (end == p)
			return ERR_PARSE;
		p = end;
		if (cands_add(c, id, 0, (double)score /
		    SQLITE_RELATED_SCALE) != 0)
			return ERR_NOMEM;
	}
	return 0;
}

/* Run a write to article_related if it can be done at once: only outside
 * a caller's transaction (never to become part of it), and never waiting
 * for the ingester's write lock (a page view should not; the next view
 * tries again). */
static void
related_write(struct sqlite_store *sq, enum stmt_id sid, sqlite3_stmt *st)
{
	int rc;

	sqlite3_busy_timeout(sq->db, 0);
	rc = sqlite3_step(st);
	sqlite3_busy_timeout(sq->db, SQLITE_BUSY_TIMEOUT_MS);
	if (rc != SQLITE_DONE)
		log_debug("store: related articles not kept: %s",
		    sqlite3_errmsg(sq->db));
	stmt_done(sq, sid, st);
}

struct related_state {
	int64_t sort_time, updated, version, newest;
};

static void
related_save(struct sqlite_store *sq, int64_t id,
    const struct related_state *rs, int64_t now, const struct cands *c)
{
	struct buf list;
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	if (!sqlite3_get_autocommit(sq->db))
		return;
	buf_init(&list, 0);
	for (i = 0; i < c->n && i < SQLITE_RELATED_KEEP && rc == 0; i++)
		rc = buf_printf(&list, "%s%lld:%lld", i ? " " : "",
		    (long long)c->v[i].id, (long long)llround(c->v[i].score *
		    SQLITE_RELATED_SCALE));
	if (rc == 0 && stmt_get(sq, ST_REL_SAVE, &st, NULL) == 0) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, rs->updated);
		sqlite3_bind_int64(st, 3, rs->version);
		sqlite3_bind_int64(st, 4, now);
		sqlite3_bind_int64(st, 5, rs->newest);
		sqlite3_bind_text(st, 6, list.p ? list.p : "", (int)list.len,
		    SQLITE_STATIC);
		related_write(sq, ST_REL_SAVE, st);
	}
	buf_release(&list);
}

static void
related_drop(struct sqlite_store *sq, int64_t id)
{
	sqlite3_stmt *st;

	if (!sqlite3_get_autocommit(sq->db) ||
	    stmt_get(sq, ST_REL_DROP, &st, NULL) != 0)
		return;
	sqlite3_bind_int64(st, 1, id);
	related_write(sq, ST_REL_DROP, st);
}

/* Compute the article's candidates into c, ranked. */
static int
related_compute(struct sqlite_store *sq, int64_t id, const char *title,
    const struct related_state *rs, struct cands *c, struct err *e)
{
	int64_t lo = id > SQLITE_RELATED_WINDOW ? id - SQLITE_RELATED_WINDOW
	    : 0;
	int64_t hi = id + SQLITE_RELATED_WINDOW;
	int rc;

	if (hi > rs->newest)
		hi = rs->newest > id ? rs->newest : id;
	if ((rc = related_by(sq, id, rs->sort_time, ST_REL_TAG_IDS,
	    ST_REL_TAG_OLDER, ST_REL_TAG_NEWER, c, e)) != 0 ||
	    (rc = related_by(sq, id, rs->sort_time, ST_REL_ENT_IDS,
	    ST_REL_ENT_OLDER, ST_REL_ENT_NEWER, c, e)) != 0 ||
	    (rc = related_fts(sq, id, title, lo, hi, c, e)) != 0)
		return rc;
	cands_rank(c);
	return 0;
}

static int
sq_article_related(struct store *s, int64_t id, size_t limit,
    int (*fn)(void *ctx, const struct store_article *a), void *ctx,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	struct related_state rs = { 0 };
	struct cands c = { 0 };
	char *title = NULL, *list = NULL;
	int64_t now = clock_now(), kept_updated = 0, kept_version = 0;
	int64_t computed = 0, kept_newest = 0;
	bool oom = false, fresh, missing = false;
	sqlite3_stmt *st;
	size_t i, shown;
	int rc;

	if ((rc = stmt_get(sq, ST_REL_STATE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		title = col_dup(st, 0, &oom);
		rs.sort_time = sqlite3_column_int64(st, 1);
		rs.updated = sqlite3_column_int64(st, 2);
		rs.version = sqlite3_column_int64(st, 3);
		rs.newest = sqlite3_column_int64(st, 4);
		kept_updated = sqlite3_column_int64(st, 5);
		kept_version = sqlite3_column_int64(st, 6);
		computed = sqlite3_column_int64(st, 7);
		kept_newest = sqlite3_column_int64(st, 8);
		list = col_dup(st, 9, &oom);
	}
	stmt_done(sq, ST_REL_STATE, st);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no article %lld",
		    (long long)id);
	if (rc != SQLITE_ROW)
		return db_fail(sq, e, rc, "cannot read the article");
	rc = 0;
	if (oom) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto out;
	}
	/* Kept and still good: the article has not changed, and no newer
	 * article could join the list since (or it was looked at lately). */
	fresh = list != NULL && limit <= SQLITE_RELATED_KEEP &&
	    kept_updated == rs.updated && kept_version == rs.version &&
	    (kept_newest >= id + SQLITE_RELATED_WINDOW ||
	    rs.newest <= kept_newest ||
	    now - computed < SQLITE_RELATED_REFRESH_S);
	if (fresh && related_parse(list, &c) != 0) {
		c.n = 0;
		fresh = false;
	}
	if (!fresh) {
		c.n = 0;
		if ((rc = related_compute(sq, id, title ? title : "", &rs, &c,
		    e)) != 0)
			goto out;
		related_save(sq, id, &rs, now, &c);
	}
	for (i = 0, shown = 0; i < c.n && shown < limit && rc == 0; i++) {
		struct store_article a;

		if ((rc = stmt_get(sq, ST_ART_LIGHT_GET, &st, e)) != 0)
			break;
		sqlite3_bind_int64(st, 1, c.v[i].id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			rc = read_article(sq, st, &a, false, e);
			stmt_done(sq, ST_ART_LIGHT_GET, st);
			if (rc != 0)
				break;
			a.rank = -c.v[i].score;
			rc = fn(ctx, &a);
			store_article_release(&a);
			shown++;
		} else {
			stmt_done(sq, ST_ART_LIGHT_GET, st);
			/* Gone since the list was kept: the next view
			 * computes it again. */
			missing = true;
			rc = rc == SQLITE_DONE ? 0 :
			    db_fail(sq, e, rc, "cannot read an article");
		}
	}
	if (missing && fresh)
		related_drop(sq, id);
out:
	free(c.v);
	free(title);
	free(list);
	return rc;
}

/* ---- full text ---- */

static int
sq_article_set_body(struct store *s, int64_t id, const char *html,
    const char *text, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_SET_BODY, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, html);
	bind_text(st, 3, text);
	rc = stmt_exec(sq, st, e, "cannot set the body");
	stmt_done(sq, ST_SET_BODY, st);
	if (rc != 0)
		return rc;
	if (sqlite3_changes(sq->db) == 0)
		return err_set(e, ERR_NOTFOUND, "no article %lld",
		    (long long)id);
	if ((rc = stmt_get(sq, ST_ANALYSIS_STATE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, STORE_FULL_TEXT_DONE);
	sqlite3_bind_null(st, 3);
	rc = stmt_exec(sq, st, e, "cannot set the full-text state");
	stmt_done(sq, ST_ANALYSIS_STATE, st);
	return rc;
}

/* The article's sort_time; ERR_NOTFOUND when there is no such article. */
static int
article_sort_time(struct sqlite_store *sq, int64_t id, int64_t *out,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_ART_SORT_TIME, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	stmt_done(sq, ST_ART_SORT_TIME, st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no article %lld",
		    (long long)id);
	return db_fail(sq, e, rc, "cannot read the article");
}

static int
sq_article_set_failed(struct store *s, int64_t id, const char *error,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int64_t t;
	int rc;

	if ((rc = article_sort_time(sq, id, &t, e)) != 0)
		return rc;
	if ((rc = stmt_get(sq, ST_ANALYSIS_STATE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, STORE_FULL_TEXT_FAILED);
	bind_text(st, 3, error);
	rc = stmt_exec(sq, st, e, "cannot set the full-text state");
	stmt_done(sq, ST_ANALYSIS_STATE, st);
	return rc;
}

/* ---- tags ---- */

static int
sq_tag_get(struct store *s, const char *key, char **display,
    int64_t *count, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if ((rc = stmt_get(sq, ST_TAG_GET, &st, e)) != 0)
		return rc;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*display = col_dup(st, 0, &oom);
		*count = sqlite3_column_int64(st, 1);
		rc = oom ? err_set(e, ERR_NOMEM, "out of memory") : 0;
	} else if (rc == SQLITE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no tag %s", key);
	} else {
		rc = db_fail(sq, e, rc, "cannot read the tag");
	}
	stmt_done(sq, ST_TAG_GET, st);
	return rc;
}

/* One article's link to the tag being split. */
struct split_link {
	int64_t article, sort_time;
	int origin;
	char *spelling;
};

static int
sq_tag_split(struct store *s, const char *key, const struct store_tag *pieces,
    size_t n, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	struct split_link *v = NULL;
	size_t nv = 0, cap = 0;
	sqlite3_stmt *st;
	int64_t tid = 0;
	bool oom = false;
	int rc, step;

	if ((rc = stmt_get(sq, ST_TAG_FIND, &st, e)) != 0)
		return rc;
	bind_text(st, 1, key);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		tid = sqlite3_column_int64(st, 0);
	stmt_done(sq, ST_TAG_FIND, st);
	if (step != SQLITE_ROW)
		return step == SQLITE_DONE ? 0 :
		    db_fail(sq, e, step, "cannot look up a tag");
	/* The links first: adding the pieces must not disturb the read. */
	if ((rc = stmt_get(sq, ST_TAG_LINKS, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, tid);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		if (nv == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct split_link *w = realloc(v, nc * sizeof(*w));

			if (w == NULL) {
				oom = true;
				break;
			}
			v = w;
			cap = nc;
		}
		v[nv].article = sqlite3_column_int64(st, 0);
		v[nv].spelling = col_dup(st, 1, &oom);
		v[nv].origin = sqlite3_column_int(st, 2);
		v[nv].sort_time = sqlite3_column_int64(st, 3);
		nv++;
	}
	stmt_done(sq, ST_TAG_LINKS, st);
	if (oom)
		rc = err_set(e, ERR_NOMEM, "out of memory");
	else if (step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(sq, e, step, "cannot read the tag's articles");
	for (size_t i = 0; i < nv && rc == 0; i++) {
		if ((rc = add_tags(sq, v[i].article, v[i].sort_time, pieces, n,
		    v[i].origin, e)) != 0)
			break;
		if ((rc = stmt_get(sq, ST_ART_TAG_DEL, &st, e)) != 0)
			break;
		sqlite3_bind_int64(st, 1, v[i].article);
		sqlite3_bind_int64(st, 2, tid);
		rc = stmt_exec(sq, st, e, "cannot untag the article");
		stmt_done(sq, ST_ART_TAG_DEL, st);
		if (rc == 0)
			rc = counts_bump(sq, tid, v[i].spelling, -1, e);
	}
	for (size_t i = 0; i < nv; i++)
		free(v[i].spelling);
	free(v);
	return rc;
}

static int
sq_tag_list(struct store *s, size_t limit,
    int (*fn)(void *ctx, const char *key, const char *display,
    int64_t count), void *ctx, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	enum stmt_id id = limit == 0 ? ST_TAG_ALL : ST_TAG_TOP;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	if (limit != 0)
		sqlite3_bind_int64(st, 1, (int64_t)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *d = (const char *)sqlite3_column_text(st, 1);

		if (k == NULL || d == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if ((stop = fn(ctx, k, d, sqlite3_column_int64(st, 2))) != 0)
			break;
	}
	if (stop != 0)
		rc = stop;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = db_fail(sq, e, rc, "cannot list tags");
	stmt_done(sq, id, st);
	return rc;
}

/* ---- paragraphs ---- */

/* A stored fingerprint list: decimal integers separated by spaces (see
 * schema step 6). */
static int
fp_list_format(const uint64_t *fps, size_t n, struct buf *out)
{
	char num[24];

	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		/* The signed decimal form, written from the end (snprintf
		 * cost ~1,200 instructions a number). */
		int64_t v = (int64_t)fps[i];
		uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
		char *p = num + sizeof(num);

		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (v < 0)
			*--p = '-';
		if (i > 0)
			*--p = ' ';
		if (buf_append(out, p, (size_t)(num + sizeof(num) - p)) != 0)
			return ERR_NOMEM;
	}
	return buf_cstr(out) != NULL ? 0 : ERR_NOMEM;
}

static int
cmp_fp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Parse a stored list into *out (malloc'd, sorted, unique; *n entries).
 * Anything that is not a number ends the list: it was written by
 * fp_list_format, so that only happens to a damaged row. */
static int
fp_list_parse(const char *s, uint64_t **out, size_t *n)
{
	size_t cap = 1, k = 0;
	uint64_t *v;

	*out = NULL;
	*n = 0;
	if (s == NULL || *s == 0)
		return 0;
	for (const char *p = s; *p; p++)
		cap += *p == ' ';
	if ((v = malloc(cap * sizeof(*v))) == NULL)
		return ERR_NOMEM;
	while (*s && k < cap) {
		char *end;
		long long x;

		errno = 0;
		x = strtoll(s, &end, 10);
		if (end == s || errno != 0)
			break;
		v[k++] = (uint64_t)(int64_t)x;
		s = end;
		while (*s == ' ')
			s++;
	}
	qsort(v, k, sizeof(*v), cmp_fp);
	*n = 0;
	for (size_t i = 0; i < k; i++)
		if (*n == 0 || v[*n - 1] != v[i])
			v[(*n)++] = v[i];
	*out = v;
	return 0;
}

/* One fingerprint statement (source, fingerprint[, threshold]); *value
 * gets the first column of its row if it returns one, else the number of
 * rows it changed. */
static int
para_step(struct sqlite_store *sq, enum stmt_id id, int64_t source_id,
    uint64_t fp, int threshold, int64_t *value, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_int64(st, 2, (int64_t)fp);
	if (id == ST_PARA_NEW || id == ST_PARA_INC)
		sqlite3_bind_int(st, 3, threshold);
	rc = sqlite3_step(st);
	if (value != NULL)
		*value = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) :
		    sqlite3_changes(sq->db);
	stmt_done(sq, id, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(sq, e, rc, "cannot count a paragraph");
	return 0;
}

/* Read the article's stored list into *old; write fps in its place. */
static int
swap_fp_list(struct sqlite_store *sq, int64_t article_id,
    const uint64_t *fps, size_t n, uint64_t **old, size_t *n_old,
    struct err *e)
{
	struct buf list = BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	/* A just-inserted article has no list to read. */
	if (sq->fresh_paras && sq->last_id == article_id) {
		sq->fresh_paras = false;
	} else {
		if ((rc = stmt_get(sq, ST_PARA_LIST, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, article_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			rc = fp_list_parse((const char *)
			    sqlite3_column_text(st, 0), old, n_old) == 0 ?
			    SQLITE_DONE : SQLITE_NOMEM;
		stmt_done(sq, ST_PARA_LIST, st);
		if (rc != SQLITE_DONE)
			return db_fail(sq, e, rc, "cannot read paragraphs");
	}
	/* Analysing the same text again leaves the list as it was. */
	if (*n_old == n && (n == 0 || memcmp(*old, fps, n * sizeof(*fps))
	    == 0))
		return 0;
	if (n == 0)
		return run_id(sq, ST_PARA_LIST_DROP, article_id, e,
		    "cannot clear paragraphs");
	if (fp_list_format(fps, n, &list) != 0)
		return err_set(e, ERR_NOMEM, "out of memory");
	if ((rc = stmt_get(sq, ST_PARA_LIST_SET, &st, e)) == 0) {
		sqlite3_bind_int64(st, 1, article_id);
		bind_text(st, 2, buf_cstr(&list));
		rc = sqlite3_step(st);
		stmt_done(sq, ST_PARA_LIST_SET, st);
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = err_set(e, ERR_NOTFOUND, "no article %lld",
			    (long long)article_id);
		else if (rc != SQLITE_DONE)
			rc = db_fail(sq, e, rc, "cannot save paragraphs");
		else
			rc = 0;
	}
	buf_release(&list);
	return rc;
}

/* fps: sorted and unique (store.c). The stored list of the article and
 * fps are walked side by side: a fingerprint only in the old list loses
 * an article, one only in fps gains one, one in both is only looked up. */
static int
sq_paragraphs_set(struct store *s, int64_t source_id, int64_t article_id,
    const uint64_t *fps, size_t n, int threshold, bool *is_boiler,
    uint64_t *crossed, size_t *n_crossed, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	uint64_t *old = NULL;
	size_t n_old = 0, i = 0, j = 0;
	int rc;

	*n_crossed = 0;
	if ((rc = swap_fp_list(sq, article_id, fps, n, &old, &n_old, e))
	    != 0)
		goto out;
	while (rc == 0 && (i < n || j < n_old)) {
		int64_t boiler = 0;

		if (i == n || (j < n_old && old[j] < fps[i])) {
			rc = para_step(sq, ST_PARA_DEC, source_id, old[j], 0,
			    NULL, e);
			if (rc == 0)
				rc = para_step(sq, ST_PARA_GC, source_id,
				    old[j], 0, NULL, e);
			j++;
			continue;
		}
		if (j < n_old && old[j] == fps[i]) {
			rc = para_step(sq, ST_PARA_IS, source_id, fps[i], 0,
			    &boiler, e);
			j++;
		} else {
			int64_t added = 0;

			rc = para_step(sq, ST_PARA_NEW, source_id, fps[i],
			    threshold, &added, e);
			if (rc == 0 && added == 0)
				rc = para_step(sq, ST_PARA_INC, source_id,
				    fps[i], threshold, NULL, e);
			if (rc == 0 && added == 0)
				rc = para_step(sq, ST_PARA_IS, source_id,
				    fps[i], 0, &boiler, e);
			else if (threshold <= 1)
				boiler = 2;
			if (boiler == 2)
				crossed[(*n_crossed)++] = fps[i];
		}
		is_boiler[i++] = boiler > 0;
	}
out:
	free(old);
	return rc;
}

static int
cmp_i64_asc(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

/* Reads the lists of the source's articles, newest first, until every
 * fingerprint has been found as many times as paragraph_counts says it
 * is held: a fingerprint that just crossed was mostly just repeated, so
 * its holders are recent, and a big source is not read whole. Only a
 * count out of step with the lists (which tidings check reports) reads
 * them all. All of a round's crossings share one pass. */
static int
sq_paragraph_articles(struct store *s, int64_t source_id,
    const uint64_t *fps, size_t n_fps,
    int (*fn)(void *ctx, int64_t article_id), void *ctx, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	struct {
		uint64_t fp;
		int64_t left;  /* holders still to find */
	} *want = NULL;
	int64_t *ids = NULL;
	size_t n_ids = 0, cap_ids = 0, n_open = 0;
	sqlite3_stmt *st;
	int rc = 0, stop = 0;

	if (n_fps == 0)
		return 0;
	if ((want = calloc(n_fps, sizeof(*want))) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n_fps && rc == 0; i++) {
		want[i].fp = fps[i];
		rc = para_step(sq, ST_PARA_HOLDERS, source_id, fps[i], 0,
		    &want[i].left, e);
		n_open += want[i].left > 0;
	}
	if (rc != 0 || (rc = stmt_get(sq, ST_PARA_ARTICLES, &st, e)) != 0) {
		free(want);
		return rc;
	}
	sqlite3_bind_int64(st, 1, source_id);
	while (n_open > 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t *have = NULL;
		size_t n_have = 0;
		bool hit = false;

		if (fp_list_parse((const char *)sqlite3_column_text(st, 1),
		    &have, &n_have) != 0) {
			stop = err_set(e, ERR_NOMEM, "out of memory");
			break;
		}
		for (size_t i = 0; i < n_fps; i++) {
			if (want[i].left <= 0 || bsearch(&want[i].fp, have,
			    n_have, sizeof(*have), cmp_fp) == NULL)
				continue;
			hit = true;
			if (--want[i].left == 0)
				n_open--;
		}
		free(have);
		if (!hit)
			continue;
		if (n_ids == cap_ids) {
			size_t cap = cap_ids ? cap_ids * 2 : 16;
			int64_t *p = realloc(ids, cap * sizeof(*p));

			if (p == NULL) {
				stop = err_set(e, ERR_NOMEM, "out of memory");
				break;
			}
			ids = p;
			cap_ids = cap;
		}
		ids[n_ids++] = sqlite3_column_int64(st, 0);
	}
	if (stop == 0 && n_open > 0 && rc != SQLITE_DONE)
		stop = db_fail(sq, e, rc, "cannot list paragraph articles");
	stmt_done(sq, ST_PARA_ARTICLES, st);
	if (n_ids > 0)
		qsort(ids, n_ids, sizeof(*ids), cmp_i64_asc);
	for (size_t i = 0; i < n_ids && stop == 0; i++)
		stop = fn(ctx, ids[i]);
	free(ids);
	free(want);
	return stop;
}

/* ---- analysis and entities ---- */

/* The entity's id, added when new. A name first stored as "misc" (an
 * article that gave no clue to its kind) takes the first kind a later
 * article finds for it: the analyzer counts a stored kind as known, so
 * an early "misc" would otherwise hide a person from every panel. */
static int
entity_id(struct sqlite_store *sq, const struct store_entity_in *en,
    int64_t *out, struct err *e)
{
	/* As in add_tags: no cache outside a transaction of ours. */
	struct tag_slot *slot = sqlite3_get_autocommit(sq->db) ? NULL :
	    cache_slot(sq->ents, en->key);
	sqlite3_stmt *st;
	bool was_misc = false;
	int rc;

	if (cache_get(slot, en->key, out))
		return 0;
	if ((rc = stmt_get(sq, ST_ENT_FIND, &st, e)) != 0)
		return rc;
	bind_text(st, 1, en->key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		was_misc = sqlite3_column_int(st, 1) != 0;
	}
	stmt_done(sq, ST_ENT_FIND, st);
	if (rc == SQLITE_ROW) {
		/* Cached once its kind is known: a cached entity never
		 * needs the retyping below. */
		if (!was_misc) {
			cache_put(slot, en->key, *out);
			return 0;
		}
		if (en->type == NULL || !strcmp(en->type, "misc"))
			return 0;
		if ((rc = stmt_get(sq, ST_ENT_RETYPE, &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, *out);
		bind_text(st, 2, en->type);
		rc = stmt_exec(sq, st, e, "cannot retype an entity");
		stmt_done(sq, ST_ENT_RETYPE, st);
		if (rc == 0)
			cache_put(slot, en->key, *out);
		return rc;
	}
	if (rc != SQLITE_DONE)
		return db_fail(sq, e, rc, "cannot look up an entity");
	if ((rc = stmt_get(sq, ST_ENT_INSERT, &st, e)) != 0)
		return rc;
	bind_text(st, 1, en->key);
	bind_text(st, 2, en->name);
	bind_text(st, 3, en->type);
	rc = stmt_exec(sq, st, e, "cannot add an entity");
	stmt_done(sq, ST_ENT_INSERT, st);
	if (rc == 0) {
		*out = sqlite3_last_insert_rowid(sq->db);
		if (en->type != NULL && strcmp(en->type, "misc") != 0)
			cache_put(slot, en->key, *out);
	}
	return rc;
}

static int
sq_save_analysis(struct store *s, int64_t id, const struct store_analysis *a,
    const char *key_points, struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	struct store_tag *tags = NULL;
	sqlite3_stmt *st;
	int64_t t, *eids = NULL;
	/* Right after its insert an article has no links to remove. */
	bool fresh = sq->fresh && sq->last_id == id;
	size_t i;
	int rc;

	if (sq->last_id == id && id != 0)
		t = sq->last_sort_time;
	else if ((rc = article_sort_time(sq, id, &t, e)) != 0)
		return rc;
	sq->fresh = sq->fresh_paras = false;
	if ((rc = stmt_get(sq, ST_ANALYSIS_SAVE, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, a->version);
	bind_text(st, 3, a->lang);
	bind_text(st, 4, a->ai_summary);
	bind_text(st, 5, key_points);
	bind_text(st, 6, a->body_main);
	bind_text(st, 7, a->body_background);
	rc = stmt_exec(sq, st, e, "cannot save the analysis");
	stmt_done(sq, ST_ANALYSIS_SAVE, st);
	if (rc != 0)
		return rc;
	if (!fresh && (rc = unlink_links(sq, ST_ART_ENT_LINKS,
	    ST_ART_ENT_CLEAR, id, e, "cannot clear entities")) != 0)
		return rc;
	if (a->n_entities > 0 &&
	    (eids = calloc(a->n_entities, sizeof(*eids))) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (i = 0; i < a->n_entities; i++) {
		int64_t eid = 0;
		bool linked = false;

		if ((rc = entity_id(sq, &a->entities[i], &eid, e)) != 0)
			break;
		if ((rc = stmt_get(sq, ST_ART_ENT_ADD, &st, e)) != 0)
			break;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, eid);
		sqlite3_bind_int(st, 3, a->entities[i].count);
		sqlite3_bind_int64(st, 4, t);
		rc = stmt_exec(sq, st, e, "cannot link an entity");
		stmt_done(sq, ST_ART_ENT_ADD, st);
		if (rc != 0)
			break;
		/* The article's links were cleared above: an entity met for
		 * the first time in this list was inserted, a repeat (two
		 * names with one key) only added to the count. */
		for (size_t k = 0; k < i && !linked; k++)
			linked = eids[k] == eid;
		eids[i] = eid;
		if (!linked && (rc = counts_bump(sq, eid, NULL, 1, e)) != 0)
			break;
	}
	free(eids);
	if (rc != 0)
		return rc;
	if (!fresh && (rc = unlink_links(sq, ST_ART_TAG_LINKS_KP,
	    ST_ART_TAG_CLEAR_KP, id, e, "cannot clear keyphrase tags")) != 0)
		return rc;
	if (a->n_tags == 0)
		return 0;
	/* struct store_tag wants owned strings, but add_tags only reads. */
	if ((tags = calloc(a->n_tags, sizeof(*tags))) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (i = 0; i < a->n_tags; i++) {
		tags[i].key = (char *)a->tags[i].key;
		tags[i].display = (char *)a->tags[i].spelling;
	}
	rc = add_tags(sq, id, t, tags, a->n_tags, 1, e);
	free(tags);
	return rc;
}

static int
read_entity(sqlite3_stmt *st, struct store_entity *en)
{
	bool oom = false;

	memset(en, 0, sizeof(*en));
	en->id = sqlite3_column_int64(st, 0);
	en->key = col_dup(st, 1, &oom);
	en->name = col_dup(st, 2, &oom);
	en->type = col_dup(st, 3, &oom);
	en->count = sqlite3_column_int64(st, 4);
	if (oom) {
		store_entity_release(en);
		return ERR_NOMEM;
	}
	return 0;
}

static int
walk_entities(struct sqlite_store *sq, enum stmt_id id, int64_t key,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e)
{
	struct store_entity en;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = stmt_get(sq, id, &st, e)) != 0)
		return rc;
	if (key != 0)
		sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_entity(st, &en) != 0) {
			stop = err_set(e, ERR_NOMEM, "out of memory");
			break;
		}
		stop = fn(ctx, &en);
		store_entity_release(&en);
		if (stop != 0)
			break;
	}
	rc = stop != 0 ? stop : rc == SQLITE_DONE ? 0 :
	    db_fail(sq, e, rc, "cannot list entities");
	stmt_done(sq, id, st);
	return rc;
}

static int
sq_article_entities(struct store *s, int64_t id,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e)
{
	return walk_entities(to_sq(s), ST_ART_ENTS, id, fn, ctx, e);
}

static int
sq_entity_each(struct store *s,
    int (*fn)(void *ctx, const struct store_entity *en), void *ctx,
    struct err *e)
{
	return walk_entities(to_sq(s), ST_ENT_ALL, 0, fn, ctx, e);
}

static int
sq_entity_get(struct store *s, int64_t id, struct store_entity *out,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_ENT_GET, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = read_entity(st, out) != 0 ?
		    err_set(e, ERR_NOMEM, "out of memory") : 0;
	else if (rc == SQLITE_DONE)
		rc = err_set(e, ERR_NOTFOUND, "no entity %lld",
		    (long long)id);
	else
		rc = db_fail(sq, e, rc, "cannot read the entity");
	stmt_done(sq, ST_ENT_GET, st);
	return rc;
}

static int
sq_entity_find(struct store *s, const char *key, int64_t *id,
    struct err *e)
{
	struct sqlite_store *sq = to_sq(s);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt_get(sq, ST_ENT_FIND, &st, e)) != 0)
		return rc;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no entity %s", key);
	} else {
		rc = db_fail(sq, e, rc, "cannot look up the entity");
	}
	stmt_done(sq, ST_ENT_FIND, st);
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

/* Fails with the first row sql returns: each row names a problem. */
static int
check_none(struct sqlite_store *sq, const char *sql, struct err *e,
    const char *what)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(sq->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		rc = err_set(e, ERR_DB, "%s: %s", what, t ? t : "?");
	} else {
		rc = rc == SQLITE_DONE ? 0 : db_fail(sq, e, rc, what);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The counts kept beside the links (tags, their spellings, entities)
 * must equal the links: the tag and entity pages trust them. */
static const char *const count_checks[] = {
	"SELECT 'tag ' || t.key || ' counts ' || t.article_count"
	" FROM tags t WHERE t.article_count <>"
	" (SELECT count(*) FROM article_tags j WHERE j.tag_id = t.id)"
	" LIMIT 1",
	"SELECT 'spelling ' || s.spelling || ' counts ' || s.n"
	" FROM tag_spellings s WHERE s.n <> (SELECT count(*)"
	" FROM article_tags j WHERE j.tag_id = s.tag_id"
	" AND j.spelling = s.spelling) LIMIT 1",
	/* The display form is the most common spelling, of equally
	 * common ones the first in byte order. */
	"SELECT 'tag ' || t.key || ' shows ' || t.display FROM tags t"
	" WHERE t.article_count > 0 AND t.display IS NOT (SELECT s.spelling"
	" FROM tag_spellings s WHERE s.tag_id = t.id"
	" ORDER BY s.n DESC, s.spelling LIMIT 1) LIMIT 1",
	"SELECT 'entity ' || x.key || ' counts ' || x.article_count"
	" FROM entities x WHERE x.article_count <> (SELECT count(*)"
	" FROM article_entities j WHERE j.entity_id = x.id) LIMIT 1",
	/* Paragraph counts against the articles' lists, split here. Rows
	 * with no article left may stay, as sticky boilerplate. */
	"WITH RECURSIVE split (source_id, rest, fp) AS ("
	" SELECT a.source_id, p.fingerprints || ' ', NULL"
	" FROM article_paragraphs p JOIN articles a ON a.id = p.article_id"
	" UNION ALL SELECT source_id, substr(rest, instr(rest, ' ') + 1),"
	" CAST(substr(rest, 1, instr(rest, ' ') - 1) AS INTEGER)"
	" FROM split WHERE rest <> ''),"
	" listed (source_id, fingerprint, n) AS (SELECT source_id, fp,"
	" count(*) FROM split WHERE fp IS NOT NULL GROUP BY source_id, fp)"
	" SELECT 'paragraph ' || l.fingerprint || ' counts '"
	" || coalesce(c.n, 'nothing') FROM listed l LEFT JOIN"
	" paragraph_counts c USING (source_id, fingerprint)"
	" WHERE c.n IS NOT l.n UNION ALL"
	" SELECT 'paragraph ' || c.fingerprint || ' counts ' || c.n"
	" FROM paragraph_counts c WHERE c.n <> 0 AND (c.source_id,"
	" c.fingerprint) NOT IN (SELECT source_id, fingerprint FROM listed)"
	" LIMIT 1",
};

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
	for (size_t i = 0; i < ARRAY_LEN(count_checks); i++)
		if ((rc = check_none(sq, count_checks[i], e,
		    "a count disagrees with its links")) != 0)
			return rc;
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
	.group_open = sq_group_open,
	.group_begin = sq_group_begin,
	.group_end = sq_group_end,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.source_add = sq_source_add,
	.source_get = sq_source_get,
	.source_find_url = sq_source_find_url,
	.source_remove = sq_source_remove,
	.source_set_paused = sq_source_set_paused,
	.source_each = sq_source_each,
	.source_names = sq_source_names,
	.source_save_fetch = sq_source_save_fetch,
	.source_recent_times = sq_source_recent_times,
	.article_upsert = sq_article_upsert,
	.article_each = sq_article_each,
	.article_get = sq_article_get,
	.article_count = sq_article_count,
	.check = sq_check,
	.article_set_body = sq_article_set_body,
	.article_set_failed = sq_article_set_failed,
	.search_ex = sq_search_ex,
	.article_related = sq_article_related,
	.tag_get = sq_tag_get,
	.tag_list = sq_tag_list,
	.tag_split = sq_tag_split,
	.paragraphs_set = sq_paragraphs_set,
	.paragraph_articles = sq_paragraph_articles,
	.save_analysis = sq_save_analysis,
	.article_entities = sq_article_entities,
	.entity_get = sq_entity_get,
	.entity_find = sq_entity_find,
	.entity_each = sq_entity_each,
};
