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
 *    stemming and accent-blind matching ("cafe" finds "café"); since step
 *    10 our own tokenizer stems each text in its language instead (and
 *    the sqlite3 shell cannot MATCH the table any more). unicode61
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

/*
 * Step 2: tags with spellings and counts, list filters by tag and entity,
 * full-text state, analysis results, paragraph fingerprints, entities.
 *  - article_tags gets the spelling the article used, its origin (0 the
 *    feed, 1 a keyphrase of the analysis) and a copy of the article's
 *    sort_time. The (tag_id, sort_time) index then serves a tag page's
 *    keyset query as an index walk with no sort: entries are (tag_id,
 *    sort_time, article_id) because the table is WITHOUT ROWID and its
 *    key is appended. It replaces step 1's (tag_id, article_id) index,
 *    which a tag's deletion can use just as well. article_entities does
 *    the same for entity pages. A trigger keeps the copies in step when
 *    an article's sort_time changes (rare: only an edited date).
 *  - tags.article_count and tag_spellings(tag_id, spelling, n) are kept
 *    by triggers on article_tags. The display form is the most common
 *    spelling: an insertion can only promote its own spelling (two
 *    look-ups by key); a removal of the displayed spelling re-picks among
 *    that tag's spellings. Never a walk over the tag's articles. Ties
 *    keep the current display form.
 *  - Analysis results and the full-text state live in article_analysis,
 *    one row per analysed article, small columns first, so the upsert's
 *    row and the list queries stay as they were. A changed feed item
 *    resets analysis_version and full_text_state there (sqlite.c).
 *  - paragraphs is keyed (source_id, fingerprint, article_id) so that
 *    counting a fingerprint's articles is a range of the key; boilerplate
 *    records the fingerprints that reached the threshold. (Both replaced
 *    by step 6.)
 *  - Tags and entities left with no article stay until a source is
 *    removed, which deletes them (the count indices make that cheap).
 */
