/*
 * text/doc.c: a text tokenized, termed and split into sentences once (see
 * text.h, struct text_doc).
 *
 * The tokens come from text_terms' own walk (text_terms_doc, which
 * appends them here instead of calling back per token), so a token's term
 * is exactly what a step that walked the text itself would have seen;
 * only the walking is shared. Terms are copied out of the context's
 * scratch space, which the next token overwrites, into one buffer, and
 * are addressed by offset because that buffer moves as it grows.
 */
#include "base/common.h"

#include "base/buf.h"
#include "text/sentence.h"
#include "text/text.h"
#include "text/text_int.h"

int
text_doc_build(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, struct text_doc *d)
{
	struct buf terms = BUF_INIT;
	int rc;

	memset(d, 0, sizeof(*d));
	d->s = s;
	d->n = n;
	text_lang_norm(lang, d->lang);
	buf_init(&terms, SIZE_MAX);
	if ((d->sl = calloc(1, sizeof(*d->sl))) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	/* Room for the terms of a typical text in one allocation: a term
	 * is rarely longer than its token. */
	if (buf_grow(&terms, n + 64) != 0) {
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
	rc = text_terms_doc(ctx, lang, s, n, d, &terms);
	if (rc != 0)
		goto fail;
	terms.p[terms.len] = '\0';
	rc = text_split_sentences(s, n, d->lang, d->sl);
	if (rc != 0 && rc != ERR_TOOBIG)
		goto fail;
	if ((d->terms = buf_detach(&terms)) == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	return 0;
fail:
	buf_release(&terms);
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
