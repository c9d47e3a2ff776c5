/*
 * text/doc.c: a text tokenized, termed and split into sentences once (see
 * text.h, struct text_doc).
 *
 * The tokens come from text_terms, so a token's term is exactly what a
 * step that walked the text itself would have seen; only the walking is
 * shared. Terms are copied out of the context's scratch space, which the
 * next token overwrites, into one buffer, and are addressed by offset
 * because that buffer moves as it grows.
 */
#include "base/common.h"

#include "base/buf.h"
#include "text/sentence.h"
#include "text/text.h"

struct build {
	struct text_doc *d;
	struct buf terms;
};

static int
on_doc_term(void *arg, const struct text_term *t)
{
	struct build *b = arg;
	struct text_doc *d = b->d;
	struct text_doc_tok *e;

	if (d->n_tok == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		struct text_doc_tok *v = realloc(d->v, cap * sizeof(*v));

		if (v == NULL)
			return ERR_NOMEM;
		d->v = v;
		d->cap = cap;
	}
	e = &d->v[d->n_tok];
	e->tok = *t->tok;
	e->term_off = b->terms.len;
	e->term_len = (uint32_t)t->term.n;
	e->stop = t->stop;
	e->hash = t->hash;
	/* Room was made for the usual case up front: grow only past it.
	 * The terms are addressed by offset and length, so the NUL the
	 * buffer keeps is written once, at the end. */
	if (b->terms.cap - b->terms.len <= t->term.n &&
	    buf_grow(&b->terms, t->term.n) != 0)
		return ERR_NOMEM;
	memcpy(b->terms.p + b->terms.len, t->term.p, t->term.n);
	b->terms.len += t->term.n;
	d->n_tok++;
	return 0;
}

int
text_doc_build(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, struct text_doc *d)
{
	struct build b = { d, BUF_INIT };
	int rc;

	memset(d, 0, sizeof(*d));
	d->s = s;
	d->n = n;
	text_lang_norm(lang, d->lang);
	buf_init(&b.terms, SIZE_MAX);
	if ((d->sl = calloc(1, sizeof(*d->sl))) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	/* Room for the terms of a typical text in one allocation: a term
	 * is rarely longer than its token. */
	if (buf_grow(&b.terms, n + 64) != 0) {
		rc = ERR_NOMEM;
		goto fail;
	}
	/* And for its tokens: news text has a token every six or seven
	 * bytes, so n / 6 rarely needs to grow; growing by doubling from a
	 * small array cost as much as a tenth of the build in copies. */
	d->cap = n / 6 + 32;
	if ((d->v = malloc(d->cap * sizeof(*d->v))) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	rc = text_terms(ctx, lang, s, n, TEXT_TERMS_STOPWORDS |
	    TEXT_TERMS_NUMBERS, on_doc_term, &b);
	if (rc != 0)
		goto fail;
	b.terms.p[b.terms.len] = '\0';
	rc = text_split_sentences(s, n, d->lang, d->sl);
	if (rc != 0 && rc != ERR_TOOBIG)
		goto fail;
	if ((d->terms = buf_detach(&b.terms)) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	return 0;
fail:
	buf_release(&b.terms);
	text_doc_release(d);
	return rc;
}

size_t
text_doc_find(const struct text_doc *d, size_t off)
{
	size_t lo = 0, hi = d->n_tok;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->v[mid].tok.off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
text_doc_release(struct text_doc *d)
{
	if (d == NULL)
		return;
	free(d->v);
	free(d->terms);
	if (d->sl != NULL)
		text_sentences_release(d->sl);
	free(d->sl);
	memset(d, 0, sizeof(*d));
}
