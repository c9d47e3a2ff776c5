/*
 * nlp/ask.c: sentence retrieval for "ask a question" (see ask.h).
 *
 * Sentences, not documents, are the unit: BM25 with sentence length
 * normalisation finds the sentence where the question's terms meet. The
 * question is turned into terms once per document language, so a French
 * article is searched with French stems. Only query terms are counted, so
 * the cost is one tokenising pass over the documents plus a small array
 * per sentence.
 */
#include "base/common.h"

#include <math.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "nlp/ask.h"
#include "text/sentence.h"
#include "text/text.h"

#define BM25_K1 1.2
#define BM25_B 0.75
#define ASK_MAX_LANGS 8
#define NAME_BOOST 0.3
#define CUE_BOOST 1.25

enum qtype { Q_NONE, Q_WHO, Q_WHEN, Q_WHERE, Q_NUMBER, Q_WHY };

/* Feature bits of a sentence. */
#define F_NAME 0x1u
#define F_DATE 0x2u
#define F_PLACE 0x4u
#define F_NUMBER 0x8u
#define F_CAUSE 0x10u

struct qterm {
	uint64_t h;
	bool name;
	double idf;
	uint32_t df;
};

struct qset {
	char lang[4];
	struct qterm t[ASK_MAX_QUERY_TERMS];
	size_t n;
};

struct sent {
	size_t doc, off, len;
	uint32_t dl;
	uint16_t tf[ASK_MAX_QUERY_TERMS];
	uint32_t name_hit; /* bitmask of query terms matched as names */
	uint32_t last_num; /* dl just after the last number, 0: none */
	bool num_near;     /* a number right before a query term ("76 ships") */
	unsigned feat;
	bool full;         /* ends like a sentence (. ! ? ...) */
	unsigned qs;       /* index of the query set (language) */
	double score, coverage;
	bool names_ok;     /* matches a name of the question, if it has any */
};

struct ask_work {
	struct text_ctx *tc;
	struct qset qs[ASK_MAX_LANGS];
	size_t n_qs;
	struct sent *s;
	size_t n_s, cap_s;
	struct text_sentences sl;
	uint32_t doc_has[ASK_MAX_DOCS]; /* query terms present per document */
	/* Callback state. */
	struct qset *cur_q;
	struct qset *fill;
	bool fill_name;
	struct sent *cur_s;
};

/* ---- Question ---------------------------------------------------------- */

