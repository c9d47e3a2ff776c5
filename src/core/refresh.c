/*
 * core/refresh.c: one ingest round (see refresh.h).
 *
 * Fetched bodies are parsed on a worker thread (core/parse_pipe.h) while
 * this thread stores the sources parsed before them, one source at a
 * time in fetch order. Items are stored in batches of REFRESH_BATCH_ITEMS
 * as the parser streams them: a batch first teaches the analyzer its
 * plain tags, so a glued tag string may split on tags that come later in
 * the same feed; then each item gets its tag keys, is stored and, when new or changed,
 * analysed (core/analyze.h) with its boilerplate decided by the store's
 * per-source paragraph counts. When a paragraph becomes boilerplate, the
 * source's earlier articles holding it are analysed again before the
 * source's transaction commits. Teaser-only items are queued for their
 * linked pages, which are fetched, extracted and analysed once every feed
 * of the round is stored (at most fetch.full_text_max pages a round).
 */
#include "base/common.h"

#include <inttypes.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "core/analyze.h"
#include "core/config.h"
#include "core/parse_pipe.h"
#include "core/refresh.h"
#include "core/schedule.h"
#include "extract/extract.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "nlp/tags.h"
#include "store/store.h"

/* Publication times considered when adapting the polling interval. */
#define REFRESH_RECENT_ITEMS 20
/* Items held before they are stored (see the opening comment). */
#define REFRESH_BATCH_ITEMS 256
/* Parsed batches waiting to be stored: bounds the memory the parse
 * worker can run ahead with (a batch of 256 items is ~2 MB; two keep
 * it busy while one is stored). */
#define REFRESH_PARSED_MAX 2
/* Fetched bodies waiting for the parse worker (see store_parsed). */
#define REFRESH_PARSE_AHEAD 16
/* Earlier articles re-analysed per source round after crossings. */
#define REFRESH_REANALYSE_MAX 10000
/* Items kept to the end of the round for another try at their glued
 * tags, once every feed's tags are known. */
#define REFRESH_RETAG_MAX 2000
/* Bytes of a linked page handed to the extractor. */
#define REFRESH_PAGE_MAX EXTRACT_MAX_INPUT

struct job {
	struct store_source src;
	struct fetch_result res;  /* while its body is parsed (no body) */
	int64_t t0;               /* when the fetch completed, ms */
};

/* An item whose glued tags may split at the end of the round. */
struct retag {
	int64_t source_id;
	char *lang;          /* the feed's declared language, or NULL */
	struct item *it;
};

/* A linked page to fetch for an article's full text. */
struct page {
	int64_t id;
	int64_t source_id;
	size_t n_feed_tags;  /* tags the feed gave (keyphrases come on top) */
	char *url;
};

struct round {
	struct store *store;
	const struct config *cfg;
	const struct refresh_opts *opts;
	struct refresh_stats *st;
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	int64_t now;
	struct analyzer *az;     /* NULL: analysis disabled */
	struct page *pages;
	size_t n_pages, cap_pages;
	struct retag *retags;
	size_t n_retags, cap_retags;
	int64_t group_ms;        /* when the open commit group started */
	/* What the round had done when the open group started, to undo if
	 * the group is lost (see group_lost). */
	struct refresh_stats group_st;
	size_t group_pages, group_retags;
	struct parse_pipe *pipe; /* parses bodies while sources are stored */
};

/* Sources completed within this many milliseconds share one commit (see
 * store_group_begin): per-source commits rewrote the same B-tree and FTS
 * pages into the WAL a thousand times per 1,000-feed round. Each source
 * stays its own all-or-nothing unit; readers wait at most this long. */
#define REFRESH_GROUP_MS 1000

static void drop_pages(struct round *r, size_t mark);
static void drop_retags(struct round *r, size_t mark);

static void
group_mark(struct round *r)
{
	r->group_ms = clock_mono_ms();
	r->group_st = *r->st;
	r->group_pages = r->n_pages;
	r->group_retags = r->n_retags;
}

/* The open group was rolled back (its commit failed, or a unit without a
 * savepoint did): the sources it held are stored as they were before and
 * come due again, and the pages queued for its articles name ids that
 * no longer exist. */
static void
group_lost(struct round *r)
{
	size_t lost = r->st->ok - r->group_st.ok;

	log_error("%zu sources stored in the last %" PRId64 " ms were rolled "
	    "back; they will be fetched again", lost,
	    clock_mono_ms() - r->group_ms);
	drop_pages(r, r->group_pages);
	drop_retags(r, r->group_retags);
	r->st->ok = r->group_st.ok;
	r->st->failed += lost;
	r->st->items_new = r->group_st.items_new;
	r->st->items_updated = r->group_st.items_updated;
	r->st->items_unchanged = r->group_st.items_unchanged;
	r->st->analyzed = r->group_st.analyzed;
	r->st->boilerplate_crossed = r->group_st.boilerplate_crossed;
}

