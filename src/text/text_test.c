/*
 * text/text_test.c: tokenizer, folding, stop words, stemming, detection,
 * simhash.
 */
#include "base/common.h"

#include "base/buf.h"
#include "text/text.h"
#include "text/text_int.h"
#include "unit.h"

/* Tokens of s joined by '|'. */
static const char *
toks(const char *s)
{
	static char out[512];
	struct text_iter it;
	struct text_tok t;
	size_t w = 0;

	text_iter_init(&it, s, strlen(s));
	out[0] = '\0';
	while (text_iter_next(&it, &t) && w + t.s.n + 2 < sizeof(out)) {
		if (w > 0)
			out[w++] = '|';
		memcpy(out + w, t.s.p, t.s.n);
		w += t.s.n;
		out[w] = '\0';
	}
	return out;
}

TEST(text_tokens)
{
	CHECK_STR(toks("Don't stop, well-known U.S. e-mail."),
	    "Don't|stop|well-known|U|S|e-mail");
	CHECK_STR(toks("It cost $3.5 billion, or 12,000 each."),
	    "It|cost|3.5|billion|or|12,000|each");
	CHECK_STR(toks("l\xe2\x80\x99\xc3\x89tat -- 'quoted' - x"),
	    "l\xe2\x80\x99\xc3\x89tat|quoted|x");
	CHECK_STR(toks("end. 5. Next"), "end|5|Next");
	/* Each ideograph is a token; Latin inside stays a word. */
	CHECK_STR(toks("\xe4\xb8\xad\xe6\x96\x87" "abc"),
	    "\xe4\xb8\xad|\xe6\x96\x87|" "abc");
	/* Arabic with harakat stays one word per space. */
	CHECK_STR(toks("\xd9\x83\xd9\x8e\xd8\xaa\xd9\x8e\xd8\xa8\xd9\x8e "
	    "\xd8\xa7\xd9\x84\xd9\x88\xd9\x84\xd8\xaf"),
	    "\xd9\x83\xd9\x8e\xd8\xaa\xd9\x8e\xd8\xa8\xd9\x8e|"
	    "\xd8\xa7\xd9\x84\xd9\x88\xd9\x84\xd8\xaf");
	CHECK_STR(toks(""), "");
	CHECK_STR(toks("\xff\xfe bad"), "bad");
}

TEST(text_token_flags)
{
	struct text_iter it;
	struct text_tok t;
	const char *s = "NATO Haftar said G7 2024";

	text_iter_init(&it, s, strlen(s));
	CHECK(text_iter_next(&it, &t));
	CHECK(t.flags & TEXT_TOK_ALLCAPS);
	CHECK(text_iter_next(&it, &t));
	CHECK_INT(t.flags, TEXT_TOK_CAP);
	CHECK(text_iter_next(&it, &t));
	CHECK_INT(t.flags, 0);
	CHECK(text_iter_next(&it, &t));
	CHECK(t.flags & TEXT_TOK_HAS_DIGIT);
	CHECK(text_iter_next(&it, &t));
	CHECK_INT(t.kind, TEXT_TOK_NUMBER);
	CHECK(!text_iter_next(&it, &t));
}

TEST(text_fold_forms)
{
	struct buf b = BUF_INIT;

	CHECK_INT(text_fold("\xc3\x89lections Stra\xc3\x9f" "e", 18,
	    TEXT_FOLD_CASE | TEXT_FOLD_MARKS, &b), 0);
	CHECK_STR(buf_cstr(&b), "elections strasse");
	buf_reset(&b);
	CHECK_INT(text_fold("Gaza\xe2\x80\x99s", 8, TEXT_FOLD_CASE |
	    TEXT_FOLD_POSSESSIVE, &b), 0);
	CHECK_STR(buf_cstr(&b), "gaza");
	buf_reset(&b);
	/* Hamza on alef and a fatha go; the letters stay. */
	CHECK_INT(text_fold("\xd8\xa3\xd9\x8e\xd8\xa8", 6, TEXT_FOLD_MARKS,
	    &b), 0);
	CHECK_STR(buf_cstr(&b), "\xd8\xa7\xd8\xa8");
	buf_reset(&b);
	/* Case only: diacritics stay. */
	CHECK_INT(text_fold("\xc3\x89T\xc3\x89", 5, TEXT_FOLD_CASE, &b), 0);
	CHECK_STR(buf_cstr(&b), "\xc3\xa9t\xc3\xa9");
	buf_release(&b);
}

