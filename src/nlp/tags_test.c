/*
 * tags_test.c: canonical tag keys, display forms and glued-tag splitting.
 */
#include "base/common.h"

#include <utf8proc.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "nlp/tags.h"
#include "unit.h"

static char keybuf[256];

static const char *
key(const char *s, const char *lang)
{
	struct buf b = BUF_INIT;

	keybuf[0] = '\0';
	if (tag_key(s, strlen(s), lang, &b) == 0 && b.len < sizeof(keybuf))
		memcpy(keybuf, buf_cstr(&b), b.len + 1);
	buf_release(&b);
	return keybuf;
}

TEST(tags_key_case_punct_space)
{
	CHECK_STR(key("Climate change", NULL), "climatechange");
	CHECK_STR(key("climate-change", NULL), "climatechange");
	CHECK_STR(key("  CLIMATE_CHANGE ", "en"), "climatechange");
	CHECK_STR(key("Climate.Change", NULL), "climatechange");
	CHECK_STR(key("ClimateChange", NULL), "climatechange");
	CHECK_STR(key("Women's rights", NULL), "womensright");
	CHECK_STR(key("Women\xe2\x80\x99s rights", NULL), "womensright");
	CHECK_STR(key("--", NULL), "");
	CHECK_STR(key("", NULL), "");
}

TEST(tags_key_diacritics)
{
	CHECK_STR(key("Z\xc3\xbcrich", NULL), "zurich");
	CHECK_STR(key("ZURICH", NULL), "zurich");
	CHECK_STR(key("Stra\xc3\x9f" "e", "de"), key("STRASSE", "de"));
	CHECK_STR(key("gr\xc3\xa8ve", "fr"), "greve");
	CHECK_STR(key("Gr\xc3\xa8ves", "fr"), "greve");
	/* Combining accent (e + U+0301) folds like the precomposed form. */
	CHECK_STR(key("Caf" "e\xcc\x81", NULL), "cafe");
	CHECK_STR(key("Caf\xc3\xa9", NULL), "cafe");
	/* Arabic keeps its letters. */
	CHECK_STR(key("\xd8\xa5\xd8\xb6\xd8\xb1\xd8\xa7\xd8\xa8", "ar"),
	    "\xd8\xa7\xd8\xb6\xd8\xb1\xd8\xa7\xd8\xa8");
}

TEST(tags_key_plurals)
{
	CHECK_STR(key("Elections", NULL), "election");
	CHECK_STR(key("ELECTIONS", NULL), "election");
	CHECK_STR(key("election", NULL), "election");
	CHECK_STR(key("cities", NULL), key("city", NULL));
	CHECK_STR(key("movies", NULL), key("movie", NULL));
	CHECK_STR(key("buses", NULL), "bus");
	CHECK_STR(key("bus", NULL), "bus");
	CHECK_STR(key("classes", NULL), "class");
	CHECK_STR(key("class", NULL), "class");
	CHECK_STR(key("taxes", NULL), "tax");
	CHECK_STR(key("churches", NULL), "church");
	CHECK_STR(key("horses", NULL), key("horse", NULL));
	CHECK_STR(key("cases", NULL), key("case", NULL));
	CHECK_STR(key("virus", NULL), "virus");
	CHECK_STR(key("crisis", NULL), "crisis");
	CHECK_STR(key("News", NULL), "news");
	CHECK_STR(key("new", NULL), "new");
	CHECK_STR(key("series", NULL), "series");
	CHECK_STR(key("gas", NULL), "gas");
	CHECK_STR(key("Ports", NULL), "port");
	/* Only the last word is made singular. */
	CHECK_STR(key("Labour disputes", NULL), "labourdispute");
	CHECK_STR(key("ports news", NULL), "portsnews");
	/* Other languages. */
	CHECK_STR(key("Streiks", "de"), "streik");
	CHECK_STR(key("Wahlen", "de"), "wahl");
	CHECK_STR(key("bateaux", "fr"), "bateau");
	CHECK_STR(key("elecciones", "es"), "eleccione");
}

TEST(tags_key_limits)
{
	char big[TAG_MAX_BYTES + 2];
	struct buf b = BUF_INIT;

	memset(big, 'a', sizeof(big));
	CHECK_INT(tag_key(big, sizeof(big), NULL, &b), ERR_TOOBIG);
	/* Invalid UTF-8 is a separator, never a crash. */
	CHECK_INT(tag_key("ab\xff\xfe" "cd", 6, NULL, &b), 0);
	CHECK_STR(buf_cstr(&b), "abcd");
	buf_release(&b);
}

