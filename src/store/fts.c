/*
 * store/fts.c: the "tidings" FTS5 tokenizer: unicode61's words, stemmed
 * in their own language.
 *
 * Words come from SQLite's unicode61 tokenizer with remove_diacritics 2
 * (case and accents folded, as before), and each is replaced by its
 * Snowball stem (text/text.h, text_stem). Which stemmer depends on what
 * is being tokenized:
 *  - Document text (and the 'delete' of an external-content row, which
 *    tokenizes the old values again): the language is decided from the
 *    column value alone, never from anything outside it, so the same
 *    text always gives the same tokens and a delete removes exactly what
 *    the insert added. The first FTS_VOTE_WORDS words vote as the
 *    detector does (text_lang_vote: Arabic script, else the share of
 *    each language's stop words); they are held back until the vote is
 *    in. A text mostly in Arabic script is stemmed as Arabic. A Latin
 *    text of FTS_SHORT_WORDS words or more that the vote assigns to
 *    en, fr, de, es, it, pt or nl is stemmed in that language. Anything
 *    else (every title, a short summary, a text the vote cannot place)
 *    is "multilingual": each word gets the distinct stems of all seven
 *    Latin languages as colocated tokens (FTS5_TOKEN_COLOCATED: one
 *    position), an Arabic-script word its Arabic stem, and a word in
 *    any other script stays as folded.
 *  - Query text: a query's language is unknown, so each word is
 *    multilingual as above, plus its folded form (which finds words of
 *    texts in languages we have no stemmer for) and, for an Arabic
 *    word, the stem of its form with or without the article (see
 *    arabic_alt): FTS5 matches a
 *    document holding any of them (the "synonyms at query time" method
 *    of the FTS5 documentation), in phrases too.
 *  - A prefix query ("elect*") looks for the folded form as typed, and
 *    (like porter before) for its stems: "chevaux*" must find the
 *    "cheval" a French text was indexed with, "elections*" the "elect"
 *    of an English one. All are prefixes, so this only widens.
 *  - snippet() and highlight() (FTS5_TOKENIZE_AUX) only need positions
 *    and offsets, which colocated stems do not move: they get the folded
 *    words, unstemmed and undetected.
 * Numbers and words over TEXT_WORD_MAX bytes are never stemmed.
 *
 * Cost: a document's words repeat, within it and across articles, so
 * each instance keeps what a word became (its stem in one language, its
 * multilingual stems, its stop-word mask for the vote) in a
 * direct-mapped cache keyed by the word's bytes; Snowball runs on a
 * miss only. Measured over the 100-feed bench ingest (bench/README.md)
 * the whole ingest costs about what it did with porter.
 *
 * Threads: FTS5 creates a tokenizer per table and connection, and a
 * connection is used by one thread at a time, so each instance owns its
 * text_ctx (Snowball stemmers are not thread-safe) and its cache.
 * The sqlite3 shell does not have this tokenizer: it can read the tables
 * but not MATCH articles_fts, nor change articles' indexed text.
 */
#include "base/common.h"

#include <sqlite3.h>

#include "base/err.h"
#include "store/fts.h"
#include "text/text.h"

/* Languages a word may be stemmed in; the Latin ones first. */
static const char *const fts_langs[] = {
	"en", "fr", "de", "es", "it", "pt", "nl", "ar",
};
#define FTS_LANGS 8
#define FTS_LATIN 7
#define FTS_AR 7

/* Words voting on a document's language (the detector's confidence is
 * full from 30 on), and the fewest Latin words a text needs to be
 * stemmed in one language rather than in all: titles are shorter. */
#define FTS_VOTE_WORDS 64
#define FTS_SHORT_WORDS 20
/* Bytes of held-back words; a text of longer words votes early. */
#define FTS_VOTE_BYTES 1024

/* The cache: what a word of up to FTS_CACHE_WORD bytes became, for one
 * kind of use. */
#define FTS_CACHE_BITS 14
#define FTS_CACHE_SLOTS (1u << FTS_CACHE_BITS)
#define FTS_CACHE_WORD 24
#define FTS_CACHE_FORMS 52

enum fts_kind {
	FTS_K_EMPTY = 0,
	FTS_K_ONE = 1,   /* 1 + i: its stem in fts_langs[i] */
	FTS_K_MULTI = 1 + FTS_LANGS, /* its distinct stems, all languages */
	FTS_K_VOTE,      /* its stop-word mask */
};