/* Commit the open group once it is old enough and start the next
 * (force: commit now and start none). */
static void
group_tick(struct round *r, bool force)
{
	struct err e = { 0 };

	if (r->store == NULL ||
	    (!force && clock_mono_ms() - r->group_ms < REFRESH_GROUP_MS))
		return;
	if (store_group_end(r->store, &e) != 0) {
		log_error("cannot commit ingested sources: %s", e.msg);
		group_lost(r);
	}
	group_mark(r);
	if (!force && store_group_begin(r->store, &e) != 0)
		log_error("cannot start a commit group: %s", e.msg);
}

/* The sink of one source's parse: items go to the store in batches
 * inside the source's transaction. */
struct ingest {
	struct round *r;
	struct store *store;
	int64_t source_id;
	bool full_text;          /* the source wants every linked page */
	bool local;              /* a file:// source: an offline import */
	int64_t now;
	const char *feed_lang;   /* once the feed's own fields are known */
	struct item *batch[REFRESH_BATCH_ITEMS];
	size_t n_batch;
	uint64_t *crossed;       /* fingerprints that became boilerplate */
	size_t n_crossed, cap_crossed;
	bool reanalysing;
	bool retagging;          /* the round's end: no retention, no pages */
	struct analysis an;      /* reused from article to article */
	size_t inserted, updated, unchanged;
	struct err err;
};

/* The analysis of one article asks the store which fingerprints are
 * boilerplate, recording the article's fingerprints on the way. */
struct bp_ctx {
	struct ingest *in;
	int64_t id;
};

static int
bp_from_store(void *arg, const uint64_t *fps, size_t n, bool *is_bp)
{
	struct bp_ctx *c = arg;
	struct ingest *in = c->in;
	uint64_t *crossed;
	size_t nc = 0;
	int rc;

	if (n > STORE_PARAGRAPHS_MAX)
		n = STORE_PARAGRAPHS_MAX; /* the rest count as main text */
	if (in->n_crossed + n > in->cap_crossed) {
		size_t cap = (in->n_crossed + n) * 2;

		crossed = realloc(in->crossed, cap * sizeof(*crossed));
		if (crossed == NULL)
			return ERR_NOMEM;
		in->crossed = crossed;
		in->cap_crossed = cap;
	}
	rc = store_paragraphs_set(in->store, in->source_id, c->id, fps, n,
	    (int)in->r->cfg->boilerplate_threshold, is_bp,
	    in->crossed + in->n_crossed, &nc, &in->err);
	if (rc != 0)
		return rc;
	/* Crossings found while re-analysing need no further round. */
	if (!in->reanalysing)
		in->n_crossed += nc;
	in->r->st->boilerplate_crossed += nc;
	return 0;
}

/* An entity's key across articles: its folded words, joined. */
static int
entity_key(const char *name, struct buf *out)
{
	size_t j = 0;
	int rc;

	buf_reset(out);
	if ((rc = tag_fold(name, strlen(name), out)) != 0)
		return rc;
	for (size_t i = 0; i < out->len; i++)
		if (out->p[i] != ' ')
			out->p[j++] = out->p[i];
	buf_truncate(out, j);
	return buf_cstr(out) ? 0 : ERR_NOMEM;
}

/* Save an analysis; tags, when given, stand in for the keyphrase tags. */
static int
save_analysis(struct store *s, int64_t id, const struct analysis *an,
    const struct store_tag_in *keep, size_t n_keep, struct err *e)
{
	struct store_analysis sa = { 0 };
	struct store_entity_in *ents = NULL;
	struct store_tag_in *tags = NULL;
	char **keys = NULL;
	struct buf key = BUF_INIT;
	size_t ne = 0, i;
	int rc = ERR_NOMEM;

	if (an->entities.n > 0) {
		ents = calloc(an->entities.n, sizeof(*ents));
		keys = calloc(an->entities.n, sizeof(*keys));
		if (ents == NULL || keys == NULL)
			goto out;
	}
	for (i = 0; i < an->entities.n; i++) {
		const struct entity *en = &an->entities.v[i];

		if (entity_key(en->name, &key) != 0)
			goto out;
		if (key.len == 0)
			continue;
		if ((keys[ne] = strdup(buf_cstr(&key))) == NULL)
			goto out;
		ents[ne].key = keys[ne];
		ents[ne].name = en->name;
		ents[ne].type = entity_type_name(en->type);
		ents[ne].count = (int)en->count;
		ne++;
	}
	if (keep == NULL && an->n_extra_tags > 0) {
		if ((tags = calloc(an->n_extra_tags, sizeof(*tags))) == NULL)
			goto out;
		for (i = 0; i < an->n_extra_tags; i++) {
			tags[i].key = an->extra_tags[i].key;
			tags[i].spelling = an->extra_tags[i].tag;
		}
	}
	sa.lang = an->lang;
	sa.ai_summary = an->summary.text;
	sa.key_points = (const char *const *)an->summary.key_points;
	sa.n_key_points = an->summary.n_key_points;
	/* Nothing folded: the main body is the stored body itself, and
	 * readers fall back to it (a copy cost ~3 KB of writes an article). */
	sa.body_main = an->body_background ? an->body_main : NULL;
	sa.body_background = an->body_background;
	sa.entities = ents;
	sa.n_entities = ne;
	sa.tags = keep ? keep : tags;
	sa.n_tags = keep ? n_keep : tags ? an->n_extra_tags : 0;
	sa.version = ANALYZE_VERSION;
	rc = store_article_save_analysis(s, id, &sa, e);
out:
	if (rc == ERR_NOMEM && (e == NULL || e->code != ERR_NOMEM))
		err_set(e, ERR_NOMEM, "out of memory");
	for (i = 0; keys && i < ne; i++)
		free(keys[i]);
	free(keys);
	free(ents);
	free(tags);
	buf_release(&key);
	return rc;
}

