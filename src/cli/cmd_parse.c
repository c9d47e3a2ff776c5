/*
 * cli/cmd_parse.c: `tidings parse` (being written: see the feed module).
 */
#include "base/common.h"

#include "cli/cli_int.h"

int
cmd_parse(struct cli *cli, int argc, char **argv)
{
	UNUSED(cli);
	UNUSED(argc);
	UNUSED(argv);
	return cli_fail("parse: the feed parser is not built yet");
}
