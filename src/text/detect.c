/*
 * text/detect.c: a compact language detector.
 *
 * Two kinds of evidence, in order. First the script: most scripts belong
 * to one language or a few (Hebrew, Greek, Hangul, kana), and within the
 * Arabic script a handful of letters tell Persian and Urdu from Arabic.
 * Then, for Latin script, the share of words that are stop words of each
 * candidate language: function words make up a third or more of running
 * news text in these languages and differ enough between them. That is
 * far smaller than n-gram models and, for a paragraph or more of news, as
 * good; for a headline it often says "und", which is the honest answer.
 */
#include "base/common.h"

#include "base/utf8.h"
#include "text/text.h"
#include "text/text_int.h"

enum script {
	SC_LATIN, SC_ARABIC, SC_HEBREW, SC_CYRILLIC, SC_GREEK, SC_HAN,
	SC_KANA, SC_HANGUL, SC_THAI, SC_DEVANAGARI, SC_OTHER, SC_COUNT
};

static enum script
script_of(uint32_t cp)
{
	if (cp < 0x250)
		return SC_LATIN;
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return SC_LATIN;
	if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
	    (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
		return SC_ARABIC;
	if (cp >= 0x590 && cp <= 0x5FF)
		return SC_HEBREW;
	if (cp >= 0x400 && cp <= 0x52F)
		return SC_CYRILLIC;
	if (cp >= 0x370 && cp <= 0x3FF)
		return SC_GREEK;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return SC_HAN;
	if (cp >= 0x3040 && cp <= 0x30FF)
		return SC_KANA;
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF))
		return SC_HANGUL;
	if (cp >= 0xE00 && cp <= 0xE7F)
		return SC_THAI;
	if (cp >= 0x900 && cp <= 0x97F)
		return SC_DEVANAGARI;
	return SC_OTHER;
}

/* Letters only Persian uses among the Arabic-script languages we tell
 * apart (peh, tcheh, jeh, gaf, keheh, farsi yeh), letters only Urdu uses
 * (tteh, ddal, rreh, noon ghunna, heh goal, yeh barree), and letters
 * Arabic uses that the other two replace (teh marbuta is shared, so it is
 * not here; arabic kaf and yeh are). */
static int
persian_letter(uint32_t cp)
{
	return cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF ||
	    cp == 0x6A9 || cp == 0x6CC;
}

static int
urdu_letter(uint32_t cp)
{
	return cp == 0x679 || cp == 0x688 || cp == 0x691 || cp == 0x6BA ||
	    cp == 0x6C1 || cp == 0x6D2;
}

static int
arabic_letter(uint32_t cp)
{
	return cp == 0x643 || cp == 0x64A || cp == 0x649 || cp == 0x629;
}

static void
set(struct text_lang_guess *out, const char *lang, double conf)
{
	memcpy(out->lang, lang, strlen(lang) + 1);
	out->confidence = conf < 0 ? 0 : conf > 1 ? 1 : conf;
}

/* Minimum words before the Latin stop-word vote means anything, and
 * enough words to decide (more only costs time). */
#define DETECT_MIN_WORDS 4
#define DETECT_VOTE_WORDS 250
/* Letters counted for the script vote. */
#define DETECT_MAX_LETTERS 4000

/* Detection lists the votes count (text_stoplists has no more). */
#define DETECT_LISTS 16

/* The Latin vote's verdict from the stop-word hits per list
 * (hits[DETECT_LISTS], in text_stoplists order) over words words. */
static void
latin_decide(const size_t *hits, size_t words, struct text_lang_guess *out)
{
	size_t i, best = 0, second = 0;
	double s1, s2, conf;

	for (i = 1; i < text_n_stoplists && i < DETECT_LISTS; i++) {
		if (hits[i] > hits[best]) {
			second = best;
			best = i;
		} else if (i != best && (second == best ||
		    hits[i] > hits[second])) {
			second = i;
		}
	}
	if (best == 0 && second == 0)
		second = 1;
	if (words < DETECT_MIN_WORDS || hits[best] == 0) {
		set(out, "und", 0.1);
		return;
	}
	s1 = (double)hits[best] / (double)words;
	s2 = (double)hits[second] / (double)words;
	/* Confidence grows with the margin over the runner-up, with the
	 * share of stop words (prose has 25% or more) and with length. */
	conf = (s1 - s2) / s1;
	conf *= s1 >= 0.2 ? 1.0 : s1 / 0.2;
	conf *= words >= 30 ? 1.0 : 0.5 + (double)words / 60.0;
	if (conf < 0.2) {
		set(out, "und", conf);
		return;
	}
	set(out, text_stoplists[best].lang, 0.3 + 0.7 * conf);
}