static void
add(struct tag_index *ix, const char *s, uint32_t n)
{
	CHECK_INT(tag_index_add(ix, s, strlen(s), NULL, n), 0);
}

TEST(tags_display_form)
{
	struct tag_index *ix = tag_index_new();

	add(ix, "climate change", 2);
	add(ix, "Climate  Change", 1);
	add(ix, "Climate change", 2);
	add(ix, "climate-change", 1);
	CHECK_STR(tag_index_display(ix, "climatechange"), "Climate change");
	CHECK_INT(tag_index_count(ix, "climatechange"), 6);

	/* A tie prefers the capitalised form over lower and upper case. */
	add(ix, "elections", 1);
	add(ix, "ELECTIONS", 1);
	add(ix, "Elections", 1);
	CHECK_STR(tag_index_display(ix, "election"), "Elections");
	/* Most common wins over capitalisation. */
	add(ix, "elections", 1);
	CHECK_STR(tag_index_display(ix, "election"), "elections");
	/* A short all-capital spelling is an acronym, and wins the tie. */
	add(ix, "nato", 1);
	add(ix, "NATO", 1);
	CHECK_STR(tag_index_display(ix, "nato"), "NATO");
	/* Whitespace collapsed in the stored spelling. */
	CHECK_STR(tag_index_display_of(ix, " CLIMATE\tchange ", 16, NULL),
	    "Climate change");
	CHECK(tag_index_display(ix, "nothing") == NULL);
	/* A known name yields to any publisher spelling. */
	CHECK_INT(tag_index_add_known(ix, "Khaled Haftar", 13, NULL), 0);
	CHECK_STR(tag_index_display(ix, "khaledhaftar"), "Khaled Haftar");
	add(ix, "khaled haftar", 1);
	CHECK_STR(tag_index_display(ix, "khaledhaftar"), "khaled haftar");
	CHECK_INT(tag_index_size(ix), 4);
	tag_index_free(ix);
}

static const char *
split_str(const struct tag_index *ix, const char *s)
{
	static char out[512];
	struct tag_split sp;
	size_t o = 0;

	out[0] = '\0';
	CHECK_INT(tag_index_split(ix, s, strlen(s), NULL, &sp), 0);
	for (size_t i = 0; i < sp.n; i++) {
		if (i)
			out[o++] = '|';
		memcpy(out + o, s + sp.piece[i].off, sp.piece[i].len);
		o += sp.piece[i].len;
	}
	out[o] = '\0';
	return out;
}

TEST(tags_split_glued)
{
	struct tag_index *ix = tag_index_new();
	const char *known[] = { "Harbor Authority", "ports", "Shipping",
	    "strike", "Northbay", "Sport", "results", "crime", "police log",
	    "Libya", "Libyan army", "Moscow", "Russia", "Port of Northbay",
	    "Labour", "pay deal", "army", "port" };

	for (size_t i = 0; i < ARRAY_LEN(known); i++)
		add(ix, known[i], 3);
	CHECK_INT(tag_index_add_known(ix, "Khaled Haftar", 13, NULL), 0);
	CHECK_STR(split_str(ix, "Harbor AuthorityportsShippingstrikeNorthbay"),
	    "Harbor Authority|ports|Shipping|strike|Northbay");
	CHECK_STR(split_str(ix, "Sportresults"), "Sport|results");
	CHECK_STR(split_str(ix, "crimepolice log"), "crime|police log");
	CHECK_STR(split_str(ix, "libyaLibyan armymoscowRussia"),
	    "libya|Libyan army|moscow|Russia");
	CHECK_STR(split_str(ix, "Khaled HaftarlibyaLibyan army"),
	    "Khaled Haftar|libya|Libyan army");
	CHECK_STR(split_str(ix, "Port of NorthbaystrikeLabourpay dealShipping"),
	    "Port of Northbay|strike|Labour|pay deal|Shipping");
	/* A glued tag added whole before its pieces were known still splits
	 * once they are used more often than it. */
	add(ix, "crimepolice log", 2);
	CHECK_STR(split_str(ix, "crimepolice log"), "crime|police log");
	/* A comma-separated list splits too. */
	CHECK_STR(split_str(ix, "Shipping, strike"), "Shipping|strike");
	tag_index_free(ix);
}

struct resplit_seen {
	char got[8][128];
	size_t n;
	int answer;
};

static int
on_resplit(void *arg, const char *key, const char *display,
    const struct tag_split *sp)
{
	struct resplit_seen *rs = arg;
	char *o;

	if (rs->n == ARRAY_LEN(rs->got))
		return -1;
	o = rs->got[rs->n++];
	o += snprintf(o, 64, "%s=", key);
	for (size_t i = 0; i < sp->n; i++)
		o += snprintf(o, 32, "%s%.*s", i ? "|" : "",
		    (int)sp->piece[i].len, display + sp->piece[i].off);
	return rs->answer;
}

