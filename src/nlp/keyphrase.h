/*
 * nlp/keyphrase.h: the phrases an article is about, for articles whose
 * publisher gave few tags.
 *
 * Candidates are Snowball-stemmed single words and 2-3 word phrases in
 * the article's language (text/text.h), bounded by stop words, numbers
 * and punctuation, so they tend to be noun phrases ("dock strike", "wind
 * farm", "cod quota"). A candidate's score is its frequency in the
 * article times its inverse document frequency over the corpus, from a
 * table the caller grows as articles arrive (struct keyphrase_df); a
 * phrase gets a bonus per extra word but must occur at least twice in
 * the article or be seen in other articles too. A word capitalised only at
 * sentence starts ("Highs of 3 C"), or a phrase seen only at sentence
 * starts with a number after it ("Top temperature 8 degrees"), is a
 * template's label, not a topic; in English, common verbs and adverbs
 * ("continues", "worth", "late") end a phrase like stop words, and in
 * German a phrase must end in a (capitalised) noun. Selected phrases do not
 * repeat each other ("strike" is dropped after "dock strike"). Each is
 * returned in its most common surface form in the article.
 *
 * Pure: no I/O. The df table is not thread safe (one writer); extraction
 * only reads it, with a struct text_ctx owned by the calling thread.
 */
#ifndef TD_NLP_KEYPHRASE_H
#define TD_NLP_KEYPHRASE_H

#include "base/common.h"

struct text_ctx;
struct text_doc;

/* Longest phrase in words. */
#define KEYPHRASE_MAX_WORDS 3
/* Most phrases returned. */
#define KEYPHRASE_MAX 32
/* Content words from which a candidate must occur twice to count. */
#define KEYPHRASE_LONG_TEXT 60
/* Longest text read (bytes); the rest is ignored. */
#define KEYPHRASE_MAX_TEXT ((size_t)256 << 10)

/* Document frequencies by language and stemmed term. */
struct keyphrase_df;

/* NULL when out of memory. */
struct keyphrase_df *keyphrase_df_new(void);
/* Accepts NULL. */
void keyphrase_df_free(struct keyphrase_df *df);

/* Count one document: each candidate of text (lang: ISO 639-1, NULL for
 * English) once. tc is the caller's text context (for the stemmers).
 * Returns 0, ERR_NOMEM or ERR_TOOBIG (the table is full; it stays usable
 * and correct for what it holds). */
int keyphrase_df_add(struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, size_t n, const char *lang);

/* Documents counted for lang. */
uint32_t keyphrase_df_docs(const struct keyphrase_df *df, const char *lang);

/* Documents of lang containing term, a candidate key: stems joined by
 * single spaces (e.g. "dock strike" in English is "dock strike"). */
uint32_t keyphrase_df_count(const struct keyphrase_df *df, const char *lang,
    const char *term);

struct keyphrase {
	char *phrase;   /* surface form as most often written in the text */
	char *key;      /* stemmed key */
	double score;
	unsigned tf;    /* occurrences in the text */
};

/* Caller-owned; a zeroed struct is empty. */
struct keyphrase_list {
	struct keyphrase *v;
	size_t n;
};

void keyphrase_list_release(struct keyphrase_list *l);

/* The top max (<= KEYPHRASE_MAX) keyphrases of text, best first, into out
 * (emptied first). df may be NULL or empty (then term frequency alone
 * ranks). Returns 0 or ERR_NOMEM. */
int keyphrase_extract(const struct keyphrase_df *df, struct text_ctx *tc,
    const char *text, size_t n, const char *lang, size_t max,
    struct keyphrase_list *out);

/* keyphrase_df_add (when count) then keyphrase_extract (when max > 0)
 * over a single walk of the text, with the same results as the two calls
 * in that order at about the cost of one. out is emptied first. Returns
 * 0, ERR_NOMEM, or ERR_INVAL (no df, tc or text). A full table is not
 * an error here. */
int keyphrase_df_add_extract(struct keyphrase_df *df, bool count,
    struct text_ctx *tc, const char *text, size_t n, const char *lang,
    size_t max, struct keyphrase_list *out);

/* keyphrase_df_add_extract over a text already tokenized (text_doc_build,
 * in doc->lang): the same results without walking the text again. */
int keyphrase_df_add_extract_doc(struct keyphrase_df *df, bool count,
    struct text_ctx *tc, const struct text_doc *doc, size_t max,
    struct keyphrase_list *out);

#endif
