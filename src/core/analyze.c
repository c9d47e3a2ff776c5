/*
 * core/analyze.c: the per-article intelligence computed at ingest (see
 * analyze.h).
 *
 * The HTML body is scanned once (html_blocks, no parse); every later step
 * reads the plain text of the blocks collected then, so a body is never
 * parsed twice. Boilerplate is decided by the caller between the
 * fingerprinting and the rest, because only the store knows how many
 * articles of the source carry a paragraph.
 */
#include "base/common.h"

#include <stdio.h>

#include "base/buf.h"
#include "base/log.h"
#include "core/analyze.h"
#include "html/html.h"
#include "model/feed.h"
#include "nlp/boilerplate.h"
#include "nlp/gazetteer.h"
#include "nlp/keyphrase.h"
#include "nlp/tags.h"
#include "text/text.h"

struct analyzer {
	struct analyzer_opts opts;
	struct text_ctx *tc;
	struct tag_index *tags;
	struct entity_known *known;
	struct keyphrase_df *df;
	struct buf key;      /* scratch for tag keys */
	uint64_t df_seen;    /* articles offered to the df table */
};

static int
add_gazetteer(void *arg, const struct gazetteer_entry *g)
{
	struct analyzer *az = arg;

	/* Acronyms match case-insensitively in a glued string ("us" in
	 * "campus"), so only full names may become split points. */
	if (g->caps_only)
		return 0;
	if (tag_index_add_known(az->tags, g->name, strlen(g->name), "en")
	    == ERR_NOMEM)
		return ERR_NOMEM;
	return 0;
}

struct analyzer *
analyzer_new(const struct analyzer_opts *opts)
{
	struct analyzer *az = calloc(1, sizeof(*az));

	if (az == NULL)
		return NULL;
	if (opts)
		az->opts = *opts;
	if (az->opts.min_tags == 0)
		az->opts.min_tags = ANALYZE_MIN_TAGS;
	buf_init(&az->key, TAG_MAX_BYTES * 4);
	az->tc = text_ctx_new();
	az->tags = tag_index_new();
	az->known = entity_known_new();
	az->df = keyphrase_df_new();
	if (!az->tc || !az->tags || !az->known || !az->df ||
	    gazetteer_each(add_gazetteer, az) != 0) {
		analyzer_free(az);
		return NULL;
	}
	return az;
}

void
analyzer_free(struct analyzer *az)
{
	if (az == NULL)
		return;
	text_ctx_free(az->tc);
	tag_index_free(az->tags);
	entity_known_free(az->known);
	keyphrase_df_free(az->df);
	buf_release(&az->key);
	free(az);
}

int
analyzer_add_tag(struct analyzer *az, const char *spelling, const char *lang,
    uint32_t count)
{
	if (spelling == NULL || count == 0)
		return 0;
	return tag_index_add(az->tags, spelling, strlen(spelling), lang,
	    count);
}

int
analyzer_add_entity(struct analyzer *az, const char *name,
    enum entity_type type)
{
	int rc;

	if (name == NULL || type == ENTITY_NONE)
		return 0;
	rc = entity_known_add(az->known, name, strlen(name), type);
	if (rc == ERR_NOMEM)
		return rc;
	/* Entity names are split points for glued tags as well. */
	rc = tag_index_add_known(az->tags, name, strlen(name), "en");
	return rc == ERR_NOMEM ? rc : 0;
}

const char *
analyzer_tag_display(const struct analyzer *az, const char *key)
{
	return tag_index_display(az->tags, key);
}

int
analyzer_learn_tags(struct analyzer *az, const struct item *it,
    const char *lang)
{
	for (size_t i = 0; i < it->n_tags; i++) {
		struct tag_split sp;
		const char *t = it->tags[i];

		if (tag_index_split(az->tags, t, strlen(t), lang, &sp) != 0)
			return ERR_NOMEM;
		if (sp.n >= 2)
			continue;
		if (tag_index_add(az->tags, t, strlen(t), lang, 1) == ERR_NOMEM)
			return ERR_NOMEM;
	}
	return 0;
}

