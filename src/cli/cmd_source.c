/*
 * cli/cmd_source.c: `tidings source add|list|remove|pause|resume`.
 */
#include "base/common.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "base/str.h"
#include "cli/cli_int.h"
#include "core/sources.h"
#include "store/store.h"

#define SOURCE_USAGE \
	"source add URL|FILE [--group NAME]\n" \
	"       tidings source list [--json]\n" \
	"       tidings source remove|pause|resume ID"

struct store *
cli_open_store(struct cli *cli)
{
	struct store *s = NULL;
	struct err e = { 0 };

	if (store_open(cli->cfg.db_path, &s, &e) != 0) {
		cli_fail("%s: %s", cli->cfg.db_path, e.msg);
		return NULL;
	}
	return s;
}

const char *
cli_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0)
		return strcpy(out, "never");
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%MZ", &tm);
	return out;
}

static int
source_add(struct cli *cli, int argc, char **argv)
{
	const char *input = NULL, *group = NULL;
	struct sources_added added;
	struct store *s;
	struct err e = { 0 };
	int i, rc;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--group") && i + 1 < argc)
			group = argv[++i];
		else if (input == NULL && argv[i][0] != '-')
			input = argv[i];
		else
			return cli_usage(SOURCE_USAGE);
	}
	if (input == NULL)
		return cli_usage(SOURCE_USAGE);
	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	rc = sources_add(s, &cli->cfg, input, group, &added, &e);
	store_close(s);
	if (rc != 0)
		return cli_fail("source add: %s", e.msg);
	printf("%s source %" PRId64 ": %s%s%s\n",
	    added.existed ? "already have" : "added", added.id, added.url,
	    added.title ? " — " : "", added.title ? added.title : "");
	sources_added_release(&added);
	return 0;
}

static int
print_source(void *ctx, const struct store_source *src)
{
	char last[32], next[32];
	const char *state = src->disabled ? "disabled" : src->paused
	    ? "paused" : "active";

	UNUSED(ctx);
	printf("%" PRId64 "\t%s\t%s\t%s\tlast %s\tnext %s\t%" PRId64
	    " articles\t%s\n", src->id, state,
	    src->title ? src->title : "(untitled)", src->url,
	    cli_time(src->last_fetch, last), cli_time(src->next_fetch, next),
	    src->article_count, src->last_error ? src->last_error : "ok");
	return 0;
}

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int
json_source(void *ctx, const struct store_source *src)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(src->id));
	json_object_set_new(o, "url", jstr(src->url));
	json_object_set_new(o, "title", jstr(src->title));
	json_object_set_new(o, "site_url", jstr(src->site_url));
	json_object_set_new(o, "group", jstr(src->group_name));
	json_object_set_new(o, "last_fetch", json_integer(src->last_fetch));
	json_object_set_new(o, "last_success",
	    json_integer(src->last_success));
	json_object_set_new(o, "next_fetch", json_integer(src->next_fetch));
	json_object_set_new(o, "fail_count", json_integer(src->fail_count));
	json_object_set_new(o, "last_status", json_integer(src->last_status));
	json_object_set_new(o, "last_error", jstr(src->last_error));
	json_object_set_new(o, "etag", jstr(src->etag));
	json_object_set_new(o, "last_modified", jstr(src->last_modified));
	json_object_set_new(o, "paused", json_boolean(src->paused));
	json_object_set_new(o, "disabled", json_boolean(src->disabled));
	json_object_set_new(o, "articles", json_integer(src->article_count));
	json_array_append_new(ctx, o);
	return 0;
}

static int
source_list(struct cli *cli, int argc, char **argv)
{
	bool as_json = argc == 3 && !strcmp(argv[2], "--json");
	struct store *s;
	struct err e = { 0 };
	json_t *arr = NULL;
	int rc;

	if (argc > 3 || (argc == 3 && !as_json))
		return cli_usage(SOURCE_USAGE);
	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	if (as_json) {
		arr = json_array();
		rc = store_source_each(s, -1, json_source, arr, &e);
		if (rc == 0) {
			char *text = json_dumps(arr, JSON_INDENT(2));

			puts(text ? text : "[]");
			free(text);
		}
		json_decref(arr);
	} else {
		rc = store_source_each(s, -1, print_source, NULL, &e);
	}
	store_close(s);
	return rc ? cli_fail("source list: %s", e.msg) : 0;
}

static int
source_by_id(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct err e = { 0 };
	int64_t id;
	int rc;

	if (argc != 3 || str_to_i64(str_from(argv[2]), 1, INT64_MAX, &id))
		return cli_usage(SOURCE_USAGE);
	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	if (!strcmp(argv[1], "remove"))
		rc = store_source_remove(s, id, &e);
	else
		rc = store_source_set_paused(s, id, !strcmp(argv[1], "pause"),
		    &e);
	store_close(s);
	if (rc != 0)
		return cli_fail("source %s %" PRId64 ": %s", argv[1], id,
		    e.msg[0] ? e.msg : err_name(rc));
	printf("source %" PRId64 " %s\n", id, !strcmp(argv[1], "remove")
	    ? "removed" : !strcmp(argv[1], "pause") ? "paused" : "resumed");
	return 0;
}

int
cmd_source(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(SOURCE_USAGE);
	if (!strcmp(argv[1], "add"))
		return source_add(cli, argc, argv);
	if (!strcmp(argv[1], "list"))
		return source_list(cli, argc, argv);
	if (!strcmp(argv[1], "remove") || !strcmp(argv[1], "pause") ||
	    !strcmp(argv[1], "resume"))
		return source_by_id(cli, argc, argv);
	return cli_usage(SOURCE_USAGE);
}
