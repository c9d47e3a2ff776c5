/*
 * text/text.h: words, their normal forms and the language they are in.
 *
 * The text layer turns valid UTF-8 into tokens (words, numbers, single CJK
 * characters), folds them (case, diacritics), stems them with Snowball in
 * the text's language, knows the stop words of en, fr, de, es and ar,
 * guesses a text's language, splits text into sentences (text/sentence.h)
 * and fingerprints it (simhash over word shingles) for near-duplicate
 * detection. Everything here is pure computation: no I/O, no globals that
 * change, no printing. libstemmer is used only in this directory.
 *
 * Threads: Snowball stemmers are not thread-safe, so they live in a
 * struct text_ctx that one thread owns at a time (one per worker, or one
 * per call). Everything that takes no text_ctx is safe to call from any
 * thread.
 *
 * Input is assumed to be valid UTF-8 (checked at the border, base/utf8.h);
 * invalid bytes are skipped as separators, never read past n.
 */
#ifndef TD_TEXT_TEXT_H
#define TD_TEXT_TEXT_H

#include "base/common.h"

#include "base/err.h"
#include "base/str.h"

struct buf;
struct text_sentences;

/* Words longer than this (in bytes) are kept as tokens but not stemmed or
 * folded beyond it: nothing natural is that long, and it bounds work. */
#define TEXT_WORD_MAX 64

/* ---- Tokens ---------------------------------------------------------- */

enum text_tok_kind {
	TEXT_TOK_WORD = 1,  /* letters (maybe with digits, ' or - inside) */
	TEXT_TOK_NUMBER,    /* digits, with . , inside ("3.5", "12,000") */
	TEXT_TOK_CJK,       /* one Han, kana or Hangul-less CJK character */
};

/* Token flags. */
#define TEXT_TOK_CAP 0x1u     /* first letter is upper/title case */
#define TEXT_TOK_ALLCAPS 0x2u /* two or more letters, all upper case */
#define TEXT_TOK_HAS_DIGIT 0x4u /* a word with digits in it ("G7", "4x4") */

struct text_tok {
	struct str s;        /* the token as it appears in the input */
	size_t off;          /* byte offset of s.p in the input */
	enum text_tok_kind kind;
	unsigned flags;      /* TEXT_TOK_* */
};

/* A cursor over a text. Zero-size state; no allocation. */
struct text_iter {
	const char *s;
	size_t n;
	size_t pos;
};

void text_iter_init(struct text_iter *it, const char *s, size_t n);

/* The next token into *tok (OUT); false at the end. Apostrophes (' and
 * U+2019) and hyphens join letters on both sides ("l'état", "don't",
 * "well-known"); a trailing possessive "'s" stays with its word (callers
 * that index may drop it with text_fold). Periods and commas join digits
 * on both sides ("3.5", "12,000"). Each CJK ideograph or kana is its own
 * token, so callers that want bigrams pair neighbouring CJK tokens. */
bool text_iter_next(struct text_iter *it, struct text_tok *tok);

/* ---- Normal forms ---------------------------------------------------- */

#define TEXT_FOLD_CASE 0x1u  /* Unicode case folding */
#define TEXT_FOLD_MARKS 0x2u /* strip diacritics (é->e, أ->ا, harakat) */
#define TEXT_FOLD_POSSESSIVE 0x4u /* drop a final 's / ’s */

/* Append the folded form of s to out. ASCII takes a fast path; other code
 * points go through utf8proc (NFD, case fold, marks stripped when asked;
 * Hangul syllables are left composed). Returns 0 or ERR_NOMEM/ERR_TOOBIG. */
int text_fold(const char *s, size_t n, unsigned flags, struct buf *out);

/* The same into a fixed array: dst (cap bytes) gets the folded form and a
 * NUL; returns its length, or -1 when it does not fit. No allocation. */
int text_fold_into(const char *s, size_t n, unsigned flags, char *dst,
    size_t cap);

/* Language codes: ISO 639-1 ("en"), or "und" when unknown. Every function
 * taking lang accepts NULL, "", "und" or an unsupported code and then does
 * the neutral thing (no stemming, no stop words). A region suffix
 * ("en-GB", "pt_BR") is ignored. */

/* True when Snowball has a stemmer for lang. */
bool text_lang_has_stemmer(const char *lang);