/* The tags of an item as they are rebuilt. */
struct tagset {
	char **tags;
	char **keys;
	bool *fresh;        /* counted in the index by analyzer_item_tags */
	size_t n, cap;
};

static void
tagset_release(struct tagset *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		free(ts->tags[i]);
		free(ts->keys[i]);
	}
	free(ts->tags);
	free(ts->keys);
	free(ts->fresh);
	memset(ts, 0, sizeof(*ts));
}

/* Add tag (n bytes, copied) unless its key is already there. */
static int
tagset_add(struct analyzer *az, struct tagset *ts, const char *s, size_t n,
    const char *lang, bool fresh)
{
	char *tag, *key = NULL;
	int rc;

	rc = tag_key(s, n, lang, &az->key);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc == 0 && az->key.len > 0) {
		for (size_t i = 0; i < ts->n; i++)
			if (ts->keys[i] && !strcmp(ts->keys[i],
			    buf_cstr(&az->key)))
				return 0;
		if ((key = strdup(buf_cstr(&az->key))) == NULL)
			return ERR_NOMEM;
	}
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 8;
		char **t = realloc(ts->tags, cap * sizeof(*t));
		char **k = t ? realloc(ts->keys, cap * sizeof(*k)) : NULL;
		bool *f = k ? realloc(ts->fresh, cap * sizeof(*f)) : NULL;

		if (t)
			ts->tags = t;
		if (k)
			ts->keys = k;
		if (f == NULL) {
			free(key);
			return ERR_NOMEM;
		}
		ts->fresh = f;
		ts->cap = cap;
	}
	if ((tag = strndup(s, n)) == NULL) {
		free(key);
		return ERR_NOMEM;
	}
	ts->tags[ts->n] = tag;
	ts->keys[ts->n] = key;
	ts->fresh[ts->n] = fresh;
	ts->n++;
	return 0;
}

int
analyzer_item_tags(struct analyzer *az, struct item *it, const char *lang,
    bool learned)
{
	struct tagset ts = { 0 };
	int rc = 0;

	if (it->n_tags == 0)
		return 0;
	for (size_t i = 0; i < it->n_tags && rc == 0; i++) {
		const char *t = it->tags[i];
		size_t n = strlen(t);
		struct tag_split sp;

		if ((rc = tag_index_split(az->tags, t, n, lang, &sp)) != 0)
			break;
		if (sp.n < 2) {
			rc = tagset_add(az, &ts, t, n, lang, !learned);
			continue;
		}
		for (size_t k = 0; k < sp.n && rc == 0; k++)
			rc = tagset_add(az, &ts, t + sp.piece[k].off,
			    sp.piece[k].len, lang, true);
	}
	if (rc != 0) {
		tagset_release(&ts);
		return rc;
	}
	for (size_t i = 0; i < ts.n; i++)
		if (ts.fresh[i] && tag_index_add(az->tags, ts.tags[i],
		    strlen(ts.tags[i]), lang, 1) == ERR_NOMEM) {
			tagset_release(&ts);
			return ERR_NOMEM;
		}
	for (size_t i = 0; i < it->n_tags; i++) {
		free(it->tags[i]);
		if (it->tag_keys)
			free(it->tag_keys[i]);
	}
	free(it->tags);
	free(it->tag_keys);
	it->tags = ts.tags;
	it->tag_keys = ts.keys;
	it->n_tags = ts.n;
	free(ts.fresh);
	return 0;
}

static bool
tag_looks_glued(const char *t)
{
	const unsigned char *p = (const unsigned char *)t;
	size_t run = 0;

	for (; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '_' || *p == '/') {
			run = 0;
			continue;
		}
		if (p > (const unsigned char *)t && p[-1] >= 'a' &&
		    p[-1] <= 'z' && *p >= 'A' && *p <= 'Z')
			return true;
		if (++run >= ANALYZE_GLUED_MIN)
			return true;
	}
	return false;
}

