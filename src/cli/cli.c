/*
 * cli/cli.c: global options, configuration and the subcommand table.
 *
 * Usage: tidings [--db PATH] [--config FILE] [--set KEY=VALUE]...
 *                [--log-level LEVEL] COMMAND [ARGS]
 * Flags win over TIDINGS_* environment variables, which win over the
 * config file (core/config.h).
 */
#include "base/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "cli/cli.h"
#include "cli/cli_int.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *synopsis;
};

static const struct command commands[] = {
	{ "parse", cmd_parse,
	  "parse [--base URL] [--charset NAME] FILE|-   print a feed as JSON Feed" },
	{ "summarize", cmd_summarize,
	  "summarize [--lang L] FILE|-   summary and key points as JSON" },
	{ "ask", cmd_ask,
	  "ask [--json] ID QUESTION   answer from an article and related ones" },
	{ "ask-text", cmd_ask_text,
	  "ask-text --question Q [--lang L] FILE...   answering sentences" },
	{ "extract", cmd_extract,
	  "extract [--url URL] FILE|-   print the article in a web page as JSON" },
	{ "serve", cmd_serve,
	  "serve [--listen ADDR:PORT] [--no-fetch]   serve the reader's site" },
	{ "source", cmd_source,
	  "source add URL|FILE [--group NAME] | list [--json] | "
	  "remove|pause|resume ID" },
	{ "opml", cmd_opml,
	  "opml import FILE | export   subscriptions in and out" },
	{ "fetch", cmd_fetch,
	  "fetch [--all] [--source ID] [--loop]   fetch due sources" },
	{ "articles", cmd_articles,
	  "articles [--source ID] [--limit N] [--json]   newest articles" },
	{ "search", cmd_search,
	  "search [--limit N] [--json] QUERY   full-text search" },
	{ "check", cmd_check,
	  "check                        verify the database" },
	{ "config", cmd_config,
	  "config                       print the effective settings" },
};

int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("tidings: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
cli_usage(const char *synopsis)
{
	fprintf(stderr, "usage: tidings %s\n", synopsis);
	return 2;
}

static int
usage(void)
{
	size_t i;

	fputs("usage: tidings [--db PATH] [--config FILE] [--set KEY=VALUE]..."
	    " [--log-level LEVEL] COMMAND [ARGS]\n\ncommands:\n", stderr);
	for (i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(stderr, "  %s\n", commands[i].synopsis);
	return 2;
}

int
cmd_config(struct cli *cli, int argc, char **argv)
{
	struct buf out = BUF_INIT;

	UNUSED(argv);
	if (argc != 1)
		return cli_usage("config");
	if (config_dump(&cli->cfg, &out) != 0) {
		buf_release(&out);
		return cli_fail("config: out of memory");
	}
	fputs(buf_cstr(&out), stdout);
	buf_release(&out);
	return 0;
}

/* Global flags: each takes a value, as "--flag VALUE" or "--flag=VALUE". */
static const char *
flag_value(int argc, char **argv, int *i, const char *flag)
{
	size_t n = strlen(flag);

	if (strncmp(argv[*i], flag, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int
cli_main(int argc, char **argv)
{
	struct cli cli;
	struct err e = { 0 };
	const char *config_path = NULL, *v;
	enum log_level level;
	int i, first_cmd = -1, rc = 2;
	size_t c;

	memset(&cli, 0, sizeof(cli));
	cli.stderr_tty = isatty(2);

	/* The config file must be known before --set and --db apply on top
	 * of it, so find it first. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if ((v = flag_value(argc, argv, &i, "--config")) != NULL)
			config_path = v;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return usage();
	}
	if (config_load(&cli.cfg, config_path, &e) != 0) {
		config_release(&cli.cfg);
		return cli_fail("config: %s", e.msg);
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-') {
			first_cmd = i;
			break;
		}
		if (flag_value(argc, argv, &i, "--config") != NULL)
			continue;
		if ((v = flag_value(argc, argv, &i, "--db")) != NULL) {
			rc = config_set(&cli.cfg, "db", v, &e);
		} else if ((v = flag_value(argc, argv, &i, "--log-level"))) {
			rc = config_set(&cli.cfg, "log.level", v, &e);
		} else if ((v = flag_value(argc, argv, &i, "--set")) != NULL) {
			char *key = strdup(v), *eq = key ? strchr(key, '=')
			    : NULL;

			if (eq == NULL) {
				free(key);
				config_release(&cli.cfg);
				return cli_fail("--set: expected KEY=VALUE");
			}
			*eq = '\0';
			rc = config_set(&cli.cfg, key, eq + 1, &e);
			free(key);
		} else {
			config_release(&cli.cfg);
			fprintf(stderr, "tidings: unknown option %s\n",
			    argv[i]);
			return usage();
		}
		if (rc != 0) {
			config_release(&cli.cfg);
			return cli_fail("%s", e.msg);
		}
	}
	if (log_level_parse(cli.cfg.log_level, &level) != 0) {
		config_release(&cli.cfg);
		return cli_fail("log.level: expected debug, info, warn or "
		    "error");
	}
	log_set_level(level);
	if (first_cmd < 0) {
		config_release(&cli.cfg);
		return usage();
	}
	rc = -1;
	for (c = 0; c < ARRAY_LEN(commands); c++) {
		if (strcmp(commands[c].name, argv[first_cmd]) == 0) {
			rc = commands[c].run(&cli, argc - first_cmd,
			    argv + first_cmd);
			break;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "tidings: unknown command \"%s\"\n",
		    argv[first_cmd]);
		rc = usage();
	}
	config_release(&cli.cfg);
	return rc;
}
