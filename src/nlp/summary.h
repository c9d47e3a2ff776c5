/*
 * nlp/summary.h: an extractive summary and key points of one article.
 *
 * The summary is 2-3 sentences of the article, in their original order;
 * key points are 3-5 short, distinct, informative sentences. Sentences are
 * scored by a blend of position (news puts the gist first), centrality
 * (stemmed TF-IDF cosine with the article's centroid and with the other
 * sentences) and form (very short or long sentences, quotes, datelines,
 * "Read more", photo credits and questions are penalised or dropped),
 * then chosen greedily with redundancy removal (MMR). Publisher
 * boilerplate paragraphs, as nlp/boilerplate.h identifies them, are left
 * out entirely.
 *
 * Pure, deterministic (same input, same output, on every machine) and
 * thread-safe as long as each thread passes its own text_ctx (or none).
 * Work is linear in the text plus quadratic in the number of candidate
 * sentences, which is capped (SUMMARY_MAX_CANDIDATES).
 */
#ifndef TD_NLP_SUMMARY_H
#define TD_NLP_SUMMARY_H

#include "base/common.h"

#include "base/err.h"

struct text_ctx;
struct text_doc;

/* Texts longer than this are summarised from their first bytes. */
#define SUMMARY_MAX_TEXT ((size_t)1 << 20)
/* Sentences considered for the summary (the first ones of the text). */
#define SUMMARY_MAX_CANDIDATES 200
#define SUMMARY_DEFAULT_SENTENCES 3
#define SUMMARY_DEFAULT_KEY_POINTS 5

/* Called for every paragraph; return true when it is boilerplate. */
typedef bool (*summary_boilerplate_fn)(void *arg, const char *para,
    size_t n);

struct summary_opts {
	/* Paragraphs to leave out, any of three ways (all may be empty):
	 * their texts, their nlp/boilerplate.h fingerprints, or a
	 * callback. Texts and paragraphs are compared by fingerprint, so
	 * white space, case and punctuation do not matter. */
	const char *const *exclude;
	size_t n_exclude;
	const uint64_t *exclude_fps;
	size_t n_exclude_fps;
	summary_boilerplate_fn is_boilerplate;
	void *arg;
	unsigned max_sentences;  /* 0: SUMMARY_DEFAULT_SENTENCES (max 5) */
	unsigned max_key_points; /* 0: SUMMARY_DEFAULT_KEY_POINTS (max 8) */
	/* Baseline for evaluation: when > 0, the summary is the first lead
	 * sentences of the body as an outside scorer takes them (headline,
	 * byline, dateline, furniture and boilerplate left out), with no
	 * scoring. */
	unsigned lead;
	/* Optional per-thread text context to reuse (stemmers); NULL: one
	 * is made for the call. */
	struct text_ctx *text;
	/* Optional: the text already tokenized and split (text_doc_build
	 * over the same bytes, in the language summary_compute settles on),
	 * shared with the other steps of an analysis; NULL or another text:
	 * the summary walks the text itself. */
	const struct text_doc *doc;
};

struct summary {
	char *text;          /* the summary sentences joined by a space */
	char **sentences;    /* n_sentences strings, in text order */
	size_t n_sentences;
	char **key_points;   /* n_key_points strings, in text order */
	size_t n_key_points;
	char lang[4];        /* the language used ("und" when unknown) */
};

/* Summarise text (valid UTF-8, plain text, paragraphs separated by blank
 * lines) in language lang (ISO code; NULL, "" or "und": detected). opts
 * may be NULL. On success *out holds heap strings the caller frees with
 * summary_release; a text with no usable sentence gives an empty summary
 * (text "", no sentences), not an error. Returns 0, ERR_INVAL (NULL
 * text), or ERR_NOMEM. */
int summary_compute(const char *text, const char *lang,
    const struct summary_opts *opts, struct summary *out, struct err *e);

/* Free what summary_compute put in s; s is zeroed. Accepts NULL. */
void summary_release(struct summary *s);

#endif
