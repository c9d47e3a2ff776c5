/*
 * core/refresh.c: one ingest round (see refresh.h).
 */
#include "base/common.h"

#include <inttypes.h>
#include <stdio.h>

#include "base/clock.h"
#include "base/log.h"
#include "core/config.h"
#include "core/refresh.h"
#include "core/schedule.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "store/store.h"

/* Publication times considered when adapting the polling interval. */
#define REFRESH_RECENT_ITEMS 20

struct job {
	struct store_source src;
};

struct round {
	struct store *store;
	const struct config *cfg;
	const struct refresh_opts *opts;
	struct refresh_stats *st;
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	int64_t now;
};

/* The sink of one source's parse: every item goes straight to the store
 * inside the source's transaction. */
struct ingest {
	struct store *store;
	int64_t source_id;
	int64_t now;
	size_t inserted, updated, unchanged;
	struct err err;
};

static int
ingest_item(void *ctx, struct item *it)
{
	struct ingest *in = ctx;
	enum store_upsert_outcome outcome;
	int rc;

	rc = store_article_upsert(in->store, in->source_id, it, in->now,
	    &outcome, &in->err);
	item_free(it);
	if (rc != 0)
		return rc;
	if (outcome == STORE_INSERTED)
		in->inserted++;
	else if (outcome == STORE_UPDATED)
		in->updated++;
	else
		in->unchanged++;
	return 0;
}

static int
push_chunk(void *ctx, const char *data, size_t n)
{
	struct feed_parser *p = ((void **)ctx)[0];
	struct err *e = ((void **)ctx)[1];

	return feed_parser_push(p, data, n, e);
}

static void
set_string(char **field, const char *value)
{
	char *copy;

	if (value == NULL || (copy = strdup(value)) == NULL)
		return;
	free(*field);
	*field = copy;
}

static void
set_error(struct store_source *src, const char *fmt, const char *detail)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, detail);
	set_string(&src->last_error, msg);
}

/* Parse the body and store its items; fills feed. Runs inside the source's
 * transaction. */
static int
ingest_body(struct round *r, struct store_source *src,
    struct fetch_result *res, struct feed *feed, struct ingest *in,
    struct err *e)
{
	struct feed_opts fo = { 0 };
	struct feed_sink sink = { in, ingest_item };
	struct feed_parser *p;
	void *pctx[2];
	int rc;

