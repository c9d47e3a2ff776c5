/*
 * nlp/keyphrase.c: TF-IDF keyphrases (see keyphrase.h).
 *
 * One walk over the tokens yields every candidate with a 64-bit key (the
 * language and the stems, hashed in order) and its surface slice; no
 * strings are built per candidate. Document and term frequencies are
 * open-addressed tables of those keys, so the cost is linear in the text
 * whatever the size of the corpus. A collision of two 64-bit keys would
 * merge two phrases' counts: rare enough to ignore.
 */
#include "base/common.h"

#include <math.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "nlp/keyphrase.h"
#include "nlp/strtab.h"
#include "nlp/tags.h"
#include "text/text.h"

/* Frequent news words that are not stop words but never make a topic.
 * A walk compares terms, so the set holds their English terms (stems:
 * "people" is "peopl"), made once by generic_init. */
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
	"tonight", "always", "never", "often", "usual", "normal", "taken",
	"given", "prof",
	/* Verbs and adverbs that end or start a run of content words
	 * without being part of a topic: "Dredging work continues",
	 * "power tools worth", "minutes late", "bring broken lamps". */
	"continue", "continues", "continuing", "begin", "begins", "began",
	"seem", "seems", "become", "becomes", "became", "bring", "brings",
	"brought", "keep", "keeps", "kept", "let", "avoid", "worth", "late",
	"later", "early", "earlier", "inside", "overnight", "ahead", "away",
	"apart", "alone", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "twenty", "hundred", "hundreds",
	"thousands", "dozen", "dozens", "half",
};


/* Slots of the set of en_generic word hashes (a power of two, over twice
 * the list). */
#define GENERIC_SLOTS 512
_Static_assert(ARRAY_LEN(en_generic) * 2 < GENERIC_SLOTS &&
    ARRAY_LEN(en_generic) <= 256, "en_generic outgrew its set");

/* en_generic by word hash: a word is looked up by the hash it has anyway,
 * instead of a scan of the list (which cost as much as the rest of the
 * walk). A df table keeps one, filled once, since building it per
 * article cost as much as a tenth of a walk. */
struct generic_set {
	uint64_t h[GENERIC_SLOTS];   /* term hashes, 0: empty */
	uint8_t i[GENERIC_SLOTS];    /* their index in en_generic */
	char term[ARRAY_LEN(en_generic)][16]; /* the terms, by index */
};

/* Most terms a df table holds; past it new terms are not counted. */
#define KEYPHRASE_DF_MAX_TERMS ((size_t)32 << 20)
#define KEYPHRASE_MAX_LANGS 64

/* Candidates whose scratch arrays a df table keeps between articles; a
 * longer article's are freed after it, so one huge text does not pin
 * megabytes for the life of the ingest. */
#define KP_SCRATCH_KEEP ((size_t)16 << 10)

#if defined(__GNUC__)
#define KP_PREFETCH(p) __builtin_prefetch(p)
#else
#define KP_PREFETCH(p) ((void)(p))
#endif

struct cand;

/* A key as ranked. */
struct scored {
	size_t cand;       /* first occurrence (words, hashes) */
	size_t best;       /* occurrence giving the surface */
	unsigned tf;
	double score;
};


/* The per-article arrays of a walk and its ranking. Allocating and
 * zeroing them afresh for every article cost about a sixth of the
 * keyphrase step, so a df table keeps one set and reuses it (a table
 * has one writer, so one set is enough). keys is all zero between uses:
 * group_cands clears the slots it filled. */
struct kp_scratch {
	struct cand *c;
	size_t ccap;
	uint64_t *wh;       /* word hashes of a walk */
	size_t whcap;
	uint64_t *keys;     /* grouping table; tcap slots, all 0 */
	uint32_t *idx;
	size_t tcap;
	/* Per candidate (acap each; a walk has no more keys than
	 * candidates, so the per-key arrays share the size). */
	size_t *uniq, *slot_of, *next, *last;
	uint32_t *tf, *surf_tf, *gslot;
	struct scored *sc;
	size_t acap;
	/* IDFs by document frequency (idf_cap entries): idf[d] holds the
	 * IDF of d while idf_docs[d] is the table's document count plus
	 * one, so that a count that moved makes the entries stale. */
	double *idf;
	uint32_t *idf_docs;
	size_t idf_cap;
};

struct keyphrase_df {
	uint64_t *key;      /* 0: empty slot */
	uint32_t *count;
	size_t n, cap;      /* cap: a power of two */
	struct {
		char lang[4];
		uint32_t docs;
	} langs[KEYPHRASE_MAX_LANGS];
	size_t n_langs;
	struct generic_set gen;
	struct kp_scratch scratch;
};

static int generic_init(struct generic_set *g, struct text_ctx *tc);
static void scratch_release(struct kp_scratch *sc);

struct keyphrase_df *
keyphrase_df_new(void)
{
	struct keyphrase_df *df = calloc(1, sizeof(*df));
	struct text_ctx *tc = text_ctx_new();

	if (df == NULL || tc == NULL || generic_init(&df->gen, tc) != 0) {
		free(df);
		df = NULL;
	}
	text_ctx_free(tc);
	return df;
}

