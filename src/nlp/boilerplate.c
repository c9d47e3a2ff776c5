/*
 * nlp/boilerplate.c: paragraph fingerprints and per-source counts (see
 * boilerplate.h).
 *
 * The index is one open-addressed table keyed by (source, fingerprint).
 * Each entry remembers up to threshold - 1 article ids, which is all it
 * takes to count distinct articles up to the threshold: after crossing,
 * the ids are no longer needed and the count stops. For the default
 * threshold an entry costs 32 bytes plus its slot.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "nlp/boilerplate.h"
#include "nlp/strtab.h"
#include "nlp/tags.h"

/* Paragraphs whose folded words fit this many bytes are folded on the
 * stack; longer ones (rare) go through a heap buffer. */
#define BP_FOLD_STACK 4096

uint64_t
boilerplate_fingerprint(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	char stack[BP_FOLD_STACK];
	const char *f = stack;
	size_t words = 0, len;
	uint64_t h = 0;
	int m;

	if (!s)
		return 0;
	if (n > BOILERPLATE_MAX_PARA_BYTES)
		n = BOILERPLATE_MAX_PARA_BYTES;
	/* This runs for every paragraph of every article at ingest: no
	 * allocation for the usual paragraph. */
	if ((m = tag_fold_into(s, n, stack, sizeof(stack))) >= 0) {
		len = (size_t)m;
	} else {
		if (tag_fold(s, n, &b) < 0)
			goto out;
		f = b.p;
		len = b.len;
	}
	if (len == 0)
		goto out;
	/* Words are one space apart; counting stops once there are
	 * enough. */
	words = 1;
	for (size_t i = 0; i < len && words < BOILERPLATE_MIN_WORDS; i++)
		if (f[i] == ' ')
			words++;
	if (words < BOILERPLATE_MIN_WORDS)
		goto out;
	h = nlp_hash64(f, len);
	if (h == 0)
		h = 1;
out:
	buf_release(&b);
	return h;
}

static bool
blank_line_at(const char *t, size_t n, size_t i, size_t *end)
{
	/* t[i] is '\n'; is the next line empty (white space only)? */
	size_t j = i + 1;

	while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
		j++;
	if (j < n && t[j] == '\n') {
		*end = j;
		return true;
	}
	return false;
}

static size_t
emit(const char *t, size_t a, size_t b, struct boilerplate_para *out,
    size_t max, size_t k)
{
	while (a < b && (t[a] == ' ' || t[a] == '\t' || t[a] == '\n' ||
	    t[a] == '\r'))
		a++;
	while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t' ||
	    t[b - 1] == '\n' || t[b - 1] == '\r'))
		b--;
	if (a == b)
		return k;
	if (k < max) {
		out[k].off = a;
		out[k].len = b - a;
		out[k].fp = boilerplate_fingerprint(t + a, b - a);
	}
	return k + 1;
}

size_t
boilerplate_paragraphs(const char *text, size_t n,
    struct boilerplate_para *out, size_t max)
{
	bool blank = false;
	size_t k = 0, start = 0, end;

	if (!text)
		return 0;
	for (size_t i = 0; i < n && !blank; i++)
		if (text[i] == '\n' && blank_line_at(text, n, i, &end))
			blank = true;
	for (size_t i = 0; i < n; i++) {
		if (text[i] != '\n')
			continue;
		if (blank) {
			if (!blank_line_at(text, n, i, &end))
				continue;
		} else {
			end = i;
		}
		k = emit(text, start, i, out, max, k);
		start = end + 1;
		i = end;
	}
	return emit(text, start, n, out, max, k);
}

struct boilerplate_index {
	unsigned threshold;
	size_t max_entries;
	uint32_t *slots;     /* entry + 1, 0 when empty */
	size_t n_slots;
	size_t n, cap;
	uint64_t *fp;
	int64_t *src;
	uint16_t *count;
	int64_t *ids;        /* (threshold - 1) per entry */
};

struct boilerplate_index *
boilerplate_index_new(const struct boilerplate_opts *opts)
{
	struct boilerplate_index *ix = calloc(1, sizeof(*ix));

	if (!ix)
		return NULL;
	ix->threshold = opts && opts->threshold ? opts->threshold :
	    BOILERPLATE_DEFAULT_THRESHOLD;
	if (ix->threshold > BOILERPLATE_MAX_THRESHOLD)
		ix->threshold = BOILERPLATE_MAX_THRESHOLD;
	ix->max_entries = opts && opts->max_entries ? opts->max_entries :
	    BOILERPLATE_DEFAULT_MAX_ENTRIES;
	if (ix->max_entries > UINT32_MAX / 4)
		ix->max_entries = UINT32_MAX / 4;
	return ix;
}

void
boilerplate_index_free(struct boilerplate_index *ix)
{
	if (!ix)
		return;
	free(ix->slots);
	free(ix->fp);
	free(ix->src);
	free(ix->count);
	free(ix->ids);
	free(ix);
}