static int
analyse_and_save(struct ingest *in, int64_t id,
    const struct analyze_input *ai, const struct store_tag_in *keep,
    size_t n_keep)
{
	struct bp_ctx c = { in, id };
	int rc;

	rc = analyze_article(in->r->az, ai, bp_from_store, &c, &in->an,
	    &in->err);
	if (rc == 0)
		rc = save_analysis(in->store, id, &in->an, keep, n_keep,
		    &in->err);
	if (rc == 0)
		in->r->st->analyzed++;
	return rc;
}

static const char *
item_lang(const struct ingest *in, const struct item *it)
{
	return it->language ? it->language : in->feed_lang;
}

static bool
is_web_url(const char *url)
{
	return url && (!strncasecmp(url, "http://", 7) ||
	    !strncasecmp(url, "https://", 8));
}

/* Queue the item's linked page when its body is only a teaser (or the
 * source wants every page), within the round's budget. */
static int
queue_page(struct ingest *in, int64_t id, const struct item *it)
{
	struct round *r = in->r;
	struct page *p;

	/* A local file is read offline (imports, the demo): its links are
	 * not followed. */
	if (in->local || !is_web_url(it->url))
		return 0;
	if (!in->full_text && !analyze_is_teaser(it->content_text,
	    it->summary))
		return 0;
	if (r->n_pages >= (size_t)r->cfg->full_text_max)
		return 0;
	if (r->n_pages == r->cap_pages) {
		size_t cap = r->cap_pages ? r->cap_pages * 2 : 32;

		if ((p = realloc(r->pages, cap * sizeof(*p))) == NULL)
			return ERR_NOMEM;
		r->pages = p;
		r->cap_pages = cap;
	}
	p = &r->pages[r->n_pages];
	if ((p->url = strdup(it->url)) == NULL)
		return ERR_NOMEM;
	p->id = id;
	p->source_id = in->source_id;
	p->n_feed_tags = it->n_tags;
	r->n_pages++;
	return 0;
}

/* Keep the item for the round's end when its tags look glued. Returns
 * true when the round took it. */
static bool
retain(struct ingest *in, struct item *it)
{
	struct round *r = in->r;
	struct retag *t;

	if (r->az == NULL || in->retagging || r->n_retags >=
	    REFRESH_RETAG_MAX || !analyzer_item_looks_glued(it))
		return false;
	if (r->n_retags == r->cap_retags) {
		size_t cap = r->cap_retags ? r->cap_retags * 2 : 16;

		if ((t = realloc(r->retags, cap * sizeof(*t))) == NULL)
			return false;
		r->retags = t;
		r->cap_retags = cap;
	}
	t = &r->retags[r->n_retags];
	t->lang = NULL;
	if (in->feed_lang && (t->lang = strdup(in->feed_lang)) == NULL)
		return false;
	t->source_id = in->source_id;
	t->it = it;
	r->n_retags++;
	return true;
}

