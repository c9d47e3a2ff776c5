/*
 * text/text.c: tokens, folding, stop words and Snowball stemming.
 *
 * The tokenizer works on code points classified through utf8proc, so
 * letters of every script make words, combining marks stay inside them,
 * and CJK ideographs (which are written without spaces) come out one per
 * token. Folding has an ASCII fast path because news text is mostly
 * ASCII and folding runs for every word at ingest. Stemming happens on
 * the case-folded word with its diacritics still on (French and Spanish
 * suffix rules need them), and the stem is stripped of diacritics after,
 * so "Élections" and "elections" meet in one term.
 */
#include "base/common.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "text/text.h"
#include "text/text_int.h"

/* Languages Snowball knows, by ISO 639-1 code. */
static const struct {
	const char *code;
	const char *algo;
} stemmer_names[] = {
	{ "ar", "arabic" }, { "ca", "catalan" }, { "da", "danish" },
	{ "de", "german" }, { "el", "greek" }, { "en", "english" },
	{ "es", "spanish" }, { "eu", "basque" }, { "fi", "finnish" },
	{ "fr", "french" }, { "ga", "irish" }, { "hi", "hindi" },
	{ "hu", "hungarian" }, { "hy", "armenian" }, { "id", "indonesian" },
	{ "it", "italian" }, { "lt", "lithuanian" }, { "ne", "nepali" },
	{ "nl", "dutch" }, { "no", "norwegian" }, { "nb", "norwegian" },
	{ "pt", "portuguese" }, { "ro", "romanian" }, { "ru", "russian" },
	{ "sr", "serbian" }, { "sv", "swedish" }, { "ta", "tamil" },
	{ "tr", "turkish" }, { "yi", "yiddish" },
};

/* A context keeps TEXT_CTX_STEMMERS (text.h) stemmers at once; a worker
 * rarely sees more languages than that, and past it the oldest slot is
 * reused. The search tokenizer (store/fts.c) needs eight. */

/* Stems are cached per context: news vocabulary repeats within and
 * across articles, and Snowball costs about a thousand instructions a
 * word. Direct-mapped, so a lookup is one probe. */
#define STEM_CACHE_SLOTS 4096
#define STEM_CACHE_WORD 30

struct stem_entry {
	uint64_t h;
	uint8_t wl, sl;
	char w[STEM_CACHE_WORD];
	char st[STEM_CACHE_WORD];
};

/* The terms of whole tokens are cached too (text_terms): the fold, the
 * stop-word search and the stem lookup cost more than the tokenizing, and
 * most tokens of a text (and of the next one) are words seen before. An
 * entry holds the token's bytes, what decides its term (stemmer, stop
 * list, elision) and the result. The bytes are kept as three words,
 * zero past the token, so that a probe compares and hashes whole words
 * (a byte loop and a memcmp call per token cost as much as the rest of
 * a hit). */
#define TERM_CACHE_SLOTS 4096
#define TERM_CACHE_BITS 12
#define TERM_CACHE_WORD 24

struct term_entry {
	uint64_t w[TERM_CACHE_WORD / 8]; /* the token's bytes, zero padded */
	const void *st, *sl;
	uint64_t th;    /* text_hash64 of t */
	uint8_t wl;     /* bytes in w; 0: the entry holds no term */
	uint8_t tl;
	bool elides, stop;
	char t[TERM_CACHE_WORD];
};

struct text_ctx {
	struct {
		char lang[3];
		struct sb_stemmer *st; /* NULL: no stemmer for lang */
	} slot[TEXT_CTX_STEMMERS];
	size_t n_slots, next_victim;
	char fold1[TEXT_WORD_MAX * 4 + 8];
	char fold2[TEXT_WORD_MAX * 4 + 8];
	struct buf big; /* words over the small buffers */
	struct stem_entry *cache; /* lazily allocated; NULL: none */
	bool cache_failed;
	struct term_entry *terms; /* lazily allocated; NULL: none */
	bool terms_failed;
};

/* ---- Characters ------------------------------------------------------ */

size_t
text_decode(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t k;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	k = utf8_decode(s + i, n - i, cp);
	if (k == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return k;
}

static bool
is_cjk(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 &&
	    cp <= 0x4DBF) || (cp >= 0x3040 && cp <= 0x30FF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 &&
	    cp <= 0x2FFFF);
}

enum text_cc
text_cc(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return TEXT_CC_LETTER;
		if (cp >= '0' && cp <= '9')
			return TEXT_CC_DIGIT;
		if (cp == ' ' || (cp >= 9 && cp <= 13))
			return TEXT_CC_SPACE;
		return TEXT_CC_OTHER;
	}
	if (is_cjk(cp))
		return TEXT_CC_CJK;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return TEXT_CC_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return TEXT_CC_MARK;
	case UTF8PROC_CATEGORY_ND:
		return TEXT_CC_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return TEXT_CC_SPACE;
	default:
		return cp == 0x85 ? TEXT_CC_SPACE : TEXT_CC_OTHER;
	}
}

bool
text_cp_upper(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool
text_cp_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category((utf8proc_int32_t)cp) ==
	    UTF8PROC_CATEGORY_LL;
}