static const char schema_0002_analysis[] =
	"DROP INDEX article_tags_by_tag;\n"
	"ALTER TABLE article_tags ADD COLUMN spelling TEXT NOT NULL"
	" DEFAULT '';\n"
	"ALTER TABLE article_tags ADD COLUMN origin INTEGER NOT NULL"
	" DEFAULT 0;\n"
	"ALTER TABLE article_tags ADD COLUMN sort_time INTEGER NOT NULL"
	" DEFAULT 0;\n"
	"ALTER TABLE tags ADD COLUMN article_count INTEGER NOT NULL"
	" DEFAULT 0;\n"
	"UPDATE article_tags SET\n"
	"	sort_time = (SELECT a.sort_time FROM articles a\n"
	"	    WHERE a.id = article_tags.article_id),\n"
	"	spelling = (SELECT t.display FROM tags t\n"
	"	    WHERE t.id = article_tags.tag_id);\n"
	"CREATE INDEX article_tags_by_tag_time\n"
	"	ON article_tags (tag_id, sort_time);\n"
	"CREATE TABLE tag_spellings (\n"
	"	tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,\n"
	"	spelling TEXT NOT NULL,\n"
	"	n INTEGER NOT NULL,\n"
	"	PRIMARY KEY (tag_id, spelling)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO tag_spellings (tag_id, spelling, n)\n"
	"	SELECT tag_id, spelling, count(*) FROM article_tags\n"
	"	GROUP BY tag_id, spelling;\n"
	"UPDATE tags SET article_count = (SELECT count(*) FROM article_tags j\n"
	"	WHERE j.tag_id = tags.id);\n"
	"CREATE INDEX tags_by_count ON tags (article_count);\n"
	"\n"
	"CREATE TRIGGER article_tags_add AFTER INSERT ON article_tags BEGIN\n"
	"	INSERT INTO tag_spellings (tag_id, spelling, n)\n"
	"	VALUES (new.tag_id, new.spelling, 1)\n"
	"	ON CONFLICT (tag_id, spelling) DO UPDATE SET n = n + 1;\n"
	"	UPDATE tags SET article_count = article_count + 1,\n"
	"	    display = CASE WHEN display = new.spelling THEN display\n"
	"	    WHEN (SELECT n FROM tag_spellings WHERE tag_id = new.tag_id\n"
	"	        AND spelling = new.spelling) >\n"
	"	        coalesce((SELECT n FROM tag_spellings\n"
	"	        WHERE tag_id = new.tag_id AND spelling = tags.display), 0)\n"
	"	    THEN new.spelling ELSE display END\n"
	"	WHERE id = new.tag_id;\n"
	"END;\n"
	"CREATE TRIGGER article_tags_remove AFTER DELETE ON article_tags BEGIN\n"
	"	UPDATE tag_spellings SET n = n - 1\n"
	"	WHERE tag_id = old.tag_id AND spelling = old.spelling;\n"
	"	DELETE FROM tag_spellings\n"
	"	WHERE tag_id = old.tag_id AND spelling = old.spelling AND n <= 0;\n"
	"	UPDATE tags SET article_count = article_count - 1,\n"
	"	    display = CASE WHEN display IS NOT old.spelling THEN display\n"
	"	    ELSE coalesce((SELECT spelling FROM tag_spellings\n"
	"	        WHERE tag_id = old.tag_id\n"
	"	        ORDER BY n DESC, spelling = old.spelling DESC, spelling\n"
	"	        LIMIT 1), display) END\n"
	"	WHERE id = old.tag_id;\n"
	"END;\n"
	"\n"
	"CREATE TABLE entities (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	key TEXT NOT NULL UNIQUE,\n"
	"	name TEXT NOT NULL,\n"
	"	type TEXT NOT NULL,\n"
	"	article_count INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX entities_by_count ON entities (article_count);\n"
	"CREATE TABLE article_entities (\n"
	"	article_id INTEGER NOT NULL\n"
	"	    REFERENCES articles(id) ON DELETE CASCADE,\n"
	"	entity_id INTEGER NOT NULL REFERENCES entities(id),\n"
	"	count INTEGER NOT NULL,\n"
	"	sort_time INTEGER NOT NULL,\n"
	"	PRIMARY KEY (article_id, entity_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX article_entities_by_entity\n"
	"	ON article_entities (entity_id, sort_time);\n"
	"CREATE TRIGGER article_entities_add AFTER INSERT ON article_entities\n"
	"BEGIN\n"
	"	UPDATE entities SET article_count = article_count + 1\n"
	"	WHERE id = new.entity_id;\n"
	"END;\n"
	"CREATE TRIGGER article_entities_remove AFTER DELETE ON article_entities\n"
	"BEGIN\n"
	"	UPDATE entities SET article_count = article_count - 1\n"
	"	WHERE id = old.entity_id;\n"
	"END;\n"
	"\n"
	"CREATE TRIGGER articles_sort_time AFTER UPDATE OF sort_time ON articles\n"
	"WHEN old.sort_time <> new.sort_time\n"
	"BEGIN\n"
	"	UPDATE article_tags SET sort_time = new.sort_time\n"
	"	WHERE article_id = new.id;\n"
	"	UPDATE article_entities SET sort_time = new.sort_time\n"
	"	WHERE article_id = new.id;\n"
	"END;\n"
	"\n"
	"CREATE TABLE article_analysis (\n"
	"	article_id INTEGER PRIMARY KEY\n"
	"	    REFERENCES articles(id) ON DELETE CASCADE,\n"
	"	analysis_version INTEGER NOT NULL DEFAULT 0,\n"
	"	full_text_state INTEGER NOT NULL DEFAULT 0,\n"
	"	lang TEXT,\n"
	"	full_text_error TEXT,\n"
	"	ai_summary TEXT,\n"
	"	key_points TEXT,\n"
	"	body_main TEXT,\n"
	"	body_background TEXT\n"
	");\n"
	"\n"
	"CREATE TABLE paragraphs (\n"
	"	source_id INTEGER NOT NULL,\n"
	"	fingerprint INTEGER NOT NULL,\n"
	"	article_id INTEGER NOT NULL\n"
	"	    REFERENCES articles(id) ON DELETE CASCADE,\n"
	"	PRIMARY KEY (source_id, fingerprint, article_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX paragraphs_by_article ON paragraphs (article_id);\n"
	"CREATE TABLE boilerplate (\n"
	"	source_id INTEGER NOT NULL\n"
	"	    REFERENCES sources(id) ON DELETE CASCADE,\n"
	"	fingerprint INTEGER NOT NULL,\n"
	"	PRIMARY KEY (source_id, fingerprint)\n"
	") WITHOUT ROWID;\n";

/*
 * Step 3: the counting that step 2's article_tags_add trigger did moves
 * into sqlite.c's tagging code (the same two statements, run directly).
 * Measured with store_bench, the trigger halved the ingest rate of tagged
 * items: every firing sets up a sub-program frame, which cost more than
 * the writes it made. Removals stayed with their trigger (until step 8):
 * they also come from cascades, and they are rare.
 */
static const char schema_0003_tag_counts[] =
	"DROP TRIGGER article_tags_add;\n";

/*
 * Step 4: the same for article_entities. Its insert trigger made every
 * link a multi-row write that may abort, so SQLite opened a statement
 * savepoint for it, and FTS5 flushes its pending index on every
 * savepoint: one tiny index segment per article instead of one per
 * transaction, 15% of the instructions of an ingest with analysis.
 * sqlite.c bumps entities.article_count itself.
 */
