/*
 * nlp/ask.h: answer a reader's question with sentences from articles.
 *
 * Given a question and a few documents (an article and its related
 * articles), every sentence is ranked by BM25 over stemmed content terms
 * (each document in its own language), plus a boost for names shared with
 * the question (capitalised words, and the documents' known entities) and
 * for the kind of fact the question asks for: who -> a capitalised name,
 * when -> a date, where -> a capitalised place after a preposition,
 * how many / how much -> a number, why -> a cause ("because", "after").
 * The 1-3 best sentences are returned with their document; nothing at all
 * when no sentence clears the relevance bar.
 *
 * The relevance bar (ASK_MIN_COVERAGE, ASK_MIN_SCORE): a sentence must
 * match one of the question's names (capitalised words, known entities)
 * when it has any, itself or somewhere in its document (a name the
 * article is about counts for all its sentences, in coverage too), it
 * must match two query terms when the question has three or more (one
 * shared word is a coincidence), it
 * must itself contain one of the question's other content words (if
 * any: "the capital of Turkey" needs "capital", not only "Turkey"), and
 * contain query terms carrying at least ASK_MIN_COVERAGE of the question's
 * total IDF weight (terms found in no document weigh half, unless they
 * are names), its document must hold at least ASK_MIN_DOC_COVERAGE of
 * the weight of the query terms that occur in any document, and it must score at least ASK_MIN_SCORE. A question that
 * shares no content word with the text therefore never gets an answer,
 * and one that shares a single common word with a long question does not
 * either. Further answers must score at least ASK_FOLLOW_RATIO of the
 * best and not repeat it.
 *
 * Pure and deterministic; thread-safe with one text_ctx per thread.
 */
#ifndef TD_NLP_ASK_H
#define TD_NLP_ASK_H

#include "base/common.h"

#include "base/err.h"

struct text_ctx;

#define ASK_MAX_QUESTION 1000    /* bytes of question looked at */
#define ASK_MAX_QUERY_TERMS 32
#define ASK_MAX_DOCS 64
#define ASK_MAX_SENTENCES 5000   /* over all documents */
#define ASK_MAX_DOC_TEXT ((size_t)1 << 20)
#define ASK_DEFAULT_ANSWERS 3
#define ASK_MIN_COVERAGE 0.4
#define ASK_MIN_DOC_COVERAGE 0.5
#define ASK_MIN_SCORE 1.0
#define ASK_FOLLOW_RATIO 0.6

struct ask_doc {
	int64_t id;             /* article id, carried through */
	const char *source;     /* source name (may be NULL) */
	const char *url;        /* may be NULL */
	const char *text;       /* plain text, blank lines between paragraphs */
	const char *lang;       /* ISO code; NULL/"und": detected */
	const char *const *entities; /* optional entity names */
	size_t n_entities;
};

struct ask_opts {
	unsigned max_answers;   /* 0: ASK_DEFAULT_ANSWERS (at most 5) */
	struct text_ctx *text;  /* optional reusable context */
};

struct ask_answer {
	size_t doc;             /* index into the docs array */
	char *sentence;         /* heap, white space collapsed */
	double score;
};

struct ask_result {
	struct ask_answer *v;   /* best first */
	size_t n;               /* 0: "no answer found" */
};

/* Rank the sentences of docs (n_docs, at most ASK_MAX_DOCS used) for the
 * question. opts may be NULL. Returns 0 (out->n may be 0), ERR_INVAL for a
 * NULL or empty question, or ERR_NOMEM. Free with ask_result_release. */
int ask_answer(const char *question, const struct ask_doc *docs,
    size_t n_docs, const struct ask_opts *opts, struct ask_result *out,
    struct err *e);

/* Accepts NULL; the result is empty afterwards. */
void ask_result_release(struct ask_result *r);

#endif