static bool
is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static bool
is_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* ---- Tokens ---------------------------------------------------------- */

/* ASCII letters and digits by byte, for the tokenizer's inner loop: one
 * load tells whether a byte continues a word and what it adds to the
 * counts. Bytes from 0x80 up are 0 and go the decoding way. */
#define A_UPPER 0x1u
#define A_DIGIT 0x2u
#define A_LOWER 0x4u
#define A_UP4(c) [c] = A_UPPER, [c + 1] = A_UPPER, [c + 2] = A_UPPER, \
	[c + 3] = A_UPPER
#define A_LO4(c) [c] = A_LOWER, [c + 1] = A_LOWER, [c + 2] = A_LOWER, \
	[c + 3] = A_LOWER
static const unsigned char ascii_alnum[256] = {
	['0'] = A_DIGIT, ['1'] = A_DIGIT, ['2'] = A_DIGIT, ['3'] = A_DIGIT,
	['4'] = A_DIGIT, ['5'] = A_DIGIT, ['6'] = A_DIGIT, ['7'] = A_DIGIT,
	['8'] = A_DIGIT, ['9'] = A_DIGIT,
	A_UP4('A'), A_UP4('E'), A_UP4('I'), A_UP4('M'), A_UP4('Q'),
	A_UP4('U'), ['Y'] = A_UPPER, ['Z'] = A_UPPER,
	A_LO4('a'), A_LO4('e'), A_LO4('i'), A_LO4('m'), A_LO4('q'),
	A_LO4('u'), ['y'] = A_LOWER, ['z'] = A_LOWER,
};

/* Class of the code point at s[i] into *cp and its length into *k; ASCII
 * is classified inline because the tokenizer runs over every byte of
 * every article at ingest. */
static inline enum text_cc
cc_at(const char *s, size_t n, size_t i, uint32_t *cp, size_t *k)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80) {
		*cp = c;
		*k = 1;
		if ((unsigned)((c | 0x20) - 'a') < 26u)
			return TEXT_CC_LETTER;
		if ((unsigned)(c - '0') < 10u)
			return TEXT_CC_DIGIT;
		if (c == ' ' || (c >= 9 && c <= 13))
			return TEXT_CC_SPACE;
		return TEXT_CC_OTHER;
	}
	*k = text_decode(s, n, i, cp);
	return text_cc(*cp);
}

static inline bool
cp_upper(uint32_t cp)
{
	return cp < 0x80 ? (unsigned)(cp - 'A') < 26u : text_cp_upper(cp);
}

void
text_iter_init(struct text_iter *it, const char *s, size_t n)
{
	it->s = s;
	it->n = s ? n : 0;
	it->pos = 0;
}

/* For the per-token helpers of the terms walk: GCC would otherwise
 * leave them out of line, and a call per token costs as much as their
 * work. */
#if defined(__GNUC__)
#define TEXT_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define TEXT_ALWAYS_INLINE inline
#endif

