/*
 * nlp/tags.h: publisher tags mapped to one canonical tag.
 *
 * A tag's canonical key ignores case, diacritics, white space, punctuation
 * and simple plurals, so "Climate change", "climate-change",
 * "CLIMATE_CHANGE" and "Climate Changes" share the key "climatechange".
 * The key is built in steps:
 *   1. Unicode compatibility decomposition, case folding and removal of
 *      combining marks (utf8proc): "Zürich" -> "zurich", "Straße" ->
 *      "strasse".
 *   2. Apostrophes vanish ("Women's" -> "womens"); every other character
 *      that is not a letter or digit (space, hyphen, underscore, dot,
 *      slash...) ends a word.
 *   3. The last word loses a simple plural (below), then the words are
 *      joined with nothing between them, so "ClimateChange" and
 *      "climate change" meet too.
 * Plural rule for English (lang NULL, "" or "en*"), applied to a last word
 * of at least 4 letters that is not in a short list of exceptions (news,
 * means, series, species, lens, physics, ...):
 *   -ies -> -y and, so that "movie"/"movies" agree, a final -ie -> -y;
 *   -sses, -uses, -xes, -ches, -shes, -zzes lose "es" (classes, buses,
 *   taxes, churches, crashes);
 *   words ending in -ss, -us, -is keep their s (class, virus, crisis);
 *   any other final s goes (elections, horses, cases).
 * French and Spanish drop a final s or x; German drops a final -en, -e
 * or -s; other languages keep the word. The rule is a normaliser, not a
 * lemmatiser: it only has to give a singular and its plural the same key.
 * Known misses: -oes plurals (heroes), irregular plurals (children).
 *
 * struct tag_index counts the spellings of each key and offers the display
 * form (the most common spelling; on a tie the capitalised one), and
 * splits glued tag strings ("Harbor AuthorityportsShippingstrikeNorthbay")
 * when every piece is a known tag. It is incremental: the ingest adds tags
 * as articles arrive. Pure: no I/O, no globals.
 */
#ifndef TD_NLP_TAGS_H
#define TD_NLP_TAGS_H

#include "base/common.h"

struct buf;

/* Longest tag string considered (bytes); longer ones are ERR_TOOBIG. */
#define TAG_MAX_BYTES 512
/* Spellings remembered per key; rarer new ones are counted, not kept. */
#define TAG_MAX_SPELLINGS 16
/* Glued strings longer than this are not split (bytes). */
#define TAG_SPLIT_MAX_BYTES 256
/* Most pieces a glued string is split into. */
#define TAG_SPLIT_MAX_PIECES 16
/* A tag used at least twice whose key is this short and that has no
 * lower-to-upper case change or list separator is not tried for a split
 * (saves the search on the common tags: "Shipping", "weather"). */
#define TAG_SPLIT_SHORT 10
/* Shortest piece (folded letters and digits) a split may produce. */
#define TAG_SPLIT_MIN_PIECE 2

/* Append the folded words of s to out, separated by single spaces: case
 * folded, diacritics removed, apostrophes dropped, any other non-letter,
 * non-digit a separator (steps 1 and 2 above). Entities and keyphrases use
 * it too. Returns 0, ERR_NOMEM or ERR_TOOBIG. */
int tag_fold(const char *s, size_t n, struct buf *out);

/* tag_fold into a fixed array: dst (cap bytes) receives the folded words
 * and a NUL. Returns their length, or -1 when they do not fit (nothing
 * else fails). No allocation. */
int tag_fold_into(const char *s, size_t n, char *dst, size_t cap);

/* Replace out's contents with the canonical key of tag s for language lang
 * (an ISO 639 code such as "en", "fr-CA"; NULL means English). The key may
 * be empty (a tag of only punctuation). Returns 0, ERR_NOMEM, or
 * ERR_TOOBIG when s is longer than TAG_MAX_BYTES. */
int tag_key(const char *s, size_t n, const char *lang, struct buf *out);

/* The same rule on one folded word, in place: returns the new length. */
size_t tag_singular(char *w, size_t n, const char *lang);

struct tag_index;

/* A new, empty index; NULL when out of memory. */
struct tag_index *tag_index_new(void);
/* Accepts NULL. */
void tag_index_free(struct tag_index *ix);

/* Record count uses of tag s (as the publisher wrote it) in language lang.
 * The spelling is kept trimmed with inner white space collapsed. A tag
 * whose key is empty is ignored. Returns 0, ERR_NOMEM or ERR_TOOBIG. */
int tag_index_add(struct tag_index *ix, const char *s, size_t n,
    const char *lang, uint32_t count);

/* Declare s a known name (from the entity list or the gazetteer), so that
 * glued strings may split on it even before any publisher used it as a
 * tag. Its spelling is the display form only while no publisher spelling
 * exists. Returns 0, ERR_NOMEM or ERR_TOOBIG. */
int tag_index_add_known(struct tag_index *ix, const char *s, size_t n,
    const char *lang);

/* How often key was added as a tag (0 when unknown or only "known"). */
uint32_t tag_index_count(const struct tag_index *ix, const char *key);

/* True when the key was added as a tag or a known name. */
bool tag_index_known(const struct tag_index *ix, const char *key);

/* The display form of a key: its most common spelling; on a tie the
 * capitalised one ("Climate change" over "climate change"; an all-capital
 * spelling counts as capitalised only up to 5 letters, i.e. an acronym),
 * then the bytewise smallest. NULL when the key is unknown. Valid until the
 * next add. */
const char *tag_index_display(const struct tag_index *ix, const char *key);

/* The display form for a raw tag string (key computed for lang); NULL when
 * unknown. Valid until the next add. */
const char *tag_index_display_of(const struct tag_index *ix, const char *s,
    size_t n, const char *lang);

/* Number of distinct keys. */
size_t tag_index_size(const struct tag_index *ix);

/* One piece of a split: a byte range of the input, trimmed of white space
 * and punctuation at both ends. */
struct tag_piece {
	size_t off;
	size_t len;
};

struct tag_split {
	struct tag_piece piece[TAG_SPLIT_MAX_PIECES];
	size_t n;
};

/* Split a glued tag string into known tags. out->n is 0 when s is not
 * split (some piece would be unknown, the string is itself a tag used at
 * least as often as its would-be pieces, or it is too long), else 2 or
 * more. Splitting is dynamic programming over code-point boundaries, case
 * insensitive, preferring fewer pieces and then cuts at natural boundaries
 * (a lower-case letter followed by a capital, or white space). A piece
 * must be a known key of at least TAG_SPLIT_MIN_PIECE characters. Returns
 * 0, ERR_NOMEM. */
int tag_index_split(const struct tag_index *ix, const char *s, size_t n,
    const char *lang, struct tag_split *out);

/* Split again the tags that may have become glued strings of known tags
 * since they were last tried: a tag added before its pieces were known
 * ("quaywalkout" before "quay" and "walkout"). Only tags tried before the
 * index last grew are looked at, and only those whose key starts and ends
 * with a known key are split (tag_index_split, in lang). fn gets the key,
 * the display form that was split and its pieces; when it returns 0 the
 * key counts as no publisher tag any more (later uses split), above 0 it
 * stays one (fn could not use the split), below 0 the walk stops with
 * that error. Returns 0, ERR_INVAL, ERR_NOMEM or fn's error. */
int tag_index_resplit(struct tag_index *ix, const char *lang,
    int (*fn)(void *arg, const char *key, const char *display,
    const struct tag_split *sp), void *arg);

#endif
