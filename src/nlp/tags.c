/*
 * nlp/tags.c: canonical tag keys, spelling counts and glued-tag splitting
 * (see tags.h for the rules).
 *
 * Folding works one code point at a time so that the splitter can fold a
 * glued string once and then build the key of every candidate piece by
 * copying bytes: a split costs one hash lookup per (start, end) pair, and
 * pieces never grow past the longest known key.
 */
#include "base/common.h"

#include <limits.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "nlp/strtab.h"
#include "nlp/tags.h"

enum fold_kind { FOLD_SEP, FOLD_WORD, FOLD_SKIP };

#define FOLD_MAX 48 /* bytes one code point may fold to */

static bool
is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

static enum fold_kind fold_decomposed(uint32_t cp, char *out, size_t *n);

/* Fold one code point into out (FOLD_MAX bytes); *n receives the length.
 * Returns FOLD_WORD when out holds letters or digits, FOLD_SKIP for an
 * apostrophe, FOLD_SEP for anything else. */
static enum fold_kind
fold_one(uint32_t cp, char *out, size_t *n)
{
	*n = 0;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') {
			out[0] = (char)(cp + 32);
			*n = 1;
			return FOLD_WORD;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[0] = (char)cp;
			*n = 1;
			return FOLD_WORD;
		}
		return cp == '\'' ? FOLD_SKIP : FOLD_SEP;
	}
	if (is_apostrophe(cp))
		return FOLD_SKIP;
	/* Separators whatever the text around them, known without the
	 * decomposition (tags_fold_code_points checks each against it):
	 * C1 controls and the Latin-1 signs but for the ordinal, digit,
	 * fraction and micro signs (their bits in the mask); general
	 * punctuation (dashes, quotes, ellipsis, spaces; the apostrophes
	 * are out above); currency signs but the rupee sign ("rs"). News
	 * text is full of them, and a decomposition costs a few hundred
	 * instructions. */
	if (cp < 0xC0)
		return cp < 0xA0 || !((0x762C0400u >> (cp - 0xA0)) & 1) ?
		    FOLD_SEP : fold_decomposed(cp, out, n);
	/* The Latin-1 letters: most lose their accent and fold to one
	 * ASCII letter, listed here (checked likewise); the multiplication
	 * and division signs are separators; '?' marks the letters that
	 * fold to others (ae, eth, o with stroke, thorn, sharp s). */
	if (cp < 0x100) {
		static const char latin1[64] =
		    "aaaaaa?ceeeeiiii?nooooo ?uuuuy??"
		    "aaaaaa?ceeeeiiii?nooooo ?uuuuy?y";
		char f = latin1[cp - 0xC0];

		if (f == ' ')
			return FOLD_SEP;
		if (f != '?') {
			out[0] = f;
			*n = 1;
			return FOLD_WORD;
		}
		return fold_decomposed(cp, out, n);
	}
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 &&
	    cp <= 0x20CF && cp != 0x20A8))
		return FOLD_SEP;
	return fold_decomposed(cp, out, n);
}