void
keyphrase_df_free(struct keyphrase_df *df)
{
	if (!df)
		return;
	free(df->key);
	free(df->count);
	scratch_release(&df->scratch);
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

static void
norm_lang(const char *lang, char out[4])
{
	text_lang_norm(lang && *lang ? lang : "en", out);
	if (strcmp(out, "und") == 0)
		memcpy(out, "en", 3);
}

static uint64_t
word_hash(const char *p, size_t n)
{
	/* The hash text_terms hands over with every term, so a walk never
	 * hashes a word itself. */
	return text_hash64(p, n);
}

static uint64_t
lang_hash(const char *lang)
{
	return nlp_hash64(lang, strlen(lang));
}

/* lh: lang_hash of the language. */
static uint64_t
phrase_hash(uint64_t lh, const uint64_t *w, size_t n)
{
	uint64_t h = lh;

	for (size_t i = 0; i < n; i++)
		h = nlp_hash_mix(h, w[i]);
	return h ? h : 1;
}

/* Slot of key in a table of cap (power of two) slots. */
static size_t
find_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (cap - 1);

	while (keys[i] != 0 && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

/* One candidate occurrence. */
/* One candidate occurrence. A walk makes one to three per content
 * word, so it is kept small (24 bytes): its words' hashes are in the
 * walk's word array (wh[wi] on), and offsets fit 32 bits because a walk
 * reads at most KEYPHRASE_MAX_TEXT bytes. */
struct cand {
	uint64_t key;
	uint32_t off, len; /* surface slice */
	uint32_t wi;       /* its first word in the walk's wh */
	uint8_t words;
	uint8_t bad;       /* CAND_* */
};

/* The candidate cuts a name, or is not noun-ish. */
#define CAND_BAD 1u
/* A label at a sentence's start, its capital maybe only the sentence's:
 * one word ("Highs of 3 C"), or words a number follows ("Top temperature
 * 8 degrees"). */
#define CAND_LEAD 2u

struct walk {
	char lang[4];
	uint64_t lang_h;   /* lang_hash(lang) */
	const struct generic_set *gen; /* for English */
	struct cand *c;
	size_t nc, ccap;
	uint64_t *wh;      /* hashes of the content words, in text order */
	size_t nwh, whcap;
	size_t singles;    /* one-word candidates (good or bad) */
	/* The current run of content words. */
	struct {
		size_t off, end;
		uint32_t wi;   /* its index in wh */
		uint64_t acc;  /* phrase_hash state of this word to the last */
		bool cap;
		bool lead;     /* capitalised at a sentence's start */
		bool verbish;  /* English -ed: a verb or participle */
		bool adverb;   /* English -ly */
	} run[KEYPHRASE_MAX_WORDS];
	size_t nrun;
	bool prev_cap;     /* the word before run[0] was capitalised */
	size_t last_from;  /* candidates of the previous word start here */
	size_t prev_end;
	const char *s;
	bool en;
	bool de;           /* German: nouns, and only they, capitalised */
};

static int
generic_init(struct generic_set *g, struct text_ctx *tc)
{
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < ARRAY_LEN(en_generic); i++) {
		struct str t;
		int rc = text_term(tc, "en", en_generic[i],
		    strlen(en_generic[i]), &t);

		if (rc != 0)
			return rc;
		if (t.n >= sizeof(g->term[i]))
			continue; /* longer than any word of the list */
		memcpy(g->term[i], t.p, t.n);
		uint64_t h = word_hash(t.p, t.n);
		size_t s = (size_t)(h ^ (h >> 29)) & (GENERIC_SLOTS - 1);

		h = h ? h : 1;
		while (g->h[s] != 0 && g->h[s] != h)
			s = (s + 1) & (GENERIC_SLOTS - 1);
		g->h[s] = h;
		g->i[s] = (uint8_t)i;
	}
	return 0;
}

/* Is the term w (n bytes, hash h) one of en_generic's? */
static bool
generic(const struct walk *wk, const char *w, size_t n, uint64_t h)
{
	size_t s = (size_t)(h ^ (h >> 29)) & (GENERIC_SLOTS - 1);

	h = h ? h : 1;
	for (; wk->gen->h[s] != 0; s = (s + 1) & (GENERIC_SLOTS - 1)) {
		const char *g = wk->gen->term[wk->gen->i[s]];

		if (wk->gen->h[s] == h && strncmp(g, w, n) == 0 &&
		    g[n] == 0)
			return true;
	}
	return false;
}

/* Does the word ending at s[a] have one to three letters, the first a
 * capital ("Dr", "St", "J")? */
static bool
short_capital_before(const char *s, size_t a)
{
	size_t k = 0;

	while (k < 4 && k < a && ((s[a - 1 - k] | 0x20) >= 'a' &&
	    (s[a - 1 - k] | 0x20) <= 'z'))
		k++;
	return k >= 1 && k <= 3 && (k == a || !((s[a - 1 - k] | 0x20) >= 'a' &&
	    (s[a - 1 - k] | 0x20) <= 'z')) && s[a - k] >= 'A' &&
	    s[a - k] <= 'Z';
}

/* Does the gap s[a, b) after a word end a sentence? A period after a
 * short capitalised word is a title's or an initial's ("Dr. Park",
 * "J. Berg"). */
static bool
ends_sentence(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		char c = s[i];

		if (c == '!' || c == '?' || c == '\n' ||
		    (c == '.' && !short_capital_before(s, a)))
			return true;
	}
	return false;
}

