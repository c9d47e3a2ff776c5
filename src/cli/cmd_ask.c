/*
 * cli/cmd_ask.c: `tidings ask-text --question Q FILE...` (placeholder
 * until nlp/ask lands).
 */
#include "base/common.h"

#include "cli/cli_int.h"

int
cmd_ask_text(struct cli *cli, int argc, char **argv)
{
	UNUSED(cli);
	UNUSED(argc);
	UNUSED(argv);
	return cli_fail("ask-text: not yet available");
}