struct fts_cached {
	uint64_t key[3];  /* the word (cache_slot) */
	uint8_t kind, len, forms_len, mask;
	/* The forms: each a length byte and its bytes. */
	char forms[FTS_CACHE_FORMS];
};

struct fts_tokenizer {
	fts5_tokenizer uni;          /* unicode61's methods */
	Fts5Tokenizer *uni_tok;
	struct text_ctx *ctx;
	const struct text_stemmer *st[FTS_LANGS];
	struct fts_cached *cache;    /* at the first document; may be NULL */
	bool cache_failed;
};

enum fts_mode {
	FTS_UNDECIDED,   /* holding words back for the vote */
	FTS_ONE,         /* stem with run->one */
	FTS_MULTI,       /* every language's stem, colocated */
	FTS_QUERY,       /* FTS_MULTI plus the folded word */
	FTS_FOLDED,      /* the folded word only (aux) */
};

struct fts_held {
	uint16_t off, len;
	int start, end;
};

/* One xTokenize call. */
struct fts_run {
	struct fts_tokenizer *t;
	void *fts_ctx;
	int (*emit)(void *, int, const char *, int, int, int);
	enum fts_mode mode;
	size_t one;      /* FTS_ONE: the index in fts_langs */
	struct text_lang_vote vote;
	size_t n_held, n_bytes;
	struct fts_held held[FTS_VOTE_WORDS];
	char bytes[FTS_VOTE_BYTES];
};