/* Is the first thing in the gap s[a, b) a number ("temperature 8")? */
static bool
number_follows(const char *s, size_t a, size_t b)
{
	while (a < b && s[a] == ' ')
		a++;
	return a < b && s[a] >= '0' && s[a] <= '9';
}

static bool
breaks(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xC2 && i + 1 < b && (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\r' && c != '-')
			return true;
	}
	return false;
}

/* tail: CAND_BAD when the last word may end no phrase (a German word in
 * lower case: no noun). */
static int
add_cand(struct walk *w, size_t first, size_t last, unsigned tail)
{
	struct cand *c;
	unsigned bad = tail;

	if (w->nc == w->ccap) {
		size_t nc = w->ccap ? w->ccap * 2 : 256;
		struct cand *p = realloc(w->c, nc * sizeof(*p));
		if (!p)
			return ERR_NOMEM;
		w->c = p;
		w->ccap = nc;
	}
	c = &w->c[w->nc];
	c->words = (uint8_t)(last - first + 1);
	w->singles += c->words == 1;
	c->wi = w->run[first].wi;
	/* phrase_hash of the words, kept up to date as the run grows. */
	c->key = w->run[first].acc ? w->run[first].acc : 1;
	c->off = (uint32_t)w->run[first].off;
	c->len = (uint32_t)(w->run[last].end - w->run[first].off);
	/* Noun-ish: a phrase is all name ("Port Linden") or all lower case
	 * ("dock strike"), but for a capital at its start; English phrases
	 * neither start nor end with an adverb ("running normally") and do
	 * not end with an -ed verb. */
	if (last > first) {
		for (size_t i = first + 1; i <= last; i++)
			if (w->run[i].cap != w->run[last].cap)
				bad = CAND_BAD;
		if (!w->run[first].cap && w->run[last].cap)
			bad = CAND_BAD;
		if (w->run[first].cap && !w->run[last].cap && (first > 0 ?
		    w->run[first - 1].cap : w->prev_cap))
			bad = CAND_BAD;
		if (w->run[first].adverb || w->run[last].adverb ||
		    w->run[last].verbish)
			bad = CAND_BAD;
	}
	if (w->run[first].cap && (first > 0 ? w->run[first - 1].cap :
	    w->prev_cap))
		bad = CAND_BAD; /* the tail of a longer name */
	c->bad = (uint8_t)bad;
	w->nc++;
	return 0;
}

static int
on_term(void *arg, const struct text_term *t)
{
	struct walk *w = arg;
	const struct text_tok *tok = t->tok;
	bool cap = (tok->flags & TEXT_TOK_CAP) != 0;
	bool brk = breaks(w->s, w->prev_end, tok->off);
	uint64_t h = 0;
	bool word;
	int rc;

	/* A run that starts a sentence can only start at run[0] (a break
	 * comes first); its longest candidate is the previous word's
	 * first. */
	if (brk && w->nrun > 1 && w->run[0].lead && w->last_from < w->nc &&
	    number_follows(w->s, w->prev_end, tok->off))
		w->c[w->last_from].bad |= CAND_LEAD;
	if (w->nrun && brk)
		w->nrun = 0;
	/* A capital after a capital: the candidates ending in the previous
	 * word cut a name short ("near Port" in "near Port Linden"). */
	if (!brk && cap && w->nrun && w->run[w->nrun - 1].cap)
		for (size_t i = w->last_from; i < w->nc; i++)
			w->c[i].bad |= CAND_BAD;
	bool lead = cap && (w->prev_end == 0 || (brk &&
	    ends_sentence(w->s, w->prev_end, tok->off)));
	w->prev_end = tok->off + tok->s.n;
	w->last_from = w->nc;
	word = !t->stop && tok->kind == TEXT_TOK_WORD && t->term.n >= 3 &&
	    t->term.n <= TEXT_WORD_MAX;
	if (word)
		h = t->hash;
	if (!word || (w->en && generic(w, t->term.p, t->term.n, h))) {
		w->nrun = 0;
		w->prev_cap = !brk && cap;
		return 0;
	}
	if (w->nrun == 0)
		w->prev_cap = false;
	if (w->nrun == KEYPHRASE_MAX_WORDS) {
		w->prev_cap = w->run[0].cap;
		/* Two small structs: copied in place, not by a call. */
		for (size_t i = 1; i < KEYPHRASE_MAX_WORDS; i++)
			w->run[i - 1] = w->run[i];
		w->nrun--;
	}
	size_t r = w->nrun++;
	w->run[r].cap = cap;
	w->run[r].lead = lead;
	w->run[r].verbish = !cap && w->en && tok->s.n > 4 &&
	    memcmp(tok->s.p + tok->s.n - 2, "ed", 2) == 0;
	/* An adverb is its adjective's stem plus -ly ("normally" from
	 * "normal"): "supply", "family" and "assembly" stem otherwise, and
	 * are the nouns of "supply chain" and "family court". */
	w->run[r].adverb = w->en && tok->s.n > 4 && t->term.n + 2 ==
	    tok->s.n && memcmp(tok->s.p + tok->s.n - 2, "ly", 2) == 0 &&
	    strncasecmp(tok->s.p, t->term.p, t->term.n) == 0;
	w->run[r].off = tok->off;
	w->run[r].end = tok->off + tok->s.n;
	/* A possessive ends the surface before its 's. */
	if (tok->s.n > 2 && tok->s.p[tok->s.n - 2] == '\'' &&
	    tok->s.p[tok->s.n - 1] == 's')
		w->run[r].end -= 2;
	if (w->nwh == w->whcap) {
		size_t nc = w->whcap ? w->whcap * 2 : 256;
		uint64_t *p = realloc(w->wh, nc * sizeof(*p));

		if (!p)
			return ERR_NOMEM;
		w->wh = p;
		w->whcap = nc;
	}
	w->run[r].wi = (uint32_t)w->nwh;
	w->wh[w->nwh++] = h;
	w->run[r].acc = w->lang_h;
	for (size_t first = 0; first <= r; first++)
		w->run[first].acc = nlp_hash_mix(w->run[first].acc, h);
	/* A German noun phrase ends in a noun, and nouns are capitalised:
	 * "fährt" or "grünes" are no topic. */
	unsigned tail = w->de && !cap ? CAND_BAD : 0;
	for (size_t first = 0; first <= r; first++)
		if ((rc = add_cand(w, first, r, tail)) < 0)
			return rc;
	if (lead && r == 0)
		w->c[w->nc - 1].bad |= CAND_LEAD;
	return 0;
}