static int
store_one(struct ingest *in, struct item *it)
{
	enum store_upsert_outcome outcome;
	const char *lang = item_lang(in, it);
	int64_t id = 0;
	int rc;

	if (in->r->az && (rc = analyzer_item_tags(in->r->az, it, lang, true))
	    != 0)
		return err_set(&in->err, rc, "out of memory");
	rc = store_article_put(in->store, in->source_id, it, in->now,
	    &outcome, &id, &in->err);
	if (rc != 0)
		return rc;
	if (outcome == STORE_INSERTED)
		in->inserted++;
	else if (outcome == STORE_UPDATED)
		in->updated++;
	else
		in->unchanged++;
	if (outcome == STORE_UNCHANGED)
		return 0;
	if (in->r->az) {
		struct analyze_input ai = { 0 };

		ai.title = it->title;
		ai.html = it->content_html;
		ai.text = it->content_text ? it->content_text : it->summary;
		ai.lang = lang;
		ai.tag_keys = (const char *const *)it->tag_keys;
		ai.n_tag_keys = it->tag_keys ? it->n_tags : 0;
		ai.n_tags = it->n_tags;
		if ((rc = analyse_and_save(in, id, &ai, NULL, 0)) != 0)
			return rc;
	}
	if (!in->retagging && (rc = queue_page(in, id, it)) != 0)
		return err_set(&in->err, rc, "out of memory");
	return 0;
}

/* Store the held items: tags learnt first, then each one stored. */
static int
flush_batch(struct ingest *in)
{
	size_t i;
	int rc = 0;

	if (in->r->az)
		for (i = 0; i < in->n_batch && rc == 0; i++)
			rc = analyzer_learn_tags(in->r->az, in->batch[i],
			    item_lang(in, in->batch[i]));
	if (rc != 0)
		err_set(&in->err, rc, "out of memory");
	for (i = 0; i < in->n_batch; i++) {
		if (rc == 0)
			rc = store_one(in, in->batch[i]);
		if (rc != 0 || !retain(in, in->batch[i]))
			item_free(in->batch[i]);
	}
	in->n_batch = 0;
	return rc;
}

/* Forget the pages queued since mark (their articles were rolled back). */
static void
drop_pages(struct round *r, size_t mark)
{
	while (r->n_pages > mark)
		free(r->pages[--r->n_pages].url);
}

static void
drop_retags(struct round *r, size_t mark)
{
	while (r->n_retags > mark) {
		struct retag *t = &r->retags[--r->n_retags];

		free(t->lang);
		item_free(t->it);
	}
}

static int handle_crossings(struct ingest *in);

/* The round's end: items whose glued tags split now that every feed's
 * tags are known are stored again with the pieces (their hash changes
 * with the tags, so this is an update, and the next fetch of the same
 * feed finds them unchanged). One transaction per item. */
static void
retag_round(struct round *r)
{
	for (size_t i = 0; i < r->n_retags; i++) {
		struct retag *t = &r->retags[i];
		struct ingest in;
		int rc;

		if (!analyzer_item_splits(r->az, t->it, t->it->language ?
		    t->it->language : t->lang))
			continue;
		memset(&in, 0, sizeof(in));
		in.r = r;
		in.store = r->store;
		in.source_id = t->source_id;
		in.now = r->now;
		in.feed_lang = t->lang;
		in.retagging = true;
		rc = store_begin(r->store, &in.err);
		if (rc == 0)
			rc = store_one(&in, t->it);
		if (rc == 0 && in.n_crossed > 0)
			rc = handle_crossings(&in);
		if (rc == 0)
			rc = store_commit(r->store, &in.err);
		if (rc != 0) {
			store_rollback(r->store);
			log_warn("source=%" PRId64 " cannot store split tags: %s",
			    t->source_id, in.err.msg);
		}
		free(in.crossed);
		analysis_release(&in.an);
	}
	drop_retags(r, 0);
}

/* A tag stored before its pieces were known is split in the store: one
 * transaction per tag. Returns 0 when stored, 1 when not (the tag is then
 * tried again when the index next grows). */
static int
store_split(void *ctx, const char *key, const char *const *keys,
    const char *const *spellings, size_t n)
{
	struct round *r = ctx;
	struct store_tag_in v[TAG_SPLIT_MAX_PIECES];
	struct err e = { 0 };
	int rc;

	for (size_t i = 0; i < n && i < ARRAY_LEN(v); i++) {
		v[i].key = keys[i];
		v[i].spelling = spellings[i];
	}
	rc = store_begin(r->store, &e);
	if (rc == 0)
		rc = store_tag_split(r->store, key, v, n, &e);
	if (rc == 0)
		rc = store_commit(r->store, &e);
	if (rc == 0)
		return 0;
	store_rollback(r->store);
	log_warn("cannot split the stored tag %s: %s", key, e.msg);
	return 1;
}

/* The round's end, after retag_round: tags of earlier articles (this
 * round's or older) that the tags learnt since show to be glued. */
static void
resplit_round(struct round *r)
{
	if (analyzer_resplit(r->az, store_split, r) != 0)
		log_warn("cannot split stored tags: out of memory");
}

