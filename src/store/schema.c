/*
 * store/schema.c: the numbered migrations of the SQLite schema.
 *
 * Kept as string constants, one SQL line per C line, so the binary carries
 * its schema and needs no files at run time. Step N brings a database from
 * user_version N-1 to N. A released step is never edited; a change to the
 * schema is a new step at the end.
 *
 * Choices made in step 1:
 *  - articles keeps its small fixed columns first and the big texts last,
 *    so the upsert's look-up of content_hash never walks overflow pages.
 *  - guid_key is the identity (see store.c); UNIQUE (source_id, guid_key)
 *    is also the index that source removal cascades through.
 *  - The list indices name only sort_time: SQLite appends the rowid (id)
 *    to every index entry, so (sort_time) already orders by
 *    (sort_time, id) and serves ORDER BY sort_time DESC, id DESC and the
 *    keyset cursor with no sort step.
 *  - articles_fts is an external-content FTS5 table: the text is stored
 *    once (in articles), snippet() still works, and the upsert plus the
 *    triggers below keep it exactly in step, including rows removed by
 *    ON DELETE CASCADE (store_check verifies it). A
 *    contentless table would save nothing at ingest (we insert the same
 *    tokens) and lose snippets.
 *  - New rows reach the index from sqlite.c's upsert, right after the
 *    INSERT, not from an AFTER INSERT trigger: measured, the trigger
 *    (which materialises the whole new row, HTML included) cost about
 *    40% of the ingest rate. The upsert is the only code that inserts
 *    articles. Updates and deletes are rare and go through triggers, so
 *    a cascade from a removed source cannot miss the index.
 *  - Tokenizer: porter over unicode61 with diacritics folded, for English
 *    stemming and accent-blind matching ("cafe" finds "café"). unicode61
 *    does not split Chinese or Japanese text into words, so a CJK run is
 *    one token; CJK search will want a second FTS5 table with the trigram
 *    tokenizer (SQLite >= 3.34), added as a later step.
 *  - bm25 weights title 10 : text 1, stored as the table's rank so that
 *    ORDER BY rank takes FTS5's fast path.
 */
#include "base/common.h"

#include "store/store_int.h"

static const char schema_0001_init[] =
	"CREATE TABLE sources (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	url TEXT NOT NULL UNIQUE,\n"
	"	title TEXT,\n"
	"	site_url TEXT,\n"
	"	group_name TEXT,\n"
	"	etag TEXT,\n"
	"	last_modified TEXT,\n"
	"	last_error TEXT,\n"
	"	created INTEGER NOT NULL,\n"
	"	last_fetch INTEGER NOT NULL DEFAULT 0,\n"
	"	last_success INTEGER NOT NULL DEFAULT 0,\n"
	"	next_fetch INTEGER NOT NULL DEFAULT 0,\n"
	"	fail_count INTEGER NOT NULL DEFAULT 0,\n"
	"	last_status INTEGER NOT NULL DEFAULT 0,\n"
	"	paused INTEGER NOT NULL DEFAULT 0,\n"
	"	disabled INTEGER NOT NULL DEFAULT 0,\n"
	"	full_text INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"\n"
	"CREATE TABLE articles (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	source_id INTEGER NOT NULL\n"
	"	    REFERENCES sources(id) ON DELETE CASCADE,\n"
	"	content_hash INTEGER NOT NULL,\n"
	"	published INTEGER NOT NULL DEFAULT 0,\n"
	"	modified INTEGER NOT NULL DEFAULT 0,\n"
	"	received INTEGER NOT NULL,\n"
	"	updated INTEGER NOT NULL,\n"
	"	sort_time INTEGER NOT NULL,\n"
	"	guid_key TEXT NOT NULL,\n"
	"	guid TEXT,\n"
	"	url TEXT,\n"
	"	canonical_url TEXT,\n"
	"	language TEXT,\n"
	"	image TEXT,\n"
	"	author TEXT,\n"
	"	title TEXT,\n"
	"	summary TEXT,\n"
	"	content_text TEXT,\n"
	"	content_html TEXT,\n"
	"	UNIQUE (source_id, guid_key)\n"
	");\n"
	"CREATE INDEX articles_by_time ON articles (sort_time);\n"
	"CREATE INDEX articles_by_source_time\n"
	"	ON articles (source_id, sort_time);\n"
	"\n"
	"CREATE TABLE tags (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	key TEXT NOT NULL UNIQUE,\n"
	"	display TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE article_tags (\n"
	"	article_id INTEGER NOT NULL\n"
	"	    REFERENCES articles(id) ON DELETE CASCADE,\n"
	"	tag_id INTEGER NOT NULL REFERENCES tags(id),\n"
	"	PRIMARY KEY (article_id, tag_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX article_tags_by_tag\n"
	"	ON article_tags (tag_id, article_id);\n"
	"\n"
	"CREATE VIRTUAL TABLE articles_fts USING fts5 (\n"
	"	title, content_text,\n"
	"	content = 'articles', content_rowid = 'id',\n"
	"	tokenize = 'porter unicode61 remove_diacritics 2'\n"
	");\n"
	"INSERT INTO articles_fts (articles_fts, rank)\n"
	"	VALUES ('rank', 'bm25(10.0, 1.0)');\n"
	"\n"
	"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN\n"
	"	INSERT INTO articles_fts\n"
	"		(articles_fts, rowid, title, content_text)\n"
	"	VALUES ('delete', old.id, old.title, old.content_text);\n"
	"END;\n"
	/* Only a change of the indexed text touches the index. */
	"CREATE TRIGGER articles_fts_update\n"
	"AFTER UPDATE OF title, content_text\n"
	"ON articles\n"
	"WHEN old.title IS NOT new.title\n"
	"	OR old.content_text IS NOT new.content_text\n"
	"BEGIN\n"
	"	INSERT INTO articles_fts\n"
	"		(articles_fts, rowid, title, content_text)\n"
	"	VALUES ('delete', old.id, old.title, old.content_text);\n"
	"	INSERT INTO articles_fts (rowid, title, content_text)\n"
	"	VALUES (new.id, new.title, new.content_text);\n"
	"END;\n";

const struct store_migration store_sqlite_migrations[] = {
	{ 1, "init", schema_0001_init },
};

const size_t store_sqlite_n_migrations = ARRAY_LEN(store_sqlite_migrations);
