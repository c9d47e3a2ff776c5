/*
 * cli/cmd_opml.c: `tidings opml import FILE` and `tidings opml export`.
 *
 * Import stores the subscriptions as they are (the first fetch checks
 * each one), in one transaction, so a broken file adds nothing.
 */
#include "base/common.h"

#include <inttypes.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/utf8.h"
#include "cli/cli_int.h"
#include "cli/progress.h"
#include "feed/opml.h"
#include "store/store.h"

#define OPML_USAGE "opml import FILE|-  |  tidings opml export"
/* An OPML file is a list of URLs; anything larger is not one. */
#define OPML_MAX_BYTES ((size_t)32 << 20)

struct import {
	struct store *store;
	struct progress progress;
	size_t added, existing, total;
	struct err err;
};

static int
count_outline(void *ctx, const struct opml_outline *o)
{
	UNUSED(o);
	(*(size_t *)ctx)++;
	return 0;
}

static int
import_outline(void *ctx, const struct opml_outline *o)
{
	struct import *im = ctx;
	int64_t id;
	int rc;

	if (!utf8_valid(o->xml_url, strlen(o->xml_url)))
		return 0;
	rc = store_source_add(im->store, o->xml_url, o->title, o->group, &id,
	    &im->err);
	if (rc == ERR_EXISTS) {
		im->existing++;
		rc = 0;
	} else if (rc == 0) {
		im->added++;
	}
	progress_update(&im->progress, im->added + im->existing, im->total,
	    NULL, false);
	return rc;
}

static int
read_input(const char *path, struct buf *out)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (f == NULL)
		return ERR_IO;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_append(out, chunk, n);
	if (rc == 0 && ferror(f))
		rc = ERR_IO;
	if (f != stdin)
		fclose(f);
	return rc;
}

static int
opml_import(struct cli *cli, const char *path)
{
	struct import im = { 0 };
	struct buf data;
	int rc;

	buf_init(&data, OPML_MAX_BYTES);
	rc = read_input(path, &data);
	if (rc == ERR_TOOBIG)
		return cli_fail("%s: larger than %zu MiB, not an OPML file",
		    path, OPML_MAX_BYTES >> 20);
	if (rc != 0) {
		buf_release(&data);
		return cli_fail("%s: cannot read: %s", path, err_name(rc));
	}
	if (opml_parse(data.p, data.len, count_outline, &im.total,
	    &im.err) != 0) {
		buf_release(&data);
		return cli_fail("%s: %s", path, im.err.msg);
	}
	if ((im.store = cli_open_store(cli)) == NULL) {
		buf_release(&data);
		return 1;
	}
	progress_start(&im.progress, cli->stderr_tty, "import", "feeds");
	rc = store_begin(im.store, &im.err);
	if (rc == 0)
		rc = opml_parse(data.p, data.len, import_outline, &im,
		    &im.err);
	if (rc == 0)
		rc = store_commit(im.store, &im.err);
	if (rc != 0)
		store_rollback(im.store);
	progress_update(&im.progress, im.added + im.existing, im.total, NULL,
	    true);
	progress_end(&im.progress);
	store_close(im.store);
	buf_release(&data);
	if (rc != 0)
		return cli_fail("%s: %s (nothing imported)", path, im.err.msg);
	printf("imported %zu feeds (%zu new, %zu already present)\n",
	    im.added + im.existing, im.added, im.existing);
	return 0;
}

struct exporter {
	struct store_source *srcs;
	size_t n, cap;
};

static int
collect_source(void *ctx, const struct store_source *src)
{
	struct exporter *x = ctx;
	struct store_source *grown, *d;

	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 32;

		if ((grown = realloc(x->srcs, cap * sizeof(*grown))) == NULL)
			return ERR_NOMEM;
		x->srcs = grown;
		x->cap = cap;
	}
	d = &x->srcs[x->n++];
	memset(d, 0, sizeof(*d));
	d->id = src->id;
	d->url = strdup(src->url);
	d->title = src->title ? strdup(src->title) : NULL;
	d->site_url = src->site_url ? strdup(src->site_url) : NULL;
	d->group_name = src->group_name ? strdup(src->group_name) : NULL;
	return d->url ? 0 : ERR_NOMEM;
}

static int
by_group(const void *a, const void *b)
{
	const struct store_source *x = a, *y = b;

	/* Top-level feeds first, then folders by name, stable by id. */
	if (!x->group_name != !y->group_name)
		return x->group_name ? 1 : -1;
	if (x->group_name) {
		int c = strcmp(x->group_name, y->group_name);

		if (c)
			return c;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
opml_export(struct cli *cli)
{
	struct exporter x = { 0 };
	struct store *s;
	struct err e = { 0 };
	struct buf out = BUF_INIT;
	const char *open = NULL;
	size_t i;
	int rc;

	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	rc = store_source_each(s, -1, collect_source, &x, &e);
	store_close(s);
	if (rc == 0) {
		qsort(x.srcs, x.n, sizeof(*x.srcs), by_group);
		rc = opml_begin(&out, "tidings subscriptions", clock_now());
	}
	for (i = 0; rc == 0 && i < x.n; i++) {
		struct opml_outline o = { x.srcs[i].url, x.srcs[i].site_url,
		    x.srcs[i].title, x.srcs[i].group_name };

		rc = opml_add(&out, &o, &open);
	}
	if (rc == 0)
		rc = opml_end(&out, &open);
	if (rc == 0)
		fputs(buf_cstr(&out), stdout);
	for (i = 0; i < x.n; i++)
		store_source_release(&x.srcs[i]);
	free(x.srcs);
	buf_release(&out);
	return rc ? cli_fail("opml export: %s", e.msg[0] ? e.msg
	    : err_name(rc)) : 0;
}

int
cmd_opml(struct cli *cli, int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "import"))
		return opml_import(cli, argv[2]);
	if (argc == 2 && !strcmp(argv[1], "export"))
		return opml_export(cli);
	return cli_usage(OPML_USAGE);
}