/* True when we have a stop-word list for lang (en, fr, de, es, ar). */
bool text_lang_has_stopwords(const char *lang);

/* Is word (already folded with TEXT_FOLD_CASE|TEXT_FOLD_MARKS) a stop word
 * of lang? Thread-safe, no allocation. */
bool text_is_stopword(const char *lang, const char *word, size_t n);

/* The stop list text_is_stopword uses for lang, found once for many
 * look-ups (finding it parses lang and searches the lists, which costs
 * more than the look-up itself); NULL when lang has none. Thread-safe,
 * no allocation. */
struct text_stoplist;
const struct text_stoplist *text_stoplist_of(const char *lang);

/* text_is_stopword against a list from text_stoplist_of: false for a
 * NULL list. */
bool text_stoplist_contains(const struct text_stoplist *l,
    const char *word, size_t n);

/* ---- Stemming (needs a context) -------------------------------------- */

/* Per-thread state: a small cache of Snowball stemmers and scratch
 * buffers. Create one per worker thread; never share it. */
struct text_ctx;

/* NULL only when out of memory. */
struct text_ctx *text_ctx_new(void);
void text_ctx_free(struct text_ctx *ctx);

/* The index term of one word token in lang: case folded, stemmed (when
 * lang has a stemmer), then stripped of diacritics, possessive 's dropped.
 * Result in *out (OUT), pointing into ctx's scratch space and valid until
 * the next call on ctx. Returns 0, or ERR_NOMEM. A word over
 * TEXT_WORD_MAX bytes is folded but not stemmed. */
int text_term(struct text_ctx *ctx, const char *lang, const char *word,
    size_t n, struct str *out);

/* Same, without stemming: the form stop-word lists use. */
int text_norm(struct text_ctx *ctx, const char *word, size_t n,
    struct str *out);

/* A stemmer of ctx, found once for many words (text_stem). NULL: lang
 * has none. It stays valid while ctx serves at most TEXT_CTX_STEMMERS
 * languages (past that, the oldest one's stemmer is replaced). */
#define TEXT_CTX_STEMMERS 8
struct text_stemmer;

/* The stemmer of lang into *out (OUT; NULL when lang has none). Returns 0
 * or ERR_NOMEM. */
int text_stemmer_of(struct text_ctx *ctx, const char *lang,
    const struct text_stemmer **out);

/* The stem of a word that is already folded (case and diacritics, as
 * SQLite's unicode61 tokenizer with remove_diacritics 2 folds it); unlike
 * text_term it neither folds, nor drops an elided article, nor caches
 * (a caller that sees words again keeps its own cache). *out (OUT) points
 * into the stemmer, valid until its next use, or at word itself when st
 * is NULL or the word is over TEXT_WORD_MAX bytes. Only the thread that
 * owns st's ctx may call this. Returns 0 or ERR_NOMEM. */
int text_stem(const struct text_stemmer *st, const char *word, size_t n,
    struct str *out);

/* One term of a text, as text_terms hands it over. */
struct text_term {
	struct str term;        /* index term (see text_term); scratch */
	const struct text_tok *tok; /* the token it came from */
	bool stop;              /* a stop word of the language */
	uint64_t hash;          /* text_hash64 of term (cached with it) */
};

/* Return non-zero to stop the walk (that value is returned). */
typedef int (*text_term_fn)(void *arg, const struct text_term *t);

#define TEXT_TERMS_STOPWORDS 0x1u /* also report stop words (stop=true) */
#define TEXT_TERMS_NUMBERS 0x2u   /* also report numbers (as written) */

/* Walk the terms of a text: each word token (and CJK character, and
 * number when asked) becomes a text_term given to fn. Stop words are
 * skipped unless TEXT_TERMS_STOPWORDS (then their term is the folded word,
 * unstemmed). Returns 0, ERR_NOMEM, or fn's
 * non-zero value. */
int text_terms(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, unsigned flags, text_term_fn fn, void *arg);

/* ---- One text, tokenized once ------------------------------------------ */

/* Every token of a text with its term, as text_terms would report it
 * with TEXT_TERMS_STOPWORDS | TEXT_TERMS_NUMBERS, plus the text's
 * sentences. The analysis of an article (summary, keyphrases, entities)
 * reads one of these instead of tokenizing, folding and stemming the same
 * text once per step. */
