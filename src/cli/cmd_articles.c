/*
 * cli/cmd_articles.c: `tidings articles`, `tidings search`, `tidings check`:
 * reading the store from the command line.
 */
#include "base/common.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "base/str.h"
#include "cli/cli_int.h"
#include "store/store.h"

#define ARTICLES_USAGE "articles [--source ID] [--limit N] [--json]"
#define SEARCH_USAGE "search [--limit N] [--json] QUERY"
/* Listing limits: anything larger belongs in the API with pagination. */
#define CLI_MAX_LIMIT 100000

struct lister {
	json_t *arr; /* NULL: plain text */
	size_t n;
};

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void
rfc3339(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
list_article(void *ctx, const struct store_article *a)
{
	struct lister *l = ctx;
	char when[32];
	size_t i;

	l->n++;
	rfc3339(a->published ? a->published : a->received, when);
	if (l->arr == NULL) {
		printf("%" PRId64 "\t%s\t%s\t%s\n", a->id, when,
		    a->source_title ? a->source_title : "?",
		    a->title ? a->title : "(untitled)");
		if (a->snippet)
			printf("\t%s\n", a->snippet);
		return 0;
	}
	{
		json_t *o = json_object(), *tags = json_array();

		json_object_set_new(o, "id", json_integer(a->id));
		json_object_set_new(o, "source_id",
		    json_integer(a->source_id));
		json_object_set_new(o, "source", jstr(a->source_title));
		json_object_set_new(o, "guid", jstr(a->guid));
		json_object_set_new(o, "url", jstr(a->url));
		json_object_set_new(o, "title", jstr(a->title));
		json_object_set_new(o, "summary", jstr(a->summary));
		json_object_set_new(o, "content_text", jstr(a->content_text));
		json_object_set_new(o, "image", jstr(a->image));
		json_object_set_new(o, "author", jstr(a->author));
		json_object_set_new(o, "language", jstr(a->language));
		if (a->published) {
			rfc3339(a->published, when);
			json_object_set_new(o, "date_published",
			    json_string(when));
		}
		rfc3339(a->received, when);
		json_object_set_new(o, "date_received", json_string(when));
		for (i = 0; i < a->n_tags; i++)
			json_array_append_new(tags, json_string(a->tags[i]));
		json_object_set_new(o, "tags", tags);
		if (a->snippet)
			json_object_set_new(o, "snippet", json_string(a->snippet));
		json_array_append_new(l->arr, o);
	}
	return 0;
}

static int
finish(struct lister *l, int rc, const char *what, const struct err *e)
{
	if (l->arr) {
		if (rc == 0) {
			char *text = json_dumps(l->arr, JSON_INDENT(2));

			puts(text ? text : "[]");
			free(text);
		}
		json_decref(l->arr);
	}
	if (rc != 0)
		return cli_fail("%s: %s", what, e->msg[0] ? e->msg
		    : err_name(rc));
	return 0;
}

int
cmd_articles(struct cli *cli, int argc, char **argv)
{
	struct store_article_query q = { 0 };
	struct lister l = { NULL, 0 };
	struct store *s;
	struct err e = { 0 };
	int64_t v;
	int i, rc;

	q.limit = 50;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			l.arr = l.arr ? l.arr : json_array();
		else if (!strcmp(argv[i], "--source") && i + 1 < argc &&
		    str_to_i64(str_from(argv[i + 1]), 1, INT64_MAX, &v) == 0)
			q.source_id = v, i++;
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc &&
		    str_to_i64(str_from(argv[i + 1]), 1, CLI_MAX_LIMIT,
		    &v) == 0)
			q.limit = (size_t)v, i++;
		else {
			json_decref(l.arr);
			return cli_usage(ARTICLES_USAGE);
		}
	}
	if ((s = cli_open_store(cli)) == NULL) {
		json_decref(l.arr);
		return 1;
	}
	rc = store_article_each(s, &q, list_article, &l, &e);
	store_close(s);
	return finish(&l, rc, "articles", &e);
}

int
cmd_search(struct cli *cli, int argc, char **argv)
{
	struct lister l = { NULL, 0 };
	const char *query = NULL;
	size_t limit = 20;
	struct store *s;
	struct err e = { 0 };
	int64_t v;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			l.arr = l.arr ? l.arr : json_array();
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc &&
		    str_to_i64(str_from(argv[i + 1]), 1, CLI_MAX_LIMIT,
		    &v) == 0)
			limit = (size_t)v, i++;
		else if (query == NULL)
			query = argv[i];
		else {
			json_decref(l.arr);
			return cli_usage(SEARCH_USAGE);
		}
	}
	if (query == NULL) {
		json_decref(l.arr);
		return cli_usage(SEARCH_USAGE);
	}
	if ((s = cli_open_store(cli)) == NULL) {
		json_decref(l.arr);
		return 1;
	}
	rc = store_search(s, query, limit, list_article, &l, &e);
	store_close(s);
	if (rc == 0 && l.arr == NULL && l.n == 0)
		printf("no articles match \"%s\"\n", query);
	return finish(&l, rc, "search", &e);
}

int
cmd_check(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct err e = { 0 };
	int64_t n = 0;
	int rc;

	UNUSED(argv);
	if (argc != 1)
		return cli_usage("check");
	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	rc = store_check(s, &e);
	if (rc == 0)
		rc = store_article_count(s, &n, &e);
	store_close(s);
	if (rc != 0)
		return cli_fail("check: %s", e.msg);
	printf("ok: database sound, %" PRId64 " articles\n", n);
	return 0;
}
