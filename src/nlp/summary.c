/*
 * nlp/summary.c: extractive summary and key points (see summary.h).
 *
 * Why this method: for news, the first sentences are a strong summary
 * (the Lead-3 baseline is hard to beat), so position is the backbone of
 * the score. What the lead gets wrong is what we correct: a dateline or
 * headline line counted as a sentence, a quote or a colourful anecdote in
 * second or third place, a short teaser sentence, and repetition. So each
 * candidate gets a position prior, plus its centrality (cosine of its
 * stemmed TF-IDF vector with the centroid of the article and the sum of
 * its similarities to the others), times form factors, and the summary is
 * picked greedily with maximal marginal relevance. Everything is in
 * doubles computed in a fixed order, so results are the same everywhere.
 */
#include "base/common.h"

#include <ctype.h>
#include <math.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "nlp/boilerplate.h"
#include "nlp/summary.h"
#include "text/sentence.h"
#include "text/text.h"

/* Form limits, in words. */
#define SUM_MIN_WORDS 6
#define SUM_LONG_WORDS 55
#define SUM_MAX_WORDS 90
#define KP_MAX_WORDS 36
#define KP_MIN_WORDS 7
/* A headline line before the article: a paragraph of at most this many
 * words (and sentences), with no final punctuation. */
#define SUM_TITLE_WORDS 20
#define SUM_TITLE_SENTENCES 3
/* A sentence shorter than this (in bytes) may be a piece of a
 * dateline the splitter cut at an abbreviation ("ST.", "TULSA, Okla."). */
#define SUM_FRAGMENT_BYTES 24
/* A sentence of at most this many words without a word in lower case
 * is furniture (see no_lower_word). */
#define SUM_CAPS_WORDS 12
/* Bylines are looked for in this many paragraphs at the top. */
#define SUM_BYLINE_PARAS 3
/* Summary budget in words: stop adding sentences past it; but a third
 * sentence may take the summary to SUM_WORD_CAP when the first two have
 * at most SUM_SHORT_PAIR words or it is a lead sentence of at most
 * SUM_SHORT_THIRD (see fits()). */
#define SUM_WORD_BUDGET 75
#define SUM_WORD_CAP 100
#define SUM_SHORT_PAIR 60
#define SUM_SHORT_THIRD 25
/* A quote penalty is full from this quoted share up. */
#define SUM_QUOTE_FULL 0.7
/* A short sentence holding a number this close to the lead is a fact. */
#define SUM_SHORT_FACT_RANK 2
/* Above this cosine two sentences say the same thing. */
#define SUM_REDUNDANT 0.5

/* Score weights (see the file comment). */
#define W_POS 1.0
#define W_CENTROID 0.6
#define W_DEGREE 0.3
#define W_TITLE 0.25
#define MMR_LAMBDA 0.7

struct tv {
	uint32_t id;
	float w;
};

struct cand {
	size_t off, len;     /* sentence bytes, dateline cut */
	uint32_t para, rank; /* rank: position among candidates */
	uint32_t words;
	size_t v_off, v_n;   /* its terms in the vector pool */
	double norm;
	double score;
	double centroid, degree, title;
	double quoted;       /* share of its bytes inside quotation marks */
	bool quote, question, junk, number;
};

struct sum_work {
	const char *text;
	const char *lang;
	struct text_ctx *tc;
	const struct text_doc *doc; /* shared tokens, or NULL */
	size_t doc_next;    /* doc token after the last slice read */
	const struct text_sentences *sl;
	struct text_sentences own_sl; /* when there is no doc */
	struct cand *c;
	size_t n_c;
	/* Term table: open addressing over 64-bit hashes. */
	uint64_t *keys;
	uint32_t *ids;
	size_t tcap, n_terms;
	size_t tcap0;       /* first size of the table (a power of two) */
	uint32_t *df;
	/* Term ids of the sentence being built, then the vector pool. */
	uint32_t *tmp;
	size_t n_tmp, tmp_cap;
	struct tv *pool;
	size_t n_pool, pool_cap;
	bool has_title;
	size_t title_off, title_n;
	double title_norm;
	double *sim;        /* n_c x n_c */
	size_t n_words;     /* tokens seen by on_term */
	unsigned lead;      /* baseline mode (summary_opts.lead) */
};

static int
grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if ((q = realloc(*p, c * elem)) == NULL)
		return ERR_NOMEM;
	*p = q;
	*cap = c;
	return 0;
}

/* Double the term table (or make its first one). */
static int
grow_terms(struct sum_work *w)
{
	size_t i, nc = w->tcap ? w->tcap * 2 : w->tcap0, j;
	uint64_t *nk = calloc(nc, sizeof(*nk));
	/* An id is read only where its key is set. */
	uint32_t *ni = malloc(nc * sizeof(*ni));

	if (nk == NULL || ni == NULL) {
		free(nk);
		free(ni);
		return ERR_NOMEM;
	}
	for (j = 0; j < w->tcap; j++) {
		if (w->keys[j] == 0)
			continue;
		i = w->keys[j] & (nc - 1);
		while (nk[i] != 0)
			i = (i + 1) & (nc - 1);
		nk[i] = w->keys[j];
		ni[i] = w->ids[j];
	}
	free(w->keys);
	free(w->ids);
	w->keys = nk;
	w->ids = ni;
	w->tcap = nc;
	if ((w->df = realloc(w->df, nc / 2 * sizeof(*w->df))) == NULL)
		return ERR_NOMEM;
	return 0;
}

#if defined(__GNUC__)
#define SUM_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define SUM_ALWAYS_INLINE inline
#endif

/* The id of term hash h, a new one when it is new. Inlined: it runs for
 * every content word of every candidate sentence. */
static SUM_ALWAYS_INLINE int
term_id(struct sum_work *w, uint64_t h, uint32_t *id)
{
	size_t i, mask;
	int rc;

	if ((w->n_terms + 1) * 2 > w->tcap && (rc = grow_terms(w)) != 0)
		return rc;
	if (h == 0)
		h = 1;
	mask = w->tcap - 1;
	for (i = h & mask; w->keys[i] != 0; i = (i + 1) & mask) {
		if (w->keys[i] == h) {
			*id = w->ids[i];
			return 0;
		}
	}
	w->keys[i] = h;
	w->ids[i] = (uint32_t)w->n_terms;
	w->df[w->n_terms] = 0;
	*id = (uint32_t)w->n_terms++;
	return 0;
}

static int
on_term(void *arg, const struct text_term *t)
{
	struct sum_work *w = arg;
	uint32_t id;
	int rc;

	w->n_words++;
	if (t->stop || t->tok->kind == TEXT_TOK_NUMBER)
		return 0;
	if ((rc = term_id(w, t->hash, &id)) != 0)
		return rc;
	if ((rc = grow((void **)&w->tmp, &w->tmp_cap, w->n_tmp + 1,
	    sizeof(*w->tmp))) != 0)
		return rc;
	w->tmp[w->n_tmp++] = id;
	return 0;
}