/* text_iter_next, inlined into the terms walk (see TEXT_ALWAYS_INLINE). */
static TEXT_ALWAYS_INLINE bool
iter_next(struct text_iter *it, struct text_tok *tok)
{
	const char *s = it->s;
	size_t n = it->n, i = it->pos, start, k;
	uint32_t cp, nx;
	enum text_cc cc, prev;
	unsigned letters = 0, digits = 0;
	bool lower = false; /* a letter not in upper case */

	/* Find the start of a token. ASCII bytes that are no letter or
	 * digit (spaces, punctuation: most separators) are passed over by
	 * one table look-up each. */
	for (;;) {
		while (i < n && (unsigned char)s[i] < 0x80 &&
		    !ascii_alnum[(unsigned char)s[i]])
			i++;
		if (i >= n) {
			it->pos = n;
			return false;
		}
		cc = cc_at(s, n, i, &cp, &k);
		if (cc == TEXT_CC_LETTER || cc == TEXT_CC_DIGIT ||
		    cc == TEXT_CC_CJK)
			break;
		i += k;
	}
	start = i;
	tok->flags = 0;
	if (cc == TEXT_CC_CJK) {
		tok->kind = TEXT_TOK_CJK;
		i += k;
		goto done;
	}
	if (cc == TEXT_CC_LETTER && cp_upper(cp))
		tok->flags |= TEXT_TOK_CAP;
	prev = cc;
	/* An ASCII first character is counted with the run of ASCII
	 * letters and digits it starts, below; any other is counted here. */
	if (cp >= 0x80)
		goto count;
	for (;;) {
		/* Runs of ASCII letters and digits, the bulk of news text,
		 * counted without decoding or classifying through cc_at. */
		if (i < n && ascii_alnum[(unsigned char)s[i]]) {
			size_t run = i;
			unsigned dg = 0, t, seen = 0, u;

			/* The last byte's class is read after the loop: one
			 * register less inside it. */
			while (i < n && (u = ascii_alnum[(unsigned char)s[i]])) {
				seen |= u;
				i++;
			}
			t = ascii_alnum[(unsigned char)s[i - 1]];
			/* Digits are rare in words: counted only when the run
			 * has any, in a second look. */
			if (seen & A_DIGIT)
				for (size_t j = run; j < i; j++)
					dg += ascii_alnum[(unsigned char)s[j]] ==
					    A_DIGIT;
			digits += dg;
			letters += (unsigned)(i - run) - dg;
			if (seen & A_LOWER)
				lower = true;
			prev = t & A_DIGIT ? TEXT_CC_DIGIT : TEXT_CC_LETTER;
		}
		if (i >= n)
			break;
		/* An ASCII byte here is no letter or digit: it ends the
		 * token unless it may join two word characters. */
		if ((unsigned char)s[i] < 0x80 && s[i] != '\'' && s[i] != '-' &&
		    s[i] != '.' && s[i] != ',')
			break;
		cc = cc_at(s, n, i, &cp, &k);
		if (cc == TEXT_CC_LETTER || cc == TEXT_CC_DIGIT ||
		    cc == TEXT_CC_MARK)
			goto count;
		/* A joiner continues the token only between two word
		 * characters: "don't", "e-mail", "3.5", "12,000". */
		if (i + k < n && (is_apostrophe(cp) || is_hyphen(cp) ||
		    ((cp == '.' || cp == ',') && prev == TEXT_CC_DIGIT))) {
			size_t k2;
			enum text_cc c2 = cc_at(s, n, i + k, &nx, &k2);

			if ((cp == '.' || cp == ',') ? c2 == TEXT_CC_DIGIT :
			    (c2 == TEXT_CC_LETTER || c2 == TEXT_CC_DIGIT)) {
				i += k;
				k = k2;
				cp = nx;
				cc = c2;
				/* An ASCII character after the joiner starts a
				 * run; any other is counted on its own. */
				if (cp < 0x80)
					continue;
				goto count;
			}
		}
		break;
count:
		/* The character at i (cp, cc, k bytes), outside a run. */
		if (cc == TEXT_CC_LETTER) {
			letters++;
			if (!cp_upper(cp))
				lower = true;
		} else if (cc == TEXT_CC_DIGIT) {
			digits++;
		}
		if (cc != TEXT_CC_MARK)
			prev = cc;
		i += k;
	}
	tok->kind = letters == 0 ? TEXT_TOK_NUMBER : TEXT_TOK_WORD;
	if (letters > 0 && digits > 0)
		tok->flags |= TEXT_TOK_HAS_DIGIT;
	if (letters >= 2 && !lower)
		tok->flags |= TEXT_TOK_ALLCAPS;
done:
	tok->s.p = s + start;
	tok->s.n = i - start;
	tok->off = start;
	it->pos = i;
	return true;
}

bool
text_iter_next(struct text_iter *it, struct text_tok *tok)
{
	return iter_next(it, tok);
}

/* ---- Folding --------------------------------------------------------- */

/* Diacritics we strip: combining marks of the Latin, Greek and Cyrillic
 * blocks, Arabic harakat and Hebrew points. Marks of Indic and other
 * scripts are vowels, not decoration, and stay. */
static bool
is_strippable_mark(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 &&
	    cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 &&
	    cp <= 0xFE2F) || (cp >= 0x610 && cp <= 0x61A) ||
	    (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 ||
	    (cp >= 0x6D6 && cp <= 0x6ED) || (cp >= 0x591 && cp <= 0x5C7) ||
	    cp == 0x640 /* tatweel, a stretching stroke */;
}

/* Fold one non-ASCII code point into out (room for 16); returns the count
 * of code points written. */
static size_t
fold_cp(uint32_t cp, unsigned flags, utf8proc_int32_t out[16])
{
	utf8proc_int32_t tmp[16];
	utf8proc_ssize_t m;
	int opts = 0, last = 0;
	size_t j, w = 0;

	if (is_apostrophe(cp)) {
		out[0] = '\'';
		return 1;
	}
	if (flags & TEXT_FOLD_CASE)
		opts |= UTF8PROC_CASEFOLD;
	/* Hangul syllables would decompose into jamo; keep them whole. */
	if ((flags & TEXT_FOLD_MARKS) && !(cp >= 0xAC00 && cp <= 0xD7A3))
		opts |= UTF8PROC_DECOMPOSE;
	if (opts == 0) {
		out[0] = (utf8proc_int32_t)cp;
		return 1;
	}
	m = utf8proc_decompose_char((utf8proc_int32_t)cp, tmp, 16, opts,
	    &last);
	if (m <= 0 || m > 16) {
		out[0] = (utf8proc_int32_t)cp;
		return 1;
	}
	for (j = 0; j < (size_t)m; j++) {
		if ((flags & TEXT_FOLD_MARKS) &&
		    is_strippable_mark((uint32_t)tmp[j]))
			continue;
		out[w++] = tmp[j];
	}
	return w;
}

/* Length of a trailing possessive ('s or a lone ') to drop. */
static size_t
possessive_len(const char *s, size_t n)
{
	if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
		return 2;
	if (n > 1 && s[n - 1] == '\'')
		return 1;
	return 0;
}