/* The terms of text (n bytes) to on_term: from doc when it was made in
 * the language of the walk (that decides the terms), else by walking. */
static int
walk_terms(struct walk *w, struct text_ctx *tc, const char *text, size_t n,
    const struct text_doc *doc)
{
	if (doc == NULL || doc->s != text || strcmp(doc->lang, w->lang) != 0)
		return text_terms(tc, w->lang, text, n, TEXT_TERMS_STOPWORDS,
		    on_term, w);
	for (size_t i = 0; i < doc->n_tok; i++) {
		const struct text_doc_tok *e = &doc->v[i];
		struct text_term t;
		int rc;

		/* The cut text would end a word cut in two: leave it. */
		if (e->tok.off + e->tok.s.n > n)
			break;
		if (e->tok.kind == TEXT_TOK_NUMBER)
			continue;
		t.term = text_doc_term(doc, i);
		t.tok = &e->tok;
		t.stop = e->stop;
		t.hash = e->hash;
		if ((rc = on_term(w, &t)) != 0)
			return rc;
	}
	return 0;
}

/* doc: the text already tokenized, or NULL. gen: the generic words of a
 * df table, or NULL to build them for this walk. The candidates go into
 * sc's array (grown as needed; w->c until the walk is put back). */
static int
walk_text(struct walk *w, struct text_ctx *tc, const char *text, size_t n,
    const char *lang, const struct text_doc *doc,
    const struct generic_set *gen, struct kp_scratch *sc)
{
	struct generic_set own;
	int rc;

	memset(w, 0, sizeof(*w));
	w->c = sc->c;
	w->ccap = sc->ccap;
	w->wh = sc->wh;
	w->whcap = sc->whcap;
	norm_lang(lang, w->lang);
	w->lang_h = lang_hash(w->lang);
	w->en = strcmp(w->lang, "en") == 0;
	w->de = strcmp(w->lang, "de") == 0;
	if (w->en && gen == NULL) {
		if ((rc = generic_init(&own, tc)) != 0)
			return rc;
		gen = &own;
	}
	w->gen = gen;
	w->s = text;
	if (n > KEYPHRASE_MAX_TEXT)
		n = utf8_cut(text, n, KEYPHRASE_MAX_TEXT);
	rc = walk_terms(w, tc, text, n, doc);
	w->gen = NULL; /* own dies here; only on_term reads it */
	/* The array may have moved as it grew: sc owns it again. */
	sc->c = w->c;
	sc->ccap = w->ccap;
	sc->wh = w->wh;
	sc->whcap = w->whcap;
	return rc;
}

static void
scratch_release(struct kp_scratch *sc)
{
	free(sc->c);
	free(sc->wh);
	free(sc->keys);
	free(sc->idx);
	free(sc->uniq);
	free(sc->slot_of);
	free(sc->next);
	free(sc->last);
	free(sc->tf);
	free(sc->surf_tf);
	free(sc->gslot);
	free(sc->sc);
	free(sc->idf);
	free(sc->idf_docs);
	memset(sc, 0, sizeof(*sc));
}

/* After a walk: keep the arrays for the next one unless they grew past
 * KP_SCRATCH_KEEP candidates. */
static void
scratch_done(struct kp_scratch *sc)
{
	if (sc->ccap > KP_SCRATCH_KEEP || sc->acap > KP_SCRATCH_KEEP + 1 ||
	    sc->whcap > KP_SCRATCH_KEEP ||
	    sc->tcap > 4 * KP_SCRATCH_KEEP)
		scratch_release(sc);
}

static int
grow_array(void **p, size_t elem, size_t n)
{
	void *q = realloc(*p, n * elem);

	if (q == NULL)
		return ERR_NOMEM;
	*p = q;
	return 0;
}