/* fold_one's way for a code point from 0x80 up: utf8proc's fold. */
static enum fold_kind
fold_decomposed(uint32_t cp, char *out, size_t *n)
{
	utf8proc_int32_t dst[8];
	utf8proc_ssize_t k;
	int bc = 0;

	k = utf8proc_decompose_char((utf8proc_int32_t)cp, dst, 8,
	    UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	    UTF8PROC_COMPAT, &bc);
	if (k <= 0 || k > 8) {
		/* A combining mark on its own folds to nothing. */
		return k == 0 ? FOLD_SKIP : FOLD_SEP;
	}
	for (utf8proc_ssize_t i = 0; i < k; i++) {
		utf8proc_category_t c = utf8proc_category(dst[i]);
		if (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME)
			continue;
		if (!(c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) &&
		    !(c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
			return *n ? FOLD_WORD : FOLD_SEP;
		if (*n + 4 > FOLD_MAX)
			break;
		*n += utf8_encode((uint32_t)dst[i], out + *n);
	}
	return *n ? FOLD_WORD : FOLD_SKIP;
}

/* Decode the code point at s (n bytes left); invalid bytes count as one
 * separator byte. Returns the bytes consumed. */
static size_t
next_cp(const char *s, size_t n, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	k = utf8_decode(s, n, cp);
	if (k == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return k;
}

/* Every byte as the fold sees it: for ASCII the folded letter or digit,
 * FOLD_APOS for an apostrophe (dropped, joins), 0 for a separator;
 * FOLD_HIGH for the bytes of other code points, so that one load and one
 * compare tell whether a byte continues an ASCII word (a value of '0' or
 * more). */
#define FOLD_APOS 1
#define FOLD_UP4(c) [c] = c + 32, [c + 1] = c + 33, [c + 2] = c + 34, \
	[c + 3] = c + 35
#define FOLD_LO4(c) [c] = c, [c + 1] = c + 1, [c + 2] = c + 2, [c + 3] = c + 3
#define ASCII_FOLD_INIT \
	FOLD_LO4('0'), FOLD_LO4('4'), ['8'] = '8', ['9'] = '9', \
	FOLD_UP4('A'), FOLD_UP4('E'), FOLD_UP4('I'), FOLD_UP4('M'), \
	FOLD_UP4('Q'), FOLD_UP4('U'), ['Y'] = 'y', ['Z'] = 'z', \
	FOLD_LO4('a'), FOLD_LO4('e'), FOLD_LO4('i'), FOLD_LO4('m'), \
	FOLD_LO4('q'), FOLD_LO4('u'), ['y'] = 'y', ['z'] = 'z', \
	['\''] = FOLD_APOS
#define FOLD_HIGH 2
#define FOLD_H8 FOLD_HIGH, FOLD_HIGH, FOLD_HIGH, FOLD_HIGH, FOLD_HIGH, \
	FOLD_HIGH, FOLD_HIGH, FOLD_HIGH
#define FOLD_H64 FOLD_H8, FOLD_H8, FOLD_H8, FOLD_H8, FOLD_H8, FOLD_H8, \
	FOLD_H8, FOLD_H8
static const unsigned char byte_fold[256] = {
	ASCII_FOLD_INIT, [0x80] = FOLD_H64, FOLD_H64,
};

int
tag_fold(const char *s, size_t n, struct buf *out)
{
	size_t limit = out->max ? out->max : BUF_DEFAULT_MAX;
	size_t room = n + 2;

	/* tag_fold_into does the folding. Text folds to about its own length
	 * (ASCII to at most itself); a code point that folds longer ("ß",
	 * ligatures) makes a try fail, and the next one has twice the room,
	 * up to all the buffer may hold: only a fold that does not fit there
	 * is ERR_TOOBIG. */
	for (;;) {
		bool last = false;
		int len, rc;

		if (out->len > limit)
			return ERR_TOOBIG;
		if (room >= limit - out->len) {
			room = limit - out->len;
			last = true;
		}
		if (room > INT_MAX - 1)
			room = INT_MAX - 1;
		if ((rc = buf_grow(out, room)) < 0)
			return rc;
		len = tag_fold_into(s, n, out->p + out->len, room + 1);
		if (len >= 0) {
			out->len += (size_t)len;
			return 0;
		}
		if (last || room == INT_MAX - 1)
			return ERR_TOOBIG;
		room *= 2;
	}
}

/* Inputs up to this long are tried as plain words first (see
 * tag_fold_into). */
#define TAG_FOLD_SHORT 64

/* Eight bytes as one word: each byte times 0x01...01. */
#define FOLD_LANES(c) ((uint64_t)(c) * 0x0101010101010101ULL)

/* The lanes of v (bytes all below 0x80) whose byte lies in [lo, hi]: bit 7
 * of each such byte set, nothing else. No sum carries into the next
 * byte, as every byte and every addend is below 0x80. */
static inline uint64_t
fold_in_range(uint64_t v, unsigned lo, unsigned hi)
{
	return (v + FOLD_LANES(0x80 - lo)) & ~(v + FOLD_LANES(0x7F - hi)) &
	    FOLD_LANES(0x80);
}

/* Can the eight bytes at s be folded as a block, and into what? They can
 * when each is an ASCII letter, digit or space and no two spaces are
 * neighbours: every space is then a gap between two words (or one after
 * the last, which the caller leaves out), and the fold is the bytes
 * themselves with capitals in lower case. A first space is a gap only
 * after a word (lead_space). Returns false, or true with the folded
 * bytes in *out. */
static inline bool
fold_block8(const char *s, bool lead_space, uint64_t *out)
{
	uint64_t v, al, sp;

	if (!lead_space && s[0] == ' ')
		return false;
	memcpy(&v, s, 8);
	if (v & FOLD_LANES(0x80))
		return false;
	/* Letters in either case: the case bit (0x20) set, then a-z. */
	al = fold_in_range(v | FOLD_LANES(0x20), 'a', 'z');
	sp = fold_in_range(v, ' ', ' ');
	if ((al | fold_in_range(v, '0', '9') | sp) != FOLD_LANES(0x80) ||
	    (sp & (sp << 8)) != 0)
		return false;
	/* The case bit makes a capital small and is already set in digits
	 * and the space. */
	*out = v | FOLD_LANES(0x20);
	return true;
}

#if defined(__SSE2__)
/* fold_block8 for sixteen bytes, with SSE2: the folded bytes go to
 * out. */
static inline bool
fold_block16(const char *s, bool lead_space, char *out)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i lo, al, dg, sp;
	unsigned m;

	if ((!lead_space && s[0] == ' ') || _mm_movemask_epi8(v) != 0)
		return false;
	/* Signed compares are right: every byte is below 0x80. */
	lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
	al = _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
	    _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1)));
	dg = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	sp = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
	if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(al, dg), sp)) !=
	    0xFFFF)
		return false;
	m = (unsigned)_mm_movemask_epi8(sp);
	if (m & (m << 1))
		return false;
	_mm_storeu_si128((__m128i *)(void *)out, lo);
	return true;
}
#endif