/* Tags added before their pieces were known split once the pieces come,
 * and only tags tried before the index grew are looked at again. */
TEST(tags_resplit_when_pieces_arrive)
{
	struct tag_index *ix = tag_index_new();
	struct resplit_seen rs = { .answer = 0 };

	add(ix, "quaywalkout", 1);
	add(ix, "Kelmsby quaywalkout", 1);
	add(ix, "Northbay", 3);
	CHECK_INT(tag_index_resplit(ix, NULL, on_resplit, &rs), 0);
	CHECK_INT(rs.n, 0);
	add(ix, "quay", 2);
	add(ix, "walkout", 1);
	CHECK_INT(tag_index_add_known(ix, "Kelmsby", 7, NULL), 0);
	CHECK_INT(tag_index_resplit(ix, NULL, on_resplit, &rs), 0);
	CHECK_INT(rs.n, 2);
	CHECK_STR(rs.got[0], "quaywalkout=quay|walkout");
	CHECK_STR(rs.got[1], "kelmsbyquaywalkout=Kelmsby|quay|walkout");
	/* Handled: no longer a tag of its own, so new uses split too. */
	CHECK_INT(tag_index_count(ix, "quaywalkout"), 0);
	CHECK_STR(split_str(ix, "quaywalkout"), "quay|walkout");
	/* Nothing new since: nothing to try. */
	rs.n = 0;
	CHECK_INT(tag_index_resplit(ix, NULL, on_resplit, &rs), 0);
	CHECK_INT(rs.n, 0);
	/* A split the caller could not use stays a tag, tried again once
	 * the index grows. */
	add(ix, "harbourstrike", 1);
	add(ix, "harbour", 1);
	add(ix, "strike", 1);
	rs.answer = 1;
	CHECK_INT(tag_index_resplit(ix, NULL, on_resplit, &rs), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(tag_index_count(ix, "harbourstrike"), 1);
	add(ix, "pay deal", 1);
	rs.n = 0;
	rs.answer = 0;
	CHECK_INT(tag_index_resplit(ix, NULL, on_resplit, &rs), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.got[0], "harbourstrike=harbour|strike");
	tag_index_free(ix);
}

TEST(tags_split_refuses)
{
	struct tag_index *ix = tag_index_new();
	const char *known[] = { "Harbor", "Authority", "ports", "Shipping",
	    "strike", "master" };

	for (size_t i = 0; i < ARRAY_LEN(known); i++)
		add(ix, known[i], 3);
	/* One unknown piece ("Northbay") blocks the split. */
	CHECK_STR(split_str(ix, "portsShippingstrikeNorthbay"), "");
	CHECK_STR(split_str(ix, "strikeXportsShipping"), "");
	/* A single known tag is not split. */
	CHECK_STR(split_str(ix, "Shipping"), "");
	/* An unknown multi-word tag of known words is not a glued list. */
	CHECK_STR(split_str(ix, "Harbor Authority"), "");
	/* A known multi-word tag stays whole. */
	add(ix, "Harbor Authority", 1);
	CHECK_STR(split_str(ix, "Harbor Authority"), "");
	/* A glued word used more often than its pieces stays whole. */
	add(ix, "Harbormaster", 2);
	add(ix, "Harbormaster", 2);
	CHECK_STR(split_str(ix, "Harbormaster"), "");
	/* Empty and oversized input. */
	CHECK_STR(split_str(ix, ""), "");
	char big[TAG_SPLIT_MAX_BYTES + 10];
	for (size_t i = 0; i + 1 < sizeof(big); i++)
		big[i] = "portsShipping"[i % 13];
	big[sizeof(big) - 1] = '\0';
	CHECK_STR(split_str(ix, big), "");
	tag_index_free(ix);
}

/* tag_fold (built on tag_fold_into) and tag_fold_into give the same
 * words; tag_fold_into says -1 when they do not fit, and tag_fold grows
 * its buffer for text that folds longer than itself, up to the buffer's
 * own cap. */
TEST(tags_fold_into_matches_fold)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Climate change", "climate change" },
		{ "  --Women's \xe2\x80\x9crights\xe2\x80\x9d! ", "womens rights" },
		{ "Z\xc3\xbcrich Stra\xc3\x9f" "e, \xef\xac\x81nance",
		  "zurich strasse finance" },
		{ "", "" }, { "--", "" },
		{ "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 x",
		  "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 x" },
		{ "l'\xc3\x89tat 12,000 e\xcc\x81t\xc3\xa9", "letat 12 000 ete" },
		/* U+337B (3 bytes) folds to two ideographs (6 bytes). */
		{ "\xe3\x8d\xbb\xe3\x8d\xbb\xe3\x8d\xbb\xe3\x8d\xbb",
		  "\xe5\xb9\xb3\xe6\x88\x90\xe5\xb9\xb3\xe6\x88\x90"
		  "\xe5\xb9\xb3\xe6\x88\x90\xe5\xb9\xb3\xe6\x88\x90" },
	};
	char dst[64];

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *in = cases[i].in;
		size_t want = strlen(cases[i].want);
		struct buf b = BUF_INIT;

		CHECK_INT(tag_fold(in, strlen(in), &b), 0);
		CHECK_STR(b.len ? buf_cstr(&b) : "", cases[i].want);
		CHECK_INT(tag_fold_into(in, strlen(in), dst, sizeof(dst)),
		    (int)want);
		CHECK_STR(dst, cases[i].want);
		/* One byte short of the words and their NUL. */
		if (want > 0)
			CHECK_INT(tag_fold_into(in, strlen(in), dst, want), -1);
		CHECK_INT(tag_fold_into(in, strlen(in), dst, want + 1),
		    (int)want);
		buf_release(&b);
	}
	{
		const char *in = cases[ARRAY_LEN(cases) - 1].in;
		struct buf b;

		/* Appended after what the buffer holds, no leading space. */
		buf_init(&b, 0);
		CHECK_INT(buf_puts(&b, "x"), 0);
		CHECK_INT(tag_fold(" Ab", 3, &b), 0);
		CHECK_STR(buf_cstr(&b), "xab");
		buf_release(&b);
		/* 24 bytes fit a buffer capped at 24, not one capped at 23. */
		buf_init(&b, 24);
		CHECK_INT(tag_fold(in, strlen(in), &b), 0);
		CHECK_INT((int)b.len, 24);
		buf_release(&b);
		buf_init(&b, 23);
		CHECK_INT(tag_fold(in, strlen(in), &b), ERR_TOOBIG);
		buf_release(&b);
	}
}

