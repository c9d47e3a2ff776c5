/*
 * nlp/keyphrase.c: TF-IDF keyphrases (see keyphrase.h).
 *
 * One walk over the tokens yields every candidate with its stemmed key
 * and its surface slice; document frequencies and term frequencies are
 * hash tables keyed by "lang\x1fkey", so the cost is linear in the text
 * whatever the size of the corpus.
 */
#include "base/common.h"

#include <math.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "nlp/keyphrase.h"
#include "nlp/strtab.h"
#include "text/text.h"

/* Frequent news words that are not stop words but never make a topic. */
static const char *const en_generic[] = {
	"said", "say", "says", "told", "tell", "added", "according",
	"year", "years", "week", "weeks", "day", "days", "month", "months",
	"percent", "per", "cent", "million", "billion", "thousand",
	"including", "include", "includes", "new", "also", "would", "could",
	"will", "one", "two", "three", "first", "last", "next", "since",
	"many", "much", "more", "most", "time", "times", "people", "like",
	"make", "made", "take", "took", "get", "got", "going", "want",
	"back", "just", "still", "even", "well", "way", "ago", "per",
	"today", "yesterday", "tomorrow", "morning", "evening", "night",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mr", "mrs", "ms", "dr", "euros", "euro", "dollars",
	"expected", "expects", "around", "about", "set", "put", "called",
	"asked", "went", "come", "came", "now", "already", "several",
	"whether", "another", "every", "saying", "near", "remains",
};

struct keyphrase_df {
	struct nlp_strtab terms;  /* "lang\x1fkey" */
	uint32_t *count;
	size_t cap;
	struct nlp_strtab langs;
	uint32_t docs[64];        /* per lang id (first 64 languages) */
};

struct keyphrase_df *
keyphrase_df_new(void)
{
	struct keyphrase_df *df = calloc(1, sizeof(*df));

	if (!df)
		return NULL;
	nlp_strtab_init(&df->terms, 0);
	nlp_strtab_init(&df->langs, 0);
	return df;
}

void
keyphrase_df_free(struct keyphrase_df *df)
{
	if (!df)
		return;
	nlp_strtab_release(&df->terms);
	nlp_strtab_release(&df->langs);
	free(df->count);
	free(df);
}

void
keyphrase_list_release(struct keyphrase_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].phrase);
		free(l->v[i].key);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* One candidate occurrence. */
struct cand {
	uint32_t key;      /* id in the walk's key table */
	size_t off, len;   /* surface slice */
	uint8_t words;
	bool bad;          /* cuts a name or mixes a name with words */
};

struct walk {
	char lang[4];
	struct buf keys;   /* scratch for building keys */
	struct nlp_strtab tab; /* "lang\x1fkey" of this text */
	struct cand *c;
	size_t nc, ccap;
	/* The current run of content words. */
	struct {
		size_t off, end;
		char stem[TEXT_WORD_MAX * 4 + 8];
		size_t stem_n;
		bool cap;
		bool verbish;  /* English -ed: a verb or participle */
		bool adverb;   /* English -ly */
	} run[KEYPHRASE_MAX_WORDS];
	bool prev_cap;     /* the word before run[0] was capitalised */
	size_t last_from;  /* candidates of the previous word start here */
	size_t nrun;
	size_t prev_end;
	const char *s;
};

static bool
generic(const char *lang, const char *w, size_t n)
{
	if (strcmp(lang, "en") != 0)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(en_generic); i++)
		if (en_generic[i][0] == w[0] &&
		    strncmp(en_generic[i], w, n) == 0 && en_generic[i][n] == 0)
			return true;
	return false;
}

static bool
breaks(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != ' ' && c != '\t' && c != '\r' && c != '-' &&
		    !(c == 0xC2 && i + 1 < b && (unsigned char)s[i + 1] == 0xA0 &&
		    ++i))
			return true;
	}
	return false;
}