struct text_doc_tok {
	struct text_tok tok;  /* tok.s points into the text */
	size_t term_off;      /* the term: bytes of text_doc.terms */
	uint32_t term_len;
	bool stop;            /* a stop word (term folded, not stemmed) */
	uint64_t hash;        /* text_hash64 of the term */
};

struct text_doc {
	const char *s;        /* the text (borrowed) */
	size_t n;
	char lang[4];         /* the language tokens were made for */
	struct text_doc_tok *v;
	size_t n_tok, cap;
	char *terms;          /* the terms, back to back */
	struct text_sentences *sl; /* sentences of s in lang */
};

/* Tokenize, term and sentence-split s (n bytes) in lang into d (OUT; a
 * zeroed struct, or one released). s must outlive d. Returns 0 or
 * ERR_NOMEM; the sentence list may be cut short at TEXT_SENTENCES_MAX
 * (as text_split_sentences does), which is not an error. */
int text_doc_build(struct text_ctx *ctx, const char *lang, const char *s,
    size_t n, struct text_doc *d);

/* The term of token i of d. */
static inline struct str
text_doc_term(const struct text_doc *d, size_t i)
{
	struct str t = { d->terms + d->v[i].term_off, d->v[i].term_len };

	return t;
}

/* The first token of d at or after byte offset off (d->n_tok if none). */
size_t text_doc_find(const struct text_doc *d, size_t off);

/* Free what d holds; d is zeroed. Accepts NULL. */
void text_doc_release(struct text_doc *d);

/* ---- Language detection ---------------------------------------------- */

struct text_lang_guess {
	char lang[4];       /* ISO 639-1 code, or "und" */
	double confidence;  /* 0..1 */
};

/* Guess the language of s from its script (Arabic, Persian and Urdu
 * letters, Hebrew, Cyrillic, Greek, Han, kana, Hangul, Thai, Devanagari)
 * and, for Latin script, from stop-word hit rates (en, fr, de, es, it, pt,
 * nl). Only the first TEXT_DETECT_MAX bytes are looked at. "und" with a
 * low confidence when the text is too short or the evidence is weak.
 * Thread-safe, no allocation. */
#define TEXT_DETECT_MAX ((size_t)16 << 10)
void text_detect_lang(const char *s, size_t n, struct text_lang_guess *out);

/* The same evidence for a stream of words that are already folded (case
 * and diacritics): Arabic against Latin script, then the Latin stop-word
 * vote of text_detect_lang. For a caller that tokenizes anyway and
 * should not pay for a second pass; zero the struct, add words, ask.
 * Thread-safe (the state is the caller's), no allocation. */
struct text_lang_vote {
	uint32_t hits[8];     /* stop-word hits per detection list */
	uint32_t latin, arabic, other; /* words by script */
};

/* What the vote needs to know of a folded word, apart from the word
 * itself: the detection lists it is a stop word of, one bit each (a
 * caller may cache it with the word). */
unsigned text_lang_vote_mask(const char *w, size_t n);

/* Count a word and its mask (from text_lang_vote_mask). */
void text_lang_vote_word(struct text_lang_vote *v, const char *w,
    size_t n, unsigned mask);

/* The guess from the words so far, as text_detect_lang would make it
 * from their stop words (Latin) or script (Arabic: "ar"). */
void text_lang_vote_result(const struct text_lang_vote *v,
    struct text_lang_guess *out);

/* Normalise a declared language tag ("en-US", "FR", "pt_BR") to its
 * two-letter code in out (OUT, 4 bytes); "und" when it has none. */
void text_lang_norm(const char *tag, char out[4]);

/* ---- Fingerprints ---------------------------------------------------- */

/* 64-bit FNV-1a of bytes; stable across runs and machines. */
uint64_t text_hash64(const void *p, size_t n);

/* Number of words per shingle used by text_simhash. */
#define TEXT_SHINGLE_WORDS 3

/* A 64-bit simhash of s over shingles of TEXT_SHINGLE_WORDS consecutive
 * folded words (stop words included, so short texts still have shingles;
 * texts shorter than a shingle use their words). Near-duplicates differ
 * in few bits (text_simhash_distance <= 3 is a good "same text" bar).
 * Returns 0 into *out for a text with no words. */
int text_simhash(struct text_ctx *ctx, const char *s, size_t n,
    uint64_t *out);

/* Hamming distance between two simhashes (0..64). */
int text_simhash_distance(uint64_t a, uint64_t b);

#endif
