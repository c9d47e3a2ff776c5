/*
 * cli/cmd_extract.c: `tidings extract [--url URL] [--charset NAME] FILE|-`.
 *
 * Reads one saved web page and prints the article extract/ finds in it as
 * one JSON object: title, author, dates, text, sanitised html, tags, lead
 * image, language and canonical url (null when the page does not say).
 * The file is read up to the configured limit plus one byte, so a huge
 * input is refused without being held in memory. A failure is one line on
 * stderr and exit status 1; nothing reaches stdout.
 */
#include "base/common.h"

#include <errno.h>
#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/str.h"
#include "cli/cli_int.h"
#include "extract/extract.h"

#define EXTRACT_SYNOPSIS \
	"extract [--url URL] [--charset NAME] [--max-bytes N] FILE|-"
#define EXTRACT_CHUNK ((size_t)64 << 10)

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static int
print_result(const struct extract_result *r)
{
	json_t *o = json_object(), *tags = json_array();
	char *s;
	size_t i;

	for (i = 0; i < r->n_tags; i++)
		json_array_append_new(tags, json_string(r->tags[i]));
	json_object_set_new(o, "title", str_or_null(r->title));
	json_object_set_new(o, "author", str_or_null(r->author));
	json_object_set_new(o, "date_published",
	    str_or_null(r->date_published));
	json_object_set_new(o, "date_modified",
	    str_or_null(r->date_modified));
	json_object_set_new(o, "text", str_or_null(r->text));
	json_object_set_new(o, "html", str_or_null(r->html));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "image", str_or_null(r->image));
	json_object_set_new(o, "lang", str_or_null(r->lang));
	json_object_set_new(o, "url", str_or_null(r->url));
	s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		return cli_fail("extract: out of memory");
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail("extract: writing the output failed");
	return 0;
}

int
cmd_extract(struct cli *cli, int argc, char **argv)
{
	struct extract_opts opts = { 0 };
	struct extract_result r = { 0 };
	struct buf in = BUF_INIT;
	struct err e = { 0 };
	const char *path = NULL, *url = NULL, *charset = NULL;
	FILE *f = NULL;
	size_t n;
	int64_t max;
	int i, rc, status = 1;

	UNUSED(cli);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--url") && i + 1 < argc)
			url = argv[++i];
		else if (!strncmp(a, "--url=", 6))
			url = a + 6;
		else if (!strcmp(a, "--charset") && i + 1 < argc)
			charset = argv[++i];
		else if (!strncmp(a, "--charset=", 10))
			charset = a + 10;
		else if ((!strcmp(a, "--max-bytes") && i + 1 < argc) ||
		    !strncmp(a, "--max-bytes=", 12)) {
			const char *v = a[11] == '=' ? a + 12 : argv[++i];
			if (str_to_i64(str_from(v), 1, INT64_MAX / 2,
			    &max) != 0)
				return cli_usage(EXTRACT_SYNOPSIS);
			opts.max_input = (size_t)max;
		} else if (a[0] == '-' && a[1] != '\0')
			return cli_usage(EXTRACT_SYNOPSIS);
		else if (path == NULL)
			path = a;
		else
			return cli_usage(EXTRACT_SYNOPSIS);
	}
	if (path == NULL)
		return cli_usage(EXTRACT_SYNOPSIS);
	if (opts.max_input == 0)
		opts.max_input = EXTRACT_MAX_INPUT;
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL)
		return cli_fail("%s: %s", path, strerror(errno));
	/* One byte over the limit is enough to know it is too big. */
	buf_init(&in, opts.max_input + 1);
	for (;;) {
		size_t want = EXTRACT_CHUNK;

		if (in.len + want > opts.max_input + 1)
			want = opts.max_input + 1 - in.len;
		if (want == 0)
			break;
		if (buf_grow(&in, want) != 0) {
			status = cli_fail("extract: out of memory");
			goto out;
		}
		n = fread(in.p + in.len, 1, want, f);
		in.len += n;
		in.p[in.len] = '\0';
		if (n < want)
			break;
	}
	if (ferror(f)) {
		status = cli_fail("%s: read error", path);
		goto out;
	}
	rc = extract_page_opts(in.p ? in.p : "", in.len, url, charset, &opts,
	    &r, &e);
	if (rc != 0) {
		status = cli_fail("%s: %s", path, e.msg[0] ? e.msg :
		    err_name(rc));
		goto out;
	}
	status = print_result(&r);
out:
	extract_result_release(&r);
	buf_release(&in);
	if (f != NULL && f != stdin)
		fclose(f);
	return status;
}
