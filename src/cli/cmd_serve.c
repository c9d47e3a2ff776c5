/*
 * cli/cmd_serve.c: `tidings serve [--listen ADDR:PORT] [--no-fetch]`.
 *
 * Serves the reader's site (web/web.h) and, unless --no-fetch, keeps the
 * sources fresh from a thread of the same process with its own database
 * handle, so pages never wait on ingestion. SIGTERM and SIGINT are
 * blocked in every thread and taken by sigwait here: the fetcher finishes
 * and commits what is in flight, the server lets running requests end,
 * and the process exits 0.
 */
#include "base/common.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "cli/cli_int.h"
#include "core/refresh.h"
#include "store/store.h"
#include "web/web.h"

#define SERVE_USAGE "serve [--listen ADDR:PORT] [--no-fetch]"

struct fetcher {
	struct cli *cli;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	volatile sig_atomic_t stop;
};

static void *
fetch_loop(void *arg)
{
	struct fetcher *f = arg;
	struct refresh_opts o = { 0 };
	struct refresh_stats st;
	struct store *s = NULL;
	struct err e = { 0 };

	if (store_open(f->cli->cfg.db_path, &s, &e) != 0) {
		log_error("serve: fetcher cannot open the database: %s",
		    e.msg);
		return NULL;
	}
	o.stop = &f->stop;
	while (!f->stop) {
		int64_t due, wait;
		struct timespec until;

		if (refresh_run(s, &f->cli->cfg, &o, &st, &e) != 0)
			log_warn("serve: fetch round failed: %s", e.msg);
		else if (st.sources_total > 0)
			log_info("serve: fetched %zu sources: %zu new, %zu "
			    "updated, %zu failed", st.sources_done,
			    st.items_new, st.items_updated, st.failed);
		if (refresh_next_due(s, &due, &e) != 0)
			due = INT64_MAX;
		wait = due == INT64_MAX ? f->cli->cfg.loop_idle
		    : due - clock_now();
		if (wait > f->cli->cfg.loop_idle)
			wait = f->cli->cfg.loop_idle;
		if (wait < 1)
			wait = 1;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += (time_t)wait;
		pthread_mutex_lock(&f->lock);
		if (!f->stop)
			pthread_cond_timedwait(&f->wake, &f->lock, &until);
		pthread_mutex_unlock(&f->lock);
	}
	store_close(s);
	return NULL;
}

int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	struct web_options o;
	struct web_server *srv = NULL;
	struct fetcher f;
	struct err e = { 0 };
	const char *listen_at = NULL;
	bool fetch = true, fetching = false;
	sigset_t set;
	int i, sig = 0, host_len;
	bool bracket;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--listen") && i + 1 < argc)
			listen_at = argv[++i];
		else if (!strncmp(argv[i], "--listen=", 9))
			listen_at = argv[i] + 9;
		else if (!strcmp(argv[i], "--no-fetch"))
			fetch = false;
		else
			return cli_usage(SERVE_USAGE);
	}
	web_options_defaults(&o);
	o.listen = listen_at ? listen_at : cli->cfg.serve_listen;
	if (o.listen == NULL)
		o.listen = WEB_DEFAULT_LISTEN;
	o.db_path = cli->cfg.db_path;
	o.files_dir = cli->cfg.serve_files_dir;
	o.cache_ms = (unsigned)cli->cfg.serve_cache_ms;

	/* Threads inherit this mask, so only sigwait below sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (web_server_start(&o, &srv, &e) != 0)
		return cli_fail("serve: %s", e.msg);
	memset(&f, 0, sizeof(f));
	f.cli = cli;
	pthread_mutex_init(&f.lock, NULL);
	pthread_cond_init(&f.wake, NULL);
	if (fetch) {
		if (pthread_create(&f.thread, NULL, fetch_loop, &f) == 0)
			fetching = true;
		else
			log_error("serve: cannot start the fetcher thread");
	}
	host_len = (int)(strrchr(o.listen, ':') - o.listen);
	bracket = memchr(o.listen, ':', (size_t)host_len) != NULL &&
	    o.listen[0] != '[';
	printf("tidings: serving http://%s%.*s%s:%d/\n", bracket ? "[" : "",
	    host_len, o.listen, bracket ? "]" : "", web_server_port(srv));
	fflush(stdout);

	while (sigwait(&set, &sig) != 0)
		;
	log_info("serve: stopping on signal %d", sig);
	if (fetching) {
		pthread_mutex_lock(&f.lock);
		f.stop = 1;
		pthread_cond_signal(&f.wake);
		pthread_mutex_unlock(&f.lock);
		pthread_join(f.thread, NULL);
	}
	pthread_cond_destroy(&f.wake);
	pthread_mutex_destroy(&f.lock);
	web_server_stop(srv);
	return 0;
}