bool
analyzer_item_looks_glued(const struct item *it)
{
	for (size_t i = 0; i < it->n_tags; i++)
		if (tag_looks_glued(it->tags[i]))
			return true;
	return false;
}

bool
analyzer_item_splits(struct analyzer *az, const struct item *it,
    const char *lang)
{
	for (size_t i = 0; i < it->n_tags; i++) {
		struct tag_split sp;
		const char *t = it->tags[i];

		if (tag_index_split(az->tags, t, strlen(t), lang, &sp) == 0 &&
		    sp.n >= 2)
			return true;
	}
	return false;
}

struct resplit {
	struct analyzer *az;
	int (*fn)(void *ctx, const char *key, const char *const *keys,
	    const char *const *spellings, size_t n);
	void *ctx;
};

static int
on_resplit(void *arg, const char *key, const char *display,
    const struct tag_split *sp)
{
	struct resplit *rs = arg;
	char *keys[TAG_SPLIT_MAX_PIECES] = { 0 };
	char *spell[TAG_SPLIT_MAX_PIECES] = { 0 };
	int rc = 0;

	for (size_t i = 0; i < sp->n && rc == 0; i++) {
		spell[i] = strndup(display + sp->piece[i].off,
		    sp->piece[i].len);
		if (spell[i] == NULL || tag_key(spell[i], strlen(spell[i]),
		    NULL, &rs->az->key) == ERR_NOMEM ||
		    (keys[i] = strdup(buf_cstr(&rs->az->key))) == NULL)
			rc = ERR_NOMEM;
		else if (keys[i][0] == '\0')
			rc = 1; /* a piece of only punctuation: not a tag */
	}
	if (rc == 0)
		rc = rs->fn(rs->ctx, key, (const char *const *)keys,
		    (const char *const *)spell, sp->n);
	for (size_t i = 0; i < sp->n; i++) {
		free(keys[i]);
		free(spell[i]);
	}
	return rc;
}

int
analyzer_resplit(struct analyzer *az,
    int (*fn)(void *ctx, const char *key, const char *const *keys,
    const char *const *spellings, size_t n), void *ctx)
{
	struct resplit rs = { az, fn, ctx };

	return tag_index_resplit(az->tags, NULL, on_resplit, &rs);
}

/* ---- one article ---------------------------------------------------- */

void
analysis_release(struct analysis *a)
{
	if (a == NULL)
		return;
	free(a->blocks);
	free(a->fps);
	free(a->fp_boilerplate);
	free(a->all_text);
	free(a->main_text);
	free(a->body_main);
	free(a->body_background);
	summary_release(&a->summary);
	entity_list_release(&a->entities);
	for (size_t i = 0; i < a->n_extra_tags; i++) {
		free(a->extra_tags[i].tag);
		free(a->extra_tags[i].key);
	}
	free(a->extra_tags);
	memset(a, 0, sizeof(*a));
}

struct collect {
	struct analysis *a;
	const char *html;
	struct buf text;
	size_t cap;
	size_t rest;         /* html offset not covered by blocks */
	int rc;
};

static int
add_block(struct collect *c, size_t off, size_t len, const char *text,
    size_t text_len)
{
	struct analysis *a = c->a;
	struct analyze_block *b;

	if (a->n_blocks == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;

		b = realloc(a->blocks, cap * sizeof(*b));
		if (b == NULL)
			return ERR_NOMEM;
		a->blocks = b;
		c->cap = cap;
	}
	b = &a->blocks[a->n_blocks];
	memset(b, 0, sizeof(*b));
	b->off = off;
	b->len = len;
	if (c->text.len > 0 && buf_append(&c->text, "\n\n", 2) != 0)
		return ERR_NOMEM;
	b->text_off = c->text.len;
	if (c->text.len < ANALYZE_MAX_TEXT) {
		if (buf_append(&c->text, text, text_len) != 0)
			return ERR_NOMEM;
		b->text_len = text_len;
	}
	b->fp = boilerplate_fingerprint(text, text_len);
	a->n_blocks++;
	return 0;
}