int
tag_fold_into(const char *s, size_t n, char *dst, size_t cap)
{
	const unsigned char *tab = byte_fold;
	size_t len = 0;
	bool gap = false;
	char f[FOLD_MAX];
	size_t fn;

	/* tag_fold's loop, into a fixed array: callers that only hash the
	 * result (paragraph fingerprints, one per paragraph of every
	 * article) skip the heap. */
	if (cap == 0 || cap > INT_MAX)
		return -1;
	/* A word or a name of plain ASCII words one space apart (the
	 * entity look-ups fold a few hundred of them per article) is its
	 * own fold in lower case: one pass, no state. Anything else goes
	 * the general way, from the start. */
	if (n > 0 && n <= TAG_FOLD_SHORT && n < cap && s[0] != ' ' &&
	    s[n - 1] != ' ') {
		size_t i;

		for (i = 0; i < n; i++) {
			unsigned char a = tab[(unsigned char)s[i]];

			if (a >= '0')
				dst[i] = (char)a;
			else if (s[i] == ' ' && s[i - 1] != ' ')
				dst[i] = ' ';
			else
				break;
		}
		if (i == n) {
			dst[n] = '\0';
			return (int)n;
		}
	}
	for (size_t i = 0; i < n;) {
		unsigned char a;
		uint64_t blk;

		/* Runs of plain words (most of a paragraph's text) go eight
		 * bytes at a time when they fit, the room for the gap
		 * before them and the NUL kept; the byte loop below gives
		 * the same bytes. */
#if defined(__SSE2__)
		while (n - i >= 16 && cap - len >= 18 &&
		    fold_block16(s + i, !gap && len > 0, dst + len + (gap &&
		    len > 0))) {
			if (gap && len > 0)
				dst[len++] = ' ';
			gap = s[i + 15] == ' ';
			len += 16 - gap;
			i += 16;
		}
#endif
		while (n - i >= 8 && cap - len >= 10 &&
		    fold_block8(s + i, !gap && len > 0, &blk)) {
			if (gap && len > 0)
				dst[len++] = ' ';
			memcpy(dst + len, &blk, 8);
			/* A last space is a gap: written, but not counted
			 * (the next word's gap or the NUL goes there). */
			gap = s[i + 7] == ' ';
			len += 8 - gap;
			i += 8;
		}
		if (i >= n)
			break;
		a = tab[(unsigned char)s[i]];
		if (a == 0) {
			gap = true;
			i++;
			continue;
		}
		if (a == FOLD_APOS) {
			i++;
			continue;
		}
		if (a != FOLD_HIGH) {
			/* An ASCII word: its bytes run until a byte that is
			 * not, or until the room (the NUL kept) runs out. */
			size_t end;

			if (gap && len > 0) {
				if (len + 2 > cap)
					return -1;
				dst[len++] = ' ';
			}
			gap = false;
			end = n - i < cap - 1 - len ? n : i + (cap - 1 - len);
			while (i < end && (a = tab[(unsigned char)s[i]]) >= '0') {
				dst[len++] = (char)a;
				i++;
			}
			if (i == end && i < n && tab[(unsigned char)s[i]] >= '0')
				return -1;
			continue;
		}
		uint32_t cp;
		i += next_cp(s + i, n - i, &cp);
		switch (fold_one(cp, f, &fn)) {
		case FOLD_SEP:
			gap = true;
			break;
		case FOLD_SKIP:
			break;
		case FOLD_WORD:
			if (len + (gap && len > 0) + fn + 1 > cap)
				return -1;
			if (gap && len > 0)
				dst[len++] = ' ';
			gap = false;
			memcpy(dst + len, f, fn);
			len += fn;
			break;
		}
	}
	dst[len] = '\0';
	return (int)len;
}

