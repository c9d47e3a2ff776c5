/*
 * text/sentence.c: sentence boundaries in news text (see sentence.h).
 *
 * One pass over each paragraph. At every candidate terminator the
 * decision looks at the word before it (is it a title, an initial, a
 * known abbreviation, a dotted abbreviation?) and at the next word (is it
 * capitalised, a function word, a number?). Word lists are small, sorted
 * and case-sensitive, because "Gen." and "gen." or "No." and "no." mean
 * different things.
 */
#include "base/common.h"

#include "text/sentence.h"
#include "text/text.h"
#include "text/text_int.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Words after which a period never ends a sentence: they precede a name.
 * Both lists are sorted by bytes (in_list searches them). */
static const char *const titles[] = {
	"Adm", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dr", "Dra", "Fr",
	"Gen", "Gov", "Hon", "Hr", "Insp", "Lt", "Maj", "Messrs", "Mlle",
	"Mlles", "Mme", "Mmes", "Mr", "Mrs", "Ms", "Msgr", "Pr", "Pres",
	"Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Sr",
	"Sra", "Sras", "Srta", "Supt", "Ud", "Uds",
};

/* Abbreviations that may end a sentence: the period ends one only when a
 * capitalised function word follows. Lower-case entries match
 * lower-case words only. */
static const char *const abbrevs[] = {
	"Abs", "Apr", "Art", "Aug", "Av", "Ave", "Blvd", "Bros", "Co", "Corp",
	"Dec", "Dept", "Dez", "Do", "Feb", "Fig", "Fri", "Inc", "Jan", "Jh",
	"Jr", "Jul", "Jun", "Ltd", "Mar", "Mio", "Mon", "Mrd", "Mt", "No",
	"Nos", "Nov", "Nr", "Oct", "Okt", "Pl", "Plc", "Rd", "Sat", "Sep",
	"Sept", "St", "Ste", "Str", "Sun", "Thu", "Tue", "Vol", "Wed",
	"approx", "av", "bd", "bzw", "ca", "cf", "dept", "env", "est", "etc",
	"evtl", "ggf", "inkl", "min", "mio", "mrd", "nr", "num", "p", "pp",
	"resp", "usw", "vgl", "vol", "vs",
};

/* Closing punctuation that may follow a terminator. */
static bool
is_closer(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	    cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == 0x300D ||
	    cp == 0x300F || cp == 0x203A;
}

/* Opening punctuation that may start a sentence. */
static bool
is_opener(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
	    cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0xBF ||
	    cp == 0xA1 || cp == 0x2039 || cp == 0x201E || cp == 0x2014 ||
	    cp == 0x2013 || cp == '-';
}

static bool
is_terminator(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
	    cp == 0x61F || cp == 0x6D4 || cp == 0x203C || cp == 0x2047 ||
	    cp == 0x2048 || cp == 0x2049;
}

/* Full-width stops of CJK text, which has no spaces after them. */
static bool
is_cjk_terminator(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E;
}

/* Is w (wn bytes) in list (n entries, sorted by bytes)? A binary search:
 * this runs at every period of every text. */
static bool
in_list(const char *const *list, size_t n, const char *w, size_t wn)
{
	size_t lo = 0, hi = n;

	/* The list is sorted by bytes, so every entry's first byte lies
	 * between the first and the last entry's: most words before a
	 * period (in lower case, for the titles) are out at once. */
	if (n == 0 || wn == 0 || (unsigned char)w[0] <
	    (unsigned char)list[0][0] || (unsigned char)w[0] >
	    (unsigned char)list[n - 1][0])
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = 0;
		const unsigned char *x = (const unsigned char *)list[mid];
		int c;

		while (i < wn && x[i] != '\0' && x[i] == (unsigned char)w[i])
			i++;
		if (i == wn)
			c = x[i] == '\0' ? 0 : 1;
		else if (x[i] == '\0')
			c = -1;
		else
			c = x[i] < (unsigned char)w[i] ? -1 : 1;
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* text_decode and text_cc, with ASCII answered here: the helpers below
 * run at every terminator and at both edges of every sentence, and a
 * call per character cost more than its test. */
static inline size_t
decode_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	return text_decode(s, n, i, cp);
}