static int
on_block(void *ctx, const struct html_block *hb)
{
	struct collect *c = ctx;
	size_t off = (size_t)(hb->html - c->html);
	size_t tn = hb->text_len;
	const char *t = hb->text;

	/* Blocks of only white space carry nothing to analyse, but keep
	 * their HTML in the body. */
	while (tn > 0 && (t[0] == ' ' || t[0] == '\n' || t[0] == '\t')) {
		t++;
		tn--;
	}
	while (tn > 0 && (t[tn - 1] == ' ' || t[tn - 1] == '\n' ||
	    t[tn - 1] == '\t'))
		tn--;
	if (c->a->n_blocks == ANALYZE_MAX_BLOCKS) {
		c->rest = off;
		return 1;
	}
	if ((c->rc = add_block(c, off, hb->html_len, t, tn)) != 0)
		return 1;
	return 0;
}

static int
collect_blocks(const struct analyze_input *in, struct analysis *a,
    struct collect *c)
{
	c->a = a;
	buf_init(&c->text, SIZE_MAX);
	c->rest = SIZE_MAX;
	if (in->html && in->html[0]) {
		size_t n = strlen(in->html);

		c->html = in->html;
		/* The text is shorter than its markup: room made once, not
		 * a doubling at a time from 64 bytes. */
		if (buf_grow(&c->text, n < ANALYZE_MAX_TEXT ? n :
		    ANALYZE_MAX_TEXT) != 0)
			return ERR_NOMEM;
		html_blocks(in->html, n, on_block, c);
		return c->rc;
	}
	if (in->text && in->text[0]) {
		size_t n = strlen(in->text), np, cap = 64;
		struct boilerplate_para *p = NULL;

		for (;;) {
			struct boilerplate_para *q = realloc(p,
			    cap * sizeof(*q));

			if (q == NULL) {
				free(p);
				return ERR_NOMEM;
			}
			p = q;
			np = boilerplate_paragraphs(in->text, n, p, cap);
			if (np <= cap || cap >= ANALYZE_MAX_BLOCKS)
				break;
			cap = np < ANALYZE_MAX_BLOCKS ? np : ANALYZE_MAX_BLOCKS;
		}
		if (np > cap) {
			np = cap;
			c->rest = p[np - 1].off + p[np - 1].len;
		}
		for (size_t i = 0; i < np; i++)
			if (add_block(c, p[i].off, p[i].len, in->text + p[i].off,
			    p[i].len) != 0) {
				free(p);
				return ERR_NOMEM;
			}
		free(p);
	}
	return 0;
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The distinct fingerprints, in block order. */
static int
distinct_fps(struct analysis *a)
{
	uint64_t *sorted;
	size_t n = 0;

	if (a->n_blocks == 0)
		return 0;
	a->fps = malloc(a->n_blocks * sizeof(*a->fps));
	sorted = malloc(a->n_blocks * sizeof(*sorted));
	if (a->fps == NULL || sorted == NULL) {
		free(sorted);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < a->n_blocks; i++) {
		uint64_t fp = a->blocks[i].fp;

		if (fp == 0 || (n > 0 && bsearch(&fp, sorted, n,
		    sizeof(*sorted), cmp_u64)))
			continue;
		a->fps[a->n_fps++] = fp;
		/* Keep sorted for the look-up: insertion, blocks are few. */
		size_t j = n++;
		while (j > 0 && sorted[j - 1] > fp) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = fp;
	}
	free(sorted);
	a->fp_boilerplate = calloc(a->n_fps ? a->n_fps : 1, sizeof(bool));
	return a->fp_boilerplate ? 0 : ERR_NOMEM;
}

static int
escape_html(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *r = NULL;

		switch (s[i]) {
		case '&': r = "&amp;"; break;
		case '<': r = "&lt;"; break;
		case '>': r = "&gt;"; break;
		case '"': r = "&quot;"; break;
		case '\'': r = "&#39;"; break;
		default: continue;
		}
		if (buf_append(b, s + run, i - run) != 0 || buf_puts(b, r) != 0)
			return ERR_NOMEM;
		run = i + 1;
	}
	return buf_append(b, s + run, n - run);
}

