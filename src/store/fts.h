/*
 * store/fts.h: the "tidings" FTS5 tokenizer (store/ only).
 */
#ifndef TD_STORE_FTS_H
#define TD_STORE_FTS_H

#include "base/common.h"

struct sqlite3;

/* The name articles_fts names in its tokenize option. */
#define STORE_FTS_TOKENIZER "tidings"

/* Register the tokenizer on db; every connection that reads or writes
 * articles_fts needs it (schema step 10). Returns an SQLite result
 * code. */
int store_fts_register(struct sqlite3 *db);

#endif
