/*
 * text/sentence.h: splitting text into paragraphs and sentences.
 *
 * Rules are those of edited news text. A blank line always ends a
 * paragraph and a sentence; in a text with no blank line at all, every
 * line break does (extractors emit one paragraph per line). Inside a paragraph, ".", "!", "?", "…" and
 * the Arabic and Urdu marks ("؟", "۔") end a sentence when white space
 * and then a plausible sentence start follow (an upper-case or caseless
 * letter, a digit, an opening quote), after any closing quotes and
 * brackets ('."', '?”', '.)'). Full-width CJK stops end one at once.
 * A period does not end a sentence after a title ("Lt. Gen. Haftar",
 * "Dr.", "Mme", "Sra."), an initial ("J. R. Smith"), an abbreviation
 * followed by a number or a name ("No. 5", "Jan. 3", "St. Louis",
 * "U.S. Army", "z.B."), or inside a number ("3.5", "12.000"); after such
 * an abbreviation it still does when the next word is a capitalised
 * function word ("... Apple Inc. The company ...").
 *
 * Pure and thread-safe; offsets are in bytes into the caller's text.
 */
#ifndef TD_TEXT_SENTENCE_H
#define TD_TEXT_SENTENCE_H

#include "base/common.h"

#include "base/err.h"

/* Default cap on sentences per text: a long article has a few hundred. */
#define TEXT_SENTENCES_MAX 20000

struct text_sentence {
	size_t off;      /* byte offset of the first character */
	size_t len;      /* bytes, trimmed of surrounding white space */
	uint32_t para;   /* paragraph number, from 0 */
	uint32_t in_para; /* position within its paragraph, from 0 */
};

/* A growable list of sentences, reusable across texts. A zeroed struct
 * is an empty list with the default cap. */
struct text_sentences {
	struct text_sentence *v;
	size_t n, cap;
	size_t max;       /* 0: TEXT_SENTENCES_MAX */
	uint32_t n_paras; /* paragraphs seen (including empty ones: no) */
};

void text_sentences_release(struct text_sentences *l);

/* Split s (valid UTF-8, n bytes) into sentences of language lang (ISO
 * code, NULL or "und" for generic rules; fr, de and es add their own
 * abbreviations). The list is emptied first. Returns 0, ERR_NOMEM, or
 * ERR_TOOBIG when there are more sentences than l->max (the list then
 * holds the first max). */
int text_split_sentences(const char *s, size_t n, const char *lang,
    struct text_sentences *l);

/* Length in bytes of a news dateline opening s (n bytes), up to and
 * including the dash and the spaces after it: "WASHINGTON \xe2\x80\x94 ",
 * "ST. PAUL, Minn. \xe2\x80\x94 ", "BEIRUT, Lebanon (AP) - ",
 * "SAN FRANCISCO/SEOUL, Feb 19 (Reuters) - ", "PARIS, 3 mars (AFP) - ".
 * The first word is in capitals (two or more letters); the words up to a
 * comma are capitalised, and a dash stands within TEXT_DATELINE_MAX
 * bytes. 0 when s opens with no dateline, or nothing follows it. */
size_t text_dateline_len(const char *s, size_t n);

#define TEXT_DATELINE_MAX 80

#endif
