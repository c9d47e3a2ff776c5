/*
 * core/answer.h: a reader's question answered from a stored article and
 * its related articles.
 *
 * The documents are the article and up to ANSWER_MAX_RELATED of its
 * related articles (store_article_related), each as the text of its body
 * without the folded boilerplate, with its language and entity names;
 * nlp/ask ranks their sentences and keeps the 1-3 that clear its
 * relevance bar. The CLI (`tidings ask`) and the site's ask form and API
 * both call this, so they agree.
 */
#ifndef TD_CORE_ANSWER_H
#define TD_CORE_ANSWER_H

#include "base/common.h"

#include "base/err.h"

struct store;

#define ANSWER_MAX_RELATED 8
/* Shown when nothing clears the bar. */
#define ANSWER_NONE "No answer found in these articles"

struct answer {
	char *text;          /* the sentence */
	int64_t article_id;
	char *source;        /* source title, may be NULL */
	char *url;           /* article link, may be NULL */
	char *title;         /* article title, may be NULL */
	double score;
};

struct answer_list {
	struct answer *v;    /* best first */
	size_t n;            /* 0: ANSWER_NONE */
};

/* Answer question from article id and its related articles; out is
 * emptied first. Returns 0 (out->n may be 0), ERR_NOTFOUND (no such
 * article), ERR_INVAL (empty question), ERR_NOMEM or a store error. */
int answer_question(struct store *s, int64_t id, const char *question,
    struct answer_list *out, struct err *e);

/* Accepts NULL; the list is empty afterwards. */
void answer_list_release(struct answer_list *l);

#endif