static void
latin_vote(const char *s, size_t n, struct text_lang_guess *out)
{
	size_t hits[DETECT_LISTS] = { 0 }, words = 0, i;
	struct text_iter it;
	struct text_tok tok;
	char w[TEXT_WORD_MAX + 8];
	int m;

	text_iter_init(&it, s, n);
	while (words < DETECT_VOTE_WORDS && text_iter_next(&it, &tok)) {
		if (tok.kind != TEXT_TOK_WORD)
			continue;
		/* Every stop word we list is short. */
		if (tok.s.n > 16) {
			words++;
			continue;
		}
		m = text_fold_into(tok.s.p, tok.s.n, TEXT_FOLD_CASE |
		    TEXT_FOLD_MARKS, w, sizeof(w));
		if (m < 0)
			continue;
		words++;
		{
			size_t len = (size_t)m, k;
			unsigned mask;

			/* French and Italian elide: "l'etat" votes as "l". */
			for (k = 0; k + 1 < len && k < 6; k++) {
				if (w[k] == '\'') {
					len = k;
					break;
				}
			}
			mask = text_stop_langs(w, len);
			for (i = 0; mask != 0 && i < ARRAY_LEN(hits); i++)
				if (mask & (1u << i))
					hits[i]++;
		}
	}
	latin_decide(hits, words, out);
}

void
text_detect_lang(const char *s, size_t n, struct text_lang_guess *out)
{
	size_t counts[SC_COUNT] = { 0 }, letters = 0, i = 0, k, best;
	size_t fa = 0, ur = 0, ar = 0;
	uint32_t cp;
	double share;

	set(out, "und", 0);
	if (s == NULL)
		return;
	if (n > TEXT_DETECT_MAX)
		n = utf8_cut(s, n, TEXT_DETECT_MAX);
	while (i < n && letters < DETECT_MAX_LETTERS) {
		enum text_cc cc;

		k = text_decode(s, n, i, &cp);
		i += k;
		cc = text_cc(cp);
		if (cc != TEXT_CC_LETTER && cc != TEXT_CC_CJK)
			continue;
		letters++;
		counts[script_of(cp)]++;
		fa += persian_letter(cp);
		ur += urdu_letter(cp);
		ar += arabic_letter(cp);
	}
	if (letters == 0)
		return;
	best = 0;
	for (k = 1; k < SC_COUNT; k++)
		if (counts[k] > counts[best])
			best = k;
	/* Japanese mixes kana and Han; any real share of kana decides. */
	if ((counts[SC_KANA] + counts[SC_HAN]) * 2 > letters &&
	    counts[SC_KANA] * 10 > counts[SC_KANA] + counts[SC_HAN]) {
		set(out, "ja", 0.9);
		return;
	}
	share = (double)counts[best] / (double)letters;
	/* A few letters are not evidence. */
	if (letters < 8)
		share *= 0.5;
	switch ((enum script)best) {
	case SC_LATIN:
		latin_vote(s, n, out);
		out->confidence *= share;
		return;
	case SC_ARABIC:
		if (ur > 2 && ur * 4 > ar)
			set(out, "ur", share * 0.8);
		else if (fa > 2 && fa > ar)
			set(out, "fa", share * 0.8);
		else
			set(out, "ar", share * (ar > 0 ? 0.95 : 0.7));
		return;
	case SC_HEBREW:
		set(out, "he", share * 0.9);
		return;
	case SC_CYRILLIC:
		/* Russian is by far the likeliest; others share the
		 * script, so the confidence stays modest. */
		set(out, "ru", share * 0.7);
		return;
	case SC_GREEK:
		set(out, "el", share * 0.95);
		return;
	case SC_HAN:
		set(out, "zh", share * 0.85);
		return;
	case SC_KANA:
		set(out, "ja", share * 0.95);
		return;
	case SC_HANGUL:
		set(out, "ko", share * 0.95);
		return;
	case SC_THAI:
		set(out, "th", share * 0.95);
		return;
	case SC_DEVANAGARI:
		set(out, "hi", share * 0.7);
		return;
	default:
		return;
	}
}

unsigned
text_lang_vote_mask(const char *w, size_t n)
{
	/* Every stop word we list is short. */
	return n <= 16 ? text_stop_langs(w, n) : 0;
}

void
text_lang_vote_word(struct text_lang_vote *v, const char *w, size_t n,
    unsigned mask)
{
	unsigned char c = n > 0 ? (unsigned char)w[0] : 0;
	size_t i;

	/* The first letter decides the script: U+0600-06FF lead with
	 * 0xD8-0xDB, Latin with ASCII or U+00C0-024F (0xC3-0xC9). */
	if (c >= 0xD8 && c <= 0xDB) {
		v->arabic++;
		return;
	}
	if (c >= 0x80 && (c < 0xC3 || c > 0xC9)) {
		v->other++;
		return;
	}
	if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		return; /* a number */
	v->latin++;
	for (i = 0; mask != 0 && i < ARRAY_LEN(v->hits); i++)
		if (mask & (1u << i))
			v->hits[i]++;
}

void
text_lang_vote_result(const struct text_lang_vote *v,
    struct text_lang_guess *out)
{
	size_t hits[DETECT_LISTS] = { 0 }, i;
	size_t words = (size_t)v->latin + v->arabic + v->other;

	set(out, "und", 0);
	if (words == 0)
		return;
	if (v->arabic * 2 > words) {
		set(out, "ar", (double)v->arabic / (double)words);
		return;
	}
	if (v->latin * 2 <= words)
		return;
	for (i = 0; i < ARRAY_LEN(v->hits); i++)
		hits[i] = v->hits[i];
	latin_decide(hits, v->latin, out);
	out->confidence *= (double)v->latin / (double)words;
}