static bool
ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

static const char *const en_keep[] = {
	"news", "means", "series", "species", "lens", "physics", "economics",
	"politics", "athletics", "ethics", "mathematics", "gymnastics",
	"always", "perhaps", "whereas", "christmas", "texas", "atlas",
	"wales", "vegas", "thanks", "its", "ios", "aids", "mumps", "measles",
	"diabetes", "rabies", "herpes", "shingles",
};

enum lang_rule { RULE_EN, RULE_ROMANCE, RULE_DE, RULE_NONE };

static enum lang_rule
rule_for(const char *lang)
{
	if (!lang || !*lang)
		return RULE_EN;
	if (strncasecmp(lang, "en", 2) == 0)
		return RULE_EN;
	if (strncasecmp(lang, "fr", 2) == 0 || strncasecmp(lang, "es", 2) == 0 ||
	    strncasecmp(lang, "pt", 2) == 0 || strncasecmp(lang, "it", 2) == 0)
		return RULE_ROMANCE;
	if (strncasecmp(lang, "de", 2) == 0)
		return RULE_DE;
	return RULE_NONE;
}

size_t
tag_singular(char *w, size_t n, const char *lang)
{
	switch (rule_for(lang)) {
	case RULE_NONE:
		return n;
	case RULE_ROMANCE:
		if (n >= 4 && (w[n - 1] == 's' || w[n - 1] == 'x') &&
		    w[n - 2] != 's')
			return n - 1;
		return n;
	case RULE_DE:
		if (n >= 5 && ends(w, n, "en"))
			return n - 2;
		if (n >= 4 && (w[n - 1] == 'e' || w[n - 1] == 's') &&
		    w[n - 2] != 's')
			return n - 1;
		return n;
	case RULE_EN:
		break;
	}
	for (size_t i = 0; i < ARRAY_LEN(en_keep); i++)
		if (en_keep[i][0] == w[0] && strncmp(en_keep[i], w, n) == 0 &&
		    en_keep[i][n] == '\0')
			return n;
	if (n >= 4 && ends(w, n, "ies")) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (n >= 3 && ends(w, n, "ie")) {
		w[n - 2] = 'y';
		return n - 1;
	}
	if (n < 4 || w[n - 1] != 's')
		return n;
	if (ends(w, n, "ss") || ends(w, n, "us") || ends(w, n, "is"))
		return n;
	if (ends(w, n, "es")) {
		size_t m = n - 2;
		if (ends(w, m, "ss") || ends(w, m, "us") || ends(w, m, "x") ||
		    ends(w, m, "ch") || ends(w, m, "sh") || ends(w, m, "zz"))
			return m;
	}
	return n - 1;
}

/* Turn folded words (single spaces) in b from offset start into a key:
 * singular last word, spaces removed. */
static void
finish_key(struct buf *b, size_t start, const char *lang)
{
	char *p = b->p + start;
	size_t n = b->len - start, last = 0, w = 0;

	if (!b->p)
		return;
	for (size_t i = 0; i < n; i++)
		if (p[i] == ' ')
			last = i + 1;
	n = last + tag_singular(p + last, n - last, lang);
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ')
			p[w++] = p[i];
	buf_truncate(b, start + w);
}

int
tag_key(const char *s, size_t n, const char *lang, struct buf *out)
{
	int rc;

	buf_reset(out);
	if (n > TAG_MAX_BYTES)
		return ERR_TOOBIG;
	if ((rc = tag_fold(s, n, out)) < 0)
		return rc;
	finish_key(out, 0, lang);
	return 0;
}

/* ---- the index ---- */

