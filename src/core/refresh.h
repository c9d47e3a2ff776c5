/*
 * core/refresh.h: the ingest pipeline — fetch due sources, parse, store.
 *
 * The only layer that combines fetch, feed and store. All sources due are
 * fetched concurrently (fetch/ enforces the connection limits); as each
 * response completes, its body is streamed through the feed parser and
 * every item is upserted, all in ONE store transaction per source together
 * with the source's new fetch state, so an interrupted ingest never leaves
 * a half-stored feed. Failures are recorded on the source and scheduled
 * for a retry with backoff; they never touch what is already stored.
 *
 * With analyze.enabled, every new or changed article is analysed in the
 * same transaction (core/analyze.h: tags split and keyed, boilerplate
 * folded, summary, key points, entities, keyphrase tags), and once the
 * feeds are stored, teaser-only items (and every item of a full_text
 * source) get their linked web page extracted into the body, at most
 * fetch.full_text_max pages a round; a page that fails is recorded on its
 * article. Links of file:// sources are never followed.
 */
#ifndef TD_CORE_REFRESH_H
#define TD_CORE_REFRESH_H

#include "base/common.h"

#include <signal.h>

#include "base/err.h"

struct analyzer;
struct config;
struct store;

struct refresh_stats {
	size_t sources_total;  /* queued this round */
	size_t sources_done;   /* completed (any outcome) */
	size_t ok;             /* 200 and stored */
	size_t not_modified;   /* 304 */
	size_t failed;
	size_t items_new;
	size_t items_updated;
	size_t items_unchanged;
	size_t analyzed;       /* articles analysed (re-analyses included) */
	size_t boilerplate_crossed; /* paragraphs that became boilerplate */
	size_t full_text_ok;   /* linked pages extracted into the body */
	size_t full_text_failed;
	int64_t started_ms;    /* clock_mono_ms at the start */
};

struct refresh_opts {
	bool all;                 /* every active source, due or not */
	int64_t source_id;        /* only this source (0: any) */
	/* Called after each source completes (in the calling thread). */
	void (*progress)(void *ctx, const struct refresh_stats *st);
	void *ctx;
	volatile sig_atomic_t *stop; /* finish in-flight work and return */
	/* The analysis context to use (see refresh_analyzer_load), kept by
	 * a caller that runs many rounds; NULL: one is made for the round
	 * (when analyze.enabled). */
	struct analyzer *analyzer;
};

/* A new analysis context holding the corpus knowledge of the store: its
 * tags with their counts and its entities' names. */
int refresh_analyzer_load(struct store *s, struct analyzer **out,
    struct err *e);

/* One round over the due sources. Returns 0 when the round ran (even if
 * some sources failed: see st), or an ERR_* when it could not run at all. */
int refresh_run(struct store *s, const struct config *cfg,
    const struct refresh_opts *o, struct refresh_stats *st, struct err *e);

/* The earliest next_fetch among active sources (INT64_MAX when none). */
int refresh_next_due(struct store *s, int64_t *out, struct err *e);

#endif