TEST(text_stoplists_sorted_and_folded)
{
	size_t i, j;
	char f[128];

	for (i = 0; i < text_n_stoplists; i++) {
		const struct text_stoplist *l = &text_stoplists[i];

		CHECK(l->n >= 20);
		if (l->full)
			CHECK(l->n >= 100);
		for (j = 0; j < l->n; j++) {
			int m = text_fold_into(l->words[j],
			    strlen(l->words[j]), TEXT_FOLD_CASE |
			    TEXT_FOLD_MARKS, f, sizeof(f));

			CHECK(m >= 0 && strcmp(f, l->words[j]) == 0);
			if (j > 0)
				CHECK(strcmp(l->words[j - 1], l->words[j]) < 0);
		}
	}
	for (j = 0; j < text_n_stop_all; j++) {
		const char *w = text_stop_all[j].w;

		if (j > 0)
			CHECK(strcmp(text_stop_all[j - 1].w, w) < 0);
		for (i = 0; i < text_n_stoplists; i++)
			CHECK(!(text_stop_all[j].langs & (1u << i)) ==
			    !text_stoplist_has(&text_stoplists[i], w,
			    strlen(w)));
	}
	CHECK_INT(text_stop_langs("de", 2), 0x2 | 0x8 | 0x40 | 0x80);
	CHECK(text_is_stopword("en", "the", 3));
	CHECK(text_is_stopword("en-GB", "would", 5));
	CHECK(!text_is_stopword("en", "minister", 8));
	CHECK(text_is_stopword("fr", "apres", 5));
	CHECK(text_is_stopword("de", "uber", 4));
	CHECK(text_is_stopword("es", "tambien", 7));
	CHECK(text_is_stopword("ar", "\xd9\x81\xd9\x8a", 4));
	CHECK(!text_is_stopword("it", "il", 2)); /* detection only */
	CHECK(!text_is_stopword(NULL, "the", 3));
	CHECK(text_lang_has_stopwords("ar"));
	CHECK(!text_lang_has_stopwords("zh"));
}

static const char *
term(struct text_ctx *ctx, const char *lang, const char *w)
{
	static char out[128];
	struct str t;

	if (text_term(ctx, lang, w, strlen(w), &t) != 0 || t.n >= sizeof(out))
		return "(error)";
	memcpy(out, t.p, t.n);
	out[t.n] = '\0';
	return out;
}

TEST(text_stem_per_language)
{
	struct text_ctx *ctx = text_ctx_new();

	CHECK(ctx != NULL);
	CHECK_STR(term(ctx, "en", "Elections"), "elect");
	CHECK_STR(term(ctx, "en", "running"), "run");
	CHECK_STR(term(ctx, "en", "Ministry's"), "ministri");
	CHECK_STR(term(ctx, "fr", "nationalit\xc3\xa9s"), "national");
	CHECK_STR(term(ctx, "fr", "l\xe2\x80\x99\xc3\x89tat"), "etat");
	CHECK_STR(term(ctx, "de", "Regierungen"), "regier");
	CHECK_STR(term(ctx, "es", "elecciones"), "eleccion");
	CHECK_STR(term(ctx, "ar", "\xd8\xa7\xd9\x84\xd8\xad\xd9\x83\xd9\x88"
	    "\xd9\x85\xd8\xa9"), "\xd8\xad\xd9\x83\xd9\x88\xd9\x85");
	/* Unknown language: folded only. */
	CHECK_STR(term(ctx, "und", "Running"), "running");
	CHECK_STR(term(ctx, NULL, "\xc3\x89T\xc3\x89"), "ete");
	CHECK(text_lang_has_stemmer("pt-BR"));
	CHECK(!text_lang_has_stemmer("xx"));
	/* More languages than the cache holds, then back. */
	CHECK_STR(term(ctx, "it", "parlamentari"), "parlamentar");
	CHECK_STR(term(ctx, "pt", "governos"), "govern");
	CHECK_STR(term(ctx, "nl", "regeringen"), "reger");
	CHECK_STR(term(ctx, "ru", "\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81"
	    "\xd1\x82\xd0\xb8"), "\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1"
	    "\x82");
	CHECK_STR(term(ctx, "en", "Elections"), "elect");
	text_ctx_free(ctx);
	text_ctx_free(NULL);
}