static bool
word_in(const char *w, size_t n, const char *const *list, size_t ln)
{
	size_t i;

	for (i = 0; i < ln; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* The kind of answer a question wants, from its first words (folded). */
static enum qtype
question_type(const char *q, size_t n)
{
	static const char *const who[] = { "who", "whom", "whose", "qui",
		"quien", "quienes", "wer", "wem", "wen", "wessen" };
	static const char *const when[] = { "when", "quand", "cuando",
		"wann" };
	static const char *const where[] = { "where", "ou", "donde",
		"wo", "wohin", "woher" };
	static const char *const number[] = { "combien", "cuanto",
		"cuantos", "cuantas", "cuanta" };
	static const char *const why[] = { "why", "pourquoi", "porque",
		"warum", "weshalb", "wieso" };
	struct text_iter it;
	struct text_tok t;
	char w[2][TEXT_WORD_MAX + 8];
	int m[2] = { -1, -1 }, k = 0;

	text_iter_init(&it, q, n);
	while (k < 2 && text_iter_next(&it, &t)) {
		m[k] = text_fold_into(t.s.p, t.s.n, TEXT_FOLD_CASE |
		    TEXT_FOLD_MARKS, w[k], sizeof(w[k]));
		if (m[k] < 0)
			return Q_NONE;
		k++;
	}
	if (m[0] < 0)
		return Q_NONE;
#define IS(list) word_in(w[0], (size_t)m[0], list, ARRAY_LEN(list))
	if (IS(who))
		return Q_WHO;
	if (IS(when))
		return Q_WHEN;
	if (IS(where))
		return Q_WHERE;
	if (IS(why))
		return Q_WHY;
	if (IS(number))
		return Q_NUMBER;
#undef IS
	if (m[1] > 0 && ((strcmp(w[0], "how") == 0 && (strcmp(w[1], "many") ==
	    0 || strcmp(w[1], "much") == 0 || strcmp(w[1], "old") == 0 ||
	    strcmp(w[1], "long") == 0 || strcmp(w[1], "far") == 0)) ||
	    (strcmp(w[0], "wie") == 0 && (strcmp(w[1], "viele") == 0 ||
	    strcmp(w[1], "viel") == 0 || strcmp(w[1], "lange") == 0)) ||
	    (strcmp(w[0], "what") == 0 && (strcmp(w[1], "year") == 0 ||
	    strcmp(w[1], "date") == 0 || strcmp(w[1], "time") == 0 ||
	    strcmp(w[1], "day") == 0))))
		return strcmp(w[0], "what") == 0 ? Q_WHEN : Q_NUMBER;
	return Q_NONE;
}

static int
on_qterm(void *arg, const struct text_term *t)
{
	struct ask_work *w = arg;
	struct qset *q = w->fill;
	uint64_t h = text_hash64(t->term.p, t->term.n);
	bool name = w->fill_name || ((t->tok->flags & TEXT_TOK_CAP) &&
	    t->tok->off > 0);
	size_t i;

	for (i = 0; i < q->n; i++) {
		if (q->t[i].h == h) {
			q->t[i].name |= name;
			return 0;
		}
	}
	if (q->n < ASK_MAX_QUERY_TERMS) {
		q->t[q->n].h = h;
		q->t[q->n].name = name;
		q->n++;
	}
	return 0;
}

/* Does the folded question mention this entity? */
static bool
mentions(const char *fq, const char *ent)
{
	char f[256];
	int m = text_fold_into(ent, strlen(ent), TEXT_FOLD_CASE |
	    TEXT_FOLD_MARKS, f, sizeof(f));

	return m >= 3 && strstr(fq, f) != NULL;
}

/* The query set for a language, made on first use. */
static int
query_set(struct ask_work *w, const char *q, size_t qn, const char *fq,
    const char *lang, const struct ask_doc *d, unsigned *idx)
{
	struct qset *s;
	size_t i;
	int rc;

	for (i = 0; i < w->n_qs; i++) {
		if (strcmp(w->qs[i].lang, lang) == 0) {
			*idx = (unsigned)i;
			goto entities;
		}
	}
	if (w->n_qs == ASK_MAX_LANGS) {
		*idx = 0; /* beyond the cap: first language's terms */
		return 0;
	}
	*idx = (unsigned)w->n_qs;
	s = &w->qs[w->n_qs++];
	memset(s, 0, sizeof(*s));
	memcpy(s->lang, lang, strlen(lang) + 1);
	w->fill = s;
	w->fill_name = false;
	if ((rc = text_terms(w->tc, lang, q, qn, TEXT_TERMS_NUMBERS, on_qterm,
	    w)) != 0)
		return rc;
entities:
	w->fill = &w->qs[*idx];
	w->fill_name = true;
	for (i = 0; i < d->n_entities; i++) {
		const char *ent = d->entities[i];

		if (ent != NULL && mentions(fq, ent) && (rc = text_terms(w->tc,
		    lang, ent, strlen(ent), 0, on_qterm, w)) != 0)
			return rc;
	}
	return 0;
}

/* ---- Sentences ------------------------------------------------------- */

static int
on_sterm(void *arg, const struct text_term *t)
{
	struct ask_work *w = arg;
	struct sent *s = w->cur_s;
	const struct qset *q = w->cur_q;
	uint64_t h;
	size_t i;

	s->dl++;
	if (t->tok->kind == TEXT_TOK_NUMBER)
		s->last_num = s->dl;
	h = text_hash64(t->term.p, t->term.n);
	for (i = 0; i < q->n; i++) {
		if (q->t[i].h == h) {
			if (s->last_num > 0 && s->dl - s->last_num <= 2 &&
			    t->tok->kind != TEXT_TOK_NUMBER)
				s->num_near = true;
			if (s->tf[i] < UINT16_MAX)
				s->tf[i]++;
			if (t->tok->flags & (TEXT_TOK_CAP | TEXT_TOK_ALLCAPS))
				s->name_hit |= 1u << i;
			break;
		}
	}
	return 0;
}

/* Features the question types look for, from the sentence's tokens. */
static unsigned
features(const char *s, size_t n)
{
	static const char *const months[] = { "january", "february", "march",
		"april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr",
		"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "yesterday", "today", "tomorrow",
		"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
		"aout", "septembre", "octobre", "novembre", "decembre", "lundi",
		"mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"januar", "februar", "marz", "juni", "juli", "oktober",
		"dezember", "montag", "dienstag", "mittwoch", "donnerstag",
		"freitag", "samstag", "sonntag", "enero", "febrero", "marzo",
		"abril", "mayo", "junio", "julio", "agosto", "septiembre",
		"octubre", "noviembre", "diciembre", "lunes", "martes",
		"miercoles", "jueves", "viernes", "sabado", "domingo" };
	static const char *const numwords[] = { "one", "two", "three",
		"four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "dozen", "dozens", "hundred", "hundreds",
		"thousand", "thousands", "million", "millions", "billion",
		"percent", "half", "third", "quarter" };
	static const char *const preps[] = { "in", "at", "near", "from",
		"to", "into", "across", "a", "en", "au", "aux", "nach", "bei",
		"im", "de" };
	static const char *const causes[] = { "because", "after", "due",
		"since", "following", "amid", "reason", "parce", "car",
		"porque", "debido", "weil", "wegen", "da" };
	struct text_iter it;
	struct text_tok t;
	char f[TEXT_WORD_MAX + 8];
	unsigned feat = 0;
	bool first = true, after_prep = false;
	int m;

	text_iter_init(&it, s, n);
	while (text_iter_next(&it, &t)) {
		bool prep = false;

		if (t.kind == TEXT_TOK_NUMBER) {
			feat |= F_NUMBER;
			if (t.s.n == 4 && (t.s.p[0] == '1' || t.s.p[0] == '2'))
				feat |= F_DATE;
		}
		if (t.kind == TEXT_TOK_WORD && (m = text_fold_into(t.s.p,
		    t.s.n, TEXT_FOLD_CASE | TEXT_FOLD_MARKS, f, sizeof(f))) > 0) {
			size_t fn = (size_t)m;

			if (word_in(f, fn, months, ARRAY_LEN(months)))
				feat |= F_DATE;
			if (word_in(f, fn, numwords, ARRAY_LEN(numwords)))
				feat |= F_NUMBER;
			if (word_in(f, fn, causes, ARRAY_LEN(causes)))
				feat |= F_CAUSE;
			prep = word_in(f, fn, preps, ARRAY_LEN(preps));
			if ((t.flags & TEXT_TOK_CAP) && !first) {
				feat |= F_NAME;
				if (after_prep)
					feat |= F_PLACE;
			}
		}
		after_prep = prep;
		first = false;
	}
	return feat;
}

static int
add_doc(struct ask_work *w, size_t di, const struct ask_doc *d,
    unsigned qs)
{
	size_t n = strlen(d->text), i, k;
	int rc;

	if (n > ASK_MAX_DOC_TEXT)
		n = utf8_cut(d->text, n, ASK_MAX_DOC_TEXT);
	rc = text_split_sentences(d->text, n, w->qs[qs].lang, &w->sl);
	if (rc != 0 && rc != ERR_TOOBIG)
		return rc;
	w->cur_q = &w->qs[qs];
	for (i = 0; i < w->sl.n && w->n_s < ASK_MAX_SENTENCES; i++) {
		struct sent *s;

		if (w->n_s == w->cap_s) {
			size_t c = w->cap_s ? w->cap_s * 2 : 128;
			struct sent *v = realloc(w->s, c * sizeof(*v));

			if (v == NULL)
				return ERR_NOMEM;
			w->s = v;
			w->cap_s = c;
		}
		s = &w->s[w->n_s];
		memset(s, 0, sizeof(*s));
		s->doc = di;
		s->off = w->sl.v[i].off;
		s->len = w->sl.v[i].len;
		s->qs = qs;
		w->cur_s = s;
		if ((rc = text_terms(w->tc, w->qs[qs].lang, d->text + s->off,
		    s->len, TEXT_TERMS_NUMBERS, on_sterm, w)) != 0)
			return rc;
		for (k = 0; k < w->qs[qs].n; k++)
			if (s->tf[k] > 0)
				w->doc_has[di] |= 1u << k;
		s->feat = features(d->text + s->off, s->len);
		s->full = s->len > 0 && strchr(".!?\"'\xbb\x9d\x9f\x94\xa6)",
		    d->text[s->off + s->len - 1]) != NULL;
		w->n_s++;
	}
	return 0;
}

/* ---- Ranking --------------------------------------------------------- */

static bool
cue_met(enum qtype qt, unsigned feat)
{
	switch (qt) {
	case Q_WHO: return feat & F_NAME;
	case Q_WHEN: return feat & F_DATE;
	case Q_WHERE: return feat & F_PLACE;
	case Q_NUMBER: return feat & F_NUMBER;
	case Q_WHY: return feat & F_CAUSE;
	default: return false;
	}
}

static void
score_all(struct ask_work *w, enum qtype qt)
{
	double avgdl[ASK_MAX_LANGS] = { 0 }, total[ASK_MAX_LANGS] = { 0 };
	size_t cnt[ASK_MAX_LANGS] = { 0 }, i, k;

	for (i = 0; i < w->n_s; i++) {
		const struct sent *s = &w->s[i];

		avgdl[s->qs] += s->dl;
		cnt[s->qs]++;
		for (k = 0; k < w->qs[s->qs].n; k++)
			if (s->tf[k] > 0)
				w->qs[s->qs].t[k].df++;
	}
	for (i = 0; i < w->n_qs; i++) {
		avgdl[i] = cnt[i] ? avgdl[i] / (double)cnt[i] : 1;
		if (avgdl[i] <= 0)
			avgdl[i] = 1;
		for (k = 0; k < w->qs[i].n; k++) {
			struct qterm *t = &w->qs[i].t[k];
			double N = (double)cnt[i], df = (double)t->df;

			t->idf = log(1.0 + (N - df + 0.5) / (df + 0.5));
			/* A word found nowhere is often just phrasing
			 * ("percentage" for "percent"): it weighs half in
			 * the coverage bar. A missing name weighs fully. */
			total[i] += t->df == 0 && !t->name ? t->idf / 2 :
			    t->idf;
		}
	}
	for (i = 0; i < w->n_s; i++) {
		struct sent *s = &w->s[i];
		const struct qset *q = &w->qs[s->qs];
		double sc = 0, matched = 0, norm;
		bool has_names = false, name_match = false;
		bool has_words = false, word_match = false;
		size_t n_matched = 0;

		norm = BM25_K1 * (1 - BM25_B + BM25_B * (double)s->dl /
		    avgdl[s->qs]);
		for (k = 0; k < q->n; k++) {
			double tf = s->tf[k];

			has_names |= q->t[k].name;
			has_words |= !q->t[k].name;
			word_match |= !q->t[k].name && tf > 0;
			/* A name the article is about need not be repeated
			 * in the answering sentence. */
			if (tf == 0 && q->t[k].name &&
			    (w->doc_has[s->doc] & (1u << k))) {
				name_match = true;
				matched += q->t[k].idf;
				n_matched++;
			}
			if (tf == 0)
				continue;
			n_matched++;
			name_match |= q->t[k].name;
			sc += q->t[k].idf * tf * (BM25_K1 + 1) / (tf + norm);
			matched += q->t[k].idf;
			if (q->t[k].name && (s->name_hit & (1u << k)))
				sc += NAME_BOOST * q->t[k].idf;
		}
		if (sc > 0 && cue_met(qt, s->feat))
			sc *= CUE_BOOST;
		if (sc > 0 && qt == Q_NUMBER && s->num_near)
			sc *= CUE_BOOST;
		/* A headline or caption line is a poorer answer than a
		 * sentence saying the same. */
		if (!s->full)
			sc *= 0.8;
		s->names_ok = (!has_names || name_match) &&
		    (!has_words || word_match) &&
		    n_matched >= (q->n >= 3 ? 2u : 1u);
		{
			/* Over the terms some document has: an answer
			 * should come from the article the question is
			 * about, not one sharing its commonest word. */
			double dm = 0, dt = 0;

			for (k = 0; k < q->n; k++) {
				if (q->t[k].df == 0)
					continue;
				dt += q->t[k].idf;
				if (w->doc_has[s->doc] & (1u << k))
					dm += q->t[k].idf;
			}
			if (dt > 0 && dm / dt < ASK_MIN_DOC_COVERAGE)
				s->names_ok = false;
		}
		s->score = sc;
		s->coverage = total[s->qs] > 0 ? matched / total[s->qs] : 0;
	}
}

static char *
clean_sentence(const char *p, size_t n)
{
	char *s = malloc(n + 1);
	size_t i, o = 0;
	bool space = false;

	if (s == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			space = true;
			continue;
		}
		if (space && o > 0)
			s[o++] = ' ';
		space = false;
		s[o++] = c;
	}
	s[o] = '\0';
	return s;
}

static bool
passes(const struct sent *s)
{
	return s->coverage >= ASK_MIN_COVERAGE && s->score >= ASK_MIN_SCORE &&
	    s->names_ok;
}

int
ask_answer(const char *question, const struct ask_doc *docs,
    size_t n_docs, const struct ask_opts *opts, struct ask_result *out,
    struct err *e)
{
	struct ask_work w;
	struct text_ctx *own = NULL;
	struct text_lang_guess g;
	char fq[ASK_MAX_QUESTION * 3 + 8], lang[4];
	size_t qn, i, j, pick[5];
	uint64_t seen[5];
	unsigned max = ASK_DEFAULT_ANSWERS, qs, np = 0;
	enum qtype qt;
	int rc = 0, m;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	if (question == NULL || *question == '\0')
		return err_set(e, ERR_INVAL, "ask: empty question");
	if (opts != NULL && opts->max_answers > 0)
		max = opts->max_answers < 5 ? opts->max_answers : 5;
	if (n_docs > ASK_MAX_DOCS)
		n_docs = ASK_MAX_DOCS;
	qn = utf8_cut(question, strlen(question), ASK_MAX_QUESTION);
	m = text_fold_into(question, qn, TEXT_FOLD_CASE | TEXT_FOLD_MARKS,
	    fq, sizeof(fq));
	if (m < 0)
		fq[0] = '\0';
	qt = question_type(question, qn);
	w.tc = opts != NULL ? opts->text : NULL;
	if (w.tc == NULL && (w.tc = own = text_ctx_new()) == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n_docs; i++) {
		const struct ask_doc *d = &docs[i];

		if (d->text == NULL)
			continue;
		text_lang_norm(d->lang, lang);
		if (strcmp(lang, "und") == 0) {
			text_detect_lang(d->text, strlen(d->text), &g);
			memcpy(lang, g.lang, sizeof(lang));
		}
		if ((rc = query_set(&w, question, qn, fq, lang, d, &qs)) != 0 ||
		    (rc = add_doc(&w, i, d, qs)) != 0)
			goto out;
	}
	score_all(&w, qt);
	/* Best first; ties keep document and text order. */
	while (np < max) {
		size_t best = w.n_s;
		uint64_t h;

		for (i = 0; i < w.n_s; i++) {
			bool taken = false;

			if (!passes(&w.s[i]))
				continue;
			for (j = 0; j < np; j++)
				taken |= pick[j] == i;
			if (taken)
				continue;
			if (best == w.n_s || w.s[i].score > w.s[best].score)
				best = i;
		}
		if (best == w.n_s || (np > 0 && w.s[best].score <
		    ASK_FOLLOW_RATIO * w.s[pick[0]].score))
			break;
		/* The same sentence syndicated in two articles: once. */
		{
			const struct sent *s = &w.s[best];
			char buf[512];
			int k = text_fold_into(docs[s->doc].text + s->off,
			    s->len < 400 ? s->len : 400, TEXT_FOLD_CASE |
			    TEXT_FOLD_MARKS, buf, sizeof(buf));

			h = text_hash64(buf, k > 0 ? (size_t)k : 0);
		}
		for (j = 0; j < np && seen[j] != h; j++)
			;
		pick[np] = best;
		seen[np] = h;
		if (j < np) {
			/* Mark it used without answering with it. */
			w.s[best].score = -1;
			continue;
		}
		np++;
	}
	if (np == 0)
		goto out;
	if ((out->v = calloc(np, sizeof(*out->v))) == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < np; i++) {
		const struct sent *s = &w.s[pick[i]];

		out->v[i].doc = s->doc;
		out->v[i].score = s->score;
		if ((out->v[i].sentence = clean_sentence(docs[s->doc].text +
		    s->off, s->len)) == NULL) {
			rc = ERR_NOMEM;
			goto out;
		}
		out->n++;
	}
out:
	text_sentences_release(&w.sl);
	free(w.s);
	text_ctx_free(own);
	if (rc != 0) {
		ask_result_release(out);
		return err_set(e, rc, "ask: %s", err_name(rc));
	}
	return 0;
}

void
ask_result_release(struct ask_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		free(r->v[i].sentence);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}
