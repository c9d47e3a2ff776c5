/*
 * cli/cmd_parse.c: `tidings parse [--base URL] [--charset NAME] FILE|-`.
 *
 * Prints a feed of any supported format as a JSON Feed 1.1 document, plus
 * an "_parse" object saying what was read (format, encoding, whether the
 * input was ill-formed and why). Items are written to a temporary file as
 * the parser hands them over, so a huge feed never sits in memory as
 * JSON; the feed's own fields are only complete at the end, and the
 * document is assembled then. Nothing reaches stdout unless the parse
 * succeeded, and a failure is one line on stderr.
 */
#include "base/common.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "cli/cli_int.h"
#include "feed/feed.h"

#define PARSE_SYNOPSIS "parse [--base URL] [--charset NAME] FILE|-"
#define PARSE_CHUNK ((size_t)64 << 10)

struct parse_out {
	FILE *tmp;
	size_t n;
	bool failed;
};

static void
set_str(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

static void
set_date(json_t *o, const char *key, bool has, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char s[40];

	if (!has || gmtime_r(&tt, &tm) == NULL)
		return;
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(o, key, json_string(s));
}

static json_t *
authors_json(const struct person *a, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *p = json_object();

		set_str(p, "name", a[i].name);
		set_str(p, "url", a[i].url);
		set_str(p, "_email", a[i].email);
		json_array_append_new(arr, p);
	}
	return arr;
}

static json_t *
item_json(const struct item *it)
{
	json_t *o = json_object(), *a;
	size_t i;

	set_str(o, "id", it->id);
	set_str(o, "url", it->url);
	set_str(o, "external_url", it->external_url);
	set_str(o, "title", it->title);
	set_str(o, "content_html", it->content_html);
	set_str(o, "content_text", it->content_text);
	set_str(o, "summary", it->summary);
	set_str(o, "image", it->image);
	set_date(o, "date_published", it->has_published, it->date_published);
	set_date(o, "date_modified", it->has_modified, it->date_modified);
	if (it->n_authors > 0)
		json_object_set_new(o, "authors", authors_json(it->authors,
		    it->n_authors));
	if (it->n_tags > 0) {
		a = json_array();
		for (i = 0; i < it->n_tags; i++)
			json_array_append_new(a, json_string(it->tags[i]));
		json_object_set_new(o, "tags", a);
	}
	set_str(o, "language", it->language);
	if (it->n_attachments > 0) {
		a = json_array();
		for (i = 0; i < it->n_attachments; i++) {
			const struct attachment *at = &it->attachments[i];
			json_t *j = json_object();

			set_str(j, "url", at->url);
			set_str(j, "mime_type", at->mime_type);
			set_str(j, "title", at->title);
			if (at->size_in_bytes >= 0)
				json_object_set_new(j, "size_in_bytes",
				    json_integer(at->size_in_bytes));
			if (at->duration_in_seconds >= 0)
				json_object_set_new(j, "duration_in_seconds",
				    json_integer(at->duration_in_seconds));
			json_array_append_new(a, j);
		}
		json_object_set_new(o, "attachments", a);
	}
	return o;
}

/* Write s with every line after the first indented by ind spaces. */
static void
put_indented(FILE *f, const char *s, int ind)
{
	for (; *s != '\0'; s++) {
		fputc(*s, f);
		if (*s == '\n')
			fprintf(f, "%*s", ind, "");
	}
}

static int
on_item(void *ctx, struct item *it)
{
	struct parse_out *po = ctx;
	json_t *o = item_json(it);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	item_free(it);
	json_decref(o);
	if (s == NULL) {
		po->failed = true;
		return ERR_NOMEM;
	}
	fputs(po->n++ > 0 ? ",\n    " : "\n    ", po->tmp);
	put_indented(po->tmp, s, 4);
	free(s);
	if (ferror(po->tmp)) {
		po->failed = true;
		return ERR_IO;
	}
	return 0;
}