static int
json_string(struct buf *b, const char *s)
{
	int rc = buf_putc(b, '"');

	for (; rc == 0 && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			rc = buf_printf(b, "\\%c", ch);
		else if (ch < 0x20)
			rc = buf_printf(b, "\\u%04x", ch);
		else
			rc = buf_putc(b, ch);
	}
	return rc ? rc : buf_putc(b, '"');
}

/* body_main, body_background and main_text from the block flags. */
static int
split_body(const struct analyze_input *in, struct analysis *a,
    const struct collect *c)
{
	struct buf mainb = BUF_INIT, bg = BUF_INIT, mt = BUF_INIT;
	const char *src = in->html && in->html[0] ? in->html : in->text;
	bool is_html = src == in->html;
	size_t all_len = a->all_text ? strlen(a->all_text) : 0;
	bool folded = false;
	int rc = 0;

	/* The main text is at most all the text; made room for once. */
	if (buf_grow(&mt, all_len) != 0)
		return ERR_NOMEM;
	for (size_t i = 0; i < a->n_blocks && !folded; i++)
		folded = a->blocks[i].boilerplate;

	for (size_t i = 0; i < a->n_blocks && rc == 0; i++) {
		const struct analyze_block *b = &a->blocks[i];
		struct buf *dst = b->boilerplate ? &bg : &mainb;

		if (!b->boilerplate && b->text_len > 0) {
			if (mt.len > 0)
				rc = buf_append(&mt, "\n\n", 2);
			if (rc == 0)
				rc = buf_append(&mt, a->all_text + b->text_off,
				    b->text_len);
		}
		if (rc != 0)
			break;
		if (is_html && !folded) {
			/* Nothing folded: the body stays the stored one
			 * (below), and is not rebuilt block by block. */
		} else if (is_html) {
			if (dst->len > 0)
				rc = buf_putc(dst, '\n');
			if (rc == 0)
				rc = buf_append(dst, src + b->off, b->len);
		} else {
			rc = buf_puts(dst, "<p>");
			if (rc == 0)
				rc = escape_html(dst, src + b->off, b->len);
			if (rc == 0)
				rc = buf_puts(dst, "</p>\n");
		}
	}
	if (rc == 0 && c->rest != SIZE_MAX && src && (folded || !is_html)) {
		if (is_html)
			rc = buf_append(&mainb, src + c->rest,
			    strlen(src + c->rest));
		else
			rc = escape_html(&mainb, src + c->rest,
			    strlen(src + c->rest));
	}
	if (rc == 0 && (buf_putc(&mt, '\0') != 0 || buf_putc(&mainb, '\0')
	    != 0))
		rc = ERR_NOMEM;
	if (rc != 0) {
		buf_release(&mainb);
		buf_release(&bg);
		buf_release(&mt);
		return ERR_NOMEM;
	}
	a->main_text = buf_detach(&mt);
	if (src) {
		/* Nothing folded: the body is the stored one, unchanged. */
		if (!folded && is_html) {
			buf_release(&mainb);
			a->body_main = strdup(src);
			if (a->body_main == NULL)
				return ERR_NOMEM;
		} else {
			a->body_main = buf_detach(&mainb);
		}
	}
	buf_release(&mainb);
	if (bg.len > 0) {
		if (buf_putc(&bg, '\0') != 0) {
			buf_release(&bg);
			return ERR_NOMEM;
		}
		a->body_background = buf_detach(&bg);
	}
	buf_release(&bg);
	return 0;
}

/* Length of s cut to at most max bytes, on a code-point boundary. */
static size_t
text_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (n == max)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