struct collect {
	char out[512];
	size_t w;
};

static int
collect_term(void *arg, const struct text_term *t)
{
	struct collect *c = arg;

	if (c->w + t->term.n + 3 >= sizeof(c->out))
		return 1;
	if (c->w > 0)
		c->out[c->w++] = ' ';
	if (t->stop)
		c->out[c->w++] = '*';
	memcpy(c->out + c->w, t->term.p, t->term.n);
	c->w += t->term.n;
	c->out[c->w] = '\0';
	return 0;
}

TEST(text_terms_walk)
{
	struct text_ctx *ctx = text_ctx_new();
	struct collect c = { "", 0 };
	const char *s = "The ministers were meeting in Paris on 3 June.";

	CHECK_INT(text_terms(ctx, "en", s, strlen(s), 0, collect_term, &c),
	    0);
	CHECK_STR(c.out, "minist meet pari june");
	c.w = 0;
	c.out[0] = '\0';
	CHECK_INT(text_terms(ctx, "en", s, strlen(s), TEXT_TERMS_STOPWORDS |
	    TEXT_TERMS_NUMBERS, collect_term, &c), 0);
	CHECK_STR(c.out, "*the minist *were meet *in pari *on 3 june");
	c.w = 0;
	c.out[0] = '\0';
	s = "Le ministre qu'il a nomm\xc3\xa9 l'an dernier";
	CHECK_INT(text_terms(ctx, "fr", s, strlen(s), 0, collect_term, &c),
	    0);
	CHECK_STR(c.out, "ministr nomm an derni");
	text_ctx_free(ctx);
}

static const char *
detect(const char *s)
{
	static struct text_lang_guess g;

	text_detect_lang(s, strlen(s), &g);
	return g.lang;
}

