/*
 * core/answer.c: questions answered from stored articles (see answer.h).
 *
 * Related articles are listed light (without bodies), then each one is
 * read in full; their number is small and fixed, so the cost of a
 * question is a handful of indexed reads plus nlp/ask over a few texts.
 */
#include "base/common.h"

#include "base/buf.h"
#include "core/answer.h"
#include "html/html.h"
#include "nlp/ask.h"
#include "store/store.h"

/* Body text handed to the ranker per article. */
#define ANSWER_DOC_TEXT ((size_t)256 << 10)
/* Entity names per article given to the ranker. */
#define ANSWER_DOC_ENTITIES 32

struct doc {
	struct store_article a;
	struct buf text;
	char *names[ANSWER_DOC_ENTITIES];
	size_t n_names;
};

struct docs {
	struct doc v[1 + ANSWER_MAX_RELATED];
	size_t n;
	int64_t related[ANSWER_MAX_RELATED];
	size_t n_related;
};

static int
on_related(void *ctx, const struct store_article *a)
{
	struct docs *d = ctx;

	if (d->n_related < ANSWER_MAX_RELATED)
		d->related[d->n_related++] = a->id;
	return 0;
}

static int
on_entity(void *ctx, const struct store_entity *en)
{
	struct doc *d = ctx;

	if (d->n_names == ANSWER_DOC_ENTITIES || en->name == NULL)
		return 0;
	if ((d->names[d->n_names] = strdup(en->name)) == NULL)
		return ERR_NOMEM;
	d->n_names++;
	return 0;
}

/* The article's text without its folded boilerplate. */
static int
doc_load(struct store *s, int64_t id, struct doc *d, struct err *e)
{
	int rc;

	buf_init(&d->text, ANSWER_DOC_TEXT);
	if ((rc = store_article_get(s, id, &d->a, e)) != 0)
		return rc;
	if (d->a.body_main && d->a.body_main[0]) {
		rc = html_to_text(d->a.body_main, strlen(d->a.body_main),
		    &d->text, e);
		if (rc == ERR_TOOBIG)
			rc = 0; /* the start of a very long body will do */
		if (rc != 0)
			return rc;
	} else if (d->a.content_text) {
		size_t n = strlen(d->a.content_text);

		if (n > ANSWER_DOC_TEXT - 1)
			n = ANSWER_DOC_TEXT - 1;
		if (buf_append(&d->text, d->a.content_text, n) != 0)
			return err_set(e, ERR_NOMEM, "out of memory");
	}
	if (buf_putc(&d->text, '\0') != 0)
		return err_set(e, ERR_NOMEM, "out of memory");
	return store_article_entities(s, id, on_entity, d, e);
}

static void
doc_release(struct doc *d)
{
	store_article_release(&d->a);
	buf_release(&d->text);
	for (size_t i = 0; i < d->n_names; i++)
		free(d->names[i]);
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int
answer_question(struct store *s, int64_t id, const char *question,
    struct answer_list *out, struct err *e)
{
	struct docs *d = calloc(1, sizeof(*d));
	struct ask_doc ad[1 + ANSWER_MAX_RELATED];
	struct ask_result r = { 0 };
	int rc;

	answer_list_release(out);
	if (d == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	if (question == NULL || question[0] == '\0') {
		rc = err_set(e, ERR_INVAL, "the question is empty");
		goto out;
	}
	if ((rc = doc_load(s, id, &d->v[0], e)) != 0)
		goto out;
	d->n = 1;
	if ((rc = store_article_related(s, id, ANSWER_MAX_RELATED, on_related,
	    d, e)) != 0)
		goto out;
	for (size_t i = 0; i < d->n_related; i++) {
		rc = doc_load(s, d->related[i], &d->v[d->n], e);
		d->n++;
		if (rc == ERR_NOTFOUND) {
			/* Removed in between: leave it out. */
			doc_release(&d->v[--d->n]);
			memset(&d->v[d->n], 0, sizeof(d->v[d->n]));
			continue;
		}
		if (rc != 0)
			goto out;
	}
	memset(ad, 0, sizeof(ad));
	for (size_t i = 0; i < d->n; i++) {
		const struct store_article *a = &d->v[i].a;

		ad[i].id = a->id;
		ad[i].source = a->source_title;
		ad[i].url = a->url;
		ad[i].text = buf_cstr(&d->v[i].text);
		ad[i].lang = a->lang ? a->lang : a->language;
		ad[i].entities = (const char *const *)d->v[i].names;
		ad[i].n_entities = d->v[i].n_names;
	}
	if ((rc = ask_answer(question, ad, d->n, NULL, &r, e)) != 0)
		goto out;
	if (r.n > 0 && (out->v = calloc(r.n, sizeof(*out->v))) == NULL) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct store_article *a = &d->v[r.v[i].doc].a;
		struct answer *x = &out->v[out->n++];

		x->article_id = a->id;
		x->score = r.v[i].score;
		x->text = strdup(r.v[i].sentence);
		x->source = dup_or_null(a->source_title);
		x->url = dup_or_null(a->url);
		x->title = dup_or_null(a->title);
		if (x->text == NULL || (a->source_title && !x->source) ||
		    (a->url && !x->url) || (a->title && !x->title)) {
			rc = err_set(e, ERR_NOMEM, "out of memory");
			goto out;
		}
	}
out:
	if (rc != 0)
		answer_list_release(out);
	ask_result_release(&r);
	for (size_t i = 0; i < d->n; i++)
		doc_release(&d->v[i]);
	if (d->n == 0)
		doc_release(&d->v[0]);
	free(d);
	return rc;
}

void
answer_list_release(struct answer_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].source);
		free(l->v[i].url);
		free(l->v[i].title);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