static inline enum text_cc
cc_of(uint32_t cp)
{
	if (cp < 0x80) {
		if ((unsigned)((cp | 0x20) - 'a') < 26u)
			return TEXT_CC_LETTER;
		if ((unsigned)(cp - '0') < 10u)
			return TEXT_CC_DIGIT;
		if (cp == ' ' || (cp >= 9 && cp <= 13))
			return TEXT_CC_SPACE;
		return TEXT_CC_OTHER;
	}
	return text_cc(cp);
}

static bool
is_space_at(const char *s, size_t n, size_t i, size_t *k)
{
	uint32_t cp;

	*k = decode_at(s, n, i, &cp);
	return cc_of(cp) == TEXT_CC_SPACE;
}

/* Where the word before a period at end starts: letters, marks and
 * inner periods ("U.S", "z.B", "Ph.D"). */
static size_t
word_before(const char *s, size_t start, size_t end)
{
	size_t i = end;

	while (i > start) {
		size_t j = i - 1;
		unsigned char c = (unsigned char)s[j];
		uint32_t cp;
		enum text_cc cc;

		/* ASCII, most words, byte by byte. */
		if (c < 0x80) {
			if ((unsigned)((c | 0x20) - 'a') >= 26u &&
			    (unsigned)(c - '0') >= 10u && c != '.')
				break;
			i = j;
			continue;
		}
		while (j > start && ((unsigned char)s[j] & 0xC0) == 0x80)
			j--;
		decode_at(s, end, j, &cp);
		cc = cc_of(cp);
		if (cc != TEXT_CC_LETTER && cc != TEXT_CC_MARK &&
		    cc != TEXT_CC_DIGIT && cp != '.')
			break;
		i = j;
	}
	return i;
}

enum next_kind { NX_END, NX_LOWER, NX_UPPER, NX_CASELESS, NX_DIGIT,
	NX_OTHER };

struct next_word {
	enum next_kind kind;
	/* Whether an NX_UPPER word is a function word or an initial is
	 * found only when a rule asks (next_details): most periods are
	 * decided without it, and the look-up cost more than the rest of
	 * the decision. Where the word starts (i, its first character k
	 * bytes) in s (n bytes), and the stop list to ask. */
	const char *s;
	size_t n, i, k;
	const struct text_stoplist *sw;
	bool detailed;  /* stop and initial are set */
	bool stop;      /* a capitalised function word */
	bool initial;   /* a single letter followed by '.' */
};

/* sw: the stop list that tells function words (the text's, else
 * English), or NULL. */
static void
look_ahead(const char *s, size_t n, size_t i,
    const struct text_stoplist *sw, struct next_word *nw)
{
	uint32_t cp;
	size_t k;

	nw->kind = NX_END;
	nw->detailed = true;
	nw->stop = false;
	nw->initial = false;
	while (i < n) {
		k = decode_at(s, n, i, &cp);
		if (!is_opener(cp) && cc_of(cp) != TEXT_CC_SPACE)
			break;
		i += k;
	}
	if (i >= n)
		return;
	k = decode_at(s, n, i, &cp);
	switch (cc_of(cp)) {
	case TEXT_CC_DIGIT:
		nw->kind = NX_DIGIT;
		return;
	case TEXT_CC_CJK:
		nw->kind = NX_CASELESS;
		return;
	case TEXT_CC_LETTER:
		break;
	default:
		nw->kind = NX_OTHER;
		return;
	}
	if (text_cp_lower(cp)) {
		nw->kind = NX_LOWER;
		return;
	}
	nw->kind = text_cp_upper(cp) ? NX_UPPER : NX_CASELESS;
	if (nw->kind == NX_CASELESS)
		return;
	nw->s = s;
	nw->n = n;
	nw->i = i;
	nw->k = k;
	nw->sw = sw;
	nw->detailed = false;
}

/* Fill in nw->stop and nw->initial (see struct next_word). */
static void
next_details(struct next_word *nw)
{
	struct text_iter it;
	struct text_tok tok;
	char f[TEXT_WORD_MAX + 8];
	int m;

	if (nw->detailed)
		return;
	nw->detailed = true;
	text_iter_init(&it, nw->s + nw->i, nw->n - nw->i);
	if (!text_iter_next(&it, &tok))
		return;
	if (tok.s.n == nw->k && nw->i + nw->k < nw->n &&
	    nw->s[nw->i + nw->k] == '.')
		nw->initial = true;
	m = text_fold_into(tok.s.p, tok.s.n, TEXT_FOLD_CASE | TEXT_FOLD_MARKS,
	    f, sizeof(f));
	if (m > 0)
		nw->stop = nw->sw != NULL && text_stoplist_has(nw->sw, f,
		    (size_t)m);
}