TEST(text_detect_languages)
{
	struct text_lang_guess g;

	CHECK_STR(detect("The government said on Tuesday that it would not "
	    "extend the deadline for the talks, which have been stalled "
	    "since the summer."), "en");
	CHECK_STR(detect("Le gouvernement a annonc\xc3\xa9 mardi qu'il ne "
	    "prolongerait pas le d\xc3\xa9lai des n\xc3\xa9gociations, qui "
	    "sont bloqu\xc3\xa9" "es depuis l'\xc3\xa9t\xc3\xa9."), "fr");
	CHECK_STR(detect("Die Regierung hat am Dienstag erkl\xc3\xa4rt, dass "
	    "sie die Frist f\xc3\xbcr die Gespr\xc3\xa4" "che nicht "
	    "verl\xc3\xa4ngern werde, die seit dem Sommer stocken."), "de");
	CHECK_STR(detect("El gobierno anunci\xc3\xb3 el martes que no "
	    "ampliar\xc3\xa1 el plazo de las negociaciones, que est\xc3\xa1n "
	    "estancadas desde el verano."), "es");
	CHECK_STR(detect("\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa \xd8\xa7\xd9\x84"
	    "\xd8\xad\xd9\x83\xd9\x88\xd9\x85\xd8\xa9 \xd9\x8a\xd9\x88\xd9\x85 "
	    "\xd8\xa7\xd9\x84\xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd8\xa7\xd8\xa1 "
	    "\xd8\xa5\xd9\x86\xd9\x87\xd8\xa7 \xd9\x84\xd9\x86 \xd8\xaa\xd9\x85"
	    "\xd8\xaf\xd8\xaf \xd8\xa7\xd9\x84\xd9\x85\xd9\x87\xd9\x84\xd8\xa9"),
	    "ar");
	CHECK_STR(detect("\xd0\x9f\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb8\xd1\x82"
	    "\xd0\xb5\xd0\xbb\xd1\x8c\xd1\x81\xd1\x82\xd0\xb2\xd0\xbe "
	    "\xd0\xb7\xd0\xb0\xd1\x8f\xd0\xb2\xd0\xb8\xd0\xbb\xd0\xbe"), "ru");
	CHECK_STR(detect("\xe6\x94\xbf\xe5\xba\x9c\xe5\xae\xa3\xe5\xb8\x83"
	    "\xe4\xb8\x8d\xe4\xbc\x9a\xe5\xbb\xb6\xe9\x95\xbf"), "zh");
	CHECK_STR(detect("\xce\x97 \xce\xba\xcf\x85\xce\xb2\xce\xad\xcf\x81"
	    "\xce\xbd\xce\xb7\xcf\x83\xce\xb7 \xce\xb1\xce\xbd\xce\xb1\xce"
	    "\xba\xce\xbf\xce\xaf\xce\xbd\xcf\x89\xcf\x83\xce\xb5"), "el");
	CHECK_STR(detect("\xd7\x94\xd7\x9e\xd7\x9e\xd7\xa9\xd7\x9c\xd7\x94 "
	    "\xd7\x94\xd7\x95\xd7\x93\xd7\x99\xd7\xa2\xd7\x94"), "he");
	CHECK_STR(detect("\xd8\xaf\xd9\x88\xd9\x84\xd8\xaa \xd8\xa7\xdb\x8c"
	    "\xd8\xb1\xd8\xa7\xd9\x86 \xd8\xa7\xd8\xb9\xd9\x84\xd8\xa7\xd9\x85 "
	    "\xda\xa9\xd8\xb1\xd8\xaf \xda\xa9\xd9\x87 \xd9\xbe\xd8\xb1\xd9\x88"
	    "\xda\x98\xd9\x87 \xd8\xb1\xd8\xa7 \xd9\xbe\xdb\x8c\xda\xaf\xdb\x8c"
	    "\xd8\xb1\xdb\x8c"), "fa");
	/* Too little to say. */
	CHECK_STR(detect("Haftar"), "und");
	CHECK_STR(detect("12 34 ..."), "und");
	CHECK_STR(detect(""), "und");
	text_detect_lang("The talks are over and the ministers have gone "
	    "home for the night.", 66, &g);
	CHECK_STR(g.lang, "en");
	CHECK(g.confidence > 0.5);
}

/* The vote over words already folded, as the search tokenizer feeds it. */
static const char *
vote(const char *const *words, size_t n)
{
	static struct text_lang_guess g;
	struct text_lang_vote v;
	size_t i, len;

	memset(&v, 0, sizeof(v));
	for (i = 0; i < n; i++) {
		len = strlen(words[i]);
		text_lang_vote_word(&v, words[i], len,
		    text_lang_vote_mask(words[i], len));
	}
	text_lang_vote_result(&v, &g);
	return g.lang;
}

TEST(text_lang_vote_words)
{
	static const char *const de[] = { "die", "regierung", "hat", "am",
	    "dienstag", "erklart", "dass", "sie", "die", "frist", "fur", "die",
	    "gesprache", "nicht", "verlangern", "werde", "die", "seit", "dem",
	    "sommer", "stocken" };
	static const char *const fr[] = { "le", "gouvernement", "a",
	    "annonce", "mardi", "qu", "il", "ne", "prolongerait", "pas", "le",
	    "delai", "des", "negociations", "qui", "sont", "bloquees",
	    "depuis", "l", "ete" };
	static const char *const ar[] = { "\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa",
	    "\xd8\xa7\xd9\x84\xd8\xad\xd9\x83\xd9\x88\xd9\x85\xd8\xa9",
	    "2024", "bbc" };
	static const char *const few[] = { "haftar", "2024" };

	CHECK_STR(vote(de, ARRAY_LEN(de)), "de");
	CHECK_STR(vote(fr, ARRAY_LEN(fr)), "fr");
	CHECK_STR(vote(ar, ARRAY_LEN(ar)), "ar");
	CHECK_STR(vote(few, ARRAY_LEN(few)), "und");
	CHECK_STR(vote(NULL, 0), "und");
}