/* What utf8proc's fold makes of cp, as the fold reads it: 0 a separator,
 * 1 nothing (a mark), 2 letters or digits, their UTF-8 into out (room
 * for 48 bytes) and their length into *n. */
static int
fold_by_utf8proc(uint32_t cp, char *out, size_t *n)
{
	utf8proc_int32_t d[8];
	int bc = 0;
	utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, d,
	    8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	    UTF8PROC_COMPAT, &bc);

	*n = 0;
	if (k <= 0 || k > 8)
		return k == 0 ? 1 : 0;
	for (utf8proc_ssize_t i = 0; i < k; i++) {
		utf8proc_category_t c = utf8proc_category(d[i]);

		if (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME)
			continue;
		if (!(c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) &&
		    !(c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
			return *n ? 2 : 0;
		*n += utf8_encode((uint32_t)d[i], out + *n);
	}
	return *n ? 2 : 1;
}

/* The fold knows some code points without asking utf8proc (Latin-1 signs
 * and letters, general punctuation, currency signs): each of those
 * blocks, and Latin Extended-A/B after them, folds between two letters
 * as utf8proc says it should. */
TEST(tags_fold_code_points)
{
	static const uint32_t range[][2] = {
		{ 0x80, 0x250 }, { 0x2000, 0x20D0 },
	};
	int bad = 0;

	for (size_t r = 0; r < ARRAY_LEN(range); r++)
		for (uint32_t cp = range[r][0]; cp < range[r][1]; cp++) {
			char s[8], d[64], want[64];
			size_t n = 0, wn = 1;
			int m, kind;

			if (cp == 0x2018 || cp == 0x2019)
				continue; /* apostrophes: dropped, not utf8proc's */
			s[n++] = 'a';
			n += utf8_encode(cp, s + n);
			s[n++] = 'b';
			m = tag_fold_into(s, n, d, sizeof(d));
			want[0] = 'a';
			kind = fold_by_utf8proc(cp, want + 1, &n);
			if (kind == 0)
				want[wn++] = ' ';
			else if (kind == 2)
				wn += n;
			want[wn++] = 'b';
			if (m != (int)wn || memcmp(d, want, wn) != 0) {
				if (bad++ < 5)
					fprintf(stderr, "U+%04X folds to %.*s\n",
					    (unsigned)cp, m > 0 ? m : 0, d);
			}
		}
	CHECK(bad == 0);
}