static int
add_cand(struct walk *w, size_t first, size_t last)
{
	uint32_t id;
	int rc;

	buf_reset(&w->keys);
	if ((rc = buf_puts(&w->keys, w->lang)) < 0 ||
	    (rc = buf_putc(&w->keys, 0x1f)) < 0)
		return rc;
	for (size_t i = first; i <= last; i++) {
		if (i > first && (rc = buf_putc(&w->keys, ' ')) < 0)
			return rc;
		if ((rc = buf_append(&w->keys, w->run[i].stem,
		    w->run[i].stem_n)) < 0)
			return rc;
	}
	if ((rc = nlp_strtab_intern(&w->tab, w->keys.p, w->keys.len, &id,
	    NULL)) < 0)
		return rc;
	if (w->nc == w->ccap) {
		size_t nc = w->ccap ? w->ccap * 2 : 256;
		struct cand *c = realloc(w->c, nc * sizeof(*c));
		if (!c)
			return ERR_NOMEM;
		w->c = c;
		w->ccap = nc;
	}
	w->c[w->nc].key = id;
	w->c[w->nc].off = w->run[first].off;
	w->c[w->nc].len = w->run[last].end - w->run[first].off;
	w->c[w->nc].words = (uint8_t)(last - first + 1);
	/* Noun-ish: a phrase is all name ("Port Linden") or all lower case
	 * ("dock strike"), except for a capital at its start; English
	 * phrases do not start with an adverb or end with an -ed verb. */
	bool bad = false;
	if (last > first) {
		for (size_t i = first + 1; i <= last; i++)
			if (w->run[i].cap != w->run[last].cap)
				bad = true;
		if (!w->run[first].cap && w->run[last].cap)
			bad = true;
		if (w->run[first].cap && !w->run[last].cap && (first > 0 ?
		    w->run[first - 1].cap : w->prev_cap))
			bad = true;
		if (w->run[first].adverb || w->run[last].verbish)
			bad = true;
	}
	if (w->run[first].cap && (first > 0 ? w->run[first - 1].cap :
	    w->prev_cap))
		bad = true; /* the tail of a longer name */
	w->c[w->nc].bad = bad;
	w->nc++;
	return 0;
}

static int
on_term(void *arg, const struct text_term *t)
{
	struct walk *w = arg;
	const struct text_tok *tok = t->tok;
	int rc;

	bool cap = (tok->flags & TEXT_TOK_CAP) != 0;
	bool brk = breaks(w->s, w->prev_end, tok->off);

	if (w->nrun && brk)
		w->nrun = 0;
	/* A capital after a capital: the candidates ending in the previous
	 * word cut a name short ("near Port" in "near Port Linden"). */
	if (!brk && cap && w->nrun && w->run[w->nrun - 1].cap)
		for (size_t i = w->last_from; i < w->nc; i++)
			w->c[i].bad = true;
	w->prev_end = tok->off + tok->s.n;
	if (t->stop || tok->kind != TEXT_TOK_WORD || t->term.n < 3 ||
	    t->term.n > TEXT_WORD_MAX || generic(w->lang, t->term.p,
	    t->term.n)) {
		w->nrun = 0;
		w->prev_cap = !brk && cap;
		w->last_from = w->nc;
		return 0;
	}
	if (w->nrun == 0)
		w->prev_cap = false;
	if (w->nrun == KEYPHRASE_MAX_WORDS) {
		w->prev_cap = w->run[0].cap;
		memmove(&w->run[0], &w->run[1],
		    (KEYPHRASE_MAX_WORDS - 1) * sizeof(w->run[0]));
		w->nrun--;
	}
	size_t r = w->nrun++;
	w->run[r].cap = cap;
	w->run[r].verbish = !cap && strcmp(w->lang, "en") == 0 &&
	    tok->s.n > 4 && memcmp(tok->s.p + tok->s.n - 2, "ed", 2) == 0;
	w->run[r].adverb = strcmp(w->lang, "en") == 0 && tok->s.n > 4 &&
	    memcmp(tok->s.p + tok->s.n - 2, "ly", 2) == 0;
	w->last_from = w->nc;
	w->run[r].off = tok->off;
	w->run[r].end = tok->off + tok->s.n;
	/* A possessive ends the surface before its 's. */
	if (tok->s.n > 2 && tok->s.p[tok->s.n - 2] == '\'' &&
	    tok->s.p[tok->s.n - 1] == 's')
		w->run[r].end -= 2;
	memcpy(w->run[r].stem, t->term.p, t->term.n);
	w->run[r].stem_n = t->term.n;
	for (size_t first = 0; first <= r; first++)
		if ((rc = add_cand(w, first, r)) < 0)
			return rc;
	return 0;
}

static int
walk_text(struct walk *w, struct text_ctx *tc, const char *text, size_t n,
    const char *lang)
{
	char lc[4];

	text_lang_norm(lang && *lang ? lang : "en", lc);
	if (strcmp(lc, "und") == 0)
		memcpy(lc, "en", 3);
	memcpy(w->lang, lc, 4);
	w->s = text;
	if (n > KEYPHRASE_MAX_TEXT)
		n = utf8_cut(text, n, KEYPHRASE_MAX_TEXT);
	return text_terms(tc, lc, text, n, TEXT_TERMS_STOPWORDS, on_term, w);
}