/* Core of both folds: writes through put(). */
#define FOLD_LOOP(PUT) do { \
	size_t i_ = 0; \
	while (i_ < n) { \
		unsigned char c_ = (unsigned char)s[i_]; \
		if (c_ < 0x80) { \
			if ((flags & TEXT_FOLD_CASE) && c_ >= 'A' && c_ <= 'Z') \
				c_ = (unsigned char)(c_ + 32); \
			PUT_BYTE(c_); \
			i_++; \
		} else { \
			utf8proc_int32_t o_[16]; \
			uint32_t cp_; \
			size_t k_ = text_decode(s, n, i_, &cp_), m_, j_; \
			m_ = fold_cp(cp_, flags, o_); \
			for (j_ = 0; j_ < m_; j_++) { \
				char e_[4]; \
				size_t l_ = utf8_encode((uint32_t)o_[j_], e_); \
				PUT(e_, l_); \
			} \
			i_ += k_; \
		} \
	} \
} while (0)

int
text_fold_into(const char *s, size_t n, unsigned flags, char *dst,
    size_t cap)
{
	size_t w = 0;

#define PUT_BYTE(c) do { \
	if (w + 1 >= cap) \
		return -1; \
	dst[w++] = (char)(c); \
} while (0)
#define PUT_SMALL(p, l) do { \
	if (w + (l) >= cap) \
		return -1; \
	memcpy(dst + w, (p), (l)); \
	w += (l); \
} while (0)
	FOLD_LOOP(PUT_SMALL);
#undef PUT_BYTE
#undef PUT_SMALL
	if (flags & TEXT_FOLD_POSSESSIVE)
		w -= possessive_len(dst, w);
	dst[w] = '\0';
	return (int)w;
}

int
text_fold(const char *s, size_t n, unsigned flags, struct buf *out)
{
	size_t base = out->len;
	int rc = 0;

#define PUT_BYTE(c) do { \
	if ((rc = buf_putc(out, (c))) != 0) \
		goto fail; \
} while (0)
#define PUT_BUF(p, l) do { \
	if ((rc = buf_append(out, (p), (l))) != 0) \
		goto fail; \
} while (0)
	FOLD_LOOP(PUT_BUF);
#undef PUT_BYTE
#undef PUT_BUF
	if (flags & TEXT_FOLD_POSSESSIVE)
		buf_truncate(out, out->len - possessive_len(out->p + base,
		    out->len - base));
	return 0;
fail:
	buf_truncate(out, base);
	return rc;
}

/* ---- Languages ------------------------------------------------------- */

bool
text_lang_code(const char *lang, char out[3])
{
	static const struct {
		const char *iso3, *iso1;
	} three[] = {
		{ "ara", "ar" }, { "deu", "de" }, { "ger", "de" },
		{ "eng", "en" }, { "fra", "fr" }, { "fre", "fr" },
		{ "spa", "es" }, { "ita", "it" }, { "por", "pt" },
		{ "nld", "nl" }, { "dut", "nl" }, { "rus", "ru" },
		{ "fas", "fa" }, { "per", "fa" }, { "heb", "he" },
		{ "zho", "zh" }, { "chi", "zh" }, { "jpn", "ja" },
		{ "kor", "ko" }, { "tur", "tr" },
	};
	size_t len = 0, i;
	char low[4];

	if (lang == NULL)
		return false;
	while (len < 4 && lang[len] != '\0' && lang[len] != '-' &&
	    lang[len] != '_') {
		char c = lang[len];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c < 'a' || c > 'z')
			return false;
		low[len++] = c;
	}
	if (len == 2) {
		out[0] = low[0];
		out[1] = low[1];
		out[2] = '\0';
		return true;
	}
	if (len == 3) {
		for (i = 0; i < ARRAY_LEN(three); i++) {
			if (memcmp(three[i].iso3, low, 3) == 0) {
				memcpy(out, three[i].iso1, 3);
				return true;
			}
		}
	}
	return false;
}

void
text_lang_norm(const char *tag, char out[4])
{
	char c[3];

	if (text_lang_code(tag, c))
		memcpy(out, c, 3);
	else
		memcpy(out, "und", 4);
}

static const char *
stemmer_algo(const char *lang)
{
	char c[3];
	size_t i;

	if (!text_lang_code(lang, c))
		return NULL;
	for (i = 0; i < ARRAY_LEN(stemmer_names); i++)
		if (memcmp(stemmer_names[i].code, c, 3) == 0)
			return stemmer_names[i].algo;
	return NULL;
}

bool
text_lang_has_stemmer(const char *lang)
{
	return stemmer_algo(lang) != NULL;
}

const struct text_stoplist *
text_stoplist_find(const char *lang)
{
	char c[3];
	size_t i;

	if (!text_lang_code(lang, c))
		return NULL;
	for (i = 0; i < text_n_stoplists; i++)
		if (memcmp(text_stoplists[i].lang, c, 3) == 0)
			return &text_stoplists[i];
	return NULL;
}

/* Compare a NUL-terminated x with w (n bytes) in byte order, without
 * strlen: this runs for every word of every text. */
static int
cmp_word(const char *xs, const char *w, size_t n)
{
	const unsigned char *x = (const unsigned char *)xs;
	size_t i = 0;

	while (i < n && x[i] != '\0' && x[i] == (unsigned char)w[i])
		i++;
	if (i == n)
		return x[i] == '\0' ? 0 : 1;
	if (x[i] == '\0')
		return -1;
	return x[i] < (unsigned char)w[i] ? -1 : 1;
}

