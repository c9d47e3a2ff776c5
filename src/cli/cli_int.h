/*
 * cli/cli_int.h: shared by the files of cli/ only.
 *
 * Every subcommand is `int cmd_NAME(struct cli *cli, int argc, char **argv)`
 * with argv[0] the subcommand's name; it returns the process exit status
 * (0 success, 1 failure, 2 usage error). It is listed in the table in
 * cli.c with a one-line synopsis.
 */
#ifndef TD_CLI_CLI_INT_H
#define TD_CLI_CLI_INT_H

#include "base/common.h"

#include "core/config.h"

struct cli {
	struct config cfg;   /* effective settings */
	bool stderr_tty;     /* progress lines only on a terminal */
};

/* Print "tidings: fmt" plus a newline on stderr; returns 1. */
int cli_fail(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Print a usage line for a subcommand on stderr; returns 2. */
int cli_usage(const char *synopsis);

struct store;

/* Open the configured database; prints the error and returns NULL on
 * failure. */
struct store *cli_open_store(struct cli *cli);

/* "2026-11-29 12:00Z", or "never" for 0, into out. */
const char *cli_time(int64_t t, char out[32]);

int cmd_parse(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_summarize(struct cli *cli, int argc, char **argv);
int cmd_ask_text(struct cli *cli, int argc, char **argv);
int cmd_ask(struct cli *cli, int argc, char **argv);

struct buf;

/* Read FILE (or stdin for "-") into raw, up to max bytes; on failure the
 * error is printed and 1 returned (cmd_summarize.c). */
int cli_read_input(const char *path, size_t max, struct buf *raw);

/* The plain text of raw input: UTF-8 repaired, HTML (input starting with
 * '<') converted to text; prints and returns 1 on failure. */
int cli_input_text(const char *path, struct buf *raw, struct buf *text);
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_source(struct cli *cli, int argc, char **argv);
int cmd_opml(struct cli *cli, int argc, char **argv);
int cmd_fetch(struct cli *cli, int argc, char **argv);
int cmd_articles(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);

#endif