static void
pick_lang(const struct analyze_input *in, struct analysis *a)
{
	struct text_lang_guess g;

	snprintf(a->lang, sizeof(a->lang), "und");
	if (in->lang && in->lang[0]) {
		text_lang_norm(in->lang, a->lang);
		if (strcmp(a->lang, "und") != 0)
			return;
	}
	a->lang_detected = true;
	if (a->all_text && a->all_text[0])
		text_detect_lang(a->all_text, text_prefix(a->all_text,
		    ANALYZE_DETECT_BYTES), &g);
	else if (in->title)
		text_detect_lang(in->title, strlen(in->title), &g);
	else
		return;
	memcpy(a->lang, g.lang, sizeof(a->lang));
	a->lang[3] = '\0';
}

char *
analysis_key_points_json(const struct analysis *a)
{
	struct buf b = BUF_INIT;
	char *out;
	int rc = buf_putc(&b, '[');

	for (size_t i = 0; rc == 0 && i < a->summary.n_key_points; i++) {
		if (i > 0)
			rc = buf_putc(&b, ',');
		if (rc == 0)
			rc = json_string(&b, a->summary.key_points[i]);
	}
	if (rc == 0)
		rc = buf_putc(&b, ']');
	if (rc == 0)
		rc = buf_putc(&b, '\0');
	if (rc != 0) {
		buf_release(&b);
		return NULL;
	}
	out = buf_detach(&b);
	buf_release(&b);
	return out;
}

static bool
has_key(const struct analyze_input *in, const struct analysis *a,
    const char *key)
{
	for (size_t i = 0; in->tag_keys && i < in->n_tag_keys; i++)
		if (in->tag_keys[i] && !strcmp(in->tag_keys[i], key))
			return true;
	for (size_t i = 0; i < a->n_extra_tags; i++)
		if (!strcmp(a->extra_tags[i].key, key))
			return true;
	return false;
}

static int
add_keyphrases(struct analyzer *az, const struct analyze_input *in,
    struct analysis *a, const char *lang, const struct text_doc *doc)
{
	struct keyphrase_list kl = { 0 };
	size_t want = 0, n = strlen(a->main_text);
	bool count;
	int rc;

	if (n == 0)
		return 0;
	count = !az->opts.no_keyphrase_df &&
	    (az->df_seen++ < ANALYZE_DF_FULL ||
	    az->df_seen % ANALYZE_DF_SAMPLE == 0);
	if (in->n_tags < az->opts.min_tags)
		want = az->opts.min_tags - in->n_tags;
	if (!count && want == 0)
		return 0;
	/* Counting and extraction share one walk of the text. */
	if (doc != NULL)
		rc = keyphrase_df_add_extract_doc(az->df, count, az->tc, doc,
		    want ? want + in->n_tags + 2 : 0, &kl);
	else
		rc = keyphrase_df_add_extract(az->df, count, az->tc,
		    a->main_text, n, lang, want ? want + in->n_tags + 2 : 0,
		    &kl);
	if (rc != 0 || want == 0)
		goto out;
	a->extra_tags = calloc(want, sizeof(*a->extra_tags));
	if (a->extra_tags == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < kl.n && a->n_extra_tags < want; i++) {
		struct analyze_tag *t = &a->extra_tags[a->n_extra_tags];
		const char *p = kl.v[i].phrase;

		/* A single word the story names once is a word it uses, not
		 * what it is about ("taken", "always", or "Counting" at the
		 * start of a sentence): a reader would not follow it as a
		 * tag. A phrase seen once is kept, as the walk only ranks
		 * one that other articles use too. */
		if (kl.v[i].tf < 2 && strchr(p, ' ') == NULL)
			continue;
		rc = tag_key(p, strlen(p), lang, &az->key);
		if (rc == ERR_NOMEM)
			goto out;
		if (rc != 0 || az->key.len == 0 ||
		    has_key(in, a, buf_cstr(&az->key))) {
			rc = 0;
			continue;
		}
		t->tag = strdup(p);
		t->key = strdup(buf_cstr(&az->key));
		if (t->tag == NULL || t->key == NULL) {
			free(t->tag);
			free(t->key);
			rc = ERR_NOMEM;
			goto out;
		}
		a->n_extra_tags++;
	}
out:
	keyphrase_list_release(&kl);
	return rc;
}

