/*
 * core/analyze.h: the per-article intelligence computed at ingest.
 *
 * An analyzer is the context of one ingest round (or of a --loop process):
 * the text layer's stemmers, the corpus tag index (store tags at round
 * start, the gazetteer, and every tag that arrives), the known entity
 * names (gazetteer, stored entities) and the keyphrase document
 * frequencies. It is used from one thread.
 *
 * For one article it computes, from the article's fields alone plus the
 * context: the language (declared, else detected), the top-level blocks of
 * its sanitised HTML and their boilerplate fingerprints, then - once the
 * caller has said which fingerprints are publisher boilerplate (the store
 * counts them per source) - the body split into main text and folded
 * background, the summary and key points, entities and, when the
 * publisher gave few tags, keyphrase tags, all over the non-boilerplate
 * text. Pure computation: no store, no I/O; refresh.c does the wiring.
 *
 * Before an item is stored, analyzer_item_tags splits glued tag strings
 * whose pieces are all known and gives every tag its canonical key.
 */
#ifndef TD_CORE_ANALYZE_H
#define TD_CORE_ANALYZE_H

#include "base/common.h"

#include "base/err.h"
#include "nlp/entity.h"
#include "nlp/summary.h"

struct item;

/* Publisher tags under which keyphrases are added as tags. */
#define ANALYZE_MIN_TAGS 3
/* Most blocks (paragraphs) of one article looked at; the rest of a longer
 * body is kept in body_main and not fingerprinted. */
#define ANALYZE_MAX_BLOCKS 2000
/* Body bytes analysed (summary, entities, keyphrases read at most this). */
#define ANALYZE_MAX_TEXT ((size_t)1 << 20)
/* Keyphrase document frequencies: every article counts until the table
 * holds ANALYZE_DF_FULL documents, then one in ANALYZE_DF_SAMPLE (the
 * ratios IDF is made of stay the same; counting is a full stemming walk
 * over the text, as costly as the extraction itself). */
#define ANALYZE_DF_FULL 500
#define ANALYZE_DF_SAMPLE 8
/* Bytes of text the language detector reads: stop-word rates settle
 * long before the detector's own cap. */
#define ANALYZE_DETECT_BYTES 4096
/* Bump when the analysis changes, so stored results can be recomputed. */
#define ANALYZE_VERSION 1

struct analyzer_opts {
	unsigned min_tags;        /* 0: ANALYZE_MIN_TAGS */
	bool no_keyphrase_df;     /* do not grow the df table per article */
};

struct analyzer;

/* NULL when out of memory. opts may be NULL. The gazetteer's names are
 * known from the start. */
struct analyzer *analyzer_new(const struct analyzer_opts *opts);
void analyzer_free(struct analyzer *az);

/* Corpus knowledge, typically loaded from the store at round start:
 * a tag as published (spelling) with its use count, and a known entity
 * name with its type. Returns 0, ERR_NOMEM, ERR_TOOBIG (ignored names). */
int analyzer_add_tag(struct analyzer *az, const char *spelling,
    const char *lang, uint32_t count);
int analyzer_add_entity(struct analyzer *az, const char *name,
    enum entity_type type);

/* First pass over a batch of items (optional): record the item's tags that
 * are not glued, so that a glued string earlier in the same feed can be
 * split on tags that appear later in it. */
int analyzer_learn_tags(struct analyzer *az, const struct item *it,
    const char *lang);

/* Before the item is stored: replace each glued tag whose pieces are all
 * known tags by those pieces, drop duplicates (same key), fill
 * it->tag_keys with nlp tag_key, and count the final tags in the index.
 * learned says analyzer_learn_tags already counted this item's plain tags.
 * Returns 0 or ERR_NOMEM (the item is then unchanged or fully updated). */
int analyzer_item_tags(struct analyzer *az, struct item *it,
    const char *lang, bool learned);