bool
text_stoplist_has(const struct text_stoplist *l, const char *w, size_t n)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_word(l->words[mid], w, n);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

unsigned
text_stop_langs(const char *w, size_t n)
{
	size_t lo = 0, hi = text_n_stop_all;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_word(text_stop_all[mid].w, w, n);

		if (c == 0)
			return text_stop_all[mid].langs;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

bool
text_lang_has_stopwords(const char *lang)
{
	const struct text_stoplist *l = text_stoplist_find(lang);

	return l != NULL && l->full;
}

const struct text_stoplist *
text_stoplist_of(const char *lang)
{
	const struct text_stoplist *l = text_stoplist_find(lang);

	return l != NULL && l->full ? l : NULL;
}

bool
text_stoplist_contains(const struct text_stoplist *l, const char *word,
    size_t n)
{
	return l != NULL && text_stoplist_has(l, word, n);
}

bool
text_is_stopword(const char *lang, const char *word, size_t n)
{
	const struct text_stoplist *l = text_stoplist_find(lang);

	return l != NULL && l->full && text_stoplist_has(l, word, n);
}

/* ---- Context and terms ----------------------------------------------- */

struct text_ctx *
text_ctx_new(void)
{
	struct text_ctx *ctx = calloc(1, sizeof(*ctx));

	if (ctx != NULL)
		buf_init(&ctx->big, (size_t)1 << 20);
	return ctx;
}

void
text_ctx_free(struct text_ctx *ctx)
{
	size_t i;

	if (ctx == NULL)
		return;
	for (i = 0; i < ctx->n_slots; i++)
		if (ctx->slot[i].st != NULL)
			sb_stemmer_delete(ctx->slot[i].st);
	buf_release(&ctx->big);
	free(ctx->cache);
	free(ctx->terms);
	free(ctx);
}

/* The stemmer for lang, or NULL when there is none (or no memory, in which
 * case words simply go unstemmed; *nomem says which). */
static struct sb_stemmer *
ctx_stemmer(struct text_ctx *ctx, const char *lang, bool *nomem)
{
	const char *algo = stemmer_algo(lang);
	char c[3];
	size_t i;

	*nomem = false;
	if (algo == NULL || !text_lang_code(lang, c))
		return NULL;
	for (i = 0; i < ctx->n_slots; i++)
		if (memcmp(ctx->slot[i].lang, c, 3) == 0)
			return ctx->slot[i].st;
	if (ctx->n_slots < TEXT_CTX_STEMMERS) {
		i = ctx->n_slots++;
	} else {
		i = ctx->next_victim;
		ctx->next_victim = (i + 1) % TEXT_CTX_STEMMERS;
		if (ctx->slot[i].st != NULL)
			sb_stemmer_delete(ctx->slot[i].st);
		/* Cached stems name the slot's stemmer: forget them. */
		if (ctx->cache != NULL)
			memset(ctx->cache, 0, STEM_CACHE_SLOTS *
			    sizeof(*ctx->cache));
		if (ctx->terms != NULL)
			memset(ctx->terms, 0, TERM_CACHE_SLOTS *
			    sizeof(*ctx->terms));
	}
	memcpy(ctx->slot[i].lang, c, 3);
	ctx->slot[i].st = sb_stemmer_new(algo, "UTF_8");
	if (ctx->slot[i].st == NULL) {
		/* Forget the slot so a later call may retry. */
		ctx->n_slots = i;
		*nomem = true;
	}
	return ctx->slot[i].st;
}

/* Languages that elide articles and pronouns with an apostrophe, where
 * "l'État" means "État" for indexing. */
static bool
lang_elides(const char *lang)
{
	char c[3];

	return text_lang_code(lang, c) && (!memcmp(c, "fr", 3) ||
	    !memcmp(c, "it", 3) || !memcmp(c, "ca", 3));
}

/* Skip an elided prefix ("l'", "qu'", "jusqu'") of a folded word. */
static size_t
elision_len(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n && i <= 7; i++)
		if (w[i] == '\'')
			return i + 1 < n ? i + 1 : 0;
	return 0;
}

int
text_norm(struct text_ctx *ctx, const char *word, size_t n,
    struct str *out)
{
	int m = text_fold_into(word, n, TEXT_FOLD_CASE | TEXT_FOLD_MARKS |
	    TEXT_FOLD_POSSESSIVE, ctx->fold1, sizeof(ctx->fold1));

	if (m < 0) {
		buf_reset(&ctx->big);
		if (text_fold(word, n, TEXT_FOLD_CASE | TEXT_FOLD_MARKS |
		    TEXT_FOLD_POSSESSIVE, &ctx->big) != 0)
			return ERR_NOMEM;
		out->p = ctx->big.p ? ctx->big.p : "";
		out->n = ctx->big.len;
		return 0;
	}
	out->p = ctx->fold1;
	out->n = (size_t)m;
	return 0;
}