static const char schema_0004_entity_counts[] =
	"DROP TRIGGER article_entities_add;\n";

/*
 * Step 5: related articles, kept. Ranking them reads the article's tags,
 * entities and title words and their neighbours: milliseconds, but on
 * every uncached article page. The list is computed at the first view
 * (sqlite.c) and kept in one row per article: best first, "id:score"
 * pairs separated by spaces. It is recomputed when the article changes
 * (updated, analysis_version differ from the copies here) and, while
 * newer articles can still join it (newest, the highest article id when
 * it was computed, is within the title window of the article), at most
 * once per refresh interval. Deleted articles in a list are skipped when
 * it is read; the row goes with its own article by the cascade.
 */
static const char schema_0005_related[] =
	"CREATE TABLE article_related (\n"
	"	article_id INTEGER PRIMARY KEY\n"
	"	    REFERENCES articles(id) ON DELETE CASCADE,\n"
	"	updated INTEGER NOT NULL,\n"
	"	version INTEGER NOT NULL,\n"
	"	computed INTEGER NOT NULL,\n"
	"	newest INTEGER NOT NULL,\n"
	"	list TEXT NOT NULL\n"
	");\n";

/*
 * Step 6: paragraph fingerprints counted, not listed per row. Step 2 kept
 * one row per (source, fingerprint, article), with an index by article
 * and a foreign key: per paragraph of every article, two B-tree inserts,
 * a parent check and two look-ups (is it boilerplate, how many articles
 * hold it). Now paragraph_counts holds, per source and fingerprint, the
 * number of articles holding it and whether it is boilerplate (sticky,
 * as the boilerplate table was: boiler > 0), and article_paragraphs one
 * row per article with its fingerprints as decimal integers separated by
 * spaces: one upsert per new paragraph. Finding the articles that hold a
 * fingerprint that just became boilerplate reads the lists of the
 * source's articles (sqlite.c): rare, once per crossing round.
 */
static const char schema_0006_paragraph_counts[] =
	"CREATE TABLE paragraph_counts (\n"
	"	source_id INTEGER NOT NULL\n"
	"	    REFERENCES sources(id) ON DELETE CASCADE,\n"
	"	fingerprint INTEGER NOT NULL,\n"
	"	n INTEGER NOT NULL,\n"
	"	boiler INTEGER NOT NULL DEFAULT 0,\n"
	"	PRIMARY KEY (source_id, fingerprint)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE article_paragraphs (\n"
	"	article_id INTEGER PRIMARY KEY\n"
	"	    REFERENCES articles(id) ON DELETE CASCADE,\n"
	"	fingerprints TEXT NOT NULL\n"
	");\n"
	"INSERT INTO paragraph_counts (source_id, fingerprint, n)\n"
	"	SELECT source_id, fingerprint, count(*) FROM paragraphs\n"
	"	GROUP BY source_id, fingerprint;\n"
	"INSERT INTO paragraph_counts (source_id, fingerprint, n, boiler)\n"
	"	SELECT source_id, fingerprint, 0, 1 FROM boilerplate WHERE true\n"
	"	ON CONFLICT (source_id, fingerprint) DO UPDATE SET boiler = 1;\n"
	"INSERT INTO article_paragraphs (article_id, fingerprints)\n"
	"	SELECT article_id, group_concat(fingerprint, ' ')\n"
	"	FROM paragraphs GROUP BY article_id;\n"
	"DROP TABLE paragraphs;\n"
	"DROP TABLE boilerplate;\n";

/*
 * Step 7: FTS5's own page size and merge width. FTS5 writes its index in
 * pages of pgsz bytes, 4,050 by default, sized for 4 KB database pages;
 * on our 16 KB pages (new databases since step 5's time) that is four
 * index rows where one would do, so pgsz follows the database's page
 * size (less room for the row's own header). automerge 8 instead of 4
 * merges segments when eight, not four, wait at one level: every token
 * is rewritten about half as often. Measured with callgrind over 5,000
 * benchmark articles, the commits (where FTS5 writes and merges) cost
 * 1.79 G instructions with the defaults, 1.31 G with pgsz alone and
 * 1.01 G with both (the whole ingest: -6%). A search may read more
 * segments: 30 searches (single words, AND, phrases) over the 50,000
 * benchmark articles took 9.69 G instructions with the defaults and
 * 9.72 G with these settings (sqlite3 under callgrind).
 */
static const char schema_0007_fts_pages[] =
	"INSERT INTO articles_fts (articles_fts, rank)\n"
	"	SELECT 'pgsz', max(4050, page_size - 384) FROM pragma_page_size;\n"
	"INSERT INTO articles_fts (articles_fts, rank)\n"
	"	VALUES ('automerge', 8);\n";

