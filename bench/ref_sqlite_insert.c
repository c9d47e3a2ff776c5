/*
 * bench/ref_sqlite_insert.c: the ceiling for storing items -- a bare
 * batched SQLite insert of the same items, with a full-text index.
 *
 * The items (title, plain text) come from items.tsv, which the corpus
 * generator extracted once; loading it is not timed. Timed: opening a new
 * database in WAL mode (synchronous=NORMAL, the usual WAL setting), creating
 * a table and an external-content FTS5 index over it (tokenize porter),
 * inserting every row into both, BATCH rows per transaction, and closing
 * (which checkpoints the WAL). No dedupe, no sources, no other columns:
 * tidings' ingest does all that on top, so it should get close to this.
 *
 * usage: ref_sqlite_insert [--batch N] [--no-fts] DBFILE ITEMS.TSV
 * prints: items=N seconds=F items_per_s=F
 */
#include "bench_common.h"

#include <unistd.h>

#include <sqlite3.h>

struct row {
	const char *title, *text;
	int title_len, text_len;
};

static int
exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
step_reset(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dbpath, *tsv;
	char *data, *p, *end, side[4096];
	struct row *rows = NULL;
	size_t len, n = 0, cap = 0, i;
	int batch = 1000, fts = 1, a = 1;
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL, *ins_fts = NULL;
	double t0, t1;

	while (a < argc && argv[a][0] == '-') {
		if (strcmp(argv[a], "--batch") == 0 && a + 1 < argc) {
			batch = atoi(argv[a + 1]);
			a += 2;
		} else if (strcmp(argv[a], "--no-fts") == 0) {
			fts = 0;
			a++;
		} else {
			break;
		}
	}
	if (argc - a != 2 || batch < 1) {
		fprintf(stderr, "usage: ref_sqlite_insert [--batch N] "
		    "[--no-fts] DBFILE ITEMS.TSV\n");
		return 2;
	}
	dbpath = argv[a];
	tsv = argv[a + 1];

	/* Untimed: the rows, in memory. */
	data = bench_slurp(tsv, &len);
	for (p = data, end = data + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *tab;

		if (nl == NULL)
			nl = end;
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (tab != NULL) {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				rows = realloc(rows, cap * sizeof(*rows));
				if (rows == NULL)
					return 1;
			}
			rows[n].title = p;
			rows[n].title_len = (int)(tab - p);
			rows[n].text = tab + 1;
			rows[n].text_len = (int)(nl - tab - 1);
			n++;
		}
		p = nl + 1;
	}
	unlink(dbpath);
	snprintf(side, sizeof(side), "%s-wal", dbpath);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", dbpath);
	unlink(side);

	t0 = bench_now();
	if (sqlite3_open(dbpath, &db) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", dbpath, sqlite3_errmsg(db));
		return 1;
	}
	if (exec(db, "PRAGMA journal_mode=WAL") ||
	    exec(db, "PRAGMA synchronous=NORMAL") ||
	    exec(db, "CREATE TABLE items(id INTEGER PRIMARY KEY, title TEXT, "
	    "body TEXT)"))
		return 1;
	if (fts && exec(db, "CREATE VIRTUAL TABLE items_fts USING fts5("
	    "title, body, content='items', content_rowid='id', "
	    "tokenize='porter')"))
		return 1;
	if (sqlite3_prepare_v2(db, "INSERT INTO items(title, body) "
	    "VALUES(?, ?)", -1, &ins, NULL) != SQLITE_OK ||
	    (fts && sqlite3_prepare_v2(db, "INSERT INTO items_fts(rowid, "
	    "title, body) VALUES(?, ?, ?)", -1, &ins_fts, NULL) != SQLITE_OK)) {
		fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i % (size_t)batch == 0 && exec(db, "BEGIN"))
			return 1;
		sqlite3_bind_text(ins, 1, rows[i].title, rows[i].title_len,
		    SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, rows[i].text, rows[i].text_len,
		    SQLITE_STATIC);
		if (step_reset(db, ins))
			return 1;
		if (fts) {
			sqlite3_bind_int64(ins_fts, 1,
			    sqlite3_last_insert_rowid(db));
			sqlite3_bind_text(ins_fts, 2, rows[i].title,
			    rows[i].title_len, SQLITE_STATIC);
			sqlite3_bind_text(ins_fts, 3, rows[i].text,
			    rows[i].text_len, SQLITE_STATIC);
			if (step_reset(db, ins_fts))
				return 1;
		}
		if ((i + 1) % (size_t)batch == 0 && exec(db, "COMMIT"))
			return 1;
	}
	if (n % (size_t)batch != 0 && exec(db, "COMMIT"))
		return 1;
	sqlite3_finalize(ins);
	sqlite3_finalize(ins_fts);
	if (sqlite3_close(db) != SQLITE_OK) {
		fprintf(stderr, "close: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	t1 = bench_now();
	printf("items=%zu seconds=%.4f items_per_s=%.1f\n", n, t1 - t0,
	    (double)n / (t1 - t0));
	free(rows);
	free(data);
	return 0;
}