int
analyze_article(struct analyzer *az, const struct analyze_input *in,
    analyze_boilerplate_fn bp, void *bp_arg, struct analysis *out,
    struct err *e)
{
	struct collect c = { 0 };
	struct summary_opts so = { 0 };
	struct buf et = BUF_INIT;
	struct text_doc doc = { 0 };
	bool have_doc = false;
	size_t body_off = 0;
	const char *lang;
	int rc;

	analysis_release(out);
	if ((rc = collect_blocks(in, out, &c)) != 0)
		goto fail;
	if (buf_putc(&c.text, '\0') != 0) {
		rc = ERR_NOMEM;
		goto fail;
	}
	out->all_text = buf_detach(&c.text);
	pick_lang(in, out);
	lang = strcmp(out->lang, "und") ? out->lang : NULL;
	if ((rc = distinct_fps(out)) != 0)
		goto fail;
	if (bp && out->n_fps > 0) {
		if ((rc = bp(bp_arg, out->fps, out->n_fps,
		    out->fp_boilerplate)) != 0) {
			err_set(e, rc, "boilerplate look-up failed");
			goto out;
		}
		for (size_t i = 0; i < out->n_blocks; i++) {
			struct analyze_block *b = &out->blocks[i];

			for (size_t k = 0; b->fp && k < out->n_fps; k++)
				if (out->fps[k] == b->fp) {
					b->boilerplate = out->fp_boilerplate[k];
					break;
				}
			out->n_boilerplate += b->boilerplate;
		}
	}
	if ((rc = split_body(in, out, &c)) != 0)
		goto fail;

	/* The body is tokenized, termed and split once for the summary,
	 * the entities and the keyphrases. Without a language each step
	 * settles on one of its own, so each walks the text itself. */
	if (lang != NULL && out->main_text[0] != '\0') {
		if ((rc = text_doc_build(az->tc, lang, out->main_text,
		    strlen(out->main_text), &doc)) != 0)
			goto fail;
		have_doc = true;
	}
	so.text = az->tc;
	so.doc = have_doc ? &doc : NULL;
	if ((rc = summary_compute(out->main_text, lang, &so, &out->summary,
	    e)) != 0)
		goto out;

	/* The title names who the story is about: entities read it too. */
	buf_init(&et, SIZE_MAX);
	if (buf_grow(&et, (in->title ? strlen(in->title) + 2 : 0) +
	    strlen(out->main_text)) != 0) {
		rc = ERR_NOMEM;
		goto fail;
	}
	if ((in->title && (buf_puts(&et, in->title) != 0 ||
	    buf_append(&et, "\n\n", 2) != 0))) {
		rc = ERR_NOMEM;
		goto fail;
	}
	body_off = et.len;
	if (buf_puts(&et, out->main_text) != 0) {
		rc = ERR_NOMEM;
		goto fail;
	}
	if ((rc = entity_extract_tagged(et.p ? et.p : "", et.len, lang,
	    az->known, have_doc ? &doc : NULL, body_off, in->tag_keys,
	    in->n_tag_keys, &out->entities)) != 0)
		goto fail;
	if ((rc = add_keyphrases(az, in, out, lang, have_doc ? &doc :
	    NULL)) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	err_set(e, rc, "analysis: %s", err_name(rc));
out:
	buf_release(&c.text);
	buf_release(&et);
	text_doc_release(&doc);
	return rc;
}

bool
analyze_is_teaser(const char *text, const char *summary)
{
	size_t chars = 0;
	const unsigned char *p;

	if (text == NULL)
		return true;
	for (p = (const unsigned char *)text; *p; p++)
		if ((*p & 0xC0) != 0x80 && !(*p == ' ' || *p == '\n' ||
		    *p == '\t' || *p == '\r'))
			chars++;
	if (chars < ANALYZE_TEASER_CHARS)
		return true;
	return summary && !strcmp(summary, text);
}