/*
 * Step 8: removals from article_tags and article_entities are counted by
 * sqlite.c too, as additions have been since steps 3 and 4. A statement
 * that fires a trigger may write several rows and abort halfway, so
 * SQLite opens a statement savepoint for it, and FTS5 writes out its
 * pending index at every savepoint: each re-analysis (after a paragraph
 * became boilerplate, or after a full-text fetch) paid for a tiny index
 * segment, 10% of the instructions of ingesting the samples. Links
 * leaving with their article (a source removed) are subtracted before
 * the cascade, by sqlite.c as well.
 */
static const char schema_0008_removal_counts[] =
	"DROP TRIGGER IF EXISTS article_tags_remove;\n"
	"DROP TRIGGER IF EXISTS article_entities_remove;\n";

/*
 * Step 9: ties between spellings. A tag shows its most common spelling;
 * of equally common ones step 2 kept whichever showed first, so the
 * display form depended on the order links arrived in, and commit groups
 * (whose counts are applied sorted, at their end) made that order differ
 * from run to run: "AI" in one ingest, "Ai" in the next. Now the display
 * form is a function of the counts alone: the most common spelling, and
 * of equally common ones the first in byte order, which puts capitals
 * first ("AI" before "Ai" before "ai", "Brexit" before "brexit"): for a
 * name, its own spelling. sqlite.c keeps it so on every count change;
 * this step re-picks the tags where an earlier tie had gone the other
 * way.
 */
static const char schema_0009_tag_ties[] =
	"UPDATE tags SET display = coalesce((SELECT s.spelling\n"
	"	FROM tag_spellings s WHERE s.tag_id = tags.id\n"
	"	ORDER BY s.n DESC, s.spelling LIMIT 1), display)\n"
	"WHERE article_count > 0 AND display IS NOT (SELECT s.spelling\n"
	"	FROM tag_spellings s WHERE s.tag_id = tags.id\n"
	"	ORDER BY s.n DESC, s.spelling LIMIT 1);\n";

/*
 * Step 10: search in each article's own language (issue 4). porter
 * stemmed every article as English, so "Wahl" missed "Wahlen", "cheval"
 * missed "chevaux" and "انتخابات" missed "الانتخابات". articles_fts now
 * uses our own tokenizer, "tidings" (store/fts.c): unicode61's words as
 * before (remove_diacritics 2), each replaced by its Snowball stem in
 * the language of the column value it is in (decided from that value
 * alone, so that a 'delete' re-tokenizing the old text removes exactly
 * what was added), or, in titles, short texts and queries, by its stems
 * in every language we stem, as colocated tokens. The table is made
 * again with the same columns, rank, pgsz and automerge as steps 1 and
 * 7 set, and filled from articles by 'rebuild'; the triggers name the
 * table, not its tokenizer, and stay. Every connection must register
 * the tokenizer before it touches articles_fts (sqlite.c does, before
 * migrating): the plain sqlite3 shell can still read every table but
 * can no longer MATCH articles_fts, nor change the indexed text of
 * articles (the triggers would need the tokenizer); use `tidings
 * search` and `tidings check`.
 */
static const char schema_0010_search_languages[] =
	"DROP TABLE articles_fts;\n"
	"CREATE VIRTUAL TABLE articles_fts USING fts5 (\n"
	"	title, content_text,\n"
	"	content = 'articles', content_rowid = 'id',\n"
	"	tokenize = 'tidings'\n"
	");\n"
	"INSERT INTO articles_fts (articles_fts, rank)\n"
	"	VALUES ('rank', 'bm25(10.0, 1.0)');\n"
	"INSERT INTO articles_fts (articles_fts, rank)\n"
	"	SELECT 'pgsz', max(4050, page_size - 384) FROM pragma_page_size;\n"
	"INSERT INTO articles_fts (articles_fts, rank)\n"
	"	VALUES ('automerge', 8);\n"
	"INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');\n";

const struct store_migration store_sqlite_migrations[] = {
	{ 1, "init", schema_0001_init },
	{ 2, "tags, filters, analysis", schema_0002_analysis },
	{ 3, "tag counts without a trigger", schema_0003_tag_counts },
	{ 4, "entity counts without a trigger", schema_0004_entity_counts },
	{ 5, "related articles kept", schema_0005_related },
	{ 6, "paragraph counts", schema_0006_paragraph_counts },
	{ 7, "FTS5 pages and merges", schema_0007_fts_pages },
	{ 8, "link removals counted without triggers",
	    schema_0008_removal_counts },
	{ 9, "tag display ties by byte order", schema_0009_tag_ties },
	{ 10, "search in each article's language",
	    schema_0010_search_languages },
};

const size_t store_sqlite_n_migrations = ARRAY_LEN(store_sqlite_migrations);