struct tag_keyinfo {
	uint32_t count;     /* uses as a publisher tag */
	int32_t best;       /* spelling id of the display form, -1 if none */
	uint32_t tried;     /* keys there were when it was last split */
	uint16_t n_spell;
	bool known;         /* declared through tag_index_add_known */
};

struct tag_spelling {
	uint32_t key;
	uint32_t count;
	uint8_t rank;       /* capitalisation preference, higher wins */
};

struct tag_index {
	struct nlp_strtab keys;
	struct tag_keyinfo *ki;
	size_t ki_cap;
	struct nlp_strtab spell;   /* 4-byte key id + spelling */
	struct tag_spelling *sp;
	size_t sp_cap;
	size_t max_key_len;
	struct buf scratch;
	struct buf norm;
};

struct tag_index *
tag_index_new(void)
{
	struct tag_index *ix = calloc(1, sizeof(*ix));

	if (!ix)
		return NULL;
	nlp_strtab_init(&ix->keys, 0);
	nlp_strtab_init(&ix->spell, 0);
	buf_init(&ix->scratch, 0);
	buf_init(&ix->norm, 0);
	return ix;
}

void
tag_index_free(struct tag_index *ix)
{
	if (!ix)
		return;
	nlp_strtab_release(&ix->keys);
	nlp_strtab_release(&ix->spell);
	free(ix->ki);
	free(ix->sp);
	buf_release(&ix->scratch);
	buf_release(&ix->norm);
	free(ix);
}

static bool
cp_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool
cp_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* 2: capitalised (or a short all-capital acronym), 1: lower case or
 * uncased, 0: a shouted all-capital phrase. */
static uint8_t
spelling_rank(const char *s, size_t n)
{
	size_t letters = 0, lowers = 0;
	int first = -1;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += next_cp(s + i, n - i, &cp);
		bool up = cp_upper(cp), lo = cp_lower(cp);
		if (up || lo) {
			letters++;
			if (lo)
				lowers++;
			if (first < 0)
				first = up;
		}
	}
	if (first != 1)
		return 1;
	if (lowers == 0 && letters > 5)
		return 0;
	return 2;
}

static bool
spelling_better(const struct tag_index *ix, uint32_t a, uint32_t b)
{
	const struct tag_spelling *x = &ix->sp[a], *y = &ix->sp[b];

	if (x->count != y->count)
		return x->count > y->count;
	if (x->rank != y->rank)
		return x->rank > y->rank;
	return strcmp(nlp_strtab_key(&ix->spell, a, NULL) + 4,
	    nlp_strtab_key(&ix->spell, b, NULL) + 4) < 0;
}

/* Trimmed, white space collapsed copy of s in ix->norm. */
static int
normalise_spelling(struct tag_index *ix, const char *s, size_t n)
{
	bool gap = false;
	int rc;

	buf_reset(&ix->norm);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			gap = true;
			continue;
		}
		if (gap && ix->norm.len > 0 && (rc = buf_putc(&ix->norm, ' ')) < 0)
			return rc;
		gap = false;
		if ((rc = buf_putc(&ix->norm, c)) < 0)
			return rc;
	}
	return 0;
}

static int
intern_key(struct tag_index *ix, const char *key, size_t kn, uint32_t *id)
{
	bool added;
	int rc = nlp_strtab_intern(&ix->keys, key, kn, id, &added);

	if (rc < 0)
		return rc;
	if (!added)
		return 0;
	if (*id >= ix->ki_cap) {
		size_t nc = ix->ki_cap ? ix->ki_cap * 2 : 64;
		struct tag_keyinfo *ki = realloc(ix->ki, nc * sizeof(*ki));
		if (!ki)
			return ERR_NOMEM; /* the key stays, with no info: harmless */
		ix->ki = ki;
		ix->ki_cap = nc;
	}
	/* A new tag is split (or not) as it arrives, against the keys
	 * known then: its own and those before it. */
	ix->ki[*id] = (struct tag_keyinfo){ 0, -1, *id + 1, 0, false };
	if (kn > ix->max_key_len)
		ix->max_key_len = kn;
	return 0;
}

