/*
 * text/text_int.h: shared by the files of text/ only.
 */
#ifndef TD_TEXT_TEXT_INT_H
#define TD_TEXT_TEXT_INT_H

#include "base/common.h"

struct text_stoplist {
	const char *lang;
	const char *const *words; /* sorted by bytes, folded */
	size_t n;
	bool full;                /* usable as a stop list, not detection only */
};

extern const struct text_stoplist text_stoplists[];
extern const size_t text_n_stoplists;

/* All stop words once, with a bit per list in text_stoplists order. */
struct text_stopword {
	const char *w;
	uint8_t langs;
};
extern const struct text_stopword text_stop_all[];
extern const size_t text_n_stop_all;

/* Bit mask of the lists holding w (0: none). */
unsigned text_stop_langs(const char *w, size_t n);

/* The list for a two-letter code, or NULL. */
const struct text_stoplist *text_stoplist_find(const char *lang);

/* Bounded lookup in one list. */
bool text_stoplist_has(const struct text_stoplist *l, const char *w,
    size_t n);

/* Character classes the tokenizer and the sentence splitter share. */
enum text_cc {
	TEXT_CC_OTHER = 0,
	TEXT_CC_LETTER,
	TEXT_CC_MARK,   /* combining mark: continues a word */
	TEXT_CC_DIGIT,
	TEXT_CC_CJK,    /* Han ideograph or kana: a word on its own */
	TEXT_CC_SPACE,
};

enum text_cc text_cc(uint32_t cp);

/* Decode the code point at s[i] (n bytes in all) into *cp; returns its
 * length, or 1 with *cp = 0xFFFD for an invalid byte. i < n required. */
size_t text_decode(const char *s, size_t n, size_t i, uint32_t *cp);

/* Is cp upper or title case? */
bool text_cp_upper(uint32_t cp);

/* Is cp lower case? (Letters of caseless scripts are neither.) */
bool text_cp_lower(uint32_t cp);

struct buf;
struct text_ctx;
struct text_doc;

/* text_terms with TEXT_TERMS_STOPWORDS | TEXT_TERMS_NUMBERS, appending
 * each term to d (its token and term) and its bytes to terms, for
 * text_doc_build. Returns 0 or ERR_NOMEM. */
int text_terms_doc(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, struct text_doc *d, struct buf *terms);

/* Normalise lang to a two-letter code in out; false for none. */
bool text_lang_code(const char *lang, char out[3]);

#endif