/* Give on_term the terms of text[off, off + len), as text_terms over
 * that slice with flags would: from the shared doc when there is one. A
 * slice is a sentence, and no token runs over a sentence's end. With a
 * doc, on_term's work is done in the loop: this runs for every token of
 * every candidate sentence, and building a text_term per token to hand
 * over cost as much as the work itself. */
static int
slice_terms(struct sum_work *w, size_t off, size_t len, unsigned flags)
{
	const struct text_doc *d = w->doc;
	size_t i;
	uint32_t id;
	int rc;

	if (d == NULL)
		return text_terms(w->tc, w->lang, w->text + off, len, flags,
		    on_term, w);
	/* Sentences come in text order, mostly back to back: the token
	 * after the last slice is usually the first of this one. */
	i = w->doc_next;
	if (i > d->n_tok || (i < d->n_tok && d->v[i].tok.off < off) ||
	    (i > 0 && d->v[i - 1].tok.off >= off))
		i = text_doc_find(d, off);
	for (; i < d->n_tok; i++) {
		const struct text_doc_tok *e = &d->v[i];

		if (e->tok.off + e->tok.s.n > off + len)
			break;
		if ((e->stop && !(flags & TEXT_TERMS_STOPWORDS)) ||
		    (e->tok.kind == TEXT_TOK_NUMBER &&
		    !(flags & TEXT_TERMS_NUMBERS)))
			continue;
		/* What on_term does with the token. */
		w->n_words++;
		if (e->stop || e->tok.kind == TEXT_TOK_NUMBER)
			continue;
		if ((rc = term_id(w, e->hash, &id)) != 0)
			return rc;
		if (w->n_tmp == w->tmp_cap && (rc = grow((void **)&w->tmp,
		    &w->tmp_cap, w->n_tmp + 1, sizeof(*w->tmp))) != 0)
			return rc;
		w->tmp[w->n_tmp++] = id;
	}
	w->doc_next = i;
	return 0;
}

/* Turn the ids in w->tmp into (id, tf) pairs appended to the pool. */
static int
flush_vector(struct sum_work *w, size_t *off, size_t *n)
{
	size_t i;
	int rc;

	/* A sentence has a few dozen terms: insertion sort beats qsort's
	 * set-up and indirect compares there (it was a tenth of the
	 * summary's cost). */
	for (i = 1; i < w->n_tmp; i++) {
		uint32_t x = w->tmp[i];
		size_t j = i;

		while (j > 0 && w->tmp[j - 1] > x) {
			w->tmp[j] = w->tmp[j - 1];
			j--;
		}
		w->tmp[j] = x;
	}
	*off = w->n_pool;
	/* Room for every term at once: a sentence adds at most n_tmp. */
	if ((rc = grow((void **)&w->pool, &w->pool_cap, w->n_pool +
	    w->n_tmp + 1, sizeof(*w->pool))) != 0)
		return rc;
	for (i = 0; i < w->n_tmp; i++) {
		if (i > 0 && w->tmp[i] == w->tmp[i - 1]) {
			w->pool[w->n_pool - 1].w += 1;
			continue;
		}
		w->pool[w->n_pool].id = w->tmp[i];
		w->pool[w->n_pool].w = 1;
		w->n_pool++;
	}
	*n = w->n_pool - *off;
	w->n_tmp = 0;
	return 0;
}

static double
dot(const struct tv *a, size_t an, const struct tv *b, size_t bn)
{
	size_t i = 0, j = 0;
	double s = 0;

	while (i < an && j < bn) {
		if (a[i].id < b[j].id)
			i++;
		else if (a[i].id > b[j].id)
			j++;
		else
			s += (double)a[i++].w * (double)b[j++].w;
	}
	return s;
}

/* Does s (n bytes) open with p (k bytes, in lower case), ignoring the
 * case of ASCII letters? A loop of our own: it stops at the first
 * different byte, which for most sentences is the second or third. */
static bool
starts_folded(const char *s, size_t n, const char *p, size_t k)
{
	size_t i;

	if (n < k)
		return false;
	for (i = 0; i < k; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != (unsigned char)p[i])
			return false;
	}
	return true;
}

/* Sentences that are page furniture rather than news. */
static bool
is_junk(const char *s, size_t n)
{
#define SUM_LIT(x) { x, sizeof(x) - 1 }
	static const struct lit {
		const char *s;
		size_t n;
	} prefixes[] = {
		SUM_LIT("(reporting by"), SUM_LIT("($1 ="),
		SUM_LIT("(\xc2\xa3" "1 ="), SUM_LIT("(\xe2\x82\xac" "1 ="),
		SUM_LIT("advertisement"), SUM_LIT("additional reporting"),
		SUM_LIT("all rights reserved"), SUM_LIT("credit:"),
		SUM_LIT("copyright"), SUM_LIT("click here"),
		SUM_LIT("editor's note"), SUM_LIT("editing by"),
		SUM_LIT("follow us"), SUM_LIT("first published"),
		SUM_LIT("image:"), SUM_LIT("listen:"), SUM_LIT("lire aussi"),
		SUM_LIT("lesen sie auch"), SUM_LIT("lea tambi\xc3\xa9n"),
		SUM_LIT("leer m\xc3\xa1s"), SUM_LIT("last updated"),
		SUM_LIT("mehr zum thema"), SUM_LIT("photo:"),
		SUM_LIT("photo by"), SUM_LIT("picture:"),
		SUM_LIT("published:"), SUM_LIT("read more"),
		SUM_LIT("read also"), SUM_LIT("related:"),
		SUM_LIT("reporting by"), SUM_LIT("see also"),
		SUM_LIT("sign up"), SUM_LIT("subscribe"),
		SUM_LIT("share this"), SUM_LIT("scroll down"),
		SUM_LIT("this article"), SUM_LIT("this story"),
		SUM_LIT("this material may not"), SUM_LIT("updated:"),
		SUM_LIT("voir aussi"), SUM_LIT("watch:"),
		SUM_LIT("writing by"), SUM_LIT("\xc2\xa9"),
	};
	/* Credits that end a story ("Jane Roe in Lima contributed to this
	 * report."). */
	static const struct lit suffixes[] = {
		SUM_LIT("contributed to this report."),
		SUM_LIT("contributed to this report"),
		SUM_LIT("contributed reporting."),
	};
#undef SUM_LIT
	/* The prefixes above are grouped by their first byte: the range of
	 * each first byte, folded. Most sentences open with none of them
	 * and skip the loop (it runs for every candidate); the others try
	 * only the prefixes of their first byte. */
	static const struct { uint8_t lo, hi; } open_at[256] = {
		['('] = { 0, 4 }, ['a'] = { 4, 7 }, ['c'] = { 7, 10 },
		['e'] = { 10, 12 }, ['f'] = { 12, 14 }, ['i'] = { 14, 15 },
		['l'] = { 15, 21 }, ['m'] = { 21, 22 }, ['p'] = { 22, 26 },
		['r'] = { 26, 30 }, ['s'] = { 30, 35 }, ['t'] = { 35, 38 },
		['u'] = { 38, 39 }, ['v'] = { 39, 40 }, ['w'] = { 40, 42 },
		[0xc2] = { 42, 43 },
	};
	size_t i;
	unsigned char c0;

	if (n == 0)
		return false;
	c0 = (unsigned char)s[0];
	if (c0 >= 'A' && c0 <= 'Z')
		c0 += 32;
	for (i = open_at[c0].lo; i < open_at[c0].hi; i++)
		if (starts_folded(s, n, prefixes[i].s, prefixes[i].n))
			return true;
	/* Every suffix ends in "report", "report." or "reporting.". */
	if (n < 8 || (s[n - 1] != 't' && !(s[n - 1] == '.' &&
	    (s[n - 2] == 't' || s[n - 2] == 'g'))))
		return false;
	for (i = 0; i < ARRAY_LEN(suffixes); i++)
		if (n >= suffixes[i].n && starts_folded(s + n - suffixes[i].n,
		    suffixes[i].n, suffixes[i].s, suffixes[i].n))
			return true;
	return false;
}

