/*
 * cli/cmd_fetch.c: `tidings fetch [--all] [--source ID] [--loop]`.
 *
 * One round fetches every due source. With --loop it runs as a daemon:
 * rounds repeat as sources fall due; SIGTERM or SIGINT lets the transfers
 * in flight finish and commit, then the process exits 0.
 */
#include "base/common.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/str.h"
#include "cli/cli_int.h"
#include "cli/progress.h"
#include "core/analyze.h"
#include "core/refresh.h"
#include "store/store.h"

#define FETCH_USAGE "fetch [--all] [--source ID] [--loop]"

static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	UNUSED(sig);
	stop_requested = 1;
}

static void
on_progress(void *ctx, const struct refresh_stats *st)
{
	char note[96];

	snprintf(note, sizeof(note), "%zu new, %zu updated, %zu failed",
	    st->items_new, st->items_updated, st->failed);
	progress_update(ctx, st->sources_done, st->sources_total, note,
	    st->sources_done == st->sources_total);
}

static void
report(const struct refresh_stats *st)
{
	int64_t ms = clock_mono_ms() - st->started_ms;
	size_t items = st->items_new + st->items_updated + st->items_unchanged;

	printf("fetched %zu sources (%zu ok, %zu not modified, %zu failed): "
	    "%zu new, %zu updated, %zu unchanged articles in %.1f s "
	    "(%.0f items/s)\n", st->sources_done, st->ok, st->not_modified,
	    st->failed, st->items_new, st->items_updated, st->items_unchanged,
	    (double)ms / 1000.0, ms > 0 ? (double)items * 1000.0 /
	    (double)ms : 0.0);
	fflush(stdout);
}

int
cmd_fetch(struct cli *cli, int argc, char **argv)
{
	struct refresh_opts o = { 0 };
	struct refresh_stats st;
	struct progress progress;
	struct sigaction sa;
	struct store *s;
	struct err e = { 0 };
	bool loop = false;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--all"))
			o.all = true;
		else if (!strcmp(argv[i], "--loop"))
			loop = true;
		else if (!strcmp(argv[i], "--source") && i + 1 < argc &&
		    str_to_i64(str_from(argv[i + 1]), 1, INT64_MAX,
		    &o.source_id) == 0)
			i++;
		else
			return cli_usage(FETCH_USAGE);
	}
	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	/* A daemon keeps one analysis context: the corpus is loaded once
	 * and grows with every round. */
	if (loop && cli->cfg.analyze_enabled &&
	    refresh_analyzer_load(s, &o.analyzer, &e) != 0) {
		cli_fail("fetch: %s", e.msg);
		store_close(s);
		return 1;
	}

	/* No SA_RESTART: a signal must cut the idle sleep short. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	o.stop = &stop_requested;
	o.progress = on_progress;
	o.ctx = &progress;

	do {
		int64_t due, wait;

		progress_start(&progress, cli->stderr_tty, "fetch", "sources");
		rc = refresh_run(s, &cli->cfg, &o, &st, &e);
		progress_end(&progress);
		if (rc != 0) {
			cli_fail("fetch: %s", e.msg);
			if (!loop)
				break;
		} else if (st.sources_total || !loop) {
			report(&st);
		}
		if (!loop || stop_requested)
			break;
		o.all = false;
		if (refresh_next_due(s, &due, &e) != 0)
			due = INT64_MAX;
		wait = due == INT64_MAX ? cli->cfg.loop_idle
		    : due - clock_now();
		if (wait > cli->cfg.loop_idle)
			wait = cli->cfg.loop_idle;
		if (wait < 1)
			wait = 1;
		log_debug("next round in %" PRId64 " s", wait);
		while (wait-- > 0 && !stop_requested)
			sleep(1);
	} while (!stop_requested);
	if (stop_requested)
		log_info("stopping: in-flight work committed");
	analyzer_free(o.analyzer);
	store_close(s);
	return rc ? 1 : 0;
}