static int
collect_id(void *ctx, int64_t id)
{
	struct buf *ids = ctx;

	if (ids->len / sizeof(id) >= REFRESH_REANALYSE_MAX)
		return 1;
	return buf_append(ids, &id, sizeof(id));
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int
keep_tags(const struct store_article *a, struct store_tag_in **out)
{
	*out = NULL;
	if (a->n_tags == 0 || a->tag_keys == NULL)
		return 0;
	if ((*out = calloc(a->n_tags, sizeof(**out))) == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < a->n_tags; i++) {
		(*out)[i].key = a->tag_keys[i];
		(*out)[i].spelling = a->tags[i];
	}
	return 0;
}

/* Analyse a stored article again (its boilerplate changed, or its body).
 * n_feed_tags: how many of its tags the feed gave, or KEEP_TAGS to leave
 * its tags as they are (the stored tags do not say which came from
 * keyphrases, so without that count they are not recomputed). */
#define KEEP_TAGS SIZE_MAX
static int
reanalyse(struct ingest *in, int64_t id, size_t n_feed_tags)
{
	bool keep = n_feed_tags == KEEP_TAGS;
	struct store_article a = { 0 };
	struct analyze_input ai = { 0 };
	struct store_tag_in *kt = NULL;
	int rc;

	if ((rc = store_article_get(in->store, id, &a, &in->err)) != 0)
		return rc == ERR_NOTFOUND ? 0 : rc;
	ai.title = a.title;
	ai.html = a.content_html;
	ai.text = a.content_text;
	ai.lang = a.language;
	ai.tag_keys = (const char *const *)a.tag_keys;
	ai.n_tag_keys = a.tag_keys ? a.n_tags : 0;
	ai.n_tags = keep ? SIZE_MAX / 2 : n_feed_tags;
	if (keep && (rc = keep_tags(&a, &kt)) != 0)
		err_set(&in->err, rc, "out of memory");
	if (rc == 0) {
		/* An article without tags keeps none: an empty list. */
		static const struct store_tag_in none;

		rc = analyse_and_save(in, id, &ai, keep ? (kt ? kt : &none)
		    : NULL, kt ? a.n_tags : 0);
	}
	free(kt);
	store_article_release(&a);
	return rc;
}

/* The source's articles holding a paragraph that just became boilerplate
 * are analysed again, so the earliest fold it too. */
static int
handle_crossings(struct ingest *in)
{
	struct buf ids = BUF_INIT;
	int64_t *v;
	size_t n, i;
	int rc = 0;

	rc = store_paragraph_articles(in->store, in->source_id, in->crossed,
	    in->n_crossed, collect_id, &ids, &in->err);
	if (rc == 1)
		rc = 0; /* enough */
	in->n_crossed = 0;
	if (rc != 0 || ids.len == 0)
		goto out;
	v = (int64_t *)(void *)ids.p;
	n = ids.len / sizeof(*v);
	qsort(v, n, sizeof(*v), cmp_i64);
	in->reanalysing = true;
	for (i = 0; i < n && rc == 0; i++)
		if (i == 0 || v[i] != v[i - 1])
			rc = reanalyse(in, v[i], KEEP_TAGS);
	in->reanalysing = false;
out:
	buf_release(&ids);
	return rc;
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

/* Roll back a source's unit; when that took the whole group with it,
 * account for the loss and open a new group. */
static void
unit_failed(struct round *r, size_t pages_mark, size_t retags_mark)
{
	struct err e = { 0 };

	store_rollback(r->store);
	drop_pages(r, pages_mark);
	drop_retags(r, retags_mark);
	if (store_group_open(r->store))
		return;
	group_lost(r);
	group_mark(r);
	if (store_group_begin(r->store, &e) != 0)
		log_error("cannot start a commit group: %s", e.msg);
}

/* Save a source's fetch state as a unit of its own. One UPDATE fails
 * only when the database does, so it needs no savepoint (which would
 * also make FTS5 write out the group's pending index). */
static void
save_unit(struct round *r, struct store_source *src)
{
	struct err e = { 0 };

	if (store_begin_unguarded(r->store, &e) == 0) {
		save_state(r, src);
		if (store_commit(r->store, &e) == 0)
			return;
	}
	log_error("source=%" PRId64 " cannot save fetch state: %s", src->id,
	    e.msg);
	unit_failed(r, r->n_pages, r->n_retags);
}

static void
record_failure(struct round *r, struct store_source *src,
    const struct fetch_result *res)
{
	src->fail_count++;
	r->st->failed++;
	schedule_source(r, src, false, res, 0);
	save_unit(r, src);
	log_warn("source=%" PRId64 " %s failed: %s (retry in %" PRId64 "s)",
	    src->id, src->url, src->last_error ? src->last_error : "?",
	    src->next_fetch - r->now);
}

/* A source is finished with, stored or not. */
static void
source_done(struct round *r)
{
	r->st->sources_done++;
	group_tick(r, false);
	if (r->opts->progress)
		r->opts->progress(r->opts->ctx, r->st);
}

/* Move an event's items into the ingest's batch and store them. */
static int
store_items(struct ingest *in, struct parsed *ev)
{
	memcpy(in->batch, ev->items, ev->n_items * sizeof(*ev->items));
	in->n_batch = ev->n_items;
	free(ev->items);
	ev->items = NULL;
	ev->n_items = 0;
	return flush_batch(in);
}

/* Store one parsed source, starting from its first event and taking the
 * rest from the pipe (the worker is parsing them meanwhile). All of it
 * is one unit of the commit group. */
static void
store_source(struct round *r, struct parsed *first)
{
	struct job *job = first->user;
	struct store_source *src = &job->src;
	struct fetch_result *res = &job->res;
	struct parsed ev = *first;
	struct ingest in = { 0 };
	struct err e = { 0 };
	size_t pages_mark = r->n_pages, retags_mark = r->n_retags;
	int rc;

	in.r = r;
	in.store = r->store;
	in.source_id = src->id;
	in.full_text = src->full_text;
	in.local = !is_web_url(src->url);
	in.now = r->now;
	/* A feed already parsed whole, from a source that did not fail
	 * last time, needs no savepoint: it fails only if the database
	 * does (then the open group goes, see group_lost). A source that
	 * failed before keeps its own, so one bad feed cannot sink the
	 * group round after round. */
	if (ev.kind == PARSED_DONE && ev.rc == 0 && src->fail_count == 0)
		rc = store_begin_unguarded(r->store, &e);
	else
		rc = store_begin(r->store, &e);
	for (;;) {
		if (ev.kind == PARSED_DONE) {
			/* The last items learn the feed's declared language. */
			in.feed_lang = ev.feed.language;
			if (rc == 0 && ev.rc != 0) {
				rc = ev.rc;
				e = ev.err;
			}
		}
		if (rc == 0 && (rc = store_items(&in, &ev)) != 0)
			e = in.err; /* the store failed, not the feed */
		if (ev.kind == PARSED_DONE)
			break;
		parsed_release(&ev);
		if (!parse_pipe_next(r->pipe, true, &ev)) {
			/* Only if the worker stopped: every job it runs
			 * ends with its DONE. */
			rc = err_set(&e, ERR_STOPPED, "parsing stopped");
			feed_init(&ev.feed);
			break;
		}
	}
	if (rc == 0 && in.n_crossed > 0 && (rc = handle_crossings(&in)) != 0)
		e = in.err;
	if (rc != 0) {
		unit_failed(r, pages_mark, retags_mark);
		set_error(src, "%s", e.msg[0] ? e.msg : err_name(rc));
		record_failure(r, src, res);
		goto out;
	}
	if (ev.feed.title && (src->title == NULL || src->title[0] == '\0'))
		set_string(&src->title, ev.feed.title);
	if (ev.feed.home_page_url)
		set_string(&src->site_url, ev.feed.home_page_url);
	set_string(&src->etag, res->etag);
	set_string(&src->last_modified, res->last_modified);
	src->fail_count = 0;
	src->last_success = r->now;
	FREE_NULL(src->last_error);
	if (ev.feed.bozo)
		set_error(src, "recovered from ill-formed feed: %s",
		    ev.feed.error ? ev.feed.error : "?");
	schedule_source(r, src, true, res, ev.feed.ttl_minutes);
	save_state(r, src);
	if (store_commit(r->store, &e) != 0) {
		unit_failed(r, pages_mark, retags_mark);
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
	    in.inserted, in.updated, in.unchanged, clock_mono_ms() - job->t0,
	    ev.feed.bozo ? " (ill-formed feed recovered)" : "");
out:
	parsed_release(&ev);
	free(in.crossed);
	analysis_release(&in.an);
	fetch_result_release(res);
	source_done(r);
}

/* Store the sources the worker has parsed, oldest first; with wait,
 * every one submitted. Without, still wait while more than
 * REFRESH_PARSE_AHEAD bodies are queued: fetching (a directory of
 * local files, a fast network) can outrun parsing, and their bodies
 * would pile up in memory. */
static void
store_parsed(struct round *r, bool wait)
{
	struct parsed ev;

	while (parse_pipe_next(r->pipe, wait ||
	    parse_pipe_pending(r->pipe) > REFRESH_PARSE_AHEAD, &ev))
		store_source(r, &ev);
}

static void
on_done(void *ctx, const struct fetch_request *req, struct fetch_result *res)
{
	struct round *r = ctx;
	struct job *job = &r->jobs[(size_t)(uintptr_t)req->user];
	struct store_source *src = &job->src;
	struct feed_opts fo = { 0 };

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
		save_unit(r, src);
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
	fo.base_url = res->final_url ? res->final_url : src->url;
	fo.charset = res->charset;
	fo.max_items = (size_t)r->cfg->feed_max_items;
	job->t0 = clock_mono_ms();
	if (parse_pipe_submit(r->pipe, res, &fo, job) != 0) {
		set_error(src, "%s", "out of memory");
		record_failure(r, src, res);
		goto out;
	}
	job->res = *res; /* the pipe took the body; the rest waits here */
	store_parsed(r, false);
	return;
out:
	fetch_result_release(res);
	source_done(r);
}

/* ---- full text ------------------------------------------------------ */

static void
page_failed(struct round *r, const struct page *pg, const char *why)
{
	struct err e = { 0 };

	r->st->full_text_failed++;
	log_info("article=%" PRId64 " full text from %s failed: %s", pg->id,
	    pg->url, why);
	if (store_begin(r->store, &e) == 0) {
		if (store_article_set_full_text_failed(r->store, pg->id, why,
		    &e) == 0 && store_commit(r->store, &e) == 0)
			return;
		store_rollback(r->store);
	}
	log_warn("article=%" PRId64 " cannot record the failure: %s", pg->id,
	    e.msg);
}

static size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Replace the article's body with the extracted one and analyse it again,
 * in one transaction. Returns 0, or an error described in why. */
static int
page_store(struct round *r, const struct page *pg,
    const struct extract_result *x, char *why, size_t why_len)
{
	struct ingest in;
	struct store_article a = { 0 };
	int rc;

	memset(&in, 0, sizeof(in));
	in.r = r;
	in.store = r->store;
	in.source_id = pg->source_id;
	in.now = r->now;
	if ((rc = store_begin(r->store, &in.err)) != 0)
		goto out;
	rc = store_article_get(r->store, pg->id, &a, &in.err);
	/* A page that yields less than the feed gave is not the article
	 * (a paywall, a consent wall, an index page). */
	if (rc == 0 && text_chars(x->text) < text_chars(a.content_text)) {
		store_rollback(r->store);
		snprintf(why, why_len, "the page's text is shorter than the "
		    "feed's");
		rc = ERR_PARSE;
		goto out_quiet;
	}
	if (rc == 0)
		rc = store_article_set_body(r->store, pg->id, x->html, x->text,
		    &in.err);
	if (rc == 0 && r->az) {
		rc = reanalyse(&in, pg->id, pg->n_feed_tags);
		if (rc == 0 && in.n_crossed > 0)
			rc = handle_crossings(&in);
	}
	if (rc == 0 && (rc = store_commit(r->store, &in.err)) == 0)
		goto out_quiet;
out:
	store_rollback(r->store);
	snprintf(why, why_len, "%s", in.err.msg[0] ? in.err.msg
	    : err_name(rc));
out_quiet:
	store_article_release(&a);
	free(in.crossed);
	analysis_release(&in.an);
	return rc;
}

static void
on_page(void *ctx, const struct fetch_request *req, struct fetch_result *res)
{
	struct round *r = ctx;
	struct page *pg = &r->pages[(size_t)(uintptr_t)req->user];
	struct extract_result x = { 0 };
	struct err e = { 0 };
	char why[512];
	char *bytes = NULL;
	size_t n = 0;

	why[0] = '\0';
	if (res->code == ERR_STOPPED)
		goto out;
	r->now = clock_now();
	if (res->code != 0)
		snprintf(why, sizeof(why), "%s", res->error[0] ? res->error
		    : err_name(res->code));
	else if (res->status != 200)
		snprintf(why, sizeof(why), "HTTP %ld", res->status);
	else if (res->body == NULL)
		snprintf(why, sizeof(why), "empty page");
	else if (fetch_body_slurp(res->body, REFRESH_PAGE_MAX, &bytes, &n)
	    != 0)
		snprintf(why, sizeof(why), "page over %zu bytes",
		    (size_t)REFRESH_PAGE_MAX);
	else if (extract_page(bytes, n, res->final_url ? res->final_url
	    : pg->url, res->charset, &x, &e) != 0)
		snprintf(why, sizeof(why), "%s", e.msg[0] ? e.msg
		    : "extraction failed");
	else if (x.text == NULL || x.text[0] == '\0' || x.html == NULL)
		snprintf(why, sizeof(why), "no article text found on the page");
	if (why[0] == '\0' && page_store(r, pg, &x, why, sizeof(why)) == 0) {
		r->st->full_text_ok++;
		log_info("article=%" PRId64 " full text from %s", pg->id,
		    pg->url);
	} else {
		page_failed(r, pg, why);
	}
out:
	free(bytes);
	extract_result_release(&x);
	fetch_result_release(res);
}

static void
fetch_config_from(const struct config *cfg, struct fetch_config *fc)
{
	fetch_config_defaults(fc);
	fc->timeout_ms = (long)cfg->fetch_timeout * 1000;
	fc->max_body = (size_t)cfg->fetch_max_body;
	fc->max_redirects = (int)cfg->fetch_max_redirects;
	fc->max_total = (int)cfg->fetch_max_total;
	fc->max_per_host = (int)cfg->fetch_max_per_host;
	fc->allow_private = cfg->fetch_allow_private;
	fc->user_agent = cfg->fetch_user_agent;
}

/* Fetch the queued pages (web URLs only: never file://). */
static int
fetch_pages(struct round *r, struct err *e)
{
	struct fetch_config fc;
	struct fetcher *f;
	int rc = 0;

	fetch_config_from(r->cfg, &fc);
	fc.allow_file = false;
	if (fc.max_body > REFRESH_PAGE_MAX)
		fc.max_body = REFRESH_PAGE_MAX;
	if ((f = fetcher_new(&fc)) == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < r->n_pages && rc == 0; i++) {
		struct fetch_request req = { 0 };

		req.url = r->pages[i].url;
		req.user = (void *)(uintptr_t)i;
		if ((rc = fetcher_add(f, &req)) != 0)
			err_set(e, rc, "cannot queue %s", req.url);
	}
	if (rc == 0)
		rc = fetcher_run(f, on_page, r, r->opts->stop);
	if (rc == ERR_STOPPED)
		rc = 0;
	else if (rc != 0)
		err_set(e, rc, "fetching pages failed: %s", err_name(rc));
	fetcher_free(f);
	return rc;
}

/* ---- the round -------------------------------------------------------- */

static int
load_tag(void *ctx, const char *key, const char *display, int64_t count)
{
	UNUSED(key);
	return analyzer_add_tag(ctx, display, NULL, count > UINT32_MAX
	    ? UINT32_MAX : (uint32_t)count) == ERR_NOMEM ? ERR_NOMEM : 0;
}

static int
load_entity(void *ctx, const struct store_entity *en)
{
	static const enum entity_type types[] = { ENTITY_PERSON,
	    ENTITY_PLACE, ENTITY_ORG, ENTITY_MISC };

	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (en->type && !strcmp(en->type, entity_type_name(types[i])))
			return analyzer_add_entity(ctx, en->name, types[i]);
	return 0;
}

int
refresh_analyzer_load(struct store *s, struct analyzer **out,
    struct err *e)
{
	struct analyzer *az = analyzer_new(NULL);
	int rc;

	*out = NULL;
	if (az == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	rc = store_tag_each(s, load_tag, az, e);
	if (rc == 0)
		rc = store_entity_each(s, load_entity, az, e);
	if (rc != 0) {
		if (rc == ERR_NOMEM)
			err_set(e, rc, "out of memory");
		analyzer_free(az);
		return rc;
	}
	*out = az;
	return 0;
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
	struct analyzer *own = NULL;
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
	if (cfg->analyze_enabled) {
		if (o->analyzer)
			r.az = o->analyzer;
		else if ((rc = refresh_analyzer_load(s, &own, e)) != 0)
			goto out;
		else
			r.az = own;
	}

	fetch_config_from(cfg, &fc);
	fc.allow_file = true;
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
	if ((r.pipe = parse_pipe_new(REFRESH_BATCH_ITEMS,
	    REFRESH_PARSED_MAX)) == NULL) {
		rc = err_set(e, ERR_NOMEM, "cannot start the parse worker");
		goto out;
	}
	group_mark(&r);
	if ((rc = store_group_begin(s, e)) != 0)
		goto out;
	rc = fetcher_run(f, on_done, &r, o->stop);
	/* Fetched bodies are work in flight: stored even when stopping. */
	store_parsed(&r, true);
	group_tick(&r, true);
	if (rc != 0 && rc != ERR_STOPPED) {
		err_set(e, rc, "fetching failed: %s", err_name(rc));
		goto out;
	}
	rc = 0;
	fetcher_free(f);
	f = NULL;
	if (r.n_retags > 0)
		retag_round(&r);
	if (r.az != NULL)
		resplit_round(&r);
	if (r.n_pages > 0 && !(o->stop && *o->stop))
		rc = fetch_pages(&r, e);
out:
	group_tick(&r, true); /* nothing to do unless a group is open */
	parse_pipe_free(r.pipe);
	fetcher_free(f);
	for (i = 0; i < r.n_jobs; i++)
		store_source_release(&r.jobs[i].src);
	free(r.jobs);
	drop_pages(&r, 0);
	free(r.pages);
	drop_retags(&r, 0);
	free(r.retags);
	analyzer_free(own);
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