static int
add_spelling(struct tag_index *ix, uint32_t kid, uint32_t count)
{
	struct tag_keyinfo *k = &ix->ki[kid];
	struct buf *sb = &ix->scratch;
	uint32_t sid;
	bool added;
	int rc;

	buf_reset(sb);
	if ((rc = buf_append(sb, &kid, 4)) < 0 ||
	    (rc = buf_append(sb, ix->norm.p, ix->norm.len)) < 0)
		return rc;
	if (nlp_strtab_find(&ix->spell, sb->p, sb->len) < 0 &&
	    k->n_spell >= TAG_MAX_SPELLINGS)
		return 0;
	if ((rc = nlp_strtab_intern(&ix->spell, sb->p, sb->len, &sid,
	    &added)) < 0)
		return rc;
	if (added) {
		if (sid >= ix->sp_cap) {
			size_t nc = ix->sp_cap ? ix->sp_cap * 2 : 64;
			struct tag_spelling *sp = realloc(ix->sp, nc * sizeof(*sp));
			if (!sp)
				return ERR_NOMEM;
			ix->sp = sp;
			ix->sp_cap = nc;
		}
		ix->sp[sid] = (struct tag_spelling){ kid, 0,
		    spelling_rank(ix->norm.p, ix->norm.len) };
		k->n_spell++;
	}
	ix->sp[sid].count += count;
	if (k->best < 0 || (uint32_t)k->best == sid ||
	    spelling_better(ix, sid, (uint32_t)k->best))
		k->best = (int32_t)sid;
	return 0;
}

static int
add_common(struct tag_index *ix, const char *s, size_t n, const char *lang,
    uint32_t count, bool known)
{
	struct buf key = BUF_INIT;
	uint32_t kid;
	int rc;

	if (!ix || (!s && n))
		return ERR_INVAL;
	if ((rc = tag_key(s, n, lang, &key)) < 0)
		goto out;
	if (key.len == 0)
		goto out;
	if ((rc = intern_key(ix, key.p, key.len, &kid)) < 0)
		goto out;
	if (known)
		ix->ki[kid].known = true;
	else if (UINT32_MAX - ix->ki[kid].count < count)
		ix->ki[kid].count = UINT32_MAX;
	else
		ix->ki[kid].count += count;
	if ((rc = normalise_spelling(ix, s, n)) < 0)
		goto out;
	rc = add_spelling(ix, kid, count);
out:
	buf_release(&key);
	return rc;
}

int
tag_index_add(struct tag_index *ix, const char *s, size_t n,
    const char *lang, uint32_t count)
{
	return add_common(ix, s, n, lang, count, false);
}

int
tag_index_add_known(struct tag_index *ix, const char *s, size_t n,
    const char *lang)
{
	return add_common(ix, s, n, lang, 0, true);
}

static int64_t
find_key(const struct tag_index *ix, const char *key, size_t n)
{
	return ix ? nlp_strtab_find(&ix->keys, key, n) : -1;
}

uint32_t
tag_index_count(const struct tag_index *ix, const char *key)
{
	int64_t id = key ? find_key(ix, key, strlen(key)) : -1;

	return id < 0 ? 0 : ix->ki[id].count;
}

bool
tag_index_known(const struct tag_index *ix, const char *key)
{
	return key && find_key(ix, key, strlen(key)) >= 0;
}

static const char *
display_id(const struct tag_index *ix, int64_t id)
{
	if (id < 0 || ix->ki[id].best < 0)
		return NULL;
	return nlp_strtab_key(&ix->spell, (uint32_t)ix->ki[id].best, NULL) + 4;
}

const char *
tag_index_display(const struct tag_index *ix, const char *key)
{
	return key ? display_id(ix, find_key(ix, key, strlen(key))) : NULL;
}

const char *
tag_index_display_of(const struct tag_index *ix, const char *s, size_t n,
    const char *lang)
{
	struct buf key = BUF_INIT;
	const char *d = NULL;

	if (ix && tag_key(s, n, lang, &key) == 0 && key.len)
		d = display_id(ix, find_key(ix, key.p, key.len));
	buf_release(&key);
	return d;
}

size_t
tag_index_size(const struct tag_index *ix)
{
	return ix ? ix->keys.n : 0;
}

/* ---- splitting ---- */

struct split_cp {
	uint16_t off;      /* byte offset in the input */
	uint16_t foff;     /* offset of its folded bytes */
	uint8_t fn;        /* folded length */
	uint8_t kind;      /* enum fold_kind */
	bool upper, lower;
};

#define SPLIT_MAX_CPS TAG_SPLIT_MAX_BYTES
#define COST_PIECE 1000
#define BONUS_NATURAL 10

