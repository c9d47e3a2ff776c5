/*
 * cli/cmd_summarize.c: `tidings summarize [--lang L] FILE|-`.
 *
 * Reads an article as plain text (paragraphs separated by blank lines),
 * or as HTML when it starts with '<' (converted with html_to_text), and
 * prints {"summary", "sentences", "key_points", "lang"} as JSON. --lead N
 * prints the first N sentences instead (the Lead-N baseline, for
 * evaluation). Input is
 * capped at SUMMARIZE_MAX_INPUT bytes and repaired to valid UTF-8 first.
 */
#include "base/common.h"

#include <errno.h>
#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "cli/cli_int.h"
#include "html/html.h"
#include "nlp/summary.h"

#define SUMMARIZE_SYNOPSIS "summarize [--lang L] [--lead N] FILE|-"
#define SUMMARIZE_MAX_INPUT ((size_t)16 << 20)

/* Read a whole file (or stdin for "-") into raw, at most max bytes. */
int
cli_read_input(const char *path, size_t max, struct buf *raw)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (in == NULL)
		return cli_fail("%s: %s", path, strerror(errno));
	buf_init(raw, max);
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0) {
		if (buf_append(raw, chunk, n) != 0) {
			rc = cli_fail("%s: larger than %zu bytes", path, max);
			break;
		}
	}
	if (rc == 0 && ferror(in))
		rc = cli_fail("%s: read error", path);
	if (in != stdin)
		fclose(in);
	return rc;
}

/* Plain text of the input: UTF-8 repaired, HTML converted. */
int
cli_input_text(const char *path, struct buf *raw, struct buf *text)
{
	struct buf fixed = BUF_INIT;
	struct err e = { 0 };
	size_t i = 0;
	int rc = 0;

	buf_init(text, 0);
	if (utf8_repair(&fixed, raw->p ? raw->p : "", raw->len) != 0) {
		buf_release(&fixed);
		return cli_fail("%s: out of memory", path);
	}
	while (i < fixed.len && (fixed.p[i] == ' ' || fixed.p[i] == '\n' ||
	    fixed.p[i] == '\r' || fixed.p[i] == '\t'))
		i++;
	if (i < fixed.len && fixed.p[i] == '<') {
		if (html_to_text(fixed.p, fixed.len, text, &e) != 0)
			rc = cli_fail("%s: %s", path, e.msg);
		buf_release(&fixed);
	} else {
		buf_release(text);
		*text = fixed;
	}
	return rc;
}

static json_t *
strings_json(char **v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

int
cmd_summarize(struct cli *cli, int argc, char **argv)
{
	struct buf raw = BUF_INIT, text = BUF_INIT;
	struct summary s = { 0 };
	struct summary_opts opts = { 0 };
	struct err e = { 0 };
	const char *path = NULL, *lang = NULL;
	json_t *o;
	char *dump;
	int i, status = 1;

	UNUSED(cli);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strncmp(argv[i], "--lang=", 7))
			lang = argv[i] + 7;
		else if (!strcmp(argv[i], "--lead") && i + 1 < argc &&
		    argv[i + 1][0] >= '1' && argv[i + 1][0] <= '5' &&
		    argv[i + 1][1] == '\0')
			opts.lead = (unsigned)(argv[++i][0] - '0');
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(SUMMARIZE_SYNOPSIS);
		else if (path == NULL)
			path = argv[i];
		else
			return cli_usage(SUMMARIZE_SYNOPSIS);
	}
	if (path == NULL)
		return cli_usage(SUMMARIZE_SYNOPSIS);
	if (cli_read_input(path, SUMMARIZE_MAX_INPUT, &raw) != 0 ||
	    cli_input_text(path, &raw, &text) != 0)
		goto out;
	if (summary_compute(buf_cstr(&text), lang, &opts, &s, &e) != 0) {
		cli_fail("summarize: %s", e.msg);
		goto out;
	}
	o = json_object();
	json_object_set_new(o, "summary", json_string(s.text));
	json_object_set_new(o, "sentences", strings_json(s.sentences,
	    s.n_sentences));
	json_object_set_new(o, "key_points", strings_json(s.key_points,
	    s.n_key_points));
	json_object_set_new(o, "lang", json_string(s.lang));
	dump = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (dump == NULL) {
		cli_fail("summarize: out of memory");
		goto out;
	}
	puts(dump);
	free(dump);
	status = fflush(stdout) == 0 ? 0 : cli_fail("summarize: write error");
out:
	summary_release(&s);
	buf_release(&raw);
	buf_release(&text);
	return status;
}