static int
fts_create(void *api_ptr, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = api_ptr;
	static const char *const uni_args[] = { "remove_diacritics", "2" };
	struct fts_tokenizer *t;
	void *uni_data = NULL;
	size_t i;
	int rc;

	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return SQLITE_NOMEM;
	rc = api->xFindTokenizer(api, "unicode61", &uni_data, &t->uni);
	if (rc == SQLITE_OK)
		rc = t->uni.xCreate(uni_data, (const char **)uni_args,
		    (int)ARRAY_LEN(uni_args), &t->uni_tok);
	if (rc != SQLITE_OK)
		goto fail;
	if ((t->ctx = text_ctx_new()) == NULL) {
		rc = SQLITE_NOMEM;
		goto fail;
	}
	for (i = 0; i < FTS_LANGS; i++) {
		if (text_stemmer_of(t->ctx, fts_langs[i], &t->st[i]) != 0) {
			rc = SQLITE_NOMEM;
			goto fail;
		}
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
fail:
	if (t->uni_tok != NULL)
		t->uni.xDelete(t->uni_tok);
	text_ctx_free(t->ctx);
	free(t->cache);
	free(t);
	return rc;
}

static void
fts_delete(Fts5Tokenizer *tok)
{
	struct fts_tokenizer *t = (struct fts_tokenizer *)tok;

	if (t == NULL)
		return;
	t->uni.xDelete(t->uni_tok);
	text_ctx_free(t->ctx);
	free(t->cache);
	free(t);
}

/* Which stems a word may have: 'a' Arabic script, 'l' Latin letters,
 * 'n' a number or another script (never stemmed). Looks at the first
 * byte only: U+0600-06FF lead with 0xD8-0xDB, U+00C0-024F with
 * 0xC3-0xC9. */
static char
word_script(const char *w, int n)
{
	unsigned char c = n > 0 ? (unsigned char)w[0] : 0;

	if (c >= 0xD8 && c <= 0xDB)
		return 'a';
	if ((c >= 0xC3 && c <= 0xC9) || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z'))
		return 'l';
	return 'n';
}

/* Arabic: "al-" (ال) is written on the word, and Snowball's arabic
 * stemmer strips it, and li-al- (لل), bi-al- (بال), ka-al- (كال), but
 * not wa-al- (وال, "and the") or fa-al- (فال): those two become al- here
 * first. Snowball also stems a word differently with and without its
 * article ("الانتخابات" -> "انتخاب", "انتخابات" -> "انتخابا"), so a
 * query looks for both: the alternative form of a word is the word
 * without al- or, when it has none, with it. */
#define AR_AL "\xD8\xA7\xD9\x84"
#define AR_WA "\xD9\x88"
#define AR_FA "\xD9\x81"

static const char *
arabic_norm(const char *w, int *n)
{
	if (*n > 8 && (memcmp(w, AR_WA AR_AL, 6) == 0 ||
	    memcmp(w, AR_FA AR_AL, 6) == 0)) {
		*n -= 2;
		return w + 2;
	}
	return w;
}

/* The alternative form of a normalised word into alt (TEXT_WORD_MAX
 * bytes); its length, or 0 for none. */
static int
arabic_alt(const char *w, int n, char *alt)
{
	if (n >= 10 && memcmp(w, AR_AL, 4) == 0) {
		memcpy(alt, w + 4, (size_t)n - 4);
		return n - 4;
	}
	if (n + 4 > TEXT_WORD_MAX || memcmp(w, AR_AL, 4) == 0)
		return 0;
	memcpy(alt, AR_AL, 4);
	memcpy(alt + 4, w, (size_t)n);
	return n + 4;
}

/* The tokens of one word, collected: distinct, each a length byte and
 * its bytes, in the order they are emitted. */
struct fts_forms {
	char b[(FTS_LANGS + 2) * (TEXT_WORD_MAX + 1)];
	size_t len;
};

static void
add_form(struct fts_forms *f, const char *p, size_t n)
{
	size_t i;

	if (n == 0 || n > TEXT_WORD_MAX)
		return;
	for (i = 0; i < f->len; i += 1 + (unsigned char)f->b[i])
		if ((unsigned char)f->b[i] == n &&
		    memcmp(f->b + i + 1, p, n) == 0)
			return;
	f->b[f->len] = (char)n;
	memcpy(f->b + f->len + 1, p, n);
	f->len += 1 + n;
}

static int
add_stem(struct fts_run *r, struct fts_forms *f, size_t lang, const char *w,
    int n)
{
	struct str s;

	if (lang == FTS_AR)
		w = arabic_norm(w, &n);
	if (text_stem(r->t->st[lang], w, (size_t)n, &s) != 0)
		return SQLITE_NOMEM;
	/* Every word keeps its position, even one stemmed to nothing. */
	if (s.n == 0)
		s = (struct str){ w, (size_t)n };
	add_form(f, s.p, s.n);
	return SQLITE_OK;
}

/* The forms of w for kind (FTS_K_ONE + i or FTS_K_MULTI), or for a query
 * (query: the multilingual stems, the Arabic alternative form's stem and
 * w itself). */
static int
make_forms(struct fts_run *r, enum fts_kind kind, bool query, const char *w,
    int n, struct fts_forms *f)
{
	char alt[TEXT_WORD_MAX];
	size_t i;
	int rc = SQLITE_OK, an, m;
	const char *a;

	f->len = 0;
	if (kind != FTS_K_MULTI)
		return add_stem(r, f, (size_t)kind - FTS_K_ONE, w, n);
	if (word_script(w, n) == 'l') {
		for (i = 0; i < FTS_LATIN && rc == SQLITE_OK; i++)
			rc = add_stem(r, f, i, w, n);
	} else {
		rc = add_stem(r, f, FTS_AR, w, n);
		an = n;
		a = arabic_norm(w, &an);
		if (rc == SQLITE_OK && query &&
		    (m = arabic_alt(a, an, alt)) > 0)
			rc = add_stem(r, f, FTS_AR, alt, m);
	}
	if (query)
		add_form(f, w, (size_t)n);
	return rc;
}

static int
emit_forms(struct fts_run *r, const char *forms, size_t len, int start,
    int end)
{
	int flags = 0, rc;
	size_t i;

	for (i = 0; i < len; i += 1 + (unsigned char)forms[i]) {
		rc = r->emit(r->fts_ctx, flags, forms + i + 1,
		    (unsigned char)forms[i], start, end);
		if (rc != SQLITE_OK)
			return rc;
		flags = FTS5_TOKEN_COLOCATED;
	}
	return SQLITE_OK;
}

/* Bytes of p as an integer, in whatever order the machine loads them. */
static inline uint64_t
load8(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t
load4(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* The cache slot of (w, kind) and, in key (OUT), w as the slot keeps it:
 * loads that cover every byte of w without reading past it (the first
 * and the last eight, four or one bytes, and for long words the eight
 * after the first), which with the length tell words apart. NULL when w
 * is too long to be cached or there is no cache. */
static inline struct fts_cached *
cache_slot(struct fts_tokenizer *t, const char *w, int n, enum fts_kind kind,
    uint64_t key[3])
{
	uint64_t h;

	if (t->cache == NULL || n > FTS_CACHE_WORD)
		return NULL;
	if (n >= 8) {
		key[0] = load8(w);
		key[1] = load8(w + n - 8);
		key[2] = n > 16 ? load8(w + 8) : 0;
	} else if (n >= 4) {
		key[0] = load4(w) | load4(w + n - 4) << 32;
		key[1] = key[2] = 0;
	} else {
		key[0] = (uint64_t)(unsigned char)w[0] |
		    (uint64_t)(unsigned char)w[n / 2] << 8 |
		    (uint64_t)(unsigned char)w[n - 1] << 16;
		key[1] = key[2] = 0;
	}
	/* The kind and the length go in low, so that a word's entries of
	 * each kind land in different slots. */
	h = key[0] * 0x9E3779B97F4A7C15u ^ key[1] * 0xC2B2AE3D27D4EB4Fu ^
	    key[2] * 0x165667B19E3779F9u ^
	    ((uint64_t)kind << 8 | (uint64_t)n) * 0x27D4EB2F165667C5u;
	h ^= h >> 32;
	h *= 0xFF51AFD7ED558CCDu;
	return &t->cache[h >> (64 - FTS_CACHE_BITS)];
}

static inline bool
cache_holds(const struct fts_cached *c, enum fts_kind kind, int n,
    const uint64_t key[3])
{
	return c->kind == kind && c->len == n && c->key[0] == key[0] &&
	    c->key[1] == key[1] && c->key[2] == key[2];
}

static inline void
cache_set(struct fts_cached *c, enum fts_kind kind, int n,
    const uint64_t key[3])
{
	memcpy(c->key, key, sizeof(c->key));
	c->kind = (uint8_t)kind;
	c->len = (uint8_t)n;
}

/* A word the cache did not have (c: its slot, or NULL): make its
 * tokens, keep them in c and emit them. */
static int
emit_missed(struct fts_run *r, enum fts_kind kind, const char *w, int n,
    int start, int end, struct fts_cached *c, const uint64_t key[3])
{
	struct fts_forms f;
	int rc;

	if (word_script(w, n) == 'n' || n > TEXT_WORD_MAX) {
		f.len = 0;
		add_form(&f, w, (size_t)n);
	} else if ((rc = make_forms(r, kind, false, w, n, &f)) != SQLITE_OK) {
		return rc;
	}
	if (c != NULL && f.len <= sizeof(c->forms)) {
		cache_set(c, kind, n, key);
		c->forms_len = (uint8_t)f.len;
		memcpy(c->forms, f.b, f.len);
	}
	if (f.len == 0) /* a word over TEXT_WORD_MAX bytes */
		return r->emit(r->fts_ctx, 0, w, n, start, end);
	return emit_forms(r, f.b, f.len, start, end);
}

/* Emit the tokens of a document's word, in the run's mode. */
static inline int
emit_word(struct fts_run *r, const char *w, int n, int start, int end)
{
	uint64_t key[3];
	struct fts_cached *c;
	struct fts_forms f;
	enum fts_kind kind;
	int rc;

	switch (r->mode) {
	case FTS_ONE:
		kind = (enum fts_kind)(FTS_K_ONE + r->one);
		break;
	case FTS_MULTI:
		kind = FTS_K_MULTI;
		break;
	case FTS_QUERY:
		if (word_script(w, n) == 'n' || n > TEXT_WORD_MAX)
			return r->emit(r->fts_ctx, 0, w, n, start, end);
		if ((rc = make_forms(r, FTS_K_MULTI, true, w, n, &f)) != 0)
			return rc;
		return emit_forms(r, f.b, f.len, start, end);
	default:
		return r->emit(r->fts_ctx, 0, w, n, start, end);
	}
	c = cache_slot(r->t, w, n, kind, key);
	if (c == NULL || !cache_holds(c, kind, n, key))
		return emit_missed(r, kind, w, n, start, end, c, key);
	/* Nearly always one form: its length byte spans the entry. */
	if ((size_t)(unsigned char)c->forms[0] + 1 == c->forms_len)
		return r->emit(r->fts_ctx, 0, c->forms + 1, c->forms_len - 1,
		    start, end);
	return emit_forms(r, c->forms, c->forms_len, start, end);
}

/* The vote is in (or the text ended): pick the mode and let the words
 * held back go. */
static int
decide(struct fts_run *r)
{
	const struct text_lang_vote *v = &r->vote;
	struct text_lang_guess g;
	size_t i;
	int rc;

	text_lang_vote_result(v, &g);
	r->mode = FTS_MULTI;
	for (i = 0; i < FTS_LANGS; i++) {
		if (strcmp(g.lang, fts_langs[i]) != 0)
			continue;
		if (i == FTS_AR || v->latin >= FTS_SHORT_WORDS) {
			r->mode = FTS_ONE;
			r->one = i;
		}
		break;
	}
	for (i = 0; i < r->n_held; i++) {
		const struct fts_held *h = &r->held[i];

		rc = emit_word(r, r->bytes + h->off, h->len, h->start, h->end);
		if (rc != SQLITE_OK)
			return rc;
	}
	r->n_held = 0;
	return SQLITE_OK;
}

/* Count w in the vote, its stop-word mask from the cache if it is there. */
static void
vote(struct fts_run *r, const char *w, int n)
{
	uint64_t key[3];
	struct fts_cached *c;
	unsigned mask;

	c = cache_slot(r->t, w, n, FTS_K_VOTE, key);
	if (c != NULL && cache_holds(c, FTS_K_VOTE, n, key)) {
		mask = c->mask;
	} else {
		mask = text_lang_vote_mask(w, (size_t)n);
		if (c != NULL) {
			cache_set(c, FTS_K_VOTE, n, key);
			c->mask = (uint8_t)mask;
		}
	}
	text_lang_vote_word(&r->vote, w, (size_t)n, mask);
}

static int
on_word(void *arg, int tflags, const char *w, int n, int start, int end)
{
	struct fts_run *r = arg;
	struct fts_held *h;
	int rc;

	(void)tflags;
	if (n <= 0)
		return SQLITE_OK;
	if (r->mode != FTS_UNDECIDED)
		return emit_word(r, w, n, start, end);
	if (r->n_held == FTS_VOTE_WORDS ||
	    r->n_bytes + (size_t)n > sizeof(r->bytes)) {
		if ((rc = decide(r)) != SQLITE_OK)
			return rc;
		return emit_word(r, w, n, start, end);
	}
	vote(r, w, n);
	h = &r->held[r->n_held++];
	h->off = (uint16_t)r->n_bytes;
	h->len = (uint16_t)n;
	h->start = start;
	h->end = end;
	memcpy(r->bytes + r->n_bytes, w, (size_t)n);
	r->n_bytes += (size_t)n;
	return SQLITE_OK;
}

static int
fts_tokenize(Fts5Tokenizer *tok, void *fts_ctx, int flags, const char *text,
    int n, int (*emit)(void *, int, const char *, int, int, int))
{
	struct fts_tokenizer *t = (struct fts_tokenizer *)tok;
	struct fts_run run, *r = &run;
	int rc;

	r->t = t;
	r->fts_ctx = fts_ctx;
	r->emit = emit;
	r->one = 0;
	memset(&r->vote, 0, sizeof(r->vote));
	r->n_held = r->n_bytes = 0;
	if (flags & FTS5_TOKENIZE_QUERY)
		r->mode = FTS_QUERY;
	else if (flags & FTS5_TOKENIZE_AUX)
		r->mode = FTS_FOLDED;
	else
		r->mode = FTS_UNDECIDED;
	if (r->mode == FTS_UNDECIDED && t->cache == NULL && !t->cache_failed) {
		/* Documents only: a connection that only searches never
		 * needs it. Without it, every word is stemmed afresh. */
		t->cache = calloc(FTS_CACHE_SLOTS, sizeof(*t->cache));
		t->cache_failed = t->cache == NULL;
	}
	rc = t->uni.xTokenize(t->uni_tok, r, flags, text, n, on_word);
	if (rc == SQLITE_OK && r->mode == FTS_UNDECIDED)
		rc = decide(r);
	return rc;
}

int
store_fts_register(struct sqlite3 *db)
{
	static fts5_tokenizer methods = {
		fts_create, fts_delete, fts_tokenize,
	};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_ROW)
		rc = sqlite3_errcode(db);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	if (api == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, STORE_FTS_TOKENIZER, api, &methods,
	    NULL);
}