/* Bytes of a quotation mark at s[i] (0: none). */
static size_t
quote_mark_len(const char *s, size_t i, size_t n)
{
	if (s[i] == '"')
		return 1;
	if (i + 2 < n && (memcmp(s + i, "\xe2\x80\x9c", 3) == 0 ||
	    memcmp(s + i, "\xe2\x80\x9d", 3) == 0 ||
	    memcmp(s + i, "\xe2\x80\x9e", 3) == 0))
		return 3;
	if (i + 1 < n && (memcmp(s + i, "\xc2\xab", 2) == 0 ||
	    memcmp(s + i, "\xc2\xbb", 2) == 0))
		return 2;
	return 0;
}

/* Does the quotation mark of k bytes at s[j] close a quotation? A
 * closing curly mark says so itself; a straight one when it follows a
 * comma or stop and comes before a space or the end. When a sentence's
 * first mark closes, the sentence goes on with a quotation begun in the
 * sentence before ("We have never seen this. The report shows that trust
 * was damaged," he said.), and what comes before the mark is quoted. */
static bool
mark_closes(const char *s, size_t j, size_t n, size_t k)
{
	if (k == 3)
		return (unsigned char)s[j + 2] == 0x9d;
	if (k != 1 || j == 0)
		return false;
	return (s[j - 1] == ',' || s[j - 1] == '.' || s[j - 1] == '?' ||
	    s[j - 1] == '!') && (j + 1 == n || s[j + 1] == ' ');
}

/* Does a sentence that opens with a quotation go on with its speaker
 * ("'...,' said Ms Lopez, 54, ...", "'...', a d\xc3\xa9" "clar\xc3\xa9 le
 * ministre")? Then it is a quote however long the rest, unlike a quoted
 * title opening a narrative sentence ("'The Last Fare,' a drama about
 * ..., won"). Looks at the three words after the closing mark. */
static bool
quote_attributed(const char *s, size_t n, bool first_closes)
{
	static const char *const verbs[] = {
		"said", "says", "told", "added", "asked", "wrote", "according",
		"explained", "insisted", "warned", "declared", "replied",
		"dit", "a", "affirme", "d\xc3\xa9" "clare", "selon", "estime",
		"sagte", "sagt", "erkl\xc3\xa4rte", "so", "betonte",
		"dijo", "afirm\xc3\xb3", "declar\xc3\xb3", "seg\xc3\xban",
		"explic\xc3\xb3", "a\xc3\xb1" "adi\xc3\xb3",
	};
	size_t i = quote_mark_len(s, 0, n), k = 0, w, v;

	if (i == 0 && n > 1 && (s[0] == '\'' || (n > 3 &&
	    memcmp(s, "\xe2\x80\x98", 3) == 0))) {
		/* Single marks, as British papers quote ("'We are sorry,'
		 * a spokesman said."): the closing one follows a comma or
		 * stop, which tells it from an apostrophe ("don't"). */
		for (i = s[0] == '\'' ? 1 : 3; i < n; i++) {
			if (s[i - 1] != ',' && s[i - 1] != '.' &&
			    s[i - 1] != '?' && s[i - 1] != '!')
				continue;
			if (s[i] == '\'')
				k = 1;
			else if (i + 2 < n && memcmp(s + i, "\xe2\x80\x99",
			    3) == 0)
				k = 3;
			if (k > 0)
				break;
		}
	} else if (i > 0 || first_closes) {
		/* The closing mark; or the first mark, when it closes a
		 * quotation begun in the sentence before ("... damaged,"
		 * he said.). */
		for (; i < n && (k = quote_mark_len(s, i, n)) == 0; i++)
			;
	}
	if (i == 0 || i >= n || k == 0)
		return false;
	i += k;
	for (w = 0; w < 3 && i < n; w++) {
		size_t b;

		while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '-'))
			i++;
		for (b = i; i < n && s[i] != ' ' && s[i] != ',' &&
		    s[i] != '.'; i++)
			;
		for (v = 0; v < ARRAY_LEN(verbs); v++)
			if (i > b && verbs[v][0] == s[b] &&
			    strlen(verbs[v]) == i - b &&
			    memcmp(verbs[v], s + b, i - b) == 0)
				return true;
	}
	return false;
}

/* The next byte at or after i (of n) that may start a quotation mark:
 * '"' or the lead byte of a curly quote or guillemet (0xE2, 0xC2); n
 * when there is none. at[] caches where each of the three was last found
 * (SIZE_MAX: not searched yet), so every byte is searched once, by
 * memchr, instead of going through a loop of our own. */
static size_t
next_quote_lead(const char *s, size_t i, size_t n, size_t at[3])
{
	static const unsigned char lead[3] = { '"', 0xE2, 0xC2 };
	size_t best = n;

	for (size_t k = 0; k < 3; k++) {
		if (at[k] == SIZE_MAX || (at[k] < i && at[k] < n)) {
			const char *p = memchr(s + i, lead[k], n - i);

			at[k] = p ? (size_t)(p - s) : n;
		}
		if (at[k] < best)
			best = at[k];
	}
	return best;
}

