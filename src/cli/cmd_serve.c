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

#include "base/log.h"
#include "cli/cli_int.h"
#include "web/web.h"

#define SERVE_USAGE "serve [--listen ADDR:PORT] [--no-fetch]"

int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	struct web_options o;
	struct web_server *srv = NULL;
	struct err e = { 0 };
	const char *listen_at = NULL;
	bool fetch = true;
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

	/* Threads inherit this mask, so only sigwait below sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (web_server_start(&o, &srv, &e) != 0)
		return cli_fail("serve: %s", e.msg);
	/* The in-process fetcher joins once the ingest pipeline links;
	 * until then `tidings fetch --loop` does the fetching. */
	if (fetch)
		log_info("serve: in-process fetching is not available yet; "
		    "run tidings fetch --loop beside it");
	host_len = (int)(strrchr(o.listen, ':') - o.listen);
	bracket = memchr(o.listen, ':', (size_t)host_len) != NULL &&
	    o.listen[0] != '[';
	printf("tidings: serving http://%s%.*s%s:%d/\n", bracket ? "[" : "",
	    host_len, o.listen, bracket ? "]" : "", web_server_port(srv));
	fflush(stdout);

	while (sigwait(&set, &sig) != 0)
		;
	log_info("serve: stopping on signal %d", sig);
	web_server_stop(srv);
	return 0;
}
