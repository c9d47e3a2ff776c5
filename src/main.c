/*
 * main.c: the `tidings` command. Everything it does lives in libtidings;
 * this file only hands over to the command-line layer.
 */
#include "base/common.h"

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