/* text_term with the language already resolved (once per text). */
static int
term_with(struct text_ctx *ctx, struct sb_stemmer *st, bool elides,
    const char *word, size_t n, int prefolded, struct str *out)
{
	const sb_symbol *stem;
	bool ascii = true;
	size_t i, el;
	int m;

	if (n > TEXT_WORD_MAX)
		return text_norm(ctx, word, n, out);
	for (i = 0; i < n && ascii; i++)
		ascii = (unsigned char)word[i] < 0x80;
	/* For ASCII, the stop-word check's fold is already the one we
	 * need (diacritics cannot differ). */
	if (ascii && prefolded >= 0)
		m = prefolded;
	else
		m = text_fold_into(word, n, TEXT_FOLD_CASE |
		    TEXT_FOLD_POSSESSIVE, ctx->fold1, sizeof(ctx->fold1));
	if (m < 0)
		return text_norm(ctx, word, n, out);
	el = elides ? elision_len(ctx->fold1, (size_t)m) : 0;
	out->p = ctx->fold1 + el;
	out->n = (size_t)m - el;
	if (st != NULL) {
		struct stem_entry *ce = NULL;
		uint64_t h = 0;

		if (ctx->cache == NULL && !ctx->cache_failed) {
			ctx->cache = calloc(STEM_CACHE_SLOTS,
			    sizeof(*ctx->cache));
			ctx->cache_failed = ctx->cache == NULL;
		}
		if (ctx->cache != NULL && out->n < STEM_CACHE_WORD) {
			/* The stemmer's address tells languages apart. */
			h = text_hash64(out->p, out->n) ^
			    (uint64_t)(uintptr_t)st;
			h |= 1;
			ce = &ctx->cache[(h >> 7) & (STEM_CACHE_SLOTS - 1)];
			if (ce->h == h && ce->wl == out->n &&
			    memcmp(ce->w, out->p, out->n) == 0) {
				out->p = ce->st;
				out->n = ce->sl;
				goto stemmed;
			}
		}
		stem = sb_stemmer_stem(st, (const sb_symbol *)out->p,
		    (int)out->n);
		if (stem == NULL)
			return ERR_NOMEM;
		if (ce != NULL && (size_t)sb_stemmer_length(st) <
		    STEM_CACHE_WORD) {
			ce->h = h;
			ce->wl = (uint8_t)out->n;
			memcpy(ce->w, out->p, out->n);
			ce->sl = (uint8_t)sb_stemmer_length(st);
			memcpy(ce->st, stem, ce->sl);
		}
		out->p = (const char *)stem;
		out->n = (size_t)sb_stemmer_length(st);
	}
stemmed:
	if (!ascii) {
		m = text_fold_into(out->p, out->n, TEXT_FOLD_MARKS,
		    ctx->fold2, sizeof(ctx->fold2));
		if (m < 0)
			return ERR_NOMEM;
		out->p = ctx->fold2;
		out->n = (size_t)m;
	}
	return 0;
}

int
text_term(struct text_ctx *ctx, const char *lang, const char *word,
    size_t n, struct str *out)
{
	struct sb_stemmer *st;
	bool nomem;

	st = ctx_stemmer(ctx, lang, &nomem);
	if (nomem)
		return ERR_NOMEM;
	return term_with(ctx, st, lang_elides(lang), word, n, -1, out);
}

int
text_stemmer_of(struct text_ctx *ctx, const char *lang,
    const struct text_stemmer **out)
{
	bool nomem;

	*out = (const struct text_stemmer *)ctx_stemmer(ctx, lang, &nomem);
	return nomem ? ERR_NOMEM : 0;
}

int
text_stem(const struct text_stemmer *st, const char *word, size_t n,
    struct str *out)
{
	/* The handle is the sb_stemmer itself, which only its ctx uses. */
	struct sb_stemmer *sb = (struct sb_stemmer *)(uintptr_t)st;
	const sb_symbol *stem;

	out->p = word;
	out->n = n;
	if (sb == NULL || n == 0 || n > TEXT_WORD_MAX)
		return 0;
	stem = sb_stemmer_stem(sb, (const sb_symbol *)word, (int)n);
	if (stem == NULL)
		return ERR_NOMEM;
	out->p = (const char *)stem;
	out->n = (size_t)sb_stemmer_length(sb);
	return 0;
}

/* The first n bytes (1 to TERM_CACHE_WORD) of p as the words of a
 * term_entry: zero past n. The text ends at end; where it has all the
 * words' bytes (nearly always) they are loaded whole and masked. */
static TEXT_ALWAYS_INLINE void
word_key(const char *p, size_t n, const char *end, uint64_t k[3])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if ((size_t)(end - p) >= TERM_CACHE_WORD) {
		/* On a little-endian machine byte i of a loaded word is
		 * its bits 8i to 8i+7: the mask keeps the first bytes. */
		memcpy(k, p, TERM_CACHE_WORD);
		if (n <= 8) {
			k[0] &= ~0ULL >> (64 - 8 * n);
			k[1] = k[2] = 0;
		} else if (n <= 16) {
			k[1] &= ~0ULL >> (128 - 8 * n);
			k[2] = 0;
		} else {
			k[2] &= ~0ULL >> (192 - 8 * n);
		}
		return;
	}
#endif
	k[0] = k[1] = k[2] = 0;
	memcpy(k, p, n);
}