/* Room in the per-candidate arrays for n entries. */
static int
scratch_arrays(struct kp_scratch *sc, size_t n)
{
	size_t cap = sc->acap ? sc->acap : 256;

	if (n <= sc->acap)
		return 0;
	while (cap < n)
		cap *= 2;
	if (grow_array((void **)&sc->uniq, sizeof(*sc->uniq), cap) ||
	    grow_array((void **)&sc->slot_of, sizeof(*sc->slot_of), cap) ||
	    grow_array((void **)&sc->next, sizeof(*sc->next), cap) ||
	    grow_array((void **)&sc->last, sizeof(*sc->last), cap) ||
	    grow_array((void **)&sc->tf, sizeof(*sc->tf), cap) ||
	    grow_array((void **)&sc->surf_tf, sizeof(*sc->surf_tf), cap) ||
	    grow_array((void **)&sc->gslot, sizeof(*sc->gslot), cap) ||
	    grow_array((void **)&sc->sc, sizeof(*sc->sc), cap))
		return ERR_NOMEM;
	sc->acap = cap;
	return 0;
}

/* Group the good candidates of a walk by key: sc->uniq receives one
 * index per distinct key (the first occurrence), sc->tf[k] the
 * occurrences of uniq[k], sc->slot_of[i] the key number of candidate i
 * (SIZE_MAX for a bad one). Returns the number of keys, or -1 when out
 * of memory. The order of the keys is that of their first occurrence,
 * whatever the size of the table. */
static int64_t
group_cands(const struct walk *w, struct kp_scratch *sc)
{
	size_t cap = 16, nu = 0;
	uint64_t *keys;
	uint32_t *idx;
	size_t *so;

	while (cap < w->nc * 2 + 2)
		cap *= 2;
	if (scratch_arrays(sc, w->nc + 1) != 0)
		return -1;
	if (cap > sc->tcap) {
		free(sc->keys);
		free(sc->idx);
		sc->keys = calloc(cap, sizeof(*sc->keys));
		sc->idx = malloc(cap * sizeof(*sc->idx));
		sc->tcap = sc->keys && sc->idx ? cap : 0;
		if (sc->tcap == 0) {
			FREE_NULL(sc->keys);
			FREE_NULL(sc->idx);
			return -1;
		}
	}
	/* The first cap slots of the (zeroed) table serve this walk. */
	keys = sc->keys;
	idx = sc->idx;
	so = sc->slot_of;
	for (size_t i = 0; i < w->nc; i++) {
		if (w->c[i].bad & CAND_BAD) {
			so[i] = SIZE_MAX;
			continue;
		}
		size_t s = find_slot(keys, cap, w->c[i].key);
		if (keys[s] == 0) {
			keys[s] = w->c[i].key;
			idx[s] = (uint32_t)nu;
			sc->gslot[nu] = (uint32_t)s;
			sc->tf[nu] = 0;
			sc->uniq[nu++] = i;
		}
		sc->tf[idx[s]]++;
		so[i] = idx[s];
	}
	for (size_t k = 0; k < nu; k++)
		keys[sc->gslot[k]] = 0;
	return (int64_t)nu;
}

static int
df_grow(struct keyphrase_df *df)
{
	size_t nc = df->cap ? df->cap * 2 : 4096;
	uint64_t *key = calloc(nc, sizeof(*key));
	uint32_t *count = malloc(nc * sizeof(*count));

	if (!key || !count) {
		free(key);
		free(count);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < df->cap; i++) {
		if (!df->key[i])
			continue;
		size_t s = find_slot(key, nc, df->key[i]);
		key[s] = df->key[i];
		count[s] = df->count[i];
	}
	free(df->key);
	free(df->count);
	df->key = key;
	df->count = count;
	df->cap = nc;
	return 0;
}

static uint32_t *
lang_docs(struct keyphrase_df *df, const char *lang, bool add)
{
	for (size_t i = 0; i < df->n_langs; i++)
		if (strcmp(df->langs[i].lang, lang) == 0)
			return &df->langs[i].docs;
	if (!add || df->n_langs == KEYPHRASE_MAX_LANGS)
		return NULL;
	memcpy(df->langs[df->n_langs].lang, lang, 4);
	df->langs[df->n_langs].docs = 0;
	return &df->langs[df->n_langs++].docs;
}

/* How far ahead df_count and extract_walk prefetch: a df table of a
 * large corpus is tens of megabytes, so nearly every look-up misses the
 * cache; asking for the slots a few keys early overlaps those misses
 * instead of paying them one after another. */
#define DF_PREFETCH_AHEAD 8

/* Start loading the home slot of key (a hint; never faults). */
static inline void
df_prefetch(const struct keyphrase_df *df, uint64_t key)
{
	size_t i;

	if (df->cap == 0)
		return;
	i = (size_t)(key ^ (key >> 29)) & (df->cap - 1);
	KP_PREFETCH(&df->key[i]);
	KP_PREFETCH(&df->count[i]);
}

/* Count the grouped candidates of one walk as a document. Returns 0,
 * ERR_NOMEM or ERR_TOOBIG (see keyphrase_df_add). */