/* Key of the folded bytes raw (no spaces; the last word starts at lw)
 * into kb: the same as finish_key on the spaced form. */
static int
raw_key(const char *raw, size_t n, size_t lw, const char *lang,
    struct buf *kb)
{
	int rc;

	buf_reset(kb);
	if ((rc = buf_append(kb, raw, n)) < 0)
		return rc;
	buf_truncate(kb, lw + tag_singular(kb->p + lw, n - lw, lang));
	return 0;
}

static bool
list_separator(char c)
{
	return c == ',' || c == ';' || c == '/' || c == '|';
}
int
tag_index_split(const struct tag_index *ix, const char *s, size_t n,
    const char *lang, struct tag_split *out)
{
	struct split_cp *cp = NULL;
	char *fold = NULL, *raw = NULL;
	int32_t *cost = NULL, *prev = NULL;
	uint32_t *pcount = NULL;
	struct buf kb = BUF_INIT;
	struct tag_split tmp;
	size_t m = 0, flen = 0, letters = 0, np = 0;
	bool glued = false, punct = false;
	uint32_t min_count = UINT32_MAX;
	int64_t whole;
	int rc = 0;

	out->n = 0;
	if (!ix || !s || n == 0 || n > TAG_SPLIT_MAX_BYTES || ix->keys.n < 2)
		return 0;
	cp = calloc(n + 1, sizeof(*cp));
	fold = malloc(n * FOLD_MAX + 1);
	raw = malloc(n * FOLD_MAX + 1);
	cost = malloc((n + 1) * sizeof(*cost));
	prev = malloc((n + 1) * sizeof(*prev));
	pcount = malloc((n + 1) * sizeof(*pcount));
	if (!cp || !fold || !raw || !cost || !prev || !pcount) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = next_cp(s + i, n - i, &c), fn;
		cp[m].off = (uint16_t)i;
		cp[m].foff = (uint16_t)flen;
		cp[m].kind = (uint8_t)fold_one(c, fold + flen, &fn);
		cp[m].fn = (uint8_t)fn;
		cp[m].upper = cp_upper(c);
		cp[m].lower = cp_lower(c);
		flen += fn;
		m++;
		i += k;
	}
	cp[m].off = (uint16_t)n;

	/* An established tag that shows no sign of gluing stays whole, at
	 * the cost of one lookup. */
	{
		bool sign = false;
		for (size_t i = 1; i < m && !sign; i++)
			sign = (cp[i - 1].lower && cp[i].upper) ||
			    (cp[i].kind == FOLD_SEP && list_separator(s[cp[i].off]));
		if ((rc = tag_key(s, n, lang, &kb)) < 0)
			goto out;
		whole = find_key(ix, kb.p, kb.len);
		/* Fast paths: a known name, or a short tag that shows no sign
		 * of gluing and is used as a tag in its own right. */
		if (whole >= 0 && ix->ki[whole].known)
			goto out;
		if (!sign && whole >= 0 && ix->ki[whole].count >= 2 &&
		    kb.len <= TAG_SPLIT_SHORT)
			goto out;
	}

	/* cost[i]: cheapest split of code points [0, i); INT32_MAX: none. */
	for (size_t i = 0; i <= m; i++)
		cost[i] = INT32_MAX;
	cost[0] = 0;
	for (size_t i = 0; i < m; i++) {
		size_t rn = 0, lw = 0;
		bool gap = false;
		if (cost[i] == INT32_MAX)
			continue;
		int32_t bonus = 0;
		if (i > 0 && ((cp[i - 1].lower && cp[i].upper) ||
		    cp[i - 1].kind == FOLD_SEP))
			bonus = BONUS_NATURAL;
		letters = 0;
		for (size_t j = i + 1; j <= m; j++) {
			const struct split_cp *q = &cp[j - 1];
			if (q->kind == FOLD_SEP) {
				gap = true;
			} else if (q->kind == FOLD_WORD) {
				if (gap && rn)
					lw = rn;
				gap = false;
				memcpy(raw + rn, fold + q->foff, q->fn);
				rn += q->fn;
				letters++;
			}
			if (rn > ix->max_key_len + 8)
				break;
			if (i == 0 && j == m)
				break; /* the whole string is not a split */
			if (letters < TAG_SPLIT_MIN_PIECE)
				continue;
			if ((rc = raw_key(raw, rn, lw, lang, &kb)) < 0)
				goto out;
			int64_t id = find_key(ix, kb.p, kb.len);
			/* A key that is neither a tag nor a name (a glued
			 * string split since) is no piece. */
			if (id < 0 || (ix->ki[id].count == 0 &&
			    !ix->ki[id].known))
				continue;
			int32_t c = cost[i] + COST_PIECE - bonus;
			if (c < cost[j]) {
				cost[j] = c;
				prev[j] = (int32_t)i;
				pcount[j] = ix->ki[id].known ? UINT32_MAX :
				    ix->ki[id].count;
			}
		}
	}
	if (cost[m] == INT32_MAX)
		goto out;

	/* Walk back, collect pieces, and decide whether the split is real. */
	for (size_t j = m; j > 0; j = (size_t)prev[j]) {
		if (np == TAG_SPLIT_MAX_PIECES)
			goto out;
		size_t i = (size_t)prev[j];
		if (i > 0) {
			if (cp[i - 1].kind == FOLD_WORD && cp[i].kind == FOLD_WORD)
				glued = true;
			for (size_t k = i; k-- > 0 && cp[k].kind != FOLD_WORD;)
				if (list_separator(s[cp[k].off]))
					punct = true;
			for (size_t k = i; k < j && cp[k].kind != FOLD_WORD; k++)
				if (list_separator(s[cp[k].off]))
					punct = true;
		}
		if (pcount[j] < min_count)
			min_count = pcount[j];
		/* Trim separators at both ends of the piece. */
		size_t a = i, b = j;
		while (a < b && cp[a].kind != FOLD_WORD)
			a++;
		while (b > a && cp[b - 1].kind != FOLD_WORD)
			b--;
		tmp.piece[np].off = cp[a].off;
		tmp.piece[np].len = (size_t)cp[b].off - cp[a].off;
		np++;
	}
	if (np < 2)
		goto out;
	if (whole >= 0) {
		/* A tag in its own right: only a glued one used less often than
		 * each of its pieces is split. */
		if (ix->ki[whole].known || !glued ||
		    min_count < ix->ki[whole].count)
			goto out;
	} else if (!glued && !punct) {
		goto out; /* an unknown multi-word tag, not a glued list */
	}
	for (size_t k = 0; k < np; k++)
		out->piece[k] = tmp.piece[np - 1 - k];
	out->n = np;