/* French sets guillemets apart with spaces: "Non ! »". Skip white space
 * plus a closing guillemet or curly quote after a terminator. */
static size_t
spaced_closers(const char *s, size_t n, size_t j)
{
	size_t i = j, k;
	uint32_t cp;

	while (i < n && is_space_at(s, n, i, &k))
		i += k;
	if (i >= n || i == j)
		return j;
	k = decode_at(s, n, i, &cp);
	if (cp != 0xBB && cp != 0x201D && cp != 0x203A)
		return j;
	return i + k;
}

/* Does a single period after the word w (wn bytes) end the sentence,
 * given what follows? */
static bool
period_breaks(const char *w, size_t wn, struct next_word *nw,
    const char code[3])
{
	bool digits = true, dotted = false;
	size_t i, cps = 0;

	if (nw->kind == NX_END)
		return true;
	if (wn == 0)
		return true;
	for (i = 0; i < wn; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c == '.')
			dotted = true;
		if (c < '0' || c > '9')
			digits = false;
		if ((c & 0xC0) != 0x80)
			cps++;
	}
	if (digits) {
		/* German writes ordinals with a period: "am 3. Oktober". */
		if (!(memcmp(code, "de", 3) == 0 && wn <= 2 &&
		    nw->kind == NX_UPPER))
			return true;
		next_details(nw);
		return nw->stop;
	}
	if (in_list(titles, ARRAY_LEN(titles), w, wn))
		return false;
	if (memcmp(code, "fr", 3) == 0 && ((wn == 1 && w[0] == 'M') ||
	    (wn == 2 && w[0] == 'M' && w[1] == 'M')))
		return false;
	if (nw->kind == NX_DIGIT && (dotted || cps == 1 ||
	    in_list(abbrevs, ARRAY_LEN(abbrevs), w, wn)))
		return false;
	/* German street names: "Hauptstr. 12". */
	if (memcmp(code, "de", 3) == 0 && wn > 3 &&
	    memcmp(w + wn - 3, "str", 3) == 0 && nw->kind == NX_DIGIT)
		return false;
	if (dotted || cps == 1 || in_list(abbrevs, ARRAY_LEN(abbrevs), w, wn)) {
		if (nw->kind != NX_UPPER)
			return false;
		next_details(nw);
		return nw->stop && !nw->initial;
	}
	return true;
}

static int
push(struct text_sentences *l, const char *s, size_t a, size_t b,
    uint32_t para, uint32_t *in_para)
{
	size_t max = l->max ? l->max : TEXT_SENTENCES_MAX, k, i;
	bool content = false;
	uint32_t cp;

	while (a < b && is_space_at(s, b, a, &k))
		a += k;
	while (b > a) {
		size_t j = b - 1;

		while (j > a && ((unsigned char)s[j] & 0xC0) == 0x80)
			j--;
		if (!is_space_at(s, b, j, &k))
			break;
		b = j;
	}
	for (i = a; i < b && !content; i += k) {
		enum text_cc cc;

		k = decode_at(s, b, i, &cp);
		cc = cc_of(cp);
		content = cc == TEXT_CC_LETTER || cc == TEXT_CC_DIGIT ||
		    cc == TEXT_CC_CJK;
	}
	if (!content)
		return 0;
	if (l->n >= max)
		return ERR_TOOBIG;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct text_sentence *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].off = a;
	l->v[l->n].len = b - a;
	l->v[l->n].para = para;
	l->v[l->n].in_para = (*in_para)++;
	l->n++;
	return 0;
}

/* Bytes that may be (part of) a terminator: . ! ? and every byte of a
 * multi-byte character. */
#define MAY_END8(c) [c] = true, [c + 1] = true, [c + 2] = true, \
	[c + 3] = true, [c + 4] = true, [c + 5] = true, [c + 6] = true, \
	[c + 7] = true
#define MAY_END64(c) MAY_END8(c), MAY_END8(c + 8), MAY_END8(c + 16), \
	MAY_END8(c + 24), MAY_END8(c + 32), MAY_END8(c + 40), \
	MAY_END8(c + 48), MAY_END8(c + 56)
static const bool may_end[256] = {
	['.'] = true, ['!'] = true, ['?'] = true,
	MAY_END64(0x80), MAY_END64(0xC0),
};