static int
df_count(struct keyphrase_df *df, const struct walk *w, const size_t *uniq,
    int64_t nu)
{
	uint32_t *docs;
	int rc, full = 0;

	if ((docs = lang_docs(df, w->lang, true)) != NULL)
		(*docs)++;
	for (int64_t k = 0; k < nu && k < DF_PREFETCH_AHEAD; k++)
		df_prefetch(df, w->c[uniq[k]].key);
	for (int64_t k = 0; k < nu; k++) {
		uint64_t key = w->c[uniq[k]].key;
		if (k + DF_PREFETCH_AHEAD < nu)
			df_prefetch(df, w->c[uniq[k + DF_PREFETCH_AHEAD]].key);
		if ((df->n + 1) * 2 > df->cap) {
			if (df->n >= KEYPHRASE_DF_MAX_TERMS) {
				size_t s = find_slot(df->key, df->cap, key);
				if (df->key[s] == key)
					df->count[s]++;
				else
					full = ERR_TOOBIG;
				continue;
			}
			if ((rc = df_grow(df)) < 0)
				return rc;
		}
		size_t s = find_slot(df->key, df->cap, key);
		if (df->key[s] == 0) {
			df->key[s] = key;
			df->count[s] = 0;
			df->n++;
		}
		df->count[s]++;
	}
	return full;
}

int
keyphrase_df_add(struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, size_t n, const char *lang)
{
	struct walk w;
	int64_t nu;
	int rc;

	if (!df || !tc || (!text && n))
		return ERR_INVAL;
	if ((rc = walk_text(&w, tc, text ? text : "", n, lang, NULL,
	    &df->gen, &df->scratch)) < 0)
		goto out;
	if ((nu = group_cands(&w, &df->scratch)) < 0) {
		rc = ERR_NOMEM;
		goto out;
	}
	rc = df_count(df, &w, df->scratch.uniq, nu);
out:
	scratch_done(&df->scratch);
	return rc;
}

uint32_t
keyphrase_df_docs(const struct keyphrase_df *df, const char *lang)
{
	char lc[4];
	const uint32_t *d;

	if (!df)
		return 0;
	norm_lang(lang, lc);
	d = lang_docs((struct keyphrase_df *)df, lc, false);
	return d ? *d : 0;
}

static uint32_t
df_of(const struct keyphrase_df *df, uint64_t key)
{
	if (!df || df->cap == 0)
		return 0;
	size_t s = find_slot(df->key, df->cap, key);
	return df->key[s] == key ? df->count[s] : 0;
}

uint32_t
keyphrase_df_count(const struct keyphrase_df *df, const char *lang,
    const char *term)
{
	uint64_t w[KEYPHRASE_MAX_WORDS];
	size_t nw = 0;
	char lc[4];

	if (!df || !term)
		return 0;
	norm_lang(lang, lc);
	for (const char *p = term; *p;) {
		const char *q = strchr(p, ' ');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		if (nw == KEYPHRASE_MAX_WORDS)
			return 0;
		w[nw++] = word_hash(p, len);
		p += len;
		while (*p == ' ')
			p++;
	}
	return nw ? df_of(df, phrase_hash(lang_hash(lc), w, nw)) : 0;
}

static int
cmp_scored(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->cand < b->cand ? -1 : a->cand > b->cand;
}

/* Document frequencies from this up get their IDF computed each time
 * (see key_idf). */
#define KP_IDF_MAX ((uint32_t)1 << 12)

/* Candidates sorted before the first pick (see extract_walk). */
#define KEYPHRASE_SORT_HEAD 32

/* Reorder a[0..n) so that its k best (cmp_scored) come first, in any
 * order: quickselect with Hoare's partition around a middle pivot. */