/* The cache entry for a word token, or NULL when it is not cached. *hit
 * says whether the entry already holds the token's term; if not, the
 * entry is emptied for it (wl 0), and its wl is set once the term is
 * in. end: the end of the text the token is in. */
static TEXT_ALWAYS_INLINE struct term_entry *
term_slot(struct text_ctx *ctx, const struct sb_stemmer *st,
    const struct text_stoplist *sl, bool elides, const struct str *w,
    const char *end, bool *hit)
{
	struct term_entry *ce;
	uint64_t k[3], h;

	*hit = false;
	if (w->n > TERM_CACHE_WORD)
		return NULL;
	if (ctx->terms == NULL) {
		if (ctx->terms_failed)
			return NULL;
		ctx->terms = calloc(TERM_CACHE_SLOTS, sizeof(*ctx->terms));
		if ((ctx->terms_failed = ctx->terms == NULL))
			return NULL;
	}
	word_key(w->p, w->n, end, k);
	/* Multiplicative hashing: the top bits of the product mix all
	 * the words. */
	h = (k[0] ^ (k[1] * 0xC2B2AE3D27D4EB4FULL) ^ (k[2] << 1) ^ w->n) *
	    0x9E3779B97F4A7C15ULL;
	ce = &ctx->terms[h >> (64 - TERM_CACHE_BITS)];
	*hit = ce->wl == w->n && ce->w[0] == k[0] && ce->w[1] == k[1] &&
	    ce->w[2] == k[2] && ce->st == st && ce->sl == sl &&
	    ce->elides == elides;
	if (!*hit) {
		ce->wl = 0; /* set once the term is in */
		ce->st = st;
		ce->sl = sl;
		ce->elides = elides;
		memcpy(ce->w, k, sizeof(k));
	}
	return ce;
}

/* The term of a word token the cache did not hold (ce: its emptied
 * entry, or NULL when the token is not cached): the stop-word check,
 * the stem, the hash, into t; ce is filled when the term fits. Out of
 * line: most tokens hit. */
static int
term_miss(struct text_ctx *ctx, struct sb_stemmer *st,
    const struct text_stoplist *sl, bool elides, const struct text_tok *tok,
    struct term_entry *ce, struct text_term *t)
{
	struct str norm = { NULL, 0 };
	int rc;

	t->stop = false;
	if (sl != NULL) {
		size_t el;

		if ((rc = text_norm(ctx, tok->s.p, tok->s.n, &norm)) != 0)
			return rc;
		el = elides ? elision_len(norm.p, norm.n) : 0;
		t->stop = text_stoplist_has(sl, norm.p + el, norm.n - el);
		if (t->stop) {
			/* Reported folded, not stemmed. */
			t->term.p = norm.p + el;
			t->term.n = norm.n - el;
		}
	}
	if (!t->stop && (rc = term_with(ctx, st, elides, tok->s.p, tok->s.n,
	    sl != NULL && norm.p == ctx->fold1 ? (int)norm.n : -1,
	    &t->term)) != 0)
		return rc;
	t->hash = text_hash64(t->term.p, t->term.n);
	if (ce != NULL && t->term.n <= TERM_CACHE_WORD) {
		memcpy(ce->t, t->term.p, t->term.n);
		ce->tl = (uint8_t)t->term.n;
		ce->stop = t->stop;
		ce->th = t->hash;
		ce->wl = (uint8_t)tok->s.n;
	}
	return 0;
}

/* The term of a number or CJK token into t. */
static int
term_other(struct text_ctx *ctx, const struct text_tok *tok,
    struct text_term *t)
{
	int rc;

	t->stop = false;
	if (tok->kind == TEXT_TOK_NUMBER) {
		t->term = tok->s;
	} else if ((rc = text_norm(ctx, tok->s.p, tok->s.n, &t->term))) {
		return rc;
	}
	t->hash = text_hash64(t->term.p, t->term.n);
	return 0;
}

int
text_terms(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, unsigned flags, text_term_fn fn, void *arg)
{
	const struct text_stoplist *sl = text_stoplist_find(lang);
	struct text_iter it;
	struct text_tok tok;
	struct text_term t;
	struct sb_stemmer *st;
	struct term_entry *ce;
	bool elides = lang_elides(lang), nomem, hit;
	int rc;

	if (sl != NULL && !sl->full)
		sl = NULL;
	st = ctx_stemmer(ctx, lang, &nomem);
	if (nomem)
		return ERR_NOMEM;
	text_iter_init(&it, s, n);
	while (iter_next(&it, &tok)) {
		t.tok = &tok;
		if (tok.kind == TEXT_TOK_NUMBER &&
		    !(flags & TEXT_TERMS_NUMBERS))
			continue;
		if (tok.kind != TEXT_TOK_WORD) {
			if ((rc = term_other(ctx, &tok, &t)) != 0)
				return rc;
		} else {
			ce = term_slot(ctx, st, sl, elides, &tok.s, s + n,
			    &hit);
			if (hit) {
				t.stop = ce->stop;
				t.term.p = ce->t;
				t.term.n = ce->tl;
				t.hash = ce->th;
			} else if ((rc = term_miss(ctx, st, sl, elides, &tok,
			    ce, &t)) != 0) {
				return rc;
			}
			if (t.stop && !(flags & TEXT_TERMS_STOPWORDS))
				continue;
		}
		if ((rc = fn(arg, &t)) != 0)
			return rc;
	}
	return 0;
}