/* After analyzer_item_tags: does one of the item's tags look like glued
 * tags that did not split for want of known pieces (a capital after a
 * lower-case letter inside a word, or one long word)? Such an item is
 * worth another try once more tags are known. */
#define ANALYZE_GLUED_MIN 12
bool analyzer_item_looks_glued(const struct item *it);

/* Tags learnt before their pieces were known that split now (see
 * tag_index_resplit): fn gets the glued tag's key and each piece's key
 * and spelling; its return value is tag_index_resplit's fn's. Returns 0,
 * ERR_NOMEM or fn's error. */
int analyzer_resplit(struct analyzer *az,
    int (*fn)(void *ctx, const char *key, const char *const *keys,
    const char *const *spellings, size_t n), void *ctx);

/* Would analyzer_item_tags split one of the item's tags now? */
bool analyzer_item_splits(struct analyzer *az, const struct item *it,
    const char *lang);

/* The display form of a tag key, NULL when unknown. */
const char *analyzer_tag_display(const struct analyzer *az, const char *key);

/* One article to analyse; every field may be NULL. */
struct analyze_input {
	const char *title;
	const char *html;         /* sanitised content_html */
	const char *text;         /* plain text, used when html is NULL */
	const char *lang;         /* declared language (item, page, feed) */
	const char *const *tag_keys; /* the article's tag keys (may be NULL):
	                          * keyphrases repeat none of them */
	size_t n_tag_keys;
	size_t n_tags;            /* publisher tags (after splitting) */
};

struct analyze_block {
	size_t off, len;          /* bytes of the block in html (or text) */
	size_t text_off, text_len; /* its plain text in analysis.all_text */
	uint64_t fp;              /* boilerplate fingerprint, 0: too short */
	bool boilerplate;
};

struct analyze_tag {
	char *tag;                /* as written in the text */
	char *key;                /* nlp tag_key */
};

struct analysis {
	char lang[4];             /* ISO 639-1 or "und" */
	bool lang_detected;       /* not declared: text_detect_lang */
	struct analyze_block *blocks;
	size_t n_blocks;
	uint64_t *fps;            /* distinct non-zero fingerprints */
	size_t n_fps;
	bool *fp_boilerplate;     /* parallel to fps */
	size_t n_boilerplate;     /* blocks that are boilerplate */
	char *all_text;           /* plain text of every block */
	char *main_text;          /* non-boilerplate blocks, blank lines */
	char *body_main;          /* HTML without boilerplate blocks */
	char *body_background;    /* HTML of the boilerplate blocks, or NULL */
	struct summary summary;
	struct entity_list entities;
	struct analyze_tag *extra_tags; /* keyphrase tags (few publisher tags) */
	size_t n_extra_tags;
};

void analysis_release(struct analysis *a);

/* The key points of a as a JSON array of strings, malloc'd (NULL when out
 * of memory). Made on demand: the store encodes its own copy, so ingest
 * has no use for it. */
char *analysis_key_points_json(const struct analysis *a);

/* Which of fps[0..n) are boilerplate: fill is_bp (n entries). Called once
 * per analysis, after fingerprinting; the store answers from its counts
 * per source (and records the article's fingerprints). Return 0 or an
 * ERR_* that aborts the analysis. */
typedef int (*analyze_boilerplate_fn)(void *arg, const uint64_t *fps,
    size_t n, bool *is_bp);

/* Analyse one article into out (released and refilled). bp may be NULL
 * (nothing is boilerplate). Returns 0, ERR_NOMEM, or bp's error. */
int analyze_article(struct analyzer *az, const struct analyze_input *in,
    analyze_boilerplate_fn bp, void *bp_arg, struct analysis *out,
    struct err *e);

/* True when an item's body is only a teaser worth replacing by the full
 * text of its page: plain text under ANALYZE_TEASER_CHARS characters, or
 * the same as its summary. */
#define ANALYZE_TEASER_CHARS 400
bool analyze_is_teaser(const char *text, const char *summary);

#endif