	fo.base_url = res->final_url ? res->final_url : src->url;
	fo.charset = res->charset;
	fo.max_items = (size_t)r->cfg->feed_max_items;
	if ((p = feed_parser_new(&fo, &sink)) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	pctx[0] = p;
	pctx[1] = e;
	rc = fetch_body_read(res->body, push_chunk, pctx);
	if (rc == 0)
		rc = feed_parser_finish(p, feed, e);
	feed_parser_free(p);
	if (rc != 0 && in->err.code != 0)
		*e = in->err; /* the store failed, not the feed */
	return rc;
}

static void
schedule_source(struct round *r, struct store_source *src, bool success,
    const struct fetch_result *res, int ttl_minutes)
{
	struct schedule_policy pol = {
		r->cfg->schedule_min_interval, r->cfg->schedule_max_interval,
		r->cfg->schedule_backoff_max };
	struct schedule_input in = { 0 };
	int64_t recent[REFRESH_RECENT_ITEMS];
	size_t n = 0;

	in.now = r->now;
	in.success = success;
	in.fail_count = src->fail_count;
	in.max_age = -1;
	if (res) {
		in.retry_after = res->retry_after;
		in.max_age = res->max_age;
		in.expires = res->expires;
	}
	in.ttl_seconds = (int64_t)ttl_minutes * 60;
	if (success && store_source_recent_times(r->store, src->id, recent,
	    ARRAY_LEN(recent), &n, NULL) == 0) {
		in.recent = recent;
		in.n_recent = n;
	}
	src->next_fetch = schedule_next(&pol, &in);
}

static void
save_state(struct round *r, struct store_source *src)
{
	struct err e = { 0 };

	if (store_source_save_fetch(r->store, src, &e) != 0)
		log_error("source=%" PRId64 " cannot save fetch state: %s",
		    src->id, e.msg);
}

static void
record_failure(struct round *r, struct store_source *src,
    const struct fetch_result *res)
{
	struct err e = { 0 };

	src->fail_count++;
	r->st->failed++;
	schedule_source(r, src, false, res, 0);
	if (store_begin(r->store, &e) == 0) {
		save_state(r, src);
		if (store_commit(r->store, &e) != 0)
			store_rollback(r->store);
	}
	log_warn("source=%" PRId64 " %s failed: %s (retry in %" PRId64 "s)",
	    src->id, src->url, src->last_error ? src->last_error : "?",
	    src->next_fetch - r->now);
}

static void
on_done(void *ctx, const struct fetch_request *req, struct fetch_result *res)
{
	struct round *r = ctx;
	struct job *job = &r->jobs[(size_t)(uintptr_t)req->user];
	struct store_source *src = &job->src;
	struct ingest in = { 0 };
	struct feed feed;
	struct err e = { 0 };
	int64_t t0 = clock_mono_ms();
	int rc;

	feed_init(&feed);
	if (res->code == ERR_STOPPED)
		goto out; /* not attempted: leave the source as it was */
	r->now = clock_now();
	src->last_fetch = r->now;
	src->last_status = (int)res->status;
	if (res->moved_to) {
		log_info("source=%" PRId64 " moved permanently to %s",
		    src->id, res->moved_to);
		set_string(&src->url, res->moved_to);
	}
	if (res->code != 0) {
		set_error(src, "%s", res->error[0] ? res->error
		    : err_name(res->code));
		record_failure(r, src, res);
		goto out;
	}
	if (res->status == 410) {
		src->disabled = true;
		set_error(src, "%s", "410 Gone: the publisher removed this "
		    "feed; source disabled");
		record_failure(r, src, res);
		goto out;
	}
	if (res->status == 304) {
		src->fail_count = 0;
		src->last_success = r->now;
		FREE_NULL(src->last_error);
		r->st->not_modified++;
		schedule_source(r, src, true, res, 0);
		if (store_begin(r->store, &e) == 0) {
			save_state(r, src);
			if (store_commit(r->store, &e) != 0)
				store_rollback(r->store);
		}
		log_info("source=%" PRId64 " not modified", src->id);
		goto out;
	}
	if (res->status != 200) {
		char status[64];

		snprintf(status, sizeof(status), "HTTP %ld", res->status);
		set_error(src, "%s", status);
		record_failure(r, src, res);
		goto out;
	}

	in.store = r->store;
	in.source_id = src->id;
	in.now = r->now;
	if ((rc = store_begin(r->store, &e)) == 0)
		rc = ingest_body(r, src, res, &feed, &in, &e);
	if (rc != 0) {
		store_rollback(r->store);
		set_error(src, "%s", e.msg[0] ? e.msg : err_name(rc));
		record_failure(r, src, res);
		goto out;
	}
	if (feed.title && (src->title == NULL || src->title[0] == '\0'))
		set_string(&src->title, feed.title);
	if (feed.home_page_url)
		set_string(&src->site_url, feed.home_page_url);
	set_string(&src->etag, res->etag);
	set_string(&src->last_modified, res->last_modified);
	src->fail_count = 0;
	src->last_success = r->now;
	FREE_NULL(src->last_error);
	if (feed.bozo)
		set_error(src, "recovered from ill-formed feed: %s",
		    feed.error ? feed.error : "?");
	schedule_source(r, src, true, res, feed.ttl_minutes);
	save_state(r, src);
	if (store_commit(r->store, &e) != 0) {
		store_rollback(r->store);
		set_error(src, "%s", e.msg);
		record_failure(r, src, res);
		goto out;
	}
	r->st->ok++;
	r->st->items_new += in.inserted;
	r->st->items_updated += in.updated;
	r->st->items_unchanged += in.unchanged;
	log_info("source=%" PRId64 " fetched %s: %zu new, %zu updated, "
	    "%zu unchanged in %" PRId64 " ms%s", src->id, src->url,
	    in.inserted, in.updated, in.unchanged, clock_mono_ms() - t0,
	    feed.bozo ? " (ill-formed feed recovered)" : "");
out:
	feed_release(&feed);
	fetch_result_release(res);
	r->st->sources_done++;
	if (r->opts->progress)
		r->opts->progress(r->opts->ctx, r->st);
}

static int
collect(void *ctx, const struct store_source *src)
{
	struct round *r = ctx;
	struct job *grown;
	struct store_source *dst;

	if (src->paused || src->disabled)
		return 0;
	if (r->opts->source_id && src->id != r->opts->source_id)
		return 0;
	if (r->n_jobs == r->cap_jobs) {
		size_t cap = r->cap_jobs ? r->cap_jobs * 2 : 64;

		if ((grown = realloc(r->jobs, cap * sizeof(*grown))) == NULL)
			return ERR_NOMEM;
		r->jobs = grown;
		r->cap_jobs = cap;
	}
	dst = &r->jobs[r->n_jobs].src;
	*dst = *src;
	dst->url = src->url ? strdup(src->url) : NULL;
	dst->title = src->title ? strdup(src->title) : NULL;
	dst->site_url = src->site_url ? strdup(src->site_url) : NULL;
	dst->group_name = src->group_name ? strdup(src->group_name) : NULL;
	dst->etag = src->etag ? strdup(src->etag) : NULL;
	dst->last_modified = src->last_modified ? strdup(src->last_modified)
	    : NULL;
	dst->last_error = src->last_error ? strdup(src->last_error) : NULL;
	r->n_jobs++;
	if (dst->url == NULL)
		return ERR_NOMEM;
	return 0;
}

int
refresh_run(struct store *s, const struct config *cfg,
    const struct refresh_opts *o, struct refresh_stats *st, struct err *e)
{
	struct round r = { 0 };
	struct fetch_config fc;
	struct fetcher *f = NULL;
	size_t i;
	int rc;

	memset(st, 0, sizeof(*st));
	st->started_ms = clock_mono_ms();
	r.store = s;
	r.cfg = cfg;
	r.opts = o;
	r.st = st;
	r.now = clock_now();
	rc = store_source_each(s, o->all || o->source_id ? -1 : r.now,
	    collect, &r, e);
	if (rc != 0)
		goto out;
	st->sources_total = r.n_jobs;
	if (r.n_jobs == 0)
		goto out;

	fetch_config_defaults(&fc);
	fc.timeout_ms = (long)cfg->fetch_timeout * 1000;
	fc.max_body = (size_t)cfg->fetch_max_body;
	fc.max_redirects = (int)cfg->fetch_max_redirects;
	fc.max_total = (int)cfg->fetch_max_total;
	fc.max_per_host = (int)cfg->fetch_max_per_host;
	fc.allow_private = cfg->fetch_allow_private;
	fc.allow_file = true;
	fc.user_agent = cfg->fetch_user_agent;
	if ((f = fetcher_new(&fc)) == NULL) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < r.n_jobs; i++) {
		struct fetch_request req = { 0 };

		req.url = r.jobs[i].src.url;
		req.etag = r.jobs[i].src.etag;
		req.last_modified = r.jobs[i].src.last_modified;
		req.user = (void *)(uintptr_t)i;
		if ((rc = fetcher_add(f, &req)) != 0) {
			err_set(e, rc, "cannot queue %s", req.url);
			goto out;
		}
	}
	rc = fetcher_run(f, on_done, &r, o->stop);
	if (rc != 0 && rc != ERR_STOPPED)
		err_set(e, rc, "fetching failed: %s", err_name(rc));
	else
		rc = 0;
out:
	fetcher_free(f);
	for (i = 0; i < r.n_jobs; i++)
		store_source_release(&r.jobs[i].src);
	free(r.jobs);
	return rc;
}

static int
earliest(void *ctx, const struct store_source *src)
{
	int64_t *min = ctx;

	if (!src->paused && !src->disabled && src->next_fetch < *min)
		*min = src->next_fetch;
	return 0;
}

int
refresh_next_due(struct store *s, int64_t *out, struct err *e)
{
	*out = INT64_MAX;
	return store_source_each(s, -1, earliest, out, e);
}