/* Share of the sentence's bytes inside quotation marks. */
static double
quoted_share(const char *s, size_t n, bool *first_closes)
{
	size_t i = 0, in = 0, at[3] = { SIZE_MAX, SIZE_MAX, SIZE_MAX };
	bool open = false, first = true;

	*first_closes = false;

	while (i < n) {
		size_t k = 0, j = next_quote_lead(s, i, n, at);

		/* Bytes up to the next possible mark count when open. */
		if (open)
			in += j - i;
		if ((i = j) >= n)
			break;
		if (s[i] == '"')
			k = 1;
		else if (i + 2 < n && (memcmp(s + i, "\xe2\x80\x9c", 3) == 0 ||
		    memcmp(s + i, "\xe2\x80\x9d", 3) == 0 ||
		    memcmp(s + i, "\xe2\x80\x9e", 3) == 0))
			k = 3;
		else if (i + 1 < n && (memcmp(s + i, "\xc2\xab", 2) == 0 ||
		    memcmp(s + i, "\xc2\xbb", 2) == 0))
			k = 2;
		if (k > 0) {
			if (first && mark_closes(s, i, n, k)) {
				/* Quoted up to here (see mark_closes). */
				in += i;
				open = true;
				*first_closes = true;
			}
			first = false;
			open = !open;
			i += k;
			continue;
		}
		if (open)
			in++;
		i++;
	}
	return n ? (double)in / (double)n : 0;
}

/* Share of the sentence's bytes inside single quotation marks, as
 * British papers quote (He said: 'We will appeal.'). A mark opens after
 * a space, colon or bracket and before a letter or digit, and closes
 * before a space, punctuation or the end: so the apostrophes of "don't"
 * and "O'Brien" neither open nor close. */
static size_t
next_single_mark(const char *s, size_t i, size_t n, size_t at[2], size_t *k)
{
	const char *p;

	for (;;) {
		if (at[0] == SIZE_MAX || at[0] < i) {
			p = memchr(s + i, '\'', n - i);
			at[0] = p != NULL ? (size_t)(p - s) : n;
		}
		if (at[1] == SIZE_MAX || at[1] < i) {
			p = memchr(s + i, 0xE2, n - i);
			at[1] = p != NULL ? (size_t)(p - s) : n;
		}
		if (at[0] <= at[1]) {
			*k = 1;
			return at[0];
		}
		i = at[1];
		if (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x98 ||
		    (unsigned char)s[i + 2] == 0x99)) {
			*k = 3;
			return i;
		}
		i++;            /* a dash or another sign: search on */
	}
}

static double
single_quoted_share(const char *s, size_t n)
{
	size_t i = 0, j, k, in = 0, start = 0, at[2] = { SIZE_MAX, SIZE_MAX };
	bool open = false;

	/* From mark to mark (memchr): this runs for every candidate, and
	 * most have at most an apostrophe or a dash. */
	while ((j = next_single_mark(s, i, n, at, &k)) < n) {
		unsigned char before = j > 0 ? (unsigned char)s[j - 1] : ' ';
		unsigned char after = j + k < n ? (unsigned char)s[j + k] : ' ';

		if (!open && (before == ' ' || before == ':' || before == '(') &&
		    (isalnum(after) || after >= 0x80) &&
		    !(k == 3 && (unsigned char)s[j + 2] == 0x99)) {
			open = true;
			start = j + k;
		} else if (open && before != ' ' && !isalnum(after) &&
		    !(k == 3 && (unsigned char)s[j + 2] == 0x98)) {
			open = false;
			in += j - start;
		}
		i = j + k;
	}
	return (double)in / (double)n;
}

/* Bytes of a news agency's name in brackets and the spaces after it
 * ("(AP) ", "(Reuters) ", "(AFP) ", or glued to a capital: "(CNN)The"):
 * a short capitalised bracket with no digits. 0 when s does not open
 * with one. */