static int
print_feed(const struct feed *f, struct parse_out *po)
{
	json_t *o = json_object(), *pj = json_object();
	char *head, *parse, buf[8192];
	size_t n;

	json_object_set_new(o, "version",
	    json_string("https://jsonfeed.org/version/1.1"));
	set_str(o, "title", f->title);
	set_str(o, "home_page_url", f->home_page_url);
	set_str(o, "feed_url", f->feed_url);
	set_str(o, "description", f->description);
	set_str(o, "icon", f->icon);
	set_str(o, "favicon", f->favicon);
	set_str(o, "language", f->language);
	if (f->n_authors > 0)
		json_object_set_new(o, "authors", authors_json(f->authors,
		    f->n_authors));
	json_object_set_new(pj, "format",
	    json_string(feed_format_name(f->format)));
	set_str(pj, "encoding", f->encoding);
	json_object_set_new(pj, "bozo", json_boolean(f->bozo));
	json_object_set_new(pj, "error", f->error ? json_string(f->error) :
	    json_null());
	head = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	parse = json_dumps(pj, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	json_decref(pj);
	if (head == NULL || parse == NULL) {
		free(head);
		free(parse);
		return cli_fail("parse: out of memory");
	}
	/* head ends with "\n}": reopen it for the items and _parse. */
	fwrite(head, 1, strlen(head) - 2, stdout);
	fputs(",\n  \"items\": [", stdout);
	rewind(po->tmp);
	while ((n = fread(buf, 1, sizeof(buf), po->tmp)) > 0)
		fwrite(buf, 1, n, stdout);
	fputs(po->n > 0 ? "\n  ],\n  \"_parse\": " : "],\n  \"_parse\": ",
	    stdout);
	put_indented(stdout, parse, 2);
	fputs("\n}\n", stdout);
	free(head);
	free(parse);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail("parse: writing the output failed");
	return 0;
}

int
cmd_parse(struct cli *cli, int argc, char **argv)
{
	struct feed_opts opts = { 0 };
	struct parse_out po = { 0 };
	struct feed_sink sink = { &po, on_item };
	struct feed_parser *p = NULL;
	struct feed f;
	struct err e = { 0 };
	const char *path = NULL;
	char *chunk = NULL;
	FILE *in = NULL;
	size_t n;
	int i, rc = 0, status = 1;

	UNUSED(cli);
	feed_init(&f);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--base") && i + 1 < argc)
			opts.base_url = argv[++i];
		else if (!strncmp(a, "--base=", 7))
			opts.base_url = a + 7;
		else if (!strcmp(a, "--charset") && i + 1 < argc)
			opts.charset = argv[++i];
		else if (!strncmp(a, "--charset=", 10))
			opts.charset = a + 10;
		else if (a[0] == '-' && a[1] != '\0')
			return cli_usage(PARSE_SYNOPSIS);
		else if (path == NULL)
			path = a;
		else
			return cli_usage(PARSE_SYNOPSIS);
	}
	if (path == NULL)
		return cli_usage(PARSE_SYNOPSIS);
	if (strcmp(path, "-") == 0) {
		in = stdin;
	} else if ((in = fopen(path, "rb")) == NULL) {
		return cli_fail("%s: %s", path, strerror(errno));
	}
	if ((po.tmp = tmpfile()) == NULL) {
		status = cli_fail("parse: cannot create a temporary file: %s",
		    strerror(errno));
		goto out;
	}
	if ((chunk = malloc(PARSE_CHUNK)) == NULL ||
	    (p = feed_parser_new(&opts, &sink)) == NULL) {
		status = cli_fail("parse: out of memory");
		goto out;
	}
	while (rc == 0 && (n = fread(chunk, 1, PARSE_CHUNK, in)) > 0)
		rc = feed_parser_push(p, chunk, n, &e);
	if (rc == 0 && ferror(in)) {
		status = cli_fail("%s: read error", path);
		goto out;
	}
	if (rc == 0)
		rc = feed_parser_finish(p, &f, &e);
	if (rc != 0) {
		if (rc == ERR_NOTFEED &&
		    strncmp(e.msg, "this is an HTML page", 20) == 0)
			status = cli_fail("%s: %s; `tidings source add URL` "
			    "can discover its feeds", path, e.msg);
		else
			status = cli_fail("%s: %s", path, e.msg[0] ? e.msg :
			    err_name(rc));
		goto out;
	}
	status = print_feed(&f, &po);
out:
	feed_release(&f);
	feed_parser_free(p);
	free(chunk);
	if (po.tmp != NULL)
		fclose(po.tmp);
	if (in != NULL && in != stdin)
		fclose(in);
	return status;
}
