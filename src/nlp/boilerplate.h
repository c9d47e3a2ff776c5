/*
 * nlp/boilerplate.h: paragraphs a publisher repeats under many articles.
 *
 * Some sources paste the same background paragraphs ("BACKGROUND: ...",
 * "X is an independent news agency ...") under different stories. A
 * paragraph that occurs in BOILERPLATE_DEFAULT_THRESHOLD or more distinct
 * articles of one source counts as boilerplate: the site folds it into a
 * "Background" section and summaries, entities, similarity and ranking
 * leave it out.
 *
 * A paragraph is identified by a 64-bit fingerprint of its normalised text:
 * case folded, diacritics and punctuation removed, white space collapsed
 * (tag_fold). Digits are KEPT: boilerplate repeats word for word, while
 * template news (a daily market close, a weather column) differs mainly in
 * its numbers, and must not be folded away. Paragraphs under
 * BOILERPLATE_MIN_WORDS words ("Read more", bylines, datelines) get no
 * fingerprint (0). Fingerprints are stable across runs and builds, so they
 * may be stored; changing the normalisation means recomputing them.
 *
 * struct boilerplate_index counts, per source, the distinct articles each
 * fingerprint appeared in, incrementally, and reports the fingerprints that
 * cross the threshold so the caller can update the source's earlier
 * articles. It can be rebuilt from stored (source, article, fingerprint)
 * rows by adding them again in any order. Pure and in memory; not thread
 * safe (one writer, no concurrent readers).
 */
#ifndef TD_NLP_BOILERPLATE_H
#define TD_NLP_BOILERPLATE_H

#include "base/common.h"

#define BOILERPLATE_MIN_WORDS 8
#define BOILERPLATE_DEFAULT_THRESHOLD 3
#define BOILERPLATE_MAX_THRESHOLD 64
/* (source, fingerprint) pairs kept; new pairs past it are not tracked. */
#define BOILERPLATE_DEFAULT_MAX_ENTRIES ((size_t)16 << 20)
/* Paragraphs longer than this are fingerprinted on their first bytes. */
#define BOILERPLATE_MAX_PARA_BYTES ((size_t)64 << 10)

/* The fingerprint of one paragraph, or 0 when it has fewer than
 * BOILERPLATE_MIN_WORDS words (or on out of memory). Never 0 otherwise. */
uint64_t boilerplate_fingerprint(const char *s, size_t n);

struct boilerplate_para {
	size_t off, len;   /* the paragraph's bytes in the text, trimmed */
	uint64_t fp;       /* its fingerprint, 0 when too short */
};

/* Cut plain text into paragraphs (separated by blank lines; a text with no
 * blank line at all is cut at every line break) and fingerprint each. Fills
 * at most max entries of out and returns how many paragraphs there are
 * (which may exceed max: call again with a larger array). */
size_t boilerplate_paragraphs(const char *text, size_t n,
    struct boilerplate_para *out, size_t max);

struct boilerplate_opts {
	unsigned threshold;  /* distinct articles; 0: the default; capped */
	size_t max_entries;  /* 0: BOILERPLATE_DEFAULT_MAX_ENTRIES */
};

struct boilerplate_index;

/* NULL when out of memory. opts may be NULL. */
struct boilerplate_index *boilerplate_index_new(
    const struct boilerplate_opts *opts);
/* Accepts NULL. */
void boilerplate_index_free(struct boilerplate_index *ix);

/* Record that article (of source) contains the n fingerprints fps (0s are
 * ignored; repeats within the article and re-adding an article count
 * once). The fingerprints that reached the threshold through this call are
 * written to crossed (room for n; may be NULL) and counted in *n_crossed
 * (may be NULL). Returns 0, ERR_NOMEM, or ERR_TOOBIG when some new
 * fingerprints were not tracked because the index is full (the others
 * were, and crossed is valid). */
int boilerplate_index_add(struct boilerplate_index *ix, int64_t source,
    int64_t article, const uint64_t *fps, size_t n, uint64_t *crossed,
    size_t *n_crossed);

/* True when fp has reached the threshold in source. */
bool boilerplate_index_is(const struct boilerplate_index *ix, int64_t source,
    uint64_t fp);

/* Distinct articles of source seen with fp, saturating at the threshold. */
unsigned boilerplate_index_count(const struct boilerplate_index *ix,
    int64_t source, uint64_t fp);

/* Number of (source, fingerprint) pairs tracked. */
size_t boilerplate_index_size(const struct boilerplate_index *ix);

#endif