/* text_terms with TEXT_TERMS_STOPWORDS | TEXT_TERMS_NUMBERS, each token
 * tokenized straight into d's array and its term appended to tb: this
 * walk runs once per article over every token, so a cache hit takes no
 * call and no copy of the token through a text_term. */
int
text_terms_doc(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, struct text_doc *d, struct buf *tb)
{
	const struct text_stoplist *sl = text_stoplist_find(lang);
	struct text_iter it;
	struct sb_stemmer *st;
	bool elides = lang_elides(lang), nomem;
	int rc;

	if (sl != NULL && !sl->full)
		sl = NULL;
	st = ctx_stemmer(ctx, lang, &nomem);
	if (nomem)
		return ERR_NOMEM;
	text_iter_init(&it, s, n);
	for (;;) {
		struct text_doc_tok *e;
		struct term_entry *ce = NULL;
		struct text_term t;
		const char *tp;
		size_t tn;
		bool hit = false;

		if (d->n_tok == d->cap) {
			size_t cap = d->cap ? d->cap * 2 : 256;
			struct text_doc_tok *v = realloc(d->v,
			    cap * sizeof(*v));

			if (v == NULL)
				return ERR_NOMEM;
			d->v = v;
			d->cap = cap;
		}
		e = &d->v[d->n_tok];
		if (!iter_next(&it, &e->tok))
			break;
		if (e->tok.kind == TEXT_TOK_WORD)
			ce = term_slot(ctx, st, sl, elides, &e->tok.s, s + n,
			    &hit);
		if (hit) {
			e->stop = ce->stop;
			e->hash = ce->th;
			tp = ce->t;
			tn = ce->tl;
		} else {
			t.tok = &e->tok;
			rc = e->tok.kind == TEXT_TOK_WORD ? term_miss(ctx, st,
			    sl, elides, &e->tok, ce, &t) : term_other(ctx,
			    &e->tok, &t);
			if (rc != 0)
				return rc;
			e->stop = t.stop;
			e->hash = t.hash;
			tp = t.term.p;
			tn = t.term.n;
		}
		/* The terms are addressed by offset and length, so the NUL
		 * the buffer keeps is written once, at the end
		 * (text_doc_build). A hit's term, in a cache entry, is
		 * copied at a fixed TERM_CACHE_WORD bytes; what lands past
		 * it is overwritten by the next term or by that NUL. */
		if (tb->cap - tb->len <= tn + TERM_CACHE_WORD &&
		    buf_grow(tb, tn + TERM_CACHE_WORD) != 0)
			return ERR_NOMEM;
		if (hit)
			memcpy(tb->p + tb->len, tp, TERM_CACHE_WORD);
		else
			memcpy(tb->p + tb->len, tp, tn);
		e->term_off = tb->len;
		e->term_len = (uint32_t)tn;
		tb->len += tn;
		d->n_tok++;
	}
	return 0;
}

/* ---- Fingerprints ---------------------------------------------------- */

uint64_t
text_hash64(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A strong 64-bit mixer (splitmix64's finaliser), so that shingle hashes
 * built from word hashes have independent bits. */
static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t
rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static void
simhash_add(int32_t votes[64], uint64_t h)
{
	unsigned b;

	for (b = 0; b < 64; b++)
		votes[b] += (h >> b) & 1 ? 1 : -1;
}

int
text_simhash(struct text_ctx *ctx, const char *s, size_t n, uint64_t *out)
{
	int32_t votes[64] = { 0 };
	uint64_t win[TEXT_SHINGLE_WORDS], h = 0;
	struct text_iter it;
	struct text_tok tok;
	struct str w;
	size_t words = 0, i;
	unsigned b;
	int rc;

	*out = 0;
	text_iter_init(&it, s, n);
	while (text_iter_next(&it, &tok)) {
		if ((rc = text_norm(ctx, tok.s.p, tok.s.n, &w)) != 0)
			return rc;
		memmove(win, win + 1, sizeof(win) - sizeof(win[0]));
		win[TEXT_SHINGLE_WORDS - 1] = text_hash64(w.p, w.n);
		words++;
		if (words < TEXT_SHINGLE_WORDS)
			continue;
		h = 0;
		for (i = 0; i < TEXT_SHINGLE_WORDS; i++)
			h += rotl64(win[i], (unsigned)(i * 21 + 1));
		simhash_add(votes, mix64(h));
	}
	if (words == 0)
		return 0;
	if (words < TEXT_SHINGLE_WORDS) {
		/* Too short for one shingle: vote with the words. */
		for (i = TEXT_SHINGLE_WORDS - words; i < TEXT_SHINGLE_WORDS;
		    i++)
			simhash_add(votes, mix64(win[i]));
	}
	for (b = 0; b < 64; b++)
		if (votes[b] > 0)
			*out |= (uint64_t)1 << b;
	return 0;
}

int
text_simhash_distance(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ b;
	int c = 0;

	while (x != 0) {
		x &= x - 1;
		c++;
	}
	return c;
}