/* Bytes repeated in every lane of a word, and the classic test for a
 * zero lane (exact: non-zero iff some byte of v is 0). */
#define LANES(c) ((uint64_t)(c) * 0x0101010101010101ULL)
#define HAS_ZERO(v) (((v) - LANES(1)) & ~(v) & LANES(0x80))

/* The first byte at or after i (before b) that may_end, else b. A
 * sentence is mostly bytes that may not, and this scan ran over every
 * byte of every text one at a time: with SSE2 it takes sixteen a step
 * and lands on the byte from the mask, else eight a step while none of
 * them may. */
static size_t
skip_plain(const char *s, size_t i, size_t b)
{
#if defined(__SSE2__)
	const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
	    query = _mm_set1_epi8('?');

	while (b - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		/* A byte's top bit: set from 0x80 up, and in the lanes
		 * equal to a terminator. */
		__m128i hit = _mm_or_si128(_mm_or_si128(x,
		    _mm_cmpeq_epi8(x, dot)), _mm_or_si128(_mm_cmpeq_epi8(x,
		    bang), _mm_cmpeq_epi8(x, query)));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (b - i >= 8) {
		uint64_t x;

		memcpy(&x, s + i, 8);
		if ((x & LANES(0x80)) || HAS_ZERO(x ^ LANES('.')) ||
		    HAS_ZERO(x ^ LANES('!')) || HAS_ZERO(x ^ LANES('?')))
			break;
		i += 8;
	}
	while (i < b && !may_end[(unsigned char)s[i]])
		i++;
	return i;
}

/* A dash after a space that ends a dateline: " - ", " -- ", " \xe2\x80\x94",
 * " \xe2\x80\x93"; its length from the space (0: none). */
static size_t
dateline_dash(const char *s, size_t n, size_t i)
{
	if (i + 1 >= n || s[i] != ' ')
		return 0;
	if (s[i + 1] == '-')
		return i + 2 < n && s[i + 2] == '-' ? 3 : 2;
	if (i + 3 < n && ((unsigned char)s[i + 1] == 0xE2 &&
	    (unsigned char)s[i + 2] == 0x80 &&
	    ((unsigned char)s[i + 3] == 0x94 ||
	    (unsigned char)s[i + 3] == 0x93)))
		return 4;
	return 0;
}

size_t
text_dateline_len(const char *s, size_t n)
{
	size_t i, caps = 0, lim = n < TEXT_DATELINE_MAX ? n :
	    TEXT_DATELINE_MAX;
	bool comma = false, paren = false;

	for (i = 0; i < lim && ((s[i] >= 'A' && s[i] <= 'Z') ||
	    (unsigned char)s[i] >= 0x80); i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			caps++;
	if (caps < 2 || i >= lim || (s[i] != ' ' && s[i] != ',' &&
	    s[i] != '.' && s[i] != '/'))
		return 0;
	for (; i < lim; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t k = paren ? 0 : dateline_dash(s, n, i);

		if (k > 0) {
			i += k;
			while (i < n && s[i] == ' ')
				i++;
			return i < n ? i : 0;
		}
		if (c == '(') {
			paren = true;
			continue;
		}
		if (c == ')') {
			paren = false;
			continue;
		}
		if (c == ',')
			comma = true;
		/* A word in lower case before any comma is prose ("NASA
		 * said ..."); after one it may be a month ("3 mars"). */
		if (c >= 'a' && c <= 'z' && !paren && !comma && i > 0 &&
		    (s[i - 1] == ' ' || s[i - 1] == '/'))
			return 0;
		if (!(c >= 0x80 || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == ' ' || c == ',' || c == '.' || c == '/' ||
		    c == '\'' || c == '-' || c == '&'))
			return 0;
	}
	return 0;
}

static int
split_para(const char *s, size_t a, size_t b, const char code[3],
    const struct text_stoplist *sw, struct text_sentences *l, uint32_t para)
{
	size_t i = a, start = a, j, k;
	uint32_t cp, in_para = 0;
	struct next_word nw;
	bool brk, only_period;
	int rc, dots;
	/* No sentence ends inside a dateline ("ST. PAUL, Minn. - "). A
	 * paragraph after a blank line starts at that line's end: the
	 * dateline is looked for after the white space. */
	size_t lead = a, dl;

	while (lead < b && (s[lead] == '\n' || s[lead] == '\r' ||
	    s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	dl = lead < b && s[lead] >= 'A' && s[lead] <= 'Z' ?
	    lead + text_dateline_len(s + lead, b - lead) : a;

	while (i < b) {
		unsigned char c = (unsigned char)s[i];

		/* Most bytes are plain ASCII that cannot end anything. */
		if (!may_end[c]) {
			i = skip_plain(s, i + 1, b);
			continue;
		}
		k = decode_at(s, b, i, &cp);
		if (is_cjk_terminator(cp)) {
			for (j = i + k; j < b; j += k) {
				k = decode_at(s, b, j, &cp);
				if (!is_closer(cp))
					break;
			}
			if ((rc = push(l, s, start, j, para, &in_para)) != 0)
				return rc;
			start = i = j;
			continue;
		}
		if (!is_terminator(cp) || i < dl) {
			i += k;
			continue;
		}
		only_period = true;
		dots = 0;
		for (j = i; j < b; j += k) {
			k = decode_at(s, b, j, &cp);
			if (!is_terminator(cp))
				break;
			if (cp == '.')
				dots++;
			else
				only_period = false;
		}
		for (; j < b; j += k) {
			k = decode_at(s, b, j, &cp);
			if (!is_closer(cp))
				break;
		}
		j = spaced_closers(s, b, j);
		if (j < b && !is_space_at(s, b, j, &k)) {
			/* "U.S.A", "example.com", "3.5": not an end. */
			i = j > i ? j : i + 1;
			continue;
		}
		look_ahead(s, b, j, sw, &nw);
		if (nw.kind == NX_END)
			brk = true;
		else if (nw.kind == NX_LOWER)
			brk = false;
		else if (!only_period || dots > 1)
			brk = true;
		else {
			size_t w = word_before(s, start, i);

			/* The word scan stops at the period itself. */
			brk = period_breaks(s + w, i - w, &nw, code);
		}
		if (brk) {
			if ((rc = push(l, s, start, j, para, &in_para)) != 0)
				return rc;
			start = j;
		}
		i = j;
	}
	return push(l, s, start, b, para, &in_para);
}

static bool
has_blank_line(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *nl;

	/* Only what follows a line break matters: jump from one to the
	 * next. */
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		for (p = nl + 1; p < end && (*p == ' ' || *p == '\t' ||
		    *p == '\r'); p++)
			;
		if (p < end && *p == '\n')
			return true;
	}
	return false;
}

void
text_sentences_release(struct text_sentences *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	l->n_paras = 0;
}

int
text_split_sentences(const char *s, size_t n, const char *lang,
    struct text_sentences *l)
{
	const struct text_stoplist *sw = text_stoplist_find(lang);
	/* The language's code for the rules of one language, once per
	 * text rather than at every period ("" for none). */
	char code[3] = "";
	size_t i = 0, para_start = 0, line_end;
	uint32_t para = 0;
	bool lines;
	int rc;

	l->n = 0;
	l->n_paras = 0;
	if (s == NULL)
		return 0;
	(void)text_lang_code(lang, code);
	/* Function words come from the text's stop list, else English's;
	 * found once per text, not at every period. */
	if (sw == NULL || !sw->full)
		sw = text_stoplist_find("en");
	if (sw != NULL && !sw->full)
		sw = NULL;
	lines = !has_blank_line(s, n);
	/* A paragraph ends at a line holding only white space; in a text
	 * without any such line, at every line break. */
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t j;
		bool blank = true;

		line_end = nl ? (size_t)(nl - s) : n;
		for (j = i; j < line_end && blank; j++)
			blank = s[j] == ' ' || s[j] == '\t' || s[j] == '\r' ||
			    s[j] == '\f' || s[j] == '\v';
		if (lines && !blank && i > para_start) {
			size_t before = l->n;

			if ((rc = split_para(s, para_start, i, code, sw, l,
			    para)) != 0)
				goto out;
			if (l->n > before)
				para++;
			para_start = i;
		} else if (blank) {
			size_t before = l->n;

			if ((rc = split_para(s, para_start, i, code, sw, l,
			    para)) != 0)
				goto out;
			if (l->n > before)
				para++;
			para_start = line_end;
		}
		i = line_end + 1;
	}
	{
		size_t before = l->n;

		rc = split_para(s, para_start, n, code, sw, l, para);
		if (l->n > before)
			para++;
	}
out:
	l->n_paras = para;
	return rc;
}