out:
	buf_release(&kb);
	free(cp);
	free(fold);
	free(raw);
	free(cost);
	free(prev);
	free(pcount);
	return rc;
}

/* Is some proper prefix (from_end false) or suffix of key (n bytes) of at
 * least TAG_SPLIT_MIN_PIECE bytes a key of the index? A glued tag begins
 * and ends with known pieces. */
static bool
known_edge(const struct tag_index *ix, const char *key, size_t n,
    bool from_end)
{
	for (size_t k = TAG_SPLIT_MIN_PIECE; k + TAG_SPLIT_MIN_PIECE <= n;
	    k++) {
		if (k > ix->max_key_len)
			break;
		if (find_key(ix, from_end ? key + n - k : key, k) >= 0)
			return true;
	}
	return false;
}

int
tag_index_resplit(struct tag_index *ix, const char *lang,
    int (*fn)(void *arg, const char *key, const char *display,
    const struct tag_split *sp), void *arg)
{
	uint32_t n_keys;
	int rc = 0;

	if (!ix || !fn)
		return ERR_INVAL;
	n_keys = (uint32_t)ix->keys.n;
	for (uint32_t id = 0; id < n_keys && rc == 0; id++) {
		struct tag_keyinfo *k = &ix->ki[id];
		struct tag_split sp;
		size_t kn;
		const char *key, *disp;

		if (k->tried >= n_keys || k->count == 0 || k->known)
			continue;
		k->tried = n_keys;
		key = nlp_strtab_key(&ix->keys, id, &kn);
		if (kn < 2 * TAG_SPLIT_MIN_PIECE || !known_edge(ix, key, kn,
		    false) || !known_edge(ix, key, kn, true))
			continue;
		if ((disp = display_id(ix, id)) == NULL ||
		    (rc = tag_index_split(ix, disp, strlen(disp), lang,
		    &sp)) != 0 || sp.n < 2)
			continue;
		if ((rc = fn(arg, key, disp, &sp)) == 0)
			ix->ki[id].count = 0; /* its uses are its pieces' now */
		else if (rc > 0)
			rc = 0;
	}
	return rc;
}