static size_t
agency_paren(const char *s, size_t n)
{
	size_t i;

	if (n < 4 || s[0] != '(' || !(s[1] >= 'A' && s[1] <= 'Z'))
		return 0;
	for (i = 2; i < n && i < 32 && s[i] != ')'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || s[i] == ' ' || s[i] == '/' ||
		    s[i] == '-' || s[i] == '.'))
			return 0;
	if (i >= n || s[i] != ')' || i + 1 >= n || (s[i + 1] != ' ' &&
	    !(s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
		return 0;
	for (i++; i < n && s[i] == ' '; i++)
		;
	return i;
}

/* Bytes of a dash and its spaces opening a sentence ("\xe2\x80\x94 The
 * ..."), left when a dateline was cut off by a sentence end. */
static size_t
leading_dash(const char *s, size_t n)
{
	size_t i = 0, k, a = agency_paren(s, n);

	if (a > 0) {
		/* "(AP) \xe2\x80\x94 The ...": the agency goes with the dash;
		 * glued to the first word ("(CNN)The ..."), alone. */
		if ((k = leading_dash(s + a, n - a)) > 0)
			return a + k;
		return s[a - 1] == ')' ? a : 0;
	}
	if (n >= 4 && (memcmp(s, "\xe2\x80\x94", 3) == 0 ||
	    memcmp(s, "\xe2\x80\x93", 3) == 0))
		i = 3;
	else if (n >= 3 && s[0] == '-')
		i = s[1] == '-' ? 2 : 1;
	if (i == 0 || i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n ? i : 0;
}

/* Words that may stand in lower case in a byline's names. */
static bool
byline_connector(const char *w, size_t n)
{
	static const char *const words[] = {
		"and", "y", "et", "und", "e", "de", "del", "da", "van",
		"von", "der", "den", "la", "le", "di", "du", "al", "bin",
		"with", "&",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(words); i++)
		if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
			return true;
	return false;
}

/* A short sentence with capitalised words and not one in lower case is
 * no prose: a name, a date stamp, a caption or a dateline left alone
 * ("Sam Walker .", "05:39 EST, 16 April 2013 .", "WASHINGTON (AP)").
 * Prose has a verb or a function word. A word opening with a non-ASCII
 * byte gives up: it may be lower case, or from a script without case. */
static bool
no_lower_word(const char *s, size_t n)
{
	size_t i;
	bool cased = false, start = true;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
		    c == '(' || c == '"' || c == '\'' || c == '-') {
			start = true;
			continue;
		}
		if (start) {
			size_t e = i;

			while (e < n && s[e] >= 'a' && s[e] <= 'z')
				e++;
			/* Names may be joined by "and", "de", "von" ...
			 * ("Associated Press . and Daily Mail Reporter"). */
			if ((c >= 'a' && c <= 'z' && (e - i > 4 ||
			    !byline_connector(s + i, e - i))) || c >= 0x80)
				return false;
			if (c >= 'A' && c <= 'Z')
				cased = true;
		}
		start = false;
	}
	return cased;
}

/* A byline paragraph: "By Dana Whitcombe, Staff Writer", "By A and B",
 * "Par Jean Dupont", "Von Anna Schmidt". The names up to a comma are
 * capitalised; no sentence, no digits. */
static bool
is_byline(const char *s, size_t n)
{
	static const char *const lead[] = { "By ", "BY ", "Par ", "Von ",
	    "Por ", "Written by " };
	size_t i, k = 0, words = 0, ws;
	bool comma = false;

	for (i = 0; i < ARRAY_LEN(lead) && k == 0; i++)
		if (n > strlen(lead[i]) && memcmp(s, lead[i],
		    strlen(lead[i])) == 0)
			k = strlen(lead[i]);
	if (k == 0 || !(s[k] >= 'A' && s[k] <= 'Z') ||
	    s[n - 1] == '?' || s[n - 1] == '!' || s[n - 1] == ':')
		return false;
	for (i = k; i < n; i = ws) {
		while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\t'))
			i++;
		if (i >= n)
			break;
		for (ws = i; ws < n && s[ws] != ' ' && s[ws] != '\n' &&
		    s[ws] != '\r' && s[ws] != '\t'; ws++)
			if (s[ws] >= '0' && s[ws] <= '9')
				return false;
		if (++words > 14)
			return false;
		if (!comma && s[i] >= 'a' && s[i] <= 'z' &&
		    !byline_connector(s + i, ws - i - (s[ws - 1] == ',')))
			return false;
		if (s[ws - 1] == ',')
			comma = true;
	}
	/* "By Reuters Staff." ends in a stop; a sentence would be longer. */
	return words > 0 && (s[n - 1] != '.' || words <= 6);
}

/* Does the sentence hold a digit? */
static bool
has_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* A short sentence with a number right after the lead: a fact ("She
 * was 87.", "Turnout was 68 percent."), not a teaser. */
static bool
is_short_fact(const struct cand *c)
{
	return c->words < SUM_MIN_WORDS && c->number && c->rank > 0 &&
	    c->rank <= SUM_SHORT_FACT_RANK;
}

static bool
para_excluded(const struct summary_opts *o, const uint64_t *ex_fps,
    size_t n_ex, const char *p, size_t n)
{
	uint64_t fp;
	size_t i;

	if (o == NULL)
		return false;
	if (o->is_boilerplate != NULL && o->is_boilerplate(o->arg, p, n))
		return true;
	if (n_ex == 0)
		return false;
	fp = boilerplate_fingerprint(p, n);
	if (fp == 0)
		return false;
	for (i = 0; i < n_ex; i++)
		if (ex_fps[i] == fp)
			return true;
	return false;
}

static int
count_words(const char *s, size_t n)
{
	struct text_iter it;
	struct text_tok t;
	int c = 0;

	text_iter_init(&it, s, n);
	while (text_iter_next(&it, &t))
		c++;
	return c;
}

/* Build the candidate list: boilerplate, title and junk out; features. */
static int
build_cands(struct sum_work *w, const struct summary_opts *o)
{
	const struct text_sentences *sl = w->sl;
	uint64_t *ex = NULL;
	size_t n_ex = 0, i, j, k;
	uint32_t para, ranked = 0;
	size_t para_off = 0;
	bool *skip_para = NULL, frag_only = false;
	int rc = 0;

	if (sl->n == 0)
		return 0;
	if ((w->c = calloc(sl->n < SUMMARY_MAX_CANDIDATES ? sl->n :
	    SUMMARY_MAX_CANDIDATES, sizeof(*w->c))) == NULL)
		return ERR_NOMEM;
	if ((skip_para = calloc(sl->n_paras + 1, sizeof(*skip_para))) == NULL)
		return ERR_NOMEM;
	if (o != NULL && (o->n_exclude > 0 || o->n_exclude_fps > 0)) {
		if ((ex = calloc(o->n_exclude + o->n_exclude_fps + 1,
		    sizeof(*ex))) == NULL) {
			rc = ERR_NOMEM;
			goto out;
		}
		for (i = 0; i < o->n_exclude; i++)
			if (o->exclude[i] != NULL)
				ex[n_ex++] = boilerplate_fingerprint(
				    o->exclude[i], strlen(o->exclude[i]));
		for (i = 0; i < o->n_exclude_fps; i++)
			ex[n_ex++] = o->exclude_fps[i];
	}
	/* Paragraph by paragraph: sentences of a paragraph are adjacent. */
	if (o != NULL && (o->is_boilerplate != NULL || n_ex > 0)) {
		for (i = 0; i < sl->n; i = j) {
			para = sl->v[i].para;
			for (j = i; j < sl->n && sl->v[j].para == para; j++)
				;
			skip_para[para] = para_excluded(o, ex, n_ex,
			    w->text + sl->v[i].off, sl->v[j - 1].off +
			    sl->v[j - 1].len - sl->v[i].off);
		}
	}
	/* A headline line at the top: a short paragraph with no final stop,
	 * even when a stop inside it ("Analysis: Curbs were meant to slow
	 * China. Its labs adapt") made it two sentences. */
	for (i = 0; i < sl->n && skip_para[sl->v[i].para]; i++)
		;
	for (j = i; j < sl->n && sl->v[j].para == sl->v[i].para; j++)
		;
	if (i < sl->n && j < sl->n && j - i <= SUM_TITLE_SENTENCES) {
		size_t off = sl->v[i].off;
		size_t n = sl->v[j - 1].off + sl->v[j - 1].len - off;
		const char *s = w->text + off;
		char last = n ? s[n - 1] : '.';

		if (last != '.' && last != '!' && last != '?' && last != '"' &&
		    count_words(s, n) <= SUM_TITLE_WORDS) {
			if ((rc = slice_terms(w, off, n, 0)) != 0)
				goto out;
			if ((rc = flush_vector(w, &w->title_off,
			    &w->title_n)) != 0)
				goto out;
			w->has_title = true;
			skip_para[sl->v[i].para] = true;
		}
	}
	/* A byline among the first paragraphs is furniture: not a
	 * candidate, and it takes no place before the lead. */
	for (i = 0, k = 0; i < sl->n && k < SUM_BYLINE_PARAS; i = j) {
		para = sl->v[i].para;
		for (j = i; j < sl->n && sl->v[j].para == para; j++)
			;
		if (skip_para[para])
			continue;
		k++;
		if (j < sl->n && is_byline(w->text + sl->v[i].off,
		    sl->v[j - 1].off + sl->v[j - 1].len - sl->v[i].off))
			skip_para[para] = true;
	}
	for (i = 0; i < sl->n && w->n_c < SUMMARY_MAX_CANDIDATES; i++) {
		const struct text_sentence *ts = &sl->v[i];
		struct cand *c = &w->c[w->n_c];
		const char *s = w->text + ts->off;
		size_t dl;
		bool first_closes;

		if (skip_para[ts->para])
			continue;
		memset(c, 0, sizeof(*c));
		if (ts->in_para == 0) {
			para_off = ts->off;
			frag_only = true;
		}
		dl = ts->in_para == 0 ? text_dateline_len(s, ts->len) : 0;
		if (ts->in_para > 0 && frag_only) {
			/* Only fragments before it in its paragraph ("ST.",
			 * "TULSA, Okla."): a dateline the splitter cut may
			 * run on into this sentence ("LOUIS \xe2\x80\x94 A jury
			 * ..."). Measure it from the paragraph's start. */
			size_t whole = text_dateline_len(w->text + para_off,
			    ts->off + ts->len - para_off);

			if (para_off + whole > ts->off &&
			    para_off + whole < ts->off + ts->len) {
				dl = para_off + whole - ts->off;
				/* The fragments were the dateline: junk,
				 * and they give back their ranks. */
				for (k = w->n_c; k > 0 &&
				    w->c[k - 1].para == ts->para; k--) {
					if (!w->c[k - 1].junk)
						ranked--;
					w->c[k - 1].junk = true;
				}
			}
		}
		if (ts->len >= SUM_FRAGMENT_BYTES)
			frag_only = false;
		dl += leading_dash(s + dl, ts->len - dl);
		c->off = ts->off + dl;
		c->len = ts->len - dl;
		c->para = ts->para;
		c->rank = ranked;
		s = w->text + c->off;
		w->n_words = 0;
		if ((rc = slice_terms(w, c->off, c->len,
		    TEXT_TERMS_STOPWORDS | TEXT_TERMS_NUMBERS)) != 0)
			goto out;
		c->words = (uint32_t)w->n_words;
		c->junk = is_junk(s, c->len) || c->words < 3 ||
		    (c->words <= SUM_CAPS_WORDS && no_lower_word(s, c->len));
		/* Furniture takes no place before the news: a dateline cut
		 * off by a sentence end ("TULSA, Okla." before "(AP) \xe2\x80\x94
		 * Severe storms ..."), a photo credit at the top. */
		if (!c->junk)
			ranked++;
		c->quoted = quoted_share(s, c->len, &first_closes);
		if (c->quoted == 0)
			c->quoted = single_quoted_share(s, c->len);
		/* Read the words after the quotation only when there is
		 * one at the start. */
		if ((first_closes || quote_mark_len(s, 0, c->len) > 0 ||
		    s[0] == '\'' || (c->len > 3 && memcmp(s, "\xe2\x80\x98",
		    3) == 0)) && quote_attributed(s, c->len, first_closes))
			c->quoted = 1;
		c->quote = c->quoted > 0.5;
		/* Read only for short sentences (is_short_fact): the scan
		 * of every candidate's bytes is spared for the others. */
		c->number = c->words < SUM_MIN_WORDS && has_digit(s, c->len);
		c->question = c->len > 0 && (s[c->len - 1] == '?' ||
		    (c->len >= 2 && memcmp(s + c->len - 2, "\xd8\x9f", 2) ==
		    0));
		if ((rc = flush_vector(w, &c->v_off, &c->v_n)) != 0)
			goto out;
		w->n_c++;
	}
out:
	free(ex);
	free(skip_para);
	return rc;
}

/* The dot product of every pair of candidate vectors into the upper
 * triangle of w->sim (zeroed), from postings: each term's sentences
 * listed once, and only pairs that share a term visited. Comparing every
 * pair of sentences over all their terms was a fifth of the summary's
 * cost, most of it on pairs with nothing in common. The sums are bit for
 * bit those of dot(): each pair's products are added in ascending term
 * order (the outer loop), and the terms a pair does not share added
 * nothing there either. The weights are all positive, so no product is
 * a negative zero. */
static int
pair_dots(struct sum_work *w)
{
	size_t n = w->n_c, i, k, t, *start;
	struct post {
		uint32_t cand;
		float w;
	} *post;

	/* w->df[t] is the number of candidates holding term t: the length
	 * of its postings. */
	if ((start = malloc((w->n_terms + 1) * sizeof(*start))) == NULL)
		return ERR_NOMEM;
	for (t = 0, k = 0; t < w->n_terms; t++) {
		start[t] = k;
		k += w->df[t];
	}
	start[w->n_terms] = k;
	if ((post = malloc((k + 1) * sizeof(*post))) == NULL) {
		free(start);
		return ERR_NOMEM;
	}
	/* Filled in candidate order, so each list is ascending; start[t]
	 * walks to the end of t's list and is set back after. */
	for (i = 0; i < n; i++) {
		const struct tv *v = w->pool + w->c[i].v_off;

		for (k = 0; k < w->c[i].v_n; k++) {
			struct post *p = &post[start[v[k].id]++];

			p->cand = (uint32_t)i;
			p->w = v[k].w;
		}
	}
	for (t = w->n_terms; t > 0; t--)
		start[t] = start[t - 1];
	start[0] = 0;
	for (t = 0; t < w->n_terms; t++) {
		const struct post *a, *b, *end = post + start[t + 1];

		for (a = post + start[t]; a + 1 < end; a++) {
			double *row = w->sim + (size_t)a->cand * n;
			double wa = (double)a->w;

			for (b = a + 1; b < end; b++)
				row[b->cand] += wa * (double)b->w;
		}
	}
	free(post);
	free(start);
	return 0;
}

/* TF-IDF weights, norms, centroid, pairwise similarities, scores. */
static int
score_cands(struct sum_work *w)
{
	size_t i, j, k, n = w->n_c;
	double *centroid = NULL, *idfs, cnorm = 0, maxdeg = 0;
	double maxcen = 0;
	double idf_df[SUMMARY_MAX_CANDIDATES + 1];
	struct tv *tit = NULL;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		for (k = 0; k < w->c[i].v_n; k++)
			w->df[w->pool[w->c[i].v_off + k].id]++;
	/* One log per term, not per occurrence: idf holds the term's IDF
	 * once computed, NAN before. */
	if ((centroid = calloc(2 * (w->n_terms + 1), sizeof(*centroid))) ==
	    NULL)
		return ERR_NOMEM;
	idfs = centroid + w->n_terms + 1;
	for (k = 0; k < w->n_terms; k++)
		idfs[k] = NAN;
	for (k = 0; k <= n; k++)
		idf_df[k] = NAN;
	for (i = 0; i < n; i++) {
		struct cand *c = &w->c[i];
		double s = 0;

		for (k = 0; k < c->v_n; k++) {
			struct tv *t = &w->pool[c->v_off + k];
			double idf = idfs[t->id];

			if (isnan(idf)) {
				uint32_t d = w->df[t->id];

				/* The IDF depends on the term's df alone,
				 * a count of at most n: one log per df
				 * value met, the same value each time. */
				if (isnan(idf_df[d]))
					idf_df[d] = log(((double)n + 1.0) /
					    ((double)d + 0.5));
				idf = idfs[t->id] = idf_df[d];
			}

			/* Most terms occur once in their sentence, and
			 * log(1) is exactly 0: the same weight, no call. */
			if (t->w == 1)
				t->w = (float)idf;
			else
				t->w = (float)((1.0 + log(t->w)) * idf);
			s += (double)t->w * (double)t->w;
			centroid[t->id] += t->w;
		}
		c->norm = sqrt(s);
	}
	for (k = 0; k < w->n_terms; k++)
		cnorm += centroid[k] * centroid[k];
	cnorm = sqrt(cnorm);
	if (w->has_title) {
		tit = w->pool + w->title_off;
		for (k = 0; k < w->title_n; k++)
			tit[k].w = 1;
		w->title_norm = sqrt((double)w->title_n);
	}
	/* pair_dots adds into the upper triangle, which starts at zero;
	 * the rest is written below. Zeroing only that half (in short
	 * rows) is cheaper than calloc's clearing all of it. */
	if ((w->sim = malloc(n * n * sizeof(*w->sim))) == NULL) {
		free(centroid);
		return ERR_NOMEM;
	}
	for (i = 0; i + 1 < n; i++)
		memset(w->sim + i * n + i + 1, 0, (n - i - 1) * sizeof(*w->sim));
	for (i = 0; i < n; i++) {
		struct cand *c = &w->c[i];
		const struct tv *v = w->pool + c->v_off;
		double s = 0;

		for (k = 0; k < c->v_n; k++)
			s += (double)v[k].w * centroid[v[k].id];
		c->centroid = c->norm > 0 && cnorm > 0 ? s / (c->norm * cnorm)
		    : 0;
		if (tit != NULL && c->norm > 0 && w->title_norm > 0)
			c->title = dot(v, c->v_n, tit, w->title_n) /
			    (c->norm * w->title_norm);
	}
	if (pair_dots(w) != 0) {
		free(centroid);
		return ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		double ni = w->c[i].norm;

		w->sim[i * n + i] = 0;
		for (j = i + 1; j < n; j++) {
			double x = w->sim[i * n + j], nj = w->c[j].norm;

			if (ni > 0 && nj > 0)
				x /= ni * nj;
			else
				x = 0;
			w->sim[i * n + j] = w->sim[j * n + i] = x;
		}
	}
	for (i = 0; i < n; i++) {
		double d = 0;

		for (j = 0; j < n; j++)
			d += w->sim[i * n + j];
		w->c[i].degree = d;
		if (d > maxdeg)
			maxdeg = d;
		if (w->c[i].centroid > maxcen)
			maxcen = w->c[i].centroid;
	}
	for (i = 0; i < n; i++) {
		struct cand *c = &w->c[i];
		double pos = 1.0 / sqrt(1.0 + (double)c->rank);
		double sc;

		sc = W_POS * pos +
		    W_CENTROID * (maxcen > 0 ? c->centroid / maxcen : 0) +
		    W_DEGREE * (maxdeg > 0 ? c->degree / maxdeg : 0) +
		    W_TITLE * c->title;
		/* A quote is colour, not news, in proportion to how much of
		 * the sentence it is: a quoted title opening a narrative
		 * sentence costs little, a whole quotation 0.6. */
		sc *= 1.0 - 0.4 * (c->quoted < SUM_QUOTE_FULL ?
		    c->quoted / SUM_QUOTE_FULL : 1.0);
		if (c->question)
			sc *= 0.5;
		/* A short teaser is weak, but not a short fact right after
		 * the lead ("She was 87.", "Turnout was 68 percent."). */
		if (c->words < SUM_MIN_WORDS && !is_short_fact(c))
			sc *= 0.3;
		if (c->words > SUM_LONG_WORDS)
			sc *= 0.7;
		if (c->junk || c->words > SUM_MAX_WORDS || c->v_n == 0)
			sc = 0;
		c->score = sc;
	}
	free(centroid);
	return 0;
}

/* May the summary of ns sentences and words words take c as well? Past
 * two sentences, within the budget; a third also when the first two are
 * short, or when it is a short lead sentence, within a hard cap. Human
 * highlights are three or four short sentences (50-70 words): two wire
 * sentences of 35 words make one, two of 25 do not. */
static bool
fits(const struct sum_work *w, size_t ns, size_t words, const struct cand *c)
{
	(void)w;
	if (words + c->words <= SUM_WORD_BUDGET)
		return true;
	if (ns != 2 || words + c->words > SUM_WORD_CAP)
		return false;
	return words <= SUM_SHORT_PAIR || (c->rank <= 2 &&
	    c->words <= SUM_SHORT_THIRD);
}

/* Greedy MMR pick of up to max sentences within the word budget; chosen
 * indexes into sel (OUT), returns the count. */
static size_t
pick_summary(const struct sum_work *w, unsigned max, size_t *sel)
{
	size_t n = w->n_c, ns = 0, words = 0, i, j;

	while (ns < max) {
		double best = 0;
		size_t bi = n;

		for (i = 0; i < n; i++) {
			double red = 0, v;
			bool taken = false;

			if (w->c[i].score <= 0)
				continue;
			for (j = 0; j < ns; j++) {
				if (sel[j] == i)
					taken = true;
				if (w->sim[i * n + sel[j]] > red)
					red = w->sim[i * n + sel[j]];
			}
			if (taken || red > SUM_REDUNDANT)
				continue;
			v = MMR_LAMBDA * w->c[i].score - (1 - MMR_LAMBDA) * red;
			if (bi == n || v > best) {
				best = v;
				bi = i;
			}
		}
		if (bi == n)
			break;
		if (ns >= 2 && !fits(w, ns, words, &w->c[bi]))
			break;
		sel[ns++] = bi;
		words += w->c[bi].words;
		/* A short fact after the lead goes with it ("..., died on
		 * Sunday. She was 87."): it costs a few words and the
		 * centrality scores cannot see it. */
		if (w->c[bi].rank == 0 && ns < max) {
			size_t k = bi + 1;

			while (k < n && w->c[k].junk)
				k++;
			for (j = 0; j < ns && k < n; j++)
				if (sel[j] == k)
					k = n;
			if (k < n && is_short_fact(&w->c[k])) {
				sel[ns++] = k;
				words += w->c[k].words;
			}
		}
	}
	return ns;
}

static size_t
pick_key_points(const struct sum_work *w, unsigned max, const size_t *sum,
    size_t n_sum, size_t *sel)
{
	size_t n = w->n_c, ns = 0, i, j, round;
	/* A sentence's redundancy is its highest similarity to the summary
	 * and to the points picked so far (0 at least): kept per sentence
	 * and raised by each pick, instead of a walk over both lists for
	 * every sentence at every pick. The maximum of the same values, so
	 * the same picks. */
	double red[SUMMARY_MAX_CANDIDATES];
	/* 1: may be a key point; 2: in the summary; 4: picked. */
	uint8_t st[SUMMARY_MAX_CANDIDATES];

	for (i = 0; i < n; i++) {
		const struct cand *c = &w->c[i];

		st[i] = !(c->score <= 0 || c->quote || c->question ||
		    c->words > KP_MAX_WORDS || c->words < KP_MIN_WORDS);
		red[i] = 0;
	}
	for (j = 0; j < n_sum; j++)
		st[sum[j]] |= 2;
	for (i = 0; i < n; i++)
		for (j = 0; (st[i] & 1) && j < n_sum; j++)
			if (sum[j] != i && w->sim[i * n + sum[j]] > red[i])
				red[i] = w->sim[i * n + sum[j]];
	/* First round: sentences outside the summary; second: any. */
	for (round = 0; round < 2 && ns < max; round++) {
		while (ns < max) {
			double best = 0, v;
			size_t bi = n;

			for (i = 0; i < n; i++) {
				if (st[i] != 1 && (round == 0 || st[i] != 3))
					continue;
				if (red[i] > SUM_REDUNDANT)
					continue;
				v = w->c[i].score - 0.5 * red[i];
				if (bi == n || v > best) {
					best = v;
					bi = i;
				}
			}
			if (bi == n)
				break;
			sel[ns++] = bi;
			st[bi] |= 4;
			for (i = 0; i < n; i++)
				if (w->sim[i * n + bi] > red[i])
					red[i] = w->sim[i * n + bi];
		}
	}
	return ns;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* A heap copy of a candidate with line breaks made spaces. */
static char *
cand_string(const struct sum_work *w, const struct cand *c)
{
	char *s = malloc(c->len + 1);
	const char *t = w->text + c->off;
	size_t i, o = 0;

	if (s == NULL)
		return NULL;
	/* A white space run becomes one space when it comes, dropped
	 * again at the end; none before the first byte. */
	for (i = 0; i < c->len; i++) {
		char ch = t[i];

		if ((unsigned char)ch > ' ') {
			s[o++] = ch;
			continue;
		}
		if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
			if (o > 0 && s[o - 1] != ' ')
				s[o++] = ' ';
			continue;
		}
		s[o++] = ch;
	}
	if (o > 0 && s[o - 1] == ' ')
		o--;
	s[o] = '\0';
	return s;
}

static int
emit(struct sum_work *w, size_t *sel, size_t ns, char ***arr, size_t *n)
{
	size_t i;

	qsort(sel, ns, sizeof(*sel), cmp_size);
	if ((*arr = calloc(ns + 1, sizeof(**arr))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < ns; i++) {
		if (((*arr)[i] = cand_string(w, &w->c[sel[i]])) == NULL)
			return ERR_NOMEM;
		(*n)++;
	}
	return 0;
}

static void
work_release(struct sum_work *w)
{
	text_sentences_release(&w->own_sl);
	free(w->c);
	free(w->keys);
	free(w->ids);
	free(w->df);
	free(w->tmp);
	free(w->pool);
	free(w->sim);
}

int
summary_compute(const char *text, const char *lang,
    const struct summary_opts *opts, struct summary *out, struct err *e)
{
	struct sum_work w;
	struct text_lang_guess g;
	struct text_ctx *own = NULL;
	struct buf joined = BUF_INIT;
	size_t n, sel[8], kp[8], ns, nk, i;
	unsigned max_s = SUMMARY_DEFAULT_SENTENCES;
	unsigned max_k = SUMMARY_DEFAULT_KEY_POINTS;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.tcap0 = 64;
	if (text == NULL)
		return err_set(e, ERR_INVAL, "summary: no text");
	if (opts != NULL && opts->max_sentences > 0)
		max_s = opts->max_sentences < 5 ? opts->max_sentences : 5;
	if (opts != NULL && opts->max_key_points > 0)
		max_k = opts->max_key_points < 8 ? opts->max_key_points : 8;
	n = strlen(text);
	if (n > SUMMARY_MAX_TEXT)
		n = utf8_cut(text, n, SUMMARY_MAX_TEXT);
	text_lang_norm(lang, out->lang);
	if (strcmp(out->lang, "und") == 0) {
		text_detect_lang(text, n, &g);
		memcpy(out->lang, g.lang, sizeof(out->lang));
	}
	w.text = text;
	w.lang = out->lang;
	w.tc = opts != NULL ? opts->text : NULL;
	w.lead = opts != NULL ? opts->lead : 0;
	if (w.tc == NULL && (w.tc = own = text_ctx_new()) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	if (opts != NULL && opts->doc != NULL && opts->doc->s == text &&
	    opts->doc->n == n && strcmp(opts->doc->lang, out->lang) == 0) {
		/* Only the first candidates count, so a longer list of
		 * sentences gives the same summary. */
		w.doc = opts->doc;
		w.sl = opts->doc->sl;
		/* The doc's content words bound the terms: a table for those
		 * alone, not the default, for the usual short article (ids
		 * do not depend on the table's size). Sized for half of them
		 * to be distinct, as in news text; it grows if more are. */
		size_t words = 0;

		for (i = 0; i < w.doc->n_tok; i++)
			words += !w.doc->v[i].stop &&
			    w.doc->v[i].tok.kind != TEXT_TOK_NUMBER;
		while (w.tcap0 < words + 2 && w.tcap0 < 1024)
			w.tcap0 *= 2;
	} else {
		w.tcap0 = 1024;
		w.own_sl.max = SUMMARY_MAX_CANDIDATES * 4;
		rc = text_split_sentences(text, n, out->lang, &w.own_sl);
		if (rc != 0 && rc != ERR_TOOBIG)
			goto fail;
		w.sl = &w.own_sl;
	}
	if ((rc = build_cands(&w, opts)) != 0 || (rc = score_cands(&w)) != 0)
		goto fail;
	if (w.lead > 0) {
		/* Furniture (headline, byline, dateline, junk) is already
		 * out, as an outside scorer's Lead-N has it. */
		for (i = 0, ns = 0; i < w.n_c && ns < w.lead && ns < 8; i++)
			if (!w.c[i].junk)
				sel[ns++] = i;
	} else {
		ns = pick_summary(&w, max_s, sel);
	}
	nk = pick_key_points(&w, max_k, sel, ns, kp);
	if ((rc = emit(&w, sel, ns, &out->sentences, &out->n_sentences)) ||
	    (rc = emit(&w, kp, nk, &out->key_points, &out->n_key_points)))
		goto fail;
	for (i = 0; i < out->n_sentences; i++) {
		if ((i > 0 && (rc = buf_putc(&joined, ' ')) != 0) ||
		    (rc = buf_puts(&joined, out->sentences[i])) != 0)
			goto fail;
	}
	if ((out->text = buf_detach(&joined)) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	work_release(&w);
	text_ctx_free(own);
	return 0;
fail:
	buf_release(&joined);
	work_release(&w);
	text_ctx_free(own);
	summary_release(out);
	return err_set(e, rc, "summary: %s", err_name(rc));
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
summary_release(struct summary *s)
{
	if (s == NULL)
		return;
	free(s->text);
	free_strings(s->sentences, s->n_sentences);
	free_strings(s->key_points, s->n_key_points);
	memset(s, 0, sizeof(*s));
	memcpy(s->lang, "und", 4);
}