static void
walk_release(struct walk *w)
{
	buf_release(&w->keys);
	nlp_strtab_release(&w->tab);
	free(w->c);
}

static int
lang_id(struct keyphrase_df *df, const char *lang, uint32_t *id)
{
	return nlp_strtab_intern(&df->langs, lang, strlen(lang), id, NULL);
}

int
keyphrase_df_add(struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, size_t n, const char *lang)
{
	struct walk w;
	uint32_t lid;
	char *good = NULL;
	int rc, full = 0;

	if (!df || !tc || (!text && n))
		return ERR_INVAL;
	memset(&w, 0, sizeof(w));
	nlp_strtab_init(&w.tab, 0);
	if ((rc = walk_text(&w, tc, text ? text : "", n, lang)) < 0)
		goto out;
	if ((rc = lang_id(df, w.lang, &lid)) < 0)
		goto out;
	if (lid < ARRAY_LEN(df->docs))
		df->docs[lid]++;
	/* w.tab holds each distinct key once; count those used well. */
	good = calloc(w.tab.n + 1, 1);
	if (!good) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < w.nc; i++)
		if (!w.c[i].bad)
			good[w.c[i].key] = 1;
	for (uint32_t k = 0; k < w.tab.n; k++) {
		size_t kn;
		if (!good[k])
			continue;
		const char *key = nlp_strtab_key(&w.tab, k, &kn);
		uint32_t id;
		bool added;
		rc = nlp_strtab_intern(&df->terms, key, kn, &id, &added);
		if (rc == ERR_TOOBIG) {
			full = rc;
			continue;
		}
		if (rc < 0)
			goto out;
		if (id >= df->cap) {
			size_t nc = df->cap ? df->cap * 2 : 4096;
			uint32_t *c = realloc(df->count, nc * sizeof(*c));
			if (!c) {
				rc = ERR_NOMEM;
				goto out;
			}
			df->count = c;
			df->cap = nc;
		}
		if (added)
			df->count[id] = 0;
		df->count[id]++;
	}
	rc = full;
out:
	free(good);
	walk_release(&w);
	return rc;
}

uint32_t
keyphrase_df_docs(const struct keyphrase_df *df, const char *lang)
{
	char lc[4];
	int64_t id;

	if (!df)
		return 0;
	text_lang_norm(lang && *lang ? lang : "en", lc);
	if (strcmp(lc, "und") == 0)
		memcpy(lc, "en", 3);
	id = nlp_strtab_find(&df->langs, lc, strlen(lc));
	return id >= 0 && id < (int64_t)ARRAY_LEN(df->docs) ? df->docs[id] : 0;
}

static uint32_t
df_of(const struct keyphrase_df *df, const char *key, size_t kn)
{
	int64_t id = df ? nlp_strtab_find(&df->terms, key, kn) : -1;

	return id < 0 ? 0 : df->count[id];
}

uint32_t
keyphrase_df_count(const struct keyphrase_df *df, const char *lang,
    const char *term)
{
	struct buf b = BUF_INIT;
	char lc[4];
	uint32_t r = 0;

	if (!df || !term)
		return 0;
	text_lang_norm(lang && *lang ? lang : "en", lc);
	if (strcmp(lc, "und") == 0)
		memcpy(lc, "en", 3);
	if (buf_puts(&b, lc) == 0 && buf_putc(&b, 0x1f) == 0 &&
	    buf_puts(&b, term) == 0)
		r = df_of(df, b.p, b.len);
	buf_release(&b);
	return r;
}

struct scored {
	uint32_t key;
	unsigned tf;
	uint8_t words;
	double score;
	size_t best_off, best_len; /* surface */
};

static int
cmp_scored(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

/* Is every word of the shorter key among the words of the longer? */
static bool
overlaps(const char *a, size_t an, const char *b, size_t bn)
{
	if (an > bn) {
		const char *t = a;
		size_t tn = an;
		a = b;
		an = bn;
		b = t;
		bn = tn;
	}
	for (size_t i = 0; i < an;) {
		size_t j = i;
		while (j < an && a[j] != ' ')
			j++;
		bool found = false;
		for (size_t p = 0; p + (j - i) <= bn && !found; p++)
			if ((p == 0 || b[p - 1] == ' ') &&
			    (p + (j - i) == bn || b[p + (j - i)] == ' ') &&
			    memcmp(b + p, a + i, j - i) == 0)
				found = true;
		if (!found)
			return false;
		i = j + 1;
	}
	return true;
}

static char *
surface(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	size_t k = 0;
	bool sp = false;

	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
			sp = k > 0;
			continue;
		}
		if (sp)
			p[k++] = ' ';
		sp = false;
		p[k++] = c;
	}
	p[k] = '\0';
	return p;
}