static size_t
slot_of(uint64_t h, size_t n_slots)
{
	return (size_t)h & (n_slots - 1);
}

static uint64_t
key_hash(int64_t source, uint64_t fp)
{
	return nlp_hash_mix(fp, (uint64_t)source);
}

/* The entry for (source, fp), or -1; *slot is where it is or would go. */
static int64_t
find(const struct boilerplate_index *ix, int64_t source, uint64_t fp,
    size_t *slot)
{
	size_t i;

	if (ix->n_slots == 0)
		return -1;
	i = slot_of(key_hash(source, fp), ix->n_slots);
	for (;;) {
		uint32_t v = ix->slots[i];
		if (v == 0) {
			*slot = i;
			return -1;
		}
		if (ix->fp[v - 1] == fp && ix->src[v - 1] == source) {
			*slot = i;
			return v - 1;
		}
		i = (i + 1) & (ix->n_slots - 1);
	}
}

static int
grow(struct boilerplate_index *ix)
{
	size_t per = ix->threshold > 1 ? ix->threshold - 1 : 1;

	if (ix->n == ix->cap) {
		size_t nc = ix->cap ? ix->cap * 2 : 256;
		void *p;
		if (!(p = realloc(ix->fp, nc * sizeof(*ix->fp))))
			return ERR_NOMEM;
		ix->fp = p;
		if (!(p = realloc(ix->src, nc * sizeof(*ix->src))))
			return ERR_NOMEM;
		ix->src = p;
		if (!(p = realloc(ix->count, nc * sizeof(*ix->count))))
			return ERR_NOMEM;
		ix->count = p;
		if (!(p = realloc(ix->ids, nc * per * sizeof(*ix->ids))))
			return ERR_NOMEM;
		ix->ids = p;
		ix->cap = nc;
	}
	if ((ix->n + 1) * 2 > ix->n_slots) {
		size_t ns = ix->n_slots ? ix->n_slots * 2 : 512;
		uint32_t *slots = calloc(ns, sizeof(*slots));
		if (!slots)
			return ERR_NOMEM;
		for (size_t e = 0; e < ix->n; e++) {
			size_t i = slot_of(key_hash(ix->src[e], ix->fp[e]), ns);
			while (slots[i])
				i = (i + 1) & (ns - 1);
			slots[i] = (uint32_t)e + 1;
		}
		free(ix->slots);
		ix->slots = slots;
		ix->n_slots = ns;
	}
	return 0;
}

int
boilerplate_index_add(struct boilerplate_index *ix, int64_t source,
    int64_t article, const uint64_t *fps, size_t n, uint64_t *crossed,
    size_t *n_crossed)
{
	size_t per = ix ? (ix->threshold > 1 ? ix->threshold - 1 : 1) : 0;
	size_t nc = 0, slot;
	int rc = 0;

	if (n_crossed)
		*n_crossed = 0;
	if (!ix || (!fps && n))
		return ERR_INVAL;
	for (size_t k = 0; k < n; k++) {
		uint64_t fp = fps[k];
		int64_t e;
		if (fp == 0)
			continue;
		e = find(ix, source, fp, &slot);
		if (e < 0) {
			if (ix->n >= ix->max_entries) {
				rc = ERR_TOOBIG;
				continue;
			}
			int g = grow(ix);
			if (g < 0)
				return g;
			find(ix, source, fp, &slot);
			e = (int64_t)ix->n++;
			ix->slots[slot] = (uint32_t)e + 1;
			ix->fp[e] = fp;
			ix->src[e] = source;
			ix->count[e] = 0;
		}
		unsigned c = ix->count[e];
		if (c >= ix->threshold)
			continue;
		int64_t *ids = ix->ids + (size_t)e * per;
		bool seen = false;
		for (unsigned i = 0; i < c; i++)
			if (ids[i] == article)
				seen = true;
		if (seen)
			continue;
		if (c < per)
			ids[c] = article;
		ix->count[e] = (uint16_t)(c + 1);
		if (c + 1 == ix->threshold) {
			if (crossed)
				crossed[nc] = fp;
			nc++;
		}
	}
	if (n_crossed)
		*n_crossed = nc;
	return rc;
}

unsigned
boilerplate_index_count(const struct boilerplate_index *ix, int64_t source,
    uint64_t fp)
{
	size_t slot;
	int64_t e = ix && fp ? find(ix, source, fp, &slot) : -1;

	return e < 0 ? 0 : ix->count[e];
}

bool
boilerplate_index_is(const struct boilerplate_index *ix, int64_t source,
    uint64_t fp)
{
	return ix && boilerplate_index_count(ix, source, fp) >= ix->threshold;
}

size_t
boilerplate_index_size(const struct boilerplate_index *ix)
{
	return ix ? ix->n : 0;
}
