/*
 * cli/cli.h: the command line of tidings.
 *
 * cli_main parses the global options, loads the configuration and runs one
 * subcommand from the table in cli.c. Only this layer (and main.c) prints
 * to the terminal or decides the exit status; messages look like
 * "tidings: what: why".
 */
#ifndef TD_CLI_CLI_H
#define TD_CLI_CLI_H

int cli_main(int argc, char **argv);

#endif