int
keyphrase_extract(const struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, size_t n, const char *lang, size_t max,
    struct keyphrase_list *out)
{
	struct walk w;
	struct scored *sc = NULL;
	uint32_t *surf_count = NULL;
	double docs = 0;
	int rc;

	keyphrase_list_release(out);
	if (!tc || !text || n == 0 || max == 0)
		return 0;
	if (max > KEYPHRASE_MAX)
		max = KEYPHRASE_MAX;
	memset(&w, 0, sizeof(w));
	nlp_strtab_init(&w.tab, 0);
	if ((rc = walk_text(&w, tc, text, n, lang)) < 0)
		goto out;
	docs = keyphrase_df_docs(df, w.lang);
	size_t words = 0;
	for (size_t i = 0; i < w.nc; i++)
		words += w.c[i].words == 1;
	bool long_text = words >= KEYPHRASE_LONG_TEXT;
	sc = calloc(w.tab.n + 1, sizeof(*sc));
	if (!sc) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < w.nc; i++) {
		struct scored *s = &sc[w.c[i].key];
		if (w.c[i].bad)
			continue;
		if (s->tf == 0) {
			s->key = w.c[i].key;
			s->words = w.c[i].words;
			s->best_off = w.c[i].off;
			s->best_len = w.c[i].len;
		}
		s->tf++;
	}
	/* The most common surface of each key, counted by exact bytes. */
	{
		struct nlp_strtab surf;
		nlp_strtab_init(&surf, 0);
		for (size_t i = 0; i < w.nc; i++) {
			uint32_t id;
			bool added;
			if (w.c[i].bad)
				continue;
			if (nlp_strtab_intern(&surf, text + w.c[i].off, w.c[i].len,
			    &id, &added) < 0)
				continue;
			if (added) {
				uint32_t *p = realloc(surf_count,
				    (size_t)(id + 1) * sizeof(*p));
				if (!p)
					break;
				surf_count = p;
				surf_count[id] = 0;
			}
			surf_count[id]++;
			struct scored *s = &sc[w.c[i].key];
			int64_t bid = nlp_strtab_find(&surf, text + s->best_off,
			    s->best_len);
			if (bid >= 0 && surf_count[id] > surf_count[bid]) {
				s->best_off = w.c[i].off;
				s->best_len = w.c[i].len;
			}
		}
		nlp_strtab_release(&surf);
	}
	size_t m = 0;
	for (uint32_t k = 0; k < w.tab.n; k++) {
		struct scored s = sc[k];
		size_t kn;
		const char *key = nlp_strtab_key(&w.tab, k, &kn);
		uint32_t d = df_of(df, key, kn);
		if (s.tf == 0)
			continue;
		if (s.words > 1 && s.tf < 2 && d < 2)
			continue;
		/* In a longer text a topic recurs. */
		if (long_text && s.tf < 2)
			continue;
		double idf = docs > 0 ? log((docs + 1.0) / (d + 1.0)) + 1.0 : 1.0;
		s.score = s.tf * idf * (1.0 + 0.5 * (s.words - 1));
		sc[m++] = s;
	}
	if (m > 1)
		qsort(sc, m, sizeof(*sc), cmp_scored);
	out->v = calloc(max, sizeof(*out->v));
	if (!out->v) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < m && out->n < max; i++) {
		size_t kn;
		const char *key = nlp_strtab_key(&w.tab, sc[i].key, &kn);
		const char *k0 = memchr(key, 0x1f, kn);
		k0 = k0 ? k0 + 1 : key;
		kn -= (size_t)(k0 - key);
		bool dup = false;
		for (size_t j = 0; j < out->n && !dup; j++)
			dup = overlaps(k0, kn, out->v[j].key,
			    strlen(out->v[j].key));
		if (dup)
			continue;
		struct keyphrase *kp = &out->v[out->n];
		kp->phrase = surface(text + sc[i].best_off, sc[i].best_len);
		kp->key = malloc(kn + 1);
		if (!kp->phrase || !kp->key) {
			free(kp->phrase);
			free(kp->key);
			rc = ERR_NOMEM;
			goto out;
		}
		memcpy(kp->key, k0, kn);
		kp->key[kn] = '\0';
		kp->score = sc[i].score;
		kp->tf = sc[i].tf;
		out->n++;
	}
	rc = 0;
out:
	if (rc < 0)
		keyphrase_list_release(out);
	free(sc);
	free(surf_count);
	walk_release(&w);
	return rc;
}