static void
select_best(struct scored *a, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, target = (ptrdiff_t)k - 1;

	while (lo < hi) {
		struct scored p = a[lo + (hi - lo) / 2], t;
		ptrdiff_t i = lo - 1, j = hi + 1;

		for (;;) {
			do
				i++;
			while (cmp_scored(&a[i], &p) < 0);
			do
				j--;
			while (cmp_scored(&a[j], &p) > 0);
			if (i >= j)
				break;
			t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		if (target <= j)
			hi = j;
		else
			lo = j + 1;
	}
}

/* Are all words of the shorter candidate among those of the longer?
 * (wh: the walk's word hashes.) */
static bool
overlaps(const uint64_t *wh, const struct cand *a, const struct cand *b)
{
	if (a->words > b->words) {
		const struct cand *t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; i < a->words; i++) {
		bool found = false;
		for (size_t j = 0; j < b->words && !found; j++)
			found = wh[a->wi + i] == wh[b->wi + j];
		if (!found)
			return false;
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

struct key_builder {
	struct buf *b;
	int rc;
};

static int
on_key_term(void *arg, const struct text_term *t)
{
	struct key_builder *kb = arg;

	if (kb->b->len && (kb->rc = buf_putc(kb->b, ' ')) < 0)
		return kb->rc;
	if ((kb->rc = buf_append(kb->b, t->term.p, t->term.n)) < 0)
		return kb->rc;
	return 0;
}

/* The stemmed key of a surface, as keyphrase_df_count takes it. */
static char *
key_of(struct text_ctx *tc, const char *lang, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	struct key_builder kb = { &b, 0 };
	char *r;

	if (text_terms(tc, lang, s, n, TEXT_TERMS_STOPWORDS, on_key_term,
	    &kb) != 0 || buf_putc(&b, 0) < 0) {
		buf_release(&b);
		return NULL;
	}
	r = buf_detach(&b);
	return r;
}

/* The occurrence of the key first occurs at (a candidate index) whose
 * bytes are the most common among that key's occurrences; on a tie the
 * earliest. Occurrences with the same bytes are counted on the first of
 * them, found by a scan of at most 16 earlier ones along the key's chain
 * (sc->next). Only the picks need a surface, so this runs for them
 * alone; a key's count involves only its own occurrences. */
static size_t
best_surface(const struct walk *w, const char *text, struct kp_scratch *sc,
    size_t first)
{
	const size_t *next = sc->next;
	uint32_t *surf_tf = sc->surf_tf;
	size_t best = first;

	for (size_t i = first; i != SIZE_MAX; i = next[i])
		surf_tf[i] = 0;
	for (size_t i = first; i != SIZE_MAX; i = next[i]) {
		size_t j = i;

		for (size_t p = first, seen = 0; p < i && seen < 16;
		    p = next[p]) {
			seen++;
			if (w->c[p].len == w->c[i].len &&
			    memcmp(text + w->c[p].off, text + w->c[i].off,
			    w->c[i].len) == 0) {
				j = p;
				break;
			}
		}
		surf_tf[j]++;
		if (surf_tf[j] > surf_tf[best])
			best = j;
	}
	return best;
}

/* log((docs + 1) / (d + 1)) + 1, once per (docs, d) met while the
 * scratch lives: a walk ranks a few hundred keys, and their document
 * frequencies repeat within a walk and from one walk to the next (docs
 * moves only when a text is counted). */
static double
key_idf(struct kp_scratch *ks, double docs, uint32_t d)
{
	uint32_t stamp = (uint32_t)docs + 1;

	if (d >= ks->idf_cap && d < KP_IDF_MAX) {
		size_t cap = ks->idf_cap ? ks->idf_cap : 256;
		double *v;
		uint32_t *t;

		while (cap <= d)
			cap *= 2;
		v = realloc(ks->idf, cap * sizeof(*v));
		if (v != NULL)
			ks->idf = v;
		t = v ? realloc(ks->idf_docs, cap * sizeof(*t)) : NULL;
		if (t != NULL) {
			memset(t + ks->idf_cap, 0, (cap - ks->idf_cap) *
			    sizeof(*t));
			ks->idf_docs = t;
			ks->idf_cap = cap;
		}
	}
	if (d >= ks->idf_cap || stamp == 0)
		return log((docs + 1.0) / (d + 1.0)) + 1.0;
	if (ks->idf_docs[d] != stamp) {
		ks->idf[d] = log((docs + 1.0) / (d + 1.0)) + 1.0;
		ks->idf_docs[d] = stamp;
	}
	return ks->idf[d];
}

/* Is every occurrence of the key whose first is at i (chained by next) a
 * sentence-start label? */
static bool
lead_only(const struct walk *w, const size_t *next, size_t i)
{
	for (; i != SIZE_MAX; i = next[i])
		if (!(w->c[i].bad & CAND_LEAD))
			return false;
	return true;
}

/* keyphrase_extract over a walk already grouped (sc->uniq, tf, slot_of
 * from group_cands, nu keys). */
static int
extract_walk(const struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, const struct walk *w, struct kp_scratch *ks,
    int64_t nu, size_t max, struct keyphrase_list *out)
{
	const size_t *uniq = ks->uniq, *slot_of = ks->slot_of;
	const uint32_t *tf = ks->tf;
	struct scored *sc = ks->sc;
	size_t *next = ks->next, *last = ks->last;
	double docs;
	size_t m = 0;
	int rc;

	if (max > KEYPHRASE_MAX)
		max = KEYPHRASE_MAX;
	docs = keyphrase_df_docs(df, w->lang);
	/* Each key's occurrences chained in text order, so that looking
	 * for an earlier one with the same bytes visits only those. */
	for (int64_t k = 0; k < nu; k++)
		last[k] = SIZE_MAX;
	for (size_t i = 0; i < w->nc; i++) {
		next[i] = SIZE_MAX;
		if (slot_of[i] == SIZE_MAX)
			continue;
		if (last[slot_of[i]] != SIZE_MAX)
			next[last[slot_of[i]]] = i;
		last[slot_of[i]] = i;
	}
	bool long_text = w->singles >= KEYPHRASE_LONG_TEXT;
	/* In a longer text a topic recurs: a key seen once there is out
	 * whatever its document frequency, so its look-up in the df table
	 * (a cache miss, most of the time) is skipped. The others are
	 * prefetched in a first pass. */
	if (df != NULL)
		for (int64_t k = 0; k < nu; k++)
			if (!long_text || tf[k] >= 2)
				df_prefetch(df, w->c[uniq[k]].key);
	for (int64_t k = 0; k < nu; k++) {
		const struct cand *c = &w->c[uniq[k]];
		struct scored s;

		if (long_text && tf[k] < 2)
			continue;
		/* Only ever at a sentence's start, its capital maybe only
		 * the sentence's: a label of a template ("Highs of 3 C",
		 * "Top temperature 8 degrees") more often than a topic. */
		if ((c->bad & CAND_LEAD) && lead_only(w, next, uniq[k]))
			continue;
		uint32_t d = df_of(df, c->key);
		s.cand = uniq[k];
		s.best = uniq[k];
		s.tf = tf[k];
		if (c->words > 1 && s.tf < 2 && d < 2)
			continue;
		double idf = docs > 0 ? key_idf(ks, docs, d) : 1.0;
		s.score = s.tf * idf * (1.0 + 0.5 * (c->words - 1));
		sc[m++] = s;
	}
	/* The picks come from the best few: only those are sorted at
	 * first, the rest if the walk down the ranking gets there. The
	 * order is total, so the ranking is the one a full sort gives. */
	size_t sorted = m;
	if (m > 2 * KEYPHRASE_SORT_HEAD) {
		select_best(sc, m, KEYPHRASE_SORT_HEAD);
		sorted = KEYPHRASE_SORT_HEAD;
	}
	if (sorted > 1)
		qsort(sc, sorted, sizeof(*sc), cmp_scored);
	if (!(out->v = calloc(max, sizeof(*out->v)))) {
		rc = ERR_NOMEM;
		goto out;
	}
	size_t picked[KEYPHRASE_MAX];
	for (size_t i = 0; i < m && out->n < max; i++) {
		bool dup = false;
		if (i == sorted) {
			qsort(sc + sorted, m - sorted, sizeof(*sc), cmp_scored);
			sorted = m;
		}
		for (size_t j = 0; j < out->n && !dup; j++)
			dup = overlaps(w->wh, &w->c[sc[i].cand],
			    &w->c[picked[j]]);
		if (dup)
			continue;
		sc[i].best = best_surface(w, text, ks, sc[i].cand);
		const struct cand *b = &w->c[sc[i].best];
		struct keyphrase *kp = &out->v[out->n];
		kp->phrase = surface(text + b->off, b->len);
		kp->key = key_of(tc, w->lang, text + b->off, b->len);
		if (!kp->phrase || !kp->key) {
			free(kp->phrase);
			free(kp->key);
			rc = ERR_NOMEM;
			goto out;
		}
		kp->score = sc[i].score;
		kp->tf = sc[i].tf;
		picked[out->n++] = sc[i].cand;
	}
	rc = 0;
out:
	if (rc < 0)
		keyphrase_list_release(out);
	return rc;
}

/* Count the text in wr (when not NULL), then extract up to max phrases
 * ranked by rd (when out is not NULL), over one walk, with the arrays of
 * ks (kept for the next walk). */
static int
walk_once(const struct keyphrase_df *rd, struct keyphrase_df *wr,
    struct kp_scratch *ks, struct text_ctx *tc, const char *text,
    size_t n, const char *lang, const struct text_doc *doc, size_t max,
    struct keyphrase_list *out)
{
	struct walk w;
	int64_t nu;
	int rc;

	if ((rc = walk_text(&w, tc, text, n, lang, doc, wr ? &wr->gen :
	    rd ? &rd->gen : NULL, ks)) < 0)
		goto out;
	if ((nu = group_cands(&w, ks)) < 0) {
		rc = ERR_NOMEM;
		goto out;
	}
	/* A full table stays correct for what it holds: not an error
	 * here. */
	if (wr && (rc = df_count(wr, &w, ks->uniq, nu)) == ERR_NOMEM)
		goto out;
	rc = out ? extract_walk(rd, tc, text, &w, ks, nu, max, out) : 0;
out:
	scratch_done(ks);
	return rc;
}

int
keyphrase_extract(const struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, size_t n, const char *lang, size_t max,
    struct keyphrase_list *out)
{
	keyphrase_list_release(out);
	struct kp_scratch ks = { 0 };
	int rc;

	if (!tc || !text || n == 0 || max == 0)
		return 0;
	/* df is shared read-only here: a scratch of this call's own. */
	rc = walk_once(df, NULL, &ks, tc, text, n, lang, NULL, max, out);
	scratch_release(&ks);
	return rc;
}

int
keyphrase_df_add_extract(struct keyphrase_df *df, bool count,
    struct text_ctx *tc, const char *text, size_t n, const char *lang,
    size_t max, struct keyphrase_list *out)
{
	keyphrase_list_release(out);
	if (!df || !tc || !text || n == 0)
		return ERR_INVAL;
	if (!count && max == 0)
		return 0;
	return walk_once(df, count ? df : NULL, &df->scratch, tc, text, n,
	    lang, NULL, max, max > 0 ? out : NULL);
}

int
keyphrase_df_add_extract_doc(struct keyphrase_df *df, bool count,
    struct text_ctx *tc, const struct text_doc *doc, size_t max,
    struct keyphrase_list *out)
{
	keyphrase_list_release(out);
	if (!df || !tc || !doc || !doc->s || doc->n == 0)
		return ERR_INVAL;
	if (!count && max == 0)
		return 0;
	return walk_once(df, count ? df : NULL, &df->scratch, tc, doc->s,
	    doc->n, doc->lang, doc, max, max > 0 ? out : NULL);
}