TEST(text_stem_folded_words)
{
	struct text_ctx *ctx = text_ctx_new();
	const struct text_stemmer *fr = NULL, *none = NULL;
	struct str s;

	if (ctx == NULL)
		return;
	CHECK_INT(text_stemmer_of(ctx, "fr", &fr), 0);
	CHECK_INT(text_stemmer_of(ctx, "und", &none), 0);
	CHECK(fr != NULL);
	CHECK(none == NULL);
	CHECK_INT(text_stem(fr, "chevaux", 7, &s), 0);
	CHECK(s.n == 6 && memcmp(s.p, "cheval", 6) == 0);
	CHECK_INT(text_stem(none, "chevaux", 7, &s), 0);
	CHECK(s.n == 7 && memcmp(s.p, "chevaux", 7) == 0);
	text_ctx_free(ctx);
}

TEST(text_lang_norm_tags)
{
	char c[4];

	text_lang_norm("en-US", c);
	CHECK_STR(c, "en");
	text_lang_norm("FR", c);
	CHECK_STR(c, "fr");
	text_lang_norm("pt_BR", c);
	CHECK_STR(c, "pt");
	text_lang_norm("ger", c);
	CHECK_STR(c, "de");
	text_lang_norm("x1", c);
	CHECK_STR(c, "und");
	text_lang_norm(NULL, c);
	CHECK_STR(c, "und");
}

TEST(text_simhash_near_duplicates)
{
	struct text_ctx *ctx = text_ctx_new();
	const char *a = "The central bank raised its main interest rate by a "
	    "quarter point on Thursday, the third increase this year, citing "
	    "stubborn inflation in services and a tight labour market.";
	const char *b = "The Central Bank raised its main interest rate by a "
	    "quarter point on Thursday, the third increase this year, citing "
	    "stubborn inflation in services and a tight labor market.";
	const char *c = "Heavy rain flooded the lower town overnight and "
	    "closed two schools, while the river is expected to crest on "
	    "Saturday afternoon near the old bridge.";
	uint64_t ha, hb, hc, hx;

	CHECK_INT(text_simhash(ctx, a, strlen(a), &ha), 0);
	CHECK_INT(text_simhash(ctx, b, strlen(b), &hb), 0);
	CHECK_INT(text_simhash(ctx, c, strlen(c), &hc), 0);
	CHECK(text_simhash_distance(ha, hb) <= 12);
	CHECK(text_simhash_distance(ha, hc) > 16);
	CHECK_INT(text_simhash(ctx, "", 0, &hx), 0);
	CHECK(hx == 0);
	CHECK_INT(text_simhash(ctx, "one", 3, &hx), 0);
	CHECK(hx != 0);
	CHECK_INT(text_simhash_distance(0, ~(uint64_t)0), 64);
	CHECK(text_hash64("a", 1) != text_hash64("b", 1));
	text_ctx_free(ctx);
}

/* A list found once answers as text_is_stopword does. */
TEST(text_stoplist_of_matches_is_stopword)
{
	static const char *const langs[] = { "en", "fr-CA", "de", "xx", "",
	    "und", "ar" };
	static const char *const words[] = { "the", "le", "und", "harbour",
	    "", "of", "des" };

	for (size_t i = 0; i < ARRAY_LEN(langs); i++) {
		const struct text_stoplist *l = text_stoplist_of(langs[i]);

		CHECK_INT(l != NULL, text_lang_has_stopwords(langs[i]));
		for (size_t k = 0; k < ARRAY_LEN(words); k++)
			CHECK_INT(text_stoplist_contains(l, words[k],
			    strlen(words[k])), text_is_stopword(langs[i],
			    words[k], strlen(words[k])));
	}
	CHECK_INT(text_stoplist_contains(NULL, "the", 3), 0);
}
